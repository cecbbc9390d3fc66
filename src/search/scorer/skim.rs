//! The default scorer: `fuzzy-matcher`'s skim scorer (V2), as the design
//! names it.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::Scorer;

/// `fuzzy-matcher`'s skim scorer, folding ASCII case (texts and query are
/// folded already). It classes characters by ASCII alone (digits, capitals,
/// separators, everything else), so every character beyond ASCII counts
/// alike.
///
/// It keeps clauses 1, 2, 4 and 5 of the [`Scorer`] contract, but not
/// clause 3: `fuzzy-matcher` 0.3.7 reuses its score table from one call to
/// the next and only grows it, never clears it, and a stale cell can change
/// a later result. `łł` in `ł中łłé中` scores 43 at `[0, 2]` on a fresh scorer,
/// and 47 at `[2, 3]` on one that has scored other words and tokens
/// before (found by the contract test of clause 3). It takes repeated letters on both sides, and the search's tests
/// against a plain rescan have not met it on the generated catalogues.
/// `SkimMatcherV2::use_cache(false)` would cure it, at the cost of three
/// allocations a call: a change of results and of speed, left for a change
/// of its own.
pub struct Skim(SkimMatcherV2);

impl Scorer for Skim {
    const HISTORY_FREE: bool = false;
    const CLASSES_BEYOND_ASCII: bool = false;

    fn new() -> Self {
        Self(SkimMatcherV2::default().ignore_case())
    }

    fn score(&mut self, token: &str, word: &str) -> Option<(i64, Vec<usize>)> {
        self.0.fuzzy_indices(token, word)
    }
}
