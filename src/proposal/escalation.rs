//! Escalation (課題の提起先): where each meeting raises the issues it finds. Issues go up
//! a body's own hierarchy, never sideways to another field's council only because many
//! of the same agencies sit there (DOMAIN.md, "Escalation").
//!
//! Rules, tried in order for each meeting; the first that finds a target wins, and the
//! body keeps the rule's name as its reason:
//!
//! 1. the policy file's `escalate` table;
//! 2. the 親会議 column naming another meeting of the inventory;
//! 3. one level up inside the same 親会議 (階層 or name: 個別 → 実務者・部会・第2層 →
//!    代表者・全体会・推進会議・第1層);
//! 4. the same within the catalogue's families (地域ケア個別会議 → 地域ケア推進会議,
//!    要対協 個別 → 実務者 → 代表者, 部会 → 全体会, 第2層 → 第1層 協議体);
//! 5. cross-field case work (支援会議, 重層的支援会議) → the body that runs the
//!    multi-layered program or the regional welfare plan, and otherwise none (never
//!    one field's meeting);
//! 6. a meeting of the same field one tier up, the one sharing most agencies;
//!
//! otherwise none.

use crate::legal::Tier;
use crate::proposal::assemble::SharedCounter;
use crate::proposal::body::{Item, Prepared};
use crate::proposal::result::EscalationRule;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};

/// Where one meeting raises its issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Target {
    /// Index of the target meeting.
    pub meeting: usize,
    /// The rule that chose it.
    pub rule: EscalationRule,
}

/// The escalation target of every meeting, by index.
///
/// Every rule is answered through an index built once (by parent, by family, by agency),
/// so the cost grows with the meetings and their seats, not with their square: a
/// prefecture's inventory holds tens of thousands of meetings.
pub(crate) fn meeting_targets(prepared: &Prepared) -> Vec<Option<Target>> {
    let items = &prepared.items;
    let by_id: HashMap<&str, usize> =
        items.iter().enumerate().map(|(i, m)| (m.id.as_str(), i)).collect();
    let by_name: HashMap<String, usize> =
        items.iter().enumerate().rev().map(|(i, m)| (crate::model::name_key(&m.name), i)).collect();
    let by_parent = Levels::new(items, |m| m.parent_key.as_deref());
    let by_family = Levels::new(items, |m| m.profile.family.as_deref());
    let programs = program_bodies(items);
    let fields = FieldIndex::new(items);
    (0..items.len())
        .into_par_iter()
        .map_init(SharedCounter::default, |counter, i| {
            let found = |meeting: Option<usize>, rule| {
                meeting.filter(|&t| t != i).map(|meeting| Target { meeting, rule })
            };
            let item = &items[i];
            found(
                prepared.policy.escalate.get(&item.id).and_then(|t| by_id.get(t.as_str()).copied()),
                EscalationRule::Policy,
            )
            .or_else(|| {
                found(
                    item.parent_key.as_ref().and_then(|p| by_name.get(p).copied()),
                    EscalationRule::ParentColumn,
                )
            })
            .or_else(|| {
                let own = item.parent_key.as_deref()?;
                found(by_parent.one_level_up(items, i, own), EscalationRule::OwnHierarchy)
            })
            .or_else(|| {
                let family = item.profile.family.as_deref()?;
                found(by_family.one_level_up(items, i, family), EscalationRule::Catalogue)
            })
            .or_else(|| {
                if is_cross_field(item) {
                    // Cross-field case work has no field of its own: it goes to the
                    // program's body or to none, never to one field's meeting.
                    found(
                        programs.iter().copied().find(|&j| j != i),
                        EscalationRule::CrossFieldProgram,
                    )
                } else {
                    found(fields.same_field(items, counter, i), EscalationRule::SameField)
                }
            })
        })
        .collect()
}

/// Meetings with a level, by the body they belong to (a parent key or a family) and
/// area (`None` for municipality-wide), each list sorted by (level, index).
struct Levels<'a> {
    lists: HashMap<BodyArea<'a>, Vec<(u8, usize)>>,
}

/// A body (parent key or family) and an area (`None` for municipality-wide).
type BodyArea<'a> = (&'a str, Option<&'a str>);

