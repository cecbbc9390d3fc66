//! The home screen: start or continue the assessment, results, search, help, quit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{row_target, screen_block, truncate};
use crate::ui::app::{App, HomeItem, Target};
use crate::ui::keymap::Action;
use crate::ui::strings::{Text, fill, tr};

pub fn draw(frame: &mut Frame, area: Rect, app: &App, targets: &mut Vec<Target>) {
    let theme = &app.theme;
    let title = if app.kiosk.is_some() {
        tr(Text::KioskWelcome)
    } else {
        tr(Text::Tagline)
    };
    let block = screen_block(theme, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width.saturating_sub(4));
    let mut lines = vec![Line::default()];
    if app.kiosk.is_some() {
        for part in super::wrap(tr(Text::KioskIntro), width + 2) {
            lines.push(Line::from(Span::styled(part, theme.title)));
        }
        lines.push(Line::default());
    }
    let mut y = inner.y + u16::try_from(lines.len()).unwrap_or(1);
    for (i, item) in app.home_items().into_iter().enumerate() {
        let (label, help) = match item {
            HomeItem::Assessment if app.answers.is_empty() => {
                (Text::HomeStart, Text::HomeStartHelp)
            }
            HomeItem::Assessment => (Text::HomeContinue, Text::HomeContinueHelp),
            HomeItem::Results => (Text::HomeResume, Text::HomeResumeHelp),
            HomeItem::Clients => (Text::HomeClients, Text::HomeClientsHelp),
            HomeItem::Landscape => (Text::HomeLandscape, Text::HomeLandscapeHelp),
            HomeItem::Search => (Text::HomeSearch, Text::HomeSearchHelp),
            HomeItem::Help => (Text::HomeHelp, Text::HomeHelpHelp),
            HomeItem::Quit => (Text::HomeQuit, Text::HomeQuitHelp),
        };
        let label = tr(label);
        let selected = i == app.home_selected;
        let marker = if selected { "▶ " } else { "  " };
        let style = if selected { theme.selected } else { theme.base };
        lines.push(Line::from(vec![
            Span::styled(marker, theme.key),
            Span::styled(truncate(label, width), style),
        ]));
        lines.push(Line::from(Span::styled(
            format!("  {}", truncate(tr(help), width)),
            theme.muted,
        )));
        if y + 1 < inner.bottom() {
            targets.push(row_target(inner, y, 2, Action::Pick(i)));
        }
        y += 2;
    }
    lines.push(Line::default());
    if app.kiosk.is_none() {
        let theme_name = fill(Text::Theme, &[("theme", app.theme.name.name())]);
        lines.push(Line::from(Span::styled(
            format!("  {theme_name}"),
            theme.muted,
        )));
    }

    frame.render_widget(Paragraph::new(lines).style(theme.base), inner);
}
