//! The dated clocks of a case, each with its rule and what it means: the three-year limit, the fifteen days after a
//! demand, the seven-day no-reason return window, the operator-first waits, and after filing the 12315 acceptance
//! decision, the ODR negotiation and mediation limits (with the time of any testing or appraisal left out) and the
//! notice of a mediation ended for want of agreement.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::calendar::{Calendar, Counted};
use crate::legal::precheck::{measures, three_year_limit, KnownFrom, Regime};
use crate::legal::remedies;
use crate::model::{CaseData, CaseId, CaseStatus, EventKind, Industry};

const INTERIM: &str = "市场监督管理投诉举报处理暂行办法";
const PERIOD_RULE: &str = "《民法典》第二百零一条、第二百零三条";

/// 消费者权益保护法实施条例 took effect on this day; its procedure clocks apply to complaints filed from then on.
const REGULATION_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2024, 7, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    Running,
    /// Three days or fewer left.
    DueSoon,
    Passed,
    /// What the clock asked was done in time (a return requested inside the seven days): it can no longer pass.
    Met,
}

/// The closed set of clocks. The id is stable: the UI renders each clock from its catalogs by it
/// (`clock.<id>.label`, `clock.<id>.explanation`, with [`Clock::params`]); `label` and `explanation` are the Chinese
/// text the CLI and the dossier print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
pub enum ClockKind {
    #[serde(rename = "limitation")]
    Limitation,
    #[serde(rename = "demand_15_days")]
    Demand15Days,
    #[serde(rename = "performance_due")]
    PerformanceDue,
    #[serde(rename = "return_7_days")]
    Return7Days,
    #[serde(rename = "operator_15_days")]
    Operator15Days,
    #[serde(rename = "institution_15_days")]
    Institution15Days,
    #[serde(rename = "airline_10_working_days")]
    Airline10WorkingDays,
    #[serde(rename = "acceptance_7_working_days")]
    Acceptance7WorkingDays,
    #[serde(rename = "odr_10_working_days")]
    Odr10WorkingDays,
    #[serde(rename = "miit_acceptance_5_working_days")]
    MiitAcceptance5WorkingDays,
    #[serde(rename = "postal_reply_30_days")]
    PostalReply30Days,
    #[serde(rename = "mediation_60_days")]
    Mediation60Days,
    #[serde(rename = "mediation_45_working_days")]
    Mediation45WorkingDays,
    /// From 2026-04-15: when sixty days pass without agreement mediation ends, and the parties are told within seven
    /// working days of that decision (办法第二十三条).
    #[serde(rename = "termination_notice_7_working_days")]
    TerminationNotice7WorkingDays,
}

impl ClockKind {
    pub const ALL: [ClockKind; 14] = [
        ClockKind::Limitation,
        ClockKind::Demand15Days,
        ClockKind::PerformanceDue,
        ClockKind::Return7Days,
        ClockKind::Operator15Days,
        ClockKind::Institution15Days,
        ClockKind::Airline10WorkingDays,
        ClockKind::Acceptance7WorkingDays,
        ClockKind::Odr10WorkingDays,
        ClockKind::MiitAcceptance5WorkingDays,
        ClockKind::PostalReply30Days,
        ClockKind::Mediation60Days,
        ClockKind::Mediation45WorkingDays,
        ClockKind::TerminationNotice7WorkingDays,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ClockKind::Limitation => "limitation",
            ClockKind::Demand15Days => "demand_15_days",
            ClockKind::PerformanceDue => "performance_due",
            ClockKind::Return7Days => "return_7_days",
            ClockKind::Operator15Days => "operator_15_days",
            ClockKind::Institution15Days => "institution_15_days",
            ClockKind::Airline10WorkingDays => "airline_10_working_days",
            ClockKind::Acceptance7WorkingDays => "acceptance_7_working_days",
            ClockKind::Odr10WorkingDays => "odr_10_working_days",
            ClockKind::MiitAcceptance5WorkingDays => "miit_acceptance_5_working_days",
            ClockKind::PostalReply30Days => "postal_reply_30_days",
            ClockKind::Mediation60Days => "mediation_60_days",
            ClockKind::Mediation45WorkingDays => "mediation_45_working_days",
            ClockKind::TerminationNotice7WorkingDays => "termination_notice_7_working_days",
        }
    }
}

