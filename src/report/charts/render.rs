//! Drawing one chart on both backends, PNG encoding, shared text styles, titles, and the
//! chart that says "no data".

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::bitmap::{Bitmap, PLOTTERS_FONT_SCALE, advance_width};
use super::fonts::{FAMILY, active_font, ensure_fonts};
use super::text::truncate_label;
use super::{ChartError, Rendered};

/// Width of every chart in pixels; heights grow with the data.
pub const WIDTH: u32 = 900;

/// What a chart with no data says, in both report languages because the chart functions
/// take no language (every other text is the caller's).
pub const NO_DATA: &str = "データなし (no data)";

/// Least height of chart text in pixels: 9 pt when a [`WIDTH`]-pixel chart is printed
/// 170 mm wide (A4 less 20 mm margins): 900 px / 170 mm × 3.175 mm = 16.8 px.
pub const MIN_TEXT_PX: f64 = 17.0;

/// Height of the title strip.
pub(super) const TITLE_HEIGHT: u32 = 46;

/// Titles have the whole width, so they may be longer than labels.
const MAX_TITLE_COLUMNS: usize = 80;

pub(super) const INK: RGBColor = RGBColor(33, 33, 33);
pub(super) const MUTED: RGBColor = RGBColor(110, 110, 110);

/// Result of drawing on one backend.
pub(super) type DrawResult<DB> =
    Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// A chart that can draw itself on any plotters backend. A trait rather than a closure
/// because drawing is generic over the backend, and both SVG and bitmap must get exactly
/// the same drawing.
pub(super) trait Chart {
    /// Width and height in pixels.
    fn size(&self) -> (u32, u32);
    /// The title, repeated in the SVG's `<title>` for screen readers.
    fn title(&self) -> &str;
    /// What the chart shows, as text, for the SVG's `<desc>`: its data in words and
    /// numbers (names as given), so a reader who cannot see the picture gets the content.
    fn description(&self) -> String;
    /// Draws on a white root area of [`Chart::size`].
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB>;
}

/// Draws `chart` as SVG and as PNG.
pub(super) fn render(chart: &impl Chart) -> Result<Rendered, ChartError> {
    ensure_fonts();
    let (width, height) = chart.size();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        chart.draw(&root).map_err(draw_error)?;
        root.present().map_err(draw_error)?;
    }
    let mut rgb = vec![255u8; width as usize * height as usize * 3];
    {
        let root = Bitmap::with_buffer(&mut rgb, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        chart.draw(&root).map_err(draw_error)?;
        root.present().map_err(draw_error)?;
    }
    let png = encode_png(&rgb, width, height)?;
    let svg = with_title_and_desc(svg, chart.title(), &chart.description());
    let svg = super::outline::text_as_outlines(&svg, &super::fonts::active_font());
    Ok(Rendered { svg, png })
}

/// Puts `<title>` and `<desc>` first inside the `<svg>` element (JIS X 8341-3 / WCAG
/// 1.1.1: a text alternative for every picture a city publishes), and marks the
/// picture as an image: its `<title>` child is then its accessible name. No ids, since a
/// page inlines many charts.
fn with_title_and_desc(svg: String, title: &str, desc: &str) -> String {
    let Some(end) = svg.find('>') else { return svg };
    let escape = |text: &str| {
        text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
    };
    let (open, rest) = svg.split_at(end);
    format!(
        "{open} role=\"img\">\n<title>{}</title>\n<desc>{}</desc>{}",
        escape(title),
        escape(desc),
        &rest[1..]
    )
}

/// Items joined for a description, the first `max` of them, then how many more.
pub(super) fn listed(items: impl Iterator<Item = String>, max: usize) -> String {
    let items: Vec<String> = items.collect();
    let mut out = items.iter().take(max).cloned().collect::<Vec<_>>().join("; ");
    if items.len() > max {
        out.push_str(&format!("; … (+{})", items.len() - max));
    }
    out
}

fn draw_error<E: std::error::Error + Send + Sync>(error: DrawingAreaErrorKind<E>) -> ChartError {
    ChartError::Draw(error.to_string())
}

/// Encodes an RGB buffer. The `png` crate writes no time or text chunks, so the bytes
/// depend on the pixels only.
fn encode_png(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    let png_error = |error: png::EncodingError| ChartError::Png(error.to_string());
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    // fdeflate's PNG-tuned mode: charts are flat colours, so the files stay small, and
    // the default zlib level was a sixth of a 300-meeting report's time.
    encoder.set_compression(png::Compression::Fast);
    let mut writer = encoder.write_header().map_err(png_error)?;
    writer.write_image_data(rgb).map_err(png_error)?;
    writer.finish().map_err(png_error)?;
    Ok(out)
}

