//! The cost model and the hard constraints for one candidate body (a group of meetings
//! held as one).
//!
//! Cost model (documented in the README): a body meets as often as the most demanding
//! meeting it absorbs (S = max sessions), for the longest absorbed session plus a fixed
//! allowance per further absorbed meeting (D, capped by the policy). Agencies that
//! attended every absorbed meeting are core members and attend every session; the others
//! are per-item members, present for the share of the body's time that their former
//! meetings' agendas fill: share = min(1, Σ sessions × minutes of their meetings / (S·D)).
//! Annual person-hours = Σ core head-count × S·D/60 + Σ per-item head-count × share × S·D/60.

use crate::legal::{Profile, SessionBar, SharingBasis, profile};
use crate::model::{Agency, Inventory};
use crate::proposal::policy::Policy;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// One meeting, prepared for the search.
#[derive(Debug, Clone)]
pub struct Item {
    /// Meeting id.
    pub id: String,
    /// Meeting name.
    pub name: String,
    /// (agency index, head-count), sorted by agency index.
    pub participants: Vec<(usize, u32)>,
    /// Sessions per year.
    pub sessions: f64,
    /// Minutes per session.
    pub minutes: f64,
    /// Ad hoc meeting.
    pub ad_hoc: bool,
    /// Area, `None` for municipality-wide (全市 and the like count as no area).
    pub area: Option<String>,
    /// Who runs it: the municipality, or an organisation of its own (社会福祉協議会,
    /// 民生委員児童委員協議会…) whose board decides on it.
    pub owner: Owner,
    /// Name key of the 親会議 (parent body) the inventory gives.
    pub parent_key: Option<String>,
    /// The field (分野) the meeting belongs to: its host's, or else the one most of its
    /// people come from (administration and unknown fields do not count).
    pub field: Option<String>,
    /// Given and inferred legal facts, after policy overrides.
    pub profile: Profile,
    /// Pinned by the policy.
    pub pinned: bool,
    /// Person-hours per year today.
    pub person_hours: f64,
    /// Functions as the inventory gives them.
    pub functions: Vec<crate::model::Function>,
    /// Topics as the inventory gives them.
    pub topics: Vec<String>,
}

impl Item {
    /// Minutes of meeting per year.
    pub fn annual_minutes(&self) -> f64 {
        self.sessions * self.minutes
    }
}

/// The inventory, prepared once for the search: agencies by index, meetings as items.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Agencies in inventory order.
    pub agencies: Vec<Agency>,
    /// Meetings in inventory order.
    pub items: Vec<Item>,
    /// The policy in force.
    pub policy: Policy,
}

impl Prepared {
    /// Prepares an inventory under a policy (overrides applied, pins resolved).
    pub fn new(inventory: &Inventory, policy: &Policy) -> Prepared {
        let index: HashMap<&str, usize> =
            inventory.agencies.iter().enumerate().map(|(i, a)| (a.name.as_str(), i)).collect();
        let mut agencies = inventory.agencies.clone();
        let mut extra: HashMap<String, usize> = HashMap::new();
        let items = inventory
            .meetings
            .iter()
            .map(|meeting| {
                let mut participants: Vec<(usize, u32)> = meeting
                    .participants
                    .iter()
                    .map(|p| {
                        let i = match index.get(p.agency.as_str()) {
                            Some(&i) => i,
                            None => *extra.entry(p.agency.clone()).or_insert_with(|| {
                                agencies.push(Agency::new(
                                    p.agency.clone(),
                                    crate::model::UNKNOWN_SECTOR,
                                ));
                                agencies.len() - 1
                            }),
                        };
                        (i, p.count)
                    })
                    .collect();
                participants.sort_unstable();
                let mut profile = profile(meeting);
                if let Some(o) = policy.overrides.get(&meeting.id) {
                    apply_override(&mut profile, o);
                }
                Item {
                    id: meeting.id.clone(),
                    name: meeting.name.clone(),
                    participants,
                    sessions: meeting.frequency.sessions_per_year,
                    minutes: meeting.minutes_per_session,
                    ad_hoc: meeting.frequency.ad_hoc,
                    area: meeting.area.clone().filter(|a| !is_municipality_wide(a)),
                    owner: Owner::of_host(meeting.host.as_deref()),
                    parent_key: meeting
                        .parent_body
                        .as_deref()
                        .filter(|p| !p.trim().is_empty())
                        .map(crate::model::name_key),
                    field: if CROSS_FIELD_TYPES.contains(&profile.known_type.unwrap_or("")) {
                        Some(CROSS_FIELD.to_string())
                    } else {
                        field_of(meeting, &inventory.agencies, &index)
                    },
                    profile,
                    pinned: policy.keep.contains(&meeting.id),
                    person_hours: meeting.annual_person_hours(),
                    functions: meeting.functions.clone(),
                    topics: meeting.topics.clone(),
                }
            })
            .collect();
        Prepared { agencies, items, policy: policy.clone() }
    }

