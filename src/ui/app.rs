//! The state of the terminal app and the one function that changes it:
//! [`App::update`] takes an [`Action`], moves the app on, and returns the
//! [`Effect`]s it asks for (save this client, write this summary, print
//! this slip); what became of them comes back through [`App::report`].
//! Nothing here draws, reads the terminal, or touches a file, a lock or a
//! printer, so every behaviour — a whole client's assessment included — is
//! testable by feeding actions and reports and reading the effects.
//!
//! `App` itself routes: it holds what the screens share (the bank, the
//! catalogue, the answers and their outcome, the open client, the status
//! line, the overlay) and hands each action to the overlay on top or to the
//! screen shown. Each screen's state and key handling live in its own file:
//! [`home`], [`question`] (with the [`form`] being edited), [`review`],
//! the [`help`] overlay,
//! [`results`], [`search`], [`details`], [`clients`] (with the [`prompt`]s
//! and referral marks), [`landscape`], [`kiosk`].

pub mod clients;
pub mod details;
pub mod effect;
pub mod form;
pub mod help;
pub mod home;
pub mod kiosk;
pub mod landscape;
pub mod prompt;
pub mod question;
pub mod results;
pub mod review;
pub mod search;
pub mod searcher;
pub mod status;

use std::sync::Arc;

use ratatui::layout::Rect;
use tui_input::{Input, InputRequest};

use super::keymap::{Action, Context};
use super::theme::{Theme, ThemeName};
use crate::assessment::{Answers, QuestionBank};
use crate::catalogue::Catalogue;
use crate::i18n::Lang;
use crate::search::SearchIndex;
use form::Form;

pub use details::DetailsState;
pub use effect::{Effect, Report};
pub use home::{HomeItem, HomeState};
pub use results::{Outcome, ResultsState};
pub use review::ReviewState;
pub use search::{AREA_FILTERS, HitRow, SearchState};
pub use status::Status;

/// The screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Screen {
    #[default]
    Home,
    Question,
    Review,
    Results,
    Search,
    Details,
    Clients,
    Landscape,
}

/// What may sit on top of a screen.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help,
    Confirm(Confirmation),
    Prompt(Prompt),
    /// Kiosk: the countdown before everything is wiped.
    IdleWarning,
}

/// What a yes/no question is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmation {
    /// Leave the assessment for the home screen.
    Leave,
    /// Delete the client with this id.
    Delete(String),
    /// The open client was changed elsewhere and can no longer be saved:
    /// save this version as a new client (yes), or reload it (no).
    SaveAsNew,
}

/// A one-line text prompt and what its text is for.
#[derive(Debug, Clone)]
pub struct Prompt {
    pub purpose: PromptPurpose,
    pub input: Input,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptPurpose {
    NewClient,
    Rename(String),
    ClientNote,
    ServiceNote(String),
    Outcome(String),
    /// The adviser's name, asked once before the first summary.
    Adviser,
    /// Kiosk: the admin passphrase, after the exit chord.
    AdminPassphrase,
}

/// A place on screen that a mouse click turns into an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub area: Rect,
    pub action: Action,
}

/// The whole state of the app.
#[derive(Debug)]
pub struct App {
    /// The question bank in the language spoken now.
    pub bank: QuestionBank,
    /// The bank as loaded, English with its translations, to localise from.
    pub english_bank: QuestionBank,
    /// The language spoken now: every text the app draws or has the engine
    /// write is in it.
    pub lang: Lang,
    pub catalogue: Arc<Catalogue>,
    pub index: Arc<SearchIndex>,
    /// The search worker, on catalogues large enough to need one.
    pub searcher: Option<searcher::Searcher>,
    pub theme: Theme,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    /// The help overlay's scroll position.
    pub help: help::HelpState,
    pub quit: bool,
    /// Today's date (`YYYY-MM-DD`), for the dates written into a client
    /// and onto a slip: read once when the app is made, then given by the
    /// shell before each action, so that `update` never reads the clock.
    pub today: String,
    pub answers: Answers,
    /// The profile and journey of the answers, once the results are shown.
    pub outcome: Option<Outcome>,
    /// Whether clients are kept (a data folder is open); without, nothing
    /// is saved and the app asks for no client effect.
    pub keeps_clients: bool,
    /// The client being assessed, held locked (by the shell) against other
    /// windows.
    pub client: Option<clients::OpenClient>,
    /// A one-line message for the user: saved, exported, or what went wrong.
    pub status: Option<Status>,
    /// Clickable places of the last frame drawn.
    pub targets: Vec<Target>,
    pub home: HomeState,
    /// The question screen's form.
    pub form: Form,
    /// Where a confirmed answer returns to, when the question was opened from
    /// the review page or the results (what-if), instead of the next question.
    pub return_to: Option<Screen>,
    pub review: ReviewState,
    pub results: ResultsState,
    pub search: SearchState,
    pub details: Option<DetailsState>,
    pub clients: clients::ClientsState,
    pub landscape: landscape::LandscapeState,
    /// Kiosk mode, when the app runs at a help desk.
    pub kiosk: Option<kiosk::Kiosk>,
    /// The effects asked for by the action (or report) being handled.
    outbox: Vec<Effect>,
    /// The summary being written is to be opened or printed once it is.
    handover: Option<effect::HandOver>,
}

