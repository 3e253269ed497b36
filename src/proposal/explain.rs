//! Turning a partition into bodies a planner can take to a meeting: names, roles, core
//! and per-item members, tiers and escalation paths, a reason for every decision, and
//! the before/after figures.

use crate::lang::Lang;
use crate::model::{Function, Inventory};
use crate::proposal::body::{
    BodyFigures, Item, Prepared, Violation, check_group, figures, is_statutory, pair_violations,
};
use crate::proposal::catalogue::{SharingBasis, Tier};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What happens to an existing meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// Kept as it is.
    Kept,
    /// Absorbed into a consolidated body; stops existing on its own.
    Merged,
    /// Statutory meeting held jointly (合同開催), keeping its legal identity.
    Joint,
    /// Split by purpose into a plenary and an ad hoc case meeting.
    Split,
}

impl How {
    /// Label in reports.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (How::Kept, Lang::Ja) => "維持",
            (How::Kept, Lang::En) => "kept",
            (How::Merged, Lang::Ja) => "統合",
            (How::Merged, Lang::En) => "merged",
            (How::Joint, Lang::Ja) => "合同開催",
            (How::Joint, Lang::En) => "held jointly",
            (How::Split, Lang::Ja) => "分割",
            (How::Split, Lang::En) => "split",
        }
    }
}

/// A meeting absorbed by a body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Absorbed {
    /// Meeting id.
    pub meeting: String,
    /// Meeting name.
    pub name: String,
    /// How it is absorbed.
    pub how: How,
}

/// A member of a body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    /// Agency.
    pub name: String,
    /// Head-count.
    pub count: u32,
    /// Share of sessions expected (1 for core members).
    pub expected_share: f64,
}

/// One body of the proposed structure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Body {
    /// Body id (B01, B02…), in the order of its first meeting.
    pub id: String,
    /// Suggested name.
    pub name: String,
    /// Functions, the main one first.
    pub role: Vec<Function>,
    /// Tier.
    pub tier: Tier,
    /// Attend every session.
    pub core_members: Vec<Member>,
    /// Attend when their items are on the agenda.
    pub per_item_members: Vec<Member>,
    /// Sessions per year.
    pub sessions_per_year: f64,
    /// Whether the body meets ad hoc.
    pub ad_hoc: bool,
    /// Minutes per session.
    pub minutes_per_session: f64,
    /// Person-hours per year.
    pub annual_person_hours: f64,
    /// Person-hours per year of what it replaces.
    pub hours_before: f64,
    /// Statutory identities the body keeps (legal bases).
    pub legal_identities: Vec<String>,
    /// Whether it handles personal case information.
    pub personal_info: bool,
    /// Body id this one raises issues to.
    pub escalates_to: Option<String>,
    /// Meetings it absorbs.
    pub absorbs: Vec<Absorbed>,
    /// Why.
    pub reasons: Vec<String>,
}

/// What happens to one existing meeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    /// Meeting id.
    pub meeting: String,
    /// Meeting name.
    pub name: String,
    /// Decision.
    pub how: How,
    /// Bodies it goes to.
    pub bodies: Vec<String>,
    /// Values kaigi inferred for it (field → value).
    pub inferred: BTreeMap<String, String>,
}

/// Before or after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// Meeting bodies.
    pub bodies: usize,
    /// Sessions per year.
    pub sessions_per_year: f64,
    /// Person-hours per year.
    pub annual_person_hours: f64,
    /// Pairs of agencies that meet.
    pub agency_links: usize,
    /// Pairs of sectors that meet.
    pub sector_links: usize,
}

/// How good the result is known to be.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Optimality {
    /// `exact` (proven optimum), or `heuristic` when any group was too large.
    pub method: String,
    /// (cost − lower bound) / cost; 0 when proven optimal.
    pub gap: f64,
    /// Objective: person-hours plus fixed cost per body.
    pub cost: f64,
    /// A proven lower bound on the objective.
    pub lower_bound: f64,
    /// Groups solved exactly.
    pub exact_components: usize,
    /// Groups solved by the heuristic.
    pub heuristic_components: usize,
}

impl Optimality {
    /// Builds the record; the gap is relative to the cost.
    pub fn new(exact: usize, heuristic: usize, cost: f64, lower_bound: f64) -> Self {
        let gap = if heuristic == 0 || cost <= 0.0 {
            0.0
        } else {
            ((cost - lower_bound) / cost).max(0.0)
        };
        Optimality {
            method: if heuristic == 0 { "exact".into() } else { "heuristic".into() },
            gap,
            cost,
            lower_bound,
            exact_components: exact,
            heuristic_components: heuristic,
        }
    }
}

