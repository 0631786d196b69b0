//! Files and rows from strangers: a case document whose evidence paths reach outside its folder, pipes and devices
//! where files should be, database rows whose hashes are paths, numbers no statute has, exports aimed at the
//! library itself. Each is refused with a clear error and leaves the stored data as it was — never a hang, a panic
//! or a file read or deleted outside the vault.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use common::{entries, png, sample_case, temp_db, write_entries};
use weiquan_core::exchange;
use weiquan_core::legal::{kb, numerals::to_chinese, Citation};
use weiquan_core::model::CaseId;
use weiquan_core::store::{EvidenceMeta, SameCaseChoice, Store};
use weiquan_core::Error;

/// Runs `f` on its own thread and fails the test if it has not returned within `limit` (a hang is a failure, not a
/// stuck suite).
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit)
        .unwrap_or_else(|_| panic!("did not return within {} s", limit.as_secs()))
}

fn within_10s<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    within(Duration::from_secs(10), f)
}

/// For work that is honest but large (a debug build reading a picture of millions of pixels): a quadratic stage
/// takes hours there, a bounded one seconds.
fn within_60s<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    within(Duration::from_secs(60), f)
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap()
        .success();
    assert!(ok, "mkfifo");
}

fn document_with_evidence(dir: &Path, evidence_path: &str) -> std::path::PathBuf {
    let mut doc = exchange::to_value(&sample_case(), &[]).unwrap();
    doc["evidence"] = serde_json::json!([{ "path": evidence_path, "description": "聊天截图" }]);
    let file = dir.join("case.json");
    std::fs::write(&file, serde_json::to_string(&doc).unwrap()).unwrap();
    file
}

fn import_from(store: &mut Store, file: &Path) -> Result<CaseId, Error> {
    let text = exchange::read_document(file)?;
    let doc = exchange::parse(&text)?;
    store.import_document(&doc, file.parent().unwrap()).map(|(id, _)| id)
}

#[test]
fn evidence_paths_must_stay_inside_the_documents_folder() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let handoff = dir.path().join("handoff");
    std::fs::create_dir_all(&handoff).unwrap();
    let secret = dir.path().join("id_rsa");
    std::fs::write(&secret, b"-----BEGIN OPENSSH PRIVATE KEY-----").unwrap();
    std::os::unix::fs::symlink(&secret, handoff.join("link.png")).unwrap();
    std::os::unix::fs::symlink(&db, handoff.join("db.png")).unwrap();
    mkfifo(&handoff.join("pipe.png"));
    std::fs::write(handoff.join("ok.png"), png(8, 8)).unwrap();
    for (path, why) in [
        (secret.to_str().unwrap().to_owned(), "absolute"),
        ("../id_rsa".to_owned(), "goes up"),
        ("sub/../../id_rsa".to_owned(), "goes up"),
        ("link.png".to_owned(), "outside the document's folder"),
        ("db.png".to_owned(), "outside the document's folder"),
        ("pipe.png".to_owned(), "not a regular file"),
        ("missing.png".to_owned(), "cannot be read"),
        ("".to_owned(), "empty"),
    ] {
        let file = document_with_evidence(&handoff, &path);
        let mut store2 = Store::open(&db).unwrap();
        let err = within_10s(move || import_from(&mut store2, &file).unwrap_err());
        let text = err.to_string();
        assert!(
            text.contains("evidence[0].path") && text.contains(why),
            "{path:?}: {text}"
        );
    }
    assert!(store.list_cases(None).unwrap().is_empty(), "nothing was written");
    assert_eq!(
        std::fs::read_dir(store.vault().objects_dir()).map_or(0, |d| d.count()),
        0
    );
    // A plain name inside the folder still works.
    let file = document_with_evidence(&handoff, "ok.png");
    let id = import_from(&mut store, &file).unwrap();
    assert_eq!(store.list_evidence(id).unwrap().len(), 1);
}

#[test]
fn a_case_document_must_be_a_regular_file_of_sane_size() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("case.json");
    mkfifo(&fifo);
    let err = within_10s(move || exchange::read_document(&fifo).unwrap_err());
    assert!(err.to_string().contains("not a regular file"), "{err}");
    let err = within_10s(|| exchange::read_document(Path::new("/dev/zero")).unwrap_err());
    assert!(err.to_string().contains("not a regular file"), "{err}");
    let big = dir.path().join("big.json");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(weiquan_core::fsutil::MAX_DOCUMENT_BYTES + 1).unwrap();
    let err = exchange::read_document(&big).unwrap_err();
    assert!(err.to_string().contains("limit"), "{err}");
}

#[test]
fn a_pipe_offered_as_evidence_is_refused_not_waited_on() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let (id, _) = store.create_case(&sample_case()).unwrap();
    let fifo = dir.path().join("recording.m4a");
    mkfifo(&fifo);
    let err = within_10s(move || store.import_evidence(id, &fifo, &EvidenceMeta::default()).unwrap_err());
    assert!(err.to_string().contains("not a regular file"), "{err}");
}

#[test]
fn a_pipe_or_a_device_offered_as_a_screenshot_is_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("shot.png");
    mkfifo(&fifo);
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let err = within_10s(move || {
        weiquan_core::transcript::read_file(&fifo, now)
            .err()
            .map(|e| e.to_string())
    });
    assert!(
        err.as_deref().is_some_and(|e| e.contains("not a regular file")),
        "{err:?}"
    );
    // /dev/zero says it has 0 bytes: the cap is on what is read, not on what the metadata claims.
    let err = within_10s(move || {
        weiquan_core::transcript::read_file(Path::new("/dev/zero"), now)
            .err()
            .map(|e| e.to_string())
    });
    assert!(
        err.as_deref().is_some_and(|e| e.contains("not a regular file")),
        "{err:?}"
    );
}

mod crafted_pictures {
    //! Pictures made to take the screenshot reader's time or memory (as the second review's were): each stage of the
    //! layout is bounded by the picture's size, and a picture past a bound is refused by name with the reason.
    use super::within_60s;
    use image::{Rgb, RgbImage};
    use weiquan_core::transcript::{self, layout, layout::Unreadable, Screenshot};

