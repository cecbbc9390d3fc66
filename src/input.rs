//! Reading input files, the one way every file the program is given or finds
//! is read: catalogues, question banks, answers, profiles, client files, the
//! adviser's config, kiosk configs and compiled catalogues.
//!
//! - Only a regular file is read (a symbolic link is followed to one). A
//!   FIFO, a device, a socket or a folder is refused with an error rather
//!   than read: a FIFO would block forever and `/dev/zero` never ends. On
//!   Unix the file is opened without blocking, and its type checked on the
//!   open file, so that nothing can swap it for a FIFO in between.
//! - A file larger than its kind's limit is refused before it is read, and
//!   the read itself stops one byte past the limit, so a file that grows
//!   while it is read cannot exhaust memory either.
//! - A dangling symbolic link and a loop of links are errors that say so.
//!
//! The errors are [`io::Error`]s saying what is wrong without the path: the
//! callers name the file, as they do for any other failure to read it. The
//! limits are documented in `docs/catalogue.md`, `docs/clients.md`,
//! `docs/kiosk.md` and `docs/assessment.md`.

use std::fs::File;
use std::io::{self, Read as _};
use std::path::Path;

/// The limit for a catalogue file (a catalogue may be a folder of them).
pub const CATALOGUE_FILE: u64 = 128 * MIB;
/// The limit for a question bank file and each of its translations.
pub const QUESTION_BANK: u64 = 16 * MIB;
/// The limit for a client file.
pub const CLIENT_FILE: u64 = 16 * MIB;
/// The limit for an answers file, a profile, a kiosk config and the
/// adviser's config.
pub const SMALL_FILE: u64 = MIB;
/// The limit for a compiled catalogue in the cache: 100,000 services
/// compile to about 300 MB.
pub const COMPILED_CATALOGUE: u64 = 2048 * MIB;

const MIB: u64 = 1024 * 1024;

/// Reads the regular file at `path` whole, if it is at most `limit` bytes.
pub fn read(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let file = open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is {}, not a regular file", kind_of(&metadata)),
        ));
    }
    if metadata.len() > limit {
        return Err(too_large(Some(metadata.len()), limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(None, limit));
    }
    Ok(bytes)
}

/// Reads standard input whole, if it is at most `limit` bytes.
pub fn read_stdin(limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    io::stdin()
        .lock()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(None, limit));
    }
    Ok(bytes)
}

/// The longest line read from a person or a script at once (an answer, a
/// passphrase, a name); the rest of a longer line is skipped unread.
pub const MAX_LINE: usize = 64 * 1024;

/// Reads a line as [`std::io::BufRead::read_line`] does, keeping at most
/// [`MAX_LINE`] bytes of it (cut at a character) and skipping the rest
/// without keeping it, so endless input without a line break cannot fill
/// memory. Returns the bytes consumed (0 at the end of the input).
pub fn read_line(input: &mut impl std::io::BufRead, line: &mut String) -> io::Result<usize> {
    use std::io::BufRead as _;
    let mut bytes = Vec::new();
    let mut read = input.take(MAX_LINE as u64).read_until(b'\n', &mut bytes)?;
    if read == MAX_LINE && bytes.last() != Some(&b'\n') {
        read += input.skip_until(b'\n')?;
        // A character cut in two at the limit is left out.
        while !bytes.is_empty()
            && std::str::from_utf8(&bytes).is_err_and(|e| e.error_len().is_none())
        {
            bytes.pop();
        }
    }
    line.push_str(&String::from_utf8_lossy(&bytes));
    Ok(read)
}

/// Whether a read failed because the file was too large.
#[must_use]
pub fn is_too_large(error: &io::Error) -> bool {
    error.kind() == io::ErrorKind::FileTooLarge
}

/// The error for a file of `size` bytes (when known) past `limit`.
pub(crate) fn too_large(size: Option<u64>, limit: u64) -> io::Error {
    let size = size.map_or_else(String::new, |size| format!(" ({})", in_mib(size)));
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!(
            "the file is too large{size}; the limit for this kind of file is {}",
            in_mib(limit)
        ),
    )
}

