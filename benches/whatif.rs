//! What-if and sensitivity at interactive sizes (issue 14): one what-if (a merge, a
//! joint sitting and a drop) and a 50-setting sensitivity grid on a generated
//! 300-meeting inventory, fixed seed, sizes in the benchmark id. Targets: what-if
//! < 50 ms, 50-setting grid < 2 s.
//!
//! Run: `cargo bench --bench whatif`; figures are recorded in BENCHMARKS.md.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kaigi::generate::{GenerateParams, generate};
use kaigi::proposal::{Change, Policy, grid, sensitivity_over, what_if};
use std::hint::black_box;
use std::time::Duration;

const SEED: u64 = 20_250_607;

fn bench_whatif(c: &mut Criterion) {
    let mut group = c.benchmark_group("whatif");
    group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(3));
    let (meetings, agencies) = (300, 400);
    let city = generate(&GenerateParams { meetings, agencies, seed: SEED }).unwrap();
    let (inventory, _) = city.load();
    let ids: Vec<String> = inventory.meetings.iter().map(|m| m.id.clone()).collect();
    let changes = vec![
        Change::Merge(vec![ids[0].clone(), ids[1].clone()]),
        Change::Joint(vec![ids[2].clone(), ids[3].clone(), ids[4].clone()]),
        Change::Drop(ids[5].clone()),
    ];
    let policy = Policy::default();
    group.bench_with_input(BenchmarkId::new("what_if", meetings), &inventory, |b, inv| {
        b.iter(|| black_box(what_if(inv, &policy, &changes).unwrap()))
    });
    // 50 settings of the full grid, spread over it (every third-ish), the given policy first.
    let full = grid(&policy);
    let step = full.len() as f64 / 50.0;
    let settings: Vec<Policy> = (0..50).map(|k| full[(k as f64 * step) as usize].clone()).collect();
    group.sample_size(10);
    group.bench_with_input(BenchmarkId::new("sensitivity_50", meetings), &inventory, |b, inv| {
        b.iter(|| black_box(sensitivity_over(inv, &settings)))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    // No HTML plots: criterion draws them with plotters, which has no system font here.
    config = Criterion::default().without_plots();
    targets = bench_whatif
}
criterion_main!(benches);
