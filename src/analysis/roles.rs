//! The role matrix: which meeting serves which function, today and in the proposal, and
//! where a function is served twice or not at all. Data and codes only; the report words
//! it (`src/report/roles.rs`).
//!
//! Functions are the inventory's five (case review, relationship building, community
//! development, policy planning, information sharing) and the five that the 地域ケア会議
//! guidance gives (介護保険法 第115条の48; 個別課題解決, ネットワーク構築, 地域課題発見,
//! 地域づくり・資源開発, 政策形成), read here as a lens on every meeting.
//!
//! Rules, each cell keeping the first that gave it ([`RoleRule`]):
//!
//! 1. **given**: the inventory's 機能 column names the function;
//! 2. **tier**: when the inventory names no function, the meeting's tier gives its main
//!    one: case → case review, community → relationship building, policy → policy
//!    planning;
//! 3. **topics**: a topic names it: 情報共有・情報交換・連絡調整・報告 → information
//!    sharing; 研修・顔の見える → relationship building; 地域課題・資源開発・社会資源・
//!    地域づくり → community development; 計画・施策・政策 → policy planning;
//! 4. **catalogue**: the meeting's known type says it: the 地域ケア推進会議 forms policy and
//!    develops resources, a 協議体 (生活支援体制整備事業) develops resources;
//! 5. the 地域ケア会議 lens **follows** the general functions: 個別課題解決 ← case review,
//!    ネットワーク構築 ← relationship building, 地域づくり・資源開発 ← community
//!    development, 政策形成 ← policy planning; 地域課題発見 needs case review and a path
//!    to raise what the cases show (**escalates**: the meeting raises issues to another),
//!    or a topic naming 地域課題.
//!
//! A function is **served twice** when two meetings (or bodies) of the same field, tier
//! and area both serve it; a function is **unserved** in a field when no meeting of that
//! field serves it. Cross-field work (分野横断) counts as a field of its own.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::analysis::Analysis;
use crate::legal::Tier;
use crate::model::Function;

/// A function a meeting can serve.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 個別事例の検討.
    CaseReview,
    /// 関係づくり.
    RelationshipBuilding,
    /// 地域づくり.
    CommunityDevelopment,
    /// 政策形成・計画.
    PolicyPlanning,
    /// 情報共有.
    InformationSharing,
    /// 地域ケア会議: 個別課題解決.
    CareIndividualProblems,
    /// 地域ケア会議: ネットワーク構築.
    CareNetworkBuilding,
    /// 地域ケア会議: 地域課題発見.
    CareIssueDiscovery,
    /// 地域ケア会議: 地域づくり・資源開発.
    CareResourceDevelopment,
    /// 地域ケア会議: 政策形成.
    CarePolicyFormation,
}

impl Role {
    /// Every role, in the order the matrix shows them: the five general functions, then
    /// the five of 地域ケア会議.
    pub const ALL: [Role; 10] = [
        Role::CaseReview,
        Role::RelationshipBuilding,
        Role::CommunityDevelopment,
        Role::PolicyPlanning,
        Role::InformationSharing,
        Role::CareIndividualProblems,
        Role::CareNetworkBuilding,
        Role::CareIssueDiscovery,
        Role::CareResourceDevelopment,
        Role::CarePolicyFormation,
    ];

    fn of(function: Function) -> Role {
        match function {
            Function::CaseReview => Role::CaseReview,
            Function::RelationshipBuilding => Role::RelationshipBuilding,
            Function::CommunityDevelopment => Role::CommunityDevelopment,
            Function::PolicyPlanning => Role::PolicyPlanning,
            Function::InformationSharing => Role::InformationSharing,
        }
    }
}

/// Which rule put a role in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoleRule {
    /// The inventory's 機能 column.
    Given,
    /// The meeting's tier (only when the inventory names no function).
    Tier,
    /// A topic of the meeting.
    Topics,
    /// The catalogue's known type.
    Catalogue,
    /// The 地域ケア会議 lens, from the general function it follows.
    Follows,
    /// Case review with a path to raise issues.
    Escalates,
}

