//! The annual connectivity review: the same municipality's inventory a year apart, and
//! what changed between them — meetings added, removed, renamed, changed and merged;
//! agencies added and removed; agency links and field links gained and lost, with the
//! meetings that carried them and the change that cut or made them; the headline
//! figures; and agencies that became or stopped being brokers, cut points or single
//! points of failure (the staff-transfer risk, 人事異動, the domain brief names).
//!
//! Meetings are matched by id first, then by name similarity (see [`match_meetings`]).
//! [`review`] returns a [`Review`] in which every list is sorted, so its JSON repeats
//! byte for byte; rendering lives in [`crate::report`].
//!
//! ```
//! use kaigi::model::{Agency, Frequency, Inventory, Meeting, Participant};
//! use kaigi::review::{Year, ReviewOptions, review};
//! let meeting = |id: &str, name: &str, agencies: &[&str]| {
//!     let mut m = Meeting::new(id, name);
//!     m.participants = agencies.iter().map(|a| Participant::new(*a, 1)).collect();
//!     m.frequency = Frequency::per_year(6.0);
//!     m.minutes_per_session = 90.0;
//!     m
//! };
//! let registry = |names: &[(&str, &str)]| names.iter().map(|(n, s)| Agency::new(*n, *s)).collect();
//! let before = Inventory {
//!     meetings: vec![meeting("M10", "地域移行部会", &["障害福祉課", "保健所", "居住支援法人"])],
//!     agencies: registry(&[("障害福祉課", "障害"), ("保健所", "保健・医療"), ("居住支援法人", "住まい")]),
//! };
//! let after = Inventory {
//!     meetings: vec![meeting("M10", "地域移行部会", &["障害福祉課", "保健所"])],
//!     agencies: registry(&[("障害福祉課", "障害"), ("保健所", "保健・医療")]),
//! };
//! let review = review(Year::new("2024", &before), Year::new("2025", &after), &ReviewOptions::default())?;
//! assert_eq!(review.agencies.removed[0].name, "居住支援法人");
//! assert_eq!(review.links.lost.len(), 2);
//! assert_eq!(review.fields.disconnected.len(), 2); // 住まい–障害 and 住まい–保健・医療
//! assert_eq!(review.meetings.changed[0].after_id, "M10");
//! assert!(!review.is_unchanged());
//! # Ok::<(), kaigi::review::ReviewError>(())
//! ```

mod agencies;
mod figures;
mod links;
mod matching;
mod meetings;

pub use agencies::{AgencyChange, AgencyEntry, AgencyReview, ChangedAgency, review_agencies};
pub use figures::{
    Broker, CriticalLink, FIGURE_KEYS, Figure, Resolution, ResolvedCritical, RoleReview,
};
pub use links::{AgencyLink, Cause, FieldLink, FieldReview, LinkReview};
pub use matching::{
    DEFAULT_NAME_THRESHOLD, MatchedBy, Matching, MeetingPair, match_meetings, name_similarity,
};
pub use meetings::{
    ChangedMeeting, Covered, MeetingChange, MeetingEntry, MeetingReview, Merger, Split,
    meeting_changes,
};

use crate::connectivity::{ConnectivityError, ConnectivityOptions, analyze_network};
use crate::graph::AgencyNetwork;
use crate::model::Inventory;
use serde::Serialize;

/// Share of a removed meeting's agencies that a new meeting must seat to count as its
/// probable replacement: most of them, allowing for the one or two agencies a merger
/// usually drops.
pub const DEFAULT_MERGER_COVERAGE: f64 = 0.8;

/// Brokers compared between the years: the top five by betweenness.
pub const DEFAULT_TOP_BROKERS: usize = 5;

/// Problems with the review request (the inventories themselves cannot make it fail).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReviewError {
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
    /// The connectivity analysis of one year refused its options.
    #[error(transparent)]
    Connectivity(#[from] ConnectivityError),
}

