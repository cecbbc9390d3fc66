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
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::de::DeserializeOwned;

use super::Catalogue;
use super::check;
use super::locate::{self, Node, Segment};
use super::raw::{RawFile, RawProvider, RawService};
use crate::diagnostic::{Diagnostic, Position};
use crate::ronfile::{self, parse};

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

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
pub fn load(source: &Source) -> Result<(Catalogue, Vec<Diagnostic>), CatalogueError> {
    let checked = check_source(source, crate::today());
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
    let outcomes = each_in_parallel(files, |file| {
        let mut diagnostics = Vec::new();
        if file.bytes.len() as u64 > MAX_FILE_BYTES {
            diagnostics.push(too_large(&file.name, file.bytes.len() as u64));
            return (None, diagnostics, true);
        }
        let checked = parse_file(file, &mut diagnostics).map(|parsed| {
            let (checked, mut problems) = check::check_entries(parsed, today);
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

/// `work` on each file, on as many threads as there are cores and files, with
/// the results in the files' order. Files are handed out one at a time, so a
/// large file does not hold up the others' thread.
fn each_in_parallel<'f, R: Send>(
    files: &'f [SourceFile],
    work: impl Fn(&'f SourceFile) -> R + Sync,
) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(files.len());
    if threads <= 1 {
        return files.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(file) = files.get(i) else {
                            return done;
                        };
                        done.push((i, work(file)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
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
    let entries = std::fs::read_dir(path)
        .map_err(|e| Diagnostic::error(&name, format!("cannot read folder: {e}")))?;
    let mut ron_files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|ext| ext == "ron") && p.is_file())
        .collect();
    if ron_files.is_empty() {
        return Err(Diagnostic::error(
            &name,
            "the folder has no `.ron` files; a catalogue folder holds one or more `.ron` files",
        ));
    }
    ron_files.sort();
    ron_files.iter().map(|p| read_file(p)).collect()
}

fn read_file(path: &Path) -> Result<SourceFile, Diagnostic> {
    let name = path.display().to_string();
    let size = std::fs::metadata(path)
        .map_err(|e| Diagnostic::error(&name, format!("cannot read: {e}")))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(&name, size));
    }
    let bytes =
        std::fs::read(path).map_err(|e| Diagnostic::error(&name, format!("cannot read: {e}")))?;
    Ok(SourceFile { name, bytes })
}

fn too_large(name: &str, size: u64) -> Diagnostic {
    Diagnostic::error(
        name,
        format!(
            "the file is too large ({} MiB; the limit is {} MiB); split it into several files in one folder",
            size / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ),
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
    pub providers: Vec<(usize, RawProvider)>,
    pub services: Vec<(usize, RawService)>,
    /// Ids of items that failed to parse, so that references to them are not
    /// reported a second time as unknown.
    pub broken_ids: Vec<String>,
    /// Providers named by services that failed to parse, so that those
    /// providers are not reported as having no services.
    pub broken_references: Vec<String>,
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
        providers: Vec::new(),
        services: Vec::new(),
        broken_ids: Vec::new(),
        broken_references: Vec::new(),
    };
    match parse::<RawFile>(text) {
        Ok(raw) => {
            parsed.providers = raw.providers.into_iter().enumerate().collect();
            parsed.services = raw.services.into_iter().enumerate().collect();
        }
        Err(failure) => {
            let inside_item = failure
                .path
                .as_deref()
                .is_some_and(|p| p.starts_with("providers[") || p.starts_with("services["));
            let before = diagnostics.len();
            if inside_item && parsed.items().is_some() {
                parse_items(&mut parsed, diagnostics);
            }
            // Keep the whole-file error unless item by item found the problems.
            if diagnostics.len() == before {
                parsed.providers.clear();
                parsed.services.clear();
                diagnostics.push(failure.into_diagnostic(&file.name, Position::new(1, 1)));
            }
        }
    }
    Some(parsed)
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
    let (providers, services) = (items("providers"), items("services"));
    for (index, node) in providers.into_iter().enumerate() {
        match parse_item::<RawProvider>(parsed.text, &node, "providers", index, &parsed.name) {
            Ok(raw) => parsed.providers.push((index, raw)),
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
            Ok(raw) => parsed.services.push((index, raw)),
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
    let config = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .indentor("    ".to_owned());
    ronfile::options().to_string_pretty(&catalogue.to_raw(), config)
}
