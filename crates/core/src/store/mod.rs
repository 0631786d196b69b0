//! The SQLite store: one database file shared by the CLI and the desktop app. It opens in WAL mode with foreign
//! keys on and a busy timeout (the CLI may write while the app is open), and brings the schema up to date from the
//! embedded `migrations/NNNN_*.sql`, each applied in one transaction, after an online backup of the file.

mod audit;
mod backup;
mod bundle;
mod caseload;
mod cases;
mod deadlines;
mod drafts;
mod entries;
mod evidence;
mod exchange;
mod legal;
mod preferences;
mod screenshots;
mod stats;

pub use audit::{anchor_path, AuditBreak, AuditHead, AuditRecord, AuditReport};
pub use backup::{check_backup, BackupSummary, BACKUP_FORMAT};
pub use bundle::{
    verification_code, BundleReport, CaseFace, Differences, OpenedBundle, SameCase, SameCaseChoice, BUNDLE_FORMAT,
};
pub use caseload::{Caseload, CaseloadFilter, CaseloadRow, CaseloadSort, Workspace, MAX_TAGS, MAX_TAG_CHARS};
#[cfg(feature = "testing")]
pub use cases::list_query;
pub use drafts::MAX_DRAFT_BYTES;
pub use entries::Removed;
pub use evidence::{
    EvidenceItem, EvidenceMeta, EvidenceView, ImportOutcome, ImportResult, Progress, VaultProblem, VaultProblemKind,
    VerifyReport, MAX_BATCH_FILES,
};
pub use legal::LawHit;
pub use screenshots::{pair_turns, ConfirmedTurn, ReadState, ReadTurn, ReadingStatus, SavedTurns, ScreenshotText};
pub use stats::{stats_csv, Count, Span, Stats};

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

use crate::{Error, Result};

/// The lock file beside a database.
fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map_or_else(|| "weiquan.db".into(), |n| n.to_os_string());
    name.push(".lock");
    db.with_file_name(name)
}

/// The migrations, in order; migration N brings the schema to level N (`PRAGMA user_version`).
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("../../../../migrations/0001_init.sql")),
    ("0002_search", include_str!("../../../../migrations/0002_search.sql")),
    (
        "0003_parallel_proceeding",
        include_str!("../../../../migrations/0003_parallel_proceeding.sql"),
    ),
    ("0004_legal", include_str!("../../../../migrations/0004_legal.sql")),
    (
        "0005_excluded_bases",
        include_str!("../../../../migrations/0005_excluded_bases.sql"),
    ),
    (
        "0006_evidence",
        include_str!("../../../../migrations/0006_evidence.sql"),
    ),
    ("0007_events", include_str!("../../../../migrations/0007_events.sql")),
    (
        "0008_odr_drafts",
        include_str!("../../../../migrations/0008_odr_drafts.sql"),
    ),
    (
        "0009_case_facts",
        include_str!("../../../../migrations/0009_case_facts.sql"),
    ),
    (
        "0010_case_ids",
        include_str!("../../../../migrations/0010_case_ids.sql"),
    ),
    (
        "0011_stable_ids_police",
        include_str!("../../../../migrations/0011_stable_ids_police.sql"),
    ),
    (
        "0012_caseload_agent",
        include_str!("../../../../migrations/0012_caseload_agent.sql"),
    ),
    (
        "0013_screenshot_text",
        include_str!("../../../../migrations/0013_screenshot_text.sql"),
    ),
    (
        "0014_testing_events",
        include_str!("../../../../migrations/0014_testing_events.sql"),
    ),
];

/// The schema level this build writes.
pub const SCHEMA_LEVEL: i64 = MIGRATIONS.len() as i64;

/// Facts about the open library, for the settings screen and `weiquan info`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct LibraryInfo {
    pub db_path: String,
    pub schema_level: i64,
    pub case_count: i64,
}