impl<'a> Levels<'a> {
    fn new(items: &'a [Item], body: impl Fn(&'a Item) -> Option<&'a str>) -> Self {
        let mut lists: HashMap<BodyArea<'a>, Vec<(u8, usize)>> = HashMap::new();
        for (j, m) in items.iter().enumerate() {
            if let (Some(key), Some(level)) = (body(m), m.profile.level) {
                lists.entry((key, m.area.as_deref())).or_default().push((level, j));
            }
        }
        for list in lists.values_mut() {
            list.sort_unstable();
        }
        Levels { lists }
    }

    /// The meeting of the same body one level up: the lowest level above this one, in
    /// the same area or municipality-wide, first in inventory order.
    fn one_level_up(&self, items: &[Item], i: usize, key: &str) -> Option<usize> {
        let own = items[i].profile.level?;
        let first_above = |area: Option<&str>| {
            let list = self.lists.get(&(key, area))?;
            let at = list.partition_point(|&(level, _)| level <= own);
            list.get(at).copied()
        };
        // Only a level above counts, so the meeting itself is never found.
        let wide = first_above(None);
        let own_area = items[i].area.as_deref().and_then(|a| first_above(Some(a)));
        wide.into_iter().chain(own_area).min().map(|(_, j)| j)
    }
}

/// The multi-layered program's case meetings (支援会議, 重層的支援会議).
pub(crate) fn is_cross_field(item: &Item) -> bool {
    matches!(item.profile.known_type, Some("shien_kaigi" | "jusoteki_shien_kaigi"))
}

/// Cross-field case work feeds the body that runs the multi-layered program (重層) or
/// the regional welfare plan (地域福祉計画): a community or policy meeting so named. The
/// first two in inventory order: a meeting never escalates to itself, so the second
/// stands in when it is the first.
fn program_bodies(items: &[Item]) -> Vec<usize> {
    (0..items.len())
        .filter(|&j| {
            items[j].profile.tier.value != Tier::Case && {
                let name = crate::model::normalize(&items[j].name);
                name.contains("地域福祉計画") || name.contains("重層的支援体制整備")
            }
        })
        .take(2)
        .collect()
}

/// Meetings by agency (each meeting once per agency), for the same-field rule.
struct FieldIndex {
    by_agency: HashMap<usize, Vec<usize>>,
}

impl FieldIndex {
    fn new(items: &[Item]) -> Self {
        let mut by_agency: HashMap<usize, Vec<usize>> = HashMap::new();
        for (j, m) in items.iter().enumerate() {
            let agencies: BTreeSet<usize> = m.participants.iter().map(|&(a, _)| a).collect();
            for a in agencies {
                by_agency.entry(a).or_default().push(j);
            }
        }
        FieldIndex { by_agency }
    }

