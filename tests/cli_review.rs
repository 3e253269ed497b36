//! `kaigi review`: the sample city's next year reports exactly the planted changes
//! (`inputs/sample-city-next-year/README.md`), an inventory against itself reports none,
//! the files repeat byte for byte, and hostile names stay inert.

mod common;

use common::{files, kaigi, repo};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

const BEFORE: &str = "inputs/sample-city";
const AFTER: &str = "inputs/sample-city-next-year";

/// Runs `kaigi review` and returns stdout, after checking it succeeded.
fn review(before: &str, after: &str, out: &Path, extra: &[&str]) -> String {
    let output = kaigi()
        .args(["review", before, after, "--out", out.to_str().unwrap()])
        .args(extra)
        .output()
        .expect("binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "kaigi review failed: {stderr}");
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

fn review_json(before: &str, after: &str, out: &Path) -> Value {
    let stdout = review(before, after, out, &["--format", "json"]);
    serde_json::from_str(&stdout).expect("stdout is review.json")
}

fn ids(entries: &Value) -> BTreeSet<String> {
    entries.as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_string()).collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Unordered agency pairs, each as "a–b" with the smaller name first.
fn pairs(links: &Value) -> BTreeSet<String> {
    links
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            format!("{}–{}", l["agencies"][0].as_str().unwrap(), l["agencies"][1].as_str().unwrap())
        })
        .collect()
}

fn pair(a: &str, b: &str) -> String {
    if a < b { format!("{a}–{b}") } else { format!("{b}–{a}") }
}

