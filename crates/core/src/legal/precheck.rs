//! The filing pre-check: what would get a 12315 complaint refused, each finding naming its rule and saying what to
//! fix. The procedure rule is the one in force on the filing date: until 2026-04-14 the 暂行办法 (第九条、第十条、
//! 第十五条), from 2026-04-15 the 办法 (第十条、第十一条、第十六条), cited by 条 and 项 with the mark of its single
//! copy where a second one does not confirm it; 第十七条's factors are a note to a volunteer, never a verdict.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::{kb, Citation};
use crate::calendar::{Calendar, Counted};
use crate::model::CaseData;

const INTERIM_RULE: &str = "市场监督管理投诉举报处理暂行办法";
/// In force from 2026-04-15 (its 第四十六条), replacing the 暂行办法.
pub const MEASURES: &str = "市场监督管理投诉举报处理办法";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FindingCode {
    MissingComplainantName,
    MissingComplainantPhone,
    MissingComplainantAddress,
    MissingRespondentName,
    MissingRespondentAddress,
    NoDemand,
    NoFacts,
    OverThreeYears,
    NearThreeYears,
    NotPersonalUse,
    ParallelProceeding,
    /// Filed through an agent: the original 授权委托书 and the agent's proof of identity go with the filing.
    AgentMaterials,
    AgentIdMissing,
    /// The 授权委托书 does not give the power to complain.
    AgentCannotComplain,
    /// The filing date lies outside the authorisation's term.
    AgentOutsideTerm,
    /// From 2026-04-15 the regulator may ask for proof of identity; refusing to cooperate gets the complaint refused.
    IdentityCheck,
    /// Other cases in this library share something 办法第十七条 lets the regulator weigh (the same phone or address
    /// used by several complainants, many complaints against one company in a short time): a note to the volunteer.
    ReviewFactors,
}

/// A rule a finding rests on: its label and, where we have it verified, its verbatim text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RuleRef {
    pub label: String,
    pub text: Option<String>,
    pub verified: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Finding {
    pub code: FindingCode,
    /// True when the complaint would be refused as it stands.
    pub blocking: bool,
    pub rules: Vec<RuleRef>,
    pub message: String,
    pub fix: String,
    /// The case field to fix, as a path (`complainant.phone`), if there is one.
    pub field: Option<String>,
    /// For the three-year findings: when the consumer knew of the harm, and when three years are up.
    #[ts(type = "string | null")]
    pub known_on: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub limit_on: Option<NaiveDate>,
}

fn cite(law: &str, article: u32, paragraph: Option<u32>, item: Option<u32>) -> RuleRef {
    let c = Citation {
        law: law.into(),
        article,
        paragraph,
        item,
    };
    let verified = kb().citation_verified(&c);
    RuleRef {
        label: kb().full_label(&c),
        text: kb().cited_text(&c).ok(),
        verified,
    }
}

/// Which complaint-procedure rule governs a filing on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Regime {
    /// Before 2020-01-01: neither rule was in force; no procedure rule is cited.
    None,
    /// 2020-01-01 to 2026-04-14: 市场监督管理投诉举报处理暂行办法.
    Interim,
    /// From 2026-04-15: 市场监督管理投诉举报处理办法, by 条 and 项.
    Measures,
}

impl Regime {
    pub fn on(filing_date: NaiveDate) -> Regime {
        if kb().law(INTERIM_RULE).is_some_and(|l| l.in_force_on(filing_date)) {
            Regime::Interim
        } else if kb().law(MEASURES).is_some_and(|l| l.in_force_on(filing_date)) {
            Regime::Measures
        } else {
            Regime::None
        }
    }
}

/// A provision of the 办法 (by 条, and 项 if given), labelled with its single-copy mark where it needs one.
pub fn measures(article: u32, item: Option<u32>) -> RuleRef {
    cite(MEASURES, article, None, item)
}