/// A size in MiB, rounded up so that a file just past a limit does not read
/// as the limit itself.
fn in_mib(bytes: u64) -> String {
    format!("{} MiB", bytes.div_ceil(MIB))
}

#[cfg(unix)]
fn open(path: &Path) -> io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    // Without blocking: opening a FIFO for reading would wait for a writer.
    // Reading a regular file is never affected by the flag.
    match rustix::fs::open(
        path,
        OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY,
        Mode::empty(),
    ) {
        Ok(fd) => Ok(File::from(fd)),
        Err(rustix::io::Errno::LOOP) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is a symbolic link in a loop of links",
        )),
        Err(errno) => {
            let error = io::Error::from(errno);
            match std::fs::read_link(path) {
                Ok(target) if error.kind() == io::ErrorKind::NotFound => Err(io::Error::new(
                    io::ErrorKind::NotFound,
                    format!(
                        "it is a symbolic link to {}, which does not exist",
                        target.display()
                    ),
                )),
                _ => Err(error),
            }
        }
    }
}

#[cfg(not(unix))]
fn open(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// What a file that is not a regular file is, for messages.
fn kind_of(metadata: &std::fs::Metadata) -> &'static str {
    if metadata.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_within_its_limit_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        std::fs::write(&path, "0123456789").unwrap();
        assert_eq!(read(&path, 10).unwrap(), b"0123456789");
    }

    #[test]
    fn a_file_past_its_limit_is_refused_with_both_sizes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        std::fs::write(&path, vec![b' '; 2 * 1024 * 1024 + 1]).unwrap();
        let error = read(&path, MIB).unwrap_err();
        assert!(is_too_large(&error));
        assert_eq!(
            error.to_string(),
            "the file is too large (3 MiB); the limit for this kind of file is 1 MiB"
        );
    }

    #[test]
    fn a_folder_is_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let error = read(dir.path(), MIB).unwrap_err();
        assert_eq!(error.to_string(), "it is a folder, not a regular file");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_device_is_refused_before_anything_is_read() {
        let error = read(Path::new("/dev/zero"), MIB).unwrap_err();
        assert_eq!(error.to_string(), "it is a device, not a regular file");
    }

    #[cfg(unix)]
    #[test]
    fn dangling_links_and_loops_say_what_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let dangling = dir.path().join("dangling.ron");
        std::os::unix::fs::symlink(dir.path().join("gone.ron"), &dangling).unwrap();
        let error = read(&dangling, MIB).unwrap_err();
        assert!(
            error.to_string().starts_with("it is a symbolic link to ")
                && error
                    .to_string()
                    .ends_with("gone.ron, which does not exist"),
            "{error}"
        );
        let looped = dir.path().join("loop.ron");
        std::os::unix::fs::symlink(&looped, &looped).unwrap();
        assert_eq!(
            read(&looped, MIB).unwrap_err().to_string(),
            "it is a symbolic link in a loop of links"
        );
    }

    #[test]
    fn a_line_past_the_limit_is_cut_and_its_rest_skipped() {
        // One byte, then two-byte characters: the limit falls inside one.
        let mut text = format!("x{}", "é".repeat(MAX_LINE));
        text.push_str("\nnext\n");
        let mut input = std::io::Cursor::new(text.as_bytes());
        let mut line = String::new();
        assert_eq!(read_line(&mut input, &mut line).unwrap(), 2 * MAX_LINE + 2);
        // Cut at a character, never inside one.
        assert_eq!(line, format!("x{}", "é".repeat(MAX_LINE / 2 - 1)));
        line.clear();
        assert_eq!(read_line(&mut input, &mut line).unwrap(), 5);
        assert_eq!(line, "next\n");
        line.clear();
        assert_eq!(read_line(&mut input, &mut line).unwrap(), 0);
    }

    #[test]
    fn a_missing_file_keeps_the_systems_message() {
        let error = read(Path::new("/nonexistent/eis/a.ron"), MIB).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
    }
}
