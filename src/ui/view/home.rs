//! The home screen: start or continue the assessment, results, search, help, quit.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{row_target, screen_block, truncate};
use crate::i18n::{Lang, Text};
use crate::ui::app::{App, HomeItem, Target};
use crate::ui::keymap::Action;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, targets: &mut Vec<Target>) {
    let lang = app.lang;
    let theme = &app.theme;
    let title = if app.kiosk.is_some() {
        lang.tr(Text::KioskWelcome)
    } else {
        lang.tr(Text::Tagline)
    };
    let block = screen_block(theme, title, lang, area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width.saturating_sub(4));
    let mut lines = vec![Line::default()];
    if app.kiosk.is_some() {
        for part in super::wrap(lang.tr(Text::KioskIntro), width + 2) {
            lines.push(Line::from(Span::styled(part, theme.title)));
        }
        lines.push(Line::default());
    }
    let mut y = inner.y + u16::try_from(lines.len()).unwrap_or(1);
    for (i, item) in app.home_items().into_iter().enumerate() {
        let (label, help) = match item {
            HomeItem::Assessment if app.answers.is_empty() && app.in_short_check() => {
                (Text::HomeQuickStart, Text::HomeQuickStartHelp)
            }
            HomeItem::Assessment if app.answers.is_empty() => {
                (Text::HomeStart, Text::HomeStartHelp)
            }
            HomeItem::Assessment => (Text::HomeContinue, Text::HomeContinueHelp),
            HomeItem::Results => (Text::HomeResume, Text::HomeResumeHelp),
            HomeItem::FullAssessment => (Text::HomeFullAssessment, Text::HomeFullAssessmentHelp),
            HomeItem::Clients => (Text::HomeClients, Text::HomeClientsHelp),
            HomeItem::Landscape => (Text::HomeLandscape, Text::HomeLandscapeHelp),
            HomeItem::Search => (Text::HomeSearch, Text::HomeSearchHelp),
            HomeItem::Help => (Text::HomeHelp, Text::HomeHelpHelp),
            HomeItem::Quit => (Text::HomeQuit, Text::HomeQuitHelp),
        };
        let label = lang.tr(label);
        let selected = i == app.home.selected;
        let marker = if selected { "▶ " } else { "  " };
        let style = if selected { theme.selected } else { theme.base };
        lines.push(Line::from(vec![
            Span::styled(marker, theme.key),
            Span::styled(truncate(label, width), style),
        ]));
        lines.push(Line::from(Span::styled(
            format!("  {}", truncate(lang.tr(help), width)),
            theme.muted,
        )));
        if y + 1 < inner.bottom() {
            targets.push(row_target(inner, y, 2, Action::Pick(i)));
        }
        y += 2;
    }
    lines.push(Line::default());
    // Every language by its own name, so that anyone can find theirs without
    // reading the current one; each name is clickable (kiosk touch screens).
    let y = inner.y + u16::try_from(lines.len()).unwrap_or(0);
    lines.push(languages(app, inner, y, targets));
    if app.kiosk.is_none() {
        let theme_name = lang.fill(Text::Theme, &[("theme", app.theme.name.name())]);
        lines.push(Line::from(Span::styled(
            format!("  {theme_name}"),
            theme.muted,
        )));
    }

    frame.render_widget(Paragraph::new(lines).style(theme.base), inner);
}

/// The language line: `F2  English · Dansk · …`, the current one marked.
fn languages(app: &App, inner: Rect, y: u16, targets: &mut Vec<Target>) -> Line<'static> {
    let theme = &app.theme;
    let mut spans = vec![
        Span::styled("  ", theme.base),
        Span::styled("F2", theme.key),
        Span::styled("  ", theme.base),
    ];
    let mut x = inner.x + 6;
    for (i, lang) in Lang::ALL.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(" · ", theme.muted));
            x += 3;
        }
        let name = lang.name();
        let width = u16::try_from(name.chars().count()).unwrap_or(0);
        let style = if lang == app.lang {
            theme.selected.add_modifier(Modifier::BOLD)
        } else {
            theme.base
        };
        spans.push(Span::styled(name, style));
        if y < inner.bottom() && x + width <= inner.right() {
            targets.push(Target {
                area: Rect::new(x, y, width, 1),
                action: Action::SetLanguage(lang),
            });
        }
        x += width;
    }
    Line::from(spans)
}