#[test]
fn sample_city_next_year_reports_exactly_the_planted_changes() {
    let dir = tempfile::tempdir().unwrap();
    let json = review_json(BEFORE, AFTER, dir.path());
    let meetings = &json["meetings"];

    // (a) M23 and M24 merged into M37; (b) M38 new; nothing renamed.
    assert_eq!(ids(&meetings["removed"]), set(&["M23", "M24"]));
    assert_eq!(ids(&meetings["added"]), set(&["M37", "M38"]));
    assert_eq!(meetings["renamed"].as_array().unwrap().len(), 0);
    let mergers = meetings["mergers"].as_array().unwrap();
    assert_eq!(mergers.len(), 1, "{mergers:?}");
    assert_eq!(mergers[0]["id"], "M37");
    assert_eq!(ids(&mergers[0]["replaces"]), set(&["M23", "M24"]));
    assert!(meetings["splits"].as_array().unwrap().is_empty());
    assert_eq!(meetings["matched"].as_array().unwrap().len(), 34);

    // (c) 居住支援法人 removed from the registry and from M10 and M13, nothing else.
    let changed = meetings["changed"].as_array().unwrap();
    let changed_ids: BTreeSet<String> =
        changed.iter().map(|c| c["after_id"].as_str().unwrap().to_string()).collect();
    assert_eq!(changed_ids, set(&["M10", "M13"]));
    for meeting in changed {
        assert_eq!(
            meeting["changes"],
            serde_json::json!([{"field": "participants", "added": [], "removed": ["居住支援法人"]}]),
            "{}",
            meeting["after_id"]
        );
    }
    let agencies = &json["agencies"];
    let removed: Vec<&str> = agencies["removed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(removed, ["居住支援法人"]);
    assert_eq!(agencies["removed"][0]["meetings"], serde_json::json!(["M10", "M13"]));
    assert!(agencies["added"].as_array().unwrap().is_empty());
    assert!(agencies["changed"].as_array().unwrap().is_empty());

    // Links: 722 both years; lost exactly the 16 pairs with 居住支援法人.
    let links = &json["links"];
    assert_eq!((links["before"].as_u64(), links["after"].as_u64()), (Some(722), Some(722)));
    let partners = [
        // M10
        "基幹相談支援センター",
        "障害福祉課",
        "精神科病院",
        "保健所",
        "地域活動支援センター",
        "指定特定相談支援事業所",
        "障害福祉サービス事業所連絡会",
        // M13
        "自立相談支援機関",
        "生活福祉課",
        "家計改善支援事業所",
        "就労準備支援事業所",
        "公共職業安定所",
        "社会福祉協議会",
        "住宅政策課",
        "消費生活センター",
        "法テラス",
    ];
    let expected_lost: BTreeSet<String> =
        partners.iter().map(|p| pair(p, "居住支援法人")).collect();
    assert_eq!(expected_lost.len(), 16);
    assert_eq!(pairs(&links["lost"]), expected_lost);
    for link in links["lost"].as_array().unwrap() {
        assert_eq!(
            link["causes"],
            serde_json::json!([{"cause": "agency_removed", "agency": "居住支援法人"}])
        );
    }

    // Gained exactly the 16 the README counts: 4 through M37, 12 through M38.
    let through_m37 = [
        pair("地域福祉課", "消費生活センター"),
        pair("地域福祉課", "警察署"),
        pair("家庭裁判所", "消費生活センター"),
        pair("家庭裁判所", "警察署"),
    ];
    let mut through_m38: Vec<String> = [
        "こども家庭課",
        "スクールソーシャルワーカー",
        "地域福祉課",
        "基幹相談支援センター",
        "学校教育課",
        "障害福祉課",
    ]
    .iter()
    .map(|a| pair("介護支援専門員連絡協議会", a))
    .collect();
    through_m38.extend(
        [
            "北部地域包括支援センター",
            "中部地域包括支援センター",
            "南部地域包括支援センター",
            "地域福祉課",
            "基幹相談支援センター",
            "高齢福祉課",
        ]
        .iter()
        .map(|a| pair("学校教育課", a)),
    );
    let expected_gained: BTreeSet<String> =
        through_m37.iter().chain(&through_m38).cloned().collect();
    assert_eq!(expected_gained.len(), 16);
    assert_eq!(pairs(&links["gained"]), expected_gained);
    for link in links["gained"].as_array().unwrap() {
        let key =
            pair(link["agencies"][0].as_str().unwrap(), link["agencies"][1].as_str().unwrap());
        let meeting = if through_m37.contains(&key) { "M37" } else { "M38" };
        assert_eq!(link["meetings"], serde_json::json!([meeting]), "{key}");
        assert_eq!(
            link["causes"],
            serde_json::json!([{"cause": "meeting_added", "meeting": meeting}]),
            "{key}"
        );
    }

    // Field pairs: 住まい–障害 and 住まい–保健・医療 disconnected, none connected.
    let fields = &json["fields"];
    let disconnected: BTreeSet<String> = fields["disconnected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!("{}–{}", f["sectors"][0].as_str().unwrap(), f["sectors"][1].as_str().unwrap())
        })
        .collect();
    // review.json writes sectors as codes (住まい = housing, 障害 = disability, …).
    assert_eq!(disconnected, set(&["housing–disability", "housing–health"]));
    for field in fields["disconnected"].as_array().unwrap() {
        assert_eq!(field["meetings"], serde_json::json!(["M10"]));
        assert_eq!(
            field["causes"],
            serde_json::json!([{"cause": "agency_removed", "agency": "居住支援法人"}])
        );
    }
    assert!(fields["connected"].as_array().unwrap().is_empty());
    let unlinked: BTreeSet<String> = fields["unlinked_after"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| format!("{}–{}", p[0].as_str().unwrap(), p[1].as_str().unwrap()))
        .collect();
    assert_eq!(unlinked, set(&["housing–education", "housing–disability", "housing–health"]));

    // New single points of failure: 住宅政策課 now alone carries five more housing links.
    let roles = &json["roles"];
    let new: BTreeSet<String> = roles["critical_new"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            format!(
                "{}:{}–{}",
                c["agency"].as_str().unwrap(),
                c["sectors"][0].as_str().unwrap(),
                c["sectors"][1].as_str().unwrap()
            )
        })
        .collect();
    let expected_new: BTreeSet<String> =
        ["justice", "community", "employment", "poverty", "administration"]
            .iter()
            .map(|s| format!("住宅政策課:housing–{s}"))
            .collect();
    assert_eq!(new, expected_new);
    let resolved: Vec<(String, String)> = roles["critical_resolved"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (c["agency"].as_str().unwrap().to_string(), c["because"].as_str().unwrap().to_string())
        })
        .collect();
    assert!(resolved.contains(&("スクールソーシャルワーカー".into(), "now_shared".into())));
    assert_eq!(resolved.iter().filter(|(_, b)| b == "link_lost").count(), 2);
    assert!(roles["isolated_new"].as_array().unwrap().is_empty());
    assert!(roles["isolated_resolved"].as_array().unwrap().is_empty());

    // Figures.
    let figure = |key: &str| {
        let f = json["figures"].as_array().unwrap().iter().find(|f| f["key"] == key).unwrap();
        (f["before"].as_f64().unwrap(), f["after"].as_f64().unwrap())
    };
    assert_eq!(figure("agencies"), (69.0, 68.0));
    assert_eq!(figure("meetings"), (36.0, 36.0));
    assert_eq!(figure("links"), (722.0, 722.0));
    let (hours_before, hours_after) = figure("annual_person_hours");
    assert!((hours_before - 4077.0).abs() < 1e-9 && (hours_after - 4052.0).abs() < 1e-9);

    // The folder holds everything; review.json on disk is what was printed.
    let written = files(dir.path());
    for expected in [
        "review.html",
        "review.md",
        "review.json",
        "tables.xlsx",
        "tables/figures.csv",
        "tables/links_lost.csv",
        "tables/links_gained.csv",
        "tables/field_links.csv",
        "tables/meeting_changes.csv",
        "charts/network_changes.svg",
        "charts/network_changes.png",
        "charts/network_before.png",
        "charts/network_after.svg",
        "charts/figures.svg",
    ] {
        assert!(written.contains_key(expected), "missing {expected}: {:?}", written.keys());
    }
    let on_disk: Value = serde_json::from_slice(&written["review.json"]).unwrap();
    assert_eq!(on_disk, json);
    assert!(written["tables/links_lost.csv"].starts_with(b"\xEF\xBB\xBF"));
}

