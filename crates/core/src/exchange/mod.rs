//! The `weiquan.case/1` exchange format: one JSON document that describes one case completely. It is how cases are
//! imported, exported, handed to a volunteer and fed to black-box tests, so its contract is a JSON Schema file
//! (`docs/case-format.schema.json`) compiled into the binary: the documentation and the validator cannot drift.
//!
//! A bad document is rejected whole, with every problem located by path (`interactions[2].occurred_at: …`).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::model::CaseData;
use crate::{Error, Problem, Result};

pub use crate::validate::{FORMAT, SCHEMA};

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
    /// The case's own id where it came from (`case_uid`); an import keeps it, so the 卷宗编号 stays the same.
    pub case_uid: Option<String>,
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
    let mut problems = crate::validate::schema_problems(&value);
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let obj = value
        .as_object_mut()
        .ok_or_else(|| Error::invalid("", "the document must be a JSON object"))?;
    obj.remove("format");
    let case_uid = obj.remove("case_uid").and_then(|v| v.as_str().map(str::to_owned));
    let evidence: Vec<EvidenceRef> = match obj.remove("evidence") {
        Some(v) => serde_json::from_value(v).map_err(|e| Error::invalid("evidence", e.to_string()))?,
        None => Vec::new(),
    };
    let case: CaseData = serde_json::from_value(value).map_err(|e| Error::invalid("", e.to_string()))?;
    let (errors, warnings) = crate::validate::semantic_problems(&case);
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
        case_uid,
        evidence,
        warnings,
    })
}

/// The document for a case, `format` first, as a JSON value.
pub fn to_value(case: &CaseData, evidence: &[EvidenceRef]) -> Result<Value> {
    to_value_with_uid(case, evidence, None)
}

/// The document for a stored case: with its own id (`case_uid`, after `format`) when it has one.
pub fn to_value_with_uid(case: &CaseData, evidence: &[EvidenceRef], uid: Option<&str>) -> Result<Value> {
    let Value::Object(doc) = crate::validate::document_value(case)? else {
        return Err(Error::Internal("a case did not serialize to an object".into()));
    };
    let mut out = serde_json::Map::new();
    for (k, v) in doc {
        out.insert(k.clone(), v);
        if k == "format" {
            if let Some(u) = uid {
                out.insert("case_uid".into(), Value::String(u.to_owned()));
            }
        }
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
    to_string_with_uid(case, evidence, None)
}

/// [`to_string`] for a stored case, with its `case_uid`.
pub fn to_string_with_uid(case: &CaseData, evidence: &[EvidenceRef], uid: Option<&str>) -> Result<String> {
    let v = to_value_with_uid(case, evidence, uid)?;
    let mut s = serde_json::to_string_pretty(&v).map_err(|e| Error::serialize("the document", e))?;
    s.push('\n');
    Ok(s)
}

/// Reads a case document from a file a stranger may have sent: a regular file of at most
/// [`crate::fsutil::MAX_DOCUMENT_BYTES`], never a pipe or a device.
pub fn read_document(path: &std::path::Path) -> Result<String> {
    crate::fsutil::read_text(path, crate::fsutil::MAX_DOCUMENT_BYTES)
}
