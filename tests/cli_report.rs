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
        "charts/structure_before.svg",
        "charts/structure_after.svg",
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
    assert_eq!(rows, 36, "36 meetings");
    let totals = document.select(&select("section#meetings tfoot tr")).count();
    assert_eq!(totals, 1, "the total row sits in tfoot, apart from the data");
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
        // Text that looks like a formula is a string cell, never a formula.
        for cell in range.used_cells() {
            let value = cell.2.to_string();
            if value.starts_with(['=', '+', '@']) {
                assert!(matches!(cell.2, calamine::Data::String(_)), "{sheet}: {value:?}");
            }
        }
        let formulas = book.worksheet_formula(&sheet).unwrap();
        assert!(formulas.used_cells().all(|c| c.2.is_empty()), "{sheet} has formulas");
    }
    // An .xlsx string cell is never evaluated: the name is written as it is, as a
    // string, with no apostrophe (the formula check above found no formula).
    let agencies = book.worksheet_range("Agencies").unwrap();
    assert!(agencies.used_cells().any(|c| *c.2 == "=HYPERLINK(\"http://x\")"));
    // The Word document is well-formed XML holding the names as text, not markup.
    let parts = unzip(&written["report.docx"]);
    let xml = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("document.xml is well-formed");
    let text: String = doc.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect();
    assert!(text.contains("<script>alert(1)</script>"));
    assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
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

/// `--open` on a machine with no browser (here: a PATH holding no opener) is a note, not
/// a failure, and it comes before the closing lines, so "open first" stays the last.
#[test]
fn open_without_a_browser_notes_it_and_still_ends_with_the_file_to_open() {
    let dir = tempfile::tempdir().unwrap();
    let empty_path = dir.path().join("bin");
    std::fs::create_dir_all(&empty_path).unwrap();
    let out = dir.path().join("out");
    let output = kaigi()
        .env("PATH", &empty_path)
        .arg("report")
        .arg(common::repo("inputs/sample-city"))
        .arg("--out")
        .arg(&out)
        .arg("--open")
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines[lines.len() - 3].starts_with("kaigi: 既定のブラウザで開けませんでした。"),
        "{stderr}"
    );
    assert!(lines[lines.len() - 1].starts_with("kaigi: まず開くファイル: "), "{stderr}");
    assert!(lines[lines.len() - 1].ends_with("report.html"), "{stderr}");
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

/// The files of a zip archive (.docx, .xlsx) by name.
fn unzip(bytes: &[u8]) -> std::collections::BTreeMap<String, Vec<u8>> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let mut content = Vec::new();
        file.read_to_end(&mut content).unwrap();
        out.insert(file.name().unwrap().to_string(), content);
    }
    out
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

#[test]
fn report_docx_is_a4_with_the_summary_first_tables_and_every_chart_as_a_picture() {
    let dir = tempfile::tempdir().unwrap();
    report("inputs/sample-city", dir.path(), "ja");
    let written = files(dir.path());
    let parts = unzip(&written["report.docx"]);
    let xml = String::from_utf8(parts["word/document.xml"].clone()).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let w = |node: roxmltree::Node, name: &str| node.attribute((W, name)).map(str::to_string);
    // Page sizes: A4 portrait, and a landscape section for the meeting table.
    let sizes: Vec<(String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "pgSz")))
        .map(|n| (w(n, "w").unwrap(), w(n, "h").unwrap()))
        .collect();
    assert_eq!(sizes.first(), Some(&("11906".to_string(), "16838".to_string())), "{sizes:?}");
    assert!(sizes.contains(&("16838".to_string(), "11906".to_string())), "{sizes:?}");
    // The summary comes first: the first level-1 heading is the one-page summary.
    let headings: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .filter(|p| {
            p.descendants().any(|s| {
                s.has_tag_name((W, "pStyle")) && w(s, "val").as_deref() == Some("Heading1")
            })
        })
        .map(|p| p.descendants().filter(|t| t.is_text()).filter_map(|t| t.text()).collect())
        .collect();
    assert_eq!(headings.first().map(String::as_str), Some("概要"), "{headings:?}");
    // Tables: the figures, the meetings, the decisions, the agencies.
    let tables: Vec<roxmltree::Node> =
        doc.descendants().filter(|n| n.has_tag_name((W, "tbl"))).collect();
    assert!(tables.len() >= 3, "{} tables", tables.len());
    let meetings = tables
        .iter()
        .find(|t| t.descendants().any(|n| n.text() == Some("参加者")))
        .expect("the meeting table");
    let rows = meetings.children().filter(|n| n.has_tag_name((W, "tr"))).count();
    assert_eq!(rows, 1 + 36 + 1, "header, 36 meetings, total");
    // The participants get the width: their column is the widest of the grid.
    let grid: Vec<u32> = meetings
        .descendants()
        .filter(|n| n.has_tag_name((W, "gridCol")))
        .map(|n| w(n, "w").unwrap().parse().unwrap())
        .collect();
    let widest = grid.iter().enumerate().max_by_key(|(_, w)| **w).unwrap().0;
    assert_eq!(widest, 2, "participants (column 3) is the widest: {grid:?}");
    assert!(grid.iter().sum::<u32>() <= 16838 - 2 * 1077 + 10, "fits the landscape page: {grid:?}");
    // Every chart of the report is a picture, byte for byte the chart's PNG.
    let charts: Vec<&Vec<u8>> = written
        .iter()
        .filter(|(name, _)| name.starts_with("charts/") && name.ends_with(".png"))
        .map(|(_, bytes)| bytes)
        .collect();
    let media: Vec<&Vec<u8>> = parts
        .iter()
        .filter(|(name, _)| name.starts_with("word/media/"))
        .map(|(_, bytes)| bytes)
        .collect();
    assert!(charts.len() >= 5);
    for chart in &charts {
        assert!(media.contains(chart), "a chart is missing from word/media");
    }
    let drawings = doc.descendants().filter(|n| n.has_tag_name((W, "drawing"))).count();
    assert_eq!(drawings, charts.len() + 1, "every chart, and the structure in the summary");
    // East Asian text has a Japanese font; headings use the Gothic face.
    let styles = String::from_utf8(parts["word/styles.xml"].clone()).unwrap();
    assert!(styles.contains("w:eastAsia=\"游明朝\""), "body font");
    assert!(styles.contains("w:eastAsia=\"游ゴシック\""), "heading font");
}

