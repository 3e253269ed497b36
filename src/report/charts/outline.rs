//! Chart text drawn as glyph outlines, so an SVG shows its Japanese on any machine.
//!
//! A chart's SVG names `font-family="sans-serif"`; a reader without a Japanese font (a
//! council member's laptop, a screen reader's rendering service) then sees boxes. No
//! maintained Rust crate writes a web-usable font subset (`subsetter` drops the `cmap`
//! table a browser needs), so each `<text>` is drawn again as the outlines of the same
//! font the PNG uses, laid out as plotters lays it out: one `<path>` per distinct glyph in
//! `<defs>`, placed with `<use>`. The `<text>` stays, transparent, so the words remain
//! selectable, searchable and read aloud; only the ink comes from the outlines.

use ab_glyph::{Font, FontRef, GlyphId, OutlineCurve, Point};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Share of the font size a bold stroke adds (IPAexGothic has no bold face; plotters'
/// bitmap draws the regular one, the browser fakes bold with a stroke like this).
const BOLD_STROKE: f32 = 0.035;

/// The SVG with every `<text>` also drawn as outlines of `font`. Text the font cannot
/// draw (no outline) is left to the reader's fonts, as before.
pub(super) fn text_as_outlines(svg: &str, font: &FontRef<'static>) -> String {
    let prefix = format!("g{:08x}-", fnv1a(svg));
    let mut out = String::with_capacity(svg.len() * 2);
    let mut glyphs: BTreeMap<GlyphId, String> = BTreeMap::new();
    let mut rest = svg;
    while let Some(start) = rest.find("<text ") {
        let Some(tag_end) = rest[start..].find('>').map(|e| start + e) else { break };
        let Some(close) = rest[tag_end..].find("</text>").map(|e| tag_end + e) else { break };
        out.push_str(&rest[..start]);
        let tag = &rest[start..tag_end];
        let content = &rest[tag_end + 1..close];
        let text = quick_xml::escape::unescape(content.trim_matches('\n'))
            .map(|t| t.into_owned())
            .unwrap_or_default();
        match Placed::from_tag(tag) {
            Some(placed) => {
                // The words stay for reading and selection; the ink is the outlines.
                out.push_str(tag);
                out.push_str(" fill-opacity=\"0\"");
                out.push_str(&rest[tag_end..close + "</text>".len()]);
                if !text.trim().is_empty() {
                    placed.write(&text, font, &prefix, &mut glyphs, &mut out);
                }
            }
            None => out.push_str(&rest[start..close + "</text>".len()]),
        }
        rest = &rest[close + "</text>".len()..];
    }
    let Some(end) = rest.rfind("</svg>") else {
        out.push_str(rest);
        return out;
    };
    out.push_str(&rest[..end]);
    if !glyphs.is_empty() {
        out.push_str("<defs>\n");
        for (id, d) in &glyphs {
            let _ = writeln!(out, "<path id=\"{prefix}{}\" d=\"{d}\"/>", id.0);
        }
        out.push_str("</defs>\n");
    }
    out.push_str(&rest[end..]);
    out
}

/// Where and how one `<text>` is drawn, read from the attributes plotters writes.
struct Placed<'a> {
    x: f32,
    y: f32,
    size: f32,
    anchor: &'a str,
    dy: &'a str,
    fill: &'a str,
    opacity: &'a str,
    bold: bool,
    transform: Option<&'a str>,
}

impl<'a> Placed<'a> {
    fn from_tag(tag: &'a str) -> Option<Self> {
        let attr = |name: &str| -> Option<&'a str> {
            let key = format!(" {name}=\"");
            let at = tag.find(&key)? + key.len();
            let len = tag[at..].find('"')?;
            Some(&tag[at..at + len])
        };
        Some(Placed {
            x: attr("x")?.parse().ok()?,
            y: attr("y")?.parse().ok()?,
            size: attr("font-size")?.parse().ok()?,
            anchor: attr("text-anchor").unwrap_or("start"),
            dy: attr("dy").unwrap_or(""),
            fill: attr("fill").unwrap_or("#000000"),
            opacity: attr("opacity").unwrap_or("1"),
            bold: attr("font-weight") == Some("bold"),
            transform: attr("transform"),
        })
    }

    /// Writes the glyphs of `text` as `<use>` of the glyph paths (added to `glyphs`).
    fn write(
        &self,
        text: &str,
        font: &FontRef<'static>,
        prefix: &str,
        glyphs: &mut BTreeMap<GlyphId, String>,
        out: &mut String,
    ) {
        // As the PNG draws it (`bitmap.rs`): `font-size` pixels, scaled as `ab_glyph`
        // scales (by the font's height), so the outlines cover the PNG's glyphs.
        let em = self.size;
        let scaled = font.as_scaled(em);
        let k = em / font.height_unscaled();
        let mut pen = 0.0f32;
        let mut placed: Vec<(GlyphId, f32)> = Vec::new();
        let mut previous: Option<GlyphId> = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(p) = previous {
                pen += ab_glyph::ScaleFont::kern(&scaled, p, id);
            }
            if !glyphs.contains_key(&id)
                && let Some(d) = glyph_path(font, id)
            {
                glyphs.insert(id, d);
            }
            if glyphs.contains_key(&id) {
                placed.push((id, pen));
            }
            pen += ab_glyph::ScaleFont::h_advance(&scaled, id);
            previous = Some(id);
        }
        let left = match self.anchor {
            "middle" => self.x - pen / 2.0,
            "end" => self.x - pen,
            _ => self.x,
        };
        // The baseline for plotters' `dy`, with the font's own x-height, as the PNG.
        let ex = super::bitmap::x_height(font, em);
        let baseline = self.y
            + match self.dy {
                "0.76em" => 0.76 * em,
                "0.5ex" => 0.5 * ex,
                "-0.5ex" => -0.5 * ex,
                _ => 0.0,
            };
        let _ = write!(
            out,
            "<g fill=\"{}\" opacity=\"{}\" aria-hidden=\"true\"",
            self.fill, self.opacity
        );
        if self.bold {
            let width = BOLD_STROKE * self.size / k;
            let _ = write!(out, " stroke=\"{}\" stroke-width=\"{width:.0}\"", self.fill);
        }
        if let Some(transform) = self.transform {
            let _ = write!(out, " transform=\"{transform}\"");
        }
        out.push('>');
        for (id, offset) in placed {
            let _ = write!(
                out,
                "<use href=\"#{prefix}{}\" transform=\"translate({:.1} {:.1}) scale({k:.5} {:.5})\"/>",
                id.0,
                left + offset,
                baseline,
                -k
            );
        }
        out.push_str("</g>\n");
    }
}

