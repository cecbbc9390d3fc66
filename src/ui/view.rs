//! Drawing: state in, frame out. [`draw`] renders the current screen, any
//! overlay and the key-hint bar, and returns the clickable places of the
//! frame. Views never change the state.

mod clients;
mod details;
mod home;
mod landscape;
mod overlay;
mod question;
mod results;
pub mod review;
mod search;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};

use super::app::{App, Overlay, Screen, Target};
use super::keymap::{self, Action};
use super::theme::Theme;
use crate::i18n::{Lang, Text};

/// Below this size the app shows only a request to enlarge the window.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Whether the app fits a terminal of `width` × `height`; below, it shows
/// only a request to enlarge the window, and no key acts but quitting.
#[must_use]
pub fn fits(width: u16, height: u16) -> bool {
    width >= MIN_WIDTH && height >= MIN_HEIGHT
}

/// Draws the app and returns the clickable places of the frame.
pub fn draw(frame: &mut Frame, app: &App) -> Vec<Target> {
    let lang = app.lang;
    let area = frame.area();
    let mut targets = Vec::new();
    frame.render_widget(Paragraph::new("").style(app.theme.base), area);
    if !fits(area.width, area.height) {
        let message = Paragraph::new(lang.tr(Text::TooSmall))
            .style(app.theme.title)
            .wrap(Wrap { trim: true });
        frame.render_widget(message, area);
        return targets;
    }
    let status_height = u16::from(app.status.is_some());
    let [main, status, hints] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(status_height),
        Constraint::Length(1),
    ])
    .areas(area);
    if let Some(message) = &app.status {
        let line = truncate(
            &crate::text::sanitize(&message.text(lang)),
            usize::from(status.width),
        );
        frame.render_widget(Paragraph::new(line).style(app.theme.highlight), status);
    }
    match app.screen {
        Screen::Home => home::draw(frame, main, app, &mut targets),
        Screen::Question => question::draw(frame, main, app, &mut targets),
        Screen::Review => review::draw(frame, main, app, &mut targets),
        Screen::Results => results::draw(frame, main, app, &mut targets),
        Screen::Search => search::draw(frame, main, app, &mut targets),
        Screen::Details => details::draw(frame, main, app),
        Screen::Clients => clients::draw(frame, main, app, &mut targets),
        Screen::Landscape => landscape::draw(frame, main, app, &mut targets),
    }
    match &app.overlay {
        Some(Overlay::Help) => {
            targets.clear();
            overlay::help(frame, main, app, &mut targets);
        }
        Some(Overlay::Confirm(confirmation)) => {
            targets.clear();
            overlay::confirm(frame, main, app, confirmation, &mut targets);
        }
        Some(Overlay::Prompt(prompt)) => {
            targets.clear();
            overlay::prompt(frame, main, app, prompt);
        }
        Some(Overlay::IdleWarning) => {
            targets.clear();
            overlay::idle_warning(frame, main, app);
        }
        None => {}
    }
    if app.kiosk.is_some() && app.overlay.is_none() {
        draw_start_over(frame, main, app, &mut targets);
    }
    draw_hints(frame, hints, app);
    targets
}

/// The kiosk's "Start over" button, always on the bottom border, at the right.
fn draw_start_over(frame: &mut Frame, area: Rect, app: &App, targets: &mut Vec<Target>) {
    let lang = app.lang;
    let label = format!("[ {} ]", lang.tr(Text::StartOver));
    let width = u16::try_from(label.chars().count()).unwrap_or(16);
    if area.width < width + 2 {
        return;
    }
    let button = Rect::new(
        area.right() - width - 1,
        area.bottom().saturating_sub(1),
        width,
        1,
    );
    frame.render_widget(Paragraph::new(label).style(app.theme.selected), button);
    targets.push(Target {
        area: button,
        action: Action::StartOver,
    });
}

