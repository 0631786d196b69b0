//! Bundles, second round (issue 26): a bundle that fails opens nothing and updates nothing (every check before any
//! write), and every case the store accepts — several contacts in one minute, an evidence file whose name starts with
//! a dot, private notes at the limit — goes out as a bundle and comes back, as a new case and as an update, unchanged.
//! The verification code is long enough that a forged twin is out of reach.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use common::{entries, png, sample_case, write_entries};
use proptest::prelude::*;
use weiquan_core::model::{CaseData, CaseId, Channel, Interaction};
use weiquan_core::store::{EvidenceMeta, SameCaseChoice, Store, Workspace};

fn store_in(dir: &Path, name: &str) -> Store {
    Store::open(dir.join(name).join("weiquan.db")).unwrap()
}

/// Replaces (or adds) an entry and lists it in the manifest with its true size and hashes: a bundle that passes
/// every integrity check, so only what it says can be refused.
fn put(list: &mut Vec<(String, Vec<u8>)>, name: &str, bytes: Vec<u8>) {
    let mut manifest: serde_json::Value = serde_json::from_slice(&list[0].1).unwrap();
    let files = manifest["files"].as_array_mut().unwrap();
    files.retain(|f| f["path"] != name);
    files.push(serde_json::json!({
        "path": name,
        "size": bytes.len(),
        "sha256": weiquan_core::fsutil::hex(&sha2::Digest::finalize(
            <sha2::Sha256 as sha2::Digest>::new_with_prefix(&bytes),
        )),
        "sm3": weiquan_core::fsutil::hex(&sm3::Digest::finalize(<sm3::Sm3 as sm3::Digest>::new_with_prefix(&bytes))),
    }));
    list[0].1 = serde_json::to_vec_pretty(&manifest).unwrap();
    list.retain(|(n, _)| n != name);
    list.push((name.to_owned(), bytes));
}

/// A case sent to a volunteer: (consumer's store, her case, the volunteer's store, his copy, the bundle he sends back).
fn handed_over(dir: &Path) -> (Store, CaseId, PathBuf) {
    let mut consumer = store_in(dir, "consumer");
    let (id, _) = consumer.create_case(&sample_case()).unwrap();
    let out = dir.join("to-volunteer.wqcase");
    consumer.write_bundle(id, &out, true).unwrap();
    (consumer, id, out)
}

#[test]
fn a_bundle_that_fails_updates_nothing_and_opens_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut consumer, id, out) = handed_over(dir.path());
    let before = consumer.get_case(id).unwrap();
    let before_ws = consumer.workspace(id).unwrap();
    let original = entries(&out);

    // The volunteer's version: a new title and an empty evidence file (listed honestly in the manifest).
    let mut empty_file = original.clone();
    let doc_at = empty_file.iter().position(|(n, _)| n == "case.json").unwrap();
    let mut doc: serde_json::Value = serde_json::from_slice(&empty_file[doc_at].1).unwrap();
    doc["title"] = "志愿者改过的标题".into();
    doc["evidence"] = serde_json::json!([{ "path": "evidence/01/空白.png", "description": null, "interactions": [] }]);
    put(&mut empty_file, "case.json", serde_json::to_vec_pretty(&doc).unwrap());
    put(&mut empty_file, "evidence/01/空白.png", Vec::new());
    let bad = dir.path().join("empty.wqcase");
    write_entries(&bad, &empty_file);
    let err = consumer.open_bundle(&bad, SameCaseChoice::Update(id)).unwrap_err();
    assert!(err.to_string().contains("is empty (0 bytes)"), "{err}");
    assert_eq!(
        consumer.get_case(id).unwrap().data,
        before.data,
        "the case was not rewritten"
    );
    // The same as a first open: no case is left behind.
    let mut fresh = store_in(dir.path(), "fresh");
    assert!(fresh.open_bundle(&bad, SameCaseChoice::KeepBoth).is_err());
    assert!(fresh.list_cases(None).unwrap().is_empty(), "a failed open left a case");

    // Private notes longer than the limit: refused before the case is touched.
    let mut long_notes = original.clone();
    let doc_at = long_notes.iter().position(|(n, _)| n == "case.json").unwrap();
    let mut doc: serde_json::Value = serde_json::from_slice(&long_notes[doc_at].1).unwrap();
    doc["title"] = "志愿者改过的标题".into();
    put(&mut long_notes, "case.json", serde_json::to_vec_pretty(&doc).unwrap());
    put(&mut long_notes, "private-notes.txt", "备".repeat(20_001).into_bytes());
    let bad = dir.path().join("notes.wqcase");
    write_entries(&bad, &long_notes);
    let err = consumer.open_bundle(&bad, SameCaseChoice::Update(id)).unwrap_err();
    assert!(err.to_string().contains("private_notes"), "{err}");
    assert_eq!(consumer.get_case(id).unwrap().data, before.data);
    assert_eq!(consumer.workspace(id).unwrap(), before_ws);
    assert!(fresh.open_bundle(&bad, SameCaseChoice::KeepBoth).is_err());
    assert!(fresh.list_cases(None).unwrap().is_empty());
}

