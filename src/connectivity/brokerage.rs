//! Gould & Fernandez brokerage roles with sectors as groups: for every agency b, the
//! pairs of its partners (a, c) that do not meet each other, so that b is the link
//! a → b → c, classified by whose field each belongs to.
//!
//! Written here because no Rust graph crate has it. The network is read as a symmetric
//! directed graph, so each open unordered pair counts twice (a → b → c and c → b → a),
//! as in the reference definition; gatekeeper and representative counts are therefore
//! always equal.
//!
//! Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal approach to
//! brokerage in transaction networks. Sociological Methodology 19, 89–126.

use crate::graph::AgencyNetwork;
use rayon::prelude::*;
use serde::Serialize;

/// Counts of open two-paths a → b → c through one broker b, by role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Brokerage {
    /// a, b, c all in one field: brokering inside the field.
    pub coordinator: u64,
    /// a from another field reaching b's field through b (b guards the way in).
    pub gatekeeper: u64,
    /// b speaks for its own field to c's field (b's way out).
    pub representative: u64,
    /// a and c share a field, b is an outsider between them.
    pub consultant: u64,
    /// a, b, c all in different fields: b links two fields it belongs to neither of.
    pub liaison: u64,
}

impl Brokerage {
    /// All roles together: the open ordered two-paths through the agency.
    pub fn total(&self) -> u64 {
        self.coordinator + self.gatekeeper + self.representative + self.consultant + self.liaison
    }

    /// Roles that link different fields (everything but coordinator).
    pub fn across_fields(&self) -> u64 {
        self.total() - self.coordinator
    }

    /// The counts as unordered pairs of agencies, which is what a reader counts: the
    /// roles above count ordered paths a → b → c, so on an undirected network each pair
    /// appears twice — as coordinator, consultant or liaison twice over, and once as
    /// gatekeeper and once as representative (always equal, hence one `gateway` role).
    ///
    /// ```
    /// let b = kaigi::connectivity::Brokerage {
    ///     coordinator: 4, gatekeeper: 3, representative: 3, consultant: 2, liaison: 6,
    /// };
    /// let p = b.pairs();
    /// assert_eq!((p.coordinator, p.gateway, p.consultant, p.liaison), (2, 3, 1, 3));
    /// assert_eq!(p.across_fields(), b.across_fields() / 2);
    /// ```
    pub fn pairs(&self) -> BrokeragePairs {
        BrokeragePairs {
            coordinator: self.coordinator / 2,
            gateway: self.gatekeeper,
            consultant: self.consultant / 2,
            liaison: self.liaison / 2,
        }
    }
}

/// Brokerage as unordered pairs of agencies that do not meet and that one agency links.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BrokeragePairs {
    /// Both in the broker's own field.
    pub coordinator: u64,
    /// One in the broker's field, one in another.
    pub gateway: u64,
    /// Both in one field that is not the broker's.
    pub consultant: u64,
    /// In two different fields, neither the broker's.
    pub liaison: u64,
}

impl BrokeragePairs {
    /// Pairs in different fields, or outside the broker's: the cross-field brokerage.
    pub fn across_fields(&self) -> u64 {
        self.gateway + self.consultant + self.liaison
    }
}

/// Brokerage roles of every agency, in node order.
///
/// Counts every pair of partners by sector, then removes the pairs that meet directly
/// (closed triads), which costs Σ d² instead of a test per pair.
///
/// ```
/// use kaigi::connectivity::brokerage;
/// use kaigi::graph::AgencyNetwork;
/// use kaigi::model::{Agency, Inventory, Meeting, Participant};
/// let meeting = |id: &str, a: &str, b: &str| {
///     let mut m = Meeting::new(id, id);
///     m.participants = vec![Participant::new(a, 1), Participant::new(b, 1)];
///     m
/// };
/// // A (高齢) – B (障害) – C (子ども): B is a liaison both ways
/// let inventory = Inventory {
///     meetings: vec![meeting("M1", "A", "B"), meeting("M2", "B", "C")],
///     agencies: vec![Agency::new("A", "高齢"), Agency::new("B", "障害"), Agency::new("C", "子ども")],
/// };
/// let roles = brokerage(&AgencyNetwork::build(&inventory));
/// assert_eq!(roles[1].liaison, 2);
/// assert_eq!(roles[0].total(), 0);
/// ```
pub fn brokerage(network: &AgencyNetwork) -> Vec<Brokerage> {
    let n = network.node_count();
    let sectors = network.sectors().len();
    (0..n)
        .into_par_iter()
        .map_init(
            || (vec![false; n], vec![0_u64; sectors]),
            |(mark, per_sector), b| {
                let neighbors = network.neighbors(b);
                let gb = network.sector_index(b);
                let mut same = 0_u64;
                let mut touched = Vec::new();
                for &a in neighbors {
                    let ga = network.sector_index(a as usize);
                    if ga == gb {
                        same += 1;
                    } else {
                        if per_sector[ga] == 0 {
                            touched.push(ga);
                        }
                        per_sector[ga] += 1;
                    }
                }
                let other = neighbors.len() as u64 - same;
                let pairs = |k: u64| k * k.saturating_sub(1) / 2;
                // Unordered pairs of partners, open or closed, by role.
                let mut coordinator = pairs(same);
                let mut mixed = same * other; // one partner in b's field, one outside
                let mut consultant: u64 = touched.iter().map(|&s| pairs(per_sector[s])).sum();
                let mut liaison = pairs(other) - consultant;
                for &s in &touched {
                    per_sector[s] = 0;
                }
                // Remove the closed pairs: partners a < c that meet each other.
                for &a in neighbors {
                    mark[a as usize] = true;
                }
                for &a in neighbors {
                    let ga = network.sector_index(a as usize);
                    for &c in network.neighbors(a as usize) {
                        if c <= a || !mark[c as usize] {
                            continue;
                        }
                        let gc = network.sector_index(c as usize);
                        match (ga == gb, gc == gb) {
                            (true, true) => coordinator -= 1,
                            (true, false) | (false, true) => mixed -= 1,
                            (false, false) if ga == gc => consultant -= 1,
                            (false, false) => liaison -= 1,
                        }
                    }
                }
                for &a in neighbors {
                    mark[a as usize] = false;
                }
                // Each open unordered pair is two directed two-paths; a mixed pair is a
                // gatekeeper one way (outsider → b → insider) and a representative the other.
                Brokerage {
                    coordinator: 2 * coordinator,
                    gatekeeper: mixed,
                    representative: mixed,
                    consultant: 2 * consultant,
                    liaison: 2 * liaison,
                }
            },
        )
        .collect()
}
