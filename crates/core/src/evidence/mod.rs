//! The evidence vault: every screenshot, recording, receipt or chat export kept byte for byte, content-addressed by
//! SHA-256 in a folder beside the database (`<db file>.vault/`), so backing up that folder and the database backs up
//! the whole library, and `--db` on a temp path keeps everything together.
//!
//! What the hashes prove is limited and the app says so: they show a file has not changed *since it was imported*
//! (自导入起未被改动), not that it is authentic at capture. Volatile evidence needs a third party (notarisation, a
//! trusted timestamp) before it changes; the UI says how.

mod sniff;
mod vault;

pub use sniff::{content_type, mvhd_creation_time, photo_time, reported_time, ReportedTime};
pub use vault::{Ingested, Vault, THUMB_MAX};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The integrity statement used wherever an evidence hash is shown.
pub const INTEGRITY_WORDING: &str = "自导入起未被改动（SHA-256 校验）";

/// An evidence item's id in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub struct EvidenceId(pub i64);

impl std::fmt::Display for EvidenceId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A SHA-256 as the vault names its files: exactly 64 lower-case hex digits. Every hash read from a database row, a
/// backup or a bundle goes through this before it becomes part of a path, so a row holding `../../x` or a multi-byte
/// string is refused as corrupt data instead of naming (or deleting) a file outside the vault.
pub fn check_sha256(s: &str) -> crate::Result<&str> {
    if s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        Ok(s)
    } else {
        Err(crate::Error::Corrupt(format!(
            "{:?} is not a SHA-256 (64 lower-case hex digits)",
            s.chars().take(80).collect::<String>()
        )))
    }
}

#[cfg(test)]
mod tests {
    use crate::fsutil::hex;
    use sha2::Digest as _;

    #[test]
    fn digests_match_the_standard_test_vectors() {
        // GB/T 32905-2016 appendix A.1 and FIPS 180-2 for "abc".
        assert_eq!(
            hex(&sm3::Digest::finalize(sm3::Digest::chain_update(
                <sm3::Sm3 as sm3::Digest>::new(),
                b"abc"
            ))),
            "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
        );
        assert_eq!(
            hex(&sha2::Sha256::digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
