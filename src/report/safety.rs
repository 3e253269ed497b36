//! Output safety: atomic writes that never replace an input, spreadsheet cells that
//! Excel will not run as formulas, text that every XML file may hold, and control
//! characters that never reach a terminal or a CSV file raw.

pub use crate::model::characters::{
    is_xml_forbidden, replace_xml_forbidden, visible_controls, xml_text,
};
use std::borrow::Cow;
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
    /// A part of the output path exists and is a file or device, not a folder.
    #[error(
        "could not write '{path}': '{not_folder}' exists and is not a folder (a file or device); pass an output folder that is a folder or does not exist yet (--out DIR)"
    )]
    NotAFolder {
        /// The file to be written.
        path: PathBuf,
        /// The part of the path that exists but is not a folder.
        not_folder: PathBuf,
    },
    /// The output path exists and is a folder, a device, a FIFO or a socket.
    #[error(
        "could not write '{0}': it exists and is not a regular file (a folder, device or FIFO); choose another output path"
    )]
    NotRegularFile(PathBuf),
    /// No permission to create files in the folder.
    #[error(
        "could not write '{path}': no permission to create files in '{folder}'; choose a folder you can write to (--out DIR)"
    )]
    PermissionDenied {
        /// The file to be written.
        path: PathBuf,
        /// The folder that refused.
        folder: PathBuf,
    },
    /// The disk or quota is full.
    #[error(
        "could not write '{0}': no space left on the device; free some space or choose another output folder"
    )]
    DiskFull(PathBuf),
    /// The file system is mounted read-only.
    #[error(
        "could not write '{0}': the file system is read-only; choose an output folder on a writable disk"
    )]
    ReadOnly(PathBuf),
    /// Any other filesystem failure; the cause is the operating system's own words.
    #[error("could not write '{path}': {message}")]
    Io {
        /// File.
        path: PathBuf,
        /// What the operating system said.
        message: String,
    },
}

impl OutputError {
    /// Names the real cause of a failed write, once: a file where a folder should be, a
    /// missing permission, a full or read-only disk, or else the system's message.
    fn from_io(path: &Path, error: std::io::Error) -> OutputError {
        let path_buf = path.to_path_buf();
        // `create_dir_all` reports "File exists" when a part of the path is a file: find it.
        for ancestor in path.ancestors().skip(1) {
            if ancestor.as_os_str().is_empty() {
                break;
            }
            if let Ok(meta) = std::fs::metadata(ancestor) {
                if !meta.is_dir() {
                    return OutputError::NotAFolder {
                        path: path_buf,
                        not_folder: ancestor.to_path_buf(),
                    };
                }
                break;
            }
        }
        match error.kind() {
            std::io::ErrorKind::PermissionDenied => {
                let folder = path
                    .ancestors()
                    .skip(1)
                    .find(|a| a.as_os_str().is_empty() || a.exists())
                    .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
                let folder =
                    if folder.as_os_str().is_empty() { PathBuf::from(".") } else { folder };
                OutputError::PermissionDenied { path: path_buf, folder }
            }
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                OutputError::DiskFull(path_buf)
            }
            std::io::ErrorKind::ReadOnlyFilesystem => OutputError::ReadOnly(path_buf),
            _ => OutputError::Io { path: path_buf, message: error.to_string() },
        }
    }
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
    // A rename would replace a device node or FIFO (`--out /dev/full` run as root).
    if let Ok(meta) = std::fs::symlink_metadata(path)
        && !meta.is_file()
        && !(meta.file_type().is_symlink() && path.is_file())
    {
        return Err(OutputError::NotRegularFile(path.to_path_buf()));
    }
    let io = |source| OutputError::from_io(path, source);
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(io)?;
    // The temporary file becomes the output, so it is created as any new file is: mode
    // 0666 less the umask (0644 under 022), not tempfile's private 0600, or a report saved
    // to a shared drive could not be opened by the next person.
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temporary = builder.tempfile_in(&parent).map_err(io)?;
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
pub fn excel_safe(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A CSV cell without control characters (C0 other than tab and line breaks, DEL, C1,
/// U+FFFE, U+FFFF), which Excel and other readers show as boxes or act on.
///
/// ```
/// assert_eq!(kaigi::report::csv_text("A\u{1b}B\u{7f}"), "AB");
/// assert_eq!(kaigi::report::csv_text("a\r\nb"), "a\r\nb");
/// ```
pub fn csv_text(text: &str) -> Cow<'_, str> {
    let strip = |c: char| {
        c.is_control() && !matches!(c, '\t' | '\n' | '\r') || matches!(c, '\u{fffe}' | '\u{ffff}')
    };
    if text.chars().any(strip) {
        Cow::Owned(text.chars().filter(|&c| !strip(c)).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Serialises rows as CSV with a UTF-8 BOM (so Excel shows Japanese) and every cell made
/// safe with [`csv_text`] and [`excel_safe`].
pub fn csv_with_bom(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut writer =
            csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
        for row in rows {
            // Writing into a Vec cannot fail.
            let _ = writer
                .write_record(row.iter().map(|cell| excel_safe(&csv_text(cell)).into_owned()));
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
    fn a_file_where_a_folder_should_be_is_named_once() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("plain");
        std::fs::write(&file, "x").unwrap();
        let error = write_atomic(&file.join("sub/report.html"), b"y", &[]).unwrap_err();
        assert!(
            matches!(&error, OutputError::NotAFolder { not_folder, .. } if *not_folder == file)
        );
        let text = error.to_string();
        assert!(
            text.contains("exists and is not a folder") && !text.contains("os error"),
            "{text}"
        );
    }

    #[test]
    fn a_folder_or_device_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let error = write_atomic(dir.path(), b"y", &[]).unwrap_err();
        assert!(matches!(error, OutputError::NotRegularFile(_)), "{error}");
        if Path::new("/dev/null").exists() {
            let error = write_atomic(Path::new("/dev/null"), b"y", &[]).unwrap_err();
            assert!(matches!(error, OutputError::NotRegularFile(_)), "{error}");
        }
    }

    #[test]
    fn full_and_forbidden_disks_are_named() {
        use std::io::{Error, ErrorKind};
        let path = Path::new("out/report.html");
        let full = OutputError::from_io(path, Error::from(ErrorKind::StorageFull));
        assert!(full.to_string().contains("no space left"), "{full}");
        let denied = OutputError::from_io(path, Error::from(ErrorKind::PermissionDenied));
        assert!(denied.to_string().contains("no permission"), "{denied}");
    }

    #[test]
    fn csv_cells_lose_control_characters() {
        let bytes = csv_with_bom(&[vec!["社協\u{1b}[31m".into(), "\u{7}=1+1".into()]]);
        assert_eq!(String::from_utf8_lossy(&bytes[3..]), "社協[31m,'=1+1\r\n");
    }

    #[test]
    fn csv_starts_with_bom_and_neutralises() {
        let bytes = csv_with_bom(&[vec!["=A1".into(), "会議".into()]]);
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        assert_eq!(String::from_utf8_lossy(&bytes[3..]), "'=A1,会議\r\n");
    }
}
