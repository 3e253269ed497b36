//! The PNG backend: plotters' bitmap backend with text drawn here, glyph by glyph.
//!
//! plotters 0.3.7 draws text on a bitmap differently from how a browser draws the same
//! chart's SVG, in two ways that matter for Japanese labels:
//!
//! * its `ab_glyph` engine drops each glyph's left side bearing, so fullwidth punctuation,
//!   which sits at one side of its square, lands on the wrong side: "機関（2024年度）"
//!   comes out "機関（ 2024年度）", and "民生委員・児童" has the dot against 員;
//! * it draws glyphs 1.24 times larger than the `font-size` its SVG backend writes, with
//!   another baseline.
//!
//! This wrapper draws text as the SVG asks for it (size, anchor, baseline, rotation),
//! glyphs where the font puts them. Everything else goes to the bitmap backend unchanged.

use ab_glyph::{Font, FontRef, ScaleFont, point};
use plotters::backend::BitMapBackend;
use plotters::prelude::DrawingBackend;
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontStyle,
};

use super::fonts::active_font;

type Error = DrawingErrorKind<<BitMapBackend<'static> as DrawingBackend>::ErrorType>;

/// [`BitMapBackend`] with correct glyph placement.
pub(super) struct Bitmap<'a> {
    inner: BitMapBackend<'a>,
    font: FontRef<'static>,
}

impl<'a> Bitmap<'a> {
    /// Draws into an RGB buffer of `size`.
    pub(super) fn with_buffer(buffer: &'a mut [u8], size: (u32, u32)) -> Bitmap<'a> {
        Bitmap { inner: BitMapBackend::with_buffer(buffer, size), font: active_font() }
    }
}

impl DrawingBackend for Bitmap<'_> {
    type ErrorType = <BitMapBackend<'static> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), Error> {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), Error> {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Error> {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Error> {
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Error> {
        self.inner.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Error> {
        self.inner.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Error> {
        self.inner.fill_polygon(vert, style)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        (iw, ih): (u32, u32),
        src: &[u8],
    ) -> Result<(), Error> {
        self.inner.blit_bitmap(pos, (iw, ih), src)
    }

    /// Draws text where a browser draws the SVG's `<text>`: font size `size / 1.24` (what
    /// the SVG backend writes), `text-anchor` start / middle / end by the text's advance
    /// width, and the SVG backend's `dy` for the vertical anchor (0.76em for top, 0.5ex
    /// for centre, -0.5ex for bottom), rotated about the anchor.
    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), Error> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let em = (style.size() / PLOTTERS_FONT_SCALE) as f32;
        let font = self.font.as_scaled(em);
        let width = advance_width(&self.font, em, text);
        let start = match style.anchor().h_pos {
            HPos::Left => 0.0,
            HPos::Right => -width,
            HPos::Center => -width / 2.0,
        };
        let ex = x_height(&self.font, em);
        let baseline = match style.anchor().v_pos {
            VPos::Top => 0.76 * em,
            VPos::Center => 0.5 * ex,
            VPos::Bottom => -0.5 * ex,
        };
        let transform = style.transform();
        let bold = matches!(style.style(), FontStyle::Bold);
        let (w, h) = self.get_size();
        let mut pen = start;
        let mut previous = None;
        let mut coverage = Vec::new();
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(previous) = previous {
                pen += font.kern(previous, id);
            }
            previous = Some(id);
            let glyph = id.with_scale_and_position(em, point(pen, baseline));
            pen += font.h_advance(id);
            let Some(outline) = font.outline_glyph(glyph) else { continue };
            let bounds = outline.px_bounds();
            let (left, top) = (bounds.min.x as i32, bounds.min.y as i32);
            // One column wider for bold: IPAexGothic has no bold face, and a browser
            // emboldens the SVG's `font-weight="bold"` text synthetically too.
            let columns = bounds.width() as usize + 1 + usize::from(bold);
            let rows = bounds.height() as usize + 1;
            coverage.clear();
            coverage.resize(columns * rows, 0.0f32);
            outline.draw(|x, y, c| coverage[y as usize * columns + x as usize] = c);
            if bold {
                for row in coverage.chunks_mut(columns) {
                    for x in (1..columns).rev() {
                        row[x] = row[x].max(row[x - 1]);
                    }
                }
            }
            for (i, &c) in coverage.iter().enumerate() {
                if c <= 0.0 {
                    continue;
                }
                let (x, y) = ((i % columns) as i32 + left, (i / columns) as i32 + top);
                let (x, y) = transform.transform(x, y);
                let (x, y) = (pos.0 + x, pos.1 + y);
                if x >= 0 && x < w as i32 && y >= 0 && y < h as i32 {
                    self.inner.draw_pixel((x, y), color.mix(f64::from(c.min(1.0))))?;
                }
            }
        }
        Ok(())
    }
}

/// plotters' SVG backend writes `font-size` as the style's size divided by this.
pub(super) const PLOTTERS_FONT_SCALE: f64 = 1.24;

/// Advance width in pixels of `text` at `em` pixels per em, with kerning.
pub(super) fn advance_width(font: &FontRef<'static>, em: f32, text: &str) -> f32 {
    let font = font.as_scaled(em);
    let mut width = 0.0;
    let mut previous = None;
    for c in text.chars() {
        let id = font.glyph_id(c);
        if let Some(previous) = previous {
            width += font.kern(previous, id);
        }
        previous = Some(id);
        width += font.h_advance(id);
    }
    width
}

/// The font's x-height at `em` pixels per em, measured on "x" (half an em without one).
pub(super) fn x_height(font: &FontRef<'static>, em: f32) -> f32 {
    let scaled = font.as_scaled(em);
    scaled
        .outline_glyph(scaled.scaled_glyph('x'))
        .map_or(0.5 * em, |outline| -outline.px_bounds().min.y)
}
