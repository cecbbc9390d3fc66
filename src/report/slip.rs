//! The kiosk's referral slip: the reference, the stage, and the journey's
//! first two stages in short plain text with contacts and next steps, then
//! whom to ask about the gaps. No answers, no name: the slip is the only
//! thing that leaves a kiosk.

use std::fmt::Write as _;

use super::Referral;
use crate::i18n::Text;

/// The slip of a referral, under a reference code and a date.
#[must_use]
pub fn render(referral: &Referral, reference: &str, date: &str) -> String {
    let lang = referral.lang;
    let mut out = String::new();
    let _ = writeln!(out, "{}", lang.tr(Text::SlipTitle));
    let _ = writeln!(
        out,
        "{}",
        lang.fill(
            Text::SlipReference,
            &[("reference", reference), ("date", date)]
        )
    );
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}",
        lang.fill(
            Text::SlipStage,
            &[
                ("stage", referral.stage.label),
                ("reason", &referral.stage.reason)
            ]
        )
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "{}", lang.tr(Text::SlipContacts));
    let mut n = 0;
    if let Some(route) = &referral.journey {
        if let Some(note) = &route.outside {
            let _ = writeln!(out, "{note}");
            let _ = writeln!(out);
        }
        // The slip is short: the stage the SME is at and the one after it.
        for leg in route.stages.iter().take(2) {
            for step in &leg.steps {
                n += 1;
                let _ = writeln!(out, "{n}. {} ({})", step.name, step.provider);
                for note in [&step.check, &step.also].into_iter().flatten() {
                    let _ = writeln!(out, "   {note}");
                }
                let _ = writeln!(out, "   {}", step.next_step);
                let _ = writeln!(out, "   {}", step.url);
            }
        }
    }
    if n == 0 {
        let _ = writeln!(out, "{}", lang.tr(Text::SlipNothing));
    }
    if let Some(route) = referral.journey.as_ref().filter(|r| !r.gaps.is_empty()) {
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", lang.tr(Text::SlipAsk));
        // Several gaps often share one fallback: it is listed once.
        let mut asked: Vec<&str> = Vec::new();
        for gap in &route.gaps {
            if !asked.contains(&gap.url.as_str()) {
                asked.push(&gap.url);
                let _ = writeln!(out, "- {} ({}), {}", gap.name, gap.provider, gap.url);
            }
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "{}",
        lang.fill(Text::SlipQuote, &[("reference", reference)])
    );
    out
}
