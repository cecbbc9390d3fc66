//! What the map shows: gaps (what no one offers, ranked by how much it
//! matters), overlaps (several providers for the same SMEs, and overlaps
//! across tiers, which the Danish model of business support forbids), and
//! likely duplicates (services that read alike and sit in the same cell).

use crate::i18n::{Text, fill, tr};
use std::collections::{BTreeMap, BTreeSet};

use foldhash::{HashMap, HashMapExt as _};

use serde::Serialize;

use crate::catalogue::{Catalogue, Service};
use crate::search::fold::fold_str;
use crate::vocab::{Mode, Need, SizeClass, Stage, Support, Tier};

/// How much a gap matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Critical,
    High,
    Medium,
    Low,
}

impl Severity {
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Severity::Critical => "critical",
            Severity::High => "high",
            Severity::Medium => "medium",
            Severity::Low => "low",
        }
    }
}

/// Something no service in the area offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub severity: Severity,
    /// What is missing, in words.
    pub what: String,
    /// Why it matters.
    pub why: String,
}

/// The kinds of support an SME typically needs at each stage (from the
/// barrier-to-support routing of the domain research: information and advice
/// first, then finance, partners and presence as it enters and grows).
const EXPECTED: [(Stage, &[Support]); 5] = [
    (
        Stage::Explore,
        &[
            Support::Awareness,
            Support::Information,
            Support::Diagnostic,
            Support::Advice,
        ],
    ),
    (
        Stage::Prepare,
        &[
            Support::Advice,
            Support::Training,
            Support::Diagnostic,
            Support::Grant,
            Support::Regulatory,
        ],
    ),
    (
        Stage::Research,
        &[
            Support::Information,
            Support::Advice,
            Support::Matchmaking,
            Support::InMarket,
        ],
    ),
    (
        Stage::Enter,
        &[
            Support::Matchmaking,
            Support::Promotion,
            Support::Documentation,
            Support::Regulatory,
            Support::Grant,
            Support::Loan,
            Support::Guarantee,
            Support::Insurance,
        ],
    ),
    (
        Stage::Grow,
        &[
            Support::InMarket,
            Support::Promotion,
            Support::Collective,
            Support::Loan,
            Support::Guarantee,
            Support::Insurance,
        ],
    ),
];

/// Finance of any kind.
const FINANCE: [Support; 4] = [
    Support::Grant,
    Support::Loan,
    Support::Guarantee,
    Support::Insurance,
];

/// The gaps among some services, most important first.
#[must_use]
pub fn gaps(catalogue: &Catalogue, services: &[usize]) -> Vec<Gap> {
    let all: Vec<&Service> = services.iter().map(|&i| &catalogue.services()[i]).collect();
    let offers = |support: Support, stage: Stage| {
        all.iter()
            .any(|s| s.support.contains(&support) && s.stages.contains(&stage))
    };
    let mut found = Vec::new();
    for (stage, expected) in EXPECTED {
        // A firm entering or growing abroad with no finance at all is the
        // gap that matters most; earlier, a missing grant is one gap among others.
        let active_abroad = matches!(stage, Stage::Enter | Stage::Grow);
        let no_finance = active_abroad && !FINANCE.iter().any(|&f| offers(f, stage));
        if no_finance {
            found.push(Gap {
                severity: Severity::Critical,
                what: fill(Text::GapNoFinance, &[("stage", stage.label())]),
                why: tr(Text::GapNoFinanceWhy).to_owned(),
            });
        }
        for &support in expected {
            if offers(support, stage) || (no_finance && FINANCE.contains(&support)) {
                continue;
            }
            let severity = if FINANCE.contains(&support) {
                Severity::High
            } else {
                Severity::Medium
            };
            found.push(Gap {
                severity,
                what: fill(
                    Text::GapNoSupport,
                    &[
                        ("stage", stage.label()),
                        ("support", &support.label().to_lowercase()),
                    ],
                ),
                why: fill(
                    Text::GapNoSupportWhy,
                    &[("stage", &stage.label().to_lowercase())],
                ),
            });
        }
    }
    for &mode in Mode::ALL {
        for &stage in Stage::ALL {
            if all
                .iter()
                .any(|s| s.modes.contains(&mode) && s.stages.contains(&stage))
            {
                continue;
            }
            let severity = match (mode, stage) {
                (Mode::Export, _) => Severity::High,
                (_, Stage::Enter | Stage::Grow) => Severity::Medium,
                _ => Severity::Low,
            };
            found.push(Gap {
                severity,
                what: fill(
                    Text::GapNoMode,
                    &[
                        ("mode", mode.label()),
                        ("stage", &stage.label().to_lowercase()),
                    ],
                ),
                why: tr(Text::GapNoModeWhy).to_owned(),
            });
        }
    }
    for &need in Need::ALL {
        if !all.iter().any(|s| s.needs.contains(&need)) {
            found.push(Gap {
                severity: Severity::High,
                what: fill(Text::GapNoNeed, &[("need", need.label())]),
                why: fill(
                    Text::GapNoNeedWhy,
                    &[("dimension", need.dimension().label())],
                ),
            });
        }
    }
    found.sort_by_key(|g| g.severity);
    found
}

