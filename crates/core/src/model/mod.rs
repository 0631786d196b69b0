//! The case model: what a consumer logs about one dispute. Closed sets are enums (never loose strings), money is
//! [`Money`] in fen, times carry their UTC offset (Asia/Shanghai, +08:00, when the user gives none).
//!
//! The same types serialize to the `weiquan.case/1` exchange format and cross IPC to the desktop UI, whose
//! TypeScript types are generated from them (see [`crate::bindings`]).

pub mod credit_code;
mod money;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use money::{Money, MAX_FEN};

pub use crate::clock::shanghai_offset;

/// A case's id in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub struct CaseId(pub i64);

impl std::fmt::Display for CaseId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Declares a closed set as an enum with its snake_case wire names, all variants listed, and a Chinese label.
macro_rules! closed_set {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $wire:literal, $zh:literal;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name used in the exchange format, the database and IPC.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            /// The Chinese label used in documents (UI labels come from the UI's own catalogs).
            pub fn label_zh(self) -> &'static str {
                match self { $($name::$variant => $zh),+ }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s { $($wire => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

closed_set! {
    /// Where a case stands in its life.
    CaseStatus {
        Draft = "draft", "草稿";
        Filed = "filed", "已投诉";
        Accepted = "accepted", "已受理";
        Mediating = "mediating", "调解中";
        Closed = "closed", "已办结";
    }
}

closed_set! {
    /// The respondent's industry: decides which complaint channel and which special rules apply.
    Industry {
        Ecommerce = "ecommerce", "电子商务";
        Telecom = "telecom", "电信";
        BankingInsurance = "banking_insurance", "银行保险";
        Payment = "payment", "支付";
        Aviation = "aviation", "航空";
        PostalExpress = "postal_express", "邮政快递";
        Transport = "transport", "交通运输";
        Food = "food", "食品餐饮";
        Other = "other", "其他";
    }
}

closed_set! {
    /// How the consumer and the company's agent talked.
    Channel {
        Phone = "phone", "电话";
        OnlineChat = "online_chat", "在线客服";
        App = "app", "App 内";
        Email = "email", "电子邮件";
        Sms = "sms", "短信";
        InPerson = "in_person", "当面";
        SocialMedia = "social_media", "社交媒体";
        Other = "other", "其他";
    }
}

closed_set! {
    /// What went wrong in an interaction; the legal mapping is keyed on these.
    ProblemKind {
        IrrelevantAnswer = "irrelevant_answer", "答非所问/推诿";
        FalseInformation = "false_information", "虚假信息";
        Concealment = "concealment", "隐瞒重要信息";
        PrivacyViolation = "privacy_violation", "个人信息被违规收集、使用或泄露";
        InducedHarm = "induced_harm", "诱导点击链接或下载软件致损";
        DelayedHandling = "delayed_handling", "拖延或不处理";
        NoHumanAgent = "no_human_agent", "无法转人工";
        UnfairTerms = "unfair_terms", "不公平格式条款";
    }
}

closed_set! {
    /// What the consumer asks for.
    DemandKind {
        Refund = "refund", "退款";
        Return = "return", "退货退款";
        Replacement = "replacement", "更换";
        Repair = "repair", "维修";
        Compensation = "compensation", "赔偿损失";
        PunitiveDamages = "punitive_damages", "惩罚性赔偿";
        Apology = "apology", "赔礼道歉";
        Correction = "correction", "更正";
        DeletePersonalData = "delete_personal_data", "删除个人信息";
        Other = "other", "其他";
    }
}

closed_set! {
    /// Who sent a link the consumer was induced to open: decides between the company's liability and a fraud case.
    LinkSender {
        Official = "official", "经营者官方渠道";
        Impostor = "impostor", "冒充客服者";
        Unknown = "unknown", "不确定";
    }
}

closed_set! {
    /// Another body already handling the same dispute: a 12315 complaint is then refused (办法第十五条第（二）项).
    ParallelProceeding {
        Court = "court", "人民法院";
        Arbitration = "arbitration", "仲裁机构";
        Regulator = "regulator", "市场监督管理部门或其他行政机关";
        ConsumerAssociation = "consumer_association", "消费者协会";
        Mediation = "mediation", "依法成立的其他调解组织";
    }
}

closed_set! {
    /// What happened after filing; the case's status follows these. Testing or appraisal (鉴定、检测) is a span
    /// whose time is not counted in the mediation period (暂行办法第二十条第三款, 办法第二十二条).
    EventKind {
        Filed = "filed", "已提交投诉";
        Accepted = "accepted", "已受理";
        Refused = "refused", "不予受理";
        MediationStarted = "mediation_started", "开始调解";
        CompanyReply = "company_reply", "企业答复";
        Resolved = "resolved", "调解成功";
        MediationEnded = "mediation_ended", "终止调解";
        Withdrawn = "withdrawn", "已撤回";
        PoliceReport = "police_report", "已报警";
        TestingStarted = "testing_started", "鉴定/检测开始";
        TestingEnded = "testing_ended", "鉴定/检测结束";
    }
}

closed_set! {
    /// What was bought: the seven-day no-reason return (消法第二十五条) covers goods only, not services.
    SupplyKind {
        Goods = "goods", "商品";
        Service = "service", "服务";
    }
}

closed_set! {
    /// What a 授权委托书 lets the agent do: the 权限 it must state (暂行办法第十条第二款).
    AgentPower {
        Complain = "complain", "代为投诉";
        Mediate = "mediate", "参加调解";
        ReceiveDocuments = "receive_documents", "签收文书";
    }
}

/// Someone who files for the consumer (a legal-aid volunteer, a relative) under her 授权委托书: the complaint then
/// needs the original power of attorney and the agent's proof of identity besides the usual materials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Agent {
    pub name: String,
    /// 身份证号 of the agent: the 受托人身份证明 the filing needs.
    #[serde(default)]
    pub id_number: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// The organisation the agent works with (a legal-aid centre, a consumer association), if any.
    #[serde(default)]
    pub organisation: Option<String>,
    /// What the agent may do, in this order on the 授权委托书.
    pub powers: Vec<AgentPower>,
    /// The term of the authorisation (期限): from, and until (inclusive).
    #[ts(type = "string | null")]
    #[serde(default)]
    pub term_from: Option<NaiveDate>,
    #[ts(type = "string | null")]
    #[serde(default)]
    pub term_until: Option<NaiveDate>,
}

impl DemandKind {
    /// The demands of 处罚办法第八条 (修理、重作、更换、退货、补足商品数量、退还货款和服务费用、赔偿损失): only these start
    /// its fifteen days. An apology, a correction or a penalty is not one.
    pub fn is_performance(self) -> bool {
        matches!(
            self,
            DemandKind::Refund
                | DemandKind::Return
                | DemandKind::Replacement
                | DemandKind::Repair
                | DemandKind::Compensation
        )
    }
}

impl EventKind {
    /// The status a case is in after this event, if the event changes it.
    pub fn status(self) -> Option<CaseStatus> {
        match self {
            EventKind::Filed => Some(CaseStatus::Filed),
            EventKind::Accepted => Some(CaseStatus::Accepted),
            EventKind::MediationStarted => Some(CaseStatus::Mediating),
            EventKind::Refused | EventKind::Resolved | EventKind::MediationEnded | EventKind::Withdrawn => {
                Some(CaseStatus::Closed)
            }
            // A police report is not a complaint: the case is not 已投诉 because of it.
            EventKind::CompanyReply | EventKind::PoliceReport | EventKind::TestingStarted | EventKind::TestingEnded => {
                None
            }
        }
    }
}

/// One step after filing, as the consumer records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CaseEvent {
    pub kind: EventKind,
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// The channel it happened in (an id of the channel table, e.g. `12315`, `miit_telecom`).
    pub channel: Option<String>,
    /// 登记编号 or the notice's reference.
    pub reference: Option<String>,
    pub note: Option<String>,
    /// SHA-256 of the case's evidence item this event rests on (e.g. the notice screenshot).
    #[serde(default)]
    pub evidence: Option<String>,
}

/// The person complaining.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Complainant {
    pub name: Option<String>,
    pub phone: Option<String>,
    /// Postal address: the regulator sends its notices here.
    pub address: Option<String>,
    /// 身份证号; optional and never needed for a 12315 filing.
    pub id_number: Option<String>,
}

