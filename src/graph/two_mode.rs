//! The two-mode (bipartite) network: meetings on one side, agencies on the other, an
//! edge wherever an agency attends a meeting, weighted by head-count and annual hours.

use super::names::AgencyIndex;
use crate::model::Inventory;
use petgraph::graph::{NodeIndex, UnGraph};

/// A node of the two-mode network.
#[derive(Debug, Clone, PartialEq)]
pub enum TwoModeNode {
    /// An agency, by canonical name, with its sector.
    Agency {
        /// Canonical name.
        name: String,
        /// Sector.
        sector: String,
    },
    /// A meeting, by id.
    Meeting {
        /// Meeting id.
        id: String,
    },
}

/// An agency's attendance at a meeting.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Attendance {
    /// People the agency sends.
    pub head_count: u32,
    /// Hours per year the agency spends there: head-count × sessions × minutes / 60.
    pub annual_hours: f64,
}

/// The meeting × agency network.
///
/// Nodes `0..agencies` are the agencies by name, then one node per meeting in input
/// order; every registered agency is a node even when it attends nothing.
///
/// ```
/// use kaigi::graph::TwoModeNetwork;
/// use kaigi::model::{Frequency, Inventory, Meeting, Participant};
/// let mut m = Meeting::new("M1", "地域ケア会議");
/// m.participants = vec![Participant::new("包括", 2), Participant::new("社協", 1)];
/// m.frequency = Frequency::per_year(12.0);
/// m.minutes_per_session = 90.0;
/// let network = TwoModeNetwork::build(&Inventory { meetings: vec![m], agencies: vec![] });
/// assert_eq!(network.agency_count(), 2);
/// assert_eq!(network.graph().node_count(), 3);
/// let attendance = network.graph().edge_weights().find(|a| a.head_count == 2).unwrap();
/// assert_eq!(attendance.annual_hours, 36.0);
/// ```
#[derive(Debug, Clone)]
pub struct TwoModeNetwork {
    graph: UnGraph<TwoModeNode, Attendance>,
    agencies: usize,
}

impl TwoModeNetwork {
    /// Builds the network; a participant listed twice in one meeting gets one edge with
    /// the head-counts added.
    pub fn build(inventory: &Inventory) -> Self {
        let index = AgencyIndex::build(inventory);
        let agencies = index.names.len();
        let edges = index.participant_nodes.len();
        let mut graph = UnGraph::with_capacity(agencies + inventory.meetings.len(), edges);
        for &(name, sector) in &index.names {
            graph.add_node(TwoModeNode::Agency {
                name: name.to_string(),
                sector: sector.to_string(),
            });
        }
        let mut counts: Vec<(u32, u32)> = Vec::new();
        for (m, meeting) in inventory.meetings.iter().enumerate() {
            let node = graph.add_node(TwoModeNode::Meeting { id: meeting.id.clone() });
            counts.clear();
            for (&agency, participant) in index.participants(m).iter().zip(&meeting.participants) {
                match counts.iter_mut().find(|(a, _)| *a == agency) {
                    Some(entry) => entry.1 += participant.count,
                    None => counts.push((agency, participant.count)),
                }
            }
            for &(agency, head_count) in &counts {
                let annual_hours = f64::from(head_count)
                    * meeting.frequency.sessions_per_year
                    * meeting.minutes_per_session
                    / 60.0;
                graph.add_edge(
                    NodeIndex::new(agency as usize),
                    node,
                    Attendance { head_count, annual_hours },
                );
            }
        }
        TwoModeNetwork { graph, agencies }
    }

    /// The petgraph graph.
    pub fn graph(&self) -> &UnGraph<TwoModeNode, Attendance> {
        &self.graph
    }

    /// Number of agency nodes (they come first).
    pub fn agency_count(&self) -> usize {
        self.agencies
    }

    /// Number of meeting nodes.
    pub fn meeting_count(&self) -> usize {
        self.graph.node_count() - self.agencies
    }
}
