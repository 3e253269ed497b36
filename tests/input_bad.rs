//! Every kind of bad input is reported with file, row and column, and never panics.

mod common;

use common::{json_of, kaigi};
use serde_json::Value;

/// Runs `kaigi validate FILE --format json --lang en` and returns (problems, exit code).
fn validate(path: &str) -> (Vec<Value>, i32) {
    let (report, code) = json_of(&["validate", path, "--format", "json", "--lang", "en"]);
    let problems = report["problems"].as_array().cloned().unwrap_or_default();
    (problems, code)
}

/// Finds the problem with `code` and checks where it points.
fn expect(problems: &[Value], code: &str, row: Option<u64>, column: Option<&str>) -> Value {
    let found = problems
        .iter()
        .find(|p| p["code"] == code && (row.is_none() || p["row"].as_u64() == row))
        .unwrap_or_else(|| panic!("no {code} at row {row:?} in {problems:#?}"));
    if let Some(column) = column {
        assert_eq!(found["column"], column, "{found:#}");
    }
    assert!(!found["message"].as_str().unwrap_or("").is_empty());
    assert!(!found["fix"].as_str().unwrap_or("").is_empty());
    found.clone()
}

#[test]
fn empty_file_is_an_error_naming_the_file() {
    for file in ["tests/fixtures/bad/empty.csv", "tests/fixtures/bad/blank-lines.csv"] {
        let (problems, code) = validate(file);
        assert_eq!(code, 1);
        let problem = expect(&problems, "empty_file", None, None);
        assert!(problem["file"].as_str().unwrap().ends_with(".csv"));
    }
}

#[test]
fn header_only_points_at_row_one() {
    let (problems, code) = validate("tests/fixtures/bad/header-only.csv");
    assert_eq!(code, 1);
    expect(&problems, "header_only", Some(1), None);
}

#[test]
fn missing_required_column_names_it_and_the_accepted_headers() {
    let (problems, code) = validate("tests/fixtures/bad/missing-column.csv");
    assert_eq!(code, 1);
    let problem = expect(&problems, "missing_column", Some(1), None);
    assert_eq!(problem["field"], "frequency");
    assert!(problem["fix"].as_str().unwrap().contains("開催頻度"));
}

#[test]
fn duplicate_id_names_both_rows() {
    let (problems, code) = validate("tests/fixtures/bad/duplicate-ids.csv");
    assert_eq!(code, 1);
    let problem = expect(&problems, "duplicate_id", Some(4), Some("ID"));
    assert_eq!(problem["first_row"], 2);
    assert_eq!(problem["value"], "M1");
}

#[test]
fn unreadable_frequency_and_duration_name_row_column_and_value() {
    let (problems, _) = validate("tests/fixtures/bad/bad-frequency.csv");
    let problem = expect(&problems, "bad_frequency", Some(3), Some("開催頻度"));
    assert_eq!(problem["value"], "ときどき");
    let (problems, code) = validate("tests/fixtures/bad/bad-duration.csv");
    assert_eq!(code, 1);
    let problem = expect(&problems, "bad_duration", Some(2), Some("1回当たりの会議時間"));
    assert_eq!(problem["value"], "長め");
}

#[test]
fn zero_and_negative_values_are_rejected() {
    for file in ["tests/fixtures/bad/zero-values.csv", "tests/fixtures/bad/negative-values.csv"] {
        let (problems, code) = validate(file);
        assert_eq!(code, 1);
        expect(&problems, "not_positive", Some(2), Some("開催頻度"));
        expect(&problems, "not_positive", Some(3), Some("1回当たりの会議時間"));
    }
}

#[test]
fn meeting_without_participants_is_an_error() {
    let (problems, code) = validate("tests/fixtures/bad/no-participants.csv");
    assert_eq!(code, 1);
    expect(&problems, "no_participants", Some(2), Some("参加者"));
    expect(&problems, "no_participants", Some(3), Some("参加者"));
}

#[test]
fn ragged_rows_are_reported_with_their_width() {
    let (problems, code) = validate("tests/fixtures/bad/ragged-row.csv");
    assert_eq!(code, 1);
    let long = expect(&problems, "ragged_row", Some(3), None);
    assert_eq!((long["cells"].as_u64(), long["expected"].as_u64()), (Some(6), Some(5)));
    expect(&problems, "ragged_row", Some(4), None);
}

#[test]
fn zero_head_count_is_an_error() {
    let (problems, code) = validate("tests/fixtures/bad/bad-head-count.csv");
    assert_eq!(code, 1);
    let problem = expect(&problems, "bad_head_count", Some(2), Some("参加者"));
    assert_eq!(problem["value"], "福祉課×0");
}

#[test]
fn empty_meeting_name_is_an_error() {
    let (problems, code) = validate("tests/fixtures/bad/empty-name.csv");
    assert_eq!(code, 1);
    expect(&problems, "empty_required", Some(2), Some("会議名"));
}

