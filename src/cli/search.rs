//! `eis search QUERY`: fuzzy look-up with filters, as text or JSON.

use std::fmt::Write as _;
use std::process::ExitCode;

use serde::Serialize;

use super::Format;
use super::printer::Printer;
use super::style::{highlight, highlight_enabled};
use crate::cache::Cache;
use crate::catalogue::{Area, Catalogue, Source};
use crate::i18n::Lang;
use crate::search::{Field, FieldMatch, Filters, Hit};
use crate::text::sanitize;
use crate::vocab::{Mode, Stage, Support};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to look for; several words must all match. Without a query, every
    /// service the filters admit is listed by name.
    #[arg(value_name = "QUERY")]
    query: Vec<String>,
    /// Only services for this mode (repeatable): export, import, investment, subcontracting, cooperation.
    #[arg(long, value_name = "MODE")]
    mode: Vec<Mode>,
    /// Only services for this stage (repeatable): explore, prepare, research, enter, grow.
    #[arg(long, value_name = "STAGE")]
    stage: Vec<Stage>,
    /// Only services giving this kind of support (repeatable), e.g. insurance, grant, matchmaking.
    #[arg(long, value_name = "SUPPORT")]
    support: Vec<Support>,
    /// Only services available in this area (ISO 3166 code such as HR or PL-22, EU or *; any case).
    #[arg(long, value_name = "AREA", value_parser = Area::parse_typed)]
    area: Option<Area>,
    /// Include closed (historical) services.
    #[arg(long)]
    closed: bool,
    /// At most this many results; 0 for all of them.
    #[arg(long, default_value_t = 10, value_name = "N")]
    limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(
    args: &Args,
    source: &Source,
    cache: Option<&Cache>,
    out: &mut Printer,
    lang: Lang,
) -> anyhow::Result<ExitCode> {
    let (catalogue, index) = match super::load_compiled(source, cache, true) {
        Ok(compiled) => compiled.with_index(),
        Err(code) => return Ok(code),
    };
    let filters = Filters {
        modes: args.mode.clone(),
        stages: args.stage.clone(),
        support: args.support.clone(),
        area: args.area.clone(),
        include_closed: args.closed,
    };
    let query = args.query.join(" ");
    // Every hit is ranked, so that the text can say how many it leaves out.
    let mut hits = index.search(&catalogue, &query, &filters, None);
    // Nothing found: a country named is read as a target market, and a word
    // no catalogue word begins with gets the nearest one.
    let mut note = String::new();
    if hits.is_empty() && !query.trim().is_empty() {
        let reading = index.read_markets(&query);
        if !reading.markets.is_empty() {
            hits = index.search(&catalogue, &reading.query, &filters, None);
            hits.retain(|hit| reading.admits(hit.service));
            let names: Vec<String> = reading
                .markets
                .iter()
                .map(|code| Area::Country(code.clone()).name_in(lang))
                .collect();
            let read_as = if names.len() == 1 {
                "read as a target market"
            } else {
                "read as target markets"
            };
            let _ = writeln!(
                note,
                "\"{}\" matches no service word for word; {} {read_as}: the services for \"{}\" open to firms selling there or anywhere.\n",
                sanitize(&query),
                names.join(", "),
                sanitize(&reading.query)
            );
        }
        if hits.is_empty() {
            note.clear();
            for (word, nearest) in index.did_you_mean(&query) {
                let _ = match nearest {
                    Some(nearest) => writeln!(
                        note,
                        "No word of the catalogue begins with \"{}\"; did you mean \"{}\"?",
                        sanitize(&word),
                        sanitize(&nearest)
                    ),
                    None => writeln!(
                        note,
                        "No word of the catalogue begins with \"{}\".",
                        sanitize(&word)
                    ),
                };
            }
        }
    }
    let total = hits.len();
    if args.limit > 0 {
        hits.truncate(args.limit);
    }
    let output = match args.format {
        Format::Text => {
            let mut text = render_text(&catalogue, &query, &hits, highlight_enabled(), lang);
            if hits.is_empty() {
                text.push_str(&note);
            } else {
                text.insert_str(0, &note);
            }
            if hits.len() < total {
                let _ = writeln!(
                    text,
                    "\n{} of {total} services shown; --limit N shows more, --limit 0 all.",
                    hits.len()
                );
            }
            text
        }
        Format::Json => render_json(&catalogue, &hits)?,
    };
    out.print(&output)?;
    Ok(ExitCode::SUCCESS)
}

