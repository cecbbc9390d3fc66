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
use crate::i18n::{Text, fill, tr};
use crate::journey::{DEFAULT_PER_STAGE, Journey, plan_journey};
use crate::text::{html_escape, md_autolink, md_escape};
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
        ExportFormat::Json => crate::text::to_json(summary)?,
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
    let md = |text: Text, values: &[(&str, &str)]| md_escape(&fill(text, values));
    markdown_header(&mut out, summary);
    let _ = writeln!(out, "\n## {}\n", tr(Text::ExportReadiness));
    let since = summary
        .delta
        .as_ref()
        .map(|d| format!(" | {}", md(Text::ExportChangeSince, &[("date", &d.since)])))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "| {} | {} | {}{since} |",
        tr(Text::ExportDimension),
        tr(Text::ExportScore),
        tr(Text::ExportBand)
    );
    let _ = writeln!(
        out,
        "| --- | ---: | ---{} |",
        if since.is_empty() { "" } else { " | ---:" }
    );
    for d in &p.dimensions {
        let score = d.score.map_or_else(|| "—".to_owned(), |s| s.to_string());
        let band = d.band.map_or_else(|| tr(Text::NotAssessed), Band::label);
        let delta = if summary.delta.is_some() {
            format!(" | {}", change(summary.delta.as_ref(), d.dimension))
        } else {
            String::new()
        };
        let _ = writeln!(out, "| {} | {score} | {band}{delta} |", d.dimension.label());
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n{}",
        md(Text::ExportStage, &[("stage", p.stage.label())]),
        md_escape(&p.stage_reason)
    );
    if let Some(delta) = summary
        .delta
        .as_ref()
        .filter(|d| d.stage_before != d.stage_now)
    {
        let _ = writeln!(
            out,
            "\n{}",
            md(
                Text::ExportStageOn,
                &[
                    ("date", &delta.since),
                    ("stage", delta.stage_before.label())
                ]
            )
        );
    }
    let _ = writeln!(out, "\n## {}\n", tr(Text::ExportTopNeeds));
    for (i, need) in p.needs.iter().take(5).enumerate() {
        let _ = writeln!(
            out,
            "{}. {}",
            i + 1,
            md(
                Text::ExportNeed,
                &[
                    ("need", need.need.label()),
                    ("dimension", need.need.dimension().label())
                ]
            )
        );
    }
    markdown_journey(&mut out, summary);
    if !summary.notes.trim().is_empty() {
        let _ = writeln!(
            out,
            "\n## {}\n\n{}",
            tr(Text::ClientNotes),
            md_escape(&summary.notes)
        );
    }
    out
}

/// The title and who, when and where, in Markdown.
fn markdown_header(out: &mut String, summary: &Summary) {
    let p = &summary.profile;
    let md = |text: Text, values: &[(&str, &str)]| md_escape(&fill(text, values));
    let _ = writeln!(
        out,
        "# {}\n",
        md(Text::ExportTitle, &[("client", &summary.client)])
    );
    let _ = writeln!(
        out,
        "- {}: {}",
        tr(Text::ExportDate),
        md_escape(&summary.date)
    );
    let _ = writeln!(
        out,
        "- {}: {}",
        tr(Text::ExportAdviser),
        summary
            .adviser
            .as_deref()
            .map_or_else(|| "—".to_owned(), md_escape)
    );
    if let Some(name) = &p.company.name {
        let _ = writeln!(out, "- {}: {}", tr(Text::ExportCompany), md_escape(name));
    }
    let _ = writeln!(
        out,
        "- {}: {}",
        tr(Text::ExportLocation),
        md_escape(&place(p))
    );
}

