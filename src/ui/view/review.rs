//! The review page: every question asked with its answer; choosing one jumps
//! back to it; the last row shows the results.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{row_target, screen_block, scroll_offset, truncate};
use crate::assessment::reply::answer_text;
use crate::i18n::Text;
use crate::text::sanitize;
use crate::ui::app::{App, Target};
use crate::ui::keymap::Action;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, targets: &mut Vec<Target>) {
    let lang = app.lang;
    let theme = &app.theme;
    let block = screen_block(theme, lang.tr(Text::ReviewTitle), lang);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let visible = app.visible();
    let rows = visible.len() + 1;
    let height = usize::from(inner.height.saturating_sub(2));
    let offset = scroll_offset(app.review.selected, height, rows);
    let width = usize::from(inner.width);
    let prompt_width = (width * 2 / 5).max(10);
    let answer_width = width.saturating_sub(prompt_width + 4);
    let mut lines = vec![
        Line::from(Span::styled(lang.tr(Text::ReviewIntro), theme.muted)),
        Line::default(),
    ];
    for (row, question) in visible.iter().enumerate().skip(offset).take(height) {
        let selected = row == app.review.selected;
        let style = if selected { theme.selected } else { theme.base };
        let answer = answer_text(question, app.answers.get(&question.id), lang);
        let unanswered = app.answers.get(&question.id).is_none();
        lines.push(Line::from(vec![
            Span::styled(if selected { "▶ " } else { "  " }, theme.key),
            Span::styled(
                format!(
                    "{:<prompt_width$}",
                    truncate(&sanitize(&question.prompt), prompt_width)
                ),
                style,
            ),
            Span::raw("  "),
            Span::styled(
                truncate(&sanitize(&answer), answer_width),
                if unanswered {
                    theme.muted
                } else {
                    theme.highlight
                },
            ),
        ]));
        let y = inner.y + 2 + u16::try_from(row - offset).unwrap_or(0);
        targets.push(row_target(inner, y, 1, Action::Pick(row)));
    }
    let last = rows - 1;
    if last >= offset && last < offset + height {
        let selected = app.review.selected == last;
        lines.push(Line::from(vec![
            Span::styled(if selected { "▶ " } else { "  " }, theme.key),
            Span::styled(
                format!("→ {}", lang.tr(Text::SeeResults)),
                if selected { theme.selected } else { theme.key },
            ),
        ]));
        let y = inner.y + 2 + u16::try_from(last - offset).unwrap_or(0);
        targets.push(row_target(inner, y, 1, Action::Pick(last)));
    }
    frame.render_widget(Paragraph::new(lines).style(theme.base), inner);
}