    fn shot(name: &str, image: RgbImage) -> Screenshot {
        Screenshot {
            name: name.into(),
            image,
            reference: chrono::DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap(),
        }
    }

    #[test]
    fn specks_that_never_group_do_not_make_grouping_quadratic() {
        // 100,000 dots of 2 × 2, each alone: 25 to a band of two rows, more than the grouping gap apart, the bands a
        // row apart. Compared each with every group, as before, that is 5·10⁹ comparisons; now each dot meets
        // the few groups open on its row.
        let img = RgbImage::from_fn(1200, 12_003, |x, y| {
            let dot = x % 48 < 2 && y % 3 < 2 && x < 1200 - 48;
            if dot {
                Rgb([0, 0, 0])
            } else {
                Rgb([255, 255, 255])
            }
        });
        let got = within_60s(move || layout::blocks(&img).map(|b| b.len()));
        assert_eq!(got, Ok(0), "specks are no text");
    }

    #[test]
    fn rows_of_noise_are_joined_in_one_pass_per_row() {
        // 20,000 pixels wide, alternate pixels dark on 45 rows: 450,000 runs, 10,000 a row. Each run of a row
        // compared with every run of the row above was 10⁸ comparisons a row.
        let img = RgbImage::from_fn(20_000, 120, |x, y| {
            if (40..85).contains(&y) && x % 2 == 0 {
                Rgb([0, 0, 0])
            } else {
                Rgb([255, 255, 255])
            }
        });
        let got = within_60s(move || layout::blocks(&img).map(|b| b.len()));
        assert!(got.is_ok(), "{got:?}");
    }

    #[test]
    fn a_bubble_of_thin_stripes_is_refused_before_its_lines_take_gigabytes() {
        // A bubble 1,380 wide holding 370 stripes 3 px high: each stripe was cut out as a line and stretched to
        // 48 px high (some 9,000 px wide, 440 KB): 160 MB of lines for this 9-megapixel picture, gigabytes for a
        // larger one. The text one picture is read for is bounded; past it the picture is refused by name.
        let img = RgbImage::from_fn(3000, 3000, |x, y| {
            let bubble = (20..1400).contains(&x) && (20..2980).contains(&y);
            let stripe = bubble && (40..1380).contains(&x) && (40..2960).contains(&y) && y % 8 < 3;
            if stripe {
                Rgb([0, 0, 0])
            } else if bubble {
                Rgb([160, 230, 110])
            } else {
                Rgb([240, 240, 240])
            }
        });
        let again = img.clone();
        let got = within_60s(move || layout::blocks(&img).map(|b| b.len()));
        assert_eq!(got, Err(Unreadable::TooMuchText));
        let e = within_60s(move || transcript::transcribe(&[shot("stripes.png", again)], Default::default()))
            .unwrap_err()
            .to_string();
        assert!(e.contains("stripes.png") && e.contains("split a long capture"), "{e}");
    }

    #[test]
    fn many_small_bubbles_are_bounded_by_the_number_of_lines() {
        // 2,100 bubbles of one short line each (300 are read at most), four to a row (at 720 px wide a logical pixel is 2 px: 70 × 30 is
        // a bubble): past the lines one picture is read for.
        let img = RgbImage::from_fn(720, 17_900, |x, y| {
            let (bx, by) = (x % 180, y % 34);
            let bubble = (20..90).contains(&bx) && (2..32).contains(&by) && y > 34 && y < 17_870;
            let ink = bubble && (30..60).contains(&bx) && (10..20).contains(&by);
            if ink {
                Rgb([0, 0, 0])
            } else if bubble {
                Rgb([255, 255, 255])
            } else {
                Rgb([237, 237, 237])
            }
        });
        assert_eq!(
            within_60s(move || layout::blocks(&img).map(|b| b.len())),
            Err(Unreadable::TooManyLines)
        );
    }
}

#[test]
fn a_pipe_named_holidays_json_beside_the_library_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("weiquan.db");
    mkfifo(&dir.path().join("holidays.json"));
    let err = within_10s(move || {
        weiquan_core::calendar::Calendar::for_library(&db)
            .err()
            .map(|e| e.to_string())
    });
    assert!(
        err.as_deref().is_some_and(|e| e.contains("not a regular file")),
        "{err:?}"
    );
}

/// Puts an evidence row whose "hash" is `sha` into the case, as a crafted backup could.
fn crafted_row(store: &Store, case: CaseId, sha: &str) {
    let c = store.connection();
    c.execute(
        "INSERT INTO evidence_objects (sha256, sm3, size, content_type) VALUES (?1, ?2, 10, 'image/png')",
        [sha, &"0".repeat(64)],
    )
    .unwrap();
    c.execute(
        "INSERT INTO evidence_items (case_id, sha256, original_name, imported_at) VALUES (?1, ?2, 'x.png', '2026-01-01T00:00:00+08:00')",
        rusqlite::params![case.0, sha],
    )
    .unwrap();
}

#[test]
fn a_hash_from_the_database_never_becomes_a_path() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let victim = dir.path().join("victim1.txt");
    std::fs::write(&victim, b"keep me").unwrap();
    // 64 characters that, joined as objects/<first two>/<all>, climb out of the vault to the victim.
    let climb = format!("{}../../../victim1.txt", "./".repeat(22));
    assert_eq!(climb.len(), 64);
    std::fs::create_dir_all(store.vault().objects_dir()).unwrap();
    assert!(
        store.vault().objects_dir().join(&climb[..2]).join(&climb).exists(),
        "the crafted path does reach it"
    );
    let wide = "证".repeat(64);
    for sha in [climb.as_str(), wide.as_str()] {
        let (id, _) = store.create_case(&sample_case()).unwrap();
        crafted_row(&store, id, sha);
        let out = dir.path().join("out.pdf");
        let err = weiquan_core::dossier::write(
            &mut store,
            id,
            chrono::DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap(),
            &out,
        )
        .unwrap_err();
        assert!(err.to_string().contains("not a SHA-256"), "{err}");
        let err = weiquan_core::dossier::package(
            &mut store,
            id,
            chrono::DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap(),
            &dir.path().join("p.zip"),
            None,
        )
        .unwrap_err();
        assert!(err.to_string().contains("not a SHA-256"), "{err}");
        store.delete_case(id).unwrap();
        assert_eq!(
            std::fs::read(&victim).unwrap(),
            b"keep me",
            "a case delete removed nothing outside the vault"
        );
    }
}

