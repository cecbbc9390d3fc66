//! Likely duplicates: the same or nearly the same service offered by two
//! providers to the same firms in the same area. Doors of one programme are
//! not duplicates (they are how the programme reaches firms), and neither
//! are two schemes of one provider.
//!
//! A pair is compared only when it could serve the same firm in the same
//! way ([`comparable`]): another provider, not a door of the same
//! programme, a common support kind, stage and mode, areas that overlap,
//! firms of a common size, and no disjoint target markets or sectors. It is
//! a likely duplicate by one of two routes:
//!
//! - **They read alike** ([`Likeness::ReadAlike`]): 0.6 × the share of the
//!   words of their names and keywords they have in common plus 0.4 × the
//!   share for their summaries is at least [`DUPLICATE_THRESHOLD`].
//! - **Partners in one place** ([`Likeness::Partners`]): one names the
//!   other's provider (a national agency's regional office and the regional
//!   centre it runs with), both are for exactly the same areas, modes and
//!   target markets, and they share a need as well.
//!
//! Words are compared folded (accents and case ignored), of three letters
//! or more, without the domain's common words, and without the words of
//! more than [`COMMON_WORD`] of the services' names (or summaries): a word
//! that many services use does not tell two of them apart.
//!
//! Not every pair is compared. A pair reaches the threshold only if its
//! name words' share is at least (0.6 − 0.4) ÷ 0.6 = 1/3, and two sets that
//! similar must share a word among the first few of each when words are
//! taken rarest first (prefix filtering). Each service is compared only
//! with the services holding one of its rarest words there, and no word is
//! held by more than [`COMMON_WORD`] services, so the work grows with the
//! catalogue, never with its square. The partners route looks only at the
//! services of a provider the text names. Each finding says what the two
//! have in common and what differs.

use std::hash::BuildHasher as _;

use foldhash::{HashMap, HashMapExt as _, HashSet, HashSetExt as _};
use serde::Serialize;

use crate::catalogue::{Area, Catalogue, Service};
use crate::i18n::{Lang, Text};
use crate::search::fold::fold_str;
use crate::vocab::{Mode, Need, SizeClass, Stage, Support};

/// How two services came to be likely duplicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Likeness {
    /// Their names, keywords and summaries read alike.
    ReadAlike,
    /// One names the other's provider, and both serve exactly the same areas,
    /// modes and markets with a common support kind, stage and need.
    Partners,
}

/// Two services that are likely the same offer twice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duplicate {
    pub first: String,
    pub second: String,
    pub kind: Likeness,
    /// 0 to 1: the larger of how alike they read (names and keywords 0.6,
    /// summaries 0.4) and how alike their offer is (the shares of support
    /// kinds, stages, needs and modes in common).
    pub similarity: f64,
    /// What the two have in common, in words.
    pub same: Vec<String>,
    /// What differs, in words.
    pub differs: Vec<String>,
    /// `same` and `differs` in one sentence.
    pub reason: String,
}

/// Below this similarity of their texts two services do not read alike.
pub const DUPLICATE_THRESHOLD: f64 = 0.6;

/// A word in the names (or summaries) of more services than this does not
/// tell services apart, and is left out of the comparison.
pub const COMMON_WORD: usize = 100;

/// Words too common in this domain to tell services apart.
const STOP_WORDS: [&str; 30] = [
    "the",
    "and",
    "for",
    "with",
    "from",
    "your",
    "you",
    "that",
    "this",
    "are",
    "its",
    "their",
    "into",
    "abroad",
    "firms",
    "companies",
    "business",
    "businesses",
    "smes",
    "sme",
    "service",
    "services",
    "support",
    "help",
    "which",
    "who",
    "can",
    "has",
    "have",
    "other",
];

/// The words of a text that count, folded, each once, in order of first use.
fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in fold_str(text).split(|c: char| !c.is_alphanumeric()) {
        if word.chars().count() >= 3
            && !STOP_WORDS.contains(&word)
            && !out.iter().any(|w| w == word)
        {
            out.push(word.to_owned());
        }
    }
    out
}

