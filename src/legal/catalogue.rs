//! Well-known meeting types, recognised by name, so that a proposal knows which
//! meetings the law requires, which tier they sit in, whether they handle personal case
//! information, on what basis they may share it, and whether they bind their members to
//! confidentiality — when the inventory leaves these blank.
//!
//! Starting catalogue: `DOMAIN.md`, "Well-known meeting types". Article numbers are as
//! commonly cited; every inferred value is marked as inferred and the inventory (or the
//! policy file) overrides it.

use crate::model::{Function, Meeting};
use serde::Serialize;

/// What a meeting's existence rests on. Any basis at all (down to a municipal rule)
/// means a proposal may hold it jointly but never abolish it; only bodies with no basis
/// can be merged away.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// Required by an Act.
    Law,
    /// An Act asks municipalities to endeavour to set it up (努力義務) or allows it.
    LawEndeavour,
    /// Required by a ministerial ordinance or regulation.
    Regulation,
    /// A national program's implementing guideline (実施要綱, 実施要領): a condition of
    /// the program's funding.
    Guideline,
    /// A municipal ordinance (条例): changed by the council.
    Ordinance,
    /// A municipal rule (要綱, 規則): changed by the mayor's decision.
    MunicipalRule,
    /// No basis: an optional network.
    Optional,
}

impl Strength {
    /// Whether a meeting of this strength counts as statutory (set up under an Act or
    /// a regulation).
    pub fn is_statutory(self) -> bool {
        matches!(self, Strength::Law | Strength::LawEndeavour | Strength::Regulation)
    }

    /// Whether the meeting rests on any basis, so that it may never be merged away.
    pub fn has_basis(self) -> bool {
        self != Strength::Optional
    }

    /// The strength a written legal basis implies. Municipal instruments are looked for
    /// first: 「市…要綱」 is a municipal rule, 「…事業実施要綱」 a national guideline.
    ///
    /// ```
    /// use kaigi::proposal::Strength;
    /// assert_eq!(Strength::of_basis("介護保険法第115条の48"), Strength::Law);
    /// assert_eq!(Strength::of_basis("重層的支援体制整備事業実施要綱"), Strength::Guideline);
    /// assert_eq!(Strength::of_basis("架空市見守りネットワーク設置要綱"), Strength::MunicipalRule);
    /// assert_eq!(Strength::of_basis("架空市附属機関設置条例"), Strength::Ordinance);
    /// ```
    pub fn of_basis(basis: &str) -> Strength {
        let basis = crate::model::normalize(basis);
        if basis.trim().is_empty() {
            Strength::Optional
        } else if basis.contains("条例") {
            Strength::Ordinance
        } else if basis.contains("施行規則") || basis.contains("施行令") || basis.contains("省令")
        {
            Strength::Regulation
        } else if basis.contains("事業実施要綱")
            || basis.contains("実施要領")
            || basis.contains("ガイドライン")
            || basis.contains("通知")
        {
            Strength::Guideline
        } else if basis.contains("要綱") || basis.contains("規則") || basis.contains("規程") {
            Strength::MunicipalRule
        } else if basis.contains('法') {
            Strength::Law
        } else {
            Strength::MunicipalRule
        }
    }
}

/// Level of a body in the consolidated structure.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// 個別: individual case review.
    Case,
    /// 地域・ネットワーク: community issues, networks, relationship building.
    Community,
    /// 施策: policy and planning.
    Policy,
}

impl Tier {
    /// Japanese label.
    pub fn label_ja(self) -> &'static str {
        match self {
            Tier::Case => "個別",
            Tier::Community => "地域・ネットワーク",
            Tier::Policy => "施策",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Tier::Case => "case",
            Tier::Community => "community / network",
            Tier::Policy => "policy",
        }
    }
}

