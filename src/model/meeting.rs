//! A recurring meeting and what it costs.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// One recurring meeting as the inventory lists it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Meeting {
    /// Unique identifier; the loader uses `R<row>` when the inventory has no id column.
    pub id: String,
    /// Name as the municipality writes it.
    pub name: String,
    /// Host department or secretariat (所管・事務局).
    pub host: Option<String>,
    /// Attending agencies, each once, in input order.
    pub participants: Vec<Participant>,
    /// Subjects discussed (議題・対象), each as written.
    pub topics: Vec<String>,
    /// The subjects cell as written (trimmed), separators and all, for tables that show
    /// it whole: `進行管理,評価等` stays so rather than being re-joined with 、.
    pub topics_as_written: Option<String>,
    /// How often the meeting sits.
    pub frequency: Frequency,
    /// Length of one session in minutes.
    pub minutes_per_session: f64,
    /// True when the length is an estimate: a range (60～90分, its midpoint), a hedge
    /// (約90分, 90分程度) or 半日 / 1日 (an assumed length).
    pub minutes_estimated: bool,
    /// What the meeting is for; several allowed.
    pub functions: Vec<Function>,
    /// Legal basis as written (根拠法令).
    pub legal_basis: Option<String>,
    /// Whether the law requires the meeting (法定); `None` when the inventory is silent.
    pub statutory: Option<bool>,
    /// Whether identifiable personal case information is handled.
    pub personal_info: Option<bool>,
    /// Area (圏域) the meeting covers; `None` means municipality-wide.
    pub area: Option<String>,
    /// The body this meeting is a tier of (e.g. 要保護児童対策地域協議会).
    pub parent_body: Option<String>,
    /// The tier within its body (e.g. 実務者会議).
    pub tier: Option<String>,
    /// Columns kaigi does not interpret, kept so nothing the user wrote is lost.
    pub extra: BTreeMap<String, String>,
}

impl Meeting {
    /// A meeting with only id and name set; sessions and minutes start at 0.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Meeting {
            id: id.into(),
            name: name.into(),
            host: None,
            participants: Vec::new(),
            topics: Vec::new(),
            topics_as_written: None,
            frequency: Frequency::per_year(0.0),
            minutes_per_session: 0.0,
            minutes_estimated: false,
            functions: Vec::new(),
            legal_basis: None,
            statutory: None,
            personal_info: None,
            area: None,
            parent_body: None,
            tier: None,
            extra: BTreeMap::new(),
        }
    }

    /// Hours spent in this meeting per year by the whole table (one seat counts once).
    pub fn annual_meeting_hours(&self) -> f64 {
        self.frequency.sessions_per_year * self.minutes_per_session / 60.0
    }

    /// People in the room at one session: the sum of head-counts.
    pub fn head_count(&self) -> u32 {
        self.participants.iter().map(|p| p.count).sum()
    }

    /// Person-hours per year: Σ head-count × sessions × hours.
    pub fn annual_person_hours(&self) -> f64 {
        f64::from(self.head_count()) * self.annual_meeting_hours()
    }

    /// Hours per year one participant spends here.
    pub fn participant_annual_hours(&self, participant: &Participant) -> f64 {
        f64::from(participant.count) * self.annual_meeting_hours()
    }

    /// Whether the named agency attends.
    pub fn has_participant(&self, agency: &str) -> bool {
        self.participants.iter().any(|p| p.agency == agency)
    }
}

/// An agency's seat(s) at a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Participant {
    /// Canonical agency name (after alias resolution).
    pub agency: String,
    /// People the agency sends; 1 unless the inventory says `×2`, `（2名）`.
    pub count: u32,
}

impl Participant {
    /// A participant with the given head-count.
    pub fn new(agency: impl Into<String>, count: u32) -> Self {
        Participant { agency: agency.into(), count }
    }
}

/// Sessions per year, whether the meeting is held ad hoc, and whether the count is an
/// estimate.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Frequency {
    /// Sessions per year (may be fractional, e.g. every two years = 0.5).
    pub sessions_per_year: f64,
    /// True for 随時 (ad hoc) meetings.
    pub ad_hoc: bool,
    /// True when the count is an estimate: every ad hoc count, a range (年2～3回, its
    /// midpoint) or a hedge (概ね, 約, 程度, 以上, 以下, 前後).
    pub estimated: bool,
}

impl Frequency {
    /// A regular meeting held `sessions` times a year.
    pub fn per_year(sessions: f64) -> Self {
        Frequency { sessions_per_year: sessions, ad_hoc: false, estimated: false }
    }

    /// A regular meeting held about `sessions` times a year (an estimate).
    pub fn about(sessions: f64) -> Self {
        Frequency { sessions_per_year: sessions, ad_hoc: false, estimated: true }
    }

    /// An ad hoc meeting estimated at `sessions` a year (always an estimate).
    pub fn ad_hoc(sessions: f64) -> Self {
        Frequency { sessions_per_year: sessions, ad_hoc: true, estimated: true }
    }
}

/// What a meeting is for (the five functions of 地域ケア会議, generalised).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Function {
    /// 個別ケース検討: reviewing individual cases.
    CaseReview,
    /// 関係づくり・研修: relationship building and training.
    RelationshipBuilding,
    /// 地域課題・資源開発: community issues and resource development.
    CommunityDevelopment,
    /// 施策化・計画: policy and planning.
    PolicyPlanning,
    /// 情報共有: information sharing.
    InformationSharing,
}

impl Function {
    /// Every function, in the order reports list them.
    pub const ALL: [Function; 5] = [
        Function::CaseReview,
        Function::RelationshipBuilding,
        Function::CommunityDevelopment,
        Function::PolicyPlanning,
        Function::InformationSharing,
    ];

    /// Japanese label as used in inventories.
    pub fn label_ja(self) -> &'static str {
        match self {
            Function::CaseReview => "個別ケース検討",
            Function::RelationshipBuilding => "関係づくり・研修",
            Function::CommunityDevelopment => "地域課題・資源開発",
            Function::PolicyPlanning => "施策化・計画",
            Function::InformationSharing => "情報共有",
        }
    }

    /// English key, as accepted in inventories and written in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Function::CaseReview => "case_review",
            Function::RelationshipBuilding => "relationship_building",
            Function::CommunityDevelopment => "community_development",
            Function::PolicyPlanning => "policy_planning",
            Function::InformationSharing => "information_sharing",
        }
    }
}

impl fmt::Display for Function {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}