#[test]
fn numbers_no_statute_has_are_answered_not_panicked_on() {
    assert_eq!(to_chinese(10_000), "一万");
    let c = Citation {
        law: "消费者权益保护法".into(),
        article: 20,
        paragraph: Some(0),
        item: None,
    };
    assert!(
        kb().cited_text(&c).is_err(),
        "paragraph 0 is an error, not an underflow"
    );
    let c = Citation {
        article: 10_000,
        paragraph: None,
        ..c
    };
    assert!(kb().cited_text(&c).unwrap_err().contains("not in the verified data"));
    assert_eq!(kb().label(&c), "第一万条");
}

#[test]
fn an_export_aimed_at_the_library_is_refused_and_changes_nothing() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let (id, _) = store.create_case(&sample_case()).unwrap();
    let before = std::fs::read(&db).unwrap();
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let vault_file = store.vault().objects_dir().join("x.pdf");
    std::fs::create_dir_all(store.vault().objects_dir()).unwrap();
    for target in [
        db.clone(),
        db.with_file_name("weiquan.db-wal"),
        db.with_file_name("weiquan.db.level8.bak"),
        vault_file,
    ] {
        let err = weiquan_core::dossier::write(&mut store, id, at, &target).unwrap_err();
        assert!(
            err.to_string().contains("part of the case library"),
            "{}: {err}",
            target.display()
        );
        assert!(weiquan_core::dossier::package(&mut store, id, at, &target, None).is_err());
        assert!(store.export_document(id, &target).is_err());
        assert!(store.write_backup(&target).is_err());
    }
    // A link outside that points into the library is refused too.
    let link = dir.path().join("looks-harmless.pdf");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    assert!(weiquan_core::dossier::write(&mut store, id, at, &link).is_err());
    assert_eq!(std::fs::read(&db).unwrap(), before, "the library file is untouched");
    weiquan_core::dossier::write(&mut store, id, at, &dir.path().join("ok.pdf")).unwrap();
    weiquan_core::dossier::write(&mut store, id, at, &db.with_file_name("投诉材料.pdf")).unwrap();
}

#[test]
fn reduced_copy_sizes_are_checked_in_the_core_for_every_front_end() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let (id, _) = store.create_case(&sample_case()).unwrap();
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    for kb in [0, 19, 100_001, u64::MAX] {
        let err = weiquan_core::dossier::package(&mut store, id, at, &dir.path().join("p.zip"), Some(kb)).unwrap_err();
        assert!(err.to_string().contains("max_image_kb"), "{kb}: {err}");
    }
}

#[test]
fn concurrent_writers_all_succeed_and_nothing_is_lost() {
    let (_dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let (id, _) = store.create_case(&sample_case()).unwrap();
    drop(store);
    let writers: Vec<_> = (0..8)
        .map(|n| {
            let db = db.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&db).unwrap();
                let event = weiquan_core::model::CaseEvent {
                    kind: weiquan_core::model::EventKind::CompanyReply,
                    date: "2026-10-01".parse().unwrap(),
                    channel: None,
                    reference: Some(format!("writer {n}")),
                    note: None,
                    evidence: None,
                };
                store.add_event(id, event).map(|_| ())
            })
        })
        .collect();
    let results: Vec<_> = writers.into_iter().map(|w| w.join().unwrap()).collect();
    let ok = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(ok, 8, "{results:?}");
    let store = Store::open(&db).unwrap();
    let events = store.get_case(id).unwrap().data.events;
    assert_eq!(events.len(), ok, "every write reported as done is kept");
    for n in 0..8 {
        assert!(events
            .iter()
            .any(|e| e.reference.as_deref() == Some(&format!("writer {n}"))));
    }
}

#[test]
fn names_and_cells_written_for_others_cannot_mislead_or_run() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let (id, _) = store.create_case(&sample_case()).unwrap();
    let file = dir.path().join("shot.png");
    std::fs::write(&file, png(8, 8)).unwrap();
    let meta = EvidenceMeta {
        description: Some("=HYPERLINK(\"http://x\")\r\u{202e}gpj.exe".into()),
        ..EvidenceMeta::default()
    };
    store.import_evidence(id, &file, &meta).unwrap();
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let out = dir.path().join("p.zip");
    let report = weiquan_core::dossier::package(&mut store, id, at, &out, None).unwrap();
    let exhibit = report.files.iter().find(|f| f.starts_with("证据/")).unwrap();
    assert!(
        !exhibit.contains('\u{202e}') && !exhibit.contains('\r') && !exhibit.contains('"'),
        "{exhibit:?}"
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut csv = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("证据清单.csv").unwrap(), &mut csv).unwrap();
    let rows: Vec<&str> = csv.split('\n').filter(|l| !l.is_empty()).collect();
    assert!(
        rows[1].contains("\"'=HYPERLINK(\"\"http://x\"\")"),
        "a formula is written as text: {}",
        rows[1]
    );
    assert!(!rows[1].contains("\",\"=HYPERLINK"), "no cell starts with =");
}

