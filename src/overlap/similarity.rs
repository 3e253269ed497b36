//! Pair scores: who attends, what is discussed, function, area and host, compared for
//! every pair of meetings that share a participant, found through an inverted index
//! (agency → meetings) so the M² pairs of a large inventory are never enumerated.

use crate::model::name_key;
use crate::model::{Function, Inventory};
use crate::overlap::{OverlapError, TopicLexicon, TopicTerm, TopicVectors, ValidWeights};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Area key given to a meeting whose area is blank: the model reads blank as
/// municipality-wide, the same as an explicit 全市.
const CITYWIDE: &str = "全市";
const CITYWIDE_SPELLINGS: &[&str] = &["全市", "市全域", "全域", "citywide", "city-wide", "all"];

/// Inventories at least this large are scored on all cores (rayon); smaller ones on
/// one thread, where the pool's start-up would cost more than it saves.
pub const PARALLEL_THRESHOLD: usize = 2_000;

/// The score of one pair of meetings and its parts.
///
/// Meetings are named by their position in [`Inventory::meetings`]; `a < b`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PairScore {
    /// First meeting (index in the inventory).
    pub a: usize,
    /// Second meeting (index in the inventory), after `a`.
    pub b: usize,
    /// Weighted sum of the parts, 0–1; 0 when no participant is shared.
    pub score: f64,
    /// Weighted Jaccard over head-counts: Σ min(countᵃ, countᵇ) / Σ max(countᵃ, countᵇ).
    pub participant_jaccard: f64,
    /// Overlap coefficient over agencies: |A ∩ B| / min(|A|, |B|); 1 when one meeting's
    /// agencies all sit in the other.
    pub participant_overlap: f64,
    /// Jaccard over topic terms (concepts, or whole phrases naming none); not in the
    /// score, kept because it is what [`SimilarityIndex::terms_of`] lists.
    pub topic_jaccard: f64,
    /// Cosine similarity of the meetings' TF-IDF topic vectors (concepts and character
    /// n-grams, see [`TopicVectors`]), 0–1. The score takes it as the extended Jaccard
    /// (Tanimoto) of the same vectors, [`topic_tanimoto`], like its other parts.
    pub topic_similarity: f64,
    /// Jaccard over functions (0 when neither lists one).
    pub function_jaccard: f64,
    /// Both cover the same area (blank counts as 全市).
    pub same_area: bool,
    /// Both have the same host department.
    pub same_host: bool,
    /// Agencies in both.
    pub shared_participants: u32,
    /// Tiers of one body (same 親会議): an expected overlap, kept out of clusters.
    pub same_body: bool,
}

impl PairScore {
    /// One meeting's agencies all attend the other. A one-agency meeting is left out: it
    /// is "contained" in every meeting its agency attends, which says nothing.
    pub fn is_containment(&self) -> bool {
        // With overlap 1, the shared count is the smaller meeting's size.
        self.participant_overlap >= 1.0 && self.shared_participants >= 2
    }
}

/// A meeting reduced to integer sets for fast comparison.
#[derive(Debug, Clone)]
struct Prepared {
    /// (agency id, head-count), sorted by agency id.
    participants: Vec<(u32, u32)>,
    head_count: u64,
    /// Topic term ids, sorted, each once.
    terms: Vec<u32>,
    functions: u8,
    area: u32,
    host: Option<u32>,
    body: Option<u32>,
}

/// Meetings of one inventory prepared for scoring, with the inverted index.
#[derive(Debug, Clone)]
pub struct SimilarityIndex {
    weights: ValidWeights,
    agencies: Vec<String>,
    terms: Vec<String>,
    topics: TopicVectors,
    meetings: Vec<Prepared>,
    /// Agency id → meetings attending, ascending.
    postings: Vec<Vec<u32>>,
    /// Agency ids not used to find candidate pairs (see [`FrequentAgencyCap`]).
    skipped: Vec<bool>,
}

