//! The shell around the app: it performs the [`Effect`]s that
//! [`App::update`] asks for — the client store and its locks, the adviser's
//! settings, the exports folder, the kiosk's spool and print command — and
//! hands what became of each back to the app as a [`Report`]. The app
//! decides; only the shell touches the disk.
//!
//! The client locks live here, not in the app: a lock is an open file, and
//! dropping it is I/O. A client is held locked from its [`Effect::CreateClient`]
//! or [`Effect::OpenClient`] to its [`Effect::ReleaseClient`] (or until the
//! shell is dropped, or the process dies, when the operating system lets
//! go). A slip's print command runs on a thread of its own; [`Shell::tick`]
//! looks for its end.

use std::collections::VecDeque;
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::app::effect::{Document, HandOver, SlipOrder};
use super::app::{App, Effect, Report};
use super::keymap::Action;
use crate::clients::config::Config;
use crate::clients::{ClientError, ClientLock, ClientRecord, Store};
use crate::kiosk::Printing;

/// The app, and what performs its effects.
#[derive(Debug)]
pub struct Shell {
    app: App,
    /// Where clients are kept; `None` runs without saving anything.
    store: Option<Store>,
    data_dir: Option<PathBuf>,
    /// The locks of the clients open here.
    locks: Vec<ClientLock>,
    /// The print commands still running, by slip reference.
    printing: Vec<(String, Printing)>,
}

impl Shell {
    #[must_use]
    pub fn new(app: App) -> Self {
        Self {
            app,
            store: None,
            data_dir: None,
            locks: Vec::new(),
            printing: Vec::new(),
        }
    }

    /// Keeps client records in `data_dir`.
    ///
    /// # Errors
    /// When the clients folder cannot be created or used.
    pub fn with_data_dir(mut self, data_dir: PathBuf) -> Result<Self, ClientError> {
        self.store = Some(Store::open(&data_dir)?);
        self.data_dir = Some(data_dir);
        self.app = self.app.keeping_clients();
        Ok(self)
    }

    #[must_use]
    pub fn app(&self) -> &App {
        &self.app
    }

    /// Applies an action and performs the effects it asks for.
    pub fn update(&mut self, action: Action) {
        self.app.today = crate::today().to_string();
        let effects = self.app.update(action);
        self.perform_all(effects);
    }

    /// Opens a client where it was left (see [`App::open_client`]).
    pub fn open_client(&mut self, id: &str) {
        let effects = self.app.open_client(id);
        self.perform_all(effects);
    }

    /// Advances the app's clock (the kiosk's idle wipe) and tells it of
    /// print commands that have ended.
    pub fn tick(&mut self, now: Instant) {
        self.app.today = crate::today().to_string();
        self.app.tick(now);
        let ended = self.ended_prints();
        for report in ended {
            let effects = self.app.report(report);
            self.perform_all(effects);
        }
    }

    /// Performs effects in order; an effect's report may ask for more,
    /// which are performed after those already asked for.
    pub fn perform_all(&mut self, effects: Vec<Effect>) {
        let mut queue = VecDeque::from(effects);
        while let Some(effect) = queue.pop_front() {
            if let Some(report) = self.perform(effect) {
                queue.extend(self.app.report(report));
            }
        }
    }

