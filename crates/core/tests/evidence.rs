#![allow(clippy::unwrap_used)]

mod common;

use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use common::{jpeg_with_exif, mp4_created_at, png, sample_case, sha256sum, temp_db};
use rusqlite::params;
use weiquan_core::evidence::Vault;
use weiquan_core::model::CaseId;
use weiquan_core::store::{EvidenceMeta, Store, VaultProblemKind};

fn setup() -> (tempfile::TempDir, Store, CaseId, PathBuf) {
    let (dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let (case, _) = store.create_case(&sample_case()).unwrap();
    let files = dir.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    (dir, store, case, files)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn object_files(vault: &Vault) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for d in std::fs::read_dir(vault.objects_dir()).unwrap() {
        for f in std::fs::read_dir(d.unwrap().path()).unwrap() {
            v.push(f.unwrap().path());
        }
    }
    v
}

#[test]
fn imports_keep_the_original_bytes_with_both_hashes_and_sniffed_type() {
    let (_dir, mut store, case, files) = setup();
    let interaction = store.get_case(case).unwrap().data.interactions[0].id.unwrap();
    // A PNG named .txt: the type comes from the bytes.
    let bytes = png(800, 600);
    let src = write(&files, "聊天截图.txt", &bytes);
    let meta = EvidenceMeta {
        description: Some("下单前聊天截图".into()),
        source: Some("淘宝 App，账号 wxl***".into()),
        interactions: vec![interaction],
    };
    let out = store.import_evidence(case, &src, &meta).unwrap();
    let it = &out.item;
    assert!(!out.duplicate);
    assert_eq!(it.sha256, sha256sum(&src), "SHA-256 matches the system's sha256sum");
    assert_eq!(it.sm3.len(), 64);
    assert_eq!(it.size, bytes.len() as u64);
    assert_eq!(it.content_type, "image/png");
    assert_eq!(it.original_name, "聊天截图.txt");
    assert_eq!(it.interactions, vec![interaction]);
    assert!(it.imported_at.ends_with("+08:00"));
    let vault = store.vault();
    assert!(
        vault.root().starts_with(store.path().parent().unwrap()),
        "the vault lives beside the database"
    );
    let stored = vault.object_path(&it.sha256).unwrap();
    assert_eq!(
        std::fs::read(&stored).unwrap(),
        bytes,
        "the original is kept byte for byte"
    );
    assert!(std::fs::metadata(&stored).unwrap().permissions().readonly());
    let thumb = vault.thumb_path(&it.sha256).unwrap();
    let t = image::open(&thumb).unwrap();
    assert_eq!(
        (t.width(), t.height()),
        (320, 240),
        "a thumbnail is cached apart from the original"
    );
    assert_eq!(std::fs::read(&src).unwrap(), bytes, "the source file is untouched");

    let photo = write(&files, "IMG_0001.JPG", &jpeg_with_exif());
    let out = store.import_evidence(case, &photo, &EvidenceMeta::default()).unwrap();
    assert_eq!(out.item.content_type, "image/jpeg");
    assert_eq!(out.item.reported_at.as_deref(), Some("2026-09-05T10:12:00+08:00"));
    assert_eq!(out.item.reported_by.as_deref(), Some("EXIF DateTimeOriginal"));

    // 2026-09-08T07:40:00Z, the phone call of the sample case.
    let call = write(&files, "通话录音.mp4", &mp4_created_at(1_788_853_200));
    let out = store.import_evidence(case, &call, &EvidenceMeta::default()).unwrap();
    assert_eq!(out.item.content_type, "video/mp4");
    assert_eq!(out.item.reported_at.as_deref(), Some("2026-09-08T07:40:00+00:00"));
    assert_eq!(out.item.reported_by.as_deref(), Some("MP4 mvhd creation_time"));

    let chat = write(&files, "chat.html", "<!DOCTYPE html><p>客服：亲</p>".as_bytes());
    assert_eq!(
        store
            .import_evidence(case, &chat, &EvidenceMeta::default())
            .unwrap()
            .item
            .content_type,
        "text/html"
    );
    assert_eq!(store.list_evidence(case).unwrap().len(), 4);
}

#[test]
fn identical_content_is_stored_once() {
    let (_dir, mut store, case, files) = setup();
    let a = write(&files, "a.png", &png(10, 10));
    let b = write(&files, "copy-of-a.png", &png(10, 10));
    let first = store.import_evidence(case, &a, &EvidenceMeta::default()).unwrap();
    let again = store.import_evidence(case, &b, &EvidenceMeta::default()).unwrap();
    assert!(again.duplicate);
    assert_eq!(again.item.id, first.item.id);
    let (other, _) = store.create_case(&sample_case()).unwrap();
    let shared = store.import_evidence(other, &a, &EvidenceMeta::default()).unwrap();
    assert!(!shared.duplicate, "a new item in the other case");
    assert_eq!(shared.item.sha256, first.item.sha256);
    assert_eq!(object_files(&store.vault()).len(), 1, "one file for the same content");

    store.delete_case(case).unwrap();
    assert_eq!(object_files(&store.vault()).len(), 1, "still used by the other case");
    store.delete_case(other).unwrap();
    assert!(
        object_files(&store.vault()).is_empty(),
        "unused content leaves the vault with its last case"
    );
}

#[test]
fn bad_files_get_clear_errors_and_change_nothing() {
    let (_dir, mut store, case, files) = setup();
    let empty = write(&files, "empty.png", b"");
    let err = store
        .import_evidence(case, &empty, &EvidenceMeta::default())
        .unwrap_err();
    assert!(err.to_string().contains("is empty (0 bytes)"), "{err}");
    let err = store
        .import_evidence(case, &files, &EvidenceMeta::default())
        .unwrap_err();
    assert!(err.to_string().contains("is a folder"), "{err}");
    let err = store
        .import_evidence(case, &files.join("nope.png"), &EvidenceMeta::default())
        .unwrap_err();
    assert!(
        err.to_string().contains("cannot read") && err.to_string().contains("nope.png"),
        "{err}"
    );

    // A file that exists but cannot be read. As root, permissions do not stop reads; sysfs write-only files do.
    let unreadable = Path::new("/sys/bus/pci/rescan");
    let unreadable = if unreadable.exists() {
        unreadable.to_path_buf()
    } else {
        let p = write(&files, "locked.png", &png(4, 4));
        std::fs::set_permissions(&p, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
        p
    };
    let err = store
        .import_evidence(case, &unreadable, &EvidenceMeta::default())
        .unwrap_err();
    assert!(err.to_string().starts_with("cannot read"), "{err}");

    let foreign = store.create_case(&sample_case()).unwrap().0;
    let foreign_interaction = store.get_case(foreign).unwrap().data.interactions[0].id.unwrap();
    let ok = write(&files, "ok.png", &png(4, 4));
    let meta = EvidenceMeta {
        interactions: vec![foreign_interaction],
        ..Default::default()
    };
    assert!(
        store.import_evidence(case, &ok, &meta).is_err(),
        "an interaction of another case is refused"
    );

    assert!(store.list_evidence(case).unwrap().is_empty());
    assert!(!store.vault().objects_dir().exists() || object_files(&store.vault()).is_empty());
    let tmp = store.vault().tmp_dir();
    assert!(
        !tmp.exists() || std::fs::read_dir(&tmp).unwrap().next().is_none(),
        "no temp file is left behind"
    );
}

#[test]
fn a_non_utf8_file_name_is_kept_readably_with_a_warning() {
    let (_dir, mut store, case, files) = setup();
    let name = std::ffi::OsStr::from_bytes(b"\xd5\xc5\xc8\xfd-\xff.png"); // GBK bytes, not UTF-8
    let p = files.join(name);
    std::fs::write(&p, png(8, 8)).unwrap();
    let out = store.import_evidence(case, &p, &EvidenceMeta::default()).unwrap();
    assert_eq!(out.warnings.len(), 1);
    assert!(out.warnings[0].reason.contains("not valid UTF-8"));
    assert!(
        out.item.original_name.ends_with("-\u{fffd}.png"),
        "{}",
        out.item.original_name
    );
}

#[test]
fn a_failed_file_in_a_batch_leaves_the_others() {
    let (_dir, mut store, case, files) = setup();
    let a = write(&files, "a.png", &png(5, 5));
    let empty = write(&files, "b.png", b"");
    let c = write(&files, "c.png", &png(6, 6));
    let mut seen = Vec::new();
    let results = store
        .import_evidence_batch_until(
            case,
            &[a, empty.clone(), c],
            &EvidenceMeta::default(),
            &mut |done, total, _| seen.push((done, total)),
            &AtomicBool::new(false),
        )
        .unwrap();
    assert_eq!(seen, vec![(0, 3), (1, 3), (2, 3), (3, 3)]);
    let failed: Vec<_> = results
        .iter()
        .filter(|(_, r)| r.is_err())
        .map(|(p, _)| p.clone())
        .collect();
    assert_eq!(failed, vec![empty]);
    assert_eq!(store.list_evidence(case).unwrap().len(), 2);
}

#[test]
fn a_batch_is_limited_in_the_core_for_both_front_ends_and_stops_when_cancelled() {
    let (_dir, mut store, case, files) = setup();
    let a = write(&files, "a.png", &png(5, 5));
    let none = AtomicBool::new(false);
    let meta = EvidenceMeta::default();
    let err = store
        .import_evidence_batch_until(case, &[], &meta, &mut |_, _, _| {}, &none)
        .unwrap_err();
    assert!(matches!(err, weiquan_core::Error::Invalid(_)), "{err}");
    let many = vec![a.clone(); weiquan_core::store::MAX_BATCH_FILES + 1];
    let err = store
        .import_evidence_batch_until(case, &many, &meta, &mut |_, _, _| {}, &none)
        .unwrap_err();
    assert!(err.to_string().contains("501 given"), "{err}");
    assert!(store.list_evidence(case).unwrap().is_empty(), "nothing imported");
    let cancelled = AtomicBool::new(true);
    let out = store
        .import_evidence_batch_until(case, &[a], &meta, &mut |_, _, _| {}, &cancelled)
        .unwrap();
    assert!(out.is_empty());
    assert!(store.list_evidence(case).unwrap().is_empty());
}

#[test]
fn verify_reports_flipped_truncated_deleted_and_extra_files() {
    let (_dir, mut store, case, files) = setup();
    let mut shas = Vec::new();
    for (i, name) in ["flip.png", "trunc.png", "gone.png", "fine.png"].iter().enumerate() {
        let f = write(&files, name, &png(20 + i as u32, 20));
        shas.push(
            store
                .import_evidence(case, &f, &EvidenceMeta::default())
                .unwrap()
                .item
                .sha256,
        );
    }
    let vault = store.vault();
    let mut calls = 0;
    let clean = store.verify_vault(None, &mut |_, _, _| calls += 1).unwrap();
    assert_eq!((clean.checked, clean.intact, clean.problems.len(), calls), (4, 4, 0, 4));
    assert!(!clean.cancelled);
    // Cancelled after the second file: the report says so and covers only what was checked.
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let part = store
        .verify_vault_until(
            None,
            &mut |done, _, _| {
                if done == 2 {
                    cancel.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            },
            &cancel,
        )
        .unwrap();
    assert_eq!((part.checked, part.intact, part.cancelled), (2, 2, true));

    let writable = |p: &Path| {
        let mut perm = std::fs::metadata(p).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perm.set_readonly(false);
        std::fs::set_permissions(p, perm).unwrap();
    };
    let flip = vault.object_path(&shas[0]).unwrap();
    writable(&flip);
    let mut bytes = std::fs::read(&flip).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    std::fs::write(&flip, bytes).unwrap();
    let trunc = vault.object_path(&shas[1]).unwrap();
    writable(&trunc);
    let len = std::fs::metadata(&trunc).unwrap().len();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&trunc)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    std::fs::remove_file(vault.object_path(&shas[2]).unwrap()).unwrap();
    std::fs::write(vault.objects_dir().join("notes.txt"), b"hello").unwrap();

    let report = store.verify_vault(None, &mut |_, _, _| {}).unwrap();
    let kind_of = |name: &str| {
        report
            .problems
            .iter()
            .find(|p| p.items.iter().any(|i| i == name) || p.path.ends_with(name))
            .map(|p| p.kind)
    };
    assert_eq!(kind_of("flip.png"), Some(VaultProblemKind::Altered));
    assert_eq!(kind_of("trunc.png"), Some(VaultProblemKind::Altered));
    assert!(report
        .problems
        .iter()
        .any(|p| p.items == ["trunc.png"] && p.detail.contains(&format!("was {len}"))));
    assert_eq!(kind_of("gone.png"), Some(VaultProblemKind::Missing));
    assert_eq!(kind_of("notes.txt"), Some(VaultProblemKind::Unexpected));
    assert_eq!(kind_of("fine.png"), None);
    assert_eq!((report.checked, report.intact, report.problems.len()), (4, 1, 4));

    let (other, _) = store.create_case(&sample_case()).unwrap();
    let per_case = store.verify_vault(Some(other), &mut |_, _, _| {}).unwrap();
    assert_eq!(
        (per_case.checked, per_case.problems.len()),
        (0, 0),
        "one case's check looks at its files only"
    );
}

#[test]
fn the_audit_chain_detects_edits_removals_and_reordering() {
    let (_dir, mut store, case, files) = setup();
    let f = write(&files, "a.png", &png(9, 9));
    store.import_evidence(case, &f, &EvidenceMeta::default()).unwrap();
    let mut data = store.get_case(case).unwrap().data;
    data.title = "改过的标题".into();
    store.update_case(case, &data).unwrap();
    store.record_export(case, "dossier.pdf").unwrap();
    let log = store.audit_log(Some(case)).unwrap();
    let actions: Vec<_> = log.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions,
        ["case_created", "evidence_imported", "case_updated", "case_exported"]
    );
    assert_eq!(store.verify_audit().unwrap().first_break, None);

    let c = store.connection();
    let original: String = c
        .query_row("SELECT detail FROM audit_log WHERE seq = 2", [], |r| r.get(0))
        .unwrap();
    c.execute("UPDATE audit_log SET detail = 'x.png sha256:0' WHERE seq = 2", [])
        .unwrap();
    let b = store.verify_audit().unwrap().first_break.unwrap();
    assert_eq!(b.seq, 2);
    assert!(b.reason.contains("was edited"), "{}", b.reason);
    c.execute("UPDATE audit_log SET detail = ?1 WHERE seq = 2", params![original])
        .unwrap();
    assert_eq!(store.verify_audit().unwrap().first_break, None, "restored");

    // Swap the contents of records 2 and 3 (same seq numbers, different order of events).
    c.execute_batch(
        "CREATE TEMP TABLE r AS SELECT * FROM audit_log WHERE seq IN (2, 3);
         UPDATE audit_log SET at = (SELECT at FROM r WHERE seq = 3), action = (SELECT action FROM r WHERE seq = 3),
                detail = (SELECT detail FROM r WHERE seq = 3), prev_hash = (SELECT prev_hash FROM r WHERE seq = 3),
                hash = (SELECT hash FROM r WHERE seq = 3) WHERE seq = 2;
         UPDATE audit_log SET at = (SELECT at FROM r WHERE seq = 2), action = (SELECT action FROM r WHERE seq = 2),
                detail = (SELECT detail FROM r WHERE seq = 2), prev_hash = (SELECT prev_hash FROM r WHERE seq = 2),
                hash = (SELECT hash FROM r WHERE seq = 2) WHERE seq = 3;",
    )
    .unwrap();
    let b = store.verify_audit().unwrap().first_break.unwrap();
    assert_eq!(b.seq, 2);
    assert!(b.reason.contains("does not follow"), "{}", b.reason);

    c.execute("DELETE FROM audit_log WHERE seq IN (2, 3)", []).unwrap();
    let b = store.verify_audit().unwrap().first_break.unwrap();
    assert_eq!(b.seq, 4);
    assert!(b.reason.contains("record 2 is missing"), "{}", b.reason);
}
