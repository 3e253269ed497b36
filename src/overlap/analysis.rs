//! The overlap analysis as a whole: parameters, the report it produces, and how each
//! cluster, containment and tier is explained.

use crate::legal::{Profile, SessionBar, bound_agencies, profile, session_bars};
use crate::model::name_key;
use crate::model::{Inventory, Meeting};
use crate::overlap::cluster::{ClusteringStats, EPSILON, cluster_components};
use crate::overlap::similarity::{FrequentAgencyCap, PairScore, SimilarityIndex, SkippedAgency};
use crate::overlap::{OverlapError, SimilarityWeights, TopicLexicon, TopicTerm, ValidWeights};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Most topic terms listed per pair ([`PairReport::topic_terms`]).
pub const TOPIC_TERMS_LISTED: usize = 5;

/// Parameters of [`analyze`], checked when it runs.
///
/// ```
/// use kaigi::overlap::OverlapParams;
/// let params = OverlapParams { threshold: 0.6, ..OverlapParams::default() };
/// assert!(params.check().is_ok());
/// assert!(OverlapParams { threshold: 1.5, ..OverlapParams::default() }.check().is_err());
/// ```
#[derive(Debug, Clone)]
pub struct OverlapParams {
    /// Weights of the score's parts.
    pub weights: ValidWeights,
    /// Clusters are cut where the mean score between two groups falls below this
    /// (average linkage on distance 1 − score, cut at 1 − threshold). Default 0.5: in
    /// the sample city every planted overlap scores 0.5–0.7 and unrelated meetings that
    /// share only hubs such as 社協 stay below 0.4.
    pub threshold: f64,
    /// Pairs scoring at least this are listed (default 0.4), clustered or not.
    pub min_pair_score: f64,
    /// Topic concepts and spellings.
    pub lexicon: TopicLexicon,
    /// Agencies attending too many meetings to pair them all.
    pub frequent_agency: FrequentAgencyCap,
    /// Largest component clustered with one condensed matrix (default 4,000 meetings,
    /// about 64 MB of distances).
    pub max_component: usize,
}

impl Default for OverlapParams {
    fn default() -> Self {
        OverlapParams {
            weights: ValidWeights::default(),
            threshold: 0.5,
            min_pair_score: 0.4,
            lexicon: TopicLexicon::builtin(),
            frequent_agency: FrequentAgencyCap::default(),
            max_component: 4_000,
        }
    }
}

impl OverlapParams {
    /// Checks the thresholds and limits.
    pub fn check(&self) -> Result<(), OverlapError> {
        let unit = |name: &str, value: f64, low_open: bool| {
            let ok = value.is_finite()
                && value <= 1.0
                && if low_open { value > 0.0 } else { value >= 0.0 };
            if ok {
                Ok(())
            } else {
                Err(OverlapError::BadParameter { name: name.to_string(), value })
            }
        };
        unit("threshold", self.threshold, true)?;
        unit("min_pair_score", self.min_pair_score, false)?;
        unit("frequent_agency.share", self.frequent_agency.share, true)?;
        if self.max_component < 2 {
            return Err(OverlapError::BadParameter {
                name: "max_component".into(),
                value: self.max_component as f64,
            });
        }
        Ok(())
    }
}

/// Everything the overlap analysis found, ready to render.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct OverlapReport {
    /// The parameters used.
    pub settings: Settings,
    /// Totals.
    pub summary: Summary,
    /// Agencies not used to find pairs (empty for any inventory under 1,000 meetings).
    pub skipped_agencies: Vec<SkippedAgency>,
    /// How the clustering went.
    pub clustering: ClusteringStats,
    /// Pairs scoring at least `min_pair_score`, best first; tiers of one body are in
    /// `tiers` instead.
    pub pairs: Vec<PairReport>,
    /// Clusters of two or more meetings, most duplicated hours first.
    pub clusters: Vec<ClusterReport>,
    /// Meetings whose agencies all sit in another meeting.
    pub containments: Vec<Containment>,
    /// Bodies with several tiers (same 親会議): expected overlaps, not waste.
    pub tiers: Vec<TierBody>,
}

