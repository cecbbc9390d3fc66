//! Client records for advisers: every assessment belongs to a client, kept
//! in the user's data folder and saved after every change.
//!
//! - [`record`]: what a client file holds (answers of every assessment,
//!   notes, referral marks) and the re-assessment deltas;
//! - [`store`]: the folder — list, create, load, save, rename, delete —
//!   with atomic writes, owner-only permissions, a lock per open client and
//!   a revision check, so that a crash never leaves a torn file and two
//!   windows never lose each other's work;
//! - [`config`]: the adviser's name for referral summaries.
//!
//! A client file is RON (`clients/<id>.ron`), documented in `docs/clients.md`.

pub mod config;
pub mod record;
pub mod store;

use std::path::PathBuf;

pub use record::{AssessmentRecord, ClientRecord, ServiceMarks};
pub use store::{ClientLock, Listed, Store};

/// What can go wrong with client records.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("cannot use the data folder {}: {source}", path.display())]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {}: {source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not a readable client file ({message}); it is left untouched", path.display())]
    Corrupt { path: PathBuf, message: String },
    #[error("there is no client `{id}`")]
    NotFound { id: String },
    #[error("client `{id}` is open in another EIS Navigator window; close it there first")]
    Locked { id: String },
    #[error(
        "client `{id}` was changed by another EIS Navigator window since it was opened here; \
         nothing was overwritten — reopen the client to see the newer version"
    )]
    Conflict { id: String },
}

/// The data folder: `--data-dir`, else the platform's (for example
/// `~/.local/share/eis-navigator` on Linux).
#[must_use]
pub fn data_dir(overridden: Option<PathBuf>) -> Option<PathBuf> {
    overridden.or_else(|| {
        directories::ProjectDirs::from("eu", "EIS", "eis-navigator")
            .map(|dirs| dirs.data_dir().to_owned())
    })
}
