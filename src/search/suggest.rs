//! What to say when a query finds nothing: a word that names a country is
//! read as a target market ("export germany": services for exporting, to any
//! market or to Germany), and a word no catalogue word begins with gets the
//! catalogue's nearest word ("exprot": did you mean "export"?).
//!
//! Both run only when a search has found nothing, and each looks at every
//! word of the vocabulary once: a scan of the vocabulary, never a comparison
//! of every service with every other.

use super::SearchIndex;
use super::query::{MAX_QUERY_WORD, MAX_QUERY_WORDS};
use crate::catalogue::{Area, Service};
use crate::search::fold::fold_str;

/// A query with the words that name countries taken out as target markets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The rest of the query, searched as words.
    pub query: String,
    /// The countries named, ISO 3166-1 alpha-2, in the order typed.
    pub markets: Vec<String>,
}

impl Reading {
    /// Whether a service can serve a firm selling to these markets: it names
    /// none (any market) or one of them.
    #[must_use]
    pub fn admits(&self, service: &Service) -> bool {
        self.markets.is_empty()
            || service.markets.is_empty()
            || service.markets.iter().any(|m| {
                self.markets
                    .iter()
                    .any(|c| Area::Country(c.clone()).overlaps(m))
            })
    }
}

impl SearchIndex {
    /// Reads the words of `query` that name a country ("germany", "Niemcy";
    /// not a two-letter code, which is too often a word) as target markets;
    /// the other words stay the query. Meant for a query that found nothing:
    /// services describe what they do, not the markets a firm aims at.
    #[must_use]
    pub fn read_markets(&self, query: &str) -> Reading {
        let mut words = Vec::new();
        let mut markets = Vec::new();
        for word in query.split_whitespace().take(MAX_QUERY_WORDS) {
            let country = (word.chars().count() > 3)
                .then(|| crate::assessment::typed::country(word))
                .flatten();
            match country {
                Some(code) => {
                    if !markets.contains(&code) {
                        markets.push(code);
                    }
                }
                None => words.push(word),
            }
        }
        Reading {
            query: words.join(" "),
            markets,
        }
    }

    /// For each word of `query` that no word of the catalogue begins with,
    /// the catalogue's nearest word, if one is near enough to be a typing
    /// slip (an edit distance of 1 for words of up to 5 letters, 2 beyond).
    #[must_use]
    pub fn did_you_mean(&self, query: &str) -> Vec<(String, Option<String>)> {
        let mut out = Vec::new();
        for word in query.split_whitespace().take(MAX_QUERY_WORDS) {
            let folded: String = fold_str(word)
                .chars()
                .filter(|c| c.is_alphanumeric())
                .take(MAX_QUERY_WORD)
                .collect();
            if folded.is_empty()
                || (0..self.vocabulary.len()).any(|v| self.vocabulary.word(v).starts_with(&folded))
            {
                continue;
            }
            out.push((word.to_owned(), self.nearest_word(&folded)));
        }
        out
    }

    /// The vocabulary's word nearest to `folded`, within a typing slip.
    fn nearest_word(&self, folded: &str) -> Option<String> {
        let length = folded.chars().count();
        let most = if length <= 5 { 1 } else { 2 };
        let mut best: Option<(usize, &str)> = None;
        for v in 0..self.vocabulary.len() {
            let candidate = self.vocabulary.word(v);
            let other = self.vocabulary.chars[v] as usize;
            if other.abs_diff(length) > most || candidate == folded {
                continue;
            }
            let distance = strsim::damerau_levenshtein(folded, candidate);
            if distance <= most && best.is_none_or(|(d, w)| (distance, candidate) < (d, w)) {
                best = Some((distance, candidate));
            }
        }
        best.map(|(_, word)| word.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use crate::catalogue::{Source, load};
    use crate::search::SearchIndex;

    fn shipped() -> (crate::catalogue::Catalogue, SearchIndex) {
        let (catalogue, _) = load(&Source::Embedded).expect("the shipped catalogue loads");
        let index = SearchIndex::new(&catalogue);
        (catalogue, index)
    }

    #[test]
    fn a_country_named_is_read_as_a_market() {
        let (catalogue, index) = shipped();
        let reading = index.read_markets("export germany");
        assert_eq!(reading.query, "export");
        assert_eq!(reading.markets, ["DE"]);
        // In another language too, and a service for any market still fits.
        let reading = index.read_markets("Niemcy eksport");
        assert_eq!(reading.markets, ["DE"]);
        let any_market = catalogue
            .services()
            .iter()
            .find(|s| s.markets.is_empty())
            .expect("a service for any market");
        assert!(reading.admits(any_market));
    }

    #[test]
    fn short_words_and_codes_stay_words() {
        let (_, index) = shipped();
        let reading = index.read_markets("EU fair de");
        assert!(reading.markets.is_empty(), "{reading:?}");
        assert_eq!(reading.query, "EU fair de");
    }

    #[test]
    fn a_typing_slip_gets_the_nearest_word() {
        let (_, index) = shipped();
        let hints = index.did_you_mean("exprot insurnace fair");
        assert_eq!(
            hints,
            [
                ("exprot".to_owned(), Some("export".to_owned())),
                ("insurnace".to_owned(), Some("insurance".to_owned())),
            ]
        );
        assert_eq!(index.did_you_mean("zzqxv"), [("zzqxv".to_owned(), None)]);
    }
}
