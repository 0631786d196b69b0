//! The audit log: every change to a case (create, edit, delete, evidence import, export) appends a record that
//! carries the SHA-256 of the record before it, in the same transaction as the change. `verify_audit` recomputes
//! the chain and names the first record that was edited, removed or moved.

use rusqlite::{params, Transaction};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::Store;
use crate::evidence::hex;
use crate::model::CaseId;
use crate::Result;

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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditReport {
    pub records: usize,
    /// The first record where the chain breaks, and why; None when the whole chain holds.
    pub first_break: Option<AuditBreak>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AuditBreak {
    pub seq: i64,
    pub reason: String,
}

fn record_hash(prev: &str, seq: i64, at: &str, case: Option<i64>, action: &str, detail: &str) -> String {
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

    /// Recomputes the whole chain.
    pub fn verify_audit(&self) -> Result<AuditReport> {
        let mut st = self
            .conn
            .prepare("SELECT seq, at, case_id, action, detail, prev_hash, hash FROM audit_log ORDER BY seq")?;
        type Row = (i64, String, Option<i64>, String, String, String, String);
        let rows: Vec<Row> = st.query_map([], |r| r.try_into())?.collect::<rusqlite::Result<_>>()?;
        let mut prev = GENESIS.to_owned();
        for (expected_seq, (seq, at, case, action, detail, prev_hash, hash)) in (1i64..).zip(rows.iter()) {
            let fail = |reason: String| AuditReport {
                records: rows.len(),
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
            first_break: None,
        })
    }

    /// Records that a case was exported (the CLI and the app call this after writing the file).
    pub fn record_export(&mut self, case: CaseId, what: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        append(&tx, Some(case), "case_exported", what)?;
        tx.commit()?;
        Ok(())
    }
}
