//! Output safety: atomic writes that never replace an input, and spreadsheet cells that
//! Excel will not run as formulas.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why an output could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output path is one of the inventory's input files.
    #[error("refusing to write '{0}': it is an input file; choose another output path")]
    WouldOverwriteInput(PathBuf),
    /// The output exists and overwriting was not asked for.
    #[error("'{0}' already exists; pass --force to replace it or choose another path")]
    Exists(PathBuf),
    /// Filesystem failure.
    #[error("could not write '{path}': {source}")]
    Io {
        /// File.
        path: PathBuf,
        /// Cause.
        source: std::io::Error,
    },
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so
/// readers see the old file or the new one, never a torn one. Refuses any path that is
/// one of `inputs`. Creates the parent folder.
///
/// ```
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("out/report.md");
/// kaigi::report::write_atomic(&path, b"# report\n", &[])?;
/// assert_eq!(std::fs::read(&path)?, b"# report\n");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_atomic(path: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<(), OutputError> {
    write_atomic_with(path, inputs, |file| file.write_all(bytes))
}

/// [`write_atomic`] for content produced by `write` straight into the (buffered) temporary
/// file, so a large file — `analysis.json` of a 30,000-meeting inventory is hundreds of
/// megabytes — never has to sit in memory whole.
pub fn write_atomic_with(
    path: &Path,
    inputs: &[PathBuf],
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), OutputError> {
    if inputs.iter().any(|input| same_file(input, path)) {
        return Err(OutputError::WouldOverwriteInput(path.to_path_buf()));
    }
    let io = |source| OutputError::Io { path: path.to_path_buf(), source };
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io)?;
    let temporary = tempfile::NamedTempFile::new_in(&parent).map_err(io)?;
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, temporary);
    write(&mut buffered).map_err(io)?;
    let temporary = buffered.into_inner().map_err(|e| io(e.into_error()))?;
    temporary.as_file().sync_all().map_err(io)?;
    temporary.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// Neutralises a cell Excel would evaluate: text starting with `=`, `+`, `-`, `@`, tab or
/// carriage return gets a leading apostrophe (OWASP's advice for CSV injection). Plain
/// numbers such as `-3` are left alone.
///
/// ```
/// use kaigi::report::excel_safe;
/// assert_eq!(excel_safe("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
/// assert_eq!(excel_safe("社会福祉協議会"), "社会福祉協議会");
/// assert_eq!(excel_safe("-1.5"), "-1.5");
/// ```
pub fn excel_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Serialises rows as CSV with a UTF-8 BOM (so Excel shows Japanese) and every cell made
/// safe with [`excel_safe`].
pub fn csv_with_bom(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer =
            csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        for row in rows {
            // Writing into a Vec cannot fail.
            let _ = writer.write_record(row.iter().map(|cell| excel_safe(cell).into_owned()));
        }
        let _ = writer.flush();
    }
    out
}

/// A workbook whose document properties carry a fixed creation date instead of "now",
/// so the same input gives byte-identical .xlsx files (annual reviews are diffed).
pub fn reproducible_workbook() -> Result<rust_xlsxwriter::Workbook, rust_xlsxwriter::XlsxError> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let fixed = rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1)?;
    workbook.set_properties(
        &rust_xlsxwriter::DocProperties::new().set_creation_datetime(&fixed).set_author("kaigi"),
    );
    Ok(workbook)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_write_over_an_input() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("meetings.csv");
        std::fs::write(&input, "x").unwrap();
        let error = write_atomic(&input, b"y", std::slice::from_ref(&input)).unwrap_err();
        assert!(matches!(error, OutputError::WouldOverwriteInput(_)));
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "x");
    }

    #[test]
    fn writes_through_a_rename_and_creates_folders() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/out.txt");
        write_atomic(&path, b"hello", &[]).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"hello");
    }

    #[test]
    fn every_formula_prefix_is_neutralised() {
        for risky in ["=1+1", "+cmd", "-cmd", "@SUM(A1)", "\tx", "\rx"] {
            assert!(excel_safe(risky).starts_with('\''), "{risky:?}");
        }
    }

    #[test]
    fn csv_starts_with_bom_and_neutralises() {
        let bytes = csv_with_bom(&[vec!["=A1".into(), "会議".into()]]);
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        assert_eq!(String::from_utf8_lossy(&bytes[3..]), "'=A1,会議\r\n");
    }
}
