//! The frequency and duration grammars: how often a meeting sits and how long.
//!
//! Inventories copy these from minutes, 設置要綱 and plans, so they arrive hedged (概ね月1回,
//! 約90分, 年1回以上), as ranges (年2～3回, 60～90分), restated (月1回（年12回）), as month
//! lists (年2回（6月・2月）), as a weekday (毎月第2火曜日), as a clock range (14:00～15:30)
//! or as an ad hoc word (随時, 必要に応じて, 案件発生時). Every form is listed in
//! `docs/input-format.md` and the README, and `tests/fixtures/grammar/wordings.tsv` holds
//! the wordings collected from public municipal documents.
//!
//! A value that is not exact comes back flagged as an estimate (`estimated`): every ad
//! hoc count, a range (its midpoint), a hedge other than 原則 ("as a rule"), and 半日 /
//! 1日 (an assumed length). Reports mark such values 推定 / est.

use crate::input::text::kanji_digits;
use crate::model::Frequency;
use regex::Regex;
use std::sync::LazyLock;

/// Why a frequency or duration could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GrammarError {
    /// Nothing written.
    #[error("the cell is empty")]
    Empty,
    /// Not one of the known forms.
    #[error("could not read '{unread}'; nearest accepted forms: {}", nearest.join(", "))]
    Unknown {
        /// The part of the cell kaigi could not read (the whole cell when every word is
        /// known but their order is not one of the forms).
        unread: String,
        /// The accepted forms that look most like the cell, nearest first.
        nearest: Vec<String>,
    },
    /// Zero, negative or not finite.
    #[error("the value must be more than 0")]
    NotPositive,
}

/// Minutes per session as read from a duration cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Minutes {
    /// Minutes per session (for a range, its midpoint).
    pub minutes: f64,
    /// True for a range, a hedge (約, 程度, 前後, 以上, 以下) or 半日 / 1日.
    pub estimated: bool,
}

/// Minutes assumed for 半日 (a half-day session): three hours.
pub const HALF_DAY_MINUTES: f64 = 180.0;
/// Minutes assumed for 1日 / 終日 (a whole-day session): six hours of sitting.
pub const WHOLE_DAY_MINUTES: f64 = 360.0;

const NUM: &str = r"\d+(?:\.\d+)?";

/// NFKC, lower case, no whitespace; every range dash (～ 〜 ~ － - ‐ – — ∼ から) becomes
/// `~`. A leading `-` stays a minus sign so that `-3` reads as a negative number.
fn compact(cell: &str) -> String {
    let nfkc = crate::model::nfkc(cell).to_lowercase();
    let squeezed: String = nfkc.chars().filter(|c| !c.is_whitespace()).collect();
    let squeezed = squeezed.replace("から", "~");
    let chars: Vec<char> = squeezed.chars().collect();
    let mut out = String::with_capacity(squeezed.len());
    for (i, &c) in chars.iter().enumerate() {
        let dash = matches!(c, '〜' | '∼' | '‐' | '‑' | '–' | '—' | '―' | '−' | '~')
            || (c == '-' && i > 0)
            || (c == 'ー'
                && i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit));
        out.push(if dash { '~' } else { c });
    }
    out
}

