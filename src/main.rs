//! The `eis` binary: everything happens in [`eis::run`].

use std::process::ExitCode;

fn main() -> ExitCode {
    eis::run(std::env::args_os())
}
