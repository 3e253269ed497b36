//! What-if: a planner's own changes applied to today's structure (not to the proposal),
//! judged by the proposal's rulebook. A change that breaks a rule is still evaluated and
//! its violations listed — findings, not refusals.
//!
//! ```
//! use kaigi::model::{Agency, Confidentiality, Frequency, Inventory, Meeting, Participant};
//! use kaigi::proposal::{Change, Policy, what_if};
//! let mut agencies = Vec::new();
//! for name in ["A", "B", "C"] {
//!     let mut agency = Agency::new(name, "高齢");
//!     agency.confidentiality = Confidentiality::Statutory;
//!     agencies.push(agency);
//! }
//! let meeting = |id: &str, who: &[&str]| {
//!     let mut m = Meeting::new(id, id);
//!     m.participants = who.iter().map(|a| Participant::new(*a, 1)).collect();
//!     m.frequency = Frequency::per_year(12.0);
//!     m.minutes_per_session = 60.0;
//!     m
//! };
//! let inventory = Inventory {
//!     meetings: vec![meeting("M1", &["A", "B"]), meeting("M2", &["B", "C"])],
//!     agencies,
//! };
//! let result = what_if(&inventory, &Policy::default(), &[Change::Drop("M2".into())]).unwrap();
//! // B–C met only in M2.
//! assert_eq!(result.links_lost.len(), 1);
//! assert_eq!(result.links_lost[0].agencies, ["B".to_string(), "C".to_string()]);
//! ```

use crate::model::Inventory;
use crate::proposal::Policy;
use crate::proposal::assemble::{agency_hours, countable_field_links, links};
use crate::proposal::body::{
    BodyFigures, Prepared, Violation, check_group_after_pairs, figures, has_basis, pair_violations,
};
use crate::proposal::result::{AgencyHours, Figures};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One change a planner tries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// 統合: the meetings become one body; those merged away stop existing.
    Merge(Vec<String>),
    /// 合同開催: one sitting with separate agenda items per body.
    Joint(Vec<String>),
    /// 兼ねる: one sitting serves every body; all members sit through it.
    ServesAs(Vec<String>),
    /// The meeting is abolished.
    Drop(String),
    /// The meeting is kept as it is (a pin: combining it is a violation).
    Keep(String),
}

/// How a group of meetings is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Holding {
    /// Merged into one body.
    Merged,
    /// Held jointly.
    Joint,
    /// One sitting serving each.
    ServesAs,
    /// Split by purpose into a plenary and an ad hoc case meeting (the Ōda pattern; only
    /// the proposal does this).
    Split,
}

/// An agency pair that stops or starts meeting, with the meetings that carried it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LinkChange {
    /// The two agencies, in name order.
    pub agencies: [String; 2],
    /// Meetings that carried it today (for a lost link) or the group that carries it
    /// (for a gained one).
    pub meetings: Vec<String>,
}

/// A rule a change breaks.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Finding {
    /// The meetings concerned.
    pub meetings: Vec<String>,
    /// The rule and its facts.
    pub violation: Violation,
}

/// A body after the changes.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Group {
    /// Its meetings.
    pub meetings: Vec<String>,
    /// How they are held.
    pub holding: Holding,
    /// Person-hours per year (per-item model; full attendance for serves-as).
    pub annual_person_hours: f64,
    /// Person-hours per year if everyone sits through every session.
    pub annual_person_hours_full_attendance: f64,
}

/// The result of a what-if.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct WhatIf {
    /// Today.
    pub before: Figures,
    /// After the changes.
    pub after: Figures,
    /// The bodies the changes create.
    pub groups: Vec<Group>,
    /// Meetings abolished.
    pub dropped: Vec<String>,
    /// Agency pairs that would no longer meet.
    pub links_lost: Vec<LinkChange>,
    /// Agency pairs that would newly meet.
    pub links_gained: Vec<LinkChange>,
    /// Field pairs that would no longer meet.
    #[serde(serialize_with = "crate::model::sector_code::pairs")]
    pub field_links_lost: Vec<[String; 2]>,
    /// Field pairs that would newly meet.
    #[serde(serialize_with = "crate::model::sector_code::pairs")]
    pub field_links_gained: Vec<[String; 2]>,
    /// Rules the changes break.
    pub violations: Vec<Finding>,
    /// Agencies whose hours change, before and after.
    pub agency_hours: Vec<AgencyHours>,
}

/// Why a what-if could not be evaluated.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WhatIfError {
    /// A meeting id that is not in the inventory.
    #[error("unknown meeting id '{id}'; closest ids: {}", closest.join(", "))]
    UnknownMeeting {
        /// The id given.
        id: String,
        /// The closest existing ids.
        closest: Vec<String>,
    },
    /// A merge, joint sitting or serves-as with fewer than two meetings.
    #[error("'{change}' needs at least two meeting ids, separated by commas (got '{given}')")]
    TooFew {
        /// The option.
        change: &'static str,
        /// What was given.
        given: String,
    },
}

