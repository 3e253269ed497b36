//! The report as documents: one self-contained HTML page, the same content as Markdown,
//! the tables for Excel, and `analysis.json` with everything.
//!
//! HTML is built with maud, which escapes every interpolated value; only chart SVG
//! (produced by plotters, which escapes its own text) is inserted pre-escaped.

use crate::analysis::Analysis;
use crate::connectivity::ConnectivityReport;
use crate::lang::Lang;
use crate::proposal::Method;
use crate::report::inventory_table::{frequency_label, minutes_label};
use crate::report::overlap::{caution_lines, cluster_sentence};
use crate::report::phrases;
use crate::report::phrases::summary as words;
use crate::report::summary::{structure_chart, summary};
use crate::report::table::{Cell, Cut, DOCUMENT_ROWS, Table};
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// A chart ready to embed.
#[derive(Debug, Clone)]
pub struct Chart {
    /// File stem (`hours_per_meeting`).
    pub key: String,
    /// Caption.
    pub title: String,
    /// SVG markup.
    pub svg: String,
    /// PNG bytes.
    pub png: Vec<u8>,
}

/// Whole numbers without decimals (12 sessions), others with one (0.5).
fn decimals(value: f64) -> usize {
    if value.fract() == 0.0 { 0 } else { 1 }
}

fn sector_label(sector: &str, lang: Lang) -> String {
    crate::report::phrases::sector(sector, lang).to_string()
}

