//! `kaigi batch`: every inventory under a folder, analysed in parallel, one summary.

use crate::cli::Outcome;
use crate::cli::common::LoadArgs;
use crate::cli::common::PolicyArgs;
use crate::cli::common::{TextOrJson, print, visible};
use anyhow::Context;
use kaigi::Lang;
use kaigi::analysis::Settings;
use kaigi::batch::{BatchStatus, find_inventories, run_batch};
use kaigi::connectivity::PathParams;
use kaigi::report::{tables_to_xlsx, write_atomic};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `kaigi batch`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder holding one inventory per municipality (sub-folders with meetings.csv, or
    /// .xlsx / .csv files).
    dir: PathBuf,
    /// Output folder for the summary (summary.csv, summary.xlsx, summary.json, summary.md).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// What to print on standard output: the summary table, or summary.json.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    format: TextOrJson,
    /// Connected groups up to this many agencies get exact shortest-path measures;
    /// larger ones are estimated from seeded pivots (as in `kaigi connectivity`).
    #[arg(long, default_value_t = PathParams::default().exact_limit, value_name = "N")]
    exact_limit: usize,
    #[command(flatten)]
    force: crate::cli::common::ForceArgs,
    #[command(flatten)]
    policy: PolicyArgs,
    #[command(flatten)]
    load: LoadArgs,
}

pub fn run(args: Args) -> Outcome {
    let policy = args.policy.load()?;
    let options = args.load.options()?;
    let lang = args.load.lang;
    let inventories = find_inventories(&args.dir)
        .with_context(|| format!("could not list inventories in '{}'", args.dir.display()))?;
    if inventories.is_empty() {
        anyhow::bail!(
            "no inventories in '{}': put one folder per municipality holding meetings.csv (or .xlsx files) there",
            args.dir.display()
        );
    }
    args.force.check_folder(&args.out, "summary.json", lang)?;
    let mut settings = Settings { policy, ..Settings::default() };
    settings.connectivity.paths.exact_limit = args.exact_limit;
    let progress = crate::cli::common::progress(inventories.len() as u64);
    let summary = run_batch(&inventories, &options, &settings, lang, &|row| {
        progress.set_message(row.name.clone());
        progress.inc(1);
    });
    progress.finish_and_clear();
    let table = summary.table(lang);
    let inputs: Vec<PathBuf> = inventories.clone();
    let mut json = serde_json::to_vec_pretty(&summary)?;
    json.push(b'\n');
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("summary.csv", table.to_csv()),
        ("summary.xlsx", tables_to_xlsx(std::slice::from_ref(&table))?),
        ("summary.json", json),
        ("summary.md", table.to_markdown().into_bytes()),
    ];
    for (name, bytes) in &files {
        write_atomic(&args.out.join(name), bytes, &inputs)?;
    }
    match args.format {
        TextOrJson::Text => print(&visible(table.to_text()))?,
        TextOrJson::Json => print(&files[2].1)?,
    }
    for row in summary.rows.iter().filter(|r| r.status != BatchStatus::Ok) {
        eprintln!(
            "kaigi: {} {}: {}",
            lang.pick("分析できませんでした", "could not analyse"),
            kaigi::report::visible_controls(&row.path),
            kaigi::report::visible_controls(row.problem.as_deref().unwrap_or(""))
        );
    }
    match lang {
        Lang::Ja => eprintln!(
            "kaigi: {} 件を分析、{} 件は失敗。年間延べ {:.0} 時間、提案による削減 {:.0} 時間。集計: {}",
            summary.analysed,
            summary.failed,
            summary.total_person_hours,
            summary.total_savings,
            args.out.display()
        ),
        Lang::En => eprintln!(
            "kaigi: {} analysed, {} failed; {:.0} person-hours a year, {:.0} saved by the proposals; summary in {}",
            summary.analysed,
            summary.failed,
            summary.total_person_hours,
            summary.total_savings,
            args.out.display()
        ),
    }
    Ok(if summary.failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
