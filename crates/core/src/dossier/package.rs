//! The evidence package: one ZIP a consumer uploads or hands over — the dossier PDF, every original evidence file
//! named by exhibit number and description, and a manifest (JSON and CSV) with each file's size, SHA-256 and SM3
//! so a recipient can check every file. On request, large images also get downscaled copies under a size the user
//! sets (upload forms limit file sizes), clearly named as copies and always next to the originals.

use std::io::Cursor;
use std::path::Path;

use chrono::{DateTime, Datelike, FixedOffset, Timelike};
use serde::Serialize;
use ts_rs::TS;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime as ZipTime, ZipWriter};

use super::{manifest, manifest_sha256, render, ManifestEntry};
use crate::model::CaseId;
use crate::store::Store;
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PackageReport {
    /// Every file in the ZIP, in order.
    pub files: Vec<String>,
    pub manifest_sha256: String,
    pub bytes: u64,
    /// Images for which a copy under the size limit could not be made (the original is still included).
    pub not_reduced: Vec<String>,
}

/// A JPEG copy of an image no larger than `max_bytes`, made by scaling down step by step. None if it cannot fit.
fn reduced_copy(original: &[u8], max_bytes: u64) -> Option<Vec<u8>> {
    let img = image::load_from_memory(original).ok()?.to_rgb8();
    let mut img = image::DynamicImage::ImageRgb8(img);
    for _ in 0..12 {
        let mut out = Cursor::new(Vec::new());
        let enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82);
        img.write_with_encoder(enc).ok()?;
        let bytes = out.into_inner();
        if bytes.len() as u64 <= max_bytes {
            return Some(bytes);
        }
        let (w, h) = (img.width() * 4 / 5, img.height() * 4 / 5);
        if w < 64 || h < 64 {
            return None;
        }
        img = img.resize(w, h, image::imageops::FilterType::Triangle);
    }
    None
}

fn manifest_csv(entries: &[ManifestEntry]) -> Result<Vec<u8>> {
    // A BOM so that spreadsheet programs open the Chinese text as UTF-8.
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(b"\xef\xbb\xbf".to_vec());
    let fail = |e: csv::Error| Error::io("write", "证据清单.csv", std::io::Error::other(e.to_string()));
    w.write_record([
        "编号",
        "文件名",
        "说明",
        "原文件名",
        "类型",
        "大小（字节）",
        "SHA-256",
        "SM3",
    ])
    .map_err(fail)?;
    for e in entries {
        w.write_record([
            e.number.to_string(),
            crate::fsutil::spreadsheet_text(&e.file_name),
            crate::fsutil::spreadsheet_text(&e.description),
            crate::fsutil::spreadsheet_text(&e.original_name),
            e.content_type.clone(),
            e.size.to_string(),
            e.sha256.clone(),
            e.sm3.clone(),
        ])
        .map_err(fail)?;
    }
    w.into_inner()
        .map_err(|e| Error::io("write", "证据清单.csv", std::io::Error::other(e.to_string())))
}

/// The sizes a reduced copy may be asked for, in kB, for every front end.
pub const IMAGE_KB: std::ops::RangeInclusive<u64> = 20..=100_000;

