//! An empty Tauri 2 window (a static page, no commands, no plugins), built with the same Tauri as the app, so the
//! end-to-end suite can print the app's memory next to what Tauri and WebKitGTK cost on their own.

fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("empty-window: {e}");
        std::process::exit(1);
    }
}
