//! Reading files a stranger may have sent, safely: only regular files, only up to a stated size, and only paths that
//! stay inside the folder they are relative to. Everything the core reads from a hand-off (a case document, its
//! evidence) goes through here, so a FIFO cannot hang it, `/dev/zero` cannot exhaust memory, and `../../.ssh/id_rsa`
//! or a symlink cannot smuggle a file of the volunteer's own into a case.

use std::fs::File;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use crate::{Error, Result};

/// The largest case document (`weiquan.case/1` JSON) read: 64 MiB, far above any real case.
pub const MAX_DOCUMENT_BYTES: u64 = 64 * 1024 * 1024;

/// The largest single evidence file a case document may bring in: 4 GiB (a long screen recording).
pub const MAX_EVIDENCE_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// Metadata of a regular file (following a symlink the user chose herself), refusing FIFOs, devices, sockets and
/// folders before anything opens them, and anything larger than `max` bytes.
pub fn regular_file(path: &Path, max: u64) -> Result<std::fs::Metadata> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io("read", path, e))?;
    if meta.is_dir() {
        return Err(Error::invalid(path.display().to_string(), "is a folder, not a file"));
    }
    if !meta.is_file() {
        return Err(Error::invalid(
            path.display().to_string(),
            "is not a regular file (a pipe, device or socket is never read)",
        ));
    }
    if meta.len() > max {
        return Err(Error::invalid(
            path.display().to_string(),
            format!("is {} bytes; the limit is {max} bytes", meta.len()),
        ));
    }
    Ok(meta)
}

/// Reads a file from a stranger of at most `max` bytes: a regular file (a pipe, device or socket is never read, so
/// a FIFO cannot hang and /dev/zero cannot fill memory), read with a hard cap whatever its metadata says (a file
/// that grows while it is read is still cut off at the cap and refused). Returns the bytes and the metadata.
pub fn read_bytes(path: &Path, max: u64) -> Result<(Vec<u8>, std::fs::Metadata)> {
    let meta = regular_file(path, max)?;
    let file = File::open(path).map_err(|e| Error::io("read", path, e))?;
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("read", path, e))?;
    if bytes.len() as u64 > max {
        return Err(Error::invalid(
            path.display().to_string(),
            format!("is larger than the limit of {max} bytes"),
        ));
    }
    Ok((bytes, meta))
}

/// Reads a text file of at most `max` bytes (see [`read_bytes`]).
pub fn read_text(path: &Path, max: u64) -> Result<String> {
    let (bytes, _) = read_bytes(path, max)?;
    String::from_utf8(bytes).map_err(|_| Error::invalid(path.display().to_string(), "is not UTF-8 text"))
}

/// Resolves `relative` inside `base`: it must be a plain relative path (no root, no drive, no `..`), and the file it
/// names — after following every symlink — must be a regular file inside `base`, no larger than `max` bytes.
/// Returns the canonical path, or the reason it is refused.
pub fn inside(base: &Path, relative: &str, max: u64) -> std::result::Result<PathBuf, String> {
    if relative.trim().is_empty() {
        return Err("is empty".into());
    }
    let rel = Path::new(relative);
    for c in rel.components() {
        match c {
            Component::Normal(_) | Component::CurDir => {}
            Component::ParentDir => return Err(format!("{relative:?} goes up out of the document's folder (..)")),
            Component::RootDir | Component::Prefix(_) => {
                return Err(format!(
                    "{relative:?} is an absolute path; evidence must be named relative to the document's folder"
                ))
            }
        }
    }
    let base = base
        .canonicalize()
        .map_err(|e| format!("the document's folder cannot be read: {e}"))?;
    let full = base
        .join(rel)
        .canonicalize()
        .map_err(|e| format!("{relative:?} cannot be read: {e}"))?;
    if !full.starts_with(&base) {
        return Err(format!(
            "{relative:?} leads outside the document's folder (through a symbolic link)"
        ));
    }
    let meta = std::fs::metadata(&full).map_err(|e| format!("{relative:?} cannot be read: {e}"))?;
    if !meta.is_file() {
        return Err(format!("{relative:?} is not a regular file"));
    }
    if meta.len() == 0 {
        return Err(format!("{relative:?} is empty (0 bytes)"));
    }
    if meta.len() > max {
        return Err(format!(
            "{relative:?} is {} bytes; the limit is {max} bytes",
            meta.len()
        ));
    }
    Ok(full)
}

/// The temp file a write to `path` goes through: beside it (so the final rename stays on one file system), hidden,
/// named after it and this process.
pub fn temp_beside(path: &Path) -> Result<PathBuf> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| Error::invalid("out", "names a folder, not a file"))?;
    Ok(dir.join(format!(".{}.tmp-{}", name.to_string_lossy(), std::process::id())))
}

