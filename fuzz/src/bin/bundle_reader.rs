//! A `.wqcase` bundle from a stranger, opened into a scratch library as the app opens one: the archive's shape, the
//! manifest, every size and hash, the audit records, the document — and, when all of that holds, the case and its
//! evidence written. The scratch library is replaced after every 32 cases it gains: each case already holding the
//! bundle's uid is compared with the bundle on every later open (the side-by-side a volunteer is shown), so a library
//! that kept every passing input made each execution slower than the last (the first campaign fell to 30 a second).
//!
//! AFL forks a new process from the one that reached `fuzz!` every thousand inputs, so the library is made in the
//! forked process, in a folder of its own (one made before the fork was shared by every process, each with its own
//! idea of which library was current: the second campaign's "crashes" were one process removing a library another
//! had already removed). The folders of processes that have ended are removed when the next one starts.
use std::cell::RefCell;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

use weiquan_core::store::{SameCaseChoice, Store};

/// How many cases a scratch library may gain before a new one replaces it.
const CASES_PER_LIBRARY: u32 = 32;

struct Scratch {
    dir: PathBuf,
    file: PathBuf,
    generation: u32,
    store: Store,
    opened: u32,
}

impl Scratch {
    /// This process's scratch folder under `root`, after removing the folders of the processes before it.
    fn new(root: &Path) -> Scratch {
        for old in std::fs::read_dir(root).expect("the scratch root").flatten() {
            std::fs::remove_dir_all(old.path()).expect("an ended process's scratch folder removed");
        }
        let dir = root.join(std::process::id().to_string());
        let store = Store::open(library(&dir, 0)).expect("a scratch library");
        Scratch {
            file: dir.join("case.wqcase"),
            dir,
            generation: 0,
            store,
            opened: 0,
        }
    }

    fn renew(&mut self) {
        let old = self.dir.join(format!("library-{}", self.generation));
        self.generation += 1;
        self.store = Store::open(library(&self.dir, self.generation)).expect("a scratch library");
        self.opened = 0;
        std::fs::remove_dir_all(old).expect("the old scratch library removed");
    }
}

fn library(dir: &Path, generation: u32) -> PathBuf {
    dir.join(format!("library-{generation}")).join("weiquan.db")
}

fn main() {
    let root = tempfile::tempdir_in(if Path::new("/dev/shm").is_dir() { "/dev/shm" } else { "." })
        .expect("a scratch folder");
    let root_path = root.path().to_owned();
    // Made on first use, in the forked process; asserted unwind-safe for the harness (a panic is a crash AFL records).
    let scratch: AssertUnwindSafe<RefCell<Option<Scratch>>> = AssertUnwindSafe(RefCell::new(None));
    afl::fuzz!(|data: &[u8]| {
        let mut slot = scratch.borrow_mut();
        let s = slot.get_or_insert_with(|| Scratch::new(&root_path));
        if std::fs::write(&s.file, data).is_err() {
            return;
        }
        if s.store.open_bundle(&s.file, SameCaseChoice::KeepBoth).is_ok() {
            s.opened += 1;
            if s.opened >= CASES_PER_LIBRARY {
                s.renew();
            }
        }
    });
    drop(root);
}
