//! The law for the complaints people file now (issue 24), table-driven: the 2026 procedure rule by article on both
//! sides of 2026-04-15, no claim against the wrong party (an impostor's or an unconfirmed sender's words), false
//! promotion only before the purchase, bases tested on the day their facts happened (food, pre-2021 facts), the
//! seven-day return only within its seven days, the three years counted from the date she gave, and where a platform
//! shop's complaint goes. Each scenario states its exact bases, remedy lines, dates and sentences, worked out by hand
//! from the verified statutes and the official holiday notices.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, NaiveDate};
use weiquan_core::calendar::Calendar;
use weiquan_core::deadlines::clocks::clocks;
use weiquan_core::deadlines::route::{route, Jurisdiction, RouteReason};
use weiquan_core::dossier::filing_text;
use weiquan_core::legal::precheck::{precheck, FindingCode};
use weiquan_core::legal::remedies::{compute, RemedyKind};
use weiquan_core::legal::{filing_date, suggest, QuestionKind};
use weiquan_core::model::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{s}T10:00:00+08:00")).unwrap()
}

fn yuan(y: &str) -> Money {
    Money::parse_yuan(y).unwrap()
}

fn base(industry: Industry, bought: &str) -> CaseData {
    CaseData {
        title: "今天的投诉".into(),
        industry,
        status: CaseStatus::Draft,
        status_history: vec![],
        complainant: Complainant {
            name: Some("王秀兰".into()),
            phone: Some("13800138000".into()),
            address: Some("上海市浦东新区世纪大道100号".into()),
            id_number: Some("110101199003071233".into()),
        },
        respondent: Respondent {
            name: Some("某某有限公司".into()),
            address: Some("杭州市西湖区文三路88号".into()),
            ..Respondent::default()
        },
        purchase: Purchase {
            item: Some("扫地机器人".into()),
            amount: Some(yuan("1899")),
            date: Some(d(bought)),
            order_no: None,
            personal_use: true,
        },
        interactions: vec![],
        demands: vec![],
        parallel_proceeding: None,
        facts: CaseFacts::default(),
        excluded_bases: vec![],
        included_bases: vec![],
        events: vec![],
        agent: None,
    }
}

fn shop(bought: &str) -> CaseData {
    let mut c = base(Industry::Ecommerce, bought);
    c.facts.supply = Some(SupplyKind::Goods);
    c.facts.respondent_is_platform = Some(false);
    c.respondent.platform = Some("某某商城".into());
    c
}

fn contact(on: &str, problems: &[ProblemKind]) -> Interaction {
    Interaction {
        id: None,
        occurred_at: t(on),
        channel: Channel::OnlineChat,
        agent: Some("小美".into()),
        agent_id: None,
        ticket_no: None,
        question: Some("我的问题什么时候处理？".into()),
        answer: Some("亲，这个是正品，放心。".into()),
        problems: problems.to_vec(),
        loss: None,
        note: None,
        link_sender: None,
        before_purchase: None,
    }
}

fn link(on: &str, sender: Option<LinkSender>, loss: &str, more: &[ProblemKind]) -> Interaction {
    let mut problems = vec![ProblemKind::InducedHarm];
    problems.extend_from_slice(more);
    Interaction {
        answer: Some("点这个链接办理退款，我们双倍赔付。".into()),
        link_sender: sender,
        loss: Some(yuan(loss)),
        ..contact(on, &problems)
    }
}

fn event(kind: EventKind, on: &str) -> CaseEvent {
    CaseEvent {
        kind,
        date: d(on),
        channel: Some("12315".into()),
        reference: None,
        note: None,
        evidence: None,
    }
}

/// Filed (and accepted) with 12315, and the events after it.
fn filed(c: &mut CaseData, on: &str, accepted: Option<&str>, more: &[(EventKind, &str)]) {
    c.status = CaseStatus::Filed;
    c.status_history = vec![StatusChange {
        status: CaseStatus::Filed,
        date: d(on),
    }];
    c.events = vec![event(EventKind::Filed, on)];
    if let Some(a) = accepted {
        c.status = CaseStatus::Accepted;
        c.status_history.push(StatusChange {
            status: CaseStatus::Accepted,
            date: d(a),
        });
        c.events.push(event(EventKind::Accepted, a));
    }
    for (k, on) in more {
        c.events.push(event(*k, on));
        if let Some(s) = k.status() {
            c.status = s;
            c.status_history.push(StatusChange { status: s, date: d(on) });
        }
    }
}

fn demand(kind: DemandKind, made: Option<&str>) -> Demand {
    Demand {
        made_on: made.map(d),
        ..Demand::new(kind)
    }
}

const MARK: &str = "（据国家市场监督管理总局网站文本转录，未经第二份文本核对）";
const M10_1: &str =
    "《市场监督管理投诉举报处理办法》第十条第（一）项（据国家市场监督管理总局网站文本转录，未经第二份文本核对）";
const M16_4: &str = "《市场监督管理投诉举报处理办法》第十六条第（四）项";
const M16_5: &str = "《市场监督管理投诉举报处理办法》第十六条第（五）项";
const CIVIL_188: &str = "《民法典》第一百八十八条第一款";

