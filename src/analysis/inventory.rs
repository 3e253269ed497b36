//! The Hatsukaichi table as data: one row per meeting with participants, subjects,
//! frequency, minutes, sessions and annual person-hours, each agency's load, and totals.
//! The report layer renders it (text, CSV, xlsx, HTML, Markdown).

use crate::model::{Confidentiality, Function, Inventory, Meeting, UNKNOWN_SECTOR};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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
    /// Its id in the network files of a report (`a0012`: the twelfth agency of the
    /// registry, see [`node_id`]).
    pub node_id: String,
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
    /// Columns of the agency list kaigi does not interpret, by header as written.
    pub extra: BTreeMap<String, String>,
}

/// One meeting as the table shows it.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct MeetingRow {
    /// Meeting id.
    pub id: String,
    /// Its id in the network files of a report (`m0003`: the third meeting of the
    /// inventory, see [`node_id`]).
    pub node_id: String,
    /// Meeting name.
    pub name: String,
    /// Host department.
    pub host: Option<String>,
    /// Participants with head-count and sector.
    pub participants: Vec<ParticipantRow>,
    /// Subjects.
    pub topics: Vec<String>,
    /// The subjects cell as written, when the inventory had one.
    pub topics_as_written: Option<String>,
    /// Functions (keys).
    pub functions: Vec<Function>,
    /// Sessions per year.
    pub sessions_per_year: f64,
    /// True when sessions per year is an estimate (an ad hoc count, a range, a hedge).
    pub sessions_estimated: bool,
    /// True for a meeting held ad hoc (随時).
    pub ad_hoc: bool,
    /// Minutes per session.
    pub minutes_per_session: f64,
    /// True when minutes per session is an estimate (a range, a hedge, 半日 / 1日).
    pub minutes_estimated: bool,
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
    /// Columns kaigi does not interpret (備考 and any other), by header as written.
    pub extra: BTreeMap<String, String>,
}

/// A participant in the table.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct ParticipantRow {
    /// Canonical agency name.
    pub name: String,
    /// The agency's id in the network files (as `agencies[].node_id`).
    pub node_id: String,
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

/// The id of a meeting or agency in a report's network files: `prefix` (`m`, `a`) and
/// its 1-based position in the inventory or registry, zero-padded to at least four digits
/// (more when there are 10,000 or more), so ids are plain ASCII, valid XML names and sort
/// in inventory order.
///
/// ```
/// use kaigi::analysis::node_id;
/// assert_eq!(node_id('a', 12, 69), "a0012");
/// assert_eq!(node_id('m', 7, 12_345), "m00007");
/// ```
pub fn node_id(prefix: char, number: usize, count: usize) -> String {
    let width = count.to_string().len().max(4);
    format!("{prefix}{number:0width$}")
}

impl InventoryReport {
    /// Builds the table from an inventory.
    pub fn new(inventory: &Inventory) -> Self {
        // Sector and id by name, first registry entry winning as `Inventory::sector_of`
        // does (a linear lookup per participant was quadratic in large inventories).
        let count = inventory.agencies.len();
        let mut agencies_by_name: HashMap<&str, (&str, String)> = HashMap::new();
        for (i, agency) in inventory.agencies.iter().enumerate() {
            agencies_by_name
                .entry(agency.name.as_str())
                .or_insert((agency.sector.as_str(), node_id('a', i + 1, count)));
        }
        let meeting_count = inventory.meetings.len();
        let meetings: Vec<MeetingRow> = inventory
            .meetings
            .iter()
            .enumerate()
            .map(|(i, m)| row(&agencies_by_name, m, node_id('m', i + 1, meeting_count)))
            .collect();
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
            .enumerate()
            .map(|(i, a)| AgencyRow {
                node_id: node_id('a', i + 1, count),
                name: a.name.clone(),
                aliases: a.aliases.clone(),
                sector: a.sector.clone(),
                kind: a.kind.label_en().to_string(),
                confidentiality: a.confidentiality,
                area: a.area.clone(),
                unregistered: a.unregistered,
                meetings: attended.get(a.name.as_str()).copied().unwrap_or(0),
                annual_hours: hours.get(&a.name).copied().unwrap_or(0.0),
                extra: a.extra.clone(),
            })
            .collect();
        InventoryReport { meetings, agencies, totals }
    }

    /// Headers of the columns kaigi does not interpret, over every meeting, in order.
    pub fn extra_headers(&self) -> Vec<String> {
        let headers: BTreeSet<&String> =
            self.meetings.iter().flat_map(|m| m.extra.keys()).collect();
        headers.into_iter().cloned().collect()
    }
}

impl MeetingRow {
    /// The frequency this row shows, with its ad hoc and estimate flags.
    pub fn frequency(&self) -> crate::model::Frequency {
        crate::model::Frequency {
            sessions_per_year: self.sessions_per_year,
            ad_hoc: self.ad_hoc,
            estimated: self.sessions_estimated,
        }
    }

    /// The subjects as the inventory wrote them, or joined with `separator` when the
    /// meeting was built without a subjects cell.
    pub fn topics_label(&self, separator: &str) -> String {
        self.topics_as_written.clone().unwrap_or_else(|| self.topics.join(separator))
    }
}

fn row(agencies: &HashMap<&str, (&str, String)>, meeting: &Meeting, node_id: String) -> MeetingRow {
    MeetingRow {
        id: meeting.id.clone(),
        node_id,
        name: meeting.name.clone(),
        host: meeting.host.clone(),
        participants: meeting
            .participants
            .iter()
            .map(|p| {
                let found = agencies.get(p.agency.as_str());
                ParticipantRow {
                    name: p.agency.clone(),
                    // Every participant is in the registry (the loader adds those only a
                    // meeting names); the name stands in for an inventory built otherwise.
                    node_id: found.map_or_else(|| p.agency.clone(), |(_, id)| id.clone()),
                    count: p.count,
                    sector: found.map_or(UNKNOWN_SECTOR, |(sector, _)| sector).to_string(),
                }
            })
            .collect(),
        topics: meeting.topics.clone(),
        topics_as_written: meeting.topics_as_written.clone(),
        functions: meeting.functions.clone(),
        sessions_per_year: meeting.frequency.sessions_per_year,
        sessions_estimated: meeting.frequency.estimated,
        ad_hoc: meeting.frequency.ad_hoc,
        minutes_per_session: meeting.minutes_per_session,
        minutes_estimated: meeting.minutes_estimated,
        head_count: meeting.head_count(),
        annual_person_hours: meeting.annual_person_hours(),
        legal_basis: meeting.legal_basis.clone(),
        statutory: meeting.statutory,
        personal_info: meeting.personal_info,
        area: meeting.area.clone(),
        parent_body: meeting.parent_body.clone(),
        tier: meeting.tier.clone(),
        extra: meeting.extra.clone(),
    }
}
