//! `report.docx`: the report as a Word document a consultant opens and edits.
//!
//! A4 portrait, with the meeting table on a landscape section; the one-page summary
//! first, then the meeting table, the proposal (before/after, each body with its
//! reasons, the decision per meeting), every chart of the report as a picture, and the
//! agencies. The tables are the ones built once per report; the words come from the
//! phrasebook and the same helpers as the HTML.
//!
//! Fonts are what a Japanese city hall's Word has: 游明朝 (Yu Mincho) for body text and
//! 游ゴシック (Yu Gothic) for headings and tables, the defaults of Word 2016 and later in
//! Japan; Latin text in English reports uses Calibri. Word substitutes its own fonts
//! when these are missing (LibreOffice picks Noto CJK), and the text stays editable.
//!
//! Written with `docx-rs` (no hand-written OOXML), then deflated with `zip`; docx-rs escapes markup; characters XML
//! forbids are dropped here too, as a last line of defence (the loader already replaced
//! them). Its archive has fixed timestamps,
//! picture ids are set here, and paragraph ids come from a thread-local counter, so the
//! document is built on a thread of its own: the same report gives the same bytes.

use crate::analysis::Analysis;
use crate::lang::Lang;
use crate::report::document::{Chart, body_facts, report_note, report_title, section_title};
use crate::report::phrases;
use crate::report::phrases::summary as words;
use crate::report::safety::xml_text;
use crate::report::summary::{structure_chart, summary};
use crate::report::table::{Cell, Cut, Table};
use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, LineSpacing, PageMargin, PageNum, PageOrientationType,
    PageSize, Paragraph, Pic, Run, RunFonts, Section, Shading, Style, StyleType, TableCell,
    TableLayoutType, TableRow, WidthType,
};

/// Why `report.docx` could not be built.
#[derive(Debug, thiserror::Error)]
#[error("could not build report.docx: {0}")]
pub struct DocxError(String);

/// A4 in twips (1/1440 inch): 210 × 297 mm.
const A4: (u32, u32) = (11906, 16838);
/// Page margins in twips: 20 mm top and bottom, 19 mm left and right.
const MARGIN_TB: i32 = 1134;
const MARGIN_LR: i32 = 1077;
/// Text width of a portrait and of a landscape page, in twips.
const PORTRAIT_WIDTH: u32 = A4.0 - 2 * MARGIN_LR as u32;
const LANDSCAPE_WIDTH: u32 = A4.1 - 2 * MARGIN_LR as u32;
/// English Metric Units per twip (pictures are sized in EMU).
const EMU_PER_TWIP: u64 = 635;
/// EMU per millimetre.
const EMU_PER_MM: u64 = 36_000;
/// Left and right cell padding Word puts in each cell, in twips.
const CELL_PADDING: u32 = 2 * 108;

/// Rows a table in the Word file holds at most, and proposed bodies it describes: a
/// document to edit and hand over, not a database (a 20,000-meeting region would be
/// thousands of pages, and docx-rs holds the whole document in memory). The rest is
/// in tables.xlsx and tables/*.csv, as the note under a cut table says.
pub(crate) const DOCX_ROWS: usize = 500;
const DOCX_BODIES: usize = 200;

/// The font set of one language.
struct Fonts {
    body: RunFonts,
    gothic: RunFonts,
}

fn fonts(lang: Lang) -> Fonts {
    let (mincho, gothic) = ("游明朝", "游ゴシック");
    let latin = |east_asian: &str| match lang {
        Lang::Ja => east_asian.to_string(),
        Lang::En => "Calibri".to_string(),
    };
    let set = |east_asian: &str| {
        RunFonts::new()
            .ascii(latin(east_asian))
            .hi_ansi(latin(east_asian))
            .east_asia(east_asian)
            .cs(latin(east_asian))
    };
    Fonts { body: set(mincho), gothic: set(gothic) }
}

/// The report as a .docx file.
pub fn docx_report(
    analysis: &Analysis,
    tables: &[Table],
    charts: &[Chart],
    lang: Lang,
) -> Result<Vec<u8>, DocxError> {
    // docx-rs numbers paragraphs with a thread-local counter: a fresh thread starts it
    // at 1, whatever this thread built before (batch runs write many reports).
    std::thread::scope(|scope| {
        scope
            .spawn(|| build(analysis, tables, charts, lang))
            .join()
            .map_err(|_| DocxError("the document builder panicked".into()))?
    })
}

