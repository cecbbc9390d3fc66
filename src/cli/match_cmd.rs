//! `eis match`: the journey for a profile or for answers, or why one service
//! was excluded or where it ranked (`--explain`).

use crate::i18n::{Counted, Lang, Text};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use super::printer::{Printer, report};
use crate::assessment::{Profile, assess};
use crate::cache::Cache;
use crate::catalogue::Catalogue;
use crate::journey::{DEFAULT_PER_STAGE, Journey, plan_journey};
use crate::matching::{Explanation, explain};
use crate::report::{self, Referral};
use crate::text::sanitize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum JourneyFormat {
    Text,
    Json,
    Md,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A profile written by `eis assess --format ron` or `--format json`.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "answers",
        required_unless_present = "answers"
    )]
    profile: Option<PathBuf>,
    /// Answers (RON or JSON), assessed first.
    #[arg(long, value_name = "FILE")]
    answers: Option<PathBuf>,
    /// Say why this service was excluded, or where it ranked and why.
    #[arg(long, value_name = "SERVICE_ID")]
    explain: Option<String>,
    /// Services per stage.
    #[arg(long, default_value_t = DEFAULT_PER_STAGE, value_name = "N")]
    per_stage: usize,
    #[arg(long, value_enum, default_value_t = JourneyFormat::Text)]
    format: JourneyFormat,
}

pub fn run(
    args: &Args,
    source: &crate::catalogue::Source,
    cache: Option<&Cache>,
    questions: Option<&std::path::Path>,
    out: &mut Printer,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let profile = match (&args.profile, &args.answers) {
        (Some(path), _) => match super::read_profile(path) {
            Ok(profile) => profile,
            Err(code) => return Ok(code),
        },
        (None, Some(path)) => {
            let bank = match super::load_bank(questions) {
                Ok(bank) => bank.localized(lang),
                Err(code) => return Ok(code),
            };
            match super::read_answers(path, &bank) {
                Ok(answers) => assess(&bank, &answers, lang),
                Err(code) => return Ok(code),
            }
        }
        (None, None) => unreachable!("clap requires --profile or --answers"),
    };
    let catalogue = match super::load_compiled(source, cache, false) {
        Ok(compiled) => compiled.catalogue,
        Err(code) => return Ok(code),
    };
    if let Some(id) = &args.explain {
        let Some(explanation) = explain(&profile, &catalogue, id, args.per_stage.max(1), lang)
        else {
            report!(
                "eis: error: there is no service `{}` in the catalogue",
                sanitize(id)
            );
            return Ok(ExitCode::from(1));
        };
        out.print(&render_explanation(
            &explanation,
            &catalogue,
            args.format,
            lang,
        )?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let journey = plan_journey(&profile, &catalogue, args.per_stage.max(1), lang);
    out.print(&render(&profile, &journey, args.format, lang)?)?;
    Ok(ExitCode::SUCCESS)
}

/// The journey in the chosen format.
pub fn render(
    profile: &Profile,
    journey: &Journey,
    format: JourneyFormat,
    lang: Lang,
) -> anyhow::Result<String> {
    let referral = Referral::new(profile, Some(journey), lang);
    Ok(match format {
        JourneyFormat::Json => report::json::journey(&referral)?,
        JourneyFormat::Text => report::text::journey(&referral),
        JourneyFormat::Md => report::markdown::journey(&referral),
    })
}

fn render_explanation(
    explanation: &Explanation,
    catalogue: &Catalogue,
    format: JourneyFormat,
    lang: Lang,
) -> anyhow::Result<String> {
    if format == JourneyFormat::Json {
        return Ok(crate::text::to_json(explanation)?);
    }
    let mut out = String::new();
    let (id, reasons, headline, placed) = match explanation {
        Explanation::Excluded { service, reasons } => (
            service,
            reasons,
            lang.tr(Text::CliExcluded).to_owned(),
            None,
        ),
        Explanation::Ranked {
            service,
            rank,
            of,
            score,
            reasons,
            journey,
            ..
        } => (
            service,
            reasons,
            lang.count(
                Counted::CliRanked,
                *of as u64,
                &[("rank", &rank.to_string()), ("score", &score.to_string())],
            ),
            Some(journey),
        ),
    };
    let name = catalogue
        .service(id.as_str())
        .map_or(id.as_str(), |s| s.name.as_str());
    let _ = writeln!(out, "{} ({id}) {headline}:", sanitize(name));
    for reason in reasons {
        let _ = writeln!(out, "  - {}", sanitize(reason));
    }
    if let Some(placed) = placed {
        let _ = writeln!(out, "  {}", sanitize(placed));
    }
    Ok(out)
}
