//! The screenshot reader on rendered chats: `cargo bench -p weiquan-core --bench transcript`.
//!
//! Chats are rendered from known transcripts (tests/common/chat.rs) in four apps' looks (two apps' light mode, dark
//! mode, a shop chat with coloured "my" bubbles) at 1×–3×, as long captures, and with what real pictures suffer
//! (JPEG at quality 60, a 0.8× downscale, a status bar and an input bar). For each set it prints the character
//! error rate, the share of turns given the right speaker, the share of time separators read to the right time, and
//! the seconds per screenshot; then the process's peak memory. Goals: CER ≤ 1 %, speaker ≥ 99 %, under 3 s for a
//! 1080 × 2400 screenshot, peak memory under 1 GiB.
#![allow(clippy::unwrap_used, missing_debug_implementations)]

#[path = "../tests/common/chat.rs"]
mod chat;
mod common;

use std::time::Instant;

use chat::{edit_distance, norm, Frame, Who};
use chrono::DateTime;
use weiquan_core::transcript::{self, Screenshot, Speaker};

#[derive(Default)]
struct Score {
    chars: usize,
    char_errors: usize,
    turns: usize,
    speakers_right: usize,
    separators: usize,
    separators_right: usize,
    shots: usize,
    seconds: f64,
}

fn reference() -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2026-09-10T12:00:00+08:00").unwrap()
}

#[derive(Clone, Copy)]
enum Damage {
    None,
    Jpeg60,
    Downscale08,
}

/// Renders, damages, reads one screenshot and scores it against what was drawn.
fn run(
    score: &mut Score,
    font: &ab_glyph::FontVec,
    style: &chat::Style,
    frame: Frame,
    turns: &[(Who, &str)],
    damage: Damage,
) {
    let (img, drawn) = chat::render(font, style, frame, turns);
    let (img, factor) = match damage {
        Damage::None => (img, 1.0),
        Damage::Jpeg60 => {
            let mut out = Vec::new();
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 60)
                .encode_image(&img)
                .unwrap();
            (image::load_from_memory(&out).unwrap().to_rgb8(), 1.0)
        }
        Damage::Downscale08 => {
            let (w, h) = ((img.width() as f32 * 0.8) as u32, (img.height() as f32 * 0.8) as u32);
            (
                image::imageops::resize(&img, w, h, image::imageops::FilterType::Triangle),
                0.8,
            )
        }
    };
    // WEIQUAN_BENCH_DUMP=dir: each screenshot and its text as drawn, for running another engine on the same input.
    if let Some(dir) = std::env::var_os("WEIQUAN_BENCH_DUMP") {
        let n = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0) / 2;
        let base = std::path::Path::new(&dir).join(format!("{n:03}-{}-{}x", style.name, frame.scale));
        img.save(format!("{}.png", base.display())).unwrap();
        let text: Vec<&str> = drawn.iter().map(|d| d.text.as_str()).collect();
        std::fs::write(format!("{}.txt", base.display()), text.join("\n")).unwrap();
    }
    let t = Instant::now();
    let got = transcript::transcribe(
        &[Screenshot {
            name: "bench.png".into(),
            image: img,
            reference: reference(),
        }],
        Default::default(),
    )
    .unwrap();
    score.seconds += t.elapsed().as_secs_f64();
    score.shots += 1;
    // Each drawn turn is matched with the read turn whose box overlaps it most.
    for d in &drawn {
        let r = d.rect.map(|v| (v as f32 * factor) as i64);
        let overlap = |b: &[u32; 4]| {
            let b = b.map(i64::from);
            let w = (r[0] + r[2]).min(b[0] + b[2]) - r[0].max(b[0]);
            let h = (r[1] + r[3]).min(b[1] + b[3]) - r[1].max(b[1]);
            w.max(0) * h.max(0)
        };
        let found = got
            .turns
            .iter()
            .filter(|t| overlap(&t.source.rect) > 0)
            .max_by_key(|t| overlap(&t.source.rect));
        let want = norm(&d.text);
        score.chars += want.chars().count();
        score.turns += 1;
        let expected = match d.who {
            Who::Me => Speaker::Me,
            Who::Agent => Speaker::Agent,
            Who::Time => Speaker::System,
        };
        match found {
            Some(t) => {
                score.char_errors += edit_distance(&want, &norm(&t.text));
                score.speakers_right += usize::from(t.speaker == expected);
            }
            None => score.char_errors += want.chars().count(),
        }
        if d.who == Who::Time {
            score.separators += 1;
            let right = transcript::times::parse(&d.text, reference()).map(|x| x.0);
            score.separators_right += usize::from(found.is_some_and(|t| t.time == right && right.is_some()));
        }
    }
}

