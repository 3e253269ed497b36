//! Sensitivity: the proposal rerun over a grid of policy values, to tell its robust core
//! (merges and joint sittings almost every setting keeps) from its fragile parts (those
//! that appear only under some limits). A consultant defends the core and presents the
//! rest as choices.

use crate::model::Inventory;
use crate::proposal::Policy;
use crate::proposal::body::Prepared;
use crate::proposal::search_all;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// One policy setting of the grid.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Setting {
    /// `max_core_members`.
    pub max_core_members: u32,
    /// `max_per_item_share`.
    pub max_per_item_share: f64,
    /// `min_member_overlap`.
    pub min_member_overlap: f64,
    /// `agenda_compression`.
    pub agenda_compression: f64,
    /// `allow_mixed_areas`.
    pub allow_mixed_areas: bool,
}

/// Two meetings held in one body, and how many settings keep them together.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Together {
    /// The two meetings, in inventory order.
    pub meetings: [String; 2],
    /// Settings under which they share a body.
    pub settings: usize,
    /// Whether the proposal under the given policy holds them together.
    pub in_proposal: bool,
}

/// The result over the whole grid.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Sensitivity {
    /// The settings tried; the first is the given policy itself.
    pub grid: Vec<Setting>,
    /// Every pair of meetings some setting holds together, most robust first.
    pub together: Vec<Together>,
}

/// How robust a pair is across the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Robustness {
    /// Held together in 80% or more of the settings: the core a consultant defends.
    Robust,
    /// In half of them or more.
    Most,
    /// In under half: a choice to present as such.
    Fragile,
}

impl Sensitivity {
    /// How robust a pair is: its share of the settings against 80% and 50%.
    pub fn robustness(&self, pair: &Together) -> Robustness {
        let share = pair.settings as f64 / self.grid.len().max(1) as f64;
        if share >= 0.8 {
            Robustness::Robust
        } else if share >= 0.5 {
            Robustness::Most
        } else {
            Robustness::Fragile
        }
    }
}

/// The grid: the given policy first, then every combination of core size (12, 20, 30),
/// per-item share (0.4, 0.6, 0.8), minimum member overlap (0.3, 0.5, 0.7), agenda
/// compression (0, 0.25, 0.5) and mixed areas (no, yes) — 163 settings.
pub fn grid(policy: &Policy) -> Vec<Policy> {
    let mut settings = vec![policy.clone()];
    for core in [12, 20, 30] {
        for share in [0.4, 0.6, 0.8] {
            for overlap in [0.3, 0.5, 0.7] {
                for compression in [0.0, 0.25, 0.5] {
                    for mixed in [false, true] {
                        settings.push(Policy {
                            max_core_members: core,
                            max_per_item_share: share,
                            min_member_overlap: overlap,
                            agenda_compression: compression,
                            allow_mixed_areas: mixed,
                            ..policy.clone()
                        });
                    }
                }
            }
        }
    }
    settings
}

/// Runs the proposal under every setting of the grid, in parallel.
///
/// ```
/// use kaigi::model::{Agency, Confidentiality, Frequency, Inventory, Meeting, Participant};
/// use kaigi::proposal::{Policy, sensitivity};
/// let mut agencies = Vec::new();
/// for name in ["A", "B", "C"] {
///     let mut agency = Agency::new(name, "高齢");
///     agency.confidentiality = Confidentiality::Statutory;
///     agencies.push(agency);
/// }
/// let meeting = |id: &str| {
///     let mut m = Meeting::new(id, "連絡会");
///     m.participants = ["A", "B", "C"].iter().map(|a| Participant::new(*a, 1)).collect();
///     m.frequency = Frequency::per_year(12.0);
///     m.minutes_per_session = 60.0;
///     m
/// };
/// let inventory = Inventory { meetings: vec![meeting("M1"), meeting("M2")], agencies };
/// let result = sensitivity(&inventory, &Policy::default());
/// assert_eq!(result.together[0].meetings, ["M1".to_string(), "M2".to_string()]);
/// assert!(result.together[0].in_proposal);
/// ```
pub fn sensitivity(inventory: &Inventory, policy: &Policy) -> Sensitivity {
    sensitivity_over(inventory, &grid(policy))
}

