//! Counts of a catalogue by country, mode, stage, support kind and tier: the
//! summary `eis check` prints, and a first look at the landscape.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Area, Catalogue};
use crate::vocab::{Mode, Stage, Support, Tier};

/// How many active services fall under each term. A service counts once under
/// every term it names, so the counts of one table can add up to more than the
/// number of services.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub providers: usize,
    pub services: usize,
    pub active: usize,
    pub closed: usize,
    /// Keyed by country code, `EU` for EU-wide and `*` for anywhere.
    pub per_country: BTreeMap<String, usize>,
    pub per_mode: BTreeMap<Mode, usize>,
    pub per_stage: BTreeMap<Stage, usize>,
    pub per_support: BTreeMap<Support, usize>,
    pub per_tier: BTreeMap<Tier, usize>,
    /// Active services not verified against a page stating them.
    pub unverified: usize,
}

/// Counts the catalogue.
#[must_use]
pub fn summarize(catalogue: &Catalogue) -> Summary {
    let active: Vec<_> = catalogue
        .services()
        .iter()
        .filter(|s| s.is_active())
        .collect();
    let mut per_country = BTreeMap::new();
    let mut per_mode = BTreeMap::new();
    let mut per_stage = BTreeMap::new();
    let mut per_support = BTreeMap::new();
    let mut per_tier = BTreeMap::new();
    for service in &active {
        let mut countries: Vec<&str> = service
            .areas
            .iter()
            .map(|area| match area {
                Area::Country(_) | Area::Subdivision(_) => area.country().unwrap_or_default(),
                Area::Eu | Area::Anywhere => area.code(),
            })
            .collect();
        countries.sort_unstable();
        countries.dedup();
        for country in countries {
            *per_country.entry(country.to_owned()).or_insert(0) += 1;
        }
        for mode in &service.modes {
            *per_mode.entry(*mode).or_insert(0) += 1;
        }
        for stage in &service.stages {
            *per_stage.entry(*stage).or_insert(0) += 1;
        }
        for support in &service.support {
            *per_support.entry(*support).or_insert(0) += 1;
        }
        *per_tier.entry(service.tier).or_insert(0) += 1;
    }
    Summary {
        providers: catalogue.providers().len(),
        services: catalogue.services().len(),
        active: active.len(),
        closed: catalogue.services().len() - active.len(),
        per_country,
        per_mode,
        per_stage,
        per_support,
        per_tier,
        unverified: active.iter().filter(|s| s.unverified.is_some()).count(),
    }
}
