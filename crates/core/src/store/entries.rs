//! A case's contacts and demands one at a time, addressed by their stable ids: what the CLI's `interaction` and
//! `demand` commands do, so a volunteer can correct a case without exporting, editing JSON and importing it again.
//! Each change is a `FIELD=VALUE` list checked against the entry's own fields and then against the whole case, in
//! one transaction: nothing is written unless all of it holds.

use chrono::{DateTime, NaiveDateTime};
use serde_json::{Map, Value};

use super::Store;
use crate::model::{CaseId, Demand, DemandId, Interaction, InteractionId};
use crate::{Error, Problem, Result};

/// Fields whose value is a list, given as `a,b` (also `、` or `，` between items).
const LIST_FIELDS: [&str; 1] = ["problems"];

/// What a removal did besides removing: the user is told, since none of it is visible in the entry itself.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Removed {
    /// Evidence files that were linked to the removed contact: they stay in the case, no longer linked to it.
    pub unlinked_evidence: Vec<String>,
    /// Demands that named the removed contact as where they were made: they keep its date.
    pub demands_kept_date: Vec<DemandId>,
    pub warnings: Vec<Problem>,
}

/// Applies `FIELD=VALUE` pairs to a JSON object of an entry. `true`/`false` are yes/no, an empty value or `null`
/// clears, list fields split at commas, anything else is text. An unknown field is a problem naming the known ones.
pub(super) fn apply_sets(value: &mut Value, sets: &[(String, String)], what: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    let known: Vec<String> = value
        .as_object()
        .map(|m| m.keys().filter(|k| k.as_str() != "id").cloned().collect())
        .unwrap_or_default();
    for (field, raw) in sets {
        let slot = value
            .as_object_mut()
            .filter(|_| field != "id")
            .and_then(|m: &mut Map<String, Value>| m.get_mut(field.as_str()));
        let Some(slot) = slot else {
            problems.push(Problem {
                path: field.clone(),
                reason: format!("not a field of {what}; fields: {}", known.join(", ")),
            });
            continue;
        };
        *slot = if LIST_FIELDS.contains(&field.as_str()) {
            Value::Array(
                raw.split([',', '，', '、'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.to_owned()))
                    .collect(),
            )
        } else {
            match raw.as_str() {
                "" | "null" => Value::Null,
                "true" => Value::Bool(true),
                "false" => Value::Bool(false),
                text if field == "occurred_at" || field == "made_in" => Value::String(with_offset(text)),
                text => Value::String(text.to_owned()),
            }
        };
    }
    problems
}

/// `2026-09-05 10:00` (or with a `T`) is Beijing time: the offset is added. Anything else is left for the schema to
/// judge, so a wrong value gets the schema's message.
fn with_offset(text: &str) -> String {
    let t = text.trim();
    if DateTime::parse_from_rfc3339(t).is_ok() {
        return t.to_owned();
    }
    for f in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(t, f) {
            return format!("{}+08:00", n.format("%Y-%m-%dT%H:%M:%S"));
        }
    }
    t.to_owned()
}

/// The entry the changed value describes. If it does not make one, each change is tried alone on `original` so the
/// error names the field whose value is wrong.
fn parse_entry<T: serde::de::DeserializeOwned>(
    value: Value,
    original: &Value,
    sets: &[(String, String)],
    what: &str,
) -> Result<T> {
    match serde_json::from_value(without_nulls(value)) {
        Ok(t) => Ok(t),
        Err(whole) => {
            let mut wrong = Vec::new();
            for set in sets {
                let mut one = original.clone();
                apply_sets(&mut one, std::slice::from_ref(set), what);
                if let Err(e) = serde_json::from_value::<T>(without_nulls(one)) {
                    // A needed field still missing on its own is not this value's fault.
                    if !e.to_string().starts_with("missing field") {
                        wrong.push(Problem {
                            path: set.0.clone(),
                            reason: e.to_string(),
                        });
                    }
                }
            }
            if wrong.is_empty() {
                wrong.push(Problem {
                    path: what.into(),
                    reason: whole.to_string(),
                });
            }
            Err(Error::Invalid(wrong))
        }
    }
}

