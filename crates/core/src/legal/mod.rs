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

/// Item `n` of an article whose paragraphs were joined into one line: from its （n） marker to the next item's
/// marker, or, for the last item, to the end of its sentence — a verbatim slice of the text.
fn inline_item(text: &str, n: u32) -> Option<&str> {
    if n == 0 {
        return None;
    }
    let marker = |k: u32| format!("（{}）", numerals::to_chinese(k));
    let start = text.find(&marker(n))?;
    let rest = &text[start..];
    let end = match rest.find(&marker(n + 1)) {
        Some(next) => next,
        None => rest.find('。').map(|p| p + '。'.len_utf8())?,
    };
    Some(&rest[..end])
}

/// An item line starts with a Chinese numeral in full-width brackets: （八）…
fn is_item(line: &str) -> bool {
    line.strip_prefix('（')
        .and_then(|rest| rest.split_once('）'))
        .is_some_and(|(n, _)| numerals::parse(n).is_some())
}

/// Where a law's text rests on one copy only: the mark every quote or citation of it carries, and the articles (or
/// their items) that a second copy does confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SingleCopy {
    mark: String,
    /// (article, items only): the whole article, or only its items (项), was checked against a second copy.
    checked_twice: Vec<(u32, bool)>,
}

#[derive(Debug)]
pub struct KnowledgeBase {
    laws: BTreeMap<String, Law>,
    articles: BTreeMap<(String, u32), Article>,
    aliases: BTreeMap<String, String>,
    single_copy: BTreeMap<String, SingleCopy>,
    /// Laws whose paragraphs (款) are not known: cited by article and item (项) only.
    items_only: BTreeMap<String, bool>,
    /// Articles whose text the data shows unchanged since a day before the law's current version took effect.
    unchanged_since: BTreeMap<(String, u32), NaiveDate>,
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
#[serde(deny_unknown_fields)]
struct LawNote {
    text_verified: bool,
    note: String,
    /// The provenance mark for a law known from one copy (e.g. 据国家市场监督管理总局网站文本转录，未经第二份文本核对).
    #[serde(default)]
    single_copy: Option<String>,
    #[serde(default)]
    items_only: bool,
    #[serde(default)]
    checked_twice: Vec<CheckedTwice>,
    /// The version line for a reader (the dossier, the law viewer) where the data's own carries research notes.
    #[serde(default)]
    reader_version: Option<String>,
    /// Article number → the day since which its text reads as in the data (the law's note says so).
    #[serde(default)]
    unchanged_since: BTreeMap<u32, NaiveDate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckedTwice {
    article: u32,
    #[serde(default)]
    items_only: bool,
}

#[derive(Deserialize)]
struct RulesFile {
    aliases: BTreeMap<String, String>,
    law_notes: BTreeMap<String, LawNote>,
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
                    version: note.and_then(|n| n.reader_version.clone()).unwrap_or(l.version),
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
        let mut single_copy = BTreeMap::new();
        let mut items_only = BTreeMap::new();
        let mut unchanged_since = BTreeMap::new();
        for (law, note) in &r.law_notes {
            if !laws.contains_key(law) {
                return Err(format!("rules.json: a note names the unknown law {law}"));
            }
            for (&article, &since) in &note.unchanged_since {
                if !articles.contains_key(&(law.clone(), article)) {
                    return Err(format!("rules.json: {law} 第{article}条 is not in the data"));
                }
                unchanged_since.insert((law.clone(), article), since);
            }
            if let Some(mark) = &note.single_copy {
                single_copy.insert(
                    law.clone(),
                    SingleCopy {
                        mark: mark.clone(),
                        checked_twice: note.checked_twice.iter().map(|c| (c.article, c.items_only)).collect(),
                    },
                );
            }
            if note.items_only {
                items_only.insert(law.clone(), true);
            }
        }
        let kb = KnowledgeBase {
            laws,
            articles,
            aliases: r.aliases,
            single_copy,
            items_only,
            unchanged_since,
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

    /// Whether an article's text in the data applies to facts on `date`: its law was in force then, or the data says
    /// the article reads the same since a day on or before it (and the law has not ceased to apply).
    pub fn applies_on(&self, law: &str, article: u32, date: NaiveDate) -> bool {
        let Some(l) = self.law(law) else { return false };
        if l.in_force_on(date) {
            return true;
        }
        let since = self.unchanged_since.get(&(law.to_owned(), article));
        since.is_some_and(|s| date >= *s) && l.in_force_until.is_none_or(|end| date <= end)
    }

    /// Whether a law is cited by article and item only: its paragraphs (款) were not preserved in the one copy held.
    pub fn items_only(&self, law: &str) -> bool {
        self.items_only.contains_key(law)
    }

    /// The provenance mark a citation must carry when the text it points at rests on a single copy (none when a
    /// second copy confirms it: e.g. 办法第十六条, or an item of 办法第二十三条).
    pub fn single_copy_mark(&self, c: &Citation) -> Option<&str> {
        let s = self.single_copy.get(&c.law)?;
        let confirmed = s
            .checked_twice
            .iter()
            .any(|&(article, items)| article == c.article && (!items || c.item.is_some()));
        (!confirmed).then_some(s.mark.as_str())
    }

    /// Whether what a citation points at was checked against a second copy: for a law known from one copy, the
    /// provisions a second copy confirms; otherwise the law's own verification.
    pub fn citation_verified(&self, c: &Citation) -> bool {
        if self.single_copy.contains_key(&c.law) {
            return self.single_copy_mark(c).is_none();
        }
        self.law(&c.law).is_none_or(|l| l.text_verified)
    }

    /// The mark of a law known from a single copy, for a text that names the law as a whole.
    pub fn law_single_copy_mark(&self, law: &str) -> Option<&str> {
        self.single_copy.get(law).map(|s| s.mark.as_str())
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

    /// 《消费者权益保护法》第二十条第二款 — and, for a provision known from a single copy, its provenance mark:
    /// 《市场监督管理投诉举报处理办法》第十五条（据国家市场监督管理总局网站文本转录，未经第二份文本核对）.
    pub fn full_label(&self, c: &Citation) -> String {
        match self.single_copy_mark(c) {
            Some(mark) => format!("《{}》{}（{mark}）", c.law, self.label(c)),
            None => format!("《{}》{}", c.law, self.label(c)),
        }
    }

    /// The verbatim text a citation points at: the whole article, one paragraph (with its items), or one item.
    pub fn cited_text(&self, c: &Citation) -> Result<String, String> {
        let a = self
            .article(&c.law, c.article)
            .ok_or_else(|| format!("{} 第{}条 is not in the verified data", c.law, c.article))?;
        if self.items_only(&c.law) {
            if c.paragraph.is_some() {
                return Err(format!(
                    "{}{} is cited by article and item only, never by paragraph",
                    c.law, a.label
                ));
            }
            return match c.item {
                None => Ok(a.text.clone()),
                Some(i) => inline_item(&a.text, i)
                    .map(str::to_owned)
                    .ok_or_else(|| format!("{}{} has no item {i}", c.law, a.label)),
            };
        }
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
