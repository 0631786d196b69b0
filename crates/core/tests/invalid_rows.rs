//! A library whose rows were written by someone else (sqlite3 by hand, another program, a restored backup from an
//! older or foreign build): every value the core reads is checked before it is used. This walks each read path
//! of the core — open, list, show, search, legal review, clocks, the dossier, the 12315 text, the package, the
//! evidence list and thumbnails, vault and audit checks, export and backup — over a library with one invalid row
//! at a time, and fails on any panic. An error naming the bad row is the right answer; so is reading past it.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use common::{png, sample_case, temp_db};
use weiquan_core::calendar::Calendar;
use weiquan_core::model::CaseId;
use weiquan_core::store::{EvidenceMeta, Store};

/// One invalid row each: values outside every closed set, dates that are not dates, numbers past any range,
/// hashes that are not hashes, links that point nowhere, positions out of order. CHECK constraints are switched
/// off while they are written, as a hand edit can do.
const CORRUPTIONS: &[(&str, &str)] = &[
    ("unknown industry", "UPDATE cases SET industry = 'spaceflight'"),
    ("unknown status", "UPDATE cases SET status = 'won'"),
    ("title blank", "UPDATE cases SET title = ''"),
    ("purchase date not a date", "UPDATE cases SET purchase_date = '2026-02-30'"),
    ("purchase date garbage", "UPDATE cases SET purchase_date = '明天'"),
    ("negative amount", "UPDATE cases SET purchase_amount_fen = -5"),
    ("huge amount", "UPDATE cases SET purchase_amount_fen = 9223372036854775807"),
    ("amount as text", "UPDATE cases SET purchase_amount_fen = 'lots'"),
    ("fact flag 7", "UPDATE cases SET fact_platform = 7, fact_quality_defect = 9"),
    ("unknown supply", "UPDATE cases SET fact_supply = 'both'"),
    ("unknown proceeding", "UPDATE cases SET parallel_proceeding = 'duel'"),
    ("created_at garbage", "UPDATE cases SET created_at = 'yesterday', updated_at = ''"),
    ("interaction time garbage", "UPDATE interactions SET occurred_at = 'not a time'"),
    ("interaction time far future", "UPDATE interactions SET occurred_at = '9999-12-31T23:59:59+08:00', occurred_at_utc = 253402271999"),
    ("interaction time far past", "UPDATE interactions SET occurred_at = '0001-01-01T00:00:00+08:00', occurred_at_utc = -62135596800"),
    ("unknown channel", "UPDATE interactions SET channel = 'telepathy'"),
    ("negative loss", "UPDATE interactions SET loss_fen = -1"),
    ("huge loss", "UPDATE interactions SET loss_fen = 9223372036854775807"),
    ("unknown link sender", "UPDATE interactions SET link_sender = 'ghost'"),
    ("before_purchase 2", "UPDATE interactions SET before_purchase = 2"),
    ("positions out of order", "UPDATE interactions SET position = 1000 - position"),
    ("negative positions", "UPDATE interactions SET position = -position - 1"),
    ("unknown problem kind", "UPDATE interaction_problems SET kind = 'rudeness' WHERE rowid = (SELECT min(rowid) FROM interaction_problems)"),
    ("problem for a missing interaction", "UPDATE interaction_problems SET interaction_id = 999999 WHERE rowid = (SELECT min(rowid) FROM interaction_problems)"),
    ("unknown demand kind", "UPDATE demands SET kind = 'revenge'"),
    ("demand dates garbage", "UPDATE demands SET made_on = 'x', due_by = '2026-13-01', unperformed_confirmed_on = ''"),
    ("demand made in a missing interaction", "UPDATE demands SET made_in = '99999'"),
    ("demand amount huge", "UPDATE demands SET amount_fen = 9223372036854775807"),
    ("status history garbage", "INSERT INTO case_status_history (case_id, position, status, date) SELECT id, 99, 'limbo', 'never' FROM cases"),
    ("event kind unknown", "INSERT INTO case_events (case_id, position, kind, date) SELECT id, 0, 'lawsuit', '2026-10-01' FROM cases"),
    ("event date garbage", "INSERT INTO case_events (case_id, position, kind, date, channel) SELECT id, 0, 'filed', '昨天', '12315' FROM cases"),
    ("event evidence hash path", "INSERT INTO case_events (case_id, position, kind, date, evidence_sha256) SELECT id, 0, 'filed', '2026-10-01', '../../../../../../../../../../../../../../../../../../etc/passwd' FROM cases"),
    ("excluded basis unknown", "INSERT INTO case_excluded_bases (case_id, position, rule_id) SELECT id, 0, 'no-such-rule' FROM cases"),
    ("evidence hash a path", "UPDATE evidence_objects SET sha256 = '../../../../../../../../../../../../../../../../../../../etc/passwd'; UPDATE evidence_items SET sha256 = '../../../../../../../../../../../../../../../../../../../etc/passwd'"),
    ("evidence hash multibyte", "UPDATE evidence_objects SET sha256 = '证据证据证据证据证据证据证据证据证据证据证据证据证据证据证据证据证据证据证据证据证据a'; UPDATE evidence_items SET sha256 = (SELECT sha256 FROM evidence_objects)"),
    ("evidence size negative", "UPDATE evidence_objects SET size = -1"),
    ("evidence size huge", "UPDATE evidence_objects SET size = 9223372036854775807"),
    ("evidence type odd", "UPDATE evidence_objects SET content_type = 'image/../../x'"),
    ("evidence name a path", "UPDATE evidence_items SET original_name = '../../.ssh/id_rsa'"),
    ("evidence name empty", "UPDATE evidence_items SET original_name = ''"),
    ("evidence imported_at garbage", "UPDATE evidence_items SET imported_at = 'soon'"),
    ("evidence reported_at garbage", "UPDATE evidence_objects SET reported_at = '2026-99-99', reported_by = 'exif'"),
    ("evidence link to a missing interaction", "UPDATE evidence_links SET interaction_id = 424242"),
    ("evidence row without object", "DELETE FROM evidence_objects"),
    ("audit row garbage", "UPDATE audit_log SET hash = 'zz', prev_hash = '证', at = ''"),
    ("audit seq negative", "UPDATE audit_log SET seq = -seq"),
    ("law article text empty", "UPDATE law_articles SET text = '' WHERE rowid IN (SELECT rowid FROM law_articles LIMIT 20)"),
    ("law article number 0", "UPDATE law_articles SET number = 0 WHERE rowid = (SELECT min(rowid) FROM law_articles)"),
    ("laws removed", "DELETE FROM law_articles"),
    ("legal meta garbage", "UPDATE legal_meta SET value = '{not json'"),
    ("draft garbage", "INSERT OR REPLACE INTO drafts (key, body, updated_at) VALUES ('case:1', char(1) || '{not json', 'x')"),
    ("case uid a path", "UPDATE cases SET uid = '../../../../etc/passwd'"),
    ("case uid multibyte", "UPDATE cases SET uid = '卷宗卷宗卷宗卷宗卷宗卷宗x'"),
    ("case uid missing", "UPDATE cases SET uid = NULL"),
    ("fact dates garbage", "UPDATE cases SET fact_problem_noticed_on = '上周', fact_goods_received_on = '2026-02-30', fact_return_requested_on = ''"),
    ("demand id negative", "UPDATE demands SET id = -id"),
    ("police report without a date", "INSERT INTO case_events (case_id, position, kind, date) SELECT id, 7, 'police_report', '' FROM cases"),
    ("limits garbage", "INSERT OR REPLACE INTO preferences (key, value) VALUES ('filing_text_limits', '{\"content\": -1, \"report\": \"lots\"')"),
    ("import warning huge", "INSERT INTO import_warnings (case_id, position, path, reason) SELECT id, 0, '', replace(hex(zeroblob(100000)), '0', '证') FROM cases"),
    ("high water garbage", "UPDATE id_high_water SET last = -5"),
    ("agent power flag 7", "INSERT INTO case_agents (case_id, name, may_complain, may_mediate, may_receive, term_from, term_until) SELECT id, '李', 7, -1, 2, '下月', '2026-02-30' FROM cases"),
    ("agent name empty and dates reversed", "INSERT INTO case_agents (case_id, name, may_complain, may_mediate, may_receive, term_from, term_until) SELECT id, '', 1, 0, 0, '2026-12-01', '2026-01-01' FROM cases"),
    ("agent for a missing case", "INSERT INTO case_agents (case_id, name, may_complain, may_mediate, may_receive) VALUES (4242, 'x', 1, 1, 1)"),
    ("recovered negative", "INSERT INTO case_workspace (case_id, recovered_fen) SELECT id, -100 FROM cases"),
    ("recovered huge", "INSERT INTO case_workspace (case_id, recovered_fen) SELECT id, 9223372036854775807 FROM cases"),
    ("recovered as text", "INSERT INTO case_workspace (case_id, handled_by, private_notes, recovered_fen) SELECT id, char(27) || ']0;x', replace(hex(zeroblob(50000)), '0', '注'), 'lots' FROM cases"),
    ("tag huge and controls", "INSERT INTO case_tags (case_id, tag) SELECT id, char(7) || replace(hex(zeroblob(10000)), '0', '签') FROM cases"),
    ("tag for a missing case", "INSERT INTO case_tags (case_id, tag) VALUES (4242, '孤儿')"),
    ("reading state unknown", "UPDATE evidence_text SET state = 'halfway'"),
    ("read turns not JSON", "UPDATE evidence_text SET state = 'done', turns = '{not json'"),
    ("read turns of the wrong shape", "UPDATE evidence_text SET state = 'done', turns = '[{\"speaker\":\"ghost\",\"text\":1,\"rect\":\"x\"}]'"),
    ("read turns huge", "UPDATE evidence_text SET state = 'done', confirmed = 7, turns = '[' || replace(hex(zeroblob(20000)), '00', '{\"speaker\":\"me\",\"text\":\"字\",\"time\":null,\"time_basis\":null,\"confidence\":2,\"low_confidence\":[99],\"rect\":[0,0,0,0]},') || '{\"speaker\":\"me\",\"text\":\"\",\"time\":\"明天\",\"time_basis\":null,\"confidence\":0,\"low_confidence\":[],\"rect\":[1,1,1,1]}]'"),
    ("reading for a missing item", "INSERT INTO evidence_text (item_id, state) VALUES (4242, 'pending')"),
    ("screenshot search text huge", "INSERT INTO evidence_search (rowid, text) SELECT id, replace(hex(zeroblob(100000)), '0', '图') FROM evidence_items"),
];

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Every read path of the core, each on its own so that one error does not hide a later panic.
fn walk(db: &Path, scratch: &Path) -> Vec<String> {
    let mut panics = Vec::new();
    let mut step = |name: &str, f: &mut dyn FnMut()| {
        if catch_unwind(AssertUnwindSafe(f)).is_err() {
            panics.push(name.to_owned());
        }
    };
    let mut store = match catch_unwind(|| Store::open(db)) {
        Ok(Ok(s)) => s,
        Ok(Err(_)) => return panics,
        Err(_) => return vec!["open".into()],
    };
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let today = at.date_naive();
    let id = CaseId(1);
    step("list_cases", &mut || drop(store.list_cases(None)));
    step("search", &mut || drop(store.list_cases(Some("退款"))));
    step("law search", &mut || drop(store.search_law("退货", 30)));
    step("law article", &mut || drop(store.law_article("消法", 24)));
    step("info", &mut || drop(store.info()));
    let case = store.get_case(id);
    if let Ok(case) = &case {
        step("legal review", &mut || {
            drop(weiquan_core::legal::review(&case.data, today))
        });
        step("outlook", &mut || {
            drop(weiquan_core::deadlines::outlook(
                &case.data,
                &Calendar::built_in(),
                today,
            ));
        });
        step("filing text", &mut || {
            drop(weiquan_core::dossier::filing_text(&case.data, &BTreeMap::new(), today));
        });
        step("validate", &mut || drop(weiquan_core::validate::validate(&case.data)));
    }
    step("library deadlines", &mut || {
        drop(store.library_deadlines(&Calendar::built_in(), today));
    });
    step("list evidence", &mut || {
        if let Ok(items) = store.list_evidence(id) {
            for it in items {
                drop(store.evidence_thumbnail(it.id));
            }
        }
    });
    step("verify vault", &mut || {
        drop(store.verify_vault(None, &mut |_, _, _| {}))
    });
    step("verify audit", &mut || drop(store.verify_audit()));
    step("audit log", &mut || drop(store.audit_log(Some(id))));
    step("dossier", &mut || drop(weiquan_core::dossier::render(&store, id, at)));
    step("package", &mut || {
        drop(weiquan_core::dossier::package(
            &mut store,
            id,
            at,
            &scratch.join("p.zip"),
            Some(50),
        ));
    });
    step("export", &mut || {
        drop(store.export_document(id, &scratch.join("c.json")))
    });
    step("backup", &mut || drop(store.write_backup(&scratch.join("b.zip"))));
    step("load draft", &mut || drop(store.load_draft("case:1")));
    step("statistics", &mut || drop(store.stats()));
    step("filing limits", &mut || {
        drop(weiquan_core::dossier::remembered_limits(&store))
    });
    step("import warnings", &mut || drop(store.import_warnings(id)));
    step("bundle", &mut || {
        if store.write_bundle(id, &scratch.join("b.wqcase"), true).is_ok() {
            let other = scratch.join("other").join("weiquan.db");
            if let Ok(mut o) = Store::open(&other) {
                drop(o.open_bundle(&scratch.join("b.wqcase"), weiquan_core::store::SameCaseChoice::KeepBoth));
            }
        }
    });
    step("add contact", &mut || {
        drop(store.add_interaction(
            id,
            &[
                ("occurred_at".to_owned(), "2026-09-20 10:00".to_owned()),
                ("channel".to_owned(), "phone".to_owned()),
            ],
        ))
    });
    step("add demand", &mut || {
        drop(store.add_demand(id, &[("kind".to_owned(), "apology".to_owned())]))
    });
    step("events", &mut || drop(store.remove_last_event(id)));
    step("update", &mut || {
        if let Ok(c) = store.get_case(id) {
            drop(store.update_case(id, &c.data));
        }
    });
    step("caseload", &mut || {
        for sort in [
            weiquan_core::store::CaseloadSort::Updated,
            weiquan_core::store::CaseloadSort::NextDeadline,
        ] {
            let filter = weiquan_core::store::CaseloadFilter {
                due_within_days: Some(30),
                sort,
                ..Default::default()
            };
            drop(store.caseload(&filter, &Calendar::built_in(), today));
            drop(store.caseload(&Default::default(), &Calendar::built_in(), today));
        }
    });
    step("workspace", &mut || {
        if let Ok(ws) = store.workspace(id) {
            drop(store.set_workspace(id, ws));
        }
    });
    step("power of attorney", &mut || {
        drop(weiquan_core::dossier::authorisation::render(&store, id, at))
    });
    step("public version", &mut || {
        let options = weiquan_core::dossier::public::PublicOptions::default();
        drop(weiquan_core::dossier::public::preview(&store, id, &options, today));
        drop(weiquan_core::dossier::public::write(
            &mut store,
            id,
            &options,
            at,
            &scratch.join("pub.pdf"),
            Some(&scratch.join("pub.txt")),
        ));
    });
    step("screenshot reader", &mut || {
        drop(store.reading_status(None));
        drop(store.reading_status(Some(id)));
        drop(store.read_next_screenshot());
        if let Some(item) = store.list_evidence(id).ok().and_then(|l| l.first().map(|i| i.id)) {
            drop(store.screenshot_text(id, item));
            drop(store.evidence_image(id, item));
            drop(store.reread_screenshot(id, item));
            let turns = [weiquan_core::store::ConfirmedTurn {
                speaker: weiquan_core::transcript::Speaker::Me,
                text: "你好".into(),
                time: None,
                rect: None,
            }];
            drop(store.confirm_screenshot_turns(id, item, &turns));
        }
    });
    step("delete", &mut || drop(store.delete_case(id)));
    panics
}

