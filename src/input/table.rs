//! Files and sheets → rows of text cells, with the row numbers Excel shows.
//!
//! Everything downstream sees the same `Table` whether the user kept a UTF-8 CSV, a
//! Shift_JIS CSV saved by Excel, or a workbook.

use crate::input::diagnostic::{Diagnostic, Problem, Severity};
use crate::model::characters::{is_xml_forbidden, replace_xml_forbidden};
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
///
/// With [`EncodingChoice::Auto`], a file that is not valid UTF-8 is judged line by line:
/// when its lines with Japanese text are mostly valid UTF-8 (say one row was pasted
/// from a Shift_JIS file), it stays UTF-8 and the first line that is not is named;
/// otherwise it is Shift_JIS and the first line Shift_JIS cannot read is named. Either
/// way the header is decoded in the file's own encoding, so one bad row never turns
/// into false "missing column" errors.
pub fn decode(bytes: &[u8], choice: EncodingChoice, source: &str) -> (String, Option<Diagnostic>) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8(rest, source);
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        // Excel's "Unicode text" export: UTF-16 with a byte-order mark.
        let (text, _, had_errors) = encoding_rs::UTF_16LE.decode(bytes);
        let problem = had_errors.then(|| undecodable(source, "UTF-16", 1, 0));
        return (text.into_owned(), problem);
    }
    match choice {
        EncodingChoice::Utf8 => decode_utf8(bytes, source),
        EncodingChoice::ShiftJis => decode_shift_jis(bytes, source),
        EncodingChoice::Auto => match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), None),
            Err(_) if mostly_utf8(bytes) => decode_utf8(bytes, source),
            Err(_) => decode_shift_jis(bytes, source),
        },
    }
}

/// Whether the lines holding non-ASCII bytes are mostly valid UTF-8. Shift_JIS text
/// almost never forms valid UTF-8 sequences, so a valid non-ASCII line is strong
/// evidence; ties go to UTF-8 only when the first such line (usually the header) is UTF-8.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut utf8, mut other, mut first) = (0usize, 0usize, None);
    for line in bytes.split(|&b| b == b'\n') {
        if line.is_ascii() {
            continue;
        }
        let valid = std::str::from_utf8(line).is_ok();
        first.get_or_insert(valid);
        if valid {
            utf8 += 1;
        } else {
            other += 1;
        }
    }
    utf8 > other || (utf8 == other && first == Some(true))
}

fn decode_utf8(bytes: &[u8], source: &str) -> (String, Option<Diagnostic>) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(error) => {
            let row = row_of_byte(bytes, error.valid_up_to());
            let others = bad_lines(bytes, |line| std::str::from_utf8(line).is_err()) - 1;
            let mut problem = undecodable(source, "UTF-8", row, others);
            // In a file that is otherwise UTF-8, say what the line probably is, so the user
            // knows it was pasted from elsewhere.
            if mostly_utf8(bytes)
                && let Some(line) = bytes.split(|&b| b == b'\n').nth(row - 1)
            {
                let (as_sjis, _, sjis_errors) = encoding_rs::SHIFT_JIS.decode(line);
                if !sjis_errors {
                    problem.problem = Problem::MixedEncoding {
                        encoding: "UTF-8".into(),
                        other: "Shift_JIS".into(),
                        more_lines: others,
                    };
                    problem = problem.with_value(as_sjis.trim_end());
                }
            }
            (String::from_utf8_lossy(bytes).into_owned(), Some(problem))
        }
    }
}

fn decode_shift_jis(bytes: &[u8], source: &str) -> (String, Option<Diagnostic>) {
    let (text, _, _) = encoding_rs::SHIFT_JIS.decode(bytes);
    // The first line Shift_JIS cannot read, or that reads as UTF-8 Japanese (a row pasted
    // from a UTF-8 file often decodes as Shift_JIS without error, as mojibake).
    let mut first: Option<(usize, Option<String>)> = None;
    let mut offending = 0usize;
    for (index, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if line.is_ascii() {
            continue;
        }
        let (_, _, sjis_errors) = encoding_rs::SHIFT_JIS.decode(line);
        let utf8 = std::str::from_utf8(line)
            .ok()
            .filter(|t| t.chars().any(|c| c >= '\u{3000}'))
            .map(|t| t.trim_end().to_string());
        if sjis_errors || utf8.is_some() {
            offending += 1;
            first.get_or_insert((index + 1, utf8));
        }
    }
    let problem = first.map(|(row, utf8)| match utf8 {
        Some(line) => Diagnostic::new(
            Severity::Error,
            source,
            Problem::MixedEncoding {
                encoding: "Shift_JIS".into(),
                other: "UTF-8".into(),
                more_lines: offending - 1,
            },
        )
        .at_row(row)
        .with_value(&line),
        None => undecodable(source, "Shift_JIS", row, offending - 1),
    });
    (text.into_owned(), problem)
}