    /// Performs one effect; returns what became of it, if the app is to know.
    fn perform(&mut self, effect: Effect) -> Option<Report> {
        if let Effect::PrintSlip(order) = effect {
            return Some(self.print_slip(&order, self.app.lang));
        }
        if let Effect::HandOver { how, path } = effect {
            return Some(hand_over(how, path, &Programs::from_env()));
        }
        if let Effect::WriteExport { stem, documents } = &effect {
            let dir = self.data_dir.as_ref()?.join("exports");
            return Some(match write_export(&dir, stem, documents) {
                Ok(path) => Report::Exported { path },
                Err(error) => Report::ExportFailed { error },
            });
        }
        let store = self.store.clone()?;
        let failed = |e: ClientError| Report::Failed {
            error: e.to_string(),
        };
        match effect {
            Effect::ListClients => Some(store.list().map_or_else(failed, Report::Listed)),
            Effect::CreateClient { name, placeholder } => {
                Some(match store.create_locked(&name, now()) {
                    Ok((record, lock)) => {
                        self.locks.push(lock);
                        Report::Created {
                            record,
                            placeholder,
                        }
                    }
                    Err(e) => failed(e),
                })
            }
            Effect::OpenClient { id, reload } => Some(match self.open(&store, &id) {
                Ok(record) => Report::Opened(record),
                Err(e) => Report::OpenFailed {
                    error: e.to_string(),
                    reload,
                },
            }),
            Effect::SaveClient(mut record) => Some(match store.save(&mut record, now()) {
                Ok(()) => Report::Saved {
                    id: record.id,
                    revision: record.revision,
                    updated: record.updated,
                },
                Err(e) => Report::SaveFailed {
                    conflict: matches!(e, ClientError::Conflict { .. }),
                    error: e.to_string(),
                },
            }),
            Effect::SaveAsNew(record) => {
                self.release(&record.id);
                Some(match save_as_new(&store, record) {
                    Ok((record, lock)) => {
                        self.locks.push(lock);
                        Report::SavedAsNew(record)
                    }
                    Err(e) => Report::SaveAsNewFailed {
                        error: e.to_string(),
                    },
                })
            }
            Effect::ReleaseClient { id } => {
                self.release(&id);
                None
            }
            Effect::RenameClient { id, name } => store.rename(&id, &name, now()).err().map(failed),
            Effect::ReidentifyClient { id, name } => {
                Some(match self.reidentify(&store, &id, &name) {
                    Ok(record) => Report::Reidentified { old: id, record },
                    Err(e) => failed(e),
                })
            }
            Effect::DeleteClient { id } => store.delete(&id).err().map(failed),
            Effect::ReadAdviser => {
                let dir = self.data_dir.as_ref()?;
                Some(Report::Adviser(
                    Config::load(dir).unwrap_or_default().adviser,
                ))
            }
            Effect::SaveAdviser { name } => {
                let dir = self.data_dir.as_ref()?;
                let mut config = Config::load(dir).unwrap_or_default();
                config.adviser.clone_from(&name);
                Some(match config.save(dir) {
                    Ok(()) => Report::AdviserSaved(name),
                    Err(e) => failed(e),
                })
            }
            Effect::WriteExport { .. } | Effect::PrintSlip(_) | Effect::HandOver { .. } => None,
        }
    }

    /// Takes a client's lock (or keeps the one held here) and reads it; a
    /// lock taken for a client that cannot be read is let go.
    fn open(&mut self, store: &Store, id: &str) -> Result<ClientRecord, ClientError> {
        if self.locks.iter().any(|lock| lock.id == id) {
            return store.load(id);
        }
        let lock = store.lock(id)?;
        let record = store.load(id)?;
        self.locks.push(lock);
        Ok(record)
    }

    /// Moves the client `id`, held here, to a new id made from `name`: a
    /// new file with its saved record (created time and history kept),
    /// held here; then the old lock and file go. Until the new file is
    /// saved, nothing of the old is touched.
    fn reidentify(
        &mut self,
        store: &Store,
        id: &str,
        name: &str,
    ) -> Result<ClientRecord, ClientError> {
        let old = store.load(id)?;
        let (mut record, lock) = store.create_locked(name, now())?;
        let new_id = record.id.clone();
        record.created = old.created;
        record.notes = old.notes;
        record.assessments = old.assessments;
        record.services = old.services;
        if let Err(e) = store.save(&mut record, now()) {
            drop(lock);
            let _ = store.delete(&new_id);
            return Err(e);
        }
        self.locks.push(lock);
        self.release(id);
        // The client lives on under its new id; a placeholder file left
        // behind (say, on a read-only folder) only shows in the list.
        let _ = store.delete(id);
        Ok(record)
    }

    fn release(&mut self, id: &str) {
        self.locks.retain(|lock| lock.id != id);
    }

    /// Gives the slip a reference, writes it to the spool and starts its
    /// print command, without waiting for it.
    fn print_slip(&mut self, order: &SlipOrder, lang: crate::i18n::Lang) -> Report {
        let reference = crate::kiosk::reference();
        let referral = crate::report::Referral::new(&order.profile, Some(&order.journey), lang);
        let text = crate::report::slip::render(&referral, &reference, &order.date);
        match crate::kiosk::write_slip(&order.config, &reference, &text) {
            Ok(path) => {
                let printing = crate::kiosk::print(&order.config, &path);
                let started = printing.is_some();
                if let Some(printing) = printing {
                    self.printing.push((reference.clone(), printing));
                }
                Report::SlipWritten {
                    reference,
                    printing: started,
                }
            }
            Err(_) => Report::SlipFailed,
        }
    }

