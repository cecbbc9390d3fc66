//! Type-ahead search: the query with its cursor, the filters, the hits with
//! matched characters highlighted, and a details pane of the selected hit
//! (on a wide screen, all the details screen shows of it).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{WIDE, highlighted, row_target, screen_block, scroll_offset, truncate};
use crate::catalogue::Area;
use crate::i18n::{Counted, Text};
use crate::search::{Field, highlight_in};
use crate::text::sanitize;
use crate::ui::app::{App, Target};
use crate::ui::keymap::Action;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, targets: &mut Vec<Target>) {
    let lang = app.lang;
    let theme = &app.theme;
    let state = &app.search;
    let block = screen_block(theme, lang.tr(Text::SearchTitle), lang, area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let filter_lines = filter_lines(app, usize::from(inner.width));
    let [query, filters, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::try_from(filter_lines.len()).unwrap_or(1)),
        Constraint::Min(1),
    ])
    .areas(inner);

    draw_query(frame, query, app);
    frame.render_widget(Paragraph::new(filter_lines), filters);
    // On a wide screen the pane beside the hits shows all the details
    // screen would, and the hits get a little less than half.
    let wide = area.width >= WIDE;
    let split = if wide { 45 } else { 50 };
    let [list, pane] = Layout::horizontal([
        Constraint::Percentage(split),
        Constraint::Percentage(100 - split),
    ])
    .areas(body);
    // A column between the hits and the pane's rule.
    let list = if wide {
        Rect {
            width: list.width.saturating_sub(1),
            ..list
        }
    } else {
        list
    };
    if state.hits.is_empty() {
        let message = if state.input.value().trim().is_empty() {
            Text::SearchEmpty
        } else {
            Text::SearchNoHits
        };
        frame.render_widget(
            Paragraph::new(lang.tr(message))
                .style(theme.muted)
                .wrap(Wrap { trim: true }),
            list,
        );
        return;
    }
    // Two rows per hit: the name (matches highlighted) and the provider.
    let per_page = usize::from(list.height / 2).max(1);
    let offset = scroll_offset(state.selected, per_page, state.hits.len());
    let width = usize::from(list.width.saturating_sub(3));
    let mut lines = Vec::new();
    for (i, hit) in state.hits.iter().enumerate().skip(offset).take(per_page) {
        let service = &app.catalogue.services()[hit.service];
        let provider = app.catalogue.provider_of(service);
        let selected = i == state.selected;
        let base = if selected { theme.selected } else { theme.base };
        let positions: Vec<usize> = highlight_in(Field::Name, &service.name, &state.hits_query)
            .into_iter()
            .filter(|&p| p < width)
            .collect();
        let mut name = vec![Span::styled(if selected { "▶ " } else { "  " }, theme.key)];
        name.extend(highlighted(
            &truncate(&service.name, width),
            &positions,
            base,
            theme.highlight,
        ));
        lines.push(Line::from(name));
        lines.push(Line::from(Span::styled(
            format!("   {}", truncate(&sanitize(&provider.name), width)),
            theme.muted,
        )));
        let y = list.y + u16::try_from((i - offset) * 2).unwrap_or(0);
        targets.push(row_target(list, y, 2, Action::Pick(i)));
    }
    frame.render_widget(Paragraph::new(lines).style(theme.base), list);

    if wide {
        if let Some(service) = state
            .hits
            .get(state.selected)
            .and_then(|hit| app.catalogue.services().get(hit.service))
        {
            let lines = super::details::service_lines(app, service, &[], false);
            super::details::pane(frame, pane, app, &service.name, &lines);
        }
    } else {
        draw_pane(frame, pane, app);
    }
}

fn draw_query(frame: &mut Frame, query: Rect, app: &App) {
    let lang = app.lang;
    let theme = &app.theme;
    let state = &app.search;
    let prompt = format!("{}: ", lang.tr(Text::SearchPrompt));
    let prompt_width = prompt.chars().count();
    let shown_width = usize::from(query.width)
        .saturating_sub(prompt_width + 1)
        .max(1);
    let scroll = state.input.visual_scroll(shown_width);
    let value: String = sanitize(state.input.value())
        .chars()
        .skip(scroll)
        .take(shown_width)
        .collect();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(prompt, theme.key),
            Span::styled(value, theme.highlight),
        ])),
        query,
    );
    let cursor = prompt_width + state.input.visual_cursor().saturating_sub(scroll);
    frame.set_cursor_position(Position::new(
        query.x
            + u16::try_from(cursor)
                .unwrap_or(0)
                .min(query.width.saturating_sub(1)),
        query.y,
    ));
}

