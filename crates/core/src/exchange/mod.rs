//! The `weiquan.case/1` exchange format: one JSON document that describes one case completely. It is how cases are
//! imported, exported, handed to a volunteer and fed to black-box tests, so its contract is a JSON Schema file
//! (`docs/case-format.schema.json`) compiled into the binary: the documentation and the validator cannot drift.
//!
//! A bad document is rejected whole, with every problem located by path (`interactions[2].occurred_at: …`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

use crate::model::CaseData;
use crate::{Error, Problem, Result};

pub const FORMAT: &str = "weiquan.case/1";

/// The JSON Schema of the format, as documented in docs/case-format.md.
pub const SCHEMA: &str = include_str!("../../../../docs/case-format.schema.json");

/// A reference to an evidence file, relative to the document's own folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRef {
    pub path: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Indexes into the document's `interactions` that this file supports.
    #[serde(default)]
    pub interactions: Vec<usize>,
}

/// A parsed, valid document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub case: CaseData,
    pub evidence: Vec<EvidenceRef>,
    /// Problems that do not block import (shown to the user, who may correct them later).
    pub warnings: Vec<Problem>,
}

/// Parses and validates a document. On any problem nothing is returned but the complete list of problems.
pub fn parse(text: &str) -> Result<Document> {
    let value: Value = serde_json::from_str(text).map_err(|e| Error::invalid("", format!("not valid JSON: {e}")))?;
    parse_value(value)
}

