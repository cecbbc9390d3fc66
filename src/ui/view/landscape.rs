//! The landscape screen: a heat map of the chosen matrix for the chosen area
//! (the count in every cell, shaded by a symbol as well as colour so it reads
//! in monochrome), the selected cell's services, and the findings in words.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{screen_block, scroll_offset, truncate, wrap};
use crate::i18n::{Counted, Text};
use crate::landscape::Matrix;
use crate::text::sanitize;
use crate::ui::app::{App, Target};
use crate::ui::theme::ThemeName;

/// A cell's shade: a symbol by how full it is, for every theme.
fn shade(count: usize, max: usize) -> char {
    match (count, count * 4 / max.max(1)) {
        (0, _) => '·',
        (_, 0) => '░',
        (_, 1) => '▒',
        (_, 2) => '▓',
        _ => '█',
    }
}

/// A cell's colour in the default theme: none for empty, deepening blue.
fn heat(app: &App, count: usize, max: usize) -> Style {
    if app.theme.name != ThemeName::Default || count == 0 {
        return app.theme.base;
    }
    let level = u8::try_from(count * 4 / max.max(1)).unwrap_or(4).min(4);
    Style::new().fg(Color::Black).bg(match level {
        0 => Color::Indexed(153),
        1 => Color::Indexed(117),
        2 => Color::Indexed(75),
        _ => Color::Indexed(33),
    })
}

pub fn draw(frame: &mut Frame, area: Rect, app: &App, _targets: &mut Vec<Target>) {
    let lang = app.lang;
    let theme = &app.theme;
    let state = &app.landscape;
    let Some(survey) = &state.survey else { return };
    let Some(matrix) = survey.matrix(state.kind) else {
        return;
    };
    let block = screen_block(theme, lang.tr(Text::LandscapeTitle), lang, area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let summary = lang.fill(
        Text::LandscapeSummary,
        &[
            ("area", &survey.area_name),
            (
                "services",
                &lang.count(Counted::LandscapeServices, survey.services as u64, &[]),
            ),
            (
                "providers",
                &lang.count(Counted::LandscapeProviders, survey.providers as u64, &[]),
            ),
            ("matrix", state.kind.title()),
        ],
    );
    let [head, table, detail] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(4),
        Constraint::Length(if inner.height >= 30 { 9 } else { 5 }),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(truncate(&summary, usize::from(head.width))).style(theme.title),
        head,
    );
    if state.findings {
        draw_findings(frame, table.union(detail), app);
        return;
    }
    draw_table(frame, table, app, matrix);
    draw_cell(frame, detail, app, matrix);
}

fn draw_table(frame: &mut Frame, area: Rect, app: &App, matrix: &Matrix) {
    let theme = &app.theme;
    let state = &app.landscape;
    let columns = matrix.columns.len();
    let label_width = usize::from(area.width / 3).clamp(8, 28);
    let cell_width =
        (usize::from(area.width).saturating_sub(label_width + 1) / columns.max(1)).clamp(4, 12);
    // Columns that do not fit scroll with the selection.
    let visible_columns =
        (usize::from(area.width).saturating_sub(label_width + 1) / cell_width).max(1);
    let first_column = scroll_offset(state.column, visible_columns, columns);
    let height = usize::from(area.height).saturating_sub(1);
    let first_row = scroll_offset(state.row, height, matrix.rows.len());
    let max = matrix.max();
    let mut header = vec![Span::raw(format!("{:label_width$} ", ""))];
    for column in matrix
        .columns
        .iter()
        .skip(first_column)
        .take(visible_columns)
    {
        header.push(Span::styled(
            format!("{:>cell_width$}", truncate(column, cell_width - 1)),
            theme.key,
        ));
    }
    let mut lines = vec![Line::from(header)];
    for (r, row) in matrix.rows.iter().enumerate().skip(first_row).take(height) {
        let mut spans = vec![Span::styled(
            format!("{:label_width$} ", truncate(row, label_width)),
            if r == state.row {
                theme.key
            } else {
                theme.base
            },
        )];
        for c in (first_column..columns).take(visible_columns) {
            let cell = &matrix.cells[r][c];
            let count = cell.offers;
            let text = format!("{}{count:>3}", shade(count, max));
            let style = if r == state.row && c == state.column {
                theme.selected
            } else {
                heat(app, count, max)
            };
            spans.push(Span::styled(format!("{text:>cell_width$}"), style));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines).style(theme.base), area);
}

fn draw_cell(frame: &mut Frame, area: Rect, app: &App, matrix: &Matrix) {
    let lang = app.lang;
    let theme = &app.theme;
    let state = &app.landscape;
    let Some(cell) = matrix
        .cells
        .get(state.row)
        .and_then(|r| r.get(state.column))
    else {
        return;
    };
    let title = lang.fill(
        Text::LandscapeCell,
        &[
            ("row", matrix.rows[state.row]),
            ("column", matrix.columns[state.column]),
            (
                "services",
                &lang.count(Counted::LandscapeServices, cell.offers as u64, &[]),
            ),
            (
                "providers",
                &lang.count(Counted::LandscapeProviders, cell.providers as u64, &[]),
            ),
        ],
    );
    let width = usize::from(area.width);
    let mut lines = vec![Line::from(Span::styled(truncate(&title, width), theme.key))];
    if cell.services.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.tr(Text::LandscapeNoServices),
            theme.error,
        )));
    }
    let height = usize::from(area.height).saturating_sub(1);
    let offset = if state.drill {
        scroll_offset(state.drill_selected, height, cell.services.len())
    } else {
        0
    };
    for (i, &service) in cell.services.iter().enumerate().skip(offset).take(height) {
        let s = &app.catalogue.services()[service];
        let provider = app.catalogue.provider_of(s);
        let selected = state.drill && i == state.drill_selected;
        let text = format!(
            "{}{} — {}",
            if selected { "▶ " } else { "  " },
            sanitize(&s.name),
            sanitize(&provider.name)
        );
        lines.push(Line::from(Span::styled(
            truncate(&text, width),
            if selected {
                theme.selected
            } else {
                theme.muted
            },
        )));
    }
    frame.render_widget(Paragraph::new(lines).style(theme.base), area);
}

