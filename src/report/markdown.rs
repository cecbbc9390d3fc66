//! The referral as Markdown: the profile (`eis assess --format md`), the
//! journey (`eis match --format md`) and a client's summary to hand over
//! (`eis export`, the app's export). Every text is escaped for Markdown and
//! every link is an autolink to the exact URL.

use std::fmt::Write as _;

use super::text::{listed, plan_lines};
use super::{Referral, Route, StepItem};
use crate::i18n::{Lang, Text, substitute};
use crate::text::{md_autolink, md_escape};

/// A translated text with its values filled in, escaped.
fn md(text: Text, values: &[(&str, &str)], lang: Lang) -> String {
    md_escape(&lang.fill(text, values))
}

/// The profile: the firm, its plans, stage, readiness table and needs with reasons.
#[must_use]
pub fn profile(referral: &Referral) -> String {
    let lang = referral.lang;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", lang.tr(Text::CliProfileTitle));
    let _ = writeln!(out, "**{}**\n", md_escape(&referral.company.line));
    for (label, value) in plan_lines(&referral.plan, lang) {
        let _ = writeln!(out, "- {label}: {}", md_escape(&value));
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n{}\n",
        md(Text::ExportStage, &[("stage", referral.stage.label)], lang),
        md_escape(&referral.stage.reason)
    );
    let _ = writeln!(
        out,
        "## {}\n\n| {} | {} | {} |\n| --- | ---: | --- |",
        lang.tr(Text::ExportReadiness),
        lang.tr(Text::ExportDimension),
        lang.tr(Text::ExportScore),
        lang.tr(Text::ExportBand)
    );
    for d in referral.weakest_first() {
        let score = d.score.map_or_else(|| "—".to_owned(), |s| s.to_string());
        let _ = writeln!(out, "| {} | {score} | {} |", d.label, d.band_label(lang));
    }
    let _ = writeln!(out, "\n## {}\n", lang.tr(Text::CliNeeds));
    if referral.needs.is_empty() {
        let _ = writeln!(out, "{}", lang.tr(Text::CliNoneFoundSentence));
    }
    for (i, need) in referral.needs.iter().enumerate() {
        let reasons: Vec<String> = need.reasons.iter().map(|r| md_escape(r)).collect();
        let _ = writeln!(
            out,
            "{}. {}",
            i + 1,
            lang.fill(
                Text::CliNeedReasons,
                &[
                    ("need", need.label),
                    ("dimension", need.dimension),
                    ("reasons", &reasons.join("; ")),
                ]
            )
        );
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n{}",
        lang.tr(Text::CliSupportInUse),
        listed(&referral.plan.support_in_use)
    );
    out
}

/// The journey: the firm and its stage, each stage's services with their
/// next step, link and why, then the gaps.
#[must_use]
pub fn journey(referral: &Referral) -> String {
    let lang = referral.lang;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n\n**{}**\n",
        lang.tr(Text::CliJourney),
        md_escape(&referral.company.line)
    );
    let _ = writeln!(
        out,
        "{}",
        lang.fill(
            Text::CliStageNow,
            &[
                ("stage", &format!("**{}**", referral.stage.label)),
                ("reason", &md_escape(&referral.stage.reason))
            ]
        )
    );
    let Some(route) = &referral.journey else {
        return out;
    };
    if let Some(note) = &route.outside {
        let _ = writeln!(out, "\n{}", md_escape(note));
    }
    for leg in &route.stages {
        let _ = writeln!(out, "\n## {}\n", leg.heading);
        if leg.steps.is_empty() {
            let _ = writeln!(out, "{}", lang.tr(Text::NoServiceForStage));
        }
        for (i, step) in leg.steps.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. **{}** — {}  \n   {}{}: {}  \n   {}  \n   {}: {}",
                i + 1,
                md_escape(&step.name),
                md_escape(&step.provider),
                lang.tr(Text::CliNext),
                step.english_mark(),
                md_escape(&step.next_step),
                md_autolink(&step.url),
                lang.tr(Text::CliWhy),
                md_escape(&step.reasons.join("; "))
            );
        }
    }
    if !route.gaps.is_empty() {
        let _ = writeln!(out, "\n## {}\n", lang.tr(Text::CliGapsShort));
        for gap in &route.gaps {
            let ask = lang.fill(
                Text::GapAsk,
                &[
                    ("name", &md_escape(&gap.name)),
                    ("provider", &md_escape(&gap.provider)),
                ],
            );
            let _ = writeln!(
                out,
                "- {} {ask}, {}",
                md(Text::CliGapNeed, &[("need", gap.label)], lang),
                md_autolink(&gap.url)
            );
        }
    }
    out
}

