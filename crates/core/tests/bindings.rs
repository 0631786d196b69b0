//! The committed TypeScript bindings must be what the Rust types generate. `make bindings` (UPDATE_BINDINGS=1)
//! rewrites the file instead of failing.

use std::path::PathBuf;

#[test]
fn committed_typescript_bindings_are_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(weiquan_core::bindings::BINDINGS_PATH);
    let generated = weiquan_core::bindings::typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(path.parent().expect("a parent folder")).expect("create ui/src/ipc");
        std::fs::write(&path, &generated).expect("write the bindings");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{} is stale: run `make bindings` and commit the result",
        path.display()
    );
}
