//! The agency projection: agencies linked when they sit in at least one common meeting,
//! each tie carrying the meetings that create it (its provenance), the hours they share
//! and Newman's collaboration weight.

use crate::model::{Inventory, UNKNOWN_SECTOR};
use petgraph::graph::{NodeIndex, UnGraph};
use std::collections::{BTreeMap, HashMap};

/// An agency as a node of the projection.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyNode {
    /// Canonical name.
    pub name: String,
    /// Field (分野); [`UNKNOWN_SECTOR`] when the registry does not say.
    pub sector: String,
    /// Hours per year its people spend in meetings: Σ head-count × sessions × minutes / 60.
    pub annual_hours: f64,
    /// Number of meetings it attends.
    pub meetings: usize,
}

/// A tie between two agencies that share at least one meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Tie {
    /// Node index of the agency whose name sorts first.
    pub a: usize,
    /// Node index of the other agency.
    pub b: usize,
    /// The meetings both attend (indices into the inventory's meetings), sorted by meeting id.
    pub meetings: Vec<usize>,
    /// Σ over shared meetings of sessions × minutes / 60 (meeting hours, not person-hours).
    pub shared_hours: f64,
    /// Newman's collaboration weight Σ 1/(k − 1) over shared meetings, k = agencies in the
    /// meeting (Newman 2001): a two-agency meeting is a full working tie, a seat among
    /// twenty a twentieth of one.
    pub collaboration: f64,
}

/// The agency projection of an inventory.
///
/// Node `i` is the `i`-th agency by name (Rust string order, which is code-point order);
/// every registered agency is a node, including those that attend nothing. Edge `e` of
/// [`graph`](Self::graph) is tie `e` of [`ties`](Self::ties), ties sorted by `(a, b)`.
///
/// ```
/// use kaigi::graph::AgencyNetwork;
/// use kaigi::model::{Frequency, Inventory, Meeting, Participant};
/// let mut m1 = Meeting::new("M1", "個別ケース会議");
/// m1.participants = vec![Participant::new("A", 1), Participant::new("B", 2), Participant::new("C", 1)];
/// m1.frequency = Frequency::per_year(12.0);
/// m1.minutes_per_session = 60.0;
/// let mut m2 = Meeting::new("M2", "連絡会");
/// m2.participants = vec![Participant::new("A", 1), Participant::new("B", 1)];
/// m2.frequency = Frequency::per_year(4.0);
/// m2.minutes_per_session = 90.0;
/// let network = AgencyNetwork::build(&Inventory { meetings: vec![m1, m2], agencies: vec![] });
/// let ab = network.tie_between(0, 1).unwrap();
/// assert_eq!(network.tie_meeting_ids(ab), vec!["M1", "M2"]);
/// assert_eq!(ab.shared_hours, 12.0 + 6.0);
/// assert_eq!(ab.collaboration, 0.5 + 1.0);
/// assert_eq!(network.node(1).annual_hours, 2.0 * 12.0 + 6.0);
/// ```
#[derive(Debug, Clone)]
pub struct AgencyNetwork {
    graph: UnGraph<AgencyNode, Tie>,
    /// Sorted distinct sectors.
    sectors: Vec<String>,
    /// Sector index of each node.
    sector_of: Vec<usize>,
    /// Meeting ids in input order.
    meeting_ids: Vec<String>,
    /// Annual meeting hours (sessions × minutes / 60) per meeting.
    meeting_hours: Vec<f64>,
    /// Distinct attending nodes per meeting, ascending.
    members: Vec<Vec<usize>>,
    /// Compressed adjacency: neighbours of node `i` are `targets[offsets[i]..offsets[i+1]]`,
    /// ascending, with the tie index of each in `tie_of`.
    offsets: Vec<usize>,
    targets: Vec<u32>,
    tie_of: Vec<u32>,
}

