//! The networks exported for Gephi, Cytoscape, R, UCINET and NetworkX: the two-mode
//! meeting × agency network and the agency projection, with sector, hours and
//! centralities as attributes.
//!
//! Every node has a stable ASCII id — `m0003` for the third meeting of the inventory,
//! `a0012` for the twelfth agency of the registry — the same in every file of a report,
//! with the name in `label`. Sectors, kinds and flags are language-free codes (`children`,
//! `government`, `yes`); the same values in the report's language sit beside them in
//! `*_label` attributes, so files join on codes whatever `--lang` said. Colours, sizes and
//! positions are those of the report's agency picture.

use crate::analysis::Analysis;
use crate::analysis::{AgencyRow, MeetingRow, node_id};
use crate::connectivity::AgencyMeasures;
use crate::lang::Lang;
use crate::model::{Confidentiality, Function, sector_code};
use crate::report::charts::sector_palette;
use crate::report::figures::network_picture;
use crate::report::network_export::{Attributes, Edge, Network, Node, Value, Viz};
use std::collections::{BTreeMap, BTreeSet, HashMap};

fn text(value: &str) -> Value {
    Value::Text(value.to_string())
}

/// A network to export: its file stem and how to build it from the analysis in a report
/// language. Built when its files are written and dropped after, because the agency
/// projection of a 30,000-meeting inventory (563,881 links, each with its attributes)
/// takes some 700 MB.
pub type NetworkExport = (&'static str, fn(&Analysis, Lang) -> Network);

/// Both networks, by file stem (`two_mode`, `agencies`).
pub fn network_exports() -> [NetworkExport; 2] {
    [("two_mode", two_mode), ("agencies", agency_projection)]
}

/// Colour of meeting nodes: the report's ink grey, so sectors keep the colours.
const MEETING_COLOR: (u8, u8, u8) = (96, 96, 96);

/// A sector in the report's language.
fn sector_label(sector: &str, lang: Lang) -> &str {
    crate::report::phrases::sector(sector, lang)
}

/// An agency kind (the inventory table's key) as code and label.
fn kind_code_label(kind: &str, lang: Lang) -> (&str, &str) {
    let ja = match kind {
        "government" => "行政",
        "contractor" => "委託先",
        "private" => "民間",
        "resident" => "住民・民生委員",
        "" => return ("unknown", lang.pick("未記入", "not stated")),
        other => other,
    };
    (kind, lang.pick(ja, kind))
}

fn confidentiality_code_label(duty: Confidentiality, lang: Lang) -> (&'static str, &'static str) {
    match duty {
        Confidentiality::Statutory => ("statutory", lang.pick("法定", "statutory")),
        Confidentiality::Contractual => ("contractual", lang.pick("契約", "contractual")),
        Confidentiality::None => ("none", lang.pick("なし", "none")),
    }
}

/// A yes/no/unknown flag as code and label.
fn flag(
    value: Option<bool>,
    yes: (&'static str, &'static str),
    no: (&'static str, &'static str),
    lang: Lang,
) -> (&'static str, &'static str) {
    match value {
        Some(true) => ("yes", lang.pick(yes.0, yes.1)),
        Some(false) => ("no", lang.pick(no.0, no.1)),
        None => ("unknown", lang.pick("未記入", "not stated")),
    }
}

fn function_label(function: Function, lang: Lang) -> String {
    match lang {
        Lang::Ja => function.label_ja().to_string(),
        Lang::En => function.key().replace('_', " "),
    }
}

/// What both networks share: ids, sector numbers, colours and positions.
struct Context<'a> {
    lang: Lang,
    agency_ids: HashMap<&'a str, String>,
    /// Registry rows by name.
    agencies: HashMap<&'a str, &'a AgencyRow>,
    meeting_ids: Vec<String>,
    /// Sector code → Pajek partition number (1-based, in code order).
    partitions: BTreeMap<String, u32>,
    /// Sector label in the report's language → colour (the picture's palette).
    colors: HashMap<String, (u8, u8, u8)>,
    /// Agency name → position in the picture.
    positions: HashMap<&'a str, (f64, f64)>,
    /// Largest √hours over the agencies, for sizes.
    max_agency_size: f64,
}

