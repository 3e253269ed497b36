//! Tie strength: which projected ties are stronger than chance? The stochastic degree
//! sequence model (SDSM, Neal 2014) with the bipartite configuration model (BiCM,
//! Saracco et al. 2015) as null: every agency keeps its number of meetings and every
//! meeting its size *on average*; a tie is significant when its two agencies share more
//! meetings than that null makes plausible (exact Poisson-binomial tail, Holm 1979
//! correction over all ties).
//!
//! The BiCM is solved here by our own fixed-point iteration because no maintained Rust
//! crate fits it (the reference implementation is the Python `bicm` package). The
//! iteration runs on degree classes: agencies with equal numbers of meetings, and
//! meetings of equal size, get equal probabilities, so the system has one unknown per
//! distinct degree instead of one per agency and per meeting — a 20,000 × 20,000
//! incidence matrix collapses to a few dozen unknowns.
//!
//! * Neal, Z. (2014). The backbone of bipartite projections: inferring relationships
//!   from co-authorship, co-sponsorship, co-attendance and other co-behaviors. Social
//!   Networks 39, 84–97.
//! * Saracco, F., Di Clemente, R., Gabrielli, A. & Squartini, T. (2015). Randomizing
//!   bipartite networks: the case of the World Trade Web. Sci. Rep. 5, 10595.
//! * Holm, S. (1979). A simple sequentially rejective multiple test procedure. Scand. J.
//!   Statist. 6, 65–70.

use crate::connectivity::ConnectivityError;
use crate::graph::AgencyNetwork;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Backbone parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BackboneParams {
    /// Family-wise error rate for the Holm correction.
    pub alpha: f64,
    /// Fixed-point iterations allowed before giving up.
    pub max_iterations: usize,
    /// Largest acceptable gap between fitted and observed degrees, relative to the
    /// observed degree. Relative because an absolute gap of 1e-12 is below the rounding
    /// of a degree sum over 30,000 meetings: that fit never stopped.
    pub tolerance: f64,
}

impl Default for BackboneParams {
    fn default() -> Self {
        BackboneParams { alpha: 0.05, max_iterations: 1_000_000, tolerance: 1e-12 }
    }
}

/// Whether the null model could be fitted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BackboneStatus {
    /// Fitted; every tie has a p-value.
    Ok,
    /// The degrees force some attendances to certainty, so the BiCM has no finite
    /// solution and no p-values are given.
    Degenerate,
    /// The iteration did not reach the tolerance.
    NotConverged,
}

/// One projected tie under the null model.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct BackboneTie {
    /// Node index of the first agency.
    #[serde(skip)]
    pub a: usize,
    /// Node index of the second agency.
    #[serde(skip)]
    pub b: usize,
    /// Meetings the two share.
    pub observed: usize,
    /// Meetings they would share on average under the null: Σ_m p_am p_bm.
    pub expected: f64,
    /// P(X ≥ observed), X Poisson-binomial with success probabilities p_am p_bm.
    pub p_value: f64,
    /// Holm-adjusted p-value.
    pub p_holm: f64,
    /// Whether `p_holm ≤ alpha`.
    pub significant: bool,
}

/// The SDSM backbone of the agency projection.
#[derive(Debug, Clone, PartialEq)]
pub struct Backbone {
    /// Fit outcome.
    pub status: BackboneStatus,
    /// When the status is `Degenerate`: how many of the agencies with the most meetings
    /// fill every seat open to them (some attendances are then certain and the model has
    /// no finite solution). Reports phrase it; the library stays free of words.
    pub tight_agencies: Option<usize>,
    /// Agencies × meetings left to fit after fixing empty and full rows and columns.
    pub free_block: [usize; 2],
    /// Fixed-point iterations used.
    pub iterations: usize,
    /// Largest gap between fitted and observed degrees, relative to the observed degree.
    pub residual: f64,
    /// One entry per tie in tie order (empty unless the status is `Ok`).
    pub ties: Vec<BackboneTie>,
    row_class: Vec<usize>,
    column_class: Vec<usize>,
    probability: Vec<Vec<f64>>,
}

impl Backbone {
    /// Fitted probability that agency `agency` attends meeting `meeting` (input order).
    pub fn probability(&self, agency: usize, meeting: usize) -> f64 {
        self.probability[self.row_class[agency]][self.column_class[meeting]]
    }

    /// Significant ties as `(a, b)` node pairs, in tie order.
    pub fn significant(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.ties.iter().filter(|t| t.significant).map(|t| (t.a, t.b))
    }
}

