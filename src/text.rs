//! Text hygiene: what may appear in data texts, and how any text is made safe
//! before it reaches a terminal.
//!
//! Catalogue texts are checked on load (a control character or an escape
//! sequence is an error), but everything printed also goes through
//! [`sanitize`], because queries, file names and future data sources reach the
//! screen too, and a stray `ESC` could rewrite the user's terminal.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether a character must never appear in a data text: C0 and C1 controls
/// (including `ESC`, tab and newline), and the bidirectional overrides and
/// isolates that can make text display differently from what it contains.
#[must_use]
pub fn is_forbidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The first forbidden character in `text`, with its character index.
#[must_use]
pub fn first_forbidden(text: &str) -> Option<(usize, char)> {
    // Every forbidden character is a byte below 0x20, 0x7F, or starts with
    // 0xC2 (C1 controls) or 0xE2 (the bidirectional marks) in UTF-8: text
    // without those bytes — nearly all of a catalogue — is passed in one
    // quick pass over its bytes, without decoding a character.
    if !text
        .bytes()
        .any(|b| b < 0x20 || b == 0x7f || b == 0xc2 || b == 0xe2)
    {
        return None;
    }
    text.chars().enumerate().find(|&(_, c)| is_forbidden(c))
}

/// Whether an id is a slug: lowercase ASCII letters and digits in runs joined
/// by single hyphens, like `ukef-export-insurance`.
#[must_use]
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// `value` as pretty JSON and a line break, safe to print. `serde_json`
/// escapes C0 controls (`ESC` too) but leaves the other characters a
/// terminal may act on — DEL, the C1 controls (`\u{9b}` starts an escape
/// sequence on some terminals) and the bidirectional overrides — as they
/// are: those are escaped here too (`\u009b`), so the data still reads back
/// unchanged. They can only stand inside strings: JSON's own syntax is ASCII.
pub fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let json = serde_json::to_string_pretty(value)?;
    let unsafe_char = |c: char| c > '\u{7e}' && is_forbidden(c);
    let mut out = String::with_capacity(json.len() + 1);
    for c in json.chars() {
        if unsafe_char(c) {
            // Every such character is in the Basic Multilingual Plane.
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    Ok(out)
}

/// Replaces every forbidden character by U+FFFD so the text is safe to print.
#[must_use]
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_forbidden) {
        Cow::Owned(
            text.chars()
                .map(|c| if is_forbidden(c) { '\u{FFFD}' } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(text)
    }
}

/// Sanitises a text and escapes the characters Markdown would read as
/// formatting or HTML.
#[must_use]
pub fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in sanitize(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A URL as a `CommonMark` autolink, `<https://…>`. Backslash escapes do not
/// work inside an autolink (a `\_` stays a backslash and breaks the link), so
/// the URL is written as it is, sanitised, with the few characters an
/// autolink cannot hold (spaces, `<`, `>`) percent-encoded.
#[must_use]
pub fn md_autolink(url: &str) -> String {
    let mut out = String::with_capacity(url.len() + 2);
    out.push('<');
    for c in sanitize(url).chars() {
        match c {
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out.push('>');
    out
}

/// Sanitises a text and escapes it for HTML text and attribute values.
#[must_use]
pub fn html_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in sanitize(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Describes a forbidden character for an error message, e.g. `U+001B (escape)`.
#[must_use]
pub fn describe(c: char) -> String {
    let name = match c {
        '\u{1b}' => " (escape)",
        '\t' => " (tab)",
        '\n' => " (line feed)",
        '\r' => " (carriage return)",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => " (bidirectional control)",
        _ => "",
    };
    format!("U+{:04X}{name}", u32::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The quick pass over bytes never lets a forbidden character by.
        #[test]
        fn the_byte_pass_finds_what_the_character_rule_finds(
            text in "(\\PC|[\u{0}-\u{1f}\u{7f}-\u{9f}\u{202a}-\u{202e}\u{2066}-\u{2069}\u{2000}-\u{2100}é])*"
        ) {
            prop_assert_eq!(
                first_forbidden(&text),
                text.chars().enumerate().find(|&(_, c)| is_forbidden(c))
            );
        }
    }

    #[test]
    fn escape_sequences_are_neutralised() {
        assert_eq!(sanitize("red\u{1b}[31mtext"), "red\u{FFFD}[31mtext");
        assert_eq!(sanitize("plain Križevci"), "plain Križevci");
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            html_escape("<b>\"R&D\"</b>"),
            "&lt;b&gt;&quot;R&amp;D&quot;&lt;/b&gt;"
        );
        assert_eq!(
            md_escape("*bold* [x](y) <i>"),
            "\\*bold\\* \\[x\\](y) \\<i\\>"
        );
        assert_eq!(html_escape("a\u{1b}[31m"), "a\u{FFFD}[31m");
    }

    #[test]
    fn bidi_overrides_are_forbidden() {
        assert_eq!(first_forbidden("abc\u{202E}def"), Some((3, '\u{202E}')));
        assert_eq!(describe('\u{202E}'), "U+202E (bidirectional control)");
    }

    #[test]
    fn ordinary_unicode_is_allowed() {
        assert_eq!(first_forbidden("Agência Évora — Łódź 東京"), None);
    }
}
