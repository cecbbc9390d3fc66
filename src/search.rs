//! Fuzzy look-up of services: the one search function shared by `eis search`
//! and the terminal UI.
//!
//! Matching is accent- and case-insensitive in every language of the catalogue:
//! texts are folded once when the [`SearchIndex`] is built, the query when it
//! is searched ([`fold`]). Each word of the query must match somewhere in a
//! service — its name, its provider's name, its keywords or its summary — with
//! `fuzzy-matcher`'s skim scorer; a word that matches no field as a
//! subsequence may still match a single word of a field within one or two
//! typing errors (`insurence` → `insurance`). A word's score is its best field
//! score times the field's weight (a name match counts more than a summary
//! match); a hit's score is the sum over the words. Hits are ranked by score,
//! then by name, then by id, so equal scores always come out in the same order.

pub mod fold;

use std::collections::HashMap;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::Serialize;

use crate::catalogue::{Area, Catalogue, Service};
use crate::vocab::{Mode, Stage, Support};
use fold::{Folded, fold, fold_str};

/// The searchable fields of a service, in order of weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Name,
    Provider,
    Keyword,
    Summary,
}

impl Field {
    /// How much a match in this field counts relative to one in the summary.
    const fn weight(self) -> i64 {
        match self {
            Field::Name => 4,
            Field::Provider | Field::Keyword => 3,
            Field::Summary => 1,
        }
    }
}

/// Restrictions on which services a search returns. Within one filter any of
/// the listed terms may match; all filters must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub modes: Vec<Mode>,
    pub stages: Vec<Stage>,
    pub support: Vec<Support>,
    /// Services available somewhere in this area: an area includes its
    /// subdivisions, and EU-wide services count for EU members.
    pub area: Option<Area>,
    /// Closed services are left out unless this is set.
    pub include_closed: bool,
}

impl Filters {
    #[must_use]
    pub fn admits(&self, service: &Service) -> bool {
        fn any_of<T: PartialEq>(wanted: &[T], offered: &[T]) -> bool {
            wanted.is_empty() || wanted.iter().any(|w| offered.contains(w))
        }
        (self.include_closed || service.is_active())
            && any_of(&self.modes, &service.modes)
            && any_of(&self.stages, &service.stages)
            && any_of(&self.support, &service.support)
            && self
                .area
                .as_ref()
                .is_none_or(|area| service.areas.iter().any(|a| a.overlaps(area)))
    }
}

/// Where the query matched in one field, as character indices of the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldMatch {
    pub field: Field,
    /// For keywords, which keyword; otherwise 0.
    pub item: usize,
    pub positions: Vec<usize>,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit<'c> {
    pub service: &'c Service,
    pub score: i64,
    pub matches: Vec<FieldMatch>,
}

impl Hit<'_> {
    /// The highlighted positions in a field (empty if it did not match).
    #[must_use]
    pub fn positions(&self, field: Field, item: usize) -> &[usize] {
        self.matches
            .iter()
            .find(|m| m.field == field && m.item == item)
            .map_or(&[], |m| &m.positions)
    }
}

/// The folded, searchable text of one field of one service.
#[derive(Debug, Clone)]
struct IndexedText {
    field: Field,
    item: usize,
    folded: Folded,
    /// Which letters and digits the folded text has (see [`letter_mask`]).
    letters: u64,
    /// Words of the folded text, for typo matching.
    words: Vec<Word>,
}

/// A word of a folded text: its place in the index's vocabulary, for typo
/// matching, and its characters, for highlighting.
#[derive(Debug, Clone, Copy)]
struct Word {
    id: u32,
    chars: (usize, usize),
}

/// One bit per ASCII letter and digit, and one for every other character.
/// A word whose mask has a bit the text's lacks cannot be a subsequence of
/// it — a test of one instruction before the character-by-character one.
fn letter_mask(text: &str) -> u64 {
    text.chars().fold(0, |mask, c| {
        mask | match c {
            'a'..='z' => 1 << (c as u32 - 'a' as u32),
            '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
            _ => 1 << 63,
        }
    })
}

