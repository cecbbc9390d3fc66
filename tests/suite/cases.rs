//! The referral test cases of `data/cases/` hold on the shipped catalogue
//! and question bank, and the runner reports a failing expectation where it
//! stands, with the journey the firm got.

use eis::i18n::Lang;
use std::path::Path;

use eis::assessment::bank;
use eis::cases::{Outcome, run, run_folder};
use eis::catalogue::{Source, load};

fn shipped() -> (eis::catalogue::Catalogue, eis::assessment::QuestionBank) {
    let catalogue = load(&Source::Embedded)
        .expect("the shipped catalogue loads")
        .0;
    let bank = bank::load(None).expect("the shipped question bank loads");
    (catalogue, bank)
}

#[test]
fn every_shipped_referral_case_holds() {
    let (catalogue, bank) = shipped();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cases");
    let outcomes = run_folder(&dir, &catalogue, &bank, Lang::En);
    assert!(outcomes.len() >= 40, "only {} cases", outcomes.len());
    let failures: Vec<String> = outcomes
        .iter()
        .flat_map(|o| &o.failures)
        .map(ToString::to_string)
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let expectations: usize = outcomes.iter().map(|o| o.expectations).sum();
    assert!(expectations >= 200, "only {expectations} expectations");
}

#[test]
fn a_failing_expectation_is_reported_at_its_line_with_the_journey() {
    let (catalogue, bank) = shipped();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cases/wrong.ron");
    let bytes = std::fs::read(&path).expect("the fixture reads");
    let outcome: Outcome = run("wrong.ron", &bytes, &catalogue, &bank, Lang::En);
    assert_eq!(outcome.expectations, 3);
    let lines: Vec<String> = outcome.failures.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(
        lines[0].starts_with("wrong.ron:15:9: error: expected `ukef-general-export-facility` to be eligible; it is excluded: it is available only to firms in United Kingdom"),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("journey: "), "{}", lines[0]);
    assert!(
        lines[1].starts_with("wrong.ron:17:9: error: expected `no-such-service` in the journey"),
        "{}",
        lines[1]
    );
}

#[test]
fn an_answer_the_case_is_not_asked_is_an_error_at_its_line() {
    let (catalogue, bank) = shipped();
    let text = "Case(\n    about: \"x\",\n    answers: {\n        \"country\": [\"PL\"],\n        \"region-dk\": \"midtjylland\",\n    },\n    expect: [],\n)\n";
    let outcome = run("case.ron", text.as_bytes(), &catalogue, &bank, Lang::En);
    let lines: Vec<String> = outcome.failures.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(lines[0].starts_with("case.ron:5:"), "{}", lines[0]);
    assert!(lines[0].contains("region-dk"), "{}", lines[0]);
}
