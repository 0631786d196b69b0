//! Chat screenshots read back into turns: rendered from known transcripts (tests/common/chat.rs) in four apps'
//! looks, at 1× to 3×, with phone chrome, as a long capture and as overlapping captures, and compared with what was
//! drawn — speaker, separator times and text.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::DateTime;
use common::chat::{self, edit_distance as errors, norm, Frame, Who};
use image::ImageEncoder;
use weiquan_core::transcript::{self, Screenshot, Speaker};

fn reference() -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2026-09-10T12:00:00+08:00").unwrap()
}

fn shot(name: &str, img: image::RgbImage) -> Screenshot {
    Screenshot {
        name: name.into(),
        image: img,
        reference: reference(),
    }
}

fn speaker(w: Who) -> Speaker {
    match w {
        Who::Me => Speaker::Me,
        Who::Agent => Speaker::Agent,
        Who::Time => Speaker::System,
    }
}

fn check(style: &chat::Style, frame: Frame, max_cer: f64) {
    check_turns(style, frame, max_cer, &chat::sample_turns());
}

fn check_turns(style: &chat::Style, frame: Frame, max_cer: f64, turns: &[(Who, &str)]) {
    let font = chat::font();
    let (img, drawn) = chat::render(&font, style, frame, turns);
    let t = transcript::transcribe(&[shot("a.png", img)], Default::default()).unwrap();
    let label = format!("{} at {}×", style.name, frame.scale);
    let got: Vec<_> = t.turns.iter().map(|t| (t.speaker, norm(&t.text))).collect();
    let want: Vec<_> = drawn.iter().map(|d| (speaker(d.who), norm(&d.text))).collect();
    assert_eq!(
        got.iter().map(|g| g.0).collect::<Vec<_>>(),
        want.iter().map(|w| w.0).collect::<Vec<_>>(),
        "{label}: speakers\n got {got:?}\nwant {want:?}"
    );
    let (mut wrong, mut total) = (0, 0);
    for (g, w) in got.iter().zip(&want) {
        wrong += errors(&w.1, &g.1);
        total += w.1.chars().count();
    }
    let cer = wrong as f64 / total as f64;
    assert!(
        cer <= max_cer,
        "{label}: character error rate {cer:.3}\n got {got:?}\nwant {want:?}"
    );
    // Boxes: each turn's box is the drawn bubble's (within a few pixels of anti-aliasing).
    for (turn, d) in t.turns.iter().zip(&drawn) {
        if d.who != Who::Time {
            for k in 0..4 {
                assert!(
                    turn.source.rect[k].abs_diff(d.rect[k]) <= 3,
                    "{label}: box of {:?} is {:?}, drawn at {:?}",
                    d.text,
                    turn.source.rect,
                    d.rect
                );
            }
        }
    }
    // Times: the separators' times carried to the turns after them.
    for (turn, d) in t.turns.iter().zip(&drawn) {
        if d.who == Who::Time {
            assert_eq!(
                turn.time,
                transcript::times::parse(&d.text, reference()).map(|x| x.0),
                "{label}: {:?}",
                d.text
            );
        }
    }
    if turns.len() != chat::sample_turns().len() {
        return;
    }
    let times: Vec<Option<String>> = t.turns.iter().map(|t| t.time.map(|x| x.to_rfc3339())).collect();
    assert_eq!(times[1].as_deref(), Some("2026-09-05T10:12:00+08:00"), "{label}");
    assert_eq!(times[6].as_deref(), Some("2026-09-08T15:40:00+08:00"), "{label}");
    assert_eq!(times[9].as_deref(), Some("2026-09-09T21:03:00+08:00"), "{label}");
}

#[test]
fn every_style_at_phone_scale_reads_exactly() {
    for style in &chat::STYLES {
        check(style, Frame::PHONE, 0.0);
    }
}

#[test]
fn a_second_conversation_with_a_link_and_numbers() {
    for style in &chat::STYLES {
        check_turns(style, Frame::PHONE, 0.0, &chat::second_turns());
    }
}

#[test]
fn scales_one_to_three() {
    for scale in [1.0, 1.5, 2.0, 2.5] {
        let frame = Frame { scale, ..Frame::PHONE };
        check(&chat::WECHAT_LIGHT, frame, 0.01);
    }
}