/// Every table of the report, in the order the workbook and Markdown show them.
pub fn tables(analysis: &Analysis, lang: Lang) -> Vec<Table> {
    let separator = lang.pick("、", "; ");
    let inventory = &analysis.inventory;
    let mut meetings = Table::new(
        "meetings",
        lang,
        "会議一覧",
        "Meetings",
        &[
            ("ID", "id"),
            ("会議名", "name"),
            ("参加者", "participants"),
            ("議題・対象", "topics"),
            ("開催頻度", "frequency"),
            ("1回当たりの時間（分）", "minutes per session"),
            ("年間開催回数", "sessions per year"),
            ("参加人数", "people"),
            ("年間延べ時間", "person-hours per year"),
        ],
    );
    // Columns kaigi does not interpret (備考 and others) follow, as the loader promised.
    let extra = inventory.extra_headers();
    meetings.header.extend(extra.iter().cloned());
    for m in &inventory.meetings {
        let participants: Vec<String> = m
            .participants
            .iter()
            .map(|p| if p.count > 1 { format!("{}×{}", p.name, p.count) } else { p.name.clone() })
            .collect();
        let frequency = m.frequency();
        meetings.rows.push(vec![
            m.id.clone().into(),
            m.name.clone().into(),
            participants.join(separator).into(),
            m.topics_label(separator).into(),
            frequency_label(&frequency, lang).into(),
            // An estimated length is marked 推定 / est., as the frequency is.
            if m.minutes_estimated {
                minutes_label(m.minutes_per_session, true, lang).into()
            } else {
                Cell::Number(m.minutes_per_session, 0)
            },
            Cell::Number(m.sessions_per_year, decimals(m.sessions_per_year)),
            Cell::Int(i64::from(m.head_count)),
            Cell::Number(m.annual_person_hours, 1),
        ]);
        if let Some(row) = meetings.rows.last_mut() {
            row.extend(
                extra.iter().map(|h| Cell::from(m.extra.get(h).cloned().unwrap_or_default())),
            );
        }
    }
    // The Word file and the HTML and Markdown pages show only the first rows of a long
    // table; the total row adds up every meeting all the same, and says so.
    let cut_somewhere =
        inventory.meetings.len() > DOCUMENT_ROWS.min(crate::report::docx::DOCX_ROWS);
    meetings.totals.push(vec![
        "".into(),
        phrases::total_label(inventory.meetings.len(), cut_somewhere, lang).into(),
        "".into(),
        "".into(),
        "".into(),
        "".into(),
        Cell::Number(
            inventory.totals.sessions_per_year,
            decimals(inventory.totals.sessions_per_year),
        ),
        "".into(),
        Cell::Number(inventory.totals.annual_person_hours, 1),
    ]);
    if let Some(total) = meetings.totals.last_mut() {
        total.resize(meetings.header.len(), Cell::from(""));
    }
    let mut agencies = Table::new(
        "agencies",
        lang,
        "機関一覧",
        "Agencies",
        &[
            ("機関名", "agency"),
            ("分野", "sector"),
            ("種別", "kind"),
            ("守秘義務", "confidentiality"),
            ("参加会議数", "meetings"),
            ("年間会議時間", "hours per year"),
        ],
    );
    for a in &inventory.agencies {
        agencies.rows.push(vec![
            a.name.clone().into(),
            sector_label(&a.sector, lang).into(),
            a.kind_label(lang).into(),
            lang.pick(
                match a.confidentiality {
                    crate::model::Confidentiality::Statutory => "法定",
                    crate::model::Confidentiality::Contractual => "契約",
                    crate::model::Confidentiality::None => "なし",
                },
                match a.confidentiality {
                    crate::model::Confidentiality::Statutory => "statutory",
                    crate::model::Confidentiality::Contractual => "contractual",
                    crate::model::Confidentiality::None => "none",
                },
            )
            .into(),
            Cell::Int(a.meetings as i64),
            Cell::Number(a.annual_hours, 1),
        ]);
    }
    let p = &analysis.proposal;
    let mut before_after = Table::new(
        "before_after",
        lang,
        "現状と提案の比較",
        "Before and after",
        &[("指標", "measure"), ("現状", "before"), ("提案", "after")],
    );
    for (label, before, after, decimals) in phrases::before_after_rows(p, lang) {
        before_after.rows.push(vec![
            label.into(),
            Cell::Number(before, decimals),
            Cell::Number(after, decimals),
        ]);
    }
    let mut bodies = Table::new(
        "proposal_bodies",
        lang,
        "提案する会議体",
        "Proposed bodies",
        &[
            ("ID", "id"),
            ("名称", "name"),
            ("階層", "tier"),
            ("役割", "role"),
            ("対象の会議", "absorbs"),
            ("コアメンバー", "core members"),
            ("都度参加", "per-item members"),
            ("年間開催回数", "sessions per year"),
            ("1回当たりの時間（分）", "minutes per session"),
            ("年間延べ時間（現状）", "person-hours before"),
            ("年間延べ時間（提案）", "person-hours after"),
            ("課題の提起先", "escalates to"),
            ("理由", "reasons"),
        ],
    );
    for b in &p.bodies {
        bodies.rows.push(vec![
            b.id.clone().into(),
            phrases::body_title(b, lang).into(),
            phrases::tier(b.tier, lang).into(),
            b.role
                .iter()
                .map(|f| lang.pick(f.label_ja(), f.key()))
                .collect::<Vec<_>>()
                .join(separator)
                .into(),
            b.absorbs
                .iter()
                .map(|a| format!("{} ({})", a.meeting, phrases::how(a.how, lang)))
                .collect::<Vec<_>>()
                .join(separator)
                .into(),
            b.core_members
                .iter()
                .map(|m| m.name.clone())
                .collect::<Vec<_>>()
                .join(separator)
                .into(),
            b.per_item_members
                .iter()
                .map(|m| m.name.clone())
                .collect::<Vec<_>>()
                .join(separator)
                .into(),
            Cell::Number(b.sessions_per_year, decimals(b.sessions_per_year)),
            Cell::Number(b.minutes_per_session, 0),
            Cell::Number(b.hours_before, 1),
            Cell::Number(b.annual_person_hours, 1),
            b.escalates_to.clone().unwrap_or_default().into(),
            b.reasons
                .iter()
                .map(|r| phrases::reason(r, lang))
                .collect::<Vec<_>>()
                .join(" / ")
                .into(),
        ]);
    }
    let mut decisions = Table::new(
        "proposal_meetings",
        lang,
        "会議ごとの扱い",
        "Decision per meeting",
        &[
            ("ID", "id"),
            ("会議名", "name"),
            ("扱い", "decision"),
            ("会議体", "bodies"),
            ("推定した値", "inferred values"),
        ],
    );
    for d in &p.meetings {
        let inferred: Vec<String> =
            d.inferred.iter().map(|value| phrases::inferred(value, lang)).collect();
        decisions.rows.push(vec![
            d.meeting.clone().into(),
            d.name.clone().into(),
            phrases::how(d.how, lang).into(),
            d.bodies.join(separator).into(),
            inferred.join(separator).into(),
        ]);
    }
    let mut hours = Table::new(
        "agency_hours",
        lang,
        "機関ごとの年間会議時間",
        "Meeting hours per agency",
        &[("機関名", "agency"), ("現状", "before"), ("提案", "after")],
    );
    for h in &p.agency_hours {
        hours.rows.push(vec![
            h.name.clone().into(),
            Cell::Number(h.before, 1),
            Cell::Number(h.after, 1),
        ]);
    }
    let mut clusters = Table::new(
        "overlap_clusters",
        lang,
        "重複する会議のまとまり",
        "Clusters of overlapping meetings",
        &[
            ("番号", "cluster"),
            ("会議", "meetings"),
            ("全会議に出席する機関", "core agencies"),
            ("共通の議題", "shared topics"),
            ("年間延べ時間", "person-hours per year"),
            ("重複している時間", "duplicated hours"),
            ("平均類似度", "mean score"),
        ],
    );
    for (i, c) in analysis.overlap.clusters.iter().enumerate() {
        let members: Vec<String> =
            c.meetings.iter().zip(&c.names).map(|(id, name)| format!("{id} {name}")).collect();
        clusters.rows.push(vec![
            Cell::Int(i as i64 + 1),
            members.join(separator).into(),
            c.core_participants.join(separator).into(),
            c.shared_topics.join(separator).into(),
            Cell::Number(c.annual_hours, 1),
            Cell::Number(c.duplicated_hours, 1),
            Cell::Number(c.mean_score, 2),
        ]);
    }
    let mut pairs = Table::new(
        "overlap_pairs",
        lang,
        "似ている会議の組",
        "Similar meeting pairs",
        &[
            ("会議A", "meeting a"),
            ("会議B", "meeting b"),
            ("類似度", "score"),
            ("参加機関の重なり (Jaccard)", "participant jaccard"),
            ("包含度", "participant overlap"),
            ("議題の重なり", "topic jaccard"),
            ("共通の機関", "shared agencies"),
            ("共通の議題", "shared topics"),
        ],
    );
    for pair in &analysis.overlap.pairs {
        pairs.rows.push(vec![
            format!("{} {}", pair.a, pair.a_name).into(),
            format!("{} {}", pair.b, pair.b_name).into(),
            Cell::Number(pair.score, 3),
            Cell::Number(pair.participant_jaccard, 3),
            Cell::Number(pair.participant_overlap, 3),
            Cell::Number(pair.topic_jaccard, 3),
            pair.shared_participants.join(separator).into(),
            pair.shared_topics.join(separator).into(),
        ]);
    }
    let c = &analysis.connectivity;
    let mut network = Table::new(
        "connectivity_agencies",
        lang,
        "機関ごとのつながり",
        "Connectivity per agency",
        &[
            ("機関名", "agency"),
            ("分野", "sector"),
            ("つながる機関数", "degree"),
            ("次数中心性", "degree centrality"),
            ("媒介中心性", "betweenness"),
            ("近接中心性", "closeness"),
            ("参加会議数", "meetings"),
            ("年間会議時間", "hours per year"),
            ("コミュニティ", "community"),
            ("仲介（分野内の調整役）", "brokerage: coordinator within its field"),
            ("仲介（分野の窓口）", "brokerage: gateway of its field"),
            ("仲介（外部の相談役）", "brokerage: consultant to another field"),
            ("仲介（分野外どうしの連絡役）", "brokerage: liaison between two other fields"),
            ("分断点", "articulation point"),
        ],
    );
    for a in &c.agencies {
        let cut = c.articulation_points.binary_search(&a.name).is_ok();
        network.rows.push(vec![
            a.name.clone().into(),
            sector_label(&a.sector, lang).into(),
            Cell::Int(a.degree as i64),
            Cell::Number(a.degree_centrality, 3),
            Cell::Number(a.betweenness, 3),
            Cell::Number(a.closeness, 3),
            Cell::Int(a.meetings as i64),
            Cell::Number(a.annual_hours, 1),
            Cell::Int(a.community as i64),
            // Pairs, as the text counts them (see `Brokerage::pairs`).
            Cell::Int(a.brokerage.pairs().coordinator as i64),
            Cell::Int(a.brokerage.pairs().gateway as i64),
            Cell::Int(a.brokerage.pairs().consultant as i64),
            Cell::Int(a.brokerage.pairs().liaison as i64),
            lang.pick(if cut { "○" } else { "" }, if cut { "yes" } else { "" }).into(),
        ]);
    }
    let mut sectors = Table::new(
        "sector_matrix",
        lang,
        "分野間のつながり",
        "Field-to-field links",
        &[
            ("分野A", "field a"),
            ("分野B", "field b"),
            ("共通の会議数", "shared meetings"),
            ("共通の会議時間", "shared hours"),
            ("つなぐ機関", "agencies carrying the link"),
        ],
    );
    for link in &c.sector_matrix {
        sectors.rows.push(vec![
            sector_label(&link.sectors[0], lang).into(),
            sector_label(&link.sectors[1], lang).into(),
            Cell::Int(link.shared_meetings.len() as i64),
            Cell::Number(link.shared_hours, 1),
            phrases::list(&link.carriers, CARRIERS_SHOWN, lang).into(),
        ]);
    }
    let mut all = vec![
        meetings,
        agencies,
        network,
        sectors,
        clusters,
        pairs,
        before_after,
        bodies,
        decisions,
        hours,
    ];
    all.extend(crate::report::scenarios::extra_tables(analysis, lang));
    all
}

