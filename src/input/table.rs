//! Files and sheets → rows of text cells, with the row numbers Excel shows.
//!
//! Everything downstream sees the same `Table` whether the user kept a UTF-8 CSV, a
//! Shift_JIS CSV saved by Excel, or a workbook.

use crate::input::diagnostic::{Diagnostic, Problem, Severity};
use crate::model::normalize;
use calamine::{Data, Reader};
use std::path::Path;

/// Longest cell kaigi accepts. Real cells are a few hundred characters; anything near
/// this is a paste accident, and refusing it keeps memory and messages bounded.
pub const MAX_CELL_CHARS: usize = 20_000;

/// Encoding of CSV files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum EncodingChoice {
    /// UTF-8 when the bytes are valid UTF-8 (a BOM is skipped), otherwise Shift_JIS.
    #[default]
    Auto,
    /// UTF-8, with or without BOM.
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    /// Shift_JIS as Windows writes it (CP932).
    #[value(name = "shift_jis", alias = "sjis", alias = "cp932")]
    ShiftJis,
}

/// One sheet or CSV file as rows of text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// File name (and `!sheet` for workbooks) used in messages.
    pub source: String,
    /// Header cells as written.
    pub header: Vec<String>,
    /// Data rows, blank rows left out.
    pub rows: Vec<Row>,
}

/// One data row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Row number as Excel shows it (the header is row 1 when it is the first row).
    pub number: usize,
    /// Cells, padded with empty strings to the header's width.
    pub cells: Vec<String>,
}

/// Decodes CSV bytes. Returns the text and, when bytes could not be decoded, a
/// diagnostic naming the row of the first bad byte (the text then holds U+FFFD there).
pub fn decode(bytes: &[u8], choice: EncodingChoice, source: &str) -> (String, Option<Diagnostic>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8(rest, source);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        // Excel's "Unicode text" export: UTF-16 with a byte-order mark.
        let (text, _, had_errors) = encoding_rs::UTF_16LE.decode(bytes);
        let problem = had_errors.then(|| undecodable(source, "UTF-16", 1));
        return (text.into_owned(), problem);
    }
    match choice {
        EncodingChoice::Utf8 => decode_utf8(bytes, source),
        EncodingChoice::ShiftJis => decode_shift_jis(bytes, source),
        EncodingChoice::Auto => match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), None),
            Err(_) => decode_shift_jis(bytes, source),
        },
    }
}

fn decode_utf8(bytes: &[u8], source: &str) -> (String, Option<Diagnostic>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(error) => {
            let row = row_of_byte(bytes, error.valid_up_to());
            (String::from_utf8_lossy(bytes).into_owned(), Some(undecodable(source, "UTF-8", row)))
        }
    }
}

fn decode_shift_jis(bytes: &[u8], source: &str) -> (String, Option<Diagnostic>) {
    let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(bytes);
    let problem = had_errors.then(|| {
        let row = first_bad_shift_jis_byte(bytes).map_or(1, |at| row_of_byte(bytes, at));
        undecodable(source, "Shift_JIS", row)
    });
    (text.into_owned(), problem)
}

