//! `eis clients` lists the clients of the data folder; `eis export CLIENT`
//! writes a client's referral summary.

use std::fmt::Write as _;
use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use super::Format;
use super::printer::{Printer, report};
use crate::clients::config::Config;
use crate::clients::{Listed, Store};
use crate::export::{ExportFormat, render, summarize};
use crate::save::Existing;
use crate::text::sanitize;

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// The client's id, as `eis clients` lists it.
    client: String,
    #[arg(long, value_enum, default_value_t = ExportFormat::Md)]
    format: ExportFormat,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Overwrite `--out` if it exists.
    #[arg(long)]
    force: bool,
}

#[derive(Serialize)]
struct JsonClient<'a> {
    id: &'a str,
    name: &'a str,
    created: &'a str,
    updated: &'a str,
    assessments: usize,
}

#[derive(Serialize)]
struct JsonProblem {
    file: String,
    message: String,
}

#[derive(Serialize)]
struct JsonList<'a> {
    clients: Vec<JsonClient<'a>>,
    unreadable: Vec<JsonProblem>,
}

pub fn list(args: &ListArgs, data_dir: &Path, out: &mut Printer) -> anyhow::Result<ExitCode> {
    let store = Store::open(data_dir)?;
    let listed = store.list()?;
    let clients: Vec<_> = listed
        .iter()
        .filter_map(|l| match l {
            Listed::Client(c) => Some(c),
            Listed::Unreadable { .. } => None,
        })
        .collect();
    let problems: Vec<(&PathBuf, &String)> = listed
        .iter()
        .filter_map(|l| match l {
            Listed::Unreadable { path, message } => Some((path, message)),
            Listed::Client(_) => None,
        })
        .collect();
    match args.format {
        Format::Json => {
            let json = JsonList {
                clients: clients
                    .iter()
                    .map(|c| JsonClient {
                        id: &c.id,
                        name: &c.name,
                        created: &c.created,
                        updated: &c.updated,
                        assessments: c.assessments.len(),
                    })
                    .collect(),
                unreadable: problems
                    .iter()
                    .map(|(path, message)| JsonProblem {
                        file: path.display().to_string(),
                        message: (*message).clone(),
                    })
                    .collect(),
            };
            out.print(&crate::text::to_json(&json)?)?;
        }
        Format::Text => {
            let mut text = String::new();
            if clients.is_empty() {
                let _ = writeln!(text, "No clients yet in {}.", store.dir().display());
            }
            for c in &clients {
                let updated = c.updated.get(..16).unwrap_or(&c.updated).replace('T', " ");
                let _ = writeln!(
                    text,
                    "{:<32} {:<32} {}  {} assessment{}",
                    sanitize(&c.id),
                    sanitize(&c.name),
                    sanitize(&updated),
                    c.assessments.len(),
                    if c.assessments.len() == 1 { "" } else { "s" }
                );
            }
            out.print(&text)?;
            for (_, message) in &problems {
                report!("eis: warning: {}", sanitize(message));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn export(
    args: &ExportArgs,
    data_dir: &Path,
    source: &crate::catalogue::Source,
    questions: Option<&Path>,
    out: &mut Printer,
) -> anyhow::Result<ExitCode> {
    let store = Store::open(data_dir)?;
    let client = match store.load(&args.client) {
        Ok(client) => client,
        Err(e) => {
            report!("eis: error: {}", sanitize(&e.to_string()));
            return Ok(ExitCode::from(1));
        }
    };
    let (bank, catalogue) = match super::load_data(source, questions) {
        Ok((bank, catalogue)) => (bank.localized(crate::i18n::current()), catalogue),
        Err(code) => return Ok(code),
    };
    let adviser = adviser_name(data_dir)?;
    let summary = summarize(
        &client,
        &bank,
        &catalogue,
        adviser.as_deref(),
        &crate::today().to_string(),
    );
    let text = render(&summary, args.format)?;
    match &args.out {
        None => out.print(&text)?,
        Some(path) => {
            let shown = sanitize(&path.display().to_string()).into_owned();
            let existing = if args.force {
                Existing::Replace
            } else {
                Existing::Keep
            };
            match crate::save::write(path, text.as_bytes(), existing) {
                Ok(()) => report!("Wrote {shown}"),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    report!("eis: error: {shown} exists; use --force to overwrite it");
                    return Ok(ExitCode::from(1));
                }
                Err(e) => {
                    report!("eis: error: cannot write {shown}: {e}");
                    return Ok(ExitCode::from(2));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The adviser's name from the config; asked once (and saved) when there is
/// none and someone is at the terminal.
fn adviser_name(data_dir: &Path) -> anyhow::Result<Option<String>> {
    let mut config = Config::load(data_dir)?;
    if config.adviser.is_some()
        || !std::io::stdin().is_terminal()
        || !std::io::stderr().is_terminal()
    {
        return Ok(config.adviser);
    }
    let _ = write!(
        std::io::stderr(),
        "Your name, as the adviser on referral summaries (asked once): "
    );
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    crate::input::read_line(&mut std::io::stdin().lock(), &mut line)?;
    let name = sanitize(line.trim()).into_owned();
    if !name.is_empty() {
        config.adviser = Some(name);
        config.save(data_dir)?;
    }
    Ok(config.adviser)
}
