//! Connectivity analysis on generated regions of 3,000 and 20,000 meetings
//! (`kaigi::generate::generate_region`, seed 20250607, one municipality per 400
//! meetings with its own agencies and a few shared regional offices: the shape of a
//! prefecture's inventories): building the agency projection, the shortest-path
//! measures with the default options (exact up to 5,000 agencies in a group, pivots
//! above), and the whole analysis. Exact centrality on the 20,000-meeting region is timed
//! against igraph by `scripts/bench/compare_peers.py` instead (one run takes half a
//! minute; ten samples would take minutes).
//!
//! `cargo bench --bench connectivity`; figures are recorded in BENCHMARKS.md.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kaigi::connectivity::{ConnectivityOptions, analyze_network, shortest_path_measures};
use kaigi::generate::{RegionParams, generate_region};
use kaigi::graph::AgencyNetwork;
use std::hint::black_box;
use std::time::Duration;

const SEED: u64 = 20_250_607;

fn connectivity(c: &mut Criterion) {
    let options = ConnectivityOptions::default();
    let mut group = c.benchmark_group("connectivity");
    for meetings in [3_000_usize, 20_000] {
        let params = RegionParams {
            municipalities: meetings.div_ceil(400),
            meetings: Some(meetings),
            seed: SEED,
        };
        let (inventory, _) = generate_region(&params).expect("valid sizes").load();
        let network = AgencyNetwork::build(&inventory);
        group.sample_size(10).measurement_time(Duration::from_secs(if meetings > 5_000 {
            60
        } else {
            15
        }));
        group.bench_with_input(
            BenchmarkId::new("build_network", meetings),
            &inventory,
            |b, inv| b.iter(|| AgencyNetwork::build(black_box(inv))),
        );
        group.bench_with_input(BenchmarkId::new("shortest_paths", meetings), &network, |b, net| {
            b.iter(|| shortest_path_measures(black_box(net), &options.paths))
        });
        group.bench_with_input(BenchmarkId::new("analyze", meetings), &network, |b, net| {
            b.iter(|| analyze_network(black_box(net), &options))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // No HTML plots: criterion draws them with plotters, which here has no system font
    // (kaigi registers its own only in the report path), and the figures are what count.
    config = Criterion::default().without_plots();
    targets = connectivity
}
criterion_main!(benches);
