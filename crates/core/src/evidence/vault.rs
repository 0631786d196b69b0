//! Files in the vault: streamed in with constant memory while both digests are computed (SHA-256 beside the copy,
//! SM3 on a second core), written to a temp file,
//! fsynced, then renamed to `objects/<2 hex>/<sha256>`. Only a complete, renamed file can ever be referenced by the
//! database, and the database row is committed after the rename, so a crash leaves no row without its file and no
//! half file under an object name.

use std::fs::{self, File, OpenOptions};
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest as _, Sha256};
use sm3::Sm3;

use super::{content_type, reported_time, ReportedTime};
use crate::fsutil::hex;
use crate::{Error, Result};

/// Longest side of a thumbnail, in pixels.
pub const THUMB_MAX: u32 = 320;
const CHUNK: usize = 1024 * 1024;
/// Chunks that may wait for the SM3 thread: with CHUNK, at most this many MiB in flight.
const SM3_QUEUE: usize = 4;

#[derive(Debug, Clone)]
pub struct Vault {
    root: PathBuf,
}

/// A file now in the vault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ingested {
    pub sha256: String,
    pub sm3: String,
    pub size: u64,
    pub content_type: String,
    pub reported: Option<ReportedTime>,
    /// The same content was already in the vault; nothing new was written.
    pub already_present: bool,
}

impl Vault {
    /// The vault of the database at `db`: `<db>.vault` beside it.
    pub fn for_db(db: &Path) -> Vault {
        let mut name = db.file_name().map_or_else(|| "weiquan.db".into(), |n| n.to_os_string());
        name.push(".vault");
        Vault {
            root: db.with_file_name(name),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn objects_dir(&self) -> PathBuf {
        self.root.join("objects")
    }

    pub fn tmp_dir(&self) -> PathBuf {
        self.root.join("tmp")
    }

    /// Where the original with this SHA-256 lives; an error for anything that is not a SHA-256.
    pub fn object_path(&self, sha256: &str) -> Result<PathBuf> {
        let sha = super::check_sha256(sha256)?;
        Ok(self.objects_dir().join(&sha[..2]).join(sha))
    }

    pub fn thumb_path(&self, sha256: &str) -> Result<PathBuf> {
        let sha = super::check_sha256(sha256)?;
        Ok(self.root.join("thumbs").join(format!("{sha}.png")))
    }

    /// Copies `src` into the vault. Refuses folders, empty files and unreadable files with a clear reason.
    pub fn ingest(&self, src: &Path) -> Result<Ingested> {
        let meta = fs::metadata(src).map_err(|e| Error::io("read", src, e))?;
        if meta.is_dir() {
            return Err(Error::invalid(src.display().to_string(), "is a folder, not a file"));
        }
        if !meta.is_file() {
            return Err(Error::invalid(
                src.display().to_string(),
                "is not a regular file (a pipe, device or socket is never read)",
            ));
        }
        if meta.len() == 0 {
            return Err(Error::invalid(
                src.display().to_string(),
                "is empty (0 bytes): there is nothing to keep",
            ));
        }
        let mut input = File::open(src).map_err(|e| Error::io("read", src, e))?;
        self.ingest_from(&mut input, &src.display().to_string())
    }

    /// Streams `input` into the vault (see [`Vault::ingest`]); `label` names the input in errors. Used for a file and
    /// for an entry read straight out of a bundle, so a bundle's evidence is written to disk once, into the vault.
    pub fn ingest_from(&self, input: &mut dyn Read, label: &str) -> Result<Ingested> {
        let tmp_dir = self.tmp_dir();
        fs::create_dir_all(&tmp_dir).map_err(|e| Error::io("create", &tmp_dir, e))?;
        let (tmp_path, tmp) = new_temp(&tmp_dir)?;
        // One pass over the data: this thread reads, writes and computes SHA-256 while SM3 runs on a second core.
        // At most SM3_QUEUE chunks wait for it, so memory stays constant whatever the file's size.
        let result = std::thread::scope(|scope| {
            let (to_sm3, chunks) = std::sync::mpsc::sync_channel::<Arc<Vec<u8>>>(SM3_QUEUE);
            let sm3_thread = scope.spawn(move || {
                let mut sm3 = Sm3::new();
                for chunk in chunks {
                    sm3::Digest::update(&mut sm3, chunk.as_slice());
                }
                hex(&sm3::Digest::finalize(sm3))
            });
            let copied = (|| {
                let mut out = BufWriter::with_capacity(CHUNK, tmp);
                let mut sha = Sha256::new();
                let mut head: Vec<u8> = Vec::new();
                let mut size = 0u64;
                loop {
                    let mut buf = vec![0u8; CHUNK];
                    let n = input
                        .read(&mut buf)
                        .map_err(|e| Error::io("read", Path::new(label), e))?;
                    if n == 0 {
                        break;
                    }
                    buf.truncate(n);
                    let chunk = Arc::new(buf);
                    if to_sm3.send(Arc::clone(&chunk)).is_err() {
                        return Err(Error::Internal("the SM3 digest stopped before the file ended".into()));
                    }
                    if head.len() < 8192 {
                        head.extend_from_slice(&chunk[..n.min(8192 - head.len())]);
                    }
                    sha.update(chunk.as_slice());
                    out.write_all(&chunk).map_err(|e| Error::io("write", &tmp_path, e))?;
                    size += n as u64;
                }
                let file = out
                    .into_inner()
                    .map_err(|e| Error::io("write", &tmp_path, e.into_error()))?;
                file.sync_all().map_err(|e| Error::io("sync", &tmp_path, e))?;
                Ok::<_, Error>((hex(&sha.finalize()), size, content_type(&head)))
            })();
            // The worker ends when the sender is gone, whether the copy finished or failed.
            drop(to_sm3);
            let sm3 = sm3_thread
                .join()
                .map_err(|_| Error::Internal("the SM3 digest failed".into()));
            let (sha256, size, ctype) = copied?;
            Ok::<_, Error>((sha256, sm3?, size, ctype))
        });
        let (sha256, sm3, size, ctype) = match result {
            Ok(v) => v,
            Err(e) => {
                let _ = fs::remove_file(&tmp_path);
                return Err(e);
            }
        };
        if size == 0 {
            let _ = fs::remove_file(&tmp_path);
            return Err(Error::invalid(label, "is empty (0 bytes): there is nothing to keep"));
        }
        let target = self.object_path(&sha256)?;
        let already_present = target.exists();
        if already_present {
            let _ = fs::remove_file(&tmp_path);
        } else {
            let dir = target.parent().unwrap_or(&self.root).to_path_buf();
            fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
            let mut perms = fs::metadata(&tmp_path)
                .map_err(|e| Error::io("read", &tmp_path, e))?
                .permissions();
            perms.set_readonly(true);
            let _ = fs::set_permissions(&tmp_path, perms);
            fs::rename(&tmp_path, &target).map_err(|e| {
                let _ = fs::remove_file(&tmp_path);
                Error::io("store", &target, e)
            })?;
            sync_dir(&dir);
        }
        let reported = reported_time(&target, &ctype);
        Ok(Ingested {
            sha256,
            sm3,
            size,
            content_type: ctype,
            reported,
            already_present,
        })
    }

    /// Hashes a stored object again. None if it is missing.
    pub fn rehash(&self, sha256: &str) -> Result<Option<(String, u64)>> {
        let path = self.object_path(sha256)?;
        let mut f = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io("read", &path, e)),
        };
        let mut sha = Sha256::new();
        let mut buf = vec![0u8; CHUNK];
        let mut size = 0u64;
        loop {
            let n = f.read(&mut buf).map_err(|e| Error::io("read", &path, e))?;
            if n == 0 {
                break;
            }
            sha.update(&buf[..n]);
            size += n as u64;
        }
        Ok(Some((hex(&sha.finalize()), size)))
    }

