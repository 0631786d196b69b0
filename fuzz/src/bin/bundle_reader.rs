//! A `.wqcase` bundle from a stranger, opened into a scratch library as the app opens one: the archive's shape, the
//! manifest, every size and hash, the audit records, the document — and, when all of that holds, the case and its
//! evidence written (the library grows by the inputs that pass, as a volunteer's would).
use weiquan_core::store::{SameCaseChoice, Store};

fn main() {
    let scratch = tempfile::tempdir_in(if std::path::Path::new("/dev/shm").is_dir() {
        "/dev/shm"
    } else {
        "."
    })
    .expect("a scratch folder");
    let file = scratch.path().join("case.wqcase");
    // One library for the whole campaign, asserted unwind-safe for the harness (a panic is a crash AFL records).
    let store = std::panic::AssertUnwindSafe(std::cell::RefCell::new(
        Store::open(scratch.path().join("library").join("weiquan.db")).expect("a scratch library"),
    ));
    afl::fuzz!(|data: &[u8]| {
        if std::fs::write(&file, data).is_ok() {
            let _ = store.borrow_mut().open_bundle(&file, SameCaseChoice::KeepBoth);
        }
    });
}