/// Applies changes to today's structure and judges them.
///
/// # Errors
/// [`WhatIfError`] for an unknown meeting id (with the closest ids) or a combination of
/// fewer than two meetings.
pub fn what_if(
    inventory: &Inventory,
    policy: &Policy,
    changes: &[Change],
) -> Result<WhatIf, WhatIfError> {
    let index: BTreeMap<&str, usize> =
        inventory.meetings.iter().enumerate().map(|(i, m)| (m.id.as_str(), i)).collect();
    let find = |id: &str| -> Result<usize, WhatIfError> {
        index.get(id).copied().ok_or_else(|| WhatIfError::UnknownMeeting {
            id: id.to_string(),
            closest: closest_ids(id, index.keys().copied()),
        })
    };
    let mut policy = policy.clone();
    for change in changes {
        if let Change::Keep(id) = change {
            find(id)?;
            policy.keep.push(id.clone());
        }
    }
    let prepared = Prepared::new(inventory, &policy);
    let n = prepared.items.len();
    // Union of the combined meetings; the strongest holding asked for wins per group.
    let mut group_of: Vec<usize> = (0..n).collect();
    let mut holding_of: BTreeMap<usize, Holding> = BTreeMap::new();
    let mut dropped: BTreeSet<usize> = BTreeSet::new();
    for change in changes {
        let (ids, holding, name) = match change {
            Change::Merge(ids) => (ids, Holding::Merged, "--merge"),
            Change::Joint(ids) => (ids, Holding::Joint, "--joint"),
            Change::ServesAs(ids) => (ids, Holding::ServesAs, "--serves-as"),
            Change::Drop(id) => {
                dropped.insert(find(id)?);
                continue;
            }
            Change::Keep(_) => continue,
        };
        if ids.len() < 2 {
            return Err(WhatIfError::TooFew { change: name, given: ids.join(",") });
        }
        let members: Vec<usize> = ids.iter().map(|id| find(id)).collect::<Result<_, _>>()?;
        let root = group_of[members[0]];
        for &m in &members[1..] {
            let old = group_of[m];
            for g in group_of.iter_mut().filter(|g| **g == old) {
                *g = root;
            }
        }
        holding_of.insert(root, holding);
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &g) in group_of.iter().enumerate() {
        if !dropped.contains(&i) {
            groups.entry(g).or_default().push(i);
        }
    }
    let mut violations = Vec::new();
    for &d in &dropped {
        if has_basis(&prepared.items[d]) {
            violations.push(Finding {
                meetings: vec![prepared.items[d].id.clone()],
                violation: Violation::BasisAbolished { meeting: prepared.items[d].id.clone() },
            });
        }
    }
    let mut bodies: Vec<(Vec<usize>, Holding, BodyFigures)> = Vec::new();
    for (root, members) in &groups {
        let holding = holding_of.get(root).copied().unwrap_or(Holding::Joint);
        let mut body = figures(&prepared, members);
        if members.len() > 1 {
            violations.extend(judge(&prepared, members, holding));
            if holding == Holding::ServesAs {
                body.person_hours = body.full_attendance_hours;
            }
        }
        bodies.push((members.clone(), holding, body));
    }
    Ok(summarise(inventory, &prepared, &dropped, bodies, violations))
}

/// Every rule a group breaks: each pair's (all of them), then the group's own, and a
/// merge that abolishes a body with a basis.
fn judge(prepared: &Prepared, members: &[usize], holding: Holding) -> Vec<Finding> {
    let id = |i: usize| prepared.items[i].id.clone();
    let mut found = Vec::new();
    for (k, &a) in members.iter().enumerate() {
        for &b in &members[k + 1..] {
            for violation in pair_violations(prepared, a.min(b), a.max(b), false) {
                found.push(Finding { meetings: vec![id(a), id(b)], violation });
            }
        }
    }
    if let Err(violation) = check_group_after_pairs(prepared, members) {
        found.push(Finding { meetings: members.iter().map(|&i| id(i)).collect(), violation });
    }
    if holding == Holding::Merged {
        // The body with the strongest basis survives (the first named among equals); a
        // merge abolishes every other one, which only bodies without a basis may be.
        let survivor = members
            .iter()
            .copied()
            .min_by_key(|&m| {
                (!has_basis(&prepared.items[m]), prepared.items[m].profile.strength.value)
            })
            .unwrap_or(members[0]);
        for &m in members.iter().filter(|&&m| m != survivor) {
            if has_basis(&prepared.items[m]) {
                found.push(Finding {
                    meetings: vec![id(m)],
                    violation: Violation::BasisAbolished { meeting: id(m) },
                });
            }
        }
    }
    found
}

