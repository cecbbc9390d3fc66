//! The rules of the search applied directly to a service's own texts: where
//! each query word matches, for the highlights of the hits shown, and the
//! scores the index is tested against.

use super::fold::{Folded, fold};
use super::query::{QueryWord, letter_mask, query_words};
use super::scorer::{Active, Scorer, exact_match};
use super::typo::typo_distance;
use super::{Field, FieldMatch};
use crate::catalogue::{Catalogue, Service};

/// A word of a folded text, or the initials of a name's words: its text, and
/// for each of its characters the character of the folded text it stands for.
pub(super) struct Token {
    pub(super) text: String,
    pub(super) at: Vec<usize>,
}

/// The tokens of one folded text: its words (runs of letters and digits), and
/// for names of two words or more, their initials — so that `parp` finds
/// `Polska Agencja Rozwoju Przedsiębiorczości`.
pub(super) fn tokens(field: Field, folded: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::new();
    let mut current: Option<Token> = None;
    for (i, c) in folded.chars().enumerate() {
        if c.is_alphanumeric() {
            let token = current.get_or_insert_with(|| Token {
                text: String::new(),
                at: Vec::new(),
            });
            token.text.push(c);
            token.at.push(i);
        } else if let Some(token) = current.take() {
            tokens.push(token);
        }
    }
    tokens.extend(current);
    if matches!(field, Field::Name | Field::Provider) && tokens.len() >= 2 {
        let initials = Token {
            text: tokens
                .iter()
                .filter_map(|t| t.text.chars().next())
                .collect(),
            at: tokens.iter().map(|t| t.at[0]).collect(),
        };
        tokens.push(initials);
    }
    tokens
}

/// The texts of a service that search looks at, in order of weight.
pub(super) fn texts_of<'c>(
    catalogue: &'c Catalogue,
    service: &'c Service,
) -> Vec<(Field, usize, &'c str)> {
    let mut texts = vec![
        (Field::Name, 0, service.name.as_str()),
        (
            Field::Provider,
            0,
            catalogue.provider_of(service).name.as_str(),
        ),
    ];
    texts.extend(
        service
            .keywords
            .iter()
            .enumerate()
            .map(|(i, k)| (Field::Keyword, i, k.as_str())),
    );
    texts.extend(
        service
            .summaries()
            .enumerate()
            .map(|(i, (_, summary))| (Field::Summary, i, summary)),
    );
    texts
}

/// A query word's best exact match among a text's tokens (the first of
/// equally good ones): its score, and the folded characters matched.
pub(super) fn exact_in<S: Scorer>(
    scorer: &mut S,
    tokens: &[Token],
    word: &QueryWord,
) -> Option<(i64, Vec<usize>)> {
    let mut best: Option<(i64, Vec<usize>)> = None;
    for token in tokens {
        if let Some((score, positions)) = exact_match(scorer, &token.text, word)
            && best.as_ref().is_none_or(|(b, _)| score > *b)
        {
            best = Some((score, positions.iter().map(|&p| token.at[p]).collect()));
        }
    }
    best
}

/// The token of a text closest to a query word within the typing errors it
/// allows (the earliest of equally close ones): the distance, and the folded
/// characters of the token.
pub(super) fn typo_in(tokens: &[Token], word: &QueryWord) -> Option<(usize, Vec<usize>)> {
    tokens
        .iter()
        .filter_map(|token| {
            let chars = token.text.chars().count();
            let distance = typo_distance(word, &token.text, chars, letter_mask(&token.text))?;
            Some((distance, token))
        })
        .min_by_key(|(distance, token)| (*distance, token.at[0]))
        .map(|(distance, token)| (distance, token.at.clone()))
}

/// A service's score for a query, and where each word matched, by the rules
/// of the module header applied directly to its texts. The index computes
/// the same scores far faster; this gives the highlights of the hits a
/// search returns, and is what the index is tested against.
pub(super) fn score_service<S: Scorer>(
    scorer: &mut S,
    catalogue: &Catalogue,
    service: &Service,
    words: &[QueryWord],
) -> Option<(i64, Vec<FieldMatch>)> {
    let texts: Vec<(Field, usize, Folded, Vec<Token>)> = texts_of(catalogue, service)
        .into_iter()
        .map(|(field, item, text)| {
            let folded = fold(text);
            let tokens = tokens(field, &folded.text);
            (field, item, folded, tokens)
        })
        .collect();
    let mut total = 0;
    let mut matches: Vec<FieldMatch> = Vec::new();
    for word in words {
        // The best weighted score, the text it is in, and the folded positions.
        let mut best: Option<(i64, usize, Vec<usize>)> = None;
        for (t, (field, _, _, tokens)) in texts.iter().enumerate() {
            if let Some((score, positions)) = exact_in(scorer, tokens, word) {
                let weighted = score * field.weight();
                if best.as_ref().is_none_or(|(b, _, _)| weighted > *b) {
                    best = Some((weighted, t, positions));
                }
            }
        }
        // Only when no text has the word do typing errors get a chance.
        if best.is_none() {
            for (t, (field, _, _, tokens)) in texts.iter().enumerate() {
                if let Some((distance, positions)) = typo_in(tokens, word) {
                    let weighted = word.typo_score(distance) * field.weight();
                    if best.as_ref().is_none_or(|(b, _, _)| weighted > *b) {
                        best = Some((weighted, t, positions));
                    }
                }
            }
        }
        let (score, t, positions) = best?;
        total += score;
        let (field, item, folded, _) = &texts[t];
        let positions = folded.original_indices(&positions);
        match matches
            .iter_mut()
            .find(|m| m.field == *field && m.item == *item)
        {
            Some(existing) => {
                existing.positions.extend(positions);
                existing.positions.sort_unstable();
                existing.positions.dedup();
            }
            None => matches.push(FieldMatch {
                field: *field,
                item: *item,
                positions,
            }),
        }
    }
    matches.sort_by_key(|m| (m.field, m.item));
    Some((total, matches))
}

/// Where the words of a query match in one text of a field, as character
/// indices of the text: each word's best match there, whether or not another
/// field matched it better. For highlighting a list of hits by name, cheaply.
#[must_use]
pub fn highlight_in(field: Field, text: &str, query: &str) -> Vec<usize> {
    let mut scorer = Active::new();
    let folded = fold(text);
    let tokens = tokens(field, &folded.text);
    let positions: Vec<usize> = query_words(query)
        .iter()
        .filter_map(|word| {
            exact_in(&mut scorer, &tokens, word)
                .map(|(_, positions)| positions)
                .or_else(|| typo_in(&tokens, word).map(|(_, positions)| positions))
        })
        .flatten()
        .collect();
    folded.original_indices(&positions)
}
