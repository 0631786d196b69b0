#![allow(clippy::unwrap_used)]

mod common;

use chrono::{DateTime, NaiveDate};
use common::{sample_case, temp_db};
use weiquan_core::legal::precheck::{precheck, FindingCode};
use weiquan_core::legal::remedies::{compute, RemedyKind};
use weiquan_core::legal::{kb, suggest, Strength, SuggestedBasis, Verdict};
use weiquan_core::model::*;
use weiquan_core::store::Store;

const XF: &str = "消费者权益保护法";
const TL: &str = "消费者权益保护法实施条例";
const MFD: &str = "民法典";
const GB: &str = "个人信息保护法";
const EC: &str = "电子商务法";
const CF: &str = "侵害消费者权益行为处罚办法";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn case_with(industry: Industry, problems: &[ProblemKind], link: Option<LinkSender>) -> CaseData {
    let mut c = sample_case();
    c.industry = industry;
    c.interactions.truncate(1);
    c.interactions[0].problems = problems.to_vec();
    c.interactions[0].link_sender = link;
    c
}

fn key(b: &SuggestedBasis) -> (String, u32, Option<u32>, Option<u32>) {
    (b.law.clone(), b.article, b.paragraph, b.item)
}

fn has(
    bases: &[SuggestedBasis],
    law: &str,
    article: u32,
    paragraph: Option<u32>,
    item: Option<u32>,
    s: Strength,
) -> bool {
    bases
        .iter()
        .any(|b| key(b) == (law.to_owned(), article, paragraph, item) && b.strength == s)
}

fn cites(bases: &[SuggestedBasis], law: &str, article: u32) -> bool {
    bases.iter().any(|b| b.law == law && b.article == article)
}

#[test]
fn the_shipped_statutes_are_the_verified_set_byte_for_byte() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/legal/statutes.json");
    let embedded =
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/legal/statutes.json")).unwrap();
    // The verified set lives beside the checkout (../shared, as CI lays it out): without it this test cannot say
    // whether the app's copy drifted, so it fails rather than passing unchecked.
    let verified = std::fs::read(&shared).unwrap_or_else(|e| {
        panic!(
            "{} is needed to compare the app's statutes with the verified set: {e}",
            shared.display()
        )
    });
    assert!(
        verified == embedded,
        "crates/core/data/legal/statutes.json differs from shared/legal/statutes.json"
    );
    let json: serde_json::Value = serde_json::from_slice(&embedded).unwrap();
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let stored = store.law_articles().unwrap();
    let articles = json["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 167);
    assert_eq!(stored.len(), articles.len());
    for a in articles {
        let law = a["law_short"].as_str().unwrap();
        let n = a["article_no"].as_u64().unwrap() as u32;
        let db = store
            .law_article(law, n)
            .unwrap()
            .unwrap_or_else(|| panic!("{law} {n} not in the database"));
        assert_eq!(
            db.text,
            a["text"].as_str().unwrap(),
            "{law} {n}: the stored text must be the verified text"
        );
        assert_eq!(db.label, a["article_label"].as_str().unwrap());
        assert_eq!(kb().article(law, n).unwrap().text, db.text);
    }
}

#[test]
fn every_rule_cites_verbatim_text_that_exists() {
    assert!(kb().rules.len() > 60);
    for r in &kb().rules {
        let article = kb()
            .article(&r.cite.law, r.cite.article)
            .unwrap_or_else(|| panic!("{}", r.id));
        let text = kb().cited_text(&r.cite).unwrap();
        assert!(
            article.text.contains(&text),
            "{}: cited text is a verbatim part of the article",
            r.id
        );
        assert!(!r.why.is_empty() && !r.allows.is_empty(), "{}", r.id);
    }
    let c = weiquan_core::legal::Citation {
        law: XF.into(),
        article: 56,
        paragraph: Some(1),
        item: Some(8),
    };
    assert_eq!(
        kb().cited_text(&c).unwrap(),
        "（八）对消费者提出的修理、重作、更换、退货、补足商品数量、退还货款和服务费用或者赔偿损失的要求，故意拖延或者无理拒绝的；"
    );
    let c = weiquan_core::legal::Citation {
        law: XF.into(),
        article: 20,
        paragraph: Some(2),
        item: None,
    };
    assert_eq!(
        kb().cited_text(&c).unwrap(),
        "经营者对消费者就其提供的商品或者服务的质量和使用方法等问题提出的询问，应当作出真实、明确的答复。"
    );
    let c = weiquan_core::legal::Citation {
        law: XF.into(),
        article: 20,
        paragraph: Some(4),
        item: None,
    };
    assert!(
        kb().cited_text(&c).is_err(),
        "a paragraph that does not exist is an error, not an empty quote"
    );
}

