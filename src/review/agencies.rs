//! Agencies across two years: who joined the registry or a meeting for the first time,
//! who is gone, and whose field, kind or duty of confidentiality was recorded differently.

use crate::model::{AgencyKind, Confidentiality, Inventory};
use serde::Serialize;
use std::collections::BTreeMap;

/// An agency found in one year only.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AgencyEntry {
    /// Canonical name.
    pub name: String,
    /// Field (分野).
    #[serde(serialize_with = "crate::model::sector_code::one")]
    pub sector: String,
    /// Whether the registry lists it (`false`: only a meeting names it).
    pub registered: bool,
    /// Ids of the meetings it attends in its year, in input order.
    pub meetings: Vec<String>,
}

/// One difference in an agency's registry entry.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum AgencyChange {
    /// Field (分野): changes which field links it carries.
    Sector {
        /// Last year.
        #[serde(serialize_with = "crate::model::sector_code::one")]
        before: String,
        /// This year.
        #[serde(serialize_with = "crate::model::sector_code::one")]
        after: String,
    },
    /// Kind of organisation.
    Kind {
        /// Last year.
        before: AgencyKind,
        /// This year.
        after: AgencyKind,
    },
    /// Duty of confidentiality: decides whether it may sit in case review.
    Confidentiality {
        /// Last year.
        before: Confidentiality,
        /// This year.
        after: Confidentiality,
    },
    /// Area (圏域).
    Area {
        /// Last year.
        before: Option<String>,
        /// This year.
        after: Option<String>,
    },
    /// Listed in the registry one year, only named by a meeting the other.
    Registered {
        /// Last year.
        before: bool,
        /// This year.
        after: bool,
    },
}

/// An agency present in both years whose entry differs.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ChangedAgency {
    /// Canonical name.
    pub name: String,
    /// The differences.
    pub changes: Vec<AgencyChange>,
}

/// Everything about agencies.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AgencyReview {
    /// Agencies of this year only, by name.
    pub added: Vec<AgencyEntry>,
    /// Agencies of last year only, by name.
    pub removed: Vec<AgencyEntry>,
    /// Agencies of both years whose entry differs, by name.
    pub changed: Vec<ChangedAgency>,
}

struct Seen<'a> {
    sector: &'a str,
    kind: Option<&'a AgencyKind>,
    confidentiality: Option<Confidentiality>,
    area: Option<&'a Option<String>>,
    registered: bool,
    meetings: Vec<String>,
}

/// Every agency of an inventory, registered or only named by a meeting. The loader adds
/// unregistered participants to the registry already; the participants are read again
/// so that an inventory built by hand is treated the same.
fn agencies(inventory: &Inventory) -> BTreeMap<&str, Seen<'_>> {
    let mut seen: BTreeMap<&str, Seen<'_>> = BTreeMap::new();
    for agency in &inventory.agencies {
        seen.entry(agency.name.as_str()).or_insert(Seen {
            sector: agency.sector.as_str(),
            kind: Some(&agency.kind),
            confidentiality: Some(agency.confidentiality),
            area: Some(&agency.area),
            registered: !agency.unregistered,
            meetings: Vec::new(),
        });
    }
    for meeting in &inventory.meetings {
        for participant in &meeting.participants {
            let entry = seen.entry(participant.agency.as_str()).or_insert(Seen {
                sector: crate::model::UNKNOWN_SECTOR,
                kind: None,
                confidentiality: None,
                area: None,
                registered: false,
                meetings: Vec::new(),
            });
            if entry.meetings.last() != Some(&meeting.id) {
                entry.meetings.push(meeting.id.clone());
            }
        }
    }
    seen
}

fn entry(name: &str, seen: &Seen<'_>) -> AgencyEntry {
    AgencyEntry {
        name: name.to_string(),
        sector: seen.sector.to_string(),
        registered: seen.registered,
        meetings: seen.meetings.clone(),
    }
}

/// Compares the agencies of two years by canonical name.
///
/// ```
/// use kaigi::model::{Agency, Inventory};
/// use kaigi::review::review_agencies;
/// let before = Inventory { meetings: vec![], agencies: vec![Agency::new("居住支援法人", "住まい"), Agency::new("社協", "地域")] };
/// let after = Inventory { meetings: vec![], agencies: vec![Agency::new("社協", "地域")] };
/// let review = review_agencies(&before, &after);
/// assert_eq!(review.removed[0].name, "居住支援法人");
/// assert!(review.added.is_empty() && review.changed.is_empty());
/// ```
pub fn review_agencies(before: &Inventory, after: &Inventory) -> AgencyReview {
    let (was, now) = (agencies(before), agencies(after));
    let added =
        now.iter().filter(|(n, _)| !was.contains_key(*n)).map(|(n, s)| entry(n, s)).collect();
    let removed =
        was.iter().filter(|(n, _)| !now.contains_key(*n)).map(|(n, s)| entry(n, s)).collect();
    let mut changed = Vec::new();
    for (name, old) in &was {
        let Some(new) = now.get(name) else { continue };
        let mut changes = Vec::new();
        if old.sector != new.sector {
            changes.push(AgencyChange::Sector {
                before: old.sector.to_string(),
                after: new.sector.to_string(),
            });
        }
        // Kind, duty and area are compared only when both registries state them: an
        // agency only named by a meeting has none.
        if let (Some(a), Some(b)) = (old.kind, new.kind)
            && a != b
        {
            changes.push(AgencyChange::Kind { before: a.clone(), after: b.clone() });
        }
        if let (Some(a), Some(b)) = (old.confidentiality, new.confidentiality)
            && a != b
        {
            changes.push(AgencyChange::Confidentiality { before: a, after: b });
        }
        if let (Some(a), Some(b)) = (old.area, new.area)
            && a != b
        {
            changes.push(AgencyChange::Area { before: a.clone(), after: b.clone() });
        }
        if old.registered != new.registered {
            changes
                .push(AgencyChange::Registered { before: old.registered, after: new.registered });
        }
        if !changes.is_empty() {
            changed.push(ChangedAgency { name: name.to_string(), changes });
        }
    }
    AgencyReview { added, removed, changed }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Agency, Meeting, Participant};

    #[test]
    fn an_agency_only_named_by_a_meeting_counts_and_lists_its_meetings() {
        let mut m = Meeting::new("M1", "会議");
        m.participants = vec![Participant::new("新NPO", 1), Participant::new("社協", 1)];
        let before =
            Inventory { meetings: vec![], agencies: vec![Agency::new("社協", "地域")] };
        let after =
            Inventory { meetings: vec![m], agencies: vec![Agency::new("社協", "地域")] };
        let review = review_agencies(&before, &after);
        assert_eq!(review.added.len(), 1);
        assert_eq!(review.added[0].name, "新NPO");
        assert!(!review.added[0].registered);
        assert_eq!(review.added[0].meetings, ["M1"]);
    }

    #[test]
    fn a_changed_field_is_reported() {
        let before = Inventory { meetings: vec![], agencies: vec![Agency::new("A", "高齢")] };
        let mut moved = Agency::new("A", "地域");
        moved.confidentiality = Confidentiality::Statutory;
        let after = Inventory { meetings: vec![], agencies: vec![moved] };
        let review = review_agencies(&before, &after);
        assert_eq!(review.changed.len(), 1);
        assert_eq!(review.changed[0].changes.len(), 2);
    }
}
