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

/// WebKitGTK draws the page either through accelerated compositing (layers in GPU or, without one, software buffers)
/// or straight into the window. Our pages are forms and text with no animation or video, so compositing buys nothing
/// visible, while its buffers cost the web process some 80 MiB at idle and vary by ±10 MiB from launch to launch
/// (README, `make bench-app`); it is also the mode behind the blank windows some graphics drivers give WebKitGTK
/// apps (NVIDIA drivers, virtual machines without a GPU). So the app asks for the direct mode, through WebKitGTK's own
/// switch, read by the web process it starts. A value already set in the environment is left alone: the user's own
/// choice wins (`WEBKIT_DISABLE_COMPOSITING_MODE=0` turns compositing back on; the e2e journeys do, because
/// WebKitWebDriver's screenshots never return without it).
#[cfg(target_os = "linux")]
fn prefer_direct_rendering() {
    const SWITCH: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    if std::env::var_os(SWITCH).is_none() {
        // Before any other thread exists: nothing can read the environment while it changes.
        std::env::set_var(SWITCH, "1");
    }
}

fn main() {
    #[cfg(target_os = "linux")]
    prefer_direct_rendering();
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
