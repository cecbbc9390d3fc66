//! The distinct words of the index, each stored once, and what the filters
//! look at per service as bit sets (facets); with the helpers for lists cut
//! at their ends that the whole index is kept in.

use super::query::letter_mask;
use crate::catalogue::Service;
use crate::vocab::{Mode, Stage, Support};

/// The distinct tokens of all indexed texts, each stored once: a query word
/// is scored once per distinct token, not once per occurrence.
#[derive(Debug, Default)]
pub(super) struct Vocabulary {
    /// All the words one after the other, each ending at its `ends` entry:
    /// one allocation, read in order by a scan.
    pub(super) text: String,
    pub(super) ends: Vec<u32>,
    pub(super) chars: Vec<u32>,
    pub(super) letters: Vec<u64>,
}

impl Vocabulary {
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    pub(super) fn word(&self, v: usize) -> &str {
        &self.text[span(&self.ends, v)]
    }

    pub(super) fn push(&mut self, word: &str) -> u32 {
        self.text.push_str(word);
        self.ends.push(index_u32(self.text.len()));
        self.chars.push(index_u32(word.chars().count()));
        self.letters.push(letter_mask(word));
        index_u32(self.ends.len() - 1)
    }
}

/// What the filters look at, per service, as bit sets: testing them costs a
/// few instructions and touches no service.
#[derive(Debug, Clone, Copy)]
pub(super) struct Facets {
    pub(super) modes: u32,
    pub(super) stages: u32,
    pub(super) support: u32,
    pub(super) active: bool,
}

/// The set of `items` as bits of their places in `all`.
pub(super) fn bits<T: PartialEq>(all: &[T], items: &[T]) -> u32 {
    items
        .iter()
        .filter_map(|item| all.iter().position(|a| a == item))
        .fold(0, |set, place| set | 1 << place)
}

impl Facets {
    pub(super) fn of(service: &Service) -> Self {
        Self {
            modes: bits(Mode::ALL, &service.modes),
            stages: bits(Stage::ALL, &service.stages),
            support: bits(Support::ALL, &service.support),
            active: service.is_active(),
        }
    }

    /// [`Filters::admits`], but for the area, which the caller checks.
    pub(super) fn admit(self, wanted: Self, include_closed: bool) -> bool {
        (include_closed || self.active)
            && (wanted.modes == 0 || self.modes & wanted.modes != 0)
            && (wanted.stages == 0 || self.stages & wanted.stages != 0)
            && (wanted.support == 0 || self.support & wanted.support != 0)
    }
}

/// Where item `i` starts in a list cut at `ends` (each item's end, in
/// order): where the item before it ends, or at 0. Also right for `i` one
/// past the last item: the end of them all.
pub(super) fn start_of(ends: &[u32], i: usize) -> usize {
    i.checked_sub(1).map_or(0, |before| ends[before] as usize)
}

/// Where item `i` lies in a list cut at `ends`.
pub(super) fn span(ends: &[u32], i: usize) -> std::ops::Range<usize> {
    start_of(ends, i)..ends[i] as usize
}

/// A length as a `u32` index: the index holds fewer than 2³² of anything
/// long before it holds more than memory.
pub(super) fn index_u32(n: usize) -> u32 {
    u32::try_from(n).expect("fewer than 2^32 items in a search index")
}