/// The longest summary line printed; longer summaries are cut at a word.
const SUMMARY_WIDTH: usize = 110;

/// The hits as text: name, provider and area, a one-line summary, the URL.
#[must_use]
pub fn render_text(
    catalogue: &Catalogue,
    query: &str,
    hits: &[Hit<'_>],
    color: bool,
    lang: Lang,
) -> String {
    let mut out = String::new();
    if hits.is_empty() {
        let _ = writeln!(out, "No services match \"{}\".", sanitize(query));
        return out;
    }
    for (n, hit) in hits.iter().enumerate() {
        let service = hit.service;
        let provider = catalogue.provider_of(service);
        let areas: Vec<&str> = service.areas.iter().map(Area::code).collect();
        if n > 0 {
            out.push('\n');
        }
        let closed = if service.is_active() { "" } else { " [closed]" };
        let _ = writeln!(
            out,
            "{}{closed}",
            highlight(&service.name, hit.positions(Field::Name, 0), color)
        );
        let _ = writeln!(
            out,
            "  {} · {}",
            highlight(&provider.name, hit.positions(Field::Provider, 0), color),
            areas.join(", ")
        );
        // The summary in the language spoken, highlighted where it matched.
        let shown = service.summary_in(lang).text;
        let item = service
            .summaries()
            .position(|(l, _)| l == lang && !service.summary_in(lang).fallback)
            .unwrap_or(0);
        let (summary, cut) = one_line(shown, SUMMARY_WIDTH);
        let positions: Vec<usize> = hit
            .positions(Field::Summary, item)
            .iter()
            .copied()
            .filter(|&p| p < cut)
            .collect();
        let _ = writeln!(out, "  {}", highlight(&summary, &positions, color));
        let _ = writeln!(out, "  {}", sanitize(service.url()));
    }
    out
}

/// The first `width` characters of a text, cut at a word with `…`, and how
/// many characters of the original were kept.
fn one_line(text: &str, width: usize) -> (String, usize) {
    let count = text.chars().count();
    if count <= width {
        return (text.to_owned(), count);
    }
    let head: String = text.chars().take(width - 1).collect();
    let keep = head.rfind(' ').map_or(head.len(), |i| i);
    let kept = head[..keep].trim_end();
    (format!("{kept}…"), kept.chars().count())
}

#[derive(Serialize)]
struct JsonHit<'a> {
    id: &'a str,
    name: &'a str,
    provider: JsonProvider<'a>,
    areas: Vec<&'a str>,
    summary: &'a str,
    url: &'a str,
    status: crate::vocab::Status,
    score: i64,
    matches: &'a [FieldMatch],
}

#[derive(Serialize)]
struct JsonProvider<'a> {
    id: &'a str,
    name: &'a str,
}

/// The hits as a JSON array; match positions are character indices of the original texts.
pub fn render_json(catalogue: &Catalogue, hits: &[Hit<'_>]) -> anyhow::Result<String> {
    let rows: Vec<JsonHit<'_>> = hits
        .iter()
        .map(|hit| {
            let provider = catalogue.provider_of(hit.service);
            JsonHit {
                id: hit.service.id.as_str(),
                name: &hit.service.name,
                provider: JsonProvider {
                    id: provider.id.as_str(),
                    name: &provider.name,
                },
                areas: hit.service.areas.iter().map(Area::code).collect(),
                summary: &hit.service.summary,
                url: hit.service.url(),
                status: hit.service.status,
                score: hit.score,
                matches: &hit.matches,
            }
        })
        .collect();
    Ok(crate::text::to_json(&rows)?)
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn long_summaries_are_cut_at_a_word() {
        assert_eq!(one_line("short", 10), ("short".to_owned(), 5));
        assert_eq!(
            one_line("one two three four", 10),
            ("one two…".to_owned(), 7)
        );
    }
}
