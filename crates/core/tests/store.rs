#![allow(clippy::unwrap_used)]

mod common;

use common::{sample_case, temp_db};
use rusqlite::Connection;
use weiquan_core::model::{CaseId, CaseStatus, DemandKind, Money, ProblemKind};
use weiquan_core::store::{Store, MIGRATIONS, SCHEMA_LEVEL};
use weiquan_core::Error;

#[test]
fn opens_a_new_file_in_wal_mode_with_foreign_keys() {
    let (_dir, path) = temp_db();
    let store = Store::open(&path).unwrap();
    assert!(path.exists(), "the database file and its folder are created");
    let c = store.connection();
    let mode: String = c.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = c.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
    assert_eq!(fk, 1);
    assert_eq!(store.schema_level().unwrap(), SCHEMA_LEVEL);
    assert!(store.migration_backup().is_none(), "an empty database needs no backup");
}

#[test]
fn a_case_survives_reopening_exactly() {
    let (_dir, path) = temp_db();
    let data = sample_case();
    let id = {
        let mut store = Store::open(&path).unwrap();
        store.create_case(&data).unwrap().0
    };
    let store = Store::open(&path).unwrap();
    let got = store.get_case(id).unwrap();
    assert_eq!(got.data.without_ids(), data);
    assert_eq!(got.data.purchase.amount, Money::from_fen(129_900));
    assert_eq!(
        got.created_at.offset().local_minus_utc(),
        8 * 3600,
        "times carry +08:00"
    );
    let list = store.list_cases(None).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].interaction_count, 2);
    assert_eq!(list[0].respondent.as_deref(), Some("杭州某某电器有限公司"));
}

#[test]
fn update_replaces_children_and_delete_cascades() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let mut data = sample_case();
    let (id, _) = store.create_case(&data).unwrap();
    data.interactions.truncate(1);
    data.demands.retain(|d| d.kind == DemandKind::Refund);
    data.status = CaseStatus::Filed;
    data.status_history = vec![weiquan_core::model::StatusChange {
        status: CaseStatus::Filed,
        date: "2026-09-20".parse().unwrap(),
    }];
    store.update_case(id, &data).unwrap();
    assert_eq!(store.get_case(id).unwrap().data.without_ids(), data.without_ids());

    store.delete_case(id).unwrap();
    assert!(matches!(store.get_case(id), Err(Error::CaseNotFound(_))));
    let c = store.connection();
    for table in [
        "interactions",
        "interaction_problems",
        "demands",
        "case_status_history",
        "case_search",
    ] {
        let n: i64 = c
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0, "{table} keeps nothing of a deleted case");
    }
    assert!(matches!(store.delete_case(id), Err(Error::CaseNotFound(CaseId(_)))));
}

#[test]
fn an_invalid_save_changes_nothing() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let good = sample_case();
    let (id, _) = store.create_case(&good).unwrap();
    let mut bad = good.clone();
    bad.title = "   ".into();
    bad.complainant.phone = Some("call me maybe".into());
    let err = store.update_case(id, &bad).unwrap_err();
    let Error::Invalid(problems) = err else {
        panic!("expected Invalid, got {err:?}")
    };
    let paths: Vec<_> = problems.iter().map(|p| p.path.as_str()).collect();
    assert!(paths.contains(&"title"), "{paths:?}");
    assert!(paths.contains(&"complainant.phone"), "{paths:?}");
    assert_eq!(store.get_case(id).unwrap().data.without_ids(), good);
    assert!(store.create_case(&bad).is_err());
    assert_eq!(store.list_cases(None).unwrap().len(), 1);
}

