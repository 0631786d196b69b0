//! Routing and clocks: a telecom case, an e-commerce case with an ODR trader, a bank case and an impostor-link case;
//! each channel's prerequisites; the clocks after filing across 国庆.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::NaiveDate;
use common::sample_case;
use weiquan_core::calendar::Calendar;
use weiquan_core::deadlines::clocks::{clocks, ClockState};
use weiquan_core::deadlines::route::{channel, channels, route};
use weiquan_core::model::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// An event on `date`, in `channel` if given; no reference, note or evidence.
fn event(kind: EventKind, date: &str, channel: Option<&str>) -> CaseEvent {
    CaseEvent {
        kind,
        date: d(date),
        channel: channel.map(str::to_owned),
        reference: None,
        note: None,
        evidence: None,
    }
}

fn ids(steps: &[weiquan_core::deadlines::route::RouteStep]) -> Vec<&str> {
    steps.iter().map(|s| s.channel.id.as_str()).collect()
}

#[test]
fn every_channel_states_its_scope_and_prerequisites() {
    assert_eq!(channels().len(), 12);
    for c in channels() {
        assert!(
            !c.scope.is_empty() && !c.contact.is_empty() && !c.facts.is_empty(),
            "{}",
            c.id
        );
        for f in &c.facts {
            assert!(
                ["H", "M", "L"].contains(&f.confidence.as_str()),
                "{}: {}",
                c.id,
                f.confidence
            );
        }
    }
    for (id, first) in [
        ("miit_telecom", "必须先向运营商投诉"),
        ("12378", "先向银行或保险机构投诉"),
        ("12326", "先向航空公司"),
        ("12305", "先向快递企业投诉"),
    ] {
        assert!(
            channel(id).unwrap().facts.iter().any(|f| f.text.contains(first)),
            "{id} says the company comes first"
        );
    }
    assert!(channel("12315")
        .unwrap()
        .facts
        .iter()
        .any(|f| f.text.contains("十个工作日") && f.text.contains("ODR")));
}

#[test]
fn a_telecom_case_goes_to_the_operator_then_miit_after_fifteen_days() {
    let cal = Calendar::built_in();
    let mut c = sample_case();
    c.industry = Industry::Telecom;
    let steps = route(&c, &cal, d("2026-09-10"));
    assert_eq!(&ids(&steps)[..2], ["company", "miit_telecom"]);
    assert!(steps[0].done, "the case shows the operator was contacted on 2026-09-05");
    // The operator's 15 days from 09-05 end on 09-20 (a Sunday, but a 调休 working day): the appeal opens on 09-21.
    assert_eq!(steps[1].from, Some(d("2026-09-21")));
    assert!(steps[1].reason.contains("2026-09-21 起可以进行"));
    let clocks = clocks(&c, &cal, d("2026-09-10"));
    assert!(clocks.iter().any(|k| k.id == "operator_15_days"));
}

#[test]
fn an_ecommerce_case_goes_to_12315_with_the_odr_path_and_a_return_window() {
    let cal = Calendar::built_in();
    let c = sample_case();
    let steps = route(&c, &cal, d("2026-09-10"));
    assert_eq!(ids(&steps), ["company", "12315", "consumer_association", "court"]);
    let mut filed = c.clone();
    filed.events.push(event(EventKind::Filed, "2026-09-12", Some("12315")));
    assert!(
        route(&filed, &cal, d("2026-09-13"))[1].done,
        "a channel the case was filed with is done"
    );
    assert!(
        !steps[1].reason.contains("ODR"),
        "no ODR path for a trader not known to be one"
    );
    let mut odr = filed.clone();
    odr.respondent.odr = true;
    let steps = route(&odr, &cal, d("2026-09-10"));
    assert!(steps[1].reason.contains("十个工作日内与您协商和解"));
    // Filed on Friday 2026-09-25: ten working days skip 国庆 (10-01..07) and count the 调休 Saturday 10-10.
    odr.events[0].date = d("2026-09-25");
    let k = clocks(&odr, &cal, d("2026-10-09"));
    let negotiation = k.iter().find(|k| k.id == "odr_10_working_days").unwrap();
    assert_eq!(negotiation.due, cal.add_working_days(d("2026-09-25"), 10).date);
    assert_eq!(negotiation.due, d("2026-10-15"));
    assert_eq!(negotiation.state, ClockState::Running);
    assert!(
        negotiation.rule.contains("以官方说明为准"),
        "the ODR facts are medium confidence"
    );
    assert!(
        clocks(&filed, &cal, d("2026-10-09"))
            .iter()
            .all(|k| k.id != "odr_10_working_days"),
        "no ODR clock for a trader that is not an ODR company"
    );
    let k = clocks(&c, &cal, d("2026-09-06"));
    let ret = k.iter().find(|k| k.id == "return_7_days").unwrap();
    assert_eq!(ret.due, d("2026-09-08"));
    assert_eq!(ret.state, ClockState::DueSoon);
}