/// A word as a number: equal words give equal numbers, and two different
/// words the same one with a chance of about one in 2⁶⁴.
fn key(word: &str) -> u64 {
    foldhash::fast::FixedState::with_seed(0x6475_706c).hash_one(word)
}

/// Appends the keys of a text's words to `out`, folding the text in
/// `buffer` (reused, so that a whole catalogue folds through one buffer).
fn push_keys(text: &str, buffer: &mut String, out: &mut Vec<u64>) {
    buffer.clear();
    crate::search::fold::fold_into(text, buffer);
    for word in buffer.split(|c: char| !c.is_alphanumeric()) {
        if word.len() >= 3 && word.chars().count() >= 3 && !STOP_WORDS.contains(&word) {
            out.push(key(word));
        }
    }
}

/// The keys of a text's words, sorted, each once.
fn keys(text: &str, out: &mut Vec<u64>) {
    push_keys(text, &mut String::new(), out);
    out.sort_unstable();
    out.dedup();
}

/// A service's name and keywords, as one text.
fn title(service: &Service) -> String {
    let mut title = service.name.clone();
    for keyword in &service.keywords {
        title.push(' ');
        title.push_str(keyword);
    }
    title
}

/// The number of values two sorted lists share.
fn shared<T: Ord>(left: &[T], right: &[T]) -> usize {
    let (mut x, mut y, mut count) = (0, 0, 0);
    while x < left.len() && y < right.len() {
        match left[x].cmp(&right[y]) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                count += 1;
                x += 1;
                y += 1;
            }
        }
    }
    count
}

/// The Jaccard similarity of two sorted lists of distinct values.
fn jaccard_sorted<T: Ord>(a: &[T], b: &[T]) -> f64 {
    let common = shared(a, b);
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

/// The Jaccard similarity of two small lists of distinct values.
fn jaccard_small<T: PartialEq>(a: &[T], b: &[T]) -> f64 {
    let common = a.iter().filter(|x| b.contains(x)).count();
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

/// How alike two services read: 0.6 × their name and keyword words' share
/// in common, 0.4 × their summaries'.
fn text_similarity(a: &Words, b: &Words) -> f64 {
    0.6 * jaccard_sorted(&a.title, &b.title) + 0.4 * jaccard_sorted(&a.summary, &b.summary)
}

/// How alike two services' offers are: the mean share in common of their
/// support kinds, stages, needs and modes.
fn offer_similarity(a: &Service, b: &Service) -> f64 {
    (jaccard_small(&a.support, &b.support)
        + jaccard_small(&a.stages, &b.stages)
        + jaccard_small(&a.needs, &b.needs)
        + jaccard_small(&a.modes, &b.modes))
        / 4.0
}

/// The size classes a service admits (none named: all).
fn sizes(service: &Service) -> &[SizeClass] {
    if service.eligibility.sizes.is_empty() {
        SizeClass::ALL
    } else {
        &service.eligibility.sizes
    }
}

fn meet<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    a.iter().any(|x| b.contains(x))
}

/// Whether two services could serve the same firm in the same way: the
/// gate every likely duplicate passes.
#[must_use]
pub fn comparable(a: &Service, b: &Service) -> bool {
    a.provider != b.provider
        && !(a.programme.is_some() && a.programme == b.programme)
        && meet(&a.support, &b.support)
        && meet(&a.stages, &b.stages)
        && meet(&a.modes, &b.modes)
        && a.areas
            .iter()
            .any(|x| b.areas.iter().any(|y| x.overlaps(y)))
        && meet(sizes(a), sizes(b))
        && (a.markets.is_empty() || b.markets.is_empty() || meet(&a.markets, &b.markets))
        && (a.eligibility.sectors.is_empty()
            || b.eligibility.sectors.is_empty()
            || !a.eligibility.divisions.is_empty()
            || !b.eligibility.divisions.is_empty()
            || meet(&a.eligibility.sectors, &b.eligibility.sectors))
}

/// Whether two comparable services are partners in one place: exactly the
/// same areas, modes and target markets, and a need in common.
fn same_place(a: &Service, b: &Service) -> bool {
    let same = |x: &[Area], y: &[Area]| {
        x.len() == y.len() && x.iter().all(|v| y.contains(v)) && y.iter().all(|v| x.contains(v))
    };
    same(&a.areas, &b.areas)
        && same(&a.markets, &b.markets)
        && a.modes.len() == b.modes.len()
        && a.modes.iter().all(|m| b.modes.contains(m))
        && meet(&a.needs, &b.needs)
}

/// A service's words that count, as sorted keys.
struct Words {
    title: Vec<u64>,
    summary: Vec<u64>,
}

/// How many of the lists hold each word: `(key, count)`, by key.
fn frequencies<'a>(lists: impl Iterator<Item = &'a Vec<u64>>) -> Vec<(u64, u32)> {
    let mut every: Vec<u64> = lists.flatten().copied().collect();
    every.sort_unstable();
    let mut out: Vec<(u64, u32)> = Vec::new();
    for word in every {
        match out.last_mut() {
            Some((last, count)) if *last == word => *count += 1,
            _ => out.push((word, 1)),
        }
    }
    out
}