#[test]
fn search_finds_chinese_substrings_long_and_short() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let (a, _) = store.create_case(&sample_case()).unwrap();
    let mut other = sample_case();
    other.title = "宽带提速承诺未兑现".into();
    other.respondent = weiquan_core::model::Respondent {
        name: Some("某电信运营商".into()),
        ..Default::default()
    };
    other.purchase.item = Some("宽带套餐".into());
    other.purchase.order_no = None;
    other.interactions.truncate(1);
    other.interactions[0].question = Some("为何没有提速？".into());
    other.interactions[0].answer = Some("您的套餐已经是最高速率".into());
    other.interactions[0].note = None;
    let (b, _) = store.create_case(&other).unwrap();

    let ids = |q: &str| {
        store
            .list_cases(Some(q))
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(ids("祝您生活愉快"), vec![a], "an answer, via the trigram index");
    assert_eq!(ids("最高速率"), vec![b]);
    assert_eq!(ids("充电"), vec![a], "two characters fall back to LIKE");
    assert_eq!(ids("电器"), vec![a], "respondent shop names are searched");
    assert_eq!(ids("提速"), vec![b]);
    assert!(ids("不存在的词语").is_empty());
    assert_eq!(
        ids("\"OR*"),
        Vec::<CaseId>::new(),
        "query syntax is matched literally, not executed"
    );
    assert_eq!(ids("%"), Vec::<CaseId>::new(), "LIKE wildcards are literal");
    assert_eq!(ids("  ").len(), 2, "a blank search lists everything");
}

#[test]
fn a_database_newer_than_the_app_is_refused_untouched() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    {
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_LEVEL + 1).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.code().as_str(), "database_too_new");
    assert!(
        err.to_string().contains(&format!("level {}", SCHEMA_LEVEL + 1)),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file is not changed");
}

/// Brings an empty database to every earlier level, stores a case there the way that level stored it, then opens it
/// with the current app: the case must come through intact, searchable, with a backup of the old file.
#[test]
fn migrates_from_every_earlier_level() {
    assert_eq!(MIGRATIONS.len() as i64, SCHEMA_LEVEL);
    for start in 0..SCHEMA_LEVEL {
        let (_dir, path) = temp_db();
        {
            let store = Store::open_at_level(&path, start).unwrap();
            assert_eq!(store.schema_level().unwrap(), start);
            if start >= 1 {
                store
                    .connection()
                    .execute_batch(
                        "INSERT INTO cases (id, title, industry, status, respondent_name, created_at, updated_at)
                         VALUES (7, '旧版本里的案件', 'telecom', 'filed', '某通信公司',
                                 '2026-01-02T03:04:05+08:00', '2026-01-02T03:04:05+08:00');
                         INSERT INTO interactions (case_id, position, occurred_at, occurred_at_utc, channel, answer)
                         VALUES (7, 0, '2026-01-01T09:00:00+08:00', 1767229200, 'phone', '系统升级中请耐心等待');",
                    )
                    .unwrap();
            }
            if start >= 9 {
                // From level 9 demands carry their dates; from level 7 a case has events (level 8: evidence).
                store
                    .connection()
                    .execute_batch(
                        "INSERT INTO demands (case_id, position, kind, amount_fen, made_on, due_by)
                         VALUES (7, 0, 'refund', 19900, '2026-01-01', '2026-01-04');
                         INSERT INTO case_events (case_id, position, kind, date, channel, reference)
                         VALUES (7, 0, 'filed', '2026-01-05', 'miit_telecom', 'G-1');",
                    )
                    .unwrap();
            }
            if start >= 2 {
                // From level 2 the app kept a search row for every case.
                store
                    .connection()
                    .execute_batch(
                        "INSERT INTO case_search (rowid, title, respondent, body)
                         VALUES (7, '旧版本里的案件', '某通信公司', '系统升级中请耐心等待');",
                    )
                    .unwrap();
            }
        }
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_level().unwrap(), SCHEMA_LEVEL, "from level {start}");
        if start >= 1 {
            let backup = store
                .migration_backup()
                .expect("a backup before migrating a non-empty database");
            let old = Connection::open(backup).unwrap();
            let level: i64 = old.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
            assert_eq!(level, start, "the backup is the database as it was");
            let case = store.get_case(CaseId(7)).unwrap();
            assert_eq!(case.data.title, "旧版本里的案件");
            assert_eq!(
                case.data.interactions[0].answer.as_deref(),
                Some("系统升级中请耐心等待")
            );
            if start >= 9 {
                let d = &case.data.demands[0];
                assert!(d.id.is_some(), "a migrated demand gets an id (from level {start})");
                assert_eq!(
                    (d.amount, d.due_by),
                    (Money::from_fen(19_900), "2026-01-04".parse().ok())
                );
                assert_eq!(case.data.events[0].reference.as_deref(), Some("G-1"));
            }
            let found = store.list_cases(Some("耐心等待")).unwrap();
            assert_eq!(
                found.len(),
                1,
                "migrated cases are in the search index (from level {start})"
            );
        }
    }
}

