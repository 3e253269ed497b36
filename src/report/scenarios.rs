//! Scenarios side by side (one column per scenario) and the proposal's sensitivity, for
//! the terminal, the report (HTML, Markdown, CSV and workbook through one [`Table`]
//! each) and as language-free JSON; and each scenario's structure diagram.

use crate::analysis::Analysis;
use crate::lang::Lang;
use crate::proposal::{
    Robustness, ScenarioComparison, ScenarioKind, ScenarioResult, Sensitivity, StructureBody,
};
use crate::report::charts::{ChartError, Rendered};
use crate::report::document::{Chart, chart_html, table_html};
use crate::report::phrases;
use crate::report::table::{Cell, Table};
use maud::{Markup, html};
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// Chart keys of the scenario diagrams start with this, then the scenario's position.
pub const SCENARIO_CHART_PREFIX: &str = "scenario_";

/// Links lost listed per scenario in the text before "and N more" (all are in the JSON).
const LINKS_SHOWN: usize = 10;

/// Most bodies a scenario diagram draws (those holding most meetings, then in order).
const DIAGRAM_BODIES: usize = 60;

/// A scenario's content in a few words: "the proposal", or its changes.
fn content(s: &ScenarioResult, lang: Lang) -> String {
    let mut text = match s.kind {
        ScenarioKind::Proposal => lang.pick("kaigi の提案", "kaigi's proposal").to_string(),
        ScenarioKind::Changes => s
            .changes
            .iter()
            .map(|c| {
                let verb = match (c.change.as_str(), lang) {
                    ("merge", Lang::Ja) => "統合",
                    ("merge", Lang::En) => "merge",
                    ("joint", Lang::Ja) => "合同開催",
                    ("joint", Lang::En) => "joint",
                    ("serves_as", Lang::Ja) => "兼ねる",
                    ("serves_as", Lang::En) => "serves as",
                    ("drop", Lang::Ja) => "廃止",
                    ("drop", Lang::En) => "drop",
                    (_, Lang::Ja) => "維持",
                    (_, Lang::En) => "keep",
                };
                format!("{verb} {}", c.meetings.join("+"))
            })
            .collect::<Vec<_>>()
            .join(lang.pick("／", "; ")),
    };
    if let Some(policy) = &s.policy {
        let _ = write!(
            text,
            "{}",
            lang.pick(&format!("（ポリシー: {policy}）"), &format!(" (policy: {policy})"))
        );
    }
    text
}

/// "A × B (M36)": an agency link and the meetings that carried it.
fn link_words(link: &crate::proposal::LinkChange, lang: Lang) -> String {
    let meetings = link.meetings.join(phrases::separator(lang));
    match lang {
        Lang::Ja => format!("{} × {}（{meetings}）", link.agencies[0], link.agencies[1]),
        Lang::En => format!("{} × {} ({meetings})", link.agencies[0], link.agencies[1]),
    }
}

/// The agencies with the largest change, "name +12.5" each.
fn movers(list: &[crate::proposal::AgencyHours], lang: Lang) -> String {
    if list.is_empty() {
        return lang.pick("なし", "none").to_string();
    }
    list.iter()
        .map(|h| {
            let delta = h.after - h.before;
            let sign = if delta > 0.0 { "+" } else { "−" };
            format!("{} {sign}{}", h.name, phrases::hours(delta.abs()))
        })
        .collect::<Vec<_>>()
        .join(phrases::separator(lang))
}