/// The distinct words of all indexed texts, each stored once: typing errors
/// are measured once per distinct word and query word, not once per
/// occurrence.
#[derive(Debug, Clone, Default)]
struct Vocabulary {
    words: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Vocabulary {
    fn intern(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        // More than four billion distinct words would not fit in memory first.
        let id = u32::try_from(self.words.len()).expect("fewer than 2^32 distinct words");
        self.words.push(word.to_owned());
        self.ids.insert(word.to_owned(), id);
        id
    }

    /// The typing distance from `word` to each vocabulary word, where it is
    /// within `allowed`; `u8::MAX` elsewhere.
    fn distances(&self, word: &str, allowed: usize) -> Vec<u8> {
        let len = word.chars().count();
        self.words
            .iter()
            .map(|candidate| {
                // A word more letters longer or shorter than allowed errors cannot be close.
                if candidate.chars().count().abs_diff(len) > allowed {
                    return u8::MAX;
                }
                let distance = strsim::damerau_levenshtein(word, candidate);
                if distance <= allowed {
                    u8::try_from(distance).unwrap_or(u8::MAX)
                } else {
                    u8::MAX
                }
            })
            .collect()
    }
}

impl IndexedText {
    fn new(field: Field, item: usize, text: &str, vocabulary: &mut Vocabulary) -> Self {
        let folded = fold(text);
        let mut words = Vec::new();
        let mut start: Option<(usize, usize)> = None;
        let end = (folded.text.len(), folded.text.chars().count());
        let chars = folded
            .text
            .char_indices()
            .enumerate()
            .map(|(c, (b, ch))| (c, b, ch));
        for (c, b, ch) in chars.chain(std::iter::once((end.1, end.0, ' '))) {
            match (ch.is_alphanumeric(), start) {
                (true, None) => start = Some((b, c)),
                (false, Some((sb, sc))) => {
                    words.push(Word {
                        id: vocabulary.intern(&folded.text[sb..b]),
                        chars: (sc, c),
                    });
                    start = None;
                }
                _ => {}
            }
        }
        Self {
            field,
            item,
            letters: letter_mask(&folded.text),
            folded,
            words,
        }
    }

    /// Whether the word's characters appear in the text in order — the
    /// cheap test that rules out most texts before the scorer runs.
    fn has_subsequence(&self, word: &str, letters: u64) -> bool {
        if letters & !self.letters != 0 {
            return false;
        }
        let mut wanted = word.chars().peekable();
        for c in self.folded.text.chars() {
            if wanted.peek() == Some(&c) {
                wanted.next();
            }
        }
        wanted.peek().is_none()
    }
}

/// Texts of a catalogue folded once, so each search only folds the query.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    /// Per service (same order as the catalogue), its searchable texts.
    entries: Vec<Vec<IndexedText>>,
    /// Per service, its folded name, for ordering equal scores without folding again.
    names: Vec<String>,
    vocabulary: Vocabulary,
}

impl SearchIndex {
    #[must_use]
    pub fn new(catalogue: &Catalogue) -> Self {
        let mut vocabulary = Vocabulary::default();
        let mut text =
            |field, item, text: &str| IndexedText::new(field, item, text, &mut vocabulary);
        let entries = catalogue
            .services()
            .iter()
            .map(|service| {
                let mut texts = vec![
                    text(Field::Name, 0, &service.name),
                    text(Field::Provider, 0, &catalogue.provider_of(service).name),
                ];
                texts.extend(
                    service
                        .keywords
                        .iter()
                        .enumerate()
                        .map(|(i, k)| text(Field::Keyword, i, k)),
                );
                texts.extend(
                    service
                        .summaries()
                        .enumerate()
                        .map(|(i, (_, summary))| text(Field::Summary, i, summary)),
                );
                texts
            })
            .collect();
        let names = catalogue
            .services()
            .iter()
            .map(|s| fold_str(&s.name))
            .collect();
        Self {
            entries,
            names,
            vocabulary,
        }
    }

