//! `kaigi overlap`: pairs of similar meetings, clusters of near-duplicates with their
//! reasons, containments and tiers.

use crate::cli::Outcome;
use crate::cli::common::Busy;
use crate::cli::common::visible;
use crate::cli::common::{InputArgs, TextOrJson, print};
use anyhow::Context;
use kaigi::overlap::{OverlapParams, SimilarityWeights, TopicLexicon, analyze};
use kaigi::report::{overlap_json, overlap_text};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `kaigi overlap`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Cluster threshold: meetings group together while their mean pair score is at
    /// least this (0–1).
    #[arg(long, default_value_t = 0.5, value_name = "T")]
    threshold: f64,
    /// List every pair scoring at least this, clustered or not (0–1).
    #[arg(long, default_value_t = 0.4, value_name = "S")]
    min_pair_score: f64,
    /// Score weights as name=value items, e.g. participants=0.6,topics=0.2 (the others
    /// keep their defaults: participants=0.5,topics=0.25,function=0.1,area=0.1,host=0.05).
    #[arg(long, value_name = "SPEC")]
    weights: Option<String>,
    /// TOML file with a [weights] table (same names); --weights overrides it.
    #[arg(long, value_name = "FILE")]
    weights_file: Option<PathBuf>,
    /// TOML file adding topic synonyms: a [topics] table of concept = ["spelling", …].
    #[arg(long, value_name = "FILE")]
    synonyms: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    format: TextOrJson,
}

fn read_text(path: &PathBuf) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("could not read '{}'", path.display()))
}

pub fn run(args: Args) -> Outcome {
    let mut weights = SimilarityWeights::default();
    if let Some(path) = &args.weights_file {
        weights = SimilarityWeights::from_toml(&read_text(path)?, &path.display().to_string())?;
    }
    if let Some(spec) = &args.weights {
        weights = weights.with_spec(spec)?;
    }
    let mut lexicon = TopicLexicon::builtin();
    if let Some(path) = &args.synonyms {
        lexicon.extend_from_toml(&read_text(path)?, &path.display().to_string())?;
    }
    let params = OverlapParams {
        weights: weights.check()?,
        threshold: args.threshold,
        min_pair_score: args.min_pair_score,
        lexicon,
        ..OverlapParams::default()
    };
    params.check()?;
    let loaded = match args.input.load_valid()? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let busy = Busy::start(args.input.lang().pick("重なりを分析中", "finding overlaps").into());
    let report = analyze(&loaded.inventory, &params)?;
    drop(busy);
    let bytes = match args.format {
        TextOrJson::Text => visible(overlap_text(&report, args.input.lang())),
        TextOrJson::Json => overlap_json(&report),
    };
    print(&bytes)?;
    Ok(ExitCode::SUCCESS)
}
