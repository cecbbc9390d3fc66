//! The adviser's side of the app: the clients screen, the client being
//! assessed (saved after every change, locked against other windows), notes
//! and referral marks, re-assessment, and the referral summary.

use tui_input::{Input, InputRequest};

use super::{App, Confirmation, Overlay, Prompt, PromptPurpose, Screen};
use crate::clients::config::Config;
use crate::clients::{ClientError, ClientLock, ClientRecord, Listed, Store};
use crate::i18n::{Text, fill, tr};
use crate::report::{SummaryFormat, summarize};
use crate::ui::keymap::Action;

/// The client being assessed, and its lock.
#[derive(Debug)]
pub struct OpenClient {
    pub record: ClientRecord,
    pub lock: ClientLock,
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
}

fn now() -> jiff::Timestamp {
    jiff::Timestamp::now()
}

fn today() -> String {
    crate::today().to_string()
}

impl App {
    /// Runs with client records in `data_dir`.
    pub fn with_data_dir(
        mut self,
        data_dir: std::path::PathBuf,
    ) -> Result<Self, crate::clients::ClientError> {
        self.store = Some(Store::open(&data_dir)?);
        self.data_dir = Some(data_dir);
        Ok(self)
    }

    pub(super) fn open_clients(&mut self) {
        self.refresh_clients();
        self.screen = Screen::Clients;
    }

    fn refresh_clients(&mut self) {
        let Some(store) = &self.store else { return };
        match store.list() {
            Ok(listed) => self.clients.listed = listed,
            Err(e) => self.status = Some(e.to_string()),
        }
        let shown = self.clients.shown().len();
        self.clients.selected = self.clients.selected.min(shown.saturating_sub(1));
    }

