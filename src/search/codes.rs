//! Score codes: what a query word scores against one vocabulary word, as one
//! `i32` — no match, below every typing-error match, below every exact
//! score — so that one maximum over a text's tokens finds its best match of
//! either kind.

use super::typo::MOST_TYPOS;

/// Marks a token the query word matches neither exactly nor within the
/// typing errors it allows.
pub(super) const NO_MATCH: i32 = i32::MIN;

/// A token the query word matches only within typing errors: just above
/// [`NO_MATCH`], fewer errors higher, and every exact score above them all —
/// so that the maximum over a text's tokens is its best match of either kind.
pub(super) fn typo_code(distance: usize) -> i32 {
    NO_MATCH + 1 + i32::try_from(usize::from(MOST_TYPOS).saturating_sub(distance)).unwrap_or(0)
}

/// The highest code of a typing-error match ([`typo_code`] of 0).
pub(super) const TYPO_TOP: i32 = NO_MATCH + 1 + MOST_TYPOS as i32;

/// A score as a code: above every typing-error code. Scores of
/// close-together letters are positive (the [`Scorer`](super::Scorer)
/// contract), far from the bottom of an `i32`.
pub(super) fn exact_code(score: i64) -> i32 {
    i32::try_from(score.clamp(i64::from(TYPO_TOP) + 1, i64::from(i32::MAX))).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_rank_no_match_below_typing_errors_below_exact_matches() {
        use super::{MOST_TYPOS, NO_MATCH, TYPO_TOP, exact_code, typo_code};
        let typos: Vec<i32> = (0..=usize::from(MOST_TYPOS)).map(typo_code).collect();
        assert_eq!(typos[0], TYPO_TOP);
        // Fewer errors rank higher, and every one above no match at all.
        assert!(typos.windows(2).all(|w| w[0] > w[1]));
        assert!(typos.iter().all(|&t| t > NO_MATCH));
        // Even a score of zero or below (skim never gives one for letters
        // close together) stays above every typing error.
        for score in [i64::MIN, -5, 0, 1, 16, i64::MAX] {
            assert!(exact_code(score) > TYPO_TOP, "{score}");
        }
        assert_eq!(exact_code(250), 250);
    }
}
