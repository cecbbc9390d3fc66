//! Keys as data: which key does what on which screen, and the hint bar and
//! help overlay generated from the same table, so they never disagree with
//! what the keys really do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::i18n::Text;

/// What the user asked for, independent of the key that asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Up,
    Down,
    PageUp,
    PageDown,
    Select,
    Next,
    Prev,
    Toggle,
    Pick(usize),
    Char(char),
    Backspace,
    Delete,
    Left,
    Right,
    Start,
    End,
    /// Text fields: empty the field.
    ClearField,
    /// Text fields: delete the word before the cursor.
    DeleteWord,
    MoreHelp,
    Help,
    Leave,
    Close,
    StartAssessment,
    OpenSearch,
    ShowResults,
    EditAnswers,
    CycleMode,
    CycleStage,
    CycleSupport,
    CycleArea,
    /// Search: the area filter's previous area (Shift+F5).
    CycleAreaBack,
    ClearFilters,
    CycleTheme,
    Yes,
    No,
    OpenClients,
    NewClient,
    RenameClient,
    DeleteClient,
    Note,
    MarkReferred,
    MarkContacted,
    Outcome,
    Export,
    /// Results: write the summary and open it with the system's opener.
    OpenSummary,
    /// Results: write the summary and send it to the printer.
    PrintSummary,
    Reassess,
    Cancel,
    /// Kiosk: wipe everything and return to the welcome screen.
    StartOver,
    /// Kiosk: write the referral slip.
    Slip,
    /// Kiosk, on the short check's results: on to the full assessment.
    FullAssessment,
    /// Kiosk: the first key of the admin exit chord (F12, then F11).
    AdminArm,
    /// Kiosk: the second key of the admin exit chord.
    AdminExit,
    OpenLandscape,
    /// Home and kiosk welcome: speak the next language.
    NextLanguage,
    /// Home and kiosk welcome: speak this language (a click on its name).
    SetLanguage(crate::i18n::Lang),
    NextMatrix,
    NextArea,
    Findings,
}

/// Where the keys are read: each screen, and the overlays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Home,
    /// A question with options (single, multiple, scale).
    Choice,
    /// A question typed in (number, text, countries).
    Entry,
    Review,
    Results,
    Search,
    Details,
    Help,
    Confirm,
    Clients,
    /// A one-line text prompt over a screen.
    Prompt,
    Landscape,
}

impl Context {
    /// Whether printable keys type text here (unless bound).
    #[must_use]
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Entry | Context::Search | Context::Clients | Context::Prompt
        )
    }

    /// Every context, for tests and the help.
    pub const ALL: [Context; 12] = [
        Context::Home,
        Context::Choice,
        Context::Entry,
        Context::Review,
        Context::Results,
        Context::Search,
        Context::Details,
        Context::Help,
        Context::Confirm,
        Context::Clients,
        Context::Prompt,
        Context::Landscape,
    ];
}

/// One key binding; `hint` is the key's label and what it does, for the hint
/// bar and the help overlay (several keys may share one hint).
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    pub action: Action,
    pub hint: Option<(&'static str, Text)>,
}

const fn key(code: KeyCode, action: Action) -> Binding {
    Binding {
        code,
        modifiers: KeyModifiers::NONE,
        action,
        hint: None,
    }
}

const fn hinted(code: KeyCode, action: Action, label: &'static str, text: Text) -> Binding {
    Binding {
        code,
        modifiers: KeyModifiers::NONE,
        action,
        hint: Some((label, text)),
    }
}

const fn ctrl_hinted(c: char, action: Action, label: &'static str, text: Text) -> Binding {
    Binding {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
        action,
        hint: Some((label, text)),
    }
}

const fn shifted(code: KeyCode, action: Action) -> Binding {
    Binding {
        code,
        modifiers: KeyModifiers::SHIFT,
        action,
        hint: None,
    }
}

const fn ctrl(c: char, action: Action) -> Binding {
    Binding {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
        action,
        hint: None,
    }
}

use Action as A;
use KeyCode as K;

