//! Whole-library backups and where the library lives. A backup is one ZIP holding a consistent copy of the
//! database (SQLite's online backup, so the app can stay open) and every evidence file, each checked against its
//! SHA-256 on the way out and on the way back in. Restoring first backs up what is there now, then swaps files;
//! a backup that fails any check changes nothing.

use std::fs::{self, File};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::{Store, SCHEMA_LEVEL};
use crate::evidence::Vault;
use crate::fsutil::hex;
use crate::{Error, Result};

pub const BACKUP_FORMAT: &str = "weiquan.backup/1";

/// The most a backup may unpack to (database and evidence together): 64 GiB. A ZIP claiming more is refused before
/// anything is written, and an entry that inflates past what it declared is cut off and refused.
pub const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024 * 1024;

/// The most entries a backup may hold: the manifest, the database and one file per evidence object.
pub const MAX_ENTRIES: usize = 200_000;
const MANIFEST: &str = "backup.json";
const DB_ENTRY: &str = "weiquan.db";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BackupSummary {
    pub path: String,
    pub created_at: String,
    pub schema_level: i64,
    pub case_count: i64,
    pub evidence_files: usize,
    pub bytes: u64,
}

#[derive(Serialize, Deserialize)]
struct Manifest {
    format: String,
    created_at: String,
    schema_level: i64,
    case_count: i64,
    objects: Vec<String>,
    /// The audit log's newest record in the backed-up database (absent in backups made before it was anchored).
    #[serde(default)]
    audit_head: Option<super::AuditHead>,
}

fn bad(path: &Path, reason: impl Into<String>) -> Error {
    Error::invalid(path.display().to_string(), reason)
}

fn stamp() -> String {
    chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ").to_string()
}

fn audit_head_of(conn: &Connection) -> Result<Option<super::AuditHead>> {
    Ok(conn
        .query_row("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| {
            Ok(super::AuditHead {
                seq: r.get(0)?,
                hash: r.get(1)?,
            })
        })
        .optional()?)
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path
        .file_name()
        .map_or_else(|| "weiquan.db".into(), |n| n.to_os_string());
    name.push(suffix);
    path.with_file_name(name)
}

/// Copies `reader` to `writer` while hashing; returns the SHA-256 in hex.
fn copy_hashed(reader: &mut impl Read, writer: &mut impl Write) -> io::Result<String> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1024 * 1024];
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        writer.write_all(&buf[..n])?;
    }
    Ok(hex(&hasher.finalize()))
}

impl Store {
    /// Writes a backup of the whole library to `out` (a temp file beside it, renamed when complete). `out` may not
    /// be the library's own file, its companions or its vault.
    pub fn write_backup(&self, out: &Path) -> Result<BackupSummary> {
        self.check_export_target(out)?;
        self.backup_to(out)
    }

    /// [`Store::write_backup`] to a place the store chose itself (the safety copy before a restore, a move).
    fn backup_to(&self, out: &Path) -> Result<BackupSummary> {
        if out.is_dir() {
            return Err(bad(out, "is a folder; give a file name for the backup"));
        }
        let dir = out
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let tmp_db = dir.join(format!(".weiquan-backup-{}.db", std::process::id()));
        let tmp_zip = sibling(out, &format!(".tmp-{}", std::process::id()));
        let result = self.write_backup_via(out, &tmp_db, &tmp_zip);
        let _ = fs::remove_file(&tmp_db);
        if result.is_err() {
            let _ = fs::remove_file(&tmp_zip);
        }
        result
    }

