//! The evidence package streams: `cargo bench -p weiquan-core --bench package`.
//!
//! First a one-shot measurement: a case with 2 GiB of recordings (four 512 MiB M4A files; total size with
//! WEIQUAN_BENCH_MIB) is packaged, and the process's peak memory (VmHWM, reset just before through
//! `/proc/self/clear_refs`) is printed next to the files' size — it stays near the baseline because originals are
//! streamed into the ZIP, never held in memory. Then criterion times a package of 64 MiB.
#![allow(clippy::unwrap_used, missing_debug_implementations)]

use std::path::Path;
use std::time::Instant;

mod common;

use common::{random_file, vm_hwm_kib};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use weiquan_core::exchange;
use weiquan_core::store::{EvidenceMeta, Store};

fn case_with_recordings(dir: &Path, total_mib: usize, files: usize) -> (Store, weiquan_core::model::CaseId) {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/demo-case.json")).unwrap();
    let mut store = Store::open(dir.join("lib/weiquan.db")).unwrap();
    let (id, _) = store.create_case(&exchange::parse(&text).unwrap().case).unwrap();
    for n in 0..files {
        let f = dir.join(format!("通话录音{n}.m4a"));
        // An M4A file: an `ftyp` box, then the recording.
        random_file(&f, b"\0\0\0\x14ftypM4A \0\0\0\0M4A ", total_mib / files, n as u64);
        store.import_evidence(id, &f, &EvidenceMeta::default()).unwrap();
        std::fs::remove_file(&f).unwrap();
    }
    (store, id)
}

fn two_gib_report() {
    let mib: usize = std::env::var("WEIQUAN_BENCH_MIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2048);
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = case_with_recordings(dir.path(), mib, 4);
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let out = dir.path().join("证据包.zip");
    // Reset the peak to what the process holds now, so the figure is the package's alone.
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = vm_hwm_kib();
    let t = Instant::now();
    let report = weiquan_core::dossier::package(&mut store, id, at, &out, None).unwrap();
    let secs = t.elapsed().as_secs_f64();
    let after = vm_hwm_kib();
    println!("\nevidence package of {mib} MiB of recordings (4 files, streamed into the ZIP):");
    println!(
        "  package: {:.1} MiB in {secs:.1} s ({:.0} MB/s)",
        report.bytes as f64 / 1048576.0,
        report.bytes as f64 / secs / 1e6
    );
    println!(
        "  peak memory (VmHWM{}): {:.1} MiB before, {:.1} MiB during ({:+.1} MiB for {mib} MiB of files)\n",
        if reset { ", reset before packaging" } else { "" },
        before as f64 / 1024.0,
        after as f64 / 1024.0,
        (after as f64 - before as f64) / 1024.0
    );
}

fn package(c: &mut Criterion) {
    two_gib_report();
    let dir = tempfile::tempdir().unwrap();
    let (mut store, id) = case_with_recordings(dir.path(), 64, 2);
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
    let mut g = c.benchmark_group("package");
    g.throughput(Throughput::Bytes(64 << 20));
    g.sample_size(10);
    g.bench_function("package_64MiB", |b| {
        b.iter(|| weiquan_core::dossier::package(&mut store, id, at, &dir.path().join("p.zip"), None).unwrap())
    });
    g.finish();
}

criterion_group!(benches, package);
criterion_main!(benches);