    /// Whether an agency is bound to confidentiality by its own duty.
    pub fn bound(&self, agency: usize) -> bool {
        self.agencies[agency].confidentiality.is_bound()
    }
}

fn apply_override(profile: &mut Profile, o: &crate::proposal::policy::MeetingOverride) {
    use crate::legal::Inferred;
    if let Some(flag) = o.statutory {
        profile.statutory = Inferred { value: flag, inferred: false };
    }
    if let Some(flag) = o.personal_info {
        profile.personal_info = Inferred { value: flag, inferred: false };
        if !flag {
            profile.sharing = Inferred { value: None, inferred: false };
        } else if profile.sharing.value.is_none() {
            profile.sharing = Inferred { value: Some(SharingBasis::WithConsent), inferred: true };
        }
    }
    if let Some(tier) = o.tier {
        profile.tier = Inferred { value: tier, inferred: false };
    }
    if let Some(basis) = &o.legal_basis {
        profile.legal_basis = Inferred { value: Some(basis.clone()), inferred: false };
    }
}

/// The multi-layered program's case meetings work across every field: they form a field
/// of their own, so they are never combined with one field's case meeting.
pub const CROSS_FIELD: &str = "分野横断";

/// Catalogue types of cross-field case work.
const CROSS_FIELD_TYPES: &[&str] = &["shien_kaigi", "jusoteki_shien_kaigi"];

/// Sectors that say nothing about a meeting's field.
const NEUTRAL_SECTORS: &[&str] = &["行政", crate::model::UNKNOWN_SECTOR];

/// A meeting's field: its host's sector when that names a field, else the sector most
/// of its people come from (ties to the first in sorted order, so the result is stable).
fn field_of(
    meeting: &crate::model::Meeting,
    agencies: &[Agency],
    index: &HashMap<&str, usize>,
) -> Option<String> {
    let sector = |name: &str| index.get(name).map(|&i| agencies[i].sector.as_str());
    if let Some(host_sector) = meeting.host.as_deref().and_then(sector)
        && !NEUTRAL_SECTORS.contains(&host_sector)
    {
        return Some(host_sector.to_string());
    }
    let mut heads: BTreeMap<&str, u32> = BTreeMap::new();
    for p in &meeting.participants {
        if let Some(s) = sector(&p.agency).filter(|s| !NEUTRAL_SECTORS.contains(s)) {
            *heads.entry(s).or_insert(0) += p.count;
        }
    }
    heads.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0))).map(|(s, _)| s.to_string())
}

/// Area values that mean "the whole municipality" rather than one area.
pub(crate) fn is_municipality_wide(area: &str) -> bool {
    let key = crate::model::name_key(area);
    [
        "全市",
        "市全域",
        "全域",
        "市内全域",
        "全町",
        "全村",
        "町全域",
        "村全域",
        "citywide",
        "city-wide",
        "all",
    ]
    .iter()
    .any(|word| key == *word)
}

/// Who runs a meeting, and so who must approve a change to it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    /// The municipality: its departments host it.
    Municipality,
    /// The social welfare council (社会福祉協議会): its board decides.
    SocialWelfareCouncil,
    /// The commissioned welfare volunteers' council (民生委員児童委員協議会).
    WelfareVolunteersCouncil,
}

impl Owner {
    /// The owner a host or secretariat names.
    pub fn of_host(host: Option<&str>) -> Owner {
        let host = host.map(crate::model::name_key).unwrap_or_default();
        if host.contains("社会福祉協議会") || host.contains("社協") {
            Owner::SocialWelfareCouncil
        } else if host.contains("民生委員") || host.contains("民児協") {
            Owner::WelfareVolunteersCouncil
        } else {
            Owner::Municipality
        }
    }
}