/// Runs the proposal under each of the given settings, in parallel; the first is taken
/// as the proposal's own (for `in_proposal`). [`sensitivity`] passes the whole grid; a
/// caller may pass fewer settings (an interactive tool, the benches).
pub fn sensitivity_over(inventory: &Inventory, policies: &[Policy]) -> Sensitivity {
    // The inventory is prepared once: the grid varies only limits the search reads, not
    // the overrides and pins that preparing applies (a setting that does change those
    // is prepared on its own).
    let Some(first) = policies.first() else {
        return Sensitivity { grid: Vec::new(), together: Vec::new() };
    };
    let prepared = Prepared::new(inventory, first);
    let pairs_of = |p: &Policy| -> Vec<(usize, usize)> {
        let own = if p.keep == first.keep && p.overrides == first.overrides {
            Prepared { policy: p.clone(), ..prepared.clone() }
        } else {
            Prepared::new(inventory, p)
        };
        let mut pairs = Vec::new();
        for group in search_all(&own).partition.iter().filter(|g| g.len() > 1) {
            let mut members = group.clone();
            members.sort_unstable();
            for (i, &a) in members.iter().enumerate() {
                for &b in &members[i + 1..] {
                    pairs.push((a, b));
                }
            }
        }
        pairs
    };
    let runs: Vec<Vec<(usize, usize)>> = policies.par_iter().map(pairs_of).collect();
    let mut counts: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for run in &runs {
        for &pair in run {
            *counts.entry(pair).or_insert(0) += 1;
        }
    }
    let in_proposal = |pair: &(usize, usize)| runs.first().is_some_and(|r| r.contains(pair));
    let mut together: Vec<Together> = counts
        .iter()
        .map(|(pair, &settings)| Together {
            meetings: [
                inventory.meetings[pair.0].id.clone(),
                inventory.meetings[pair.1].id.clone(),
            ],
            settings,
            in_proposal: in_proposal(pair),
        })
        .collect();
    together.sort_by(|x, y| y.settings.cmp(&x.settings).then(x.meetings.cmp(&y.meetings)));
    let grid = policies
        .iter()
        .map(|p| Setting {
            max_core_members: p.max_core_members,
            max_per_item_share: p.max_per_item_share,
            min_member_overlap: p.min_member_overlap,
            agenda_compression: p.agenda_compression,
            allow_mixed_areas: p.allow_mixed_areas,
        })
        .collect();
    Sensitivity { grid, together }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{GenerateParams, generate};
    use crate::proposal::{How, propose};

    /// The grid searches without assembling the proposal: the pairs it counts must be
    /// exactly those the assembled proposal holds together, setting by setting.
    #[test]
    fn counts_the_pairs_the_full_proposal_holds_together() {
        let city = generate(&GenerateParams { meetings: 60, agencies: 80, seed: 7 }).unwrap();
        let (inventory, _) = city.load();
        let policies: Vec<Policy> = grid(&Policy::default()).into_iter().step_by(20).collect();
        let result = sensitivity_over(&inventory, &policies);
        let mut expected: BTreeMap<[String; 2], usize> = BTreeMap::new();
        for policy in &policies {
            for body in propose(&inventory, policy).bodies {
                let mut ids: Vec<usize> = body
                    .absorbs
                    .iter()
                    .filter(|a| a.how != How::Split)
                    .filter_map(|a| inventory.meetings.iter().position(|m| m.id == a.meeting))
                    .collect();
                ids.sort_unstable();
                for (i, &a) in ids.iter().enumerate() {
                    for &b in &ids[i + 1..] {
                        let pair =
                            [inventory.meetings[a].id.clone(), inventory.meetings[b].id.clone()];
                        *expected.entry(pair).or_insert(0) += 1;
                    }
                }
            }
        }
        let counted: BTreeMap<[String; 2], usize> =
            result.together.iter().map(|t| (t.meetings.clone(), t.settings)).collect();
        assert!(!expected.is_empty());
        assert_eq!(counted, expected);
    }
}
