//! The results: the eight dimensions as bars with bands and scores (weakest
//! first), the stage and why, the top needs, then the journey stage by stage —
//! the current stage marked, each service with its provider and next step,
//! the gaps with their fallback.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{row_target, screen_block, truncate, wrap};
use crate::i18n::{Text, fill, tr};
use crate::text::sanitize;
use crate::ui::app::{App, Outcome, Target};
use crate::ui::keymap::Action;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, targets: &mut Vec<Target>) {
    let theme = &app.theme;
    let Some(outcome) = &app.outcome else { return };
    let name = outcome
        .profile
        .company
        .name
        .as_deref()
        .map_or_else(String::new, |n| format!(" — {}", sanitize(n)));
    let block = screen_block(theme, &format!("{}{name}", tr(Text::ResultsTitle)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let top_height = if inner.height >= 24 { 11 } else { 10 }.min(inner.height / 2);
    let [top, journey] =
        Layout::vertical([Constraint::Length(top_height), Constraint::Min(1)]).areas(inner);
    let [readiness, stage] =
        Layout::horizontal([Constraint::Percentage(48), Constraint::Percentage(52)]).areas(top);
    draw_readiness(frame, readiness, app, outcome);
    draw_stage(frame, stage, app, outcome);
    draw_journey(frame, journey, app, outcome, targets);
}

fn draw_readiness(frame: &mut Frame, area: Rect, app: &App, outcome: &Outcome) {
    let theme = &app.theme;
    let mut dims: Vec<_> = outcome.profile.dimensions.iter().collect();
    dims.sort_by_key(|d| (d.score.is_none(), d.score));
    // Label (11), bar, score (5), band name ("developing", 10), a space apart.
    // With an earlier assessment of this client, each score shows its change.
    let delta = app.client.as_ref().and_then(|c| c.record.delta(&app.bank));
    let reserved = if delta.is_some() { 32 } else { 28 };
    let bar_width = usize::from(area.width.saturating_sub(reserved)).clamp(3, 20);
    let mut lines = vec![Line::from(Span::styled(tr(Text::Readiness), theme.key))];
    for d in dims {
        let label = format!("{:<11}", d.dimension.label());
        match (d.score, d.band) {
            (Some(score), band) => {
                let filled = (usize::from(score) * bar_width).div_ceil(100);
                let bar = format!("{}{}", "█".repeat(filled), "░".repeat(bar_width - filled));
                let band_name = band.map_or("", crate::vocab::Band::label);
                lines.push(Line::from(vec![
                    Span::styled(label, theme.base),
                    Span::styled(bar, theme.band(band)),
                    Span::styled(format!(" {score:>3} "), theme.base),
                    Span::styled(format!("{band_name:<11}"), theme.band(band)),
                    Span::styled(
                        delta
                            .as_ref()
                            .and_then(|delta| delta.change(d.dimension))
                            .map(|c| format!("{c:+}"))
                            .unwrap_or_default(),
                        theme.muted,
                    ),
                ]));
            }
            (None, _) => lines.push(Line::from(vec![
                Span::styled(label, theme.base),
                Span::styled(tr(Text::NotAssessed), theme.muted),
            ])),
        }
    }
    frame.render_widget(Paragraph::new(lines).style(theme.base), area);
}

fn draw_stage(frame: &mut Frame, area: Rect, app: &App, outcome: &Outcome) {
    let theme = &app.theme;
    let width = usize::from(area.width.saturating_sub(1)).max(1);
    let profile = &outcome.profile;
    let mut lines = vec![Line::from(Span::styled(
        fill(Text::StageNow, &[("stage", profile.stage.label())]),
        theme.current,
    ))];
    for part in wrap(&profile.stage_reason, width).into_iter().take(3) {
        lines.push(Line::from(Span::styled(part, theme.muted)));
    }
    if let Some(delta) = app.client.as_ref().and_then(|c| c.record.delta(&app.bank)) {
        let was = fill(
            Text::StageWas,
            &[
                ("date", &delta.since),
                ("stage", delta.stage_before.label()),
            ],
        );
        lines.push(Line::from(Span::styled(truncate(&was, width), theme.key)));
    }
    lines.push(Line::from(Span::styled(tr(Text::TopNeeds), theme.key)));
    if profile.needs.is_empty() {
        lines.push(Line::from(Span::styled(tr(Text::NoNeeds), theme.muted)));
    }
    for (i, need) in profile.needs.iter().take(3).enumerate() {
        let text = format!(
            "{}. {} ({})",
            i + 1,
            need.need.label(),
            need.need.dimension()
        );
        lines.push(Line::from(Span::styled(truncate(&text, width), theme.base)));
    }
    frame.render_widget(Paragraph::new(lines).style(theme.base), area);
}

fn draw_journey(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    outcome: &Outcome,
    targets: &mut Vec<Target>,
) {
    let theme = &app.theme;
    let width = usize::from(area.width.saturating_sub(1)).max(1);
    let mut lines: Vec<Line> = vec![Line::from(Span::styled(tr(Text::JourneyTitle), theme.key))];
    if let Some(note) = outcome.journey.outside_note() {
        for line in crate::ui::view::wrap(&note, width) {
            lines.push(Line::from(Span::styled(line, theme.error)));
        }
    }
    // (line index, step index) of each selectable service.
    let mut step_lines: Vec<(usize, usize)> = Vec::new();
    let mut step = 0;
    for plan in &outcome.journey.stages {
        let (marker, style) = if plan.current {
            ("▶ ", theme.current)
        } else {
            ("  ", theme.base)
        };
        let here = if plan.current {
            format!(" ({})", tr(Text::YouAreHere))
        } else {
            String::new()
        };
        lines.push(Line::from(Span::styled(
            format!("{marker}{}{here}", plan.stage.label()),
            style,
        )));
        if plan.steps.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("    {}", tr(Text::NoServiceForStage)),
                theme.muted,
            )));
        }
        for (i, s) in plan.steps.iter().enumerate() {
            let selected = step == app.results.selected;
            let text = format!(
                "{}. {} — {}",
                i + 1,
                sanitize(&s.name),
                sanitize(&s.provider)
            );
            step_lines.push((lines.len(), step));
            lines.push(Line::from(vec![
                Span::styled(if selected { "  ▶ " } else { "    " }, theme.key),
                Span::styled(
                    truncate(&text, width.saturating_sub(4)),
                    if selected { theme.selected } else { theme.base },
                ),
            ]));
            let next = next_step_line(app, s);
            lines.push(Line::from(Span::styled(
                format!("       {}", truncate(&next, width.saturating_sub(7))),
                theme.muted,
            )));
            step += 1;
        }
    }
    let gap_lines = push_gaps(&mut lines, app, outcome, step, width);
    // Keep the selected row and the line under it (a service's next step, a
    // gap's fallback) in view.
    let height = usize::from(area.height);
    let focus = step_lines
        .iter()
        .chain(&gap_lines)
        .find(|(_, s)| *s == app.results.selected)
        .map_or(0, |(line, _)| *line + 1);
    let offset = focus
        .saturating_sub(height.saturating_sub(1))
        .min(lines.len().saturating_sub(height));
    for (line, s) in &step_lines {
        if *line >= offset && *line < offset + height {
            let y = area.y + u16::try_from(line - offset).unwrap_or(0);
            targets.push(row_target(area, y, 1, Action::Pick(*s)));
        }
    }
    let shown: Vec<Line> = lines.into_iter().skip(offset).collect();
    frame.render_widget(Paragraph::new(shown).style(theme.base), area);
}

