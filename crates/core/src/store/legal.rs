//! The legal knowledge base in the database: loaded from the data compiled into the core whenever the file holds a
//! different version of it, and searched with FTS5 trigram (Chinese substrings) or LIKE for short queries.

use rusqlite::params;
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use chrono::NaiveDate;

use super::Store;
use crate::legal::precheck::{review_factors, LibrarySignals, Regime};
use crate::legal::{kb, Article, LegalReview};
use crate::model::{CaseData, CaseId};
use crate::{Error, Result};

/// The schema level that has the legal tables.
pub(super) const LEGAL_LEVEL: i64 = 4;

/// One search hit in the law library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LawHit {
    pub law: String,
    pub article: u32,
    pub label: String,
    /// A stretch of the article around the match, with the match in 【】.
    pub snippet: String,
    pub text_verified: bool,
}

fn fingerprint() -> String {
    let mut h = Sha256::new();
    for l in kb().laws() {
        h.update(format!("{l:?}\n"));
    }
    for a in kb().articles() {
        h.update(format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\n",
            a.law, a.number, a.text, a.source
        ));
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

impl Store {
    /// Replaces the stored knowledge base with the compiled one if they differ. One transaction.
    pub(super) fn sync_legal(&mut self) -> Result<()> {
        let want = fingerprint();
        let have: Option<String> = self
            .conn
            .query_row("SELECT value FROM legal_meta WHERE key = 'fingerprint'", [], |r| {
                r.get(0)
            })
            .ok();
        if have.as_deref() == Some(want.as_str()) {
            return Ok(());
        }
        let tx = self.conn.transaction()?;
        tx.execute_batch("DELETE FROM law_search; DELETE FROM law_articles; DELETE FROM laws;")?;
        for l in kb().laws() {
            tx.execute(
                "INSERT INTO laws (short, full_name, version, effective_date, in_force_until, text_verified,
                                   verification_note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    l.short,
                    l.full,
                    l.version,
                    l.effective_date.to_string(),
                    l.in_force_until.map(|d| d.to_string()),
                    l.text_verified,
                    l.verification_note
                ],
            )?;
        }
        for a in kb().articles() {
            tx.execute(
                "INSERT INTO law_articles (law, number, label, text, source) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![a.law, a.number, a.label, a.text, a.source],
            )?;
            tx.execute(
                "INSERT INTO law_search (law, number, text) VALUES (?1, ?2, ?3)",
                params![a.law, a.number, a.text],
            )?;
        }
        tx.execute(
            "INSERT INTO legal_meta (key, value) VALUES ('fingerprint', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [want],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// An article as stored in the database (the text shown to users).
    pub fn law_article(&self, law: &str, number: u32) -> Result<Option<Article>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT label, text, source FROM law_articles WHERE law = ?1 AND number = ?2")?;
        let mut rows = st.query(params![law, number])?;
        Ok(match rows.next()? {
            Some(r) => Some(Article {
                law: law.to_owned(),
                number,
                label: r.get(0)?,
                text: r.get(1)?,
                source: r.get(2)?,
            }),
            None => None,
        })
    }

    /// All stored articles, in law and article order.
    pub fn law_articles(&self) -> Result<Vec<Article>> {
        let mut st = self
            .conn
            .prepare("SELECT law, number, label, text, source FROM law_articles ORDER BY law, number")?;
        let rows = st.query_map([], |r| {
            Ok(Article {
                law: r.get(0)?,
                number: r.get(1)?,
                label: r.get(2)?,
                text: r.get(3)?,
                source: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Searches the law texts. Three characters or more use the trigram index; shorter queries use LIKE.
    pub fn search_law(&self, query: &str, limit: usize) -> Result<Vec<LawHit>> {
        let q = query.trim();
        if q.is_empty() {
            return Err(Error::invalid("query", "the search text is empty"));
        }
        let rows: Vec<(String, u32, String)> = if q.chars().count() >= 3 {
            let mut st = self.conn.prepare_cached(
                "SELECT law, number, snippet(law_search, 2, '【', '】', '…', 40) FROM law_search
                  WHERE law_search MATCH ?1 ORDER BY rank LIMIT ?2",
            )?;
            let quoted = crate::fsutil::fts5_phrase(q);
            let hits = st
                .query_map(params![quoted, limit as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            hits
        } else {
            let mut st = self.conn.prepare_cached(
                "SELECT law, number, text FROM law_articles WHERE instr(text, ?1) > 0 ORDER BY law, number LIMIT ?2",
            )?;
            let hits: Vec<(String, u32, String)> = st
                .query_map(params![q, limit as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            hits.into_iter()
                .map(|(law, n, text)| (law, n, highlight(&text, q)))
                .collect()
        };
        Ok(rows
            .into_iter()
            .map(|(law, article, snippet)| {
                let label = kb()
                    .article(&law, article)
                    .map_or_else(String::new, |a| a.label.clone());
                let text_verified = kb().law(&law).is_none_or(|l| l.text_verified);
                LawHit {
                    law,
                    article,
                    label,
                    snippet,
                    text_verified,
                }
            })
            .collect())
    }
}

/// Up to 30 characters either side of the first match, the match in 【】.
fn highlight(text: &str, q: &str) -> String {
    let Some(at) = text.find(q) else {
        return text.chars().take(60).collect();
    };
    let before: Vec<char> = text[..at].chars().collect();
    let after: Vec<char> = text[at + q.len()..].chars().collect();
    let start = before.len().saturating_sub(30);
    let head: String = before[start..].iter().collect();
    let tail: String = after.iter().take(30).collect();
    format!(
        "{}{head}【{q}】{tail}{}",
        if start > 0 { "…" } else { "" },
        if after.len() > 30 { "…" } else { "" }
    )
}

impl Store {
    /// The legal review of a stored case, with what only the library can add: for filings from 2026-04-15, the
    /// factors of 办法第十七条 that other cases in this library show (a shared phone or address, many complaints
    /// against one company in a short time), as a note to the volunteer.
    pub fn legal_review(&self, id: CaseId, today: NaiveDate) -> Result<LegalReview> {
        let case = self.get_case(id)?;
        let mut review = crate::legal::review(&case.data, today);
        review.findings = self.findings(id, &case.data, review.filing_date)?;
        Ok(review)
    }

    /// The pre-check of a stored case for a filing on `filing` (by default the case's own filing date, else
    /// `today`), the library's 第十七条 factors included: (the date used, the findings).
    pub fn precheck(
        &self,
        id: CaseId,
        filing: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<(NaiveDate, Vec<crate::legal::precheck::Finding>)> {
        let case = self.get_case(id)?;
        let date = filing.unwrap_or_else(|| crate::legal::filing_date(&case.data, today));
        Ok((date, self.findings(id, &case.data, date)?))
    }

    fn findings(&self, id: CaseId, case: &CaseData, filing: NaiveDate) -> Result<Vec<crate::legal::precheck::Finding>> {
        let mut findings = crate::legal::precheck::precheck(case, filing);
        if Regime::on(filing) == Regime::Measures {
            findings.extend(review_factors(self.library_signals(id, case)?));
        }
        Ok(findings)
    }

    fn library_signals(&self, id: CaseId, case: &CaseData) -> Result<LibrarySignals> {
        // Phones compared by their digits (full-width ones too), addresses without white space: as people type them.
        let phone = |s: Option<String>| -> Option<String> {
            let d: String = s?
                .chars()
                .filter_map(|c| match c {
                    '0'..='9' => Some(c),
                    '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
                    _ => None,
                })
                .collect();
            (d.len() >= 7).then_some(d)
        };
        let address = |s: Option<String>| -> Option<String> {
            let a: String = s?.chars().filter(|c| !c.is_whitespace()).collect();
            (a.chars().count() >= 6).then_some(a)
        };
        let name = |s: Option<String>| s.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
        let my_phone = phone(case.complainant.phone.clone());
        let my_address = address(case.complainant.address.clone());
        let my_name = name(case.complainant.name.clone());
        let my_company = name(case.respondent.name.clone());
        let created: Option<String> = self
            .conn
            .query_row("SELECT created_at FROM cases WHERE id = ?1", [id.0], |r| r.get(0))
            .ok();
        let day = |s: &str| chrono::DateTime::parse_from_rfc3339(s).ok().map(|t| t.date_naive());
        let my_day = created.as_deref().and_then(day);
        let mut stmt = self.conn.prepare(
            "SELECT complainant_name, complainant_phone, complainant_address, respondent_name, created_at \
             FROM cases WHERE id != ?1",
        )?;
        let rows = stmt.query_map([id.0], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        let mut signals = LibrarySignals {
            sharing_contact: 0,
            same_company_30_days: 1,
        };
        for row in rows {
            let (n, p, a, company, created) = row?;
            let (n, p, a, company) = (name(n), phone(p), address(a), name(company));
            let same_person = n.is_some() && n == my_name;
            let shares = (p.is_some() && p == my_phone) || (a.is_some() && a == my_address);
            if shares && !same_person {
                signals.sharing_contact += 1;
            }
            let close = match (my_day, created.as_deref().and_then(day)) {
                (Some(a), Some(b)) => (a - b).num_days().abs() <= 30,
                _ => false,
            };
            if same_person && p.is_some() && p == my_phone && company.is_some() && company == my_company && close {
                signals.same_company_30_days += 1;
            }
        }
        Ok(signals)
    }
}
