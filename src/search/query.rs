//! A query cut into words, and the cheap tests that rule a token out before
//! the scorer sees it: a mask of the letters each word holds, and whether a
//! word's letters appear in a token in order.

use super::fold::fold_str;
use super::typo::MOST_TYPOS;

/// A folded query word, with the typing errors it allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct QueryWord {
    pub(super) text: String,
    pub(super) chars: usize,
    pub(super) letters: u64,
    /// Typing errors allowed for this word (0: no typo matching).
    pub(super) allowed: usize,
}

impl QueryWord {
    /// One typing error is allowed in a word of four to seven letters, two
    /// from eight letters on; shorter words must match as typed.
    pub(super) fn new(text: &str) -> Self {
        let chars = text.chars().count();
        Self {
            text: text.to_owned(),
            chars,
            letters: letter_mask(text),
            allowed: match chars {
                0..=3 => 0,
                4..=7 => 1,
                _ => usize::from(MOST_TYPOS),
            },
        }
    }

    /// The score of a match within `distance` typing errors, below an exact
    /// match of the same word.
    pub(super) fn typo_score(&self, distance: usize) -> i64 {
        i64::try_from(self.chars * 16 / (2 + distance)).unwrap_or(i64::MAX)
    }
}

/// The words of a query: folded, and split wherever texts are split into
/// words, so that `e-commerce` looks for `e` and `commerce`.
pub(super) fn query_words(query: &str) -> Vec<QueryWord> {
    fold_str(query)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(MAX_QUERY_WORDS)
        .map(|w| match w.char_indices().nth(MAX_QUERY_WORD) {
            Some((end, _)) => &w[..end],
            None => w,
        })
        .map(QueryWord::new)
        .collect()
}

/// The most words of a query that count, and the most characters of each:
/// scoring a word against a text takes time and memory in proportion to
/// the word's length times the text's, so a pasted page cannot make one
/// keystroke cost without bound. Real query words are far shorter (the
/// longest words of the shipped catalogue have under 40 letters), and
/// every word must match, so the first 16 narrow as much as any more.
pub(super) const MAX_QUERY_WORDS: usize = 16;
pub(super) const MAX_QUERY_WORD: usize = 64;

/// One bit per ASCII letter and digit, and one for every other character.
/// A word whose mask has a bit the text's lacks cannot be a subsequence of
/// it — a test of one instruction before the character-by-character one.
pub(super) fn letter_mask(text: &str) -> u64 {
    text.chars().fold(0, |mask, c| {
        mask | match c {
            'a'..='z' => 1 << (c as u32 - 'a' as u32),
            '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
            _ => 1 << 63,
        }
    })
}

/// Whether `word`'s characters appear in `text` in order.
pub(super) fn is_subsequence(word: &str, text: &str) -> bool {
    // An ASCII byte in UTF-8 is always a whole character: an ASCII word's
    // characters are in order in the text exactly when its bytes are, and
    // bytes need no decoding.
    if word.is_ascii() {
        in_order(word.bytes(), text.bytes())
    } else {
        in_order(word.chars(), text.chars())
    }
}

/// Whether every item `wanted` gives appears in `items`, in order.
pub(super) fn in_order<T: PartialEq>(
    mut wanted: impl Iterator<Item = T>,
    items: impl Iterator<Item = T>,
) -> bool {
    let Some(mut next) = wanted.next() else {
        return true;
    };
    for item in items {
        if item == next {
            match wanted.next() {
                Some(after) => next = after,
                None => return true,
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    /// Letters in order, byte by byte for an ASCII word and character by
    /// character otherwise, as a plain walk through the characters finds.
    #[test]
    fn letters_in_order_are_found_as_characters_are() {
        fn plain(word: &str, text: &str) -> bool {
            let mut text = text.chars();
            word.chars().all(|w| text.any(|t| t == w))
        }
        let texts = [
            "",
            "export",
            "eksportø",
            "łańcuch",
            "ünd",
            "żółw",
            "aé",
            "xxa",
        ];
        let words = [
            "", "e", "ex", "exp", "eø", "ł", "ńc", "u", "ü", "zol", "żw", "a", "aa", "é",
        ];
        for text in texts {
            for word in words {
                assert_eq!(
                    super::is_subsequence(word, text),
                    plain(word, text),
                    "{word} in {text}"
                );
            }
        }
    }
}

#[cfg(test)]
mod bounds {
    use super::*;

    #[test]
    fn a_query_counts_at_most_sixteen_words_of_sixty_four_characters() {
        let long = "ą".repeat(500);
        let query = format!("{long} {}", "word ".repeat(40));
        let words = query_words(&query);
        assert_eq!(words.len(), MAX_QUERY_WORDS);
        assert_eq!(words[0].text.chars().count(), MAX_QUERY_WORD);
        assert_eq!(words[0].text, "a".repeat(MAX_QUERY_WORD));
        assert_eq!(words[1].text, "word");
    }
}
