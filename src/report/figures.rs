//! The report's charts: the data each chart shows, prepared from the analysis, drawn by
//! [`crate::report::charts`].

use crate::analysis::Analysis;
use crate::connectivity::{AgencyMeasures, ConnectivityReport};
use crate::lang::Lang;
use crate::proposal::Tier;
use crate::report::charts::{
    ChartError, EdgeStyle, NetworkEdge, NetworkLegend, NetworkNode, OTHER_SECTOR, Rendered,
    Structure, StructureBox, bar_chart, force_layout, heatmap, heatmap_with_diagonal, lorenz_curve,
    network_with_legend, panel_bars, sector_colour, structure_diagram,
};
use crate::report::document::{Chart, top_brokers};
use crate::report::phrases;
use plotters::style::RGBColor;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

fn chart(key: &str, title: String, rendered: Rendered) -> Chart {
    Chart { key: key.to_string(), title, svg: rendered.svg, png: rendered.png }
}

/// Most meetings the overlap heatmap shows; beyond this the cells are too small to read.
const HEATMAP_MEETINGS: usize = 30;

/// Most meetings the hours-per-meeting chart shows (those with the most hours). Every bar
/// is a row of pixels, so an uncapped chart grows with the inventory (66,000 px tall at
/// 3,000 meetings); every meeting is in the tables.
const BAR_CHART_MEETINGS: usize = 50;

/// Most meetings or bodies the 会議体系図 draws (those with the most person-hours); beyond
/// this the diagram is unreadable and drawing it took most of a 3,000-meeting report's
/// time.
const TIER_DIAGRAM_BODIES: usize = 60;

/// Most agencies the network picture draws: brokers and articulation points first, then
/// those with the most hours. Beyond this the picture is a blot, and laying out 5,000
/// agencies took 10 s; every agency is in the tables and the GraphML/GEXF exports.
const NETWORK_AGENCIES: usize = 120;

/// The title, with " (top 50 of 3000)" when the chart shows only part of a list.
fn capped_title(title: &str, shown: usize, total: usize, lang: Lang) -> String {
    if shown >= total {
        return title.to_string();
    }
    match lang {
        Lang::Ja => format!("{title}（上位{shown}件／全{total}件）"),
        Lang::En => format!("{title} (top {shown} of {total})"),
    }
}

/// Every chart of the report, in report order. Each is drawn on its own (rayon), since
/// rasterising and compressing the PNG copies is most of a small report's time.
pub fn report_charts(analysis: &Analysis, lang: Lang) -> Result<Vec<Chart>, ChartError> {
    type Draw = fn(&Analysis, Lang) -> Result<Chart, ChartError>;
    const CHARTS: [Draw; 9] = [
        hours_per_meeting,
        hours_per_sector,
        lorenz_hours,
        structure_before,
        structure_after,
        before_after,
        overlap_heatmap,
        agency_network,
        sector_matrix,
    ];
    let mut charts: Vec<Chart> =
        CHARTS.par_iter().map(|draw| draw(analysis, lang)).collect::<Result<_, _>>()?;
    charts.extend(crate::report::scenarios::scenario_charts(analysis, lang)?);
    Ok(charts)
}

/// Hours per meeting, the meetings with most hours first.
fn hours_per_meeting(analysis: &Analysis, lang: Lang) -> Result<Chart, ChartError> {
    let inventory = &analysis.inventory;
    let hours = lang.pick("年間延べ時間", "person-hours per year");
    let mut by_meeting: Vec<(String, f64)> = inventory
        .meetings
        .iter()
        .map(|m| (format!("{} {}", m.id, m.name), m.annual_person_hours))
        .collect();
    by_meeting.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let all_meetings = by_meeting.len();
    by_meeting.truncate(BAR_CHART_MEETINGS);
    let title = capped_title(
        lang.pick("会議ごとの年間延べ時間", "Annual person-hours per meeting"),
        by_meeting.len(),
        all_meetings,
        lang,
    );
    Ok(chart("hours_per_meeting", title.clone(), bar_chart(&title, &by_meeting, hours)?))
}

