//! Dossier export speed and size: `cargo bench -p weiquan-core --bench dossier`.
//!
//! First one export of a case with 200 interactions and 100 phone photos (12 MP JPEGs, 4000 × 3000; set
//! WEIQUAN_BENCH_PHOTOS to change the count), printing the time and the PDF's size next to what a user would
//! otherwise do in the same run: the same content as an HTML page printed to PDF by headless Chromium. Then criterion measures a small
//! case (10 interactions, 2 photos) for a repeatable figure.
#![allow(clippy::unwrap_used, missing_debug_implementations)]

use std::time::Instant;

use chrono::{DateTime, Duration};
use criterion::{criterion_group, criterion_main, Criterion};
use weiquan_core::dossier;
use weiquan_core::exchange;
use weiquan_core::model::{CaseId, Interaction};
use weiquan_core::store::{EvidenceMeta, Store};

fn photo(seed: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(4000, 3000, |x, y| {
        image::Rgb([
            ((x / 16 + seed) % 256) as u8,
            ((y / 12 + seed * 3) % 256) as u8,
            ((x + y) / 40 % 256) as u8,
        ])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&image::DynamicImage::ImageRgb8(img))
        .unwrap();
    out.into_inner()
}

fn library(dir: &std::path::Path, interactions: usize, photos: u32) -> (Store, CaseId) {
    let mut store = Store::open(dir.join("bench.db")).unwrap();
    let mut case = exchange::parse(dossier::DEMO_CASE).unwrap().case;
    let base = case.interactions[0].clone();
    case.interactions = (0..interactions)
        .map(|i| Interaction {
            occurred_at: base.occurred_at + Duration::hours(i as i64),
            answer: Some(format!(
                "第{i}次：亲，您反映的问题我们已记录，请耐心等待处理结果，祝您生活愉快~"
            )),
            ..base.clone()
        })
        .collect();
    let (id, _) = store.create_case(&case).unwrap();
    for p in 0..photos {
        let f = dir.join(format!("IMG_{p:04}.jpg"));
        // Distinct content per photo: the vault would store identical files once.
        std::fs::write(&f, photo(p)).unwrap();
        store.import_evidence(id, &f, &EvidenceMeta::default()).unwrap();
    }
    (store, id)
}

fn at() -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap()
}

/// What a user would otherwise do: the same content as an HTML page (the interactions' text and every photo as it
/// is) printed to PDF by headless Chromium (Debian's `chromium`). Returns (seconds, bytes), or None without Chromium.
fn chromium_print(dir: &std::path::Path, store: &Store, id: CaseId) -> Option<(f64, u64)> {
    let chromium = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            std::process::Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })?;
    let case = store.get_case(id).unwrap().data;
    let mut html = String::from(
        "<!doctype html><meta charset=utf-8><style>body{font-family:'Noto Sans CJK SC',sans-serif}\
         img{max-width:100%;max-height:24cm;page-break-before:always;display:block}</style>",
    );
    html.push_str(&format!("<h1>{}</h1>", case.title));
    for it in &case.interactions {
        html.push_str(&format!(
            "<p>{} {}：{}</p>",
            it.occurred_at,
            it.agent.as_deref().unwrap_or(""),
            it.answer.as_deref().unwrap_or("")
        ));
    }
    for (i, it) in store.list_evidence(id).unwrap().iter().enumerate() {
        let file = dir.join(&it.original_name);
        html.push_str(&format!("<p>证据{}</p><img src=\"file://{}\">", i + 1, file.display()));
    }
    let page = dir.join("dossier.html");
    std::fs::write(&page, html).unwrap();
    let out = dir.join("chromium.pdf");
    let t = Instant::now();
    let status = std::process::Command::new(chromium)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"])
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    let secs = t.elapsed().as_secs_f64();
    (status.status.success() && out.exists()).then(|| (secs, std::fs::metadata(&out).unwrap().len()))
}

fn big_report() {
    let photos: u32 = std::env::var("WEIQUAN_BENCH_PHOTOS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    let dir = tempfile::tempdir().unwrap();
    let t = Instant::now();
    let (mut store, id) = library(dir.path(), 200, photos);
    let setup = t.elapsed().as_secs_f64();
    let out = dir.path().join("dossier.pdf");
    let t = Instant::now();
    let bytes = dossier::write(&mut store, id, at(), &out).unwrap();
    let export = t.elapsed().as_secs_f64();
    println!("\ndossier export, 200 interactions + {photos} photos of 12 MP (4000 x 3000 JPEG):");
    println!("  export time : {export:.2} s (generating and importing the photos took {setup:.1} s, not counted)");
    println!(
        "  PDF size    : {:.1} MiB ({bytes} bytes); photos over 2000 px are decoded at a reduced scale for print, on every core",
        bytes as f64 / 1048576.0
    );
    match chromium_print(dir.path(), &store, id) {
        Some((secs, size)) => println!(
            "  headless Chromium printing the same content as HTML: {secs:.2} s, {:.1} MiB — Weiquan is {:.1}x as \
             fast and {:.2}x the size\n",
            size as f64 / 1048576.0,
            secs / export,
            bytes as f64 / size as f64
        ),
        None => println!("  (Chromium not installed: `make bench` installs Debian's chromium for this comparison)\n"),
    }
}

fn small(c: &mut Criterion) {
    big_report();
    let dir = tempfile::tempdir().unwrap();
    let (store, id) = library(dir.path(), 10, 2);
    let mut g = c.benchmark_group("dossier");
    g.sample_size(10);
    g.bench_function("render_10_interactions_2_photos", |b| {
        b.iter(|| dossier::render(&store, id, at()).unwrap())
    });
    g.finish();
}

criterion_group!(benches, small);
criterion_main!(benches);
