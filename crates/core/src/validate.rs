//! Validation of a case, shared by every way in: the exchange format, the CLI and the desktop app. The schema
//! checks shape (types, closed sets, formats, lengths); the semantic checks cover what a schema cannot say.

use std::sync::OnceLock;

use chrono::Utc;
use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use crate::model::{credit_code, CaseData};
use crate::{Error, Problem, Result};

/// The name of the case document format, `weiquan.case/1`.
pub const FORMAT: &str = "weiquan.case/1";

/// The JSON Schema of a case document, as documented in docs/case-format.md: the contract that both the exchange
/// format and every save are checked against (so the documentation and the validator cannot drift).
pub const SCHEMA: &str = include_str!("../../../docs/case-format.schema.json");

fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let schema: Value = serde_json::from_str(SCHEMA).expect("the embedded schema is valid JSON");
        jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the embedded schema compiles")
    })
}

/// `/interactions/2/occurred_at` → `interactions[2].occurred_at`.
pub fn pointer_to_path(pointer: &str) -> String {
    let mut out = String::new();
    for seg in pointer.split('/').skip(1) {
        let seg = seg.replace("~1", "/").replace("~0", "~");
        if !seg.is_empty() && seg.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{seg}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&seg);
        }
    }
    out
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

fn list_options(options: &Value) -> String {
    match options {
        Value::Array(a) => a
            .iter()
            .filter(|v| !v.is_null())
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// Every schema violation in a document, each located and explained.
/// A validator's message quotes the value it refused: a hostile value of megabytes is cut, so an error names the
/// problem without echoing the whole of it.
fn shortened(message: String) -> String {
    const MAX: usize = 200;
    let n = message.chars().count();
    if n <= MAX {
        return message;
    }
    let head: String = message.chars().take(MAX).collect();
    format!("{head}… ({n} characters in all)")
}

pub fn schema_problems(doc: &Value) -> Vec<Problem> {
    let mut out = Vec::new();
    for e in validator().iter_errors(doc) {
        let path = pointer_to_path(e.instance_path().as_str());
        let last = path.rsplit(['.', '[']).next().unwrap_or("");
        match e.kind() {
            ValidationErrorKind::Required { property } => out.push(Problem {
                path: join(&path, property.as_str().unwrap_or("?")),
                reason: "missing (this field is required)".into(),
            }),
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                for u in unexpected {
                    out.push(Problem {
                        path: join(&path, u),
                        reason: format!("unknown field (not part of {FORMAT})"),
                    });
                }
            }
            kind => {
                let reason = match kind {
                    ValidationErrorKind::Format { format } if format == "date-time" => {
                        "not an RFC 3339 date-time (e.g. 2026-09-05T10:12:00+08:00)".to_owned()
                    }
                    ValidationErrorKind::Format { format } if format == "date" => {
                        "not a calendar date like 2026-09-01".to_owned()
                    }
                    ValidationErrorKind::Pattern { .. } => match last {
                        "amount" | "loss" => {
                            "not an amount in yuan like \"299.00\" (digits, at most two decimals)".into()
                        }
                        "phone" => "not a phone number (digits, spaces, +, -, brackets; 3 to 30 characters)".into(),
                        "id_number" => "not an 18-character 身份证号 (17 digits and a digit or X)".into(),
                        _ => shortened(e.to_string()),
                    },
                    ValidationErrorKind::Enum { options } => format!("must be one of {}", list_options(options)),
                    ValidationErrorKind::Constant { expected_value } => format!("must be {expected_value}"),
                    ValidationErrorKind::MinLength { .. } => "must not be empty".into(),
                    ValidationErrorKind::MaxLength { limit } => format!("too long (at most {limit} characters)"),
                    ValidationErrorKind::UniqueItems => "lists the same value twice".into(),
                    ValidationErrorKind::Type { kind } => format!("wrong type: expected {kind:?}").to_lowercase(),
                    _ => shortened(e.to_string()),
                };
                out.push(Problem { path, reason });
            }
        }
    }
    out
}

/// Checks what the schema cannot: returns (errors, warnings).
pub fn semantic_problems(case: &CaseData) -> (Vec<Problem>, Vec<Problem>) {
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let p = |path: &str, reason: String| Problem {
        path: path.to_owned(),
        reason,
    };
    if case.title.trim().is_empty() {
        errors.push(p("title", "must not be blank".into()));
    }
    // Fields printed into documents as one line of their own (the 授权委托书, the dossier's parties): a line break
    // or another control character there would write a line nobody typed into what she signs.
    let c = &case.complainant;
    let r = &case.respondent;
    let mut single: Vec<(String, Option<&str>)> = vec![
        ("title".into(), Some(case.title.as_str())),
        ("complainant.name".into(), c.name.as_deref()),
        ("complainant.phone".into(), c.phone.as_deref()),
        ("complainant.address".into(), c.address.as_deref()),
        ("complainant.id_number".into(), c.id_number.as_deref()),
        ("respondent.name".into(), r.name.as_deref()),
        ("respondent.credit_code".into(), r.credit_code.as_deref()),
        ("respondent.address".into(), r.address.as_deref()),
        ("respondent.platform".into(), r.platform.as_deref()),
        ("respondent.shop".into(), r.shop.as_deref()),
        ("respondent.url".into(), r.url.as_deref()),
        ("purchase.item".into(), case.purchase.item.as_deref()),
        ("purchase.order_no".into(), case.purchase.order_no.as_deref()),
    ];
    if let Some(a) = &case.agent {
        single.extend([
            ("agent.name".into(), Some(a.name.as_str())),
            ("agent.id_number".into(), a.id_number.as_deref()),
            ("agent.phone".into(), a.phone.as_deref()),
            ("agent.organisation".into(), a.organisation.as_deref()),
        ]);
    }
    for (i, it) in case.interactions.iter().enumerate() {
        single.extend([
            (format!("interactions[{i}].agent"), it.agent.as_deref()),
            (format!("interactions[{i}].agent_id"), it.agent_id.as_deref()),
            (format!("interactions[{i}].ticket_no"), it.ticket_no.as_deref()),
        ]);
    }
    for (path, value) in single {
        if value.is_some_and(|v| v.chars().any(char::is_control)) {
            errors.push(p(
                &path,
                "is one line: line breaks and other control characters are not allowed".into(),
            ));
        }
    }
    if let Some(a) = &case.agent {
        if a.name.trim().is_empty() {
            errors.push(p("agent.name", "must not be blank".into()));
        }
        if let (Some(from), Some(until)) = (a.term_from, a.term_until) {
            if until < from {
                errors.push(p(
                    "agent.term_until",
                    format!("{until} is earlier than the start of the term ({from})"),
                ));
            }
        }
    }
    for (i, w) in case.status_history.windows(2).enumerate() {
        if w[1].date < w[0].date {
            errors.push(p(
                &format!("status_history[{}].date", i + 1),
                format!("{} is earlier than the entry before it ({})", w[1].date, w[0].date),
            ));
        }
    }
    if let Some(last) = case.status_history.last() {
        if last.status != case.status {
            errors.push(p(
                "status",
                format!(
                    "is {} but the last status_history entry says {}",
                    case.status, last.status
                ),
            ));
        }
    }
    if let Some(code) = case.respondent.credit_code.as_deref().filter(|c| !c.trim().is_empty()) {
        if let Err(issue) = credit_code::check(code) {
            warnings.push(p("respondent.credit_code", issue.to_string()));
        }
    }
    for (field, ids) in [
        ("excluded_bases", &case.excluded_bases),
        ("included_bases", &case.included_bases),
    ] {
        for (i, id) in ids.iter().enumerate() {
            if !crate::legal::kb().rules.iter().any(|r| &r.id == id) {
                warnings.push(p(
                    &format!("{field}[{i}]"),
                    format!("{id:?} is not a legal basis this version knows; it has no effect"),
                ));
            }
        }
    }
    for (i, d) in case.demands.iter().enumerate() {
        if let Some(t) = d.made_in {
            if !case.interactions.iter().any(|it| it.occurred_at == t) {
                warnings.push(p(
                    &format!("demands[{i}].made_in"),
                    format!("no contact of this case took place at {}", t.to_rfc3339()),
                ));
            }
        }
        if let (Some(made), Some(confirmed)) = (d.made_day(), d.unperformed_confirmed_on) {
            if confirmed < made {
                errors.push(p(
                    &format!("demands[{i}].unperformed_confirmed_on"),
                    format!("{confirmed} is earlier than the day the demand was made ({made})"),
                ));
            }
        }
    }
    for (i, e) in case.events.iter().enumerate() {
        if let Some(c) = e.channel.as_deref() {
            if crate::deadlines::route::channel(c).is_none() {
                let known: Vec<_> = crate::deadlines::route::channels()
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect();
                errors.push(p(
                    &format!("events[{i}].channel"),
                    format!("{c:?} is not a channel; one of {}", known.join(", ")),
                ));
            }
        }
    }
    for (i, w) in case.events.windows(2).enumerate() {
        if w[1].date < w[0].date {
            errors.push(p(
                &format!("events[{}].date", i + 1),
                format!("{} is earlier than the event before it", w[1].date),
            ));
        }
    }
    let now = crate::clock::now().with_timezone(&Utc);
    for (i, it) in case.interactions.iter().enumerate() {
        if it.occurred_at.with_timezone(&Utc) > now + chrono::Duration::days(1) {
            warnings.push(p(
                &format!("interactions[{i}].occurred_at"),
                format!("{} is in the future", it.occurred_at.to_rfc3339()),
            ));
        }
    }
    if let Some(d) = case.purchase.date {
        if d > now.date_naive() + chrono::Duration::days(1) {
            warnings.push(p("purchase.date", format!("{d} is in the future")));
        }
    }
    let f = &case.facts;
    if let (Some(received), Some(requested)) = (f.goods_received_on, f.return_requested_on) {
        if requested < received {
            errors.push(p(
                "facts.return_requested_on",
                format!("{requested} is before the goods arrived ({received})"),
            ));
        }
    }
    if let (Some(bought), Some(received)) = (case.purchase.date, f.goods_received_on) {
        if received < bought {
            warnings.push(p(
                "facts.goods_received_on",
                format!("{received} is before the purchase date ({bought})"),
            ));
        }
    }
    (errors, warnings)
}

/// The case as its document (`format` first, ids left out), the shape the schema describes.
pub fn document_value(case: &CaseData) -> Result<Value> {
    let mut out = serde_json::Map::new();
    out.insert("format".into(), Value::String(FORMAT.into()));
    match serde_json::to_value(case.without_ids()).map_err(|e| Error::serialize("the case", e))? {
        Value::Object(m) => out.extend(m),
        _ => return Err(Error::Internal("a case did not serialize to an object".into())),
    }
    Ok(Value::Object(out))
}

/// Validates a case for saving: returns its warnings, or every problem that blocks it.
pub fn validate(case: &CaseData) -> Result<Vec<Problem>> {
    let doc = document_value(case)?;
    let mut errors = schema_problems(&doc);
    let (sem_errors, warnings) = semantic_problems(case);
    errors.extend(sem_errors);
    if errors.is_empty() {
        Ok(warnings)
    } else {
        Err(Error::Invalid(errors))
    }
}
