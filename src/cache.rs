//! The compiled catalogue: a checked catalogue and its search index kept in
//! binary form in the user's cache folder, so that the adviser's app and the
//! one-shot commands (`eis search`, `eis match`, `eis landscape`) start
//! without parsing and checking the RON text again. At 10,000 services that
//! is the difference between a quarter of a second and a few tens of
//! milliseconds.
//!
//! An entry is keyed by the program (its size and modification time: a new
//! build may check differently) and by every source file's path, size and
//! modification time, as make and git tell that a file changed. It is written
//! only for a catalogue that checks without errors, only if no source file
//! changed while it was read, and not while a source file had changed
//! (modified, or on Unix had its status changed, which `cp -p` cannot set
//! back) less than two seconds before: a file changed twice within one tick
//! of the file system's clock would otherwise look unchanged (git's "racy"
//! rule). Anything wrong with the cache — missing, stale, damaged, unwritable
//! — means the catalogue is read from its source as if there were no cache;
//! the cache can make a command slower, never fail.
//!
//! `eis check` never uses it (the check must read the text and report every
//! warning), nor does the kiosk, which writes nothing but referral slips.
//!
//! There is one entry per source (its path names the entry), replaced when
//! the source changes. The folder keeps the [`KEPT_ENTRIES`] entries used
//! most recently: an entry is stamped as used whenever it is read, and
//! writing a new one removes the least recently used beyond that number, so
//! that catalogues tried once and deleted do not leave hundreds of megabytes
//! behind.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::binary::{Bin, Input, by_place, put_slice, put_str, take_whole};
use crate::catalogue::raw::Requirement;
use crate::catalogue::{
    Area, Bounds, Catalogue, CatalogueError, Contact, Cost, Eligibility, Programme, ProgrammeId,
    Provider, ProviderId, Service, ServiceId, ServiceText, Source,
};
use crate::i18n::Lang;
use crate::parallel;
use crate::search::SearchIndex;
use crate::vocab::{
    Dimension, LegalForm, Membership, Mode, NaceDivision, NaceSection, Need, ProviderKind, Scope,
    SizeClass, Stage, Status, Support, Tier, Zone,
};

/// The environment variable that moves the cache folder.
pub const CACHE_DIR_VARIABLE: &str = "EIS_CACHE_DIR";

/// The first bytes of every cache file, with the layout's version: a file of
/// another layout is never misread.
const MAGIC: &[u8] = b"EIS-CATALOGUE-CACHE\x005\n";

/// How many compiled catalogues the cache folder keeps (see the module docs).
pub const KEPT_ENTRIES: usize = 8;

/// A source file changed less than this before it is read is not cached yet
/// (see the module docs).
const SETTLE: Duration = Duration::from_secs(2);

/// Where compiled catalogues are kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    dir: PathBuf,
    /// How long a source file must have been left alone to be cached.
    settle: Duration,
}

/// A catalogue ready to use, and its search index when it was asked for.
#[derive(Debug)]
pub struct Compiled {
    pub catalogue: Catalogue,
    pub index: Option<SearchIndex>,
    /// Whether it came from the cache rather than from the source text.
    pub cached: bool,
}

impl Compiled {
    /// The catalogue and its search index: the one read, or else built now.
    #[must_use]
    pub fn with_index(self) -> (Catalogue, SearchIndex) {
        let index = self
            .index
            .unwrap_or_else(|| SearchIndex::new(&self.catalogue));
        (self.catalogue, index)
    }
}

