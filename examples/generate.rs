//! Writes a seeded synthetic catalogue to a folder, for trying the app and
//! the command line at national scale:
//!
//! ```text
//! cargo run --release --example generate -- 100000 /tmp/big [seed]
//! cargo run --release -- --catalogue /tmp/big
//! ```

use std::path::PathBuf;

use anyhow::{Context, bail};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(size), Some(dir)) = (args.first(), args.get(1)) else {
        bail!("usage: generate SERVICES FOLDER [SEED]");
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
    Ok(())
}