    fn write_backup_via(&self, out: &Path, tmp_db: &Path, tmp_zip: &Path) -> Result<BackupSummary> {
        self.conn
            .backup(rusqlite::MAIN_DB, tmp_db, None::<fn(rusqlite::backup::Progress)>)
            .map_err(Error::Database)?;
        let copy = Connection::open(tmp_db)?;
        let objects: Vec<String> = copy
            .prepare("SELECT sha256 FROM evidence_objects ORDER BY sha256")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let case_count: i64 = copy.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?;
        let schema_level: i64 = copy.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let audit_head = audit_head_of(&copy)?;
        drop(copy);
        let manifest = Manifest {
            format: BACKUP_FORMAT.into(),
            created_at: crate::clock::now().to_rfc3339(),
            schema_level,
            case_count,
            objects: objects.clone(),
            audit_head,
        };
        let io_err = |e: io::Error| Error::io("write the backup", out, e);
        let zip_err = |e: zip::result::ZipError| Error::io("write the backup", out, io::Error::other(e));
        let file = File::create(tmp_zip).map_err(io_err)?;
        let mut zip = ZipWriter::new(BufWriter::new(file));
        let deflated = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .large_file(true);
        let stored = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .large_file(true);
        zip.start_file(MANIFEST, deflated).map_err(zip_err)?;
        zip.write_all(&serde_json::to_vec_pretty(&manifest).map_err(|e| Error::io("write the backup", out, e.into()))?)
            .map_err(io_err)?;
        zip.start_file(DB_ENTRY, deflated).map_err(zip_err)?;
        io::copy(&mut File::open(tmp_db).map_err(io_err)?, &mut zip).map_err(io_err)?;
        let vault = self.vault();
        for sha in &objects {
            let path = vault.object_path(sha)?;
            let mut f = File::open(&path).map_err(|e| Error::io("read evidence for the backup", &path, e))?;
            zip.start_file(format!("vault/objects/{}/{sha}", &sha[..2]), stored)
                .map_err(zip_err)?;
            let got = copy_hashed(&mut f, &mut zip).map_err(io_err)?;
            if &got != sha {
                return Err(bad(
                    &path,
                    format!("no longer matches its SHA-256 (now {got}); run 证据校验 before backing up"),
                ));
            }
        }
        let writer = zip.finish().map_err(zip_err)?;
        let file = writer.into_inner().map_err(|e| io_err(e.into_error()))?;
        file.sync_all().map_err(io_err)?;
        fs::rename(tmp_zip, out).map_err(io_err)?;
        Ok(BackupSummary {
            path: out.display().to_string(),
            created_at: manifest.created_at,
            schema_level,
            case_count,
            evidence_files: objects.len(),
            bytes: fs::metadata(out).map_err(io_err)?.len(),
        })
    }

    /// Replaces the library with the backup at `backup`. The backup is unpacked and checked first (its manifest,
    /// SQLite's integrity check, a schema this version can open, every evidence file against its hash); then what
    /// is there now is saved as `<db>.before-restore-<time>.zip`, and only then are the files swapped.
    /// Returns the summary of the safety backup.
    pub fn restore_backup(&mut self, backup: &Path) -> Result<BackupSummary> {
        self.exclusively(|store| store.restore_exclusively(backup))
    }

    fn restore_exclusively(&mut self, backup: &Path) -> Result<BackupSummary> {
        let staging = sibling(&self.path, &format!(".restore-{}", std::process::id()));
        let _ = fs::remove_dir_all(&staging);
        let result = (|| {
            // The safety copy holds the database and every evidence file (stored, not compressed).
            let evidence: i64 =
                self.conn
                    .query_row("SELECT coalesce(sum(size), 0) FROM evidence_objects", [], |r| r.get(0))?;
            let db = fs::metadata(&self.path).map_or(0, |m| m.len());
            check_backup_reserving(backup, &staging, db.saturating_add(evidence.max(0) as u64))?;
            let safety = self.backup_to(&sibling(&self.path, &format!(".before-restore-{}.zip", stamp())))?;
            // The library's history becomes the backup's, so the old anchor must go — before the swap, so that a
            // restore killed at any point never leaves an anchor of the old log beside the new one (a false
            // "records deleted"). The old library's anchor is kept in the safety backup's manifest.
            let anchor = super::anchor_path(&self.path);
            let old_anchor = fs::read(&anchor).ok();
            let _ = fs::remove_file(&anchor);
            if let Err(e) = self.swap_in(&staging) {
                if let Some(bytes) = old_anchor {
                    let _ = crate::fsutil::write_atomically(&anchor, &bytes);
                }
                return Err(e);
            }
            self.anchor_audit_head();
            Ok(safety)
        })();
        let _ = fs::remove_dir_all(&staging);
        result
    }

