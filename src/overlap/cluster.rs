//! Agglomerative clustering of meetings with average linkage on distance 1 − score,
//! cut at a threshold, run one connected component at a time.
//!
//! With average linkage, two clusters merge at distance ≤ 1 − T only when the mean
//! score between them is ≥ T, which needs at least one pair scoring ≥ T. So every flat
//! cluster at cut T lies inside one connected component of the sparse graph of pairs
//! scoring ≥ T, and clustering each component alone gives the same flat clusters as
//! clustering the whole inventory (the test `components_give_the_global_clusters`
//! checks this). Only a component's condensed matrix is built, never one over the
//! whole inventory.

use kodama::{Method, linkage};
use serde::Serialize;

/// Slack for comparing scores with the threshold, so a pair scoring exactly T (after
/// rounding in the weighted sum) is not lost.
pub const EPSILON: f64 = 1e-9;

/// What clustering did, for the report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ClusteringStats {
    /// Components of the ≥ threshold graph with two or more meetings.
    pub components: usize,
    /// Meetings in the largest component.
    pub largest_component: usize,
    /// Components too large for one condensed matrix, split by raising their edge floor
    /// (see [`cluster_components`]).
    pub split_components: Vec<SplitComponent>,
}

/// A component that was split because it exceeded the size limit.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SplitComponent {
    /// Meetings in the component.
    pub meetings: usize,
    /// The edge floor that made every part fit.
    pub floor: f64,
}

/// Clusters meetings `0..n` given the edges (pairs `(a, b, score)`) that may join them
/// and a `score` function for any pair within a component.
///
/// # Arguments
/// - `edges`: every pair whose score is ≥ `threshold`; pairs not listed may still be
///   scored inside a component through `score`.
/// - `score(a, b)`: the pair score used for the condensed matrix, 0 for pairs that must
///   never join (tiers of one body, meetings sharing nobody).
/// - `max_component`: the largest component clustered with one condensed matrix
///   (n(n−1)/2 distances). A larger component is split by dropping its weakest edges,
///   raising the floor in steps of 0.01 above `threshold` until every part fits; this
///   can only split clusters, never join them, and the report names each such split.
///
/// # Returns
/// Clusters of two or more meetings, each sorted, ordered by their first meeting.
///
/// # Complexity
/// O(Σ c²) time and O(max c²) memory over components of c meetings (kodama's
/// nearest-neighbour chain for average linkage, Müllner 2011, "Modern hierarchical,
/// agglomerative clustering algorithms", arXiv:1109.2378).
///
/// # Example
/// ```
/// use kaigi::overlap::cluster_components;
/// // 0–1 and 2–3 are close, 1–2 weakly linked
/// let s = |a: usize, b: usize| match (a.min(b), a.max(b)) {
///     (0, 1) => 0.9, (2, 3) => 0.8, (1, 2) => 0.6, _ => 0.0,
/// };
/// let edges = [(0, 1, 0.9), (1, 2, 0.6), (2, 3, 0.8)];
/// let (clusters, _) = cluster_components(4, &edges, 0.5, 100, s);
/// // average linkage: {0,1}–{2,3} mean score (0 + 0 + 0.6 + 0) / 4 = 0.15 < 0.5
/// assert_eq!(clusters, vec![vec![0, 1], vec![2, 3]]);
/// ```
pub fn cluster_components(
    n: usize,
    edges: &[(usize, usize, f64)],
    threshold: f64,
    max_component: usize,
    score: impl Fn(usize, usize) -> f64,
) -> (Vec<Vec<usize>>, ClusteringStats) {
    let mut stats = ClusteringStats::default();
    let mut clusters = Vec::new();
    let strong: Vec<(usize, usize, f64)> =
        edges.iter().copied().filter(|&(_, _, s)| s >= threshold - EPSILON).collect();
    let mut pending: Vec<(Vec<usize>, f64)> =
        components(n, &strong).into_iter().map(|c| (c, threshold)).collect();
    stats.components = pending.len();
    stats.largest_component = pending.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    while let Some((members, floor)) = pending.pop() {
        if members.len() > max_component.max(2) {
            let (parts, raised) = split(&members, &strong, floor, max_component.max(2));
            stats.split_components.push(SplitComponent { meetings: members.len(), floor: raised });
            // Parts already fit; they are clustered below at the original threshold.
            pending.extend(parts.into_iter().map(|p| (p, raised)));
            continue;
        }
        clusters.extend(cluster_one(&members, threshold, &score));
    }
    clusters.sort();
    stats.split_components.sort_by_key(|split| std::cmp::Reverse(split.meetings));
    (clusters, stats)
}

