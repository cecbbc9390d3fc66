//! The adviser's settings: `<data>/config.ron`, for now only the name shown
//! on referral summaries, asked once.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::ClientError;
use super::store::write_atomically;
use crate::ronfile;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Config")]
pub struct Config {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adviser: Option<String>,
}

impl Config {
    /// Reads the config; a missing file is an empty config.
    pub fn load(data_dir: &Path) -> Result<Self, ClientError> {
        let path = data_dir.join("config.ron");
        let bytes = match crate::input::read(&path, crate::input::SMALL_FILE) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(source) => return Err(ClientError::Read { path, source }),
        };
        let name = path.display().to_string();
        let corrupt = |message: String| ClientError::Corrupt {
            path: path.clone(),
            message,
        };
        let text = ronfile::decode(&name, &bytes, "the config holds `Config(adviser: \"…\")`")
            .map_err(|d| corrupt(d.to_string()))?;
        ronfile::parse(text).map_err(|f| {
            corrupt(
                f.into_diagnostic(&name, crate::diagnostic::Position::new(1, 1))
                    .to_string(),
            )
        })
    }

    pub fn save(&self, data_dir: &Path) -> Result<(), ClientError> {
        crate::save::create_dir(data_dir).map_err(|source| ClientError::Folder {
            path: data_dir.to_owned(),
            source,
        })?;
        let text = ronfile::options()
            .to_string_pretty(self, ron::ser::PrettyConfig::new().struct_names(true))
            .map_err(|e| ClientError::Write {
                path: data_dir.join("config.ron"),
                source: std::io::Error::other(e),
            })?;
        write_atomically(&data_dir.join("config.ron"), &(text + "\n"))
    }
}
