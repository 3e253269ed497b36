//! The frequency and duration grammars: how often a meeting sits and how long.
//!
//! Inventories write these in a dozen ways (毎月, 月2回, 随時(年6回), quarterly, 1時間30分,
//! 90min); each form is listed in `docs/input-format.md` and in the README.

use crate::input::text::kanji_digits;
use crate::model::Frequency;
use crate::model::normalize;
use regex::Regex;
use std::sync::LazyLock;

/// Why a frequency or duration could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GrammarError {
    /// Nothing written.
    #[error("the cell is empty")]
    Empty,
    /// Not one of the known forms.
    #[error("not a known form")]
    Unknown,
    /// Zero, negative or not finite.
    #[error("the value must be more than 0")]
    NotPositive,
}

fn compact(cell: &str) -> String {
    normalize(cell).to_lowercase().chars().filter(|c| !c.is_whitespace()).collect()
}

fn number(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

static PLAIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[+-]?\d+(?:\.\d+)?$").expect("regex"));
static AD_HOC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:随時|不定期|必要時|適宜|adhoc|asneeded|ondemand|irregular)(?:\((?P<est>.*)\))?$",
    )
    .expect("regex")
});
static PER_PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?P<unit_ja>年|月|週)(?P<n_ja>\d+(?:\.\d+)?)回(?:程度|程)?|(?P<n_en>\d+(?:\.\d+)?)(?:x|times|回)?(?:/|per|a|an|each|every)(?P<unit_en>year|yr|month|week))$",
    )
    .expect("regex")
});
static EVERY_N: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<n>\d+)(?P<unit>か月|ヶ月|ケ月|カ月|箇月|ヵ月|年|週間)に1回$").expect("regex")
});

/// Reads a frequency cell as sessions per year.
///
/// `adhoc_default` is the estimate used for a bare 随時 / `ad hoc`; such values, and
/// `随時(年6回)`, come back flagged as ad hoc.
///
/// ```
/// use kaigi::input::parse_frequency;
/// assert_eq!(parse_frequency("月2回", 12.0).unwrap().sessions_per_year, 24.0);
/// assert_eq!(parse_frequency("四半期", 12.0).unwrap().sessions_per_year, 4.0);
/// let ad_hoc = parse_frequency("随時(年6回)", 12.0).unwrap();
/// assert!(ad_hoc.ad_hoc && ad_hoc.sessions_per_year == 6.0);
/// assert_eq!(parse_frequency("ad hoc", 10.0).unwrap().sessions_per_year, 10.0);
/// assert!(parse_frequency("そのうち", 12.0).is_err());
/// ```
pub fn parse_frequency(cell: &str, adhoc_default: f64) -> Result<Frequency, GrammarError> {
    let text = compact(cell);
    if text.is_empty() {
        return Err(GrammarError::Empty);
    }
    if let Some(caps) = AD_HOC.captures(&text) {
        let sessions = match caps.name("est") {
            Some(estimate) => regular_sessions(estimate.as_str()).ok_or(GrammarError::Unknown)?,
            None => adhoc_default,
        };
        return positive(sessions).map(Frequency::ad_hoc);
    }
    regular_sessions(&text).ok_or(GrammarError::Unknown).and_then(positive).map(Frequency::per_year)
}

fn positive(value: f64) -> Result<f64, GrammarError> {
    if value > 0.0 && value.is_finite() { Ok(value) } else { Err(GrammarError::NotPositive) }
}

/// Sessions per year for a regular (non-ad-hoc) frequency written compactly.
fn regular_sessions(text: &str) -> Option<f64> {
    let named = match text {
        "毎週" | "週1回" | "weekly" | "everyweek" | "onceaweek" => Some(52.0),
        "隔週" | "biweekly" | "fortnightly" | "everytwoweeks" => Some(26.0),
        "毎月" | "月1回" | "月例" | "monthly" | "everymonth" | "onceamonth" => Some(12.0),
        "隔月" | "bimonthly" | "everytwomonths" => Some(6.0),
        "四半期" | "四半期ごと" | "四半期毎" | "quarterly" | "everyquarter" => {
            Some(4.0)
        }
        "半年" | "半期" | "半年ごと" | "半年毎" | "半年に1回" | "semiannual" | "semi-annual"
        | "semiannually" | "half-yearly" | "halfyearly" | "twiceayear" => Some(2.0),
        "毎年" | "年1回" | "年次" | "annual" | "annually" | "yearly" | "onceayear" => {
            Some(1.0)
        }
        _ => None,
    };
    if named.is_some() {
        return named;
    }
    // Kanji numerals only after the named forms, so 四半期 is not read as "4半期".
    let converted = kanji_digits(text);
    let text = converted.as_str();
    if PLAIN.is_match(text) {
        return number(text);
    }
    if let Some(caps) = PER_PERIOD.captures(text) {
        let n = number(caps.name("n_ja").or_else(|| caps.name("n_en"))?.as_str())?;
        let unit = caps.name("unit_ja").or_else(|| caps.name("unit_en"))?.as_str();
        return Some(match unit {
            "年" | "year" | "yr" => n,
            "月" | "month" => n * 12.0,
            _ => n * 52.0,
        });
    }
    if let Some(caps) = EVERY_N.captures(text) {
        let n = number(&caps["n"])?;
        if n <= 0.0 {
            return Some(0.0);
        }
        return Some(match &caps["unit"] {
            "年" => 1.0 / n,
            "週間" => 52.0 / n,
            _ => 12.0 / n,
        });
    }
    None
}

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:(?P<h>\d+(?:\.\d+)?)(?:時間|h|hr|hrs|hour|hours)(?P<half>半)?)?(?:(?P<m>\d+(?:\.\d+)?)(?:分|m|min|mins|minute|minutes)?)?(?:程度|程|くらい)?$",
    )
    .expect("regex")
});

