//! `eis assess --answers FILE`: the readiness profile, as text, Markdown, JSON or RON.

use crate::i18n::{Counted, Text, count, fill, tr};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use super::printer::{Printer, report};
use crate::assessment::assess;
use crate::assessment::profile::Profile;
use crate::catalogue::Area;
use crate::matching::thousands;
use crate::text::sanitize;
use crate::vocab::{Band, Mode, Scope, Support};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ProfileFormat {
    Text,
    Json,
    Md,
    Ron,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The answers: a RON or JSON file (`.json`) mapping question ids to answers
    /// (required unless the questions are asked by `--accessible`).
    #[arg(long, value_name = "FILE", required_unless_present = "accessible")]
    pub answers: Option<PathBuf>,
    /// Output format; `ron` and `json` can be read back by `eis match --profile`.
    #[arg(long, value_enum, default_value_t = ProfileFormat::Text)]
    format: ProfileFormat,
}

pub fn run(
    args: &Args,
    questions: Option<&std::path::Path>,
    out: &mut Printer,
) -> anyhow::Result<ExitCode> {
    let bank = match super::load_bank(questions) {
        Ok(bank) => bank.localized(crate::i18n::current()),
        Err(code) => return Ok(code),
    };
    let Some(path) = &args.answers else {
        report!("eis: error: --answers FILE is required (or ask the questions with --accessible)");
        return Ok(ExitCode::from(2));
    };
    let answers = match super::read_answers(path, &bank) {
        Ok(answers) => answers,
        Err(code) => return Ok(code),
    };
    let profile = assess(&bank, &answers);
    out.print(&render(&profile, args.format)?)?;
    Ok(ExitCode::SUCCESS)
}

/// The profile in the chosen format.
pub fn render(profile: &Profile, format: ProfileFormat) -> anyhow::Result<String> {
    Ok(match format {
        ProfileFormat::Text => text(profile),
        ProfileFormat::Md => markdown(profile),
        ProfileFormat::Json => crate::text::to_json(profile)?,
        ProfileFormat::Ron => profile.to_ron()? + "\n",
    })
}

/// `Name — Region, Country · sector · 42 staff · €6,500,000 turnover · 12 years trading`.
pub fn company_line(profile: &Profile) -> String {
    let c = &profile.company;
    let mut parts = Vec::new();
    let place: Vec<String> = [c.region.as_ref(), c.country.as_ref()]
        .into_iter()
        .flatten()
        .map(Area::name)
        .collect();
    if !place.is_empty() {
        parts.push(place.join(", "));
    }
    if let Some(sector) = c.sector {
        parts.push(sector.label().to_owned());
    }
    if let Some(n) = c.employees {
        parts.push(count(Counted::CompanyStaff, n, &[]));
    }
    if let Some(t) = c.turnover_eur {
        parts.push(fill(Text::CompanyTurnover, &[("n", &thousands(t))]));
    }
    if let Some(y) = c.years_trading {
        parts.push(count(Counted::CompanyYears, y, &[]));
    }
    let name = c.name.as_deref().map_or_else(
        || tr(Text::CompanyYours).to_owned(),
        |n| sanitize(n).into_owned(),
    );
    if parts.is_empty() {
        name
    } else {
        format!("{name} — {}", parts.join(" · "))
    }
}

