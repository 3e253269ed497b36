//! The font every chart draws with: IPAexGothic embedded in the binary, or a TrueType /
//! OpenType file the user names, registered with plotters' `ab_glyph` text engine.
//!
//! plotters' default `ttf` engine asks the system for fonts and quietly draws boxes for
//! Japanese when the system has none; `ab_glyph` draws exactly the font registered here,
//! so a chart looks the same on every machine. [`missing_glyphs`] tells which characters
//! of a label the active font cannot draw, so a caller can warn instead of shipping boxes.

use std::path::{Path, PathBuf};
use std::sync::RwLock;

use ab_glyph::{Font, FontRef};
use plotters::style::FontStyle;

use super::ChartError;

/// IPAexGothic (IPA Font License v1.0, see `assets/fonts/`).
static EMBEDDED: &[u8] = include_bytes!("../../../assets/fonts/ipaexg.ttf");

/// The family charts draw with. Registering the font under the generic name means the
/// SVG says `font-family="sans-serif"`, which a browser resolves to a local font that
/// has Japanese, while the PNG uses exactly the registered font.
pub(super) const FAMILY: &str = "sans-serif";

/// The font currently registered for [`FAMILY`], kept for [`missing_glyphs`] because
/// plotters does not expose its registry.
static ACTIVE: RwLock<Option<FontRef<'static>>> = RwLock::new(None);

/// Registers the font charts draw with, for Normal and Bold text.
///
/// `None` registers the embedded IPAexGothic; `Some(path)` reads a TrueType or OpenType
/// file instead (for example a municipality's house font). The file's bytes stay in memory
/// for the life of the process, so call this once, before drawing. Chart functions
/// register the embedded font themselves when this was never called.
///
/// # Errors
///
/// [`ChartError::FontRead`] when the file cannot be read, [`ChartError::NotAFont`] when
/// it is not a TrueType/OpenType font; either way the active font is left unchanged.
pub fn register_fonts(custom: Option<&Path>) -> Result<(), ChartError> {
    let bytes: &'static [u8] = match custom {
        None => EMBEDDED,
        Some(path) => {
            let data = std::fs::read(path)
                .map_err(|source| ChartError::FontRead { path: path.to_path_buf(), source })?;
            if FontRef::try_from_slice(&data).is_err() {
                return Err(ChartError::NotAFont { path: path.to_path_buf() });
            }
            // plotters keeps `&'static` font data in a global table; leaking once per
            // registration is the price, and a process registers a font once.
            Box::leak(data.into_boxed_slice())
        }
    };
    let mut active = ACTIVE.write().unwrap_or_else(|poisoned| poisoned.into_inner());
    install(bytes, custom)?;
    *active = Some(FontRef::try_from_slice(bytes).expect("checked above"));
    Ok(())
}

/// Registers the embedded font unless a font is already active.
pub(super) fn ensure_fonts() {
    if ACTIVE.read().unwrap_or_else(|poisoned| poisoned.into_inner()).is_some() {
        return;
    }
    let mut active = ACTIVE.write().unwrap_or_else(|poisoned| poisoned.into_inner());
    if active.is_none() {
        install(EMBEDDED, None).expect("the embedded font is a valid TrueType font");
        *active = Some(FontRef::try_from_slice(EMBEDDED).expect("embedded font"));
    }
}

fn install(bytes: &'static [u8], path: Option<&Path>) -> Result<(), ChartError> {
    let not_a_font = || ChartError::NotAFont {
        path: path.map_or_else(|| PathBuf::from("<embedded IPAexGothic>"), Path::to_path_buf),
    };
    for style in [FontStyle::Normal, FontStyle::Bold] {
        plotters::style::register_font(FAMILY, style, bytes).map_err(|_| not_a_font())?;
    }
    Ok(())
}

/// The active font, registering the embedded one if none is.
pub(super) fn active_font() -> FontRef<'static> {
    ensure_fonts();
    let active = ACTIVE.read().unwrap_or_else(|poisoned| poisoned.into_inner());
    active.clone().expect("ensure_fonts registered a font")
}

/// The characters of `text` that the active font has no glyph for, each once, in order of
/// first appearance. Whitespace and control characters are never reported.
///
/// ```
/// use kaigi::report::charts::missing_glyphs;
/// assert!(missing_glyphs("地域ケア会議 (Community care meeting) 2024年").is_empty());
/// assert_eq!(missing_glyphs("会議\u{E000}"), vec!['\u{E000}']);
/// ```
pub fn missing_glyphs(text: &str) -> Vec<char> {
    let font = active_font();
    let mut missing = Vec::new();
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() || missing.contains(&c) {
            continue;
        }
        if font.glyph_id(c).0 == 0 {
            missing.push(c);
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_font_covers_kana_kanji_latin_and_symbols_used_in_charts() {
        let text = "あいうえお アイウエオ 個別 地域・ネットワーク 施策 社会福祉協議会 \
                    地域包括支援センター 要保護児童対策地域協議会 ABCxyz 0123456789 %…（）「」";
        assert_eq!(missing_glyphs(text), Vec::<char>::new());
    }

    #[test]
    fn private_use_characters_are_reported_missing_once_each() {
        assert_eq!(missing_glyphs("\u{E000}会\u{E001}\u{E000}"), vec!['\u{E000}', '\u{E001}']);
    }

    #[test]
    fn rejects_an_unreadable_font_file_naming_it() {
        let error = register_fonts(Some(Path::new("/nonexistent/kaigi-font.ttf"))).unwrap_err();
        assert!(matches!(error, ChartError::FontRead { .. }));
        assert!(error.to_string().contains("/nonexistent/kaigi-font.ttf"), "{error}");
    }

    #[test]
    fn rejects_a_file_that_is_not_a_font_naming_it() {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), b"this is not a font").unwrap();
        let error = register_fonts(Some(file.path())).unwrap_err();
        assert!(matches!(error, ChartError::NotAFont { .. }));
        assert!(error.to_string().contains(&file.path().display().to_string()), "{error}");
    }

    #[test]
    fn registers_a_custom_font_file() {
        // The same IPAexGothic read from disk, so charts drawn by concurrent tests keep
        // the same metrics.
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts/ipaexg.ttf");
        register_fonts(Some(&path)).unwrap();
        assert!(missing_glyphs("会議").is_empty());
    }
}
