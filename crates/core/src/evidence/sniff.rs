//! What a file is, from its bytes (never its extension), and the time it reports for itself.

use std::io::{BufReader, Read};
use std::path::Path;

/// The MIME type sniffed from the first bytes. Text is recognised as UTF-8 (HTML when it looks like markup).
pub fn content_type(head: &[u8]) -> String {
    if let Some(t) = infer::get(head) {
        return t.mime_type().to_owned();
    }
    // The head may end in the middle of a multi-byte character: allow an incomplete sequence at the very end.
    let text = match std::str::from_utf8(head) {
        Ok(s) => Some(s),
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).ok(),
        Err(_) => None,
    };
    match text {
        Some(s) if !s.contains('\0') => {
            let lower = s.trim_start_matches('\u{feff}').trim_start().to_ascii_lowercase();
            if lower.starts_with("<!doctype html") || lower.starts_with("<html") {
                "text/html".into()
            } else if lower.starts_with("from ") || lower.contains("\nmessage-id:") || lower.starts_with("received:") {
                "message/rfc822".into()
            } else {
                "text/plain".into()
            }
        }
        _ => "application/octet-stream".into(),
    }
}

/// A time a file reports for itself, and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedTime {
    /// As the file states it: `2026-09-05T10:12:00`, with `+08:00` when the file records its offset.
    pub at: String,
    /// Which field it came from, e.g. `EXIF DateTimeOriginal`.
    pub by: String,
}

/// For photos, EXIF DateTimeOriginal (with OffsetTimeOriginal when present); for MP4/MOV/M4A recordings, the
/// movie header's creation time (UTC by the format's definition). Cheap: reads only the metadata.
pub fn reported_time(path: &Path, content_type: &str) -> Option<ReportedTime> {
    if matches!(
        content_type,
        "video/mp4" | "video/quicktime" | "audio/mp4" | "audio/m4a" | "audio/x-m4a" | "video/3gpp" | "video/x-m4v"
    ) {
        return container_time(path);
    }
    if !matches!(
        content_type,
        "image/jpeg" | "image/tiff" | "image/heif" | "image/heic" | "image/webp" | "image/png"
    ) {
        return None;
    }
    let file = std::fs::File::open(path).ok()?;
    photo_time(&mut BufReader::new(file.take(64 * 1024 * 1024)))
}

/// EXIF DateTimeOriginal (or DateTime), with OffsetTimeOriginal when present, from a photo's container (JPEG,
/// TIFF, HEIF, WebP, PNG). A malformed container yields `None`.
pub fn photo_time<R: std::io::BufRead + std::io::Seek>(r: &mut R) -> Option<ReportedTime> {
    let exif = exif::Reader::new().read_from_container(r).ok()?;
    let field = exif
        .get_field(exif::Tag::DateTimeOriginal, exif::In::PRIMARY)
        .or_else(|| exif.get_field(exif::Tag::DateTime, exif::In::PRIMARY))?;
    let by = if field.tag == exif::Tag::DateTimeOriginal {
        "EXIF DateTimeOriginal"
    } else {
        "EXIF DateTime"
    };
    let exif::Value::Ascii(ref v) = field.value else {
        return None;
    };
    let dt = exif::DateTime::from_ascii(v.first()?).ok()?;
    let mut at = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        dt.year, dt.month, dt.day, dt.hour, dt.minute, dt.second
    );
    if let Some(off) = exif.get_field(exif::Tag::OffsetTimeOriginal, exif::In::PRIMARY) {
        if let exif::Value::Ascii(ref o) = off.value {
            if let Some(o) = o.first().and_then(|b| std::str::from_utf8(b).ok()) {
                if o.len() == 6 && (o.starts_with('+') || o.starts_with('-')) {
                    at.push_str(o);
                }
            }
        }
    }
    Some(ReportedTime { at, by: by.into() })
}

/// Seconds between 1904-01-01 (the ISO base media epoch) and 1970-01-01.
const MP4_EPOCH_OFFSET: i64 = 2_082_844_800;

fn container_time(path: &Path) -> Option<ReportedTime> {
    let mut file = std::fs::File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    let created = mvhd_creation_time(&mut file, size)?;
    let secs = i64::try_from(created).ok()?.checked_sub(MP4_EPOCH_OFFSET)?;
    // 0 means "not set" in practice; anything before 2000 is a camera whose clock was never set.
    if secs < 946_684_800 {
        return None;
    }
    let at = chrono::DateTime::from_timestamp(secs, 0)?;
    Some(ReportedTime {
        at: at.format("%Y-%m-%dT%H:%M:%S+00:00").to_string(),
        by: "MP4 mvhd creation_time".into(),
    })
}

/// The most boxes read in one file before giving up: a recording has a handful at the top level.
const MAX_BOXES: usize = 4096;

