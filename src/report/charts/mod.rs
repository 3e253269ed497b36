//! The charts of the HTML report, drawn with plotters as SVG (for the page) and PNG (for
//! slides and documents).
//!
//! Every function takes plain data and returns bytes: no I/O, except reading a custom
//! font in [`register_fonts`]. Text is data, never markup: the SVG backend escapes it, so
//! nothing here escapes. The same input gives byte-identical output, so reports can be
//! diffed and snapshotted. Empty input draws a chart that says "no data" (see
//! [`NO_DATA`]) instead of failing; input that contradicts itself (an edge to a node that
//! does not exist, a row of the wrong length) is a [`ChartError::Invalid`].
//!
//! Text is drawn with IPAexGothic, embedded in the binary (see [`register_fonts`]).
//! Labels longer than [`MAX_LABEL_COLUMNS`] display columns are cut with "…".
//!
//! ```
//! use kaigi::report::charts::bar_chart;
//! let bars = vec![("福祉課".to_string(), 120.0), ("社会福祉協議会".to_string(), 86.5)];
//! let chart = bar_chart("機関別の年間会議時間", &bars, "時間 / 年").unwrap();
//! assert!(chart.svg.starts_with("<svg"));
//! assert!(chart.png.starts_with(b"\x89PNG"));
//! ```

mod bars;
mod bitmap;
mod fonts;
mod heatmap;
mod layout;
mod lorenz;
mod network;
mod render;
mod text;

use std::path::PathBuf;

pub use bars::{bar_chart, grouped_bars};
pub use fonts::{missing_glyphs, register_fonts};
pub use heatmap::heatmap;
pub use layout::force_layout;
pub use lorenz::lorenz_curve;
pub use network::{
    EdgeStyle, NetworkEdge, NetworkLegend, NetworkNode, network, network_with_legend,
    sector_palette,
};
pub use render::{NO_DATA, WIDTH};
pub use text::{MAX_LABEL_COLUMNS, truncate_label};

/// A chart in both formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// SVG document, UTF-8, text as `<text>` elements.
    pub svg: String,
    /// PNG image, 8-bit RGB, the same size and drawing as the SVG.
    pub png: Vec<u8>,
}

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    /// The custom font file could not be read.
    #[error("could not read the font file '{path}': {source}")]
    FontRead {
        /// File.
        path: PathBuf,
        /// Cause.
        source: std::io::Error,
    },
    /// The custom font file is not a TrueType or OpenType font.
    #[error(
        "'{path}' is not a TrueType or OpenType font (.ttf/.otf; collections .ttc are not \
         supported); choose another font file or leave the option out to use IPAexGothic"
    )]
    NotAFont {
        /// File.
        path: PathBuf,
    },
    /// The input contradicts itself, e.g. an edge names a node that does not exist.
    #[error("cannot draw the chart: {0}")]
    Invalid(String),
    /// plotters failed while drawing.
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    /// The PNG encoder failed.
    #[error("encoding the chart as PNG failed: {0}")]
    Png(String),
}

#[cfg(test)]
mod fixtures;

#[cfg(test)]
mod tests {
    use super::render::tests::decode;
    use super::*;

    #[test]
    fn embedded_font_covers_every_japanese_label_the_tests_draw() {
        for label in fixtures::all_japanese() {
            assert_eq!(missing_glyphs(label), Vec::<char>::new(), "in {label}");
        }
        assert!(missing_glyphs(NO_DATA).is_empty());
        let legend = NetworkLegend::new(crate::lang::Lang::Ja, "分野");
        for text in [legend.broker, legend.articulation, legend.gained, legend.lost, legend.faded] {
            assert_eq!(missing_glyphs(text), Vec::<char>::new(), "in {text}");
        }
    }

    #[test]
    fn japanese_title_is_drawn_as_glyphs_not_as_boxes() {
        // Private-use characters have no glyph in IPAexGothic: whatever the font draws
        // for them (its .notdef box, or nothing) is what "not rendered" looks like.
        let glyphless_a = "\u{E000}\u{E001}\u{E002}\u{E003}\u{E004}\u{E005}";
        let glyphless_b = "\u{E010}\u{E011}\u{E012}\u{E013}\u{E014}\u{E015}";
        let japanese = "会議の体系図";
        assert_eq!(missing_glyphs(glyphless_a).len(), 6);
        assert!(missing_glyphs(japanese).is_empty());
        let title_a = decode(&render::no_data(glyphless_a).unwrap().png).2;
        let title_b = decode(&render::no_data(glyphless_b).unwrap().png).2;
        assert_eq!(title_a, title_b, "characters without glyphs all look alike");
        let title_japanese = decode(&render::no_data(japanese).unwrap().png).2;
        assert_ne!(title_japanese, title_a, "Japanese must not look like missing glyphs");
        let other_japanese = decode(&render::no_data("地域ケア会議").unwrap().png).2;
        assert_ne!(title_japanese, other_japanese, "different kanji draw differently");
    }
}