#[test]
fn a_bank_case_waits_for_the_institution_then_12378() {
    let cal = Calendar::built_in();
    let mut c = sample_case();
    c.industry = Industry::BankingInsurance;
    let steps = route(&c, &cal, d("2026-11-28"));
    assert_eq!(&ids(&steps)[..2], ["company", "12378"]);
    assert!(steps[1].reason.contains("现在已经可以进行"));
}

#[test]
fn an_impostor_link_puts_the_police_first() {
    let cal = Calendar::built_in();
    let mut c = sample_case();
    c.interactions[0].problems = vec![ProblemKind::InducedHarm];
    c.interactions[0].link_sender = Some(LinkSender::Impostor);
    c.interactions[0].loss = Money::from_fen(500_000);
    let steps = route(&c, &cal, d("2026-09-10"));
    assert_eq!(ids(&steps)[0], "police");
    assert!(steps[0].channel.contact.contains("96110"));
    assert!(ids(&steps).contains(&"12321"), "the phishing link can be reported too");
    c.interactions[0].link_sender = Some(LinkSender::Official);
    assert_ne!(
        ids(&route(&c, &cal, d("2026-09-10")))[0],
        "police",
        "the company's own link is not a police matter first"
    );
}

#[test]
fn after_filing_the_acceptance_and_mediation_clocks_run_in_working_days() {
    let cal = Calendar::built_in();
    let mut c = sample_case();
    c.status = CaseStatus::Accepted;
    c.status_history = vec![
        StatusChange {
            status: CaseStatus::Filed,
            date: d("2026-09-28"),
        },
        StatusChange {
            status: CaseStatus::Accepted,
            date: d("2026-10-13"),
        },
    ];
    let k = clocks(&c, &cal, d("2026-10-20"));
    let acceptance = k.iter().find(|k| k.id == "acceptance_7_working_days").unwrap();
    assert_eq!(acceptance.due, d("2026-10-13"), "across 国庆 and its 调休 Saturday");
    assert_eq!(acceptance.state, ClockState::Passed);
    let mediation = k.iter().find(|k| k.id == "mediation_60_days").unwrap();
    assert_eq!(
        mediation.due,
        d("2026-12-14"),
        "sixty days end on Saturday 2026-12-12, so the period ends on the next working day (民法典第二百零三条)"
    );
    assert!(mediation.rule.contains("第四十六条第三款"));
    assert!(
        k.iter().all(|k| k.id != "mediation_45_working_days"),
        "the old 45-working-day rule only before 2026-04-15"
    );
    c.status_history[1].date = d("2026-03-02");
    c.status_history[0].date = d("2026-02-20");
    let k = clocks(&c, &cal, d("2026-03-10"));
    assert!(k.iter().any(|k| k.id == "mediation_45_working_days"));
    assert!(k.windows(2).all(|w| w[0].due <= w[1].due), "soonest first");
}