/// The legal footing on which a meeting shares personal case information.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", tag = "basis", content = "law")]
pub enum SharingBasis {
    /// The named law allows sharing without the person's consent.
    WithoutConsent(String),
    /// Sharing only with the person's consent.
    WithConsent,
}

/// One catalogue entry.
#[derive(Debug, Clone, Copy)]
pub struct KnownType {
    /// Short key used in outputs.
    pub key: &'static str,
    /// All of these must occur in the NFKC-normalised name …
    pub all_of: &'static [&'static str],
    /// … and none of these.
    pub none_of: &'static [&'static str],
    /// Legal basis usually cited.
    pub legal_basis: &'static str,
    /// Statutory strength.
    pub strength: Strength,
    /// Tier.
    pub tier: Tier,
    /// Handles personal case information.
    pub personal_info: bool,
    /// Basis for sharing case information; `None` = law allows sharing without consent
    /// is not given, so consent is needed.
    pub without_consent: Option<&'static str>,
    /// The law binds the members to confidentiality.
    pub confers_duty: bool,
}

/// The catalogue, most specific entries first: the first match wins.
pub const CATALOGUE: &[KnownType] = &[
    KnownType {
        key: "jusoteki_shien_kaigi",
        all_of: &["重層的支援会議"],
        none_of: &[],
        legal_basis: "重層的支援体制整備事業実施要綱",
        strength: Strength::Guideline,
        tier: Tier::Case,
        personal_info: true,
        without_consent: None,
        confers_duty: false,
    },
    KnownType {
        key: "yotaikyo_representatives",
        all_of: &["要保護児童", "代表者"],
        none_of: &[],
        legal_basis: "児童福祉法第25条の2",
        strength: Strength::Law,
        tier: Tier::Policy,
        personal_info: false,
        without_consent: None,
        confers_duty: true,
    },
    KnownType {
        key: "yotaikyo_practitioners",
        all_of: &["要保護児童", "実務者"],
        none_of: &[],
        legal_basis: "児童福祉法第25条の2",
        strength: Strength::Law,
        tier: Tier::Community,
        personal_info: true,
        without_consent: Some("児童福祉法第25条の3"),
        confers_duty: true,
    },
    KnownType {
        key: "yotaikyo_case",
        all_of: &["要保護児童", "個別"],
        none_of: &[],
        legal_basis: "児童福祉法第25条の2",
        strength: Strength::Law,
        tier: Tier::Case,
        personal_info: true,
        without_consent: Some("児童福祉法第25条の3"),
        confers_duty: true,
    },
    KnownType {
        key: "yotaikyo",
        all_of: &["要保護児童対策地域協議会"],
        none_of: &[],
        legal_basis: "児童福祉法第25条の2",
        strength: Strength::Law,
        tier: Tier::Community,
        personal_info: true,
        without_consent: Some("児童福祉法第25条の3"),
        confers_duty: true,
    },
    KnownType {
        key: "chiiki_care_promotion",
        all_of: &["地域ケア", "推進"],
        none_of: &[],
        legal_basis: "介護保険法第115条の48",
        strength: Strength::LawEndeavour,
        tier: Tier::Policy,
        personal_info: false,
        without_consent: None,
        confers_duty: true,
    },
    KnownType {
        key: "chiiki_care_case",
        all_of: &["地域ケア"],
        none_of: &["推進"],
        legal_basis: "介護保険法第115条の48",
        strength: Strength::LawEndeavour,
        tier: Tier::Case,
        personal_info: true,
        without_consent: Some("介護保険法第115条の48"),
        confers_duty: true,
    },
    KnownType {
        key: "shien_kaigi_poverty",
        all_of: &["支援会議", "困窮"],
        none_of: &["調整"],
        legal_basis: "生活困窮者自立支援法第9条",
        strength: Strength::Law,
        tier: Tier::Case,
        personal_info: true,
        without_consent: Some("生活困窮者自立支援法第9条"),
        confers_duty: true,
    },
    KnownType {
        key: "shien_chosei_kaigi",
        all_of: &["支援調整会議"],
        none_of: &[],
        legal_basis: "生活困窮者自立相談支援事業の実施要領",
        strength: Strength::Guideline,
        tier: Tier::Case,
        personal_info: true,
        without_consent: None,
        confers_duty: false,
    },
    KnownType {
        key: "shien_kaigi",
        all_of: &["支援会議"],
        none_of: &["重層的支援会議", "調整"],
        legal_basis: "社会福祉法第106条の6",
        strength: Strength::Law,
        tier: Tier::Case,
        personal_info: true,
        without_consent: Some("社会福祉法第106条の6"),
        confers_duty: true,
    },
    KnownType {
        key: "sabetsu_kaisho",
        all_of: &["差別解消"],
        none_of: &[],
        legal_basis: "障害者差別解消法第17条",
        strength: Strength::LawEndeavour,
        tier: Tier::Policy,
        personal_info: false,
        without_consent: None,
        confers_duty: true,
    },
    KnownType {
        key: "jiritsu_shien_kyogikai_bukai",
        all_of: &["自立支援協議会", "部会"],
        none_of: &[],
        legal_basis: "障害者総合支援法第89条の3",
        strength: Strength::LawEndeavour,
        tier: Tier::Community,
        personal_info: false,
        without_consent: None,
        confers_duty: true,
    },
    KnownType {
        key: "jiritsu_shien_kyogikai",
        all_of: &["自立支援協議会"],
        none_of: &[],
        legal_basis: "障害者総合支援法第89条の3",
        strength: Strength::LawEndeavour,
        tier: Tier::Policy,
        personal_info: false,
        without_consent: None,
        confers_duty: true,
    },
    KnownType {
        key: "houkatsu_unei_kyogikai",
        all_of: &["地域包括支援センター運営協議会"],
        none_of: &[],
        legal_basis: "介護保険法施行規則第140条の66",
        strength: Strength::Regulation,
        tier: Tier::Policy,
        personal_info: false,
        without_consent: None,
        confers_duty: false,
    },
    KnownType {
        key: "kyogitai",
        all_of: &["協議体"],
        none_of: &[],
        legal_basis: "介護保険法第115条の45（地域支援事業）",
        strength: Strength::Guideline,
        tier: Tier::Community,
        personal_info: false,
        without_consent: None,
        confers_duty: false,
    },
    KnownType {
        key: "zaitaku_iryo_kaigo",
        all_of: &["在宅医療", "介護連携"],
        none_of: &[],
        legal_basis: "介護保険法第115条の45（地域支援事業）",
        strength: Strength::Guideline,
        tier: Tier::Policy,
        personal_info: false,
        without_consent: None,
        confers_duty: false,
    },
    KnownType {
        key: "kodomo_wakamono",
        all_of: &["子ども・若者支援地域協議会"],
        none_of: &[],
        legal_basis: "子ども・若者育成支援推進法第19条",
        strength: Strength::LawEndeavour,
        tier: Tier::Community,
        personal_info: true,
        without_consent: None,
        confers_duty: true,
    },
    KnownType {
        key: "minsei_iin",
        all_of: &["民生委員"],
        none_of: &[],
        legal_basis: "民生委員法第20条",
        strength: Strength::Law,
        tier: Tier::Community,
        personal_info: false,
        without_consent: None,
        confers_duty: true,
    },
    KnownType {
        key: "seinen_koken_kyogikai",
        all_of: &["成年後見", "協議会"],
        none_of: &[],
        legal_basis: "成年後見制度の利用の促進に関する法律第14条・成年後見制度利用促進基本計画",
        strength: Strength::Guideline,
        tier: Tier::Community,
        personal_info: false,
        without_consent: None,
        confers_duty: false,
    },
    KnownType {
        key: "seishin_hoken_kyogi_no_ba",
        all_of: &["精神保健"],
        none_of: &[],
        legal_basis: "精神障害にも対応した地域包括ケアシステムの構築推進事業実施要綱（保健・医療・福祉関係者による協議の場）",
        strength: Strength::Guideline,
        tier: Tier::Community,
        personal_info: false,
        without_consent: None,
        confers_duty: false,
    },
    KnownType {
        key: "jisatsu_taisaku",
        all_of: &["自殺"],
        none_of: &[],
        legal_basis: "",
        strength: Strength::Optional,
        tier: Tier::Community,
        personal_info: false,
        without_consent: None,
        confers_duty: false,
    },
    KnownType {
        key: "hikikomori",
        all_of: &["ひきこもり"],
        none_of: &[],
        legal_basis: "",
        strength: Strength::Optional,
        tier: Tier::Community,
        personal_info: false,
        without_consent: None,
        confers_duty: false,
    },
    KnownType {
        key: "kenri_yogo",
        all_of: &["権利擁護"],
        none_of: &[],
        legal_basis: "",
        strength: Strength::Optional,
        tier: Tier::Community,
        personal_info: false,
        without_consent: None,
        confers_duty: false,
    },
    KnownType {
        key: "houkatsu_unei_kyogikai",
        all_of: &["地域包括支援センター", "運営", "協議会"],
        none_of: &[],
        legal_basis: "介護保険法施行規則第140条の66",
        strength: Strength::Regulation,
        tier: Tier::Policy,
        personal_info: false,
        without_consent: None,
        confers_duty: false,
    },
    KnownType {
        key: "jiritsu_shien_kyogikai",
        all_of: &["総合支援", "協議会"],
        none_of: &["部会"],
        legal_basis: "障害者総合支援法第89条の3",
        strength: Strength::LawEndeavour,
        tier: Tier::Policy,
        personal_info: false,
        without_consent: None,
        confers_duty: true,
    },
    // Recognised by the legal basis the inventory cites when the name says nothing.
    KnownType {
        key: "shien_kaigi",
        all_of: &["106条の6"],
        none_of: &[],
        legal_basis: "社会福祉法第106条の6",
        strength: Strength::Law,
        tier: Tier::Case,
        personal_info: true,
        without_consent: Some("社会福祉法第106条の6"),
        confers_duty: true,
    },
    KnownType {
        key: "shien_kaigi_poverty",
        all_of: &["生活困窮者自立支援法第9条"],
        none_of: &[],
        legal_basis: "生活困窮者自立支援法第9条",
        strength: Strength::Law,
        tier: Tier::Case,
        personal_info: true,
        without_consent: Some("生活困窮者自立支援法第9条"),
        confers_duty: true,
    },
    KnownType {
        key: "kodomo_wakamono",
        all_of: &["子ども・若者育成支援推進法"],
        none_of: &[],
        legal_basis: "子ども・若者育成支援推進法第19条",
        strength: Strength::LawEndeavour,
        tier: Tier::Community,
        personal_info: true,
        without_consent: None,
        confers_duty: true,
    },
    KnownType {
        key: "jiritsu_shien_kyogikai",
        all_of: &["89条の3"],
        none_of: &[],
        legal_basis: "障害者総合支援法第89条の3",
        strength: Strength::LawEndeavour,
        tier: Tier::Policy,
        personal_info: false,
        without_consent: None,
        confers_duty: true,
    },
    KnownType {
        key: "yotaikyo",
        all_of: &["25条の2"],
        none_of: &[],
        legal_basis: "児童福祉法第25条の2",
        strength: Strength::Law,
        tier: Tier::Community,
        personal_info: true,
        without_consent: Some("児童福祉法第25条の3"),
        confers_duty: true,
    },
];

