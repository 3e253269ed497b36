//! `kaigi validate`: every problem in one run, errors (exit 1) and warnings (exit 0).

use crate::cli::Outcome;
use crate::cli::common::{InputArgs, TextOrJson, print, print_text};
use kaigi::Lang;
use kaigi::counted;
use kaigi::input::{PRINTED_PER_KIND, Severity, render_capped};
use serde::Serialize;
use std::process::ExitCode;

/// Arguments of `kaigi validate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    format: TextOrJson,
}

#[derive(Serialize)]
struct Report<'a> {
    inventory: String,
    files: Vec<String>,
    meetings: usize,
    agencies: usize,
    errors: usize,
    warnings: usize,
    estimated: Estimated,
    problems: Vec<Problem<'a>>,
}

/// How many meetings carry an estimate, so no assumption goes unsaid.
#[derive(Serialize)]
struct Estimated {
    /// Meetings whose sessions per year are an estimate (ranges, hedges, ad hoc).
    frequency: usize,
    /// Of those, ad hoc meetings (a bare 随時 takes `--adhoc-default`).
    ad_hoc: usize,
    /// Meetings whose minutes per session are an estimate (ranges, hedges, 半日 / 1日).
    duration: usize,
}

fn estimated(inventory: &kaigi::model::Inventory) -> Estimated {
    let meetings = &inventory.meetings;
    Estimated {
        frequency: meetings.iter().filter(|m| m.frequency.estimated).count(),
        ad_hoc: meetings.iter().filter(|m| m.frequency.ad_hoc).count(),
        duration: meetings.iter().filter(|m| m.minutes_estimated).count(),
    }
}

#[derive(Serialize)]
struct Problem<'a> {
    #[serde(flatten)]
    diagnostic: &'a kaigi::input::Diagnostic,
    message: String,
    fix: String,
}

pub fn run(args: Args) -> Outcome {
    let lang = args.input.lang();
    let loaded = args.input.load()?;
    let errors = loaded.count(Severity::Error);
    let warnings = loaded.count(Severity::Warning);
    let mut ordered: Vec<_> = loaded.diagnostics.iter().collect();
    // Errors first; within a severity keep file and row order.
    ordered.sort_by_key(|d| d.severity);
    match args.format {
        TextOrJson::Json => {
            let report = Report {
                inventory: args.input.inventory.display().to_string(),
                files: loaded.sources.iter().map(|p| p.display().to_string()).collect(),
                meetings: loaded.inventory.meetings.len(),
                agencies: loaded.inventory.agencies.len(),
                errors,
                warnings,
                estimated: estimated(&loaded.inventory),
                problems: ordered
                    .iter()
                    .map(|d| Problem { diagnostic: d, message: d.message(lang), fix: d.fix(lang) })
                    .collect(),
            };
            let mut bytes = serde_json::to_vec_pretty(&report)?;
            bytes.push(b'\n');
            print(&bytes)?;
        }
        TextOrJson::Text => {
            let mut text = render_capped(ordered.iter().copied(), lang, PRINTED_PER_KIND);
            let inventory = &loaded.inventory;
            text.push_str(&match lang {
                Lang::Ja => format!(
                    "{}: 会議 {} 件、機関 {} 件を読み込みました。エラー {errors} 件、警告 {warnings} 件\n",
                    args.input.inventory.display(),
                    inventory.meetings.len(),
                    inventory.agencies.len()
                ),
                Lang::En => format!(
                    "{}: read {} and {}; {}, {}\n",
                    args.input.inventory.display(),
                    counted(inventory.meetings.len(), "meeting", "meetings"),
                    counted(inventory.agencies.len(), "agency", "agencies"),
                    counted(errors, "error", "errors"),
                    counted(warnings, "warning", "warnings"),
                ),
            });
            let e = estimated(inventory);
            if e.frequency + e.duration > 0 {
                let adhoc_default = args.input.load.adhoc_default;
                text.push_str(&match lang {
                    Lang::Ja => format!(
                        "推定値: 開催頻度 {} 件（うち随時 {} 件。回数の書かれていない随時は年 {adhoc_default} 回と仮定）、会議時間 {} 件。表では「推定」と示します\n",
                        e.frequency, e.ad_hoc, e.duration
                    ),
                    Lang::En => format!(
                        "Estimated: frequency of {} ({} ad hoc; an ad hoc meeting without a count is taken as {adhoc_default}/year), duration of {}; tables mark them est.\n",
                        counted(e.frequency, "meeting", "meetings"),
                        e.ad_hoc,
                        counted(e.duration, "meeting", "meetings")
                    ),
                });
            }
            print_text(&text)?;
        }
    }
    Ok(if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
