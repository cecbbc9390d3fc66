//! Reading catalogue sources and parsing them with positions.
//!
//! A source is the embedded default, one `.ron` file or a folder of them
//! (merged in name order). Each file is parsed as a whole; when that fails
//! inside an item and the file's brackets still balance, each top-level item is
//! parsed again on its own, so one run reports every bad item of every file
//! instead of only the first. Positions of errors inside a re-parsed item are
//! shifted back to the item's place in the file.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use serde::de::DeserializeOwned;

use super::Catalogue;
use super::check;
use super::locate::{self, Node, NodeKind, Segment};
use super::raw::{RawFile, RawProgramme, RawProvider, RawService};
use crate::diagnostic::{Diagnostic, Position};
use crate::parallel;
use crate::ronfile::{self, parse};

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = crate::input::CATALOGUE_FILE;

/// The catalogue files compiled into the binary, as `(name, text)`.
const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_data.rs"));

/// Where a catalogue comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The catalogue shipped inside the binary (`data/*.ron` at build time).
    Embedded,
    /// A `.ron` file, or a folder whose `.ron` files are merged.
    Path(PathBuf),
}

/// Why a catalogue could not be used.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("cannot read the catalogue")]
    Unreadable { diagnostics: Vec<Diagnostic> },
    #[error("the catalogue has {} error{}", count_errors(.diagnostics), if count_errors(.diagnostics) == 1 { "" } else { "s" })]
    Invalid { diagnostics: Vec<Diagnostic> },
}

fn count_errors(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

impl CatalogueError {
    /// Every problem found, errors and warnings.
    #[must_use]
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            CatalogueError::Unreadable { diagnostics }
            | CatalogueError::Invalid { diagnostics } => diagnostics,
        }
    }
}

/// One input file, read but not yet parsed.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name used in diagnostics: the path as given, or `data/…` when embedded.
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The outcome of checking a source: the valid part of the catalogue and every problem.
#[derive(Debug, Clone)]
pub struct Checked {
    pub catalogue: Catalogue,
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the source could not be read at all (a missing file, an empty folder).
    pub unreadable: bool,
}