/// One glyph's outline as path data in font units (y up), whole units; `None` for a
/// glyph with no ink (a space).
fn glyph_path(font: &FontRef<'_>, id: GlyphId) -> Option<String> {
    let outline = font.outline(id)?;
    if outline.curves.is_empty() {
        return None;
    }
    let mut d = String::new();
    let mut at: Option<Point> = None;
    let p = |point: Point| format!("{:.0} {:.0}", point.x, point.y);
    for curve in &outline.curves {
        let (start, end) = match curve {
            OutlineCurve::Line(a, b) => (*a, *b),
            OutlineCurve::Quad(a, _, c) => (*a, *c),
            OutlineCurve::Cubic(a, _, _, d) => (*a, *d),
        };
        if at != Some(start) {
            if at.is_some() {
                d.push('Z');
            }
            let _ = write!(d, "M{}", p(start));
        }
        match curve {
            OutlineCurve::Line(_, b) => {
                let _ = write!(d, "L{}", p(*b));
            }
            OutlineCurve::Quad(_, b, c) => {
                let _ = write!(d, "Q{} {}", p(*b), p(*c));
            }
            OutlineCurve::Cubic(_, b, c, e) => {
                let _ = write!(d, "C{} {} {}", p(*b), p(*c), p(*e));
            }
        }
        at = Some(end);
    }
    d.push('Z');
    Some(d)
}

/// FNV-1a: a stable id prefix per chart, so that charts inlined in one page never share
/// a glyph id (ids must be unique in an HTML document).
fn fnv1a(text: &str) -> u32 {
    text.bytes()
        .fold(0x811c_9dc5u32, |hash, byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font() -> FontRef<'static> {
        super::super::fonts::ensure_fonts();
        super::super::fonts::active_font()
    }

    const SVG: &str = "<svg width=\"200\" height=\"50\" viewBox=\"0 0 200 50\" xmlns=\"http://www.w3.org/2000/svg\">\n<text x=\"100\" y=\"10\" dy=\"0.76em\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"17\" opacity=\"1\" fill=\"#212121\" font-weight=\"bold\">\n会議 &amp; 高齢\n</text>\n<text x=\"5\" y=\"40\" dy=\"0.5ex\" text-anchor=\"start\" font-family=\"sans-serif\" font-size=\"17\" opacity=\"1\" fill=\"#212121\" transform=\"rotate(270, 5, 40)\">\n会議\n</text>\n</svg>\n";

    #[test]
    fn every_glyph_is_drawn_once_in_defs_and_placed_where_the_text_was() {
        let svg = text_as_outlines(SVG, &font());
        // The words stay, transparent: readable, searchable, still escaped.
        assert!(svg.contains("fill-opacity=\"0\">\n会議 &amp; 高齢\n</text>"), "{svg}");
        // 会 and 議 are used three times (twice in the first text, once in the second)
        // but defined once each; the space has no ink.
        let defined = svg.matches("<path id=").count();
        assert_eq!(defined, 5, "会 議 & 高 齢: {svg}");
        assert_eq!(svg.matches("<use ").count(), 7);
        // Bold gets a stroke, the rotation is kept, the ids are unique to this chart.
        assert!(svg.contains("stroke=\"#212121\""));
        assert!(svg.contains("transform=\"rotate(270, 5, 40)\""));
        let id = svg.split("<path id=\"").nth(1).unwrap().split('"').next().unwrap();
        assert!(id.starts_with(&format!("g{:08x}-", fnv1a(SVG))), "{id}");
        assert!(svg.ends_with("</defs>\n</svg>\n"));
        // The same input gives the same bytes.
        assert_eq!(svg, text_as_outlines(SVG, &font()));
    }

    #[test]
    fn middle_anchored_text_is_centred_on_its_x() {
        let svg = text_as_outlines(SVG, &font());
        let xs: Vec<f32> = svg
            .split("<use ")
            .skip(1)
            .take(5)
            .map(|u| {
                u.split("translate(").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap()
            })
            .collect();
        // Five glyphs of 「会議 & 高齢」 (the space is skipped): the first starts left of
        // 100 and the last right of it, symmetrically within a glyph's width.
        assert!(xs[0] < 100.0 && xs[4] > 100.0, "{xs:?}");
        assert!(((100.0 - xs[0]) - (xs[4] - 100.0)).abs() < 25.0, "{xs:?}");
    }

    #[test]
    fn an_svg_without_text_is_unchanged() {
        let plain = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect x=\"0\"/>\n</svg>\n";
        assert_eq!(text_as_outlines(plain, &font()), plain);
    }
}
