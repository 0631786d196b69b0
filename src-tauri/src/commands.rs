//! The IPC commands. Errors cross as [`IpcError`], which serializes to the core's `ErrorPayload`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;
use weiquan_core::deadlines::clocks::LibraryDeadlines;
use weiquan_core::deadlines::Outlook;
use weiquan_core::dossier::{BlockKind, Exported, FilingBlock};
use weiquan_core::legal::{self, ArticleView, LegalReview, SourceCitationView};
use weiquan_core::model::{today_shanghai, Case, CaseData, CaseEvent, CaseId, CaseSummary, Saved};
use weiquan_core::store::{
    BackupSummary, EvidenceMeta, EvidenceView, ImportResult, LawHit, LibraryInfo, Progress, Store, VerifyReport,
};
use weiquan_core::{Error, ErrorPayload};

#[derive(Debug)]
pub struct AppState {
    pub store: Mutex<Store>,
    /// Set by `cancel_task`: the running import or verification stops after its current file.
    pub cancel: AtomicBool,
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

type Res<T> = Result<T, IpcError>;

/// The store, for one command. A command that panicked while holding it poisons the lock; the store itself is still
/// sound (SQLite rolls back the transaction that was open), so the next command takes it over instead of every
/// later command failing until a restart.
fn store<'a>(state: &'a State<'_, AppState>) -> Res<MutexGuard<'a, Store>> {
    Ok(state.store.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
}

#[tauri::command]
pub fn library_info(state: State<'_, AppState>) -> Res<LibraryInfo> {
    Ok(store(&state)?.info()?)
}

#[tauri::command]
pub fn list_cases(state: State<'_, AppState>, search: Option<String>) -> Res<Vec<CaseSummary>> {
    Ok(store(&state)?.list_cases(search.as_deref())?)
}

#[tauri::command]
pub fn get_case(state: State<'_, AppState>, id: CaseId) -> Res<Case> {
    Ok(store(&state)?.get_case(id)?)
}

#[tauri::command]
pub fn create_case(state: State<'_, AppState>, data: CaseData) -> Res<Saved> {
    let (id, warnings) = store(&state)?.create_case(&data)?;
    Ok(Saved { id, warnings })
}

#[tauri::command]
pub fn update_case(state: State<'_, AppState>, id: CaseId, data: CaseData) -> Res<Saved> {
    let warnings = store(&state)?.update_case(id, &data)?;
    Ok(Saved { id, warnings })
}

#[tauri::command]
pub fn delete_case(state: State<'_, AppState>, id: CaseId) -> Res<()> {
    Ok(store(&state)?.delete_case(id)?)
}

#[tauri::command]
pub fn legal_review(state: State<'_, AppState>, id: CaseId) -> Res<LegalReview> {
    let case = store(&state)?.get_case(id)?;
    Ok(legal::review(&case.data, today_shanghai()))
}

#[tauri::command]
pub fn set_basis_included(state: State<'_, AppState>, id: CaseId, rule: String, included: bool) -> Res<Saved> {
    let warnings = store(&state)?.set_basis_included(id, &rule, included)?;
    Ok(Saved { id, warnings })
}

#[tauri::command]
pub fn legal_search(state: State<'_, AppState>, query: String) -> Res<Vec<LawHit>> {
    Ok(store(&state)?.search_law(&query, 30)?)
}

#[tauri::command]
pub fn legal_article(state: State<'_, AppState>, law: String, article: u32) -> Res<ArticleView> {
    let not_found = || Error::invalid("article", format!("{law} {article} is not in the verified data"));
    let l = legal::kb().law(&law).ok_or_else(not_found)?.clone();
    let a = store(&state)?.law_article(&law, article)?.ok_or_else(not_found)?;
    Ok(ArticleView { law: l, article: a })
}

#[tauri::command]
pub fn source_citations() -> Vec<SourceCitationView> {
    legal::source_citations()
}

#[tauri::command]
pub fn list_evidence(state: State<'_, AppState>, case: CaseId) -> Res<Vec<EvidenceView>> {
    let store = store(&state)?;
    let items = store.list_evidence(case)?;
    items
        .into_iter()
        .map(|item| {
            let thumbnail = store
                .evidence_thumbnail(item.id)?
                .map(|png| format!("data:image/png;base64,{}", BASE64.encode(png)));
            Ok(EvidenceView { item, thumbnail })
        })
        .collect()
}

fn import_files(
    app: &AppHandle,
    case: CaseId,
    files: Vec<PathBuf>,
    meta: EvidenceMeta,
    progress: &Channel<Progress>,
) -> Res<Vec<ImportResult>> {
    let state = app.state::<AppState>();
    state.cancel.store(false, Ordering::Relaxed);
    let mut out = Vec::new();
    let total = files.len();
    for (n, f) in files.into_iter().enumerate() {
        if state.cancel.load(Ordering::Relaxed) {
            break;
        }
        let _ = progress.send(Progress {
            done: n,
            total,
            name: f.display().to_string(),
        });
        let r = store(&state)?.import_evidence(case, &f, &meta);
        out.push(match r {
            Ok(o) => ImportResult {
                file: f.display().to_string(),
                outcome: Some(o),
                error: None,
            },
            Err(e) => ImportResult {
                file: f.display().to_string(),
                outcome: None,
                error: Some(e.payload()),
            },
        });
    }
    let _ = progress.send(Progress {
        done: total,
        total,
        name: String::new(),
    });
    Ok(out)
}

/// Imports files dropped on the window. Runs off the main thread so the window stays responsive.
#[tauri::command]
pub async fn import_evidence(
    app: AppHandle,
    case: CaseId,
    paths: Vec<String>,
    meta: EvidenceMeta,
    progress: Channel<Progress>,
) -> Res<Vec<ImportResult>> {
    if paths.is_empty() || paths.len() > 500 {
        return Err(Error::invalid("paths", "between 1 and 500 files at a time").into());
    }
    let files = paths.into_iter().map(PathBuf::from).collect();
    tauri::async_runtime::spawn_blocking(move || import_files(&app, case, files, meta, &progress))
        .await
        .map_err(|e| Error::Corrupt(format!("the import task failed: {e}")))?
}

/// Opens the system file dialog (in Rust: the page itself gets no file-system access) and imports the choice.
/// `WEIQUAN_TEST_PICK_FILES` (paths, one per line) answers for the dialog in the end-to-end tests, because WebDriver
/// cannot operate a native dialog.
#[tauri::command]
pub async fn pick_and_import_evidence(
    app: AppHandle,
    case: CaseId,
    meta: EvidenceMeta,
    progress: Channel<Progress>,
) -> Res<Vec<ImportResult>> {
    tauri::async_runtime::spawn_blocking(move || {
        let files: Vec<PathBuf> = match std::env::var("WEIQUAN_TEST_PICK_FILES") {
            Ok(list) => list.lines().filter(|l| !l.is_empty()).map(PathBuf::from).collect(),
            Err(_) => app
                .dialog()
                .file()
                .blocking_pick_files()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|f| f.into_path().ok())
                .collect(),
        };
        if files.is_empty() {
            return Ok(Vec::new());
        }
        import_files(&app, case, files, meta, &progress)
    })
    .await
    .map_err(|e| Error::Corrupt(format!("the import task failed: {e}")))?
}

/// Re-hashes a case's evidence, reporting progress file by file.
#[tauri::command]
pub async fn verify_evidence(app: AppHandle, case: CaseId, progress: Channel<Progress>) -> Res<VerifyReport> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        state.cancel.store(false, Ordering::Relaxed);
        let store = store(&state)?;
        Ok(store.verify_vault_until(
            Some(case),
            &mut |done, total, name| {
                let _ = progress.send(Progress {
                    done,
                    total,
                    name: name.to_owned(),
                });
            },
            &state.cancel,
        )?)
    })
    .await
    .map_err(|e| Error::Corrupt(format!("the verify task failed: {e}")))?
}