/// Regular text with a `font-size` of `px` pixels, in `color`.
pub(super) fn text_style(px: f64, color: RGBColor) -> TextStyle<'static> {
    (FAMILY, px * PLOTTERS_FONT_SCALE).into_font().color(&color)
}

/// Bold text with a `font-size` of `px` pixels, in `color`.
pub(super) fn bold_style(px: f64, color: RGBColor) -> TextStyle<'static> {
    (FAMILY, px * PLOTTERS_FONT_SCALE).into_font().style(FontStyle::Bold).color(&color)
}

/// `style` anchored at the given point of the text.
pub(super) fn anchored(style: TextStyle<'static>, h: HPos, v: VPos) -> TextStyle<'static> {
    style.pos(Pos::new(h, v))
}

/// Width and height in pixels of `text` drawn in `style`: its advance width and one em,
/// as the PNG draws it. plotters' own estimate is 1.24 times too large (see
/// [`super::bitmap`]); plotters uses it only to size axis label areas.
pub(super) fn text_size(text: &str, style: &TextStyle<'_>) -> (u32, u32) {
    let em = (style.font.get_size() / PLOTTERS_FONT_SCALE) as f32;
    let width = advance_width(&active_font(), em, text);
    (width.ceil() as u32, em.ceil() as u32)
}

/// Draws the title in the top strip and returns the area below it.
pub(super) fn titled<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    title: &str,
) -> Result<DrawingArea<DB, Shift>, DrawingAreaErrorKind<DB::ErrorType>> {
    let style = anchored(bold_style(21.0, INK), HPos::Left, VPos::Center);
    let title = truncate_label(title, MAX_TITLE_COLUMNS);
    root.draw(&Text::new(title.as_ref(), (16, TITLE_HEIGHT as i32 / 2 + 2), style))?;
    Ok(root.split_vertically(TITLE_HEIGHT).1)
}

/// The chart drawn for empty input: the title, and [`NO_DATA`].
pub(super) struct NoData<'a> {
    pub(super) title: &'a str,
}

impl Chart for NoData<'_> {
    fn size(&self) -> (u32, u32) {
        (WIDTH, 220)
    }

    fn title(&self) -> &str {
        self.title
    }

    fn description(&self) -> String {
        NO_DATA.to_string()
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>) -> DrawResult<DB> {
        let body = titled(root, self.title)?;
        let (width, height) = body.dim_in_pixel();
        let style = anchored(text_style(18.0, MUTED), HPos::Center, VPos::Center);
        body.draw(&Text::new(NO_DATA, (width as i32 / 2, height as i32 / 2), style))?;
        Ok(())
    }
}

/// Renders the "no data" chart.
pub(super) fn no_data(title: &str) -> Result<Rendered, ChartError> {
    render(&NoData { title })
}

/// A colour between `a` (t = 0) and `b` (t = 1).
pub(super) fn mix(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let t = t.clamp(0.0, 1.0);
    let channel = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    RGBColor(channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Decodes a PNG to (width, height, RGB bytes).
    pub(crate) fn decode(png_bytes: &[u8]) -> (u32, u32, Vec<u8>) {
        let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buffer).unwrap();
        buffer.truncate(info.buffer_size());
        (info.width, info.height, buffer)
    }

    /// Whether the SVG draws `text` as one whole `<text>` element.
    pub(crate) fn draws_text(svg: &str, text: &str) -> bool {
        svg.contains(&format!("\n{text}\n</text>"))
    }

    /// Number of pixels that are not white.
    pub(crate) fn inked_pixels(png_bytes: &[u8]) -> usize {
        let (_, _, rgb) = decode(png_bytes);
        rgb.chunks(3).filter(|pixel| pixel != &[255, 255, 255]).count()
    }

    #[test]
    fn empty_input_chart_says_no_data_in_svg_and_png() {
        let chart = no_data("会議").unwrap();
        assert!(chart.svg.contains(NO_DATA));
        let (width, height, _) = decode(&chart.png);
        assert_eq!((width, height), (WIDTH, 220));
        assert!(inked_pixels(&chart.png) > 0);
    }

    #[test]
    fn png_has_no_time_chunk() {
        let chart = no_data("title").unwrap();
        assert!(!chart.png.windows(4).any(|chunk| chunk == b"tIME"));
    }

    #[test]
    fn mix_interpolates_each_channel() {
        assert_eq!(mix(RGBColor(0, 0, 0), RGBColor(200, 100, 50), 0.5), RGBColor(100, 50, 25));
    }
}
