//! Turning a partition into bodies a planner can take to a meeting: names, roles, core
//! and per-item members, tiers and escalation paths, a reason for every decision, and
//! the before/after figures.

use crate::legal::Strength;
use crate::legal::Tier;
use crate::model::{Function, Inventory, name_key};
use crate::proposal::body::{
    BodyFigures, Item, Owner, Prepared, Violation, check_group, figures, has_basis, may_be_merged,
    pair_violations,
};
use crate::proposal::escalation::meeting_targets;
use crate::proposal::result::{
    Absorbed, AgencyHours, Approver, Assumptions, Body, Decision, Escalation, EscalationRule,
    Figures, How, InferenceSource, InferredValue, KeptBecause, LegalIdentity, Member, Optimality,
    Proposal, Reason, SplitPart,
};
use crate::proposal::split::{Draft, Part, split_drafts, unbound};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

fn members_of(figures: &BodyFigures) -> BTreeSet<usize> {
    figures
        .core
        .iter()
        .map(|&(a, _)| a)
        .chain(figures.per_item.iter().map(|&(a, _, _)| a))
        .collect()
}

/// Agency pairs (by index) and sector pairs that meet.
pub(crate) type Links = (BTreeSet<(usize, usize)>, BTreeSet<(String, String)>);

/// Agency pairs and sector pairs that meet in at least one of the given member sets.
pub(crate) fn links(prepared: &Prepared, sets: &[BTreeSet<usize>]) -> Links {
    let mut agency_pairs = BTreeSet::new();
    let mut sector_pairs = BTreeSet::new();
    for set in sets {
        let members: Vec<usize> = set.iter().copied().collect();
        for (i, &a) in members.iter().enumerate() {
            for &b in &members[i + 1..] {
                agency_pairs.insert((a.min(b), a.max(b)));
            }
        }
        // An agency the registry does not place has no field: it links no field pair.
        let sectors: BTreeSet<&str> = members
            .iter()
            .map(|&a| prepared.agencies[a].sector.as_str())
            .filter(|&s| s != crate::model::UNKNOWN_SECTOR)
            .collect();
        let sectors: Vec<&str> = sectors.into_iter().collect();
        for (i, s) in sectors.iter().enumerate() {
            for t in &sectors[i + 1..] {
                sector_pairs.insert(((*s).to_string(), (*t).to_string()));
            }
        }
    }
    (agency_pairs, sector_pairs)
}

/// Field pairs can be counted only when the registry places agencies in at least two
/// fields; without an agency list every field is unknown and a count of 0 would
/// wrongly say that no fields meet.
pub(crate) fn countable_field_links(prepared: &Prepared, pairs: usize) -> Option<usize> {
    let fields = crate::model::distinct_fields(prepared.agencies.iter().map(|a| a.sector.as_str()));
    (fields >= 2).then_some(pairs)
}

/// Hours per agency today and in the given bodies: core members for every session,
/// per-item members for their share.
pub(crate) fn agency_hours<'a>(
    inventory: &Inventory,
    prepared: &Prepared,
    bodies: impl Iterator<Item = &'a BodyFigures>,
) -> Vec<AgencyHours> {
    let name_of = |a: usize| prepared.agencies[a].name.clone();
    let before_hours = inventory.agency_annual_hours();
    let mut after_hours: BTreeMap<String, f64> =
        before_hours.keys().map(|k| (k.clone(), 0.0)).collect();
    for figures in bodies {
        let body_minutes = figures.sessions * figures.minutes;
        for &(a, c) in &figures.core {
            *after_hours.entry(name_of(a)).or_insert(0.0) += f64::from(c) * body_minutes / 60.0;
        }
        for &(a, c, s) in &figures.per_item {
            *after_hours.entry(name_of(a)).or_insert(0.0) += f64::from(c) * s * body_minutes / 60.0;
        }
    }
    after_hours
        .into_iter()
        .map(|(name, after)| AgencyHours {
            before: before_hours.get(&name).copied().unwrap_or(0.0),
            name,
            after,
        })
        .collect()
}

