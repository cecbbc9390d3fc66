//! What the map shows: gaps (what no one offers, ranked by how much it
//! matters), overlaps (several providers for the same SMEs, and overlaps
//! across tiers, which the Danish model of business support forbids), and
//! programmes offered through several doors. Likely duplicates are
//! [`mod@super::duplicates`]'s.

use crate::i18n::{Lang, Text};
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::catalogue::{Catalogue, Service};
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
pub fn gaps(catalogue: &Catalogue, services: &[usize], lang: Lang) -> Vec<Gap> {
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
                what: lang.fill(Text::GapNoFinance, &[("stage", stage.label_in(lang))]),
                why: lang.tr(Text::GapNoFinanceWhy).to_owned(),
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
                what: lang.fill(
                    Text::GapNoSupport,
                    &[
                        ("stage", stage.label_in(lang)),
                        ("support", &support.label_in(lang).to_lowercase()),
                    ],
                ),
                why: lang.fill(
                    Text::GapNoSupportWhy,
                    &[("stage", &stage.label_in(lang).to_lowercase())],
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
                what: lang.fill(
                    Text::GapNoMode,
                    &[
                        ("mode", mode.label_in(lang)),
                        ("stage", &stage.label_in(lang).to_lowercase()),
                    ],
                ),
                why: lang.tr(Text::GapNoModeWhy).to_owned(),
            });
        }
    }
    for &need in Need::ALL {
        if !all.iter().any(|s| s.needs.contains(&need)) {
            found.push(Gap {
                severity: Severity::High,
                what: lang.fill(Text::GapNoNeed, &[("need", need.label_in(lang))]),
                why: lang.fill(
                    Text::GapNoNeedWhy,
                    &[("dimension", need.dimension().label_in(lang))],
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
fn sizes(service: &Service) -> &[SizeClass] {
    if service.eligibility.sizes.is_empty() {
        SizeClass::ALL
    } else {
        &service.eligibility.sizes
    }
}

/// Cells where several providers serve the same SMEs — the same support,
/// stage and mode, for firms of a common size — most providers first. Only
/// local, regional and national providers count: EU-wide networks and portals
/// are there for every region alike, and are not the region's to change.
#[must_use]
pub fn overlaps(catalogue: &Catalogue, services: &[usize]) -> Vec<Overlap> {
    let ids = super::offer_ids(catalogue, services);
    // Each service's place in id order, so that a cell's services are
    // listed by id without comparing their ids again in every cell.
    let all = catalogue.services();
    let mut by_id: Vec<usize> = (0..services.len()).collect();
    by_id.sort_unstable_by(|&x, &y| all[services[x]].id.cmp(&all[services[y]].id));
    let mut rank = vec![0; services.len()];
    for (r, &x) in by_id.iter().enumerate() {
        rank[x] = r;
    }
    let mut cells: BTreeMap<(Support, Stage, Mode), Vec<usize>> = BTreeMap::new();
    for (x, &i) in services.iter().enumerate() {
        let service = &catalogue.services()[i];
        if service.tier == Tier::European {
            continue;
        }
        for &support in &service.support {
            for &stage in &service.stages {
                for &mode in &service.modes {
                    cells.entry((support, stage, mode)).or_default().push(x);
                }
            }
        }
    }
    let mut found = Vec::new();
    for ((support, stage, mode), in_cell) in cells {
        // Services for firms of one size class at least shared by two
        // providers, a programme's doors counting as one.
        for size in SizeClass::ALL {
            let serving: Vec<usize> = in_cell
                .iter()
                .copied()
                .filter(|&x| sizes(&all[services[x]]).contains(size))
                .collect();
            // At least two offerers: found without sorting, as most cells have many.
            let first = serving.first().map(|&x| ids[x].1);
            if !serving.iter().any(|&x| Some(ids[x].1) != first) {
                continue;
            }
            let mut offerers: Vec<u32> = serving.iter().map(|&x| ids[x].1).collect();
            offerers.sort_unstable();
            offerers.dedup();
            let mut serving = serving;
            serving.sort_unstable_by_key(|&x| rank[x]);
            let tiers: BTreeSet<Tier> = serving.iter().map(|&x| all[services[x]].tier).collect();
            let ids: Vec<String> = serving
                .iter()
                .map(|&x| all[services[x]].id.to_string())
                .collect();
            let (mut providers, mut programmes) = (Vec::new(), Vec::new());
            for offerer in offerers {
                let offerer = offerer as usize;
                match catalogue.providers().get(offerer) {
                    Some(provider) => providers.push(provider.id.to_string()),
                    None => programmes.push(
                        catalogue.programmes()[offerer - catalogue.providers().len()]
                            .id
                            .to_string(),
                    ),
                }
            }
            providers.sort();
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
pub fn doors(catalogue: &Catalogue, services: &[usize], lang: Lang) -> Vec<Doors> {
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
                        d.tier.label_in(lang),
                        d.areas.join(" ")
                    )
                })
                .collect();
            let programme = &catalogue.programmes()[p];
            Doors {
                programme: programme.id.to_string(),
                name: programme.name.clone(),
                why: lang.fill(
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
