//! Kiosk mode: the assessment at a help desk, used by an SME alone.
//!
//! This module owns what the kiosk needs outside the screen: its config
//! file, the admin passphrase (checked against a salted Argon2 hash, never
//! stored in plain text), and writing the referral slip — the only thing that
//! ever leaves the kiosk, laid out by [`crate::report::slip`] — to the spool
//! folder or a print command. The locked keys, idle wipe and welcome screen
//! live in the terminal app (`ui::app::kiosk`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use serde::Deserialize;

use crate::text::sanitize;

/// The kiosk's config file (RON), documented in `docs/kiosk.md`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename = "Kiosk")]
pub struct KioskConfig {
    /// Seconds without input before everything is wiped (default 120).
    #[serde(default = "default_idle")]
    pub idle_seconds: u64,
    /// Seconds of warning, with a countdown, before the wipe (default 30).
    #[serde(default = "default_warning")]
    pub warning_seconds: u64,
    /// Where referral slips are written, one text file each.
    pub spool: PathBuf,
    /// A command that prints a slip; the slip's path is added as its last argument.
    #[serde(default)]
    pub print_command: Vec<String>,
    /// The admin passphrase as an Argon2 PHC string (`eis kiosk --hash-passphrase`).
    pub admin_passphrase: String,
    /// The language the kiosk greets in, and returns to after every wipe
    /// (`"pl"`, or `pl` as RON writes a variant); without it, the locale's.
    /// `--lang` overrides it.
    #[serde(default, deserialize_with = "language")]
    pub language: Option<crate::i18n::Lang>,
}

/// A language code, quoted (`"pl"`, as the docs write it) or bare (`pl`).
fn language<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<crate::i18n::Lang>, D::Error> {
    use crate::i18n::Lang;
    /// Untagged, so that RON hands over a bare identifier as its name.
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Code {
        Code(String),
    }
    let Some(Code::Code(code)) = Option::<Code>::deserialize(deserializer)? else {
        return Ok(None);
    };
    Lang::ALL
        .into_iter()
        .find(|lang| lang.code() == code)
        .map(Some)
        .ok_or_else(|| {
            serde::de::Error::custom(format_args!(
                "`language` `{}` is not a language the kiosk speaks; use one of {}",
                sanitize(&code),
                Lang::codes()
            ))
        })
}

/// The most memory (KiB), passes and lanes a passphrase hash may ask
/// Argon2 for: checking one try must not freeze the kiosk or exhaust its
/// memory. `--hash-passphrase` makes m=19456, t=2, p=1.
pub const MAX_MEMORY_KIB: u32 = 262_144;
pub const MAX_TIME_COST: u32 = 16;
pub const MAX_LANES: u32 = 8;

const fn default_idle() -> u64 {
    120
}

const fn default_warning() -> u64 {
    30
}

/// What can be wrong with a kiosk's config.
#[derive(Debug, thiserror::Error)]
pub enum KioskError {
    #[error("cannot read the kiosk config {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Invalid(String),
    #[error("cannot hash the passphrase: {0}")]
    Hash(String),
}

impl KioskConfig {
    /// Reads and checks a config file.
    pub fn load(path: &Path) -> Result<Self, KioskError> {
        let bytes = crate::input::read(path, crate::input::SMALL_FILE).map_err(|source| {
            KioskError::Read {
                path: path.to_owned(),
                source,
            }
        })?;
        let name = path.display().to_string();
        let (_, config): (_, KioskConfig) = crate::ronfile::read(
            &name,
            &bytes,
            "a kiosk config holds `Kiosk(spool: \"…\", admin_passphrase: \"…\")`",
        )
        .map_err(|d| KioskError::Invalid(d.to_string()))?;
        config.check(&name)?;
        Ok(config)
    }

    fn check(&self, name: &str) -> Result<(), KioskError> {
        let params = PasswordHash::new(&self.admin_passphrase)
            .ok()
            .and_then(|hash| argon2::Params::try_from(&hash).ok());
        let Some(params) = params else {
            return Err(KioskError::Invalid(format!(
                "{name}: `admin_passphrase` is not a passphrase hash; make one with `eis kiosk --hash-passphrase`"
            )));
        };
        let (m, t, p) = (params.m_cost(), params.t_cost(), params.p_cost());
        if m > MAX_MEMORY_KIB || t > MAX_TIME_COST || p > MAX_LANES {
            return Err(KioskError::Invalid(format!(
                "{name}: `admin_passphrase` asks Argon2 for m={m}, t={t}, p={p}, more than a kiosk \
                 can spend on each try (at most m={MAX_MEMORY_KIB}, t={MAX_TIME_COST}, \
                 p={MAX_LANES}); make a new hash with `eis kiosk --hash-passphrase`"
            )));
        }
        if self.idle_seconds < 10 || self.warning_seconds >= self.idle_seconds {
            return Err(KioskError::Invalid(format!(
                "{name}: `idle_seconds` must be at least 10 and more than `warning_seconds`"
            )));
        }
        Ok(())
    }