/// Builds the proposal from a partition and the split meetings.
pub fn assemble(
    inventory: &Inventory,
    prepared: &Prepared,
    partition: &[Vec<usize>],
    splits: &BTreeSet<usize>,
    optimality: Optimality,
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
            let core: BTreeSet<usize> = draft.figures.core.iter().map(|&(a, _)| a).collect();
            let how = |item: &Item| match (draft.part, items.len()) {
                (Part::Plenary | Part::Case, _) => How::Split,
                (Part::Group, 1) => How::Kept,
                // Everyone of it sits through the whole sitting: the sitting serves as it.
                (Part::Group, _)
                    if has_basis(item)
                        && item.participants.iter().all(|(a, _)| core.contains(a)) =>
                {
                    How::ServesAs
                }
                (Part::Group, _) if may_be_merged(item) => How::Merged,
                (Part::Group, _) => How::Joint,
            };
            let name = leading_name(&items);
            let part = match draft.part {
                Part::Group => None,
                Part::Plenary => Some(SplitPart::Plenary),
                Part::Case => Some(SplitPart::Case),
            };
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
                )),
                (Part::Group, _) => {
                    reasons.extend(why_merged(prepared, &items, &draft.figures, personal_info))
                }
                (Part::Plenary, _) => reasons.push(why_split(prepared, items[0])),
                (Part::Case, _) => {}
            }
            let legal_identities = items
                .iter()
                .filter(|i| has_basis(i))
                .map(|i| LegalIdentity {
                    meeting: i.id.clone(),
                    name: i.name.clone(),
                    basis: i.profile.legal_basis.value.clone(),
                    strength: i.profile.strength.value,
                })
                .collect();
            let changed = !(draft.part == Part::Group && items.len() == 1);
            let approvers: Vec<Approver> = if changed {
                items.iter().map(|i| approver(i)).collect::<BTreeSet<_>>().into_iter().collect()
            } else {
                Vec::new()
            };
            let recommendation_to_owner =
                changed && items.iter().any(|i| i.owner != Owner::Municipality);
            Body {
                id: ids[b].clone(),
                name,
                part,
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
                approvers,
                recommendation_to_owner,
                personal_info,
                escalates_to: None,
                escalations: Vec::new(),
                absorbs: items
                    .iter()
                    .map(|i| Absorbed { meeting: i.id.clone(), name: i.name.clone(), how: how(i) })
                    .collect(),
                reasons,
            }
        })
        .collect();
    // Escalation: each meeting's own target (see `escalation`), lifted to bodies. A
    // body takes the target of its leading meeting that lies outside it (a body that
    // holds its parent needs none); the case part of a split meeting raises its issues
    // to its own plenary.
    let member_sets: Vec<BTreeSet<usize>> = drafts.iter().map(|d| members_of(&d.figures)).collect();
    let targets = meeting_targets(prepared);
    let body_of_meeting = |m: usize| body_of_item.get(&m).and_then(|bs| bs.first().copied());
    for (b, draft) in drafts.iter().enumerate() {
        let found: Vec<(usize, usize, usize, EscalationRule)> = if draft.part == Part::Case {
            body_of_meeting(draft.members[0])
                .map(|t| (draft.members[0], t, draft.members[0], EscalationRule::OwnHierarchy))
                .into_iter()
                .collect()
        } else {
            draft
                .members
                .iter()
                .filter_map(|&m| targets[m].map(|t| (m, t)))
                .filter_map(|(m, t)| {
                    body_of_meeting(t.meeting).map(|body| (m, body, t.meeting, t.rule))
                })
                .filter(|&(_, body, _, _)| body != b)
                .collect()
        };
        for (from, target, meeting, rule) in found {
            let escalation = Escalation {
                from: prepared.items[from].id.clone(),
                body: ids[target].clone(),
                meeting: prepared.items[meeting].id.clone(),
                rule,
            };
            bodies[b].reasons.push(Reason::EscalatesTo {
                from: escalation.from.clone(),
                body: escalation.body.clone(),
                meeting: escalation.meeting.clone(),
                rule,
            });
            if bodies[b].escalates_to.is_none() {
                bodies[b].escalates_to = Some(escalation.body.clone());
            }
            bodies[b].escalations.push(escalation);
        }
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
                tier: item.profile.tier.value,
                field: item.field.clone(),
                known_type: item.profile.known_type.map(str::to_string),
                escalates_to: targets[i].map(|t| prepared.items[t.meeting].id.clone()),
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
    let core_sets: Vec<BTreeSet<usize>> =
        drafts.iter().map(|d| d.figures.core.iter().map(|&(a, _)| a).collect()).collect();
    let (after_core_links, _) = links(prepared, &core_sets);
    let secretariat = policy.fixed_cost_hours;
    let before = Figures {
        bodies: prepared.items.len(),
        sessions_per_year: prepared.items.iter().map(|i| i.sessions).sum(),
        annual_person_hours: prepared.items.iter().map(|i| i.person_hours).sum(),
        annual_person_hours_full_attendance: prepared.items.iter().map(|i| i.person_hours).sum(),
        secretariat_hours: secretariat * prepared.items.len() as f64,
        agency_links: before_links.len(),
        agency_links_core: before_links.len(),
        sector_links: countable_field_links(prepared, before_sectors.len()),
    };
    let after = Figures {
        bodies: bodies.len(),
        sessions_per_year: bodies.iter().map(|b| b.sessions_per_year).sum(),
        annual_person_hours: bodies.iter().map(|b| b.annual_person_hours).sum(),
        annual_person_hours_full_attendance: drafts
            .iter()
            .map(|d| d.figures.full_attendance_hours)
            .sum(),
        secretariat_hours: secretariat * bodies.len() as f64,
        agency_links: after_links.len(),
        agency_links_core: after_core_links.len(),
        sector_links: countable_field_links(prepared, after_sectors.len()),
    };
    let agency_hours = agency_hours(inventory, prepared, drafts.iter().map(|d| &d.figures));
    Proposal {
        before,
        after,
        bodies,
        meetings,
        dropped_links,
        dropped_sector_links,
        agency_hours,
        optimality,
        assumptions: Assumptions {
            agenda_compression: policy.agenda_compression,
            secretariat_hours_per_body: policy.fixed_cost_hours,
        },
        options: crate::proposal::options::case_options(prepared),
    }
}

