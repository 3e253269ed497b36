//! Communities: groups of agencies that meet each other more than chance would have it,
//! found by the Louvain method on collaboration weights, and their modularity.
//!
//! Written here because no maintained Rust crate implements Louvain over petgraph
//! (rustworkx-core has none). The method follows NetworkX's `louvain_communities`
//! (node moves in a seeded random order, aggregation, stop when a level gains no more
//! than `threshold`), but its random stream is ChaCha8, not Python's Mersenne Twister,
//! so partitions can differ from NetworkX's while being equally valid; the tests hold
//! kaigi's modularity to NetworkX's, not its partition.
//!
//! Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E. (2008). Fast unfolding
//! of communities in large networks. J. Stat. Mech. P10008. Modularity: Newman, M. E. J.
//! & Girvan, M. (2004). Finding and evaluating community structure in networks. Phys.
//! Rev. E 69, 026113.

use crate::connectivity::ConnectivityError;
use crate::graph::AgencyNetwork;
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use std::collections::HashMap;

/// Modularity of a partition of the agencies, with collaboration weights:
/// Σ_c [ L_c / m − γ (D_c / 2m)² ], L_c = weight inside c, D_c = Σ strengths in c,
/// m = total weight. `None` when the network has no ties (modularity is undefined).
///
/// # Errors
/// [`ConnectivityError::NotAPartition`] unless every agency is in exactly one community.
///
/// ```
/// use kaigi::connectivity::modularity;
/// use kaigi::graph::AgencyNetwork;
/// use kaigi::model::{Inventory, Meeting, Participant};
/// let meeting = |id: &str, a: &str, b: &str| {
///     let mut m = Meeting::new(id, id);
///     m.participants = vec![Participant::new(a, 1), Participant::new(b, 1)];
///     m
/// };
/// // two pairs joined by one tie: A–B, C–D, B–C
/// let inventory = Inventory { meetings: vec![meeting("M1", "A", "B"), meeting("M2", "C", "D"), meeting("M3", "B", "C")], agencies: vec![] };
/// let network = AgencyNetwork::build(&inventory);
/// let q = modularity(&network, &[vec![0, 1], vec![2, 3]], 1.0)?.unwrap();
/// assert!((q - (2.0 * (1.0 / 3.0 - (3.0_f64 / 6.0).powi(2)))).abs() < 1e-15);
/// # Ok::<(), kaigi::connectivity::ConnectivityError>(())
/// ```
pub fn modularity(
    network: &AgencyNetwork,
    communities: &[Vec<usize>],
    resolution: f64,
) -> Result<Option<f64>, ConnectivityError> {
    let n = network.node_count();
    let mut community_of = vec![usize::MAX; n];
    for (c, members) in communities.iter().enumerate() {
        for &v in members {
            if v >= n || community_of[v] != usize::MAX {
                return Err(ConnectivityError::NotAPartition { node: v });
            }
            community_of[v] = c;
        }
    }
    if let Some(missing) = community_of.iter().position(|&c| c == usize::MAX) {
        return Err(ConnectivityError::NotAPartition { node: missing });
    }
    let mut strength = vec![0.0; n];
    let mut total = 0.0;
    for tie in network.ties() {
        strength[tie.a as usize] += tie.collaboration;
        strength[tie.b as usize] += tie.collaboration;
        total += tie.collaboration;
    }
    if total == 0.0 {
        return Ok(None);
    }
    let mut inside = vec![0.0; communities.len()];
    for tie in network.ties() {
        if community_of[tie.a as usize] == community_of[tie.b as usize] {
            inside[community_of[tie.a as usize]] += tie.collaboration;
        }
    }
    let norm = 1.0 / (2.0 * total * 2.0 * total);
    let q = communities
        .iter()
        .enumerate()
        .map(|(c, members)| {
            let d: f64 = members.iter().map(|&v| strength[v]).sum();
            inside[c] / total - resolution * d * d * norm
        })
        .sum();
    Ok(Some(q))
}

/// Louvain parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LouvainParams {
    /// Resolution γ (1 = standard modularity; above 1 favours smaller communities).
    pub resolution: f64,
    /// Stop when a level raises modularity by no more than this.
    pub threshold: f64,
    /// Seed of the node order.
    pub seed: u64,
}

impl Default for LouvainParams {
    fn default() -> Self {
        LouvainParams { resolution: 1.0, threshold: 1e-7, seed: 42 }
    }
}

