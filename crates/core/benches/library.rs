//! Start-screen speed on a big library: `cargo bench -p weiquan-core --bench library`.
//!
//! Seeds a real database file with 10,000 cases and 200,000 interactions through the store's own API (kept in
//! `target/bench-library/` between runs), then prints the case list and search latencies (median of 20) next to the
//! same SQL run in the sqlite3 shell with `.timer on`, the library's deadlines, the caseload (filtered and sorted by
//! next deadline) and its statistics (`weiquan stats`),
//! and finally lets criterion measure them.
#![allow(clippy::unwrap_used, missing_debug_implementations)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{Duration as Days, TimeZone};
use criterion::{criterion_group, criterion_main, Criterion};
use weiquan_core::model::*;
use weiquan_core::store::{list_query, Store};

const CASES: usize = 10_000;
const PER_CASE: usize = 20;

const QUESTIONS: &[&str] = &[
    "我的退款申请已经提交很久了，什么时候能处理？",
    "商品质量有问题，要求退货退款，怎么办理？",
    "为什么我的套餐被自动续费了？",
    "快递显示已签收，但我没有收到包裹。",
    "你们承诺的赠品一直没有发。",
];
const ANSWERS: &[&str] = &[
    "亲，建议您重启一下设备哦，祝您生活愉快~",
    "您的问题已经记录，请耐心等待。",
    "这个需要联系平台处理，我们这边无法操作。",
    "抱歉，系统繁忙，请稍后再试。",
];
/// In one case of a hundred: what the searches look for.
const PROMISE: &str = "已经给您加急了，24小时内一定退款。";

fn library() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-library");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("library-v2-level{}.db", weiquan_core::store::SCHEMA_LEVEL))
}

