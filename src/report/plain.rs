//! A client's summary as plain text for e-mail (`eis export --format txt`):
//! the same sections as the Markdown summary, with no markup, wrapped at 72
//! columns of display width so that any mail client shows it as written.
//! A web address is never broken: a line holding one may be longer.

use std::fmt::Write as _;

use super::{Referral, Route, StepItem};
use crate::i18n::Text;

/// The width mail clients show without wrapping again.
pub const WIDTH: usize = 72;

/// `text` wrapped at [`WIDTH`], the first line after `first`, the others
/// after `rest` (the indent that lines up with the first line's text).
fn wrapped(out: &mut String, first: &str, rest: &str, text: &str) {
    let options = textwrap::Options::new(WIDTH)
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        // Never at a hyphen: a web address split there no longer works.
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    for line in textwrap::wrap(text, options) {
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

/// A heading underlined to its width.
fn heading(out: &mut String, title: &str, rule: char) {
    let width = textwrap::core::display_width(title);
    let _ = writeln!(
        out,
        "\n{title}\n{}",
        rule.to_string().repeat(width.min(WIDTH))
    );
}

/// A client's summary: who, when and where, readiness with its changes,
/// the stage, the top needs, the numbered journey with marks and notes, the
/// gaps and whom to ask, and the adviser's notes.
#[must_use]
pub fn summary(referral: &Referral) -> String {
    let lang = referral.lang;
    let mut out = String::new();
    let (client, date, adviser) = referral.handover.as_ref().map_or(("", "", None), |h| {
        (h.client.as_str(), h.date.as_str(), h.adviser.as_deref())
    });
    let title = lang.fill(Text::ExportTitle, &[("client", client)]);
    let width = textwrap::core::display_width(&title).min(WIDTH);
    let _ = writeln!(out, "{title}\n{}", "=".repeat(width));
    let facts = [
        (lang.tr(Text::ExportDate), date.to_owned()),
        (
            lang.tr(Text::ExportAdviser),
            adviser.unwrap_or("—").to_owned(),
        ),
        (
            lang.tr(Text::ExportCompany),
            referral.company.name.clone().unwrap_or_default(),
        ),
        (
            lang.tr(Text::ExportLocation),
            referral.company.place.clone(),
        ),
    ];
    let _ = writeln!(out);
    for (label, value) in facts.iter().filter(|(_, v)| !v.is_empty()) {
        wrapped(&mut out, &format!("{label}: "), "  ", value);
    }

    heading(&mut out, lang.tr(Text::ExportReadiness), '-');
    if let Some(date) = referral.since() {
        let _ = writeln!(
            out,
            "({})",
            lang.fill(Text::ExportChangeSince, &[("date", date)])
        );
    }
    let label_width = referral
        .readiness
        .iter()
        .map(|d| textwrap::core::display_width(d.label))
        .max()
        .unwrap_or(0);
    for d in referral.weakest_first() {
        let score = d.score.map_or_else(|| "—".to_owned(), |s| s.to_string());
        let pad = " ".repeat(label_width - textwrap::core::display_width(d.label));
        let change = if referral.since().is_some() && d.change.is_some_and(|c| c != 0) {
            format!(" ({})", d.change_text())
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "{}{pad}  {score:>3}  {}{change}",
            d.label,
            d.band_label(lang)
        );
    }

    heading(
        &mut out,
        &lang.fill(Text::ExportStage, &[("stage", referral.stage.label)]),
        '-',
    );
    wrapped(&mut out, "", "", &referral.stage.reason);
    if let Some(before) = referral.stage.before.as_ref().filter(|b| b.changed) {
        wrapped(
            &mut out,
            "",
            "",
            &lang.fill(
                Text::ExportStageOn,
                &[("date", &before.since), ("stage", before.label)],
            ),
        );
    }

    heading(&mut out, lang.tr(Text::ExportTopNeeds), '-');
    for (i, need) in referral.needs.iter().take(5).enumerate() {
        let number = format!("{}. ", i + 1);
        wrapped(
            &mut out,
            &number,
            &" ".repeat(number.len()),
            &lang.fill(
                Text::ExportNeed,
                &[("need", need.label), ("dimension", need.dimension)],
            ),
        );
    }

    if let Some(route) = &referral.journey {
        journey(&mut out, route, lang);
    }
    if let Some(handover) = referral
        .handover
        .as_ref()
        .filter(|h| !h.notes.trim().is_empty())
    {
        heading(&mut out, lang.tr(Text::ClientNotes), '-');
        wrapped(&mut out, "", "", &handover.notes);
    }
    out
}

fn journey(out: &mut String, route: &Route, lang: crate::i18n::Lang) {
    heading(out, lang.tr(Text::JourneyTitle), '-');
    if let Some(note) = &route.outside {
        wrapped(out, "", "", note);
    }
    let mut number = 0;
    for leg in &route.stages {
        let _ = writeln!(out, "\n{}", leg.heading);
        if leg.steps.is_empty() {
            wrapped(out, "  ", "  ", lang.tr(Text::NoServiceForStage));
        }
        for step in &leg.steps {
            number += 1;
            step_lines(out, number, step, lang);
        }
    }
    if !route.gaps.is_empty() {
        heading(out, lang.tr(Text::GapsTitle), '-');
        for gap in &route.gaps {
            let text = lang.fill(
                Text::ExportGap,
                &[
                    ("need", gap.label),
                    ("name", &gap.name),
                    ("provider", &gap.provider),
                    ("url", &gap.url),
                ],
            );
            wrapped(out, "- ", "  ", &text);
        }
    }
}

fn step_lines(out: &mut String, number: usize, step: &StepItem, lang: crate::i18n::Lang) {
    let lead = format!("{number:>2}. ");
    let indent = " ".repeat(lead.len());
    wrapped(
        out,
        &lead,
        &indent,
        &format!("{} — {}", step.name, step.provider),
    );
    let lines = [
        Some(format!(
            "{}{}: {}",
            lang.tr(Text::NextStep),
            step.english_mark(),
            step.next_step
        )),
        Some(format!("{}: {}", lang.tr(Text::Contact), step.url)),
        Some(format!(
            "{}: {}",
            lang.tr(Text::CliWhy),
            step.reasons.join("; ")
        )),
        step.check.clone(),
        step.also.clone(),
        (!step.marks.is_empty())
            .then(|| format!("{}: {}", lang.tr(Text::MarksTitle), step.marks.join("; "))),
        (!step.note.is_empty()).then(|| format!("{}: {}", lang.tr(Text::ExportNote), step.note)),
    ];
    for line in lines.into_iter().flatten() {
        wrapped(out, &indent, &indent, &line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_at_72_columns_and_keeps_addresses_whole() {
        let mut out = String::new();
        let url =
            "https://www.example.org/a/very/long/address/that/is/longer/than/the/line/itself.html";
        wrapped(
            &mut out,
            " 1. ",
            "    ",
            &format!(
                "Kontakt: {url} oraz wiele innych słów, które trzeba zawinąć w kolejnych wierszach tekstu."
            ),
        );
        for line in out.lines() {
            assert!(
                textwrap::core::display_width(line) <= WIDTH || line.contains(url),
                "{line:?}"
            );
        }
        assert!(out.contains(url), "{out}");
        assert!(out.lines().count() >= 3, "{out}");
        assert!(out.lines().skip(1).all(|l| l.starts_with("    ")), "{out}");
    }
}