/// Several providers serving the same SMEs in the same cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overlap {
    pub support: Support,
    pub stage: Stage,
    pub mode: Mode,
    /// The providers, by id, of the services that are no programme's doors.
    pub providers: Vec<String>,
    /// The programmes, by id, whose doors are in the cell: each counts as
    /// one provider, whoever runs its doors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub programmes: Vec<String>,
    pub services: Vec<String>,
    /// The tiers (local, regional, national) that overlap, when more than one.
    pub tiers: Vec<Tier>,
}

impl Overlap {
    /// How many providers overlap, a programme's doors counting as one.
    #[must_use]
    pub fn count(&self) -> usize {
        self.providers.len() + self.programmes.len()
    }

    /// The providers and programmes, for showing: providers first, then
    /// each programme as "programme `id`".
    #[must_use]
    pub fn names(&self) -> Vec<String> {
        self.providers
            .iter()
            .cloned()
            .chain(self.programmes.iter().map(|p| format!("programme {p}")))
            .collect()
    }

    /// Whether the overlap crosses tiers below the EU.
    #[must_use]
    pub fn cross_tier(&self) -> bool {
        self.tiers.len() > 1
    }
}

/// The size classes a service admits (none named: all).
fn sizes(service: &Service) -> Vec<SizeClass> {
    if service.eligibility.sizes.is_empty() {
        SizeClass::ALL.to_vec()
    } else {
        service.eligibility.sizes.clone()
    }
}

/// Cells where several providers serve the same SMEs — the same support,
/// stage and mode, for firms of a common size — most providers first. Only
/// local, regional and national providers count: EU-wide networks and portals
/// are there for every region alike, and are not the region's to change.
#[must_use]
pub fn overlaps(catalogue: &Catalogue, services: &[usize]) -> Vec<Overlap> {
    let mut cells: BTreeMap<(Support, Stage, Mode), Vec<usize>> = BTreeMap::new();
    for &i in services {
        let service = &catalogue.services()[i];
        if service.tier == Tier::European {
            continue;
        }
        for &support in &service.support {
            for &stage in &service.stages {
                for &mode in &service.modes {
                    cells.entry((support, stage, mode)).or_default().push(i);
                }
            }
        }
    }
    let all = catalogue.services();
    let mut found = Vec::new();
    for ((support, stage, mode), in_cell) in cells {
        // Services for firms of one size class at least shared by two
        // providers, a programme's doors counting as one.
        for size in SizeClass::ALL {
            let serving: Vec<usize> = in_cell
                .iter()
                .copied()
                .filter(|&i| sizes(&all[i]).contains(size))
                .collect();
            let offerers: BTreeSet<super::Offerer> = serving
                .iter()
                .map(|&i| super::offerer(catalogue, i))
                .collect();
            if offerers.len() < 2 {
                continue;
            }
            let tiers: BTreeSet<Tier> = serving.iter().map(|&i| all[i].tier).collect();
            let mut ids: Vec<String> = serving.iter().map(|&i| all[i].id.to_string()).collect();
            ids.sort();
            let (mut providers, mut programmes) = (Vec::new(), Vec::new());
            for offerer in offerers {
                match offerer {
                    super::Offerer::Provider(id) => providers.push(id.to_owned()),
                    super::Offerer::Programme(p) => {
                        programmes.push(catalogue.programmes()[p].id.to_string());
                    }
                }
            }
            programmes.sort();
            found.push(Overlap {
                support,
                stage,
                mode,
                providers,
                programmes,
                services: ids,
                tiers: if tiers.len() > 1 {
                    tiers.into_iter().collect()
                } else {
                    Vec::new()
                },
            });
            // One overlap per cell: the first size class shared (micro firms first).
            break;
        }
    }
    found.sort_by(|a, b| {
        b.count()
            .cmp(&a.count())
            .then(b.cross_tier().cmp(&a.cross_tier()))
            .then((a.support, a.stage, a.mode).cmp(&(b.support, b.stage, b.mode)))
    });
    found
}

