//! The parts synthetic inventories are built from: agency names, meeting types, topic
//! phrases, frequency and duration spellings. All fictional; the names are the generic
//! ones used across Japan.

/// An agency that exists once in every generated city.
pub(super) struct FixedAgency {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub sector: &'static str,
    pub kind: &'static str,
    pub confidentiality: &'static str,
    /// Departments host meetings of their sector.
    pub department: bool,
}

const fn fixed(
    name: &'static str,
    aliases: &'static [&'static str],
    sector: &'static str,
    kind: &'static str,
    confidentiality: &'static str,
    department: bool,
) -> FixedAgency {
    FixedAgency { name, aliases, sector, kind, confidentiality, department }
}

pub(super) const FIXED: &[FixedAgency] = &[
    fixed("高齢福祉課", &["高齢課"], "高齢", "行政", "法定", true),
    fixed("介護保険課", &["介護保険担当"], "高齢", "行政", "法定", true),
    fixed("障害福祉課", &["障がい福祉課"], "障害", "行政", "法定", true),
    fixed("基幹相談支援センター", &["基幹相談"], "障害", "委託先", "契約", false),
    fixed("こども家庭課", &["こども家庭センター"], "子ども", "行政", "法定", true),
    fixed("子育て支援課", &[], "子ども", "行政", "法定", true),
    fixed("児童相談所", &["児相"], "子ども", "行政", "法定", false),
    fixed("生活福祉課", &["保護課"], "生活困窮", "行政", "法定", true),
    fixed("自立相談支援機関", &["自立相談"], "生活困窮", "委託先", "契約", false),
    fixed("家計改善支援事業所", &["家計改善"], "生活困窮", "委託先", "契約", false),
    fixed("健康推進課", &["保健センター"], "保健・医療", "行政", "法定", true),
    fixed("保健所", &["県保健所"], "保健・医療", "行政", "法定", false),
    fixed("医師会", &[], "保健・医療", "民間", "契約", false),
    fixed("歯科医師会", &[], "保健・医療", "民間", "契約", false),
    fixed("薬剤師会", &[], "保健・医療", "民間", "契約", false),
    fixed("地域福祉課", &["重層担当"], "地域", "行政", "法定", true),
    fixed("社会福祉協議会", &["社協"], "地域", "委託先", "契約", false),
    fixed("民生委員児童委員協議会", &["民児協"], "地域", "住民・民生委員", "法定", false),
    fixed("ボランティア連絡協議会", &[], "地域", "住民・民生委員", "なし", false),
    fixed("学校教育課", &["教育委員会"], "教育", "行政", "法定", true),
    fixed("教育支援センター", &["適応指導教室"], "教育", "行政", "法定", false),
    fixed("スクールソーシャルワーカー", &["SSW"], "教育", "行政", "法定", false),
    fixed("住宅政策課", &["住宅課"], "住まい", "行政", "法定", true),
    fixed("宅地建物取引業協会", &[], "住まい", "民間", "なし", false),
    fixed("公共職業安定所", &["ハローワーク"], "就労", "行政", "法定", false),
    fixed("地域若者サポートステーション", &["サポステ"], "就労", "委託先", "契約", false),
    fixed("商工会議所", &[], "就労", "民間", "なし", false),
    fixed("警察署", &["警察"], "司法", "行政", "法定", false),
    fixed("弁護士会", &[], "司法", "民間", "契約", false),
    fixed("司法書士会", &[], "司法", "民間", "契約", false),
    fixed("保護観察所", &[], "司法", "行政", "法定", false),
];

/// An agency made once per area: `{area}` is replaced.
pub(super) struct AreaAgency {
    pub name: &'static str,
    pub alias: &'static str,
    pub sector: &'static str,
    pub kind: &'static str,
    pub confidentiality: &'static str,
}

pub(super) const PER_AREA: &[AreaAgency] = &[
    AreaAgency {
        name: "{area}地域包括支援センター",
        alias: "{area}包括",
        sector: "高齢",
        kind: "委託先",
        confidentiality: "契約",
    },
    AreaAgency {
        name: "{area}まちづくり協議会",
        alias: "{area}まち協",
        sector: "地域",
        kind: "住民・民生委員",
        confidentiality: "なし",
    },
];

