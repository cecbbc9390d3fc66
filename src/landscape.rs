//! The support landscape of an area: who covers what, the gaps, the
//! overlaps and the likely duplicates — the map the EIS project set out to
//! draw — from the same catalogue SMEs are referred from.
//!
//! For an area, the services counted are those an SME there can use: the
//! area's own, and those of every area above it (its country, the EU, "*").
//! A country's survey also counts its regions' services. Closed services are
//! left out unless asked for. A programme offered through several doors
//! (services of several providers or places naming one programme) is one
//! offer of one provider wherever services and providers are counted. From
//! those:
//!
//! - [`matrix()`]: coverage tables — support × stage, mode × stage, need ×
//!   stage, dimension × stage, tier × support — with the number of services
//!   and of distinct providers in each cell;
//! - [`findings`]: gaps ranked by how much they matter, overlaps (several
//!   providers for the same SMEs, and across tiers), and programmes offered
//!   through several doors;
//! - [`duplicates()`]: the same service offered twice to the same firms;
//! - journey complexity: how many providers a typical SME must contact.
//!
//! `docs/landscape.md` explains every rule. All of it is pure.

pub mod duplicates;
pub mod findings;
pub mod matrix;
pub mod report;

use serde::Serialize;

use crate::assessment::Profile;
use crate::assessment::profile::{Company, DimensionScore, RankedNeed};
use crate::catalogue::{Area, Catalogue};
use crate::i18n::Lang;
use crate::journey::{DEFAULT_PER_STAGE, plan_from_matches};
use crate::vocab::{Dimension, Mode, Need, Stage};

pub use duplicates::{Duplicate, Likeness, duplicates};
pub use findings::{Door, Doors, Gap, Overlap, Severity, doors, gaps, overlaps};
pub use matrix::{Cell, Matrix, MatrixKind, matrix};

/// The services an SME in `area` can use (by position in the catalogue): those
/// available somewhere in the area or above it.
#[must_use]
pub fn in_area(catalogue: &Catalogue, area: &Area, include_closed: bool) -> Vec<usize> {
    catalogue
        .services()
        .iter()
        .enumerate()
        .filter(|(_, s)| include_closed || s.is_active())
        .filter(|(_, s)| {
            s.areas.iter().any(|a| match area {
                // A country (or the EU, or anywhere) counts what serves any part of it.
                Area::Anywhere | Area::Eu | Area::Country(_) => a.overlaps(area),
                // A region counts what serves all of it: its own, its country's, the EU's.
                // A partner region also counts what serves the NUTS region its
                // firms' answers place them in.
                Area::Subdivision(_) => {
                    a.holds(area, crate::catalogue::nuts::partner(area).as_ref()) == Some(true)
                }
                Area::Nuts(_) => a.contains(area),
            })
        })
        .map(|(i, _)| i)
        .collect()
}

/// What the landscape counts as one offer: a programme with all its doors,
/// or a service that is no programme's door.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Offer {
    /// A programme, by its place in [`Catalogue::programmes`].
    Programme(usize),
    /// A service, by its place in [`Catalogue::services`].
    Service(usize),
}

/// The offer a service (by position) belongs to.
#[must_use]
pub fn offer(catalogue: &Catalogue, service: usize) -> Offer {
    catalogue
        .programme_position(&catalogue.services()[service])
        .map_or(Offer::Service(service), Offer::Programme)
}

/// Each service's offer and offerer as small numbers, in the order of
/// `services`: a service's own place (or, past all services, its
/// programme's), and its provider's place (or, past all providers, its
/// programme's). Counting distinct numbers is what the tables do per cell.
#[must_use]
pub fn offer_ids(catalogue: &Catalogue, services: &[usize]) -> Vec<(u32, u32)> {
    let (services_len, providers_len) = (catalogue.services().len(), catalogue.providers().len());
    let id = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    services
        .iter()
        .map(|&i| {
            let s = &catalogue.services()[i];
            match catalogue.programme_position(s) {
                Some(p) => (id(services_len + p), id(providers_len + p)),
                None => (
                    id(i),
                    id(catalogue.provider_position(&s.provider).unwrap_or(0)),
                ),
            }
        })
        .collect()
}

/// How many offers some services make: each programme counts once.
#[must_use]
pub fn count_offers(catalogue: &Catalogue, services: &[usize]) -> usize {
    let mut offers: Vec<Offer> = services.iter().map(|&i| offer(catalogue, i)).collect();
    offers.sort_unstable();
    offers.dedup();
    offers.len()
}

/// How many providers one typical SME must contact along its journey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Complexity {
    pub mode: Mode,
    pub stage: Stage,
    pub providers: usize,
    pub services: usize,
}

/// The needs a typical SME has at a stage, most pressing first.
const TYPICAL_NEEDS: [(Stage, &[Need]); 3] = [
    (
        Stage::Explore,
        &[Need::Motivation, Need::Strategy, Need::MarketIntelligence],
    ),
    (
        Stage::Enter,
        &[
            Need::Partners,
            Need::PaymentRisk,
            Need::WorkingCapital,
            Need::CustomsDocuments,
        ],
    ),
    (
        Stage::Grow,
        &[
            Need::LocalPresence,
            Need::InvestmentFinance,
            Need::InternationalMarketing,
        ],
    ),
];