fn template_interaction() -> Value {
    serde_json::json!({
        "occurred_at": null, "channel": null, "agent": null, "agent_id": null, "ticket_no": null,
        "question": null, "answer": null, "problems": [], "loss": null, "note": null, "link_sender": null,
        "before_purchase": null,
    })
}

fn template_demand() -> Value {
    serde_json::json!({
        "kind": null, "amount": null, "text": null, "made_on": null, "made_in": null, "due_by": null,
        "unperformed_confirmed_on": null,
    })
}

/// The value with its `null` optional fields dropped (the model skips absent ones; `null` would be refused for the
/// fields that have no `null` in their schema).
fn without_nulls(mut v: Value) -> Value {
    if let Value::Object(m) = &mut v {
        m.retain(|_, x| !x.is_null());
    }
    v
}

fn not_in_case(what: &str, id: i64, case: CaseId) -> Error {
    Error::NotFound(format!(
        "case {case} has no {what} #{id} (see `weiquan case show {case}`)"
    ))
}

impl Store {
    /// Adds a contact from `FIELD=VALUE` pairs (`occurred_at` and `channel` are needed). It takes its place in time
    /// order; returns its id.
    pub fn add_interaction(
        &mut self,
        case: CaseId,
        sets: &[(String, String)],
    ) -> Result<(InteractionId, Vec<Problem>)> {
        let original = template_interaction();
        let mut value = original.clone();
        let problems = apply_sets(&mut value, sets, "a contact");
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let mut it: Interaction = parse_entry(value, &original, sets, "a contact")?;
        it.id = None;
        // A new row's id comes from the high-water mark, so it is the largest of the case's, read before commit.
        self.modify_case_then(
            case,
            |_, data| {
                let at = data.interactions.partition_point(|x| x.occurred_at <= it.occurred_at);
                data.interactions.insert(at, it);
                Ok(())
            },
            |tx| {
                Ok(InteractionId(tx.query_row(
                    "SELECT max(id) FROM interactions WHERE case_id = ?1",
                    [case.0],
                    |r| r.get(0),
                )?))
            },
        )
    }

    /// Changes fields of one contact. A changed time moves it into time order and the demands made in it follow.
    pub fn edit_interaction(
        &mut self,
        case: CaseId,
        iid: InteractionId,
        sets: &[(String, String)],
    ) -> Result<Vec<Problem>> {
        self.modify_case(case, |_, data| {
            let i = data
                .interactions
                .iter()
                .position(|x| x.id == Some(iid))
                .ok_or_else(|| not_in_case("contact", iid.0, case))?;
            let old = data.interactions[i].clone();
            let mut value = serde_json::to_value(&old).map_err(|e| Error::serialize("the contact", e))?;
            let mut full = template_interaction();
            if let (Some(f), Some(v)) = (full.as_object_mut(), value.as_object()) {
                for (k, x) in v {
                    f.insert(k.clone(), x.clone());
                }
            }
            value = full;
            let original = value.clone();
            let problems = apply_sets(&mut value, sets, "a contact");
            if !problems.is_empty() {
                return Err(Error::Invalid(problems));
            }
            let mut new: Interaction = parse_entry(value, &original, sets, "a contact")?;
            new.id = Some(iid);
            if new.occurred_at != old.occurred_at {
                for d in &mut data.demands {
                    if d.made_in == Some(old.occurred_at) {
                        d.made_in = Some(new.occurred_at);
                    }
                }
            }
            data.interactions.remove(i);
            let at = data.interactions.partition_point(|x| x.occurred_at <= new.occurred_at);
            data.interactions.insert(at, new);
            Ok(())
        })
    }