fn inferred_values(item: &Item) -> Vec<InferredValue> {
    let p = &item.profile;
    let source = || match p.known_type {
        Some(key) => InferenceSource::Catalogue { known_type: key.to_string() },
        None => InferenceSource::Default,
    };
    let mut found = Vec::new();
    if p.statutory.inferred {
        found.push(InferredValue::Statutory { value: p.statutory.value, source: source() });
    }
    if let (true, Some(basis)) = (p.legal_basis.inferred, &p.legal_basis.value) {
        found.push(InferredValue::LegalBasis { value: basis.clone(), source: source() });
    }
    if p.strength.inferred {
        found.push(InferredValue::Strength { value: p.strength.value, source: source() });
    }
    if p.tier.inferred {
        found.push(InferredValue::Tier { value: p.tier.value, rule: p.tier_rule });
    }
    if p.personal_info.inferred {
        found.push(InferredValue::PersonalInfo { value: p.personal_info.value, source: source() });
    }
    if p.sharing.inferred {
        found.push(InferredValue::Sharing { value: p.sharing.value.clone(), source: source() });
    }
    if p.confers_duty.inferred && p.confers_duty.value {
        found.push(InferredValue::ConfersDuty { value: true, source: source() });
    }
    found
}

/// Who approves a change to a meeting: its owner's board for another organisation's
/// body, the council for a body set up by ordinance, otherwise the mayor's decision.
fn approver(item: &Item) -> Approver {
    match (item.owner, item.profile.strength.value) {
        (Owner::SocialWelfareCouncil, _) => Approver::SocialWelfareCouncilBoard,
        (Owner::WelfareVolunteersCouncil, _) => Approver::WelfareVolunteersCouncil,
        (Owner::Municipality, Strength::Ordinance) => Approver::Council,
        (Owner::Municipality, _) => Approver::Mayor,
    }
}