fn number(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

fn positive(value: f64) -> Result<f64, GrammarError> {
    if value > 0.0 && value.is_finite() { Ok(value) } else { Err(GrammarError::NotPositive) }
}

/// Hedges that make a value approximate, written before the value.
const ESTIMATE_PREFIXES: &[&str] = &[
    "おおむね",
    "概ね",
    "大体",
    "だいたい",
    "およそ",
    "凡そ",
    "ほぼ",
    "約",
    "approximately",
    "approx.",
    "approx",
    "about",
    "around",
    "roughly",
    "atleast",
    "upto",
];
/// Words before the value that state a rule, not an approximation.
const RULE_PREFIXES: &[&str] =
    &["原則として", "原則", "基本的に", "基本", "通常", "定例で", "定期的に", "定期"];
/// Hedges that make a value approximate, written after the value.
const ESTIMATE_SUFFIXES: &[&str] = &[
    "程度",
    "くらい",
    "ぐらい",
    "位",
    "ほど",
    "程",
    "前後",
    "以上",
    "以下",
    "以内",
    "余り",
    "強",
    "弱",
    "ormore",
    "orless",
    "approx.",
    "approx",
];
/// Words after the value that add nothing to it.
const NEUTRAL_SUFFIXES: &[&str] = &["の開催", "開催", "実施", "行う", "予定", "ずつ", "まで"];

/// Strips hedges around a value; the flag says whether one of them made it approximate.
fn strip_hedges(text: &str) -> (String, bool) {
    let mut core = text.to_string();
    let mut estimated = false;
    loop {
        let before = core.len();
        for suffix in NEUTRAL_SUFFIXES {
            if core.len() > suffix.len() && core.ends_with(suffix) {
                core.truncate(core.len() - suffix.len());
            }
        }
        for suffix in ESTIMATE_SUFFIXES {
            if core.len() > suffix.len() && core.ends_with(suffix) {
                core.truncate(core.len() - suffix.len());
                estimated = true;
            }
        }
        for prefix in ESTIMATE_PREFIXES {
            if core.len() > prefix.len() && core.starts_with(prefix) {
                core.drain(..prefix.len());
                estimated = true;
            }
        }
        for prefix in RULE_PREFIXES {
            if core.len() > prefix.len() && core.starts_with(prefix) {
                core.drain(..prefix.len());
            }
        }
        if core.len() == before {
            return (core, estimated);
        }
    }
}

/// Splits `main(paren)(paren)` into the text outside brackets and each bracket's
/// content; `None` when brackets are unbalanced or nested.
fn split_parts(text: &str) -> Option<(String, Vec<String>)> {
    let mut main = String::new();
    let mut parens = Vec::new();
    let mut current: Option<String> = None;
    for c in text.chars() {
        match (c, current.as_mut()) {
            ('(' | '[' | '【' | '〔', None) => current = Some(String::new()),
            ('(' | '[' | '【' | '〔', Some(_)) => return None,
            (')' | ']' | '】' | '〕', Some(_)) => parens.push(current.take().unwrap_or_default()),
            (')' | ']' | '】' | '〕', None) => return None,
            (_, Some(inner)) => inner.push(c),
            (_, None) => main.push(c),
        }
    }
    current.is_none().then_some((main, parens))
}

/// Words meaning "held when needed", longest first so that 必要に応じて wins over 必要.
const AD_HOC_WORDS: &[&str] = &[
    "適時必要に応じて",
    "随時必要に応じて",
    "必要に応じて随時",
    "必要があるとき",
    "必要がある時",
    "必要に応じて",
    "要請に応じて",
    "案件発生時",
    "事案発生時",
    "事例発生時",
    "ケース発生時",
    "必要に応じ",
    "必要の都度",
    "必要な都度",
    "その都度",
    "随時対応",
    "不定期",
    "必要時",
    "発生時",
    "要請時",
    "依頼時",
    "随時",
    "適宜",
    "適時",
    "都度",
    "臨時",
    "whenneeded",
    "asrequired",
    "irregularly",
    "irregular",
    "asneeded",
    "ondemand",
    "adhoc",
];

/// Whether the text is made only of ad hoc words (随時, 必要に応じて, …).
fn is_ad_hoc(text: &str) -> bool {
    let mut rest = text;
    let mut stripped = false;
    'outer: while !rest.is_empty() {
        for word in AD_HOC_WORDS {
            if let Some(tail) = rest.strip_prefix(word) {
                rest = tail.trim_start_matches(['・', '、', ',', '/']);
                stripped = true;
                continue 'outer;
            }
        }
        return false;
    }
    stripped
}

/// One part of a frequency cell (the text outside brackets, or one bracket).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    Empty,
    AdHoc,
    /// A count: sessions, estimated, and whether it was written per year (年N回 or a
    /// plain number), which is the most precise restatement.
    Count(f64, bool, bool),
    /// A list of months (6月・2月): sessions, one per month named.
    Months(f64),
    /// Months left out (8月除く, 8月・12月休会): how many.
    Except(f64),
    Unknown,
}

fn read_frequency_part(text: &str) -> Part {
    let (core, hedged) = strip_hedges(text);
    if core.is_empty() {
        return if text.is_empty() { Part::Empty } else { Part::Unknown };
    }
    if is_ad_hoc(&core) {
        return Part::AdHoc;
    }
    if let Some((sessions, estimated, annual)) = regular_sessions(&core) {
        return Part::Count(sessions, estimated || hedged, annual);
    }
    if MONTH_LIST.is_match(&core) {
        return Part::Months(month_count(&core));
    }
    if let Some(caps) = MONTHS_EXCEPT.captures(&core) {
        return Part::Except(month_count(&caps["months"]));
    }
    Part::Unknown
}

/// Distinct months named in `6月・2月`.
fn month_count(text: &str) -> f64 {
    let mut months: Vec<&str> = text.split(['・', '、', ',', 'と']).collect();
    months.sort_unstable();
    months.dedup();
    months.len() as f64
}

static MONTHS_EXCEPT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<months>\d{1,2}月(?:[・、,と]\d{1,2}月)*)(?:を|は)?(?:除く|除き|休会|休み|なし)$",
    )
    .expect("regex")
});

static MONTH_LIST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}月(?:[・、,と]\d{1,2}月)*$").expect("regex"));
static PLAIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^[+-]?{NUM}$")).expect("regex"));
static PLAIN_RANGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?P<a>{NUM})~(?P<b>{NUM})$")).expect("regex"));
static PER_PERIOD_JA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<pre>毎|各|隔)?(?P<unit>年|月|週)(?:間|に|あたり|当たり)?(?P<a>{NUM})(?:回|度)?(?:~(?P<b>{NUM}))?(?:回|度)?$"
    ))
    .expect("regex")
});
static PER_PERIOD_EN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<a>{NUM})(?:~(?P<b>{NUM}))?(?:x|times|回)?(?:/|per|a|an|each|every)(?P<unit>year|yr|month|week)$"
    ))
    .expect("regex")
});
static EVERY_N: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<a>{NUM})(?:~(?P<b>{NUM}))?(?P<unit>か月|ヶ月|ケ月|カ月|箇月|ヵ月|ヶ月|年|週間|週)(?:(?:に|毎に|ごとに|ごと|毎)1?(?:回|度)?|1?(?:回|度))$"
    ))
    .expect("regex")
});
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<every>毎月|毎週|隔週)?(?P<nth>第\d(?:[・,、と及]第?\d)*)?(?P<days>[月火水木金土日](?:[・,、と][月火水木金土日])*)(?:曜日|曜)(?:の?(?:午前|午後|夜間|夕方|夜))?$",
    )
    .expect("regex")
});