#[test]
fn the_clocks_after_filing_are_those_of_the_body_filed_with() {
    let cal = Calendar::built_in();
    let mut c = sample_case();
    c.industry = Industry::Telecom;
    c.status = CaseStatus::Filed;
    c.status_history = vec![StatusChange {
        status: CaseStatus::Filed,
        date: d("2026-09-28"),
    }];
    c.events = vec![event(EventKind::Filed, "2026-09-28", Some("miit_telecom"))];
    let k = clocks(&c, &cal, d("2026-09-29"));
    let miit = k.iter().find(|k| k.id == "miit_acceptance_5_working_days").unwrap();
    // 09-29, 09-30, then 国庆 off to 10-07, 10-08, 10-09 and the 调休 Saturday 10-10.
    assert_eq!(miit.due, d("2026-10-10"));
    assert!(
        k.iter().all(|k| k.id != "acceptance_7_working_days"),
        "no 12315 clock for a MIIT appeal"
    );
    let steps = route(&c, &cal, d("2026-09-29"));
    assert!(steps.iter().find(|s| s.channel.id == "miit_telecom").unwrap().done);
    let o = weiquan_core::deadlines::outlook(&c, &cal, d("2026-09-29"));
    assert_eq!(
        o.waiting.unwrap().channel.id,
        "miit_telecom",
        "the card waits on the body filed with"
    );
    c.status = CaseStatus::Closed;
    assert!(
        weiquan_core::deadlines::outlook(&c, &cal, d("2026-09-29"))
            .waiting
            .is_none(),
        "a closed case waits on nobody"
    );
}

#[test]
fn the_start_screen_gets_what_runs_out_soon_and_each_open_cases_next_deadline() {
    let (_dir, db) = common::temp_db();
    let mut store = weiquan_core::store::Store::open(&db).unwrap();
    let (open, _) = store.create_case(&sample_case()).unwrap();
    let mut closed = sample_case();
    closed.title = "已经解决的案件".into();
    let (closed_id, _) = store.create_case(&closed).unwrap();
    store
        .add_event(closed_id, event(EventKind::Filed, "2026-09-15", None))
        .unwrap();
    store
        .add_event(closed_id, event(EventKind::Resolved, "2026-09-20", None))
        .unwrap();
    let cal = Calendar::built_in();
    // The sample's first contact is 2026-09-05 with a demand: the 15-day clock ends 2026-09-20.
    let l = store.library_deadlines(&cal, d("2026-09-12")).unwrap();
    assert!(
        l.soon.iter().all(|u| u.case_id == open),
        "closed cases have no clocks on the start screen"
    );
    assert!(l.soon.iter().any(|u| u.clock.id == "demand_15_days"));
    assert_eq!(l.next.len(), 1);
    assert_eq!(l.next[0].case_id, open);
    assert_eq!(
        l.soon[0].clock.state,
        ClockState::Passed,
        "the return window ended on 09-08"
    );
    let running = l.soon.iter().find(|u| u.clock.state != ClockState::Passed).unwrap();
    assert_eq!(
        l.next[0].clock, running.clock,
        "the next deadline is the soonest still running"
    );
    let later = store.library_deadlines(&cal, d("2026-12-01")).unwrap();
    assert_eq!(
        later.next[0].clock.id, "limitation",
        "passed clocks are not a case's next deadline"
    );
}

#[test]
fn the_last_event_can_be_taken_back_with_its_status_change() {
    let (_dir, db) = common::temp_db();
    let mut store = weiquan_core::store::Store::open(&db).unwrap();
    let (id, _) = store.create_case(&sample_case()).unwrap();
    store
        .add_event(id, event(EventKind::Filed, "2026-09-28", None))
        .unwrap();
    store
        .add_event(id, event(EventKind::Refused, "2026-10-09", None))
        .unwrap();
    assert_eq!(store.get_case(id).unwrap().data.status, CaseStatus::Closed);
    store.remove_last_event(id).unwrap();
    let c = store.get_case(id).unwrap().data;
    assert_eq!(
        c.status,
        CaseStatus::Filed,
        "the refusal recorded by mistake is gone, and so is its status"
    );
    assert_eq!(c.events.len(), 1);
    assert_eq!(c.status_history.len(), 1);
    store.remove_last_event(id).unwrap();
    assert_eq!(store.get_case(id).unwrap().data.status, CaseStatus::Draft);
    assert!(matches!(
        store.remove_last_event(id),
        Err(weiquan_core::Error::Invalid(_))
    ));
}

#[test]
fn clock_and_route_kinds_cross_ipc_by_their_stable_names() {
    use weiquan_core::deadlines::clocks::ClockKind;
    use weiquan_core::deadlines::route::RouteReason;
    for k in ClockKind::ALL {
        assert_eq!(serde_json::to_value(k).unwrap(), serde_json::json!(k.as_str()));
    }
    for r in RouteReason::ALL {
        assert_eq!(serde_json::to_value(r).unwrap(), serde_json::json!(r.as_str()));
    }
}