/// The journey and its gaps, in Markdown.
fn markdown_journey(out: &mut String, summary: &Summary) {
    let _ = writeln!(out, "\n## {}", tr(Text::JourneyTitle));
    if let Some(note) = summary.journey.outside_note() {
        let _ = writeln!(out, "\n{}", md_escape(&note));
    }
    for plan in &summary.journey.stages {
        let here = if plan.current {
            format!(" ({})", tr(Text::YouAreHere))
        } else {
            String::new()
        };
        let _ = writeln!(out, "\n### {}{here}\n", plan.stage.label());
        if plan.steps.is_empty() {
            let _ = writeln!(out, "{}", tr(Text::NoServiceForStage));
        }
        for (i, step) in plan.steps.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. **{}** — {}  ",
                i + 1,
                md_escape(&step.name),
                md_escape(&step.provider)
            );
            let _ = writeln!(
                out,
                "   {}{}: {}  ",
                tr(Text::NextStep),
                step.english_mark(),
                md_escape(&step.next_step)
            );
            let _ = writeln!(
                out,
                "   {}: {}  ",
                tr(Text::Contact),
                md_autolink(&step.url)
            );
            if let Some(note) = step.also_note() {
                let _ = writeln!(out, "   {}  ", md_escape(&note));
            }
            if let Some(marks) = summary.services.get(&step.service) {
                let line = marks.in_words("; ");
                if !line.is_empty() {
                    let _ = writeln!(out, "   {}: {}  ", tr(Text::MarksTitle), md_escape(&line));
                }
                if !marks.note.is_empty() {
                    let _ = writeln!(
                        out,
                        "   {}: {}",
                        tr(Text::ExportNote),
                        md_escape(&marks.note)
                    );
                }
            }
        }
    }
    if !summary.journey.gaps.is_empty() {
        let _ = writeln!(out, "\n## {}\n", tr(Text::GapsTitle));
        for gap in &summary.journey.gaps {
            let url = md_autolink(&gap.fallback.url);
            let _ = writeln!(
                out,
                "- {}",
                fill_with(
                    &md_escape(tr(Text::ExportGap)),
                    &[
                        ("need", &md_escape(gap.need.label())),
                        ("name", &md_escape(&gap.fallback.name)),
                        ("provider", &md_escape(&gap.fallback.provider)),
                        ("url", &url),
                    ]
                )
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
    let t = |text: Text, values: &[(&str, &str)]| e(&fill(text, values));
    let title = t(Text::ExportTitle, &[("client", &summary.client)]);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        crate::i18n::current().code()
    );
    let _ = writeln!(out, "<h1>{title}</h1>");
    let adviser = summary.adviser.as_deref().map_or_else(|| "—".to_owned(), e);
    let _ = writeln!(
        out,
        "<p class=\"meta\">{} · {} · {}: {adviser}</p>",
        e(&summary.date),
        e(&place(p)),
        e(tr(Text::ExportAdviser))
    );
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<table class=\"bars\">",
        e(tr(Text::ExportReadiness))
    );
    for d in &p.dimensions {
        let score = d.score.unwrap_or(0);
        // The class names the band in the style sheet, the same in every language.
        let class = d
            .band
            .map_or_else(|| "none".to_owned(), |b| b.as_str().to_lowercase());
        let band = e(d.band.map_or_else(|| tr(Text::NotAssessed), Band::label));
        let shown = d.score.map_or_else(|| "—".to_owned(), |s| s.to_string());
        let label = t(Text::ExportScoreOf, &[("score", &shown)]);
        let delta = change(summary.delta.as_ref(), d.dimension);
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td><svg width=\"200\" height=\"12\" role=\"img\" aria-label=\"{label}\"><rect width=\"200\" height=\"12\" fill=\"#eee\"/><rect class=\"{class}\" width=\"{}\" height=\"12\"/></svg></td><td>{shown}</td><td>{band}</td><td>{delta}</td></tr>",
            e(d.dimension.label()),
            u16::from(score) * 2
        );
    }
    let _ = writeln!(out, "</table>");
    if let Some(delta) = &summary.delta {
        let _ = writeln!(
            out,
            "<p class=\"muted\">{}</p>",
            t(Text::ExportChangesSince, &[("date", &delta.since)])
        );
    }
    let _ = writeln!(
        out,
        "<h2>{}</h2>\n<p>{}</p>",
        t(Text::ExportStage, &[("stage", p.stage.label())]),
        e(&p.stage_reason)
    );
    let _ = writeln!(out, "<h2>{}</h2>\n<ol>", e(tr(Text::ExportTopNeeds)));
    for need in p.needs.iter().take(5) {
        let _ = writeln!(
            out,
            "<li>{}</li>",
            t(
                Text::ExportNeed,
                &[
                    ("need", need.need.label()),
                    ("dimension", need.need.dimension().label())
                ]
            )
        );
    }
    let _ = writeln!(out, "</ol>");
    html_journey(&mut out, summary);
    if !summary.notes.trim().is_empty() {
        let _ = writeln!(
            out,
            "<h2>{}</h2>\n<p>{}</p>",
            e(tr(Text::ClientNotes)),
            e(&summary.notes)
        );
    }
    let _ = writeln!(out, "</body>\n</html>");
    out
}