#[test]
fn received_notes_that_would_overflow_hers_are_refused_with_both_lengths_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let (mut consumer, id, _) = handed_over(dir.path());
    consumer
        .set_workspace(
            id,
            Workspace {
                private_notes: Some("我".repeat(15_000)),
                ..Workspace::default()
            },
        )
        .unwrap();
    let mut volunteer = store_in(dir.path(), "volunteer");
    let theirs = {
        let out = dir.path().join("v.wqcase");
        consumer.write_bundle(id, &out, false).unwrap();
        volunteer.open_bundle(&out, SameCaseChoice::Ask).unwrap().case
    };
    volunteer
        .set_workspace(
            theirs,
            Workspace {
                private_notes: Some("他".repeat(10_000)),
                ..Workspace::default()
            },
        )
        .unwrap();
    let back = dir.path().join("back.wqcase");
    volunteer.write_bundle(theirs, &back, true).unwrap();
    let before = consumer.get_case(id).unwrap();
    let err = consumer.open_bundle(&back, SameCaseChoice::Update(id)).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("10000") && msg.contains("15000"), "{msg}");
    assert_eq!(consumer.get_case(id).unwrap().data, before.data);
    assert_eq!(
        consumer.workspace(id).unwrap().private_notes.unwrap().chars().count(),
        15_000
    );
}

#[test]
fn the_verification_code_has_25_digits_in_five_groups_and_follows_the_manifest() {
    let a = weiquan_core::store::verification_code(b"{\"files\":[]}");
    assert_eq!(a.len(), 29, "{a}");
    let groups: Vec<&str> = a.split(' ').collect();
    assert_eq!(groups.len(), 5);
    assert!(groups
        .iter()
        .all(|g| g.len() == 5 && g.bytes().all(|b| b.is_ascii_digit())));
    assert_eq!(a, weiquan_core::store::verification_code(b"{\"files\":[]}"), "stable");
    assert_ne!(a, weiquan_core::store::verification_code(b"{\"files\":[ ]}"));
}

/// A contact at a fixed minute with words of its own.
fn contact_at(minute: &str, n: usize, words: &str) -> Interaction {
    let mut it = sample_case().interactions[0].clone();
    it.id = None;
    it.occurred_at = chrono::DateTime::parse_from_rfc3339(&format!("2026-09-05T{minute}:00+08:00")).unwrap();
    it.channel = Channel::OnlineChat;
    it.question = Some(format!("第{n}个问题：{words}"));
    it.answer = Some(format!("第{n}个回答"));
    it
}

fn round_trip(case: &CaseData, shot_name: &str, notes: Option<String>) {
    let dir = tempfile::tempdir().unwrap();
    let mut consumer = store_in(dir.path(), "consumer");
    let (id, _) = consumer.create_case(case).unwrap();
    let shot = dir.path().join(shot_name);
    std::fs::write(&shot, png(20, 20)).unwrap();
    let links: Vec<_> = consumer
        .get_case(id)
        .unwrap()
        .data
        .interactions
        .iter()
        .filter_map(|i| i.id)
        .collect();
    consumer
        .import_evidence(
            id,
            &shot,
            &EvidenceMeta {
                description: None,
                source: None,
                interactions: links.clone(),
            },
        )
        .unwrap();
    consumer
        .set_workspace(
            id,
            Workspace {
                private_notes: notes,
                ..Workspace::default()
            },
        )
        .unwrap();
    let out = dir.path().join("out.wqcase");
    consumer.write_bundle(id, &out, true).unwrap();
    let mut volunteer = store_in(dir.path(), "volunteer");
    let theirs = volunteer.open_bundle(&out, SameCaseChoice::Ask).unwrap().case;
    let sent = consumer.get_case(id).unwrap().data;
    assert_eq!(
        volunteer.get_case(theirs).unwrap().data.without_ids(),
        sent.without_ids()
    );
    // And back, as an update of her own case: unchanged, every link still on its contact.
    let back = dir.path().join("back.wqcase");
    volunteer.write_bundle(theirs, &back, false).unwrap();
    let updated = consumer.open_bundle(&back, SameCaseChoice::Update(id)).unwrap();
    assert!(updated.updated);
    let now = consumer.get_case(id).unwrap().data;
    assert_eq!(now.without_ids(), sent.without_ids());
    let ev = consumer.list_evidence(id).unwrap();
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].interactions.len(), links.len(), "each contact kept its link");
}