/// The key-hint bar: the keys that work here, as many as fit.
fn draw_hints(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang;
    let mut spans = Vec::new();
    let mut width = 0usize;
    for (key, what, action) in keymap::hinted_bindings(app.context()) {
        if !app.allows(action) {
            continue;
        }
        let item = format!("{key} {}", lang.tr(what));
        let needed = item.chars().count() + if spans.is_empty() { 0 } else { 3 };
        if width + needed > usize::from(area.width) {
            break;
        }
        if !spans.is_empty() {
            spans.push(Span::styled(" · ", app.theme.muted));
        }
        spans.push(Span::styled(key, app.theme.key));
        spans.push(Span::styled(format!(" {}", lang.tr(what)), app.theme.base));
        width += needed;
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(app.theme.base),
        area,
    );
}

/// A service's text in the language spoken, sanitised; when the service has
/// none in that language, the English one marked as such, so an adviser
/// knows the SME may need it explained.
#[must_use]
pub fn localized<'a>(
    text: crate::catalogue::Localized<'_>,
    theme: &Theme,
    lang: Lang,
) -> Vec<Span<'a>> {
    let mut spans = vec![Span::styled(
        crate::text::sanitize(text.text).into_owned(),
        theme.base,
    )];
    if text.fallback {
        spans.push(Span::styled(
            format!(" {}", lang.tr(Text::OnlyInEnglish)),
            theme.muted,
        ));
    }
    spans
}

/// Words of `text` wrapped to `width` columns (a word longer than a line is cut).
#[must_use]
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: String = word.to_owned();
        while word.chars().count() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(head);
        }
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// `text` cut to `width` columns, with `…` when cut.
#[must_use]
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let kept: String = text.chars().take(width.saturating_sub(1)).collect();
    format!("{kept}…")
}

/// The first row to show so that `selected` is visible in `height` rows.
#[must_use]
pub fn scroll_offset(selected: usize, height: usize, total: usize) -> usize {
    if height == 0 || total <= height {
        return 0;
    }
    selected.saturating_sub(height - 1).min(total - height)
}

/// A line of text from data, sanitised, with the characters at `positions`
/// highlighted.
#[must_use]
pub fn highlighted<'a>(
    text: &str,
    positions: &[usize],
    base: Style,
    highlight: Style,
) -> Vec<Span<'a>> {
    let text = crate::text::sanitize(text);
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_on = false;
    for (i, c) in text.chars().enumerate() {
        let on = positions.binary_search(&i).is_ok();
        if on != run_on && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_on { highlight } else { base },
            ));
        }
        run_on = on;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_on { highlight } else { base }));
    }
    spans
}

/// A row of clickable buttons, `[ label ]` each, two spaces apart.
fn draw_buttons(
    frame: &mut Frame,
    area: Rect,
    buttons: &[(String, Style, Action)],
    targets: &mut Vec<Target>,
) {
    let mut spans = Vec::new();
    let mut x = area.x;
    for (label, style, action) in buttons {
        let text = format!("[ {label} ]");
        let width = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
        if x < area.right() {
            targets.push(Target {
                area: Rect::new(x, area.y, width.min(area.right() - x), 1),
                action: *action,
            });
        }
        spans.push(Span::styled(text, *style));
        spans.push(Span::raw("  "));
        x = x.saturating_add(width + 2);
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A one-row clickable place.
fn row_target(area: Rect, y: u16, height: u16, action: Action) -> Target {
    Target {
        area: Rect::new(area.x, y, area.width, height),
        action,
    }
}

/// The frame of a screen: a border titled with the app's name and the
/// screen's, and a column of padding inside.
fn screen_block<'a>(theme: &Theme, title: &str, lang: Lang) -> Block<'a> {
    Block::bordered()
        .border_style(theme.border)
        .padding(Padding::horizontal(1))
        .title(title_line(theme, title, lang))
}

/// The title line of a screen: the app's name and the screen's.
fn title_line<'a>(theme: &Theme, title: &str, lang: Lang) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!(" {} ", lang.tr(Text::AppName)), theme.title),
        Span::styled(format!("· {title}"), theme.base),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_whole_and_cuts_only_giants() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 5), [""]);
    }

    #[test]
    fn the_selection_stays_in_view() {
        assert_eq!(scroll_offset(0, 5, 20), 0);
        assert_eq!(scroll_offset(4, 5, 20), 0);
        assert_eq!(scroll_offset(5, 5, 20), 1);
        assert_eq!(scroll_offset(19, 5, 20), 15);
        assert_eq!(scroll_offset(3, 0, 20), 0);
    }
}
