//! Token shapes: which tokens the scorer must score alike for one short
//! query word, packed into a `u128` key, so that a short word is scored once
//! per shape rather than once per token. Sound only as far as the
//! [`Scorer`](super::Scorer) contract holds.

use std::marker::PhantomData;

use super::query::QueryWord;
use super::scorer::{Active, Scorer};

/// Query words of up to this many characters share the scorer's calls
/// among tokens of one shape ([`Shapes`]): they are the ones held in order
/// by tens of thousands of vocabulary words.
pub(super) const SHARED_UP_TO: usize = 4;

/// Which tokens the scorer `S` must score alike for one query word, by
/// clause 4 of the [`Scorer`] contract. The skim scorer compares a token's
/// characters with the word's (ignoring ASCII case) and tells apart ASCII
/// digits, ASCII capitals, separators and everything else (for the bonus a
/// character earns after another); its table runs left to right, and its
/// result — the best alignment, which must end on the word's last character
/// — cannot depend on what follows the token's last such character. So two
/// tokens score alike, positions and all, when they agree up to there on
/// which of the word's characters each character is, or whether it is a
/// digit, and have nothing else in that stretch (tokens are folded to lower
/// case, and cut at everything not a letter or digit, so the capitals and
/// separators never occur; a token that has them anyway is scored on its
/// own; so is a token with a character beyond ASCII that is none of the
/// word's, for a scorer that says [`Scorer::CLASSES_BEYOND_ASCII`]).
/// `shapes_share_the_scorers_result` holds the scorer to this, and
/// `contract::holds` any scorer.
pub(super) struct Shapes<S = Active> {
    /// The word's distinct characters, each one's class its place here plus 2.
    pub(super) chars: Vec<char>,
    pub(super) last: char,
    /// For a word of ASCII small letters only, its pattern: each of its
    /// characters' classes, three bits each, above the bits of the shape.
    /// The scorer tells such letters apart only by whether they are equal,
    /// so words of one pattern — `in` and `et`, `ss` and `ee` — get the same
    /// result for tokens of the same shape, and the index keeps those
    /// results from one query word to the next ([`SearchIndex::shape_scores`]).
    /// `shapes_of_one_pattern_share_the_scorers_result` holds the scorer to
    /// this.
    pub(super) pattern: Option<u128>,
    scorer: PhantomData<fn() -> S>,
}

/// A token's shape keeps three bits for each of its first this many
/// characters; a token whose word's last character comes later is scored
/// on its own.
pub(super) const SHAPE_CHARS: usize = 36;

/// Where a shape keeps how many characters it covers, and where the
/// pattern of the word sits above that (six bits on).
pub(super) const SHAPE_LENGTH_AT: usize = 3 * SHAPE_CHARS;
pub(super) const SHAPE_PATTERN_AT: usize = SHAPE_LENGTH_AT + 6;

/// How many shapes' scores the index keeps at most
/// ([`SearchIndex::shape_scores`]); past this they are all let go, and kept
/// again as words are typed. A shape takes about 40 bytes.
pub(super) const KEPT_SHAPES: usize = 1 << 19;

impl Shapes {
    /// For a word short enough to be worth it, for the scorer the search uses.
    pub(super) fn of(word: &QueryWord) -> Option<Self> {
        Self::for_scorer(word)
    }
}

impl<S: Scorer> Shapes<S> {
    /// For a word short enough to be worth it, for the scorer `S`.
    pub(super) fn for_scorer(word: &QueryWord) -> Option<Self> {
        let last = word.text.chars().last()?;
        // A capital would match a small letter with a penalty the shape
        // does not record; folded query words have none.
        if word.chars > SHARED_UP_TO || word.text.chars().any(|c| c.is_ascii_uppercase()) {
            return None;
        }
        let mut chars: Vec<char> = Vec::new();
        let mut pattern = 0_u128;
        for (at, c) in word.text.chars().enumerate() {
            let place = chars.iter().position(|&p| p == c).unwrap_or_else(|| {
                chars.push(c);
                chars.len() - 1
            });
            pattern |= (place as u128 + 2) << (SHAPE_PATTERN_AT + 3 * at);
        }
        let pattern = word
            .text
            .chars()
            .all(|c| c.is_ascii_lowercase())
            .then_some(pattern);
        Some(Self {
            chars,
            last,
            pattern,
            scorer: PhantomData,
        })
    }

    /// A token's shape as one number: three bits a character (0: none of the
    /// word's, nor a digit; 1: a digit; 2 and up: which of the word's) up to
    /// its last character equal to the word's last, that length above, and
    /// the word's pattern, if it has one, on top. `None` for a token scored
    /// on its own: one with an ASCII capital or separator, or (for a scorer
    /// that classes them) a character beyond ASCII none of the word's, or
    /// longer than the number holds.
    pub(super) fn key(&self, token: &str) -> Option<u128> {
        let mut key: u128 = self.pattern.unwrap_or(0);
        let mut shape = None;
        for (at, c) in token.chars().enumerate() {
            if c.is_ascii() && !c.is_ascii_lowercase() && !c.is_ascii_digit() {
                return None;
            }
            let class = match self.chars.iter().position(|p| p.eq_ignore_ascii_case(&c)) {
                Some(place) => place + 2,
                None if c.is_ascii_digit() => 1,
                // A scorer that tells such characters apart could score two
                // tokens of one shape differently.
                None if S::CLASSES_BEYOND_ASCII && !c.is_ascii() => return None,
                None => 0,
            };
            if at == SHAPE_CHARS {
                return None;
            }
            key |= (class as u128) << (3 * at);
            if c.eq_ignore_ascii_case(&self.last) {
                shape = Some(key | ((at as u128 + 1) << SHAPE_LENGTH_AT));
            }
        }
        shape
    }
}