/// The figures compared, one row each: label, today's value (or `-` for a change) and
/// each scenario's.
fn figure_rows(c: &ScenarioComparison, lang: Lang) -> Vec<Vec<Cell>> {
    // `None`: a count that cannot be made (field links without an agency list).
    type Measure = fn(&ScenarioResult) -> Option<f64>;
    let t = &c.today;
    let fields_known = t.sector_links.is_some();
    let unknown = || Cell::from(lang.pick("分野不明", "fields unknown"));
    let cell = |value: Option<f64>, decimals: usize| match value {
        Some(v) => Cell::Number(v + 0.0, decimals),
        None => unknown(),
    };
    let figures: [(&str, &str, Option<f64>, Measure, usize); 6] = [
        (
            "会議体",
            "meeting bodies",
            Some(t.bodies as f64),
            |s| Some(s.result.after.bodies as f64),
            0,
        ),
        (
            "年間開催回数",
            "sessions per year",
            Some(t.sessions_per_year),
            |s| Some(s.result.after.sessions_per_year),
            0,
        ),
        (
            "年間延べ時間（都度参加は自分の議題のみ）",
            "person-hours per year (per-item members for their items)",
            Some(t.annual_person_hours),
            |s| Some(s.result.after.annual_person_hours),
            1,
        ),
        (
            "年間延べ時間（全員が最後まで出席）",
            "person-hours per year (full attendance)",
            Some(t.annual_person_hours_full_attendance),
            |s| Some(s.result.after.annual_person_hours_full_attendance),
            1,
        ),
        (
            "機関間のつながり",
            "agency links",
            Some(t.agency_links as f64),
            |s| Some(s.result.after.agency_links as f64),
            0,
        ),
        (
            "分野間のつながり",
            "field links",
            t.sector_links.map(|n| n as f64),
            |s| s.result.after.sector_links.map(|n| n as f64),
            0,
        ),
    ];
    let mut rows = Vec::new();
    for (ja, en, today, measure, decimals) in figures {
        let mut row = vec![Cell::from(lang.pick(ja, en)), cell(today, decimals)];
        row.extend(c.scenarios.iter().map(|s| cell(measure(s), decimals)));
        rows.push(row);
    }
    // A change, not a state: no figure for today.
    let mut saved = vec![
        Cell::from(lang.pick("削減される延べ時間/年", "person-hours saved per year")),
        Cell::from("-"),
    ];
    saved.extend(c.scenarios.iter().map(|s| {
        cell(Some(s.result.before.annual_person_hours - s.result.after.annual_person_hours), 1)
    }));
    rows.insert(4, saved);
    type Count = fn(&ScenarioResult) -> usize;
    let counts: [(&str, &str, bool, Count); 5] = [
        ("失われる機関間のつながり", "agency links lost", true, |s| {
            s.result.links_lost.len()
        }),
        ("新しい機関間のつながり", "agency links gained", true, |s| {
            s.result.links_gained.len()
        }),
        ("失われる分野間のつながり", "field links lost", fields_known, |s| {
            s.result.field_links_lost.len()
        }),
        ("新しい分野間のつながり", "field links gained", fields_known, |s| {
            s.result.field_links_gained.len()
        }),
        ("守られない決まり", "rules broken", true, |s| s.result.violations.len()),
    ];
    for (ja, en, known, count) in counts {
        let mut row = vec![Cell::from(lang.pick(ja, en)), Cell::from("-")];
        row.extend(
            c.scenarios.iter().map(|s| if known { Cell::Int(count(s) as i64) } else { unknown() }),
        );
        rows.push(row);
    }
    rows
}

/// Rows of words: what each scenario is and whose hours move most.
fn word_rows(c: &ScenarioComparison, lang: Lang) -> Vec<Vec<Cell>> {
    type Words = fn(&ScenarioResult, Lang) -> String;
    let rows: [(&str, &str, Words); 3] = [
        ("内容", "content", content),
        (
            "時間が最も増える機関（年間の時間）",
            "agencies gaining most hours (a year)",
            |s, lang| movers(&s.hours_gained_most, lang),
        ),
        (
            "時間が最も減る機関（年間の時間）",
            "agencies losing most hours (a year)",
            |s, lang| movers(&s.hours_lost_most, lang),
        ),
    ];
    rows.iter()
        .map(|(ja, en, words)| {
            let mut row = vec![Cell::from(lang.pick(ja, en)), Cell::from("-")];
            row.extend(c.scenarios.iter().map(|s| Cell::Text(words(s, lang))));
            row
        })
        .collect()
}

/// The comparison as one table: a column for today, then one per scenario.
pub fn scenario_table(c: &ScenarioComparison, lang: Lang) -> Table {
    let mut table = Table::new(
        "scenarios",
        lang,
        "シナリオの比較",
        "Scenarios compared",
        &[("項目", "measure"), ("現状", "today")],
    );
    table.header.extend(c.scenarios.iter().map(|s| s.name.clone()));
    table.rows = word_rows(c, lang).into_iter().take(1).collect();
    table.rows.extend(figure_rows(c, lang));
    table.rows.extend(word_rows(c, lang).into_iter().skip(1));
    table
}

