//! Structural weak points: articulation points (agencies whose departure splits the
//! network), bridges (ties whose loss splits it), isolated agencies and pendants
//! (Hopcroft & Tarjan 1973; Wasserman & Faust 1994, §3.2).

use crate::graph::AgencyNetwork;

/// Agencies whose removal disconnects part of the network, ascending node index
/// (= by name), by Hopcroft and Tarjan's depth-first search over the network's
/// adjacency lists (checked against rustworkx-core's `articulation_points` in the tests).
///
/// ```
/// use kaigi::connectivity::articulation_points;
/// use kaigi::graph::AgencyNetwork;
/// use kaigi::model::{Inventory, Meeting, Participant};
/// let meeting = |id: &str, a: &str, b: &str| {
///     let mut m = Meeting::new(id, id);
///     m.participants = vec![Participant::new(a, 1), Participant::new(b, 1)];
///     m
/// };
/// let inventory = Inventory { meetings: vec![meeting("M1", "A", "B"), meeting("M2", "B", "C")], agencies: vec![] };
/// assert_eq!(articulation_points(&AgencyNetwork::build(&inventory)), vec![1]);
/// ```
pub fn articulation_points(network: &AgencyNetwork) -> Vec<usize> {
    cut_points_and_bridges(network).0
}

/// Ties whose removal disconnects part of the network, as `(a, b)` with `a < b`, sorted.
/// Found by the same depth-first search as [`articulation_points`].
///
/// ```
/// use kaigi::connectivity::bridges;
/// use kaigi::graph::AgencyNetwork;
/// use kaigi::model::{Inventory, Meeting, Participant};
/// let mut m = Meeting::new("M1", "m");
/// m.participants = vec![Participant::new("A", 1), Participant::new("B", 1)];
/// assert_eq!(bridges(&AgencyNetwork::build(&Inventory { meetings: vec![m], agencies: vec![] })), vec![(0, 1)]);
/// ```
pub fn bridges(network: &AgencyNetwork) -> Vec<(usize, usize)> {
    cut_points_and_bridges(network).1
}

/// Articulation points (ascending) and bridges (`(a, b)`, `a < b`, sorted) in one
/// iterative depth-first search (Hopcroft & Tarjan 1973) over the compressed adjacency:
/// no recursion, so a long chain of agencies cannot overflow the stack, and no hashing.
/// Written here rather than taken from rustworkx-core because its version needs the
/// petgraph graph, which the connectivity analysis no longer builds, and hash sets of
/// nodes (3.3× igraph's time at 20,000 meetings; now 0.29×, BENCHMARKS.md).
fn cut_points_and_bridges(network: &AgencyNetwork) -> (Vec<usize>, Vec<(usize, usize)>) {
    const UNSEEN: u32 = u32::MAX;
    let n = network.node_count();
    // Discovery time and low-link of every node; `next[v]` is how far v's adjacency
    // list has been walked.
    let mut discovered = vec![UNSEEN; n];
    let mut low = vec![0_u32; n];
    let mut next = vec![0_usize; n];
    let mut is_cut = vec![false; n];
    let mut bridges = Vec::new();
    // (node, parent) frames; the parent is UNSEEN at a root.
    let mut stack: Vec<(u32, u32)> = Vec::new();
    let mut clock = 0_u32;
    for root in 0..n {
        if discovered[root] != UNSEEN {
            continue;
        }
        discovered[root] = clock;
        low[root] = clock;
        clock += 1;
        let mut root_children = 0;
        stack.push((root as u32, UNSEEN));
        while let Some(&(v, parent)) = stack.last() {
            let v = v as usize;
            let neighbours = network.neighbors(v);
            if let Some(&w) = neighbours.get(next[v]) {
                next[v] += 1;
                let w_index = w as usize;
                if discovered[w_index] == UNSEEN {
                    discovered[w_index] = clock;
                    low[w_index] = clock;
                    clock += 1;
                    if v == root {
                        root_children += 1;
                    }
                    stack.push((w, v as u32));
                } else if w != parent {
                    // Projection ties are simple (one per pair), so skipping the parent
                    // by node skips exactly the tie we came along.
                    low[v] = low[v].min(discovered[w_index]);
                }
                continue;
            }
            stack.pop();
            if parent != UNSEEN {
                let p = parent as usize;
                low[p] = low[p].min(low[v]);
                if low[v] > discovered[p] {
                    bridges.push((p.min(v), p.max(v)));
                }
                if p != root && low[v] >= discovered[p] {
                    is_cut[p] = true;
                }
            }
        }
        if root_children > 1 {
            is_cut[root] = true;
        }
    }
    let points = (0..n).filter(|&v| is_cut[v]).collect();
    bridges.sort_unstable();
    (points, bridges)
}

/// Agencies of the given degree, ascending: degree 0 gives the isolated agencies (in no
/// meeting with anyone), degree 1 the pendants (reachable only through one other agency).
///
/// ```
/// assert_eq!(kaigi::connectivity::agencies_of_degree(&[0, 1, 2, 1], 1), vec![1, 3]);
/// ```
pub fn agencies_of_degree(degree: &[usize], wanted: usize) -> Vec<usize> {
    degree.iter().enumerate().filter(|(_, d)| **d == wanted).map(|(i, _)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Inventory;

    /// Sparse random inventories: many small meetings among few agencies, so chains,
    /// trees, cycles and several components all occur.
    fn random_inventory(seed: u64, agencies: usize, meetings: usize) -> Inventory {
        crate::connectivity::random_inventory(seed, agencies, meetings, 3)
    }

    #[test]
    fn cut_points_and_bridges_match_rustworkx_core_on_random_graphs() {
        let mut found = (0, 0);
        for seed in 0..40 {
            let network = AgencyNetwork::build(&random_inventory(seed, 40, 10 + seed as usize));
            let mut points: Vec<usize> =
                rustworkx_core::connectivity::articulation_points(network.graph(), None)
                    .into_iter()
                    .map(|n| n.index())
                    .collect();
            points.sort_unstable();
            let mut want: Vec<(usize, usize)> =
                rustworkx_core::connectivity::bridges(network.graph())
                    .into_iter()
                    .map(|(a, b)| (a.index().min(b.index()), a.index().max(b.index())))
                    .collect();
            want.sort_unstable();
            assert_eq!(articulation_points(&network), points, "seed {seed}");
            assert_eq!(bridges(&network), want, "seed {seed}");
            let mut parts: Vec<Vec<usize>> =
                rustworkx_core::connectivity::connected_components(network.graph())
                    .into_iter()
                    .map(|set| {
                        let mut nodes: Vec<usize> = set.into_iter().map(|n| n.index()).collect();
                        nodes.sort_unstable();
                        nodes
                    })
                    .collect();
            parts.sort_by(|x, y| y.len().cmp(&x.len()).then(x[0].cmp(&y[0])));
            assert_eq!(crate::connectivity::components(&network), parts, "seed {seed}");
            found.0 += points.len();
            found.1 += want.len();
        }
        // The comparison means something only if the graphs have both.
        assert!(found.0 > 40 && found.1 > 40, "{found:?}");
    }
}
