//! The full-screen terminal app (ratatui + crossterm).
//!
//! Key → [`keymap::Action`] (from the keymap) → [`app::App::update`] →
//! effects, performed by [`shell::Shell`] and reported back to the app →
//! render from `&App` ([`view::draw`]). Only [`terminal`] touches the real
//! terminal, and only [`shell`] the disk and the printer; everything else is
//! tested with ratatui's `TestBackend`, and `update` without a data folder.
//!
//! - [`app`]: the state, `update`, and the effects it asks for;
//! - [`shell`]: performs the effects (client store and locks, exports, the
//!   kiosk's slips) and reports what became of them;
//! - [`keymap`]: keys per screen, and the hints generated from them;
//! - [`view`]: one file per screen, drawing from `&App`;
//! - [`theme`]: default, high-contrast and monochrome styles;
//! - [`terminal`]: init and restore, mouse capture, the event loop.

pub mod app;
pub mod keymap;
pub mod shell;
pub mod terminal;
pub mod theme;
pub mod view;

pub use app::App;
pub use shell::Shell;