/// A hard constraint that a candidate body breaks.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "constraint", rename_all = "snake_case")]
pub enum Violation {
    /// The policy pins the meeting.
    Pinned {
        /// Meeting id.
        meeting: String,
    },
    /// Ad hoc case meetings stay ad hoc.
    AdHoc {
        /// Meeting id.
        meeting: String,
    },
    /// Different areas.
    MixedAreas,
    /// Different tiers.
    MixedTiers,
    /// The policy forbids this pair.
    NeverMerge {
        /// Meeting ids.
        pair: [String; 2],
    },
    /// The policy does not allow joint holding of statutory meetings.
    JointStatutoryNotAllowed,
    /// Two meetings share case information on different legal bases: one may share
    /// without the person's consent, the other only with it.
    SharingBases {
        /// The meeting that may share without consent.
        without_consent: String,
        /// The law that allows it.
        law: String,
        /// The meeting that needs the person's consent.
        with_consent: String,
    },
    /// Two meetings share without consent, each under its own law, which covers only
    /// its own members.
    DifferentSharingLaws {
        /// Meeting ids.
        meetings: [String; 2],
        /// Their laws, in the same order.
        laws: [String; 2],
    },
    /// Meetings handling case information belong to different fields.
    DifferentFields {
        /// The two fields.
        fields: [String; 2],
    },
    /// Case information would reach an attendee without a duty of confidentiality.
    Confidentiality {
        /// Agency without a duty.
        agency: String,
    },
    /// Too many core members.
    Size {
        /// Core head-count.
        core: u32,
        /// Limit.
        limit: u32,
    },
    /// Too many per-item members.
    PerItemShare {
        /// Share.
        share: f64,
        /// Limit.
        limit: f64,
    },
    /// A meeting shares too few agencies with the rest of the body.
    LowOverlap {
        /// Meeting id.
        meeting: String,
        /// Its overlap.
        overlap: f64,
    },
    /// The body would need sessions longer than the policy allows to keep every
    /// agenda.
    SessionTooLong {
        /// Minutes per session needed.
        minutes: f64,
        /// Limit.
        limit: f64,
    },
    /// Person-hours would rise.
    MoreHours,
    /// A body with a basis (law, regulation, guideline, ordinance or municipal rule)
    /// would be abolished or merged away.
    BasisAbolished {
        /// Meeting id.
        meeting: String,
    },
}

/// A candidate body's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct BodyFigures {
    /// Sessions per year.
    pub sessions: f64,
    /// Minutes per session.
    pub minutes: f64,
    /// (agency, head-count) of core members.
    pub core: Vec<(usize, u32)>,
    /// (agency, head-count, expected share of sessions) of per-item members.
    pub per_item: Vec<(usize, u32, f64)>,
    /// Person-hours per year.
    pub person_hours: f64,
    /// Person-hours per year if every member sits through every session.
    pub full_attendance_hours: f64,
    /// Person-hours per year of the absorbed meetings today.
    pub hours_before: f64,
}

impl BodyFigures {
    /// Core head-count.
    pub fn core_head_count(&self) -> u32 {
        self.core.iter().map(|(_, c)| c).sum()
    }
}

/// Figures of a group held as one body (a single meeting is kept as it is).
pub fn figures(prepared: &Prepared, group: &[usize]) -> BodyFigures {
    let items: Vec<&Item> = group.iter().map(|&i| &prepared.items[i]).collect();
    let hours_before: f64 = items.iter().map(|i| i.person_hours).sum();
    if let [only] = items.as_slice() {
        return BodyFigures {
            sessions: only.sessions,
            minutes: only.minutes,
            core: only.participants.clone(),
            per_item: Vec::new(),
            person_hours: only.person_hours,
            full_attendance_hours: only.person_hours,
            hours_before,
        };
    }
    let policy = &prepared.policy;
    let sessions = items.iter().map(|i| i.sessions).fold(0.0, f64::max);
    let longest = items.iter().map(|i| i.minutes).fold(0.0, f64::max);
    // Agenda time is kept: the body meets long enough for every absorbed agenda, less
    // only the share the policy lets it save (repeated openings and reports), and never
    // shorter than the longest absorbed session.
    let agenda_minutes: f64 = items.iter().map(|i| i.annual_minutes()).sum();
    let compressed = agenda_minutes * (1.0 - policy.agenda_compression) / sessions.max(1e-9);
    let minutes = longest.max(compressed);
    let body_minutes = sessions * minutes;
    // agency → (meetings attended, largest head-count, minutes per year attended)
    let mut attendance: BTreeMap<usize, (usize, u32, f64)> = BTreeMap::new();
    for item in &items {
        for &(agency, count) in &item.participants {
            let entry = attendance.entry(agency).or_insert((0, 0, 0.0));
            entry.0 += 1;
            entry.1 = entry.1.max(count);
            entry.2 += item.annual_minutes();
        }
    }
    let mut core = Vec::new();
    let mut per_item = Vec::new();
    let mut person_minutes = 0.0;
    for (agency, (meetings, count, minutes_attended)) in attendance {
        if meetings == items.len() || minutes_attended >= body_minutes {
            core.push((agency, count));
            person_minutes += f64::from(count) * body_minutes;
        } else {
            let share = minutes_attended / body_minutes;
            per_item.push((agency, count, share));
            person_minutes += f64::from(count) * minutes_attended;
        }
    }
    let heads: u32 = core.iter().map(|&(_, c)| c).chain(per_item.iter().map(|&(_, c, _)| c)).sum();
    BodyFigures {
        sessions,
        minutes,
        core,
        per_item,
        person_hours: person_minutes / 60.0,
        full_attendance_hours: f64::from(heads) * body_minutes / 60.0,
        hours_before,
    }
}

