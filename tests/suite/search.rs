//! Search behaviour on the shipped catalogue and on a small multilingual fixture.

use std::path::PathBuf;

use eis::catalogue::{Area, Catalogue, Source, load};
use eis::search::{Field, Filters, Hit, search};
use eis::vocab::{ProviderKind, Support};

fn shipped() -> Catalogue {
    load(&Source::Embedded)
        .expect("the shipped catalogue loads")
        .0
}

fn fixture() -> Catalogue {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search");
    load(&Source::Path(path))
        .expect("the search fixture loads")
        .0
}

fn ids<'c>(hits: &[Hit<'c>]) -> Vec<&'c str> {
    hits.iter().map(|h| h.service.id.as_str()).collect()
}

fn all(query: &str, catalogue: &Catalogue) -> Vec<String> {
    search(catalogue, query, &Filters::default(), None)
        .iter()
        .map(|h| h.service.id.to_string())
        .collect()
}

#[test]
fn export_insurance_puts_export_credit_insurers_first() {
    let catalogue = shipped();
    let hits = search(&catalogue, "export insurance", &Filters::default(), Some(5));
    assert_eq!(hits.len(), 5);
    for hit in &hits[..3] {
        assert!(
            hit.service.support.contains(&Support::Insurance),
            "{} is not an insurance service: {:?}",
            hit.service.id,
            ids(&hits)
        );
    }
    for hit in &hits {
        // Some countries' export credit insurer is their development bank (HBOR).
        assert!(
            matches!(
                catalogue.provider_of(hit.service).kind,
                ProviderKind::ExportCredit | ProviderKind::DevelopmentBank
            ),
            "{} is not from an export credit insurer",
            hit.service.id
        );
    }
}

#[test]
fn a_typo_still_finds_insurance() {
    let catalogue = shipped();
    let hits = search(&catalogue, "insurence", &Filters::default(), Some(3));
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|h| h.service.support.contains(&Support::Insurance)),
        "{:?}",
        ids(&hits)
    );
}

#[test]
fn accents_are_ignored_in_the_query_and_the_text() {
    let catalogue = fixture();
    assert_eq!(all("etude", &catalogue), ["etude-de-marche"]);
    assert_eq!(all("ÉTUDE", &catalogue), ["etude-de-marche"]);
    assert_eq!(all("marche", &catalogue), ["etude-de-marche"]);
}

#[test]
fn letters_without_a_decomposition_match_their_ascii_spelling() {
    let catalogue = fixture();
    let hits = search(&catalogue, "lodz", &Filters::default(), None);
    assert_eq!(ids(&hits), ["lodz-export-desk"]);
    // "Łódź eksport": the four letters of Łódź are highlighted, nothing else.
    assert_eq!(hits[0].positions(Field::Name, 0), [0, 1, 2, 3]);
}

#[test]
fn polish_and_croatian_names_are_found_by_their_ascii_spelling() {
    let catalogue = shipped();
    for (query, name_part) in [
        ("krizevacke", "križevačke"),
        ("krizevci", "Koprivni"),
        ("koprivnicki poduzetnik", "Koprivnički poduzetnik"),
        ("zupanijska komora", "Županijska komora"),
        ("obrtnicka komora", "obrtnička komora"),
        ("ubezpieczen kredytow", "Ubezpieczeń Kredytów"),
        ("sciezka smart", "Ścieżka SMART"),
        ("urzad patentowy", "Urząd Patentowy"),
        ("gdansk", "Gdańsk"),
    ] {
        let hits = search(&catalogue, query, &Filters::default(), Some(3));
        assert!(
            hits.iter().any(|h| {
                let provider = catalogue.provider_of(h.service);
                h.service.name.contains(name_part) || provider.name.contains(name_part)
            }),
            "{query} did not find {name_part}: {:?}",
            ids(&hits)
        );
    }
}

#[test]
fn every_word_must_match() {
    let catalogue = shipped();
    let both = all("export insurance", &catalogue);
    let export = all("export", &catalogue);
    let insurance = all("insurance", &catalogue);
    assert!(!both.is_empty());
    // Each hit of the two words is a hit of each word alone ...
    for id in &both {
        assert!(export.contains(id) && insurance.contains(id), "{id}");
    }
    // ... and the second word really narrows: services about exports that
    // say nothing of insurance are left out.
    assert!(export.iter().any(|id| !both.contains(id)));
    assert!(all("insurance qqqqzz", &catalogue).is_empty());
}

#[test]
fn equal_scores_are_ordered_by_name() {
    let catalogue = fixture();
    assert_eq!(all("market help", &catalogue), ["twin-a", "twin-b"]);
}

