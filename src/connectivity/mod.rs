//! Connectivity analysis of the agency network: how well the agencies, and the fields
//! they belong to, are connected by today's meetings, who holds the network together,
//! and which links hang by a thread. One measure family per file; [`analyze`] runs them
//! all and gathers a [`ConnectivityReport`] in which every list is sorted.
//!
//! Definitions follow NetworkX's for the same names; `scripts/reference/` computes
//! every figure independently, and the tests compare against those values.
//!
//! ```
//! use kaigi::connectivity::{analyze, ConnectivityOptions};
//! use kaigi::model::{Agency, Frequency, Inventory, Meeting, Participant};
//! let meeting = |id: &str, names: &[&str]| {
//!     let mut m = Meeting::new(id, id);
//!     m.participants = names.iter().map(|n| Participant::new(*n, 1)).collect();
//!     m.frequency = Frequency::per_year(12.0);
//!     m.minutes_per_session = 60.0;
//!     m
//! };
//! let inventory = Inventory {
//!     meetings: vec![meeting("M1", &["包括", "高齢福祉課"]), meeting("M2", &["高齢福祉課", "障害福祉課"])],
//!     agencies: vec![Agency::new("包括", "高齢"), Agency::new("高齢福祉課", "高齢"),
//!                    Agency::new("障害福祉課", "障害"), Agency::new("こども家庭課", "子ども")],
//! };
//! let report = analyze(&inventory, &ConnectivityOptions::default())?;
//! assert_eq!(report.network.components, 2);
//! assert_eq!(report.articulation_points, vec!["高齢福祉課"]);
//! assert_eq!(report.isolated, vec!["こども家庭課"]);
//! assert_eq!(report.critical_agencies["高齢福祉課"], vec![["障害", "高齢"]]);
//! # Ok::<(), kaigi::connectivity::ConnectivityError>(())
//! ```

mod backbone;
mod brokerage;
mod burden;
mod cohesion;
mod communities;
mod degree;
mod ei_index;
mod fragility;
mod paths;
mod structure;

pub use backbone::{
    Backbone, BackboneParams, BackboneStatus, BackboneTie, holm, poisson_binomial_tail,
    sdsm_backbone,
};
pub use brokerage::{Brokerage, BrokeragePairs, brokerage};
pub use burden::{gini, top_by};
pub use cohesion::{average_clustering, clustering, components, density};
pub use communities::{LouvainParams, louvain, modularity};
pub use degree::{DegreeMeasures, degree_centralization, degree_measures};
pub use ei_index::{EiIndex, ei_index};
pub use fragility::{critical_agencies, single_meeting_links};
pub use paths::{PathMeasures, PathParams, shortest_path_measures};
pub use structure::{agencies_of_degree, articulation_points, bridges};

use crate::graph::{AgencyNetwork, SectorLink, SectorMatrix};
use crate::model::Inventory;
use serde::Serialize;
use std::collections::BTreeMap;

/// Problems with the analysis request (the inventory itself cannot make it fail).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConnectivityError {
    /// A parameter out of range.
    #[error("{name} = {value} is not allowed; use {expected}")]
    InvalidOption {
        /// Parameter.
        name: &'static str,
        /// Value given.
        value: String,
        /// What is allowed.
        expected: &'static str,
    },
    /// Communities that do not cover every agency exactly once.
    #[error(
        "agency #{node} is missing from the communities or in more than one; give every agency exactly one community"
    )]
    NotAPartition {
        /// Node index of the first offending agency.
        node: usize,
    },
}

/// What to compute and how.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConnectivityOptions {
    /// Louvain parameters (seeded, so results repeat).
    pub louvain: LouvainParams,
    /// SDSM backbone parameters.
    pub backbone: BackboneParams,
    /// Shortest-path searches: threads, and when to sample pivots.
    pub paths: PathParams,
    /// How many agencies the burden lists keep.
    pub top: usize,
}