/// Topic words for each general function (rule 3).
pub const TOPIC_WORDS: &[(Role, &[&str])] = &[
    (Role::InformationSharing, &["情報共有", "情報交換", "連絡調整", "報告"]),
    (Role::RelationshipBuilding, &["研修", "顔の見える"]),
    (Role::CommunityDevelopment, &["地域課題", "資源開発", "社会資源", "地域づくり"]),
    (Role::PolicyPlanning, &["計画", "施策", "政策"]),
];

/// Catalogue types and the roles they bring (rule 4).
pub const CATALOGUE_ROLES: &[(&str, &[Role])] = &[
    ("chiiki_care_promotion", &[Role::PolicyPlanning, Role::CommunityDevelopment]),
    ("kyogitai", &[Role::CommunityDevelopment]),
];

/// One meeting (before) or body (after) with its roles.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RoleRow {
    /// Meeting or body id.
    pub id: String,
    /// Name (a body's: its leading meeting's).
    pub name: String,
    /// Tier.
    pub tier: Tier,
    /// Fields (canonical sectors, 分野横断 for cross-field work), one for a meeting.
    #[serde(serialize_with = "crate::model::sector_code::many")]
    #[schemars(with = "Vec<String>")]
    pub fields: Vec<String>,
    /// Area, `None` for municipality-wide.
    pub area: Option<String>,
    /// The roles it serves, each with the rule that gave it, in [`Role::ALL`] order.
    pub roles: Vec<(Role, RoleRule)>,
    /// The roles it serves that another row of the same field, tier and area serves too.
    pub served_twice: Vec<Role>,
}

impl RoleRow {
    /// Whether it serves `role`.
    pub fn serves(&self, role: Role) -> Option<RoleRule> {
        self.roles.iter().find(|(r, _)| *r == role).map(|&(_, rule)| rule)
    }
}

/// A field with the roles no meeting of it serves.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Unserved {
    /// Field (canonical sector, or 分野横断).
    #[serde(serialize_with = "crate::model::sector_code::one")]
    pub field: String,
    /// Roles none of its meetings serves.
    pub roles: Vec<Role>,
}

/// The role matrix, before and after.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct RoleMatrix {
    /// Today's meetings.
    pub before: Vec<RoleRow>,
    /// The proposed bodies.
    pub after: Vec<RoleRow>,
    /// Roles unserved per field today.
    pub unserved_before: Vec<Unserved>,
    /// Roles unserved per field in the proposal.
    pub unserved_after: Vec<Unserved>,
}

/// The roles of one meeting, by the rules of this module.
fn meeting_roles(
    given: &[Function],
    tier: Tier,
    topics: &[String],
    known_type: Option<&str>,
    escalates: bool,
) -> Vec<(Role, RoleRule)> {
    let mut found: BTreeMap<Role, RoleRule> = BTreeMap::new();
    let add = |found: &mut BTreeMap<Role, RoleRule>, role: Role, rule: RoleRule| {
        found.entry(role).or_insert(rule);
    };
    for &f in given {
        add(&mut found, Role::of(f), RoleRule::Given);
    }
    if given.is_empty() {
        let main = match tier {
            Tier::Case => Role::CaseReview,
            Tier::Community => Role::RelationshipBuilding,
            Tier::Policy => Role::PolicyPlanning,
        };
        add(&mut found, main, RoleRule::Tier);
    }
    let mentions = |words: &[&str]| topics.iter().any(|t| words.iter().any(|w| t.contains(w)));
    for &(role, words) in TOPIC_WORDS {
        if mentions(words) {
            add(&mut found, role, RoleRule::Topics);
        }
    }
    if let Some(&(_, roles)) = CATALOGUE_ROLES.iter().find(|(t, _)| Some(*t) == known_type) {
        for &role in roles {
            add(&mut found, role, RoleRule::Catalogue);
        }
    }
    for (general, care) in [
        (Role::CaseReview, Role::CareIndividualProblems),
        (Role::RelationshipBuilding, Role::CareNetworkBuilding),
        (Role::CommunityDevelopment, Role::CareResourceDevelopment),
        (Role::PolicyPlanning, Role::CarePolicyFormation),
    ] {
        if found.contains_key(&general) {
            add(&mut found, care, RoleRule::Follows);
        }
    }
    if found.contains_key(&Role::CaseReview) && escalates {
        add(&mut found, Role::CareIssueDiscovery, RoleRule::Escalates);
    } else if mentions(&["地域課題"]) {
        add(&mut found, Role::CareIssueDiscovery, RoleRule::Topics);
    }
    found.into_iter().collect()
}