impl Checked {
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.unreadable || self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads and checks a catalogue; any error makes it unusable.
///
/// Errors carry their line and column; warnings are returned without them:
/// placing one means scanning the text around it, which at national scale
/// (10% of 100,000 services closed, say) costs a tenth of the load, and a
/// command that loads shows no warnings. `eis check` ([`check_source`])
/// places every one.
pub fn load(source: &Source) -> Result<(Catalogue, Vec<Diagnostic>), CatalogueError> {
    let checked = match read(source) {
        Ok(files) => check_files_placing(&files, crate::today(), false),
        Err(diagnostic) => Checked {
            catalogue: Catalogue::default(),
            diagnostics: vec![diagnostic],
            unreadable: true,
        },
    };
    if checked.unreadable {
        Err(CatalogueError::Unreadable {
            diagnostics: checked.diagnostics,
        })
    } else if checked.has_errors() {
        Err(CatalogueError::Invalid {
            diagnostics: checked.diagnostics,
        })
    } else {
        Ok((checked.catalogue, checked.diagnostics))
    }
}

/// Reads and checks a source, collecting every problem.
#[must_use]
pub fn check_source(source: &Source, today: jiff::civil::Date) -> Checked {
    match read(source) {
        Ok(files) => check_files(&files, today),
        Err(diagnostic) => Checked {
            catalogue: Catalogue::default(),
            diagnostics: vec![diagnostic],
            unreadable: true,
        },
    }
}

/// Checks files already in memory (the pure part of [`check_source`]).
///
/// Each file is parsed and its entries checked on their own on every core
/// (a national catalogue is many files; 100,000 services are over 100 MB of
/// text), then the rules across files run once over what the files hold.
#[must_use]
pub fn check_files(files: &[SourceFile], today: jiff::civil::Date) -> Checked {
    check_files_placing(files, today, true)
}

/// [`check_files`], placing warnings at their line and column only when
/// `place_warnings` (errors always are).
#[must_use]
pub fn check_files_placing(
    files: &[SourceFile],
    today: jiff::civil::Date,
    place_warnings: bool,
) -> Checked {
    // With fewer files than cores, a large file is parsed in runs on every
    // core; with more, the files already keep every core busy.
    let split = files.len() < parallel::cores();
    let outcomes = parallel::map_each(files, |file| {
        let mut diagnostics = Vec::new();
        if file.bytes.len() as u64 > MAX_FILE_BYTES {
            let error = crate::input::too_large(Some(file.bytes.len() as u64), MAX_FILE_BYTES);
            diagnostics.push(too_large(&file.name, &error));
            return (None, diagnostics, true);
        }
        let checked = parse_file(file, split, &mut diagnostics).map(|mut parsed| {
            parsed.place_warnings = place_warnings;
            let (checked, mut problems) = check::check_entries(parsed, today, split);
            diagnostics.append(&mut problems);
            checked
        });
        (checked, diagnostics, false)
    });
    let mut diagnostics = Vec::new();
    let mut checked = Vec::new();
    let mut unreadable = false;
    for (file, mut problems, too_large) in outcomes {
        checked.extend(file);
        diagnostics.append(&mut problems);
        unreadable |= too_large;
    }
    let (catalogue, mut problems) = check::across(checked, today);
    diagnostics.append(&mut problems);
    // Parse errors and rule errors come from separate passes; list them in
    // reading order, as a compiler would.
    diagnostics.sort_by(|a, b| (&a.file, a.position).cmp(&(&b.file, b.position)));
    Checked {
        catalogue,
        diagnostics,
        unreadable,
    }
}

/// Reads the files of a source. An unreadable source gives one diagnostic.
pub fn read(source: &Source) -> Result<Vec<SourceFile>, Diagnostic> {
    match source {
        Source::Embedded => Ok(EMBEDDED
            .iter()
            .map(|(name, text)| SourceFile {
                name: (*name).to_owned(),
                bytes: text.as_bytes().to_vec(),
            })
            .collect()),
        Source::Path(path) => read_path(path),
    }
}

fn read_path(path: &Path) -> Result<Vec<SourceFile>, Diagnostic> {
    let name = path.display().to_string();
    let metadata = std::fs::metadata(path)
        .map_err(|e| Diagnostic::error(&name, format!("cannot read: {e}")))?;
    if !metadata.is_dir() {
        return read_file(path).map(|file| vec![file]);
    }
    let ron_files = ron_files_in(path)
        .map_err(|e| Diagnostic::error(&name, format!("cannot read folder: {e}")))?;
    if ron_files.is_empty() {
        return Err(Diagnostic::error(
            &name,
            "the folder has no `.ron` files; a catalogue folder holds one or more `.ron` files",
        ));
    }
    ron_files.iter().map(|p| read_file(p)).collect()
}

/// The `.ron` entries directly inside a catalogue folder, in name order: the
/// files it merges (and that the compiled catalogue's key stamps). Every
/// entry named `*.ron` counts, whatever it is: one that is not a regular
/// file (a FIFO, a dangling link) is an error when it is read, never left
/// out unnoticed.
pub(crate) fn ron_files_in(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)?
        .map(|entry| entry.map(|entry| entry.path()))
        .filter(|p| {
            p.as_ref()
                .map_or(true, |p| p.extension().is_some_and(|ext| ext == "ron"))
        })
        .collect::<std::io::Result<_>>()?;
    files.sort();
    Ok(files)
}

fn read_file(path: &Path) -> Result<SourceFile, Diagnostic> {
    let name = path.display().to_string();
    match crate::input::read(path, MAX_FILE_BYTES) {
        Ok(bytes) => Ok(SourceFile { name, bytes }),
        Err(e) if crate::input::is_too_large(&e) => Err(too_large(&name, &e)),
        Err(e) => Err(Diagnostic::error(&name, format!("cannot read: {e}"))),
    }
}