impl Cache {
    #[must_use]
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self {
            dir: dir.into(),
            settle: SETTLE,
        }
    }

    /// The same cache, caching files left alone for `settle` (two seconds
    /// by default): for tests and benchmarks, which write their catalogues
    /// a moment before reading them and change them only by whole seconds.
    #[must_use]
    pub fn settling(mut self, settle: Duration) -> Self {
        self.settle = settle;
        self
    }

    /// `EIS_CACHE_DIR` when set, else the platform's cache folder
    /// (`~/.cache/eis-navigator` on Linux); `None` when there is neither.
    #[must_use]
    pub fn from_environment() -> Option<Self> {
        if let Some(dir) = std::env::var_os(CACHE_DIR_VARIABLE).filter(|d| !d.is_empty()) {
            return Some(Self::new(dir));
        }
        directories::ProjectDirs::from("eu", "EIS", "eis-navigator")
            .map(|dirs| Self::new(dirs.cache_dir()))
    }

    /// The folder the cache files are in.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Loads a catalogue that checks without errors, from the cache when it
    /// holds this source unchanged, else from the source (then caching it).
    /// Errors are those of [`crate::catalogue::load()`].
    pub fn load(&self, source: &Source, with_index: bool) -> Result<Compiled, CatalogueError> {
        let Some(key) = Key::of(source) else {
            return uncached(source, with_index);
        };
        let path = self.dir.join(key.file_name());
        if let Some(compiled) = crate::input::read(&path, crate::input::COMPILED_CATALOGUE)
            .ok()
            .and_then(|bytes| decode(&bytes, &key.fingerprint, with_index))
        {
            // Stamped as used, for pruning; an entry that cannot be stamped
            // is only pruned sooner.
            let _ = std::fs::File::options()
                .write(true)
                .open(&path)
                .and_then(|file| file.set_modified(SystemTime::now()));
            return Ok(compiled);
        }
        let (catalogue, _warnings) = crate::catalogue::load(source)?;
        // Stored only if no file changed while it was read, and none had
        // changed shortly before the stamps were taken.
        let storing = key.settled(self.settle)
            && Key::of(source).is_some_and(|after| after.fingerprint == key.fingerprint);
        // The index is built only for a caller that asked for it or for the
        // entry: `match` on a catalogue that cannot be cached never pays for it.
        let index = (with_index || storing).then(|| SearchIndex::new(&catalogue));
        if storing && let Some(index) = &index {
            // A cache that cannot be written is only a slower next start.
            let _ = self.store(&path, &key.fingerprint, &catalogue, index);
        }
        Ok(Compiled {
            catalogue,
            index: index.filter(|_| with_index),
            cached: false,
        })
    }

    fn store(
        &self,
        path: &Path,
        fingerprint: &[u8],
        catalogue: &Catalogue,
        index: &SearchIndex,
    ) -> std::io::Result<()> {
        crate::save::create_dir(&self.dir)?;
        let bytes = encode(fingerprint, catalogue, index);
        // Written whole beside the entry, then renamed over it: a reader sees
        // the old entry or the new one, never half of one.
        let mut file = tempfile::NamedTempFile::new_in(&self.dir)?;
        file.write_all(&bytes)?;
        file.persist(path).map_err(|e| e.error)?;
        prune(&self.dir, KEPT_ENTRIES);
        Ok(())
    }
}

/// Removes the least recently used compiled catalogues of `dir` beyond the
/// `kept` most recent (by modification time: written or read). Nothing but
/// compiled catalogues is touched, and a file that cannot be removed is left.
fn prune(dir: &Path, kept: usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut compiled: Vec<(SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|entry| {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            name.starts_with("catalogue-") && name.ends_with(".bin")
        })
        .filter_map(|entry| {
            let metadata = entry.metadata().ok()?;
            let used = metadata.modified().ok()?;
            metadata.is_file().then(|| (used, entry.path()))
        })
        .collect();
    if compiled.len() <= kept {
        return;
    }
    compiled.sort_by_key(|(used, _)| std::cmp::Reverse(*used));
    for (_, path) in &compiled[kept..] {
        let _ = std::fs::remove_file(path);
    }
}

/// Loads without a cache: the source is read and checked.
pub fn uncached(source: &Source, with_index: bool) -> Result<Compiled, CatalogueError> {
    let (catalogue, _warnings) = crate::catalogue::load(source)?;
    let index = with_index.then(|| SearchIndex::new(&catalogue));
    Ok(Compiled {
        catalogue,
        index,
        cached: false,
    })
}