/// The journey and its gaps, in HTML.
fn html_journey(out: &mut String, summary: &Summary) {
    let e = html_escape;
    let _ = writeln!(out, "<h2>{}</h2>", e(tr(Text::JourneyTitle)));
    if let Some(note) = summary.journey.outside_note() {
        let _ = writeln!(out, "<p class=\"outside\">{}</p>", e(&note));
    }
    for plan in &summary.journey.stages {
        let here = if plan.current {
            format!(" ({})", e(tr(Text::YouAreHere)))
        } else {
            String::new()
        };
        let _ = writeln!(out, "<h3>{}{here}</h3>", e(plan.stage.label()));
        if plan.steps.is_empty() {
            let _ = writeln!(
                out,
                "<p class=\"muted\">{}</p>",
                e(tr(Text::NoServiceForStage))
            );
        }
        for step in &plan.steps {
            let _ = writeln!(
                out,
                "<div class=\"step\"><strong>{}</strong> — {}<br>{}{}: {}<br>{}: <a href=\"{}\">{}</a>",
                e(&step.name),
                e(&step.provider),
                e(tr(Text::NextStep)),
                e(&step.english_mark()),
                e(&step.next_step),
                e(tr(Text::Contact)),
                e(&step.url),
                e(&step.url)
            );
            if let Some(note) = step.also_note() {
                let _ = write!(out, "<br>{}", e(&note));
            }
            if let Some(marks) = summary.services.get(&step.service) {
                let line = marks.in_words("; ");
                if !line.is_empty() {
                    let _ = write!(
                        out,
                        "<br><span class=\"mark\">{}: {}</span>",
                        e(tr(Text::MarksTitle)),
                        e(&line)
                    );
                }
                if !marks.note.is_empty() {
                    let _ = write!(out, "<br>{}: {}", e(tr(Text::ExportNote)), e(&marks.note));
                }
            }
            let _ = writeln!(out, "</div>");
        }
    }
    if !summary.journey.gaps.is_empty() {
        let _ = writeln!(out, "<h2>{}</h2>\n<ul>", e(tr(Text::GapsTitle)));
        for gap in &summary.journey.gaps {
            let url = e(&gap.fallback.url);
            let link = format!("<a href=\"{url}\">{url}</a>");
            let _ = writeln!(
                out,
                "<li>{}</li>",
                fill_with(
                    &e(tr(Text::ExportGap)),
                    &[
                        ("need", &e(gap.need.label())),
                        ("name", &e(&gap.fallback.name)),
                        ("provider", &e(&gap.fallback.provider)),
                        ("url", &link),
                    ]
                )
            );
        }
        let _ = writeln!(out, "</ul>");
    }
}

/// Fills `{name}` placeholders of a template that is already escaped for
/// its format, with values that are too (so a link can go into HTML).
/// One pass, as [`crate::i18n::substitute`]: a value is never filled again.
fn fill_with(template: &str, values: &[(&str, &str)]) -> String {
    crate::i18n::substitute(template, values)
}
