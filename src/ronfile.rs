//! RON files with positions: decoding bytes, parsing with `ron` and
//! `serde_path_to_error`, and turning failures into [`Diagnostic`]s that name
//! the file, the line:column and the field path. Shared by the catalogue, the
//! question bank and answer files.

use serde::de::DeserializeOwned;

use crate::diagnostic::{Diagnostic, Position};

/// Whether a file name says JSON (`.json`, in any case) rather than RON.
pub(crate) fn is_json(name: &str) -> bool {
    std::path::Path::new(name)
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"))
}

/// Decodes a file's bytes as UTF-8 text, dropping a byte-order mark. An
/// empty file or invalid UTF-8 gives an error naming the file; `shape` says
/// what the file should hold.
pub(crate) fn decode<'b>(name: &str, bytes: &'b [u8], shape: &str) -> Result<&'b str, Diagnostic> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let position = position_after(&String::from_utf8_lossy(&bytes[..e.valid_up_to()]));
        Diagnostic::error(name, "the file is not valid UTF-8; save it as UTF-8").at(Some(position))
    })?;
    // Editors on some systems start UTF-8 files with a byte-order mark; RON does not allow one.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::error(
            name,
            format!("the file is empty; {shape}"),
        ));
    }
    Ok(text)
}

/// A parse failure: the serde path (when known) and `ron`'s positioned error.
pub(crate) struct ParseFailure {
    pub path: Option<String>,
    pub error: Box<ron::error::SpannedError>,
    /// Whether the failure is at the text's first token: then the text is
    /// likely not a file of the kind expected at all.
    pub at_start: bool,
}

impl ParseFailure {
    /// Converts to a diagnostic; `origin` is where the parsed text starts in the file.
    pub fn into_diagnostic(self, file: &str, origin: Position) -> Diagnostic {
        let start = self.error.span.start;
        let position = if start.line <= 1 {
            Position::new(origin.line, origin.column + start.col.saturating_sub(1))
        } else {
            Position::new(origin.line + start.line - 1, start.col)
        };
        let path = self
            .path
            .filter(|p| !p.contains('?') && p != ".")
            .unwrap_or_default();
        // A file that fails at its first word is probably some other file
        // (a password file given by mistake): its words are not repeated.
        let foreign = self.at_start && origin == Position::new(1, 1);
        let message = if foreign {
            foreign_message(&self.error.code)
        } else {
            ron_message(&self.error.code)
        };
        Diagnostic::error(file, message)
            .at(Some(position))
            .path(path)
    }
}

/// The message for a text that fails at its first word, without the word.
fn foreign_message(code: &ron::Error) -> String {
    match code {
        ron::Error::ExpectedDifferentStructName { expected, .. }
        | ron::Error::ExpectedNamedStructLike(expected) => {
            format!("the file does not start with `{expected}(`; is it the right file?")
        }
        _ => {
            "the file does not start as a file of this kind does; is it the right file?".to_owned()
        }
    }
}

/// `ron`'s message, reworded where it would puzzle a catalogue maintainer.
fn ron_message(code: &ron::Error) -> String {
    match code {
        ron::Error::ExceededRecursionLimit => {
            "the file is nested too deeply (more than 128 levels); a catalogue needs only a few"
                .to_owned()
        }
        ron::Error::Eof => {
            "unexpected end of file; a bracket or parenthesis is not closed".to_owned()
        }
        other => other.to_string(),
    }
}

/// Decodes and parses a whole file: its text (for positions later) and its
/// value, or the one diagnostic that stopped it.
pub(crate) fn read<'b, T: DeserializeOwned>(
    name: &str,
    bytes: &'b [u8],
    shape: &str,
) -> Result<(&'b str, T), Diagnostic> {
    let text = decode(name, bytes, shape)?;
    let value = parse(text).map_err(|f| f.into_diagnostic(name, Position::new(1, 1)))?;
    Ok((text, value))
}

/// The RON options for catalogue files: `Some(…)` may be left out.
pub(crate) fn options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

pub(crate) fn parse<T: DeserializeOwned>(text: &str) -> Result<T, ParseFailure> {
    parse_explained(text).map_err(|mut failure| {
        failure.at_start = failure.error.span.start == first_token(text);
        failure
    })
}

/// Where the first token of `text` is, past white space and comments.
fn first_token(text: &str) -> ron::error::Position {
    let mut rest = text;
    loop {
        let trimmed = rest.trim_start();
        if let Some(comment) = trimmed.strip_prefix("//") {
            rest = comment.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(comment) = trimmed.strip_prefix("/*") {
            rest = comment.split_once("*/").map_or("", |(_, after)| after);
        } else {
            rest = trimmed;
            break;
        }
    }
    let before = &text[..text.len() - rest.len()];
    let position = position_after(before);
    ron::error::Position {
        line: position.line,
        col: position.column,
    }
}

fn parse_explained<T: DeserializeOwned>(text: &str) -> Result<T, ParseFailure> {
    let options = options();
    // Tracking the field path costs about a third of the parse (it keeps
    // every field name as it goes), and only a failure needs it: parse
    // without it first, and again with it only to explain a failure.
    if let Ok(value) = options.from_str::<T>(text) {
        return Ok(value);
    }
    let mut de =
        ron::Deserializer::from_str_with_options(text, &options).map_err(|error| ParseFailure {
            path: None,
            error: Box::new(error),
            at_start: false,
        })?;
    match serde_path_to_error::deserialize(&mut de) {
        Ok(value) => match de.end() {
            Ok(()) => Ok(value),
            Err(code) => Err(ParseFailure {
                path: None,
                error: Box::new(de.span_error(code)),
                at_start: false,
            }),
        },
        Err(e) => {
            let path = e.path().to_string();
            Err(ParseFailure {
                path: Some(path),
                error: Box::new(de.span_error(e.into_inner())),
                at_start: false,
            })
        }
    }
}

/// The position just after `text`.
fn position_after(text: &str) -> Position {
    let line = 1 + text.matches('\n').count();
    let column = 1 + text.rsplit('\n').next().map_or(0, |l| l.chars().count());
    Position::new(line, column)
}
