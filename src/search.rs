//! Fuzzy look-up of services: the one search function shared by `eis search`
//! and the terminal UI.
//!
//! Matching is accent- and case-insensitive in every language of the catalogue:
//! texts are folded once when the [`SearchIndex`] is built, the query when it
//! is searched ([`fold`]). Texts and query are cut into words at every
//! character that is not a letter or digit. Each word of the query must match
//! a word somewhere in a service — in its name, its provider's name, its
//! keywords or its summaries; the initials of a name count as one more word —
//! with `fuzzy-matcher`'s skim scorer, as a subsequence whose letters lie close
//! together. A query word that matches no word that way may still match one
//! within one or two typing errors (`insurence` → `insurance`). A word's score
//! is its best match's score times the field's weight (a name match counts
//! more than a summary match); a hit's score is the sum over the words. Hits
//! are ranked by score, then by name, then by id, so equal scores always come
//! out in the same order.
//!
//! The index stores each distinct word of the catalogue once (its
//! vocabulary) and each service's words as vocabulary ids, one list per field
//! weight, services in name order. A query word is scored once per distinct
//! word, and a service's score is then a look-up per word it contains; hits
//! come out in name order, and are ranked by a counting sort on the score.
//! A query word's scores are kept for the next keystrokes (the last 12
//! words, and up to 40 one-letter words for the session, since every query
//! starts with one): the words already typed restrict which services the
//! last one is scored on,
//! and a word that extends a kept one is only scored on the vocabulary words
//! containing the kept one. Built beside the index, never stored: which
//! services hold each word, so that a rare query word is scored only in the
//! services holding a word it matches, and the vocabulary by length, so that
//! typing errors are looked for only among words of about the query word's
//! length. A short query word is scored once per shape of token rather than
//! once per token (`Shapes`), and the letters can be scored ahead, while
//! nobody types ([`SearchIndex::warm`]). `docs/PERFORMANCE.md` has the
//! figures.

pub mod fold;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, RwLock};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::Serialize;

use crate::catalogue::{Area, Catalogue, Service};
use crate::vocab::{Mode, Stage, Support};
use fold::{Folded, fold, fold_into, fold_str};

/// The searchable fields of a service, in order of weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Name,
    Provider,
    Keyword,
    Summary,
}

impl Field {
    /// How much a match in this field counts relative to one in the summary.
    fn weight(self) -> i64 {
        i64::from(self.weight_u8())
    }

    /// [`Self::weight`], as the index stores it.
    const fn weight_u8(self) -> u8 {
        match self {
            Field::Name => 4,
            Field::Provider | Field::Keyword => 3,
            Field::Summary => 1,
        }
    }
}

/// Restrictions on which services a search returns. Within one filter any of
/// the listed terms may match; all filters must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub modes: Vec<Mode>,
    pub stages: Vec<Stage>,
    pub support: Vec<Support>,
    /// Services available somewhere in this area: an area includes its
    /// subdivisions, and EU-wide services count for EU members.
    pub area: Option<Area>,
    /// Closed services are left out unless this is set.
    pub include_closed: bool,
}

impl Filters {
    #[must_use]
    pub fn admits(&self, service: &Service) -> bool {
        fn any_of<T: PartialEq>(wanted: &[T], offered: &[T]) -> bool {
            wanted.is_empty() || wanted.iter().any(|w| offered.contains(w))
        }
        (self.include_closed || service.is_active())
            && any_of(&self.modes, &service.modes)
            && any_of(&self.stages, &service.stages)
            && any_of(&self.support, &service.support)
            && self
                .area
                .as_ref()
                .is_none_or(|area| service.areas.iter().any(|a| a.overlaps(area)))
    }
}

/// Where the query matched in one field, as character indices of the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldMatch {
    pub field: Field,
    /// For keywords, which keyword; otherwise 0.
    pub item: usize,
    pub positions: Vec<usize>,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit<'c> {
    pub service: &'c Service,
    pub score: i64,
    pub matches: Vec<FieldMatch>,
}

impl Hit<'_> {
    /// The highlighted positions in a field (empty if it did not match).
    #[must_use]
    pub fn positions(&self, field: Field, item: usize) -> &[usize] {
        self.matches
            .iter()
            .find(|m| m.field == field && m.item == item)
            .map_or(&[], |m| &m.positions)
    }
}

/// One service in a ranking: its place in the catalogue and its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ranked {
    /// Index into [`Catalogue::services`].
    pub service: usize,
    pub score: i64,
}

/// A folded query word, with the typing errors it allows.
#[derive(Debug, Clone, PartialEq, Eq)]
struct QueryWord {
    text: String,
    chars: usize,
    letters: u64,
    /// Typing errors allowed for this word (0: no typo matching).
    allowed: usize,
}