/// The company complained about.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Respondent {
    pub name: Option<String>,
    /// 统一社会信用代码 (18 characters, GB 32100-2015).
    pub credit_code: Option<String>,
    pub address: Option<String>,
    pub platform: Option<String>,
    pub shop: Option<String>,
    pub url: Option<String>,
    /// The trader is a 12315 ODR (绿色通道) company: it negotiates inside 12315 for ten working days first.
    #[serde(default)]
    pub odr: bool,
}

/// What was bought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Purchase {
    pub item: Option<String>,
    pub amount: Option<Money>,
    pub date: Option<NaiveDate>,
    pub order_no: Option<String>,
    /// Bought for personal or household use (生活消费): the consumer-law protections depend on it.
    pub personal_use: bool,
}

impl Default for Purchase {
    fn default() -> Self {
        Purchase {
            item: None,
            amount: None,
            date: None,
            order_no: None,
            personal_use: true,
        }
    }
}

/// An interaction's id in the store: stable across edits, so evidence can point at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub struct InteractionId(pub i64);

/// One contact with the company's customer service, recorded as it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Interaction {
    /// Set by the store; absent for a new interaction and never written to an exchange document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<InteractionId>,
    #[ts(type = "string")]
    pub occurred_at: DateTime<FixedOffset>,
    pub channel: Channel,
    pub agent: Option<String>,
    /// 工号
    pub agent_id: Option<String>,
    pub ticket_no: Option<String>,
    /// What the consumer asked, verbatim.
    pub question: Option<String>,
    /// What the agent answered, verbatim.
    pub answer: Option<String>,
    #[serde(default)]
    pub problems: Vec<ProblemKind>,
    pub loss: Option<Money>,
    pub note: Option<String>,
    /// For a link the consumer was induced to open: who sent it.
    pub link_sender: Option<LinkSender>,
    /// The user's answer to 这句话是在您下单前说的吗？它影响了您的购买决定吗？ for a false or concealing statement:
    /// fraud damages need deception before the purchase that led to it. Unset: decided from the dates, if they can.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub before_purchase: Option<bool>,
}