/// The role matrix of an analysis.
///
/// ```
/// use kaigi::analysis::{Settings, analyse, role_matrix, Role};
/// let loaded = kaigi::input::load("inputs/sample-city".as_ref(), &Default::default())?;
/// let analysis = analyse("sample", &loaded.inventory, &Settings::default(), &|_| {})?;
/// let roles = role_matrix(&analysis);
/// assert_eq!(roles.before.len(), 36);
/// assert!(roles.before.iter().any(|r| r.serves(Role::CareIssueDiscovery).is_some()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn role_matrix(analysis: &Analysis) -> RoleMatrix {
    let rows: BTreeMap<&str, &crate::analysis::MeetingRow> =
        analysis.inventory.meetings.iter().map(|m| (m.id.as_str(), m)).collect();
    let unknown = crate::model::UNKNOWN_SECTOR.to_string();
    let mut by_meeting: BTreeMap<&str, RoleRow> = BTreeMap::new();
    let mut before: Vec<RoleRow> = Vec::new();
    for d in &analysis.proposal.meetings {
        let row = rows.get(d.meeting.as_str());
        let roles = meeting_roles(
            row.map_or(&[][..], |r| &r.functions),
            d.tier,
            row.map_or(&[][..], |r| &r.topics),
            d.known_type.as_deref(),
            d.escalates_to.is_some(),
        );
        let entry = RoleRow {
            id: d.meeting.clone(),
            name: d.name.clone(),
            tier: d.tier,
            fields: vec![d.field.clone().unwrap_or_else(|| unknown.clone())],
            area: row.and_then(|r| r.area.clone()).filter(|a| !municipality_wide(a)),
            roles,
            served_twice: Vec::new(),
        };
        before.push(entry);
    }
    for row in &before {
        by_meeting.insert(row.id.as_str(), row.clone());
    }
    let mut after: Vec<RoleRow> = analysis
        .proposal
        .bodies
        .iter()
        .map(|b| {
            let parts: Vec<&RoleRow> =
                b.absorbs.iter().filter_map(|a| by_meeting.get(a.meeting.as_str())).collect();
            let mut roles: BTreeMap<Role, RoleRule> = BTreeMap::new();
            for part in &parts {
                for &(role, rule) in &part.roles {
                    roles.entry(role).or_insert(rule);
                }
            }
            let fields: BTreeSet<String> =
                parts.iter().flat_map(|p| p.fields.iter().cloned()).collect();
            let areas: BTreeSet<Option<String>> = parts.iter().map(|p| p.area.clone()).collect();
            RoleRow {
                id: b.id.clone(),
                name: b.name.clone(),
                tier: b.tier,
                fields: fields.into_iter().collect(),
                area: if areas.len() == 1 { areas.into_iter().next().flatten() } else { None },
                roles: roles.into_iter().collect(),
                served_twice: Vec::new(),
            }
        })
        .collect();
    mark_twice(&mut before);
    mark_twice(&mut after);
    let unserved_before = unserved(&before);
    let unserved_after = unserved(&after);
    RoleMatrix { before, after, unserved_before, unserved_after }
}

fn municipality_wide(area: &str) -> bool {
    matches!(area.trim(), "" | "全市" | "市全域" | "全域" | "市内全域" | "町全域" | "村全域")
}

/// Marks the roles a row shares with another row of the same field, tier and area.
fn mark_twice(rows: &mut [RoleRow]) {
    let mut count: BTreeMap<(&str, Tier, Option<&str>, Role), usize> = BTreeMap::new();
    for row in rows.iter() {
        for field in &row.fields {
            for &(role, _) in &row.roles {
                *count.entry((field.as_str(), row.tier, row.area.as_deref(), role)).or_insert(0) +=
                    1;
            }
        }
    }
    let twice: Vec<Vec<Role>> = rows
        .iter()
        .map(|row| {
            row.roles
                .iter()
                .map(|&(role, _)| role)
                .filter(|&role| {
                    row.fields
                        .iter()
                        .any(|f| count[&(f.as_str(), row.tier, row.area.as_deref(), role)] > 1)
                })
                .collect()
        })
        .collect();
    for (row, twice) in rows.iter_mut().zip(twice) {
        row.served_twice = twice;
    }
}