    /// Searches the catalogue this index was built from. An empty query lists
    /// every service the filters admit, by name.
    #[must_use]
    pub fn search<'c>(
        &self,
        catalogue: &'c Catalogue,
        query: &str,
        filters: &Filters,
        limit: Option<usize>,
    ) -> Vec<Hit<'c>> {
        // Nothing sets the flag, so the search always runs to the end.
        self.search_unless(catalogue, query, filters, limit, &AtomicBool::new(false))
            .unwrap_or_default()
    }

    /// [`Self::search`], given up (`None`) as soon as it sees `cancel` set —
    /// for a search running beside a user who has typed on.
    #[must_use]
    pub fn search_unless<'c>(
        &self,
        catalogue: &'c Catalogue,
        query: &str,
        filters: &Filters,
        limit: Option<usize>,
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit<'c>>> {
        // Large catalogues are scored on every core, in contiguous slices.
        let threads = if catalogue.services().len() < PARALLEL_FROM {
            1
        } else {
            std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
        };
        self.search_on(catalogue, query, filters, limit, threads, cancel)
    }

    /// [`Self::search`] on a given number of threads; the result does not
    /// depend on it.
    fn search_on<'c>(
        &self,
        catalogue: &'c Catalogue,
        query: &str,
        filters: &Filters,
        limit: Option<usize>,
        threads: usize,
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit<'c>>> {
        let words: Vec<QueryWord> = fold_str(query)
            .split_whitespace()
            .map(QueryWord::new)
            .collect();
        let services = catalogue.services();
        let score_range = |range: std::ops::Range<usize>| -> Vec<(usize, Hit<'c>)> {
            let skim = SkimMatcherV2::default().ignore_case();
            range
                // Looking at the flag every few hundred services costs nothing
                // and stops a search within a fraction of a millisecond.
                .take_while(|&i| i % 256 != 0 || !cancel.load(Ordering::Relaxed))
                .filter(|&i| filters.admits(&services[i]))
                .filter_map(|i| {
                    let (score, matches) =
                        score_service(&skim, &self.entries[i], &words, &self.vocabulary)?;
                    Some((
                        i,
                        Hit {
                            service: &services[i],
                            score,
                            matches,
                        },
                    ))
                })
                .collect()
        };
        let mut found: Vec<(usize, Hit<'c>)> = if threads <= 1 {
            score_range(0..services.len())
        } else {
            let chunk = services.len().div_ceil(threads);
            std::thread::scope(|scope| {
                let handles: Vec<_> = (0..threads)
                    .map(|t| {
                        let range =
                            (t * chunk).min(services.len())..((t + 1) * chunk).min(services.len());
                        scope.spawn(move || score_range(range))
                    })
                    .collect();
                handles
                    .into_iter()
                    .flat_map(|h| {
                        h.join()
                            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                    })
                    .collect()
            })
        };
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        found.sort_by(|(a, hit_a), (b, hit_b)| {
            hit_b
                .score
                .cmp(&hit_a.score)
                .then_with(|| self.names[*a].cmp(&self.names[*b]))
                .then_with(|| hit_a.service.id.cmp(&hit_b.service.id))
        });
        let mut hits: Vec<Hit<'c>> = found.into_iter().map(|(_, hit)| hit).collect();
        if let Some(limit) = limit {
            hits.truncate(limit);
        }
        Some(hits)
    }
}

/// Searches a catalogue without keeping an index (one-shot use).
#[must_use]
pub fn search<'c>(
    catalogue: &'c Catalogue,
    query: &str,
    filters: &Filters,
    limit: Option<usize>,
) -> Vec<Hit<'c>> {
    SearchIndex::new(catalogue).search(catalogue, query, filters, limit)
}

/// A folded word of the query, with what every service's scoring of it shares.
struct QueryWord {
    text: String,
    chars: usize,
    letters: u64,
    /// Typing errors allowed for this word (0: no typo matching).
    allowed: usize,
    /// Distances to the vocabulary, measured the first time a service needs them.
    distances: OnceLock<Vec<u8>>,
}

impl QueryWord {
    /// One typing error is allowed in a word of four to seven letters, two
    /// from eight letters on; shorter words must match as typed.
    fn new(text: &str) -> Self {
        let chars = text.chars().count();
        Self {
            text: text.to_owned(),
            chars,
            letters: letter_mask(text),
            allowed: match chars {
                0..=3 => 0,
                4..=7 => 1,
                _ => 2,
            },
            distances: OnceLock::new(),
        }
    }
}

/// A match of one query word in one text.
struct WordMatch {
    score: i64,
    positions: Vec<usize>,
}