/// One door of a programme: a service offering it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Door {
    pub service: String,
    /// The provider's name.
    pub provider: String,
    pub tier: Tier,
    pub areas: Vec<String>,
}

/// A programme offered through several doors in the area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Doors {
    /// The programme's id.
    pub programme: String,
    pub name: String,
    /// The doors, the most local tier first.
    pub doors: Vec<Door>,
    /// What this means for the tables and for referral, in words.
    pub why: String,
}

/// The programmes with at least two doors among some services, those with
/// the most doors first, then by name.
#[must_use]
pub fn doors(catalogue: &Catalogue, services: &[usize]) -> Vec<Doors> {
    let all = catalogue.services();
    let mut by_programme: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &i in services {
        if let Some(p) = catalogue.programme_position(&all[i]) {
            by_programme.entry(p).or_default().push(i);
        }
    }
    let mut found: Vec<Doors> = by_programme
        .into_iter()
        .filter(|(_, doors)| doors.len() > 1)
        .map(|(p, mut doors)| {
            doors.sort_by_key(|&i| (all[i].tier, i));
            let doors: Vec<Door> = doors
                .into_iter()
                .map(|i| Door {
                    service: all[i].id.to_string(),
                    provider: catalogue.provider_of(&all[i]).name.clone(),
                    tier: all[i].tier,
                    areas: all[i].areas.iter().map(ToString::to_string).collect(),
                })
                .collect();
            let listed: Vec<String> = doors
                .iter()
                .map(|d| {
                    format!(
                        "{} ({}, {})",
                        d.provider,
                        d.tier.label(),
                        d.areas.join(" ")
                    )
                })
                .collect();
            let programme = &catalogue.programmes()[p];
            Doors {
                programme: programme.id.to_string(),
                name: programme.name.clone(),
                why: fill(
                    Text::ProgrammeDoorsWhy,
                    &[
                        ("programme", &programme.name),
                        ("doors", &listed.join("; ")),
                    ],
                ),
                doors,
            }
        })
        .collect();
    found.sort_by(|a, b| {
        b.doors
            .len()
            .cmp(&a.doors.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    found
}

/// Two services that read alike and sit in the same cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Duplicate {
    pub first: String,
    pub second: String,
    /// 0 to 1: how alike their names, keywords and summaries are.
    pub similarity: f64,
    pub reason: String,
}

/// Below this similarity two services are not reported.
pub const DUPLICATE_THRESHOLD: f64 = 0.6;

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

fn words(text: &str) -> BTreeSet<String> {
    fold_str(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !STOP_WORDS.contains(w))
        .map(str::to_owned)
        .collect()
}

/// The Jaccard similarity of two word sets; the tests' every-pair reference.
#[cfg(test)]
fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// The ids two sorted lists share, in order.
fn common<'a>(a: &'a [u32], b: &'a [u32]) -> impl Iterator<Item = u32> + 'a {
    let (mut i, mut j) = (0, 0);
    std::iter::from_fn(move || {
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    let id = a[i];
                    i += 1;
                    j += 1;
                    return Some(id);
                }
            }
        }
        None
    })
}

/// [`jaccard`] of two sorted lists of word ids.
fn jaccard_ids(a: &[u32], b: &[u32]) -> f64 {
    let shared = common(a, b).count();
    let union = a.len() + b.len() - shared;
    if union == 0 {
        return 0.0;
    }
    shared as f64 / union as f64
}

