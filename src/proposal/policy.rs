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
use crate::model::Inventory;
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
    /// The file is not UTF-8 text (a binary file, or saved in another encoding).
    #[error(
        "policy file '{path}' is not UTF-8 text (byte {offset} is not valid UTF-8); save it as a UTF-8 TOML text file, e.g. `max_core_members = 20`"
    )]
    NotText {
        /// File.
        path: String,
        /// Offset of the first byte that is not UTF-8.
        offset: usize,
    },
    /// Ids or agency names the inventory does not have.
    #[error("policy file '{path}' names {}", unknown_list(.unknown))]
    UnknownIds {
        /// File.
        path: String,
        /// Every unknown id, with the closest existing ones.
        unknown: Vec<UnknownId>,
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

/// An id (or agency name) in a policy that the inventory does not have.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownId {
    /// Policy key (`keep`, `never_merge`, `override`, `escalate`, `allow_dropped_links`).
    pub key: &'static str,
    /// The id as written.
    pub id: String,
    /// Whether it names an agency (else a meeting).
    pub agency: bool,
    /// Up to three existing ids or names closest to it.
    pub closest: Vec<String>,
}

fn unknown_list(unknown: &[UnknownId]) -> String {
    let items: Vec<String> = unknown
        .iter()
        .map(|u| {
            let what = if u.agency { "agency" } else { "meeting" };
            let closest = if u.closest.is_empty() {
                String::new()
            } else {
                format!(" (closest: {})", u.closest.join(", "))
            };
            format!("{what} '{}' under {}, which the inventory does not have{closest}", u.id, u.key)
        })
        .collect();
    format!("{}; correct the id or remove the entry", items.join("; "))
}

/// Edit distance in characters (Levenshtein), for suggesting the id meant.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

/// An id as compared for suggestions: NFKC, lower-case, numbers without leading zeros
/// (`Ｍ012`, `m12` and `M12` are the same id typed three ways).
fn id_key(id: &str) -> String {
    let text = crate::input::normalize(id).to_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut in_number = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let next_is_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c == '0' && !in_number && next_is_digit {
            continue;
        }
        in_number = c.is_ascii_digit();
        out.push(c);
    }
    out
}

/// The three existing ids closest to `wanted`: an exact name match first (a meeting
/// named where its id was expected), then by edit distance, ties in inventory order.
fn closest(wanted: &str, candidates: &[(&str, &str)]) -> Vec<String> {
    if let Some((id, _)) = candidates.iter().find(|(_, name)| *name == wanted) {
        return vec![(*id).to_string()];
    }
    let wanted_key = id_key(wanted);
    let mut scored: Vec<(usize, usize, &str)> = candidates
        .iter()
        .enumerate()
        .map(|(order, (id, _))| {
            let key = id_key(id);
            let distance = if key == wanted_key { 0 } else { 1 + edit_distance(&wanted_key, &key) };
            (distance, order, *id)
        })
        .collect();
    scored.sort_unstable();
    scored.into_iter().take(3).map(|(_, _, id)| id.to_string()).collect()
}

