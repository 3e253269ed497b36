//! `kaigi template`: a blank inventory to fill in.

use crate::cli::Outcome;
use anyhow::Context;
use kaigi::Lang;
use kaigi::report::{OutputError, write_atomic};
use kaigi::report::{example_label, template_csv, template_xlsx};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `kaigi template`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Language of the headers and notes.
    #[arg(long, value_enum, default_value_t = Lang::Ja)]
    lang: Lang,
    /// Where to write: FILE.xlsx (blank meetings and agencies sheets, notes, and a 記入例 /
    /// example sheet) or FILE.csv (the blank meetings table; agencies.csv,
    /// FILE_記入例.csv, agencies_記入例.csv and template-notes.txt are written beside it).
    /// The examples are never read as data.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    #[command(flatten)]
    force: crate::cli::common::ForceArgs,
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
            let template = template_csv(args.lang);
            let folder = args.out.parent().unwrap_or(Path::new(""));
            let stem = args.out.file_stem().and_then(|s| s.to_str()).unwrap_or("meetings");
            let example = example_label(args.lang);
            files.push((args.out.clone(), template.meetings));
            files.push((folder.join("agencies.csv"), template.agencies));
            files.push((folder.join(format!("{stem}_{example}.csv")), template.meetings_example));
            files.push((folder.join(format!("agencies_{example}.csv")), template.agencies_example));
            files.push((folder.join("template-notes.txt"), template.notes.into_bytes()));
        }
        _ => match args.lang {
            Lang::Ja => anyhow::bail!(
                "--out は .xlsx か .csv で終わるファイル名にしてください（指定: '{}'）。例: --out inventory.xlsx",
                args.out.display()
            ),
            Lang::En => anyhow::bail!(
                "--out must end in .xlsx or .csv (got '{}'); for example --out inventory.xlsx",
                args.out.display()
            ),
        },
    }
    if let Some((existing, _)) = files.iter().find(|(path, _)| !args.force.force && path.exists()) {
        return Err(OutputError::Exists(existing.clone()).into());
    }
    for (path, bytes) in &files {
        write_atomic(path, bytes, &[])?;
        match args.lang {
            Lang::Ja => eprintln!("kaigi: {} を書き出しました", path.display()),
            Lang::En => eprintln!("kaigi: wrote {}", path.display()),
        }
    }
    Ok(ExitCode::SUCCESS)
}
