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