/// Parameters as used, for the record.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Settings {
    /// Cluster threshold.
    pub threshold: f64,
    /// Pair listing threshold.
    pub min_pair_score: f64,
    /// Weights as given.
    pub weights: SimilarityWeights,
    /// Frequent agency cap.
    pub frequent_agency: FrequentAgencyCap,
    /// Largest component clustered whole.
    pub max_component: usize,
    /// Topic concepts added or extended by a synonym file.
    pub user_topic_concepts: Vec<String>,
}

/// Totals over the inventory.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Summary {
    /// Meetings in the inventory.
    pub meetings: usize,
    /// Pairs scored (pairs sharing at least one agency that is not skipped).
    pub pairs_scored: u64,
    /// Pairs listed.
    pub pairs_listed: usize,
    /// Clusters found.
    pub clusters: usize,
    /// Meetings in some cluster.
    pub meetings_in_clusters: usize,
    /// Annual person-hours of the clustered meetings.
    pub annual_hours_in_clusters: f64,
    /// Duplicated hours over all clusters (see [`ClusterReport::duplicated_hours`]).
    pub duplicated_hours: f64,
}

/// One pair of meetings, explained.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct PairReport {
    /// First meeting id (earlier in the inventory).
    pub a: String,
    /// Second meeting id.
    pub b: String,
    /// First meeting name.
    pub a_name: String,
    /// Second meeting name.
    pub b_name: String,
    /// Score, 0–1.
    pub score: f64,
    /// Weighted Jaccard over head-counts.
    pub participant_jaccard: f64,
    /// Overlap coefficient over agencies.
    pub participant_overlap: f64,
    /// Jaccard over topic terms (`shared_topics` and the lists beside it); not in the score.
    pub topic_jaccard: f64,
    /// Cosine similarity of the TF-IDF topic vectors (concepts and character n-grams), 0–1:
    /// the topic part of the score.
    pub topic_similarity: f64,
    /// The terms that make the topics similar, most contributing first (at most
    /// [`TOPIC_TERMS_LISTED`], each bringing at least a tenth of `topic_similarity`):
    /// concepts, or strings both meetings' topics contain.
    pub topic_terms: Vec<TopicTerm>,
    /// Jaccard over functions.
    pub function_jaccard: f64,
    /// Same area.
    pub same_area: bool,
    /// Same host.
    pub same_host: bool,
    /// Agencies in both.
    pub shared_participants: Vec<String>,
    /// Agencies only in `a`.
    pub only_in_a: Vec<String>,
    /// Agencies only in `b`.
    pub only_in_b: Vec<String>,
    /// Topic terms in both.
    pub shared_topics: Vec<String>,
    /// Topic terms only in `a`.
    pub topics_only_in_a: Vec<String>,
    /// Topic terms only in `b`.
    pub topics_only_in_b: Vec<String>,
    /// Position of the cluster holding both meetings in `clusters` (0-based), if any.
    pub cluster: Option<usize>,
    /// Whether the law lets the two be one sitting (兼ねる or 合同開催): the same
    /// rulebook the proposal uses ([`crate::legal::session_bars`]).
    pub can_share_session: bool,
    /// The rules that forbid it (empty when they may).
    pub why_not: Vec<SessionBar>,
}