/// Writes `bytes` to `path` via a temp file beside it, fsync and a rename: a failure leaves no partial file behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let tmp = temp_beside(path)?;
    let result = (|| {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io("write", path, e)
    })
}

/// Lower-case hex of a digest (the form every hash is stored, shown and checked in).
/// Room kept free on the library's disk beyond what a write needs: a full disk is where databases get hurt.
pub const SPARE_BYTES: u64 = 64 << 20;

/// Bytes free for this user on the file system that holds `path` (or its nearest existing parent); `None` where it
/// cannot be known.
pub fn available_space(path: &Path) -> Option<u64> {
    let existing = path.ancestors().find(|p| p.exists())?;
    #[cfg(unix)]
    {
        let st = rustix::fs::statvfs(existing).ok()?;
        Some(st.f_bavail.saturating_mul(st.f_frsize))
    }
    #[cfg(not(unix))]
    {
        let _ = existing;
        None
    }
}

/// Refuses a write of `needed` bytes (described as `what`) beside `path` when the disk has less room than that plus
/// [`SPARE_BYTES`] — checked before anything is written, so a large import fails at once and cleanly rather than
/// with a full disk halfway.
pub fn ensure_space(path: &Path, needed: u64, what: &str) -> Result<()> {
    if needed == 0 {
        return Ok(());
    }
    match available_space(path) {
        Some(free) if free < needed.saturating_add(SPARE_BYTES) => Err(Error::invalid(
            what,
            format!(
                "needs {} MiB on the disk that holds the library, which has {} MiB free (and keeps {} MiB spare): \
                 make room or move the library, then try again",
                needed.div_ceil(1 << 20),
                free >> 20,
                SPARE_BYTES >> 20
            ),
        )),
        _ => Ok(()),
    }
}

/// A ZIP entry of over a megabyte that expands by more than `max_ratio` from `compressed` to `size` bytes: a bomb,
/// not a file anyone kept (screenshots and recordings barely compress, texts and databases a few times).
pub fn expands_like_a_bomb(size: u64, compressed: u64, max_ratio: u64) -> bool {
    size > (1 << 20) && size / compressed.max(1) > max_ratio
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A user's text as one FTS5 string: matched literally (a phrase), never read as query syntax.
pub fn fts5_phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// An invisible bidirectional or formatting character (zero-width space, the direction overrides and isolates, the
/// byte-order mark): text that holds one can display as something else than it is.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{061c}' | '\u{feff}')
}

/// A file name the app writes (exhibits in a package, evidence copied out, suggested export names): path
/// separators, characters Windows forbids and control characters become `_`; invisible bidirectional and
/// formatting characters are dropped (`证据01-\u{202e}gpj.exe` must not display as `…exe.jpg`); trailing dots and
/// spaces go; the result is cut to `max_bytes` of UTF-8 at a character boundary, and a reserved device name
/// (`CON`, `NUL`, `COM1`…) gets a leading `_`. Never empty.
pub fn safe_file_name(name: &str, max_bytes: usize) -> String {
    let mut out = String::new();
    for c in name.chars().filter(|c| !is_bidi_control(*c)) {
        let c = if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
            '_'
        } else {
            c
        };
        if out.len() + c.len_utf8() > max_bytes {
            break;
        }
        out.push(c);
    }
    // No leading dot either: a hidden file on Unix, and a name the bundle reader refuses.
    let trimmed = out
        .trim_end_matches(['.', ' '])
        .trim_start_matches(|c: char| c == '.' || c.is_whitespace());
    let mut out = if trimmed.is_empty() {
        "_".to_owned()
    } else {
        trimmed.to_owned()
    };
    let stem = out.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        out.insert(0, '_');
    }
    out
}

/// A value for a CSV cell: a spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a
/// formula, so such a value is written with a leading apostrophe, which spreadsheets show as text.
pub fn spreadsheet_text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::safe_file_name;

    #[test]
    fn file_names_lose_what_could_mislead_or_break() {
        assert_eq!(safe_file_name("证据01-\u{202e}gpj.exe", 200), "证据01-gpj.exe");
        assert_eq!(
            safe_file_name("a/b\\c:d*e?f\"g<h>i|j\u{7}k\r\n", 200),
            "a_b_c_d_e_f_g_h_i_j_k__"
        );
        assert_eq!(safe_file_name("CON.txt", 200), "_CON.txt");
        assert_eq!(safe_file_name("com3", 200), "_com3");
        assert_eq!(safe_file_name("报告. . ", 200), "报告");
        assert_eq!(safe_file_name("\u{200f}", 200), "_");
        let long = safe_file_name(&"证".repeat(100), 40);
        assert!(long.len() <= 40 && long.chars().all(|c| c == '证'));
    }
}
