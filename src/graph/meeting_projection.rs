//! The meeting projection: meetings linked when they share at least one agency — where
//! overlap between meetings becomes visible.

use crate::graph::AgencyNetwork;
use petgraph::graph::{NodeIndex, UnGraph};
use std::collections::BTreeMap;

/// A link between two meetings.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingLink {
    /// The agencies both meetings seat (agency node indices, ascending = by name).
    pub shared_agencies: Vec<usize>,
}

/// Meetings as nodes (input order), linked by shared agencies.
///
/// ```
/// use kaigi::graph::{AgencyNetwork, MeetingNetwork};
/// use kaigi::model::{Inventory, Meeting, Participant};
/// let meeting = |id: &str, names: &[&str]| {
///     let mut m = Meeting::new(id, id);
///     m.participants = names.iter().map(|n| Participant::new(*n, 1)).collect();
///     m
/// };
/// let inventory = Inventory {
///     meetings: vec![meeting("M1", &["A", "B"]), meeting("M2", &["B", "C"]), meeting("M3", &["D", "E"])],
///     agencies: vec![],
/// };
/// let agencies = AgencyNetwork::build(&inventory);
/// let meetings = MeetingNetwork::build(&agencies);
/// assert_eq!(meetings.graph().edge_count(), 1);
/// assert_eq!(meetings.graph().edge_weights().next().unwrap().shared_agencies, vec![1]); // B
/// ```
#[derive(Debug, Clone)]
pub struct MeetingNetwork {
    graph: UnGraph<String, MeetingLink>,
}

impl MeetingNetwork {
    /// Builds the projection from the agency network's membership lists.
    pub fn build(network: &AgencyNetwork) -> Self {
        let mut attended: Vec<Vec<usize>> = vec![Vec::new(); network.node_count()];
        for (m, members) in network.members().enumerate() {
            for &agency in members {
                attended[agency as usize].push(m);
            }
        }
        let mut links: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
        for (agency, meetings) in attended.iter().enumerate() {
            for (i, &x) in meetings.iter().enumerate() {
                for &y in &meetings[i + 1..] {
                    links.entry((x, y)).or_default().push(agency);
                }
            }
        }
        let mut graph = UnGraph::with_capacity(network.meeting_count(), links.len());
        for id in network.meeting_ids() {
            graph.add_node(id.to_string());
        }
        for ((x, y), shared_agencies) in links {
            graph.add_edge(NodeIndex::new(x), NodeIndex::new(y), MeetingLink { shared_agencies });
        }
        MeetingNetwork { graph }
    }

    /// The petgraph graph: node weights are meeting ids.
    pub fn graph(&self) -> &UnGraph<String, MeetingLink> {
        &self.graph
    }
}