/// A group of overlapping meetings.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ClusterReport {
    /// Member meeting ids, in inventory order.
    pub meetings: Vec<String>,
    /// Member meeting names, same order.
    pub names: Vec<String>,
    /// Agencies attending **every** member, by name.
    pub core_participants: Vec<String>,
    /// Agencies attending more than half of the members but not all (only possible
    /// with three or more members).
    pub majority_participants: Vec<String>,
    /// Distinct agencies attending any member.
    pub all_participants: usize,
    /// Topic terms every member lists.
    pub shared_topics: Vec<String>,
    /// Person-hours per year of all members together.
    pub annual_hours: f64,
    /// Person-hours per year spent by the same agencies more than once:
    ///
    /// for each agency attending two or more members, its hours in each member
    /// (head-count × sessions per year × hours per session) summed, minus its hours in
    /// the single member where it spends the most; summed over agencies. Agencies in
    /// one member only add nothing. It is what the cluster would save if each agency
    /// kept only its most expensive seat — an upper bound on what a merger saves, since
    /// a merged session may need to run longer or more often.
    pub duplicated_hours: f64,
    /// Agencies attending two or more members.
    pub repeat_agencies: usize,
    /// Mean pair score between members (what average linkage compared).
    pub mean_score: f64,
    /// Lowest pair score between members.
    pub min_score: f64,
    /// Constraints a planner must respect before consolidating.
    pub cautions: Vec<Caution>,
    /// Whether the law lets every member be one sitting: no pair of members is barred.
    pub can_share_session: bool,
    /// The rules that bar a pair of members (empty when none does).
    pub why_not: Vec<SessionBar>,
}

/// A reason to take care before consolidating a cluster.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Caution {
    /// Statutory meetings cannot be abolished: hold jointly (合同開催) or let one session
    /// serve as each (兼ねる), keeping each legal identity.
    Statutory {
        /// Statutory member ids.
        meetings: Vec<String>,
    },
    /// A member handles personal case information, and the cluster seats agencies with
    /// no duty of confidentiality.
    Confidentiality {
        /// Members handling personal case information.
        case_meetings: Vec<String>,
        /// Registered agencies in the cluster with no duty of confidentiality.
        unbound_agencies: Vec<String>,
    },
    /// Members serve different areas (圏域).
    DifferentAreas {
        /// The areas, as written (blank = 全市).
        areas: Vec<String>,
    },
}

/// One meeting whose agencies all attend another.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Containment {
    /// The meeting whose agencies are all in `larger`.
    pub smaller: String,
    /// Its name.
    pub smaller_name: String,
    /// The meeting holding them all.
    pub larger: String,
    /// Its name.
    pub larger_name: String,
    /// Agencies of the smaller meeting.
    pub smaller_agencies: usize,
    /// Agencies of the larger meeting.
    pub larger_agencies: usize,
    /// Both have the same agencies.
    pub equal: bool,
    /// Both are tiers of one body.
    pub same_body: bool,
    /// Both sit in the same cluster (then the containment is part of a real overlap).
    pub clustered: bool,
    /// Pair score.
    pub score: f64,
}

/// Tiers of one body (same 親会議): overlap by design.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TierBody {
    /// The body, as written.
    pub parent_body: String,
    /// Its tiers in inventory order.
    pub meetings: Vec<TierMember>,
    /// Agencies in every tier.
    pub shared_participants: Vec<String>,
    /// Pairs of tiers sharing an agency.
    pub pairs: Vec<TierPair>,
}

/// One tier of a body.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TierMember {
    /// Meeting id.
    pub id: String,
    /// Meeting name.
    pub name: String,
    /// Tier as written (階層), if given.
    pub tier: Option<String>,
}

/// Overlap between two tiers of one body.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct TierPair {
    /// First meeting id.
    pub a: String,
    /// Second meeting id.
    pub b: String,
    /// Agencies in both.
    pub shared_participants: usize,
    /// Weighted Jaccard over head-counts.
    pub participant_jaccard: f64,
    /// Score (not used for clustering).
    pub score: f64,
}

