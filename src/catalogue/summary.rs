//! Counts of a catalogue by country, mode, stage, support kind and tier, and
//! for each partner region the services open to its firms and the needs none
//! of them meets: the summary `eis check` prints, and a first look at the
//! landscape.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Area, Catalogue};
use crate::vocab::{Mode, Need, Stage, Support, Tier};

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
    /// For each partner region, in [`PARTNER_REGIONS`] order.
    pub regions: Vec<RegionCover>,
}

/// The places of the EIS partner regions a firm's answers can name, as
/// ISO 3166-2 codes, with their names. Hampshire's two cities are unitary
/// authorities of their own, and the Alentejo spans three districts and the
/// coast of a fourth, so each is a place of its own here.
pub const PARTNER_REGIONS: &[(&str, &str)] = &[
    ("DK-82", "Central Denmark"),
    ("IE-DL", "Donegal"),
    ("GB-HAM", "Hampshire"),
    ("GB-STH", "Southampton"),
    ("GB-POR", "Portsmouth"),
    ("IT-45", "Emilia-Romagna"),
    ("PL-22", "Pomorskie"),
    ("PT-02", "Beja"),
    ("PT-07", "Évora"),
    ("PT-12", "Portalegre"),
    ("PT-15", "Setúbal (Alentejo coast)"),
    ("HR-06", "Koprivnica-Križevci"),
];

/// What a firm of one partner region can be referred to: how many active
/// services are open to firms there (by area alone, at every tier), and the
/// needs that none of them meets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegionCover {
    pub code: String,
    pub name: String,
    pub services: usize,
    pub unmet: Vec<Need>,
}

/// The cover of each partner region; one pass over the services per region.
fn regions(active: &[&super::Service]) -> Vec<RegionCover> {
    PARTNER_REGIONS
        .iter()
        .map(|&(code, name)| {
            let place = Area::Subdivision(code.to_owned());
            let nuts = super::nuts::partner(&place);
            let mut services = 0;
            let mut met = std::collections::BTreeSet::new();
            for service in active {
                if service
                    .areas
                    .iter()
                    .any(|a| a.holds(&place, nuts.as_ref()) == Some(true))
                {
                    services += 1;
                    met.extend(service.needs.iter().copied());
                }
            }
            RegionCover {
                code: code.to_owned(),
                name: name.to_owned(),
                services,
                unmet: Need::ALL
                    .iter()
                    .copied()
                    .filter(|n| !met.contains(n))
                    .collect(),
            }
        })
        .collect()
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
                Area::Country(_) | Area::Subdivision(_) | Area::Nuts(_) => {
                    area.country().unwrap_or_default()
                }
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
        regions: regions(&active),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{Source, load};

    /// A region's gaps are the needs no service open there meets: a service
    /// of Central Denmark meets its needs there and nowhere else, and a
    /// closed one meets none.
    #[test]
    fn a_region_lacks_exactly_the_needs_no_service_open_there_meets() {
        let text = r#"Catalogue(
            providers: [Provider(id: "p", name: "P", kind: Agency, area: "EU", website: "https://p.example")],
            services: [
                Service(id: "dk", provider: "p", name: "DK advice", summary: "Advice.",
                    modes: [Export], stages: [Enter], support: [Advice], needs: [Strategy],
                    tier: Regional, areas: ["DK-82"], next_step: "Call.",
                    contact: (url: "https://p.example/dk"), verified: "2026-12-07",
                    source: "https://p.example/dk"),
                Service(id: "gone", provider: "p", name: "Old fairs", summary: "Fairs.",
                    modes: [Export], stages: [Enter], support: [Promotion], needs: [InternationalMarketing],
                    tier: European, areas: ["EU"], next_step: "Call.", status: Closed,
                    contact: (url: "https://p.example/old"), verified: "2026-12-07",
                    source: "https://p.example/old"),
            ],
        )"#;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("c.ron"), text).unwrap();
        let catalogue = load(&Source::Path(dir.path().to_owned())).unwrap().0;
        let summary = summarize(&catalogue);
        let region = |code: &str| summary.regions.iter().find(|r| r.code == code).unwrap();
        assert_eq!(region("DK-82").services, 1);
        assert!(!region("DK-82").unmet.contains(&Need::Strategy));
        assert!(
            region("DK-82")
                .unmet
                .contains(&Need::InternationalMarketing)
        );
        assert_eq!(region("IE-DL").services, 0);
        assert_eq!(region("IE-DL").unmet.len(), Need::ALL.len());
        assert_eq!(summary.regions.len(), PARTNER_REGIONS.len());
    }
}