/// How to compare two years.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReviewOptions {
    /// Pair meetings with the same id before looking at names. Turn off when the
    /// inventories have no id column, so that ids are row numbers (`R2`, `R3` …).
    pub match_ids: bool,
    /// Lowest name similarity for pairing meetings by name (0 < t ≤ 1).
    pub name_threshold: f64,
    /// Share of a removed meeting's agencies a new meeting must seat to be its probable
    /// replacement (0 < c ≤ 1).
    pub merger_coverage: f64,
    /// How many top brokers to compare.
    pub top_brokers: usize,
    /// Options of each year's connectivity analysis (seeded, so results repeat).
    pub connectivity: ConnectivityOptions,
}

impl Default for ReviewOptions {
    fn default() -> Self {
        ReviewOptions {
            match_ids: true,
            name_threshold: DEFAULT_NAME_THRESHOLD,
            merger_coverage: DEFAULT_MERGER_COVERAGE,
            top_brokers: DEFAULT_TOP_BROKERS,
            connectivity: ConnectivityOptions::default(),
        }
    }
}

impl ReviewOptions {
    /// Checks every parameter before anything runs.
    ///
    /// ```
    /// use kaigi::review::ReviewOptions;
    /// let options = ReviewOptions { name_threshold: 0.0, ..ReviewOptions::default() };
    /// assert!(options.check().is_err());
    /// assert!(ReviewOptions::default().check().is_ok());
    /// ```
    ///
    /// # Errors
    /// [`ReviewError::InvalidOption`] naming the first bad parameter.
    pub fn check(&self) -> Result<(), ReviewError> {
        let share = |name: &'static str, value: f64| {
            if value > 0.0 && value <= 1.0 {
                Ok(())
            } else {
                Err(ReviewError::InvalidOption {
                    name,
                    value: value.to_string(),
                    expected: "a number above 0 and at most 1",
                })
            }
        };
        share("name threshold", self.name_threshold)?;
        share("merger coverage", self.merger_coverage)?;
        self.connectivity.check()?;
        Ok(())
    }
}

/// One year of the review: the inventory and the name reports use for it.
#[derive(Debug, Clone, Copy)]
pub struct Year<'a> {
    /// Name (folder or file stem, or a year such as `令和6年度`).
    pub name: &'a str,
    /// The inventory.
    pub inventory: &'a Inventory,
}

impl<'a> Year<'a> {
    /// A named year.
    pub fn new(name: &'a str, inventory: &'a Inventory) -> Self {
        Year { name, inventory }
    }
}

/// A year's size, for the review's heading.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct YearSummary {
    /// Name.
    pub name: String,
    /// Meetings.
    pub meetings: usize,
    /// Agencies (registered or named by a meeting).
    pub agencies: usize,
}

/// The rules the comparison used, so a reader can repeat it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Rules {
    /// Whether meetings with the same id were paired first.
    pub match_ids: bool,
    /// Always `character-bigram-dice`.
    pub name_similarity: &'static str,
    /// Lowest name similarity for a pairing by name.
    pub name_threshold: f64,
    /// Coverage a new meeting needs to be a probable replacement.
    pub merger_coverage: f64,
    /// Brokers compared.
    pub top_brokers: usize,
}

/// Everything the annual review found, as written to `review.json`.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Review {
    /// kaigi version that wrote it.
    pub kaigi_version: &'static str,
    /// Last year.
    pub before: YearSummary,
    /// This year.
    pub after: YearSummary,
    /// How meetings were matched.
    pub rules: Rules,
    /// Meetings added, removed, renamed, changed and merged.
    pub meetings: MeetingReview,
    /// Agencies added, removed and changed.
    pub agencies: AgencyReview,
    /// Pairs of agencies that share a meeting, gained and lost.
    pub links: LinkReview,
    /// Pairs of fields that share a meeting, connected and disconnected.
    pub fields: FieldReview,
    /// Whether both years place their agencies in at least two fields. When not (no
    /// agency list), the figures by field are left out rather than shown as 0.
    pub fields_known: bool,
    /// Headline figures of both years.
    pub figures: Vec<Figure>,
    /// Brokers, cut points, isolated agencies and single points of failure.
    pub roles: RoleReview,
}