#[test]
fn status_and_input_bars_are_not_turns() {
    for style in [chat::WECHAT_LIGHT, chat::SHOP] {
        check(
            &style,
            Frame {
                chrome: true,
                ..Frame::PHONE
            },
            0.0,
        );
    }
}

/// The sample conversation three times over: a long capture (one picture taller than a screen), then the same
/// conversation as three screenshots whose edges overlap by two turns.
fn long_turns() -> Vec<(Who, &'static str)> {
    let mut turns = chat::sample_turns();
    turns.extend(chat::sample_turns().into_iter().skip(1));
    turns
}

#[test]
fn a_long_capture_reads_as_one() {
    let font = chat::font();
    let turns = long_turns();
    let (img, drawn) = chat::render(&font, &chat::WECHAT_LIGHT, Frame::PHONE, &turns);
    assert!(img.height() > 2400, "a long capture is taller than a screen");
    let t = transcript::transcribe(&[shot("long.png", img)], Default::default()).unwrap();
    let got: Vec<_> = t.turns.iter().map(|t| (t.speaker, norm(&t.text))).collect();
    let want: Vec<_> = drawn.iter().map(|d| (speaker(d.who), norm(&d.text))).collect();
    assert_eq!(got, want);
}

#[test]
fn overlapping_screenshots_join_without_repeats() {
    let font = chat::font();
    let turns = long_turns();
    // Three captures: turns 0..9, 7..16, 14..end — each starting with the last two turns of the one before.
    let cuts = [(0, 9), (7, 16), (14, turns.len())];
    let shots: Vec<Screenshot> = cuts
        .iter()
        .enumerate()
        .map(|(i, &(a, b))| {
            let (img, _) = chat::render(&font, &chat::QQ_LIGHT, Frame::PHONE, &turns[a..b]);
            shot(&format!("{i}.png"), img)
        })
        .collect();
    let t = transcript::transcribe(&shots, Default::default()).unwrap();
    assert_eq!(t.overlaps_removed, 4);
    let got: Vec<_> = t.turns.iter().map(|t| (t.speaker, norm(&t.text))).collect();
    let want: Vec<_> = turns.iter().map(|(w, s)| (speaker(*w), norm(s))).collect();
    assert_eq!(got, want);
    // Each turn names the screenshot it was read from; the second capture's first new turn is turn 9.
    assert_eq!(t.turns[8].source.file, "0.png");
    assert_eq!(t.turns[9].source.file, "1.png");
    assert_eq!(t.turns.last().unwrap().source.file, "2.png");
    // The time carries over from one capture to the next: turn 9 follows 昨天 21:03 (turn 8 of the first).
    assert_eq!(t.turns[9].time.unwrap().to_rfc3339(), "2026-09-09T21:03:00+08:00");
}

#[test]
fn flipping_sides_swaps_the_speakers() {
    let font = chat::font();
    let (img, _) = chat::render(&font, &chat::SHOP, Frame::PHONE, &chat::sample_turns()[..3]);
    let options = transcript::Options { flip_sides: true };
    let t = transcript::transcribe(&[shot("a.png", img)], options).unwrap();
    let speakers: Vec<_> = t.turns.iter().map(|t| t.speaker).collect();
    assert_eq!(speakers, [Speaker::System, Speaker::Agent, Speaker::Me]);
}

#[test]
fn noise_is_refused_and_a_photo_gives_no_turns() {
    // Every other pixel differs: millions of runs, past the limit — refused with the reason, by the file's name.
    let noise = image::RgbImage::from_fn(2400, 2400, |x, y| {
        let v = if (x + y) % 2 == 0 { 0 } else { 255 };
        image::Rgb([v, v, v])
    });
    assert_eq!(
        transcript::layout::blocks(&noise).unwrap_err(),
        transcript::layout::Unreadable::TooManyMarks
    );
    let e = transcript::transcribe(&[shot("noise.png", noise)], Default::default())
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("noise.png") && e.contains("cannot be read as a chat screenshot"),
        "{e}"
    );
    // A smooth photo-like gradient: nothing in it is text, so no turns (and no refusal: it is a picture).
    let gradient = image::RgbImage::from_fn(3000, 2000, |x, y| image::Rgb([(x / 12) as u8, (y / 8) as u8, 90]));
    assert!(transcript::layout::blocks(&gradient).unwrap().is_empty());
    let t = transcript::transcribe(&[shot("photo.jpg", gradient)], Default::default()).unwrap();
    assert!(t.turns.is_empty(), "{:?}", t.turns);
}

