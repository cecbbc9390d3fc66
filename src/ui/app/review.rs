//! The review page: every question asked with its answer, to change any
//! of them before (or, from the results, after) seeing the results.

use super::{App, Confirmation, Overlay, Screen};
use crate::ui::keymap::Action;

/// The review page's cursor, and whether it was opened from the results.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReviewState {
    pub selected: usize,
    pub from_results: bool,
}

impl App {
    pub(super) fn open_review(&mut self, from_results: bool) {
        self.review.from_results = from_results;
        self.screen = Screen::Review;
        let rows = self.visible().len() + 1;
        self.review.selected = self.review.selected.min(rows - 1);
    }

    pub(super) fn on_review(&mut self, action: Action) {
        let visible: Vec<String> = self.visible().iter().map(|q| q.id.clone()).collect();
        let rows = visible.len() + 1;
        match action {
            Action::Up => self.review.selected = self.review.selected.saturating_sub(1),
            Action::Down => self.review.selected = (self.review.selected + 1).min(rows - 1),
            Action::PageUp => self.review.selected = self.review.selected.saturating_sub(10),
            Action::PageDown => self.review.selected = (self.review.selected + 10).min(rows - 1),
            Action::Pick(i) if i < rows => {
                self.review.selected = i;
                self.activate_review(&visible);
            }
            Action::Select => self.activate_review(&visible),
            Action::ShowResults => self.open_results(),
            Action::Prev => {
                if let Some(last) = visible.last() {
                    self.open_question(last, None);
                }
            }
            Action::Help => self.open_help(),
            Action::Leave => {
                if self.review.from_results {
                    self.open_results();
                } else {
                    self.overlay = Some(Overlay::Confirm(Confirmation::Leave));
                }
            }
            _ => {}
        }
    }

    pub(super) fn activate_review(&mut self, visible: &[String]) {
        match visible.get(self.review.selected) {
            Some(id) => {
                let back = if self.review.from_results {
                    Screen::Results
                } else {
                    Screen::Review
                };
                self.open_question(&id.clone(), Some(back));
            }
            None => self.open_results(),
        }
    }
}