/// The findings in words, one per entry, under their headings: gaps,
/// overlaps (with the providers' names), likely duplicates (with the
/// services' names) and journey complexity. The cursor walks the entries;
/// the list scrolls to keep the one under it in view.
fn draw_findings(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang;
    let theme = &app.theme;
    let Some(survey) = &app.landscape.survey else {
        return;
    };
    let width = usize::from(area.width).max(3);
    let entries = findings(app, survey);
    let selected = app
        .landscape
        .findings_selected
        .min(entries.len().saturating_sub(1));
    let mut lines: Vec<Line> = Vec::new();
    // Where each entry starts and ends among the lines.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for section in [
        Text::LandscapeGaps,
        Text::LandscapeOverlaps,
        Text::LandscapeDuplicates,
        Text::LandscapeComplexity,
    ] {
        lines.push(Line::from(Span::styled(
            truncate(lang.tr(section), width),
            theme.key,
        )));
        if entries.iter().all(|(s, _)| *s != section) {
            lines.push(Line::from(Span::styled("  —", theme.muted)));
        }
        for (i, (_, texts)) in entries
            .iter()
            .enumerate()
            .filter(|(_, (s, _))| *s == section)
        {
            let start = lines.len();
            let style = if i == selected {
                theme.selected
            } else if section == Text::LandscapeGaps {
                theme.error
            } else {
                theme.base
            };
            for text in texts {
                for (j, part) in wrap(text, width - 2).into_iter().enumerate() {
                    let mark = if i == selected && j == 0 {
                        "▶ "
                    } else {
                        "  "
                    };
                    lines.push(Line::from(vec![
                        Span::styled(mark, theme.key),
                        Span::styled(part, style),
                    ]));
                }
            }
            spans.push((start, lines.len()));
        }
    }
    // Scroll so that the entry under the cursor shows whole, with its
    // section's heading when the first of a section.
    let height = usize::from(area.height);
    let (start, end) = spans.get(selected).copied().unwrap_or((0, 0));
    let offset = end
        .saturating_sub(height)
        .min(start.saturating_sub(1))
        .min(lines.len().saturating_sub(height));
    let shown: Vec<Line> = lines.into_iter().skip(offset).collect();
    frame.render_widget(Paragraph::new(shown).style(theme.base), area);
}

/// The survey's findings in words, each with the section it goes under, in
/// the order the cursor walks them.
fn findings(app: &App, survey: &crate::landscape::Survey) -> Vec<(Text, Vec<String>)> {
    let lang = app.lang;
    let mut entries: Vec<(Text, Vec<String>)> = Vec::new();
    for gap in &survey.gaps {
        entries.push((
            Text::LandscapeGaps,
            vec![format!(
                "{} · {}",
                gap.severity.label(),
                sanitize(&gap.what)
            )],
        ));
    }
    for o in &survey.overlaps {
        let cross = if o.cross_tier() { " ⇄" } else { "" };
        // Providers by name, then each programme (its doors counting as
        // one provider) by its name.
        let names: Vec<String> = o
            .providers
            .iter()
            .map(|id| provider_name(app, id))
            .chain(o.programmes.iter().map(|id| {
                let name = app
                    .catalogue
                    .programmes()
                    .iter()
                    .find(|p| p.id.as_str() == id)
                    .map_or(id.as_str(), |p| p.name.as_str());
                sanitize(name).into_owned()
            }))
            .collect();
        entries.push((
            Text::LandscapeOverlaps,
            vec![format!(
                "{} × {} · {} · {}: {}{cross}",
                o.support.label_in(lang),
                o.stage.label_in(lang),
                o.mode.label_in(lang),
                o.count(),
                names.join(", ")
            )],
        ));
    }
    for d in &survey.duplicates {
        entries.push((
            Text::LandscapeDuplicates,
            vec![format!(
                "{:.2} {} ~ {}",
                d.similarity,
                service_name(app, &d.first),
                service_name(app, &d.second)
            )],
        ));
    }
    for c in &survey.complexity {
        entries.push((
            Text::LandscapeComplexity,
            vec![lang.fill(
                Text::LandscapeComplexityRow,
                &[
                    ("mode", c.mode.label_in(lang)),
                    ("stage", c.stage.label_in(lang)),
                    (
                        "services",
                        &lang.count(Counted::LandscapeServices, c.services as u64, &[]),
                    ),
                    (
                        "providers",
                        &lang.count(Counted::LandscapeProviders, c.providers as u64, &[]),
                    ),
                ],
            )],
        ));
    }
    entries
}

/// A provider's name for display, or its id if the catalogue has none.
fn provider_name(app: &App, id: &str) -> String {
    let name = app
        .catalogue
        .provider(&crate::catalogue::ProviderId::new(id))
        .map_or(id, |p| p.name.as_str());
    sanitize(name).into_owned()
}

/// A service's name for display, or its id if the catalogue has none.
fn service_name(app: &App, id: &str) -> String {
    let name = app.catalogue.service(id).map_or(id, |s| s.name.as_str());
    sanitize(name).into_owned()
}
