//! Every connectivity figure against the NetworkX reference values committed under
//! `tests/fixtures/connectivity/` (written by `scripts/reference/networkx_reference.py`;
//! no Python runs here). Floats agree to 1e-9, lists and integers exactly.

use kaigi::connectivity::{
    BackboneStatus, ConnectivityOptions, ConnectivityReport, analyze, modularity, sdsm_backbone,
};
use kaigi::graph::AgencyNetwork;
use kaigi::input::{LoadOptions, Loaded, load};
use serde_json::Value;
use std::path::{Path, PathBuf};

const TOLERANCE: f64 = 1e-9;
const FIXTURES: &[&str] =
    &["bridge", "disconnected", "mixed", "path", "plenary", "star", "ties", "unlisted"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// (inventory path, reference path) of every case: the fixtures and the sample city.
fn cases() -> Vec<(String, PathBuf, PathBuf)> {
    let base = root().join("tests/fixtures/connectivity");
    let mut cases: Vec<(String, PathBuf, PathBuf)> = FIXTURES
        .iter()
        .map(|name| (name.to_string(), base.join(name), base.join(name).join("reference.json")))
        .collect();
    cases.push((
        "sample-city".into(),
        root().join("inputs/sample-city"),
        base.join("sample-city.reference.json"),
    ));
    cases
}

fn load_inventory(path: &Path) -> Loaded {
    let loaded = load(path, &LoadOptions::default()).expect("fixture loads");
    assert!(!loaded.has_errors(), "{}: {:?}", path.display(), loaded.diagnostics);
    loaded
}

fn reference(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).expect("reference.json")).expect("JSON")
}

#[track_caller]
fn close(actual: f64, expected: &Value, what: &str) {
    let expected = expected.as_f64().unwrap_or_else(|| panic!("{what}: reference is {expected}"));
    assert!(
        (actual - expected).abs() <= TOLERANCE,
        "{what}: kaigi {actual:?}, reference {expected:?} (diff {:e})",
        (actual - expected).abs()
    );
}

#[track_caller]
fn close_or_null(actual: Option<f64>, expected: &Value, what: &str) {
    match actual {
        None => assert!(expected.is_null(), "{what}: kaigi null, reference {expected}"),
        Some(value) => close(value, expected, what),
    }
}

#[track_caller]
fn same<T: serde::Serialize>(actual: &T, expected: &Value, what: &str) {
    let actual = serde_json::to_value(actual).expect("serialises");
    assert_eq!(&actual, expected, "{what}");
}

fn check(case: &str, report: &ConnectivityReport, expected: &Value) {
    let network = &expected["network"];
    same(&report.network.agencies, &network["agencies"], &format!("{case} agencies"));
    same(&report.network.links, &network["links"], &format!("{case} links"));
    same(&report.network.components, &network["components"], &format!("{case} components"));
    for (field, value) in [
        ("density", report.network.density),
        ("average_clustering", report.network.average_clustering),
        ("average_shortest_path", report.network.average_shortest_path),
        ("degree_centralization", report.network.degree_centralization),
    ] {
        close(value, &network[field], &format!("{case} network.{field}"));
    }

    let agencies = expected["agencies"].as_object().expect("agencies object");
    let names: Vec<&str> = report.agencies.iter().map(|a| a.name.as_str()).collect();
    let expected_names: Vec<&str> = agencies.keys().map(String::as_str).collect();
    assert_eq!(names, expected_names, "{case}: agency names");
    for agency in &report.agencies {
        let want = &agencies[&agency.name];
        let what = |field: &str| format!("{case} {}.{field}", agency.name);
        same(&agency.sector, &want["sector"], &what("sector"));
        same(&agency.degree, &want["degree"], &what("degree"));
        same(&agency.weighted_degree, &want["weighted_degree"], &what("weighted_degree"));
        same(&agency.meetings, &want["meetings"], &what("meetings"));
        same(&agency.brokerage, &want["brokerage"], &what("brokerage"));
        close(agency.degree_centrality, &want["degree_centrality"], &what("degree_centrality"));
        close(
            agency.collaboration_strength,
            &want["collaboration_strength"],
            &what("collaboration_strength"),
        );
        close(agency.betweenness, &want["betweenness"], &what("betweenness"));
        close(agency.closeness, &want["closeness"], &what("closeness"));
        close(agency.annual_hours, &want["annual_hours"], &what("annual_hours"));
    }

    same(&report.articulation_points, &expected["articulation_points"], &format!("{case} aps"));
    same(&report.bridges, &expected["bridges"], &format!("{case} bridges"));
    same(&report.isolated, &expected["isolated"], &format!("{case} isolated"));
    same(&report.pendants, &expected["pendants"], &format!("{case} pendants"));

    close_or_null(report.ei_index.overall, &expected["ei_index"]["overall"], case);
    let per_sector = expected["ei_index"]["per_sector"].as_object().expect("per_sector");
    assert_eq!(report.ei_index.per_sector.len(), per_sector.len(), "{case}: E-I sectors");
    for (sector, value) in &report.ei_index.per_sector {
        close_or_null(*value, &per_sector[sector], &format!("{case} E-I {sector}"));
    }

    let matrix = expected["sector_matrix"].as_array().expect("sector_matrix");
    assert_eq!(report.sector_matrix.len(), matrix.len(), "{case}: sector pairs");
    for (link, want) in report.sector_matrix.iter().zip(matrix) {
        let what = format!("{case} sector_matrix {:?}", link.sectors);
        same(&link.sectors, &want["sectors"], &what);
        same(&link.shared_meetings, &want["shared_meetings"], &what);
        same(&link.carriers, &want["carriers"], &what);
        close(link.shared_hours, &want["shared_hours"], &what);
    }
    same(&report.unlinked_sector_pairs, &expected["unlinked_sector_pairs"], case);

    let ties = expected["ties"].as_array().expect("ties");
    assert_eq!(report.ties.len(), ties.len(), "{case}: ties");
    for (tie, want) in report.ties.iter().zip(ties) {
        let what = format!("{case} tie {}–{}", tie.a, tie.b);
        same(&tie.a, &want["a"], &what);
        same(&tie.b, &want["b"], &what);
        same(&tie.meetings, &want["meetings"], &what);
        close(tie.shared_hours, &want["shared_hours"], &what);
        close(tie.collaboration, &want["collaboration"], &what);
    }
    same(&report.single_meeting_links, &expected["single_meeting_links"], case);
    close(report.burden_gini, &expected["burden_gini"], &format!("{case} gini"));
    same(&report.critical_agencies, &expected["critical_agencies"], case);

    let backbone = &expected["backbone"];
    same(&report.backbone.status, &backbone["status"], &format!("{case} backbone status"));
    same(&report.backbone.free_block, &backbone["free_block"], &format!("{case} free block"));
    if report.backbone.status == BackboneStatus::Ok {
        let tested = backbone["ties"].as_array().expect("backbone ties");
        assert_eq!(tested.len(), report.ties.len(), "{case}: backbone ties");
        for (tie, want) in report.ties.iter().zip(tested) {
            let what = format!("{case} backbone {}–{}", tie.a, tie.b);
            same(&tie.meetings.len(), &want["observed"], &what);
            close_or_null(tie.expected, &want["expected"], &what);
            close_or_null(tie.p_value, &want["p_value"], &what);
            close_or_null(tie.p_holm, &want["p_holm"], &what);
        }
        same(&report.backbone_links, &backbone["significant"], &format!("{case} backbone"));
    }

    let ours = report.modularity;
    let theirs = &expected["louvain"]["modularity"];
    match (ours, theirs.as_f64()) {
        (None, None) => {}
        (Some(q), Some(reference_q)) => {
            assert!(q >= reference_q - 1e-6, "{case}: Louvain Q {q} below NetworkX's {reference_q}")
        }
        other => panic!("{case}: modularity {other:?}"),
    }
}

