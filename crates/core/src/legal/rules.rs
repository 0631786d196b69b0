//! The mapping from logged problems to legal bases. The rules are data (`data/legal/rules.json`); this module only
//! evaluates their conditions against the facts of a case and attaches the verbatim text of each cited provision.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{kb, Citation};
use crate::model::{
    CaseData, DemandKind, Industry, Interaction, LinkSender, ProblemKind, Purchase, Speaker, SupplyKind,
};

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
    /// The respondent is the e-commerce platform itself, not a merchant on it (a case fact).
    pub platform: Option<bool>,
    /// What was bought is goods (not a service, and not unsaid).
    pub goods: Option<bool>,
    /// The goods or service do not meet quality requirements (a case fact).
    pub quality_defect: Option<bool>,
    /// The food does not meet food-safety standards (a case fact).
    pub food_unsafe: Option<bool>,
    /// The consumer states that a leak from the company is suspected (a case fact).
    pub leak_suspected: Option<bool>,
    /// The dispute is about a deposit (a case fact).
    pub deposit: Option<bool>,
    /// Marketing messages or calls without consent (a case fact).
    pub marketing_contact: Option<bool>,
    /// The statement in this interaction came before the purchase (true) or after it (false), by the user's
    /// answer or the dates. A statement whose timing is unsettled meets neither.
    pub before_purchase: Option<bool>,
    /// The fifteen days of 处罚办法第八条 have run for some demand.
    pub delay_period_run: Option<bool>,
    /// The consumer confirmed that some demand is still not performed.
    pub unperformed_confirmed: Option<bool>,
    /// She asked to return goods bought at a distance inside the seven days of 消法第二十五条 (a dated request).
    pub return_in_time: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    /// The problems this rule answers. A case-level rule (`case`) with no problems applies to any case whose facts
    /// meet its conditions; with problems, to a case that logged one of them.
    #[serde(default)]
    pub problems: Vec<ProblemKind>,
    /// Evaluated once for the case (on its facts), not per interaction.
    #[serde(default)]
    pub case: bool,
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
    #[serde(default)]
    pub problems: Vec<ProblemKind>,
    #[serde(default)]
    pub case: bool,
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
    /// Index into the case's interactions; none for a basis that rests on the case's facts.
    pub interaction: Option<usize>,
    pub problem: Option<ProblemKind>,
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
    /// Whether it goes into the dossier: core bases unless the user left them out (`CaseData::excluded_bases`),
    /// others only when she put them in (`CaseData::included_bases`).
    pub included: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AdviceItem {
    pub id: String,
    pub interaction: Option<usize>,
    pub problem: Option<ProblemKind>,
    pub priority: u8,
    pub text: String,
}

/// A fact the bases depend on that only the consumer can state, and the app does not have yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// 这句话是在您下单前说的吗？它影响了您的购买决定吗？ (for one interaction)
    BeforePurchase,
    /// Who sent the link (for one interaction).
    LinkSender,
    /// For a scammer's link: does she suspect her data leaked from the company?
    LeakSuspected,
    /// Goods or a service?
    Supply,
    /// The platform itself, or a merchant on it?
    PlatformOrMerchant,
    /// When was this demand made (for one demand)?
    DemandDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OpenQuestion {
    pub kind: QuestionKind,
    pub interaction: Option<usize>,
    pub demand: Option<usize>,
    /// The question in plain Chinese (the app renders its own wording from `kind`).
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Suggestions {
    pub bases: Vec<SuggestedBasis>,
    /// What to do first (e.g. report an impostor to the police), most urgent first.
    pub advice: Vec<AdviceItem>,
    /// Bases left out because their law was not in force on the date of the interaction.
    pub not_in_force: Vec<String>,
    /// What the user should answer so that the bases fit the facts.
    pub questions: Vec<OpenQuestion>,
}

/// When a false or concealing statement was made, relative to the purchase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    BeforePurchase,
    AfterPurchase,
    /// The dates do not settle it and the user has not said: no fraud basis until she does.
    Unsettled,
}

/// The user's answer wins; otherwise a statement on a later day than the purchase came after it and one on an
/// earlier day before it. The same day, or no purchase date, leaves it open.
pub fn statement_timing(it: &Interaction, purchase: &Purchase) -> Timing {
    match (it.before_purchase, purchase.date) {
        (Some(true), _) => Timing::BeforePurchase,
        (Some(false), _) => Timing::AfterPurchase,
        (None, Some(bought)) if it.occurred_at.date_naive() > bought => Timing::AfterPurchase,
        (None, Some(bought)) if it.occurred_at.date_naive() < bought => Timing::BeforePurchase,
        _ => Timing::Unsettled,
    }
}

/// A false statement or concealment about what was bought.
pub fn is_deception(p: ProblemKind) -> bool {
    matches!(p, ProblemKind::FalseInformation | ProblemKind::Concealment)
}

struct Facts {
    ecommerce: bool,
    remote_sale: bool,
    money_lost: bool,
    personal_data: bool,
    platform: bool,
    goods: bool,
    quality_defect: bool,
    food_unsafe: bool,
    leak_suspected: bool,
    deposit: bool,
    marketing_contact: bool,
    delay_period_run: bool,
    unperformed_confirmed: bool,
    return_in_time: bool,
}