/// Each service's words, the common ones left out, and how many names
/// hold each name word (by key).
fn service_words(all: &[Service], services: &[usize]) -> (Vec<Words>, Vec<(u64, u32)>) {
    let read = |run: Vec<usize>| -> Vec<Words> {
        let mut buffer = String::new();
        run.into_iter()
            .map(|i| {
                let s = &all[i];
                let (mut title, mut summary) = (Vec::new(), Vec::new());
                push_keys(&s.name, &mut buffer, &mut title);
                for keyword in &s.keywords {
                    push_keys(keyword, &mut buffer, &mut title);
                }
                push_keys(&s.summary, &mut buffer, &mut summary);
                for list in [&mut title, &mut summary] {
                    list.sort_unstable();
                    list.dedup();
                }
                Words { title, summary }
            })
            .collect()
    };
    let mut texts: Vec<Words> = crate::parallel::map_runs(services.to_vec(), 2_048, read)
        .into_iter()
        .flatten()
        .collect();
    // Words of more than COMMON_WORD names (or summaries) tell nothing apart.
    let (titles, summaries) = crate::parallel::both(
        || frequencies(texts.iter().map(|t| &t.title)),
        || frequencies(texts.iter().map(|t| &t.summary)),
    );
    let common = |counts: &[(u64, u32)]| -> HashSet<u64> {
        counts
            .iter()
            .filter(|&&(_, n)| n as usize > COMMON_WORD)
            .map(|&(word, _)| word)
            .collect()
    };
    let (common_titles, common_summaries) = (common(&titles), common(&summaries));
    if !common_titles.is_empty() || !common_summaries.is_empty() {
        for text in &mut texts {
            text.title.retain(|w| !common_titles.contains(w));
            text.summary.retain(|w| !common_summaries.contains(w));
        }
    }
    (texts, titles)
}

/// The least share of name words two services that read alike have in
/// common, a little below 1/3 so that rounding never drops a pair at the edge.
fn least_title() -> f64 {
    (DUPLICATE_THRESHOLD - 0.4) / 0.6 - 1e-9
}

/// How many of a set's rarest words another set at least [`least_title`]
/// alike must share one of.
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "a title has far fewer words than usize holds, and the product is positive"
)]
fn prefix_len(size: usize) -> usize {
    let needed = (least_title() * size as f64).ceil() as usize;
    size.saturating_sub(needed).saturating_add(1).min(size)
}

