//! Evidence in the store: import (one file or a batch, each file on its own), listing, and verification of the
//! vault against the database.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{audit, Store};
use crate::evidence::{EvidenceId, Vault};
use crate::model::{CaseId, InteractionId};
use crate::{Error, Problem, Result};

/// One piece of evidence in a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EvidenceItem {
    pub id: EvidenceId,
    pub case_id: CaseId,
    pub sha256: String,
    pub sm3: String,
    pub size: u64,
    /// Sniffed from the bytes.
    pub content_type: String,
    pub original_name: String,
    pub description: Option<String>,
    /// Which app or device, which account.
    pub source: Option<String>,
    /// When Weiquan imported it (RFC 3339, Beijing time).
    pub imported_at: String,
    /// The time the file states for itself, if any, and which field it came from.
    pub reported_at: Option<String>,
    pub reported_by: Option<String>,
    /// The interactions it supports.
    pub interactions: Vec<InteractionId>,
}

/// An evidence item as the UI shows it: the item and, for images, its thumbnail as a `data:` URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EvidenceView {
    pub item: EvidenceItem,
    pub thumbnail: Option<String>,
}

/// Progress of a long operation (import, verify), file by file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
    pub name: String,
}

/// One file's result in a batch import from the desktop app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportResult {
    pub file: String,
    pub outcome: Option<ImportOutcome>,
    pub error: Option<crate::ErrorPayload>,
}

/// The most files one batch import takes (the app's drop, the CLI's `evidence add`).
pub const MAX_BATCH_FILES: usize = 500;

impl ImportResult {
    pub fn new(file: &Path, result: Result<ImportOutcome>) -> Self {
        let file = file.display().to_string();
        match result {
            Ok(o) => ImportResult {
                file,
                outcome: Some(o),
                error: None,
            },
            Err(e) => ImportResult {
                file,
                outcome: None,
                error: Some(e.payload()),
            },
        }
    }
}

