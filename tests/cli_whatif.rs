//! `kaigi whatif` on the sample city: a planner's own changes, judged by the proposal's
//! rulebook.

mod common;

use common::{json_of, kaigi};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn whatif(args: &[&str]) -> Value {
    let mut all = vec!["whatif", "inputs/sample-city", "--format", "json", "--lang", "en"];
    all.extend_from_slice(args);
    let (value, code) = json_of(&all);
    assert_eq!(code, 0, "{value}");
    value
}

/// Dropping the meeting that alone carries the most agency links loses exactly those
/// links: computed here from the inventory table, independently of kaigi's own code.
#[test]
fn dropping_a_meeting_loses_exactly_the_links_only_it_carried() {
    let (table, _) = json_of(&["inventory", "inputs/sample-city", "--format", "json"]);
    let mut carriers: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for meeting in table["meetings"].as_array().unwrap() {
        let names: BTreeSet<String> = meeting["participants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect();
        let names: Vec<String> = names.into_iter().collect();
        for (i, a) in names.iter().enumerate() {
            for b in &names[i + 1..] {
                carriers
                    .entry((a.clone(), b.clone()))
                    .or_default()
                    .insert(meeting["id"].as_str().unwrap().to_string());
            }
        }
    }
    let mut only: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for (pair, meetings) in &carriers {
        if meetings.len() == 1 {
            only.entry(meetings.iter().next().unwrap().clone()).or_default().insert(pair.clone());
        }
    }
    let (meeting, expected) =
        only.iter().max_by_key(|(id, pairs)| (pairs.len(), std::cmp::Reverse(*id))).unwrap();
    let result = whatif(&["--drop", meeting]);
    let lost: BTreeSet<(String, String)> = result["links_lost"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let a = l["agencies"][0].as_str().unwrap().to_string();
            let b = l["agencies"][1].as_str().unwrap().to_string();
            (a.clone().min(b.clone()), a.max(b))
        })
        .collect();
    assert_eq!(&lost, expected, "dropping {meeting}");
    for link in result["links_lost"].as_array().unwrap() {
        assert_eq!(link["meetings"], serde_json::json!([meeting]), "{link}");
    }
}

/// 権利擁護ネットワーク会議 (no basis) into 成年後見制度利用促進協議会: the same people,
/// nothing lost, nothing broken.
#[test]
fn merging_m23_and_m24_loses_no_link_and_breaks_no_rule() {
    let result = whatif(&["--merge", "M23,M24"]);
    assert_eq!(result["links_lost"].as_array().unwrap().len(), 0, "{result}");
    assert_eq!(result["violations"].as_array().unwrap().len(), 0, "{}", result["violations"]);
    assert_eq!(result["after"]["bodies"], 35);
}

/// 支援会議 (without consent) and 重層的支援会議 (with consent): still evaluated, with the
/// violation about their different legal bases listed, and exit 0.
#[test]
fn merging_m15_and_m16_lists_the_different_sharing_bases() {
    let result = whatif(&["--merge", "M15,M16"]);
    let violations = result["violations"].as_array().unwrap();
    let sharing = violations
        .iter()
        .find(|v| v["rule"] == "sharing_bases")
        .unwrap_or_else(|| panic!("no sharing_bases violation: {violations:?}"));
    assert_eq!(sharing["without_consent"], "M15");
    assert_eq!(sharing["with_consent"], "M16");
    assert!(sharing["message"].as_str().unwrap().contains("without the person's consent"));
    assert_eq!(sharing["meetings"], serde_json::json!(["M15", "M16"]));
}

