//! `kaigi review`: the annual connectivity review of two years of one inventory, written
//! as a report folder (`outputs/review-<before>-<after>/` by default) and summarised on
//! standard output.

use crate::cli::Outcome;
use crate::cli::common::{LoadArgs, TextOrJson, print, visible};
use kaigi::report::{review_charts, review_json, review_text, write_review};
use kaigi::review::{DEFAULT_NAME_THRESHOLD, ReviewOptions, Year, review};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `kaigi review`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Last year's inventory: a folder with meetings.csv (and agencies.csv), a meetings
    /// CSV, or an .xlsx workbook.
    before: PathBuf,
    /// This year's inventory, in any of the same forms.
    after: PathBuf,
    /// Output folder (default: outputs/review-<before name>-<after name>/).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// What to print on standard output: a readable summary, or review.json.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    format: TextOrJson,
    /// Lowest name similarity (character-bigram Dice, 0–1) at which two meetings with
    /// different ids count as the same meeting.
    #[arg(long, default_value_t = DEFAULT_NAME_THRESHOLD, value_name = "T")]
    name_threshold: f64,
    /// Match meetings by name only: use when the inventories have no ID column, so that
    /// ids are row numbers.
    #[arg(long)]
    ignore_ids: bool,
    /// A TTF/OTF font for chart labels instead of the bundled IPAexGothic.
    #[arg(long, value_name = "FILE")]
    font: Option<PathBuf>,
    #[command(flatten)]
    force: crate::cli::common::ForceArgs,
    #[command(flatten)]
    load: LoadArgs,
}

pub fn run(args: Args) -> Outcome {
    let before = match args.load.load_valid(&args.before)? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let after = match args.load.load_valid(&args.after)? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let lang = args.load.lang;
    let options = ReviewOptions {
        match_ids: !args.ignore_ids,
        name_threshold: args.name_threshold,
        ..ReviewOptions::default()
    };
    let out = args.out.clone().unwrap_or_else(|| {
        PathBuf::from("outputs").join(format!("review-{}-{}", before.name, after.name))
    });
    args.force.check_folder(&out, "review.json", lang)?;
    let progress = crate::cli::common::progress(3);
    progress.set_message(lang.pick("比較中", "comparing"));
    let found = review(
        Year::new(&before.name, &before.inventory),
        Year::new(&after.name, &after.inventory),
        &options,
    )?;
    progress.inc(1);
    kaigi::report::charts::register_fonts(args.font.as_deref())?;
    progress.set_message(lang.pick("図を作成中", "drawing charts"));
    let charts = review_charts(&found, &before.inventory, &after.inventory, lang)?;
    progress.inc(1);
    let inputs: Vec<PathBuf> = before.sources.iter().chain(&after.sources).cloned().collect();
    let mut step = |file: &str| {
        progress.inc_length(1);
        progress.inc(1);
        progress.set_message(file.to_string());
    };
    let written = write_review(&found, &charts, &out, lang, &inputs, &mut step)?;
    progress.finish_and_clear();
    let bytes = match args.format {
        TextOrJson::Text => visible(review_text(&found, lang)),
        TextOrJson::Json => review_json(&found)?,
    };
    print(&bytes)?;
    crate::cli::common::report_written(written.len(), &out, "review.html", lang);
    Ok(ExitCode::SUCCESS)
}
