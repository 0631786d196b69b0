#![allow(clippy::unwrap_used)]

mod common;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use common::{fixture, sample_case, temp_db};
use proptest::prelude::*;
use serde_json::json;
use weiquan_core::exchange;
use weiquan_core::model::*;
use weiquan_core::store::Store;
use weiquan_core::Error;

fn problems(doc: serde_json::Value) -> Vec<String> {
    match exchange::parse_value(doc) {
        Err(Error::Invalid(p)) => p.iter().map(ToString::to_string).collect(),
        other => panic!("expected the document to be rejected, got {other:?}"),
    }
}

#[test]
fn the_sample_document_parses_with_typed_values() {
    let text = std::fs::read_to_string(fixture("demo-case.json")).unwrap();
    let doc = exchange::parse(&text).unwrap();
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let c = doc.case;
    assert_eq!(c.industry, Industry::Ecommerce);
    assert_eq!(c.purchase.amount.unwrap().fen(), 129_900);
    assert_eq!(
        c.interactions[1].problems,
        vec![ProblemKind::FalseInformation, ProblemKind::DelayedHandling]
    );
    assert_eq!(c.interactions[0].occurred_at.offset().local_minus_utc(), 8 * 3600);
    assert_eq!(c.demands[1], Demand::new(DemandKind::Apology));
}

#[test]
fn a_bad_document_lists_every_problem_by_path() {
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("demo-case.json")).unwrap()).unwrap();
    doc["industry"] = json!("shopping");
    doc["purchase"]["amount"] = json!("12.345");
    doc["purchase"]["date"] = json!("2026-02-30");
    doc["complainant"]["nickname"] = json!("阿兰");
    doc["interactions"][1]["occurred_at"] = json!("2026-09-08 15:40");
    doc["interactions"][0]["problems"] = json!(["irrelevant_answer", "rude"]);
    doc["demands"] = json!([{ "kind": "other" }]);
    doc.as_object_mut().unwrap().remove("title");
    let got = problems(doc);
    let expect = [
        "title: missing (this field is required)",
        "industry: must be one of",
        "purchase.amount: not an amount in yuan",
        "purchase.date: not a calendar date",
        "complainant.nickname: unknown field",
        "interactions[1].occurred_at: not an RFC 3339 date-time",
        "interactions[0].problems[1]: must be one of",
        "demands[0].text: missing",
    ];
    for e in expect {
        assert!(got.iter().any(|g| g.starts_with(e)), "missing {e:?} in {got:#?}");
    }
    assert_eq!(got.len(), expect.len(), "{got:#?}");
}

#[test]
fn the_issue_example_message_reads_as_documented() {
    let mut interactions = vec![];
    for t in ["2026-09-05T10:12:00+08:00", "2026-09-06T10:12:00+08:00", "yesterday"] {
        interactions.push(json!({ "occurred_at": t, "channel": "phone" }));
    }
    let got = problems(json!({
        "format": "weiquan.case/1", "title": "t", "industry": "other", "status": "draft",
        "interactions": interactions
    }));
    assert_eq!(got.len(), 1);
    assert!(
        got[0].starts_with("interactions[2].occurred_at: not an RFC 3339 date-time"),
        "{got:?}"
    );
}

#[test]
fn semantic_problems_and_warnings() {
    let mut c = sample_case();
    c.respondent.credit_code = Some("91330106MA2CFXXX1K".into());
    let doc = exchange::parse(&exchange::to_string(&c, &[]).unwrap()).unwrap();
    assert_eq!(
        doc.warnings.len(),
        1,
        "a wrong check character warns but does not block"
    );
    assert!(doc.warnings[0]
        .to_string()
        .starts_with("respondent.credit_code: the check character"));

    let mut bad = serde_json::to_value(exchange::to_value(&sample_case(), &[]).unwrap()).unwrap();
    bad["status"] = json!("filed");
    bad["status_history"] =
        json!([{"status": "filed", "date": "2026-09-20"}, {"status": "accepted", "date": "2026-09-19"}]);
    bad["evidence"] = json!([{ "path": "a.png", "interactions": [5] }]);
    bad["format"] = json!("weiquan.case/2");
    let got = problems(bad.clone());
    assert!(got[0].starts_with("format: must be \"weiquan.case/1\""), "{got:?}");
    bad["format"] = json!("weiquan.case/1");
    let got = problems(bad);
    for e in [
        "status_history[1].date: 2026-09-19 is earlier",
        "status: is filed but",
        "evidence[0].interactions[0]: refers to interaction 5",
    ] {
        assert!(got.iter().any(|g| g.starts_with(e)), "missing {e:?} in {got:#?}");
    }
}

