//! Output files are created as any new file is — mode 0666 less the umask, so 0644 under
//! the usual 022 — and still written atomically, so a report saved to a shared drive can
//! be opened by the next person.
#![cfg(unix)]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// Runs kaigi under a given umask (the umask belongs to the process, so a shell sets it).
fn kaigi_with_umask(umask: &str, args: &[&str]) {
    let binary = assert_cmd::cargo::cargo_bin("kaigi");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
        .arg(binary)
        .args(args)
        .current_dir(common::repo(""))
        .status()
        .unwrap();
    assert!(status.success(), "kaigi {args:?} under umask {umask}");
}

fn modes(root: &Path) -> Vec<(String, u32)> {
    common::files(root)
        .keys()
        .map(|name| {
            let mode = std::fs::metadata(root.join(name)).unwrap().permissions().mode() & 0o777;
            (name.clone(), mode)
        })
        .collect()
}

#[test]
fn report_files_get_0644_under_umask_022() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report");
    kaigi_with_umask("022", &["report", "inputs/sample-city", "--out", out.to_str().unwrap()]);
    let modes = modes(&out);
    assert!(modes.len() > 20, "{modes:?}");
    for (name, mode) in &modes {
        assert_eq!(*mode, 0o644, "{name}: {mode:o}");
    }
}

#[test]
fn template_files_follow_the_umask() {
    for (umask, expected) in [("022", 0o644), ("077", 0o600), ("002", 0o664)] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("form.csv");
        kaigi_with_umask(umask, &["template", "--out", path.to_str().unwrap()]);
        for (name, mode) in modes(dir.path()) {
            assert_eq!(mode, expected, "umask {umask}: {name}: {mode:o}");
        }
    }
}