/// What the library shows about other complaints that 办法第十七条 lets the regulator weigh when it judges whether a
/// complaint is for daily consumption. Counted by the store over the whole library.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LibrarySignals {
    /// Other cases with the same phone or address but another complainant (第十七条第（四）项).
    pub sharing_contact: usize,
    /// Cases of the same complainant against the same company within thirty days, this one included (第（二）项).
    pub same_company_30_days: usize,
}

/// A gentle note to the volunteer, never a judgement about the consumer: none when nothing stands out.
pub fn review_factors(signals: LibrarySignals) -> Option<Finding> {
    let mut said = Vec::new();
    let mut items = Vec::new();
    if signals.sharing_contact > 0 {
        said.push(format!(
            "本案件库中另有 {} 件投诉使用同一电话或地址、投诉人却不同",
            signals.sharing_contact
        ));
        items.push(4);
    }
    if signals.same_company_30_days >= 3 {
        said.push(format!(
            "同一投诉人三十日内对同一经营者有 {} 件投诉",
            signals.same_company_30_days
        ));
        items.push(2);
    }
    if said.is_empty() {
        return None;
    }
    Some(Finding {
        code: FindingCode::ReviewFactors,
        blocking: false,
        rules: items
            .iter()
            .map(|&i| cite(MEASURES, 17, None, Some(i)))
            .chain(std::iter::once(measures(16, Some(3))))
            .collect(),
        message: format!(
            "{}。市场监管部门判断是否为生活消费需要时，可以考虑这类情况；这本身不说明投诉人有任何问题。",
            said.join("；")
        ),
        fix: "如是家人代为登记或者确属多次购买，请在案件中如实写明缘由；每件投诉都写清楚自己的购买和争议事实。".into(),
        field: None,
        known_on: None,
        limit_on: None,
    })
}

/// Where the three years start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KnownFrom {
    /// 问题出现日期, as she gave it.
    Noticed,
    /// The earliest record (contact, else purchase): the app says so and asks for the real date.
    FirstRecord,
}

/// The three years within which a complaint is accepted (暂行办法第十五条第一款第（四）项, 办法第十六条第（四）项,
/// 民法典第一百八十八条), counted as 民法典第二百零一条至第二百零三条 say: the first day not counted, the
/// corresponding day three years on, a last day on a rest day moved to the next working day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreeYears {
    pub known: NaiveDate,
    pub from: KnownFrom,
    pub last_day: Counted,
}

/// The one three-year count the pre-check and the clocks share: from the date the problem appeared when she gave
/// it, else from the earliest record.
pub fn three_year_limit(case: &CaseData, cal: &Calendar) -> Option<ThreeYears> {
    let first = case.interactions.iter().map(|i| i.occurred_at.date_naive()).min();
    let (known, from) = match case.facts.problem_noticed_on {
        Some(d) => (d, KnownFrom::Noticed),
        None => (first.or(case.purchase.date)?, KnownFrom::FirstRecord),
    };
    Some(ThreeYears {
        known,
        from,
        last_day: cal.months_end(known, 36)?,
    })
}

