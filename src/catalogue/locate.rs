//! Finds where a field path (`services[3].areas[1]`) stands in a RON text.
//!
//! `ron` reports positions for syntax and type errors but keeps none once a
//! value is deserialised, so the checker's semantic errors (an unknown
//! provider, a bad area code) would have no line. This module scans the text's
//! structure once — strings, comments, brackets, field names — into a tree of
//! positions that paths can be looked up in. It also gives the byte range of
//! each top-level item, which lets the loader re-parse items one by one and
//! report every bad item in a file, not just the first.
//!
//! A catalogue file is first scanned only down to its items ([`scan_items`]),
//! and an item in full only when a path inside it is asked for
//! ([`scan_item`]): a large catalogue has a few problems to place among
//! many thousands of entries.
//!
//! The scanner is lenient: it only has to understand well-formed RON, and
//! returns `None` for anything it cannot follow.

use std::borrow::Cow;

use crate::diagnostic::Position;

/// One segment of a field path. Field names are nearly always the literal
/// names of struct fields, so they are borrowed: the checker builds a path for
/// every value it checks, and most are never shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Field(Cow<'static, str>),
    Index(usize),
}

/// Renders a path as `services[3].areas[1]`.
#[must_use]
pub fn render_path(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Field(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Segment::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// A value in the text: where it starts and ends, and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub start: Position,
    /// Byte offsets of the value in the text.
    pub span: std::ops::Range<usize>,
    pub kind: NodeKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// A number, string, unit variant or other atom.
    Leaf,
    /// `Name(field: value, …)` or a map `{ "key": value }`.
    Fields(Vec<(String, Node)>),
    /// `[a, b]` or a tuple `(a, b)`, including `Some(x)` and `Variant(x)`.
    Items(Vec<Node>),
}

impl Node {
    /// The node at `path`, descending transparently through one-element
    /// tuples such as `Some(…)` when a field is asked for.
    #[must_use]
    pub fn get(&self, path: &[Segment]) -> Option<&Node> {
        let Some((first, rest)) = path.split_first() else {
            return Some(self);
        };
        match (&self.kind, first) {
            (NodeKind::Fields(fields), Segment::Field(name)) => fields
                .iter()
                .find(|(key, _)| key == name)
                .and_then(|(_, node)| node.get(rest)),
            (NodeKind::Items(items), Segment::Index(i)) => items.get(*i)?.get(rest),
            (NodeKind::Items(items), Segment::Field(_)) if items.len() == 1 => items[0].get(path),
            _ => None,
        }
    }

    /// The position of the deepest node along `path` that exists: the exact
    /// field when it is written, else the nearest enclosing value.
    #[must_use]
    pub fn locate(&self, path: &[Segment]) -> Position {
        (0..=path.len())
            .rev()
            .find_map(|len| self.get(&path[..len]))
            .map_or(self.start, |node| node.start)
    }

    /// The text of a leaf string value without its quotes (escapes are kept as written).
    #[must_use]
    pub fn string_value<'t>(&self, text: &'t str) -> Option<&'t str> {
        let raw = text.get(self.span.clone())?;
        raw.strip_prefix('"')?.strip_suffix('"')
    }
}

/// Scans `text` into a tree of positions, or `None` if it is not well-formed RON.
#[must_use]
pub fn scan(text: &str) -> Option<Node> {
    Scanner::new(text, usize::MAX).whole()
}

/// Scans `text` down to the items of its top-level lists only: the root, its
/// fields, and one node per item with its start and span but nothing inside
/// (`Leaf`). It walks the whole text but builds a tree the size of the item
/// count; [`scan_item`] fills in an item when a path inside it is wanted.
#[must_use]
pub fn scan_items(text: &str) -> Option<Node> {
    Scanner::new(text, 2).whole()
}

/// Scans one item found by [`scan_items`] in full, with positions in the
/// whole text.
#[must_use]
pub fn scan_item(text: &str, item: &Node) -> Option<Node> {
    let mut scanner = Scanner::new(text, usize::MAX);
    scanner.pos = item.span.start;
    scanner.line = item.start.line;
    // Columns count on from the item's own: nothing before it is read again.
    scanner.counted = item.span.start;
    scanner.column = item.start.column - 1;
    let node = scanner.value(0)?;
    (scanner.pos == item.span.end).then_some(node)
}

