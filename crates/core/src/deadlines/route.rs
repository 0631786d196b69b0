//! The complaint channels (data: `data/channels.json`, facts tagged with their confidence) and the order in which a
//! case should go through them: the company first where a regulator requires it, the police first for an
//! impostor's link, the industry's own channel, then mediation or court.

use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::calendar::Calendar;
use crate::model::{CaseData, Industry, LinkSender, ProblemKind};

const CHANNELS_JSON: &str = include_str!("../../data/channels.json");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChannelFact {
    pub text: String,
    /// H, M or L, as in the research notes; L facts are shown with 以官方说明为准.
    pub confidence: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ComplaintChannel {
    pub id: String,
    /// Whom a written complaint to this channel is addressed to (此致 …); none for the company itself.
    pub addressee: Option<String>,
    pub name: String,
    pub contact: String,
    pub scope: String,
    pub facts: Vec<ChannelFact>,
}

#[derive(Deserialize)]
struct ChannelsFile {
    channels: Vec<ComplaintChannel>,
}

pub fn channels() -> &'static [ComplaintChannel] {
    static C: OnceLock<Vec<ComplaintChannel>> = OnceLock::new();
    C.get_or_init(|| {
        serde_json::from_str::<ChannelsFile>(CHANNELS_JSON)
            .expect("the embedded channel table is valid")
            .channels
    })
}

pub fn channel(id: &str) -> Option<&'static ComplaintChannel> {
    channels().iter().find(|c| c.id == id)
}

/// Why a step is on the route: a closed set the UI renders from its catalogs (`route.why.<kind>`, with the step's
/// `params`); `reason` is the Chinese text the CLI prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RouteReason {
    PoliceFraud,
    PoliceReported,
    CompanyContacted,
    CompanyFirst,
    Telecom,
    BankingInsurance,
    Payment,
    Aviation,
    Postal,
    General,
    GeneralOdr,
    PrivacyReport,
    ConsumerAssociation,
    Court,
    Hotline12345,
}

