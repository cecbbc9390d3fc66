//! Writes a seeded synthetic catalogue to a folder, for trying the app and
//! the command line at national scale:
//!
//! ```text
//! cargo run --release --example generate -- 100000 /tmp/big [seed] [--lines FILE]
//! cargo run --release -- --catalogue /tmp/big
//! ```
//!
//! With `--lines FILE`, each service is also written to FILE as one plain
//! line (name, provider, keywords, summary), the entries a line filter such
//! as `fzf --filter` is timed on beside `eis search` in `docs/PERFORMANCE.md`.

use std::path::PathBuf;

use anyhow::{Context, bail};

fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let lines = match args.iter().position(|a| a == "--lines") {
        Some(at) if at + 1 < args.len() => {
            let file = PathBuf::from(args.remove(at + 1));
            args.remove(at);
            Some(file)
        }
        Some(_) => bail!("--lines needs a FILE"),
        None => None,
    };
    let (Some(size), Some(dir)) = (args.first(), args.get(1)) else {
        bail!("usage: generate SERVICES FOLDER [SEED] [--lines FILE]");
    };
    let size: usize = size.parse().context("SERVICES must be a whole number")?;
    let seed: u64 = match args.get(2) {
        Some(seed) => seed.parse().context("SEED must be a whole number")?,
        None => 42,
    };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    for file in eis::generate::files(size, seed)? {
        let path = dir.join(&file.name);
        std::fs::write(&path, &file.bytes)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    println!("{size} services written to {}", dir.display());
    if let Some(path) = lines {
        let catalogue = eis::generate::catalogue(size, seed);
        let mut text = eis::generate::plain_lines(&catalogue).join("\n");
        text.push('\n');
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        println!("one line per service written to {}", path.display());
    }
    Ok(())
}
