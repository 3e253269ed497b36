//! `kaigi report`: every analysis written as documents people read and files other
//! tools open, into `outputs/<inventory name>/` by default.

use crate::cli::Outcome;
use crate::cli::common::InputArgs;
use crate::cli::common::PolicyArgs;
use crate::cli::common::policy_and_inventory;
use kaigi::analysis::{Settings, Stage, analyse};
use kaigi::connectivity::PathParams;
use kaigi::report::{ReportParts, network_exports, report_charts, write_report};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `kaigi report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    policy: PolicyArgs,
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
    #[command(flatten)]
    force: crate::cli::common::ForceArgs,
    /// Open report.html in the default browser when it is written.
    #[arg(long)]
    open: bool,
    /// Add a section comparing the named scenarios of a TOML file (as `kaigi whatif
    /// --scenarios`), with each scenario's structure diagram.
    #[arg(long, value_name = "FILE.toml")]
    scenarios: Option<PathBuf>,
    /// Add the proposal's sensitivity (as `kaigi propose --sensitivity`): 163 reruns of
    /// the proposal, so off by default (seconds at 300 meetings, minutes at 3,000).
    #[arg(long)]
    sensitivity: bool,
}

pub fn run(args: Args) -> Outcome {
    let (policy, loaded) = match policy_and_inventory(&args.input, &args.policy)? {
        Ok(both) => both,
        Err(code) => return Ok(code),
    };
    let lang = args.input.lang();
    // The scenario file is checked before any analysis runs: a typo fails fast.
    let scenarios = match &args.scenarios {
        Some(file) => Some(kaigi::proposal::ScenarioFile::load(file, &loaded.inventory)?),
        None => None,
    };
    let out = args.out.clone().unwrap_or_else(|| PathBuf::from("outputs").join(&loaded.name));
    args.force.check_folder(&out, "analysis.json", lang)?;
    let progress = crate::cli::common::progress(5);
    progress.set_message(lang.pick("分析中", "analysing"));
    let mut settings = Settings { policy, ..Settings::default() };
    settings.connectivity.paths.exact_limit = args.exact_limit;
    let mut analysis =
        analyse(&loaded.name, &loaded.inventory, &settings, &|_: Stage| progress.inc(1))?;
    if let Some(file) = &scenarios {
        analysis.scenarios =
            Some(kaigi::proposal::compare_scenarios(&loaded.inventory, &settings.policy, file)?);
    }
    if args.sensitivity {
        analysis.sensitivity =
            Some(kaigi::proposal::sensitivity(&loaded.inventory, &settings.policy));
    }
    // The analysis holds what the files need; the inventory as read (over half a
    // gigabyte at 100,000 meetings) is dropped before the files are built.
    let kaigi::input::Loaded { sources, inventory, diagnostics, .. } = loaded;
    drop((inventory, diagnostics));
    kaigi::report::charts::register_fonts(args.font.as_deref())?;
    progress.set_message(lang.pick("図を作成中", "drawing charts"));
    let charts = report_charts(&analysis, lang)?;
    progress.inc(1);
    let networks = network_exports();
    let parts = ReportParts { charts: &charts, networks: &networks };
    // One step per file, so the bar keeps moving while the files are written.
    let mut step = |file: &str| {
        progress.inc_length(1);
        progress.inc(1);
        progress.set_message(file.to_string());
    };
    let written = write_report(&analysis, &parts, &out, lang, &sources, &mut step)?;
    progress.finish_and_clear();
    for item in &written.left_out {
        eprintln!("kaigi: {}", kaigi::report::phrases::left_out(item, lang));
    }
    // Opened before the closing lines, so that a note that it could not be opened comes
    // before them and "open first: …/report.html" stays the last line.
    if args.open {
        crate::cli::common::open_document(&out.join("report.html"), lang);
    }
    crate::cli::common::report_written(written.files.len(), &out, "report.html", lang);
    Ok(ExitCode::SUCCESS)
}
