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
