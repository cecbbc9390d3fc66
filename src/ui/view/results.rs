//! The results: the eight dimensions as bars with bands and scores (weakest
//! first), the stage and why, the top needs, then the journey stage by stage —
//! the current stage marked, each service with its provider and next step,
//! the gaps with their fallback. What it says comes from the referral's
//! document model ([`crate::report::Referral`]); this file only lays it out.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{WIDE, fit_line, fit_rows, row_target, screen_block, truncate, wrap};
use crate::i18n::{Lang, Text};
use crate::report::{Referral, Route, StepItem};
use crate::ui::app::{App, Target};
use crate::ui::keymap::Action;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, targets: &mut Vec<Target>) {
    let lang = app.lang;
    let theme = &app.theme;
    let Some(outcome) = &app.outcome else { return };
    let client = app.client.as_ref();
    let referral = Referral::new(&outcome.profile, Some(&outcome.journey), lang)
        .with_marks(client.map_or(&std::collections::BTreeMap::new(), |c| &c.record.services))
        .with_delta(client.and_then(|c| c.record.delta(&app.bank)));
    let name = referral
        .company
        .name
        .as_deref()
        .map_or_else(String::new, |n| format!(" — {n}"));
    let block = screen_block(
        theme,
        &format!("{}{name}", lang.tr(Text::ResultsTitle)),
        lang,
        area.width,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if area.width >= WIDE {
        draw_wide(frame, inner, app, &referral, targets);
        return;
    }
    let top_height = if inner.height >= 24 { 11 } else { 10 }.min(inner.height / 2);
    let [top, journey] =
        Layout::vertical([Constraint::Length(top_height), Constraint::Min(1)]).areas(inner);
    let [readiness, stage] =
        Layout::horizontal([Constraint::Percentage(48), Constraint::Percentage(52)]).areas(top);
    draw_readiness(frame, readiness, app, &referral, 20);
    let width = usize::from(stage.width.saturating_sub(1)).max(1);
    // The reason gets the rows the stage, the earlier stage, the needs'
    // heading and the three needs leave.
    let fixed = 2
        + usize::from(referral.stage.before.is_some())
        + usize::from(app.results.what_if.is_some())
        + referral.needs.len().clamp(1, 3);
    let reason_rows = usize::from(stage.height).saturating_sub(fixed).max(1);
    let lines = stage_lines(app, &referral, width, Some(reason_rows), 3);
    frame.render_widget(Paragraph::new(lines).style(theme.base), stage);
    if let Some(route) = &referral.journey {
        draw_journey(frame, journey, app, route, targets);
    }
}

/// The widest the readiness bars grow on a wide screen: past this, longer
/// bars only stretch the same scores.
const WIDE_BAR: u16 = 50;

/// The results on a wide screen: the readiness with longer bars beside the
/// stage and every need; below, the journey beside the details of the
/// selected service or gap.
fn draw_wide(
    frame: &mut Frame,
    inner: Rect,
    app: &App,
    referral: &Referral,
    targets: &mut Vec<Target>,
) {
    let theme = &app.theme;
    // Label, bar, score, band and change take 32 columns beside the bar.
    let readiness_width = (inner.width * 48 / 100).min(WIDE_BAR + 32);
    let stage_width = usize::from(inner.width.saturating_sub(readiness_width + 1)).max(1);
    let lines = stage_lines(app, referral, stage_width, None, referral.needs.len());
    let readiness_rows = u16::try_from(referral.readiness.len() + 2).unwrap_or(u16::MAX);
    let stage_rows = u16::try_from(lines.len() + 1).unwrap_or(u16::MAX);
    let top_height = readiness_rows.max(stage_rows).min(inner.height / 2);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(top_height), Constraint::Min(1)]).areas(inner);
    let [readiness, stage] =
        Layout::horizontal([Constraint::Length(readiness_width), Constraint::Min(1)]).areas(top);
    draw_readiness(frame, readiness, app, referral, usize::from(WIDE_BAR));
    let lines = fit_rows(lines, stage_width, usize::from(stage.height));
    frame.render_widget(Paragraph::new(lines).style(theme.base), stage);
    let Some(route) = &referral.journey else {
        return;
    };
    let [list, pane] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(bottom);
    draw_journey(frame, list, app, route, targets);
    draw_selected(frame, pane, app, route);
}

