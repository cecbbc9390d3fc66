//! The service details screen, opened from the results, a search hit or a
//! landscape cell; with a client open, its referral marks and notes.

use super::{App, Screen};
use crate::ui::keymap::Action;

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

impl App {
    pub(super) fn on_details(&mut self, action: Action) {
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
            Action::Help => self.open_help(),
            Action::MarkReferred | Action::MarkContacted | Action::Note | Action::Outcome => {
                let id = self.catalogue.services()[details.service].id.to_string();
                self.on_marks(action, &id);
            }
            _ => {}
        }
    }
}
