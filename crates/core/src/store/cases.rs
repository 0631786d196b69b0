//! Cases in the store: every write validates the case first and runs in one transaction, so a rejected or
//! failed save leaves the stored data exactly as it was.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction, TransactionBehavior};

use super::Store;
use crate::model::{
    Agent, AgentPower, Case, CaseData, CaseDetails, CaseEvent, CaseFacts, CaseId, CaseStatus, CaseSummary, Channel,
    Complainant, Demand, DemandId, DemandKind, EventKind, Industry, Interaction, InteractionId, LinkSender, Money,
    ParallelProceeding, ProblemKind, Purchase, Respondent, StatusChange, SupplyKind,
};
use crate::validate;
use crate::{Error, Problem, Result};

pub(super) fn now() -> DateTime<FixedOffset> {
    crate::clock::now()
}

/// A stored value this version cannot read, named in the error by its start only: a crafted row of megabytes is not
/// echoed whole into a message, a log or the window.
fn corrupt(what: &str, value: &str) -> Error {
    let n = value.chars().count();
    if n <= 80 {
        return Error::Corrupt(format!("unknown {what} {value:?} in the database"));
    }
    let head: String = value.chars().take(80).collect();
    Error::Corrupt(format!("unknown {what} {head:?}… ({n} characters) in the database"))
}

fn money(fen: Option<i64>) -> Result<Option<Money>> {
    fen.map(|f| Money::from_fen(f).ok_or_else(|| corrupt("amount", &f.to_string())))
        .transpose()
}

fn date(s: Option<String>) -> Result<Option<NaiveDate>> {
    s.map(|s| s.parse::<NaiveDate>().map_err(|_| corrupt("date", &s)))
        .transpose()
}

fn time(s: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s).map_err(|_| corrupt("time", s))
}

/// Parses a stored closed-set value, reporting an unknown one as corruption.
macro_rules! parse_enum {
    ($ty:ident, $v:expr) => {{
        let v: String = $v;
        $ty::parse(&v).ok_or_else(|| corrupt(stringify!($ty), &v))?
    }};
}

impl Store {
    /// Validates and stores a new case; returns its id and the warnings the user should see.
    pub fn create_case(&mut self, data: &CaseData) -> Result<(CaseId, Vec<Problem>)> {
        self.create_case_as(data, None)
    }