/// The end of the string or character literal that opens at `at`.
fn end_of_quoted(bytes: &[u8], at: usize, quote: u8) -> Option<usize> {
    let mut i = at + 1;
    loop {
        i += memchr::memchr2(quote, b'\\', &bytes[i..])?;
        if bytes[i] == quote {
            return Some(i + 1);
        }
        // An escape's second byte is never a quote that ends the literal.
        i += 2;
        if i > bytes.len() {
            return None;
        }
    }
}

/// The end of the raw string `r#"…"#` that opens at `at`.
fn end_of_raw(bytes: &[u8], at: usize) -> Option<usize> {
    let hashes = bytes[at + 1..].iter().take_while(|&&b| b == b'#').count();
    let open = at + 1 + hashes;
    if bytes.get(open) != Some(&b'"') {
        return None;
    }
    let mut i = open + 1;
    loop {
        i += memchr::memchr(b'"', &bytes[i..])?;
        let closing = bytes[i + 1..]
            .iter()
            .take(hashes)
            .take_while(|&&b| b == b'#')
            .count();
        if closing == hashes {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
}

/// Bytes at which [`end_of_brackets`] must look: everything else is passed over.
const STRUCTURAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let special = *b"\"'r/()[]{}";
    while i < special.len() {
        table[special[i] as usize] = true;
        i += 1;
    }
    table
};

/// The end of the bracketed value that opens at `at`, past its matching
/// closing bracket (any kind closes any kind: the text is checked by `ron`).
fn end_of_brackets(bytes: &[u8], at: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = at;
    loop {
        while bytes.get(i).is_some_and(|&b| !STRUCTURAL[b as usize]) {
            i += 1;
        }
        match *bytes.get(i)? {
            q @ (b'"' | b'\'') => i = end_of_quoted(bytes, i, q)?,
            b'r' if matches!(bytes.get(i + 1), Some(b'"' | b'#'))
                && !bytes[..i]
                    .last()
                    .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_') =>
            {
                i = end_of_raw(bytes, i)?;
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => i = end_of_line_comment(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'*') => i = end_of_block_comment(bytes, i)?,
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                i += 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
}

/// The end of the `//` comment at `at`: its line break, which it leaves.
fn end_of_line_comment(bytes: &[u8], at: usize) -> usize {
    memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n)
}

/// The end of the (possibly nested) block comment that opens at `at`.
fn end_of_block_comment(bytes: &[u8], at: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = at;
    loop {
        match (bytes.get(i)?, bytes.get(i + 1)) {
            (b'/', Some(b'*')) => {
                depth += 1;
                i += 2;
            }
            (b'*', Some(b'/')) => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
}

/// Deeper than `ron`'s own default recursion limit, so anything `ron`
/// accepted can be scanned, and nothing can overflow the stack.
const MAX_DEPTH: usize = 256;

/// Walks the text byte by byte: everything that gives RON its structure is
/// ASCII, so characters are decoded only where a non-ASCII byte could start
/// an identifier or white space. Columns are counted in characters, only
/// where a node starts, on from the last node's column: each byte is counted
/// once however long its line, so a whole catalogue on one line scans in
/// the time of the same with line breaks. (A catalogue of 100,000 services
/// is over 100 MB of text; this scan runs on every file with a warning, so
/// it has to be about as fast as reading it.)
struct Scanner<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
    line: usize,
    /// The byte offset on the current line up to which columns are counted…
    counted: usize,
    /// …and the characters of the line before it.
    column: usize,
    /// Values at this depth are kept without their insides (`usize::MAX`: all is kept).
    keep_depth: usize,
}

impl<'t> Scanner<'t> {
    fn new(text: &'t str, keep_depth: usize) -> Self {
        Scanner {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
            counted: 0,
            column: 0,
            keep_depth,
        }
    }

    /// The whole text as one value, surrounded by nothing but trivia.
    fn whole(mut self) -> Option<Node> {
        self.skip_trivia();
        let node = self.value(0)?;
        self.skip_trivia();
        (self.pos == self.text.len()).then_some(node)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_second(&self) -> Option<u8> {
        self.bytes.get(self.pos + 1).copied()
    }

    /// The character at the current position (for non-ASCII bytes).
    fn char_here(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    /// Moves to byte `end` (a character boundary), counting the lines passed.
    fn skip_to(&mut self, end: usize) {
        let passed = &self.bytes[self.pos..end];
        if let Some(last) = memchr::memrchr(b'\n', passed) {
            self.line += memchr::memchr_iter(b'\n', passed).count();
            self.counted = self.pos + last + 1;
            self.column = 0;
        }
        self.pos = end;
    }

    /// Consumes one byte known not to be a line break.
    fn bump(&mut self) {
        self.pos += 1;
    }

    fn position(&mut self) -> Position {
        self.column += self.bytes[self.counted..self.pos]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count();
        self.counted = self.pos;
        Position::new(self.line, self.column + 1)
    }

    /// Skips white space, comments and `#![enable(…)]` attributes.
    fn skip_trivia(&mut self) {
        while let Some(b) = self.peek() {
            match (b, self.peek_second()) {
                (b'\n', _) => self.skip_to(self.pos + 1),
                (b' ' | b'\t' | b'\r' | 0x0B | 0x0C, _) => self.bump(),
                (b'/', Some(b'/')) => self.pos = end_of_line_comment(self.bytes, self.pos),
                (b'/', Some(b'*')) => self.block_comment(),
                (b'#', Some(b'!')) => {
                    let end = self.bytes[self.pos..]
                        .iter()
                        .position(|&b| b == b']')
                        .map_or(self.bytes.len(), |i| self.pos + i + 1);
                    self.skip_to(end);
                }
                (b, _) if b >= 0x80 => match self.char_here() {
                    Some(c) if c.is_whitespace() => self.pos += c.len_utf8(),
                    _ => return,
                },
                _ => return,
            }
        }
    }

    fn block_comment(&mut self) {
        // An unclosed comment runs to the end.
        let end = end_of_block_comment(self.bytes, self.pos).unwrap_or(self.bytes.len());
        self.skip_to(end);
    }

    fn is_identifier_start(&self) -> bool {
        match self.peek() {
            Some(b) if b.is_ascii() => b.is_ascii_alphabetic() || b == b'_',
            Some(_) => self.char_here().is_some_and(char::is_alphabetic),
            None => false,
        }
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        if depth >= self.keep_depth {
            // Kept without its insides: walked over by its brackets alone.
            let start = self.position();
            let from = self.pos;
            let end = self.skip_over()?;
            return Some(Node {
                start,
                span: from..end,
                kind: NodeKind::Leaf,
            });
        }
        let start = self.position();
        let from = self.pos;
        let kind = match self.peek()? {
            b'"' => {
                self.quoted(b'"')?;
                NodeKind::Leaf
            }
            b'\'' => {
                self.quoted(b'\'')?;
                NodeKind::Leaf
            }
            b'r' if matches!(self.peek_second(), Some(b'"' | b'#')) => {
                self.raw_string()?;
                NodeKind::Leaf
            }
            b'[' => NodeKind::Items(self.list(b']', depth)?),
            b'{' => NodeKind::Fields(self.map(depth)?),
            b'(' => self.parens(depth)?,
            _ if self.is_identifier_start() => {
                self.identifier();
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    self.parens(depth)?
                } else {
                    // A unit variant or keyword ends where its identifier does.
                    return Some(Node {
                        start,
                        span: from..self.trimmed_end(from),
                        kind: NodeKind::Leaf,
                    });
                }
            }
            _ => {
                while let Some(b) = self.peek() {
                    let ends = if b.is_ascii() {
                        b.is_ascii_whitespace() || matches!(b, b',' | b')' | b']' | b'}')
                    } else {
                        self.char_here().is_some_and(char::is_whitespace)
                    };
                    if ends {
                        break;
                    }
                    self.pos += self.char_here().map_or(1, char::len_utf8);
                }
                if self.pos == from {
                    return None;
                }
                NodeKind::Leaf
            }
        };
        Some(Node {
            start,
            span: from..self.pos,
            kind,
        })
    }

    /// Walks over one value without building anything, looking only at its
    /// brackets, strings, character literals and comments, and returns where
    /// it ends (before any trivia that follows). `None` if the text ends
    /// inside it or it is empty. This is the scan's inner loop on a large
    /// file, so it runs on bytes with `memchr` and counts lines afterwards.
    fn skip_over(&mut self) -> Option<usize> {
        let bytes = self.bytes;
        let from = self.pos;
        let end = match *bytes.get(from)? {
            q @ (b'"' | b'\'') => end_of_quoted(bytes, from, q)?,
            b'r' if matches!(bytes.get(from + 1), Some(b'"' | b'#')) => end_of_raw(bytes, from)?,
            b'(' | b'[' | b'{' => end_of_brackets(bytes, from)?,
            _ => {
                // A number, a unit variant or keyword, or a name before `(`.
                let atom = from
                    + bytes[from..]
                        .iter()
                        .position(|&b| {
                            b.is_ascii_whitespace()
                                || matches!(
                                    b,
                                    b',' | b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'/'
                                )
                        })
                        .unwrap_or(bytes.len() - from);
                if atom == from {
                    return None;
                }
                self.pos = atom;
                let checkpoint = (self.line, self.counted, self.column);
                self.skip_trivia();
                if self.peek() == Some(b'(') {
                    end_of_brackets(bytes, self.pos)?
                } else {
                    // The atom alone: the trivia after it is not its own.
                    (self.line, self.counted, self.column) = checkpoint;
                    self.pos = atom;
                    atom
                }
            }
        };
        self.skip_to(end);
        Some(end)
    }

    /// The end of an identifier that started at `from`, before any trailing trivia.
    fn trimmed_end(&self, from: usize) -> usize {
        let ident_len = self.text[from..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(self.text.len() - from);
        from + ident_len
    }

    /// Consumes an identifier and returns it.
    fn identifier(&mut self) -> &str {
        let from = self.pos;
        while let Some(b) = self.peek() {
            if b.is_ascii_alphanumeric() || b == b'_' {
                self.bump();
            } else if b.is_ascii() {
                break;
            } else {
                match self.char_here() {
                    Some(c) if c.is_alphanumeric() => self.pos += c.len_utf8(),
                    _ => break,
                }
            }
        }
        &self.text[from..self.pos]
    }

    /// A string or character literal: from the opening quote past the closing one.
    fn quoted(&mut self, quote: u8) -> Option<()> {
        let end = end_of_quoted(self.bytes, self.pos, quote)?;
        self.skip_to(end);
        Some(())
    }

    fn raw_string(&mut self) -> Option<()> {
        let end = end_of_raw(self.bytes, self.pos)?;
        self.skip_to(end);
        Some(())
    }

    fn list(&mut self, close: u8, depth: usize) -> Option<Vec<Node>> {
        self.bump(); // the opening bracket
        let mut items = Vec::new();
        loop {
            self.skip_trivia();
            if self.peek()? == close {
                self.bump();
                return Some(items);
            }
            items.push(self.value(depth + 1)?);
            self.skip_trivia();
            match self.peek()? {
                b',' => self.bump(),
                c if c == close => {}
                _ => return None,
            }
        }
    }

    fn map(&mut self, depth: usize) -> Option<Vec<(String, Node)>> {
        self.bump(); // {
        let mut entries = Vec::new();
        loop {
            self.skip_trivia();
            if self.peek()? == b'}' {
                self.bump();
                return Some(entries);
            }
            let key_node = self.value(depth + 1)?;
            self.skip_trivia();
            if self.peek()? != b':' {
                return None;
            }
            self.bump();
            self.skip_trivia();
            let value = self.value(depth + 1)?;
            let key = key_node.string_value(self.text).map_or_else(
                || self.text[key_node.span.clone()].to_owned(),
                str::to_owned,
            );
            entries.push((key, value));
            self.skip_trivia();
            match self.peek()? {
                b',' => self.bump(),
                b'}' => {}
                _ => return None,
            }
        }
    }

    /// `( … )`: a struct body when it starts with `name:`, else a tuple.
    fn parens(&mut self, depth: usize) -> Option<NodeKind> {
        let checkpoint = (self.pos, self.line, self.counted, self.column);
        self.bump(); // (
        self.skip_trivia();
        let is_struct = {
            let rest = &self.text[self.pos..];
            let ident_len = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            ident_len > 0
                && rest[ident_len..].trim_start().starts_with(':')
                && !rest[ident_len..].trim_start().starts_with("::")
        };
        if !is_struct {
            (self.pos, self.line, self.counted, self.column) = checkpoint;
            return Some(NodeKind::Items(self.list(b')', depth)?));
        }
        let mut fields = Vec::new();
        loop {
            self.skip_trivia();
            if self.peek()? == b')' {
                self.bump();
                return Some(NodeKind::Fields(fields));
            }
            let name = self.identifier().len();
            if name == 0 {
                return None;
            }
            let name = self.pos - name..self.pos;
            self.skip_trivia();
            if self.peek()? != b':' {
                return None;
            }
            self.bump();
            self.skip_trivia();
            let value = self.value(depth + 1)?;
            fields.push((self.text[name].to_owned(), value));
            self.skip_trivia();
            match self.peek()? {
                b',' => self.bump(),
                b')' => {}
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str) -> Segment {
        Segment::Field(name.to_owned().into())
    }

    const TEXT: &str = r#"// comment
Catalogue(
    services: [
        Service(id: "a", areas: ["DK", "XX"]),
        /* block */ Service(
            id: "b",
            cost: Paid("x, y"),
            eligibility: (employees: Some((max: 9))),
        ),
    ],
)
"#;

    #[test]
    fn an_item_that_is_a_word_followed_by_a_comment_or_a_line_break_is_scanned() {
        // Found by the fuzzer: the scan stepped back over the trivia after
        // such an item, and panicked.
        for text in [
            "(services: [abc // note\n])",
            "(services: [abc\n, def\n\n])",
        ] {
            let root = scan_items(text).expect("the text scans");
            let item = root
                .get(&[field("services"), Segment::Index(0)])
                .expect("the first item");
            assert_eq!(&text[item.span.clone()], "abc");
            assert_eq!(item.start, Position::new(1, 13));
        }
    }

    #[test]
    fn paths_resolve_to_line_and_column() {
        let root = scan(TEXT).unwrap();
        let at = |path: &[Segment]| root.get(path).map(|n| n.start);
        assert_eq!(
            at(&[
                field("services"),
                Segment::Index(0),
                field("areas"),
                Segment::Index(1)
            ]),
            Some(Position::new(4, 40))
        );
        assert_eq!(
            at(&[field("services"), Segment::Index(1), field("id")]),
            Some(Position::new(6, 17))
        );
        assert_eq!(
            at(&[
                field("services"),
                Segment::Index(1),
                field("eligibility"),
                field("employees"),
                field("max")
            ]),
            Some(Position::new(8, 49))
        );
    }

    #[test]
    fn a_missing_field_locates_its_parent() {
        let root = scan(TEXT).unwrap();
        let path = [field("services"), Segment::Index(0), field("summary")];
        assert_eq!(root.locate(&path), Position::new(4, 9));
    }

    #[test]
    fn string_values_and_item_spans_are_available() {
        let root = scan(TEXT).unwrap();
        let item = root.get(&[field("services"), Segment::Index(0)]).unwrap();
        assert!(TEXT[item.span.clone()].starts_with("Service(id: \"a\""));
        let id = item.get(&[field("id")]).unwrap();
        assert_eq!(id.string_value(TEXT), Some("a"));
    }

    /// Every item scanned on its own, after the shallow scan found it, is the
    /// same tree with the same positions as in a full scan of the file.
    fn items_match_a_full_scan(text: &str) {
        let full = scan(text).unwrap();
        let shallow = scan_items(text).unwrap();
        for list in ["providers", "services"] {
            let (
                Some(Node {
                    kind: NodeKind::Items(full_items),
                    ..
                }),
                Some(Node {
                    kind: NodeKind::Items(items),
                    ..
                }),
            ) = (full.get(&[field(list)]), shallow.get(&[field(list)]))
            else {
                continue;
            };
            assert_eq!(items.len(), full_items.len());
            for (item, full_item) in items.iter().zip(full_items) {
                assert_eq!(
                    item.kind,
                    NodeKind::Leaf,
                    "the shallow scan keeps no insides"
                );
                assert_eq!(scan_item(text, item).as_ref(), Some(full_item));
            }
        }
    }

    #[test]
    fn an_item_scanned_alone_is_placed_as_in_the_whole_file() {
        items_match_a_full_scan(TEXT);
        items_match_a_full_scan("Catalogue(services: [S(a: \"é\"), S(b: [1, 2])])");
        let mut texts = 0;
        for entry in std::fs::read_dir("data/catalogue").unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            items_match_a_full_scan(&text);
            texts += 1;
        }
        assert!(texts > 5);
    }

    #[test]
    fn multibyte_text_is_counted_in_characters() {
        let text = "(a: \"łódź\", b: 1,\n\tc: r#\"x\"y\"#, d: 'ø', e: \"\\\"ß\")";
        let root = scan(text).unwrap();
        assert_eq!(root.get(&[field("b")]).unwrap().start, Position::new(1, 16));
        assert_eq!(root.get(&[field("c")]).unwrap().start, Position::new(2, 5));
        assert_eq!(root.get(&[field("d")]).unwrap().start, Position::new(2, 18));
        assert_eq!(root.get(&[field("e")]).unwrap().start, Position::new(2, 26));
    }

    #[test]
    fn unbalanced_text_is_not_scanned() {
        assert_eq!(scan("Catalogue(services: [Service(id: \"a\")"), None);
        assert_eq!(scan("(a: \"unterminated)"), None);
    }

    #[test]
    fn paths_render_like_serde_paths() {
        let path = [
            field("services"),
            Segment::Index(3),
            field("areas"),
            Segment::Index(1),
        ];
        assert_eq!(render_path(&path), "services[3].areas[1]");
    }
}
