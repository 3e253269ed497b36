//! Files → [`Inventory`]: CSV (UTF-8 or Shift_JIS) or workbooks, Japanese or English
//! headers, the cell grammars, alias resolution, and every problem reported at once.
//!
//! ```no_run
//! use kaigi::input::{load, LoadOptions};
//! let loaded = load("inputs/sample-city".as_ref(), &LoadOptions::default())?;
//! for problem in &loaded.diagnostics {
//!     eprintln!("{}", problem.render(kaigi::Lang::En));
//! }
//! println!("{} meetings", loaded.inventory.meetings.len());
//! # Ok::<(), kaigi::input::InputError>(())
//! ```

mod diagnostic;
mod grammar;
mod headers;
mod plausibility;
mod rows;
mod table;
mod text;

/// Name keys are a rule of the model; re-exported here for readers of the loader's docs.
pub use crate::model::{name_key, normalize};
pub use diagnostic::{Diagnostic, PRINTED_PER_KIND, Problem, Severity, render_capped, thousands};
pub use grammar::{
    GrammarError, HALF_DAY_MINUTES, Minutes, WHOLE_DAY_MINUTES, parse_duration, parse_frequency,
};
pub use headers::{AGENCY_HEADERS, AgencyField, MEETING_HEADERS, MeetingField};
pub use plausibility::{MAX_PLAUSIBLE_MINUTES, MAX_PLAUSIBLE_SESSIONS, signed_or_fractional_count};
pub use rows::{MAX_PARTICIPANTS, parse_function, read_agencies, read_meetings};
pub use table::{
    EncodingChoice, MAX_CELL_CHARS, Row, Table, decode, parse_csv, read_workbook_bytes,
};
pub use text::{
    CountedName, MAX_HEAD_COUNT, kanji_digits, parse_head_count, parse_yes_no, split_list,
};

use crate::model::Inventory;
use std::path::{Path, PathBuf};

/// How to read an inventory.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoadOptions {
    /// Encoding of CSV files.
    pub encoding: EncodingChoice,
    /// Sessions per year assumed for a bare 随時 / `ad hoc`.
    pub adhoc_default: f64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { encoding: EncodingChoice::Auto, adhoc_default: 12.0 }
    }
}

/// Failures that stop reading before any row is looked at.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// Path does not exist.
    #[error(
        "'{0}' does not exist; pass a folder holding meetings.csv, a meetings CSV, or an .xlsx workbook"
    )]
    NotFound(PathBuf),
    /// A symbolic link that leads nowhere or to itself.
    #[error(
        "'{0}' is a symbolic link that leads nowhere (its target is missing, or the link points back to itself); pass the file or folder it should point to"
    )]
    BrokenLink(PathBuf),
    /// A FIFO, socket or device: reading it could block for ever or never end.
    #[error(
        "'{path}' is a {kind}, not a file or folder; kaigi reads only regular files (save the table to a .csv or .xlsx file)"
    )]
    SpecialFile {
        /// Path.
        path: PathBuf,
        /// What it is.
        kind: &'static str,
    },
    /// A meetings file name taken by a folder or special file.
    #[error(
        "'{0}' is not a regular file (a folder or special file); kaigi looks for the meetings table under that name, so rename or remove it"
    )]
    NotAFile(PathBuf),
    /// A CSV file larger than kaigi reads.
    #[error(
        "'{path}' is {bytes} bytes, more than the 1 GiB kaigi reads; is it the right file? Split it, or remove rows that are not meetings"
    )]
    TooLarge {
        /// File.
        path: PathBuf,
        /// Its size.
        bytes: u64,
    },
    /// Two meetings (or agencies) files in one folder.
    #[error(
        "'{dir}' holds both '{first}' and '{second}'; kaigi does not guess which one is current: keep one and move or rename the other"
    )]
    TwoFiles {
        /// Folder.
        dir: PathBuf,
        /// One file.
        first: String,
        /// The other.
        second: String,
    },
    /// A folder without a meetings file.
    #[error(
        "'{0}' holds no meetings.csv, meetings.xlsx or meetings.xls; put the meetings table there under one of those names"
    )]
    NoMeetingsFile(PathBuf),
    /// A file kaigi does not read.
    #[error("'{0}' is not a .csv, .tsv, .txt, .xlsx, .xlsm or .xls file")]
    UnsupportedFile(PathBuf),
    /// The file could not be read.
    #[error("could not read '{path}': {source}")]
    Io {
        /// File.
        path: PathBuf,
        /// Cause.
        source: std::io::Error,
    },
    /// The workbook could not be opened.
    #[error("could not open workbook '{path}': {message}; save it again from Excel as .xlsx")]
    Workbook {
        /// File.
        path: PathBuf,
        /// Cause.
        message: String,
    },
}