/// Meeting hours summed over each sector's agencies.
fn hours_per_sector(analysis: &Analysis, lang: Lang) -> Result<Chart, ChartError> {
    let inventory = &analysis.inventory;
    let hours = lang.pick("年間延べ時間", "person-hours per year");
    let mut by_sector: BTreeMap<String, f64> = BTreeMap::new();
    for agency in &inventory.agencies {
        let label = phrases::sector(&agency.sector, lang).to_string();
        *by_sector.entry(label).or_insert(0.0) += agency.annual_hours;
    }
    let mut by_sector: Vec<(String, f64)> = by_sector.into_iter().collect();
    by_sector.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let title = lang.pick("分野ごとの年間会議時間", "Annual meeting hours per sector").to_string();
    Ok(chart("hours_per_sector", title.clone(), bar_chart(&title, &by_sector, hours)?))
}

/// How unevenly meeting hours fall on agencies.
fn lorenz_hours(analysis: &Analysis, lang: Lang) -> Result<Chart, ChartError> {
    let inventory = &analysis.inventory;
    let values: Vec<f64> = inventory.agencies.iter().map(|a| a.annual_hours).collect();
    let title = lang
        .pick(
            "機関間の会議時間の偏り（ローレンツ曲線）",
            "Lorenz curve of meeting hours across agencies",
        )
        .to_string();
    let caption = lang.pick(
        "曲線が対角線から離れるほど、少数の機関に会議の負担が集中している",
        "The further the curve bows from the diagonal, the more the meeting load rests on a few agencies",
    );
    let axes = [
        lang.pick("機関の累積割合（会議時間の少ない順）", "share of agencies (fewest hours first)"),
        lang.pick("会議時間の累積割合", "share of all meeting hours"),
    ];
    Ok(chart("lorenz_hours", title.clone(), lorenz_curve(&title, &values, axes, caption)?))
}

/// The fields of the 会議体系図's columns, left to right (canonical sectors), before the
/// cross-field column (重層 case work and 地域福祉) and, when needed, "other".
const STRUCTURE_FIELDS: [&str; 5] = ["高齢", "障害", "子ども", "生活困窮", "保健・医療"];

/// The column of a meeting's field: one of [`STRUCTURE_FIELDS`], 5 for cross-field work
/// and 地域 (community welfare), 6 for any other field or none.
fn structure_column(field: Option<&str>) -> usize {
    match field {
        Some(f) if f == crate::proposal::CROSS_FIELD || f == "地域" => STRUCTURE_FIELDS.len(),
        Some(f) => {
            STRUCTURE_FIELDS.iter().position(|s| *s == f).unwrap_or(STRUCTURE_FIELDS.len() + 1)
        }
        None => STRUCTURE_FIELDS.len() + 1,
    }
}

/// Column names and colours, the "other" column only when a box needs it.
fn structure_columns(boxes: &[StructureBox], lang: Lang) -> (Vec<String>, Vec<RGBColor>) {
    let mut names: Vec<String> =
        STRUCTURE_FIELDS.iter().map(|f| phrases::sector(f, lang).to_string()).collect();
    let mut colours: Vec<RGBColor> = STRUCTURE_FIELDS.iter().map(|f| sector_colour(f)).collect();
    names.push(
        lang.pick("分野横断（重層・地域福祉）", "cross-field (multi-layered, community)").into(),
    );
    colours.push(sector_colour(crate::proposal::CROSS_FIELD));
    if boxes.iter().any(|b| b.columns.contains(&(STRUCTURE_FIELDS.len() + 1))) {
        names.push(lang.pick("その他の分野", "other fields").into());
        colours.push(OTHER_SECTOR);
    }
    (names, colours)
}

/// The tier rows' names, case first.
fn structure_tiers(lang: Lang) -> [&'static str; 3] {
    [
        lang.pick("個別支援", "case support"),
        lang.pick("地域・ネットワーク", "community / network"),
        lang.pick("政策・計画", "policy / planning"),
    ]
}

fn tier_index(tier: Tier) -> usize {
    match tier {
        Tier::Case => 0,
        Tier::Community => 1,
        Tier::Policy => 2,
    }
}

