//! Names exactly as the inventory writes them: every meeting, agency and topic name of
//! the bundled inventories (and of a fixture full of characters NFKC would change) comes
//! out byte-identical in the text table, JSON, CSV, the workbook, HTML and Markdown.
//!
//! The names are taken from the input files by this test's own reading (the csv crate and
//! a small list splitter), not by kaigi's, so that a normalising reader cannot make the
//! expectation agree with itself.

mod common;

use common::{files, kaigi};
use std::collections::BTreeSet;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// Meeting, agency and topic names as written in an inventory folder.
struct Names {
    meetings: BTreeSet<String>,
    /// Registered agencies (the names kaigi shows after alias resolution).
    agencies: BTreeSet<String>,
    /// Registered agencies that attend at least one meeting.
    attending: BTreeSet<String>,
    topics: BTreeSet<String>,
    /// Subjects cells whole, separators as written.
    topic_cells: BTreeSet<String>,
    /// Other text cells that must stay as written (area, 備考).
    other: BTreeSet<String>,
}

fn decode(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    match std::str::from_utf8(&bytes) {
        Ok(text) => text.trim_start_matches('\u{feff}').to_string(),
        Err(_) => encoding_rs::SHIFT_JIS.decode(&bytes).0.into_owned(),
    }
}

fn records(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let text = decode(path);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(str::to_string).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect();
    (header, rows)
}

fn column(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| names.contains(&h.as_str()))
}

/// Items of a list cell, each without its head-count suffix.
fn items(cell: &str) -> Vec<String> {
    let suffix =
        regex::Regex::new(r"\s*(?:[×xX*]\s*\d+|[（(]\s*[0-9０-９]+\s*[名人]?\s*[)）])$").unwrap();
    cell.split([';', '；', '、', ',', '，', '\n'])
        .map(|item| suffix.replace(item.trim(), "").trim().to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

fn names_of(folder: &str) -> Names {
    let dir = common::repo(folder);
    let (header, rows) = records(&dir.join("meetings.csv"));
    let name = column(&header, &["会議名"]).unwrap();
    let participants = column(&header, &["参加者"]).unwrap();
    let topics = column(&header, &["議題"]).unwrap();
    let area = column(&header, &["圏域"]);
    let note = column(&header, &["備考"]);
    let (agency_header, agency_rows) = records(&dir.join("agencies.csv"));
    let agency_name = column(&agency_header, &["機関名"]).unwrap();
    let alias = column(&agency_header, &["別名"]).unwrap();
    let key = |s: &str| s.nfkc().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    let mut canonical = std::collections::HashMap::new();
    for row in &agency_rows {
        canonical.insert(key(&row[agency_name]), row[agency_name].clone());
        for a in items(&row[alias]) {
            canonical.insert(key(&a), row[agency_name].clone());
        }
    }
    let mut names = Names {
        meetings: BTreeSet::new(),
        agencies: agency_rows.iter().map(|r| r[agency_name].clone()).collect(),
        attending: BTreeSet::new(),
        topics: BTreeSet::new(),
        topic_cells: BTreeSet::new(),
        other: BTreeSet::new(),
    };
    for row in &rows {
        names.meetings.insert(row[name].clone());
        for p in items(&row[participants]) {
            if let Some(registered) = canonical.get(&key(&p)) {
                names.attending.insert(registered.clone());
            }
        }
        names.topics.extend(items(&row[topics]));
        names.topic_cells.insert(row[topics].trim().to_string());
        for index in [area, note].into_iter().flatten() {
            if !row[index].is_empty() {
                names.other.insert(row[index].clone());
            }
        }
    }
    names
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Every string cell of every sheet of a workbook.
fn xlsx_strings(bytes: &[u8]) -> BTreeSet<String> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut out = BTreeSet::new();
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).unwrap();
        for cell in range.used_cells() {
            out.insert(cell.2.to_string());
        }
    }
    out
}

