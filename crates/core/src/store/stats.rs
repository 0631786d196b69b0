//! Figures for a legal-aid organisation's reports, computed in SQL over the whole library: cases by industry, status,
//! problem kind, the channel they were filed with and their outcome, and the days from the first contact to the
//! filing and to a result, and the money recovered. Keys are the stored values, checked against the closed sets when labelled: a row edited by
//! hand shows up under its own key, never as a panic.

use rusqlite::Connection;
use serde::Serialize;

use super::Store;
use crate::model::{CaseStatus, EventKind, Industry, Money, ProblemKind};
use crate::Result;

/// One bar of a chart: the stored key, its Chinese label, how many cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct Count {
    pub key: String,
    pub label: String,
    pub cases: i64,
}

/// Days between two moments of the cases that have both.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Span {
    /// How many cases have both moments.
    pub cases: i64,
    pub average_days: Option<f64>,
    pub longest_days: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct Stats {
    pub cases: i64,
    pub by_industry: Vec<Count>,
    pub by_status: Vec<Count>,
    /// Cases with at least one contact of each problem kind.
    pub by_problem: Vec<Count>,
    /// Cases filed with each channel (a case filed twice counts once per channel).
    pub by_channel: Vec<Count>,
    /// Cases with each outcome event (resolved, mediation ended, refused, withdrawn).
    pub by_outcome: Vec<Count>,
    pub first_contact_to_filing: Span,
    pub first_contact_to_result: Span,
    /// Cases with a recovered amount in their workspace, and the sum of those amounts.
    pub recovered_cases: i64,
    pub recovered_total: Money,
}

fn counts(conn: &Connection, sql: &str, label: impl Fn(&str) -> Option<&'static str>) -> Result<Vec<Count>> {
    let mut st = conn.prepare(sql)?;
    let rows = st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (key, cases) = row?;
        let label = label(&key).map_or_else(|| format!("（未知：{key}）"), str::to_owned);
        out.push(Count { key, label, cases });
    }
    Ok(out)
}

/// The first contact's local day of each case (the time's own date part, as recorded with its offset).
const FIRST_CONTACT: &str =
    "SELECT case_id, min(date(substr(occurred_at, 1, 10))) AS day FROM interactions GROUP BY case_id";

fn span(conn: &Connection, kinds: &str) -> Result<Span> {
    let sql = format!(
        "WITH first AS ({FIRST_CONTACT}),
              later AS (SELECT case_id, min(date) AS day FROM case_events WHERE kind IN ({kinds}) GROUP BY case_id),
              d AS (SELECT CAST(julianday(later.day) - julianday(first.day) AS INTEGER) AS n
                      FROM first JOIN later USING (case_id)
                     WHERE first.day IS NOT NULL AND later.day IS NOT NULL)
         SELECT count(n), avg(n), max(n) FROM d WHERE n IS NOT NULL AND n >= 0"
    );
    Ok(conn.query_row(&sql, [], |r| {
        Ok(Span {
            cases: r.get(0)?,
            average_days: r.get(1)?,
            longest_days: r.get(2)?,
        })
    })?)
}