#[test]
fn contacts_in_one_minute_and_a_dotted_file_name_round_trip() {
    let mut case = sample_case();
    case.interactions = vec![
        contact_at("10:12", 1, "一样的分钟"),
        contact_at("10:12", 2, "一样的分钟"),
        contact_at("10:12", 3, "一样的分钟"),
    ];
    case.demands.retain(|d| d.made_in.is_none());
    round_trip(&case, ".聊天截图.png", Some("备".repeat(20_000)));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]
    #[test]
    fn any_case_the_store_accepts_round_trips_through_a_bundle(
        minutes in proptest::collection::vec(prop_oneof![Just("10:12"), Just("10:13"), Just("11:00")], 1..5),
        words in "[一-龥a-z ，。？]{0,20}",
        dots in 0usize..3,
        notes_len in prop_oneof![Just(0usize), Just(1), Just(19_999), Just(20_000)],
    ) {
        let mut case = sample_case();
        case.interactions = minutes.iter().enumerate().map(|(n, m)| contact_at(m, n, &words)).collect();
        case.demands.retain(|d| d.made_in.is_none());
        let name = format!("{}截图 {words}.png", ".".repeat(dots)).replace(['/', '\\'], "_");
        let notes = (notes_len > 0).then(|| "记".repeat(notes_len));
        round_trip(&case, &name, notes);
    }
}

#[test]
fn a_cut_bundle_is_never_opened_as_the_bundle_inside_it_nor_one_with_data_around_it() {
    let dir = tempfile::tempdir().unwrap();
    // An inner bundle (another case), kept as evidence of an outer case and bundled with it.
    let mut lib = store_in(dir.path(), "lib");
    let (inner_case, _) = lib.create_case(&sample_case()).unwrap();
    let inner = dir.path().join("inner.wqcase");
    let inner_code = lib.write_bundle(inner_case, &inner, false).unwrap().code;
    let mut outer_case = sample_case();
    outer_case.title = "外层案件".into();
    let (outer_id, _) = lib.create_case(&outer_case).unwrap();
    lib.import_evidence(outer_id, &inner, &EvidenceMeta::default()).unwrap();
    let outer = dir.path().join("outer.wqcase");
    lib.write_bundle(outer_id, &outer, false).unwrap();
    let outer_bytes = std::fs::read(&outer).unwrap();
    let inner_bytes = std::fs::read(&inner).unwrap();
    let at = outer_bytes
        .windows(inner_bytes.len())
        .position(|w| w == inner_bytes.as_slice())
        .expect("stored uncompressed inside");
    let mut other = store_in(dir.path(), "other");
    let refused = |other: &mut Store, name: &str, bytes: &[u8], why: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        match other.open_bundle(&path, SameCaseChoice::KeepBoth) {
            Err(e) => assert!(e.to_string().contains(why), "{name}: {e}"),
            Ok(o) => panic!(
                "{name} was opened as case {} with code {} (inner {inner_code})",
                o.case, o.code
            ),
        }
    };
    // Cut right after the inner bundle: the last end record in the file is the inner one's.
    refused(
        &mut other,
        "cut.wqcase",
        &outer_bytes[..at + inner_bytes.len()],
        "before its archive",
    );
    let mut led = b"junk before".to_vec();
    led.extend_from_slice(&outer_bytes);
    refused(&mut other, "led.wqcase", &led, "before its archive");
    let mut trailed = outer_bytes.clone();
    trailed.extend_from_slice(b"junk after");
    refused(
        &mut other,
        "trailed.wqcase",
        &trailed,
        "does not end where its archive ends",
    );
    assert!(other.list_cases(None).unwrap().is_empty(), "nothing was opened");
    // The outer bundle itself still opens, its inner bundle kept as a file of evidence.
    let opened = other.open_bundle(&outer, SameCaseChoice::KeepBoth).unwrap();
    assert_eq!(other.get_case(opened.case).unwrap().data.title, "外层案件");
}

