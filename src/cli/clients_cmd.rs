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
use crate::i18n::Lang;
use crate::report::{SummaryFormat, summarize};
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

super::value_enum! {
    /// The formats of a referral summary, as the command line names them.
    ExportFormat => SummaryFormat { Md, Html, Json, Txt }
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
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let store = Store::open(data_dir)?;
    let client = match lookup(&store, &args.client)? {
        Named::One(client) => client,
        Named::None(suggestions) => {
            let shown = sanitize(&args.client).into_owned();
            if suggestions.is_empty() {
                report!("eis: error: there is no client `{shown}` (`eis clients` lists them)");
            } else {
                report!(
                    "eis: error: there is no client `{shown}`; did you mean {}?",
                    suggestions.join(" or ")
                );
            }
            return Ok(ExitCode::from(1));
        }
        other => return Ok(other.refused(&args.client)),
    };
    let (bank, catalogue) = match super::load_data(source, questions) {
        Ok((bank, catalogue)) => (bank.localized(lang), catalogue),
        Err(code) => return Ok(code),
    };
    let adviser = adviser_name(data_dir)?;
    let summary = summarize(
        &client,
        &bank,
        &catalogue,
        adviser.as_deref(),
        &crate::today().to_string(),
        lang,
    );
    let text = SummaryFormat::from(args.format).render(&summary)?;
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

/// `eis --accessible --client CLIENT`: the assessment by lines, then saved
/// to the client (an existing one by id or name gets a new assessment, the
/// earlier ones kept; a new name creates it), and where it was saved said.
pub fn accessible_for_client(
    source: &crate::catalogue::Source,
    questions: Option<&Path>,
    data_dir: &Path,
    wanted: &str,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let store = Store::open(data_dir)?;
    let existing = match lookup(&store, wanted)? {
        Named::One(client) => Some(client.id),
        Named::None(_) => None,
        other => return Ok(other.refused(wanted)),
    };
    // Held open from the first question to the save, as the app holds it.
    let (mut record, lock) = match &existing {
        Some(id) => {
            let lock = match store.lock(id) {
                Ok(lock) => lock,
                Err(e) => {
                    report!("eis: error: {}", sanitize(&e.to_string()));
                    return Ok(ExitCode::from(1));
                }
            };
            (store.load(id)?, lock)
        }
        None => store.create_locked(wanted.trim(), jiff::Timestamp::now())?,
    };
    let (bank, catalogue) = match super::load_data(source, questions) {
        Ok((bank, catalogue)) => (bank.localized(lang), catalogue),
        Err(code) => return Ok(code),
    };
    let stdin = std::io::stdin();
    let ended = crate::accessible::run(
        &bank,
        &catalogue,
        true,
        &mut stdin.lock(),
        &mut Printer::stdout(),
        lang,
    )?;
    let crate::accessible::Ended::Finished(answers) = ended else {
        if existing.is_none() {
            // Nothing was answered for a client made for this session.
            drop(lock);
            let _ = store.delete(&record.id);
        }
        return Ok(ExitCode::SUCCESS);
    };
    let today = crate::today().to_string();
    if record.current().is_some_and(|a| a.completed.is_some()) {
        record.reassess(&today);
    }
    let assessment = record.current_mut(&today);
    assessment.answers = answers;
    assessment.completed = Some(today.clone());
    store.save(&mut record, jiff::Timestamp::now())?;
    drop(lock);
    report!(
        "Saved to the client `{}` ({}). `eis export {}` writes the referral summary.",
        sanitize(&record.id),
        sanitize(&record.name),
        sanitize(&record.id)
    );
    Ok(ExitCode::SUCCESS)
}

/// What a client named on the command line stands for.
enum Named {
    /// One client: of that id, or of that name (case and accents aside).
    One(crate::clients::ClientRecord),
    /// Several clients of that name: their ids.
    Several(Vec<String>),
    /// None: the ids and names (shown as `id` (name)) nearest to it, if any
    /// is near.
    None(Vec<String>),
    /// The client of that id cannot be read: why.
    Unreadable(String),
}

impl Named {
    /// Says why a command cannot go on with several clients or an
    /// unreadable one; exit code 1.
    fn refused(self, wanted: &str) -> ExitCode {
        match self {
            Named::Several(ids) => report!(
                "eis: error: several clients are called `{}`: give one id of {}",
                sanitize(wanted),
                ids.join(", ")
            ),
            Named::Unreadable(message) => report!("eis: error: {}", sanitize(&message)),
            Named::One(_) | Named::None(_) => {}
        }
        ExitCode::from(1)
    }
}

/// A client as the adviser names it: its id, else its name.
fn lookup(store: &Store, wanted: &str) -> anyhow::Result<Named> {
    match store.load(wanted) {
        Ok(client) => Ok(Named::One(client)),
        Err(crate::clients::ClientError::NotFound { .. }) => by_name(store, wanted),
        Err(e) => Ok(Named::Unreadable(e.to_string())),
    }
}

/// Looks a client up by its name, as an adviser types it: `Nordlys
/// Software ApS` finds the client whose id is `nordlys-software-aps-…`.
/// Without one of that name, suggests the nearest ids or names.
fn by_name(store: &Store, wanted: &str) -> anyhow::Result<Named> {
    let fold = |text: &str| crate::search::fold::fold_str(text.trim());
    let wanted_folded = fold(wanted);
    let mut clients: Vec<_> = store
        .list()?
        .into_iter()
        .filter_map(|listed| match listed {
            crate::clients::Listed::Client(record) => Some(record),
            crate::clients::Listed::Unreadable { .. } => None,
        })
        .collect();
    let same: Vec<usize> = clients
        .iter()
        .enumerate()
        .filter(|(_, c)| fold(&c.name) == wanted_folded)
        .map(|(i, _)| i)
        .collect();
    Ok(match *same.as_slice() {
        [one] => Named::One(clients.swap_remove(one)),
        [] => {
            let mut near: Vec<(f64, String)> = clients
                .iter()
                .map(|c| {
                    let nearness = strsim::normalized_levenshtein(&fold(&c.name), &wanted_folded)
                        .max(strsim::normalized_levenshtein(&c.id, &wanted_folded));
                    let shown = format!("`{}` ({})", sanitize(&c.id), sanitize(&c.name));
                    (nearness, shown)
                })
                .filter(|(nearness, _)| *nearness >= 0.6)
                .collect();
            near.sort_by(|a, b| b.0.total_cmp(&a.0));
            Named::None(near.into_iter().take(3).map(|(_, shown)| shown).collect())
        }
        _ => Named::Several(same.iter().map(|&i| clients[i].id.clone()).collect()),
    })
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
