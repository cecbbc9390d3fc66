//! Referral summaries to hand over: the client's readiness, stage, journey
//! with contacts and next steps, notes and referral marks — as Markdown, as
//! one self-contained printable HTML file (inline CSS and SVG, no external
//! assets or scripts), or as JSON. Every text is escaped for its format.

use std::fmt::Write as _;

use serde::Serialize;

use crate::assessment::{Profile, QuestionBank, assess};
use crate::catalogue::{Area, Catalogue};
use crate::clients::record::Delta;
use crate::clients::{ClientRecord, ServiceMarks};
use crate::journey::{DEFAULT_PER_STAGE, Journey, plan_journey};
use crate::text::{html_escape, md_escape, sanitize};
use crate::vocab::Band;

/// The formats of a referral summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Md,
    Html,
    Json,
}

impl ExportFormat {
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Md => "md",
            ExportFormat::Html => "html",
            ExportFormat::Json => "json",
        }
    }
}

/// Everything a summary shows, computed once.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub client: String,
    pub date: String,
    pub adviser: Option<String>,
    pub profile: Profile,
    pub journey: Journey,
    pub delta: Option<Delta>,
    pub notes: String,
    /// Notes and marks of the services in the journey, by service id.
    pub services: std::collections::BTreeMap<String, ServiceMarks>,
}

/// Builds the summary of a client's current assessment.
#[must_use]
pub fn summarize(
    client: &ClientRecord,
    bank: &QuestionBank,
    catalogue: &Catalogue,
    adviser: Option<&str>,
    date: &str,
) -> Summary {
    let answers = client
        .current()
        .map(|a| a.answers.clone())
        .unwrap_or_default();
    let profile = assess(bank, &answers);
    let journey = plan_journey(&profile, catalogue, DEFAULT_PER_STAGE);
    let in_journey: Vec<String> = journey
        .stages
        .iter()
        .flat_map(|s| &s.steps)
        .map(|s| s.service.clone())
        .collect();
    Summary {
        client: client.name.clone(),
        date: date.to_owned(),
        adviser: adviser.map(str::to_owned).filter(|a| !a.trim().is_empty()),
        profile,
        journey,
        delta: client.delta(bank),
        notes: client.notes.clone(),
        services: client
            .services
            .iter()
            .filter(|(id, marks)| in_journey.contains(id) && !marks.is_empty())
            .map(|(id, marks)| (id.clone(), marks.clone()))
            .collect(),
    }
}

/// Renders a summary.
pub fn render(summary: &Summary, format: ExportFormat) -> Result<String, serde_json::Error> {
    Ok(match format {
        ExportFormat::Md => markdown(summary),
        ExportFormat::Html => html(summary),
        ExportFormat::Json => serde_json::to_string_pretty(summary)? + "\n",
    })
}

