//! The referral as plain terminal text: the profile of `eis assess` (bars,
//! needs with their reasons) and the journey of `eis match` (stages, each
//! service with its next step, contact and why, then the gaps).

use std::fmt::Write as _;

use super::{Plan, Referral, Route};
use crate::i18n::{Lang, Text};

/// The profile: the firm, its plans, stage, readiness bars and needs.
#[must_use]
pub fn profile(referral: &Referral) -> String {
    let lang = referral.lang;
    let mut out = String::new();
    let _ = writeln!(out, "{}", referral.company.line);
    for (label, value) in plan_lines(&referral.plan, lang) {
        let _ = writeln!(out, "{label}: {value}");
    }
    let _ = writeln!(
        out,
        "\n{}: {}",
        lang.tr(Text::CliStage),
        referral.stage.label
    );
    let _ = writeln!(out, "  {}", referral.stage.reason);
    let _ = writeln!(out, "\n{}", lang.tr(Text::Readiness));
    for d in referral.weakest_first() {
        match d.score {
            Some(score) => {
                let _ = writeln!(
                    out,
                    "  {:<11} {} {score:>3}  {}",
                    d.label,
                    bar(score),
                    d.band_label(lang)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "  {:<11} {:<14}  {}",
                    d.label,
                    "",
                    lang.tr(Text::NotAssessed)
                );
            }
        }
    }
    let _ = writeln!(out, "\n{}", lang.tr(Text::CliNeedsTitle));
    if referral.needs.is_empty() {
        let _ = writeln!(out, "  {}", lang.tr(Text::CliNoneFound));
    }
    for (i, need) in referral.needs.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {}. {}",
            i + 1,
            lang.fill(
                Text::ExportNeed,
                &[("need", need.label), ("dimension", need.dimension)]
            )
        );
        for reason in &need.reasons {
            let _ = writeln!(out, "     - {reason}");
        }
    }
    let _ = writeln!(
        out,
        "\n{}: {}",
        lang.tr(Text::CliSupportInUse),
        listed(&referral.plan.support_in_use)
    );
    out
}

/// The journey: the firm and its stage, then each stage's services, then the gaps.
#[must_use]
pub fn journey(referral: &Referral) -> String {
    let lang = referral.lang;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        lang.fill(Text::CliJourneyFor, &[("company", &referral.company.line)])
    );
    let _ = writeln!(
        out,
        "{}",
        lang.fill(
            Text::CliStageNow,
            &[
                ("stage", referral.stage.label),
                ("reason", &referral.stage.reason)
            ]
        )
    );
    if let Some(route) = &referral.journey {
        route_text(&mut out, route, lang);
    }
    out
}

fn route_text(out: &mut String, route: &Route, lang: Lang) {
    if let Some(note) = &route.outside {
        let _ = writeln!(out, "\n{note}");
    }
    for leg in &route.stages {
        let marker = if leg.current { "▶ " } else { "  " };
        let _ = writeln!(out, "\n{marker}{}", leg.heading);
        if leg.steps.is_empty() {
            let _ = writeln!(out, "    {}", lang.tr(Text::NoServiceForStage));
        }
        for (i, step) in leg.steps.iter().enumerate() {
            let _ = writeln!(out, "    {}. {} — {}", i + 1, step.name, step.provider);
            let _ = writeln!(
                out,
                "       {}{}: {}",
                lang.tr(Text::CliNext),
                step.english_mark(),
                step.next_step
            );
            let _ = writeln!(out, "       {}", step.url);
            if let Some(note) = &step.also {
                let _ = writeln!(out, "       {note}");
            }
            if !step.reasons.is_empty() {
                let _ = writeln!(
                    out,
                    "       {}: {}",
                    lang.tr(Text::CliWhy),
                    step.reasons.join("; ")
                );
            }
        }
    }
    if !route.gaps.is_empty() {
        let _ = writeln!(out, "\n{}", lang.tr(Text::CliGaps));
        for gap in &route.gaps {
            let _ = writeln!(
                out,
                "  - {}",
                lang.fill(Text::CliGapNeed, &[("need", gap.label)])
            );
            let ask = lang.fill(
                Text::GapAsk,
                &[("name", &gap.name), ("provider", &gap.provider)],
            );
            let _ = writeln!(out, "    {ask}, {}", gap.url);
        }
    }
}

/// What the firm plans and does today, as `(label, value)` lines, shared
/// with the Markdown profile.
pub(super) fn plan_lines(plan: &Plan, lang: Lang) -> Vec<(&'static str, String)> {
    let markets = if plan.markets.is_empty() {
        "—".to_owned()
    } else {
        plan.markets.join(", ")
    };
    let mut lines = vec![
        (lang.tr(Text::CliModes), listed(&plan.modes)),
        (lang.tr(Text::CliScopes), listed(&plan.scopes)),
        (lang.tr(Text::CliMarkets), markets),
    ];
    if let Some(activity) = plan.activity {
        lines.push((lang.tr(Text::CliToday), activity.to_owned()));
    }
    lines
}

/// Names joined by commas, or a dash for none.
pub(super) fn listed(items: &[&str]) -> String {
    if items.is_empty() {
        "—".to_owned()
    } else {
        items.join(", ")
    }
}

/// A score as a bar of ten cells.
fn bar(score: u8) -> String {
    let filled = usize::from(score).div_ceil(10);
    format!("{}{}", "█".repeat(filled), "░".repeat(10 - filled))
}