#[test]
fn text_summary_names_the_merger_and_the_cut_field_links_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let text = review(BEFORE, AFTER, dir.path(), &["--lang", "en"]);
    for expected in [
        "Removed (2): M23 ",
        "Added (2): M37 ",
        "appears to replace M23 and M24",
        "Agencies removed (1): 居住支援法人 (housing; attended M10, M13)",
        "722 → 722 (16 lost, 16 gained)",
        "Lost: 16 because 居住支援法人 is gone.",
        "housing × disability (居住支援法人 is gone)",
        "住宅政策課 alone links housing with",
        "Person-hours per year: 4077 → 4052 (-25).",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // The HTML opens with the same summary.
    let html = String::from_utf8(std::fs::read(dir.path().join("review.html")).unwrap()).unwrap();
    let document = scraper::Html::parse_document(&html);
    let first = scraper::Selector::parse("body > section").unwrap();
    let summary = document.select(&first).next().unwrap();
    assert_eq!(summary.value().attr("id"), Some("summary"));
    let words: String = summary.text().collect();
    assert!(words.contains("appears to replace M23 and M24"), "{words}");
}

#[test]
fn an_inventory_reviewed_against_itself_reports_no_change() {
    let dir = tempfile::tempdir().unwrap();
    let json = review_json(BEFORE, BEFORE, dir.path());
    for list in [
        &json["meetings"]["added"],
        &json["meetings"]["removed"],
        &json["meetings"]["renamed"],
        &json["meetings"]["changed"],
        &json["meetings"]["mergers"],
        &json["agencies"]["added"],
        &json["agencies"]["removed"],
        &json["agencies"]["changed"],
        &json["links"]["gained"],
        &json["links"]["lost"],
        &json["fields"]["connected"],
        &json["fields"]["disconnected"],
        &json["roles"]["critical_new"],
        &json["roles"]["critical_resolved"],
        &json["roles"]["brokers_gained"],
        &json["roles"]["brokers_lost"],
    ] {
        assert_eq!(list.as_array().map(Vec::len), Some(0), "{list}");
    }
    for figure in json["figures"].as_array().unwrap() {
        assert_eq!(figure["before"], figure["after"], "{}", figure["key"]);
    }
    let text = review(BEFORE, BEFORE, dir.path(), &["--lang", "en"]);
    assert!(text.contains("No change"), "{text}");
}

#[test]
fn review_is_byte_identical_from_run_to_run() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    review(BEFORE, AFTER, first.path(), &["--lang", "en"]);
    review(BEFORE, AFTER, second.path(), &["--lang", "en"]);
    let (a, b) = (files(first.path()), files(second.path()));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between runs");
    }
}

