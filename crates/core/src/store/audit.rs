//! The audit log: every change to a case (create, edit, delete, evidence import, export) appends a record that
//! carries the SHA-256 of the record before it, in the same transaction as the change. `verify_audit` recomputes
//! the chain and names the first record that was edited, removed or moved.
//!
//! A chain alone cannot show that its newest records were deleted: what is left still links up. So the head (the
//! last record's number and hash) is anchored outside the database — in `<db>.audit-head` beside the library
//! (raised after every change, never lowered), on each dossier's cover and in each backup's manifest — and
//! `verify_audit` reports a chain that ends before an anchor, or differs from it.

use std::path::{Path, PathBuf};

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::Store;
use crate::fsutil::hex;
use crate::model::CaseId;
use crate::{Error, Result};

const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditRecord {
    pub seq: i64,
    pub at: String,
    pub case_id: Option<CaseId>,
    pub action: String,
    pub detail: String,
    pub hash: String,
}

/// The newest record of the log, as anchored outside the database: written `N:<sha256>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditHead {
    pub seq: i64,
    pub hash: String,
}

impl std::fmt::Display for AuditHead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.seq, self.hash)
    }
}

impl std::str::FromStr for AuditHead {
    type Err = Error;

    /// `N:<64 hex>` as printed on a dossier, in a backup manifest or by `audit verify`.
    fn from_str(s: &str) -> Result<Self> {
        let bad = || {
            Error::invalid(
                "anchor",
                format!("{s:?} is not an audit anchor (record number:SHA-256)"),
            )
        };
        let (seq, hash) = s.trim().split_once(':').ok_or_else(bad)?;
        let seq: i64 = seq.parse().map_err(|_| bad())?;
        let hash = hash.to_ascii_lowercase();
        crate::evidence::check_sha256(&hash).map_err(|_| bad())?;
        if seq < 1 {
            return Err(bad());
        }
        Ok(AuditHead { seq, hash })
    }
}

/// The anchor file beside a library: `<db>.audit-head`.
pub fn anchor_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map_or_else(|| "weiquan.db".into(), |n| n.to_os_string());
    name.push(".audit-head");
    db.with_file_name(name)
}

