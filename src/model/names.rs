//! How names are compared: a rule of the model, used by the loader, the overlap
//! analysis, the proposal and the review alike.
//!
//! Inventories are typed by hand in Excel, so the same word arrives full-width or
//! half-width, with stray spaces. Display text keeps what the user wrote; these
//! functions only build the keys under which two spellings count as the same name.

use unicode_normalization::UnicodeNormalization;

/// NFKC-normalises, trims and collapses internal whitespace (including the ideographic
/// space U+3000, which NFKC turns into a plain space) to one space.
///
/// ```
/// use kaigi::model::normalize;
/// assert_eq!(normalize("　社会福祉　協議会 "), "社会福祉 協議会");
/// assert_eq!(normalize("ＡＢＣ１２３"), "ABC123");
/// ```
pub fn normalize(text: &str) -> String {
    let nfkc: String = text.nfkc().collect();
    nfkc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Key under which names are compared: normalised, without any whitespace, lower-case.
/// `社会福祉 協議会` and `社会福祉協議会` are the same agency.
///
/// ```
/// assert_eq!(kaigi::model::name_key(" 社会福祉 協議会"), kaigi::model::name_key("社会福祉協議会"));
/// ```
pub fn name_key(text: &str) -> String {
    normalize(text).chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}