/// One level's weighted graph: community nodes with self-loops.
struct Level {
    neighbors: Vec<Vec<(usize, f64)>>,
    self_loop: Vec<f64>,
    strength: Vec<f64>,
}

impl Level {
    fn modularity(&self, community_of: &[usize], communities: usize, m: f64, gamma: f64) -> f64 {
        let mut inside = vec![0.0; communities];
        let mut degree = vec![0.0; communities];
        for u in 0..self.neighbors.len() {
            let c = community_of[u];
            inside[c] += self.self_loop[u];
            degree[c] += self.strength[u];
            for &(v, w) in &self.neighbors[u] {
                if v > u && community_of[v] == c {
                    inside[c] += w;
                }
            }
        }
        let norm = 1.0 / (4.0 * m * m);
        (0..communities).map(|c| inside[c] / m - gamma * degree[c] * degree[c] * norm).sum()
    }

    /// Collapses each community into one node.
    fn aggregate(&self, community_of: &[usize], communities: usize) -> Level {
        let mut self_loop = vec![0.0; communities];
        let mut strength = vec![0.0; communities];
        let mut between: HashMap<(usize, usize), f64> = HashMap::new();
        for u in 0..self.neighbors.len() {
            let cu = community_of[u];
            self_loop[cu] += self.self_loop[u];
            strength[cu] += self.strength[u];
            for &(v, w) in &self.neighbors[u] {
                if v <= u {
                    continue;
                }
                let cv = community_of[v];
                if cu == cv {
                    self_loop[cu] += w;
                } else {
                    *between.entry((cu.min(cv), cu.max(cv))).or_insert(0.0) += w;
                }
            }
        }
        let mut edges: Vec<((usize, usize), f64)> = between.into_iter().collect();
        edges.sort_unstable_by_key(|(pair, _)| *pair);
        let mut neighbors = vec![Vec::new(); communities];
        for ((a, b), w) in edges {
            neighbors[a].push((b, w));
            neighbors[b].push((a, w));
        }
        Level { neighbors, self_loop, strength }
    }
}

/// Louvain communities on collaboration weights: each community sorted, the list sorted
/// by first member; isolated agencies are communities of their own.
///
/// # Errors
/// [`ConnectivityError::InvalidOption`] for a non-positive resolution or negative threshold.
///
/// ```
/// use kaigi::connectivity::{louvain, LouvainParams};
/// use kaigi::graph::AgencyNetwork;
/// use kaigi::model::{Inventory, Meeting, Participant};
/// let meeting = |id: &str, names: &[&str]| {
///     let mut m = Meeting::new(id, id);
///     m.participants = names.iter().map(|n| Participant::new(*n, 1)).collect();
///     m
/// };
/// // two triangles of two-agency meetings, joined by C–D
/// let pairs = [("A", "B"), ("A", "C"), ("B", "C"), ("D", "E"), ("D", "F"), ("E", "F"), ("C", "D")];
/// let meetings = pairs.iter().enumerate().map(|(i, (a, b))| meeting(&format!("M{i}"), &[a, b])).collect();
/// let inventory = Inventory { meetings, agencies: vec![] };
/// let communities = louvain(&AgencyNetwork::build(&inventory), &LouvainParams::default())?;
/// assert_eq!(communities, vec![vec![0, 1, 2], vec![3, 4, 5]]);
/// # Ok::<(), kaigi::connectivity::ConnectivityError>(())
/// ```
pub fn louvain(
    network: &AgencyNetwork,
    params: &LouvainParams,
) -> Result<Vec<Vec<usize>>, ConnectivityError> {
    if !(params.resolution > 0.0 && params.resolution.is_finite()) {
        return Err(ConnectivityError::InvalidOption {
            name: "resolution",
            value: params.resolution.to_string(),
            expected: "a positive number",
        });
    }
    if !(params.threshold >= 0.0 && params.threshold.is_finite()) {
        return Err(ConnectivityError::InvalidOption {
            name: "threshold",
            value: params.threshold.to_string(),
            expected: "zero or a positive number",
        });
    }
    let n = network.node_count();
    let mut level = Level {
        neighbors: (0..n)
            .map(|u| {
                network
                    .neighbors(u)
                    .iter()
                    .zip(network.neighbor_ties(u))
                    .map(|(&v, &t)| (v as usize, network.tie(t as usize).collaboration))
                    .collect()
            })
            .collect(),
        self_loop: vec![0.0; n],
        strength: vec![0.0; n],
    };
    let mut m = 0.0;
    for tie in network.ties() {
        level.strength[tie.a as usize] += tie.collaboration;
        level.strength[tie.b as usize] += tie.collaboration;
        m += tie.collaboration;
    }
    // Original agency → current top-level node.
    let mut assignment: Vec<usize> = (0..n).collect();
    if m > 0.0 {
        let mut rng = ChaCha8Rng::seed_from_u64(params.seed);
        let gamma = params.resolution;
        let singletons: Vec<usize> = (0..n).collect();
        let mut quality = level.modularity(&singletons, n, m, gamma);
        loop {
            let (community_of, communities, moved) = one_level(&level, m, gamma, &mut rng);
            // Without a move the renumbering is the identity, so mapping is harmless.
            for node in &mut assignment {
                *node = community_of[*node];
            }
            if !moved {
                break;
            }
            let new_quality = level.modularity(&community_of, communities, m, gamma);
            if new_quality - quality <= params.threshold {
                break;
            }
            quality = new_quality;
            level = level.aggregate(&community_of, communities);
        }
    }
    let top = assignment.iter().copied().max().map_or(0, |c| c + 1);
    let mut communities: Vec<Vec<usize>> = vec![Vec::new(); top];
    for (agency, &c) in assignment.iter().enumerate() {
        communities[c].push(agency);
    }
    communities.retain(|c| !c.is_empty());
    communities.sort_by_key(|c| c[0]);
    Ok(communities)
}