/// Cost of a body: person-hours plus the policy's fixed cost per body.
pub fn cost(prepared: &Prepared, figures: &BodyFigures) -> f64 {
    figures.person_hours + prepared.policy.fixed_cost_hours
}

/// Pairwise constraints: those that hold for a group exactly when they hold for every
/// pair in it. Used to cut the search space before evaluating groups.
pub fn pair_violation(prepared: &Prepared, a: usize, b: usize) -> Option<Violation> {
    pair_violations(prepared, a, b, true).into_iter().next()
}

/// Every pairwise constraint the pair breaks (all of them when `first_only` is false),
/// so explanations can name each reason, not just the first.
pub fn pair_violations(
    prepared: &Prepared,
    a: usize,
    b: usize,
    first_only: bool,
) -> Vec<Violation> {
    let policy = &prepared.policy;
    let (x, y) = (&prepared.items[a], &prepared.items[b]);
    let mut found = Vec::new();
    macro_rules! found {
        ($v:expr) => {{
            found.push($v);
            if first_only {
                return found;
            }
        }};
    }
    for item in [x, y] {
        if item.pinned {
            found!(Violation::Pinned { meeting: item.id.clone() });
        }
        if item.ad_hoc {
            found!(Violation::AdHoc { meeting: item.id.clone() });
        }
    }
    if !policy.allow_mixed_areas && x.area != y.area {
        found!(Violation::MixedAreas);
    }
    if x.profile.tier.value != y.profile.tier.value {
        found!(Violation::MixedTiers);
    }
    // The pair's ids are cloned only into a violation: the search calls this for every
    // pair of meetings that share an agency (over 10^8 at 30,000 meetings).
    let pair = || [x.id.clone(), y.id.clone()];
    if policy
        .never_merge
        .iter()
        .any(|[p, q]| (*p == x.id && *q == y.id) || (*p == y.id && *q == x.id))
    {
        found!(Violation::NeverMerge { pair: pair() });
    }
    if !policy.allow_joint_statutory && (has_basis(x) || has_basis(y)) {
        found!(Violation::JointStatutoryNotAllowed);
    }
    if let Some(violation) = sharing_conflict(x, y) {
        found!(violation);
    }
    // Case information is shared for the person's support within one field's network;
    // a case meeting is not merged into another field's case meeting on shared
    // agencies alone.
    if (x.profile.personal_info.value || y.profile.personal_info.value)
        && let (Some(f), Some(g)) = (&x.field, &y.field)
        && f != g
    {
        found!(Violation::DifferentFields { fields: [f.clone(), g.clone()] });
    }
    found
}

/// Two case meetings whose information rests on different footings cannot be one
/// session (the rulebook in [`crate::legal`], shared with the overlap analysis).
pub(crate) fn sharing_conflict(x: &Item, y: &Item) -> Option<Violation> {
    match crate::legal::sharing_conflict(&x.id, &x.profile, &y.id, &y.profile)? {
        SessionBar::SharingBases { without_consent, law, with_consent } => {
            Some(Violation::SharingBases { without_consent, law, with_consent })
        }
        SessionBar::DifferentSharingLaws { meetings, laws } => {
            Some(Violation::DifferentSharingLaws { meetings, laws })
        }
        SessionBar::Confidentiality { .. } => None,
    }
}

