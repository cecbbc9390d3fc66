//! The shipped catalogue: it checks clean, it is as broad as the product
//! promises, and it survives a round trip through RON.

use std::collections::BTreeSet;

use eis::catalogue::load::{SourceFile, check_files, check_source, to_ron};
use eis::catalogue::{Area, Source};
use eis::vocab::{Mode, Stage, Support, Tier};

/// The seven EIS partner countries and their partner regions.
const PARTNERS: [(&str, &[&str]); 7] = [
    ("GB", &["GB-HAM"]),
    ("DK", &["DK-82"]),
    ("IE", &["IE-DL"]),
    ("HR", &["HR-06"]),
    ("PT", &["PT-02", "PT-07", "PT-12"]),
    ("PL", &["PL-22"]),
    ("IT", &["IT-45"]),
];

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 12, 7)
}

#[test]
fn the_shipped_catalogue_checks_clean() {
    let checked = check_source(&Source::Embedded, today());
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors, Vec::<String>::new());
    // The only warnings allowed are the closed historical schemes.
    for warning in &checked.diagnostics {
        assert!(warning.message.contains("is closed"), "{warning}");
    }
}

#[test]
fn the_shipped_catalogue_covers_what_the_product_promises() {
    let catalogue = check_source(&Source::Embedded, today()).catalogue;
    let active: Vec<_> = catalogue
        .services()
        .iter()
        .filter(|s| s.is_active())
        .collect();
    assert!(active.len() >= 120, "{} active services", active.len());
    assert!(
        catalogue.providers().len() >= 50,
        "{} providers",
        catalogue.providers().len()
    );
    assert!(
        catalogue.services().iter().any(|s| !s.is_active()),
        "no closed scheme"
    );

    let modes: BTreeSet<Mode> = active.iter().flat_map(|s| s.modes.clone()).collect();
    let stages: BTreeSet<Stage> = active.iter().flat_map(|s| s.stages.clone()).collect();
    let support: BTreeSet<Support> = active.iter().flat_map(|s| s.support.clone()).collect();
    let tiers: BTreeSet<Tier> = active.iter().map(|s| s.tier).collect();
    assert_eq!(modes.len(), Mode::ALL.len(), "modes: {modes:?}");
    assert_eq!(stages.len(), Stage::ALL.len(), "stages: {stages:?}");
    assert_eq!(support.len(), Support::ALL.len(), "support: {support:?}");
    assert_eq!(tiers.len(), Tier::ALL.len(), "tiers: {tiers:?}");

    for (country, regions) in PARTNERS {
        let national: Vec<_> = active
            .iter()
            .filter(|s| s.areas.iter().any(|a| a.country() == Some(country)))
            .collect();
        let modes: BTreeSet<Mode> = national.iter().flat_map(|s| s.modes.clone()).collect();
        assert!(
            modes.len() >= 3,
            "{country} has services for {modes:?} only"
        );
        let in_region = national.iter().any(|s| {
            s.areas
                .iter()
                .any(|a| regions.contains(&a.code()) || *a == Area::Country(country.to_owned()))
        });
        assert!(in_region, "no service reaches {regions:?}");
    }
    assert!(
        active.iter().any(|s| s.areas.contains(&Area::Eu)),
        "no EU-wide service"
    );
}

#[test]
fn every_service_has_a_source_and_a_verified_date() {
    let catalogue = check_source(&Source::Embedded, today()).catalogue;
    for service in catalogue.services() {
        assert!(service.source.starts_with("https://") || service.source.starts_with("http://"));
        assert!(service.verified <= today(), "{}", service.id);
    }
}

#[test]
fn a_catalogue_survives_a_round_trip_through_ron() {
    let first = check_source(&Source::Embedded, today());
    assert!(!first.has_errors());
    let text = to_ron(&first.catalogue).expect("the catalogue serialises");
    let again = check_files(
        &[SourceFile {
            name: "round-trip.ron".to_owned(),
            bytes: text.into_bytes(),
        }],
        today(),
    );
    assert!(!again.has_errors(), "{:?}", again.diagnostics);
    assert_eq!(again.catalogue, first.catalogue);
}

/// The host (without `www.`) and path (without a trailing `/`) of a URL.
fn host_and_path(url: &str) -> (String, String) {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_owned();
    (host, path.trim_end_matches('/').to_owned())
}

#[test]
fn no_active_service_cites_only_a_home_page_unless_it_says_why() {
    let (catalogue, _) =
        eis::catalogue::load(&Source::Embedded).expect("the shipped catalogue loads");
    let mut unmarked = Vec::new();
    let mut marked = 0;
    for service in catalogue.services().iter().filter(|s| s.is_active()) {
        let website = &catalogue.provider_of(service).website;
        let source = host_and_path(&service.source);
        let home = source.1.is_empty() || source == host_and_path(website);
        match (home, &service.unverified) {
            (true, None) => unmarked.push(format!("{} cites {}", service.id, service.source)),
            (true, Some(why)) => {
                assert!(!why.trim().is_empty(), "{}: empty reason", service.id);
                marked += 1;
            }
            (false, _) => {}
        }
    }
    assert!(unmarked.is_empty(), "{}", unmarked.join("\n"));
    // The rule is not vacuous: the shipped catalogue has such entries, marked.
    assert!(marked > 0);
}

#[test]
fn a_home_page_is_told_from_a_page_of_the_service() {
    assert_eq!(
        host_and_path("https://www.bordbia.ie/"),
        ("bordbia.ie".to_owned(), String::new())
    );
    assert_eq!(
        host_and_path("https://www.localenterprise.ie/Donegal/"),
        host_and_path("https://localenterprise.ie/Donegal")
    );
    assert_ne!(
        host_and_path("https://www.hbor.hr/osiguranje/75").1,
        String::new()
    );
}