#[test]
fn an_unknown_meeting_id_is_an_error_naming_the_closest_ids() {
    kaigi()
        .args(["whatif", "inputs/sample-city", "--merge", "M23,M2A", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown meeting id 'M2A'"))
        .stderr(predicates::str::contains("closest ids"));
}

#[test]
fn text_output_names_the_rules_in_japanese() {
    let output =
        kaigi().args(["whatif", "inputs/sample-city", "--merge", "M15,M16"]).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("守られない決まり"), "{text}");
    assert!(text.contains("M15 は本人の同意なしに個人情報を共有できる会議"), "{text}");
}

/// A scenario file of three scenarios — a change, the proposal, the proposal under a
/// stricter policy (a path relative to the scenario file) — in a temporary folder.
fn three_scenarios() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("scenarios.toml"),
        r#"
[[scenario]]
name = "Rights merged"
merge = [["M23", "M24"]]

[[scenario]]
name = "Proposal"
proposal = true

[[scenario]]
name = "Strict proposal"
proposal = true
policy = "policies/strict.toml"
"#,
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("policies")).unwrap();
    std::fs::write(
        dir.path().join("policies/strict.toml"),
        "min_member_overlap = 0.7\nmax_per_item_share = 0.4\n",
    )
    .unwrap();
    dir
}

fn scenarios_json(file: &std::path::Path) -> Value {
    let path = file.to_str().unwrap();
    whatif(&["--scenarios", path])
}

/// The JSON holds each scenario's figures: the merge as `whatif --merge` computes it,
/// the proposals as `propose` does (under the scenario's own policy).
#[test]
fn three_scenarios_in_json_match_whatif_and_propose() {
    let dir = three_scenarios();
    let result = scenarios_json(&dir.path().join("scenarios.toml"));
    let scenarios = result["scenarios"].as_array().unwrap();
    let names: Vec<&str> = scenarios.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Rights merged", "Proposal", "Strict proposal"]);
    let merge = whatif(&["--merge", "M23,M24"]);
    assert_eq!(scenarios[0]["result"]["after"], merge["after"]);
    assert_eq!(scenarios[0]["kind"], "changes");
    assert_eq!(
        scenarios[0]["changes"],
        serde_json::json!([{"change": "merge", "meetings": ["M23", "M24"]}])
    );
    let (proposal, _) = json_of(&["propose", "inputs/sample-city", "--format", "json"]);
    assert_eq!(scenarios[1]["kind"], "proposal");
    assert_eq!(scenarios[1]["result"]["after"], proposal["after"]);
    let strict = dir.path().join("policies/strict.toml");
    let (strict, _) = json_of(&[
        "propose",
        "inputs/sample-city",
        "--format",
        "json",
        "--policy",
        strict.to_str().unwrap(),
    ]);
    assert_eq!(scenarios[2]["policy"], "policies/strict.toml");
    assert_eq!(scenarios[2]["result"]["after"], strict["after"]);
    assert_ne!(strict["after"], proposal["after"], "the stricter policy changes the proposal");
    assert_eq!(result["today"], proposal["before"]);
    // Language-free: the Japanese run writes the same bytes.
    let run = |lang: &str| {
        kaigi()
            .args(["whatif", "inputs/sample-city", "--format", "json", "--lang", lang])
            .arg("--scenarios")
            .arg(dir.path().join("scenarios.toml"))
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run("ja"), run("en"));
    // Every proposed body is in the structure the diagram draws.
    assert_eq!(
        scenarios[1]["structure"].as_array().unwrap().len(),
        proposal["bodies"].as_array().unwrap().len()
    );
}

