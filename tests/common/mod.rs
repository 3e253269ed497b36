//! Helpers shared by the integration tests: run the real binary, read fixtures.

#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// Path of a file under the crate root.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The `kaigi` binary, run from the crate root.
pub fn kaigi() -> Command {
    let mut command = Command::cargo_bin("kaigi").expect("binary builds");
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// Runs the binary and parses its standard output as JSON.
pub fn json_of(args: &[&str]) -> (serde_json::Value, i32) {
    let output = kaigi().args(args).output().expect("binary runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "kaigi panicked: {stderr}");
    let value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!("stdout is not JSON ({e}): {}", String::from_utf8_lossy(&output.stdout))
    });
    (value, output.status.code().unwrap_or(-1))
}

/// Every file under a folder, by relative path (`/`-separated).
pub fn files(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("readable folder") {
            let path = entry.expect("folder entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path
                    .strip_prefix(root)
                    .expect("below root")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(relative, std::fs::read(&path).expect("readable file"));
            }
        }
    }
    out
}

/// A copy of a bundled inventory's meetings without its agency list, so no agency's
/// field is known: the findings by field must say so instead of counting 0.
pub fn meetings_without_agency_list(inventory: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    std::fs::copy(repo(inventory).join("meetings.csv"), dir.path().join("meetings.csv"))
        .expect("meetings.csv copied");
    dir
}
