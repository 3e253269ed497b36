//! What a proposal is: bodies, decisions, figures and reasons, all as data. Reasons
//! carry their facts (meeting ids, agencies, hours, violated constraints), never words:
//! the report layer renders them in either language, so `analysis.json` is the same
//! whatever `--lang` says.

use crate::legal::{SharingBasis, Strength, Tier, TierRule};
use crate::model::Function;
use crate::proposal::body::Violation;
use crate::proposal::options::CaseOption;
use serde::Serialize;

/// What happens to an existing meeting, with its legal meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// 維持: kept as it is.
    Kept,
    /// 兼ねる: one sitting serves several bodies; this one keeps its legal identity,
    /// minutes and membership rules, and all its members sit through the whole sitting.
    ServesAs,
    /// 合同開催: one sitting with separate agenda items per body; this one keeps its
    /// legal identity and its own agenda.
    Joint,
    /// 部会化: becomes a 部会 of another body (reserved: the search does not propose it
    /// yet; the what-if and policy files may).
    Subcommittee,
    /// 統合: stops existing on its own. Only for bodies with no basis, run by the
    /// municipality.
    Merged,
    /// Split by purpose into a plenary and an ad hoc case meeting (the Ōda pattern).
    Split,
}

/// A meeting absorbed by a body.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Absorbed {
    /// Meeting id.
    pub meeting: String,
    /// Meeting name.
    pub name: String,
    /// How it is absorbed.
    pub how: How,
}

/// A member of a body.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Member {
    /// Agency.
    pub name: String,
    /// Head-count.
    pub count: u32,
    /// Share of sessions expected (1 for core members).
    pub expected_share: f64,
}

/// One body of the proposed structure.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
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
    /// The bodies with a basis it holds, each keeping its legal identity.
    pub legal_identities: Vec<LegalIdentity>,
    /// Who must approve the change (empty for a body kept as it is).
    pub approvers: Vec<Approver>,
    /// True when the change touches a body the municipality does not run: then it is a
    /// recommendation to that body's owner, not a decision.
    pub recommendation_to_owner: bool,
    /// Whether it handles personal case information.
    pub personal_info: bool,
    /// Body id this one raises issues to: its leading meeting's target.
    pub escalates_to: Option<String>,
    /// Where each absorbed meeting raises its issues (each keeps its own hierarchy: a
    /// 部会 held jointly with another body still reports to its own 全体会), and why.
    pub escalations: Vec<Escalation>,
    /// Meetings it absorbs.
    pub absorbs: Vec<Absorbed>,
    /// Why, as data: the report layer words each reason.
    pub reasons: Vec<Reason>,
}

/// What happens to one existing meeting.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Decision {
    /// Meeting id.
    pub meeting: String,
    /// Meeting name.
    pub name: String,
    /// Decision.
    pub how: How,
    /// Bodies it goes to.
    pub bodies: Vec<String>,
    /// Values kaigi inferred for it, each with the rule that gave it.
    pub inferred: Vec<InferredValue>,
    /// Its tier today (given or inferred: see `inferred`).
    pub tier: Tier,
    /// Its field (分野): the host's sector, or else the one most of its people come
    /// from; `cross_field` for cross-field case work (支援会議, 重層的支援会議). `None`
    /// when nothing names a field.
    #[serde(serialize_with = "crate::model::sector_code::field")]
    #[schemars(with = "Option<String>")]
    pub field: Option<String>,
    /// The catalogue entry its name or basis matched (`chiiki_care_kaigi`…), if any.
    pub known_type: Option<String>,
    /// The meeting it raises issues to today, by the escalation rules (see
    /// `crate::proposal::escalation`), if any.
    pub escalates_to: Option<String>,
}

/// Before or after.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Figures {
    /// Meeting bodies.
    pub bodies: usize,
    /// Sessions per year.
    pub sessions_per_year: f64,
    /// Person-hours per year under the model: per-item members present for their own
    /// agenda items only.
    pub annual_person_hours: f64,
    /// Person-hours per year if everyone sits through every session, as people do.
    pub annual_person_hours_full_attendance: f64,
    /// Secretariat hours per year: an assumption of the policy (hours per body), never
    /// part of the headline saving.
    pub secretariat_hours: f64,
    /// Pairs of agencies that meet.
    pub agency_links: usize,
    /// Pairs of agencies that meet as core members (per-item seats not counted).
    pub agency_links_core: usize,
    /// Pairs of fields that meet; `None` when fewer than two fields are known (no agency
    /// list), since a count would then say nothing.
    pub sector_links: Option<usize>,
}

/// How good the result is known to be.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AgencyHours {
    /// Agency.
    pub name: String,
    /// Hours per year today.
    pub before: f64,
    /// Hours per year proposed.
    pub after: f64,
}

/// The whole proposal.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
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
    #[serde(serialize_with = "crate::model::sector_code::pairs")]
    pub dropped_sector_links: Vec<[String; 2]>,
    /// Hours per agency.
    pub agency_hours: Vec<AgencyHours>,
    /// Optimality of the search.
    pub optimality: Optimality,
    /// The policy's assumptions behind the figures, to be stated beside them.
    pub assumptions: Assumptions,
    /// Options for the case meetings, offered beside the proposal, never applied.
    pub options: Vec<CaseOption>,
}