impl Review {
    /// True when the two years hold the same meetings, agencies and links: nothing was
    /// added, removed, renamed or changed, and every figure is equal.
    ///
    /// ```
    /// use kaigi::model::Inventory;
    /// use kaigi::review::{Year, ReviewOptions, review};
    /// let empty = Inventory::default();
    /// let year = Year::new("2024", &empty);
    /// assert!(review(year, year, &ReviewOptions::default())?.is_unchanged());
    /// # Ok::<(), kaigi::review::ReviewError>(())
    /// ```
    pub fn is_unchanged(&self) -> bool {
        let m = &self.meetings;
        let r = &self.roles;
        m.added.is_empty()
            && m.removed.is_empty()
            && m.renamed.is_empty()
            && m.changed.is_empty()
            && self.agencies.added.is_empty()
            && self.agencies.removed.is_empty()
            && self.agencies.changed.is_empty()
            && self.links.gained.is_empty()
            && self.links.lost.is_empty()
            && self.fields.connected.is_empty()
            && self.fields.disconnected.is_empty()
            && r.brokers_gained.is_empty()
            && r.brokers_lost.is_empty()
            && r.articulation_gained.is_empty()
            && r.articulation_lost.is_empty()
            && r.critical_new.is_empty()
            && r.critical_resolved.is_empty()
            && self.figures.iter().all(|f| f.before == f.after)
    }

    /// The figure with the given key (see [`FIGURE_KEYS`]).
    pub fn figure(&self, key: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.key == key)
    }
}