/// A backup of a library with one case and one evidence file, then rewritten by `tamper` (given the unpacked
/// database), as a stranger could hand one over.
fn tampered_backup(dir: &Path, tamper: impl FnOnce(&rusqlite::Connection)) -> std::path::PathBuf {
    let src_db = dir.join("src").join("weiquan.db");
    let mut src = Store::open(&src_db).unwrap();
    let (id, _) = src.create_case(&sample_case()).unwrap();
    let shot = dir.join("shot.png");
    std::fs::write(&shot, png(8, 8)).unwrap();
    src.import_evidence(id, &shot, &EvidenceMeta::default()).unwrap();
    let good = dir.join("good.zip");
    src.write_backup(&good).unwrap();
    drop(src);
    let unpacked = dir.join("unpacked");
    zip::ZipArchive::new(std::fs::File::open(&good).unwrap())
        .unwrap()
        .extract(&unpacked)
        .unwrap();
    {
        let conn = rusqlite::Connection::open(unpacked.join("weiquan.db")).unwrap();
        tamper(&conn);
    }
    let bad = dir.join("bad.zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&bad).unwrap());
    let mut reader = zip::ZipArchive::new(std::fs::File::open(&good).unwrap()).unwrap();
    for i in 0..reader.len() {
        let name = reader.by_index(i).unwrap().name().to_owned();
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        let bytes = std::fs::read(unpacked.join(&name)).unwrap();
        std::io::Write::write_all(&mut w, &bytes).unwrap();
    }
    w.finish().unwrap();
    bad
}

#[test]
fn a_backup_with_a_foreign_schema_or_level_is_refused_and_the_library_kept() {
    type Tamper = Box<dyn FnOnce(&rusqlite::Connection)>;
    let attacks: Vec<(&str, Tamper)> = vec![
        (
            "trigger",
            Box::new(|c| {
                c.execute_batch("CREATE TRIGGER hang AFTER INSERT ON laws BEGIN SELECT 1; END;")
                    .unwrap()
            }),
        ),
        (
            "view",
            Box::new(|c| c.execute_batch("CREATE VIEW v AS SELECT 1;").unwrap()),
        ),
        (
            "level 0",
            Box::new(|c| c.pragma_update(None, "user_version", 0).unwrap()),
        ),
        (
            "level 999",
            Box::new(|c| c.pragma_update(None, "user_version", 999).unwrap()),
        ),
        (
            "does not hold",
            Box::new(|c| {
                let fake = "ab".repeat(32);
                c.execute(
                    "INSERT INTO evidence_objects (sha256, sm3, size, content_type) VALUES (?1, ?1, 1, 'image/png')",
                    [&fake],
                )
                .unwrap();
                c.execute(
                    "INSERT INTO evidence_items (case_id, sha256, original_name, imported_at) VALUES (1, ?1, 'x', 't')",
                    [&fake],
                )
                .unwrap();
            }),
        ),
        (
            // 64 characters, so the table's own check lets it in, but not hex: refused before it could be a path.
            "as a SHA-256",
            Box::new(|c| {
                c.execute(
                    "INSERT INTO evidence_objects (sha256, sm3, size, content_type) VALUES (?1, ?1, 1, 'image/png')",
                    [&"G".repeat(64)],
                )
                .unwrap();
            }),
        ),
    ];
    for (why, tamper) in attacks {
        let dir = tempfile::tempdir().unwrap();
        let bad = tampered_backup(dir.path(), tamper);
        let db = dir.path().join("lib").join("weiquan.db");
        let mut store = Store::open(&db).unwrap();
        store.create_case(&sample_case()).unwrap();
        let err = store.restore_backup(&bad).unwrap_err().to_string();
        assert!(
            err.contains(why)
                || (why == "trigger" && err.contains("\"hang\""))
                || (why == "view" && err.contains("\"v\"")),
            "{why}: {err}"
        );
        assert_eq!(
            store.list_cases(None).unwrap().len(),
            1,
            "{why}: the library is as it was"
        );
        drop(store);
        let store = within_10s(move || Store::open(&db).map(|s| s.list_cases(None).unwrap().len()));
        assert_eq!(store.unwrap(), 1, "{why}: and it still opens");
    }
}

#[test]
fn restore_and_move_wait_for_no_one_and_refuse_while_the_library_is_open_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let good = {
        let src_db = dir.path().join("src").join("weiquan.db");
        let mut src = Store::open(&src_db).unwrap();
        src.create_case(&sample_case()).unwrap();
        let good = dir.path().join("good.zip");
        src.write_backup(&good).unwrap();
        good
    };
    let db = dir.path().join("lib").join("weiquan.db");
    let mut store = Store::open(&db).unwrap();
    let other = Store::open(&db).unwrap();
    let err = store.restore_backup(&good).unwrap_err().to_string();
    assert!(err.contains("in use"), "{err}");
    let err = store
        .move_to(&dir.path().join("elsewhere").join("weiquan.db"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("in use"), "{err}");
    drop(other);
    store.restore_backup(&good).unwrap();
    assert_eq!(store.list_cases(None).unwrap().len(), 1);
    // A killed restore's staging folder is cleaned up the next time the library opens.
    let leftover = db.with_file_name("weiquan.db.restore-4242");
    std::fs::create_dir_all(leftover.join("vault")).unwrap();
    drop(store);
    let _store = Store::open(&db).unwrap();
    assert!(!leftover.exists());
}

#[test]
fn a_case_export_that_fails_halfway_leaves_nothing_under_its_final_names() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let (id, _) = store.create_case(&sample_case()).unwrap();
    let files = dir.path().join("in");
    std::fs::create_dir(&files).unwrap();
    let mut shas = Vec::new();
    for (i, name) in ["a.png", "b.png"].iter().enumerate() {
        let f = files.join(name);
        std::fs::write(&f, png(10 + i as u32, 10)).unwrap();
        shas.push(
            store
                .import_evidence(id, &f, &EvidenceMeta::default())
                .unwrap()
                .item
                .sha256,
        );
    }
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("case.json");

    // A complete export first: the document and its folder.
    store.export_document(id, &out).unwrap();
    let good_doc = std::fs::read(&out).unwrap();
    let folder_of = |doc: &[u8]| {
        let v: serde_json::Value = serde_json::from_slice(doc).unwrap();
        let first = v["evidence"][0]["path"].as_str().unwrap().to_owned();
        out_dir.join(first.split('/').next().unwrap())
    };
    let folder = folder_of(&good_doc);
    assert!(folder
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("case-evidence-"));
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 2);

    // The second file goes missing from the vault after a third is added: the next export fails after copying.
    let f = files.join("c.png");
    std::fs::write(&f, png(30, 10)).unwrap();
    store.import_evidence(id, &f, &EvidenceMeta::default()).unwrap();
    let second = store.vault().object_path(&shas[1]).unwrap();
    let mut perms = std::fs::metadata(&second).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&second, perms).unwrap();
    std::fs::remove_file(&second).unwrap();
    assert!(store.export_document(id, &out).is_err());
    assert_eq!(
        std::fs::read(&out).unwrap(),
        good_doc,
        "the earlier document stays as it was"
    );
    assert_eq!(
        std::fs::read_dir(&folder).unwrap().count(),
        2,
        "the folder it names stays whole"
    );
    let names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temp folder or file left: {names:?}");

    // Into a fresh folder: nothing at all is left.
    let fresh = dir.path().join("fresh");
    std::fs::create_dir(&fresh).unwrap();
    assert!(store.export_document(id, &fresh.join("case.json")).is_err());
    assert_eq!(std::fs::read_dir(&fresh).unwrap().count(), 0);
}