/// How a row or column class left the free block.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fate {
    Free,
    /// All zero (p = 0) at this reduction round.
    Empty(usize),
    /// All one (p = 1) at this reduction round.
    Full(usize),
}

/// Distinct degrees with their multiplicities, and each item's class.
struct Classes {
    degree: Vec<usize>,
    count: Vec<usize>,
    class_of: Vec<usize>,
}

fn classes(degrees: impl Iterator<Item = usize>) -> Classes {
    let degrees: Vec<usize> = degrees.collect();
    let mut count_by_degree: BTreeMap<usize, usize> = BTreeMap::new();
    for &d in &degrees {
        *count_by_degree.entry(d).or_insert(0) += 1;
    }
    let degree: Vec<usize> = count_by_degree.keys().copied().collect();
    let count: Vec<usize> = count_by_degree.values().copied().collect();
    let class_of = degrees.iter().map(|d| degree.binary_search(d).unwrap_or(0)).collect();
    Classes { degree, count, class_of }
}

/// Fits the BiCM to the agency × meeting incidence and tests every tie.
///
/// # Errors
/// [`ConnectivityError::InvalidOption`] for `alpha` outside (0, 1), a tolerance that is
/// not positive, or zero iterations.
///
/// # Example
/// ```
/// use kaigi::connectivity::{sdsm_backbone, BackboneParams, BackboneStatus};
/// use kaigi::graph::AgencyNetwork;
/// use kaigi::model::{Inventory, Meeting, Participant};
/// let meeting = |id: &str, names: &[&str]| {
///     let mut m = Meeting::new(id, id);
///     m.participants = names.iter().map(|n| Participant::new(*n, 1)).collect();
///     m
/// };
/// // R attends both meetings (p = 1); in the free block P, Q, S × M1, M2 the fit gives
/// // p(·, M1) = 2/3 and p(·, M2) = 1/3, so P–Q has p-value 1 − (1 − 4/9)(1 − 1/9) = 41/81.
/// let inventory = Inventory {
///     meetings: vec![meeting("M1", &["P", "Q", "R"]), meeting("M2", &["R", "S"])],
///     agencies: vec![],
/// };
/// let backbone = sdsm_backbone(&AgencyNetwork::build(&inventory), &BackboneParams::default())?;
/// assert_eq!(backbone.status, BackboneStatus::Ok);
/// assert!((backbone.ties[0].p_value - 41.0 / 81.0).abs() < 1e-12);
/// assert_eq!(backbone.significant().count(), 0);
/// # Ok::<(), kaigi::connectivity::ConnectivityError>(())
/// ```
pub fn sdsm_backbone(
    network: &AgencyNetwork,
    params: &BackboneParams,
) -> Result<Backbone, ConnectivityError> {
    if !(params.alpha > 0.0 && params.alpha < 1.0) {
        return Err(ConnectivityError::InvalidOption {
            name: "alpha",
            value: params.alpha.to_string(),
            expected: "a number between 0 and 1",
        });
    }
    if !(params.tolerance > 0.0 && params.tolerance.is_finite()) || params.max_iterations == 0 {
        return Err(ConnectivityError::InvalidOption {
            name: "tolerance",
            value: format!("{} after {} iterations", params.tolerance, params.max_iterations),
            expected: "a positive tolerance and at least one iteration",
        });
    }
    let rows = classes((0..network.node_count()).map(|i| network.node(i).meetings));
    let columns = classes(network.members().map(<[u32]>::len));
    let (row_fate, column_fate, full_rows, full_columns) = reduce(&rows, &columns);

    let free_rows: Vec<usize> =
        (0..rows.degree.len()).filter(|&r| row_fate[r] == Fate::Free).collect();
    let free_columns: Vec<usize> =
        (0..columns.degree.len()).filter(|&c| column_fate[c] == Fate::Free).collect();
    let free_block = [
        free_rows.iter().map(|&r| rows.count[r]).sum(),
        free_columns.iter().map(|&c| columns.count[c]).sum(),
    ];
    let mut probability = vec![vec![0.0; columns.degree.len()]; rows.degree.len()];
    for r in 0..rows.degree.len() {
        for c in 0..columns.degree.len() {
            probability[r][c] = match (row_fate[r], column_fate[c]) {
                (Fate::Free, Fate::Free) => f64::NAN, // fitted below
                (Fate::Full(_), Fate::Free) | (Fate::Free, Fate::Full(_)) => 1.0,
                (Fate::Empty(_), Fate::Free) | (Fate::Free, Fate::Empty(_)) => 0.0,
                // Whichever left the block first decided the cell; in the same round
                // both kinds agree (an empty row cannot meet a full column).
                (row, column) => {
                    let (round_r, one_r) = fixed(row);
                    let (round_c, one_c) = fixed(column);
                    let one = if round_r <= round_c { one_r } else { one_c };
                    if one { 1.0 } else { 0.0 }
                }
            };
        }
    }
    let mut backbone = Backbone {
        status: BackboneStatus::Ok,
        tight_agencies: None,
        free_block,
        iterations: 0,
        residual: 0.0,
        ties: Vec::new(),
        row_class: rows.class_of.clone(),
        column_class: columns.class_of.clone(),
        probability,
    };
    if free_block[0] > 0 && free_block[1] > 0 {
        // Degrees inside the free block: every free row attends every full column, and
        // every free column seats every full row.
        let k: Vec<f64> =
            free_rows.iter().map(|&r| (rows.degree[r] - full_columns) as f64).collect();
        let nr: Vec<f64> = free_rows.iter().map(|&r| rows.count[r] as f64).collect();
        let d: Vec<f64> =
            free_columns.iter().map(|&c| (columns.degree[c] - full_rows) as f64).collect();
        let nc: Vec<f64> = free_columns.iter().map(|&c| columns.count[c] as f64).collect();
        if let Some(j) =
            tight_gale_ryser(&free_rows, &rows, full_columns, &free_columns, &columns, full_rows)
        {
            backbone.status = BackboneStatus::Degenerate;
            backbone.tight_agencies = Some(j);
            return Ok(backbone);
        }
        let fit = fit_bicm(&k, &nr, &d, &nc, params);
        backbone.iterations = fit.iterations;
        backbone.residual = fit.residual;
        if fit.residual > params.tolerance || !fit.residual.is_finite() {
            backbone.status = BackboneStatus::NotConverged;
            return Ok(backbone);
        }
        for (i, &r) in free_rows.iter().enumerate() {
            for (j, &c) in free_columns.iter().enumerate() {
                let xy = fit.x[i] * fit.y[j];
                backbone.probability[r][c] = xy / (1.0 + xy);
            }
        }
    }
    backbone.ties = test_ties(network, &backbone, &columns, params.alpha);
    Ok(backbone)
}