/// Whose words a contact records: the legal bases and every text that names the other side follow this one test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    /// The company's own customer service: its words bind the company.
    Company,
    /// Someone who claimed to be customer service and sent a link (a scammer): never the company's words.
    Impostor,
    /// A link whose sender she has not confirmed: neither the company's words nor called an impostor's.
    Unconfirmed,
}

impl Speaker {
    /// How documents name the other side of the contact.
    pub fn label_zh(self) -> &'static str {
        match self {
            Speaker::Company => "客服",
            Speaker::Impostor => "自称客服的人",
            Speaker::Unconfirmed => "对方（链接来源未确认）",
        }
    }
}

impl Interaction {
    /// The one test of whose words these are: the link's sender as she recorded it; a link she was induced to open
    /// with no sender recorded is unconfirmed until she says.
    pub fn speaker(&self) -> Speaker {
        match self.link_sender {
            Some(LinkSender::Official) => Speaker::Company,
            Some(LinkSender::Impostor) => Speaker::Impostor,
            Some(LinkSender::Unknown) => Speaker::Unconfirmed,
            None if self.problems.contains(&ProblemKind::InducedHarm) => Speaker::Unconfirmed,
            None => Speaker::Company,
        }
    }
}

/// A demand's id in the store: stable across edits, so `demand set|remove` can address it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub struct DemandId(pub i64);