const HOME: &[Binding] = &[
    hinted(K::Up, A::Up, "↑↓", Text::KeyMove),
    key(K::Down, A::Down),
    key(K::Char('k'), A::Up),
    key(K::Char('j'), A::Down),
    hinted(K::Enter, A::Select, "Enter", Text::KeyOpen),
    // Early in the bar, so that they show at 80 columns.
    hinted(K::Char('?'), A::Help, "?", Text::KeyHelp),
    hinted(K::Char('q'), A::Quit, "q", Text::KeyQuit),
    hinted(K::Char('a'), A::StartAssessment, "a", Text::KeyStart),
    hinted(K::Char('/'), A::OpenSearch, "/", Text::KeySearch),
    key(K::Char('s'), A::OpenSearch),
    hinted(K::Char('c'), A::OpenClients, "c", Text::HomeClients),
    hinted(K::Char('l'), A::OpenLandscape, "l", Text::HomeLandscape),
    hinted(K::Char('t'), A::CycleTheme, "t", Text::KeyTheme),
    // No hint in the bar: the home screen's language line names F2 beside
    // every language, which is where someone looking for theirs looks.
    key(K::F(2), A::NextLanguage),
    key(K::Char('g'), A::NextLanguage),
    key(K::F(1), A::Help),
    ctrl('c', A::Quit),
];

const CHOICE: &[Binding] = &[
    hinted(K::Enter, A::Next, "Enter", Text::KeyNext),
    key(K::Tab, A::Next),
    hinted(K::BackTab, A::Prev, "Shift+Tab", Text::KeyBack),
    hinted(K::Up, A::Up, "↑↓", Text::KeyMove),
    key(K::Down, A::Down),
    key(K::Left, A::Up),
    key(K::Right, A::Down),
    key(K::Char('k'), A::Up),
    key(K::Char('j'), A::Down),
    hinted(K::Char(' '), A::Toggle, "Space", Text::KeyChoose),
    key(K::Char('1'), A::Pick(0)),
    key(K::Char('2'), A::Pick(1)),
    key(K::Char('3'), A::Pick(2)),
    key(K::Char('4'), A::Pick(3)),
    key(K::Char('5'), A::Pick(4)),
    key(K::Char('6'), A::Pick(5)),
    key(K::Char('7'), A::Pick(6)),
    key(K::Char('8'), A::Pick(7)),
    key(K::Char('9'), A::Pick(8)),
    hinted(K::Char('?'), A::MoreHelp, "?", Text::KeyMoreHelp),
    key(K::F(1), A::MoreHelp),
    hinted(K::Esc, A::Leave, "Esc", Text::KeyLeave),
    ctrl('c', A::Quit),
];

const ENTRY: &[Binding] = &[
    hinted(K::Enter, A::Next, "Enter", Text::KeyNext),
    key(K::Tab, A::Next),
    hinted(K::BackTab, A::Prev, "Shift+Tab", Text::KeyBack),
    key(K::Backspace, A::Backspace),
    key(K::Delete, A::Delete),
    key(K::Left, A::Left),
    key(K::Right, A::Right),
    key(K::Home, A::Start),
    key(K::End, A::End),
    hinted(K::F(1), A::MoreHelp, "F1", Text::KeyMoreHelp),
    hinted(K::Esc, A::Leave, "Esc", Text::KeyLeave),
    ctrl_hinted('u', A::ClearField, "Ctrl+U", Text::KeyClearField),
    ctrl_hinted('w', A::DeleteWord, "Ctrl+W", Text::KeyDeleteWord),
    ctrl('c', A::Quit),
];

const REVIEW: &[Binding] = &[
    hinted(K::Up, A::Up, "↑↓", Text::KeyMove),
    key(K::Down, A::Down),
    key(K::Char('k'), A::Up),
    key(K::Char('j'), A::Down),
    key(K::PageUp, A::PageUp),
    key(K::PageDown, A::PageDown),
    hinted(K::Enter, A::Select, "Enter", Text::KeyEdit),
    hinted(K::Char('r'), A::ShowResults, "r", Text::KeyResults),
    hinted(K::BackTab, A::Prev, "Shift+Tab", Text::KeyBack),
    hinted(K::Char('?'), A::Help, "?", Text::KeyHelp),
    key(K::F(1), A::Help),
    hinted(K::Esc, A::Leave, "Esc", Text::KeyLeave),
    ctrl('c', A::Quit),
];

