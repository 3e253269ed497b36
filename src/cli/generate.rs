//! `kaigi generate`: a synthetic inventory with planted near-duplicate meetings and the
//! ground truth naming them.

use crate::cli::Outcome;
use anyhow::Context;
use kaigi::generate::{GenerateParams, generate};
use kaigi::report::write_atomic;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `kaigi generate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Meetings to generate (planted near-duplicates included).
    #[arg(long, value_name = "N")]
    meetings: usize,
    /// Agencies in the registry.
    #[arg(long, value_name = "A", default_value_t = 300)]
    agencies: usize,
    /// Seed: the same seed always writes the same bytes.
    #[arg(long, value_name = "S", default_value_t = 1)]
    seed: u64,
    /// Folder to write meetings.csv, agencies.csv and ground_truth.json into.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Write into a folder that already holds files.
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args) -> Outcome {
    let params =
        GenerateParams { meetings: args.meetings, agencies: args.agencies, seed: args.seed };
    params.check()?;
    if !args.force && args.out.exists() {
        let mut entries = std::fs::read_dir(&args.out)
            .with_context(|| format!("could not read folder '{}'", args.out.display()))?;
        if entries.next().is_some() {
            anyhow::bail!(
                "'{}' is not empty; choose an empty folder or pass --force to overwrite",
                args.out.display()
            );
        }
    }
    let city = generate(&params)?;
    for (name, bytes) in city.files() {
        let path = args.out.join(name);
        write_atomic(&path, &bytes, &[])?;
        eprintln!("kaigi: wrote {}", path.display());
    }
    eprintln!(
        "kaigi: {} meetings, {} agencies, {} planted groups (seed {})",
        params.meetings,
        params.agencies,
        city.ground_truth.groups.len(),
        params.seed
    );
    Ok(ExitCode::SUCCESS)
}
