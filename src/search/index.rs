//! The search index: how it is built from a catalogue, and a search from a
//! query to ranked hits (see the data flow in [`super`]).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use super::codes::{NO_MATCH, TYPO_TOP};
use super::fold::{fold_into, fold_str};
use super::holders::{Derived, has_place, places_in};
use super::matches::{score_service, texts_of};
use super::query::{QueryWord, letter_mask, query_words};
use super::rank::intersect;
use super::scorer::{Active, Scorer};
use super::vocabulary::{Facets, Vocabulary, bits, index_u32, span, start_of};
use super::words::WordScores;
use super::{Field, Filters, Hit, Ranked};
use crate::catalogue::Catalogue;
use crate::vocab::{Mode, Stage, Support};

/// Texts of a catalogue folded and cut into tokens once, so each search only
/// folds the query and scores it against the distinct tokens.
#[derive(Debug)]
pub struct SearchIndex {
    pub(super) vocabulary: Vocabulary,
    /// The distinct tokens of every service, as vocabulary ids: per service,
    /// one text per field weight (the name; provider and keywords; the
    /// summaries), heaviest first, each in order of id.
    pub(super) tokens: Vec<u32>,
    /// Per such text, where its tokens end in `tokens`, and its weight.
    pub(super) text_ends: Vec<u32>,
    pub(super) text_weights: Vec<u8>,
    /// The services (as places in [`Catalogue::services`]) in the order of
    /// their folded names, then ids: the order hits of equal score come out
    /// in. Everything else in the index is kept per service in this order,
    /// and a search works with places in it: hits come out of a scan
    /// already in name order, and ranking them is a sort by score alone.
    pub(super) by_name: Vec<u32>,
    /// Per service in name order, where its texts end in `text_ends`.
    pub(super) service_ends: Vec<u32>,
    /// Per service in name order, what the filters look at.
    pub(super) facets: Vec<Facets>,
    /// Built from the fields above whenever the index is made or read.
    pub(super) derived: Derived,
    /// The scores of the latest query words, most recent last.
    pub(super) cache: Mutex<Vec<Arc<WordScores>>>,
    /// The scorer's results by token shape and word pattern ([`Shapes`]),
    /// kept from one short query word to the next: a new two-letter word
    /// finds many of its shapes scored already, by the words of its pattern
    /// typed before it.
    pub(super) shape_scores: RwLock<foldhash::HashMap<u128, i32>>,
    /// How many slices the work of one search is cut into (one per thread of
    /// the pool; tests set other counts to show the ranking does not depend on it).
    pub(super) threads: usize,
    /// From this many services (or vocabulary words) on, the work is shared
    /// ([`PARALLEL_FROM`](super::threads::PARALLEL_FROM); tests lower it to
    /// share small catalogues).
    pub(super) parallel_from: usize,
}

/// The services' places in the catalogue, in the order of their folded
/// names, then ids.
pub(super) fn name_order(catalogue: &Catalogue) -> Vec<u32> {
    let services = catalogue.services();
    let names: Vec<String> = services.iter().map(|s| fold_str(&s.name)).collect();
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|&a, &b| {
        names[a]
            .cmp(&names[b])
            .then_with(|| services[a].id.cmp(&services[b].id))
    });
    order.into_iter().map(index_u32).collect()
}

impl SearchIndex {
    #[must_use]
    pub fn new(catalogue: &Catalogue) -> Self {
        let mut vocabulary = Vocabulary::default();
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut id_of = |word: &str| {
            if let Some(&id) = ids.get(word) {
                return id;
            }
            let id = vocabulary.push(word);
            ids.insert(word.to_owned(), id);
            id
        };
        // One buffer for every folded text and one for initials: building
        // the index leaves no garbage per word behind.
        let mut folded = String::new();
        let mut initials = String::new();
        let mut index = Self {
            vocabulary: Vocabulary::default(),
            tokens: Vec::new(),
            text_ends: Vec::new(),
            text_weights: Vec::new(),
            by_name: name_order(catalogue),
            service_ends: Vec::with_capacity(catalogue.services().len()),
            facets: Vec::with_capacity(catalogue.services().len()),
            derived: Derived::default(),
            cache: Mutex::new(Vec::new()),
            shape_scores: RwLock::default(),
            threads: rayon::current_num_threads(),
            parallel_from: super::threads::PARALLEL_FROM,
        };
        // A service's tokens, one list per field weight, heaviest first.
        let mut by_weight: [(u8, Vec<u32>); 3] = [Field::Name, Field::Keyword, Field::Summary]
            .map(|field| (field.weight_u8(), Vec::new()));
        for &service in &index.by_name {
            let service = &catalogue.services()[service as usize];
            index.facets.push(Facets::of(service));
            for (field, _, text) in texts_of(catalogue, service) {
                let Some((_, ids)) = by_weight.iter_mut().find(|(w, _)| *w == field.weight_u8())
                else {
                    unreachable!("every field's weight has its list");
                };
                folded.clear();
                fold_into(text, &mut folded);
                initials.clear();
                let mut words = 0;
                // The same tokens as [`tokens`] gives.
                for word in folded.split(|c: char| !c.is_alphanumeric()) {
                    if let Some(first) = word.chars().next() {
                        ids.push(id_of(word));
                        initials.push(first);
                        words += 1;
                    }
                }
                if matches!(field, Field::Name | Field::Provider) && words >= 2 {
                    ids.push(id_of(&initials));
                }
            }
            // A word's score in a service is its best over the texts, each
            // weighted: texts of one weight may as well be one, and a token
            // in it counted once. Summaries in several languages repeat
            // many words, and a search looks at each token of a service.
            for (weight, ids) in &mut by_weight {
                if ids.is_empty() {
                    continue;
                }
                ids.sort_unstable();
                ids.dedup();
                index.tokens.append(ids);
                index.text_ends.push(index_u32(index.tokens.len()));
                index.text_weights.push(*weight);
            }
            index.service_ends.push(index_u32(index.text_ends.len()));
        }
        index.vocabulary = vocabulary;
        index.derived = Derived::of(&index);
        index
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
        let mut ranked = self.rank(catalogue, query, filters, cancel)?;
        if let Some(limit) = limit {
            ranked.truncate(limit);
        }
        let words = query_words(query);
        let mut scorer = Active::new();
        Some(
            ranked
                .into_iter()
                .map(|Ranked { service, score }| {
                    let service = &catalogue.services()[service];
                    let matches = score_service(&mut scorer, catalogue, service, &words)
                        .map(|(_, matches)| matches)
                        .unwrap_or_default();
                    Hit {
                        service,
                        score,
                        matches,
                    }
                })
                .collect(),
        )
    }