fn labels<T: Copy>(items: &[T], label: fn(T) -> &'static str) -> String {
    if items.is_empty() {
        "—".to_owned()
    } else {
        items
            .iter()
            .map(|&i| label(i))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Dimensions weakest first; unassessed ones last, in their usual order.
fn by_weakness(profile: &Profile) -> Vec<&crate::assessment::profile::DimensionScore> {
    let mut dims: Vec<_> = profile.dimensions.iter().collect();
    dims.sort_by_key(|d| (d.score.is_none(), d.score));
    dims
}

fn bar(score: u8) -> String {
    let filled = usize::from(score).div_ceil(10);
    format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
}

fn band_word(band: Option<Band>) -> &'static str {
    band.map_or_else(|| tr(Text::NotAssessed), Band::label)
}

/// What the firm plans and does today, as `(label, value)` lines shared by
/// the text and Markdown reports.
fn plan(profile: &Profile) -> Vec<(&'static str, String)> {
    let markets: Vec<String> = profile.markets.iter().map(Area::name).collect();
    let markets = if markets.is_empty() {
        "—".to_owned()
    } else {
        markets.join(", ")
    };
    let mut lines = vec![
        (tr(Text::CliModes), labels(&profile.modes, Mode::label)),
        (tr(Text::CliScopes), labels(&profile.scopes, Scope::label)),
        (tr(Text::CliMarkets), markets),
    ];
    if let Some(activity) = profile.activity {
        lines.push((tr(Text::CliToday), activity.label().to_owned()));
    }
    lines
}

fn text(profile: &Profile) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", company_line(profile));
    for (label, value) in plan(profile) {
        let _ = writeln!(out, "{label}: {value}");
    }
    let _ = writeln!(out, "\n{}: {}", tr(Text::CliStage), profile.stage.label());
    let _ = writeln!(out, "  {}", profile.stage_reason);
    let _ = writeln!(out, "\n{}", tr(Text::Readiness));
    for d in by_weakness(profile) {
        match d.score {
            Some(score) => {
                let _ = writeln!(
                    out,
                    "  {:<11} {} {score:>3}  {}",
                    d.dimension.label(),
                    bar(score),
                    band_word(d.band)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "  {:<11} {:<14}  {}",
                    d.dimension.label(),
                    "",
                    tr(Text::NotAssessed)
                );
            }
        }
    }
    let _ = writeln!(out, "\n{}", tr(Text::CliNeedsTitle));
    if profile.needs.is_empty() {
        let _ = writeln!(out, "  {}", tr(Text::CliNoneFound));
    }
    for (i, need) in profile.needs.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {}. {}",
            i + 1,
            fill(
                Text::ExportNeed,
                &[
                    ("need", need.need.label()),
                    ("dimension", need.need.dimension().label())
                ]
            )
        );
        for reason in &need.reasons {
            let _ = writeln!(out, "     - {}", sanitize(reason));
        }
    }
    let _ = writeln!(
        out,
        "\n{}: {}",
        tr(Text::CliSupportInUse),
        labels(&profile.support_in_use, Support::label)
    );
    out
}

fn markdown(profile: &Profile) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", tr(Text::CliProfileTitle));
    let _ = writeln!(out, "**{}**\n", company_line(profile));
    for (label, value) in plan(profile) {
        let _ = writeln!(out, "- {label}: {value}");
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n{}\n",
        fill(Text::ExportStage, &[("stage", profile.stage.label())]),
        profile.stage_reason
    );
    let _ = writeln!(
        out,
        "## {}\n\n| {} | {} | {} |\n| --- | ---: | --- |",
        tr(Text::ExportReadiness),
        tr(Text::ExportDimension),
        tr(Text::ExportScore),
        tr(Text::ExportBand)
    );
    for d in by_weakness(profile) {
        let score = d.score.map_or_else(|| "—".to_owned(), |s| s.to_string());
        let _ = writeln!(
            out,
            "| {} | {score} | {} |",
            d.dimension.label(),
            band_word(d.band)
        );
    }
    let _ = writeln!(out, "\n## {}\n", tr(Text::CliNeeds));
    if profile.needs.is_empty() {
        let _ = writeln!(out, "{}", tr(Text::CliNoneFoundSentence));
    }
    for (i, need) in profile.needs.iter().enumerate() {
        let reasons: Vec<String> = need.reasons.iter().map(|r| md_escape(r)).collect();
        let _ = writeln!(
            out,
            "{}. {}",
            i + 1,
            fill(
                Text::CliNeedReasons,
                &[
                    ("need", need.need.label()),
                    ("dimension", need.need.dimension().label()),
                    ("reasons", &reasons.join("; ")),
                ]
            )
        );
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n{}",
        tr(Text::CliSupportInUse),
        labels(&profile.support_in_use, Support::label)
    );
    out
}

pub use crate::text::md_escape;