#[test]
fn every_read_path_survives_every_invalid_row() {
    let (dir, db) = temp_db();
    {
        let mut store = Store::open(&db).unwrap();
        let (id, _) = store.create_case(&sample_case()).unwrap();
        let f = dir.path().join("shot.png");
        std::fs::write(&f, png(40, 30)).unwrap();
        let first = store.get_case(id).unwrap().data.interactions[0].id.unwrap();
        let meta = EvidenceMeta {
            interactions: vec![first],
            ..Default::default()
        };
        store.import_evidence(id, &f, &meta).unwrap();
        store.save_draft("case:1", "{}").unwrap();
    }
    let mut failures = Vec::new();
    for (n, (what, sql)) in CORRUPTIONS.iter().enumerate() {
        let lib = dir.path().join(format!("case-{n}"));
        copy_dir(db.parent().unwrap(), &lib);
        let copy = lib.join("weiquan.db");
        {
            let raw = rusqlite::Connection::open(&copy).unwrap();
            raw.execute_batch(&format!(
                "PRAGMA ignore_check_constraints = ON; PRAGMA foreign_keys = OFF; {sql};"
            ))
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        }
        let scratch = dir.path().join(format!("out-{n}"));
        std::fs::create_dir_all(&scratch).unwrap();
        // The panic hook would print each caught panic; keep the output to the summary.
        std::panic::set_hook(Box::new(|_| {}));
        let panics = walk(&copy, &scratch);
        let _ = std::panic::take_hook();
        for p in panics {
            failures.push(format!("{what}: {p} panicked"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} panics:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
