//! `kaigi report`: the files are all there, parse back, escape hostile names, and are
//! byte-identical from run to run.

mod common;

use common::{files, kaigi};
use std::path::Path;

fn report(inventory: &str, out: &Path, lang: &str) {
    kaigi()
        .args(["report", inventory, "--out", out.to_str().unwrap(), "--lang", lang])
        .assert()
        .success();
}

#[test]
fn sample_city_report_writes_every_file_and_they_parse_back() {
    let dir = tempfile::tempdir().unwrap();
    report("inputs/sample-city", dir.path(), "ja");
    let written = files(dir.path());
    for expected in [
        "report.html",
        "report.md",
        "analysis.json",
        "tables.xlsx",
        "tables/meetings.csv",
        "tables/proposal_bodies.csv",
        "charts/hours_per_meeting.svg",
        "charts/hours_per_meeting.png",
        "charts/proposal_tiers.svg",
        "charts/lorenz_hours.png",
        "charts/overlap_heatmap.svg",
        "charts/agency_network.png",
        "charts/sector_matrix.svg",
        "tables/connectivity_agencies.csv",
        "tables/sector_matrix.csv",
        "network/two_mode.graphml",
        "network/agencies.gexf",
        "tables/overlap_clusters.csv",
    ] {
        assert!(written.contains_key(expected), "missing {expected}: {:?}", written.keys());
    }
    // HTML: one self-contained page with the sections a reader expects.
    let html = String::from_utf8(written["report.html"].clone()).unwrap();
    let document = scraper::Html::parse_document(&html);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    for id in ["summary", "meetings", "connectivity", "overlap", "proposal", "charts"] {
        assert_eq!(document.select(&select(&format!("section#{id}"))).count(), 1, "section {id}");
    }
    let rows = document.select(&select("section#meetings tbody tr")).count();
    assert_eq!(rows, 36 + 1, "36 meetings and a total row");
    assert!(document.select(&select("figure svg")).count() >= 5);
    for external in ["script[src]", "link[href]", "img[src^='http']"] {
        assert_eq!(document.select(&select(external)).count(), 0, "{external}");
    }
    // The workbook has a sheet per table, named in the report's language, with the
    // meeting table readable.
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(written["tables.xlsx"].clone()))
            .unwrap();
    let sheets = book.sheet_names();
    for sheet in ["会議一覧", "機関一覧", "現状と提案の比較", "提案する会議体"]
    {
        assert!(sheets.iter().any(|s| s == sheet), "{sheet} in {sheets:?}");
    }
    let meetings = book.worksheet_range("会議一覧").unwrap();
    assert_eq!(meetings.get((1, 0)).unwrap().to_string(), "M01");
    assert_eq!(meetings.get((1, 8)).unwrap().to_string(), "162");
    // CSV tables carry a BOM for Excel.
    assert!(written["tables/meetings.csv"].starts_with(b"\xEF\xBB\xBF"));
    // analysis.json holds the proposal and the table.
    let json: serde_json::Value = serde_json::from_slice(&written["analysis.json"]).unwrap();
    assert_eq!(json["inventory"]["totals"]["annual_person_hours"], 4077.0);
    assert!(json["proposal"]["bodies"].as_array().unwrap().len() < 36);
    // Network files parse as XML and hold every node and link with its attributes.
    let links = json["connectivity"]["network"]["links"].as_u64().unwrap() as usize;
    let agencies = json["connectivity"]["network"]["agencies"].as_u64().unwrap() as usize;
    let count = |file: &str, tag: &str| {
        let text = String::from_utf8(written[file].clone()).unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        doc.descendants().filter(|n| n.has_tag_name(tag)).count()
    };
    assert_eq!(count("network/agencies.graphml", "node"), agencies);
    assert_eq!(count("network/agencies.graphml", "edge"), links);
    assert_eq!(count("network/agencies.gexf", "node"), agencies);
    assert_eq!(count("network/agencies.gexf", "edge"), links);
    assert_eq!(count("network/two_mode.graphml", "node"), 36 + 69);
    let seats: usize = json["inventory"]["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["participants"].as_array().unwrap().len())
        .sum();
    assert_eq!(count("network/two_mode.gexf", "edge"), seats);
    let graphml = String::from_utf8(written["network/agencies.graphml"].clone()).unwrap();
    for attribute in ["sector", "betweenness", "closeness", "annual_hours"] {
        assert!(graphml.contains(&format!("attr.name=\"{attribute}\"")), "{attribute}");
    }
}

#[test]
fn report_is_byte_identical_from_run_to_run() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    report("inputs/sample-city", first.path(), "en");
    report("inputs/sample-city", second.path(), "en");
    let (a, b) = (files(first.path()), files(second.path()));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between runs");
    }
}