/// Per-agency hours before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgencyHours {
    /// Agency.
    pub name: String,
    /// Hours per year today.
    pub before: f64,
    /// Hours per year proposed.
    pub after: f64,
}

/// The whole proposal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    /// Figures today.
    pub before: Figures,
    /// Figures proposed.
    pub after: Figures,
    /// Proposed bodies.
    pub bodies: Vec<Body>,
    /// One decision per existing meeting, in inventory order.
    pub meetings: Vec<Decision>,
    /// Agency pairs that would no longer meet (empty unless the policy allows).
    pub dropped_links: Vec<[String; 2]>,
    /// Sector pairs that would no longer meet.
    pub dropped_sector_links: Vec<[String; 2]>,
    /// Hours per agency.
    pub agency_hours: Vec<AgencyHours>,
    /// Optimality of the search.
    pub optimality: Optimality,
}

/// Meetings to split (the Ōda pattern): regular meetings that review cases with personal
/// information and do something else too, while attendees without any duty of
/// confidentiality sit in the room. Splitting closes the case part to them.
pub fn split_candidates(prepared: &Prepared) -> BTreeSet<usize> {
    prepared
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| {
            let case = item.profile.personal_info.value && !item.ad_hoc && !item.pinned;
            let mixed = item.functions.contains(&Function::CaseReview)
                && item.functions.iter().any(|f| *f != Function::CaseReview);
            case && mixed && !item.profile.confers_duty.value && !unbound(prepared, item).is_empty()
        })
        .map(|(i, _)| i)
        .collect()
}

/// Attendees of a meeting without a duty of confidentiality.
fn unbound(prepared: &Prepared, item: &Item) -> Vec<usize> {
    item.participants.iter().map(|&(a, _)| a).filter(|&a| !prepared.bound(a)).collect()
}

/// The case share of a split meeting's time: one part per function it serves.
fn case_share(item: &Item) -> f64 {
    1.0 / item.functions.len().max(1) as f64
}

/// Person-hours after splitting: everyone for the plenary part, bound attendees only
/// for the case part.
pub fn split_hours(prepared: &Prepared, index: usize) -> f64 {
    let item = &prepared.items[index];
    let share = case_share(item);
    let heads = |bound_only: bool| -> f64 {
        item.participants
            .iter()
            .filter(|(a, _)| !bound_only || prepared.bound(*a))
            .map(|&(_, c)| f64::from(c))
            .sum()
    };
    (heads(false) * (1.0 - share) + heads(true) * share) * item.annual_minutes() / 60.0
}

/// A body before it gets its id and texts.
struct Draft {
    members: Vec<usize>,
    part: Part,
    figures: BodyFigures,
    ad_hoc: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Group,
    Plenary,
    Case,
}

fn split_drafts(prepared: &Prepared, index: usize) -> [Draft; 2] {
    let item = &prepared.items[index];
    let share = case_share(item);
    let all = item.participants.clone();
    let bound: Vec<(usize, u32)> =
        all.iter().copied().filter(|(a, _)| prepared.bound(*a)).collect();
    let make = |core: Vec<(usize, u32)>, fraction: f64| {
        let heads: f64 = core.iter().map(|&(_, c)| f64::from(c)).sum();
        BodyFigures {
            sessions: item.sessions,
            minutes: item.minutes * fraction,
            person_hours: heads * item.annual_minutes() * fraction / 60.0,
            core,
            per_item: Vec::new(),
            hours_before: item.person_hours * fraction,
        }
    };
    [
        Draft {
            members: vec![index],
            part: Part::Plenary,
            figures: make(all, 1.0 - share),
            ad_hoc: false,
        },
        Draft { members: vec![index], part: Part::Case, figures: make(bound, share), ad_hoc: true },
    ]
}

fn members_of(figures: &BodyFigures) -> BTreeSet<usize> {
    figures
        .core
        .iter()
        .map(|&(a, _)| a)
        .chain(figures.per_item.iter().map(|&(a, _, _)| a))
        .collect()
}

/// Agency pairs (by index) and sector pairs that meet.
type Links = (BTreeSet<(usize, usize)>, BTreeSet<(String, String)>);

/// Agency pairs and sector pairs that meet in at least one of the given member sets.
fn links(prepared: &Prepared, sets: &[BTreeSet<usize>]) -> Links {
    let mut agency_pairs = BTreeSet::new();
    let mut sector_pairs = BTreeSet::new();
    for set in sets {
        let members: Vec<usize> = set.iter().copied().collect();
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                agency_pairs.insert((a.min(b), a.max(b)));
            }
        }
        let sectors: BTreeSet<&str> =
            members.iter().map(|&a| prepared.agencies[a].sector.as_str()).collect();
        let sectors: Vec<&str> = sectors.into_iter().collect();
        for (i, s) in sectors.iter().enumerate() {
            for t in &sectors[i + 1..] {
                sector_pairs.insert(((*s).to_string(), (*t).to_string()));
            }
        }
    }
    (agency_pairs, sector_pairs)
}