#[test]
fn writes_to_outputs_review_before_after_by_default() {
    let cwd = tempfile::tempdir().unwrap();
    let output = kaigi()
        .current_dir(cwd.path())
        .args(["review", repo(BEFORE).to_str().unwrap(), repo(AFTER).to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let folder = cwd.path().join("outputs/review-sample-city-sample-city-next-year");
    assert!(folder.join("review.html").is_file(), "{:?}", files(cwd.path()).keys());
}

#[test]
fn an_inventory_with_errors_stops_with_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    kaigi()
        .args(["review", "tests/fixtures/bad/duplicate-ids.csv", BEFORE])
        .args(["--out", dir.path().to_str().unwrap()])
        .assert()
        .code(1);
    assert!(files(dir.path()).is_empty(), "nothing is written");
}

/// Last year: the hostile fixture. This year: the same with M3 gone, 福祉課 gone from M1
/// and `@SUM(A1)` gone altogether, so hostile names appear as removed, changed and lost.
fn hostile_next_year(dir: &Path) {
    let source = repo("tests/fixtures/malicious");
    let meetings = std::fs::read_to_string(source.join("meetings.csv")).unwrap();
    let meetings: String = meetings
        .lines()
        .filter(|line| !line.starts_with("M3,"))
        .map(|line| {
            let line = line.replace(
                "\"=HYPERLINK(\"\"http://x\"\")、福祉課、",
                "\"=HYPERLINK(\"\"http://x\"\")、",
            );
            let line = line.replace("、@SUM(A1)", "");
            format!("{line}\n")
        })
        .collect();
    let agencies: String = std::fs::read_to_string(source.join("agencies.csv"))
        .unwrap()
        .lines()
        .filter(|line| !line.starts_with("@SUM"))
        .map(|line| format!("{line}\n"))
        .collect();
    std::fs::write(dir.join("meetings.csv"), meetings).unwrap();
    std::fs::write(dir.join("agencies.csv"), agencies).unwrap();
}

#[test]
fn hostile_names_are_escaped_or_neutralised_in_every_review_file() {
    let next = tempfile::tempdir().unwrap();
    hostile_next_year(next.path());
    let out = tempfile::tempdir().unwrap();
    let json = review_json("tests/fixtures/malicious", next.path().to_str().unwrap(), out.path());
    // The hostile names really are in the review.
    assert_eq!(ids(&json["meetings"]["removed"]), set(&["M3"]));
    assert_eq!(json["meetings"]["changed"][0]["name"], "<script>alert(1)</script>");
    assert_eq!(json["agencies"]["removed"][0]["name"], "@SUM(A1)");

    let written = files(out.path());
    for (name, bytes) in &written {
        let text = String::from_utf8_lossy(bytes);
        if name.ends_with(".html") || name.ends_with(".svg") || name.ends_with(".md") {
            assert!(!text.contains("<script>"), "{name} has a raw <script>");
            assert!(!text.contains("<i>地域</i>"), "{name} has raw markup from a sector");
        }
        if name.ends_with(".csv") {
            let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(&bytes[3..]);
            for record in reader.records() {
                for cell in record.unwrap().iter() {
                    assert!(
                        !(cell.starts_with(['=', '+', '@'])
                            || (cell.starts_with('-') && cell.parse::<f64>().is_err())),
                        "{name}: formula cell {cell:?}"
                    );
                }
            }
        }
    }
    // The text is still there for a reader, just inert.
    let html = String::from_utf8(written["review.html"].clone()).unwrap();
    let document = scraper::Html::parse_document(&html);
    let script = scraper::Selector::parse("script").unwrap();
    assert_eq!(document.select(&script).count(), 0);
    let text: String = document.root_element().text().collect();
    assert!(text.contains("<script>alert(1)</script>"));
    assert!(text.contains("@SUM(A1)"));
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(written["tables.xlsx"].clone()))
            .unwrap();
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).unwrap();
        // Text that looks like a formula is a string cell (never evaluated, so written
        // without an apostrophe), never a formula.
        for cell in range.used_cells() {
            let value = cell.2.to_string();
            if value.starts_with(['=', '+', '@']) {
                assert!(matches!(cell.2, calamine::Data::String(_)), "{sheet}: {value:?}");
            }
            assert!(!value.starts_with('\''), "{sheet}: apostrophe guard in {value:?}");
        }
        let formulas = book.worksheet_formula(&sheet).unwrap();
        assert!(formulas.used_cells().all(|c| c.2.is_empty()), "{sheet} has formulas");
        // Every column has its own header (the brokers sheet once had two 媒介中心性).
        let header: Vec<String> = (0..range.width())
            .map(|c| range.get((0, c)).map(|v| v.to_string()).unwrap_or_default())
            .collect();
        let unique: std::collections::BTreeSet<&String> = header.iter().collect();
        assert_eq!(unique.len(), header.len(), "{sheet}: repeated header in {header:?}");
    }
}

/// Without agency lists the figures by field (field links, fields that never meet,
/// single points of failure) are all 0 whatever the meetings: the review leaves them out
/// and says why, in both languages, instead of reporting "no change".
#[test]
fn without_agency_lists_the_figures_by_field_are_left_out_and_the_summary_says_why() {
    let before = common::meetings_without_agency_list(BEFORE);
    let after = common::meetings_without_agency_list(AFTER);
    let (b, a) = (before.path().to_str().unwrap(), after.path().to_str().unwrap());
    let out = tempfile::tempdir().unwrap();
    let output = kaigi()
        .args(["review", b, a, "--format", "json", "--out", out.path().to_str().unwrap()])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["fields_known"], Value::Bool(false));
    let keys: Vec<&str> =
        json["figures"].as_array().unwrap().iter().map(|f| f["key"].as_str().unwrap()).collect();
    for key in ["field_links", "unlinked_field_pairs", "single_points_of_failure"] {
        assert!(!keys.contains(&key), "{key} in {keys:?}");
    }
    for (lang, says) in [("ja", "機関の分野が分からないため数えていません"), ("en", "not counted")]
    {
        let output = kaigi()
            .args(["review", b, a, "--lang", lang, "--out", out.path().to_str().unwrap()])
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.contains(says), "{lang}: {text}");
    }
}
