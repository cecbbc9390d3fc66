//! Coverage tables: for each row term and column term, the services that
//! give both, how many offers they make and how many distinct providers they
//! come from (a programme's doors are one offer of one provider).

use serde::Serialize;

use crate::catalogue::{Catalogue, Service};
use crate::i18n::Lang;
use crate::vocab::{Dimension, Mode, Need, Stage, Support, Tier};

/// Which two facets a matrix crosses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatrixKind {
    SupportStage,
    ModeStage,
    NeedStage,
    DimensionStage,
    TierSupport,
}

impl MatrixKind {
    pub const ALL: [MatrixKind; 5] = [
        MatrixKind::SupportStage,
        MatrixKind::ModeStage,
        MatrixKind::NeedStage,
        MatrixKind::DimensionStage,
        MatrixKind::TierSupport,
    ];

    /// The name used on the command line and in files.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            MatrixKind::SupportStage => "support-stage",
            MatrixKind::ModeStage => "mode-stage",
            MatrixKind::NeedStage => "need-stage",
            MatrixKind::DimensionStage => "dimension-stage",
            MatrixKind::TierSupport => "tier-support",
        }
    }

    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            MatrixKind::SupportStage => "Support × stage",
            MatrixKind::ModeStage => "Mode × stage",
            MatrixKind::NeedStage => "Need × stage",
            MatrixKind::DimensionStage => "Dimension × stage",
            MatrixKind::TierSupport => "Tier × support",
        }
    }

    #[must_use]
    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|k| *k == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }
}

/// One cell: the services (positions in the catalogue), the offers they
/// make (a programme's doors count once) and their providers (a
/// programme's doors count as one).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub services: Vec<usize>,
    pub offers: usize,
    pub providers: usize,
}

/// A coverage table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Matrix {
    pub kind: MatrixKind,
    pub rows: Vec<&'static str>,
    pub columns: Vec<&'static str>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<Cell>>,
}

impl Matrix {
    /// The largest number of services in a cell.
    #[must_use]
    pub fn max(&self) -> usize {
        self.cells
            .iter()
            .flatten()
            .map(|c| c.offers)
            .max()
            .unwrap_or(0)
    }
}

fn labels<T: Copy>(all: &[T], label: fn(T, Lang) -> &'static str, lang: Lang) -> Vec<&'static str> {
    all.iter().map(|&t| label(t, lang)).collect()
}

/// Builds a matrix over some services of a catalogue.
#[must_use]
pub fn matrix(catalogue: &Catalogue, services: &[usize], kind: MatrixKind, lang: Lang) -> Matrix {
    let (rows, columns) = match kind {
        MatrixKind::SupportStage => (
            labels(Support::ALL, Support::label_in, lang),
            labels(Stage::ALL, Stage::label_in, lang),
        ),
        MatrixKind::ModeStage => (
            labels(Mode::ALL, Mode::label_in, lang),
            labels(Stage::ALL, Stage::label_in, lang),
        ),
        MatrixKind::NeedStage => (
            labels(Need::ALL, Need::label_in, lang),
            labels(Stage::ALL, Stage::label_in, lang),
        ),
        MatrixKind::DimensionStage => (
            labels(Dimension::ALL, Dimension::label_in, lang),
            labels(Stage::ALL, Stage::label_in, lang),
        ),
        MatrixKind::TierSupport => (
            labels(Tier::ALL, Tier::label_in, lang),
            labels(Support::ALL, Support::label_in, lang),
        ),
    };
    let mut cells = vec![vec![Cell::default(); columns.len()]; rows.len()];
    let mut providers = vec![vec![Vec::<u32>::new(); columns.len()]; rows.len()];
    let mut offers = vec![vec![Vec::<u32>::new(); columns.len()]; rows.len()];
    for (&i, (offer, offerer)) in services.iter().zip(super::offer_ids(catalogue, services)) {
        let service = &catalogue.services()[i];
        for (r, c) in coordinates(service, kind) {
            cells[r][c].services.push(i);
            providers[r][c].push(offerer);
            offers[r][c].push(offer);
        }
    }
    for ((row, names), offers) in cells.iter_mut().zip(providers).zip(offers) {
        for ((cell, mut names), mut offers) in row.iter_mut().zip(names).zip(offers) {
            names.sort_unstable();
            names.dedup();
            cell.providers = names.len();
            offers.sort_unstable();
            offers.dedup();
            cell.offers = offers.len();
        }
    }
    Matrix {
        kind,
        rows,
        columns,
        cells,
    }
}

fn index<T: PartialEq>(all: &[T], term: &T) -> usize {
    all.iter().position(|t| t == term).unwrap_or(0)
}

/// The cells a service falls in.
fn coordinates(service: &Service, kind: MatrixKind) -> Vec<(usize, usize)> {
    let stages: Vec<usize> = service
        .stages
        .iter()
        .map(|s| index(Stage::ALL, s))
        .collect();
    let by_stage = |rows: Vec<usize>| -> Vec<(usize, usize)> {
        rows.iter()
            .flat_map(|&r| stages.iter().map(move |&c| (r, c)))
            .collect()
    };
    match kind {
        MatrixKind::SupportStage => by_stage(
            service
                .support
                .iter()
                .map(|s| index(Support::ALL, s))
                .collect(),
        ),
        MatrixKind::ModeStage => {
            by_stage(service.modes.iter().map(|m| index(Mode::ALL, m)).collect())
        }
        MatrixKind::NeedStage => {
            by_stage(service.needs.iter().map(|n| index(Need::ALL, n)).collect())
        }
        MatrixKind::DimensionStage => by_stage(
            service
                .dimensions_served()
                .iter()
                .map(|d| index(Dimension::ALL, d))
                .collect(),
        ),
        MatrixKind::TierSupport => {
            let tier = index(Tier::ALL, &service.tier);
            service
                .support
                .iter()
                .map(|s| (tier, index(Support::ALL, s)))
                .collect()
        }
    }
}