/// An agency made as often as needed: `{place}` is replaced by a place name.
pub(super) struct PlaceAgency {
    pub name: &'static str,
    pub sector: &'static str,
    pub kind: &'static str,
    pub confidentiality: &'static str,
}

const fn place(
    name: &'static str,
    sector: &'static str,
    kind: &'static str,
    confidentiality: &'static str,
) -> PlaceAgency {
    PlaceAgency { name, sector, kind, confidentiality }
}

pub(super) const PER_PLACE: &[PlaceAgency] = &[
    place("{place}居宅介護支援事業所", "高齢", "民間", "契約"),
    place("{place}デイサービスセンター", "高齢", "民間", "契約"),
    place("特別養護老人ホーム{place}苑", "高齢", "民間", "契約"),
    place("{place}老人クラブ", "高齢", "住民・民生委員", "なし"),
    place("{place}相談支援事業所", "障害", "民間", "契約"),
    place("{place}就労継続支援事業所", "障害", "民間", "契約"),
    place("グループホーム{place}", "障害", "民間", "契約"),
    place("{place}保育所", "子ども", "民間", "契約"),
    place("{place}子育て支援センター", "子ども", "委託先", "契約"),
    place("{place}放課後児童クラブ", "子ども", "委託先", "契約"),
    place("{place}子ども食堂", "子ども", "住民・民生委員", "なし"),
    place("{place}フードバンク", "生活困窮", "民間", "なし"),
    place("{place}無料低額宿泊所", "生活困窮", "民間", "契約"),
    place("{place}病院", "保健・医療", "民間", "契約"),
    place("{place}クリニック", "保健・医療", "民間", "契約"),
    place("{place}訪問看護ステーション", "保健・医療", "民間", "契約"),
    place("{place}自治会", "地域", "住民・民生委員", "なし"),
    place("{place}地区社協", "地域", "住民・民生委員", "なし"),
    place("{place}小学校", "教育", "行政", "法定"),
    place("{place}中学校", "教育", "行政", "法定"),
    place("居住支援法人{place}", "住まい", "民間", "契約"),
    place("{place}不動産協力店", "住まい", "民間", "なし"),
    place("{place}職業訓練センター", "就労", "民間", "契約"),
    place("{place}協力雇用主会", "司法", "民間", "なし"),
];

pub(super) const AREAS: &[&str] = &[
    "北部",
    "中部",
    "南部",
    "東部",
    "西部",
    "北東部",
    "北西部",
    "南東部",
    "南西部",
    "中央",
    "沿岸部",
    "山間部",
];

pub(super) const PLACE_HEADS: &[&str] = &[
    "青葉",
    "桜",
    "緑",
    "若葉",
    "旭",
    "日の出",
    "松",
    "竹",
    "梅",
    "泉",
    "朝日",
    "富士見",
    "港",
    "本",
    "新",
    "栄",
    "寿",
    "宮",
    "清水",
    "高砂",
    "柏",
    "白鳥",
    "鶴",
    "亀",
    "橘",
    "楓",
    "菊",
    "光",
    "春日",
    "千代",
    "大和",
    "相生",
    "美原",
    "錦",
    "花園",
    "星",
];

pub(super) const PLACE_TAILS: &[&str] =
    &["台", "町", "丘", "野", "原", "川", "浜", "ヶ谷", "が丘", "坂", "里", "島"];

/// Sectors in the order meetings draw them, with relative weights: most meetings are
/// run by the big welfare fields.
pub(super) const SECTORS: &[(&str, u32)] = &[
    ("高齢", 22),
    ("障害", 14),
    ("子ども", 16),
    ("生活困窮", 10),
    ("保健・医療", 12),
    ("地域", 10),
    ("教育", 6),
    ("住まい", 3),
    ("就労", 4),
    ("司法", 3),
];

/// How often a kind of meeting sits.
#[derive(Clone, Copy)]
pub(super) enum Cadence {
    /// Case review: monthly or more, or ad hoc.
    Case,
    /// Networks: a few times a year.
    Network,
    /// Policy: once or twice a year.
    Policy,
}