/// Finds the first byte Shift_JIS cannot decode, by decoding line by line.
fn first_bad_shift_jis_byte(bytes: &[u8]) -> Option<usize> {
    let mut offset = 0;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let (_, _, had_errors) = encoding_rs::SHIFT_JIS.decode(line);
        if had_errors {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// Line number (1-based) of a byte offset. For undecodable files this is the best
/// available position, since the CSV structure itself cannot be trusted yet.
fn row_of_byte(bytes: &[u8], at: usize) -> usize {
    bytes[..at.min(bytes.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

fn undecodable(source: &str, encoding: &str, row: usize) -> Diagnostic {
    Diagnostic::new(Severity::Error, source, Problem::Undecodable { encoding: encoding.into() })
        .at_row(row)
}

/// Parses decoded CSV text. Comma-separated unless the header line has tabs and no commas.
/// Rows whose cells are all blank are skipped; ragged rows and oversized cells are
/// reported and the row is left out.
pub fn parse_csv(text: &str, source: &str, diagnostics: &mut Vec<Diagnostic>) -> Table {
    let first_line = text.lines().next().unwrap_or("");
    let delimiter =
        if first_line.contains('\t') && !first_line.contains(',') { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut table = Table { source: source.to_string(), ..Table::default() };
    let mut header_seen = false;
    for (index, record) in reader.records().enumerate() {
        let number = index + 1;
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                // The csv crate only fails on I/O or UTF-8 here; the text is already
                // decoded, so report and stop rather than guess.
                let value = error.to_string();
                diagnostics.push(
                    Diagnostic::new(
                        Severity::Error,
                        source,
                        Problem::Undecodable { encoding: "CSV".into() },
                    )
                    .at_row(number)
                    .with_value(&value),
                );
                break;
            }
        };
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if !header_seen {
            table.header = cells;
            header_seen = true;
            continue;
        }
        push_row(&mut table, number, cells, true, diagnostics);
    }
    table
}

/// Adds a data row after checking width and cell size.
fn push_row(
    table: &mut Table,
    number: usize,
    mut cells: Vec<String>,
    check_width: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let width = table.header.len();
    if check_width && cells.len() != width {
        let extra_blank = cells.len() > width && cells[width..].iter().all(|c| c.trim().is_empty());
        if !extra_blank {
            diagnostics.push(
                Diagnostic::new(
                    Severity::Error,
                    &table.source,
                    Problem::RaggedRow { cells: cells.len(), expected: width },
                )
                .at_row(number),
            );
            return;
        }
    }
    let mut oversized = false;
    for (column, cell) in cells.iter().enumerate() {
        let chars = cell.chars().count();
        if chars > MAX_CELL_CHARS {
            oversized = true;
            let header = table.header.get(column).map_or("", String::as_str);
            diagnostics.push(
                Diagnostic::new(
                    Severity::Error,
                    &table.source,
                    Problem::CellTooLong { chars, limit: MAX_CELL_CHARS },
                )
                .at_row(number)
                .in_column(header)
                .with_value(cell),
            );
        }
    }
    if oversized {
        return;
    }
    cells.resize(width.max(cells.len()), String::new());
    cells.truncate(width);
    table.rows.push(Row { number, cells });
}

/// Names a sheet may carry for each table, compared after normalisation.
pub const MEETING_SHEETS: &[&str] = &["meetings", "会議", "会議一覧", "meeting"];
/// See [`MEETING_SHEETS`].
pub const AGENCY_SHEETS: &[&str] = &["agencies", "機関", "機関一覧", "参加機関", "agency"];

/// Reads the meetings sheet (by name, else the first sheet that is not the agencies
/// sheet) and the agencies sheet (by name only) from a workbook.
pub fn read_workbook(
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(Table, Option<Table>), calamine::Error> {
    let mut workbook = calamine::open_workbook_auto(path)?;
    workbook_tables(&mut workbook, &path.display().to_string(), diagnostics)
}

/// [`read_workbook`] on bytes already in memory (any format calamine detects: .xls,
/// .xlsx, .xlsb, .ods). `source` names the file in messages. Exposed for fuzzing.
pub fn read_workbook_bytes(
    bytes: &[u8],
    source: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(Table, Option<Table>), calamine::Error> {
    let mut workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))?;
    workbook_tables(&mut workbook, source, diagnostics)
}

fn workbook_tables<RS: std::io::Read + std::io::Seek>(
    workbook: &mut calamine::Sheets<RS>,
    file: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(Table, Option<Table>), calamine::Error> {
    let names = workbook.sheet_names();
    let is_named =
        |name: &str, wanted: &[&str]| wanted.contains(&normalize(name).to_lowercase().as_str());
    let agencies_sheet = names.iter().find(|n| is_named(n, AGENCY_SHEETS)).cloned();
    let meetings_sheet = names
        .iter()
        .find(|n| is_named(n, MEETING_SHEETS))
        .or_else(|| names.iter().find(|n| Some(*n) != agencies_sheet.as_ref()))
        .cloned();
    let mut read =
        |sheet: &str, diagnostics: &mut Vec<Diagnostic>| -> Result<Table, calamine::Error> {
            let range = workbook.worksheet_range(sheet)?;
            Ok(sheet_table(&range, &format!("{file}!{sheet}"), diagnostics))
        };
    let meetings = match meetings_sheet {
        Some(sheet) => read(&sheet, diagnostics)?,
        None => Table { source: file.to_string(), ..Table::default() },
    };
    let agencies = match agencies_sheet {
        Some(sheet) => Some(read(&sheet, diagnostics)?),
        None => None,
    };
    Ok((meetings, agencies))
}

/// Reads the agencies sheet (by name, else the first sheet) of a workbook that holds
/// the registry.
pub fn read_agency_workbook(
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Table, calamine::Error> {
    let mut workbook = calamine::open_workbook_auto(path)?;
    let names = workbook.sheet_names();
    let sheet = names
        .iter()
        .find(|n| AGENCY_SHEETS.contains(&normalize(n).to_lowercase().as_str()))
        .or_else(|| names.first())
        .cloned()
        .unwrap_or_default();
    let range = workbook.worksheet_range(&sheet)?;
    Ok(sheet_table(&range, &format!("{}!{sheet}", path.display()), diagnostics))
}

fn sheet_table(
    range: &calamine::Range<Data>,
    source: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Table {
    let mut table = Table { source: source.to_string(), ..Table::default() };
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let mut header_seen = false;
    for (index, row) in range.rows().enumerate() {
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let number = first_row + index + 1;
        if !header_seen {
            let used = cells.iter().rposition(|c| !c.trim().is_empty()).map_or(0, |p| p + 1);
            table.header = cells[..used].to_vec();
            header_seen = true;
            continue;
        }
        // A workbook row is as wide as the used range, so width is not checked; cells to
        // the right of the header are blank or notes and are dropped with the padding.
        push_row(&mut table, number, cells, false, diagnostics);
    }
    table
}

/// Text of a workbook cell as the user sees it: integral numbers without `.0`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        Data::Float(value) if value.fract() == 0.0 && value.abs() < 1e15 => {
            format!("{}", *value as i64)
        }
        Data::Float(value) => value.to_string(),
        Data::Int(value) => value.to_string(),
        Data::Bool(value) => value.to_string(),
        other => other.to_string(),
    }
}