/// Lines (split on LF) for which `bad` holds.
fn bad_lines(bytes: &[u8], bad: impl Fn(&[u8]) -> bool) -> usize {
    bytes.split(|&b| b == b'\n').filter(|line| !line.is_ascii() && bad(line)).count().max(1)
}

/// Line number (1-based) of a byte offset. For undecodable files this is the best
/// available position, since the CSV structure itself cannot be trusted yet.
fn row_of_byte(bytes: &[u8], at: usize) -> usize {
    bytes[..at.min(bytes.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

fn undecodable(source: &str, encoding: &str, row: usize, more_lines: usize) -> Diagnostic {
    Diagnostic::new(
        Severity::Error,
        source,
        Problem::Undecodable { encoding: encoding.into(), more_lines },
    )
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
                        Problem::Undecodable { encoding: "CSV".into(), more_lines: 0 },
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
            sanitize_header(&mut table, number, diagnostics);
            header_seen = true;
            continue;
        }
        push_row(&mut table, number, cells, true, diagnostics);
    }
    table
}

/// Replaces, in every header cell, the characters XML 1.0 forbids (see
/// [`sanitize_cells`]).
fn sanitize_header(table: &mut Table, number: usize, diagnostics: &mut Vec<Diagnostic>) {
    let mut header = std::mem::take(&mut table.header);
    sanitize_cells(&mut header, None, &table.source, number, diagnostics);
    table.header = header;
}

/// Replaces the characters XML 1.0 forbids (NUL and the other C0 controls except tab and
/// line breaks, U+FFFE, U+FFFF) with U+FFFD, with one warning per cell. Done once at
/// load, so no GraphML, GEXF, SVG, HTML or .xlsx file written later can be broken by a
/// name, and the user is told which cell was changed.
fn sanitize_cells(
    cells: &mut [String],
    header: Option<&[String]>,
    source: &str,
    number: usize,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for (column, cell) in cells.iter_mut().enumerate() {
        if !cell.chars().any(is_xml_forbidden) {
            continue;
        }
        let count = cell.chars().filter(|&c| is_xml_forbidden(c)).count();
        let mut problem =
            Diagnostic::new(Severity::Warning, source, Problem::ForbiddenCharacters { count })
                .at_row(number)
                .with_value(cell);
        if let Some(name) = header.and_then(|h| h.get(column)) {
            problem = problem.in_column(name);
        }
        diagnostics.push(problem);
        *cell = replace_xml_forbidden(cell).into_owned();
    }
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
    sanitize_cells(&mut cells, Some(&table.header), &table.source, number, diagnostics);
    table.rows.push(Row { number, cells });
}

/// Names a sheet may carry for each table, compared after normalisation.
pub const MEETING_SHEETS: &[&str] = &["meetings", "会議", "会議一覧", "meeting"];
/// See [`MEETING_SHEETS`].
pub const AGENCY_SHEETS: &[&str] = &["agencies", "機関", "機関一覧", "参加機関", "agency"];

/// Reads the meetings sheet (by name, else the first visible sheet that is not the
/// agencies sheet) and the agencies sheet (by name only) from a workbook.
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

fn is_named(name: &str, wanted: &[&str]) -> bool {
    wanted.contains(&normalize(name).to_lowercase().as_str())
}

/// Worksheets (not chart sheets) in workbook order, with whether each is visible.
fn worksheets<RS: std::io::Read + std::io::Seek>(
    workbook: &calamine::Sheets<RS>,
) -> Vec<(String, bool)> {
    workbook
        .sheets_metadata()
        .iter()
        .filter(|sheet| sheet.typ == calamine::SheetType::WorkSheet)
        .map(|sheet| (sheet.name.clone(), sheet.visible == calamine::SheetVisible::Visible))
        .collect()
}

fn workbook_tables<RS: std::io::Read + std::io::Seek>(
    workbook: &mut calamine::Sheets<RS>,
    file: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<(Table, Option<Table>), calamine::Error> {
    let sheets = worksheets(workbook);
    let visible: Vec<&str> =
        sheets.iter().filter(|(_, shown)| *shown).map(|(n, _)| n.as_str()).collect();
    // Hidden sheets usually hold last year's data or lookup lists: read the visible ones,
    // and fall back to hidden ones only when nothing is visible.
    let candidates: Vec<&str> =
        if visible.is_empty() { sheets.iter().map(|(n, _)| n.as_str()).collect() } else { visible };
    let agencies_sheet = candidates.iter().find(|n| is_named(n, AGENCY_SHEETS)).copied();
    let meetings_sheet = candidates
        .iter()
        .find(|n| is_named(n, MEETING_SHEETS))
        .or_else(|| candidates.iter().find(|n| Some(**n) != agencies_sheet))
        .copied();
    for (hidden, _) in sheets.iter().filter(|(_, shown)| !shown) {
        if Some(hidden.as_str()) != meetings_sheet && Some(hidden.as_str()) != agencies_sheet {
            diagnostics.push(
                Diagnostic::new(
                    Severity::Warning,
                    file,
                    Problem::HiddenSheet {
                        sheet: replace_xml_forbidden(hidden).into_owned(),
                        used: meetings_sheet.map(|s| replace_xml_forbidden(s).into_owned()),
                    },
                )
                .with_value(hidden),
            );
        }
    }
    let meetings_sheet = meetings_sheet.map(str::to_string);
    let agencies_sheet = agencies_sheet.map(str::to_string);
    let meetings = match meetings_sheet {
        Some(sheet) => read_sheet(workbook, &sheet, file, MEETING_COLUMNS, diagnostics)?,
        None => Table { source: file.to_string(), ..Table::default() },
    };
    let agencies = match agencies_sheet {
        Some(sheet) => Some(read_sheet(workbook, &sheet, file, &[], diagnostics)?),
        None => None,
    };
    Ok((meetings, agencies))
}

/// Reads the agencies sheet (by name, else the first visible sheet) of a workbook that
/// holds the registry.
pub fn read_agency_workbook(
    path: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Table, calamine::Error> {
    let mut workbook = calamine::open_workbook_auto(path)?;
    let sheets = worksheets(&workbook);
    let sheet = sheets
        .iter()
        .filter(|(_, shown)| *shown)
        .find(|(n, _)| is_named(n, AGENCY_SHEETS))
        .or_else(|| sheets.iter().find(|(_, shown)| *shown))
        .or_else(|| sheets.first())
        .map(|(n, _)| n.clone())
        .unwrap_or_default();
    read_sheet(&mut workbook, &sheet, &path.display().to_string(), &[], diagnostics)
}

/// What a workbook cell holds, before it becomes text.
#[derive(Debug, Clone, PartialEq)]
enum CellValue {
    Text(String),
    /// A cell Excel stores as a date, time or duration (a serial number of days).
    Date(calamine::ExcelDateTime),
}

/// The cells of one sheet that hold a value: row → (column, value), both 0-based. Only
/// cells with values are kept, so memory follows what the user typed, not the sheet's
/// declared dimensions (one stray value at XFD1048576 would otherwise be a
/// 17-billion-cell rectangle).
type SparseSheet = std::collections::BTreeMap<u32, Vec<(u32, CellValue)>>;

fn sparse_value(value: calamine::Data) -> Option<CellValue> {
    match value {
        Data::Empty => None,
        Data::DateTime(date) => Some(CellValue::Date(date)),
        other => {
            let text = cell_text(&other);
            (!text.trim().is_empty()).then_some(CellValue::Text(text))
        }
    }
}

/// Collects the cells with values. .xlsx and .xlsb are streamed cell by cell; .xls and
/// .ods are held by calamine as parsed (both formats bound a sheet's size themselves).
fn sparse_sheet<RS: std::io::Read + std::io::Seek>(
    workbook: &mut calamine::Sheets<RS>,
    sheet: &str,
    limit: usize,
) -> Result<(SparseSheet, Option<u32>), calamine::Error> {
    let mut cells = SparseSheet::new();
    let mut values = 0usize;
    let mut stopped_at = None;
    // Returns false once the sheet holds more values than kaigi reads.
    let mut put = |(row, column): (u32, u32), value: calamine::Data| -> bool {
        if let Some(value) = sparse_value(value) {
            values += 1;
            if values > limit {
                stopped_at = Some(row);
                return false;
            }
            cells.entry(row).or_default().push((column, value));
        }
        true
    };
    match workbook {
        calamine::Sheets::Xlsx(xlsx) => {
            let mut reader = xlsx.worksheet_cells_reader(sheet)?;
            while let Some(cell) = reader.next_cell()? {
                if !put(cell.get_position(), cell.get_value().clone().into()) {
                    break;
                }
            }
        }
        calamine::Sheets::Xlsb(xlsb) => {
            let mut reader = xlsb.worksheet_cells_reader(sheet)?;
            while let Some(cell) = reader.next_cell()? {
                if !put(cell.get_position(), cell.get_value().clone().into()) {
                    break;
                }
            }
        }
        other => {
            let range = other.worksheet_range(sheet)?;
            let (start_row, start_column) = range.start().unwrap_or((0, 0));
            for (row, column, value) in range.used_cells() {
                if !put((start_row + row as u32, start_column + column as u32), value.clone()) {
                    break;
                }
            }
        }
    }
    for row in cells.values_mut() {
        row.sort_by_key(|(column, _)| *column);
        row.dedup_by_key(|(column, _)| *column);
    }
    Ok((cells, stopped_at))
}

/// Most values one sheet may hold. A 100,000-meeting inventory of fifteen columns is 1.5
/// million; the cap keeps memory bounded (about 150 bytes a value) whatever a damaged or
/// hostile file claims.
pub const MAX_SHEET_VALUES: usize = 5_000_000;

/// Headers of the meetings table whose cells hold numbers of sessions or minutes, where
/// a date or time cell means Excel reinterpreted what was typed.
const MEETING_COLUMNS: &[(TimeColumn, &[&str])] = &[
    (
        TimeColumn::Frequency,
        &[
            "開催頻度",
            "頻度",
            "開催回数",
            "回数",
            "frequency",
            "sessionsperyear",
            "frequencyperyear",
        ],
    ),
    (
        TimeColumn::Duration,
        &[
            "1回当たりの会議時間",
            "時間",
            "所要時間",
            "会議時間",
            "duration",
            "minutes",
            "durationmin",
            "minutespersession",
        ],
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TimeColumn {
    Frequency,
    Duration,
}

fn time_column(header: &str, columns: &[(TimeColumn, &[&str])]) -> Option<TimeColumn> {
    let key: String = normalize(header)
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .collect();
    columns.iter().find(|(_, names)| names.contains(&key.as_str())).map(|(column, _)| *column)
}

/// Excel's column letters for a 0-based index (0 → A, 16383 → XFD).
fn column_letters(mut column: u32) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    letters.iter().rev().map(|&b| b as char).collect()
}

fn read_sheet<RS: std::io::Read + std::io::Seek>(
    workbook: &mut calamine::Sheets<RS>,
    sheet: &str,
    file: &str,
    columns: &[(TimeColumn, &[&str])],
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Table, calamine::Error> {
    let (cells, stopped_at) = sparse_sheet(workbook, sheet, MAX_SHEET_VALUES)?;
    let source = format!("{file}!{}", replace_xml_forbidden(sheet));
    if let Some(row) = stopped_at {
        diagnostics.push(
            Diagnostic::new(
                Severity::Error,
                &source,
                Problem::TooManyValues { limit: MAX_SHEET_VALUES },
            )
            .at_row(row as usize + 1),
        );
    }
    Ok(sheet_table(cells, &source, columns, diagnostics))
}

fn sheet_table(
    cells: SparseSheet,
    source: &str,
    columns: &[(TimeColumn, &[&str])],
    diagnostics: &mut Vec<Diagnostic>,
) -> Table {
    let mut table = Table { source: source.to_string(), ..Table::default() };
    let mut rows = cells.into_iter();
    let Some((header_row, header_cells)) = rows.next() else {
        return table;
    };
    let width = header_cells.last().map_or(0, |(column, _)| *column as usize + 1);
    let mut header = vec![String::new(); width];
    for (column, value) in header_cells {
        header[column as usize] = match value {
            CellValue::Text(text) => text,
            CellValue::Date(date) => date_text(&date),
        };
    }
    table.header = header;
    sanitize_header(&mut table, header_row as usize + 1, diagnostics);
    let kinds: Vec<Option<TimeColumn>> =
        table.header.iter().map(|h| time_column(h, columns)).collect();
    // Values right of the header's last column are notes or stray keystrokes; they are
    // not read, and one warning says where the first is and how many there are.
    let mut outside: Option<(u32, u32, String)> = None;
    let mut outside_count = 0usize;
    for (row, row_cells) in rows {
        let number = row as usize + 1;
        let mut texts = vec![String::new(); width];
        for (column, value) in row_cells {
            let text = match value {
                CellValue::Text(text) => text,
                CellValue::Date(date) => {
                    let kind = kinds.get(column as usize).copied().flatten();
                    date_cell(&date, kind, &table, number, column as usize, diagnostics)
                }
            };
            match texts.get_mut(column as usize) {
                Some(slot) => *slot = text,
                None => {
                    outside_count += 1;
                    outside.get_or_insert((row, column, text));
                }
            }
        }
        if texts.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        push_row(&mut table, number, texts, false, diagnostics);
    }
    if let Some((row, column, value)) = outside {
        diagnostics.push(
            Diagnostic::new(
                Severity::Warning,
                source,
                Problem::OutsideTable {
                    cell: format!("{}{}", column_letters(column), row + 1),
                    cells: outside_count,
                },
            )
            .at_row(row as usize + 1)
            .with_value(&value),
        );
    }
    table
}

/// A date or time cell as text. In the duration column a time of day (1:30) or a
/// duration ([h]:mm) is what the user meant as a length: it is read as minutes, with a
/// warning. Anywhere else a date is shown as the date it is; in the frequency column that
/// is never a frequency, and the warning says Excel turned what was typed into a date.
fn date_cell(
    date: &calamine::ExcelDateTime,
    kind: Option<TimeColumn>,
    table: &Table,
    number: usize,
    column: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    let shown = date_text(date);
    let header = table.header.get(column).map_or("", String::as_str);
    let days = date.as_f64();
    let read_as = match kind {
        Some(TimeColumn::Duration) if (date.is_duration() || days < 1.0) && days > 0.0 => {
            let minutes = (days * 1440.0 * 100.0).round() / 100.0;
            Some(format!("{minutes}"))
        }
        Some(_) => None,
        None => return shown,
    };
    diagnostics.push(
        Diagnostic::new(
            Severity::Warning,
            &table.source,
            Problem::DateCell {
                read_as: read_as.clone(),
                duration: kind == Some(TimeColumn::Duration),
            },
        )
        .at_row(number)
        .in_column(header)
        .with_value(&shown),
    );
    read_as.unwrap_or(shown)
}

/// `2024-01-05`, `1:30` (a time or duration), or `2024-01-05 09:30`.
fn date_text(date: &calamine::ExcelDateTime) -> String {
    let days = date.as_f64();
    if !days.is_finite() {
        return String::new();
    }
    if date.is_duration() || (0.0..1.0).contains(&days) {
        let minutes = (days * 1440.0).round() as i64;
        return format!("{}:{:02}", minutes / 60, minutes % 60);
    }
    let (year, month, day, hour, minute, _, _) = date.to_ymd_hms_milli();
    if hour == 0 && minute == 0 {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}")
    }
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
        Data::DateTime(date) => date_text(date),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_as_excel_writes_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16383), "XFD");
    }

    #[test]
    fn one_shift_jis_row_in_a_utf8_file_is_located_and_the_header_stays_readable() {
        let mut bytes = "会議名,参加者\n地域ケア会議,社協\n".as_bytes().to_vec();
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("個別会議,包括\n");
        bytes.extend_from_slice(&sjis);
        let (text, problem) = decode(&bytes, EncodingChoice::Auto, "m.csv");
        assert!(text.starts_with("会議名,参加者\n"));
        let problem = problem.expect("a problem");
        assert_eq!(problem.row, Some(3));
        assert!(matches!(problem.problem, Problem::MixedEncoding { .. }), "{problem:?}");
        assert_eq!(problem.value.as_deref(), Some("個別会議,包括"));
    }

    #[test]
    fn one_utf8_row_in_a_shift_jis_file_is_located_even_when_it_decodes_as_mojibake() {
        let (bytes, _, _) = encoding_rs::SHIFT_JIS
            .encode("会議名,参加者\n地域ケア会議,社協\n個別会議,包括\n支援会議,福祉課\n");
        let mut bytes = bytes.into_owned();
        bytes.extend_from_slice("重層的支援会議,社協\n".as_bytes());
        let (text, problem) = decode(&bytes, EncodingChoice::Auto, "m.csv");
        assert!(text.starts_with("会議名,参加者\n"));
        let problem = problem.expect("a problem");
        assert_eq!(problem.row, Some(5));
        assert_eq!(problem.value.as_deref(), Some("重層的支援会議,社協"));
    }

    #[test]
    fn one_bad_row_in_a_shift_jis_file_is_located() {
        let (mut bytes, _, _) = encoding_rs::SHIFT_JIS.encode("会議名,参加者\n地域ケア会議,社協\n");
        let mut bytes = bytes.to_mut().clone();
        bytes.extend_from_slice(b"x,\x81\x20\n");
        let (text, problem) = decode(&bytes, EncodingChoice::Auto, "m.csv");
        assert!(text.starts_with("会議名,参加者\n"));
        assert_eq!(problem.expect("a problem").row, Some(3));
    }

    #[test]
    fn forbidden_characters_are_replaced_with_a_located_warning() {
        let mut diagnostics = Vec::new();
        let table = parse_csv("name,participants\nA\u{1b}[31m,B\u{0}\n", "m.csv", &mut diagnostics);
        assert_eq!(table.rows[0].cells, ["A\u{fffd}[31m", "B\u{fffd}"]);
        assert_eq!(diagnostics.len(), 2);
        assert_eq!(diagnostics[0].row, Some(2));
        assert_eq!(diagnostics[0].column.as_deref(), Some("name"));
    }

    #[test]
    fn a_time_in_the_duration_column_is_read_as_minutes() {
        let mut cells = SparseSheet::new();
        cells.insert(0, vec![(0, CellValue::Text("会議時間".into()))]);
        let time =
            calamine::ExcelDateTime::new(0.0625, calamine::ExcelDateTimeType::DateTime, false);
        cells.insert(1, vec![(0, CellValue::Date(time))]);
        let mut diagnostics = Vec::new();
        let table = sheet_table(cells, "w.xlsx!会議", MEETING_COLUMNS, &mut diagnostics);
        assert_eq!(table.rows[0].cells, ["90"]);
        assert_eq!(diagnostics[0].value.as_deref(), Some("1:30"));
    }

    #[test]
    fn reading_stops_at_the_value_cap_and_says_where() {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        for row in 0..10u32 {
            sheet.write_string(row, 0, format!("v{row}")).unwrap();
        }
        let bytes = workbook.save_to_buffer().unwrap();
        let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let (cells, stopped) = sparse_sheet(&mut book, "Sheet1", 4).unwrap();
        assert_eq!(cells.len(), 4);
        assert_eq!(stopped, Some(4));
        let (cells, stopped) = sparse_sheet(&mut book, "Sheet1", 100).unwrap();
        assert_eq!((cells.len(), stopped), (10, None));
    }

    #[test]
    fn a_far_stray_cell_is_one_located_warning() {
        let mut cells = SparseSheet::new();
        cells.insert(0, vec![(0, CellValue::Text("name".into()))]);
        cells.insert(1, vec![(0, CellValue::Text("A".into()))]);
        cells.insert(1_048_575, vec![(16_383, CellValue::Text("x".into()))]);
        let mut diagnostics = Vec::new();
        let table = sheet_table(cells, "w.xlsx!s", &[], &mut diagnostics);
        assert_eq!(table.rows.len(), 1);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(
            diagnostics[0].problem,
            Problem::OutsideTable { cell: "XFD1048576".into(), cells: 1 }
        );
    }
}