impl RouteReason {
    pub const ALL: [RouteReason; 15] = [
        RouteReason::PoliceFraud,
        RouteReason::PoliceReported,
        RouteReason::CompanyContacted,
        RouteReason::CompanyFirst,
        RouteReason::Telecom,
        RouteReason::BankingInsurance,
        RouteReason::Payment,
        RouteReason::Aviation,
        RouteReason::Postal,
        RouteReason::General,
        RouteReason::GeneralOdr,
        RouteReason::PrivacyReport,
        RouteReason::ConsumerAssociation,
        RouteReason::Court,
        RouteReason::Hotline12345,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RouteReason::PoliceFraud => "police_fraud",
            RouteReason::PoliceReported => "police_reported",
            RouteReason::CompanyContacted => "company_contacted",
            RouteReason::CompanyFirst => "company_first",
            RouteReason::Telecom => "telecom",
            RouteReason::BankingInsurance => "banking_insurance",
            RouteReason::Payment => "payment",
            RouteReason::Aviation => "aviation",
            RouteReason::Postal => "postal",
            RouteReason::General => "general",
            RouteReason::GeneralOdr => "general_odr",
            RouteReason::PrivacyReport => "privacy_report",
            RouteReason::ConsumerAssociation => "consumer_association",
            RouteReason::Court => "court",
            RouteReason::Hotline12345 => "hotline12345",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RouteStep {
    pub channel: ComplaintChannel,
    pub why: RouteReason,
    /// The values `why`'s catalog text names (`date`: when the company was first contacted).
    pub params: std::collections::BTreeMap<String, String>,
    /// Why this step, in this place, for this case (Chinese, for the CLI).
    pub reason: String,
    /// The earliest date this step can be taken (e.g. after the company's time to answer).
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    /// Already done, as far as the case shows.
    pub done: bool,
}

/// The industry's regulator channel, and how long the company must be given first.
fn industry_channel(industry: Industry) -> (&'static str, Option<(u32, bool)>, RouteReason, &'static str) {
    match industry {
        Industry::Telecom => (
            "miit_telecom",
            Some((15, false)),
            RouteReason::Telecom,
            "电信纠纷须先向运营商投诉，运营商十五日内未答复或您不满意时，向工信部申诉",
        ),
        Industry::BankingInsurance => (
            "12378",
            Some((15, false)),
            RouteReason::BankingInsurance,
            "银行保险纠纷先由机构处理（十五日，可延长），不满意再向金融监管部门投诉",
        ),
        Industry::Payment => (
            "12363",
            None,
            RouteReason::Payment,
            "支付机构归人民银行监管，一般先向支付机构投诉",
        ),
        Industry::Aviation => (
            "12326",
            Some((10, true)),
            RouteReason::Aviation,
            "航空公司应在十个工作日内处理投诉，之后可向民航局消费者事务中心投诉",
        ),
        Industry::PostalExpress => (
            "12305",
            None,
            RouteReason::Postal,
            "快递纠纷先向快递企业投诉，不满意再向邮政管理部门申诉",
        ),
        Industry::Ecommerce | Industry::Transport | Industry::Food | Industry::Other => (
            "12315",
            None,
            RouteReason::General,
            "一般商品和服务纠纷由市场监管部门受理；网购可同时看平台的纠纷处理",
        ),
    }
}

/// The route for a case on `today`.
pub fn route(case: &CaseData, cal: &Calendar, today: NaiveDate) -> Vec<RouteStep> {
    let step =
        |id: &str, why: RouteReason, params: &[(&str, String)], reason: String, from: Option<NaiveDate>, done: bool| {
            channel(id).map(|c| RouteStep {
                channel: c.clone(),
                why,
                params: params.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect(),
                reason,
                from,
                done,
            })
        };
    let mut out = Vec::new();
    let impostor = case.interactions.iter().any(|i| {
        i.problems.contains(&ProblemKind::InducedHarm)
            && (i.link_sender == Some(LinkSender::Impostor)
                || (i.link_sender != Some(LinkSender::Official) && i.loss.is_some_and(|l| l.fen() > 0)))
    });
    // A police report she recorded is a step done, whatever the contacts say; a fraud loss without one is the first
    // thing to do.
    let report = case
        .events
        .iter()
        .filter(|e| e.kind == crate::model::EventKind::PoliceReport)
        .min_by_key(|e| e.date);
    if let Some(r) = report {
        let reason = format!(
            "您已于 {} 报警；报警回执请保存好，向经营者、平台或监管部门反映时可以附上",
            r.date
        );
        out.extend(step(
            "police",
            RouteReason::PoliceReported,
            &[("date", r.date.to_string())],
            reason,
            None,
            true,
        ));
    } else if impostor {
        out.extend(step(
            "police",
            RouteReason::PoliceFraud,
            &[],
            "有人冒充客服诱导操作并造成损失：这首先是诈骗，请先报警，并联系银行或支付平台止付；报警回执请保存好，之后向经营者或平台反映时可以附上".into(),
            None,
            false,
        ));
    }
    let first_contact = case.interactions.iter().map(|i| i.occurred_at.date_naive()).min();
    out.extend(step(
        "company",
        if first_contact.is_some() {
            RouteReason::CompanyContacted
        } else {
            RouteReason::CompanyFirst
        },
        &first_contact.map(|d| vec![("date", d.to_string())]).unwrap_or_default(),
        match first_contact {
            Some(d) => format!("您已于 {d} 向经营者反映（见沟通记录）"),
            None => "先向经营者正式投诉，记下工单号、时间和答复".into(),
        },
        None,
        first_contact.is_some(),
    ));
    let (id, wait, mut kind, why) = industry_channel(case.industry);
    // The company has until the end of its period; the next step opens the day after.
    let from = match (wait, first_contact) {
        (Some((n, true)), Some(d)) => cal.add_working_days(d, n).date.succ_opt(),
        (Some((n, false)), Some(d)) => cal.period_end(d, n).date.succ_opt(),
        _ => None,
    };
    let why = if id == "12315" && case.respondent.odr {
        kind = RouteReason::GeneralOdr;
        format!("{why}。该经营者是 ODR（绿色通道）企业：在 12315 投诉后，先由企业在十个工作日内与您协商和解，不成再由市场监管部门处理")
    } else {
        why.to_owned()
    };
    out.extend(step(id, kind, &[], why, from, false));
    if case
        .interactions
        .iter()
        .any(|i| i.problems.contains(&ProblemKind::PrivacyViolation) || i.problems.contains(&ProblemKind::InducedHarm))
    {
        out.extend(step(
            "12321",
            RouteReason::PrivacyReport,
            &[],
            "个人信息泄露、诈骗链接和短信可以另行举报（举报不处理赔偿）".into(),
            None,
            false,
        ));
    }
    out.extend(step(
        "consumer_association",
        RouteReason::ConsumerAssociation,
        &[],
        "也可以请消费者协会调解（只调解，不处罚）".into(),
        None,
        false,
    ));
    out.extend(step(
        "court",
        RouteReason::Court,
        &[],
        "调解不成或经营者拒绝调解时，可以起诉；小额案件适用小额诉讼程序".into(),
        None,
        false,
    ));
    if case.industry == Industry::Other {
        out.extend(step(
            "12345",
            RouteReason::Hotline12345,
            &[],
            "不确定主管部门时，12345 会转交".into(),
            None,
            false,
        ));
    }
    // A channel the case was filed with is done; say when a waiting step opens, or that it already has.
    for s in &mut out {
        s.done |= case
            .events
            .iter()
            .any(|e| e.kind == crate::model::EventKind::Filed && e.channel.as_deref() == Some(s.channel.id.as_str()));
        match s.from {
            Some(f) if f > today => s.reason.push_str(&format!("（{f} 起可以进行）")),
            Some(_) => s.reason.push_str("（现在已经可以进行）"),
            None => {}
        }
    }
    out
}