impl<'a> Context<'a> {
    fn new(analysis: &'a Analysis, lang: Lang) -> Context<'a> {
        let inventory = &analysis.inventory;
        let c = &analysis.connectivity;
        // The ids `analysis.json` gives the registry rows; an agency only the
        // connectivity report knows (none today) still gets one after them rather than
        // breaking an edge.
        let mut agency_ids: HashMap<&str, String> =
            inventory.agencies.iter().map(|a| (a.name.as_str(), a.node_id.clone())).collect();
        let registered = inventory.agencies.len();
        let mut next = registered;
        for a in &c.agencies {
            agency_ids.entry(a.name.as_str()).or_insert_with(|| {
                next += 1;
                node_id('a', next, registered)
            });
        }
        let meeting_ids = inventory.meetings.iter().map(|m| m.node_id.clone()).collect();
        let sectors: BTreeSet<&str> = inventory
            .agencies
            .iter()
            .map(|a| a.sector.as_str())
            .chain(c.agencies.iter().map(|a| a.sector.as_str()))
            .collect();
        let codes: BTreeSet<&str> = sectors.iter().map(|s| sector_code(s)).collect();
        let partitions =
            codes.iter().enumerate().map(|(i, code)| (code.to_string(), i as u32 + 1)).collect();
        // The picture colours by the sector's label in the report's language, over the
        // agencies it draws; with every agency drawn (up to 120) these are its colours.
        let labels: Vec<String> =
            sectors.iter().map(|s| sector_label(s, lang).to_string()).collect();
        let colors = sector_palette(&labels)
            .into_iter()
            .map(|(label, color)| (label, (color.0, color.1, color.2)))
            .collect();
        let positions = network_picture(c)
            .into_iter()
            .map(|(i, position)| (c.agencies[i].name.as_str(), position))
            .collect();
        let max_agency_size = c.agencies.iter().map(agency_size).fold(0.0, f64::max);
        let agencies = inventory.agencies.iter().map(|a| (a.name.as_str(), a)).collect();
        Context {
            lang,
            agency_ids,
            agencies,
            meeting_ids,
            partitions,
            colors,
            positions,
            max_agency_size,
        }
    }

    fn agency_id(&self, name: &str) -> String {
        self.agency_ids.get(name).cloned().unwrap_or_else(|| name.to_string())
    }

    fn partition(&self, sector: &str) -> u32 {
        self.partitions.get(sector_code(sector)).copied().unwrap_or(0)
    }

    fn color(&self, sector: &str) -> (u8, u8, u8) {
        self.colors.get(sector_label(sector, self.lang)).copied().unwrap_or(MEETING_COLOR)
    }

    /// Colour, position and size of an agency as the picture draws it.
    fn agency_viz(&self, name: &str, sector: &str, hours: f64) -> Viz {
        Viz {
            color: self.color(sector),
            position: self.positions.get(name).copied(),
            size: radius(hours.max(1.0).sqrt(), self.max_agency_size),
        }
    }

    /// Attributes every agency node carries in both networks.
    fn agency_attributes(&self, name: &str) -> Attributes {
        let lang = self.lang;
        let mut map = Attributes::new();
        if let Some(a) = self.agencies.get(name) {
            map.insert("sector", text(sector_code(&a.sector)));
            map.insert("sector_label", text(sector_label(&a.sector, lang)));
            let (kind, kind_label) = kind_code_label(&a.kind, lang);
            map.insert("agency_kind", text(kind));
            map.insert("agency_kind_label", text(kind_label));
            let (duty, duty_label) = confidentiality_code_label(a.confidentiality, lang);
            map.insert("confidentiality", text(duty));
            map.insert("confidentiality_label", text(duty_label));
            map.insert("area", text(a.area.as_deref().unwrap_or("")));
            map.insert("unregistered", Value::Bool(a.unregistered));
            map.insert("annual_hours", Value::Number(a.annual_hours));
            map.insert("meetings", Value::Int(a.meetings as i64));
        }
        map
    }
}

/// √hours as the picture sizes its circles.
fn agency_size(a: &AgencyMeasures) -> f64 {
    a.annual_hours.max(1.0).sqrt()
}

/// The radius the picture gives a node of `size` when the largest is `max_size`
/// (`charts::network`: 4 to 15 pixels by the square root of the share).
fn radius(size: f64, max_size: f64) -> f64 {
    let size = if size.is_finite() { size.max(0.0) } else { 0.0 };
    let share = if max_size > 0.0 { size / max_size } else { 0.5 };
    (4.0 + 11.0 * share.sqrt()).round()
}

/// Meetings and agencies as nodes: `kind` tells which, `bipartite` 0/1 as NetworkX's
/// bipartite module expects, boolean `type` (false = meeting, true = agency) as R and
/// python-igraph expect; an edge per seat, weighted by head-count. Meetings come first
/// (`first_mode`), each drawn at the centre of its agencies.
fn two_mode(analysis: &Analysis, lang: Lang) -> Network {
    let cx = Context::new(analysis, lang);
    let inventory = &analysis.inventory;
    let max_meeting_size = inventory
        .meetings
        .iter()
        .map(|m| m.annual_person_hours.max(1.0).sqrt())
        .fold(0.0, f64::max);
    let mut nodes = Vec::new();
    for (i, m) in inventory.meetings.iter().enumerate() {
        nodes.push(Node {
            id: cx.meeting_ids[i].clone(),
            label: m.name.clone(),
            attributes: meeting_attributes(m, lang),
            viz: Some(Viz {
                color: MEETING_COLOR,
                position: meeting_position(m, i, &cx),
                size: radius(m.annual_person_hours.max(1.0).sqrt(), max_meeting_size),
            }),
            partition: 0,
        });
    }
    for a in &inventory.agencies {
        let mut attributes = cx.agency_attributes(&a.name);
        attributes.insert("kind", text("agency"));
        attributes.insert("bipartite", Value::Int(1));
        attributes.insert("type", Value::Bool(true));
        nodes.push(Node {
            id: cx.agency_id(&a.name),
            label: a.name.clone(),
            attributes,
            viz: Some(cx.agency_viz(&a.name, &a.sector, a.annual_hours)),
            partition: cx.partition(&a.sector),
        });
    }
    let mut edges = Vec::new();
    for (i, m) in inventory.meetings.iter().enumerate() {
        let hours = m.sessions_per_year * m.minutes_per_session / 60.0;
        for p in &m.participants {
            edges.push(Edge {
                source: cx.meeting_ids[i].clone(),
                target: p.node_id.clone(),
                weight: f64::from(p.count),
                attributes: Attributes::from([
                    ("head_count", Value::Int(i64::from(p.count))),
                    ("annual_hours", Value::Number(f64::from(p.count) * hours)),
                ]),
            });
        }
    }
    Network { nodes, edges, first_mode: Some(inventory.meetings.len()) }
}

/// A meeting's attributes: codes with labels beside them, its figures, and the mode
/// markers of a two-mode network.
fn meeting_attributes(m: &MeetingRow, lang: Lang) -> Attributes {
    let (statutory, statutory_label) =
        flag(m.statutory, ("法定", "statutory"), ("法定外", "not statutory"), lang);
    let (personal, personal_label) =
        flag(m.personal_info, ("あり", "handled"), ("なし", "not handled"), lang);
    let functions: Vec<&str> = m.functions.iter().map(|f| f.key()).collect();
    let function_labels: Vec<String> =
        m.functions.iter().map(|f| function_label(*f, lang)).collect();
    Attributes::from([
        ("kind", text("meeting")),
        ("bipartite", Value::Int(0)),
        ("type", Value::Bool(false)),
        ("meeting_id", text(&m.id)),
        ("host", text(m.host.as_deref().unwrap_or(""))),
        ("sessions_per_year", Value::Number(m.sessions_per_year)),
        ("ad_hoc", Value::Bool(m.sessions_estimated)),
        ("minutes_per_session", Value::Number(m.minutes_per_session)),
        ("head_count", Value::Int(i64::from(m.head_count))),
        ("annual_person_hours", Value::Number(m.annual_person_hours)),
        ("statutory", text(statutory)),
        ("statutory_label", text(statutory_label)),
        ("personal_info", text(personal)),
        ("personal_info_label", text(personal_label)),
        ("functions", text(&functions.join(";"))),
        ("functions_label", text(&function_labels.join(lang.pick("、", "; ")))),
        ("legal_basis", text(m.legal_basis.as_deref().unwrap_or(""))),
        ("area", text(m.area.as_deref().unwrap_or(""))),
        ("parent_body", text(m.parent_body.as_deref().unwrap_or(""))),
        ("tier", text(m.tier.as_deref().unwrap_or(""))),
    ])
}

/// The centre of the meeting's drawn agencies, nudged a little along a golden-angle
/// spiral by its index so that meetings of the same agencies do not hide each other.
fn meeting_position(m: &MeetingRow, index: usize, cx: &Context<'_>) -> Option<(f64, f64)> {
    let placed: Vec<(f64, f64)> =
        m.participants.iter().filter_map(|p| cx.positions.get(p.name.as_str()).copied()).collect();
    if placed.is_empty() {
        return None;
    }
    let n = placed.len() as f64;
    let (x, y) = placed.iter().fold((0.0, 0.0), |(x, y), p| (x + p.0 / n, y + p.1 / n));
    let angle = index as f64 * 2.399_963_229_728_653;
    let nudge = 0.012;
    Some(((x + nudge * angle.cos()).clamp(0.0, 1.0), (y + nudge * angle.sin()).clamp(0.0, 1.0)))
}

/// Agencies linked when they share a meeting, weighted by Newman's collaboration weight,
/// with the centralities of `kaigi connectivity`.
fn agency_projection(analysis: &Analysis, lang: Lang) -> Network {
    let cx = Context::new(analysis, lang);
    let c = &analysis.connectivity;
    let meeting_ids: HashMap<&str, &str> = analysis
        .inventory
        .meetings
        .iter()
        .zip(&cx.meeting_ids)
        .map(|(m, id)| (m.id.as_str(), id.as_str()))
        .collect();
    let mut nodes: Vec<Node> = c
        .agencies
        .iter()
        .map(|a| {
            let mut attributes = cx.agency_attributes(&a.name);
            attributes.extend([
                ("sector", text(sector_code(&a.sector))),
                ("sector_label", text(sector_label(&a.sector, lang))),
                ("annual_hours", Value::Number(a.annual_hours)),
                ("meetings", Value::Int(a.meetings as i64)),
                ("degree", Value::Int(a.degree as i64)),
                ("degree_centrality", Value::Number(a.degree_centrality)),
                ("betweenness", Value::Number(a.betweenness)),
                ("closeness", Value::Number(a.closeness)),
                ("community", Value::Int(a.community as i64)),
                (
                    "articulation_point",
                    Value::Bool(c.articulation_points.binary_search(&a.name).is_ok()),
                ),
            ]);
            Node {
                id: cx.agency_id(&a.name),
                label: a.name.clone(),
                attributes,
                viz: Some(cx.agency_viz(&a.name, &a.sector, a.annual_hours)),
                partition: cx.partition(&a.sector),
            }
        })
        .collect();
    // Registry order (the ids are zero-padded, so they sort as numbers): Pajek's vertex k
    // is then agency a000k in this network.
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    let edges = c
        .ties
        .iter()
        .map(|t| {
            let stable: Vec<&str> =
                t.meetings.iter().map(|m| meeting_ids.get(&**m).copied().unwrap_or(m)).collect();
            Edge {
                source: cx.agency_id(&t.a),
                target: cx.agency_id(&t.b),
                weight: t.collaboration,
                attributes: Attributes::from([
                    ("shared_meetings", Value::Int(t.meetings.len() as i64)),
                    ("shared_hours", Value::Number(t.shared_hours)),
                    ("meetings", text(&stable.join(";"))),
                    ("meeting_ids", text(&t.meetings.join(";"))),
                    ("backbone", Value::Bool(t.significant)),
                ]),
            }
        })
        .collect();
    Network { nodes, edges, first_mode: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_do_not_change_with_the_language_but_labels_do() {
        for lang in [Lang::Ja, Lang::En] {
            assert_eq!(kind_code_label("government", lang).0, "government");
            assert_eq!(
                confidentiality_code_label(Confidentiality::Contractual, lang).0,
                "contractual"
            );
            assert_eq!(flag(Some(true), ("法定", "statutory"), ("法定外", "no"), lang).0, "yes");
            assert_eq!(flag(None, ("法定", "statutory"), ("法定外", "no"), lang).0, "unknown");
        }
        assert_eq!(kind_code_label("government", Lang::Ja).1, "行政");
        assert_eq!(kind_code_label("", Lang::En), ("unknown", "not stated"));
    }

    #[test]
    fn radius_matches_the_picture_from_four_to_fifteen() {
        assert_eq!(radius(0.0, 10.0), 4.0);
        assert_eq!(radius(10.0, 10.0), 15.0);
        assert_eq!(radius(f64::NAN, 10.0), 4.0);
        assert_eq!(radius(3.0, 0.0), 12.0);
    }
}
