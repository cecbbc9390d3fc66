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

/// From this width on, the results and the search show two panes: the list,
/// and the selected item's details beside it.
pub const WIDE: u16 = 120;

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
    // The screens read as one column (a menu, a question, a list of
    // answers, a service) keep a readable size on a very large terminal;
    // the results, search and landscape spread over it.
    let screen = match app.screen {
        Screen::Home | Screen::Question | Screen::Review | Screen::Details | Screen::Clients => {
            reading_area(main)
        }
        Screen::Results | Screen::Search | Screen::Landscape => main,
    };
    match app.screen {
        Screen::Home => home::draw(frame, screen, app, &mut targets),
        Screen::Question => question::draw(frame, screen, app, &mut targets),
        Screen::Review => review::draw(frame, screen, app, &mut targets),
        Screen::Results => results::draw(frame, screen, app, &mut targets),
        Screen::Search => search::draw(frame, screen, app, &mut targets),
        Screen::Details => details::draw(frame, screen, app),
        Screen::Clients => clients::draw(frame, screen, app, &mut targets),
        Screen::Landscape => landscape::draw(frame, screen, app, &mut targets),
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
        draw_start_over(frame, screen, app, &mut targets);
    }
    draw_hints(frame, hints, app);
    targets
}

/// From this width on, a screen read as one column is drawn centred,
/// [`READING_WIDTH`] × [`READING_HEIGHT`] at most, rather than stretched
/// over a large terminal with its text in the left third.
pub const READING_FROM: u16 = 160;
pub const READING_WIDTH: u16 = 120;
pub const READING_HEIGHT: u16 = 44;

/// The part of `area` a one-column screen uses: all of it below
/// [`READING_FROM`] columns, else a centred box of reading size.
#[must_use]
pub fn reading_area(area: Rect) -> Rect {
    if area.width < READING_FROM {
        return area;
    }
    let width = READING_WIDTH.min(area.width);
    let height = READING_HEIGHT.min(area.height);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// The kiosk's "Start over" button, always on the bottom border, at the right.
fn draw_start_over(frame: &mut Frame, area: Rect, app: &App, targets: &mut Vec<Target>) {
    let lang = app.lang;
    let label = format!("[ {} ]", lang.tr(Text::StartOver));
    let width = u16::try_from(unicode_width::UnicodeWidthStr::width(label.as_str())).unwrap_or(16);
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
        let needed = unicode_width::UnicodeWidthStr::width(item.as_str())
            + if spans.is_empty() { 0 } else { 3 };
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

/// Words of `text` wrapped to `width` columns (a word longer than a line is
/// cut across lines).
#[must_use]
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: &str = word;
        while word.width() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let (mut head, mut tail) = split_at_width(word, width);
            if head.is_empty() {
                let first = word.chars().next().map_or(0, char::len_utf8);
                (head, tail) = word.split_at(first);
            }
            lines.push(head.to_owned());
            word = tail;
        }
        let needed = line.width() + usize::from(!line.is_empty()) + word.width();
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A cut made by [`truncate`] or [`truncate_words`]: the text, the columns
/// it had, and what was shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    pub text: String,
    pub width: usize,
    pub shown: String,
}

