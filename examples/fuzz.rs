//! Fuzzes what the program reads from files, from a seed:
//!
//! ```text
//! cargo run --release --example fuzz -- all 100000 [seed]
//! cargo run --release --example fuzz -- catalogue|answers|client|kiosk CASES [seed]
//! ```
//!
//! For each target it prints the cases run, how many were accepted and
//! refused, the time taken, and every failure (a panic, or a problem placed
//! outside its file), whose input is written to `fuzz-failures/` to be
//! replayed. Exit code 1 if anything failed.

use std::time::Instant;

use anyhow::{Context, bail};
use eis::fuzz::{Target, run};

fn main() -> anyhow::Result<std::process::ExitCode> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(which), Some(cases)) = (args.first(), args.get(1)) else {
        bail!("usage: fuzz all|catalogue|answers|client|kiosk CASES [SEED]");
    };
    let cases: usize = cases.parse().context("CASES must be a whole number")?;
    let seed: u64 = match args.get(2) {
        Some(seed) => seed.parse().context("SEED must be a whole number")?,
        None => 1,
    };
    let targets: Vec<Target> = if which == "all" {
        Target::ALL.to_vec()
    } else {
        match Target::ALL.into_iter().find(|t| t.name() == which) {
            Some(target) => vec![target],
            None => bail!("unknown target {which}"),
        }
    };
    // Panics are caught and counted; their messages would only repeat.
    std::panic::set_hook(Box::new(|_| {}));
    let mut failed = false;
    for target in targets {
        let scratch = tempfile::tempdir()?;
        let started = Instant::now();
        let report = run(target, cases, seed, scratch.path());
        println!(
            "{:<10} {} cases, {} accepted, {} refused, {} failed, {:.1} s (seed {seed})",
            target.name(),
            report.cases,
            report.accepted,
            report.refused,
            report.failures.len(),
            started.elapsed().as_secs_f64()
        );
        for (case, input, broken) in &report.failures {
            failed = true;
            std::fs::create_dir_all("fuzz-failures")?;
            let path = format!("fuzz-failures/{}-{seed}-{case}.bin", target.name());
            std::fs::write(&path, input)?;
            println!("  case {case}: {broken} (input in {path})");
        }
    }
    Ok(std::process::ExitCode::from(u8::from(failed)))
}
