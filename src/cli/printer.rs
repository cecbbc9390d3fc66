//! The one way the commands print: every byte of standard output goes through
//! a [`Printer`] on the locked stdout, and every message to standard error
//! through [`report!`](crate::cli::printer).
//!
//! Writing can fail. A closed pipe (`eis search e | head -1`) is how a reader
//! says it has seen enough: the command ends there, quietly and successfully,
//! as `cat` and ripgrep do. Any other failure (a full disk, a device error)
//! is reported on stderr and gives exit code 2. A failed write to stderr is
//! ignored: the exit code still says what happened.

use std::io::{self, Write};

/// Writes a line to standard error, ignoring a failure to write it (unlike
/// `eprintln!`, which panics when stderr has gone).
macro_rules! report {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
pub(crate) use report;

/// Standard output, locked for the whole command: nothing else can interleave
/// with what it writes, and each write's failure is marked as standard
/// output's (see [`OutputError`]).
pub struct Printer<W: Write = io::StdoutLock<'static>> {
    out: W,
}

impl Printer {
    /// The locked standard output.
    #[must_use]
    pub fn stdout() -> Self {
        Self {
            out: io::stdout().lock(),
        }
    }
}

impl<W: Write> Printer<W> {
    /// Prints `text` as it is and flushes it, so that a failure shows here
    /// and not, unreported, at exit.
    pub fn print(&mut self, text: &str) -> io::Result<()> {
        self.write_all(text.as_bytes())?;
        self.flush()
    }
}

/// A write to standard output that failed. It travels inside the
/// [`io::Error`] the write returns, so that [`output_failure`] can tell a
/// closed standard output from, say, a print command's closed pipe.
#[derive(Debug, thiserror::Error)]
#[error("cannot write to standard output: {0}")]
pub struct OutputError(String);

fn marked(e: &io::Error) -> io::Error {
    io::Error::new(e.kind(), OutputError(e.to_string()))
}

impl<W: Write> Write for Printer<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf).map_err(|e| marked(&e))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush().map_err(|e| marked(&e))
    }
}

/// How a command's error ends the program: `Some(true)` when standard output
/// was closed (a normal end), `Some(false)` when writing to it failed
/// otherwise, `None` when the error has nothing to do with standard output.
#[must_use]
pub fn output_failure(error: &anyhow::Error) -> Option<bool> {
    error.chain().find_map(|cause| {
        let io = cause.downcast_ref::<io::Error>()?;
        io.get_ref()?.downcast_ref::<OutputError>()?;
        Some(io.kind() == io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails every write with `kind`.
    struct Failing(io::ErrorKind);

    impl Write for Failing {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(self.0))
        }
        fn flush(&mut self) -> io::Result<()> {
            Err(io::Error::from(self.0))
        }
    }

    fn printed_to(kind: io::ErrorKind) -> anyhow::Error {
        let mut printer = Printer { out: Failing(kind) };
        anyhow::Error::from(printer.print("text").unwrap_err())
    }

    #[test]
    fn a_closed_standard_output_is_a_normal_end() {
        assert_eq!(
            output_failure(&printed_to(io::ErrorKind::BrokenPipe)),
            Some(true)
        );
    }

    #[test]
    fn other_write_failures_are_failures_of_standard_output() {
        let error = printed_to(io::ErrorKind::StorageFull);
        assert_eq!(output_failure(&error), Some(false));
        assert!(
            format!("{error:#}").starts_with("cannot write to standard output: "),
            "{error:#}"
        );
    }

    #[test]
    fn a_closed_pipe_elsewhere_is_not_standard_outputs() {
        let error = anyhow::Error::from(io::Error::from(io::ErrorKind::BrokenPipe))
            .context("cannot print the slip");
        assert_eq!(output_failure(&error), None);
    }

    #[test]
    fn what_is_printed_reaches_the_writer() {
        let mut printer = Printer { out: Vec::new() };
        printer.print("one ").unwrap();
        printer.print("two").unwrap();
        assert_eq!(printer.out, b"one two");
    }
}
