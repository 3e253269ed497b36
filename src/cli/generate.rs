//! `kaigi generate`: a synthetic inventory with planted near-duplicate meetings and the
//! ground truth naming them.

use crate::cli::Outcome;
use kaigi::Lang;
use kaigi::counted;
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
    #[command(flatten)]
    force: crate::cli::common::ForceArgs,
    /// Language of messages.
    #[arg(long, value_enum, default_value_t = Lang::Ja)]
    lang: Lang,
}

pub fn run(args: Args) -> Outcome {
    let params =
        GenerateParams { meetings: args.meetings, agencies: args.agencies, seed: args.seed };
    params.check()?;
    args.force.check_folder(&args.out, "ground_truth.json", args.lang)?;
    let city = generate(&params)?;
    for (name, bytes) in city.files() {
        let path = args.out.join(name);
        write_atomic(&path, &bytes, &[])?;
        match args.lang {
            Lang::Ja => eprintln!("kaigi: {} を書き出しました", path.display()),
            Lang::En => eprintln!("kaigi: wrote {}", path.display()),
        }
    }
    let groups = city.ground_truth.groups.len();
    let (meetings, agencies, seed) = (params.meetings, params.agencies, params.seed);
    match args.lang {
        Lang::Ja => eprintln!(
            "kaigi: 会議 {meetings} 件、機関 {agencies} 件、仕込んだ重複のまとまり {groups} 件（シード {seed}）"
        ),
        Lang::En => eprintln!(
            "kaigi: {}, {}, {} (seed {seed})",
            counted(meetings, "meeting", "meetings"),
            counted(agencies, "agency", "agencies"),
            counted(groups, "planted group", "planted groups")
        ),
    }
    Ok(ExitCode::SUCCESS)
}
