//! The one sector palette every chart and network file uses, whatever the language: a
//! sector's colour follows its canonical name, never its place in a sorted list of labels.
//!
//! Colours are Okabe & Ito's colour-blind-safe set (2008), without its yellow (1.3:1 on
//! white): the five fields of the 会議体系図 and 地域 (which the cross-field column
//! shares) each get their own, 行政 dark grey, and every other sector (教育, 司法,
//! 住まい, 就労, unknown…) one light grey, as "other".

use plotters::style::RGBColor;

use crate::model::canonical_sector;
use crate::proposal::CROSS_FIELD;

/// Light grey of the sectors without a colour of their own.
pub const OTHER_SECTOR: RGBColor = RGBColor(187, 187, 187);

/// (canonical sector, colour).
const SECTOR_COLOURS: [(&str, RGBColor); 7] = [
    ("高齢", RGBColor(230, 159, 0)),
    ("障害", RGBColor(86, 180, 233)),
    ("子ども", RGBColor(0, 158, 115)),
    ("生活困窮", RGBColor(213, 94, 0)),
    ("保健・医療", RGBColor(204, 121, 167)),
    ("地域", RGBColor(0, 114, 178)),
    ("行政", RGBColor(90, 90, 90)),
];

/// The colour of a sector, named in Japanese or English (`高齢`, `elderly`, `障がい`…);
/// the cross-field column (分野横断, `cross-field`) shares 地域's.
///
/// ```
/// use kaigi::report::charts::sector_colour;
/// assert_eq!(sector_colour("高齢"), sector_colour("elderly"));
/// assert_ne!(sector_colour("高齢"), sector_colour("障害"));
/// assert_eq!(sector_colour("教育"), sector_colour("司法"));
/// ```
pub fn sector_colour(sector: &str) -> RGBColor {
    let canonical = canonical_sector(sector);
    let canonical = match canonical.as_str() {
        CROSS_FIELD | "cross-field" | "cross_field" => "地域",
        other => other,
    };
    SECTOR_COLOURS.iter().find(|(s, _)| *s == canonical).map_or(OTHER_SECTOR, |&(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_colour_in_both_languages_for_every_known_sector() {
        for (ja, en) in [
            ("高齢", "elderly"),
            ("障害", "disability"),
            ("子ども", "children"),
            ("生活困窮", "poverty"),
            ("保健・医療", "health"),
            ("地域", "community"),
            ("行政", "administration"),
            ("教育", "education"),
        ] {
            assert_eq!(sector_colour(ja), sector_colour(en), "{ja} / {en}");
        }
    }

    #[test]
    fn the_named_fields_have_distinct_colours_with_contrast_on_white() {
        let colours: Vec<RGBColor> = SECTOR_COLOURS.iter().map(|&(_, c)| c).collect();
        for (i, a) in colours.iter().enumerate() {
            assert!(!colours[i + 1..].contains(a));
            // WCAG relative luminance: at least 1.8:1 against white for a filled mark
            // (the yellow that was 1.3:1 is gone).
            let channel = |v: u8| {
                let v = f64::from(v) / 255.0;
                if v <= 0.03928 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
            };
            let l = 0.2126 * channel(a.0) + 0.7152 * channel(a.1) + 0.0722 * channel(a.2);
            assert!(1.05 / (l + 0.05) >= 1.8, "{a:?}: {}", 1.05 / (l + 0.05));
        }
    }
}
