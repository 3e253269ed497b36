//! Cell-level reading: lists, head-counts, yes/no values, and the keys names are matched by.
//!
//! Inventories are typed by hand in Excel, so the same word arrives full-width or
//! half-width, with stray spaces, and lists use whichever separator the typist liked.
//! Names are kept exactly as written (only trimmed): official documents quote a body's
//! name verbatim, so 実務者会議（要保護児童対策部会）, ㈱ and ① stay as they are.
//! Normalisation ([`crate::model::normalize`], [`crate::model::name_key`]) is for
//! matching only.

use crate::model::name_key;
use regex::Regex;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// Splits a list cell on `;` `；` `、` `､` `，` `,` and line breaks; each item is trimmed
/// and otherwise kept as written (full-width brackets, ㈱, ① stay). `・` is not a
/// separator: it occurs inside names.
///
/// ```
/// use kaigi::input::split_list;
/// assert_eq!(split_list("社協、包括；関係づくり・研修\n福祉課"), ["社協", "包括", "関係づくり・研修", "福祉課"]);
/// assert_eq!(split_list("実務者会議（部会）、㈱Ａ"), ["実務者会議（部会）", "㈱Ａ"]);
/// assert!(split_list(" ; ").is_empty());
/// ```
pub fn split_list(cell: &str) -> Vec<String> {
    cell.split([';', '；', '、', '､', ',', '，', '\n', '\r'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_string)
        .collect()
}

static COUNT_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<name>.*?)\s*(?:[×xX\*＊ｘＸ]\s*(?P<a>[0-9０-９]+)\s*(?:名|人)?|[(（]\s*(?P<b>[0-9０-９]+)\s*(?:名|人)?\s*[)）])$",
    )
    .expect("static regex")
});

/// Largest head-count one entry may give. Bounded so that sums of head-counts (per
/// meeting, per body) stay far inside `u32`: a typo such as `社協×4000000000` is an error,
/// not an overflow.
pub const MAX_HEAD_COUNT: u32 = 10_000;

/// A participant entry split into name and head-count; `None` for the count when the
/// entry carries a head-count that is not a positive integer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountedName {
    /// The name without its head-count suffix.
    pub name: String,
    /// People sent; 1 when no suffix is written.
    pub count: Option<u32>,
}

/// Reads `社会福祉協議会×2`, `社協 x2`, `社協*2`, `社協（2名）` and `社協(2人)`; the name
/// before the head-count is kept as written.
///
/// ```
/// use kaigi::input::parse_head_count;
/// assert_eq!(parse_head_count("社協（2名）").count, Some(2));
/// assert_eq!(parse_head_count("社協（2名）").name, "社協");
/// assert_eq!(parse_head_count("第2層協議体").count, Some(1));
/// assert_eq!(parse_head_count("社協×0").count, None);
/// assert_eq!(parse_head_count("社協×4000000000").count, None); // above MAX_HEAD_COUNT
/// ```
pub fn parse_head_count(entry: &str) -> CountedName {
    let entry = entry.trim();
    // A head-count suffix ends in a digit, 名, 人 or a closing bracket; most entries
    // end otherwise and need no regex search.
    let may_count = entry
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '０'..='９' | '名' | '人' | ')' | '）'));
    if !may_count {
        return CountedName { name: entry.to_string(), count: Some(1) };
    }
    if let Some(caps) = COUNT_SUFFIX.captures(entry) {
        let name = caps.name("name").map_or("", |m| m.as_str()).trim();
        if !name.is_empty() {
            let digits = caps.name("a").or_else(|| caps.name("b")).map_or("", |m| m.as_str());
            let digits: String = digits.nfkc().collect();
            let count = digits.parse::<u32>().ok().filter(|&n| (1..=MAX_HEAD_COUNT).contains(&n));
            return CountedName { name: name.to_string(), count };
        }
    }
    CountedName { name: entry.to_string(), count: Some(1) }
}

