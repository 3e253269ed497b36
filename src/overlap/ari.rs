//! The adjusted Rand index: how well one partition of meetings recovers another.
//!
//! Used to check that the clusters kaigi finds recover the near-duplicate groups a
//! synthetic inventory planted (see [`crate::generate`]).

use std::collections::HashMap;
use std::hash::Hash;

/// Adjusted Rand index between two labelings of the same items (Hubert & Arabie 1985,
/// "Comparing partitions", *Journal of Classification* 2(1)).
///
/// Counts pairs of items: `tp` together in both labelings, `tn` apart in both, `fp` and
/// `fn` together in one only, then returns
/// `2 (tp·tn − fn·fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn))`, the same closed form
/// scikit-learn's `adjusted_rand_score` uses, including its convention that two
/// labelings with no disagreeing pair (for example both all singletons) score 1.0.
///
/// # Arguments
/// `truth` and `found` give one label per item, in the same item order; label values
/// only need to be comparable for equality.
///
/// # Returns
/// 1.0 for identical partitions (up to renaming), about 0.0 for a random one, negative
/// for worse than chance.
///
/// # Panics
/// When the two slices differ in length (a programming error, not a user input).
///
/// # Complexity
/// O(n) expected time with hashing.
///
/// # Example
/// ```
/// use kaigi::overlap::adjusted_rand_index;
/// assert_eq!(adjusted_rand_index(&[0, 0, 1, 1], &[5, 5, 9, 9]), 1.0);
/// // item 2 moved: tp 1, fn 1, fp 2, tn 2 → 2·(1·2 − 1·2) / … = 0, no better than chance
/// assert_eq!(adjusted_rand_index(&[0, 0, 1, 1], &[0, 0, 0, 1]), 0.0);
/// ```
pub fn adjusted_rand_index<A: Hash + Eq, B: Hash + Eq>(truth: &[A], found: &[B]) -> f64 {
    assert_eq!(truth.len(), found.len(), "both labelings must cover the same items");
    let n = truth.len() as i128;
    let mut cells: HashMap<(&A, &B), i128> = HashMap::new();
    let mut rows: HashMap<&A, i128> = HashMap::new();
    let mut columns: HashMap<&B, i128> = HashMap::new();
    for (a, b) in truth.iter().zip(found) {
        *cells.entry((a, b)).or_default() += 1;
        *rows.entry(a).or_default() += 1;
        *columns.entry(b).or_default() += 1;
    }
    let pairs = |k: i128| k * (k - 1) / 2;
    let together_both: i128 = cells.values().map(|&k| pairs(k)).sum();
    let together_truth: i128 = rows.values().map(|&k| pairs(k)).sum();
    let together_found: i128 = columns.values().map(|&k| pairs(k)).sum();
    let tp = together_both;
    let false_negative = together_truth - tp;
    let false_positive = together_found - tp;
    let tn = pairs(n) - tp - false_negative - false_positive;
    if false_negative == 0 && false_positive == 0 {
        return 1.0;
    }
    let numerator = 2 * (tp * tn - false_negative * false_positive);
    let denominator = (tp + false_negative) * (false_negative + tn)
        + (tp + false_positive) * (false_positive + tn);
    numerator as f64 / denominator as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_partitions_score_one_whatever_the_labels() {
        assert_eq!(adjusted_rand_index(&["a", "a", "b", "c"], &[3, 3, 1, 2]), 1.0);
        assert_eq!(adjusted_rand_index(&[0, 1, 2], &[7, 8, 9]), 1.0);
        assert_eq!(adjusted_rand_index::<u8, u8>(&[], &[]), 1.0);
    }

    #[test]
    fn hand_computed_values() {
        // truth {0,1}{2,3}, found {0,1,2}{3}: tp 1, fn 1, fp 2, tn 2
        // 2(1·2 − 1·2) / ((1+1)(1+2) + (1+2)(2+2)) = 0
        assert_eq!(adjusted_rand_index(&[0, 0, 1, 1], &[0, 0, 0, 1]), 0.0);
        // truth {0,1,2}{3,4,5}, found {0,1}{2,3}{4,5}: tp 2, fn 4, fp 1, tn 8
        // 2(2·8 − 4·1) / ((2+4)(4+8) + (2+1)(1+8)) = 24 / 99
        let ari = adjusted_rand_index(&[0, 0, 0, 1, 1, 1], &[0, 0, 1, 1, 2, 2]);
        assert!((ari - 24.0 / 99.0).abs() < 1e-12, "{ari}");
        // everything together vs everything apart: tp 0, fn 3, fp 0, tn 0 → 0
        assert_eq!(adjusted_rand_index(&[0, 0, 0], &[0, 1, 2]), 0.0);
    }

    #[test]
    fn worse_than_chance_is_negative() {
        // truth {0,1}{2,3}, found {0,2}{1,3}: tp 0, fn 2, fp 2, tn 2 → 2(0 − 4)/(2·4 + 2·4)
        assert_eq!(adjusted_rand_index(&[0, 0, 1, 1], &[0, 1, 0, 1]), -0.5);
    }
}