/// Moves nodes one at a time to the neighbouring community with the best modularity
/// gain until a full pass moves nothing. Returns (community of each node, renumbered
/// 0..k in order of first member; k; whether anything moved).
fn one_level(level: &Level, m: f64, gamma: f64, rng: &mut ChaCha8Rng) -> (Vec<usize>, usize, bool) {
    let n = level.neighbors.len();
    let mut community_of: Vec<usize> = (0..n).collect();
    let mut total: Vec<f64> = level.strength.clone();
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(rng);
    let mut weight_to = vec![0.0_f64; n];
    let mut is_touched = vec![false; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut moved = false;
    let two_m_squared = 2.0 * m * m;
    loop {
        let mut moves = 0;
        for &u in &order {
            let degree = level.strength[u];
            let current = community_of[u];
            for &(v, w) in &level.neighbors[u] {
                let c = community_of[v];
                if !is_touched[c] {
                    is_touched[c] = true;
                    touched.push(c);
                }
                weight_to[c] += w;
            }
            total[current] -= degree;
            let remove_cost =
                -weight_to[current] / m + gamma * total[current] * degree / two_m_squared;
            let mut best_gain = 0.0;
            let mut best = current;
            for &c in &touched {
                let gain =
                    remove_cost + weight_to[c] / m - gamma * total[c] * degree / two_m_squared;
                if gain > best_gain {
                    best_gain = gain;
                    best = c;
                }
            }
            total[best] += degree;
            for &c in &touched {
                weight_to[c] = 0.0;
                is_touched[c] = false;
            }
            touched.clear();
            if best != current {
                community_of[u] = best;
                moves += 1;
                moved = true;
            }
        }
        if moves == 0 {
            break;
        }
    }
    let mut renumber = vec![usize::MAX; n];
    let mut next = 0;
    for c in &mut community_of {
        if renumber[*c] == usize::MAX {
            renumber[*c] = next;
            next += 1;
        }
        *c = renumber[*c];
    }
    (community_of, next, moved)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Inventory, Meeting, Participant};

    #[test]
    fn rejects_a_partition_that_repeats_an_agency() {
        let mut m = Meeting::new("M1", "m");
        m.participants = vec![Participant::new("A", 1), Participant::new("B", 1)];
        let network = AgencyNetwork::build(&Inventory { meetings: vec![m], agencies: vec![] });
        assert!(matches!(
            modularity(&network, &[vec![0, 1], vec![1]], 1.0),
            Err(ConnectivityError::NotAPartition { node: 1 })
        ));
        assert!(modularity(&network, &[vec![0]], 1.0).is_err());
    }

    #[test]
    fn network_without_ties_gives_singletons_and_no_modularity() {
        let inventory = Inventory {
            meetings: vec![],
            agencies: vec![
                crate::model::Agency::new("A", "x"),
                crate::model::Agency::new("B", "y"),
            ],
        };
        let network = AgencyNetwork::build(&inventory);
        let communities = louvain(&network, &LouvainParams::default()).unwrap();
        assert_eq!(communities, vec![vec![0], vec![1]]);
        assert_eq!(modularity(&network, &communities, 1.0).unwrap(), None);
    }
}