fn summarise(
    inventory: &Inventory,
    prepared: &Prepared,
    dropped: &BTreeSet<usize>,
    bodies: Vec<(Vec<usize>, Holding, BodyFigures)>,
    violations: Vec<Finding>,
) -> WhatIf {
    let id = |i: usize| prepared.items[i].id.clone();
    let name = |a: usize| prepared.agencies[a].name.clone();
    let member_set = |f: &BodyFigures| -> BTreeSet<usize> {
        f.core.iter().map(|&(a, _)| a).chain(f.per_item.iter().map(|&(a, _, _)| a)).collect()
    };
    let before_sets: Vec<BTreeSet<usize>> =
        prepared.items.iter().map(|i| i.participants.iter().map(|&(a, _)| a).collect()).collect();
    let after_sets: Vec<BTreeSet<usize>> = bodies.iter().map(|(_, _, f)| member_set(f)).collect();
    let (before_links, before_fields) = links(prepared, &before_sets);
    let (after_links, after_fields) = links(prepared, &after_sets);
    let carriers = |sets: &[BTreeSet<usize>], ids: &dyn Fn(usize) -> Vec<String>, a, b| {
        sets.iter()
            .enumerate()
            .filter(|(_, s)| s.contains(&a) && s.contains(&b))
            .flat_map(|(k, _)| ids(k))
            .collect::<Vec<String>>()
    };
    let pair = |a: usize, b: usize| {
        let mut names = [name(a), name(b)];
        names.sort();
        names
    };
    let links_lost = before_links
        .difference(&after_links)
        .map(|&(a, b)| LinkChange {
            agencies: pair(a, b),
            meetings: carriers(&before_sets, &|k| vec![id(k)], a, b),
        })
        .collect();
    let links_gained = after_links
        .difference(&before_links)
        .map(|&(a, b)| LinkChange {
            agencies: pair(a, b),
            meetings: carriers(
                &after_sets,
                &|k| bodies[k].0.iter().map(|&i| id(i)).collect(),
                a,
                b,
            ),
        })
        .collect();
    let field_pairs = |set: BTreeSet<&(String, String)>| -> Vec<[String; 2]> {
        set.into_iter().map(|(s, t)| [s.clone(), t.clone()]).collect()
    };
    let figures_of =
        |(bodies, sessions, hours, full): (usize, f64, f64, f64), fields, links| Figures {
            bodies,
            sessions_per_year: sessions,
            annual_person_hours: hours,
            annual_person_hours_full_attendance: full,
            secretariat_hours: prepared.policy.fixed_cost_hours * bodies as f64,
            agency_links: links,
            agency_links_core: links,
            sector_links: countable_field_links(prepared, fields),
        };
    let today: f64 = prepared.items.iter().map(|i| i.person_hours).sum();
    let before = figures_of(
        (prepared.items.len(), prepared.items.iter().map(|i| i.sessions).sum(), today, today),
        before_fields.len(),
        before_links.len(),
    );
    let mut after = figures_of(
        (
            bodies.len(),
            bodies.iter().map(|(_, _, f)| f.sessions).sum(),
            bodies.iter().map(|(_, _, f)| f.person_hours).sum(),
            bodies.iter().map(|(_, _, f)| f.full_attendance_hours).sum(),
        ),
        after_fields.len(),
        after_links.len(),
    );
    let core_sets: Vec<BTreeSet<usize>> =
        bodies.iter().map(|(_, _, f)| f.core.iter().map(|&(a, _)| a).collect()).collect();
    after.agency_links_core = links(prepared, &core_sets).0.len();
    let agency_hours = agency_hours(inventory, prepared, bodies.iter().map(|(_, _, f)| f))
        .into_iter()
        .filter(|h| (h.before - h.after).abs() > 1e-9)
        .collect();
    WhatIf {
        before,
        after,
        groups: bodies
            .iter()
            .filter(|(members, _, _)| members.len() > 1)
            .map(|(members, holding, f)| Group {
                meetings: members.iter().map(|&i| id(i)).collect(),
                holding: *holding,
                annual_person_hours: f.person_hours,
                annual_person_hours_full_attendance: f.full_attendance_hours,
            })
            .collect(),
        dropped: dropped.iter().map(|&i| id(i)).collect(),
        links_lost,
        links_gained,
        field_links_lost: field_pairs(before_fields.difference(&after_fields).collect()),
        field_links_gained: field_pairs(after_fields.difference(&before_fields).collect()),
        violations,
        agency_hours,
    }
}

/// The existing ids closest to an unknown one (Jaro–Winkler from strsim), best first.
pub(crate) fn closest_ids<'a>(id: &str, ids: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut scored: Vec<(f64, &str)> =
        ids.map(|candidate| (strsim::jaro_winkler(id, candidate), candidate)).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, c)| c.to_string()).collect()
}
