//! The mapping from logged problems to legal bases. The rules are data (`data/legal/rules.json`); this module only
//! evaluates their conditions against the facts of a case and attaches the verbatim text of each cited provision.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{kb, Citation};
use crate::model::{CaseData, Industry, LinkSender, ProblemKind};

/// How much weight a basis carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// 核心: cite by default.
    Core,
    /// 补充: supporting.
    Supporting,
    /// 慎用: arguable; cite only with facts that fit.
    Caution,
}

impl Strength {
    pub fn label_zh(self) -> &'static str {
        match self {
            Strength::Core => "核心",
            Strength::Supporting => "补充",
            Strength::Caution => "慎用",
        }
    }
}

/// Conditions on the case facts; all present ones must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// The respondent is an e-commerce operator (industry `ecommerce`).
    pub ecommerce: Option<bool>,
    /// Sold at a distance or a financial service (消法第二十八条): e-commerce, telecom, banking/insurance, payment.
    pub remote_sale: Option<bool>,
    /// Who sent the link in this interaction (no answer counts as `unknown`).
    pub link_sender: Option<Vec<LinkSender>>,
    /// Some interaction of the case records a loss above zero.
    pub money_lost: Option<bool>,
    /// Some interaction of the case is about personal data.
    pub personal_data: Option<bool>,
    /// More than N days have passed since the consumer first raised the matter (the earliest interaction).
    pub demand_unanswered_days_over: Option<i64>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub problems: Vec<ProblemKind>,
    #[serde(default)]
    pub when: Condition,
    pub cite: Citation,
    pub strength: Strength,
    pub why: String,
    pub allows: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Advice {
    pub id: String,
    pub problems: Vec<ProblemKind>,
    #[serde(default)]
    pub when: Condition,
    pub priority: u8,
    pub text: String,
}

/// The verdict on one of the source article's citations (shared/legal/README.md section A).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Correct,
    Misattributed,
    Nonexistent,
    NotAConsumerRemedy,
}

