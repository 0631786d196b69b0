#![allow(dead_code, clippy::unwrap_used)]

use std::path::PathBuf;

use weiquan_core::exchange;
use weiquan_core::model::CaseData;

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(name)
}

pub fn sample_case() -> CaseData {
    let text = std::fs::read_to_string(fixture("sample-case.json")).unwrap();
    exchange::parse(&text).unwrap().case
}

/// A real database file in a fresh temp dir (never `:memory:`).
pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library").join("weiquan.db");
    (dir, path)
}
