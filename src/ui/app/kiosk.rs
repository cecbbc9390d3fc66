//! The kiosk's side of the app: keys that never quit, the idle countdown and
//! wipe, "start over", the admin exit (a chord, then the passphrase), the
//! referral slip, which the shell writes and prints ([`Effect::PrintSlip`]),
//! and the kiosk's two parts: the short check first, then, if the visitor
//! wants it, the rest of the full assessment ([`Part`]).
//! Time comes in as a parameter (`tick`, `input_at`), so the idle logic is
//! tested without waiting.

use std::time::{Duration, Instant};

use tui_input::Input;

use super::effect::SlipOrder;
use super::{App, Effect, Overlay, Prompt, PromptPurpose, Screen, Status};
use crate::kiosk::KioskConfig;
use crate::ui::keymap::Action;
use crate::ui::theme::{Theme, ThemeName};

/// Which part of the assessment a kiosk visitor is in.
///
/// A help desk cannot ask every visitor 32–44 questions: a kiosk starts
/// with the bank's short check (at most 12 questions), whose results and
/// slip stand on their own; from there one key carries on with the full
/// assessment. The short check's answers are answers of the full bank (the
/// same ids), so the full assessment asks only the questions left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The short check: the bank is [`crate::assessment::QuestionBank::short_check`].
    Short,
    /// The full assessment after the short check: the whole bank, and the
    /// questions already answered are passed over on the way forward.
    Rest,
    /// The full assessment from the start, for a bank with no short check.
    Whole,
}

/// The kiosk's state beside the app's.
#[derive(Debug)]
pub struct Kiosk {
    pub config: KioskConfig,
    /// The part of the assessment the visitor is in.
    pub part: Part,
    pub last_input: Instant,
    /// Seconds left before the wipe, while the warning shows.
    pub warning_left: Option<u64>,
    /// Whether F12 was the last key: F11 now opens the admin prompt.
    pub admin_armed: bool,
    /// Wrong passphrases in a row, and until when no passphrase is checked.
    pub wrong_passphrases: u32,
    pub passphrase_wait: Option<Instant>,
    /// The reference of this visitor's slip while its print command runs
    /// (beside the app, in the shell); news of it is told only while it is
    /// this visitor's.
    pub printing: Option<String>,
}

/// How long no passphrase is checked after the `wrong`-th wrong one in a
/// row: 1 s, then twice as long each time, at most 5 minutes. Ten guesses
/// take over eight minutes; a typo costs a second.
#[must_use]
pub fn passphrase_delay(wrong: u32) -> Duration {
    Duration::from_secs(1u64 << wrong.saturating_sub(1).min(9)).min(Duration::from_secs(300))
}

impl App {
    /// Turns the app into a kiosk: high-contrast, no clients, nothing saved;
    /// speaking the config's language, if it names one.
    #[must_use]
    pub fn into_kiosk(mut self, config: KioskConfig, now: Instant) -> Self {
        let lang = config.language.unwrap_or(self.lang);
        self.theme = Theme::new(ThemeName::HighContrast);
        self.keeps_clients = false;
        self.client = None;
        self.kiosk = Some(Kiosk {
            config,
            part: self.first_part(),
            last_input: now,
            warning_left: None,
            admin_armed: false,
            wrong_passphrases: 0,
            passphrase_wait: None,
            printing: None,
        });
        // Also puts the bank of the first part in place.
        self.set_language(lang);
        self
    }

    /// The part a visitor starts in: the short check, if the bank has one.
    fn first_part(&self) -> Part {
        if self.english_bank.has_short_check() {
            Part::Short
        } else {
            Part::Whole
        }
    }

    /// Whether a kiosk visitor is in the short check (and the bank asked is
    /// the short check's).
    #[must_use]
    pub fn in_short_check(&self) -> bool {
        self.kiosk.as_ref().is_some_and(|k| k.part == Part::Short)
    }

