//! Degree measures: how many agencies each agency meets, weighted by shared meetings and
//! by Newman's collaboration weight, and Freeman's degree centralization of the whole
//! network (Freeman 1978/79; Newman 2001).

use crate::graph::AgencyNetwork;

/// Degree figures of every agency, in node (name) order.
#[derive(Debug, Clone, PartialEq)]
pub struct DegreeMeasures {
    /// Agencies met.
    pub degree: Vec<usize>,
    /// Degree / (n − 1), as NetworkX's `degree_centrality` (0 for a one-agency network).
    pub degree_centrality: Vec<f64>,
    /// Σ over ties of shared meetings.
    pub weighted_degree: Vec<usize>,
    /// Σ over ties of collaboration weight: roughly how many "full working partners"
    /// an agency has once large meetings are discounted (Newman 2001).
    pub collaboration_strength: Vec<f64>,
}

/// Degree, degree centrality, weighted degree and collaboration strength.
///
/// ```
/// use kaigi::connectivity::degree_measures;
/// use kaigi::graph::AgencyNetwork;
/// use kaigi::model::{Inventory, Meeting, Participant};
/// let mut m = Meeting::new("M1", "m");
/// m.participants = vec![Participant::new("A", 1), Participant::new("B", 1), Participant::new("C", 1)];
/// let d = degree_measures(&AgencyNetwork::build(&Inventory { meetings: vec![m], agencies: vec![] }));
/// assert_eq!(d.degree, vec![2, 2, 2]);
/// assert_eq!(d.degree_centrality, vec![1.0, 1.0, 1.0]);
/// assert_eq!(d.collaboration_strength, vec![1.0, 1.0, 1.0]); // 2 ties × 1/2
/// ```
pub fn degree_measures(network: &AgencyNetwork) -> DegreeMeasures {
    let n = network.node_count();
    let degree: Vec<usize> = (0..n).map(|i| network.degree(i)).collect();
    let degree_centrality = if n > 1 {
        let scale = 1.0 / (n - 1) as f64;
        degree.iter().map(|&d| d as f64 * scale).collect()
    } else {
        vec![0.0; n]
    };
    let mut weighted_degree = vec![0; n];
    let mut collaboration_strength = vec![0.0; n];
    for i in 0..n {
        // Sum in neighbour order, as NetworkX does over its (name-sorted) adjacency.
        for &t in network.neighbor_ties(i) {
            let tie = network.tie(t as usize);
            weighted_degree[i] += tie.meeting_count();
            collaboration_strength[i] += tie.collaboration;
        }
    }
    DegreeMeasures { degree, degree_centrality, weighted_degree, collaboration_strength }
}

/// Freeman's degree centralization: Σ (d_max − d_i) / ((n − 1)(n − 2)), 1 for a star,
/// 0 when everyone meets equally many; 0 for fewer than three agencies.
///
/// ```
/// assert_eq!(kaigi::connectivity::degree_centralization(&[5, 1, 1, 1, 1, 1]), 1.0);
/// assert_eq!(kaigi::connectivity::degree_centralization(&[2, 2, 2]), 0.0);
/// ```
///
/// # Reference
/// Freeman, L. C. (1978/79). Centrality in social networks: conceptual clarification.
/// Social Networks 1, 215–239.
pub fn degree_centralization(degree: &[usize]) -> f64 {
    let n = degree.len();
    if n < 3 {
        return 0.0;
    }
    let max = degree.iter().copied().max().unwrap_or(0);
    let spread: usize = degree.iter().map(|&d| max - d).sum();
    spread as f64 / ((n - 1) * (n - 2)) as f64
}
