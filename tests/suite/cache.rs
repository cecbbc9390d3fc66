//! The compiled-catalogue cache: a second load comes from the cache and
//! equals the first; any change to the source, a damaged entry or an
//! unwritable folder falls back to reading the source; a file changed
//! moments ago is not cached yet; a catalogue with errors is never cached;
//! `--no-cache` writes nothing.
//!
//! Most tests write their catalogue a moment before reading it, so they
//! cache without the two seconds' wait (`settling(Duration::ZERO)`); the
//! tests of that wait, and of the program itself, use the real one.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use eis::cache::Cache;
use eis::catalogue::{CatalogueError, Source};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/search/catalogue.ron"
);

/// Dates a file a minute back, as a file edited a while ago is: younger
/// files are not cached yet.
fn age(path: &Path) {
    let then = SystemTime::now() - Duration::from_secs(60);
    File::options()
        .append(true)
        .open(path)
        .unwrap()
        .set_modified(then)
        .unwrap();
}

/// A catalogue folder holding a copy of the fixture, dated a minute back.
fn catalogue_folder(root: &Path) -> PathBuf {
    let folder = root.join("catalogue");
    std::fs::create_dir_all(&folder).unwrap();
    let file = folder.join("services.ron");
    std::fs::copy(FIXTURE, &file).unwrap();
    age(&file);
    folder
}

fn cache_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| entries.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default()
}

#[test]
fn the_second_load_comes_from_the_cache_and_equals_the_first() {
    let root = tempfile::tempdir().unwrap();
    let source = Source::Path(catalogue_folder(root.path()));
    let cache = Cache::new(root.path().join("cache")).settling(Duration::ZERO);
    let first = cache.load(&source, true).unwrap();
    assert!(!first.cached);
    assert_eq!(cache_files(cache.dir()).len(), 1);
    let second = cache.load(&source, true).unwrap();
    assert!(second.cached);
    assert_eq!(second.catalogue, first.catalogue);
    let filters = eis::search::Filters::default();
    let ids = |compiled: &eis::cache::Compiled| {
        compiled
            .index
            .as_ref()
            .unwrap()
            .search(&compiled.catalogue, "export etude", &filters, None)
            .iter()
            .map(|hit| (hit.service.id.to_string(), hit.score))
            .collect::<Vec<_>>()
    };
    assert!(!ids(&first).is_empty());
    assert_eq!(ids(&second), ids(&first));
    // Without the index asked for, none is read.
    assert!(cache.load(&source, false).unwrap().index.is_none());
    // The shipped catalogue is cached the same way.
    let shipped = cache.load(&Source::Embedded, false).unwrap();
    assert!(!shipped.cached);
    assert!(cache.load(&Source::Embedded, false).unwrap().cached);
}

#[test]
fn reading_an_entry_stamps_it_as_used_and_a_full_folder_loses_its_least_used() {
    let root = tempfile::tempdir().unwrap();
    let source = Source::Path(catalogue_folder(root.path()));
    let cache = Cache::new(root.path().join("cache")).settling(Duration::ZERO);
    cache.load(&source, false).unwrap();
    let [entry] = cache_files(cache.dir()).try_into().unwrap();
    let hour_ago = SystemTime::now() - Duration::from_secs(3_600);
    File::options()
        .write(true)
        .open(&entry)
        .unwrap()
        .set_modified(hour_ago)
        .unwrap();
    assert!(cache.load(&source, false).unwrap().cached);
    let used = std::fs::metadata(&entry).unwrap().modified().unwrap();
    assert!(
        used > hour_ago + Duration::from_secs(1_800),
        "stamped when read"
    );

    // Stale entries of other catalogues, older than this one: compiling
    // another catalogue keeps the most recent, this one among them.
    for i in 0..eis::cache::KEPT_ENTRIES {
        let stale = cache.dir().join(format!("catalogue-stale{i}.bin"));
        std::fs::write(&stale, b"old").unwrap();
        File::options()
            .write(true)
            .open(&stale)
            .unwrap()
            .set_modified(hour_ago - Duration::from_secs(60 * i as u64))
            .unwrap();
    }
    let other = root.path().join("other.ron");
    std::fs::copy(FIXTURE, &other).unwrap();
    age(&other);
    assert!(!cache.load(&Source::Path(other), false).unwrap().cached);
    let files = cache_files(cache.dir());
    assert_eq!(files.len(), eis::cache::KEPT_ENTRIES);
    assert!(files.contains(&entry));
    // The two least recently used stale entries went.
    for i in [eis::cache::KEPT_ENTRIES - 1, eis::cache::KEPT_ENTRIES - 2] {
        assert!(!files.contains(&cache.dir().join(format!("catalogue-stale{i}.bin"))));
    }
    assert!(cache.load(&source, false).unwrap().cached);
}

