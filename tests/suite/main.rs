//! The integration tests, built as one test binary.
//!
//! Each module tests one area through the library's public interface or the
//! real `eis` binary; `common` holds what several of them need (the shipped
//! catalogue and question bank loaded once, rendering an app to text, keys,
//! personas, running the binary). One binary links the library once instead
//! of once per file, which is most of a cold `cargo test`.
//!
//! Run one area with a filter: `cargo test --test suite kiosk::`.

mod common;

mod accessible;
mod adviser;
mod cache;
mod cases;
mod catalogue;
mod check;
mod cli;
mod client_names;
mod clients;
mod doors;
mod duplicates;
mod effects;
mod evidence;
mod exclusive;
mod export;
mod generate;
mod help;
mod hsds;
mod kiosk;
mod kiosk_short;
mod landscape;
mod languages;
mod layouts;
mod personas;
mod properties;
mod pty;
mod questions;
mod robustness;
mod search;
mod short_check;
mod ui;