/// When an agency attends so many meetings that pairing them all would cost M² work,
/// it is not used to *find* pairs; pairs that share it and some other agency are still
/// found and scored in full, with it counted. Only pairs whose sole shared agencies are
/// skipped ones go unscored, and the report lists the skipped agencies.
///
/// An agency is skipped when it attends more than `max(min_meetings, share × M)` of M
/// meetings. The defaults (10%, 1,000) never skip anything in an inventory under 1,000
/// meetings, which covers every real municipality; they exist for synthetic stress
/// inventories of tens of thousands of meetings.
///
/// ```
/// use kaigi::overlap::FrequentAgencyCap;
/// let cap = FrequentAgencyCap::default();
/// assert_eq!(cap.limit(36), 1_000);
/// assert_eq!(cap.limit(30_000), 3_000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct FrequentAgencyCap {
    /// Share of all meetings above which an agency is skipped (0–1].
    pub share: f64,
    /// An agency attending at most this many meetings is never skipped.
    pub min_meetings: usize,
}

impl Default for FrequentAgencyCap {
    fn default() -> Self {
        FrequentAgencyCap { share: 0.1, min_meetings: 1_000 }
    }
}

impl FrequentAgencyCap {
    /// The most meetings an agency may attend and still be used to find pairs.
    pub fn limit(&self, meetings: usize) -> usize {
        let by_share = (self.share * meetings as f64).ceil();
        // by_share is finite and non-negative for a checked share.
        self.min_meetings.max(by_share as usize)
    }
}

/// An agency left out of pair finding, for the report.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SkippedAgency {
    /// Canonical agency name.
    pub agency: String,
    /// Meetings it attends.
    pub meetings: usize,
}

struct Interner {
    ids: BTreeMap<String, u32>,
}

impl Interner {
    fn id(&mut self, key: String) -> u32 {
        let next = self.ids.len() as u32;
        *self.ids.entry(key).or_insert(next)
    }
}