#[test]
fn three_scenarios_in_text_have_a_column_each() {
    let dir = three_scenarios();
    let file = dir.path().join("scenarios.toml");
    let output = kaigi()
        .args(["whatif", "inputs/sample-city", "--lang", "en", "--scenarios"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let result = scenarios_json(&file);
    for (i, s) in result["scenarios"].as_array().unwrap().iter().enumerate() {
        assert!(text.contains(&format!("[{}] {}", i + 1, s["name"].as_str().unwrap())), "{text}");
    }
    let bodies = text.lines().find(|l| l.starts_with("meeting bodies")).unwrap();
    let cells: Vec<&str> = bodies.split_whitespace().skip(2).collect();
    let expected: Vec<String> = std::iter::once(result["today"]["bodies"].to_string())
        .chain(
            result["scenarios"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["result"]["after"]["bodies"].to_string()),
        )
        .collect();
    assert_eq!(cells, expected, "{bodies}");
}

/// The report's scenarios section, parsed: one column per scenario, each figure the
/// JSON's, and each scenario's diagram inside it.
#[test]
fn three_scenarios_in_the_html_report_match_the_json() {
    let dir = three_scenarios();
    let file = dir.path().join("scenarios.toml");
    let out = dir.path().join("report");
    kaigi()
        .args(["report", "inputs/sample-city", "--lang", "en", "--scenarios"])
        .arg(&file)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let result = scenarios_json(&file);
    let scenarios = result["scenarios"].as_array().unwrap();
    let html =
        scraper::Html::parse_document(&std::fs::read_to_string(out.join("report.html")).unwrap());
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let text = |e: scraper::ElementRef| e.text().collect::<String>();
    let section = html.select(&select("section#scenarios")).next().expect("a scenarios section");
    let table = section.select(&select("table")).next().unwrap();
    let header: Vec<String> = table.select(&select("thead th")).map(text).collect();
    let mut expected = vec!["measure".to_string(), "today".to_string()];
    expected.extend(scenarios.iter().map(|s| s["name"].as_str().unwrap().to_string()));
    assert_eq!(header, expected);
    let rows: BTreeMap<String, Vec<String>> = table
        .select(&select("tbody tr"))
        .map(|tr| {
            let cells: Vec<String> = tr.select(&select("td")).map(text).collect();
            (cells[0].clone(), cells[1..].to_vec())
        })
        .collect();
    let column = |label: &str| -> Vec<String> {
        rows.get(label).unwrap_or_else(|| panic!("no row '{label}' in {rows:?}"))[1..].to_vec()
    };
    let each = |f: &dyn Fn(&Value) -> String| -> Vec<String> { scenarios.iter().map(f).collect() };
    assert_eq!(column("meeting bodies"), each(&|s| s["result"]["after"]["bodies"].to_string()));
    assert_eq!(rows["meeting bodies"][0], result["today"]["bodies"].to_string());
    assert_eq!(
        column("person-hours per year (per-item members for their items)"),
        each(&|s| format!("{:.1}", s["result"]["after"]["annual_person_hours"].as_f64().unwrap()))
    );
    assert_eq!(column("agency links"), each(&|s| s["result"]["after"]["agency_links"].to_string()));
    for (label, key) in [
        ("agency links lost", "links_lost"),
        ("agency links gained", "links_gained"),
        ("field links lost", "field_links_lost"),
        ("rules broken", "violations"),
    ] {
        assert_eq!(
            column(label),
            each(&|s| s["result"][key].as_array().unwrap().len().to_string()),
            "{label}"
        );
    }
    for i in 1..=scenarios.len() {
        let figure = format!("#scenario-{i} figure#chart-scenario_{i} svg");
        assert!(section.select(&select(&figure)).next().is_some(), "{figure}");
        assert!(out.join(format!("charts/scenario_{i}.png")).is_file());
    }
    // The Markdown report has the same table, and the CSV too.
    let markdown = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(markdown.contains("| measure | today | Rights merged | Proposal | Strict proposal |"));
    assert!(out.join("tables/scenarios.csv").is_file());
    // Without --sensitivity the report does not rerun the proposal 163 times.
    let analysis: Value =
        serde_json::from_slice(&std::fs::read(out.join("analysis.json")).unwrap()).unwrap();
    assert!(analysis.get("sensitivity").is_none());
    assert!(html.select(&select("section#sensitivity")).next().is_none());
}

/// With --sensitivity the report names the robust core and the fragile pairs, and
/// every pair of its table is one of the JSON's.
#[test]
fn the_report_adds_the_sensitivity_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    kaigi()
        .args(["report", "inputs/sample-city", "--lang", "en", "--sensitivity", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let analysis: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("analysis.json")).unwrap()).unwrap();
    let (alone, _) =
        json_of(&["propose", "inputs/sample-city", "--sensitivity", "--format", "json"]);
    assert_eq!(analysis["sensitivity"], alone);
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    let html = scraper::Html::parse_document(&html);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let section = html.select(&select("section#sensitivity")).next().expect("a section");
    let summary = section.select(&select("p")).next().unwrap().text().collect::<String>();
    assert!(
        summary.contains("163 policy settings") && summary.contains("robust core"),
        "{summary}"
    );
    let pairs = section.select(&select("tbody tr")).count();
    assert_eq!(pairs, alone["together"].as_array().unwrap().len());
}

fn scenario_error(toml: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    std::fs::write(&file, toml).unwrap();
    let output = kaigi()
        .args(["whatif", "inputs/sample-city", "--lang", "en", "--scenarios"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stdout));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains(&file.display().to_string()), "names the file: {stderr}");
    stderr
}

