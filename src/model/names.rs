//! How names are compared: a rule of the model, used by the loader, the overlap
//! analysis, the proposal and the review alike.
//!
//! Inventories are typed by hand in Excel, so the same word arrives full-width or
//! half-width, with stray spaces. Display text keeps what the user wrote; these
//! functions only build the keys under which two spellings count as the same name.

use std::borrow::Cow;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// The NFKC form of `text`, borrowed when `text` already is NFKC (the common case:
/// the quick check answers without building a new string).
pub(crate) fn nfkc(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
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
        } else if !c.is_whitespace() {
            out.extend(c.to_lowercase());
        }
    }
    out
}