/// What one scenario must show.
enum Check {
    /// The exact set of suggested rule ids.
    Bases(&'static [&'static str]),
    /// One remedy line (kind, amount, basis); all of a scenario's lines together are the exact list.
    Line(RemedyKind, &'static str, &'static str),
    /// Some remedy warning contains this.
    Warning(&'static str),
    /// A clock with this due day.
    Clock(&'static str, &'static str),
    NoClock(&'static str),
    /// A clock's rule contains this.
    ClockRule(&'static str, &'static str),
    /// A finding with exactly these rule labels.
    Finding(FindingCode, &'static [&'static str]),
    NoFinding(FindingCode),
    Jurisdiction(Option<Jurisdiction>),
    RouteStep(RouteReason, &'static str),
    ChannelFact(&'static str, bool),
    Question(QuestionKind),
    NoQuestion(QuestionKind),
    /// The 12315 text (all blocks) contains this, or does not.
    Text(&'static str),
    NoText(&'static str),
}

struct Scenario {
    name: &'static str,
    case: CaseData,
    today: &'static str,
    checks: Vec<Check>,
}

fn s(name: &'static str, case: CaseData, today: &'static str, checks: Vec<Check>) -> Scenario {
    Scenario {
        name,
        case,
        today,
        checks,
    }
}

use Check::*;
use ProblemKind::*;

const IMPOSTOR: &[&str] = &["link-impostor/xf18-2", "link-impostor/mfd1198"];
const FALSE_BEFORE_SHOP: &[&str] = &[
    "false-info/xf20-1",
    "false-info/xf20-2",
    "false-info/tl9-1",
    "false-info/ec17",
    "false-info/xf55-1",
    "false-info/tl49-1",
    "false-info/cf6-8",
    "false-info/cf16-2",
    "false-info/cf14",
    "false-info/xf56-1-6",
    "false-info/mfd170",
    "false-info/tl12",
    "false-info/mfd148",
    "false-info/mfd152",
    "false-info/mfd157",
    "false-info/mfd500-2",
    "false-info/fbzd9",
];
const FALSE_AFTER: &[&str] = &[
    "false-info/xf20-2",
    "false-after/tl12",
    "false-after/mfd170",
    "false-after/mfd577",
];

#[allow(clippy::too_many_lines)]
fn scenarios() -> Vec<Scenario> {
    let mut v = Vec::new();

    // ---- The procedure rule follows the filing date. ----
    let mut c = base(Industry::Other, "2026-03-20");
    c.interactions.push(contact("2026-03-25", &[IrrelevantAnswer]));
    c.complainant.phone = None;
    filed(&mut c, "2026-04-14", Some("2026-04-20"), &[]);
    v.push(s(
        "filed 2026-04-14: the interim rule",
        c,
        "2026-04-30",
        vec![
            Finding(
                FindingCode::MissingComplainantPhone,
                &["《市场监督管理投诉举报处理暂行办法》第九条第一款第（一）项"],
            ),
            NoFinding(FindingCode::IdentityCheck),
            Clock("acceptance_7_working_days", "2026-04-23"),
            ClockRule("acceptance_7_working_days", "暂行办法》第十四条"),
            Clock("mediation_45_working_days", "2026-06-25"),
            // 04-20 + 60 = 06-19, 端午节 to 06-21: 06-22.
            Clock("mediation_60_days", "2026-06-22"),
            NoClock("termination_notice_7_working_days"),
            Jurisdiction(None),
            ChannelFact("2026年4月14日前的投诉", true),
            ChannelFact("2026年4月15日起的投诉", false),
        ],
    ));
    let mut c = base(Industry::Other, "2026-03-20");
    c.interactions.push(contact("2026-03-25", &[IrrelevantAnswer]));
    c.complainant.phone = None;
    c.complainant.id_number = None;
    filed(&mut c, "2026-04-15", None, &[]);
    v.push(s(
        "filed 2026-04-15: the 办法 by 条 and 项, marked",
        c,
        "2026-04-20",
        vec![
            Finding(FindingCode::MissingComplainantPhone, &[M10_1, M16_5]),
            Finding(
                FindingCode::IdentityCheck,
                &[
                    "《市场监督管理投诉举报处理办法》第十条（据国家市场监督管理总局网站文本转录，未经第二份文本核对）",
                    "《市场监督管理投诉举报处理办法》第十六条第（六）项",
                ],
            ),
            Clock("acceptance_7_working_days", "2026-04-24"),
            ClockRule(
                "acceptance_7_working_days",
                "《市场监督管理投诉举报处理办法》第十五条（据国家市场监督管理总局网站文本转录，未经第二份文本核对）",
            ),
            ClockRule("acceptance_7_working_days", "第四十五条"),
            Jurisdiction(Some(Jurisdiction::PlaceOfBusiness)),
            ChannelFact("2026年4月14日前的投诉", false),
            ChannelFact("2026年4月15日起的投诉", true),
        ],
    ));
    // Testing from 05-20 to 06-01 (12 days) is not counted: 05-11 + 12 + 60 = 07-22; the notice of a termination
    // is due seven working days later (07-31).
    let mut c = base(Industry::Other, "2026-04-28");
    c.interactions.push(contact("2026-05-01", &[IrrelevantAnswer]));
    filed(
        &mut c,
        "2026-05-06",
        Some("2026-05-11"),
        &[
            (EventKind::TestingStarted, "2026-05-20"),
            (EventKind::TestingEnded, "2026-06-01"),
        ],
    );
    v.push(s(
        "mediation after testing: sixty days plus the testing",
        c,
        "2026-06-10",
        vec![
            Clock("acceptance_7_working_days", "2026-05-14"),
            Clock("mediation_60_days", "2026-07-22"),
            ClockRule(
                "mediation_60_days",
                "《市场监督管理投诉举报处理办法》第二十三条第（五）项；",
            ),
            ClockRule(
                "mediation_60_days",
                "第二十二条（据国家市场监督管理总局网站文本转录，未经第二份文本核对）",
            ),
            Clock("termination_notice_7_working_days", "2026-07-31"),
            NoClock("mediation_45_working_days"),
        ],
    ));
    // Testing still under way on 06-10: 05-11 + (06-10 − 05-20 = 21) + 60 = 07-31; no termination notice yet.
    let mut c = base(Industry::Other, "2026-04-28");
    c.interactions.push(contact("2026-05-01", &[IrrelevantAnswer]));
    filed(
        &mut c,
        "2026-05-06",
        Some("2026-05-11"),
        &[(EventKind::TestingStarted, "2026-05-20")],
    );
    v.push(s(
        "testing under way: the end moves with every day",
        c,
        "2026-06-10",
        vec![
            Clock("mediation_60_days", "2026-07-31"),
            NoClock("termination_notice_7_working_days"),
        ],
    ));
    // Before 2026-04-15 the interim rule's 45 working days skip the testing's working days too: 2025-03-10 + 45
    // working days is 2025-05-15; testing 03-17 → 03-24 takes five working days (03-18 … 03-24), so 2025-05-22.
    let mut c = base(Industry::Other, "2025-02-20");
    c.interactions.push(contact("2025-03-01", &[IrrelevantAnswer]));
    filed(
        &mut c,
        "2025-03-03",
        Some("2025-03-10"),
        &[
            (EventKind::TestingStarted, "2025-03-17"),
            (EventKind::TestingEnded, "2025-03-24"),
        ],
    );
    v.push(s(
        "interim rule: testing's working days not counted",
        c,
        "2025-04-01",
        vec![
            Clock("mediation_45_working_days", "2025-05-22"),
            Clock("mediation_60_days", "2025-05-16"),
        ],
    ));
    let mut c = base(Industry::Other, "2026-04-28");
    c.interactions.push(contact("2026-05-01", &[IrrelevantAnswer]));
    filed(
        &mut c,
        "2026-05-06",
        Some("2026-05-11"),
        &[(EventKind::MediationEnded, "2026-07-15")],
    );
    v.push(s(
        "mediation ended: court or arbitration, 第二十五条",
        c,
        "2026-07-20",
        vec![
            RouteStep(
                RouteReason::CourtAfterMediation,
                "通过民事诉讼、仲裁等途径解决（《市场监督管理投诉举报处理办法》第二十五条（据国家市场监督管理总局网站文本转录，未经第二份文本核对））",
            ),
            NoClock("termination_notice_7_working_days"),
        ],
    ));
    let mut c = base(Industry::Other, "2026-04-28");
    c.interactions.push(contact("2026-05-01", &[IrrelevantAnswer]));
    v.push(s(
        "not filed yet, today after 2026-04-15: her ID given, no identity note",
        c,
        "2026-06-01",
        vec![
            NoFinding(FindingCode::IdentityCheck),
            Jurisdiction(Some(Jurisdiction::PlaceOfBusiness)),
        ],
    ));

    // ---- The three years: from the date she gave, the last day past the holidays. ----
    let mut c = base(Industry::Other, "2023-01-05");
    c.interactions.push(contact("2023-01-10", &[IrrelevantAnswer]));
    c.facts.problem_noticed_on = Some(d("2025-06-01"));
    v.push(s(
        "three years from the date the problem appeared, as she gave it",
        c,
        "2026-05-01",
        vec![
            NoFinding(FindingCode::OverThreeYears),
            Clock("limitation", "2028-06-01"),
        ],
    ));
    let mut c = base(Industry::Other, "2023-01-05");
    c.interactions.push(contact("2023-01-10", &[IrrelevantAnswer]));
    v.push(s(
        "three years from the first record when she gave no date (2026-01-10 a Saturday: 01-12)",
        c,
        "2026-05-01",
        vec![
            Finding(FindingCode::OverThreeYears, &[M16_4, CIVIL_188]),
            Clock("limitation", "2026-01-12"),
        ],
    ));
    let mut c = base(Industry::Other, "2023-09-25");
    c.facts.problem_noticed_on = Some(d("2023-10-01"));
    c.interactions.push(contact("2023-10-02", &[IrrelevantAnswer]));
    v.push(s(
        "the last day in the National Day holiday moves to 2026-10-08",
        c,
        "2026-10-08",
        vec![
            NoFinding(FindingCode::OverThreeYears),
            Finding(FindingCode::NearThreeYears, &[M16_4, CIVIL_188]),
            Clock("limitation", "2026-10-08"),
        ],
    ));

    // ---- Where a shop on a platform is complained about (第十三条). ----
    let mut c = shop("2026-05-10");
    c.interactions.push(contact("2026-05-12", &[IrrelevantAnswer]));
    v.push(s(
        "platform shop with a published address",
        c,
        "2026-06-01",
        vec![
            Jurisdiction(Some(Jurisdiction::ShopAddressOrPlatform)),
            RouteStep(RouteReason::General, "平台经营者（某某商城）住所地的县级市场监管部门"),
            RouteStep(
                RouteReason::General,
                "举报由店铺实际经营地的部门处理（《市场监督管理投诉举报处理办法》第三十一条（据国家市场监督管理总局网站文本转录，未经第二份文本核对））",
            ),
        ],
    ));
    let mut c = shop("2026-05-10");
    c.respondent.address = None;
    c.interactions.push(contact("2026-05-12", &[IrrelevantAnswer]));
    v.push(s(
        "platform shop without a published address",
        c,
        "2026-06-01",
        vec![
            Jurisdiction(Some(Jurisdiction::PlatformDomicile)),
            RouteStep(
                RouteReason::General,
                "由平台经营者（某某商城）住所地的县级市场监管部门处理",
            ),
        ],
    ));
    let mut c = shop("2026-05-10");
    c.facts.respondent_is_platform = Some(true);
    c.interactions.push(contact("2026-05-12", &[IrrelevantAnswer]));
    v.push(s(
        "the platform itself",
        c,
        "2026-06-01",
        vec![Jurisdiction(Some(Jurisdiction::EcommerceDomicile))],
    ));
    let mut c = shop("2026-03-10");
    c.interactions.push(contact("2026-03-12", &[IrrelevantAnswer]));
    filed(&mut c, "2026-03-20", None, &[]);
    v.push(s(
        "a platform shop filed before 2026-04-15: no 第十三条",
        c,
        "2026-06-01",
        vec![Jurisdiction(None), NoText("第十三条")],
    ));

    // ---- The impostor's words are not the company's. ----
    let mut c = shop("2026-05-10");
    c.interactions.push(link(
        "2026-05-20",
        Some(LinkSender::Impostor),
        "3000",
        &[FalseInformation],
    ));
    c.demands.push(demand(DemandKind::Compensation, Some("2026-05-21")));
    v.push(s(
        "an impostor's false promise grounds nothing against the company",
        c,
        "2026-06-01",
        vec![
            Bases(IMPOSTOR),
            Warning("是冒充客服的人骗走的"),
            Warning("您提出了赔偿损失"),
            Question(QuestionKind::LeakSuspected),
            NoQuestion(QuestionKind::BeforePurchase),
            Text("与自称客服的人“小美”沟通"),
            NoText("与客服“小美”"),
            RouteStep(RouteReason::PoliceFraud, "请先报警"),
        ],
    ));
    let mut c = shop("2026-05-10");
    c.interactions.push(link(
        "2026-05-20",
        Some(LinkSender::Unknown),
        "3000",
        &[FalseInformation],
    ));
    v.push(s(
        "a sender marked unknown: neither the company's words nor an impostor's",
        c,
        "2026-06-01",
        vec![
            Bases(IMPOSTOR),
            Warning("链接来源未确认"),
            Question(QuestionKind::LinkSender),
            Text("与对方（链接来源未确认）“小美”沟通"),
            NoText("自称客服的人"),
        ],
    ));
    let mut c = shop("2026-05-10");
    c.interactions
        .push(link("2026-05-20", None, "3000", &[DelayedHandling]));
    v.push(s(
        "a link with no sender recorded: the money lost does not make 消法第五十二条 apply",
        c,
        "2026-06-01",
        vec![Bases(IMPOSTOR), Question(QuestionKind::LinkSender)],
    ));
    let mut c = shop("2026-05-10");
    c.interactions
        .push(link("2026-05-20", Some(LinkSender::Official), "3000", &[]));
    c.demands.push(demand(DemandKind::Compensation, Some("2026-05-21")));
    v.push(s(
        "an official link: the company answers for it",
        c,
        "2026-06-01",
        vec![
            Bases(&[
                "link-official/mfd1165-1",
                "link-official/mfd1191-1",
                "link-official/mfd1184",
                "link-official/mfd1194",
                "link-official/xf7",
                "link-official/xf18-1",
                "link-official/xf52",
            ]),
            Line(
                RemedyKind::Losses,
                "3000",
                "《民法典》第一千一百六十五条第一款、第一千一百八十四条",
            ),
            Text("与客服“小美”沟通"),
        ],
    ));
    let mut c = shop("2026-05-10");
    c.facts.leak_suspected = true;
    c.interactions
        .push(link("2026-05-20", Some(LinkSender::Impostor), "3000", &[]));
    c.demands.push(demand(DemandKind::Compensation, Some("2026-05-21")));
    v.push(s(
        "an impostor who knew the order: the leak, under 个人信息保护法第六十九条",
        c,
        "2026-06-01",
        vec![
            Bases(&[
                "link-impostor/xf29-2",
                "link-impostor/gb51",
                "link-impostor/gb57",
                "link-impostor/gb69-1",
                "impostor-leak/mfd1038",
                "link-impostor/xf18-2",
                "link-impostor/mfd1198",
            ]),
            Line(RemedyKind::Losses, "3000", "《个人信息保护法》第六十九条"),
        ],
    ));

    // ---- False promotion only before the purchase. ----
    let mut c = shop("2026-05-10");
    c.interactions.push(contact("2026-05-08", &[FalseInformation]));
    c.included_bases.push("false-info/fbzd9".into());
    c.demands.push(demand(DemandKind::PunitiveDamages, Some("2026-05-20")));
    v.push(s(
        "a false statement before the purchase",
        c,
        "2026-06-01",
        vec![
            Bases(FALSE_BEFORE_SHOP),
            Line(RemedyKind::FraudDamages, "5697", "《消费者权益保护法》第五十五条第一款"),
            Text("《反不正当竞争法》第九条第一款"),
        ],
    ));
    let mut c = shop("2026-05-10");
    c.interactions.push(contact("2026-05-08", &[FalseInformation]));
    v.push(s(
        "the same, 反不正当竞争法第九条 not put in: not in the 举报",
        c,
        "2026-06-01",
        vec![
            Text("《侵害消费者权益行为处罚办法》第六条第（八）项"),
            NoText("反不正当竞争法"),
        ],
    ));
    let mut c = shop("2026-05-10");
    c.interactions.push(contact("2026-05-15", &[FalseInformation]));
    c.demands.push(demand(DemandKind::PunitiveDamages, Some("2026-05-20")));
    v.push(s(
        "a promise after the sale: no false-promotion basis, no 举报 of 虚假宣传",
        c,
        "2026-06-01",
        vec![
            Bases(FALSE_AFTER),
            Warning("购买后作出的承诺没有兑现的"),
            NoText("引人误解"),
        ],
    ));
    let mut c = shop("2026-05-10");
    c.interactions.push(contact("2026-05-10", &[FalseInformation]));
    v.push(s(
        "the same day as the purchase: she is asked, nothing is assumed",
        c,
        "2026-06-01",
        vec![Bases(&["false-info/xf20-2"]), Question(QuestionKind::BeforePurchase)],
    ));

    // ---- Dates that decide a law. ----
    let mut c = base(Industry::Food, "2025-12-05");
    c.purchase.amount = Some(yuan("300"));
    c.facts.food_unsafe = true;
    c.interactions.push(contact("2025-11-20", &[]));
    c.demands.push(demand(DemandKind::PunitiveDamages, Some("2025-12-08")));
    v.push(s(
        "food bought 2025-12-05 after a booking call in November",
        c,
        "2026-01-10",
        vec![
            Bases(&["food/sps148-2", "food/sps148-1"]),
            Line(RemedyKind::FoodDamages, "3000", "《食品安全法》第一百四十八条第二款"),
        ],
    ));
    let mut c = base(Industry::Food, "2022-06-01");
    c.purchase.amount = Some(yuan("80"));
    c.facts.food_unsafe = true;
    c.interactions.push(contact("2022-06-02", &[]));
    c.demands.push(demand(DemandKind::PunitiveDamages, Some("2022-06-02")));
    v.push(s(
        "food in 2022: 第一百四十八条 reads the same since 2021-04-29",
        c,
        "2023-01-10",
        vec![
            Bases(&["food/sps148-2", "food/sps148-1"]),
            Line(RemedyKind::FoodDamages, "1000", "《食品安全法》第一百四十八条第二款"),
        ],
    ));
    let mut c = base(Industry::Food, "2021-03-01");
    c.purchase.amount = Some(yuan("80"));
    c.facts.food_unsafe = true;
    c.interactions.push(contact("2021-03-02", &[]));
    c.demands.push(demand(DemandKind::PunitiveDamages, Some("2021-03-02")));
    v.push(s(
        "food before 2021-04-29: no text checked, nothing computed",
        c,
        "2021-05-10",
        vec![Bases(&[]), Warning("2021-03-01 购买时适用的文本未经核验")],
    ));
    let mut c = base(Industry::Other, "2020-10-01");
    c.interactions.push(contact("2020-10-05", &[IrrelevantAnswer]));
    c.demands.push(Demand {
        amount: Some(yuan("1899")),
        ..demand(DemandKind::Refund, Some("2020-10-05"))
    });
    v.push(s(
        "facts in 2020: no 民法典, no refund line",
        c,
        "2021-02-01",
        vec![
            Bases(&["evasion/xf20-2", "evasion/xf8", "evasion/xf17"]),
            Warning("民法典自 2021-01-01 起施行"),
        ],
    ));

    // ---- The seven days. ----
    let mut c = shop("2026-05-10");
    c.facts.goods_received_on = Some(d("2026-05-12"));
    c.facts.return_requested_on = Some(d("2026-05-15"));
    c.interactions.push(contact("2026-05-15", &[DelayedHandling]));
    c.demands.push(demand(DemandKind::Return, Some("2026-05-15")));
    v.push(s(
        "a return asked for inside the seven days",
        c,
        "2026-06-01",
        vec![
            Bases(&[
                "evasion/tl44-1",
                "evasion/ec59",
                "delay/mfd577",
                "delay/mfd584",
                "delay/mfd186",
                "delay/cf9",
            ]),
            Line(RemedyKind::RefundOfPrice, "1899", "《消费者权益保护法》第二十五条"),
            Clock("return_7_days", "2026-05-19"),
        ],
    ));
    let mut c = shop("2026-05-10");
    c.facts.goods_received_on = Some(d("2026-05-12"));
    c.facts.return_requested_on = Some(d("2026-05-25"));
    c.interactions.push(contact("2026-05-25", &[DelayedHandling]));
    c.demands.push(demand(DemandKind::Return, Some("2026-05-25")));
    v.push(s(
        "a return asked for after the seven days: the contract, not 第二十五条",
        c,
        "2026-06-01",
        vec![
            Bases(&[
                "evasion/tl44-1",
                "evasion/ec59",
                "delay/mfd577",
                "delay/mfd584",
                "delay/mfd186",
            ]),
            Line(RemedyKind::RefundOfPrice, "1899", "《民法典》第五百七十七条"),
            Text("退货退款"),
        ],
    ));
    let mut c = shop("2026-05-10");
    c.facts.goods_received_on = Some(d("2026-05-12"));
    c.facts.return_requested_on = Some(d("2026-05-25"));
    c.facts.quality_defect = true;
    c.interactions.push(contact("2026-05-25", &[DelayedHandling]));
    c.demands.push(demand(DemandKind::Return, Some("2026-05-25")));
    v.push(s(
        "after the seven days with a quality defect: 第二十四条",
        c,
        "2026-06-01",
        vec![Line(
            RemedyKind::RefundOfPrice,
            "1899",
            "《消费者权益保护法》第二十四条",
        )],
    ));

    // ---- The same money is not claimed twice. ----
    let mut c = base(Industry::Other, "2026-05-10");
    let mut it = contact("2026-05-12", &[DelayedHandling]);
    it.loss = Some(yuan("1899"));
    c.interactions.push(it);
    c.demands.push(Demand {
        amount: Some(yuan("1899")),
        ..demand(DemandKind::Refund, Some("2026-05-12"))
    });
    c.demands.push(demand(DemandKind::Compensation, Some("2026-05-12")));
    v.push(s(
        "a loss that is the refunded price is not claimed again",
        c,
        "2026-06-01",
        vec![
            Line(RemedyKind::RefundOfPrice, "1899", "《民法典》第五百七十七条"),
            Warning("与退款请求是同一笔钱"),
        ],
    ));
    v
}

#[test]
fn every_scenario_of_todays_law_holds() {
    let cal = Calendar::built_in();
    let mut failures = Vec::new();
    let all = scenarios();
    assert!(all.len() >= 30, "{} scenarios", all.len());
    for sc in &all {
        let today = d(sc.today);
        let c = &sc.case;
        let name = sc.name;
        let suggestions = suggest(c, today);
        let remedies = compute(c, today);
        let findings = precheck(c, filing_date(c, today));
        let clocks = clocks(c, &cal, today);
        let steps = route(c, &cal, today);
        let text: String = filing_text(c, &BTreeMap::new(), today)
            .into_iter()
            .map(|b| b.text)
            .collect::<Vec<_>>()
            .join("\n");
        let twelve = steps.iter().find(|s| s.channel.id == "12315");
        let mut want_lines: BTreeSet<(String, Money, String)> = BTreeSet::new();
        let mut fail = |m: String| failures.push(format!("{name}: {m}"));
        for check in &sc.checks {
            match check {
                Bases(ids) => {
                    let got: BTreeSet<&str> = suggestions.bases.iter().map(|b| b.rule.as_str()).collect();
                    let want: BTreeSet<&str> = ids.iter().copied().collect();
                    if got != want {
                        fail(format!("bases {got:?}, want {want:?}"));
                    }
                }
                Line(kind, amount, basis) => {
                    want_lines.insert((format!("{kind:?}"), yuan(amount), (*basis).to_owned()));
                }
                Warning(w) => {
                    if !remedies.warnings.iter().any(|x| x.contains(w)) {
                        fail(format!("no warning with {w:?} in {:?}", remedies.warnings));
                    }
                }
                Clock(id, due) => match clocks.iter().find(|k| k.id == *id) {
                    Some(k) if k.due == d(due) => {}
                    Some(k) => fail(format!("{id} due {}, want {due}", k.due)),
                    None => fail(format!("no clock {id}")),
                },
                NoClock(id) => {
                    if clocks.iter().any(|k| k.id == *id) {
                        fail(format!("clock {id} should not run"));
                    }
                }
                ClockRule(id, part) => {
                    if !clocks.iter().any(|k| k.id == *id && k.rule.contains(part)) {
                        let rules: Vec<&str> = clocks.iter().map(|k| k.rule.as_str()).collect();
                        fail(format!("{id}'s rule lacks {part:?}: {rules:?}"));
                    }
                }
                Finding(code, labels) => match findings.iter().find(|f| f.code == *code) {
                    Some(f) => {
                        let got: Vec<&str> = f.rules.iter().map(|r| r.label.as_str()).collect();
                        if got != *labels {
                            fail(format!("{code:?} rules {got:?}, want {labels:?}"));
                        }
                    }
                    None => fail(format!("no finding {code:?}")),
                },
                NoFinding(code) => {
                    if findings.iter().any(|f| f.code == *code) {
                        fail(format!("finding {code:?} should not be there"));
                    }
                }
                Jurisdiction(j) => {
                    if twelve.and_then(|s| s.jurisdiction) != *j {
                        fail(format!("jurisdiction {:?}, want {j:?}", twelve.map(|s| s.jurisdiction)));
                    }
                }
                RouteStep(why, part) => {
                    if !steps.iter().any(|s| s.why == *why && s.reason.contains(part)) {
                        let got: Vec<&str> = steps.iter().map(|s| s.reason.as_str()).collect();
                        fail(format!("no {why:?} step with {part:?}: {got:?}"));
                    }
                }
                ChannelFact(part, present) => {
                    let has = twelve.is_some_and(|s| s.channel.facts.iter().any(|f| f.text.contains(part)));
                    if has != *present {
                        fail(format!("channel fact {part:?} present: {has}"));
                    }
                }
                Question(q) => {
                    if !suggestions.questions.iter().any(|x| x.kind == *q) {
                        fail(format!("not asked {q:?}"));
                    }
                }
                NoQuestion(q) => {
                    if suggestions.questions.iter().any(|x| x.kind == *q) {
                        fail(format!("asked {q:?}"));
                    }
                }
                Text(part) => {
                    if !text.contains(part) {
                        fail(format!("12315 text lacks {part:?}: {text}"));
                    }
                }
                NoText(part) => {
                    if text.contains(part) {
                        fail(format!("12315 text has {part:?}: {text}"));
                    }
                }
            }
        }
        let lines_checked =
            sc.checks.iter().any(|c| matches!(c, Line(..))) || sc.checks.iter().any(|c| matches!(c, Bases(_)));
        if lines_checked {
            let got: BTreeSet<(String, Money, String)> = remedies
                .lines
                .iter()
                .map(|l| (format!("{:?}", l.kind), l.amount, l.basis.clone()))
                .collect();
            if got != want_lines {
                failures.push(format!("{name}: lines {got:?}, want {want_lines:?}"));
            }
        }
        // Whatever the scenario, the 办法 is never cited by 款 nor without its mark where it needs one.
        for k in &clocks {
            if k.rule.contains("处理办法》第") && k.rule.contains("款（据") {
                failures.push(format!("{name}: {} cites the 办法 by 款", k.id));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_items_only_law_is_cut_at_its_inline_items_and_refused_by_paragraph() {
    let kb = weiquan_core::legal::kb();
    let c = |article, paragraph, item| weiquan_core::legal::Citation {
        law: "市场监督管理投诉举报处理办法".into(),
        article,
        paragraph,
        item,
    };
    assert_eq!(
        kb.cited_text(&c(16, None, Some(7))).unwrap(),
        "（七）法律、法规、规章规定不予受理的其他情形。"
    );
    assert_eq!(
        kb.cited_text(&c(23, None, Some(5))).unwrap(),
        "（五）自投诉受理之日起六十日内投诉人和被投诉人未能达成调解协议的；"
    );
    assert!(kb.cited_text(&c(16, Some(1), Some(5))).is_err(), "never by 款");
    assert!(kb.cited_text(&c(16, None, Some(8))).is_err());
    assert_eq!(
        kb.full_label(&c(23, None, Some(5))),
        "《市场监督管理投诉举报处理办法》第二十三条第（五）项"
    );
    assert_eq!(
        kb.full_label(&c(23, None, None)),
        format!("《市场监督管理投诉举报处理办法》第二十三条{MARK}"),
        "the whole of 第二十三条 includes a sentence only one copy has"
    );
    for a in kb.articles().filter(|a| a.law == "市场监督管理投诉举报处理办法") {
        assert!(
            !a.text.contains('\n'),
            "{}: one line, as the single copy has it",
            a.label
        );
    }
}

#[test]
fn the_power_of_attorney_follows_the_filing_date_not_the_print_date() {
    use weiquan_core::dossier::authorisation;
    use weiquan_core::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("weiquan.db")).unwrap();
    let mut c = base(Industry::Other, "2026-02-10");
    c.interactions.push(contact("2026-02-12", &[IrrelevantAnswer]));
    c.agent = Some(Agent {
        name: "李志愿".into(),
        id_number: Some("110101199003071233".into()),
        phone: None,
        organisation: None,
        powers: vec![AgentPower::Complain],
        term_from: None,
        term_until: None,
    });
    filed(&mut c, "2026-03-01", None, &[]);
    let (filed_case, _) = store.create_case(&c).unwrap();
    c.status = CaseStatus::Draft;
    c.status_history.clear();
    c.events.clear();
    let (draft, _) = store.create_case(&c).unwrap();
    let print = |store: &mut Store, id, name: &str| {
        let out = dir.path().join(name);
        authorisation::write(store, id, t("2026-06-01"), &out).unwrap();
        let o = std::process::Command::new("pdftotext")
            .args(["-enc", "UTF-8", out.to_str().unwrap(), "-"])
            .output()
            .unwrap();
        assert!(o.status.success());
        String::from_utf8(o.stdout)
            .unwrap()
            .split_whitespace()
            .collect::<String>()
    };
    let reprint = print(&mut store, filed_case, "filed.pdf");
    assert!(
        reprint.contains("《市场监督管理投诉举报处理暂行办法》第十条"),
        "{reprint}"
    );
    assert!(!reprint.contains("第十一条"), "{reprint}");
    let fresh = print(&mut store, draft, "draft.pdf");
    assert!(
        fresh.contains(&format!("《市场监督管理投诉举报处理办法》第十一条{MARK}")),
        "{fresh}"
    );
}

#[test]
fn the_library_notes_what_article_17_lets_the_regulator_weigh_but_judges_nobody() {
    use weiquan_core::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("weiquan.db")).unwrap();
    let mut first = base(Industry::Other, "2026-05-10");
    first.interactions.push(contact("2026-05-12", &[IrrelevantAnswer]));
    let (a, _) = store.create_case(&first).unwrap();
    let review = store.legal_review(a, d("2026-06-01")).unwrap();
    assert!(review.findings.iter().all(|f| f.code != FindingCode::ReviewFactors));
    // Another complainant with the same phone, written another way.
    let mut other = first.clone();
    other.complainant.name = Some("李梅".into());
    other.complainant.phone = Some("138 0013 8000".into());
    store.create_case(&other).unwrap();
    let review = store.legal_review(a, d("2026-06-01")).unwrap();
    let f = review
        .findings
        .iter()
        .find(|f| f.code == FindingCode::ReviewFactors)
        .expect("the shared phone is noted");
    assert!(!f.blocking, "a note, never a refusal");
    assert!(f.message.contains("另有 1 件投诉使用同一电话或地址"), "{}", f.message);
    assert!(f.message.contains("这本身不说明投诉人有任何问题"), "{}", f.message);
    let labels: Vec<&str> = f.rules.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "《市场监督管理投诉举报处理办法》第十七条第（四）项（据国家市场监督管理总局网站文本转录，未经第二份文本核对）",
            "《市场监督管理投诉举报处理办法》第十六条第（三）项"
        ]
    );
    // Three complaints of hers against the same company within thirty days.
    store.create_case(&first).unwrap();
    store.create_case(&first).unwrap();
    let (_, findings) = store.precheck(a, None, d("2026-06-01")).unwrap();
    let f = findings.iter().find(|f| f.code == FindingCode::ReviewFactors).unwrap();
    assert!(f.message.contains("三十日内对同一经营者有 3 件投诉"), "{}", f.message);
    // A filing under the interim rule: 第十七条 did not exist, nothing is said.
    let (_, before) = store.precheck(a, Some(d("2026-04-01")), d("2026-06-01")).unwrap();
    assert!(before.iter().all(|f| f.code != FindingCode::ReviewFactors));
}

fn pdf_text(path: &std::path::Path) -> String {
    let o = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    assert!(o.status.success(), "pdftotext failed");
    String::from_utf8(o.stdout).unwrap().split_whitespace().collect()
}

#[test]
fn the_public_version_finds_what_people_write_and_says_only_what_it_masked() {
    use weiquan_core::dossier::public::{self, PublicOptions};
    use weiquan_core::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("weiquan.db")).unwrap();
    let mut c = shop("2026-05-10");
    let mut it = contact("2026-05-12", &[DelayedHandling]);
    it.note = Some(
        "我留了电话138-0013-8000和+86 139 1234 5678，座机（0571）8888 8888，邮箱wang.xl@example.com，\
         退款请打到卡号6222 0212 3456 7890 128。证件号11010119900307123x。报警回执编号：J3301060220260905000123。\
         快递员开车牌浙A·12345。"
            .into(),
    );
    c.interactions.push(it);
    let (id, _) = store.create_case(&c).unwrap();
    let options = PublicOptions::default();
    let preview = public::preview(&store, id, &options, d("2026-06-01")).unwrap();
    let secrets = [
        "138-0013-8000",
        "+86 139 1234 5678",
        "（0571）8888 8888",
        "wang.xl@example.com",
        "6222 0212 3456 7890 128",
        "11010119900307123x",
        "J3301060220260905000123",
        "浙A·12345",
    ];
    for secret in secrets {
        assert!(
            preview.masks.iter().any(|m| m.original == secret && m.applied),
            "{secret} not found: {:?}",
            preview.masks.iter().map(|m| &m.original).collect::<Vec<_>>()
        );
        assert!(!preview.text.contains(secret), "{secret} left in the public text");
    }
    let pdf = dir.path().join("public.pdf");
    public::write(&mut store, id, &options, t("2026-06-01"), &pdf, None).unwrap();
    let text = pdf_text(&pdf);
    for secret in secrets {
        let squashed: String = secret.split_whitespace().collect();
        assert!(!text.contains(&squashed), "{secret} left in the public PDF");
    }
    assert!(
        text.contains("投诉人姓名、身份证号、电话、地址、电子邮箱、银行卡号、报警回执编号、车牌号已隐去"),
        "{text}"
    );

    // Everything left unmasked: the closing line must not claim anything was hidden.
    let all: Vec<String> = preview.masks.iter().map(|m| m.key.clone()).collect();
    let none = PublicOptions {
        unmask: all,
        ..PublicOptions::default()
    };
    let pdf2 = dir.path().join("public-none.pdf");
    public::write(&mut store, id, &none, t("2026-06-01"), &pdf2, None).unwrap();
    let text2 = pdf_text(&pdf2);
    assert!(text2.contains("没有隐去任何内容"), "{text2}");
    assert!(!text2.contains("已隐去"), "{text2}");
}

#[test]
fn the_public_version_masks_her_given_name_and_the_parts_of_her_address_however_typed() {
    use weiquan_core::dossier::public::{self, PublicOptions};
    use weiquan_core::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("weiquan.db")).unwrap();
    let mut c = shop("2026-05-10");
    c.complainant.name = Some("王小红".into());
    c.complainant.phone = Some("13800138000".into());
    c.complainant.address = Some("浙江省杭州市西湖区文三路478号华星时代广场A座1203室".into());
    let mut it = contact("2026-05-12", &[DelayedHandling]);
    it.answer = Some("小红您好，已登记，快递会上门到文三路４７８号取件，有事打１３８ ００１３ ８０００。".into());
    it.note = Some("我在华星时代广场A座等了一天。".into());
    c.interactions.push(it);
    let (id, _) = store.create_case(&c).unwrap();
    let options = PublicOptions::default();
    let preview = public::preview(&store, id, &options, d("2026-06-01")).unwrap();
    for secret in ["小红", "文三路478号", "华星时代广场A座", "13800138000"] {
        assert!(
            preview.masks.iter().any(|m| m.original == secret && m.applied),
            "{secret} is no mask: {:?}",
            preview.masks.iter().map(|m| &m.original).collect::<Vec<_>>()
        );
    }
    let pdf = dir.path().join("public.pdf");
    public::write(&mut store, id, &options, t("2026-06-01"), &pdf, None).unwrap();
    let text = pdf_text(&pdf);
    for left in ["小红", "文三路", "４７８", "华星时代广场", "１３８", "0013"] {
        assert!(!text.contains(left), "{left} left in the public PDF:\n{text}");
    }
    assert!(text.contains("某某您好"), "{text}");
    // The district is not hers alone: it stays, as the company's address may name it too.
    assert!(!preview.masks.iter().any(|m| m.original == "西湖区"));
}
