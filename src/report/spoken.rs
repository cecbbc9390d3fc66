//! The referral as sentences that read well aloud, one a line, for the
//! accessible mode (screen readers and scripts): the profile weakest
//! dimension first, the stage and top needs, then the journey stage by
//! stage and the gaps with whom to ask instead.

use std::fmt::Write as _;

use super::Referral;
use crate::i18n::Text;

/// The profile: readiness per dimension, the stage and why, the top needs.
#[must_use]
pub fn profile(referral: &Referral) -> String {
    let lang = referral.lang;
    let mut out = String::new();
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", lang.tr(Text::LineResults));
    let _ = writeln!(out, "{}", lang.tr(Text::Readiness));
    for d in referral.weakest_first() {
        let line = match (d.score, d.band) {
            (Some(score), Some(band)) => lang.fill(
                Text::LineDimension,
                &[
                    ("dimension", d.label),
                    ("score", &score.to_string()),
                    ("band", band.label_in(lang)),
                ],
            ),
            _ => lang.fill(Text::LineDimensionNotAssessed, &[("dimension", d.label)]),
        };
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(
        out,
        "{}",
        lang.fill(
            Text::LineStage,
            &[
                ("stage", referral.stage.label),
                ("reason", &referral.stage.reason)
            ]
        )
    );
    let _ = writeln!(out, "{}", lang.tr(Text::LineNeedsTitle));
    for (i, need) in referral.needs.iter().take(5).enumerate() {
        let n = (i + 1).to_string();
        let _ = writeln!(
            out,
            "{}",
            lang.fill(Text::LineNeed, &[("n", &n), ("need", need.label)])
        );
    }
    out
}

/// The journey, then the end of the results.
#[must_use]
pub fn journey(referral: &Referral) -> String {
    let lang = referral.lang;
    let mut out = String::new();
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", lang.tr(Text::LineJourneyTitle));
    if let Some(route) = &referral.journey {
        if let Some(note) = &route.outside {
            let _ = writeln!(out, "{note}");
        }
        for leg in &route.stages {
            let heading = if leg.current {
                Text::LineStageHeadingCurrent
            } else {
                Text::LineStageHeading
            };
            let _ = writeln!(out, "{}", lang.fill(heading, &[("stage", leg.label)]));
            if leg.steps.is_empty() {
                let _ = writeln!(out, "{}", lang.tr(Text::LineNoService));
            }
            for (i, step) in leg.steps.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "{}",
                    lang.fill(
                        Text::LineService,
                        &[
                            ("n", &(i + 1).to_string()),
                            ("name", &step.name),
                            ("provider", &step.provider)
                        ]
                    )
                );
                for note in [&step.check, &step.also].into_iter().flatten() {
                    let _ = writeln!(out, "{note}");
                }
                // Said to be in English before the text, so that a listener
                // knows why the language changes.
                let text = match step.english {
                    Some(english) => format!("{english} {}", step.next_step),
                    None => step.next_step.clone(),
                };
                let _ = writeln!(out, "{}", lang.fill(Text::LineNextStep, &[("step", &text)]));
                let _ = writeln!(out, "{}", lang.fill(Text::LineWeb, &[("url", &step.url)]));
            }
        }
        for gap in &route.gaps {
            let _ = writeln!(
                out,
                "{}",
                lang.fill(
                    Text::LineGap,
                    &[
                        ("need", gap.label),
                        ("name", &gap.name),
                        ("provider", &gap.provider),
                        ("url", &gap.url),
                    ]
                )
            );
        }
    }
    let _ = writeln!(out, "{}", lang.tr(Text::LineEnd));
    out
}
