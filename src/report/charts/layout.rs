//! Force-directed placement of the agency network (Fruchterman & Reingold 1991).

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Rounds of displacement; the temperature falls linearly to 0 over them.
const ITERATIONS: usize = 300;
/// Above this many nodes repulsion uses the grid variant.
const GRID_THRESHOLD: usize = 400;
/// Pull towards the centre, as a share of k per unit of distance: Gephi's
/// Fruchterman–Reingold uses the same weak gravity so that separate components stay
/// in view instead of drifting apart.
const GRAVITY: f64 = 0.1;
/// Starting temperature: the furthest a node may move in one round, a tenth of the frame
/// as Fruchterman and Reingold suggest.
const START_TEMPERATURE: f64 = 0.1;

/// Positions for `n` nodes in the unit square by the force-directed algorithm of
/// Fruchterman and Reingold: connected nodes attract with force d²/k, every pair repels
/// with force k²/d, and a cooling temperature caps how far a node moves each round.
///
/// # Arguments
///
/// * `n` — number of nodes.
/// * `edges` — `(a, b, weight)`: attraction is scaled by `(1 + weight / max weight) / 2`. Edges
///   naming a node ≥ `n`, self-loops and non-positive or non-finite weights are ignored.
/// * `fixed` — `fixed[i] = Some((x, y))` pins node `i` there (clamped into [0, 1]²), so
///   an annual review can draw agencies present in both years in the same place; `None`
///   or a missing entry (a shorter slice) leaves it free.
/// * `seed` — seeds the `ChaCha8Rng` that scatters free nodes at the start.
///
/// # Returns
///
/// One `(x, y)` per node, in [0, 1]². Without fixed nodes the drawing is scaled (keeping
/// its aspect) and centred to fill the square; with fixed nodes nothing is rescaled, so
/// pinned nodes stay exactly where they were put. The same input and seed give the same
/// output, bit for bit.
///
/// # Complexity
///
/// O(I·(n² + m)) for up to 400 nodes; above, the grid variant makes a round cost about
/// n times the number of nodes within 2k of a node, plus m; I is 300 rounds and m the
/// number of edges. Measured in a release build on 2 cores: 400 nodes about 0.2 s;
/// 2,000 nodes in clusters of 20 about 0.8 s, 2,000 nodes on a ring with random chords
/// (which packs densely) about 1.8 s.
///
/// # Example
///
/// ```
/// use kaigi::report::charts::force_layout;
/// let edges = [(0, 1, 1.0), (1, 2, 1.0)];
/// let fixed = [Some((0.25, 0.5)), None, None];
/// let positions = force_layout(3, &edges, &fixed, 7);
/// assert_eq!(positions[0], (0.25, 0.5));
/// assert!(positions.iter().all(|&(x, y)| (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y)));
/// assert_eq!(positions, force_layout(3, &edges, &fixed, 7));
/// ```
///
/// # Reference
///
/// T. M. J. Fruchterman and E. M. Reingold (1991), "Graph drawing by force-directed
/// placement", *Software: Practice and Experience* 21(11), 1129–1164.
pub fn force_layout(
    n: usize,
    edges: &[(usize, usize, f64)],
    fixed: &[Option<(f64, f64)>],
    seed: u64,
) -> Vec<(f64, f64)> {
    if n == 0 {
        return Vec::new();
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let pinned: Vec<bool> = (0..n).map(|i| matches!(fixed.get(i), Some(Some(_)))).collect();
    let mut positions: Vec<(f64, f64)> = (0..n)
        .map(|i| match fixed.get(i) {
            Some(Some((x, y))) => (clamp_unit(*x), clamp_unit(*y)),
            _ => (rng.random::<f64>(), rng.random::<f64>()),
        })
        .collect();
    if pinned.iter().all(|&p| p) {
        return positions;
    }
    let any_pinned = pinned.iter().any(|&p| p);
    if n == 1 {
        return vec![(0.5, 0.5)];
    }

    let max_weight =
        edges.iter().filter(|e| e.2.is_finite() && e.2 > 0.0).fold(0.0f64, |m, e| m.max(e.2));
    let springs: Vec<(usize, usize, f64)> = edges
        .iter()
        .filter(|&&(a, b, w)| a < n && b < n && a != b && w.is_finite() && w > 0.0)
        // Half the pull for every link, half by weight: weak links stay visibly links
        // instead of stretching across the drawing.
        .map(|&(a, b, w)| (a, b, 0.5 + 0.5 * w / max_weight))
        .collect();

    // Ideal distance between nodes: the frame's area shared evenly (C = 1 in the paper).
    let k = (1.0 / n as f64).sqrt();
    let mut displacement = vec![(0.0, 0.0); n];
    for round in 0..ITERATIONS {
        displacement.fill((0.0, 0.0));
        if n <= GRID_THRESHOLD {
            repel_all_pairs(&positions, k, &mut displacement);
        } else {
            repel_grid(&positions, k, &mut displacement);
        }
        for &(a, b, w) in &springs {
            let (dx, dy, d) = delta(positions[a], positions[b], a, b);
            let force = w * d * d / k;
            displacement[a].0 -= dx / d * force;
            displacement[a].1 -= dy / d * force;
            displacement[b].0 += dx / d * force;
            displacement[b].1 += dy / d * force;
        }
        let temperature = START_TEMPERATURE * (1.0 - round as f64 / ITERATIONS as f64);
        for i in 0..n {
            if pinned[i] {
                continue;
            }
            let (gx, gy) = (0.5 - positions[i].0, 0.5 - positions[i].1);
            let (dx, dy) =
                (displacement[i].0 + GRAVITY * k * gx, displacement[i].1 + GRAVITY * k * gy);
            let length = (dx * dx + dy * dy).sqrt();
            if length > 0.0 {
                let step = length.min(temperature);
                let (x, y) =
                    (positions[i].0 + dx / length * step, positions[i].1 + dy / length * step);
                // Pinned nodes fix the frame, so free ones must stay inside it (the paper's
                // frame); otherwise the drawing is rescaled at the end and may roam.
                positions[i] = if any_pinned { (clamp_unit(x), clamp_unit(y)) } else { (x, y) };
            }
        }
    }
    if any_pinned { positions } else { fill_unit_square(positions) }
}

fn clamp_unit(v: f64) -> f64 {
    if v.is_finite() { v.clamp(0.0, 1.0) } else { 0.5 }
}

/// Vector from `q` to `p` and its length; coincident nodes get a tiny push that depends
/// only on their indices, so the result stays deterministic.
fn delta(p: (f64, f64), q: (f64, f64), i: usize, j: usize) -> (f64, f64, f64) {
    let (dx, dy) = (p.0 - q.0, p.1 - q.1);
    let d = (dx * dx + dy * dy).sqrt();
    if d > 1e-9 {
        (dx, dy, d)
    } else {
        let sign = if i > j { 1.0 } else { -1.0 };
        let (dx, dy) = (sign * 1e-6, sign * 0.5e-6);
        (dx, dy, (dx * dx + dy * dy).sqrt())
    }
}

fn repel_all_pairs(positions: &[(f64, f64)], k: f64, displacement: &mut [(f64, f64)]) {
    for i in 0..positions.len() {
        for j in i + 1..positions.len() {
            let (dx, dy, d) = delta(positions[i], positions[j], i, j);
            let force = k * k / d;
            displacement[i].0 += dx / d * force;
            displacement[i].1 += dy / d * force;
            displacement[j].0 -= dx / d * force;
            displacement[j].1 -= dy / d * force;
        }
    }
}

/// The paper's grid variant: the frame is cut into squares of side 2k and a node is
/// repelled only by nodes in its own and the eight neighbouring squares within 2k.
/// Repulsion k²/d from further away is weak and nearly cancels out, and all pairs would
/// cost n² per round — 4 million pair forces for 2,000 agencies, 300 times. We chose
/// the grid over Barnes–Hut because it is the paper's own approximation, needs no tree,
/// and its cost is linear when nodes are spread over the frame as the layout makes them.
fn repel_grid(positions: &[(f64, f64)], k: f64, displacement: &mut [(f64, f64)]) {
    let reach = 2.0 * k;
    // The grid covers the drawing as it is now: without pinned nodes it is not held in
    // the unit square, and piling outliers into border cells would bring back n².
    let (mut min_x, mut min_y, mut max_x, mut max_y) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in positions {
        (min_x, min_y, max_x, max_y) = (min_x.min(x), min_y.min(y), max_x.max(x), max_y.max(y));
    }
    // Cells at least `reach` wide, and at most 1,024 a side so a sprawling drawing cannot
    // ask for a huge grid.
    let cell = reach.max((max_x - min_x).max(max_y - min_y) / 1024.0);
    let columns = (((max_x - min_x) / cell) as usize + 1).min(1024);
    let rows = (((max_y - min_y) / cell) as usize + 1).min(1024);
    let column_of = |x: f64| (((x - min_x) / cell) as usize).min(columns - 1);
    let row_of = |y: f64| (((y - min_y) / cell) as usize).min(rows - 1);
    let mut grid: Vec<Vec<usize>> = vec![Vec::new(); columns * rows];
    for (i, &(x, y)) in positions.iter().enumerate() {
        grid[row_of(y) * columns + column_of(x)].push(i);
    }
    for (i, &p) in positions.iter().enumerate() {
        let (cx, cy) = (column_of(p.0), row_of(p.1));
        for gy in cy.saturating_sub(1)..=(cy + 1).min(rows - 1) {
            for gx in cx.saturating_sub(1)..=(cx + 1).min(columns - 1) {
                for &j in &grid[gy * columns + gx] {
                    if j == i {
                        continue;
                    }
                    let (dx, dy, d) = delta(p, positions[j], i, j);
                    if d < reach {
                        let force = k * k / d;
                        displacement[i].0 += dx / d * force;
                        displacement[i].1 += dy / d * force;
                    }
                }
            }
        }
    }
}

/// Scales and centres the drawing to fill [0, 1]², keeping its aspect ratio.
fn fill_unit_square(positions: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let (mut min_x, mut min_y, mut max_x, mut max_y) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for &(x, y) in &positions {
        (min_x, min_y, max_x, max_y) = (min_x.min(x), min_y.min(y), max_x.max(x), max_y.max(y));
    }
    let span = (max_x - min_x).max(max_y - min_y);
    if span <= 0.0 {
        return vec![(0.5, 0.5); positions.len()];
    }
    let (pad_x, pad_y) =
        ((1.0 - (max_x - min_x) / span) / 2.0, (1.0 - (max_y - min_y) / span) / 2.0);
    positions
        .into_iter()
        .map(|(x, y)| {
            (clamp_unit((x - min_x) / span + pad_x), clamp_unit((y - min_y) / span + pad_y))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn in_bounds(positions: &[(f64, f64)]) -> bool {
        positions.iter().all(|&(x, y)| (0.0..=1.0).contains(&x) && (0.0..=1.0).contains(&y))
    }

    fn distance(p: (f64, f64), q: (f64, f64)) -> f64 {
        ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2)).sqrt()
    }

    /// Two 5-cliques joined by one edge.
    fn barbell() -> Vec<(usize, usize, f64)> {
        let mut edges = Vec::new();
        for offset in [0, 5] {
            for a in 0..5 {
                for b in a + 1..5 {
                    edges.push((offset + a, offset + b, 1.0));
                }
            }
        }
        edges.push((4, 5, 1.0));
        edges
    }

    #[test]
    fn layout_is_deterministic_for_a_seed_and_varies_with_it() {
        let edges = barbell();
        let a = force_layout(10, &edges, &[], 42);
        assert_eq!(a, force_layout(10, &edges, &[], 42));
        assert_ne!(a, force_layout(10, &edges, &[], 43));
    }

    #[test]
    fn layout_keeps_fixed_nodes_exactly_where_they_were_put() {
        let edges = barbell();
        let mut fixed = vec![None; 10];
        fixed[0] = Some((0.1, 0.9));
        fixed[7] = Some((0.8, 0.2));
        let positions = force_layout(10, &edges, &fixed, 1);
        assert_eq!(positions[0], (0.1, 0.9));
        assert_eq!(positions[7], (0.8, 0.2));
        assert!(in_bounds(&positions));
    }

    #[test]
    fn layout_clamps_fixed_positions_outside_the_square() {
        let positions = force_layout(2, &[], &[Some((1.5, -0.5)), None], 1);
        assert_eq!(positions[0], (1.0, 0.0));
    }

    #[test]
    fn layout_fills_the_unit_square_and_separates_the_two_cliques() {
        let positions = force_layout(10, &barbell(), &[], 3);
        assert!(in_bounds(&positions));
        let span = |axis: fn(&(f64, f64)) -> f64| {
            let values: Vec<f64> = positions.iter().map(axis).collect();
            values.iter().cloned().fold(f64::MIN, f64::max)
                - values.iter().cloned().fold(f64::MAX, f64::min)
        };
        assert!((span(|p| p.0).max(span(|p| p.1)) - 1.0).abs() < 1e-9);
        let within = distance(positions[0], positions[1]);
        let across = distance(positions[0], positions[9]);
        assert!(within < across, "clique members {within} apart, across {across}");
    }

    #[test]
    fn layout_handles_no_nodes_one_node_and_bad_edges() {
        assert!(force_layout(0, &[], &[], 1).is_empty());
        assert_eq!(force_layout(1, &[], &[], 1), vec![(0.5, 0.5)]);
        let bad = [(0, 9, 1.0), (1, 1, 1.0), (0, 1, f64::NAN), (0, 1, -2.0)];
        let positions = force_layout(3, &bad, &[], 1);
        assert!(in_bounds(&positions));
        assert!(positions.iter().all(|p| p.0.is_finite() && p.1.is_finite()));
    }

    #[test]
    fn layout_of_two_thousand_nodes_uses_the_grid_and_stays_in_bounds() {
        let n = 2_000;
        // A ring with chords: one connected component, sparse like an agency network.
        let edges: Vec<_> =
            (0..n).flat_map(|i| [(i, (i + 1) % n, 1.0), (i, (i * 7 + 3) % n, 0.5)]).collect();
        let mut fixed = vec![None; n];
        fixed[10] = Some((0.5, 0.5));
        let started = std::time::Instant::now();
        let positions = force_layout(n, &edges, &fixed, 9);
        assert!(started.elapsed().as_secs() < 60, "took {:?}", started.elapsed());
        assert_eq!(positions.len(), n);
        assert_eq!(positions[10], (0.5, 0.5));
        assert!(in_bounds(&positions));
        // Spread out, not collapsed on a point or a border.
        let inside = positions.iter().filter(|p| p.0 > 0.02 && p.0 < 0.98).count();
        assert!(inside > n / 2, "{inside} of {n} nodes away from the left and right edges");
    }
}
