//! What sits on top of a screen: the help with every key, screen by
//! screen, and the "leave?" question.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::i18n::{Counted, Text};
use crate::ui::app::help::{self, HelpSection};
use crate::ui::app::{App, Confirmation, Prompt, PromptPurpose, Target};
use crate::ui::keymap::Action;

/// A centred box of at most `width`×`height`.
fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [cell] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    cell
}

/// The help: every screen's keys, the screen below first, under headings,
/// scrolled to the app's position (the app clamps it to the last page).
/// Its body is a click target that closes it, and tells the app how many
/// lines a page holds.
pub fn help(frame: &mut Frame, area: Rect, app: &App, targets: &mut Vec<Target>) {
    let lang = app.lang;
    let theme = &app.theme;
    let sections = app.help_sections();
    let total: usize = sections.iter().map(HelpSection::lines).sum();
    let height = u16::try_from(total).unwrap_or(u16::MAX).saturating_add(2);
    let popup = centred(area, 64, height);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(
            format!(" {} ", lang.tr(Text::HelpTitle)),
            theme.title,
        ));
    let inner = block.inner(popup);
    let page = usize::from(inner.height);
    // Where the help is, when it does not fit: lines shown and the total.
    let top = app.help.top.min(total.saturating_sub(page));
    let block = block.title_bottom(Line::from(Span::styled(
        format!(" {} ", lang.tr(Text::HelpClose)),
        theme.muted,
    )));
    let block = if total > page {
        block.title_bottom(
            Line::from(Span::styled(
                format!(" {}–{}/{total} ", top + 1, (top + page).min(total)),
                theme.muted,
            ))
            .right_aligned(),
        )
    } else {
        block
    };
    let width = usize::from(inner.width);
    let mut lines = Vec::with_capacity(total);
    for section in &sections {
        let name = lang.tr(help::heading(section.context));
        let heading = if section.current {
            format!("{name} — {}", lang.tr(Text::HelpKeys))
        } else {
            name.to_owned()
        };
        lines.push(Line::from(Span::styled(
            super::truncate(&heading, width),
            theme.key,
        )));
        for (key, what) in &section.keys {
            lines.push(Line::from(vec![
                Span::styled(format!("{key:>10}  "), theme.key),
                Span::styled(
                    super::truncate(lang.tr(*what), width.saturating_sub(12)),
                    theme.base,
                ),
            ]));
        }
        lines.push(Line::default());
    }
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.base)
            .block(block)
            .scroll((u16::try_from(top).unwrap_or(u16::MAX), 0)),
        popup,
    );
    targets.push(Target {
        area: inner,
        action: Action::Close,
    });
}

pub fn confirm(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    confirmation: &Confirmation,
    targets: &mut Vec<Target>,
) {
    let lang = app.lang;
    let theme = &app.theme;
    let (popup, title) = match confirmation {
        Confirmation::SaveAsNew => (centred(area, 64, 10), Text::ConflictTitle),
        // The client's name makes the question longer.
        Confirmation::Leave if app.client.is_some() => (centred(area, 50, 8), Text::LeaveTitle),
        _ => (centred(area, 50, 7), Text::LeaveTitle),
    };
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(format!(" {} ", lang.tr(title)), theme.title));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [question, _, buttons] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(match confirmation {
            Confirmation::Leave => leave_question(app),
            Confirmation::SaveAsNew => lang.tr(Text::ConflictQuestion).to_owned(),
            Confirmation::Delete(id) => {
                let name = app
                    .clients
                    .listed
                    .iter()
                    .find_map(|l| match l {
                        crate::clients::Listed::Client(c) if &c.id == id => Some(c.name.clone()),
                        _ => None,
                    })
                    .unwrap_or_else(|| id.clone());
                lang.fill(
                    Text::DeleteQuestion,
                    &[("name", &crate::text::sanitize(&name))],
                )
            }
        })
        .style(theme.base)
        .wrap(Wrap { trim: true }),
        question,
    );
    let choices = [
        (
            format!("y {}", lang.tr(Text::Yes)),
            theme.selected,
            Action::Yes,
        ),
        (format!("n {}", lang.tr(Text::No)), theme.key, Action::No),
    ];
    super::draw_buttons(frame, buttons, &choices, targets);
}

/// What leaving does to the answers, which depends on the mode: a client's
/// are saved in its record, a kiosk's wiped when the visitor starts over or
/// goes, and otherwise they are kept in memory until the app ends.
fn leave_question(app: &App) -> String {
    let lang = app.lang;
    match (&app.client, &app.kiosk) {
        (Some(client), _) => {
            let name = super::truncate(&crate::text::sanitize(&client.record.name), 32);
            lang.fill(Text::LeaveQuestionClient, &[("name", &name)])
        }
        (None, Some(_)) => lang.tr(Text::LeaveQuestionKiosk).to_owned(),
        (None, None) => lang.tr(Text::LeaveQuestion).to_owned(),
    }
}

pub fn prompt(frame: &mut Frame, area: Rect, app: &App, prompt: &Prompt) {
    let lang = app.lang;
    let theme = &app.theme;
    let popup = centred(area, 64, 6);
    frame.render_widget(Clear, popup);
    let title = lang.tr(match prompt.purpose {
        PromptPurpose::NewClient => Text::PromptNewClient,
        PromptPurpose::Rename(_) => Text::PromptRename,
        PromptPurpose::ClientNote => Text::PromptClientNote,
        PromptPurpose::ServiceNote(_) => Text::PromptServiceNote,
        PromptPurpose::Outcome(_) => Text::PromptOutcome,
        PromptPurpose::Adviser => Text::PromptAdviser,
        PromptPurpose::AdminPassphrase => Text::AdminPassphrase,
    });
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(format!(" {title} "), theme.title));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [input, _, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(inner);
    let width = usize::from(input.width).saturating_sub(3).max(1);
    let scroll = prompt.input.visual_scroll(width);
    let typed = if prompt.purpose == PromptPurpose::AdminPassphrase {
        "•".repeat(prompt.input.value().chars().count())
    } else {
        crate::text::sanitize(prompt.input.value()).into_owned()
    };
    let value: String = typed.chars().skip(scroll).take(width).collect();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled("> ", theme.key),
            Span::styled(value, theme.highlight),
        ])),
        input,
    );
    let column = 2 + prompt.input.visual_cursor().saturating_sub(scroll);
    frame.set_cursor_position(ratatui::layout::Position::new(
        input.x
            + u16::try_from(column)
                .unwrap_or(0)
                .min(input.width.saturating_sub(1)),
        input.y,
    ));
    frame.render_widget(
        Paragraph::new(lang.tr(Text::PromptHint)).style(theme.muted),
        hint,
    );
}

/// The kiosk's "are you still there?" countdown.
pub fn idle_warning(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang;
    let theme = &app.theme;
    let seconds = app.kiosk.as_ref().and_then(|k| k.warning_left).unwrap_or(0);
    let popup = centred(area, 56, 7);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(
            format!(" {} ", lang.tr(Text::IdleTitle)),
            theme.title,
        ));
    frame.render_widget(
        Paragraph::new(lang.count(Counted::IdleWarning, seconds, &[]))
            .style(theme.base)
            .wrap(Wrap { trim: true })
            .block(block),
        popup,
    );
}