/// The value of `a` or, with `b`, the midpoint of `a`–`b` (flagged as an estimate).
fn value_or_midpoint(a: &str, b: Option<&str>) -> Option<(f64, bool)> {
    let a = number(a)?;
    match b {
        Some(b) => Some(((a + number(b)?) / 2.0, true)),
        None => Some((a, false)),
    }
}

/// Sessions per year for a regular (non-ad-hoc) frequency written compactly, with
/// whether it is an estimate (a range) and whether it was written per year.
fn regular_sessions(text: &str) -> Option<(f64, bool, bool)> {
    let named = match text {
        "毎週" | "週1回" | "weekly" | "everyweek" | "onceaweek" => Some(52.0),
        "隔週" | "biweekly" | "fortnightly" | "everytwoweeks" => Some(26.0),
        "毎月" | "月例" | "monthly" | "everymonth" | "onceamonth" => Some(12.0),
        "隔月" | "奇数月" | "偶数月" | "bimonthly" | "everytwomonths" => Some(6.0),
        "四半期" | "四半期ごと" | "四半期毎" | "四半期に1回" | "quarterly" | "everyquarter" => {
            Some(4.0)
        }
        "半年" | "半期" | "半年ごと" | "半年毎" | "半年に1回" | "半期に1回" | "semiannual"
        | "semi-annual" | "semiannually" | "half-yearly" | "halfyearly" | "twiceayear" => Some(2.0),
        "毎年" | "年次" | "annual" | "annually" | "yearly" | "onceayear" => Some(1.0),
        _ => None,
    };
    if let Some(sessions) = named {
        return Some((sessions, false, false));
    }
    // Kanji numerals only after the named forms, so 四半期 is not read as "4半期".
    let converted = kanji_digits(text);
    let text = converted.as_str();
    if PLAIN.is_match(text) {
        return Some((number(text)?, false, true));
    }
    if let Some(caps) = PLAIN_RANGE.captures(text) {
        let (n, estimated) = value_or_midpoint(&caps["a"], caps.name("b").map(|m| m.as_str()))?;
        return Some((n, estimated, true));
    }
    if let Some(caps) = PER_PERIOD_JA.captures(text) {
        let (n, estimated) = value_or_midpoint(&caps["a"], caps.name("b").map(|m| m.as_str()))?;
        let every_other = caps.name("pre").is_some_and(|p| p.as_str() == "隔");
        let per_year = match (&caps["unit"], every_other) {
            ("年", _) => 1.0,
            ("月", false) => 12.0,
            ("月", true) => 6.0,
            (_, false) => 52.0,
            (_, true) => 26.0,
        };
        return Some((n * per_year, estimated, &caps["unit"] == "年"));
    }
    if let Some(caps) = PER_PERIOD_EN.captures(text) {
        let (n, estimated) = value_or_midpoint(&caps["a"], caps.name("b").map(|m| m.as_str()))?;
        let per_year = match &caps["unit"] {
            "year" | "yr" => 1.0,
            "month" => 12.0,
            _ => 52.0,
        };
        return Some((n * per_year, estimated, per_year == 1.0));
    }
    if let Some(caps) = EVERY_N.captures(text) {
        let (n, estimated) = value_or_midpoint(&caps["a"], caps.name("b").map(|m| m.as_str()))?;
        if n <= 0.0 {
            return Some((0.0, estimated, false));
        }
        let sessions = match &caps["unit"] {
            "年" => 1.0 / n,
            "週間" | "週" => 52.0 / n,
            _ => 12.0 / n,
        };
        return Some((sessions, estimated, false));
    }
    if let Some(caps) = WEEKDAY.captures(text) {
        let days = caps["days"].chars().filter(|c| "月火水木金土日".contains(*c)).count() as f64;
        let nths =
            caps.name("nth").map_or(0, |m| m.as_str().chars().filter(char::is_ascii_digit).count())
                as f64;
        let sessions = match (caps.name("every").map(|m| m.as_str()), nths > 0.0) {
            (Some("毎週"), false) => 52.0 * days,
            (Some("隔週"), false) => 26.0 * days,
            (Some("毎月") | None, true) => 12.0 * nths * days,
            _ => return None,
        };
        return Some((sessions, false, false));
    }
    // A range of whole forms, 1ヶ月に1回~3ヶ月に1回: the midpoint, an estimate. One dash
    // only: 2024-01-02 is a date, not a range.
    if let Some((low, high)) = text.split_once('~').filter(|(_, high)| !high.contains('~')) {
        let (low, _, low_annual) = regular_sessions(low)?;
        let (high, _, high_annual) = regular_sessions(high)?;
        return Some(((low + high) / 2.0, true, low_annual && high_annual));
    }
    None
}

