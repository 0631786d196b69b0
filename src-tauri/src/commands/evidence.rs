//! Evidence: list with thumbnails, import (dropped or picked files), re-hash the vault, cancel a long task; the
//! screenshot reader's queue and results, and saving the turns the user confirmed.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use weiquan_core::evidence::EvidenceId;
use weiquan_core::model::{CaseId, InteractionId};
use weiquan_core::store::{
    ConfirmedTurn, EvidenceMeta, EvidenceView, ImportResult, Progress, ReadingStatus, SavedTurns, ScreenshotText,
    Store, VerifyReport,
};
use weiquan_core::Result;

use super::{blocking, lock, state, test_seam, with_store, AppState, Res};
use crate::reading;

#[tauri::command]
pub fn list_evidence(state: State<'_, AppState>, case: CaseId) -> Res<Vec<EvidenceView>> {
    with_store(&state, |s| {
        s.list_evidence(case)?
            .into_iter()
            .map(|item| {
                let thumbnail = s
                    .evidence_thumbnail(item.id)?
                    .map(|png| format!("data:image/png;base64,{}", BASE64.encode(png)));
                Ok(EvidenceView { item, thumbnail })
            })
            .collect()
    })
}

fn send(progress: &Channel<Progress>) -> impl FnMut(usize, usize, &str) + '_ {
    move |done, total, name| {
        let _ = progress.send(Progress {
            done,
            total,
            name: name.to_owned(),
        });
    }
}

/// A connection of the task's own for long file work (WAL lets it write while the app's connection stays free),
/// so the window keeps answering during a 4 GiB import or a re-hash of the whole vault.
fn own_store(app: &AppHandle) -> Result<Store> {
    let path = lock(&state(app)).path().to_path_buf();
    Store::open(&path)
}

fn import_files(
    app: &AppHandle,
    case: CaseId,
    files: &[PathBuf],
    meta: &EvidenceMeta,
    progress: &Channel<Progress>,
) -> Result<Vec<ImportResult>> {
    let state = state(app);
    state.cancel.store(false, Ordering::Relaxed);
    let results = own_store(app)?.import_evidence_batch_until(case, files, meta, &mut send(progress), &state.cancel)?;
    crate::reading::resume(app);
    Ok(results.into_iter().map(|(f, r)| ImportResult::new(&f, r)).collect())
}

/// Imports files dropped on the window (the core limits the batch and checks each file).
#[tauri::command]
pub async fn import_evidence(
    app: AppHandle,
    case: CaseId,
    paths: Vec<String>,
    meta: EvidenceMeta,
    progress: Channel<Progress>,
) -> Res<Vec<ImportResult>> {
    let files: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    blocking(app, move |app| import_files(app, case, &files, &meta, &progress)).await
}

/// Opens the system file dialog (in Rust: the page itself gets no file-system access) and imports the choice.
#[tauri::command]
pub async fn pick_and_import_evidence(
    app: AppHandle,
    case: CaseId,
    meta: EvidenceMeta,
    progress: Channel<Progress>,
) -> Res<Vec<ImportResult>> {
    blocking(app, move |app| {
        let files: Vec<PathBuf> = match test_seam("WEIQUAN_TEST_PICK_FILES") {
            Some(list) => list.lines().filter(|l| !l.is_empty()).map(PathBuf::from).collect(),
            None => {
                use tauri_plugin_dialog::DialogExt;
                app.dialog()
                    .file()
                    .blocking_pick_files()
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|f| f.into_path().ok())
                    .collect()
            }
        };
        if files.is_empty() {
            return Ok(Vec::new());
        }
        import_files(app, case, &files, &meta, &progress)
    })
    .await
}

/// Re-hashes a case's evidence, reporting progress file by file.
#[tauri::command]
pub async fn verify_evidence(app: AppHandle, case: CaseId, progress: Channel<Progress>) -> Res<VerifyReport> {
    blocking(app, move |app| {
        let state = state(app);
        state.cancel.store(false, Ordering::Relaxed);
        own_store(app)?.verify_vault_until(Some(case), &mut send(&progress), &state.cancel)
    })
    .await
}

/// Asks the running import or verification to stop after its current file. It must not wait for the store: the
/// task it stops holds it.
#[tauri::command]
pub fn cancel_task(state: State<'_, AppState>) {
    state.cancel.store(true, Ordering::Relaxed);
}

/// The screenshot reader's queue, for a case or the library, for the progress line.
#[tauri::command]
pub fn reading_status(state: State<'_, AppState>, case: Option<CaseId>) -> Res<ReadingStatus> {
    with_store(&state, |s| s.reading_status(case))
}

/// What was read on one of the case's images.
#[tauri::command]
pub fn screenshot_text(state: State<'_, AppState>, case: CaseId, item: EvidenceId) -> Res<ScreenshotText> {
    with_store(&state, |s| s.screenshot_text(case, item))
}

/// One of the case's images whole, as a data URL, for the view that shows the read turns beside it.
#[tauri::command]
pub async fn evidence_image(app: AppHandle, case: CaseId, item: EvidenceId) -> Res<String> {
    blocking(app, move |app| {
        let (bytes, content_type) = lock(&state(app)).evidence_image(case, item)?;
        Ok(format!("data:{content_type};base64,{}", BASE64.encode(bytes)))
    })
    .await
}

/// Links an evidence file to one of its case's contacts, or unlinks it: the fact it supports, chosen on its card.
#[tauri::command]
pub fn set_evidence_link(
    state: State<'_, AppState>,
    item: EvidenceId,
    interaction: InteractionId,
    linked: bool,
) -> Res<()> {
    with_store(&state, |s| s.set_evidence_link(item, interaction, linked))
}

/// Saves the turns the user corrected: 我 → 客服 pairs become contacts linked to the screenshot (or, when the case
/// already holds the same words on the same day, the screenshot is linked to those contacts).
#[tauri::command]
pub fn confirm_screenshot(
    state: State<'_, AppState>,
    case: CaseId,
    item: EvidenceId,
    turns: Vec<ConfirmedTurn>,
) -> Res<SavedTurns> {
    with_store(&state, |s| s.confirm_screenshot_turns(case, item, &turns))
}

/// Puts an image back in the reader's queue (after a failure) and wakes the reader.
#[tauri::command]
pub fn reread_screenshot(app: AppHandle, case: CaseId, item: EvidenceId) -> Res<()> {
    let state = state(&app);
    with_store(&state, |s| s.reread_screenshot(case, item))?;
    reading::resume(&app);
    Ok(())
}

/// Pauses the reader after its current image (`paused`), or lets it go on.
#[tauri::command]
pub fn pause_reading(app: AppHandle, paused: bool) {
    if paused {
        state(&app).reading_paused.store(true, Ordering::Relaxed);
    } else {
        reading::resume(&app);
    }
}

/// Whether the reader takes left-hand bubbles as 我 (a setting of the library).
#[tauri::command]
pub fn chat_sides_flipped(state: State<'_, AppState>) -> Res<bool> {
    with_store(&state, |s| s.chat_sides_flipped())
}

/// Sets which side is 我; screenshots read but not confirmed are read again with it.
#[tauri::command]
pub fn set_chat_sides_flipped(app: AppHandle, flipped: bool) -> Res<()> {
    with_store(&state(&app), |s| s.set_chat_sides_flipped(flipped))?;
    reading::resume(&app);
    Ok(())
}