/// One thing the consumer asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Demand {
    /// Set by the store; absent for a new demand and never written to an exchange document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<DemandId>,
    pub kind: DemandKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub amount: Option<Money>,
    /// Required for `other`; a free wording for any other kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub text: Option<String>,
    /// The day the consumer made this demand to the company.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "string")]
    pub made_on: Option<NaiveDate>,
    /// The contact in which she made it, by that contact's time (`occurred_at`): stable however contacts are
    /// added, removed or reordered, and the same in the store and in an exchange document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "string")]
    pub made_in: Option<DateTime<FixedOffset>>,
    /// The end of the period agreed with the company (a promised refund date) or set by law, if there is one: the
    /// fifteen days of 处罚办法第八条 then run from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "string")]
    pub due_by: Option<NaiveDate>,
    /// The day the consumer confirmed that the company has still not performed this demand. Only then does any
    /// text say so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "string")]
    pub unperformed_confirmed_on: Option<NaiveDate>,
}

impl Demand {
    /// The day it was made: as recorded, else the day of the contact it was made in.
    pub fn made_day(&self) -> Option<NaiveDate> {
        self.made_on.or(self.made_in.map(|t| t.date_naive()))
    }

    pub fn new(kind: DemandKind) -> Demand {
        Demand {
            id: None,
            kind,
            amount: None,
            text: None,
            made_on: None,
            made_in: None,
            due_by: None,
            unperformed_confirmed_on: None,
        }
    }
}

/// Facts about the case that only the consumer can state; the legal bases depend on them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields, default)]
pub struct CaseFacts {
    /// What was bought: goods or a service (unset: not said).
    pub supply: Option<SupplyKind>,
    /// The respondent is the e-commerce platform itself (true), or a merchant selling on it (false); unset: not said.
    pub respondent_is_platform: Option<bool>,
    /// The goods or service do not work, or do not match their description (a quality problem).
    pub quality_defect: bool,
    /// The food does not meet food-safety standards.
    pub food_unsafe: bool,
    /// For a scammer posing as customer service: the consumer suspects her data leaked from the company.
    pub leak_suspected: bool,
    /// The dispute is about a deposit (押金) not returned.
    pub deposit: bool,
    /// Marketing messages or calls sent without consent.
    pub marketing_contact: bool,
    /// 问题出现日期: when she learned of the harm. The three-year limit runs from it; unset, from the first record.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "string")]
    pub problem_noticed_on: Option<NaiveDate>,
    /// The day the goods arrived: the seven-day no-reason return counts from it (unset: estimated from the purchase).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "string")]
    pub goods_received_on: Option<NaiveDate>,
    /// The day she asked the seller to take the goods back: inside the seven days, the window was kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "string")]
    pub return_requested_on: Option<NaiveDate>,
}

/// A dated status change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub status: CaseStatus,
    pub date: NaiveDate,
}