    /// The services matching a query, best first, without highlights: what
    /// a screen needs to show a count and scroll through every hit. `None`
    /// when `cancel` was seen set.
    pub fn rank(
        &self,
        catalogue: &Catalogue,
        query: &str,
        filters: &Filters,
        cancel: &AtomicBool,
    ) -> Option<Vec<Ranked>> {
        let services = catalogue.services();
        let words = query_words(query);
        // `Filters::admits`, from the facets: the area alone needs the service.
        let wanted = Facets {
            modes: bits(Mode::ALL, &filters.modes),
            stages: bits(Stage::ALL, &filters.stages),
            support: bits(Support::ALL, &filters.support),
            active: true,
        };
        // The index keeps services by their places in name order.
        let admits = |place: usize| {
            self.facets[place].admit(wanted, filters.include_closed)
                && filters.area.as_ref().is_none_or(|area| {
                    let service = &services[self.by_name[place] as usize];
                    service.areas.iter().any(|a| a.overlaps(area))
                })
        };
        if words.is_empty() {
            return Some(
                (0..self.by_name.len())
                    .filter(|&place| admits(place))
                    .map(|place| Ranked {
                        service: self.by_name[place] as usize,
                        score: 0,
                    })
                    .collect(),
            );
        }
        let scores = words
            .into_iter()
            .map(|word| self.word_scores(word, cancel))
            .collect::<Option<Vec<_>>>()?;
        // Start from the words whose hits are known (those typed before),
        // or else from the longest word, usually the rarest.
        if scores.iter().all(|s| s.hits.get().is_none())
            && let Some(longest) = scores.iter().max_by_key(|s| s.word.chars)
        {
            let hits = self.hits_everywhere(longest, cancel)?;
            // Another search on the same index may have set it meanwhile, to the same.
            let _ = longest.hits.set(hits);
        }
        let mut known = scores.iter().filter_map(|s| s.hits.get());
        let first = known.next().map_or(&[][..], Vec::as_slice);
        let mut both: Option<Vec<(u32, i64)>> = None;
        for hits in known {
            both = Some(intersect(both.as_deref().unwrap_or(first), hits));
        }
        let rest: Vec<&WordScores> = scores
            .iter()
            .filter(|s| s.hits.get().is_none())
            .map(AsRef::as_ref)
            .collect();
        let mut domain = both.as_deref().unwrap_or(first);
        // Services holding none of the words a rare word matches cannot be
        // hits: they are left out before anything is scored.
        let narrowed: Vec<(u32, i64)>;
        let sets: Vec<Vec<u64>> = rest
            .iter()
            .filter_map(|word| self.holding(word, domain.len()))
            .collect();
        if !sets.is_empty() {
            narrowed = domain
                .iter()
                .copied()
                .filter(|&(place, _)| sets.iter().all(|set| has_place(set, place)))
                .collect();
            domain = &narrowed;
        }
        if rest.is_empty() {
            // Only the filters are left to test, too cheap to share out;
            // with none set and no closed service, not even that.
            let admits_all = wanted.modes == 0
                && wanted.stages == 0
                && wanted.support == 0
                && filters.area.is_none()
                && (filters.include_closed || self.derived.all_active);
            let admitted: Vec<(u32, i64)>;
            let hits = if admits_all {
                domain
            } else {
                admitted = self.admitted(domain, wanted, filters, catalogue);
                &admitted
            };
            return (!cancel.load(Ordering::Relaxed)).then(|| self.by_score(hits));
        }
        let matched = self.score_domain(domain, &rest, &admits, cancel)?;
        (!cancel.load(Ordering::Relaxed)).then(|| self.by_score(&matched))
    }

