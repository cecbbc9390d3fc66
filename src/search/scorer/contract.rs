//! The [`Scorer`] contract as tests that run against any implementation:
//! `holds::<S>()` checks every clause of it on generated words and tokens,
//! and panics with the first counterexample.

use proptest::collection::vec;
use proptest::strategy::{Just, Strategy};
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use super::{Scorer, is_compact};
use crate::search::query::{QueryWord, is_subsequence};
use crate::search::shapes::{SHAPE_LENGTH_AT, Shapes};

/// Query words: ASCII letters and a digit, and letters beyond ASCII.
const WORDS: &str = "[abé1ł]{1,4}";

/// Folded tokens: the words' characters and others, ASCII digits, and
/// beyond ASCII a small letter, a letter without case and a digit of
/// another script.
const TOKENS: &str = "[abcé1ł2xж中٣]{0,16}";

/// Tokens as [`TOKENS`], and with an ASCII capital and a separator, which
/// folded tokens never have: the search scores such tokens on their own.
const ANY_TOKENS: &str = "[abcé1ł2xж中٣A-]{0,16}";

/// Runs `test` on 256 cases of `strategy`; panics with the smallest failing one.
fn run<T: std::fmt::Debug>(
    strategy: impl Strategy<Value = T>,
    test: impl Fn(T) -> Result<(), TestCaseError>,
) {
    let config = Config {
        cases: 256,
        failure_persistence: None,
        ..Config::default()
    };
    if let Err(failure) = TestRunner::new(config).run(&strategy, test) {
        panic!("{failure}");
    }
}

/// Every clause of the [`Scorer`] contract, for `S`.
pub(in crate::search) fn holds<S: Scorer>() {
    matches_are_the_words_characters_in_order::<S>();
    close_matches_score_above_zero::<S>();
    if S::HISTORY_FREE {
        results_depend_on_the_word_and_token_alone::<S>();
    }
    tokens_of_one_shape_score_alike::<S>();
    words_of_one_pattern_score_alike::<S>();
}

/// Clause 1: one position per character of the word, ascending, each at a
/// character of the token equal to the word's there.
fn matches_are_the_words_characters_in_order<S: Scorer>() {
    run((WORDS, vec(TOKENS, 32)), |(word, tokens)| {
        let mut scorer = S::new();
        let letters: Vec<char> = word.chars().collect();
        for token in tokens {
            let Some((_, positions)) = scorer.score(&token, &word) else {
                continue;
            };
            let chars: Vec<char> = token.chars().collect();
            proptest::prop_assert_eq!(positions.len(), letters.len(), "{} in {}", word, token);
            proptest::prop_assert!(positions.windows(2).all(|w| w[0] < w[1]));
            for (&at, &letter) in positions.iter().zip(&letters) {
                proptest::prop_assert_eq!(chars.get(at), Some(&letter), "{} in {}", word, token);
            }
            proptest::prop_assert!(is_subsequence(&word, &token));
        }
        Ok(())
    });
}

/// Clause 2: a close match scores from 1 to `i32::MAX`.
fn close_matches_score_above_zero<S: Scorer>() {
    run(
        ("[abé1ł]{1,12}", vec("[abcé1ł2xж中٣]{0,40}", 32)),
        |(word, tokens)| {
            let mut scorer = S::new();
            let word = QueryWord::new(&word);
            for token in tokens {
                if let Some((score, positions)) = scorer.score(&token, &word.text)
                    && is_compact(&positions, word.chars)
                {
                    proptest::prop_assert!(
                        (1..=i64::from(i32::MAX)).contains(&score),
                        "{} in {} scores {}",
                        word.text,
                        token,
                        score
                    );
                }
            }
            Ok(())
        },
    );
}

/// Clause 3: one scorer used for many words and tokens gives what a fresh
/// one gives each.
fn results_depend_on_the_word_and_token_alone<S: Scorer>() {
    run((vec(WORDS, 4), vec(TOKENS, 16)), |(words, tokens)| {
        let mut used = S::new();
        for word in &words {
            for token in &tokens {
                proptest::prop_assert_eq!(
                    used.score(token, word),
                    S::new().score(token, word),
                    "{} in {}",
                    word,
                    token
                );
            }
        }
        Ok(())
    });
}

/// A token of a shape rebuilt from the shape alone: an ASCII letter none of
/// the word's for every character that is none of the word's, a digit none
/// of the word's for every digit.
fn rebuilt<S: Scorer>(key: u128, shapes: &Shapes<S>) -> String {
    let other = ('a'..='z').find(|c| !shapes.chars.contains(c)).unwrap();
    let digit = ('0'..='9').find(|d| !shapes.chars.contains(d)).unwrap();
    let length = usize::try_from((key >> SHAPE_LENGTH_AT) & 63).unwrap();
    (0..length)
        .map(|at| match (key >> (3 * at)) & 7 {
            0 => other,
            1 => digit,
            class => shapes.chars[usize::try_from(class).unwrap() - 2],
        })
        .collect()
}

/// Clause 4: every token with a shape scores as the token rebuilt from its
/// shape alone, cut after the last character that counts.
fn tokens_of_one_shape_score_alike<S: Scorer>() {
    run((WORDS, vec(ANY_TOKENS, 64)), |(word, tokens)| {
        let mut scorer = S::new();
        let shapes = Shapes::<S>::for_scorer(&QueryWord::new(&word)).unwrap();
        for token in tokens {
            if let Some(key) = shapes.key(&token) {
                let alike = rebuilt(key, &shapes);
                proptest::prop_assert_eq!(
                    scorer.score(&token, &word),
                    scorer.score(&alike, &word),
                    "{} in {} and {}",
                    word,
                    token,
                    alike
                );
            }
        }
        Ok(())
    });
}

/// Clause 5: renaming ASCII small letters one for one, in the word and the
/// token alike, changes no result when the shape's key stays the same.
fn words_of_one_pattern_score_alike<S: Scorer>() {
    let renamed = Just(('a'..='z').collect::<Vec<char>>()).prop_shuffle();
    run(
        ("[abc]{1,4}", vec("[abcdx12éж中٣]{0,16}", 64), renamed),
        |(word, tokens, renamed)| {
            let rename = |text: &str| -> String {
                text.chars()
                    .map(|c| match c {
                        'a'..='z' => renamed[(c as u8 - b'a') as usize],
                        _ => c,
                    })
                    .collect()
            };
            let mut scorer = S::new();
            let other = rename(&word);
            let shapes = Shapes::<S>::for_scorer(&QueryWord::new(&word)).unwrap();
            let shapes_renamed = Shapes::<S>::for_scorer(&QueryWord::new(&other)).unwrap();
            for token in tokens {
                let token_renamed = rename(&token);
                let key = shapes.key(&token);
                proptest::prop_assert_eq!(key, shapes_renamed.key(&token_renamed));
                if key.is_some() {
                    proptest::prop_assert_eq!(
                        scorer.score(&token, &word),
                        scorer.score(&token_renamed, &other),
                        "{} in {} and {} in {}",
                        word,
                        token,
                        other,
                        token_renamed
                    );
                }
            }
            Ok(())
        },
    );
}
