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
    pub fn code(&self) -> &'static str {
        match self {
            Error::Database(_) => "database",
            Error::Io { .. } => "io",
            Error::DatabaseTooNew { .. } => "database_too_new",
            Error::Migration { .. } => "migration_failed",
            Error::CaseNotFound(_) => "case_not_found",
            Error::Invalid(_) => "invalid_input",
            Error::Corrupt(_) => "corrupt_data",
        }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code().to_owned(),
            message: self.to_string(),
            problems: match self {
                Error::Invalid(p) => p.clone(),
                _ => Vec::new(),
            },
        }
    }
}

/// What crosses IPC when a command fails: the code to translate, the English detail, and located problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
    pub problems: Vec<Problem>,
}