fn too_large(name: &str, error: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        name,
        format!("{error}; split it into several files in one folder"),
    )
}

/// A file's items that parsed, with their index in the file, and the means to
/// locate a field path in its text.
#[derive(Debug)]
pub(crate) struct ParsedFile<'t> {
    pub name: String,
    pub text: &'t str,
    /// The text down to its top-level items, for locating problems; `None` if
    /// it could not be scanned. Scanned on first use: a clean file never is.
    items: OnceLock<Option<Node>>,
    pub programmes: Numbered<RawProgramme>,
    pub providers: Numbered<RawProvider>,
    pub services: Numbered<RawService>,
    /// Ids of items that failed to parse, so that references to them are not
    /// reported a second time as unknown.
    pub broken_ids: Vec<String>,
    /// Providers named by services that failed to parse, so that those
    /// providers are not reported as having no services.
    pub broken_references: Vec<String>,
    /// Whether warnings are given their line and column (errors always are).
    pub place_warnings: bool,
}

/// The entries of one list of a file, each with its index in the list, kept
/// in runs of consecutive entries: a list parsed whole is one run, a list
/// parsed in runs on every core keeps its runs (and each is checked on its
/// own core), and entries that failed to parse leave gaps between runs. At
/// 100,000 services the entries are about 60 MB; numbering them one by one
/// copied them all.
#[derive(Debug)]
pub(crate) struct Numbered<T> {
    /// `(index of the first entry, entries)`, in order.
    runs: Vec<(usize, Vec<T>)>,
}

impl<T> Default for Numbered<T> {
    fn default() -> Self {
        Self { runs: Vec::new() }
    }
}

impl<T> Numbered<T> {
    /// A whole list, numbered from 0.
    pub fn whole(entries: Vec<T>) -> Self {
        Self {
            runs: vec![(0, entries)],
        }
    }

    /// Adds the entry at `index`, which comes after every entry held.
    pub fn push(&mut self, index: usize, entry: T) {
        match self.runs.last_mut() {
            Some((first, entries)) if *first + entries.len() == index => entries.push(entry),
            _ => self.runs.push((index, vec![entry])),
        }
    }

    pub fn len(&self) -> usize {
        self.runs.iter().map(|(_, entries)| entries.len()).sum()
    }

    pub fn clear(&mut self) {
        self.runs.clear();
    }

    /// The runs: `(index of the first entry, entries)`.
    pub fn into_runs(self) -> Vec<(usize, Vec<T>)> {
        self.runs
    }

    /// Every entry with its index, in order.
    pub fn into_numbered(self) -> impl Iterator<Item = (usize, T)> {
        self.runs
            .into_iter()
            .flat_map(|(first, entries)| (first..).zip(entries))
    }
}

impl ParsedFile<'_> {
    /// The root of the text's structure, down to its top-level items.
    fn items(&self) -> Option<&Node> {
        self.items
            .get_or_init(|| locate::scan_items(self.text))
            .as_ref()
    }

    /// The position of a field path in this file. A path inside an item
    /// (`services[3].areas[1]`) is looked up in a full scan of that item only.
    pub fn locate(&self, path: &[Segment]) -> Option<Position> {
        let root = self.items()?;
        if path.len() > 2
            && let Some(item) = root.get(&path[..2])
            && let Some(inside) = locate::scan_item(self.text, item)
        {
            return Some(inside.locate(&path[2..]));
        }
        Some(root.locate(path))
    }
}

