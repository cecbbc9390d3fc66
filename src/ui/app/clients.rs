//! The adviser's side of the app: the clients screen, and the client being
//! assessed — opened where it was left, saved after every change, its lock
//! released on leaving it, re-assessed. The store and the locks belong to
//! the shell: this file asks for them as [`Effect`]s and learns what became
//! of them from [`Report`]s ([`App::report`]).
//!
//! A record that can no longer be saved (another window saved it since it
//! was read here) is never edited on silently: the save's failure puts the
//! choice on screen — save this version as a new client, or reload the
//! other one.

use tui_input::{Input, InputRequest};

use super::effect::HandOver;
use super::{App, Confirmation, Effect, Overlay, PromptPurpose, Report, Screen, Status};
use crate::assessment::Answers;
use crate::clients::{ClientRecord, Listed};
use crate::i18n::Text;
use crate::ui::keymap::Action;

/// The client being assessed. Its lock is held by the shell for as long as
/// it is open here.
#[derive(Debug)]
pub struct OpenClient {
    pub record: ClientRecord,
    /// Whether the name is still the placeholder given at creation, to be
    /// replaced by the company's name once it is answered.
    pub placeholder_name: bool,
}

/// The clients screen: the filter typed, the selection, the folder's entries.
#[derive(Debug, Default)]
pub struct ClientsState {
    pub filter: Input,
    pub selected: usize,
    pub listed: Vec<Listed>,
}

impl ClientsState {
    /// The entries matching the filter (accents and case ignored).
    #[must_use]
    pub fn shown(&self) -> Vec<&Listed> {
        let wanted = crate::search::fold::fold_str(self.filter.value());
        self.listed
            .iter()
            .filter(|l| match l {
                Listed::Client(c) => {
                    wanted.trim().is_empty()
                        || crate::search::fold::fold_str(&c.name).contains(wanted.trim())
                        || c.id.contains(wanted.trim())
                }
                Listed::Unreadable { .. } => wanted.trim().is_empty(),
            })
            .collect()
    }

    /// Keeps the selection on an entry shown.
    fn clamp(&mut self) {
        let shown = self.shown().len();
        self.selected = self.selected.min(shown.saturating_sub(1));
    }
}

impl App {
    pub(super) fn open_clients(&mut self) {
        self.refresh_clients();
        self.screen = Screen::Clients;
    }

    pub(super) fn refresh_clients(&mut self) {
        if self.keeps_clients {
            self.emit(Effect::ListClients);
        }
    }

    pub(super) fn on_clients(&mut self, action: Action) {
        let shown = self.clients.shown().len();
        let last = shown.saturating_sub(1);
        if let Some(request) = super::edit_request(action) {
            self.filter_clients(request);
            return;
        }
        match action {
            Action::Up => self.clients.selected = self.clients.selected.saturating_sub(1),
            Action::Down => self.clients.selected = (self.clients.selected + 1).min(last),
            Action::PageUp => self.clients.selected = self.clients.selected.saturating_sub(10),
            Action::PageDown => self.clients.selected = (self.clients.selected + 10).min(last),
            Action::Pick(i) if i < shown => {
                self.clients.selected = i;
                self.open_selected_client();
            }
            Action::Select => self.open_selected_client(),
            Action::NewClient => self.prompt(PromptPurpose::NewClient, String::new()),
            Action::RenameClient => {
                if let Some((id, name)) = self.selected_client() {
                    self.prompt(PromptPurpose::Rename(id), name);
                }
            }
            Action::DeleteClient => {
                if let Some((id, _)) = self.selected_client() {
                    self.overlay = Some(Overlay::Confirm(Confirmation::Delete(id)));
                }
            }
            Action::Help => self.open_help(),
            Action::Close => self.screen = Screen::Home,
            _ => {}
        }
    }

    fn filter_clients(&mut self, request: InputRequest) {
        if self.clients.filter.handle(request).is_some_and(|c| c.value) {
            self.clients.selected = 0;
        }
    }