fn json_strings(value: &serde_json::Value, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::String(s) => {
            out.insert(s.clone());
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

fn stdout(args: &[&str]) -> String {
    let output = kaigi().args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn check(folder: &str) {
    let names = names_of(folder);
    assert!(!names.meetings.is_empty() && !names.agencies.is_empty() && !names.topics.is_empty());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    kaigi().args(["report", folder, "--out", out, "--lang", "ja"]).assert().success();
    let written = files(dir.path());
    let text = |name: &str| String::from_utf8(written[name].clone()).unwrap();
    let (html, markdown, csv) =
        (text("report.html"), text("report.md"), text("tables/meetings.csv"));
    let agencies_csv = text("tables/agencies.csv");
    let workbook = xlsx_strings(&written["tables.xlsx"]);
    let in_workbook = |name: &str| workbook.iter().any(|cell| cell.contains(name));
    let mut analysis = BTreeSet::new();
    json_strings(&serde_json::from_slice(&written["analysis.json"]).unwrap(), &mut analysis);
    let inventory_text = stdout(&["inventory", folder, "--format", "text"]);
    let inventory_csv = stdout(&["inventory", folder, "--format", "csv"]);
    let mut inventory_json = BTreeSet::new();
    json_strings(
        &serde_json::from_str(&stdout(&["inventory", folder, "--format", "json"])).unwrap(),
        &mut inventory_json,
    );

    let mut checked = 0;
    for (kind, set) in [("meeting", &names.meetings), ("topic", &names.topics)] {
        for name in set {
            let where_missing: Vec<&str> = [
                ("text", inventory_text.contains(name.as_str())),
                ("inventory json", inventory_json.contains(name)),
                ("analysis.json", analysis.contains(name)),
                ("inventory csv", inventory_csv.contains(name.as_str())),
                ("tables/meetings.csv", csv.contains(name.as_str())),
                ("tables.xlsx", in_workbook(name)),
                ("report.html", html.contains(&html_escape(name))),
                ("report.md", markdown.contains(name.as_str())),
            ]
            .into_iter()
            .filter(|(_, found)| !found)
            .map(|(format, _)| format)
            .collect();
            assert!(
                where_missing.is_empty(),
                "{folder}: {kind} {name:?} missing from {where_missing:?}"
            );
            checked += 1;
        }
    }
    for name in &names.agencies {
        let mut formats = vec![
            ("inventory json", inventory_json.contains(name)),
            ("analysis.json", analysis.contains(name)),
            ("tables/agencies.csv", agencies_csv.contains(name.as_str())),
            ("tables.xlsx", in_workbook(name)),
            ("report.html", html.contains(&html_escape(name))),
            ("report.md", markdown.contains(name.as_str())),
        ];
        if names.attending.contains(name) {
            formats.push(("text", inventory_text.contains(name.as_str())));
            formats.push(("tables/meetings.csv", csv.contains(name.as_str())));
        }
        let missing: Vec<&str> =
            formats.into_iter().filter(|(_, found)| !found).map(|(f, _)| f).collect();
        assert!(missing.is_empty(), "{folder}: agency {name:?} missing from {missing:?}");
        checked += 1;
    }
    // A subjects cell is shown whole, its separators as written (not re-joined with 、).
    for cell in &names.topic_cells {
        // The terminal table shows a cell with line breaks as its items, joined.
        let one_line = !cell.contains('\n');
        for (format, found) in [
            ("text", !one_line || inventory_text.contains(cell.as_str())),
            ("tables/meetings.csv", csv.contains(cell.as_str())),
            ("tables.xlsx", in_workbook(cell)),
            // Markdown has no line break inside a table cell: a break shows as a space.
            ("report.md", markdown.contains(&kaigi::report::markdown_text(cell))),
            ("report.html", html.contains(&html_escape(cell))),
        ] {
            assert!(found, "{folder}: subjects {cell:?} not as written in {format}");
        }
    }
    for value in &names.other {
        assert!(inventory_json.contains(value), "{folder}: {value:?} not kept as written");
    }
    // And nothing comes out rewritten: where NFKC would change a name, its NFKC form is
    // nowhere in the meeting table.
    for name in names.meetings.iter().chain(&names.topics).chain(&names.attending) {
        let nfkc: String = name.nfkc().collect();
        if nfkc != *name {
            assert!(
                !csv.contains(&nfkc),
                "{folder}: {nfkc:?} (rewritten {name:?}) in meetings.csv"
            );
        }
    }
    assert!(checked > 0);
}

#[test]
fn sample_city_names_come_out_as_written_in_every_format() {
    check("inputs/sample-city");
}

#[test]
fn next_year_names_come_out_as_written_in_every_format() {
    check("inputs/sample-city-next-year");
}

#[test]
fn shift_jis_names_come_out_as_written_in_every_format() {
    check("inputs/sample-city-sjis");
}

#[test]
fn names_nfkc_would_change_come_out_as_written_in_every_format() {
    let names = names_of("tests/fixtures/names-as-written");
    // The fixture is only a test if NFKC really changes its names.
    let changed = names
        .meetings
        .iter()
        .chain(&names.agencies)
        .filter(|n| n.nfkc().collect::<String>() != **n)
        .count();
    assert!(changed >= 5, "{changed}");
    check("tests/fixtures/names-as-written");
}