#[test]
fn a_failing_migration_leaves_the_level_and_data_as_they_were() {
    let (_dir, path) = temp_db();
    drop(Store::open_at_level(&path, 1).unwrap());
    {
        // Occupy the name the next migration creates, so that it fails midway.
        let c = Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE case_search (x); INSERT INTO case_search VALUES ('keep me');")
            .unwrap();
    }
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.code().as_str(), "migration_failed", "{err}");
    assert!(err.to_string().contains("0002_search"), "{err}");
    let c = Connection::open(&path).unwrap();
    let level: i64 = c.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(level, 1);
    let kept: String = c.query_row("SELECT x FROM case_search", [], |r| r.get(0)).unwrap();
    assert_eq!(kept, "keep me");
}

#[test]
fn interaction_ids_survive_edits_and_are_checked() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let mut data = sample_case();
    let mut third = data.interactions[0].clone();
    third.answer = Some("第三次".into());
    data.interactions.push(third);
    let (id, _) = store.create_case(&data).unwrap();
    let stored = store.get_case(id).unwrap().data;
    let ids: Vec<_> = stored.interactions.iter().map(|i| i.id.unwrap()).collect();

    // Drop the middle one, swap the others, and add a new one.
    let mut edited = stored.clone();
    edited.interactions = vec![stored.interactions[2].clone(), stored.interactions[0].clone()];
    let mut new = stored.interactions[0].clone();
    new.id = None;
    new.answer = Some("新的一次".into());
    edited.interactions.push(new);
    store.update_case(id, &edited).unwrap();
    let after = store.get_case(id).unwrap().data;
    assert_eq!(after.interactions[0].id, Some(ids[2]));
    assert_eq!(after.interactions[0].answer.as_deref(), Some("第三次"));
    assert_eq!(after.interactions[1].id, Some(ids[0]));
    assert!(after.interactions[2].id.is_some() && !ids.contains(&after.interactions[2].id.unwrap()));
    assert_eq!(after.interactions.len(), 3);
    let n: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM interactions WHERE id = ?1", [ids[1].0], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(n, 0, "the dropped interaction's row is gone");

    // Another case's interaction, or the same one twice, is refused and nothing changes.
    let (other, _) = store.create_case(&sample_case()).unwrap();
    let foreign = store.get_case(other).unwrap().data.interactions[0].id;
    let mut bad = after.clone();
    bad.interactions[0].id = foreign;
    let err = store.update_case(id, &bad).unwrap_err();
    assert!(err.to_string().contains("interactions[0].id"), "{err}");
    let mut twice = after.clone();
    twice.interactions[1].id = twice.interactions[0].id;
    assert!(store.update_case(id, &twice).is_err());
    assert_eq!(store.get_case(id).unwrap().data, after);
}

