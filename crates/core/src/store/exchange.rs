//! Cases in and out of the store as `weiquan.case/1` documents with their evidence files beside them. The format
//! itself (parse, serialize) is [`crate::exchange`]; what needs the store — the evidence paths checked and copied
//! into the vault, a case's files copied out — lives here.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::evidence::Incoming;
use super::{EvidenceItem, EvidenceMeta, Store};
use crate::exchange::{Document, EvidenceRef};
use crate::model::{CaseData, CaseId};
use crate::{Error, Problem, Result};

impl Store {
    /// Imports a parsed document into the store, with its evidence files (paths relative to `base_dir`, the document's
    /// folder). Every evidence path is checked before anything is written — a plain relative name that stays inside
    /// the folder after symlinks are followed, a regular file no larger than [`crate::fsutil::MAX_EVIDENCE_BYTES`] —
    /// and one bad path refuses the whole document; if importing a file still fails, the new case is removed again,
    /// so a document goes in whole or not at all. The warnings (the document's own and the files') are returned and
    /// kept with the case for review ([`Store::import_warnings`]).
    pub fn import_document(&mut self, doc: &Document, base_dir: &Path) -> Result<(CaseId, Vec<Problem>)> {
        let mut problems = Vec::new();
        let mut files = Vec::new();
        for (i, e) in doc.evidence.iter().enumerate() {
            match crate::fsutil::inside(base_dir, &e.path, crate::fsutil::MAX_EVIDENCE_BYTES) {
                Ok(path) => files.push(path),
                Err(reason) => problems.push(Problem {
                    path: format!("evidence[{i}].path"),
                    reason,
                }),
            }
        }
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let files: Vec<Incoming> = files.into_iter().map(Incoming::File).collect();
        self.import_document_from(doc, &files)
    }

    /// Imports a document whose evidence files (in the document's order) are given: files on disk, or objects a
    /// bundle already streamed into the vault. If one cannot be imported, the new case is removed again.
    pub(crate) fn import_document_from(
        &mut self,
        doc: &Document,
        files: &[Incoming],
    ) -> Result<(CaseId, Vec<Problem>)> {
        let (id, mut warnings) = self.create_case_as(&doc.case, doc.case_uid.as_deref())?;
        let ids: Vec<_> = self
            .get_case(id)?
            .data
            .interactions
            .iter()
            .filter_map(|i| i.id)
            .collect();
        for (i, (e, incoming)) in doc.evidence.iter().zip(files).enumerate() {
            let meta = EvidenceMeta {
                description: e.description.clone(),
                source: None,
                interactions: e.interactions.iter().filter_map(|&ix| ids.get(ix).copied()).collect(),
            };
            match self.import_incoming(id, incoming, &meta) {
                Ok(out) => warnings.extend(out.warnings.into_iter().map(|w| Problem {
                    path: format!("evidence[{i}]"),
                    reason: w.reason,
                })),
                Err(err) => {
                    let _ = self.delete_case(id);
                    let what = match incoming {
                        Incoming::File(path) => path.display().to_string(),
                        Incoming::Stored { name, .. } => name.clone(),
                    };
                    return Err(Error::invalid(format!("evidence[{i}]"), format!("{what}: {err}")));
                }
            }
        }
        for w in &doc.warnings {
            if !warnings.contains(w) {
                warnings.push(w.clone());
            }
        }
        self.keep_import_warnings(id, &warnings)?;
        Ok((id, warnings))
    }

