//! `eis match`: the journey for a profile or for answers, or why one service
//! was excluded or where it ranked (`--explain`).

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::assess::{company_line, md_escape};
use crate::assessment::{Profile, assess};
use crate::catalogue::Catalogue;
use crate::journey::{DEFAULT_PER_STAGE, Journey, plan_journey};
use crate::matching::{Explanation, explain};
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
    questions: Option<&std::path::Path>,
) -> anyhow::Result<ExitCode> {
    let profile = match (&args.profile, &args.answers) {
        (Some(path), _) => match super::read_profile(path) {
            Ok(profile) => profile,
            Err(code) => return Ok(code),
        },
        (None, Some(path)) => {
            let bank = match super::load_bank(questions) {
                Ok(bank) => bank.localized(crate::i18n::current()),
                Err(code) => return Ok(code),
            };
            match super::read_answers(path, &bank) {
                Ok(answers) => assess(&bank, &answers),
                Err(code) => return Ok(code),
            }
        }
        (None, None) => unreachable!("clap requires --profile or --answers"),
    };
    let catalogue = match super::load_catalogue(source) {
        Ok(catalogue) => catalogue,
        Err(code) => return Ok(code),
    };
    if let Some(id) = &args.explain {
        let Some(explanation) = explain(&profile, &catalogue, id) else {
            eprintln!(
                "eis: error: there is no service `{}` in the catalogue",
                sanitize(id)
            );
            return Ok(ExitCode::from(1));
        };
        print!(
            "{}",
            render_explanation(&explanation, &catalogue, args.format)?
        );
        return Ok(ExitCode::SUCCESS);
    }
    let journey = plan_journey(&profile, &catalogue, args.per_stage.max(1));
    print!("{}", render(&profile, &journey, args.format)?);
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct JsonJourney<'a> {
    company: &'a crate::assessment::profile::Company,
    stage: crate::vocab::Stage,
    stage_reason: &'a str,
    #[serde(flatten)]
    journey: &'a Journey,
}

/// The journey in the chosen format.
pub fn render(
    profile: &Profile,
    journey: &Journey,
    format: JourneyFormat,
) -> anyhow::Result<String> {
    Ok(match format {
        JourneyFormat::Json => {
            let json = JsonJourney {
                company: &profile.company,
                stage: profile.stage,
                stage_reason: &profile.stage_reason,
                journey,
            };
            serde_json::to_string_pretty(&json)? + "\n"
        }
        JourneyFormat::Text => text(profile, journey),
        JourneyFormat::Md => markdown(profile, journey),
    })
}

fn text(profile: &Profile, journey: &Journey) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Journey for {}", company_line(profile));
    let _ = writeln!(
        out,
        "Stage now: {} — {}",
        profile.stage.label(),
        profile.stage_reason
    );
    for plan in &journey.stages {
        let marker = if plan.current { "▶ " } else { "  " };
        let here = if plan.current { " (you are here)" } else { "" };
        let _ = writeln!(out, "\n{marker}{}{here}", plan.stage.label());
        if plan.steps.is_empty() {
            let _ = writeln!(out, "    No service in the catalogue for this stage.");
        }
        for (i, step) in plan.steps.iter().enumerate() {
            let _ = writeln!(
                out,
                "    {}. {} — {}",
                i + 1,
                sanitize(&step.name),
                sanitize(&step.provider)
            );
            let _ = writeln!(out, "       Next: {}", sanitize(&step.next_step));
            let _ = writeln!(out, "       {}", sanitize(&step.url));
            if !step.reasons.is_empty() {
                let _ = writeln!(out, "       Why: {}", sanitize(&step.reasons.join("; ")));
            }
        }
    }
    if !journey.gaps.is_empty() {
        let _ = writeln!(out, "\nGaps: needs no service in the catalogue meets");
        for gap in &journey.gaps {
            let _ = writeln!(out, "  - Your business {}.", gap.need.label());
            let _ = writeln!(
                out,
                "    Ask: {} — {}, {}",
                sanitize(&gap.fallback.name),
                sanitize(&gap.fallback.provider),
                sanitize(&gap.fallback.url)
            );
        }
    }
    out
}

fn markdown(profile: &Profile, journey: &Journey) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Journey\n\n**{}**\n",
        md_escape(&company_line(profile))
    );
    let _ = writeln!(
        out,
        "Stage now: **{}** — {}",
        profile.stage.label(),
        md_escape(&profile.stage_reason)
    );
    for plan in &journey.stages {
        let here = if plan.current { " (you are here)" } else { "" };
        let _ = writeln!(out, "\n## {}{here}\n", plan.stage.label());
        if plan.steps.is_empty() {
            let _ = writeln!(out, "No service in the catalogue for this stage.");
        }
        for (i, step) in plan.steps.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. **{}** — {}  \n   Next: {}  \n   <{}>  \n   Why: {}",
                i + 1,
                md_escape(&step.name),
                md_escape(&step.provider),
                md_escape(&step.next_step),
                sanitize(&step.url),
                md_escape(&step.reasons.join("; "))
            );
        }
    }
    if !journey.gaps.is_empty() {
        let _ = writeln!(out, "\n## Gaps\n");
        for gap in &journey.gaps {
            let _ = writeln!(
                out,
                "- Your business {}. Ask: {} — {}, <{}>",
                gap.need.label(),
                md_escape(&gap.fallback.name),
                md_escape(&gap.fallback.provider),
                sanitize(&gap.fallback.url)
            );
        }
    }
    out
}

fn render_explanation(
    explanation: &Explanation,
    catalogue: &Catalogue,
    format: JourneyFormat,
) -> anyhow::Result<String> {
    if format == JourneyFormat::Json {
        return Ok(serde_json::to_string_pretty(explanation)? + "\n");
    }
    let mut out = String::new();
    let (id, reasons, headline) = match explanation {
        Explanation::Excluded { service, reasons } => {
            (service, reasons, "is excluded because".to_owned())
        }
        Explanation::Ranked {
            service,
            rank,
            of,
            score,
            reasons,
        } => (
            service,
            reasons,
            format!("ranks {rank} of {of} eligible services (score {score})"),
        ),
    };
    let name = catalogue
        .service(id.as_str())
        .map_or(id.as_str(), |s| s.name.as_str());
    let _ = writeln!(out, "{} ({id}) {headline}:", sanitize(name));
    for reason in reasons {
        let _ = writeln!(out, "  - {}", sanitize(reason));
    }
    Ok(out)
}