/// What the cost figures assume (from the policy).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Assumptions {
    /// Largest share of absorbed agenda time a merged body may save.
    pub agenda_compression: f64,
    /// Secretariat hours per body per year.
    pub secretariat_hours_per_body: f64,
}

/// A body with a basis, kept inside a proposed body.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LegalIdentity {
    /// Meeting id.
    pub meeting: String,
    /// Meeting name as written.
    pub name: String,
    /// Its basis as written or inferred.
    pub basis: Option<String>,
    /// What the basis is.
    pub strength: Strength,
}

/// Who must approve a change to a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Approver {
    /// The council: the body is set up by ordinance (条例, 附属機関).
    Council,
    /// The mayor's decision: the body is set up by the municipality's own rule (要綱)
    /// or by none.
    Mayor,
    /// The board of the social welfare council that runs it.
    SocialWelfareCouncilBoard,
    /// The welfare volunteers' council that runs it.
    WelfareVolunteersCouncil,
}

/// Where one absorbed meeting raises its issues, and why there.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Escalation {
    /// The absorbed meeting.
    pub from: String,
    /// The body it raises issues to.
    pub body: String,
    /// The meeting of that body it raises issues to.
    pub meeting: String,
    /// The rule that chose it.
    pub rule: EscalationRule,
}

/// The rules for escalation, in the order they are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EscalationRule {
    /// The policy file's `escalate` table.
    Policy,
    /// The inventory's 親会議 column names the target.
    ParentColumn,
    /// One level up inside the same body (親会議 and 階層: 個別 → 実務者 → 代表者,
    /// 部会 → 全体会, 第2層 → 第1層).
    OwnHierarchy,
    /// The catalogue's known relations between meeting types of one body.
    Catalogue,
    /// Cross-field case work feeds the body that runs the multi-layered program or the
    /// regional welfare plan.
    CrossFieldProgram,
    /// A body of the same field one tier up, the one sharing most agencies.
    SameField,
}

/// A value the inventory left blank and kaigi inferred, with its source, so a
/// consultant can check each one (and override it in the policy file).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "field", rename_all = "snake_case")]
pub enum InferredValue {
    /// Set up under an Act or a regulation.
    Statutory {
        /// The value.
        value: bool,
        /// Where it came from.
        source: InferenceSource,
    },
    /// The legal basis.
    LegalBasis {
        /// The basis usually cited.
        value: String,
        /// Where it came from.
        source: InferenceSource,
    },
    /// What the meeting's existence rests on.
    Strength {
        /// The value.
        value: Strength,
        /// Where it came from.
        source: InferenceSource,
    },
    /// The tier.
    Tier {
        /// The value.
        value: Tier,
        /// The rule that gave it.
        rule: TierRule,
    },
    /// Whether it handles personal case information.
    PersonalInfo {
        /// The value.
        value: bool,
        /// Where it came from.
        source: InferenceSource,
    },
    /// On what footing it shares case information.
    Sharing {
        /// The footing, `None` when it shares none.
        value: Option<SharingBasis>,
        /// Where it came from.
        source: InferenceSource,
    },
    /// Whether its law binds its members to confidentiality.
    ConfersDuty {
        /// The value.
        value: bool,
        /// Where it came from.
        source: InferenceSource,
    },
}

/// Where an inferred value came from.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum InferenceSource {
    /// The catalogue entry the meeting's name or basis matched.
    Catalogue {
        /// The entry's key.
        known_type: String,
    },
    /// No catalogue entry: a default from the meeting's functions or flags.
    Default,
}

/// How the optimum was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Every group solved exactly: the cost is the proven optimum.
    Exact,
    /// At least one group was too large and solved by the heuristic.
    Heuristic,
}

/// The two parts of a meeting split by purpose (the Ōda pattern).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SplitPart {
    /// Everyone, for relationships and information sharing.
    Plenary,
    /// Bound agencies only, ad hoc, for case review.
    Case,
}

/// Why a body looks the way it does, with the facts a sentence needs.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
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
    /// Person-hours before and after, under the model and at full attendance, and the
    /// secretariat hours the policy assumes.
    Hours {
        /// Person-hours per year of the meetings today.
        before: f64,
        /// Person-hours per year of the body (per-item attendance).
        after: f64,
        /// Person-hours per year if everyone sits through every session.
        after_full_attendance: f64,
        /// Bodies before (one after).
        bodies_before: usize,
        /// Secretariat hours the policy assumes are saved (an assumption).
        secretariat_hours: f64,
    },
    /// A meeting with a basis keeps its identity inside a body (serves as, or held
    /// jointly).
    KeepsLegalIdentity {
        /// Meeting id.
        meeting: String,
        /// Its basis, when known.
        basis: Option<String>,
        /// What the basis is.
        strength: Strength,
        /// Serves as, or held jointly.
        how: How,
    },
    /// A body without a basis run by another organisation: only its owner can change
    /// it, so holding it jointly is a recommendation to them.
    OwnerDecides {
        /// Meeting id.
        meeting: String,
        /// Who runs it.
        approver: Approver,
    },
    /// Where one of the body's meetings raises issues, and why there.
    EscalatesTo {
        /// The meeting that raises them.
        from: String,
        /// Target body.
        body: String,
        /// Target meeting.
        meeting: String,
        /// The rule that chose it.
        rule: EscalationRule,
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
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
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