/// The details of the journey's selected row: a service as the details
/// screen shows it, or a need no service meets with whom to ask instead.
fn draw_selected(frame: &mut Frame, pane: Rect, app: &App, route: &Route) {
    let lang = app.lang;
    let theme = &app.theme;
    let steps: Vec<&StepItem> = route.stages.iter().flat_map(|leg| &leg.steps).collect();
    let selected = app.results.selected;
    if let Some(step) = steps.get(selected) {
        let Some(service) = app
            .catalogue
            .position(&step.service)
            .and_then(|i| app.catalogue.services().get(i))
        else {
            return;
        };
        let lines = super::details::service_lines(app, service, &step.reasons, false);
        super::details::pane(frame, pane, app, &step.name, &lines);
    } else if let Some(gap) = route.gaps.get(selected - steps.len()) {
        let ask = lang.fill(
            Text::GapAsk,
            &[("name", &gap.name), ("provider", &gap.provider)],
        );
        let mut lines = vec![
            Line::from(Span::styled(lang.tr(Text::GapsTitle), theme.key)),
            Line::default(),
            Line::from(Span::styled(ask, theme.base)),
        ];
        // The service to ask, in full, when the catalogue has it (the last
        // resort, the network's contact page, is a page only).
        let fallback = app
            .catalogue
            .services()
            .iter()
            .find(|s| s.name == gap.name && s.url() == gap.url);
        if let Some(service) = fallback {
            lines.push(Line::default());
            lines.extend(super::details::service_lines(app, service, &[], false));
        } else {
            lines.push(Line::from(Span::styled(gap.url.clone(), theme.highlight)));
        }
        super::details::pane(frame, pane, app, gap.label, &lines);
    }
}

/// The readiness bars, at most `max_bar` cells long.
fn draw_readiness(frame: &mut Frame, area: Rect, app: &App, referral: &Referral, max_bar: usize) {
    let lang = app.lang;
    let theme = &app.theme;
    // Label (11), bar, score (5), band name ("developing", 10), a space apart.
    // With an earlier assessment of this client, each score shows its change.
    // A label longer than the usual 10 columns ("Experiência") widens the
    // column, so that the bar never touches it.
    let label_width = referral
        .readiness
        .iter()
        .map(|d| unicode_width::UnicodeWidthStr::width(d.label) + 1)
        .max()
        .unwrap_or(11)
        .max(11);
    let reserved = if referral.since().is_some() { 32 } else { 28 } + (label_width - 11);
    let reserved = u16::try_from(reserved).unwrap_or(u16::MAX);
    let bar_width = usize::from(area.width.saturating_sub(reserved)).clamp(3, max_bar);
    let mut lines = vec![Line::from(Span::styled(
        lang.tr(Text::Readiness),
        theme.key,
    ))];
    for d in referral.weakest_first() {
        let label = format!("{:<label_width$}", d.label);
        match (d.score, d.band) {
            (Some(score), band) => {
                let filled = (usize::from(score) * bar_width).div_ceil(100);
                let bar = format!("{}{}", "█".repeat(filled), "░".repeat(bar_width - filled));
                let band_name = band.map_or("", |b| b.label_in(lang));
                lines.push(Line::from(vec![
                    Span::styled(label, theme.base),
                    Span::styled(bar, theme.band(band)),
                    Span::styled(format!(" {score:>3} "), theme.base),
                    Span::styled(format!("{band_name:<11}"), theme.band(band)),
                    Span::styled(d.change_text(), theme.muted),
                ]));
            }
            (None, _) => lines.push(Line::from(vec![
                Span::styled(label, theme.base),
                Span::styled(lang.tr(Text::NotAssessed), theme.muted),
            ])),
        }
    }
    // A language's longer words must not run past the column unmarked.
    let width = usize::from(area.width);
    let lines: Vec<Line> = lines.into_iter().map(|l| fit_line(l, width)).collect();
    frame.render_widget(Paragraph::new(lines).style(theme.base), area);
}

/// The stage and why (`reason_rows` lines of it at most), then the first
/// `needs` of the needs.
fn stage_lines(
    app: &App,
    referral: &Referral,
    width: usize,
    reason_rows: Option<usize>,
    needs: usize,
) -> Vec<Line<'static>> {
    let lang = app.lang;
    let theme = &app.theme;
    let stage = &referral.stage;
    let mut lines = vec![Line::from(Span::styled(
        lang.fill(Text::StageNow, &[("stage", stage.label)]),
        theme.current,
    ))];
    if let Some(what_if) = &app.results.what_if {
        let changed = what_if_text(what_if, lang);
        lines.push(Line::from(Span::styled(
            truncate(&changed, width),
            theme.highlight,
        )));
    }
    // When the reason has more lines than its room, the last shown says so.
    let reason: Vec<Line<'static>> = wrap(&stage.reason, width)
        .into_iter()
        .map(|part| Line::from(Span::styled(part, theme.muted)))
        .collect();
    lines.extend(fit_rows(reason, width, reason_rows.unwrap_or(usize::MAX)));
    if let Some(before) = &stage.before {
        let was = lang.fill(
            Text::StageWas,
            &[("date", &before.since), ("stage", before.label)],
        );
        lines.push(Line::from(Span::styled(truncate(&was, width), theme.key)));
    }
    lines.push(Line::from(Span::styled(lang.tr(Text::TopNeeds), theme.key)));
    if referral.needs.is_empty() {
        lines.push(Line::from(Span::styled(
            lang.tr(Text::NoNeeds),
            theme.muted,
        )));
    }
    for (i, need) in referral.needs.iter().take(needs).enumerate() {
        let text = format!("{}. {} ({})", i + 1, need.label, need.dimension);
        lines.push(Line::from(Span::styled(truncate(&text, width), theme.base)));
    }
    lines
}

