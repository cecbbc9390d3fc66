//! The self-assessment: the question bank, answers, and the readiness profile
//! computed from them.
//!
//! - [`raw`]: the question bank's RON shape;
//! - [`bank`]: the validated [`QuestionBank`], its checks, and which questions
//!   are asked given the answers so far;
//! - [`texts`]: translations of the bank (`questions.<code>.ron`), checked
//!   against it, and applied by [`QuestionBank::localized`];
//! - [`answers`]: answers by question id, read from RON or JSON files;
//! - [`reply`]: a person's reply checked into an answer (the app's form and
//!   the accessible mode both take it), and an answer put back into words;
//! - [`typed`]: numbers and countries as people type them;
//! - [`profile`]: scoring answers into a [`Profile`] — dimension scores and
//!   bands, the stage and why, ranked needs, support already in use.
//!
//! All of it is pure: answers in, profile out; a changed answer recomputes
//! everything.

pub mod answers;
pub mod bank;
pub mod profile;
pub mod raw;
pub mod reply;
pub mod texts;
pub mod typed;

pub use answers::{Answer, Answers};
pub use bank::{Question, QuestionBank};
pub use profile::{Profile, assess};
pub use texts::QuestionTexts;