    /// Removes one contact. Evidence linked to it stays in the case, unlinked; a demand made in it keeps that day.
    pub fn remove_interaction(&mut self, case: CaseId, iid: InteractionId) -> Result<Removed> {
        let unlinked_evidence: Vec<String> = {
            let mut st = self.conn.prepare(
                "SELECT i.original_name FROM evidence_links l JOIN evidence_items i ON i.id = l.item_id
                  WHERE l.interaction_id = ?1 AND i.case_id = ?2 ORDER BY i.id",
            )?;
            let names = st
                .query_map([iid.0, case.0], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            names
        };
        let mut kept = Vec::new();
        let warnings = self.modify_case(case, |_, data| {
            let i = data
                .interactions
                .iter()
                .position(|x| x.id == Some(iid))
                .ok_or_else(|| not_in_case("contact", iid.0, case))?;
            let gone = data.interactions.remove(i);
            for d in &mut data.demands {
                if d.made_in == Some(gone.occurred_at) {
                    d.made_on = d.made_day();
                    d.made_in = None;
                    kept.extend(d.id);
                }
            }
            Ok(())
        })?;
        Ok(Removed {
            unlinked_evidence,
            demands_kept_date: kept,
            warnings,
        })
    }

    /// Adds a demand from `FIELD=VALUE` pairs (`kind` is needed); returns its id.
    pub fn add_demand(&mut self, case: CaseId, sets: &[(String, String)]) -> Result<(DemandId, Vec<Problem>)> {
        let original = template_demand();
        let mut value = original.clone();
        let problems = apply_sets(&mut value, sets, "a demand");
        if !problems.is_empty() {
            return Err(Error::Invalid(problems));
        }
        let mut dm: Demand = parse_entry(value, &original, sets, "a demand")?;
        dm.id = None;
        self.modify_case_then(
            case,
            |_, data| {
                data.demands.push(dm);
                Ok(())
            },
            |tx| {
                Ok(DemandId(tx.query_row(
                    "SELECT max(id) FROM demands WHERE case_id = ?1",
                    [case.0],
                    |r| r.get(0),
                )?))
            },
        )
    }

    /// Changes fields of one demand.
    pub fn edit_demand(&mut self, case: CaseId, did: DemandId, sets: &[(String, String)]) -> Result<Vec<Problem>> {
        self.modify_case(case, |_, data| {
            let slot = data
                .demands
                .iter_mut()
                .find(|d| d.id == Some(did))
                .ok_or_else(|| not_in_case("demand", did.0, case))?;
            let mut value = template_demand();
            let now = serde_json::to_value(&*slot).map_err(|e| Error::serialize("the demand", e))?;
            if let (Some(f), Some(v)) = (value.as_object_mut(), now.as_object()) {
                for (k, x) in v.iter().filter(|(k, _)| k.as_str() != "id") {
                    f.insert(k.clone(), x.clone());
                }
            }
            let original = value.clone();
            let problems = apply_sets(&mut value, sets, "a demand");
            if !problems.is_empty() {
                return Err(Error::Invalid(problems));
            }
            let mut new: Demand = parse_entry(value, &original, sets, "a demand")?;
            new.id = Some(did);
            *slot = new;
            Ok(())
        })
    }

    /// Removes one demand.
    pub fn remove_demand(&mut self, case: CaseId, did: DemandId) -> Result<Vec<Problem>> {
        self.modify_case(case, |_, data| {
            let i = data
                .demands
                .iter()
                .position(|d| d.id == Some(did))
                .ok_or_else(|| not_in_case("demand", did.0, case))?;
            data.demands.remove(i);
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_become_json_of_their_kind() {
        let mut v = template_interaction();
        let sets = [
            ("occurred_at".to_owned(), "2026-09-05 10:30".to_owned()),
            ("problems".to_owned(), "false_information、concealment".to_owned()),
            ("before_purchase".to_owned(), "true".to_owned()),
            ("agent".to_owned(), "".to_owned()),
            ("nonsense".to_owned(), "1".to_owned()),
            ("id".to_owned(), "7".to_owned()),
        ];
        let problems = apply_sets(&mut v, &sets, "a contact");
        assert_eq!(v["occurred_at"], "2026-09-05T10:30:00+08:00");
        assert_eq!(v["problems"], serde_json::json!(["false_information", "concealment"]));
        assert_eq!(v["before_purchase"], true);
        assert!(v["agent"].is_null());
        let paths: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["nonsense", "id"], "an unknown field and the id are refused");
        assert!(problems[0].reason.contains("question"), "{}", problems[0].reason);
    }
}
