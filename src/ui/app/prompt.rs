//! The one-line prompts (a new client's name, a rename, notes, a service's
//! outcome, the adviser's name, the kiosk's admin passphrase), the referral
//! marks of a service, and the referral summary, rendered here and written
//! by the shell.

use tui_input::Input;

use super::effect::Document;
use super::{App, Effect, Overlay, Prompt, PromptPurpose, Status};
use crate::report::{SummaryFormat, summarize};
use crate::ui::keymap::Action;

impl App {
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
                self.create_client(text, false);
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
                } else if self.keeps_clients {
                    self.emit(Effect::RenameClient { id, name: text });
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
                if self.keeps_clients {
                    self.emit(Effect::SaveAdviser {
                        name: Some(text).filter(|t| !t.is_empty()),
                    });
                }
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
        let today = self.today.clone();
        match action {
            Action::MarkReferred => {
                let date = if marks.referred.is_some() {
                    None
                } else {
                    Some(today)
                };
                self.update_marks(id, |m| m.referred = date);
            }
            Action::MarkContacted => {
                let date = if marks.contacted.is_some() {
                    None
                } else {
                    Some(today)
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

    /// Starts the referral summary of the open client: the adviser's name,
    /// kept in the settings, is read first ([`Self::export_as`]).
    pub(super) fn export_summary(&mut self) {
        if self.keeps_clients && self.client.is_some() {
            self.emit(Effect::ReadAdviser);
        }
    }

    /// Renders the summary (HTML and Markdown) by the adviser named, for
    /// the shell to write into `<data>/exports`; with no name yet, asks for
    /// it, once.
    pub(super) fn export_as(&mut self, adviser: Option<String>) {
        let lang = self.lang;
        let Some(client) = &self.client else {
            return;
        };
        let Some(adviser) = adviser else {
            self.prompt(PromptPurpose::Adviser, String::new());
            return;
        };
        let summary = summarize(
            &client.record,
            &self.bank,
            &self.catalogue,
            Some(&adviser),
            &self.today,
            lang,
        );
        let stem = format!("{}-{}", client.record.id, self.today);
        let documents = [SummaryFormat::Html, SummaryFormat::Md]
            .into_iter()
            .map(|format| {
                Ok(Document {
                    extension: format.extension(),
                    text: format.render(&summary)?,
                })
            })
            .collect::<Result<Vec<_>, serde_json::Error>>();
        match documents {
            Ok(documents) => self.emit(Effect::WriteExport { stem, documents }),
            Err(e) => {
                self.status = Some(Status::ExportFailed {
                    error: e.to_string(),
                });
            }
        }
    }
}