/// The score of a service for all query words, or `None` if a word matches nowhere.
fn score_service(
    skim: &SkimMatcherV2,
    texts: &[IndexedText],
    words: &[QueryWord],
    vocabulary: &Vocabulary,
) -> Option<(i64, Vec<FieldMatch>)> {
    let mut total = 0;
    let mut matches: Vec<FieldMatch> = Vec::new();
    for word in words {
        let mut best: Option<(i64, &IndexedText, WordMatch)> = None;
        // Texts come in order of weight; once a match beats anything a
        // lighter field could score, the lighter fields are not scored.
        let ceiling = MAX_SCORE_PER_CHAR * i64::try_from(word.chars).unwrap_or(i64::MAX);
        for text in texts {
            if best
                .as_ref()
                .is_some_and(|(score, _, _)| *score >= ceiling * text.field.weight())
            {
                break;
            }
            if let Some(found) = fuzzy_match(skim, text, word) {
                keep_best(&mut best, text, found);
            }
        }
        // Only when no text has the word do typing errors get a chance.
        if best.is_none() && word.allowed > 0 {
            let distances = word
                .distances
                .get_or_init(|| vocabulary.distances(&word.text, word.allowed));
            for text in texts {
                if let Some(found) = typo_match(text, word, distances) {
                    keep_best(&mut best, text, found);
                }
            }
        }
        let (score, text, found) = best?;
        total += score;
        let positions = text.folded.original_indices(&found.positions);
        match matches
            .iter_mut()
            .find(|m| m.field == text.field && m.item == text.item)
        {
            Some(existing) => {
                existing.positions.extend(positions);
                existing.positions.sort_unstable();
                existing.positions.dedup();
            }
            None => matches.push(FieldMatch {
                field: text.field,
                item: text.item,
                positions,
            }),
        }
    }
    matches.sort_by_key(|m| (m.field, m.item));
    Some((total, matches))
}

/// From this many services on, a search is scored on every core.
const PARALLEL_FROM: usize = 4_000;

/// More than the skim scorer gives any one matched character (16 for the
/// match, plus bonuses for word starts and runs), so a weighted score above
/// this times a field's weight cannot be beaten in that field.
const MAX_SCORE_PER_CHAR: i64 = 40;

/// Keeps the better of the best match so far and a new one (by weighted score).
fn keep_best<'t>(
    best: &mut Option<(i64, &'t IndexedText, WordMatch)>,
    text: &'t IndexedText,
    found: WordMatch,
) {
    let weighted = found.score * text.field.weight();
    if best.as_ref().is_none_or(|(score, _, _)| weighted > *score) {
        *best = Some((weighted, text, found));
    }
}

/// Matches one folded query word against one text as a fuzzy subsequence
/// whose letters lie close together (or start words, as in an acronym).
fn fuzzy_match(skim: &SkimMatcherV2, text: &IndexedText, word: &QueryWord) -> Option<WordMatch> {
    if !text.has_subsequence(&word.text, word.letters) {
        return None;
    }
    let (score, positions) = skim.fuzzy_indices(&text.folded.text, &word.text)?;
    (is_compact(&positions, word.chars) || is_acronym(text, &positions))
        .then_some(WordMatch { score, positions })
}

/// Whether matched letters lie close together: within half the word's length
/// again (at least two letters) of the tightest span. Without this, the
/// letters of almost any word can be found scattered through a long summary.
fn is_compact(positions: &[usize], len: usize) -> bool {
    match (positions.first(), positions.last()) {
        (Some(first), Some(last)) => last - first < len + (len / 2).max(2),
        _ => true,
    }
}

/// Whether every matched letter starts a word, as `ukef` does in
/// `UK Export Finance`.
fn is_acronym(text: &IndexedText, positions: &[usize]) -> bool {
    positions.len() >= 2
        && positions
            .iter()
            .all(|p| text.words.iter().any(|w| w.chars.0 == *p))
}

/// The word of the text closest to a query word within the typing errors it
/// allows (`distances` to the vocabulary, from [`Vocabulary::distances`]),
/// the earliest of equally close ones. Scored below an exact match of the
/// same word.
fn typo_match(text: &IndexedText, word: &QueryWord, distances: &[u8]) -> Option<WordMatch> {
    text.words
        .iter()
        .filter_map(|w| {
            let distance = usize::from(distances[w.id as usize]);
            (distance <= word.allowed).then_some((distance, w.chars.0, w.chars.1))
        })
        .min_by_key(|&(distance, start, _)| (distance, start))
        .map(|(distance, start, end)| WordMatch {
            score: i64::try_from(word.chars * 16 / (2 + distance)).unwrap_or(i64::MAX),
            positions: (start..end).collect(),
        })
}

#[cfg(test)]
mod tests {
    use super::{AtomicBool, Filters, SearchIndex};

