//! Evidence vault speed and memory: `cargo bench -p weiquan-core --bench vault`.
//!
//! First a one-shot measurement on a 1 GiB file (size with WEIQUAN_BENCH_MIB): the vault's import (copy + SHA-256 +
//! SM3, fsync) next to what a careful person does by hand on the same file (`cp`, `sync`, then `sha256sum` on the
//! copy), and the process's peak memory (VmHWM) before and after, which shows that import streams in constant memory. Then criterion measures import throughput on 64 MiB.
#![allow(clippy::unwrap_used, missing_debug_implementations)]

use std::time::Instant;

mod common;

use common::{random_file, vm_hwm_kib};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use weiquan_core::evidence::Vault;

fn one_gib_report() {
    let mib: usize = std::env::var("WEIQUAN_BENCH_MIB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("recording.bin");
    random_file(&file, b"", mib, 0);
    let bytes = (mib as f64) * 1024.0 * 1024.0;

    // What a careful person does by hand: copy the file somewhere safe, then hash the copy (cp, sync, sha256sum).
    let by_hand = dir.path().join("by-hand.bin");
    let t = Instant::now();
    let cp = std::process::Command::new("cp")
        .arg(&file)
        .arg(&by_hand)
        .status()
        .unwrap();
    assert!(cp.success());
    let sync = std::process::Command::new("sync").arg(&by_hand).status().unwrap();
    assert!(sync.success());
    let cp_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let out = std::process::Command::new("sha256sum").arg(&by_hand).output().unwrap();
    let sha256sum_s = t.elapsed().as_secs_f64();
    std::fs::remove_file(&by_hand).unwrap();
    let expected = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_owned();

    let vault = Vault::for_db(&dir.path().join("bench.db"));
    let before = vm_hwm_kib();
    let t = Instant::now();
    let got = vault.ingest(&file).unwrap();
    let ingest_s = t.elapsed().as_secs_f64();
    let after = vm_hwm_kib();
    assert_eq!(got.sha256, expected, "the vault's SHA-256 agrees with sha256sum");

    let mbs = |s: f64| bytes / s / 1e6;
    println!("\nevidence import of a {mib} MiB file (copy into the vault + SHA-256 + SM3 + fsync):");
    println!("  weiquan vault import : {ingest_s:7.2} s  {:8.1} MB/s", mbs(ingest_s));
    println!(
        "  cp + sync + sha256sum: {:7.2} s  {:8.1} MB/s  (cp + sync {cp_s:.2} s, sha256sum {sha256sum_s:.2} s)",
        cp_s + sha256sum_s,
        mbs(cp_s + sha256sum_s)
    );
    println!(
        "  the import is {:.2}x the time of doing it by hand",
        ingest_s / (cp_s + sha256sum_s)
    );
    println!(
        "  peak memory (VmHWM)  : {:.1} MiB before import, {:.1} MiB after ({:+.1} MiB for a {mib} MiB file)\n",
        before as f64 / 1024.0,
        after as f64 / 1024.0,
        (after as f64 - before as f64) / 1024.0
    );
}

fn throughput(c: &mut Criterion) {
    one_gib_report();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("clip.bin");
    random_file(&file, b"", 64, 0);
    let mut g = c.benchmark_group("vault");
    g.throughput(Throughput::Bytes(64 << 20));
    g.sample_size(10);
    g.bench_function("import_64MiB", |b| {
        b.iter(|| {
            let db = tempfile::tempdir().unwrap();
            Vault::for_db(&db.path().join("b.db")).ingest(&file).unwrap()
        })
    });
    g.finish();
}

criterion_group!(benches, throughput);
criterion_main!(benches);