thread_local! {
    /// The cuts made on this thread while [`record_cuts`] runs.
    static CUTS: std::cell::RefCell<Option<Vec<Cut>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` and returns, with its result, every cut the truncation helpers
/// made meanwhile on this thread: how a test sees that every text cut for
/// the screen went through them and was marked.
pub fn record_cuts<R>(f: impl FnOnce() -> R) -> (R, Vec<Cut>) {
    CUTS.with(|cuts| *cuts.borrow_mut() = Some(Vec::new()));
    let result = f();
    let cuts = CUTS
        .with(|cuts| cuts.borrow_mut().take())
        .unwrap_or_default();
    (result, cuts)
}

/// `text` cut to `width` display columns, with `…` when cut: the one way
/// text is shortened on screen, so that no cut goes unmarked. Columns are
/// counted as the terminal draws them (a CJK character takes two, a
/// combining mark none).
#[must_use]
pub fn truncate(text: &str, width: usize) -> String {
    cut(text, width, false)
}

/// [`truncate`], but the cut falls between words when one ends in the last
/// third of the room: for titles, whose words should stay whole.
#[must_use]
pub fn truncate_words(text: &str, width: usize) -> String {
    cut(text, width, true)
}

/// [`truncate`] with the cut in the middle, the end kept: for labels that
/// differ only at their end, which a cut at the right makes identical.
#[must_use]
pub fn truncate_middle(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width || width < 8 {
        return truncate(text, width);
    }
    let room = width - 1;
    let head = split_at_width(text, room / 2).0.trim_end();
    let tail_width = room - head.width();
    // The tail: the last characters that fit in what the head leaves.
    let mut start = text.len();
    let mut used = 0;
    for (i, c) in text.char_indices().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > tail_width {
            break;
        }
        used += w;
        start = i;
    }
    let shown = format!("{head}…{}", text[start..].trim_start());
    record(text, width, &shown);
    shown
}

/// `text` from byte `from` on, marked `…` before for what is left out at
/// its start, and cut to `width` columns with [`truncate`]: for labels
/// that begin alike, shown from where they differ.
#[must_use]
pub fn truncate_from(text: &str, from: usize, width: usize) -> String {
    let fits = unicode_width::UnicodeWidthStr::width(text) <= width;
    if fits || from == 0 || from >= text.len() || !text.is_char_boundary(from) || width < 2 {
        return truncate(text, width);
    }
    let shown = format!("…{}", truncate(&text[from..], width - 1));
    record(text, width, &shown);
    shown
}

/// Keeps a cut for [`record_cuts`], when it runs.
fn record(text: &str, width: usize, shown: &str) {
    CUTS.with(|cuts| {
        if let Some(cuts) = cuts.borrow_mut().as_mut() {
            cuts.push(Cut {
                text: text.to_owned(),
                width,
                shown: shown.to_owned(),
            });
        }
    });
}

fn cut(text: &str, width: usize, at_word: bool) -> String {
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width {
        return text.to_owned();
    }
    let room = width.saturating_sub(1);
    let mut kept = split_at_width(text, room).0;
    if at_word
        && let Some(space) = kept.rfind(' ')
        && kept[..space].width() * 3 >= room * 2
    {
        kept = kept[..space].trim_end();
    }
    let shown = if width == 0 {
        String::new()
    } else {
        format!("{kept}…")
    };
    record(text, width, &shown);
    shown
}

/// Lines wrapped at spaces to `width` columns, each word keeping its span's
/// style (a word longer than a line is cut across lines).
#[must_use]
pub fn wrap_lines(lines: &[Line<'_>], width: usize) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthStr;
    let width = width.max(1);
    let mut out = Vec::new();
    for line in lines {
        // The words of the line: text, style, whether a space comes before.
        let mut words: Vec<(String, Style, bool)> = Vec::new();
        let mut space = false;
        for span in &line.spans {
            let style = line.style.patch(span.style);
            for (i, part) in span.content.split(' ').enumerate() {
                if i > 0 {
                    space = true;
                }
                if !part.is_empty() {
                    words.push((part.to_owned(), style, space));
                    space = false;
                }
            }
        }
        let mut row: Vec<Span<'static>> = Vec::new();
        let mut used = 0;
        for (mut word, style, space) in words {
            let mut gap = usize::from(space && used > 0);
            if used > 0 && used + gap + word.width() > width {
                out.push(Line::from(std::mem::take(&mut row)));
                used = 0;
                gap = 0;
            }
            while word.width() > width - used - gap {
                if used > 0 {
                    out.push(Line::from(std::mem::take(&mut row)));
                    used = 0;
                    gap = 0;
                    continue;
                }
                let mut head = split_at_width(&word, width).0.len();
                if head == 0 {
                    // A character wider than the line goes on a line of its own.
                    head = word.chars().next().map_or(0, char::len_utf8);
                }
                out.push(Line::from(Span::styled(word[..head].to_owned(), style)));
                word.drain(..head);
            }
            if gap > 0 {
                row.push(Span::raw(" "));
            }
            used += gap + word.width();
            row.push(Span::styled(word, style));
        }
        out.push(Line::from(row));
    }
    out
}

/// `text` split where its first `width` columns end.
fn split_at_width(text: &str, width: usize) -> (&str, &str) {
    use unicode_width::UnicodeWidthChar;
    let mut used = 0;
    for (i, c) in text.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            return text.split_at(i);
        }
        used += w;
    }
    (text, "")
}

/// A line of styled spans cut to `width` columns with [`truncate`] (so
/// marked and recorded) where it would overrun: for rows that lay out
/// several texts side by side without wrapping.
#[must_use]
pub fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    use unicode_width::UnicodeWidthStr;
    if line.width() <= width {
        return line;
    }
    let mut spans = Vec::new();
    let mut used = 0;
    for span in line.spans {
        let w = span.content.width();
        if used + w <= width {
            used += w;
            spans.push(span);
        } else {
            spans.push(Span::styled(
                truncate(&span.content, width - used),
                span.style,
            ));
            break;
        }
    }
    Line::from(spans).style(line.style)
}

/// At most `height` of `lines`; when some are left out, the last shown ends
/// with `…` (cut to make room if need be), so that nothing goes missing
/// without a mark.
#[must_use]
pub fn fit_rows(mut lines: Vec<Line<'static>>, width: usize, height: usize) -> Vec<Line<'static>> {
    use unicode_width::UnicodeWidthStr;
    if lines.len() <= height {
        return lines;
    }
    // What is left out, from the last row shown on, for the record.
    let left_out: Vec<String> = lines
        .iter()
        .skip(height.saturating_sub(1))
        .map(ToString::to_string)
        .collect();
    lines.truncate(height);
    if let Some(last) = lines.pop() {
        let mut spans: Vec<Span<'static>> = Vec::new();
        let mut used = 0;
        let room = width.saturating_sub(1);
        for span in last.spans {
            let w = span.content.width();
            if used + w <= room {
                used += w;
                spans.push(span);
            } else {
                let (head, _) = split_at_width(&span.content, room - used);
                spans.push(Span::styled(head.to_owned(), span.style));
                break;
            }
        }
        spans.push(Span::raw("…"));
        let shown = Line::from(spans);
        record(&left_out.join(" "), width, &shown.to_string());
        lines.push(shown);
    }
    lines
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

/// The frame of a screen `width` columns wide: a border titled with the
/// app's name and the screen's (cut between words, with `…`, when it does
/// not fit), and a column of padding inside.
fn screen_block<'a>(theme: &Theme, title: &str, lang: Lang, width: u16) -> Block<'a> {
    use unicode_width::UnicodeWidthStr;
    // Two corners, the app's name in spaces, "· ", and a rule after.
    let room = usize::from(width).saturating_sub(lang.tr(Text::AppName).width() + 7);
    Block::bordered()
        .border_style(theme.border)
        .padding(Padding::horizontal(1))
        .title(title_line(theme, &truncate_words(title, room), lang))
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

    fn text(lines: &[Line<'_>]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn styled_lines_wrap_at_spaces_and_keep_their_styles() {
        let key = Style::new().bold();
        let line = Line::from(vec![
            Span::styled("Next step: ", key),
            Span::raw("ask the agency first"),
        ]);
        let wrapped = wrap_lines(&[line, Line::default()], 12);
        assert_eq!(
            text(&wrapped),
            ["Next step:", "ask the", "agency first", ""]
        );
        assert_eq!(wrapped[0].spans[0].style, key);
        assert_eq!(
            text(&wrap_lines(&[Line::raw("abcdefghij")], 4)),
            ["abcd", "efgh", "ij"]
        );
        // Wide characters count two columns.
        assert_eq!(
            text(&wrap_lines(&[Line::raw("日本語の")], 4)),
            ["日本", "語の"]
        );
    }

    #[test]
    fn labels_are_cut_in_the_middle_or_shown_from_where_they_differ() {
        let text = "Which best describes your plans for going abroad?";
        assert_eq!(truncate_middle(text, 20), "Which bes…ng abroad?");
        let from = text.find("plans").unwrap_or(0);
        assert_eq!(truncate_from(text, from, 20), "…plans for going ab…");
        assert_eq!(truncate_from(text, 0, 20), truncate(text, 20));
        assert_eq!(truncate_from("short", 2, 20), "short");
    }

    #[test]
    fn a_row_of_spans_is_cut_in_the_span_that_overruns() {
        let key = Style::new().bold();
        let line = Line::from(vec![Span::styled("Score ", key), Span::raw("developing")]);
        let (fitted, cuts) = record_cuts(|| fit_line(line.clone(), 10));
        assert_eq!(fitted.to_string(), "Score dev…");
        assert_eq!(fitted.spans[0].style, key);
        assert_eq!(cuts.len(), 1);
        assert_eq!(fit_line(line, 16).to_string(), "Score developing");
    }

    #[test]
    fn rows_left_out_are_marked_on_the_last_shown() {
        let lines: Vec<Line<'static>> = ["one", "two", "three"].map(Line::raw).to_vec();
        assert_eq!(
            text(&fit_rows(lines.clone(), 5, 3)),
            ["one", "two", "three"]
        );
        assert_eq!(text(&fit_rows(lines.clone(), 5, 2)), ["one", "two…"]);
        assert_eq!(text(&fit_rows(lines, 3, 2)), ["one", "tw…"]);
    }

    #[test]
    fn cuts_count_display_columns_and_are_marked_and_recorded() {
        let ((), cuts) = record_cuts(|| {
            assert_eq!(truncate("short", 5), "short");
            assert_eq!(truncate("longer", 5), "long…");
            // Two columns a character: four columns and the mark.
            assert_eq!(truncate("日本語の本", 5), "日本…");
            assert_eq!(
                truncate_words("Polish Standards information", 20),
                "Polish Standards…"
            );
            // No space late enough: the cut stays where the room ends.
            assert_eq!(truncate_words("Standardisation", 10), "Standardi…");
        });
        assert_eq!(cuts.len(), 4);
        assert!(cuts.iter().all(|c| c.shown.ends_with('…')));
        assert_eq!(cuts[1].text, "日本語の本");
        // Outside a recording nothing is kept.
        assert_eq!(truncate("longer", 5), "long…");
        assert!(record_cuts(|| ()).1.is_empty());
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
