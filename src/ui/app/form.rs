//! The question being answered: its highlighted option, the option chosen
//! (none until the user chooses: a question is never answered for them),
//! its ticks and its text input, handed to [`crate::assessment::reply`] to
//! become an [`Answer`] — or a message in words saying what is wrong.

use tui_input::{Input, InputRequest};

use crate::assessment::raw::Kind;
use crate::assessment::reply::{self, Reply};
use crate::assessment::{Answer, Question};

/// The editing state of the current question.
#[derive(Debug, Clone, Default)]
pub struct Form {
    pub question: String,
    /// The highlighted option (or scale point, 0-based), when `pointing`.
    pub cursor: usize,
    /// Whether the cursor is on an option: not on a question just opened
    /// with no answer, until the user moves it there.
    pub pointing: bool,
    /// The option (or scale point) chosen, for a single choice or a scale:
    /// none until the user chooses one, so that nothing is answered for them.
    pub chosen: Option<usize>,
    /// Ticked options of a multiple choice.
    pub ticked: Vec<String>,
    pub input: Input,
    pub error: Option<String>,
    pub more_help: bool,
}

impl Form {
    /// A form for a question, showing its current answer.
    #[must_use]
    pub fn open(question: &Question, answer: Option<&Answer>) -> Self {
        let mut form = Form {
            question: question.id.clone(),
            ..Form::default()
        };
        match (&question.kind, answer) {
            (Kind::Single { options }, Some(Answer::Choice(id))) => {
                form.chosen = options.iter().position(|o| &o.id == id);
                form.cursor = form.chosen.unwrap_or(0);
                form.pointing = form.chosen.is_some();
            }
            (Kind::Multiple { options }, Some(Answer::Choices(ids))) => {
                form.ticked.clone_from(ids);
                form.cursor = options
                    .iter()
                    .position(|o| ids.contains(&o.id))
                    .unwrap_or(0);
                form.pointing = true;
            }
            (Kind::Scale { .. }, Some(Answer::Scale(value))) => {
                form.cursor = usize::from(value.saturating_sub(1)).min(4);
                form.chosen = Some(form.cursor);
                form.pointing = true;
            }
            (Kind::Number { .. }, Some(Answer::Number(n))) => {
                form.input = Input::new(n.to_string());
            }
            (Kind::Text { .. }, Some(Answer::Text(t))) => form.input = Input::new(t.clone()),
            (Kind::Countries { .. }, Some(Answer::Countries(codes))) => {
                form.input = Input::new(codes.join(", "));
            }
            _ => {}
        }
        form
    }

    /// How many rows the cursor moves over (options or scale points).
    #[must_use]
    pub fn rows(question: &Question) -> usize {
        match &question.kind {
            Kind::Single { options } | Kind::Multiple { options } => options.len(),
            Kind::Scale { .. } => 5,
            _ => 0,
        }
    }

    /// Moves the cursor up; the first move of a question just opened puts
    /// it on the first option.
    pub fn up(&mut self) {
        if self.pointing {
            self.cursor = self.cursor.saturating_sub(1);
        } else {
            self.point_at(0);
        }
    }

    /// Moves the cursor down; the first move of a question just opened puts
    /// it on the first option.
    pub fn down(&mut self, question: &Question) {
        if self.pointing {
            self.cursor = (self.cursor + 1).min(Self::rows(question).saturating_sub(1));
        } else {
            self.point_at(0);
        }
    }

    fn point_at(&mut self, row: usize) {
        self.cursor = row;
        self.pointing = true;
    }

    /// Space: chooses or ticks the option under the cursor; with the cursor
    /// on no option yet, only puts it on the first.
    pub fn toggle(&mut self, question: &Question) {
        if self.pointing {
            self.pick(question, self.cursor);
        } else {
            self.point_at(0);
        }
    }

    /// Enter: the option under the cursor of a single choice or a scale is
    /// the one meant, so it is chosen; with the cursor on no option, nothing is.
    pub fn choose_at_cursor(&mut self, question: &Question) {
        if self.pointing && matches!(question.kind, Kind::Single { .. } | Kind::Scale { .. }) {
            self.chosen = Some(self.cursor);
        }
    }

    /// Chooses (single, scale) or ticks/unticks (multiple) row `row`.
    pub fn pick(&mut self, question: &Question, row: usize) {
        if row >= Self::rows(question) {
            return;
        }
        self.point_at(row);
        self.error = None;
        if matches!(question.kind, Kind::Single { .. } | Kind::Scale { .. }) {
            self.chosen = Some(row);
        }
        if let Kind::Multiple { options } = &question.kind {
            let option = &options[row];
            if let Some(i) = self.ticked.iter().position(|t| *t == option.id) {
                self.ticked.remove(i);
            } else {
                // An option that rules out the others clears them, and
                // another option clears it: the form never holds both.
                if option.exclusive {
                    self.ticked.clear();
                } else {
                    self.ticked
                        .retain(|t| !options.iter().any(|o| o.exclusive && o.id == *t));
                }
                self.ticked.push(option.id.clone());
            }
        }
    }

    /// Passes an edit to the text input.
    pub fn edit(&mut self, request: InputRequest) {
        self.input.handle(request);
        self.error = None;
    }

    /// The answer the form holds, `Ok(None)` for an optional question left
    /// empty, or what is wrong, in words: checked by
    /// [`crate::assessment::reply`], as the accessible mode's replies are.
    pub fn answer(
        &self,
        question: &Question,
        lang: crate::i18n::Lang,
    ) -> Result<Option<Answer>, String> {
        let reply = match &question.kind {
            Kind::Single { .. } | Kind::Scale { .. } => Reply::Chosen(self.chosen),
            Kind::Multiple { .. } => Reply::Ticked(&self.ticked),
            Kind::Number { .. } | Kind::Text { .. } | Kind::Countries { .. } => {
                Reply::Typed(self.input.value())
            }
        };
        reply::check(question, reply, lang)
    }
}