    fn selected_client(&self) -> Option<(String, String)> {
        match self.clients.shown().get(self.clients.selected) {
            Some(Listed::Client(c)) => Some((c.id.clone(), c.name.clone())),
            _ => None,
        }
    }

    fn open_selected_client(&mut self) {
        match self.clients.shown().get(self.clients.selected) {
            Some(Listed::Client(c)) => {
                let id = c.id.clone();
                self.ask_open(id);
            }
            Some(Listed::Unreadable { message, .. }) => {
                self.status = Some(Status::ClientError {
                    error: message.clone(),
                });
            }
            None => {}
        }
    }

    /// Opens a client where it was left (once the shell has read it: the
    /// question it was on, else its results, else its first question), and
    /// returns the effects that asks for.
    #[must_use = "the effects are to be performed"]
    pub fn open_client(&mut self, id: &str) -> Vec<Effect> {
        self.ask_open(id.to_owned());
        std::mem::take(&mut self.outbox)
    }

    fn ask_open(&mut self, id: String) {
        if self.keeps_clients {
            self.emit(Effect::OpenClient { id, reload: false });
        }
    }

    /// Learns what became of an effect, and returns the effects that asks
    /// for in turn.
    #[must_use = "the effects are to be performed"]
    pub fn report(&mut self, report: Report) -> Vec<Effect> {
        match report {
            Report::Listed(mut listed) => {
                // The client worked on last comes first: an adviser comes
                // back to the firm of this morning more often than to any
                // other. Unreadable files stay last, by path.
                listed.sort_by(|a, b| match (a, b) {
                    (Listed::Client(a), Listed::Client(b)) => b.updated.cmp(&a.updated),
                    (Listed::Client(_), Listed::Unreadable { .. }) => std::cmp::Ordering::Less,
                    (Listed::Unreadable { .. }, Listed::Client(_)) => std::cmp::Ordering::Greater,
                    (Listed::Unreadable { path: a, .. }, Listed::Unreadable { path: b, .. }) => {
                        a.cmp(b)
                    }
                });
                self.clients.listed = listed;
                self.clients.clamp();
            }
            Report::Failed { error } => {
                self.status = Some(Status::ClientError { error });
                self.clients.clamp();
            }
            Report::Created {
                record,
                placeholder,
            } => self.created(record, placeholder),
            Report::Opened(record) => self.opened(record),
            Report::OpenFailed { error, reload } => {
                self.status = Some(Status::ClientError { error });
                if reload {
                    self.leave_client();
                }
            }
            Report::Saved {
                id,
                revision,
                updated,
            } => self.saved(&id, revision, updated),
            Report::SaveFailed { error, conflict } => {
                // A record that can never be saved must not be edited on
                // silently: the user chooses, on the screen, what becomes
                // of this version.
                if conflict {
                    self.overlay = Some(Overlay::Confirm(Confirmation::SaveAsNew));
                }
                self.status = Some(Status::SaveFailed { error });
            }
            Report::SavedAsNew(record) => {
                if let Some(client) = self.client.as_mut() {
                    client.record = record;
                }
                self.status = None;
            }
            Report::Reidentified { old, record } => {
                if let Some(client) = self.client.as_mut().filter(|c| c.record.id == old) {
                    client.record = record;
                }
            }
            Report::SaveAsNewFailed { error } => {
                self.status = Some(Status::SaveFailed { error });
                self.leave_client();
            }
            Report::Adviser(adviser) | Report::AdviserSaved(adviser) => self.export_as(adviser),
            Report::Exported { path } => {
                if let Some(how) = self.handover.take() {
                    let path = match how {
                        HandOver::Open => path.clone(),
                        HandOver::Print => path.with_extension("md"),
                    };
                    self.emit(Effect::HandOver { how, path });
                }
                self.status = Some(Status::Exported { path });
            }
            Report::ExportFailed { error } => {
                self.handover = None;
                self.status = Some(Status::ExportFailed { error });
            }
            Report::HandedOver { how, path, program } => {
                self.status = Some(Status::HandedOver { how, path, program });
            }
            Report::HandOverFailed {
                path,
                program,
                error,
                ..
            } => {
                self.status = Some(Status::HandOverFailed {
                    path,
                    program,
                    error,
                });
            }
            Report::SlipWritten {
                reference,
                printing,
            } => self.slip_written(reference, printing),
            Report::SlipFailed => self.status = Some(Status::SlipFailed),
            Report::Printed { reference, ok } => self.printed(&reference, ok),
        }
        self.take_outbox()
    }