#[cfg(test)]
mod tests {
    use crate::search::scorer::Scorer as _;

    /// A token of a shape ([`super::Shapes::key`]) rebuilt from the shape
    /// alone: another letter for every character that is none of the
    /// word's, another digit for every digit.
    fn rebuilt(key: u128, shapes: &super::Shapes) -> String {
        let digit = ('0'..='9').find(|d| !shapes.chars.contains(d)).unwrap();
        let length = usize::try_from((key >> super::SHAPE_LENGTH_AT) & 63).unwrap();
        (0..length)
            .map(|at| match (key >> (3 * at)) & 7 {
                0 => 'ж',
                1 => digit,
                class => shapes.chars[usize::try_from(class).unwrap() - 2],
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Tokens of one shape get the same result from the scorer, score
        /// and positions: what lets them share one call. A token rebuilt
        /// from its shape alone, cut after the last character that counts,
        /// stands for every token of that shape.
        #[test]
        fn shapes_share_the_scorers_result(
            word in "[abé1]{1,4}",
            tokens in proptest::collection::vec("[abcé1ł2xA-]{0,16}", 64),
        ) {
            let word = super::QueryWord::new(&word);
            let shapes = super::Shapes::of(&word).unwrap();
            let mut skim = crate::search::scorer::Active::new();
            for token in tokens {
                if let Some(key) = shapes.key(&token) {
                    let alike = rebuilt(key, &shapes);
                    proptest::prop_assert_eq!(
                        crate::search::scorer::compact_match(&mut skim, &token, &word),
                        crate::search::scorer::compact_match(&mut skim, &alike, &word),
                        "{} and {}", token, alike
                    );
                }
            }
        }

        /// Words of one pattern of repeated letters get the same result from
        /// the scorer for tokens of the same shape: renaming the characters,
        /// in the word and the token alike, changes neither the shape's key
        /// (when the word is of small letters before and after, and digits
        /// stay digits) nor, when
        /// the key stays the same, the score and positions. That, with the
        /// test above, is what lets the index keep a shape's score for the
        /// next word of its pattern. Renaming mixes digits with letters, and
        /// words of different patterns never share a key.
        #[test]
        fn shapes_of_one_pattern_share_the_scorers_result(
            word in "[ab1é]{1,4}",
            other in "[abc]{1,4}",
            tokens in proptest::collection::vec("[abcdx12éł]{0,16}", 64),
            renamed in proptest::strategy::Strategy::prop_shuffle(
                proptest::strategy::Just(('a'..='z').chain('0'..='9').collect::<Vec<char>>()),
            ),
        ) {
            let rename = |text: &str| -> String {
                text.chars()
                    .map(|c| match c {
                        'a'..='z' => renamed[(c as u8 - b'a') as usize],
                        '0'..='9' => renamed[26 + (c as u8 - b'0') as usize],
                        _ => c,
                    })
                    .collect()
            };
            let letters = |text: &str| text.chars().all(|c| c.is_ascii_lowercase());
            let mut skim = crate::search::scorer::Active::new();
            let query = super::QueryWord::new(&word);
            let shapes = super::Shapes::of(&query).unwrap();
            let query_renamed = super::QueryWord::new(&rename(&word));
            let shapes_renamed = super::Shapes::of(&query_renamed).unwrap();
            let shapes_other = super::Shapes::of(&super::QueryWord::new(&other)).unwrap();
            for token in tokens {
                let token_renamed = rename(&token);
                let key = shapes.key(&token);
                let key_renamed = shapes_renamed.key(&token_renamed);
                let digits_kept = token
                    .chars()
                    .zip(token_renamed.chars())
                    .all(|(a, b)| a.is_ascii_digit() == b.is_ascii_digit());
                if letters(&word) && letters(&query_renamed.text) && digits_kept {
                    proptest::prop_assert_eq!(key, key_renamed);
                }
                if key.is_some() && key == key_renamed {
                    proptest::prop_assert_eq!(
                        crate::search::scorer::compact_match(&mut skim, &token, &query),
                        crate::search::scorer::compact_match(&mut skim, &token_renamed, &query_renamed),
                        "{} in {} and {} in {}", word, token, query_renamed.text, token_renamed
                    );
                }
                if shapes.pattern != shapes_other.pattern && key.is_some() {
                    proptest::prop_assert_ne!(key, shapes_other.key(&token));
                    proptest::prop_assert_ne!(key, shapes_other.key(&token_renamed));
                }
            }
        }
    }
}