#[test]
fn the_case_form_and_the_demands_tab_save_only_their_fields() {
    use weiquan_core::model::{CaseDetails, Demand};
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let (id, _) = store.create_case(&sample_case()).unwrap();
    // The form was drawn from this state…
    let drawn = store.get_case(id).unwrap().data;
    // …then a contact was removed in another window.
    let mut elsewhere = drawn.clone();
    elsewhere.interactions.pop();
    store.update_case(id, &elsewhere).unwrap();
    let contacts = store.get_case(id).unwrap().data.interactions.len();
    assert_eq!(contacts, drawn.interactions.len() - 1);

    let details = CaseDetails {
        title: "改过的标题".into(),
        industry: drawn.industry,
        status: weiquan_core::model::CaseStatus::Filed,
        complainant: drawn.complainant.clone(),
        respondent: drawn.respondent.clone(),
        purchase: drawn.purchase.clone(),
        demands: drawn.demands.clone(),
        parallel_proceeding: drawn.parallel_proceeding,
        facts: drawn.facts.clone(),
    };
    store.update_details(id, details).unwrap();
    let now = store.get_case(id).unwrap().data;
    assert_eq!(now.title, "改过的标题");
    assert_eq!(
        now.interactions.len(),
        contacts,
        "the contact removed elsewhere stays removed"
    );
    assert_eq!(
        now.status_history.last().unwrap().status,
        weiquan_core::model::CaseStatus::Filed
    );

    store.set_demands(id, vec![Demand::new(DemandKind::Apology)]).unwrap();
    let now = store.get_case(id).unwrap().data;
    assert_eq!(now.title, "改过的标题", "the demands tab leaves the title alone");
    assert_eq!(now.demands.len(), 1);
    assert!(store.set_demands(CaseId(999), Vec::new()).is_err());
}

#[test]
fn a_deleted_case_id_is_never_given_to_a_new_case() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let (a, _) = store.create_case(&sample_case()).unwrap();
    let (b, _) = store.create_case(&sample_case()).unwrap();
    store.delete_case(b).unwrap();
    let (c, _) = store.create_case(&sample_case()).unwrap();
    assert!(c.0 > b.0, "{c} after deleting {b}");
    assert!(b.0 > a.0);
    // The new case's history is its own: nothing of the deleted one under its id.
    let actions: Vec<String> = store
        .audit_log(Some(c))
        .unwrap()
        .into_iter()
        .map(|r| r.action)
        .collect();
    assert_eq!(actions, ["case_created"]);
    drop(store);
    // Also across a reopen, and when the newest case of a library from before level 10 was deleted.
    let mut store = Store::open(&path).unwrap();
    store.delete_case(c).unwrap();
    let (d, _) = store.create_case(&sample_case()).unwrap();
    assert!(d.0 > c.0);
}

#[test]
fn level_10_starts_above_every_id_a_deleted_case_left_in_the_audit_log() {
    let (_dir, path) = temp_db();
    {
        let store = Store::open_at_level(&path, 9).unwrap();
        // At level 9 ids were reused: case 2 deleted, its audit records stay.
        let c = store.connection();
        c.execute_batch(
            "INSERT INTO audit_log (seq, at, case_id, action, detail, prev_hash, hash)
             VALUES (1, '2026-01-01T00:00:00+08:00', 2, 'case_deleted', 'x', '', '');",
        )
        .unwrap();
        drop(store);
    }
    let mut store = Store::open(&path).unwrap();
    let (id, _) = store.create_case(&sample_case()).unwrap();
    assert_eq!(id, CaseId(3), "above the deleted case 2 the audit log remembers");
}

