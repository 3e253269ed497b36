//! `kaigi propose`: the consolidation proposal.

use crate::cli::Outcome;
use crate::cli::common::Busy;
use crate::cli::common::PolicyArgs;
use crate::cli::common::policy_and_inventory;
use crate::cli::common::visible;
use crate::cli::common::{InputArgs, TextOrJson, print};
use kaigi::proposal::{propose, sensitivity};
use kaigi::report::{proposal_text, sensitivity_text};
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
    /// Rerun the proposal over a grid of policy values and report how many settings keep
    /// each pair of meetings together: the robust core and the fragile parts.
    #[arg(long)]
    sensitivity: bool,
}

pub fn run(args: Args) -> Outcome {
    let (policy, loaded) = match policy_and_inventory(&args.input, &args.policy)? {
        Ok(both) => both,
        Err(code) => return Ok(code),
    };
    if args.sensitivity {
        let busy = Busy::start(args.input.lang().pick("感度分析中", "sensitivity grid").into());
        let result = sensitivity(&loaded.inventory, &policy);
        drop(busy);
        let bytes = match args.format {
            TextOrJson::Text => visible(sensitivity_text(&result, args.input.lang())),
            TextOrJson::Json => {
                let mut bytes = serde_json::to_vec_pretty(&result)?;
                bytes.push(b'\n');
                bytes
            }
        };
        print(&bytes)?;
        return Ok(ExitCode::SUCCESS);
    }
    let busy = Busy::start(args.input.lang().pick("再編案を作成中", "proposing").into());
    let proposal = propose(&loaded.inventory, &policy);
    drop(busy);
    let bytes = match args.format {
        TextOrJson::Text => visible(proposal_text(&proposal, args.input.lang())),
        TextOrJson::Json => {
            let mut bytes = serde_json::to_vec_pretty(&proposal)?;
            bytes.push(b'\n');
            bytes
        }
    };
    print(&bytes)?;
    Ok(ExitCode::SUCCESS)
}
