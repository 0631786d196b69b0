//! The legal knowledge base: verified verbatim statute texts (`data/legal/statutes.json`, a copy of the project's
//! verified set) and the rules that map a logged problem to legal bases (`data/legal/rules.json`). Both are data
//! compiled into the core; the store loads the texts into SQLite for full-text search.
//!
//! Law text is never rewritten: a cited paragraph or item is cut out of the article at line boundaries, so every
//! quoted text is a verbatim substring of the verified article. Our own explanations live only in the rules file.

mod citation;
pub mod numerals;
pub mod precheck;
pub mod remedies;
mod rules;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use citation::Citation;
pub use rules::{
    is_deception, statement_timing, suggest, Advice, AdviceItem, Condition, OpenQuestion, QuestionKind, Rule,
    SourceCitation, Strength, SuggestedBasis, Suggestions, Timing, Verdict,
};

/// Everything the 法律依据 panel shows for one case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LegalReview {
    pub suggestions: Suggestions,
    pub remedies: remedies::Remedies,
    #[ts(type = "string")]
    pub filing_date: NaiveDate,
    pub findings: Vec<precheck::Finding>,
}

/// The date that decides the complaint procedure: the case's filing date if it was filed, else `today`.
pub fn filing_date(case: &crate::model::CaseData, today: NaiveDate) -> NaiveDate {
    case.status_history
        .iter()
        .find(|s| s.status == crate::model::CaseStatus::Filed)
        .map_or(today, |s| s.date)
}

pub fn review(case: &crate::model::CaseData, today: NaiveDate) -> LegalReview {
    let filing = filing_date(case, today);
    LegalReview {
        suggestions: suggest(case, today),
        remedies: remedies::compute(case, today),
        filing_date: filing,
        findings: precheck::precheck(case, filing),
    }
}

/// An article with its law, for the law library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ArticleView {
    pub law: Law,
    pub article: Article,
}

/// One of the source article's citations, for display: verdict and the corrected bases with their texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SourceCitationView {
    pub cited: String,
    pub claim: String,
    pub verdict: Verdict,
    pub explanation: String,
    pub corrections: Vec<CorrectionView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CorrectionView {
    pub label: String,
    pub text: Option<String>,
    pub text_verified: bool,
}

pub fn source_citations() -> Vec<SourceCitationView> {
    let kb = kb();
    kb.source_citations
        .iter()
        .map(|s| SourceCitationView {
            cited: s.cited.clone(),
            claim: s.claim.clone(),
            verdict: s.verdict,
            explanation: s.explanation.clone(),
            corrections: s
                .corrections
                .iter()
                .map(|c| CorrectionView {
                    label: kb.full_label(c),
                    text: kb.cited_text(c).ok(),
                    text_verified: kb.law(&c.law).is_none_or(|l| l.text_verified),
                })
                .collect(),
        })
        .collect()
}

const STATUTES_JSON: &str = include_str!("../../data/legal/statutes.json");
const RULES_JSON: &str = include_str!("../../data/legal/rules.json");

/// A law or regulation in one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Law {
    /// The name used throughout the data, e.g. 消费者权益保护法.
    pub short: String,
    pub full: String,
    pub version: String,
    #[ts(type = "string")]
    pub effective_date: NaiveDate,
    #[ts(type = "string | null")]
    pub in_force_until: Option<NaiveDate>,
    /// False where the text itself has not been checked against a second source: shown as 未核验.
    pub text_verified: bool,
    /// What is not verified about this law's text or version, in Chinese, if anything.
    pub verification_note: Option<String>,
}

impl Law {
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        date >= self.effective_date && self.in_force_until.is_none_or(|end| date <= end)
    }
}

/// One article, verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Article {
    pub law: String,
    pub number: u32,
    /// 第二十条
    pub label: String,
    pub text: String,
    pub source: String,
}

impl Article {
    /// Paragraphs (款) in order; each is its lead line followed by its items (项), verbatim lines.
    pub fn paragraphs(&self) -> Vec<Vec<&str>> {
        let mut out: Vec<Vec<&str>> = Vec::new();
        for line in self.text.split('\n') {
            match out.last_mut() {
                Some(p) if is_item(line) => p.push(line),
                _ => out.push(vec![line]),
            }
        }
        out
    }
}

/// An item line starts with a Chinese numeral in full-width brackets: （八）…
fn is_item(line: &str) -> bool {
    line.strip_prefix('（')
        .and_then(|rest| rest.split_once('）'))
        .is_some_and(|(n, _)| numerals::parse(n).is_some())
}

/// The successor of a law whose text we do not have (e.g. the 2026 complaint rule).
#[derive(Debug, Clone, Deserialize)]
pub struct Successor {
    pub name: String,
    pub order: String,
    pub effective_date: NaiveDate,
    pub text_verified: bool,
}

#[derive(Debug)]
pub struct KnowledgeBase {
    laws: BTreeMap<String, Law>,
    articles: BTreeMap<(String, u32), Article>,
    aliases: BTreeMap<String, String>,
    successors: BTreeMap<String, Successor>,
    pub rules: Vec<Rule>,
    pub advice: Vec<Advice>,
    pub source_citations: Vec<SourceCitation>,
}

#[derive(Deserialize)]
struct StatutesFile {
    laws: Vec<LawEntry>,
    articles: Vec<ArticleEntry>,
}

#[derive(Deserialize)]
struct LawEntry {
    short: String,
    full: String,
    version: String,
    effective_date: NaiveDate,
    in_force_until: Option<NaiveDate>,
}

#[derive(Deserialize)]
struct ArticleEntry {
    law_short: String,
    article_no: u32,
    article_label: String,
    text: String,
    source: String,
}

