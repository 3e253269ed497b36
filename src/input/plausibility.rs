//! Values that parse but cannot be what the planner meant: a negative or fractional
//! head-count, a session longer than a working day, more sessions than days in a year.
//!
//! Each is reported at its row, column and value instead of flowing silently into
//! person-hours (`9999999分` once made one meeting cost four million hours a year).

use crate::input::diagnostic::Problem;
use crate::model::normalize;
use regex::Regex;
use std::sync::LazyLock;

/// Longest session, in minutes, taken as plausible (a working day).
pub const MAX_PLAUSIBLE_MINUTES: f64 = 8.0 * 60.0;

/// Most sessions a year taken as plausible (one a day in a leap year).
pub const MAX_PLAUSIBLE_SESSIONS: f64 = 366.0;

static SIGNED_OR_FRACTIONAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:×|\*|\s[xX]|\()\s*(?:[-−‐]\s*\d+(?:\.\d+)?|\d*\.\d+)\s*(?:名|人)?\s*\)?$")
        .expect("static regex")
});

/// Whether a participant entry ends in a head-count that is negative or not whole
/// (`社協×-3`, `社協×1.5`, `社協(-2人)`); such an entry would otherwise become an agency
/// named `社協×-3` with one person.
///
/// ```
/// # use kaigi::input::signed_or_fractional_count;
/// assert!(signed_or_fractional_count("社協×-3"));
/// assert!(signed_or_fractional_count("社協×1.5"));
/// assert!(signed_or_fractional_count("社協（-2人）"));
/// assert!(!signed_or_fractional_count("社協×2"));
/// assert!(!signed_or_fractional_count("第2層協議体"));
/// assert!(!signed_or_fractional_count("Box-1"));
/// ```
pub fn signed_or_fractional_count(entry: &str) -> bool {
    // Most entries hold no sign or decimal point at all: skip the NFKC pass for them.
    let may_match = entry.contains(['-', '−', '‐', '－', '.', '．', '‑']);
    may_match && SIGNED_OR_FRACTIONAL.is_match(&normalize(entry))
}

/// A warning for minutes per session beyond a working day.
pub(crate) fn minutes(minutes: f64) -> Option<Problem> {
    (minutes > MAX_PLAUSIBLE_MINUTES).then_some(Problem::SessionTooLong { minutes })
}

/// A warning for more sessions a year than days.
pub(crate) fn sessions(sessions: f64) -> Option<Problem> {
    (sessions > MAX_PLAUSIBLE_SESSIONS).then_some(Problem::TooManySessions { sessions })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_inclusive() {
        assert!(minutes(480.0).is_none() && minutes(481.0).is_some());
        assert!(sessions(366.0).is_none() && sessions(367.0).is_some());
    }

    #[test]
    fn full_width_forms_are_caught_after_nfkc() {
        assert!(signed_or_fractional_count("社協＊－３"));
        assert!(signed_or_fractional_count("社協 x 0.5"));
        assert!(!signed_or_fractional_count("社協（2名）"));
    }
}
