//! `eis check [PATH]`: every problem of a catalogue, compiler-style, then a summary.

use std::fmt::Write as _;
use std::process::ExitCode;

use serde::Serialize;

use super::Format;
use super::printer::Printer;
use crate::catalogue::Source;
use crate::i18n::Lang;
use std::path::{Path, PathBuf};

use crate::assessment::bank::EMBEDDED;
use crate::assessment::raw::{Condition, Fact};
use crate::assessment::{Answer, Answers, QuestionBank};
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

pub fn run(
    args: &Args,
    source: &Source,
    questions: Option<&Path>,
    out: &mut Printer,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let (catalogue, bank) = inputs(args.path.as_deref(), source, questions);
    let cases = args
        .path
        .as_deref()
        .map(|p| p.join("cases"))
        .filter(|p| p.is_dir());
    let report = Report::new(&catalogue, bank.as_ref()).with_cases(cases.as_deref(), lang);
    let output = match args.format {
        Format::Text => render_text(&report),
        Format::Json => render_json(&report)?,
    };
    out.print(&output)?;
    Ok(ExitCode::from(report.exit_code()))
}

/// Where the question bank to check comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum BankInput {
    Embedded,
    Path(PathBuf),
}

/// What to check. A folder holding a `catalogue/` folder is a data root (like
/// the repository's `data/`): its catalogue, and its `questions.ron` if there is
/// one. Without a path, the built-in catalogue and question bank (or those
/// named by `--catalogue` and `--questions`).
fn inputs(
    path: Option<&Path>,
    source: &Source,
    questions: Option<&Path>,
) -> (Source, Option<BankInput>) {
    let named = questions.map(|q| BankInput::Path(q.to_owned()));
    match path {
        Some(path) if path.join("catalogue").is_dir() => {
            let bank = path.join("questions.ron");
            let bank = named.or_else(|| bank.is_file().then_some(BankInput::Path(bank)));
            (Source::Path(path.join("catalogue")), bank)
        }
        Some(path) => (Source::Path(path.to_owned()), named),
        None => (source.clone(), named.or(Some(BankInput::Embedded))),
    }
}

/// Everything checked, with the diagnostics of both inputs.
#[derive(Debug)]
pub struct Report {
    pub checked: Checked,
    /// The question bank's problems, if a bank was checked.
    pub bank_diagnostics: Vec<Diagnostic>,
    pub bank: Option<QuestionBank>,
    pub bank_unreadable: bool,
    /// The referral test cases run, if the data root has a `cases/` folder.
    pub cases: Vec<crate::cases::Outcome>,
}

impl Report {
    fn new(source: &Source, bank_input: Option<&BankInput>) -> Self {
        let checked = check_source(source, crate::today());
        let (bank, bank_diagnostics, bank_unreadable) = match bank_input {
            None => (None, Vec::new(), false),
            Some(BankInput::Embedded) => {
                let (bank, diagnostics) =
                    crate::assessment::bank::check(EMBEDDED.0, EMBEDDED.1.as_bytes());
                (bank, diagnostics, false)
            }
            Some(BankInput::Path(path)) => {
                let name = path.display().to_string();
                match crate::input::read(path, crate::input::QUESTION_BANK) {
                    Ok(bytes) => {
                        let (bank, diagnostics) = crate::assessment::bank::check(&name, &bytes);
                        (bank, diagnostics, false)
                    }
                    Err(e) => (
                        None,
                        vec![Diagnostic::error(name, format!("cannot read: {e}"))],
                        true,
                    ),
                }
            }
        };
        // The bank's translations, checked against it: missing and extra
        // texts are warnings with positions, unsafe text an error.
        let mut bank_diagnostics = bank_diagnostics;
        let bank = bank.map(|bank| {
            let path = match bank_input {
                Some(BankInput::Path(path)) => Some(path.as_path()),
                _ => None,
            };
            let (translations, diagnostics) = crate::assessment::texts::load(path, &bank);
            bank_diagnostics.extend(diagnostics);
            bank.with_translations(translations)
        });
        Self {
            checked,
            bank_diagnostics,
            bank,
            bank_unreadable,
            cases: Vec::new(),
        }
    }

    /// Runs the referral test cases of `dir`, when the catalogue and the
    /// bank are free of errors (a case cannot be judged on a broken one).
    /// A data folder without a `questions.ron` of its own asks its cases
    /// the built-in questions, so its cases still run.
    fn with_cases(mut self, dir: Option<&Path>, lang: Lang) -> Self {
        let (Some(dir), false) = (dir, self.errors() > 0) else {
            return self;
        };
        let built_in;
        let bank = match &self.bank {
            Some(bank) => bank,
            None => match crate::assessment::bank::load(None) {
                Ok(bank) => {
                    built_in = bank;
                    &built_in
                }
                Err(_) => return self,
            },
        };
        self.cases = crate::cases::run_folder(dir, &self.checked.catalogue, bank, lang);
        self
    }

    fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.checked
            .diagnostics
            .iter()
            .chain(&self.bank_diagnostics)
            .chain(self.cases.iter().flat_map(|c| &c.failures))
    }

    fn errors(&self) -> usize {
        self.diagnostics().filter(|d| d.is_error()).count()
    }

    fn unreadable(&self) -> bool {
        self.checked.unreadable || self.bank_unreadable
    }

    fn exit_code(&self) -> u8 {
        match (self.unreadable(), self.errors() > 0) {
            (true, _) => 2,
            (false, true) => 1,
            (false, false) => 0,
        }
    }
}

/// The number of questions an SME pursuing every mode is asked: every mode
/// chosen, and the country set to one that a condition asks about (so that a
/// region question shows).
#[must_use]
pub fn questions_for_all_modes(bank: &QuestionBank) -> usize {
    let mut answers = Answers::new();
    for question in bank.questions() {
        match question.fills {
            Some(Fact::Modes) => {
                let all = question.options().iter().map(|o| o.id.clone()).collect();
                answers.set(question.id.clone(), Answer::Choices(all));
            }
            Some(Fact::Country) => {
                let named = bank.questions().iter().find_map(|q| match &q.when {
                    Some(Condition::Chosen(target, code)) if *target == question.id => {
                        Some(code.clone())
                    }
                    _ => None,
                });
                if let Some(code) = named {
                    answers.set(question.id.clone(), Answer::Countries(vec![code]));
                }
            }
            _ => {}
        }
    }
    bank.visible(&answers).len()
}

/// The diagnostics, then counts, then (when clean) the summary tables.
#[must_use]
pub fn render_text(report: &Report) -> String {
    let mut out = String::new();
    for d in report.diagnostics() {
        let _ = writeln!(out, "{}", sanitize(&d.to_string()));
    }
    let errors = report.errors();
    let warnings = report.diagnostics().count() - errors;
    if report.unreadable() {
        let _ = writeln!(out, "the input could not be read");
        return out;
    }
    if report.diagnostics().next().is_some() {
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
    let summary = summarize(&report.checked.catalogue);
    let _ = writeln!(
        out,
        "{}, {} ({} active, {} closed)",
        plural(summary.providers, "provider"),
        plural(summary.services, "service"),
        summary.active,
        summary.closed
    );
    let _ = writeln!(
        out,
        "Unverified: {} of {} active services are not checked against a page stating them",
        summary.unverified, summary.active
    );
    if let Some(bank) = &report.bank {
        let _ = writeln!(
            out,
            "Question bank: {}, {} ({} for an SME pursuing all five modes); languages: {}",
            plural(bank.sections().len(), "section"),
            plural(bank.questions().len(), "question"),
            questions_for_all_modes(bank),
            bank.languages()
                .iter()
                .map(|l| l.code())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    if !report.cases.is_empty() {
        let expectations: usize = report.cases.iter().map(|c| c.expectations).sum();
        let _ = writeln!(
            out,
            "Referral cases: {}, {}; all hold",
            plural(report.cases.len(), "case"),
            plural(expectations, "expectation")
        );
    }
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
    let _ = writeln!(
        out,
        "\nPartner regions: active services open to a firm there, and needs none meets"
    );
    for region in &summary.regions {
        let unmet = if region.unmet.is_empty() {
            "every need met".to_owned()
        } else {
            let names: Vec<String> = region.unmet.iter().map(ToString::to_string).collect();
            format!("no service for {}", names.join(", "))
        };
        let _ = writeln!(
            out,
            "  {:<7} {:<25} {:>4}  {unmet}",
            region.code, region.name, region.services
        );
    }
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

/// `n` and its word, by English's plural rules (this report is in English).
fn plural(n: usize, word: &str) -> String {
    crate::i18n::english_count(n, word, &format!("{word}s"))
}

#[derive(Serialize)]
struct JsonReport<'a> {
    ok: bool,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<&'a Diagnostic>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<Summary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    questions: Option<JsonBank>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cases: Option<JsonCases>,
}

#[derive(Serialize)]
struct JsonCases {
    cases: usize,
    expectations: usize,
    failed: usize,
}

#[derive(Serialize)]
struct JsonBank {
    sections: usize,
    questions: usize,
    asked_for_all_modes: usize,
}

/// The same report as JSON, for tooling.
pub fn render_json(report: &Report) -> anyhow::Result<String> {
    let errors = report.errors();
    let ok = errors == 0 && !report.unreadable();
    let diagnostics: Vec<&Diagnostic> = report.diagnostics().collect();
    let json = JsonReport {
        ok,
        errors,
        warnings: diagnostics.len() - errors,
        diagnostics,
        summary: ok.then(|| summarize(&report.checked.catalogue)),
        questions: report.bank.as_ref().filter(|_| ok).map(|bank| JsonBank {
            sections: bank.sections().len(),
            questions: bank.questions().len(),
            asked_for_all_modes: questions_for_all_modes(bank),
        }),
        cases: (!report.cases.is_empty()).then(|| JsonCases {
            cases: report.cases.len(),
            expectations: report.cases.iter().map(|c| c.expectations).sum(),
            failed: report.cases.iter().filter(|c| !c.passed()).count(),
        }),
    };
    Ok(crate::text::to_json(&json)?)
}