#[test]
fn evasive_answers_get_the_answer_duty_and_complaint_handling() {
    for p in [ProblemKind::IrrelevantAnswer, ProblemKind::NoHumanAgent] {
        let b = suggest(&case_with(Industry::Ecommerce, &[p], None), today()).bases;
        assert!(has(&b, XF, 20, Some(2), None, Strength::Core), "{p}");
        assert!(has(&b, XF, 8, None, None, Strength::Core));
        assert!(has(&b, TL, 9, Some(1), None, Strength::Core));
        assert!(has(&b, TL, 44, Some(1), None, Strength::Core));
        assert!(has(&b, EC, 59, None, None, Strength::Core));
        assert!(has(&b, XF, 17, None, None, Strength::Supporting));
        assert!(
            !cites(&b, XF, 16),
            "消法第十六条 is the source article's misattribution"
        );
        assert_eq!(b[0].strength, Strength::Core, "core bases come first");
        let t = suggest(&case_with(Industry::Telecom, &[p], None), today()).bases;
        assert!(!cites(&t, EC, 59), "电子商务法 only for e-commerce");
    }
}

#[test]
fn false_information_and_concealment_get_fraud_bases() {
    for p in [ProblemKind::FalseInformation, ProblemKind::Concealment] {
        let mut c = case_with(Industry::Ecommerce, &[p], None);
        c.interactions[0].before_purchase = Some(true);
        let b = suggest(&c, today()).bases;
        assert!(has(&b, XF, 20, Some(1), None, Strength::Core), "{p}");
        assert!(has(&b, XF, 55, Some(1), None, Strength::Core));
        assert!(has(&b, TL, 49, Some(1), None, Strength::Core));
        assert!(has(&b, CF, 6, Some(1), Some(8), Strength::Core));
        assert_eq!(
            b.iter().find(|x| x.law == CF && x.article == 6).unwrap().label,
            "第六条第（八）项",
            "a single-paragraph article is cited without 第一款"
        );
        assert!(has(&b, CF, 16, Some(2), None, Strength::Core));
        assert!(has(&b, XF, 56, Some(1), Some(6), Strength::Core));
        assert!(has(&b, EC, 17, None, None, Strength::Core));
        assert!(has(&b, MFD, 170, None, None, Strength::Supporting));
        assert!(
            has(&b, MFD, 148, None, None, Strength::Supporting),
            "revocation: correct but limited"
        );
        assert!(!cites(&b, MFD, 119));
    }
}

#[test]
fn privacy_violations_get_the_data_protection_bases() {
    let b = suggest(
        &case_with(Industry::Ecommerce, &[ProblemKind::PrivacyViolation], None),
        today(),
    )
    .bases;
    assert!(has(&b, XF, 29, Some(2), None, Strength::Core));
    assert!(has(&b, XF, 50, None, None, Strength::Core));
    assert!(has(&b, GB, 69, Some(1), None, Strength::Core));
    for a in [10, 51, 57] {
        assert!(has(&b, GB, a, None, None, Strength::Core), "个人信息保护法 {a}");
    }
    assert!(has(&b, GB, 47, None, None, Strength::Supporting), "deletion right");
    assert!(!cites(&b, "互联网信息服务管理办法", 14));
}

#[test]
fn an_official_link_makes_the_company_liable_for_its_staff() {
    let c = case_with(
        Industry::Ecommerce,
        &[ProblemKind::InducedHarm],
        Some(LinkSender::Official),
    );
    let s = suggest(&c, today());
    assert!(has(&s.bases, MFD, 1165, Some(1), None, Strength::Core));
    assert!(has(&s.bases, MFD, 1191, Some(1), None, Strength::Core));
    assert!(
        has(&s.bases, MFD, 1184, None, None, Strength::Core),
        "property loss: 第一千一百八十四条"
    );
    assert!(
        !cites(&s.bases, MFD, 1182),
        "第一千一百八十二条 is loss from infringing personal rights"
    );
    assert!(has(&s.bases, XF, 7, None, None, Strength::Core));
    assert!(has(&s.bases, XF, 18, Some(1), None, Strength::Core));
    assert!(has(&s.bases, XF, 52, None, None, Strength::Core));
    assert!(!cites(&s.bases, MFD, 1198), "premises duty is not for official links");
    assert!(
        !s.advice.iter().any(|a| a.text.contains("110")),
        "no police advice for the company's own link"
    );
}

