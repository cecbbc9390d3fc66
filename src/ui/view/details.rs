//! A service in full: summary, provider, where and for whom, eligibility,
//! cost, next step, contact, source, and why it was matched (or not); the
//! same lines make the detail pane of the wide layouts ([`pane`]).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph, Wrap};

use super::{fit_rows, screen_block, wrap_lines};
use crate::catalogue::{Area, Cost, Service};
use crate::i18n::{Counted, Lang, Text};
use crate::matching::thousands;
use crate::text::sanitize;
use crate::ui::app::App;

pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let lang = app.lang;
    let theme = &app.theme;
    let Some(details) = &app.details else { return };
    let Some(service) = app.catalogue.services().get(details.service) else {
        return;
    };
    let block = screen_block(theme, &sanitize(&service.name), lang, area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = service_lines(app, service, &details.reasons, details.excluded);
    frame.render_widget(
        Paragraph::new(lines)
            .style(theme.base)
            .wrap(Wrap { trim: false })
            .scroll((details.scroll, 0)),
        inner,
    );
}

/// Everything known of a service, as the details screen shows it (and the
/// detail pane beside a list on a wide screen): `reasons` say why it was
/// matched, or excluded.
pub(super) fn service_lines(
    app: &App,
    service: &Service,
    reasons: &[String],
    excluded: bool,
) -> Vec<Line<'static>> {
    let lang = app.lang;
    let theme = &app.theme;
    let provider = app.catalogue.provider_of(service);
    let field = |label: Text, value: String| field_line(label, value, app);
    let list = |items: Vec<&str>| items.join(", ");
    let mut lines = vec![Line::from(super::localized(
        service.summary_in(app.lang),
        theme,
        lang,
    ))];
    if !service.is_active() {
        lines.push(Line::from(Span::styled(lang.tr(Text::Closed), theme.error)));
    }
    lines.push(Line::default());
    lines.push(field(Text::Provider, sanitize(&provider.name).into_owned()));
    let areas: Vec<String> = service
        .areas
        .iter()
        .map(|a| Area::name_in(a, lang))
        .collect();
    lines.push(field(Text::Areas, areas.join(", ")));
    lines.push(field(
        Text::Modes,
        list(service.modes.iter().map(|m| m.label_in(lang)).collect()),
    ));
    lines.push(field(
        Text::Stages,
        list(service.stages.iter().map(|s| s.label_in(lang)).collect()),
    ));
    lines.push(field(
        Text::SupportKinds,
        list(service.support.iter().map(|s| s.label_in(lang)).collect()),
    ));
    lines.push(field(Text::Eligibility, eligibility(service, lang)));
    if let Some(cost) = &service.cost {
        let cost = match cost {
            Cost::Free => lang.tr(Text::Free).to_owned(),
            Cost::Paid(note) | Cost::CoFinanced(note) => sanitize(note).into_owned(),
        };
        lines.push(field(Text::Cost, cost));
    }
    lines.push(Line::default());
    let mut next = vec![Span::styled(
        format!("{}: ", lang.tr(Text::NextStep)),
        theme.key,
    )];
    next.extend(super::localized(
        service.next_step_in(app.lang),
        theme,
        lang,
    ));
    lines.push(Line::from(next));
    let mut contact: Vec<String> = vec![sanitize(service.url()).into_owned()];
    contact.extend(
        service
            .contact
            .email
            .iter()
            .map(|e| sanitize(e).into_owned()),
    );
    contact.extend(
        service
            .contact
            .phone
            .iter()
            .map(|p| sanitize(p).into_owned()),
    );
    lines.push(field(Text::Contact, contact.join(" · ")));
    lines.push(field(Text::Source, sanitize(&service.source).into_owned()));
    lines.push(field(Text::Verified, service.verified.to_string()));
    lines.extend(follow_up(app, service, reasons, excluded));
    lines
}

/// One `Label: value` line of the details.
fn field_line(label: Text, value: String, app: &App) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{}: ", app.lang.tr(label)), app.theme.key),
        Span::styled(value, app.theme.base),
    ])
}

/// The client's referral marks and note on the service, and why it was
/// matched or excluded.
fn follow_up(
    app: &App,
    service: &Service,
    reasons: &[String],
    excluded: bool,
) -> Vec<Line<'static>> {
    let lang = app.lang;
    let theme = &app.theme;
    let field = |label: Text, value: String| field_line(label, value, app);
    let mut lines = Vec::new();
    let marks = app
        .client
        .as_ref()
        .and_then(|c| c.record.services.get(service.id.as_str()));
    if let Some(marks) = marks {
        lines.push(Line::default());
        let text = crate::report::mark_words(marks, lang).join(", ");
        if !text.is_empty() {
            lines.push(field(Text::MarksTitle, text));
        }
        if !marks.note.is_empty() {
            lines.push(field(Text::ClientNotes, sanitize(&marks.note).into_owned()));
        }
    }
    if !reasons.is_empty() {
        lines.push(Line::default());
        let title = if excluded {
            Text::WhyExcluded
        } else {
            Text::WhyMatched
        };
        lines.push(Line::from(Span::styled(lang.tr(title), theme.key)));
        for reason in reasons {
            lines.push(Line::from(Span::styled(
                format!("• {}", sanitize(reason)),
                theme.base,
            )));
        }
    }
    lines
}

/// Eligibility in words.
fn eligibility(service: &Service, lang: Lang) -> String {
    let e = &service.eligibility;
    let mut parts: Vec<String> = Vec::new();
    if !e.sizes.is_empty() {
        parts.push(
            e.sizes
                .iter()
                .map(|s| s.label_in(lang))
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    let bounds = |text: Text, b: crate::catalogue::Bounds| {
        lang.fill(
            text,
            &[
                (
                    "min",
                    &b.min.map_or_else(String::new, |n| thousands(n, lang)),
                ),
                (
                    "max",
                    &b.max.map_or_else(String::new, |n| thousands(n, lang)),
                ),
            ],
        )
    };
    if let Some(b) = e.employees {
        parts.push(bounds(Text::StaffRange, b));
    }
    if let Some(b) = e.turnover_eur {
        parts.push(bounds(Text::TurnoverRange, b));
    }
    if !e.sectors.is_empty() {
        parts.push(
            e.sectors
                .iter()
                .map(|s| s.label_in(lang))
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    if let Some(years) = e.min_years_trading {
        parts.push(lang.count(Counted::TradingYears, u64::from(years), &[]));
    }
    parts.extend(e.conditions.iter().map(|c| sanitize(c).into_owned()));
    if parts.is_empty() {
        lang.tr(Text::OpenToAll).to_owned()
    } else {
        parts.join("; ")
    }
}

/// The detail pane beside a list on a wide screen: a rule on its left, the
/// item's name as its title, its lines wrapped to the pane (the last marked
/// with `…` when they do not all fit; Enter opens them in full).
pub(super) fn pane(frame: &mut Frame, area: Rect, app: &App, title: &str, lines: &[Line<'_>]) {
    let theme = &app.theme;
    let block = Block::new()
        .borders(Borders::LEFT)
        .border_style(theme.border)
        .padding(Padding::horizontal(1));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let mut rows = wrap_lines(
        &[Line::from(Span::styled(
            sanitize(title).into_owned(),
            theme.title,
        ))],
        width,
    );
    rows.push(Line::default());
    rows.extend(wrap_lines(lines, width));
    let rows = fit_rows(rows, width, usize::from(inner.height));
    frame.render_widget(Paragraph::new(rows).style(theme.base), inner);
}