#[test]
fn a_bundle_that_unpacks_a_thousandfold_is_refused_before_anything_is_unpacked() {
    let dir = tempfile::tempdir().unwrap();
    let (_consumer, _id, out) = handed_over(dir.path());
    let mut list = entries(&out);
    // 64 MiB of zeros, listed honestly in the manifest and the document, deflated to a few dozen kilobytes.
    let doc_at = list.iter().position(|(n, _)| n == "case.json").unwrap();
    let mut doc: serde_json::Value = serde_json::from_slice(&list[doc_at].1).unwrap();
    doc["evidence"] = serde_json::json!([{ "path": "evidence/01/录音.m4a", "description": null, "interactions": [] }]);
    put(&mut list, "case.json", serde_json::to_vec_pretty(&doc).unwrap());
    put(&mut list, "evidence/01/录音.m4a", vec![0u8; 64 << 20]);
    let bomb = dir.path().join("bomb.wqcase");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
    for (name, bytes) in &list {
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file(name.as_str(), options).unwrap();
        std::io::Write::write_all(&mut zip, bytes).unwrap();
    }
    zip.finish().unwrap();
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1 << 20, "a small file");
    let mut other = store_in(dir.path(), "other");
    let err = other
        .open_bundle(&bomb, SameCaseChoice::KeepBoth)
        .unwrap_err()
        .to_string();
    assert!(err.contains("no evidence compresses like that"), "{err}");
    assert!(other.list_cases(None).unwrap().is_empty());
    let vault = other.vault().root().to_owned();
    let stored: u64 = walk(&vault);
    assert_eq!(stored, 0, "nothing unpacked into the vault");
}

fn walk(dir: &Path) -> u64 {
    std::fs::read_dir(dir).map_or(0, |rd| {
        rd.flatten()
            .map(|e| match e.file_type() {
                Ok(t) if t.is_dir() => walk(&e.path()),
                _ => e.metadata().map_or(0, |m| m.len()),
            })
            .sum()
    })
}

#[test]
fn a_bundle_of_a_case_here_shows_both_titles_and_parties_before_anything_is_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let (mut consumer, id, out) = handed_over(dir.path());
    // Her case here was renamed and its company changed since she sent it.
    let mut mine = consumer.get_case(id).unwrap().data;
    mine.title = "另一件事：洗衣机".into();
    mine.respondent.name = Some("别的公司".into());
    consumer.update_case(id, &mine).unwrap();
    let asked = consumer.open_bundle(&out, SameCaseChoice::Ask).unwrap();
    assert_eq!(asked.case, CaseId(0), "nothing written while she is asked");
    let same = &asked.same_case[0];
    assert_eq!(same.here.title, "另一件事：洗衣机");
    assert_eq!(same.here.respondent.as_deref(), Some("别的公司"));
    let sent = sample_case();
    assert_eq!(same.bundle.title, sent.title);
    assert_eq!(same.bundle.respondent, sent.respondent.name);
    assert_eq!(same.bundle.complainant, sent.complainant.name);
    assert_eq!(consumer.get_case(id).unwrap().data.title, "另一件事：洗衣机");
}

#[test]
fn evidence_goes_from_the_bundle_into_the_vault_once_with_no_copy_beside_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let (mut consumer, id, _) = handed_over(dir.path());
    let shot = dir.path().join("聊天截图.png");
    std::fs::write(&shot, png(640, 480)).unwrap();
    consumer.import_evidence(id, &shot, &EvidenceMeta::default()).unwrap();
    let out = dir.path().join("with-evidence.wqcase");
    consumer.write_bundle(id, &out, false).unwrap();
    let mut other = store_in(dir.path(), "other");
    let opened = other.open_bundle(&out, SameCaseChoice::KeepBoth).unwrap();
    let files = other.list_evidence(opened.case).unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].original_name, "聊天截图.png");
    let vault = other.vault();
    let object = vault.object_path(&files[0].sha256).unwrap();
    assert_eq!(std::fs::read(object).unwrap(), png(640, 480));
    // Nothing was unpacked anywhere but the vault: no staging folder beside the library, an empty tmp.
    let library = other.path().parent().unwrap().to_owned();
    let beside: Vec<String> = std::fs::read_dir(&library)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".bundle-"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
    assert_eq!(walk(&vault.tmp_dir()), 0);
}

#[test]
fn a_write_larger_than_the_free_space_is_refused_before_it_starts() {
    let dir = tempfile::tempdir().unwrap();
    let free = weiquan_core::fsutil::available_space(dir.path()).expect("free space is known here");
    assert!(free > 0);
    weiquan_core::fsutil::ensure_space(dir.path(), 1 << 20, "a small file").unwrap();
    let err = weiquan_core::fsutil::ensure_space(dir.path(), free, "the bundle's evidence")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("the bundle's evidence") && err.contains("MiB free"),
        "{err}"
    );
    // A path not made yet is measured on the disk of its nearest folder.
    assert!(weiquan_core::fsutil::available_space(&dir.path().join("new/library/weiquan.db")).is_some());
}