    /// The print commands that have ended since last asked.
    fn ended_prints(&mut self) -> Vec<Report> {
        let mut ended = Vec::new();
        self.printing.retain(|(reference, printing)| {
            let ok = match printing.try_recv() {
                Err(std::sync::mpsc::TryRecvError::Empty) => return true,
                Ok(Ok(())) | Err(std::sync::mpsc::TryRecvError::Disconnected) => true,
                Ok(Err(_)) => false,
            };
            ended.push(Report::Printed {
                reference: reference.clone(),
                ok,
            });
            false
        });
        ended
    }
}

/// The app's state is read freely through the shell; it is changed only
/// through [`Shell::update`] and the other methods that perform effects —
/// or directly, by tests and the event loop, for what needs no effect.
impl Deref for Shell {
    type Target = App;

    fn deref(&self) -> &App {
        &self.app
    }
}

impl DerefMut for Shell {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

fn now() -> jiff::Timestamp {
    jiff::Timestamp::now()
}

/// Saves a version that can no longer be saved as itself as a new client
/// of the same name, held locked.
fn save_as_new(
    store: &Store,
    old: ClientRecord,
) -> Result<(ClientRecord, ClientLock), ClientError> {
    let (mut record, lock) = store.create_locked(&old.name, now())?;
    record.notes = old.notes;
    record.assessments = old.assessments;
    record.services = old.services;
    store.save(&mut record, now())?;
    Ok((record, lock))
}

/// Writes a summary's documents into `dir`; returns the first one's path.
fn write_export(dir: &Path, stem: &str, documents: &[Document]) -> Result<PathBuf, String> {
    crate::save::create_dir(dir).map_err(|e| e.to_string())?;
    let mut first = None;
    for document in documents {
        let path = free_path(dir, stem, document.extension);
        crate::save::write(&path, document.text.as_bytes(), crate::save::Existing::Keep)
            .map_err(|e| e.to_string())?;
        first.get_or_insert(path);
    }
    first.ok_or_else(|| "nothing to write".to_owned())
}

/// `dir/stem.ext`, or `dir/stem-2.ext` and so on if taken: summaries are
/// never overwritten.
fn free_path(dir: &Path, stem: &str, extension: &str) -> PathBuf {
    let first = dir.join(format!("{stem}.{extension}"));
    if !first.exists() {
        return first;
    }
    (2..10_000)
        .map(|n| dir.join(format!("{stem}-{n}.{extension}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// The programs a summary is handed over with: the opener (`$BROWSER`, as
/// many programs read it, else the system's own) and the printer command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Programs {
    /// The opener and its arguments, before the file.
    pub open: Vec<String>,
    /// The print command and its arguments, before the file.
    pub print: Vec<String>,
}

impl Programs {
    /// From the environment: `$BROWSER` (its first entry, where it lists
    /// several separated by `:`) or the system's opener; `lp` to print.
    #[must_use]
    pub fn from_env() -> Programs {
        let system = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        let open = std::env::var("BROWSER")
            .ok()
            .and_then(|browsers| {
                browsers
                    .split(':')
                    .map(str::trim)
                    .find(|b| !b.is_empty())
                    .map(|b| b.split_whitespace().map(str::to_owned).collect())
            })
            .unwrap_or_else(|| vec![system.to_owned()]);
        Programs {
            open,
            print: vec!["lp".to_owned()],
        }
    }
}

/// Starts the program that opens or prints `path`, not waiting for it (a
/// thread reaps it), with no terminal: it must not draw over the app.
#[must_use]
pub fn hand_over(how: HandOver, path: PathBuf, programs: &Programs) -> Report {
    let command = match how {
        HandOver::Open => &programs.open,
        HandOver::Print => &programs.print,
    };
    let program = command.first().cloned().unwrap_or_default();
    let failed = |error: Option<String>| Report::HandOverFailed {
        how,
        path: path.clone(),
        program: program.clone(),
        error,
    };
    if !path.is_file() {
        return failed(Some(
            std::io::Error::from(std::io::ErrorKind::NotFound).to_string(),
        ));
    }
    let spawned = std::process::Command::new(&program)
        .args(&command[1..])
        .arg(&path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        Ok(mut child) => {
            std::thread::spawn(move || child.wait());
            Report::HandedOver { how, path, program }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => failed(None),
        Err(e) => failed(Some(e.to_string())),
    }
}
