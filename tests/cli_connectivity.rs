//! `kaigi connectivity` through the real binary on the sample city.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn kaigi() -> Command {
    let mut command = Command::cargo_bin("kaigi").expect("binary");
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

fn json_report() -> Value {
    let output = kaigi()
        .args(["connectivity", "inputs/sample-city", "--format", "json"])
        .output()
        .expect("runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    serde_json::from_slice(&output.stdout).expect("valid JSON")
}

#[test]
fn json_has_every_section_the_lead_asked_for() {
    let report = json_report();
    for key in [
        "network",
        "agencies",
        "articulation_points",
        "bridges",
        "communities",
        "modularity",
        "ei_index",
        "sector_matrix",
        "unlinked_sector_pairs",
        "single_meeting_links",
        "backbone_links",
        "burden_gini",
        "isolated",
        "pendants",
        "critical_agencies",
    ] {
        assert!(report.get(key).is_some(), "missing {key}");
    }
    for key in [
        "agencies",
        "links",
        "density",
        "components",
        "average_clustering",
        "average_shortest_path",
        "degree_centralization",
    ] {
        assert!(report["network"].get(key).is_some(), "missing network.{key}");
    }
    let agency = &report["agencies"][0];
    for key in [
        "name",
        "sector",
        "degree",
        "degree_centrality",
        "weighted_degree",
        "betweenness",
        "closeness",
        "annual_hours",
        "meetings",
        "community",
        "brokerage",
    ] {
        assert!(agency.get(key).is_some(), "missing agencies[].{key}");
    }
    assert_eq!(report["network"]["agencies"], 69);
    assert_eq!(report["network"]["links"], 722);
    // Sectors are written as language-free codes (住まい, 教育).
    assert_eq!(report["unlinked_sector_pairs"], serde_json::json!([["housing", "education"]]));
}

#[test]
fn json_is_identical_between_runs() {
    let first = kaigi()
        .args(["connectivity", "inputs/sample-city", "--format", "json"])
        .output()
        .expect("runs");
    let second = kaigi()
        .args(["connectivity", "inputs/sample-city", "--format", "json"])
        .output()
        .expect("runs");
    assert_eq!(first.stdout, second.stdout);
}

#[test]
fn japanese_text_puts_unlinked_fields_first_then_single_points_of_failure() {
    let output = kaigi().args(["connectivity", "inputs/sample-city"]).output().expect("runs");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let unlinked = text.find("会議で一度も同席しない分野").expect("unlinked section");
    let failure = text.find("単一障害点").expect("single points of failure");
    let brokers = text.find("主な仲介役").expect("brokers");
    let figures = text.find("■ 数値").expect("figures");
    assert!(unlinked < failure && failure < brokers && brokers < figures, "{text}");
    assert!(text.contains("住まい × 教育"));
    // 住宅政策課 alone brings housing to the table with children and the elderly
    assert!(text.contains("住宅政策課（住まい）: 住まい × 子ども、住まい × 高齢"), "{text}");
}

#[test]
fn english_text_uses_english_field_names() {
    kaigi()
        .args(["connectivity", "inputs/sample-city", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Fields that never meet"))
        .stdout(predicate::str::contains("housing × education"))
        .stdout(predicate::str::contains("Main brokers"));
}

#[test]
fn an_inventory_with_errors_exits_1_with_the_validate_hint() {
    let folder = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        folder.path().join("meetings.csv"),
        "id,name,participants,frequency,duration\nM1,Case review,A;B,sometimes,90\n",
    )
    .expect("write");
    kaigi()
        .args(["connectivity", folder.path().to_str().expect("path"), "--lang", "en"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("kaigi validate"));
}

#[test]
fn a_bad_alpha_is_a_failure_with_exit_2() {
    kaigi()
        .args(["connectivity", "inputs/sample-city", "--alpha", "2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("alpha"));
}

#[test]
fn without_an_agency_list_findings_by_field_say_the_fields_are_unknown() {
    for (lang, cannot_tell, false_reassurance) in [
        ("ja", "判定できません", "なし: どの分野の組み合わせも"),
        ("en", "Cannot tell", "None: every pair of fields"),
    ] {
        let output = kaigi()
            .args(["connectivity", "tests/fixtures/english-minimal", "--lang", lang])
            .output()
            .expect("runs");
        let text = String::from_utf8(output.stdout).expect("utf-8");
        assert!(text.contains(cannot_tell), "{lang}: {text}");
        assert!(text.contains("agencies.csv"), "{lang}: says how to add them: {text}");
        assert!(!text.contains(false_reassurance), "{lang}: {text}");
    }
    // With a registry, the finding is stated as before.
    kaigi()
        .args(["connectivity", "inputs/sample-city", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Cannot tell").not());
}

/// Without an agency list the E-I index is -1 by construction (every agency in the one
/// "unknown" field): it must say it cannot tell, not print -1.00.
#[test]
fn without_an_agency_list_the_ei_index_says_it_cannot_tell() {
    let dir = tempfile::tempdir().unwrap();
    let meetings =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/sample-city/meetings.csv");
    std::fs::copy(meetings, dir.path().join("meetings.csv")).unwrap();
    let output = kaigi().args(["connectivity", dir.path().to_str().unwrap()]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let line = text.lines().find(|l| l.contains("E-I")).expect("E-I line");
    assert!(line.contains("判定できません"), "{line}");
    assert!(!line.contains("-1.00") && !line.contains("unknown"), "{line}");
}

/// A university registered under 学識 is not a welfare field: loading warns about the
/// value (file, row, column), and the connectivity advice does not call 学識 × 生活困窮
/// a gap households fall into; it says why 学識 is left out.
#[test]
fn a_sector_outside_the_field_list_is_warned_about_and_kept_out_of_the_gap_advice() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("inputs/sample-city");
    let dir = tempfile::tempdir().unwrap();
    let mut agencies = std::fs::read_to_string(root.join("agencies.csv")).unwrap();
    // 機関名,別名,分野,種別,守秘義務,圏域
    assert!(agencies.starts_with("機関名,別名,分野,"));
    agencies.push_str("県立大学,,学識,,,\n");
    std::fs::write(dir.path().join("agencies.csv"), agencies).unwrap();
    let mut meetings = std::fs::read_to_string(root.join("meetings.csv")).unwrap();
    meetings.push_str(
        "M99,大学連携会議,地域福祉課,地域福祉課、県立大学,地域福祉の研究,年2回,60分,,,,,,,,\n",
    );
    std::fs::write(dir.path().join("meetings.csv"), meetings).unwrap();
    let path = dir.path().to_str().unwrap();

    let output = kaigi().args(["validate", path, "--format", "json"]).output().unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let warning = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "unknown_sector")
        .unwrap_or_else(|| panic!("no unknown_sector warning: {report:#}"));
    assert_eq!(warning["severity"], "warning");
    assert_eq!(warning["value"], "学識");
    assert!(warning["file"].as_str().unwrap().ends_with("agencies.csv"), "{warning}");

    let output = kaigi().args(["connectivity", path]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let gaps: String =
        text.split("■ ").find(|s| s.starts_with("会議で一度も同席しない分野")).unwrap().to_string();
    assert!(!gaps.contains("  - 学識") && !gaps.contains("× 学識"), "{gaps}");
    assert!(gaps.contains("「学識」は福祉の分野の一覧にない区分"), "{gaps}");
    // Nor is 地域福祉課 a single point of failure for 学識 × 行政.
    for advice in text.lines().filter(|l| l.starts_with("  - ")) {
        assert!(!advice.contains("学識 ×") && !advice.contains("× 学識"), "{advice}");
    }
}

/// "Communities: 7" must account for seven: the groups listed plus the agencies that
/// form a community on their own, named on one line.
#[test]
fn the_community_count_matches_the_communities_listed() {
    let output = kaigi().args(["connectivity", "inputs/sample-city", "--lang", "en"]).output();
    let text = String::from_utf8(output.unwrap().stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let at = lines.iter().position(|l| l.contains("communities (Louvain): ")).unwrap();
    let count: usize = lines[at]
        .split("communities (Louvain): ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let groups = lines[at + 1..].iter().take_while(|l| l.starts_with("    ")).collect::<Vec<_>>();
    let listed = groups.iter().filter(|l| l.trim_start().starts_with(char::is_numeric)).count();
    let single: usize = groups
        .iter()
        .find_map(|l| l.trim_start().strip_prefix("and "))
        .and_then(|rest| rest.split(' ').next())
        .map_or(0, |n| n.parse().unwrap());
    assert!(single > 0, "the sample has single-agency communities: {groups:?}");
    assert_eq!(listed + single, count, "{groups:?}");
}