/// The first `count` of [`ConnectivityReport::main_brokers`]: the brokers every
/// document and chart names, in the one order the terminal uses too.
pub fn top_brokers(
    report: &ConnectivityReport,
    count: usize,
) -> Vec<&crate::connectivity::AgencyMeasures> {
    let mut agencies = report.main_brokers();
    agencies.truncate(count);
    agencies
}

fn connectivity_html(analysis: &Analysis, lang: Lang) -> Markup {
    let c = &analysis.connectivity;
    let n = &c.network;
    let sector = |s: &str| sector_label(s, lang);
    let with_sector = |name: &str| -> String {
        match c.agencies.iter().find(|a| a.name == name) {
            Some(a) => format!("{name}（{}）", sector(&a.sector)),
            None => name.to_string(),
        }
    };
    let figures: Vec<(&str, String)> = vec![
        (lang.pick("機関", "agencies"), n.agencies.to_string()),
        (lang.pick("同席する機関の組", "linked pairs"), n.links.to_string()),
        (lang.pick("密度", "density"), format!("{:.3}", n.density)),
        (lang.pick("連結成分", "components"), n.components.to_string()),
        (
            lang.pick("平均クラスタ係数", "average clustering"),
            format!("{:.3}", n.average_clustering),
        ),
        (
            lang.pick("平均距離", "average path length"),
            format!(
                "{:.2}{}",
                n.average_shortest_path,
                if n.exact_paths { "" } else { lang.pick("（推定）", " (estimated)") }
            ),
        ),
        (
            lang.pick("会議時間の偏り（ジニ係数）", "inequality of hours (Gini)"),
            format!("{:.3}", c.burden_gini),
        ),
    ];
    let fields_unknown = crate::report::connectivity::fields_unknown(c, lang);
    let fields_known = crate::report::connectivity::known_fields(c);
    html! {
        section id="connectivity" {
            h2 { (lang.pick("機関と分野のつながり", "How agencies and fields are connected")) }
            div class="cards" {
                @for (label, value) in &figures {
                    div class="card" { div class="value" { (value) } div class="label" { (label) } }
                }
            }
            h3 { (lang.pick("会議で一度も同席しない分野", "Fields that never meet")) }
            @if let Some(note) = fields_unknown.as_ref().filter(|_| fields_known < 2) {
                p { (note) }
            } @else {
                @let (gaps, others) = crate::report::connectivity::field_gaps(c);
                @if gaps.is_empty() {
                    p { (lang.pick("なし: どの分野の組み合わせも、どこかの会議で同席しています。", "None: every pair of fields shares at least one meeting.")) }
                    @if let Some(note) = &fields_unknown { p { (note) } }
                } @else {
                    ul { @for p in &gaps { li { (sector(&p[0])) " × " (sector(&p[1])) } } }
                }
                @if let Some(note) = crate::report::connectivity::other_sectors_note(&others, lang) {
                    p class="note" { (note) }
                }
            }
            h3 { (lang.pick("単一障害点（異動・欠席で切れるつながり）", "Single points of failure (links a staff transfer would cut)")) }
            @let critical = crate::report::connectivity::critical_between_fields(c);
            @if critical.is_empty() && c.articulation_points.is_empty() {
                p { (lang.pick("一機関だけが支えているつながりはありません。", "No link depends on a single agency.")) }
            }
            @if !critical.is_empty() {
                p { (lang.pick("この機関が抜けると、次の分野の組み合わせが同席する会議がなくなります:", "Without this agency, these pairs of fields would share no meeting:")) }
                ul {
                    @for (name, pairs) in &critical {
                        li { (with_sector(name)) ": " (pairs.iter().map(|p| format!("{} × {}", sector(&p[0]), sector(&p[1]))).collect::<Vec<_>>().join(lang.pick("、", ", "))) }
                    }
                }
            }
            @if !c.articulation_points.is_empty() {
                p {
                    (lang.pick("抜けると機関のネットワークが分断される機関（分断点）: ", "Agencies whose departure splits the network (articulation points): "))
                    (c.articulation_points.iter().map(|a| with_sector(a)).collect::<Vec<_>>().join(lang.pick("、", ", ")))
                }
            }
            h3 { (lang.pick("主な仲介役（分野をまたいで、互いに同席しない機関どうしをつなぐ機関）", "Main brokers (agencies linking agencies of different fields that do not meet each other)")) }
            @if !n.exact_paths {
                p class="note" { (lang.pick(
                    "注: 機関数が多いため、媒介中心性・近接中心性・平均距離は無作為に選んだ起点からの推定値です（--exact-limit で変更できます）。",
                    "Note: the network is large, so betweenness, closeness and the average path length are estimated from seeded random pivots (see --exact-limit).",
                )) }
            }
            @let brokers = top_brokers(c, 5);
            @if brokers.is_empty() {
                p { (lang.pick("なし（分野をまたぐ仲介をする機関はありません。分野が不明な場合は判定できません）", "None (no agency brokers across fields; cannot tell when the fields are unknown)")) }
            } @else {
                ol {
                    @for a in &brokers {
                        li { (with_sector(&a.name)) " — " (phrases::brokerage(a, lang)) }
                    }
                }
                p class="note" { (phrases::brokerage_note(lang)) }
            }
            @if !c.isolated.is_empty() {
                p {
                    (lang.pick("どの会議でも他の機関と同席していない機関: ", "Agencies that meet no other agency: "))
                    (c.isolated.iter().map(|a| with_sector(a)).collect::<Vec<_>>().join(lang.pick("、", ", ")))
                }
            }
            p class="note" {
                (match lang {
                    Lang::Ja => format!("1 つの会議だけで保たれているつながり: {} 組。大きな会議だけによるつながりを除いた「骨格」のつながり（統計的に有意）: {} 組。", c.single_meeting_links.len(), c.backbone_links.len()),
                    Lang::En => format!("Links carried by a single meeting: {}. Backbone links (stronger than large plenaries alone would explain): {}.", c.single_meeting_links.len(), c.backbone_links.len()),
                })
            }
        }
    }
}

