//! `kaigi overlap` and `kaigi generate` through the real binary.

mod common;

use common::kaigi;
use kaigi::overlap::adjusted_rand_index;
use predicates::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

fn overlap_json(inventory: &Path) -> (Value, Vec<u8>) {
    let output = kaigi().arg("overlap").arg(inventory).args(["--format", "json"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    (serde_json::from_slice(&output.stdout).unwrap(), output.stdout)
}

fn ids(value: &Value) -> Vec<&str> {
    value.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect()
}

#[test]
fn sample_city_planted_overlaps_are_clusters_with_reasons() {
    let (json, _) = overlap_json(Path::new("inputs/sample-city"));
    let clusters = json["clusters"].as_array().unwrap();
    for planted in [["M23", "M24"], ["M13", "M14"], ["M27", "M28"], ["M25", "M26"]] {
        let cluster = clusters
            .iter()
            .find(|c| ids(&c["meetings"]) == planted)
            .unwrap_or_else(|| panic!("{planted:?} is not a cluster: {clusters:#?}"));
        assert!(cluster["core_participants"].as_array().unwrap().len() >= 8, "{cluster}");
        assert!(!cluster["shared_topics"].as_array().unwrap().is_empty(), "{cluster}");
        assert!(cluster["duplicated_hours"].as_f64().unwrap() > 0.0);
        let pair = json["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| [p["a"].as_str().unwrap(), p["b"].as_str().unwrap()] == planted)
            .unwrap();
        assert!(pair["score"].as_f64().unwrap() >= 0.5);
        assert!(pair["shared_participants"].as_array().unwrap().len() >= 8);
    }
    // M23 + M24: 11 shared agencies; the README's J 0.73 is on sets, 11 / 15.
    let rights = clusters.iter().find(|c| ids(&c["meetings"]) == ["M23", "M24"]).unwrap();
    assert_eq!(rights["core_participants"].as_array().unwrap().len(), 11);
    assert_eq!(ids(&rights["shared_topics"]), ["成年後見"]);
    // 11 agencies × 6 h in each meeting; 権利擁護支援センター sends two to M24 (12 h).
    assert_eq!(rights["duplicated_hours"].as_f64().unwrap(), 66.0);
    // M14 is statutory: the cluster says it cannot be abolished.
    let poverty = clusters.iter().find(|c| ids(&c["meetings"]) == ["M13", "M14"]).unwrap();
    assert_eq!(poverty["cautions"][0]["kind"], "statutory");
    // Tiers of one body are expected overlaps, not clusters.
    let tiers: Vec<&str> = json["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["parent_body"].as_str().unwrap())
        .collect();
    assert!(tiers.contains(&"要保護児童対策地域協議会"));
    assert!(!clusters.iter().any(|c| ids(&c["meetings"]) == ["M06", "M07"]));
}

#[test]
fn sample_city_text_names_each_overlap_with_its_reason() {
    kaigi()
        .args(["overlap", "inputs/sample-city"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "M23 権利擁護ネットワーク会議 と M24 成年後見制度利用促進協議会（中核機関連携会議） は 15 機関のうち 11 機関が共通",
        ))
        .stdout(predicate::str::contains("議題「成年後見」も共通"))
        .stdout(predicate::str::contains("年 66 人時間"));
    kaigi()
        .args(["overlap", "inputs/sample-city", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("share 11 of 15 agencies"))
        .stdout(predicate::str::contains("66 hours a year are spent by the same people twice"));
}

#[test]
fn same_input_gives_the_same_json() {
    let (_, first) = overlap_json(Path::new("inputs/sample-city"));
    let (_, second) = overlap_json(Path::new("inputs/sample-city"));
    assert_eq!(first, second);
}

#[test]
fn generated_inventory_through_the_binary_is_deterministic_and_recovered() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for out in [&a, &b] {
        kaigi()
            .args(["generate", "--meetings", "300", "--agencies", "400", "--seed", "11", "--out"])
            .arg(out)
            .assert()
            .success();
    }
    for file in ["meetings.csv", "agencies.csv", "ground_truth.json"] {
        assert_eq!(std::fs::read(a.join(file)).unwrap(), std::fs::read(b.join(file)).unwrap());
    }
    let (json, first) = overlap_json(&a);
    let (_, second) = overlap_json(&a);
    assert_eq!(first, second);
    let truth: Value =
        serde_json::from_slice(&std::fs::read(a.join("ground_truth.json")).unwrap()).unwrap();
    let mut planted: BTreeMap<&str, usize> = BTreeMap::new();
    for (g, group) in truth["groups"].as_array().unwrap().iter().enumerate() {
        for id in ids(group) {
            planted.insert(id, g);
        }
    }
    let mut found: BTreeMap<&str, usize> = BTreeMap::new();
    for (c, cluster) in json["clusters"].as_array().unwrap().iter().enumerate() {
        for id in ids(&cluster["meetings"]) {
            found.insert(id, c);
        }
    }
    let all: Vec<String> = (1..=300).map(|i| format!("M{i:03}")).collect();
    let label = |map: &BTreeMap<&str, usize>, i: usize, id: &str| {
        map.get(id).copied().unwrap_or(10_000 + i)
    };
    let truth_labels: Vec<usize> =
        all.iter().enumerate().map(|(i, id)| label(&planted, i, id)).collect();
    let found_labels: Vec<usize> =
        all.iter().enumerate().map(|(i, id)| label(&found, i, id)).collect();
    let ari = adjusted_rand_index(&truth_labels, &found_labels);
    assert!(ari >= 0.9, "ARI {ari}");
}

#[test]
fn generate_refuses_a_non_empty_folder_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "keep me").unwrap();
    kaigi()
        .args(["generate", "--meetings", "20", "--agencies", "60", "--out"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--force"));
    assert!(!dir.path().join("meetings.csv").exists());
    kaigi()
        .args(["generate", "--meetings", "20", "--agencies", "60", "--force", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    assert!(dir.path().join("ground_truth.json").exists());
}

#[test]
fn bad_weights_and_thresholds_fail_with_the_fix() {
    kaigi()
        .args(["overlap", "inputs/sample-city", "--weights", "people=1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown weight 'people'"));
    kaigi()
        .args(["overlap", "inputs/sample-city", "--threshold", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("threshold"));
}

#[test]
fn weights_file_and_synonyms_file_change_the_scores() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("overlap.toml");
    std::fs::write(
        &config,
        "[weights]\nparticipants = 1.0\ntopics = 0\nfunction = 0\narea = 0\nhost = 0\n\n[topics]\n\"生活支援\" = [\"支え合い\", \"困りごと\"]\n",
    )
    .unwrap();
    let output = kaigi()
        .args(["overlap", "inputs/sample-city", "--format", "json", "--weights-file"])
        .arg(&config)
        .arg("--synonyms")
        .arg(&config)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["settings"]["weights"]["participants"], 1.0);
    assert_eq!(ids(&json["settings"]["user_topic_concepts"]), ["生活支援"]);
    // With participants only, every score is the weighted Jaccard.
    for pair in json["pairs"].as_array().unwrap() {
        let (score, jaccard) =
            (pair["score"].as_f64().unwrap(), pair["participant_jaccard"].as_f64().unwrap());
        assert!((score - jaccard).abs() < 1e-9, "{pair}");
    }
}

/// The overlap analysis asks the proposal's rulebook: M15 (支援会議, 社会福祉法第106条の6,
/// without consent) and M16 (重層的支援会議, with consent) may not be one sitting, nor M14
/// (生活困窮者自立支援法第9条 支援会議, without consent) and M13 (支援調整会議, with consent).
#[test]
fn pairs_the_law_keeps_apart_are_marked_and_never_advised_to_combine() {
    let (report, code) = common::json_of(&["overlap", "inputs/sample-city", "--format", "json"]);
    assert_eq!(code, 0);
    for (a, b, without, with) in [("M15", "M16", "M15", "M16"), ("M13", "M14", "M14", "M13")] {
        let pair = report["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["a"] == a && p["b"] == b)
            .unwrap_or_else(|| panic!("{a}+{b} listed"));
        assert_eq!(pair["can_share_session"], false, "{pair}");
        let why = &pair["why_not"][0];
        assert_eq!(why["rule"], "sharing_bases", "{pair}");
        assert_eq!(why["without_consent"], without, "{pair}");
        assert_eq!(why["with_consent"], with, "{pair}");
    }
    // A pair the law allows is marked so.
    let allowed = report["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["a"] == "M23" && p["b"] == "M24")
        .unwrap();
    assert_eq!(allowed["can_share_session"], true);
    // The text never advises 合同開催 or 兼ねる for them.
    let text = kaigi().args(["overlap", "inputs/sample-city"]).output().unwrap().stdout;
    let text = String::from_utf8(text).unwrap();
    for line in text.lines().filter(|l| l.contains("M15") || l.contains("M13")) {
        assert!(!line.contains("合同開催にするか"), "{line}");
    }
    assert!(text.contains("1 回の会議にはできません"), "{text}");
}

#[test]
fn pairs_carry_topic_similarity_and_the_terms_behind_it() {
    let (json, _) = overlap_json(Path::new("inputs/sample-city"));
    let pairs = json["pairs"].as_array().unwrap();
    for pair in pairs {
        let similarity = pair["topic_similarity"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&similarity), "{pair}");
        let terms = pair["topic_terms"].as_array().unwrap();
        assert_eq!(terms.is_empty(), similarity == 0.0, "{pair}");
        let parts: f64 = terms.iter().map(|t| t["contribution"].as_f64().unwrap()).sum();
        assert!(parts <= similarity + 1e-9, "{pair}");
    }
    let hikikomori = pairs
        .iter()
        .find(|p| [p["a"].as_str().unwrap(), p["b"].as_str().unwrap()] == ["M27", "M28"])
        .unwrap();
    let terms: Vec<&str> = hikikomori["topic_terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    assert_eq!(terms[0], "ひきこもり", "{hikikomori}");
    assert!(terms.contains(&"居場所") && terms.contains(&"就労"), "{hikikomori}");
}

#[test]
fn synonyms_file_naming_a_generic_word_alone_is_refused_with_the_file_and_word() {
    let dir = tempfile::tempdir().unwrap();
    let synonyms = dir.path().join("synonyms.toml");
    std::fs::write(&synonyms, "[topics]\n\"支援方針\" = [\"プラン\", \"支援プラン\"]\n").unwrap();
    kaigi()
        .args(["overlap", "inputs/sample-city", "--synonyms"])
        .arg(&synonyms)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("synonyms.toml").and(predicate::str::contains("プラン")));
}