    /// [`Store::create_case`] keeping the case's own id from where it came from (an imported document's
    /// `case_uid`), so its 卷宗编号 stays the same; without one it gets a new random id. The same case imported a
    /// second time is kept, with a warning naming the case already here.
    pub fn create_case_as(&mut self, data: &CaseData, uid: Option<&str>) -> Result<(CaseId, Vec<Problem>)> {
        if let Some(u) = uid {
            if u.len() != 32 || !u.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
                return Err(Error::invalid(
                    "case_uid",
                    format!("{u:?} is not 32 lowercase hex digits"),
                ));
            }
        }
        let mut warnings = validate::validate(data)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let t = now().to_rfc3339();
        // A new id is above every id ever used, also by a deleted case (level 10's high-water mark).
        let id: i64 = tx.query_row(
            "UPDATE id_high_water SET last = max(last, (SELECT coalesce(max(id), 0) FROM cases)) + 1
              WHERE name = 'cases' RETURNING last",
            [],
            |r| r.get(0),
        )?;
        tx.execute(
            "INSERT INTO cases (id, title, industry, status, created_at, updated_at, purchase_personal_use, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5, 1, coalesce(?6, lower(hex(randomblob(16)))))",
            params![id, data.title, data.industry.as_str(), data.status.as_str(), t, uid],
        )?;
        if uid.is_some() {
            let mut st = tx.prepare("SELECT id FROM cases WHERE uid = ?1 AND id != ?2 ORDER BY id")?;
            let same: Vec<String> = st
                .query_map(params![uid, id], |r| r.get::<_, i64>(0))?
                .map(|r| r.map(|i| i.to_string()))
                .collect::<rusqlite::Result<_>>()?;
            if !same.is_empty() {
                warnings.push(Problem {
                    path: "case_uid".into(),
                    reason: format!(
                        "this case is already in the library as case {} (the same 卷宗编号); both are kept",
                        same.join(", ")
                    ),
                });
            }
        }
        let id = CaseId(id);
        write_case(&tx, id, data, &t)?;
        let uid: String = tx.query_row("SELECT uid FROM cases WHERE id = ?1", [id.0], |r| r.get(0))?;
        super::audit::append(
            &tx,
            Some(id),
            "case_created",
            &format!(
                "{} · 卷宗编号 {}",
                data.title,
                crate::model::case_number(Some(&uid), id)
            ),
        )?;
        tx.commit()?;
        self.anchor_audit_head();
        Ok((id, warnings))
    }

    /// Replaces everything a case says. The case keeps its id and creation time.
    pub fn update_case(&mut self, id: CaseId, data: &CaseData) -> Result<Vec<Problem>> {
        let warnings = validate::validate(data)?;
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        replace_case(&tx, id, data)?;
        tx.commit()?;
        self.anchor_audit_head();
        Ok(warnings)
    }

    /// Reads a case, changes it and writes it back inside one `BEGIN IMMEDIATE` transaction: the read sees the
    /// latest committed state and no other writer (the CLI, the app, another window) can commit in between, so
    /// concurrent changes are applied one after the other and none is lost. Another writer holding the lock longer
    /// than the busy timeout gets a clear "database is locked" error, with nothing written.
    pub(super) fn modify_case(
        &mut self,
        id: CaseId,
        change: impl FnOnce(&Transaction<'_>, &mut CaseData) -> Result<()>,
    ) -> Result<Vec<Problem>> {
        Ok(self.modify_case_then(id, change, |_| Ok(()))?.1)
    }

    /// [`Store::modify_case`], then `read_back` inside the same transaction, after the write (e.g. the id a new row
    /// was given): no other writer can come in between.
    pub(super) fn modify_case_then<T>(
        &mut self,
        id: CaseId,
        change: impl FnOnce(&Transaction<'_>, &mut CaseData) -> Result<()>,
        read_back: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<(T, Vec<Problem>)> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut data = read_case(&tx, id)?.data;
        change(&tx, &mut data)?;
        let warnings = validate::validate(&data)?;
        replace_case(&tx, id, &data)?;
        let back = read_back(&tx)?;
        tx.commit()?;
        self.anchor_audit_head();
        Ok((back, warnings))
    }

    /// Records what happened: a step of a complaint or a police report. A `filed` event without a channel means
    /// 12315; the event is checked against the case's history first (see `check_event`). The case's status follows
    /// the newest event (with its date in the status history).
    pub fn add_event(&mut self, id: CaseId, mut event: CaseEvent) -> Result<Vec<Problem>> {
        if event.kind == EventKind::Filed && event.channel.is_none() {
            event.channel = Some("12315".into());
        }
        let today = crate::clock::today();
        self.modify_case(id, |tx, data| {
            check_event(data, &mut event, today)?;
            if let Some(sha) = event.evidence.as_deref() {
                let known: bool = tx.query_row(
                    "SELECT EXISTS (SELECT 1 FROM evidence_items WHERE case_id = ?1 AND sha256 = ?2)",
                    params![id.0, sha],
                    |r| r.get(0),
                )?;
                if !known {
                    return Err(Error::invalid(
                        "evidence",
                        format!("{sha:?} is not the SHA-256 of an evidence file of case {}", id.0),
                    ));
                }
            }
            // Events stay in date order: one recorded late (a police report from before the filing) goes in its
            // place, and only the newest event moves the case's status.
            let at = data.events.partition_point(|x| x.date <= event.date);
            if at == data.events.len() {
                if let Some(status) = event.kind.status() {
                    if status != data.status || data.status_history.is_empty() {
                        data.status = status;
                        data.status_history.push(crate::model::StatusChange {
                            status,
                            date: event.date,
                        });
                    }
                }
            }
            data.events.insert(at, event);
            Ok(())
        })
    }

    /// Removes the most recent event (one recorded by mistake) and the status change it made, if it made one.
    pub fn remove_last_event(&mut self, id: CaseId) -> Result<Vec<Problem>> {
        self.modify_case(id, |_, data| {
            let Some(event) = data.events.pop() else {
                return Err(Error::invalid("events", "this case has no event to remove"));
            };
            let made_change = event.kind.status().is_some_and(|s| {
                data.status_history
                    .last()
                    .is_some_and(|h| h.status == s && h.date == event.date)
            });
            if made_change {
                data.status_history.pop();
                data.status = data
                    .status_history
                    .last()
                    .map_or(crate::model::CaseStatus::Draft, |h| h.status);
            }
            Ok(())
        })
    }

    /// Applies the case form's fields to the case as it is now (one `BEGIN IMMEDIATE` transaction). A changed status
    /// enters the status history with today's date.
    pub fn update_details(&mut self, id: CaseId, details: CaseDetails) -> Result<Vec<Problem>> {
        self.modify_case(id, |_, data| {
            apply_details(data, details);
            Ok(())
        })
    }

    /// Changes single fields of the case form by path, as the CLI's `case edit ID --set FIELD=VALUE` gives them:
    /// `title`, `industry`, `status`, `complainant.name`, `respondent.credit_code`, `purchase.amount`,
    /// `purchase.date`, `facts.quality_defect`, `parallel_proceeding`… `true` and `false` are yes and no, an empty
    /// VALUE (or `null`) clears an optional field, anything else is text (money as `199.00`, dates as `2026-09-05`). Every path is checked
    /// against the form's fields and the result validated; nothing is written unless all of it holds.
    pub fn edit_details(&mut self, id: CaseId, sets: &[(String, String)]) -> Result<Vec<Problem>> {
        self.modify_case(id, |_, data| {
            let mut value =
                serde_json::to_value(CaseDetails::of(data)).map_err(|e| Error::serialize("the case form", e))?;
            // Optional dates not set yet are left out of the form's JSON: put them in, so they can be set.
            if let Some(facts) = value.get_mut("facts").and_then(|f| f.as_object_mut()) {
                for key in ["problem_noticed_on", "goods_received_on", "return_requested_on"] {
                    facts.entry(key).or_insert(serde_json::Value::Null);
                }
            }
            let original = value.clone();
            let mut problems = Vec::new();
            for (path, raw) in sets {
                if path == "demands" || path.starts_with("demands.") {
                    problems.push(Problem {
                        path: path.clone(),
                        reason: "demands are changed with `weiquan demand`, not here".into(),
                    });
                    continue;
                }
                let pointer = format!("/{}", path.replace('.', "/"));
                match value.pointer_mut(&pointer) {
                    Some(slot) if !slot.is_object() && !slot.is_array() => {
                        // The form holds text, yes/no and nothing else (money and dates are text too).
                        *slot = form_value(raw);
                    }
                    _ => problems.push(Problem {
                        path: path.clone(),
                        reason: format!(
                            "not a field of the case form; fields: {}",
                            leaf_paths(&value).join(", ")
                        ),
                    }),
                }
            }
            if !problems.is_empty() {
                return Err(Error::Invalid(problems));
            }
            let details: CaseDetails = match serde_json::from_value(value) {
                Ok(d) => d,
                // Name the field whose value is wrong: each change alone, on the form as it was.
                Err(whole) => {
                    let mut wrong = Vec::new();
                    for (path, raw) in sets {
                        let mut one = original.clone();
                        if let Some(slot) = one.pointer_mut(&format!("/{}", path.replace('.', "/"))) {
                            *slot = form_value(raw);
                        }
                        if let Err(e) = serde_json::from_value::<CaseDetails>(one) {
                            wrong.push(Problem {
                                path: path.clone(),
                                reason: e.to_string(),
                            });
                        }
                    }
                    if wrong.is_empty() {
                        wrong.push(Problem {
                            path: "--set".into(),
                            reason: whole.to_string(),
                        });
                    }
                    return Err(Error::Invalid(wrong));
                }
            };
            apply_details(data, details);
            Ok(())
        })
    }

    /// Replaces the case's demands (the 诉求 tab), leaving everything else as it is now.
    pub fn set_demands(&mut self, id: CaseId, demands: Vec<Demand>) -> Result<Vec<Problem>> {
        self.modify_case(id, |_, data| {
            data.demands = demands;
            Ok(())
        })
    }

    /// Sets who files for the consumer (委托代理人), or with `None` that she files herself; the case is validated as
    /// a whole (a term that ends before it starts is refused).
    pub fn set_agent(&mut self, id: CaseId, agent: Option<Agent>) -> Result<Vec<Problem>> {
        self.modify_case(id, |_, data| {
            data.agent = agent;
            Ok(())
        })
    }

    /// Keeps a suggested legal basis in the dossier or leaves it out.
    pub fn set_basis_included(&mut self, id: CaseId, rule: &str, included: bool) -> Result<Vec<Problem>> {
        if !crate::legal::kb().rules.iter().any(|r| r.id == rule) {
            return Err(Error::invalid(
                "rule",
                format!("{rule:?} is not a legal basis this version knows"),
            ));
        }
        self.modify_case(id, |_, data| {
            data.excluded_bases.retain(|r| r != rule);
            data.included_bases.retain(|r| r != rule);
            if included {
                data.included_bases.push(rule.to_owned());
            } else {
                data.excluded_bases.push(rule.to_owned());
            }
            Ok(())
        })
    }

    /// Deletes a case with everything in it; evidence files no other case uses leave the vault too.
    pub fn delete_case(&mut self, id: CaseId) -> Result<()> {
        let tx = self.conn.transaction()?;
        let title: Option<String> = tx
            .query_row("SELECT title FROM cases WHERE id = ?1", [id.0], |r| r.get(0))
            .optional()?;
        let Some(title) = title else {
            return Err(Error::CaseNotFound(id));
        };
        // The case's items go with it (cascade); their rows in the text index are removed first.
        tx.execute(
            "DELETE FROM evidence_search WHERE rowid IN (SELECT id FROM evidence_items WHERE case_id = ?1)",
            [id.0],
        )?;
        tx.execute("DELETE FROM cases WHERE id = ?1", [id.0])?;
        tx.execute("DELETE FROM case_search WHERE rowid = ?1", [id.0])?;
        let orphans: Vec<String> = {
            let mut st = tx.prepare(
                "SELECT sha256 FROM evidence_objects o
                  WHERE NOT EXISTS (SELECT 1 FROM evidence_items i WHERE i.sha256 = o.sha256)",
            )?;
            let v = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            v
        };
        for sha in &orphans {
            tx.execute("DELETE FROM evidence_objects WHERE sha256 = ?1", [sha])?;
        }
        super::audit::append(&tx, Some(id), "case_deleted", &title)?;
        tx.commit()?;
        self.anchor_audit_head();
        let vault = self.vault();
        for sha in orphans {
            // A row whose hash is not a SHA-256 names no file of ours: nothing is removed for it.
            if let (Ok(object), Ok(thumb)) = (vault.object_path(&sha), vault.thumb_path(&sha)) {
                let _ = std::fs::remove_file(object);
                let _ = std::fs::remove_file(thumb);
            }
        }
        Ok(())
    }

    pub fn get_case(&self, id: CaseId) -> Result<Case> {
        read_case(&self.conn, id)
    }
    /// The case list, most recently changed first. With a search text, only cases whose title, respondent,
    /// purchase, questions, answers or notes contain it (Chinese substrings work).
    pub fn list_cases(&self, search: Option<&str>) -> Result<Vec<CaseSummary>> {
        let (sql, arg) = list_query(search);
        let mut st = self.conn.prepare(&sql)?;
        let map = |r: &Row<'_>| -> rusqlite::Result<SummaryRow> { r.try_into() };
        let rows: Vec<_> = match arg {
            Some(a) => st.query_map([a], map)?.collect::<rusqlite::Result<_>>()?,
            None => st.query_map([], map)?.collect::<rusqlite::Result<_>>()?,
        };
        rows.into_iter()
            .map(|(id, title, status, industry, respondent, updated, n)| {
                Ok(CaseSummary {
                    id: CaseId(id),
                    title,
                    status: parse_enum!(CaseStatus, status),
                    industry: parse_enum!(Industry, industry),
                    respondent,
                    interaction_count: n,
                    updated_at: time(&updated)?,
                })
            })
            .collect()
    }
}

fn read_case(conn: &Connection, id: CaseId) -> Result<Case> {
    let row = conn
        .query_row("SELECT * FROM cases WHERE id = ?1", [id.0], |r| {
            Ok(CaseRow::from_row(r))
        })
        .optional()?
        .ok_or(Error::CaseNotFound(id))?;
    let row = row?;
    let mut data = row.data()?;

    let mut st =
        conn.prepare_cached("SELECT status, date FROM case_status_history WHERE case_id = ?1 ORDER BY position")?;
    let history: Vec<(String, String)> = st
        .query_map([id.0], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (s, d) in history {
        data.status_history.push(StatusChange {
            status: parse_enum!(CaseStatus, s),
            date: date(Some(d))?.ok_or_else(|| corrupt("date", ""))?,
        });
    }

    let mut st = conn.prepare_cached(
        "SELECT id, occurred_at, channel, agent, agent_id, ticket_no, question, answer, loss_fen, note,
                link_sender, before_purchase
           FROM interactions WHERE case_id = ?1 ORDER BY position",
    )?;
    let mut probs =
        conn.prepare_cached("SELECT kind FROM interaction_problems WHERE interaction_id = ?1 ORDER BY position")?;
    let rows: Vec<InteractionRow> = st
        .query_map([id.0], |r| {
            Ok(InteractionRow {
                id: r.get(0)?,
                occurred_at: r.get(1)?,
                channel: r.get(2)?,
                agent: r.get(3)?,
                agent_id: r.get(4)?,
                ticket_no: r.get(5)?,
                question: r.get(6)?,
                answer: r.get(7)?,
                loss_fen: r.get(8)?,
                note: r.get(9)?,
                link_sender: r.get(10)?,
                before_purchase: r.get(11)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    for r in rows {
        let kinds: Vec<String> = probs
            .query_map([r.id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut problems = Vec::with_capacity(kinds.len());
        for k in kinds {
            problems.push(parse_enum!(ProblemKind, k));
        }
        data.interactions.push(Interaction {
            id: Some(InteractionId(r.id)),
            occurred_at: time(&r.occurred_at)?,
            channel: parse_enum!(Channel, r.channel),
            agent: r.agent,
            agent_id: r.agent_id,
            ticket_no: r.ticket_no,
            question: r.question,
            answer: r.answer,
            problems,
            loss: money(r.loss_fen)?,
            note: r.note,
            link_sender: match r.link_sender {
                Some(s) => Some(parse_enum!(LinkSender, s)),
                None => None,
            },
            before_purchase: r.before_purchase,
        });
    }

    let mut st = conn.prepare_cached(
        "SELECT kind, amount_fen, text, made_on, due_by, unperformed_confirmed_on, made_in, id
               FROM demands WHERE case_id = ?1 ORDER BY position",
    )?;
    type DemandRow = (
        i64,
        String,
        Option<i64>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let demands: Vec<DemandRow> = st
        .query_map([id.0], |r| {
            Ok((
                r.get(7)?,
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (did, k, a, t, made, due, confirmed, made_in) in demands {
        data.demands.push(Demand {
            id: Some(DemandId(did)),
            kind: parse_enum!(DemandKind, k),
            amount: money(a)?,
            text: t,
            made_on: date(made)?,
            made_in: made_in.as_deref().map(time).transpose()?,
            due_by: date(due)?,
            unperformed_confirmed_on: date(confirmed)?,
        });
    }

    let mut st = conn.prepare_cached("SELECT rule_id FROM case_excluded_bases WHERE case_id = ?1 ORDER BY position")?;
    data.excluded_bases = st.query_map([id.0], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached("SELECT rule_id FROM case_included_bases WHERE case_id = ?1 ORDER BY position")?;
    data.included_bases = st.query_map([id.0], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;

    let mut st = conn.prepare_cached(
        "SELECT kind, date, channel, reference, note, evidence_sha256 FROM case_events WHERE case_id = ?1 ORDER BY position",
    )?;
    type EventRow = (
        String,
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<EventRow> = st
        .query_map([id.0], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (kind, d, channel, reference, note, evidence) in rows {
        data.events.push(CaseEvent {
            kind: parse_enum!(EventKind, kind),
            date: date(Some(d))?.ok_or_else(|| corrupt("date", ""))?,
            channel,
            reference,
            note,
            evidence,
        });
    }

    data.agent = read_agent(conn, id)?;

    let (_, warnings) = validate::semantic_problems(&data);
    Ok(Case {
        id,
        uid: row.uid.clone(),
        created_at: time(&row.created_at)?,
        updated_at: time(&row.updated_at)?,
        data,
        warnings,
    })
}

/// The case's agent, if it has one. A flag other than 0 or 1 (a hand edit) is refused, not read as "yes".
fn read_agent(conn: &Connection, id: CaseId) -> Result<Option<Agent>> {
    type AgentRow = (
        String,
        Option<String>,
        Option<String>,
        Option<String>,
        [i64; 3],
        Option<String>,
        Option<String>,
    );
    let row: Option<AgentRow> = conn
        .prepare_cached(
            "SELECT name, id_number, phone, organisation, may_complain, may_mediate, may_receive, term_from, term_until
               FROM case_agents WHERE case_id = ?1",
        )?
        .query_row([id.0], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                [r.get(4)?, r.get(5)?, r.get(6)?],
                r.get(7)?,
                r.get(8)?,
            ))
        })
        .optional()?;
    let Some((name, id_number, phone, organisation, flags, from, until)) = row else {
        return Ok(None);
    };
    let mut powers = Vec::new();
    for (flag, power) in
        flags
            .into_iter()
            .zip([AgentPower::Complain, AgentPower::Mediate, AgentPower::ReceiveDocuments])
    {
        match flag {
            0 => {}
            1 => powers.push(power),
            other => return Err(corrupt("agent power flag", &other.to_string())),
        }
    }
    Ok(Some(Agent {
        name,
        id_number,
        phone,
        organisation,
        powers,
        term_from: date(from)?,
        term_until: date(until)?,
    }))
}

/// Whether `e` can follow the events the case already has: nothing in the future; an acceptance, refusal, mediation,
/// result or withdrawal only after a complaint was filed with that channel (the channel, if not given, is the one
/// filed with last) and not dated before it; within one channel, dates never go backwards. A police report stands
/// apart: it is not a step of any complaint.
fn check_event(data: &CaseData, e: &mut CaseEvent, today: NaiveDate) -> Result<()> {
    let label = e.kind.as_str();
    if e.date > today {
        return Err(Error::invalid(
            "date",
            format!(
                "{} is after today ({today}): record {label} when it has happened",
                e.date
            ),
        ));
    }
    if e.kind == EventKind::PoliceReport {
        return Ok(());
    }
    let needs_filing = matches!(
        e.kind,
        EventKind::Accepted
            | EventKind::Refused
            | EventKind::MediationStarted
            | EventKind::MediationEnded
            | EventKind::Resolved
            | EventKind::Withdrawn
            | EventKind::TestingStarted
            | EventKind::TestingEnded
    );
    let filings: Vec<&CaseEvent> = data.events.iter().filter(|x| x.kind == EventKind::Filed).collect();
    if needs_filing {
        if e.channel.is_none() {
            e.channel = filings.iter().max_by_key(|f| f.date).and_then(|f| f.channel.clone());
        }
        let channel = e.channel.as_deref().unwrap_or("");
        let filed = filings
            .iter()
            .filter(|f| f.channel.as_deref() == Some(channel))
            .max_by_key(|f| f.date);
        match filed {
            None if filings.is_empty() => {
                return Err(Error::invalid(
                    "kind",
                    format!("{label} follows a complaint, and this case has none filed: record `filed` (its date and channel) first"),
                ))
            }
            None => {
                let with: Vec<&str> = filings.iter().filter_map(|f| f.channel.as_deref()).collect();
                return Err(Error::invalid(
                    "channel",
                    format!("no complaint was filed with {channel:?}; this case was filed with {}", with.join(", ")),
                ));
            }
            Some(f) if f.date > e.date => {
                return Err(Error::invalid(
                    "date",
                    format!("{} is before the complaint was filed with {channel} on {}", e.date, f.date),
                ))
            }
            Some(_) => {}
        }
    }
    // Testing (鉴定、检测) is a span: it ends only once it began, and does not begin twice at once.
    if matches!(e.kind, EventKind::TestingStarted | EventKind::TestingEnded) {
        let open = data
            .events
            .iter()
            .filter(|x| x.channel == e.channel)
            .fold(false, |open, x| match x.kind {
                EventKind::TestingStarted => true,
                EventKind::TestingEnded => false,
                _ => open,
            });
        if e.kind == EventKind::TestingEnded && !open {
            return Err(Error::invalid(
                "kind",
                format!("{label}: no testing or appraisal was recorded as started in this channel"),
            ));
        }
        if e.kind == EventKind::TestingStarted && open {
            return Err(Error::invalid(
                "kind",
                format!("{label}: testing or appraisal is already under way; record its end first"),
            ));
        }
    }
    let same_channel = |x: &&CaseEvent| x.kind != EventKind::PoliceReport && x.channel == e.channel;
    if let Some(last) = data.events.iter().filter(same_channel).max_by_key(|x| x.date) {
        if e.date < last.date {
            return Err(Error::invalid(
                "date",
                format!(
                    "{} is before the last event of this channel ({} on {}): events are recorded in the order they happened",
                    e.date,
                    last.kind.as_str(),
                    last.date
                ),
            ));
        }
    }
    Ok(())
}

/// Empties a case's children and writes it again (the caller validated it), with its audit record.
fn replace_case(tx: &Transaction<'_>, id: CaseId, data: &CaseData) -> Result<()> {
    let exists: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM cases WHERE id = ?1)", [id.0], |r| {
        r.get(0)
    })?;
    if !exists {
        return Err(Error::CaseNotFound(id));
    }
    tx.execute("DELETE FROM case_status_history WHERE case_id = ?1", [id.0])?;
    tx.execute("DELETE FROM case_excluded_bases WHERE case_id = ?1", [id.0])?;
    tx.execute("DELETE FROM case_included_bases WHERE case_id = ?1", [id.0])?;
    tx.execute("DELETE FROM case_events WHERE case_id = ?1", [id.0])?;
    tx.execute("DELETE FROM case_agents WHERE case_id = ?1", [id.0])?;
    write_case(tx, id, data, &now().to_rfc3339())?;
    super::audit::append(tx, Some(id), "case_updated", &data.title)?;
    Ok(())
}

/// id, title, status, industry, respondent, updated_at, interaction count.
type SummaryRow = (i64, String, String, String, Option<String>, String, i64);

struct InteractionRow {
    id: i64,
    occurred_at: String,
    channel: String,
    agent: Option<String>,
    agent_id: Option<String>,
    ticket_no: Option<String>,
    question: Option<String>,
    answer: Option<String>,
    loss_fen: Option<i64>,
    note: Option<String>,
    link_sender: Option<String>,
    before_purchase: Option<bool>,
}

struct CaseRow {
    title: String,
    industry: String,
    status: String,
    complainant: [Option<String>; 4],
    respondent: [Option<String>; 6],
    odr: bool,
    item: Option<String>,
    amount_fen: Option<i64>,
    date: Option<String>,
    order_no: Option<String>,
    personal_use: bool,
    parallel_proceeding: Option<String>,
    supply: Option<String>,
    platform: Option<bool>,
    /// quality defect, unsafe food, leak suspected, deposit, marketing contact
    flags: [bool; 5],
    /// problem noticed, goods received, return requested
    fact_dates: [Option<String>; 3],
    uid: Option<String>,
    created_at: String,
    updated_at: String,
}

impl CaseRow {
    fn from_row(r: &Row<'_>) -> Result<CaseRow> {
        Ok(CaseRow {
            title: r.get("title")?,
            industry: r.get("industry")?,
            status: r.get("status")?,
            complainant: [
                r.get("complainant_name")?,
                r.get("complainant_phone")?,
                r.get("complainant_address")?,
                r.get("complainant_id_number")?,
            ],
            respondent: [
                r.get("respondent_name")?,
                r.get("respondent_credit_code")?,
                r.get("respondent_address")?,
                r.get("respondent_platform")?,
                r.get("respondent_shop")?,
                r.get("respondent_url")?,
            ],
            odr: r.get("respondent_odr")?,
            item: r.get("purchase_item")?,
            amount_fen: r.get("purchase_amount_fen")?,
            date: r.get("purchase_date")?,
            order_no: r.get("purchase_order_no")?,
            personal_use: r.get("purchase_personal_use")?,
            parallel_proceeding: r.get("parallel_proceeding")?,
            supply: r.get("fact_supply")?,
            platform: r.get("fact_platform")?,
            flags: [
                r.get("fact_quality_defect")?,
                r.get("fact_food_unsafe")?,
                r.get("fact_leak_suspected")?,
                r.get("fact_deposit")?,
                r.get("fact_marketing_contact")?,
            ],
            fact_dates: [
                r.get("fact_problem_noticed_on")?,
                r.get("fact_goods_received_on")?,
                r.get("fact_return_requested_on")?,
            ],
            uid: r.get("uid")?,
            created_at: r.get("created_at")?,
            updated_at: r.get("updated_at")?,
        })
    }

    fn data(&self) -> Result<CaseData> {
        let [name, phone, address, id_number] = self.complainant.clone();
        let [rname, credit_code, raddress, platform, shop, url] = self.respondent.clone();
        Ok(CaseData {
            title: self.title.clone(),
            industry: parse_enum!(Industry, self.industry.clone()),
            status: parse_enum!(CaseStatus, self.status.clone()),
            status_history: Vec::new(),
            complainant: Complainant {
                name,
                phone,
                address,
                id_number,
            },
            respondent: Respondent {
                name: rname,
                credit_code,
                address: raddress,
                platform,
                shop,
                url,
                odr: self.odr,
            },
            purchase: Purchase {
                item: self.item.clone(),
                amount: money(self.amount_fen)?,
                date: date(self.date.clone())?,
                order_no: self.order_no.clone(),
                personal_use: self.personal_use,
            },
            interactions: Vec::new(),
            demands: Vec::new(),
            facts: {
                let [quality_defect, food_unsafe, leak_suspected, deposit, marketing_contact] = self.flags;
                let [noticed, received, requested] = self.fact_dates.clone();
                CaseFacts {
                    supply: match self.supply.clone() {
                        Some(s) => Some(parse_enum!(SupplyKind, s)),
                        None => None,
                    },
                    respondent_is_platform: self.platform,
                    quality_defect,
                    food_unsafe,
                    leak_suspected,
                    deposit,
                    marketing_contact,
                    problem_noticed_on: date(noticed)?,
                    goods_received_on: date(received)?,
                    return_requested_on: date(requested)?,
                }
            },
            excluded_bases: Vec::new(),
            included_bases: Vec::new(),
            events: Vec::new(),
            agent: None,
            parallel_proceeding: match self.parallel_proceeding.clone() {
                Some(p) => Some(parse_enum!(ParallelProceeding, p)),
                None => None,
            },
        })
    }
}

/// Writes the case row's fields and all its children (which the caller has cleared), and its search row.
fn write_case(tx: &Transaction<'_>, id: CaseId, d: &CaseData, updated_at: &str) -> Result<()> {
    let c = &d.complainant;
    let r = &d.respondent;
    let p = &d.purchase;
    tx.execute(
        "UPDATE cases SET title = ?2, industry = ?3, status = ?4,
                complainant_name = ?5, complainant_phone = ?6, complainant_address = ?7, complainant_id_number = ?8,
                respondent_name = ?9, respondent_credit_code = ?10, respondent_address = ?11,
                respondent_platform = ?12, respondent_shop = ?13, respondent_url = ?14,
                purchase_item = ?15, purchase_amount_fen = ?16, purchase_date = ?17, purchase_order_no = ?18,
                purchase_personal_use = ?19, updated_at = ?20, parallel_proceeding = ?21, respondent_odr = ?22,
                fact_supply = ?23, fact_platform = ?24, fact_quality_defect = ?25, fact_food_unsafe = ?26,
                fact_leak_suspected = ?27, fact_deposit = ?28, fact_marketing_contact = ?29,
                fact_problem_noticed_on = ?30, fact_goods_received_on = ?31, fact_return_requested_on = ?32
          WHERE id = ?1",
        params![
            id.0,
            d.title,
            d.industry.as_str(),
            d.status.as_str(),
            c.name,
            c.phone,
            c.address,
            c.id_number,
            r.name,
            r.credit_code,
            r.address,
            r.platform,
            r.shop,
            r.url,
            p.item,
            p.amount.map(Money::fen),
            p.date.map(|d| d.to_string()),
            p.order_no,
            p.personal_use,
            updated_at,
            d.parallel_proceeding.map(ParallelProceeding::as_str),
            r.odr,
            d.facts.supply.map(SupplyKind::as_str),
            d.facts.respondent_is_platform,
            d.facts.quality_defect,
            d.facts.food_unsafe,
            d.facts.leak_suspected,
            d.facts.deposit,
            d.facts.marketing_contact,
            d.facts.problem_noticed_on.map(|d| d.to_string()),
            d.facts.goods_received_on.map(|d| d.to_string()),
            d.facts.return_requested_on.map(|d| d.to_string()),
        ],
    )?;
    for (i, s) in d.status_history.iter().enumerate() {
        tx.execute(
            "INSERT INTO case_status_history (case_id, position, status, date) VALUES (?1, ?2, ?3, ?4)",
            params![id.0, i as i64, s.status.as_str(), s.date.to_string()],
        )?;
    }
    let mut body = vec![
        p.item.clone().unwrap_or_default(),
        p.order_no.clone().unwrap_or_default(),
    ];
    write_interactions(tx, id, &d.interactions)?;
    for it in &d.interactions {
        for t in [&it.agent, &it.ticket_no, &it.question, &it.answer, &it.note]
            .into_iter()
            .flatten()
        {
            body.push(t.clone());
        }
    }
    write_demands(tx, id, &d.demands)?;
    for (i, e) in d.events.iter().enumerate() {
        tx.execute(
            "INSERT INTO case_events (case_id, position, kind, date, channel, reference, note, evidence_sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                id.0,
                i as i64,
                e.kind.as_str(),
                e.date.to_string(),
                e.channel,
                e.reference,
                e.note,
                e.evidence
            ],
        )?;
    }
    if let Some(a) = &d.agent {
        tx.execute(
            "INSERT INTO case_agents (case_id, name, id_number, phone, organisation, may_complain, may_mediate,
                                      may_receive, term_from, term_until)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                id.0,
                a.name,
                a.id_number,
                a.phone,
                a.organisation,
                a.powers.contains(&AgentPower::Complain),
                a.powers.contains(&AgentPower::Mediate),
                a.powers.contains(&AgentPower::ReceiveDocuments),
                a.term_from.map(|d| d.to_string()),
                a.term_until.map(|d| d.to_string()),
            ],
        )?;
    }
    for (i, rule) in d.excluded_bases.iter().enumerate() {
        tx.execute(
            "INSERT INTO case_excluded_bases (case_id, position, rule_id) VALUES (?1, ?2, ?3)",
            params![id.0, i as i64, rule],
        )?;
    }
    for (i, rule) in d.included_bases.iter().enumerate() {
        tx.execute(
            "INSERT INTO case_included_bases (case_id, position, rule_id) VALUES (?1, ?2, ?3)",
            params![id.0, i as i64, rule],
        )?;
    }
    let respondent = [&r.name, &r.shop, &r.platform]
        .into_iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    tx.execute("DELETE FROM case_search WHERE rowid = ?1", [id.0])?;
    tx.execute(
        "INSERT INTO case_search (rowid, title, respondent, body) VALUES (?1, ?2, ?3, ?4)",
        params![id.0, d.title, respondent, body.join(" ")],
    )?;
    Ok(())
}

/// The next id for a new row of `table` (`interactions` or `demands`): above every id that table has ever given, also
/// to a row since deleted (level 11's high-water mark), so an id a script or a note holds never names another row.
fn next_id(tx: &Transaction<'_>, table: &'static str) -> Result<i64> {
    let sql = format!(
        "UPDATE id_high_water SET last = max(last, (SELECT coalesce(max(id), 0) FROM {table})) + 1
          WHERE name = ?1 RETURNING last"
    );
    Ok(tx.query_row(&sql, [table], |r| r.get(0))?)
}

/// Writes a case's demands in order. Those with an id keep it (so `demand set 3 12` still means the same demand after
/// an edit), new ones get a fresh id, and so does one whose id is no longer stored (a removed demand put back by
/// 撤销); an id of another case's demand, or one listed twice, is refused.
fn write_demands(tx: &Transaction<'_>, case: CaseId, list: &[Demand]) -> Result<()> {
    let owned: std::collections::BTreeSet<i64> = {
        let mut st = tx.prepare_cached("SELECT id FROM demands WHERE case_id = ?1")?;
        let ids = st.query_map([case.0], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        ids
    };
    let mut seen = std::collections::BTreeSet::new();
    let mut fresh = vec![false; list.len()];
    for (i, dm) in list.iter().enumerate() {
        if let Some(DemandId(did)) = dm.id {
            if !owned.contains(&did) {
                let elsewhere: bool =
                    tx.query_row("SELECT EXISTS (SELECT 1 FROM demands WHERE id = ?1)", [did], |r| {
                        r.get(0)
                    })?;
                if elsewhere {
                    return Err(Error::invalid(
                        format!("demands[{i}].id"),
                        format!("demand {did} does not belong to case {case}"),
                    ));
                }
                fresh[i] = true;
                continue;
            }
            if !seen.insert(did) {
                return Err(Error::invalid(
                    format!("demands[{i}].id"),
                    "the same demand is listed twice",
                ));
            }
        }
    }
    tx.execute("DELETE FROM demands WHERE case_id = ?1", [case.0])?;
    let mut ins = tx.prepare_cached(
        "INSERT INTO demands (id, case_id, position, kind, amount_fen, text, made_on, due_by,
                              unperformed_confirmed_on, made_in)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (i, dm) in list.iter().enumerate() {
        let did = match dm.id {
            Some(DemandId(did)) if !fresh[i] => did,
            _ => next_id(tx, "demands")?,
        };
        ins.execute(params![
            did,
            case.0,
            i as i64,
            dm.kind.as_str(),
            dm.amount.map(Money::fen),
            dm.text,
            dm.made_on.map(|d| d.to_string()),
            dm.due_by.map(|d| d.to_string()),
            dm.unperformed_confirmed_on.map(|d| d.to_string()),
            dm.made_in.map(|t| t.to_rfc3339()),
        ])?;
    }
    Ok(())
}

/// Writes a case's interactions in order. Those with an id keep their row (so evidence links survive an edit), new
/// ones get a row, and rows no longer listed are deleted (their evidence links with them).
fn write_interactions(tx: &Transaction<'_>, case: CaseId, list: &[Interaction]) -> Result<()> {
    let mut seen = std::collections::BTreeSet::new();
    for (i, it) in list.iter().enumerate() {
        if let Some(iid) = it.id {
            if !seen.insert(iid) {
                return Err(Error::invalid(
                    format!("interactions[{i}].id"),
                    "the same interaction is listed twice",
                ));
            }
        }
    }
    // Park existing rows at negative positions so the (case_id, position) key is free while rows move.
    tx.execute(
        "UPDATE interactions SET position = -1 - position WHERE case_id = ?1 AND position >= 0",
        [case.0],
    )?;
    let mut owned = tx.prepare_cached("SELECT 1 FROM interactions WHERE id = ?1 AND case_id = ?2")?;
    let mut update = tx.prepare_cached(
        "UPDATE interactions SET position = ?3, occurred_at = ?4, occurred_at_utc = ?5, channel = ?6, agent = ?7,
                agent_id = ?8, ticket_no = ?9, question = ?10, answer = ?11, loss_fen = ?12, note = ?13,
                link_sender = ?14, before_purchase = ?15
          WHERE id = ?1 AND case_id = ?2",
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO interactions (id, case_id, position, occurred_at, occurred_at_utc, channel, agent, agent_id,
                                   ticket_no, question, answer, loss_fen, note, link_sender, before_purchase)
         VALUES (?15, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    let mut clear_problems = tx.prepare_cached("DELETE FROM interaction_problems WHERE interaction_id = ?1")?;
    let mut ins_problem =
        tx.prepare_cached("INSERT INTO interaction_problems (interaction_id, position, kind) VALUES (?1, ?2, ?3)")?;
    for (i, it) in list.iter().enumerate() {
        let fields = params![
            it.occurred_at.to_rfc3339(),
            it.occurred_at.timestamp(),
            it.channel.as_str(),
            it.agent,
            it.agent_id,
            it.ticket_no,
            it.question,
            it.answer,
            it.loss.map(Money::fen),
            it.note,
            it.link_sender.map(LinkSender::as_str),
            it.before_purchase,
        ];
        let iid = match it.id {
            Some(InteractionId(iid)) => {
                if !owned.exists(params![iid, case.0])? {
                    return Err(Error::invalid(
                        format!("interactions[{i}].id"),
                        format!("interaction {iid} does not belong to case {case}"),
                    ));
                }
                let mut all: Vec<&dyn rusqlite::ToSql> = vec![&iid, &case.0];
                let pos = i as i64;
                all.push(&pos);
                all.extend_from_slice(fields);
                update.execute(all.as_slice())?;
                clear_problems.execute([iid])?;
                iid
            }
            None => {
                let pos = i as i64;
                let iid = next_id(tx, "interactions")?;
                let mut all: Vec<&dyn rusqlite::ToSql> = vec![&case.0, &pos];
                all.extend_from_slice(fields);
                all.push(&iid);
                insert.execute(all.as_slice())?;
                iid
            }
        };
        for (j, k) in it.problems.iter().enumerate() {
            ins_problem.execute(params![iid, j as i64, k.as_str()])?;
        }
    }
    tx.execute("DELETE FROM interactions WHERE case_id = ?1 AND position < 0", [case.0])?;
    Ok(())
}

/// A `--set` value as the form holds it: text, yes/no (`true`/`false`), or nothing (empty or `null`); money and dates
/// are text too.
fn form_value(raw: &str) -> serde_json::Value {
    match raw {
        "" | "null" => serde_json::Value::Null,
        "true" => serde_json::Value::Bool(true),
        "false" => serde_json::Value::Bool(false),
        text => serde_json::Value::String(text.to_owned()),
    }
}

/// Puts the case form's fields onto the case; a changed status enters the status history with today's date.
fn apply_details(data: &mut CaseData, details: CaseDetails) {
    if details.status != data.status {
        data.status_history.push(StatusChange {
            status: details.status,
            date: crate::clock::today(),
        });
    }
    data.title = details.title;
    data.industry = details.industry;
    data.status = details.status;
    data.complainant = details.complainant;
    data.respondent = details.respondent;
    data.purchase = details.purchase;
    data.demands = details.demands;
    data.parallel_proceeding = details.parallel_proceeding;
    data.facts = details.facts;
}

/// The dotted paths of every scalar field in a JSON object (for "fields: …" in an error).
fn leaf_paths(v: &serde_json::Value) -> Vec<String> {
    fn walk(v: &serde_json::Value, prefix: &str, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    let p = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    walk(x, &p, out);
                }
            }
            serde_json::Value::Array(_) => {}
            _ => out.push(prefix.to_owned()),
        }
    }
    let mut out = Vec::new();
    walk(v, "", &mut out);
    out
}

/// The SQL behind [`Store::list_cases`] and its one parameter, if any: re-exported with the `testing` feature so
/// that the benchmark can run the very same query in the sqlite3 shell for comparison.
pub fn list_query(search: Option<&str>) -> (String, Option<String>) {
    let base = "SELECT c.id, c.title, c.status, c.industry, c.respondent_name, c.updated_at,
                       (SELECT count(*) FROM interactions i WHERE i.case_id = c.id)
                  FROM cases c";
    match search.map(str::trim).filter(|s| !s.is_empty()) {
        None => (format!("{base} ORDER BY c.updated_at DESC, c.id DESC"), None),
        Some(q) if q.chars().count() >= 3 => (
            format!(
                "{base} WHERE c.id IN (SELECT rowid FROM case_search WHERE case_search MATCH ?1)
                    OR c.id IN (SELECT case_id FROM evidence_items
                                 WHERE id IN (SELECT rowid FROM evidence_search WHERE evidence_search MATCH ?1))
                 ORDER BY c.updated_at DESC, c.id DESC"
            ),
            // A quoted FTS5 string: the user's text is matched literally, never as query syntax.
            Some(crate::fsutil::fts5_phrase(q)),
        ),
        Some(q) => (
            format!(
                "{base} WHERE c.id IN (SELECT rowid FROM case_search
                                       WHERE title LIKE ?1 ESCAPE '\\' OR respondent LIKE ?1 ESCAPE '\\'
                                          OR body LIKE ?1 ESCAPE '\\')
                    OR c.id IN (SELECT case_id FROM evidence_items
                                 WHERE id IN (SELECT rowid FROM evidence_search WHERE text LIKE ?1 ESCAPE '\\'))
                 ORDER BY c.updated_at DESC, c.id DESC"
            ),
            Some(format!(
                "%{}%",
                q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
            )),
        ),
    }
}
