//! The clients folder: `<data>/clients/<id>.ron`, one file per client.
//!
//! Safety, in order of the ways work gets lost:
//! - a save writes a temporary file in the same folder, flushes it to disk,
//!   then renames it over the old file, so a crash or power cut leaves the old
//!   file or the new one, never a torn one;
//! - files are readable by the owner only (0600, and the folders it
//!   creates 0700, on Unix); a folder it was given keeps its mode;
//! - nothing is written through a symbolic link ([`crate::save`]);
//! - a file that does not parse is reported by name and never overwritten;
//! - a client open for editing holds a lock (`<id>.lock`), so a second window
//!   cannot open it; the operating system drops the lock if the program dies;
//! - every save checks the file's revision first, so a save overtaken by
//!   another writer is refused rather than overwriting it.

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use super::ClientError;
use super::record::{ClientRecord, FORMAT};
use crate::ronfile;
use crate::text::is_slug;

/// The clients folder.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

/// One entry of the folder: a client, or a file that could not be read.
#[derive(Debug)]
pub enum Listed {
    Client(ClientRecord),
    Unreadable { path: PathBuf, message: String },
}

/// A client held open for editing; dropping it releases the lock.
#[derive(Debug)]
pub struct ClientLock {
    _file: File,
    pub id: String,
}

impl Store {
    /// Opens (creating if needed) the clients folder inside `data_dir`.
    pub fn open(data_dir: &Path) -> Result<Self, ClientError> {
        let dir = data_dir.join("clients");
        let folder_error = |source| ClientError::Folder {
            path: dir.clone(),
            source,
        };
        crate::save::create_dir(&dir).map_err(folder_error)?;
        Ok(Self { dir })
    }

    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.ron"))
    }

    /// Every client file, sorted by name; unreadable ones are listed as such.
    pub fn list(&self) -> Result<Vec<Listed>, ClientError> {
        let entries = fs::read_dir(&self.dir).map_err(|source| ClientError::Folder {
            path: self.dir.clone(),
            source,
        })?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "ron"))
            .collect();
        paths.sort();
        let mut listed: Vec<Listed> = paths
            .into_iter()
            .map(|path| match read(&path) {
                Ok(record) => Listed::Client(record),
                Err(e) => Listed::Unreadable {
                    message: e.to_string(),
                    path,
                },
            })
            .collect();
        listed.sort_by_key(sort_key);
        Ok(listed)
    }

    /// Creates a client with a new id made from its name, and saves it
    /// (without holding it open: see [`Store::create_locked`]).
    pub fn create(&self, name: &str, now: jiff::Timestamp) -> Result<ClientRecord, ClientError> {
        self.claim(name, now, false).map(|(record, _)| record)
    }

    /// Creates a client with a new id made from its name, saves it, and
    /// holds it open. Two windows creating clients at the same moment never
    /// get the same id: an id is claimed by taking its lock and then
    /// creating its file, which fails if the file has appeared meanwhile;
    /// either failing, the next id is tried.
    pub fn create_locked(
        &self,
        name: &str,
        now: jiff::Timestamp,
    ) -> Result<(ClientRecord, ClientLock), ClientError> {
        let (record, lock) = self.claim(name, now, true)?;
        let lock = lock.ok_or_else(|| ClientError::Locked {
            id: record.id.clone(),
        })?;
        Ok((record, lock))
    }

    /// Claims a new id for a client named `name` by creating its file (and,
    /// with `locking`, taking its lock first).
    fn claim(
        &self,
        name: &str,
        now: jiff::Timestamp,
        locking: bool,
    ) -> Result<(ClientRecord, Option<ClientLock>), ClientError> {
        let stamp = now.to_string();
        let mut record = ClientRecord {
            format: FORMAT,
            id: String::new(),
            name: name.trim().to_owned(),
            created: stamp.clone(),
            updated: stamp,
            revision: 1,
            notes: String::new(),
            assessments: Vec::new(),
            services: std::collections::BTreeMap::new(),
        };
        let first = self.new_id(name);
        let base = id_base(name);
        let next = std::iter::once(first.clone())
            .chain((2..1_000_000).map(|n| format!("{base}-{n}")))
            .filter(|id| *id == first || self.is_free(id));
        for id in next {
            let lock = match locking.then(|| self.lock(&id)).transpose() {
                Ok(lock) => lock,
                Err(ClientError::Locked { .. }) => continue,
                Err(e) => return Err(e),
            };
            record.id = id;
            let path = self.path(&record.id);
            let text = to_ron(&record)?;
            match crate::save::write(&path, text.as_bytes(), crate::save::Existing::Keep) {
                Ok(()) => return Ok((record, lock)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(source) => return Err(ClientError::Write { path, source }),
            }
        }
        Err(ClientError::Write {
            path: self.dir.clone(),
            source: std::io::Error::other("no free client id is left for this name"),
        })
    }

    /// Whether no file (readable or not) nor lock has the id.
    fn is_free(&self, id: &str) -> bool {
        !self.path(id).exists() && !self.dir.join(format!("{id}.lock")).exists()
    }

    /// A slug from the name, unique among the folder's files (readable or not).
    fn new_id(&self, name: &str) -> String {
        let base = id_base(name);
        if self.is_free(&base) {
            return base;
        }
        // Bounded, though a folder with a million namesakes is not expected.
        (2..1_000_000)
            .map(|n| format!("{base}-{n}"))
            .find(|id| self.is_free(id))
            .unwrap_or(base)
    }

    /// Reads a client.
    pub fn load(&self, id: &str) -> Result<ClientRecord, ClientError> {
        if !is_slug(id) {
            return Err(ClientError::NotFound { id: id.to_owned() });
        }
        let path = self.path(id);
        if !path.exists() {
            return Err(ClientError::NotFound { id: id.to_owned() });
        }
        read(&path)
    }

    /// Takes the lock of a client for editing, or says another window has it.
    pub fn lock(&self, id: &str) -> Result<ClientLock, ClientError> {
        let path = self.dir.join(format!("{id}.lock"));
        let file = crate::save::open_lock(&path).map_err(|source| ClientError::Write {
            path: path.clone(),
            source,
        })?;
        match file.try_lock() {
            Ok(()) => Ok(ClientLock {
                _file: file,
                id: id.to_owned(),
            }),
            Err(std::fs::TryLockError::WouldBlock) => {
                Err(ClientError::Locked { id: id.to_owned() })
            }
            Err(std::fs::TryLockError::Error(source)) => Err(ClientError::Write { path, source }),
        }
    }

    /// Saves a client atomically, after checking that no other writer saved
    /// it since it was read; bumps its revision and `updated`.
    pub fn save(&self, record: &mut ClientRecord, now: jiff::Timestamp) -> Result<(), ClientError> {
        let path = self.path(&record.id);
        if path.exists() {
            // A file that does not parse is never overwritten.
            let on_disk = read(&path)?;
            if on_disk.revision != record.revision {
                return Err(ClientError::Conflict {
                    id: record.id.clone(),
                });
            }
        } else if record.revision != 0 {
            // Deleted by another window since it was read here.
            return Err(ClientError::Conflict {
                id: record.id.clone(),
            });
        }
        let mut next = record.clone();
        next.revision += 1;
        next.updated = now.to_string();
        next.format = FORMAT;
        write_atomically(&path, &to_ron(&next)?)?;
        *record = next;
        Ok(())
    }

    /// Renames a client (its display name; the id and file stay).
    pub fn rename(
        &self,
        id: &str,
        name: &str,
        now: jiff::Timestamp,
    ) -> Result<ClientRecord, ClientError> {
        let _lock = self.lock(id)?;
        let mut record = self.load(id)?;
        name.trim().clone_into(&mut record.name);
        self.save(&mut record, now)?;
        Ok(record)
    }

    /// Deletes a client's file (not while it is open elsewhere).
    pub fn delete(&self, id: &str) -> Result<(), ClientError> {
        let lock = self.lock(id)?;
        let path = self.path(id);
        if !path.exists() {
            return Err(ClientError::NotFound { id: id.to_owned() });
        }
        fs::remove_file(&path).map_err(|source| ClientError::Write { path, source })?;
        drop(lock);
        let _ = fs::remove_file(self.dir.join(format!("{id}.lock")));
        Ok(())
    }
}

