//! Fragility: links that hang on one meeting, and agencies that alone connect two
//! fields ("critical agencies") — the staff-transfer (人事異動) risk the annual review
//! looks for.
//!
//! Written here: these are questions about the meeting inventory, not standard graph
//! measures. The idea follows Burt's structural holes and Granovetter's weak ties:
//! Burt, R. S. (1992). Structural Holes. Harvard University Press.

use crate::graph::AgencyNetwork;
use std::collections::BTreeMap;

/// Ties created by exactly one meeting: `(tie index, meeting index)`, in tie order.
/// Merging or cancelling that meeting ends the link unless another meeting takes it over.
///
/// ```
/// use kaigi::connectivity::single_meeting_links;
/// use kaigi::graph::AgencyNetwork;
/// use kaigi::model::{Inventory, Meeting, Participant};
/// let meeting = |id: &str, names: &[&str]| {
///     let mut m = Meeting::new(id, id);
///     m.participants = names.iter().map(|n| Participant::new(*n, 1)).collect();
///     m
/// };
/// let inventory = Inventory { meetings: vec![meeting("M1", &["A", "B", "C"]), meeting("M2", &["A", "B"])], agencies: vec![] };
/// // A–B meet twice; A–C and B–C only in M1
/// assert_eq!(single_meeting_links(&AgencyNetwork::build(&inventory)), vec![(1, 0), (2, 0)]);
/// ```
pub fn single_meeting_links(network: &AgencyNetwork) -> Vec<(usize, usize)> {
    network
        .ties()
        .enumerate()
        .filter(|(_, tie)| tie.meeting_count() == 1)
        .map(|(t, tie)| (t, network.tie_meetings(tie)[0] as usize))
        .collect()
}

/// For each agency, the pairs of sectors (indices into
/// [`AgencyNetwork::sectors`], smaller first) that share a meeting today and would
/// share none if that agency left every meeting. Only agencies with at least one such
/// pair are listed, by node index.
///
/// A meeting links sectors s and t while it seats someone of each; it stops linking
/// them without agency x only if x is its only member of s or of t. So the agencies
/// able to break a link are, per meeting, at most two, and an agency is critical for
/// (s, t) when it is among them in every meeting that links s and t.
///
/// ```
/// use kaigi::connectivity::critical_agencies;
/// use kaigi::graph::AgencyNetwork;
/// use kaigi::model::{Agency, Inventory, Meeting, Participant};
/// let mut m = Meeting::new("M1", "m");
/// m.participants = vec![Participant::new("A", 1), Participant::new("B", 1), Participant::new("C", 1)];
/// let inventory = Inventory {
///     meetings: vec![m],
///     agencies: vec![Agency::new("A", "高齢"), Agency::new("B", "高齢"), Agency::new("C", "障害")],
/// };
/// let network = AgencyNetwork::build(&inventory);
/// // C is the only 障害 agency in the only meeting linking the two fields
/// assert_eq!(critical_agencies(&network), vec![(2, vec![(0, 1)])]);
/// ```
pub fn critical_agencies(network: &AgencyNetwork) -> Vec<(usize, Vec<(usize, usize)>)> {
    let s = network.sectors().len();
    // For each linked sector pair, the agencies that could still break every link so far.
    let mut candidates: BTreeMap<(usize, usize), Vec<usize>> = BTreeMap::new();
    let mut members_by_sector: Vec<Vec<usize>> = vec![Vec::new(); s];
    for members in network.members() {
        let mut present = Vec::new();
        for &a in members {
            let a = a as usize;
            let sector = network.sector_index(a);
            if members_by_sector[sector].is_empty() {
                present.push(sector);
            }
            members_by_sector[sector].push(a);
        }
        present.sort_unstable();
        for (i, &x) in present.iter().enumerate() {
            for &y in &present[i + 1..] {
                let mut breakers = Vec::with_capacity(2);
                for sector in [x, y] {
                    if let [only] = members_by_sector[sector][..] {
                        breakers.push(only);
                    }
                }
                candidates
                    .entry((x, y))
                    .and_modify(|kept| kept.retain(|a| breakers.contains(a)))
                    .or_insert(breakers);
            }
        }
        for sector in present {
            members_by_sector[sector].clear();
        }
    }
    let mut by_agency: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
    for (pair, agencies) in candidates {
        for agency in agencies {
            by_agency.entry(agency).or_default().push(pair);
        }
    }
    by_agency.into_iter().collect()
}
