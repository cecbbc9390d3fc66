//! The question bank checker, one problem kind at a time, and the shipped
//! bank's shape.

use eis::assessment::bank::{self, check};
use eis::assessment::{Answer, Answers};
use eis::i18n::Lang;

/// A valid bank of two questions. Line numbers below refer to this layout.
const BASE: &str = r#"QuestionBank(
    sections: [
        Section(
            id: "plans",
            title: "Your plans",
            questions: [
                Question(
                    id: "modes",
                    prompt: "What do you want to do abroad?",
                    help: "Pick all that apply.",
                    kind: Multiple(options: [
                        Choice(id: "export", label: "Sell abroad", value: Mode(Export)),
                        Choice(id: "import", label: "Buy abroad", value: Mode(Import)),
                    ]),
                    fills: Modes,
                ),
                Question(
                    id: "plan",
                    prompt: "Do you have a plan?",
                    help: "A written plan has a budget and targets.",
                    kind: Single(options: [
                        Choice(id: "none", label: "No plan yet", scores: [(Commitment, 0)], needs: [Strategy]),
                        Choice(id: "written", label: "A written plan", scores: [(Commitment, 100)]),
                    ]),
                    when: Chosen("modes", "export"),
                ),
            ],
        ),
    ],
)
"#;

fn check_edit(from: &str, to: &str) -> Vec<String> {
    assert!(BASE.contains(from), "fixture does not contain {from:?}");
    let text = BASE.replacen(from, to, 1);
    check("bank.ron", text.as_bytes())
        .1
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[track_caller]
fn case(from: &str, to: &str, expected: &[&str]) {
    assert_eq!(check_edit(from, to), expected);
}

#[test]
fn the_base_bank_is_clean() {
    let (bank, diagnostics) = check("bank.ron", BASE.as_bytes());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(bank.unwrap().questions().len(), 2);
}

#[test]
fn an_unknown_dimension_is_an_error() {
    case(
        "(Commitment, 0)",
        "(Comitment, 0)",
        &[
            "bank.ron:22:76: error: Unexpected variant named `Comitment` in enum `Dimension`, expected one of `Commitment`, `Offer`, `Capacity`, `Finance`, `Knowledge`, `Experience`, `Compliance`, or `Marketing` instead (at `sections[0].questions[1].kind.Single.options[0].scores[0][0]`)",
        ],
    );
}

#[test]
fn an_unknown_need_is_an_error() {
    case(
        "needs: [Strategy]",
        "needs: [Strategie]",
        &[
            "bank.ron:22:101: error: Unexpected variant named `Strategie` in enum `Need`, expected one of `Motivation`, `Strategy`, `ProductFit`, `StaffSkills`, `ProductionCapacity`, `WorkingCapital`, `PaymentRisk`, `MarketEntryCost`, `InvestmentFinance`, `MarketIntelligence`, `Sourcing`, `Partners`, `TechnologyPartners`, `LocalPresence`, `TradeRules`, `CustomsDocuments`, `Certification`, `IntellectualProperty`, `Contracts`, `InternationalMarketing`, `DigitalSales`, or `PublicTenders` instead (at `sections[0].questions[1].kind.Single.options[0].needs[0]`)",
        ],
    );
}

#[test]
fn effects_out_of_range_are_errors() {
    case(
        "(Commitment, 100)",
        "(Commitment, 150)",
        &[
            "bank.ron:23:81: error: score 150 for Commitment is out of range; scores run from 0 to 100 (at `sections[0].questions[1].kind.options[1].scores[0]`)",
        ],
    );
}

#[test]
fn a_condition_naming_an_unknown_question_is_an_error() {
    case(
        "when: Chosen(\"modes\", \"export\")",
        "when: Chosen(\"mode\", \"export\")",
        &[
            "bank.ron:25:27: error: the condition of `plan` names question `mode`, which is not an earlier question (at `sections[0].questions[1].when`)",
        ],
    );
}

#[test]
fn a_short_check_question_may_only_depend_on_short_check_questions() {
    case(
        "id: \"plan\",",
        "id: \"plan\",\n                    short: true,",
        &[
            "bank.ron:26:27: error: question `plan` is in the short check but its condition names `modes`, which is not; mark `modes` `short: true` too (at `sections[0].questions[1].when`)",
        ],
    );
    // With both marked, the short check asks both, in order.
    let text = BASE
        .replacen(
            "id: \"modes\",",
            "id: \"modes\",\n                    short: true,",
            1,
        )
        .replacen(
            "id: \"plan\",",
            "id: \"plan\",\n                    short: true,",
            1,
        );
    let (bank, diagnostics) = check("bank.ron", text.as_bytes());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let short = bank.expect("the bank checks").short_check();
    let ids: Vec<&str> = short.questions().iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["modes", "plan"]);
}

