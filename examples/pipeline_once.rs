//! Times each stage of `benches/pipeline.rs` once with `std::time::Instant`, for a quick
//! look at a size without criterion's repetitions (the 30,000-meeting stages take
//! seconds each). Prints one JSON object per stage as it finishes, so a stage that never
//! ends still leaves the earlier figures.
//!
//! ```sh
//! cargo run --release --example pipeline_once -- INVENTORY [--skip STAGE,...]
//! ```
//!
//! Stages: load, graph, then the pipeline's analyses (connectivity, overlap and proposal
//! run side by side, so each line is the time until that analysis finished, and
//! `analyses` the whole step), charts, write_report (the report goes to a temporary
//! folder).

use kaigi::Lang;
use kaigi::analysis::{Settings, Stage, analyse};
use kaigi::graph::AgencyNetwork;
use kaigi::input::{LoadOptions, load};
use kaigi::report::{ReportParts, network_exports, report_charts, write_report};
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
    // The three analyses run side by side in the one pipeline (`kaigi::analysis`), as in
    // `kaigi report`: each line gives the time from the start of the pipeline until that
    // analysis finished; `analyses` is the whole step.
    let start = Instant::now();
    let stage_done = |stage: Stage| {
        let name = match stage {
            Stage::Proposal => "proposal",
            Stage::Overlap => "overlap",
            Stage::Connectivity => "connectivity",
        };
        if wanted(name) {
            report(name, start);
        }
    };
    let analysis = analyse(&loaded.name, inventory, &Settings::default(), &stage_done)
        .expect("default settings are valid");
    report("analyses", start);
    if !wanted("charts") && !wanted("write_report") {
        return;
    }
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