/// Pairs (positions in `services`, first < second) whose texts read alike,
/// found by prefix filtering; each is comparable and at the threshold.
fn read_alike(
    all: &[Service],
    services: &[usize],
    texts: &[Words],
    frequency: &[(u64, u32)],
) -> Vec<(usize, usize, f64)> {
    // Title words, rarest first (then by key, so the order is total).
    let count = |word: u64| {
        frequency
            .binary_search_by_key(&word, |&(w, _)| w)
            .map_or(0, |at| frequency[at].1)
    };
    let prefixes: Vec<Vec<u64>> = texts
        .iter()
        .map(|text| {
            let mut rare: Vec<(u32, u64)> = text.title.iter().map(|&w| (count(w), w)).collect();
            rare.sort_unstable();
            rare.truncate(prefix_len(rare.len()));
            rare.into_iter().map(|(_, w)| w).collect()
        })
        .collect();
    // Which services hold each word in their prefix, in order.
    let mut holders: HashMap<u64, Vec<u32>> = HashMap::with_capacity(texts.len());
    for (k, prefix) in prefixes.iter().enumerate() {
        let k = u32::try_from(k).unwrap_or(u32::MAX);
        for &word in prefix {
            holders.entry(word).or_default().push(k);
        }
    }
    let probe = |run: Vec<usize>| -> Vec<(usize, usize, f64)> {
        let mut found = Vec::new();
        // The last service each was compared with: each pair once.
        let mut seen: Vec<usize> = vec![usize::MAX; texts.len()];
        for k in run {
            let text = &texts[k];
            for word in &prefixes[k] {
                for &held in &holders[word] {
                    let j = held as usize;
                    if j >= k || seen[j] == k {
                        continue;
                    }
                    seen[j] = k;
                    let other = &texts[j];
                    // Sets of very different sizes cannot reach a third in common.
                    let (small, large) = (
                        other.title.len().min(text.title.len()) as f64,
                        other.title.len().max(text.title.len()) as f64,
                    );
                    if small < least_title() * large {
                        continue;
                    }
                    // Below a third of their name words in common, the
                    // summaries cannot make up the rest.
                    if jaccard_sorted(&other.title, &text.title) < least_title() {
                        continue;
                    }
                    let similarity = text_similarity(other, text);
                    if similarity >= DUPLICATE_THRESHOLD
                        && comparable(&all[services[j]], &all[services[k]])
                    {
                        found.push((j, k, similarity));
                    }
                }
            }
        }
        found
    };
    crate::parallel::map_runs((0..texts.len()).collect(), 1_024, probe)
        .into_iter()
        .flatten()
        .collect()
}

/// The handles a provider is named by in texts: its id when it is one word,
/// and the words of its name written in capitals (`PAIH`, `ARP`), folded.
fn handles(catalogue: &Catalogue, provider: &str) -> Vec<u64> {
    let mut out = Vec::new();
    if provider.len() >= 3 && provider.bytes().all(|b| b.is_ascii_lowercase()) {
        out.push(key(provider));
    }
    if let Some(p) = catalogue.provider(&crate::catalogue::ProviderId::new(provider)) {
        for word in p.name.split(|c: char| !c.is_alphanumeric()) {
            if word.chars().count() >= 3 && word.chars().all(char::is_uppercase) {
                out.push(key(&fold_str(word)));
            }
        }
    }
    out
}

/// Pairs (positions in `services`, first < second) of partners in one
/// place: one's texts name the other's provider.
fn partners(
    catalogue: &Catalogue,
    services: &[usize],
    texts: &[Words],
) -> Vec<(usize, usize, f64)> {
    let all = catalogue.services();
    // The services of each provider, and the providers' handles: a handle
    // of several providers names none of them.
    let mut by_provider: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, &i) in services.iter().enumerate() {
        by_provider
            .entry(all[i].provider.as_str())
            .or_default()
            .push(k);
    }
    let mut named: HashMap<u64, Option<&str>> = HashMap::new();
    for &provider in by_provider.keys() {
        for handle in handles(catalogue, provider) {
            named
                .entry(handle)
                .and_modify(|p| {
                    if *p != Some(provider) {
                        *p = None;
                    }
                })
                .or_insert(Some(provider));
        }
    }
    let mut found = Vec::new();
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    for (k, text) in texts.iter().enumerate() {
        let own = all[services[k]].provider.as_str();
        for word in text.title.iter().chain(&text.summary) {
            let Some(Some(provider)) = named.get(word) else {
                continue;
            };
            if *provider == own {
                continue;
            }
            for &j in &by_provider[provider] {
                let (a, b) = (&all[services[j]], &all[services[k]]);
                if comparable(a, b) && same_place(a, b) && pairs.insert((j.min(k), j.max(k))) {
                    let similarity = text_similarity(&texts[j], &texts[k]);
                    found.push((j.min(k), j.max(k), similarity));
                }
            }
        }
    }
    found
}

