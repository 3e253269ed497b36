//! `kaigi whatif`: a planner's own changes to today's structure, judged by the
//! proposal's rulebook.

use crate::cli::Outcome;
use crate::cli::common::Busy;
use crate::cli::common::policy_and_inventory;
use crate::cli::common::{InputArgs, PolicyArgs, TextOrJson, print, visible};
use kaigi::proposal::{Change, ScenarioFile, compare_scenarios, what_if};
use kaigi::report::{scenarios_json, scenarios_text, whatif_json, whatif_text};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `kaigi whatif`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[command(flatten)]
    policy: PolicyArgs,
    /// Merge meetings into one body (統合): `--merge M23,M24`. Repeatable.
    #[arg(long, value_name = "A,B[,C…]")]
    merge: Vec<String>,
    /// Hold meetings jointly (合同開催): `--joint M09,M10`. Repeatable.
    #[arg(long, value_name = "A,B")]
    joint: Vec<String>,
    /// Let one sitting serve as each (兼ねる): `--serves-as M17,M36`. Repeatable.
    #[arg(long, value_name = "A,B")]
    serves_as: Vec<String>,
    /// Abolish a meeting. Repeatable.
    #[arg(long, value_name = "M")]
    drop: Vec<String>,
    /// Keep a meeting as it is (combining it is then a violation). Repeatable.
    #[arg(long, value_name = "M")]
    keep: Vec<String>,
    /// Compare the named scenarios of a TOML file side by side instead (see the README):
    /// each a list of changes, the proposal, or the proposal under another policy file.
    #[arg(
        long,
        value_name = "FILE.toml",
        conflicts_with_all = ["merge", "joint", "serves_as", "drop", "keep"]
    )]
    scenarios: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
    format: TextOrJson,
}

pub fn run(args: Args) -> Outcome {
    let (policy, loaded) = match policy_and_inventory(&args.input, &args.policy)? {
        Ok(both) => both,
        Err(code) => return Ok(code),
    };
    let lang = args.input.lang();
    if let Some(file) = &args.scenarios {
        let scenarios = ScenarioFile::load(file, &loaded.inventory)?;
        let busy = Busy::start(lang.pick("シナリオを評価中", "evaluating scenarios").into());
        let comparison = compare_scenarios(&loaded.inventory, &policy, &scenarios)?;
        drop(busy);
        let bytes = match args.format {
            TextOrJson::Text => visible(scenarios_text(&comparison, lang)),
            TextOrJson::Json => scenarios_json(&comparison),
        };
        print(&bytes)?;
        return Ok(ExitCode::SUCCESS);
    }
    // Each occurrence of a repeatable option is one group: `--merge A,B --merge C,D` is
    // two merges, not one of four.
    let split = |value: &String| -> Vec<String> {
        value.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
    };
    let mut changes: Vec<Change> = Vec::new();
    changes.extend(args.merge.iter().map(|v| Change::Merge(split(v))));
    changes.extend(args.joint.iter().map(|v| Change::Joint(split(v))));
    changes.extend(args.serves_as.iter().map(|v| Change::ServesAs(split(v))));
    changes.extend(args.drop.iter().cloned().map(Change::Drop));
    changes.extend(args.keep.iter().cloned().map(Change::Keep));
    let busy = Busy::start(args.input.lang().pick("変更を評価中", "evaluating").into());
    let result = what_if(&loaded.inventory, &policy, &changes)?;
    drop(busy);
    let bytes = match args.format {
        TextOrJson::Text => visible(whatif_text(&result, lang)),
        TextOrJson::Json => whatif_json(&result, lang),
    };
    print(&bytes)?;
    Ok(ExitCode::SUCCESS)
}
