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
    /// Its place in the channel's facts in the data: the UI's catalog key (`route.channel.<id>.fact.<index>`) stays
    /// the same when facts that do not apply to a filing date are left out.
    #[serde(default)]
    pub index: u32,
    pub text: String,
    /// H, M or L, as in the research notes; L facts are shown with 以官方说明为准.
    pub confidence: String,
    /// The filings the fact applies to, by filing date (a procedure rule's dates); none: always.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null", optional)]
    pub from: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(type = "string | null", optional)]
    pub until: Option<NaiveDate>,
}

impl ChannelFact {
    /// Whether the fact holds for a filing on `date`.
    pub fn applies_on(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| date >= f) && self.until.is_none_or(|u| date <= u)
    }
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
        let mut channels = serde_json::from_str::<ChannelsFile>(CHANNELS_JSON)
            .expect("the embedded channel table is valid")
            .channels;
        for c in &mut channels {
            for (i, f) in c.facts.iter_mut().enumerate() {
                f.index = u32::try_from(i).unwrap_or(u32::MAX);
            }
        }
        channels
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
    /// Mediation ended (or she does not accept its result): court or arbitration next (办法第二十五条).
    CourtAfterMediation,
    Hotline12345,
}

impl RouteReason {
    pub const ALL: [RouteReason; 16] = [
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
        RouteReason::CourtAfterMediation,
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
            RouteReason::CourtAfterMediation => "court_after_mediation",
            RouteReason::Hotline12345 => "hotline12345",
        }
    }
}

/// Which market regulator handles a 12315 complaint (办法第十三条, filings from 2026-04-15): the UI renders it from
/// `route.jurisdiction.<kind>`; the step's `reason` carries the Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Jurisdiction {
    /// A trader off the internet: where it actually does business, or where it is domiciled.
    PlaceOfBusiness,
    /// The platform itself, or a trader selling through its own site: where it is domiciled.
    EcommerceDomicile,
    /// A shop on a platform that published an address: that address's county regulator, or the platform's.
    ShopAddressOrPlatform,
    /// A shop on a platform with no published address recorded: the platform's county regulator.
    PlatformDomicile,
}

impl Jurisdiction {
    pub const ALL: [Jurisdiction; 4] = [
        Jurisdiction::PlaceOfBusiness,
        Jurisdiction::EcommerceDomicile,
        Jurisdiction::ShopAddressOrPlatform,
        Jurisdiction::PlatformDomicile,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Jurisdiction::PlaceOfBusiness => "place_of_business",
            Jurisdiction::EcommerceDomicile => "ecommerce_domicile",
            Jurisdiction::ShopAddressOrPlatform => "shop_address_or_platform",
            Jurisdiction::PlatformDomicile => "platform_domicile",
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
    /// For a 12315 complaint filed (or to be filed) from 2026-04-15: which county regulator handles it.
    pub jurisdiction: Option<Jurisdiction>,
}

/// The regulator for a complaint under 办法第十三条 (举报: 第三十一条), from the respondent the case records.
fn jurisdiction(case: &CaseData) -> (Jurisdiction, String) {
    let label = |a: u32| crate::legal::precheck::measures(a, None).label;
    let shop_on_platform = case.industry == Industry::Ecommerce && case.facts.respondent_is_platform == Some(false);
    let published = case.respondent.address.as_deref().is_some_and(|a| !a.trim().is_empty());
    let platform = case
        .respondent
        .platform
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map_or_else(|| "平台经营者".to_owned(), |p| format!("平台经营者（{p}）"));
    match (case.industry == Industry::Ecommerce, shop_on_platform, published) {
        (true, true, true) => (
            Jurisdiction::ShopAddressOrPlatform,
            format!(
                "管辖：店铺在平台公示的地址（您记录的被投诉人地址）所在地的县级市场监管部门，或者{platform}住所地的县级市场监管部门；                 通过公示的地址联系不上的，由{platform}住所地的部门处理（{}）。举报由店铺实际经营地的部门处理（{}）",
                label(13),
                label(31)
            ),
        ),
        (true, true, false) => (
            Jurisdiction::PlatformDomicile,
            format!(
                "管辖：店铺未记录在平台公示的地址，由{platform}住所地的县级市场监管部门处理（{}）。如店铺在平台公示了地址，请填写被投诉人地址",
                label(13)
            ),
        ),
        (true, _, _) => (
            Jurisdiction::EcommerceDomicile,
            format!("管辖：电子商务平台经营者或者自建网站经营者住所地的县级市场监管部门（{}）", label(13)),
        ),
        (false, _, _) => (
            Jurisdiction::PlaceOfBusiness,
            format!("管辖：被投诉人实际经营地或者住所地的县级市场监管部门（{}）", label(13)),
        ),
    }
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
    // Channel facts and the jurisdiction follow the procedure rule of the filing date, as the clocks do.
    let filing = crate::legal::filing_date(case, today);
    let measures = crate::legal::precheck::Regime::on(filing) == crate::legal::precheck::Regime::Measures;
    let step =
        |id: &str, why: RouteReason, params: &[(&str, String)], reason: String, from: Option<NaiveDate>, done: bool| {
            channel(id).map(|c| {
                let mut channel = c.clone();
                channel.facts.retain(|f| f.applies_on(filing));
                RouteStep {
                    channel,
                    why,
                    params: params.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect(),
                    reason,
                    from,
                    done,
                    jurisdiction: None,
                }
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
    let mut main = step(id, kind, &[], why, from, false);
    if let Some(m) = main.as_mut().filter(|m| measures && m.channel.id == "12315") {
        let (j, text) = jurisdiction(case);
        m.jurisdiction = Some(j);
        m.reason = format!("{}。{text}", m.reason);
    }
    out.extend(main);
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
    // After a mediation ended at 12315 from 2026-04-15, the rule itself names the next step (办法第二十五条).
    let ended = case.events.iter().rev().find(|e| {
        e.kind == crate::model::EventKind::MediationEnded && e.channel.as_deref().unwrap_or("12315") == "12315"
    });
    match ended.filter(|_| measures) {
        Some(e) => out.extend(step(
            "court",
            RouteReason::CourtAfterMediation,
            &[("date", e.date.to_string())],
            format!(
                "调解已于 {} 终止：对终止调解决定或者调解结果不服的，可以通过民事诉讼、仲裁等途径解决（{}）；小额案件适用小额诉讼程序",
                e.date,
                crate::legal::precheck::measures(25, None).label
            ),
            None,
            false,
        )),
        None => out.extend(step(
            "court",
            RouteReason::Court,
            &[],
            "调解不成或经营者拒绝调解时，可以起诉；小额案件适用小额诉讼程序".into(),
            None,
            false,
        )),
    }
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
