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
    /// Words of the folded text as `(start, end)` character ranges, for typo matching.
    words: Vec<(usize, usize)>,
}

impl IndexedText {
    fn new(field: Field, item: usize, text: &str) -> Self {
        let folded = fold(text);
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in folded.text.chars().chain(std::iter::once(' ')).enumerate() {
            match (c.is_alphanumeric(), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        Self {
            field,
            item,
            folded,
            words,
        }
    }
}

/// Texts of a catalogue folded once, so each search only folds the query.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    /// Per service (same order as the catalogue), its searchable texts.
    entries: Vec<Vec<IndexedText>>,
}

impl SearchIndex {
    #[must_use]
    pub fn new(catalogue: &Catalogue) -> Self {
        let entries = catalogue
            .services()
            .iter()
            .map(|service| {
                let mut texts = vec![
                    IndexedText::new(Field::Name, 0, &service.name),
                    IndexedText::new(Field::Provider, 0, &catalogue.provider_of(service).name),
                ];
                texts.extend(
                    service
                        .keywords
                        .iter()
                        .enumerate()
                        .map(|(i, k)| IndexedText::new(Field::Keyword, i, k)),
                );
                texts.push(IndexedText::new(Field::Summary, 0, &service.summary));
                texts
            })
            .collect();
        Self { entries }
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
        let skim = SkimMatcherV2::default().ignore_case();
        let words: Vec<String> = fold_str(query)
            .split_whitespace()
            .map(str::to_owned)
            .collect();
        let mut hits: Vec<Hit<'c>> = catalogue
            .services()
            .iter()
            .zip(&self.entries)
            .filter(|(service, _)| filters.admits(service))
            .filter_map(|(service, texts)| {
                let (score, matches) = score_service(&skim, texts, &words)?;
                Some(Hit {
                    service,
                    score,
                    matches,
                })
            })
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| fold_str(&a.service.name).cmp(&fold_str(&b.service.name)))
                .then_with(|| a.service.id.cmp(&b.service.id))
        });
        if let Some(limit) = limit {
            hits.truncate(limit);
        }
        hits
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

/// A match of one query word in one text.
struct WordMatch {
    score: i64,
    positions: Vec<usize>,
}

/// The score of a service for all query words, or `None` if a word matches nowhere.
fn score_service(
    skim: &SkimMatcherV2,
    texts: &[IndexedText],
    words: &[String],
) -> Option<(i64, Vec<FieldMatch>)> {
    let mut total = 0;
    let mut matches: Vec<FieldMatch> = Vec::new();
    for word in words {
        let mut best: Option<(i64, &IndexedText, WordMatch)> = None;
        for text in texts {
            let Some(found) = match_word(skim, text, word) else {
                continue;
            };
            let weighted = found.score * text.field.weight();
            if best.as_ref().is_none_or(|(score, _, _)| weighted > *score) {
                best = Some((weighted, text, found));
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

/// Matches one folded query word against one text: as a fuzzy subsequence, or
/// else as a word within a small edit distance.
fn match_word(skim: &SkimMatcherV2, text: &IndexedText, word: &str) -> Option<WordMatch> {
    if let Some((score, positions)) = skim.fuzzy_indices(&text.folded.text, word)
        && (is_compact(&positions, word.chars().count()) || is_acronym(text, &positions))
    {
        return Some(WordMatch { score, positions });
    }
    typo_match(text, word)
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
            .all(|p| text.words.iter().any(|&(start, _)| start == *p))
}

/// A word of the text within one typing error of a query word of four to
/// seven letters, or two errors from eight letters on. Scored below an exact
/// match of the same word.
fn typo_match(text: &IndexedText, word: &str) -> Option<WordMatch> {
    let len = word.chars().count();
    let allowed = match len {
        0..=3 => return None,
        4..=7 => 1,
        _ => 2,
    };
    let chars: Vec<char> = text.folded.text.chars().collect();
    text.words
        .iter()
        .filter_map(|&(start, end)| {
            let candidate: String = chars[start..end].iter().collect();
            let distance = strsim::damerau_levenshtein(word, &candidate);
            (distance <= allowed).then_some((distance, start, end))
        })
        .min_by_key(|&(distance, start, _)| (distance, start))
        .map(|(distance, start, end)| WordMatch {
            score: i64::try_from(len * 16 / (2 + distance)).unwrap_or(i64::MAX),
            positions: (start..end).collect(),
        })
}