#[test]
fn workbook_is_fitted_filtered_and_set_to_print_on_a4_landscape() {
    let dir = tempfile::tempdir().unwrap();
    report("inputs/sample-city", dir.path(), "ja");
    let written = files(dir.path());
    let parts = unzip(&written["tables.xlsx"]);
    let text = |name: &str| String::from_utf8(parts[name].clone()).unwrap();
    let workbook = text("xl/workbook.xml");
    let sheets = roxmltree::Document::parse(&workbook).unwrap();
    let names: Vec<&str> = sheets
        .descendants()
        .filter(|n| n.has_tag_name("sheet"))
        .filter_map(|n| n.attribute("name"))
        .collect();
    assert_eq!(names[0], "会議一覧");
    // Print titles: the header row repeats on every printed page of every sheet.
    let titles = sheets
        .descendants()
        .filter(|n| n.has_tag_name("definedName"))
        .filter(|n| n.attribute("name") == Some("_xlnm.Print_Titles"))
        .count();
    assert_eq!(titles, names.len(), "{workbook}");
    for (i, name) in names.iter().enumerate() {
        let sheet = text(&format!("xl/worksheets/sheet{}.xml", i + 1));
        let doc = roxmltree::Document::parse(&sheet).unwrap();
        let find = |tag: &str| doc.descendants().find(|n| n.has_tag_name(tag));
        let setup = find("pageSetup").unwrap_or_else(|| panic!("{name}: no pageSetup"));
        assert_eq!(setup.attribute("paperSize"), Some("9"), "{name}: A4");
        assert_eq!(setup.attribute("orientation"), Some("landscape"), "{name}");
        assert_eq!(setup.attribute("fitToHeight"), Some("0"), "{name}: one page wide");
        assert_eq!(find("pageSetUpPr").and_then(|n| n.attribute("fitToPage")), Some("1"));
        assert!(find("autoFilter").is_some(), "{name}: autofilter");
        assert!(find("pane").is_some_and(|p| p.attribute("state") == Some("frozen")), "{name}");
        assert!(doc.descendants().any(|n| n.has_tag_name("col") && n.attribute("width").is_some()));
    }
    // The meeting sheet: participants get the width; the filter covers the 36 meetings
    // and the header only; the total sits below a blank row.
    let sheet = text("xl/worksheets/sheet1.xml");
    let doc = roxmltree::Document::parse(&sheet).unwrap();
    let widths: Vec<f64> = doc
        .descendants()
        .filter(|n| n.has_tag_name("col"))
        .map(|n| n.attribute("width").unwrap().parse().unwrap())
        .collect();
    assert!(widths[2] > widths[0] * 3.0, "participants wider than the id: {widths:?}");
    let filter = doc.descendants().find(|n| n.has_tag_name("autoFilter")).unwrap();
    assert_eq!(filter.attribute("ref").map(|r| r.ends_with("37")), Some(true), "{sheet}");
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(written["tables.xlsx"].clone()))
            .unwrap();
    let meetings = book.worksheet_range("会議一覧").unwrap();
    assert!(meetings.get((37, 1)).is_none_or(|c| c.to_string().is_empty()), "blank row");
    assert_eq!(meetings.get((38, 1)).map(|c| c.to_string()).as_deref(), Some("合計"));
    // Labels in the reader's language, headers unique per sheet, no apostrophe guard.
    for sheet in book.sheet_names() {
        let range = book.worksheet_range(&sheet).unwrap();
        let header: Vec<String> =
            (0..range.width()).map(|c| range.get((0, c)).unwrap().to_string()).collect();
        let unique: std::collections::BTreeSet<&String> = header.iter().collect();
        assert_eq!(unique.len(), header.len(), "{sheet}: repeated header in {header:?}");
        for cell in range.used_cells() {
            let value = cell.2.to_string();
            assert!(!value.starts_with('\''), "{sheet}: apostrophe in {value:?}");
            assert!(!value.contains("=true") && !value.contains("=false"), "{sheet}: {value}");
        }
    }
    assert!(!text("xl/styles.xml").contains("quotePrefix"));
}

