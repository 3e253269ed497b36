//! Every stage of the pipeline on generated regions of 300, 3,000 and 20,000 meetings
//! (`kaigi::generate::generate_region`, seed 20250607, one municipality per 400
//! meetings, each with its own agencies and a few shared regional offices: the shape of
//! a prefecture's inventory), sizes in the benchmark id; and a batch of 500 generated
//! municipalities.
//!
//! Stages: `load` (CSV files written once to a temporary folder, then
//! `kaigi::input::load`: decode, parse, normalise, resolve aliases), `graph`
//! (`AgencyNetwork::build`), `connectivity` (`connectivity::analyze`), `overlap`
//! (`overlap::analyze`), `proposal` (`proposal::propose`), `charts`
//! (`report::report_charts`) and `write_report` (`report::write_report` of the analysis
//! with those charts into a temporary folder). `examples/pipeline_once.rs` times the same
//! stages once each, for a quick look without criterion's repetitions.
//!
//! Run: `cargo bench --bench pipeline`; one size: `cargo bench --bench pipeline -- /300`.
//! `KAIGI_BENCH_SIZES=300,60000,batch` chooses what is built and run (`batch` selects
//! the batch bench). Figures are recorded in BENCHMARKS.md.

use criterion::{BenchmarkGroup, BenchmarkId, Criterion, criterion_group, criterion_main};
use kaigi::Lang;
use kaigi::analysis::{Settings, analyse};
use kaigi::batch::run_batch;
use kaigi::connectivity::{ConnectivityOptions, analyze as analyze_connectivity};
use kaigi::generate::{RegionParams, generate_region};
use kaigi::graph::AgencyNetwork;
use kaigi::input::{LoadOptions, load};
use kaigi::overlap::{OverlapParams, analyze as analyze_overlap};
use kaigi::proposal::{Policy, propose};
use kaigi::report::{ReportParts, network_exports, report_charts, write_report};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

const SEED: u64 = 20_250_607;
const SIZES: [usize; 3] = [300, 3_000, 20_000];

/// The sizes to run: `KAIGI_BENCH_SIZES=30,300,batch` (`batch` for the batch bench),
/// default all.
fn sizes() -> Vec<usize> {
    match std::env::var("KAIGI_BENCH_SIZES") {
        Ok(list) => list.split(',').filter_map(|s| s.trim().parse().ok()).collect(),
        Err(_) => SIZES.to_vec(),
    }
}

/// Writes a generated region of `meetings` meetings into `dir`: one municipality per
/// 400 meetings (as `scripts/bench/pipeline.sh`), so larger inventories have more
/// municipalities rather than busier agencies.
fn write_inventory(dir: &Path, meetings: usize, seed: u64) {
    let municipalities = meetings.div_ceil(400);
    let region = RegionParams { municipalities, meetings: Some(meetings), seed };
    let city = generate_region(&region).expect("valid sizes");
    std::fs::create_dir_all(dir).expect("temporary folder");
    for (name, bytes) in city.files() {
        std::fs::write(dir.join(name), bytes).expect("write generated file");
    }
}

fn configure(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>, meetings: usize) {
    // Small sample sizes for the large inventories: each run takes seconds, and the
    // machine is shared.
    match meetings {
        0..=300 => group.sample_size(20).measurement_time(Duration::from_secs(5)),
        301..=3_000 => group.sample_size(10).measurement_time(Duration::from_secs(15)),
        _ => group.sample_size(10).measurement_time(Duration::from_secs(60)),
    };
}

fn bench_stages(c: &mut Criterion) {
    kaigi::report::charts::register_fonts(None).expect("bundled font");
    let temp = tempfile::tempdir().expect("temporary folder");
    let options = LoadOptions::default();
    let policy = Policy::default();
    let mut group = c.benchmark_group("pipeline");
    for meetings in sizes() {
        let dir = temp.path().join(format!("city-{meetings}"));
        write_inventory(&dir, meetings, SEED);
        let loaded = load(&dir, &options).expect("generated inventory loads");
        assert!(!loaded.has_errors(), "generated inventory has errors");
        let inventory = &loaded.inventory;
        configure(&mut group, meetings);

        group.bench_with_input(BenchmarkId::new("load", meetings), &dir, |b, dir| {
            b.iter(|| black_box(load(dir, &options).expect("loads")))
        });
        group.bench_with_input(BenchmarkId::new("graph", meetings), inventory, |b, inv| {
            b.iter(|| black_box(AgencyNetwork::build(inv)))
        });
        let connectivity_options = ConnectivityOptions::default();
        group.bench_with_input(BenchmarkId::new("connectivity", meetings), inventory, |b, inv| {
            b.iter(|| black_box(analyze_connectivity(inv, &connectivity_options).expect("ok")))
        });
        let overlap_params = OverlapParams::default();
        group.bench_with_input(BenchmarkId::new("overlap", meetings), inventory, |b, inv| {
            b.iter(|| black_box(analyze_overlap(inv, &overlap_params).expect("ok")))
        });
        group.bench_with_input(BenchmarkId::new("proposal", meetings), inventory, |b, inv| {
            b.iter(|| black_box(propose(inv, &policy)))
        });

        let settings = Settings { policy: policy.clone(), ..Settings::default() };
        let analysis =
            analyse(&loaded.name, inventory, &settings, &|_| {}).expect("valid settings");
        group.bench_with_input(BenchmarkId::new("charts", meetings), &analysis, |b, analysis| {
            b.iter(|| black_box(report_charts(analysis, Lang::Ja).expect("charts")))
        });
        let charts = report_charts(&analysis, Lang::Ja).expect("charts");
        let out = temp.path().join(format!("report-{meetings}"));
        group.bench_with_input(
            BenchmarkId::new("write_report", meetings),
            &analysis,
            |b, analysis| {
                b.iter(|| {
                    let parts = ReportParts { charts: &charts, networks: &network_exports() };
                    let written = write_report(
                        analysis,
                        &parts,
                        &out,
                        Lang::Ja,
                        &loaded.sources,
                        &mut |_| {},
                    )
                    .expect("report written");
                    black_box(written)
                })
            },
        );
    }
    group.finish();
}

/// 500 municipalities of 30–60 meetings each (one-municipality regions, seed 20250607 +
/// i), written once.
fn bench_batch(c: &mut Criterion) {
    if std::env::var("KAIGI_BENCH_SIZES").is_ok_and(|list| !list.contains("batch")) {
        return;
    }
    let municipalities = 500;
    let temp = tempfile::tempdir().expect("temporary folder");
    let mut paths = Vec::new();
    for i in 0..municipalities {
        let meetings = 30 + (i * 7_919) % 31;
        let dir = temp.path().join(format!("city-{i:03}"));
        write_inventory(&dir, meetings, SEED + i as u64);
        paths.push(dir);
    }
    let found = kaigi::batch::find_inventories(temp.path()).expect("read folder");
    assert_eq!(found.len(), municipalities);
    let options = LoadOptions::default();
    let settings = Settings::default();
    let mut group = c.benchmark_group("batch");
    group.sample_size(10).measurement_time(Duration::from_secs(60));
    group.bench_with_input(BenchmarkId::new("run_batch", municipalities), &found, |b, found| {
        b.iter(|| {
            let summary = run_batch(found, &options, &settings, Lang::Ja, &|_| {});
            assert_eq!(summary.failed, 0);
            black_box(summary)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_stages, bench_batch);
criterion_main!(benches);
