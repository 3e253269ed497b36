//! How names are compared: a rule of the model, used by the loader, the overlap
//! analysis, the proposal and the review alike.
//!
//! Inventories are typed by hand in Excel, so the same word arrives full-width or
//! half-width, with stray spaces. Display text keeps what the user wrote; these
//! functions only build the keys under which two spellings count as the same name.

use std::borrow::Cow;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Hiragana, katakana and unified ideographs, of which Japanese names are mostly made:
/// NFKC whatever surrounds them (quick check Yes, combining class 0), no lower-case
/// form, not whitespace (a unit test checks every one), so the fast paths below can take
/// them without table look-ups.
fn plain_japanese(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FE}' | '\u{4E00}'..='\u{9FFF}')
}

/// The NFKC form of `text`, borrowed when `text` already is NFKC (the common case:
/// the quick check answers without building a new string).
pub(crate) fn nfkc(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| c.is_ascii() || plain_japanese(c))
        || is_nfkc_quick(text.chars()) == IsNormalized::Yes
    {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfkc().collect())
    }
}

/// NFKC-normalises, trims and collapses internal whitespace (including the ideographic
/// space U+3000, which NFKC turns into a plain space) to one space.
///
/// ```
/// use kaigi::model::normalize;
/// assert_eq!(normalize("　社会福祉　協議会 "), "社会福祉 協議会");
/// assert_eq!(normalize("ＡＢＣ１２３"), "ABC123");
/// ```
pub fn normalize(text: &str) -> String {
    let nfkc = nfkc(text);
    let mut out = String::with_capacity(nfkc.len());
    for word in nfkc.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Key under which names are compared: normalised, without any whitespace, lower-case.
/// `社会福祉 協議会` and `社会福祉協議会` are the same agency.
///
/// ```
/// assert_eq!(kaigi::model::name_key(" 社会福祉 協議会"), kaigi::model::name_key("社会福祉協議会"));
/// ```
pub fn name_key(text: &str) -> String {
    // Same as normalising, dropping every whitespace and lower-casing each character,
    // without the intermediate strings; ASCII characters lower-case in place.
    let nfkc = nfkc(text);
    let mut out = String::with_capacity(nfkc.len());
    for c in nfkc.chars() {
        if c.is_ascii() {
            if !c.is_whitespace() {
                out.push(c.to_ascii_lowercase());
            }
        } else if plain_japanese(c) {
            out.push(c);
        } else if !c.is_whitespace() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::char::canonical_combining_class;

    #[test]
    fn plain_japanese_characters_are_nfkc_caseless_and_not_whitespace() {
        let plain: Vec<char> =
            (0..=0x10FFFF).filter_map(char::from_u32).filter(|&c| plain_japanese(c)).collect();
        assert!(plain.len() > 20_000);
        for c in plain {
            assert_eq!(is_nfkc_quick(std::iter::once(c)), IsNormalized::Yes, "{c}");
            assert_eq!(canonical_combining_class(c), 0, "{c}");
            assert!(c.to_lowercase().eq(std::iter::once(c)), "{c}");
            assert!(!c.is_whitespace(), "{c}");
        }
    }

    #[test]
    fn keys_of_mixed_text_match_the_plain_definition() {
        for text in
            ["　社会福祉　協議会 ", "ＡＢＣ 市役所ヾ", "ｶﾞｲﾄﾞ\u{3099}", "Ωσ 子ども", "\u{0b}a\tＢ"]
        {
            let slow: String = text
                .nfkc()
                .collect::<String>()
                .chars()
                .filter(|c| !c.is_whitespace())
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(name_key(text), slow, "{text:?}");
        }
    }
}