impl AgencyNetwork {
    /// Builds the projection. Participants missing from the registry become nodes with
    /// sector [`UNKNOWN_SECTOR`]; a participant listed twice in one meeting counts once
    /// as a member (head-counts added).
    pub fn build(inventory: &Inventory) -> Self {
        // Registry first (first spelling of a duplicate wins), then unlisted participants.
        let mut sector_by_name: BTreeMap<&str, &str> = BTreeMap::new();
        for agency in &inventory.agencies {
            let sector = agency.sector.trim();
            let sector = if sector.is_empty() { UNKNOWN_SECTOR } else { sector };
            sector_by_name.entry(agency.name.as_str()).or_insert(sector);
        }
        for meeting in &inventory.meetings {
            for participant in &meeting.participants {
                sector_by_name.entry(participant.agency.as_str()).or_insert(UNKNOWN_SECTOR);
            }
        }
        let index: HashMap<&str, usize> =
            sector_by_name.keys().enumerate().map(|(i, name)| (*name, i)).collect();
        let mut sectors: Vec<String> = sector_by_name.values().map(|s| s.to_string()).collect();
        sectors.sort();
        sectors.dedup();
        let sector_of: Vec<usize> = sector_by_name
            .values()
            .map(|s| sectors.binary_search_by(|probe| probe.as_str().cmp(s)).unwrap_or(0))
            .collect();

        let n = sector_by_name.len();
        let mut hours = vec![0.0_f64; n];
        let mut attended = vec![0_usize; n];
        let mut members = Vec::with_capacity(inventory.meetings.len());
        let mut meeting_hours = Vec::with_capacity(inventory.meetings.len());
        for meeting in &inventory.meetings {
            let sessions = meeting.frequency.sessions_per_year;
            let minutes = meeting.minutes_per_session;
            let mut counted: Vec<(usize, u32)> = Vec::with_capacity(meeting.participants.len());
            for participant in &meeting.participants {
                let node = index[participant.agency.as_str()];
                match counted.iter_mut().find(|(i, _)| *i == node) {
                    Some(entry) => entry.1 += participant.count,
                    None => counted.push((node, participant.count)),
                }
            }
            for &(node, count) in &counted {
                // Same operation order as the reference (count × sessions × minutes / 60),
                // so hours agree to the last bit.
                hours[node] += f64::from(count) * sessions * minutes / 60.0;
                attended[node] += 1;
            }
            let mut nodes: Vec<usize> = counted.into_iter().map(|(i, _)| i).collect();
            nodes.sort_unstable();
            members.push(nodes);
            meeting_hours.push(sessions * minutes / 60.0);
        }

        // Accumulate ties meeting by meeting in input order, so float sums have a fixed order.
        let mut tie_index: HashMap<(usize, usize), usize> = HashMap::new();
        let mut ties: Vec<Tie> = Vec::new();
        for (m, nodes) in members.iter().enumerate() {
            let k = nodes.len();
            if k < 2 {
                continue;
            }
            let weight = 1.0 / (k - 1) as f64;
            for (i, &a) in nodes.iter().enumerate() {
                for &b in &nodes[i + 1..] {
                    let t = *tie_index.entry((a, b)).or_insert_with(|| {
                        ties.push(Tie {
                            a,
                            b,
                            meetings: Vec::new(),
                            shared_hours: 0.0,
                            collaboration: 0.0,
                        });
                        ties.len() - 1
                    });
                    let tie = &mut ties[t];
                    tie.meetings.push(m);
                    tie.shared_hours += meeting_hours[m];
                    tie.collaboration += weight;
                }
            }
        }
        drop(tie_index);
        ties.sort_unstable_by_key(|t| (t.a, t.b));
        let meeting_ids: Vec<String> = inventory.meetings.iter().map(|m| m.id.clone()).collect();
        // Provenance sorted by id, ties between equal ids by input order.
        let mut by_id: Vec<usize> = (0..meeting_ids.len()).collect();
        by_id.sort_by(|&x, &y| meeting_ids[x].cmp(&meeting_ids[y]).then(x.cmp(&y)));
        let mut id_rank = vec![0_usize; meeting_ids.len()];
        for (rank, &m) in by_id.iter().enumerate() {
            id_rank[m] = rank;
        }
        for tie in &mut ties {
            tie.meetings.sort_unstable_by_key(|&m| id_rank[m]);
        }

        let mut degree = vec![0_usize; n];
        for tie in &ties {
            degree[tie.a] += 1;
            degree[tie.b] += 1;
        }
        let mut offsets = vec![0_usize; n + 1];
        for i in 0..n {
            offsets[i + 1] = offsets[i] + degree[i];
        }
        let mut fill = offsets.clone();
        let mut targets = vec![0_u32; offsets[n]];
        let mut tie_of = vec![0_u32; offsets[n]];
        // Ties are sorted by (a, b), so each list fills in ascending order: a node's lower
        // neighbours come from ties where it is `b` (ascending a), then its higher ones.
        for (t, tie) in ties.iter().enumerate() {
            for (from, to) in [(tie.a, tie.b), (tie.b, tie.a)] {
                targets[fill[from]] = to as u32;
                tie_of[fill[from]] = t as u32;
                fill[from] += 1;
            }
        }
        for i in 0..n {
            let range = offsets[i]..offsets[i + 1];
            if !targets[range.clone()].is_sorted() {
                let mut pairs: Vec<(u32, u32)> = targets[range.clone()]
                    .iter()
                    .copied()
                    .zip(tie_of[range.clone()].iter().copied())
                    .collect();
                pairs.sort_unstable();
                for (slot, (target, tie)) in range.zip(pairs) {
                    targets[slot] = target;
                    tie_of[slot] = tie;
                }
            }
        }

        let mut graph = UnGraph::with_capacity(n, ties.len());
        for (i, (name, sector)) in sector_by_name.iter().enumerate() {
            graph.add_node(AgencyNode {
                name: (*name).to_string(),
                sector: (*sector).to_string(),
                annual_hours: hours[i],
                meetings: attended[i],
            });
        }
        for tie in ties {
            graph.add_edge(NodeIndex::new(tie.a), NodeIndex::new(tie.b), tie);
        }
        AgencyNetwork {
            graph,
            sectors,
            sector_of,
            meeting_ids,
            meeting_hours,
            members,
            offsets,
            targets,
            tie_of,
        }
    }

