//! `eis hsds export` and `eis hsds import`: the catalogue to and from an
//! Open Referral HSDS 3.0 directory (`docs/hsds.md`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::printer::report;
use crate::catalogue::Source;
use crate::diagnostic::Diagnostic;
use crate::hsds;
use crate::save::Existing;
use crate::text::sanitize;

/// How an HSDS directory is laid out: JSON files of nested records, or the
/// tabular form's CSV files, one per object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Layout {
    Json,
    Csv,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, clap::Subcommand)]
enum Command {
    /// Write the catalogue as an HSDS 3.0 directory (JSON, or one CSV file per object).
    Export(ExportArgs),
    /// Read an HSDS 3.0 directory into a catalogue file, reporting what does not map.
    Import(ImportArgs),
}

#[derive(Debug, clap::Args)]
struct ExportArgs {
    /// The folder to write (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// JSON files of nested records, or the tabular form's CSV files.
    #[arg(long, value_enum, default_value_t = Layout::Json)]
    format: Layout,
    /// Overwrite files of the same names in the folder.
    #[arg(long)]
    force: bool,
}

#[derive(Debug, clap::Args)]
struct ImportArgs {
    /// The HSDS directory: services.json and organizations.json, or services.csv and organizations.csv.
    dir: PathBuf,
    /// The catalogue file to write (RON).
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// Read JSON or CSV (default: JSON when the folder has services.json, else CSV).
    #[arg(long, value_enum)]
    format: Option<Layout>,
    /// Overwrite `--out` if it exists.
    #[arg(long)]
    force: bool,
}

pub fn run(args: &Args, source: &Source) -> anyhow::Result<ExitCode> {
    match &args.command {
        Command::Export(args) => export(args, source),
        Command::Import(args) => Ok(import(args)),
    }
}

fn export(args: &ExportArgs, source: &Source) -> anyhow::Result<ExitCode> {
    let catalogue = match super::load_catalogue(source) {
        Ok(catalogue) => catalogue,
        Err(code) => return Ok(code),
    };
    let dataset = hsds::export::export(&catalogue);
    let files: Vec<(String, Vec<u8>)> = match args.format {
        Layout::Json => dataset
            .to_json()?
            .into_iter()
            .map(|(name, text)| (name.to_owned(), text.into_bytes()))
            .collect(),
        Layout::Csv => hsds::tabular::write(&dataset)?,
    };
    let shown = sanitize(&args.out.display().to_string()).into_owned();
    if let Err(e) = crate::save::create_dir(&args.out) {
        report!("eis: error: cannot create {shown}: {e}");
        return Ok(ExitCode::from(2));
    }
    if !args.force
        && let Some((name, _)) = files.iter().find(|(name, _)| args.out.join(name).exists())
    {
        report!(
            "eis: error: {} exists; use --force to overwrite the files of {shown}",
            sanitize(&args.out.join(name).display().to_string())
        );
        return Ok(ExitCode::from(1));
    }
    for (name, bytes) in &files {
        let path = args.out.join(name);
        if let Err(e) = crate::save::write(&path, bytes, Existing::Replace) {
            report!(
                "eis: error: cannot write {}: {e}",
                sanitize(&path.display().to_string())
            );
            return Ok(ExitCode::from(2));
        }
    }
    report!(
        "Wrote {} files to {shown}: {} organizations, {} services (HSDS {})",
        files.len(),
        dataset.organizations.len(),
        dataset.services.len(),
        hsds::VERSION
    );
    Ok(ExitCode::SUCCESS)
}

/// Reads `dir/name`, within the catalogue file limit: `Ok(None)` when an
/// optional file is missing; an error names the file.
fn read_file(dir: &Path, name: &str, required: bool) -> Result<Option<(String, Vec<u8>)>, String> {
    let path = dir.join(name);
    let shown = path.display().to_string();
    match crate::input::read(&path, crate::input::CATALOGUE_FILE) {
        Ok(bytes) => Ok(Some((shown, bytes))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", sanitize(&shown))),
    }
}

fn import(args: &ImportArgs) -> ExitCode {
    let dir = &args.dir;
    let shown_dir = sanitize(&dir.display().to_string()).into_owned();
    if !dir.is_dir() {
        report!("eis: error: {shown_dir} is not a folder; give the folder of an HSDS directory");
        return ExitCode::from(2);
    }
    let layout = args.format.unwrap_or_else(|| {
        if dir.join("services.json").exists() || !dir.join("services.csv").exists() {
            Layout::Json
        } else {
            Layout::Csv
        }
    });
    let wanted: Vec<(String, bool)> = match layout {
        Layout::Json => vec![
            ("organizations.json".to_owned(), true),
            ("services.json".to_owned(), true),
            ("taxonomy_terms.json".to_owned(), false),
        ],
        Layout::Csv => hsds::tabular::TABLES
            .iter()
            .map(|o| {
                let name = hsds::tabular::file_name(o);
                let required = matches!(o.table, "organizations" | "services");
                (name, required)
            })
            .collect(),
    };
    let mut files = Vec::new();
    for (name, required) in &wanted {
        match read_file(dir, name, *required) {
            Ok(Some((shown, bytes))) => files.push((name.as_str(), shown, bytes)),
            Ok(None) => {}
            Err(message) => {
                report!("eis: error: {message}");
                return ExitCode::from(2);
            }
        }
    }
    let input = match layout {
        Layout::Json => hsds::import::read_json(&files),
        Layout::Csv => hsds::tabular::read(&files),
    };
    let out_name = args.out.display().to_string();
    let imported = hsds::import::import(input, &out_name, crate::today());
    print_diagnostics(&imported.diagnostics);
    if imported.has_errors() {
        report!(
            "eis: error: {} was not written: the directory does not make a valid catalogue",
            sanitize(&out_name)
        );
        return ExitCode::from(1);
    }
    let existing = if args.force {
        Existing::Replace
    } else {
        Existing::Keep
    };
    let shown = sanitize(&out_name).into_owned();
    match crate::save::write(&args.out, imported.text.as_bytes(), existing) {
        Ok(()) => {
            report!(
                "Wrote {shown}: {} providers, {} services",
                imported.catalogue.providers.len(),
                imported.catalogue.services.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            report!("eis: error: {shown} exists; use --force to overwrite it");
            ExitCode::from(1)
        }
        Err(e) => {
            report!("eis: error: cannot write {shown}: {e}");
            ExitCode::from(2)
        }
    }
}

/// Every problem, as `eis check` prints them, then how many.
fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        report!("{}", sanitize(&d.to_string()));
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    if !diagnostics.is_empty() {
        report!(
            "{errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        );
    }
}
