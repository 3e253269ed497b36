//! Burden: how meeting time is spread over agencies — hours per agency, the Gini
//! coefficient of those hours, and the agencies that carry the most meetings and hours.
//!
//! Written here: the Gini coefficient is a sort and a sum.
//!
//! Gini, C. (1912). Variabilità e mutabilità. The sorted-rank form used is the one in
//! Damgaard, C. & Weiner, J. (2000). Describing inequality in plant size or fecundity.
//! Ecology 81(4), 1139–1142.

/// Gini coefficient of non-negative values: 0 when every agency spends the same time in
/// meetings, towards 1 when a few agencies carry all of it; 0 when every value is 0.
///
/// Equals Σ_i Σ_j |x_i − x_j| / (2 n² mean), computed in O(n log n) through the sorted
/// ranks: 2 Σ_i i x_(i) / (n Σ x) − (n + 1)/n.
///
/// ```
/// assert_eq!(kaigi::connectivity::gini(&[1.0, 1.0, 1.0]), 0.0);
/// assert!((kaigi::connectivity::gini(&[0.0, 0.0, 0.0, 4.0]) - 0.75).abs() < 1e-15);
/// ```
pub fn gini(values: &[f64]) -> f64 {
    let n = values.len();
    let total: f64 = values.iter().sum();
    if n == 0 || total == 0.0 {
        return 0.0;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let ranked: f64 = sorted.iter().enumerate().map(|(i, x)| (i + 1) as f64 * x).sum();
    2.0 * ranked / (n as f64 * total) - (n as f64 + 1.0) / n as f64
}

/// The `top` agencies by a key, largest first, ties by node order (= by name); zeros
/// are left out (an agency in no meeting is not a burden).
///
/// ```
/// assert_eq!(kaigi::connectivity::top_by(&[3.0, 9.0, 0.0, 9.0], 2), vec![1, 3]);
/// ```
pub fn top_by(values: &[f64], top: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).filter(|&i| values[i] > 0.0).collect();
    order.sort_by(|&i, &j| values[j].total_cmp(&values[i]).then(i.cmp(&j)));
    order.truncate(top);
    order
}