fn draw_journey(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    route: &Route,
    targets: &mut Vec<Target>,
) {
    let lang = app.lang;
    let theme = &app.theme;
    let width = usize::from(area.width.saturating_sub(1)).max(1);
    let mut lines: Vec<Line> = vec![Line::from(Span::styled(
        lang.tr(Text::JourneyTitle),
        theme.key,
    ))];
    if let Some(note) = &route.outside {
        for line in crate::ui::view::wrap(note, width) {
            lines.push(Line::from(Span::styled(line, theme.error)));
        }
    }
    // (line index, step index) of each selectable service.
    let mut step_lines: Vec<(usize, usize)> = Vec::new();
    let mut step = 0;
    for leg in &route.stages {
        let (marker, style) = if leg.current {
            ("▶ ", theme.current)
        } else {
            ("  ", theme.base)
        };
        lines.push(Line::from(Span::styled(
            format!("{marker}{}", leg.heading),
            style,
        )));
        if leg.steps.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("    {}", lang.tr(Text::NoServiceForStage)),
                theme.muted,
            )));
        }
        for (i, s) in leg.steps.iter().enumerate() {
            let selected = step == app.results.selected;
            let text = format!("{}. {} — {}", i + 1, s.name, s.provider);
            step_lines.push((lines.len(), step));
            lines.push(Line::from(vec![
                Span::styled(if selected { "  ▶ " } else { "    " }, theme.key),
                Span::styled(
                    truncate(&text, width.saturating_sub(4)),
                    if selected { theme.selected } else { theme.base },
                ),
            ]));
            let next = next_step_line(s, lang);
            lines.push(Line::from(Span::styled(
                format!("       {}", truncate(&next, width.saturating_sub(7))),
                theme.muted,
            )));
            step += 1;
        }
    }
    let gap_lines = push_gaps(&mut lines, app, route, step, width);
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
    route: &Route,
    first_row: usize,
    width: usize,
) -> Vec<(usize, usize)> {
    let lang = app.lang;
    let theme = &app.theme;
    let mut gap_lines = Vec::new();
    if route.gaps.is_empty() {
        return gap_lines;
    }
    lines.push(Line::from(Span::styled(
        lang.tr(Text::GapsTitle),
        theme.key,
    )));
    for (g, gap) in route.gaps.iter().enumerate() {
        let row = first_row + g;
        let selected = row == app.results.selected;
        gap_lines.push((lines.len(), row));
        lines.push(Line::from(vec![
            Span::styled(if selected { "▶ " } else { "  " }, theme.key),
            Span::styled(
                truncate(&format!("• {}", gap.label), width.saturating_sub(2)),
                if selected {
                    theme.selected
                } else {
                    theme.error
                },
            ),
        ]));
        let ask = lang.fill(
            Text::GapAsk,
            &[("name", &gap.name), ("provider", &gap.provider)],
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
fn next_step_line(step: &StepItem, lang: Lang) -> String {
    let marks = if step.marks.is_empty() {
        String::new()
    } else {
        format!("[{}] ", step.marks.join(", "))
    };
    format!(
        "{marks}{}{}: {}",
        lang.tr(Text::NextStep),
        step.english_mark(),
        step.next_step
    )
}

/// What moved since the answer was changed, in one line: the stage, each
/// dimension's score, and how many services entered and left the journey.
fn what_if_text(what_if: &crate::whatif::WhatIf, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some((from, to)) = what_if.stage {
        parts.push(lang.fill(
            Text::WhatIfStage,
            &[("from", from.label_in(lang)), ("to", to.label_in(lang))],
        ));
    }
    for &(dimension, change) in &what_if.dimensions {
        parts.push(format!("{} {change:+}", dimension.label_in(lang)));
    }
    if !what_if.entered.is_empty() || !what_if.left.is_empty() {
        parts.push(lang.fill(
            Text::WhatIfServices,
            &[
                ("new", &what_if.entered.len().to_string()),
                ("gone", &what_if.left.len().to_string()),
            ],
        ));
    }
    lang.fill(Text::WhatIfChanged, &[("changes", &parts.join(" · "))])
}