impl InputError {
    /// The message in the run's language (`Display` gives the English one).
    pub fn render(&self, lang: crate::Lang) -> String {
        use crate::Lang;
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (InputError::NotFound(path), Lang::Ja) => format!(
                "「{}」がありません。meetings.csv を入れたフォルダ、会議の CSV、または .xlsx ブックを指定してください",
                path.display()
            ),
            (InputError::NoMeetingsFile(path), Lang::Ja) => format!(
                "「{}」に meetings.csv・meetings.xlsx・meetings.xls がありません。会議の表をこのいずれかの名前で置いてください",
                path.display()
            ),
            (InputError::UnsupportedFile(path), Lang::Ja) => format!(
                "「{}」は .csv・.tsv・.txt・.xlsx・.xlsm・.xls のいずれでもありません",
                path.display()
            ),
            (InputError::Io { path, source }, Lang::Ja) => {
                format!("「{}」を読めません: {source}", path.display())
            }
            (InputError::Workbook { path, message }, Lang::Ja) => format!(
                "ブック「{}」を開けません: {message}。Excel で .xlsx として保存し直してください",
                path.display()
            ),
            (InputError::BrokenLink(path), Lang::Ja) => format!(
                "「{}」は行き先のないシンボリックリンクです（リンク先がないか、自分自身を指しています）。本来のファイルかフォルダを指定してください",
                path.display()
            ),
            (InputError::SpecialFile { path, kind }, Lang::Ja) => format!(
                "「{}」はファイルでもフォルダでもありません（{kind}）。表を .csv か .xlsx のファイルに保存してください",
                path.display()
            ),
            (InputError::NotAFile(path), Lang::Ja) => format!(
                "「{}」は通常のファイルではありません（フォルダか特殊ファイル）。会議の表はこの名前で探すので、名前を変えるか取り除いてください",
                path.display()
            ),
            (InputError::TooLarge { path, bytes }, Lang::Ja) => format!(
                "「{}」は {bytes} バイトで、kaigi が読む 1 GiB を超えます。正しいファイルか確かめ、分割するか会議以外の行を除いてください",
                path.display()
            ),
            (InputError::TwoFiles { dir, first, second }, Lang::Ja) => format!(
                "「{}」に「{first}」と「{second}」の両方があります。どちらが最新か推測しないので、一方を残してもう一方を移すか名前を変えてください",
                dir.display()
            ),
        }
    }
}

/// An inventory as read, with every problem found on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// Name of the inventory (folder name or file stem), used for output folders.
    pub name: String,
    /// The files read, for messages and to refuse writing over them.
    pub sources: Vec<PathBuf>,
    /// The meetings and agencies that could be read.
    pub inventory: Inventory,
    /// Every problem, errors first within each file, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error)
    }

    /// Problems of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }
}

const TABLE_EXTENSIONS: &[&str] = &["csv", "tsv", "txt"];
const WORKBOOK_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods"];

fn extension(path: &Path) -> String {
    path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase()
}

