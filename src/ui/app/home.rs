//! The home screen: its menu, which offers what can be done now, and the
//! language and theme keys, which work from here.

use super::App;
use crate::i18n::Lang;
use crate::ui::keymap::Action;
use crate::ui::theme::Theme;

/// The entries of the home menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeItem {
    Assessment,
    Results,
    /// Kiosk, after the short check's results: on to the full assessment.
    FullAssessment,
    Clients,
    Landscape,
    Search,
    Help,
    Quit,
}

/// The home screen's cursor.
#[derive(Debug, Clone, Copy, Default)]
pub struct HomeState {
    pub selected: usize,
}

impl App {
    /// The home menu, which offers the results once there are any.
    #[must_use]
    pub fn home_items(&self) -> Vec<HomeItem> {
        let mut items = vec![HomeItem::Assessment];
        if self.outcome.is_some() {
            items.push(HomeItem::Results);
            if self.in_short_check() {
                items.push(HomeItem::FullAssessment);
            }
        }
        if self.keeps_clients {
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

    pub(super) fn on_home(&mut self, action: Action) {
        let items = self.home_items();
        match action {
            Action::Up => self.home.selected = self.home.selected.saturating_sub(1),
            Action::Down => self.home.selected = (self.home.selected + 1).min(items.len() - 1),
            Action::Pick(i) if i < items.len() => {
                self.home.selected = i;
                self.activate_home(items[i]);
            }
            Action::Select => {
                let item = items[self.home.selected.min(items.len() - 1)];
                self.activate_home(item);
            }
            Action::StartAssessment => self.activate_home(HomeItem::Assessment),
            Action::OpenSearch => self.open_search(),
            Action::OpenClients if self.keeps_clients => self.open_clients(),
            Action::OpenLandscape => self.open_landscape(),
            Action::Help => self.open_help(),
            Action::CycleTheme => self.theme = Theme::new(self.theme.name.next()),
            Action::NextLanguage => self.set_language(self.lang.next()),
            Action::SetLanguage(lang) => self.set_language(lang),
            _ => {}
        }
    }

    /// The app speaking `lang` from the start ([`App::set_language`]).
    #[must_use]
    pub fn speaking(mut self, lang: Lang) -> Self {
        self.set_language(lang);
        self
    }

    /// Speaks `lang` from now on: the texts, the question bank, and the
    /// results (recomputed, so their reasons are in the new language too).
    /// Answers are kept: they are ids, the same in every language.
    pub fn set_language(&mut self, lang: Lang) {
        self.lang = lang;
        self.bank = self.bank_in(lang);
        if self.outcome.is_some() {
            self.outcome = Some(self.compute_outcome());
        }
        self.run_search();
    }

    pub(super) fn activate_home(&mut self, item: HomeItem) {
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
            HomeItem::FullAssessment => self.continue_to_full_assessment(),
            HomeItem::Clients => self.open_clients(),
            HomeItem::Landscape => self.open_landscape(),
            HomeItem::Search => self.open_search(),
            HomeItem::Help => self.open_help(),
            HomeItem::Quit => self.quit = true,
        }
    }
}