/// The filters and the count of hits, each filter whole: on one line
/// where they fit, else on two (the second cut with `…` if even two are
/// too few).
fn filter_lines(app: &App, width: usize) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthStr;
    let lang = app.lang;
    let theme = &app.theme;
    let state = &app.search;
    let any = lang.tr(Text::FilterAny);
    let filter = |label: Text, value: Option<String>, key: &str| {
        vec![
            Span::styled(format!("{key} "), theme.key),
            Span::styled(format!("{}: ", lang.tr(label)), theme.muted),
            Span::styled(value.unwrap_or_else(|| any.to_owned()), theme.base),
        ]
    };
    // While the worker searches, the hits of the last query stay on screen.
    let count = if app.searching() {
        lang.tr(Text::Searching).to_owned()
    } else {
        lang.count(Counted::HitsCount, state.hits.len() as u64, &[])
    };
    let items = [
        filter(
            Text::FilterMode,
            state.mode.map(|m| m.label_in(lang).to_owned()),
            "F2",
        ),
        filter(
            Text::FilterStage,
            state.stage.map(|s| s.label_in(lang).to_owned()),
            "F3",
        ),
        filter(
            Text::FilterSupport,
            state.support.map(|s| s.label_in(lang).to_owned()),
            "F4",
        ),
        filter(
            Text::FilterArea,
            state.area.as_ref().map(|a| a.name_in(lang)),
            "F5",
        ),
        vec![Span::styled(count, theme.muted)],
    ];
    let mut lines: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0;
    for item in items {
        let item_width: usize = item.iter().map(|s| s.content.width()).sum();
        if used > 0 && used + 2 + item_width > width {
            lines.push(Vec::new());
            used = 0;
        }
        let line = lines.last_mut().expect("a line");
        if used > 0 {
            line.push(Span::raw("  "));
            used += 2;
        }
        line.extend(item);
        used += item_width;
    }
    let lines: Vec<Line<'static>> = lines
        .into_iter()
        .map(|spans| {
            // An item wider than the line itself is cut, marked.
            let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
            if text.width() > width {
                Line::from(Span::styled(truncate(&text, width), theme.base))
            } else {
                Line::from(spans)
            }
        })
        .collect();
    super::fit_rows(lines, width, 2)
}

/// The details of the selected hit.
fn draw_pane(frame: &mut Frame, pane: Rect, app: &App) {
    let lang = app.lang;
    let theme = &app.theme;
    let state = &app.search;
    if let Some(hit) = state.hits.get(state.selected) {
        let service = &app.catalogue.services()[hit.service];
        let provider = app.catalogue.provider_of(service);
        let areas: Vec<String> = service
            .areas
            .iter()
            .map(|a| Area::name_in(a, lang))
            .collect();
        let pane_lines = vec![
            Line::from(Span::styled(
                sanitize(&service.name).into_owned(),
                theme.title,
            )),
            Line::from(Span::styled(
                sanitize(&provider.name).into_owned(),
                theme.muted,
            )),
            Line::default(),
            Line::from(super::localized(service.summary_in(app.lang), theme, lang)),
            Line::default(),
            Line::from(vec![
                Span::styled(format!("{}: ", lang.tr(Text::Areas)), theme.key),
                Span::styled(areas.join(", "), theme.base),
            ]),
            Line::from(
                [Span::styled(
                    format!("{}: ", lang.tr(Text::NextStep)),
                    theme.key,
                )]
                .into_iter()
                .chain(super::localized(
                    service.next_step_in(app.lang),
                    theme,
                    lang,
                ))
                .collect::<Vec<_>>(),
            ),
            Line::from(Span::styled(
                sanitize(service.url()).into_owned(),
                theme.highlight,
            )),
        ];
        let pane = pane.inner(ratatui::layout::Margin::new(1, 0));
        // Wrapped here rather than by the paragraph, so that what does not
        // fit below is marked with `…` (Enter opens it in full).
        let width = usize::from(pane.width);
        let rows = super::fit_rows(
            super::wrap_lines(&pane_lines, width),
            width,
            usize::from(pane.height),
        );
        frame.render_widget(Paragraph::new(rows).style(theme.base), pane);
    }
}
