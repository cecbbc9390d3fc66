//! One question per screen: section and "question k of N" with a progress
//! gauge, the prompt, the help line, the options or the input with its
//! cursor, the validation message in words, and Back / Next buttons.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Gauge, Paragraph};

use super::{row_target, screen_block, truncate, wrap};
use crate::assessment::raw::Kind;
use crate::i18n::Text;
use crate::text::sanitize;
use crate::ui::app::{App, Target};
use crate::ui::keymap::Action;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, targets: &mut Vec<Target>) {
    let lang = app.lang;
    let theme = &app.theme;
    let Some(question) = app.question() else {
        return;
    };
    let visible = app.visible();
    let k = visible
        .iter()
        .position(|q| q.id == question.id)
        .map_or(1, |i| i + 1);
    let n = visible.len().max(1);
    let section = app
        .bank
        .sections()
        .get(question.section)
        .map_or("", |s| s.title.as_str());
    let mut counter = lang.fill(
        Text::QuestionOf,
        &[("k", &k.to_string()), ("n", &n.to_string())],
    );
    if app.in_short_check() {
        // The visitor sees that this is the short check, and its length.
        counter = format!("{} · {counter}", lang.tr(Text::QuickCheck));
    }
    let block = screen_block(theme, &sanitize(section), lang, area.width)
        .title_top(Line::from(Span::styled(format!(" {counter} "), theme.base)).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let [gauge_area, body, error_area, buttons] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    draw_gauge(frame, gauge_area, app, k, n);

    let width = usize::from(body.width.saturating_sub(1)).max(1);
    let mut lines = prompt_lines(app, question, width);
    let (option_rows, cursor, cursor_column) = body_rows(app, question, &mut lines, width);
    // Options: each wraps over as many rows as it needs, and is clickable as a whole.
    let mut option_spans: Vec<(usize, usize)> = Vec::new();
    for (i, (label, selected)) in option_rows.iter().enumerate() {
        let start = lines.len();
        let style = if *selected {
            theme.selected
        } else {
            theme.base
        };
        for (j, part) in wrap(label, width.saturating_sub(6)).into_iter().enumerate() {
            // Continuation lines start under the label, after the "( ) " mark.
            let prefix = match (j, *selected) {
                (0, true) => "▶ ",
                (0, false) => "  ",
                _ => "      ",
            };
            lines.push(Line::from(vec![
                Span::styled(prefix, theme.key),
                Span::styled(part, style),
            ]));
        }
        option_spans.push((i, start));
    }

    // Keep the highlighted option (or the input) in view.
    let height = usize::from(body.height);
    let focus_line = cursor.or_else(|| {
        option_spans
            .iter()
            .find(|(i, _)| under_cursor(app, *i))
            .map(|(_, start)| *start)
    });
    let offset = focus_line.map_or(0, |f| f.saturating_sub(height.saturating_sub(2)));
    let total = lines.len();
    for (idx, (i, start)) in option_spans.iter().enumerate() {
        let end = option_spans.get(idx + 1).map_or(total, |(_, s)| *s);
        if *start >= offset && end - offset <= height {
            let y = body.y + u16::try_from(start - offset).unwrap_or(0);
            let rows = u16::try_from(end - start).unwrap_or(1);
            targets.push(row_target(body, y, rows, Action::Pick(*i)));
        }
    }
    let shown: Vec<Line> = lines.into_iter().skip(offset).collect();
    frame.render_widget(Paragraph::new(shown).style(theme.base), body);
    if let Some(line) = cursor.filter(|l| *l >= offset && *l - offset < height) {
        let column = u16::try_from(cursor_column)
            .unwrap_or(0)
            .min(body.width.saturating_sub(1));
        let x = body.x + column;
        let y = body.y + u16::try_from(line - offset).unwrap_or(0);
        frame.set_cursor_position(Position::new(x, y));
    }

    if let Some(error) = &app.form.error {
        let message = format!("⚠ {error}");
        frame.render_widget(
            Paragraph::new(Span::styled(
                truncate(&message, usize::from(error_area.width)),
                theme.error,
            )),
            error_area,
        );
    }

    draw_buttons(frame, buttons, app, k == n, targets);
}

/// The prompt, help line, optional note and (on request) the longer help.
fn prompt_lines(
    app: &App,
    question: &crate::assessment::Question,
    width: usize,
) -> Vec<Line<'static>> {
    let lang = app.lang;
    let theme = &app.theme;
    let mut lines: Vec<Line<'static>> = Vec::new();
    lines.push(Line::default());
    for part in wrap(&sanitize(&question.prompt), width) {
        lines.push(Line::from(Span::styled(part, theme.title)));
    }
    for part in wrap(&sanitize(&question.help), width) {
        lines.push(Line::from(Span::styled(part, theme.muted)));
    }
    if question.optional {
        lines.push(Line::from(Span::styled(
            lang.tr(Text::Optional),
            theme.muted,
        )));
    }
    if app.form.more_help {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            lang.tr(Text::MoreHelpTitle),
            theme.key,
        )));
        let more = question
            .more_help
            .as_deref()
            .unwrap_or(lang.tr(Text::NoMoreHelp));
        for part in wrap(&sanitize(more), width) {
            lines.push(Line::from(Span::styled(part, theme.base)));
        }
    }
    lines.push(Line::default());

    lines
}

