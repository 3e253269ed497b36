//! Times each stage of `benches/pipeline.rs` once with `std::time::Instant`, for a quick
//! look at a size without criterion's repetitions (the 30,000-meeting stages take
//! seconds each). Prints one JSON object per stage as it finishes, so a stage that never
//! ends still leaves the earlier figures.
//!
//! ```sh
//! cargo run --release --example pipeline_once -- INVENTORY [--skip STAGE,...]
//! ```
//!
//! Stages: load, graph, connectivity, overlap, proposal, charts, write_report (the report
//! goes to a temporary folder).

use kaigi::Lang;
use kaigi::connectivity::{ConnectivityOptions, analyze as analyze_connectivity};
use kaigi::graph::AgencyNetwork;
use kaigi::input::{LoadOptions, load};
use kaigi::overlap::{OverlapParams, analyze as analyze_overlap};
use kaigi::proposal::{Policy, propose};
use kaigi::report::{
    Analysis, InventoryReport, ReportParts, network_exports, report_charts, write_report,
};
use std::hint::black_box;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

fn report(stage: &str, start: Instant) {
    let seconds = start.elapsed().as_secs_f64();
    println!("{}", serde_json::json!({ "stage": stage, "seconds": seconds }));
    let _ = std::io::stdout().flush();
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path: Option<PathBuf> = None;
    let mut skip: Vec<String> = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--skip" => {
                skip = args.next().unwrap_or_default().split(',').map(str::to_string).collect();
            }
            other => path = Some(PathBuf::from(other)),
        }
    }
    let path = path.expect("usage: pipeline_once INVENTORY [--skip STAGE,...]");
    let wanted = |stage: &str| !skip.iter().any(|s| s == stage);

    let start = Instant::now();
    let loaded = load(&path, &LoadOptions::default()).expect("inventory loads");
    assert!(!loaded.has_errors(), "the inventory has errors; run kaigi validate");
    report("load", start);
    let inventory = &loaded.inventory;
    if wanted("graph") {
        let start = Instant::now();
        black_box(AgencyNetwork::build(inventory));
        report("graph", start);
    }
    // The report needs the connectivity, so `--skip connectivity` only skips its timing
    // line when the proposal is skipped too.
    let connectivity = if wanted("connectivity") || wanted("proposal") {
        let start = Instant::now();
        let connectivity =
            analyze_connectivity(inventory, &ConnectivityOptions::default()).expect("ok");
        if wanted("connectivity") {
            report("connectivity", start);
        }
        Some(connectivity)
    } else {
        None
    };
    let start = Instant::now();
    let overlap = analyze_overlap(inventory, &OverlapParams::default()).expect("ok");
    report("overlap", start);
    if !wanted("proposal") {
        return;
    }
    let start = Instant::now();
    let proposal = propose(inventory, &Policy::default(), Lang::Ja);
    report("proposal", start);
    let analysis = Analysis {
        kaigi_version: env!("CARGO_PKG_VERSION"),
        inventory_name: loaded.name.clone(),
        inventory: InventoryReport::new(inventory),
        connectivity: connectivity.expect("computed when the proposal is wanted"),
        overlap,
        proposal,
    };
    kaigi::report::charts::register_fonts(None).expect("bundled font");
    let start = Instant::now();
    let charts = report_charts(&analysis, Lang::Ja).expect("charts");
    report("charts", start);
    let out = tempfile::tempdir().expect("temporary folder");
    let start = Instant::now();
    let parts = ReportParts { charts: &charts, networks: &network_exports() };
    write_report(&analysis, &parts, out.path(), Lang::Ja, &loaded.sources, &mut |_| {})
        .expect("report written");
    report("write_report", start);
}