/// A kind of meeting. `{area}` in the name makes it area-scoped.
pub(super) struct MeetingType {
    pub name: &'static str,
    pub sectors: &'static [&'static str],
    pub functions: &'static [&'static str],
    pub case: bool,
    pub legal_basis: Option<&'static str>,
    pub cadence: Cadence,
    pub size: (u32, u32),
    pub topics: &'static [&'static str],
    /// (parent body, tier) when the type is a tier of a statutory body.
    pub body: Option<(&'static str, &'static str)>,
}

#[allow(clippy::too_many_arguments)]
const fn kind(
    name: &'static str,
    sectors: &'static [&'static str],
    functions: &'static [&'static str],
    case: bool,
    legal_basis: Option<&'static str>,
    cadence: Cadence,
    size: (u32, u32),
    topics: &'static [&'static str],
    body: Option<(&'static str, &'static str)>,
) -> MeetingType {
    MeetingType { name, sectors, functions, case, legal_basis, cadence, size, topics, body }
}

use Cadence::{Case, Network, Policy};

const CASE: &str = "個別ケース検討";
const TRAINING: &str = "関係づくり・研修";
const COMMUNITY: &str = "地域課題・資源開発";
const POLICY: &str = "施策化・計画";
const SHARING: &str = "情報共有";
const CARE_LAW: &str = "介護保険法第115条の48";
const CHILD_LAW: &str = "児童福祉法第25条の2";
const DISABILITY_LAW: &str = "障害者総合支援法第89条の3";