#[test]
fn a_condition_naming_an_unknown_option_is_an_error() {
    case(
        "when: Chosen(\"modes\", \"export\")",
        "when: Chosen(\"modes\", \"exports\")",
        &[
            "bank.ron:25:27: error: condition of `plan` names option `exports`, which question `modes` does not have (at `sections[0].questions[1].when`)",
        ],
    );
}

#[test]
fn duplicate_question_and_option_ids_are_errors() {
    case(
        "id: \"plan\"",
        "id: \"modes\"",
        &[
            "bank.ron:18:25: error: duplicate question id `modes`; question 1 has it already (at `sections[0].questions[1].id`)",
        ],
    );
    case(
        "Choice(id: \"import\"",
        "Choice(id: \"export\"",
        &[
            "bank.ron:13:36: error: duplicate option id `export` in question `modes` (at `sections[0].questions[0].kind.options[1].id`)",
        ],
    );
}

#[test]
fn a_question_no_path_can_reach_is_an_error() {
    case(
        "when: Chosen(\"modes\", \"export\")",
        "when: AllOf([Chosen(\"modes\", \"export\"), Not(Answered(\"modes\"))])",
        &[
            "bank.ron:25:27: error: question `plan` can never be asked: no answers make its condition true (at `sections[0].questions[1].when`)",
        ],
    );
}

#[test]
fn a_condition_may_only_name_earlier_questions() {
    let text = BASE.replacen(
        "                    fills: Modes,",
        "                    fills: Modes,\n                    when: Answered(\"plan\"),",
        1,
    );
    let (_, diagnostics) = check("bank.ron", text.as_bytes());
    let messages: Vec<String> = diagnostics.iter().map(|d| d.message.clone()).collect();
    assert!(
        messages.contains(
            &"the condition of `modes` names question `plan`, which is not an earlier question"
                .to_owned()
        ),
        "{messages:?}"
    );
}

#[test]
fn a_fact_must_be_filled_by_a_question_of_the_right_kind() {
    case(
        "                    fills: Modes,",
        "                    fills: Employees,",
        &[
            "bank.ron:15:28: error: Employees must be filled by a Number question (at `sections[0].questions[0].fills`)",
        ],
    );
}

#[test]
fn the_shipped_bank_checks_clean_and_fits_in_45_questions() {
    let bank = bank::load(None).expect("the shipped question bank loads");
    let (_, diagnostics) = check(bank::EMBEDDED.0, bank::EMBEDDED.1.as_bytes());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let mut answers = Answers::new();
    answers.set(
        "modes",
        Answer::Choices(
            [
                "export",
                "import",
                "investment",
                "subcontracting",
                "cooperation",
            ]
            .map(String::from)
            .to_vec(),
        ),
    );
    answers.set("country", Answer::Countries(vec!["PL".to_owned()]));
    let asked = bank.visible(&answers).len();
    assert!(
        asked <= 45,
        "{asked} questions for an SME pursuing all five modes"
    );
    // Three to five questions per readiness dimension.
    for dimension in eis::vocab::Dimension::ALL {
        let scoring = bank
            .visible(&answers)
            .iter()
            .filter(|q| {
                q.options()
                    .iter()
                    .any(|o| o.scores.iter().any(|(d, _)| d == dimension))
                    || matches!(q.kind, eis::assessment::raw::Kind::Scale { dimension: d, .. } if d == *dimension)
            })
            .count();
        assert!(scoring >= 3, "{dimension} is scored by {scoring} questions");
    }
}