    /// Closes the connection, moves the current database and vault aside, puts the staged ones in place and opens
    /// the result; if that open fails, the old files go back where they were.
    fn swap_in(&mut self, staging: &Path) -> Result<()> {
        let path = self.path.clone();
        let old = std::mem::replace(&mut self.conn, Connection::open_in_memory()?);
        old.close().map_err(|(_, e)| Error::Database(e))?;
        let io_err = |what: &'static str, p: &Path, e: io::Error| Error::io(what, p, e);
        let aside = sibling(&path, &format!(".replaced-{}", stamp()));
        fs::create_dir_all(&aside).map_err(|e| io_err("create", &aside, e))?;
        let vault = Vault::for_db(&path);
        let parts: Vec<PathBuf> = ["", "-wal", "-shm"]
            .iter()
            .map(|s| sibling(&path, s))
            .chain([vault.root().to_path_buf()])
            .filter(|p| p.exists())
            .collect();
        let put_back = |moved: &[PathBuf]| {
            for p in moved {
                if let Some(name) = p.file_name() {
                    let _ = fs::remove_dir_all(p);
                    let _ = fs::remove_file(p);
                    let _ = fs::rename(aside.join(name), p);
                }
            }
        };
        let mut moved = Vec::new();
        for p in &parts {
            let Some(name) = p.file_name() else { continue };
            if let Err(e) = fs::rename(p, aside.join(name)) {
                put_back(&moved);
                return Err(io_err("move the current library aside", p, e));
            }
            moved.push(p.clone());
        }
        let placed = fs::rename(staging.join(DB_ENTRY), &path)
            .map_err(|e| io_err("put the restored database in place", &path, e))
            .and_then(|()| {
                fs::rename(staging.join("vault"), vault.root())
                    .map_err(|e| io_err("put the restored evidence in place", vault.root(), e))
            })
            .and_then(|()| {
                // Opening takes the lock shared: step down from the exclusive hold first (this process only).
                let _ = self.lock.lock_shared();
                Store::open(&path)
            });
        match placed {
            Ok(store) => {
                *self = store;
                let _ = fs::remove_dir_all(&aside);
                Ok(())
            }
            Err(e) => {
                let _ = fs::remove_file(&path);
                let _ = fs::remove_dir_all(vault.root());
                put_back(&parts);
                let _ = fs::remove_dir_all(&aside);
                *self = Store::open(&path)?;
                Err(e)
            }
        }
    }

    /// Moves the library (database and evidence) to `new_db`: copies, checks the copy, opens it, and only then
    /// removes the old files. `new_db` must not exist yet.
    pub fn move_to(&mut self, new_db: &Path) -> Result<()> {
        self.exclusively(|store| store.move_exclusively(new_db))
    }

    fn move_exclusively(&mut self, new_db: &Path) -> Result<()> {
        if new_db.exists() {
            return Err(bad(new_db, "already exists; choose an empty folder"));
        }
        if let Some(dir) = new_db.parent() {
            fs::create_dir_all(dir).map_err(|e| Error::io("create the data folder", dir, e))?;
        }
        let staging = sibling(new_db, &format!(".move-{}", std::process::id()));
        let zip = sibling(&staging, ".zip");
        let result = (|| {
            self.backup_to(&zip)?;
            check_backup(&zip, &staging)?;
            let old_path = self.path.clone();
            let cases = self.info()?.case_count;
            fs::rename(staging.join(DB_ENTRY), new_db).map_err(|e| Error::io("move", new_db, e))?;
            fs::rename(staging.join("vault"), Vault::for_db(new_db).root())
                .map_err(|e| Error::io("move", new_db, e))?;
            let moved = Store::open(new_db)?;
            if moved.info()?.case_count != cases {
                return Err(bad(
                    new_db,
                    "the copy does not hold every case; the old library was kept",
                ));
            }
            let old = std::mem::replace(self, moved);
            drop(old);
            if let Ok(Some(head)) = self.audit_head() {
                let _ = super::audit::write_anchor(new_db, &head);
            }
            for suffix in ["", "-wal", "-shm", ".lock", ".audit-head"] {
                let _ = fs::remove_file(sibling(&old_path, suffix));
            }
            let _ = fs::remove_dir_all(Vault::for_db(&old_path).root());
            Ok(())
        })();
        let _ = fs::remove_file(&zip);
        let _ = fs::remove_dir_all(&staging);
        result
    }
}

/// Unpacks and checks a backup into `staging` (`weiquan.db` and `vault/objects/..`). The backup is a stranger's
/// file until proven otherwise: its size and entry count are capped, its database is opened read-only and must
/// pass SQLite's integrity check, carry a level this version knows and have exactly the schema this version creates
/// at that level (no extra trigger, view, table or index), every evidence row must name a SHA-256 whose file the
/// backup holds, and every file must hash to its name. Only then is the database brought to this version's level,
/// still in the staging folder. This is what a restore does first; it touches no library, and is public for the
/// fuzzing campaign (`fuzz/`).
/// The most an entry of over a megabyte may expand by.
const MAX_RATIO: u64 = 200;

pub fn check_backup(backup: &Path, staging: &Path) -> Result<()> {
    check_backup_reserving(backup, staging, 0)
}