/// What the user says about a file being imported.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EvidenceMeta {
    pub description: Option<String>,
    pub source: Option<String>,
    pub interactions: Vec<InteractionId>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportOutcome {
    pub item: EvidenceItem,
    /// The case already had this exact content; no new item was made (the links were added to it).
    pub duplicate: bool,
    pub warnings: Vec<Problem>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VaultProblemKind {
    /// A stored item's file is gone.
    Missing,
    /// A stored item's file no longer has its SHA-256 (changed, or truncated).
    Altered,
    /// A complete object with no item: left by an interrupted import or copied in by hand. Not evidence.
    Unreferenced,
    /// A file that does not belong in the vault at all.
    Unexpected,
    /// A temp file of an import that did not finish.
    Leftover,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VaultProblem {
    pub kind: VaultProblemKind,
    pub path: String,
    pub sha256: Option<String>,
    /// The evidence items (by original name) that use this file.
    pub items: Vec<String>,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VerifyReport {
    pub checked: usize,
    pub intact: usize,
    pub problems: Vec<VaultProblem>,
    /// Stopped by the user before every file was checked.
    pub cancelled: bool,
}

fn is_sha_name(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

impl Store {
    pub fn vault(&self) -> Vault {
        Vault::for_db(&self.path)
    }

    /// Imports one file into a case. The file is copied into the vault first; the row is committed only after the
    /// copy is complete and durable. A refused file leaves the case as it was.
    pub fn import_evidence(&mut self, case: CaseId, file: &Path, meta: &EvidenceMeta) -> Result<ImportOutcome> {
        self.import_incoming(case, &Incoming::File(file.to_path_buf()), meta)
    }

    /// Imports one file from where it comes: a file on disk (copied into the vault now) or an object a bundle
    /// already streamed into the vault.
    pub(crate) fn import_incoming(
        &mut self,
        case: CaseId,
        incoming: &Incoming,
        meta: &EvidenceMeta,
    ) -> Result<ImportOutcome> {
        self.get_case_title(case)?;
        for (i, iid) in meta.interactions.iter().enumerate() {
            let ok: bool = self.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM interactions WHERE id = ?1 AND case_id = ?2)",
                params![iid.0, case.0],
                |r| r.get(0),
            )?;
            if !ok {
                return Err(Error::invalid(
                    format!("interactions[{i}]"),
                    format!("interaction {} is not part of case {case}", iid.0),
                ));
            }
        }
        let mut warnings = Vec::new();
        let (name, got) = match incoming {
            Incoming::File(file) => {
                let name = match file.file_name() {
                    Some(n) => match n.to_str() {
                        Some(s) => s.to_owned(),
                        None => {
                            let lossy = n.to_string_lossy().into_owned();
                            warnings.push(Problem {
                                path: "original_name".into(),
                                reason: format!("the file name is not valid UTF-8; it is recorded as {lossy:?}"),
                            });
                            lossy
                        }
                    },
                    None => return Err(Error::invalid(file.display().to_string(), "has no file name")),
                };
                (name, self.vault().ingest(file)?)
            }
            Incoming::Stored { name, object } => (name.clone(), object.clone()),
        };
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT OR IGNORE INTO evidence_objects (sha256, sm3, size, content_type, reported_at, reported_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                got.sha256,
                got.sm3,
                got.size as i64,
                got.content_type,
                got.reported.as_ref().map(|r| r.at.clone()),
                got.reported.as_ref().map(|r| r.by.clone())
            ],
        )?;
        let existing: Option<i64> = tx
            .query_row(
                "SELECT id FROM evidence_items WHERE case_id = ?1 AND sha256 = ?2",
                params![case.0, got.sha256],
                |r| r.get(0),
            )
            .optional()?;
        let (item_id, duplicate) = match existing {
            Some(id) => (id, true),
            None => {
                tx.execute(
                    "INSERT INTO evidence_items (case_id, sha256, original_name, description, source, imported_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        case.0,
                        got.sha256,
                        name,
                        meta.description,
                        meta.source,
                        super::cases::now().to_rfc3339()
                    ],
                )?;
                let id = tx.last_insert_rowid();
                Store::queue_screenshot(&tx, id, &got.content_type)?;
                (id, false)
            }
        };
        for iid in &meta.interactions {
            tx.execute(
                "INSERT OR IGNORE INTO evidence_links (item_id, interaction_id) VALUES (?1, ?2)",
                params![item_id, iid.0],
            )?;
        }
        let what = if duplicate {
            "evidence_linked"
        } else {
            "evidence_imported"
        };
        audit::append(&tx, Some(case), what, &format!("{name} sha256:{}", got.sha256))?;
        tx.commit()?;
        self.anchor_audit_head();
        // Best effort: a thumbnail that cannot be made does not undo an import.
        let _ = self.vault().thumbnail(&got.sha256, &got.content_type);
        let item = self.evidence_item(EvidenceId(item_id))?;
        Ok(ImportOutcome {
            item,
            duplicate,
            warnings,
        })
    }

    /// Imports several files (at most [`MAX_BATCH_FILES`]); each succeeds or fails on its own, and the result
    /// says which failed and why. `progress(done, total, name)` is called before each file and once at the end;
    /// once `cancel` is set the batch stops before the next file (the files done so far stay imported).
    pub fn import_evidence_batch_until(
        &mut self,
        case: CaseId,
        files: &[PathBuf],
        meta: &EvidenceMeta,
        progress: &mut dyn FnMut(usize, usize, &str),
        cancel: &AtomicBool,
    ) -> Result<Vec<(PathBuf, Result<ImportOutcome>)>> {
        if files.is_empty() || files.len() > MAX_BATCH_FILES {
            return Err(Error::invalid(
                "files",
                format!(
                    "between 1 and {MAX_BATCH_FILES} files at a time ({} given)",
                    files.len()
                ),
            ));
        }
        self.get_case_title(case)?;
        let total = files.len();
        let mut out = Vec::with_capacity(total);
        for (n, f) in files.iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                break;
            }
            progress(n, total, &f.display().to_string());
            out.push((f.clone(), self.import_evidence(case, f, meta)));
        }
        progress(total, total, "");
        Ok(out)
    }

    /// The case's evidence item with this content (its SHA-256, or an unambiguous prefix of at least 8 hex digits).
    pub fn find_evidence(&self, case: CaseId, sha256: &str) -> Result<EvidenceItem> {
        let want = sha256.trim().to_ascii_lowercase();
        if want.len() < 8 || !want.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Error::invalid(
                "SHA256",
                format!("{sha256:?} is not a SHA-256 or a prefix of 8+ hex digits"),
            ));
        }
        let found: Vec<EvidenceItem> = self
            .list_evidence(case)?
            .into_iter()
            .filter(|it| it.sha256.starts_with(&want))
            .collect();
        match found.len() {
            1 => Ok(found
                .into_iter()
                .next()
                .ok_or_else(|| Error::Internal("no item".into()))?),
            0 => Err(Error::NotFound(format!(
                "case {case} has no evidence file with SHA-256 {want}…"
            ))),
            n => Err(Error::invalid(
                "SHA256",
                format!("{want} matches {n} files of case {case}; give more digits"),
            )),
        }
    }

    /// Links (or unlinks) an evidence item to one of its case's contacts; recorded in the audit log.
    pub fn set_evidence_link(&mut self, item: EvidenceId, interaction: InteractionId, linked: bool) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let (case, name) = item_owner(&tx, item)?;
        let same_case: bool = tx.query_row(
            "SELECT count(*) FROM interactions WHERE id = ?1 AND case_id = ?2",
            params![interaction.0, case],
            |r| r.get::<_, i64>(0).map(|n| n == 1),
        )?;
        if !same_case {
            return Err(Error::invalid(
                "interaction",
                format!("contact {} is not part of case {case}", interaction.0),
            ));
        }
        let changed = if linked {
            tx.execute(
                "INSERT OR IGNORE INTO evidence_links (item_id, interaction_id) VALUES (?1, ?2)",
                params![item.0, interaction.0],
            )?
        } else {
            tx.execute(
                "DELETE FROM evidence_links WHERE item_id = ?1 AND interaction_id = ?2",
                params![item.0, interaction.0],
            )?
        };
        if changed > 0 {
            let what = if linked { "evidence_linked" } else { "evidence_unlinked" };
            audit::append(
                &tx,
                Some(CaseId(case)),
                what,
                &format!("{name} interaction:{}", interaction.0),
            )?;
        }
        tx.commit()?;
        self.anchor_audit_head();
        Ok(())
    }

    /// Replaces an evidence item's description (what it shows); recorded in the audit log.
    pub fn describe_evidence(&mut self, item: EvidenceId, description: Option<&str>) -> Result<()> {
        let description = description.map(str::trim).filter(|d| !d.is_empty());
        if description.is_some_and(|d| d.chars().count() > 500) {
            return Err(Error::invalid("description", "at most 500 characters"));
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let (case, name) = item_owner(&tx, item)?;
        tx.execute(
            "UPDATE evidence_items SET description = ?1 WHERE id = ?2",
            params![description, item.0],
        )?;
        audit::append(&tx, Some(CaseId(case)), "evidence_described", &name)?;
        tx.commit()?;
        self.anchor_audit_head();
        Ok(())
    }

    fn get_case_title(&self, case: CaseId) -> Result<String> {
        self.conn
            .query_row("SELECT title FROM cases WHERE id = ?1", [case.0], |r| r.get(0))
            .optional()?
            .ok_or(Error::CaseNotFound(case))
    }

    pub fn evidence_item(&self, id: EvidenceId) -> Result<EvidenceItem> {
        let items = self.evidence_where("i.id = ?1", id.0)?;
        items
            .into_iter()
            .next()
            .ok_or_else(|| Error::NotFound(format!("there is no evidence item {id}")))
    }

    /// A case's evidence, in import order.
    pub fn list_evidence(&self, case: CaseId) -> Result<Vec<EvidenceItem>> {
        self.get_case_title(case)?;
        self.evidence_where("i.case_id = ?1", case.0)
    }

    fn evidence_where(&self, cond: &str, arg: i64) -> Result<Vec<EvidenceItem>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT i.id, i.case_id, o.sha256, o.sm3, o.size, o.content_type, i.original_name, i.description,
                    i.source, i.imported_at, o.reported_at, o.reported_by
               FROM evidence_items i JOIN evidence_objects o ON o.sha256 = i.sha256
              WHERE {cond} ORDER BY i.id"
        ))?;
        let mut items: Vec<EvidenceItem> = st
            .query_map([arg], |r| {
                Ok(EvidenceItem {
                    id: EvidenceId(r.get(0)?),
                    case_id: CaseId(r.get(1)?),
                    sha256: r.get(2)?,
                    sm3: r.get(3)?,
                    size: r.get::<_, i64>(4)? as u64,
                    content_type: r.get(5)?,
                    original_name: r.get(6)?,
                    description: r.get(7)?,
                    source: r.get(8)?,
                    imported_at: r.get(9)?,
                    reported_at: r.get(10)?,
                    reported_by: r.get(11)?,
                    interactions: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut links = self
            .conn
            .prepare_cached("SELECT interaction_id FROM evidence_links WHERE item_id = ?1 ORDER BY interaction_id")?;
        for it in &mut items {
            it.interactions = links
                .query_map([it.id.0], |r| Ok(InteractionId(r.get(0)?)))?
                .collect::<rusqlite::Result<_>>()?;
        }
        Ok(items)
    }

    /// The cached PNG thumbnail of an image item (made on first use), or None for other types.
    pub fn evidence_thumbnail(&self, id: EvidenceId) -> Result<Option<Vec<u8>>> {
        let it = self.evidence_item(id)?;
        match self.vault().thumbnail(&it.sha256, &it.content_type)? {
            Some(p) => Ok(Some(std::fs::read(&p).map_err(|e| Error::io("read", &p, e))?)),
            None => Ok(None),
        }
    }

    /// Re-hashes the vault (one case's files, or all and then every stray file too) and reports each problem.
    /// `progress(done, total, name)` is called after each file.
    pub fn verify_vault(
        &self,
        case: Option<CaseId>,
        progress: &mut dyn FnMut(usize, usize, &str),
    ) -> Result<VerifyReport> {
        self.verify_vault_until(case, progress, &AtomicBool::new(false))
    }

    /// [`Store::verify_vault`] that stops after the current file once `cancel` is set; the report then says
    /// `cancelled` and covers only the files checked so far.
    pub fn verify_vault_until(
        &self,
        case: Option<CaseId>,
        progress: &mut dyn FnMut(usize, usize, &str),
        cancel: &AtomicBool,
    ) -> Result<VerifyReport> {
        if let Some(c) = case {
            self.get_case_title(c)?;
        }
        let mut st = self.conn.prepare(
            "SELECT o.sha256, o.size, group_concat(i.original_name, '、')
               FROM evidence_objects o JOIN evidence_items i ON i.sha256 = o.sha256
              WHERE ?1 IS NULL OR i.case_id = ?1
              GROUP BY o.sha256 ORDER BY min(i.id)",
        )?;
        let objects: Vec<(String, i64, String)> = st
            .query_map([case.map(|c| c.0)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let vault = self.vault();
        let mut problems = Vec::new();
        let mut intact = 0;
        let mut checked = 0;
        for (n, (sha, size, names)) in objects.iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                break;
            }
            checked += 1;
            let path = vault.object_path(sha)?;
            let items: Vec<String> = names.split('、').map(str::to_owned).collect();
            match vault.rehash(sha)? {
                None => problems.push(VaultProblem {
                    kind: VaultProblemKind::Missing,
                    path: path.display().to_string(),
                    sha256: Some(sha.clone()),
                    items,
                    detail: "the file is gone from the vault".into(),
                }),
                Some((found, found_size)) if found != *sha || found_size != *size as u64 => {
                    problems.push(VaultProblem {
                        kind: VaultProblemKind::Altered,
                        path: path.display().to_string(),
                        sha256: Some(sha.clone()),
                        items,
                        detail: if found_size != *size as u64 {
                            format!("size is {found_size} bytes, was {size} at import; SHA-256 is now {found}")
                        } else {
                            format!("same size, but SHA-256 is now {found}")
                        },
                    })
                }
                Some(_) => intact += 1,
            }
            progress(n + 1, objects.len(), names);
        }
        let cancelled = checked < objects.len();
        if case.is_none() && !cancelled {
            let known: BTreeSet<String> = objects.iter().map(|o| o.0.clone()).collect();
            let mut stored: BTreeMap<String, ()> = BTreeMap::new();
            let mut st = self.conn.prepare("SELECT sha256 FROM evidence_objects")?;
            for sha in st.query_map([], |r| r.get::<_, String>(0))? {
                stored.insert(sha?, ());
            }
            for entry in walk(&vault.objects_dir()) {
                let name = entry
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let parent = entry
                    .parent()
                    .and_then(|p| p.file_name())
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if known.contains(&name) || stored.contains_key(&name) {
                    continue;
                }
                let well_named = is_sha_name(&name) && parent == name[..2];
                let complete = well_named && matches!(vault.rehash(&name), Ok(Some((h, _))) if h == name);
                problems.push(VaultProblem {
                    kind: if complete {
                        VaultProblemKind::Unreferenced
                    } else {
                        VaultProblemKind::Unexpected
                    },
                    path: entry.display().to_string(),
                    sha256: complete.then(|| name.clone()),
                    items: Vec::new(),
                    detail: if complete {
                        "a complete file that no evidence item uses (an interrupted import, or copied in by hand)"
                            .into()
                    } else {
                        "this file does not belong in the vault".into()
                    },
                });
            }
            for entry in walk(&vault.tmp_dir()) {
                problems.push(VaultProblem {
                    kind: VaultProblemKind::Leftover,
                    path: entry.display().to_string(),
                    sha256: None,
                    items: Vec::new(),
                    detail: "part of an import that did not finish; it is not evidence and can be deleted".into(),
                });
            }
        }
        Ok(VerifyReport {
            checked,
            intact,
            problems,
            cancelled,
        })
    }
}

/// Every file below `dir` (none if it does not exist), in name order.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The case an evidence item belongs to and the file's name, read inside the caller's transaction.
fn item_owner(tx: &rusqlite::Transaction<'_>, item: EvidenceId) -> Result<(i64, String)> {
    tx.query_row(
        "SELECT case_id, original_name FROM evidence_items WHERE id = ?1",
        [item.0],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("there is no evidence item {item}")))
}

/// Where an evidence file being imported comes from.
#[derive(Debug, Clone)]
pub(crate) enum Incoming {
    /// A file on disk, copied into the vault on import.
    File(std::path::PathBuf),
    /// An object already in the vault (streamed there from a bundle), with the name it had.
    Stored {
        name: String,
        object: crate::evidence::Ingested,
    },
}