fn parse_file<'t>(
    file: &'t SourceFile,
    split: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ParsedFile<'t>> {
    let text = match ronfile::decode(
        &file.name,
        &file.bytes,
        "a catalogue file holds `Catalogue(providers: [...], services: [...])`",
    ) {
        Ok(text) => text,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return None;
        }
    };
    let mut parsed = ParsedFile {
        name: file.name.clone(),
        text,
        items: OnceLock::new(),
        programmes: Numbered::default(),
        providers: Numbered::default(),
        services: Numbered::default(),
        broken_ids: Vec::new(),
        broken_references: Vec::new(),
        place_warnings: true,
    };
    if split
        && text.len() >= SPLIT_FROM_BYTES
        && let Some(lists) = parse_parts(text).or_else(|| parse_split(&parsed))
    {
        parsed.programmes = lists.programmes;
        parsed.providers = lists.providers;
        parsed.services = lists.services;
        return Some(parsed);
    }
    match parse::<RawFile>(text) {
        Ok(raw) => {
            parsed.programmes = Numbered::whole(raw.programmes);
            parsed.providers = Numbered::whole(raw.providers);
            parsed.services = Numbered::whole(raw.services);
        }
        Err(failure) => {
            let inside_item = failure.path.as_deref().is_some_and(|p| {
                p.starts_with("programmes[")
                    || p.starts_with("providers[")
                    || p.starts_with("services[")
            });
            let before = diagnostics.len();
            // Item by item only if the whole text is well-formed to the
            // scanner (a full scan, on this error path only): otherwise a
            // broken item's id could not be read, and references to it
            // would be reported as unknown too.
            if inside_item && locate::scan(text).is_some() {
                parse_items(&mut parsed, diagnostics);
            }
            // Keep the whole-file error unless item by item found the problems.
            if diagnostics.len() == before {
                parsed.programmes.clear();
                parsed.providers.clear();
                parsed.services.clear();
                diagnostics.push(failure.into_diagnostic(&file.name, Position::new(1, 1)));
            }
        }
    }
    Some(parsed)
}

/// A file's three lists, parsed.
pub(crate) struct Lists {
    programmes: Numbered<RawProgramme>,
    providers: Numbered<RawProvider>,
    services: Numbered<RawService>,
}

/// Files from this size on are parsed in runs of items, one per core.
const SPLIT_FROM_BYTES: usize = 1 << 20;

/// A file's entries parsed one by one on every core, found by a shallow scan
/// of the file; the same values as parsing the file whole. `None` when the
/// file is not in the plain shape — `Catalogue(providers: [...], services:
/// [...])` with no `#![enable(...)]` attributes, which would change how its
/// items read — or an item does not parse: then the file is parsed whole,
/// which explains any error.
fn parse_split(parsed: &ParsedFile) -> Option<Lists> {
    let text = parsed.text;
    let root = parsed.items()?;
    let head = &text[root.span.clone()];
    let plain_head = head.starts_with('(')
        || head
            .strip_prefix("Catalogue")
            .is_some_and(|rest| rest.starts_with('('));
    let NodeKind::Fields(fields) = &root.kind else {
        return None;
    };
    if text[..root.span.start].contains("#!") || !plain_head {
        return None;
    }
    let mut lists: [Option<&[Node]>; 3] = [None, None, None];
    for (name, node) in fields {
        let slot = match name.as_str() {
            "programmes" => 0,
            "providers" => 1,
            "services" => 2,
            _ => return None,
        };
        let NodeKind::Items(items) = &node.kind else {
            return None;
        };
        if lists[slot].is_some() || !text[node.span.clone()].starts_with('[') {
            return None;
        }
        lists[slot] = Some(items);
    }
    Some(Lists {
        programmes: parse_runs::<RawProgramme>(text, lists[0].unwrap_or_default())?,
        providers: parse_runs::<RawProvider>(text, lists[1].unwrap_or_default())?,
        services: parse_runs::<RawService>(text, lists[2].unwrap_or_default())?,
    })
}

