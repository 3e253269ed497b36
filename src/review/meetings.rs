//! Meetings across two years: added, removed, renamed, changed field by field, and the
//! probable mergers and splits among the added and removed ones.

use crate::model::name_key;
use crate::model::{Frequency, Function, Meeting};
use crate::review::matching::{Matching, MeetingPair};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A meeting found in one year only.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct MeetingEntry {
    /// Id in its year.
    pub id: String,
    /// Name.
    pub name: String,
    /// Distinct agencies attending.
    pub agencies: usize,
    /// Sessions per year.
    pub sessions_per_year: f64,
    /// Person-hours per year.
    pub annual_person_hours: f64,
    /// Whether the law requires it (`None` when the inventory is silent).
    pub statutory: Option<bool>,
}

impl MeetingEntry {
    fn of(meeting: &Meeting) -> Self {
        MeetingEntry {
            id: meeting.id.clone(),
            name: meeting.name.clone(),
            agencies: agency_set(meeting).len(),
            sessions_per_year: meeting.frequency.sessions_per_year,
            annual_person_hours: meeting.annual_person_hours(),
            statutory: meeting.statutory,
        }
    }
}

/// One difference between last year's and this year's row of a meeting.
///
/// Serialised with a `field` tag, e.g. `{"field": "participants", "added": [], "removed":
/// ["居住支援法人"]}`.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum MeetingChange {
    /// The id changed (the meeting was matched by name).
    Id {
        /// Last year.
        before: String,
        /// This year.
        after: String,
    },
    /// The name changed beyond width and spacing.
    Name {
        /// Last year.
        before: String,
        /// This year.
        after: String,
    },
    /// Host department (所管).
    Host {
        /// Last year.
        before: Option<String>,
        /// This year.
        after: Option<String>,
    },
    /// Agencies that joined or left.
    Participants {
        /// Joined this year, by name.
        added: Vec<String>,
        /// Left this year, by name.
        removed: Vec<String>,
    },
    /// An agency that stayed but sends a different number of people.
    HeadCount {
        /// Agency.
        agency: String,
        /// People last year.
        before: u32,
        /// People this year.
        after: u32,
    },
    /// Subjects discussed.
    Topics {
        /// New topics.
        added: Vec<String>,
        /// Dropped topics.
        removed: Vec<String>,
    },
    /// Sessions per year, or ad hoc.
    Frequency {
        /// Last year.
        before: Frequency,
        /// This year.
        after: Frequency,
    },
    /// Minutes per session.
    Minutes {
        /// Last year.
        before: f64,
        /// This year.
        after: f64,
    },
    /// Functions (機能).
    Functions {
        /// New functions.
        added: Vec<Function>,
        /// Dropped functions.
        removed: Vec<Function>,
    },
    /// Legal basis as written (根拠法令).
    LegalBasis {
        /// Last year.
        before: Option<String>,
        /// This year.
        after: Option<String>,
    },
    /// Statutory flag (法定).
    Statutory {
        /// Last year.
        before: Option<bool>,
        /// This year.
        after: Option<bool>,
    },
    /// Whether personal case information is handled.
    PersonalInfo {
        /// Last year.
        before: Option<bool>,
        /// This year.
        after: Option<bool>,
    },
    /// Area (圏域).
    Area {
        /// Last year.
        before: Option<String>,
        /// This year.
        after: Option<String>,
    },
    /// Body the meeting is a tier of.
    ParentBody {
        /// Last year.
        before: Option<String>,
        /// This year.
        after: Option<String>,
    },
    /// Tier within its body.
    Tier {
        /// Last year.
        before: Option<String>,
        /// This year.
        after: Option<String>,
    },
    /// A column kaigi does not interpret (e.g. 備考).
    Extra {
        /// Header as written.
        column: String,
        /// Last year.
        before: Option<String>,
        /// This year.
        after: Option<String>,
    },
}

/// A meeting found in both years whose row differs in more than its name.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ChangedMeeting {
    /// Last year's id.
    pub before_id: String,
    /// This year's id.
    pub after_id: String,
    /// This year's name.
    pub name: String,
    /// Every difference, in the order of [`MeetingChange`]'s variants. The name change,
    /// if any, is listed under [`MeetingReview::renamed`] instead.
    pub changes: Vec<MeetingChange>,
    /// Person-hours per year last year.
    pub person_hours_before: f64,
    /// Person-hours per year this year.
    pub person_hours_after: f64,
}

