//! The landscape as text, Markdown, CSV (one row per cell), JSON, or one
//! self-contained HTML file with heat maps and findings.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Matrix, MatrixKind, Survey};
use crate::i18n::Lang;
use crate::text::{html_escape, md_escape, sanitize};

/// The output formats of `eis landscape`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Text,
    Md,
    Csv,
    Json,
    Html,
}

/// How many findings of each kind the text and Markdown reports list.
const SHOWN: usize = 12;

/// Renders one survey, or two side by side (`compare`).
pub fn render(
    survey: &Survey,
    compare: Option<&Survey>,
    kinds: &[MatrixKind],
    format: ReportFormat,
    lang: Lang,
) -> Result<String, serde_json::Error> {
    Ok(match format {
        ReportFormat::Text => text(survey, compare, kinds, lang),
        ReportFormat::Md => markdown(survey, compare, kinds, lang),
        ReportFormat::Csv => csv(survey, compare, kinds),
        ReportFormat::Json => json(survey, compare)?,
        ReportFormat::Html => html(survey, compare, kinds, lang),
    })
}

fn heading(survey: &Survey) -> String {
    let offers = if survey.offers == survey.services {
        String::new()
    } else {
        format!(
            "; {} with each programme's doors counted once",
            crate::i18n::english_count(survey.offers, "offer", "offers")
        )
    };
    format!(
        "{} ({}): {} from {}{offers}",
        survey.area_name,
        survey.area.code(),
        crate::i18n::english_count(survey.services, "service", "services"),
        crate::i18n::english_count(survey.providers, "provider", "providers")
    )
}

/// A cell as `services/providers`, or `·` when empty.
fn cell_text(matrix: &Matrix, row: usize, column: usize) -> String {
    let cell = &matrix.cells[row][column];
    if cell.services.is_empty() {
        "·".to_owned()
    } else {
        format!("{}/{}", cell.offers, cell.providers)
    }
}