#[test]
fn hostile_names_are_escaped_or_neutralised_in_every_output() {
    let dir = tempfile::tempdir().unwrap();
    report("tests/fixtures/malicious", dir.path(), "en");
    let written = files(dir.path());
    for (name, bytes) in &written {
        let text = String::from_utf8_lossy(bytes);
        if name.ends_with(".html")
            || name.ends_with(".svg")
            || name.ends_with(".md")
            || name.ends_with(".graphml")
            || name.ends_with(".gexf")
        {
            assert!(!text.contains("<script>"), "{name} has a raw <script>");
            assert!(!text.contains("<b>議題</b>"), "{name} has raw markup from a topic");
        }
        if name.ends_with(".csv") {
            // tables/ carry a BOM for Excel; network/ lists none (Gephi and R read it
            // into the first header).
            let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(body);
            for record in reader.records() {
                for cell in record.unwrap().iter() {
                    assert!(
                        !(cell.starts_with(['=', '+', '@'])
                            || (cell.starts_with('-') && cell.parse::<f64>().is_err())),
                        "{name}: formula cell {cell:?}"
                    );
                }
            }
        }
    }
    // The text is still there for a reader, just inert.
    let html = String::from_utf8(written["report.html"].clone()).unwrap();
    let document = scraper::Html::parse_document(&html);
    let text: String = document.root_element().text().collect();
    assert!(text.contains("<script>alert(1)</script>"));
    assert!(text.contains("=HYPERLINK(\"http://x\")"));
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(written["tables.xlsx"].clone()))
            .unwrap();
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).unwrap();
        for cell in range.used_cells() {
            let value = cell.2.to_string();
            assert!(!value.starts_with(['=', '+', '@']), "{sheet}: formula cell {value:?}");
        }
        let formulas = book.worksheet_formula(&sheet).unwrap();
        assert!(formulas.used_cells().all(|c| c.2.is_empty()), "{sheet} has formulas");
    }
    let agencies = book.worksheet_range("Agencies").unwrap();
    assert!(agencies.used_cells().any(|c| *c.2 == "'=HYPERLINK(\"http://x\")"));
}

#[test]
fn report_refuses_to_write_over_an_input_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("tables")).unwrap();
    let meetings = dir.path().join("tables/meetings.csv");
    std::fs::copy("tests/fixtures/english-minimal/meetings.csv", &meetings).unwrap();
    let before = std::fs::read(&meetings).unwrap();
    // Without --force the folder (holding the user's own files) is refused outright;
    // even with it, no output may replace an input file.
    let out = dir.path().to_str().unwrap();
    kaigi()
        .args(["report", meetings.to_str().unwrap(), "--out", out, "--lang", "en"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("holds files kaigi did not write"));
    kaigi()
        .args(["report", meetings.to_str().unwrap(), "--out", out, "--force"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("input file"));
    assert_eq!(std::fs::read(&meetings).unwrap(), before);
}

#[test]
fn exact_limit_switches_the_report_to_estimated_path_measures_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    kaigi()
        .args(["report", "inputs/sample-city", "--out", out, "--lang", "en", "--exact-limit", "10"])
        .assert()
        .success();
    let analysis: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("analysis.json")).unwrap()).unwrap();
    let network = &analysis["connectivity"]["network"];
    assert_eq!(network["exact_paths"], false, "{network}");
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert!(html.contains("(estimated)"), "the report must say the figures are estimates");
}

#[test]
fn analysis_json_is_byte_identical_in_both_languages() {
    // analysis.json holds data and language-free codes only; the words live in the
    // documents. The same inventory must give the same bytes whatever --lang says.
    let out = tempfile::tempdir().expect("temporary folder");
    let mut files = Vec::new();
    for lang in ["ja", "en"] {
        let folder = out.path().join(lang);
        kaigi()
            .args(["report", "inputs/sample-city", "--lang", lang, "--out"])
            .arg(&folder)
            .assert()
            .success();
        files.push(std::fs::read(folder.join("analysis.json")).expect("analysis.json"));
    }
    assert!(files[0] == files[1], "analysis.json differs between --lang ja and --lang en");
    let text = String::from_utf8(files.swap_remove(0)).expect("UTF-8");
    for words in ["は維持", "is kept", "合同会議", "Joint session"] {
        assert!(!text.contains(words), "analysis.json carries prose: {words}");
    }
}

#[test]
fn the_documents_show_both_cost_figures_with_the_assumption_stated() {
    let out = tempfile::tempdir().expect("temporary folder");
    for (lang, full, assumption) in [
        ("ja", "年間延べ時間（全員が毎回最後まで出席）", "事務局の作業時間もポリシーの仮定値"),
        (
            "en",
            "person-hours per year (everyone sits through every session)",
            "Secretariat hours are also an assumption",
        ),
    ] {
        let folder = out.path().join(lang);
        report("inputs/sample-city", &folder, lang);
        for file in ["report.md", "report.html"] {
            let text = std::fs::read_to_string(folder.join(file)).expect("document");
            assert!(text.contains(full), "{lang} {file}: full-attendance row missing");
            assert!(text.contains(assumption), "{lang} {file}: assumption not stated");
        }
    }
}

