//! Report and message language.

use serde::Serialize;

/// Language of messages and reports. Japanese is the default because the users are
/// Japanese municipal staff; English serves consultants and researchers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// 日本語
    #[default]
    Ja,
    /// English
    En,
}

impl Lang {
    /// Picks the Japanese or the English text.
    pub fn pick<'a>(self, ja: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ja => ja,
            Lang::En => en,
        }
    }
}

/// An English count with its noun in the right number: "1 meeting", "2 meetings".
/// Japanese needs no such form, so callers use it only in English text.
///
/// ```
/// use kaigi::counted;
/// assert_eq!(counted(1, "agency", "agencies"), "1 agency");
/// assert_eq!(counted(0, "agency", "agencies"), "0 agencies");
/// assert_eq!(counted(12_000, "meeting", "meetings"), "12000 meetings");
/// ```
pub fn counted<N>(n: N, one: &str, many: &str) -> String
where
    N: std::fmt::Display + PartialEq + From<u8>,
{
    format!("{n} {}", if n == N::from(1) { one } else { many })
}
