//! What the map shows: gaps (what no one offers, ranked by how much it
//! matters), overlaps (several providers for the same SMEs, and overlaps
//! across tiers, which the Danish model of business support forbids), and
//! likely duplicates (services that read alike and sit in the same cell).

use crate::i18n::{Text, fill, tr};
use std::collections::{BTreeMap, BTreeSet};

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
    pub providers: Vec<String>,
    pub services: Vec<String>,
    /// The tiers (local, regional, national) that overlap, when more than one.
    pub tiers: Vec<Tier>,
}

impl Overlap {
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
    let mut cells: BTreeMap<(Support, Stage, Mode), Vec<&Service>> = BTreeMap::new();
    for &i in services {
        let service = &catalogue.services()[i];
        if service.tier == Tier::European {
            continue;
        }
        for &support in &service.support {
            for &stage in &service.stages {
                for &mode in &service.modes {
                    cells
                        .entry((support, stage, mode))
                        .or_default()
                        .push(service);
                }
            }
        }
    }
    let mut found = Vec::new();
    for ((support, stage, mode), in_cell) in cells {
        // Services for firms of one size class at least shared by two providers.
        for size in SizeClass::ALL {
            let serving: Vec<&&Service> =
                in_cell.iter().filter(|s| sizes(s).contains(size)).collect();
            let providers: BTreeSet<&str> = serving.iter().map(|s| s.provider.as_str()).collect();
            if providers.len() < 2 {
                continue;
            }
            let tiers: BTreeSet<Tier> = serving.iter().map(|s| s.tier).collect();
            let mut ids: Vec<String> = serving.iter().map(|s| s.id.to_string()).collect();
            ids.sort();
            found.push(Overlap {
                support,
                stage,
                mode,
                providers: providers.iter().map(|p| (*p).to_owned()).collect(),
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
        b.providers
            .len()
            .cmp(&a.providers.len())
            .then(b.cross_tier().cmp(&a.cross_tier()))
            .then((a.support, a.stage, a.mode).cmp(&(b.support, b.stage, b.mode)))
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

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// Pairs of services in a common support × stage × mode cell whose names and
/// keywords (weight 0.6) and summaries (0.4) share most of their words.
#[must_use]
pub fn duplicates(catalogue: &Catalogue, services: &[usize]) -> Vec<Duplicate> {
    struct Words {
        title: BTreeSet<String>,
        summary: BTreeSet<String>,
    }
    let texts: BTreeMap<usize, Words> = services
        .iter()
        .map(|&i| {
            let s = &catalogue.services()[i];
            let title = format!("{} {}", s.name, s.keywords.join(" "));
            (
                i,
                Words {
                    title: words(&title),
                    summary: words(&s.summary),
                },
            )
        })
        .collect();
    let mut cells: BTreeMap<(Support, Stage, Mode), Vec<usize>> = BTreeMap::new();
    for &i in services {
        let s = &catalogue.services()[i];
        for &support in &s.support {
            for &stage in &s.stages {
                for &mode in &s.modes {
                    cells.entry((support, stage, mode)).or_default().push(i);
                }
            }
        }
    }
    let mut seen: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut found = Vec::new();
    for in_cell in cells.values() {
        for (k, &a) in in_cell.iter().enumerate() {
            for &b in &in_cell[k + 1..] {
                let pair = (a.min(b), a.max(b));
                if !seen.insert(pair) {
                    continue;
                }
                let (wa, wb) = (&texts[&pair.0], &texts[&pair.1]);
                let similarity =
                    0.6 * jaccard(&wa.title, &wb.title) + 0.4 * jaccard(&wa.summary, &wb.summary);
                if similarity < DUPLICATE_THRESHOLD {
                    continue;
                }
                let shared: Vec<&str> = wa
                    .title
                    .intersection(&wb.title)
                    .map(String::as_str)
                    .take(6)
                    .collect();
                let (first, second) =
                    (&catalogue.services()[pair.0], &catalogue.services()[pair.1]);
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