/// Scores, clusters and explains the overlaps of an inventory.
///
/// Steps: prepare every meeting ([`SimilarityIndex`]); score every pair sharing a
/// participant through the inverted index; cluster with average linkage per component
/// ([`cluster_components`]); explain each cluster, containment and tier.
///
/// ```
/// use kaigi::model::{Frequency, Inventory, Meeting, Participant};
/// use kaigi::overlap::{OverlapParams, analyze};
/// let make = |id: &str, agencies: &[&str], topic: &str| {
///     let mut m = Meeting::new(id, id);
///     m.participants = agencies.iter().map(|a| Participant::new(*a, 1)).collect();
///     m.topics = vec![topic.to_string()];
///     m.host = Some("高齢福祉課".to_string());
///     m.frequency = Frequency::per_year(4.0);
///     m.minutes_per_session = 90.0;
///     m
/// };
/// let inventory = Inventory {
///     meetings: vec![
///         make("M1", &["社協", "包括", "高齢福祉課", "弁護士会"], "成年後見制度の利用促進"),
///         make("M2", &["社協", "包括", "高齢福祉課", "司法書士会"], "市民後見人の育成"),
///         make("M3", &["学校", "社協"], "不登校"),
///     ],
///     agencies: vec![],
/// };
/// let report = analyze(&inventory, &OverlapParams::default())?;
/// assert_eq!(report.clusters.len(), 1);
/// let cluster = &report.clusters[0];
/// assert_eq!(cluster.meetings, ["M1", "M2"]);
/// assert_eq!(cluster.core_participants, ["包括", "社協", "高齢福祉課"]);
/// assert_eq!(cluster.shared_topics, ["成年後見"]);
/// // 0.5 × 3/5 (agencies) + 0.25 × topics + 0.1 (area) + 0.05 (host), where topics is the
/// // Tanimoto form of the cosine of the two topic vectors (成年後見 shared, the rest not)
/// let pair = &report.pairs[0];
/// assert_eq!(pair.topic_terms[0].term, "成年後見");
/// let topics = pair.topic_similarity / (2.0 - pair.topic_similarity);
/// assert!((cluster.mean_score - (0.3 + 0.25 * topics + 0.15)).abs() < 1e-12);
/// // 3 shared agencies × 4 sessions × 1.5 h, counted once too many
/// assert_eq!(cluster.duplicated_hours, 18.0);
/// # Ok::<(), kaigi::overlap::OverlapError>(())
/// ```
pub fn analyze(
    inventory: &Inventory,
    params: &OverlapParams,
) -> Result<OverlapReport, OverlapError> {
    params.check()?;
    let mut index = SimilarityIndex::new(inventory, &params.lexicon, params.weights)?;
    let skipped_agencies = index.apply_cap(params.frequent_agency);
    let floor = params.threshold.min(params.min_pair_score) - EPSILON;
    let (kept, pairs_scored) = index.pairs_scoring_at_least(floor, true);
    let edges: Vec<(usize, usize, f64)> = kept
        .iter()
        .filter(|p| !p.same_body && p.score >= params.threshold - EPSILON)
        .map(|p| (p.a, p.b, p.score))
        .collect();
    let pair_score = |a: usize, b: usize| {
        if index.same_body(a, b) { 0.0 } else { index.score(a, b).score }
    };
    let (clusters, clustering) = cluster_components(
        inventory.meetings.len(),
        &edges,
        params.threshold,
        params.max_component,
        pair_score,
    );
    let meetings = &inventory.meetings;
    // The rulebook for sharing a session, asked once per listed pair and cluster.
    let profiles: Vec<Profile> = meetings.iter().map(profile).collect();
    let bound_by_name = bound_agencies(inventory);
    let bound = |name: &str| bound_by_name.get(name).copied().unwrap_or(false);
    let bars = |a: usize, b: usize| {
        session_bars(&meetings[a], &profiles[a], &meetings[b], &profiles[b], &bound)
    };
    let mut explained: Vec<(&Vec<usize>, ClusterReport)> = clusters
        .iter()
        .map(|members| {
            let mut report = explain_cluster(inventory, &index, members);
            let mut why_not = Vec::new();
            for (i, &a) in members.iter().enumerate() {
                for &b in &members[i + 1..] {
                    for bar in bars(a, b) {
                        if !why_not.contains(&bar) {
                            why_not.push(bar);
                        }
                    }
                }
            }
            report.can_share_session = why_not.is_empty();
            report.why_not = why_not;
            (members, report)
        })
        .collect();
    // Most duplicated hours first; ties by first member in inventory order.
    explained.sort_by(|(xm, x), (ym, y)| {
        y.duplicated_hours.total_cmp(&x.duplicated_hours).then_with(|| xm.cmp(ym))
    });
    let mut cluster_of: BTreeMap<usize, usize> = BTreeMap::new();
    for (position, (members, _)) in explained.iter().enumerate() {
        for &member in members.iter() {
            cluster_of.insert(member, position);
        }
    }
    let cluster_reports: Vec<ClusterReport> = explained.into_iter().map(|(_, r)| r).collect();
    let together = |p: &PairScore| match (cluster_of.get(&p.a), cluster_of.get(&p.b)) {
        (Some(x), Some(y)) if x == y => Some(*x),
        _ => None,
    };
    let mut listed: Vec<&PairScore> = kept
        .iter()
        .filter(|p| !p.same_body && p.score >= params.min_pair_score - EPSILON)
        .collect();
    listed.sort_by(|x, y| y.score.total_cmp(&x.score).then_with(|| (x.a, x.b).cmp(&(y.a, y.b))));
    let pairs: Vec<PairReport> = listed
        .iter()
        .map(|p| {
            let mut report = explain_pair(meetings, &index, p, together(p));
            report.why_not = bars(p.a, p.b);
            report.can_share_session = report.why_not.is_empty();
            report
        })
        .collect();
    let mut contained: Vec<&PairScore> = kept.iter().filter(|p| p.is_containment()).collect();
    // By the smaller meeting, then the larger, in inventory order.
    let smaller_first = |p: &PairScore| {
        if index.agency_count(p.a) <= index.agency_count(p.b) { (p.a, p.b) } else { (p.b, p.a) }
    };
    contained.sort_by_key(|p| smaller_first(p));
    let containments: Vec<Containment> = contained
        .into_iter()
        .map(|p| {
            let (na, nb) = (index.agency_count(p.a), index.agency_count(p.b));
            // The smaller meeting first; equal sets keep inventory order.
            let (small, large) = if na <= nb { (p.a, p.b) } else { (p.b, p.a) };
            Containment {
                smaller: meetings[small].id.clone(),
                smaller_name: meetings[small].name.clone(),
                larger: meetings[large].id.clone(),
                larger_name: meetings[large].name.clone(),
                smaller_agencies: na.min(nb),
                larger_agencies: na.max(nb),
                equal: na == nb,
                same_body: p.same_body,
                clustered: together(p).is_some(),
                score: p.score,
            }
        })
        .collect();
    let tiers = explain_tiers(meetings, &index);
    let in_clusters: Vec<usize> = cluster_of.keys().copied().collect();
    let summary = Summary {
        meetings: meetings.len(),
        pairs_scored,
        pairs_listed: pairs.len(),
        clusters: cluster_reports.len(),
        meetings_in_clusters: in_clusters.len(),
        annual_hours_in_clusters: in_clusters
            .iter()
            .map(|&m| meetings[m].annual_person_hours())
            .sum::<f64>()
            + 0.0,
        // `+ 0.0`: an empty float sum is -0.0, which would print as "-0".
        duplicated_hours: cluster_reports.iter().map(|c| c.duplicated_hours).sum::<f64>() + 0.0,
    };
    Ok(OverlapReport {
        settings: Settings {
            threshold: params.threshold,
            min_pair_score: params.min_pair_score,
            weights: params.weights.raw(),
            frequent_agency: params.frequent_agency,
            max_component: params.max_component,
            user_topic_concepts: params.lexicon.user_concepts().map(str::to_string).collect(),
        },
        summary,
        skipped_agencies,
        clustering,
        pairs,
        clusters: cluster_reports,
        containments,
        tiers,
    })
}