/// The catalogue entry a meeting's name matches, if any.
///
/// ```
/// use kaigi::proposal::recognise;
/// assert_eq!(recognise("要保護児童対策地域協議会 実務者会議").unwrap().key, "yotaikyo_practitioners");
/// assert_eq!(recognise("重層的支援会議").unwrap().key, "jusoteki_shien_kaigi");
/// assert_eq!(recognise("支援会議（社会福祉法）").unwrap().key, "shien_kaigi");
/// assert!(recognise("お花見の会").is_none());
/// ```
pub fn recognise(name: &str) -> Option<&'static KnownType> {
    let name = crate::model::normalize(name);
    let name = name.replace(['（', '）'], "");
    CATALOGUE.iter().find(|entry| {
        entry.all_of.iter().all(|word| name.contains(word))
            && !entry.none_of.iter().any(|word| name.contains(word))
    })
}

/// A value and whether kaigi inferred it (from the catalogue or the functions) rather
/// than reading it from the inventory or the policy.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Inferred<T> {
    /// The value used.
    pub value: T,
    /// True when kaigi filled it in.
    pub inferred: bool,
}

impl<T> Inferred<T> {
    fn given(value: T) -> Self {
        Inferred { value, inferred: false }
    }

    fn guessed(value: T) -> Self {
        Inferred { value, inferred: true }
    }
}

