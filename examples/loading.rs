//! Times loading and checking a generated catalogue, as `eis` does it on a
//! first run or with `--no-cache` (every rule checked, warnings counted but
//! not placed), several times in one process. Prints each run and the
//! fastest: on a machine whose speed wanders, the fastest of a few runs is
//! the steadier yardstick for comparing two versions of the code. The
//! `load_and_check` benchmark measures the same work.
//!
//! ```text
//! cargo run --release --example loading -- 100000 [runs]
//! ```

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use eis::catalogue::load::check_files_placing;

/// The binary's allocator, so that the figures are the binary's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(size) = args.first() else {
        bail!("usage: loading SERVICES [RUNS]");
    };
    let size: usize = size.parse().context("SERVICES must be a whole number")?;
    let runs: usize = match args.get(1) {
        Some(runs) => runs.parse().context("RUNS must be a whole number")?,
        None => 5,
    };
    let files = eis::generate::files(size, 42)?;
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    println!(
        "{size} services in {} files, {:.1} MB",
        files.len(),
        bytes as f64 / 1e6
    );
    let today = jiff::civil::date(2026, 11, 23);
    let mut fastest = Duration::MAX;
    for run in 1..=runs.max(1) {
        let start = Instant::now();
        let checked = check_files_placing(&files, today, false);
        let took = start.elapsed();
        if checked.has_errors() {
            bail!("the generated catalogue has errors");
        }
        // Dropped after the clock stops, as the app keeps what it loaded.
        drop(checked);
        fastest = fastest.min(took);
        println!("run {run}: {:.1} ms", took.as_secs_f64() * 1e3);
    }
    println!("fastest: {:.1} ms", fastest.as_secs_f64() * 1e3);
    Ok(())
}