const RESULTS: &[Binding] = &[
    hinted(K::Up, A::Up, "↑↓", Text::KeySelect),
    key(K::Down, A::Down),
    key(K::Char('k'), A::Up),
    key(K::Char('j'), A::Down),
    key(K::PageUp, A::PageUp),
    key(K::PageDown, A::PageDown),
    key(K::Home, A::Start),
    key(K::End, A::End),
    hinted(K::Enter, A::Select, "Enter", Text::KeyOpen),
    // Kiosk only, and first in its bar: what a visitor came for.
    hinted(K::Char('p'), A::Slip, "p", Text::KeySlip),
    hinted(
        K::Char('f'),
        A::FullAssessment,
        "f",
        Text::KeyFullAssessment,
    ),
    hinted(K::Esc, A::Leave, "Esc", Text::KeyHome),
    hinted(K::Char('?'), A::Help, "?", Text::KeyHelp),
    key(K::F(1), A::Help),
    hinted(K::Char('e'), A::EditAnswers, "e", Text::KeyEditAnswers),
    hinted(K::Char('x'), A::Export, "x", Text::KeyExport),
    hinted(K::Char('o'), A::OpenSummary, "o", Text::KeyOpenSummary),
    hinted(K::Char('P'), A::PrintSummary, "P", Text::KeyPrintSummary),
    hinted(K::Char('n'), A::Note, "n", Text::KeyNote),
    hinted(K::Char('a'), A::Reassess, "a", Text::KeyReassess),
    hinted(K::Char('/'), A::OpenSearch, "/", Text::KeySearch),
    ctrl('c', A::Quit),
];

const SEARCH: &[Binding] = &[
    hinted(K::Up, A::Up, "↑↓", Text::KeySelect),
    key(K::Down, A::Down),
    key(K::PageUp, A::PageUp),
    key(K::PageDown, A::PageDown),
    hinted(K::Enter, A::Select, "Enter", Text::KeyOpen),
    key(K::Backspace, A::Backspace),
    key(K::Delete, A::Delete),
    key(K::Left, A::Left),
    key(K::Right, A::Right),
    key(K::Home, A::Start),
    key(K::End, A::End),
    hinted(K::F(2), A::CycleMode, "F2-F5", Text::KeyFilters),
    key(K::F(3), A::CycleStage),
    key(K::F(4), A::CycleSupport),
    key(K::F(5), A::CycleArea),
    shifted(K::F(5), A::CycleAreaBack),
    hinted(K::F(6), A::ClearFilters, "F6", Text::KeyClear),
    hinted(K::F(1), A::Help, "F1", Text::KeyHelp),
    hinted(K::Esc, A::Close, "Esc", Text::KeyBack),
    ctrl_hinted('u', A::ClearField, "Ctrl+U", Text::KeyClearField),
    ctrl_hinted('w', A::DeleteWord, "Ctrl+W", Text::KeyDeleteWord),
    ctrl('c', A::Quit),
];

const DETAILS: &[Binding] = &[
    hinted(K::Esc, A::Close, "Esc", Text::KeyBack),
    key(K::Backspace, A::Close),
    key(K::Enter, A::Close),
    hinted(K::Up, A::Up, "↑↓", Text::KeyScroll),
    key(K::Down, A::Down),
    key(K::Char('k'), A::Up),
    key(K::Char('j'), A::Down),
    key(K::PageUp, A::PageUp),
    key(K::PageDown, A::PageDown),
    hinted(K::Char('?'), A::Help, "?", Text::KeyHelp),
    key(K::F(1), A::Help),
    hinted(K::Char('f'), A::MarkReferred, "f", Text::KeyReferred),
    hinted(K::Char('c'), A::MarkContacted, "c", Text::KeyContacted),
    hinted(K::Char('o'), A::Outcome, "o", Text::KeyOutcome),
    hinted(K::Char('n'), A::Note, "n", Text::KeyNote),
    ctrl('c', A::Quit),
];

const HELP: &[Binding] = &[
    hinted(K::Esc, A::Close, "Esc", Text::KeyClose),
    hinted(K::Up, A::Up, "↑↓", Text::KeyScroll),
    key(K::Down, A::Down),
    key(K::Char('k'), A::Up),
    key(K::Char('j'), A::Down),
    hinted(K::PageUp, A::PageUp, "PgUp/PgDn", Text::KeyPage),
    key(K::PageDown, A::PageDown),
    hinted(K::Home, A::Start, "Home/End", Text::KeyEnds),
    key(K::End, A::End),
    key(K::Char('?'), A::Close),
    key(K::F(1), A::Close),
    key(K::Enter, A::Close),
    key(K::Char('q'), A::Close),
    ctrl('c', A::Quit),
];

const CONFIRM: &[Binding] = &[
    hinted(K::Char('y'), A::Yes, "y", Text::KeyYes),
    key(K::Enter, A::Yes),
    hinted(K::Char('n'), A::No, "n", Text::KeyNo),
    key(K::Esc, A::No),
    ctrl('c', A::Quit),
];

