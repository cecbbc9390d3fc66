//! The index in binary form, for the compiled catalogue, and the check that
//! a decoded index is consistent before it is used. The encoding is the
//! compiled catalogue's: any change to it is a change of format.

use std::sync::{Mutex, RwLock};

use super::SearchIndex;
use super::holders::Derived;
use super::vocabulary::{Facets, Vocabulary};

/// The index in binary form, for the compiled catalogue ([`crate::cache`]):
/// everything built from the catalogue, none of the per-query cache.
impl crate::binary::Bin for SearchIndex {
    fn put(&self, out: &mut Vec<u8>) {
        let v = &self.vocabulary;
        for part in [&v.ends, &v.chars, &self.tokens, &self.text_ends] {
            part.put(out);
        }
        v.text.put(out);
        v.letters.put(out);
        self.text_weights.put(out);
        for part in [&self.by_name, &self.service_ends] {
            part.put(out);
        }
        (self.facets.len() as u64).put(out);
        for facets in &self.facets {
            for bits in [facets.modes, facets.stages, facets.support] {
                bits.put(out);
            }
            facets.active.put(out);
        }
    }

    fn take(input: &mut crate::binary::Input<'_>) -> Option<Self> {
        let (ends, chars, tokens, text_ends) = (
            Vec::<u32>::take(input)?,
            Vec::<u32>::take(input)?,
            Vec::<u32>::take(input)?,
            Vec::<u32>::take(input)?,
        );
        let vocabulary = Vocabulary {
            text: String::take(input)?,
            ends,
            chars,
            letters: Vec::<u64>::take(input)?,
        };
        let text_weights = Vec::<u8>::take(input)?;
        let (by_name, service_ends) = (Vec::<u32>::take(input)?, Vec::<u32>::take(input)?);
        let count = input.count()?;
        let mut facets = Vec::with_capacity(input.room_for::<Facets>(count));
        for _ in 0..count {
            facets.push(Facets {
                modes: u32::take(input)?,
                stages: u32::take(input)?,
                support: u32::take(input)?,
                active: bool::take(input)?,
            });
        }
        let mut index = Self {
            vocabulary,
            tokens,
            text_ends,
            text_weights,
            by_name,
            service_ends,
            facets,
            derived: Derived::default(),
            cache: Mutex::new(Vec::new()),
            shape_scores: RwLock::default(),
            threads: std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
            parallel_from: super::threads::PARALLEL_FROM,
        };
        if !index.is_consistent() {
            return None;
        }
        index.derived = Derived::of(&index);
        Some(index)
    }
}

impl SearchIndex {
    /// Whether every id and end in the index points inside what it indexes:
    /// a decoded index is used only if so, so a damaged cache can make a
    /// search wrong only as a damaged catalogue could, never panic.
    pub(super) fn is_consistent(&self) -> bool {
        let v = &self.vocabulary;
        let ascending = |ends: &[u32], limit: usize| {
            ends.windows(2).all(|w| w[0] <= w[1])
                && ends.last().is_none_or(|&e| e as usize <= limit)
        };
        let services = self.service_ends.len();
        let texts = self.text_ends.len();
        let is_permutation = |places: &[u32]| {
            let mut seen = vec![false; services];
            places.len() == services
                && places.iter().all(|&p| {
                    seen.get_mut(p as usize)
                        .is_some_and(|s| !std::mem::replace(s, true))
                })
        };
        v.chars.len() == v.ends.len()
            && v.letters.len() == v.ends.len()
            && ascending(&v.ends, v.text.len())
            && v.ends.iter().all(|&e| v.text.is_char_boundary(e as usize))
            && self.tokens.iter().all(|&t| (t as usize) < v.ends.len())
            && ascending(&self.text_ends, self.tokens.len())
            && self.text_weights.len() == texts
            && ascending(&self.service_ends, texts)
            && self.facets.len() == services
            && is_permutation(&self.by_name)
    }
}

#[cfg(test)]
mod tests {
    use crate::search::SearchIndex;

    #[test]
    fn an_index_whose_name_order_names_a_service_twice_is_not_used() {
        let catalogue = crate::generate::catalogue(50, 4);
        let mut index = SearchIndex::new(&catalogue);
        assert!(index.is_consistent());
        // One service in two places and another in none: hits would be
        // reported as the wrong service.
        index.by_name[0] = index.by_name[1];
        assert!(!index.is_consistent());
    }
}