fn explain_pair(
    meetings: &[Meeting],
    index: &SimilarityIndex,
    p: &PairScore,
    cluster: Option<usize>,
) -> PairReport {
    let a_agencies: BTreeSet<&str> = index.agencies_of(p.a).collect();
    let b_agencies: BTreeSet<&str> = index.agencies_of(p.b).collect();
    let a_terms: BTreeSet<&str> = index.terms_of(p.a).collect();
    let b_terms: BTreeSet<&str> = index.terms_of(p.b).collect();
    let strings = |it: &mut dyn Iterator<Item = &&str>| it.map(|s| s.to_string()).collect();
    PairReport {
        a: meetings[p.a].id.clone(),
        b: meetings[p.b].id.clone(),
        a_name: meetings[p.a].name.clone(),
        b_name: meetings[p.b].name.clone(),
        score: p.score,
        participant_jaccard: p.participant_jaccard,
        participant_overlap: p.participant_overlap,
        topic_jaccard: p.topic_jaccard,
        topic_similarity: p.topic_similarity,
        topic_terms: index.topic_terms(p.a, p.b, TOPIC_TERMS_LISTED),
        function_jaccard: p.function_jaccard,
        same_area: p.same_area,
        same_host: p.same_host,
        shared_participants: strings(&mut a_agencies.intersection(&b_agencies)),
        only_in_a: strings(&mut a_agencies.difference(&b_agencies)),
        only_in_b: strings(&mut b_agencies.difference(&a_agencies)),
        shared_topics: strings(&mut a_terms.intersection(&b_terms)),
        topics_only_in_a: strings(&mut a_terms.difference(&b_terms)),
        topics_only_in_b: strings(&mut b_terms.difference(&a_terms)),
        cluster,
        can_share_session: true,
        why_not: Vec::new(),
    }
}

