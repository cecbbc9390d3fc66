//! A second scorer, on `nucleo-matcher` (behind the `nucleo` feature): the
//! search can switch to it by changing [`super::Active`].
//!
//! Set up to see what the skim scorer sees: no folding of its own (texts
//! and query are folded already, and nucleo's folding would let `e` match
//! `é`), and each character on its own rather than grapheme clusters, so
//! that positions count characters. It classes characters beyond ASCII by
//! Unicode (an Arabic digit is a digit, `中` a letter without case), so it
//! says [`Scorer::CLASSES_BEYOND_ASCII`].

use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::Scorer;

/// `nucleo-matcher`'s fuzzy matcher, with buffers kept between calls.
pub struct Nucleo {
    matcher: Matcher,
    token: Vec<char>,
    word: Vec<char>,
    positions: Vec<u32>,
}

/// Text as nucleo takes it, one character a unit.
fn utf32<'a>(text: &'a str, buffer: &'a mut Vec<char>) -> Utf32Str<'a> {
    if text.is_ascii() {
        Utf32Str::Ascii(text.as_bytes())
    } else {
        buffer.clear();
        buffer.extend(text.chars());
        Utf32Str::Unicode(buffer)
    }
}

impl Scorer for Nucleo {
    const HISTORY_FREE: bool = true;
    const CLASSES_BEYOND_ASCII: bool = true;

    fn new() -> Self {
        let mut config = Config::DEFAULT;
        config.normalize = false;
        config.ignore_case = true;
        Self {
            matcher: Matcher::new(config),
            token: Vec::new(),
            word: Vec::new(),
            positions: Vec::new(),
        }
    }

    fn score(&mut self, token: &str, word: &str) -> Option<(i64, Vec<usize>)> {
        self.positions.clear();
        let haystack = utf32(token, &mut self.token);
        let needle = utf32(word, &mut self.word);
        let score = self
            .matcher
            .fuzzy_indices(haystack, needle, &mut self.positions)?;
        // nucleo leaves the positions in no promised order.
        self.positions.sort_unstable();
        self.positions.dedup();
        let positions = self.positions.iter().map(|&p| p as usize).collect();
        Some((i64::from(score), positions))
    }
}