/// Reads `moov/mvhd`'s creation time from an ISO base media file (MP4, MOV, M4A) without trusting any size in it:
/// every box size is checked against its parent before it is used, a size of 0 means "to the end of the file" (the
/// format's own rule, so it cannot loop), a size smaller than its header ends the walk, and at most
/// [`MAX_BOXES`] boxes are visited. A malformed file yields `None`, never a hang or a panic.
pub fn mvhd_creation_time<R: std::io::Read + std::io::Seek>(r: &mut R, len: u64) -> Option<u64> {
    use std::io::SeekFrom;
    let mut visited = 0;
    // (start, end) of the box list being walked: first the file, then the moov box's payload.
    let (mut pos, mut end, mut in_moov) = (0u64, len, false);
    while pos.checked_add(8)? <= end {
        visited += 1;
        if visited > MAX_BOXES {
            return None;
        }
        r.seek(SeekFrom::Start(pos)).ok()?;
        let mut head = [0u8; 8];
        r.read_exact(&mut head).ok()?;
        let small = u64::from(u32::from_be_bytes([head[0], head[1], head[2], head[3]]));
        let kind = [head[4], head[5], head[6], head[7]];
        let (size, header) = match small {
            0 => (end - pos, 8),
            1 => {
                let mut large = [0u8; 8];
                r.read_exact(&mut large).ok()?;
                (u64::from_be_bytes(large), 16)
            }
            n => (n, 8),
        };
        if size < header || size > end - pos {
            return None;
        }
        match (&kind, in_moov) {
            (b"moov", false) => {
                (pos, end, in_moov) = (pos + header, pos + size, true);
                continue;
            }
            (b"mvhd", true) => {
                let mut version = [0u8; 4];
                r.read_exact(&mut version).ok()?;
                return if version[0] == 1 {
                    let mut t = [0u8; 8];
                    (size >= header + 12).then_some(())?;
                    r.read_exact(&mut t).ok()?;
                    Some(u64::from_be_bytes(t))
                } else {
                    let mut t = [0u8; 4];
                    (size >= header + 8).then_some(())?;
                    r.read_exact(&mut t).ok()?;
                    Some(u64::from(u32::from_be_bytes(t)))
                };
            }
            _ => pos += size,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mp4_box(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut b = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        b.extend_from_slice(kind);
        b.extend_from_slice(body);
        b
    }

    fn time_of(bytes: &[u8]) -> Option<u64> {
        mvhd_creation_time(&mut std::io::Cursor::new(bytes), bytes.len() as u64)
    }

    #[test]
    fn reads_the_movie_header_and_survives_hostile_box_sizes() {
        let mut mvhd = vec![0u8, 0, 0, 0];
        mvhd.extend_from_slice(&3_840_000_000u32.to_be_bytes());
        mvhd.extend_from_slice(&[0u8; 92]);
        let file = [
            mp4_box(b"ftyp", b"isom\0\0\0\0"),
            mp4_box(b"moov", &mp4_box(b"mvhd", &mvhd)),
        ]
        .concat();
        assert_eq!(time_of(&file), Some(3_840_000_000));

        // A box of size 0 means "to the end of the file": the walk ends, it does not loop.
        let zero = [mp4_box(b"ftyp", b"isom"), vec![0, 0, 0, 0, b'f', b'r', b'e', b'e']].concat();
        assert_eq!(time_of(&zero), None);
        // Sizes smaller than a header, or larger than the parent, end the walk instead of underflowing.
        for size in [1u32, 2, 7, 0xffff_ffff] {
            let mut bad = size.to_be_bytes().to_vec();
            bad.extend_from_slice(b"moov");
            bad.extend_from_slice(&[0u8; 32]);
            assert_eq!(time_of(&bad), None, "size {size}");
        }
        // A 64-bit size that points past the end, and an mvhd too short for its fields.
        let mut large = 1u32.to_be_bytes().to_vec();
        large.extend_from_slice(b"moov");
        large.extend_from_slice(&u64::MAX.to_be_bytes());
        assert_eq!(time_of(&large), None);
        let short = mp4_box(b"moov", &mp4_box(b"mvhd", &[1, 0, 0, 0, 1, 2]));
        assert_eq!(time_of(&short), None);
        // Thousands of empty boxes are walked in bounded time.
        let many: Vec<u8> = (0..10_000).flat_map(|_| mp4_box(b"free", b"")).collect();
        assert_eq!(time_of(&many), None);
    }

    #[test]
    fn sniffs_from_bytes_not_names() {
        assert_eq!(content_type(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "image/png");
        assert_eq!(content_type(b"\xff\xd8\xff\xe0\0\x10JFIF\0"), "image/jpeg");
        assert_eq!(content_type(b"%PDF-1.7\n"), "application/pdf");
        assert_eq!(content_type("客服：亲，祝您生活愉快".as_bytes()), "text/plain");
        assert_eq!(content_type(b"<!DOCTYPE html><html>"), "text/html");
        assert_eq!(content_type(b"\0\x01\x02\xfe\xff"), "application/octet-stream");
        let chinese = "答非所问".as_bytes();
        assert_eq!(
            content_type(&chinese[..chinese.len() - 1]),
            "text/plain",
            "a cut character at the end is fine"
        );
    }
}