/// What the proposal needs to know about one meeting, each value given or inferred.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Profile {
    /// Catalogue entry matched, if any.
    pub known_type: Option<&'static str>,
    /// Legal basis.
    pub legal_basis: Inferred<Option<String>>,
    /// Whether the meeting is statutory (cannot be abolished).
    pub statutory: Inferred<bool>,
    /// Tier.
    pub tier: Inferred<Tier>,
    /// Handles personal case information.
    pub personal_info: Inferred<bool>,
    /// Basis on which personal information is shared, when it is.
    pub sharing: Inferred<Option<SharingBasis>>,
    /// Whether the meeting's law binds its members to confidentiality.
    pub confers_duty: Inferred<bool>,
    /// What the meeting's existence rests on.
    pub strength: Inferred<Strength>,
    /// Which rule gave the tier.
    pub tier_rule: TierRule,
    /// The body family it belongs to (its 親会議, or the catalogue's family), for
    /// escalation within its own hierarchy.
    pub family: Option<String>,
    /// Its rank inside the family: 0 case, 1 practitioners / 部会 / 第2層, 2 plenary /
    /// representatives / 推進会議 / 第1層.
    pub level: Option<u8>,
}

/// Tier implied by functions when the catalogue does not know the meeting.
/// Which rule gave a meeting its tier, so every inferred value can name its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TierRule {
    /// The inventory's 階層 column.
    TierColumn,
    /// The catalogue entry the name or basis matched.
    Catalogue,
    /// A word of the meeting's name (代表者会議, 実務者会議, 個別…).
    Name,
    /// The meeting's functions (case review, policy planning).
    Functions,
    /// The policy file's override.
    Policy,
}

