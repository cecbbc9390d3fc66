//! Times every keystroke of search-as-you-type on a generated catalogue, as
//! the terminal app runs it (one index, built at start and kept for the
//! session): typing realistic queries one character at a time, then deleting
//! them again. Each round is a new session, on a new index: nothing scored
//! in one round is kept for the next. Prints each query's timings, the first
//! keystroke after start (which meets cold memory), and the median, 99th
//! percentile and worst over all the keystrokes after it. With several rounds it also gives each
//! keystroke's fastest time over the rounds, and the same figures of those:
//! on a machine whose speed wanders, that is the steadier yardstick for
//! comparing two versions of the code.
//!
//! Before the first keystroke it scores the single letters, as the terminal
//! app's search worker does while nobody types ([`SearchIndex::warm`]), and
//! says how long that took; `cold` leaves that out, as for a search typed
//! the moment the app has started.
//!
//! ```text
//! cargo run --release --example keystrokes -- 100000 [rounds] [cold]
//! ```

use std::fmt::Write as _;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use eis::search::{Filters, SearchIndex};

/// The binary's allocator, so that the figures are the binary's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Queries in several of the catalogue's languages, with a typing error or two.
const QUERIES: [&str; 8] = [
    "export insurance",
    "garanzia eksport",
    "etude marche",
    "exprot credit",
    "internacionalizacao",
    "rynki zagraniczne",
    "trade fair grant",
    "eksportkredit",
];

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(size) = args.first() else {
        bail!("usage: keystrokes SERVICES [ROUNDS] [cold]");
    };
    let size: usize = size.parse().context("SERVICES must be a whole number")?;
    let rounds: usize = match args.get(1) {
        Some(rounds) => rounds.parse().context("ROUNDS must be a whole number")?,
        None => 3,
    };
    let catalogue = eis::generate::catalogue(size, 42);
    let mut times: Vec<Duration> = Vec::new();
    // Per keystroke of the sequence, its fastest time over the rounds.
    let mut fastest: Vec<Duration> = Vec::new();
    let never = AtomicBool::new(false);
    let warm = match args.get(2).map(String::as_str) {
        Some("cold") => false,
        Some(other) => bail!("unknown option {other:?}: the third argument may only be `cold`"),
        None => true,
    };
    for round in 0..rounds {
        // Every round starts from a new index, as the app does when it
        // starts: nothing one round scored is kept for the next.
        let index = SearchIndex::new(&catalogue);
        if warm {
            let start = Instant::now();
            index.warm(&never);
            if round == 0 {
                println!(
                    "letters scored before typing in {:.0} ms",
                    ms(start.elapsed())
                );
            }
        } else if round == 0 {
            println!("cold: no letters scored before the first keystroke");
        }
        let mut keystroke = 0;
        for query in QUERIES {
            let chars: Vec<char> = query.chars().collect();
            let typed = (1..=chars.len()).chain((0..chars.len()).rev());
            let mut line = String::new();
            for n in typed {
                let prefix: String = chars[..n].iter().collect();
                let start = Instant::now();
                let hits = index
                    .rank(&catalogue, &prefix, &Filters::default(), &never)
                    .map_or(0, |hits| hits.len());
                let took = start.elapsed();
                times.push(took);
                match fastest.get_mut(keystroke) {
                    Some(best) => *best = (*best).min(took),
                    None => fastest.push(took),
                }
                keystroke += 1;
                if round == 0 {
                    let _ = write!(line, " {prefix:?} {hits} {:.1}", ms(took));
                }
            }
            if round == 0 {
                println!("{query}:{line}");
            }
        }
    }
    let first = times.remove(0);
    println!(
        "{size} services: first keystroke {:.2} ms; {} keystrokes after it: {}",
        ms(first),
        times.len(),
        summary(&mut times)
    );
    if rounds > 1 {
        println!(
            "each keystroke's fastest of {rounds} rounds: {}; all {} summed {:.1} ms",
            summary(&mut fastest),
            fastest.len(),
            ms(fastest.iter().sum())
        );
    }
    Ok(())
}

/// The median, 99th percentile (nearest rank) and worst of some times.
fn summary(times: &mut [Duration]) -> String {
    times.sort_unstable();
    let at = |percent: usize| times[(times.len() * percent).div_ceil(100).max(1) - 1];
    format!(
        "median {:.2} ms, p99 {:.2} ms, worst {:.2} ms",
        ms(at(50)),
        ms(at(99)),
        ms(times[times.len() - 1])
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