/// Builds and packs the document.
fn build(
    analysis: &Analysis,
    tables: &[Table],
    charts: &[Chart],
    lang: Lang,
) -> Result<Vec<u8>, DocxError> {
    let f = fonts(lang);
    let find = |key: &str| tables.iter().find(|t| t.key == key);
    let mut pictures = 0usize;
    let mut picture = |chart: &Chart, max_width: u32, max_height_mm: u64| {
        pictures += 1;
        picture_paragraph(chart, pictures, max_width, max_height_mm)
    };

    // Section 1, portrait: the title and the one-page summary.
    let summary = summary(analysis, lang);
    let mut first = Section::new()
        .page_size(PageSize::new().size(A4.0, A4.1))
        .page_margin(margins())
        .footer(page_number())
        .add_paragraph(styled("Title", &report_title(analysis, lang)))
        .add_paragraph(text(report_note(lang)).size(18))
        .add_paragraph(styled("Heading1", words::heading(lang)))
        .add_paragraph(text(&summary.lead))
        .add_paragraph(styled("Heading3", words::figures(lang)));
    if let Some(t) = find("before_after") {
        first = first.add_table(table(t, PORTRAIT_WIDTH, 9, &f));
    }
    if let Some(chart) = structure_chart(charts) {
        first = first
            .add_paragraph(styled("Heading3", words::structure(lang)))
            .add_paragraph(picture(chart, PORTRAIT_WIDTH, 85)?);
    }
    first = first.add_paragraph(styled("Heading3", words::decisions(lang)));
    if summary.decisions.is_empty() {
        first = first.add_paragraph(text(words::no_decisions(lang)));
    }
    for (i, line) in summary.decisions.iter().enumerate() {
        first = first.add_paragraph(item(&format!("{}. ", i + 1), line));
    }
    first = first.add_paragraph(styled("Heading3", words::approvals(lang)));
    if summary.approvals.is_empty() {
        first = first.add_paragraph(text(words::no_approvals(lang)));
    }
    for line in &summary.approvals {
        first = first.add_paragraph(item("・", line));
    }

    // Section 2, landscape: the meeting table, its participants given the width.
    let mut second = Section::new()
        .page_size(PageSize::new().size(A4.1, A4.0).orient(PageOrientationType::Landscape))
        .page_orient(PageOrientationType::Landscape)
        .page_margin(margins())
        .footer(page_number())
        .add_paragraph(styled("Heading1", section_title("meetings", lang)));
    if let Some(t) = find("meetings") {
        let (shown, cut) = t.capped(DOCX_ROWS);
        second = second.add_table(table(&shown, LANDSCAPE_WIDTH, 8, &f));
        if let Some(note) = cut {
            second = second.add_paragraph(text(&phrases::cut_note(&note, lang)).size(18));
        }
    }

    // The rest, portrait: the proposal, the charts, the agencies.
    let mut docx = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(margins())
        .footer(page_number())
        .default_fonts(f.body.clone())
        .default_size(21) // 10.5 pt, Word's default in Japan
        .add_style(heading("Title", "Title", 32, 0, &f))
        .add_style(heading("Heading1", "heading 1", 28, 0, &f))
        .add_style(heading("Heading2", "heading 2", 24, 1, &f))
        .add_style(heading("Heading3", "heading 3", 21, 2, &f))
        .add_section(first)
        .add_section(second)
        .add_paragraph(styled("Heading1", section_title("proposal", lang)));
    if let Some(t) = find("before_after") {
        docx = docx.add_table(table(t, PORTRAIT_WIDTH, 9, &f));
    }
    docx = docx.add_paragraph(text(&phrases::cost_assumptions(&analysis.proposal, lang)).size(18));
    let bodies = &analysis.proposal.bodies;
    for body in bodies.iter().take(DOCX_BODIES) {
        docx = docx.add_paragraph(styled(
            "Heading2",
            &format!("{} {}", body.id, phrases::body_title(body, lang)),
        ));
        for line in body_facts(body, lang) {
            docx = docx.add_paragraph(text(&line));
        }
        for reason in &body.reasons {
            docx = docx.add_paragraph(item("・", &phrases::reason(reason, lang)));
        }
    }
    if bodies.len() > DOCX_BODIES {
        let cut = Cut { shown: DOCX_BODIES, total: bodies.len(), key: "proposal_bodies".into() };
        docx = docx.add_paragraph(text(&phrases::cut_note(&cut, lang)).size(18));
    }
    if let Some(t) = find("proposal_meetings") {
        let (shown, cut) = t.capped(DOCX_ROWS);
        docx = docx
            .add_paragraph(styled("Heading2", section_title("decisions", lang)))
            .add_table(table(&shown, PORTRAIT_WIDTH, 8, &f));
        if let Some(note) = cut {
            docx = docx.add_paragraph(text(&phrases::cut_note(&note, lang)).size(18));
        }
    }
    if !charts.is_empty() {
        docx = docx.add_paragraph(styled("Heading1", section_title("charts", lang)));
        for chart in charts {
            docx = docx
                .add_paragraph(picture(chart, PORTRAIT_WIDTH, 200)?.keep_next(true))
                .add_paragraph(text(&chart.title).size(18).align(AlignmentType::Center));
        }
    }
    if let Some(t) = find("agencies") {
        let (shown, cut) = t.capped(DOCX_ROWS);
        docx = docx
            .add_paragraph(styled("Heading1", section_title("agencies", lang)))
            .add_table(table(&shown, PORTRAIT_WIDTH, 8, &f));
        if let Some(note) = cut {
            docx = docx.add_paragraph(text(&phrases::cut_note(&note, lang)).size(18));
        }
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).map_err(|e| DocxError(e.to_string()))?;
    compressed(&bytes.into_inner()).map_err(|e| DocxError(e.to_string()))
}

