//! Standard Tauri build script: generates the context for `tauri.conf.json`.
fn main() {
    tauri_build::build();
}
