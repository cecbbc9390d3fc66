//! The question screen: opening a question with its current answer,
//! confirming the form's answer and moving on, or going back one; every
//! change is saved with the open client.

use super::{App, Confirmation, Overlay, Screen, edit_request};
use crate::assessment::Question;
use crate::ui::app::form::Form;
use crate::ui::keymap::Action;

impl App {
    pub(super) fn open_question(&mut self, id: &str, return_to: Option<Screen>) {
        let Some(question) = self.bank.question(id) else {
            return;
        };
        self.form = Form::open(question, self.answers.get(id));
        self.return_to = return_to;
        self.screen = Screen::Question;
        self.save_client();
    }

    pub(super) fn on_question(&mut self, action: Action) {
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
    fn confirm_answer(&mut self, question: &Question) {
        let lang = self.lang;
        self.form.choose_at_cursor(question);
        match self.form.answer(question, lang) {
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
                    Some(Screen::Review) => self.open_review(self.review.from_results),
                    _ => self.next_question(&question.id),
                }
            }
        }
    }

    /// Opens the question after `after`, or the review after the last; in
    /// the full assessment after a kiosk's short check, the questions the
    /// short check answered are passed over (the review still shows them).
    fn next_question(&mut self, after: &str) {
        let visible = self.visible();
        let skip_answered = self.asks_only_what_is_left();
        let next = visible
            .iter()
            .position(|q| q.id == after)
            .and_then(|i| {
                visible[i + 1..]
                    .iter()
                    .find(|q| !skip_answered || self.answers.get(&q.id).is_none())
            })
            .map(|q| q.id.clone());
        match next {
            Some(id) => self.open_question(&id, None),
            None => self.open_review(false),
        }
    }

    /// Goes back one question, keeping the current edit if it is a valid answer.
    fn previous_question(&mut self, question: &Question) {
        let lang = self.lang;
        if let Ok(Some(answer)) = self.form.answer(question, lang) {
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
}
