//! The dated clocks of a case, each with its rule and what it means: the three-year limit, the fifteen days after a
//! demand, the seven-day no-reason return window, the operator-first waits, and after filing the 12315 acceptance
//! decision, the ODR negotiation and mediation limits.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::calendar::{Calendar, Counted};
use crate::legal::precheck::{successor_rule, Regime};
use crate::legal::remedies;
use crate::model::{CaseData, CaseId, CaseStatus, EventKind, Industry, SupplyKind};

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
}

impl ClockKind {
    pub const ALL: [ClockKind; 13] = [
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
    let known = match case.facts.problem_noticed_on {
        Some(d) => Some((d, "noticed", "您记录的问题出现日期")),
        None => first
            .or(case.purchase.date)
            .map(|d| (d, "first_record", "最早的记录；如问题出现日期不同，请在案件中填写")),
    };
    if let Some((known, from_rule, from_text)) = known {
        if let Some(end) = known.checked_add_months(Months::new(36)) {
            push(
                ClockKind::Limitation,
                &[("from", known.to_string()), ("from_rule", from_rule.to_owned())],
                "投诉时效（三年）",
                Counted {
                    date: end,
                    assumed_years: Vec::new(),
                },
                "《民法典》第一百八十八条、第二百零一条；市场监管投诉规则中的三年受理期限",
                format!("自 {known}（{from_text}）起三年；超过后投诉将不予受理。"),
            );
        }
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
    if case.industry == Industry::Ecommerce && case.facts.supply == Some(SupplyKind::Goods) {
        // Seven days from receipt (第二十五条); the purchase date only as an estimate, and said to be one. A request
        // made inside the window kept it: the clock is met, never 已过.
        let start = match (case.facts.goods_received_on, case.purchase.date) {
            (Some(r), _) => Some((r, "received")),
            (None, Some(p)) => Some((p, "purchase_estimate")),
            (None, None) => None,
        };
        if let Some((from, from_rule)) = start {
            let end = cal.period_end(from, 7);
            let from_text = if from_rule == "received" {
                format!("自收到商品之日 {from} 起算")
            } else {
                format!("按购买日 {from} 估算；以实际收货日为准，请在案件中填写收货日期")
            };
            let mut params = vec![("from", from.to_string()), ("from_rule", from_rule.to_owned())];
            let mut explanation =
                format!("网购商品自收到之日起七日内可以无理由退货（{from_text}；第二十五条所列商品除外）。");
            let requested = case.facts.return_requested_on;
            if let Some(q) = requested {
                params.push(("requested", q.to_string()));
                if q <= end.date {
                    explanation += &format!("您于 {q} 提出退货，在七日之内。");
                } else {
                    explanation += &format!("您于 {q} 提出退货，已在七日之后。");
                }
            }
            return_met = requested.is_some_and(|q| q >= from && q <= end.date);
            push(
                ClockKind::Return7Days,
                &params,
                "七日无理由退货",
                end,
                &format!("《消费者权益保护法》第二十五条；{PERIOD_RULE}"),
                explanation,
            );
        }
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
            // 消法第四十六条) until 2026-04-14, 实施条例第四十六条 from 2024-07-01, the successor rule by name from 2026-04-15.
            let rule = match regime {
                Some(Regime::Interim) if filed >= REGULATION_FROM => Some(format!(
                    "《{INTERIM}》第十四条；《消费者权益保护法实施条例》第四十六条第二款；{PERIOD_RULE}"
                )),
                Some(Regime::Interim) => Some(format!(
                    "《{INTERIM}》第十四条；《消费者权益保护法》第四十六条；{PERIOD_RULE}"
                )),
                Some(Regime::Successor) => Some(format!(
                    "《消费者权益保护法实施条例》第四十六条第二款；{}（条文未核验）；{PERIOD_RULE}",
                    successor_rule().label
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
        if filed >= REGULATION_FROM {
            let rule = if regime == Some(Regime::Successor) {
                format!(
                    "《消费者权益保护法实施条例》第四十六条第三款；{}（条文未核验，六十日终止调解的规定仅见于部分文本）",
                    successor_rule().label
                )
            } else {
                "《消费者权益保护法实施条例》第四十六条第三款".to_owned()
            };
            push(
                ClockKind::Mediation60Days,
                &[("accepted", accepted.to_string())],
                "调解期限（六十日）",
                cal.period_end(accepted, 60),
                &format!("{rule}；{PERIOD_RULE}"),
                format!("自 {accepted} 受理起六十日内调解完毕，鉴定、检测时间不计入；调解不成的应当终止调解。"),
            );
        }
        if regime == Some(Regime::Interim) {
            push(
                ClockKind::Mediation45WorkingDays,
                &[("accepted", accepted.to_string())],
                "调解期限（四十五个工作日）",
                cal.add_working_days(accepted, 45),
                &format!("《{INTERIM}》第二十一条第一款第（五）项（2026-04-15 前投诉适用）"),
                "自受理之日起四十五个工作日内未达成调解协议的，终止调解。".into(),
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