fn explain_cluster(
    inventory: &Inventory,
    index: &SimilarityIndex,
    members: &[usize],
) -> ClusterReport {
    let meetings = &inventory.meetings;
    let k = members.len();
    // agency → (members attending, hours in each)
    let mut attendance: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for &m in members {
        let meeting = &meetings[m];
        for participant in &meeting.participants {
            attendance
                .entry(participant.agency.as_str())
                .or_default()
                .push(meeting.participant_annual_hours(participant));
        }
    }
    let core_participants: Vec<String> =
        attendance.iter().filter(|(_, h)| h.len() == k).map(|(a, _)| a.to_string()).collect();
    let majority_participants: Vec<String> = attendance
        .iter()
        .filter(|(_, h)| h.len() < k && 2 * h.len() > k)
        .map(|(a, _)| a.to_string())
        .collect();
    let mut duplicated_hours = 0.0;
    let mut repeat_agencies = 0;
    for hours in attendance.values().filter(|h| h.len() >= 2) {
        let total: f64 = hours.iter().sum();
        let most = hours.iter().copied().fold(f64::MIN, f64::max);
        duplicated_hours += total - most;
        repeat_agencies += 1;
    }
    let mut shared_topics: Option<BTreeSet<&str>> = None;
    for &m in members {
        let terms: BTreeSet<&str> = index.terms_of(m).collect();
        shared_topics = Some(match shared_topics {
            None => terms,
            Some(previous) => previous.intersection(&terms).copied().collect(),
        });
    }
    let mut scores = Vec::new();
    for (i, &a) in members.iter().enumerate() {
        for &b in &members[i + 1..] {
            scores.push(index.score(a, b).score);
        }
    }
    let mean_score =
        if scores.is_empty() { 0.0 } else { scores.iter().sum::<f64>() / scores.len() as f64 };
    let min_score = scores.iter().copied().fold(f64::INFINITY, f64::min);
    ClusterReport {
        meetings: members.iter().map(|&m| meetings[m].id.clone()).collect(),
        names: members.iter().map(|&m| meetings[m].name.clone()).collect(),
        core_participants,
        majority_participants,
        all_participants: attendance.len(),
        shared_topics: shared_topics.unwrap_or_default().into_iter().map(str::to_string).collect(),
        annual_hours: members.iter().map(|&m| meetings[m].annual_person_hours()).sum(),
        duplicated_hours,
        repeat_agencies,
        mean_score,
        min_score: if min_score.is_finite() { min_score } else { 0.0 },
        cautions: cautions(inventory, members, &attendance),
        can_share_session: true,
        why_not: Vec::new(),
    }
}

