//! Agencies: who attends meetings, in which field, and under which duty of confidentiality.

use serde::Serialize;
use std::collections::BTreeMap;

/// Sector given to a participant that the registry does not list.
pub const UNKNOWN_SECTOR: &str = "unknown";

/// One agency or department in the registry.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Agency {
    /// Canonical name, NFKC-normalised.
    pub name: String,
    /// Other names meetings use for it (社協 for 社会福祉協議会).
    pub aliases: Vec<String>,
    /// Field (分野), canonicalised to the Japanese label where known (see [`canonical_sector`]).
    pub sector: String,
    /// What sort of organisation it is.
    pub kind: AgencyKind,
    /// Whether its staff are bound to keep case information confidential.
    pub confidentiality: Confidentiality,
    /// Area (圏域) it serves; `None` means municipality-wide.
    pub area: Option<String>,
    /// True when the agency was not in the registry and was added because a meeting named it.
    pub unregistered: bool,
    /// Registry columns kaigi does not interpret, kept so nothing the user wrote is lost.
    pub extra: BTreeMap<String, String>,
}

impl Agency {
    /// A registered agency with no aliases, kind [`AgencyKind::Other`] and no duty.
    pub fn new(name: impl Into<String>, sector: impl Into<String>) -> Self {
        Agency {
            name: name.into(),
            aliases: Vec::new(),
            sector: sector.into(),
            kind: AgencyKind::Other(String::new()),
            confidentiality: Confidentiality::None,
            area: None,
            unregistered: false,
            extra: BTreeMap::new(),
        }
    }
}

/// Kind of organisation (種別).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// 行政: a municipal or prefectural office.
    Government,
    /// 委託先: an organisation running a contracted public service.
    Contractor,
    /// 民間: a private company, clinic or NPO.
    Private,
    /// 住民・民生委員: residents, volunteers and commissioned volunteers.
    Resident,
    /// Anything else, as written (empty when the inventory is silent).
    Other(String),
}

impl AgencyKind {
    /// Japanese label.
    pub fn label_ja(&self) -> &str {
        match self {
            AgencyKind::Government => "行政",
            AgencyKind::Contractor => "委託先",
            AgencyKind::Private => "民間",
            AgencyKind::Resident => "住民・民生委員",
            AgencyKind::Other(text) => text,
        }
    }

    /// English label.
    pub fn label_en(&self) -> &str {
        match self {
            AgencyKind::Government => "government",
            AgencyKind::Contractor => "contractor",
            AgencyKind::Private => "private",
            AgencyKind::Resident => "resident",
            AgencyKind::Other(text) => text,
        }
    }
}

/// Duty of confidentiality (守秘義務) that lets an attendee sit in case review.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Confidentiality {
    /// 法定: imposed by law (地方公務員法 §34, 民生委員法 §15, a statutory meeting's own article).
    Statutory,
    /// 契約: imposed by contract (contracted agencies).
    Contractual,
    /// なし: no duty (residents, volunteers, most private companies).
    None,
}

impl Confidentiality {
    /// Whether the duty is enough to attend a session handling personal case information.
    pub fn is_bound(self) -> bool {
        !matches!(self, Confidentiality::None)
    }

    /// Japanese label.
    pub fn label_ja(self) -> &'static str {
        match self {
            Confidentiality::Statutory => "法定",
            Confidentiality::Contractual => "契約",
            Confidentiality::None => "なし",
        }
    }
}

/// Known sectors: (Japanese canonical label, English key, other accepted spellings).
const SECTORS: &[(&str, &str, &[&str])] = &[
    ("高齢", "elderly", &["高齢者", "介護", "高齢福祉", "elderly care", "aged care"]),
    ("障害", "disability", &["障がい", "障害者", "障害福祉", "disabilities"]),
    (
        "子ども",
        "children",
        &["子供", "こども", "児童", "子ども家庭", "child", "children and families"],
    ),
    ("生活困窮", "poverty", &["困窮", "生活保護", "self-reliance", "poverty and self-reliance"]),
    ("保健・医療", "health", &["保健", "医療", "保健医療", "health care", "healthcare", "medical"]),
    ("地域", "community", &["地域福祉", "住民", "community welfare"]),
    ("教育", "education", &["学校", "school"]),
    ("司法", "justice", &["司法・更生保護", "更生保護", "legal"]),
    ("住まい", "housing", &["住宅", "居住"]),
    ("就労", "employment", &["雇用", "労働", "work"]),
    ("行政", "administration", &["行政全般", "government", "general"]),
];

/// Whether a canonical sector is one of the fields kaigi knows (高齢, 障害, 子ども …).
/// Any other value (学識, 文化 …) is kept as written, but it is not a welfare field:
/// the report gives no advice about gaps between it and a field.
///
/// ```
/// use kaigi::model::is_known_sector;
/// assert!(is_known_sector("高齢"));
/// assert!(!is_known_sector("学識"));
/// ```
pub fn is_known_sector(sector: &str) -> bool {
    SECTORS.iter().any(|(ja, _, _)| *ja == sector)
}

/// How many distinct fields the given sectors name, `unknown` left out: findings by
/// field need at least two.
///
/// ```
/// use kaigi::model::distinct_fields;
/// assert_eq!(distinct_fields(["高齢", "unknown", "高齢", "障害"]), 2);
/// ```
pub fn distinct_fields<'a>(sectors: impl IntoIterator<Item = &'a str>) -> usize {
    let fields: std::collections::BTreeSet<&str> =
        sectors.into_iter().filter(|&s| s != UNKNOWN_SECTOR).collect();
    fields.len()
}

/// The known fields' Japanese labels, in the catalogue's order.
pub fn known_sectors() -> impl Iterator<Item = &'static str> {
    SECTORS.iter().map(|(ja, _, _)| *ja)
}

/// Canonical sector label for a sector as a user wrote it: known Japanese or English
/// spellings map to the Japanese label, anything else is kept as written.
///
/// ```
/// use kaigi::model::canonical_sector;
/// assert_eq!(canonical_sector("elderly"), "高齢");
/// assert_eq!(canonical_sector("障がい"), "障害");
/// assert_eq!(canonical_sector("文化"), "文化");
/// ```
pub fn canonical_sector(text: &str) -> String {
    let wanted = text.trim().to_lowercase();
    for (ja, en, others) in SECTORS {
        if wanted == *ja || wanted == *en || others.iter().any(|o| wanted == o.to_lowercase()) {
            return (*ja).to_string();
        }
    }
    text.trim().to_string()
}

/// English label for a canonical sector (unknown sectors are returned as written).
///
/// ```
/// assert_eq!(kaigi::model::sector_label_en("子ども"), "children");
/// ```
pub fn sector_label_en(sector: &str) -> &str {
    SECTORS.iter().find(|(ja, _, _)| *ja == sector).map_or(sector, |(_, en, _)| en)
}