/// A service's title and summary words, as sorted ids of one vocabulary.
struct Words {
    title: Vec<u32>,
    summary: Vec<u32>,
}

/// The title (name and keywords) and summary words of each service, as
/// small ids, so that comparing two services merges two short sorted lists
/// of numbers rather than sets of strings; and the words by id.
fn word_ids(catalogue: &Catalogue, services: &[usize]) -> (Vec<Words>, Vec<String>) {
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut vocabulary: Vec<String> = Vec::new();
    let mut intern = |set: BTreeSet<String>| -> Vec<u32> {
        let mut out: Vec<u32> = set
            .into_iter()
            .map(|word| {
                if let Some(&id) = ids.get(&word) {
                    return id;
                }
                let id = u32::try_from(vocabulary.len()).unwrap_or(u32::MAX);
                vocabulary.push(word.clone());
                ids.insert(word, id);
                id
            })
            .collect();
        out.sort_unstable();
        out
    };
    let texts = services
        .iter()
        .map(|&i| {
            let s = &catalogue.services()[i];
            let title = format!("{} {}", s.name, s.keywords.join(" "));
            Words {
                title: intern(words(&title)),
                summary: intern(words(&s.summary)),
            }
        })
        .collect();
    (texts, vocabulary)
}

/// Pairs of services in a common support × stage × mode cell whose names and
/// keywords (weight 0.6) and summaries (0.4) share most of their words.
///
/// Not every pair is compared: a pair reaches the threshold only if its
/// title words' Jaccard similarity is at least (0.6 − 0.4) ÷ 0.6 = 1/3,
/// and two sets that similar must share a word among the first few of each
/// when words are taken rarest first (prefix filtering). So each service is
/// compared only with those sharing one of its rarest title words, and the
/// work grows with the catalogue, not with the square of a cell.
#[must_use]
pub fn duplicates(catalogue: &Catalogue, services: &[usize]) -> Vec<Duplicate> {
    let all = catalogue.services();
    let (texts, vocabulary) = word_ids(catalogue, services);
    // Title words, rarest first (then by id, so the order is total).
    let mut frequency: Vec<usize> = vec![0; vocabulary.len()];
    for text in &texts {
        for &word in &text.title {
            frequency[word as usize] += 1;
        }
    }
    // A little below 1/3, so rounding can never drop a pair at the edge.
    let least_title = (DUPLICATE_THRESHOLD - 0.4) / 0.6 - 1e-9;
    let share_cell = |a: &Service, b: &Service| {
        a.support.iter().any(|s| b.support.contains(s))
            && a.stages.iter().any(|s| b.stages.contains(s))
            && a.modes.iter().any(|m| b.modes.contains(m))
    };
    let mut holders: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut last_seen: Vec<usize> = vec![usize::MAX; texts.len()];
    let mut found = Vec::new();
    for (k, text) in texts.iter().enumerate() {
        let mut rare: Vec<u32> = text.title.clone();
        rare.sort_by_key(|&w| (frequency[w as usize], w));
        let size = rare.len();
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a title has far fewer words than usize holds, and the product is positive"
        )]
        let needed = (least_title * size as f64).ceil() as usize;
        let prefix = &rare[..size.saturating_sub(needed).saturating_add(1).min(size)];
        for &word in prefix {
            let list = holders.entry(word).or_default();
            for &j in list.iter() {
                if last_seen[j] == k {
                    continue;
                }
                last_seen[j] = k;
                let wa = &texts[j];
                // Sets of very different sizes cannot reach a third in common.
                let (small, large) = (
                    wa.title.len().min(size) as f64,
                    wa.title.len().max(size) as f64,
                );
                if small < least_title * large {
                    continue;
                }
                let (a, b) = (&all[services[j]], &all[services[k]]);
                if !share_cell(a, b) || (a.programme.is_some() && a.programme == b.programme) {
                    continue;
                }
                let similarity = 0.6 * jaccard_ids(&wa.title, &text.title)
                    + 0.4 * jaccard_ids(&wa.summary, &text.summary);
                if similarity < DUPLICATE_THRESHOLD {
                    continue;
                }
                let (first, second) = if services[j] < services[k] {
                    (a, b)
                } else {
                    (b, a)
                };
                // The shared title words, alphabetically, as the string sets gave them.
                let mut shared: Vec<&str> = common(&wa.title, &text.title)
                    .map(|w| vocabulary[w as usize].as_str())
                    .collect();
                shared.sort_unstable();
                shared.truncate(6);
                found.push(Duplicate {
                    first: first.id.to_string(),
                    second: second.id.to_string(),
                    similarity: (similarity * 100.0).round() / 100.0,
                    reason: fill(
                        Text::DuplicateWhy,
                        &[
                            ("support", &shared_support(first, second)),
                            ("shared", &shared.join(", ")),
                        ],
                    ),
                });
            }
            list.push(k);
        }
    }
    found.sort_by(|a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then_with(|| (&a.first, &a.second).cmp(&(&b.first, &b.second)))
    });
    found
}

