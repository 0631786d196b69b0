//! The kill -9 campaign: `cargo bench -p weiquan --bench kill9` (runs: WEIQUAN_KILL_RUNS, default 500).
//!
//! Runs the real `weiquan` binary on one library, over and over — evidence import, case import and delete, event,
//! case export, dossier, package, backup, restore — and kills it with SIGKILL at a random moment of each run. After
//! every kill the library is checked as a user would need it: it opens, SQLite's integrity check passes, every
//! evidence row has its file with the right hash (files without a row are counted as unreferenced, which the vault
//! check reports and which harms nothing), the audit chain holds, and no export is left half-written under its
//! final name (each PDF ends with %%EOF, each ZIP opens, each case document parses and names files that exist).
//! Prints the counts; exits with an error if any check failed.
#![allow(clippy::unwrap_used, missing_debug_implementations)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use weiquan_core::store::{Store, VaultProblemKind};

const CLI: &str = env!("CARGO_BIN_EXE_weiquan");

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn run(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(CLI)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("WEIQUAN_DB")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn write_random(path: &Path, bytes: usize, rng: &mut Rng) {
    let mut data = Vec::with_capacity(bytes);
    while data.len() < bytes {
        data.extend_from_slice(&rng.next().to_le_bytes());
    }
    std::fs::write(path, data).unwrap();
}

/// What a run did to the library, by name.
const OPS: &[&str] = &[
    "evidence add",
    "case import",
    "case delete",
    "case event",
    "case export",
    "dossier",
    "package",
    "backup",
    "restore",
];

fn args_for(op: &str, n: usize, files: &[PathBuf], out: &Path, good_backup: &Path, demo: &Path) -> Vec<String> {
    let s = |p: &Path| p.display().to_string();
    match op {
        "evidence add" => {
            let mut a = vec!["evidence".into(), "add".into(), "1".into()];
            a.extend(files.iter().map(|f| s(f)));
            a
        }
        "case import" => vec!["case".into(), "import".into(), s(demo)],
        "case delete" => vec!["case".into(), "delete".into(), (2 + n % 5).to_string(), "--yes".into()],
        "case event" => vec![
            "case".into(),
            "event".into(),
            "1".into(),
            "filed".into(),
            "--date".into(),
            "2026-10-01".into(),
        ],
        "case export" => vec![
            "case".into(),
            "export".into(),
            "1".into(),
            "--out".into(),
            s(&out.join("case.json")),
        ],
        "dossier" => vec![
            "dossier".into(),
            "1".into(),
            "--out".into(),
            s(&out.join("dossier.pdf")),
        ],
        "package" => vec![
            "package".into(),
            "1".into(),
            "--out".into(),
            s(&out.join("package.zip")),
        ],
        "backup" => vec!["backup".into(), s(&out.join("backup.zip"))],
        "restore" => vec!["restore".into(), s(good_backup), "--yes".into()],
        _ => unreachable!(),
    }
}

/// The checks after a kill; each failure is described.
fn check(db: &Path, out: &Path, unreferenced: &mut usize) -> Vec<String> {
    let mut failures = Vec::new();
    let store = match Store::open(db) {
        Ok(s) => s,
        Err(e) => return vec![format!("the library does not open: {e}")],
    };
    let integrity = Command::new("sqlite3")
        .arg(db)
        .arg("PRAGMA integrity_check;")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    if integrity != "ok" {
        failures.push(format!("integrity_check: {integrity}"));
    }
    match store.verify_vault(None, &mut |_, _, _| {}) {
        Ok(report) => {
            for p in report.problems {
                match p.kind {
                    VaultProblemKind::Unreferenced => *unreferenced += 1,
                    other => failures.push(format!("vault: {other:?} {}", p.path)),
                }
            }
        }
        Err(e) => failures.push(format!("vault check failed: {e}")),
    }
    match store.verify_audit() {
        Ok(r) if r.first_break.is_none() => {}
        Ok(r) => failures.push(format!("audit: {:?}", r.first_break)),
        Err(e) => failures.push(format!("audit check failed: {e}")),
    }
    for e in std::fs::read_dir(out).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue; // a temp file or folder: never a final name
        }
        let path = e.path();
        let ok = if name.ends_with(".pdf") {
            let b = std::fs::read(&path).unwrap_or_default();
            b.starts_with(b"%PDF-") && b.windows(5).rev().take(64).any(|w| w == b"%%EOF")
        } else if name.ends_with(".zip") {
            std::fs::File::open(&path)
                .ok()
                .and_then(|f| zip::ZipArchive::new(f).ok())
                .is_some_and(|z| !z.is_empty())
        } else if name.ends_with(".json") {
            std::fs::read_to_string(&path)
                .ok()
                .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
                .is_some_and(|v| {
                    v["evidence"].as_array().is_none_or(|ev| {
                        ev.iter()
                            .all(|x| x["path"].as_str().is_some_and(|p| out.join(p).is_file()))
                    })
                })
        } else {
            true // the evidence folder beside case.json, checked through the document
        };
        if !ok {
            failures.push(format!("half-written export under its final name: {name}"));
        }
    }
    failures
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo bench -- --list`
    }
    let runs: usize = std::env::var("WEIQUAN_KILL_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lib/weiquan.db");
    let out = dir.path().join("exports");
    std::fs::create_dir_all(&out).unwrap();
    let demo = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../core/data/demo-case.json"));
    let mut rng = Rng(std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1);
    assert!(run(&db, &["case", "import", demo.to_str().unwrap()]).status.success());
    let files: Vec<PathBuf> = (0..6)
        .map(|i| {
            let f = dir.path().join(format!("recording-{i}.m4a"));
            write_random(&f, 3 << 20, &mut rng);
            f
        })
        .collect();
    assert!(run(&db, &["evidence", "add", "1", files[0].to_str().unwrap()])
        .status
        .success());
    let good_backup = dir.path().join("good-backup.zip");
    assert!(run(&db, &["backup", good_backup.to_str().unwrap()]).status.success());

    // How long each operation takes uninterrupted, so kills land anywhere inside it.
    let mut took = Vec::new();
    for (n, op) in OPS.iter().enumerate() {
        let t = Instant::now();
        let args = args_for(op, n, &files, &out, &good_backup, &demo);
        run(&db, &args.iter().map(String::as_str).collect::<Vec<_>>());
        took.push(t.elapsed());
    }

    let mut killed = 0usize;
    let mut finished = 0usize;
    let mut unreferenced = 0usize;
    let mut failures: Vec<String> = Vec::new();
    let mut per_op = vec![0usize; OPS.len()];
    let started = Instant::now();
    for n in 0..runs {
        let k = rng.below(OPS.len() as u64) as usize;
        let op = OPS[k];
        per_op[k] += 1;
        let args = args_for(op, n, &files, &out, &good_backup, &demo);
        let delay = Duration::from_micros(rng.below(took[k].as_micros() as u64 * 12 / 10 + 1));
        let mut child = Command::new(CLI)
            .arg("--db")
            .arg(&db)
            .args(&args)
            .env_remove("WEIQUAN_DB")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        match child.try_wait().unwrap() {
            Some(_) => finished += 1,
            None => {
                child.kill().unwrap(); // SIGKILL
                killed += 1;
            }
        }
        let _ = child.wait();
        for f in check(&db, &out, &mut unreferenced) {
            failures.push(format!("run {n} ({op}, killed after {delay:?}): {f}"));
        }
    }
    println!(
        "\nkill -9 campaign: {runs} runs in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    for (op, count) in OPS.iter().zip(&per_op) {
        println!("  {op:<13} {count:>4} runs");
    }
    println!("  killed mid-run: {killed}, finished before the kill: {finished}");
    println!("  unreferenced vault files seen (harmless, reported by the vault check): {unreferenced}");
    println!("  failed checks: {}", failures.len());
    for f in failures.iter().take(20) {
        println!("    {f}");
    }
    if !failures.is_empty() {
        std::process::exit(1);
    }
}