#[test]
fn an_impostor_link_sends_the_user_to_the_police_first() {
    for sender in [Some(LinkSender::Impostor), Some(LinkSender::Unknown), None] {
        let mut c = case_with(Industry::Ecommerce, &[ProblemKind::InducedHarm], sender);
        let s = suggest(&c, today());
        assert!(
            s.advice[0].text.contains("报警"),
            "{sender:?}: first advice is to call the police"
        );
        assert!(s.advice[0].text.contains("当地反诈专线，如96110"));
        assert!(
            !cites(&s.bases, MFD, 1191),
            "{sender:?}: no employer liability without an official link"
        );
        assert!(
            !s.bases
                .iter()
                .any(|b| b.interaction.is_some() && b.strength != Strength::Caution),
            "{sender:?}: without a suspected leak nothing is held against the operator"
        );
        c.facts.leak_suspected = true;
        let s = suggest(&c, today());
        assert!(
            has(&s.bases, XF, 29, Some(2), None, Strength::Core),
            "with a suspected leak, the data-leak bases apply"
        );
        assert!(cites(&s.bases, MFD, 1038));
        assert!(!cites(&s.bases, XF, 52) && !cites(&s.bases, MFD, 584));
        assert!(has(&s.bases, MFD, 1198, None, None, Strength::Caution));
    }
}

#[test]
fn delays_get_the_fifteen_day_rule() {
    let b = suggest(
        &case_with(Industry::Other, &[ProblemKind::DelayedHandling], None),
        today(),
    )
    .bases;
    assert!(has(&b, XF, 48, Some(1), Some(8), Strength::Core));
    assert!(has(&b, XF, 56, Some(1), Some(8), Strength::Core));
    assert!(has(&b, CF, 8, None, None, Strength::Core));
    assert!(has(&b, TL, 44, Some(1), None, Strength::Core));
    assert!(!cites(&b, CF, 9), "seven-day returns only for e-commerce");
    assert!(
        !cites(&b, GB, 50),
        "personal-data requests only when personal data is involved"
    );
}

#[test]
fn no_wrong_citation_appears_as_a_basis_in_any_combination() {
    let wrong: Vec<(String, u32)> = kb()
        .source_citations
        .iter()
        .filter(|s| !s.verdict.is_usable())
        .map(|s| (s.law.clone(), s.article))
        .collect();
    assert_eq!(wrong.len(), 4, "消法16, 消法112, 民法典119, 互联网信息服务管理办法14");
    for &industry in Industry::ALL {
        for sender in [
            None,
            Some(LinkSender::Official),
            Some(LinkSender::Impostor),
            Some(LinkSender::Unknown),
        ] {
            let mut c = case_with(industry, ProblemKind::ALL, sender);
            c.interactions[0].loss = Money::from_fen(100);
            let s = suggest(&c, today());
            for b in &s.bases {
                assert!(
                    !wrong.contains(&(b.law.clone(), b.article)),
                    "{} {} suggested",
                    b.law,
                    b.article
                );
                assert!(kb().article(&b.law, b.article).unwrap().text.contains(&b.text));
            }
        }
    }
}

#[test]
fn the_source_articles_citations_carry_verdicts_and_corrections() {
    let sc = &kb().source_citations;
    let find = |law: &str, a: u32| sc.iter().find(|s| s.law == law && s.article == a).unwrap();
    assert_eq!(find(XF, 16).verdict, Verdict::Misattributed);
    assert!(find(XF, 16)
        .corrections
        .iter()
        .any(|c| c.article == 20 && c.paragraph == Some(2)));
    assert_eq!(find(XF, 112).verdict, Verdict::Nonexistent);
    assert!(kb().article(XF, 112).is_none());
    assert_eq!(find(MFD, 119).verdict, Verdict::Misattributed);
    assert!(find(MFD, 119).corrections.iter().any(|c| c.article == 1165));
    assert_eq!(find("互联网信息服务管理办法", 14).verdict, Verdict::NotAConsumerRemedy);
    assert_eq!(find(MFD, 148).verdict, Verdict::Correct);
    assert_eq!(find(GB, 14).verdict, Verdict::Correct);
}