#[test]
fn deleting_the_newest_audit_records_is_noticed_through_the_anchors() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let (id, _) = store.create_case(&sample_case()).unwrap();
    let mut data = store.get_case(id).unwrap().data;
    data.title.push_str("（已修改）");
    store.update_case(id, &data).unwrap();
    let head = store.audit_head().unwrap().unwrap();
    assert_eq!(head.seq, 2);
    let anchor_file = weiquan_core::store::anchor_path(&db);
    assert_eq!(std::fs::read_to_string(&anchor_file).unwrap().trim(), head.to_string());
    let backup = dir.path().join("b.zip");
    store.write_backup(&backup).unwrap();
    let report = store.verify_audit().unwrap();
    assert_eq!((report.first_break.clone(), report.anchors_checked), (None, 1));

    // Someone with the database removes the newest record: what is left still links up.
    drop(store);
    let raw = rusqlite::Connection::open(&db).unwrap();
    raw.execute("DELETE FROM audit_log WHERE seq = 2", []).unwrap();
    drop(raw);
    let store = Store::open(&db).unwrap();
    let report = store.verify_audit().unwrap();
    let b = report.first_break.expect("a shortened log is reported");
    assert_eq!(b.seq, 2);
    assert!(b.reason.contains("newest records were deleted"), "{}", b.reason);
    // Opening the library did not lower the anchor to the shortened log.
    assert_eq!(std::fs::read_to_string(&anchor_file).unwrap().trim(), head.to_string());

    // Without the file (deleted too), an anchor from a dossier or backup still shows it.
    std::fs::remove_file(&anchor_file).unwrap();
    assert!(store.verify_audit().unwrap().first_break.is_none());
    let report = store
        .verify_audit_against(&[head.to_string().parse().unwrap()])
        .unwrap();
    assert!(report.first_break.is_some());
    // A record replaced under the same number is caught too.
    let other: weiquan_core::store::AuditHead = format!("1:{}", "ab".repeat(32)).parse().unwrap();
    let b = store.verify_audit_against(&[other]).unwrap().first_break.unwrap();
    assert!(b.reason.contains("replaced"), "{}", b.reason);
    for bad in ["", "2", "x:00", "0:{}", "2:abc", &format!("2:{}", "g".repeat(64))] {
        assert!(bad.parse::<weiquan_core::store::AuditHead>().is_err(), "{bad:?}");
    }

    // The backup made before the deletion restores the whole log; its anchor becomes the library's.
    let mut store = store;
    store.restore_backup(&backup).unwrap();
    let report = store.verify_audit().unwrap();
    assert_eq!(report.first_break, None);
    assert_eq!(report.records, 2);
    assert_eq!(std::fs::read_to_string(&anchor_file).unwrap().trim(), head.to_string());
}

#[test]
fn a_backup_whose_log_was_cut_after_it_was_made_is_refused() {
    use std::io::{Read, Write};
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    store.create_case(&sample_case()).unwrap();
    store.create_case(&sample_case()).unwrap();
    let backup = dir.path().join("b.zip");
    store.write_backup(&backup).unwrap();
    // Repack the backup with its database's newest audit record removed, manifest unchanged.
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&backup).unwrap()).unwrap();
    let mut entries = Vec::new();
    for i in 0..zip.len() {
        let mut e = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        entries.push((e.name().to_owned(), bytes));
    }
    let inner = work.join("weiquan.db");
    let db_entry = entries.iter_mut().find(|(n, _)| n == "weiquan.db").unwrap();
    std::fs::write(&inner, &db_entry.1).unwrap();
    let raw = rusqlite::Connection::open(&inner).unwrap();
    raw.execute("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)", [])
        .unwrap();
    drop(raw);
    db_entry.1 = std::fs::read(&inner).unwrap();
    let cut = dir.path().join("cut.zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&cut).unwrap());
    for (name, bytes) in &entries {
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap();
    let before = store.list_cases(None).unwrap().len();
    let err = store.restore_backup(&cut).unwrap_err();
    assert!(err.to_string().contains("anchors record"), "{err}");
    assert_eq!(store.list_cases(None).unwrap().len(), before, "the library is kept");
}

#[test]
fn a_new_export_names_a_new_complete_folder_and_removes_the_earlier_one() {
    let (dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let (id, _) = store.create_case(&sample_case()).unwrap();
    let f = dir.path().join("a.png");
    std::fs::write(&f, png(12, 12)).unwrap();
    store.import_evidence(id, &f, &EvidenceMeta::default()).unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("case.json");
    let folders = || {
        let mut v: Vec<String> = std::fs::read_dir(&out_dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "case.json")
            .collect();
        v.sort();
        v
    };
    store.export_document(id, &out).unwrap();
    let first = folders();
    assert_eq!(first.len(), 1);
    store.export_document(id, &out).unwrap();
    assert_eq!(folders(), first, "the same files: the same complete folder, reused");
    let g = dir.path().join("b.png");
    std::fs::write(&g, png(13, 13)).unwrap();
    store.import_evidence(id, &g, &EvidenceMeta::default()).unwrap();
    let text = store.export_document(id, &out).unwrap();
    let now = folders();
    assert_eq!(now.len(), 1, "the earlier folder is gone: {now:?}");
    assert_ne!(now, first);
    assert!(text.contains(&format!("{}/02-b.png", now[0])));
    // The document imports back whole.
    let doc = exchange::parse(&text).unwrap();
    let (copy, _) = store.import_document(&doc, &out_dir).unwrap();
    assert_eq!(store.list_evidence(copy).unwrap().len(), 2);
}

#[test]
fn an_open_waits_out_a_moments_exclusive_hold_instead_of_failing() {
    let (_dir, db) = temp_db();
    drop(Store::open(&db).unwrap());
    // Another process cleaning up as it opens holds the lock alone for a moment.
    let lock = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(db.with_file_name("weiquan.db.lock"))
        .unwrap();
    lock.try_lock().unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        drop(lock);
    });
    let started = std::time::Instant::now();
    let store = within_10s(move || Store::open(&db).map(|_| ()));
    release.join().unwrap();
    assert!(store.is_ok(), "{store:?}");
    assert!(
        started.elapsed() >= Duration::from_millis(250),
        "it waited for the hold to end"
    );
}

