//! Unsaved input (the new-case interview, an interaction being logged, a pasted transcript) kept in the database
//! rather than in the webview, so that closing the window mid-edit loses nothing. A draft is opaque JSON that
//! belongs to the screen that wrote it; the store only checks that it is JSON of a sane size under a sane key.

use rusqlite::{params, OptionalExtension};

use super::Store;
use crate::{Error, Result};

/// The largest draft kept (a long pasted chat transcript fits many times over).
pub const MAX_DRAFT_BYTES: usize = 1024 * 1024;

fn check_key(key: &str) -> Result<()> {
    let ok = !key.is_empty()
        && key.len() <= 100
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._:-".contains(&b));
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            "key",
            format!("{key:?} is not a draft key (1–100 of a-z, 0-9, '.', '_', ':', '-')"),
        ))
    }
}

impl Store {
    pub fn save_draft(&mut self, key: &str, body: &str) -> Result<()> {
        check_key(key)?;
        if body.len() > MAX_DRAFT_BYTES {
            return Err(Error::invalid(
                "body",
                format!("{} bytes is more than a draft may hold ({MAX_DRAFT_BYTES})", body.len()),
            ));
        }
        if let Err(e) = serde_json::from_str::<serde_json::Value>(body) {
            return Err(Error::invalid("body", format!("is not JSON: {e}")));
        }
        self.conn.execute(
            "INSERT INTO drafts (key, body, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            params![key, body, crate::clock::now().to_rfc3339()],
        )?;
        Ok(())
    }

    pub fn load_draft(&self, key: &str) -> Result<Option<String>> {
        check_key(key)?;
        Ok(self
            .conn
            .query_row("SELECT body FROM drafts WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    pub fn delete_draft(&mut self, key: &str) -> Result<()> {
        check_key(key)?;
        self.conn.execute("DELETE FROM drafts WHERE key = ?1", [key])?;
        Ok(())
    }
}
