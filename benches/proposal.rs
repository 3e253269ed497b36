//! The consolidation proposal (search, split and assembly; the search internals are
//! crate-private, so the whole `propose` is what is timed) on generated
//! inventories, fixed seed, sizes in the benchmark id: `propose/N` one generated city
//! (300 and 3,000 meetings), `propose_region/N` a generated region of one municipality
//! per 400 meetings (3,000 and 20,000), where cost should grow with the municipalities.
//!
//! Run: `cargo bench --bench proposal`; figures are recorded in BENCHMARKS.md.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kaigi::generate::{GenerateParams, RegionParams, generate, generate_region};
use kaigi::proposal::{Policy, propose};
use std::hint::black_box;
use std::time::Duration;

const SEED: u64 = 20_250_607;

fn bench_proposal(c: &mut Criterion) {
    let mut group = c.benchmark_group("proposal");
    for (meetings, agencies) in [(300, 400), (3_000, 2_000)] {
        let city = generate(&GenerateParams { meetings, agencies, seed: SEED }).unwrap();
        let (inventory, _) = city.load();
        let policy = Policy::default();
        group.sample_size(10).measurement_time(Duration::from_secs(if meetings > 1_000 {
            60
        } else {
            10
        }));
        group.bench_with_input(BenchmarkId::new("propose", meetings), &inventory, |b, inv| {
            b.iter(|| black_box(propose(inv, &policy)))
        });
    }
    for meetings in [3_000, 20_000] {
        let params =
            RegionParams { municipalities: meetings / 400, meetings: Some(meetings), seed: SEED };
        let (inventory, _) = generate_region(&params).unwrap().load();
        let policy = Policy::default();
        group.sample_size(10).measurement_time(Duration::from_secs(if meetings > 5_000 {
            60
        } else {
            20
        }));
        group.bench_with_input(
            BenchmarkId::new("propose_region", meetings),
            &inventory,
            |b, inv| b.iter(|| black_box(propose(inv, &policy))),
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // No HTML plots: criterion draws them with plotters, which here has no system font
    // (kaigi registers its own only in the report path), and the figures are what count.
    config = Criterion::default().without_plots();
    targets = bench_proposal
}
criterion_main!(benches);
