//! One programme, many doors (`tests/fixtures/doors`): a firm is referred to
//! the door nearest to it and told of the others; the landscape counts the
//! programme once and lists it with its doors.

use eis::i18n::Lang;
use std::path::PathBuf;

use eis::catalogue::{Area, Catalogue, Source, load};
use eis::journey::{Journey, plan_journey};
use eis::landscape::{survey, typical_profile};
use eis::report::Referral;
use eis::vocab::{Mode, Need, Stage};

fn fixture() -> Catalogue {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/doors");
    load(&Source::Path(path))
        .expect("the doors fixture loads")
        .0
}

fn journey_in(catalogue: &Catalogue, area: &str) -> Journey {
    plan_journey(&journey_profile(area), catalogue, 3, Lang::En)
}

/// A typical firm of the area, researching export markets.
fn journey_profile(area: &str) -> eis::assessment::Profile {
    typical_profile(
        &Area::parse(area).unwrap(),
        Mode::Export,
        Stage::Research,
        &[Need::Partners, Need::MarketIntelligence],
    )
}

/// The doors of the Export Hub in a journey, with the others each names.
fn hub_steps(journey: &Journey) -> Vec<(String, Vec<String>)> {
    journey
        .stages
        .iter()
        .flat_map(|s| &s.steps)
        .filter(|s| s.service.starts_with("hub-"))
        .map(|s| (s.service.clone(), s.also.clone()))
        .collect()
}

#[test]
fn a_firm_sees_only_the_nearest_door_and_is_told_of_the_others() {
    let catalogue = fixture();
    // In Central Denmark: the regional office, not the agency or the network.
    assert_eq!(
        hub_steps(&journey_in(&catalogue, "DK-82")),
        [(
            "hub-midt".to_owned(),
            vec![
                "National Export Agency".to_owned(),
                "European Export Network".to_owned()
            ]
        )]
    );
    // Elsewhere in Denmark the regional office is not open: the agency.
    assert_eq!(
        hub_steps(&journey_in(&catalogue, "DK-81")),
        [(
            "hub-national".to_owned(),
            vec!["European Export Network".to_owned()]
        )]
    );
    // In Sweden only the network's door is open, and there is no other to name.
    assert_eq!(
        hub_steps(&journey_in(&catalogue, "SE")),
        [("hub-eu".to_owned(), Vec::new())]
    );
}

#[test]
fn the_other_doors_are_named_on_the_step() {
    let catalogue = fixture();
    let journey = journey_in(&catalogue, "DK-82");
    let referral = Referral::new(&journey_profile("DK-82"), Some(&journey), Lang::En);
    let step = referral
        .journey
        .iter()
        .flat_map(|route| &route.stages)
        .flat_map(|leg| &leg.steps)
        .find(|s| s.service == "hub-midt")
        .unwrap();
    assert_eq!(
        step.also.as_deref(),
        Some("also through National Export Agency, European Export Network")
    );
}

#[test]
fn the_landscape_counts_a_programme_once_and_lists_its_doors() {
    let catalogue = fixture();
    let found = survey(&catalogue, &Area::parse("DK-82").unwrap(), false, Lang::En);
    assert_eq!(found.services, 4);
    assert_eq!(found.offers, 2, "the Export Hub and the first advice");
    assert_eq!(found.programmes.len(), 1);
    let hub = &found.programmes[0];
    assert_eq!(hub.programme, "export-hub");
    let doors: Vec<&str> = hub.doors.iter().map(|d| d.service.as_str()).collect();
    assert_eq!(doors, ["hub-midt", "hub-national", "hub-eu"]);
    assert!(hub.why.contains("once"), "{}", hub.why);
    // Doors of one programme are not duplicates of each other.
    assert!(found.duplicates.is_empty(), "{:#?}", found.duplicates);
}