pub(super) const TYPES: &[MeetingType] = &[
    kind(
        "地域ケア個別会議（{area}）",
        &["高齢"],
        &[CASE, COMMUNITY],
        true,
        Some(CARE_LAW),
        Case,
        (6, 10),
        &["支援困難事例", "自立支援に資するケアマネジメント", "認知症の独居高齢者", "介護予防"],
        None,
    ),
    kind(
        "地域ケア推進会議",
        &["高齢", "保健・医療"],
        &[COMMUNITY, POLICY],
        false,
        Some(CARE_LAW),
        Policy,
        (9, 14),
        &["個別会議から抽出した地域課題", "社会資源の開発", "施策への提言"],
        None,
    ),
    kind(
        "認知症初期集中支援チーム員会議",
        &["高齢", "保健・医療"],
        &[CASE],
        true,
        None,
        Case,
        (4, 7),
        &["認知症の早期発見", "訪問対象者のアセスメント", "医療・介護サービスへのつなぎ"],
        None,
    ),
    kind(
        "生活支援体制整備事業 第2層協議体（{area}）",
        &["高齢", "地域"],
        &[COMMUNITY, SHARING],
        false,
        None,
        Network,
        (6, 9),
        &["地区の困りごとの共有", "通いの場の立ち上げ", "移動支援", "買物支援", "担い手の養成"],
        None,
    ),
    kind(
        "在宅医療・介護連携推進会議",
        &["高齢", "保健・医療"],
        &[POLICY, TRAINING],
        false,
        None,
        Network,
        (9, 13),
        &["入退院支援のルールづくり", "看取り", "ACPの普及啓発", "多職種研修の企画"],
        None,
    ),
    kind(
        "{area}介護事業所連絡会",
        &["高齢"],
        &[TRAINING, SHARING],
        false,
        None,
        Network,
        (6, 12),
        &["介護人材の確保", "感染症対策", "事業所間の情報交換"],
        None,
    ),
    kind(
        "障害者自立支援協議会 相談支援部会",
        &["障害"],
        &[CASE, TRAINING],
        true,
        Some(DISABILITY_LAW),
        Case,
        (5, 9),
        &["困難事例の検討", "相談支援専門員の研修", "サービス等利用計画の質の向上"],
        Some(("障害者自立支援協議会", "部会")),
    ),
    kind(
        "障害者自立支援協議会 地域移行部会",
        &["障害", "保健・医療", "住まい"],
        &[COMMUNITY, SHARING],
        false,
        Some(DISABILITY_LAW),
        Network,
        (6, 10),
        &["精神科病院からの地域移行", "退院後の住まいの確保", "ピアサポートの育成"],
        Some(("障害者自立支援協議会", "部会")),
    ),
    kind(
        "障害者自立支援協議会 全体会",
        &["障害"],
        &[POLICY, SHARING],
        false,
        Some(DISABILITY_LAW),
        Policy,
        (10, 15),
        &["部会からの報告", "障害福祉計画の進捗", "地域課題の共有"],
        Some(("障害者自立支援協議会", "全体会")),
    ),
    kind(
        "障害者差別解消支援地域協議会",
        &["障害", "司法"],
        &[SHARING, POLICY],
        false,
        None,
        Policy,
        (6, 9),
        &["差別事案の共有", "合理的配慮の啓発"],
        None,
    ),
    kind(
        "{area}障害福祉サービス事業所連絡会",
        &["障害"],
        &[TRAINING, SHARING],
        false,
        None,
        Network,
        (6, 12),
        &["グループホームの空き状況", "就労継続支援の工賃向上", "事業所間の情報交換"],
        None,
    ),
    kind(
        "要保護児童対策地域協議会 実務者会議",
        &["子ども", "教育"],
        &[SHARING, CASE],
        true,
        Some(CHILD_LAW),
        Case,
        (8, 12),
        &["進行管理ケースの状況確認", "支援方針の見直し", "新規ケースの共有"],
        Some(("要保護児童対策地域協議会", "実務者会議")),
    ),
    kind(
        "要保護児童対策地域協議会 個別ケース検討会議",
        &["子ども", "教育"],
        &[CASE],
        true,
        Some(CHILD_LAW),
        Case,
        (5, 8),
        &["要保護児童への支援方針", "役割分担", "特定妊婦への支援"],
        Some(("要保護児童対策地域協議会", "個別ケース検討会議")),
    ),
    kind(
        "要保護児童対策地域協議会 代表者会議",
        &["子ども", "教育", "司法"],
        &[POLICY, SHARING],
        false,
        Some(CHILD_LAW),
        Policy,
        (10, 14),
        &["協議会の運営方針", "児童虐待の状況報告", "関係機関の連携強化"],
        Some(("要保護児童対策地域協議会", "代表者会議")),
    ),
    kind(
        "子どもの居場所づくりネットワーク会議",
        &["子ども", "地域"],
        &[TRAINING, COMMUNITY],
        false,
        None,
        Network,
        (6, 10),
        &["子ども食堂の運営状況", "学習支援", "食材の確保", "気になる子どもへのつなぎ方"],
        None,
    ),
    kind(
        "母子保健連絡会議",
        &["子ども", "保健・医療"],
        &[SHARING, POLICY],
        false,
        None,
        Policy,
        (5, 8),
        &["妊娠期からの切れ目ない支援", "乳幼児健診の未受診者対応"],
        None,
    ),
    kind(
        "{area}子育て支援ネットワーク会議",
        &["子ども"],
        &[TRAINING, SHARING],
        false,
        None,
        Network,
        (6, 10),
        &["子育てサロンの運営", "育児不安の相談", "保育所の入所状況"],
        None,
    ),
    kind(
        "生活困窮者自立支援 支援調整会議",
        &["生活困窮", "就労"],
        &[CASE],
        true,
        None,
        Case,
        (7, 11),
        &["支援プラン（案）の確認", "プランの評価", "終結の判断"],
        None,
    ),
    kind(
        "生活困窮者自立支援法 支援会議",
        &["生活困窮", "住まい"],
        &[SHARING, CASE],
        true,
        Some("生活困窮者自立支援法第9条"),
        Case,
        (7, 11),
        &["同意が得られない困窮世帯の情報共有", "滞納情報からの早期把握", "支援方針"],
        None,
    ),
    kind(
        "家計・就労支援連絡会",
        &["生活困窮", "就労"],
        &[SHARING, TRAINING],
        false,
        None,
        Network,
        (5, 8),
        &["家計改善支援の利用状況", "就労準備支援の利用者", "多重債務への対応"],
        None,
    ),
    kind(
        "自殺対策ネットワーク会議",
        &["保健・医療", "生活困窮"],
        &[TRAINING, POLICY, SHARING],
        false,
        None,
        Policy,
        (9, 14),
        &["自殺の実態把握", "ゲートキーパーの養成", "自殺対策計画の進捗管理"],
        None,
    ),
    kind(
        "精神保健福祉ネットワーク会議",
        &["保健・医療", "障害"],
        &[SHARING, TRAINING, COMMUNITY],
        false,
        None,
        Network,
        (8, 12),
        &[
            "精神障害にも対応した地域包括ケアシステム",
            "措置入院者の退院後支援",
            "自殺未遂者への支援",
        ],
        None,
    ),
    kind(
        "健康づくり推進協議会",
        &["保健・医療"],
        &[POLICY],
        false,
        None,
        Policy,
        (6, 10),
        &["健康増進計画の評価", "特定健診の受診率", "フレイル予防"],
        None,
    ),
    kind(
        "重層的支援会議",
        &["地域", "高齢", "障害", "子ども", "生活困窮"],
        &[CASE, SHARING],
        true,
        None,
        Case,
        (9, 14),
        &["支援プランの適切性の協議", "支援機関の役割分担", "8050世帯の支援", "ダブルケア"],
        None,
    ),
    kind(
        "支援会議（社会福祉法第106条の6）",
        &["地域", "高齢", "障害", "子ども", "生活困窮"],
        &[CASE, SHARING],
        true,
        Some("社会福祉法第106条の6"),
        Case,
        (9, 13),
        &["本人同意が得られない複合課題世帯", "潜在的な支援ニーズの早期把握"],
        None,
    ),
    kind(
        "地域福祉活動計画推進委員会",
        &["地域"],
        &[POLICY, COMMUNITY],
        false,
        None,
        Policy,
        (8, 12),
        &["地域福祉活動計画の進捗", "地区活動の報告"],
        None,
    ),
    kind(
        "見守りネットワーク連絡会（{area}）",
        &["地域", "高齢"],
        &[SHARING, TRAINING],
        false,
        None,
        Network,
        (6, 10),
        &["見守り協定に基づく通報の状況", "異変に気づいたときの連絡方法", "孤立死の防止"],
        None,
    ),
    kind(
        "ひきこもり支援ネットワーク会議",
        &["地域", "就労", "保健・医療"],
        &[SHARING, TRAINING, COMMUNITY],
        false,
        None,
        Network,
        (8, 12),
        &["ひきこもり状態にある人の実態把握", "居場所づくり", "家族支援", "就労に向けた支援"],
        None,
    ),
    kind(
        "権利擁護ネットワーク会議",
        &["司法", "高齢", "障害"],
        &[TRAINING, SHARING],
        false,
        None,
        Network,
        (9, 13),
        &["高齢者・障害者虐待の防止", "消費者被害の防止", "成年後見制度の利用促進"],
        None,
    ),
    kind(
        "不登校対策連絡会議",
        &["教育", "子ども"],
        &[SHARING, CASE],
        true,
        None,
        Case,
        (5, 9),
        &["不登校児童生徒の状況", "教育支援センターの利用", "家庭訪問の役割分担"],
        None,
    ),
    kind(
        "学校・福祉連携会議（{area}）",
        &["教育", "子ども"],
        &[SHARING, TRAINING],
        false,
        None,
        Network,
        (6, 10),
        &["ヤングケアラーの把握", "就学援助", "学校と福祉のつなぎ"],
        None,
    ),
    kind(
        "居住支援協議会",
        &["住まい", "生活困窮", "高齢"],
        &[COMMUNITY, SHARING],
        false,
        Some("住宅セーフティネット法第51条"),
        Network,
        (6, 10),
        &["住宅確保要配慮者の入居支援", "空き家の活用", "家賃債務保証"],
        None,
    ),
    kind(
        "就労支援ネットワーク会議",
        &["就労", "障害", "生活困窮"],
        &[SHARING, COMMUNITY],
        false,
        None,
        Network,
        (6, 10),
        &["障害者の職場定着", "就労準備支援", "協力企業の開拓"],
        None,
    ),
    kind(
        "再犯防止推進ネットワーク会議",
        &["司法", "生活困窮", "就労"],
        &[SHARING, POLICY],
        false,
        None,
        Policy,
        (6, 9),
        &["刑務所出所者の住まいと仕事", "再犯防止推進計画の進捗"],
        None,
    ),
];

