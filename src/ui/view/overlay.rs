//! What sits on top of a screen: the help with every key of the screen
//! below, and the "leave?" question.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::ui::app::{App, Target};
use crate::ui::keymap::{self, Action};
use crate::ui::strings::{Text, tr};

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

pub fn help(frame: &mut Frame, area: Rect, app: &App) {
    let theme = &app.theme;
    let hints = keymap::hints(app.screen_context());
    let height = u16::try_from(hints.len()).unwrap_or(20) + 5;
    let popup = centred(area, 60, height);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(
            format!(" {} ", tr(Text::HelpTitle)),
            theme.title,
        ));
    let mut lines = vec![
        Line::from(Span::styled(tr(Text::HelpKeys), theme.key)),
        Line::default(),
    ];
    for (key, what) in hints {
        lines.push(Line::from(vec![
            Span::styled(format!("{key:>10}  "), theme.key),
            Span::styled(tr(what), theme.base),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(tr(Text::HelpClose), theme.muted)));
    frame.render_widget(Paragraph::new(lines).style(theme.base).block(block), popup);
}

pub fn confirm(frame: &mut Frame, area: Rect, app: &App, targets: &mut Vec<Target>) {
    let theme = &app.theme;
    let popup = centred(area, 50, 7);
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .border_style(theme.border)
        .title(Span::styled(
            format!(" {} ", tr(Text::LeaveTitle)),
            theme.title,
        ));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let [question, _, buttons] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(tr(Text::LeaveQuestion))
            .style(theme.base)
            .wrap(Wrap { trim: true }),
        question,
    );
    let choices = [
        (format!("y {}", tr(Text::Yes)), theme.selected, Action::Yes),
        (format!("n {}", tr(Text::No)), theme.key, Action::No),
    ];
    super::draw_buttons(frame, buttons, &choices, targets);
}