/// Where an export goes: the native save dialog (in Rust; the page cannot write files), or, in the end-to-end
/// tests, `WEIQUAN_TEST_SAVE_DIR`, since WebDriver cannot operate a native dialog.
fn save_target(app: &AppHandle, suggested: &str, filter: (&str, &[&str])) -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("WEIQUAN_TEST_SAVE_DIR") {
        return Some(PathBuf::from(dir).join(suggested));
    }
    let mut dialog = app
        .dialog()
        .file()
        .set_file_name(suggested)
        .add_filter(filter.0, filter.1);
    if let Some(docs) = dirs_next_documents() {
        dialog = dialog.set_directory(docs);
    }
    dialog.blocking_save_file().and_then(|f| f.into_path().ok())
}

fn dirs_next_documents() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .map(|h| PathBuf::from(h).join("Documents"))
        .filter(|p| p.is_dir())
}

fn file_title(title: &str) -> String {
    title
        .chars()
        .map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .take(40)
        .collect()
}

/// Renders the dossier, saves it where the user chooses, and opens it with the system's PDF viewer.
#[tauri::command]
pub async fn export_dossier(app: AppHandle, case: CaseId) -> Res<Option<Exported>> {
    tauri::async_runtime::spawn_blocking(move || {
        let title = store(&app.state::<AppState>())?.get_case(case)?.data.title;
        let Some(path) = save_target(&app, &format!("投诉材料-{}.pdf", file_title(&title)), ("PDF", &["pdf"]))
        else {
            return Ok(None);
        };
        let now = chrono_now();
        let bytes = {
            let state = app.state::<AppState>();
            let mut guard = store(&state)?;
            weiquan_core::dossier::write(&mut guard, case, now, &path)?
        };
        if std::env::var_os("WEIQUAN_TEST_SAVE_DIR").is_none() {
            let _ = open::that_detached(&path);
        }
        Ok(Some(Exported {
            path: path.display().to_string(),
            bytes,
        }))
    })
    .await
    .map_err(|e| Error::Corrupt(format!("the export task failed: {e}")))?
}

