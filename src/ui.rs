//! The full-screen terminal app (ratatui + crossterm).
//!
//! Key → [`keymap::Action`] (from the keymap) → [`app::App::update`] → render
//! from `&App` ([`view::draw`]). Only [`terminal`] touches the real terminal;
//! everything else is tested with ratatui's `TestBackend`.
//!
//! - [`app`]: the state and `update`;
//! - [`keymap`]: keys per screen, and the hints generated from them;
//! - [`view`]: one file per screen, drawing from `&App`;
//! - [`theme`]: default, high-contrast and monochrome styles;
//! - [`terminal`]: init and restore, mouse capture, the event loop.

pub mod app;
pub mod keymap;
pub mod terminal;
pub mod theme;
pub mod view;

pub use app::App;
