//! Options that rule out the others in a multiple choice ("No, not yet",
//! "None of these"): marked in the bank, checked by the bank checker, and
//! enforced wherever a reply is checked or a box ticked.

use eis::assessment::bank::check;
use eis::assessment::raw::{Kind, Value};
use eis::assessment::reply::{self, Reply};
use eis::ui::App;
use eis::ui::theme::ThemeName;
use ratatui::crossterm::event::KeyCode;

use crate::common::{DATA, press};

/// A bank of one multiple and one single choice, for the checker.
const BANK: &str = r#"QuestionBank(
    sections: [
        Section(
            id: "plans",
            title: "Your plans",
            questions: [
                Question(
                    id: "support",
                    prompt: "Who helps you?",
                    help: "Pick all that apply.",
                    kind: Multiple(options: [
                        Choice(id: "none", label: "Nobody yet"),
                        Choice(id: "chamber", label: "A chamber"),
                    ]),
                ),
                Question(
                    id: "plan",
                    prompt: "Do you have a plan?",
                    help: "A written plan has a budget and targets.",
                    kind: Single(options: [
                        Choice(id: "no", label: "No plan yet", scores: [(Commitment, 0)]),
                        Choice(id: "written", label: "A written plan", scores: [(Commitment, 100)]),
                    ]),
                ),
            ],
        ),
    ],
)
"#;

fn diagnostics(edits: &[(&str, &str)]) -> Vec<String> {
    let mut text = BANK.to_owned();
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    check("bank.ron", text.as_bytes())
        .1
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn an_exclusive_option_beside_others_in_a_multiple_choice_is_clean() {
    let found = diagnostics(&[(
        r#"label: "Nobody yet")"#,
        r#"label: "Nobody yet", exclusive: true)"#,
    )]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn exclusive_in_a_single_choice_or_on_every_option_is_an_error() {
    assert_eq!(
        diagnostics(&[(
            r#"label: "No plan yet","#,
            r#"label: "No plan yet", exclusive: true,"#
        )]),
        [
            "bank.ron:21:75: error: option `no` of question `plan` is marked `exclusive`, which only a multiple choice can use: one option of a single choice rules out the others already (at `sections[0].questions[1].kind.options[0].exclusive`)"
        ]
    );
    let every = diagnostics(&[
        (
            r#"label: "Nobody yet")"#,
            r#"label: "Nobody yet", exclusive: true)"#,
        ),
        (
            r#"label: "A chamber")"#,
            r#"label: "A chamber", exclusive: true)"#,
        ),
    ]);
    assert_eq!(every.len(), 1, "{every:?}");
    assert!(
        every[0].contains("every option of question `support` is `exclusive`"),
        "{every:?}"
    );
}

#[test]
fn every_option_meaning_none_in_the_shipped_bank_is_exclusive() {
    let mut marked = Vec::new();
    for question in DATA.0.questions() {
        let Kind::Multiple { options } = &question.kind else {
            continue;
        };
        for option in options {
            let means_none = matches!(
                &option.value,
                Some(Value::Support(v)) if v.is_empty()
            ) || matches!(&option.value, Some(Value::Member(v)) if v.is_empty())
                || option.id == "none";
            assert_eq!(
                option.exclusive, means_none,
                "{}: {}",
                question.id, option.id
            );
            if option.exclusive {
                marked.push(format!("{}/{}", question.id, option.id));
            }
        }
    }
    assert_eq!(marked, ["support-in-use/none", "memberships/none"]);
}

#[test]
fn a_reply_with_an_exclusive_option_and_another_is_refused_in_words() {
    let question = DATA.0.question("support-in-use").unwrap();
    let both = ["none".to_owned(), "chamber".to_owned()];
    let refused = reply::check(question, Reply::Ticked(&both), eis::i18n::Lang::En).unwrap_err();
    assert_eq!(
        refused,
        "“No, not yet” cannot be chosen together with another answer."
    );
    for alone in [&both[..1], &both[1..]] {
        assert!(reply::check(question, Reply::Ticked(alone), eis::i18n::Lang::En).is_ok());
    }
    // Two options that rule nothing out go together.
    let two = ["chamber".to_owned(), "consultant".to_owned()];
    assert!(reply::check(question, Reply::Ticked(&two), eis::i18n::Lang::En).is_ok());
}

#[test]
fn ticking_an_exclusive_option_clears_the_others_and_the_reverse() {
    let mut app = App::new(DATA.0.clone(), DATA.1.clone(), ThemeName::Mono);
    let question = DATA.0.question("support-in-use").unwrap().clone();
    let row = |id: &str| question.options().iter().position(|o| o.id == id).unwrap();
    // Open the question as the review would.
    app.form = eis::ui::app::form::Form::open(&question, None);
    app.screen = eis::ui::app::Screen::Question;
    let pick = |app: &mut App, id: &str| {
        press(
            app,
            KeyCode::Char(char::from(b'1' + u8::try_from(row(id)).unwrap())),
        );
    };
    pick(&mut app, "chamber");
    pick(&mut app, "consultant");
    assert_eq!(app.form.ticked, ["chamber", "consultant"]);
    pick(&mut app, "none");
    assert_eq!(app.form.ticked, ["none"]);
    pick(&mut app, "trade-adviser");
    assert_eq!(app.form.ticked, ["trade-adviser"]);
    // Unticking stays unticking.
    pick(&mut app, "trade-adviser");
    assert!(app.form.ticked.is_empty());
}