/// A library with the sample case and two screenshots, and that case written as a bundle.
fn bundled(dir: &Path) -> (Store, CaseId, std::path::PathBuf, String) {
    let mut store = Store::open(dir.join("a").join("weiquan.db")).unwrap();
    let (id, _) = store.create_case(&sample_case()).unwrap();
    for (name, w) in [("chat.png", 40), ("call.png", 60)] {
        let f = dir.join(name);
        std::fs::write(&f, png(w, 30)).unwrap();
        let iid = store.get_case(id).unwrap().data.interactions[0].id.unwrap();
        let meta = EvidenceMeta {
            description: Some(format!("截图 {name}")),
            source: None,
            interactions: vec![iid],
        };
        store.import_evidence(id, &f, &meta).unwrap();
    }
    let out = dir.join("case.wqcase");
    let report = store.write_bundle(id, &out, false).unwrap();
    (store, id, out, report.code)
}

#[test]
fn a_bundle_goes_between_two_libraries_byte_for_byte_with_the_same_code() {
    let dir = tempfile::tempdir().unwrap();
    let (store, id, out, code) = bundled(dir.path());
    let again = dir.path().join("again.wqcase");
    assert_eq!(store.write_bundle(id, &again, false).unwrap().code, code);
    assert_eq!(
        std::fs::read(&out).unwrap(),
        std::fs::read(&again).unwrap(),
        "deterministic bytes"
    );
    let (_d2, db2) = temp_db();
    let mut other = Store::open(&db2).unwrap();
    let opened = other.open_bundle(&out, SameCaseChoice::Ask).unwrap();
    assert_eq!(opened.code, code, "both sides read the same verification code");
    let theirs = other.get_case(opened.case).unwrap();
    let ours = store.get_case(id).unwrap();
    assert_eq!(theirs.uid, ours.uid, "the same case, the same 卷宗编号");
    assert_eq!(theirs.data.without_ids(), ours.data.without_ids());
    let files = |s: &Store, c: CaseId| -> Vec<(String, String, u64, String, Option<String>)> {
        s.list_evidence(c)
            .unwrap()
            .into_iter()
            .map(|e| (e.sha256, e.sm3, e.size, e.original_name, e.description))
            .collect()
    };
    assert_eq!(
        files(&other, opened.case),
        files(&store, id),
        "the originals, byte for byte, under their names"
    );
    let links = |s: &Store, c: CaseId| -> Vec<usize> {
        s.list_evidence(c)
            .unwrap()
            .iter()
            .map(|e| e.interactions.len())
            .collect()
    };
    assert_eq!(links(&other, opened.case), links(&store, id));
    let vault = other.verify_vault(None, &mut |_, _, _| {}).unwrap();
    assert!(vault.problems.is_empty(), "{:?}", vault.problems);
    assert!(other.verify_audit().unwrap().first_break.is_none());
    // The same bundle again: nothing written until the user chooses; then kept as a second case.
    let asked = other.open_bundle(&out, SameCaseChoice::Ask).unwrap();
    assert_eq!(asked.case, CaseId(0));
    assert_eq!(asked.same_case.len(), 1);
    assert_eq!(asked.same_case[0].case, opened.case);
    assert!(
        asked.same_case[0].differences.is_empty(),
        "{:?}",
        asked.same_case[0].differences
    );
    assert_eq!(other.list_cases(None).unwrap().len(), 1);
    let twice = other.open_bundle(&out, SameCaseChoice::KeepBoth).unwrap();
    assert_ne!(twice.case, opened.case);
    assert_eq!(other.list_cases(None).unwrap().len(), 2);
}

