//! The clients screen: find a client by typing, open it where it was left,
//! new, rename, delete; unreadable files are listed by name.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{row_target, screen_block, scroll_offset, truncate};
use crate::clients::Listed;
use crate::i18n::{Counted, Lang, Text};
use crate::text::sanitize;
use crate::ui::app::{App, Target};
use crate::ui::keymap::Action;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, targets: &mut Vec<Target>) {
    let lang = app.lang;
    let theme = &app.theme;
    let block = screen_block(theme, lang.tr(Text::ClientsTitle), lang, area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [filter, intro, list] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
    ])
    .areas(inner);
    let prompt = format!("{}: ", lang.tr(Text::SearchPrompt));
    let value = sanitize(app.clients.filter.value()).into_owned();
    let cursor = prompt.chars().count() + app.clients.filter.visual_cursor();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(prompt, theme.key),
            Span::styled(value, theme.highlight),
        ])),
        filter,
    );
    frame.set_cursor_position(Position::new(
        filter.x
            + u16::try_from(cursor)
                .unwrap_or(0)
                .min(filter.width.saturating_sub(1)),
        filter.y,
    ));
    frame.render_widget(
        Paragraph::new(lang.tr(Text::ClientsIntro)).style(theme.muted),
        intro,
    );

    let shown = app.clients.shown();
    if shown.is_empty() {
        frame.render_widget(
            Paragraph::new(lang.tr(Text::ClientsEmpty)).style(theme.muted),
            list,
        );
        return;
    }
    let per_page = usize::from(list.height / 2).max(1);
    let offset = scroll_offset(app.clients.selected, per_page, shown.len());
    let width = usize::from(list.width.saturating_sub(3));
    let mut lines = Vec::new();
    for (i, listed) in shown.iter().enumerate().skip(offset).take(per_page) {
        let selected = i == app.clients.selected;
        let style = if selected { theme.selected } else { theme.base };
        let (title, detail) = match listed {
            Listed::Client(c) => {
                let updated = c.updated.get(..10).unwrap_or(&c.updated);
                let history = lang.count(
                    Counted::ClientAssessments,
                    c.assessments.len() as u64,
                    &[("updated", updated)],
                );
                (
                    sanitize(&c.name).into_owned(),
                    match progress(app, c, lang) {
                        Some(progress) => format!("{progress} · {history}"),
                        None => history,
                    },
                )
            }
            Listed::Unreadable { path, message } => (
                lang.fill(
                    Text::ClientsUnreadable,
                    &[("file", &path.display().to_string())],
                ),
                sanitize(message).into_owned(),
            ),
        };
        lines.push(Line::from(vec![
            Span::styled(if selected { "▶ " } else { "  " }, theme.key),
            Span::styled(truncate(&title, width), style),
        ]));
        lines.push(Line::from(Span::styled(
            format!("   {}", truncate(&detail, width)),
            theme.muted,
        )));
        let y = list.y + u16::try_from((i - offset) * 2).unwrap_or(0);
        targets.push(row_target(list, y, 2, Action::Pick(i)));
    }
    frame.render_widget(Paragraph::new(lines).style(theme.base), list);
}

/// Where the client's current assessment stands: its stage once finished,
/// how far it has got while under way; `None` before the first answer.
fn progress(app: &App, client: &crate::clients::ClientRecord, lang: Lang) -> Option<String> {
    let current = client.current()?;
    if current.completed.is_some() {
        let profile = crate::assessment::assess(&app.bank, &current.answers, lang);
        return Some(profile.stage.label_in(lang).to_owned());
    }
    let asked = app.bank.visible(&current.answers);
    let answered = asked
        .iter()
        .filter(|q| current.answers.get(&q.id).is_some())
        .count();
    (answered > 0).then(|| {
        lang.fill(
            Text::ClientInProgress,
            &[
                ("answered", &answered.to_string()),
                ("asked", &asked.len().to_string()),
            ],
        )
    })
}