/// The indices of the items to draw: all, or the [`TIER_DIAGRAM_BODIES`] with most
/// person-hours, in their own order.
fn largest(hours: &[f64]) -> Vec<usize> {
    let mut shown: Vec<usize> = (0..hours.len()).collect();
    if shown.len() > TIER_DIAGRAM_BODIES {
        shown.sort_by(|&x, &y| hours[y].total_cmp(&hours[x]).then(x.cmp(&y)));
        shown.truncate(TIER_DIAGRAM_BODIES);
        shown.sort_unstable();
    }
    shown
}

/// The 会議体系図 of today's meetings: each meeting in its tier and field, with the path
/// by which it raises issues today.
pub fn structure_before(analysis: &Analysis, lang: Lang) -> Result<Chart, ChartError> {
    let (title, boxes, arrows) = before_structure(analysis, lang);
    draw_structure("structure_before", title, &boxes, &arrows, lang)
}

/// A 会議体系図's title, boxes and arrows.
type StructureParts = (String, Vec<StructureBox>, Vec<(usize, usize)>);

fn before_structure(analysis: &Analysis, lang: Lang) -> StructureParts {
    let decisions = &analysis.proposal.meetings;
    let hours: BTreeMap<&str, f64> = analysis
        .inventory
        .meetings
        .iter()
        .map(|m| (m.id.as_str(), m.annual_person_hours))
        .collect();
    let all_hours: Vec<f64> =
        decisions.iter().map(|d| hours.get(d.meeting.as_str()).copied().unwrap_or(0.0)).collect();
    let shown = largest(&all_hours);
    let boxes: Vec<StructureBox> = shown
        .iter()
        .map(|&i| {
            let d = &decisions[i];
            StructureBox {
                id: d.meeting.clone(),
                label: d.name.clone(),
                tier: tier_index(d.tier),
                columns: vec![structure_column(d.field.as_deref())],
            }
        })
        .collect();
    let position: BTreeMap<&str, usize> =
        shown.iter().enumerate().map(|(k, &i)| (decisions[i].meeting.as_str(), k)).collect();
    let arrows: Vec<(usize, usize)> = shown
        .iter()
        .enumerate()
        .filter_map(|(k, &i)| {
            let target = decisions[i].escalates_to.as_deref()?;
            position.get(target).map(|&t| (k, t))
        })
        .collect();
    let title = capped_title(
        lang.pick("会議体系図（現状）", "Meeting structure today"),
        boxes.len(),
        decisions.len(),
        lang,
    );
    (title, boxes, arrows)
}

/// The 会議体系図 of the proposal: each body in its tier, spanning the fields of the
/// meetings it holds, with its escalation paths.
pub fn structure_after(analysis: &Analysis, lang: Lang) -> Result<Chart, ChartError> {
    let (title, boxes, arrows) = after_structure(analysis, lang);
    draw_structure("structure_after", title, &boxes, &arrows, lang)
}

fn after_structure(analysis: &Analysis, lang: Lang) -> StructureParts {
    let p = &analysis.proposal;
    let field: BTreeMap<&str, usize> = p
        .meetings
        .iter()
        .map(|d| (d.meeting.as_str(), structure_column(d.field.as_deref())))
        .collect();
    let hours: Vec<f64> = p.bodies.iter().map(|b| b.annual_person_hours).collect();
    let shown = largest(&hours);
    let boxes: Vec<StructureBox> = shown
        .iter()
        .map(|&i| {
            let b = &p.bodies[i];
            let columns: BTreeSet<usize> =
                b.absorbs.iter().filter_map(|a| field.get(a.meeting.as_str()).copied()).collect();
            StructureBox {
                id: b.id.clone(),
                label: crate::report::phrases::body_title(b, lang),
                tier: tier_index(b.tier),
                columns: columns.into_iter().collect(),
            }
        })
        .collect();
    let position: BTreeMap<&str, usize> =
        shown.iter().enumerate().map(|(k, &i)| (p.bodies[i].id.as_str(), k)).collect();
    let mut arrows: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (k, &i) in shown.iter().enumerate() {
        let b = &p.bodies[i];
        for target in b.escalates_to.iter().chain(b.escalations.iter().map(|e| &e.body)) {
            if let Some(&t) = position.get(target.as_str()) {
                arrows.insert((k, t));
            }
        }
    }
    let arrows: Vec<(usize, usize)> = arrows.into_iter().collect();
    let title = capped_title(
        lang.pick("会議体系図（提案）", "Proposed meeting structure"),
        boxes.len(),
        p.bodies.len(),
        lang,
    );
    (title, boxes, arrows)
}

