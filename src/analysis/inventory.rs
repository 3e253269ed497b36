//! The Hatsukaichi table as data: one row per meeting with participants, subjects,
//! frequency, minutes, sessions and annual person-hours, each agency's load, and totals.
//! The report layer renders it (text, CSV, xlsx, HTML, Markdown).

use crate::model::{Confidentiality, Function, Inventory, Meeting, UNKNOWN_SECTOR};
use serde::Serialize;
use std::collections::HashMap;

/// The table, ready to render.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct InventoryReport {
    /// One row per meeting, in input order.
    pub meetings: Vec<MeetingRow>,
    /// The registry, with each agency's load.
    pub agencies: Vec<AgencyRow>,
    /// Sums over all meetings.
    pub totals: Totals,
}

/// An agency with the meetings it attends.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct AgencyRow {
    /// Canonical name.
    pub name: String,
    /// Other names used for it.
    pub aliases: Vec<String>,
    /// Sector.
    #[serde(serialize_with = "crate::model::sector_code::one")]
    pub sector: String,
    /// Kind (government, contractor, private, resident, or as written).
    pub kind: String,
    /// Duty of confidentiality.
    pub confidentiality: Confidentiality,
    /// Area.
    pub area: Option<String>,
    /// True when only a meeting named it.
    pub unregistered: bool,
    /// Meetings attended.
    pub meetings: usize,
    /// Head-count × sessions × hours over its meetings.
    pub annual_hours: f64,
}

/// One meeting as the table shows it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct MeetingRow {
    /// Meeting id.
    pub id: String,
    /// Meeting name.
    pub name: String,
    /// Host department.
    pub host: Option<String>,
    /// Participants with head-count and sector.
    pub participants: Vec<ParticipantRow>,
    /// Subjects.
    pub topics: Vec<String>,
    /// Functions (keys).
    pub functions: Vec<Function>,
    /// Sessions per year.
    pub sessions_per_year: f64,
    /// True when sessions per year is an estimate for an ad hoc meeting.
    pub sessions_estimated: bool,
    /// Minutes per session.
    pub minutes_per_session: f64,
    /// People at one session.
    pub head_count: u32,
    /// Head-count × sessions × hours.
    pub annual_person_hours: f64,
    /// Legal basis as written.
    pub legal_basis: Option<String>,
    /// Statutory flag.
    pub statutory: Option<bool>,
    /// Personal-information flag.
    pub personal_info: Option<bool>,
    /// Area.
    pub area: Option<String>,
    /// Parent body.
    pub parent_body: Option<String>,
    /// Tier within the parent body.
    pub tier: Option<String>,
}

/// A participant in the table.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ParticipantRow {
    /// Canonical agency name.
    pub name: String,
    /// Head-count.
    pub count: u32,
    /// Sector (canonical label, or `unknown`).
    #[serde(serialize_with = "crate::model::sector_code::one")]
    pub sector: String,
}

/// Sums over the inventory.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Totals {
    /// Number of meetings.
    pub meetings: usize,
    /// Number of agencies in the registry (including unregistered participants).
    pub agencies: usize,
    /// Sessions per year over all meetings.
    pub sessions_per_year: f64,
    /// Person-hours per year over all meetings.
    pub annual_person_hours: f64,
}

impl InventoryReport {
    /// Builds the table from an inventory.
    pub fn new(inventory: &Inventory) -> Self {
        // Sector by name, first registry entry winning as `Inventory::sector_of` does
        // (a linear lookup per participant was quadratic in large inventories).
        let mut sectors: HashMap<&str, &str> = HashMap::new();
        for agency in &inventory.agencies {
            sectors.entry(agency.name.as_str()).or_insert(agency.sector.as_str());
        }
        let meetings: Vec<MeetingRow> =
            inventory.meetings.iter().map(|m| row(&sectors, m)).collect();
        let totals = Totals {
            meetings: meetings.len(),
            agencies: inventory.agencies.len(),
            sessions_per_year: inventory.total_sessions_per_year(),
            annual_person_hours: inventory.total_annual_person_hours(),
        };
        let hours = inventory.agency_annual_hours();
        // Meetings per agency in one pass (scanning every meeting for every agency took
        // minutes at 30,000 meetings); a meeting naming an agency twice counts once.
        let mut attended: HashMap<&str, usize> = HashMap::new();
        for meeting in &inventory.meetings {
            let mut names: Vec<&str> =
                meeting.participants.iter().map(|p| p.agency.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            for name in names {
                *attended.entry(name).or_insert(0) += 1;
            }
        }
        let agencies = inventory
            .agencies
            .iter()
            .map(|a| AgencyRow {
                name: a.name.clone(),
                aliases: a.aliases.clone(),
                sector: a.sector.clone(),
                kind: a.kind.label_en().to_string(),
                confidentiality: a.confidentiality,
                area: a.area.clone(),
                unregistered: a.unregistered,
                meetings: attended.get(a.name.as_str()).copied().unwrap_or(0),
                annual_hours: hours.get(&a.name).copied().unwrap_or(0.0),
            })
            .collect();
        InventoryReport { meetings, agencies, totals }
    }
}

fn row(sectors: &HashMap<&str, &str>, meeting: &Meeting) -> MeetingRow {
    MeetingRow {
        id: meeting.id.clone(),
        name: meeting.name.clone(),
        host: meeting.host.clone(),
        participants: meeting
            .participants
            .iter()
            .map(|p| ParticipantRow {
                name: p.agency.clone(),
                count: p.count,
                sector: sectors
                    .get(p.agency.as_str())
                    .copied()
                    .unwrap_or(UNKNOWN_SECTOR)
                    .to_string(),
            })
            .collect(),
        topics: meeting.topics.clone(),
        functions: meeting.functions.clone(),
        sessions_per_year: meeting.frequency.sessions_per_year,
        sessions_estimated: meeting.frequency.ad_hoc,
        minutes_per_session: meeting.minutes_per_session,
        head_count: meeting.head_count(),
        annual_person_hours: meeting.annual_person_hours(),
        legal_basis: meeting.legal_basis.clone(),
        statutory: meeting.statutory,
        personal_info: meeting.personal_info,
        area: meeting.area.clone(),
        parent_body: meeting.parent_body.clone(),
        tier: meeting.tier.clone(),
    }
}