#[test]
fn a_tampered_bundle_is_refused_with_the_broken_item_named_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let (_store, _id, out, _code) = bundled(dir.path());
    let original = entries(&out);
    let (_d2, db2) = temp_db();
    let mut other = Store::open(&db2).unwrap();
    let refused = |other: &mut Store, list: Vec<(String, Vec<u8>)>, expect: &str| {
        let bad = dir.path().join("bad.wqcase");
        write_entries(&bad, &list);
        match other.open_bundle(&bad, SameCaseChoice::KeepBoth) {
            Err(e) => assert!(e.to_string().contains(expect), "{expect:?} not in: {e}"),
            Ok(o) => panic!("opened a bundle that should be refused ({expect}): case {}", o.case),
        }
    };
    let shot = original.iter().position(|(n, _)| n.starts_with("evidence/")).unwrap();
    let shot_name = original[shot].0.clone();
    // A changed file.
    let mut changed = original.clone();
    changed[shot].1[20] ^= 0x01;
    refused(&mut other, changed, &format!("{shot_name} was changed"));
    // A removed file.
    let mut removed = original.clone();
    removed.remove(shot);
    refused(
        &mut other,
        removed,
        &format!("{shot_name} is listed in manifest.json but missing"),
    );
    // An edited case document.
    let mut edited = original.clone();
    let doc = edited.iter_mut().find(|(n, _)| n == "case.json").unwrap();
    doc.1 = String::from_utf8(doc.1.clone())
        .unwrap()
        .replace("1299.00", "12990.00")
        .into_bytes();
    refused(&mut other, edited, "case.json was changed");
    // Reordered audit records, with the manifest recomputed to match (so only the records themselves can tell).
    let mut reordered = original.clone();
    let audit = reordered.iter().position(|(n, _)| n == "audit.json").unwrap();
    let mut records: Vec<serde_json::Value> = serde_json::from_slice(&reordered[audit].1).unwrap();
    assert!(records.len() >= 3, "{records:?}");
    records.swap(0, 1);
    reordered[audit].1 = serde_json::to_vec_pretty(&records).unwrap();
    let mut manifest: serde_json::Value = serde_json::from_slice(&reordered[0].1).unwrap();
    for f in manifest["files"].as_array_mut().unwrap() {
        if f["path"] == "audit.json" {
            let b = &reordered[audit].1;
            f["size"] = b.len().into();
            f["sha256"] = weiquan_core::fsutil::hex(&sha2::Digest::finalize(
                <sha2::Sha256 as sha2::Digest>::new_with_prefix(b),
            ))
            .into();
            f["sm3"] =
                weiquan_core::fsutil::hex(&sm3::Digest::finalize(<sm3::Sm3 as sm3::Digest>::new_with_prefix(b))).into();
        }
    }
    reordered[0].1 = serde_json::to_vec_pretty(&manifest).unwrap();
    refused(&mut other, reordered, "the records were reordered");
    // An extra file.
    let mut extra = original.clone();
    extra.push(("evidence/extra.exe".into(), b"MZ".to_vec()));
    refused(
        &mut other,
        extra,
        "\"evidence/extra.exe\", which manifest.json does not list",
    );
    // A path that leaves the bundle, listed so it passes the listing check.
    let mut escape = original.clone();
    let mut manifest: serde_json::Value = serde_json::from_slice(&escape[0].1).unwrap();
    manifest["files"].as_array_mut().unwrap().push(serde_json::json!({
        "path": "evidence/01/../../x", "size": 1, "sha256": "0".repeat(64), "sm3": "0".repeat(64)
    }));
    escape[0].1 = serde_json::to_vec_pretty(&manifest).unwrap();
    escape.push(("evidence/01/../../x".into(), b"x".to_vec()));
    refused(&mut other, escape, "is not a plain file name under evidence/");
    // A manifest that declares more than a bundle may unpack to (a ZIP bomb's promise).
    let mut bomb = original.clone();
    let mut manifest: serde_json::Value = serde_json::from_slice(&bomb[0].1).unwrap();
    manifest["files"].as_array_mut().unwrap().push(serde_json::json!({
        "path": "evidence/09/big.mp4", "size": 9_u64 << 30, "sha256": "0".repeat(64), "sm3": "0".repeat(64)
    }));
    bomb[0].1 = serde_json::to_vec_pretty(&manifest).unwrap();
    bomb.push(("evidence/09/big.mp4".into(), b"x".to_vec()));
    refused(&mut other, bomb, "would unpack to");
    // Not a bundle at all.
    let junk = dir.path().join("junk.wqcase");
    std::fs::write(&junk, b"not a zip").unwrap();
    assert!(matches!(
        other.open_bundle(&junk, SameCaseChoice::KeepBoth),
        Err(Error::Invalid(_))
    ));
    assert!(other.list_cases(None).unwrap().is_empty(), "nothing was written");
    assert!(other.list_evidence(CaseId(1)).is_err() || other.list_evidence(CaseId(1)).unwrap().is_empty());
    let leftovers: Vec<_> = std::fs::read_dir(db2.parent().unwrap())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".bundle-"))
        .collect();
    assert!(leftovers.is_empty(), "the staging folder is gone");
}