#[derive(Deserialize)]
struct LawNote {
    text_verified: bool,
    note: String,
}

#[derive(Deserialize)]
struct RulesFile {
    aliases: BTreeMap<String, String>,
    law_notes: BTreeMap<String, LawNote>,
    successors: BTreeMap<String, Successor>,
    rules: Vec<Rule>,
    advice: Vec<Advice>,
    source_citations: Vec<SourceCitation>,
}

/// The knowledge base compiled into this build.
pub fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| KnowledgeBase::from_json(STATUTES_JSON, RULES_JSON).expect("the embedded legal data is valid"))
}

impl KnowledgeBase {
    /// Builds the knowledge base and checks that every citation in the rules resolves to verified text.
    pub fn from_json(statutes: &str, rules: &str) -> Result<KnowledgeBase, String> {
        let s: StatutesFile = serde_json::from_str(statutes).map_err(|e| format!("statutes.json: {e}"))?;
        let r: RulesFile = serde_json::from_str(rules).map_err(|e| format!("rules.json: {e}"))?;
        let mut laws = BTreeMap::new();
        for l in s.laws {
            let note = r.law_notes.get(&l.short);
            laws.insert(
                l.short.clone(),
                Law {
                    short: l.short,
                    full: l.full,
                    version: l.version,
                    effective_date: l.effective_date,
                    in_force_until: l.in_force_until,
                    text_verified: note.is_none_or(|n| n.text_verified),
                    verification_note: note.map(|n| n.note.clone()),
                },
            );
        }
        let mut articles = BTreeMap::new();
        for a in s.articles {
            if !laws.contains_key(&a.law_short) {
                return Err(format!("article {} {} names an unknown law", a.law_short, a.article_no));
            }
            articles.insert(
                (a.law_short.clone(), a.article_no),
                Article {
                    law: a.law_short,
                    number: a.article_no,
                    label: a.article_label,
                    text: a.text,
                    source: a.source,
                },
            );
        }
        let kb = KnowledgeBase {
            laws,
            articles,
            aliases: r.aliases,
            successors: r.successors,
            rules: r.rules,
            advice: r.advice,
            source_citations: r.source_citations,
        };
        for rule in &kb.rules {
            kb.cited_text(&rule.cite)
                .map_err(|e| format!("rule {}: {e}", rule.id))?;
        }
        for sc in &kb.source_citations {
            for c in &sc.corrections {
                kb.cited_text(c)
                    .map_err(|e| format!("correction of {}: {e}", sc.cited))?;
            }
            if !sc.verdict.is_usable()
                && kb
                    .rules
                    .iter()
                    .any(|r| r.cite.law == sc.law && r.cite.article == sc.article)
            {
                return Err(format!("{} is {:?} but a rule cites it", sc.cited, sc.verdict));
            }
        }
        Ok(kb)
    }

    pub fn laws(&self) -> impl Iterator<Item = &Law> {
        self.laws.values()
    }

    pub fn articles(&self) -> impl Iterator<Item = &Article> {
        self.articles.values()
    }

    pub fn law(&self, short: &str) -> Option<&Law> {
        self.laws.get(short)
    }

    /// Finds a law by its short name, a common abbreviation (消法, 个保法, 办法…) or its full name.
    pub fn resolve_law(&self, name: &str) -> Option<&Law> {
        let name = name.trim().trim_start_matches('《').trim_end_matches('》');
        let name = name.strip_prefix("中华人民共和国").unwrap_or(name);
        self.aliases
            .get(name)
            .and_then(|s| self.laws.get(s))
            .or_else(|| self.laws.get(name))
    }

    pub fn article(&self, law: &str, number: u32) -> Option<&Article> {
        self.articles.get(&(law.to_owned(), number))
    }

    pub fn successor(&self, law: &str) -> Option<&Successor> {
        self.successors.get(law)
    }

    /// 第二十条第二款, the way courts and regulators write it: an article with a single paragraph is cited without
    /// 第一款 (实施条例第十二条, 处罚办法第六条第（八）项).
    pub fn label(&self, c: &Citation) -> String {
        let single = self
            .article(&c.law, c.article)
            .is_some_and(|a| a.paragraphs().len() == 1);
        let mut s = format!("第{}条", numerals::to_chinese(c.article));
        if let Some(p) = c.paragraph.filter(|&p| !(single && p == 1)) {
            s += &format!("第{}款", numerals::to_chinese(p));
        }
        if let Some(i) = c.item {
            s += &format!("第（{}）项", numerals::to_chinese(i));
        }
        s
    }

    /// 《消费者权益保护法》第二十条第二款
    pub fn full_label(&self, c: &Citation) -> String {
        format!("《{}》{}", c.law, self.label(c))
    }

    /// The verbatim text a citation points at: the whole article, one paragraph (with its items), or one item.
    pub fn cited_text(&self, c: &Citation) -> Result<String, String> {
        let a = self
            .article(&c.law, c.article)
            .ok_or_else(|| format!("{} 第{}条 is not in the verified data", c.law, c.article))?;
        let Some(p) = c.paragraph else {
            return match c.item {
                None => Ok(a.text.clone()),
                Some(_) => Err("an item needs its paragraph".into()),
            };
        };
        let paras = a.paragraphs();
        let lines = (p as usize)
            .checked_sub(1)
            .and_then(|ix| paras.get(ix))
            .ok_or_else(|| format!("{}{} has no paragraph {p}", c.law, a.label))?;
        match c.item {
            None => Ok(lines.join("\n")),
            Some(i) => lines
                .get(i as usize)
                .filter(|_| i > 0)
                .map(|s| (*s).to_owned())
                .ok_or_else(|| format!("{}{} paragraph {p} has no item {i}", c.law, a.label)),
        }
    }
}