/// A large file in the plain shape parsed in parts side by side, one per
/// core, without scanning it first (the scan of 10,000 services takes 11–15
/// ms on one core, a tenth of the load). The parts meet after lines holding
/// only `),`, indented as the list's last entry ends (an entry's own fields
/// end the same way, further in), at even distances through the text.
///
/// Parsing every part is what makes it exact. The head — the text up to the
/// first meeting point, with `])` added — is parsed as a whole file: `ron`
/// reads it as it would read the same text in the whole file, so it parses
/// only if, at that point, the whole file's parser is in a list that `])`
/// can close and end the file with: the services list, just after an entry
/// and its comma (inside a string, a comment or an entry, `])` cannot
/// parse). There, what follows reads as it does after a `[`, so each further
/// part, in brackets, parses as a list of services only if it leaves the
/// parser at the same point again; the last part ends at the list's own
/// closing bracket, which the text's tail shows: nothing after it but `)`
/// and an optional comma. `None` when the text is not in that shape (an
/// attribute or a comment before `Catalogue(`, anything after the list, no
/// such lines) or a part does not parse: then the file is scanned.
fn parse_parts(text: &str) -> Option<Lists> {
    let parts = parallel::cores().max(2);
    let from: Vec<usize> = (1..parts).map(|part| text.len() / parts * part).collect();
    parse_parts_from(text, &from)
}

/// [`parse_parts`], the parts meeting at the first entry ends at or after
/// each of `from` (in order).
fn parse_parts_from(text: &str, from: &[usize]) -> Option<Lists> {
    let start = text.trim_start();
    if !(start.starts_with("Catalogue(") || start.starts_with('(')) {
        return None;
    }
    // The services list's closing bracket: `]`, an optional comma and `)`,
    // with nothing but white space between and after.
    let before_paren = text.trim_end().strip_suffix(')')?.trim_end();
    let before_comma = before_paren
        .strip_suffix(',')
        .unwrap_or(before_paren)
        .trim_end();
    let close = before_comma.strip_suffix(']')?.len();
    // How the last entry's closing line is indented: so are the others'.
    let last = text[..close].trim_end();
    let last = last.strip_suffix(',').unwrap_or(last).trim_end();
    let paren = last.strip_suffix(')')?.len();
    let indent = &text[last[..paren].rfind('\n')? + 1..paren];
    if !indent.bytes().all(|b| b == b' ' || b == b'\t') {
        return None;
    }
    let mut meets = Vec::with_capacity(from.len());
    for &from in from {
        let from = from.max(meets.last().copied().unwrap_or(0));
        match entry_end_after(text, from, indent) {
            Some(meet) if meet < close => meets.push(meet),
            _ => break,
        }
    }
    meets.dedup();
    let (&first_meet, _) = meets.split_first()?;
    // Each piece sized once: `format!` would grow a piece of megabytes by
    // doubling, copying it and touching new memory each time.
    let piece = |open: &str, text: &str, shut: &str| {
        let mut piece = String::with_capacity(open.len() + text.len() + shut.len());
        piece.push_str(open);
        piece.push_str(text);
        piece.push_str(shut);
        piece
    };
    let mut pieces = vec![piece("", &text[..first_meet], "])")];
    for (i, &meet) in meets.iter().enumerate() {
        let end = meets.get(i + 1).copied().unwrap_or(close);
        pieces.push(piece("[", &text[meet..end], "]"));
    }
    let options = ronfile::options();
    let order: Vec<usize> = (0..pieces.len()).collect();
    let parsed = parallel::map_each(&order, |&i| {
        if i == 0 {
            options.from_str::<RawFile>(&pieces[i]).ok().map(Part::Head)
        } else {
            let services = options.from_str::<Vec<RawService>>(&pieces[i]).ok();
            services.map(Part::Services)
        }
    });
    let mut parsed = parsed.into_iter();
    let Some(Part::Head(head)) = parsed.next()? else {
        return None;
    };
    let mut services = Numbered::whole(head.services);
    for part in parsed {
        let Part::Services(run) = part? else {
            return None;
        };
        let first = services.len();
        services.runs.push((first, run));
    }
    Some(Lists {
        programmes: Numbered::whole(head.programmes),
        providers: Numbered::whole(head.providers),
        services,
    })
}

