//! Helpers shared by the test modules: the shipped question bank and
//! catalogue loaded once, an app drawn to text, keys pressed through the
//! real keymap (into the app alone, which must then ask for no effect, or
//! into the app in its shell, which performs them), an assessment answered
//! with keys, personas read from the fixtures, fixed instants.

use std::sync::LazyLock;

use eis::assessment::bank::{self, QuestionBank};
use eis::assessment::raw::Kind;
use eis::assessment::{Answer, Answers};
use eis::catalogue::{Catalogue, Source, load};
use eis::ui::Shell;
use eis::ui::app::{App, Screen};
use eis::ui::keymap::{self, Action};
use eis::ui::view::draw;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The built-in question bank and catalogue, loaded once for every test.
pub static DATA: LazyLock<(QuestionBank, Catalogue)> = LazyLock::new(|| {
    (
        bank::load(None).expect("the shipped bank loads"),
        load(&Source::Embedded)
            .expect("the shipped catalogue loads")
            .0,
    )
});

/// Draws the app at a size, keeps its click targets, returns the screen text.
pub fn render(app: &mut App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    let mut targets = Vec::new();
    terminal
        .draw(|frame| targets = draw(frame, app))
        .expect("drawing works");
    app.targets = targets;
    terminal.backend().to_string()
}

/// What keys are pressed into: the app alone, or the app in its shell.
pub trait Keys {
    fn app(&self) -> &App;
    /// Applies an action as the terminal loop does.
    fn act(&mut self, action: Action);
}

/// The app alone performs nothing: a test of it that asks for an effect
/// (a save, a slip) belongs with a shell, or reads the effects itself.
impl Keys for App {
    fn app(&self) -> &App {
        self
    }

    fn act(&mut self, action: Action) {
        let effects = self.update(action);
        assert!(effects.is_empty(), "no shell to perform {effects:?}");
    }
}

impl Keys for Shell {
    fn app(&self) -> &App {
        Shell::app(self)
    }

    fn act(&mut self, action: Action) {
        self.update(action);
    }
}

/// Presses a key with modifiers, through the keymap as the terminal loop does.
pub fn press_with<K: Keys + ?Sized>(app: &mut K, code: KeyCode, modifiers: KeyModifiers) {
    if let Some(action) = keymap::action(app.app().context(), KeyEvent::new(code, modifiers)) {
        app.act(action);
    }
}

/// Presses a key without modifiers.
pub fn press<K: Keys + ?Sized>(app: &mut K, code: KeyCode) {
    press_with(app, code, KeyModifiers::NONE);
}

/// Types a text one character at a time.
pub fn type_text<K: Keys + ?Sized>(app: &mut K, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Answers the current question with keys, as a user would.
pub fn answer_with_keys(app: &mut impl Keys, answer: Option<&Answer>) {
    let question = app.app().question().expect("a question is open").clone();
    let move_to = |app: &mut dyn Keys, row: usize| {
        // A question just opened has its cursor on no option: the first
        // move puts it on the first.
        if !app.app().form.pointing {
            press(app, KeyCode::Down);
        }
        while app.app().form.cursor > row {
            press(app, KeyCode::Up);
        }
        while app.app().form.cursor < row {
            press(app, KeyCode::Down);
        }
    };
    match (&question.kind, answer) {
        (Kind::Single { options }, Some(Answer::Choice(id))) => {
            let row = options
                .iter()
                .position(|o| &o.id == id)
                .expect("the option exists");
            move_to(app, row);
        }
        (Kind::Multiple { options }, Some(Answer::Choices(ids))) => {
            for (row, option) in options.iter().enumerate() {
                if ids.contains(&option.id) != app.app().form.ticked.contains(&option.id) {
                    move_to(app, row);
                    press(app, KeyCode::Char(' '));
                }
            }
        }
        (Kind::Scale { .. }, Some(Answer::Scale(v))) => {
            press(app, KeyCode::Char(char::from(b'0' + v)));
        }
        (_, Some(Answer::Number(n))) => type_text(app, &n.to_string()),
        (_, Some(Answer::Text(t))) => type_text(app, t),
        (_, Some(Answer::Countries(codes))) => type_text(app, &codes.join(" ")),
        (_, None) => {}
        (kind, answer) => panic!("cannot answer {kind:?} with {answer:?}"),
    }
    press(app, KeyCode::Enter);
}

/// From home, answers the persona's questions until `stop` is the open
/// question (or to the review page when `stop` is `None`).
pub fn drive(app: &mut impl Keys, answers: &Answers, stop: Option<&str>) {
    if app.app().screen == Screen::Home {
        press(app, KeyCode::Enter);
    }
    for _ in 0..100 {
        if app.app().screen != Screen::Question {
            return;
        }
        let id = app.app().form.question.clone();
        if Some(id.as_str()) == stop {
            return;
        }
        answer_with_keys(app, answers.get(&id));
    }
    panic!("the assessment did not end");
}

/// A fixed instant plus some minutes, so that saved times are reproducible.
pub fn at(minutes: i64) -> jiff::Timestamp {
    "2026-11-23T09:00:00Z"
        .parse::<jiff::Timestamp>()
        .expect("a valid instant")
        + jiff::SignedDuration::from_mins(minutes)
}

/// The answers of a persona in `tests/fixtures/personas/`.
pub fn persona(name: &str) -> Answers {
    let path = format!(
        "{}/tests/fixtures/personas/{name}.ron",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).expect("the persona exists");
    Answers::read(&path, &bytes, &DATA.0)
        .expect("the persona reads")
        .0
}

/// The real `eis` binary, run from the crate root as a user at a plain
/// terminal would: C locale, no colour, a fixed `today`, no input, and its
/// compiled catalogues in the build's scratch folder rather than the home
/// folder.
pub fn eis_command(today: &str) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_eis"));
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LC_ALL", "C")
        .env("EIS_TODAY", today)
        .env("NO_COLOR", "1")
        .env(
            "EIS_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/eis-cache"),
        )
        .stdin(std::process::Stdio::null());
    command
}

/// The rows of a rendered screen, without the quotes the test backend adds.
pub fn rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .map(|l| l.trim_matches('"').to_owned())
        .collect()
}
