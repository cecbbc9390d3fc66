//! `eis match`: the journey for a profile or for answers, or why one service
//! was excluded or where it ranked (`--explain`).

use crate::i18n::{Counted, Text, count, fill, tr};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::assess::{company_line, md_escape};
use super::printer::{Printer, report};
use crate::assessment::{Profile, assess};
use crate::cache::Cache;
use crate::catalogue::Catalogue;
use crate::journey::{DEFAULT_PER_STAGE, Journey, plan_journey};
use crate::matching::{Explanation, explain};
use crate::text::{md_autolink, sanitize};

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
    let catalogue = match super::load_compiled(source, cache, false) {
        Ok(compiled) => compiled.catalogue,
        Err(code) => return Ok(code),
    };
    if let Some(id) = &args.explain {
        let Some(explanation) = explain(&profile, &catalogue, id, args.per_stage.max(1)) else {
            report!(
                "eis: error: there is no service `{}` in the catalogue",
                sanitize(id)
            );
            return Ok(ExitCode::from(1));
        };
        out.print(&render_explanation(&explanation, &catalogue, args.format)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    let journey = plan_journey(&profile, &catalogue, args.per_stage.max(1));
    out.print(&render(&profile, &journey, args.format)?)?;
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
            crate::text::to_json(&json)?
        }
        JourneyFormat::Text => text(profile, journey),
        JourneyFormat::Md => markdown(profile, journey),
    })
}

fn text(profile: &Profile, journey: &Journey) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        fill(Text::CliJourneyFor, &[("company", &company_line(profile))])
    );
    let _ = writeln!(
        out,
        "{}",
        fill(
            Text::CliStageNow,
            &[
                ("stage", profile.stage.label()),
                ("reason", &profile.stage_reason)
            ]
        )
    );
    if let Some(note) = journey.outside_note() {
        let _ = writeln!(out, "\n{}", sanitize(&note));
    }
    for plan in &journey.stages {
        let marker = if plan.current { "▶ " } else { "  " };
        let _ = writeln!(
            out,
            "\n{marker}{}{}",
            plan.stage.label(),
            here(plan.current)
        );
        if plan.steps.is_empty() {
            let _ = writeln!(out, "    {}", tr(Text::NoServiceForStage));
        }
        for (i, step) in plan.steps.iter().enumerate() {
            let _ = writeln!(
                out,
                "    {}. {} — {}",
                i + 1,
                sanitize(&step.name),
                sanitize(&step.provider)
            );
            let _ = writeln!(
                out,
                "       {}{}: {}",
                tr(Text::CliNext),
                step.english_mark(),
                sanitize(&step.next_step)
            );
            let _ = writeln!(out, "       {}", sanitize(&step.url));
            if let Some(note) = step.also_note() {
                let _ = writeln!(out, "       {}", sanitize(&note));
            }
            if !step.reasons.is_empty() {
                let _ = writeln!(
                    out,
                    "       {}: {}",
                    tr(Text::CliWhy),
                    sanitize(&step.reasons.join("; "))
                );
            }
        }
    }
    if !journey.gaps.is_empty() {
        let _ = writeln!(out, "\n{}", tr(Text::CliGaps));
        for gap in &journey.gaps {
            let _ = writeln!(
                out,
                "  - {}",
                fill(Text::CliGapNeed, &[("need", gap.need.label())])
            );
            let ask = fill(
                Text::GapAsk,
                &[
                    ("name", &sanitize(&gap.fallback.name)),
                    ("provider", &sanitize(&gap.fallback.provider)),
                ],
            );
            let _ = writeln!(out, "    {ask}, {}", sanitize(&gap.fallback.url));
        }
    }
    out
}

fn markdown(profile: &Profile, journey: &Journey) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n\n**{}**\n",
        tr(Text::CliJourney),
        md_escape(&company_line(profile))
    );
    let _ = writeln!(
        out,
        "{}",
        fill(
            Text::CliStageNow,
            &[
                ("stage", &format!("**{}**", profile.stage.label())),
                ("reason", &md_escape(&profile.stage_reason))
            ]
        )
    );
    if let Some(note) = journey.outside_note() {
        let _ = writeln!(out, "\n{}", md_escape(&note));
    }
    for plan in &journey.stages {
        let _ = writeln!(out, "\n## {}{}\n", plan.stage.label(), here(plan.current));
        if plan.steps.is_empty() {
            let _ = writeln!(out, "{}", tr(Text::NoServiceForStage));
        }
        for (i, step) in plan.steps.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. **{}** — {}  \n   {}{}: {}  \n   {}  \n   {}: {}",
                i + 1,
                md_escape(&step.name),
                md_escape(&step.provider),
                tr(Text::CliNext),
                step.english_mark(),
                md_escape(&step.next_step),
                md_autolink(&step.url),
                tr(Text::CliWhy),
                md_escape(&step.reasons.join("; "))
            );
        }
    }
    if !journey.gaps.is_empty() {
        let _ = writeln!(out, "\n## {}\n", tr(Text::CliGapsShort));
        for gap in &journey.gaps {
            let ask = fill(
                Text::GapAsk,
                &[
                    ("name", &md_escape(&gap.fallback.name)),
                    ("provider", &md_escape(&gap.fallback.provider)),
                ],
            );
            let _ = writeln!(
                out,
                "- {} {ask}, {}",
                md_escape(&fill(Text::CliGapNeed, &[("need", gap.need.label())])),
                md_autolink(&gap.fallback.url)
            );
        }
    }
    out
}

/// ` (you are here)` after the current stage's name.
fn here(current: bool) -> String {
    if current {
        format!(" ({})", tr(Text::YouAreHere))
    } else {
        String::new()
    }
}

fn render_explanation(
    explanation: &Explanation,
    catalogue: &Catalogue,
    format: JourneyFormat,
) -> anyhow::Result<String> {
    if format == JourneyFormat::Json {
        return Ok(crate::text::to_json(explanation)?);
    }
    let mut out = String::new();
    let (id, reasons, headline, placed) = match explanation {
        Explanation::Excluded { service, reasons } => {
            (service, reasons, tr(Text::CliExcluded).to_owned(), None)
        }
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
            count(
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
