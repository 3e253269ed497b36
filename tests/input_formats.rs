//! The same inventory read from UTF-8 CSV, Shift_JIS CSV and .xlsx, English headers
//! without a registry and hand-computed person-hours (the template: `cli_template.rs`).

mod common;

use common::{json_of, kaigi, repo};
use kaigi::input::{LoadOptions, Severity, load};

fn load_clean(path: &str) -> kaigi::model::Inventory {
    let loaded = load(&repo(path), &LoadOptions::default()).expect("loads");
    let errors: Vec<_> =
        loaded.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{path}: {errors:#?}");
    loaded.inventory
}

#[test]
fn shift_jis_and_xlsx_copies_give_the_same_inventory() {
    let utf8 = load_clean("inputs/sample-city");
    let sjis = load_clean("inputs/sample-city-sjis");
    let xlsx = load_clean("inputs/sample-city.xlsx");
    assert_eq!(utf8.meetings.len(), 36);
    assert_eq!(utf8, sjis);
    assert_eq!(utf8, xlsx);
}

#[test]
fn the_three_copies_print_identical_tables() {
    let (utf8, _) = json_of(&["inventory", "inputs/sample-city", "--format", "json"]);
    let (sjis, _) = json_of(&["inventory", "inputs/sample-city-sjis", "--format", "json"]);
    let (xlsx, _) = json_of(&["inventory", "inputs/sample-city.xlsx", "--format", "json"]);
    assert_eq!(utf8, sjis);
    assert_eq!(utf8, xlsx);
}

#[test]
fn sample_city_validates_with_exit_zero() {
    kaigi().args(["validate", "inputs/sample-city"]).assert().success();
}

#[test]
fn sample_city_figures_match_hand_computation() {
    let (table, code) = json_of(&["inventory", "inputs/sample-city", "--format", "json"]);
    assert_eq!(code, 0);
    let meetings = table["meetings"].as_array().unwrap();
    let m01 = meetings.iter().find(|m| m["id"] == "M01").unwrap();
    // 北部包括×2 + 7 other agencies = 9 people; 月1回 = 12 sessions; 90分.
    assert_eq!(m01["sessions_per_year"], 12.0);
    assert_eq!(m01["minutes_per_session"], 90.0);
    assert_eq!(m01["annual_person_hours"], 9.0 * 12.0 * 1.5);
    let first = &m01["participants"][0];
    assert_eq!(first["name"], "北部地域包括支援センター");
    assert_eq!(first["count"], 2);
    assert_eq!(first["sector"], "elderly"); // 高齢, written as its code
    // 随時(年24回), 60分, 7 agencies.
    let m07 = meetings.iter().find(|m| m["id"] == "M07").unwrap();
    assert_eq!(m07["sessions_estimated"], true);
    assert_eq!(m07["annual_person_hours"], 7.0 * 24.0);
    // Computed independently from the CSV by the script that wrote the sample (see
    // inputs/sample-city/README.md), with a bare 随時 counted as 12 sessions.
    assert_eq!(table["totals"]["annual_person_hours"], 4077.0);
}

#[test]
fn english_headers_without_registry_load_and_add_up() {
    let (table, code) =
        json_of(&["inventory", "tests/fixtures/english-minimal", "--format", "json"]);
    assert_eq!(code, 0);
    let expected =
        [("E1", 72.0), ("E2", 120.0), ("E3", 96.0), ("E4", 18.0), ("E5", 20.0), ("E6", 27.0)];
    let meetings = table["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), expected.len());
    for ((id, hours), meeting) in expected.iter().zip(meetings) {
        assert_eq!(meeting["id"], *id);
        assert_eq!(meeting["annual_person_hours"], *hours, "{id}");
        for participant in meeting["participants"].as_array().unwrap() {
            assert_eq!(participant["sector"], "unknown");
            assert_eq!(participant["count"], 1);
        }
    }
    assert_eq!(table["totals"]["annual_person_hours"], 353.0);
    // The single CSV file is accepted too, not only the folder.
    let (single, _) =
        json_of(&["inventory", "tests/fixtures/english-minimal/meetings.csv", "--format", "json"]);
    assert_eq!(single, table);
}

#[test]
fn csv_table_has_bom_totals_and_no_formula_cells() {
    let output =
        kaigi().args(["inventory", "inputs/sample-city", "--format", "csv"]).output().unwrap();
    assert!(output.status.success());
    assert!(output.stdout.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(output.stdout[3..].to_vec()).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 37);
    assert_eq!(&rows[36][1], "合計");
    assert_eq!(&rows[36][9], "4077.0");
}
