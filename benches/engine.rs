//! Benchmarks of the engine at the shipped catalogue's size and at generated
//! catalogues of 10k and 100k services: load and check, search, match and
//! journey, the landscape survey, and drawing a frame of the search and
//! results screens. Run with `cargo bench`; results and the
//! machine they were measured on are in `docs/PERFORMANCE.md`.

use eis::i18n::Lang;
use std::sync::LazyLock;
use std::sync::atomic::AtomicBool;

use eis::assessment::{Answers, assess};
use eis::cache::Cache;
use eis::catalogue::load::check_files_placing;
use eis::catalogue::{Area, Catalogue, Source, load};
use eis::generate;
use eis::journey::{DEFAULT_PER_STAGE, plan_journey};
use eis::landscape::survey;
use eis::search::{Filters, SearchIndex};
use eis::ui::App;
use eis::ui::app::{Outcome, Screen};
use eis::ui::keymap::Action;
use eis::ui::theme::ThemeName;
use eis::ui::view::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The binary's allocator, so that the figures are the binary's.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

const SIZES: [usize; 3] = [0, 10_000, 100_000];

/// The shipped catalogue (size 0) or a generated one.
fn catalogue(size: usize) -> &'static Catalogue {
    static SHIPPED: LazyLock<Catalogue> = LazyLock::new(|| load(&Source::Embedded).unwrap().0);
    static TEN: LazyLock<Catalogue> = LazyLock::new(|| generate::catalogue(10_000, 42));
    static HUNDRED: LazyLock<Catalogue> = LazyLock::new(|| generate::catalogue(100_000, 42));
    match size {
        0 => &SHIPPED,
        10_000 => &TEN,
        _ => &HUNDRED,
    }
}

#[divan::bench(args = [10_000, 100_000], sample_count = 5, sample_size = 1)]
fn load_and_check(bencher: divan::Bencher, size: usize) {
    let files = generate::files(size, 42).unwrap();
    // As `load` does it: every rule checked, errors placed at their line
    // and column, warnings counted but not placed (that is `eis check`'s
    // work). The result is returned, so that divan drops it after the clock
    // stops: loading is measured, not freeing a catalogue the app would keep.
    bencher.bench(|| {
        let checked = check_files_placing(&files, jiff::civil::date(2026, 11, 23), false);
        assert!(!checked.has_errors());
        checked
    });
}

#[divan::bench(sample_count = 10)]
fn load_and_check_shipped() -> Catalogue {
    load(&Source::Embedded).unwrap().0
}

/// Loading from the compiled-catalogue cache, as `eis search` does once the
/// catalogue has been read before: the files' stamps, reading the entry, and
/// decoding the catalogue and its search index.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn load_compiled(bencher: divan::Bencher, size: usize) {
    let root = tempfile::tempdir().unwrap();
    let source = if size == 0 {
        Source::Embedded
    } else {
        let folder = root.path().join("catalogue");
        std::fs::create_dir(&folder).unwrap();
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for file in generate::files(size, 42).unwrap() {
            let path = folder.join(&file.name);
            std::fs::write(&path, &file.bytes).unwrap();
            // Files younger than two seconds are not cached yet.
            std::fs::File::options()
                .append(true)
                .open(&path)
                .unwrap()
                .set_modified(an_hour_ago)
                .unwrap();
        }
        Source::Path(folder)
    };
    // Written a moment ago: cached without the usual two seconds' wait.
    let cache = Cache::new(root.path().join("cache")).settling(std::time::Duration::ZERO);
    assert!(!cache.load(&source, true).unwrap().cached);
    bencher.bench(|| {
        let compiled = cache.load(&source, true).unwrap();
        assert!(compiled.cached);
        compiled
    });
}

/// Building the search index the app keeps (folding and cutting every text
/// into words, once).
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn search_index(bencher: divan::Bencher, size: usize) {
    let catalogue = catalogue(size);
    bencher.bench(|| SearchIndex::new(catalogue));
}

/// Typing "export insurance" one character at a time, then deleting it: one
/// search per keystroke, ranking every hit as the app's search screen does
/// (which then works out highlights for the rows on screen only). Each sample
/// starts from a fresh index, as after starting the app, so that no word is
/// known from an earlier sample.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn search_as_you_type(bencher: divan::Bencher, size: usize) {
    let catalogue = catalogue(size);
    let never = AtomicBool::new(false);
    bencher
        .with_inputs(|| SearchIndex::new(catalogue))
        .bench_local_values(|index| {
            as_you_type(|query| {
                index
                    .rank(catalogue, query, &Filters::default(), &never)
                    .map_or(0, |hits| hits.len())
            })
        });
}

/// One-shot search as `eis search` runs it: build the index, rank, and
/// highlight the best 10.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn search_one_shot(bencher: divan::Bencher, size: usize) {
    let catalogue = catalogue(size);
    bencher.bench(|| {
        eis::search::search(catalogue, "export fin", &Filters::default(), Some(10)).len()
    });
}

/// For comparison: the same keystrokes as `search_as_you_type`, each a plain
/// fuzzy-matcher (skim) rescan of every line, folded beforehand, every hit
/// ranked.
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn plain_skim_rescan_as_you_type(bencher: divan::Bencher, size: usize) {
    use fuzzy_matcher::FuzzyMatcher;
    let lines: Vec<String> = generate::plain_lines(catalogue(size))
        .iter()
        .map(|l| eis::search::fold::fold_str(l))
        .collect();
    let skim = fuzzy_matcher::skim::SkimMatcherV2::default().ignore_case();
    bencher.bench(|| {
        as_you_type(|query| ranked(lines.iter().map(|line| skim.fuzzy_match(line, query))))
    });
}