fn hours_text(value: f64) -> String {
    format!("{value:.1}")
}

fn list_names(names: &[String], lang: Lang, limit: usize) -> String {
    let separator = lang.pick("、", ", ");
    let mut shown: Vec<String> = names.iter().take(limit).cloned().collect();
    if names.len() > limit {
        shown.push(match lang {
            Lang::Ja => format!("ほか{}", names.len() - limit),
            Lang::En => format!("and {} more", names.len() - limit),
        });
    }
    shown.join(separator)
}

/// A violated constraint in words, for the reasons of kept meetings.
pub fn describe_violation(violation: &Violation, lang: Lang) -> String {
    use Violation::*;
    match (violation, lang) {
        (Pinned { meeting }, Lang::Ja) => format!("{meeting} はポリシーで維持が指定されている"),
        (Pinned { meeting }, Lang::En) => format!("the policy pins {meeting}"),
        (AdHoc { meeting }, Lang::Ja) => {
            format!("{meeting} は随時開催の会議で、随時のまま維持する")
        }
        (AdHoc { meeting }, Lang::En) => format!("{meeting} is an ad hoc meeting and stays ad hoc"),
        (MixedAreas, Lang::Ja) => {
            "圏域が異なる（ポリシーで圏域をまたぐ統合を許可していない）".into()
        }
        (MixedAreas, Lang::En) => {
            "the areas differ (the policy does not allow mixing areas)".into()
        }
        (MixedTiers, Lang::Ja) => "階層（個別／地域・ネットワーク／施策）が異なる".into(),
        (MixedTiers, Lang::En) => "the tiers differ (case / community / policy)".into(),
        (NeverMerge { pair }, Lang::Ja) => {
            format!("ポリシーで {} と {} の統合が禁止されている", pair[0], pair[1])
        }
        (NeverMerge { pair }, Lang::En) => {
            format!("the policy forbids merging {} and {}", pair[0], pair[1])
        }
        (JointStatutoryNotAllowed, Lang::Ja) => {
            "ポリシーで法定会議の合同開催を許可していない".into()
        }
        (JointStatutoryNotAllowed, Lang::En) => {
            "the policy does not allow joint holding of statutory meetings".into()
        }
        (SharingBases { pair }, Lang::Ja) => format!(
            "{} と {} は個人情報共有の法的根拠が異なる（同意不要／同意が必要）ため 1 つの会議にはできない。連続開催（同日に続けて開催）を検討",
            pair[0], pair[1]
        ),
        (SharingBases { pair }, Lang::En) => format!(
            "{} and {} share case information on different legal bases (without / with consent), so they cannot be one session; consider holding them back to back",
            pair[0], pair[1]
        ),
        (Confidentiality { agency }, Lang::Ja) => {
            format!("個人情報を扱う会議に守秘義務のない {agency} が同席することになる")
        }
        (Confidentiality { agency }, Lang::En) => {
            format!("case information would reach {agency}, who has no duty of confidentiality")
        }
        (Size { core, limit }, Lang::Ja) => {
            format!("コアメンバーが {core} 人となり上限 {limit} 人を超える")
        }
        (Size { core, limit }, Lang::En) => {
            format!("core members would number {core}, over the limit of {limit}")
        }
        (PerItemShare { share, limit }, Lang::Ja) => format!(
            "都度参加の機関が {:.0}% となり上限 {:.0}% を超える",
            share * 100.0,
            limit * 100.0
        ),
        (PerItemShare { share, limit }, Lang::En) => format!(
            "per-item members would be {:.0}%, over the limit of {:.0}%",
            share * 100.0,
            limit * 100.0
        ),
        (LowOverlap { meeting, overlap }, Lang::Ja) => format!(
            "{meeting} の参加機関の重なりが {:.0}% で、統合の目安に満たない",
            overlap * 100.0
        ),
        (LowOverlap { meeting, overlap }, Lang::En) => format!(
            "{meeting} shares only {:.0}% of its agencies, below the threshold for merging",
            overlap * 100.0
        ),
        (MoreHours, Lang::Ja) => "統合すると延べ時間が増える".into(),
        (MoreHours, Lang::En) => "merging would increase person-hours".into(),
    }
}

