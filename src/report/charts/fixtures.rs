//! Labels the chart tests draw, in Japanese and English, so one test can check that the
//! font covers every Japanese one.

/// Agency names as a municipality writes them.
pub(super) const AGENCIES_JA: [&str; 6] = [
    "福祉課",
    "社会福祉協議会",
    "地域包括支援センター",
    "子ども家庭支援課（要保護児童対策地域協議会事務局）",
    "保健センター",
    "民生委員・児童委員協議会",
];

/// The same in English.
pub(super) const AGENCIES_EN: [&str; 6] = [
    "Welfare Division",
    "Council of Social Welfare",
    "Community General Support Center",
    "Child and Family Support Division (secretariat of the child protection council)",
    "Health Center",
    "Council of Welfare Volunteers",
];

/// Sectors, for network groups.
pub(super) const SECTORS_JA: [&str; 3] = ["行政", "地域", "医療"];

/// Titles, axis labels, legends and captions the tests draw in Japanese.
pub(super) const OTHER_JA: [&str; 14] = [
    "機関別の年間会議時間",
    "時間 / 年",
    "再編前後の会議時間",
    "再編前",
    "再編後",
    "会議時間の集中度（ローレンツ曲線）",
    "上位20%の機関が会議時間の55%を占める",
    "会議間の参加者の重なり",
    "重なり（ジャカード係数）",
    "機関のつながり",
    "分野",
    "個別",
    "地域・ネットワーク",
    "施策",
];

/// Every Japanese text the tests draw.
pub(super) fn all_japanese() -> impl Iterator<Item = &'static str> {
    AGENCIES_JA.into_iter().chain(SECTORS_JA).chain(OTHER_JA)
}

/// `AGENCIES_JA` as owned strings.
pub(super) fn agencies_ja() -> Vec<String> {
    AGENCIES_JA.iter().map(|s| s.to_string()).collect()
}

/// `AGENCIES_EN` as owned strings.
pub(super) fn agencies_en() -> Vec<String> {
    AGENCIES_EN.iter().map(|s| s.to_string()).collect()
}