/// The 会議体系図 of any set of bodies (a scenario's): each in its tier, spanning the
/// fields of the meetings it holds, with the arrows to the bodies it raises issues to.
pub(crate) fn bodies_structure(
    title: &str,
    bodies: &[&crate::proposal::StructureBody],
    analysis: &Analysis,
    lang: Lang,
) -> Result<Rendered, ChartError> {
    let field: BTreeMap<&str, usize> = analysis
        .proposal
        .meetings
        .iter()
        .map(|d| (d.meeting.as_str(), structure_column(d.field.as_deref())))
        .collect();
    let boxes: Vec<StructureBox> = bodies
        .iter()
        .map(|b| {
            let columns: BTreeSet<usize> =
                b.meetings.iter().filter_map(|m| field.get(m.as_str()).copied()).collect();
            StructureBox {
                id: b.id.clone(),
                label: b.name.clone(),
                tier: tier_index(b.tier),
                columns: columns.into_iter().collect(),
            }
        })
        .collect();
    let position: BTreeMap<&str, usize> =
        bodies.iter().enumerate().map(|(k, b)| (b.id.as_str(), k)).collect();
    let arrows: Vec<(usize, usize)> = bodies
        .iter()
        .enumerate()
        .filter_map(|(k, b)| Some((k, *position.get(b.escalates_to.as_deref()?)?)))
        .collect();
    let (columns, colours) = structure_columns(&boxes, lang);
    structure_diagram(&Structure {
        title,
        tier_names: structure_tiers(lang),
        columns: &columns,
        colours: &colours,
        boxes: &boxes,
        arrows: &arrows,
    })
}

fn draw_structure(
    key: &str,
    title: String,
    boxes: &[StructureBox],
    arrows: &[(usize, usize)],
    lang: Lang,
) -> Result<Chart, ChartError> {
    let (columns, colours) = structure_columns(boxes, lang);
    let structure = Structure {
        title: &title,
        tier_names: structure_tiers(lang),
        columns: &columns,
        colours: &colours,
        boxes,
        arrows,
    };
    Ok(chart(key, title.clone(), structure_diagram(&structure)?))
}

/// Headline figures before and after the proposal, one panel per measure: bodies,
/// sessions and person-hours are different units and never share an axis.
fn before_after(analysis: &Analysis, lang: Lang) -> Result<Chart, ChartError> {
    let p = &analysis.proposal;
    let panels = vec![
        (
            lang.pick("会議体の数", "meeting bodies").to_string(),
            vec![p.before.bodies as f64, p.after.bodies as f64],
        ),
        (
            lang.pick("年間開催回数", "sessions per year").to_string(),
            vec![p.before.sessions_per_year, p.after.sessions_per_year],
        ),
        (
            lang.pick("年間延べ時間", "person-hours per year").to_string(),
            vec![p.before.annual_person_hours.round(), p.after.annual_person_hours.round()],
        ),
    ];
    let series =
        vec![lang.pick("現状", "before").to_string(), lang.pick("提案", "after").to_string()];
    let title = lang.pick("現状と提案の比較", "Before and after the proposal").to_string();
    Ok(chart("before_after", title.clone(), panel_bars(&title, &series, &panels)?))
}

