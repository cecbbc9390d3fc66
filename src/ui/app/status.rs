//! The status line: one typed message, set by the screen it belongs to and
//! put into words only when it is drawn, in the language spoken then. Code
//! that needs to know what the line says matches on the variant, never on
//! the translated text.

use std::path::PathBuf;

use super::effect::HandOver;
use crate::i18n::{Lang, Text};

/// What the status line says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// The open client could not be saved (the record stays on screen).
    SaveFailed {
        error: String,
    },
    /// A client could not be listed, created, opened, renamed or deleted,
    /// or a file of the clients folder could not be read: the error as the
    /// store words it.
    ClientError {
        error: String,
    },
    /// The referral summary was written; `path` is the first of its files.
    Exported {
        path: PathBuf,
    },
    ExportFailed {
        error: String,
    },
    /// The summary at `path` was opened, or sent to the printer, by `program`.
    HandedOver {
        how: HandOver,
        path: PathBuf,
        program: String,
    },
    /// `program` could not be started for the summary at `path`.
    HandOverFailed {
        path: PathBuf,
        program: String,
        /// Why, in the system's words; `None` when the program is not installed.
        error: Option<String>,
    },
    /// A re-assessment was started from the last answers.
    Reassessing,
    /// Kiosk: the slip is in the spool, under this reference.
    SlipWritten {
        reference: String,
    },
    /// Kiosk: the slip could not be written or printed.
    SlipFailed,
    /// Kiosk: these results are the short check's; the full assessment is
    /// one key away.
    QuickCheckDone,
    /// Kiosk: the admin passphrase typed is not the right one.
    WrongPassphrase,
    /// Kiosk: no passphrase is checked for this many seconds more.
    PassphraseWait {
        seconds: u64,
    },
}

impl Status {
    /// The message in `lang` (not yet sanitised: the view
    /// cleans it, as errors may quote file names).
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Status::SaveFailed { error } => lang.fill(Text::SaveFailed, &[("error", error)]),
            Status::ClientError { error } => error.clone(),
            Status::Exported { path } => {
                lang.fill(Text::Exported, &[("path", &path.display().to_string())])
            }
            Status::ExportFailed { error } => lang.fill(Text::ExportFailed, &[("error", error)]),
            Status::HandedOver { how, path, program } => lang.fill(
                match how {
                    HandOver::Open => Text::SummaryOpened,
                    HandOver::Print => Text::SummaryPrinting,
                },
                &[("program", program), ("path", &path.display().to_string())],
            ),
            Status::HandOverFailed {
                path,
                program,
                error,
            } => lang.fill(
                Text::HandOverFailed,
                &[
                    ("program", program),
                    (
                        "error",
                        error.as_deref().unwrap_or(lang.tr(Text::NotInstalled)),
                    ),
                    ("path", &path.display().to_string()),
                ],
            ),
            Status::Reassessing => lang.tr(Text::Reassessing).to_owned(),
            Status::SlipWritten { reference } => {
                lang.fill(Text::SlipWritten, &[("reference", reference)])
            }
            Status::SlipFailed => lang.tr(Text::SlipFailed).to_owned(),
            Status::QuickCheckDone => lang.tr(Text::QuickCheckDone).to_owned(),
            Status::WrongPassphrase => lang.tr(Text::WrongPassphrase).to_owned(),
            Status::PassphraseWait { seconds } => {
                lang.fill(Text::PassphraseWait, &[("seconds", &seconds.to_string())])
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Status;
    use crate::i18n::Lang;

    #[test]
    fn each_status_is_worded_in_the_language_spoken_when_drawn() {
        let exported = Status::Exported {
            path: "exports/acme-2026-11-23.html".into(),
        };
        let cases = [
            (
                Status::SaveFailed {
                    error: "disk full".to_owned(),
                },
                "Not saved: disk full",
            ),
            (
                Status::ClientError {
                    error: "there is no client `x`".to_owned(),
                },
                "there is no client `x`",
            ),
            (
                exported.clone(),
                "Summary written to exports/acme-2026-11-23.html",
            ),
            (Status::WrongPassphrase, "That is not the admin passphrase."),
            (
                Status::PassphraseWait { seconds: 299 },
                "Too many wrong passphrases: try again in 299 s.",
            ),
            (
                Status::SlipWritten {
                    reference: "K7Q2".to_owned(),
                },
                "Your referral slip is ready. Your reference is K7Q2.",
            ),
        ];
        for (status, text) in cases {
            assert_eq!(status.text(Lang::En), text, "{status:?}");
        }
        // The same value reads differently in another language: it is not
        // a string fixed when it was set.
        let polish = exported.text(Lang::Pl);
        assert_ne!(polish, exported.text(Lang::En));
        assert!(polish.contains("exports/acme-2026-11-23.html"), "{polish}");
    }
}
