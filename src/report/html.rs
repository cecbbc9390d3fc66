//! A client's summary as one self-contained printable HTML file: inline CSS
//! and SVG bars, no external assets or scripts, A4 pages when printed.
//! Every text is escaped for HTML.

use std::fmt::Write as _;

use super::{Referral, Route};
use crate::i18n::{Lang, Text, substitute};
use crate::text::html_escape as e;

/// Inline CSS: readable on screen, and A4 pages when printed.
const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}\
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:1px solid #999;margin-top:1.6rem}h3{font-size:1.05rem;margin-bottom:.3rem}\
.meta{color:#444}.bars td{padding:.1rem .4rem}.gap{fill:#b3261e}.developing{fill:#b26b00}.strong{fill:#1e6b2f}.none{fill:#bbb}\
.step{margin:.4rem 0 .8rem}.muted{color:#555}.mark{font-style:italic}\
@page{size:A4;margin:16mm}@media print{body{margin:0;max-width:none}h2,h3{break-after:avoid}.step{break-inside:avoid}a{color:#111;text-decoration:none}}";

/// A translated text with its values filled in, escaped.
fn t(text: Text, values: &[(&str, &str)], lang: Lang) -> String {
    e(&lang.fill(text, values))
}

/// The summary: one self-contained HTML file.
#[must_use]
pub fn summary(referral: &Referral) -> String {
    let lang = referral.lang;
    let mut out = String::new();
    let (client, date, adviser) = referral.handover.as_ref().map_or(("", "", None), |h| {
        (h.client.as_str(), h.date.as_str(), h.adviser.as_deref())
    });
    let title = t(Text::ExportTitle, &[("client", client)], lang);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        referral.lang.code()
    );
    let _ = writeln!(out, "<h1>{title}</h1>");
    let adviser = adviser.map_or_else(|| "—".to_owned(), e);
    let _ = writeln!(
        out,
        "<p class=\"meta\">{} · {} · {}: {adviser}</p>",
        e(date),
        e(&referral.company.place),
        e(lang.tr(Text::ExportAdviser))
    );
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<table class=\"bars\">",
        e(lang.tr(Text::ExportReadiness))
    );
    for d in &referral.readiness {
        let score = d.score.unwrap_or(0);
        // The class names the band in the style sheet, the same in every language.
        let class = d
            .band
            .map_or_else(|| "none".to_owned(), |b| b.as_str().to_lowercase());
        let shown = d.score.map_or_else(|| "—".to_owned(), |s| s.to_string());
        let label = t(Text::ExportScoreOf, &[("score", &shown)], lang);
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td><svg width=\"200\" height=\"12\" role=\"img\" aria-label=\"{label}\"><rect width=\"200\" height=\"12\" fill=\"#eee\"/><rect class=\"{class}\" width=\"{}\" height=\"12\"/></svg></td><td>{shown}</td><td>{}</td><td>{}</td></tr>",
            e(d.label),
            u16::from(score) * 2,
            e(d.band_label(lang)),
            d.change_text()
        );
    }
    let _ = writeln!(out, "</table>");
    if let Some(since) = referral.since() {
        let _ = writeln!(
            out,
            "<p class=\"muted\">{}</p>",
            t(Text::ExportChangesSince, &[("date", since)], lang)
        );
    }
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<p>{}</p>",
        t(Text::ExportStage, &[("stage", referral.stage.label)], lang),
        e(&referral.stage.reason)
    );
    let _ = writeln!(out, "<h2>{}</h2>\n<ol>", e(lang.tr(Text::ExportTopNeeds)));
    for need in referral.needs.iter().take(5) {
        let _ = writeln!(
            out,
            "<li>{}</li>",
            t(
                Text::ExportNeed,
                &[("need", need.label), ("dimension", need.dimension)],
                lang
            )
        );
    }
    let _ = writeln!(out, "</ol>");
    if let Some(route) = &referral.journey {
        journey(&mut out, route, lang);
    }
    if let Some(handover) = referral
        .handover
        .as_ref()
        .filter(|h| !h.notes.trim().is_empty())
    {
        let _ = writeln!(
            out,
            "<h2>{}</h2>\n<p>{}</p>",
            e(lang.tr(Text::ClientNotes)),
            e(&handover.notes)
        );
    }
    let _ = writeln!(out, "</body>\n</html>");
    out
}

/// The journey with marks and notes, and the gaps.
fn journey(out: &mut String, route: &Route, lang: Lang) {
    let _ = writeln!(out, "<h2>{}</h2>", e(lang.tr(Text::JourneyTitle)));
    if let Some(note) = &route.outside {
        let _ = writeln!(out, "<p class=\"outside\">{}</p>", e(note));
    }
    for leg in &route.stages {
        let _ = writeln!(out, "<h3>{}</h3>", e(&leg.heading));
        if leg.steps.is_empty() {
            let _ = writeln!(
                out,
                "<p class=\"muted\">{}</p>",
                e(lang.tr(Text::NoServiceForStage))
            );
        }
        for step in &leg.steps {
            let _ = writeln!(
                out,
                "<div class=\"step\"><strong>{}</strong> — {}<br>{}{}: {}<br>{}: <a href=\"{}\">{}</a>",
                e(&step.name),
                e(&step.provider),
                e(lang.tr(Text::NextStep)),
                e(&step.english_mark()),
                e(&step.next_step),
                e(lang.tr(Text::Contact)),
                e(&step.url),
                e(&step.url)
            );
            if let Some(note) = &step.also {
                let _ = write!(out, "<br>{}", e(note));
            }
            if !step.marks.is_empty() {
                let _ = write!(
                    out,
                    "<br><span class=\"mark\">{}: {}</span>",
                    e(lang.tr(Text::MarksTitle)),
                    e(&step.marks.join("; "))
                );
            }
            if !step.note.is_empty() {
                let _ = write!(
                    out,
                    "<br>{}: {}",
                    e(lang.tr(Text::ExportNote)),
                    e(&step.note)
                );
            }
            let _ = writeln!(out, "</div>");
        }
    }
    if !route.gaps.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2>\n<ul>", e(lang.tr(Text::GapsTitle)));
        for gap in &route.gaps {
            let url = e(&gap.url);
            let link = format!("<a href=\"{url}\">{url}</a>");
            // The template is escaped, then filled with escaped values, so
            // that the link stays a link.
            let _ = writeln!(
                out,
                "<li>{}</li>",
                substitute(
                    &e(lang.tr(Text::ExportGap)),
                    &[
                        ("need", &e(gap.label)),
                        ("name", &e(&gap.name)),
                        ("provider", &e(&gap.provider)),
                        ("url", &link),
                    ]
                )
            );
        }
        let _ = writeln!(out, "</ul>");
    }
}
