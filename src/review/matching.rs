//! Which meeting of last year is which meeting of this year: the same id first, then the
//! most similar name, one to one.
//!
//! Inventories are retyped every year, so a meeting keeps its id but may gain a bracket
//! or a full-width character, and a meeting without an id column gets its row number as
//! its id. Ids are therefore trusted first (when asked to), and the rest are paired by a
//! name similarity that ignores width and spacing.

use crate::model::Meeting;
use crate::model::name_key;
use serde::Serialize;
use std::collections::HashMap;

/// Lowest name similarity at which two meetings are taken to be the same meeting, renamed.
///
/// 0.6 on the character-bigram Dice coefficient keeps a meeting that gained or lost a
/// bracketed qualifier (`支援調整会議` → `支援調整会議（生活困窮）`, 0.63) and rejects a
/// different body that shares a key word (`権利擁護ネットワーク会議` against
/// `権利擁護支援地域連携ネットワーク協議会`, 0.55).
pub const DEFAULT_NAME_THRESHOLD: f64 = 0.6;

/// How a pair of meetings was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    /// Same id in both years.
    Id,
    /// Similar names (see [`name_similarity`]).
    Name,
}

/// One meeting found in both years.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct MeetingPair {
    /// Index into last year's meetings.
    #[serde(skip)]
    pub before: usize,
    /// Index into this year's meetings.
    #[serde(skip)]
    pub after: usize,
    /// Last year's id.
    pub before_id: String,
    /// This year's id.
    pub after_id: String,
    /// Last year's name.
    pub before_name: String,
    /// This year's name.
    pub after_name: String,
    /// How the two were paired.
    pub matched_by: MatchedBy,
    /// Name similarity (1 for the same name).
    pub similarity: f64,
}

/// The pairing of two years' meetings.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Matching {
    /// Pairs, in this year's input order.
    pub pairs: Vec<MeetingPair>,
    /// Last year's meetings without a partner (indices, input order).
    pub removed: Vec<usize>,
    /// This year's meetings without a partner (indices, input order).
    pub added: Vec<usize>,
}

/// Character bigrams of a name key, as a multiset; a one-character name is its own
/// unigram so that it can still match itself.
fn bigrams(key: &str) -> HashMap<(char, char), usize> {
    let chars: Vec<char> = key.chars().collect();
    let mut grams = HashMap::new();
    if chars.len() == 1 {
        grams.insert((chars[0], '\0'), 1);
    }
    for pair in chars.windows(2) {
        *grams.entry((pair[0], pair[1])).or_insert(0) += 1;
    }
    grams
}

fn dice(a: &HashMap<(char, char), usize>, b: &HashMap<(char, char), usize>) -> f64 {
    let total: usize = a.values().sum::<usize>() + b.values().sum::<usize>();
    if total == 0 {
        return 0.0;
    }
    let shared: usize = a.iter().map(|(gram, &n)| n.min(b.get(gram).copied().unwrap_or(0))).sum();
    2.0 * shared as f64 / total as f64
}

/// Similarity of two meeting names: the Dice coefficient of their character bigrams
/// (2·|shared| / (|A| + |B|), counted as multisets) after NFKC, lower-casing and removing
/// whitespace (see [`name_key`]). 1 for names that differ only in width or spacing, 0 for
/// names without a common bigram. Bigrams rather than words because Japanese names are
/// not separated by spaces.
///
/// ```
/// use kaigi::review::name_similarity;
/// assert_eq!(name_similarity("支援調整会議", "支援調整会議"), 1.0);
/// assert_eq!(name_similarity("ＡＢＣ会議", "abc 会議"), 1.0);
/// // 4 shared bigrams of 5 + 5
/// assert_eq!(name_similarity("地域ケア会議", "地域ケア会合"), 0.8);
/// assert_eq!(name_similarity("a", "b"), 0.0);
/// ```
pub fn name_similarity(a: &str, b: &str) -> f64 {
    dice(&bigrams(&name_key(a)), &bigrams(&name_key(b)))
}

