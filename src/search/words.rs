//! A query word's scores over the vocabulary, and the cache that keeps them
//! for the keystrokes that follow: which words are kept, which go, and how a
//! word that extends a kept one is scored only on the words holding it.

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, OnceLock, PoisonError};

use super::SearchIndex;
use super::codes::{NO_MATCH, exact_code, typo_code};
use super::query::{QueryWord, is_subsequence};
use super::scorer::{Active, Scorer, compact_match};
use super::shapes::{KEPT_SHAPES, Shapes};
use super::typo::typo_distance;
use super::vocabulary::index_u32;

/// What scoring one query word against the whole vocabulary gives, kept for
/// the keystrokes that follow.
#[derive(Debug)]
pub(super) struct WordScores {
    pub(super) word: QueryWord,
    /// Per vocabulary word, how the query word matches it: its score
    /// ([`exact_code`]), else its typing distance ([`typo_code`]) within the
    /// errors allowed, else [`NO_MATCH`]. One look-up per token finds both.
    pub(super) codes: Vec<i32>,
    /// The vocabulary words that have the query word as a subsequence: the
    /// only ones a longer word typed after it can match exactly.
    pub(super) within: Vec<u32>,
    /// The best exact score in the vocabulary (`None` if nothing matches
    /// exactly): no text can score more than this times its weight.
    pub(super) ceiling: Option<i64>,
    /// Whether any vocabulary word matches within typing errors.
    pub(super) any_typo: bool,
    /// The vocabulary words it matches either way: only services holding
    /// one of them can be hits.
    pub(super) matched: Vec<u32>,
    /// The word's score in every service where it matches, by place in name
    /// order, once computed over the whole catalogue.
    pub(super) hits: OnceLock<Vec<(u32, i64)>>,
}

/// How many query words' scores are kept for the next keystrokes: enough
/// for the prefixes of all but the longest words, which deleting goes back
/// through. At 100,000 services one takes about 1 MB, most of it a code per
/// vocabulary word.
pub(super) const CACHED_WORDS: usize = 24;

/// How many one-letter query words' scores are kept besides. Every query
/// starts with one, and a letter's hits are the broadest and slowest to find
/// (most of the catalogue): they are kept for the session rather than by last
/// use. At 100,000 services one takes about 2 MB; this bounds them all.
pub(super) const CACHED_LETTERS: usize = 40;

impl SearchIndex {
    /// The scores of one query word: from the cache, or computed — over the
    /// vocabulary words that contain the longest cached word it extends.
    pub(super) fn word_scores(
        &self,
        word: QueryWord,
        cancel: &AtomicBool,
    ) -> Option<Arc<WordScores>> {
        let base = {
            let mut cache = self
                .cache
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(at) = cache.iter().position(|s| s.word == word) {
                let scores = cache.remove(at);
                cache.push(Arc::clone(&scores));
                return Some(scores);
            }
            cache
                .iter()
                .filter(|s| word.text.starts_with(&s.word.text))
                .max_by_key(|s| s.word.chars)
                .cloned()
        };
        let candidates: Option<&[u32]> = base.as_ref().map(|b| b.within.as_slice());
        let scores = Arc::new(self.score_vocabulary(word, candidates, cancel)?);
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // The oldest of its kind goes: a letter for a letter, else a word —
        // but not a word the new one extends while another can go, and of
        // those the longest: deleting what was typed goes back through
        // them, and the shorter a word, the more it matches and the longer
        // it takes to score again.
        let is_letter = |s: &WordScores| s.word.chars == 1;
        let (kind, limit) = if is_letter(&scores) {
            (true, CACHED_LETTERS)
        } else {
            (false, CACHED_WORDS)
        };
        let extended = |s: &WordScores| !kind && scores.word.text.starts_with(&s.word.text);
        if cache.iter().filter(|s| is_letter(s) == kind).count() >= limit
            && let Some(gone) = cache
                .iter()
                .position(|s| is_letter(s) == kind && !extended(s))
                .or_else(|| {
                    let prefixes = cache
                        .iter()
                        .enumerate()
                        .filter(|(_, s)| is_letter(s) == kind);
                    prefixes.max_by_key(|(_, s)| s.word.chars).map(|(at, _)| at)
                })
        {
            cache.remove(gone);
        }
        cache.push(Arc::clone(&scores));
        Some(scores)
    }

