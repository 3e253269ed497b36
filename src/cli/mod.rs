//! Command-line interface: one file per subcommand, each holding its `Args` and `run`.

mod batch;
mod common;
mod connectivity;
mod generate;
mod inventory;
mod overlap;
mod propose;
mod report;
mod review;
mod template;
mod validate;
mod whatif;

use clap::{Parser, Subcommand};
use kaigi::report::visible_controls;
use std::process::ExitCode;

/// kaigi (会議): audit recurring inter-agency meetings, measure how agencies are
/// connected, and propose a smaller meeting structure that keeps every working link.
#[derive(Debug, Parser)]
#[command(name = "kaigi", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    // In the order a planner works: a blank list, check it, the whole report, each
    // analysis on its own, changes of one's own, next year, many cities, test data.
    /// Write a blank inventory (.xlsx or .csv) for a planning office to fill in.
    Template(template::Args),
    /// Check an inventory and report every problem with file, row, column and fix.
    Validate(validate::Args),
    /// Write the full report (HTML, Markdown, CSV, .xlsx, JSON, charts, network files).
    Report(report::Args),
    /// Print the meeting table (participants, frequency, time, annual person-hours).
    Inventory(inventory::Args),
    /// Find overlapping meetings: similar pairs, clusters with their reasons and
    /// duplicated hours, containments and tiers.
    Overlap(overlap::Args),
    /// Measure how well agencies and fields are connected: brokers, single points of
    /// failure, fields that never meet, communities, tie strength and burden.
    Connectivity(connectivity::Args),
    /// Propose a smaller meeting structure that keeps every link, with reasons.
    Propose(propose::Args),
    /// Try your own changes (merge, hold jointly, serve as, drop, keep) on today's
    /// structure: figures, links lost and gained, rules broken, hours per agency.
    Whatif(whatif::Args),
    /// Compare two years of one inventory: meetings added, removed, renamed, changed and
    /// merged; agencies; links and field links gained and lost; new single points of
    /// failure. Writes a report folder and prints a summary.
    Review(review::Args),
    /// Analyse every inventory under a folder in parallel and summarise them.
    Batch(batch::Args),
    /// Write a synthetic inventory with planted near-duplicate meetings and their
    /// ground truth (for testing and benchmarks).
    Generate(generate::Args),
}

/// An error and its causes joined with `: `, leaving out a cause whose words the message
/// before it already holds (typed errors quote their cause; printing it again gave
/// "… (os error 17): File exists (os error 17)").
fn error_chain(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let words = cause.to_string();
        if !text.contains(&words) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&words);
        }
    }
    text
}

/// What a subcommand returns: the exit code it wants.
pub type Outcome = anyhow::Result<ExitCode>;

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Batch(args) => batch::run(args),
        Command::Inventory(args) => inventory::run(args),
        Command::Propose(args) => propose::run(args),
        Command::Report(args) => report::run(args),
        Command::Overlap(args) => overlap::run(args),
        Command::Connectivity(args) => connectivity::run(args),
        Command::Review(args) => review::run(args),
        Command::Template(args) => template::run(args),
        Command::Generate(args) => generate::run(args),
        Command::Whatif(args) => whatif::run(args),
    };
    match result {
        Ok(code) => code,
        Err(error) if common::is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("kaigi: {}", visible_controls(&error_chain(&error)));
            ExitCode::from(2)
        }
    }
}