    /// A meeting of the same field one tier up (a case meeting tries community, then
    /// policy), run by the same owner, sharing at least one agency: the one sharing most,
    /// first in inventory order. The owner matters: a city meeting does not raise its
    /// issues to the social welfare council's own plan committee, whose board answers to
    /// the council, not to the city. Only meetings that share an agency are looked at,
    /// counted through the agency index.
    fn same_field(&self, items: &[Item], counter: &mut SharedCounter, i: usize) -> Option<usize> {
        let field = items[i].field.as_ref()?;
        let ups: &[Tier] = match items[i].profile.tier.value {
            Tier::Case => &[Tier::Community, Tier::Policy],
            Tier::Community => &[Tier::Policy],
            Tier::Policy => &[],
        };
        if ups.is_empty() {
            return None;
        }
        let agencies: BTreeSet<usize> = items[i].participants.iter().map(|&(a, _)| a).collect();
        counter.count(items.len(), agencies.iter().filter_map(|a| self.by_agency.get(a)));
        let found = ups.iter().find_map(|&tier| {
            counter
                .touched
                .iter()
                .copied()
                .filter(|&j| {
                    j != i
                        && items[j].profile.tier.value == tier
                        && items[j].field.as_ref() == Some(field)
                        && items[j].owner == items[i].owner
                })
                .map(|j| (counter.shared[j], std::cmp::Reverse(j)))
                .max()
                .map(|(_, std::cmp::Reverse(j))| j)
        });
        counter.clear();
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{GenerateParams, RegionParams, generate, generate_region};
    use crate::proposal::Policy;

    /// The rules as first written, one scan of every meeting per meeting: what the
    /// indexed `meeting_targets` must reproduce exactly.
    fn brute_force(prepared: &Prepared) -> Vec<Option<Target>> {
        let items = &prepared.items;
        let by_name: HashMap<String, usize> = items
            .iter()
            .enumerate()
            .rev()
            .map(|(i, m)| (crate::model::name_key(&m.name), i))
            .collect();
        let members: Vec<BTreeSet<usize>> =
            items.iter().map(|m| m.participants.iter().map(|&(a, _)| a).collect()).collect();
        let up = |i: usize, same: &dyn Fn(&Item) -> bool| {
            let own = items[i].profile.level?;
            items
                .iter()
                .enumerate()
                .filter(|&(j, m)| j != i && same(m))
                .filter_map(|(j, m)| m.profile.level.filter(|&l| l > own).map(|l| (l, j)))
                .filter(|&(_, j)| items[j].area.is_none() || items[j].area == items[i].area)
                .min()
                .map(|(_, j)| j)
        };
        (0..items.len())
            .map(|i| {
                let found = |meeting: Option<usize>, rule| {
                    meeting.filter(|&t| t != i).map(|meeting| Target { meeting, rule })
                };
                let item = &items[i];
                found(
                    item.parent_key.as_ref().and_then(|p| by_name.get(p).copied()),
                    EscalationRule::ParentColumn,
                )
                .or_else(|| {
                    let own = item.parent_key.as_ref()?;
                    found(
                        up(i, &|m: &Item| m.parent_key.as_ref() == Some(own)),
                        EscalationRule::OwnHierarchy,
                    )
                })
                .or_else(|| {
                    let family = item.profile.family.as_ref()?;
                    found(
                        up(i, &|m: &Item| m.profile.family.as_ref() == Some(family)),
                        EscalationRule::Catalogue,
                    )
                })
                .or_else(|| {
                    if is_cross_field(item) {
                        let program = (0..items.len()).find(|&j| {
                            let name = crate::model::normalize(&items[j].name);
                            j != i
                                && items[j].profile.tier.value != Tier::Case
                                && (name.contains("地域福祉計画")
                                    || name.contains("重層的支援体制整備"))
                        });
                        found(program, EscalationRule::CrossFieldProgram)
                    } else {
                        let field = item.field.as_ref()?;
                        let ups: &[Tier] = match item.profile.tier.value {
                            Tier::Case => &[Tier::Community, Tier::Policy],
                            Tier::Community => &[Tier::Policy],
                            Tier::Policy => &[],
                        };
                        let same = ups.iter().find_map(|&tier| {
                            items
                                .iter()
                                .enumerate()
                                .filter(|&(j, m)| {
                                    j != i
                                        && m.profile.tier.value == tier
                                        && m.field.as_ref() == Some(field)
                                        && m.owner == items[i].owner
                                })
                                .map(|(j, _)| {
                                    (members[i].intersection(&members[j]).count(), Reverse(j))
                                })
                                .filter(|&(shared, _)| shared > 0)
                                .max()
                                .map(|(_, Reverse(j))| j)
                        });
                        found(same, EscalationRule::SameField)
                    }
                })
            })
            .collect()
    }

    use std::cmp::Reverse;

    #[test]
    fn indexed_targets_match_a_scan_of_every_meeting() {
        let mut inventories = Vec::new();
        for seed in 0..3 {
            inventories.push(generate(&GenerateParams { meetings: 300, agencies: 200, seed }));
            inventories.push(generate_region(&RegionParams {
                municipalities: 4,
                meetings: Some(400),
                seed,
            }));
        }
        let sample = crate::input::load(
            std::path::Path::new("inputs/sample-city"),
            &crate::input::LoadOptions::default(),
        )
        .unwrap()
        .inventory;
        let mut checked = vec![sample];
        checked.extend(inventories.into_iter().map(|g| g.unwrap().load().0));
        for (n, inventory) in checked.iter().enumerate() {
            for mixed in [false, true] {
                let policy = Policy { allow_mixed_areas: mixed, ..Policy::default() };
                let prepared = Prepared::new(inventory, &policy);
                let expected = brute_force(&prepared);
                let rules: BTreeSet<String> =
                    expected.iter().flatten().map(|t| format!("{:?}", t.rule)).collect();
                assert!(rules.len() >= 2, "inventory {n}: {rules:?}");
                assert_eq!(meeting_targets(&prepared), expected, "inventory {n}");
            }
        }
    }
}