fn cautions(
    inventory: &Inventory,
    members: &[usize],
    attendance: &BTreeMap<&str, Vec<f64>>,
) -> Vec<Caution> {
    let meetings = &inventory.meetings;
    let mut found = Vec::new();
    let statutory: Vec<String> = members
        .iter()
        .filter(|&&m| meetings[m].statutory == Some(true))
        .map(|&m| meetings[m].id.clone())
        .collect();
    if !statutory.is_empty() {
        found.push(Caution::Statutory { meetings: statutory });
    }
    let case_meetings: Vec<String> = members
        .iter()
        .filter(|&&m| meetings[m].personal_info == Some(true))
        .map(|&m| meetings[m].id.clone())
        .collect();
    if !case_meetings.is_empty() {
        let unbound_agencies: Vec<String> = attendance
            .keys()
            .filter(|name| {
                inventory
                    .agency(name)
                    .is_some_and(|a| !a.unregistered && !a.confidentiality.is_bound())
            })
            .map(|s| s.to_string())
            .collect();
        if !unbound_agencies.is_empty() {
            found.push(Caution::Confidentiality { case_meetings, unbound_agencies });
        }
    }
    let areas: BTreeSet<String> = members
        .iter()
        .map(|&m| meetings[m].area.clone().unwrap_or_else(|| "全市".to_string()))
        .collect();
    let keys: BTreeSet<String> = areas.iter().map(|a| name_key(a)).collect();
    if keys.len() > 1 {
        found.push(Caution::DifferentAreas { areas: areas.into_iter().collect() });
    }
    found
}

fn explain_tiers(meetings: &[Meeting], index: &SimilarityIndex) -> Vec<TierBody> {
    let mut bodies: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for (i, meeting) in meetings.iter().enumerate() {
        if let Some(body) = meeting.parent_body.as_deref().filter(|b| !name_key(b).is_empty()) {
            bodies
                .entry(name_key(body))
                .or_insert_with(|| (body.to_string(), Vec::new()))
                .1
                .push(i);
        }
    }
    let mut tiers: Vec<TierBody> = bodies
        .into_values()
        .filter(|(_, members)| members.len() >= 2)
        .map(|(parent_body, members)| {
            let mut shared: Option<BTreeSet<&str>> = None;
            for &m in &members {
                let agencies: BTreeSet<&str> = index.agencies_of(m).collect();
                shared = Some(match shared {
                    None => agencies,
                    Some(previous) => previous.intersection(&agencies).copied().collect(),
                });
            }
            let mut pairs = Vec::new();
            for (i, &a) in members.iter().enumerate() {
                for &b in &members[i + 1..] {
                    let p = index.score(a, b);
                    if p.shared_participants > 0 {
                        pairs.push(TierPair {
                            a: meetings[a].id.clone(),
                            b: meetings[b].id.clone(),
                            shared_participants: p.shared_participants as usize,
                            participant_jaccard: p.participant_jaccard,
                            score: p.score,
                        });
                    }
                }
            }
            TierBody {
                parent_body,
                meetings: members
                    .iter()
                    .map(|&m| TierMember {
                        id: meetings[m].id.clone(),
                        name: meetings[m].name.clone(),
                        tier: meetings[m].tier.clone(),
                    })
                    .collect(),
                shared_participants: shared
                    .unwrap_or_default()
                    .into_iter()
                    .map(str::to_string)
                    .collect(),
                pairs,
            }
        })
        .collect();
    // Inventory order of each body's first tier.
    let position: BTreeMap<&str, usize> =
        meetings.iter().enumerate().map(|(i, m)| (m.id.as_str(), i)).collect();
    tiers.sort_by_key(|t| t.meetings.first().map_or(0, |m| position[m.id.as_str()]));
    tiers
}
