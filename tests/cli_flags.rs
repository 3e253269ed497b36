//! One rule for options across subcommands (README, "Options"): a newcomer who learns a
//! flag on one command finds it on every command where it means something, and nowhere
//! it would do nothing.

mod common;

use common::kaigi;

/// The long options a subcommand's `--help` lists.
fn options(subcommand: &str) -> Vec<String> {
    let output = kaigi().args([subcommand, "--help"]).output().unwrap();
    assert!(output.status.success(), "{subcommand} --help");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("--"))
        .map(|rest| format!("--{}", rest.split([' ', ',', '=']).next().unwrap_or("")))
        .collect()
}

/// (option, the subcommands that must have it): each group is a kind of work, not a
/// list copied from the code.
const RULES: [(&str, &[&str]); 11] = [
    // Reading an inventory.
    ("--encoding", READERS),
    ("--adhoc-default", READERS),
    ("--lang", &ALL),
    // Printing a result on standard output.
    (
        "--format",
        &[
            "validate",
            "inventory",
            "overlap",
            "connectivity",
            "propose",
            "whatif",
            "review",
            "batch",
        ],
    ),
    // Running the proposal.
    ("--policy", &["report", "propose", "whatif", "batch"]),
    // Shortest-path measures on large groups.
    ("--exact-limit", &["report", "connectivity", "batch"]),
    // Drawing charts.
    ("--font", &["report", "review"]),
    // Writing files.
    ("--out", &["report", "review", "batch", "template", "generate"]),
    ("--force", &["report", "review", "batch", "template", "generate"]),
    // Scenarios name meeting ids of one inventory (so not batch).
    ("--scenarios", &["report", "whatif"]),
    // Rerunning the proposal over a grid of policies.
    ("--sensitivity", &["report", "propose"]),
];

const READERS: &[&str] = &[
    "validate",
    "inventory",
    "report",
    "overlap",
    "connectivity",
    "propose",
    "whatif",
    "review",
    "batch",
];

const ALL: [&str; 11] = [
    "template",
    "validate",
    "report",
    "inventory",
    "overlap",
    "connectivity",
    "propose",
    "whatif",
    "review",
    "batch",
    "generate",
];

#[test]
fn every_subcommand_has_the_options_its_work_needs_and_no_other_shared_one() {
    for subcommand in ALL {
        let have = options(subcommand);
        for (option, users) in RULES {
            let expected = users.contains(&subcommand);
            assert_eq!(
                have.iter().any(|o| o == option),
                expected,
                "{subcommand} {} {option}",
                if expected { "lacks" } else { "should not have" }
            );
        }
    }
}

#[test]
fn help_lists_the_subcommands_in_the_order_a_planner_works() {
    let output = kaigi().arg("--help").output().unwrap();
    let help = String::from_utf8(output.stdout).unwrap();
    let listed: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.strip_prefix("  "))
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert_eq!(listed, ALL);
}