/// Builds the proposal from a partition and the split meetings.
pub fn assemble(
    inventory: &Inventory,
    prepared: &Prepared,
    partition: &[Vec<usize>],
    splits: &BTreeSet<usize>,
    optimality: Optimality,
    lang: Lang,
) -> Proposal {
    let policy = &prepared.policy;
    let mut drafts: Vec<Draft> = partition
        .iter()
        .map(|group| Draft {
            members: group.clone(),
            part: Part::Group,
            figures: figures(prepared, group),
            ad_hoc: group.len() == 1 && prepared.items[group[0]].ad_hoc,
        })
        .collect();
    for &index in splits {
        drafts.extend(split_drafts(prepared, index));
    }
    drafts.sort_by_key(|d| (d.members[0], d.part != Part::Group, d.part == Part::Case));
    let body_of_item: BTreeMap<usize, Vec<usize>> = {
        let mut map: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (b, draft) in drafts.iter().enumerate() {
            for &m in &draft.members {
                map.entry(m).or_default().push(b);
            }
        }
        map
    };
    let ids: Vec<String> = (0..drafts.len()).map(|b| format!("B{:02}", b + 1)).collect();
    let kept_context = KeptContext::new(prepared, partition);
    let name_of = |a: usize| prepared.agencies[a].name.clone();
    // Bodies are independent of each other: built in parallel (`collect` keeps their
    // order), each worker with its own "meetings sharing an agency" counter for
    // `why_kept`.
    let mut bodies: Vec<Body> = drafts
        .par_iter()
        .enumerate()
        .map_init(SharedCounter::default, |counter, (b, draft)| {
            let items: Vec<&Item> = draft.members.iter().map(|&i| &prepared.items[i]).collect();
            let tier = match draft.part {
                Part::Group => items[0].profile.tier.value,
                Part::Plenary => Tier::Community,
                Part::Case => Tier::Case,
            };
            let statutory: Vec<&&Item> = items.iter().filter(|i| is_statutory(i)).collect();
            let how = |item: &Item| match (draft.part, items.len()) {
                (Part::Plenary | Part::Case, _) => How::Split,
                (Part::Group, 1) => How::Kept,
                (Part::Group, _) if is_statutory(item) => How::Joint,
                (Part::Group, _) => How::Merged,
            };
            let name = body_name(&items, draft.part, !statutory.is_empty(), lang);
            let role = body_role(&items, draft.part);
            let personal_info = match draft.part {
                Part::Plenary => false,
                Part::Case => true,
                Part::Group => items.iter().any(|i| i.profile.personal_info.value),
            };
            let mut reasons = Vec::new();
            match (draft.part, items.len()) {
                (Part::Group, 1) => reasons.push(why_kept(
                    prepared,
                    &kept_context,
                    counter,
                    draft.members[0],
                    &body_of_item,
                    &ids,
                    lang,
                )),
                (Part::Group, _) => reasons.extend(why_merged(
                    prepared,
                    &items,
                    &draft.figures,
                    personal_info,
                    lang,
                )),
                (Part::Plenary, _) => reasons.push(why_split(prepared, items[0], lang)),
                (Part::Case, _) => {}
            }
            let legal_identities = statutory
                .iter()
                .map(|i| match &i.profile.legal_basis.value {
                    Some(basis) => format!("{} ({basis})", i.name),
                    None => i.name.clone(),
                })
                .collect();
            Body {
                id: ids[b].clone(),
                name,
                role,
                tier,
                core_members: draft
                    .figures
                    .core
                    .iter()
                    .map(|&(a, c)| Member { name: name_of(a), count: c, expected_share: 1.0 })
                    .collect(),
                per_item_members: draft
                    .figures
                    .per_item
                    .iter()
                    .map(|&(a, c, s)| Member { name: name_of(a), count: c, expected_share: s })
                    .collect(),
                sessions_per_year: draft.figures.sessions,
                ad_hoc: draft.ad_hoc,
                minutes_per_session: draft.figures.minutes,
                annual_person_hours: draft.figures.person_hours,
                hours_before: draft.figures.hours_before,
                legal_identities,
                personal_info,
                escalates_to: None,
                absorbs: items
                    .iter()
                    .map(|i| Absorbed { meeting: i.id.clone(), name: i.name.clone(), how: how(i) })
                    .collect(),
                reasons,
            }
        })
        .collect();
    // Escalation: each case body raises regional issues to the community body with which
    // it shares most agencies; each community body feeds the policy body it shares most with.
    let member_sets: Vec<BTreeSet<usize>> = drafts.iter().map(|d| members_of(&d.figures)).collect();
    let areas: Vec<Option<String>> =
        drafts.iter().map(|d| prepared.items[d.members[0]].area.clone()).collect();
    let mut bodies_of_agency: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (t, set) in member_sets.iter().enumerate() {
        for &a in set {
            bodies_of_agency.entry(a).or_default().push(t);
        }
    }
    let escalation_targets: Vec<Option<usize>> = (0..bodies.len())
        .into_par_iter()
        .map_init(SharedCounter::default, |counter, b| {
            // Area bodies report to the municipality-wide body of their tier when there
            // is one (第2層 → 第1層 協議体); otherwise one tier up (case → community →
            // policy).
            let up = match bodies[b].tier {
                Tier::Case => Some(Tier::Community),
                Tier::Community => Some(Tier::Policy),
                Tier::Policy => None,
            };
            let candidate = |t: usize| {
                let same_tier_wider =
                    bodies[t].tier == bodies[b].tier && areas[b].is_some() && areas[t].is_none();
                t != b && (Some(bodies[t].tier) == up || same_tier_wider)
            };
            // Shared agencies counted through the agency index, so only bodies sharing
            // someone are looked at (intersecting every pair of bodies was quadratic).
            counter.count(bodies.len(), member_sets[b].iter().map(|a| &bodies_of_agency[a]));
            let best = counter
                .touched
                .iter()
                .copied()
                .filter(|&t| candidate(t))
                .map(|t| {
                    let shared = counter.shared[t] as usize;
                    let same_area = areas[b] == areas[t];
                    let same_tier_wider = bodies[t].tier == bodies[b].tier;
                    (same_tier_wider && shared > 0, shared, same_area, std::cmp::Reverse(t))
                })
                .max();
            counter.clear();
            best.map(|(_, _, _, std::cmp::Reverse(t))| t)
        })
        .collect();
    for (body, target) in bodies.iter_mut().zip(escalation_targets) {
        body.escalates_to = target.map(|t| ids[t].clone());
    }
    let meetings = prepared
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let body_ids: Vec<String> =
                body_of_item.get(&i).into_iter().flatten().map(|&b| ids[b].clone()).collect();
            let how = body_of_item
                .get(&i)
                .and_then(|bs| bs.first())
                .and_then(|&b| bodies[b].absorbs.iter().find(|a| a.meeting == item.id))
                .map_or(How::Kept, |a| a.how);
            Decision {
                meeting: item.id.clone(),
                name: item.name.clone(),
                how,
                bodies: body_ids,
                inferred: inferred_values(item),
            }
        })
        .collect();
    let before_sets: Vec<BTreeSet<usize>> =
        prepared.items.iter().map(|i| i.participants.iter().map(|&(a, _)| a).collect()).collect();
    let (before_links, before_sectors) = links(prepared, &before_sets);
    let (after_links, after_sectors) = links(prepared, &member_sets);
    let dropped_links = before_links
        .difference(&after_links)
        .map(|&(a, b)| [name_of(a), name_of(b)])
        .filter(|[a, b]| !policy.allows_dropping(a, b))
        .collect();
    let dropped_sector_links =
        before_sectors.difference(&after_sectors).map(|(s, t)| [s.clone(), t.clone()]).collect();
    let before = Figures {
        bodies: prepared.items.len(),
        sessions_per_year: prepared.items.iter().map(|i| i.sessions).sum(),
        annual_person_hours: prepared.items.iter().map(|i| i.person_hours).sum(),
        agency_links: before_links.len(),
        sector_links: before_sectors.len(),
    };
    let after = Figures {
        bodies: bodies.len(),
        sessions_per_year: bodies.iter().map(|b| b.sessions_per_year).sum(),
        annual_person_hours: bodies.iter().map(|b| b.annual_person_hours).sum(),
        agency_links: after_links.len(),
        sector_links: after_sectors.len(),
    };
    let before_hours = inventory.agency_annual_hours();
    let mut after_hours: BTreeMap<String, f64> =
        before_hours.keys().map(|k| (k.clone(), 0.0)).collect();
    for draft in &drafts {
        let body_minutes = draft.figures.sessions * draft.figures.minutes;
        for &(a, c) in &draft.figures.core {
            *after_hours.entry(name_of(a)).or_insert(0.0) += f64::from(c) * body_minutes / 60.0;
        }
        for &(a, c, s) in &draft.figures.per_item {
            *after_hours.entry(name_of(a)).or_insert(0.0) += f64::from(c) * s * body_minutes / 60.0;
        }
    }
    let agency_hours = after_hours
        .into_iter()
        .map(|(name, after)| AgencyHours {
            before: before_hours.get(&name).copied().unwrap_or(0.0),
            name,
            after,
        })
        .collect();
    Proposal {
        before,
        after,
        bodies,
        meetings,
        dropped_links,
        dropped_sector_links,
        agency_hours,
        optimality,
    }
}