/// The sensitivity as a table: each pair of meetings some setting holds together.
pub fn sensitivity_table(s: &Sensitivity, lang: Lang) -> Table {
    let mut table = Table::new(
        "sensitivity",
        lang,
        "感度分析（ポリシーの設定を変えても同じ会議体にまとまる会議の組）",
        "Sensitivity (pairs of meetings held in one body across policy settings)",
        &[
            ("会議", "meetings"),
            ("まとまる設定の数", "settings"),
            ("割合", "share"),
            ("判定", "verdict"),
            ("今回の提案", "in the proposal"),
        ],
    );
    let total = s.grid.len();
    for pair in &s.together {
        let share = pair.settings as f64 / total.max(1) as f64;
        table.rows.push(vec![
            Cell::Text(format!("{} + {}", pair.meetings[0], pair.meetings[1])),
            Cell::Text(format!("{}/{total}", pair.settings)),
            Cell::Text(share_percent(share)),
            Cell::from(robustness(s.robustness(pair), lang)),
            Cell::from(if pair.in_proposal { lang.pick("含む", "yes") } else { "" }),
        ]);
    }
    table
}

/// A share of the grid with one decimal: 81 of 163 is 49.7%, under the 50% line, which
/// a whole percentage would show as 50%.
pub(crate) fn share_percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// A pair's robustness in words.
pub(crate) fn robustness(r: Robustness, lang: Lang) -> &'static str {
    match r {
        Robustness::Robust => lang.pick("ほぼどの設定でも残る", "robust"),
        Robustness::Most => lang.pick("半数以上の設定で残る", "holds in most settings"),
        Robustness::Fragile => lang.pick("設定次第", "fragile"),
    }
}

/// The report's tables for scenarios and sensitivity, when the analysis has them.
pub fn extra_tables(analysis: &Analysis, lang: Lang) -> Vec<Table> {
    let mut tables = Vec::new();
    if let Some(c) = &analysis.scenarios {
        tables.push(scenario_table(c, lang));
    }
    if let Some(s) = &analysis.sensitivity {
        tables.push(sensitivity_table(s, lang));
    }
    tables
}

/// The comparison as JSON: the data only, language-free codes (each violation's rule is
/// `violation.constraint`), whatever `--lang` says.
pub fn scenarios_json(c: &ScenarioComparison) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(c).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

fn pad_left(text: &str, width: usize) -> String {
    format!("{}{text}", " ".repeat(width.saturating_sub(text.width())))
}