impl Verdict {
    pub fn label_zh(self) -> &'static str {
        match self {
            Verdict::Correct => "引用正确",
            Verdict::Misattributed => "张冠李戴（条文内容与所述不符）",
            Verdict::Nonexistent => "条文不存在",
            Verdict::NotAConsumerRemedy => "不是消费者可以主张的依据",
        }
    }

    /// Only a correct citation may ever be used as a basis.
    pub fn is_usable(self) -> bool {
        self == Verdict::Correct
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceCitation {
    pub cited: String,
    pub law: String,
    pub article: u32,
    pub claim: String,
    pub verdict: Verdict,
    pub explanation: String,
    pub corrections: Vec<Citation>,
}

/// One legal basis suggested for one problem in one interaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SuggestedBasis {
    pub rule: String,
    /// Index into the case's interactions.
    pub interaction: usize,
    pub problem: ProblemKind,
    /// Short law name as in the data, e.g. 消费者权益保护法.
    pub law: String,
    pub law_full: String,
    pub article: u32,
    pub paragraph: Option<u32>,
    pub item: Option<u32>,
    /// 第二十条第二款
    pub label: String,
    pub strength: Strength,
    /// The cited provision, verbatim.
    pub text: String,
    pub version: String,
    pub text_verified: bool,
    pub verification_note: Option<String>,
    pub why: String,
    pub allows: String,
    /// False when the user left this basis out of the dossier (`CaseData::excluded_bases`).
    pub included: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AdviceItem {
    pub id: String,
    pub interaction: usize,
    pub problem: ProblemKind,
    pub priority: u8,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Suggestions {
    pub bases: Vec<SuggestedBasis>,
    /// What to do first (e.g. report an impostor to the police), most urgent first.
    pub advice: Vec<AdviceItem>,
    /// Bases left out because their law was not in force on the date of the interaction.
    pub not_in_force: Vec<String>,
}

struct Facts {
    ecommerce: bool,
    remote_sale: bool,
    money_lost: bool,
    personal_data: bool,
    days_since_first_contact: Option<i64>,
}

impl Facts {
    fn of(case: &CaseData, today: NaiveDate) -> Facts {
        let first = case.interactions.iter().map(|i| i.occurred_at.date_naive()).min();
        Facts {
            ecommerce: case.industry == Industry::Ecommerce,
            remote_sale: matches!(
                case.industry,
                Industry::Ecommerce | Industry::Telecom | Industry::BankingInsurance | Industry::Payment
            ),
            money_lost: case.interactions.iter().any(|i| i.loss.is_some_and(|l| l.fen() > 0)),
            personal_data: case
                .interactions
                .iter()
                .any(|i| i.problems.contains(&ProblemKind::PrivacyViolation)),
            days_since_first_contact: first.map(|d| (today - d).num_days()),
        }
    }
}

impl Condition {
    fn holds(&self, f: &Facts, link: LinkSender) -> bool {
        self.ecommerce.is_none_or(|v| v == f.ecommerce)
            && self.remote_sale.is_none_or(|v| v == f.remote_sale)
            && self.money_lost.is_none_or(|v| v == f.money_lost)
            && self.personal_data.is_none_or(|v| v == f.personal_data)
            && self.link_sender.as_ref().is_none_or(|s| s.contains(&link))
            && self
                .demand_unanswered_days_over
                .is_none_or(|n| f.days_since_first_contact.is_some_and(|d| d > n))
    }
}

/// The legal bases for every problem logged in a case, in interaction order, core bases first.
/// `today` is the reference date for conditions that count days.
pub fn suggest(case: &CaseData, today: NaiveDate) -> Suggestions {
    let kb = kb();
    let facts = Facts::of(case, today);
    let mut bases = Vec::new();
    let mut advice = Vec::new();
    let mut not_in_force = BTreeSet::new();
    for (ix, it) in case.interactions.iter().enumerate() {
        let on = it.occurred_at.date_naive();
        let link = it.link_sender.unwrap_or(LinkSender::Unknown);
        for &problem in &it.problems {
            let mut here: Vec<SuggestedBasis> = Vec::new();
            for rule in kb
                .rules
                .iter()
                .filter(|r| r.problems.contains(&problem) && r.when.holds(&facts, link))
            {
                let Some(law) = kb.law(&rule.cite.law) else { continue };
                if !law.in_force_on(on) {
                    not_in_force.insert(format!(
                        "{}{}：{} 时尚未施行或已失效（施行 {}）",
                        rule.cite.law,
                        rule.cite.label(),
                        on,
                        law.effective_date
                    ));
                    continue;
                }
                let Ok(text) = kb.cited_text(&rule.cite) else { continue };
                here.push(SuggestedBasis {
                    rule: rule.id.clone(),
                    interaction: ix,
                    problem,
                    law: law.short.clone(),
                    law_full: law.full.clone(),
                    article: rule.cite.article,
                    paragraph: rule.cite.paragraph,
                    item: rule.cite.item,
                    label: rule.cite.label(),
                    strength: rule.strength,
                    text,
                    version: law.version.clone(),
                    text_verified: law.text_verified,
                    verification_note: law.verification_note.clone(),
                    why: rule.why.clone(),
                    allows: rule.allows.clone(),
                    included: !case.excluded_bases.contains(&rule.id),
                });
            }
            here.sort_by_key(|b| b.strength);
            bases.extend(here);
            for a in kb
                .advice
                .iter()
                .filter(|a| a.problems.contains(&problem) && a.when.holds(&facts, link))
            {
                if !advice.iter().any(|x: &AdviceItem| x.id == a.id) {
                    advice.push(AdviceItem {
                        id: a.id.clone(),
                        interaction: ix,
                        problem,
                        priority: a.priority,
                        text: a.text.clone(),
                    });
                }
            }
        }
    }
    advice.sort_by_key(|a| a.priority);
    Suggestions {
        bases,
        advice,
        not_in_force: not_in_force.into_iter().collect(),
    }
}