/// Words that place a meeting in a tier, most specific first: case words, then policy
/// words, then community words.
const CASE_WORDS: &[&str] = &["個別", "ケース", "調整会議", "支援会議", "チーム員"];
const POLICY_WORDS: &[&str] =
    &["代表者", "全体会", "推進会議", "推進委員会", "運営協議会", "運営等協議会", "本会"];
const COMMUNITY_WORDS: &[&str] =
    &["実務者", "部会", "協議体", "ネットワーク", "連絡会", "第1層", "第2層", "研究会"];

/// The tier a word of a name or of the 階層 column implies.
///
/// ```
/// use kaigi::proposal::{Tier, tier_from_words};
/// assert_eq!(tier_from_words("個別ケース検討会議"), Some(Tier::Case));
/// assert_eq!(tier_from_words("代表者会議"), Some(Tier::Policy));
/// assert_eq!(tier_from_words("部会"), Some(Tier::Community));
/// assert_eq!(tier_from_words("定例会"), None);
/// ```
pub fn tier_from_words(text: &str) -> Option<Tier> {
    let text = crate::model::normalize(text);
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if has(CASE_WORDS) {
        Some(Tier::Case)
    } else if has(POLICY_WORDS) {
        Some(Tier::Policy)
    } else if has(COMMUNITY_WORDS) {
        Some(Tier::Community)
    } else {
        None
    }
}