/// Everything a case says, without its store identity. This is the body of a `weiquan.case/1` document and the
/// payload the desktop app sends to create or save a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CaseData {
    pub title: String,
    pub industry: Industry,
    pub status: CaseStatus,
    /// When the case entered each status, oldest first; the last entry, if any, matches `status`.
    #[serde(default)]
    pub status_history: Vec<StatusChange>,
    #[serde(default)]
    pub complainant: Complainant,
    #[serde(default)]
    pub respondent: Respondent,
    #[serde(default)]
    pub purchase: Purchase,
    #[serde(default)]
    pub interactions: Vec<Interaction>,
    #[serde(default)]
    pub demands: Vec<Demand>,
    /// Whether a court, arbitration body or other body has already taken up the same dispute.
    #[serde(default)]
    pub parallel_proceeding: Option<ParallelProceeding>,
    /// Facts only the consumer can state (goods or service, platform or merchant, quality, food safety, leak).
    #[serde(default)]
    pub facts: CaseFacts,
    /// Suggested legal bases (rule ids such as `evasion/xf17`) the user chose to leave out of the dossier.
    #[serde(default)]
    pub excluded_bases: Vec<String>,
    /// Supporting or use-with-care bases the user chose to put into the dossier (core ones are in by default).
    #[serde(default)]
    pub included_bases: Vec<String>,
    /// What happened after filing, oldest first.
    #[serde(default)]
    pub events: Vec<CaseEvent>,
    /// Who files for her, if someone does (委托代理人).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub agent: Option<Agent>,
}

/// What the case form edits: everything but the time line (contacts, events), the evidence links, the legal
/// choices and the agent, which have their own commands. Saved with [`crate::store::Store::update_details`] onto the case as it
/// is in the store at that moment, so a contact or an event saved meanwhile elsewhere is never undone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseDetails {
    pub title: String,
    pub industry: Industry,
    pub status: CaseStatus,
    pub complainant: Complainant,
    pub respondent: Respondent,
    pub purchase: Purchase,
    pub demands: Vec<Demand>,
    pub parallel_proceeding: Option<ParallelProceeding>,
    pub facts: CaseFacts,
}

impl CaseDetails {
    /// The case form's part of a case.
    pub fn of(data: &CaseData) -> CaseDetails {
        CaseDetails {
            title: data.title.clone(),
            industry: data.industry,
            status: data.status,
            complainant: data.complainant.clone(),
            respondent: data.respondent.clone(),
            purchase: data.purchase.clone(),
            demands: data.demands.clone(),
            parallel_proceeding: data.parallel_proceeding,
            facts: data.facts.clone(),
        }
    }
}

impl CaseData {
    /// The same case without store ids (what an exchange document holds).
    pub fn without_ids(&self) -> CaseData {
        let mut c = self.clone();
        for i in &mut c.interactions {
            i.id = None;
        }
        for d in &mut c.demands {
            d.id = None;
        }
        c
    }
}

/// A stored case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Case {
    pub id: CaseId,
    /// The case's own id (32 hex digits), the same in every library it is exported to or imported into; the
    /// 卷宗编号 comes from it. Absent only for a row written by hand without one.
    pub uid: Option<String>,
    #[ts(type = "string")]
    pub created_at: DateTime<FixedOffset>,
    #[ts(type = "string")]
    pub updated_at: DateTime<FixedOffset>,
    pub data: CaseData,
    /// Things worth a second look that do not block saving (e.g. a credit code whose check character is off).
    pub warnings: Vec<crate::Problem>,
}

/// One row of the case list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CaseSummary {
    pub id: CaseId,
    pub title: String,
    pub status: CaseStatus,
    pub industry: Industry,
    pub respondent: Option<String>,
    pub interaction_count: i64,
    #[ts(type = "string")]
    pub updated_at: DateTime<FixedOffset>,
}

/// The answer to a save: the case's id and the warnings the user should see (nothing blocking).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Saved {
    pub id: CaseId,
    pub warnings: Vec<crate::Problem>,
}

/// The 卷宗编号: `WQ-3F9A-27C1-88D0`, from the case's own id, so the same case has the same number in every library
/// and on every export day. A case without one (a row written by hand) is numbered by its local id: `WQ-L-0007`.
pub fn case_number(uid: Option<&str>, case: CaseId) -> String {
    match uid
        .and_then(|u| u.get(..12))
        .filter(|u| u.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        Some(u) => {
            let u = u.to_ascii_uppercase();
            format!("WQ-{}-{}-{}", &u[..4], &u[4..8], &u[8..12])
        }
        None => format!("WQ-L-{:04}", case.0),
    }
}
