//! The three-tier diagram of the proposed meeting system: case meetings (個別) at the
//! bottom, community and network meetings (地域・ネットワーク) in the middle, policy
//! meetings (施策) at the top, with arrows for the paths by which a case's unmet needs
//! escalate to community work and on to policy — the layering Japan's community-based
//! integrated care asks of 地域ケア会議.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::render::{
    Chart, DrawResult, INK, MUTED, TITLE_HEIGHT, WIDTH, anchored, mix, no_data, render, text_style,
    titled,
};
use super::text::{truncate_label, wrap_label};
use super::{ChartError, Rendered};

const NAME_WIDTH: i32 = 150;
const BOX_WIDTH: i32 = 170;
const BOX_HEIGHT: i32 = 58;
const GAP: i32 = 18;
const MIN_BAND: i32 = 96;
const BOX_LABEL_COLUMNS: usize = 24;
const NAME_COLUMNS: usize = 16;
const ARROW: RGBColor = RGBColor(70, 70, 70);
/// Band tints, case → policy.
const TINTS: [RGBColor; 3] =
    [RGBColor(235, 245, 251), RGBColor(234, 247, 238), RGBColor(254, 245, 231)];
const BORDERS: [RGBColor; 3] =
    [RGBColor(0, 114, 178), RGBColor(0, 158, 115), RGBColor(230, 159, 0)];

/// A meeting (or proposed body) in [`tier_diagram`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierBox {
    /// Identifier drawn small above the label, matching the report's tables.
    pub id: String,
    /// Name drawn in the box.
    pub label: String,
    /// 0 = case (個別), 1 = community and network (地域・ネットワーク), 2 = policy (施策).
    pub tier: usize,
}

/// Three bands, policy on top, with `boxes` in their tier's band in the order given
/// (wrapping onto more rows when a tier has many), and an arrow for each `(from, to)`
/// pair of box indices. `tier_names` are the bands' names for tiers 0, 1 and 2. No boxes
/// gives the "no data" chart.
///
/// # Errors
///
/// [`ChartError::Invalid`] when a box's tier is above 2 or an arrow names a box that does
/// not exist.
pub fn tier_diagram(
    title: &str,
    tier_names: [&str; 3],
    boxes: &[TierBox],
    arrows: &[(usize, usize)],
) -> Result<Rendered, ChartError> {
    if let Some(bad) = boxes.iter().find(|b| b.tier > 2) {
        return Err(ChartError::Invalid(format!(
            "box '{}' ({}) has tier {}; tiers are 0 (case), 1 (community) and 2 (policy)",
            bad.label, bad.id, bad.tier
        )));
    }
    if let Some(&(a, b)) = arrows.iter().find(|&&(a, b)| a >= boxes.len() || b >= boxes.len()) {
        return Err(ChartError::Invalid(format!(
            "an arrow joins boxes {a} and {b}, but there are only {} boxes (numbered from 0)",
            boxes.len()
        )));
    }
    if boxes.is_empty() {
        return no_data(title);
    }
    let per_row = ((WIDTH as i32 - NAME_WIDTH - 16 + GAP) / (BOX_WIDTH + GAP)).max(1) as usize;
    let mut slots = vec![(0usize, 0usize); boxes.len()];
    let mut counts = [0usize; 3];
    for (i, b) in boxes.iter().enumerate() {
        slots[i] = (counts[b.tier] / per_row, counts[b.tier] % per_row);
        counts[b.tier] += 1;
    }
    let band_heights = counts.map(|count| {
        let rows = count.div_ceil(per_row).max(1) as i32;
        (rows * (BOX_HEIGHT + GAP) + GAP).max(MIN_BAND)
    });
    render(&Tiers { title, tier_names, boxes, arrows, slots, counts, per_row, band_heights })
}

struct Tiers<'a> {
    title: &'a str,
    tier_names: [&'a str; 3],
    boxes: &'a [TierBox],
    arrows: &'a [(usize, usize)],
    /// (row, column) of each box within its band.
    slots: Vec<(usize, usize)>,
    counts: [usize; 3],
    per_row: usize,
    band_heights: [i32; 3],
}

