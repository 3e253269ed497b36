//! The `kaigi` command: parses arguments, calls the library, maps results to exit codes.
//!
//! Exit codes: 0 success, 1 findings (the inventory has errors), 2 failure (a file could
//! not be read or written, bad arguments).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
