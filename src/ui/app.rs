//! The state of the terminal app and the one function that changes it:
//! [`App::update`] takes an [`Action`] and moves the app on. Nothing here
//! draws or reads the terminal, so every behaviour is testable by feeding
//! actions.

pub mod clients;
pub mod form;
pub mod kiosk;
pub mod landscape;
pub mod searcher;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use ratatui::layout::Rect;
use tui_input::{Input, InputRequest};

use super::keymap::{Action, Context};
use super::theme::{Theme, ThemeName};
use crate::assessment::{Answers, Profile, QuestionBank, assess};
use crate::catalogue::{Area, Catalogue};
use crate::i18n::Lang;
use crate::journey::{DEFAULT_PER_STAGE, Journey, plan_journey};
use crate::matching::{Explanation, explain};
use crate::search::{Filters, Ranked, SearchIndex};
use crate::vocab::{Mode, Stage, Support};
use form::Form;

/// The screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
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

/// The entries of the home menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeItem {
    Assessment,
    Results,
    Clients,
    Landscape,
    Search,
    Help,
    Quit,
}

/// The profile and journey of the current answers.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub profile: Profile,
    pub journey: Journey,
}

impl Outcome {
    /// The journey's services in display order, as `(stage index, step index)`.
    #[must_use]
    pub fn steps(&self) -> Vec<(usize, usize)> {
        self.journey
            .stages
            .iter()
            .enumerate()
            .flat_map(|(s, plan)| (0..plan.steps.len()).map(move |i| (s, i)))
            .collect()
    }

    /// How many rows the results' cursor moves over: the journey's services,
    /// then the needs no service meets.
    #[must_use]
    pub fn rows(&self) -> usize {
        self.steps().len() + self.journey.gaps.len()
    }
}

/// One search result: the service's position in the catalogue. Where the
/// query matched is worked out only for the rows on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HitRow {
    pub service: usize,
}

impl HitRow {
    /// The engine's ranking as rows.
    #[must_use]
    pub fn rows(ranked: &[Ranked]) -> Vec<Self> {
        ranked
            .iter()
            .map(|r| HitRow { service: r.service })
            .collect()
    }
}

/// The search screen.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub input: Input,
    pub mode: Option<Mode>,
    pub stage: Option<Stage>,
    pub support: Option<Support>,
    pub area: Option<Area>,
    pub hits: Vec<HitRow>,
    /// The query the hits are for (the worker may still be on a newer one).
    pub hits_query: String,
    pub selected: usize,
}

/// The areas the area filter cycles through: the partner countries with
/// their partner regions, then the EU.
pub const AREA_FILTERS: [&str; 17] = [
    "GB", "GB-HAM", "DK", "DK-82", "IE", "IE-DL", "HR", "HR-06", "PT", "PT-02", "PT-07", "PT-12",
    "PL", "PL-22", "IT", "IT-45", "EU",
];