/// A part of a file parsed by [`parse_parts`]: the head, or a run of services.
enum Part {
    Head(RawFile),
    Services(Vec<RawService>),
}

/// Where the first line holding only `indent` and `),` at or after `from`
/// ends: just past its line break.
fn entry_end_after(text: &str, from: usize, indent: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    loop {
        let found = at + memchr::memmem::find(&bytes[at..], b"),\n")?;
        let line_start = memchr::memrchr(b'\n', &bytes[..found]).map_or(0, |n| n + 1);
        if &bytes[line_start..found] == indent.as_bytes() {
            return Some(found + 3);
        }
        at = found + 3;
    }
}

/// Parses items in runs on every core, numbered by their place in the list;
/// `None` if any fails. Each run is parsed as one list (the text from its
/// first item to its last, in brackets): a parser per item would cost a third
/// more.
fn parse_runs<T: DeserializeOwned + Send>(text: &str, items: &[Node]) -> Option<Numbered<T>> {
    let runs = parallel::map_runs(items.iter().collect(), 256, |run: Vec<&Node>| {
        let (Some(first), Some(last)) = (run.first(), run.last()) else {
            return Some(Vec::new());
        };
        let mut bracketed = String::with_capacity(last.span.end - first.span.start + 2);
        bracketed.push('[');
        bracketed.push_str(&text[first.span.start..last.span.end]);
        bracketed.push(']');
        let values: Vec<T> = ronfile::options().from_str(&bracketed).ok()?;
        (values.len() == run.len()).then_some(values)
    });
    let mut numbered = Numbered::default();
    let mut first = 0;
    for values in runs {
        let values = values?;
        let next = first + values.len();
        numbered.runs.push((first, values));
        first = next;
    }
    Some(numbered)
}

/// Parses each top-level item on its own, keeping the good ones and
/// reporting every bad one.
fn parse_items(parsed: &mut ParsedFile, diagnostics: &mut Vec<Diagnostic>) {
    let Some(tree) = parsed.items() else {
        return;
    };
    let items = |list: &str| match tree.get(&[Segment::Field(list.to_owned().into())]) {
        Some(Node {
            kind: locate::NodeKind::Items(items),
            ..
        }) => items.clone(),
        _ => Vec::new(),
    };
    let (programmes, providers, services) =
        (items("programmes"), items("providers"), items("services"));
    for (index, node) in programmes.into_iter().enumerate() {
        match parse_item::<RawProgramme>(parsed.text, &node, "programmes", index, &parsed.name) {
            Ok(raw) => parsed.programmes.push(index, raw),
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                parsed
                    .broken_ids
                    .extend(string_field(&node, parsed.text, "id"));
            }
        }
    }
    for (index, node) in providers.into_iter().enumerate() {
        match parse_item::<RawProvider>(parsed.text, &node, "providers", index, &parsed.name) {
            Ok(raw) => parsed.providers.push(index, raw),
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                parsed
                    .broken_ids
                    .extend(string_field(&node, parsed.text, "id"));
            }
        }
    }
    for (index, node) in services.into_iter().enumerate() {
        match parse_item::<RawService>(parsed.text, &node, "services", index, &parsed.name) {
            Ok(raw) => parsed.services.push(index, raw),
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                parsed
                    .broken_ids
                    .extend(string_field(&node, parsed.text, "id"));
                parsed
                    .broken_references
                    .extend(string_field(&node, parsed.text, "provider"));
            }
        }
    }
}

/// A string field of an item found by [`locate::scan_items`].
fn string_field(item: &Node, text: &str, field: &str) -> Option<String> {
    locate::scan_item(text, item)?
        .get(&[Segment::Field(field.to_owned().into())])?
        .string_value(text)
        .map(str::to_owned)
}

