//! Where the library lives by default. The CLI and the desktop app call the same function so they open the same
//! database file unless `--db` says otherwise.

use std::path::PathBuf;

/// Environment variable that overrides the default database path (used by tests and portable installs).
pub const DB_ENV: &str = "WEIQUAN_DB";

/// `$WEIQUAN_DB`, else `<OS data dir>/weiquan/weiquan.db` (on Linux `~/.local/share/weiquan/weiquan.db`).
pub fn default_db_path() -> PathBuf {
    if let Some(p) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("weiquan")
        .join("weiquan.db")
}