/// Reads a frequency cell as sessions per year.
///
/// `adhoc_default` is the estimate used for a bare 随時 / `ad hoc`; such values, and
/// `随時(年6回)`, come back flagged as ad hoc and estimated.
///
/// ```
/// use kaigi::input::parse_frequency;
/// assert_eq!(parse_frequency("月2回", 12.0).unwrap().sessions_per_year, 24.0);
/// assert_eq!(parse_frequency("四半期", 12.0).unwrap().sessions_per_year, 4.0);
/// let ad_hoc = parse_frequency("随時(年6回)", 12.0).unwrap();
/// assert!(ad_hoc.ad_hoc && ad_hoc.estimated && ad_hoc.sessions_per_year == 6.0);
/// assert_eq!(parse_frequency("ad hoc", 10.0).unwrap().sessions_per_year, 10.0);
/// let range = parse_frequency("年2～3回", 12.0).unwrap();
/// assert!(range.estimated && range.sessions_per_year == 2.5);
/// assert_eq!(parse_frequency("毎月第2火曜日", 12.0).unwrap().sessions_per_year, 12.0);
/// assert!(parse_frequency("そのうち", 12.0).is_err());
/// ```
pub fn parse_frequency(cell: &str, adhoc_default: f64) -> Result<Frequency, GrammarError> {
    let text = compact(cell);
    if text.is_empty() {
        return Err(GrammarError::Empty);
    }
    let unknown = || unknown(&text, FREQUENCY_EXAMPLES);
    let (main, parens) = split_parts(&text).ok_or_else(unknown)?;
    let mut parts: Vec<Part> = std::iter::once(read_frequency_part(&main))
        .chain(parens.iter().map(|p| read_frequency_part(p)))
        .filter(|part| *part != Part::Empty)
        .collect();
    if parts.is_empty() || parts.contains(&Part::Unknown) {
        return Err(unknown());
    }
    let first = parts.remove(0);
    let counted = parts.iter().find_map(|part| match part {
        Part::Count(n, estimated, annual) => Some((*n, *estimated, *annual)),
        _ => None,
    });
    match first {
        Part::AdHoc => {
            let sessions = counted.map_or(adhoc_default, |(n, _, _)| n);
            positive(sessions).map(Frequency::ad_hoc)
        }
        Part::Count(n, estimated, annual) => {
            // A restatement written per year (月1回（年10回）) is the more precise count.
            // A hedge on either part (概ね月1回（年12回）) makes the count an estimate.
            let (n, estimated) = match counted {
                Some((m, restated_estimate, true)) if !annual => {
                    (m, restated_estimate || estimated)
                }
                Some((_, restated_estimate, _)) => (n, estimated || restated_estimate),
                None => (n, estimated),
            };
            // 月1回（8月除く）: the months left out, unless a count per year was written.
            let left_out: f64 =
                parts.iter().map(|part| if let Part::Except(k) = part { *k } else { 0.0 }).sum();
            let n = if annual || counted.is_some_and(|(_, _, a)| a) || n < 12.0 {
                n
            } else {
                n - left_out * n / 12.0
            };
            let sessions = positive(n)?;
            Ok(if parts.contains(&Part::AdHoc) {
                Frequency::ad_hoc(sessions)
            } else if estimated {
                Frequency::about(sessions)
            } else {
                Frequency::per_year(sessions)
            })
        }
        Part::Months(n) => positive(n).map(Frequency::per_year),
        Part::Except(_) | Part::Empty | Part::Unknown => Err(unknown()),
    }
}

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?P<h>{NUM})(?:時間|h|hr|hrs|hour|hours)(?P<half>半)?)?(?:(?P<m>{NUM})(?:分間|分|m|min|mins|minute|minutes)?)?$"
    ))
    .expect("regex")
});
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<pre>午前|午後|am|pm)?(?P<h>\d{1,2})(?::(?P<m>\d{2})|時(?:(?P<m2>\d{1,2})分|(?P<half>半))?)(?P<post>am|pm)?$",
    )
    .expect("regex")
});

/// A clock time as minutes after midnight, and whether 午後/pm was written.
fn clock(text: &str) -> Option<(f64, Option<bool>)> {
    let caps = CLOCK.captures(text)?;
    let hours = number(&caps["h"])?;
    let minutes = match (caps.name("m").or(caps.name("m2")), caps.name("half")) {
        (Some(m), _) => number(m.as_str())?,
        (None, Some(_)) => 30.0,
        (None, None) => 0.0,
    };
    if hours > 24.0 || minutes >= 60.0 {
        return None;
    }
    let marker =
        caps.name("pre").or(caps.name("post")).map(|m| matches!(m.as_str(), "午後" | "pm"));
    let hours = if marker == Some(true) && hours < 12.0 { hours + 12.0 } else { hours };
    Some((hours * 60.0 + minutes, marker))
}

/// Minutes between two clock times written as `14:00~15:30` or `午後7時~8時50分`.
fn clock_range(start: &str, end: &str) -> Option<f64> {
    let (from, from_marker) = clock(start)?;
    let (mut to, to_marker) = clock(end)?;
    // 午後7時~8時50分: the end shares the start's afternoon.
    if to_marker.is_none() && from_marker == Some(true) && to < 12.0 * 60.0 {
        to += 12.0 * 60.0;
    }
    if to <= from && to + 12.0 * 60.0 > from {
        to += 12.0 * 60.0;
    }
    Some(to - from)
}