/// A meeting of one year and how much of it another meeting covers.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Covered {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Its distinct agencies.
    pub agencies: usize,
    /// How many of them the other meeting also seats.
    pub shared: usize,
    /// `shared / agencies`.
    pub coverage: f64,
}

/// A new meeting that seats most of the agencies of two or more removed meetings.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Merger {
    /// This year's meeting.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The removed meetings it appears to replace, with the share of each one's
    /// agencies it seats.
    pub replaces: Vec<Covered>,
}

/// A removed meeting most of whose agencies' seats reappear in two or more new
/// meetings, each seating mostly its agencies (the Ōda pattern: one meeting split into a
/// plenary and an ad hoc case meeting).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Split {
    /// Last year's meeting.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The new meetings, with the share of each one's agencies that the removed meeting
    /// seated.
    pub into: Vec<Covered>,
}

/// Everything about meetings.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct MeetingReview {
    /// Every meeting found in both years, in this year's order.
    pub matched: Vec<MeetingPair>,
    /// This year's meetings with no partner last year.
    pub added: Vec<MeetingEntry>,
    /// Last year's meetings with no partner this year.
    pub removed: Vec<MeetingEntry>,
    /// Matched meetings whose names differ beyond width and spacing.
    pub renamed: Vec<MeetingPair>,
    /// Matched meetings with any other difference.
    pub changed: Vec<ChangedMeeting>,
    /// Probable mergers among added and removed meetings.
    pub mergers: Vec<Merger>,
    /// Probable splits among removed and added meetings.
    pub splits: Vec<Split>,
}

/// Distinct canonical agencies of a meeting.
pub(crate) fn agency_set(meeting: &Meeting) -> BTreeSet<&str> {
    meeting.participants.iter().map(|p| p.agency.as_str()).collect()
}

fn head_counts(meeting: &Meeting) -> BTreeMap<&str, u32> {
    let mut counts = BTreeMap::new();
    for p in &meeting.participants {
        *counts.entry(p.agency.as_str()).or_insert(0) += p.count;
    }
    counts
}

/// Items of `a` not in `b` and of `b` not in `a`, each sorted.
fn set_difference<T: Ord + Clone>(a: &[T], b: &[T]) -> (Vec<T>, Vec<T>) {
    let a: BTreeSet<&T> = a.iter().collect();
    let b: BTreeSet<&T> = b.iter().collect();
    (
        b.difference(&a).map(|t| (*t).clone()).collect(),
        a.difference(&b).map(|t| (*t).clone()).collect(),
    )
}