/// As [`check_backup`], with `reserve` more bytes needed on the same disk afterwards (the safety copy a restore
/// makes of the library it replaces): the free space is checked for both before anything is unpacked.
fn check_backup_reserving(backup: &Path, staging: &Path, reserve: u64) -> Result<()> {
    crate::fsutil::regular_file(backup, MAX_UNPACKED_BYTES)?;
    let file = File::open(backup).map_err(|e| Error::io("open the backup", backup, e))?;
    let mut zip =
        ZipArchive::new(file).map_err(|e| bad(backup, format!("is not a Weiquan backup (not a ZIP: {e})")))?;
    if zip.len() > MAX_ENTRIES {
        return Err(bad(
            backup,
            format!("holds {} entries; a backup holds at most {MAX_ENTRIES}", zip.len()),
        ));
    }
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| bad(backup, format!("entry {i} cannot be read: {e}")))?;
        declared = declared.saturating_add(entry.size());
        // A library's database compresses a few times (its statute texts), evidence barely: what expands by
        // hundreds is a bomb, refused before a byte of it is unpacked.
        if crate::fsutil::expands_like_a_bomb(entry.size(), entry.compressed_size(), MAX_RATIO) {
            return Err(bad(
                backup,
                format!(
                    "{:?} would unpack from {} bytes to {} (more than {MAX_RATIO}:1): no library compresses like that",
                    entry.name(),
                    entry.compressed_size(),
                    entry.size()
                ),
            ));
        }
    }
    if declared > MAX_UNPACKED_BYTES {
        return Err(bad(
            backup,
            format!("would unpack to {declared} bytes; the limit is {MAX_UNPACKED_BYTES}"),
        ));
    }
    crate::fsutil::ensure_space(staging, declared.saturating_add(reserve), "the backup")?;
    let manifest: Manifest = {
        let mut entry = zip
            .by_name(MANIFEST)
            .map_err(|_| bad(backup, "is not a Weiquan backup (no backup.json inside)"))?;
        let mut text = String::new();
        entry
            .read_to_string(&mut text)
            .map_err(|e| bad(backup, format!("backup.json cannot be read: {e}")))?;
        serde_json::from_str(&text).map_err(|e| bad(backup, format!("backup.json is not valid: {e}")))?
    };
    if manifest.format != BACKUP_FORMAT {
        return Err(bad(
            backup,
            format!("is format {:?}; this version reads {BACKUP_FORMAT}", manifest.format),
        ));
    }
    if manifest.schema_level > SCHEMA_LEVEL {
        return Err(bad(
            backup,
            format!(
                "was made by a newer Weiquan (database level {}, this version knows up to {SCHEMA_LEVEL}); update first",
                manifest.schema_level
            ),
        ));
    }
    let objects = staging.join("vault").join("objects");
    fs::create_dir_all(&objects).map_err(|e| Error::io("create", &objects, e))?;
    let db = staging.join(DB_ENTRY);
    {
        let mut entry = zip
            .by_name(DB_ENTRY)
            .map_err(|_| bad(backup, "holds no database (weiquan.db missing)"))?;
        let declared = entry.size();
        let mut out = File::create(&db).map_err(|e| Error::io("unpack", &db, e))?;
        let copied = io::copy(&mut (&mut entry).take(declared.saturating_add(1)), &mut out)
            .map_err(|e| bad(backup, format!("weiquan.db cannot be unpacked: {e}")))?;
        if copied > declared {
            return Err(bad(backup, "weiquan.db inflates past the size it declares"));
        }
    }
    let rows = check_database(backup, &db, staging)?;
    if let Some(anchored) = &manifest.audit_head {
        let conn = Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| bad(backup, format!("weiquan.db is not a usable database: {e}")))?;
        let head = audit_head_of(&conn)?;
        if head.as_ref() != Some(anchored) {
            return Err(bad(
                backup,
                format!(
                    "its audit log ends at {}, but backup.json anchors record {anchored}: records were removed or \
                     replaced after the backup was made",
                    head.map_or_else(|| "no record".to_owned(), |h| format!("record {h}"))
                ),
            ));
        }
    }
    for sha in &rows {
        if !manifest.objects.contains(sha) {
            return Err(bad(
                backup,
                format!("its database lists evidence file {sha}, which the backup does not hold"),
            ));
        }
    }
    for sha in &manifest.objects {
        if crate::evidence::check_sha256(sha).is_err() {
            return Err(bad(
                backup,
                format!("backup.json lists {sha:?}, which is not a SHA-256"),
            ));
        }
        let name = format!("vault/objects/{}/{sha}", &sha[..2]);
        let mut entry = zip
            .by_name(&name)
            .map_err(|_| bad(backup, format!("evidence file {sha} is missing from the backup")))?;
        let dir = objects.join(&sha[..2]);
        fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
        let target = dir.join(sha);
        let mut out = File::create(&target).map_err(|e| Error::io("unpack", &target, e))?;
        let declared = entry.size();
        let got =
            copy_hashed(&mut (&mut entry).take(declared), &mut out).map_err(|e| bad(backup, format!("{name}: {e}")))?;
        if &got != sha {
            return Err(bad(
                backup,
                format!("evidence file {sha} was altered inside the backup (its content hashes to {got})"),
            ));
        }
        out.sync_all().map_err(|e| Error::io("unpack", &target, e))?;
        let mut perms = out
            .metadata()
            .map_err(|e| Error::io("unpack", &target, e))?
            .permissions();
        perms.set_readonly(true);
        fs::set_permissions(&target, perms).map_err(|e| Error::io("unpack", &target, e))?;
    }
    Ok(())
}

