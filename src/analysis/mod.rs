//! The one pipeline: an inventory in, every analysis out, as data. `kaigi report`,
//! `kaigi batch`, the benches and the examples all call [`analyse`]; the report layer
//! only renders what it returns.
//!
//! ```
//! use kaigi::analysis::{Settings, analyse};
//! use kaigi::model::{Frequency, Inventory, Meeting, Participant};
//! let mut meeting = Meeting::new("M1", "連絡会");
//! meeting.participants = vec![Participant::new("A", 1), Participant::new("B", 2)];
//! meeting.frequency = Frequency::per_year(12.0);
//! meeting.minutes_per_session = 60.0;
//! let inventory = Inventory { meetings: vec![meeting], agencies: Vec::new() };
//! let analysis = analyse("example", &inventory, &Settings::default(), &|_| {}).unwrap();
//! assert_eq!(analysis.inventory.totals.annual_person_hours, 36.0);
//! assert_eq!(analysis.proposal.after.bodies, 1);
//! ```

mod inventory;
mod roles;

pub use inventory::{AgencyRow, InventoryReport, MeetingRow, ParticipantRow, Totals, node_id};
pub use roles::{
    CATALOGUE_ROLES, Role, RoleMatrix, RoleRow, RoleRule, TOPIC_WORDS, Unserved, role_matrix,
};

use crate::connectivity::{
    ConnectivityError, ConnectivityOptions, ConnectivityReport, analyze_network,
};
use crate::graph::AgencyNetwork;
use crate::model::Inventory;
use crate::overlap::{OverlapError, OverlapParams, OverlapReport, analyze as analyze_overlap};
use crate::proposal::{Policy, Proposal, ScenarioComparison, Sensitivity, propose};
use serde::Serialize;

/// Everything kaigi knows about one inventory, as written to `analysis.json`: data and
/// language-free codes only, so the file is the same whatever the report's language.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Analysis {
    /// kaigi version that wrote it.
    pub kaigi_version: &'static str,
    /// Inventory name (folder or file stem).
    pub inventory_name: String,
    /// The meeting table and agencies.
    pub inventory: InventoryReport,
    /// How agencies and fields are connected.
    pub connectivity: ConnectivityReport,
    /// Overlapping meetings: pairs, clusters, containments, tiers.
    pub overlap: OverlapReport,
    /// The consolidation proposal.
    pub proposal: Proposal,
    /// Scenarios compared side by side (`kaigi report --scenarios FILE`), when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scenarios: Option<ScenarioComparison>,
    /// The proposal rerun over a grid of policies (`kaigi report --sensitivity`), when
    /// asked for: it costs one proposal per setting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<Sensitivity>,
}

/// What the analyses are run with.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// The proposal's policy.
    pub policy: Policy,
    /// Overlap weights and thresholds.
    pub overlap: OverlapParams,
    /// Connectivity options (exact-path limit, seeds, backbone alpha).
    pub connectivity: ConnectivityOptions,
}

/// An analysis that finished, for progress reporting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The consolidation proposal.
    Proposal,
    /// Overlapping meetings.
    Overlap,
    /// Connectivity measures.
    Connectivity,
}

/// Why the pipeline could not run: a setting out of range (the inventory itself cannot
/// make it fail once loaded).
#[derive(Debug, thiserror::Error)]
pub enum AnalysisError {
    /// Overlap parameters.
    #[error(transparent)]
    Overlap(#[from] OverlapError),
    /// Connectivity options.
    #[error(transparent)]
    Connectivity(#[from] ConnectivityError),
}

/// Runs every analysis on an inventory. The three analyses only read the inventory, so
/// they run side by side; `done` is called as each finishes (for a progress bar).
///
/// # Errors
/// [`AnalysisError`] when a setting is out of range.
pub fn analyse(
    name: &str,
    inventory: &Inventory,
    settings: &Settings,
    done: &(dyn Fn(Stage) + Sync),
) -> Result<Analysis, AnalysisError> {
    let (proposal, (overlap, connectivity)) = rayon::join(
        || {
            let proposal = propose(inventory, &settings.policy);
            done(Stage::Proposal);
            proposal
        },
        || {
            rayon::join(
                || {
                    let overlap = analyze_overlap(inventory, &settings.overlap);
                    done(Stage::Overlap);
                    overlap
                },
                || {
                    let network = AgencyNetwork::build(inventory);
                    let connectivity = analyze_network(&network, &settings.connectivity);
                    done(Stage::Connectivity);
                    connectivity
                },
            )
        },
    );
    Ok(Analysis {
        kaigi_version: env!("CARGO_PKG_VERSION"),
        inventory_name: name.to_string(),
        inventory: InventoryReport::new(inventory),
        connectivity: connectivity?,
        overlap: overlap?,
        proposal,
        scenarios: None,
        sensitivity: None,
    })
}
