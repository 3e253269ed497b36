//! The domain: meetings, the agencies that attend them, and the figures derived from
//! them. Plain data, no I/O; everything else in kaigi reads these types.

mod agency;
pub mod characters;
mod meeting;
mod names;
pub mod sector_code;

pub use agency::{
    Agency, AgencyKind, Confidentiality, UNKNOWN_SECTOR, canonical_sector, distinct_fields,
    is_known_sector, known_sectors, sector_label_en,
};
pub use meeting::{Frequency, Function, Meeting, Participant};
pub(crate) use names::nfkc;
pub use names::{name_key, normalize};
pub use sector_code::sector_code;

use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeMap;

/// A municipality's meeting inventory: every recurring meeting and the agency registry.
///
/// Agencies named by a meeting but missing from the registry are added by the loader
/// with sector [`UNKNOWN_SECTOR`], so every participant name resolves to one agency.
///
/// ```
/// use kaigi::model::{Agency, Frequency, Inventory, Meeting, Participant};
/// let mut meeting = Meeting::new("M1", "支援調整会議");
/// meeting.participants = vec![Participant::new("福祉課", 2), Participant::new("社会福祉協議会", 1)];
/// meeting.frequency = Frequency::per_year(12.0);
/// meeting.minutes_per_session = 90.0;
/// let inventory = Inventory {
///     meetings: vec![meeting],
///     agencies: vec![Agency::new("福祉課", "行政"), Agency::new("社会福祉協議会", "地域")],
/// };
/// // 3 people × 12 sessions × 1.5 h
/// assert_eq!(inventory.total_annual_person_hours(), 54.0);
/// assert_eq!(inventory.agency_annual_hours()["福祉課"], 36.0);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Inventory {
    /// Meetings in input order.
    pub meetings: Vec<Meeting>,
    /// The agency registry, including agencies added because a meeting named them.
    pub agencies: Vec<Agency>,
}

impl Inventory {
    /// Person-hours per year over every meeting.
    pub fn total_annual_person_hours(&self) -> f64 {
        // `+ 0.0`: an empty float sum is -0.0, which would print as "-0".
        self.meetings.iter().map(Meeting::annual_person_hours).sum::<f64>() + 0.0
    }

    /// Sessions per year over every meeting.
    pub fn total_sessions_per_year(&self) -> f64 {
        self.meetings.iter().map(|m| m.frequency.sessions_per_year).sum::<f64>() + 0.0
    }

    /// Annual meeting hours each agency spends (head-count × sessions × hours), keyed by
    /// canonical agency name; agencies that attend nothing are present with 0.
    pub fn agency_annual_hours(&self) -> BTreeMap<String, f64> {
        // Sum by borrowed name in a hash map (each agency's hours still added in meeting
        // order), then copy each name once: cloning a name per participant was the cost.
        let mut hours: FxHashMap<&str, f64> = FxHashMap::default();
        hours.reserve(self.agencies.len());
        for agency in &self.agencies {
            hours.insert(agency.name.as_str(), 0.0);
        }
        for meeting in &self.meetings {
            let hours_each = meeting.annual_meeting_hours();
            for participant in &meeting.participants {
                *hours.entry(participant.agency.as_str()).or_insert(0.0) +=
                    f64::from(participant.count) * hours_each;
            }
        }
        let mut sorted: Vec<(&str, f64)> = hours.into_iter().collect();
        sorted.sort_unstable_by_key(|&(name, _)| name);
        sorted.into_iter().map(|(name, h)| (name.to_string(), h)).collect()
    }

    /// Looks an agency up by canonical name.
    pub fn agency(&self, name: &str) -> Option<&Agency> {
        self.agencies.iter().find(|a| a.name == name)
    }

    /// The sector of an agency, [`UNKNOWN_SECTOR`] when it is not registered.
    pub fn sector_of(&self, name: &str) -> &str {
        self.agency(name).map_or(UNKNOWN_SECTOR, |a| a.sector.as_str())
    }
}