fn sets(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

#[test]
fn contacts_and_demands_keep_their_ids_and_no_id_is_ever_given_twice() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let (id, _) = store.create_case(&sample_case()).unwrap();
    let c = store.get_case(id).unwrap().data;
    let demand_ids: Vec<_> = c.demands.iter().map(|d| d.id.unwrap()).collect();
    // A save of the whole list (the app's 诉求 tab) keeps the ids it was given.
    store.set_demands(id, c.demands.clone()).unwrap();
    let again: Vec<_> = store
        .get_case(id)
        .unwrap()
        .data
        .demands
        .iter()
        .map(|d| d.id.unwrap())
        .collect();
    assert_eq!(again, demand_ids);
    // The newest contact and demand removed: the next ones get new ids, not theirs.
    let (newest, _) = store
        .add_interaction(id, &sets(&[("occurred_at", "2026-09-30 10:00"), ("channel", "phone")]))
        .unwrap();
    store.remove_interaction(id, newest).unwrap();
    let (next, _) = store
        .add_interaction(id, &sets(&[("occurred_at", "2026-09-30 10:00"), ("channel", "phone")]))
        .unwrap();
    assert!(next.0 > newest.0, "contact id {} came back", newest.0);
    let (d1, _) = store.add_demand(id, &sets(&[("kind", "apology")])).unwrap();
    store.remove_demand(id, d1).unwrap();
    let (d2, _) = store.add_demand(id, &sets(&[("kind", "apology")])).unwrap();
    assert!(d2.0 > d1.0, "demand id {} came back", d1.0);
    // A removed demand put back by 撤销 (the window sends it with its old id) is stored again, under a new id.
    let mut now = store.get_case(id).unwrap().data.demands;
    let removed = now.pop().unwrap();
    store.set_demands(id, now.clone()).unwrap();
    now.push(removed.clone());
    store.set_demands(id, now).unwrap();
    let back = store.get_case(id).unwrap().data.demands.pop().unwrap();
    assert_eq!(back.kind, removed.kind);
    assert!(
        back.id.unwrap() > removed.id.unwrap(),
        "a new id, never an old one again"
    );
    // Another case's demand id is refused, not taken over.
    let (other, _) = store.create_case(&sample_case()).unwrap();
    let mut foreign = store.get_case(other).unwrap().data.demands;
    foreign.truncate(1);
    assert!(matches!(store.set_demands(id, foreign), Err(Error::Invalid(_))));
    assert!(matches!(store.remove_demand(other, d2), Err(Error::NotFound(_))));
}

#[test]
fn a_contact_is_added_edited_and_removed_in_time_order_with_what_hangs_on_it() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let mut data = sample_case();
    data.demands[0].made_on = None;
    data.demands[0].made_in = Some(data.interactions[0].occurred_at);
    let (id, _) = store.create_case(&data).unwrap();
    let first = store.get_case(id).unwrap().data.interactions[0].id.unwrap();
    // Added between the existing ones by its time, in Beijing time when no offset is given.
    let (added, _) = store
        .add_interaction(
            id,
            &sets(&[
                ("occurred_at", "2026-09-06 09:30"),
                ("channel", "phone"),
                ("answer", "三个工作日内退款"),
                ("problems", "false_information、delayed_handling"),
            ]),
        )
        .unwrap();
    let c = store.get_case(id).unwrap().data;
    let pos = c.interactions.iter().position(|i| i.id == Some(added)).unwrap();
    assert_eq!(pos, 1, "in time order");
    assert_eq!(c.interactions[1].occurred_at.to_rfc3339(), "2026-09-06T09:30:00+08:00");
    assert_eq!(
        c.interactions[1].problems,
        [ProblemKind::FalseInformation, ProblemKind::DelayedHandling]
    );
    // A wrong field or value changes nothing.
    let before = store.get_case(id).unwrap();
    for bad in [
        sets(&[("answer", "x"), ("nonsense", "1")]),
        sets(&[("channel", "telepathy")]),
        sets(&[("occurred_at", "yesterday")]),
        sets(&[("id", "1")]),
    ] {
        assert!(
            matches!(store.edit_interaction(id, added, &bad), Err(Error::Invalid(_))),
            "{bad:?}"
        );
    }
    assert_eq!(store.get_case(id).unwrap(), before);
    match store.edit_interaction(id, added, &sets(&[("answer", "ok"), ("channel", "telepathy")])) {
        Err(Error::Invalid(p)) => assert_eq!(p[0].path, "channel", "the wrong value is named: {p:?}"),
        other => panic!("{other:?}"),
    }
    match store.edit_details(id, &sets(&[("title", "t"), ("purchase.amount", "三百九")])) {
        Err(Error::Invalid(p)) => assert_eq!(p[0].path, "purchase.amount", "{p:?}"),
        other => panic!("{other:?}"),
    }
    // Moving the first contact's time moves the demand made in it along.
    store
        .edit_interaction(
            id,
            first,
            &sets(&[("occurred_at", "2026-09-05T11:00:00+08:00"), ("agent", "")]),
        )
        .unwrap();
    let c = store.get_case(id).unwrap().data;
    let moved = c.interactions.iter().find(|i| i.id == Some(first)).unwrap();
    assert_eq!(moved.agent, None, "an empty value clears");
    assert_eq!(c.demands[0].made_in, Some(moved.occurred_at));
    // Removing it keeps the demand's day; its evidence stays in the case.
    let removed = store.remove_interaction(id, first).unwrap();
    assert_eq!(removed.demands_kept_date, [c.demands[0].id.unwrap()]);
    let c = store.get_case(id).unwrap().data;
    assert_eq!(c.demands[0].made_in, None);
    assert_eq!(c.demands[0].made_on, "2026-09-05".parse().ok());
    assert!(c.interactions.iter().all(|i| i.id != Some(first)));
    assert!(matches!(
        store.edit_interaction(id, first, &sets(&[("note", "x")])),
        Err(Error::NotFound(_))
    ));
}

