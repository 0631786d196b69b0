//! Replays inputs of the bundle target in order, in one process and one scratch library as the campaign does, and
//! prints the panic of the one that fails: a crash of the persistent target depends on what was opened before it.
//!   target/release/bundle_replay FILE...
use weiquan_core::store::{SameCaseChoice, Store};

fn main() {
    let root = tempfile::tempdir().expect("a scratch folder");
    let file = root.path().join("case.wqcase");
    let mut generation = 0;
    let mut store = Store::open(root.path().join("library-0").join("weiquan.db")).expect("a scratch library");
    let mut opened = 0;
    for (n, input) in std::env::args().skip(1).enumerate() {
        let data = std::fs::read(&input).expect("an input");
        std::fs::write(&file, data).expect("the bundle written");
        let started = std::time::Instant::now();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            store.open_bundle(&file, SameCaseChoice::KeepBoth)
        }));
        let took = started.elapsed();
        match r {
            Err(_) => {
                eprintln!("#{n} {input}: PANIC after {took:?}");
                std::process::exit(1);
            }
            Ok(Ok(_)) => {
                opened += 1;
                if opened >= 32 {
                    let old = root.path().join(format!("library-{generation}"));
                    generation += 1;
                    store = Store::open(root.path().join(format!("library-{generation}")).join("weiquan.db"))
                        .expect("a scratch library");
                    opened = 0;
                    std::fs::remove_dir_all(old).expect("the old scratch library removed");
                }
            }
            Ok(Err(_)) => {}
        }
        if took.as_millis() > 500 {
            eprintln!("#{n} {input}: slow, {took:?}");
        }
    }
    eprintln!("replayed, no panic");
}
