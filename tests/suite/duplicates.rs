//! Likely duplicates on a catalogue with planted ones and planted near misses
//! (`tests/fixtures/duplicates`): exactly the planted duplicates are found,
//! each with what the two have in common and what differs.

use eis::i18n::Lang;
use std::path::PathBuf;

use eis::catalogue::{Area, Catalogue, Source, load};
use eis::landscape::{Likeness, survey};

fn fixture() -> Catalogue {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/duplicates");
    load(&Source::Path(path))
        .expect("the duplicates fixture loads")
        .0
}

#[test]
fn exactly_the_planted_duplicates_are_found() {
    let catalogue = fixture();
    let found = survey(&catalogue, &Area::parse("DK").unwrap(), false, Lang::En).duplicates;
    let pairs: Vec<(&str, &str, Likeness)> = found
        .iter()
        .map(|d| (d.first.as_str(), d.second.as_str(), d.kind))
        .collect();
    assert_eq!(
        pairs,
        [
            (
                "midt-export-voucher",
                "aarhus-export-voucher",
                Likeness::ReadAlike
            ),
            (
                "nea-aarhus-office",
                "midt-invest-centre",
                Likeness::Partners
            ),
        ],
        "{found:#?}"
    );
}

#[test]
fn a_voucher_read_twice_says_what_is_the_same_and_what_differs() {
    let catalogue = fixture();
    let found = survey(&catalogue, &Area::parse("DK-82").unwrap(), false, Lang::En).duplicates;
    let voucher = &found[0];
    assert!(voucher.similarity >= 0.6, "{voucher:#?}");
    assert_eq!(
        voucher.same,
        [
            "Midtjylland",
            "export",
            "grant",
            "Prepare",
            "needs an international strategy or plan",
            "names and keywords share consultant, export, exporters, first, plan, voucher",
        ]
    );
    assert_eq!(
        voucher.differs,
        [
            "only midt-export-voucher: advice and mentoring",
            "only aarhus-export-voucher: Research markets, needs market information to choose a market",
            "Regional / Local",
        ]
    );
    assert!(
        voucher
            .reason
            .starts_with("the same: Midtjylland; export; grant")
    );
}

#[test]
fn partners_in_one_place_are_named_as_such() {
    let catalogue = fixture();
    let found = survey(&catalogue, &Area::parse("DK-82").unwrap(), false, Lang::En).duplicates;
    let centre = found
        .iter()
        .find(|d| d.kind == Likeness::Partners)
        .expect("the agency's office and the regional centre");
    assert!(
        centre
            .same
            .contains(&"midt-invest-centre names National Export Agency (NEA)".to_owned()),
        "{centre:#?}"
    );
    assert!(centre.same.contains(&"information".to_owned()));
    assert!(centre.differs.contains(&"National / Regional".to_owned()));
}

#[test]
fn near_misses_are_not_duplicates() {
    let catalogue = fixture();
    let found = survey(&catalogue, &Area::parse("*").unwrap(), false, Lang::En).duplicates;
    let named = |id: &str| found.iter().any(|d| d.first == id || d.second == id);
    // The same voucher in another area serves other firms.
    assert!(!named("nord-export-voucher"), "{found:#?}");
    // Two chambers' services of one name, one issuing documents, one training.
    assert!(!named("chamber-east-documents"));
    assert!(!named("chamber-west-documents"));
    // Two doors of one programme are how it reaches firms.
    assert!(!named("fund-dk-fairs"));
    assert!(!named("fund-eu-fairs"));
    assert_eq!(found.len(), 2);
}
