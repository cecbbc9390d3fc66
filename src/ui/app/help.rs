//! The help overlay: every key of the app, screen by screen — the screen
//! below first, then every other screen this mode can reach — and its
//! scrolling. What it lists comes from the keymap, filtered by what the
//! mode allows, so the help never names a key that does nothing.

use super::{App, Overlay};
use crate::i18n::Text;
use crate::ui::keymap::{self, Action, Context};

/// The help's scroll position: the first line shown.
#[derive(Debug, Clone, Copy, Default)]
pub struct HelpState {
    pub top: usize,
}

/// One screen's keys in the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpSection {
    pub context: Context,
    /// Whether this is the screen below the help (listed first).
    pub current: bool,
    /// `(key label, what it does)`.
    pub keys: Vec<(&'static str, Text)>,
}

impl HelpSection {
    /// Lines it takes: its heading, a line per key, a blank line after.
    #[must_use]
    pub fn lines(&self) -> usize {
        self.keys.len() + 2
    }
}

/// The name of a screen (or overlay) as the help's heading.
#[must_use]
pub fn heading(context: Context) -> Text {
    match context {
        Context::Home => Text::ScreenHome,
        Context::Choice => Text::ScreenChoice,
        Context::Entry => Text::ScreenEntry,
        Context::Review => Text::ScreenReview,
        Context::Results => Text::ScreenResults,
        Context::Search => Text::ScreenSearch,
        Context::Details => Text::ScreenDetails,
        Context::Help => Text::HelpTitle,
        Context::Confirm => Text::ScreenConfirm,
        Context::Clients => Text::ScreenClients,
        Context::Prompt => Text::ScreenPrompt,
        Context::Landscape => Text::ScreenLandscape,
    }
}

/// How many lines the help scrolls by on PgUp/PgDn when the last frame
/// did not say how many it shows.
const PAGE: usize = 10;

impl App {
    /// Every screen's keys: the screen below first, then the others this
    /// mode can reach, in the keymap's order.
    #[must_use]
    pub fn help_sections(&self) -> Vec<HelpSection> {
        let current = self.screen_context();
        let reachable = |context: Context| match context {
            // The help itself is closed with the key its bar shows.
            Context::Help => false,
            Context::Clients => self.keeps_clients && self.kiosk.is_none(),
            Context::Landscape => self.kiosk.is_none(),
            _ => true,
        };
        let keys = |context: Context| -> Vec<(&'static str, Text)> {
            keymap::hinted_bindings(context)
                .into_iter()
                .filter(|(_, _, action)| self.allows(*action))
                .map(|(key, text, _)| (key, text))
                .collect()
        };
        let mut sections = vec![HelpSection {
            context: current,
            current: true,
            keys: keys(current),
        }];
        sections.extend(
            Context::ALL
                .into_iter()
                .filter(|c| *c != current && reachable(*c))
                .map(|context| HelpSection {
                    context,
                    current: false,
                    keys: keys(context),
                }),
        );
        sections
    }

    /// The lines the help holds.
    #[must_use]
    pub fn help_lines(&self) -> usize {
        self.help_sections().iter().map(HelpSection::lines).sum()
    }

    /// How many lines the help showed in the last frame drawn: its body is
    /// a click target (a click closes it) whose height says so.
    fn help_page(&self) -> usize {
        self.targets
            .iter()
            .find(|t| t.action == Action::Close)
            .map_or(PAGE, |t| usize::from(t.area.height).max(1))
    }

    /// Opens the help at its top.
    pub(super) fn open_help(&mut self) {
        self.help = HelpState::default();
        self.overlay = Some(Overlay::Help);
    }

    /// Keys while the help is shown: scrolling, or closing it.
    pub(super) fn on_help(&mut self, action: Action) {
        let page = self.help_page();
        let last = self.help_lines().saturating_sub(page);
        let top = &mut self.help.top;
        match action {
            Action::Up => *top = top.saturating_sub(1),
            Action::Down => *top = (*top + 1).min(last),
            Action::PageUp => *top = top.saturating_sub(page),
            Action::PageDown => *top = (*top + page).min(last),
            Action::Start => *top = 0,
            Action::End => *top = last,
            Action::Close | Action::Help | Action::MoreHelp => self.overlay = None,
            _ => {}
        }
    }
}
