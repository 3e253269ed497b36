//! The sector × sector matrix: for each pair of fields, the meetings where both sit, the
//! hours those meetings take, and the agencies that carry the link.

use crate::graph::AgencyNetwork;
use serde::Serialize;

/// The link between two fields.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SectorLink {
    /// The two sectors, the smaller first.
    #[serde(serialize_with = "crate::model::sector_code::pair")]
    pub sectors: [String; 2],
    /// Ids of meetings with at least one agency of each sector, sorted.
    pub shared_meetings: Vec<String>,
    /// Σ over those meetings of sessions × minutes / 60.
    pub shared_hours: f64,
    /// Agencies of either sector attending those meetings, sorted by name.
    pub carriers: Vec<String>,
}

/// Every pair of distinct sectors present among the agencies, linked or not.
///
/// ```
/// use kaigi::graph::{AgencyNetwork, SectorMatrix};
/// use kaigi::model::{Agency, Frequency, Inventory, Meeting, Participant};
/// let mut m = Meeting::new("M1", "地域ケア会議");
/// m.participants = vec![Participant::new("包括", 1), Participant::new("障害福祉課", 1)];
/// m.frequency = Frequency::per_year(12.0);
/// m.minutes_per_session = 60.0;
/// let inventory = Inventory {
///     meetings: vec![m],
///     agencies: vec![Agency::new("包括", "高齢"), Agency::new("障害福祉課", "障害"),
///                    Agency::new("こども家庭課", "子ども")],
/// };
/// let matrix = SectorMatrix::build(&AgencyNetwork::build(&inventory));
/// assert_eq!(matrix.links.len(), 3);
/// assert_eq!(matrix.unlinked().count(), 2);
/// let linked = matrix.links.iter().find(|l| !l.shared_meetings.is_empty()).unwrap();
/// assert_eq!(linked.shared_hours, 12.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SectorMatrix {
    /// One entry per pair of sectors, sorted by the pair.
    pub links: Vec<SectorLink>,
}

impl SectorMatrix {
    /// Builds the matrix from the agency network.
    pub fn build(network: &AgencyNetwork) -> Self {
        let sectors = network.sectors();
        let s = sectors.len();
        // Pair (x, y), x < y, lives at slot x * s + y of a dense table: the sector count
        // is small (a dozen fields), so the table is cheaper than a map.
        let mut meetings: Vec<Vec<usize>> = vec![Vec::new(); s * s];
        let mut hours = vec![0.0_f64; s * s];
        let mut carriers: Vec<Vec<usize>> = vec![Vec::new(); s * s];
        for (m, members) in network.members().enumerate() {
            let mut present: Vec<usize> =
                members.iter().map(|&a| network.sector_index(a as usize)).collect();
            present.sort_unstable();
            present.dedup();
            for (i, &x) in present.iter().enumerate() {
                for &y in &present[i + 1..] {
                    let slot = x * s + y;
                    meetings[slot].push(m);
                    hours[slot] += network.meeting_hours()[m];
                    carriers[slot].extend(members.iter().map(|&a| a as usize).filter(|&a| {
                        let sector = network.sector_index(a);
                        sector == x || sector == y
                    }));
                }
            }
        }
        let mut links = Vec::with_capacity(s * s.saturating_sub(1) / 2);
        for x in 0..s {
            for y in x + 1..s {
                let slot = x * s + y;
                let mut shared: Vec<String> =
                    meetings[slot].iter().map(|&m| network.meeting_id(m).to_string()).collect();
                shared.sort();
                let mut agencies = std::mem::take(&mut carriers[slot]);
                agencies.sort_unstable();
                agencies.dedup();
                links.push(SectorLink {
                    sectors: [sectors[x].clone(), sectors[y].clone()],
                    shared_meetings: shared,
                    shared_hours: hours[slot],
                    carriers: agencies.iter().map(|&a| network.node(a).name.clone()).collect(),
                });
            }
        }
        SectorMatrix { links }
    }

    /// Pairs of sectors that share no meeting.
    pub fn unlinked(&self) -> impl Iterator<Item = &SectorLink> + '_ {
        self.links.iter().filter(|l| l.shared_meetings.is_empty())
    }
}