/// What identifies a source and the program reading it.
struct Key {
    /// The source's name: `embedded`, or its canonical path.
    name: String,
    fingerprint: Vec<u8>,
    /// When the stamps were taken.
    stamped_at: SystemTime,
    /// The latest change among the source files: modification or, on Unix,
    /// status change (which no tool can set back, as `cp -p` sets back the
    /// modification time).
    newest: Option<SystemTime>,
}

impl Key {
    fn of(source: &Source) -> Option<Self> {
        let stamped_at = SystemTime::now();
        let mut fingerprint = Vec::new();
        let mut newest = None;
        stamp(&std::env::current_exe().ok()?, &mut fingerprint)?;
        let name = match source {
            Source::Embedded => "embedded".to_owned(),
            Source::Path(path) => {
                let path = path.canonicalize().ok()?;
                let files = if path.is_dir() {
                    crate::catalogue::load::ron_files_in(&path).ok()?
                } else {
                    vec![path.clone()]
                };
                for file in &files {
                    put_str(file.to_str()?, &mut fingerprint);
                    let changed = stamp(file, &mut fingerprint)?;
                    newest = newest.max(Some(changed));
                }
                path.to_str()?.to_owned()
            }
        };
        Some(Self {
            name,
            fingerprint,
            stamped_at,
            newest,
        })
    }

    fn file_name(&self) -> String {
        let mut hasher = DefaultHasher::new();
        self.name.hash(&mut hasher);
        format!("catalogue-{:016x}.bin", hasher.finish())
    }

    /// Whether every source file had been left alone for `settle` when the
    /// stamps were taken: a change after that shows in its stamp, even on a
    /// file system whose clock ticks in whole seconds.
    fn settled(&self, settle: Duration) -> bool {
        self.newest.is_none_or(|newest| {
            self.stamped_at
                .duration_since(newest)
                .is_ok_and(|age| age >= settle)
        })
    }
}

/// Adds a file's size and modification time (and, on Unix, its inode and
/// status change time) to a fingerprint; returns the later of the two times.
fn stamp(path: &Path, out: &mut Vec<u8>) -> Option<SystemTime> {
    let metadata = std::fs::metadata(path).ok()?;
    let modified = metadata.modified().ok()?;
    let since = modified.duration_since(SystemTime::UNIX_EPOCH).ok()?;
    metadata.len().put(out);
    since.as_secs().put(out);
    since.subsec_nanos().put(out);
    #[cfg(unix)]
    let modified = {
        use std::os::unix::fs::MetadataExt as _;
        metadata.ino().put(out);
        let (secs, nanos) = (
            u64::try_from(metadata.ctime()).ok()?,
            u32::try_from(metadata.ctime_nsec()).ok()?,
        );
        secs.put(out);
        nanos.put(out);
        modified.max(SystemTime::UNIX_EPOCH + Duration::new(secs, nanos))
    };
    Some(modified)
}

/// The cache file's bytes: magic, fingerprint, catalogue, index — the last
/// two with their lengths, so a command that needs no index skips it.
fn encode(fingerprint: &[u8], catalogue: &Catalogue, index: &SearchIndex) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    put_slice(fingerprint, &mut out);
    let mut section = Vec::new();
    put_catalogue(catalogue, &mut section);
    section.put(&mut out);
    section.clear();
    index.put(&mut section);
    section.put(&mut out);
    out
}

/// The catalogue (and index) of cache bytes, if they hold this fingerprint
/// and decode whole.
fn decode(bytes: &[u8], fingerprint: &[u8], with_index: bool) -> Option<Compiled> {
    let mut input = Input::new(bytes.strip_prefix(MAGIC)?);
    let stored = input.count()?;
    if input.bytes(stored)? != fingerprint {
        return None;
    }
    let section = input.count()?;
    let catalogue = input.bytes(section)?;
    let index = if with_index {
        let section = input.count()?;
        Some(input.bytes(section)?)
    } else {
        None
    };
    let (catalogue, index) = take_catalogue(catalogue, index)?;
    if index
        .as_ref()
        .is_some_and(|index| index.len() != catalogue.services().len())
    {
        return None;
    }
    Some(Compiled {
        catalogue,
        index,
        cached: true,
    })
}

