//! Look-ups built beside the index whenever it is made or read, never
//! stored: which services hold each vocabulary word (so that a rare query
//! word is scored only in those), and the vocabulary by length (so that
//! typing errors are looked for only among words of about the right length).

use super::SearchIndex;
use super::vocabulary::{index_u32, span, start_of};
use super::words::WordScores;

/// A query word is scored only in the services holding a word it matches
/// when they hold at most one in this many of the tokens of the services it
/// would otherwise be scored in: gathering them costs about as much per
/// token as scoring a service does, but on one core.
pub(super) const HOLDERS_UP_TO: usize = 8;

/// What a search looks things up in that the rest of the index determines:
/// built when the index is made or read, never stored.
#[derive(Debug, Default)]
pub(super) struct Derived {
    /// Per vocabulary word, the services holding it, by place in name order,
    /// ascending: `holders[holder_ends[v - 1]..holder_ends[v]]`. A rare
    /// query word is scored only in the services holding a word it matches.
    pub(super) holders: Vec<u32>,
    pub(super) holder_ends: Vec<u32>,
    /// The vocabulary words by length in characters, shortest first, and
    /// where each length ends there (the last length takes all longer
    /// words): typing errors are looked for only among words of about the
    /// query word's length.
    pub(super) by_length: Vec<u32>,
    pub(super) length_ends: Vec<u32>,
    /// Whether every service is active: then, with no filters set, ranking
    /// need not look at the facets.
    pub(super) all_active: bool,
}

/// Words of this many characters or more share the last length of
/// [`Derived::by_length`].
pub(super) const LONGEST_APART: usize = 64;

impl Derived {
    /// Built from a consistent index's other fields.
    pub(super) fn of(index: &SearchIndex) -> Self {
        let vocabulary = &index.vocabulary;
        let words = vocabulary.len();
        // Each service's tokens, once each though a word may be in several
        // of its texts: place by place, so every list comes out ascending.
        let tokens_of = |place: usize| index.service_tokens(place);
        let service_ends = &index.service_ends;
        let mut last = vec![u32::MAX; words];
        let mut counts = vec![0_u32; words + 1];
        for place in 0..service_ends.len() {
            let place_u32 = index_u32(place);
            for &v in tokens_of(place) {
                if std::mem::replace(&mut last[v as usize], place_u32) != place_u32 {
                    counts[v as usize + 1] += 1;
                }
            }
        }
        for v in 0..words {
            counts[v + 1] += counts[v];
        }
        // `counts[v]` is now where word v's holders start; filled, it is where they end.
        let mut holders = vec![0; counts[words] as usize];
        last.fill(u32::MAX);
        for place in 0..service_ends.len() {
            let place_u32 = index_u32(place);
            for &v in tokens_of(place) {
                if std::mem::replace(&mut last[v as usize], place_u32) != place_u32 {
                    holders[counts[v as usize] as usize] = place_u32;
                    counts[v as usize] += 1;
                }
            }
        }
        counts.pop();
        let length = |v: u32| (vocabulary.chars[v as usize] as usize).min(LONGEST_APART);
        let mut by_length: Vec<u32> = (0..index_u32(words)).collect();
        by_length.sort_by_key(|&v| length(v));
        let mut length_ends = vec![0; LONGEST_APART + 1];
        for &v in &by_length {
            length_ends[length(v)] += 1;
        }
        for l in 1..=LONGEST_APART {
            length_ends[l] += length_ends[l - 1];
        }
        Self {
            holders,
            holder_ends: counts,
            by_length,
            length_ends,
            all_active: index.facets.iter().all(|f| f.active),
        }
    }

    /// The services holding vocabulary word `v`.
    pub(super) fn holders_of(&self, v: u32) -> &[u32] {
        &self.holders[span(&self.holder_ends, v as usize)]
    }

    /// The vocabulary words of `shortest..=longest` characters.
    pub(super) fn of_lengths(&self, shortest: usize, longest: usize) -> &[u32] {
        let shortest = shortest.min(LONGEST_APART);
        let longest = longest.min(LONGEST_APART);
        &self.by_length[start_of(&self.length_ends, shortest)..self.length_ends[longest] as usize]
    }
}

impl SearchIndex {
    /// The services holding a vocabulary word that `word` matches, as a set
    /// of places in name order: the only ones it can be a hit in. `None`
    /// when gathering them would cost about as much as scoring the word in
    /// the `services` it is to be scored in.
    pub(super) fn holding(&self, word: &WordScores, services: usize) -> Option<Vec<u64>> {
        let derived = &self.derived;
        let tokens_per_service = self.tokens.len() / self.service_ends.len().max(1);
        let budget = tokens_per_service.saturating_mul(services) / HOLDERS_UP_TO;
        let mut total = 0;
        for &v in &word.matched {
            total += derived.holders_of(v).len();
            if total > budget {
                return None;
            }
        }
        let mut set = vec![0_u64; self.service_ends.len().div_ceil(64)];
        for &v in &word.matched {
            for &place in derived.holders_of(v) {
                set[place as usize / 64] |= 1 << (place % 64);
            }
        }
        Some(set)
    }
}

/// The places in a set of them ([`SearchIndex::holding`]), ascending.
pub(super) fn places_in(set: &[u64]) -> Vec<u32> {
    let mut places = Vec::new();
    for (i, &bits) in set.iter().enumerate() {
        let mut bits = bits;
        while bits != 0 {
            places.push(index_u32(i * 64) + bits.trailing_zeros());
            bits &= bits - 1;
        }
    }
    places
}

/// Whether a set of places ([`SearchIndex::holding`]) has `place`.
pub(super) fn has_place(set: &[u64], place: u32) -> bool {
    set[place as usize / 64] & (1 << (place % 64)) != 0
}

#[cfg(test)]
mod tests {
    use crate::search::SearchIndex;

    /// The holders of each word are exactly the services whose texts hold
    /// it, ascending; the words by length are every word once, each where
    /// its length says.
    #[test]
    fn holders_and_lengths_list_what_the_index_holds() {
        let catalogue = crate::generate::catalogue(300, 6);
        let index = SearchIndex::new(&catalogue);
        let vocabulary = &index.vocabulary;
        let mut expected: Vec<Vec<u32>> = vec![Vec::new(); vocabulary.len()];
        for place in 0..index.len() {
            for &v in index.service_tokens(place) {
                let holders = &mut expected[v as usize];
                if holders.last() != Some(&super::index_u32(place)) {
                    holders.push(super::index_u32(place));
                }
            }
        }
        for (v, holders) in expected.iter().enumerate() {
            assert_eq!(
                index.derived.holders_of(super::index_u32(v)),
                holders.as_slice()
            );
        }
        let mut seen = vec![false; vocabulary.len()];
        for length in 0..=super::LONGEST_APART {
            for &v in index.derived.of_lengths(length, length) {
                assert!(!std::mem::replace(&mut seen[v as usize], true));
                let chars = vocabulary.chars[v as usize] as usize;
                assert_eq!(chars.min(super::LONGEST_APART), length);
            }
        }
        assert!(seen.iter().all(|&s| s));
        // A decoded index derives the same.
        let mut bytes = Vec::new();
        crate::binary::Bin::put(&index, &mut bytes);
        let decoded: SearchIndex =
            crate::binary::Bin::take(&mut crate::binary::Input::new(&bytes)).unwrap();
        assert_eq!(decoded.derived.holders, index.derived.holders);
        assert_eq!(decoded.derived.by_length, index.derived.by_length);
    }
}