#[test]
fn undecodable_bytes_name_the_row_and_the_encoding() {
    let (problems, code) = validate("tests/fixtures/bad/undecodable.csv");
    assert_eq!(code, 1);
    let problem = expect(&problems, "undecodable", Some(3), None);
    assert_eq!(problem["encoding"], "Shift_JIS");
}

#[test]
fn forcing_utf8_on_a_shift_jis_file_names_the_first_bad_row() {
    // A garbled header row is one error naming the likely encoding (cli_validate.rs).
    let (report, code) = json_of(&[
        "validate",
        "inputs/sample-city-sjis",
        "--encoding",
        "utf-8",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    let problems = report["problems"].as_array().unwrap();
    let problem = expect(problems, "wrong_encoding", Some(1), None);
    assert_eq!(problem["likely"], "Shift_JIS");
    // A readable header with a Shift_JIS row further down: that row is named.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meetings.csv");
    let mut bytes = b"id,name,participants,frequency,duration\nM1,A,x;y,12,60\n".to_vec();
    bytes.extend_from_slice(&encoding_rs::SHIFT_JIS.encode("M2,会議,x;y,12,60\n").0);
    std::fs::write(&path, bytes).unwrap();
    let (report, code) =
        json_of(&["validate", path.to_str().unwrap(), "--encoding", "utf-8", "--format", "json"]);
    assert_eq!(code, 1);
    let problems = report["problems"].as_array().unwrap();
    let problem = expect(problems, "undecodable", Some(3), None);
    assert_eq!(problem["encoding"], "UTF-8");
}

#[test]
fn registry_problems_are_all_reported() {
    let (problems, code) = validate("tests/fixtures/bad/registry");
    assert_eq!(code, 1);
    let duplicate = expect(&problems, "duplicate_agency", Some(4), Some("機関名"));
    assert_eq!(duplicate["first_row"], 2);
    let alias = expect(&problems, "conflicting_alias", Some(5), Some("別名"));
    assert_eq!(alias["other"], "社会福祉協議会");
    expect(&problems, "bad_confidentiality", Some(5), Some("守秘義務"));
}

#[test]
fn a_fifty_megabyte_cell_is_refused_with_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.csv");
    let mut text = String::from(
        "ID,会議名,参加者,開催頻度,1回当たりの会議時間\nM1,会議A,福祉課,月1回,90分\nM2,",
    );
    text.push_str(&"あ".repeat(50 * 1024 * 1024 / 3));
    text.push_str(",福祉課,月1回,90分\n");
    std::fs::write(&path, text).unwrap();
    let (problems, code) = validate(path.to_str().unwrap());
    assert_eq!(code, 1);
    let problem = expect(&problems, "cell_too_long", Some(3), Some("会議名"));
    // The message carries a short preview, not the cell.
    assert!(problem["value"].as_str().unwrap().chars().count() <= 81);
}

#[test]
fn every_problem_is_reported_in_one_run() {
    // One file with four different problems on four rows: all four come back.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("many.csv");
    std::fs::write(
        &path,
        "ID,会議名,参加者,開催頻度,1回当たりの会議時間\nM1,A,福祉課,ときどき,90\nM2,B,,月1回,90\nM3,C,福祉課,月1回,長め\nM3,D,福祉課,月1回,90\n",
    )
    .unwrap();
    let (problems, code) = validate(path.to_str().unwrap());
    assert_eq!(code, 1);
    expect(&problems, "bad_frequency", Some(2), Some("開催頻度"));
    expect(&problems, "no_participants", Some(3), Some("参加者"));
    expect(&problems, "bad_duration", Some(4), Some("1回当たりの会議時間"));
    expect(&problems, "duplicate_id", Some(5), Some("ID"));
}

#[test]
fn text_messages_carry_row_column_and_fix_in_both_languages() {
    let ja = kaigi().args(["validate", "tests/fixtures/bad/bad-frequency.csv"]).output().unwrap();
    let text = String::from_utf8(ja.stdout).unwrap();
    assert!(
        text.contains("3行目") && text.contains("列「開催頻度」") && text.contains("対処"),
        "{text}"
    );
    let en = kaigi()
        .args(["validate", "tests/fixtures/bad/bad-frequency.csv", "--lang", "en"])
        .output()
        .unwrap();
    let text = String::from_utf8(en.stdout).unwrap();
    assert!(
        text.contains("row 3") && text.contains("column '開催頻度'") && text.contains("Fix:"),
        "{text}"
    );
}

#[test]
fn analysis_commands_refuse_an_inventory_with_errors() {
    kaigi()
        .args(["inventory", "tests/fixtures/bad/bad-frequency.csv", "--lang", "en"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("run `kaigi validate"));
}

#[test]
fn a_missing_path_is_a_failure_with_a_hint() {
    kaigi()
        .args(["validate", "tests/fixtures/does-not-exist", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("does not exist"));
    // In the default language, the same failure in Japanese.
    kaigi()
        .args(["validate", "tests/fixtures/does-not-exist"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("がありません"));
}