impl PartialEq<&str> for ClockKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Display for ClockKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Clock {
    pub id: ClockKind,
    /// The values the UI's catalog text for this clock names (dates as `YYYY-MM-DD`, a demand as its kind).
    pub params: BTreeMap<String, String>,
    pub label: String,
    #[ts(type = "string")]
    pub due: NaiveDate,
    pub state: ClockState,
    /// The rule the date comes from.
    pub rule: String,
    pub explanation: String,
    /// Years without official holiday data that the count passed through (Monday–Friday assumed).
    pub assumed_years: Vec<i32>,
}

fn state(due: NaiveDate, today: NaiveDate) -> ClockState {
    if due < today {
        ClockState::Passed
    } else if (due - today).num_days() <= 3 {
        ClockState::DueSoon
    } else {
        ClockState::Running
    }
}

/// The clocks of a case on `today`, soonest first.
pub fn clocks(case: &CaseData, cal: &Calendar, today: NaiveDate) -> Vec<Clock> {
    let mut out = Vec::new();
    let mut push =
        |id: ClockKind, params: &[(&str, String)], label: &str, c: Counted, rule: &str, explanation: String| {
            out.push(Clock {
                id,
                params: params.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect(),
                label: label.into(),
                due: c.date,
                state: state(c.date, today),
                rule: rule.into(),
                explanation,
                assumed_years: c.assumed_years,
            });
        };
    let mut return_met = false;
    let first = case.interactions.iter().map(|i| i.occurred_at.date_naive()).min();
    // The limit runs from when she learned of the harm: the date she gave, else the earliest record (and it says so).
    if let Some(limit) = three_year_limit(case, cal) {
        let (from_rule, from_text) = match limit.from {
            KnownFrom::Noticed => ("noticed", "您记录的问题出现日期"),
            KnownFrom::FirstRecord => ("first_record", "最早的记录；如问题出现日期不同，请在案件中填写"),
        };
        let known = limit.known;
        push(
            ClockKind::Limitation,
            &[("from", known.to_string()), ("from_rule", from_rule.to_owned())],
            "投诉时效（三年）",
            limit.last_day,
            "《民法典》第一百八十八条、第二百零一条至第二百零三条；市场监管投诉规则中的三年受理期限",
            format!("自 {known}（{from_text}）起三年，最后一日遇法定休假日顺延；超过后投诉将不予受理。"),
        );
    }
    for d in &case.demands {
        if let Some(due) = d.due_by {
            push(
                ClockKind::PerformanceDue,
                &[("demand", d.kind.as_str().to_owned()), ("due", due.to_string())],
                &format!("“{}”履行期限", d.kind.label_zh()),
                Counted {
                    date: due,
                    assumed_years: Vec::new(),
                },
                "约定或者法定的履行期限（见沟通记录）；《侵害消费者权益行为处罚办法》第八条",
                format!(
                    "“{}”这项要求的履行期限到 {due} 届满。届满后仍未履行的，第八条的十五日自 {due} 起算。",
                    d.kind.label_zh()
                ),
            );
        }
    }
    for d in remedies::delays(case, today) {
        let params = [
            ("demand", d.demand_kind.as_str().to_owned()),
            ("start", d.start.to_string()),
            ("start_rule", d.start_rule.as_str().to_owned()),
            (
                "confirmed",
                d.unperformed_confirmed_on.map_or_else(String::new, |c| c.to_string()),
            ),
        ];
        push(
            ClockKind::Demand15Days,
            &params,
            &format!("“{}”要求后十五日", d.demand_kind.label_zh()),
            cal.period_end(d.start, 15),
            &format!("{}；{PERIOD_RULE}", d.basis),
            d.explanation,
        );
    }
    // Seven days from receipt (第二十五条); the purchase date only as an estimate, and said to be one. A request
    // made inside the window kept it: the clock is met, never 已过.
    if let Some(w) = remedies::seven_days(case, cal) {
        let (from, from_rule) = (w.from, if w.received { "received" } else { "purchase_estimate" });
        let from_text = if w.received {
            format!("自收到商品之日 {from} 起算")
        } else {
            format!("按购买日 {from} 估算；以实际收货日为准，请在案件中填写收货日期")
        };
        let mut params = vec![("from", from.to_string()), ("from_rule", from_rule.to_owned())];
        let mut explanation =
            format!("网购商品自收到之日起七日内可以无理由退货（{from_text}；第二十五条所列商品除外）。");
        if let Some(q) = w.requested {
            params.push(("requested", q.to_string()));
            if w.in_time() == Some(true) {
                explanation += &format!("您于 {q} 提出退货，在七日之内。");
            } else {
                explanation += &format!("您于 {q} 提出退货，已在七日之后。");
            }
        }
        return_met = w.in_time() == Some(true);
        push(
            ClockKind::Return7Days,
            &params,
            "七日无理由退货",
            w.end,
            &format!("《消费者权益保护法》第二十五条；{PERIOD_RULE}"),
            explanation,
        );
    }
    if let Some(d) = first {
        match case.industry {
            Industry::Telecom => push(
                ClockKind::Operator15Days,
                &[("from", d.to_string())],
                "运营商答复期（十五日）",
                cal.period_end(d, 15),
                "《电信用户申诉处理办法》",
                "运营商十五日内未答复的，可以向工信部电信用户申诉受理中心申诉。".into(),
            ),
            Industry::BankingInsurance => push(
                ClockKind::Institution15Days,
                &[("from", d.to_string())],
                "银行保险机构处理期（十五日，可延长）",
                cal.period_end(d, 15),
                "《银行业保险业消费投诉处理管理办法》（以官方说明为准）",
                "机构应在十五日内处理，复杂情况可延长至三十日，再延长三十日。".into(),
            ),
            Industry::Aviation => push(
                ClockKind::Airline10WorkingDays,
                &[("from", d.to_string())],
                "航空公司处理期（十个工作日）",
                cal.add_working_days(d, 10),
                "《公共航空运输旅客服务管理规定》（以官方说明为准）",
                "航空公司应在十个工作日内处理完毕投诉。".into(),
            ),
            _ => {}
        }
    }
    let on = |s: CaseStatus| case.status_history.iter().rev().find(|h| h.status == s).map(|h| h.date);
    // Where it was filed decides which body's clocks run: the last `filed` event's channel (12315 when the case
    // records a filing without one). Rules outside the verified statutes are named without article numbers.
    let last_filed = case.events.iter().rev().find(|e| e.kind == EventKind::Filed);
    let channel = last_filed.and_then(|e| e.channel.as_deref()).unwrap_or("12315");
    let filed = last_filed.map(|e| e.date).or(on(CaseStatus::Filed));
    let regime = filed.map(Regime::on);
    match (filed, channel) {
        (Some(filed), "12315") => {
            // The rule on the acceptance decision follows the filing date: none before 2020, the interim rule (and
            // 消法第四十六条) until 2026-04-14, 实施条例第四十六条 from 2024-07-01, the 办法 from 2026-04-15.
            let rule = match regime {
                Some(Regime::Interim) if filed >= REGULATION_FROM => Some(format!(
                    "《{INTERIM}》第十四条；《消费者权益保护法实施条例》第四十六条第二款；{PERIOD_RULE}"
                )),
                Some(Regime::Interim) => Some(format!(
                    "《{INTERIM}》第十四条；《消费者权益保护法》第四十六条；{PERIOD_RULE}"
                )),
                Some(Regime::Measures) => Some(format!(
                    "{}；{}；《消费者权益保护法实施条例》第四十六条第二款；{PERIOD_RULE}",
                    measures(15, None).label,
                    measures(45, None).label
                )),
                _ => None,
            };
            if let Some(rule) = rule {
                push(
                    ClockKind::Acceptance7WorkingDays,
                    &[("filed", filed.to_string())],
                    "受理决定（七个工作日）",
                    cal.add_working_days(filed, 7),
                    &rule,
                    format!("自 {filed} 投诉起七个工作日内，部门应作出受理或不予受理的决定并告知您。"),
                );
            }
            if case.respondent.odr {
                push(
                    ClockKind::Odr10WorkingDays,
                    &[("filed", filed.to_string())],
                    "ODR 协商和解（十个工作日）",
                    cal.add_working_days(filed, 10),
                    "12315 在线消费纠纷解决（ODR/绿色通道）机制（以官方说明为准）",
                    format!(
                        "经营者是绿色通道企业：自 {filed} 在 12315 投诉起，由企业在十个工作日内与您协商和解；不成的，可以要求市场监管部门处理。"
                    ),
                );
            }
        }
        (Some(filed), "miit_telecom") => push(
            ClockKind::MiitAcceptance5WorkingDays,
            &[("filed", filed.to_string())],
            "申诉受理决定（五个工作日）",
            cal.add_working_days(filed, 5),
            "《电信用户申诉处理办法》",
            format!("自 {filed} 申诉起五个工作日内，申诉受理机构应决定是否受理并告知您。"),
        ),
        (Some(filed), "12305") => push(
            ClockKind::PostalReply30Days,
            &[("filed", filed.to_string())],
            "邮政管理部门答复（三十日）",
            cal.period_end(filed, 30),
            "《邮政法》",
            format!("自 {filed} 申诉起三十日内，邮政管理部门应当将处理结果告知您。"),
        ),
        _ => {}
    }
    if let Some(accepted) = (channel == "12315")
        .then(|| on(CaseStatus::Accepted).or(on(CaseStatus::Mediating)))
        .flatten()
    {
        let filed = filed.unwrap_or(accepted);
        // Testing or appraisal is not counted in the mediation period (暂行办法第二十条第三款, 实施条例第四十六条
        // 第三款, 办法第二十二条): its days move the end, and while it runs the end moves with every day.
        let pause = testing_pause(case, channel, today);
        let pause_note = match pause.open_since {
            Some(since) => format!("鉴定、检测自 {since} 起进行中，所需时间不计入，届满日随之后移。"),
            None if pause.days > 0 => format!("鉴定、检测用去的 {} 日不计入。", pause.days),
            None => String::new(),
        };
        let mut params = vec![("accepted", accepted.to_string())];
        if pause.days > 0 || pause.open_since.is_some() {
            params.push(("paused_days", pause.days.to_string()));
        }
        if let Some(since) = pause.open_since {
            params.push(("testing_since", since.to_string()));
        }
        let decided = case.events.iter().any(|e| {
            e.channel.as_deref().unwrap_or("12315") == "12315"
                && matches!(
                    e.kind,
                    EventKind::Resolved | EventKind::MediationEnded | EventKind::Withdrawn | EventKind::Refused
                )
        });
        if filed >= REGULATION_FROM {
            let rule = if regime == Some(Regime::Measures) {
                format!(
                    "{}；{}；《消费者权益保护法实施条例》第四十六条第三款",
                    measures(23, Some(5)).label,
                    measures(22, None).label
                )
            } else {
                "《消费者权益保护法实施条例》第四十六条第三款".to_owned()
            };
            let end = cal.period_end(accepted + Duration::days(pause.days), 60);
            let end_date = end.date;
            push(
                ClockKind::Mediation60Days,
                &params,
                "调解期限（六十日）",
                end,
                &format!("{rule}；{PERIOD_RULE}"),
                format!(
                    "自 {accepted} 受理起六十日内调解完毕，鉴定、检测时间不计入；调解不成的应当终止调解。{pause_note}"
                ),
            );
            if regime == Some(Regime::Measures) && !decided && pause.open_since.is_none() {
                push(
                    ClockKind::TerminationNotice7WorkingDays,
                    &[("mediation_end", end_date.to_string())],
                    "终止调解告知（七个工作日）",
                    cal.add_working_days(end_date, 7),
                    &format!("{}；{PERIOD_RULE}", measures(23, None).label),
                    format!(
                        "六十日届满（{end_date}）仍未达成调解协议的，终止调解；部门应当自作出终止调解决定之日起七个工作日内告知您。\
                         终止调解或者对调解结果不服的，可以通过民事诉讼、仲裁等途径解决（{}）。",
                        measures(25, None).label
                    ),
                );
            }
        }
        if regime == Some(Regime::Interim) {
            let end = working_days_outside(cal, accepted, 45, &pause.spans);
            push(
                ClockKind::Mediation45WorkingDays,
                &params,
                "调解期限（四十五个工作日）",
                end,
                &format!("《{INTERIM}》第二十一条第一款第（五）项、第二十条第三款（2026-04-15 前投诉适用）"),
                format!("自受理之日起四十五个工作日内未达成调解协议的，终止调解；检定、检验、检测、鉴定所需时间不计入。{pause_note}"),
            );
        }
    }
    if return_met {
        for c in out.iter_mut().filter(|c| c.id == ClockKind::Return7Days) {
            c.state = ClockState::Met;
        }
    }
    out.sort_by_key(|c| c.due);
    out
}