fn place(profile: &Profile) -> String {
    [
        profile.company.region.as_ref(),
        profile.company.country.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(Area::name)
    .collect::<Vec<_>>()
    .join(", ")
}

/// The referral marks of a service in words, e.g. "referred 2026-11-23; contacted 2026-11-30".
fn marks_line(marks: &ServiceMarks) -> String {
    let mut parts = Vec::new();
    if let Some(date) = &marks.referred {
        parts.push(format!("referred {date}"));
    }
    if let Some(date) = &marks.contacted {
        parts.push(format!("contacted {date}"));
    }
    if let Some(outcome) = &marks.outcome {
        parts.push(format!("outcome: {}", sanitize(outcome)));
    }
    parts.join("; ")
}

fn change(delta: Option<&Delta>, dimension: crate::vocab::Dimension) -> String {
    delta
        .and_then(|d| d.change(dimension))
        .map(|c| format!("{c:+}"))
        .unwrap_or_default()
}

/// The Markdown summary.
#[must_use]
pub fn markdown(summary: &Summary) -> String {
    let mut out = String::new();
    let p = &summary.profile;
    let _ = writeln!(out, "# Referral summary: {}\n", md_escape(&summary.client));
    let _ = writeln!(out, "- Date: {}", md_escape(&summary.date));
    let _ = writeln!(
        out,
        "- Adviser: {}",
        summary
            .adviser
            .as_deref()
            .map_or_else(|| "—".to_owned(), md_escape)
    );
    if let Some(name) = &p.company.name {
        let _ = writeln!(out, "- Company: {}", md_escape(name));
    }
    let _ = writeln!(out, "- Location: {}", md_escape(&place(p)));
    let _ = writeln!(out, "\n## Readiness\n");
    let since = summary
        .delta
        .as_ref()
        .map(|d| format!(" | Change since {}", md_escape(&d.since)))
        .unwrap_or_default();
    let _ = writeln!(out, "| Dimension | Score | Band{since} |");
    let _ = writeln!(
        out,
        "| --- | ---: | ---{} |",
        if since.is_empty() { "" } else { " | ---:" }
    );
    for d in &p.dimensions {
        let score = d.score.map_or_else(|| "—".to_owned(), |s| s.to_string());
        let band = d.band.map_or("not assessed", Band::label);
        let delta = if summary.delta.is_some() {
            format!(" | {}", change(summary.delta.as_ref(), d.dimension))
        } else {
            String::new()
        };
        let _ = writeln!(out, "| {} | {score} | {band}{delta} |", d.dimension.label());
    }
    let _ = writeln!(
        out,
        "\n## Stage: {}\n\n{}",
        p.stage.label(),
        md_escape(&p.stage_reason)
    );
    if let Some(delta) = summary
        .delta
        .as_ref()
        .filter(|d| d.stage_before != d.stage_now)
    {
        let _ = writeln!(
            out,
            "\nStage on {}: {}.",
            md_escape(&delta.since),
            delta.stage_before.label()
        );
    }
    let _ = writeln!(out, "\n## Top needs\n");
    for (i, need) in p.needs.iter().take(5).enumerate() {
        let _ = writeln!(
            out,
            "{}. Your business {} ({})",
            i + 1,
            need.need.label(),
            need.need.dimension()
        );
    }
    markdown_journey(&mut out, summary);
    if !summary.notes.trim().is_empty() {
        let _ = writeln!(out, "\n## Notes\n\n{}", md_escape(&summary.notes));
    }
    out
}

/// The journey and its gaps, in Markdown.
fn markdown_journey(out: &mut String, summary: &Summary) {
    let _ = writeln!(out, "\n## Your journey");
    for plan in &summary.journey.stages {
        let here = if plan.current { " (you are here)" } else { "" };
        let _ = writeln!(out, "\n### {}{here}\n", plan.stage.label());
        if plan.steps.is_empty() {
            let _ = writeln!(out, "No service in the catalogue for this stage.");
        }
        for (i, step) in plan.steps.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. **{}** — {}  ",
                i + 1,
                md_escape(&step.name),
                md_escape(&step.provider)
            );
            let _ = writeln!(out, "   Next step: {}  ", md_escape(&step.next_step));
            let _ = writeln!(out, "   Contact: <{}>  ", md_escape(&step.url));
            if let Some(marks) = summary.services.get(&step.service) {
                let line = marks_line(marks);
                if !line.is_empty() {
                    let _ = writeln!(out, "   Referral: {}  ", md_escape(&line));
                }
                if !marks.note.is_empty() {
                    let _ = writeln!(out, "   Note: {}", md_escape(&marks.note));
                }
            }
        }
    }
    if !summary.journey.gaps.is_empty() {
        let _ = writeln!(out, "\n## Needs no service meets\n");
        for gap in &summary.journey.gaps {
            let _ = writeln!(
                out,
                "- Your business {}. Ask: {} — {}, <{}>",
                gap.need.label(),
                md_escape(&gap.fallback.name),
                md_escape(&gap.fallback.provider),
                md_escape(&gap.fallback.url)
            );
        }
    }
}