impl App {
    #[must_use]
    pub fn new(bank: QuestionBank, catalogue: Catalogue, theme: ThemeName) -> Self {
        let index = SearchIndex::new(&catalogue);
        Self::with_index(bank, catalogue, index, theme)
    }

    /// [`App::new`] with the catalogue's search index already built (read
    /// from the compiled-catalogue cache, say).
    #[must_use]
    pub fn with_index(
        bank: QuestionBank,
        catalogue: Catalogue,
        index: SearchIndex,
        theme: ThemeName,
    ) -> Self {
        let catalogue = Arc::new(catalogue);
        let index = Arc::new(index);
        // Without a worker thread the app still works, searching in place.
        let searcher = (catalogue.services().len() >= searcher::BACKGROUND_FROM)
            .then(|| searcher::Searcher::start(Arc::clone(&catalogue), Arc::clone(&index)).ok())
            .flatten();
        // English until told otherwise ([`App::speaking`]).
        let lang = Lang::En;
        let mut app = Self {
            bank: bank.localized(lang),
            english_bank: bank,
            lang,
            catalogue,
            index,
            searcher,
            theme: Theme::new(theme),
            screen: Screen::Home,
            overlay: None,
            help: help::HelpState::default(),
            quit: false,
            today: crate::today().to_string(),
            answers: Answers::new(),
            outcome: None,
            keeps_clients: false,
            client: None,
            status: None,
            targets: Vec::new(),
            home: HomeState::default(),
            form: Form::default(),
            return_to: None,
            review: ReviewState::default(),
            results: ResultsState::default(),
            search: SearchState::default(),
            details: None,
            clients: clients::ClientsState::default(),
            landscape: landscape::LandscapeState::default(),
            kiosk: None,
            outbox: Vec::new(),
            handover: None,
        };
        app.run_search();
        app
    }

    /// Keeps clients from now on: the shell has opened a data folder.
    #[must_use]
    pub fn keeping_clients(mut self) -> Self {
        self.keeps_clients = true;
        self
    }

    /// The keys in force now: the overlay's, else the screen's.
    #[must_use]
    pub fn context(&self) -> Context {
        match self.overlay {
            // Any key dismisses the idle warning, as it does the help.
            Some(Overlay::Help | Overlay::IdleWarning) => Context::Help,
            Some(Overlay::Confirm(_)) => Context::Confirm,
            Some(Overlay::Prompt(_)) => Context::Prompt,
            None => self.screen_context(),
        }
    }

    /// The keys of the screen itself, whatever overlay is on top.
    #[must_use]
    pub fn screen_context(&self) -> Context {
        use crate::assessment::raw::Kind;
        match self.screen {
            Screen::Home => Context::Home,
            Screen::Question => match self.question().map(|q| &q.kind) {
                Some(Kind::Number { .. } | Kind::Text { .. } | Kind::Countries { .. }) => {
                    Context::Entry
                }
                _ => Context::Choice,
            },
            Screen::Review => Context::Review,
            Screen::Results => Context::Results,
            Screen::Search => Context::Search,
            Screen::Details => Context::Details,
            Screen::Clients => Context::Clients,
            Screen::Landscape => Context::Landscape,
        }
    }

