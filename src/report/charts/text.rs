//! Label truncation by display width and number formatting for axes and values.

use std::borrow::Cow;

use unicode_width::UnicodeWidthStr;

/// Labels longer than this many display columns (a kanji counts two) are cut with "…".
pub const MAX_LABEL_COLUMNS: usize = 40;

/// Cuts `label` to at most `max_columns` display columns, ending with "…" when cut.
/// Width follows Unicode East Asian Width (`unicode-width`): kana and kanji are two
/// columns, Latin one.
///
/// ```
/// use kaigi::report::charts::truncate_label;
/// assert_eq!(truncate_label("地域包括支援センター", 40), "地域包括支援センター");
/// assert_eq!(truncate_label("地域包括支援センター", 9), "地域包括…");
/// assert_eq!(truncate_label("Community care meeting", 10), "Community…");
/// ```
pub fn truncate_label(label: &str, max_columns: usize) -> Cow<'_, str> {
    if label.width() <= max_columns {
        return Cow::Borrowed(label);
    }
    let budget = max_columns.saturating_sub(1);
    let mut used = 0;
    let mut out = String::new();
    for c in label.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    Cow::Owned(out)
}

/// A number for a tick or a value label: integers with thousands separators, otherwise
/// at most two decimals (one from 100 up), trailing zeros dropped.
pub(super) fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let decimals = if value.abs() >= 100.0 { 1 } else { 2 };
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    };
    let text = if text == "-0" { "0".to_string() } else { text };
    let (sign, rest) = text.strip_prefix('-').map_or(("", text.as_str()), |rest| ("-", rest));
    let (integer, fraction) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, digit) in integer.chars().enumerate() {
        if i > 0 && (integer.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    match fraction {
        Some(fraction) => format!("{sign}{grouped}.{fraction}"),
        None => format!("{sign}{grouped}"),
    }
}

/// `value` if finite, else 0: charts draw what they can rather than fail on a NaN.
pub(super) fn finite_or_zero(value: f64) -> f64 {
    if value.is_finite() { value } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_japanese_at_forty_columns_with_ellipsis() {
        let long = "要保護児童対策地域協議会個別ケース検討会議代表者会議実務者会議";
        let cut = truncate_label(long, MAX_LABEL_COLUMNS);
        assert!(cut.ends_with('…'));
        assert!(cut.width() <= MAX_LABEL_COLUMNS, "{cut} is {} columns", cut.width());
        assert_eq!(cut.chars().count(), 20);
    }

    #[test]
    fn leaves_short_labels_alone() {
        assert!(matches!(truncate_label("福祉課", 40), Cow::Borrowed("福祉課")));
    }

    #[test]
    fn formats_numbers_for_people() {
        assert_eq!(format_number(1234567.0), "1,234,567");
        assert_eq!(format_number(12.5), "12.5");
        assert_eq!(format_number(0.126), "0.13");
        assert_eq!(format_number(-1500.26), "-1,500.3");
        assert_eq!(format_number(-0.001), "0");
        assert_eq!(format_number(f64::NAN), "–");
    }
}
