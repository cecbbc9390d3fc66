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
//! - [`matrix`]: coverage tables — support × stage, mode × stage, need ×
//!   stage, dimension × stage, tier × support — with the number of services
//!   and of distinct providers in each cell;
//! - [`findings`]: gaps ranked by how much they matter, overlaps (several
//!   providers for the same SMEs, and across tiers), and programmes offered
//!   through several doors;
//! - [`duplicates`]: the same service offered twice to the same firms;
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
use crate::journey::{DEFAULT_PER_STAGE, plan_journey};
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
                Area::Subdivision(_) => a.contains(area),
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

/// Who the landscape counts as one provider: the doors of a programme are
/// one, whoever runs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Offerer<'c> {
    Programme(usize),
    Provider(&'c str),
}

/// The offer a service (by position) belongs to.
#[must_use]
pub fn offer(catalogue: &Catalogue, service: usize) -> Offer {
    catalogue
        .programme_position(&catalogue.services()[service])
        .map_or(Offer::Service(service), Offer::Programme)
}

/// Who offers a service (by position), counting a programme's doors as one.
#[must_use]
pub fn offerer(catalogue: &Catalogue, service: usize) -> Offerer<'_> {
    let s = &catalogue.services()[service];
    catalogue
        .programme_position(s)
        .map_or(Offerer::Provider(s.provider.as_str()), Offerer::Programme)
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
        // The EU or anywhere: a firm in no particular member state is not
        // modelled; an EU-wide survey uses a firm in Belgium, home of the EU's institutions.
        Area::Eu | Area::Anywhere => (Area::parse("BE").ok(), None),
    };
    let weights = (0..needs.len()).map(|i| 200 - u32::try_from(i).unwrap_or(0) * 10);
    Profile {
        company: Company {
            name: None,
            country,
            region,
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
pub fn complexity(catalogue: &Catalogue, area: &Area) -> Vec<Complexity> {
    let mut out = Vec::new();
    for &mode in Mode::ALL {
        for (stage, needs) in TYPICAL_NEEDS {
            let journey = plan_journey(
                &typical_profile(area, mode, stage, needs),
                catalogue,
                DEFAULT_PER_STAGE,
            );
            let steps: Vec<_> = journey.stages.iter().flat_map(|s| &s.steps).collect();
            let mut providers: Vec<&str> = steps.iter().map(|s| s.provider.as_str()).collect();
            providers.sort_unstable();
            providers.dedup();
            out.push(Complexity {
                mode,
                stage,
                providers: providers.len(),
                services: steps.len(),
            });
        }
    }
    out
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
pub fn survey(catalogue: &Catalogue, area: &Area, include_closed: bool) -> Survey {
    let services = in_area(catalogue, area, include_closed);
    let mut providers: Vec<&str> = services
        .iter()
        .map(|&i| catalogue.services()[i].provider.as_str())
        .collect();
    providers.sort_unstable();
    providers.dedup();
    let matrices: Vec<Matrix> = MatrixKind::ALL
        .iter()
        .map(|&kind| matrix(catalogue, &services, kind))
        .collect();
    Survey {
        area_name: area.name(),
        area: area.clone(),
        services: services.len(),
        offers: count_offers(catalogue, &services),
        providers: providers.len(),
        gaps: gaps(catalogue, &services),
        overlaps: overlaps(catalogue, &services),
        duplicates: duplicates(catalogue, &services),
        programmes: doors(catalogue, &services),
        complexity: complexity(catalogue, area),
        matrices,
    }
}
