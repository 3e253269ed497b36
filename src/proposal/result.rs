//! What a proposal is: bodies, decisions, figures and reasons, all as data. Reasons
//! carry their facts (meeting ids, agencies, hours, violated constraints), never words:
//! the report layer renders them in either language, so `analysis.json` is the same
//! whatever `--lang` says.

use crate::model::Function;
use crate::proposal::body::Violation;
use crate::proposal::catalogue::Tier;
use serde::Serialize;
use std::collections::BTreeMap;

/// What happens to an existing meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// Kept as it is.
    Kept,
    /// Absorbed into a consolidated body; stops existing on its own.
    Merged,
    /// Statutory meeting held jointly (合同開催), keeping its legal identity.
    Joint,
    /// Split by purpose into a plenary and an ad hoc case meeting.
    Split,
}

/// A meeting absorbed by a body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Absorbed {
    /// Meeting id.
    pub meeting: String,
    /// Meeting name.
    pub name: String,
    /// How it is absorbed.
    pub how: How,
}

/// A member of a body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    /// Agency.
    pub name: String,
    /// Head-count.
    pub count: u32,
    /// Share of sessions expected (1 for core members).
    pub expected_share: f64,
}

/// One body of the proposed structure.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Body {
    /// Body id (B01, B02…), in the order of its first meeting.
    pub id: String,
    /// Name of the meeting the body is named after: the statutory one first, then the one
    /// with most person-hours. The report words the full title from it, `part` and
    /// `absorbs`, in the reader's language.
    pub name: String,
    /// Which part of a split meeting this body is (`None` unless split).
    pub part: Option<SplitPart>,
    /// Functions, the main one first.
    pub role: Vec<Function>,
    /// Tier.
    pub tier: Tier,
    /// Attend every session.
    pub core_members: Vec<Member>,
    /// Attend when their items are on the agenda.
    pub per_item_members: Vec<Member>,
    /// Sessions per year.
    pub sessions_per_year: f64,
    /// Whether the body meets ad hoc.
    pub ad_hoc: bool,
    /// Minutes per session.
    pub minutes_per_session: f64,
    /// Person-hours per year.
    pub annual_person_hours: f64,
    /// Person-hours per year of what it replaces.
    pub hours_before: f64,
    /// Statutory identities the body keeps (legal bases).
    pub legal_identities: Vec<String>,
    /// Whether it handles personal case information.
    pub personal_info: bool,
    /// Body id this one raises issues to.
    pub escalates_to: Option<String>,
    /// Meetings it absorbs.
    pub absorbs: Vec<Absorbed>,
    /// Why, as data: the report layer words each reason.
    pub reasons: Vec<Reason>,
}

/// What happens to one existing meeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    /// Meeting id.
    pub meeting: String,
    /// Meeting name.
    pub name: String,
    /// Decision.
    pub how: How,
    /// Bodies it goes to.
    pub bodies: Vec<String>,
    /// Values kaigi inferred for it (field → value).
    pub inferred: BTreeMap<String, String>,
}

/// Before or after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// Meeting bodies.
    pub bodies: usize,
    /// Sessions per year.
    pub sessions_per_year: f64,
    /// Person-hours per year.
    pub annual_person_hours: f64,
    /// Pairs of agencies that meet.
    pub agency_links: usize,
    /// Pairs of sectors that meet.
    pub sector_links: usize,
}

/// How good the result is known to be.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Optimality {
    /// Proven optimum, or heuristic when any group was too large.
    pub method: Method,
    /// (cost − lower bound) / cost; 0 when proven optimal.
    pub gap: f64,
    /// Objective: person-hours plus fixed cost per body.
    pub cost: f64,
    /// A proven lower bound on the objective.
    pub lower_bound: f64,
    /// Groups solved exactly.
    pub exact_components: usize,
    /// Groups solved by the heuristic.
    pub heuristic_components: usize,
}

impl Optimality {
    /// Builds the record; the gap is relative to the cost.
    pub fn new(exact: usize, heuristic: usize, cost: f64, lower_bound: f64) -> Self {
        let gap = if heuristic == 0 || cost <= 0.0 {
            0.0
        } else {
            ((cost - lower_bound) / cost).max(0.0)
        };
        Optimality {
            method: if heuristic == 0 { Method::Exact } else { Method::Heuristic },
            gap,
            cost,
            lower_bound,
            exact_components: exact,
            heuristic_components: heuristic,
        }
    }
}

