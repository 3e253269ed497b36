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
mod outline;
mod palette;
mod render;
mod structure;
mod text;

use std::path::PathBuf;

pub use bars::{bar_chart, grouped_bars, panel_bars};
pub use fonts::{missing_glyphs, register_fonts};
pub use heatmap::{heatmap, heatmap_with_diagonal};
pub use layout::force_layout;
pub use lorenz::lorenz_curve;
pub use network::{
    EdgeStyle, NetworkEdge, NetworkLegend, NetworkNode, network, network_with_legend,
    sector_palette,
};
pub use palette::{OTHER_SECTOR, sector_colour};
pub use render::{MIN_TEXT_PX, NO_DATA, WIDTH};
pub use structure::{
    Rect, Structure, StructureBox, StructureLayout, structure_diagram, structure_layout,
};
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

/// Writes one of each chart to `$TMPDIR/kaigi-charts/` for a person to look at:
/// `cargo test --lib report::charts::eyeball -- --ignored`.
#[cfg(test)]
mod eyeball {
    use super::fixtures::{SECTORS_JA, agencies_ja};
    use super::*;

    #[test]
    #[ignore = "writes PNG files for inspection"]
    fn writes_sample_charts_for_eyeballing() {
        let dir = std::env::temp_dir().join("kaigi-charts");
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, chart: Rendered| {
            std::fs::write(dir.join(format!("{name}.png")), &chart.png).unwrap();
            std::fs::write(dir.join(format!("{name}.svg")), &chart.svg).unwrap();
        };
        let agencies = agencies_ja();
        let hours = [420.0, 310.5, 250.0, 198.0, 96.0, 12.0];
        let bars: Vec<_> = agencies.iter().cloned().zip(hours).collect();
        write("bar", bar_chart("機関別の年間会議時間", &bars, "時間 / 年").unwrap());
        let series = vec![
            ("再編前".to_string(), hours.to_vec()),
            ("再編後".to_string(), vec![300.0, 280.0, 120.0, 198.0, 40.0, 0.0]),
        ];
        write("grouped", grouped_bars("再編前後の会議時間", &agencies, &series).unwrap());
        write(
            "lorenz",
            lorenz_curve(
                "会議時間の集中度",
                &hours,
                ["機関の累積割合", "会議時間の累積割合"],
                "上位20%の機関が会議時間の55%を占める",
            )
            .unwrap(),
        );
        let matrix: Vec<Vec<f64>> = (0..6)
            .map(|i| (0..6).map(|j| if i == j { 1.0 } else { 1.0 / (1 + i + j) as f64 }).collect())
            .collect();
        write(
            "heatmap",
            heatmap(
                "会議間の参加者の重なり",
                &agencies,
                &agencies,
                &matrix,
                "重なり（ジャカード係数）",
            )
            .unwrap(),
        );
        let names = [
            "福祉課",
            "社会福祉協議会",
            "地域包括支援センター",
            "子ども家庭支援課",
            "保健センター",
            "民生委員協議会",
            "障害福祉課",
            "基幹相談支援センター",
            "市立病院",
            "医師会",
            "警察署",
            "学校",
            "NPO法人つながり",
            "ハローワーク",
            "生活困窮者自立相談支援機関",
        ];
        let nodes: Vec<NetworkNode> = names
            .iter()
            .enumerate()
            .map(|(i, name)| NetworkNode {
                label: name.to_string(),
                group: SECTORS_JA[i % 3].to_string(),
                size: 20.0 + (i * 37 % 100) as f64,
                broker: i == 0 || i == 2,
                articulation: i == 2 || i == 10,
                faded: i == 14,
            })
            .collect();
        let pairs = [
            (0, 1),
            (0, 2),
            (0, 3),
            (0, 4),
            (1, 2),
            (1, 5),
            (2, 4),
            (2, 6),
            (2, 7),
            (6, 7),
            (3, 4),
            (3, 11),
            (4, 8),
            (8, 9),
            (10, 11),
            (0, 12),
            (12, 13),
            (0, 14),
            (5, 12),
        ];
        let edges: Vec<NetworkEdge> = pairs
            .iter()
            .enumerate()
            .map(|(i, &(a, b))| NetworkEdge {
                a,
                b,
                weight: 1.0 + (i % 4) as f64,
                style: match i {
                    17 => EdgeStyle::Lost,
                    18 => EdgeStyle::Gained,
                    _ => EdgeStyle::Normal,
                },
            })
            .collect();
        let springs: Vec<_> = edges.iter().map(|e| (e.a, e.b, e.weight)).collect();
        let positions = force_layout(nodes.len(), &springs, &[], 2024);
        write(
            "network",
            network("機関のつながり（2024年度）", &nodes, &edges, &positions, "分野").unwrap(),
        );
        let boxes = vec![
            StructureBox {
                id: "M01".into(),
                label: "個別ケース会議".into(),
                tier: 0,
                columns: vec![0],
            },
            StructureBox {
                id: "M02".into(),
                label: "要保護児童対策地域協議会 個別ケース検討会議".into(),
                tier: 0,
                columns: vec![1],
            },
            StructureBox {
                id: "M03".into(),
                label: "地域ケア会議（圏域）".into(),
                tier: 1,
                columns: vec![0],
            },
            StructureBox {
                id: "M04".into(),
                label: "自立支援協議会".into(),
                tier: 1,
                columns: vec![0, 1],
            },
            StructureBox {
                id: "M05".into(),
                label: "地域福祉計画推進委員会".into(),
                tier: 2,
                columns: vec![2],
            },
        ];
        let columns = vec!["高齢".to_string(), "子ども".to_string(), "分野横断".to_string()];
        let colours = ["高齢", "子ども", "地域"].map(sector_colour);
        write(
            "structure",
            structure_diagram(&Structure {
                title: "会議体系図（再編案）",
                tier_names: ["個別支援", "地域・ネットワーク", "政策・計画"],
                columns: &columns,
                colours: &colours,
                boxes: &boxes,
                arrows: &[(0, 2), (1, 3), (2, 4), (3, 4)],
            })
            .unwrap(),
        );
        write("nodata", bar_chart("機関別の年間会議時間", &[], "時間").unwrap());
    }
}