fn fixed(fate: Fate) -> (usize, bool) {
    match fate {
        Fate::Empty(round) => (round, false),
        Fate::Full(round) => (round, true),
        Fate::Free => (usize::MAX, false),
    }
}

/// Fixes all-zero and all-one rows and columns, repeatedly, as the `bicm` package does.
/// Returns the fate of each class and the numbers of full rows and full columns removed.
fn reduce(rows: &Classes, columns: &Classes) -> (Vec<Fate>, Vec<Fate>, usize, usize) {
    let mut row_fate = vec![Fate::Free; rows.degree.len()];
    let mut column_fate = vec![Fate::Free; columns.degree.len()];
    let mut rows_left: usize = rows.count.iter().sum();
    let mut columns_left: usize = columns.count.iter().sum();
    let (mut full_rows, mut full_columns) = (0, 0);
    for round in 0.. {
        if rows_left == 0 || columns_left == 0 {
            break;
        }
        // Every test of a round reads the block as it was when the round began.
        let (rows_at_start, columns_at_start) = (rows_left, columns_left);
        let (rows_gone, new_full_rows) =
            sweep(&mut row_fate, rows, full_columns, columns_at_start, round);
        let (columns_gone, new_full_columns) =
            sweep(&mut column_fate, columns, full_rows, rows_at_start, round);
        rows_left -= rows_gone;
        columns_left -= columns_gone;
        let changed = rows_gone + columns_gone > 0;
        if !changed {
            break;
        }
        full_rows += new_full_rows;
        full_columns += new_full_columns;
    }
    (row_fate, column_fate, full_rows, full_columns)
}

