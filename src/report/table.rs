//! A plain table — title, header, typed cells — and its renderers: CSV (UTF-8 with
//! BOM), a sheet of an .xlsx workbook, Markdown. Every table a report shows goes through
//! here, so neutralising formulas and escaping happen in one place.

use crate::lang::Lang;
use crate::report::safety::{csv_with_bom, excel_safe};
use rust_xlsxwriter::{Format, XlsxError};
use std::collections::BTreeSet;

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
        }
    }

    /// CSV with BOM, formulas neutralised.
    pub fn to_csv(&self) -> Vec<u8> {
        let mut rows = vec![self.header.clone()];
        rows.extend(self.rows.iter().map(|row| row.iter().map(Cell::display).collect()));
        csv_with_bom(&rows)
    }

    /// GitHub-flavoured Markdown table with `|`, `\` and line breaks escaped, and HTML
    /// special characters turned into entities (Markdown renderers pass raw HTML through).
    pub fn to_markdown(&self) -> String {
        let mut out = format!("### {}\n\n", markdown_text(&self.title));
        let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
        out.push_str(&line(self.header.iter().map(|h| markdown_text(h)).collect()));
        out.push_str(&line(self.header.iter().map(|_| "---".to_string()).collect()));
        for row in &self.rows {
            out.push_str(&line(row.iter().map(|c| markdown_text(&c.display())).collect()));
        }
        out.push('\n');
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

/// One workbook with a sheet per table; text cells neutralised, numbers as numbers.
pub fn tables_to_xlsx(tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = crate::report::reproducible_workbook()?;
    let bold = Format::new().set_bold().set_background_color(0xDDEBF7);
    let mut taken = BTreeSet::new();
    for table in tables {
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name(&table.title, &mut taken))?;
        for (column, header) in table.header.iter().enumerate() {
            sheet.write_string_with_format(0, column as u16, excel_safe(header).as_ref(), &bold)?;
            sheet.set_column_width(column as u16, 16)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    Cell::Text(text) => sheet.write_string(r, c, excel_safe(text).as_ref())?,
                    // `+ 0.0` turns -0.0 into 0.0, so no sheet shows "-0".
                    Cell::Number(value, _) => sheet.write_number(r, c, *value + 0.0)?,
                    Cell::Int(value) => sheet.write_number(r, c, *value as f64)?,
                };
            }
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    workbook.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Table {
        let mut t = Table::new("t", Lang::En, "表", "Table", &[("名前", "name"), ("値", "value")]);
        t.rows.push(vec![Cell::from("=HYPERLINK(\"http://x\")"), Cell::Number(1.25, 1)]);
        t.rows.push(vec![Cell::from("a|b\nc"), Cell::Int(-3)]);
        t
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
    fn xlsx_cells_are_neutralised_and_read_back() {
        use calamine::{Reader, Xlsx};
        let bytes = tables_to_xlsx(&[sample()]).unwrap();
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Table").unwrap();
        assert_eq!(range.get((1, 0)).unwrap().to_string(), "'=HYPERLINK(\"http://x\")");
        assert_eq!(range.get((1, 1)).unwrap().to_string(), "1.25");
    }
}