/// Reads a yes/no cell. Blank gives `Ok(None)`; an unrecognised word gives `Err(())`.
///
/// ```
/// use kaigi::input::parse_yes_no;
/// assert_eq!(parse_yes_no("○"), Ok(Some(true)));
/// assert_eq!(parse_yes_no("任意"), Ok(Some(false)));
/// assert_eq!(parse_yes_no(""), Ok(None));
/// assert!(parse_yes_no("たぶん").is_err());
/// ```
#[allow(clippy::result_unit_err)]
pub fn parse_yes_no(cell: &str) -> Result<Option<bool>, ()> {
    let word = name_key(cell);
    if word.is_empty() || word == "-" || word == "ー" {
        return Ok(None);
    }
    const YES: &[&str] = &[
        "はい", "あり", "有", "有り", "○", "〇", "◯", "法定", "yes", "y", "true", "1", "必要", "要",
    ];
    const NO: &[&str] =
        &["いいえ", "なし", "無", "無し", "×", "任意", "no", "n", "false", "0", "不要", "-", "―"];
    if YES.contains(&word.as_str()) {
        Ok(Some(true))
    } else if NO.contains(&word.as_str()) {
        Ok(Some(false))
    } else {
        Err(())
    }
}

/// Replaces runs of kanji numerals (一 … 九, 十, 〇) with Arabic digits, so that 年四回
/// and 月二回 read like 年4回 and 月2回. Only numbers below 100 occur in frequencies.
///
/// ```
/// assert_eq!(kaigi::input::kanji_digits("年十二回"), "年12回");
/// assert_eq!(kaigi::input::kanji_digits("二十"), "20");
/// ```
pub fn kanji_digits(text: &str) -> String {
    fn digit(c: char) -> Option<u32> {
        "〇一二三四五六七八九".chars().position(|d| d == c).map(|p| p as u32)
    }
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && (digit(chars[i]).is_some() || chars[i] == '十') {
            i += 1;
        }
        if start == i {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let run = &chars[start..i];
        let value = match run.iter().position(|&c| c == '十') {
            Some(ten) => {
                let tens =
                    if ten == 0 { 1 } else { run[..ten].iter().filter_map(|&c| digit(c)).sum() };
                let units: u32 = run[ten + 1..].iter().filter_map(|&c| digit(c)).sum();
                tens * 10 + units
            }
            None => run.iter().fold(0, |acc, &c| acc * 10 + digit(c).unwrap_or(0)),
        };
        out.push_str(&value.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_count_accepts_every_documented_form() {
        for (entry, name, count) in [
            ("社会福祉協議会×2", "社会福祉協議会", 2),
            ("社協 x2", "社協", 2),
            ("社協 X 3", "社協", 3),
            ("社協*2", "社協", 2),
            ("社協（2名）", "社協", 2),
            ("社協(2人)", "社協", 2),
            ("社協", "社協", 1),
            ("Box", "Box", 1),
        ] {
            let parsed = parse_head_count(entry);
            assert_eq!((parsed.name.as_str(), parsed.count), (name, Some(count)), "{entry}");
        }
    }

    #[test]
    fn names_are_kept_as_written() {
        for (entry, name, count) in [
            ("実務者会議（要保護児童対策部会）", "実務者会議（要保護児童対策部会）", 1),
            ("㈱ケアサポート×２", "㈱ケアサポート", 2),
            ("ケース会議①", "ケース会議①", 1),
            ("社会福祉　協議会（３名）", "社会福祉　協議会", 3),
            ("Ａ事業所", "Ａ事業所", 1),
        ] {
            let parsed = parse_head_count(entry);
            assert_eq!((parsed.name.as_str(), parsed.count), (name, Some(count)), "{entry}");
        }
        assert_eq!(split_list("進行管理；評価等、　Ｂ会議 "), ["進行管理", "評価等", "Ｂ会議"]);
    }

    #[test]
    fn list_split_keeps_nakaguro_inside_names() {
        assert_eq!(split_list("保健・医療，教育"), ["保健・医療", "教育"]);
        assert_eq!(split_list("a;b\r\nc"), ["a", "b", "c"]);
    }

    #[test]
    fn kanji_numbers_below_one_hundred() {
        assert_eq!(kanji_digits("年四回"), "年4回");
        assert_eq!(kanji_digits("十五"), "15");
        assert_eq!(kanji_digits("九十九"), "99");
        assert_eq!(kanji_digits("会議"), "会議");
    }
}
