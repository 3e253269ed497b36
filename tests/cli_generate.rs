//! `kaigi generate`: messages in the run's language.

mod common;

use common::kaigi;

#[test]
fn generate_speaks_the_runs_language() {
    for (lang, wrote, summary) in
        [("ja", "を書き出しました", "会議 12 件"), ("en", "wrote", "12 meetings")]
    {
        let dir = tempfile::tempdir().unwrap();
        let output = kaigi()
            .args(["generate", "--meetings", "12", "--agencies", "60", "--lang", lang, "--out"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(output.status.success());
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(wrote) && stderr.contains(summary), "{lang}: {stderr}");
    }
}

#[test]
fn municipalities_write_a_region_the_same_for_the_same_seed() {
    let run = |seed: &str| {
        let dir = tempfile::tempdir().unwrap();
        let output = kaigi()
            .args(["generate", "--municipalities", "6", "--meetings", "240", "--seed", seed])
            .args(["--lang", "en", "--out"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("6 municipalities, 240 meetings"), "{stderr}");
        let read = |name: &str| std::fs::read(dir.path().join(name)).unwrap();
        (read("meetings.csv"), read("agencies.csv"), read("ground_truth.json"))
    };
    let first = run("11");
    assert_eq!(first, run("11"));
    assert_ne!(first.0, run("12").0);
    let meetings = String::from_utf8(first.0).unwrap();
    // One header and 240 records (fields may hold line breaks, so count ids).
    let ids = meetings.lines().filter(|l| l.starts_with('M') && l.contains(',')).count();
    assert_eq!(ids, 240);
    let truth = String::from_utf8(first.2).unwrap();
    assert!(truth.contains("\"municipalities\": 6"), "{truth}");
    // The region loads and validates with no errors.
    let dir = tempfile::tempdir().unwrap();
    kaigi()
        .args(["generate", "--municipalities", "3", "--seed", "5", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    kaigi().arg("validate").arg(dir.path()).assert().success();
}

#[test]
fn municipalities_refuse_agencies_and_too_few_meetings() {
    let dir = tempfile::tempdir().unwrap();
    let output = kaigi()
        .args(["generate", "--municipalities", "5", "--agencies", "100", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let output = kaigi()
        .args(["generate", "--municipalities", "5", "--meetings", "20", "--lang", "en", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("--meetings must be between 10 per municipality (50)"), "{stderr}");
}
