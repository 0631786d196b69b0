//! A volunteer's caseload: many cases in one library. Each case has a workspace that belongs to the library, not to
//! the case — tags, who handles it (经办人), private notes, the money recovered — so it never enters a dossier, a
//! 12315 text or a bundle unless the user says so. The start screen lists cases through filters evaluated in SQL and
//! sorts them by their next deadline, which comes from the same clocks as the case page.

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Store;
use crate::calendar::Calendar;
use crate::deadlines::clocks::{clocks, Clock, ClockState};
use crate::model::{CaseId, CaseStatus, CaseSummary, Industry, Money, ProblemKind};
use crate::{Error, Problem, Result};

/// At most this many tags on one case, each at most [`MAX_TAG_CHARS`] characters.
pub const MAX_TAGS: usize = 20;
pub const MAX_TAG_CHARS: usize = 20;
const MAX_HANDLER_CHARS: usize = 50;
pub(super) const MAX_NOTES_CHARS: usize = 20_000;

/// The library's own notes on a case.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Workspace {
    /// Sorted, each once.
    #[serde(default)]
    pub tags: Vec<String>,
    /// 经办人: the volunteer handling the case.
    #[serde(default)]
    pub handled_by: Option<String>,
    /// Notes for the library only: never in a dossier or a 12315 text; in a bundle only when asked for.
    #[serde(default)]
    pub private_notes: Option<String>,
    /// What the consumer got back in the end (refund, compensation), for the organisation's figures.
    #[serde(default)]
    pub recovered: Option<Money>,
}

/// How the caseload is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CaseloadSort {
    /// Most recently changed first.
    #[default]
    Updated,
    /// The case whose next deadline comes first, first; cases without a running deadline last.
    NextDeadline,
}

/// What the start screen asks for; every filter given must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CaseloadFilter {
    #[serde(default)]
    pub search: Option<String>,
    #[serde(default)]
    pub status: Option<CaseStatus>,
    #[serde(default)]
    pub industry: Option<Industry>,
    /// At least one contact with this problem.
    #[serde(default)]
    pub problem: Option<ProblemKind>,
    /// The next deadline still running ends within this many days (0: today).
    #[serde(default)]
    pub due_within_days: Option<u32>,
    #[serde(default)]
    pub tag: Option<String>,
    #[serde(default)]
    pub handled_by: Option<String>,
    #[serde(default)]
    pub sort: CaseloadSort,
}

/// One case in the caseload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CaseloadRow {
    pub case: CaseSummary,
    pub tags: Vec<String>,
    pub handled_by: Option<String>,
    /// The open case's next deadline still running, if any.
    pub next: Option<Clock>,
}

/// The caseload and what its filters can choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Caseload {
    pub rows: Vec<CaseloadRow>,
    /// Every tag in the library, sorted.
    pub all_tags: Vec<String>,
    /// Every 经办人 in the library, sorted.
    pub all_handlers: Vec<String>,
}

fn clean(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control() || crate::fsutil::is_bidi_control(c))
}

impl Workspace {
    /// The workspace as it is stored: trimmed, tags sorted and each once; anything too long or with control
    /// characters is refused with the field named.
    pub fn checked(mut self) -> Result<Workspace> {
        let mut problems = Vec::new();
        let mut tags: Vec<String> = self
            .tags
            .iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        tags.sort();
        tags.dedup();
        if tags.len() > MAX_TAGS {
            problems.push(Problem {
                path: "tags".into(),
                reason: format!("{} tags; at most {MAX_TAGS}", tags.len()),
            });
        }
        for (i, t) in tags.iter().enumerate() {
            if t.chars().count() > MAX_TAG_CHARS || has_control(t) || t.contains(',') {
                problems.push(Problem {
                    path: format!("tags[{i}]"),
                    reason: format!(
                        "{t:?}: a tag is at most {MAX_TAG_CHARS} characters, without commas or control characters"
                    ),
                });
            }
        }
        self.tags = tags;
        self.handled_by = clean(&self.handled_by);
        if let Some(h) = &self.handled_by {
            if h.chars().count() > MAX_HANDLER_CHARS || has_control(h) {
                problems.push(Problem {
                    path: "handled_by".into(),
                    reason: format!("at most {MAX_HANDLER_CHARS} characters, without control characters"),
                });
            }
        }
        self.private_notes = clean(&self.private_notes);
        if self
            .private_notes
            .as_ref()
            .is_some_and(|n| n.chars().count() > MAX_NOTES_CHARS)
        {
            problems.push(Problem {
                path: "private_notes".into(),
                reason: format!("at most {MAX_NOTES_CHARS} characters"),
            });
        }
        if problems.is_empty() {
            Ok(self)
        } else {
            Err(Error::Invalid(problems))
        }
    }
}

