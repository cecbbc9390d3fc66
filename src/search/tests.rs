//! Tests of the search as a whole: the indexed search against a plain
//! rescan, typing and deleting against a fresh index, the filters, warming
//! and cancelling.

use std::sync::atomic::AtomicBool;

use super::scorer::Scorer as _;

use super::{Catalogue, Filters, Ranked, SearchIndex};

pub(super) fn ranking(
    index: &SearchIndex,
    catalogue: &Catalogue,
    query: &str,
) -> Vec<(String, i64)> {
    index
        .rank(
            catalogue,
            query,
            &Filters::default(),
            &AtomicBool::new(false),
        )
        .unwrap()
        .iter()
        .map(|r| (catalogue.services()[r.service].id.to_string(), r.score))
        .collect()
}

/// Warming scores every letter once and keeps them: searches after it
/// rank exactly as on a cold index; a cancelled warm-up says so.
#[test]
fn a_warmed_index_keeps_the_letters_and_ranks_as_a_cold_one() {
    let catalogue = crate::generate::catalogue(500, 8);
    let warmed = SearchIndex::new(&catalogue);
    assert!(!warmed.warm(&AtomicBool::new(true)));
    assert!(warmed.warm(&AtomicBool::new(false)));
    let letters: Vec<String> = warmed
        .cache
        .lock()
        .unwrap()
        .iter()
        .filter(|s| s.hits.get().is_some())
        .map(|s| s.word.text.clone())
        .collect();
    assert_eq!(letters.len(), 26, "{letters:?}");
    for query in ["e", "ex", "gar eks", "z", "internacional", "q x", "fiera"] {
        let cold = SearchIndex::new(&catalogue);
        assert_eq!(
            ranking(&warmed, &catalogue, query),
            ranking(&cold, &catalogue, query),
            "{query}"
        );
    }
}

#[test]
fn filtering_by_facets_admits_what_the_filters_do() {
    use crate::vocab::{Mode, Stage, Support};
    let catalogue = crate::generate::catalogue(400, 9);
    let index = SearchIndex::new(&catalogue);
    let never = AtomicBool::new(false);
    let area = crate::catalogue::Area::parse("PL").unwrap();
    for (i, filters) in [
        Filters::default(),
        Filters {
            include_closed: true,
            ..Filters::default()
        },
        Filters {
            modes: vec![Mode::Import, Mode::Cooperation],
            stages: vec![Stage::Enter],
            ..Filters::default()
        },
        Filters {
            support: vec![Support::Grant, Support::Loan],
            area: Some(area),
            ..Filters::default()
        },
    ]
    .iter()
    .enumerate()
    {
        let ranked: Vec<usize> = index
            .rank(&catalogue, "", filters, &never)
            .unwrap()
            .iter()
            .map(|r| r.service)
            .collect();
        let mut admitted: Vec<usize> = (0..catalogue.services().len())
            .filter(|&s| filters.admits(&catalogue.services()[s]))
            .collect();
        admitted.sort_by_key(|&s| index.by_name.iter().position(|&n| n as usize == s));
        assert!(!admitted.is_empty(), "filters {i} admit nothing");
        assert_eq!(ranked, admitted, "filters {i}");
        // A query's hits under the filters are its hits under none, in
        // the same order, less those the filters do not admit.
        let everything = Filters {
            include_closed: true,
            ..Filters::default()
        };
        for query in ["e", "a e"] {
            let ranked = index.rank(&catalogue, query, filters, &never).unwrap();
            let all = index.rank(&catalogue, query, &everything, &never).unwrap();
            let admitted: Vec<&Ranked> = all
                .iter()
                .filter(|r| filters.admits(&catalogue.services()[r.service]))
                .collect();
            assert!(
                ranked.len() < all.len() || i == 1,
                "filters {i} leave out nothing from {query:?}: {} of {}",
                ranked.len(),
                all.len()
            );
            assert_eq!(
                ranked.iter().collect::<Vec<_>>(),
                admitted,
                "filters {i}, {query:?}"
            );
        }
    }
}