#[test]
fn events_follow_the_complaint_they_belong_to_and_never_go_back_in_time() {
    let (_dir, db) = common::temp_db();
    let mut store = weiquan_core::store::Store::open(&db).unwrap();
    let (id, _) = store.create_case(&sample_case()).unwrap();
    let refused = |r: weiquan_core::Result<Vec<weiquan_core::Problem>>| match r {
        Err(weiquan_core::Error::Invalid(p)) => p[0].to_string(),
        other => panic!("expected a refusal, got {other:?}"),
    };
    let before = store.get_case(id).unwrap();
    for kind in [
        EventKind::Accepted,
        EventKind::Refused,
        EventKind::MediationStarted,
        EventKind::MediationEnded,
        EventKind::Resolved,
        EventKind::Withdrawn,
    ] {
        let why = refused(store.add_event(id, event(kind, "2026-09-20", None)));
        assert!(why.contains("none filed"), "{kind:?}: {why}");
    }
    store
        .add_event(id, event(EventKind::Filed, "2026-09-28", None))
        .unwrap();
    let why = refused(store.add_event(id, event(EventKind::Accepted, "2026-09-27", None)));
    assert!(
        why.contains("before the complaint was filed with 12315 on 2026-09-28"),
        "{why}"
    );
    let why = refused(store.add_event(id, event(EventKind::Accepted, "2026-09-29", Some("miit_telecom"))));
    assert!(why.contains("filed with 12315"), "{why}");
    let why = refused(store.add_event(id, event(EventKind::Accepted, "2999-01-01", None)));
    assert!(why.contains("after today"), "{why}");
    store
        .add_event(id, event(EventKind::MediationStarted, "2026-10-09", None))
        .unwrap();
    let why = refused(store.add_event(id, event(EventKind::Accepted, "2026-10-08", None)));
    assert!(why.contains("mediation_started on 2026-10-09"), "{why}");
    let c = store.get_case(id).unwrap().data;
    assert_eq!(c.events.len(), 2, "nothing refused was written");
    assert_eq!(
        c.events[1].channel.as_deref(),
        Some("12315"),
        "an event without a channel belongs to the complaint filed last"
    );
    assert_eq!(before.data.interactions, c.interactions);
}

#[test]
fn a_police_report_is_not_a_complaint_but_the_route_and_the_12315_text_use_it() {
    let (_dir, db) = common::temp_db();
    let mut store = weiquan_core::store::Store::open(&db).unwrap();
    let mut c = sample_case();
    c.interactions[0].problems = vec![ProblemKind::InducedHarm];
    c.interactions[0].link_sender = Some(LinkSender::Impostor);
    c.interactions[0].loss = Money::from_fen(50_000);
    let (id, _) = store.create_case(&c).unwrap();
    let cal = Calendar::built_in();
    let steps = route(&store.get_case(id).unwrap().data, &cal, d("2026-09-12"));
    assert_eq!(steps[0].why, weiquan_core::deadlines::route::RouteReason::PoliceFraud);
    assert!(!steps[0].done);
    let mut report = event(EventKind::PoliceReport, "2026-09-06", Some("police"));
    report.reference = Some("沪公（浦）受案字〔2026〕1234号".into());
    store.add_event(id, report).unwrap();
    let data = store.get_case(id).unwrap().data;
    assert_eq!(
        data.status,
        CaseStatus::Draft,
        "a police report does not make the case 已投诉"
    );
    assert!(data.status_history.is_empty());
    let steps = route(&data, &cal, d("2026-09-12"));
    assert_eq!(steps[0].channel.id, "police");
    assert_eq!(
        steps[0].why,
        weiquan_core::deadlines::route::RouteReason::PoliceReported
    );
    assert!(steps[0].done, "the step she took is done");
    assert_eq!(steps[0].params["date"], "2026-09-06");
    let text = weiquan_core::dossier::filing_text(&data, &Default::default(), d("2026-09-12"));
    let content = text
        .iter()
        .find(|b| b.kind == weiquan_core::dossier::BlockKind::Content)
        .unwrap();
    assert!(
        content
            .text
            .contains("我已于2026年9月6日向公安机关报警（回执编号沪公（浦）受案字〔2026〕1234号）。"),
        "{}",
        content.text
    );
    // However short the limit, the report is one of the things kept.
    let tight: std::collections::BTreeMap<_, _> = [(weiquan_core::dossier::BlockKind::Content, 60)].into();
    let short = weiquan_core::dossier::filing_text(&data, &tight, d("2026-09-12"));
    let content = short
        .iter()
        .find(|b| b.kind == weiquan_core::dossier::BlockKind::Content)
        .unwrap();
    assert!(content.text.contains("向公安机关报警"), "{}", content.text);
    // A police report can be recorded late, before a complaint's date: it is not a step of the complaint.
    store
        .add_event(id, event(EventKind::Filed, "2026-09-20", None))
        .unwrap();
    store
        .add_event(id, event(EventKind::PoliceReport, "2026-09-07", Some("police")))
        .unwrap();
}