impl Tiers<'_> {
    /// Top of a tier's band, relative to the area under the title: policy first.
    fn band_top(&self, tier: usize) -> i32 {
        (tier + 1..3).map(|t| self.band_heights[t]).sum()
    }

    /// Top-left corner of box `i`, relative to the area under the title.
    fn box_corner(&self, i: usize) -> (i32, i32) {
        let tier = self.boxes[i].tier;
        let (row, column) = self.slots[i];
        // Centre a band's last row when it is not full.
        let in_row = (self.counts[tier] - row * self.per_row).min(self.per_row) as i32;
        let row_width = in_row * (BOX_WIDTH + GAP) - GAP;
        let free = WIDTH as i32 - NAME_WIDTH - 16;
        let x = NAME_WIDTH + (free - row_width) / 2 + column as i32 * (BOX_WIDTH + GAP);
        let y = self.band_top(tier) + GAP + row as i32 * (BOX_HEIGHT + GAP);
        (x, y)
    }

    fn draw_arrow<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        from: usize,
        to: usize,
    ) -> DrawResult<DB> {
        let (fx, fy) = self.box_corner(from);
        let (tx, ty) = self.box_corner(to);
        let (start, end) = if fy > ty {
            // Upwards: top edge to bottom edge.
            ((fx + BOX_WIDTH / 2, fy), (tx + BOX_WIDTH / 2, ty + BOX_HEIGHT))
        } else if fy < ty {
            ((fx + BOX_WIDTH / 2, fy + BOX_HEIGHT), (tx + BOX_WIDTH / 2, ty))
        } else if fx < tx {
            ((fx + BOX_WIDTH, fy + BOX_HEIGHT / 2), (tx, ty + BOX_HEIGHT / 2))
        } else {
            ((fx, fy + BOX_HEIGHT / 2), (tx + BOX_WIDTH, ty + BOX_HEIGHT / 2))
        };
        let (dx, dy) = (f64::from(end.0 - start.0), f64::from(end.1 - start.1));
        let length = (dx * dx + dy * dy).sqrt();
        if length < 1.0 {
            return Ok(());
        }
        let (ux, uy) = (dx / length, dy / length);
        let head = 10.0;
        let base = (f64::from(end.0) - ux * head, f64::from(end.1) - uy * head);
        let wing = |sign: f64| {
            ((base.0 - uy * sign * 5.0).round() as i32, (base.1 + ux * sign * 5.0).round() as i32)
        };
        let shaft_end = (base.0.round() as i32, base.1.round() as i32);
        area.draw(&PathElement::new([start, shaft_end], ARROW.stroke_width(2)))?;
        area.draw(&Polygon::new([end, wing(1.0), wing(-1.0)], ARROW.filled()))?;
        Ok(())
    }
}

