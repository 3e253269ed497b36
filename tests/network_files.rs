//! The network exports of `kaigi report` as other tools read them: GraphML valid against
//! the official schema, Pajek, node/edge lists and the incidence matrix holding exactly
//! the inventory's meetings, agencies and seats, one id per agency across every file,
//! GEXF with Gephi's `viz`, and language-free codes beside language-dependent labels.

mod common;

use common::{files, kaigi, repo};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

/// The sample city's report in Japanese and in English, written once for every test.
struct Reports {
    _dirs: [tempfile::TempDir; 2],
    ja: BTreeMap<String, Vec<u8>>,
    en: BTreeMap<String, Vec<u8>>,
    ja_network: std::path::PathBuf,
}

fn reports() -> &'static Reports {
    static REPORTS: OnceLock<Reports> = OnceLock::new();
    REPORTS.get_or_init(|| {
        let run = |lang: &str| {
            let dir = tempfile::tempdir().unwrap();
            kaigi()
                .args(["report", "inputs/sample-city", "--lang", lang, "--out"])
                .arg(dir.path())
                .assert()
                .success();
            dir
        };
        let (ja, en) = (run("ja"), run("en"));
        Reports {
            ja: files(ja.path()),
            en: files(en.path()),
            ja_network: ja.path().join("network"),
            _dirs: [ja, en],
        }
    })
}

fn text(report: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    let bytes = report.get(name).unwrap_or_else(|| panic!("{name} missing: {:?}", report.keys()));
    String::from_utf8(bytes.clone()).unwrap()
}

/// Rows of a CSV file (header included), cells as text.
fn csv_rows(report: &BTreeMap<String, Vec<u8>>, name: &str) -> Vec<Vec<String>> {
    let bytes = &report[name];
    assert!(!bytes.starts_with(b"\xEF\xBB\xBF"), "{name}: no BOM, or Gephi reads \u{feff}Id");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes.as_slice())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// Column `name` of a CSV (header row first).
fn column(rows: &[Vec<String>], name: &str) -> Vec<String> {
    let at = rows[0].iter().position(|h| h == name).unwrap_or_else(|| panic!("no {name}"));
    rows[1..].iter().map(|r| r[at].clone()).collect()
}

/// What the inventory files themselves say: meetings (rows of meetings.csv), seats and
/// head-counts, agencies (registry plus unregistered participants) from analysis.json.
struct Counts {
    meetings: usize,
    agencies: usize,
    seats: usize,
    head_count: u64,
    links: usize,
}

fn counts() -> Counts {
    let meetings_csv = std::fs::read(repo("inputs/sample-city/meetings.csv")).unwrap();
    let rows = csv::Reader::from_reader(meetings_csv.as_slice()).records().count();
    let json: serde_json::Value = serde_json::from_slice(&reports().ja["analysis.json"]).unwrap();
    let meetings = json["inventory"]["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), rows, "analysis.json holds every row of meetings.csv");
    let registry = std::fs::read(repo("inputs/sample-city/agencies.csv")).unwrap();
    let registered = csv::Reader::from_reader(registry.as_slice()).records().count();
    let agencies = json["inventory"]["agencies"].as_array().unwrap().len();
    assert!(agencies >= registered);
    let participants = meetings.iter().flat_map(|m| m["participants"].as_array().unwrap());
    let (seats, head_count) =
        participants.fold((0, 0), |(s, h), p| (s + 1, h + p["count"].as_u64().unwrap()));
    let links = json["connectivity"]["network"]["links"].as_u64().unwrap() as usize;
    Counts { meetings: rows, agencies, seats, head_count, links }
}

/// `xmllint`, or `None` on a machine without it (outside CI: `.ci/run` installs it).
fn xmllint() -> Option<&'static str> {
    let found = std::process::Command::new("xmllint").arg("--version").output().is_ok();
    if !found && std::env::var_os("CI").is_some() {
        panic!("xmllint is missing in CI: .ci/run installs libxml2-utils");
    }
    found.then_some("xmllint")
}

fn validate_graphml(xmllint: &str, files: &[&Path]) -> std::process::Output {
    let schemas = repo("tests/fixtures/graphml");
    std::process::Command::new(xmllint)
        .env("XML_CATALOG_FILES", schemas.join("catalog.xml"))
        .args(["--nonet", "--noout", "--schema"])
        .arg(schemas.join("graphml.xsd"))
        .args(files)
        .output()
        .unwrap()
}