fn shared_support(a: &Service, b: &Service) -> String {
    a.support
        .iter()
        .filter(|s| b.support.contains(s))
        .map(|s| s.label().to_lowercase())
        .collect::<Vec<_>>()
        .join(crate::i18n::tr(Text::ListAnd))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::ServiceId;

    /// Every pair, compared the plain way: the reference the indexed search
    /// must agree with.
    fn every_pair(catalogue: &Catalogue, services: &[usize]) -> BTreeSet<(String, String, u64)> {
        let all = catalogue.services();
        let mut out = BTreeSet::new();
        for (x, &i) in services.iter().enumerate() {
            for &j in &services[x + 1..] {
                let (a, b) = (&all[i.min(j)], &all[i.max(j)]);
                let shares = a.support.iter().any(|s| b.support.contains(s))
                    && a.stages.iter().any(|s| b.stages.contains(s))
                    && a.modes.iter().any(|m| b.modes.contains(m));
                if !shares || (a.programme.is_some() && a.programme == b.programme) {
                    continue;
                }
                let title = |s: &Service| words(&format!("{} {}", s.name, s.keywords.join(" ")));
                let similarity = 0.6 * jaccard(&title(a), &title(b))
                    + 0.4 * jaccard(&words(&a.summary), &words(&b.summary));
                if similarity >= DUPLICATE_THRESHOLD {
                    #[allow(
                        clippy::cast_possible_truncation,
                        clippy::cast_sign_loss,
                        reason = "a similarity between 0 and 1, rounded to hundredths"
                    )]
                    let key = (similarity * 100.0).round() as u64;
                    out.insert((a.id.to_string(), b.id.to_string(), key));
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
    fn as_set(found: &[Duplicate]) -> BTreeSet<(String, String, u64)> {
        found
            .iter()
            .map(|d| {
                (
                    d.first.clone(),
                    d.second.clone(),
                    (d.similarity * 100.0).round() as u64,
                )
            })
            .collect()
    }

    /// A generated catalogue with near copies planted: every third service
    /// again under another id, with one keyword fewer or a word of its name
    /// changed — some become duplicates, some near misses.
    fn with_near_copies(size: usize, seed: u64) -> Catalogue {
        let base = crate::generate::catalogue(size, seed);
        let mut services: Vec<Service> = base.services().to_vec();
        for (n, original) in base.services().iter().enumerate().step_by(3) {
            let mut copy = original.clone();
            copy.id = ServiceId::new(format!("{}-copy", original.id));
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
        Catalogue::from_parts(
            base.programmes().to_vec(),
            base.providers().to_vec(),
            services,
        )
    }

    #[test]
    fn the_indexed_search_finds_exactly_the_pairs_every_pair_would() {
        for (size, seed) in [(60, 1), (300, 7), (900, 42)] {
            let catalogue = with_near_copies(size, seed);
            let services: Vec<usize> = (0..catalogue.services().len()).collect();
            let reference = every_pair(&catalogue, &services);
            let found = as_set(&duplicates(&catalogue, &services));
            assert!(!reference.is_empty(), "no duplicates planted at {size}");
            assert_eq!(found, reference, "at {size} services, seed {seed}");
        }
    }
}
