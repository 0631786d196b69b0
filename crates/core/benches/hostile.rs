//! The screenshot reader on hostile pictures: `cargo bench -p weiquan-core --bench hostile`.
//!
//! Each picture is written to a file first; then a fresh process (this program again) reads it exactly as
//! `weiquan transcript` does — the file through the bounded reader, decoded with the reader's limits, laid out,
//! its lines recognised — and reports its own peak memory (VmHWM). The set: the second review's kinds of crafted
//! picture (specks that never group, rows of noise, a bubble of thin stripes, thousands of small bubbles, nested
//! frames), noise and an RGBA long capture at the 50-megapixel limit, and twelve 50-megapixel screenshots read as one
//! conversation. Goal per picture (issue 26): peak memory ≤ 300 MB and ≤ 10 s, release build.
#![allow(clippy::unwrap_used, missing_debug_implementations)]

mod common;

use std::path::{Path, PathBuf};
use std::time::Instant;

use image::{Rgb, RgbImage, Rgba, RgbaImage};
use weiquan_core::transcript;

const CHILD: &str = "WEIQUAN_HOSTILE_READ";

fn save_rgb(dir: &Path, name: &str, img: &RgbImage) -> PathBuf {
    let path = dir.join(name);
    img.save(&path).unwrap();
    path
}

fn pictures(dir: &Path) -> Vec<(&'static str, Vec<PathBuf>)> {
    let white = Rgb([255, 255, 255]);
    let black = Rgb([0, 0, 0]);
    let mut out = Vec::new();
    let specks = RgbImage::from_fn(1200, 12_003, |x, y| {
        if x % 48 < 2 && y % 3 < 2 && x < 1152 {
            black
        } else {
            white
        }
    });
    out.push((
        "specks that never group (100,000)",
        vec![save_rgb(dir, "specks.png", &specks)],
    ));
    let rows = RgbImage::from_fn(20_000, 2_400, |x, y| {
        if (40..2_360).contains(&y) && x % 2 == 0 {
            black
        } else {
            white
        }
    });
    out.push(("rows of noise 20,000 wide", vec![save_rgb(dir, "rows.png", &rows)]));
    let stripes = RgbImage::from_fn(6_000, 8_000, |x, y| {
        let bubble = (20..2_900).contains(&x) && (20..7_980).contains(&y);
        if bubble && (40..2_880).contains(&x) && (40..7_960).contains(&y) && y % 8 < 3 {
            black
        } else if bubble {
            Rgb([160, 230, 110])
        } else {
            Rgb([240, 240, 240])
        }
    });
    out.push((
        "a bubble of 990 thin stripes (48 MP)",
        vec![save_rgb(dir, "stripes.png", &stripes)],
    ));
    let bubbles = RgbImage::from_fn(720, 17_900, |x, y| {
        let (bx, by) = (x % 180, y % 34);
        let bubble = (20..90).contains(&bx) && (2..32).contains(&by) && y > 34 && y < 17_870;
        if bubble && (30..60).contains(&bx) && (10..20).contains(&by) {
            black
        } else if bubble {
            white
        } else {
            Rgb([237, 237, 237])
        }
    });
    out.push(("2,100 small bubbles", vec![save_rgb(dir, "bubbles.png", &bubbles)]));
    // Frames inside frames, each mostly filled: the boxes nest as deep as they can.
    let frames = RgbImage::from_fn(4_000, 4_000, |x, y| {
        let d = x.min(y).min(3_999 - x).min(3_999 - y);
        if d < 8 {
            Rgb([240, 240, 240])
        } else if (d / 6) % 2 == 0 {
            Rgb([30, 30, 30])
        } else {
            Rgb([200, 220, 250])
        }
    });
    out.push(("nested frames (16 MP)", vec![save_rgb(dir, "frames.png", &frames)]));
    let noise = RgbImage::from_fn(7_000, 7_000, |x, y| if (x ^ y) & 1 == 0 { black } else { white });
    out.push(("noise at the limit (49 MP)", vec![save_rgb(dir, "noise.png", &noise)]));
    // An RGBA long capture at the limit: a phone's width, 46,000 rows, a bubble with a line of strokes every 400.
    let capture = |seed: u32| {
        RgbaImage::from_fn(1_080, 46_000, move |x, y| {
            let (row, band) = (y / 400, y % 400);
            let left = (row + seed).is_multiple_of(2);
            let (x0, x1) = if left { (150, 700) } else { (380, 930) };
            let in_bubble = (x0..x1).contains(&x) && (100..220).contains(&band);
            let ink = in_bubble && (130..180).contains(&band) && (x - x0) % 26 < 14 && (x0 + 30..x1 - 30).contains(&x);
            if ink {
                Rgba([25, 25, 25, 255])
            } else if in_bubble {
                if left {
                    Rgba([255, 255, 255, 255])
                } else {
                    Rgba([149, 236, 105, 255])
                }
            } else {
                Rgba([237, 237, 237, 255])
            }
        })
    };
    let long = dir.join("long-rgba.png");
    capture(0).save(&long).unwrap();
    out.push(("RGBA long capture 1080 × 46,000", vec![long.clone()]));
    let mut twelve = vec![long];
    for i in 1..12 {
        let p = dir.join(format!("long-{i}.png"));
        capture(i).save(&p).unwrap();
        twelve.push(p);
    }
    out.push(("twelve 50 MP captures as one conversation", twelve));
    out
}

/// In the child: reads the files as one conversation and prints "outcome|peak KiB".
fn child(files: &[String]) {
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-07T10:00:00+08:00").unwrap();
    let outcome = (|| {
        let mut reading = transcript::Reading::new(Default::default())?;
        for f in files {
            reading.add(&transcript::read_file(Path::new(f), now)?)?;
        }
        Ok::<_, weiquan_core::Error>(reading.finish())
    })();
    let said = match outcome {
        Ok(t) => format!("read: {} turns", t.turns.len()),
        Err(e) => {
            let e = e.to_string();
            let why = e
                .split(": this picture")
                .nth(1)
                .map_or(e.clone(), |w| format!("refused: this picture{w}"));
            why.chars().take(90).collect()
        }
    };
    println!("{said}|{}", common::vm_hwm_kib());
}

fn main() {
    if let Ok(files) = std::env::var(CHILD) {
        child(&files.split('\n').map(str::to_owned).collect::<Vec<_>>());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    println!("hostile pictures for the screenshot reader (goal: ≤ 300 MB peak, ≤ 10 s a picture)");
    let exe = std::env::current_exe().unwrap();
    let mut worst = (0u64, 0f64);
    for (name, files) in pictures(dir.path()) {
        let list: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
        let start = Instant::now();
        let out = std::process::Command::new(&exe)
            .env(CHILD, list.join("\n"))
            .output()
            .unwrap();
        let secs = start.elapsed().as_secs_f64();
        let text = String::from_utf8_lossy(&out.stdout);
        let (said, kib) = text.trim().rsplit_once('|').unwrap_or((text.trim(), "0"));
        let mib = kib.parse::<u64>().unwrap_or(0) / 1024;
        let per_picture = secs / files.len() as f64;
        worst = (worst.0.max(mib), worst.1.max(per_picture));
        println!("  {name:<44} {mib:>5} MiB peak  {per_picture:>6.2} s a picture  {said}");
    }
    println!(
        "  worst: {} MiB peak, {:.2} s a picture — {}",
        worst.0,
        worst.1,
        if worst.0 <= 286 && worst.1 <= 10.0 {
            "within the goal"
        } else {
            "OVER THE GOAL"
        }
    );
}
