//! The anonymous referral record: what it keeps of a real assessment, and
//! that nothing the firm or its adviser typed can reach it.

use eis::assessment::{Answer, assess};
use eis::evidence::{Channel, ReferralRecord, catalogue_version};
use eis::i18n::Lang;
use eis::journey::plan_journey;
use eis::vocab::Stage;
use proptest::prelude::*;

use crate::common::{DATA, persona};

const PERSONAS: [&str; 4] = [
    "alentejo-olive-oil-first-markets",
    "pomorskie-machining-subcontractor-weak-compliance",
    "midtjylland-agritech-joint-rnd",
    "united-states-software-entering-eu",
];

fn record_of(answers: &eis::assessment::Answers, channel: Channel) -> (ReferralRecord, String) {
    let profile = assess(&DATA.0, answers, Lang::En);
    let journey = plan_journey(&profile, &DATA.1, 3, Lang::En);
    let record = ReferralRecord::new(
        &profile,
        &journey,
        channel,
        "2026-11",
        &catalogue_version(&DATA.1),
        "00000000-0000-4000-8000-000000000000",
    );
    let json = serde_json::to_string(&record).expect("a record serialises");
    (record, json)
}

#[test]
fn a_record_keeps_what_is_counted_and_no_typed_text() {
    for name in PERSONAS {
        let answers = persona(name);
        let (record, json) = record_of(&answers, Channel::Adviser);
        // Every text answer (the company's name above all) stays out.
        for question in DATA.0.questions() {
            if let Some(Answer::Text(typed)) = answers.get(&question.id) {
                assert!(!typed.trim().is_empty());
                assert!(
                    !json.contains(typed.as_str()),
                    "{name}: the record holds the answer to `{}`",
                    question.id
                );
            }
        }
        // What a programme manager counts is there.
        assert_eq!(record.month, "2026-11", "{name}");
        assert!(record.area.is_some(), "{name}");
        assert!(record.sector.is_some(), "{name}");
        assert!(!record.modes.is_empty(), "{name}");
        assert!(!record.journey.is_empty(), "{name}");
        assert_eq!(
            record.dimensions.len(),
            eis::vocab::Dimension::ALL.len(),
            "{name}"
        );
        // And it reads back as it was written.
        let back: ReferralRecord = serde_json::from_str(&json).expect("a record reads back");
        assert_eq!(back, record, "{name}");
    }
}

#[test]
fn the_pomorskie_subcontractor_is_recorded_as_an_adviser_would_count_it() {
    let (record, json) = record_of(
        &persona("pomorskie-machining-subcontractor-weak-compliance"),
        Channel::Kiosk,
    );
    assert_eq!(record.area.as_deref(), Some("PL-22"));
    assert_eq!(record.stage, Stage::Enter);
    assert!(json.contains("\"channel\":\"kiosk\""), "{json}");
    // A size band, never the head count itself.
    assert!(record.size.is_some());
    assert!(!json.contains("employees"), "{json}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_company_name_reaches_a_record(name in "[A-Za-zÀ-ž .&'-]{3,40}") {
        // Marked, so that a name cannot match a word a record holds anyway
        // ("Enter", "export").
        let name = format!("Zq{name}");
        let mut answers = persona("alentejo-olive-oil-first-markets");
        answers.set("company-name", Answer::Text(name.clone()));
        let (_, json) = record_of(&answers, Channel::Kiosk);
        prop_assert!(!json.contains(name.trim()), "{} in {}", name, json);
    }
}
