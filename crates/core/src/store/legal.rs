//! The legal knowledge base in the database: loaded from the data compiled into the core whenever the file holds a
//! different version of it, and searched with FTS5 trigram (Chinese substrings) or LIKE for short queries.

use rusqlite::params;
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::Store;
use crate::legal::{kb, Article};
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