#[test]
fn a_law_not_yet_in_force_is_not_cited() {
    let mut c = case_with(Industry::Ecommerce, &[ProblemKind::IrrelevantAnswer], None);
    c.interactions[0].occurred_at = DateTime::parse_from_rfc3339("2023-05-01T10:00:00+08:00").unwrap();
    let s = suggest(&c, today());
    assert!(
        !s.bases.iter().any(|b| b.law == TL),
        "实施条例 took effect on 2024-07-01"
    );
    assert!(has(&s.bases, XF, 20, Some(2), None, Strength::Core));
    assert!(s.not_in_force.iter().any(|n| n.contains(TL)), "{:?}", s.not_in_force);
}

#[test]
fn the_regulation_is_now_verified_and_the_2026_rule_rests_on_one_copy() {
    let b = suggest(
        &case_with(Industry::Ecommerce, &[ProblemKind::IrrelevantAnswer], None),
        today(),
    )
    .bases;
    let tl = b.iter().find(|b| b.law == TL).unwrap();
    assert!(tl.text_verified, "实施条例 was checked against a second copy");
    assert!(tl.verification_note.is_none());
    let single: Vec<&str> = kb()
        .laws()
        .filter(|l| !l.text_verified)
        .map(|l| l.short.as_str())
        .collect();
    assert_eq!(
        single,
        ["市场监督管理投诉举报处理办法"],
        "every other law is checked in two copies"
    );
    let mut blank = sample_case();
    blank.complainant.phone = None;
    let after = precheck(&blank, NaiveDate::from_ymd_opt(2026, 5, 1).unwrap());
    let phone = after
        .iter()
        .find(|f| f.field.as_deref() == Some("complainant.phone"))
        .unwrap();
    let labels: Vec<&str> = phone.rules.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "《市场监督管理投诉举报处理办法》第十条第（一）项（据国家市场监督管理总局网站文本转录，未经第二份文本核对）",
            "《市场监督管理投诉举报处理办法》第十六条第（五）项"
        ]
    );
    assert_eq!(
        phone.rules[0].text.as_deref(),
        Some("（一）投诉人的姓名、电话号码、通讯地址等真实身份信息；")
    );
    assert!(!phone.rules[0].verified && phone.rules[1].verified);
}

#[test]
fn search_finds_chinese_phrases() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    let hits = store.search_law("明确的答复", 10).unwrap();
    assert!(hits.iter().any(|h| h.law == XF && h.article == 20), "{hits:?}");
    assert!(hits[0].snippet.contains("【明确的答复】"), "{}", hits[0].snippet);
    let hits = store.search_law("欺诈", 50).unwrap();
    assert!(
        hits.iter().any(|h| h.law == XF && h.article == 55),
        "two characters via LIKE"
    );
    assert!(store
        .search_law("个人信息泄露", 20)
        .unwrap()
        .iter()
        .any(|h| h.law == GB && h.article == 57));
    assert!(store.search_law("完全不存在的法律用语", 10).unwrap().is_empty());
    assert!(store.search_law("   ", 10).is_err());
    assert!(
        store.search_law("\"OR", 10).unwrap().is_empty(),
        "query syntax is literal"
    );
}

#[test]
fn remedies_show_their_working() {
    let mut c = sample_case();
    c.interactions[1].before_purchase = Some(true);
    let r = compute(&c, today());
    let refund = r.lines.iter().find(|l| l.kind == RemedyKind::RefundOfPrice).unwrap();
    assert_eq!(refund.amount.fen(), 129_900);
    assert_eq!(refund.demand, Some(0));
    let fraud = r.lines.iter().find(|l| l.kind == RemedyKind::FraudDamages).unwrap();
    assert_eq!(fraud.amount.fen(), 389_700);
    assert!(fraud.working.contains("1299.00 元 × 3 = 3897.00 元"));

    let mut cheap = c.clone();
    cheap.purchase.amount = Money::from_fen(9_900);
    cheap.interactions[0].loss = Money::from_fen(2_000);
    cheap.interactions[1].loss = Money::from_fen(500);
    let r = compute(&cheap, today());
    assert_eq!(
        r.lines
            .iter()
            .find(|l| l.kind == RemedyKind::FraudDamages)
            .unwrap()
            .amount
            .fen(),
        50_000
    );
    let losses = r.lines.iter().find(|l| l.kind == RemedyKind::Losses).unwrap();
    assert_eq!(losses.amount.fen(), 2_500);
    assert_eq!(losses.working, "第1次沟通 20.00 元 + 第2次沟通 5.00 元 = 25.00 元");

    let mut no_price = sample_case();
    no_price.purchase.amount = None;
    no_price.demands[0].amount = None;
    assert!(!compute(&no_price, today()).missing.is_empty());
}