impl Facts {
    fn of(case: &CaseData, today: NaiveDate) -> Facts {
        let f = &case.facts;
        Facts {
            ecommerce: case.industry == Industry::Ecommerce,
            remote_sale: matches!(
                case.industry,
                Industry::Ecommerce | Industry::Telecom | Industry::BankingInsurance | Industry::Payment
            ),
            // Money a scammer took is not a loss the company's conduct caused (the police recover it).
            money_lost: case
                .interactions
                .iter()
                .any(|i| i.speaker() == Speaker::Company && i.loss.is_some_and(|l| l.fen() > 0)),
            personal_data: case
                .interactions
                .iter()
                .any(|i| i.problems.contains(&ProblemKind::PrivacyViolation)),
            platform: f.respondent_is_platform == Some(true),
            goods: f.supply == Some(SupplyKind::Goods),
            quality_defect: f.quality_defect,
            food_unsafe: f.food_unsafe,
            leak_suspected: f.leak_suspected,
            deposit: f.deposit,
            marketing_contact: f.marketing_contact,
            delay_period_run: super::remedies::delays(case, today).iter().any(|d| d.exceeded),
            unperformed_confirmed: case.demands.iter().any(|d| d.unperformed_confirmed_on.is_some()),
            return_in_time: super::remedies::seven_days(case, &crate::calendar::Calendar::built_in())
                .and_then(|w| w.in_time())
                == Some(true),
        }
    }
}

impl Condition {
    /// `link` and `timing` describe the interaction; a case-level rule passes `None` for both, so a rule that
    /// names them never applies at case level.
    fn holds(&self, f: &Facts, link: Option<LinkSender>, timing: Option<Timing>) -> bool {
        let fact = |want: Option<bool>, have: bool| want.is_none_or(|v| v == have);
        fact(self.ecommerce, f.ecommerce)
            && fact(self.remote_sale, f.remote_sale)
            && fact(self.money_lost, f.money_lost)
            && fact(self.personal_data, f.personal_data)
            && fact(self.platform, f.platform)
            && fact(self.goods, f.goods)
            && fact(self.quality_defect, f.quality_defect)
            && fact(self.food_unsafe, f.food_unsafe)
            && fact(self.leak_suspected, f.leak_suspected)
            && fact(self.deposit, f.deposit)
            && fact(self.marketing_contact, f.marketing_contact)
            && fact(self.delay_period_run, f.delay_period_run)
            && fact(self.unperformed_confirmed, f.unperformed_confirmed)
            && fact(self.return_in_time, f.return_in_time)
            && self
                .link_sender
                .as_ref()
                .is_none_or(|s| link.is_some_and(|l| s.contains(&l)))
            && self.before_purchase.is_none_or(|want| match timing {
                Some(Timing::BeforePurchase) => want,
                Some(Timing::AfterPurchase) => !want,
                _ => false,
            })
    }
}

fn basis(
    rule: &Rule,
    law: &super::Law,
    text: String,
    interaction: Option<usize>,
    problem: Option<ProblemKind>,
    case: &CaseData,
) -> SuggestedBasis {
    let included = if rule.strength == Strength::Core {
        !case.excluded_bases.contains(&rule.id)
    } else {
        case.included_bases.contains(&rule.id)
    };
    SuggestedBasis {
        rule: rule.id.clone(),
        interaction,
        problem,
        law: law.short.clone(),
        law_full: law.full.clone(),
        article: rule.cite.article,
        paragraph: rule.cite.paragraph,
        item: rule.cite.item,
        label: kb().label(&rule.cite),
        strength: rule.strength,
        text,
        version: law.version.clone(),
        text_verified: law.text_verified,
        verification_note: law.verification_note.clone(),
        why: rule.why.clone(),
        allows: rule.allows.clone(),
        included,
    }
}