/// Every hard constraint on a group of two or more meetings, with its figures.
pub fn check_group(prepared: &Prepared, group: &[usize]) -> Result<BodyFigures, Violation> {
    for (i, &a) in group.iter().enumerate() {
        for &b in &group[i + 1..] {
            if let Some(violation) = pair_violation(prepared, a, b) {
                return Err(violation);
            }
        }
    }
    check_group_after_pairs(prepared, group)
}

/// The non-pairwise constraints; callers must have checked the pairs.
pub fn check_group_after_pairs(
    prepared: &Prepared,
    group: &[usize],
) -> Result<BodyFigures, Violation> {
    let policy = &prepared.policy;
    let items: Vec<&Item> = group.iter().map(|&i| &prepared.items[i]).collect();
    // Confidentiality: when any absorbed meeting handles case information, every
    // attendee needs a duty — their own, or one conferred by a statutory meeting they
    // were already a member of (its law binds its members).
    // A duty conferred by a statutory body covers that body's own cases only: a member
    // of another law's body sitting in the same session is bound only by its own duty.
    for case in items.iter().filter(|i| i.profile.personal_info.value) {
        for item in &items {
            for &(agency, _) in &item.participants {
                let member_of_case_body = case.profile.confers_duty.value
                    && case.participants.iter().any(|&(a, _)| a == agency);
                if !prepared.bound(agency) && !member_of_case_body {
                    return Err(Violation::Confidentiality {
                        agency: prepared.agencies[agency].name.clone(),
                    });
                }
            }
        }
    }
    // Each absorbed meeting must already meet mostly the same people. An agency of a
    // meeting is shared when another meeting of the group has it too: counting in how
    // many meetings each agency sits gives every meeting's "others" at once (the search
    // and the sensitivity grid call this for every candidate group).
    let distinct: Vec<Vec<usize>> = items
        .iter()
        .map(|item| {
            let mut agencies: Vec<usize> = item.participants.iter().map(|&(a, _)| a).collect();
            agencies.sort_unstable();
            agencies.dedup();
            agencies
        })
        .collect();
    let mut meetings_of: HashMap<usize, usize> = HashMap::new();
    for &a in distinct.iter().flatten() {
        *meetings_of.entry(a).or_insert(0) += 1;
    }
    let in_others = |a: &usize| meetings_of.get(a).is_some_and(|&n| n > 1);
    for (item, own) in items.iter().zip(&distinct) {
        let only_here = own.iter().filter(|a| !in_others(a)).count();
        let others = meetings_of.len() - only_here;
        let shared = item.participants.iter().filter(|(a, _)| in_others(a)).count();
        let smaller = item.participants.len().min(others).max(1);
        let overlap = shared as f64 / smaller as f64;
        if overlap < policy.min_member_overlap {
            return Err(Violation::LowOverlap { meeting: item.id.clone(), overlap });
        }
    }
    let figures = figures(prepared, group);
    if figures.minutes > policy.max_session_minutes + 1e-9 {
        return Err(Violation::SessionTooLong {
            minutes: figures.minutes,
            limit: policy.max_session_minutes,
        });
    }
    let core = figures.core_head_count();
    if core > policy.max_core_members {
        return Err(Violation::Size { core, limit: policy.max_core_members });
    }
    let members = figures.core.len() + figures.per_item.len();
    let share = figures.per_item.len() as f64 / members.max(1) as f64;
    if share > policy.max_per_item_share + 1e-12 {
        return Err(Violation::PerItemShare { share, limit: policy.max_per_item_share });
    }
    if figures.person_hours > figures.hours_before + 1e-9 {
        return Err(Violation::MoreHours);
    }
    Ok(figures)
}

/// Whether a meeting keeps its legal identity inside a body: anything with a basis
/// (law, regulation, guideline, ordinance, municipal rule) is never merged away.
pub fn has_basis(item: &Item) -> bool {
    item.profile.strength.value.has_basis() || item.profile.statutory.value
}

/// Whether a meeting may be merged away: no basis of any kind, and run by the
/// municipality (another organisation's own body is theirs to change).
pub fn may_be_merged(item: &Item) -> bool {
    !has_basis(item) && item.owner == Owner::Municipality
}