impl SimilarityIndex {
    /// Prepares every meeting of `inventory`: agencies and topic terms become sorted
    /// integer sets, topics become TF-IDF vectors with the document frequency taken over
    /// this inventory, and each agency gets the list of meetings it attends.
    ///
    /// ```
    /// use kaigi::model::{Inventory, Meeting, Participant};
    /// use kaigi::overlap::{FrequentAgencyCap, SimilarityIndex, TopicLexicon, ValidWeights};
    /// let mut a = Meeting::new("M1", "権利擁護ネットワーク会議");
    /// a.participants = vec![Participant::new("社協", 1), Participant::new("高齢福祉課", 1)];
    /// a.topics = vec!["成年後見制度の利用促進".into()];
    /// let mut b = Meeting::new("M2", "成年後見制度利用促進協議会");
    /// b.participants = vec![Participant::new("社協", 1), Participant::new("家庭裁判所", 1)];
    /// b.topics = vec!["市民後見人の育成".into()];
    /// let inventory = Inventory { meetings: vec![a, b], agencies: vec![] };
    /// let index = SimilarityIndex::new(&inventory, &TopicLexicon::builtin(), ValidWeights::default())?;
    /// let pair = index.score(0, 1);
    /// assert_eq!(pair.shared_participants, 1);
    /// assert!((pair.participant_jaccard - 1.0 / 3.0).abs() < 1e-12);
    /// assert_eq!(pair.topic_jaccard, 1.0); // both are about 成年後見
    /// // 成年後見 is shared; の育成 and 制度の利用促進 are not
    /// assert!(pair.topic_similarity > 0.3 && pair.topic_similarity < 1.0);
    /// // 0.5 × 1/3 + 0.25 × topics + 0.1 × 0 (no functions) + 0.1 × 1 (both blank area) + 0.05 × 0
    /// let topics = pair.topic_similarity / (2.0 - pair.topic_similarity); // Tanimoto
    /// let expected = 0.5 / 3.0 + 0.25 * topics + 0.1;
    /// assert!((pair.score - expected).abs() < 1e-12);
    /// # Ok::<(), kaigi::overlap::OverlapError>(())
    /// ```
    pub fn new(
        inventory: &Inventory,
        lexicon: &TopicLexicon,
        weights: ValidWeights,
    ) -> Result<Self, OverlapError> {
        // Ids follow sorted names so every run numbers agencies and terms alike.
        let agency_names: BTreeSet<&str> = inventory
            .meetings
            .iter()
            .flat_map(|m| m.participants.iter().map(|p| p.agency.as_str()))
            .collect();
        let agencies: Vec<String> = agency_names.iter().map(|s| s.to_string()).collect();
        let agency_id: BTreeMap<&str, u32> =
            agency_names.iter().enumerate().map(|(i, name)| (*name, i as u32)).collect();
        let mut term_ids = Interner { ids: BTreeMap::new() };
        let mut other_ids = Interner { ids: BTreeMap::new() };
        let mut term_labels: BTreeMap<u32, String> = BTreeMap::new();
        let citywide: BTreeSet<String> = CITYWIDE_SPELLINGS.iter().map(|s| name_key(s)).collect();
        let mut meetings = Vec::with_capacity(inventory.meetings.len());
        for meeting in &inventory.meetings {
            let mut participants: Vec<(u32, u32)> = meeting
                .participants
                .iter()
                .map(|p| (agency_id[p.agency.as_str()], p.count))
                .collect();
            participants.sort_unstable();
            // The loader merges repeated participants; a hand-built inventory may not.
            participants
                .dedup_by(|next, kept| (next.0 == kept.0).then(|| kept.1 += next.1).is_some());
            let mut terms: Vec<u32> = Vec::new();
            for topic in &meeting.topics {
                for term in lexicon.terms(topic) {
                    let id = term_ids.id(name_key(&term));
                    term_labels.entry(id).or_insert(term);
                    terms.push(id);
                }
            }
            terms.sort_unstable();
            terms.dedup();
            let functions = meeting.functions.iter().fold(0u8, |mask, f| mask | function_bit(*f));
            let area_key = meeting.area.as_deref().map(name_key).unwrap_or_default();
            let area_key = if area_key.is_empty() || citywide.contains(&area_key) {
                name_key(CITYWIDE)
            } else {
                area_key
            };
            let area = other_ids.id(format!("area:{area_key}"));
            let host = meeting
                .host
                .as_deref()
                .map(name_key)
                .filter(|k| !k.is_empty())
                .map(|k| other_ids.id(format!("host:{k}")));
            let body = meeting
                .parent_body
                .as_deref()
                .map(name_key)
                .filter(|k| !k.is_empty())
                .map(|k| other_ids.id(format!("body:{k}")));
            let head_count = participants.iter().map(|&(_, c)| u64::from(c)).sum();
            meetings.push(Prepared {
                participants,
                head_count,
                terms,
                functions,
                area,
                host,
                body,
            });
        }
        let mut postings = vec![Vec::new(); agencies.len()];
        for (index, meeting) in meetings.iter().enumerate() {
            for &(agency, _) in &meeting.participants {
                postings[agency as usize].push(index as u32);
            }
        }
        let terms = term_labels.into_values().collect();
        let topic_lists: Vec<Vec<String>> =
            inventory.meetings.iter().map(|m| m.topics.clone()).collect();
        let topics = TopicVectors::new(&topic_lists, lexicon)?;
        let skipped = vec![false; agencies.len()];
        Ok(SimilarityIndex { weights, agencies, terms, topics, meetings, postings, skipped })
    }

    /// Number of meetings.
    pub fn len(&self) -> usize {
        self.meetings.len()
    }

    /// Whether there are no meetings.
    pub fn is_empty(&self) -> bool {
        self.meetings.is_empty()
    }

    /// Marks the agencies above the cap as not used to find pairs and returns them,
    /// most-attended first.
    pub fn apply_cap(&mut self, cap: FrequentAgencyCap) -> Vec<SkippedAgency> {
        let limit = cap.limit(self.meetings.len());
        let mut skipped = Vec::new();
        for (agency, meetings) in self.postings.iter().enumerate() {
            let over = meetings.len() > limit;
            self.skipped[agency] = over;
            if over {
                skipped.push(SkippedAgency {
                    agency: self.agencies[agency].clone(),
                    meetings: meetings.len(),
                });
            }
        }
        skipped.sort_by(|x, y| y.meetings.cmp(&x.meetings).then_with(|| x.agency.cmp(&y.agency)));
        skipped
    }

    /// Scores one pair (indices into the inventory's meetings, in either order).
    pub fn score(&self, a: usize, b: usize) -> PairScore {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        self.score_with_topics(a, b, self.topics.similarity(a, b))
    }