fn seed(path: &Path) {
    let tmp = path.with_extension("seeding");
    let _ = std::fs::remove_file(&tmp);
    let mut store = Store::open(&tmp).unwrap();
    let start = chrono::FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .with_ymd_and_hms(2024, 1, 1, 9, 0, 0)
        .unwrap();
    let t = Instant::now();
    for c in 0..CASES {
        let interactions = (0..PER_CASE)
            .map(|i| Interaction {
                id: None,
                occurred_at: start + Days::minutes((c * PER_CASE + i) as i64 * 7),
                channel: Channel::OnlineChat,
                agent: Some(format!("客服{}", (c + i) % 97)),
                agent_id: None,
                ticket_no: Some(format!("T{c:05}-{i:02}")),
                question: Some(QUESTIONS[(c + i) % QUESTIONS.len()].to_owned()),
                answer: Some(if c % 100 == 0 && i == 3 {
                    PROMISE.to_owned()
                } else {
                    ANSWERS[(c * 7 + i) % ANSWERS.len()].to_owned()
                }),
                problems: vec![ProblemKind::IrrelevantAnswer],
                loss: None,
                note: None,
                link_sender: None,
                before_purchase: None,
            })
            .collect();
        let data = CaseData {
            title: format!("第{c}号投诉：客服答非所问"),
            industry: Industry::ALL[c % Industry::ALL.len()],
            status: CaseStatus::Draft,
            status_history: Vec::new(),
            complainant: Complainant::default(),
            respondent: Respondent {
                name: Some(format!("某某商贸有限公司{}", c % 500)),
                ..Default::default()
            },
            purchase: Purchase {
                item: Some(format!("商品{c}")),
                amount: Money::from_fen(12_900 + c as i64),
                date: None,
                order_no: Some(format!("DD{c:08}")),
                personal_use: true,
            },
            interactions,
            demands: Vec::new(),
            parallel_proceeding: None,
            facts: CaseFacts::default(),
            excluded_bases: Vec::new(),
            included_bases: Vec::new(),
            events: Vec::new(),
            agent: None,
        };
        store.create_case(&data).unwrap();
        if c % 1000 == 999 {
            eprintln!("  seeded {} cases ({:.0?})", c + 1, t.elapsed());
        }
    }
    drop(store);
    std::fs::rename(&tmp, path).unwrap();
    for suffix in ["-wal", "-shm"] {
        let mut s = tmp.clone().into_os_string();
        s.push(suffix);
        let _ = std::fs::remove_file(s);
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time_store(store: &Store, search: Option<&str>) -> (Duration, usize) {
    let mut times = Vec::new();
    let mut n = 0;
    for _ in 0..20 {
        let t = Instant::now();
        n = store.list_cases(search).unwrap().len();
        times.push(t.elapsed());
    }
    (median(times), n)
}

/// The same SQL in the sqlite3 shell, `.timer on`, output discarded; the median "real" time of 20 runs.
fn time_shell(db: &Path, search: Option<&str>) -> Option<Duration> {
    let (sql, arg) = list_query(search);
    let sql = match arg {
        Some(a) => sql.replace("?1", &format!("'{}'", a.replace('\'', "''"))),
        None => sql,
    };
    let script: String = (0..20).map(|_| format!(".once /dev/null\n{sql};\n")).collect();
    let mut child = Command::new("sqlite3")
        .arg(db)
        .arg("-cmd")
        .arg(".timer on")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(script.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let times: Vec<Duration> = text
        .lines()
        .filter_map(|l| l.strip_prefix("Run Time: real "))
        .filter_map(|l| l.split_whitespace().next()?.parse::<f64>().ok())
        .map(Duration::from_secs_f64)
        .collect();
    (!times.is_empty()).then(|| median(times))
}

fn report(store: &Store, db: &Path) {
    println!(
        "\nstart screen on {CASES} cases / {} interactions ({})",
        CASES * PER_CASE,
        db.display()
    );
    println!(
        "{:<28} {:>10} {:>12} {:>16}",
        "query", "rows", "Weiquan", "sqlite3 shell"
    );
    for (label, search) in [
        ("case list (no search)", None),
        ("search \"24小时内\" (FTS5)", Some("24小时内")),
        ("search \"商贸有限公司42\"", Some("商贸有限公司42")),
        ("search \"加急\" (2 chars, LIKE)", Some("加急")),
    ] {
        let (t, n) = time_store(store, search);
        // The shell's timer has millisecond resolution.
        let shell = match time_shell(db, search) {
            None => "n/a".to_owned(),
            Some(d) if d.is_zero() => "<1ms".to_owned(),
            Some(d) => format!("{d:.1?}"),
        };
        println!("{label:<28} {n:>10} {:>12} {shell:>16}", format!("{t:.1?}"));
    }
    let cal = weiquan_core::calendar::Calendar::built_in();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let t = Instant::now();
    let d = store.library_deadlines(&cal, today).unwrap();
    println!(
        "{:<28} {:>10} {:>12} {:>16}",
        "deadlines of every case",
        d.next.len(),
        format!("{:.1?}", t.elapsed()),
        "(not one query)"
    );
    for (label, filter) in [
        (
            "caseload by next deadline",
            weiquan_core::store::CaseloadFilter {
                sort: weiquan_core::store::CaseloadSort::NextDeadline,
                ..Default::default()
            },
        ),
        (
            "caseload: telecom, due ≤7d",
            weiquan_core::store::CaseloadFilter {
                industry: Some(weiquan_core::model::Industry::Telecom),
                due_within_days: Some(7),
                sort: weiquan_core::store::CaseloadSort::NextDeadline,
                ..Default::default()
            },
        ),
    ] {
        let t = Instant::now();
        let load = store.caseload(&filter, &cal, today).unwrap();
        println!(
            "{:<28} {:>10} {:>12} {:>16}",
            label,
            load.rows.len(),
            format!("{:.1?}", t.elapsed()),
            "(SQL + clocks)"
        );
    }
    let mut times = Vec::new();
    let mut cases = 0;
    for _ in 0..20 {
        let t = Instant::now();
        cases = store.stats().unwrap().cases;
        times.push(t.elapsed());
    }
    println!(
        "{:<28} {:>10} {:>12} {:>16}",
        "statistics (weiquan stats)",
        cases,
        format!("{:.1?}", median(times)),
        "(seven queries)"
    );
    println!();
}

fn bench(c: &mut Criterion) {
    let db = library();
    if !db.exists() {
        eprintln!("seeding {} (once; kept for later runs)", db.display());
        seed(&db);
    }
    let store = Store::open(&db).unwrap();
    report(&store, &db);
    let mut g = c.benchmark_group("start_screen");
    g.sample_size(10);
    g.bench_function("list_10k_cases", |b| b.iter(|| store.list_cases(None).unwrap()));
    g.bench_function("search_fts_24小时内", |b| {
        b.iter(|| store.list_cases(Some("24小时内")).unwrap())
    });
    g.bench_function("search_like_加急", |b| {
        b.iter(|| store.list_cases(Some("加急")).unwrap())
    });
    g.bench_function("stats_10k_cases", |b| b.iter(|| store.stats().unwrap()));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