#[test]
fn a_changed_or_added_file_is_read_again() {
    let root = tempfile::tempdir().unwrap();
    let folder = catalogue_folder(root.path());
    let source = Source::Path(folder.clone());
    let cache = Cache::new(root.path().join("cache")).settling(Duration::ZERO);
    let before = cache.load(&source, false).unwrap().catalogue;
    assert!(cache.load(&source, false).unwrap().cached);

    // The same size, another name: only the stamp tells.
    let file = folder.join("services.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    let first_name = &before.services()[0].name;
    let renamed: String = first_name.chars().rev().collect();
    std::fs::write(&file, text.replacen(first_name.as_str(), &renamed, 1)).unwrap();
    age(&file);
    let after = cache.load(&source, false).unwrap();
    assert!(!after.cached);
    assert_eq!(after.catalogue.services()[0].name, renamed);
    assert!(cache.load(&source, false).unwrap().cached);

    // A file added to the folder is read too.
    let extra = folder.join("zz-extra.ron");
    std::fs::write(&extra, "Catalogue(providers: [], services: [])").unwrap();
    age(&extra);
    assert!(!cache.load(&source, false).unwrap().cached);
}

#[test]
fn a_file_changed_moments_ago_is_not_cached_yet() {
    let root = tempfile::tempdir().unwrap();
    let folder = catalogue_folder(root.path());
    let file = folder.join("services.ron");
    File::options()
        .append(true)
        .open(&file)
        .unwrap()
        .set_modified(SystemTime::now())
        .unwrap();
    let cache = Cache::new(root.path().join("cache"));
    let source = Source::Path(folder.clone());
    assert!(!cache.load(&source, false).unwrap().cached);
    assert!(!cache.load(&source, false).unwrap().cached);
    assert!(cache_files(cache.dir()).is_empty());

    // Nor is one whose modification time was set back, as `cp -p` or an
    // archive would: its status changed moments ago all the same.
    age(&file);
    assert!(!cache.load(&source, false).unwrap().cached);
    assert!(cache_files(cache.dir()).is_empty());
}

#[test]
fn a_damaged_entry_or_an_unwritable_folder_falls_back_to_the_source() {
    let root = tempfile::tempdir().unwrap();
    let source = Source::Path(catalogue_folder(root.path()));
    let cache = Cache::new(root.path().join("cache")).settling(Duration::ZERO);
    let good = cache.load(&source, true).unwrap().catalogue;
    let entry = cache_files(cache.dir()).remove(0);
    let mut bytes = std::fs::read(&entry).unwrap();
    let len = bytes.len();
    bytes.truncate(len / 2);
    std::fs::write(&entry, &bytes).unwrap();
    let again = cache.load(&source, true).unwrap();
    assert!(!again.cached);
    assert_eq!(again.catalogue, good);
    // Mended on the way.
    assert!(cache.load(&source, true).unwrap().cached);

    // A file where the folder should be: nothing can be written, all loads.
    let blocked = root.path().join("blocked");
    std::fs::write(&blocked, "not a folder").unwrap();
    let cache = Cache::new(&blocked).settling(Duration::ZERO);
    assert_eq!(cache.load(&source, true).unwrap().catalogue, good);
    assert!(!cache.load(&source, true).unwrap().cached);
}

#[test]
fn a_catalogue_with_errors_is_reported_and_never_cached() {
    let root = tempfile::tempdir().unwrap();
    let folder = catalogue_folder(root.path());
    let file = folder.join("services.ron");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("kind: ", "kind: Nonsense", 1)).unwrap();
    age(&file);
    let cache = Cache::new(root.path().join("cache")).settling(Duration::ZERO);
    let source = Source::Path(folder);
    for _ in 0..2 {
        let Err(CatalogueError::Invalid { diagnostics }) = cache.load(&source, true) else {
            panic!("the broken catalogue is refused");
        };
        assert!(
            diagnostics
                .iter()
                .any(|d| d.is_error() && d.position.is_some())
        );
    }
    assert!(cache_files(cache.dir()).is_empty());
}

#[test]
fn search_prints_the_same_from_the_cache_and_no_cache_writes_nothing() {
    let root = tempfile::tempdir().unwrap();
    let folder = catalogue_folder(root.path());
    let cache_dir = root.path().join("cache");
    let run = |extra: &[&str]| {
        let output = Command::new(env!("CARGO_BIN_EXE_eis"))
            .env("LC_ALL", "C")
            .env("NO_COLOR", "1")
            .env("EIS_CACHE_DIR", &cache_dir)
            .arg("--catalogue")
            .arg(&folder)
            .args(extra)
            .args(["search", "export", "etude"])
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    let uncached = run(&["--no-cache"]);
    assert!(uncached.contains('\n'));
    assert!(!cache_dir.exists(), "--no-cache wrote nothing");
    // The copy's status changed moments ago, and the program caches a
    // catalogue only once it has been left alone for a moment: until then
    // each run reads the source, and every run prints the same.
    let waited = std::time::Instant::now();
    while cache_files(&cache_dir).is_empty() {
        assert!(
            waited.elapsed() < Duration::from_secs(20),
            "the settled catalogue was never cached"
        );
        assert_eq!(run(&[]), uncached);
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(cache_files(&cache_dir).len(), 1);
    assert_eq!(run(&[]), uncached, "read from the cache");
}
