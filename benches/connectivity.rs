//! Connectivity analysis of a synthetic 20,000-agency inventory (fixed seed): building
//! the agency projection, the shortest-path measures, and the whole analysis.
//!
//! `cargo bench --bench connectivity`

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kaigi::connectivity::{ConnectivityOptions, analyze_network, shortest_path_measures};
use kaigi::graph::AgencyNetwork;
use kaigi::model::{Agency, Frequency, Inventory, Meeting, Participant};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::hint::black_box;
use std::time::Duration;

const SECTORS: &[&str] = &[
    "高齢",
    "障害",
    "子ども",
    "生活困窮",
    "保健・医療",
    "地域",
    "教育",
    "司法",
    "住まい",
    "就労",
    "行政",
];

/// `agencies` agencies in random sectors and `meetings` meetings of 2–12 distinct
/// agencies each, with random frequency and length; seed 20240611.
fn synthetic(agencies: usize, meetings: usize) -> Inventory {
    let mut rng = ChaCha8Rng::seed_from_u64(20240611);
    let names: Vec<String> = (0..agencies).map(|i| format!("機関{i:05}")).collect();
    let agencies_list = names
        .iter()
        .map(|name| Agency::new(name.clone(), SECTORS[rng.random_range(0..SECTORS.len())]))
        .collect();
    let meetings = (0..meetings)
        .map(|i| {
            let mut meeting = Meeting::new(format!("M{i:05}"), format!("会議{i}"));
            let size = rng.random_range(2..=12);
            while meeting.participants.len() < size {
                let name = &names[rng.random_range(0..names.len())];
                if !meeting.has_participant(name) {
                    meeting
                        .participants
                        .push(Participant::new(name.clone(), rng.random_range(1..=2)));
                }
            }
            meeting.frequency = Frequency::per_year(f64::from(rng.random_range(1..=24_u32)));
            meeting.minutes_per_session = [30.0, 60.0, 90.0, 120.0][rng.random_range(0..4)];
            meeting
        })
        .collect();
    Inventory { meetings, agencies: agencies_list }
}

fn connectivity(c: &mut Criterion) {
    let size = 20_000;
    let inventory = synthetic(size, size);
    let network = AgencyNetwork::build(&inventory);
    let options = ConnectivityOptions::default();
    let mut group = c.benchmark_group("connectivity");
    group.sample_size(10).measurement_time(Duration::from_secs(60));
    group.bench_with_input(BenchmarkId::new("build_network", size), &inventory, |b, inv| {
        b.iter(|| AgencyNetwork::build(black_box(inv)))
    });
    group.bench_with_input(BenchmarkId::new("shortest_paths", size), &network, |b, net| {
        b.iter(|| shortest_path_measures(black_box(net), &options.paths))
    });
    group.bench_with_input(BenchmarkId::new("analyze", size), &network, |b, net| {
        b.iter(|| analyze_network(black_box(net), &options))
    });
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