/// The package again, its XML parts deflated and every entry dated 1980-01-01.
/// docx-rs stores its parts uncompressed (a 3,000-meeting report came to 24 MB); the
/// pictures stay stored, as PNG is compressed already. Entries keep their order, so
/// `[Content_Types].xml` stays first; folder entries, which OOXML does not need, are
/// dropped.
fn compressed(stored: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
    use std::io::{Read, Write};
    use zip::{CompressionMethod, DateTime, write::SimpleFileOptions};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().last_modified_time(DateTime::default());
    for i in 0..archive.len() {
        let mut file = archive.by_index(i)?;
        if file.is_dir() {
            continue;
        }
        let name = file.name()?.to_string();
        let mut content = Vec::with_capacity(file.size() as usize);
        file.read_to_end(&mut content)?;
        let method = if name.ends_with(".png") {
            CompressionMethod::Stored
        } else {
            CompressionMethod::Deflated
        };
        out.start_file(name, options.compression_method(method))?;
        out.write_all(&content)?;
    }
    Ok(out.finish()?.into_inner())
}

fn margins() -> PageMargin {
    PageMargin::new()
        .top(MARGIN_TB)
        .bottom(MARGIN_TB)
        .left(MARGIN_LR)
        .right(MARGIN_LR)
        .header(567)
        .footer(567)
}

/// The footer of every section: the page number, centred (a field Word updates).
fn page_number() -> Footer {
    Footer::new().add_paragraph(
        Paragraph::new().align(AlignmentType::Center).size(18).add_page_num(PageNum::new()),
    )
}

/// A heading style in the Gothic face, kept with the paragraph that follows.
fn heading(id: &str, name: &str, half_points: usize, level: usize, f: &Fonts) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .q_format(true)
        .size(half_points)
        .bold()
        .fonts(f.gothic.clone())
        .color("1F3864")
        .outline_lvl(level)
}

/// A paragraph in a named style.
fn styled(style: &str, content: &str) -> Paragraph {
    Paragraph::new().style(style).keep_next(true).add_run(Run::new().add_text(xml_text(content)))
}

/// A body paragraph; line breaks in the text become breaks in Word.
fn text(content: &str) -> Paragraph {
    let mut run = Run::new();
    for (i, line) in content.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(xml_text(line));
    }
    Paragraph::new().line_spacing(LineSpacing::new().after(60)).add_run(run)
}

/// A list item with its marker (「・」 or 「1. 」), indented with a hanging marker.
fn item(marker: &str, content: &str) -> Paragraph {
    text(&format!("{marker}{content}")).indent(
        Some(360),
        Some(docx_rs::SpecialIndentType::Hanging(240)),
        None,
        None,
    )
}

