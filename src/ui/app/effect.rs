//! What the app asks of the world, and what the world answers.
//!
//! [`super::App::update`] never touches a disk, a lock or a printer: it
//! returns [`Effect`]s, which the shell ([`crate::ui::shell`]) performs in
//! order, and whose outcomes come back as [`Report`]s through
//! [`super::App::report`]. An effect carries everything needed to perform
//! it (the record to save, the documents to write), so performing one never
//! reads the app's state; a report carries what the app needs to know, and
//! no more. Keys stay [`crate::ui::keymap::Action`]s: a report is not
//! something a key or a click can stand for.

use crate::assessment::Profile;
use crate::clients::{ClientRecord, Listed};
use crate::journey::Journey;
use crate::kiosk::KioskConfig;

/// One thing for the shell to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// List the clients folder: [`Report::Listed`].
    ListClients,
    /// Create a client, held open here: [`Report::Created`], which
    /// carries `placeholder` back (whether the name is only for now, to be
    /// replaced by the company's).
    CreateClient { name: String, placeholder: bool },
    /// Take a client's lock (kept if it is held here already) and read it:
    /// [`Report::Opened`] or [`Report::OpenFailed`], which says whether
    /// this was the reload of a version that could not be saved.
    OpenClient { id: String, reload: bool },
    /// Save the open client: atomically, and refused if another window
    /// saved it since ([`Report::Saved`] or [`Report::SaveFailed`]).
    SaveClient(ClientRecord),
    /// Let go of this version's lock and save it as a new client, held open
    /// here: [`Report::SavedAsNew`] or [`Report::SaveAsNewFailed`].
    SaveAsNew(ClientRecord),
    /// Release the lock of a client held open here.
    ReleaseClient { id: String },
    /// Rename a client that is not open here.
    RenameClient { id: String, name: String },
    /// The open client, created under a placeholder name, has been named
    /// after its company: give it an id made from `name` (a new file with
    /// the saved record, held open here; the old file and lock go), so that
    /// its id and summaries' file names say who it is:
    /// [`Report::Reidentified`]. Performed after every other effect of the
    /// same action, so that it moves the last save.
    ReidentifyClient { id: String, name: String },
    /// Delete a client's file.
    DeleteClient { id: String },
    /// Read the adviser's name from the settings: [`Report::Adviser`].
    ReadAdviser,
    /// Keep the adviser's name in the settings: [`Report::AdviserSaved`].
    SaveAdviser { name: Option<String> },
    /// Write the documents of a referral summary into the exports folder,
    /// named `stem.extension` (or `stem-2.extension` and so on: nothing is
    /// overwritten): [`Report::Exported`] or [`Report::ExportFailed`].
    WriteExport {
        stem: String,
        documents: Vec<Document>,
    },
    /// Kiosk: give the slip of this journey a reference, write it to the
    /// spool and start the print command beside the app:
    /// [`Report::SlipWritten`] or [`Report::SlipFailed`], and later, once
    /// a print command ends, [`Report::Printed`].
    PrintSlip(Box<SlipOrder>),
    /// Hand a written summary over: open it with the system's opener, or
    /// send it to the printer, without waiting for either:
    /// [`Report::HandedOver`] or [`Report::HandOverFailed`].
    HandOver {
        how: HandOver,
        path: std::path::PathBuf,
    },
}

/// How a written summary is handed to the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandOver {
    /// Opened with `$BROWSER` or the system's opener (`xdg-open`, `open`).
    Open,
    /// Sent to the default printer with `lp` (the Markdown file, which
    /// prints as plain text).
    Print,
}

/// One file of a summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub extension: &'static str,
    pub text: String,
}

/// What a slip is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlipOrder {
    pub config: KioskConfig,
    pub profile: Profile,
    pub journey: Journey,
    pub date: String,
}

/// What became of an effect.
#[derive(Debug)]
pub enum Report {
    Listed(Vec<Listed>),
    Created {
        record: ClientRecord,
        placeholder: bool,
    },
    Opened(ClientRecord),
    OpenFailed {
        error: String,
        reload: bool,
    },
    /// The save went through: the record's new revision and time.
    Saved {
        id: String,
        revision: u64,
        updated: String,
    },
    /// `conflict`: another window saved the client since it was read here,
    /// so this version can never be saved as itself.
    SaveFailed {
        error: String,
        conflict: bool,
    },
    SavedAsNew(ClientRecord),
    /// The client `old` is now this record, under its new id.
    Reidentified {
        old: String,
        record: ClientRecord,
    },
    SaveAsNewFailed {
        error: String,
    },
    /// Listing, creating, renaming or deleting a client, or keeping the
    /// adviser's name, went wrong.
    Failed {
        error: String,
    },
    Adviser(Option<String>),
    AdviserSaved(Option<String>),
    Exported {
        path: std::path::PathBuf,
    },
    ExportFailed {
        error: String,
    },
    /// `program` was started on the summary at `path`.
    HandedOver {
        how: HandOver,
        path: std::path::PathBuf,
        program: String,
    },
    HandOverFailed {
        how: HandOver,
        path: std::path::PathBuf,
        program: String,
        /// Why, in the system's words; `None` when the program is not installed.
        error: Option<String>,
    },
    /// `printing`: a print command was started for it.
    SlipWritten {
        reference: String,
        printing: bool,
    },
    SlipFailed,
    /// The print command of the slip with this reference has ended.
    Printed {
        reference: String,
        ok: bool,
    },
}
