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
    let exif = exif::Reader::new()
        .read_from_container(&mut BufReader::new(file.take(64 * 1024 * 1024)))
        .ok()?;
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
    let file = std::fs::File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    let mp4 = mp4::Mp4Reader::read_header(BufReader::new(file), size).ok()?;
    let secs = i64::try_from(mp4.moov.mvhd.creation_time)
        .ok()?
        .checked_sub(MP4_EPOCH_OFFSET)?;
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

#[cfg(test)]
mod tests {
    use super::*;

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
