//! `kaigi template`: a blank form whose example is never read as data, filled in by
//! hand, validated and reported — as a planning office would use it.

mod common;

use common::{files, json_of, kaigi};
use std::path::Path;

/// Two meetings as a planner fills them in, in the template's column order (ja headers):
/// ID, 会議名, 所管, 参加者, 議題, 開催頻度, 1回当たりの会議時間, 機能, 根拠法令, 法定,
/// 個人情報, 圏域, 親会議, 階層.
const FILLED: [[&str; 14]; 2] = [
    [
        "K1",
        "支援調整会議（生活困窮）",
        "生活福祉課",
        "生活福祉課、自立相談支援機関×2、社協",
        "プラン案の検討、支援調整",
        "概ね月1回",
        "約90分",
        "個別ケース検討",
        "生活困窮者自立支援法",
        "いいえ",
        "あり",
        "",
        "",
        "",
    ],
    [
        "K2",
        "重層的支援会議",
        "地域福祉課",
        "地域福祉課、生活福祉課、社協",
        "複合課題の世帯",
        "必要に応じて",
        "60～90分",
        "個別ケース検討、情報共有",
        "",
        "",
        "あり",
        "",
        "",
        "",
    ],
];

/// The agencies of those meetings: 機関名, 別名, 分野, 種別, 守秘義務, 圏域.
const AGENCIES: [[&str; 6]; 4] = [
    ["生活福祉課", "", "生活困窮", "行政", "法定", ""],
    ["地域福祉課", "", "行政", "行政", "法定", ""],
    ["自立相談支援機関", "", "生活困窮", "委託先", "契約", ""],
    ["社会福祉協議会", "社協", "地域", "委託先", "契約", ""],
];

fn template(out: &Path, lang: &str) {
    kaigi().args(["template", "--lang", lang, "--out", out.to_str().unwrap()]).assert().success();
}

fn csv_line(cells: &[&str]) -> String {
    let quoted: Vec<String> =
        cells.iter().map(|c| format!("\"{}\"", c.replace('"', "\"\""))).collect();
    format!("{}\n", quoted.join(","))
}

fn append(path: &Path, rows: &[&[&str]]) {
    let mut text = std::fs::read_to_string(path).unwrap();
    for row in rows {
        text.push_str(&csv_line(row));
    }
    std::fs::write(path, text).unwrap();
}

/// The example's own meeting, which must never be read.
const EXAMPLE_MEETING: &str = "地域ケア個別会議（北部）";

#[test]
fn csv_template_is_blank_with_its_example_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    template(&path, "ja");
    for name in
        ["t.csv", "agencies.csv", "t_記入例.csv", "agencies_記入例.csv", "template-notes.txt"]
    {
        assert!(dir.path().join(name).is_file(), "{name}");
    }
    let blank = std::fs::read_to_string(&path).unwrap();
    assert_eq!(blank.lines().count(), 1, "only the header: {blank}");
    let example = std::fs::read_to_string(dir.path().join("t_記入例.csv")).unwrap();
    assert!(example.contains(EXAMPLE_MEETING));
    // Blank, the form is not yet an inventory, and says so; it never reports the example.
    let (report, code) = json_of(&["validate", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(report["meetings"], 0);
    assert!(!report.to_string().contains("M01"), "{report:#}");
    // Refuses to overwrite without --force, names the file.
    kaigi()
        .args(["template", "--out", path.to_str().unwrap()])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("t.csv"));
}

