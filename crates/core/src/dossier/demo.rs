//! `weiquan demo`: a realistic sample case with image evidence, made from nothing, and everything Weiquan produces
//! from it — the no-set-up way to see the product's output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use image::{Rgb, RgbImage};
use serde::Serialize;
use ts_rs::TS;

use super::{filing_text, package, write};
use crate::store::{EvidenceMeta, Store};
use crate::{exchange, Error, Result};

/// The sample case (also the test suite's fixture).
pub const DEMO_CASE: &str = include_str!("../../data/demo-case.json");

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DemoReport {
    pub db: String,
    pub dossier: String,
    pub filing_text: String,
    pub package: String,
}

/// A phone screenshot of a chat: bubbles left (the agent) and right (the consumer).
fn chat_screenshot() -> RgbImage {
    let (w, h) = (750u32, 1334u32);
    let mut img = RgbImage::from_pixel(w, h, Rgb([237, 237, 237]));
    let mut fill = |x0: u32, y0: u32, x1: u32, y1: u32, c: [u8; 3]| {
        for y in y0..y1.min(h) {
            for x in x0..x1.min(w) {
                img.put_pixel(x, y, Rgb(c));
            }
        }
    };
    fill(0, 0, w, 120, [255, 255, 255]);
    for (i, right) in [false, true, false, true, false, false].iter().enumerate() {
        let y = 170 + i as u32 * 190;
        if *right {
            fill(250, y, 700, y + 120, [149, 236, 105]);
        } else {
            fill(50, y, 520, y + 140, [255, 255, 255]);
        }
    }
    fill(0, h - 110, w, h, [247, 247, 247]);
    img
}

/// A photo of a bank text message about the refund that never came.
fn sms_photo() -> RgbImage {
    RgbImage::from_fn(1600, 1200, |x, y| {
        let inside = (200..1400).contains(&x) && (300..900).contains(&y);
        if inside {
            Rgb([250, 250, 250])
        } else {
            Rgb([40 + (x / 40) as u8, 60 + (y / 30) as u8, 90])
        }
    })
}

/// Builds the demo library in `dir` and writes the dossier, the 12315 text and the evidence package there.
pub fn demo(dir: &Path, at: DateTime<FixedOffset>) -> Result<DemoReport> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io("create", dir, e))?;
    let db = dir.join("weiquan-demo.db");
    if db.exists() {
        return Err(Error::invalid(
            db.display().to_string(),
            "already exists: choose an empty folder for the demo",
        ));
    }
    let mut store = Store::open(&db)?;
    let doc = exchange::parse(DEMO_CASE)?;
    let (case, _) = store.create_case_as(&doc.case, doc.case_uid.as_deref())?;
    let ids: Vec<_> = store
        .get_case(case)?
        .data
        .interactions
        .iter()
        .filter_map(|i| i.id)
        .collect();
    let scratch = dir.join("demo-files");
    std::fs::create_dir_all(&scratch).map_err(|e| Error::io("create", &scratch, e))?;
    let files: [(PathBuf, image::ImageFormat, RgbImage, &str, usize); 2] = [
        (
            scratch.join("Screenshot_20260905_101530.png"),
            image::ImageFormat::Png,
            chat_screenshot(),
            "在线客服聊天截图（答非所问）",
            0,
        ),
        (
            scratch.join("IMG_20260920_093012.jpg"),
            image::ImageFormat::Jpeg,
            sms_photo(),
            "银行短信：截至9月20日仍未到账",
            1,
        ),
    ];
    for (path, format, img, description, ix) in files {
        img.save_with_format(&path, format)
            .map_err(|e| Error::io("write", &path, std::io::Error::other(e)))?;
        let meta = EvidenceMeta {
            description: Some(description.into()),
            source: Some("投诉人手机".into()),
            interactions: ids.get(ix).copied().into_iter().collect(),
        };
        store.import_evidence(case, &path, &meta)?;
    }
    let dossier = dir.join("投诉材料.pdf");
    write(&mut store, case, at, &dossier)?;
    let blocks = filing_text(&doc.case, &BTreeMap::new(), at.date_naive());
    let text: String = blocks
        .iter()
        .map(|b| format!("【{}】（{} 字）\n{}\n\n", b.title, b.chars, b.text))
        .collect();
    let text_path = dir.join("12315投诉文本.txt");
    super::write_atomically(&text_path, text.as_bytes())?;
    let package_path = dir.join("证据包.zip");
    package(&mut store, case, at, &package_path, Some(200))?;
    Ok(DemoReport {
        db: db.display().to_string(),
        dossier: dossier.display().to_string(),
        filing_text: text_path.display().to_string(),
        package: package_path.display().to_string(),
    })
}