impl Chart for Tiers<'_> {
    fn size(&self) -> (u32, u32) {
        let bands: i32 = self.band_heights.iter().sum();
        (WIDTH, TITLE_HEIGHT + bands as u32 + 12)
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let body = titled(root, self.title)?;
        let right = WIDTH as i32 - 8;
        for tier in (0..3).rev() {
            let top = self.band_top(tier);
            let bottom = top + self.band_heights[tier];
            body.draw(&Rectangle::new([(8, top + 2), (right, bottom - 2)], TINTS[tier].filled()))?;
            body.draw(&Rectangle::new([(8, top + 2), (14, bottom - 2)], BORDERS[tier].filled()))?;
            let style = anchored(super::render::bold_style(15.0, INK), HPos::Left, VPos::Center);
            let lines = wrap_label(self.tier_names[tier], NAME_COLUMNS, 3);
            let first = (top + bottom) / 2 - (lines.len() as i32 - 1) * 10;
            for (i, line) in lines.iter().enumerate() {
                body.draw(&Text::new(line.as_str(), (24, first + i as i32 * 20), style.clone()))?;
            }
        }
        for &(from, to) in self.arrows {
            if from != to {
                self.draw_arrow(&body, from, to)?;
            }
        }
        let id_style = anchored(text_style(10.5, MUTED), HPos::Center, VPos::Center);
        let label_style = anchored(text_style(13.0, INK), HPos::Center, VPos::Center);
        for (i, tier_box) in self.boxes.iter().enumerate() {
            let (x, y) = self.box_corner(i);
            let corners = [(x, y), (x + BOX_WIDTH, y + BOX_HEIGHT)];
            body.draw(&Rectangle::new(corners, WHITE.filled()))?;
            let border = mix(BORDERS[tier_box.tier], INK, 0.2);
            body.draw(&Rectangle::new(corners, border.stroke_width(2)))?;
            let centre = x + BOX_WIDTH / 2;
            let lines = wrap_label(&tier_box.label, BOX_LABEL_COLUMNS, 2);
            let mut line_y = y + BOX_HEIGHT / 2 - (lines.len() as i32 - 1) * 8;
            if !tier_box.id.is_empty() {
                let id = truncate_label(&tier_box.id, 28);
                body.draw(&Text::new(id.as_ref(), (centre, y + 11), id_style.clone()))?;
                line_y += 6;
            }
            for line in &lines {
                body.draw(&Text::new(line.as_str(), (centre, line_y), label_style.clone()))?;
                line_y += 16;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::render::tests::{decode, draws_text, inked_pixels};
    use super::*;

    fn tier_box(id: &str, label: &str, tier: usize) -> TierBox {
        TierBox { id: id.to_string(), label: label.to_string(), tier }
    }

    fn ja_boxes() -> Vec<TierBox> {
        vec![
            tier_box("M01", "個別ケース会議", 0),
            tier_box("M02", "要保護児童対策地域協議会 個別ケース検討会議", 0),
            tier_box("M03", "地域ケア会議（圏域）", 1),
            tier_box("M04", "自立支援協議会", 1),
            tier_box("M05", "地域福祉計画推進委員会", 2),
        ]
    }

    #[test]
    fn tier_diagram_renders_japanese_bands_boxes_and_arrows() {
        let chart = tier_diagram(
            "会議体系（再編案）",
            ["個別", "地域・ネットワーク", "施策"],
            &ja_boxes(),
            &[(0, 2), (1, 2), (2, 4), (3, 4), (2, 3)],
        )
        .unwrap();
        for text in ["個別", "地域・", "ネットワーク", "施策", "地域ケア会議（圏域）", "M05"]
        {
            assert!(draws_text(&chart.svg, text), "{text} missing");
        }
        assert!(chart.svg.contains("<polygon"), "arrow heads");
        assert!(inked_pixels(&chart.png) > 50_000);
    }

    #[test]
    fn tier_diagram_renders_english_and_wraps_a_crowded_tier() {
        let boxes: Vec<TierBox> =
            (0..12).map(|i| tier_box(&format!("C{i}"), &format!("Case meeting {i}"), 0)).collect();
        let one_row =
            tier_diagram("System", ["Case", "Community", "Policy"], &boxes[..2], &[]).unwrap();
        let chart =
            tier_diagram("System", ["Case", "Community", "Policy"], &boxes, &[(0, 11)]).unwrap();
        assert!(chart.svg.contains("Case meeting 11"));
        assert!(decode(&chart.png).1 > decode(&one_row.png).1);
        assert_eq!(
            chart,
            tier_diagram("System", ["Case", "Community", "Policy"], &boxes, &[(0, 11)]).unwrap()
        );
    }

    #[test]
    fn tier_diagram_rejects_unknown_tiers_and_dangling_arrows() {
        let error =
            tier_diagram("t", ["a", "b", "c"], &[tier_box("X", "会議", 3)], &[]).unwrap_err();
        assert!(error.to_string().contains("'会議' (X) has tier 3"), "{error}");
        let error = tier_diagram("t", ["a", "b", "c"], &ja_boxes(), &[(0, 5)]).unwrap_err();
        assert!(error.to_string().contains("boxes 0 and 5"), "{error}");
    }

    #[test]
    fn tier_diagram_of_nothing_says_no_data() {
        let chart = tier_diagram("会議体系", ["個別", "地域", "施策"], &[], &[]).unwrap();
        assert!(chart.svg.contains(super::super::NO_DATA));
    }
}
