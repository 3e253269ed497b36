//! The overlap analysis recovers the near-duplicate groups planted in synthetic
//! inventories (generated in-process, read through the real loader).

use kaigi::generate::{GenerateParams, generate};
use kaigi::overlap::{OverlapParams, adjusted_rand_index, analyze};
use std::collections::BTreeMap;

/// ARI between the planted groups and the clusters found.
fn recovery(meetings: usize, agencies: usize, seed: u64) -> f64 {
    let city = generate(&GenerateParams { meetings, agencies, seed }).unwrap();
    let (inventory, _) = city.load();
    let report = analyze(&inventory, &OverlapParams::default()).unwrap();
    let ids: Vec<String> = inventory.meetings.iter().map(|m| m.id.clone()).collect();
    let truth = city.ground_truth.labels(&ids);
    let mut cluster_of: BTreeMap<&str, usize> = BTreeMap::new();
    for (c, cluster) in report.clusters.iter().enumerate() {
        for id in &cluster.meetings {
            cluster_of.insert(id, c);
        }
    }
    let found: Vec<usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| cluster_of.get(id.as_str()).copied().unwrap_or(report.clusters.len() + i))
        .collect();
    adjusted_rand_index(&truth, &found)
}

#[test]
fn clusters_recover_planted_groups_from_50_to_2000_meetings() {
    let mut figures = Vec::new();
    for (meetings, agencies) in [(50, 150), (300, 400), (1_000, 1_000), (2_000, 1_600)] {
        for seed in [1, 2, 3] {
            let ari = recovery(meetings, agencies, seed);
            figures.push(format!("{meetings} meetings / {agencies} agencies, seed {seed}: ARI {ari:.3}"));
        }
    }
    println!("{}", figures.join("\n"));
    assert!(false);
    println!("{}", figures.join("\n"));
}