/// A meeting's rank inside its own body family, from its 階層 or its name: issues go
/// up from case meetings (0) to practitioners, 部会 and area bodies (1), to the
/// plenary, representatives and municipality-wide bodies (2).
fn level_from_words(text: &str) -> Option<u8> {
    let text = crate::model::normalize(text);
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if has(&["個別", "ケース"]) {
        Some(0)
    } else if has(&["代表者", "全体会", "推進会議", "第1層", "本会"]) {
        Some(2)
    } else if has(&["実務者", "部会", "第2層"]) {
        Some(1)
    } else {
        None
    }
}

/// The catalogue's body families: meeting types that are tiers of one body.
fn catalogue_family(key: &str) -> Option<&'static str> {
    Some(match key {
        "chiiki_care_promotion" | "chiiki_care_case" => "地域ケア会議",
        "yotaikyo_representatives" | "yotaikyo_practitioners" | "yotaikyo_case" | "yotaikyo" => {
            "要保護児童対策地域協議会"
        }
        "jiritsu_shien_kyogikai" | "jiritsu_shien_kyogikai_bukai" => "障害者自立支援協議会",
        "kyogitai" => "生活支援体制整備協議体",
        _ => return None,
    })
}

fn tier_from_functions(functions: &[Function]) -> Tier {
    let policy_only = functions
        .iter()
        .all(|f| matches!(f, Function::PolicyPlanning | Function::InformationSharing));
    if functions.contains(&Function::CaseReview) {
        Tier::Case
    } else if functions.contains(&Function::PolicyPlanning) && policy_only {
        Tier::Policy
    } else {
        Tier::Community
    }
}

