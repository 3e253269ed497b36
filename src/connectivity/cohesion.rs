//! Whole-network cohesion: density, connected components and clustering (Wasserman &
//! Faust 1994, ch. 4; Watts & Strogatz 1998 for clustering). The average shortest path
//! comes with the other path measures in `paths.rs`.

use crate::graph::AgencyNetwork;
use rayon::prelude::*;

/// Share of possible agency pairs that share a meeting: 2m / (n(n − 1)), as NetworkX's
/// `density` (0 for fewer than two agencies or no ties).
///
/// ```
/// assert_eq!(kaigi::connectivity::density(4, 3), 0.5);
/// ```
pub fn density(nodes: usize, ties: usize) -> f64 {
    if ties == 0 || nodes <= 1 {
        return 0.0;
    }
    // NetworkX divides first, then doubles; keep its order for identical bits.
    ties as f64 / (nodes * (nodes - 1)) as f64 * 2.0
}

/// Connected components as sorted node lists, ordered by size (largest first) and then
/// by first member, so the first is the "largest component" with NetworkX-independent
/// tie-breaking (the one whose first name sorts first).
///
/// A breadth-first search over the network's adjacency lists.
///
/// ```
/// use kaigi::connectivity::components;
/// use kaigi::graph::AgencyNetwork;
/// use kaigi::model::{Agency, Inventory, Meeting, Participant};
/// let mut m = Meeting::new("M1", "m");
/// m.participants = vec![Participant::new("B", 1), Participant::new("C", 1)];
/// let inventory = Inventory { meetings: vec![m], agencies: vec![Agency::new("A", "x")] };
/// assert_eq!(components(&AgencyNetwork::build(&inventory)), vec![vec![1, 2], vec![0]]);
/// ```
pub fn components(network: &AgencyNetwork) -> Vec<Vec<usize>> {
    let n = network.node_count();
    let mut seen = vec![false; n];
    let mut parts: Vec<Vec<usize>> = Vec::new();
    for start in 0..n {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut nodes = vec![start];
        let mut head = 0;
        while let Some(&v) = nodes.get(head) {
            head += 1;
            for &w in network.neighbors(v) {
                if !seen[w as usize] {
                    seen[w as usize] = true;
                    nodes.push(w as usize);
                }
            }
        }
        nodes.sort_unstable();
        parts.push(nodes);
    }
    parts.sort_by(|x, y| y.len().cmp(&x.len()).then(x[0].cmp(&y[0])));
    parts
}

/// Local clustering coefficient of every agency: the share of pairs of its partners that
/// also meet each other, 2T / (d(d − 1)); 0 below degree 2 (NetworkX's `clustering`).
///
/// Written here rather than taken from rustworkx-core, which offers only the global
/// transitivity, not per-node clustering.
///
/// ```
/// use kaigi::connectivity::clustering;
/// use kaigi::graph::AgencyNetwork;
/// use kaigi::model::{Inventory, Meeting, Participant};
/// let meeting = |id: &str, names: &[&str]| {
///     let mut m = Meeting::new(id, id);
///     m.participants = names.iter().map(|n| Participant::new(*n, 1)).collect();
///     m
/// };
/// // triangle A, B, C plus a pendant D on C
/// let inventory = Inventory { meetings: vec![meeting("M1", &["A", "B", "C"]), meeting("M2", &["C", "D"])], agencies: vec![] };
/// assert_eq!(clustering(&AgencyNetwork::build(&inventory)), vec![1.0, 1.0, 1.0 / 3.0, 0.0]);
/// ```
pub fn clustering(network: &AgencyNetwork) -> Vec<f64> {
    (0..network.node_count())
        .into_par_iter()
        .map_init(
            || vec![false; network.node_count()],
            |mark, v| {
                let neighbors = network.neighbors(v);
                let d = neighbors.len();
                if d < 2 {
                    return 0.0;
                }
                for &u in neighbors {
                    mark[u as usize] = true;
                }
                // Each triangle through v is seen twice (once from each partner).
                let mut twice_triangles = 0_u64;
                for &u in neighbors {
                    for &w in network.neighbors(u as usize) {
                        if mark[w as usize] {
                            twice_triangles += 1;
                        }
                    }
                }
                for &u in neighbors {
                    mark[u as usize] = false;
                }
                if twice_triangles == 0 {
                    0.0
                } else {
                    twice_triangles as f64 / (d * (d - 1)) as f64
                }
            },
        )
        .collect()
}

/// Mean of the local clustering coefficients over every agency, isolated ones counting 0.
pub fn average_clustering(clustering: &[f64]) -> f64 {
    if clustering.is_empty() {
        return 0.0;
    }
    clustering.iter().sum::<f64>() / clustering.len() as f64
}