/// The days testing or appraisal took in one channel: each started span to its end, an open one to today.
struct Pause {
    days: i64,
    /// [from, until) of each span.
    spans: Vec<(NaiveDate, NaiveDate)>,
    open_since: Option<NaiveDate>,
}

fn testing_pause(case: &CaseData, channel: &str, today: NaiveDate) -> Pause {
    let mut spans = Vec::new();
    let mut open: Option<NaiveDate> = None;
    for e in case
        .events
        .iter()
        .filter(|e| e.channel.as_deref().unwrap_or("12315") == channel)
    {
        match (e.kind, open) {
            (EventKind::TestingStarted, None) => open = Some(e.date),
            (EventKind::TestingEnded, Some(since)) => {
                spans.push((since, e.date.max(since)));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(since) = open {
        spans.push((since, today.max(since)));
    }
    Pause {
        days: spans.iter().map(|(a, b)| (*b - *a).num_days()).sum(),
        spans,
        open_since: open,
    }
}

/// The `n`th working day after `start` that lies outside every span (testing time is not counted).
fn working_days_outside(cal: &Calendar, start: NaiveDate, n: u32, spans: &[(NaiveDate, NaiveDate)]) -> Counted {
    let mut d = start;
    let mut left = n;
    let mut assumed = Vec::new();
    while left > 0 {
        d += Duration::days(1);
        if !cal.covers(d) && !assumed.contains(&d.year()) {
            assumed.push(d.year());
        }
        let paused = spans.iter().any(|(a, b)| d > *a && d <= *b);
        if cal.is_working_day(d) && !paused {
            left -= 1;
        }
    }
    Counted {
        date: d,
        assumed_years: assumed,
    }
}

/// A clock that needs attention on the start screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Upcoming {
    pub case_id: crate::model::CaseId,
    pub title: String,
    pub clock: Clock,
}

/// The deadlines of the whole library for the start screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LibraryDeadlines {
    /// Clocks of open cases that end within two weeks or ended in the last week, soonest first.
    pub soon: Vec<Upcoming>,
    /// Each open case's next clock still running (or due soon), for its row in the case list.
    pub next: Vec<Upcoming>,
}

/// Across the library: what is about to run out, and each open case's next deadline — from the cases' clocks,
/// given one case at a time (the store reads them: [`crate::store::Store::library_deadlines`]).
#[derive(Debug, Default)]
pub struct LibraryScan {
    soon: Vec<Upcoming>,
    next: Vec<Upcoming>,
}

impl LibraryScan {
    /// Adds one open case.
    pub fn add(&mut self, id: CaseId, title: &str, case: &CaseData, cal: &Calendar, today: NaiveDate) {
        let all = clocks(case, cal, today);
        if let Some(first) = all
            .iter()
            .find(|c| !matches!(c.state, ClockState::Passed | ClockState::Met))
        {
            self.next.push(Upcoming {
                case_id: id,
                title: title.to_owned(),
                clock: first.clone(),
            });
        }
        for clock in all.into_iter().filter(|c| c.state != ClockState::Met) {
            let days = (clock.due - today).num_days();
            if (-7..=14).contains(&days) {
                self.soon.push(Upcoming {
                    case_id: id,
                    title: title.to_owned(),
                    clock,
                });
            }
        }
    }

    pub fn finish(mut self) -> LibraryDeadlines {
        self.soon.sort_by_key(|u| u.clock.due);
        LibraryDeadlines {
            soon: self.soon,
            next: self.next,
        }
    }
}