/// Reads an inventory from a folder, a meetings CSV or a workbook.
///
/// Problems in the data (bad cells, missing columns, undecodable bytes) become
/// [`Diagnostic`]s; only a path that cannot be read at all is an [`InputError`].
pub fn load(path: &Path, options: &LoadOptions) -> Result<Loaded, InputError> {
    check_readable(path)?;
    let mut diagnostics = Vec::new();
    let mut sources = Vec::new();
    let (meetings_table, agencies_table) = if path.is_dir() {
        let meetings_path = find_in_dir(path, "meetings")?
            .ok_or_else(|| InputError::NoMeetingsFile(path.to_path_buf()))?;
        let (meetings, mut agencies) = read_file(&meetings_path, options, &mut diagnostics)?;
        sources.push(meetings_path);
        if let Some(agencies_path) = find_in_dir(path, "agencies")? {
            agencies = Some(read_agency_file(&agencies_path, options, &mut diagnostics)?);
            sources.push(agencies_path);
        }
        (meetings, agencies)
    } else {
        let (meetings, mut agencies) = read_file(path, options, &mut diagnostics)?;
        sources.push(path.to_path_buf());
        // A meetings CSV with agencies.csv beside it (as `kaigi template` writes them):
        // the agency list is read too.
        if agencies.is_none() && TABLE_EXTENSIONS.contains(&extension(path).as_str()) {
            let folder =
                path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let beside = find_in_dir(folder, "agencies")?.filter(|beside| !same_file(beside, path));
            if let Some(agencies_path) = beside {
                agencies = Some(read_agency_file(&agencies_path, options, &mut diagnostics)?);
                sources.push(agencies_path);
            }
        }
        (meetings, agencies)
    };
    let name = inventory_name(path);
    let agencies = match &agencies_table {
        Some(table) => read_agencies(table, &mut diagnostics),
        None => Vec::new(),
    };
    let inventory = read_meetings(&meetings_table, agencies, options, &mut diagnostics);
    Ok(Loaded { name, sources, inventory, diagnostics })
}

/// Refuses, before anything is opened, what cannot be read as an inventory: a missing
/// path, a dangling or looping symbolic link, a FIFO, socket or device (opening a FIFO
/// would wait for a writer for ever).
fn check_readable(path: &Path) -> Result<(), InputError> {
    let Ok(link) = std::fs::symlink_metadata(path) else {
        return Err(InputError::NotFound(path.to_path_buf()));
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(_) if link.file_type().is_symlink() => {
            return Err(InputError::BrokenLink(path.to_path_buf()));
        }
        Err(source) => return Err(InputError::Io { path: path.to_path_buf(), source }),
    };
    if meta.is_file() || meta.is_dir() {
        return Ok(());
    }
    Err(InputError::SpecialFile { path: path.to_path_buf(), kind: special_kind(&meta) })
}

#[cfg(unix)]
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_fifo() {
        "FIFO (named pipe)"
    } else if kind.is_socket() {
        "socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "device"
    } else {
        "special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::Metadata) -> &'static str {
    "special file"
}

/// Folder name or file stem, for output folders (`outputs/<name>/`). Always one plain
/// folder name: never empty, `.` or `..`, without separators or control characters, so
/// `outputs/<name>` is a child of `outputs/` whatever the inventory is called
/// (`...csv` has the stem `..`).
fn inventory_name(path: &Path) -> String {
    let canonical = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    let named = if canonical.is_dir() { canonical.file_name() } else { canonical.file_stem() };
    safe_folder_name(&named.map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
}

/// A name usable as one folder under `outputs/`.
///
/// ```
/// # use kaigi::input::safe_folder_name;
/// assert_eq!(safe_folder_name(".."), "inventory");
/// assert_eq!(safe_folder_name("a/b\u{1b}"), "a_b_");
/// assert_eq!(safe_folder_name("架空市"), "架空市");
/// ```
pub fn safe_folder_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '\u{fffe}' | '\u{ffff}') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().to_string();
    if cleaned.chars().all(|c| c == '.') { "inventory".to_string() } else { cleaned }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The meetings (or agencies) file in a folder. A name taken by a folder or special file