impl Default for ConnectivityOptions {
    fn default() -> Self {
        ConnectivityOptions {
            louvain: LouvainParams::default(),
            backbone: BackboneParams::default(),
            paths: PathParams::default(),
            top: 5,
        }
    }
}

/// Whole-network figures.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct NetworkSummary {
    /// Agencies (nodes), including those in no meeting.
    pub agencies: usize,
    /// Meetings in the inventory.
    pub meetings: usize,
    /// Pairs of agencies that share at least one meeting.
    pub links: usize,
    /// Share of all possible pairs that are linked.
    pub density: f64,
    /// Connected groups (an isolated agency is a group of its own).
    pub components: usize,
    /// Agencies in the largest group.
    pub largest_component: usize,
    /// Mean local clustering coefficient over all agencies.
    pub average_clustering: f64,
    /// Mean number of steps between agencies of the largest group.
    pub average_shortest_path: f64,
    /// Freeman's degree centralization (1 = a star around one agency).
    pub degree_centralization: f64,
    /// Whether betweenness, closeness and the average path are exact (`false`: groups
    /// above the exact limit were estimated from seeded pivots).
    pub exact_paths: bool,
    /// Breadth-first searches run for them.
    pub path_sources: usize,
}

/// Every measure of one agency.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AgencyMeasures {
    /// Canonical name.
    pub name: String,
    /// Sector.
    #[serde(serialize_with = "crate::model::sector_code::one")]
    pub sector: String,
    /// Agencies it meets.
    pub degree: usize,
    /// Degree / (agencies − 1).
    pub degree_centrality: f64,
    /// Σ over its ties of shared meetings.
    pub weighted_degree: usize,
    /// Σ over its ties of Newman's collaboration weight.
    pub collaboration_strength: f64,
    /// Normalised betweenness.
    pub betweenness: f64,
    /// Closeness with the Wasserman–Faust correction.
    pub closeness: f64,
    /// Local clustering coefficient.
    pub clustering: f64,
    /// Hours per year in meetings (head-count × sessions × hours).
    pub annual_hours: f64,
    /// Meetings attended.
    pub meetings: usize,
    /// Index into [`ConnectivityReport::communities`].
    pub community: usize,
    /// Gould–Fernandez brokerage roles.
    pub brokerage: Brokerage,
}

/// A name held once and shared by every tie that mentions it: a region of 100,000
/// meetings has 2.3 million ties, and a copy of both names and every meeting id per tie
/// took over a gigabyte. Serialised as a plain string.
pub type SharedName = std::sync::Arc<str>;

/// A projected tie, its provenance and its strength under the null model.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TieReport {
    /// Agency whose name sorts first.
    pub a: SharedName,
    /// The other agency.
    pub b: SharedName,
    /// Ids of the meetings that create the tie, sorted.
    pub meetings: Vec<SharedName>,
    /// Σ sessions × minutes / 60 over those meetings.
    pub shared_hours: f64,
    /// Newman's collaboration weight.
    pub collaboration: f64,
    /// Meetings shared on average under the BiCM null (when fitted).
    pub expected: Option<f64>,
    /// SDSM p-value (when fitted).
    pub p_value: Option<f64>,
    /// Holm-adjusted p-value (when fitted).
    pub p_holm: Option<f64>,
    /// Whether the tie belongs to the backbone.
    pub significant: bool,
}

/// How the backbone was fitted.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct BackboneSummary {
    /// Always `sdsm-bicm`.
    pub method: &'static str,
    /// Family-wise error rate.
    pub alpha: f64,
    /// Always `holm`.
    pub correction: &'static str,
    /// Fit outcome.
    pub status: BackboneStatus,
    /// When the status is `degenerate`: how many of the agencies with the most meetings
    /// fill every seat open to them, which makes some attendances certain.
    pub tight_agencies: Option<usize>,
    /// Agencies × meetings fitted after fixing certain cells.
    pub free_block: [usize; 2],
    /// Fixed-point iterations.
    pub iterations: usize,
    /// Largest gap between fitted and observed degrees.
    pub residual: f64,
}

