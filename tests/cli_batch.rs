//! `kaigi batch` over a folder of municipalities, one of them deliberately broken.

mod common;

use common::kaigi;

#[test]
fn batch_reports_the_broken_inventory_and_summarises_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let cities = dir.path().join("cities");
    for (i, meetings) in [30, 45, 60, 40].iter().enumerate() {
        kaigi()
            .args([
                "generate",
                "--meetings",
                &meetings.to_string(),
                "--agencies",
                "80",
                "--seed",
                &i.to_string(),
                "--out",
            ])
            .arg(cities.join(format!("city-{i}")))
            .assert()
            .success();
    }
    // One broken municipality: an unreadable frequency and a meeting without participants.
    let broken = cities.join("broken-town");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(
        broken.join("meetings.csv"),
        "ID,会議名,参加者,開催頻度,1回当たりの会議時間\nM1,会議A,福祉課,そのうち,90分\nM2,会議B,,月1回,60分\n",
    )
    .unwrap();
    // And one workbook straight in the folder.
    std::fs::copy("inputs/sample-city.xlsx", cities.join("sample.xlsx")).unwrap();
    let out = dir.path().join("summary");
    let output = kaigi()
        .args(["batch", cities.to_str().unwrap(), "--out", out.to_str().unwrap(), "--lang", "en"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("could not analyse") && stderr.contains("broken-town"), "{stderr}");
    assert!(stderr.contains("5 analysed, 1 failed"), "{stderr}");
    let summary: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("summary.json")).unwrap()).unwrap();
    let rows = summary["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 6);
    let broken_row = rows.iter().find(|r| r["name"] == "broken-town").unwrap();
    assert_eq!(broken_row["status"], "error");
    let problem = broken_row["problem"].as_str().unwrap();
    assert!(
        problem.contains("row 2") && problem.contains("開催頻度") && problem.contains("and 1 more"),
        "{problem}"
    );
    // Rows are named by their file, so a workbook beside a folder of the same stem is
    // told apart from it.
    let sample = rows.iter().find(|r| r["name"] == "sample.xlsx").unwrap();
    let names: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), rows.len(), "{names:?}");
    assert_eq!(sample["status"], "ok");
    assert_eq!(sample["meetings"], 36);
    assert_eq!(sample["annual_person_hours"], 4077.0);
    for row in rows.iter().filter(|r| r["status"] == "ok") {
        assert!(row["proposed_person_hours"].as_f64() <= row["annual_person_hours"].as_f64());
        assert!(row["density"].as_f64().unwrap() > 0.0);
    }
    for file in ["summary.csv", "summary.xlsx", "summary.md"] {
        assert!(out.join(file).is_file(), "{file}");
    }
}

#[test]
fn an_empty_folder_is_a_clear_failure() {
    let dir = tempfile::tempdir().unwrap();
    kaigi()
        .args([
            "batch",
            dir.path().to_str().unwrap(),
            "--out",
            dir.path().join("o").to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no inventories"));
}