/// The question's options as `(label, highlighted)` rows; or, for a typed
/// answer, its input lines appended to `lines`, with the line and column of
/// the text cursor.
fn body_rows(
    app: &App,
    question: &crate::assessment::Question,
    lines: &mut Vec<Line<'static>>,
    width: usize,
) -> (Vec<(String, bool)>, Option<usize>, usize) {
    let lang = app.lang;
    let mut cursor = None;
    let mut cursor_column = 2;
    let theme = &app.theme;
    let rows: Vec<(String, bool)> = match &question.kind {
        Kind::Single { options } => options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let mark = if app.form.chosen == Some(i) {
                    "(•)"
                } else {
                    "( )"
                };
                (
                    format!("{mark} {}", sanitize(&o.label)),
                    under_cursor(app, i),
                )
            })
            .collect(),
        Kind::Multiple { options } => options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let mark = if app.form.ticked.contains(&o.id) {
                    "[x]"
                } else {
                    "[ ]"
                };
                (
                    format!("{mark} {}", sanitize(&o.label)),
                    under_cursor(app, i),
                )
            })
            .collect(),
        Kind::Scale { low, high, .. } => (1..=5)
            .map(|v| {
                let label = match v {
                    1 => format!(" — {}", sanitize(low)),
                    5 => format!(" — {}", sanitize(high)),
                    _ => String::new(),
                };
                let mark = if app.form.chosen == Some(v - 1) {
                    "(•)"
                } else {
                    "( )"
                };
                (format!("{mark} {v}{label}"), under_cursor(app, v - 1))
            })
            .collect(),
        Kind::Number {
            unit, unit_forms, ..
        } => {
            // The unit agrees with the number typed so far ("2 osoby"); the
            // label stands while nothing countable is typed.
            let typed = crate::assessment::typed::whole_number(app.form.input.value());
            let word = typed.map_or(unit.as_str(), |n| {
                crate::assessment::raw::unit_word(n, unit, unit_forms, lang)
            });
            cursor_column = input_lines(app, lines, width, &sanitize(word));
            cursor = Some(lines.len() - 1);
            Vec::new()
        }
        Kind::Text { .. } => {
            cursor_column = input_lines(app, lines, width, "");
            cursor = Some(lines.len() - 1);
            Vec::new()
        }
        Kind::Countries { .. } => {
            cursor_column = input_lines(app, lines, width, "");
            cursor = Some(lines.len() - 1);
            lines.push(Line::from(Span::styled(
                lang.tr(Text::CountriesHint),
                theme.muted,
            )));
            let names: Vec<String> =
                crate::assessment::typed::countries_so_far(app.form.input.value())
                    .iter()
                    .filter_map(|c| crate::catalogue::Area::parse(c).ok())
                    .filter(|a| matches!(a, crate::catalogue::Area::Country(_)))
                    .map(|a| a.name_in(lang))
                    .collect();
            if !names.is_empty() {
                let understood = lang.fill(Text::Recognised, &[("list", &names.join(", "))]);
                lines.push(Line::from(Span::styled(
                    truncate(&understood, width),
                    theme.base,
                )));
            }
            Vec::new()
        }
    };

    (rows, cursor, cursor_column)
}

/// Whether the cursor is on option `row` (on none of a question just opened).
fn under_cursor(app: &App, row: usize) -> bool {
    app.form.pointing && app.form.cursor == row
}

/// The progress gauge: how many questions are behind.
fn draw_gauge(frame: &mut Frame, area: Rect, app: &App, k: usize, n: usize) {
    let lang = app.lang;
    let theme = &app.theme;
    let done = (k - 1) as f64 / n as f64;
    let percent = format!("{:.0}", done * 100.0);
    frame.render_widget(
        Gauge::default()
            .gauge_style(theme.gauge)
            .ratio(done.clamp(0.0, 1.0))
            .label(lang.fill(Text::Progress, &[("p", &percent)])),
        area,
    );
}

/// The Back and Next buttons, clickable.
fn draw_buttons(
    frame: &mut Frame,
    buttons: Rect,
    app: &App,
    last: bool,
    targets: &mut Vec<Target>,
) {
    let lang = app.lang;
    let theme = &app.theme;
    let next = if last {
        lang.tr(Text::Finish)
    } else {
        lang.tr(Text::Next)
    };
    let buttons_row = [
        (lang.tr(Text::Back).to_owned(), theme.key, Action::Prev),
        (next.to_owned(), theme.selected, Action::Next),
    ];
    super::draw_buttons(frame, buttons, &buttons_row, targets);
}

/// The text input line: `> value unit`, the cursor drawn by the terminal.
/// Returns the cursor's column within the line.
fn input_lines(app: &App, lines: &mut Vec<Line<'static>>, width: usize, unit: &str) -> usize {
    let theme = &app.theme;
    let value = sanitize(app.form.input.value()).into_owned();
    let shown_width = width.saturating_sub(3 + unit.chars().count()).max(1);
    let scroll = app.form.input.visual_scroll(shown_width);
    let visible: String = value.chars().skip(scroll).take(shown_width).collect();
    lines.push(Line::from(vec![
        Span::styled("> ", theme.key),
        Span::styled(visible, theme.highlight),
        Span::styled(format!(" {unit}"), theme.muted),
    ]));
    2 + app.form.input.visual_cursor().saturating_sub(scroll)
}
