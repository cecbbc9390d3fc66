//! Typing errors: how far a query word is from a token (Damerau–Levenshtein,
//! behind two cheap bounds), and what a match within typing errors scores —
//! below an exact match of the same word.

use super::query::QueryWord;

/// The most typing errors any query word allows.
pub(super) const MOST_TYPOS: u8 = 2;

/// The typing distance from a query word to a token, when within the errors
/// the word allows.
pub(super) fn typo_distance(
    word: &QueryWord,
    token: &str,
    token_chars: usize,
    token_letters: u64,
) -> Option<usize> {
    // Damerau–Levenshtein is at least the difference in length, and each edit
    // changes at most two bits of the letter mask: both are cheap bounds.
    if word.allowed == 0
        || token_chars.abs_diff(word.chars) > word.allowed
        || (word.letters ^ token_letters).count_ones() as usize > 2 * word.allowed
    {
        return None;
    }
    let distance = strsim::damerau_levenshtein(&word.text, token);
    (distance <= word.allowed).then_some(distance)
}