/// For each field that has meetings, the roles none of them serves.
fn unserved(rows: &[RoleRow]) -> Vec<Unserved> {
    let mut served: BTreeMap<&str, BTreeSet<Role>> = BTreeMap::new();
    for row in rows {
        for field in &row.fields {
            served.entry(field.as_str()).or_default().extend(row.roles.iter().map(|&(r, _)| r));
        }
    }
    served
        .into_iter()
        .map(|(field, roles)| Unserved {
            field: field.to_string(),
            roles: Role::ALL.into_iter().filter(|r| !roles.contains(r)).collect(),
        })
        .filter(|u| !u.roles.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_city() -> Analysis {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/sample-city");
        let loaded = crate::input::load(&path, &Default::default()).unwrap();
        crate::analysis::analyse("sample-city", &loaded.inventory, &Default::default(), &|_| {})
            .unwrap()
    }

    fn row<'a>(rows: &'a [RoleRow], id: &str) -> &'a RoleRow {
        rows.iter().find(|r| r.id == id).unwrap()
    }

    #[test]
    fn sample_city_roles_follow_the_documented_rules() {
        let m = role_matrix(&sample_city());
        // M01 地域ケア個別会議（北部）: the inventory gives 個別ケース検討 and
        // 地域課題・資源開発; it raises issues to 地域ケア推進会議 (M04), so it also
        // discovers regional issues — the 地域ケア会議's link from cases to policy.
        let m01 = row(&m.before, "M01");
        assert_eq!(m01.serves(Role::CaseReview), Some(RoleRule::Given));
        assert_eq!(m01.serves(Role::CommunityDevelopment), Some(RoleRule::Given));
        assert_eq!(m01.serves(Role::CareIndividualProblems), Some(RoleRule::Follows));
        assert_eq!(m01.serves(Role::CareIssueDiscovery), Some(RoleRule::Escalates));
        assert_eq!(m01.serves(Role::PolicyPlanning), None);
        // The three areas' 個別会議 each serve their own area: not served twice.
        assert!(m01.served_twice.is_empty(), "{:?}", m01.served_twice);
        // M32 ケース診断会議（生活保護） reviews cases but raises them nowhere: no
        // regional issue discovery.
        let m32 = row(&m.before, "M32");
        assert!(m32.serves(Role::CaseReview).is_some());
        assert_eq!(m32.serves(Role::CareIssueDiscovery), None);
        // M04 地域ケア推進会議: the catalogue says it forms policy.
        assert!(row(&m.before, "M04").serves(Role::CarePolicyFormation).is_some());
    }

    #[test]
    fn sample_city_shows_functions_served_twice_and_unserved() {
        let m = role_matrix(&sample_city());
        // 自殺対策 (M25), 精神保健福祉 (M26) and ひきこもり (M27) networks: three
        // municipality-wide health meetings of the community tier serve the same
        // functions today (the proposal merges 自殺対策 into 精神保健福祉, B21, and
        // ひきこもり into 子ども・若者支援地域協議会, B22).
        for id in ["M25", "M26", "M27"] {
            assert!(!row(&m.before, id).served_twice.is_empty(), "{id}");
        }
        // Poverty (生活困窮) has case meetings only: nobody plans policy for it, before
        // or after.
        let poverty = |u: &[Unserved]| {
            u.iter().find(|x| x.field == "生活困窮").map(|x| x.roles.clone()).unwrap_or_default()
        };
        assert!(poverty(&m.unserved_before).contains(&Role::PolicyPlanning));
        assert!(poverty(&m.unserved_after).contains(&Role::PolicyPlanning));
        // Every body keeps every role of the meetings it absorbs.
        for body in &m.after {
            assert!(!body.roles.is_empty(), "{}", body.id);
        }
        let served = |rows: &[RoleRow]| -> BTreeSet<Role> {
            rows.iter().flat_map(|r| r.roles.iter().map(|&(x, _)| x)).collect()
        };
        assert_eq!(served(&m.before), served(&m.after));
    }
}
