//! Every input under `tests/fixtures/fuzz/<target>/` goes through the same code path as
//! the cargo-fuzz target of that name (`fuzz/fuzz_targets/<target>.rs`), so an input
//! that once crashed stays fixed. Needs no cargo-fuzz and no nightly: plain `cargo test`.
//! Runs in the test profile, so integer overflow panics here even where the fuzz build
//! (release) would wrap.

use kaigi::input::{
    LoadOptions, parse_duration, parse_frequency, parse_head_count, read_agencies, read_csv_bytes,
    read_meetings, read_workbook_bytes, split_list,
};
use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz").join(target);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .map(|e| e.expect("readable entry").path())
            .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

/// `fuzz_targets/inventory_csv.rs`
fn inventory_csv(data: &[u8]) -> usize {
    let options = LoadOptions::default();
    let mut problems = Vec::new();
    let agencies_table = read_csv_bytes(data, "agencies.csv", &options, &mut problems);
    let agencies = read_agencies(&agencies_table, &mut problems);
    let meetings_table = read_csv_bytes(data, "meetings.csv", &options, &mut problems);
    let inventory = read_meetings(&meetings_table, agencies, &options, &mut problems);
    let _ = inventory.total_annual_person_hours();
    for meeting in &inventory.meetings {
        let _ = meeting.head_count();
    }
    for problem in &problems {
        let _ = problem.render(kaigi::Lang::Ja);
        let _ = problem.render(kaigi::Lang::En);
    }
    problems.len()
}

/// `fuzz_targets/xlsx.rs`
fn xlsx(data: &[u8]) {
    let options = LoadOptions::default();
    let mut problems = Vec::new();
    let Ok((meetings, agencies)) = read_workbook_bytes(data, "fuzz.xlsx", &mut problems) else {
        return;
    };
    let agencies = agencies.map(|t| read_agencies(&t, &mut problems)).unwrap_or_default();
    let inventory = read_meetings(&meetings, agencies, &options, &mut problems);
    let _ = inventory.total_annual_person_hours();
}

/// `fuzz_targets/grammar.rs`
fn grammar(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(frequency) = parse_frequency(text, 12.0) {
        assert!(frequency.sessions_per_year > 0.0 && frequency.sessions_per_year.is_finite());
    }
    if let Ok(read) = parse_duration(text) {
        assert!(read.minutes > 0.0 && read.minutes.is_finite());
    }
    for entry in split_list(text) {
        assert!(!entry.is_empty());
        if let Some(count) = parse_head_count(&entry).count {
            assert!(count > 0);
        }
    }
}

#[test]
fn every_saved_inventory_csv_input_reads_without_panicking() {
    for path in inputs("inventory_csv") {
        let bytes = std::fs::read(&path).expect("readable fixture");
        inventory_csv(&bytes);
    }
}

#[test]
fn every_saved_workbook_input_reads_without_panicking() {
    for path in inputs("xlsx") {
        xlsx(&std::fs::read(&path).expect("readable fixture"));
    }
}

#[test]
fn every_saved_grammar_input_parses_without_panicking() {
    for path in inputs("grammar") {
        grammar(&std::fs::read(&path).expect("readable fixture"));
    }
}

#[test]
fn huge_head_counts_are_refused_instead_of_overflowing_the_meeting_total() {
    // Two entries of 4,000,000,000 people each used to overflow `head_count` (u32).
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz/inventory_csv/crafted-head-count-overflow.csv");
    let bytes = std::fs::read(&path).expect("fixture present");
    let options = LoadOptions::default();
    let mut problems = Vec::new();
    let table = read_csv_bytes(&bytes, "meetings.csv", &options, &mut problems);
    let inventory = read_meetings(&table, Vec::new(), &options, &mut problems);
    let rendered: Vec<String> = problems.iter().map(|p| p.render(kaigi::Lang::En)).collect();
    assert!(
        rendered.iter().any(|line| line.contains("row 2")
            && line.contains("4000000000")
            && line.contains("head-count must be a whole number from 1 to 10000")),
        "{rendered:#?}"
    );
    assert!(inventory.meetings.is_empty());
    assert!(inventory_csv(&bytes) > 0);
}
