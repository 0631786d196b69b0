//! weiquan-app — the desktop shell. Each command is a thin adapter over a weiquan-core function: it takes typed
//! input, calls the core, and returns typed output or `{code, message, problems}`. No domain rule lives here.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

use std::path::PathBuf;
use std::sync::Mutex;

use weiquan_core::store::Store;

/// The database path: `--db PATH` on the command line, else the same default as the CLI.
fn db_path_from_args() -> PathBuf {
    let mut args = std::env::args_os().skip(1);
    while let Some(a) = args.next() {
        if a == "--db" {
            if let Some(p) = args.next() {
                return PathBuf::from(p);
            }
        } else if let Some(p) = a.to_str().and_then(|s| s.strip_prefix("--db=")) {
            return PathBuf::from(p);
        }
    }
    weiquan_core::paths::default_db_path()
}

fn main() {
    let path = db_path_from_args();
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
        })
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/handler.rs")))
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("weiquan-app: the window could not run: {e}");
            std::process::exit(1);
        });
}