/// Minutes for one duration without a range; `None` when not a duration.
fn single_duration(text: &str) -> Option<f64> {
    let text = kanji_digits(text);
    if PLAIN.is_match(&text) {
        return number(&text);
    }
    let caps = DURATION.captures(&text)?;
    let hours = caps.name("h").and_then(|m| number(m.as_str()));
    let minutes = caps.name("m").and_then(|m| number(m.as_str()));
    if hours.is_none() && minutes.is_none() {
        return None;
    }
    let half = if caps.name("half").is_some() { 30.0 } else { 0.0 };
    Some(hours.unwrap_or(0.0) * 60.0 + half + minutes.unwrap_or(0.0))
}

/// The unit a duration ends with, so that `60~90分` and `1~2時間` lend it to the bare
/// number before the dash.
fn unit_suffix(text: &str) -> &'static str {
    const HOURS: &[&str] = &["時間", "hours", "hour", "hrs", "hr", "h"];
    if HOURS.iter().any(|u| text.ends_with(u)) { "時間" } else { "分" }
}

/// Words before a length that say "per session".
const PER_SESSION: &[&str] = &["1回あたり", "1回当たり", "1回につき", "毎回", "各回", "1回"];

fn read_duration_part(text: &str) -> Option<Minutes> {
    let text = kanji_digits(text);
    let text = PER_SESSION
        .iter()
        .find_map(|prefix| text.strip_prefix(prefix).filter(|rest| !rest.is_empty()))
        .unwrap_or(&text);
    let (core, hedged) = strip_hedges(text);
    let core = kanji_digits(&core);
    if core.is_empty() {
        return None;
    }
    match core.as_str() {
        "半日" => return Some(Minutes { minutes: HALF_DAY_MINUTES, estimated: true }),
        "1日" | "終日" => return Some(Minutes { minutes: WHOLE_DAY_MINUTES, estimated: true }),
        _ => {}
    }
    if core.matches('~').count() > 1 {
        return None; // 2024-01-02 is a date, not a range
    }
    if let Some((start, end)) = core.split_once('~') {
        let (start, start_hedged) = strip_hedges(start);
        let (end, end_hedged) = strip_hedges(end);
        if let Some(minutes) = clock_range(&start, &end) {
            return Some(Minutes { minutes, estimated: hedged || start_hedged || end_hedged });
        }
        let from = if PLAIN.is_match(&start) {
            single_duration(&format!("{start}{}", unit_suffix(&end)))?
        } else {
            single_duration(&start)?
        };
        let to = single_duration(&end)?;
        return Some(Minutes { minutes: (from + to) / 2.0, estimated: true });
    }
    single_duration(&core).map(|minutes| Minutes { minutes, estimated: hedged })
}

/// Reads a duration cell as minutes per session.
///
/// A parenthesised note after a readable duration (`90分（休憩含む）`) is left aside; a
/// range gives its midpoint and a hedge an estimate.
///
/// ```
/// use kaigi::input::parse_duration;
/// assert_eq!(parse_duration("1時間30分").unwrap().minutes, 90.0);
/// assert_eq!(parse_duration("1.5時間").unwrap().minutes, 90.0);
/// assert_eq!(parse_duration("2h").unwrap().minutes, 120.0);
/// assert_eq!(parse_duration("90min").unwrap().minutes, 90.0);
/// assert_eq!(parse_duration("45").unwrap().minutes, 45.0);
/// let range = parse_duration("60～90分").unwrap();
/// assert!(range.estimated && range.minutes == 75.0);
/// assert_eq!(parse_duration("14:00～15:30").unwrap().minutes, 90.0);
/// assert!(parse_duration("0分").is_err());
/// ```
pub fn parse_duration(cell: &str) -> Result<Minutes, GrammarError> {
    let text = compact(cell);
    if text.is_empty() {
        return Err(GrammarError::Empty);
    }
    let unknown = || unknown(&text, DURATION_EXAMPLES);
    let (main, parens) = split_parts(&text).ok_or_else(unknown)?;
    let read = if main.is_empty() {
        parens.first().and_then(|p| read_duration_part(p))
    } else {
        read_duration_part(&main)
    };
    let read = read.ok_or_else(unknown)?;
    positive(read.minutes).map(|minutes| Minutes { minutes, ..read })
}

/// Forms shown as the nearest accepted ones when a frequency cannot be read.
const FREQUENCY_EXAMPLES: &[&str] = &[
    "月1回",
    "月2回",
    "年4回",
    "週1回",
    "隔月",
    "四半期",
    "毎月第2火曜日",
    "年2～3回",
    "月1～2回",
    "概ね月1回",
    "年1回以上",
    "月1回（年12回）",
    "年2回（6月・2月）",
    "3か月に1回",
    "随時(年6回)",
    "必要に応じて",
    "monthly",
    "6/year",
    "ad hoc (6/year)",
];

/// Forms shown as the nearest accepted ones when a duration cannot be read.
const DURATION_EXAMPLES: &[&str] = &[
    "90分",
    "1時間30分",
    "1.5時間",
    "約90分",
    "60～90分",
    "30分～1時間",
    "半日",
    "14:00～15:30",
    "90min",
    "1h30m",
];