/// Pair scores among the meetings in clusters (ordered by cluster, so each cluster is a
/// block on the diagonal), topped up with the meetings of the highest-scoring pairs.
fn overlap_heatmap(analysis: &Analysis, lang: Lang) -> Result<Chart, ChartError> {
    let overlap = &analysis.overlap;
    let mut order: Vec<String> = Vec::new();
    for cluster in &overlap.clusters {
        for id in &cluster.meetings {
            if !order.contains(id) {
                order.push(id.clone());
            }
        }
    }
    let mut by_score: Vec<_> = overlap.pairs.iter().collect();
    by_score.sort_by(|x, y| y.score.total_cmp(&x.score).then((&x.a, &x.b).cmp(&(&y.a, &y.b))));
    for pair in by_score {
        for id in [&pair.a, &pair.b] {
            if order.len() < HEATMAP_MEETINGS && !order.contains(id) {
                order.push(id.clone());
            }
        }
    }
    order.truncate(HEATMAP_MEETINGS);
    let score: BTreeMap<(&str, &str), f64> = overlap
        .pairs
        .iter()
        .flat_map(|p| {
            [((p.a.as_str(), p.b.as_str()), p.score), ((p.b.as_str(), p.a.as_str()), p.score)]
        })
        .collect();
    let values: Vec<Vec<f64>> = order
        .iter()
        .map(|a| {
            order
                .iter()
                .map(|b| {
                    if a == b {
                        1.0
                    } else {
                        score.get(&(a.as_str(), b.as_str())).copied().unwrap_or(0.0)
                    }
                })
                .collect()
        })
        .collect();
    let title = lang
        .pick("会議どうしの類似度（まとまり順）", "Meeting similarity, ordered by cluster")
        .to_string();
    let legend = lang.pick("類似度 (0–1)", "similarity (0–1)");
    Ok(chart("overlap_heatmap", title.clone(), heatmap(&title, &order, &order, &values, legend)?))
}

/// Seed of the network layout, fixed so the picture is the same every run.
const LAYOUT_SEED: u64 = 42;

/// The agencies the network picture draws, as indices into `connectivity.agencies` in
/// report order, each with its position in [0, 1]² (y downwards): at most
/// [`NETWORK_AGENCIES`], brokers and articulation points first, then most hours; linked
/// agencies laid out by force, isolates lined up along the bottom. The GEXF and Pajek
/// exports place their nodes with the same positions, so Gephi opens the picture.
pub(crate) fn network_picture(c: &ConnectivityReport) -> Vec<(usize, (f64, f64))> {
    let brokers: Vec<&str> = top_brokers(c, 5).iter().map(|a| a.name.as_str()).collect();
    let is_articulation = |name: &String| c.articulation_points.binary_search(name).is_ok();
    let mut shown: Vec<(usize, &AgencyMeasures)> = c.agencies.iter().enumerate().collect();
    if shown.len() > NETWORK_AGENCIES {
        let rank =
            |a: &AgencyMeasures| (brokers.contains(&a.name.as_str()), is_articulation(&a.name));
        shown.sort_by(|(i, a), (j, b)| {
            rank(b).cmp(&rank(a)).then(b.annual_hours.total_cmp(&a.annual_hours)).then(i.cmp(j))
        });
        shown.truncate(NETWORK_AGENCIES);
        // Back to the report's order, so the picture does not depend on the ranking.
        shown.sort_by_key(|&(i, _)| i);
    }
    let index: BTreeMap<&str, usize> =
        shown.iter().enumerate().map(|(k, (_, a))| (a.name.as_str(), k)).collect();
    let edges = ties_among(c, &index);
    let positions =
        layout_with_isolates_below(shown.iter().map(|(_, a)| a.degree > 0).collect(), &edges);
    shown.into_iter().map(|(i, _)| i).zip(positions).collect()
}

/// The ties between the agencies drawn, by their place in the picture (`index`).
fn ties_among(c: &ConnectivityReport, index: &BTreeMap<&str, usize>) -> Vec<NetworkEdge> {
    c.ties
        .iter()
        .filter_map(|t| {
            Some(NetworkEdge {
                a: *index.get(&*t.a)?,
                b: *index.get(&*t.b)?,
                weight: t.collaboration,
                style: EdgeStyle::Normal,
            })
        })
        .collect()
}

