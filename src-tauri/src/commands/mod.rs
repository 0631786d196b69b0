//! The IPC commands, one file per domain area. Each command is a thin adapter: it takes typed input, runs one core
//! call through [`with_store`] or [`blocking`], and returns typed output or `{code, message, problems}`.
//!
//! Both helpers run the core call under [`weiquan_core::contain_panics`]: a bug in one command becomes an
//! `internal` error for that command, and the store lock a panic poisoned is taken over by the next command (SQLite
//! rolled back whatever transaction was open), so the app never has to be restarted.

pub mod cases;
pub mod deadlines;
pub mod evidence;
pub mod exports;
pub mod legal;
pub mod library;

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;
use tauri::{AppHandle, Manager};
use weiquan_core::store::Store;
use weiquan_core::{contain_panics, Error, ErrorPayload};

#[derive(Debug)]
pub struct AppState {
    pub store: Mutex<Store>,
    /// Set by `cancel_task`: the running import or verification stops after its current file.
    pub cancel: AtomicBool,
    /// A `.wqcase` the app was started with (a double-click on the file), for the start screen to open once.
    pub pending_open: Mutex<Option<PathBuf>>,
    /// The screenshot reader (crate::reading): paused by the user, and the flag and signal that wake it.
    pub reading_paused: AtomicBool,
    pub reading_wake: (Mutex<bool>, std::sync::Condvar),
}

/// A failed command, as the UI receives it: `{code, message, problems}`.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct IpcError(ErrorPayload);

impl From<Error> for IpcError {
    fn from(e: Error) -> Self {
        IpcError(e.payload())
    }
}

pub type Res<T> = Result<T, IpcError>;

/// The store, for one command, with a poisoned lock taken over (see the module docs).
pub fn lock(state: &AppState) -> MutexGuard<'_, Store> {
    state.store.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Runs a quick core call on the store, on the command's thread.
pub fn with_store<T>(state: &AppState, f: impl FnOnce(&mut Store) -> weiquan_core::Result<T>) -> Res<T> {
    Ok(contain_panics(|| f(&mut lock(state)))?)
}

/// Runs a slow core call (files, PDFs, dialogs) off the main thread, so the window stays responsive.
pub async fn blocking<T: Send + 'static>(
    app: AppHandle,
    f: impl FnOnce(&AppHandle) -> weiquan_core::Result<T> + Send + 'static,
) -> Res<T> {
    tauri::async_runtime::spawn_blocking(move || contain_panics(|| f(&app)))
        .await
        .map_err(|e| Error::Internal(format!("the task did not finish: {e}")))?
        .map_err(IpcError::from)
}

/// The app's state from a handle (inside [`blocking`]).
pub fn state(app: &AppHandle) -> tauri::State<'_, AppState> {
    app.state::<AppState>()
}

/// Test seams: WebDriver cannot operate a native dialog, so the end-to-end build (`--features e2e`) answers the
/// dialogs from `WEIQUAN_TEST_PICK_FILES` (paths, one per line), `WEIQUAN_TEST_PICK_FOLDER` and
/// `WEIQUAN_TEST_SAVE_DIR`. Other builds never read them.
pub fn test_seam(name: &str) -> Option<String> {
    if cfg!(feature = "e2e") {
        std::env::var(name).ok()
    } else {
        None
    }
}

/// Whether the end-to-end build is saving into its test folder (then nothing is opened in a viewer).
pub fn saving_for_tests() -> bool {
    test_seam("WEIQUAN_TEST_SAVE_DIR").is_some()
}

/// Where an export goes: the native save dialog (in Rust; the page cannot write files), starting in the platform's
/// documents folder (`~/文档` on a Chinese Linux desktop, `Documents` on Windows and macOS).
pub fn save_target(app: &AppHandle, suggested: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    if let Some(dir) = test_seam("WEIQUAN_TEST_SAVE_DIR") {
        return Some(PathBuf::from(dir).join(suggested));
    }
    use tauri_plugin_dialog::DialogExt;
    let mut dialog = app
        .dialog()
        .file()
        .set_file_name(suggested)
        .add_filter(filter.0, filter.1);
    if let Some(docs) = dirs::document_dir().filter(|p| p.is_dir()) {
        dialog = dialog.set_directory(docs);
    }
    dialog.blocking_save_file().and_then(|f| f.into_path().ok())
}
