//! The JSON Schemas under `docs/schema/` are the ones the Rust types generate, and the
//! sample city's `analysis.json` (both languages), `review.json` and what-if JSON are
//! valid against them. `KAIGI_UPDATE_SCHEMAS=1 cargo test --test json_schema` rewrites the copies after
//! a deliberate change of the types.

mod common;

use common::{kaigi, repo};

fn schema(name: &str) -> serde_json::Value {
    let path = repo("docs/schema").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap()
}

fn validator(name: &str) -> jsonschema::Validator {
    jsonschema::validator_for(&schema(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Every violation, one per line with its place in the document.
fn violations(validator: &jsonschema::Validator, document: &serde_json::Value) -> Vec<String> {
    validator.iter_errors(document).map(|e| format!("{}: {e}", e.instance_path())).collect()
}

fn read_json(path: &std::path::Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

#[test]
fn committed_schemas_are_the_ones_the_types_generate() {
    let update = std::env::var_os("KAIGI_UPDATE_SCHEMAS").is_some();
    for (name, generate) in kaigi::report::schema_files() {
        let path = repo("docs/schema").join(name);
        let generated = generate();
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &generated).unwrap();
            continue;
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "docs/schema/{name} differs from the types; run \
             KAIGI_UPDATE_SCHEMAS=1 cargo test --test json_schema and commit it"
        );
    }
}

#[test]
fn sample_city_analysis_json_is_valid_in_both_languages() {
    let validator = validator("analysis.schema.json");
    for lang in ["ja", "en"] {
        let dir = tempfile::tempdir().unwrap();
        kaigi()
            .args(["report", "inputs/sample-city", "--lang", lang, "--out"])
            .arg(dir.path())
            .assert()
            .success();
        let analysis = read_json(&dir.path().join("analysis.json"));
        let problems = violations(&validator, &analysis);
        assert!(problems.is_empty(), "--lang {lang}:\n{}", problems.join("\n"));
    }
}

#[test]
fn sample_city_review_json_is_valid() {
    let validator = validator("review.schema.json");
    let dir = tempfile::tempdir().unwrap();
    kaigi()
        .args(["review", "inputs/sample-city", "inputs/sample-city-next-year", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let review = read_json(&dir.path().join("review.json"));
    let problems = violations(&validator, &review);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(review["links_lost"].is_array() || review.is_object());
}

#[test]
fn sample_city_whatif_json_is_valid_with_and_without_violations() {
    let validator = validator("whatif.schema.json");
    // M15 and M16 share case information on different legal bases: merging them breaks
    // a rule, so the violations are checked too.
    for changes in [&["--merge", "M23,M24"][..], &["--merge", "M15,M16", "--drop", "M36"][..]] {
        let output = kaigi()
            .args(["whatif", "inputs/sample-city", "--format", "json"])
            .args(changes)
            .output()
            .unwrap();
        let whatif: serde_json::Value =
            serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
                panic!("{changes:?}: {e}: {}", String::from_utf8_lossy(&output.stderr))
            });
        let problems = violations(&validator, &whatif);
        assert!(problems.is_empty(), "{changes:?}:\n{}", problems.join("\n"));
        let broken = whatif["violations"].as_array().unwrap().len();
        assert_eq!(broken > 0, changes.contains(&"M15,M16"), "{changes:?}: {broken} violations");
    }
}

/// The bundled scenario file (changes with and without violations, the proposal, the
/// proposal under another policy), as `whatif --scenarios` writes it and as the report
/// puts it into `analysis.json` with the sensitivity.
#[test]
fn sample_city_scenarios_json_is_valid_alone_and_in_the_analysis() {
    let file = "inputs/scenarios/sample-city.toml";
    let (scenarios, code) =
        common::json_of(&["whatif", "inputs/sample-city", "--scenarios", file, "--format", "json"]);
    assert_eq!(code, 0, "{scenarios}");
    let problems = violations(&validator("scenarios.schema.json"), &scenarios);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let dir = tempfile::tempdir().unwrap();
    kaigi()
        .args(["report", "inputs/sample-city", "--scenarios", file, "--sensitivity", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let analysis = read_json(&dir.path().join("analysis.json"));
    let problems = violations(&validator("analysis.schema.json"), &analysis);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(analysis["scenarios"], scenarios);
    assert!(analysis["sensitivity"]["together"].is_array());
}

#[test]
fn the_schema_rejects_a_document_a_script_could_not_use() {
    let validator = validator("analysis.schema.json");
    let dir = tempfile::tempdir().unwrap();
    kaigi().args(["report", "inputs/sample-city", "--out"]).arg(dir.path()).assert().success();
    let good = read_json(&dir.path().join("analysis.json"));
    let mut missing = good.clone();
    missing.as_object_mut().unwrap().remove("connectivity");
    assert!(!violations(&validator, &missing).is_empty(), "a missing section");
    let mut wrong = good.clone();
    wrong["inventory"]["totals"]["meetings"] = serde_json::json!("36");
    let problems = violations(&validator, &wrong);
    assert!(problems.iter().any(|p| p.starts_with("/inventory/totals/meetings")), "{problems:?}");
}