#[test]
fn a_cancelled_search_gives_up() {
    let catalogue = crate::generate::catalogue(600, 3);
    let index = SearchIndex::new(&catalogue);
    let cancel = AtomicBool::new(false);
    let search =
        |cancel| index.search_unless(&catalogue, "rynek", &Filters::default(), None, cancel);
    assert!(search(&cancel).is_some_and(|hits| !hits.is_empty()));
    cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    assert_eq!(search(&cancel), None);
    // A word given up on is not kept half-scored for the next search.
    cancel.store(false, std::sync::atomic::Ordering::Relaxed);
    let fresh = SearchIndex::new(&catalogue);
    assert_eq!(
        ranking(&index, &catalogue, "rynek"),
        ranking(&fresh, &catalogue, "rynek")
    );
}

/// The rules of the module header applied plainly, on their own: every
/// word of every field of every service scored for every query word, no
/// vocabulary, no prefilter, no early stop, no kept scores, one thread.
fn plain_rescan(catalogue: &Catalogue, query: &str) -> Vec<(String, i64)> {
    use super::Field;
    use super::fold::fold_str;
    use super::scorer::{Active, Scorer, is_compact};
    // The scorer the search uses, called directly.
    let skim = std::cell::RefCell::new(Active::new());
    let folded_query = fold_str(query);
    let words: Vec<&str> = folded_query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut hits = Vec::new();
    'services: for service in catalogue.services().iter().filter(|s| s.is_active()) {
        let mut texts = vec![
            (4, Field::Name, service.name.clone()),
            (
                3,
                Field::Provider,
                catalogue.provider_of(service).name.clone(),
            ),
        ];
        texts.extend(
            service
                .keywords
                .iter()
                .map(|k| (3, Field::Keyword, k.clone())),
        );
        texts.extend(
            service
                .summaries()
                .map(|(_, summary)| (1, Field::Summary, summary.to_owned())),
        );
        let tokens: Vec<(i64, Vec<String>)> = texts
            .iter()
            .map(|(weight, field, text)| {
                let mut tokens: Vec<String> = fold_str(text)
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_owned)
                    .collect();
                if matches!(field, Field::Name | Field::Provider) && tokens.len() > 1 {
                    tokens.push(tokens.iter().filter_map(|t| t.chars().next()).collect());
                }
                (*weight, tokens)
            })
            .collect();
        let mut total = 0;
        for word in &words {
            let chars = word.chars().count();
            let allowed = match chars {
                0..=3 => 0,
                4..=7 => 1,
                _ => 2,
            };
            let exact = tokens
                .iter()
                .flat_map(|(weight, tokens)| {
                    let skim = &skim;
                    tokens.iter().filter_map(move |token| {
                        let (score, positions) = skim.borrow_mut().score(token, word)?;
                        is_compact(&positions, chars).then_some(score * weight)
                    })
                })
                .max();
            let typo = || {
                tokens
                    .iter()
                    .flat_map(|(weight, tokens)| {
                        tokens.iter().filter_map(move |token| {
                            let distance = strsim::damerau_levenshtein(word, token);
                            (allowed > 0 && distance <= allowed).then(|| {
                                i64::try_from(chars * 16 / (2 + distance)).unwrap() * weight
                            })
                        })
                    })
                    .max()
            };
            match exact.or_else(typo) {
                Some(score) => total += score,
                None => continue 'services,
            }
        }
        hits.push((service.id.to_string(), total));
    }
    hits
}

/// Query words cut from the catalogue's own texts, some shortened, some
/// with a letter dropped, doubled or replaced.
fn query_from(catalogue: &Catalogue, picks: &[(usize, usize, u8)]) -> String {
    let words: Vec<String> = picks
        .iter()
        .map(|&(service, word, edit)| {
            let services = catalogue.services();
            let text = &services[service % services.len()].summary;
            let all: Vec<&str> = text.split_whitespace().collect();
            let mut chars: Vec<char> = all[word % all.len()].chars().collect();
            let at = word % chars.len().max(1);
            match edit {
                1 => chars.truncate(chars.len().div_ceil(2)),
                2 if chars.len() > 1 => {
                    chars.remove(at);
                }
                3 => chars[at] = 'q',
                _ => {}
            }
            chars.into_iter().collect()
        })
        .collect();
    words.join(" ")
}

