//! Folding text for matching: lower case, no accents, and the few letters that
//! Unicode does not decompose (ł, đ, ø, æ, ß, …) spelled in ASCII, so that
//! `lodz` finds `Łódź` and `krizevci` finds `Križevci`.
//!
//! `fuzzy-matcher` folds ASCII case only, so both the catalogue texts and the
//! query are folded before matching. Folding can change the length of a text
//! (`ß` → `ss`), so a [`Folded`] text remembers, for each of its characters,
//! which character of the original it came from; match positions found in the
//! folded text map back to the original for highlighting.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// A folded text and the origin of each of its characters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Folded {
    pub text: String,
    /// `origin[i]` is the index (in characters) in the original text of the
    /// `i`-th character of `text`.
    pub origin: Vec<usize>,
}

impl Folded {
    /// Maps character indices of the folded text to sorted, distinct
    /// character indices of the original.
    #[must_use]
    pub fn original_indices(&self, folded: &[usize]) -> Vec<usize> {
        let mut indices: Vec<usize> = folded
            .iter()
            .filter_map(|&i| self.origin.get(i).copied())
            .collect();
        indices.sort_unstable();
        indices.dedup();
        indices
    }
}

/// Letters that canonical decomposition leaves alone, with their usual ASCII spelling.
fn special(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        'ħ' | 'Ħ' => "h",
        '\u{2018}' | '\u{2019}' => "'",
        '\u{2010}'..='\u{2015}' => "-",
        _ => return None,
    })
}

/// Folds `text` for matching.
#[must_use]
pub fn fold(text: &str) -> Folded {
    let mut folded = Folded {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
    };
    fold_each(text, |c, index| {
        folded.text.push(c);
        folded.origin.push(index);
    });
    folded
}

/// Folds a text when only the folded text is needed, such as a query.
#[must_use]
pub fn fold_str(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_into(text, &mut folded);
    folded
}

/// Folds `text` onto the end of `out`, allocating nothing more: for
/// folding a whole catalogue through one buffer.
pub fn fold_into(text: &str, out: &mut String) {
    fold_each(text, |c, _| out.push(c));
}

/// Calls `push` with each folded character and the index (in characters)
/// of the original character it comes from.
fn fold_each(text: &str, mut push: impl FnMut(char, usize)) {
    for (index, c) in text.chars().enumerate() {
        if c.is_ascii() {
            push(c.to_ascii_lowercase(), index);
        } else if let Some(ascii) = special(c) {
            for a in ascii.chars() {
                push(a, index);
            }
        } else {
            decompose_canonical(c, |part| {
                if !is_combining_mark(part) {
                    for lower in part.to_lowercase() {
                        push(lower, index);
                    }
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_fold_away() {
        for (text, expected) in [
            ("Étude de marché", "etude de marche"),
            ("Koprivničko-križevačka", "koprivnicko-krizevacka"),
            ("Łódź", "lodz"),
            (
                "Hrvatska banka za obnovu i razvitak – HBOR",
                "hrvatska banka za obnovu i razvitak - hbor",
            ),
            ("Đakovo", "dakovo"),
            ("Eksportrådet", "eksportradet"),
            ("Færøerne", "faeroerne"),
            ("Straße", "strasse"),
            ("Internacionalização", "internacionalizacao"),
        ] {
            assert_eq!(fold_str(text), expected, "{text}");
        }
    }

    #[test]
    fn folded_positions_map_back_to_the_original() {
        let folded = fold("Großhandel");
        // "grosshandel": both s come from ß (index 3).
        assert_eq!(folded.text, "grosshandel");
        assert_eq!(folded.original_indices(&[3, 4, 5]), vec![3, 4]);
        let folded = fold("Łódź");
        assert_eq!(folded.original_indices(&[0, 1, 2, 3]), vec![0, 1, 2, 3]);
    }
}