impl Store {
    /// The library's workspace of a case (empty if nothing was set).
    pub fn workspace(&self, id: CaseId) -> Result<Workspace> {
        self.get_case_exists(id)?;
        let row: Option<(Option<String>, Option<String>, Option<i64>)> = self
            .conn
            .query_row(
                "SELECT handled_by, private_notes, recovered_fen FROM case_workspace WHERE case_id = ?1",
                [id.0],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let (handled_by, private_notes, recovered) = row.unwrap_or_default();
        let recovered = recovered
            .map(|f| {
                Money::from_fen(f)
                    .ok_or_else(|| Error::Corrupt(format!("recovered amount {f} of case {id} is not an amount")))
            })
            .transpose()?;
        Ok(Workspace {
            tags: self.tags_of(id)?,
            handled_by,
            private_notes,
            recovered,
        })
    }

    fn tags_of(&self, id: CaseId) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT tag FROM case_tags WHERE case_id = ?1 ORDER BY tag")?;
        let tags = st.query_map([id.0], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(tags)
    }

    fn get_case_exists(&self, id: CaseId) -> Result<()> {
        let exists: bool = self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM cases WHERE id = ?1)", [id.0], |r| {
                r.get(0)
            })?;
        if exists {
            Ok(())
        } else {
            Err(Error::CaseNotFound(id))
        }
    }

    /// Replaces the workspace of a case, checked first; one transaction. The case itself (and its audit chain,
    /// which travels in bundles) is not touched: the workspace is the library's.
    pub fn set_workspace(&mut self, id: CaseId, ws: Workspace) -> Result<Workspace> {
        let ws = ws.checked()?;
        let tx = self.conn.transaction()?;
        let exists: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM cases WHERE id = ?1)", [id.0], |r| {
            r.get(0)
        })?;
        if !exists {
            return Err(Error::CaseNotFound(id));
        }
        tx.execute("DELETE FROM case_tags WHERE case_id = ?1", [id.0])?;
        for t in &ws.tags {
            tx.execute("INSERT INTO case_tags (case_id, tag) VALUES (?1, ?2)", params![id.0, t])?;
        }
        tx.execute(
            "INSERT INTO case_workspace (case_id, handled_by, private_notes, recovered_fen) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (case_id) DO UPDATE SET handled_by = ?2, private_notes = ?3, recovered_fen = ?4",
            params![id.0, ws.handled_by, ws.private_notes, ws.recovered.map(Money::fen)],
        )?;
        tx.commit()?;
        Ok(ws)
    }

    /// The cases that pass every filter, in the order asked for, with their tags, 经办人 and next deadline. The
    /// filters on stored values run in SQL; the deadline filter and order use the cases' clocks on `today`.
    pub fn caseload(&self, filter: &CaseloadFilter, cal: &Calendar, today: NaiveDate) -> Result<Caseload> {
        let tag = clean(&filter.tag);
        let handler = clean(&filter.handled_by);
        let mut st = self.conn.prepare(
            "SELECT c.id FROM cases c
              WHERE (?1 IS NULL OR c.status = ?1)
                AND (?2 IS NULL OR c.industry = ?2)
                AND (?3 IS NULL OR EXISTS (SELECT 1 FROM interactions i
                                             JOIN interaction_problems p ON p.interaction_id = i.id
                                            WHERE i.case_id = c.id AND p.kind = ?3))
                AND (?4 IS NULL OR EXISTS (SELECT 1 FROM case_tags t WHERE t.case_id = c.id AND t.tag = ?4))
                AND (?5 IS NULL OR EXISTS (SELECT 1 FROM case_workspace w
                                            WHERE w.case_id = c.id AND w.handled_by = ?5))",
        )?;
        let ids: std::collections::HashSet<i64> = st
            .query_map(
                params![
                    filter.status.map(CaseStatus::as_str),
                    filter.industry.map(Industry::as_str),
                    filter.problem.map(ProblemKind::as_str),
                    tag,
                    handler
                ],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        let mut rows = Vec::new();
        for summary in self.list_cases(filter.search.as_deref())? {
            if !ids.contains(&summary.id.0) {
                continue;
            }
            let next = if summary.status == CaseStatus::Closed {
                None
            } else {
                let case = self.get_case(summary.id)?;
                clocks(&case.data, cal, today)
                    .into_iter()
                    .find(|c| !matches!(c.state, ClockState::Passed | ClockState::Met))
            };
            if let Some(days) = filter.due_within_days {
                match &next {
                    Some(c) if (c.due - today).num_days() <= i64::from(days) => {}
                    _ => continue,
                }
            }
            let ws = self.workspace(summary.id)?;
            rows.push(CaseloadRow {
                case: summary,
                tags: ws.tags,
                handled_by: ws.handled_by,
                next,
            });
        }
        if filter.sort == CaseloadSort::NextDeadline {
            // Stable: cases with the same next day keep the most recently changed first.
            rows.sort_by_key(|r| r.next.as_ref().map_or(NaiveDate::MAX, |c| c.due));
        }
        let all_tags = self
            .conn
            .prepare("SELECT DISTINCT tag FROM case_tags ORDER BY tag")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let all_handlers = self
            .conn
            .prepare("SELECT DISTINCT handled_by FROM case_workspace WHERE handled_by IS NOT NULL ORDER BY 1")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Caseload {
            rows,
            all_tags,
            all_handlers,
        })
    }
}
