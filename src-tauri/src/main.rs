//! weiquan-app — the desktop shell. Each command is a thin adapter over a weiquan-core function: it takes typed
//! input, calls the core, and returns typed output or `{code, message, problems}`. No domain rule lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod reading;

use std::path::PathBuf;
use std::sync::Mutex;

use weiquan_core::store::Store;

/// What the command line asks for: `--db PATH` (else the same default as the CLI) and a `.wqcase` to open, as the
/// desktop passes it on a double-click (`weiquan-app %f`). Anything else is ignored.
fn args() -> (PathBuf, Option<PathBuf>) {
    let mut db = None;
    let mut bundle = None;
    let mut args = std::env::args_os().skip(1);
    while let Some(a) = args.next() {
        if a == "--db" {
            db = args.next().map(PathBuf::from);
        } else if let Some(p) = a.to_str().and_then(|s| s.strip_prefix("--db=")) {
            db = Some(PathBuf::from(p));
        } else {
            let p = PathBuf::from(&a);
            if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("wqcase")) {
                bundle = Some(p);
            }
        }
    }
    (db.unwrap_or_else(weiquan_core::paths::default_db_path), bundle)
}

fn main() {
    let (path, bundle) = args();
    let store = match Store::open(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("weiquan-app: cannot open the case library {}: {e}", path.display());
            std::process::exit(2);
        }
    };
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(commands::AppState {
            store: Mutex::new(store),
            cancel: Default::default(),
            pending_open: Mutex::new(bundle),
            reading_paused: Default::default(),
            reading_wake: Default::default(),
        })
        .setup(|app| {
            reading::start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/handler.rs")))
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("weiquan-app: the window could not run: {e}");
            std::process::exit(1);
        });
}
