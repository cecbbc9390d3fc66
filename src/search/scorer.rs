//! The scorer: how well a query word matches one token, and where — behind
//! [`Scorer`], a trait of ours, so that the search does not depend on which
//! matcher it drives.
//!
//! The search calls the scorer far less often than it has tokens: it rules
//! tokens out with cheap tests first (a mask of letters, letters in order),
//! scores a short word once per shape of token (`shapes`), and keeps what a
//! shape scored for the next word of the same pattern. Each of those is sound
//! only as far as the scorer keeps the contract written on [`Scorer`];
//! `contract::holds` tests it of any implementation.
//!
//! The scorer the search uses is [`Active`]: changing it is a change of that
//! one line.

#[cfg(test)]
pub(super) mod contract;
#[cfg(feature = "nucleo")]
mod nucleo;
mod skim;

#[cfg(feature = "nucleo")]
pub use nucleo::Nucleo;
pub use skim::Skim;

use super::query::{QueryWord, is_subsequence};

/// The scorer the search uses.
pub type Active = Skim;

/// Scores a query word against one token: how well the word's characters
/// match there, in order, and which of the token's characters they match.
///
/// Words and tokens reach the scorer folded ([`super::fold`]): lower case,
/// no accents, cut at everything that is not a letter or a digit. For such
/// words and tokens an implementation must keep this contract, which the
/// search relies on to call it far less often than it has tokens:
///
/// 1. **Matches are the word's characters, in order.** A match gives one
///    position per character of the word, strictly ascending, each the index
///    (in characters) of a character of the token equal to the word's
///    character there. So a word that is not a subsequence of a token never
///    matches it, and the search rules such tokens out without a call (by
///    a mask of letters and an in-order test); and a word that extends
///    another matches only tokens the shorter one is a subsequence of.
/// 2. **Close matches score above zero**, and within an `i32`: a match whose
///    characters lie close together (as the search keeps them) scores from
///    1 to `i32::MAX`. The search packs scores into an `i32` code above every
///    typing-error code, and stops looking at lighter fields once a heavier
///    one scores as much as the best score there is times their weight.
/// 3. **A pure function of the word and the token.** The search makes one
///    scorer per thread and shares what each scored with the others and with
///    later keystrokes: no result may depend on the instance or on what it
///    scored before. A scorer known to break this says so with
///    [`Self::HISTORY_FREE`] (see [`Skim`]); nothing in the search can make
///    up for it, so its results may then, rarely, depend on the order in
///    which tokens happened to be scored.
/// 4. **Tokens of one shape score alike** (score and positions), for words of
///    up to four characters. A token's shape, for a word, is the class of
///    each of its characters up to and including the last one equal to the
///    word's last character: which of the word's characters it is, else
///    whether it is an ASCII digit, else nothing. The scorer may look at a
///    character's class for bonuses (after a digit, at a boundary), but what
///    follows that last character must not matter, and two characters of the
///    same class must count alike. Tokens with ASCII capitals or separators
///    (which folded tokens never have) are exempt: the search scores them on
///    their own.
/// 5. **Words of one pattern score alike.** For words of ASCII small letters
///    only, renaming letters (in the word and the token alike, one for one)
///    changes nothing when it changes no token's shape: the scorer tells
///    small ASCII letters apart only by whether they are equal. The search
///    keeps a shape's score from one word to the next word of its pattern
///    (`in` and `et`, `ss` and `ee`).
///
/// Clause 4 asks the scorer to class every character beyond ASCII that is
/// none of the word's alike. A scorer that tells them apart (by Unicode
/// category, say) says so with [`Self::CLASSES_BEYOND_ASCII`]: the search
/// then scores a token with such a character on its own rather than by its
/// shape, and clause 4 holds of the rest.
pub trait Scorer: Sized {
    /// Whether every result depends on the word and the token alone, never
    /// on what the same scorer scored before (clause 3). The contract tests
    /// check clause 3 only of a scorer that claims it.
    const HISTORY_FREE: bool;

    /// Whether the scorer tells apart characters beyond ASCII that are none
    /// of the word's (a digit from a letter, say, or a letter with case
    /// from one without): if so, tokens holding one are scored on their own.
    const CLASSES_BEYOND_ASCII: bool;

    /// A scorer ready to use; the search makes one per thread.
    fn new() -> Self;

    /// `word`'s score in `token`, and the token's characters it matched (as
    /// character indices, one per character of `word`, ascending); `None`
    /// if it does not match there.
    fn score(&mut self, token: &str, word: &str) -> Option<(i64, Vec<usize>)>;
}

/// Whether matched letters lie close together: within half the word's length
/// again (at least two letters) of the tightest span. Without this, the
/// letters of a short query can be found scattered through any long word.
pub(super) fn is_compact(positions: &[usize], len: usize) -> bool {
    match (positions.first(), positions.last()) {
        (Some(first), Some(last)) => last - first < len + (len / 2).max(2),
        _ => true,
    }
}

/// The score of a query word in one token, when it matches there: as a
/// subsequence whose letters lie close together.
pub(super) fn exact_match<S: Scorer>(
    scorer: &mut S,
    token: &str,
    word: &QueryWord,
) -> Option<(i64, Vec<usize>)> {
    // The scorer allocates and fills a table: first the in-order test, which
    // rules out most tokens for nothing.
    if !is_subsequence(&word.text, token) {
        return None;
    }
    compact_match(scorer, token, word)
}

/// [`exact_match`] of a token known to hold the word's letters in order.
pub(super) fn compact_match<S: Scorer>(
    scorer: &mut S,
    token: &str,
    word: &QueryWord,
) -> Option<(i64, Vec<usize>)> {
    scorer
        .score(token, &word.text)
        .filter(|(_, positions)| is_compact(positions, word.chars))
}

#[cfg(test)]
mod tests {
    use super::contract;

    #[test]
    fn the_skim_scorer_keeps_the_contract() {
        contract::holds::<super::Skim>();
    }

    #[cfg(feature = "nucleo")]
    #[test]
    fn the_nucleo_scorer_keeps_the_contract() {
        contract::holds::<super::Nucleo>();
    }
}