/// Services are written in this many runs, each with its length, so that
/// they are read back on every core.
const SERVICE_RUNS: usize = 8;

/// Below this many bytes, a catalogue is read on one thread: starting
/// threads would cost more than they save.
const PARALLEL_FROM_BYTES: usize = 1 << 20;

/// The catalogue: its programmes and providers, then its services in runs.
fn put_catalogue(catalogue: &Catalogue, out: &mut Vec<u8>) {
    put_slice(catalogue.programmes(), out);
    put_slice(catalogue.providers(), out);
    let services = catalogue.services();
    let per_run = services.len().div_ceil(SERVICE_RUNS).max(1);
    let runs: Vec<&[Service]> = services.chunks(per_run).collect();
    (runs.len() as u64).put(out);
    let mut run_bytes = Vec::new();
    for run in runs {
        run_bytes.clear();
        put_slice(run, &mut run_bytes);
        run_bytes.put(out);
    }
}

/// What one thread reads back: the index, or a run of services.
enum Part {
    Index(Box<SearchIndex>),
    Services(Vec<Service>),
}

/// Reads the catalogue written by [`put_catalogue`], and the index from its
/// own bytes when given: the runs of services and the index side by side.
fn take_catalogue(bytes: &[u8], index: Option<&[u8]>) -> Option<(Catalogue, Option<SearchIndex>)> {
    let mut input = Input::new(bytes);
    let programmes = Vec::<Programme>::take(&mut input)?;
    let providers = Vec::<Provider>::take(&mut input)?;
    let runs = input.count()?;
    // The index first: it is the largest single part.
    let mut jobs: Vec<(bool, &[u8])> = index.map(|bytes| (true, bytes)).into_iter().collect();
    for _ in 0..runs {
        let len = input.count()?;
        jobs.push((false, input.bytes(len)?));
    }
    if !input.is_empty() {
        return None;
    }
    let read = |&(is_index, bytes): &(bool, &[u8])| {
        if is_index {
            take_whole(bytes).map(|index| Part::Index(Box::new(index)))
        } else {
            take_whole(bytes).map(Part::Services)
        }
    };
    let parts: Vec<Option<Part>> =
        if bytes.len() + index.map_or(0, <[u8]>::len) >= PARALLEL_FROM_BYTES {
            parallel::map_each(&jobs, read)
        } else {
            jobs.iter().map(read).collect()
        };
    let mut services = Vec::new();
    let mut index = None;
    for part in parts {
        match part? {
            Part::Index(read) => index = Some(*read),
            Part::Services(mut run) => services.append(&mut run),
        }
    }
    let count = services.len();
    let catalogue = Catalogue::from_parts(programmes, providers, services);
    // Every service's provider was there when it was checked.
    (catalogue.services().len() == count).then_some((catalogue, index))
}

by_place!(
    Mode,
    Scope,
    Stage,
    Support,
    Need,
    Dimension,
    Tier,
    SizeClass,
    NaceSection,
    ProviderKind,
    Status,
    Lang,
    Membership,
    LegalForm,
    Zone,
);

impl Bin for NaceDivision {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(self.code());
    }
    fn take(input: &mut Input<'_>) -> Option<Self> {
        NaceDivision::new(u8::take(input)?)
    }
}

impl Bin for Requirement {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Requirement::ExportShare { min, max } => {
                out.push(0);
                min.put(out);
                max.put(out);
            }
            Requirement::Member { kind, body } => {
                out.push(1);
                kind.put(out);
                body.put(out);
            }
            Requirement::LegalForm(forms) => {
                out.push(2);
                forms.put(out);
            }
            Requirement::Zone(zone) => {
                out.push(3);
                zone.put(out);
            }
        }
    }
    fn take(input: &mut Input<'_>) -> Option<Self> {
        match u8::take(input)? {
            0 => Some(Requirement::ExportShare {
                min: Bin::take(input)?,
                max: Bin::take(input)?,
            }),
            1 => Some(Requirement::Member {
                kind: Bin::take(input)?,
                body: Bin::take(input)?,
            }),
            2 => Bin::take(input).map(Requirement::LegalForm),
            3 => Bin::take(input).map(Requirement::Zone),
            _ => None,
        }
    }
}