    #[must_use]
    pub fn idle(&self) -> Duration {
        Duration::from_secs(self.idle_seconds)
    }

    #[must_use]
    pub fn warning(&self) -> Duration {
        Duration::from_secs(self.warning_seconds)
    }

    /// Whether `passphrase` is the admin passphrase.
    #[must_use]
    pub fn admits(&self, passphrase: &str) -> bool {
        PasswordHash::new(&self.admin_passphrase).is_ok_and(|hash| {
            Argon2::default()
                .verify_password(passphrase.as_bytes(), &hash)
                .is_ok()
        })
    }
}

/// Hashes a passphrase with a fresh random salt, as a PHC string for the config.
pub fn hash_passphrase(passphrase: &str) -> Result<String, KioskError> {
    Argon2::default()
        .hash_password(passphrase.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| KioskError::Hash(e.to_string()))
}

/// A short reference code for a slip, like `K7QM-92XA`: unambiguous letters
/// and digits, unpredictable (40 bits from the system's random source).
#[must_use]
pub fn reference() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bits = getrandom::u64().unwrap_or_else(|_| {
        // No random source (a sandbox without getrandom or /dev/urandom):
        // the process's random hasher keys and the clock still make codes
        // that differ from one visitor to the next.
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        hasher.write_u128(nanos);
        hasher.finish()
    });
    let mut code = String::new();
    for i in 0..8 {
        if i == 4 {
            code.push('-');
        }
        code.push(char::from(
            ALPHABET[usize::try_from(bits % 32).unwrap_or(0)],
        ));
        bits /= 32;
    }
    code
}

/// How long a print command may run before it is stopped and the slip
/// counted as not printed.
pub const PRINT_TIMEOUT: Duration = Duration::from_secs(30);

/// Writes a slip to the spool folder and hands it to the print command, if
/// any, waiting for it (at most [`PRINT_TIMEOUT`]); returns its path. The
/// terminal app, which must not wait, uses [`write_slip`] and [`print()`].
pub fn spool(config: &KioskConfig, reference: &str, text: &str) -> Result<PathBuf, std::io::Error> {
    let path = write_slip(config, reference, text)?;
    if let Some(printing) = print(config, &path) {
        printing
            .recv()
            .map_err(|_| std::io::Error::other("the print command was lost"))??;
    }
    Ok(path)
}

/// Writes a slip to the spool folder; returns its path.
pub fn write_slip(
    config: &KioskConfig,
    reference: &str,
    text: &str,
) -> Result<PathBuf, std::io::Error> {
    crate::save::create_dir(&config.spool)?;
    let path = config.spool.join(format!("{reference}.txt"));
    crate::save::write(&path, text.as_bytes(), crate::save::Existing::Keep)?;
    Ok(path)
}

/// The print command's outcome, when it comes.
pub type Printing = std::sync::mpsc::Receiver<Result<(), std::io::Error>>;

/// Runs the print command, if there is one, on the slip at `path`, on a
/// thread of its own: the outcome comes through the receiver, within
/// [`PRINT_TIMEOUT`] (a command still running then is stopped).
#[must_use]
pub fn print(config: &KioskConfig, path: &Path) -> Option<Printing> {
    let (program, args) = config.print_command.split_first()?;
    let mut command = std::process::Command::new(program);
    command
        .args(args)
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let (done, printing) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("print".into())
        .spawn(move || {
            let _ = done.send(run_for_at_most(command, PRINT_TIMEOUT));
        });
    if let Err(e) = spawned {
        let (done, failed) = std::sync::mpsc::channel();
        let _ = done.send(Err(e));
        return Some(failed);
    }
    Some(printing)
}

/// Runs `command` to its end, or stops it after `limit`; succeeds if it
/// ended in time and successfully.
pub fn run_for_at_most(
    mut command: std::process::Command,
    limit: Duration,
) -> Result<(), std::io::Error> {
    let program = command.get_program().to_string_lossy().into_owned();
    let mut child = command.spawn()?;
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            return if status.success() {
                Ok(())
            } else {
                Err(std::io::Error::other(format!(
                    "the print command {program} failed ({status})"
                )))
            };
        }
        if started.elapsed() >= limit {
            let _ = child.kill();
            let _ = child.wait();
            return Err(std::io::Error::new(
                std::io::ErrorKind::TimedOut,
                format!(
                    "the print command {program} took more than {} s and was stopped",
                    limit.as_secs()
                ),
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
