//! The synthetic catalogue generator: valid, deterministic, and as varied as
//! the vocabulary.

use eis::generate::{catalogue, ron};
use eis::i18n::Lang;
use eis::landscape::survey;

#[test]
fn generated_catalogues_are_valid_and_deterministic() {
    let first = catalogue(2_000, 7);
    assert_eq!(first.services().len(), 2_000);
    assert_eq!(first.providers().len(), 400);
    assert_eq!(ron(300, 7).unwrap(), ron(300, 7).unwrap());
    assert_ne!(ron(300, 7).unwrap(), ron(300, 8).unwrap());
}

#[test]
fn a_large_catalogue_is_searchable_and_surveyable() {
    let big = catalogue(10_000, 42);
    let hits = eis::search::search(
        &big,
        "eksport rynek",
        &eis::search::Filters::default(),
        Some(5),
    );
    assert_eq!(hits.len(), 5);
    let found = survey(
        &big,
        &eis::catalogue::Area::parse("PL").unwrap(),
        false,
        Lang::En,
    );
    assert!(found.services > 500, "{}", found.services);
}