fn report(label: &str, s: &Score) {
    println!(
        "  {label:<44} CER {:>5.2} %  speaker {:>6.2} %  separators {:>6.2} %  {:>5.2} s/screenshot  ({} screenshots, {} characters)",
        100.0 * s.char_errors as f64 / s.chars.max(1) as f64,
        100.0 * s.speakers_right as f64 / s.turns.max(1) as f64,
        100.0 * s.separators_right as f64 / s.separators.max(1) as f64,
        s.seconds / s.shots.max(1) as f64,
        s.shots,
        s.chars
    );
}

fn main() {
    let font = chat::font();
    let conversations = [chat::sample_turns(), chat::second_turns()];
    // The model loads once per process; load it first so the first screenshot's time is not the load's.
    let t = Instant::now();
    transcript::recognise::recogniser().unwrap();
    println!(
        "\nscreenshot reader (PP-OCRv4 recognition in tract; model loaded in {:.2} s)",
        t.elapsed().as_secs_f64()
    );
    let mut all = Score::default();
    let add = |label: &str, frames: &[(chat::Style, Frame, Damage)], all: &mut Score| {
        let mut s = Score::default();
        for (style, frame, damage) in frames {
            for turns in &conversations {
                run(&mut s, &font, style, *frame, turns, *damage);
            }
        }
        report(label, &s);
        all.chars += s.chars;
        all.char_errors += s.char_errors;
        all.turns += s.turns;
        all.speakers_right += s.speakers_right;
        all.separators += s.separators;
        all.separators_right += s.separators_right;
        all.shots += s.shots;
        all.seconds += s.seconds;
    };
    let phone = Frame::PHONE; // 1080 × 2400
    for style in chat::STYLES {
        add(
            &format!("{} 1080×2400 (3×)", style.name),
            &[(style, phone, Damage::None)],
            &mut all,
        );
    }
    let scales: Vec<_> = [1.0, 1.5, 2.0, 2.5]
        .into_iter()
        .flat_map(|scale| chat::STYLES.map(|st| (st, Frame { scale, ..phone }, Damage::None)))
        .collect();
    add("every style at 1×, 1.5×, 2×, 2.5×", &scales, &mut all);
    let long = Frame { min_height: 0, ..phone };
    let mut s = Score::default();
    for style in [chat::WECHAT_LIGHT, chat::WECHAT_DARK] {
        let mut turns = chat::sample_turns();
        turns.extend(chat::second_turns());
        turns.extend(chat::sample_turns().into_iter().skip(1));
        run(&mut s, &font, &style, long, &turns, Damage::None);
    }
    report("long captures (1080 × ~7000)", &s);
    let chrome = Frame { chrome: true, ..phone };
    let damaged = |d: Damage| chat::STYLES.map(|st| (st, chrome, d));
    add("status + input bar", &damaged(Damage::None), &mut all);
    add(
        "status + input bar, JPEG quality 60",
        &damaged(Damage::Jpeg60),
        &mut all,
    );
    add(
        "status + input bar, downscaled 0.8×",
        &damaged(Damage::Downscale08),
        &mut all,
    );
    report("all of the above but long captures", &all);
    println!(
        "  peak memory (VmHWM) {:.0} MiB — goals: CER ≤ 1 %, speaker ≥ 99 %, < 3 s per 1080×2400, < 1 GiB\n",
        common::vm_hwm_kib() as f64 / 1024.0
    );
}