fn inferred_values(item: &Item) -> BTreeMap<String, String> {
    let p = &item.profile;
    let mut map = BTreeMap::new();
    if p.statutory.inferred {
        map.insert("statutory".into(), p.statutory.value.to_string());
    }
    if let (true, Some(basis)) = (p.legal_basis.inferred, &p.legal_basis.value) {
        map.insert("legal_basis".into(), basis.clone());
    }
    if p.tier.inferred {
        map.insert("tier".into(), format!("{:?}", p.tier.value).to_lowercase());
    }
    if p.personal_info.inferred {
        map.insert("personal_info".into(), p.personal_info.value.to_string());
    }
    if p.sharing.inferred {
        let text = match &p.sharing.value {
            Some(SharingBasis::WithoutConsent(law)) => format!("without_consent ({law})"),
            Some(SharingBasis::WithConsent) => "with_consent".into(),
            None => "none".into(),
        };
        map.insert("sharing".into(), text);
    }
    if p.confers_duty.inferred && p.confers_duty.value {
        map.insert("confers_duty".into(), "true".into());
    }
    map
}

fn body_name(items: &[&Item], part: Part, joint: bool, lang: Lang) -> String {
    match (part, items) {
        (Part::Plenary, [item]) => match lang {
            Lang::Ja => format!("{} 全体会議", item.name),
            Lang::En => format!("{} — plenary", item.name),
        },
        (Part::Case, [item]) => match lang {
            Lang::Ja => format!("{} 個別会議（随時）", item.name),
            Lang::En => format!("{} — ad hoc case meeting", item.name),
        },
        (_, [item]) => item.name.clone(),
        _ => {
            let names: Vec<String> = items.iter().map(|i| i.name.clone()).collect();
            match (lang, joint) {
                (Lang::Ja, true) => {
                    format!("{} 合同会議", list_names(&names, lang, 3).replace('、', "・"))
                }
                (Lang::Ja, false) => {
                    format!("{} 統合会議", list_names(&names, lang, 3).replace('、', "・"))
                }
                (Lang::En, true) => format!("Joint session: {}", names.join(" + ")),
                (Lang::En, false) => format!("Consolidated: {}", names.join(" + ")),
            }
        }
    }
}