/// Likely duplicates among some services (positions in the catalogue), the
/// most alike first.
#[must_use]
pub fn duplicates(catalogue: &Catalogue, services: &[usize], lang: Lang) -> Vec<Duplicate> {
    let all = catalogue.services();
    let (texts, frequency) = service_words(all, services);
    let alike = read_alike(all, services, &texts, &frequency);
    let known: HashSet<(usize, usize)> = alike.iter().map(|&(j, k, _)| (j, k)).collect();
    let linked: Vec<(usize, usize, f64)> = partners(catalogue, services, &texts)
        .into_iter()
        .filter(|(j, k, _)| !known.contains(&(*j, *k)))
        .collect();
    let mut found: Vec<Duplicate> = alike
        .into_iter()
        .map(|pair| (pair, Likeness::ReadAlike))
        .chain(linked.into_iter().map(|pair| (pair, Likeness::Partners)))
        .map(|((j, k, text), kind)| {
            let (x, y) = (services[j].min(services[k]), services[j].max(services[k]));
            describe(catalogue, &all[x], &all[y], kind, text, lang)
        })
        .collect();
    found.sort_by(|a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then_with(|| (&a.first, &a.second).cmp(&(&b.first, &b.second)))
    });
    found
}

/// Labels of a list's terms, lowercased where they are common nouns.
fn labels<T: Copy>(
    terms: &[T],
    label: fn(T, Lang) -> &'static str,
    lower: bool,
    lang: Lang,
) -> Vec<String> {
    terms
        .iter()
        .map(|&t| {
            if lower {
                label(t, lang).to_lowercase()
            } else {
                label(t, lang).to_owned()
            }
        })
        .collect()
}

/// What is in `a` and not in `b`.
fn only<T: Copy + PartialEq>(a: &[T], b: &[T]) -> Vec<T> {
    a.iter().copied().filter(|x| !b.contains(x)).collect()
}

/// What is in both.
fn both<T: Copy + PartialEq>(a: &[T], b: &[T]) -> Vec<T> {
    a.iter().copied().filter(|x| b.contains(x)).collect()
}

/// The terms of `a` that `b` lacks, in words: support kinds, stages, needs
/// and modes.
fn lacks(a: &Service, b: &Service, lang: Lang) -> Vec<String> {
    let mut items = labels(&only(&a.support, &b.support), Support::label_in, true, lang);
    items.extend(labels(
        &only(&a.stages, &b.stages),
        Stage::label_in,
        false,
        lang,
    ));
    items.extend(labels(
        &only(&a.modes, &b.modes),
        Mode::label_in,
        true,
        lang,
    ));
    items.extend(labels(
        &only(&a.needs, &b.needs),
        Need::label_in,
        false,
        lang,
    ));
    items
}