    /// The bank asked now, in `lang`: the short check's in its part, else
    /// the whole bank.
    pub(super) fn bank_in(&self, lang: crate::i18n::Lang) -> crate::assessment::QuestionBank {
        if self.in_short_check() {
            self.english_bank.short_check().localized(lang)
        } else {
            self.english_bank.localized(lang)
        }
    }

    /// Whether questions already answered are passed over on the way
    /// forward: in the full assessment after a short check.
    pub(super) fn asks_only_what_is_left(&self) -> bool {
        self.kiosk.as_ref().is_some_and(|k| k.part == Part::Rest)
    }

    /// From the short check's results (or the welcome screen after them):
    /// on to the full assessment, keeping every answer, at its first
    /// question not yet answered — or at the review, if none is left.
    pub(super) fn continue_to_full_assessment(&mut self) {
        let Some(kiosk) = self.kiosk.as_mut() else {
            return;
        };
        if kiosk.part != Part::Short {
            return;
        }
        kiosk.part = Part::Rest;
        self.outcome = None;
        self.results = super::ResultsState::default();
        self.review = super::ReviewState::default();
        self.set_language(self.lang);
        let first_left = self
            .visible()
            .iter()
            .find(|q| self.answers.get(&q.id).is_none())
            .map(|q| q.id.clone());
        match first_left {
            Some(id) => self.open_question(&id, None),
            None => self.open_review(false),
        }
    }

    /// Whether an action does anything in this mode; the hint bar shows only these.
    #[must_use]
    pub fn allows(&self, action: Action) -> bool {
        let kiosk = self.kiosk.is_some();
        match action {
            Action::StartOver | Action::Slip | Action::AdminArm | Action::AdminExit => kiosk,
            Action::FullAssessment => self.in_short_check() && self.outcome.is_some(),
            Action::Quit | Action::CycleTheme | Action::OpenLandscape => !kiosk,
            Action::OpenClients
            | Action::Export
            | Action::OpenSummary
            | Action::PrintSummary
            | Action::Note
            | Action::Reassess => !kiosk && self.keeps_clients,
            Action::MarkReferred | Action::MarkContacted | Action::Outcome => self.client.is_some(),
            _ => true,
        }
    }

    /// Registers a key or click at `now`; returns whether the input was
    /// consumed by dismissing the idle warning.
    pub fn input_at(&mut self, now: Instant) -> bool {
        let Some(kiosk) = self.kiosk.as_mut() else {
            return false;
        };
        kiosk.last_input = now;
        if kiosk.warning_left.take().is_some() {
            if matches!(self.overlay, Some(Overlay::IdleWarning)) {
                self.overlay = None;
            }
            return true;
        }
        false
    }

    /// Advances the idle clock: a warning with a countdown, then the wipe.
    pub fn tick(&mut self, now: Instant) {
        let Some(kiosk) = self.kiosk.as_mut() else {
            return;
        };
        let idle = now.saturating_duration_since(kiosk.last_input);
        let (limit, warning) = (kiosk.config.idle(), kiosk.config.warning());
        if idle >= limit {
            self.wipe(now);
        } else if idle + warning >= limit {
            kiosk.warning_left = Some(limit.saturating_sub(idle).as_secs().max(1));
            self.overlay = Some(Overlay::IdleWarning);
        }
    }

    /// Forgets everything about the SME and returns to the welcome screen.
    pub fn wipe(&mut self, now: Instant) {
        let part = self.first_part();
        let Some(kiosk) = self.kiosk.as_mut() else {
            return;
        };
        // The next visitor starts with the short check again, greeted in
        // the kiosk's own language.
        kiosk.part = part;
        let lang = kiosk.config.language.unwrap_or(self.lang);
        self.outcome = None;
        self.set_language(lang);
        self.answers = crate::assessment::Answers::new();
        self.form = super::form::Form::default();
        self.details = None;
        self.search = super::SearchState::default();
        self.run_search();
        self.overlay = None;
        self.status = None;
        self.return_to = None;
        self.review = super::ReviewState::default();
        self.results = super::ResultsState::default();
        self.home = super::HomeState::default();
        self.screen = Screen::Home;
        if let Some(kiosk) = self.kiosk.as_mut() {
            kiosk.last_input = now;
            kiosk.warning_left = None;
            kiosk.admin_armed = false;
            // The last visitor's print job goes on, but says nothing more.
            kiosk.printing = None;
        }
    }