/// Everything the grammars know, to find the part of a cell that is not one of them.
const LEXICON: &[&str] = &[
    "時間",
    "分間",
    "か月",
    "ヶ月",
    "ケ月",
    "カ月",
    "箇月",
    "ヵ月",
    "ヶ月",
    "週間",
    "四半期",
    "半期",
    "半年",
    "半日",
    "終日",
    "曜日",
    "午前",
    "午後",
    "夜間",
    "夕方",
    "ごとに",
    "ごと",
    "毎に",
    "あたり",
    "当たり",
    "及び",
    "年に",
    "月に",
    "週に",
    "年間",
    "の午前",
    "の午後",
    "と第",
    "年",
    "月",
    "週",
    "日",
    "回",
    "度",
    "時",
    "分",
    "毎",
    "隔",
    "各",
    "第",
    "曜",
    "火",
    "水",
    "木",
    "金",
    "土",
    "半",
    "weekly",
    "biweekly",
    "fortnightly",
    "monthly",
    "bimonthly",
    "quarterly",
    "semiannually",
    "semiannual",
    "annually",
    "annual",
    "yearly",
    "year",
    "month",
    "week",
    "times",
    "per",
    "every",
    "each",
    "once",
    "twice",
    "minutes",
    "minute",
    "mins",
    "min",
    "hours",
    "hour",
    "hrs",
    "hr",
    "h",
    "m",
    "x",
    "a",
    "an",
];

fn is_punctuation(c: char) -> bool {
    c.is_ascii_digit() || "~()[]【】〔〕・、,./:+-".contains(c)
}

/// The runs of a cell that no word of the grammars covers, joined by `…`.
fn unread_part(text: &str) -> String {
    let words: Vec<&str> = LEXICON
        .iter()
        .chain(ESTIMATE_PREFIXES)
        .chain(RULE_PREFIXES)
        .chain(ESTIMATE_SUFFIXES)
        .chain(NEUTRAL_SUFFIXES)
        .chain(AD_HOC_WORDS)
        .copied()
        .collect();
    let text = kanji_digits(text);
    let mut runs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        // A run of ASCII letters is one English word (or words run together, as spaces
        // are gone): known only if it splits wholly into known words, else quoted whole,
        // so `sometimes` is not cut into "so…e" around the m and "times" it contains.
        if c.is_ascii_alphabetic() {
            let end = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
            let (run, tail) = rest.split_at(end);
            if splits_into_words(run, &words) {
                if !current.is_empty() {
                    runs.push(std::mem::take(&mut current));
                }
            } else {
                current.push_str(run);
            }
            rest = tail;
            continue;
        }
        let known = words.iter().filter(|w| rest.starts_with(**w)).map(|w| w.len()).max();
        let step = match known {
            Some(len) => len,
            None if is_punctuation(c) => c.len_utf8(),
            None => {
                current.push(c);
                rest = &rest[c.len_utf8()..];
                continue;
            }
        };
        if !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
        rest = &rest[step..];
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs.join("…")
}

/// Whether an ASCII run is made only of known words (`timesayear` = times a year).
fn splits_into_words(run: &str, words: &[&str]) -> bool {
    // reachable[i]: the first i bytes split into known words.
    let mut reachable = vec![false; run.len() + 1];
    reachable[0] = true;
    for i in 0..run.len() {
        if reachable[i] {
            for word in words.iter().filter(|w| w.is_ascii() && run[i..].starts_with(**w)) {
                reachable[i + word.len()] = true;
            }
        }
    }
    reachable[run.len()]
}

fn bigrams(text: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = text.chars().map(|c| if c.is_ascii_digit() { '0' } else { c }).collect();
    let mut grams: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    grams.extend(chars.iter().map(|&c| (c, ' ')));
    grams.sort_unstable();
    grams
}