#[test]
fn an_imports_warnings_are_kept_for_review_until_cleared() {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    // A credit code whose check digit is wrong: the import warns, and the warning stays with the case.
    std::fs::write(dir.path().join("shot.jpg"), common::jpeg_with_exif()).unwrap();
    let mut doc =
        weiquan_core::exchange::parse(&std::fs::read_to_string(common::fixture("demo-case.json")).unwrap()).unwrap();
    doc.case.respondent.credit_code = Some("91330106MA2CFXXX1X".into());
    doc.warnings = weiquan_core::validate::semantic_problems(&doc.case).1;
    doc.evidence = vec![weiquan_core::exchange::EvidenceRef {
        path: "shot.jpg".into(),
        description: None,
        interactions: vec![0],
    }];
    let (id, warnings) = store.import_document(&doc, dir.path()).unwrap();
    let kept = store.import_warnings(id).unwrap();
    assert!(kept.iter().any(|w| w.path == "respondent.credit_code"), "{kept:?}");
    assert_eq!(kept, warnings);
    assert_eq!(store.clear_import_warnings(id).unwrap(), kept.len());
    assert!(store.import_warnings(id).unwrap().is_empty());
    assert!(matches!(
        store.import_warnings(CaseId(999)),
        Err(Error::CaseNotFound(_))
    ));
}

