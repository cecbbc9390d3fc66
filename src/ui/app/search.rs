//! The search screen: the query and filters, the hits (from the engine in
//! place, or from the worker of [`super::searcher`]), and the service
//! details a hit opens.

use std::sync::atomic::AtomicBool;

use tui_input::{Input, InputRequest};

use super::{App, DetailsState, Screen, edit_request, searcher};
use crate::catalogue::Area;
use crate::matching::{Explanation, explain};
use crate::search::{Filters, Ranked};
use crate::ui::keymap::Action;
use crate::vocab::{Mode, Stage, Support};

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
    /// The screen the search was opened from, where closing it returns.
    pub back: Screen,
}

/// The areas the area filter cycles through: the partner countries with
/// their partner regions, then the EU.
pub const AREA_FILTERS: [&str; 17] = [
    "GB", "GB-HAM", "DK", "DK-82", "IE", "IE-DL", "HR", "HR-06", "PT", "PT-02", "PT-07", "PT-12",
    "PL", "PL-22", "IT", "IT-45", "EU",
];

impl App {
    /// Opens the search afresh, with an empty query: a query is typed for
    /// the look-up at hand, and an old one left in the field would run into
    /// the new typing. The filters, which show on screen, stay.
    pub(super) fn open_search(&mut self) {
        if self.screen != Screen::Search && self.screen != Screen::Details {
            self.search.back = self.screen;
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

    pub(super) fn on_search(&mut self, action: Action) {
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
            Action::CycleArea | Action::CycleAreaBack => {
                let mut areas: Vec<Area> = AREA_FILTERS
                    .iter()
                    .filter_map(|c| Area::parse(c).ok())
                    .collect();
                // Backward is forward through the list reversed.
                if action == Action::CycleAreaBack {
                    areas.reverse();
                }
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
            Action::Help => self.open_help(),
            Action::Close => self.screen = self.search.back,
            _ => {}
        }
    }

    pub(super) fn open_hit_details(&mut self) {
        let lang = self.lang;
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
                lang,
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
