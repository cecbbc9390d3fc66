//! The landscape screen: a heat map of the chosen matrix for the chosen area
//! (the count in every cell, shaded by a symbol as well as colour so it reads
//! in monochrome), the selected cell's services, and the findings in words.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{screen_block, scroll_offset, truncate};
use crate::i18n::{Counted, Text, count, fill, tr};
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
    let theme = &app.theme;
    let state = &app.landscape;
    let Some(survey) = &state.survey else { return };
    let Some(matrix) = survey.matrix(state.kind) else {
        return;
    };
    let block = screen_block(theme, tr(Text::LandscapeTitle));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let summary = fill(
        Text::LandscapeSummary,
        &[
            ("area", &survey.area_name),
            (
                "services",
                &count(Counted::LandscapeServices, survey.services as u64, &[]),
            ),
            (
                "providers",
                &count(Counted::LandscapeProviders, survey.providers as u64, &[]),
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
    let theme = &app.theme;
    let state = &app.landscape;
    let Some(cell) = matrix
        .cells
        .get(state.row)
        .and_then(|r| r.get(state.column))
    else {
        return;
    };
    let title = fill(
        Text::LandscapeCell,
        &[
            ("row", matrix.rows[state.row]),
            ("column", matrix.columns[state.column]),
            (
                "services",
                &count(Counted::LandscapeServices, cell.offers as u64, &[]),
            ),
            (
                "providers",
                &count(Counted::LandscapeProviders, cell.providers as u64, &[]),
            ),
        ],
    );
    let width = usize::from(area.width);
    let mut lines = vec![Line::from(Span::styled(truncate(&title, width), theme.key))];
    if cell.services.is_empty() {
        lines.push(Line::from(Span::styled(
            tr(Text::LandscapeNoServices),
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

fn draw_findings(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let Some(survey) = &app.landscape.survey else {
        return;
    };
    let mut lines = vec![Line::from(Span::styled(tr(Text::LandscapeGaps), theme.key))];
    for gap in &survey.gaps {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<9}", gap.severity.label()), theme.error),
            Span::styled(gap.what.clone(), theme.base),
        ]));
    }
    lines.push(Line::from(Span::styled(
        tr(Text::LandscapeOverlaps),
        theme.key,
    )));
    for o in &survey.overlaps {
        let cross = if o.cross_tier() { " ⇄" } else { "" };
        lines.push(Line::from(Span::styled(
            format!(
                "{} × {} · {} · {}: {}{cross}",
                o.support.label(),
                o.stage.label(),
                o.mode.label(),
                o.count(),
                sanitize(&o.names().join(", "))
            ),
            theme.base,
        )));
    }
    lines.push(Line::from(Span::styled(
        tr(Text::LandscapeDuplicates),
        theme.key,
    )));
    for d in &survey.duplicates {
        lines.push(Line::from(Span::styled(
            format!("{:.2} {} ~ {}", d.similarity, d.first, d.second),
            theme.base,
        )));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.base)
            .wrap(Wrap { trim: false }),
        area,
    );
}