    /// Scores `a < b` with their topic similarity already computed.
    fn score_with_topics(&self, a: usize, b: usize, topic_similarity: f64) -> PairScore {
        self.with_topics(self.score_without_topics(a, b), topic_similarity)
    }

    /// Adds the topic part to a pair scored by [`Self::score_without_topics`]; the only
    /// way a score is finished, so every path sums the parts in the same order.
    fn with_topics(&self, mut pair: PairScore, topic_similarity: f64) -> PairScore {
        pair.topic_similarity = topic_similarity;
        if pair.shared_participants > 0 {
            pair.score += self.weights.topics() * topic_tanimoto(topic_similarity);
        }
        pair
    }

    /// Scores `a < b` on everything but the topic similarity (taken as 0).
    fn score_without_topics(&self, a: usize, b: usize) -> PairScore {
        let (x, y) = (&self.meetings[a], &self.meetings[b]);
        let (mut shared, mut sum_min) = (0u32, 0u64);
        let (mut i, mut j) = (0, 0);
        while i < x.participants.len() && j < y.participants.len() {
            let (pa, ca) = x.participants[i];
            let (pb, cb) = y.participants[j];
            match pa.cmp(&pb) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    sum_min += u64::from(ca.min(cb));
                    i += 1;
                    j += 1;
                }
            }
        }
        // Σ max over the union = Σ countᵃ + Σ countᵇ − Σ min over the intersection.
        let sum_max = x.head_count + y.head_count - sum_min;
        let participant_jaccard = ratio(sum_min, sum_max);
        let smaller = x.participants.len().min(y.participants.len()) as u64;
        let participant_overlap = ratio(u64::from(shared), smaller);
        let common_terms = intersection_len(&x.terms, &y.terms);
        let topic_jaccard =
            ratio(common_terms, (x.terms.len() + y.terms.len()) as u64 - common_terms);
        let common_functions = (x.functions & y.functions).count_ones();
        let function_jaccard =
            ratio(u64::from(common_functions), u64::from((x.functions | y.functions).count_ones()));
        let same_area = x.area == y.area;
        let same_host = x.host.is_some() && x.host == y.host;
        let same_body = x.body.is_some() && x.body == y.body;
        let w = &self.weights;
        let score = if shared == 0 {
            0.0
        } else {
            w.participants() * participant_jaccard
                + w.function() * function_jaccard
                + w.area() * f64::from(u8::from(same_area))
                + w.host() * f64::from(u8::from(same_host))
        };
        PairScore {
            a,
            b,
            score,
            participant_jaccard,
            participant_overlap,
            topic_jaccard,
            topic_similarity: 0.0,
            function_jaccard,
            same_area,
            same_host,
            shared_participants: shared,
            same_body,
        }
    }

    /// Scores every pair that shares a participant other than a skipped one and keeps
    /// those `keep` accepts, ordered by (a, b). Returns the kept pairs and how many
    /// pairs were scored.
    ///
    /// # Complexity
    /// O(Σₐ |postingsₐ|² + P·(p + t)) for P candidate pairs with p participants and t
    /// topic features each, instead of O(M²); memory O(M + F) per thread besides the kept
    /// pairs, for F topic features. Each meeting's topic vector is spread into a dense
    /// array once, so a candidate's cosine costs one pass over its own vector (the same
    /// products summed in the same order as [`TopicVectors::similarity`]: identical bits).
    pub fn candidate_pairs(
        &self,
        keep: impl Fn(&PairScore) -> bool + Sync,
    ) -> (Vec<PairScore>, u64) {
        self.scan_pairs(None, keep)
    }

    /// The pairs [`crate::overlap::analyze`] needs: those scoring at least `floor`, and
    /// with `containments` also every [containment](PairScore::is_containment),
    /// whatever its score. The same pairs and bits as [`Self::candidate_pairs`] with
    /// that filter, faster: a pair that cannot reach `floor` even with identical topics
    /// (most pairs, which share only a hub agency) skips its topic cosine.
    ///
    /// ```
    /// use kaigi::overlap::{OverlapParams, SimilarityIndex};
    /// let loaded = kaigi::input::load("inputs/sample-city".as_ref(), &Default::default())?;
    /// let params = OverlapParams::default();
    /// let index = SimilarityIndex::new(&loaded.inventory, &params.lexicon, params.weights)?;
    /// let fast = index.pairs_scoring_at_least(0.4, true);
    /// let all = index.candidate_pairs(|p| p.score >= 0.4 || p.is_containment());
    /// assert_eq!(fast, all);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pairs_scoring_at_least(&self, floor: f64, containments: bool) -> (Vec<PairScore>, u64) {
        self.scan_pairs(Some((floor, containments)), |p| {
            p.score >= floor || (containments && p.is_containment())
        })
    }

    /// The scan behind both: `bound` = (floor, containments) lets a pair skip its topic
    /// cosine when no topic similarity could make `keep` accept it.
    fn scan_pairs(
        &self,
        bound: Option<(f64, bool)>,
        keep: impl Fn(&PairScore) -> bool + Sync,
    ) -> (Vec<PairScore>, u64) {
        let m = self.meetings.len();
        let topic_weight = self.weights.topics();
        let features = self.topics.feature_count();
        let scan = |(marks, dense): &mut (Vec<u32>, Vec<f64>), i: usize| {
            let mut touched: Vec<u32> = Vec::new();
            let stamp = i as u32 + 1;
            for &(agency, _) in &self.meetings[i].participants {
                if self.skipped[agency as usize] {
                    continue;
                }
                let list = &self.postings[agency as usize];
                let after = list.partition_point(|&j| j as usize <= i);
                for &j in &list[after..] {
                    if marks[j as usize] != stamp {
                        marks[j as usize] = stamp;
                        touched.push(j);
                    }
                }
            }
            touched.sort_unstable();
            let scored = touched.len() as u64;
            let own = self.topics.vector(i);
            for &(feature, weight) in own {
                dense[feature as usize] = weight;
            }
            let kept = touched
                .into_iter()
                .filter_map(|j| {
                    let j = j as usize;
                    let partial = self.score_without_topics(i, j);
                    if let Some((floor, containments)) = bound {
                        // topics add at most their weight (Tanimoto ≤ 1)
                        let reachable = partial.shared_participants > 0
                            && partial.score + topic_weight >= floor;
                        let contained = containments && partial.is_containment();
                        if !(reachable || contained) {
                            return None;
                        }
                    }
                    // fold from +0.0 as the merge does (f64's `sum` starts from −0.0)
                    let dot = (self.topics.vector(j).iter())
                        .fold(0.0, |dot, &(f, w)| dot + dense[f as usize] * w);
                    Some(self.with_topics(partial, dot.min(1.0)))
                })
                .filter(|p| keep(p))
                .collect();
            for &(feature, _) in own {
                dense[feature as usize] = 0.0;
            }
            (kept, scored)
        };
        let fresh = || (vec![0u32; m], vec![0.0f64; features]);
        let per_meeting: Vec<(Vec<PairScore>, u64)> = if m >= PARALLEL_THRESHOLD {
            (0..m).into_par_iter().map_init(fresh, |state, i| scan(state, i)).collect()
        } else {
            let mut state = fresh();
            (0..m).map(|i| scan(&mut state, i)).collect()
        };
        let scored = per_meeting.iter().map(|(_, n)| n).sum();
        (per_meeting.into_iter().flat_map(|(pairs, _)| pairs).collect(), scored)
    }

    /// Agencies of a meeting, by canonical name.
    pub fn agencies_of(&self, meeting: usize) -> impl Iterator<Item = &str> {
        self.meetings[meeting]
            .participants
            .iter()
            .map(|&(id, _)| self.agencies[id as usize].as_str())
    }

    /// Topic terms of a meeting (labels).
    pub fn terms_of(&self, meeting: usize) -> impl Iterator<Item = &str> {
        self.meetings[meeting].terms.iter().map(|&id| self.terms[id as usize].as_str())
    }

    /// The terms contributing most to the topic similarity of two meetings (see
    /// [`TopicVectors::top_terms`]).
    pub fn topic_terms(&self, a: usize, b: usize, limit: usize) -> Vec<TopicTerm> {
        self.topics.top_terms(a, b, limit)
    }

    /// Whether meetings `a` and `b` are tiers of one body.
    pub fn same_body(&self, a: usize, b: usize) -> bool {
        let (x, y) = (&self.meetings[a], &self.meetings[b]);
        x.body.is_some() && x.body == y.body
    }

    /// Number of distinct agencies in a meeting.
    pub fn agency_count(&self, meeting: usize) -> usize {
        self.meetings[meeting].participants.len()
    }

    /// The weights in use.
    pub fn weights(&self) -> ValidWeights {
        self.weights
    }
}