fn text_matrix(out: &mut String, survey: &Survey, compare: Option<&Survey>, kind: MatrixKind) {
    let Some(matrix) = survey.matrix(kind) else {
        return;
    };
    let other = compare.and_then(|c| c.matrix(kind));
    let label_width = matrix
        .rows
        .iter()
        .map(|r| r.chars().count())
        .max()
        .unwrap_or(8)
        .min(34);
    let _ = writeln!(
        out,
        "\n{} (services/providers{})",
        kind.title(),
        if other.is_some() {
            "; this area | other area"
        } else {
            ""
        }
    );
    let mut header = format!("  {:<label_width$}", "");
    for column in &matrix.columns {
        let _ = write!(
            header,
            " {:>width$}",
            truncate(column, 11),
            width = if other.is_some() { 15 } else { 11 }
        );
    }
    let _ = writeln!(out, "{}", header.trim_end());
    for (r, row) in matrix.rows.iter().enumerate() {
        let mut line = format!("  {:<label_width$}", truncate(row, label_width));
        for c in 0..matrix.columns.len() {
            let value = match other {
                Some(o) => format!("{} | {}", cell_text(matrix, r, c), cell_text(o, r, c)),
                None => cell_text(matrix, r, c),
            };
            let _ = write!(
                line,
                " {:>width$}",
                value,
                width = if other.is_some() { 15 } else { 11 }
            );
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_owned()
    } else {
        format!(
            "{}…",
            text.chars()
                .take(width.saturating_sub(1))
                .collect::<String>()
        )
    }
}

fn text_findings(out: &mut String, survey: &Survey, lang: Lang) {
    let _ = writeln!(out, "\nGaps, most important first ({})", survey.gaps.len());
    for gap in survey.gaps.iter().take(SHOWN) {
        let _ = writeln!(
            out,
            "  {:<8} {} — {}",
            gap.severity.label().to_uppercase(),
            gap.what,
            gap.why
        );
    }
    more(out, survey.gaps.len());
    let _ = writeln!(
        out,
        "\nOverlaps: several providers for the same SMEs ({})",
        survey.overlaps.len()
    );
    for o in survey.overlaps.iter().take(SHOWN) {
        let tiers = if o.cross_tier() {
            let names: Vec<&str> = o.tiers.iter().map(|t| t.label_in(lang)).collect();
            format!(" [across tiers: {}]", names.join(", "))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "  {} providers: {} at {} for {}{tiers} — {}",
            o.count(),
            o.support.label_in(lang),
            o.stage.label_in(lang),
            o.mode.label_in(lang).to_lowercase(),
            sanitize(&o.names().join(", "))
        );
    }
    more(out, survey.overlaps.len());
    let _ = writeln!(out, "\nLikely duplicates ({})", survey.duplicates.len());
    for d in survey.duplicates.iter().take(SHOWN) {
        let _ = writeln!(
            out,
            "  {:.2}  {} ~ {} — {}",
            d.similarity,
            d.first,
            d.second,
            sanitize(&d.reason)
        );
    }
    more(out, survey.duplicates.len());
    if !survey.programmes.is_empty() {
        let _ = writeln!(
            out,
            "\nProgrammes with several doors ({})",
            survey.programmes.len()
        );
        for p in survey.programmes.iter().take(SHOWN) {
            let _ = writeln!(out, "  {} doors: {}", p.doors.len(), sanitize(&p.why));
        }
        more(out, survey.programmes.len());
    }
    let _ = writeln!(
        out,
        "\nJourney complexity: providers a typical small firm must contact"
    );
    for c in &survey.complexity {
        let _ = writeln!(
            out,
            "  {:<28} from {:<8} {:>2} providers, {:>2} services",
            c.mode.label_in(lang),
            c.stage.label_in(lang),
            c.providers,
            c.services
        );
    }
}

fn more(out: &mut String, total: usize) {
    if total > SHOWN {
        let _ = writeln!(
            out,
            "  … and {} more (see --format json or csv)",
            total - SHOWN
        );
    }
}

fn text(survey: &Survey, compare: Option<&Survey>, kinds: &[MatrixKind], lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Support landscape: {}", heading(survey));
    if let Some(other) = compare {
        let _ = writeln!(out, "Compared with: {}", heading(other));
    }
    for &kind in kinds {
        text_matrix(&mut out, survey, compare, kind);
    }
    text_findings(&mut out, survey, lang);
    if let Some(other) = compare {
        let _ = writeln!(out, "\n=== {} ===", heading(other));
        text_findings(&mut out, other, lang);
    }
    out
}

fn markdown(survey: &Survey, compare: Option<&Survey>, kinds: &[MatrixKind], lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Support landscape: {}\n",
        md_escape(&heading(survey))
    );
    if let Some(other) = compare {
        let _ = writeln!(
            out,
            "Compared with {}; cells read *this area \\| other area*.\n",
            md_escape(&heading(other))
        );
    }
    for &kind in kinds {
        let Some(matrix) = survey.matrix(kind) else {
            continue;
        };
        let other = compare.and_then(|c| c.matrix(kind));
        let _ = writeln!(out, "## {} (services/providers)\n", kind.title());
        let _ = writeln!(out, "| | {} |", matrix.columns.join(" | "));
        let _ = writeln!(out, "| --- |{}", " ---: |".repeat(matrix.columns.len()));
        for (r, row) in matrix.rows.iter().enumerate() {
            let cells: Vec<String> = (0..matrix.columns.len())
                .map(|c| match other {
                    Some(o) => format!("{} \\| {}", cell_text(matrix, r, c), cell_text(o, r, c)),
                    None => cell_text(matrix, r, c),
                })
                .collect();
            let _ = writeln!(out, "| {} | {} |", md_escape(row), cells.join(" | "));
        }
        out.push('\n');
    }
    for s in std::iter::once(survey).chain(compare) {
        let _ = writeln!(out, "## Findings: {}\n", md_escape(&s.area_name));
        let _ = writeln!(out, "### Gaps\n");
        for gap in s.gaps.iter().take(SHOWN) {
            let _ = writeln!(
                out,
                "- **{}** {} — {}",
                gap.severity.label(),
                md_escape(&gap.what),
                md_escape(&gap.why)
            );
        }
        let _ = writeln!(out, "\n### Overlaps\n");
        for o in s.overlaps.iter().take(SHOWN) {
            let cross = if o.cross_tier() {
                " (across tiers)"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "- {} providers: {} at {} for {}{cross}: {}",
                o.count(),
                o.support.label_in(lang),
                o.stage.label_in(lang),
                o.mode.label_in(lang).to_lowercase(),
                md_escape(&o.names().join(", "))
            );
        }
        let _ = writeln!(out, "\n### Likely duplicates\n");
        for d in s.duplicates.iter().take(SHOWN) {
            let _ = writeln!(
                out,
                "- {:.2} `{}` ~ `{}`: {}",
                d.similarity,
                d.first,
                d.second,
                md_escape(&d.reason)
            );
        }
        if !s.programmes.is_empty() {
            let _ = writeln!(out, "\n### Programmes with several doors\n");
            for p in s.programmes.iter().take(SHOWN) {
                let _ = writeln!(out, "- {} doors: {}", p.doors.len(), md_escape(&p.why));
            }
        }
        let _ = writeln!(
            out,
            "\n### Journey complexity\n\n| Mode | Stage | Providers | Services |\n| --- | --- | ---: | ---: |"
        );
        for c in &s.complexity {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                c.mode.label_in(lang),
                c.stage.label_in(lang),
                c.providers,
                c.services
            );
        }
        out.push('\n');
    }
    out
}

