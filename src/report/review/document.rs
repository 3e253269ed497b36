//! The review as documents: one self-contained HTML page that opens with the changes in
//! plain words, and the same content as Markdown.
//!
//! HTML is built with maud, which escapes every interpolated value (meeting and agency
//! names come from the inventory and may hold markup); only chart SVG, which plotters
//! escapes itself, is inserted as it is.

use crate::lang::Lang;
use crate::report::document::{Chart, chart_html, page, table_html};
use crate::report::review::tables::review_tables;
use crate::report::review::words::{figure_label, summary};
use crate::report::table::markdown_text;
use crate::review::Review;
use maud::html;

fn title(review: &Review, lang: Lang) -> String {
    match lang {
        Lang::Ja => {
            format!("会議とつながりの年次レビュー — {} → {}", review.before.name, review.after.name)
        }
        Lang::En => format!(
            "Annual review of meetings and links — {} → {}",
            review.before.name, review.after.name
        ),
    }
}

/// How meetings were matched, for the note under the summary.
pub(crate) fn rules_note(review: &Review, lang: Lang) -> String {
    let r = &review.rules;
    let ids = match (r.match_ids, lang) {
        (true, Lang::Ja) => "会議はまずIDで対応づけ、残りを",
        (true, Lang::En) => "Meetings are matched by id first, the rest by ",
        (false, Lang::Ja) => "会議はIDを使わず",
        (false, Lang::En) => "Meetings are matched, ignoring ids, by ",
    };
    match lang {
        Lang::Ja => format!(
            "{ids}名称の類似度（NFKC正規化後の文字バイグラムのDice係数 {} 以上、類似度の高い組から一対一）で対応づけています。廃止された会議の参加機関の {:.0}% 以上が出席する新設会議を、統合先とみています。仲介役は媒介中心性の上位 {} 機関です。",
            r.name_threshold,
            r.merger_coverage * 100.0,
            r.top_brokers
        ),
        Lang::En => format!(
            "{ids}name similarity (Dice coefficient of character bigrams after NFKC, at least {}, best pairs first, one to one). A new meeting that seats at least {:.0}% of the agencies of two or more removed meetings is taken as their probable merger. Brokers are the top {} agencies by betweenness.",
            r.name_threshold,
            r.merger_coverage * 100.0,
            r.top_brokers
        ),
    }
}

/// Section of the page each table goes under, by table key.
const SECTIONS: [(&str, &str, &str, &[&str]); 6] = [
    ("figures", "主な指標", "Headline figures", &["figures"]),
    (
        "meetings",
        "会議の変化",
        "Meetings",
        &["meetings_removed", "meetings_added", "mergers", "meetings_renamed", "meeting_changes"],
    ),
    ("agencies", "機関の変化", "Agencies", &["agencies"]),
    ("links", "機関間のつながり", "Agency links", &["links_lost", "links_gained"]),
    ("fields", "分野間のつながり", "Field links", &["field_links"]),
    (
        "roles",
        "仲介役・切断点・単一障害点",
        "Brokers, cut points and single points of failure",
        &["single_points_of_failure", "brokers", "roles"],
    ),
];

/// The self-contained HTML review: the changes in plain words first, then the figures,
/// the tables by topic, and the charts inline. No script, no external asset.
///
/// ```
/// use kaigi::model::Inventory;
/// use kaigi::review::{Year, ReviewOptions, review};
/// let empty = Inventory::default();
/// let review = review(Year::new("<b>2024</b>", &empty), Year::new("2025", &empty), &ReviewOptions::default())?;
/// let html = kaigi::report::review_html(&review, &[], kaigi::Lang::En);
/// assert!(html.contains("&lt;b&gt;2024&lt;/b&gt;")); // names are escaped
/// assert!(html.contains("No change"));
/// # Ok::<(), kaigi::review::ReviewError>(())
/// ```
pub fn review_html(review: &Review, charts: &[Chart], lang: Lang) -> String {
    let tables = review_tables(review, lang);
    let title = title(review, lang);
    let cards: Vec<(String, &str)> = ["meetings", "agencies", "links", "annual_person_hours"]
        .iter()
        .filter_map(|key| review.figure(key))
        .map(|f| (format!("{:.0} → {:.0}", f.before, f.after), figure_label(f.key, lang)))
        .collect();
    let body = html! {
                section id="summary" {
                    h2 { (lang.pick("変化の要約", "What changed")) }
                    div class="cards" {
                        @for (value, label) in &cards {
                            div class="card" { div class="value" { (value) } div class="label" { (label) } }
                        }
                    }
                    ul { @for sentence in summary(review, lang) { li { (sentence) } } }
                    p class="note" { (rules_note(review, lang)) }
                }
                @for (id, ja, en, keys) in SECTIONS {
                    section id=(id) {
                        h2 { (lang.pick(ja, en)) }
                        @for table in tables.iter().filter(|t| keys.contains(&t.key.as_str())) {
                            h3 { (table.title) }
                            @if table.rows.is_empty() {
                                p class="note" { (lang.pick("該当なし", "None")) }
                            } @else {
                                (table_html(table, lang))
                            }
                        }
                    }
                }
                @if !charts.is_empty() {
                    section id="charts" {
                        h2 { (lang.pick("図表", "Charts")) }
                        p class="note" {
                            (lang.pick(
                                "両年度の機関を同じ位置に描いています。緑は新たなつながり、赤の破線は失われたつながり、淡い色はいなくなった機関です。",
                                "Agencies of both years are drawn at the same positions. Green: links gained; red dashed: links lost; pale: agencies gone."))
                        }
                        @for chart in charts { (chart_html(chart)) }
                    }
                }
    };
    page(&title, lang, body)
}

/// The review as Markdown, for pasting into documents: the summary as a list, then every
/// table.
///
/// ```
/// use kaigi::model::Inventory;
/// use kaigi::review::{Year, ReviewOptions, review};
/// let empty = Inventory::default();
/// let year = Year::new("2024", &empty);
/// let review = review(year, year, &ReviewOptions::default())?;
/// let markdown = kaigi::report::review_markdown(&review, kaigi::Lang::Ja);
/// assert!(markdown.starts_with("# 会議とつながりの年次レビュー"));
/// # Ok::<(), kaigi::review::ReviewError>(())
/// ```
pub fn review_markdown(review: &Review, lang: Lang) -> String {
    let mut out = format!("# {}\n\n", markdown_text(&title(review, lang)));
    out.push_str(&format!("## {}\n\n", lang.pick("変化の要約", "What changed")));
    for sentence in summary(review, lang) {
        out.push_str(&format!("- {}\n", markdown_text(&sentence)));
    }
    out.push_str(&format!("\n{}\n\n", markdown_text(&rules_note(review, lang))));
    for table in review_tables(review, lang) {
        if table.rows.is_empty() {
            out.push_str(&format!(
                "### {}\n\n{}\n\n",
                markdown_text(&table.title),
                lang.pick("該当なし", "None")
            ));
        } else {
            out.push_str(&table.to_markdown_capped(lang));
        }
    }
    out
}