/// The comparison for the terminal: the figures as aligned columns, then each
/// scenario's content, rules broken and the agencies whose hours move most.
pub fn scenarios_text(c: &ScenarioComparison, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", lang.pick("== シナリオの比較 ==", "== Scenarios compared =="));
    // Columns are numbered: names side by side would not fit a terminal.
    for (i, s) in c.scenarios.iter().enumerate() {
        let _ = writeln!(out, "  [{}] {}", i + 1, s.name);
    }
    let _ = writeln!(out);
    let mut header = vec![String::new(), lang.pick("現状", "today").to_string()];
    header.extend((1..=c.scenarios.len()).map(|i| format!("[{i}]")));
    let rows: Vec<Vec<String>> = std::iter::once(header)
        .chain(figure_rows(c, lang).iter().map(|r| r.iter().map(Cell::display).collect()))
        .collect();
    let widths: Vec<usize> =
        (0..rows[0].len()).map(|k| rows.iter().map(|r| r[k].width()).max().unwrap_or(0)).collect();
    for row in &rows {
        let mut line = pad(&row[0], widths[0]);
        for (k, cell) in row.iter().enumerate().skip(1) {
            line.push_str("  ");
            line.push_str(&pad_left(cell, widths[k]));
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    for (i, s) in c.scenarios.iter().enumerate() {
        let _ = writeln!(out, "\n[{}] {}", i + 1, s.name);
        if let Some(d) = &s.description {
            let _ = writeln!(out, "  {d}");
        }
        let _ = writeln!(out, "  {}: {}", lang.pick("内容", "content"), content(s, lang));
        if s.kind == ScenarioKind::Proposal {
            for group in &s.result.groups {
                let how = crate::report::whatif::holding(group.holding, lang);
                let _ = writeln!(out, "  * {}: {how}", group.meetings.join("+"));
            }
        }
        for finding in &s.result.violations {
            let _ = writeln!(out, "  ! {}", phrases::violation(&finding.violation, lang));
        }
        for link in s.result.links_lost.iter().take(LINKS_SHOWN) {
            let _ = writeln!(
                out,
                "  - {}: {}",
                lang.pick("失われるつながり", "link lost"),
                link_words(link, lang)
            );
        }
        if s.result.links_lost.len() > LINKS_SHOWN {
            let more = s.result.links_lost.len() - LINKS_SHOWN;
            let _ = writeln!(out, "  - … {}", phrases::and_more(more, lang));
        }
        for pair in &s.result.field_links_lost {
            let _ = writeln!(
                out,
                "  - {}: {} × {}",
                lang.pick("失われる分野間のつながり", "field link lost"),
                phrases::sector(&pair[0], lang),
                phrases::sector(&pair[1], lang)
            );
        }
        let _ = writeln!(
            out,
            "  {}: {}",
            lang.pick("時間が最も増える機関（年間の時間）", "agencies gaining most hours (a year)"),
            movers(&s.hours_gained_most, lang)
        );
        let _ = writeln!(
            out,
            "  {}: {}",
            lang.pick("時間が最も減る機関（年間の時間）", "agencies losing most hours (a year)"),
            movers(&s.hours_lost_most, lang)
        );
    }
    out
}

/// Draws one scenario's structure as a 会議体系図 (tier rows × field columns, see
/// [`crate::report::charts::structure_diagram`]). The one call into the chart module, so
/// the diagram can be swapped for another renderer in one place.
pub fn structure_diagram(
    title: &str,
    bodies: &[StructureBody],
    analysis: &Analysis,
    lang: Lang,
) -> Result<Rendered, ChartError> {
    let mut shown: Vec<usize> = (0..bodies.len()).collect();
    if shown.len() > DIAGRAM_BODIES {
        shown.sort_by_key(|&i| (std::cmp::Reverse(bodies[i].meetings.len()), i));
        shown.truncate(DIAGRAM_BODIES);
        shown.sort_unstable();
    }
    let shown: Vec<&StructureBody> = shown.iter().map(|&i| &bodies[i]).collect();
    crate::report::figures::bodies_structure(title, &shown, analysis, lang)
}

/// The structure diagram of every scenario, keyed `scenario_1`, `scenario_2`, …
pub fn scenario_charts(analysis: &Analysis, lang: Lang) -> Result<Vec<Chart>, ChartError> {
    let Some(c) = &analysis.scenarios else { return Ok(Vec::new()) };
    c.scenarios
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut title = match lang {
                Lang::Ja => format!("シナリオ {}「{}」の会議体の構成", i + 1, s.name),
                Lang::En => format!("Scenario {} \"{}\": structure by tier", i + 1, s.name),
            };
            if s.structure.len() > DIAGRAM_BODIES {
                let _ = write!(
                    title,
                    "{}",
                    match lang {
                        Lang::Ja =>
                            format!("（上位{DIAGRAM_BODIES}件／全{}件）", s.structure.len()),
                        Lang::En => format!(" (top {DIAGRAM_BODIES} of {})", s.structure.len()),
                    }
                );
            }
            let rendered = structure_diagram(&title, &s.structure, analysis, lang)?;
            Ok(Chart {
                key: format!("{SCENARIO_CHART_PREFIX}{}", i + 1),
                title,
                svg: rendered.svg,
                png: rendered.png,
            })
        })
        .collect()
}

/// Whether a chart is a scenario diagram (shown in the scenarios section, not among the
/// other charts).
pub fn is_scenario_chart(chart: &Chart) -> bool {
    chart.key.starts_with(SCENARIO_CHART_PREFIX)
}

