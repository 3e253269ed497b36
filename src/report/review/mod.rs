//! The annual review rendered: plain-words summary, tables, charts, and the files of a
//! review folder (`review.html`, `review.md`, `review.json`, `tables/`, `tables.xlsx`,
//! `charts/`). Every renderer returns bytes; [`write_review`] is the only writer.

mod charts;
mod document;
mod tables;
mod text;
mod words;

pub use charts::review_charts;
pub use document::{review_html, review_markdown};
pub use tables::review_tables;
pub use text::review_text;

use crate::lang::Lang;
use crate::report::document::Chart;
use crate::report::write::FolderWriter;
use crate::report::write::ReportError;
use crate::review::Review;
use std::path::{Path, PathBuf};

/// The review as pretty JSON with a final newline (every list already sorted, so the
/// bytes repeat run to run).
///
/// ```
/// use kaigi::model::Inventory;
/// use kaigi::review::{Year, ReviewOptions, review};
/// let empty = Inventory::default();
/// let year = Year::new("2024", &empty);
/// let review = review(year, year, &ReviewOptions::default())?;
/// let json = String::from_utf8(kaigi::report::review_json(&review)?).unwrap();
/// assert!(json.contains("\"name_threshold\": 0.6"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`serde_json::Error`] if serialisation fails (it does not for a [`Review`]).
pub fn review_json(review: &Review) -> Result<Vec<u8>, serde_json::Error> {
    let mut bytes = serde_json::to_vec_pretty(review)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// Writes the whole review into `out`, every file through [`write_atomic`] and none over
/// one of `inputs`. `step` is called before each file with its name (for a progress
/// indicator). Returns the files written, in order.
///
/// ```
/// use kaigi::model::Inventory;
/// use kaigi::review::{Year, ReviewOptions, review};
/// let empty = Inventory::default();
/// let year = Year::new("2024", &empty);
/// let review = review(year, year, &ReviewOptions::default())?;
/// let out = tempfile::tempdir()?;
/// let written = kaigi::report::write_review(&review, &[], out.path(), kaigi::Lang::En, &[], &mut |_| {})?;
/// assert!(written.iter().any(|p| p.ends_with("review.json")));
/// assert!(out.path().join("tables/links_lost.csv").is_file());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`ReportError`] when a file cannot be written or the workbook cannot be built.
pub fn write_review(
    review: &Review,
    charts: &[Chart],
    out: &Path,
    lang: Lang,
    inputs: &[PathBuf],
    step: &mut (dyn FnMut(&str) + Send),
) -> Result<Vec<PathBuf>, ReportError> {
    let tables = review_tables(review, lang);
    let mut files = FolderWriter::new(out, inputs, step);
    files.put("review.html", || Ok(review_html(review, charts, lang).into_bytes()));
    files.put("review.md", || Ok(review_markdown(review, lang).into_bytes()));
    files.put("review.json", || Ok(review_json(review)?));
    files.put_tables(&tables);
    files.put_charts(charts);
    files.finish()
}