#[test]
fn the_statistics_match_a_hand_count_and_a_hand_edited_row_is_shown_not_panicked_on() {
    use weiquan_core::model::{CaseEvent, EventKind, Industry};
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    let event = |kind, date: &str, channel: Option<&str>| CaseEvent {
        kind,
        date: date.parse().unwrap(),
        channel: channel.map(str::to_owned),
        reference: None,
        note: None,
        evidence: None,
    };
    // A: e-commerce, first contact 09-01, filed with 12315 on 09-11 (10 days), resolved 09-21 (20 days).
    let mut a = sample_case();
    a.industry = Industry::Ecommerce;
    a.interactions.truncate(1);
    a.interactions[0].occurred_at = at("2026-09-01T23:30:00+08:00");
    a.interactions[0].problems = vec![ProblemKind::IrrelevantAnswer];
    let (a, _) = store.create_case(&a).unwrap();
    store.add_event(a, event(EventKind::Filed, "2026-09-11", None)).unwrap();
    store
        .add_event(a, event(EventKind::Resolved, "2026-09-21", None))
        .unwrap();
    // B: telecom, first contact 09-05, filed with MIIT 09-25 (20 days), refused 09-30 (25 days).
    let mut b = sample_case();
    b.industry = Industry::Telecom;
    b.interactions[0].occurred_at = at("2026-09-05T10:00:00+08:00");
    b.interactions[0].problems = vec![ProblemKind::FalseInformation, ProblemKind::IrrelevantAnswer];
    b.interactions[1].occurred_at = at("2026-09-06T10:00:00+08:00");
    b.interactions[1].problems = vec![ProblemKind::IrrelevantAnswer];
    let (b, _) = store.create_case(&b).unwrap();
    store
        .add_event(b, event(EventKind::Filed, "2026-09-25", Some("miit_telecom")))
        .unwrap();
    store
        .add_event(b, event(EventKind::Refused, "2026-09-30", None))
        .unwrap();
    // C: other, a privacy problem, never filed.
    let mut c = sample_case();
    c.industry = Industry::Other;
    c.interactions.truncate(1);
    c.interactions[0].problems = vec![ProblemKind::PrivacyViolation];
    store.create_case(&c).unwrap();

    let s = store.stats().unwrap();
    let pairs = |l: &[weiquan_core::store::Count]| l.iter().map(|c| (c.key.clone(), c.cases)).collect::<Vec<_>>();
    let p = |v: &[(&str, i64)]| v.iter().map(|(k, n)| ((*k).to_owned(), *n)).collect::<Vec<_>>();
    assert_eq!(s.cases, 3);
    assert_eq!(
        pairs(&s.by_industry),
        p(&[("ecommerce", 1), ("other", 1), ("telecom", 1)])
    );
    assert_eq!(
        pairs(&s.by_problem),
        p(&[
            ("irrelevant_answer", 2),
            ("false_information", 1),
            ("privacy_violation", 1)
        ]),
        "cases, not contacts"
    );
    assert_eq!(pairs(&s.by_channel), p(&[("12315", 1), ("miit_telecom", 1)]));
    assert_eq!(pairs(&s.by_outcome), p(&[("refused", 1), ("resolved", 1)]));
    assert_eq!(pairs(&s.by_status), p(&[("closed", 2), ("draft", 1)]));
    assert_eq!(s.by_industry[0].label, "电子商务");
    assert_eq!(
        (
            s.first_contact_to_filing.cases,
            s.first_contact_to_filing.average_days,
            s.first_contact_to_filing.longest_days
        ),
        (2, Some(15.0), Some(20)),
        "the local day of 23:30 +08:00 is 09-01"
    );
    assert_eq!(
        (
            s.first_contact_to_result.cases,
            s.first_contact_to_result.average_days,
            s.first_contact_to_result.longest_days
        ),
        (2, Some(22.5), Some(25))
    );
    // A row edited by hand past the CHECKs: shown under its own key, and harmless in a spreadsheet.
    store
        .connection()
        .execute_batch(
            "PRAGMA ignore_check_constraints = ON; UPDATE cases SET industry = '=HYPERLINK(1)' WHERE id = 3;",
        )
        .unwrap();
    let s = store.stats().unwrap();
    let odd = s.by_industry.iter().find(|c| c.key == "=HYPERLINK(1)").unwrap();
    assert_eq!(odd.label, "（未知：=HYPERLINK(1)）");
    let csv = String::from_utf8(weiquan_core::store::stats_csv(&s).unwrap()).unwrap();
    assert!(
        csv.contains("industry,'=HYPERLINK(1),（未知：=HYPERLINK(1)）,1"),
        "{csv}"
    );
    assert!(csv.contains("first_contact_to_result,2,22.5,25"), "{csv}");
}