/// The README's main command, exactly as a newcomer types it (`kaigi report
/// inputs/sample-city` from the project folder): no warning about the project's own
/// sample, and the last line names the file to open. Run twice: the second run replaces
/// kaigi's own earlier report without `--force`; a folder of the user's own files is
/// refused without it.
#[test]
fn the_readme_main_command_prints_no_warning_and_ends_with_report_html() {
    let readme = std::fs::read_to_string(common::repo("README.md")).unwrap();
    assert!(readme.contains("cargo run --release -- report inputs/sample-city\n"));
    let project = tempfile::tempdir().unwrap();
    let sample = project.path().join("inputs/sample-city");
    std::fs::create_dir_all(&sample).unwrap();
    for file in ["meetings.csv", "agencies.csv"] {
        std::fs::copy(common::repo("inputs/sample-city").join(file), sample.join(file)).unwrap();
    }
    for run in 0..2 {
        let output = kaigi()
            .current_dir(project.path())
            .args(["report", "inputs/sample-city"])
            .output()
            .unwrap();
        assert!(output.status.success(), "run {run}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(!stderr.contains("警告") && !stderr.contains("warning"), "{stderr}");
        let last = stderr.lines().last().unwrap();
        assert_eq!(last, "kaigi: まず開くファイル: outputs/sample-city/report.html", "{stderr}");
        assert!(project.path().join("outputs/sample-city/report.html").is_file());
    }
    let mine = project.path().join("mine");
    std::fs::create_dir_all(&mine).unwrap();
    std::fs::write(mine.join("letter.docx"), b"a user's own file").unwrap();
    let refused = kaigi()
        .current_dir(project.path())
        .args(["report", "inputs/sample-city", "--out", "mine", "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(stderr.contains("holds files kaigi did not write") && stderr.contains("--force"));
    assert!(!mine.join("report.html").exists());
    kaigi()
        .current_dir(project.path())
        .args(["report", "inputs/sample-city", "--out", "mine", "--force"])
        .assert()
        .success();
    assert!(mine.join("report.html").is_file() && mine.join("letter.docx").is_file());
}

/// The brokerage roles carry the same names in the terminal, the HTML and the CSV, and
/// the old separate gatekeeper/representative words (always equal here) are gone.
#[test]
fn brokerage_roles_have_one_name_in_text_html_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, names, retired) in [
        (
            "ja",
            ["分野の窓口", "外部の相談役", "分野外どうしの連絡役"],
            ["門番", "代表 ", "リエゾン"],
        ),
        (
            "en",
            [
                "gateway of its field",
                "consultant to another field",
                "liaison between two other fields",
            ],
            ["gatekeeper ", "representative ", "(liaison"],
        ),
    ] {
        let out = dir.path().join(lang);
        report("inputs/sample-city", &out, lang);
        let text = kaigi().args(["connectivity", "inputs/sample-city", "--lang", lang]).output();
        let text = String::from_utf8(text.unwrap().stdout).unwrap();
        let html = std::fs::read_to_string(out.join("report.html")).unwrap();
        let csv = std::fs::read_to_string(out.join("tables/connectivity_agencies.csv")).unwrap();
        let header = csv.lines().next().unwrap();
        for name in names {
            assert!(text.contains(name), "{lang} text lacks {name}");
            assert!(html.contains(name), "{lang} HTML lacks {name}");
            assert!(header.contains(name), "{lang} CSV header lacks {name}: {header}");
        }
        // (The note under the list may name the old roles to explain the merge.)
        let numbered = |l: &&str| {
            l.trim_start().split_once(". ").is_some_and(|(n, _)| n.parse::<u8>().is_ok())
        };
        let listed: Vec<&str> = text.lines().filter(numbered).collect();
        for old in retired {
            assert!(!header.contains(old), "{lang}: {old} still in the CSV");
            assert!(listed.iter().all(|l| !l.contains(old)), "{lang}: {old} still listed");
        }
        // The same first broker heads the terminal list and the HTML list.
        let first_text = text.lines().find(|l| l.starts_with("  1. ")).unwrap();
        let first_name = first_text[5..].split(['（', ' ', '(']).next().unwrap();
        let document = scraper::Html::parse_document(&html);
        let selector = scraper::Selector::parse("section#connectivity ol li").unwrap();
        let first_html: String = document.select(&selector).next().unwrap().text().collect();
        assert!(first_html.starts_with(first_name), "{first_name} vs {first_html}");
    }
}
