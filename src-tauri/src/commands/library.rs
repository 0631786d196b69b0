//! The library as a whole: where it is, backup, restore, moving it to another folder.

use std::path::PathBuf;

use tauri::{AppHandle, State};
use weiquan_core::store::{BackupSummary, LibraryInfo, OpenedBundle, SameCaseChoice};

use super::{blocking, lock, save_target, state, test_seam, with_store, AppState, Res};

#[tauri::command]
pub fn library_info(state: State<'_, AppState>) -> Res<LibraryInfo> {
    with_store(&state, |s| s.info())
}

/// The About screen: version, where the data is, the dossier's font, the licences of the bundled parts.
#[tauri::command]
pub fn about(state: State<'_, AppState>) -> Res<weiquan_core::about::About> {
    with_store(&state, |s| weiquan_core::about::about(s))
}

/// Backs the whole library up into a ZIP where the user chooses.
#[tauri::command]
pub async fn backup_library(app: AppHandle) -> Res<Option<BackupSummary>> {
    blocking(app, |app| {
        let name = format!("维权卷宗备份-{}.zip", weiquan_core::clock::today());
        let Some(path) = save_target(app, &name, ("ZIP", &["zip"])) else {
            return Ok(None);
        };
        Ok(Some(lock(&state(app)).write_backup(&path)?))
    })
    .await
}

/// The one file the user picks in the open dialog (the e2e build: the first of `WEIQUAN_TEST_PICK_FILES`).
fn pick_one_file(app: &AppHandle, filter: (&str, &[&str])) -> Option<PathBuf> {
    if let Some(list) = test_seam("WEIQUAN_TEST_PICK_FILES") {
        return list.lines().find(|l| !l.is_empty()).map(PathBuf::from);
    }
    use tauri_plugin_dialog::DialogExt;
    app.dialog()
        .file()
        .add_filter(filter.0, filter.1)
        .blocking_pick_file()
        .and_then(|f| f.into_path().ok())
}

/// Replaces the library with a backup the user picks; returns where the previous library was saved.
#[tauri::command]
pub async fn restore_library(app: AppHandle) -> Res<Option<BackupSummary>> {
    blocking(app, |app| {
        let Some(file) = pick_one_file(app, ("ZIP", &["zip"])) else {
            return Ok(None);
        };
        Ok(Some(lock(&state(app)).restore_backup(&file)?))
    })
    .await
}

/// Opens a `.wqcase` bundle after the core has checked every file, hash and audit record in it: the one the user
/// picks (no `path`), or the one she picked before, again with her choice for a case the library already holds
/// (`ask` writes nothing and says what differs). The result carries the verification code to compare.
#[tauri::command]
pub async fn open_bundle(app: AppHandle, path: Option<String>, choice: SameCaseChoice) -> Res<Option<OpenedBundle>> {
    blocking(app, move |app| {
        let file = match path {
            Some(p) => Some(PathBuf::from(p)),
            None => pick_one_file(app, ("维权卷宗", &["wqcase"])),
        };
        let Some(file) = file else {
            return Ok(None);
        };
        Ok(Some(lock(&state(app)).open_bundle(&file, choice)?))
    })
    .await
}

/// Moves the library into a folder the user picks and remembers it for the next start (app and CLI).
#[tauri::command]
pub async fn move_library(app: AppHandle) -> Res<Option<LibraryInfo>> {
    blocking(app, |app| {
        let folder = match test_seam("WEIQUAN_TEST_PICK_FOLDER") {
            Some(dir) => Some(PathBuf::from(dir)),
            None => {
                use tauri_plugin_dialog::DialogExt;
                app.dialog()
                    .file()
                    .blocking_pick_folder()
                    .and_then(|f| f.into_path().ok())
            }
        };
        let Some(folder) = folder else {
            return Ok(None);
        };
        let target = folder.join("weiquan.db");
        let state = state(app);
        let mut guard = lock(&state);
        guard.move_to(&target)?;
        weiquan_core::paths::remember_library(&target)?;
        Ok(Some(guard.info()?))
    })
    .await
}

/// The `.wqcase` the app was started with, once: the start screen opens it like a picked one (checked by the core,
/// the user decides on a case already here).
#[tauri::command]
pub fn pending_open(state: State<'_, AppState>) -> Option<String> {
    state
        .pending_open
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take()
        .map(|p| p.display().to_string())
}
