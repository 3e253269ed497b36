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
use crate::proposal::body::{Item, Prepared};
use crate::proposal::result::EscalationRule;
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
pub(crate) fn meeting_targets(prepared: &Prepared) -> Vec<Option<Target>> {
    let items = &prepared.items;
    let by_id: HashMap<&str, usize> =
        items.iter().enumerate().map(|(i, m)| (m.id.as_str(), i)).collect();
    let by_name: HashMap<String, usize> =
        items.iter().enumerate().rev().map(|(i, m)| (crate::model::name_key(&m.name), i)).collect();
    let members: Vec<BTreeSet<usize>> =
        items.iter().map(|m| m.participants.iter().map(|&(a, _)| a).collect()).collect();
    (0..items.len())
        .map(|i| {
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
                let own = item.parent_key.as_ref()?;
                found(
                    one_level_up(items, i, |m| m.parent_key.as_ref() == Some(own)),
                    EscalationRule::OwnHierarchy,
                )
            })
            .or_else(|| {
                let family = item.profile.family.as_ref()?;
                found(
                    one_level_up(items, i, |m| m.profile.family.as_ref() == Some(family)),
                    EscalationRule::Catalogue,
                )
            })
            .or_else(|| {
                if is_cross_field(item) {
                    // Cross-field case work has no field of its own: it goes to the
                    // program's body or to none, never to one field's meeting.
                    found(program_body(items, i), EscalationRule::CrossFieldProgram)
                } else {
                    found(same_field(items, &members, i), EscalationRule::SameField)
                }
            })
        })
        .collect()
}

/// The meeting of the same body one level up: the lowest level above this one, in the
/// same area or municipality-wide, first in inventory order.
fn one_level_up(items: &[Item], i: usize, same_body: impl Fn(&Item) -> bool) -> Option<usize> {
    let own = items[i].profile.level?;
    items
        .iter()
        .enumerate()
        .filter(|&(j, m)| j != i && same_body(m))
        .filter_map(|(j, m)| m.profile.level.filter(|&l| l > own).map(|l| (l, j)))
        .filter(|&(_, j)| items[j].area.is_none() || items[j].area == items[i].area)
        .min()
        .map(|(_, j)| j)
}

/// The multi-layered program's case meetings (支援会議, 重層的支援会議).
pub(crate) fn is_cross_field(item: &Item) -> bool {
    matches!(item.profile.known_type, Some("shien_kaigi" | "jusoteki_shien_kaigi"))
}

/// Cross-field case work feeds the body that runs the multi-layered program (重層) or
/// the regional welfare plan (地域福祉計画): a community or policy meeting so named.
fn program_body(items: &[Item], i: usize) -> Option<usize> {
    (0..items.len()).find(|&j| {
        let name = crate::model::normalize(&items[j].name);
        j != i
            && items[j].profile.tier.value != Tier::Case
            && (name.contains("地域福祉計画") || name.contains("重層的支援体制整備"))
    })
}

/// A meeting of the same field one tier up (a case meeting tries community, then
/// policy), sharing at least one agency: the one sharing most, first in inventory order.
fn same_field(items: &[Item], members: &[BTreeSet<usize>], i: usize) -> Option<usize> {
    let field = items[i].field.as_ref()?;
    let ups: &[Tier] = match items[i].profile.tier.value {
        Tier::Case => &[Tier::Community, Tier::Policy],
        Tier::Community => &[Tier::Policy],
        Tier::Policy => &[],
    };
    ups.iter().find_map(|&tier| {
        items
            .iter()
            .enumerate()
            .filter(|&(j, m)| {
                j != i && m.profile.tier.value == tier && m.field.as_ref() == Some(field)
            })
            .map(|(j, _)| (members[i].intersection(&members[j]).count(), std::cmp::Reverse(j)))
            .filter(|&(shared, _)| shared > 0)
            .max()
            .map(|(_, std::cmp::Reverse(j))| j)
    })
}