const CLIENTS: &[Binding] = &[
    hinted(K::Up, A::Up, "↑↓", Text::KeySelect),
    key(K::Down, A::Down),
    key(K::PageUp, A::PageUp),
    key(K::PageDown, A::PageDown),
    hinted(K::Enter, A::Select, "Enter", Text::KeyOpen),
    key(K::Backspace, A::Backspace),
    key(K::Left, A::Left),
    key(K::Right, A::Right),
    hinted(K::F(2), A::NewClient, "F2", Text::KeyNew),
    hinted(K::F(3), A::RenameClient, "F3", Text::KeyRename),
    hinted(K::Delete, A::DeleteClient, "Del", Text::KeyDelete),
    hinted(K::F(1), A::Help, "F1", Text::KeyHelp),
    hinted(K::Esc, A::Close, "Esc", Text::KeyHome),
    ctrl_hinted('u', A::ClearField, "Ctrl+U", Text::KeyClearField),
    ctrl_hinted('w', A::DeleteWord, "Ctrl+W", Text::KeyDeleteWord),
    ctrl('c', A::Quit),
];

const PROMPT: &[Binding] = &[
    hinted(K::Enter, A::Select, "Enter", Text::KeySave),
    key(K::Backspace, A::Backspace),
    key(K::Delete, A::Delete),
    key(K::Left, A::Left),
    key(K::Right, A::Right),
    key(K::Home, A::Start),
    key(K::End, A::End),
    hinted(K::Esc, A::Cancel, "Esc", Text::KeyCancel),
    ctrl_hinted('u', A::ClearField, "Ctrl+U", Text::KeyClearField),
    ctrl_hinted('w', A::DeleteWord, "Ctrl+W", Text::KeyDeleteWord),
    ctrl('c', A::Quit),
];

const LANDSCAPE: &[Binding] = &[
    hinted(K::Up, A::Up, "↑↓←→", Text::KeyMove),
    key(K::Down, A::Down),
    key(K::Left, A::Left),
    key(K::Right, A::Right),
    key(K::PageUp, A::PageUp),
    key(K::PageDown, A::PageDown),
    key(K::Home, A::Start),
    key(K::End, A::End),
    hinted(K::Enter, A::Select, "Enter", Text::KeyDrill),
    hinted(K::Tab, A::NextMatrix, "Tab", Text::KeyMatrix),
    hinted(K::Char('a'), A::NextArea, "a", Text::KeyArea),
    hinted(K::Char('f'), A::Findings, "f", Text::KeyFindings),
    hinted(K::Char('?'), A::Help, "?", Text::KeyHelp),
    key(K::F(1), A::Help),
    hinted(K::Esc, A::Close, "Esc", Text::KeyBack),
    ctrl('c', A::Quit),
];

/// Keys that work on every screen of a kiosk (and nowhere else).
const KIOSK: &[Binding] = &[
    hinted(K::F(10), A::StartOver, "F10", Text::KeyStartOver),
    key(K::F(12), A::AdminArm),
    key(K::F(11), A::AdminExit),
];

/// The bindings of a context.
#[must_use]
pub fn bindings(context: Context) -> &'static [Binding] {
    match context {
        Context::Home => HOME,
        Context::Choice => CHOICE,
        Context::Entry => ENTRY,
        Context::Review => REVIEW,
        Context::Results => RESULTS,
        Context::Search => SEARCH,
        Context::Details => DETAILS,
        Context::Help => HELP,
        Context::Confirm => CONFIRM,
        Context::Clients => CLIENTS,
        Context::Prompt => PROMPT,
        Context::Landscape => LANDSCAPE,
    }
}

/// The action for a key in a context, if any. Key releases and repeats of
/// non-movement keys are ignored (some terminals report releases).
#[must_use]
pub fn action(context: Context, event: KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    // A binding with Shift (Shift+F5) is taken first; otherwise Shift is
    // part of the character itself (`?`, capitals) and of BackTab.
    let find = |modifiers: KeyModifiers| {
        bindings(context)
            .iter()
            .chain(KIOSK)
            .find(|b| b.code == event.code && b.modifiers == modifiers)
            .map(|b| b.action)
    };
    let modifiers = event.modifiers - KeyModifiers::SHIFT;
    let bound = find(event.modifiers).or_else(|| find(modifiers));
    match (bound, event.code) {
        (Some(action), _) => Some(action),
        (None, KeyCode::Char(c))
            if context.takes_text()
                && !modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::Char(c))
        }
        _ => None,
    }
}

/// The hints of a context, in table order: `(key label, what it does)`.
#[must_use]
pub fn hints(context: Context) -> Vec<(&'static str, Text)> {
    hinted_bindings(context)
        .into_iter()
        .map(|(key, text, _)| (key, text))
        .collect()
}