/// The report's scenarios and sensitivity sections (nothing when neither was asked for).
pub fn scenarios_html(
    analysis: &Analysis,
    tables: &[Table],
    charts: &[Chart],
    lang: Lang,
) -> Markup {
    let find = |key: &str| tables.iter().find(|t| t.key == key);
    html! {
        @if let Some(c) = &analysis.scenarios {
            section id="scenarios" {
                h2 { (lang.pick("シナリオの比較", "Scenarios compared")) }
                p class="note" {
                    (lang.pick(
                        "各シナリオを現在の会議体に当てはめ、再編案と同じ決まりで判定した結果です。決まりを守らない変更も評価し、守られない決まりを列挙しています。",
                        "Each scenario applied to today's meetings and judged by the proposal's rulebook. Changes that break a rule are still evaluated; the rules they break are listed."))
                }
                @if let Some(t) = find("scenarios") { (table_html(t, lang)) }
                @for (i, s) in c.scenarios.iter().enumerate() {
                    div class="body" id=(format!("scenario-{}", i + 1)) {
                        h3 { (format!("{} {}: {}", lang.pick("シナリオ", "Scenario"), i + 1, s.name)) }
                        @if let Some(d) = &s.description { p { (d) } }
                        p { (lang.pick("内容: ", "Content: ")) (content(s, lang)) }
                        @if !s.result.violations.is_empty() {
                            p { (lang.pick("守られない決まり:", "Rules broken:")) }
                            ul { @for f in &s.result.violations { li { (phrases::violation(&f.violation, lang)) } } }
                        }
                        @if !s.result.links_lost.is_empty() {
                            p { (lang.pick("失われるつながり:", "Links lost:")) }
                            ul {
                                @for l in &s.result.links_lost {
                                    li { (link_words(l, lang)) }
                                }
                            }
                        }
                        @for chart in charts.iter().filter(|c| c.key == format!("{SCENARIO_CHART_PREFIX}{}", i + 1)) {
                            (chart_html(chart))
                        }
                    }
                }
            }
        }
        @if let Some(s) = &analysis.sensitivity {
            section id="sensitivity" {
                h2 { (lang.pick("感度分析", "Sensitivity")) }
                p { (sensitivity_summary(s, lang)) }
                @if let Some(t) = find("sensitivity") { (table_html(t, lang)) }
            }
        }
    }
}

/// One paragraph: how many settings were tried, and the robust core and fragile parts
/// of the proposal.
pub fn sensitivity_summary(s: &Sensitivity, lang: Lang) -> String {
    let total = s.grid.len();
    let pick = |wanted: Robustness| -> Vec<String> {
        s.together
            .iter()
            .filter(|p| p.in_proposal && s.robustness(p) == wanted)
            .map(|p| format!("{}+{}", p.meetings[0], p.meetings[1]))
            .collect()
    };
    let (core, fragile) = (pick(Robustness::Robust), pick(Robustness::Fragile));
    let none = lang.pick("なし", "none");
    let shown =
        |v: &[String]| if v.is_empty() { none.to_string() } else { phrases::list(v, 20, lang) };
    match lang {
        Lang::Ja => format!(
            "ポリシーの {total} 通りの設定（コアメンバーの上限、都度参加の割合、参加機関の重なり、議題の圧縮、圏域の混在）で提案を作り直しました。どの設定でもほぼ残る組（8割以上、提案の中核）: {}。設定次第の組（5割未満）: {}。",
            shown(&core),
            shown(&fragile)
        ),
        Lang::En => format!(
            "The proposal was rerun under {total} policy settings (core size, per-item share, member overlap, agenda compression, mixed areas). Pairs of the proposal kept in 80% or more of them (its robust core): {}. Pairs kept in under half (fragile): {}.",
            shown(&core),
            shown(&fragile)
        ),
    }
}

/// Markdown after one of this module's tables: each scenario's diagram, linked, after
/// the scenarios; the robust core and fragile parts after the sensitivity.
pub fn markdown_after_table(key: &str, analysis: &Analysis, lang: Lang) -> String {
    let mut out = String::new();
    match (key, &analysis.scenarios, &analysis.sensitivity) {
        ("scenarios", Some(c), _) => {
            for (i, s) in c.scenarios.iter().enumerate() {
                let alt = format!("{} {}: {}", lang.pick("シナリオ", "Scenario"), i + 1, s.name);
                let _ = writeln!(
                    out,
                    "![{}](charts/{SCENARIO_CHART_PREFIX}{}.svg)\n",
                    crate::report::markdown_text(&alt),
                    i + 1
                );
            }
        }
        ("sensitivity", _, Some(s)) => {
            let summary = crate::report::markdown_text(&sensitivity_summary(s, lang));
            let _ = writeln!(out, "{summary}\n");
        }
        _ => {}
    }
    out
}
