//! A `.wqcase` bundle from a stranger, opened into a scratch library as the app opens one: the archive's shape, the
//! manifest, every size and hash, the audit records, the document — and, when all of that holds, the case and its
//! evidence written. The scratch library is replaced after every 32 cases it gains: each case already holding the
//! bundle's uid is compared with the bundle on every later open (the side-by-side a volunteer is shown), so a library
//! that kept every passing input made each execution slower than the last (the first campaign fell to 30 a second).
use std::cell::RefCell;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;

use weiquan_core::store::{SameCaseChoice, Store};

/// How many cases a scratch library may gain before a new one replaces it.
const CASES_PER_LIBRARY: u32 = 32;

struct Scratch {
    root: tempfile::TempDir,
    generation: u32,
    store: Store,
    opened: u32,
}

impl Scratch {
    fn new(root: tempfile::TempDir) -> Scratch {
        let store = Store::open(library(&root, 0)).expect("a scratch library");
        Scratch {
            root,
            generation: 0,
            store,
            opened: 0,
        }
    }

    fn renew(&mut self) {
        let old = self.root.path().join(format!("library-{}", self.generation));
        self.generation += 1;
        self.store = Store::open(library(&self.root, self.generation)).expect("a scratch library");
        self.opened = 0;
        std::fs::remove_dir_all(old).expect("the old scratch library removed");
    }
}

fn library(root: &tempfile::TempDir, generation: u32) -> PathBuf {
    root.path().join(format!("library-{generation}")).join("weiquan.db")
}

fn main() {
    let root = tempfile::tempdir_in(if std::path::Path::new("/dev/shm").is_dir() {
        "/dev/shm"
    } else {
        "."
    })
    .expect("a scratch folder");
    let file = root.path().join("case.wqcase");
    // One scratch library at a time, asserted unwind-safe for the harness (a panic is a crash AFL records).
    let scratch = AssertUnwindSafe(RefCell::new(Scratch::new(root)));
    afl::fuzz!(|data: &[u8]| {
        if std::fs::write(&file, data).is_err() {
            return;
        }
        let mut s = scratch.borrow_mut();
        if s.store.open_bundle(&file, SameCaseChoice::KeepBoth).is_ok() {
            s.opened += 1;
            if s.opened >= CASES_PER_LIBRARY {
                s.renew();
            }
        }
    });
}
