//! Backups, restores, moving the library and drafts, on real SQLite files and real ZIPs in temp dirs.
#![allow(clippy::unwrap_used)]

mod common;

use std::io::{Read, Write};

use common::{png, sample_case, temp_db};
use weiquan_core::store::{EvidenceMeta, Store};
use weiquan_core::Error;

fn library_with_evidence() -> (tempfile::TempDir, std::path::PathBuf, Store, String) {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let (id, _) = store.create_case(&sample_case()).unwrap();
    let shot = dir.path().join("截图.png");
    std::fs::write(&shot, png(40, 30)).unwrap();
    let sha = store
        .import_evidence(id, &shot, &EvidenceMeta::default())
        .unwrap()
        .item
        .sha256;
    (dir, db, store, sha)
}

#[test]
fn a_backup_restores_cases_and_evidence_and_keeps_what_was_there() {
    let (dir, db, mut store, sha) = library_with_evidence();
    let zip = dir.path().join("备份.zip");
    let summary = store.write_backup(&zip).unwrap();
    assert_eq!((summary.case_count, summary.evidence_files), (1, 1));

    // Afterwards the user deletes the case; restoring brings it back, with its file.
    let id = store.list_cases(None).unwrap()[0].id;
    store.delete_case(id).unwrap();
    assert_eq!(store.info().unwrap().case_count, 0);
    assert!(
        !store.vault().object_path(&sha).unwrap().exists(),
        "the last case took its file with it"
    );
    let safety = store.restore_backup(&zip).unwrap();
    assert_eq!(
        safety.case_count, 0,
        "the safety copy holds the library as it was before restoring"
    );
    assert!(std::path::Path::new(&safety.path).exists());
    assert_eq!(store.info().unwrap().case_count, 1);
    let items = store.list_evidence(store.list_cases(None).unwrap()[0].id).unwrap();
    assert_eq!(items[0].sha256, sha);
    assert!(store.verify_vault(None, &mut |_, _, _| {}).unwrap().problems.is_empty());
    // The store stays usable and a fresh open sees the same.
    drop(store);
    assert_eq!(Store::open(&db).unwrap().info().unwrap().case_count, 1);
}

#[test]
fn a_damaged_or_foreign_backup_is_refused_and_nothing_changes() {
    let (dir, _db, mut store, sha) = library_with_evidence();
    let zip = dir.path().join("backup.zip");
    store.write_backup(&zip).unwrap();

    // Rewrite the ZIP with one evidence file altered.
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let tampered = dir.path().join("tampered.zip");
    let mut out = zip::ZipWriter::new(std::fs::File::create(&tampered).unwrap());
    for i in 0..archive.len() {
        let mut e = archive.by_index(i).unwrap();
        let name = e.name().to_owned();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        if name.ends_with(&sha) {
            bytes[10] ^= 1;
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();

    let not_zip = dir.path().join("notes.zip");
    std::fs::write(&not_zip, "just text").unwrap();
    let before = store.list_cases(None).unwrap();
    for (file, says) in [
        (&tampered, "was altered inside the backup"),
        (&not_zip, "is not a Weiquan backup"),
    ] {
        match store.restore_backup(file) {
            Err(Error::Invalid(p)) => assert!(p[0].reason.contains(says), "{p:?}"),
            other => panic!("expected a refusal, got {other:?}"),
        }
        assert_eq!(store.list_cases(None).unwrap(), before, "nothing changed");
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("restore"))
        .collect();
    assert!(leftovers.is_empty(), "no staging or safety files left: {leftovers:?}");
}

#[test]
fn a_backup_whose_database_unpacks_a_thousandfold_is_refused_before_anything_is_unpacked() {
    let (dir, _db, mut store, _sha) = library_with_evidence();
    let zip = dir.path().join("backup.zip");
    store.write_backup(&zip).unwrap();
    // The real backup with its database replaced by 64 MiB of zeros, deflated to some 64 KB.
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let bomb = dir.path().join("bomb.zip");
    let mut out = zip::ZipWriter::new(std::fs::File::create(&bomb).unwrap());
    for i in 0..archive.len() {
        let mut e = archive.by_index(i).unwrap();
        let name = e.name().to_owned();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        if name == "weiquan.db" {
            bytes = vec![0u8; 64 << 20];
        }
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name, options).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap();
    assert!(std::fs::metadata(&bomb).unwrap().len() < 1 << 20, "a small file");
    let before = store.list_cases(None).unwrap();
    match store.restore_backup(&bomb) {
        Err(Error::Invalid(p)) => assert!(p[0].reason.contains("no library compresses like that"), "{p:?}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(store.list_cases(None).unwrap(), before, "nothing changed");
    let unpacked: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("restore"))
        .collect();
    assert!(unpacked.is_empty(), "nothing unpacked or saved: {unpacked:?}");
}

#[test]
fn the_library_moves_to_another_folder_with_its_evidence() {
    let (dir, db, mut store, sha) = library_with_evidence();
    let target = dir.path().join("U盘").join("weiquan.db");
    store.move_to(&target).unwrap();
    assert_eq!(store.path(), target.as_path());
    assert_eq!(store.info().unwrap().case_count, 1);
    assert!(store.vault().object_path(&sha).unwrap().exists());
    assert!(store.verify_vault(None, &mut |_, _, _| {}).unwrap().problems.is_empty());
    assert!(
        !db.exists(),
        "the old database is gone once the copy is open and complete"
    );
    match store.move_to(&target) {
        Err(Error::Invalid(p)) => assert!(p[0].reason.contains("already exists")),
        other => panic!("{other:?}"),
    }
}

#[test]
fn drafts_survive_reopening_and_bad_ones_are_refused() {
    let (_dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    store.save_draft("interview", r#"{"step":2,"name":"某公司"}"#).unwrap();
    store.save_draft("interview", r#"{"step":3}"#).unwrap();
    drop(store);
    let mut store = Store::open(&db).unwrap();
    assert_eq!(store.load_draft("interview").unwrap().as_deref(), Some(r#"{"step":3}"#));
    assert!(matches!(store.save_draft("Bad Key", "{}"), Err(Error::Invalid(_))));
    assert!(matches!(store.save_draft("x", "not json"), Err(Error::Invalid(_))));
    assert_eq!(store.load_draft("interview").unwrap().as_deref(), Some(r#"{"step":3}"#));
    store.delete_draft("interview").unwrap();
    assert_eq!(store.load_draft("interview").unwrap(), None);
}