/// One side of a reduction round: fixes the free classes whose lines are empty or full
/// in the current block. Returns (lines fixed, lines fixed as full).
fn sweep(
    fate: &mut [Fate],
    classes: &Classes,
    full_across: usize,
    across_at_start: usize,
    round: usize,
) -> (usize, usize) {
    let (mut gone, mut full) = (0, 0);
    for ((fate, &degree), &count) in fate.iter_mut().zip(&classes.degree).zip(&classes.count) {
        if *fate != Fate::Free {
            continue;
        }
        // A free line crosses every full line of the other side.
        let sum = degree - full_across;
        if sum == 0 {
            *fate = Fate::Empty(round);
            gone += count;
        } else if sum == across_at_start {
            *fate = Fate::Full(round);
            gone += count;
            full += count;
        }
    }
    (gone, full)
}

/// Gale–Ryser check on the free block: if the j agencies with the most meetings already
/// fill every seat open to them (Σ_{i≤j} k_i = Σ_m min(d_m, j) for some 0 < j < rows),
/// those cells are forced to 0 or 1 in every matrix with these degrees, so the BiCM
/// probabilities would have to reach 0 or 1 and its parameters diverge. Returns that j.
/// (The fixed-point residual alone cannot tell: it still shrinks while the parameters run
/// off to infinity.)
fn tight_gale_ryser(
    free_rows: &[usize],
    rows: &Classes,
    full_columns: usize,
    free_columns: &[usize],
    columns: &Classes,
    full_rows: usize,
) -> Option<usize> {
    let mut row_degrees: Vec<(usize, usize)> =
        free_rows.iter().map(|&r| (rows.degree[r] - full_columns, rows.count[r])).collect();
    row_degrees.sort_unstable_by_key(|&(k, _)| std::cmp::Reverse(k));
    let column_degrees: Vec<(usize, usize)> =
        free_columns.iter().map(|&c| (columns.degree[c] - full_rows, columns.count[c])).collect();
    let total_rows: usize = row_degrees.iter().map(|(_, n)| n).sum();
    let mut left = 0_usize;
    let mut j = 0_usize;
    for &(k, n) in &row_degrees {
        for _ in 0..n {
            j += 1;
            left += k;
            if j == total_rows {
                return None;
            }
            let right: usize = column_degrees.iter().map(|&(d, m)| d.min(j) * m).sum();
            if left >= right {
                return Some(j);
            }
        }
    }
    None
}

struct Fit {
    x: Vec<f64>,
    y: Vec<f64>,
    iterations: usize,
    residual: f64,
}

/// The BiCM likelihood equations on classes: for each row class r (n_r agencies of
/// degree k_r) Σ_c n_c p_rc = k_r, for each column class c Σ_r n_r p_rc = d_c, with
/// p_rc = x_r y_c / (1 + x_r y_c). Fixed-point iteration
/// x_r ← k_r / Σ_c n_c y_c / (1 + x_r y_c), then y_c ← d_c / Σ_r n_r x_r / (1 + x_r y_c),
/// from the Chung–Lu start x = k/√E, y = d/√E (Saracco et al. 2015, 2017).
fn fit_bicm(k: &[f64], nr: &[f64], d: &[f64], nc: &[f64], params: &BackboneParams) -> Fit {
    let edges: f64 = k.iter().zip(nr).map(|(k, n)| k * n).sum();
    let root = edges.sqrt();
    let mut x: Vec<f64> = k.iter().map(|k| k / root).collect();
    let mut y: Vec<f64> = d.iter().map(|d| d / root).collect();
    let residual = |x: &[f64], y: &[f64]| -> f64 {
        let mut worst: f64 = 0.0;
        let mut column_sums = vec![0.0; y.len()];
        for r in 0..x.len() {
            let mut row_sum = 0.0;
            for c in 0..y.len() {
                let xy = x[r] * y[c];
                let p = xy / (1.0 + xy);
                row_sum += nc[c] * p;
                column_sums[c] += nr[r] * p;
            }
            worst = worst.max((row_sum - k[r]).abs() / k[r]);
        }
        for c in 0..y.len() {
            worst = worst.max((column_sums[c] - d[c]).abs() / d[c]);
        }
        worst
    };
    let mut iterations = 0;
    let mut gap = residual(&x, &y);
    while gap > params.tolerance && iterations < params.max_iterations {
        for r in 0..x.len() {
            let denominator: f64 = (0..y.len()).map(|c| nc[c] * y[c] / (1.0 + x[r] * y[c])).sum();
            x[r] = k[r] / denominator;
        }
        for c in 0..y.len() {
            let denominator: f64 = (0..x.len()).map(|r| nr[r] * x[r] / (1.0 + x[r] * y[c])).sum();
            y[c] = d[c] / denominator;
        }
        iterations += 1;
        // The residual costs as much as an iteration; checking every 16 keeps the
        // iteration count honest without doubling the work.
        if iterations % 16 == 0 || iterations == params.max_iterations {
            gap = residual(&x, &y);
        }
    }
    Fit { x, y, iterations, residual: gap }
}

