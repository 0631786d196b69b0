//! One error type for the whole domain. Each variant has a stable `code` so that front ends can show a message
//! in the user's language without parsing English text, and so that IPC carries `{code, message}`.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

use crate::model::CaseId;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// One thing wrong with an input, located by a JSON-style path such as `interactions[2].occurred_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Problem {
    pub path: String,
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "(document): {}", self.reason)
        } else {
            write!(f, "{}: {}", self.path, self.reason)
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),

    #[error("cannot {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "the database {path} is at schema level {found}, but this version of Weiquan only knows levels up to \
         {supported}; install a newer Weiquan to open it (the file was not changed)"
    )]
    DatabaseTooNew { path: PathBuf, found: i64, supported: i64 },

    #[error("migration {name} failed: {source} (the database was left at level {level}; a backup is at {backup})")]
    Migration {
        name: &'static str,
        level: i64,
        backup: String,
        #[source]
        source: rusqlite::Error,
    },

    #[error("there is no case with id {0}")]
    CaseNotFound(CaseId),

    #[error("{}", describe_problems(.0))]
    Invalid(Vec<Problem>),

    #[error("the data in the database is inconsistent: {0}")]
    Corrupt(String),

    #[error("{0}")]
    NotFound(String),

    #[error("no Chinese font for the dossier: {0}; or set WEIQUAN_CJK_FONT=/path/to/font.ttc[:face]")]
    FontMissing(String),

    /// A bug: a panic caught at a front end's boundary, or a task that died. Nothing the user did.
    #[error("internal error: {0}")]
    Internal(String),
}

fn describe_problems(problems: &[Problem]) -> String {
    let mut s = format!(
        "invalid input ({} problem{}); nothing was written:",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for p in problems {
        s.push_str("\n  ");
        s.push_str(&p.to_string());
    }
    s
}

impl Error {
    pub fn invalid(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Invalid(vec![Problem {
            path: path.into(),
            reason: reason.into(),
        }])
    }

    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// A stable, machine-readable code: front ends translate by it.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Database(_) => ErrorCode::Database,
            Error::Io { .. } => ErrorCode::Io,
            Error::DatabaseTooNew { .. } => ErrorCode::DatabaseTooNew,
            Error::Migration { .. } => ErrorCode::MigrationFailed,
            Error::CaseNotFound(_) => ErrorCode::CaseNotFound,
            Error::Invalid(_) => ErrorCode::InvalidInput,
            Error::Corrupt(_) => ErrorCode::CorruptData,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::FontMissing(_) => ErrorCode::FontMissing,
            Error::Internal(_) => ErrorCode::Internal,
        }
    }

    /// A value that failed to serialize: never the user's fault, never the database's.
    pub fn serialize(what: &str, e: serde_json::Error) -> Self {
        Error::Internal(format!("cannot serialize {what}: {e}"))
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.to_string(),
            problems: match self {
                Error::Invalid(p) => p.clone(),
                _ => Vec::new(),
            },
        }
    }
}

/// The closed set of failure kinds a front end translates (`error.code.<code>` in the UI catalogs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Database,
    Io,
    DatabaseTooNew,
    MigrationFailed,
    CaseNotFound,
    InvalidInput,
    CorruptData,
    NotFound,
    FontMissing,
    Internal,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 10] = [
        ErrorCode::Database,
        ErrorCode::Io,
        ErrorCode::DatabaseTooNew,
        ErrorCode::MigrationFailed,
        ErrorCode::CaseNotFound,
        ErrorCode::InvalidInput,
        ErrorCode::CorruptData,
        ErrorCode::NotFound,
        ErrorCode::FontMissing,
        ErrorCode::Internal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Database => "database",
            ErrorCode::Io => "io",
            ErrorCode::DatabaseTooNew => "database_too_new",
            ErrorCode::MigrationFailed => "migration_failed",
            ErrorCode::CaseNotFound => "case_not_found",
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::CorruptData => "corrupt_data",
            ErrorCode::NotFound => "not_found",
            ErrorCode::FontMissing => "font_missing",
            ErrorCode::Internal => "internal",
        }
    }
}

/// Runs one front-end operation so that a bug in it (a panic) becomes an [`Error::Internal`] for that operation
/// instead of taking the process down or leaving a lock poisoned. The app wraps every command in it.
pub fn contain_panics<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned());
        Err(Error::Internal(what))
    })
}

/// What crosses IPC when a command fails: the code to translate, the English detail, and located problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
    pub problems: Vec<Problem>,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_internal_error_for_that_call_only() {
        let err = contain_panics::<()>(|| panic!("index out of bounds")).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Internal);
        assert!(err.to_string().contains("index out of bounds"), "{err}");
        let n = 7;
        let err = contain_panics::<()>(|| panic!("row {n} is bad")).unwrap_err();
        assert!(err.to_string().contains("row 7 is bad"), "{err}");
        assert_eq!(contain_panics(|| Ok(5)).unwrap(), 5);
        let lock = std::sync::Mutex::new(1);
        let _ = contain_panics::<()>(|| {
            let _g = lock.lock().unwrap();
            panic!("while holding the lock")
        });
        assert!(lock.is_poisoned());
    }

    #[test]
    fn every_code_has_its_wire_name() {
        for c in ErrorCode::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), serde_json::json!(c.as_str()));
        }
    }
}