/// A duplicate with what the two have in common and what differs.
fn describe(
    catalogue: &Catalogue,
    a: &Service,
    b: &Service,
    kind: Likeness,
    text: f64,
    lang: Lang,
) -> Duplicate {
    let mut same = Vec::new();
    let names = |areas: &[Area]| {
        areas
            .iter()
            .map(|a| a.name_in(lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let same_areas = a.areas.len() == b.areas.len() && a.areas.iter().all(|x| b.areas.contains(x));
    if same_areas {
        same.push(names(&a.areas));
    }
    for items in [
        labels(&both(&a.modes, &b.modes), Mode::label_in, true, lang),
        labels(&both(&a.support, &b.support), Support::label_in, true, lang),
        labels(&both(&a.stages, &b.stages), Stage::label_in, false, lang),
        labels(&both(&a.needs, &b.needs), Need::label_in, false, lang),
    ] {
        if !items.is_empty() {
            same.push(items.join(", "));
        }
    }
    match kind {
        Likeness::ReadAlike => {
            let theirs = words(&title(b));
            let mut common: Vec<String> = words(&title(a))
                .into_iter()
                .filter(|w| theirs.contains(w))
                .collect();
            common.sort_unstable();
            common.truncate(6);
            if !common.is_empty() {
                same.push(lang.fill(Text::DuplicateShare, &[("shared", &common.join(", "))]));
            }
        }
        Likeness::Partners => {
            for (x, y) in [(a, b), (b, a)] {
                let provider = catalogue.provider_of(y);
                let theirs = handles(catalogue, y.provider.as_str());
                let mut mine = Vec::new();
                keys(&format!("{} {}", title(x), x.summary), &mut mine);
                if theirs.iter().any(|h| mine.binary_search(h).is_ok()) {
                    same.push(lang.fill(
                        Text::DuplicatePartner,
                        &[("service", x.id.as_str()), ("provider", &provider.name)],
                    ));
                }
            }
        }
    }
    let mut differs = Vec::new();
    for (x, y) in [(a, b), (b, a)] {
        let items = lacks(x, y, lang);
        if !items.is_empty() {
            differs.push(lang.fill(
                Text::DuplicateOnly,
                &[("service", x.id.as_str()), ("items", &items.join(", "))],
            ));
        }
    }
    if a.tier != b.tier {
        differs.push(format!(
            "{} / {}",
            a.tier.label_in(lang),
            b.tier.label_in(lang)
        ));
    }
    if !same_areas {
        differs.push(format!("{} / {}", names(&a.areas), names(&b.areas)));
    }
    let mut reason = lang.fill(Text::DuplicateSame, &[("items", &same.join("; "))]);
    if !differs.is_empty() {
        reason.push_str(" — ");
        reason.push_str(&lang.fill(Text::DuplicateDiffers, &[("items", &differs.join("; "))]));
    }
    let similarity = text.max(offer_similarity(a, b));
    Duplicate {
        first: a.id.to_string(),
        second: b.id.to_string(),
        kind,
        similarity: (similarity * 100.0).round() / 100.0,
        same,
        differs,
        reason,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::catalogue::{ProviderId, ServiceId};

    /// The share in common of two sets of words.
    fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
        let union = a.union(b).count();
        if union == 0 {
            return 0.0;
        }
        a.intersection(b).count() as f64 / union as f64
    }

    /// Every pair, compared the plain way — words as strings, the common
    /// ones counted and left out, every pair of services tried: the
    /// reference the prefix filtering must agree with.
    fn every_pair(catalogue: &Catalogue, services: &[usize]) -> BTreeSet<(String, String, u64)> {
        let all = catalogue.services();
        let sets = |text: &dyn Fn(&Service) -> String| -> Vec<BTreeSet<String>> {
            services
                .iter()
                .map(|&i| words(&text(&all[i])).into_iter().collect())
                .collect()
        };
        let drop_common = |mut sets: Vec<BTreeSet<String>>| {
            let mut counts = std::collections::BTreeMap::<String, usize>::new();
            for set in &sets {
                for word in set {
                    *counts.entry(word.clone()).or_default() += 1;
                }
            }
            for set in &mut sets {
                set.retain(|w| counts[w] <= COMMON_WORD);
            }
            sets
        };
        let titles = drop_common(sets(&title));
        let summaries = drop_common(sets(&|s: &Service| s.summary.clone()));
        let mut out = BTreeSet::new();
        for x in 0..services.len() {
            for y in x + 1..services.len() {
                let (a, b) = (&all[services[x]], &all[services[y]]);
                let similarity = 0.6 * jaccard(&titles[x], &titles[y])
                    + 0.4 * jaccard(&summaries[x], &summaries[y]);
                if similarity >= DUPLICATE_THRESHOLD && comparable(a, b) {
                    let (first, second) = if services[x] < services[y] {
                        (a, b)
                    } else {
                        (b, a)
                    };
                    out.insert((
                        first.id.to_string(),
                        second.id.to_string(),
                        hundredths(similarity),
                    ));
                }
            }
        }
        out
    }

    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a similarity between 0 and 1, rounded to hundredths"
    )]
    fn hundredths(similarity: f64) -> u64 {
        (similarity * 100.0).round() as u64
    }

    /// The pairs that read alike, found the fast way.
    fn found(catalogue: &Catalogue, services: &[usize]) -> BTreeSet<(String, String, u64)> {
        let all = catalogue.services();
        let (texts, frequency) = service_words(all, services);
        read_alike(all, services, &texts, &frequency)
            .into_iter()
            .map(|(j, k, similarity)| {
                let (x, y) = (services[j].min(services[k]), services[j].max(services[k]));
                (
                    all[x].id.to_string(),
                    all[y].id.to_string(),
                    hundredths(similarity),
                )
            })
            .collect()
    }

    /// A generated catalogue with near copies planted: every third service
    /// again under another id — most by another provider, some by the same
    /// one and some as another door of its programme, which are never
    /// duplicates — with one keyword fewer, a word of its name changed or
    /// its summary longer: some become duplicates, some near misses.
    fn with_near_copies(size: usize, seed: u64) -> Catalogue {
        let base = crate::generate::catalogue(size, seed);
        let providers = base.providers();
        let mut services: Vec<Service> = base.services().to_vec();
        for (n, original) in base.services().iter().enumerate().step_by(3) {
            let mut copy = original.clone();
            copy.id = ServiceId::new(format!("{}-copy", original.id));
            if n % 5 != 0 {
                copy.provider = ProviderId::new(providers[n % providers.len()].id.as_str());
                copy.programme = None;
            }
            match n % 4 {
                0 => {
                    copy.keywords.pop();
                }
                1 => copy.name = format!("{} regional", copy.name),
                2 => copy.name = "Completely different wording here".to_owned(),
                _ => copy.summary = format!("{} and more", copy.summary),
            }
            services.push(copy);
        }
        Catalogue::from_parts(base.programmes().to_vec(), providers.to_vec(), services)
    }

    #[test]
    fn the_prefix_filtering_finds_exactly_the_pairs_every_pair_would() {
        for (size, seed) in [(60, 1), (300, 7), (900, 42)] {
            let catalogue = with_near_copies(size, seed);
            let services: Vec<usize> = (0..catalogue.services().len()).collect();
            let reference = every_pair(&catalogue, &services);
            assert!(
                reference.len() > size / 20,
                "too few duplicates planted at {size}"
            );
            assert_eq!(
                found(&catalogue, &services),
                reference,
                "at {size} services, seed {seed}"
            );
        }
    }

    #[test]
    fn copies_by_the_same_provider_or_programme_are_never_duplicates() {
        let catalogue = with_near_copies(300, 7);
        let services: Vec<usize> = (0..catalogue.services().len()).collect();
        for d in duplicates(&catalogue, &services, Lang::En) {
            let (a, b) = (
                catalogue.service(&d.first).unwrap(),
                catalogue.service(&d.second).unwrap(),
            );
            assert_ne!(a.provider, b.provider, "{d:?}");
            assert!(a.programme.is_none() || a.programme != b.programme, "{d:?}");
        }
    }

    #[test]
    fn prefixes_are_long_enough_for_a_third_in_common() {
        for size in 1..40 {
            let prefix = prefix_len(size);
            // A set sharing none of the first `prefix` words shares at most
            // size − prefix of them: less than a third of its own words.
            assert!(
                ((size - prefix) as f64) < least_title() * size as f64 + 1e-6,
                "{size}"
            );
        }
    }
}