    pub(super) fn on_clients(&mut self, action: Action) {
        let shown = self.clients.shown().len();
        let last = shown.saturating_sub(1);
        let edit = |app: &mut Self, request: InputRequest| {
            if app.clients.filter.handle(request).is_some_and(|c| c.value) {
                app.clients.selected = 0;
            }
        };
        if let Some(request) = super::edit_request(action) {
            edit(self, request);
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
            Action::Help => self.overlay = Some(Overlay::Help),
            Action::Close => self.screen = Screen::Home,
            _ => {}
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
                self.open_client(&id);
            }
            Some(Listed::Unreadable { message, .. }) => self.status = Some(message.clone()),
            None => {}
        }
    }

    /// Opens a client where it was left: the question it was on, else its
    /// results, else its first question.
    pub fn open_client(&mut self, id: &str) {
        // This window's own lock on the client would keep it from itself.
        if self.client.as_ref().is_some_and(|c| c.record.id == id) {
            self.client = None;
        }
        let Some(store) = &self.store else { return };
        let opened = store.lock(id).and_then(|lock| Ok((store.load(id)?, lock)));
        let (record, lock) = match opened {
            Ok(opened) => opened,
            Err(e) => {
                self.status = Some(e.to_string());
                return;
            }
        };
        self.client = None; // releases the lock of the client open before
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
        self.client = Some(OpenClient {
            record,
            lock,
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
        let name = fill(Text::NewClientDefault, &[("date", &today())]);
        self.create_client(&name, true);
    }

    fn create_client(&mut self, name: &str, placeholder: bool) {
        let Some(store) = &self.store else { return };
        match store.create_locked(name, now()) {
            Ok((record, lock)) => {
                self.client = Some(OpenClient {
                    record,
                    lock,
                    placeholder_name: placeholder,
                });
                self.answers = crate::assessment::Answers::new();
                self.outcome = None;
            }
            Err(e) => self.status = Some(e.to_string()),
        }
    }

    /// Names a client after its company once the name question is answered.
    pub(super) fn name_client_after_company(&mut self, name: &str) {
        if let Some(client) = self.client.as_mut().filter(|c| c.placeholder_name) {
            name.trim().clone_into(&mut client.record.name);
            client.placeholder_name = false;
        }
    }

    /// Writes the answers and the current question into the client, and saves it.
    pub(super) fn save_client(&mut self) {
        let at_question = (self.screen == Screen::Question).then(|| self.form.question.clone());
        let answers = self.answers.clone();
        let Some(client) = self.client.as_mut() else {
            return;
        };
        let assessment = client.record.current_mut(&today());
        assessment.answers = answers;
        if at_question.is_some() {
            assessment.at_question = at_question;
        }
        self.persist();
    }

    /// Saves the open client as it is; a failure is shown, never hidden.
    fn persist(&mut self) {
        let (Some(store), Some(client)) = (&self.store, self.client.as_mut()) else {
            return;
        };
        match store.save(&mut client.record, now()) {
            Ok(()) => {
                if self.status.as_deref().is_some_and(|s| {
                    s.starts_with(tr(Text::SaveFailed).split('{').next().unwrap_or_default())
                }) {
                    self.status = None;
                }
            }
            Err(e) => {
                // A record that can never be saved must not be edited on
                // silently: the user chooses, on the screen, what becomes
                // of this version.
                if matches!(e, ClientError::Conflict { .. }) {
                    self.overlay = Some(Overlay::Confirm(Confirmation::SaveAsNew));
                }
                self.status = Some(fill(Text::SaveFailed, &[("error", &e.to_string())]));
            }
        }
    }

    /// Saves the open client's version, which can no longer be saved as
    /// itself, as a new client, and carries on with that one.
    pub(super) fn save_as_new_client(&mut self) {
        let Some(store) = &self.store else { return };
        let Some(old) = self.client.take() else {
            return;
        };
        let OpenClient {
            record: old,
            lock,
            placeholder_name,
        } = old;
        drop(lock);
        let saved = store
            .create_locked(&old.name, now())
            .and_then(move |(mut record, lock)| {
                record.notes = old.notes;
                record.assessments = old.assessments;
                record.services = old.services;
                store.save(&mut record, now())?;
                Ok((record, lock))
            });
        match saved {
            Ok((record, lock)) => {
                self.client = Some(OpenClient {
                    record,
                    lock,
                    placeholder_name,
                });
                self.status = None;
            }
            Err(e) => {
                self.status = Some(fill(Text::SaveFailed, &[("error", &e.to_string())]));
                self.leave_client();
            }
        }
    }

    /// Drops the open client's version, which can no longer be saved, and
    /// opens the one saved elsewhere where it was left.
    pub(super) fn reload_client(&mut self) {
        let Some(id) = self.client.take().map(|c| c.record.id) else {
            return;
        };
        self.open_client(&id);
        if self.client.is_none() {
            self.leave_client();
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
    fn leave_client(&mut self) {
        self.client = None;
        self.answers = crate::assessment::Answers::new();
        self.outcome = None;
        self.return_to = None;
        self.screen = Screen::Home;
    }

    /// Marks the current assessment completed once its results are seen.
    pub(super) fn complete_assessment(&mut self) {
        let Some(client) = self.client.as_mut() else {
            return;
        };
        let assessment = client.record.current_mut(&today());
        if assessment.completed.is_none() {
            assessment.completed = Some(today());
            assessment.at_question = None;
            self.save_client();
        }
    }

    pub(super) fn delete_client(&mut self, id: &str) {
        if self.client.as_ref().is_some_and(|c| c.record.id == id) {
            self.client = None;
            self.answers = crate::assessment::Answers::new();
            self.outcome = None;
        }
        if let Some(store) = &self.store
            && let Err(e) = store.delete(id)
        {
            self.status = Some(e.to_string());
        }
        self.refresh_clients();
    }

    /// Starts a re-assessment of the open client from its last answers.
    pub(super) fn reassess(&mut self) {
        let Some(client) = self.client.as_mut() else {
            return;
        };
        client.record.reassess(&today());
        self.outcome = None;
        self.status = Some(tr(Text::Reassessing).to_owned());
        self.persist();
        self.open_review(false);
    }

    pub(super) fn prompt(&mut self, purpose: PromptPurpose, value: String) {
        self.overlay = Some(Overlay::Prompt(Prompt {
            purpose,
            input: Input::new(value),
        }));
    }

    pub(super) fn on_prompt(&mut self, action: Action) {
        let Some(Overlay::Prompt(prompt)) = &mut self.overlay else {
            return;
        };
        if let Some(request) = super::edit_request(action) {
            prompt.input.handle(request);
            return;
        }
        match action {
            Action::Cancel | Action::Close => self.overlay = None,
            Action::Select => {
                let purpose = prompt.purpose.clone();
                let text = if prompt.purpose == PromptPurpose::AdminPassphrase {
                    // A passphrase is taken as typed, spaces and all.
                    prompt.input.value().to_owned()
                } else {
                    crate::text::sanitize(prompt.input.value().trim()).into_owned()
                };
                self.overlay = None;
                self.apply_prompt(purpose, text);
            }
            _ => {}
        }
    }

    fn apply_prompt(&mut self, purpose: PromptPurpose, text: String) {
        match purpose {
            PromptPurpose::NewClient if !text.is_empty() => {
                self.create_client(&text, false);
                if let Some(first) = self.visible().first().map(|q| q.id.clone()) {
                    self.open_question(&first, None);
                }
            }
            PromptPurpose::Rename(id) if !text.is_empty() => {
                let open_here = self.client.as_ref().is_some_and(|c| c.record.id == id);
                if open_here {
                    if let Some(client) = self.client.as_mut() {
                        client.record.name = text;
                        client.placeholder_name = false;
                    }
                    self.persist();
                } else if let Some(store) = &self.store
                    && let Err(e) = store.rename(&id, &text, now())
                {
                    self.status = Some(e.to_string());
                }
                self.refresh_clients();
            }
            PromptPurpose::ClientNote => {
                if let Some(client) = self.client.as_mut() {
                    client.record.notes = text;
                }
                self.persist();
            }
            PromptPurpose::ServiceNote(id) => self.update_marks(&id, |marks| marks.note = text),
            PromptPurpose::Outcome(id) => {
                self.update_marks(&id, |marks| {
                    marks.outcome = Some(text).filter(|t| !t.is_empty());
                });
            }
            PromptPurpose::Adviser => {
                if let Some(dir) = &self.data_dir {
                    let mut config = Config::load(dir).unwrap_or_default();
                    config.adviser = Some(text).filter(|t| !t.is_empty());
                    if let Err(e) = config.save(dir) {
                        self.status = Some(e.to_string());
                        return;
                    }
                }
                self.export_summary();
            }
            PromptPurpose::AdminPassphrase => self.admin_passphrase(&text),
            PromptPurpose::NewClient | PromptPurpose::Rename(_) => {}
        }
    }

    /// Referral marks and notes of a service, from its details screen.
    pub(super) fn on_marks(&mut self, action: Action, id: &str) {
        if self.client.is_none() {
            return;
        }
        let marks = self
            .client
            .as_ref()
            .and_then(|c| c.record.services.get(id).cloned())
            .unwrap_or_default();
        match action {
            Action::MarkReferred => {
                let date = if marks.referred.is_some() {
                    None
                } else {
                    Some(today())
                };
                self.update_marks(id, |m| m.referred = date);
            }
            Action::MarkContacted => {
                let date = if marks.contacted.is_some() {
                    None
                } else {
                    Some(today())
                };
                self.update_marks(id, |m| m.contacted = date);
            }
            Action::Note => self.prompt(PromptPurpose::ServiceNote(id.to_owned()), marks.note),
            Action::Outcome => self.prompt(
                PromptPurpose::Outcome(id.to_owned()),
                marks.outcome.unwrap_or_default(),
            ),
            _ => {}
        }
    }

    fn update_marks(&mut self, id: &str, change: impl FnOnce(&mut crate::clients::ServiceMarks)) {
        let Some(client) = self.client.as_mut() else {
            return;
        };
        let marks = client.record.services.entry(id.to_owned()).or_default();
        change(marks);
        if marks.is_empty() {
            client.record.services.remove(id);
        }
        self.persist();
    }

    /// Writes the referral summary (HTML and Markdown) into `<data>/exports`,
    /// asking the adviser's name once.
    pub(super) fn export_summary(&mut self) {
        let (Some(dir), Some(client)) = (&self.data_dir, &self.client) else {
            return;
        };
        let config = Config::load(dir).unwrap_or_default();
        let Some(adviser) = config.adviser else {
            self.prompt(PromptPurpose::Adviser, String::new());
            return;
        };
        let summary = summarize(
            &client.record,
            &self.bank,
            &self.catalogue,
            Some(&adviser),
            &today(),
        );
        let exports = dir.join("exports");
        let written = crate::save::create_dir(&exports)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                let mut paths = Vec::new();
                for format in [SummaryFormat::Html, SummaryFormat::Md] {
                    let text = format.render(&summary).map_err(|e| e.to_string())?;
                    let path = free_path(
                        &exports,
                        &format!("{}-{}", client.record.id, today()),
                        format.extension(),
                    );
                    crate::save::write(&path, text.as_bytes(), crate::save::Existing::Keep)
                        .map_err(|e| e.to_string())?;
                    paths.push(path);
                }
                Ok(paths)
            });
        self.status = Some(match written {
            Ok(paths) => fill(Text::Exported, &[("path", &paths[0].display().to_string())]),
            Err(error) => fill(Text::ExportFailed, &[("error", &error)]),
        });
    }
}

/// `dir/stem.ext`, or `dir/stem-2.ext` and so on if taken: summaries are
/// never overwritten.
fn free_path(dir: &std::path::Path, stem: &str, extension: &str) -> std::path::PathBuf {
    let first = dir.join(format!("{stem}.{extension}"));
    if !first.exists() {
        return first;
    }
    (2..10_000)
        .map(|n| dir.join(format!("{stem}-{n}.{extension}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}
