//! The review as a readable summary for the terminal: the changes in plain words, the
//! figures side by side, and the links gained and lost.

use crate::lang::Lang;
use crate::report::review::document::rules_note;
use crate::report::review::tables::figure_line;
use crate::report::review::words::{causes_phrase, list, summary};
use crate::review::{AgencyLink, Review};
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// Links listed before "… and N more": the full lists are in the files.
const LINKS_SHOWN: usize = 40;

fn pad(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(fill))
}

fn pad_left(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(text.width());
    format!("{}{text}", " ".repeat(fill))
}

fn links_section(
    out: &mut String,
    heading: &str,
    links: &[AgencyLink],
    review: &Review,
    lang: Lang,
) {
    if links.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{heading} ({})", links.len());
    for link in links.iter().take(LINKS_SHOWN) {
        let _ = writeln!(
            out,
            "  - {} – {} [{}]: {}",
            link.agencies[0],
            link.agencies[1],
            list(&link.meetings, lang),
            causes_phrase(&link.causes, review, lang)
        );
    }
    if links.len() > LINKS_SHOWN {
        let more = links.len() - LINKS_SHOWN;
        let _ = writeln!(
            out,
            "  {}",
            match lang {
                Lang::Ja => format!("… ほか {more} 組（review.html と tables/ に全件）"),
                Lang::En => format!("… and {more} more (all in review.html and tables/)"),
            }
        );
    }
}

/// The readable summary, in Japanese or English.
///
/// ```
/// use kaigi::model::Inventory;
/// use kaigi::review::{Year, ReviewOptions, review};
/// let empty = Inventory::default();
/// let year = Year::new("2024", &empty);
/// let review = review(year, year, &ReviewOptions::default())?;
/// let text = kaigi::report::review_text(&review, kaigi::Lang::En);
/// assert!(text.contains("No change"));
/// # Ok::<(), kaigi::review::ReviewError>(())
/// ```
pub fn review_text(review: &Review, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Lang::Ja => format!(
                "会議とつながりの年次レビュー: {} → {}",
                review.before.name, review.after.name
            ),
            Lang::En => format!(
                "Annual review of meetings and links: {} → {}",
                review.before.name, review.after.name
            ),
        }
    );
    let _ = writeln!(out, "\n{}", lang.pick("変化の要約", "What changed"));
    for sentence in summary(review, lang) {
        let _ = writeln!(out, "  - {sentence}");
    }

    let _ = writeln!(out, "\n{}", lang.pick("主な指標", "Figures"));
    let header = [
        lang.pick("指標", "measure").to_string(),
        lang.pick("前年度", "last year").to_string(),
        lang.pick("今年度", "this year").to_string(),
        lang.pick("増減", "change").to_string(),
    ];
    let mut rows = vec![header];
    rows.extend(review.figures.iter().map(|f| figure_line(f.key, f.before, f.after, lang)));
    let widths: Vec<usize> =
        (0..4).map(|c| rows.iter().map(|r| r[c].width()).max().unwrap_or(0)).collect();
    for row in &rows {
        let _ = writeln!(
            out,
            "  {}  {}  {}  {}",
            pad(&row[0], widths[0]),
            pad_left(&row[1], widths[1]),
            pad_left(&row[2], widths[2]),
            pad_left(&row[3], widths[3])
        );
    }

    links_section(
        &mut out,
        lang.pick("失われたつながり", "Links lost"),
        &review.links.lost,
        review,
        lang,
    );
    links_section(
        &mut out,
        lang.pick("新たなつながり", "Links gained"),
        &review.links.gained,
        review,
        lang,
    );
    let _ = writeln!(out, "\n{}", rules_note(review, lang));
    out
}
