//! The model: what it keeps, and that its texts are safe in every rendering.

use super::*;
use crate::journey::{Fallback, Gap, StagePlan, Step};

fn step(id: &str, name: &str) -> Step {
    Step {
        service: id.to_owned(),
        name: name.to_owned(),
        provider: "Provider".to_owned(),
        next_step: "Call".to_owned(),
        next_step_in_english: false,
        url: "https://example.org".to_owned(),
        score: 1,
        reasons: vec!["a reason".to_owned()],
        checks: Vec::new(),
        also: Vec::new(),
    }
}

fn journey() -> Journey {
    Journey {
        stages: vec![StagePlan {
            stage: Stage::Explore,
            current: true,
            steps: vec![step("a", "A \u{1b}[31mred"), step("b", "B")],
        }],
        gaps: vec![Gap {
            need: Need::Motivation,
            fallback: Fallback {
                name: "Helpdesk".to_owned(),
                provider: "EEN".to_owned(),
                url: "https://een.example".to_owned(),
                next_step: String::new(),
            },
        }],
        outside: None,
    }
}

fn profile() -> Profile {
    let bank = crate::assessment::bank::load(None).expect("the built-in bank loads");
    assess(&bank, &crate::assessment::Answers::new(), Lang::En)
}

#[test]
fn every_text_of_the_journey_is_sanitised_once_here() {
    let referral = Referral::new(&profile(), Some(&journey()), Lang::En);
    let route = referral.journey.expect("a journey");
    assert_eq!(route.stages[0].steps[0].name, "A \u{fffd}[31mred");
    assert!(route.stages[0].heading.starts_with("Explore ("));
}

#[test]
fn no_rendering_lets_an_escape_of_a_profile_file_through() {
    // A profile read from a file (`eis match --profile`) carries its
    // own stage reason and firm name.
    let mut profile = profile();
    profile.stage_reason = "because\u{1b}[2J".to_owned();
    profile.company.name = Some("Firm\u{9b}31m".to_owned());
    let referral = Referral::new(&profile, Some(&journey()), Lang::En);
    for rendered in [
        text::profile(&referral),
        text::journey(&referral),
        spoken::profile(&referral),
        spoken::journey(&referral),
        markdown::profile(&referral),
        markdown::journey(&referral),
        slip::render(&referral, "K7QM-92XA", "2026-11-23"),
    ] {
        assert!(
            !rendered.contains(['\u{1b}', '\u{9b}']),
            "an escape got through:\n{rendered}"
        );
    }
}

#[test]
fn marks_are_kept_only_for_services_in_the_journey() {
    let mut marks = BTreeMap::new();
    let referred = ServiceMarks {
        referred: Some("2026-11-23".to_owned()),
        ..ServiceMarks::default()
    };
    marks.insert("b".to_owned(), referred.clone());
    marks.insert("elsewhere".to_owned(), referred);
    let referral = Referral::new(&profile(), Some(&journey()), Lang::En).with_marks(&marks);
    let route = referral.journey.as_ref().expect("a journey");
    assert!(route.stages[0].steps[0].marks.is_empty());
    assert_eq!(route.stages[0].steps[1].marks, ["referred 2026-11-23"]);
    assert_eq!(
        referral.source.services.keys().collect::<Vec<_>>(),
        ["b"],
        "the JSON names only the journey's services"
    );
}