#[test]
fn the_seven_days_run_from_receipt_and_a_request_inside_them_keeps_the_window() {
    let cal = Calendar::built_in();
    let mut c = sample_case();
    c.industry = Industry::Ecommerce;
    c.facts.supply = Some(SupplyKind::Goods);
    c.purchase.date = Some(d("2026-09-01"));
    let ret = |c: &CaseData, today: &str| {
        clocks(c, &cal, d(today))
            .into_iter()
            .find(|k| k.id == "return_7_days")
            .unwrap()
    };
    let estimate = ret(&c, "2026-09-20");
    assert_eq!(estimate.due, d("2026-09-08"));
    assert_eq!(estimate.params["from_rule"], "purchase_estimate");
    assert!(estimate.explanation.contains("估算"), "{}", estimate.explanation);
    assert_eq!(estimate.state, ClockState::Passed);
    c.facts.goods_received_on = Some(d("2026-09-04"));
    let received = ret(&c, "2026-09-20");
    assert_eq!(received.due, d("2026-09-11"), "seven days from receipt");
    assert_eq!(received.state, ClockState::Passed);
    c.facts.return_requested_on = Some(d("2026-09-10"));
    let kept = ret(&c, "2026-09-20");
    assert_eq!(kept.state, ClockState::Met, "asked inside the window: never 已过");
    assert!(
        kept.explanation.contains("您于 2026-09-10 提出退货，在七日之内"),
        "{}",
        kept.explanation
    );
    c.facts.return_requested_on = Some(d("2026-09-12"));
    assert_eq!(
        ret(&c, "2026-09-20").state,
        ClockState::Passed,
        "asked after it: passed"
    );
    c.facts.return_requested_on = Some(d("2026-09-03"));
    assert!(
        matches!(
            weiquan_core::validate::validate(&c),
            Err(weiquan_core::Error::Invalid(_))
        ),
        "a request before the goods arrived is refused"
    );
}

#[test]
fn the_three_years_run_from_when_she_learned_of_the_problem_and_a_promised_date_has_its_own_clock() {
    let cal = Calendar::built_in();
    let mut c = sample_case();
    let limit = |c: &CaseData| {
        clocks(c, &cal, d("2026-09-20"))
            .into_iter()
            .find(|k| k.id == "limitation")
            .unwrap()
    };
    let first = c.interactions.iter().map(|i| i.occurred_at.date_naive()).min().unwrap();
    let default = limit(&c);
    assert_eq!(default.params["from"], first.to_string());
    assert_eq!(default.params["from_rule"], "first_record");
    assert!(
        default.explanation.contains("最早的记录"),
        "it says where the date comes from"
    );
    c.facts.problem_noticed_on = Some(d("2026-09-10"));
    let noticed = limit(&c);
    assert_eq!(noticed.due, d("2029-09-10"));
    assert_eq!(noticed.params["from_rule"], "noticed");
    c.demands[0].due_by = Some(d("2026-09-11"));
    let due: Vec<_> = clocks(&c, &cal, d("2026-09-20"))
        .into_iter()
        .filter(|k| k.id == "performance_due")
        .collect();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].due, d("2026-09-11"));
    assert_eq!(due[0].state, ClockState::Passed);
    assert!(
        due[0].explanation.contains("十五日自 2026-09-11 起算"),
        "{}",
        due[0].explanation
    );
}