/// Runs a search for each prefix of "export insurance" as it is typed, and
/// then as it is deleted again (32 keystrokes); the total number of hits, so
/// that nothing is optimised away.
fn as_you_type(mut search: impl FnMut(&str) -> usize) -> usize {
    let query = "export insurance";
    (1..=query.len())
        .chain((0..query.len()).rev())
        .map(|end| search(&query[..end]))
        .sum()
}

/// Ranks every hit of a plain matcher, as a screen listing them all needs
/// (ranking is part of its work); how many there are.
fn ranked<S: Ord>(scores: impl Iterator<Item = Option<S>>) -> usize {
    let mut found: Vec<(S, usize)> = scores
        .enumerate()
        .filter_map(|(i, score)| Some((score?, i)))
        .collect();
    found.sort_unstable_by(|a, b| b.cmp(a));
    found.len()
}

/// For comparison: the same keystrokes with nucleo-matcher on prebuilt
/// UTF-32 lines (words matched separately, case and accents ignored).
#[divan::bench(args = SIZES, sample_count = 10, sample_size = 1)]
fn nucleo_as_you_type(bencher: divan::Bencher, size: usize) {
    use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
    use nucleo_matcher::{Config, Matcher, Utf32String};
    let lines: Vec<Utf32String> = generate::plain_lines(catalogue(size))
        .iter()
        .map(|l| Utf32String::from(l.as_str()))
        .collect();
    let mut matcher = Matcher::new(Config::DEFAULT);
    bencher.bench_local(|| {
        as_you_type(|query| {
            let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
            ranked(
                lines
                    .iter()
                    .map(|line| pattern.score(line.slice(..), &mut matcher)),
            )
        })
    });
}

#[divan::bench(args = SIZES, sample_count = 100, sample_size = 1)]
fn match_and_journey(bencher: divan::Bencher, size: usize) {
    let catalogue = catalogue(size);
    let area = Area::parse("PL-22").unwrap();
    let profile = eis::landscape::typical_profile(
        &area,
        eis::vocab::Mode::Export,
        eis::vocab::Stage::Enter,
        &[eis::vocab::Need::Partners, eis::vocab::Need::PaymentRisk],
    );
    bencher.bench(|| eis::journey::plan_journey(&profile, catalogue, 3, Lang::En));
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn landscape(bencher: divan::Bencher, size: usize) {
    let catalogue = catalogue(size);
    let area = Area::parse("PL").unwrap();
    bencher.bench(|| survey(catalogue, &area, false, Lang::En));
}

/// The survey `eis landscape` makes by default: the whole catalogue.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn landscape_everywhere(bencher: divan::Bencher, size: usize) {
    let catalogue = catalogue(size);
    bencher.bench(|| survey(catalogue, &Area::Anywhere, false, Lang::En));
}

/// Likely duplicates alone over the whole catalogue: the part of a survey
/// that grew with the square of a cell before prefix filtering.
#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn landscape_duplicates(bencher: divan::Bencher, size: usize) {
    let catalogue = catalogue(size);
    let services = eis::landscape::in_area(catalogue, &Area::Anywhere, false);
    bencher.bench(|| eis::landscape::duplicates(catalogue, &services, Lang::En));
}

/// An app on the screen given, at a catalogue size: the search screen after
/// typing "export" (hits collected from the worker on large catalogues), or
/// the results of a whole assessment.
fn app_on(size: usize, results: bool) -> App {
    let bank = eis::assessment::bank::load(None).unwrap();
    let mut app = App::new(bank, catalogue(size).clone(), ThemeName::Default);
    if results {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/personas/emilia-romagna-automation-all-modes.ron"
        );
        let answers = Answers::read(path, &std::fs::read(path).unwrap(), &app.bank)
            .unwrap()
            .0;
        let profile = assess(&app.bank, &answers, Lang::En);
        let journey = plan_journey(&profile, &app.catalogue, DEFAULT_PER_STAGE, Lang::En);
        app.answers = answers;
        app.outcome = Some(Outcome { profile, journey });
        app.screen = Screen::Results;
    } else {
        // A search asks for no effect: there is nothing to perform.
        assert!(app.update(Action::OpenSearch).is_empty());
        for c in "export".chars() {
            assert!(app.update(Action::Char(c)).is_empty());
        }
        while app.searching() {
            app.collect_search();
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        assert!(!app.search.hits.is_empty());
    }
    app
}

/// One frame of the search screen at 200×60 into a test backend.
#[divan::bench(args = SIZES, sample_count = 20)]
fn render_search(bencher: divan::Bencher, size: usize) {
    frames(bencher, &app_on(size, false));
}

/// One frame of the results (readiness and journey) at 200×60.
#[divan::bench(args = SIZES, sample_count = 20)]
fn render_results(bencher: divan::Bencher, size: usize) {
    frames(bencher, &app_on(size, true));
}

fn frames(bencher: divan::Bencher, app: &App) {
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).unwrap();
    bencher.bench_local(|| {
        let mut targets = Vec::new();
        terminal.draw(|frame| targets = draw(frame, app)).unwrap();
        targets.len()
    });
}
