//! `eis assess --answers FILE`: the readiness profile, as text, Markdown, JSON or RON.

use std::path::PathBuf;
use std::process::ExitCode;

use super::printer::{Printer, report};
use crate::assessment::assess;
use crate::assessment::profile::Profile;
use crate::i18n::Lang;
use crate::report::{self, Referral};

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
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let bank = match super::load_bank(questions) {
        Ok(bank) => bank.localized(lang),
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
    let profile = assess(&bank, &answers, lang);
    out.print(&render(&profile, args.format, lang)?)?;
    Ok(ExitCode::SUCCESS)
}

/// The profile in the chosen format.
pub fn render(profile: &Profile, format: ProfileFormat, lang: Lang) -> anyhow::Result<String> {
    let referral = Referral::new(profile, None, lang);
    Ok(match format {
        ProfileFormat::Text => report::text::profile(&referral),
        ProfileFormat::Md => report::markdown::profile(&referral),
        ProfileFormat::Json => report::json::profile(&referral)?,
        ProfileFormat::Ron => profile.to_ron()? + "\n",
    })
}