/// The agency network, coloured by sector, brokers and articulation points marked.
fn agency_network(analysis: &Analysis, lang: Lang) -> Result<Chart, ChartError> {
    let c = &analysis.connectivity;
    let brokers: Vec<&str> = top_brokers(c, 5).iter().map(|a| a.name.as_str()).collect();
    let is_articulation = |name: &String| c.articulation_points.binary_search(name).is_ok();
    let picture = network_picture(c);
    let shown: Vec<&AgencyMeasures> = picture.iter().map(|&(i, _)| &c.agencies[i]).collect();
    let positions: Vec<(f64, f64)> = picture.iter().map(|&(_, p)| p).collect();
    let index: BTreeMap<&str, usize> =
        shown.iter().enumerate().map(|(i, a)| (a.name.as_str(), i)).collect();
    let nodes: Vec<NetworkNode> = shown
        .iter()
        .map(|a| NetworkNode {
            label: a.name.clone(),
            group: phrases::sector(&a.sector, lang).to_string(),
            size: a.annual_hours.max(1.0).sqrt(),
            broker: brokers.contains(&a.name.as_str()),
            articulation: is_articulation(&a.name),
            faded: false,
        })
        .collect();
    let edges = ties_among(c, &index);
    let title = capped_title(
        lang.pick(
            "機関のつながり（分野別の色、◎仲介役・□分断点）",
            "Agency network (colour = sector; brokers and articulation points marked)",
        ),
        nodes.len(),
        c.agencies.len(),
        lang,
    );
    let legend = NetworkLegend::new(lang, lang.pick("分野", "sector"));
    Ok(chart(
        "agency_network",
        title.clone(),
        network_with_legend(&title, &nodes, &edges, &positions, &legend)?,
    ))
}

/// Shared meetings between every pair of fields.
fn sector_matrix(analysis: &Analysis, lang: Lang) -> Result<Chart, ChartError> {
    let c = &analysis.connectivity;
    let mut sectors: Vec<String> = c.agencies.iter().map(|a| a.sector.clone()).collect();
    sectors.sort();
    sectors.dedup();
    let shared: BTreeMap<(&str, &str), f64> = c
        .sector_matrix
        .iter()
        .flat_map(|l| {
            let n = l.shared_meetings.len() as f64;
            [
                ((l.sectors[0].as_str(), l.sectors[1].as_str()), n),
                ((l.sectors[1].as_str(), l.sectors[0].as_str()), n),
            ]
        })
        .collect();
    let values: Vec<Vec<f64>> = sectors
        .iter()
        .map(|a| {
            sectors
                .iter()
                .map(|b| shared.get(&(a.as_str(), b.as_str())).copied().unwrap_or(0.0))
                .collect()
        })
        .collect();
    let labels: Vec<String> =
        sectors.iter().map(|s| phrases::sector(s, lang).to_string()).collect();
    let title =
        lang.pick("分野間で共有している会議の数", "Meetings shared between fields").to_string();
    let legend =
        lang.pick("共有する会議の数（0 = 一度も同席しない）", "shared meetings (0 = never meet)");
    let diagonal = lang.pick("同一分野", "same field");
    Ok(chart(
        "sector_matrix",
        title.clone(),
        heatmap_with_diagonal(&title, &labels, &values, legend, diagonal)?,
    ))
}