/// Floats read from the same cell text are bit-identical; the tolerance only absorbs
/// `1.5時間` against `90分`.
fn same_number(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The differences between two rows of one meeting, name excluded.
///
/// ```
/// use kaigi::model::{Meeting, Participant};
/// use kaigi::review::{MeetingChange, meeting_changes};
/// let mut before = Meeting::new("M10", "地域移行部会");
/// before.participants = vec![Participant::new("障害福祉課", 1), Participant::new("居住支援法人", 1)];
/// let mut after = before.clone();
/// after.participants.pop();
/// assert_eq!(
///     meeting_changes(&before, &after),
///     vec![MeetingChange::Participants { added: vec![], removed: vec!["居住支援法人".into()] }]
/// );
/// ```
pub fn meeting_changes(before: &Meeting, after: &Meeting) -> Vec<MeetingChange> {
    let mut changes = Vec::new();
    if before.id != after.id {
        changes.push(MeetingChange::Id { before: before.id.clone(), after: after.id.clone() });
    }
    if before.host != after.host {
        changes
            .push(MeetingChange::Host { before: before.host.clone(), after: after.host.clone() });
    }
    let (counts_before, counts_after) = (head_counts(before), head_counts(after));
    let added: Vec<String> = counts_after
        .keys()
        .filter(|a| !counts_before.contains_key(*a))
        .map(|a| a.to_string())
        .collect();
    let removed: Vec<String> = counts_before
        .keys()
        .filter(|a| !counts_after.contains_key(*a))
        .map(|a| a.to_string())
        .collect();
    if !added.is_empty() || !removed.is_empty() {
        changes.push(MeetingChange::Participants { added, removed });
    }
    for (agency, &was) in &counts_before {
        if let Some(&now) = counts_after.get(agency)
            && now != was
        {
            changes.push(MeetingChange::HeadCount {
                agency: agency.to_string(),
                before: was,
                after: now,
            });
        }
    }
    let (added, removed) = set_difference(&before.topics, &after.topics);
    if !added.is_empty() || !removed.is_empty() {
        changes.push(MeetingChange::Topics { added, removed });
    }
    let (f, g) = (before.frequency, after.frequency);
    if f.ad_hoc != g.ad_hoc || !same_number(f.sessions_per_year, g.sessions_per_year) {
        changes.push(MeetingChange::Frequency { before: f, after: g });
    }
    if !same_number(before.minutes_per_session, after.minutes_per_session) {
        changes.push(MeetingChange::Minutes {
            before: before.minutes_per_session,
            after: after.minutes_per_session,
        });
    }
    let (added, removed) = set_difference(&before.functions, &after.functions);
    if !added.is_empty() || !removed.is_empty() {
        changes.push(MeetingChange::Functions { added, removed });
    }
    let text = |before: &Option<String>, after: &Option<String>| {
        (before != after).then(|| (before.clone(), after.clone()))
    };
    if let Some((before, after)) = text(&before.legal_basis, &after.legal_basis) {
        changes.push(MeetingChange::LegalBasis { before, after });
    }
    if before.statutory != after.statutory {
        changes.push(MeetingChange::Statutory { before: before.statutory, after: after.statutory });
    }
    if before.personal_info != after.personal_info {
        changes.push(MeetingChange::PersonalInfo {
            before: before.personal_info,
            after: after.personal_info,
        });
    }
    if let Some((before, after)) = text(&before.area, &after.area) {
        changes.push(MeetingChange::Area { before, after });
    }
    if let Some((before, after)) = text(&before.parent_body, &after.parent_body) {
        changes.push(MeetingChange::ParentBody { before, after });
    }
    if let Some((before, after)) = text(&before.tier, &after.tier) {
        changes.push(MeetingChange::Tier { before, after });
    }
    let columns: BTreeSet<&String> = before.extra.keys().chain(after.extra.keys()).collect();
    for column in columns {
        let (was, now) = (before.extra.get(column), after.extra.get(column));
        if was != now {
            changes.push(MeetingChange::Extra {
                column: column.clone(),
                before: was.cloned(),
                after: now.cloned(),
            });
        }
    }
    changes
}

/// `of` as covered by `by`: its agencies, how many `by` also seats, and the share (0 for a
/// meeting without agencies).
fn covered(meeting: &Meeting, of: &BTreeSet<&str>, by: &BTreeSet<&str>) -> Covered {
    let shared = of.intersection(by).count();
    Covered {
        id: meeting.id.clone(),
        name: meeting.name.clone(),
        agencies: of.len(),
        shared,
        coverage: if of.is_empty() { 0.0 } else { shared as f64 / of.len() as f64 },
    }
}

/// Compares the meetings of two years given their matching. `min_coverage` is the
/// share of a removed meeting's agencies a new meeting must seat to count as its
/// replacement (mergers), and likewise for splits the other way round.
pub(crate) fn review_meetings(
    before: &[Meeting],
    after: &[Meeting],
    matching: &Matching,
    min_coverage: f64,
) -> MeetingReview {
    let mut renamed = Vec::new();
    let mut changed = Vec::new();
    for pair in &matching.pairs {
        let (b, a) = (&before[pair.before], &after[pair.after]);
        if name_key(&b.name) != name_key(&a.name) {
            renamed.push(pair.clone());
        }
        let changes = meeting_changes(b, a);
        if !changes.is_empty() {
            changed.push(ChangedMeeting {
                before_id: b.id.clone(),
                after_id: a.id.clone(),
                name: a.name.clone(),
                changes,
                person_hours_before: b.annual_person_hours(),
                person_hours_after: a.annual_person_hours(),
            });
        }
    }
    let removed_sets: Vec<(usize, BTreeSet<&str>)> =
        matching.removed.iter().map(|&i| (i, agency_set(&before[i]))).collect();
    let added_sets: Vec<(usize, BTreeSet<&str>)> =
        matching.added.iter().map(|&j| (j, agency_set(&after[j]))).collect();
    let mut mergers = Vec::new();
    for (j, new) in &added_sets {
        let replaces: Vec<Covered> = removed_sets
            .iter()
            .map(|(i, old)| covered(&before[*i], old, new))
            .filter(|c| c.agencies > 0 && c.coverage >= min_coverage)
            .collect();
        if replaces.len() >= 2 {
            mergers.push(Merger {
                id: after[*j].id.clone(),
                name: after[*j].name.clone(),
                replaces,
            });
        }
    }
    let mut splits = Vec::new();
    for (i, old) in &removed_sets {
        let into: Vec<Covered> = added_sets
            .iter()
            .map(|(j, new)| covered(&after[*j], new, old))
            .filter(|c| c.agencies > 0 && c.coverage >= min_coverage)
            .collect();
        if into.len() >= 2 {
            splits.push(Split { id: before[*i].id.clone(), name: before[*i].name.clone(), into });
        }
    }
    MeetingReview {
        matched: matching.pairs.clone(),
        added: matching.added.iter().map(|&j| MeetingEntry::of(&after[j])).collect(),
        removed: matching.removed.iter().map(|&i| MeetingEntry::of(&before[i])).collect(),
        renamed,
        changed,
        mergers,
        splits,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Participant;
    use crate::review::matching::match_meetings;

    fn meeting(id: &str, name: &str, agencies: &[&str]) -> Meeting {
        let mut m = Meeting::new(id, name);
        m.participants = agencies.iter().map(|a| Participant::new(*a, 1)).collect();
        m.frequency = Frequency::per_year(4.0);
        m.minutes_per_session = 60.0;
        m
    }

    #[test]
    fn lists_every_changed_field_and_nothing_for_an_identical_row() {
        let mut before = meeting("M1", "会議", &["A", "B"]);
        before.topics = vec!["虐待".into(), "研修".into()];
        before.extra.insert("備考".into(), "旧".into());
        assert!(meeting_changes(&before, &before.clone()).is_empty());
        let mut after = before.clone();
        after.participants = vec![Participant::new("A", 2), Participant::new("C", 1)];
        after.topics = vec!["研修".into(), "見守り".into()];
        after.frequency = Frequency::ad_hoc(6.0);
        after.minutes_per_session = 90.0;
        after.functions = vec![Function::CaseReview];
        after.statutory = Some(true);
        after.extra.clear();
        let fields: Vec<String> = meeting_changes(&before, &after)
            .iter()
            .map(|c| serde_json::to_value(c).unwrap()["field"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(
            fields,
            [
                "participants",
                "head_count",
                "topics",
                "frequency",
                "minutes",
                "functions",
                "statutory",
                "extra"
            ]
        );
    }

    #[test]
    fn a_new_meeting_covering_two_removed_ones_is_a_merger() {
        let before = vec![
            meeting("M1", "権利擁護ネットワーク会議", &["A", "B", "C", "D", "E"]),
            meeting("M2", "成年後見制度利用促進協議会", &["A", "B", "C", "D", "F"]),
            meeting("M3", "見守り連絡会", &["X", "Y"]),
        ];
        let after = vec![meeting("N1", "権利擁護支援協議会", &["A", "B", "C", "D", "E", "F"])];
        let matching = match_meetings(&before, &after, true, 0.6);
        let review = review_meetings(&before, &after, &matching, 0.8);
        assert_eq!(review.mergers.len(), 1);
        let ids: Vec<&str> = review.mergers[0].replaces.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["M1", "M2"]);
        assert!(review.splits.is_empty());
    }

    #[test]
    fn a_removed_meeting_covering_two_new_ones_is_a_split() {
        let before = vec![meeting("M1", "実務者会議", &["A", "B", "C", "D", "E"])];
        let after = vec![
            meeting("N1", "全体会議", &["A", "B", "C", "D", "E", "Z"]),
            meeting("N2", "個別会議", &["A", "B"]),
        ];
        let matching = match_meetings(&before, &after, true, 0.6);
        let review = review_meetings(&before, &after, &matching, 0.8);
        assert_eq!(review.splits.len(), 1);
        assert_eq!(review.splits[0].into.len(), 2);
        assert!(review.mergers.is_empty());
    }
}
