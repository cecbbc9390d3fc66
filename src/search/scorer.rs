//! The scorer: how well a query word matches one token, and where.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::query::{QueryWord, is_subsequence};

/// The scorer, folding ASCII case (texts and query are folded already).
pub(super) fn skim() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
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

/// The skim score of a query word in one token, when it matches there:
/// as a subsequence whose letters lie close together.
pub(super) fn exact_match(
    skim: &SkimMatcherV2,
    token: &str,
    word: &QueryWord,
) -> Option<(i64, Vec<usize>)> {
    // The scorer allocates and fills a table: first the in-order test, which
    // rules out most tokens for nothing.
    if !is_subsequence(&word.text, token) {
        return None;
    }
    compact_match(skim, token, word)
}

/// [`exact_match`] of a token known to hold the word's letters in order.
pub(super) fn compact_match(
    skim: &SkimMatcherV2,
    token: &str,
    word: &QueryWord,
) -> Option<(i64, Vec<usize>)> {
    skim.fuzzy_indices(token, &word.text)
        .filter(|(_, positions)| is_compact(positions, word.chars))
}