/// An agency among the most burdened.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct BurdenEntry {
    /// Agency.
    pub name: String,
    /// Sector.
    #[serde(serialize_with = "crate::model::sector_code::one")]
    pub sector: String,
    /// Meetings attended.
    pub meetings: usize,
    /// Hours per year.
    pub annual_hours: f64,
}

/// How meeting time is spread.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Burden {
    /// Gini coefficient of annual hours over all agencies.
    pub gini: f64,
    /// Σ annual hours over all agencies (= the inventory's person-hours).
    pub total_hours: f64,
    /// Agencies with the most meetings.
    pub most_meetings: Vec<BurdenEntry>,
    /// Agencies with the most hours.
    pub most_hours: Vec<BurdenEntry>,
}

/// Everything `kaigi connectivity` reports. Lists of agencies are sorted by name, pairs
/// with the smaller member first, so the JSON is the same on every run.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ConnectivityReport {
    /// Whole-network figures.
    pub network: NetworkSummary,
    /// Per-agency measures, by name.
    pub agencies: Vec<AgencyMeasures>,
    /// Agencies whose departure splits the network.
    pub articulation_points: Vec<String>,
    /// Ties whose loss splits the network.
    pub bridges: Vec<[String; 2]>,
    /// Agencies in no meeting with anyone.
    pub isolated: Vec<String>,
    /// Agencies linked to exactly one other agency.
    pub pendants: Vec<String>,
    /// Louvain communities, each sorted, listed by first member.
    pub communities: Vec<Vec<String>>,
    /// Modularity of those communities (collaboration weights); null without ties.
    pub modularity: Option<f64>,
    /// Krackhardt–Stern E–I index.
    pub ei_index: EiIndex,
    /// Every pair of sectors with the meetings, hours and agencies that link them.
    pub sector_matrix: Vec<SectorLink>,
    /// Pairs of sectors that share no meeting.
    #[serde(serialize_with = "crate::model::sector_code::pairs")]
    pub unlinked_sector_pairs: Vec<[String; 2]>,
    /// Every tie with its provenance.
    pub ties: Vec<TieReport>,
    /// Ties carried by one meeting: `[a, b, meeting id]`.
    pub single_meeting_links: Vec<[SharedName; 3]>,
    /// How the SDSM backbone was fitted.
    pub backbone: BackboneSummary,
    /// Ties stronger than chance (SDSM, Holm at alpha).
    pub backbone_links: Vec<[String; 2]>,
    /// Spread of meeting time.
    pub burden: Burden,
    /// Gini coefficient of annual hours (also in `burden`).
    pub burden_gini: f64,
    /// Agency → sector pairs that would lose their only shared meeting without it.
    #[serde(serialize_with = "crate::model::sector_code::pairs_by_key")]
    pub critical_agencies: BTreeMap<String, Vec<[String; 2]>>,
}

impl ConnectivityReport {
    /// The agencies that broker between fields, strongest first: by cross-field
    /// brokerage (open two-paths whose ends are in different fields or outside the
    /// broker's), then betweenness, then name. Every document lists brokers in this one
    /// order; empty when no agency brokers across fields (or the fields are unknown).
    pub fn main_brokers(&self) -> Vec<&AgencyMeasures> {
        let mut brokers: Vec<&AgencyMeasures> =
            self.agencies.iter().filter(|a| a.brokerage.across_fields() > 0).collect();
        brokers.sort_by(|a, b| {
            b.brokerage
                .across_fields()
                .cmp(&a.brokerage.across_fields())
                .then(b.betweenness.total_cmp(&a.betweenness))
                .then(a.name.cmp(&b.name))
        });
        brokers
    }
}