/// Functions weighted by the annual minutes of the meetings that serve them.
fn body_role(items: &[&Item], part: Part) -> Vec<Function> {
    match part {
        Part::Case => return vec![Function::CaseReview],
        Part::Plenary => {
            return items[0]
                .functions
                .iter()
                .copied()
                .filter(|f| *f != Function::CaseReview)
                .collect();
        }
        Part::Group => {}
    }
    let mut weight: BTreeMap<Function, f64> = BTreeMap::new();
    for item in items {
        for f in &item.functions {
            *weight.entry(*f).or_insert(0.0) += item.annual_minutes();
        }
    }
    let mut role: Vec<(Function, f64)> = weight.into_iter().collect();
    role.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    role.into_iter().map(|(f, _)| f).collect()
}

fn why_merged(
    prepared: &Prepared,
    items: &[&Item],
    figures: &BodyFigures,
    personal_info: bool,
    lang: Lang,
) -> Vec<String> {
    let policy = &prepared.policy;
    let ids: Vec<String> = items.iter().map(|i| i.id.clone()).collect();
    let ids = ids.join(lang.pick("・", ", "));
    let mut count: BTreeMap<usize, usize> = BTreeMap::new();
    for item in items {
        for &(a, _) in &item.participants {
            *count.entry(a).or_insert(0) += 1;
        }
    }
    let shared: Vec<String> = count
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(&a, _)| prepared.agencies[a].name.clone())
        .collect();
    let mut topics: BTreeMap<String, usize> = BTreeMap::new();
    for item in items {
        let own: BTreeSet<String> = item.topics.iter().map(|t| crate::model::name_key(t)).collect();
        for t in own {
            *topics.entry(t).or_insert(0) += 1;
        }
    }
    let shared_topics: Vec<String> = items
        .iter()
        .flat_map(|i| i.topics.iter())
        .filter(|t| topics.get(&crate::model::name_key(t)).is_some_and(|n| *n > 1))
        .cloned()
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect();
    let saved = figures.hours_before - figures.person_hours;
    let fixed = policy.fixed_cost_hours * (items.len() - 1) as f64;
    let mut reasons = vec![match lang {
        Lang::Ja => format!(
            "{ids} は参加機関 {} のうち {} が重複している（{}）",
            count.len(),
            shared.len(),
            list_names(&shared, lang, 8)
        ),
        Lang::En => format!(
            "{ids} share {} of their {} agencies ({})",
            shared.len(),
            count.len(),
            list_names(&shared, lang, 8)
        ),
    }];
    if !shared_topics.is_empty() {
        reasons.push(match lang {
            Lang::Ja => format!("共通の議題: {}", list_names(&shared_topics, lang, 6)),
            Lang::En => format!("shared topics: {}", list_names(&shared_topics, lang, 6)),
        });
    }
    reasons.push(match lang {
        Lang::Ja => format!(
            "年間延べ時間 {} → {}（{} 時間削減）、会議体 {} → 1（事務局の固定費 {} 時間削減）",
            hours_text(figures.hours_before),
            hours_text(figures.person_hours),
            hours_text(saved),
            items.len(),
            hours_text(fixed)
        ),
        Lang::En => format!(
            "person-hours per year {} → {} ({} saved); {} bodies → 1 ({} secretariat hours saved)",
            hours_text(figures.hours_before),
            hours_text(figures.person_hours),
            hours_text(saved),
            items.len(),
            hours_text(fixed)
        ),
    });
    for item in items.iter().filter(|i| is_statutory(i)) {
        let basis = item.profile.legal_basis.value.clone().unwrap_or_default();
        reasons.push(match lang {
            Lang::Ja => format!("{} は法定会議（{basis}）のため廃止せず、合同開催として法的な位置づけを維持する（1 回の会議で兼ねる）", item.id),
            Lang::En => format!("{} is statutory ({basis}): it is not abolished but held jointly, keeping its legal identity", item.id),
        });
    }
    let members = figures.core.len() + figures.per_item.len();
    let share = figures.per_item.len() as f64 / members.max(1) as f64 * 100.0;
    let mut checks = match lang {
        Lang::Ja => format!(
            "確認した制約: 同一の階層・圏域、随時開催の会議を含まない、コアメンバー {} 人 ≤ 上限 {} 人、都度参加 {:.0}% ≤ {:.0}%、延べ時間が増えない、つながりを失わない",
            figures.core_head_count(),
            policy.max_core_members,
            share,
            policy.max_per_item_share * 100.0
        ),
        Lang::En => format!(
            "constraints checked: same tier and area, no ad hoc meeting, core members {} ≤ limit {}, per-item members {:.0}% ≤ {:.0}%, no increase in person-hours, no link lost",
            figures.core_head_count(),
            policy.max_core_members,
            share,
            policy.max_per_item_share * 100.0
        ),
    };
    if personal_info {
        checks.push_str(lang.pick(
            "、個人情報を扱うため出席者全員の守秘義務（本人の義務または法定会議の構成員としての義務）",
            ", case information handled: every attendee is bound to confidentiality (own duty or as a member of a statutory meeting)",
        ));
    }
    reasons.push(checks);
    reasons
}

