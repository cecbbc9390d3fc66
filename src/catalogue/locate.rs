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
//! The scanner is lenient: it only has to understand well-formed RON, and
//! returns `None` for anything it cannot follow.

use crate::diagnostic::Position;

/// One segment of a field path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Field(String),
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
    let mut scanner = Scanner {
        text,
        pos: 0,
        line: 1,
        column: 1,
    };
    scanner.skip_trivia();
    let node = scanner.value(0)?;
    scanner.skip_trivia();
    (scanner.pos == text.len()).then_some(node)
}

/// Deeper than `ron`'s own default recursion limit, so anything `ron`
/// accepted can be scanned, and nothing can overflow the stack.
const MAX_DEPTH: usize = 256;

struct Scanner<'t> {
    text: &'t str,
    pos: usize,
    line: usize,
    column: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn peek_second(&self) -> Option<char> {
        self.text[self.pos..].chars().nth(1)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn position(&self) -> Position {
        Position::new(self.line, self.column)
    }

    /// Skips white space, comments and `#![enable(…)]` attributes.
    fn skip_trivia(&mut self) {
        loop {
            match (self.peek(), self.peek_second()) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                (Some('/'), Some('*')) => self.block_comment(),
                (Some('#'), Some('!')) => {
                    while self.peek().is_some_and(|c| c != ']') {
                        self.bump();
                    }
                    self.bump();
                }
                _ => return,
            }
        }
    }

    fn block_comment(&mut self) {
        let mut depth = 0usize;
        while let Some(c) = self.bump() {
            match (c, self.peek()) {
                ('/', Some('*')) => {
                    self.bump();
                    depth += 1;
                }
                ('*', Some('/')) => {
                    self.bump();
                    depth -= 1;
                    if depth == 0 {
                        return;
                    }
                }
                _ => {}
            }
        }
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        let start = self.position();
        let from = self.pos;
        let kind = match self.peek()? {
            '"' => {
                self.string()?;
                NodeKind::Leaf
            }
            '\'' => {
                self.char_literal()?;
                NodeKind::Leaf
            }
            'r' if matches!(self.peek_second(), Some('"' | '#')) => {
                self.raw_string()?;
                NodeKind::Leaf
            }
            '[' => NodeKind::Items(self.list(']', depth)?),
            '{' => NodeKind::Fields(self.map(depth)?),
            '(' => self.parens(depth)?,
            c if c.is_alphabetic() || c == '_' => {
                self.identifier();
                self.skip_trivia();
                if self.peek() == Some('(') {
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
                while self
                    .peek()
                    .is_some_and(|c| !c.is_whitespace() && !matches!(c, ',' | ')' | ']' | '}'))
                {
                    self.bump();
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

    /// The end of an identifier that started at `from`, before any trailing trivia.
    fn trimmed_end(&self, from: usize) -> usize {
        let ident_len = self.text[from..]
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(self.text.len() - from);
        from + ident_len
    }

    fn identifier(&mut self) -> String {
        let from = self.pos;
        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            self.bump();
        }
        self.text[from..self.pos].to_owned()
    }

    fn string(&mut self) -> Option<()> {
        self.bump();
        loop {
            match self.bump()? {
                '\\' => {
                    self.bump()?;
                }
                '"' => return Some(()),
                _ => {}
            }
        }
    }

    fn char_literal(&mut self) -> Option<()> {
        self.bump();
        loop {
            match self.bump()? {
                '\\' => {
                    self.bump()?;
                }
                '\'' => return Some(()),
                _ => {}
            }
        }
    }

    fn raw_string(&mut self) -> Option<()> {
        self.bump(); // r
        let mut hashes = 0;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        if self.bump()? != '"' {
            return None;
        }
        let closing: String = std::iter::once('"')
            .chain(std::iter::repeat_n('#', hashes))
            .collect();
        loop {
            if self.text[self.pos..].starts_with(&closing) {
                for _ in 0..closing.len() {
                    self.bump();
                }
                return Some(());
            }
            self.bump()?;
        }
    }

    fn list(&mut self, close: char, depth: usize) -> Option<Vec<Node>> {
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
                ',' => {
                    self.bump();
                }
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
            if self.peek()? == '}' {
                self.bump();
                return Some(entries);
            }
            let key_node = self.value(depth + 1)?;
            let key = key_node.string_value(self.text).map_or_else(
                || self.text[key_node.span.clone()].to_owned(),
                str::to_owned,
            );
            self.skip_trivia();
            if self.bump()? != ':' {
                return None;
            }
            self.skip_trivia();
            entries.push((key, self.value(depth + 1)?));
            self.skip_trivia();
            match self.peek()? {
                ',' => {
                    self.bump();
                }
                '}' => {}
                _ => return None,
            }
        }
    }

    /// `( … )`: a struct body when it starts with `name:`, else a tuple.
    fn parens(&mut self, depth: usize) -> Option<NodeKind> {
        let checkpoint = (self.pos, self.line, self.column);
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
            (self.pos, self.line, self.column) = checkpoint;
            return Some(NodeKind::Items(self.list(')', depth)?));
        }
        let mut fields = Vec::new();
        loop {
            self.skip_trivia();
            if self.peek()? == ')' {
                self.bump();
                return Some(NodeKind::Fields(fields));
            }
            let name = self.identifier();
            if name.is_empty() {
                return None;
            }
            self.skip_trivia();
            if self.bump()? != ':' {
                return None;
            }
            self.skip_trivia();
            fields.push((name, self.value(depth + 1)?));
            self.skip_trivia();
            match self.peek()? {
                ',' => {
                    self.bump();
                }
                ')' => {}
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str) -> Segment {
        Segment::Field(name.to_owned())
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
