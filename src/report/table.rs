//! A plain table — title, header, typed cells, totals — and its renderers: CSV (UTF-8
//! with BOM), a sheet of an .xlsx workbook a planner can filter and print, Markdown.
//! Every table a report shows goes through here, so neutralising formulas, escaping and
//! column widths happen in one place.

use crate::lang::Lang;
use crate::report::safety::csv_with_bom;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Worksheet, XlsxError};
use std::borrow::Cow;
use std::collections::BTreeSet;
use unicode_width::UnicodeWidthStr;

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text, neutralised when written to a spreadsheet.
    Text(String),
    /// A number, shown with the given decimals.
    Number(f64, usize),
    /// A whole number.
    Int(i64),
}

impl Cell {
    /// Text as shown in CSV and Markdown.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Number(value, decimals) => {
                crate::report::inventory_table::no_negative_zero(format!("{value:.decimals$}"))
            }
            Cell::Int(value) => value.to_string(),
        }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_string())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

/// A titled table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// File and sheet key (ASCII, e.g. `meetings`).
    pub key: String,
    /// Title shown in reports.
    pub title: String,
    /// Column headers.
    pub header: Vec<String>,
    /// Rows, each as wide as the header.
    pub rows: Vec<Vec<Cell>>,
    /// Totals, each as wide as the header: shown after the rows, and kept out of the
    /// data range in the workbook (below a blank row) so that a pivot or a sum over the
    /// data does not count them twice.
    pub totals: Vec<Vec<Cell>>,
}

/// Rows a table in `report.html` and `report.md` shows at most, and proposed bodies and
/// overlap clusters they describe: pages to read, not databases. A city's inventory (a
/// few hundred meetings) is never cut; a 100,000-meeting region made a 261 MB page no
/// browser opens comfortably, and building it took gigabytes. The rest is in
/// tables.xlsx and tables/*.csv (and all of it in analysis.json), as the note says.
pub const DOCUMENT_ROWS: usize = 2_000;

/// How much of a table (or list) a document shows when it cannot hold all of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// Rows (or items) shown.
    pub shown: usize,
    /// Rows in all.
    pub total: usize,
    /// The table's key: where the rest is (`tables/<key>.csv`).
    pub key: String,
}

impl Table {
    /// A table with a title picked by language.
    pub fn new(
        key: &str,
        lang: Lang,
        title_ja: &str,
        title_en: &str,
        header: &[(&str, &str)],
    ) -> Self {
        Table {
            key: key.to_string(),
            title: lang.pick(title_ja, title_en).to_string(),
            header: header.iter().map(|(ja, en)| lang.pick(ja, en).to_string()).collect(),
            rows: Vec::new(),
            totals: Vec::new(),
        }
    }

    /// The data rows, then the totals: the order CSV, Markdown and HTML show them.
    pub fn all_rows(&self) -> impl Iterator<Item = &Vec<Cell>> {
        self.rows.iter().chain(&self.totals)
    }