/// The anchor in the file beside the library, if there is one. A file that is not an anchor reads as none: the
/// next change writes a good one, and `verify_audit` says the file was unreadable.
fn read_anchor_file(db: &Path) -> std::result::Result<Option<AuditHead>, String> {
    match crate::fsutil::read_text(&anchor_path(db), 4096) {
        Ok(text) => text.parse().map(Some).map_err(|e: Error| e.to_string()),
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

/// Writes `head` as the library's anchor (replacing what is there).
pub(crate) fn write_anchor(db: &Path, head: &AuditHead) -> Result<()> {
    crate::fsutil::write_atomically(&anchor_path(db), format!("{head}\n").as_bytes())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditReport {
    pub records: usize,
    /// The anchors the chain was checked against (the file beside the library, and any given).
    pub anchors_checked: usize,
    /// The first record where the chain breaks, and why; None when the whole chain holds.
    pub first_break: Option<AuditBreak>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditBreak {
    pub seq: i64,
    pub reason: String,
}

pub(super) fn record_hash(prev: &str, seq: i64, at: &str, case: Option<i64>, action: &str, detail: &str) -> String {
    let case = case.map_or_else(String::new, |c| c.to_string());
    hex(&Sha256::digest(
        format!("{prev}\n{seq}\n{at}\n{case}\n{action}\n{detail}").as_bytes(),
    ))
}

/// Appends a record inside the caller's transaction.
pub(crate) fn append(tx: &Transaction<'_>, case: Option<CaseId>, action: &str, detail: &str) -> Result<()> {
    let (prev_seq, prev): (i64, String) = tx
        .query_row("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap_or((0, GENESIS.to_owned()));
    let seq = prev_seq + 1;
    let at = super::cases::now().to_rfc3339();
    let hash = record_hash(&prev, seq, &at, case.map(|c| c.0), action, detail);
    tx.execute(
        "INSERT INTO audit_log (seq, at, case_id, action, detail, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![seq, at, case.map(|c| c.0), action, detail, prev, hash],
    )?;
    Ok(())
}

impl Store {
    /// The log, oldest first; only one case's records when `case` is given.
    pub fn audit_log(&self, case: Option<CaseId>) -> Result<Vec<AuditRecord>> {
        let mut st = self.conn.prepare(
            "SELECT seq, at, case_id, action, detail, hash FROM audit_log
              WHERE ?1 IS NULL OR case_id = ?1 ORDER BY seq",
        )?;
        let rows = st.query_map([case.map(|c| c.0)], |r| {
            Ok(AuditRecord {
                seq: r.get(0)?,
                at: r.get(1)?,
                case_id: r.get::<_, Option<i64>>(2)?.map(CaseId),
                action: r.get(3)?,
                detail: r.get(4)?,
                hash: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest record's number and hash; None for an empty log.
    pub fn audit_head(&self) -> Result<Option<AuditHead>> {
        Ok(self
            .conn
            .query_row("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| {
                Ok(AuditHead {
                    seq: r.get(0)?,
                    hash: r.get(1)?,
                })
            })
            .optional()?)
    }

    /// Raises the anchor file to the current head after a change. It is never lowered: a log that lost its newest
    /// records keeps the anchor that shows it. Best effort — a change that committed is not undone because the
    /// file beside it could not be written.
    pub(crate) fn anchor_audit_head(&self) {
        let Ok(Some(head)) = self.audit_head() else { return };
        if let Ok(Some(anchored)) = read_anchor_file(&self.path) {
            if anchored.seq >= head.seq {
                return;
            }
        }
        let _ = write_anchor(&self.path, &head);
    }

    /// Recomputes the whole chain and checks it against the anchor file beside the library.
    pub fn verify_audit(&self) -> Result<AuditReport> {
        self.verify_audit_against(&[])
    }

    /// [`Store::verify_audit`], also against anchors from elsewhere (a dossier's cover, a backup's manifest).
    pub fn verify_audit_against(&self, more: &[AuditHead]) -> Result<AuditReport> {
        let mut report = self.verify_chain()?;
        if report.first_break.is_some() {
            return Ok(report);
        }
        let mut anchors: Vec<(AuditHead, String)> = Vec::new();
        match read_anchor_file(&self.path) {
            Ok(Some(a)) => anchors.push((a, format!("the anchor file {}", anchor_path(&self.path).display()))),
            Ok(None) => {}
            Err(why) => {
                report.first_break = Some(AuditBreak {
                    seq: 0,
                    reason: format!(
                        "the anchor file {} cannot be read: {why}",
                        anchor_path(&self.path).display()
                    ),
                });
                return Ok(report);
            }
        }
        anchors.extend(more.iter().map(|a| (a.clone(), format!("the anchor {a}"))));
        report.anchors_checked = anchors.len();
        let last = report.records as i64;
        for (anchor, source) in anchors {
            if anchor.seq > last {
                report.first_break = Some(AuditBreak {
                    seq: last + 1,
                    reason: format!(
                        "the log ends at record {last}, but {source} shows record {} existed: the newest records \
                         were deleted",
                        anchor.seq
                    ),
                });
                return Ok(report);
            }
            let hash: String = self
                .conn
                .query_row("SELECT hash FROM audit_log WHERE seq = ?1", [anchor.seq], |r| r.get(0))?;
            if hash != anchor.hash {
                report.first_break = Some(AuditBreak {
                    seq: anchor.seq,
                    reason: format!(
                        "record {} is not the one {source} shows: the log from there on was replaced",
                        anchor.seq
                    ),
                });
                return Ok(report);
            }
        }
        Ok(report)
    }

    fn verify_chain(&self) -> Result<AuditReport> {
        let mut st = self
            .conn
            .prepare("SELECT seq, at, case_id, action, detail, prev_hash, hash FROM audit_log ORDER BY seq")?;
        type Row = (i64, String, Option<i64>, String, String, String, String);
        let rows: Vec<Row> = st.query_map([], |r| r.try_into())?.collect::<rusqlite::Result<_>>()?;
        let mut prev = GENESIS.to_owned();
        for (expected_seq, (seq, at, case, action, detail, prev_hash, hash)) in (1i64..).zip(rows.iter()) {
            let fail = |reason: String| AuditReport {
                records: rows.len(),
                anchors_checked: 0,
                first_break: Some(AuditBreak { seq: *seq, reason }),
            };
            if *seq != expected_seq {
                return Ok(fail(format!(
                    "record {expected_seq} is missing: the log jumps from {} to {seq}",
                    expected_seq - 1
                )));
            }
            if *prev_hash != prev {
                return Ok(fail(format!(
                    "record {seq} does not follow record {}: records were reordered, or one before it was changed",
                    seq - 1
                )));
            }
            if record_hash(&prev, *seq, at, *case, action, detail) != *hash {
                return Ok(fail(format!("record {seq} ({action}) was edited after it was written")));
            }
            prev = hash.clone();
        }
        Ok(AuditReport {
            records: rows.len(),
            anchors_checked: 0,
            first_break: None,
        })
    }

    /// Records that a case was exported (the CLI and the app call this after writing the file).
    pub fn record_export(&mut self, case: CaseId, what: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        append(&tx, Some(case), "case_exported", what)?;
        tx.commit()?;
        self.anchor_audit_head();
        Ok(())
    }
}
