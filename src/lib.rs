//! EIS Navigator: guided SME internationalisation self-assessment, referral to
//! support services, and a map of the support landscape.
//!
//! # Module map
//!
//! The core is pure — no module below `cli` touches the terminal:
//!
//! - [`vocab`]: the domain vocabulary (modes, stages, support kinds, …);
//! - [`i18n`]: the six languages, every text of the app in each, and which one speaks;
//! - [`assessment`]: the question bank, answers, and the readiness profile;
//! - [`catalogue`]: the RON catalogue of providers and services — load, check, count;
//! - [`geography`]: which scopes a target market falls in, seen from the home country;
//! - [`matching`]: eligibility and ranked matches with reasons;
//! - [`cases`]: referral test cases — answers and what an expert expects of the referral;
//! - [`journey`]: the stage-by-stage journey with gaps and fallbacks;
//! - [`clients`]: client records in the data folder, saved safely after every change;
//! - [`report`]: the referral as one document — firm, readiness, stage, needs, journey,
//!   gaps, marks and notes — and its every rendering: text, spoken lines, Markdown,
//!   HTML, JSON and the kiosk slip;
//! - [`hsds`]: the catalogue to and from Open Referral HSDS 3.0 directories (JSON, CSV);
//! - [`landscape`]: the support landscape of an area: coverage, gaps, overlaps, duplicates;
//! - [`evidence`]: the anonymous referral record of each finished assessment;
//! - [`whatif`]: what moved when an answer changed: stage, scores, services;
//! - [`generate`]: seeded synthetic catalogues of any size, for benchmarks and tests;
//! - [`kiosk`]: the kiosk's config, its admin passphrase hash, and spooling and printing slips;
//! - [`fuzz`]: seeded mutation fuzzing of every kind of file the program reads;
//! - [`search`]: accent- and case-insensitive fuzzy look-up over the catalogue;
//! - [`cache`]: the checked catalogue and its search index in binary form, for one-shot commands;
//! - [`diagnostic`]: problems with file, line:column and field path;
//! - [`input`]: the one way input files are read: regular files only, within a size limit;
//! - [`save`]: the one way files are written: whole, never through a link, owner-only;
//! - [`text`]: what text may contain, and sanitising it for the terminal.
//!
//! The edge:
//!
//! - [`cli`]: parses arguments, runs one command, prints, and returns the exit code;
//! - [`accessible`]: the same assessment as plain numbered lines, for screen readers and scripts;
//! - [`ui`]: the full-screen terminal app; its state and views are pure too:
//!   `ui::app` returns effects that `ui::shell` performs (saves, exports,
//!   slips), and only `ui::terminal` touches the terminal.

pub mod accessible;
pub mod assessment;
mod binary;
pub mod cache;
pub mod cases;
pub mod catalogue;
pub mod cli;
pub mod clients;
pub mod diagnostic;
pub mod evidence;
pub mod fuzz;
pub mod generate;
pub mod geography;
pub mod hsds;
pub mod i18n;
pub mod input;
pub mod journey;
pub mod kiosk;
pub mod landscape;
pub mod matching;
mod parallel;
pub mod report;
mod ronfile;
pub mod save;
pub mod search;
pub mod text;
pub mod ui;
pub mod vocab;
pub mod whatif;

pub use cli::run;

/// Today's date in UTC, for the checker's staleness warnings and the date on
/// referral summaries. Everything that depends on the date takes it as a
/// parameter, so tests can fix it; `EIS_TODAY=2026-11-23` fixes it for a
/// whole run (reproducible reports and golden tests), and a value that is not
/// a date is ignored.
#[must_use]
pub fn today() -> jiff::civil::Date {
    std::env::var("EIS_TODAY")
        .ok()
        .and_then(|date| date.parse().ok())
        .unwrap_or_else(|| {
            jiff::Timestamp::now()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .date()
        })
}