/// Builds the evidence package (ZIP) where the user chooses.
#[tauri::command]
pub async fn export_package(app: AppHandle, case: CaseId, max_image_kb: Option<u64>) -> Res<Option<Exported>> {
    if max_image_kb.is_some_and(|k| !(20..=100_000).contains(&k)) {
        return Err(Error::invalid("max_image_kb", "between 20 and 100000 KB").into());
    }
    tauri::async_runtime::spawn_blocking(move || {
        let title = store(&app.state::<AppState>())?.get_case(case)?.data.title;
        let Some(path) = save_target(&app, &format!("证据包-{}.zip", file_title(&title)), ("ZIP", &["zip"])) else {
            return Ok(None);
        };
        let report = weiquan_core::dossier::package(
            &mut *store(&app.state::<AppState>())?,
            case,
            chrono_now(),
            &path,
            max_image_kb,
        )?;
        Ok(Some(Exported {
            path: path.display().to_string(),
            bytes: report.bytes,
        }))
    })
    .await
    .map_err(|e| Error::Corrupt(format!("the export task failed: {e}")))?
}

/// The 12315 form blocks, with the user's length limits: read under the lock, cut to size off the main thread.
#[tauri::command]
pub async fn filing_text(app: AppHandle, case: CaseId, limits: BTreeMap<BlockKind, usize>) -> Res<Vec<FilingBlock>> {
    let data = store(&app.state::<AppState>())?.get_case(case)?.data;
    tauri::async_runtime::spawn_blocking(move || weiquan_core::dossier::filing_text(&data, &limits, today_shanghai()))
        .await
        .map_err(|e| IpcError::from(Error::Corrupt(format!("the 12315 text task failed: {e}"))))
}

/// Opens an exported file again with the system viewer.
#[tauri::command]
pub fn open_export(path: String) -> Res<()> {
    let p = PathBuf::from(&path);
    let ok = p.extension().is_some_and(|e| e == "pdf" || e == "zip") && p.is_file();
    if !ok {
        return Err(Error::invalid("path", "only an exported PDF or ZIP can be opened").into());
    }
    open::that_detached(&p).map_err(|e| Error::io("open", &p, e))?;
    Ok(())
}

fn chrono_now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::Utc::now().with_timezone(&weiquan_core::model::shanghai_offset())
}

fn calendar(store: &Store) -> Res<weiquan_core::deadlines::calendar::Calendar> {
    Ok(weiquan_core::deadlines::calendar::Calendar::for_library(store.path())?)
}

/// The case's next step and clocks.
#[tauri::command]
pub fn case_outlook(state: State<'_, AppState>, id: CaseId) -> Res<Outlook> {
    let store = store(&state)?;
    let data = store.get_case(id)?.data;
    Ok(weiquan_core::deadlines::outlook(
        &data,
        &calendar(&store)?,
        today_shanghai(),
    ))
}

