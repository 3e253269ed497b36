//! Krackhardt & Stern's E–I index with sectors as groups: do agencies' ties stay inside
//! their own field (towards −1) or reach across fields (towards +1)?
//!
//! Written here: the index is a two-line count that no graph crate offers.
//!
//! Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises:
//! an experimental simulation. Social Psychology Quarterly 51(2), 123–140.

use crate::graph::AgencyNetwork;
use serde::Serialize;
use std::collections::BTreeMap;

/// The E–I index overall and per sector; `None` where there is no tie to count.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct EiIndex {
    /// (E − I)/(E + I) over every tie, E = ties between fields, I = ties within one.
    pub overall: Option<f64>,
    /// Per sector, over ties touching it: E = ties to another field, I = ties inside it.
    #[serde(serialize_with = "crate::model::sector_code::keys")]
    pub per_sector: BTreeMap<String, Option<f64>>,
}

/// Unweighted E–I index of the agency network.
///
/// ```
/// use kaigi::connectivity::ei_index;
/// use kaigi::graph::AgencyNetwork;
/// use kaigi::model::{Agency, Inventory, Meeting, Participant};
/// let mut m = Meeting::new("M1", "m");
/// m.participants = vec![Participant::new("A", 1), Participant::new("B", 1), Participant::new("C", 1)];
/// let inventory = Inventory {
///     meetings: vec![m],
///     agencies: vec![Agency::new("A", "高齢"), Agency::new("B", "高齢"), Agency::new("C", "障害")],
/// };
/// let ei = ei_index(&AgencyNetwork::build(&inventory));
/// assert_eq!(ei.overall, Some((2.0 - 1.0) / 3.0)); // A–C, B–C across; A–B within
/// assert_eq!(ei.per_sector["障害"], Some(1.0));
/// ```
pub fn ei_index(network: &AgencyNetwork) -> EiIndex {
    let sectors = network.sectors();
    let mut external = vec![0_usize; sectors.len()];
    let mut internal = vec![0_usize; sectors.len()];
    let (mut e, mut i) = (0_usize, 0_usize);
    for tie in network.ties() {
        let (sa, sb) = (network.sector_index(tie.a as usize), network.sector_index(tie.b as usize));
        if sa == sb {
            i += 1;
            internal[sa] += 1;
        } else {
            e += 1;
            external[sa] += 1;
            external[sb] += 1;
        }
    }
    let index = |e: usize, i: usize| (e + i > 0).then(|| (e as f64 - i as f64) / (e + i) as f64);
    EiIndex {
        overall: index(e, i),
        per_sector: sectors
            .iter()
            .enumerate()
            .map(|(s, name)| (name.clone(), index(external[s], internal[s])))
            .collect(),
    }
}