fn csv_field(text: &str) -> String {
    let text = sanitize(text);
    if text.contains([',', '"', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.into_owned()
    }
}

fn csv(survey: &Survey, compare: Option<&Survey>, kinds: &[MatrixKind]) -> String {
    let mut out = String::from("area,matrix,row,column,services,providers\n");
    for s in std::iter::once(survey).chain(compare) {
        for &kind in kinds {
            let Some(matrix) = s.matrix(kind) else {
                continue;
            };
            for (r, row) in matrix.rows.iter().enumerate() {
                for (c, column) in matrix.columns.iter().enumerate() {
                    let cell = &matrix.cells[r][c];
                    let _ = writeln!(
                        out,
                        "{},{},{},{},{},{}",
                        csv_field(s.area.code()),
                        kind.name(),
                        csv_field(row),
                        csv_field(column),
                        cell.offers,
                        cell.providers
                    );
                }
            }
        }
    }
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    survey: &'a Survey,
    #[serde(skip_serializing_if = "Option::is_none")]
    compare: Option<&'a Survey>,
}

fn json(survey: &Survey, compare: Option<&Survey>) -> Result<String, serde_json::Error> {
    crate::text::to_json(&JsonReport { survey, compare })
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;margin:.5rem 0 1.5rem}\
th,td{border:1px solid #ccc;padding:.2rem .45rem;font-size:.85rem;text-align:right}th{background:#f4f4f4}td.row{text-align:left}\
.sev-critical{color:#8b0000;font-weight:bold}.sev-high{color:#b3261e}.sev-medium{color:#8a5a00}.sev-low{color:#555}\
@page{size:A4 landscape;margin:12mm}@media print{body{margin:0}}";

fn html(survey: &Survey, compare: Option<&Survey>, kinds: &[MatrixKind], lang: Lang) -> String {
    let e = html_escape;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Support landscape: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        e(&survey.area_name)
    );
    for s in std::iter::once(survey).chain(compare) {
        let _ = writeln!(out, "<h1>Support landscape: {}</h1>", e(&heading(s)));
        for &kind in kinds {
            let Some(matrix) = s.matrix(kind) else {
                continue;
            };
            let max = matrix.max().max(1);
            let _ = writeln!(
                out,
                "<h2>{} <small>(services/providers)</small></h2>\n<table>\n<tr><th></th>",
                kind.title()
            );
            for column in &matrix.columns {
                let _ = write!(out, "<th>{}</th>", e(column));
            }
            let _ = writeln!(out, "</tr>");
            for (r, row) in matrix.rows.iter().enumerate() {
                let _ = write!(out, "<tr><td class=\"row\">{}</td>", e(row));
                for c in 0..matrix.columns.len() {
                    let count = matrix.cells[r][c].offers;
                    // Heat: white for none, deepening blue with the count; the number stays printed.
                    let light = 97 - (count * 55 / max);
                    let _ = write!(
                        out,
                        "<td style=\"background:hsl(210,70%,{light}%)\">{}</td>",
                        e(&cell_text(matrix, r, c))
                    );
                }
                let _ = writeln!(out, "</tr>");
            }
            let _ = writeln!(out, "</table>");
        }
        html_findings(&mut out, s, lang);
        let _ = writeln!(
            out,
            "</ul>\n<h2>Journey complexity</h2>\n<table>\n<tr><th>Mode</th><th>Stage</th><th>Providers</th><th>Services</th></tr>"
        );
        for c in &s.complexity {
            let _ = writeln!(
                out,
                "<tr><td class=\"row\">{}</td><td class=\"row\">{}</td><td>{}</td><td>{}</td></tr>",
                c.mode.label_in(lang),
                c.stage.label_in(lang),
                c.providers,
                c.services
            );
        }
        let _ = writeln!(out, "</table>");
    }
    let _ = writeln!(out, "</body>\n</html>");
    out
}

/// The gaps, overlaps, duplicates and programmes of one survey, as lists;
/// the last list is left open for the journey complexity to close.
fn html_findings(out: &mut String, s: &Survey, lang: Lang) {
    let e = html_escape;
    let _ = writeln!(out, "<h2>Gaps</h2>\n<ul>");
    for gap in &s.gaps {
        let _ = writeln!(
            out,
            "<li><span class=\"sev-{}\">{}</span> {} — {}</li>",
            gap.severity.label(),
            gap.severity.label(),
            e(&gap.what),
            e(&gap.why)
        );
    }
    let _ = writeln!(out, "</ul>\n<h2>Overlaps</h2>\n<ul>");
    for o in &s.overlaps {
        let cross = if o.cross_tier() {
            " (across tiers)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "<li>{} providers: {} at {} for {}{cross}: {}</li>",
            o.count(),
            o.support.label_in(lang),
            o.stage.label_in(lang),
            o.mode.label_in(lang).to_lowercase(),
            e(&o.names().join(", "))
        );
    }
    let _ = writeln!(out, "</ul>\n<h2>Likely duplicates</h2>\n<ul>");
    for d in &s.duplicates {
        let _ = writeln!(
            out,
            "<li>{:.2} {} ~ {}: {}</li>",
            d.similarity,
            e(&d.first),
            e(&d.second),
            e(&d.reason)
        );
    }
    if !s.programmes.is_empty() {
        let _ = writeln!(out, "</ul>\n<h2>Programmes with several doors</h2>\n<ul>");
        for p in &s.programmes {
            let _ = writeln!(out, "<li>{} doors: {}</li>", p.doors.len(), e(&p.why));
        }
    }
}
