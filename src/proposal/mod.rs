//! The consolidation proposal: the smallest set of meeting bodies, each with a clear
//! role, that keeps every working link — what Hatsukaichi did by hand, from data.
//!
//! Each meeting is *kept*, *merged* into a consolidated body, *held jointly* (a
//! statutory meeting keeps its legal identity while sharing sessions), or *split* by
//! purpose (the Ōda pattern). Hard constraints are never violated; see [`body`] for the
//! cost model and constraints and [`search`] for how the partition is found.
//!
//! ```
//! use kaigi::model::{Agency, Confidentiality, Frequency, Inventory, Meeting, Participant};
//! use kaigi::proposal::{Policy, propose};
//! let mut agencies = Vec::new();
//! for name in ["A", "B", "C"] {
//!     let mut agency = Agency::new(name, "高齢");
//!     agency.confidentiality = Confidentiality::Statutory;
//!     agencies.push(agency);
//! }
//! let meeting = |id: &str, name: &str| {
//!     let mut m = Meeting::new(id, name);
//!     m.participants = ["A", "B", "C"].iter().map(|a| Participant::new(*a, 1)).collect();
//!     m.frequency = Frequency::per_year(12.0);
//!     m.minutes_per_session = 60.0;
//!     m
//! };
//! let inventory = Inventory { meetings: vec![meeting("M1", "連絡会"), meeting("M2", "研究会")], agencies };
//! let proposal = propose(&inventory, &Policy::default());
//! assert_eq!(proposal.after.bodies, 1);
//! assert!(proposal.after.annual_person_hours < proposal.before.annual_person_hours);
//! assert!(proposal.dropped_links.is_empty());
//! ```

mod assemble;
pub(crate) mod body;
mod escalation;
mod options;
mod policy;
#[cfg(test)]
mod properties;
mod result;
mod scenarios;
pub(crate) mod search;
mod sensitivity;
mod split;
mod whatif;

pub use crate::legal::{
    CATALOGUE, Inferred, KnownType, Profile, SharingBasis, Strength, Tier, TierRule, profile,
    recognise, tier_from_words,
};
pub use body::Violation;
pub use body::{CROSS_FIELD, Owner};
pub use options::CaseOption;
pub use policy::{MeetingOverride, Policy, PolicyError};
pub use result::{
    Absorbed, AgencyHours, Approver, Assumptions, Body, Decision, Escalation, EscalationRule,
    Figures, How, InferenceSource, InferredValue, KeptBecause, LegalIdentity, Member, Method,
    Optimality, Proposal, Reason, SplitPart,
};
pub use scenarios::{
    ChangeRecord, Plan, ProblemKind, SCENARIO_KEYS, ScenarioComparison, ScenarioError,
    ScenarioFile, ScenarioKind, ScenarioProblem, ScenarioResult, ScenarioSpec, StructureBody,
    compare_scenarios,
};
pub use sensitivity::{
    Robustness, Sensitivity, Setting, Together, grid, sensitivity, sensitivity_over,
};
pub use whatif::{Change, Finding, Group, Holding, LinkChange, WhatIf, WhatIfError, what_if};

use crate::model::Inventory;
use body::Prepared;
use rayon::prelude::*;

/// Proposes a consolidated structure for an inventory under a policy.
pub fn propose(inventory: &Inventory, policy: &Policy) -> Proposal {
    let prepared = Prepared::new(inventory, policy);
    let found = search_all(&prepared);
    assemble::assemble(inventory, &prepared, &found.partition, &found.splits, found.optimality)
}

/// What the search decides, before the bodies are assembled and explained.
pub(crate) struct Found {
    /// Groups of meeting indices held in one body (singletons included).
    pub partition: Vec<Vec<usize>>,
    /// Meetings split by purpose.
    pub splits: std::collections::BTreeSet<usize>,
    /// How close to optimal the partition is.
    pub optimality: Optimality,
}

/// The search alone: split candidates, then the cheapest partition of the rest, per
/// connected component (exact where small enough). The sensitivity grid calls this
/// directly, since it needs only which meetings share a body.
pub(crate) fn search_all(prepared: &Prepared) -> Found {
    let policy = &prepared.policy;
    let splits = split::split_candidates(prepared);
    let mergeable: Vec<usize> = (0..prepared.items.len()).filter(|i| !splits.contains(i)).collect();
    let pairs = search::compatible_pairs(prepared, &mergeable);
    // Components are independent: solved in parallel (`collect` keeps their order, and
    // the sums below run in that order, so the result is the same on any core count).
    let solved: Vec<(bool, Vec<Vec<usize>>, f64)> = search::components(&mergeable, &pairs)
        .into_par_iter()
        .map(|component| {
            let exact = if component.len() <= policy.exact_limit {
                search::exact(prepared, &component)
            } else {
                None
            };
            match exact {
                Some((groups, cost)) => (true, groups, cost),
                None => (
                    false,
                    search::heuristic(prepared, &component).0,
                    search::lower_bound(prepared, &component),
                ),
            }
        })
        .collect();
    let mut partition = Vec::new();
    let mut lower_bound = 0.0;
    let mut exact_components = 0;
    let mut heuristic_components = 0;
    for (exact, groups, bound) in solved {
        if exact {
            exact_components += 1;
        } else {
            heuristic_components += 1;
        }
        lower_bound += bound;
        partition.extend(groups);
    }
    partition.sort();
    let cost = search::partition_cost(prepared, &partition)
        + splits.len() as f64 * 2.0 * policy.fixed_cost_hours
        + splits.iter().map(|&i| split::split_hours(prepared, i)).sum::<f64>();
    let split_lower: f64 = splits
        .iter()
        .map(|&i| split::split_hours(prepared, i) + 2.0 * policy.fixed_cost_hours)
        .sum();
    let optimality =
        Optimality::new(exact_components, heuristic_components, cost, lower_bound + split_lower);
    Found { partition, splits, optimality }
}
