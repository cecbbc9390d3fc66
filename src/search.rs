//! Fuzzy look-up of services: the one search function shared by `eis search`
//! and the terminal UI.
//!
//! Matching is accent- and case-insensitive in every language of the catalogue:
//! texts are folded once when the [`SearchIndex`] is built, the query when it
//! is searched ([`fold`]). Texts and query are cut into words at every
//! character that is not a letter or digit. Each word of the query must match
//! a word somewhere in a service — in its name, its provider's name, its
//! keywords or its summaries; the initials of a name count as one more word —
//! with `fuzzy-matcher`'s skim scorer (behind our [`scorer::Scorer`] trait),
//! as a subsequence whose letters lie close together. A query word that
//! matches no word that way may still match one within one or two typing
//! errors (`insurence` → `insurance`). A word's score is its best match's
//! score times the field's weight (a name match counts more than a summary
//! match); a hit's score is the sum over the words. Hits are ranked by score,
//! then by name, then by id, so equal scores always come out in the same
//! order.
//!
//! # From a query to ranked hits
//!
//! ```text
//!  query "exprt fin"
//!    │ fold, cut into words                                   query.rs, fold.rs
//!    ▼
//!  query words ──▶ scores of this word kept from an earlier keystroke?
//!    │             (the last 24 words, 40 letters)            words.rs
//!    │                 │ no
//!    │                 ▼
//!    │  score the vocabulary: all of it, or only the words holding the
//!    │  longest kept word this one extends; on both cores     threads.rs
//!    │    letter mask, letters in order                       query.rs
//!    │    ─▶ the token's shape: a short word is scored once
//!    │       per shape, kept for words of its pattern         shapes.rs
//!    │    ─▶ the scorer (skim), held to a contract            scorer.rs
//!    │    ─▶ one code per vocabulary word: exact score, else
//!    │       typing distance (among words of about its
//!    │       length), else no match                 codes.rs, typo.rs
//!    ▼
//!  rank: start from the hits of the words typed before (intersected),
//!  else find the longest word's hits; leave out the services holding
//!  none of the words a rare word matches                      holders.rs
//!  score the rest: per service and field weight, the best code over
//!  its tokens; test the filters' bit sets        index.rs, vocabulary.rs
//!    │ hits by place in name order
//!    ▼
//!  counting sort by score, equal scores staying in name order rank.rs
//!    │ ─▶ Ranked (the services, by place in the catalogue)
//!    │ the hits shown
//!    ▼
//!  highlights: the rules applied to each service's own texts  matches.rs
//!      ─▶ Hit
//! ```
//!
//! The index stores each distinct word of the catalogue once (its
//! vocabulary) and each service's words as vocabulary ids, one list per field
//! weight (`vocabulary.rs`, `index.rs`); it is stored in the compiled
//! catalogue (`binary.rs`). Inside the index services are kept by their place
//! in name order, so that hits come out of a scan in name order and ranking
//! them is a sort by score alone; what a search returns names them by their
//! place in the catalogue. A query word is scored once per distinct word
//! (`words.rs`), and a service's score is then a look-up per word it
//! contains. A query word's scores are kept for the next keystrokes (the last
//! 24 words, and up to 40 one-letter words for the session, since every query
//! starts with one): the words already typed restrict which services the last
//! one is scored on, and a word that extends a kept one is only scored on the
//! vocabulary words containing the kept one. Built beside the index, never
//! stored (`holders.rs`): which services hold each word, so that a rare query
//! word is scored only in the services holding a word it matches, and the
//! vocabulary by length, so that typing errors are looked for only among
//! words of about the query word's length. A short query word is scored once
//! per shape of token rather than once per token (`shapes.rs`), and the
//! letters can be scored ahead, while nobody types ([`SearchIndex::warm`]).
//! `docs/PERFORMANCE.md` has the figures.

pub mod fold;

mod binary;
mod codes;
mod holders;
mod index;
mod matches;
mod query;
mod rank;
pub mod scorer;
mod shapes;
pub mod suggest;
#[cfg(test)]
mod tests;
mod threads;
mod typo;
mod vocabulary;
mod words;

use serde::Serialize;

use crate::catalogue::{Area, Catalogue, Service};
use crate::vocab::{Mode, Stage, Support};

pub use index::SearchIndex;
pub use matches::highlight_in;

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
    fn weight(self) -> i64 {
        i64::from(self.weight_u8())
    }

    /// [`Self::weight`], as the index stores it.
    const fn weight_u8(self) -> u8 {
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

/// One service in a ranking: its place in the catalogue and its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked {
    /// Index into [`Catalogue::services`].
    pub service: usize,
    pub score: i64,
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
