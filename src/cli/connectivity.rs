//! `kaigi connectivity`: how well agencies and fields are connected by today's meetings.

use crate::cli::Outcome;
use crate::cli::common::Busy;
use crate::cli::common::visible;
use crate::cli::common::{InputArgs, TextOrJson, print};
use kaigi::connectivity::{ConnectivityOptions, PathParams, analyze};
use kaigi::report::{connectivity_json, connectivity_text};
use std::process::ExitCode;

/// Arguments of `kaigi connectivity`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Output format: a readable summary, or JSON with every measure.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    format: TextOrJson,
    /// Seed of the community detection (and of pivots in very large networks).
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Significance level of the backbone test (Holm-corrected).
    #[arg(long, default_value_t = 0.05, value_name = "ALPHA")]
    alpha: f64,
    /// Connected groups up to this many agencies get exact shortest-path measures;
    /// larger ones are estimated from seeded pivots.
    #[arg(long, default_value_t = PathParams::default().exact_limit, value_name = "N")]
    exact_limit: usize,
}

pub fn run(args: Args) -> Outcome {
    let loaded = match args.input.load_valid()? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let mut options = ConnectivityOptions::default();
    options.louvain.seed = args.seed;
    options.paths.seed = args.seed;
    options.paths.exact_limit = args.exact_limit;
    options.backbone.alpha = args.alpha;
    let busy = Busy::start(args.input.lang().pick("つながりを分析中", "measuring").into());
    let report = analyze(&loaded.inventory, &options)?;
    drop(busy);
    let bytes = match args.format {
        TextOrJson::Text => visible(connectivity_text(&report, args.input.lang())),
        TextOrJson::Json => connectivity_json(&report),
    };
    print(&bytes)?;
    Ok(ExitCode::SUCCESS)
}