impl Bin for ProviderId {
    fn put(&self, out: &mut Vec<u8>) {
        put_str(self.as_str(), out);
    }
    fn take(input: &mut Input<'_>) -> Option<Self> {
        String::take(input).map(ProviderId::new)
    }
}

impl Bin for ProgrammeId {
    fn put(&self, out: &mut Vec<u8>) {
        put_str(self.as_str(), out);
    }
    fn take(input: &mut Input<'_>) -> Option<Self> {
        String::take(input).map(ProgrammeId::new)
    }
}

impl Bin for ServiceId {
    fn put(&self, out: &mut Vec<u8>) {
        put_str(self.as_str(), out);
    }
    fn take(input: &mut Input<'_>) -> Option<Self> {
        String::take(input).map(ServiceId::new)
    }
}

impl Bin for Area {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Area::Anywhere => out.push(0),
            Area::Eu => out.push(1),
            Area::Country(code) => {
                out.push(2);
                code.put(out);
            }
            Area::Subdivision(code) => {
                out.push(3);
                code.put(out);
            }
            Area::Nuts(code) => {
                out.push(4);
                code.put(out);
            }
        }
    }
    fn take(input: &mut Input<'_>) -> Option<Self> {
        match u8::take(input)? {
            0 => Some(Area::Anywhere),
            1 => Some(Area::Eu),
            2 => String::take(input).map(Area::Country),
            3 => String::take(input).map(Area::Subdivision),
            // A NUTS code is checked against the table: the table may have
            // changed since the file was written.
            4 => String::take(input).and_then(|code| {
                matches!(Area::parse(&code), Ok(Area::Nuts(_))).then_some(Area::Nuts(code))
            }),
            _ => None,
        }
    }
}

impl Bin for jiff::civil::Date {
    fn put(&self, out: &mut Vec<u8>) {
        self.year().put(out);
        self.month().put(out);
        self.day().put(out);
    }
    fn take(input: &mut Input<'_>) -> Option<Self> {
        jiff::civil::Date::new(i16::take(input)?, i8::take(input)?, i8::take(input)?).ok()
    }
}

/// Implements [`Bin`] for a struct from one list of its fields: written and
/// read in the same order (a struct literal's fields are evaluated in the
/// order written), and the literal fails to compile if a field is missing.
macro_rules! by_fields {
    ($name:ty { $($field:ident),+ $(,)? }) => {
        impl Bin for $name {
            fn put(&self, out: &mut Vec<u8>) {
                $( self.$field.put(out); )+
            }
            fn take(input: &mut Input<'_>) -> Option<Self> {
                Some(Self { $( $field: Bin::take(input)?, )+ })
            }
        }
    };
}

by_fields!(Contact { url, email, phone });
by_fields!(Bounds { min, max });
by_fields!(Eligibility {
    sizes,
    employees,
    turnover_eur,
    sectors,
    min_years_trading,
    max_years_trading,
    divisions,
    modes,
    requires,
    conditions,
});
by_fields!(ServiceText { summary, next_step });
by_fields!(Programme { id, name, website });
by_fields!(Provider {
    id,
    name,
    kind,
    area,
    website,
    summary,
    contact,
});
by_fields!(Service {
    id,
    provider,
    programme,
    name,
    summary,
    modes,
    scopes,
    stages,
    support,
    needs,
    dimensions,
    tier,
    areas,
    markets,
    eligibility,
    cost,
    next_step,
    translations,
    contact,
    languages,
    keywords,
    status,
    verified,
    source,
    unverified,
});