#[test]
fn every_measure_matches_the_networkx_reference() {
    for (case, inventory, reference_path) in cases() {
        let loaded = load_inventory(&inventory);
        let report = analyze(&loaded.inventory, &ConnectivityOptions::default()).expect("analysis");
        check(&case, &report, &reference(&reference_path));
    }
}

#[test]
fn bicm_probabilities_match_the_reference_solver() {
    for (case, inventory, reference_path) in cases() {
        let expected = reference(&reference_path);
        let Some(probabilities) = expected["backbone"]["incidence_probabilities"].as_object()
        else {
            continue;
        };
        let loaded = load_inventory(&inventory);
        let network = AgencyNetwork::build(&loaded.inventory);
        let backbone = sdsm_backbone(&network, &Default::default()).expect("backbone");
        assert_eq!(backbone.status, BackboneStatus::Ok, "{case}");
        for (agency, row) in probabilities {
            let a = network.index_of(agency).expect("agency in network");
            for (m, id) in network.meeting_ids().enumerate() {
                close(backbone.probability(a, m), &row[id], &format!("{case} p[{agency}, {id}]"));
            }
        }
    }
}

#[test]
fn modularity_matches_networkx_on_fixed_partitions() {
    for (case, inventory, reference_path) in cases() {
        let expected = reference(&reference_path);
        let loaded = load_inventory(&inventory);
        let network = AgencyNetwork::build(&loaded.inventory);
        let index = |name: &Value| network.index_of(name.as_str().expect("name")).expect("known");
        let mut checks = expected["modularity_checks"].as_array().expect("checks").clone();
        // NetworkX's own Louvain partition is one more fixed partition to check.
        checks.push(serde_json::json!({
            "name": "networkx_louvain",
            "partition": expected["louvain"]["communities"],
            "modularity": expected["louvain"]["modularity"],
        }));
        for check in &checks {
            let partition: Vec<Vec<usize>> = check["partition"]
                .as_array()
                .expect("partition")
                .iter()
                .map(|part| part.as_array().expect("part").iter().map(index).collect())
                .collect();
            let q = modularity(&network, &partition, 1.0).expect("a partition");
            close_or_null(q, &check["modularity"], &format!("{case} {}", check["name"]));
        }
    }
}

#[test]
fn louvain_reports_the_modularity_of_its_own_partition() {
    for (case, inventory, _) in cases() {
        let loaded = load_inventory(&inventory);
        let report = analyze(&loaded.inventory, &ConnectivityOptions::default()).expect("analysis");
        let network = AgencyNetwork::build(&loaded.inventory);
        let partition: Vec<Vec<usize>> = report
            .communities
            .iter()
            .map(|c| c.iter().map(|n| network.index_of(n).expect("known")).collect())
            .collect();
        assert_eq!(modularity(&network, &partition, 1.0).expect("partition"), report.modularity);
        for agency in &report.agencies {
            assert!(report.communities[agency.community].contains(&agency.name), "{case}");
        }
    }
}

#[test]
fn two_runs_give_identical_json() {
    for (case, inventory, _) in cases() {
        let loaded = load_inventory(&inventory);
        let first = analyze(&loaded.inventory, &ConnectivityOptions::default()).expect("analysis");
        let second = analyze(&loaded.inventory, &ConnectivityOptions::default()).expect("analysis");
        assert_eq!(
            serde_json::to_string(&first).expect("json"),
            serde_json::to_string(&second).expect("json"),
            "{case}"
        );
    }
}