/// Clocks across the library that need attention, and each open case's next one (start screen). This reads every
/// open case (about 1.5 s for 10,000), so it runs off the main thread on a connection of its own (WAL lets it read
/// while the app's connection stays free for what the user does meanwhile).
#[tauri::command]
pub async fn upcoming_deadlines(app: AppHandle) -> Res<LibraryDeadlines> {
    tauri::async_runtime::spawn_blocking(move || {
        let path = store(&app.state::<AppState>())?.path().to_path_buf();
        let reader = Store::open(&path)?;
        let cal = calendar(&reader)?;
        Ok(weiquan_core::deadlines::clocks::library_deadlines(
            &reader,
            &cal,
            today_shanghai(),
        )?)
    })
    .await
    .map_err(|e| Error::Corrupt(format!("the deadline task failed: {e}")))?
}

/// Takes back the most recent event after filing (recorded by mistake) and the status change it made.
#[tauri::command]
pub fn remove_last_event(state: State<'_, AppState>, id: CaseId) -> Res<Saved> {
    let warnings = store(&state)?.remove_last_event(id)?;
    Ok(Saved { id, warnings })
}

/// Records what happened after filing; the status follows.
#[tauri::command]
pub fn add_event(state: State<'_, AppState>, id: CaseId, event: CaseEvent) -> Res<Saved> {
    let warnings = store(&state)?.add_event(id, event)?;
    Ok(Saved { id, warnings })
}

/// Unsaved input the UI keeps while the user types (see `weiquan_core::store::drafts`).
#[tauri::command]
pub fn save_draft(state: State<'_, AppState>, key: String, body: String) -> Res<()> {
    Ok(store(&state)?.save_draft(&key, &body)?)
}

#[tauri::command]
pub fn load_draft(state: State<'_, AppState>, key: String) -> Res<Option<String>> {
    Ok(store(&state)?.load_draft(&key)?)
}

#[tauri::command]
pub fn delete_draft(state: State<'_, AppState>, key: String) -> Res<()> {
    Ok(store(&state)?.delete_draft(&key)?)
}

/// Backs the whole library up into a ZIP where the user chooses.
#[tauri::command]
pub async fn backup_library(app: AppHandle) -> Res<Option<BackupSummary>> {
    tauri::async_runtime::spawn_blocking(move || {
        let name = format!("维权卷宗备份-{}.zip", today_shanghai());
        let Some(path) = save_target(&app, &name, ("ZIP", &["zip"])) else {
            return Ok(None);
        };
        Ok(Some(store(&app.state::<AppState>())?.write_backup(&path)?))
    })
    .await
    .map_err(|e| Error::Corrupt(format!("the backup task failed: {e}")))?
}

/// Replaces the library with a backup the user picks; returns where the previous library was saved.
#[tauri::command]
pub async fn restore_library(app: AppHandle) -> Res<Option<BackupSummary>> {
    tauri::async_runtime::spawn_blocking(move || {
        let file = match std::env::var("WEIQUAN_TEST_PICK_FILES") {
            Ok(list) => list.lines().find(|l| !l.is_empty()).map(PathBuf::from),
            Err(_) => app
                .dialog()
                .file()
                .add_filter("ZIP", &["zip"])
                .blocking_pick_file()
                .and_then(|f| f.into_path().ok()),
        };
        let Some(file) = file else {
            return Ok(None);
        };
        Ok(Some(store(&app.state::<AppState>())?.restore_backup(&file)?))
    })
    .await
    .map_err(|e| Error::Corrupt(format!("the restore task failed: {e}")))?
}

/// Moves the library into a folder the user picks and remembers it for the next start (app and CLI).
#[tauri::command]
pub async fn move_library(app: AppHandle) -> Res<Option<LibraryInfo>> {
    tauri::async_runtime::spawn_blocking(move || {
        let folder = match std::env::var("WEIQUAN_TEST_PICK_FOLDER") {
            Ok(dir) => Some(PathBuf::from(dir)),
            Err(_) => app
                .dialog()
                .file()
                .blocking_pick_folder()
                .and_then(|f| f.into_path().ok()),
        };
        let Some(folder) = folder else {
            return Ok(None);
        };
        let target = folder.join("weiquan.db");
        let state = app.state::<AppState>();
        let mut guard = store(&state)?;
        guard.move_to(&target)?;
        weiquan_core::paths::remember_library(&target)?;
        Ok(Some(guard.info()?))
    })
    .await
    .map_err(|e| Error::Corrupt(format!("the move task failed: {e}")))?
}

/// Asks the running import or verification to stop after its current file.
#[tauri::command]
pub fn cancel_task(state: State<'_, AppState>) {
    state.cancel.store(true, Ordering::Relaxed);
}