    /// The client the shell has read and locked: it replaces the one open
    /// before (whose lock goes), and opens where it was left.
    fn opened(&mut self, record: ClientRecord) {
        if let Some(before) = self.client.take()
            && before.record.id != record.id
        {
            self.emit(Effect::ReleaseClient {
                id: before.record.id,
            });
        }
        self.answers = record
            .current()
            .map(|a| a.answers.clone())
            .unwrap_or_default();
        let resume = record.current().and_then(|a| {
            if a.completed.is_some() {
                None
            } else {
                a.at_question.clone()
            }
        });
        let completed = record.current().is_some_and(|a| a.completed.is_some());
        self.client = Some(super::clients::OpenClient {
            record,
            placeholder_name: false,
        });
        self.outcome = None;
        self.status = None;
        self.return_to = None;
        match resume {
            Some(question) if self.bank.question(&question).is_some() => {
                self.open_question(&question, None);
            }
            _ if completed => self.open_results(),
            _ => {
                if let Some(first) = self.visible().first().map(|q| q.id.clone()) {
                    self.open_question(&first, None);
                }
            }
        }
    }

    /// Starts a new client for an assessment begun from the home screen.
    pub(super) fn start_client(&mut self) {
        let lang = self.lang;
        let name = lang.fill(Text::NewClientDefault, &[("date", &self.today)]);
        self.create_client(name, true);
    }

    /// Asks for a new client; `placeholder`: named for now, and after the
    /// company once that is answered.
    pub(super) fn create_client(&mut self, name: String, placeholder: bool) {
        if self.keeps_clients {
            self.emit(Effect::CreateClient { name, placeholder });
        }
    }

    /// The client the shell has created and locked. Its assessment starts
    /// empty — but for the company's name, when the client was given one:
    /// it is the answer to the question asking it, not to be typed twice.
    /// The question on screen (the first) is opened again, and so saved
    /// into it as the place to resume from.
    fn created(&mut self, record: ClientRecord, placeholder: bool) {
        self.answers = Answers::new();
        if !placeholder && let Some(question) = self.company_name_question() {
            self.answers.set(
                question,
                crate::assessment::Answer::Text(record.name.clone()),
            );
        }
        self.client = Some(OpenClient {
            record,
            placeholder_name: placeholder,
        });
        self.outcome = None;
        if self.screen == Screen::Question {
            let question = self.form.question.clone();
            let return_to = self.return_to;
            self.open_question(&question, return_to);
        }
    }

    /// The id of the question whose answer is the company's name.
    fn company_name_question(&self) -> Option<String> {
        self.bank
            .questions()
            .iter()
            .find(|q| q.fills == Some(crate::assessment::raw::Fact::CompanyName))
            .map(|q| q.id.clone())
    }

