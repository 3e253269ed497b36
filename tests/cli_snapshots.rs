//! Snapshots of every subcommand's human-facing output on the sample city, in both
//! languages: the guard that keeps refactors from changing what users read. A change to
//! a snapshot must be intended and said in the commit.

mod common;

use common::kaigi;

/// Standard output of a successful run.
fn stdout_of(args: &[&str]) -> String {
    let output = kaigi().args(args).output().expect("binary runs");
    assert!(
        output.status.success(),
        "kaigi {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

macro_rules! snapshot_both_languages {
    ($name:ident, [$($arg:expr),+]) => {
        #[test]
        fn $name() {
            for lang in ["ja", "en"] {
                let text = stdout_of(&[$($arg),+, "--lang", lang]);
                insta::assert_snapshot!(format!("{}_{lang}", stringify!($name)), text);
            }
        }
    };
}

snapshot_both_languages!(validate_text, ["validate", "inputs/sample-city"]);
snapshot_both_languages!(inventory_text, ["inventory", "inputs/sample-city"]);
snapshot_both_languages!(propose_text, ["propose", "inputs/sample-city"]);
snapshot_both_languages!(overlap_text, ["overlap", "inputs/sample-city"]);
snapshot_both_languages!(connectivity_text, ["connectivity", "inputs/sample-city"]);
snapshot_both_languages!(
    review_text,
    ["review", "inputs/sample-city", "inputs/sample-city-next-year", "--format", "text"]
);

#[test]
fn report_markdown() {
    for lang in ["ja", "en"] {
        let out = tempfile::tempdir().expect("temporary folder");
        let folder = out.path().join("report");
        let folder_arg = folder.to_str().expect("UTF-8 path");
        stdout_of(&["report", "inputs/sample-city", "--out", folder_arg, "--lang", lang]);
        let markdown = std::fs::read_to_string(folder.join("report.md")).expect("report.md");
        insta::assert_snapshot!(format!("report_markdown_{lang}"), markdown);
    }
}
