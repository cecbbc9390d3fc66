//! Writing files, the one way every file the program creates is written:
//! client files, locks, the adviser's config, referral summaries (`eis
//! export --out` and the app's `exports/`), kiosk slips and compiled
//! catalogues.
//!
//! - A file is written whole to a new temporary file in the folder it goes
//!   to (created exclusively, so never through a link), flushed to disk, and
//!   renamed over its name: a reader sees the old file or the new one, and a
//!   symbolic link at that name is never followed. A name that is a link is
//!   refused outright rather than replaced.
//! - Files are created readable by their owner only (0600) and folders the
//!   program creates 0700 (on Unix). A folder that already exists — one
//!   given with `--data-dir`, a shared drive's, `/tmp` — keeps its mode:
//!   nothing here changes the permissions of anything it did not create.
//! - A lock file is opened without following a link.

use std::fs::File;
use std::io::{self, Write as _};
use std::path::Path;

/// What to do when a file of that name exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Replace it (with a new file: a link there is never written through).
    Replace,
    /// Leave it, and fail with [`io::ErrorKind::AlreadyExists`].
    Keep,
}

/// Creates `folder` and any missing parents, each 0700; existing folders are
/// left as they are.
pub fn create_dir(folder: &Path) -> io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(folder)
}

/// Writes `bytes` as the file `path` (0600), through a flushed temporary
/// file renamed into place. `path` may not be a symbolic link or anything
/// but a regular file.
pub fn write(path: &Path, bytes: &[u8], existing: Existing) -> io::Result<()> {
    refuse_links(path)?;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".saving-").suffix(".tmp");
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    let mut temp = builder.tempfile_in(folder)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    match existing {
        Existing::Replace => temp.persist(path).map(drop).map_err(|e| e.error)?,
        Existing::Keep => temp
            .persist_noclobber(path)
            .map(drop)
            .map_err(|e| e.error)?,
    }
    // The rename itself is made durable by syncing the folder (Unix only).
    if cfg!(unix)
        && let Ok(folder) = File::open(folder)
    {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// Refuses a name that is a symbolic link, or something other than a
/// regular file.
fn refuse_links(path: &Path) -> io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is a symbolic link; files are never written through links",
        )),
        Ok(metadata) if !metadata.is_file() => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it exists and is not a regular file",
        )),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Opens (creating, 0600) the lock file `path` for writing, never through a
/// symbolic link, and never anything but a regular file.
pub fn open_lock(path: &Path) -> io::Result<File> {
    let file = open_lock_file(path)?;
    if !file.metadata()?.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is not a regular file",
        ));
    }
    Ok(file)
}

#[cfg(unix)]
fn open_lock_file(path: &Path) -> io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    // Without blocking too: opening a FIFO to write would wait for a reader.
    match rustix::fs::open(
        path,
        OFlags::WRONLY
            | OFlags::CREATE
            | OFlags::NOFOLLOW
            | OFlags::NONBLOCK
            | OFlags::CLOEXEC
            | OFlags::NOCTTY,
        Mode::RUSR | Mode::WUSR,
    ) {
        Ok(fd) => Ok(File::from(fd)),
        Err(rustix::io::Errno::LOOP) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is a symbolic link; files are never written through links",
        )),
        Err(errno) => Err(errno.into()),
    }
}

#[cfg(not(unix))]
fn open_lock_file(path: &Path) -> io::Result<File> {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{PermissionsExt as _, symlink};

    fn mode(path: &Path) -> u32 {
        std::fs::symlink_metadata(path)
            .unwrap()
            .permissions()
            .mode()
            & 0o7777
    }

    #[test]
    fn new_files_are_the_owners_only_and_replace_the_old_one_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        write(&path, b"new", Existing::Replace).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(mode(&path), 0o600);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_kept_file_is_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        std::fs::write(&path, "old").unwrap();
        let error = write(&path, b"new", Existing::Keep).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn links_are_never_written_through_nor_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target");
        let link = dir.path().join("link");
        symlink(&target, &link).unwrap();
        for existing in [Existing::Replace, Existing::Keep] {
            let error = write(&link, b"text", existing).unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
            assert!(!target.exists());
            assert_eq!(std::fs::read_link(&link).unwrap(), target);
        }
        std::fs::write(&target, "theirs").unwrap();
        write(&link, b"text", Existing::Replace).unwrap_err();
        assert_eq!(std::fs::read(&target).unwrap(), b"theirs");
    }

    #[test]
    fn a_lock_is_not_taken_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("elsewhere");
        let link = dir.path().join("x.lock");
        symlink(&target, &link).unwrap();
        let error = open_lock(&link).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert!(!target.exists());
        let lock = dir.path().join("y.lock");
        open_lock(&lock).unwrap();
        assert_eq!(mode(&lock), 0o600);
    }

    #[test]
    fn only_folders_it_creates_are_made_private() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o1777)).unwrap();
        let inner = dir.path().join("a/b");
        create_dir(&inner).unwrap();
        assert_eq!(mode(dir.path()), 0o1777);
        assert_eq!(mode(&dir.path().join("a")), 0o700);
        assert_eq!(mode(&inner), 0o700);
        create_dir(dir.path()).unwrap();
        assert_eq!(mode(dir.path()), 0o1777);
    }
}