    /// The question being answered.
    #[must_use]
    pub fn question(&self) -> Option<&crate::assessment::Question> {
        self.bank.question(&self.form.question)
    }

    /// The questions asked given the answers so far.
    #[must_use]
    pub fn visible(&self) -> Vec<&crate::assessment::Question> {
        self.bank.visible(&self.answers)
    }

    /// The action a click at a cell stands for, if any.
    #[must_use]
    pub fn target_at(&self, column: u16, row: u16) -> Option<Action> {
        let point = ratatui::layout::Position::new(column, row);
        self.targets
            .iter()
            .rev()
            .find(|t| t.area.contains(point))
            .map(|t| t.action)
    }

    /// Applies one action, and returns the effects it asks for, to be
    /// performed in order. A status message belongs to the screen it was
    /// set on: an action that moves to another screen takes it away, unless
    /// the action set it itself (a message about the move).
    #[must_use = "the effects are to be performed"]
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let screen = self.screen;
        let status = self.status.clone();
        self.apply(action);
        if self.screen != screen && self.status == status {
            self.status = None;
        }
        self.take_outbox()
    }

    /// The effects asked for, in order — but a client's change of id last,
    /// after the saves of the same action that still name the old one.
    fn take_outbox(&mut self) -> Vec<Effect> {
        let (mut effects, moves): (Vec<Effect>, Vec<Effect>) = std::mem::take(&mut self.outbox)
            .into_iter()
            .partition(|e| !matches!(e, Effect::ReidentifyClient { .. }));
        effects.extend(moves);
        effects
    }

    /// Asks for an effect. A client's save is the whole record as it is,
    /// so a later save of the same client makes an earlier one still in the
    /// outbox pointless — and, as both carry the revision read, the second
    /// would be refused as overtaken by the first: only the last is kept.
    fn emit(&mut self, effect: Effect) {
        if let Effect::SaveClient(record) = &effect {
            self.outbox
                .retain(|e| !matches!(e, Effect::SaveClient(r) if r.id == record.id));
        }
        self.outbox.push(effect);
    }

    fn apply(&mut self, action: Action) {
        if self.on_kiosk(action) {
            return;
        }
        if !self.allows(action) {
            return;
        }
        if action == Action::Quit {
            self.quit = true;
            return;
        }
        match &self.overlay {
            Some(Overlay::Help) => self.on_help(action),
            Some(Overlay::Confirm(confirmation)) => match action {
                Action::Yes => {
                    let confirmation = confirmation.clone();
                    self.overlay = None;
                    match confirmation {
                        Confirmation::Leave => self.go_home(),
                        Confirmation::Delete(id) => self.delete_client(&id),
                        Confirmation::SaveAsNew => self.save_as_new_client(),
                    }
                }
                Action::No | Action::Close if matches!(confirmation, Confirmation::SaveAsNew) => {
                    self.overlay = None;
                    self.reload_client();
                }
                Action::No | Action::Close => self.overlay = None,
                _ => {}
            },
            Some(Overlay::Prompt(_)) => self.on_prompt(action),
            Some(Overlay::IdleWarning) => self.overlay = None,
            None => match self.screen {
                Screen::Home => self.on_home(action),
                Screen::Question => self.on_question(action),
                Screen::Review => self.on_review(action),
                Screen::Results => self.on_results(action),
                Screen::Search => self.on_search(action),
                Screen::Details => self.on_details(action),
                Screen::Clients => self.on_clients(action),
                Screen::Landscape => self.on_landscape(action),
            },
        }
    }
}

/// The edit of a text field an action stands for, if it is one.
#[must_use]
pub fn edit_request(action: Action) -> Option<InputRequest> {
    Some(match action {
        Action::Char(c) => InputRequest::InsertChar(c),
        Action::Backspace => InputRequest::DeletePrevChar,
        Action::Delete => InputRequest::DeleteNextChar,
        Action::Left => InputRequest::GoToPrevChar,
        Action::Right => InputRequest::GoToNextChar,
        Action::Start => InputRequest::GoToStart,
        Action::End => InputRequest::GoToEnd,
        Action::ClearField => InputRequest::DeleteLine,
        Action::DeleteWord => InputRequest::DeletePrevWord,
        _ => return None,
    })
}