/// Average linkage within one component, cut at distance 1 − threshold.
fn cluster_one(
    members: &[usize],
    threshold: f64,
    score: &impl Fn(usize, usize) -> f64,
) -> Vec<Vec<usize>> {
    let c = members.len();
    if c < 2 {
        return Vec::new();
    }
    let mut condensed = Vec::with_capacity(c * (c - 1) / 2);
    for i in 0..c {
        for j in i + 1..c {
            condensed.push(1.0 - score(members[i], members[j]).clamp(0.0, 1.0));
        }
    }
    let dendrogram = linkage(&mut condensed, c, Method::Average);
    let cut = 1.0 - threshold + EPSILON;
    // Cluster label c + k is made by step k; track a representative per label.
    let mut parent: Vec<usize> = (0..c).collect();
    let mut representative: Vec<usize> = (0..c).collect();
    for step in dendrogram.steps() {
        let (x, y) = (representative[step.cluster1], representative[step.cluster2]);
        // Average linkage is monotone, so every step above the cut comes after all
        // steps below it and nothing below it depends on one above.
        if step.dissimilarity <= cut {
            let (rx, ry) = (find(&mut parent, x), find(&mut parent, y));
            parent[rx.max(ry)] = rx.min(ry);
        }
        representative.push(x);
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (i, &member) in members.iter().enumerate() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(member);
    }
    groups.into_values().filter(|g| g.len() >= 2).collect()
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Connected components with two or more meetings, each sorted, ordered by first member.
fn components(n: usize, edges: &[(usize, usize, f64)]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..n).collect();
    for &(a, b, _) in edges {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        parent[ra.max(rb)] = ra.min(rb);
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    let mut touched: Vec<usize> = edges.iter().flat_map(|&(a, b, _)| [a, b]).collect();
    touched.sort_unstable();
    touched.dedup();
    for i in touched {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    groups.into_values().filter(|g| g.len() >= 2).collect()
}

/// Splits an oversized component by raising the edge floor until every part fits.
fn split(
    members: &[usize],
    edges: &[(usize, usize, f64)],
    floor: f64,
    limit: usize,
) -> (Vec<Vec<usize>>, f64) {
    let inside: std::collections::HashSet<usize> = members.iter().copied().collect();
    let mine: Vec<(usize, usize, f64)> = edges
        .iter()
        .copied()
        .filter(|(a, b, _)| inside.contains(a) && inside.contains(b))
        .collect();
    let mut raised = floor;
    loop {
        raised += 0.01;
        let kept: Vec<_> =
            mine.iter().copied().filter(|&(_, _, s)| s >= raised - EPSILON).collect();
        let mut n = 0;
        for &(a, b, _) in &kept {
            n = n.max(a + 1).max(b + 1);
        }
        let parts = components(n, &kept);
        if parts.iter().all(|p| p.len() <= limit) || raised > 1.0 {
            return (parts, raised);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn components_give_the_global_clusters() {
        // Random sparse scores: clustering the whole set at once and per component at
        // the threshold must give the same flat clusters.
        for seed in 0..20u64 {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            let n = 40;
            let mut table = vec![vec![0.0; n]; n];
            let pairs: Vec<(usize, usize)> =
                (0..n).flat_map(|a| (a + 1..n).map(move |b| (a, b))).collect();
            for (a, b) in pairs {
                if rng.random_bool(0.15) {
                    let s: f64 = rng.random_range(0.0..1.0);
                    table[a][b] = s;
                    table[b][a] = s;
                }
            }
            let score = |a: usize, b: usize| table[a][b];
            let edges: Vec<(usize, usize, f64)> = (0..n)
                .flat_map(|a| (a + 1..n).map(move |b| (a, b)))
                .filter(|&(a, b)| table[a][b] > 0.0)
                .map(|(a, b)| (a, b, table[a][b]))
                .collect();
            let threshold = 0.55;
            let (per_component, _) = cluster_components(n, &edges, threshold, 1_000, score);
            let everything: Vec<usize> = (0..n).collect();
            let mut global = cluster_one(&everything, threshold, &score);
            global.sort();
            assert_eq!(per_component, global, "seed {seed}");
        }
    }

    #[test]
    fn oversized_components_are_split_and_reported() {
        // a chain 0–1–2–3–4 with weakening links
        let edges = [(0, 1, 0.95), (1, 2, 0.7), (2, 3, 0.9), (3, 4, 0.92)];
        let s = |a: usize, b: usize| {
            edges.iter().find(|e| (e.0, e.1) == (a.min(b), a.max(b))).map_or(0.0, |e| e.2)
        };
        let (clusters, stats) = cluster_components(5, &edges, 0.6, 3, s);
        assert_eq!(stats.split_components.len(), 1);
        assert_eq!(stats.split_components[0].meetings, 5);
        assert!(clusters.iter().all(|c| c.len() <= 3));
        assert!(clusters.contains(&vec![0, 1]));
    }

    #[test]
    fn a_pair_exactly_at_the_threshold_clusters() {
        let (clusters, _) = cluster_components(2, &[(0, 1, 0.5)], 0.5, 10, |_, _| 0.5);
        assert_eq!(clusters, vec![vec![0, 1]]);
    }
}