#[test]
fn mode_specific_questions_appear_only_for_their_mode() {
    let bank = bank::load(None).unwrap();
    let mut answers = Answers::new();
    answers.set("modes", Answer::Choices(vec!["export".to_owned()]));
    let ids: Vec<&str> = bank
        .visible(&answers)
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert!(
        !ids.contains(&"suppliers"),
        "import question shown to an exporter"
    );
    answers.set("modes", Answer::Choices(vec!["import".to_owned()]));
    let ids: Vec<&str> = bank
        .visible(&answers)
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert!(ids.contains(&"suppliers"));
}

/// A number question after the plan, with `kind` as given.
fn with_number(kind: &str) -> String {
    BASE.replacen(
        "            ],\n        ),\n    ],\n)",
        &format!(
            "                Question(id: \"staff\", prompt: \"How many?\", help: \"Count.\", kind: {kind}),\n            ],\n        ),\n    ],\n)"
        ),
        1,
    )
}

#[test]
fn a_unit_without_forms_still_loads_and_shows_its_label_after_a_count() {
    use eis::assessment::raw::{Kind, counted_unit};
    let text = with_number(r#"Number(min: 0, max: 10, unit: "people")"#);
    let (bank, diagnostics) = check("bank.ron", text.as_bytes());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let bank = bank.expect("the bank loads");
    let Kind::Number {
        unit, unit_forms, ..
    } = &bank.question("staff").expect("staff").kind
    else {
        panic!("a number question")
    };
    assert!(unit_forms.is_empty());
    assert_eq!(counted_unit(1, unit, unit_forms, Lang::En), "1 people");

    let text = with_number(
        r#"Number(min: 0, max: 10, unit: "people", unit_forms: { "one": "person", "other": "people" })"#,
    );
    let (bank, diagnostics) = check("bank.ron", text.as_bytes());
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let bank = bank.expect("the bank loads");
    let Kind::Number {
        unit, unit_forms, ..
    } = &bank.question("staff").expect("staff").kind
    else {
        panic!("a number question")
    };
    assert_eq!(counted_unit(1, unit, unit_forms, Lang::En), "1 person");
    assert_eq!(counted_unit(2, unit, unit_forms, Lang::En), "2 people");
}

#[test]
fn a_unit_form_english_does_not_have_is_an_error() {
    let text = with_number(
        r#"Number(min: 0, max: 10, unit: "people", unit_forms: { "one": "person", "few": "people", "other": "people" })"#,
    );
    let (bank, diagnostics) = check("bank.ron", text.as_bytes());
    assert!(bank.is_none());
    assert!(
        diagnostics.iter().any(|d| d.is_error()
            && d.message
                .contains("`few` is not an English plural category")),
        "{diagnostics:?}"
    );
}

/// An answer that raises a need scores the dimension that need belongs to,
/// so that a gap shows where its need is listed: a certificate the firm
/// lacks is a paperwork (Compliance) gap, not an Offer one.
#[test]
fn every_answer_scores_the_dimension_of_the_needs_it_raises() {
    use eis::assessment::raw::Kind;
    let bank = eis::assessment::bank::load(None).expect("the shipped bank loads");
    let mut wrong = Vec::new();
    for question in bank.questions() {
        let (Kind::Single { options } | Kind::Multiple { options }) = &question.kind else {
            continue;
        };
        for choice in options {
            if choice.scores.is_empty() {
                continue;
            }
            for need in &choice.needs {
                if !choice.scores.iter().any(|(d, _)| *d == need.dimension()) {
                    wrong.push(format!(
                        "{}/{}: {need:?} belongs to {:?}, scored {:?}",
                        question.id,
                        choice.id,
                        need.dimension(),
                        choice.scores
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}
