//! `eis check [PATH]`: every problem of a catalogue, compiler-style, then a summary.

use std::fmt::Write as _;
use std::process::ExitCode;

use serde::Serialize;

use super::Format;
use crate::catalogue::Source;
use crate::catalogue::load::{Checked, check_source};
use crate::catalogue::summary::{Summary, summarize};
use crate::diagnostic::Diagnostic;
use crate::text::sanitize;
use crate::vocab::{Mode, Stage, Support, Tier};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The catalogue to check: a .ron file or a folder of them (default: --catalogue, else the built-in one).
    path: Option<std::path::PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(args: &Args, source: &Source) -> anyhow::Result<ExitCode> {
    let source = args
        .path
        .clone()
        .map_or_else(|| source.clone(), Source::Path);
    let checked = check_source(&source, crate::today());
    let output = match args.format {
        Format::Text => render_text(&checked),
        Format::Json => render_json(&checked)?,
    };
    print!("{output}");
    Ok(ExitCode::from(exit_code(&checked)))
}

fn exit_code(checked: &Checked) -> u8 {
    match (checked.unreadable, checked.has_errors()) {
        (true, _) => 2,
        (false, true) => 1,
        (false, false) => 0,
    }
}

/// The diagnostics, then counts, then (when clean) the summary tables.
#[must_use]
pub fn render_text(checked: &Checked) -> String {
    let mut out = String::new();
    for d in &checked.diagnostics {
        let _ = writeln!(out, "{}", sanitize(&d.to_string()));
    }
    let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = checked.diagnostics.len() - errors;
    if checked.unreadable {
        let _ = writeln!(out, "the catalogue could not be read");
        return out;
    }
    if !checked.diagnostics.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    if errors > 0 {
        return out;
    }
    let summary = summarize(&checked.catalogue);
    let _ = writeln!(
        out,
        "{}, {} ({} active, {} closed)",
        plural(summary.providers, "provider"),
        plural(summary.services, "service"),
        summary.active,
        summary.closed
    );
    let _ = writeln!(out, "\nActive services");
    let countries: Vec<(String, usize)> = summary
        .per_country
        .iter()
        .map(|(k, v)| (country_label(k), *v))
        .collect();
    table(&mut out, "per country", &countries);
    table(&mut out, "per mode", &terms(Mode::ALL, &summary.per_mode));
    table(
        &mut out,
        "per stage",
        &terms(Stage::ALL, &summary.per_stage),
    );
    table(
        &mut out,
        "per support",
        &terms(Support::ALL, &summary.per_support),
    );
    table(&mut out, "per tier", &terms(Tier::ALL, &summary.per_tier));
    out
}

fn country_label(code: &str) -> String {
    match code {
        "EU" => "EU-wide".to_owned(),
        "*" => "anywhere".to_owned(),
        other => other.to_owned(),
    }
}

fn terms<T: Copy + Ord + std::fmt::Display>(
    all: &[T],
    counts: &std::collections::BTreeMap<T, usize>,
) -> Vec<(String, usize)> {
    all.iter()
        .map(|t| (t.to_string(), counts.get(t).copied().unwrap_or(0)))
        .collect()
}

/// `  per mode     Export 120, Import 31, …`, wrapped at 80 columns.
fn table(out: &mut String, title: &str, rows: &[(String, usize)]) {
    let indent = 14;
    let mut line = format!("  {title:<width$}", width = indent - 2);
    let mut first = true;
    for (label, count) in rows {
        let item = format!("{label} {count}");
        let separator = if first { "" } else { ", " };
        if !first && line.chars().count() + separator.len() + item.len() > 79 {
            let _ = writeln!(out, "{line},");
            line = " ".repeat(indent);
        } else {
            line.push_str(separator);
        }
        line.push_str(&item);
        first = false;
    }
    let _ = writeln!(out, "{line}");
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[derive(Serialize)]
struct Report<'a> {
    ok: bool,
    errors: usize,
    warnings: usize,
    diagnostics: &'a [Diagnostic],
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<Summary>,
}

/// The same report as JSON, for tooling.
pub fn render_json(checked: &Checked) -> anyhow::Result<String> {
    let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
    let report = Report {
        ok: !checked.has_errors(),
        errors,
        warnings: checked.diagnostics.len() - errors,
        diagnostics: &checked.diagnostics,
        summary: (!checked.has_errors()).then(|| summarize(&checked.catalogue)),
    };
    Ok(serde_json::to_string_pretty(&report)? + "\n")
}