/// Per-agency hours before and after.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgencyHours {
    /// Agency.
    pub name: String,
    /// Hours per year today.
    pub before: f64,
    /// Hours per year proposed.
    pub after: f64,
}

/// The whole proposal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Proposal {
    /// Figures today.
    pub before: Figures,
    /// Figures proposed.
    pub after: Figures,
    /// Proposed bodies.
    pub bodies: Vec<Body>,
    /// One decision per existing meeting, in inventory order.
    pub meetings: Vec<Decision>,
    /// Agency pairs that would no longer meet (empty unless the policy allows).
    pub dropped_links: Vec<[String; 2]>,
    /// Sector pairs that would no longer meet.
    pub dropped_sector_links: Vec<[String; 2]>,
    /// Hours per agency.
    pub agency_hours: Vec<AgencyHours>,
    /// Optimality of the search.
    pub optimality: Optimality,
}

/// How the optimum was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Every group solved exactly: the cost is the proven optimum.
    Exact,
    /// At least one group was too large and solved by the heuristic.
    Heuristic,
}

/// The two parts of a meeting split by purpose (the Ōda pattern).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SplitPart {
    /// Everyone, for relationships and information sharing.
    Plenary,
    /// Bound agencies only, ad hoc, for case review.
    Case,
}

/// Why a body looks the way it does, with the facts a sentence needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Reason {
    /// A meeting is kept as it is.
    Kept {
        /// Meeting id.
        meeting: String,
        /// Why it is not merged.
        because: KeptBecause,
    },
    /// Meetings merged or held jointly share agencies.
    SharedAgencies {
        /// Meeting ids.
        meetings: Vec<String>,
        /// Agencies attending more than one of them.
        shared: Vec<String>,
        /// Agencies attending any of them.
        total: usize,
    },
    /// Topics more than one of them discusses.
    SharedTopics {
        /// Topics as written.
        topics: Vec<String>,
    },
    /// Person-hours and secretariat hours before and after.
    Hours {
        /// Person-hours per year of the meetings today.
        before: f64,
        /// Person-hours per year of the body.
        after: f64,
        /// Bodies before (one after).
        bodies_before: usize,
        /// Secretariat hours the policy assumes are saved.
        secretariat_hours: f64,
    },
    /// A meeting with a legal basis keeps its identity inside a joint body.
    KeepsLegalIdentity {
        /// Meeting id.
        meeting: String,
        /// Its legal basis.
        basis: String,
    },
    /// The constraints a merged body was checked against.
    ConstraintsChecked {
        /// Core head-count.
        core_head_count: u32,
        /// The policy's limit on it.
        core_limit: u32,
        /// Per-item members as a share of all members.
        per_item_share: f64,
        /// The policy's limit on it.
        per_item_limit: f64,
        /// Whether areas had to match (false when the policy allows mixing areas).
        same_area: bool,
        /// Whether confidentiality was checked (the body handles case information).
        confidentiality: bool,
    },
    /// A meeting split by purpose because unbound attendees sit in its case review.
    Split {
        /// Meeting id.
        meeting: String,
        /// Attendees without a duty of confidentiality.
        unbound: Vec<String>,
    },
}

/// Why a meeting is kept rather than merged.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum KeptBecause {
    /// A constraint on the meeting itself (pinned by the policy, ad hoc).
    Constraint {
        /// The constraint.
        violation: Violation,
    },
    /// No other meeting shares any of its agencies.
    NothingShared,
    /// The meeting sharing most agencies cannot join it.
    ClosestBlocked {
        /// That meeting's id.
        closest: String,
        /// Share of the smaller meeting's agencies the two share.
        overlap: f64,
        /// Every constraint the pair breaks.
        violations: Vec<Violation>,
    },
    /// Merging with the closest meeting would not lower person-hours plus fixed cost.
    NoSaving {
        /// That meeting's id.
        closest: String,
        /// Person-hours plus fixed cost of the two today.
        before: f64,
        /// Person-hours plus fixed cost if merged.
        after: f64,
    },
    /// The closest meeting joins another body, which saves more.
    ClosestJoinsOther {
        /// That meeting's id.
        closest: String,
        /// The body it joins.
        body: String,
    },
}