/// A client's summary: who, when and where, the readiness table with its
/// changes, the stage, the top needs, the journey with marks and notes, the
/// gaps, and the adviser's notes.
#[must_use]
pub fn summary(referral: &Referral) -> String {
    let lang = referral.lang;
    let mut out = String::new();
    summary_header(&mut out, referral, lang);
    let _ = writeln!(out, "\n## {}\n", lang.tr(Text::ExportReadiness));
    let since = referral
        .since()
        .map(|date| {
            format!(
                " | {}",
                md(Text::ExportChangeSince, &[("date", date)], lang)
            )
        })
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "| {} | {} | {}{since} |",
        lang.tr(Text::ExportDimension),
        lang.tr(Text::ExportScore),
        lang.tr(Text::ExportBand)
    );
    let _ = writeln!(
        out,
        "| --- | ---: | ---{} |",
        if since.is_empty() { "" } else { " | ---:" }
    );
    for d in &referral.readiness {
        let score = d.score.map_or_else(|| "—".to_owned(), |s| s.to_string());
        let change = if referral.since().is_some() {
            format!(" | {}", d.change_text())
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "| {} | {score} | {}{change} |",
            d.label,
            d.band_label(lang)
        );
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n{}",
        md(Text::ExportStage, &[("stage", referral.stage.label)], lang),
        md_escape(&referral.stage.reason)
    );
    if let Some(before) = referral.stage.before.as_ref().filter(|b| b.changed) {
        let _ = writeln!(
            out,
            "\n{}",
            md(
                Text::ExportStageOn,
                &[("date", &before.since), ("stage", before.label)],
                lang
            )
        );
    }
    let _ = writeln!(out, "\n## {}\n", lang.tr(Text::ExportTopNeeds));
    for (i, need) in referral.needs.iter().take(5).enumerate() {
        let _ = writeln!(
            out,
            "{}. {}",
            i + 1,
            md(
                Text::ExportNeed,
                &[("need", need.label), ("dimension", need.dimension)],
                lang
            )
        );
    }
    if let Some(route) = &referral.journey {
        summary_journey(&mut out, route, lang);
    }
    if let Some(handover) = referral
        .handover
        .as_ref()
        .filter(|h| !h.notes.trim().is_empty())
    {
        let _ = writeln!(
            out,
            "\n## {}\n\n{}",
            lang.tr(Text::ClientNotes),
            md_escape(&handover.notes)
        );
    }
    out
}

/// The title and who, when and where.
fn summary_header(out: &mut String, referral: &Referral, lang: Lang) {
    let (client, date, adviser) = referral.handover.as_ref().map_or(("", "", None), |h| {
        (h.client.as_str(), h.date.as_str(), h.adviser.as_deref())
    });
    let _ = writeln!(
        out,
        "# {}\n",
        md(Text::ExportTitle, &[("client", client)], lang)
    );
    let _ = writeln!(out, "- {}: {}", lang.tr(Text::ExportDate), md_escape(date));
    let _ = writeln!(
        out,
        "- {}: {}",
        lang.tr(Text::ExportAdviser),
        adviser.map_or_else(|| "—".to_owned(), md_escape)
    );
    if let Some(name) = &referral.company.name {
        let _ = writeln!(
            out,
            "- {}: {}",
            lang.tr(Text::ExportCompany),
            md_escape(name)
        );
    }
    let _ = writeln!(
        out,
        "- {}: {}",
        lang.tr(Text::ExportLocation),
        md_escape(&referral.company.place)
    );
}

/// The journey with marks and notes, and the gaps, in a summary.
fn summary_journey(out: &mut String, route: &Route, lang: Lang) {
    let _ = writeln!(out, "\n## {}", lang.tr(Text::JourneyTitle));
    if let Some(note) = &route.outside {
        let _ = writeln!(out, "\n{}", md_escape(note));
    }
    for leg in &route.stages {
        let _ = writeln!(out, "\n### {}\n", leg.heading);
        if leg.steps.is_empty() {
            let _ = writeln!(out, "{}", lang.tr(Text::NoServiceForStage));
        }
        for (i, step) in leg.steps.iter().enumerate() {
            summary_step(out, i + 1, step, lang);
        }
    }
    if !route.gaps.is_empty() {
        let _ = writeln!(out, "\n## {}\n", lang.tr(Text::GapsTitle));
        for gap in &route.gaps {
            let url = md_autolink(&gap.url);
            // The template is escaped, then filled with escaped values, so
            // that the link stays a link.
            let _ = writeln!(
                out,
                "- {}",
                substitute(
                    &md_escape(lang.tr(Text::ExportGap)),
                    &[
                        ("need", &md_escape(gap.label)),
                        ("name", &md_escape(&gap.name)),
                        ("provider", &md_escape(&gap.provider)),
                        ("url", &url),
                    ]
                )
            );
        }
    }
}

fn summary_step(out: &mut String, n: usize, step: &StepItem, lang: Lang) {
    let _ = writeln!(
        out,
        "{n}. **{}** — {}  ",
        md_escape(&step.name),
        md_escape(&step.provider)
    );
    let _ = writeln!(
        out,
        "   {}{}: {}  ",
        lang.tr(Text::NextStep),
        step.english_mark(),
        md_escape(&step.next_step)
    );
    let _ = writeln!(
        out,
        "   {}: {}  ",
        lang.tr(Text::Contact),
        md_autolink(&step.url)
    );
    if let Some(note) = &step.also {
        let _ = writeln!(out, "   {}  ", md_escape(note));
    }
    if !step.marks.is_empty() {
        let _ = writeln!(
            out,
            "   {}: {}  ",
            lang.tr(Text::MarksTitle),
            md_escape(&step.marks.join("; "))
        );
    }
    if !step.note.is_empty() {
        let _ = writeln!(
            out,
            "   {}: {}",
            lang.tr(Text::ExportNote),
            md_escape(&step.note)
        );
    }
}