/// The needs no service meets, each with its fallback, appended to `lines`;
/// returns `(line index, row index)` of each, its rows following the
/// `first_row` services.
fn push_gaps(
    lines: &mut Vec<Line<'static>>,
    app: &App,
    outcome: &Outcome,
    first_row: usize,
    width: usize,
) -> Vec<(usize, usize)> {
    let theme = &app.theme;
    let mut gap_lines = Vec::new();
    if outcome.journey.gaps.is_empty() {
        return gap_lines;
    }
    lines.push(Line::from(Span::styled(tr(Text::GapsTitle), theme.key)));
    for (g, gap) in outcome.journey.gaps.iter().enumerate() {
        let row = first_row + g;
        let selected = row == app.results.selected;
        gap_lines.push((lines.len(), row));
        lines.push(Line::from(vec![
            Span::styled(if selected { "▶ " } else { "  " }, theme.key),
            Span::styled(
                truncate(&format!("• {}", gap.need.label()), width.saturating_sub(2)),
                if selected {
                    theme.selected
                } else {
                    theme.error
                },
            ),
        ]));
        let ask = fill(
            Text::GapAsk,
            &[
                ("name", &sanitize(&gap.fallback.name)),
                ("provider", &sanitize(&gap.fallback.provider)),
            ],
        );
        lines.push(Line::from(Span::styled(
            format!("    {}", truncate(&ask, width.saturating_sub(4))),
            theme.muted,
        )));
    }
    gap_lines
}

/// A step's next step, after its referral marks; when the service has no
/// text in the language spoken, marked as English before the text (which
/// may be cut at the right).
fn next_step_line(app: &App, step: &crate::journey::Step) -> String {
    let marks = app
        .client
        .as_ref()
        .and_then(|c| c.record.services.get(&step.service))
        .map(|m| m.in_words(", "))
        .filter(|m| !m.is_empty())
        .map(|m| format!("[{m}] "))
        .unwrap_or_default();
    format!(
        "{marks}{}{}: {}",
        tr(Text::NextStep),
        step.english_mark(),
        sanitize(&step.next_step)
    )
}
