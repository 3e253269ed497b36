//! Structural weak points: articulation points (agencies whose departure splits the
//! network), bridges (ties whose loss splits it), isolated agencies and pendants
//! (Hopcroft & Tarjan 1973, via rustworkx-core; Wasserman & Faust 1994, §3.2).

use crate::graph::AgencyNetwork;

/// Agencies whose removal disconnects part of the network, ascending node index
/// (= by name). Computed by rustworkx-core's `articulation_points`.
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
    let mut points: Vec<usize> =
        rustworkx_core::connectivity::articulation_points(network.graph(), None)
            .into_iter()
            .map(|n| n.index())
            .collect();
    points.sort_unstable();
    points
}

/// Ties whose removal disconnects part of the network, as `(a, b)` with `a < b`, sorted.
/// Computed by rustworkx-core's `bridges`.
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
    let mut bridges: Vec<(usize, usize)> = rustworkx_core::connectivity::bridges(network.graph())
        .into_iter()
        .map(|(a, b)| {
            let (a, b) = (a.index(), b.index());
            (a.min(b), a.max(b))
        })
        .collect();
    bridges.sort_unstable();
    bridges
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
