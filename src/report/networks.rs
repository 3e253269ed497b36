//! The networks exported for Gephi, Cytoscape and NetworkX: the two-mode meeting ×
//! agency network and the agency projection, with sector, hours and centralities as
//! attributes.

use crate::analysis::Analysis;
use crate::report::network_export::{Edge, Network, Node, Value};
use std::collections::BTreeMap;

fn text(value: &str) -> Value {
    Value::Text(value.to_string())
}

/// A network to export: its file stem and how to build it from the analysis. Built when
/// its files are written and dropped after, because the agency projection of a
/// 30,000-meeting inventory (563,881 links, each with its attributes) takes some 700 MB.
pub type NetworkExport = (&'static str, fn(&Analysis) -> Network);

/// Both networks, by file stem (`two_mode`, `agencies`).
pub fn network_exports() -> [NetworkExport; 2] {
    [("two_mode", two_mode), ("agencies", agency_projection)]
}

/// Meetings and agencies as nodes (`kind` tells which, `bipartite` 0/1 as NetworkX's
/// bipartite module expects); an edge per seat, weighted by head-count.
fn two_mode(analysis: &Analysis) -> Network {
    let inventory = &analysis.inventory;
    let mut nodes = Vec::new();
    for m in &inventory.meetings {
        nodes.push(Node {
            id: format!("m:{}", m.id),
            label: m.name.clone(),
            attributes: BTreeMap::from([
                ("kind".to_string(), text("meeting")),
                ("bipartite".to_string(), Value::Int(0)),
                ("meeting_id".to_string(), text(&m.id)),
                ("sessions_per_year".to_string(), Value::Number(m.sessions_per_year)),
                ("minutes_per_session".to_string(), Value::Number(m.minutes_per_session)),
                ("annual_person_hours".to_string(), Value::Number(m.annual_person_hours)),
                ("statutory".to_string(), Value::Bool(m.statutory.unwrap_or(false))),
            ]),
        });
    }
    for a in &inventory.agencies {
        nodes.push(Node {
            id: format!("a:{}", a.name),
            label: a.name.clone(),
            attributes: BTreeMap::from([
                ("kind".to_string(), text("agency")),
                ("bipartite".to_string(), Value::Int(1)),
                ("meeting_id".to_string(), text("")),
                ("sector".to_string(), text(&a.sector)),
                ("annual_hours".to_string(), Value::Number(a.annual_hours)),
                ("meetings".to_string(), Value::Int(a.meetings as i64)),
            ]),
        });
    }
    let mut edges = Vec::new();
    for m in &inventory.meetings {
        let hours = m.sessions_per_year * m.minutes_per_session / 60.0;
        for p in &m.participants {
            edges.push(Edge {
                source: format!("m:{}", m.id),
                target: format!("a:{}", p.name),
                weight: f64::from(p.count),
                attributes: BTreeMap::from([
                    ("head_count".to_string(), Value::Int(i64::from(p.count))),
                    ("annual_hours".to_string(), Value::Number(f64::from(p.count) * hours)),
                ]),
            });
        }
    }
    Network { nodes, edges }
}

/// Agencies linked when they share a meeting, weighted by Newman's collaboration weight,
/// with the centralities of `kaigi connectivity`.
fn agency_projection(analysis: &Analysis) -> Network {
    let c = &analysis.connectivity;
    let nodes = c
        .agencies
        .iter()
        .map(|a| Node {
            id: a.name.clone(),
            label: a.name.clone(),
            attributes: BTreeMap::from([
                ("sector".to_string(), text(&a.sector)),
                ("annual_hours".to_string(), Value::Number(a.annual_hours)),
                ("meetings".to_string(), Value::Int(a.meetings as i64)),
                ("degree".to_string(), Value::Int(a.degree as i64)),
                ("degree_centrality".to_string(), Value::Number(a.degree_centrality)),
                ("betweenness".to_string(), Value::Number(a.betweenness)),
                ("closeness".to_string(), Value::Number(a.closeness)),
                ("community".to_string(), Value::Int(a.community as i64)),
                (
                    "articulation_point".to_string(),
                    Value::Bool(c.articulation_points.binary_search(&a.name).is_ok()),
                ),
            ]),
        })
        .collect();
    let edges = c
        .ties
        .iter()
        .map(|t| Edge {
            source: t.a.clone(),
            target: t.b.clone(),
            weight: t.collaboration,
            attributes: BTreeMap::from([
                ("shared_meetings".to_string(), Value::Int(t.meetings.len() as i64)),
                ("shared_hours".to_string(), Value::Number(t.shared_hours)),
                ("meetings".to_string(), text(&t.meetings.join(";"))),
                ("backbone".to_string(), Value::Bool(t.significant)),
            ]),
        })
        .collect();
    Network { nodes, edges }
}