/// An open case library.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    backup: Option<PathBuf>,
    /// `<db>.lock`, held shared while the library is open (by the app, the CLI, any second connection); restore
    /// and move need it exclusively, so they never swap files under another process's open database.
    lock: std::fs::File,
}

impl Store {
    /// Opens (creating if needed) the database at `path` and migrates it to [`SCHEMA_LEVEL`].
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Self::open_at_level(path, SCHEMA_LEVEL)
    }

    /// Opens the database and migrates it only up to `level`: for migration tests and tools that need an older
    /// layout. The normal way in is [`Store::open`].
    pub fn open_at_level(path: impl AsRef<Path>, level: i64) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("create the data folder", dir, e))?;
        }
        let lock_path = lock_path(&path);
        let lock = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(|e| Error::io("open", &lock_path, e))?;
        // Another process holds the lock alone either for a moment (cleaning up what a killed run left, as it
        // opens) or for long (a restore or a move). Wait out the moment, as SQLite's busy timeout does; report the
        // long hold.
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while lock.try_lock_shared().is_err() {
            if std::time::Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            return Err(Error::invalid(
                "library",
                format!(
                    "{} is being restored or moved by another window or command; try again in a moment",
                    path.display()
                ),
            ));
        }
        let conn = Connection::open(&path)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if found > SCHEMA_LEVEL {
            return Err(Error::DatabaseTooNew {
                path,
                found,
                supported: SCHEMA_LEVEL,
            });
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let mut store = Store {
            conn,
            path,
            backup: None,
            lock,
        };
        store.clean_leftovers();
        store.migrate_to(found, level.min(SCHEMA_LEVEL))?;
        if level >= legal::LEGAL_LEVEL {
            store.sync_legal()?;
        }
        Ok(store)
    }

    fn migrate_to(&mut self, found: i64, target: i64) -> Result<()> {
        if found >= target {
            return Ok(());
        }
        let backup = if found > 0 {
            Some(self.backup_before_migration(found)?)
        } else {
            None
        };
        let backup_text = backup.as_ref().map_or_else(
            || "(none: the database was empty)".to_owned(),
            |p| p.display().to_string(),
        );
        for (i, (name, sql)) in MIGRATIONS.iter().enumerate().take(target as usize).skip(found as usize) {
            let level = i as i64 + 1;
            let fail = |source| Error::Migration {
                name,
                level: level - 1,
                backup: backup_text.clone(),
                source,
            };
            // Foreign-key enforcement is off while a migration runs (a table rebuild drops and renames a parent
            // table; with enforcement on, the drop would cascade into its children), and every reference is
            // checked before the migration commits. The pragma is a no-op inside a transaction, so it goes first.
            self.conn.pragma_update(None, "foreign_keys", false).map_err(fail)?;
            let applied = (|| {
                let tx = self.conn.transaction()?;
                tx.execute_batch(sql)?;
                let broken: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
                if broken > 0 {
                    return Err(rusqlite::Error::SqliteFailure(
                        rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
                        Some(format!("{broken} rows reference rows that do not exist")),
                    ));
                }
                tx.pragma_update(None, "user_version", level)?;
                tx.commit()
            })();
            self.conn.pragma_update(None, "foreign_keys", true).map_err(fail)?;
            applied.map_err(fail)?;
        }
        self.backup = backup;
        Ok(())
    }

    /// Copies the whole database with SQLite's online backup to `<file>.level<N>-<time>.bak` beside it.
    fn backup_before_migration(&self, level: i64) -> Result<PathBuf> {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
        let name = format!(
            "{}.level{level}-{stamp}.bak",
            self.path
                .file_name()
                .map_or("weiquan.db".into(), |n| n.to_string_lossy())
        );
        let target = self.path.with_file_name(name);
        self.conn
            .backup(rusqlite::MAIN_DB, &target, None::<fn(rusqlite::backup::Progress)>)
            .map_err(Error::Database)?;
        Ok(target)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The backup made before this open migrated the file, if it did.
    pub fn migration_backup(&self) -> Option<&Path> {
        self.backup.as_deref()
    }

    pub fn schema_level(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    pub fn info(&self) -> Result<LibraryInfo> {
        Ok(LibraryInfo {
            db_path: self.path.display().to_string(),
            schema_level: self.schema_level()?,
            case_count: self.conn.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?,
        })
    }

    /// Runs `f` holding the library's lock exclusively: no other process (or second connection) has the library
    /// open meanwhile. Refused at once with a clear error if one does.
    pub(crate) fn exclusively<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let lock_file = lock_path(&self.path);
        if self.lock.try_lock().is_err() {
            self.lock.lock_shared().map_err(|e| Error::io("lock", &lock_file, e))?;
            return Err(Error::invalid(
                "library",
                format!(
                    "{} is in use by another window or command; close it and try again",
                    self.path.display()
                ),
            ));
        }
        let result = f(self);
        let _ = self.lock.lock_shared();
        result
    }

    /// Removes what a killed restore, move or evidence import left behind (staging folders beside the library,
    /// half-copied files in the vault's `tmp/`), when no other process has the library open.
    fn clean_leftovers(&mut self) {
        // A failed upgrade may drop the shared lock (flock converts by unlocking first): it is taken again below.
        if self.lock.try_lock().is_ok() {
            self.remove_leftovers();
        }
        let _ = self.lock.lock_shared();
    }

    fn remove_leftovers(&self) {
        let (Some(dir), Some(name)) = (self.path.parent(), self.path.file_name()) else {
            return;
        };
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(tmp) = std::fs::read_dir(self.vault().tmp_dir()) {
            for e in tmp.flatten() {
                let _ = std::fs::remove_file(e.path());
            }
        }
        let prefix = name.to_string_lossy().into_owned();
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            let Some(rest) = n.strip_prefix(&prefix) else { continue };
            if [".restore-", ".move-", ".replaced-", ".bundle-"]
                .iter()
                .any(|p| rest.starts_with(p))
            {
                let p = e.path();
                let _ = std::fs::remove_dir_all(&p);
                let _ = std::fs::remove_file(&p);
            }
        }
    }

    /// Refuses an export target that is part of the library: the database file or any file named after it (its
    /// `-wal`/`-shm` companions, migration and restore backups, the `.vault` folder) or anything inside the vault.
    /// An export there could replace the library itself (`dossier 1 --out weiquan.db`) or an original. A target
    /// reached through a symbolic link is judged by where it really is.
    pub fn check_export_target(&self, out: &Path) -> Result<()> {
        let name = out
            .file_name()
            .ok_or_else(|| Error::invalid("out", "names a folder, not a file"))?;
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        // The parent must exist for the write anyway; where it cannot be resolved the write itself will fail.
        let Ok(dir) = parent.canonicalize() else {
            return Ok(());
        };
        let db = self.path.canonicalize().map_err(|e| Error::io("read", &self.path, e))?;
        let (Some(library), Some(db_name)) = (db.parent(), db.file_name()) else {
            return Ok(());
        };
        let vault = library.join(self.vault().root().file_name().unwrap_or_default());
        let part_of_library = |p: &Path| {
            p.starts_with(&vault)
                || (p.parent() == Some(library)
                    && p.file_name()
                        .is_some_and(|n| n.to_string_lossy().starts_with(&*db_name.to_string_lossy())))
        };
        let target = dir.join(name);
        if part_of_library(&target) || target.canonicalize().is_ok_and(|real| part_of_library(&real)) {
            return Err(Error::invalid(
                "out",
                format!(
                    "{} is part of the case library ({}); choose another name or place",
                    out.display(),
                    db.display()
                ),
            ));
        }
        Ok(())
    }

    /// Direct access for tests and benchmarks that need to inspect the connection itself (`testing` feature).
    #[cfg(feature = "testing")]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}