impl Bin for Cost {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Cost::Free => out.push(0),
            Cost::Paid(text) => {
                out.push(1);
                text.put(out);
            }
            Cost::CoFinanced(text) => {
                out.push(2);
                text.put(out);
            }
        }
    }
    fn take(input: &mut Input<'_>) -> Option<Self> {
        match u8::take(input)? {
            0 => Some(Cost::Free),
            1 => String::take(input).map(Cost::Paid),
            2 => String::take(input).map(Cost::CoFinanced),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn compiled_bytes(catalogue: &Catalogue) -> Vec<u8> {
        encode(b"key", catalogue, &SearchIndex::new(catalogue))
    }

    #[test]
    fn a_catalogue_and_its_index_read_back_as_built() {
        let shipped = crate::catalogue::load(&Source::Embedded).unwrap().0;
        for catalogue in [shipped, crate::generate::catalogue(2_000, 5)] {
            let bytes = compiled_bytes(&catalogue);
            let back = decode(&bytes, b"key", true).expect("decodes");
            assert!(back.cached);
            assert_eq!(back.catalogue, catalogue);
            let fresh = SearchIndex::new(&catalogue);
            let index = back.index.expect("index asked for");
            let filters = crate::search::Filters::default();
            for query in ["export", "eksport finans", "leod", "garanzia", "exprt", ""] {
                let ranked = |index: &SearchIndex, catalogue: &Catalogue| {
                    index
                        .search(catalogue, query, &filters, None)
                        .iter()
                        .map(|hit| (hit.service.id.clone(), hit.score, hit.matches.clone()))
                        .collect::<Vec<_>>()
                };
                assert_eq!(
                    ranked(&index, &back.catalogue),
                    ranked(&fresh, &catalogue),
                    "{query:?}"
                );
            }
            let without = decode(&bytes, b"key", false).unwrap();
            assert!(without.index.is_none());
            assert_eq!(without.catalogue, catalogue);
        }
    }

    #[test]
    fn pruning_keeps_the_most_recently_used_compiled_catalogues_only() {
        let dir = tempfile::tempdir().unwrap();
        let start = SystemTime::now() - Duration::from_secs(3_600);
        for i in 0..11_u64 {
            let path = dir.path().join(format!("catalogue-{i:016x}.bin"));
            let file = std::fs::File::create(&path).unwrap();
            file.set_modified(start + Duration::from_secs(i * 60))
                .unwrap();
        }
        // Not a compiled catalogue, however old: left alone.
        let other = dir.path().join("notes.txt");
        std::fs::File::create(&other)
            .unwrap()
            .set_modified(start - Duration::from_secs(86_400))
            .unwrap();
        prune(dir.path(), 8);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut expected: Vec<String> = (3..11_u64)
            .map(|i| format!("catalogue-{i:016x}.bin"))
            .collect();
        expected.push("notes.txt".to_owned());
        assert_eq!(left, expected);
        // Within the limit, nothing goes.
        prune(dir.path(), 8);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 9);
    }

    #[test]
    fn another_fingerprint_or_layout_is_not_read() {
        let catalogue = crate::generate::catalogue(50, 1);
        let bytes = compiled_bytes(&catalogue);
        assert!(decode(&bytes, b"kez", true).is_none());
        let mut other_layout = bytes.clone();
        other_layout[MAGIC.len() - 2] = b'1';
        assert!(decode(&other_layout, b"key", true).is_none());
    }

    #[test]
    fn damaged_bytes_are_refused_or_read_without_panicking() {
        let catalogue = crate::generate::catalogue(40, 2);
        let bytes = compiled_bytes(&catalogue);
        // Every cut is refused: the sections carry their lengths.
        for cut in (0..bytes.len()).step_by(7) {
            assert!(
                decode(&bytes[..cut], b"key", true).is_none(),
                "cut at {cut}"
            );
        }
        // Flipped bits anywhere never panic; whatever decodes is consistent
        // enough to search.
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for _ in 0..2_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut damaged = bytes.clone();
            let at = usize::try_from(seed % damaged.len() as u64).unwrap();
            damaged[at] ^= 1 << (seed >> 60 & 7);
            if let Some(compiled) = decode(&damaged, b"key", true) {
                let index = compiled.index.unwrap();
                let filters = crate::search::Filters::default();
                let _ = index.search(&compiled.catalogue, "export", &filters, Some(5));
                let _ = index.search(&compiled.catalogue, "xport", &filters, Some(5));
            }
        }
    }
}