#[test]
fn scenario_errors_name_the_scenario_the_key_and_the_closest_value() {
    let stderr = scenario_error(
        r#"
[[scenario]]
name = "a"
merge = [["M23", "M2A"]]
[[scenario]]
name = "b"
joint = [["M09", "M10"]]
dorp = ["M36"]
[[scenario]]
name = "a"
proposal = true
[[scenario]]
name = "c"
proposal = true
policy = "missing.toml"
"#,
    );
    for expected in [
        "has 4 problem(s)",
        "scenario 'a', key 'merge': unknown meeting id 'M2A'; closest ids: M2",
        "scenario 'b', key 'dorp': unknown key (did you mean 'drop'?)",
        "scenario 'a', key 'name': the same name as scenario #1",
        "scenario 'c', key 'policy': policy file '",
        "missing.toml' does not exist",
    ] {
        assert!(stderr.contains(expected), "{expected}: {stderr}");
    }
}

#[test]
fn a_scenario_file_that_is_not_toml_or_names_a_bad_policy_is_refused() {
    let stderr = scenario_error("[[scenario]\nname = 1");
    assert!(stderr.contains("is not valid TOML"), "{stderr}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.toml"), "keep = [\"M99\"]\n").unwrap();
    let file = dir.path().join("s.toml");
    std::fs::write(&file, "[[scenario]]\nname = \"x\"\nproposal = true\npolicy = \"p.toml\"\n")
        .unwrap();
    kaigi()
        .args(["report", "inputs/sample-city", "--scenarios"])
        .arg(&file)
        .arg("--out")
        .arg(dir.path().join("out"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("scenario 'x', key 'policy'"))
        .stderr(predicates::str::contains("'M99' under keep"));
    assert!(!dir.path().join("out").exists(), "checked before any analysis");
}

#[test]
fn scenarios_and_change_options_cannot_be_mixed() {
    kaigi()
        .args(["whatif", "inputs/sample-city", "--merge", "M23,M24", "--scenarios", "x.toml"])
        .assert()
        .code(2);
}

/// The committed example: every kind of scenario, in Japanese, as a planner reads it.
#[test]
fn sample_scenarios_text_snapshot() {
    let output = kaigi()
        .args(["whatif", "inputs/sample-city", "--scenarios", "inputs/scenarios/sample-city.toml"])
        .output()
        .unwrap();
    assert!(output.status.success());
    insta::assert_snapshot!("sample_scenarios_ja", String::from_utf8(output.stdout).unwrap());
}

/// The scenario folder under inputs/ holds TOML files, never an inventory: `kaigi batch
/// inputs` must not try to read it.
#[test]
fn batch_does_not_mistake_the_scenario_folder_for_an_inventory() {
    let found = kaigi::batch::find_inventories(&common::repo("inputs")).unwrap();
    assert!(!found.is_empty());
    assert!(found.iter().all(|p| !p.starts_with(common::repo("inputs/scenarios"))), "{found:?}");
    let dir = tempfile::tempdir().unwrap();
    let output = kaigi()
        .args(["batch", "inputs", "--lang", "en", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!all.contains("scenarios"), "{all}");
}
