//! `kaigi template`: a blank inventory to fill in.

use crate::cli::Outcome;
use anyhow::Context;
use kaigi::Lang;
use kaigi::report::{OutputError, write_atomic};
use kaigi::report::{template_csv, template_xlsx};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `kaigi template`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Language of the headers and notes.
    #[arg(long, value_enum, default_value_t = Lang::Ja)]
    lang: Lang,
    /// Where to write: FILE.xlsx (meetings, agencies and notes sheets) or FILE.csv (the
    /// meetings table; agencies.csv and template-notes.txt are written beside it).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Replace files that already exist.
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args) -> Outcome {
    let extension = args.out.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    match extension.as_str() {
        "xlsx" => {
            let bytes = template_xlsx(args.lang).context("could not build the workbook")?;
            files.push((args.out.clone(), bytes));
        }
        "csv" => {
            let (meetings, agencies, notes) = template_csv(args.lang);
            let folder = args.out.parent().unwrap_or(Path::new(""));
            files.push((args.out.clone(), meetings));
            files.push((folder.join("agencies.csv"), agencies));
            files.push((folder.join("template-notes.txt"), notes.into_bytes()));
        }
        _ => anyhow::bail!(
            "--out must end in .xlsx or .csv (got '{}'); for example --out inventory.xlsx",
            args.out.display()
        ),
    }
    if let Some((existing, _)) = files.iter().find(|(path, _)| !args.force && path.exists()) {
        return Err(OutputError::Exists(existing.clone()).into());
    }
    for (path, bytes) in &files {
        write_atomic(path, bytes, &[])?;
        eprintln!("kaigi: wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