fn why_split(prepared: &Prepared, item: &Item, lang: Lang) -> String {
    let names: Vec<String> =
        unbound(prepared, item).iter().map(|&a| prepared.agencies[a].name.clone()).collect();
    match lang {
        Lang::Ja => format!(
            "{} は個人情報を扱う個別ケース検討に守秘義務のない参加者（{}）が同席しているため、大田市の例にならい、全員が参加する全体会議（関係づくり・情報共有）と守秘義務のある機関だけの随時の個別会議に分ける",
            item.id,
            list_names(&names, lang, 6)
        ),
        Lang::En => format!(
            "{} reviews personal cases with attendees who have no duty of confidentiality ({}); following Ōda city, it is split into a plenary for everyone (relationships, information sharing) and an ad hoc case meeting of bound agencies only",
            item.id,
            list_names(&names, lang, 6)
        ),
    }
}

/// What the reasons for kept meetings look up, built once per proposal so that finding
/// each kept meeting's closest candidate costs its agencies' meetings, not all meetings.
/// How many agencies each other meeting (or body) shares with one, counted through an
/// agency index. A dense counter and the list of touched entries instead of a map: one
/// popular agency links a third of all meetings, and this runs once per meeting.
#[derive(Default)]
struct SharedCounter {
    shared: Vec<u32>,
    touched: Vec<usize>,
}

impl SharedCounter {
    /// Counts every entry of every list; `len` is the number of possible entries.
    fn count<'a>(&mut self, len: usize, lists: impl Iterator<Item = &'a Vec<usize>>) {
        if self.shared.len() < len {
            self.shared.resize(len, 0);
        }
        for list in lists {
            for &t in list {
                if self.shared[t] == 0 {
                    self.touched.push(t);
                }
                self.shared[t] += 1;
            }
        }
    }

    /// Resets the touched entries only.
    fn clear(&mut self) {
        for &t in &self.touched {
            self.shared[t] = 0;
        }
        self.touched.clear();
    }
}