/// Exact Poisson-binomial tails and Holm's step-down correction for every tie.
fn test_ties(
    network: &AgencyNetwork,
    backbone: &Backbone,
    columns: &Classes,
    alpha: f64,
) -> Vec<BackboneTie> {
    // Ties whose agencies fall in the same pair of row classes share one distribution:
    // compute each tail once, up to the largest count observed among them.
    let mut needed: HashMap<(usize, usize), usize> = HashMap::new();
    for tie in network.ties() {
        let key = class_pair(backbone, tie.a as usize, tie.b as usize);
        let entry = needed.entry(key).or_insert(0);
        *entry = (*entry).max(tie.meeting_count());
    }
    // Each pair of classes is independent: in parallel (thousands of pairs at 5,000
    // agencies); every tail is computed alone, so the figures do not depend on threads.
    let mut keys: Vec<(usize, usize)> = needed.keys().copied().collect();
    keys.sort_unstable();
    let tails: HashMap<(usize, usize), (f64, Vec<f64>)> = keys
        .par_iter()
        .map(|&key| {
            let (ra, rb) = key;
            let q: Vec<f64> = (0..columns.degree.len())
                .map(|c| backbone.probability[ra][c] * backbone.probability[rb][c])
                .collect();
            let expected: f64 = q.iter().zip(&columns.count).map(|(q, n)| q * *n as f64).sum();
            (key, (expected, poisson_binomial_tail(&q, &columns.count, needed[&key])))
        })
        .collect();
    let mut ties: Vec<BackboneTie> = network
        .ties()
        .map(|tie| {
            let (expected, tail) = &tails[&class_pair(backbone, tie.a as usize, tie.b as usize)];
            BackboneTie {
                a: tie.a as usize,
                b: tie.b as usize,
                observed: tie.meeting_count(),
                expected: *expected,
                p_value: tail[tie.meeting_count()],
                p_holm: 1.0,
                significant: false,
            }
        })
        .collect();
    let p: Vec<f64> = ties.iter().map(|t| t.p_value).collect();
    for (tie, adjusted) in ties.iter_mut().zip(holm(&p)) {
        tie.p_holm = adjusted;
        tie.significant = adjusted <= alpha;
    }
    ties
}

fn class_pair(backbone: &Backbone, a: usize, b: usize) -> (usize, usize) {
    let (ra, rb) = (backbone.row_class[a], backbone.row_class[b]);
    (ra.min(rb), ra.max(rb))
}

/// P(X ≥ j) for j = 0..=top, X a sum of independent Bernoulli(q_c) trials, `count[c]` of
/// each, by exact dynamic programming over the trials (Hong 2013 calls it the recursive
/// formula). Counts of `top` or more are pooled in one absorbing state, which keeps the
/// work at trials × top instead of trials².
///
/// ```
/// use kaigi::connectivity::poisson_binomial_tail;
/// // two fair coins: P(X ≥ 0) = 1, P(X ≥ 1) = 3/4, P(X ≥ 2) = 1/4
/// assert_eq!(poisson_binomial_tail(&[0.5], &[2], 2), vec![1.0, 0.75, 0.25]);
/// ```
pub fn poisson_binomial_tail(q: &[f64], count: &[usize], top: usize) -> Vec<f64> {
    // pmf[j] = P(X = j) for j < top, pmf[top] = P(X ≥ top).
    let mut pmf = vec![0.0; top + 1];
    pmf[0] = 1.0;
    for (&q, &n) in q.iter().zip(count) {
        if q == 0.0 {
            continue;
        }
        for _ in 0..n {
            if top == 0 {
                break;
            }
            pmf[top] += pmf[top - 1] * q;
            for j in (1..top).rev() {
                pmf[j] = pmf[j] * (1.0 - q) + pmf[j - 1] * q;
            }
            pmf[0] *= 1.0 - q;
        }
    }
    let mut tail = vec![0.0; top + 1];
    let mut running = 0.0;
    for j in (0..=top).rev() {
        running += pmf[j];
        tail[j] = running.min(1.0);
    }
    tail
}