/// Dice coefficient of character unigrams and bigrams, digits all alike.
fn likeness(a: &str, b: &str) -> f64 {
    let (x, y) = (bigrams(a), bigrams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (x.len() + y.len()) as f64
}

fn unknown(text: &str, examples: &[&str]) -> GrammarError {
    let mut unread = unread_part(text);
    if unread.is_empty() {
        unread = text.to_string();
    }
    let mut scored: Vec<(f64, usize)> = examples
        .iter()
        .enumerate()
        .map(|(i, example)| (likeness(text, &compact(example)), i))
        .collect();
    // Best first; equal scores keep the list's order, so the message never varies.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let nearest = scored.iter().take(3).map(|&(_, i)| examples[i].to_string()).collect();
    GrammarError::Unknown { unread, nearest }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sessions(cell: &str) -> f64 {
        parse_frequency(cell, 12.0).unwrap_or_else(|e| panic!("{cell}: {e}")).sessions_per_year
    }

    fn minutes(cell: &str) -> f64 {
        parse_duration(cell).unwrap_or_else(|e| panic!("{cell}: {e}")).minutes
    }

    #[test]
    fn every_documented_japanese_frequency() {
        for (cell, expected) in [
            ("毎週", 52.0),
            ("週1回", 52.0),
            ("週２回", 104.0),
            ("毎月", 12.0),
            ("月1回", 12.0),
            ("月２回", 24.0),
            ("月二回", 24.0),
            ("隔月", 6.0),
            ("四半期", 4.0),
            ("年4回", 4.0),
            ("年 ４ 回", 4.0),
            ("年十二回", 12.0),
            ("年四回", 4.0),
            ("半年", 2.0),
            ("年2回", 2.0),
            ("年1回", 1.0),
            ("3か月に1回", 4.0),
            ("2年に1回", 0.5),
            ("年6回程度", 6.0),
            ("毎月1回", 12.0),
            ("毎月2回", 24.0),
            ("隔月1回", 6.0),
            ("隔週1回", 26.0),
            ("月に1回", 12.0),
            ("年に2回", 2.0),
            ("年間12回", 12.0),
            ("月1", 12.0),
            ("4か月に1度", 3.0),
            ("毎月第2火曜日", 12.0),
            ("第2・第4水曜日", 24.0),
            ("毎週火曜日", 52.0),
            ("6月・2月", 2.0),
        ] {
            assert_eq!(sessions(cell), expected, "{cell}");
        }
    }

    #[test]
    fn hedges_ranges_and_restatements() {
        for (cell, expected, estimated) in [
            ("概ね月1回", 12.0, true),
            ("原則月1回", 12.0, false),
            ("原則として月1回", 12.0, false),
            ("年1回以上", 1.0, true),
            ("年2～3回", 2.5, true),
            ("年3〜4回", 3.5, true),
            ("月1~2回", 18.0, true),
            ("年2回－3回", 2.5, true),
            ("月1回（年12回）", 12.0, false),
            ("年12回（月1回）", 12.0, false),
            ("月1回（年10回）", 10.0, false),
            ("概ね月1回（年12回）", 12.0, true),
            ("月1回（8月除く）", 11.0, false),
            ("月1回(8月・12月は休会)", 10.0, false),
            ("年11回（8月除く）", 11.0, false),
            ("奇数月", 6.0, false),
            ("月1回（年12回程度）", 12.0, true),
            ("年2回（6月・2月）", 2.0, false),
            ("年3回(4か月に1度)開催", 3.0, false),
            ("月1回程度", 12.0, true),
            ("毎月第3火曜日の午後", 12.0, false),
        ] {
            let f = parse_frequency(cell, 12.0).unwrap_or_else(|e| panic!("{cell}: {e}"));
            assert_eq!(
                (f.sessions_per_year, f.estimated, f.ad_hoc),
                (expected, estimated, false),
                "{cell}"
            );
        }
    }

    #[test]
    fn every_documented_english_frequency() {
        for (cell, expected) in [
            ("weekly", 52.0),
            ("Monthly", 12.0),
            ("bimonthly", 6.0),
            ("quarterly", 4.0),
            ("6/year", 6.0),
            ("6 per year", 6.0),
            ("10 times a year", 10.0),
            ("2/month", 24.0),
            ("annual", 1.0),
            ("24", 24.0),
            ("0.5", 0.5),
        ] {
            assert_eq!(sessions(cell), expected, "{cell}");
        }
    }

    #[test]
    fn ad_hoc_is_flagged_and_estimated() {
        let bare = parse_frequency("随時", 8.0).unwrap();
        assert_eq!((bare.sessions_per_year, bare.ad_hoc, bare.estimated), (8.0, true, true));
        let estimated = parse_frequency("随時（年6回）", 8.0).unwrap();
        assert_eq!((estimated.sessions_per_year, estimated.ad_hoc), (6.0, true));
        let english = parse_frequency("ad hoc (4/year)", 8.0).unwrap();
        assert_eq!((english.sessions_per_year, english.ad_hoc), (4.0, true));
        for word in [
            "随時開催",
            "必要に応じて",
            "必要時",
            "適宜",
            "不定期",
            "案件発生時",
            "適時必要に応じて開催",
        ] {
            let f = parse_frequency(word, 8.0).unwrap_or_else(|e| panic!("{word}: {e}"));
            assert_eq!((f.sessions_per_year, f.ad_hoc, f.estimated), (8.0, true, true), "{word}");
        }
        let regular = parse_frequency("月1回", 8.0).unwrap();
        assert!(!regular.ad_hoc && !regular.estimated);
    }

    #[test]
    fn rejects_zero_negative_and_nonsense() {
        assert_eq!(parse_frequency("0", 12.0), Err(GrammarError::NotPositive));
        assert_eq!(parse_frequency("-3", 12.0), Err(GrammarError::NotPositive));
        assert_eq!(parse_frequency("年0回", 12.0), Err(GrammarError::NotPositive));
        assert_eq!(parse_frequency("", 12.0), Err(GrammarError::Empty));
        assert!(matches!(parse_frequency("時々", 12.0), Err(GrammarError::Unknown { .. })));
        assert!(matches!(
            parse_frequency("随時(そのうち)", 12.0),
            Err(GrammarError::Unknown { .. })
        ));
        // A date (a workbook date cell shown as text) is not a range.
        assert!(matches!(parse_frequency("2024-01-02", 12.0), Err(GrammarError::Unknown { .. })));
        assert!(matches!(parse_duration("2024-01-02"), Err(GrammarError::Unknown { .. })));
    }

    #[test]
    fn unknown_quotes_the_part_it_could_not_read_and_the_nearest_forms() {
        let Err(GrammarError::Unknown { unread, nearest }) = parse_frequency("年4かい", 12.0)
        else {
            panic!("年4かい should not read");
        };
        assert_eq!(unread, "かい");
        assert_eq!(nearest.len(), 3);
        assert!(nearest.iter().any(|n| n.starts_with('年')), "{nearest:?}");
        let Err(GrammarError::Unknown { unread, .. }) = parse_frequency("随時(そのうち)", 12.0)
        else {
            panic!("should not read");
        };
        assert_eq!(unread, "そのうち");
        let Err(GrammarError::Unknown { unread, nearest }) = parse_duration("1時間ちょっと")
        else {
            panic!("should not read");
        };
        assert_eq!(unread, "ちょっと");
        assert!(nearest.contains(&"1時間30分".to_string()), "{nearest:?}");
        // English: a word kaigi does not know is quoted whole.
        let Err(GrammarError::Unknown { unread, nearest }) = parse_frequency("sometimes", 12.0)
        else {
            panic!("should not read");
        };
        assert_eq!(unread, "sometimes");
        assert!(nearest.iter().any(|n| n.is_ascii()), "{nearest:?}");
        let Err(GrammarError::Unknown { unread, .. }) = parse_frequency("6 per yeer", 12.0) else {
            panic!("should not read");
        };
        assert_eq!(unread, "peryeer");
        // Every word known, the order not: the whole cell is quoted.
        let Err(GrammarError::Unknown { unread, .. }) = parse_frequency("回年4", 12.0) else {
            panic!("should not read");
        };
        assert_eq!(unread, "回年4");
    }

    #[test]
    fn every_documented_duration() {
        for (cell, expected, estimated) in [
            ("90分", 90.0, false),
            ("９０分", 90.0, false),
            ("90分間", 90.0, false),
            ("1時間30分", 90.0, false),
            ("1時間半", 90.0, false),
            ("1.5時間", 90.0, false),
            ("2時間", 120.0, false),
            ("2h", 120.0, false),
            ("1h30m", 90.0, false),
            ("90min", 90.0, false),
            ("90 minutes", 90.0, false),
            ("60", 60.0, false),
            ("2 hours", 120.0, false),
            ("60分程度", 60.0, true),
            ("一時間半", 90.0, false),
            ("約1時間30分", 90.0, true),
            ("約90分", 90.0, true),
            ("60～90分", 75.0, true),
            ("30分〜1時間", 45.0, true),
            ("1～2時間", 90.0, true),
            ("半日", 180.0, true),
            ("1日", 360.0, true),
            ("14:00～15:30", 90.0, false),
            ("午後7時~8時50分", 110.0, false),
            ("午後1時30分から3時30分", 120.0, false),
            ("90分（休憩含む）", 90.0, false),
            ("1回あたり2時間", 120.0, false),
            ("1回90分程度", 90.0, true),
        ] {
            let m = parse_duration(cell).unwrap_or_else(|e| panic!("{cell}: {e}"));
            assert_eq!((m.minutes, m.estimated), (expected, estimated), "{cell}");
        }
        assert_eq!(minutes("2時間以内"), 120.0);
    }

    /// The wordings collected from public municipal documents (and the constructed ones,
    /// marked as such) in `tests/fixtures/grammar/wordings.tsv`.
    #[test]
    fn every_collected_wording_reads_as_recorded() {
        let fixture = include_str!("../../tests/fixtures/grammar/wordings.tsv");
        let mut checked = 0;
        for line in fixture.lines().filter(|l| !l.starts_with('#') && !l.starts_with("kind\t")) {
            let fields: Vec<&str> = line.split('\t').collect();
            let [kind, wording, value, estimated, ad_hoc, source, ..] = fields[..] else {
                panic!("fixture line without 6 fields: {line}");
            };
            assert!(!source.is_empty(), "{wording}: no source");
            let estimated = estimated == "yes";
            match kind {
                "frequency" => {
                    let f =
                        parse_frequency(wording, 12.0).unwrap_or_else(|e| panic!("{wording}: {e}"));
                    let expected: f64 = value.parse().expect("number");
                    assert_eq!(
                        (f.sessions_per_year, f.estimated, f.ad_hoc),
                        (expected, estimated, ad_hoc == "yes"),
                        "{wording}"
                    );
                }
                "duration" => {
                    let m = parse_duration(wording).unwrap_or_else(|e| panic!("{wording}: {e}"));
                    let expected: f64 = value.parse().expect("number");
                    assert_eq!((m.minutes, m.estimated), (expected, estimated), "{wording}");
                }
                "frequency-refused" | "duration-refused" => {
                    let result = if kind == "frequency-refused" {
                        parse_frequency(wording, 12.0).map(|_| ())
                    } else {
                        parse_duration(wording).map(|_| ())
                    };
                    match result {
                        Err(GrammarError::Unknown { unread, nearest }) => {
                            assert_eq!(unread, value, "{wording}");
                            assert!(!nearest.is_empty(), "{wording}");
                        }
                        other => panic!("{wording} should be refused, got {other:?}"),
                    }
                }
                other => panic!("unknown kind {other}"),
            }
            checked += 1;
        }
        assert!(checked >= 40, "only {checked} wordings");
    }

    #[test]
    fn rejects_bad_durations() {
        assert_eq!(parse_duration("0"), Err(GrammarError::NotPositive));
        assert!(matches!(parse_duration("-30分"), Err(GrammarError::Unknown { .. })));
        assert_eq!(parse_duration("-30"), Err(GrammarError::NotPositive));
        assert!(matches!(parse_duration("長め"), Err(GrammarError::Unknown { .. })));
        assert!(matches!(parse_duration("h"), Err(GrammarError::Unknown { .. })));
    }
}