/// The slug a client's id is made from: its name's first six words, folded
/// to ASCII letters and digits.
fn id_base(name: &str) -> String {
    let base: String = crate::search::fold::fold_str(name)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-");
    if base.is_empty() {
        "client".to_owned()
    } else {
        base
    }
}

/// Clients by name, then unreadable files by path.
fn sort_key(listed: &Listed) -> (u8, String) {
    match listed {
        Listed::Client(c) => (0, crate::search::fold::fold_str(&c.name)),
        Listed::Unreadable { path, .. } => (1, path.display().to_string()),
    }
}

fn read(path: &Path) -> Result<ClientRecord, ClientError> {
    let bytes = crate::input::read(path, crate::input::CLIENT_FILE).map_err(|source| {
        ClientError::Read {
            path: path.to_owned(),
            source,
        }
    })?;
    let name = path.display().to_string();
    let corrupt = |message: String| ClientError::Corrupt {
        path: path.to_owned(),
        message,
    };
    let text = ronfile::decode(&name, &bytes, "a client file holds `Client(...)`")
        .map_err(|d| corrupt(d.to_string()))?;
    let record: ClientRecord = ronfile::parse(text).map_err(|failure| {
        corrupt(
            failure
                .into_diagnostic(&name, crate::diagnostic::Position::new(1, 1))
                .to_string(),
        )
    })?;
    // Clients are found by their file's name: a file whose id says
    // otherwise would be listed under an id that cannot open it.
    let stem = path.file_stem().map(|s| s.to_string_lossy());
    if stem.as_deref() != Some(record.id.as_str()) {
        return Err(corrupt(format!(
            "its id `{}` is not its file name; name the file `{}.ron` or make the id `{}`",
            crate::text::sanitize(&record.id),
            crate::text::sanitize(&record.id),
            stem.as_deref()
                .map(crate::text::sanitize)
                .unwrap_or_default()
        )));
    }
    if record.format > FORMAT {
        return Err(corrupt(format!(
            "it was written by a newer EIS Navigator (format {}); update this program",
            record.format
        )));
    }
    Ok(record)
}

fn to_ron(record: &ClientRecord) -> Result<String, ClientError> {
    ronfile::options()
        .to_string_pretty(
            record,
            ron::ser::PrettyConfig::new()
                .struct_names(true)
                .indentor("    ".to_owned()),
        )
        .map(|text| text + "\n")
        .map_err(|e| ClientError::Write {
            path: PathBuf::from(&record.id),
            source: std::io::Error::other(e),
        })
}

/// Writes `text` to `path` through a flushed temporary file renamed over it.
pub(crate) fn write_atomically(path: &Path, text: &str) -> Result<(), ClientError> {
    crate::save::write(path, text.as_bytes(), crate::save::Existing::Replace).map_err(|source| {
        ClientError::Write {
            path: path.to_owned(),
            source,
        }
    })
}
