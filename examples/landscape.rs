//! Times each part of a landscape survey — the area's services, the
//! matrices, gaps, overlaps, likely duplicates, programmes with several
//! doors and journey complexity — on a catalogue folder, and the whole
//! survey, several times in one process; prints each part's fastest time.
//! For finding where the time of `eis landscape` goes at national scale.
//!
//! ```text
//! cargo run --release --example generate -- 100000 /tmp/c100k
//! cargo run --release --example landscape -- /tmp/c100k [AREA] [RUNS]
//! ```

use eis::i18n::Lang;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use eis::catalogue::{Area, Source, load};
use eis::landscape::{self, MatrixKind};

/// The binary's allocator, so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(folder) = args.first() else {
        bail!("usage: landscape FOLDER [AREA] [RUNS]");
    };
    let area =
        Area::parse(args.get(1).map_or("*", String::as_str)).map_err(|e| anyhow::anyhow!("{e}"))?;
    let runs: usize = match args.get(2) {
        Some(runs) => runs.parse().context("RUNS must be a whole number")?,
        None => 3,
    };
    let catalogue = load(&Source::Path(PathBuf::from(folder)))
        .map_err(|e| anyhow::anyhow!("{e}"))?
        .0;
    println!("{} services", catalogue.services().len());
    let mut best: Vec<(&str, Duration)> = Vec::new();
    let mut time = |name: &'static str, work: &dyn Fn() -> usize| {
        let start = Instant::now();
        let n = work();
        let took = start.elapsed();
        println!("  {name:<12} {:>9.1} ms  ({n})", took.as_secs_f64() * 1e3);
        match best.iter_mut().find(|(n, _)| *n == name) {
            Some((_, fastest)) => *fastest = (*fastest).min(took),
            None => best.push((name, took)),
        }
    };
    for run in 1..=runs {
        println!("run {run}");
        let services = landscape::in_area(&catalogue, &area, false);
        time("in area", &|| {
            landscape::in_area(&catalogue, &area, false).len()
        });
        time("matrices", &|| {
            MatrixKind::ALL
                .iter()
                .map(|&k| {
                    landscape::matrix(&catalogue, &services, k, Lang::En)
                        .rows
                        .len()
                })
                .sum()
        });
        time("gaps", &|| {
            landscape::gaps(&catalogue, &services, Lang::En).len()
        });
        time("overlaps", &|| {
            landscape::overlaps(&catalogue, &services).len()
        });
        time("duplicates", &|| {
            landscape::duplicates(&catalogue, &services, Lang::En).len()
        });
        time("doors", &|| {
            landscape::doors(&catalogue, &services, Lang::En).len()
        });
        time("complexity", &|| {
            landscape::complexity(&catalogue, &area, Lang::En).len()
        });
        time("survey", &|| {
            landscape::survey(&catalogue, &area, false, Lang::En)
                .duplicates
                .len()
        });
    }
    println!("fastest of {runs}");
    for (name, took) in best {
        println!("  {name:<12} {:>9.1} ms", took.as_secs_f64() * 1e3);
    }
    Ok(())
}