/// The legal bases for every problem logged in a case, in interaction order, core bases first, then the bases
/// that rest on the case's facts. `today` is the reference date for conditions that count days.
pub fn suggest(case: &CaseData, today: NaiveDate) -> Suggestions {
    let kb = kb();
    let facts = Facts::of(case, today);
    let mut bases = Vec::new();
    let mut advice: Vec<AdviceItem> = Vec::new();
    let mut not_in_force = BTreeSet::new();
    let mut questions = Vec::new();
    let mut in_force = |rule: &Rule, on: NaiveDate| -> Option<(&'static super::Law, String)> {
        let law = kb.law(&rule.cite.law)?;
        if !kb.applies_on(&rule.cite.law, rule.cite.article, on) {
            not_in_force.insert(format!(
                "{}{}：{} 时尚未施行或已失效（施行 {}）",
                rule.cite.law,
                kb.label(&rule.cite),
                on,
                law.effective_date
            ));
            return None;
        }
        Some((law, kb.cited_text(&rule.cite).ok()?))
    };
    for (ix, it) in case.interactions.iter().enumerate() {
        let on = it.occurred_at.date_naive();
        let link = it.link_sender.unwrap_or(LinkSender::Unknown);
        let timing = statement_timing(it, &case.purchase);
        let speaker = it.speaker();
        // Whether the company's words came before the purchase matters; an impostor's never ground a fraud basis.
        if it.problems.iter().any(|p| is_deception(*p)) && timing == Timing::Unsettled && speaker == Speaker::Company {
            questions.push(OpenQuestion {
                kind: QuestionKind::BeforePurchase,
                interaction: Some(ix),
                demand: None,
                text: "这句话是在您下单前说的吗？它影响了您的购买决定吗？".into(),
            });
        }
        if it.problems.contains(&ProblemKind::InducedHarm) || speaker != Speaker::Company {
            if speaker == Speaker::Unconfirmed {
                questions.push(OpenQuestion {
                    kind: QuestionKind::LinkSender,
                    interaction: Some(ix),
                    demand: None,
                    text: "链接是经营者官方客服渠道发来的，还是冒充客服的人发来的？".into(),
                });
            } else if link == LinkSender::Impostor
                && !case.facts.leak_suspected
                && it.problems.contains(&ProblemKind::InducedHarm)
            {
                questions.push(OpenQuestion {
                    kind: QuestionKind::LeakSuspected,
                    interaction: Some(ix),
                    demand: None,
                    text: "对方是否掌握了只有经营者才有的订单信息，让您怀疑信息从经营者处泄露？".into(),
                });
            }
        }
        for &problem in &it.problems {
            let mut here: Vec<SuggestedBasis> = Vec::new();
            // Words not from the company's own channel (an impostor's, or a sender she has not confirmed) ground
            // only the rules written for such a link, never a basis against the company for what was said.
            let answers = |r: &Rule| speaker == Speaker::Company || r.when.link_sender.is_some();
            for rule in kb.rules.iter().filter(|r| {
                !r.case && r.problems.contains(&problem) && answers(r) && r.when.holds(&facts, Some(link), Some(timing))
            }) {
                if let Some((law, text)) = in_force(rule, on) {
                    here.push(basis(rule, law, text, Some(ix), Some(problem), case));
                }
            }
            here.sort_by_key(|b| b.strength);
            bases.extend(here);
            for a in kb
                .advice
                .iter()
                .filter(|a| !a.case && a.problems.contains(&problem) && a.when.holds(&facts, Some(link), Some(timing)))
            {
                if !advice.iter().any(|x| x.id == a.id) {
                    advice.push(AdviceItem {
                        id: a.id.clone(),
                        interaction: Some(ix),
                        problem: Some(problem),
                        priority: a.priority,
                        text: a.text.clone(),
                    });
                }
            }
        }
    }
    // Case-level bases rest on the purchase's facts (the goods, the food, the seller): dated by the purchase, else the
    // first contact, else today — never by an earlier call that was not the purchase (a booking, an inquiry).
    let on = case
        .purchase
        .date
        .or_else(|| case.interactions.iter().map(|i| i.occurred_at.date_naive()).min())
        .unwrap_or(today);
    let logged = |ps: &[ProblemKind]| {
        ps.is_empty()
            || case
                .interactions
                .iter()
                .any(|i| i.problems.iter().any(|p| ps.contains(p)))
    };
    let mut here = Vec::new();
    for rule in kb
        .rules
        .iter()
        .filter(|r| r.case && logged(&r.problems) && r.when.holds(&facts, None, None))
    {
        if let Some((law, text)) = in_force(rule, on) {
            here.push(basis(rule, law, text, None, None, case));
        }
    }
    here.sort_by_key(|b| b.strength);
    bases.extend(here);
    for a in kb
        .advice
        .iter()
        .filter(|a| a.case && logged(&a.problems) && a.when.holds(&facts, None, None))
    {
        advice.push(AdviceItem {
            id: a.id.clone(),
            interaction: None,
            problem: None,
            priority: a.priority,
            text: a.text.clone(),
        });
    }
    if case.facts.supply.is_none()
        && (case.industry == Industry::Ecommerce || case.demands.iter().any(|d| d.kind == DemandKind::Return))
    {
        questions.push(OpenQuestion {
            kind: QuestionKind::Supply,
            interaction: None,
            demand: None,
            text: "您买的是商品还是服务？（七日无理由退货只适用于商品）".into(),
        });
    }
    if case.industry == Industry::Ecommerce && case.facts.respondent_is_platform.is_none() {
        questions.push(OpenQuestion {
            kind: QuestionKind::PlatformOrMerchant,
            interaction: None,
            demand: None,
            text: "被投诉的是电商平台本身，还是平台上的店铺？".into(),
        });
    }
    for (i, d) in case.demands.iter().enumerate() {
        if d.kind.is_performance() && d.made_day().is_none() {
            questions.push(OpenQuestion {
                kind: QuestionKind::DemandDate,
                interaction: None,
                demand: Some(i),
                text: format!("您是哪一天向经营者提出“{}”这项要求的？", d.kind.label_zh()),
            });
        }
    }
    advice.sort_by_key(|a| a.priority);
    Suggestions {
        bases,
        advice,
        not_in_force: not_in_force.into_iter().collect(),
        questions,
    }
}