impl ConnectivityOptions {
    /// Checks every parameter before anything runs.
    ///
    /// # Errors
    /// [`ConnectivityError::InvalidOption`] naming the first bad parameter.
    pub fn check(&self) -> Result<(), ConnectivityError> {
        let backbone = &self.backbone;
        if !(backbone.alpha > 0.0 && backbone.alpha < 1.0) {
            return Err(ConnectivityError::InvalidOption {
                name: "alpha",
                value: backbone.alpha.to_string(),
                expected: "a number between 0 and 1",
            });
        }
        if !(self.louvain.resolution > 0.0 && self.louvain.resolution.is_finite()) {
            return Err(ConnectivityError::InvalidOption {
                name: "resolution",
                value: self.louvain.resolution.to_string(),
                expected: "a positive number",
            });
        }
        Ok(())
    }
}

/// Builds the agency network of an inventory and runs every measure.
///
/// # Errors
/// [`ConnectivityError::InvalidOption`] when an option is out of range.
pub fn analyze(
    inventory: &Inventory,
    options: &ConnectivityOptions,
) -> Result<ConnectivityReport, ConnectivityError> {
    options.check()?;
    analyze_network(&AgencyNetwork::build(inventory), options)
}

/// Runs every measure on a built network.
///
/// # Errors
/// [`ConnectivityError::InvalidOption`] when an option is out of range.
pub fn analyze_network(
    network: &AgencyNetwork,
    options: &ConnectivityOptions,
) -> Result<ConnectivityReport, ConnectivityError> {
    options.check()?;
    let name = |i: usize| network.node(i).name.clone();
    let sector_name = |s: usize| network.sectors()[s].clone();

    // The all-pairs searches dominate; the rest runs beside them.
    let (paths, (communities, backbone)) = rayon::join(
        || shortest_path_measures(network, &options.paths),
        || (louvain(network, &options.louvain), sdsm_backbone(network, &options.backbone)),
    );
    let (communities, backbone) = (communities?, backbone?);
    let degrees = degree_measures(network);
    let local_clustering = clustering(network);
    let roles = brokerage(network);
    let parts = &paths.components;
    let largest = parts.first().map_or(&[][..], Vec::as_slice);
    let n = network.node_count();

    let mut community_of = vec![0; n];
    for (c, members) in communities.iter().enumerate() {
        for &v in members {
            community_of[v] = c;
        }
    }
    let quality = modularity(network, &communities, options.louvain.resolution)?;

    let agencies: Vec<AgencyMeasures> = (0..n)
        .map(|i| {
            let node = network.node(i);
            AgencyMeasures {
                name: node.name.clone(),
                sector: node.sector.clone(),
                degree: degrees.degree[i],
                degree_centrality: degrees.degree_centrality[i],
                weighted_degree: degrees.weighted_degree[i],
                collaboration_strength: degrees.collaboration_strength[i],
                betweenness: paths.betweenness[i],
                closeness: paths.closeness[i],
                clustering: local_clustering[i],
                annual_hours: node.annual_hours,
                meetings: node.meetings,
                community: community_of[i],
                brokerage: roles[i],
            }
        })
        .collect();

    let fitted = backbone.status == BackboneStatus::Ok;
    let shared_names: Vec<SharedName> = (0..n).map(|i| SharedName::from(name(i))).collect();
    let shared_ids: Vec<SharedName> = network.meeting_ids().map(SharedName::from).collect();
    let ties: Vec<TieReport> = network
        .ties()
        .enumerate()
        .map(|(t, tie)| {
            let tested = fitted.then(|| &backbone.ties[t]);
            TieReport {
                a: shared_names[tie.a as usize].clone(),
                b: shared_names[tie.b as usize].clone(),
                meetings: network
                    .tie_meetings(tie)
                    .iter()
                    .map(|&m| shared_ids[m as usize].clone())
                    .collect(),
                shared_hours: tie.shared_hours,
                collaboration: tie.collaboration,
                expected: tested.map(|t| t.expected),
                p_value: tested.map(|t| t.p_value),
                p_holm: tested.map(|t| t.p_holm),
                significant: tested.is_some_and(|t| t.significant),
            }
        })
        .collect();

    let matrix = SectorMatrix::build(network);
    let unlinked_sector_pairs = matrix.unlinked().map(|l| l.sectors.clone()).collect();

    let hours: Vec<f64> = agencies.iter().map(|a| a.annual_hours).collect();
    let meetings: Vec<f64> = agencies.iter().map(|a| a.meetings as f64).collect();
    let entry = |i: usize| BurdenEntry {
        name: agencies[i].name.clone(),
        sector: agencies[i].sector.clone(),
        meetings: agencies[i].meetings,
        annual_hours: agencies[i].annual_hours,
    };
    let burden_gini = gini(&hours);
    let burden = Burden {
        gini: burden_gini,
        total_hours: hours.iter().sum(),
        most_meetings: top_by(&meetings, options.top).into_iter().map(entry).collect(),
        most_hours: top_by(&hours, options.top).into_iter().map(entry).collect(),
    };

    Ok(ConnectivityReport {
        network: NetworkSummary {
            agencies: n,
            meetings: network.meeting_count(),
            links: network.tie_count(),
            density: density(n, network.tie_count()),
            components: parts.len(),
            largest_component: largest.len(),
            average_clustering: average_clustering(&local_clustering),
            average_shortest_path: if parts.is_empty() {
                0.0
            } else {
                paths.average_shortest_path(0)
            },
            exact_paths: paths.all_exact(),
            path_sources: paths.sources,
            degree_centralization: degree_centralization(&degrees.degree),
        },
        articulation_points: articulation_points(network).into_iter().map(name).collect(),
        bridges: bridges(network).into_iter().map(|(a, b)| [name(a), name(b)]).collect(),
        isolated: agencies_of_degree(&degrees.degree, 0).into_iter().map(name).collect(),
        pendants: agencies_of_degree(&degrees.degree, 1).into_iter().map(name).collect(),
        communities: communities
            .iter()
            .map(|members| members.iter().map(|&v| name(v)).collect())
            .collect(),
        modularity: quality,
        ei_index: ei_index(network),
        sector_matrix: matrix.links,
        unlinked_sector_pairs,
        single_meeting_links: single_meeting_links(network)
            .into_iter()
            .map(|(t, m)| {
                let tie = network.tie(t);
                [
                    shared_names[tie.a as usize].clone(),
                    shared_names[tie.b as usize].clone(),
                    shared_ids[m].clone(),
                ]
            })
            .collect(),
        backbone_links: backbone.significant().map(|(a, b)| [name(a), name(b)]).collect(),
        backbone: BackboneSummary {
            method: "sdsm-bicm",
            alpha: options.backbone.alpha,
            correction: "holm",
            status: backbone.status,
            tight_agencies: backbone.tight_agencies,
            free_block: backbone.free_block,
            iterations: backbone.iterations,
            residual: backbone.residual,
        },
        ties,
        burden,
        burden_gini,
        critical_agencies: critical_agencies(network)
            .into_iter()
            .map(|(agency, pairs)| {
                (
                    name(agency),
                    pairs.into_iter().map(|(s, t)| [sector_name(s), sector_name(t)]).collect(),
                )
            })
            .collect(),
        agencies,
    })
}

/// Random inventories for the tests that check the graph algorithms against
/// rustworkx-core: `meetings` meetings of one to `largest` agencies drawn from
/// `agencies` (names `A000`…), fixed by `seed`.
#[cfg(test)]
pub(crate) fn random_inventory(
    seed: u64,
    agencies: usize,
    meetings: usize,
    largest: usize,
) -> crate::model::Inventory {
    use crate::model::{Inventory, Meeting, Participant};
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let meetings = (0..meetings)
        .map(|i| {
            let mut m = Meeting::new(format!("M{i}"), "m");
            for _ in 0..rng.random_range(1..=largest) {
                let name = format!("A{:03}", rng.random_range(0..agencies));
                if !m.has_participant(&name) {
                    m.participants.push(Participant::new(name, 1));
                }
            }
            m
        })
        .collect();
    Inventory { meetings, agencies: Vec::new() }
}