#[test]
fn malformed_json_is_located() {
    let err = exchange::parse("{\"format\": \"weiquan.case/1\",\n \"title\": }").unwrap_err();
    assert_eq!(err.code().as_str(), "invalid_input");
    assert!(err.to_string().contains("line 2"), "{err}");
}

// ---- property test: export then import is lossless, through the document and through the store ----

fn text() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        "[a-z0-9 ]{0,12}".prop_map(Some),
        "[\u{4e00}-\u{9fa5}，。！？]{1,20}".prop_map(Some)
    ]
}

fn money() -> impl Strategy<Value = Option<Money>> {
    prop_oneof![Just(None), (0i64..1_000_000_000).prop_map(Money::from_fen)]
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

fn when() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (1_577_836_800i64..1_790_000_000, -12i32..=14)
        .prop_map(|(secs, h)| FixedOffset::east_opt(h * 3600).unwrap().timestamp_opt(secs, 0).unwrap())
}

fn interaction() -> impl Strategy<Value = Interaction> {
    (
        when(),
        pick(Channel::ALL),
        (text(), text(), text(), text(), text(), text()),
        proptest::sample::subsequence(ProblemKind::ALL.to_vec(), 0..=3),
        money(),
        proptest::option::of(pick(LinkSender::ALL)),
        proptest::option::of(any::<bool>()),
    )
        .prop_map(
            |(
                occurred_at,
                channel,
                (agent, agent_id, ticket_no, question, answer, note),
                problems,
                loss,
                link_sender,
                before_purchase,
            )| {
                Interaction {
                    id: None,
                    occurred_at,
                    channel,
                    agent,
                    agent_id,
                    ticket_no,
                    question,
                    answer,
                    problems,
                    loss,
                    note,
                    link_sender,
                    before_purchase,
                }
            },
        )
}