    /// How wide each column's text is, in East Asian display columns (a kanji counts
    /// two, as in a monospaced Japanese font): the widest line of any cell, header
    /// included.
    pub fn text_widths(&self) -> Vec<usize> {
        let mut widths: Vec<usize> = self.header.iter().map(|h| line_width(h)).collect();
        for row in self.all_rows() {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(line_width(&cell.display()));
            }
        }
        widths
    }

    /// Column widths, in display columns, that fill `total` display columns the way a
    /// browser's automatic table layout does: every column gets its short content (up
    /// to `least` display columns) and the room left goes to the columns with long text,
    /// in proportion to how much they lack. The participants column of the meeting table
    /// thus gets most of the page, and an id column no more than it needs.
    pub fn fitted_widths(&self, total: f64, least: usize) -> Vec<f64> {
        // One column more than the text: Latin capitals and digits are wider than half an em.
        let natural: Vec<f64> =
            self.text_widths().iter().map(|w| (*w).max(2) as f64 + 1.0).collect();
        let short: Vec<f64> = natural.iter().map(|w| w.min(least as f64)).collect();
        let (sum_natural, sum_short) = (natural.iter().sum::<f64>(), short.iter().sum::<f64>());
        if sum_natural <= total {
            natural.iter().map(|w| w * total / sum_natural).collect()
        } else if sum_short >= total {
            short.iter().map(|w| w * total / sum_short).collect()
        } else {
            let share = (total - sum_short) / (sum_natural - sum_short);
            natural.iter().zip(&short).map(|(n, s)| s + (n - s) * share).collect()
        }
    }

    /// The table's title, header and totals, without its rows (cloning only what is
    /// small, for a copy that holds some of the rows).
    pub fn clone_without_rows(&self) -> Table {
        Table {
            key: self.key.clone(),
            title: self.title.clone(),
            header: self.header.clone(),
            rows: Vec::new(),
            totals: self.totals.clone(),
        }
    }

    /// The table with at most `max` rows (its totals kept), and what was cut, if anything.
    pub fn capped(&self, max: usize) -> (std::borrow::Cow<'_, Table>, Option<Cut>) {
        if self.rows.len() <= max {
            return (std::borrow::Cow::Borrowed(self), None);
        }
        let shown = Table { rows: self.rows[..max].to_vec(), ..self.clone_without_rows() };
        let cut = Cut { shown: max, total: self.rows.len(), key: self.key.clone() };
        (std::borrow::Cow::Owned(shown), Some(cut))
    }

    /// CSV with BOM, formulas neutralised.
    pub fn to_csv(&self) -> Vec<u8> {
        let mut rows = vec![self.header.clone()];
        rows.extend(self.all_rows().map(|row| row.iter().map(Cell::display).collect()));
        csv_with_bom(&rows)
    }

    /// GitHub-flavoured Markdown table with `|`, `\` and line breaks escaped, and HTML
    /// special characters turned into entities (Markdown renderers pass raw HTML through).
    pub fn to_markdown(&self) -> String {
        let mut out = format!("### {}\n\n", markdown_text(&self.title));
        let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
        out.push_str(&line(self.header.iter().map(|h| markdown_text(h)).collect()));
        out.push_str(&line(self.header.iter().map(|_| "---".to_string()).collect()));
        for row in self.all_rows() {
            out.push_str(&line(row.iter().map(|c| markdown_text(&c.display())).collect()));
        }
        out.push('\n');
        out
    }

    /// [`to_markdown`](Self::to_markdown) of at most [`DOCUMENT_ROWS`] rows, with a note
    /// saying where the rest is when there are more.
    pub fn to_markdown_capped(&self, lang: crate::lang::Lang) -> String {
        let (shown, cut) = self.capped(DOCUMENT_ROWS);
        let mut out = shown.to_markdown();
        if let Some(cut) = cut {
            out.push_str(&markdown_text(&crate::report::phrases::cut_note(&cut, lang)));
            out.push_str("\n\n");
        }
        out
    }

    /// The table for a terminal: its title, then columns aligned by display width (a
    /// Japanese character takes two cells), numbers on the right.
    ///
    /// ```
    /// use kaigi::{Lang, report::{Cell, Table}};
    /// let mut t = Table::new("t", Lang::Ja, "集計", "Summary", &[("名前", "name"), ("時間", "hours")]);
    /// t.rows.push(vec![Cell::from("甲市"), Cell::Number(12.5, 1)]);
    /// t.rows.push(vec![Cell::from("b"), Cell::Number(3.0, 1)]);
    /// assert_eq!(t.to_text(), "集計\n  名前  時間\n  甲市  12.5\n  b      3.0\n");
    /// ```
    pub fn to_text(&self) -> String {
        use unicode_width::UnicodeWidthStr;
        let cells: Vec<Vec<String>> = std::iter::once(self.header.clone())
            .chain(self.rows.iter().map(|row| row.iter().map(Cell::display).collect()))
            .collect();
        let widths: Vec<usize> = (0..self.header.len())
            .map(|c| cells.iter().filter_map(|r| r.get(c)).map(|t| t.width()).max().unwrap_or(0))
            .collect();
        let numeric: Vec<bool> = (0..self.header.len())
            .map(|c| self.rows.iter().all(|r| !matches!(r.get(c), Some(Cell::Text(_)))))
            .collect();
        let mut out = format!("{}\n", self.title);
        for row in &cells {
            let line: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(c, text)| {
                    let fill = " ".repeat(widths[c].saturating_sub(text.width()));
                    if numeric[c] { format!("{fill}{text}") } else { format!("{text}{fill}") }
                })
                .collect();
            out.push_str(&format!("  {}\n", line.join("  ").trim_end()));
        }
        out
    }
}

/// Escapes text for Markdown: HTML entities, table pipes, emphasis and link characters.
///
/// ```
/// assert_eq!(kaigi::report::markdown_text("<b>a|b</b>"), "&lt;b&gt;a\\|b&lt;/b&gt;");
/// ```
pub fn markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the
/// workbook (Excel compares names without regard to case). The table's title is used, so
/// the tabs read in the report's language.
fn sheet_name(title: &str, taken: &mut BTreeSet<String>) -> String {
    let base: String = title.chars().filter(|c| !"[]:*?/\\'".contains(*c)).take(31).collect();
    let base = if base.trim().is_empty() { "sheet".to_string() } else { base };
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.to_lowercase()) {
        let suffix = format!(" ({n})");
        let keep = 31 - suffix.chars().count();
        name = base.chars().take(keep).collect::<String>() + &suffix;
        n += 1;
    }
    name
}