#[test]
fn a_hostile_file_is_refused_with_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    let now = reference();
    let not_image = dir.path().join("chat.png");
    std::fs::write(&not_image, b"\x89PNG\r\n\x1a\n this is not a picture").unwrap();
    let e = transcript::read_file(&not_image, now).unwrap_err().to_string();
    assert!(e.contains("chat.png") && e.contains("not a readable picture"), "{e}");
    // A PNG header claiming 100,000 × 100,000 pixels: refused before any pixel is allocated.
    let mut huge = Vec::new();
    image::codecs::png::PngEncoder::new(&mut huge)
        .write_image(&[0u8; 3], 1, 1, image::ExtendedColorType::Rgb8)
        .unwrap();
    huge[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    huge[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    let big = dir.path().join("big.png");
    std::fs::write(&big, &huge).unwrap();
    let e = transcript::read_file(&big, now).unwrap_err().to_string();
    assert!(e.contains("big.png"), "{e}");
    let e = transcript::read_file(&dir.path().join("missing.png"), now)
        .unwrap_err()
        .to_string();
    assert!(e.contains("missing.png"), "{e}");
}

mod in_the_library {
    //! Images imported into a case are read in the queue; the text is searchable; confirmed turns become contacts
    //! linked to the screenshot, and the dossier quotes them with the screenshot's exhibit number.
    use super::*;
    use weiquan_core::evidence::EvidenceId;
    use weiquan_core::model::Channel;
    use weiquan_core::store::{ConfirmedTurn, EvidenceMeta, ReadState, Store};

    fn library() -> (
        tempfile::TempDir,
        Store,
        weiquan_core::model::CaseId,
        EvidenceId,
        std::path::PathBuf,
    ) {
        let (dir, db) = common::temp_db();
        let mut store = Store::open(&db).unwrap();
        let mut case = common::sample_case();
        case.interactions.truncate(1);
        let (id, _) = store.create_case(&case).unwrap();
        let font = chat::font();
        let (img, _) = chat::render(&font, &chat::WECHAT_LIGHT, Frame::PHONE, &chat::sample_turns()[..5]);
        let png = dir.path().join("客服聊天.png");
        img.save(&png).unwrap();
        let item = store
            .import_evidence(id, &png, &EvidenceMeta::default())
            .unwrap()
            .item
            .id;
        // A PDF is not a picture: not queued.
        let pdf = dir.path().join("receipt.pdf");
        std::fs::write(&pdf, b"%PDF-1.4\n%%EOF\n").unwrap();
        store.import_evidence(id, &pdf, &EvidenceMeta::default()).unwrap();
        (dir, store, id, item, db)
    }

    #[test]
    fn an_imported_screenshot_is_read_searchable_and_confirmed_into_contacts() {
        let (dir, mut store, case, item, _) = library();
        let status = store.reading_status(Some(case)).unwrap();
        assert_eq!((status.pending, status.done, status.failed), (1, 0, 0));
        assert_eq!(store.screenshot_text(case, item).unwrap().state, ReadState::Pending);
        assert!(
            store.list_cases(Some("耐心等待")).unwrap().is_empty(),
            "not searchable before it is read"
        );

        assert_eq!(store.read_next_screenshot().unwrap(), Some(item));
        assert_eq!(store.read_next_screenshot().unwrap(), None, "the queue is empty");
        let read = store.screenshot_text(case, item).unwrap();
        assert_eq!(read.state, ReadState::Done);
        assert!(!read.confirmed, "machine-read until the user confirms");
        let texts: Vec<&str> = read.turns.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts[3], "具体什么时候能退？");
        assert_eq!(
            store.list_cases(Some("耐心等待")).unwrap().len(),
            1,
            "the case search finds the read text"
        );
        assert_eq!(store.list_cases(Some("退？")).unwrap().len(), 1, "short queries too");

        // She corrects one character (as if the reader had got it wrong) and saves.
        let mut turns: Vec<ConfirmedTurn> = read
            .turns
            .iter()
            .map(|t| ConfirmedTurn {
                speaker: t.speaker,
                text: t.text.clone(),
                time: t.time,
                rect: Some(t.rect),
            })
            .collect();
        turns[4].text = turns[4].text.replace("APP", "App");
        let before = store.get_case(case).unwrap().data.interactions.len();
        let ids = store.confirm_screenshot_turns(case, item, &turns).unwrap().added;
        assert_eq!(ids.len(), 2, "two 我 → 客服 pairs");
        let data = store.get_case(case).unwrap().data;
        assert_eq!(data.interactions.len(), before + 2);
        let saved: Vec<_> = data
            .interactions
            .iter()
            .filter(|i| ids.contains(&i.id.unwrap()))
            .collect();
        assert_eq!(saved[1].question.as_deref(), Some("具体什么时候能退？"));
        assert!(saved[1].answer.as_deref().unwrap().contains("关注App消息通知"));
        assert_eq!(saved[0].channel, Channel::OnlineChat);
        assert_eq!(saved[0].occurred_at.to_rfc3339(), "2026-09-05T10:12:00+08:00");
        // Linked to the screenshot, which is now confirmed with the corrected words.
        let ev = store.list_evidence(case).unwrap();
        let shot = ev.iter().find(|e| e.id == item).unwrap();
        for id in &ids {
            assert!(shot.interactions.contains(id), "{shot:?}");
        }
        let after = store.screenshot_text(case, item).unwrap();
        assert!(after.confirmed);
        assert!(after.turns[4].text.contains("App"));
        assert!(
            store.confirm_screenshot_turns(case, item, &turns).is_err(),
            "saved once"
        );
        assert!(
            store.reread_screenshot(case, item).is_err(),
            "a confirmed reading is not read again"
        );

        // The dossier quotes the confirmed words and names the screenshot's exhibit.
        let pdf = dir.path().join("dossier.pdf");
        weiquan_core::dossier::write(&mut store, case, reference(), &pdf).unwrap();
        let out = std::process::Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text: String = String::from_utf8(out.stdout).unwrap().split_whitespace().collect();
        assert!(text.contains("关注App消息通知"), "{text}");
        let exhibit = ev.iter().position(|e| e.id == item).unwrap() + 1;
        assert!(text.contains(&format!("证据：证据{exhibit}")), "{text}");
    }

    #[test]
    fn a_contact_whose_time_the_chat_did_not_show_says_where_its_time_came_from() {
        let (_dir, mut store, case, item, _) = library();
        store.read_next_screenshot().unwrap();
        let turn = |speaker, text: &str| ConfirmedTurn {
            speaker,
            text: text.into(),
            time: None,
            rect: None,
        };
        let turns = [turn(Speaker::Me, "在吗"), turn(Speaker::Agent, "在的，请讲")];
        let ids = store.confirm_screenshot_turns(case, item, &turns).unwrap().added;
        let data = store.get_case(case).unwrap().data;
        let it = data.interactions.iter().find(|i| i.id == Some(ids[0])).unwrap();
        let imported = store.evidence_item(item).unwrap().imported_at;
        assert_eq!(it.occurred_at, DateTime::parse_from_rfc3339(&imported).unwrap());
        let note = it.note.as_deref().unwrap();
        assert!(
            note.contains("截图中未显示这段对话的时间") && note.contains("导入时间"),
            "{note}"
        );
    }

    #[test]
    fn a_chat_already_logged_that_day_is_linked_to_the_screenshot_not_saved_again() {
        let (_dir, mut store, case, item, _) = library();
        store.read_next_screenshot().unwrap();
        // Imported with a link to the case's first contact (as two screenshots picked at once both were).
        let first = store.get_case(case).unwrap().data.interactions[0].id.unwrap();
        store.set_evidence_link(item, first, true).unwrap();
        let at = |t: &str| Some(DateTime::parse_from_rfc3339(t).unwrap());
        let turn = |speaker, text: &str, time| ConfirmedTurn {
            speaker,
            text: text.into(),
            time,
            rect: None,
        };
        // She pasted this chat in the morning (its spacing differs a little from the screenshot's reading).
        let logged = [
            turn(Speaker::Me, "退款什么时候到？ ", at("2026-09-05T10:12:00+08:00")),
            turn(Speaker::Agent, "亲，请 耐心等待", at("2026-09-05T10:12:00+08:00")),
        ];
        let mut data = store.get_case(case).unwrap().data;
        let pasted = weiquan_core::store::pair_turns(&logged, (at("2026-09-05T00:00:00+08:00").unwrap(), "x"));
        data.interactions.extend(pasted);
        store.update_case(case, &data).unwrap();
        let before = store.get_case(case).unwrap().data.interactions;
        let existing = before
            .iter()
            .find(|i| i.question.as_deref() == Some("退款什么时候到？"))
            .and_then(|i| i.id)
            .unwrap();

        // The screenshot holds that exchange (read a minute later) and a new one.
        let turns = [
            turn(Speaker::Me, "退款什么时候到？", at("2026-09-05T10:13:00+08:00")),
            turn(Speaker::Agent, "亲，请 耐心等待", None),
            turn(Speaker::Me, "已经七天了", at("2026-09-05T10:20:00+08:00")),
            turn(Speaker::Agent, "已为您催促", None),
        ];
        let saved = store.confirm_screenshot_turns(case, item, &turns).unwrap();
        assert_eq!(saved.matched, [existing], "the chat already logged is found");
        assert_eq!(saved.added.len(), 1, "only the new exchange is added");
        let after = store.get_case(case).unwrap().data.interactions;
        assert_eq!(after.len(), before.len() + 1, "no copy of the logged chat");
        let shot = store
            .list_evidence(case)
            .unwrap()
            .into_iter()
            .find(|e| e.id == item)
            .unwrap();
        assert!(
            shot.interactions.contains(&existing),
            "the screenshot supports the contact already logged"
        );
        assert!(shot.interactions.contains(&saved.added[0]));
        assert!(
            !shot.interactions.contains(&first),
            "the turns, not the choice made at import, say which contacts it shows"
        );

        // The same words on another day are another contact.
        let (_dir2, mut store2, case2, item2, _) = library();
        store2.read_next_screenshot().unwrap();
        let mut data2 = store2.get_case(case2).unwrap().data;
        let earlier = [
            turn(Speaker::Me, "退款什么时候到？", at("2026-09-04T10:12:00+08:00")),
            turn(Speaker::Agent, "亲，请 耐心等待", None),
        ];
        data2.interactions.extend(weiquan_core::store::pair_turns(
            &earlier,
            (at("2026-09-04T00:00:00+08:00").unwrap(), "x"),
        ));
        store2.update_case(case2, &data2).unwrap();
        let saved2 = store2.confirm_screenshot_turns(case2, item2, &turns[..2]).unwrap();
        assert!(saved2.matched.is_empty());
        assert_eq!(saved2.added.len(), 1);
    }

    #[test]
    fn turns_a_confirmed_screenshot_already_holds_are_flagged_not_saved_twice() {
        let (dir, db) = common::temp_db();
        let mut store = Store::open(&db).unwrap();
        let (case, _) = store.create_case(&common::sample_case()).unwrap();
        let font = chat::font();
        let turns = long_turns();
        let mut items = Vec::new();
        for (name, range) in [("a.png", 0..9), ("b.png", 7..16)] {
            let (img, _) = chat::render(&font, &chat::WECHAT_LIGHT, Frame::PHONE, &turns[range]);
            let path = dir.path().join(name);
            img.save(&path).unwrap();
            items.push(
                store
                    .import_evidence(case, &path, &EvidenceMeta::default())
                    .unwrap()
                    .item
                    .id,
            );
            store.read_next_screenshot().unwrap();
        }
        let confirm = |store: &mut Store, item| {
            let read = store.screenshot_text(case, item).unwrap();
            let keep: Vec<ConfirmedTurn> = read
                .turns
                .iter()
                .enumerate()
                .filter(|(i, _)| !read.repeated.contains(&(*i as u32)))
                .map(|(_, t)| ConfirmedTurn {
                    speaker: t.speaker,
                    text: t.text.clone(),
                    time: t.time,
                    rect: Some(t.rect),
                })
                .collect();
            (
                read.repeated.clone(),
                store.confirm_screenshot_turns(case, item, &keep).unwrap().added,
            )
        };
        let (repeated_a, _) = confirm(&mut store, items[0]);
        assert!(repeated_a.is_empty(), "nothing confirmed before it");
        // b.png starts with the agent's answer that ends a.png.
        let (repeated_b, saved_b) = confirm(&mut store, items[1]);
        assert_eq!(repeated_b, [0]);
        let answers: Vec<String> = store
            .get_case(case)
            .unwrap()
            .data
            .interactions
            .iter()
            .filter_map(|i| i.answer.clone())
            .collect();
        let times = answers
            .iter()
            .filter(|a| a.contains("预计24小时内会有专员联系您"))
            .count();
        assert_eq!(times, 1, "the answer both captures show is one contact");
        assert_eq!(saved_b.len(), 3);
    }

    #[test]
    fn the_library_setting_flips_the_sides_and_reads_unconfirmed_screenshots_again() {
        let (_dir, mut store, case, item, _) = library();
        store.read_next_screenshot().unwrap();
        let speakers = |store: &Store| -> Vec<Speaker> {
            store
                .screenshot_text(case, item)
                .unwrap()
                .turns
                .iter()
                .map(|t| t.speaker)
                .collect()
        };
        assert_eq!(speakers(&store)[1..3], [Speaker::Me, Speaker::Agent]);
        assert!(!store.chat_sides_flipped().unwrap());
        store.set_chat_sides_flipped(true).unwrap();
        assert_eq!(store.reading_status(Some(case)).unwrap().pending, 1, "read again");
        store.read_next_screenshot().unwrap();
        assert_eq!(speakers(&store)[1..3], [Speaker::Agent, Speaker::Me]);
        assert!(store.chat_sides_flipped().unwrap());
    }

    #[test]
    fn a_changed_vault_file_fails_with_its_reason_and_the_queue_goes_on() {
        let (_dir, mut store, case, item, db) = library();
        let sha = store.evidence_item(item).unwrap().sha256;
        let object = weiquan_core::evidence::Vault::for_db(&db).object_path(&sha).unwrap();
        std::fs::write(&object, b"tampered").unwrap();
        assert_eq!(store.read_next_screenshot().unwrap(), Some(item));
        let read = store.screenshot_text(case, item).unwrap();
        assert_eq!(read.state, ReadState::Failed);
        assert!(
            read.error.as_deref().unwrap().contains("no longer matches its hash"),
            "{read:?}"
        );
        assert_eq!(store.reading_status(None).unwrap().failed, 1);
        assert_eq!(store.read_next_screenshot().unwrap(), None);
    }

    #[test]
    fn confirmed_turns_are_checked_before_anything_is_written() {
        let (_dir, mut store, case, item, _) = library();
        store.read_next_screenshot().unwrap();
        let before = store.get_case(case).unwrap();
        let bad = vec![ConfirmedTurn {
            speaker: Speaker::Me,
            text: "你好\u{0007}".into(),
            time: None,
            rect: None,
        }];
        let e = store
            .confirm_screenshot_turns(case, item, &bad)
            .unwrap_err()
            .to_string();
        assert!(e.contains("turns[0].text") && e.contains("control"), "{e}");
        let only_time = vec![ConfirmedTurn {
            speaker: Speaker::System,
            text: "昨天 21:03".into(),
            time: None,
            rect: None,
        }];
        assert!(store.confirm_screenshot_turns(case, item, &only_time).is_err());
        assert_eq!(store.get_case(case).unwrap(), before, "nothing written");
        assert!(!store.screenshot_text(case, item).unwrap().confirmed);
        assert!(store.screenshot_text(case, EvidenceId(9999)).is_err());
    }
}

/// The end-to-end story's screenshot (tests/e2e/fixtures/chat-screenshot.png) is this generator's output: the test
/// fails when it is stale, and WEIQUAN_WRITE_FIXTURES=1 rewrites it.
#[test]
fn the_end_to_end_fixture_is_current() {
    let font = chat::font();
    let (img, _) = chat::render(&font, &chat::WECHAT_LIGHT, Frame::PHONE, &chat::sample_turns()[..5]);
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut png)
        .write_image(img.as_raw(), img.width(), img.height(), image::ExtendedColorType::Rgb8)
        .unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/e2e/fixtures/chat-screenshot.png");
    if std::env::var_os("WEIQUAN_WRITE_FIXTURES").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &png).unwrap();
    }
    let committed = std::fs::read(&path).unwrap_or_default();
    assert!(
        committed == png,
        "{} is stale: run WEIQUAN_WRITE_FIXTURES=1 cargo test -p weiquan-core --test transcript",
        path.display()
    );
}