    /// Scores the letters a to z and finds their hits, as the first
    /// keystroke of a search needs them, most used first (by the number of
    /// vocabulary words holding each), skipping those already kept: for the
    /// terminal app to run beside a user who has not typed yet. Gives up
    /// (`false`) as soon as it sees `cancel` set; `true` once every letter
    /// is kept.
    pub fn warm(&self, cancel: &AtomicBool) -> bool {
        let mut letters: Vec<(usize, char)> = ('a'..='z')
            .map(|c| {
                let bit = letter_mask(c.encode_utf8(&mut [0; 4]));
                let words = self
                    .vocabulary
                    .letters
                    .iter()
                    .filter(|&&l| l & bit != 0)
                    .count();
                (words, c)
            })
            .collect();
        letters.sort_by_key(|&(words, c)| (std::cmp::Reverse(words), c));
        for (_, letter) in letters {
            let Some(scores) = self.word_scores(QueryWord::new(&letter.to_string()), cancel) else {
                return false;
            };
            if scores.hits.get().is_none() {
                let Some(hits) = self.hits_everywhere(&scores, cancel) else {
                    return false;
                };
                let _ = scores.hits.set(hits);
            }
        }
        true
    }

    /// A word's score in every service of the catalogue where it matches,
    /// by place in name order.
    pub(super) fn hits_everywhere(
        &self,
        word: &WordScores,
        cancel: &AtomicBool,
    ) -> Option<Vec<(u32, i64)>> {
        let services: Vec<u32> = match self.holding(word, self.service_ends.len()) {
            Some(holding) => places_in(&holding),
            None => (0..index_u32(self.service_ends.len())).collect(),
        };
        self.in_slices(&services, cancel, |slice, out| {
            out.extend(
                slice
                    .iter()
                    .filter_map(|&s| Some((s, self.word_score(s as usize, word)?))),
            );
        })
    }

    /// The services of `domain` the filters admit and `words` all match,
    /// with the words' scores added to the domain's.
    pub(super) fn score_domain(
        &self,
        domain: &[(u32, i64)],
        words: &[&WordScores],
        admits: &(impl Fn(usize) -> bool + Sync),
        cancel: &AtomicBool,
    ) -> Option<Vec<(u32, i64)>> {
        self.in_slices(domain, cancel, |slice, out| {
            out.extend(slice.iter().filter_map(|&(place, score)| {
                if !admits(place as usize) {
                    return None;
                }
                let score = words.iter().try_fold(score, |total, word| {
                    Some(total + self.word_score(place as usize, word)?)
                })?;
                Some((place, score))
            }));
        })
    }

    /// One word's score in one service: its best exact match over the
    /// service's tokens, weighted by field; failing that, its closest match
    /// within the typing errors allowed.
    pub(super) fn word_score(&self, place: usize, word: &WordScores) -> Option<i64> {
        let texts = span(&self.service_ends, place);
        let tokens_of = |t: usize| &self.tokens[span(&self.text_ends, t)];
        if word.ceiling.is_none() && !word.any_typo {
            return None;
        }
        let mut exact: Option<i64> = None;
        let mut typo: Option<i64> = None;
        for t in texts {
            let weight = i64::from(self.text_weights[t]);
            // Texts come in order of weight: once an exact match beats
            // anything the lighter texts could score, they are not looked at.
            if let (Some(best), Some(ceiling)) = (exact, word.ceiling)
                && best >= ceiling * weight
            {
                break;
            }
            // Codes rank no match below typing errors below exact matches:
            // one maximum finds the text's best match.
            let top = tokens_of(t)
                .iter()
                .map(|&v| word.codes[v as usize])
                .max()
                .unwrap_or(NO_MATCH);
            if top > TYPO_TOP {
                let weighted = i64::from(top) * weight;
                exact = Some(exact.map_or(weighted, |b| b.max(weighted)));
            } else if top != NO_MATCH && exact.is_none() {
                let distance = usize::try_from(TYPO_TOP - top).unwrap_or(usize::MAX);
                let weighted = word.word.typo_score(distance) * weight;
                typo = Some(typo.map_or(weighted, |b| b.max(weighted)));
            }
        }
        // Typing errors count only where no text has the word as typed.
        exact.or(typo)
    }

    /// The tokens of every text of the service at `place` in name order.
    pub(super) fn service_tokens(&self, place: usize) -> &[u32] {
        let texts = span(&self.service_ends, place);
        &self.tokens[start_of(&self.text_ends, texts.start)..start_of(&self.text_ends, texts.end)]
    }

    /// How many services the index was built from.
    #[must_use]
    pub fn len(&self) -> usize {
        self.service_ends.len()
    }

    /// Whether the index was built from no service at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.service_ends.is_empty()
    }
}