/// Reads a duration cell as minutes per session.
///
/// ```
/// use kaigi::input::parse_duration;
/// assert_eq!(parse_duration("1時間30分"), Ok(90.0));
/// assert_eq!(parse_duration("1.5時間"), Ok(90.0));
/// assert_eq!(parse_duration("2h"), Ok(120.0));
/// assert_eq!(parse_duration("90min"), Ok(90.0));
/// assert_eq!(parse_duration("45"), Ok(45.0));
/// assert!(parse_duration("0分").is_err());
/// ```
pub fn parse_duration(cell: &str) -> Result<f64, GrammarError> {
    let text = kanji_digits(&compact(cell));
    if text.is_empty() {
        return Err(GrammarError::Empty);
    }
    if PLAIN.is_match(&text) {
        return number(&text).ok_or(GrammarError::Unknown).and_then(positive);
    }
    let caps = DURATION.captures(&text).ok_or(GrammarError::Unknown)?;
    let hours = caps.name("h").and_then(|m| number(m.as_str()));
    let minutes = caps.name("m").and_then(|m| number(m.as_str()));
    if hours.is_none() && minutes.is_none() {
        return Err(GrammarError::Unknown);
    }
    let half = if caps.name("half").is_some() { 30.0 } else { 0.0 };
    positive(hours.unwrap_or(0.0) * 60.0 + half + minutes.unwrap_or(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sessions(cell: &str) -> f64 {
        parse_frequency(cell, 12.0).unwrap_or_else(|e| panic!("{cell}: {e}")).sessions_per_year
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
        ] {
            assert_eq!(sessions(cell), expected, "{cell}");
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
        assert_eq!((bare.sessions_per_year, bare.ad_hoc), (8.0, true));
        let estimated = parse_frequency("随時（年6回）", 8.0).unwrap();
        assert_eq!((estimated.sessions_per_year, estimated.ad_hoc), (6.0, true));
        let english = parse_frequency("ad hoc (4/year)", 8.0).unwrap();
        assert_eq!((english.sessions_per_year, english.ad_hoc), (4.0, true));
        assert!(!parse_frequency("月1回", 8.0).unwrap().ad_hoc);
    }

    #[test]
    fn rejects_zero_negative_and_nonsense() {
        assert_eq!(parse_frequency("0", 12.0), Err(GrammarError::NotPositive));
        assert_eq!(parse_frequency("-3", 12.0), Err(GrammarError::NotPositive));
        assert_eq!(parse_frequency("年0回", 12.0), Err(GrammarError::NotPositive));
        assert_eq!(parse_frequency("", 12.0), Err(GrammarError::Empty));
        assert_eq!(parse_frequency("時々", 12.0), Err(GrammarError::Unknown));
        assert_eq!(parse_frequency("随時(そのうち)", 12.0), Err(GrammarError::Unknown));
    }

    #[test]
    fn every_documented_duration() {
        for (cell, expected) in [
            ("90分", 90.0),
            ("９０分", 90.0),
            ("1時間30分", 90.0),
            ("1時間半", 90.0),
            ("1.5時間", 90.0),
            ("2時間", 120.0),
            ("2h", 120.0),
            ("1h30m", 90.0),
            ("90min", 90.0),
            ("90 minutes", 90.0),
            ("60", 60.0),
            ("2 hours", 120.0),
            ("60分程度", 60.0),
            ("一時間半", 90.0),
        ] {
            assert_eq!(parse_duration(cell), Ok(expected), "{cell}");
        }
    }

    #[test]
    fn rejects_bad_durations() {
        assert_eq!(parse_duration("0"), Err(GrammarError::NotPositive));
        assert_eq!(parse_duration("-30分"), Err(GrammarError::Unknown));
        assert_eq!(parse_duration("-30"), Err(GrammarError::NotPositive));
        assert_eq!(parse_duration("長め"), Err(GrammarError::Unknown));
        assert_eq!(parse_duration("h"), Err(GrammarError::Unknown));
    }
}