/// Hits come by score, then by name as the app folds it (case and accents
/// aside), then by id: an order that does not depend on the catalogue's
/// order, the index's threads or what it has seen before.
#[test]
fn hits_are_ordered_by_score_then_name_then_id() {
    let catalogue = shipped();
    let hits = search(&catalogue, "export", &Filters::default(), None);
    assert!(hits.len() > 20);
    let key = |h: &Hit| {
        (
            std::cmp::Reverse(h.score),
            eis::search::fold::fold_str(&h.service.name),
            h.service.id.to_string(),
        )
    };
    let tied = hits.windows(2).filter(|w| w[0].score == w[1].score).count();
    assert!(tied > 0, "the query must produce ties to test their order");
    for pair in hits.windows(2) {
        assert!(
            key(&pair[0]) <= key(&pair[1]),
            "{} before {}",
            pair[0].service.id,
            pair[1].service.id
        );
    }
}

#[test]
fn area_hr_gives_croatian_and_eu_wide_services_only() {
    let catalogue = shipped();
    let filters = Filters {
        area: Some(Area::parse("HR").unwrap()),
        ..Filters::default()
    };
    let hits = search(&catalogue, "", &filters, None);
    assert!(hits.iter().any(|h| h.service.areas.contains(&Area::Eu)));
    assert!(
        hits.iter()
            .any(|h| h.service.areas.iter().any(|a| a.country() == Some("HR")))
    );
    for hit in &hits {
        assert!(
            hit.service
                .areas
                .iter()
                .any(|a| { matches!(a, Area::Eu | Area::Anywhere) || a.country() == Some("HR") }),
            "{} is not available in Croatia: {:?}",
            hit.service.id,
            hit.service.areas
        );
    }
}

#[test]
fn a_subdivision_filter_keeps_national_and_regional_services_of_its_country() {
    let catalogue = shipped();
    let filters = Filters {
        area: Some(Area::parse("PL-22").unwrap()),
        ..Filters::default()
    };
    let hits = search(&catalogue, "", &filters, None);
    let areas: Vec<&Area> = hits.iter().flat_map(|h| &h.service.areas).collect();
    assert!(areas.contains(&&Area::parse("PL").unwrap()));
    assert!(areas.contains(&&Area::parse("PL-22").unwrap()));
    assert!(!areas.iter().any(
        |a| matches!(a, Area::Subdivision(code) if code.starts_with("PL-") && code != "PL-22")
    ));
}

#[test]
fn closed_services_are_found_only_when_asked_for() {
    let catalogue = shipped();
    let active = search(&catalogue, "", &Filters::default(), None);
    assert!(active.iter().all(|h| h.service.is_active()));
    let with_closed = Filters {
        include_closed: true,
        ..Filters::default()
    };
    let everything = search(&catalogue, "", &with_closed, None);
    assert!(everything.iter().any(|h| !h.service.is_active()));
}

#[test]
fn a_service_is_found_by_the_text_of_any_of_its_languages() {
    let catalogue = shipped();
    // A word of one service's Polish summary that is in no English text
    // (names, summaries, keywords) of any service.
    let service = catalogue
        .service("paih-zagraniczne-biura-handlowe")
        .expect("the service exists");
    let polish = service.summary_in(eis::i18n::Lang::Pl).text.to_owned();
    let english: String = catalogue
        .services()
        .iter()
        .flat_map(|s| [s.name.clone(), s.summary.clone(), s.keywords.join(" ")])
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let word = polish
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.chars().count() >= 8)
        .find(|w| !english.contains(&w.to_lowercase()))
        .expect("a Polish word not in any English text");
    let hits = search(&catalogue, word, &Filters::default(), None);
    let found = hits
        .iter()
        .find(|h| h.service.id.as_str() == service.id.as_str())
        .unwrap_or_else(|| panic!("`{word}` does not find {}", service.id));
    // The match is in the Polish summary: item 1 of the summaries (English is 0).
    let item = service
        .summaries()
        .position(|(lang, _)| lang == eis::i18n::Lang::Pl)
        .expect("a Polish summary");
    assert!(!found.positions(Field::Summary, item).is_empty(), "{word}");
}

#[test]
fn the_initials_of_a_name_find_it() {
    let catalogue = fixture();
    // "Łódź Export Desk": the first letters of its three words.
    let hits = search(&catalogue, "led", &Filters::default(), None);
    assert_eq!(ids(&hits), ["lodz-export-desk"]);
    assert_eq!(hits[0].positions(Field::Provider, 0), [0, 5, 12]);
}

#[test]
fn punctuation_in_the_query_separates_words_as_in_the_texts() {
    let catalogue = fixture();
    let apart = all("d export", &catalogue);
    assert!(!apart.is_empty());
    assert_eq!(all("d'export", &catalogue), apart);
    assert_eq!(all("marché-export", &catalogue), ["etude-de-marche"]);
}
