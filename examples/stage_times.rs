//! Per-stage wall times of kaigi on one inventory, as JSON on standard output, for
//! `scripts/bench/compare_peers.py` (which times the same stages with NetworkX and
//! igraph) and for timing a stage once where criterion would take too long.
//!
//! ```sh
//! cargo run --release --example stage_times -- INVENTORY [--repeat N] [--full]
//! ```
//!
//! Each stage runs `N` times (default 1) and the fastest run is reported, in seconds.
//! Stages, matching the peers' script:
//!
//! - `parse`: `kaigi::input::load` of the CSV files (decode, NFKC, grammars, aliases);
//! - `two_mode`: `TwoModeNetwork::build` (meeting × agency graph);
//! - `projection`: `AgencyNetwork::build` (agency projection with tie provenance);
//! - `centrality`: degree measures plus exact betweenness and closeness
//!   (`shortest_path_measures` with no pivot sampling);
//! - `articulation_points`: `connectivity::articulation_points`;
//! - `louvain`: `connectivity::louvain` on collaboration weights (seed 42);
//! - `jaccard`: plain Jaccard |A∩B| / |A∪B| of the agency sets of every pair of meetings
//!   sharing at least one agency (written here: kaigi's overlap analysis scores a
//!   weighted similarity instead, timed as `overlap_pairs` when `--full` is given);
//! - `person_hours`: annual hours per agency and in total.
//!
//! `checks` carries counts the peers must reproduce (ties, articulation points, pairs,
//! Σ Jaccard, total person-hours), so a fast wrong answer cannot pass as a fast one.

use kaigi::connectivity::{
    LouvainParams, PathParams, articulation_points, degree_measures, louvain,
    shortest_path_measures,
};
use kaigi::graph::{AgencyNetwork, TwoModeNetwork};
use kaigi::input::{LoadOptions, load};
use kaigi::model::Inventory;
use kaigi::overlap::{OverlapParams, SimilarityIndex};
use std::collections::HashMap;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

/// Runs `f` `repeat` times; returns the fastest time in seconds and the last result.
fn time<T>(repeat: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut result = None;
    for _ in 0..repeat.max(1) {
        let start = Instant::now();
        let value = black_box(f());
        best = best.min(start.elapsed().as_secs_f64());
        result = Some(value);
    }
    (best, result.expect("ran at least once"))
}

/// Number of meeting pairs sharing an agency, and Σ of their Jaccard indices.
fn meeting_jaccard(inventory: &Inventory) -> (usize, f64) {
    let mut agency_index: HashMap<&str, usize> = HashMap::new();
    let sets: Vec<Vec<usize>> = inventory
        .meetings
        .iter()
        .map(|m| {
            let mut set: Vec<usize> = m
                .participants
                .iter()
                .map(|p| {
                    let next = agency_index.len();
                    *agency_index.entry(p.agency.as_str()).or_insert(next)
                })
                .collect();
            set.sort_unstable();
            set.dedup();
            set
        })
        .collect();
    let mut attended: Vec<Vec<usize>> = vec![Vec::new(); agency_index.len()];
    for (m, set) in sets.iter().enumerate() {
        for &a in set {
            attended[a].push(m);
        }
    }
    let mut shared = vec![0u32; sets.len()];
    let mut touched = Vec::new();
    let (mut pairs, mut sum) = (0usize, 0.0f64);
    for (m, set) in sets.iter().enumerate() {
        for &a in set {
            // Meetings in `attended[a]` are in ascending order: count only later ones.
            let later = attended[a].partition_point(|&x| x <= m);
            for &other in &attended[a][later..] {
                if shared[other] == 0 {
                    touched.push(other);
                }
                shared[other] += 1;
            }
        }
        for &other in &touched {
            let both = shared[other] as usize;
            let union = set.len() + sets[other].len() - both;
            sum += both as f64 / union as f64;
            shared[other] = 0;
        }
        pairs += touched.len();
        touched.clear();
    }
    (pairs, sum)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path: Option<PathBuf> = None;
    let mut repeat = 1usize;
    let mut full = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--repeat" => {
                repeat = args.next().and_then(|n| n.parse().ok()).expect("--repeat N");
            }
            "--full" => full = true,
            other => path = Some(PathBuf::from(other)),
        }
    }
    let path = path.expect("usage: stage_times INVENTORY [--repeat N] [--full]");
    let options = LoadOptions::default();

    let mut stages: Vec<(&str, f64)> = Vec::new();
    let (t, loaded) = time(repeat, || load(&path, &options).expect("inventory loads"));
    assert!(!loaded.has_errors(), "the inventory has errors; run kaigi validate");
    stages.push(("parse", t));
    let inventory = &loaded.inventory;
    let (t, two_mode) = time(repeat, || TwoModeNetwork::build(inventory));
    stages.push(("two_mode", t));
    let (t, network) = time(repeat, || AgencyNetwork::build(inventory));
    stages.push(("projection", t));
    let exact = PathParams { exact_limit: usize::MAX, ..PathParams::default() };
    let (t, _) =
        time(repeat, || (degree_measures(&network), shortest_path_measures(&network, &exact)));
    stages.push(("centrality", t));
    let (t, points) = time(repeat, || articulation_points(&network));
    stages.push(("articulation_points", t));
    let (t, communities) =
        time(repeat, || louvain(&network, &LouvainParams::default()).expect("valid params"));
    stages.push(("louvain", t));
    let (t, (pairs, jaccard_sum)) = time(repeat, || meeting_jaccard(inventory));
    stages.push(("jaccard", t));
    let (t, (hours, total)) = time(repeat, || {
        let hours = inventory.agency_annual_hours();
        (hours, inventory.total_annual_person_hours())
    });
    stages.push(("person_hours", t));
    if full {
        let params = OverlapParams::default();
        let (t, _) = time(repeat, || {
            let mut index =
                SimilarityIndex::new(inventory, &params.lexicon, params.weights).unwrap();
            index.apply_cap(params.frequent_agency);
            let floor = params.threshold.min(params.min_pair_score);
            index.candidate_pairs(|p| p.score >= floor)
        });
        stages.push(("overlap_pairs", t));
    }

    let stage_json: serde_json::Map<String, serde_json::Value> =
        stages.iter().map(|(name, t)| (name.to_string(), serde_json::json!(t))).collect();
    let report = serde_json::json!({
        "inventory": path.display().to_string(),
        "meetings": inventory.meetings.len(),
        "agencies": inventory.agencies.len(),
        "repeat": repeat,
        "threads": rayon::current_num_threads(),
        "stages": stage_json,
        "checks": {
            "two_mode_edges": two_mode.graph().edge_count(),
            "ties": network.tie_count(),
            "articulation_points": points.len(),
            "communities": communities.len(),
            "meeting_pairs": pairs,
            "jaccard_sum": jaccard_sum,
            "agencies_with_hours": hours.len(),
            "total_person_hours": total,
        }
    });
    println!("{}", serde_json::to_string_pretty(&report).expect("JSON"));
}