/// Checks the unpacked database without trusting it (read-only, no triggers run: nothing in it executes) and
/// returns the SHA-256 of every evidence row; then migrates it to this version's level inside `staging`.
fn check_database(backup: &Path, db: &Path, staging: &Path) -> Result<Vec<String>> {
    use rusqlite::OpenFlags;
    let unusable = |e: rusqlite::Error| bad(backup, format!("weiquan.db is not a usable database: {e}"));
    let level = {
        let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(unusable)?;
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(unusable)?;
        if check != "ok" {
            return Err(bad(
                backup,
                format!("weiquan.db fails SQLite's integrity check: {check}"),
            ));
        }
        let level: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(unusable)?;
        if !(1..=SCHEMA_LEVEL).contains(&level) {
            return Err(bad(
                backup,
                format!("weiquan.db is at level {level}; this version reads levels 1 to {SCHEMA_LEVEL}"),
            ));
        }
        let found = schema(&conn).map_err(unusable)?;
        let expected = reference_schema(level, staging)?;
        if let Some(extra) = found.iter().find(|o| !expected.contains(o)) {
            return Err(bad(
                backup,
                format!(
                    "weiquan.db has a {} {:?} that this version does not create; refused",
                    extra.0, extra.1
                ),
            ));
        }
        if let Some(missing) = expected.iter().find(|o| !found.contains(o)) {
            return Err(bad(
                backup,
                format!("weiquan.db lacks its {} {:?}", missing.0, missing.1),
            ));
        }
        level
    };
    let shas: Vec<String> = {
        let conn = Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(unusable)?;
        let table = if level >= 6 {
            "evidence_items"
        } else {
            return Ok(Vec::new());
        };
        // Both the items and the objects they name: a hash is later part of a vault path.
        let mut st = conn
            .prepare(&format!(
                "SELECT sha256 FROM {table} UNION SELECT sha256 FROM evidence_objects"
            ))
            .map_err(unusable)?;
        let rows = st
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(unusable)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(unusable)?;
        rows
    };
    for sha in &shas {
        crate::evidence::check_sha256(sha).map_err(|_| {
            let shown: String = sha.chars().take(80).collect();
            bad(backup, format!("its database lists {shown:?} as a SHA-256"))
        })?;
    }
    // Brought to this version's level here, so a migration that fails leaves the current library untouched.
    drop(Store::open(db)?);
    Ok(shas)
}

/// The schema of a database: (type, name, SQL) of every table, index, trigger and view, sorted.
type Schema = Vec<(String, String, String)>;

/// The schema this version creates at `level`, made once per process in a scratch library under `staging` (it
/// is a constant of the build; a restore, a move and the fuzzing campaign ask for it again and again).
fn reference_schema(level: i64, staging: &Path) -> Result<Schema> {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<HashMap<i64, Schema>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(s) = cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .get(&level)
    {
        return Ok(s.clone());
    }
    let reference_dir = staging.join("reference");
    fs::create_dir_all(&reference_dir).map_err(|e| Error::io("create", &reference_dir, e))?;
    let reference = Store::open_at_level(reference_dir.join("weiquan.db"), level)?;
    let expected = schema(&reference.conn)?;
    drop(reference);
    let _ = fs::remove_dir_all(&reference_dir);
    cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(level, expected.clone());
    Ok(expected)
}

fn schema(conn: &Connection) -> rusqlite::Result<Schema> {
    let mut st = conn.prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name")?;
    let rows = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