#[test]
fn the_volunteers_edits_come_back_as_a_bundle_and_update_the_case_after_showing_what_differs() {
    let dir = tempfile::tempdir().unwrap();
    let (mut consumer, id, out, _) = bundled(dir.path());
    let (_d2, db2) = temp_db();
    let mut volunteer = Store::open(&db2).unwrap();
    let theirs = volunteer.open_bundle(&out, SameCaseChoice::Ask).unwrap().case;
    // The volunteer adds a contact with a new screenshot and a compensation demand.
    let sets =
        |p: &[(&str, &str)]| -> Vec<(String, String)> { p.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect() };
    let (contact, _) = volunteer
        .add_interaction(
            theirs,
            &sets(&[
                ("occurred_at", "2026-09-20 10:00"),
                ("channel", "phone"),
                ("answer", "再等等"),
            ]),
        )
        .unwrap();
    let shot = dir.path().join("new.png");
    std::fs::write(&shot, png(80, 20)).unwrap();
    volunteer
        .import_evidence(
            theirs,
            &shot,
            &EvidenceMeta {
                description: Some("回电截图".into()),
                source: None,
                interactions: vec![contact],
            },
        )
        .unwrap();
    volunteer
        .add_demand(theirs, &sets(&[("kind", "compensation"), ("amount", "500.00")]))
        .unwrap();
    let back = dir.path().join("back.wqcase");
    volunteer.write_bundle(theirs, &back, false).unwrap();

    let asked = consumer.open_bundle(&back, SameCaseChoice::Ask).unwrap();
    assert_eq!(asked.case, CaseId(0), "nothing written before she chooses");
    let d = &asked.same_case[0].differences;
    assert_eq!(asked.same_case[0].case, id);
    assert_eq!(d.interactions_added, ["2026-09-20 10:00 电话"]);
    assert_eq!(d.evidence_added, ["new.png"]);
    assert_eq!(d.demands_added, ["赔偿损失 ¥500.00"]);
    assert!(d.interactions_removed.is_empty() && d.evidence_removed.is_empty() && d.demands_removed.is_empty());
    let before_links: Vec<usize> = consumer
        .list_evidence(id)
        .unwrap()
        .iter()
        .map(|e| e.interactions.len())
        .collect();

    // A wrong target is refused; the right one is updated in place.
    let (unrelated, _) = consumer.create_case(&sample_case()).unwrap();
    assert!(matches!(
        consumer.open_bundle(&back, SameCaseChoice::Update(unrelated)),
        Err(Error::Invalid(_))
    ));
    let updated = consumer.open_bundle(&back, SameCaseChoice::Update(id)).unwrap();
    assert!(updated.updated);
    assert_eq!(updated.case, id);
    let c = consumer.get_case(id).unwrap().data;
    assert_eq!(
        c.interactions.len(),
        volunteer.get_case(theirs).unwrap().data.interactions.len()
    );
    assert!(c
        .demands
        .iter()
        .any(|d| d.kind == weiquan_core::model::DemandKind::Compensation));
    let files = consumer.list_evidence(id).unwrap();
    assert_eq!(files.len(), 3);
    let new = files.iter().find(|f| f.original_name == "new.png").unwrap();
    assert_eq!(
        new.interactions.len(),
        1,
        "the new screenshot is linked to the new contact"
    );
    let old_links: Vec<usize> = files
        .iter()
        .filter(|f| f.original_name != "new.png")
        .map(|e| e.interactions.len())
        .collect();
    assert_eq!(old_links, before_links, "the files she had keep their links");
    // Opened again, the bundle is now the same as the case.
    let again = consumer.open_bundle(&back, SameCaseChoice::Ask).unwrap();
    let same = again.same_case.iter().find(|s| s.case == id).unwrap();
    assert!(same.differences.is_empty(), "{:?}", same.differences);
}

#[test]
fn a_line_break_in_a_field_printed_on_its_own_line_is_refused_by_field() {
    let (_dir, db) = temp_db();
    let mut store = Store::open(&db).unwrap();
    let mut case = sample_case();
    case.agent = Some(weiquan_core::model::Agent {
        name: "李志愿".into(),
        id_number: None,
        phone: None,
        organisation: Some("某法律援助中心\n补充约定：委托人放弃全部赔偿请求".into()),
        powers: vec![weiquan_core::model::AgentPower::Complain],
        term_from: None,
        term_until: None,
    });
    match store.create_case(&case) {
        Err(Error::Invalid(p)) => assert!(p.iter().any(|p| p.path == "agent.organisation"), "{p:?}"),
        other => panic!("a second line in the 授权委托书 was accepted: {other:?}"),
    }
    let mut case = sample_case();
    case.complainant.name = Some("王秀兰\u{7}".into());
    match store.create_case(&case) {
        Err(Error::Invalid(p)) => assert!(p.iter().any(|p| p.path == "complainant.name"), "{p:?}"),
        other => panic!("a control character was accepted: {other:?}"),
    }
    assert!(store.list_cases(None).unwrap().is_empty(), "nothing was written");
}

#[test]
fn a_photo_printed_in_the_dossier_carries_no_exif_and_the_original_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("lib").join("weiquan.db")).unwrap();
    let (id, _) = store.create_case(&sample_case()).unwrap();
    let photo = dir.path().join("现场照片.jpg");
    let original = common::jpeg_with_exif();
    assert!(original.windows(4).any(|w| w == b"Exif"), "the fixture has EXIF");
    std::fs::write(&photo, &original).unwrap();
    store.import_evidence(id, &photo, &EvidenceMeta::default()).unwrap();
    let pdf = dir.path().join("dossier.pdf");
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    weiquan_core::dossier::write(&mut store, id, at, &pdf).unwrap();
    let out = dir.path().join("images");
    std::fs::create_dir(&out).unwrap();
    let ok = std::process::Command::new("pdfimages")
        .arg("-all")
        .arg(&pdf)
        .arg(out.join("img"))
        .status()
        .unwrap()
        .success();
    assert!(ok, "pdfimages");
    let printed: Vec<Vec<u8>> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| std::fs::read(e.path()).unwrap())
        .collect();
    assert_eq!(printed.len(), 1, "the photo is printed");
    assert!(printed[0].starts_with(&[0xFF, 0xD8]), "as a JPEG stream");
    assert!(
        !printed[0].windows(4).any(|w| w == b"Exif"),
        "no EXIF in the printed picture"
    );
    assert!(
        !printed[0].windows(7).any(|w| w == b"2026:09"),
        "nor the time it states"
    );
    // The vault keeps the original byte for byte: it is the evidence.
    let item = &store.list_evidence(id).unwrap()[0];
    let kept = std::fs::read(store.vault().object_path(&item.sha256).unwrap()).unwrap();
    assert_eq!(kept, original);
}

#[test]
fn a_megabyte_value_in_a_row_is_named_in_an_error_not_echoed_whole() {
    let (_dir, db) = temp_db();
    let store = Store::open(&db).unwrap();
    let (id, _) = {
        let mut s = Store::open(&db).unwrap();
        s.create_case(&sample_case()).unwrap()
    };
    // As a crafted backup could bring it: a purchase date of ten megabytes.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE cases SET purchase_date = ?1 WHERE id = ?2",
            rusqlite::params!["9".repeat(10 << 20), id.0],
        )
        .unwrap();
    let err = store.get_case(id).unwrap_err().to_string();
    assert!(err.contains("unknown date"), "{}", &err[..err.len().min(300)]);
    assert!(err.len() < 1_000, "the error is {} bytes", err.len());
}