fn case_data() -> impl Strategy<Value = CaseData> {
    (
        "[\u{4e00}-\u{9fa5}a-z]{1,30}",
        pick(Industry::ALL),
        pick(CaseStatus::ALL),
        (text(), proptest::option::of("1[0-9]{10}"), text()),
        (text(), text(), text(), text()),
        (
            text(),
            money(),
            proptest::option::of(
                (0u32..2500)
                    .prop_map(|d| NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(d.into())),
            ),
            any::<bool>(),
        ),
        proptest::collection::vec(interaction(), 0..5),
        proptest::collection::vec(
            (
                pick(DemandKind::ALL),
                money(),
                text(),
                proptest::option::of((0u32..2500, any::<bool>(), any::<bool>())),
            ),
            0..4,
        ),
        (
            proptest::option::of(pick(SupplyKind::ALL)),
            proptest::collection::vec(any::<bool>(), 6),
        ),
        proptest::sample::subsequence(
            vec![
                "evasion/xf17".to_owned(),
                "delay/cf8".to_owned(),
                "privacy/gb47".to_owned(),
            ],
            0..=3,
        ),
        proptest::collection::vec(
            (
                pick(EventKind::ALL),
                text(),
                proptest::option::of(pick(&["12315", "miit_telecom", "court"])),
            ),
            0..4,
        ),
    )
        .prop_map(
            |(
                title,
                industry,
                status,
                (name, phone, address),
                (rname, raddress, platform, shop),
                (item, amount, date, personal_use),
                interactions,
                demands,
                (supply, flags),
                excluded_bases,
                events,
            )| {
                let parallel_proceeding = flags[0].then_some(ParallelProceeding::Court);
                CaseData {
                    title,
                    industry,
                    status,
                    status_history: vec![StatusChange {
                        status,
                        date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                    }],
                    complainant: Complainant {
                        name,
                        phone,
                        address,
                        id_number: None,
                    },
                    respondent: Respondent {
                        name: rname,
                        credit_code: None,
                        address: raddress,
                        platform,
                        odr: shop.is_some(),
                        shop,
                        url: None,
                    },
                    purchase: Purchase {
                        item,
                        amount,
                        date,
                        order_no: None,
                        personal_use,
                    },
                    interactions,
                    demands: demands
                        .into_iter()
                        .map(|(kind, amount, text, dates)| Demand {
                            id: None,
                            made_on: dates.map(|(d, _, _)| {
                                NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(d.into())
                            }),
                            made_in: None,
                            due_by: dates.filter(|x| x.1).map(|(d, _, _)| {
                                NaiveDate::from_ymd_opt(2020, 1, 5).unwrap() + chrono::Duration::days(d.into())
                            }),
                            unperformed_confirmed_on: dates.filter(|x| x.2).map(|(d, _, _)| {
                                NaiveDate::from_ymd_opt(2020, 1, 9).unwrap() + chrono::Duration::days(d.into())
                            }),
                            kind,
                            amount,
                            text: if kind == DemandKind::Other {
                                Some(text.unwrap_or_else(|| "其他诉求".into()))
                                    .filter(|t| !t.is_empty())
                                    .or(Some("其他".into()))
                            } else {
                                text
                            },
                        })
                        .collect(),
                    parallel_proceeding,
                    facts: CaseFacts {
                        supply,
                        respondent_is_platform: Some(flags[1]).filter(|_| flags[2]),
                        quality_defect: flags[2],
                        food_unsafe: flags[3],
                        leak_suspected: flags[4],
                        deposit: flags[5],
                        marketing_contact: flags[0] && flags[5],
                        problem_noticed_on: flags[3].then(|| NaiveDate::from_ymd_opt(2020, 2, 1).unwrap()),
                        goods_received_on: flags[4].then(|| NaiveDate::from_ymd_opt(2020, 1, 3).unwrap()),
                        return_requested_on: (flags[4] && flags[5])
                            .then(|| NaiveDate::from_ymd_opt(2020, 1, 5).unwrap()),
                    },
                    included_bases: if flags[1] {
                        vec!["false-info/mfd148".into(), "delay/mfd584".into()]
                    } else {
                        Vec::new()
                    },
                    excluded_bases,
                    // A court-filed case is also one a volunteer files for, so agents round-trip too.
                    agent: flags[0].then(|| weiquan_core::model::Agent {
                        name: "李志愿".into(),
                        id_number: Some("110101199003071234".into()),
                        phone: None,
                        organisation: None,
                        powers: vec![weiquan_core::model::AgentPower::Complain],
                        term_from: None,
                        term_until: NaiveDate::from_ymd_opt(2026, 12, 31),
                    }),
                    events: events
                        .into_iter()
                        .enumerate()
                        .map(|(i, (kind, reference, channel))| CaseEvent {
                            kind,
                            date: NaiveDate::from_ymd_opt(2026, 2, 1).unwrap() + chrono::Duration::days(i as i64),
                            channel: channel.map(str::to_owned),
                            reference,
                            note: None,
                            evidence: None,
                        })
                        .collect(),
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_is_lossless(case in case_data()) {
        let text = exchange::to_string(&case, &[]).unwrap();
        let back = exchange::parse(&text).unwrap();
        prop_assert_eq!(&back.case, &case);

        let (_dir, path) = temp_db();
        let mut store = Store::open(&path).unwrap();
        let (id, _) = store.create_case(&back.case).unwrap();
        let stored = store.get_case(id).unwrap();
        prop_assert_eq!(&stored.data.without_ids(), &case);
        prop_assert_eq!(exchange::to_string(&stored.data, &[]).unwrap(), text);
    }
}
