//! Characters that break files or terminals: what XML 1.0 forbids, and the control
//! characters a terminal acts on. A rule about text, below every layer that reads or
//! writes it: the loader replaces forbidden characters (with a warning), the report
//! layer re-exports these for its XML writers, and the CLI shows controls visibly.

use std::borrow::Cow;

/// Whether XML 1.0 forbids a character anywhere in a document (§2.2 `Char`): the C0
/// controls other than tab, line feed and carriage return, and U+FFFE, U+FFFF. One such
/// character makes GraphML, GEXF, SVG or .xlsx unreadable ("not well-formed").
///
/// ```
/// use kaigi::model::characters::is_xml_forbidden;
/// assert!(is_xml_forbidden('\u{0}') && is_xml_forbidden('\u{1b}') && is_xml_forbidden('\u{ffff}'));
/// assert!(!is_xml_forbidden('\t') && !is_xml_forbidden('\n') && !is_xml_forbidden('会'));
/// ```
pub fn is_xml_forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// Replaces every character XML 1.0 forbids with U+FFFD (what kaigi does at load, with a
/// warning, so the change is visible in every output).
///
/// ```
/// assert_eq!(kaigi::model::characters::replace_xml_forbidden("社協\u{0}"), "社協\u{fffd}");
/// ```
pub fn replace_xml_forbidden(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_xml_forbidden) {
        Cow::Owned(text.chars().map(|c| if is_xml_forbidden(c) { '\u{fffd}' } else { c }).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Text safe for any XML document: the characters XML 1.0 forbids removed. For writers
/// of GraphML, GEXF, SVG and the like, as a last line of defence (inventories are
/// already cleaned at load). Escaping `<`, `&` and quotes stays the writer's job.
///
/// ```
/// assert_eq!(kaigi::model::characters::xml_text("A\u{1}B\u{fffe}"), "AB");
/// assert_eq!(kaigi::model::characters::xml_text("会議"), "会議");
/// ```
pub fn xml_text(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_xml_forbidden) {
        Cow::Owned(text.chars().filter(|&c| !is_xml_forbidden(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether a character is a control a terminal or spreadsheet may act on: C0 (other than
/// tab and line feed), DEL, C1, the non-characters U+FFFE/U+FFFF, and the bidirectional
/// overrides that reorder what a reader sees.
fn is_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{fffe}' | '\u{ffff}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text for a terminal: control characters shown as visible symbols (␀, ␛, ␇ for C0 and
/// DEL; `<U+009B>` for the others), so a name holding an escape sequence prints as text
/// instead of clearing the screen or recolouring it. Tabs and line feeds are kept.
///
/// ```
/// use kaigi::model::characters::visible_controls;
/// assert_eq!(visible_controls("A\u{1b}[2JB\u{7}"), "A␛[2JB␇");
/// assert_eq!(visible_controls("x\u{9b}y\u{202e}"), "x<U+009B>y<U+202E>");
/// assert_eq!(visible_controls("会議\n"), "会議\n");
/// ```
pub fn visible_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            _ if !is_control(c) => out.push(c),
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
            '\u{7f}' => out.push('␡'),
            _ => out.push_str(&format!("<U+{:04X}>", c as u32)),
        }
    }
    Cow::Owned(out)
}