#[test]
fn report_html_prints_on_a4_with_rows_and_charts_kept_whole() {
    let dir = tempfile::tempdir().unwrap();
    report("inputs/sample-city", dir.path(), "en");
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    let document = scraper::Html::parse_document(&html);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let style: String = document.select(&select("style")).flat_map(|s| s.text()).collect();
    for rule in [
        "@page{size:A4",
        "@page wide{size:A4 landscape",
        "@media print{",
        "tr,li,.card{break-inside:avoid",
        "figure{margin:1rem 0;break-inside:avoid",
        "#summary{break-after:page",
        "h2,h3{break-after:avoid",
        ".table-frame{overflow-x:auto",
    ] {
        assert!(style.contains(rule), "missing {rule:?} in the style");
    }
    // Every table scrolls inside its own frame on a narrow screen.
    let tables = document.select(&select("table")).count();
    assert_eq!(document.select(&select("div.table-frame > table")).count(), tables);
    // The summary comes first, with the structure chart, decisions and approvers.
    let first = document.select(&select("body > section")).next().unwrap();
    assert_eq!(first.value().attr("id"), Some("summary"));
    assert_eq!(document.select(&select("#summary figure svg")).count(), 1);
    assert!(document.select(&select("#summary ol li")).count() >= 1);
    let summary: String = first.text().collect();
    assert!(summary.contains("Who must approve what"), "{summary}");
    assert!(summary.contains("if everyone sits through every session"), "{summary}");
}

/// Every chart's words are drawn as glyph outlines of the bundled font, so Japanese shows
/// on a machine without a Japanese font; the words stay as transparent text for screen
/// readers, search and copying; each SVG parses, and glyph ids are unique in report.html.
#[test]
fn chart_text_is_drawn_as_outlines_and_stays_readable_as_text() {
    let dir = tempfile::tempdir().unwrap();
    report("inputs/sample-city", dir.path(), "ja");
    let written = files(dir.path());
    let mut charts = 0;
    for (name, bytes) in written.iter().filter(|(n, _)| n.ends_with(".svg")) {
        let svg = String::from_utf8(bytes.clone()).unwrap();
        let document = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{name}: {e}"));
        let texts: Vec<_> = document.descendants().filter(|n| n.has_tag_name("text")).collect();
        assert!(!texts.is_empty(), "{name} has no text");
        for text in &texts {
            assert_eq!(text.attribute("fill-opacity"), Some("0"), "{name}: visible <text>");
        }
        let uses = document.descendants().filter(|n| n.has_tag_name("use")).count();
        let glyphs = document
            .descendants()
            .filter(|n| n.has_tag_name("path") && n.attribute("id").is_some())
            .count();
        assert!(uses > 0 && glyphs > 0, "{name}: {uses} uses of {glyphs} glyphs");
        charts += 1;
    }
    assert!(charts >= 9, "{charts} charts");
    // The page inlines the charts: no id may repeat.
    let html = String::from_utf8(written["report.html"].clone()).unwrap();
    let ids: Vec<&str> =
        html.split(" id=\"").skip(1).map(|s| s.split('"').next().unwrap()).collect();
    let unique: std::collections::BTreeSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "repeated ids in report.html");
    // The structure diagram still names 地域ケア推進会議 in words.
    assert!(
        String::from_utf8_lossy(&written["charts/structure_after.svg"]).contains("地域ケア推進")
    );
}

/// A Word file shows the first 500 meetings only; its total row (and the same row in every
/// other document) still adds up all of them, so it must say so rather than sit under 500
/// rows as if it were their sum. A city-sized inventory keeps the plain 合計.
#[test]
fn the_total_row_says_it_counts_every_meeting_when_a_document_cuts_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let inventory = dir.path().join("region");
    kaigi()
        .args(["generate", "--municipalities", "2", "--meetings", "600", "--seed", "3"])
        .arg("--out")
        .arg(&inventory)
        .assert()
        .success();
    let out = dir.path().join("out");
    report(inventory.to_str().unwrap(), &out, "ja");
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("合計（全 600 件）"), "HTML total row");
    let docx = unzip(&std::fs::read(out.join("report.docx")).unwrap());
    let document = String::from_utf8(docx["word/document.xml"].clone()).unwrap();
    assert!(document.contains("合計（全 600 件）"), "Word total row");
    assert!(document.contains("全 600 件のうち最初の 500 件を載せています。"), "Word cut note");

    let city = dir.path().join("city");
    report("inputs/sample-city", &city, "ja");
    let html = std::fs::read_to_string(city.join("report.html")).unwrap();
    assert!(html.contains("合計") && !html.contains("合計（全"), "a short table keeps 合計");
}
