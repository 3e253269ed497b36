//! `kaigi propose`: the consolidation proposal.

use crate::cli::Outcome;
use crate::cli::common::PolicyArgs;
use crate::cli::common::{InputArgs, TextOrJson, print};
use kaigi::proposal::propose;
use kaigi::report::proposal_text;
use std::process::ExitCode;

/// Arguments of `kaigi propose`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    format: TextOrJson,
}

pub fn run(args: Args) -> Outcome {
    let policy = args.policy.load()?;
    let loaded = match args.input.load_valid()? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let proposal = propose(&loaded.inventory, &policy);
    let bytes = match args.format {
        TextOrJson::Text => proposal_text(&proposal, args.input.lang()).into_bytes(),
        TextOrJson::Json => {
            let mut bytes = serde_json::to_vec_pretty(&proposal)?;
            bytes.push(b'\n');
            bytes
        }
    };
    print(&bytes)?;
    Ok(ExitCode::SUCCESS)
}
