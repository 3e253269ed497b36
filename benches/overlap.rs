//! Similarity + clustering (the whole `kaigi overlap` analysis) on generated
//! inventories of 300, 3,000 and 30,000 meetings, fixed seed, sizes in the benchmark id;
//! `topics` times the TF-IDF topic vectors alone (linfa), which `pairs` includes.
//!
//! Run: `cargo bench --bench overlap`; figures are recorded in BENCHMARKS.md.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use kaigi::generate::{GenerateParams, generate};
use kaigi::overlap::{OverlapParams, SimilarityIndex, TopicVectors, analyze};
use std::hint::black_box;
use std::time::Duration;

const SEED: u64 = 20_250_607;

fn bench_overlap(c: &mut Criterion) {
    let mut group = c.benchmark_group("overlap");
    for (meetings, agencies) in [(300, 400), (3_000, 2_000), (30_000, 5_000)] {
        let city = generate(&GenerateParams { meetings, agencies, seed: SEED }).unwrap();
        let (inventory, _) = city.load();
        let params = OverlapParams::default();
        if meetings >= 30_000 {
            // Each run takes seconds; ten samples are enough to see the figure.
            group.sample_size(10).measurement_time(Duration::from_secs(60));
        } else {
            group.sample_size(20).measurement_time(Duration::from_secs(10));
        }
        let topics: Vec<Vec<String>> =
            inventory.meetings.iter().map(|m| m.topics.clone()).collect();
        group.bench_with_input(BenchmarkId::new("topics", meetings), &topics, |b, topics| {
            b.iter(|| black_box(TopicVectors::new(topics, &params.lexicon).unwrap()))
        });
        group.bench_with_input(BenchmarkId::new("pairs", meetings), &inventory, |b, inv| {
            b.iter(|| {
                let mut index = SimilarityIndex::new(inv, &params.lexicon, params.weights).unwrap();
                index.apply_cap(params.frequent_agency);
                let floor = params.threshold.min(params.min_pair_score);
                black_box(index.pairs_scoring_at_least(floor, false))
            })
        });
        group.bench_with_input(BenchmarkId::new("analyze", meetings), &inventory, |b, inv| {
            b.iter(|| black_box(analyze(inv, &params).unwrap()))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // No HTML plots: criterion draws them with plotters, which here has no system font
    // (kaigi registers its own only in the report path), and the figures are what count.
    config = Criterion::default().without_plots();
    targets = bench_overlap
}
criterion_main!(benches);
