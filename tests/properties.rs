//! Properties of the engine over random answers: matches are always eligible,
//! journeys are ordered and start at the profile's stage, the same input gives
//! the same output, and empty inputs give empty journeys with gaps.

use std::sync::LazyLock;

use eis::assessment::bank;
use eis::assessment::raw::Kind;
use eis::assessment::{Answer, Answers, Profile, QuestionBank, assess};
use eis::catalogue::{Catalogue, Source, load};
use eis::journey::{EEN_CONTACT, plan_journey};
use eis::matching::{exclusions, match_services};
use proptest::prelude::*;

/// Countries answers are drawn from: the partner countries, other EU members,
/// and countries the catalogue does not cover.
const COUNTRIES: [&str; 12] = [
    "PL", "DK", "GB", "IE", "HR", "PT", "IT", "DE", "SE", "NO", "US", "JP",
];

/// The shipped bank and catalogue, loaded once for all cases.
static FIXTURES: LazyLock<(QuestionBank, Catalogue)> = LazyLock::new(|| {
    let bank = bank::load(None).expect("the shipped question bank loads");
    let catalogue = load(&Source::Embedded)
        .expect("the shipped catalogue loads")
        .0;
    (bank, catalogue)
});

fn fixtures() -> (&'static QuestionBank, &'static Catalogue) {
    (&FIXTURES.0, &FIXTURES.1)
}

/// Turns random numbers into a valid answer for each question (or none).
fn answers_from(bank: &QuestionBank, seeds: &[(bool, u64)]) -> Answers {
    let mut answers = Answers::new();
    for (question, &(answered, seed)) in bank.questions().iter().zip(seeds.iter().cycle()) {
        if !answered {
            continue;
        }
        let pick = |n: usize| usize::try_from(seed % (n as u64).max(1)).unwrap_or(0);
        let answer = match &question.kind {
            Kind::Single { options } => Answer::Choice(options[pick(options.len())].id.clone()),
            Kind::Multiple { options } => Answer::Choices(
                options
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| seed >> (i % 64) & 1 == 1)
                    .map(|(_, o)| o.id.clone())
                    .collect(),
            ),
            Kind::Scale { .. } => Answer::Scale(1 + u8::try_from(seed % 5).unwrap_or(0)),
            Kind::Number { min, max, .. } => Answer::Number(min + seed % (max - min + 1).max(1)),
            Kind::Text { .. } => Answer::Text("Proptest Ltd".to_owned()),
            Kind::Countries { max } => {
                let count = 1 + pick((*max).min(3));
                Answer::Countries(
                    (0..count)
                        .map(|i| {
                            COUNTRIES[(pick(COUNTRIES.len()) + i * 5) % COUNTRIES.len()].to_owned()
                        })
                        .collect(),
                )
            }
        };
        answers.set(question.id.clone(), answer);
    }
    answers
}

fn seeds() -> impl Strategy<Value = Vec<(bool, u64)>> {
    prop::collection::vec((prop::bool::weighted(0.85), any::<u64>()), 50..=50)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_match_is_ever_ineligible(seeds in seeds()) {
        let (bank, catalogue) = fixtures();
        let profile = assess(bank, &answers_from(bank, &seeds));
        for found in match_services(&profile, catalogue) {
            prop_assert!(found.service.is_active());
            prop_assert_eq!(exclusions(&profile, found.service), Vec::<String>::new());
        }
        let journey = plan_journey(&profile, catalogue, 3);
        for step in journey.stages.iter().flat_map(|s| &s.steps) {
            let service = catalogue.service(&step.service).expect("journey services exist");
            prop_assert_eq!(exclusions(&profile, service), Vec::<String>::new());
        }
    }

    #[test]
    fn journey_stages_are_in_order_and_start_at_the_profile_stage(seeds in seeds()) {
        let (bank, catalogue) = fixtures();
        let profile = assess(bank, &answers_from(bank, &seeds));
        let journey = plan_journey(&profile, catalogue, 3);
        prop_assert_eq!(journey.stages.first().map(|s| s.stage), Some(profile.stage));
        prop_assert!(journey.stages.windows(2).all(|w| w[0].stage < w[1].stage));
        prop_assert_eq!(journey.stages.last().map(|s| s.stage), Some(eis::vocab::Stage::Grow));
        prop_assert_eq!(journey.stages.iter().filter(|s| s.current).count(), 1);
    }

    #[test]
    fn a_service_appears_at_most_once_in_a_journey(seeds in seeds()) {
        let (bank, catalogue) = fixtures();
        let profile = assess(bank, &answers_from(bank, &seeds));
        let journey = plan_journey(&profile, catalogue, 3);
        let mut ids: Vec<&str> = journey.stages.iter().flat_map(|s| &s.steps).map(|s| s.service.as_str()).collect();
        let all = ids.len();
        ids.sort_unstable();
        ids.dedup();
        prop_assert_eq!(ids.len(), all);
    }

    #[test]
    fn the_same_input_gives_the_same_output(seeds in seeds()) {
        let (bank, catalogue) = fixtures();
        let answers = answers_from(bank, &seeds);
        let first = assess(bank, &answers);
        prop_assert_eq!(&assess(bank, &answers), &first);
        prop_assert_eq!(plan_journey(&first, catalogue, 3), plan_journey(&first, catalogue, 3));
    }

    #[test]
    fn scores_stay_in_range_and_needs_are_ranked(seeds in seeds()) {
        let (bank, _) = fixtures();
        let profile = assess(bank, &answers_from(bank, &seeds));
        for d in &profile.dimensions {
            prop_assert!(d.score.is_none_or(|s| s <= 100));
            prop_assert_eq!(d.score.is_some(), d.answers > 0);
        }
        prop_assert!(profile.needs.windows(2).all(|w| w[0].weight >= w[1].weight));
    }

    #[test]
    fn a_profile_survives_a_round_trip_through_ron_and_json(seeds in seeds()) {
        let (bank, _) = fixtures();
        let profile = assess(bank, &answers_from(bank, &seeds));
        let ron = profile.to_ron().unwrap();
        prop_assert_eq!(&Profile::read("p.ron", ron.as_bytes()).unwrap(), &profile);
        let json = serde_json::to_string(&profile).unwrap();
        prop_assert_eq!(&Profile::read("p.json", json.as_bytes()).unwrap(), &profile);
    }

    #[test]
    fn an_empty_catalogue_gives_an_empty_journey_with_gaps(seeds in seeds()) {
        let (bank, _) = fixtures();
        let profile = assess(bank, &answers_from(bank, &seeds));
        let journey = plan_journey(&profile, &Catalogue::default(), 3);
        prop_assert!(journey.stages.iter().all(|s| s.steps.is_empty()));
        prop_assert_eq!(journey.gaps.len(), profile.needs.len());
        prop_assert!(journey.gaps.iter().all(|g| g.fallback.url == EEN_CONTACT));
    }
}

#[test]
fn empty_answers_give_an_empty_journey_with_gaps() {
    let (bank, catalogue) = fixtures();
    let profile = assess(bank, &Answers::new());
    let journey = plan_journey(&profile, catalogue, 3);
    assert!(journey.stages.iter().all(|s| s.steps.is_empty()));
    assert!(!journey.gaps.is_empty());
    assert_eq!(journey.gaps[0].need, eis::vocab::Need::Motivation);
}