/// Pairs last year's meetings with this year's, one to one.
///
/// 1. With `match_ids`, meetings with the same id are paired, whatever their names.
/// 2. The rest are paired by [`name_similarity`] ≥ `threshold`, greedily: the most
///    similar pair first; among equal scores, the earlier meeting of last year, then the
///    earlier meeting of this year (input order), so the result never depends on
///    hashing or thread timing.
///
/// ```
/// use kaigi::model::Meeting;
/// use kaigi::review::{MatchedBy, match_meetings};
/// let before = vec![Meeting::new("M1", "支援調整会議"), Meeting::new("M2", "地域ケア推進会議")];
/// let after = vec![Meeting::new("A", "地域ケア推進会議"), Meeting::new("M1", "支援会議")];
/// let matching = match_meetings(&before, &after, true, 0.6);
/// assert_eq!(matching.pairs.len(), 2);
/// assert_eq!(matching.pairs[0].matched_by, MatchedBy::Name); // M2 → A, same name
/// assert_eq!(matching.pairs[1].matched_by, MatchedBy::Id); // M1 → M1, renamed
/// assert!(matching.added.is_empty() && matching.removed.is_empty());
/// ```
pub fn match_meetings(
    before: &[Meeting],
    after: &[Meeting],
    match_ids: bool,
    threshold: f64,
) -> Matching {
    let mut partner_of_before: Vec<Option<(usize, MatchedBy, f64)>> = vec![None; before.len()];
    let mut taken_after = vec![false; after.len()];
    if match_ids {
        let by_id: HashMap<&str, usize> =
            before.iter().enumerate().map(|(i, m)| (m.id.as_str(), i)).collect();
        for (j, meeting) in after.iter().enumerate() {
            if let Some(&i) = by_id.get(meeting.id.as_str())
                && partner_of_before[i].is_none()
            {
                let similarity = name_similarity(&before[i].name, &meeting.name);
                partner_of_before[i] = Some((j, MatchedBy::Id, similarity));
                taken_after[j] = true;
            }
        }
    }
    let free_before: Vec<usize> =
        (0..before.len()).filter(|&i| partner_of_before[i].is_none()).collect();
    let free_after: Vec<usize> = (0..after.len()).filter(|&j| !taken_after[j]).collect();
    let grams_before: Vec<_> =
        free_before.iter().map(|&i| bigrams(&name_key(&before[i].name))).collect();
    let grams_after: Vec<_> =
        free_after.iter().map(|&j| bigrams(&name_key(&after[j].name))).collect();
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (x, &i) in free_before.iter().enumerate() {
        for (y, &j) in free_after.iter().enumerate() {
            let score = dice(&grams_before[x], &grams_after[y]);
            if score >= threshold {
                candidates.push((score, i, j));
            }
        }
    }
    candidates.sort_by(|p, q| q.0.total_cmp(&p.0).then(p.1.cmp(&q.1)).then(p.2.cmp(&q.2)));
    for (score, i, j) in candidates {
        if partner_of_before[i].is_none() && !taken_after[j] {
            partner_of_before[i] = Some((j, MatchedBy::Name, score));
            taken_after[j] = true;
        }
    }

    let mut pairs: Vec<MeetingPair> = partner_of_before
        .iter()
        .enumerate()
        .filter_map(|(i, partner)| {
            let (j, matched_by, similarity) = (*partner)?;
            Some(MeetingPair {
                before: i,
                after: j,
                before_id: before[i].id.clone(),
                after_id: after[j].id.clone(),
                before_name: before[i].name.clone(),
                after_name: after[j].name.clone(),
                matched_by,
                similarity,
            })
        })
        .collect();
    pairs.sort_by_key(|p| p.after);
    Matching {
        pairs,
        removed: (0..before.len()).filter(|&i| partner_of_before[i].is_none()).collect(),
        added: (0..after.len()).filter(|&j| !taken_after[j]).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meetings(names: &[(&str, &str)]) -> Vec<Meeting> {
        names.iter().map(|(id, name)| Meeting::new(*id, *name)).collect()
    }

    #[test]
    fn threshold_examples_in_the_documentation_hold() {
        let kept = name_similarity("支援調整会議", "支援調整会議（生活困窮）");
        assert!(kept >= DEFAULT_NAME_THRESHOLD, "{kept}");
        let merged =
            name_similarity("権利擁護ネットワーク会議", "権利擁護支援地域連携ネットワーク協議会");
        assert!(merged < DEFAULT_NAME_THRESHOLD, "{merged}");
        assert!((merged - 16.0 / 29.0).abs() < 1e-12);
    }

    #[test]
    fn ids_win_over_names_and_can_be_ignored() {
        let before = meetings(&[("M1", "地域ケア会議"), ("M2", "支援会議")]);
        let after = meetings(&[("M1", "支援会議"), ("M2", "地域ケア会議")]);
        let by_id = match_meetings(&before, &after, true, 0.6);
        assert!(by_id.pairs.iter().all(|p| p.matched_by == MatchedBy::Id && p.before == p.after));
        let by_name = match_meetings(&before, &after, false, 0.6);
        assert!(by_name.pairs.iter().all(|p| p.matched_by == MatchedBy::Name));
        assert_eq!(by_name.pairs[0].before, 1);
        assert_eq!(by_name.pairs[0].after, 0);
    }

    #[test]
    fn greedy_matching_is_one_to_one_and_breaks_ties_by_input_order() {
        // Both of last year's meetings are equally similar to the one new meeting.
        let before = meetings(&[("A", "地域ケア会議北部"), ("B", "地域ケア会議南部")]);
        let after = meetings(&[("X", "地域ケア会議")]);
        let matching = match_meetings(&before, &after, true, 0.6);
        assert_eq!(matching.pairs.len(), 1);
        assert_eq!(matching.pairs[0].before, 0, "earlier meeting wins a tie");
        assert_eq!(matching.removed, vec![1]);
        assert!(matching.added.is_empty());
    }

    #[test]
    fn best_pair_is_taken_first() {
        let before = meetings(&[("A", "地域ケア個別会議"), ("B", "地域ケア推進会議")]);
        let after = meetings(&[("X", "地域ケア推進会議（全市）"), ("Y", "地域ケア推進会議")]);
        let matching = match_meetings(&before, &after, true, 0.6);
        let b = matching.pairs.iter().find(|p| p.before == 1).unwrap();
        assert_eq!(b.after, 1);
        assert_eq!(b.similarity, 1.0);
    }

    #[test]
    fn empty_and_one_character_names_do_not_panic() {
        assert_eq!(name_similarity("", ""), 0.0);
        assert_eq!(name_similarity("会", "会"), 1.0);
        let matching = match_meetings(&[], &meetings(&[("X", "")]), true, 0.6);
        assert_eq!(matching.added, vec![0]);
    }
}