/// The hints of a context with the action behind each, so that a screen can
/// leave out keys that do nothing in its mode (the kiosk keys elsewhere).
#[must_use]
pub fn hinted_bindings(context: Context) -> Vec<(&'static str, Text, Action)> {
    let mut hints: Vec<_> = bindings(context)
        .iter()
        .chain(KIOSK)
        .filter_map(|b| b.hint.map(|(key, text)| (key, text, b.action)))
        .collect();
    if context.takes_text() {
        hints.insert(0, ("abc", Text::KeyType, Action::Char(' ')));
    }
    hints
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn enter_and_tab_go_next_and_shift_tab_goes_back_in_questions() {
        for context in [Context::Choice, Context::Entry] {
            assert_eq!(action(context, press(KeyCode::Enter)), Some(Action::Next));
            assert_eq!(action(context, press(KeyCode::Tab)), Some(Action::Next));
            let back_tab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
            assert_eq!(action(context, back_tab), Some(Action::Prev));
        }
    }

    #[test]
    fn letters_type_in_text_fields_but_act_elsewhere() {
        assert_eq!(
            action(Context::Entry, press(KeyCode::Char('q'))),
            Some(Action::Char('q'))
        );
        assert_eq!(
            action(Context::Search, press(KeyCode::Char('?'))),
            Some(Action::Char('?'))
        );
        assert_eq!(
            action(Context::Home, press(KeyCode::Char('q'))),
            Some(Action::Quit)
        );
        assert_eq!(
            action(Context::Choice, press(KeyCode::Char('?'))),
            Some(Action::MoreHelp)
        );
        assert_eq!(action(Context::Choice, press(KeyCode::Char('z'))), None);
    }

    #[test]
    fn question_mark_typed_with_shift_is_still_help() {
        let shifted = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(action(Context::Home, shifted), Some(Action::Help));
    }

    #[test]
    fn shift_f5_has_its_own_binding_while_shift_with_other_keys_is_ignored() {
        let shift = |code| KeyEvent::new(code, KeyModifiers::SHIFT);
        assert_eq!(
            action(Context::Search, shift(KeyCode::F(5))),
            Some(Action::CycleAreaBack)
        );
        assert_eq!(
            action(Context::Search, press(KeyCode::F(5))),
            Some(Action::CycleArea)
        );
        assert_eq!(
            action(Context::Search, shift(KeyCode::F(6))),
            Some(Action::ClearFilters)
        );
    }

    #[test]
    fn key_releases_are_ignored() {
        let mut release = press(KeyCode::Enter);
        release.kind = KeyEventKind::Release;
        assert_eq!(action(Context::Choice, release), None);
    }

    #[test]
    fn ctrl_c_quits_everywhere_and_never_types() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for context in Context::ALL {
            assert_eq!(action(context, ctrl_c), Some(Action::Quit), "{context:?}");
        }
    }

    #[test]
    fn hints_show_only_keys_of_the_context() {
        let home: Vec<&str> = hints(Context::Home).iter().map(|(k, _)| *k).collect();
        assert_eq!(
            home,
            ["↑↓", "Enter", "?", "q", "a", "/", "c", "l", "t", "F10"]
        );
        let entry: Vec<&str> = hints(Context::Entry).iter().map(|(k, _)| *k).collect();
        assert_eq!(
            entry,
            [
                "abc",
                "Enter",
                "Shift+Tab",
                "F1",
                "Esc",
                "Ctrl+U",
                "Ctrl+W",
                "F10"
            ]
        );
    }

    #[test]
    fn every_text_field_clears_with_ctrl_u_and_deletes_a_word_with_ctrl_w() {
        let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
        let ctrl_w = KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL);
        for context in Context::ALL.into_iter().filter(|c| c.takes_text()) {
            assert_eq!(
                action(context, ctrl_u),
                Some(Action::ClearField),
                "{context:?}"
            );
            assert_eq!(
                action(context, ctrl_w),
                Some(Action::DeleteWord),
                "{context:?}"
            );
            let keys: Vec<&str> = hints(context).iter().map(|(k, _)| *k).collect();
            assert!(
                keys.contains(&"Ctrl+U") && keys.contains(&"Ctrl+W"),
                "{context:?}"
            );
        }
    }

    #[test]
    fn every_context_has_a_way_out() {
        for context in Context::ALL {
            assert!(
                bindings(context).iter().any(|b| matches!(
                    b.action,
                    Action::Quit | Action::Leave | Action::Close | Action::No
                )),
                "{context:?}"
            );
        }
    }
}
