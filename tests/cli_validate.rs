//! `kaigi validate`: what a planner sees when a file or a cell cannot be read.

mod common;

use common::{json_of, kaigi};

#[test]
fn a_wrong_forced_encoding_is_one_error_naming_the_likely_encoding_and_flag() {
    let (report, code) = json_of(&[
        "validate",
        "inputs/sample-city-sjis",
        "--encoding",
        "utf-8",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{report:#}");
    let problems = report["problems"].as_array().unwrap();
    // One error per file (meetings and agencies), nothing else: no mojibake warnings.
    assert_eq!(problems.len(), 2, "{report:#}");
    for problem in problems {
        assert_eq!(problem["code"], "wrong_encoding");
        assert_eq!(problem["likely"], "Shift_JIS");
        assert!(problem["fix"].as_str().unwrap().contains("--encoding shift_jis"), "{problem}");
    }
    let (report, code) =
        json_of(&["validate", "inputs/sample-city", "--encoding", "shift_jis", "--format", "json"]);
    assert_eq!(code, 1);
    assert_eq!(report["problems"][0]["likely"], "UTF-8", "{report:#}");
    // Left to detection, both read cleanly.
    for inventory in ["inputs/sample-city", "inputs/sample-city-sjis"] {
        let (report, code) = json_of(&["validate", inventory, "--format", "json"]);
        assert_eq!((code, report["errors"].as_u64()), (0, Some(0)), "{report:#}");
    }
}

#[test]
fn an_unreadable_frequency_quotes_the_unread_part_and_the_nearest_forms() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meetings.csv");
    std::fs::write(
        &path,
        "会議名,参加者,開催頻度,1回当たりの会議時間\n\
         支援会議,福祉課、社協,年4かい,90分\n\
         ケース会議,福祉課、社協,月1回,1時間ちょっと\n",
    )
    .unwrap();
    let output = kaigi().args(["validate", path.to_str().unwrap()]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stdout).unwrap() + &String::from_utf8_lossy(&output.stderr);
    assert!(text.contains("開催頻度の「かい」の部分を読み取れません"), "{text}");
    assert!(text.contains("近い書き方: 年4回"), "{text}");
    assert!(text.contains("会議時間の「ちょっと」の部分を読み取れません"), "{text}");
    let (report, _) =
        json_of(&["validate", path.to_str().unwrap(), "--format", "json", "--lang", "en"]);
    let problem = &report["problems"][0];
    assert_eq!(
        (problem["code"].as_str(), problem["unread"].as_str()),
        (Some("bad_frequency"), Some("かい"))
    );
    assert!(problem["nearest"].as_array().is_some_and(|n| n.len() == 3), "{problem}");
}

#[test]
fn planner_wordings_load_and_estimates_are_marked_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meetings.csv");
    std::fs::write(
        &path,
        "会議名,参加者,開催頻度,1回当たりの会議時間\n\
         個別ケース会議,福祉課、社協,随時,約90分\n\
         実務者会議,福祉課、社協,年3～4回,60～90分\n\
         代表者会議,福祉課、社協,年1回,1時間\n",
    )
    .unwrap();
    let (report, code) = json_of(&["validate", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!((code, report["errors"].as_u64()), (0, Some(0)), "{report:#}");
    // No assumption goes unsaid: validate counts the estimates.
    assert_eq!(
        report["estimated"],
        serde_json::json!({"frequency": 2, "ad_hoc": 1, "duration": 2}),
        "{report:#}"
    );
    let text = String::from_utf8(
        kaigi().args(["validate", path.to_str().unwrap()]).output().unwrap().stdout,
    )
    .unwrap();
    assert!(text.contains("推定値: 開催頻度 2 件（うち随時 1 件"), "{text}");
    let table = |lang: &str| {
        let output =
            kaigi().args(["inventory", path.to_str().unwrap(), "--lang", lang]).output().unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let ja = table("ja");
    assert!(ja.contains("随時(推定 年12回) × 90(推定)分"), "{ja}");
    assert!(ja.contains("年3.5回(推定) × 75(推定)分"), "{ja}");
    assert!(ja.contains("年1回 × 60分"), "{ja}");
    let en = table("en");
    assert!(en.contains("ad hoc (est. 12/year) × 90 (est.) min"), "{en}");
    assert!(en.contains("3.5/year (est.) × 75 (est.) min"), "{en}");
}

/// English counts agree with their nouns: "1 meeting", "1 warning", not "1 meetings".
#[test]
fn english_counts_use_the_singular_for_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("meetings.csv"),
        "id,name,participants,frequency,minutes\nM1,Case meeting,Housing office,monthly,60\n",
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    let output = kaigi().args(["validate", path, "--lang", "en"]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("read 1 meeting and 1 agency; 0 errors, 1 warning"), "{text}");
    let output = kaigi().args(["inventory", path, "--lang", "en"]).output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("kaigi: 1 warning (see kaigi validate)"), "{stderr}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("Total: 1 meeting, 1 agency,"), "{stdout}");
}