/// Topics any meeting of a sector may add to its type's own.
pub(super) const SECTOR_TOPICS: &[(&str, &[&str])] = &[
    (
        "高齢",
        &[
            "認知症の人の見守り",
            "介護予防の推進",
            "独居高齢者の孤立",
            "高齢者虐待への対応",
            "介護人材の確保",
            "在宅療養の支援",
        ],
    ),
    (
        "障害",
        &[
            "医療的ケア児の支援体制",
            "発達障害の早期支援",
            "障害者の地域生活",
            "グループホームの整備",
            "障害者の就労定着",
            "強度行動障害への対応",
        ],
    ),
    (
        "子ども",
        &[
            "児童虐待の予防",
            "子どもの貧困",
            "ヤングケアラーへの支援",
            "不登校の子どもの居場所",
            "ひとり親家庭の支援",
            "発達の遅れが気になる子ども",
        ],
    ),
    (
        "生活困窮",
        &[
            "家計の立て直し",
            "住まいを失うおそれのある世帯",
            "就労に向けた支援",
            "滞納世帯の早期把握",
            "食料支援",
            "多重債務の整理",
        ],
    ),
    (
        "保健・医療",
        &[
            "精神保健の相談",
            "自殺未遂者への支援",
            "アルコール依存への対応",
            "在宅医療の推進",
            "健診の未受診者",
            "感染症への備え",
        ],
    ),
    (
        "地域",
        &[
            "地域の困りごとの共有",
            "サロン活動の支援",
            "担い手の確保",
            "災害時の要援護者",
            "8050世帯の把握",
            "孤立の防止",
        ],
    ),
    (
        "教育",
        &[
            "不登校の未然防止",
            "学習支援の場",
            "就学前後の移行支援",
            "いじめへの対応",
            "ヤングケアラーの把握",
        ],
    ),
    ("住まい", &["空き家の活用", "住まいの確保", "家賃滞納への対応", "入居支援"]),
    ("就労", &["就労準備支援", "職場定着の支援", "若年無業者の就労", "協力企業の開拓"]),
    ("司法", &["消費者被害の防止", "成年後見制度の利用促進", "再犯防止", "DV被害者の支援"]),
];