    /// Kiosk keys; returns whether the action was one of them.
    pub(super) fn on_kiosk(&mut self, action: Action) -> bool {
        let Some(kiosk) = self.kiosk.as_mut() else {
            return false;
        };
        let armed = std::mem::take(&mut kiosk.admin_armed);
        match action {
            Action::AdminArm => kiosk.admin_armed = true,
            Action::AdminExit if armed => {
                self.overlay = Some(Overlay::Prompt(Prompt {
                    purpose: PromptPurpose::AdminPassphrase,
                    input: Input::default(),
                }));
            }
            Action::StartOver => {
                let now = kiosk.last_input;
                self.wipe(now);
            }
            Action::Slip if self.outcome.is_some() => self.order_slip(),
            Action::FullAssessment if self.overlay.is_none() => {
                self.continue_to_full_assessment();
            }
            // Quitting and suspending are not for the public.
            Action::Quit | Action::AdminExit | Action::Slip | Action::FullAssessment => {}
            _ => return false,
        }
        true
    }

    /// Checks the admin passphrase; the right one ends the kiosk. After a
    /// wrong one, none is checked for a while ([`passphrase_delay`]), so
    /// guessing is slow; the time is that of the last input.
    pub(super) fn admin_passphrase(&mut self, passphrase: &str) {
        let Some(kiosk) = self.kiosk.as_mut() else {
            return;
        };
        let now = kiosk.last_input;
        if let Some(until) = kiosk.passphrase_wait.filter(|until| *until > now) {
            let wait = until.duration_since(now);
            // Whole seconds, rounded up: "0 s" would invite a try too soon.
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            self.status = Some(Status::PassphraseWait { seconds });
            return;
        }
        if kiosk.config.admits(passphrase) {
            self.quit = true;
        } else {
            kiosk.wrong_passphrases = kiosk.wrong_passphrases.saturating_add(1);
            kiosk.passphrase_wait = Some(now + passphrase_delay(kiosk.wrong_passphrases));
            self.status = Some(Status::WrongPassphrase);
        }
    }

    /// Asks for the slip of the results: the shell gives it a reference,
    /// writes it to the spool and starts its print command, which runs
    /// beside the app: the screen, the exit keys and the idle wipe never
    /// wait for it.
    fn order_slip(&mut self) {
        let (Some(kiosk), Some(outcome)) = (&self.kiosk, &self.outcome) else {
            return;
        };
        let order = SlipOrder {
            config: kiosk.config.clone(),
            profile: outcome.profile.clone(),
            journey: outcome.journey.clone(),
            date: self.today.clone(),
        };
        self.emit(Effect::PrintSlip(Box::new(order)));
    }

    /// The slip is in the spool; its print command, if any, runs.
    pub(super) fn slip_written(&mut self, reference: String, printing: bool) {
        if let Some(kiosk) = self.kiosk.as_mut() {
            kiosk.printing = printing.then(|| reference.clone());
        }
        self.status = Some(Status::SlipWritten { reference });
    }

    /// The print command of a slip has ended: a failure is told to the
    /// visitor it was printed for, and to nobody after a wipe.
    pub(super) fn printed(&mut self, reference: &str, ok: bool) {
        let Some(kiosk) = self.kiosk.as_mut() else {
            return;
        };
        if kiosk.printing.as_deref() != Some(reference) {
            return;
        }
        kiosk.printing = None;
        if !ok {
            self.status = Some(Status::SlipFailed);
        }
    }
}