/// The extended Jaccard (Tanimoto) coefficient of two unit vectors with cosine `cosine`:
/// a·b / (|a|² + |b|² − a·b) = cos / (2 − cos). The score's other parts are Jaccard
/// coefficients, which run lower than cosines of the same sets (two equal-sized sets
/// sharing half their terms: Jaccard 1/3, cosine 1/2); taking the topics on the same
/// scale keeps the calibrated threshold (0.5) meaning what it meant.
///
/// ```
/// use kaigi::overlap::topic_tanimoto;
/// assert_eq!(topic_tanimoto(1.0), 1.0);
/// assert_eq!(topic_tanimoto(0.0), 0.0);
/// assert!((topic_tanimoto(0.5) - 1.0 / 3.0).abs() < 1e-12);
/// ```
pub fn topic_tanimoto(cosine: f64) -> f64 {
    let c = cosine.clamp(0.0, 1.0);
    c / (2.0 - c)
}

fn function_bit(function: Function) -> u8 {
    let position = Function::ALL.iter().position(|f| *f == function).unwrap_or(0);
    1 << position
}

fn ratio(numerator: u64, denominator: u64) -> f64 {
    if denominator == 0 { 0.0 } else { numerator as f64 / denominator as f64 }
}

fn intersection_len(x: &[u32], y: &[u32]) -> u64 {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Meeting, Participant};

    fn meeting(id: &str, agencies: &[(&str, u32)]) -> Meeting {
        let mut m = Meeting::new(id, id);
        m.participants = agencies.iter().map(|(a, c)| Participant::new(*a, *c)).collect();
        m
    }

    fn index(meetings: Vec<Meeting>) -> SimilarityIndex {
        let inventory = Inventory { meetings, agencies: vec![] };
        SimilarityIndex::new(&inventory, &TopicLexicon::builtin(), ValidWeights::default()).unwrap()
    }

    #[test]
    fn weighted_jaccard_counts_head_counts() {
        // Σ min = 1 (社協) + 1 (包括) = 2; Σ max = 3 (社協) + 1 + 1 (課) = 5
        let idx = index(vec![
            meeting("A", &[("社協", 3), ("包括", 1)]),
            meeting("B", &[("社協", 1), ("包括", 1), ("課", 1)]),
        ]);
        let pair = idx.score(1, 0);
        assert_eq!((pair.a, pair.b), (0, 1));
        assert!((pair.participant_jaccard - 0.4).abs() < 1e-12);
        assert_eq!(pair.participant_overlap, 1.0);
        assert_eq!(pair.shared_participants, 2);
    }

    #[test]
    fn small_meeting_inside_a_large_one_has_overlap_one() {
        let idx = index(vec![
            meeting("small", &[("a", 1), ("b", 1)]),
            meeting("large", &[("a", 1), ("b", 1), ("c", 1), ("d", 1), ("e", 1), ("f", 1)]),
        ]);
        let pair = idx.score(0, 1);
        assert_eq!(pair.participant_overlap, 1.0);
        assert!((pair.participant_jaccard - 2.0 / 6.0).abs() < 1e-12);
    }

    #[test]
    fn meetings_sharing_nobody_score_zero_even_in_the_same_area() {
        let idx = index(vec![meeting("A", &[("a", 1)]), meeting("B", &[("b", 1)])]);
        let pair = idx.score(0, 1);
        assert!(pair.same_area);
        assert_eq!(pair.score, 0.0);
    }

    #[test]
    fn candidates_are_exactly_the_pairs_sharing_an_agency() {
        let idx = index(vec![
            meeting("A", &[("a", 1), ("b", 1)]),
            meeting("B", &[("b", 1)]),
            meeting("C", &[("c", 1)]),
            meeting("D", &[("a", 1), ("c", 1)]),
        ]);
        let (pairs, scored) = idx.candidate_pairs(|_| true);
        let found: Vec<(usize, usize)> = pairs.iter().map(|p| (p.a, p.b)).collect();
        assert_eq!(found, [(0, 1), (0, 3), (2, 3)]);
        assert_eq!(scored, 3);
    }

    #[test]
    fn a_capped_agency_finds_no_pairs_but_still_counts_in_scores() {
        let mut meetings: Vec<Meeting> =
            (0..6).map(|i| meeting(&format!("M{i}"), &[("hub", 1)])).collect();
        meetings.push(meeting("X", &[("hub", 1), ("rare", 1)]));
        meetings.push(meeting("Y", &[("hub", 1), ("rare", 1)]));
        let mut idx = index(meetings);
        let skipped = idx.apply_cap(FrequentAgencyCap { share: 0.5, min_meetings: 2 });
        assert_eq!(skipped, [SkippedAgency { agency: "hub".into(), meetings: 8 }]);
        let (pairs, scored) = idx.candidate_pairs(|_| true);
        assert_eq!(scored, 1);
        assert_eq!((pairs[0].a, pairs[0].b, pairs[0].shared_participants), (6, 7, 2));
        assert_eq!(pairs[0].participant_jaccard, 1.0);
    }

    #[test]
    fn parallel_and_sequential_scans_agree() {
        let meetings: Vec<Meeting> = (0..PARALLEL_THRESHOLD + 10)
            .map(|i| {
                let a = format!("a{}", i % 37);
                let b = format!("b{}", i % 53);
                meeting(&format!("M{i}"), &[(a.as_str(), 1), (b.as_str(), 2)])
            })
            .collect();
        let idx = index(meetings.clone());
        let (parallel, _) = idx.candidate_pairs(|p| p.score > 0.5);
        let small = index(meetings[..500].to_vec());
        let (sequential, _) = small.candidate_pairs(|p| p.score > 0.5);
        let prefix: Vec<_> = parallel.iter().filter(|p| p.b < 500).copied().collect();
        assert_eq!(prefix, sequential);
    }

    #[test]
    fn candidate_scan_gives_the_same_bits_as_scoring_one_pair() {
        let topics = [
            ["ヤングケアラーの把握", "見守り活動"],
            ["ヤングケアラー支援", "見守りの強化"],
            ["子ども食堂の運営支援", "居場所づくり"],
            ["こども食堂のネットワークづくり", "学習支援"],
        ];
        let meetings: Vec<Meeting> = (0..40)
            .map(|i| {
                let mut m = meeting(&format!("M{i}"), &[("hub", 1), (["a", "b", "c"][i % 3], 1)]);
                m.topics = topics[i % 4].iter().map(|t| t.to_string()).collect();
                m
            })
            .collect();
        let idx = index(meetings);
        let (pairs, _) = idx.candidate_pairs(|_| true);
        assert_eq!(pairs.len(), 40 * 39 / 2);
        for p in &pairs {
            assert_eq!(*p, idx.score(p.a, p.b));
        }
        assert!(pairs.iter().any(|p| p.topic_similarity > 0.5));
    }

    #[test]
    fn pairs_scoring_at_least_keeps_exactly_the_filtered_pairs() {
        let topics =
            [["ヤングケアラーの把握"], ["ヤングケアラー支援"], ["介護予防"], ["家計の立て直し"]];
        let meetings: Vec<Meeting> = (0..60)
            .map(|i| {
                let a = format!("a{}", i % 7);
                let b = format!("b{}", i % 11);
                let mut m =
                    meeting(&format!("M{i}"), &[("hub", 1), (a.as_str(), 1), (b.as_str(), 2)]);
                m.topics = topics[i % 4].iter().map(|t| t.to_string()).collect();
                m
            })
            .collect();
        let idx = index(meetings);
        for floor in [0.2, 0.4, 0.6] {
            for containments in [false, true] {
                let fast = idx.pairs_scoring_at_least(floor, containments);
                let all = idx
                    .candidate_pairs(|p| p.score >= floor || (containments && p.is_containment()));
                assert_eq!(fast, all, "floor {floor}, containments {containments}");
            }
        }
    }
}