/// Inline CSS: readable on screen, and A4 pages when printed.
const STYLE: &str = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.45}\
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:1px solid #999;margin-top:1.6rem}h3{font-size:1.05rem;margin-bottom:.3rem}\
.meta{color:#444}.bars td{padding:.1rem .4rem}.gap{fill:#b3261e}.developing{fill:#b26b00}.strong{fill:#1e6b2f}.none{fill:#bbb}\
.step{margin:.4rem 0 .8rem}.muted{color:#555}.mark{font-style:italic}\
@page{size:A4;margin:16mm}@media print{body{margin:0;max-width:none}h2,h3{break-after:avoid}.step{break-inside:avoid}a{color:#111;text-decoration:none}}";

/// The HTML summary: one self-contained file.
#[must_use]
pub fn html(summary: &Summary) -> String {
    let p = &summary.profile;
    let e = html_escape;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Referral summary: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        e(&summary.client)
    );
    let _ = writeln!(out, "<h1>Referral summary: {}</h1>", e(&summary.client));
    let adviser = summary.adviser.as_deref().map_or_else(|| "—".to_owned(), e);
    let _ = writeln!(
        out,
        "<p class=\"meta\">{} · {} · Adviser: {adviser}</p>",
        e(&summary.date),
        e(&place(p))
    );
    let _ = writeln!(out, "<h2>Readiness</h2>\n<table class=\"bars\">");
    for d in &p.dimensions {
        let score = d.score.unwrap_or(0);
        let class = d.band.map_or("none", Band::label);
        let band = d.band.map_or("not assessed", Band::label);
        let shown = d.score.map_or_else(|| "—".to_owned(), |s| s.to_string());
        let delta = change(summary.delta.as_ref(), d.dimension);
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td><svg width=\"200\" height=\"12\" role=\"img\" aria-label=\"{shown} of 100\"><rect width=\"200\" height=\"12\" fill=\"#eee\"/><rect class=\"{class}\" width=\"{}\" height=\"12\"/></svg></td><td>{shown}</td><td>{band}</td><td>{delta}</td></tr>",
            d.dimension.label(),
            u16::from(score) * 2
        );
    }
    let _ = writeln!(out, "</table>");
    if let Some(delta) = &summary.delta {
        let _ = writeln!(
            out,
            "<p class=\"muted\">Changes since the assessment of {}.</p>",
            e(&delta.since)
        );
    }
    let _ = writeln!(
        out,
        "<h2>Stage: {}</h2>\n<p>{}</p>",
        p.stage.label(),
        e(&p.stage_reason)
    );
    let _ = writeln!(out, "<h2>Top needs</h2>\n<ol>");
    for need in p.needs.iter().take(5) {
        let _ = writeln!(
            out,
            "<li>Your business {} ({})</li>",
            need.need.label(),
            need.need.dimension()
        );
    }
    let _ = writeln!(out, "</ol>");
    html_journey(&mut out, summary);
    if !summary.notes.trim().is_empty() {
        let _ = writeln!(out, "<h2>Notes</h2>\n<p>{}</p>", e(&summary.notes));
    }
    let _ = writeln!(out, "</body>\n</html>");
    out
}

/// The journey and its gaps, in HTML.
fn html_journey(out: &mut String, summary: &Summary) {
    let e = html_escape;
    let _ = writeln!(out, "<h2>Your journey</h2>");
    for plan in &summary.journey.stages {
        let here = if plan.current { " (you are here)" } else { "" };
        let _ = writeln!(out, "<h3>{}{here}</h3>", plan.stage.label());
        if plan.steps.is_empty() {
            let _ = writeln!(
                out,
                "<p class=\"muted\">No service in the catalogue for this stage.</p>"
            );
        }
        for step in &plan.steps {
            let _ = writeln!(
                out,
                "<div class=\"step\"><strong>{}</strong> — {}<br>Next step: {}<br>Contact: <a href=\"{}\">{}</a>",
                e(&step.name),
                e(&step.provider),
                e(&step.next_step),
                e(&step.url),
                e(&step.url)
            );
            if let Some(marks) = summary.services.get(&step.service) {
                let line = marks_line(marks);
                if !line.is_empty() {
                    let _ = write!(
                        out,
                        "<br><span class=\"mark\">Referral: {}</span>",
                        e(&line)
                    );
                }
                if !marks.note.is_empty() {
                    let _ = write!(out, "<br>Note: {}", e(&marks.note));
                }
            }
            let _ = writeln!(out, "</div>");
        }
    }
    if !summary.journey.gaps.is_empty() {
        let _ = writeln!(out, "<h2>Needs no service meets</h2>\n<ul>");
        for gap in &summary.journey.gaps {
            let _ = writeln!(
                out,
                "<li>Your business {}. Ask: {} — {}, <a href=\"{}\">{}</a></li>",
                gap.need.label(),
                e(&gap.fallback.name),
                e(&gap.fallback.provider),
                e(&gap.fallback.url),
                e(&gap.fallback.url)
            );
        }
        let _ = writeln!(out, "</ul>");
    }
}