/// `filing_date`: when the complaint is (or was) filed; it decides which procedure rule applies.
pub fn precheck(case: &CaseData, filing_date: NaiveDate) -> Vec<Finding> {
    let regime = Regime::on(filing_date);
    // 暂行办法第九条第一款 items (一)(二)(三); from 2026-04-15 办法第十条 items (一)(二)(三) and the refusal ground for
    // missing materials, 第十六条第（五）项. Before 2020 no procedure rule is cited at all.
    let materials = |item: u32| -> Vec<RuleRef> {
        match regime {
            Regime::Interim => vec![cite(INTERIM_RULE, 9, Some(1), Some(item))],
            Regime::Measures => vec![measures(10, Some(item)), measures(16, Some(5))],
            Regime::None => Vec::new(),
        }
    };
    // The refusal grounds: 暂行办法第十五条第一款, 办法第十六条 (the same items (一)–(四) for these grounds).
    let ground = |item: u32, extra: Option<RuleRef>| -> Vec<RuleRef> {
        let mut v = match regime {
            Regime::Interim => vec![cite(INTERIM_RULE, 15, Some(1), Some(item))],
            Regime::Measures => vec![measures(16, Some(item))],
            Regime::None => Vec::new(),
        };
        v.extend(extra);
        v
    };
    let blank = |s: &Option<String>| s.as_deref().is_none_or(|v| v.trim().is_empty());
    let mut out = Vec::new();
    let mut push = |code, blocking, rules, message: &str, fix: &str, field: Option<&str>| {
        out.push(Finding {
            code,
            blocking,
            rules,
            message: message.into(),
            fix: fix.into(),
            field: field.map(Into::into),
            known_on: None,
            limit_on: None,
        })
    };

    let c = &case.complainant;
    if blank(&c.name) {
        push(
            FindingCode::MissingComplainantName,
            true,
            materials(1),
            "缺少投诉人姓名。投诉须提供真实身份信息。",
            "填写您的真实姓名。",
            Some("complainant.name"),
        );
    }
    if blank(&c.phone) {
        push(
            FindingCode::MissingComplainantPhone,
            true,
            materials(1),
            "缺少投诉人电话号码。",
            "填写能联系到您的电话号码。",
            Some("complainant.phone"),
        );
    }
    if blank(&c.address) {
        push(
            FindingCode::MissingComplainantAddress,
            true,
            materials(1),
            "缺少投诉人通讯地址。",
            "填写能收到信件的地址。",
            Some("complainant.address"),
        );
    }
    if regime == Regime::Measures && blank(&c.id_number) {
        push(
            FindingCode::IdentityCheck,
            false,
            vec![measures(10, None), measures(16, Some(6))],
            "市场监管部门为核验投诉人的真实身份，可以要求提供身份证明材料；拒不配合核验的，投诉不予受理。",
            "准备好身份证，部门要求核验时及时提供。",
            Some("complainant.id_number"),
        );
    }
    let r = &case.respondent;
    if blank(&r.name) {
        push(
            FindingCode::MissingRespondentName,
            true,
            materials(2),
            "缺少被投诉人名称，投诉须有明确的被投诉人。",
            "填写营业执照上的公司全称（店铺首页的“资质”或“营业执照”处可查）。",
            Some("respondent.name"),
        );
    }
    if blank(&r.address) {
        push(
            FindingCode::MissingRespondentAddress,
            true,
            materials(2),
            "缺少被投诉人地址。",
            "填写营业执照上的住所或实际经营地址。",
            Some("respondent.address"),
        );
    }
    if case.demands.is_empty() {
        push(
            FindingCode::NoDemand,
            true,
            materials(3),
            "没有具体的投诉请求。",
            "在“诉求”中写明您要什么，例如退款多少元、赔偿多少元。",
            Some("demands"),
        );
    }
    if case.interactions.is_empty() && blank(&case.purchase.item) {
        push(
            FindingCode::NoFacts,
            true,
            materials(3),
            "没有争议事实：既没有购买信息，也没有沟通记录。",
            "填写买了什么，并记录至少一次与客服的沟通。",
            Some("interactions"),
        );
    }

    let mut three_years = None;
    if let Some(limit) = three_year_limit(case, &Calendar::built_in()) {
        let (known, last) = (limit.known, limit.last_day.date);
        three_years = Some((known, last));
        let civil = cite("民法典", 188, Some(1), None);
        let from = match limit.from {
            KnownFrom::Noticed => "您填写的问题出现日期",
            KnownFrom::FirstRecord => "最早记录",
        };
        if filing_date > last {
            push(
                FindingCode::OverThreeYears,
                true,
                ground(4, Some(civil)),
                &format!("自您知道权益受损（{from} {known}）已超过三年（{last} 届满），投诉将不予受理。"),
                "请核实最早知道受损的日期（可在案件中填写问题出现日期）；如已超过三年，可咨询律师是否存在时效中断或其他途径。",
                Some("facts.problem_noticed_on"),
            );
        } else if (last - filing_date).num_days() <= 90 {
            push(
                FindingCode::NearThreeYears,
                false,
                ground(4, Some(civil)),
                &format!("三年期限将于 {last} 届满（自{from} {known} 起算）。"),
                "请尽快提交投诉。",
                None,
            );
        }
    }
    if !case.purchase.personal_use {
        push(
            FindingCode::NotPersonalUse,
            true,
            ground(3, None),
            "您标明这次购买不是为个人或家庭生活消费。消费者投诉只受理生活消费引起的争议。",
            "如果确实是为生活消费购买，请在购买信息中勾选“生活消费”；经营性采购可走合同纠纷途径。",
            Some("purchase.personal_use"),
        );
    }
    if let Some(p) = case.parallel_proceeding {
        push(
            FindingCode::ParallelProceeding,
            true,
            ground(2, None),
            &format!("同一争议已由{}受理或处理过，市场监管部门将不予受理。", p.label_zh()),
            "请在原受理机构继续处理；如该程序已经终结且未处理实体争议，请在案件信息中更正。",
            Some("parallel_proceeding"),
        );
    }
    if let Some(agent) = &case.agent {
        // 暂行办法第十条 for filings up to 2026-04-14; from 2026-04-15 办法第十一条, and missing materials are a
        // refusal ground (第十六条第（五）项).
        let agent_rules = |paragraph: u32| -> Vec<RuleRef> {
            match regime {
                Regime::Interim => vec![cite(INTERIM_RULE, 10, Some(paragraph), None)],
                Regime::Measures if paragraph == 1 => vec![measures(11, None), measures(16, Some(5))],
                Regime::Measures => vec![measures(11, None)],
                Regime::None => Vec::new(),
            }
        };
        push(
            FindingCode::AgentMaterials,
            false,
            agent_rules(1),
            &format!(
                "由委托代理人{}代为投诉：除投诉材料外，还需提供授权委托书原件和受托人身份证明。",
                agent.name
            ),
            "在“导出”中生成授权委托书，由投诉人签名；准备受托人的身份证复印件，提交投诉时一并上传。",
            None,
        );
        if blank(&agent.id_number) {
            push(
                FindingCode::AgentIdMissing,
                true,
                agent_rules(1),
                "缺少受托人的身份证号：代为投诉须提供受托人身份证明。",
                "在案件信息的“委托代理人”中填写受托人的身份证号。",
                Some("agent.id_number"),
            );
        }
        if !agent.powers.contains(&crate::model::AgentPower::Complain) {
            push(
                FindingCode::AgentCannotComplain,
                true,
                agent_rules(2),
                "授权委托书的权限中没有“代为投诉”，受托人不能以此代为投诉。",
                "在“委托代理人”的权限中勾选“代为投诉”，重新生成授权委托书并签名。",
                Some("agent.powers"),
            );
        }
        let before = agent.term_from.is_some_and(|f| filing_date < f);
        let after = agent.term_until.is_some_and(|u| filing_date > u);
        if before || after {
            push(
                FindingCode::AgentOutsideTerm,
                true,
                agent_rules(2),
                &format!(
                    "投诉日期 {filing_date} 不在授权委托书的期限内（{}至{}）。",
                    agent.term_from.map_or_else(|| "未写明".to_owned(), |d| d.to_string()),
                    agent.term_until.map_or_else(|| "未写明".to_owned(), |d| d.to_string()),
                ),
                "调整委托期限，重新生成授权委托书并签名。",
                Some("agent.term_until"),
            );
        }
    }
    if let Some((known, limit)) = three_years {
        for f in out
            .iter_mut()
            .filter(|f| matches!(f.code, FindingCode::OverThreeYears | FindingCode::NearThreeYears))
        {
            f.known_on = Some(known);
            f.limit_on = Some(limit);
        }
    }
    out
}