impl Store {
    /// The library's figures (see the module).
    pub fn stats(&self) -> Result<Stats> {
        let c = &self.conn;
        // Each amount is at most MAX_FEN, so the sum of any real library fits; a hand-edited row past the range is
        // left out rather than trusted, and the total is checked before it becomes money.
        let (recovered_cases, total): (i64, Option<i64>) = c.query_row(
            &format!(
                "SELECT count(*), sum(recovered_fen) FROM case_workspace
                  WHERE typeof(recovered_fen) = 'integer' AND recovered_fen BETWEEN 0 AND {}",
                crate::model::MAX_FEN
            ),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let recovered_total = Money::from_fen(total.unwrap_or(0)).ok_or_else(|| {
            crate::Error::Corrupt("the recovered amounts add up to more than any amount this app keeps".into())
        })?;
        Ok(Stats {
            cases: c.query_row("SELECT count(*) FROM cases", [], |r| r.get(0))?,
            by_industry: counts(
                c,
                "SELECT industry, count(*) FROM cases GROUP BY industry ORDER BY 2 DESC, 1",
                |k| Industry::parse(k).map(Industry::label_zh),
            )?,
            by_status: counts(
                c,
                "SELECT status, count(*) FROM cases GROUP BY status ORDER BY 2 DESC, 1",
                |k| CaseStatus::parse(k).map(CaseStatus::label_zh),
            )?,
            by_problem: counts(
                c,
                "SELECT p.kind, count(DISTINCT i.case_id) FROM interaction_problems p
                   JOIN interactions i ON i.id = p.interaction_id GROUP BY p.kind ORDER BY 2 DESC, 1",
                |k| ProblemKind::parse(k).map(ProblemKind::label_zh),
            )?,
            by_channel: counts(
                c,
                "SELECT coalesce(channel, '12315'), count(DISTINCT case_id) FROM case_events WHERE kind = 'filed'
                  GROUP BY 1 ORDER BY 2 DESC, 1",
                |k| crate::deadlines::route::channel(k).map(|ch| ch.name.as_str()),
            )?,
            by_outcome: counts(
                c,
                "SELECT kind, count(DISTINCT case_id) FROM case_events
                  WHERE kind IN ('resolved', 'mediation_ended', 'refused', 'withdrawn') GROUP BY kind ORDER BY 2 DESC, 1",
                |k| EventKind::parse(k).map(EventKind::label_zh),
            )?,
            first_contact_to_filing: span(c, "'filed'")?,
            first_contact_to_result: span(c, "'resolved', 'mediation_ended', 'refused', 'withdrawn'")?,
            recovered_cases,
            recovered_total,
        })
    }
}

/// The figures as CSV for a spreadsheet: `dimension,key,label,cases`, then the two spans.
pub fn stats_csv(s: &Stats) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| crate::Error::Internal(format!("cannot write the statistics: {e}"));
    w.write_record(["dimension", "key", "label", "cases"]).map_err(err)?;
    w.write_record(["all", "", "全部案件", &s.cases.to_string()])
        .map_err(err)?;
    for (dimension, list) in [
        ("industry", &s.by_industry),
        ("status", &s.by_status),
        ("problem", &s.by_problem),
        ("channel", &s.by_channel),
        ("outcome", &s.by_outcome),
    ] {
        for c in list {
            // Keys and labels can come from hand-edited rows.
            let (key, label) = (
                crate::fsutil::spreadsheet_text(&c.key),
                crate::fsutil::spreadsheet_text(&c.label),
            );
            w.write_record([dimension, &key, &label, &c.cases.to_string()])
                .map_err(err)?;
        }
    }
    w.write_record(["", "", "", ""]).map_err(err)?;
    w.write_record(["span", "cases", "average_days", "longest_days"])
        .map_err(err)?;
    for (name, sp) in [
        ("first_contact_to_filing", &s.first_contact_to_filing),
        ("first_contact_to_result", &s.first_contact_to_result),
    ] {
        w.write_record([
            name,
            &sp.cases.to_string(),
            &sp.average_days.map_or_else(String::new, |a| format!("{a:.1}")),
            &sp.longest_days.map_or_else(String::new, |l| l.to_string()),
        ])
        .map_err(err)?;
    }
    w.write_record(["", "", "", ""]).map_err(err)?;
    w.write_record(["recovered", "cases", "total_yuan", ""]).map_err(err)?;
    w.write_record([
        "recovered",
        &s.recovered_cases.to_string(),
        &s.recovered_total.to_yuan_string(),
        "",
    ])
    .map_err(err)?;
    w.into_inner()
        .map_err(|e| crate::Error::Internal(format!("cannot write the statistics: {e}")))
}