/// Lays out the linked agencies by force and lines agencies without any link up along
/// the bottom edge, so a few isolates do not squeeze the network into the middle.
fn layout_with_isolates_below(linked: Vec<bool>, edges: &[NetworkEdge]) -> Vec<(f64, f64)> {
    let inner: Vec<usize> = (0..linked.len()).filter(|&i| linked[i]).collect();
    let local: BTreeMap<usize, usize> = inner.iter().enumerate().map(|(k, &i)| (i, k)).collect();
    let weighted: Vec<(usize, usize, f64)> = edges
        .iter()
        .filter_map(|e| Some((*local.get(&e.a)?, *local.get(&e.b)?, e.weight)))
        .collect();
    let inner_positions = force_layout(inner.len(), &weighted, &[], LAYOUT_SEED);
    let isolates = linked.iter().filter(|l| !**l).count();
    let band = if isolates > 0 { 0.88 } else { 1.0 };
    let mut next_isolate = 0;
    (0..linked.len())
        .map(|i| match local.get(&i) {
            Some(&k) => (inner_positions[k].0, inner_positions[k].1 * band),
            None => {
                next_isolate += 1;
                (next_isolate as f64 / (isolates + 1) as f64, 1.0)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::InventoryReport;
    use crate::generate::{GenerateParams, generate};
    use crate::overlap::{OverlapParams, analyze};
    use crate::proposal::{Policy, propose};

    fn analysis(meetings: usize) -> Analysis {
        let agencies = meetings.max(100);
        let city = generate(&GenerateParams { meetings, agencies, seed: 3 }).unwrap();
        let (inventory, _) = city.load();
        Analysis {
            kaigi_version: "test",
            inventory_name: "generated".into(),
            inventory: InventoryReport::new(&inventory),
            connectivity: crate::connectivity::analyze(
                &inventory,
                &crate::connectivity::ConnectivityOptions::default(),
            )
            .unwrap(),
            overlap: analyze(&inventory, &OverlapParams::default()).unwrap(),
            proposal: propose(&inventory, &Policy::default()),
            scenarios: None,
            sensitivity: None,
        }
    }

    fn sample_city() -> Analysis {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/sample-city");
        let loaded = crate::input::load(&path, &Default::default()).unwrap();
        crate::analysis::analyse("sample-city", &loaded.inventory, &Default::default(), &|_| {})
            .unwrap()
    }

    /// The sample city's 会議体系図, before and after, in both languages: no box overlaps
    /// another, no arrow segment crosses a box, every name is drawn whole (its lines
    /// joined), every box sits in its tier's row, and joint bodies span their fields.
    #[test]
    fn sample_city_structure_diagrams_are_laid_out_cleanly() {
        use crate::report::charts::{Rect, structure_layout};
        crate::report::charts::register_fonts(None).unwrap();
        let analysis = sample_city();
        let inside = |p: (i32, i32), q: (i32, i32), r: &Rect| {
            let (lx, hx, ly, hy) = (p.0.min(q.0), p.0.max(q.0), p.1.min(q.1), p.1.max(q.1));
            lx < r[2] && hx > r[0] && ly < r[3] && hy > r[1]
        };
        for lang in [Lang::Ja, Lang::En] {
            for (title, boxes, arrows) in
                [before_structure(&analysis, lang), after_structure(&analysis, lang)]
            {
                let (columns, colours) = structure_columns(&boxes, lang);
                let s = Structure {
                    title: &title,
                    tier_names: structure_tiers(lang),
                    columns: &columns,
                    colours: &colours,
                    boxes: &boxes,
                    arrows: &arrows,
                };
                let l = structure_layout(&s).unwrap();
                assert!(!arrows.is_empty(), "{title}: the sample city has escalation paths");
                for (i, a) in l.boxes.iter().enumerate() {
                    for (j, b) in l.boxes.iter().enumerate().skip(i + 1) {
                        assert!(
                            !inside((a[0], a[1]), (a[2], a[3]), b),
                            "{title}: {} overlaps {}",
                            boxes[i].id,
                            boxes[j].id
                        );
                    }
                    let (top, bottom) = l.rows[boxes[i].tier];
                    assert!(
                        a[1] >= top && a[3] <= bottom,
                        "{title}: {} leaves its row",
                        boxes[i].id
                    );
                    let joined: String = l.lines[i].concat();
                    let expected: String = format!("{}{}", boxes[i].id, boxes[i].label)
                        .chars()
                        .filter(|c| *c != ' ')
                        .collect();
                    assert_eq!(joined.replace(' ', ""), expected, "{title}: name cut");
                    assert!(l.lines[i][0].starts_with(&boxes[i].id));
                    assert!(!l.lines[i].concat().contains('…'));
                }
                for (k, path) in l.arrows.iter().enumerate() {
                    let (from, to) = arrows[k];
                    assert!(path.len() >= 2, "{title}: arrow {k}");
                    for w in path.windows(2) {
                        assert!(w[0].0 == w[1].0 || w[0].1 == w[1].1, "{title}: diagonal {w:?}");
                        for (j, r) in l.boxes.iter().enumerate() {
                            assert!(
                                !inside(w[0], w[1], r),
                                "{title}: arrow {}→{} crosses {}",
                                boxes[from].id,
                                boxes[to].id,
                                boxes[j].id
                            );
                        }
                    }
                }
            }
        }
        // After: 成年後見制度利用促進協議会 is held jointly with 権利擁護ネットワーク会議
        // (高齢) and itself belongs to 地域福祉: it spans from 高齢 to the cross-field
        // column.
        let (_, boxes, _) = after_structure(&analysis, Lang::Ja);
        let joint =
            boxes.iter().find(|b| b.label.starts_with("成年後見制度利用促進協議会")).unwrap();
        assert_eq!(joint.columns, vec![0, 5]);
        // Before: 地域ケア個別会議（北部） raises issues to 地域ケア推進会議, straight up
        // its own column.
        let (_, boxes, arrows) = before_structure(&analysis, Lang::Ja);
        let m01 = boxes.iter().position(|b| b.id == "M01").unwrap();
        let m04 = boxes.iter().position(|b| b.id == "M04").unwrap();
        assert!(arrows.contains(&(m01, m04)));
        assert_eq!((boxes[m01].columns.clone(), boxes[m04].columns.clone()), (vec![0], vec![0]));
    }

    /// Every chart of the sample city, in both languages: text at least 9 pt when printed
    /// 170 mm wide, a `<title>` and a `<desc>`, the same bytes on a second run, and the
    /// proposal's 会議体系図 short enough for one A4 page (257 mm tall at 170 mm wide).
    #[test]
    fn sample_city_charts_print_readably_and_describe_themselves() {
        crate::report::charts::register_fonts(None).unwrap();
        let analysis = sample_city();
        let sizes = regex::Regex::new(r#"font-size="([0-9.]+)""#).unwrap();
        let svg_height = regex::Regex::new(r#"height="([0-9]+)""#).unwrap();
        for lang in [Lang::Ja, Lang::En] {
            let charts = report_charts(&analysis, lang).unwrap();
            let again = report_charts(&analysis, lang).unwrap();
            for (a, b) in charts.iter().zip(&again) {
                assert!(a.svg == b.svg && a.png == b.png, "{} differs between runs", a.key);
            }
            for c in &charts {
                for size in sizes.captures_iter(&c.svg) {
                    let px: f64 = size[1].parse().unwrap();
                    assert!(px >= crate::report::charts::MIN_TEXT_PX, "{}: {px}px", c.key);
                }
                assert!(c.svg.contains(&format!("<title>{}</title>", c.title)), "{}", c.key);
                assert!(c.svg.contains("<desc>"), "{}", c.key);
            }
            // The one-page summary embeds the proposal's diagram: it must fit a page. Today's
            // may be taller (rows grow with the meetings; text never shrinks).
            let svg = &charts.iter().find(|c| c.key == "structure_after").unwrap().svg;
            let height: f64 = svg_height.captures(svg).unwrap()[1].parse().unwrap();
            assert!(height / 900.0 * 170.0 <= 257.0, "structure_after: {height}px tall");
        }
    }

    fn title<'a>(charts: &'a [Chart], key: &str) -> &'a str {
        &charts.iter().find(|c| c.key == key).unwrap().title
    }

    #[test]
    fn large_inventories_chart_only_the_largest_meetings_and_bodies_and_say_so() {
        crate::report::charts::register_fonts(None).unwrap();
        let analysis = analysis(150);
        let bodies = analysis.proposal.bodies.len();
        assert!(bodies > TIER_DIAGRAM_BODIES, "{bodies} bodies");
        let charts = report_charts(&analysis, Lang::En).unwrap();
        assert_eq!(
            title(&charts, "hours_per_meeting"),
            "Annual person-hours per meeting (top 50 of 150)"
        );
        assert_eq!(
            title(&charts, "structure_after"),
            format!("Proposed meeting structure (top 60 of {bodies})")
        );
        let bars = &charts.iter().find(|c| c.key == "hours_per_meeting").unwrap().svg;
        assert!(bars.contains("(top 50 of 150)"));
        let agencies = analysis.connectivity.agencies.len();
        assert!(agencies > NETWORK_AGENCIES, "{agencies} agencies");
        assert_eq!(
            title(&charts, "agency_network"),
            format!(
                "Agency network (colour = sector; brokers and articulation points marked) \
                 (top {NETWORK_AGENCIES} of {agencies})"
            )
        );
    }

    #[test]
    fn small_inventories_chart_every_meeting_without_a_note() {
        crate::report::charts::register_fonts(None).unwrap();
        let charts = report_charts(&analysis(20), Lang::Ja).unwrap();
        assert_eq!(title(&charts, "hours_per_meeting"), "会議ごとの年間延べ時間");
        assert_eq!(title(&charts, "structure_before"), "会議体系図（現状）");
        assert_eq!(title(&charts, "structure_after"), "会議体系図（提案）");
        assert_eq!(
            title(&charts, "agency_network"),
            "機関のつながり（分野別の色、◎仲介役・□分断点）"
        );
    }
}