/// The page's style: on screen a centred column whose wide tables scroll inside their
/// frame; in print A4 with the summary alone on the first page, the meeting table on
/// landscape pages, rows and charts never split, and headings kept with what follows.
pub(crate) const STYLE: &str = "
body{font-family:'Hiragino Sans','Yu Gothic','Meiryo','Noto Sans CJK JP','IPAexGothic',sans-serif;margin:2rem auto;max-width:1100px;color:#222;line-height:1.5;padding:0 1rem}
h1{font-size:1.6rem;border-bottom:3px solid #2b6cb0;padding-bottom:.3rem}
h2{font-size:1.3rem;margin-top:2.2rem;border-left:6px solid #2b6cb0;padding-left:.5rem}
.cards{display:flex;flex-wrap:wrap;gap:.8rem}
.card{border:1px solid #cbd5e0;border-radius:6px;padding:.6rem 1rem;min-width:10rem}
.card .value{font-size:1.5rem;font-weight:bold}
.card .label{font-size:.85rem;color:#555}
.table-frame{overflow-x:auto;max-width:100%;margin:.5rem 0 1rem}
table{border-collapse:collapse;width:100%;font-size:.85rem}
.table-frame table.wide{min-width:56rem}
.table-frame table.medium{min-width:34rem}
th,td{border:1px solid #cbd5e0;padding:.25rem .4rem;vertical-align:top;text-align:left}
th{background:#ebf4ff}
tfoot td{font-weight:bold;border-top:2px solid #718096}
td.num{text-align:right;white-space:nowrap}
figure{margin:1rem 0;break-inside:avoid;page-break-inside:avoid}
figure svg{max-width:100%;height:auto}
figcaption{font-size:.85rem;color:#555}
.body{border:1px solid #cbd5e0;border-radius:6px;padding:.5rem 1rem;margin:.6rem 0;break-inside:avoid;page-break-inside:avoid}
.note{font-size:.85rem;color:#555}
.summary-split{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.5rem;align-items:start}
@media (max-width:600px){.card{min-width:0;flex:1 1 40%}body{margin:1rem auto}.summary-split{grid-template-columns:minmax(0,1fr)}}
@page{size:A4;margin:12mm 11mm 14mm}
@page wide{size:A4 landscape;margin:11mm 12mm}
@media print{
body{margin:0;max-width:none;padding:0;font-size:9.5pt;line-height:1.4}
h1{font-size:15pt;margin:0 0 2mm}
h2{font-size:12.5pt;margin-top:5mm}
h2,h3{break-after:avoid;page-break-after:avoid}
table{font-size:8pt}
thead{display:table-header-group}
tfoot{display:table-row-group}
tr,li,.card{break-inside:avoid;page-break-inside:avoid}
.table-frame{overflow:visible}
.table-frame table.wide,.table-frame table.medium{min-width:0}
figure svg{max-height:235mm;width:auto}
a{color:inherit;text-decoration:none}
#summary{break-after:page;page-break-after:always;font-size:9pt}
#summary h2{margin-top:0}
#summary h3{font-size:10pt;margin:2.5mm 0 1mm}
#summary .cards{display:grid;grid-template-columns:repeat(4,1fr);gap:1.5mm}
#summary .card{padding:1mm 2.5mm;min-width:0}
#summary .card .value{font-size:10pt}
#summary .card .label{font-size:7.5pt}
#summary .table-frame{margin:1mm 0}
#summary figure{margin:1mm 0}
#summary figure svg{max-height:150mm}
#summary figcaption{display:none}
#summary th,#summary td{padding:.2mm 1.5mm}
#summary p{margin:1mm 0}
#summary ol,#summary ul{margin:0;padding-left:5mm}
#meetings{page:wide}
}
";

/// The heading of a report section, by its id: one wording for HTML and Word.
pub(crate) fn section_title(id: &str, lang: Lang) -> &'static str {
    match id {
        "meetings" => lang.pick("会議一覧（廿日市市方式）", "Meeting table (Hatsukaichi style)"),
        "overlap" => lang.pick("重複している会議", "Overlapping meetings"),
        "proposal" => lang.pick("再編案", "Consolidation proposal"),
        "charts" => lang.pick("図表", "Charts"),
        "agencies" => lang.pick("機関一覧", "Agencies"),
        "decisions" => lang.pick("会議ごとの扱い", "Decision per meeting"),
        _ => words::heading(lang),
    }
}

/// The title of the report.
pub(crate) fn report_title(analysis: &Analysis, lang: Lang) -> String {
    match lang {
        Lang::Ja => format!("会議体の棚卸しと再編案 — {}", analysis.inventory_name),
        Lang::En => {
            format!("Meeting audit and consolidation proposal — {}", analysis.inventory_name)
        }
    }
}

/// The note under the title: who wrote the report and what person-hours are.
pub(crate) fn report_note(lang: Lang) -> &'static str {
    lang.pick(
        "kaigi が会議一覧から作成。延べ時間 = 参加人数 × 年間開催回数 × 1回当たりの時間。",
        "Written by kaigi from the meeting inventory. Person-hours = people × sessions per year × hours per session.",
    )
}

/// What a proposed body is, one line each: tier, sessions and hours, what it takes in,
/// its members. The reasons follow as a list.
pub(crate) fn body_facts(b: &crate::proposal::Body, lang: Lang) -> Vec<String> {
    let sep = lang.pick("、", ", ");
    let mut first = format!(
        "{}{} / {}{:.0} / {}{:.1} → {:.1}",
        lang.pick("階層: ", "Tier: "),
        phrases::tier(b.tier, lang),
        lang.pick("年間開催回数: ", "sessions per year: "),
        b.sessions_per_year,
        lang.pick("延べ時間: ", "person-hours: "),
        b.hours_before,
        b.annual_person_hours
    );
    if let Some(to) = &b.escalates_to {
        first.push_str(&format!(" / {}{to}", lang.pick("課題の提起先: ", "escalates to: ")));
    }
    let absorbs: Vec<String> = b
        .absorbs
        .iter()
        .map(|a| format!("{} {} ({})", a.meeting, a.name, phrases::how(a.how, lang)))
        .collect();
    let mut lines = vec![
        first,
        format!("{}{}", lang.pick("対象: ", "Absorbs: "), absorbs.join(sep)),
        format!(
            "{}{}",
            lang.pick("コアメンバー: ", "Core members: "),
            b.core_members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>().join(sep)
        ),
    ];
    if !b.per_item_members.is_empty() {
        let members: Vec<String> = b
            .per_item_members
            .iter()
            .map(|m| format!("{} ({:.0}%)", m.name, m.expected_share * 100.0))
            .collect();
        lines.push(format!(
            "{}{}",
            lang.pick("都度参加: ", "Per-item members: "),
            members.join(sep)
        ));
    }
    lines
}

/// One row of cells; numbers right-aligned.
fn row_html(row: &[Cell]) -> Markup {
    html! {
        tr {
            @for cell in row {
                @match cell {
                    Cell::Text(text) => td { (text) },
                    _ => td class="num" { (cell.display()) },
                }
            }
        }
    }
}

/// How wide a table must stay on a narrow screen before its frame scrolls: a table of
/// many columns would otherwise shrink to three characters a column.
fn width_class(columns: usize) -> Option<&'static str> {
    match columns {
        0..=3 => None,
        4..=5 => Some("medium"),
        _ => Some("wide"),
    }
}

/// A table inside a frame that scrolls sideways on a narrow screen (the page itself
/// never does), the totals in its `tfoot`.
/// At most [`DOCUMENT_ROWS`](crate::report::table::DOCUMENT_ROWS) rows, with a note
/// saying where the rest is.
pub(crate) fn table_html(table: &Table, lang: Lang) -> Markup {
    let (shown, cut) = table.capped(crate::report::table::DOCUMENT_ROWS);
    html! {
        div class="table-frame" {
            table class=[width_class(shown.header.len())] {
                thead { tr { @for h in &shown.header { th { (h) } } } }
                tbody { @for row in &shown.rows { (row_html(row)) } }
                @if !shown.totals.is_empty() {
                    tfoot { @for row in &shown.totals { (row_html(row)) } }
                }
            }
        }
        @if let Some(cut) = &cut {
            p class="note" { (phrases::cut_note(cut, lang)) }
        }
    }
}

pub(crate) fn chart_html(chart: &Chart) -> Markup {
    html! {
        figure id=(format!("chart-{}", chart.key)) {
            (PreEscaped(chart.svg.as_str()))
            figcaption { (chart.title) }
        }
    }
}

/// A second copy of a chart on the same page (the summary's diagram, also shown with
/// the charts): every id inside it, and the references to them, get `suffix`, since ids
/// must be unique in an HTML document.
pub(crate) fn chart_copy_html(chart: &Chart, suffix: &str) -> Markup {
    let svg = with_suffix(&with_suffix(&chart.svg, " id=\"", suffix), "href=\"#", suffix);
    html! {
        figure id=(format!("chart-{}-{suffix}", chart.key)) {
            (PreEscaped(svg))
            figcaption { (chart.title) }
        }
    }
}

/// `text` with `-suffix` added to every quoted value that follows `marker`.
fn with_suffix(text: &str, marker: &str, suffix: &str) -> String {
    let mut parts = text.split(marker);
    let mut out = parts.next().unwrap_or_default().to_string();
    for part in parts {
        out.push_str(marker);
        match part.find('"') {
            Some(end) => {
                out.push_str(&part[..end]);
                out.push('-');
                out.push_str(suffix);
                out.push_str(&part[end..]);
            }
            None => out.push_str(part),
        }
    }
    out
}

/// The self-contained HTML report: summary first, then the meeting table, the proposal,
/// and the charts inline. No script, no external asset.
pub fn html_report(analysis: &Analysis, tables: &[Table], charts: &[Chart], lang: Lang) -> String {
    let find = |key: &str| tables.iter().find(|t| t.key == key);
    let p = &analysis.proposal;
    let inventory = &analysis.inventory;
    let saved = p.before.annual_person_hours - p.after.annual_person_hours;
    let summary = summary(analysis, lang);
    let cards: Vec<(String, &str)> = vec![
        (inventory.totals.meetings.to_string(), lang.pick("会議", "meetings")),
        (inventory.totals.agencies.to_string(), lang.pick("機関", "agencies")),
        (
            format!("{:.0}", inventory.totals.annual_person_hours),
            lang.pick("年間延べ時間", "person-hours per year"),
        ),
        (
            format!("{} → {}", p.before.bodies, p.after.bodies),
            lang.pick("会議体（提案）", "bodies (proposed)"),
        ),
        (format!("{saved:.0}"), lang.pick("削減できる延べ時間/年", "person-hours saved per year")),
        (p.dropped_links.len().to_string(), lang.pick("失われるつながり", "links lost")),
        (
            crate::report::connectivity::field_gaps(&analysis.connectivity).0.len().to_string(),
            lang.pick("一度も同席しない分野の組", "field pairs that never meet"),
        ),
        (
            crate::report::connectivity::critical_between_fields(&analysis.connectivity)
                .len()
                .to_string(),
            lang.pick("単一障害点となる機関", "single points of failure"),
        ),
    ];
    let title = report_title(analysis, lang);
    let body = html! {
                p class="note" { (report_note(lang)) }
                section id="summary" {
                    h2 { (words::heading(lang)) }
                    div class="cards" {
                        @for (value, label) in &cards {
                            div class="card" { div class="value" { (value) } div class="label" { (label) } }
                        }
                    }
                    p class="lead" { (summary.lead) }
                    h3 { (words::figures(lang)) }
                    @if let Some(t) = find("before_after") { (table_html(t, lang)) }
                    // The diagram beside the decisions: tall, it is readable only at
                    // half the page's width and full height, not squeezed under them.
                    div class="summary-split" {
                        @if let Some(chart) = structure_chart(charts) {
                            div {
                                h3 { (words::structure(lang)) }
                                (chart_copy_html(chart, "summary"))
                            }
                        }
                        div {
                            h3 { (words::decisions(lang)) }
                            @if summary.decisions.is_empty() {
                                p { (words::no_decisions(lang)) }
                            } @else {
                                ol { @for line in &summary.decisions { li { (line) } } }
                            }
                            h3 { (words::approvals(lang)) }
                            @if summary.approvals.is_empty() {
                                p { (words::no_approvals(lang)) }
                            } @else {
                                ul { @for line in &summary.approvals { li { (line) } } }
                            }
                        }
                    }
                }
                section id="meetings" {
                    h2 { (section_title("meetings", lang)) }
                    @if let Some(t) = find("meetings") { (table_html(t, lang)) }
                }
                section id="overlap" {
                    h2 { (section_title("overlap", lang)) }
                    p {
                        (match lang {
                            Lang::Ja => format!(
                                "似ている会議のまとまり {} 件（{} 会議）。同じ機関が複数の会議に出席している時間は年 {:.0} 時間。",
                                analysis.overlap.summary.clusters, analysis.overlap.summary.meetings_in_clusters, analysis.overlap.summary.duplicated_hours),
                            Lang::En => format!(
                                "{} of similar meetings ({}). The same agencies spend {:.0} hours a year in more than one of them.",
                                crate::counted(analysis.overlap.summary.clusters, "cluster", "clusters"), crate::counted(analysis.overlap.summary.meetings_in_clusters, "meeting", "meetings"), analysis.overlap.summary.duplicated_hours),
                        })
                    }
                    @for (i, c) in analysis.overlap.clusters.iter().enumerate().take(DOCUMENT_ROWS) {
                        div class="body" {
                            h3 { (format!("{} {}", lang.pick("まとまり", "Cluster"), i + 1)) ": "
                                (c.meetings.iter().zip(&c.names).map(|(id, n)| format!("{id} {n}")).collect::<Vec<_>>().join(lang.pick("、", ", "))) }
                            p { (cluster_sentence(c, lang)) }
                            @if !c.cautions.is_empty() {
                                ul { @for line in caution_lines(c, lang) { li { (line) } } }
                            }
                        }
                    }
                    @if let Some(cut) = items_cut(analysis.overlap.clusters.len(), "overlap_clusters") {
                        p class="note" { (phrases::cut_note(&cut, lang)) }
                    }
                    @if !analysis.overlap.tiers.is_empty() {
                        p class="note" {
                            (match lang {
                                Lang::Ja => format!("同じ会議体の階層（{} 件）は想定された重なりであり、無駄ではありません。", analysis.overlap.tiers.len()),
                                Lang::En => format!("Tiers of one body ({}) are expected overlaps, not waste.", analysis.overlap.tiers.len()),
                            })
                        }
                    }
                }
                (connectivity_html(analysis, lang))
                section id="proposal" {
                    h2 { (section_title("proposal", lang)) }
                    @if let Some(t) = find("before_after") { (table_html(t, lang)) }
                    @if let Some(note) = phrases::field_links_unknown(p.before.sector_links, lang) {
                        p class="note" { (note) }
                    }
                    p class="note" { (phrases::cost_assumptions(p, lang)) }
                    p class="note" {
                        @match (lang, p.optimality.method) {
                            (Lang::Ja, Method::Exact) => "探索: 厳密解（最適性を証明済み）",
                            (Lang::En, Method::Exact) => "Search: exact (proven optimum)",
                            (Lang::Ja, _) => (format!("探索: ヒューリスティック（下界との差 {:.1}%）", p.optimality.gap * 100.0)),
                            (Lang::En, _) => (format!("Search: heuristic (gap to the lower bound {:.1}%)", p.optimality.gap * 100.0)),
                        }
                    }
                    @for b in p.bodies.iter().take(DOCUMENT_ROWS) {
                        div class="body" id=(format!("body-{}", b.id)) {
                            h3 { (b.id) " " (phrases::body_title(b, lang)) }
                            @for line in body_facts(b, lang) { p { (line) } }
                            ul { @for r in &b.reasons { li { (phrases::reason(r, lang)) } } }
                        }
                    }
                    @if let Some(cut) = items_cut(p.bodies.len(), "proposal_bodies") {
                        p class="note" { (phrases::cut_note(&cut, lang)) }
                    }
                    @if !p.options.is_empty() {
                        h3 { (lang.pick("個別ケース会議の選択肢（提案には含めていない）", "Options for the case meetings (not part of the proposal)")) }
                        ul { @for option in &p.options { li { (phrases::case_option(option, lang)) } } }
                    }
                }
                (crate::report::scenarios::scenarios_html(analysis, tables, charts, lang))
                @if let Some(t) = find("role_matrix") {
                    section id="roles" {
                        h2 { (t.title) }
                        p class="note" { (phrases::role_legend(lang)) }
                        (table_html(t, lang))
                        @if let Some(gaps) = find("role_gaps") {
                            h3 { (gaps.title) }
                            (table_html(gaps, lang))
                        }
                    }
                }
                @if !charts.is_empty() {
                    section id="charts" {
                        h2 { (section_title("charts", lang)) }
                        @for chart in charts.iter().filter(|c| !crate::report::scenarios::is_scenario_chart(c)) { (chart_html(chart)) }
                    }
                }
                section id="agencies" {
                    h2 { (section_title("agencies", lang)) }
                    @if let Some(t) = find("agencies") { (table_html(t, lang)) }
                }
    };
    page(&title, lang, body)
}

/// One self-contained HTML page: the shared head and style, the title as heading, then
/// the body. Used by the report and the review.
pub(crate) fn page(title: &str, lang: Lang, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang=(lang.pick("ja", "en")) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { (title) }
                (body)
            }
        }
    }
    .into_string()
}

/// The one-page summary in Markdown, the structure chart as a picture beside the file.
fn summary_markdown(analysis: &Analysis, tables: &[Table], charts: &[Chart], lang: Lang) -> String {
    use crate::report::markdown_text as md;
    let summary = summary(analysis, lang);
    let mut out = format!("## {}\n\n{}\n\n", md(words::heading(lang)), md(&summary.lead));
    if let Some(t) = tables.iter().find(|t| t.key == "before_after") {
        let mut figures = t.clone();
        figures.title = words::figures(lang).to_string();
        out.push_str(&figures.to_markdown());
    }
    if let Some(chart) = structure_chart(charts) {
        out.push_str(&format!(
            "### {}\n\n![{}](charts/{}.png)\n\n",
            md(words::structure(lang)),
            md(&chart.title),
            chart.key
        ));
    }
    out.push_str(&format!("### {}\n\n", md(words::decisions(lang))));
    if summary.decisions.is_empty() {
        out.push_str(&format!("{}\n", md(words::no_decisions(lang))));
    }
    for (i, line) in summary.decisions.iter().enumerate() {
        out.push_str(&format!("{}. {}\n", i + 1, md(line)));
    }
    out.push_str(&format!("\n### {}\n\n", md(words::approvals(lang))));
    if summary.approvals.is_empty() {
        out.push_str(&format!("{}\n", md(words::no_approvals(lang))));
    }
    for line in &summary.approvals {
        out.push_str(&format!("- {}\n", md(line)));
    }
    out.push('\n');
    out
}

/// The report as Markdown, for pasting into documents: the one-page summary first.
pub fn markdown_report(
    analysis: &Analysis,
    tables: &[Table],
    charts: &[Chart],
    lang: Lang,
) -> String {
    let mut out = match lang {
        Lang::Ja => format!(
            "# 会議体の棚卸しと再編案 — {}\n\n",
            crate::report::markdown_text(&analysis.inventory_name)
        ),
        Lang::En => format!(
            "# Meeting audit and consolidation proposal — {}\n\n",
            crate::report::markdown_text(&analysis.inventory_name)
        ),
    };
    out.push_str(&summary_markdown(analysis, tables, charts, lang));
    for table in tables {
        out.push_str(&table.to_markdown_capped(lang));
        out.push_str(&crate::report::scenarios::markdown_after_table(&table.key, analysis, lang));
        if table.key == "role_matrix" {
            out.push_str(&crate::report::markdown_text(phrases::role_legend(lang)));
            out.push_str("\n\n");
        }
        if table.key == "before_after" {
            let sector_links = analysis.proposal.before.sector_links;
            if let Some(note) = phrases::field_links_unknown(sector_links, lang) {
                out.push_str(&crate::report::markdown_text(note));
                out.push_str("\n\n");
            }
            out.push_str(&crate::report::markdown_text(&phrases::cost_assumptions(
                &analysis.proposal,
                lang,
            )));
            out.push_str("\n\n");
        }
    }
    if !analysis.proposal.options.is_empty() {
        out.push_str(&format!(
            "## {}\n\n",
            lang.pick(
                "個別ケース会議の選択肢（提案には含めていない）",
                "Options for the case meetings (not part of the proposal)"
            )
        ));
        for option in &analysis.proposal.options {
            let line = crate::report::markdown_text(&phrases::case_option(option, lang));
            out.push_str(&format!("- {line}\n"));
        }
        out.push('\n');
    }
    out.push_str(&format!("## {}\n\n", lang.pick("統合・合同開催の理由", "Reasons")));
    for body in analysis.proposal.bodies.iter().take(DOCUMENT_ROWS) {
        out.push_str(&format!(
            "### {} {}\n\n",
            body.id,
            crate::report::markdown_text(&phrases::body_title(body, lang))
        ));
        for reason in &body.reasons {
            out.push_str(&format!(
                "- {}\n",
                crate::report::markdown_text(&phrases::reason(reason, lang))
            ));
        }
        out.push('\n');
    }
    if let Some(cut) = items_cut(analysis.proposal.bodies.len(), "proposal_bodies") {
        out.push_str(&crate::report::markdown_text(&phrases::cut_note(&cut, lang)));
        out.push_str("\n\n");
    }
    out
}

/// Agencies named in one cell of the field-to-field table, then "and N more": a city's
/// pair of fields has a few dozen at most, but a region's had 66,596 characters of names
/// in one cell. Every name stays in analysis.json (`connectivity.sector_matrix`).
const CARRIERS_SHOWN: usize = 50;

/// The cut of a list of `total` items a page shows at most [`DOCUMENT_ROWS`] of, when
/// there are more; `key` names the table that holds them all.
fn items_cut(total: usize, key: &str) -> Option<Cut> {
    (total > DOCUMENT_ROWS).then(|| Cut { shown: DOCUMENT_ROWS, total, key: key.to_string() })
}