    /// The petgraph graph: node weights are [`AgencyNode`]s, edge weights [`Tie`]s.
    pub fn graph(&self) -> &UnGraph<AgencyNode, Tie> {
        &self.graph
    }

    /// Number of agencies.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of ties.
    pub fn tie_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// Agency `i` (by name order).
    pub fn node(&self, i: usize) -> &AgencyNode {
        &self.graph[NodeIndex::new(i)]
    }

    /// Agencies in name order.
    pub fn nodes(&self) -> impl ExactSizeIterator<Item = &AgencyNode> + '_ {
        self.graph.raw_nodes().iter().map(|n| &n.weight)
    }

    /// Node index of an agency by canonical name.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        // Nodes are in name order, so a binary search finds the name.
        let (mut lo, mut hi) = (0, self.node_count());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.node(mid).name.as_str().cmp(name) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid),
            }
        }
        None
    }

    /// Ties sorted by `(a, b)`; tie `e` is edge `e` of [`graph`](Self::graph).
    pub fn ties(&self) -> impl ExactSizeIterator<Item = &Tie> + '_ {
        self.graph.raw_edges().iter().map(|e| &e.weight)
    }

    /// Tie `e`.
    pub fn tie(&self, e: usize) -> &Tie {
        &self.graph.raw_edges()[e].weight
    }

    /// The tie between two agencies, if they share a meeting.
    pub fn tie_between(&self, a: usize, b: usize) -> Option<&Tie> {
        let range = self.offsets[a]..self.offsets[a + 1];
        let position = self.targets[range.clone()].binary_search(&(b as u32)).ok()?;
        Some(self.tie(self.tie_of[range.start + position] as usize))
    }

    /// Ids of the meetings that create a tie, sorted.
    pub fn tie_meeting_ids(&self, tie: &Tie) -> Vec<&str> {
        tie.meetings.iter().map(|&m| self.meeting_ids[m].as_str()).collect()
    }

    /// Neighbours of agency `i`, ascending.
    pub fn neighbors(&self, i: usize) -> &[u32] {
        &self.targets[self.offsets[i]..self.offsets[i + 1]]
    }

    /// Tie indices of agency `i`'s neighbours, in the order of [`neighbors`](Self::neighbors).
    pub fn neighbor_ties(&self, i: usize) -> &[u32] {
        &self.tie_of[self.offsets[i]..self.offsets[i + 1]]
    }

    /// Whether two agencies share a meeting.
    pub fn adjacent(&self, a: usize, b: usize) -> bool {
        self.neighbors(a).binary_search(&(b as u32)).is_ok()
    }

    /// Number of other agencies agency `i` meets.
    pub fn degree(&self, i: usize) -> usize {
        self.offsets[i + 1] - self.offsets[i]
    }

    /// Distinct sectors, sorted.
    pub fn sectors(&self) -> &[String] {
        &self.sectors
    }

    /// Index into [`sectors`](Self::sectors) of agency `i`'s sector.
    pub fn sector_index(&self, i: usize) -> usize {
        self.sector_of[i]
    }

    /// Meeting ids in input order.
    pub fn meeting_ids(&self) -> &[String] {
        &self.meeting_ids
    }

    /// Annual hours (sessions × minutes / 60) of each meeting, in input order.
    pub fn meeting_hours(&self) -> &[f64] {
        &self.meeting_hours
    }

    /// Distinct attending agencies of each meeting (ascending node indices), in input order.
    pub fn members(&self) -> &[Vec<usize>] {
        &self.members
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Agency, Frequency, Meeting, Participant};

    fn meeting(id: &str, names: &[&str], sessions: f64, minutes: f64) -> Meeting {
        let mut m = Meeting::new(id, id);
        m.participants = names.iter().map(|n| Participant::new(*n, 1)).collect();
        m.frequency = Frequency::per_year(sessions);
        m.minutes_per_session = minutes;
        m
    }

    #[test]
    fn orders_nodes_by_name_and_keeps_isolated_agencies() {
        let inventory = Inventory {
            meetings: vec![meeting("M1", &["C", "A"], 12.0, 60.0)],
            agencies: vec![Agency::new("Z", "高齢"), Agency::new("A", "障害")],
        };
        let network = AgencyNetwork::build(&inventory);
        let names: Vec<&str> = network.nodes().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["A", "C", "Z"]);
        assert_eq!(network.node(1).sector, UNKNOWN_SECTOR);
        assert_eq!(network.degree(2), 0);
        assert_eq!(network.index_of("Z"), Some(2));
        assert_eq!(network.index_of("B"), None);
    }

    #[test]
    fn sorts_provenance_by_meeting_id_as_text() {
        let inventory = Inventory {
            meetings: vec![
                meeting("M2", &["A", "B"], 1.0, 60.0),
                meeting("M10", &["A", "B", "C"], 1.0, 60.0),
            ],
            agencies: vec![],
        };
        let network = AgencyNetwork::build(&inventory);
        let tie = network.tie_between(1, 0).unwrap();
        assert_eq!(network.tie_meeting_ids(tie), ["M10", "M2"]);
        assert_eq!(tie.collaboration, 1.5);
        assert!(network.adjacent(2, 0));
        assert_eq!(network.neighbors(0), [1, 2]);
    }

    #[test]
    fn counts_a_repeated_participant_once_as_member() {
        let mut m = meeting("M1", &["A", "B"], 12.0, 60.0);
        m.participants.push(Participant::new("A", 2));
        let network = AgencyNetwork::build(&Inventory { meetings: vec![m], agencies: vec![] });
        assert_eq!(network.tie(0).collaboration, 1.0);
        assert_eq!(network.node(0).annual_hours, 36.0);
        assert_eq!(network.node(0).meetings, 1);
    }
}