/// Holm-adjusted p-values in input order: sort ascending, multiply the i-th smallest
/// (from 0) by (m − i), cap at 1 and carry the running maximum.
///
/// ```
/// let adjusted = kaigi::connectivity::holm(&[0.01, 0.04, 0.03]);
/// assert_eq!(adjusted, vec![0.03, 0.06, 0.06]);
/// ```
pub fn holm(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&i, &j| p[i].total_cmp(&p[j]).then(i.cmp(&j)));
    let mut adjusted = vec![0.0; m];
    let mut running: f64 = 0.0;
    for (rank, &i) in order.iter().enumerate() {
        running = running.max(((m - rank) as f64 * p[i]).min(1.0));
        adjusted[i] = running;
    }
    adjusted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Inventory, Meeting, Participant};

    #[test]
    fn the_fit_converges_when_one_agency_sits_in_twelve_thousand_meetings() {
        // One agency in 12,000 of 30,000 meetings, as the council of social welfare is in
        // the generated 30,000-meeting bench inventory: the rounding of its degree sum
        // (about 1.8e-12) is above an absolute tolerance of 1e-12, so an absolute test
        // ran all 1,000,000 iterations and discarded the backbone.
        let (k, nr) = ([12_000.0, 150.0, 61.0], [1.0, 1_000.0, 3_000.0]);
        let d: Vec<f64> = (2..=21).map(f64::from).collect();
        let nc = vec![1_500.0; d.len()];
        let params = BackboneParams::default();
        let fit = fit_bicm(&k, &nr, &d, &nc, &params);
        assert!(fit.residual <= params.tolerance, "residual {}", fit.residual);
        assert!(fit.iterations < 10_000, "{} iterations", fit.iterations);
        let row_sum = |r: usize| -> f64 {
            (0..d.len()).map(|c| nc[c] * fit.x[r] * fit.y[c] / (1.0 + fit.x[r] * fit.y[c])).sum()
        };
        assert!((row_sum(0) - 12_000.0).abs() < 1e-8);
        assert!((row_sum(2) - 61.0).abs() < 1e-11);
    }

    fn inventory(meetings: &[&[&str]]) -> Inventory {
        Inventory {
            meetings: meetings
                .iter()
                .enumerate()
                .map(|(i, names)| {
                    let mut m = Meeting::new(format!("M{i}"), "m");
                    m.participants = names.iter().map(|n| Participant::new(*n, 1)).collect();
                    m
                })
                .collect(),
            agencies: vec![],
        }
    }

    #[test]
    fn reports_degenerate_degrees_instead_of_numbers() {
        // Rows of degree 3, 3, 1, 1 over columns of size 3, 3, 1, 1: the two busy agencies
        // must fill both big meetings, which forces the small agencies out of the small ones.
        let inv = inventory(&[&["A", "B", "C"], &["A", "B", "D"], &["A"], &["B"]]);
        let backbone =
            sdsm_backbone(&AgencyNetwork::build(&inv), &BackboneParams::default()).unwrap();
        assert_eq!(backbone.status, BackboneStatus::Degenerate);
        assert!(backbone.ties.is_empty());
    }

    #[test]
    fn fixes_agencies_that_attend_every_meeting() {
        let inv = inventory(&[&["Hub", "L1"], &["Hub", "L2"], &["Hub", "L3"]]);
        let network = AgencyNetwork::build(&inv);
        let backbone = sdsm_backbone(&network, &BackboneParams::default()).unwrap();
        assert_eq!(backbone.status, BackboneStatus::Ok);
        assert_eq!(backbone.probability(0, 0), 1.0);
        assert!((backbone.probability(1, 2) - 1.0 / 3.0).abs() < 1e-12);
        // each leaf–hub tie: 1 − (2/3)^3
        let expected = 1.0 - (2.0_f64 / 3.0).powi(3);
        assert!(backbone.ties.iter().all(|t| (t.p_value - expected).abs() < 1e-12));
    }

    #[test]
    fn rejects_alpha_outside_the_unit_interval() {
        let network = AgencyNetwork::build(&inventory(&[&["A", "B"]]));
        let params = BackboneParams { alpha: 1.5, ..BackboneParams::default() };
        assert!(sdsm_backbone(&network, &params).is_err());
    }

    #[test]
    fn holm_is_monotone_and_capped() {
        assert_eq!(holm(&[0.5, 0.2]), vec![0.5, 0.4]);
        assert_eq!(holm(&[0.9, 0.9]), vec![1.0, 1.0]);
        assert!(holm(&[]).is_empty());
    }
}