    /// A PNG thumbnail of an image object, made once and cached apart from the original. None for non-images.
    pub fn thumbnail(&self, sha256: &str, content_type: &str) -> Result<Option<PathBuf>> {
        if !matches!(
            content_type,
            "image/png" | "image/jpeg" | "image/gif" | "image/webp" | "image/bmp"
        ) {
            return Ok(None);
        }
        let thumb = self.thumb_path(sha256)?;
        if thumb.exists() {
            return Ok(Some(thumb));
        }
        let src = self.object_path(sha256)?;
        let img = match image::ImageReader::open(&src).and_then(|r| r.with_guessed_format()) {
            Ok(r) => match r.decode() {
                Ok(i) => i,
                Err(_) => return Ok(None),
            },
            Err(e) => return Err(Error::io("read", &src, e)),
        };
        let small = img.thumbnail(THUMB_MAX, THUMB_MAX);
        let dir = thumb.parent().unwrap_or(&self.root).to_path_buf();
        fs::create_dir_all(&dir).map_err(|e| Error::io("create", &dir, e))?;
        let (tmp_path, _) = new_temp(&dir)?;
        small
            .save_with_format(&tmp_path, image::ImageFormat::Png)
            .map_err(|e| Error::io("write", &tmp_path, std::io::Error::other(e)))?;
        fs::rename(&tmp_path, &thumb).map_err(|e| Error::io("store", &thumb, e))?;
        Ok(Some(thumb))
    }
}

/// A new, exclusively created temp file in `dir`.
fn new_temp(dir: &Path) -> Result<(PathBuf, File)> {
    let pid = std::process::id();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    for attempt in 0..100u32 {
        let path = dir.join(format!(".import-{pid}-{nanos}-{attempt}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(f) => return Ok((path, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(Error::io("create", &path, e)),
        }
    }
    Err(Error::io(
        "create",
        dir,
        std::io::Error::other("no free temp file name"),
    ))
}

/// Makes a rename durable (best effort: not every file system supports syncing a directory).
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}