impl QueryWord {
    /// One typing error is allowed in a word of four to seven letters, two
    /// from eight letters on; shorter words must match as typed.
    fn new(text: &str) -> Self {
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
    fn typo_score(&self, distance: usize) -> i64 {
        i64::try_from(self.chars * 16 / (2 + distance)).unwrap_or(i64::MAX)
    }
}

/// The words of a query: folded, and split wherever texts are split into
/// words, so that `e-commerce` looks for `e` and `commerce`.
fn query_words(query: &str) -> Vec<QueryWord> {
    fold_str(query)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(QueryWord::new)
        .collect()
}

/// A word of a folded text, or the initials of a name's words: its text, and
/// for each of its characters the character of the folded text it stands for.
struct Token {
    text: String,
    at: Vec<usize>,
}

/// The tokens of one folded text: its words (runs of letters and digits), and
/// for names of two words or more, their initials — so that `parp` finds
/// `Polska Agencja Rozwoju Przedsiębiorczości`.
fn tokens(field: Field, folded: &str) -> Vec<Token> {
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

/// One bit per ASCII letter and digit, and one for every other character.
/// A word whose mask has a bit the text's lacks cannot be a subsequence of
/// it — a test of one instruction before the character-by-character one.
fn letter_mask(text: &str) -> u64 {
    text.chars().fold(0, |mask, c| {
        mask | match c {
            'a'..='z' => 1 << (c as u32 - 'a' as u32),
            '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
            _ => 1 << 63,
        }
    })
}

/// Whether `word`'s characters appear in `text` in order.
fn is_subsequence(word: &str, text: &str) -> bool {
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
fn in_order<T: PartialEq>(
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

/// The scorer, folding ASCII case (texts and query are folded already).
fn skim() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

/// Whether matched letters lie close together: within half the word's length
/// again (at least two letters) of the tightest span. Without this, the
/// letters of a short query can be found scattered through any long word.
fn is_compact(positions: &[usize], len: usize) -> bool {
    match (positions.first(), positions.last()) {
        (Some(first), Some(last)) => last - first < len + (len / 2).max(2),
        _ => true,
    }
}

/// The skim score of a query word in one token, when it matches there:
/// as a subsequence whose letters lie close together.
fn exact_match(skim: &SkimMatcherV2, token: &str, word: &QueryWord) -> Option<(i64, Vec<usize>)> {
    // The scorer allocates and fills a table: first the in-order test, which
    // rules out most tokens for nothing.
    if !is_subsequence(&word.text, token) {
        return None;
    }
    compact_match(skim, token, word)
}

/// [`exact_match`] of a token known to hold the word's letters in order.
fn compact_match(skim: &SkimMatcherV2, token: &str, word: &QueryWord) -> Option<(i64, Vec<usize>)> {
    skim.fuzzy_indices(token, &word.text)
        .filter(|(_, positions)| is_compact(positions, word.chars))
}

/// Query words of up to this many characters share the scorer's calls
/// among tokens of one shape ([`Shapes`]): they are the ones held in order
/// by tens of thousands of vocabulary words.
const SHARED_UP_TO: usize = 4;

/// Which tokens the skim scorer must score alike for one query word. It
/// compares a token's characters with the word's (ignoring ASCII case) and
/// tells apart ASCII digits, ASCII capitals, separators and everything else
/// (for the bonus a character earns after another); its table runs left to
/// right, and its result — the best alignment, which must end on the word's
/// last character — cannot depend on what follows the token's last such
/// character. So two tokens score alike, positions and all, when they agree
/// up to there on which of the word's characters each character is, or
/// whether it is a digit, and have nothing else in that stretch (tokens are
/// folded to lower case, and cut at everything not a letter or digit, so the
/// capitals and separators never occur; a token that has them anyway is
/// scored on its own). `shapes_share_the_scorers_result` holds the scorer to
/// this.
struct Shapes {
    /// The word's distinct characters, each one's class its place here plus 2.
    chars: Vec<char>,
    last: char,
    /// For a word of ASCII small letters only, its pattern: each of its
    /// characters' classes, three bits each, above the bits of the shape.
    /// The scorer tells such letters apart only by whether they are equal,
    /// so words of one pattern — `in` and `et`, `ss` and `ee` — get the same
    /// result for tokens of the same shape, and the index keeps those
    /// results from one query word to the next ([`SearchIndex::shape_scores`]).
    /// `shapes_of_one_pattern_share_the_scorers_result` holds the scorer to
    /// this.
    pattern: Option<u128>,
}

/// A token's shape keeps three bits for each of its first this many
/// characters; a token whose word's last character comes later is scored
/// on its own.
const SHAPE_CHARS: usize = 36;

/// Where a shape keeps how many characters it covers, and where the
/// pattern of the word sits above that (six bits on).
const SHAPE_LENGTH_AT: usize = 3 * SHAPE_CHARS;
const SHAPE_PATTERN_AT: usize = SHAPE_LENGTH_AT + 6;

impl Shapes {
    /// For a word short enough to be worth it.
    fn of(word: &QueryWord) -> Option<Self> {
        let last = word.text.chars().last()?;
        // A capital would match a small letter with a penalty the shape
        // does not record; folded query words have none.
        if word.chars > SHARED_UP_TO || word.text.chars().any(|c| c.is_ascii_uppercase()) {
            return None;
        }
        let mut chars: Vec<char> = Vec::new();
        let mut pattern = 0_u128;
        for (at, c) in word.text.chars().enumerate() {
            let place = chars.iter().position(|&p| p == c).unwrap_or_else(|| {
                chars.push(c);
                chars.len() - 1
            });
            pattern |= (place as u128 + 2) << (SHAPE_PATTERN_AT + 3 * at);
        }
        let pattern = word
            .text
            .chars()
            .all(|c| c.is_ascii_lowercase())
            .then_some(pattern);
        Some(Self {
            chars,
            last,
            pattern,
        })
    }

    /// A token's shape as one number: three bits a character (0: none of the
    /// word's, nor a digit; 1: a digit; 2 and up: which of the word's) up to
    /// its last character equal to the word's last, that length above, and
    /// the word's pattern, if it has one, on top. `None` for a token scored
    /// on its own: one with an ASCII capital or separator, or longer than
    /// the number holds.
    fn key(&self, token: &str) -> Option<u128> {
        let mut key: u128 = self.pattern.unwrap_or(0);
        let mut shape = None;
        for (at, c) in token.chars().enumerate() {
            if c.is_ascii() && !c.is_ascii_lowercase() && !c.is_ascii_digit() {
                return None;
            }
            let class = match self.chars.iter().position(|p| p.eq_ignore_ascii_case(&c)) {
                Some(place) => place + 2,
                None if c.is_ascii_digit() => 1,
                None => 0,
            };
            if at == SHAPE_CHARS {
                return None;
            }
            key |= (class as u128) << (3 * at);
            if c.eq_ignore_ascii_case(&self.last) {
                shape = Some(key | ((at as u128 + 1) << SHAPE_LENGTH_AT));
            }
        }
        shape
    }
}

/// The typing distance from a query word to a token, when within the errors
/// the word allows.
fn typo_distance(
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

/// The texts of a service that search looks at, in order of weight.
fn texts_of<'c>(catalogue: &'c Catalogue, service: &'c Service) -> Vec<(Field, usize, &'c str)> {
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
/// equally good ones): its skim score, and the folded characters matched.
fn exact_in(skim: &SkimMatcherV2, tokens: &[Token], word: &QueryWord) -> Option<(i64, Vec<usize>)> {
    let mut best: Option<(i64, Vec<usize>)> = None;
    for token in tokens {
        if let Some((score, positions)) = exact_match(skim, &token.text, word)
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
fn typo_in(tokens: &[Token], word: &QueryWord) -> Option<(usize, Vec<usize>)> {
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
fn score_service(
    skim: &SkimMatcherV2,
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
            if let Some((score, positions)) = exact_in(skim, tokens, word) {
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
    let skim = skim();
    let folded = fold(text);
    let tokens = tokens(field, &folded.text);
    let positions: Vec<usize> = query_words(query)
        .iter()
        .filter_map(|word| {
            exact_in(&skim, &tokens, word)
                .map(|(_, positions)| positions)
                .or_else(|| typo_in(&tokens, word).map(|(_, positions)| positions))
        })
        .flatten()
        .collect();
    folded.original_indices(&positions)
}

/// The distinct tokens of all indexed texts, each stored once: a query word
/// is scored once per distinct token, not once per occurrence.
#[derive(Debug, Default)]
struct Vocabulary {
    /// All the words one after the other, each ending at its `ends` entry:
    /// one allocation, read in order by a scan.
    text: String,
    ends: Vec<u32>,
    chars: Vec<u32>,
    letters: Vec<u64>,
}

impl Vocabulary {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn word(&self, v: usize) -> &str {
        &self.text[span(&self.ends, v)]
    }

    fn push(&mut self, word: &str) -> u32 {
        self.text.push_str(word);
        self.ends.push(index_u32(self.text.len()));
        self.chars.push(index_u32(word.chars().count()));
        self.letters.push(letter_mask(word));
        index_u32(self.ends.len() - 1)
    }
}

/// What the filters look at, per service, as bit sets: testing them costs a
/// few instructions and touches no service.
#[derive(Debug, Clone, Copy)]
struct Facets {
    modes: u32,
    stages: u32,
    support: u32,
    active: bool,
}

/// The set of `items` as bits of their places in `all`.
fn bits<T: PartialEq>(all: &[T], items: &[T]) -> u32 {
    items
        .iter()
        .filter_map(|item| all.iter().position(|a| a == item))
        .fold(0, |set, place| set | 1 << place)
}

impl Facets {
    fn of(service: &Service) -> Self {
        Self {
            modes: bits(Mode::ALL, &service.modes),
            stages: bits(Stage::ALL, &service.stages),
            support: bits(Support::ALL, &service.support),
            active: service.is_active(),
        }
    }

    /// [`Filters::admits`], but for the area, which the caller checks.
    fn admit(self, wanted: Self, include_closed: bool) -> bool {
        (include_closed || self.active)
            && (wanted.modes == 0 || self.modes & wanted.modes != 0)
            && (wanted.stages == 0 || self.stages & wanted.stages != 0)
            && (wanted.support == 0 || self.support & wanted.support != 0)
    }
}

/// Marks a token the query word matches neither exactly nor within the
/// typing errors it allows.
const NO_MATCH: i32 = i32::MIN;

/// The most typing errors any query word allows.
const MOST_TYPOS: u8 = 2;

/// A token the query word matches only within typing errors: just above
/// [`NO_MATCH`], fewer errors higher, and every exact score above them all —
/// so that the maximum over a text's tokens is its best match of either kind.
fn typo_code(distance: usize) -> i32 {
    NO_MATCH + 1 + i32::try_from(usize::from(MOST_TYPOS).saturating_sub(distance)).unwrap_or(0)
}

/// The highest code of a typing-error match ([`typo_code`] of 0).
const TYPO_TOP: i32 = NO_MATCH + 1 + MOST_TYPOS as i32;

/// A skim score as a code: above every typing-error code. Skim scores of
/// close-together letters are positive, far from the bottom of an `i32`.
fn exact_code(score: i64) -> i32 {
    i32::try_from(score.clamp(i64::from(TYPO_TOP) + 1, i64::from(i32::MAX))).unwrap_or(i32::MAX)
}

/// What scoring one query word against the whole vocabulary gives, kept for
/// the keystrokes that follow.
#[derive(Debug)]
struct WordScores {
    word: QueryWord,
    /// Per vocabulary word, how the query word matches it: its skim score
    /// ([`exact_code`]), else its typing distance ([`typo_code`]) within the
    /// errors allowed, else [`NO_MATCH`]. One look-up per token finds both.
    codes: Vec<i32>,
    /// The vocabulary words that have the query word as a subsequence: the
    /// only ones a longer word typed after it can match exactly.
    within: Vec<u32>,
    /// The best exact score in the vocabulary (`None` if nothing matches
    /// exactly): no text can score more than this times its weight.
    ceiling: Option<i64>,
    /// Whether any vocabulary word matches within typing errors.
    any_typo: bool,
    /// The vocabulary words it matches either way: only services holding
    /// one of them can be hits.
    matched: Vec<u32>,
    /// The word's score in every service where it matches, by place in name
    /// order, once computed over the whole catalogue.
    hits: OnceLock<Vec<(u32, i64)>>,
}

/// How many query words' scores are kept for the next keystrokes: enough
/// for the prefixes of all but the longest words, which deleting goes back
/// through. At 100,000 services one takes about 1 MB, most of it a code per
/// vocabulary word.
const CACHED_WORDS: usize = 24;

/// How many one-letter query words' scores are kept besides. Every query
/// starts with one, and a letter's hits are the broadest and slowest to find
/// (most of the catalogue): they are kept for the session rather than by last
/// use. At 100,000 services one takes about 2 MB; this bounds them all.
const CACHED_LETTERS: usize = 40;

/// A query word is scored only in the services holding a word it matches
/// when they hold at most one in this many of the tokens of the services it
/// would otherwise be scored in: gathering them costs about as much per
/// token as scoring a service does, but on one core.
const HOLDERS_UP_TO: usize = 8;

/// How many shapes' scores the index keeps at most
/// ([`SearchIndex::shape_scores`]); past this they are all let go, and kept
/// again as words are typed. A shape takes about 40 bytes.
const KEPT_SHAPES: usize = 1 << 19;

/// From this many services (or vocabulary words) on, work is shared among
/// all cores, in contiguous slices.
const PARALLEL_FROM: usize = 4_000;

/// Texts of a catalogue folded and cut into tokens once, so each search only
/// folds the query and scores it against the distinct tokens.
#[derive(Debug)]
pub struct SearchIndex {
    vocabulary: Vocabulary,
    /// The distinct tokens of every service, as vocabulary ids: per service,
    /// one text per field weight (the name; provider and keywords; the
    /// summaries), heaviest first, each in order of id.
    tokens: Vec<u32>,
    /// Per such text, where its tokens end in `tokens`, and its weight.
    text_ends: Vec<u32>,
    text_weights: Vec<u8>,
    /// The services (as places in [`Catalogue::services`]) in the order of
    /// their folded names, then ids: the order hits of equal score come out
    /// in. Everything else in the index is kept per service in this order,
    /// and a search works with places in it: hits come out of a scan
    /// already in name order, and ranking them is a sort by score alone.
    by_name: Vec<u32>,
    /// Per service in name order, where its texts end in `text_ends`.
    service_ends: Vec<u32>,
    /// Per service in name order, what the filters look at.
    facets: Vec<Facets>,
    /// Built from the fields above whenever the index is made or read.
    derived: Derived,
    /// The scores of the latest query words, most recent last.
    cache: Mutex<Vec<Arc<WordScores>>>,
    /// The scorer's results by token shape and word pattern ([`Shapes`]),
    /// kept from one short query word to the next: a new two-letter word
    /// finds many of its shapes scored already, by the words of its pattern
    /// typed before it.
    shape_scores: RwLock<foldhash::HashMap<u128, i32>>,
    threads: usize,
}

/// What a search looks things up in that the rest of the index determines:
/// built when the index is made or read, never stored.
#[derive(Debug, Default)]
struct Derived {
    /// Per vocabulary word, the services holding it, by place in name order,
    /// ascending: `holders[holder_ends[v - 1]..holder_ends[v]]`. A rare
    /// query word is scored only in the services holding a word it matches.
    holders: Vec<u32>,
    holder_ends: Vec<u32>,
    /// The vocabulary words by length in characters, shortest first, and
    /// where each length ends there (the last length takes all longer
    /// words): typing errors are looked for only among words of about the
    /// query word's length.
    by_length: Vec<u32>,
    length_ends: Vec<u32>,
    /// Whether every service is active: then, with no filters set, ranking
    /// need not look at the facets.
    all_active: bool,
}

/// Words of this many characters or more share the last length of
/// [`Derived::by_length`].
const LONGEST_APART: usize = 64;

impl Derived {
    /// Built from a consistent index's other fields.
    fn of(index: &SearchIndex) -> Self {
        let vocabulary = &index.vocabulary;
        let words = vocabulary.len();
        // Each service's tokens, once each though a word may be in several
        // of its texts: place by place, so every list comes out ascending.
        let tokens_of = |place: usize| index.service_tokens(place);
        let service_ends = &index.service_ends;
        let mut last = vec![u32::MAX; words];
        let mut counts = vec![0_u32; words + 1];
        for place in 0..service_ends.len() {
            let place_u32 = index_u32(place);
            for &v in tokens_of(place) {
                if std::mem::replace(&mut last[v as usize], place_u32) != place_u32 {
                    counts[v as usize + 1] += 1;
                }
            }
        }
        for v in 0..words {
            counts[v + 1] += counts[v];
        }
        // `counts[v]` is now where word v's holders start; filled, it is where they end.
        let mut holders = vec![0; counts[words] as usize];
        last.fill(u32::MAX);
        for place in 0..service_ends.len() {
            let place_u32 = index_u32(place);
            for &v in tokens_of(place) {
                if std::mem::replace(&mut last[v as usize], place_u32) != place_u32 {
                    holders[counts[v as usize] as usize] = place_u32;
                    counts[v as usize] += 1;
                }
            }
        }
        counts.pop();
        let length = |v: u32| (vocabulary.chars[v as usize] as usize).min(LONGEST_APART);
        let mut by_length: Vec<u32> = (0..index_u32(words)).collect();
        by_length.sort_by_key(|&v| length(v));
        let mut length_ends = vec![0; LONGEST_APART + 1];
        for &v in &by_length {
            length_ends[length(v)] += 1;
        }
        for l in 1..=LONGEST_APART {
            length_ends[l] += length_ends[l - 1];
        }
        Self {
            holders,
            holder_ends: counts,
            by_length,
            length_ends,
            all_active: index.facets.iter().all(|f| f.active),
        }
    }

    /// The services holding vocabulary word `v`.
    fn holders_of(&self, v: u32) -> &[u32] {
        &self.holders[span(&self.holder_ends, v as usize)]
    }

    /// The vocabulary words of `shortest..=longest` characters.
    fn of_lengths(&self, shortest: usize, longest: usize) -> &[u32] {
        let shortest = shortest.min(LONGEST_APART);
        let longest = longest.min(LONGEST_APART);
        &self.by_length[start_of(&self.length_ends, shortest)..self.length_ends[longest] as usize]
    }
}

/// Where item `i` starts in a list cut at `ends` (each item's end, in
/// order): where the item before it ends, or at 0. Also right for `i` one
/// past the last item: the end of them all.
fn start_of(ends: &[u32], i: usize) -> usize {
    i.checked_sub(1).map_or(0, |before| ends[before] as usize)
}

/// Where item `i` lies in a list cut at `ends`.
fn span(ends: &[u32], i: usize) -> std::ops::Range<usize> {
    start_of(ends, i)..ends[i] as usize
}

/// A length as a `u32` index: the index holds fewer than 2³² of anything
/// long before it holds more than memory.
fn index_u32(n: usize) -> u32 {
    u32::try_from(n).expect("fewer than 2^32 items in a search index")
}

/// The services' places in the catalogue, in the order of their folded
/// names, then ids.
fn name_order(catalogue: &Catalogue) -> Vec<u32> {
    let services = catalogue.services();
    let names: Vec<String> = services.iter().map(|s| fold_str(&s.name)).collect();
    let mut order: Vec<usize> = (0..names.len()).collect();
    order.sort_by(|&a, &b| {
        names[a]
            .cmp(&names[b])
            .then_with(|| services[a].id.cmp(&services[b].id))
    });
    order.into_iter().map(index_u32).collect()
}

impl SearchIndex {
    #[must_use]
    pub fn new(catalogue: &Catalogue) -> Self {
        let mut vocabulary = Vocabulary::default();
        let mut ids: HashMap<String, u32> = HashMap::new();
        let mut id_of = |word: &str| {
            if let Some(&id) = ids.get(word) {
                return id;
            }
            let id = vocabulary.push(word);
            ids.insert(word.to_owned(), id);
            id
        };
        // One buffer for every folded text and one for initials: building
        // the index leaves no garbage per word behind.
        let mut folded = String::new();
        let mut initials = String::new();
        let mut index = Self {
            vocabulary: Vocabulary::default(),
            tokens: Vec::new(),
            text_ends: Vec::new(),
            text_weights: Vec::new(),
            by_name: name_order(catalogue),
            service_ends: Vec::with_capacity(catalogue.services().len()),
            facets: Vec::with_capacity(catalogue.services().len()),
            derived: Derived::default(),
            cache: Mutex::new(Vec::new()),
            shape_scores: RwLock::default(),
            threads: std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        };
        // A service's tokens, one list per field weight, heaviest first.
        let mut by_weight: [(u8, Vec<u32>); 3] = [Field::Name, Field::Keyword, Field::Summary]
            .map(|field| (field.weight_u8(), Vec::new()));
        for &service in &index.by_name {
            let service = &catalogue.services()[service as usize];
            index.facets.push(Facets::of(service));
            for (field, _, text) in texts_of(catalogue, service) {
                let Some((_, ids)) = by_weight.iter_mut().find(|(w, _)| *w == field.weight_u8())
                else {
                    unreachable!("every field's weight has its list");
                };
                folded.clear();
                fold_into(text, &mut folded);
                initials.clear();
                let mut words = 0;
                // The same tokens as [`tokens`] gives.
                for word in folded.split(|c: char| !c.is_alphanumeric()) {
                    if let Some(first) = word.chars().next() {
                        ids.push(id_of(word));
                        initials.push(first);
                        words += 1;
                    }
                }
                if matches!(field, Field::Name | Field::Provider) && words >= 2 {
                    ids.push(id_of(&initials));
                }
            }
            // A word's score in a service is its best over the texts, each
            // weighted: texts of one weight may as well be one, and a token
            // in it counted once. Summaries in several languages repeat
            // many words, and a search looks at each token of a service.
            for (weight, ids) in &mut by_weight {
                if ids.is_empty() {
                    continue;
                }
                ids.sort_unstable();
                ids.dedup();
                index.tokens.append(ids);
                index.text_ends.push(index_u32(index.tokens.len()));
                index.text_weights.push(*weight);
            }
            index.service_ends.push(index_u32(index.text_ends.len()));
        }
        index.vocabulary = vocabulary;
        index.derived = Derived::of(&index);
        index
    }

    /// Searches the catalogue this index was built from. An empty query lists
    /// every service the filters admit, by name.
    #[must_use]
    pub fn search<'c>(
        &self,
        catalogue: &'c Catalogue,
        query: &str,
        filters: &Filters,
        limit: Option<usize>,
    ) -> Vec<Hit<'c>> {
        // Nothing sets the flag, so the search always runs to the end.
        self.search_unless(catalogue, query, filters, limit, &AtomicBool::new(false))
            .unwrap_or_default()
    }

    /// [`Self::search`], given up (`None`) as soon as it sees `cancel` set —
    /// for a search running beside a user who has typed on.
    #[must_use]
    pub fn search_unless<'c>(
        &self,
        catalogue: &'c Catalogue,
        query: &str,
        filters: &Filters,
        limit: Option<usize>,
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit<'c>>> {
        let mut ranked = self.rank(catalogue, query, filters, cancel)?;
        if let Some(limit) = limit {
            ranked.truncate(limit);
        }
        let words = query_words(query);
        let skim = skim();
        Some(
            ranked
                .into_iter()
                .map(|Ranked { service, score }| {
                    let service = &catalogue.services()[service];
                    let matches = score_service(&skim, catalogue, service, &words)
                        .map(|(_, matches)| matches)
                        .unwrap_or_default();
                    Hit {
                        service,
                        score,
                        matches,
                    }
                })
                .collect(),
        )
    }

    /// The services matching a query, best first, without highlights: what
    /// a screen needs to show a count and scroll through every hit. `None`
    /// when `cancel` was seen set.
    pub fn rank(
        &self,
        catalogue: &Catalogue,
        query: &str,
        filters: &Filters,
        cancel: &AtomicBool,
    ) -> Option<Vec<Ranked>> {
        let services = catalogue.services();
        let words = query_words(query);
        // `Filters::admits`, from the facets: the area alone needs the service.
        let wanted = Facets {
            modes: bits(Mode::ALL, &filters.modes),
            stages: bits(Stage::ALL, &filters.stages),
            support: bits(Support::ALL, &filters.support),
            active: true,
        };
        // The index keeps services by their places in name order.
        let admits = |place: usize| {
            self.facets[place].admit(wanted, filters.include_closed)
                && filters.area.as_ref().is_none_or(|area| {
                    let service = &services[self.by_name[place] as usize];
                    service.areas.iter().any(|a| a.overlaps(area))
                })
        };
        if words.is_empty() {
            return Some(
                (0..self.by_name.len())
                    .filter(|&place| admits(place))
                    .map(|place| Ranked {
                        service: self.by_name[place] as usize,
                        score: 0,
                    })
                    .collect(),
            );
        }
        let scores = words
            .into_iter()
            .map(|word| self.word_scores(word, cancel))
            .collect::<Option<Vec<_>>>()?;
        // Start from the words whose hits are known (those typed before),
        // or else from the longest word, usually the rarest.
        if scores.iter().all(|s| s.hits.get().is_none())
            && let Some(longest) = scores.iter().max_by_key(|s| s.word.chars)
        {
            let hits = self.hits_everywhere(longest, cancel)?;
            // Another search on the same index may have set it meanwhile, to the same.
            let _ = longest.hits.set(hits);
        }
        let mut known = scores.iter().filter_map(|s| s.hits.get());
        let first = known.next().map_or(&[][..], Vec::as_slice);
        let mut both: Option<Vec<(u32, i64)>> = None;
        for hits in known {
            both = Some(intersect(both.as_deref().unwrap_or(first), hits));
        }
        let rest: Vec<&WordScores> = scores
            .iter()
            .filter(|s| s.hits.get().is_none())
            .map(AsRef::as_ref)
            .collect();
        let mut domain = both.as_deref().unwrap_or(first);
        // Services holding none of the words a rare word matches cannot be
        // hits: they are left out before anything is scored.
        let narrowed: Vec<(u32, i64)>;
        let sets: Vec<Vec<u64>> = rest
            .iter()
            .filter_map(|word| self.holding(word, domain.len()))
            .collect();
        if !sets.is_empty() {
            narrowed = domain
                .iter()
                .copied()
                .filter(|&(place, _)| sets.iter().all(|set| has_place(set, place)))
                .collect();
            domain = &narrowed;
        }
        if rest.is_empty() {
            // Only the filters are left to test, too cheap to share out;
            // with none set and no closed service, not even that.
            let admits_all = wanted.modes == 0
                && wanted.stages == 0
                && wanted.support == 0
                && filters.area.is_none()
                && (filters.include_closed || self.derived.all_active);
            let admitted: Vec<(u32, i64)>;
            let hits = if admits_all {
                domain
            } else {
                admitted = self.admitted(domain, wanted, filters, catalogue);
                &admitted
            };
            return (!cancel.load(Ordering::Relaxed)).then(|| self.by_score(hits));
        }
        let matched = self.score_domain(domain, &rest, &admits, cancel)?;
        (!cancel.load(Ordering::Relaxed)).then(|| self.by_score(&matched))
    }

    /// Scores the letters a to z and finds their hits, as the first
    /// keystroke of a search needs them, most used first (by the number of
    /// vocabulary words holding each), skipping those already kept: for the
    /// terminal app to run beside a user who has not typed yet. Gives up
    /// (`false`) as soon as it sees `cancel` set; `true` once every letter
    /// is kept.
    pub fn warm(&self, cancel: &AtomicBool) -> bool {
        let mut letters: Vec<(usize, char)> = ('a'..='z')
            .map(|c| {
                let bit = letter_mask(c.encode_utf8(&mut [0; 4]));
                let words = self
                    .vocabulary
                    .letters
                    .iter()
                    .filter(|&&l| l & bit != 0)
                    .count();
                (words, c)
            })
            .collect();
        letters.sort_by_key(|&(words, c)| (std::cmp::Reverse(words), c));
        for (_, letter) in letters {
            let Some(scores) = self.word_scores(QueryWord::new(&letter.to_string()), cancel) else {
                return false;
            };
            if scores.hits.get().is_none() {
                let Some(hits) = self.hits_everywhere(&scores, cancel) else {
                    return false;
                };
                let _ = scores.hits.set(hits);
            }
        }
        true
    }

    /// The scores of one query word: from the cache, or computed — over the
    /// vocabulary words that contain the longest cached word it extends.
    fn word_scores(&self, word: QueryWord, cancel: &AtomicBool) -> Option<Arc<WordScores>> {
        let base = {
            let mut cache = self
                .cache
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(at) = cache.iter().position(|s| s.word == word) {
                let scores = cache.remove(at);
                cache.push(Arc::clone(&scores));
                return Some(scores);
            }
            cache
                .iter()
                .filter(|s| word.text.starts_with(&s.word.text))
                .max_by_key(|s| s.word.chars)
                .cloned()
        };
        let candidates: Option<&[u32]> = base.as_ref().map(|b| b.within.as_slice());
        let scores = Arc::new(self.score_vocabulary(word, candidates, cancel)?);
        let mut cache = self
            .cache
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // The oldest of its kind goes: a letter for a letter, else a word —
        // but not a word the new one extends while another can go, and of
        // those the longest: deleting what was typed goes back through
        // them, and the shorter a word, the more it matches and the longer
        // it takes to score again.
        let is_letter = |s: &WordScores| s.word.chars == 1;
        let (kind, limit) = if is_letter(&scores) {
            (true, CACHED_LETTERS)
        } else {
            (false, CACHED_WORDS)
        };
        let extended = |s: &WordScores| !kind && scores.word.text.starts_with(&s.word.text);
        if cache.iter().filter(|s| is_letter(s) == kind).count() >= limit
            && let Some(gone) = cache
                .iter()
                .position(|s| is_letter(s) == kind && !extended(s))
                .or_else(|| {
                    let prefixes = cache
                        .iter()
                        .enumerate()
                        .filter(|(_, s)| is_letter(s) == kind);
                    prefixes.max_by_key(|(_, s)| s.word.chars).map(|(at, _)| at)
                })
        {
            cache.remove(gone);
        }
        cache.push(Arc::clone(&scores));
        Some(scores)
    }

    /// Scores a query word against the vocabulary words given (all of them
    /// when `None`).
    fn score_vocabulary(
        &self,
        word: QueryWord,
        candidates: Option<&[u32]>,
        cancel: &AtomicBool,
    ) -> Option<WordScores> {
        let vocabulary = &self.vocabulary;
        let all: Vec<u32>;
        let candidates = if let Some(candidates) = candidates {
            candidates
        } else {
            all = (0..index_u32(vocabulary.len())).collect();
            &all
        };
        let shapes = Shapes::of(&word);
        let shared = shapes.as_ref().is_some_and(|s| s.pattern.is_some());
        let kept = self
            .shape_scores
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        let (found, scored) = self.in_slices_with(
            candidates,
            cancel,
            || (skim(), foldhash::HashMap::<u128, i32>::default()),
            |(skim, scored), slice, out| {
                for &v in slice {
                    let token = vocabulary.word(v as usize);
                    if word.letters & !vocabulary.letters[v as usize] != 0
                        || !is_subsequence(&word.text, token)
                    {
                        continue;
                    }
                    // The filter above made sure of the letters' order.
                    let score = || {
                        compact_match(skim, token, &word)
                            .map_or(NO_MATCH, |(score, _)| exact_code(score))
                    };
                    let code = match shapes.as_ref().and_then(|shapes| shapes.key(token)) {
                        Some(key) => match kept.get(&key) {
                            Some(&code) => code,
                            None => *scored.entry(key).or_insert_with(score),
                        },
                        None => score(),
                    };
                    out.push((v, code));
                }
            },
        )?;
        drop(kept);
        if shared {
            let mut kept = self
                .shape_scores
                .write()
                .unwrap_or_else(PoisonError::into_inner);
            if kept.len() + scored.iter().map(|(_, s)| s.len()).sum::<usize>() > KEPT_SHAPES {
                kept.clear();
            }
            for (_, scored) in scored {
                kept.extend(scored);
            }
        }
        let mut codes = vec![NO_MATCH; vocabulary.len()];
        let mut ceiling: Option<i64> = None;
        let mut matched = Vec::new();
        for &(v, code) in &found {
            codes[v as usize] = code;
            if code != NO_MATCH {
                ceiling = Some(ceiling.map_or(i64::from(code), |c| c.max(i64::from(code))));
                matched.push(v);
            }
        }
        // Typing errors count only in services the word matches nowhere
        // exactly, but on a broad catalogue there nearly always are some:
        // the distances are worked out now, for the whole vocabulary.
        let mut any_typo = false;
        if word.allowed > 0 {
            let near = self.derived.of_lengths(
                word.chars.saturating_sub(word.allowed),
                word.chars + word.allowed,
            );
            let close = self.in_slices(near, cancel, |slice, out| {
                out.extend(slice.iter().filter_map(|&v| {
                    let v = v as usize;
                    let chars = vocabulary.chars[v] as usize;
                    typo_distance(&word, vocabulary.word(v), chars, vocabulary.letters[v])
                        .map(|distance| (v, distance))
                }));
            })?;
            for (v, distance) in close {
                if codes[v] == NO_MATCH {
                    codes[v] = typo_code(distance);
                    matched.push(index_u32(v));
                    any_typo = true;
                }
            }
        }
        Some(WordScores {
            word,
            codes,
            within: found.into_iter().map(|(v, _)| v).collect(),
            ceiling,
            any_typo,
            matched,
            hits: OnceLock::new(),
        })
    }

    /// A word's score in every service of the catalogue where it matches,
    /// by place in name order.
    fn hits_everywhere(&self, word: &WordScores, cancel: &AtomicBool) -> Option<Vec<(u32, i64)>> {
        let services: Vec<u32> = match self.holding(word, self.service_ends.len()) {
            Some(holding) => places_in(&holding),
            None => (0..index_u32(self.service_ends.len())).collect(),
        };
        self.in_slices(&services, cancel, |slice, out| {
            out.extend(
                slice
                    .iter()
                    .filter_map(|&s| Some((s, self.word_score(s as usize, word)?))),
            );
        })
    }

    /// The services holding a vocabulary word that `word` matches, as a set
    /// of places in name order: the only ones it can be a hit in. `None`
    /// when gathering them would cost about as much as scoring the word in
    /// the `services` it is to be scored in.
    fn holding(&self, word: &WordScores, services: usize) -> Option<Vec<u64>> {
        let derived = &self.derived;
        let tokens_per_service = self.tokens.len() / self.service_ends.len().max(1);
        let budget = tokens_per_service.saturating_mul(services) / HOLDERS_UP_TO;
        let mut total = 0;
        for &v in &word.matched {
            total += derived.holders_of(v).len();
            if total > budget {
                return None;
            }
        }
        let mut set = vec![0_u64; self.service_ends.len().div_ceil(64)];
        for &v in &word.matched {
            for &place in derived.holders_of(v) {
                set[place as usize / 64] |= 1 << (place % 64);
            }
        }
        Some(set)
    }

    /// The services of `domain` the filters admit and `words` all match,
    /// with the words' scores added to the domain's.
    fn score_domain(
        &self,
        domain: &[(u32, i64)],
        words: &[&WordScores],
        admits: &(impl Fn(usize) -> bool + Sync),
        cancel: &AtomicBool,
    ) -> Option<Vec<(u32, i64)>> {
        self.in_slices(domain, cancel, |slice, out| {
            out.extend(slice.iter().filter_map(|&(place, score)| {
                if !admits(place as usize) {
                    return None;
                }
                let score = words.iter().try_fold(score, |total, word| {
                    Some(total + self.word_score(place as usize, word)?)
                })?;
                Some((place, score))
            }));
        })
    }

    /// The hits of `domain` (by place in name order) that the filters
    /// admit: [`Filters::admits`], from the facets but for the area.
    fn admitted(
        &self,
        domain: &[(u32, i64)],
        wanted: Facets,
        filters: &Filters,
        catalogue: &Catalogue,
    ) -> Vec<(u32, i64)> {
        // Copied out of `self` and `filters`: a loop of a few instructions
        // a hit, which the compiler would otherwise reload them in.
        let (facets, include_closed) = (&self.facets[..], filters.include_closed);
        let mut admitted = Vec::with_capacity(domain.len());
        admitted.extend(
            domain
                .iter()
                .filter(|&&(place, _)| facets[place as usize].admit(wanted, include_closed)),
        );
        if let Some(area) = &filters.area {
            let services = catalogue.services();
            admitted.retain(|&(place, _)| {
                let service = &services[self.by_name[place as usize] as usize];
                service.areas.iter().any(|a| a.overlaps(area))
            });
        }
        admitted
    }

    /// Ranks hits given by place in name order: by score, best first, equal
    /// scores staying in name order. Scores spread over few values, so this
    /// is a counting sort — two passes and no comparisons — short of an
    /// unusual spread, which a stable sort takes.
    fn by_score(&self, hits: &[(u32, i64)]) -> Vec<Ranked> {
        let ranked = |&(place, score): &(u32, i64)| Ranked {
            service: self.by_name[place as usize] as usize,
            score,
        };
        let count = hits.len();
        let (mut top, mut bottom) = (i64::MIN, i64::MAX);
        for &(_, score) in hits {
            top = top.max(score);
            bottom = bottom.min(score);
        }
        let buckets = top
            .checked_sub(bottom)
            .and_then(|spread| usize::try_from(spread).ok())
            .map(|spread| spread + 1)
            .filter(|&buckets| buckets <= count.max(1_024));
        let Some(buckets) = buckets else {
            let mut all: Vec<Ranked> = hits.iter().map(ranked).collect();
            all.sort_by_key(|r| std::cmp::Reverse(r.score));
            return all;
        };
        // Bucket b holds the hits scoring b below the top one.
        let bucket = |score: i64| usize::try_from(top - score).unwrap_or_default();
        let mut starts = vec![0; buckets];
        for &(_, score) in hits {
            starts[bucket(score)] += 1;
        }
        let mut sum = 0;
        for start in &mut starts {
            sum += std::mem::replace(start, sum);
        }
        let mut out = vec![
            Ranked {
                service: 0,
                score: 0
            };
            count
        ];
        for hit in hits {
            let start = &mut starts[bucket(hit.1)];
            out[*start] = ranked(hit);
            *start += 1;
        }
        out
    }

    /// Runs `work` over contiguous slices of `items`, on every core when
    /// there are enough of them, and joins what it adds to `out` in order;
    /// `None` if `cancel` was set meanwhile. `work` is expected to add at most
    /// one result per item (more is correct, only slower). It sees at most a few hundred
    /// items at a time, so a cancelled search stops within a fraction of a
    /// millisecond.
    fn in_slices<T: Sync, R: Send>(
        &self,
        items: &[T],
        cancel: &AtomicBool,
        work: impl Fn(&[T], &mut Vec<R>) + Sync,
    ) -> Option<Vec<R>> {
        self.in_slices_with(items, cancel, || (), |(), slice, out| work(slice, out))
            .map(|(results, _)| results)
    }

    /// [`Self::in_slices`], with a state each core makes once with `start`
    /// and hands to `work` with every slice it takes; the states come back
    /// beside the results.
    fn in_slices_with<T: Sync, R: Send, S: Send>(
        &self,
        items: &[T],
        cancel: &AtomicBool,
        start: impl Fn() -> S + Sync,
        work: impl Fn(&mut S, &[T], &mut Vec<R>) + Sync,
    ) -> Option<(Vec<R>, Vec<S>)> {
        let run = |part: &[T]| -> Option<(Vec<R>, S)> {
            // `work` adds at most one result per item: sized once, the
            // results are never copied to a larger buffer as they come.
            let mut out = Vec::with_capacity(part.len());
            let mut state = start();
            for chunk in part.chunks(256) {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                work(&mut state, chunk, &mut out);
            }
            Some((out, state))
        };
        let threads = if items.len() < PARALLEL_FROM {
            1
        } else {
            self.threads
        };
        if threads <= 1 {
            return run(items).map(|(out, state)| (out, vec![state]));
        }
        let per_thread = items.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let handles: Vec<_> = items
                .chunks(per_thread)
                .map(|part| scope.spawn(move || run(part)))
                .collect();
            let mut parts = Vec::with_capacity(handles.len());
            for handle in handles {
                parts.push(
                    handle
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                );
            }
            let mut all: Option<Vec<R>> = None;
            let mut states = Vec::with_capacity(parts.len());
            for part in parts {
                let (part, state) = part?;
                states.push(state);
                match all.as_mut() {
                    None => all = Some(part),
                    Some(all) => all.extend(part),
                }
            }
            Some((all.unwrap_or_default(), states))
        })
    }

    /// One word's score in one service: its best exact match over the
    /// service's tokens, weighted by field; failing that, its closest match
    /// within the typing errors allowed.
    fn word_score(&self, place: usize, word: &WordScores) -> Option<i64> {
        let texts = span(&self.service_ends, place);
        let tokens_of = |t: usize| &self.tokens[span(&self.text_ends, t)];
        if word.ceiling.is_none() && !word.any_typo {
            return None;
        }
        let mut exact: Option<i64> = None;
        let mut typo: Option<i64> = None;
        for t in texts {
            let weight = i64::from(self.text_weights[t]);
            // Texts come in order of weight: once an exact match beats
            // anything the lighter texts could score, they are not looked at.
            if let (Some(best), Some(ceiling)) = (exact, word.ceiling)
                && best >= ceiling * weight
            {
                break;
            }
            // Codes rank no match below typing errors below exact matches:
            // one maximum finds the text's best match.
            let top = tokens_of(t)
                .iter()
                .map(|&v| word.codes[v as usize])
                .max()
                .unwrap_or(NO_MATCH);
            if top > TYPO_TOP {
                let weighted = i64::from(top) * weight;
                exact = Some(exact.map_or(weighted, |b| b.max(weighted)));
            } else if top != NO_MATCH && exact.is_none() {
                let distance = usize::try_from(TYPO_TOP - top).unwrap_or(usize::MAX);
                let weighted = word.word.typo_score(distance) * weight;
                typo = Some(typo.map_or(weighted, |b| b.max(weighted)));
            }
        }
        // Typing errors count only where no text has the word as typed.
        exact.or(typo)
    }
}

/// The index in binary form, for the compiled catalogue ([`crate::cache`]):
/// everything built from the catalogue, none of the per-query cache.
impl crate::binary::Bin for SearchIndex {
    fn put(&self, out: &mut Vec<u8>) {
        let v = &self.vocabulary;
        for part in [&v.ends, &v.chars, &self.tokens, &self.text_ends] {
            part.put(out);
        }
        v.text.put(out);
        v.letters.put(out);
        self.text_weights.put(out);
        for part in [&self.by_name, &self.service_ends] {
            part.put(out);
        }
        (self.facets.len() as u64).put(out);
        for facets in &self.facets {
            for bits in [facets.modes, facets.stages, facets.support] {
                bits.put(out);
            }
            facets.active.put(out);
        }
    }

    fn take(input: &mut crate::binary::Input<'_>) -> Option<Self> {
        let (ends, chars, tokens, text_ends) = (
            Vec::<u32>::take(input)?,
            Vec::<u32>::take(input)?,
            Vec::<u32>::take(input)?,
            Vec::<u32>::take(input)?,
        );
        let vocabulary = Vocabulary {
            text: String::take(input)?,
            ends,
            chars,
            letters: Vec::<u64>::take(input)?,
        };
        let text_weights = Vec::<u8>::take(input)?;
        let (by_name, service_ends) = (Vec::<u32>::take(input)?, Vec::<u32>::take(input)?);
        let count = input.count()?;
        let mut facets = Vec::with_capacity(input.room_for::<Facets>(count));
        for _ in 0..count {
            facets.push(Facets {
                modes: u32::take(input)?,
                stages: u32::take(input)?,
                support: u32::take(input)?,
                active: bool::take(input)?,
            });
        }
        let mut index = Self {
            vocabulary,
            tokens,
            text_ends,
            text_weights,
            by_name,
            service_ends,
            facets,
            derived: Derived::default(),
            cache: Mutex::new(Vec::new()),
            shape_scores: RwLock::default(),
            threads: std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        };
        if !index.is_consistent() {
            return None;
        }
        index.derived = Derived::of(&index);
        Some(index)
    }
}

impl SearchIndex {
    /// Whether every id and end in the index points inside what it indexes:
    /// a decoded index is used only if so, so a damaged cache can make a
    /// search wrong only as a damaged catalogue could, never panic.
    fn is_consistent(&self) -> bool {
        let v = &self.vocabulary;
        let ascending = |ends: &[u32], limit: usize| {
            ends.windows(2).all(|w| w[0] <= w[1])
                && ends.last().is_none_or(|&e| e as usize <= limit)
        };
        let services = self.service_ends.len();
        let texts = self.text_ends.len();
        let is_permutation = |places: &[u32]| {
            let mut seen = vec![false; services];
            places.len() == services
                && places.iter().all(|&p| {
                    seen.get_mut(p as usize)
                        .is_some_and(|s| !std::mem::replace(s, true))
                })
        };
        v.chars.len() == v.ends.len()
            && v.letters.len() == v.ends.len()
            && ascending(&v.ends, v.text.len())
            && v.ends.iter().all(|&e| v.text.is_char_boundary(e as usize))
            && self.tokens.iter().all(|&t| (t as usize) < v.ends.len())
            && ascending(&self.text_ends, self.tokens.len())
            && self.text_weights.len() == texts
            && ascending(&self.service_ends, texts)
            && self.facets.len() == services
            && is_permutation(&self.by_name)
    }

    /// The tokens of every text of the service at `place` in name order.
    fn service_tokens(&self, place: usize) -> &[u32] {
        let texts = span(&self.service_ends, place);
        &self.tokens[start_of(&self.text_ends, texts.start)..start_of(&self.text_ends, texts.end)]
    }

    /// How many services the index was built from.
    #[must_use]
    pub fn len(&self) -> usize {
        self.service_ends.len()
    }

    /// Whether the index was built from no service at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.service_ends.is_empty()
    }
}

/// The services in both lists (each sorted by place), their scores added.
fn intersect(a: &[(u32, i64)], b: &[(u32, i64)]) -> Vec<(u32, i64)> {
    let mut both = Vec::with_capacity(a.len().min(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    both
}

/// The places in a set of them ([`SearchIndex::holding`]), ascending.
fn places_in(set: &[u64]) -> Vec<u32> {
    let mut places = Vec::new();
    for (i, &bits) in set.iter().enumerate() {
        let mut bits = bits;
        while bits != 0 {
            places.push(index_u32(i * 64) + bits.trailing_zeros());
            bits &= bits - 1;
        }
    }
    places
}

/// Whether a set of places ([`SearchIndex::holding`]) has `place`.
fn has_place(set: &[u64], place: u32) -> bool {
    set[place as usize / 64] & (1 << (place % 64)) != 0
}

/// Searches a catalogue without keeping an index (one-shot use).
#[must_use]
pub fn search<'c>(
    catalogue: &'c Catalogue,
    query: &str,
    filters: &Filters,
    limit: Option<usize>,
) -> Vec<Hit<'c>> {
    SearchIndex::new(catalogue).search(catalogue, query, filters, limit)
}

#[cfg(test)]
mod tests {
    use super::{AtomicBool, Catalogue, Filters, Ranked, SearchIndex};

    fn ranking(index: &SearchIndex, catalogue: &Catalogue, query: &str) -> Vec<(String, i64)> {
        index
            .rank(
                catalogue,
                query,
                &Filters::default(),
                &AtomicBool::new(false),
            )
            .unwrap()
            .iter()
            .map(|r| (catalogue.services()[r.service].id.to_string(), r.score))
            .collect()
    }

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

    /// Warming scores every letter once and keeps them: searches after it
    /// rank exactly as on a cold index; a cancelled warm-up says so.
    #[test]
    fn a_warmed_index_keeps_the_letters_and_ranks_as_a_cold_one() {
        let catalogue = crate::generate::catalogue(500, 8);
        let warmed = SearchIndex::new(&catalogue);
        assert!(!warmed.warm(&AtomicBool::new(true)));
        assert!(warmed.warm(&AtomicBool::new(false)));
        let letters: Vec<String> = warmed
            .cache
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.hits.get().is_some())
            .map(|s| s.word.text.clone())
            .collect();
        assert_eq!(letters.len(), 26, "{letters:?}");
        for query in ["e", "ex", "gar eks", "z", "internacional", "q x", "fiera"] {
            let cold = SearchIndex::new(&catalogue);
            assert_eq!(
                ranking(&warmed, &catalogue, query),
                ranking(&cold, &catalogue, query),
                "{query}"
            );
        }
    }

    /// The holders of each word are exactly the services whose texts hold
    /// it, ascending; the words by length are every word once, each where
    /// its length says.
    #[test]
    fn holders_and_lengths_list_what_the_index_holds() {
        let catalogue = crate::generate::catalogue(300, 6);
        let index = SearchIndex::new(&catalogue);
        let vocabulary = &index.vocabulary;
        let mut expected: Vec<Vec<u32>> = vec![Vec::new(); vocabulary.len()];
        for place in 0..index.len() {
            for &v in index.service_tokens(place) {
                let holders = &mut expected[v as usize];
                if holders.last() != Some(&super::index_u32(place)) {
                    holders.push(super::index_u32(place));
                }
            }
        }
        for (v, holders) in expected.iter().enumerate() {
            assert_eq!(
                index.derived.holders_of(super::index_u32(v)),
                holders.as_slice()
            );
        }
        let mut seen = vec![false; vocabulary.len()];
        for length in 0..=super::LONGEST_APART {
            for &v in index.derived.of_lengths(length, length) {
                assert!(!std::mem::replace(&mut seen[v as usize], true));
                let chars = vocabulary.chars[v as usize] as usize;
                assert_eq!(chars.min(super::LONGEST_APART), length);
            }
        }
        assert!(seen.iter().all(|&s| s));
        // A decoded index derives the same.
        let mut bytes = Vec::new();
        crate::binary::Bin::put(&index, &mut bytes);
        let decoded: SearchIndex =
            crate::binary::Bin::take(&mut crate::binary::Input::new(&bytes)).unwrap();
        assert_eq!(decoded.derived.holders, index.derived.holders);
        assert_eq!(decoded.derived.by_length, index.derived.by_length);
    }

    #[test]
    fn letters_stay_cached_while_words_come_and_go_within_their_bounds() {
        use super::{CACHED_LETTERS, CACHED_WORDS};
        let catalogue = crate::generate::catalogue(200, 2);
        let index = SearchIndex::new(&catalogue);
        let cached = |index: &SearchIndex| -> Vec<String> {
            let cache = index.cache.lock().unwrap();
            cache.iter().map(|s| s.word.text.clone()).collect()
        };
        let _ = ranking(&index, &catalogue, "e");
        // More words than are kept, none of them a letter.
        for n in 0..CACHED_WORDS + 5 {
            let _ = ranking(&index, &catalogue, &format!("w{n}x"));
        }
        let words = cached(&index);
        assert!(words.contains(&"e".to_owned()), "{words:?}");
        assert_eq!(words.len(), CACHED_WORDS + 1, "{words:?}");
        // The oldest words went first.
        assert!(!words.contains(&"w0x".to_owned()), "{words:?}");
        assert!(
            words.contains(&format!("w{}x", CACHED_WORDS + 4)),
            "{words:?}"
        );
        // Typing a word longer than the words kept: the shortest words it
        // extends stay, for deleting back through them, and the others go.
        let long = "internacionalizacaoeksportkreditt";
        let typed: Vec<&str> = (2..=long.len()).map(|n| &long[..n]).collect();
        assert!(typed.len() > CACHED_WORDS);
        for word in &typed {
            let _ = ranking(&index, &catalogue, word);
        }
        let mut words: Vec<String> = cached(&index)
            .into_iter()
            .filter(|w| w.chars().count() > 1)
            .collect();
        words.sort_by_key(String::len);
        let mut kept = typed[..CACHED_WORDS - 1].to_vec();
        kept.push(long);
        assert_eq!(words, kept);
        // Letters are bounded too, by their own limit (letters without
        // accents: an accented one folds to a letter already kept).
        for c in ('a'..='z')
            .chain('0'..='9')
            .chain(['α', 'β', 'γ', 'δ', 'ж', 'и', 'ш'])
        {
            let _ = ranking(&index, &catalogue, &c.to_string());
        }
        let letters = cached(&index)
            .into_iter()
            .filter(|w| w.chars().count() == 1)
            .count();
        assert_eq!(letters, CACHED_LETTERS);
    }

    #[test]
    fn an_index_whose_name_order_names_a_service_twice_is_not_used() {
        let catalogue = crate::generate::catalogue(50, 4);
        let mut index = SearchIndex::new(&catalogue);
        assert!(index.is_consistent());
        // One service in two places and another in none: hits would be
        // reported as the wrong service.
        index.by_name[0] = index.by_name[1];
        assert!(!index.is_consistent());
    }

    #[test]
    fn parallel_scoring_ranks_exactly_like_one_thread() {
        let catalogue = crate::generate::catalogue(9_000, 3);
        let ids = |threads, query| {
            let mut index = SearchIndex::new(&catalogue);
            index.threads = threads;
            ranking(&index, &catalogue, query)
        };
        for query in ["ausfur", "eksport rynek", "garanzia", ""] {
            let serial = ids(1, query);
            assert!(!serial.is_empty(), "{query:?} found nothing");
            assert_eq!(serial, ids(2, query), "{query:?}");
            assert_eq!(serial, ids(7, query), "{query:?}");
        }
    }

    #[test]
    fn filtering_by_facets_admits_what_the_filters_do() {
        use crate::vocab::{Mode, Stage, Support};
        let catalogue = crate::generate::catalogue(400, 9);
        let index = SearchIndex::new(&catalogue);
        let never = AtomicBool::new(false);
        let area = crate::catalogue::Area::parse("PL").unwrap();
        for (i, filters) in [
            Filters::default(),
            Filters {
                include_closed: true,
                ..Filters::default()
            },
            Filters {
                modes: vec![Mode::Import, Mode::Cooperation],
                stages: vec![Stage::Enter],
                ..Filters::default()
            },
            Filters {
                support: vec![Support::Grant, Support::Loan],
                area: Some(area),
                ..Filters::default()
            },
        ]
        .iter()
        .enumerate()
        {
            let ranked: Vec<usize> = index
                .rank(&catalogue, "", filters, &never)
                .unwrap()
                .iter()
                .map(|r| r.service)
                .collect();
            let mut admitted: Vec<usize> = (0..catalogue.services().len())
                .filter(|&s| filters.admits(&catalogue.services()[s]))
                .collect();
            admitted.sort_by_key(|&s| index.by_name.iter().position(|&n| n as usize == s));
            assert!(!admitted.is_empty(), "filters {i} admit nothing");
            assert_eq!(ranked, admitted, "filters {i}");
            // A query's hits under the filters are its hits under none, in
            // the same order, less those the filters do not admit.
            let everything = Filters {
                include_closed: true,
                ..Filters::default()
            };
            for query in ["e", "a e"] {
                let ranked = index.rank(&catalogue, query, filters, &never).unwrap();
                let all = index.rank(&catalogue, query, &everything, &never).unwrap();
                let admitted: Vec<&Ranked> = all
                    .iter()
                    .filter(|r| filters.admits(&catalogue.services()[r.service]))
                    .collect();
                assert!(
                    ranked.len() < all.len() || i == 1,
                    "filters {i} leave out nothing from {query:?}: {} of {}",
                    ranked.len(),
                    all.len()
                );
                assert_eq!(
                    ranked.iter().collect::<Vec<_>>(),
                    admitted,
                    "filters {i}, {query:?}"
                );
            }
        }
    }

    #[test]
    fn a_cancelled_search_gives_up() {
        let catalogue = crate::generate::catalogue(600, 3);
        let index = SearchIndex::new(&catalogue);
        let cancel = AtomicBool::new(false);
        let search =
            |cancel| index.search_unless(&catalogue, "rynek", &Filters::default(), None, cancel);
        assert!(search(&cancel).is_some_and(|hits| !hits.is_empty()));
        cancel.store(true, std::sync::atomic::Ordering::Relaxed);
        assert_eq!(search(&cancel), None);
        // A word given up on is not kept half-scored for the next search.
        cancel.store(false, std::sync::atomic::Ordering::Relaxed);
        let fresh = SearchIndex::new(&catalogue);
        assert_eq!(
            ranking(&index, &catalogue, "rynek"),
            ranking(&fresh, &catalogue, "rynek")
        );
    }

    /// The rules of the module header applied plainly, on their own: every
    /// word of every field of every service scored for every query word, no
    /// vocabulary, no prefilter, no early stop, no kept scores, one thread.
    fn plain_rescan(catalogue: &Catalogue, query: &str) -> Vec<(String, i64)> {
        use super::{Field, fold_str, is_compact};
        use fuzzy_matcher::FuzzyMatcher;
        let skim = fuzzy_matcher::skim::SkimMatcherV2::default().ignore_case();
        let folded_query = fold_str(query);
        let words: Vec<&str> = folded_query
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let mut hits = Vec::new();
        'services: for service in catalogue.services().iter().filter(|s| s.is_active()) {
            let mut texts = vec![
                (4, Field::Name, service.name.clone()),
                (
                    3,
                    Field::Provider,
                    catalogue.provider_of(service).name.clone(),
                ),
            ];
            texts.extend(
                service
                    .keywords
                    .iter()
                    .map(|k| (3, Field::Keyword, k.clone())),
            );
            texts.extend(
                service
                    .summaries()
                    .map(|(_, summary)| (1, Field::Summary, summary.to_owned())),
            );
            let tokens: Vec<(i64, Vec<String>)> = texts
                .iter()
                .map(|(weight, field, text)| {
                    let mut tokens: Vec<String> = fold_str(text)
                        .split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(str::to_owned)
                        .collect();
                    if matches!(field, Field::Name | Field::Provider) && tokens.len() > 1 {
                        tokens.push(tokens.iter().filter_map(|t| t.chars().next()).collect());
                    }
                    (*weight, tokens)
                })
                .collect();
            let mut total = 0;
            for word in &words {
                let chars = word.chars().count();
                let allowed = match chars {
                    0..=3 => 0,
                    4..=7 => 1,
                    _ => 2,
                };
                let exact = tokens
                    .iter()
                    .flat_map(|(weight, tokens)| {
                        let skim = &skim;
                        tokens.iter().filter_map(move |token| {
                            let (score, positions) = skim.fuzzy_indices(token, word)?;
                            is_compact(&positions, chars).then_some(score * weight)
                        })
                    })
                    .max();
                let typo = || {
                    tokens
                        .iter()
                        .flat_map(|(weight, tokens)| {
                            tokens.iter().filter_map(move |token| {
                                let distance = strsim::damerau_levenshtein(word, token);
                                (allowed > 0 && distance <= allowed).then(|| {
                                    i64::try_from(chars * 16 / (2 + distance)).unwrap() * weight
                                })
                            })
                        })
                        .max()
                };
                match exact.or_else(typo) {
                    Some(score) => total += score,
                    None => continue 'services,
                }
            }
            hits.push((service.id.to_string(), total));
        }
        hits
    }

    /// Query words cut from the catalogue's own texts, some shortened, some
    /// with a letter dropped, doubled or replaced.
    fn query_from(catalogue: &Catalogue, picks: &[(usize, usize, u8)]) -> String {
        let words: Vec<String> = picks
            .iter()
            .map(|&(service, word, edit)| {
                let services = catalogue.services();
                let text = &services[service % services.len()].summary;
                let all: Vec<&str> = text.split_whitespace().collect();
                let mut chars: Vec<char> = all[word % all.len()].chars().collect();
                let at = word % chars.len().max(1);
                match edit {
                    1 => chars.truncate(chars.len().div_ceil(2)),
                    2 if chars.len() > 1 => {
                        chars.remove(at);
                    }
                    3 => chars[at] = 'q',
                    _ => {}
                }
                chars.into_iter().collect()
            })
            .collect();
        words.join(" ")
    }

    static CATALOGUE: std::sync::LazyLock<Catalogue> =
        std::sync::LazyLock::new(|| crate::generate::catalogue(300, 5));

    /// A token of a shape ([`super::Shapes::key`]) rebuilt from the shape
    /// alone: another letter for every character that is none of the
    /// word's, another digit for every digit.
    fn rebuilt(key: u128, shapes: &super::Shapes) -> String {
        let digit = ('0'..='9').find(|d| !shapes.chars.contains(d)).unwrap();
        let length = usize::try_from((key >> super::SHAPE_LENGTH_AT) & 63).unwrap();
        (0..length)
            .map(|at| match (key >> (3 * at)) & 7 {
                0 => 'ж',
                1 => digit,
                class => shapes.chars[usize::try_from(class).unwrap() - 2],
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Tokens of one shape get the same result from the scorer, score
        /// and positions: what lets them share one call. A token rebuilt
        /// from its shape alone, cut after the last character that counts,
        /// stands for every token of that shape.
        #[test]
        fn shapes_share_the_scorers_result(
            word in "[abé1]{1,4}",
            tokens in proptest::collection::vec("[abcé1ł2xA-]{0,16}", 64),
        ) {
            let word = super::QueryWord::new(&word);
            let shapes = super::Shapes::of(&word).unwrap();
            let skim = super::skim();
            for token in tokens {
                if let Some(key) = shapes.key(&token) {
                    let alike = rebuilt(key, &shapes);
                    proptest::prop_assert_eq!(
                        super::compact_match(&skim, &token, &word),
                        super::compact_match(&skim, &alike, &word),
                        "{} and {}", token, alike
                    );
                }
            }
        }

        /// Words of one pattern of repeated letters get the same result from
        /// the scorer for tokens of the same shape: renaming the characters,
        /// in the word and the token alike, changes neither the shape's key
        /// (when the word is of small letters before and after, and digits
        /// stay digits) nor, when
        /// the key stays the same, the score and positions. That, with the
        /// test above, is what lets the index keep a shape's score for the
        /// next word of its pattern. Renaming mixes digits with letters, and
        /// words of different patterns never share a key.
        #[test]
        fn shapes_of_one_pattern_share_the_scorers_result(
            word in "[ab1é]{1,4}",
            other in "[abc]{1,4}",
            tokens in proptest::collection::vec("[abcdx12éł]{0,16}", 64),
            renamed in proptest::strategy::Strategy::prop_shuffle(
                proptest::strategy::Just(('a'..='z').chain('0'..='9').collect::<Vec<char>>()),
            ),
        ) {
            let rename = |text: &str| -> String {
                text.chars()
                    .map(|c| match c {
                        'a'..='z' => renamed[(c as u8 - b'a') as usize],
                        '0'..='9' => renamed[26 + (c as u8 - b'0') as usize],
                        _ => c,
                    })
                    .collect()
            };
            let letters = |text: &str| text.chars().all(|c| c.is_ascii_lowercase());
            let skim = super::skim();
            let query = super::QueryWord::new(&word);
            let shapes = super::Shapes::of(&query).unwrap();
            let query_renamed = super::QueryWord::new(&rename(&word));
            let shapes_renamed = super::Shapes::of(&query_renamed).unwrap();
            let shapes_other = super::Shapes::of(&super::QueryWord::new(&other)).unwrap();
            for token in tokens {
                let token_renamed = rename(&token);
                let key = shapes.key(&token);
                let key_renamed = shapes_renamed.key(&token_renamed);
                let digits_kept = token
                    .chars()
                    .zip(token_renamed.chars())
                    .all(|(a, b)| a.is_ascii_digit() == b.is_ascii_digit());
                if letters(&word) && letters(&query_renamed.text) && digits_kept {
                    proptest::prop_assert_eq!(key, key_renamed);
                }
                if key.is_some() && key == key_renamed {
                    proptest::prop_assert_eq!(
                        super::compact_match(&skim, &token, &query),
                        super::compact_match(&skim, &token_renamed, &query_renamed),
                        "{} in {} and {} in {}", word, token, query_renamed.text, token_renamed
                    );
                }
                if shapes.pattern != shapes_other.pattern && key.is_some() {
                    proptest::prop_assert_ne!(key, shapes_other.key(&token));
                    proptest::prop_assert_ne!(key, shapes_other.key(&token_renamed));
                }
            }
        }

        /// Ranking hits by score orders them as a stable comparison sort
        /// does, equal scores in name order: by counting when the scores
        /// spread over few values, and whatever their spread.
        #[test]
        fn ranking_by_score_is_a_stable_sort(
            scores in proptest::collection::vec(proptest::num::i64::ANY, 0..150),
            shift in 0u32..64,
        ) {
            let index = SearchIndex::new(&CATALOGUE);
            // Hits at every other place, in name order, as a scan gives them.
            let hits: Vec<(u32, i64)> = scores
                .iter()
                .enumerate()
                .map(|(i, &score)| (u32::try_from(i * 2).unwrap(), score >> shift))
                .collect();
            let mut expected: Vec<Ranked> = hits
                .iter()
                .map(|&(place, score)| Ranked {
                    service: index.by_name[place as usize] as usize,
                    score,
                })
                .collect();
            expected.sort_by_key(|r| std::cmp::Reverse(r.score));
            proptest::prop_assert_eq!(index.by_score(&hits), expected);
        }

        /// Speed never changes results: the indexed search, on several
        /// threads, finds exactly the services and scores the plain rescan
        /// does, ranked by score, then name, then id; and the highlights of
        /// each hit come from a match of the same score.
        #[test]
        fn the_fast_search_finds_what_a_plain_rescan_finds(
            picks in proptest::collection::vec((0usize..10_000, 0usize..40, 0u8..4), 1..3),
        ) {
            let query = query_from(&CATALOGUE, &picks);
            let mut index = SearchIndex::new(&CATALOGUE);
            index.threads = 3;
            let ranked = index
                .rank(&CATALOGUE, &query, &Filters::default(), &AtomicBool::new(false))
                .unwrap();
            let services = CATALOGUE.services();
            let key = |r: &Ranked| {
                (std::cmp::Reverse(r.score), super::fold_str(&services[r.service].name), &services[r.service].id)
            };
            proptest::prop_assert!(ranked.windows(2).all(|w| key(&w[0]) < key(&w[1])));
            let words = super::query_words(&query);
            for r in &ranked {
                let plain = super::score_service(&super::skim(), &CATALOGUE, &services[r.service], &words);
                proptest::prop_assert_eq!(plain.map(|(score, _)| score), Some(r.score));
            }
            let mut fast = ranking(&index, &CATALOGUE, &query);
            let mut plain = plain_rescan(&CATALOGUE, &query);
            fast.sort();
            plain.sort();
            proptest::prop_assert_eq!(fast, plain, "query {:?}", query);
        }

        /// Shapes scored for other words never change results: one index
        /// that has answered every query before ranks each as a fresh index
        /// does.
        #[test]
        fn shapes_kept_from_other_queries_never_change_results(
            picks in proptest::collection::vec((0usize..10_000, 0usize..40, 0u8..4), 1..3),
            short in "[a-z]{1,4}",
        ) {
            static SHARED: std::sync::LazyLock<SearchIndex> =
                std::sync::LazyLock::new(|| SearchIndex::new(&CATALOGUE));
            for query in [query_from(&CATALOGUE, &picks), short] {
                let fresh = SearchIndex::new(&CATALOGUE);
                proptest::prop_assert_eq!(
                    ranking(&SHARED, &CATALOGUE, &query),
                    ranking(&fresh, &CATALOGUE, &query),
                    "query {:?}", query
                );
            }
        }

        /// Scores kept from earlier keystrokes never change results: typing a
        /// query one letter at a time, then deleting it again, ranks every
        /// step as a fresh index does.
        #[test]
        fn typing_and_deleting_ranks_as_a_fresh_search_does(
            picks in proptest::collection::vec((0usize..10_000, 0usize..40, 0u8..4), 1..4),
        ) {
            let query = query_from(&CATALOGUE, &picks);
            let typed: Vec<String> = (1..=query.chars().count())
                .map(|n| query.chars().take(n).collect())
                .collect();
            let index = SearchIndex::new(&CATALOGUE);
            for step in typed.iter().chain(typed.iter().rev()) {
                let fresh = SearchIndex::new(&CATALOGUE);
                proptest::prop_assert_eq!(
                    ranking(&index, &CATALOGUE, step),
                    ranking(&fresh, &CATALOGUE, step),
                    "query {:?}", step
                );
            }
        }
    }
}
