//! CPU time of the overlap analysis on a generated inventory, for comparing two builds on
//! a machine shared with other work, where wall-clock figures swing with the load.
//!
//! `cargo run --release --example overlap_cpu -- [MEETINGS] [RUNS]` (default 3,000 and 20)
//! generates the inventory of `benches/overlap.rs` (seed 20250607; 400 agencies below
//! 3,000 meetings, 2,000 at 3,000, 5,000 above), then runs `SimilarityIndex::new` and
//! `overlap::analyze` RUNS times each and prints the CPU time per run: user + system time
//! of every thread of the process, from `/proc/self/stat` (Linux only, 10 ms ticks, so
//! use enough runs for the total to be well above that).

use kaigi::generate::{GenerateParams, generate};
use kaigi::overlap::{OverlapParams, SimilarityIndex, analyze};
use std::hint::black_box;

/// User + system CPU seconds of the whole process so far.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("/proc/self/stat (Linux)");
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    let rest = &stat[stat.rfind(')').expect("stat has a command name") + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let ticks = |i: usize| fields[i].parse::<f64>().expect("a clock tick count");
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let mut args = std::env::args().skip(1);
    let meetings: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(3_000);
    let runs: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(20).max(1);
    let agencies = match meetings {
        m if m < 3_000 => 400,
        3_000 => 2_000,
        _ => 5_000,
    };
    let city = generate(&GenerateParams { meetings, agencies, seed: 20_250_607 }).unwrap();
    let (inventory, _) = city.load();
    let params = OverlapParams::default();
    let start = cpu_seconds();
    for _ in 0..runs {
        black_box(SimilarityIndex::new(&inventory, &params.lexicon, params.weights).unwrap());
    }
    let index = (cpu_seconds() - start) / runs as f64;
    let start = cpu_seconds();
    for _ in 0..runs {
        black_box(analyze(&inventory, &params).unwrap());
    }
    let whole = (cpu_seconds() - start) / runs as f64;
    println!(
        "{meetings} meetings, {runs} runs: CPU per run: SimilarityIndex::new {:.1} ms, analyze {:.1} ms",
        index * 1e3,
        whole * 1e3
    );
}