    /// Scores a query word against the vocabulary words given (all of them
    /// when `None`).
    pub(super) fn score_vocabulary(
        &self,
        word: QueryWord,
        candidates: Option<&[u32]>,
        cancel: &AtomicBool,
    ) -> Option<WordScores> {
        let vocabulary = &self.vocabulary;
        let all: Vec<u32>;
        let candidates = if let Some(candidates) = candidates {
            candidates
        } else {
            all = (0..index_u32(vocabulary.len())).collect();
            &all
        };
        let shapes = Shapes::of(&word);
        let shared = shapes.as_ref().is_some_and(|s| s.pattern.is_some());
        let kept = self
            .shape_scores
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        let (found, scored) = self.in_slices_with(
            candidates,
            cancel,
            || (Active::new(), foldhash::HashMap::<u128, i32>::default()),
            |(scorer, scored), slice, out| {
                for &v in slice {
                    let token = vocabulary.word(v as usize);
                    if word.letters & !vocabulary.letters[v as usize] != 0
                        || !is_subsequence(&word.text, token)
                    {
                        continue;
                    }
                    // The filter above made sure of the letters' order.
                    let mut score = || {
                        compact_match(scorer, token, &word)
                            .map_or(NO_MATCH, |(score, _)| exact_code(score))
                    };
                    let code = match shapes.as_ref().and_then(|shapes| shapes.key(token)) {
                        Some(key) => match kept.get(&key) {
                            Some(&code) => code,
                            None => *scored.entry(key).or_insert_with(score),
                        },
                        None => score(),
                    };
                    out.push((v, code));
                }
            },
        )?;
        drop(kept);
        if shared {
            let mut kept = self
                .shape_scores
                .write()
                .unwrap_or_else(PoisonError::into_inner);
            if kept.len() + scored.iter().map(|(_, s)| s.len()).sum::<usize>() > KEPT_SHAPES {
                kept.clear();
            }
            for (_, scored) in scored {
                kept.extend(scored);
            }
        }
        let mut codes = vec![NO_MATCH; vocabulary.len()];
        let mut ceiling: Option<i64> = None;
        let mut matched = Vec::new();
        for &(v, code) in &found {
            codes[v as usize] = code;
            if code != NO_MATCH {
                ceiling = Some(ceiling.map_or(i64::from(code), |c| c.max(i64::from(code))));
                matched.push(v);
            }
        }
        // Typing errors count only in services the word matches nowhere
        // exactly, but on a broad catalogue there nearly always are some:
        // the distances are worked out now, for the whole vocabulary.
        let mut any_typo = false;
        if word.allowed > 0 {
            let near = self.derived.of_lengths(
                word.chars.saturating_sub(word.allowed),
                word.chars + word.allowed,
            );
            let close = self.in_slices(near, cancel, |slice, out| {
                out.extend(slice.iter().filter_map(|&v| {
                    let v = v as usize;
                    let chars = vocabulary.chars[v] as usize;
                    typo_distance(&word, vocabulary.word(v), chars, vocabulary.letters[v])
                        .map(|distance| (v, distance))
                }));
            })?;
            for (v, distance) in close {
                if codes[v] == NO_MATCH {
                    codes[v] = typo_code(distance);
                    matched.push(index_u32(v));
                    any_typo = true;
                }
            }
        }
        Some(WordScores {
            word,
            codes,
            within: found.into_iter().map(|(v, _)| v).collect(),
            ceiling,
            any_typo,
            matched,
            hits: OnceLock::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::search::SearchIndex;
    use crate::search::tests::ranking;

    #[test]
    fn letters_stay_cached_while_words_come_and_go_within_their_bounds() {
        use super::{CACHED_LETTERS, CACHED_WORDS};
        let catalogue = crate::generate::catalogue(200, 2);
        let index = SearchIndex::new(&catalogue);
        let cached = |index: &SearchIndex| -> Vec<String> {
            let cache = index.cache.lock().unwrap();
            cache.iter().map(|s| s.word.text.clone()).collect()
        };
        let _ = ranking(&index, &catalogue, "e");
        // More words than are kept, none of them a letter.
        for n in 0..CACHED_WORDS + 5 {
            let _ = ranking(&index, &catalogue, &format!("w{n}x"));
        }
        let words = cached(&index);
        assert!(words.contains(&"e".to_owned()), "{words:?}");
        assert_eq!(words.len(), CACHED_WORDS + 1, "{words:?}");
        // The oldest words went first.
        assert!(!words.contains(&"w0x".to_owned()), "{words:?}");
        assert!(
            words.contains(&format!("w{}x", CACHED_WORDS + 4)),
            "{words:?}"
        );
        // Typing a word longer than the words kept: the shortest words it
        // extends stay, for deleting back through them, and the others go.
        let long = "internacionalizacaoeksportkreditt";
        let typed: Vec<&str> = (2..=long.len()).map(|n| &long[..n]).collect();
        assert!(typed.len() > CACHED_WORDS);
        for word in &typed {
            let _ = ranking(&index, &catalogue, word);
        }
        let mut words: Vec<String> = cached(&index)
            .into_iter()
            .filter(|w| w.chars().count() > 1)
            .collect();
        words.sort_by_key(String::len);
        let mut kept = typed[..CACHED_WORDS - 1].to_vec();
        kept.push(long);
        assert_eq!(words, kept);
        // Letters are bounded too, by their own limit (letters without
        // accents: an accented one folds to a letter already kept).
        for c in ('a'..='z')
            .chain('0'..='9')
            .chain(['α', 'β', 'γ', 'δ', 'ж', 'и', 'ш'])
        {
            let _ = ranking(&index, &catalogue, &c.to_string());
        }
        let letters = cached(&index)
            .into_iter()
            .filter(|w| w.chars().count() == 1)
            .count();
        assert_eq!(letters, CACHED_LETTERS);
    }
}