/// A typical small firm in `area` pursuing `mode`, at a stage with its usual needs.
#[must_use]
pub fn typical_profile(area: &Area, mode: Mode, stage: Stage, needs: &[Need]) -> Profile {
    let (country, region) = match area {
        Area::Subdivision(code) => (
            code.split_once('-').and_then(|(c, _)| Area::parse(c).ok()),
            Some(area.clone()),
        ),
        Area::Country(_) => (Some(area.clone()), None),
        // A NUTS region: a firm of its country placed in it by its answers.
        Area::Nuts(_) => (area.country().and_then(|c| Area::parse(c).ok()), None),
        // The EU or anywhere: a firm in no particular member state is not
        // modelled; an EU-wide survey uses a firm in Belgium, home of the EU's institutions.
        Area::Eu | Area::Anywhere => (Area::parse("BE").ok(), None),
    };
    let nuts = match area {
        Area::Nuts(_) => Some(area.clone()),
        _ => crate::catalogue::nuts::partner(area),
    };
    let weights = (0..needs.len()).map(|i| 200 - u32::try_from(i).unwrap_or(0) * 10);
    Profile {
        company: Company {
            name: None,
            country,
            region,
            nuts,
            sector: None,
            employees: Some(20),
            turnover_eur: Some(3_000_000),
            years_trading: Some(5),
            ..Company::default()
        },
        modes: vec![mode],
        scopes: Vec::new(),
        markets: Vec::new(),
        activity: None,
        stage,
        stage_reason: String::new(),
        dimensions: Dimension::ALL
            .iter()
            .map(|&dimension| DimensionScore {
                dimension,
                score: None,
                band: None,
                answers: 0,
            })
            .collect(),
        needs: needs
            .iter()
            .zip(weights)
            .map(|(&need, weight)| RankedNeed {
                need,
                weight,
                reasons: Vec::new(),
            })
            .collect(),
        support_in_use: Vec::new(),
    }
}

/// Journey complexity for typical SMEs of every mode at three stages.
#[must_use]
pub fn complexity(catalogue: &Catalogue, area: &Area, lang: Lang) -> Vec<Complexity> {
    let typical: Vec<(Mode, Stage, &[Need])> = Mode::ALL
        .iter()
        .flat_map(|&mode| TYPICAL_NEEDS.map(|(stage, needs)| (mode, stage, needs)))
        .collect();
    // The typical firms share a place: the services open there are found
    // once, not once for each of the fifteen journeys, which run side by side.
    let company = typical_profile(area, Mode::Export, Stage::Explore, &[]).company;
    let open: Vec<usize> = catalogue
        .services()
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.is_active()
                && (company.location().is_none()
                    || s.areas.iter().any(|a| company.in_area(a) != Some(false)))
        })
        .map(|(i, _)| i)
        .collect();
    crate::parallel::map_each(&typical, |&(mode, stage, needs)| {
        let profile = typical_profile(area, mode, stage, needs);
        let matches = crate::matching::match_among(&profile, catalogue, &open, lang);
        let journey = plan_from_matches(&profile, catalogue, &matches, DEFAULT_PER_STAGE, lang);
        let steps: Vec<_> = journey.stages.iter().flat_map(|s| &s.steps).collect();
        let mut providers: Vec<&str> = steps.iter().map(|s| s.provider.as_str()).collect();
        providers.sort_unstable();
        providers.dedup();
        Complexity {
            mode,
            stage,
            providers: providers.len(),
            services: steps.len(),
        }
    })
}

/// Everything known about one area's landscape.
#[derive(Debug, Clone, Serialize)]
pub struct Survey {
    pub area: Area,
    pub area_name: String,
    pub services: usize,
    /// The services counted as offers: a programme's doors are one.
    pub offers: usize,
    pub providers: usize,
    pub matrices: Vec<Matrix>,
    pub gaps: Vec<Gap>,
    pub overlaps: Vec<Overlap>,
    pub duplicates: Vec<Duplicate>,
    /// Programmes offered through several doors in the area.
    pub programmes: Vec<Doors>,
    pub complexity: Vec<Complexity>,
}

impl Survey {
    #[must_use]
    pub fn matrix(&self, kind: MatrixKind) -> Option<&Matrix> {
        self.matrices.iter().find(|m| m.kind == kind)
    }
}

/// Surveys an area: every matrix and every finding.
#[must_use]
pub fn survey(catalogue: &Catalogue, area: &Area, include_closed: bool, lang: Lang) -> Survey {
    let services = in_area(catalogue, area, include_closed);
    let mut providers: Vec<&str> = services
        .iter()
        .map(|&i| catalogue.services()[i].provider.as_str())
        .collect();
    providers.sort_unstable();
    providers.dedup();
    // The likely duplicates and the typical journeys take most of the
    // time at national scale; the tables and other findings run beside them.
    let ((matrices, found, doors_found), (duplicates_found, journeys)) = crate::parallel::both(
        || {
            let matrices: Vec<Matrix> = crate::parallel::map_each(&MatrixKind::ALL, |&kind| {
                matrix(catalogue, &services, kind, lang)
            });
            let found = (
                gaps(catalogue, &services, lang),
                overlaps(catalogue, &services),
            );
            (matrices, found, doors(catalogue, &services, lang))
        },
        || {
            (
                duplicates(catalogue, &services, lang),
                complexity(catalogue, area, lang),
            )
        },
    );
    Survey {
        area_name: area.name_in(lang),
        area: area.clone(),
        services: services.len(),
        offers: count_offers(catalogue, &services),
        providers: providers.len(),
        gaps: found.0,
        overlaps: found.1,
        duplicates: duplicates_found,
        programmes: doors_found,
        complexity: journeys,
        matrices,
    }
}