pub(super) static CATALOGUE: std::sync::LazyLock<Catalogue> =
    std::sync::LazyLock::new(|| crate::generate::catalogue(300, 5));

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Speed never changes results: the indexed search, on several
    /// threads, finds exactly the services and scores the plain rescan
    /// does, ranked by score, then name, then id; and the highlights of
    /// each hit come from a match of the same score.
    #[test]
    fn the_fast_search_finds_what_a_plain_rescan_finds(
        picks in proptest::collection::vec((0usize..10_000, 0usize..40, 0u8..4), 1..3),
    ) {
        let query = query_from(&CATALOGUE, &picks);
        let mut index = SearchIndex::new(&CATALOGUE);
        index.threads = 3;
        // Shared among the threads although the catalogue is small.
        index.parallel_from = 64;
        let ranked = index
            .rank(&CATALOGUE, &query, &Filters::default(), &AtomicBool::new(false))
            .unwrap();
        let services = CATALOGUE.services();
        let key = |r: &Ranked| {
            (std::cmp::Reverse(r.score), super::fold::fold_str(&services[r.service].name), &services[r.service].id)
        };
        proptest::prop_assert!(ranked.windows(2).all(|w| key(&w[0]) < key(&w[1])));
        let words = super::query::query_words(&query);
        for r in &ranked {
            let plain = super::matches::score_service(&mut super::scorer::Active::new(), &CATALOGUE, &services[r.service], &words);
            proptest::prop_assert_eq!(plain.map(|(score, _)| score), Some(r.score));
        }
        let mut fast = ranking(&index, &CATALOGUE, &query);
        let mut plain = plain_rescan(&CATALOGUE, &query);
        fast.sort();
        plain.sort();
        proptest::prop_assert_eq!(fast, plain, "query {:?}", query);
    }

    /// Shapes scored for other words never change results: one index
    /// that has answered every query before ranks each as a fresh index
    /// does.
    #[test]
    fn shapes_kept_from_other_queries_never_change_results(
        picks in proptest::collection::vec((0usize..10_000, 0usize..40, 0u8..4), 1..3),
        short in "[a-z]{1,4}",
    ) {
        static SHARED: std::sync::LazyLock<SearchIndex> =
            std::sync::LazyLock::new(|| SearchIndex::new(&CATALOGUE));
        for query in [query_from(&CATALOGUE, &picks), short] {
            let fresh = SearchIndex::new(&CATALOGUE);
            proptest::prop_assert_eq!(
                ranking(&SHARED, &CATALOGUE, &query),
                ranking(&fresh, &CATALOGUE, &query),
                "query {:?}", query
            );
        }
    }
}

/// Cases for the heaviest property test: each case types a query letter by
/// letter and deletes it again, building a fresh index at every step to
/// compare with. By default eight cases of one to three words, about
/// sixteen edited words, which meet each of the four kinds of edit (none,
/// cut short, a letter dropped, a letter wrong) in nearly every run, in a
/// few seconds; set `EIS_PROPTEST_CASES=256` (or any count) for a thorough
/// run, as the README says.
fn heavy_cases() -> u32 {
    std::env::var("EIS_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(8)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(heavy_cases()))]

    /// Scores kept from earlier keystrokes never change results: typing a
    /// query one letter at a time, then deleting it again, ranks every
    /// step as a fresh index does.
    #[test]
    fn typing_and_deleting_ranks_as_a_fresh_search_does(
        picks in proptest::collection::vec((0usize..10_000, 0usize..40, 0u8..4), 1..4),
    ) {
        let query = query_from(&CATALOGUE, &picks);
        let typed: Vec<String> = (1..=query.chars().count())
            .map(|n| query.chars().take(n).collect())
            .collect();
        let index = SearchIndex::new(&CATALOGUE);
        for step in typed.iter().chain(typed.iter().rev()) {
            let fresh = SearchIndex::new(&CATALOGUE);
            proptest::prop_assert_eq!(
                ranking(&index, &CATALOGUE, step),
                ranking(&fresh, &CATALOGUE, step),
                "query {:?}", step
            );
        }
    }
}
