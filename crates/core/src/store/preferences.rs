//! Settings that belong with the library rather than the machine, so the app and the CLI share them and a backup
//! carries them: one JSON value per key. A value is text someone could have edited by hand; readers check it.

use rusqlite::OptionalExtension;

use super::Store;
use crate::Result;

impl Store {
    /// The stored value of a setting, if any (unchecked JSON text: the caller parses and checks it).
    pub fn preference(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM preferences WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// Stores a setting (`None` removes it).
    pub fn set_preference(&mut self, key: &str, value: Option<&str>) -> Result<()> {
        match value {
            Some(v) => self.conn.execute(
                "INSERT INTO preferences (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, v],
            )?,
            None => self.conn.execute("DELETE FROM preferences WHERE key = ?1", [key])?,
        };
        Ok(())
    }
}