/// Reads `[["A", "B"], …]` refusing entries that are not exactly two items (a three-agency
/// entry used to be cut to its first two silently).
fn pairs<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<[String; 2]>, D::Error> {
    let entries: Vec<Vec<String>> = Vec::deserialize(deserializer)?;
    entries
        .into_iter()
        .map(|entry| match <[String; 2]>::try_from(entry) {
            Ok(pair) => Ok(pair),
            Err(entry) => Err(serde::de::Error::custom(format!(
                "each entry must be a pair of two names, but {entry:?} has {}; write one pair per link, e.g. [\"A\", \"B\"], [\"A\", \"C\"]",
                entry.len()
            ))),
        })
        .collect()
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
    #[serde(deserialize_with = "pairs")]
    pub never_merge: Vec<[String; 2]>,
    /// Agency pairs whose link the proposal may drop.
    #[serde(deserialize_with = "pairs")]
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
        let bytes = std::fs::read(path)
            .map_err(|source| PolicyError::Io { path: shown.clone(), source })?;
        let text = String::from_utf8(bytes).map_err(|e| PolicyError::NotText {
            path: shown.clone(),
            offset: e.utf8_error().valid_up_to(),
        })?;
        Policy::from_toml(text.strip_prefix('\u{feff}').unwrap_or(&text), &shown)
    }

    /// Checks that every meeting id (`keep`, `never_merge`, `override`, `escalate`) and agency name
    /// (`allow_dropped_links`) exists in the inventory; an unknown one is an error naming
    /// it and the closest existing ids, since a typo would otherwise pin, separate or
    /// override nothing without a word. `path` names the policy file in the message.
    ///
    /// ```
    /// use kaigi::model::{Inventory, Meeting};
    /// let inventory = Inventory { meetings: vec![Meeting::new("M05", "会議")], agencies: vec![] };
    /// let policy = kaigi::proposal::Policy::from_toml(r#"keep = ["M50"]"#, "p.toml").unwrap();
    /// let error = policy.check_ids(&inventory, "p.toml").unwrap_err().to_string();
    /// assert!(error.contains("'M50' under keep") && error.contains("closest: M05"), "{error}");
    /// ```
    pub fn check_ids(&self, inventory: &Inventory, path: &str) -> Result<(), PolicyError> {
        let meetings: Vec<(&str, &str)> =
            inventory.meetings.iter().map(|m| (m.id.as_str(), m.name.as_str())).collect();
        let agencies: Vec<(&str, &str)> =
            inventory.agencies.iter().map(|a| (a.name.as_str(), a.name.as_str())).collect();
        let meeting_ids: std::collections::HashSet<&str> =
            meetings.iter().map(|(id, _)| *id).collect();
        let mut agency_names: std::collections::HashSet<&str> =
            agencies.iter().map(|(name, _)| *name).collect();
        for agency in &inventory.agencies {
            agency_names.extend(agency.aliases.iter().map(String::as_str));
        }
        let mut unknown = Vec::new();
        let mut check = |key: &'static str, id: &str, agency: bool| {
            let (known, candidates) =
                if agency { (&agency_names, &agencies) } else { (&meeting_ids, &meetings) };
            if !known.contains(id)
                && !unknown.iter().any(|u: &UnknownId| u.id == id && u.key == key)
            {
                unknown.push(UnknownId {
                    key,
                    id: id.to_string(),
                    agency,
                    closest: closest(id, candidates),
                });
            }
        };
        for id in &self.keep {
            check("keep", id, false);
        }
        for id in self.never_merge.iter().flatten() {
            check("never_merge", id, false);
        }
        for id in self.overrides.keys() {
            check("override", id, false);
        }
        for (from, to) in &self.escalate {
            check("escalate", from, false);
            check("escalate", to, false);
        }
        for name in self.allow_dropped_links.iter().flatten() {
            check("allow_dropped_links", name, true);
        }
        if unknown.is_empty() {
            Ok(())
        } else {
            Err(PolicyError::UnknownIds { path: path.to_string(), unknown })
        }
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
    fn a_pair_list_entry_of_three_is_refused() {
        let error = Policy::from_toml(r#"allow_dropped_links = [["A", "B", "C"]]"#, "p.toml")
            .unwrap_err()
            .to_string();
        assert!(error.contains("has 3") && error.contains("p.toml"), "{error}");
    }

    #[test]
    fn unknown_meeting_ids_name_the_closest() {
        use crate::model::{Agency, Meeting};
        let inventory = Inventory {
            meetings: vec![
                Meeting::new("M13", "地域ケア個別会議"),
                Meeting::new("M14", "支援調整会議"),
                Meeting::new("M41", "協議体"),
            ],
            agencies: vec![Agency::new("社会福祉協議会".to_string(), "地域")],
        };
        let policy = Policy::from_toml(
            r#"
            keep = ["M13", "支援調整会議"]
            never_merge = [["M13", "M15"]]
            allow_dropped_links = [["社会福祉協議会", "社協"]]
            [override.m41]
            statutory = true
            [escalate]
            M13 = "M140"
            "#,
            "p.toml",
        )
        .unwrap();
        let PolicyError::UnknownIds { unknown, .. } =
            policy.check_ids(&inventory, "p.toml").unwrap_err()
        else {
            panic!("not unknown ids")
        };
        let found: Vec<(&str, &str, Vec<String>)> =
            unknown.iter().map(|u| (u.key, u.id.as_str(), u.closest.clone())).collect();
        assert_eq!(found[0], ("keep", "支援調整会議", vec!["M14".to_string()]));
        assert_eq!(found[1].0, "never_merge");
        assert_eq!(found[1].2[..2], ["M13".to_string(), "M14".to_string()]);
        assert_eq!(found[2].0, "override");
        assert_eq!(found[2].2[0], "M41");
        assert_eq!(found[3].0, "escalate");
        assert_eq!(found[3].2[0], "M14");
        assert_eq!(found[4], ("allow_dropped_links", "社協", vec!["社会福祉協議会".to_string()]));
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