/// The widest line of a text in display columns (a kanji counts two).
fn line_width(text: &str) -> usize {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// Widest column in the workbook, in Excel's units (about one digit of the default
/// font; a kanji takes about two): longer text wraps inside the cell.
const XLSX_MAX_WIDTH: usize = 40;

/// Height of one line of text in points (Excel's default row for an 11 pt font).
const XLSX_LINE_HEIGHT: f64 = 15.0;

/// Excel's column width for text this many display columns wide: a little padding, the
/// filter button's room in the header, never wider than [`XLSX_MAX_WIDTH`].
fn xlsx_width(columns: usize) -> f64 {
    (columns + 3).clamp(6, XLSX_MAX_WIDTH) as f64
}

/// How many lines the tallest wrapped cell of a row takes at its column's width.
fn wrapped_lines(row: &[Cell], wrap: &[bool], widths: &[f64]) -> usize {
    row.iter()
        .enumerate()
        .filter(|(c, _)| wrap.get(*c).copied().unwrap_or(false))
        .map(|(c, cell)| {
            let room = (widths.get(c).copied().unwrap_or(10.0) - 1.0).max(1.0);
            cell.display()
                .lines()
                .map(|line| ((line.width() as f64) / room).ceil().max(1.0) as usize)
                .sum::<usize>()
        })
        .max()
        .unwrap_or(1)
}

/// Excel's limit on one cell's text, in UTF-16 code units.
const EXCEL_CELL_LIMIT: usize = 32_767;

/// Text cut to what one Excel cell holds, ending in "…" when cut: a list of every
/// agency linking two fields runs past the limit in a prefecture's inventory, and the
/// workbook would otherwise not be written at all (the CSV keeps the whole text).
fn within_cell_limit(text: &str) -> Cow<'_, str> {
    if text.encode_utf16().count() <= EXCEL_CELL_LIMIT {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut units = 0;
    for c in text.chars() {
        // One unit is kept for the ellipsis.
        if units + c.len_utf16() > EXCEL_CELL_LIMIT - 1 {
            break;
        }
        units += c.len_utf16();
        out.push(c);
    }
    out.push('…');
    Cow::Owned(out)
}

/// Escapes `&` for Excel's page header codes.
fn header_code_text(text: &str) -> String {
    text.replace('&', "&&")
}

/// The formats one sheet uses.
struct SheetFormats {
    header: Format,
    text: Format,
    wrapped: Format,
    total_text: Format,
    numbers: Vec<Format>,
    total_numbers: Vec<Format>,
}

impl SheetFormats {
    fn new() -> Self {
        let base = Format::new().set_align(FormatAlign::Top);
        let number = |decimals: usize| {
            let pattern =
                if decimals == 0 { "0".to_string() } else { format!("0.{}", "0".repeat(decimals)) };
            base.clone().set_num_format(pattern)
        };
        let numbers: Vec<Format> = (0..=4).map(number).collect();
        SheetFormats {
            header: base
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_background_color(0xDDEBF7)
                .set_border_bottom(FormatBorder::Thin),
            text: base.clone(),
            wrapped: base.clone().set_text_wrap(),
            total_text: base.clone().set_bold().set_border_top(FormatBorder::Thin),
            total_numbers: numbers
                .iter()
                .map(|f| f.clone().set_bold().set_border_top(FormatBorder::Thin))
                .collect(),
            numbers,
        }
    }

    fn number(&self, decimals: usize, total: bool) -> &Format {
        let list = if total { &self.total_numbers } else { &self.numbers };
        &list[decimals.min(list.len() - 1)]
    }
}

/// Writes one row of cells. Strings are written as strings: an .xlsx string cell is
/// never evaluated, so it needs no apostrophe guard (CSV keeps its guard).
fn write_row(
    sheet: &mut Worksheet,
    r: u32,
    row: &[Cell],
    wrap: &[bool],
    formats: &SheetFormats,
    total: bool,
) -> Result<(), XlsxError> {
    for (c, cell) in row.iter().enumerate() {
        let column = c as u16;
        match cell {
            Cell::Text(text) if text.is_empty() => continue,
            Cell::Text(text) => {
                let format = if total {
                    &formats.total_text
                } else if wrap.get(c).copied().unwrap_or(false) {
                    &formats.wrapped
                } else {
                    &formats.text
                };
                sheet.write_string_with_format(
                    r,
                    column,
                    within_cell_limit(text).as_ref(),
                    format,
                )?
            }
            // `+ 0.0` turns -0.0 into 0.0, so no sheet shows "-0".
            Cell::Number(value, decimals) => sheet.write_number_with_format(
                r,
                column,
                *value + 0.0,
                formats.number(*decimals, total),
            )?,
            Cell::Int(value) => sheet.write_number_with_format(
                r,
                column,
                *value as f64,
                formats.number(0, total),
            )?,
        };
    }
    Ok(())
}

/// One workbook with a sheet per table, ready to filter and to print: columns as wide as
/// their text (long text wrapped), the header frozen, bold and filterable, numbers as
/// numbers, totals below a blank row outside the filtered range, and each sheet set to
/// print on A4 landscape, one page wide, with the header row on every page and the
/// table's title and page number in the page header and footer.
pub fn tables_to_xlsx(tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = crate::report::reproducible_workbook()?;
    let formats = SheetFormats::new();
    let mut taken = BTreeSet::new();
    for table in tables {
        // Rows go to a temporary file as they are written (rust_xlsxwriter's "low memory"
        // mode, rows written in order, strings still shared): at 100,000 meetings the
        // sheets held in memory were over a gigabyte.
        let sheet = workbook.add_worksheet_with_low_memory()?;
        sheet.set_name(sheet_name(&table.title, &mut taken))?;
        // Headers wrap onto two lines, so a long header over short numbers (「1回当たり
        // の時間（分）」) needs only half its width.
        let widths: Vec<usize> = table
            .header
            .iter()
            .enumerate()
            .map(|(c, header)| {
                let content = table
                    .all_rows()
                    .filter_map(|row| row.get(c))
                    .map(|cell| line_width(&cell.display()))
                    .max()
                    .unwrap_or(0);
                content.max(line_width(header).div_ceil(2) + 1)
            })
            .collect();
        let wrap: Vec<bool> = widths.iter().map(|w| xlsx_width(*w) < (*w + 3) as f64).collect();
        sheet.set_row_height(0, XLSX_LINE_HEIGHT * 2.0)?;
        for (column, header) in table.header.iter().enumerate() {
            let column = column as u16;
            sheet.write_string_with_format(0, column, header, &formats.header)?;
            sheet.set_column_width(column, xlsx_width(widths[column as usize]))?;
        }
        let column_widths: Vec<f64> = widths.iter().map(|w| xlsx_width(*w)).collect();
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            write_row(sheet, r, row, &wrap, &formats, false)?;
            // Neither Excel nor LibreOffice grows a row for wrapped text written by a
            // program: set the height from the lines the widest wrapped cell needs.
            let lines = wrapped_lines(row, &wrap, &column_widths);
            if lines > 1 {
                sheet.set_row_height(r, XLSX_LINE_HEIGHT * lines as f64)?;
            }
        }
        let last_column = table.header.len().saturating_sub(1) as u16;
        let last_row = table.rows.len() as u32;
        // Totals after one blank row: outside the filter and any pivot over the data.
        for (i, row) in table.totals.iter().enumerate() {
            write_row(sheet, last_row + 2 + i as u32, row, &wrap, &formats, true)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        if !table.header.is_empty() {
            sheet.autofilter(0, 0, last_row, last_column)?;
        }
        sheet.set_paper_size(9); // A4
        sheet.set_landscape();
        sheet.set_print_fit_to_pages(1, 0);
        sheet.set_repeat_rows(0, 0)?;
        sheet.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
        sheet.set_header(format!("&L{}", header_code_text(&table.title)));
        sheet.set_footer("&C&P / &N");
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_past_excels_cell_limit_is_cut_with_an_ellipsis_and_the_workbook_is_written() {
        let long = "機関、".repeat(20_000);
        let cut = within_cell_limit(&long);
        assert_eq!(cut.encode_utf16().count(), EXCEL_CELL_LIMIT);
        assert!(cut.ends_with('…') && long.starts_with(cut.trim_end_matches('…')));
        assert_eq!(within_cell_limit("短い"), "短い");
        let mut t = Table::new("t", Lang::En, "表", "Table", &[("名前", "name")]);
        t.rows.push(vec![Cell::from(long.as_str())]);
        assert!(tables_to_xlsx(&[t]).is_ok());
    }

    fn sample() -> Table {
        let mut t = Table::new("t", Lang::En, "表", "Table", &[("名前", "name"), ("値", "value")]);
        t.rows.push(vec![Cell::from("=HYPERLINK(\"http://x\")"), Cell::Number(1.25, 1)]);
        t.rows.push(vec![Cell::from("a|b\nc"), Cell::Int(-3)]);
        t
    }

    #[test]
    fn documents_show_at_most_document_rows_and_say_where_the_rest_is() {
        let mut t = sample();
        t.key = "meetings".into();
        t.totals.push(vec![Cell::from("計"), Cell::Int(9)]);
        let short = t.to_markdown_capped(Lang::Ja);
        assert_eq!(short, t.to_markdown(), "a short table is never cut");
        t.rows = (0..DOCUMENT_ROWS + 5)
            .map(|i| vec![Cell::from(format!("M{i}")), Cell::Int(1)])
            .collect();
        let md = t.to_markdown_capped(Lang::Ja);
        assert!(md.contains(&format!("| M{} |", DOCUMENT_ROWS - 1)));
        assert!(!md.contains(&format!("| M{} |", DOCUMENT_ROWS)), "row past the cap shown");
        assert!(md.contains("| 計 | 9 |"), "totals kept");
        assert!(md.contains("全 2,005 件のうち最初の 2,000 件を載せています。すべては tables.xlsx と tables/meetings.csv にあります。"));
        let html = crate::report::document::table_html(&t, Lang::En).into_string();
        assert_eq!(html.matches("<tr>").count(), 1 + DOCUMENT_ROWS + 1, "header, rows, totals");
        assert!(html.contains("The first 2,000 of 2,005 are shown"));
    }

    #[test]
    fn sheet_names_are_titles_cut_to_31_characters_and_unique() {
        let mut taken = BTreeSet::new();
        assert_eq!(sheet_name("会議一覧", &mut taken), "会議一覧");
        // Excel refuses a second sheet of the same name, whatever the case.
        assert_eq!(sheet_name("会議一覧", &mut taken), "会議一覧 (2)");
        assert_eq!(sheet_name("Links", &mut taken), "Links");
        assert_eq!(sheet_name("links", &mut taken), "links (2)");
        // `/` and `?` are not allowed in a sheet name.
        assert_eq!(sheet_name("A/B?", &mut taken), "AB");
        let long = "x".repeat(40);
        assert_eq!(sheet_name(&long, &mut taken).chars().count(), 31);
        assert_eq!(sheet_name(&long, &mut taken), format!("{} (2)", "x".repeat(27)));
    }

    #[test]
    fn fitted_widths_fill_the_room_and_give_long_text_the_most() {
        let mut t =
            Table::new("t", Lang::Ja, "表", "T", &[("ID", "id"), ("参加者", "p"), ("回数", "n")]);
        t.rows.push(vec!["M01".into(), "社会福祉協議会、".repeat(20).into(), Cell::Int(12)]);
        let widths = t.fitted_widths(100.0, 10);
        assert!((widths.iter().sum::<f64>() - 100.0).abs() < 1e-9, "{widths:?}");
        // The short columns keep their text's width (plus one); the rest is the list's.
        assert_eq!(widths[0], 4.0);
        assert_eq!(widths[2], 5.0);
        assert_eq!(widths[1], 91.0);
        // With room to spare every column grows in proportion.
        let wide = t.fitted_widths(1000.0, 10);
        assert!(wide[0] > 4.0 && wide[1] > 91.0);
    }

    #[test]
    fn totals_follow_the_rows_in_csv_and_markdown() {
        let mut t = sample();
        t.totals.push(vec![Cell::from("計"), Cell::Int(9)]);
        let csv = String::from_utf8(t.to_csv()).unwrap();
        assert!(csv.trim_end().ends_with("計,9"), "{csv}");
        assert!(t.to_markdown().trim_end().ends_with("| 計 | 9 |"));
    }

    #[test]
    fn csv_neutralises_formulas_but_not_numbers() {
        let text = String::from_utf8(sample().to_csv()).unwrap();
        assert!(text.contains("'=HYPERLINK"));
        assert!(text.contains(",-3\r\n"));
    }

    #[test]
    fn markdown_escapes_pipes_and_html() {
        let md = sample().to_markdown();
        assert!(md.contains("a\\|b c"));
        assert!(!md.contains("<"));
    }

    #[test]
    fn xlsx_cells_are_strings_as_written_and_read_back() {
        use calamine::{Reader, Xlsx};
        let bytes = tables_to_xlsx(&[sample()]).unwrap();
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Table").unwrap();
        // A string cell is never evaluated: written as it is, without an apostrophe.
        assert_eq!(range.get((1, 0)).unwrap().to_string(), "=HYPERLINK(\"http://x\")");
        assert_eq!(range.get((1, 1)).unwrap().to_string(), "1.25");
    }
}