    #[test]
    fn parallel_scoring_ranks_exactly_like_one_thread() {
        let catalogue = crate::generate::catalogue(1_500, 3);
        let index = SearchIndex::new(&catalogue);
        let never = AtomicBool::new(false);
        for query in ["ausfur", "eksport rynek", "garanzia", ""] {
            let ids = |threads| {
                index
                    .search_on(
                        &catalogue,
                        query,
                        &Filters::default(),
                        None,
                        threads,
                        &never,
                    )
                    .unwrap()
                    .iter()
                    .map(|hit| (hit.service.id.clone(), hit.score))
                    .collect::<Vec<_>>()
            };
            let serial = ids(1);
            assert!(!serial.is_empty(), "{query:?} found nothing");
            assert_eq!(serial, ids(2), "{query:?}");
            assert_eq!(serial, ids(7), "{query:?}");
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
    }

    /// The rules of the module header applied plainly: every field of every
    /// service scored for every word, no prefilter, no early stop, typing
    /// errors measured word by word of the text.
    fn plain_rescan(catalogue: &crate::catalogue::Catalogue, query: &str) -> Vec<(String, i64)> {
        use super::{
            Field, IndexedText, QueryWord, SkimMatcherV2, Vocabulary, fold_str, is_acronym,
            is_compact,
        };
        use fuzzy_matcher::FuzzyMatcher;
        let skim = SkimMatcherV2::default().ignore_case();
        let words: Vec<QueryWord> = fold_str(query)
            .split_whitespace()
            .map(QueryWord::new)
            .collect();
        let mut hits = Vec::new();
        'services: for service in catalogue.services().iter().filter(|s| s.is_active()) {
            let mut texts = vec![
                (Field::Name, service.name.clone()),
                (Field::Provider, catalogue.provider_of(service).name.clone()),
            ];
            texts.extend(service.keywords.iter().map(|k| (Field::Keyword, k.clone())));
            texts.extend(
                service
                    .summaries()
                    .map(|(_, summary)| (Field::Summary, summary.to_owned())),
            );
            let mut total = 0;
            for word in &words {
                let score_in = |typo: bool| {
                    texts
                        .iter()
                        .filter_map(|(field, text)| {
                            let indexed =
                                IndexedText::new(*field, 0, text, &mut Vocabulary::default());
                            let score = if typo {
                                let folded = &indexed.folded.text;
                                folded
                                    .split(|c: char| !c.is_alphanumeric())
                                    .filter(|w| !w.is_empty())
                                    .map(|w| strsim::damerau_levenshtein(&word.text, w))
                                    .filter(|&d| word.allowed > 0 && d <= word.allowed)
                                    .min()
                                    .map(|d| i64::try_from(word.chars * 16 / (2 + d)).unwrap())
                            } else {
                                skim.fuzzy_indices(&indexed.folded.text, &word.text)
                                    .filter(|(_, positions)| {
                                        is_compact(positions, word.chars)
                                            || is_acronym(&indexed, positions)
                                    })
                                    .map(|(score, _)| score)
                            };
                            score.map(|score| score * field.weight())
                        })
                        .max()
                };
                match score_in(false).or_else(|| score_in(true)) {
                    Some(score) => total += score,
                    None => continue 'services,
                }
            }
            hits.push((service.id.to_string(), total));
        }
        hits
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Speed never changes results: the indexed, prefiltered, parallel
        /// search finds exactly the services and scores the plain rescan does.
        #[test]
        fn the_fast_search_finds_what_a_plain_rescan_finds(
            picks in proptest::collection::vec((0usize..10_000, 0usize..40, 0u8..4), 1..3),
        ) {
            static CATALOGUE: std::sync::LazyLock<crate::catalogue::Catalogue> =
                std::sync::LazyLock::new(|| crate::generate::catalogue(300, 5));
            static INDEX: std::sync::LazyLock<SearchIndex> =
                std::sync::LazyLock::new(|| SearchIndex::new(&CATALOGUE));
            // Query words cut from the catalogue's own texts, some shortened,
            // some with a letter dropped, doubled or replaced.
            let words: Vec<String> = picks
                .iter()
                .map(|&(service, word, edit)| {
                    let services = CATALOGUE.services();
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
            let query = words.join(" ");
            let never = AtomicBool::new(false);
            let mut fast: Vec<(String, i64)> = INDEX
                .search_on(&CATALOGUE, &query, &Filters::default(), None, 3, &never)
                .unwrap()
                .iter()
                .map(|hit| (hit.service.id.to_string(), hit.score))
                .collect();
            let mut plain = plain_rescan(&CATALOGUE, &query);
            fast.sort();
            plain.sort();
            proptest::prop_assert_eq!(fast, plain, "query {:?}", query);
        }
    }
}