    /// Keeps what an import warned about with the case, for review after the terminal or dialog is gone.
    fn keep_import_warnings(&mut self, case: CaseId, warnings: &[Problem]) -> Result<()> {
        let tx = self.conn.transaction()?;
        let start: i64 = tx.query_row(
            "SELECT coalesce(max(position) + 1, 0) FROM import_warnings WHERE case_id = ?1",
            [case.0],
            |r| r.get(0),
        )?;
        for (i, w) in warnings.iter().enumerate() {
            tx.execute(
                "INSERT INTO import_warnings (case_id, position, path, reason) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![case.0, start + i as i64, w.path, w.reason],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The warnings its import gave, kept until [`Store::clear_import_warnings`]. (The case's own warnings, from
    /// its facts, are in [`crate::model::Case::warnings`] and go away only when the facts are corrected.)
    pub fn import_warnings(&self, case: CaseId) -> Result<Vec<Problem>> {
        self.get_case(case)?;
        let mut st = self
            .conn
            .prepare("SELECT path, reason FROM import_warnings WHERE case_id = ?1 ORDER BY position")?;
        let rows = st
            .query_map([case.0], |r| {
                Ok(Problem {
                    path: r.get(0)?,
                    reason: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Marks the import's warnings as reviewed: they are removed, with an audit record. Returns how many there were.
    pub fn clear_import_warnings(&mut self, case: CaseId) -> Result<usize> {
        self.get_case(case)?;
        let tx = self.conn.transaction()?;
        let n = tx.execute("DELETE FROM import_warnings WHERE case_id = ?1", [case.0])?;
        if n > 0 {
            super::audit::append(&tx, Some(case), "import_warnings_cleared", &format!("{n}"))?;
        }
        tx.commit()?;
        if n > 0 {
            self.anchor_audit_head();
        }
        Ok(n)
    }

    /// Writes a case as a document at `out`, its evidence copied into `<out stem>-evidence-<tag>/` beside it and
    /// listed with relative paths, so that importing the document elsewhere restores the case and its files. The tag
    /// is the first eight hex digits of a hash over the files' hashes and names. Returns the document text.
    ///
    /// Nothing half-written is ever left under a final name, even when the process is killed: the evidence is
    /// copied into a hidden temp folder renamed to its final name only when every file is in, the document is
    /// written last (atomically) and names only that complete folder, and only then are the folders of earlier
    /// exports to the same name removed. At every moment the document on disk names a complete folder.
    pub fn export_document(&self, case: CaseId, out: &Path) -> Result<String> {
        self.check_export_target(out)?;
        let c = self.get_case(case)?;
        let items = self.list_evidence(case)?;
        let stem = out
            .file_stem()
            .map_or_else(|| "case".into(), |s| s.to_string_lossy().into_owned());
        let base = crate::fsutil::safe_file_name(&format!("{stem}-evidence"), 180);
        let parent = out
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let mut refs = Vec::new();
        let mut keep = None;
        if !items.is_empty() {
            let names = exhibit_names(&items);
            let tag = {
                let mut h = Sha256::new();
                for (it, name) in items.iter().zip(&names) {
                    h.update(format!("{} {name}\n", it.sha256));
                }
                crate::fsutil::hex(&h.finalize())[..8].to_owned()
            };
            let dir_name = format!("{base}-{tag}");
            let dir = parent.join(&dir_name);
            self.check_export_target(&dir)?;
            if !complete(&dir, &items, &names) {
                let tmp = crate::fsutil::temp_beside(&dir)?;
                let _ = std::fs::remove_dir_all(&tmp);
                let copied = (|| {
                    std::fs::create_dir(&tmp).map_err(|e| Error::io("create", &tmp, e))?;
                    copy_evidence(self, &items, &names, &tmp)?;
                    // A folder under this name that is not complete (a hand edit): replaced.
                    if std::fs::symlink_metadata(&dir).is_ok() {
                        std::fs::remove_dir_all(&dir).map_err(|e| Error::io("replace", &dir, e))?;
                    }
                    std::fs::rename(&tmp, &dir).map_err(|e| Error::io("rename the evidence folder to", &dir, e))
                })();
                if let Err(e) = copied {
                    let _ = std::fs::remove_dir_all(&tmp);
                    return Err(e);
                }
            }
            refs = references(&c.data, &items, &names, &dir_name);
            keep = Some(dir_name);
        }
        let text = crate::exchange::to_string_with_uid(&c.data, &refs, c.uid.as_deref())?;
        crate::fsutil::write_atomically(out, text.as_bytes())?;
        remove_earlier_folders(parent, &base, keep.as_deref());
        Ok(text)
    }
}

/// Each exhibit's file name in the folder: number and original name, made safe.
pub(super) fn exhibit_names(items: &[EvidenceItem]) -> Vec<String> {
    items
        .iter()
        .enumerate()
        .map(|(n, it)| crate::fsutil::safe_file_name(&format!("{:02}-{}", n + 1, it.original_name), 200))
        .collect()
}

/// Whether `dir` already holds every exhibit at its size (an earlier export of the same files).
fn complete(dir: &Path, items: &[EvidenceItem], names: &[String]) -> bool {
    dir.is_dir()
        && items
            .iter()
            .zip(names)
            .all(|(it, name)| std::fs::metadata(dir.join(name)).is_ok_and(|m| m.is_file() && m.len() == it.size))
}

fn copy_evidence(store: &Store, items: &[EvidenceItem], names: &[String], into: &Path) -> Result<()> {
    let vault = store.vault();
    for (it, name) in items.iter().zip(names) {
        let target = into.join(name);
        std::fs::copy(vault.object_path(&it.sha256)?, &target)
            .map_err(|e| Error::io("copy evidence to", &target, e))?;
        let mut perms = std::fs::metadata(&target)
            .map_err(|e| Error::io("read", &target, e))?
            .permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        let _ = std::fs::set_permissions(&target, perms);
    }
    Ok(())
}

pub(super) fn references(
    case: &CaseData,
    items: &[EvidenceItem],
    names: &[String],
    dir_name: &str,
) -> Vec<EvidenceRef> {
    let ids: Vec<_> = case.interactions.iter().map(|i| i.id).collect();
    items
        .iter()
        .zip(names)
        .map(|(it, name)| EvidenceRef {
            path: format!("{dir_name}/{name}"),
            description: it.description.clone(),
            interactions: it
                .interactions
                .iter()
                .filter_map(|iid| ids.iter().position(|x| *x == Some(*iid)))
                .collect(),
        })
        .collect()
}

/// Removes the evidence folders of earlier exports to the same document name (`<base>` or `<base>-xxxxxxxx`), but
/// the one the document now names. Only names this function's caller makes are touched.
fn remove_earlier_folders(parent: &Path, base: &str, keep: Option<&str>) {
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let ours = name == base
            || name
                .strip_prefix(base)
                .and_then(|r| r.strip_prefix('-'))
                .is_some_and(|tag| tag.len() == 8 && tag.bytes().all(|b| b.is_ascii_hexdigit()));
        // A killed export's hidden temp folder (`.<base>-xxxxxxxx.tmp-<pid>`) goes too.
        let temp = name
            .strip_prefix('.')
            .is_some_and(|n| n.starts_with(base) && n.contains(".tmp-"));
        if (ours || temp) && Some(name.as_str()) != keep && e.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}