pub fn parse_value(mut value: Value) -> Result<Document> {
    let mut problems = crate::model::validate::schema_problems(&value);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let obj = value
        .as_object_mut()
        .ok_or_else(|| Error::invalid("", "the document must be a JSON object"))?;
    obj.remove("format");
    let evidence: Vec<EvidenceRef> = match obj.remove("evidence") {
        Some(v) => serde_json::from_value(v).map_err(|e| Error::invalid("evidence", e.to_string()))?,
        None => Vec::new(),
    };
    let case: CaseData = serde_json::from_value(value).map_err(|e| Error::invalid("", e.to_string()))?;
    let (errors, warnings) = crate::model::validate::semantic_problems(&case);
    problems.extend(errors);
    for (i, e) in evidence.iter().enumerate() {
        for (j, &ix) in e.interactions.iter().enumerate() {
            if ix >= case.interactions.len() {
                problems.push(Problem {
                    path: format!("evidence[{i}].interactions[{j}]"),
                    reason: format!(
                        "refers to interaction {ix}, but the document has {} (numbered from 0)",
                        case.interactions.len()
                    ),
                });
            }
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    Ok(Document {
        case,
        evidence,
        warnings,
    })
}

/// The document for a case, `format` first, as a JSON value.
pub fn to_value(case: &CaseData, evidence: &[EvidenceRef]) -> Result<Value> {
    let mut out = Map::new();
    out.insert("format".into(), Value::String(FORMAT.into()));
    match serde_json::to_value(case.without_ids()).map_err(|e| Error::serialize("the document", e))? {
        Value::Object(m) => out.extend(m),
        _ => return Err(Error::Internal("a case did not serialize to an object".into())),
    }
    if !evidence.is_empty() {
        out.insert(
            "evidence".into(),
            serde_json::to_value(evidence).map_err(|e| Error::serialize("the document", e))?,
        );
    }
    Ok(Value::Object(out))
}

/// The document for a case as pretty-printed JSON text (UTF-8, Chinese unescaped, trailing newline).
pub fn to_string(case: &CaseData, evidence: &[EvidenceRef]) -> Result<String> {
    let v = to_value(case, evidence)?;
    let mut s = serde_json::to_string_pretty(&v).map_err(|e| Error::serialize("the document", e))?;
    s.push('\n');
    Ok(s)
}

/// Reads a case document from a file a stranger may have sent: a regular file of at most
/// [`crate::fsutil::MAX_DOCUMENT_BYTES`], never a pipe or a device.
pub fn read_document(path: &std::path::Path) -> Result<String> {
    crate::fsutil::read_text(path, crate::fsutil::MAX_DOCUMENT_BYTES)
}

/// Imports a parsed document into the store, with its evidence files (paths relative to `base_dir`, the document's
/// folder). Every evidence path is checked before anything is written — a plain relative name that stays inside
/// the folder after symlinks are followed, a regular file no larger than [`crate::fsutil::MAX_EVIDENCE_BYTES`] —
/// and one bad path refuses the whole document; if importing a file still fails, the new case is removed again,
/// so a document goes in whole or not at all.
pub fn import(
    store: &mut crate::store::Store,
    doc: &Document,
    base_dir: &std::path::Path,
) -> Result<(crate::model::CaseId, Vec<Problem>)> {
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
    let (id, mut warnings) = store.create_case(&doc.case)?;
    let ids: Vec<_> = store
        .get_case(id)?
        .data
        .interactions
        .iter()
        .filter_map(|i| i.id)
        .collect();
    for (i, (e, path)) in doc.evidence.iter().zip(&files).enumerate() {
        let meta = crate::store::EvidenceMeta {
            description: e.description.clone(),
            source: None,
            interactions: e.interactions.iter().filter_map(|&ix| ids.get(ix).copied()).collect(),
        };
        match store.import_evidence(id, path, &meta) {
            Ok(out) => warnings.extend(out.warnings.into_iter().map(|w| Problem {
                path: format!("evidence[{i}]"),
                reason: w.reason,
            })),
            Err(err) => {
                let _ = store.delete_case(id);
                return Err(Error::invalid(
                    format!("evidence[{i}]"),
                    format!("{}: {err}", path.display()),
                ));
            }
        }
    }
    Ok((id, warnings))
}

/// Writes a case as a document at `out`, its evidence copied into `<out stem>-evidence/` beside it and listed with
/// relative paths, so that importing the document elsewhere restores the case and its files. Returns the document
/// text.
///
/// Nothing half-written is ever left under a final name: the evidence is copied into a hidden temp folder that is
/// renamed to `<out stem>-evidence` only when every file is in (an earlier export's folder there is replaced), and
/// the document is written last, atomically. A failure removes the temp folder.
pub fn export(store: &crate::store::Store, case: crate::model::CaseId, out: &std::path::Path) -> Result<String> {
    store.check_export_target(out)?;
    let c = store.get_case(case)?;
    let items = store.list_evidence(case)?;
    let mut refs = Vec::new();
    if !items.is_empty() {
        let stem = out
            .file_stem()
            .map_or_else(|| "case".into(), |s| s.to_string_lossy().into_owned());
        let dir_name = crate::fsutil::safe_file_name(&format!("{stem}-evidence"), 200);
        let dir = out
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."))
            .join(&dir_name);
        store.check_export_target(&dir)?;
        let tmp = crate::fsutil::temp_beside(&dir)?;
        let _ = std::fs::remove_dir_all(&tmp);
        let copied = (|| {
            std::fs::create_dir(&tmp).map_err(|e| Error::io("create", &tmp, e))?;
            copy_evidence(store, &c.data, &items, &tmp, &dir_name)
        })();
        match copied {
            Ok(r) => refs = r,
            Err(e) => {
                let _ = std::fs::remove_dir_all(&tmp);
                return Err(e);
            }
        }
        replace_dir(&tmp, &dir)?;
    }
    let text = to_string(&c.data, &refs)?;
    crate::fsutil::write_atomically(out, text.as_bytes())?;
    Ok(text)
}

fn copy_evidence(
    store: &crate::store::Store,
    case: &CaseData,
    items: &[crate::store::EvidenceItem],
    into: &std::path::Path,
    dir_name: &str,
) -> Result<Vec<EvidenceRef>> {
    let vault = store.vault();
    let ids: Vec<_> = case.interactions.iter().map(|i| i.id).collect();
    let mut refs = Vec::new();
    for (n, it) in items.iter().enumerate() {
        let name = crate::fsutil::safe_file_name(&format!("{:02}-{}", n + 1, it.original_name), 200);
        let target = into.join(&name);
        std::fs::copy(vault.object_path(&it.sha256)?, &target)
            .map_err(|e| Error::io("copy evidence to", &target, e))?;
        let mut perms = std::fs::metadata(&target)
            .map_err(|e| Error::io("read", &target, e))?
            .permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        let _ = std::fs::set_permissions(&target, perms);
        refs.push(EvidenceRef {
            path: format!("{dir_name}/{name}"),
            description: it.description.clone(),
            interactions: it
                .interactions
                .iter()
                .filter_map(|iid| ids.iter().position(|x| *x == Some(*iid)))
                .collect(),
        });
    }
    Ok(refs)
}

/// Puts the finished folder `tmp` at `dir`; a folder already there (an earlier export) is moved aside first and
/// removed once the new one is in place, or put back if the rename fails.
fn replace_dir(tmp: &std::path::Path, dir: &std::path::Path) -> Result<()> {
    let old = dir.with_file_name(format!(
        ".{}.old-{}",
        dir.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        std::process::id()
    ));
    let had_old = match std::fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => {
            std::fs::rename(dir, &old).map_err(|e| Error::io("move aside", dir, e))?;
            true
        }
        Ok(_) => {
            let _ = std::fs::remove_dir_all(tmp);
            return Err(Error::invalid(
                "out",
                format!("{} exists and is not a folder; nothing was written", dir.display()),
            ));
        }
        Err(_) => false,
    };
    if let Err(e) = std::fs::rename(tmp, dir) {
        if had_old {
            let _ = std::fs::rename(&old, dir);
        }
        let _ = std::fs::remove_dir_all(tmp);
        return Err(Error::io("rename the evidence folder to", dir, e));
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}