/// Builds a meeting's profile: the inventory's own values first, then the catalogue,
/// then the functions.
pub fn profile(meeting: &Meeting) -> Profile {
    let known = recognise(&meeting.name).or_else(|| {
        meeting
            .legal_basis
            .as_deref()
            .and_then(|basis| recognise(&format!("{} {basis}", meeting.name)))
    });
    let legal_basis = match (&meeting.legal_basis, known) {
        (Some(basis), _) => Inferred::given(Some(basis.clone())),
        (None, Some(k)) if !k.legal_basis.is_empty() => {
            Inferred::guessed(Some(k.legal_basis.to_string()))
        }
        _ => Inferred::guessed(None),
    };
    let statutory = match (meeting.statutory, known) {
        (Some(flag), _) => Inferred::given(flag),
        (None, Some(k)) => Inferred::guessed(k.strength.is_statutory()),
        (None, None) => Inferred::guessed(false),
    };
    let column = meeting.tier.as_deref().and_then(tier_from_words);
    let (tier, tier_rule) = match (column, known, tier_from_words(&meeting.name)) {
        (Some(t), _, _) => (Inferred::given(t), TierRule::TierColumn),
        (None, Some(k), _) => (Inferred::guessed(k.tier), TierRule::Catalogue),
        (None, None, Some(t)) => (Inferred::guessed(t), TierRule::Name),
        (None, None, None) => {
            (Inferred::guessed(tier_from_functions(&meeting.functions)), TierRule::Functions)
        }
    };
    let strength = match (&meeting.legal_basis, known, meeting.statutory) {
        (Some(basis), _, _) if !basis.trim().is_empty() => {
            Inferred::given(known.map_or(Strength::of_basis(basis), |k| {
                if k.strength.has_basis() { k.strength } else { Strength::of_basis(basis) }
            }))
        }
        (_, Some(k), Some(true)) if !k.strength.has_basis() => Inferred::given(Strength::Law),
        (_, Some(k), _) => Inferred::guessed(k.strength),
        (_, None, Some(true)) => Inferred::given(Strength::Law),
        _ => Inferred::guessed(Strength::Optional),
    };
    let family = meeting
        .parent_body
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .map(crate::model::name_key)
        .or_else(|| known.and_then(|k| catalogue_family(k.key)).map(crate::model::name_key));
    let level = meeting
        .tier
        .as_deref()
        .and_then(level_from_words)
        .or_else(|| level_from_words(&meeting.name));
    let personal_info = match (meeting.personal_info, known) {
        (Some(flag), _) => Inferred::given(flag),
        (None, Some(k)) => Inferred::guessed(k.personal_info),
        (None, None) => Inferred::guessed(meeting.functions.contains(&Function::CaseReview)),
    };
    let sharing = if !personal_info.value {
        Inferred { value: None, inferred: personal_info.inferred }
    } else {
        match known.and_then(|k| k.without_consent) {
            Some(law) => Inferred::guessed(Some(SharingBasis::WithoutConsent(law.to_string()))),
            None => Inferred::guessed(Some(SharingBasis::WithConsent)),
        }
    };
    let confers_duty = match known {
        Some(k) => Inferred::guessed(k.confers_duty && statutory.value),
        None => Inferred::guessed(false),
    };
    Profile {
        known_type: known.map(|k| k.key),
        legal_basis,
        statutory,
        strength,
        tier_rule,
        family,
        level,
        tier,
        personal_info,
        sharing,
        confers_duty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_entry_is_reachable_by_a_typical_name() {
        for (name, key) in [
            ("重層的支援会議", "jusoteki_shien_kaigi"),
            ("要保護児童対策地域協議会 代表者会議", "yotaikyo_representatives"),
            ("要保護児童対策地域協議会 個別ケース検討会議", "yotaikyo_case"),
            ("地域ケア推進会議", "chiiki_care_promotion"),
            ("地域ケア個別会議(北部)", "chiiki_care_case"),
            ("生活困窮者自立支援法に基づく支援会議", "shien_kaigi_poverty"),
            ("支援調整会議", "shien_chosei_kaigi"),
            ("支援会議(社会福祉法第106条の6)", "shien_kaigi"),
            ("重層的支援体制整備事業 支援会議", "shien_kaigi"),
            ("障害者自立支援協議会 相談支援部会", "jiritsu_shien_kyogikai_bukai"),
            ("障害者自立支援協議会 全体会", "jiritsu_shien_kyogikai"),
            ("地域包括支援センター運営協議会", "houkatsu_unei_kyogikai"),
            ("生活支援体制整備 第2層協議体(北部)", "kyogitai"),
            ("在宅医療・介護連携推進会議", "zaitaku_iryo_kaigo"),
            ("子ども・若者支援地域協議会", "kodomo_wakamono"),
            ("民生委員児童委員協議会 定例会", "minsei_iin"),
            ("障害者差別解消支援地域協議会", "sabetsu_kaisho"),
        ] {
            assert_eq!(recognise(name).map(|k| k.key), Some(key), "{name}");
        }
    }

    #[test]
    fn inventory_values_override_the_catalogue() {
        let mut meeting = Meeting::new("M1", "支援会議");
        meeting.statutory = Some(false);
        meeting.personal_info = Some(false);
        let p = profile(&meeting);
        assert_eq!(p.statutory, Inferred { value: false, inferred: false });
        assert_eq!(p.personal_info, Inferred { value: false, inferred: false });
        assert_eq!(p.sharing.value, None);
        let plain = profile(&Meeting::new("M2", "支援会議"));
        assert_eq!(plain.statutory, Inferred { value: true, inferred: true });
        assert_eq!(
            plain.sharing.value,
            Some(SharingBasis::WithoutConsent("社会福祉法第106条の6".into()))
        );
    }
}