#[test]
fn precheck_names_its_rule_and_what_to_fix() {
    let empty = CaseData {
        title: "t".into(),
        industry: Industry::Other,
        status: CaseStatus::Draft,
        status_history: vec![],
        complainant: Complainant::default(),
        respondent: Respondent::default(),
        purchase: Purchase::default(),
        interactions: vec![],
        demands: vec![],
        parallel_proceeding: None,
        facts: CaseFacts::default(),
        excluded_bases: vec![],
        included_bases: vec![],
        events: vec![],
        agent: None,
    };
    let before = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let f = precheck(&empty, before);
    let codes: Vec<_> = f.iter().map(|x| x.code).collect();
    for c in [
        FindingCode::MissingComplainantName,
        FindingCode::MissingComplainantPhone,
        FindingCode::MissingComplainantAddress,
        FindingCode::MissingRespondentName,
        FindingCode::MissingRespondentAddress,
        FindingCode::NoDemand,
        FindingCode::NoFacts,
    ] {
        assert!(codes.contains(&c), "{c:?} in {codes:?}");
    }
    let phone = f
        .iter()
        .find(|x| x.code == FindingCode::MissingComplainantPhone)
        .unwrap();
    assert_eq!(phone.field.as_deref(), Some("complainant.phone"));
    assert_eq!(
        phone.rules[0].label,
        "《市场监督管理投诉举报处理暂行办法》第九条第一款第（一）项"
    );
    assert_eq!(
        phone.rules[0].text.as_deref(),
        Some("（一）投诉人的姓名、电话号码、通讯地址；")
    );

    // From 2026-04-15 the interim rule is superseded: never cite its article numbers as current.
    let after = precheck(&empty, NaiveDate::from_ymd_opt(2026, 5, 1).unwrap());
    for x in &after {
        assert!(x.rules.iter().all(|r| !r.label.contains("暂行办法")), "{:?}", x.rules);
    }
    let phone = after
        .iter()
        .find(|x| x.code == FindingCode::MissingComplainantPhone)
        .unwrap();
    assert!(
        phone.rules[0]
            .label
            .contains("市场监督管理投诉举报处理办法》第十条第（一）项")
            && !phone.rules[0].verified
    );
    assert!(phone.rules[0].text.as_deref().unwrap().contains("真实身份信息"));
    assert_eq!(
        phone.rules[1].label,
        "《市场监督管理投诉举报处理办法》第十六条第（五）项"
    );

    assert!(
        precheck(&sample_case(), today())
            .iter()
            .all(|x| !x.blocking || x.code == FindingCode::MissingRespondentAddress),
        "the sample case is complete"
    );

    let mut old = sample_case();
    old.purchase.personal_use = false;
    old.parallel_proceeding = Some(ParallelProceeding::Court);
    let f = precheck(&old, NaiveDate::from_ymd_opt(2029, 9, 6).unwrap());
    let codes: Vec<_> = f.iter().map(|x| x.code).collect();
    assert!(codes.contains(&FindingCode::OverThreeYears), "{codes:?}");
    assert!(codes.contains(&FindingCode::NotPersonalUse));
    assert!(codes.contains(&FindingCode::ParallelProceeding));
    let three = f.iter().find(|x| x.code == FindingCode::OverThreeYears).unwrap();
    assert!(three.rules.iter().any(|r| r.label == "《民法典》第一百八十八条第一款"));
    assert_eq!(three.known_on, NaiveDate::from_ymd_opt(2026, 9, 5));
    assert_eq!(three.limit_on, NaiveDate::from_ymd_opt(2029, 9, 5));
    let near = precheck(&sample_case(), NaiveDate::from_ymd_opt(2029, 8, 1).unwrap());
    assert!(near
        .iter()
        .any(|x| x.code == FindingCode::NearThreeYears && !x.blocking));
}