struct KeptContext {
    /// Agency → meetings of the partition (split meetings are not candidates).
    by_agency: BTreeMap<usize, Vec<usize>>,
    /// Meeting → size of its group in the partition.
    group_len: BTreeMap<usize, usize>,
}

impl KeptContext {
    fn new(prepared: &Prepared, partition: &[Vec<usize>]) -> Self {
        let mut by_agency: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        let mut group_len = BTreeMap::new();
        for group in partition {
            for &item in group {
                group_len.insert(item, group.len());
                for &(agency, _) in &prepared.items[item].participants {
                    by_agency.entry(agency).or_default().push(item);
                }
            }
        }
        KeptContext { by_agency, group_len }
    }
}

fn why_kept(
    prepared: &Prepared,
    context: &KeptContext,
    counter: &mut SharedCounter,
    index: usize,
    body_of_item: &BTreeMap<usize, Vec<usize>>,
    ids: &[String],
    lang: Lang,
) -> String {
    let item = &prepared.items[index];
    let prefix = match lang {
        Lang::Ja => format!("{} は維持: ", item.id),
        Lang::En => format!("{} is kept: ", item.id),
    };
    if item.pinned {
        return prefix + &describe_violation(&Violation::Pinned { meeting: item.id.clone() }, lang);
    }
    if item.ad_hoc {
        return prefix + &describe_violation(&Violation::AdHoc { meeting: item.id.clone() }, lang);
    }
    counter.count(
        prepared.items.len(),
        item.participants.iter().filter_map(|(agency, _)| context.by_agency.get(agency)),
    );
    // Ties go to the smallest index, so the order `touched` lists them in does not matter.
    let best = counter
        .touched
        .iter()
        .filter(|&&j| j != index)
        .map(|&j| {
            let shared = counter.shared[j] as usize;
            let smaller = item.participants.len().min(prepared.items[j].participants.len());
            (j, shared, shared as f64 / smaller.max(1) as f64)
        })
        .max_by(|a, b| a.2.total_cmp(&b.2).then(b.0.cmp(&a.0)));
    counter.clear();
    let Some((other, _, overlap)) = best else {
        return prefix
            + lang.pick("参加機関が共通する会議がない", "no other meeting shares its agencies");
    };
    let other_id = &prepared.items[other].id;
    let candidate = match lang {
        Lang::Ja => {
            format!("最も重なる {other_id}（重なり {:.0}%）との統合は不可 — ", overlap * 100.0)
        }
        Lang::En => format!(
            "the closest meeting, {other_id} ({:.0}% overlap), cannot join it — ",
            overlap * 100.0
        ),
    };
    let mut pair = vec![index, other];
    pair.sort_unstable();
    let pairwise = pair_violations(prepared, pair[0], pair[1], false);
    if !pairwise.is_empty() {
        let reasons: Vec<String> = pairwise.iter().map(|v| describe_violation(v, lang)).collect();
        return prefix + &candidate + &reasons.join(lang.pick("。また、", "; also, "));
    }
    match check_group(prepared, &pair) {
        Err(violation) => prefix + &candidate + &describe_violation(&violation, lang),
        Ok(figures) => {
            let merged_body =
                body_of_item.get(&other).and_then(|b| b.first()).map(|&b| ids[b].clone());
            let other_alone = context.group_len.get(&other) == Some(&1);
            if other_alone {
                let before = prepared.items[index].person_hours
                    + prepared.items[other].person_hours
                    + 2.0 * prepared.policy.fixed_cost_hours;
                let after = figures.person_hours + prepared.policy.fixed_cost_hours;
                prefix
                    + &match lang {
                        Lang::Ja => format!(
                            "{other_id} と統合しても延べ時間と固定費の合計が下がらない（{} → {}）",
                            hours_text(before),
                            hours_text(after)
                        ),
                        Lang::En => format!(
                            "merging with {other_id} would not lower person-hours plus fixed cost ({} → {})",
                            hours_text(before),
                            hours_text(after)
                        ),
                    }
            } else {
                prefix
                    + &match lang {
                        Lang::Ja => format!(
                            "{other_id} は {} に統合され、そちらの方が削減が大きい",
                            merged_body.unwrap_or_default()
                        ),
                        Lang::En => format!(
                            "{other_id} joins {} instead, which saves more",
                            merged_body.unwrap_or_default()
                        ),
                    }
            }
        }
    }
}