fn parse_item<T: DeserializeOwned>(
    text: &str,
    node: &Node,
    list: &str,
    index: usize,
    file: &str,
) -> Result<T, Diagnostic> {
    parse::<T>(&text[node.span.clone()]).map_err(|mut failure| {
        let inner = failure.path.take().unwrap_or_default();
        let prefix = format!("{list}[{index}]");
        failure.path = Some(if inner.is_empty() || inner == "." {
            prefix
        } else {
            format!("{prefix}.{inner}")
        });
        failure.into_diagnostic(file, node.start)
    })
}

/// Writes a catalogue as RON in the shape maintainers write.
pub fn to_ron(catalogue: &Catalogue) -> Result<String, ron::Error> {
    raw_to_ron(&catalogue.to_raw())
}

/// Writes a raw catalogue (one not checked yet) as RON in the shape
/// maintainers write.
pub fn raw_to_ron(raw: &RawFile) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ".to_owned());
    ronfile::options().to_string_pretty(raw, config)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: jiff::civil::Date = jiff::civil::date(2026, 11, 23);

    fn large_file() -> SourceFile {
        let mut files = crate::generate::files(4_500, 7).unwrap();
        assert_eq!(files.len(), 1);
        let file = files.remove(0);
        assert!(
            file.bytes.len() >= SPLIT_FROM_BYTES,
            "large enough to be split"
        );
        file
    }

    fn with_text(text: &str) -> SourceFile {
        SourceFile {
            name: "test.ron".to_owned(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    /// The values of a numbered list, checking the numbers run 0, 1, 2, …
    fn values<T>(list: Numbered<T>) -> Vec<T> {
        list.into_numbered()
            .enumerate()
            .map(|(i, (index, value))| {
                assert_eq!(i, index);
                value
            })
            .collect()
    }

    #[test]
    fn a_large_file_read_in_runs_is_read_as_a_whole_file_is() {
        let file = large_file();
        let text = std::str::from_utf8(&file.bytes).unwrap();
        let Ok(whole) = parse::<RawFile>(text) else {
            panic!("the generated file parses");
        };
        let mut diagnostics = Vec::new();
        let parsed = parse_file(&file, false, &mut diagnostics).unwrap();
        let lists = parse_split(&parsed).expect("the plain shape is split");
        assert_eq!(values(lists.programmes), whole.programmes);
        assert_eq!(values(lists.providers), whole.providers);
        assert_eq!(values(lists.services), whole.services);

        // Checked in runs, the entries and problems are those of one run.
        let in_runs = parse_file(&file, true, &mut diagnostics).unwrap();
        let (split, split_problems) = check::check_entries(in_runs, TODAY, true);
        let (one, one_problems) = check::check_entries(parsed, TODAY, false);
        assert!(diagnostics.is_empty());
        assert_eq!(split.services, one.services);
        assert_eq!(split.providers, one.providers);
        assert_eq!(split_problems, one_problems);
        assert!(!split_problems.is_empty(), "closed services are reported");
    }

    /// The providers and services of a file as `parse_file` reads it on
    /// every core, numbered.
    fn read_split(file: &SourceFile) -> Option<(Vec<RawProvider>, Vec<RawService>)> {
        let mut diagnostics = Vec::new();
        let parsed = parse_file(file, true, &mut diagnostics)?;
        diagnostics
            .is_empty()
            .then(|| (values(parsed.providers), values(parsed.services)))
    }

    #[test]
    fn a_large_file_read_in_parts_without_a_scan_is_read_as_a_whole_file_is() {
        let file = large_file();
        let text = std::str::from_utf8(&file.bytes).unwrap();
        let Ok(whole) = parse::<RawFile>(text) else {
            panic!("the generated file parses");
        };
        for parts in [2, 3, 5] {
            let from: Vec<usize> = (1..parts).map(|p| text.len() / parts * p).collect();
            let lists = parse_parts_from(text, &from).expect("the plain shape is split");
            let runs = lists.services.into_runs();
            assert_eq!(runs.len(), parts);
            let services = Numbered { runs };
            assert_eq!(values(lists.programmes), whole.programmes);
            assert_eq!(values(lists.providers), whole.providers);
            assert_eq!(values(services), whole.services);
        }

        // Texts that look like an entry's end where none is, and other
        // shapes, each split where it misleads: refused, and then read as
        // the whole file reads, or refused as it is.
        let middle = text.len() / 2;
        let next_summary = middle + text[middle..].find("summary: \"").unwrap() + 10;
        let in_string = format!(
            "{}\n        ),\n        ),\n{}",
            &text[..next_summary],
            &text[next_summary..]
        );
        let in_comment = format!(
            "{}/*\n        ),\n*/{}",
            &text[..next_summary - 10],
            &text[next_summary - 10..]
        );
        let providers_last = {
            let services_at = text.find("    services: [").unwrap();
            let end = text.trim_end().strip_suffix(')').unwrap().trim_end();
            format!(
                "Catalogue(\n{},\n{}\n)\n",
                end[services_at..].trim_end_matches(','),
                text["Catalogue(\n".len()..services_at].trim_end()
            )
        };
        let entry_end = middle + text[middle..].find("\n        ),\n").unwrap();
        let comma_missing = format!(
            "{}\n        )\n{}",
            &text[..entry_end],
            &text[entry_end + 12..]
        );
        for (variant, at, valid) in [
            (in_string, next_summary, true),
            (in_comment, next_summary - 10, true),
            (providers_last, middle, true),
            (comma_missing, entry_end, false),
        ] {
            assert!(parse_parts_from(&variant, &[at]).is_none());
            let whole = parse::<RawFile>(&variant)
                .ok()
                .map(|whole| (whole.providers, whole.services));
            assert_eq!(whole.is_some(), valid);
            assert_eq!(read_split(&with_text(&variant)), whole);
        }
    }

    #[test]
    fn loading_places_errors_and_leaves_warnings_unplaced() {
        let file = large_file();
        let text = std::str::from_utf8(&file.bytes).unwrap();
        let broken = with_text(&text.replacen("kind: ", "kind: Nonsense", 1));
        for source in [file, broken] {
            let placed = check_files(std::slice::from_ref(&source), TODAY);
            let quiet = check_files_placing(std::slice::from_ref(&source), TODAY, false);
            let unplaced = |d: &Diagnostic| Diagnostic {
                position: None,
                ..d.clone()
            };
            let mut expected: Vec<Diagnostic> = placed.diagnostics.iter().map(unplaced).collect();
            let mut got: Vec<Diagnostic> = quiet.diagnostics.iter().map(unplaced).collect();
            expected.sort_by(|a, b| a.path.cmp(&b.path));
            got.sort_by(|a, b| a.path.cmp(&b.path));
            assert_eq!(got, expected, "the same problems either way");
            assert!(!placed.diagnostics.is_empty());
            for (placed, quiet) in [(&placed, false), (&quiet, true)] {
                for d in &placed.diagnostics {
                    let has_position = d.position.is_some();
                    assert_eq!(has_position, d.is_error() || !quiet, "{d:?}");
                }
            }
        }
    }

    #[test]
    fn files_that_are_not_plain_are_parsed_whole() {
        let file = large_file();
        let text = std::str::from_utf8(&file.bytes).unwrap();
        let variants = [
            format!("#![enable(unwrap_newtypes)]\n{text}"),
            text.replacen("Catalogue(", "Katalog(", 1),
            text.replacen("    providers: [", "    extra: [],\n    providers: [", 1),
            // A bad item anywhere: the whole file is parsed, which explains it.
            text.replacen("kind: ", "kind: Nonsense", 1),
        ];
        for variant in &variants {
            let source = with_text(variant);
            let mut diagnostics = Vec::new();
            let parsed = parse_file(&source, false, &mut diagnostics).unwrap();
            assert!(parse_split(&parsed).is_none());
        }
        let checked = check_files(&[with_text(&variants[3])], TODAY);
        let errors: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].path, "providers[0].kind");
    }
}
