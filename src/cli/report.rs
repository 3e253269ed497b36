//! `kaigi report`: every analysis written as documents people read and files other
//! tools open, into `outputs/<inventory name>/` by default.

use crate::cli::Outcome;
use crate::cli::common::InputArgs;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kaigi::connectivity::{ConnectivityOptions, PathParams, analyze_network};
use kaigi::graph::AgencyNetwork;
use kaigi::overlap::{OverlapParams, analyze};
use kaigi::proposal::propose;
use kaigi::report::{
    Analysis, InventoryReport, ReportParts, network_exports, report_charts, write_report,
};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `kaigi report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Policy file for the proposal (TOML).
    #[arg(long, value_name = "FILE")]
    policy: Option<PathBuf>,
    /// Output folder (default: outputs/<inventory name>/).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// A TTF/OTF font for chart labels instead of the bundled IPAexGothic.
    #[arg(long, value_name = "FILE")]
    font: Option<PathBuf>,
    /// Connected groups up to this many agencies get exact shortest-path measures;
    /// larger ones are estimated from seeded pivots (as in `kaigi connectivity`).
    #[arg(long, default_value_t = PathParams::default().exact_limit, value_name = "N")]
    exact_limit: usize,
}

pub fn run(args: Args) -> Outcome {
    let policy = crate::cli::common::load_policy(args.policy.as_deref())?;
    let loaded = match args.input.load_valid()? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let lang = args.input.lang;
    let out = args.out.clone().unwrap_or_else(|| PathBuf::from("outputs").join(&loaded.name));
    let progress = ProgressBar::with_draw_target(Some(5), ProgressDrawTarget::stderr());
    progress.set_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    progress.set_message(lang.pick("分析中", "analysing"));
    // The three analyses only read the inventory: run side by side.
    let inventory = &loaded.inventory;
    let (proposal, (overlap, connectivity)) = rayon::join(
        || {
            let proposal = propose(inventory, &policy, lang);
            progress.inc(1);
            proposal
        },
        || {
            rayon::join(
                || {
                    let overlap = analyze(inventory, &OverlapParams::default());
                    progress.inc(1);
                    overlap
                },
                || {
                    let network = AgencyNetwork::build(inventory);
                    let mut options = ConnectivityOptions::default();
                    options.paths.exact_limit = args.exact_limit;
                    let connectivity = analyze_network(&network, &options);
                    progress.inc(1);
                    connectivity
                },
            )
        },
    );
    let (overlap, connectivity) = (overlap?, connectivity?);
    let analysis = Analysis {
        kaigi_version: env!("CARGO_PKG_VERSION"),
        inventory_name: loaded.name.clone(),
        inventory: InventoryReport::new(&loaded.inventory),
        connectivity,
        overlap,
        proposal,
    };
    kaigi::report::charts::register_fonts(args.font.as_deref())?;
    progress.set_message(lang.pick("図を作成中", "drawing charts"));
    let charts = report_charts(&analysis, lang)?;
    progress.inc(1);
    let networks = network_exports();
    let parts = ReportParts { charts: &charts, networks: &networks };
    let mut step = |file: &str| progress.set_message(file.to_string());
    let written = write_report(&analysis, &parts, &out, lang, &loaded.sources, &mut step)?;
    progress.finish_and_clear();
    eprintln!(
        "kaigi: {} {} {}",
        written.len(),
        lang.pick("ファイルを書き出しました:", "files written to"),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}
