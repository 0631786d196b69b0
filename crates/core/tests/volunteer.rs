//! The volunteer's side: a caseload with filters and the next deadline, the library's own workspace per case that
//! stays out of every output unless asked, the money recovered in the figures, filing through an agent (授权委托书,
//! pre-check by the rule in force), and the 公开版 with nothing personal left in it. Real libraries in temp dirs,
//! real PDFs read back with poppler.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, NaiveDate};
use common::{png, sample_case, temp_db};
use weiquan_core::calendar::Calendar;
use weiquan_core::dossier::public::{self, Honorific, PublicOptions};
use weiquan_core::dossier::{self, authorisation};
use weiquan_core::legal::precheck::{precheck, FindingCode};
use weiquan_core::model::{Agent, AgentPower, CaseData, CaseId, CaseStatus, Industry, Money, ProblemKind};
use weiquan_core::store::{CaseloadFilter, CaseloadSort, EvidenceMeta, SameCaseChoice, Store, Workspace};
use weiquan_core::Error;

fn pdftotext(pdf: &Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Lines broken by the layout are joined, so a value split across two lines is still found.
    String::from_utf8(out.stdout).unwrap().replace(['\n', ' '], "")
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn agent() -> Agent {
    Agent {
        name: "李志愿".into(),
        id_number: Some("110101199003071234".into()),
        phone: Some("13900001111".into()),
        organisation: Some("某某消费者法律援助站".into()),
        powers: vec![AgentPower::Complain, AgentPower::Mediate],
        term_from: Some(day("2026-03-01")),
        term_until: Some(day("2026-12-31")),
    }
}

fn with(f: impl FnOnce(&mut CaseData)) -> CaseData {
    let mut c = sample_case();
    f(&mut c);
    c
}

#[test]
fn the_caseload_filters_in_sql_and_sorts_by_the_next_deadline() {
    let (_dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let today = day("2026-10-20");
    let cal = Calendar::built_in();
    // A: the sample (e-commerce, draft, with an evasive answer); B: telecom, filed; C: closed; D: a promise due soon.
    let a = store.create_case(&sample_case()).unwrap().0;
    let b = store
        .create_case(&with(|c| {
            c.title = "宽带".into();
            c.industry = Industry::Telecom;
            c.interactions
                .retain(|i| !i.problems.contains(&ProblemKind::IrrelevantAnswer));
            for i in &mut c.interactions {
                i.problems = vec![ProblemKind::DelayedHandling];
            }
        }))
        .unwrap()
        .0;
    let closed = store
        .create_case(&with(|c| {
            c.title = "已结案".into();
            c.status = CaseStatus::Closed;
        }))
        .unwrap()
        .0;
    let soon = store
        .create_case(&with(|c| {
            c.title = "承诺将到期".into();
            c.demands[0].due_by = Some(day("2026-10-23"));
            c.demands[0].unperformed_confirmed_on = None;
        }))
        .unwrap()
        .0;
    store
        .set_workspace(
            a,
            Workspace {
                tags: vec!["急".into(), " 电商 ".into(), "急".into()],
                handled_by: Some("李志愿".into()),
                ..Workspace::default()
            },
        )
        .unwrap();
    store
        .set_workspace(
            b,
            Workspace {
                tags: vec!["电信".into()],
                handled_by: Some("张律师".into()),
                ..Workspace::default()
            },
        )
        .unwrap();

    let ids = |f: CaseloadFilter| -> Vec<CaseId> {
        store
            .caseload(&f, &cal, today)
            .unwrap()
            .rows
            .into_iter()
            .map(|r| r.case.id)
            .collect()
    };
    let mut all = ids(CaseloadFilter::default());
    all.sort();
    assert_eq!(all, [a, b, closed, soon]);
    assert_eq!(
        ids(CaseloadFilter {
            industry: Some(Industry::Telecom),
            ..Default::default()
        }),
        [b]
    );
    assert_eq!(
        ids(CaseloadFilter {
            status: Some(CaseStatus::Closed),
            ..Default::default()
        }),
        [closed]
    );
    let mut irrelevant = ids(CaseloadFilter {
        problem: Some(ProblemKind::IrrelevantAnswer),
        ..Default::default()
    });
    irrelevant.sort();
    assert_eq!(irrelevant, [a, closed, soon], "B has no irrelevant answer");
    assert_eq!(
        ids(CaseloadFilter {
            tag: Some("电商".into()),
            ..Default::default()
        }),
        [a],
        "tags are trimmed when stored"
    );
    assert_eq!(
        ids(CaseloadFilter {
            handled_by: Some("张律师".into()),
            ..Default::default()
        }),
        [b]
    );
    assert_eq!(
        ids(CaseloadFilter {
            tag: Some("电商".into()),
            handled_by: Some("张律师".into()),
            ..Default::default()
        }),
        Vec::<CaseId>::new(),
        "every filter must hold"
    );
    // The promise due on 10-23 is the only deadline within a week; by deadline it comes first, the closed case last.
    assert_eq!(
        ids(CaseloadFilter {
            due_within_days: Some(7),
            ..Default::default()
        }),
        [soon]
    );
    let by_deadline = store
        .caseload(
            &CaseloadFilter {
                sort: CaseloadSort::NextDeadline,
                ..Default::default()
            },
            &cal,
            today,
        )
        .unwrap();
    assert_eq!(by_deadline.rows[0].case.id, soon);
    assert_eq!(by_deadline.rows[0].next.as_ref().unwrap().due, day("2026-10-23"));
    assert_eq!(by_deadline.rows.last().unwrap().case.id, closed);
    assert!(by_deadline.rows.last().unwrap().next.is_none());
    assert_eq!(by_deadline.all_tags, ["急", "电信", "电商"]);
    assert_eq!(by_deadline.all_handlers, ["张律师", "李志愿"]);
    let row_a = by_deadline.rows.iter().find(|r| r.case.id == a).unwrap();
    assert_eq!(row_a.tags, ["急", "电商"], "sorted, each once");
}

#[test]
fn a_bad_workspace_is_refused_by_field_and_changes_nothing() {
    let (_dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let id = store.create_case(&sample_case()).unwrap().0;
    let good = Workspace {
        tags: vec!["急".into()],
        handled_by: Some("李志愿".into()),
        private_notes: Some("她晚上方便接电话".into()),
        recovered: Money::from_fen(12_050),
    };
    store.set_workspace(id, good.clone()).unwrap();
    for (bad, field) in [
        (
            Workspace {
                tags: vec!["这个标签实在是太长了超过了二十个字符的上限啊".into()],
                ..good.clone()
            },
            "tags[0]",
        ),
        (
            Workspace {
                tags: vec!["a,b".into()],
                ..good.clone()
            },
            "tags[0]",
        ),
        (
            Workspace {
                tags: (0..21).map(|i| format!("t{i}")).collect(),
                ..good.clone()
            },
            "tags",
        ),
        (
            Workspace {
                handled_by: Some("李\u{202e}志愿".into()),
                ..good.clone()
            },
            "handled_by",
        ),
    ] {
        match store.set_workspace(id, bad) {
            Err(Error::Invalid(p)) => assert_eq!(p[0].path, field),
            other => panic!("{field}: {other:?}"),
        }
        assert_eq!(store.workspace(id).unwrap(), good, "{field}: nothing written");
    }
    assert!(matches!(
        store.set_workspace(CaseId(999), good),
        Err(Error::CaseNotFound(_))
    ));
}

#[test]
fn private_notes_stay_out_of_the_dossier_the_12315_text_and_a_bundle_unless_asked() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let id = store.create_case(&sample_case()).unwrap().0;
    let secret = "只给志愿者看的备注内容";
    store
        .set_workspace(
            id,
            Workspace {
                private_notes: Some(secret.into()),
                ..Workspace::default()
            },
        )
        .unwrap();
    let at = DateTime::parse_from_rfc3339("2026-09-20T10:00:00+08:00").unwrap();
    let pdf = dir.path().join("d.pdf");
    dossier::write(&mut store, id, at, &pdf).unwrap();
    assert!(!pdftotext(&pdf).contains(secret));
    let case = store.get_case(id).unwrap();
    let text: String = dossier::filing_text(&case.data, &BTreeMap::new(), at.date_naive())
        .into_iter()
        .map(|b| b.text)
        .collect();
    assert!(!text.contains(secret));

    let plain = dir.path().join("plain.wqcase");
    store.write_bundle(id, &plain, false).unwrap();
    let bytes = std::fs::read(&plain).unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains(secret), "not in the bundle");
    let with = dir.path().join("with.wqcase");
    store.write_bundle(id, &with, true).unwrap();

    // The volunteer's library: the notes come with the bundle only when the sender included them.
    let other_db = dir.path().join("volunteer").join("weiquan.db");
    let mut volunteer = Store::open(&other_db).unwrap();
    let first = volunteer.open_bundle(&plain, SameCaseChoice::Ask).unwrap().case;
    assert_eq!(volunteer.workspace(first).unwrap().private_notes, None);
    let second = volunteer.open_bundle(&with, SameCaseChoice::KeepBoth).unwrap().case;
    assert_eq!(
        volunteer.workspace(second).unwrap().private_notes.as_deref(),
        Some(secret)
    );
    // Updating a case with notes of its own keeps them and adds the received ones below.
    volunteer
        .set_workspace(
            first,
            Workspace {
                private_notes: Some("志愿者自己的记录".into()),
                ..Workspace::default()
            },
        )
        .unwrap();
    volunteer.open_bundle(&with, SameCaseChoice::Update(first)).unwrap();
    let notes = volunteer.workspace(first).unwrap().private_notes.unwrap();
    assert!(
        notes.starts_with("志愿者自己的记录") && notes.ends_with(secret),
        "{notes}"
    );
}

#[test]
fn the_figures_add_up_the_money_recovered() {
    let (_dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let mut total = 0;
    for (i, fen) in [Some(129_900), None, Some(5_050), Some(0)].into_iter().enumerate() {
        let id = store.create_case(&with(|c| c.title = format!("案件{i}"))).unwrap().0;
        store
            .set_workspace(
                id,
                Workspace {
                    recovered: fen.and_then(Money::from_fen),
                    ..Workspace::default()
                },
            )
            .unwrap();
        total += fen.unwrap_or(0);
    }
    let s = store.stats().unwrap();
    assert_eq!(
        s.recovered_cases, 3,
        "a case with 0.00 recovered counts; one without an amount does not"
    );
    assert_eq!(s.recovered_total.fen(), total);
    let csv = String::from_utf8(weiquan_core::store::stats_csv(&s).unwrap()).unwrap();
    assert!(csv.contains("recovered,3,1349.50"), "{csv}");
}

#[test]
fn an_agent_is_stored_checked_and_asked_for_by_the_rule_in_force() {
    let (_dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let id = store.create_case(&sample_case()).unwrap().0;
    store.set_agent(id, Some(agent())).unwrap();
    assert_eq!(store.get_case(id).unwrap().data.agent, Some(agent()));
    // A term that ends before it starts is refused, and nothing changes.
    let mut wrong = agent();
    wrong.term_until = Some(day("2026-01-01"));
    match store.set_agent(id, Some(wrong)) {
        Err(Error::Invalid(p)) => assert_eq!(p[0].path, "agent.term_until"),
        other => panic!("{other:?}"),
    }
    assert_eq!(store.get_case(id).unwrap().data.agent, Some(agent()));

    let case = store.get_case(id).unwrap().data;
    // Filed before 2026-04-15: 暂行办法第十条, verbatim.
    let old = precheck(&case, day("2026-04-01"));
    let materials = old.iter().find(|f| f.code == FindingCode::AgentMaterials).unwrap();
    assert!(!materials.blocking);
    assert!(materials.rules[0].label.contains("第十条"), "{:?}", materials.rules);
    assert!(materials.rules[0]
        .text
        .as_deref()
        .unwrap()
        .contains("授权委托书原件以及受托人身份证明"));
    // After: 办法第十一条 (by article, never by paragraph), verbatim, marked as resting on one copy; and missing
    // materials are a refusal ground, 第十六条第（五）项 (confirmed by a second copy: no mark).
    let new = precheck(&case, day("2026-06-01"));
    let materials = new.iter().find(|f| f.code == FindingCode::AgentMaterials).unwrap();
    assert_eq!(
        materials.rules[0].label,
        "《市场监督管理投诉举报处理办法》第十一条（据国家市场监督管理总局网站文本转录，未经第二份文本核对）"
    );
    assert!(!materials.rules[0].verified);
    assert!(materials.rules[0]
        .text
        .as_deref()
        .unwrap()
        .contains("载明委托事项、权限和期限，由委托人签名"));
    assert_eq!(
        materials.rules[1].label,
        "《市场监督管理投诉举报处理办法》第十六条第（五）项"
    );
    assert_eq!(
        materials.rules[1].text.as_deref(),
        Some("（五）未提供本办法第十条第一款、第十一条规定的材料，或者提供虚假材料的；")
    );
    assert!(materials.rules[1].verified, "第十六条 matches a second copy");
    // Outside the term, without the agent's ID, without the power to complain: each blocks.
    assert!(precheck(&case, day("2027-01-05"))
        .iter()
        .any(|f| f.code == FindingCode::AgentOutsideTerm && f.blocking));
    let mut no_id = case.clone();
    no_id.agent.as_mut().unwrap().id_number = None;
    no_id.agent.as_mut().unwrap().powers = vec![AgentPower::ReceiveDocuments];
    let found = precheck(&no_id, day("2026-06-01"));
    for code in [FindingCode::AgentIdMissing, FindingCode::AgentCannotComplain] {
        assert!(found.iter().any(|f| f.code == code && f.blocking), "{code:?}");
    }
    // Without an agent: none of these.
    assert!(!precheck(&sample_case(), day("2026-06-01"))
        .iter()
        .any(|f| matches!(f.code, FindingCode::AgentMaterials | FindingCode::AgentIdMissing)));
    // The 12315 text names the agent and the materials that go with the filing.
    let text: String = dossier::filing_text(&case, &BTreeMap::new(), day("2026-06-01"))
        .into_iter()
        .map(|b| b.text)
        .collect();
    assert!(text.contains("委托代理人：李志愿"), "{text}");
    assert!(text.contains("受投诉人委托，委托权限为代为投诉、参加调解。"), "{text}");
    assert!(
        !text.contains("随投诉提交"),
        "the text does not claim what was attached"
    );
    // The exchange document carries the agent, and a document without one still reads.
    let doc = weiquan_core::exchange::to_string(&case.without_ids(), &[]).unwrap();
    assert_eq!(weiquan_core::exchange::parse(&doc).unwrap().case.agent, Some(agent()));
}

#[test]
fn the_power_of_attorney_states_matter_powers_term_and_signatures() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let id = store.create_case(&sample_case()).unwrap().0;
    let at = DateTime::parse_from_rfc3339("2026-09-20T10:00:00+08:00").unwrap();
    let out = dir.path().join("poa.pdf");
    match authorisation::write(&mut store, id, at, &out) {
        Err(Error::Invalid(p)) => assert_eq!(p[0].path, "agent"),
        other => panic!("no agent, no power of attorney: {other:?}"),
    }
    assert!(!out.exists());
    let mut a = agent();
    a.term_from = None;
    store.set_agent(id, Some(a)).unwrap();
    authorisation::write(&mut store, id, at, &out).unwrap();
    let text = pdftotext(&out);
    let case = sample_case();
    for want in [
        "授权委托书",
        "委托人：",
        case.complainant.name.as_deref().unwrap(),
        "受托人：李志愿",
        "110101199003071234",
        "某某消费者法律援助站",
        "一、委托事项",
        case.respondent.name.as_deref().unwrap(),
        "二、委托权限",
        "1.代为投诉；2.参加调解。",
        "三、委托期限",
        // The start was not recorded: a blank to fill in by hand, never a guessed date.
        "自______年____月____日起至2026年12月31日止",
        "委托人（签名）",
        "受托人（签名）",
        "市场监督管理投诉举报处理办法",
    ] {
        assert!(text.contains(&want.replace(' ', "")), "missing {want:?} in {text}");
    }
    assert!(!text.contains("签收文书"), "a power not given is not printed");
    // The rule named follows the date: 暂行办法第十条 up to 2026-04-14, the new 办法 after (above), none before 2020.
    for (when, want, not) in [
        (
            "2026-03-01T10:00:00+08:00",
            Some("暂行办法》第十条"),
            "处理办法》第十一条",
        ),
        ("2019-06-01T10:00:00+08:00", None, "办法"),
    ] {
        let at = DateTime::parse_from_rfc3339(when).unwrap();
        let out = dir.path().join(format!("poa-{}.pdf", &when[..4]));
        authorisation::write(&mut store, id, at, &out).unwrap();
        let text = pdftotext(&out);
        if let Some(w) = want {
            assert!(text.contains(w), "{when}: {text}");
        }
        assert!(!text.contains(not), "{when}: {text}");
    }
    let pages = std::process::Command::new("pdfinfo").arg(&out).output().unwrap();
    assert!(String::from_utf8_lossy(&pages.stdout).contains("Pages:           1"));
}

#[test]
fn the_public_version_leaves_nothing_personal_and_shows_every_mask() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let mut case = sample_case();
    case.complainant.id_number = Some("310101198805051236".into());
    case.complainant.phone = Some("13800138000".into());
    case.purchase.order_no = Some("DD20260901123456".into());
    case.agent = Some(agent());
    // Her number typed into a note and a stranger's ID number in an answer are found in the free text too.
    case.interactions[0].note = Some("客服让我加微信，我留了电话13812345678".into());
    case.interactions[0].answer = Some("请提供身份证11010519491231002X核实".into());
    let id = store.create_case(&case).unwrap().0;
    let shot = dir.path().join("截图.png");
    std::fs::write(&shot, png(40, 30)).unwrap();
    store.import_evidence(id, &shot, &EvidenceMeta::default()).unwrap();

    let options = PublicOptions {
        honorific: Honorific::Ms,
        unmask: Vec::new(),
        extra: vec!["小美".into()],
    };
    let preview = public::preview(&store, id, &options, day("2026-09-20")).unwrap();
    let name = case.complainant.name.clone().unwrap();
    let surname: String = name.chars().take(1).collect();
    let key = |k: &str| preview.masks.iter().find(|m| m.key == k).unwrap();
    assert_eq!(key("name").masked, format!("{surname}女士"));
    assert_eq!(key("order_no").masked, "＊＊＊＊＊＊＊＊3456");
    assert!(preview.masks.iter().any(|m| m.original == "13812345678"));
    assert!(preview.masks.iter().any(|m| m.original == "11010519491231002X"));
    assert_eq!(preview.images_left_out, 1);
    assert!(!preview.text.contains("小美"), "her own mask applies");

    let at = DateTime::parse_from_rfc3339("2026-09-20T10:00:00+08:00").unwrap();
    let pdf = dir.path().join("public.pdf");
    let txt = dir.path().join("public.txt");
    public::write(&mut store, id, &options, at, &pdf, Some(&txt)).unwrap();
    let text = pdftotext(&pdf);
    let plain = std::fs::read_to_string(&txt).unwrap();
    let address = case.complainant.address.clone().unwrap().replace(' ', "");
    for (what, secret) in [
        ("name", name.as_str()),
        ("ID number", "310101198805051236"),
        ("phone", "13800138000"),
        ("address", address.as_str()),
        ("order number", "DD20260901123456"),
        ("agent's name", "李志愿"),
        ("agent's ID", "110101199003071234"),
        ("agent's phone", "13900001111"),
        ("number in a note", "13812345678"),
        ("ID in an answer", "11010519491231002X"),
    ] {
        assert!(!text.contains(secret), "{what} left in the public PDF");
        assert!(!plain.contains(secret), "{what} left in the public text");
    }
    assert!(text.contains("公开版") && text.contains(&format!("{surname}女士")));
    assert!(text.contains("3456"), "the order number's last four stay");
    let images = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(&pdf)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&images.stdout).lines().count(),
        2,
        "no image in the public version (only pdfimages' header)"
    );
    let info = std::process::Command::new("pdfinfo").arg(&pdf).output().unwrap();
    assert!(
        !String::from_utf8_lossy(&info.stdout).contains(&name),
        "nor in the PDF's author"
    );

    // She may leave one unmasked: her phone then stays, everything else is still masked.
    let unmasked = PublicOptions {
        unmask: vec!["phone".into()],
        ..options
    };
    let pdf2 = dir.path().join("public2.pdf");
    public::write(&mut store, id, &unmasked, at, &pdf2, None).unwrap();
    let text2 = pdftotext(&pdf2);
    assert!(text2.contains("13800138000"));
    assert!(!text2.contains("310101198805051236"));

    // Her own masks are bounded: too many or too long is refused, by field, before anything is read or written.
    let many = PublicOptions {
        extra: (0..51).map(|i| format!("词{i}")).collect(),
        ..PublicOptions::default()
    };
    match public::preview(&store, id, &many, day("2026-09-20")) {
        Err(Error::Invalid(p)) => assert_eq!(p[0].path, "extra"),
        other => panic!("{other:?}"),
    }
    let long = PublicOptions {
        extra: vec!["长".repeat(201)],
        ..PublicOptions::default()
    };
    let pdf3 = dir.path().join("public3.pdf");
    match public::write(&mut store, id, &long, at, &pdf3, None) {
        Err(Error::Invalid(p)) => assert_eq!(p[0].path, "extra[0]"),
        other => panic!("{other:?}"),
    }
    assert!(!pdf3.exists());
}