/// is refused rather than skipped, and two such files (meetings.csv and meetings.xlsx)
/// are refused rather than one silently preferred.
fn find_in_dir(dir: &Path, stem: &str) -> Result<Option<PathBuf>, InputError> {
    let mut found: Vec<PathBuf> = Vec::new();
    for ext in ["csv", "xlsx", "xlsm", "xls", "tsv"] {
        let candidate = dir.join(format!("{stem}.{ext}"));
        if std::fs::symlink_metadata(&candidate).is_err() {
            continue;
        }
        match std::fs::metadata(&candidate) {
            Ok(meta) if meta.is_file() => found.push(candidate),
            Ok(_) => return Err(InputError::NotAFile(candidate)),
            Err(_) => return Err(InputError::BrokenLink(candidate)),
        }
    }
    match found.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.clone())),
        [first, second, ..] => Err(InputError::TwoFiles {
            dir: dir.to_path_buf(),
            first: file_name(first),
            second: file_name(second),
        }),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// Largest CSV file kaigi reads. A 100,000-meeting inventory is about 60 MB.
pub const MAX_CSV_BYTES: u64 = 1 << 30;

fn read_bytes(path: &Path) -> Result<Vec<u8>, InputError> {
    let io = |source| InputError::Io { path: path.to_path_buf(), source };
    let size = std::fs::metadata(path).map_err(io)?.len();
    if size > MAX_CSV_BYTES {
        return Err(InputError::TooLarge { path: path.to_path_buf(), bytes: size });
    }
    std::fs::read(path).map_err(io)
}

/// Reads a meetings file; a workbook may also carry the agencies sheet.
fn read_file(
    path: &Path,
    options: &LoadOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(Table, Option<Table>), InputError> {
    let ext = extension(path);
    if WORKBOOK_EXTENSIONS.contains(&ext.as_str()) {
        return table::read_workbook(path, diagnostics).map_err(|e| InputError::Workbook {
            path: path.to_path_buf(),
            message: e.to_string(),
        });
    }
    if !TABLE_EXTENSIONS.contains(&ext.as_str()) {
        return Err(InputError::UnsupportedFile(path.to_path_buf()));
    }
    Ok((read_csv_file(path, options, diagnostics)?, None))
}

fn read_agency_file(
    path: &Path,
    options: &LoadOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Table, InputError> {
    if WORKBOOK_EXTENSIONS.contains(&extension(path).as_str()) {
        return table::read_agency_workbook(path, diagnostics).map_err(|e| InputError::Workbook {
            path: path.to_path_buf(),
            message: e.to_string(),
        });
    }
    read_csv_file(path, options, diagnostics)
}

fn read_csv_file(
    path: &Path,
    options: &LoadOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Table, InputError> {
    let bytes = read_bytes(path)?;
    Ok(read_csv_bytes(&bytes, &path.display().to_string(), options, diagnostics))
}

/// Decodes and parses CSV bytes. Exposed for fuzzing and tests.
pub fn read_csv_bytes(
    bytes: &[u8],
    source: &str,
    options: &LoadOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> Table {
    let (text, problem) = decode(bytes, options.encoding, source);
    if let Some(wrong) = wrong_encoding(bytes, &text, options.encoding, source) {
        // One error instead of a row error and a warning per garbled cell.
        diagnostics.push(wrong);
        return Table { source: source.to_string(), ..Table::default() };
    }
    if let Some(problem) = problem {
        diagnostics.push(problem);
    }
    parse_csv(&text, source, diagnostics)
}

/// A forced `--encoding` that turns the header row into replacement characters, while the
/// other encoding reads the whole file cleanly: the file is in the other encoding.
fn wrong_encoding(
    bytes: &[u8],
    text: &str,
    choice: EncodingChoice,
    source: &str,
) -> Option<Diagnostic> {
    let header = text.lines().next()?;
    if !header.contains('\u{FFFD}') {
        return None;
    }
    let (forced, likely, flag) = match choice {
        EncodingChoice::Auto => return None,
        EncodingChoice::Utf8 => {
            let (_, _, had_errors) = encoding_rs::SHIFT_JIS.decode(bytes);
            if had_errors {
                return None;
            }
            ("utf-8", "Shift_JIS", "shift_jis")
        }
        EncodingChoice::ShiftJis => {
            std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).ok()?;
            ("shift_jis", "UTF-8", "utf-8")
        }
    };
    Some(
        Diagnostic::new(
            Severity::Error,
            source,
            Problem::WrongEncoding {
                forced: forced.into(),
                likely: likely.into(),
                flag: flag.into(),
            },
        )
        .at_row(1),
    )
}