/// Spellings a typist may use instead of another, for perturbing near-duplicates.
pub(super) const SPELLING_VARIANTS: &[(&str, &str)] = &[
    ("ひきこもり", "引きこもり"),
    ("子ども食堂", "こども食堂"),
    ("自殺", "自死"),
    ("就労", "就職"),
    ("支援方針", "援助方針"),
    ("ACP", "ＡＣＰ"),
    ("8050", "８０５０"),
    ("DV", "ＤＶ"),
    ("居場所", "通いの場"),
    ("買物支援", "買い物支援"),
];

/// (spelling, sessions per year) for each cadence; `None` is a bare 随時.
pub(super) fn frequencies(cadence: Cadence) -> &'static [(&'static str, Option<u32>)] {
    match cadence {
        Case => &[
            ("月1回", Some(12)),
            ("毎月", Some(12)),
            ("月2回", Some(24)),
            ("隔月", Some(6)),
            ("随時(年{n}回)", Some(0)),
            ("随時", None),
            ("週1回", Some(52)),
        ],
        Network => &[
            ("年4回", Some(4)),
            ("四半期", Some(4)),
            ("年3回", Some(3)),
            ("隔月", Some(6)),
            ("年2回", Some(2)),
            ("月1回", Some(12)),
        ],
        Policy => &[("年1回", Some(1)), ("年2回", Some(2)), ("年3回", Some(3)), ("半年", Some(2))],
    }
}

pub(super) const DURATIONS: &[&str] =
    &["90分", "1時間30分", "1.5時間", "2時間", "120分", "60", "1時間", "45分", "2h", "100分"];

/// Subjects of a meeting's own, combined with a district name (none names a concept of
/// the topic lexicon, so they stay distinct terms).
pub(super) const LOCAL_SUBJECTS: &[&str] = &[
    "事例報告",
    "活動報告",
    "取組状況",
    "課題整理",
    "連携方法",
    "情報交換会",
    "振り返り",
    "ケース共有",
    "モデル事業",
    "実施状況",
];

/// Every function, as inventories spell them.
pub(super) const FUNCTIONS: &[&str] = &[CASE, TRAINING, COMMUNITY, POLICY, SHARING];
