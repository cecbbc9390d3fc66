//! The review page: every question asked with its answer; choosing one jumps
//! back to it; the last row shows the results.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{row_target, screen_block, scroll_offset, truncate, truncate_from, truncate_middle};
use crate::assessment::reply::answer_text;
use crate::i18n::Text;
use crate::text::sanitize;
use crate::ui::app::{App, Target};
use crate::ui::keymap::Action;

pub fn draw(frame: &mut Frame, area: Rect, app: &App, targets: &mut Vec<Target>) {
    let lang = app.lang;
    let theme = &app.theme;
    let block = screen_block(theme, lang.tr(Text::ReviewTitle), lang, area.width);
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
    let labels = labels(&visible, prompt_width);
    for (row, question) in visible.iter().enumerate().skip(offset).take(height) {
        let selected = row == app.review.selected;
        let style = if selected { theme.selected } else { theme.base };
        let answer = answer_text(question, app.answers.get(&question.id), lang);
        let unanswered = app.answers.get(&question.id).is_none();
        lines.push(Line::from(vec![
            Span::styled(if selected { "▶ " } else { "  " }, theme.key),
            Span::styled(pad(&labels[row], prompt_width), style),
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

/// The questions' prompts cut to `width` columns; where two cut alike (a
/// series of questions that differ only further on), cut in the middle,
/// keeping the end; where that too reads alike, shown from the word where
/// they differ, so that each row stays telling.
fn labels(questions: &[&crate::assessment::Question], width: usize) -> Vec<String> {
    let prompts: Vec<String> = questions
        .iter()
        .map(|q| sanitize(&q.prompt).into_owned())
        .collect();
    let cut: Vec<String> = prompts.iter().map(|p| truncate(p, width)).collect();
    let alike =
        |labels: &[String], label: &String| labels.iter().filter(|l| *l == label).count() > 1;
    let middle: Vec<String> = prompts
        .iter()
        .zip(&cut)
        .map(|(prompt, label)| {
            if alike(&cut, label) {
                truncate_middle(prompt, width)
            } else {
                label.clone()
            }
        })
        .collect();
    prompts
        .iter()
        .zip(&middle)
        .map(|(prompt, label)| {
            if !label.contains('…') || !alike(&middle, label) {
                return label.clone();
            }
            // The longest beginning it shares with another prompt, back to
            // the start of the word where they part.
            let shared = prompts
                .iter()
                .filter(|other| *other != prompt)
                .map(|other| {
                    prompt
                        .char_indices()
                        .zip(other.chars())
                        .find(|((_, a), b)| a != b)
                        .map_or(prompt.len().min(other.len()), |((i, _), _)| i)
                })
                .max()
                .unwrap_or(0);
            let from = prompt[..shared].rfind(' ').map_or(0, |i| i + 1);
            truncate_from(prompt, from, width)
        })
        .collect()
}

/// `text` padded with spaces to `width` display columns.
fn pad(text: &str, width: usize) -> String {
    let used = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(used)))
}