#[test]
fn every_graphml_file_of_the_report_is_valid_against_the_official_schema() {
    let Some(xmllint) = xmllint() else {
        eprintln!("skipped: xmllint not installed (apt-get install libxml2-utils)");
        return;
    };
    let network = &reports().ja_network;
    let graphml: Vec<std::path::PathBuf> = std::fs::read_dir(network)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "graphml"))
        .collect();
    assert_eq!(graphml.len(), 2, "{graphml:?}");
    let paths: Vec<&Path> = graphml.iter().map(|p| p.as_path()).collect();
    let output = validate_graphml(xmllint, &paths);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(stderr.matches(" validates").count(), 2, "{stderr}");
}

#[test]
fn graphml_stays_valid_with_hostile_names() {
    let Some(xmllint) = xmllint() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    kaigi()
        .args(["report", "tests/fixtures/malicious", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let network = dir.path().join("network");
    let files = [network.join("two_mode.graphml"), network.join("agencies.graphml")];
    let output = validate_graphml(xmllint, &[files[0].as_path(), files[1].as_path()]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    // Pajek labels stay one quoted token per line.
    let net = std::fs::read_to_string(network.join("two_mode.net")).unwrap();
    assert!(net.lines().skip(1).take(7).all(|l| l.matches('"').count() == 2), "{net}");
}

#[test]
fn the_schema_check_rejects_the_raw_name_ids_kaigi_used_to_write() {
    let Some(xmllint) = xmllint() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("old.graphml");
    let good = text(&reports().ja, "network/agencies.graphml");
    let a1 = r#"<node id="a0001">"#;
    assert!(good.contains(a1));
    std::fs::write(&bad, good.replace(a1, r#"<node id="保育所・認定 こども園">"#)).unwrap();
    let output = validate_graphml(xmllint, &[bad.as_path()]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("fails to validate"));
}

/// A Pajek file: vertex count, first-mode count, labels, edges (vertex, vertex, weight).
type Pajek = (usize, Option<usize>, Vec<String>, Vec<(usize, usize, f64)>);

fn pajek(net: &str) -> Pajek {
    let mut lines = net.split("\r\n").filter(|l| !l.is_empty());
    let header: Vec<&str> = lines.next().unwrap().split(' ').collect();
    assert_eq!(header[0], "*Vertices");
    let n: usize = header[1].parse().unwrap();
    let first = header.get(2).map(|m| m.parse().unwrap());
    let mut labels = Vec::new();
    for k in 1..=n {
        let line = lines.next().unwrap();
        let (number, rest) = line.split_once(' ').unwrap();
        assert_eq!(number.parse::<usize>().unwrap(), k);
        let label = rest.strip_prefix('"').and_then(|r| r.split_once('"')).unwrap().0;
        labels.push(label.to_string());
    }
    assert_eq!(lines.next(), Some("*Edges"));
    let edges = lines
        .map(|l| {
            let v: Vec<&str> = l.split(' ').collect();
            (v[0].parse().unwrap(), v[1].parse().unwrap(), v[2].parse().unwrap())
        })
        .collect();
    (n, first, labels, edges)
}

#[test]
fn pajek_node_edge_and_incidence_files_hold_the_inventory_exactly() {
    let counts = counts();
    let ja = &reports().ja;
    // Pajek: the two-mode network with its meetings first, every seat an edge between
    // the modes; the projection with every link; partitions one line per vertex.
    let (n, first, labels, edges) = pajek(&text(ja, "network/two_mode.net"));
    assert_eq!(n, counts.meetings + counts.agencies);
    assert_eq!(first, Some(counts.meetings));
    assert_eq!(edges.len(), counts.seats);
    assert!(edges.iter().all(|&(a, b, _)| a <= counts.meetings && b > counts.meetings && b <= n));
    assert_eq!(edges.iter().map(|e| e.2).sum::<f64>(), counts.head_count as f64);
    let (n, first, agency_labels, edges) = pajek(&text(ja, "network/agencies.net"));
    assert_eq!((n, first, edges.len()), (counts.agencies, None, counts.links));
    assert_eq!(agency_labels[..], labels[counts.meetings..], "same agency order in both");
    for (clu, vertices) in [("two_mode", counts.meetings + counts.agencies), ("agencies", n)] {
        let partition = text(ja, &format!("network/{clu}.clu"));
        let lines: Vec<&str> = partition.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines[0], format!("*Vertices {vertices}"));
        assert_eq!(lines.len(), vertices + 1);
    }
    // Node and edge lists.
    let two_mode_nodes = csv_rows(ja, "network/two_mode_nodes.csv");
    assert_eq!(two_mode_nodes[0][..2], ["Id", "Label"]);
    assert_eq!(two_mode_nodes.len() - 1, counts.meetings + counts.agencies);
    let two_mode_edges = csv_rows(ja, "network/two_mode_edges.csv");
    assert_eq!(two_mode_edges[0][..5], ["Source", "Target", "Type", "Id", "Weight"]);
    assert_eq!(two_mode_edges.len() - 1, counts.seats);
    let agency_nodes = csv_rows(ja, "network/agencies_nodes.csv");
    assert_eq!(agency_nodes.len() - 1, counts.agencies);
    assert_eq!(csv_rows(ja, "network/agencies_edges.csv").len() - 1, counts.links);
    // Incidence: a row per meeting, a column per agency, head-counts summing up.
    let incidence = csv_rows(ja, "network/incidence.csv");
    assert_eq!(incidence.len() - 1, counts.meetings);
    assert_eq!(incidence[0].len() - 1, counts.agencies);
    let total: f64 =
        incidence[1..].iter().flat_map(|r| &r[1..]).map(|c| c.parse::<f64>().unwrap()).sum();
    assert_eq!(total, counts.head_count as f64);
    let nonzero = incidence[1..].iter().flat_map(|r| &r[1..]).filter(|c| *c != "0").count();
    assert_eq!(nonzero, counts.seats);
    // One id per agency and meeting in every file: ASCII, a/m and four digits.
    let ids: Vec<String> = column(&two_mode_nodes, "Id");
    let (meetings, agencies) = ids.split_at(counts.meetings);
    assert!(meetings.iter().enumerate().all(|(i, id)| *id == format!("m{:04}", i + 1)));
    assert!(agencies.iter().enumerate().all(|(i, id)| *id == format!("a{:04}", i + 1)));
    assert_eq!(column(&agency_nodes, "Id"), agencies);
    assert_eq!(incidence[0][1..], *agencies);
    assert_eq!(column(&incidence, "Id"), meetings);
    assert_eq!(column(&agency_nodes, "Label"), agency_labels);
    let known: BTreeSet<&String> = ids.iter().collect();
    for file in ["network/two_mode_edges.csv", "network/agencies_edges.csv"] {
        let rows = csv_rows(ja, file);
        for id in column(&rows, "Source").iter().chain(&column(&rows, "Target")) {
            assert!(known.contains(id), "{file}: unknown id {id}");
        }
    }
    // analysis.json gives every meeting, agency and seat the same ids.
    let json: serde_json::Value = serde_json::from_slice(&ja["analysis.json"]).unwrap();
    let node_ids = |list: &str| -> Vec<String> {
        json["inventory"][list]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["node_id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(node_ids("meetings"), meetings);
    assert_eq!(node_ids("agencies"), agencies);
    let seats: Vec<(String, String)> = json["inventory"]["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| {
            let meeting = m["node_id"].as_str().unwrap().to_string();
            m["participants"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |p| (meeting.clone(), p["node_id"].as_str().unwrap().to_string()))
        })
        .collect();
    let edges = csv_rows(ja, "network/two_mode_edges.csv");
    let listed: Vec<(String, String)> =
        column(&edges, "Source").into_iter().zip(column(&edges, "Target")).collect();
    assert_eq!(listed, seats);
    let graphml = text(ja, "network/two_mode.graphml");
    let doc = roxmltree::Document::parse(&graphml).unwrap();
    let graphml_ids: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .filter_map(|n| n.attribute("id"))
        .collect();
    assert_eq!(graphml_ids, ids);
}

#[test]
fn two_mode_nodes_carry_a_boolean_type_beside_bipartite() {
    let graphml = text(&reports().ja, "network/two_mode.graphml");
    let doc = roxmltree::Document::parse(&graphml).unwrap();
    let key = doc
        .descendants()
        .find(|n| n.has_tag_name("key") && n.attribute("attr.name") == Some("type"))
        .expect("a type key");
    assert_eq!(key.attribute("attr.type"), Some("boolean"));
    let key_id = key.attribute("id").unwrap();
    for node in doc.descendants().filter(|n| n.has_tag_name("node")) {
        let value = |key: &str| {
            node.children().find(|d| d.attribute("key") == Some(key)).and_then(|d| d.text())
        };
        let meeting = node.attribute("id").unwrap().starts_with('m');
        assert_eq!(value(key_id), Some(if meeting { "false" } else { "true" }));
        assert_eq!(value("n_bipartite"), Some(if meeting { "0" } else { "1" }));
        assert!(value("label").is_some_and(|l| !l.is_empty()));
    }
}

#[test]
fn gexf_draws_every_agency_in_its_sector_colour_at_the_pictures_place() {
    let reports = reports();
    let gexf = text(&reports.ja, "network/agencies.gexf");
    let doc = roxmltree::Document::parse(&gexf).unwrap();
    assert_eq!(doc.root_element().attribute("version"), Some("1.3"));
    let viz = "http://gexf.net/1.3/viz";
    let nodes = csv_rows(&reports.ja, "network/agencies_nodes.csv");
    let colors = column(&nodes, "color");
    let sectors = column(&nodes, "sector");
    let mut colour_of_sector = BTreeMap::new();
    let mut positions = BTreeSet::new();
    for (i, node) in doc.descendants().filter(|n| n.has_tag_name("node")).enumerate() {
        let child = |name: &str| {
            node.children()
                .find(|c| c.tag_name().namespace() == Some(viz) && c.tag_name().name() == name)
        };
        let color = child("color").expect("viz:color");
        let rgb: Vec<u8> =
            ["r", "g", "b"].iter().map(|k| color.attribute(*k).unwrap().parse().unwrap()).collect();
        let hex = format!("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
        assert_eq!(hex, colors[i]);
        // One colour per sector, as in the picture's legend.
        assert_eq!(colour_of_sector.entry(sectors[i].clone()).or_insert(hex.clone()), &hex);
        let position = child("position").expect("viz:position (every agency is drawn)");
        let x: f64 = position.attribute("x").unwrap().parse().unwrap();
        let y: f64 = position.attribute("y").unwrap().parse().unwrap();
        assert!((-500.0..=500.0).contains(&x) && (-500.0..=500.0).contains(&y));
        positions.insert((x.to_bits(), y.to_bits()));
        let size: f64 = child("size").unwrap().attribute("value").unwrap().parse().unwrap();
        assert!((4.0..=15.0).contains(&size));
    }
    assert!(colour_of_sector.len() >= 5);
    assert_eq!(positions.len(), sectors.len(), "a laid-out picture, not one point");
}

#[test]
fn codes_are_the_same_in_both_languages_and_labels_follow_the_language() {
    let reports = reports();
    for file in ["network/two_mode_nodes.csv", "network/agencies_nodes.csv"] {
        let (ja, en) = (csv_rows(&reports.ja, file), csv_rows(&reports.en, file));
        assert_eq!(ja[0], en[0], "{file}: same columns");
        for code in ["Id", "Label", "sector", "agency_kind", "confidentiality"] {
            assert_eq!(column(&ja, code), column(&en, code), "{file}: {code}");
        }
        assert!(column(&ja, "sector").iter().any(|s| s == "children"));
        assert!(column(&ja, "sector_label").iter().any(|s| s == "子ども"));
        assert!(column(&en, "sector_label").iter().any(|s| s == "children"));
        assert!(column(&ja, "sector").iter().all(|s| s.is_empty() || s.is_ascii()), "{file}");
    }
    let two_mode = csv_rows(&reports.ja, "network/two_mode_nodes.csv");
    let statutory: BTreeSet<String> = column(&two_mode, "statutory").into_iter().collect();
    assert!(
        statutory.iter().all(|s| ["", "yes", "no", "unknown"].contains(&s.as_str())),
        "{statutory:?}"
    );
    // Files without language-dependent text are byte-identical across languages.
    for file in ["network/two_mode.net", "network/agencies.clu", "network/incidence.csv"] {
        assert!(reports.ja[file] == reports.en[file], "{file} differs between languages");
    }
}
