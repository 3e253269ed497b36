//! `kaigi generate`: a synthetic inventory with planted near-duplicate meetings and the
//! ground truth naming them.

use crate::cli::Outcome;
use kaigi::Lang;
use kaigi::counted;
use kaigi::generate::{GenerateParams, RegionParams, generate, generate_region};
use kaigi::report::write_atomic;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `kaigi generate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Meetings to generate (planted near-duplicates included); with --municipalities,
    /// the total spread over them (optional there).
    #[arg(long, value_name = "N", required_unless_present = "municipalities")]
    meetings: Option<usize>,
    /// Agencies in the registry (one city; not with --municipalities, where each
    /// municipality gets agencies for its size).
    #[arg(long, value_name = "A", default_value_t = 300, conflicts_with = "municipalities")]
    agencies: usize,
    /// Municipalities of a region, each with its own agencies and meetings, sharing a
    /// few regional offices (児童相談所, 保健所, 公共職業安定所, 警察署).
    #[arg(long, value_name = "M")]
    municipalities: Option<usize>,
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
    let region = args.municipalities.map(|municipalities| RegionParams {
        municipalities,
        meetings: args.meetings,
        seed: args.seed,
    });
    let params = GenerateParams {
        meetings: args.meetings.unwrap_or_default(),
        agencies: args.agencies,
        seed: args.seed,
    };
    match &region {
        Some(region) => region.check()?,
        None => params.check()?,
    }
    args.force.check_folder(&args.out, "ground_truth.json", args.lang)?;
    let city = match &region {
        Some(region) => generate_region(region)?,
        None => generate(&params)?,
    };
    for (name, bytes) in city.files() {
        let path = args.out.join(name);
        write_atomic(&path, &bytes, &[])?;
        match args.lang {
            Lang::Ja => eprintln!("kaigi: {} を書き出しました", path.display()),
            Lang::En => eprintln!("kaigi: wrote {}", path.display()),
        }
    }
    let groups = city.ground_truth.groups.len();
    let written = &city.ground_truth.params;
    let (meetings, agencies, seed) = (written.meetings, written.agencies, written.seed);
    // A region says how many municipalities first.
    let municipalities = region.as_ref().map(|r| r.municipalities);
    match args.lang {
        Lang::Ja => eprintln!(
            "kaigi: {}会議 {meetings} 件、機関 {agencies} 件、仕込んだ重複のまとまり {groups} 件（シード {seed}）",
            municipalities.map_or(String::new(), |m| format!("{m} 市町村、"))
        ),
        Lang::En => eprintln!(
            "kaigi: {}{}, {}, {} (seed {seed})",
            municipalities.map_or(String::new(), |m| {
                format!("{}, ", counted(m, "municipality", "municipalities"))
            }),
            counted(meetings, "meeting", "meetings"),
            counted(agencies, "agency", "agencies"),
            counted(groups, "planted group", "planted groups")
        ),
    }
    Ok(ExitCode::SUCCESS)
}
