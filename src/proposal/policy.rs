//! The policy file: the constraints and costs a municipality sets for a proposal.
//!
//! ```toml
//! max_core_members = 20            # people in the room at every session of a body
//! max_per_item_share = 0.6         # share of a body's members who attend only their items
//! fixed_cost_hours = 20            # secretariat hours per body per year (preparation, minutes)
//! min_member_overlap = 0.5         # each merged meeting shares at least this share of its agencies
//! agenda_compression = 0.25       # share of absorbed agenda time a merged body may save
//! travel_minutes = 0              # per agency per trip, optional (used by back-to-back options)
//! allow_mixed_areas = false
//! allow_joint_statutory = true     # statutory meetings may be held jointly (合同開催)
//! seed = 42
//! keep = ["M05"]                   # pinned: never merged or held jointly
//! never_merge = [["M13", "M14"]]   # pairs that must stay in different bodies
//! allow_dropped_links = []         # agency pairs whose link may be lost
//!
//! [override.M12]                   # override an inferred value
//! statutory = true
//! personal_info = false
//! tier = "policy"
//!
//! [escalate]                       # escalation targets set by hand
//! M18 = "M17"
//! ```

use crate::legal::Tier;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// Why a policy file was refused.
#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    /// The file could not be read.
    #[error("could not read policy file '{path}': {source}")]
    Io {
        /// File.
        path: String,
        /// Cause.
        source: std::io::Error,
    },
    /// Not valid TOML, or a key of the wrong type.
    #[error("policy file '{path}' is not valid: {message}")]
    Parse {
        /// File.
        path: String,
        /// What the TOML parser said (with line and column).
        message: String,
    },
    /// A value outside its range.
    #[error("policy value '{key}' = {value} is out of range: {expected}")]
    OutOfRange {
        /// Key.
        key: &'static str,
        /// Value given.
        value: String,
        /// What is allowed.
        expected: &'static str,
    },
}

/// Per-meeting overrides of values the catalogue would infer.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingOverride {
    /// Statutory flag.
    pub statutory: Option<bool>,
    /// Personal-information flag.
    pub personal_info: Option<bool>,
    /// Tier.
    pub tier: Option<Tier>,
    /// Legal basis.
    pub legal_basis: Option<String>,
}

/// Constraints and costs. Every field has a default, so an empty file is valid.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Policy {
    /// Most people (head-count) attending every session of a body as core members.
    pub max_core_members: u32,
    /// Largest share of a body's agencies that may be per-item members.
    pub max_per_item_share: f64,
    /// Fixed hours per body per year (preparing, minuting, scheduling).
    pub fixed_cost_hours: f64,
    /// Minimum overlap coefficient between a merged meeting's agencies and the rest of
    /// the body: meetings are only merged where the same people already meet.
    pub min_member_overlap: f64,
    /// Share of the absorbed meetings' agenda time a merged body may save (the repeated
    /// opening, the same reports heard twice): 0 keeps every minute, 0.25 (the default)
    /// lets a merged body meet for three quarters of the agenda time it absorbs.
    /// Agenda items do not vanish by being held together, so this stays modest.
    pub agenda_compression: f64,
    /// Longest session a body may have, in minutes.
    pub max_session_minutes: f64,
    /// Whether meetings of different areas may merge.
    pub allow_mixed_areas: bool,
    /// Whether statutory meetings may be held jointly.
    pub allow_joint_statutory: bool,
    /// Largest inventory (meetings in one connected group) solved exactly.
    pub exact_limit: usize,
    /// Seed for any randomised step (kept for reproducibility of future searches).
    pub seed: u64,
    /// Meeting ids kept as they are.
    pub keep: Vec<String>,
    /// Pairs of meeting ids never placed in one body.
    pub never_merge: Vec<[String; 2]>,
    /// Agency pairs whose link the proposal may drop.
    pub allow_dropped_links: Vec<[String; 2]>,
    /// Overrides by meeting id.
    #[serde(rename = "override")]
    pub overrides: BTreeMap<String, MeetingOverride>,
    /// Escalation targets set by hand: meeting id → the meeting it raises issues to.
    pub escalate: BTreeMap<String, String>,
    /// Minutes an agency spends travelling to a meeting and back (optional; 0 leaves
    /// travel out of every figure).
    pub travel_minutes: f64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            max_core_members: 20,
            max_per_item_share: 0.6,
            fixed_cost_hours: 20.0,
            min_member_overlap: 0.5,
            agenda_compression: 0.25,
            max_session_minutes: 180.0,
            allow_mixed_areas: false,
            allow_joint_statutory: true,
            exact_limit: 12,
            seed: 42,
            keep: Vec::new(),
            never_merge: Vec::new(),
            allow_dropped_links: Vec::new(),
            overrides: BTreeMap::new(),
            escalate: BTreeMap::new(),
            travel_minutes: 0.0,
        }
    }
}