/// Builds the package and writes it atomically to `out`. `max_image_kb` asks for reduced copies of larger images.
pub fn package(
    store: &mut Store,
    case: CaseId,
    at: DateTime<FixedOffset>,
    out: &Path,
    max_image_kb: Option<u64>,
) -> Result<PackageReport> {
    store.check_export_target(out)?;
    if let Some(kb) = max_image_kb.filter(|kb| !IMAGE_KB.contains(kb)) {
        return Err(Error::invalid(
            "max_image_kb",
            format!("{kb} is outside {}..={} (kB)", IMAGE_KB.start(), IMAGE_KB.end()),
        ));
    }
    let items = store.list_evidence(case)?;
    let entries = manifest(&items);
    let pdf = render(store, case, at)?;
    let when = ZipTime::from_date_and_time(
        at.year().clamp(1980, 2107) as u16,
        at.month() as u8,
        at.day() as u8,
        at.hour() as u8,
        at.minute() as u8,
        at.second() as u8,
    )
    .map_err(|_| Error::invalid("at", "not a time a ZIP file can record"))?;
    let stored = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Stored)
        .last_modified_time(when);
    let deflated = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(when);
    let zerr = |e: zip::result::ZipError| Error::io("build the package", out, std::io::Error::other(e));
    let werr = |e: std::io::Error| Error::io("build the package", out, e);
    let mut not_reduced = Vec::new();

    // Streamed: the ZIP goes to a temp file beside the target and each original is copied into it from the vault,
    // so memory stays flat however large the recordings are. Renamed into place only when complete.
    let tmp = crate::fsutil::temp_beside(out)?;
    let result = (|| -> Result<Vec<String>> {
        let file = std::fs::File::create(&tmp).map_err(|e| Error::io("write", &tmp, e))?;
        let mut zip = ZipWriter::new(std::io::BufWriter::new(file));
        let mut files = Vec::new();
        let mut add = |zip: &mut ZipWriter<std::io::BufWriter<std::fs::File>>,
                       name: String,
                       bytes: &mut dyn std::io::Read,
                       opts: SimpleFileOptions|
         -> Result<()> {
            zip.start_file(name.as_str(), opts).map_err(zerr)?;
            std::io::copy(bytes, zip).map_err(werr)?;
            files.push(name);
            Ok(())
        };
        add(&mut zip, "投诉材料.pdf".into(), &mut pdf.as_slice(), deflated)?;
        let json = serde_json::to_string_pretty(&entries).map_err(|e| Error::serialize("the document", e))? + "\n";
        add(&mut zip, "证据清单.json".into(), &mut json.as_bytes(), deflated)?;
        add(
            &mut zip,
            "证据清单.csv".into(),
            &mut manifest_csv(&entries)?.as_slice(),
            deflated,
        )?;
        let vault = store.vault();
        for (e, it) in entries.iter().zip(&items) {
            let path = vault.object_path(&it.sha256)?;
            let mut original = std::fs::File::open(&path).map_err(|err| Error::io("read", &path, err))?;
            // Media is already compressed: store it as it is, so the bytes in the ZIP are the original's.
            add(&mut zip, format!("证据/{}", e.file_name), &mut original, stored)?;
            if let Some(kb) = max_image_kb {
                if it.content_type.starts_with("image/") && it.size > kb * 1024 {
                    // Only images are decoded for a reduced copy, one at a time.
                    let bytes = std::fs::read(&path).map_err(|err| Error::io("read", &path, err))?;
                    match reduced_copy(&bytes, kb * 1024) {
                        Some(copy) => {
                            let stem = Path::new(&e.file_name)
                                .file_stem()
                                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
                            add(
                                &mut zip,
                                format!("证据/上传用压缩副本/{stem}（压缩副本，非原件）.jpg"),
                                &mut copy.as_slice(),
                                stored,
                            )?;
                        }
                        None => not_reduced.push(e.file_name.clone()),
                    }
                }
            }
        }
        let file = zip
            .finish()
            .map_err(zerr)?
            .into_inner()
            .map_err(|e| werr(e.into_error()))?;
        file.sync_all().map_err(werr)?;
        std::fs::rename(&tmp, out).map_err(werr)?;
        Ok(files)
    })();
    let files = match result {
        Ok(files) => files,
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            return Err(e);
        }
    };
    store.record_export(case, &format!("evidence package {}", out.display()))?;
    Ok(PackageReport {
        files,
        manifest_sha256: manifest_sha256(&entries),
        bytes: std::fs::metadata(out).map_err(|e| Error::io("read", out, e))?.len(),
        not_reduced,
    })
}