/// Compares two years of one municipality's inventory.
///
/// Runs the connectivity analysis of each year (the two in parallel), matches meetings
/// (see [`match_meetings`]) and gathers every difference. Deterministic: the same two
/// inventories and options give the same [`Review`].
///
/// # Errors
/// [`ReviewError::InvalidOption`] when an option is out of range.
pub fn review(
    before: Year<'_>,
    after: Year<'_>,
    options: &ReviewOptions,
) -> Result<Review, ReviewError> {
    options.check()?;
    let (old, new) = (before.inventory, after.inventory);
    let (network_before, network_after) = (AgencyNetwork::build(old), AgencyNetwork::build(new));
    let (report_before, report_after) = rayon::join(
        || analyze_network(&network_before, &options.connectivity),
        || analyze_network(&network_after, &options.connectivity),
    );
    let (report_before, report_after) = (report_before?, report_after?);

    let matching =
        match_meetings(&old.meetings, &new.meetings, options.match_ids, options.name_threshold);
    let meetings =
        meetings::review_meetings(&old.meetings, &new.meetings, &matching, options.merger_coverage);
    let (forward, backward) = links::partners(&matching, old.meetings.len(), new.meetings.len());
    let year_before =
        links::YearView { inventory: old, network: &network_before, partner: forward };
    let year_after = links::YearView { inventory: new, network: &network_after, partner: backward };

    Ok(Review {
        kaigi_version: env!("CARGO_PKG_VERSION"),
        before: YearSummary {
            name: before.name.to_string(),
            meetings: old.meetings.len(),
            agencies: network_before.node_count(),
        },
        after: YearSummary {
            name: after.name.to_string(),
            meetings: new.meetings.len(),
            agencies: network_after.node_count(),
        },
        rules: Rules {
            match_ids: options.match_ids,
            name_similarity: "character-bigram-dice",
            name_threshold: options.name_threshold,
            merger_coverage: options.merger_coverage,
            top_brokers: options.top_brokers,
        },
        meetings,
        agencies: review_agencies(old, new),
        links: links::review_links(&year_before, &year_after),
        fields: links::review_fields(&year_before, &year_after),
        fields_known: figures::fields_known(&report_before) && figures::fields_known(&report_after),
        figures: figures::figures((old, &report_before), (new, &report_after)),
        roles: figures::roles(&report_before, &report_after, options.top_brokers),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{LoadOptions, load};

    fn sample(name: &str) -> Inventory {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs").join(name);
        load(&path, &LoadOptions::default()).unwrap().inventory
    }

    #[test]
    fn an_inventory_against_itself_is_unchanged() {
        let inventory = sample("sample-city");
        let year = Year::new("x", &inventory);
        let review = review(year, year, &ReviewOptions::default()).unwrap();
        assert!(review.is_unchanged(), "{review:#?}");
        assert_eq!(review.meetings.matched.len(), 36);
        assert!(review.roles.critical_new.is_empty());
        assert_eq!(review.roles.critical_kept.len(), 7);
    }

    #[test]
    fn rejects_a_threshold_of_zero_before_running() {
        let inventory = Inventory::default();
        let year = Year::new("x", &inventory);
        let options = ReviewOptions { merger_coverage: 1.5, ..ReviewOptions::default() };
        let error = review(year, year, &options).unwrap_err();
        assert!(error.to_string().contains("merger coverage = 1.5"));
    }

    fn meeting(id: &str, agencies: &[&str]) -> crate::model::Meeting {
        let mut m = crate::model::Meeting::new(id, format!("会議{id}"));
        m.participants = agencies.iter().map(|a| crate::model::Participant::new(*a, 1)).collect();
        m
    }

    #[test]
    fn names_the_agency_that_left_and_the_meeting_that_went() {
        use crate::model::Agency;
        let agencies =
            || vec![Agency::new("A", "高齢"), Agency::new("B", "障害"), Agency::new("C", "子ども")];
        let before = Inventory {
            meetings: vec![meeting("M1", &["A", "B"]), meeting("M2", &["B", "C"])],
            agencies: agencies(),
        };
        let mut moved = agencies();
        moved[2].sector = "障害".into();
        let after = Inventory { meetings: vec![meeting("M1", &["A", "C"])], agencies: moved };
        let found =
            review(Year::new("1", &before), Year::new("2", &after), &ReviewOptions::default())
                .unwrap();
        let lost: Vec<(&[String; 2], &[Cause])> =
            found.links.lost.iter().map(|l| (&l.agencies, l.causes.as_slice())).collect();
        assert_eq!(lost.len(), 2);
        assert_eq!(
            lost[0].1,
            [Cause::AgencyLeft { agency: "B".into(), meeting: "M1".into() }],
            "A–B: B left M1"
        );
        assert_eq!(lost[1].1, [Cause::MeetingRemoved { meeting: "M2".into() }], "B–C: M2 gone");
        assert_eq!(
            found.links.gained[0].causes,
            [Cause::AgencyJoined { agency: "C".into(), meeting: "M1".into() }]
        );
        // 子ども is gone as a field: C is recorded under 障害 now.
        let disconnected: Vec<&[String; 2]> =
            found.fields.disconnected.iter().map(|f| &f.sectors).collect();
        assert_eq!(disconnected, [&["子ども".to_string(), "障害".to_string()]]);
        assert!(
            found.fields.connected.is_empty(),
            "A (高齢) and C (障害) meet: 障害–高齢 was there"
        );
        assert_eq!(found.agencies.changed[0].name, "C");
        assert!(found.meetings.removed.iter().any(|m| m.id == "M2"));
    }

    #[test]
    fn a_field_link_cut_by_recording_an_agency_under_another_field_says_so() {
        use crate::model::Agency;
        let before = Inventory {
            meetings: vec![meeting("M1", &["A", "C"])],
            agencies: vec![Agency::new("A", "高齢"), Agency::new("C", "子ども")],
        };
        let after = Inventory {
            meetings: vec![meeting("M1", &["A", "C"])],
            agencies: vec![Agency::new("A", "高齢"), Agency::new("C", "障害")],
        };
        let found =
            review(Year::new("1", &before), Year::new("2", &after), &ReviewOptions::default())
                .unwrap();
        assert!(found.links.lost.is_empty() && found.meetings.changed.is_empty());
        assert_eq!(
            found.fields.disconnected[0].causes,
            [Cause::SectorChanged {
                agency: "C".into(),
                before: "子ども".into(),
                after: "障害".into()
            }]
        );
        assert_eq!(
            found.fields.connected[0].causes,
            [Cause::SectorChanged {
                agency: "C".into(),
                before: "子ども".into(),
                after: "障害".into()
            }]
        );
    }

    #[test]
    fn empty_inventories_compare_without_panicking() {
        let empty = Inventory::default();
        let year = Year::new("x", &empty);
        assert!(review(year, year, &ReviewOptions::default()).unwrap().is_unchanged());
    }
}