    /// Names a client still called by its placeholder after its company,
    /// once the name question is answered, and gives it an id made from
    /// that name (once: later renames keep the id).
    pub(super) fn name_client_after_company(&mut self, name: &str) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        let Some(client) = self.client.as_mut().filter(|c| c.placeholder_name) else {
            return;
        };
        name.clone_into(&mut client.record.name);
        client.placeholder_name = false;
        let id = client.record.id.clone();
        if self.keeps_clients {
            self.emit(Effect::ReidentifyClient {
                id,
                name: name.to_owned(),
            });
        }
    }

    /// Writes the answers and the current question into the client, and saves it.
    pub(super) fn save_client(&mut self) {
        let at_question = (self.screen == Screen::Question).then(|| self.form.question.clone());
        let answers = self.answers.clone();
        let today = self.today.clone();
        let Some(client) = self.client.as_mut() else {
            return;
        };
        let assessment = client.record.current_mut(&today);
        assessment.answers = answers;
        if at_question.is_some() {
            assessment.at_question = at_question;
        }
        self.persist();
    }

    /// Asks for the open client to be saved as it is; a failure is shown,
    /// never hidden (see [`Report::SaveFailed`]).
    pub(super) fn persist(&mut self) {
        if !self.keeps_clients {
            return;
        }
        if let Some(client) = &self.client {
            let record = client.record.clone();
            self.emit(Effect::SaveClient(record));
        }
    }

    /// A save went through: the record takes its new revision, and a
    /// message that an earlier save failed is out of date.
    fn saved(&mut self, id: &str, revision: u64, updated: String) {
        if let Some(client) = self.client.as_mut().filter(|c| c.record.id == id) {
            client.record.revision = revision;
            client.record.updated = updated;
            client.record.format = crate::clients::record::FORMAT;
        }
        if matches!(self.status, Some(Status::SaveFailed { .. })) {
            self.status = None;
        }
    }

    /// Saves the open client's version, which can no longer be saved as
    /// itself, as a new client, and carries on with that one.
    pub(super) fn save_as_new_client(&mut self) {
        if !self.keeps_clients {
            return;
        }
        if let Some(client) = &self.client {
            let record = client.record.clone();
            self.emit(Effect::SaveAsNew(record));
        }
    }

    /// Drops the open client's version, which can no longer be saved, and
    /// opens the one saved elsewhere where it was left.
    pub(super) fn reload_client(&mut self) {
        let Some(id) = self.client.as_ref().map(|c| c.record.id.clone()) else {
            return;
        };
        if self.keeps_clients {
            self.emit(Effect::OpenClient { id, reload: true });
        }
    }

    /// Back to the home screen. A client open here is closed — its answers
    /// are saved already — and its lock released, so that it can be opened
    /// again, here or in another window; without a client the answers stay
    /// until the app ends.
    pub(super) fn go_home(&mut self) {
        if self.client.is_some() {
            self.leave_client();
        } else {
            self.return_to = None;
            self.screen = Screen::Home;
        }
    }

    /// Back home with no client open and nothing of it kept.
    pub(super) fn leave_client(&mut self) {
        if let Some(client) = self.client.take() {
            self.emit(Effect::ReleaseClient {
                id: client.record.id,
            });
        }
        self.answers = Answers::new();
        self.outcome = None;
        self.return_to = None;
        self.screen = Screen::Home;
    }

    /// Marks the current assessment completed once its results are seen.
    pub(super) fn complete_assessment(&mut self) {
        let today = self.today.clone();
        let Some(client) = self.client.as_mut() else {
            return;
        };
        let assessment = client.record.current_mut(&today);
        if assessment.completed.is_none() {
            assessment.completed = Some(today);
            assessment.at_question = None;
            self.save_client();
        }
    }

    pub(super) fn delete_client(&mut self, id: &str) {
        if self.client.as_ref().is_some_and(|c| c.record.id == id) {
            self.client = None;
            self.answers = Answers::new();
            self.outcome = None;
            self.emit(Effect::ReleaseClient { id: id.to_owned() });
        }
        if self.keeps_clients {
            self.emit(Effect::DeleteClient { id: id.to_owned() });
        }
        self.refresh_clients();
    }

    /// Starts a re-assessment of the open client from its last answers.
    pub(super) fn reassess(&mut self) {
        let today = self.today.clone();
        let Some(client) = self.client.as_mut() else {
            return;
        };
        client.record.reassess(&today);
        self.outcome = None;
        self.status = Some(Status::Reassessing);
        self.persist();
        self.open_review(false);
    }
}