#[test]
fn csv_template_filled_with_two_rows_validates_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.csv");
    template(&path, "ja");
    append(&path, &[&FILLED[0], &FILLED[1]]);
    let agencies: Vec<&[&str]> = AGENCIES.iter().map(|a| a.as_slice()).collect();
    append(&dir.path().join("agencies.csv"), &agencies);

    // The agency list beside the single CSV is read; no warning at all is left.
    let (report, code) = json_of(&["validate", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!((report["meetings"].as_u64(), report["errors"].as_u64()), (Some(2), Some(0)));
    assert_eq!(report["warnings"], 0, "{report:#}");
    assert_eq!(report["files"].as_array().map(Vec::len), Some(2), "{report:#}");
    assert!(!report.to_string().contains(EXAMPLE_MEETING));

    let out = dir.path().join("out");
    kaigi()
        .args(["report", path.to_str().unwrap(), "--out", out.to_str().unwrap()])
        .assert()
        .success();
    let written = files(&out);
    let analysis: serde_json::Value = serde_json::from_slice(&written["analysis.json"]).unwrap();
    let meetings = analysis["inventory"]["meetings"].as_array().unwrap();
    let names: Vec<&str> = meetings.iter().map(|m| m["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["支援調整会議（生活困窮）", "重層的支援会議"]);
    // The planner's wordings were read, and marked as estimates.
    assert_eq!(meetings[0]["sessions_per_year"], 12.0);
    assert_eq!(meetings[0]["sessions_estimated"], true);
    assert_eq!(meetings[0]["minutes_per_session"], 90.0);
    assert_eq!(meetings[0]["minutes_estimated"], true);
    assert_eq!(meetings[1]["ad_hoc"], true);
    assert_eq!(meetings[1]["minutes_per_session"], 75.0);
    let markdown = String::from_utf8(written["report.md"].clone()).unwrap();
    assert!(markdown.contains("推定"), "estimates are marked in the report");
    assert!(!markdown.contains(EXAMPLE_MEETING));
}

/// Every row of one sheet, as text.
fn sheet_rows(book: &mut calamine::Xlsx<std::io::Cursor<Vec<u8>>>, name: &str) -> Vec<Vec<String>> {
    use calamine::Reader;
    let range = book.worksheet_range(name).unwrap();
    range.rows().map(|row| row.iter().map(|c| c.to_string()).collect()).collect()
}

#[test]
fn xlsx_template_keeps_its_example_on_its_own_sheet_and_fills_in() {
    use calamine::Reader;
    for (lang, sheets) in [
        ("ja", ["会議", "機関", "説明", "記入例"]),
        ("en", ["meetings", "agencies", "notes", "example"]),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("form.xlsx");
        template(&path, lang);
        let bytes = std::fs::read(&path).unwrap();
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), sheets);
        let meetings = sheet_rows(&mut book, sheets[0]);
        assert_eq!(meetings.len(), 1, "{lang}: the meetings sheet holds only its header");
        let agencies = sheet_rows(&mut book, sheets[1]);
        assert_eq!(agencies.len(), 1, "{lang}: the agencies sheet holds only its header");
        let example = sheet_rows(&mut book, sheets[3]);
        assert_eq!(example[0], meetings[0], "{lang}: the example uses the same headers");

        // Blank: not an inventory yet, and the example is not read.
        let (report, code) = json_of(&["validate", path.to_str().unwrap(), "--format", "json"]);
        assert_eq!((code, report["meetings"].as_u64()), (1, Some(0)), "{lang}: {report:#}");

        // Fill two meetings and the agencies, keeping every sheet as the form has it.
        let mut filled = rust_xlsxwriter::Workbook::new();
        for (name, rows) in [
            (sheets[0], vec![meetings[0].clone()]),
            (sheets[1], vec![agencies[0].clone()]),
            (sheets[3], example.clone()),
        ] {
            let mut rows = rows;
            if name == sheets[0] {
                rows.extend(FILLED.iter().map(|r| r.iter().map(|c| c.to_string()).collect()));
            }
            if name == sheets[1] {
                rows.extend(AGENCIES.iter().map(|r| r.iter().map(|c| c.to_string()).collect()));
            }
            let sheet = filled.add_worksheet();
            sheet.set_name(name).unwrap();
            for (r, row) in rows.iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    sheet.write_string(r as u32, c as u16, cell).unwrap();
                }
            }
        }
        let filled_path = dir.path().join("filled.xlsx");
        filled.save(&filled_path).unwrap();
        let (report, code) =
            json_of(&["validate", filled_path.to_str().unwrap(), "--format", "json"]);
        assert_eq!(code, 0, "{lang}: {report:#}");
        assert_eq!(report["meetings"], 2, "{lang}: {report:#}");
        assert_eq!(report["warnings"], 0, "{lang}: {report:#}");
        let out = dir.path().join("out");
        kaigi()
            .args(["report", filled_path.to_str().unwrap(), "--out", out.to_str().unwrap()])
            .assert()
            .success();
        let analysis: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("analysis.json")).unwrap()).unwrap();
        assert_eq!(analysis["inventory"]["meetings"].as_array().map(Vec::len), Some(2));
    }
}
