//! `kaigi inventory`: the Hatsukaichi-style meeting table.

use crate::cli::Outcome;
use crate::cli::common::visible;
use crate::cli::common::{InputArgs, print};
use kaigi::analysis::InventoryReport;
use std::process::ExitCode;

/// Arguments of `kaigi inventory`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Output format: a readable table, CSV for Excel (UTF-8 with BOM), or JSON.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Csv,
    Json,
}

pub fn run(args: Args) -> Outcome {
    let loaded = match args.input.load_valid()? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let report = InventoryReport::new(&loaded.inventory);
    let lang = args.input.lang();
    let bytes = match args.format {
        Format::Text => visible(report.to_text(lang)),
        Format::Csv => report.to_csv(lang),
        Format::Json => report.to_json(),
    };
    print(&bytes)?;
    Ok(ExitCode::SUCCESS)
}