/// The meeting a body is named after: one with a basis first, the strongest basis first
/// (its name is the one the law and the minutes use), then the one with most
/// person-hours, then inventory order.
fn leading_name(items: &[&Item]) -> String {
    items
        .iter()
        .enumerate()
        .max_by(|(i, a), (j, b)| {
            has_basis(a)
                .cmp(&has_basis(b))
                .then(b.profile.strength.value.cmp(&a.profile.strength.value))
                .then(a.person_hours.total_cmp(&b.person_hours))
                .then(j.cmp(i))
        })
        .map(|(_, item)| item.name.clone())
        .unwrap_or_default()
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
) -> Vec<Reason> {
    let policy = &prepared.policy;
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
        let own: BTreeSet<String> = item.topics.iter().map(|t| name_key(t)).collect();
        for t in own {
            *topics.entry(t).or_insert(0) += 1;
        }
    }
    let shared_topics: Vec<String> = items
        .iter()
        .flat_map(|i| i.topics.iter())
        .filter(|t| topics.get(&name_key(t)).is_some_and(|n| *n > 1))
        .cloned()
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect();
    let mut reasons = vec![Reason::SharedAgencies {
        meetings: items.iter().map(|i| i.id.clone()).collect(),
        shared,
        total: count.len(),
    }];
    if !shared_topics.is_empty() {
        reasons.push(Reason::SharedTopics { topics: shared_topics });
    }
    reasons.push(Reason::Hours {
        before: figures.hours_before,
        after: figures.person_hours,
        after_full_attendance: figures.full_attendance_hours,
        bodies_before: items.len(),
        secretariat_hours: policy.fixed_cost_hours * (items.len() - 1) as f64,
    });
    let core: BTreeSet<usize> = figures.core.iter().map(|&(a, _)| a).collect();
    for item in items.iter().filter(|i| has_basis(i)) {
        let serves_as = item.participants.iter().all(|(a, _)| core.contains(a));
        reasons.push(Reason::KeepsLegalIdentity {
            meeting: item.id.clone(),
            basis: item.profile.legal_basis.value.clone(),
            strength: item.profile.strength.value,
            how: if serves_as { How::ServesAs } else { How::Joint },
        });
    }
    for item in items.iter().filter(|i| i.owner != Owner::Municipality) {
        reasons.push(Reason::OwnerDecides { meeting: item.id.clone(), approver: approver(item) });
    }
    let members = figures.core.len() + figures.per_item.len();
    reasons.push(Reason::ConstraintsChecked {
        core_head_count: figures.core_head_count(),
        core_limit: policy.max_core_members,
        per_item_share: figures.per_item.len() as f64 / members.max(1) as f64,
        per_item_limit: policy.max_per_item_share,
        same_area: !policy.allow_mixed_areas,
        confidentiality: personal_info,
    });
    reasons
}

fn why_split(prepared: &Prepared, item: &Item) -> Reason {
    Reason::Split {
        meeting: item.id.clone(),
        unbound: unbound(prepared, item)
            .iter()
            .map(|&a| prepared.agencies[a].name.clone())
            .collect(),
    }
}

/// What the reasons for kept meetings look up, built once per proposal so that finding
/// each kept meeting's closest candidate costs its agencies' meetings, not all meetings.
/// How many agencies each other meeting (or body) shares with one, counted through an
/// agency index. A dense counter and the list of touched entries instead of a map: one
/// popular agency links a third of all meetings, and this runs once per meeting.
#[derive(Default)]
pub(crate) struct SharedCounter {
    pub(crate) shared: Vec<u32>,
    pub(crate) touched: Vec<usize>,
}

impl SharedCounter {
    /// Counts every entry of every list; `len` is the number of possible entries.
    pub(crate) fn count<'a>(&mut self, len: usize, lists: impl Iterator<Item = &'a Vec<usize>>) {
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
    pub(crate) fn clear(&mut self) {
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
) -> Reason {
    let item = &prepared.items[index];
    let kept = |because| Reason::Kept { meeting: item.id.clone(), because };
    if item.pinned {
        let violation = Violation::Pinned { meeting: item.id.clone() };
        return kept(KeptBecause::Constraint { violation });
    }
    if item.ad_hoc {
        let violation = Violation::AdHoc { meeting: item.id.clone() };
        return kept(KeptBecause::Constraint { violation });
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
        return kept(KeptBecause::NothingShared);
    };
    let closest = prepared.items[other].id.clone();
    let mut pair = vec![index, other];
    pair.sort_unstable();
    let mut violations = pair_violations(prepared, pair[0], pair[1], false);
    if violations.is_empty() {
        match check_group(prepared, &pair) {
            Err(violation) => violations.push(violation),
            Ok(figures) => {
                if context.group_len.get(&other) == Some(&1) {
                    let fixed = prepared.policy.fixed_cost_hours;
                    let before = prepared.items[index].person_hours
                        + prepared.items[other].person_hours
                        + 2.0 * fixed;
                    let after = figures.person_hours + fixed;
                    return kept(KeptBecause::NoSaving { closest, before, after });
                }
                let body = body_of_item
                    .get(&other)
                    .and_then(|b| b.first())
                    .map(|&b| ids[b].clone())
                    .unwrap_or_default();
                return kept(KeptBecause::ClosestJoinsOther { closest, body });
            }
        }
    }
    kept(KeptBecause::ClosestBlocked { closest, overlap, violations })
}