/// A chart as an inline picture, as wide as the text or as tall as `max_height_mm`.
fn picture_paragraph(
    chart: &Chart,
    number: usize,
    max_width: u32,
    max_height_mm: u64,
) -> Result<Paragraph, DocxError> {
    let (width, height) = png_size(&chart.png)
        .ok_or_else(|| DocxError(format!("chart {} is not a PNG", chart.key)))?;
    let max_width = u64::from(max_width) * EMU_PER_TWIP;
    let max_height = max_height_mm * EMU_PER_MM;
    let (w, h) = (u64::from(width.max(1)), u64::from(height.max(1)));
    let scale_w = max_width as f64 / w as f64;
    let scale_h = max_height as f64 / h as f64;
    let scale = scale_w.min(scale_h);
    let (emu_w, emu_h) = ((w as f64 * scale) as u32, (h as f64 * scale) as u32);
    let pic = Pic::new_with_dimensions(chart.png.clone(), width, height)
        .size(emu_w, emu_h)
        .id(format!("rIdImage{number}"));
    Ok(Paragraph::new().align(AlignmentType::Center).add_run(Run::new().add_image(pic)))
}

/// Width and height of a PNG, from its header.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let reader = decoder.read_info().ok()?;
    let info = reader.info();
    Some((info.width, info.height))
}

/// A table as wide as the text, columns fitted to their text (long text gets the
/// room), the header shaded, rows never split across pages, totals in bold.
fn table(t: &Table, width: u32, points: usize, f: &Fonts) -> docx_rs::Table {
    // One display column (half a kanji) is half an em: `points` × 10 twips.
    let column = points as f64 * 10.0;
    let columns = t.header.len().max(1);
    // Each column gets its padding and one display column of slack on top of its share.
    let room =
        (f64::from(width) - (columns as u32 * CELL_PADDING) as f64) / column - columns as f64;
    let widths: Vec<usize> = if room > columns as f64 * 2.0 {
        t.fitted_widths(room, 10)
            .iter()
            .map(|w| ((w + 1.0) * column) as usize + CELL_PADDING as usize)
            .collect()
    } else {
        vec![width as usize / columns; columns]
    };
    let cell = |content: &Cell, i: usize, header: bool, bold: bool| {
        let (text_value, numeric) = match content {
            Cell::Text(s) => (s.clone(), false),
            other => (other.display(), true),
        };
        let mut run = Run::new().size(points * 2).fonts(f.gothic.clone());
        if bold {
            run = run.bold();
        }
        for (n, line) in text_value.split('\n').enumerate() {
            if n > 0 {
                run = run.add_break(BreakType::TextWrapping);
            }
            run = run.add_text(xml_text(line));
        }
        let mut paragraph = Paragraph::new().add_run(run);
        if numeric {
            paragraph = paragraph.align(AlignmentType::Right);
        }
        let mut cell = TableCell::new()
            .width(widths.get(i).copied().unwrap_or(0), WidthType::Dxa)
            .add_paragraph(paragraph);
        if header {
            cell = cell.shading(Shading::new().fill("DDEBF7"));
        }
        cell
    };
    let mut rows = vec![
        TableRow::new(
            t.header
                .iter()
                .enumerate()
                .map(|(i, h)| cell(&Cell::Text(h.clone()), i, true, true))
                .collect(),
        )
        .cant_split(),
    ];
    for row in &t.rows {
        rows.push(
            TableRow::new(row.iter().enumerate().map(|(i, c)| cell(c, i, false, false)).collect())
                .cant_split(),
        );
    }
    for row in &t.totals {
        rows.push(
            TableRow::new(row.iter().enumerate().map(|(i, c)| cell(c, i, false, true)).collect())
                .cant_split(),
        );
    }
    docx_rs::Table::new(rows)
        .set_grid(widths.clone())
        .layout(TableLayoutType::Fixed)
        .width(widths.iter().sum(), WidthType::Dxa)
}

#[cfg(test)]
mod cut_tests {
    use super::*;

    #[test]
    fn a_long_table_is_cut_to_its_first_rows_with_its_totals_and_says_so() {
        let mut t = Table::new("meetings", Lang::Ja, "会議一覧", "Meetings", &[("ID", "id")]);
        t.rows = (0..DOCX_ROWS + 7).map(|i| vec![Cell::from(format!("M{i}"))]).collect();
        t.totals = vec![vec![Cell::from("合計")]];
        let (shown, cut) = t.capped(DOCX_ROWS);
        assert_eq!(shown.rows.len(), DOCX_ROWS);
        assert_eq!(shown.rows[0], t.rows[0]);
        assert_eq!(shown.totals, t.totals);
        assert_eq!(
            cut,
            Some(Cut { shown: DOCX_ROWS, total: DOCX_ROWS + 7, key: "meetings".into() })
        );
        // A table that fits is used as it is.
        t.rows.truncate(3);
        let (shown, cut) = t.capped(DOCX_ROWS);
        assert!(matches!(shown, std::borrow::Cow::Borrowed(_)) && cut.is_none());
    }
}
