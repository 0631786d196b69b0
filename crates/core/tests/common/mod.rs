#![allow(dead_code, clippy::unwrap_used)]

use std::path::PathBuf;

use weiquan_core::exchange;
use weiquan_core::model::CaseData;

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data").join(name)
}

pub mod chat;

pub fn sample_case() -> CaseData {
    let text = std::fs::read_to_string(fixture("demo-case.json")).unwrap();
    exchange::parse(&text).unwrap().case
}

/// A real database file in a fresh temp dir (never `:memory:`).
pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library").join("weiquan.db");
    (dir, path)
}

/// A small PNG (w × h, a colour gradient).
pub fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 7) as u8, (y * 5) as u8, 128]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// A JPEG whose EXIF says it was taken at 2026-09-05 10:12:00 +08:00 (an APP1 segment built by hand).
pub fn jpeg_with_exif() -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 3, y as u8 * 4, 90]));
    let mut jpeg = std::io::Cursor::new(Vec::new());
    img.write_to(&mut jpeg, image::ImageFormat::Jpeg).unwrap();
    let jpeg = jpeg.into_inner();
    let mut tiff: Vec<u8> = b"II*\0".to_vec();
    tiff.extend(8u32.to_le_bytes());
    // IFD0: one entry, the pointer to the Exif IFD at offset 26.
    tiff.extend(1u16.to_le_bytes());
    tiff.extend(0x8769u16.to_le_bytes());
    tiff.extend(4u16.to_le_bytes());
    tiff.extend(1u32.to_le_bytes());
    tiff.extend(26u32.to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    // Exif IFD: DateTimeOriginal (20 bytes at 56) and OffsetTimeOriginal (7 bytes at 76).
    tiff.extend(2u16.to_le_bytes());
    for (tag, count, offset) in [(0x9003u16, 20u32, 56u32), (0x9011, 7, 76)] {
        tiff.extend(tag.to_le_bytes());
        tiff.extend(2u16.to_le_bytes());
        tiff.extend(count.to_le_bytes());
        tiff.extend(offset.to_le_bytes());
    }
    tiff.extend(0u32.to_le_bytes());
    assert_eq!(tiff.len(), 56);
    tiff.extend(b"2026:09:05 10:12:00\0");
    tiff.extend(b"+08:00\0");
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = vec![0xff, 0xd8, 0xff, 0xe1];
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

/// SHA-256 by the system's sha256sum, independent of the code under test.
pub fn sha256sum(path: &std::path::Path) -> String {
    let out = std::process::Command::new("sha256sum").arg(path).output().unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned()
}

/// A minimal MP4 (ftyp + moov/mvhd) whose movie header says it was created at `unix_secs`.
pub fn mp4_created_at(unix_secs: u64) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend(20u32.to_be_bytes());
    out.extend(b"ftypisom");
    out.extend(0x200u32.to_be_bytes());
    out.extend(b"isom");
    let mut mvhd = Vec::new();
    mvhd.extend(108u32.to_be_bytes());
    mvhd.extend(b"mvhd");
    mvhd.extend([0u8; 4]); // version 0, flags
    let t = (unix_secs + 2_082_844_800) as u32;
    mvhd.extend(t.to_be_bytes()); // creation
    mvhd.extend(t.to_be_bytes()); // modification
    mvhd.extend(1000u32.to_be_bytes()); // timescale
    mvhd.extend(5000u32.to_be_bytes()); // duration
    mvhd.extend(0x0001_0000u32.to_be_bytes()); // rate
    mvhd.extend(0x0100u16.to_be_bytes()); // volume
    mvhd.extend([0u8; 10]); // reserved
    for m in [0x0001_0000u32, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000] {
        mvhd.extend(m.to_be_bytes());
    }
    mvhd.extend([0u8; 24]); // pre_defined
    mvhd.extend(2u32.to_be_bytes()); // next track id
    assert_eq!(mvhd.len(), 108);
    out.extend(((mvhd.len() + 8) as u32).to_be_bytes());
    out.extend(b"moov");
    out.extend(mvhd);
    out
}

/// A ZIP's entries, in order, with their bytes.
pub fn entries(path: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut e = zip.by_index(i).unwrap();
            let mut b = Vec::new();
            std::io::Read::read_to_end(&mut e, &mut b).unwrap();
            (e.name().to_owned(), b)
        })
        .collect()
}

/// Writes entries as a ZIP, in order.
pub fn write_entries(path: &std::path::Path, list: &[(String, Vec<u8>)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in list {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut zip, bytes).unwrap();
    }
    zip.finish().unwrap();
}
