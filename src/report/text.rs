//! The referral as plain terminal text: the profile of `eis assess` (bars,
//! needs with their reasons) and the journey of `eis match` (stages, each
//! service with its next step, contact and why, then the gaps).

use std::fmt::Write as _;

use super::{Plan, Referral, Route};
use crate::i18n::{Text, fill, tr};

/// The profile: the firm, its plans, stage, readiness bars and needs.
#[must_use]
pub fn profile(referral: &Referral) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", referral.company.line);
    for (label, value) in plan_lines(&referral.plan) {
        let _ = writeln!(out, "{label}: {value}");
    }
    let _ = writeln!(out, "\n{}: {}", tr(Text::CliStage), referral.stage.label);
    let _ = writeln!(out, "  {}", referral.stage.reason);
    let _ = writeln!(out, "\n{}", tr(Text::Readiness));
    for d in referral.weakest_first() {
        match d.score {
            Some(score) => {
                let _ = writeln!(
                    out,
                    "  {:<11} {} {score:>3}  {}",
                    d.label,
                    bar(score),
                    d.band_label()
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "  {:<11} {:<14}  {}",
                    d.label,
                    "",
                    tr(Text::NotAssessed)
                );
            }
        }
    }
    let _ = writeln!(out, "\n{}", tr(Text::CliNeedsTitle));
    if referral.needs.is_empty() {
        let _ = writeln!(out, "  {}", tr(Text::CliNoneFound));
    }
    for (i, need) in referral.needs.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {}. {}",
            i + 1,
            fill(
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
        tr(Text::CliSupportInUse),
        listed(&referral.plan.support_in_use)
    );
    out
}

/// The journey: the firm and its stage, then each stage's services, then the gaps.
#[must_use]
pub fn journey(referral: &Referral) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        fill(Text::CliJourneyFor, &[("company", &referral.company.line)])
    );
    let _ = writeln!(
        out,
        "{}",
        fill(
            Text::CliStageNow,
            &[
                ("stage", referral.stage.label),
                ("reason", &referral.stage.reason)
            ]
        )
    );
    if let Some(route) = &referral.journey {
        route_text(&mut out, route);
    }
    out
}

fn route_text(out: &mut String, route: &Route) {
    if let Some(note) = &route.outside {
        let _ = writeln!(out, "\n{note}");
    }
    for leg in &route.stages {
        let marker = if leg.current { "▶ " } else { "  " };
        let _ = writeln!(out, "\n{marker}{}", leg.heading);
        if leg.steps.is_empty() {
            let _ = writeln!(out, "    {}", tr(Text::NoServiceForStage));
        }
        for (i, step) in leg.steps.iter().enumerate() {
            let _ = writeln!(out, "    {}. {} — {}", i + 1, step.name, step.provider);
            let _ = writeln!(
                out,
                "       {}{}: {}",
                tr(Text::CliNext),
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
                    tr(Text::CliWhy),
                    step.reasons.join("; ")
                );
            }
        }
    }
    if !route.gaps.is_empty() {
        let _ = writeln!(out, "\n{}", tr(Text::CliGaps));
        for gap in &route.gaps {
            let _ = writeln!(
                out,
                "  - {}",
                fill(Text::CliGapNeed, &[("need", gap.label)])
            );
            let ask = fill(
                Text::GapAsk,
                &[("name", &gap.name), ("provider", &gap.provider)],
            );
            let _ = writeln!(out, "    {ask}, {}", gap.url);
        }
    }
}

/// What the firm plans and does today, as `(label, value)` lines, shared
/// with the Markdown profile.
pub(super) fn plan_lines(plan: &Plan) -> Vec<(&'static str, String)> {
    let markets = if plan.markets.is_empty() {
        "—".to_owned()
    } else {
        plan.markets.join(", ")
    };
    let mut lines = vec![
        (tr(Text::CliModes), listed(&plan.modes)),
        (tr(Text::CliScopes), listed(&plan.scopes)),
        (tr(Text::CliMarkets), markets),
    ];
    if let Some(activity) = plan.activity {
        lines.push((tr(Text::CliToday), activity.to_owned()));
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
