//! A backup ZIP from a stranger: what a restore reads before it touches the library (entries, sizes, manifest,
//! the database's integrity and schema, every evidence file's hash), in a scratch folder.
fn main() {
    let scratch = tempfile::tempdir_in(if std::path::Path::new("/dev/shm").is_dir() {
        "/dev/shm"
    } else {
        "."
    })
    .expect("a scratch folder");
    let file = scratch.path().join("backup.zip");
    let staging = scratch.path().join("staging");
    afl::fuzz!(|data: &[u8]| {
        if std::fs::write(&file, data).is_ok() {
            let _ = std::fs::remove_dir_all(&staging);
            let _ = std::fs::create_dir(&staging);
            let _ = weiquan_core::store::check_backup(&file, &staging);
        }
    });
}