impl Policy {
    /// Parses and checks a policy from TOML text.
    ///
    /// ```
    /// let policy = kaigi::proposal::Policy::from_toml("max_core_members = 12", "p.toml").unwrap();
    /// assert_eq!(policy.max_core_members, 12);
    /// assert!(kaigi::proposal::Policy::from_toml("max_core_members = 0", "p.toml").is_err());
    /// ```
    pub fn from_toml(text: &str, path: &str) -> Result<Policy, PolicyError> {
        let policy: Policy = toml::from_str(text)
            .map_err(|e| PolicyError::Parse { path: path.to_string(), message: e.to_string() })?;
        policy.check()?;
        Ok(policy)
    }

    /// Reads a policy file.
    pub fn from_file(path: &Path) -> Result<Policy, PolicyError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|source| PolicyError::Io { path: shown.clone(), source })?;
        Policy::from_toml(&text, &shown)
    }

    /// Checks ranges.
    pub fn check(&self) -> Result<(), PolicyError> {
        let fail =
            |key, value: String, expected| Err(PolicyError::OutOfRange { key, value, expected });
        if self.max_core_members < 2 {
            return fail("max_core_members", self.max_core_members.to_string(), "at least 2");
        }
        if !(0.0..=1.0).contains(&self.max_per_item_share) {
            return fail("max_per_item_share", self.max_per_item_share.to_string(), "0 to 1");
        }
        if !(self.fixed_cost_hours >= 0.0 && self.fixed_cost_hours.is_finite()) {
            return fail("fixed_cost_hours", self.fixed_cost_hours.to_string(), "0 or more hours");
        }
        if !(0.0..=1.0).contains(&self.min_member_overlap) {
            return fail("min_member_overlap", self.min_member_overlap.to_string(), "0 to 1");
        }
        if !(0.0..=0.9).contains(&self.agenda_compression) {
            return fail(
                "agenda_compression",
                self.agenda_compression.to_string(),
                "0 to 0.9 (a share of the absorbed agenda time; 0.25 is the default)",
            );
        }
        if !(self.travel_minutes >= 0.0 && self.travel_minutes <= 600.0) {
            return fail("travel_minutes", self.travel_minutes.to_string(), "0 to 600 minutes");
        }
        if !(self.max_session_minutes > 0.0 && self.max_session_minutes <= 1440.0) {
            return fail(
                "max_session_minutes",
                self.max_session_minutes.to_string(),
                "1 to 1440 minutes",
            );
        }
        if self.exact_limit > 16 {
            return fail(
                "exact_limit",
                self.exact_limit.to_string(),
                "at most 16 (the exact search is exponential)",
            );
        }
        Ok(())
    }

    /// Whether the policy lets the link between two agencies be dropped.
    pub fn allows_dropping(&self, a: &str, b: &str) -> bool {
        self.allow_dropped_links.iter().any(|[x, y]| (x == a && y == b) || (x == b && y == a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_gives_defaults() {
        assert_eq!(Policy::from_toml("", "p").unwrap(), Policy::default());
    }

    #[test]
    fn reads_every_key() {
        let policy = Policy::from_toml(
            r#"
            max_core_members = 12
            fixed_cost_hours = 5
            keep = ["M01"]
            never_merge = [["M13", "M14"]]
            allow_dropped_links = [["A", "B"]]
            [override.M12]
            statutory = true
            tier = "policy"
            "#,
            "p",
        )
        .unwrap();
        assert_eq!(policy.keep, ["M01"]);
        assert_eq!(policy.overrides["M12"].tier, Some(Tier::Policy));
        assert!(policy.allows_dropping("B", "A"));
    }

    #[test]
    fn unknown_keys_and_bad_ranges_are_refused_with_the_key() {
        let error = Policy::from_toml("max_core = 3", "p.toml").unwrap_err().to_string();
        assert!(error.contains("max_core") && error.contains("p.toml"), "{error}");
        let error =
            Policy::from_toml("max_per_item_share = 2.0", "p.toml").unwrap_err().to_string();
        assert!(error.contains("max_per_item_share"), "{error}");
    }
}
