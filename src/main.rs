//! The `eis` binary: everything happens in [`eis::run`].

use std::process::ExitCode;

/// mimalloc rather than the system allocator: loading a large catalogue
/// makes millions of small allocations on every core at once, and with the
/// system's allocator a fifth of that time went to allocating and freeing
/// (docs/PERFORMANCE.md, "Loading, third round").
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    eis::run(std::env::args_os())
}
