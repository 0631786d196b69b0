//! Where the library lives by default. The CLI and the desktop app call the same function so they open the same
//! database file unless `--db` says otherwise; a library moved in the app's settings is remembered in a small
//! settings file that both read.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// Environment variable that overrides the default database path (used by tests and portable installs).
pub const DB_ENV: &str = "WEIQUAN_DB";

#[derive(Debug, Default, Serialize, Deserialize)]
struct Settings {
    /// The database file, when the user moved the library away from the default place.
    library: Option<PathBuf>,
}

/// `<OS config dir>/weiquan/settings.json` (on Linux `~/.config/weiquan/settings.json`).
pub fn settings_path() -> PathBuf {
    dirs::config_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("weiquan")
        .join("settings.json")
}

fn read_settings() -> Settings {
    std::fs::read_to_string(settings_path())
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// `<OS data dir>/weiquan/weiquan.db` (on Linux `~/.local/share/weiquan/weiquan.db`).
pub fn standard_db_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("weiquan")
        .join("weiquan.db")
}

/// `$WEIQUAN_DB`, else the library the user moved to in the settings, else [`standard_db_path`].
pub fn default_db_path() -> PathBuf {
    if let Some(p) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    read_settings().library.unwrap_or_else(standard_db_path)
}

/// Remembers where the library now is, for the next start of the app and the CLI.
pub fn remember_library(db: &std::path::Path) -> Result<()> {
    let mut s = read_settings();
    s.library = Some(db.to_path_buf());
    let path = settings_path();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("create the settings folder", dir, e))?;
    }
    let text = serde_json::to_vec_pretty(&s).map_err(|e| Error::io("write", &path, e.into()))?;
    crate::fsutil::write_atomically(&path, &text)
}