/// The service details screen.
#[derive(Debug, Clone)]
pub struct DetailsState {
    pub service: usize,
    pub back: Screen,
    /// Why it was matched (from the journey or `explain`), if there is a profile.
    pub reasons: Vec<String>,
    pub excluded: bool,
    pub scroll: u16,
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
    /// The language spoken now (also this thread's [`crate::i18n::current`]).
    pub lang: Lang,
    pub catalogue: Arc<Catalogue>,
    pub index: Arc<SearchIndex>,
    /// The search worker, on catalogues large enough to need one.
    pub searcher: Option<searcher::Searcher>,
    pub theme: Theme,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub quit: bool,
    pub home_selected: usize,
    pub answers: Answers,
    pub form: Form,
    /// Where a confirmed answer returns to, when the question was opened from
    /// the review page or the results (what-if), instead of the next question.
    pub return_to: Option<Screen>,
    pub review_selected: usize,
    /// Whether the review page was opened from the results.
    pub review_from_results: bool,
    pub outcome: Option<Outcome>,
    pub results_selected: usize,
    pub search: SearchState,
    pub search_back: Screen,
    pub details: Option<DetailsState>,
    /// Clickable places of the last frame drawn.
    pub targets: Vec<Target>,
    /// Where clients are kept; `None` runs without saving anything.
    pub store: Option<crate::clients::Store>,
    pub data_dir: Option<std::path::PathBuf>,
    /// The client being assessed, held locked against other windows.
    pub client: Option<clients::OpenClient>,
    pub clients: clients::ClientsState,
    /// A one-line message for the user: saved, exported, or what went wrong.
    pub status: Option<String>,
    /// Kiosk mode, when the app runs at a help desk.
    pub kiosk: Option<kiosk::Kiosk>,
    pub landscape: landscape::LandscapeState,
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
        let lang = crate::i18n::current();
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
            quit: false,
            home_selected: 0,
            answers: Answers::new(),
            form: Form::default(),
            return_to: None,
            review_selected: 0,
            review_from_results: false,
            outcome: None,
            results_selected: 0,
            search: SearchState::default(),
            search_back: Screen::Home,
            details: None,
            targets: Vec::new(),
            store: None,
            data_dir: None,
            client: None,
            clients: clients::ClientsState::default(),
            status: None,
            kiosk: None,
            landscape: landscape::LandscapeState::default(),
        };
        app.run_search();
        app
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

    /// The home menu, which offers the results once there are any.
    #[must_use]
    pub fn home_items(&self) -> Vec<HomeItem> {
        let mut items = vec![HomeItem::Assessment];
        if self.outcome.is_some() {
            items.push(HomeItem::Results);
        }
        if self.store.is_some() {
            items.push(HomeItem::Clients);
        }
        if self.kiosk.is_none() {
            items.push(HomeItem::Landscape);
        }
        items.extend([HomeItem::Search, HomeItem::Help]);
        if self.kiosk.is_none() {
            items.push(HomeItem::Quit);
        }
        items
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

    /// Applies one action. A status message belongs to the screen it was
    /// set on: an action that moves to another screen takes it away, unless
    /// the action set it itself (a message about the move).
    pub fn update(&mut self, action: Action) {
        let screen = self.screen;
        let status = self.status.clone();
        self.apply(action);
        if self.screen != screen && self.status == status {
            self.status = None;
        }
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
            Some(Overlay::Help) => {
                if matches!(action, Action::Close | Action::Help | Action::MoreHelp) {
                    self.overlay = None;
                }
            }
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

    fn on_home(&mut self, action: Action) {
        let items = self.home_items();
        match action {
            Action::Up => self.home_selected = self.home_selected.saturating_sub(1),
            Action::Down => self.home_selected = (self.home_selected + 1).min(items.len() - 1),
            Action::Pick(i) if i < items.len() => {
                self.home_selected = i;
                self.activate_home(items[i]);
            }
            Action::Select => {
                let item = items[self.home_selected.min(items.len() - 1)];
                self.activate_home(item);
            }
            Action::StartAssessment => self.activate_home(HomeItem::Assessment),
            Action::OpenSearch => self.open_search(),
            Action::OpenClients if self.store.is_some() => self.open_clients(),
            Action::OpenLandscape => self.open_landscape(),
            Action::Help => self.overlay = Some(Overlay::Help),
            Action::CycleTheme => self.theme = Theme::new(self.theme.name.next()),
            Action::NextLanguage => self.set_language(self.lang.next()),
            Action::SetLanguage(lang) => self.set_language(lang),
            _ => {}
        }
    }

    /// Speaks `lang` from now on: the texts, the question bank, and the
    /// results (recomputed, so their reasons are in the new language too).
    /// Answers are kept: they are ids, the same in every language.
    pub fn set_language(&mut self, lang: Lang) {
        crate::i18n::set(lang);
        self.lang = lang;
        self.bank = self.english_bank.localized(lang);
        if self.outcome.is_some() {
            self.outcome = Some(self.compute_outcome());
        }
        self.run_search();
    }

    fn activate_home(&mut self, item: HomeItem) {
        match item {
            HomeItem::Assessment => {
                if self.answers.is_empty() {
                    if self.client.is_none() {
                        self.start_client();
                    }
                    if let Some(first) = self.visible().first().map(|q| q.id.clone()) {
                        self.open_question(&first, None);
                    }
                } else {
                    self.open_review(false);
                }
            }
            HomeItem::Results => self.open_results(),
            HomeItem::Clients => self.open_clients(),
            HomeItem::Landscape => self.open_landscape(),
            HomeItem::Search => self.open_search(),
            HomeItem::Help => self.overlay = Some(Overlay::Help),
            HomeItem::Quit => self.quit = true,
        }
    }

    fn open_question(&mut self, id: &str, return_to: Option<Screen>) {
        let Some(question) = self.bank.question(id) else {
            return;
        };
        self.form = Form::open(question, self.answers.get(id));
        self.return_to = return_to;
        self.screen = Screen::Question;
        self.save_client();
    }

    fn on_question(&mut self, action: Action) {
        let Some(question) = self.bank.question(&self.form.question).cloned() else {
            self.screen = Screen::Home;
            return;
        };
        if let Some(request) = edit_request(action) {
            self.form.edit(request);
            return;
        }
        match action {
            Action::Up => self.form.up(),
            Action::Down => self.form.down(&question),
            Action::Toggle => self.form.toggle(&question),
            Action::Pick(row) => self.form.pick(&question, row),
            Action::MoreHelp => self.form.more_help = !self.form.more_help,
            Action::Next => self.confirm_answer(&question),
            Action::Prev => self.previous_question(&question),
            Action::Leave => self.overlay = Some(Overlay::Confirm(Confirmation::Leave)),
            _ => {}
        }
    }

    /// Stores the form's answer and moves on, or shows what is wrong and stays.
    fn confirm_answer(&mut self, question: &crate::assessment::Question) {
        self.form.choose_at_cursor(question);
        match self.form.answer(question) {
            Err(message) => self.form.error = Some(message),
            Ok(answer) => {
                if let Some(crate::assessment::Answer::Text(name)) = &answer
                    && question.fills == Some(crate::assessment::raw::Fact::CompanyName)
                {
                    self.name_client_after_company(name);
                }
                match answer {
                    Some(answer) => self.answers.set(question.id.clone(), answer),
                    None => {
                        self.answers.remove(&question.id);
                    }
                }
                self.outcome = None;
                self.save_client();
                match self.return_to.take() {
                    Some(Screen::Results) => self.open_results(),
                    Some(Screen::Review) => self.open_review(self.review_from_results),
                    _ => self.next_question(&question.id),
                }
            }
        }
    }

    fn next_question(&mut self, after: &str) {
        let visible = self.visible();
        let next = visible
            .iter()
            .position(|q| q.id == after)
            .and_then(|i| visible.get(i + 1))
            .map(|q| q.id.clone());
        match next {
            Some(id) => self.open_question(&id, None),
            None => self.open_review(false),
        }
    }

    /// Goes back one question, keeping the current edit if it is a valid answer.
    fn previous_question(&mut self, question: &crate::assessment::Question) {
        if let Ok(Some(answer)) = self.form.answer(question) {
            self.answers.set(question.id.clone(), answer);
            self.outcome = None;
            self.save_client();
        }
        let visible = self.visible();
        let previous = visible
            .iter()
            .position(|q| q.id == question.id)
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| visible.get(i))
            .map(|q| q.id.clone());
        if let Some(id) = previous {
            self.open_question(&id, None);
        }
    }

    fn open_review(&mut self, from_results: bool) {
        self.review_from_results = from_results;
        self.screen = Screen::Review;
        let rows = self.visible().len() + 1;
        self.review_selected = self.review_selected.min(rows - 1);
    }

    fn on_review(&mut self, action: Action) {
        let visible: Vec<String> = self.visible().iter().map(|q| q.id.clone()).collect();
        let rows = visible.len() + 1;
        match action {
            Action::Up => self.review_selected = self.review_selected.saturating_sub(1),
            Action::Down => self.review_selected = (self.review_selected + 1).min(rows - 1),
            Action::PageUp => self.review_selected = self.review_selected.saturating_sub(10),
            Action::PageDown => self.review_selected = (self.review_selected + 10).min(rows - 1),
            Action::Pick(i) if i < rows => {
                self.review_selected = i;
                self.activate_review(&visible);
            }
            Action::Select => self.activate_review(&visible),
            Action::ShowResults => self.open_results(),
            Action::Prev => {
                if let Some(last) = visible.last() {
                    self.open_question(last, None);
                }
            }
            Action::Help => self.overlay = Some(Overlay::Help),
            Action::Leave => {
                if self.review_from_results {
                    self.open_results();
                } else {
                    self.overlay = Some(Overlay::Confirm(Confirmation::Leave));
                }
            }
            _ => {}
        }
    }

    fn activate_review(&mut self, visible: &[String]) {
        match visible.get(self.review_selected) {
            Some(id) => {
                let back = if self.review_from_results {
                    Screen::Results
                } else {
                    Screen::Review
                };
                self.open_question(&id.clone(), Some(back));
            }
            None => self.open_results(),
        }
    }

    /// The profile and journey of the answers, in the language spoken now.
    fn compute_outcome(&self) -> Outcome {
        let profile = assess(&self.bank, &self.answers);
        let journey = plan_journey(&profile, &self.catalogue, DEFAULT_PER_STAGE);
        Outcome { profile, journey }
    }

    /// Recomputes the profile and journey when the answers changed, and shows them.
    fn open_results(&mut self) {
        if self.outcome.is_none() {
            self.outcome = Some(self.compute_outcome());
        }
        let rows = self.outcome.as_ref().map_or(0, Outcome::rows);
        self.results_selected = self.results_selected.min(rows.saturating_sub(1));
        self.screen = Screen::Results;
        self.complete_assessment();
    }

    fn on_results(&mut self, action: Action) {
        let steps = self
            .outcome
            .as_ref()
            .map(Outcome::steps)
            .unwrap_or_default();
        // The cursor goes through the services, then the needs no service
        // meets, so that every part of the results can be brought into view.
        let last = self
            .outcome
            .as_ref()
            .map_or(0, Outcome::rows)
            .saturating_sub(1);
        match action {
            Action::Up => self.results_selected = self.results_selected.saturating_sub(1),
            Action::Down => self.results_selected = (self.results_selected + 1).min(last),
            Action::PageUp => self.results_selected = self.results_selected.saturating_sub(5),
            Action::PageDown => self.results_selected = (self.results_selected + 5).min(last),
            Action::Start => self.results_selected = 0,
            Action::End => self.results_selected = last,
            Action::Pick(i) if i < steps.len() => {
                self.results_selected = i;
                self.open_step_details(steps[i]);
            }
            Action::Select => {
                if let Some(&step) = steps.get(self.results_selected) {
                    self.open_step_details(step);
                }
            }
            Action::EditAnswers => self.open_review(true),
            Action::Export => self.export_summary(),
            Action::Note if self.client.is_some() => {
                let notes = self
                    .client
                    .as_ref()
                    .map(|c| c.record.notes.clone())
                    .unwrap_or_default();
                self.prompt(PromptPurpose::ClientNote, notes);
            }
            Action::Reassess => self.reassess(),
            Action::OpenSearch => self.open_search(),
            Action::Help => self.overlay = Some(Overlay::Help),
            Action::Leave => self.go_home(),
            _ => {}
        }
    }

    fn open_step_details(&mut self, (stage, step): (usize, usize)) {
        let Some(outcome) = &self.outcome else { return };
        let step = &outcome.journey.stages[stage].steps[step];
        if let Some(service) = self.catalogue.position(&step.service) {
            self.details = Some(DetailsState {
                service,
                back: Screen::Results,
                reasons: step.reasons.clone(),
                excluded: false,
                scroll: 0,
            });
            self.screen = Screen::Details;
        }
    }

    /// Opens the search afresh, with an empty query: a query is typed for
    /// the look-up at hand, and an old one left in the field would run into
    /// the new typing. The filters, which show on screen, stay.
    fn open_search(&mut self) {
        if self.screen != Screen::Search && self.screen != Screen::Details {
            self.search_back = self.screen;
        }
        if !self.search.input.value().is_empty() {
            self.search.input.reset();
            self.search.selected = 0;
            self.run_search();
        }
        self.screen = Screen::Search;
    }

    /// Runs the engine's search for the current query and filters — in
    /// place, or on the worker, whose hits [`Self::collect_search`] picks up.
    pub fn run_search(&mut self) {
        let filters = Filters {
            modes: self.search.mode.into_iter().collect(),
            stages: self.search.stage.into_iter().collect(),
            support: self.search.support.into_iter().collect(),
            area: self.search.area.clone(),
            include_closed: false,
        };
        if let Some(searcher) = self.searcher.as_mut() {
            searcher.request(self.search.input.value(), filters);
            return;
        }
        let query = self.search.input.value().to_owned();
        // Nothing sets the flag: an in-place search runs to the end.
        let ranked = self
            .index
            .rank(&self.catalogue, &query, &filters, &AtomicBool::new(false))
            .unwrap_or_default();
        self.search.hits = HitRow::rows(&ranked);
        self.search.hits_query = query;
        self.clamp_search_selection();
    }

    /// Shows the worker's hits for the latest query, if they have come in.
    /// Returns whether they had.
    pub fn collect_search(&mut self) -> bool {
        let Some((query, hits)) = self.searcher.as_mut().and_then(searcher::Searcher::poll) else {
            return false;
        };
        self.search.hits = hits;
        self.search.hits_query = query;
        self.clamp_search_selection();
        true
    }

    /// Whether a search on the worker has not answered yet.
    #[must_use]
    pub fn searching(&self) -> bool {
        self.searcher
            .as_ref()
            .is_some_and(searcher::Searcher::pending)
    }

    fn clamp_search_selection(&mut self) {
        self.search.selected = self
            .search
            .selected
            .min(self.search.hits.len().saturating_sub(1));
    }

    fn on_search(&mut self, action: Action) {
        let last = self.search.hits.len().saturating_sub(1);
        let edit = |app: &mut Self, request: InputRequest| {
            if app
                .search
                .input
                .handle(request)
                .is_some_and(|changed| changed.value)
            {
                app.search.selected = 0;
                app.run_search();
            }
        };
        if let Some(request) = edit_request(action) {
            edit(self, request);
            return;
        }
        match action {
            Action::Up => self.search.selected = self.search.selected.saturating_sub(1),
            Action::Down => self.search.selected = (self.search.selected + 1).min(last),
            Action::PageUp => self.search.selected = self.search.selected.saturating_sub(10),
            Action::PageDown => self.search.selected = (self.search.selected + 10).min(last),
            Action::Pick(i) if i < self.search.hits.len() => {
                self.search.selected = i;
                self.open_hit_details();
            }
            Action::Select => self.open_hit_details(),
            Action::CycleMode => {
                self.search.mode = cycle(Mode::ALL, self.search.mode);
                self.run_search();
            }
            Action::CycleStage => {
                self.search.stage = cycle(Stage::ALL, self.search.stage);
                self.run_search();
            }
            Action::CycleSupport => {
                self.search.support = cycle(Support::ALL, self.search.support);
                self.run_search();
            }
            Action::CycleArea => {
                let areas: Vec<Area> = AREA_FILTERS
                    .iter()
                    .filter_map(|c| Area::parse(c).ok())
                    .collect();
                self.search.area = cycle(&areas, self.search.area.clone());
                self.run_search();
            }
            Action::ClearFilters => {
                self.search.mode = None;
                self.search.stage = None;
                self.search.support = None;
                self.search.area = None;
                self.run_search();
            }
            Action::Help => self.overlay = Some(Overlay::Help),
            Action::Close => self.screen = self.search_back,
            _ => {}
        }
    }

    fn open_hit_details(&mut self) {
        let Some(hit) = self.search.hits.get(self.search.selected) else {
            return;
        };
        let service = hit.service;
        // With a profile, say why the service is or is not for this SME.
        let (reasons, excluded) = match &self.outcome {
            Some(outcome) => match explain(
                &outcome.profile,
                &self.catalogue,
                self.catalogue.services()[service].id.as_str(),
                crate::journey::DEFAULT_PER_STAGE,
            ) {
                Some(Explanation::Excluded { reasons, .. }) => (reasons, true),
                Some(Explanation::Ranked {
                    mut reasons,
                    journey,
                    ..
                }) => {
                    reasons.push(journey);
                    (reasons, false)
                }
                None => (Vec::new(), false),
            },
            None => (Vec::new(), false),
        };
        self.details = Some(DetailsState {
            service,
            back: Screen::Search,
            reasons,
            excluded,
            scroll: 0,
        });
        self.screen = Screen::Details;
    }

    fn on_details(&mut self, action: Action) {
        let Some(details) = &mut self.details else {
            self.screen = Screen::Home;
            return;
        };
        match action {
            Action::Up => details.scroll = details.scroll.saturating_sub(1),
            Action::Down => details.scroll = details.scroll.saturating_add(1).min(200),
            Action::PageUp => details.scroll = details.scroll.saturating_sub(10),
            Action::PageDown => details.scroll = details.scroll.saturating_add(10).min(200),
            Action::Close => self.screen = details.back,
            Action::Help => self.overlay = Some(Overlay::Help),
            Action::MarkReferred | Action::MarkContacted | Action::Note | Action::Outcome => {
                let id = self.catalogue.services()[details.service].id.to_string();
                self.on_marks(action, &id);
            }
            _ => {}
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

/// The next term after `current` in `all`, wrapping through "none".
fn cycle<T: Clone + PartialEq>(all: &[T], current: Option<T>) -> Option<T> {
    match current {
        None => all.first().cloned(),
        Some(term) => all
            .iter()
            .position(|t| *t == term)
            .and_then(|i| all.get(i + 1))
            .cloned(),
    }
}
