//! What leaves the app: the dossier PDF, the evidence package, the 12315 form text, opening an export again.

use std::collections::BTreeMap;
use std::path::PathBuf;

use tauri::{AppHandle, State};
use weiquan_core::dossier::public::{PublicOptions, PublicPreview};
use weiquan_core::dossier::{BlockKind, Exported, FilingBlock};
use weiquan_core::fsutil::safe_file_name;
use weiquan_core::model::CaseId;
use weiquan_core::store::{BundleReport, Stats};
use weiquan_core::{clock, Error};

use super::{blocking, lock, save_target, saving_for_tests, state, with_store, AppState, Res};

/// The case title as part of a suggested file name.
fn file_title(app: &AppHandle, case: CaseId) -> weiquan_core::Result<String> {
    let title = lock(&state(app)).get_case(case)?.data.title;
    Ok(safe_file_name(&title, 120))
}

/// A PDF of the case named `<prefix>-<title>.pdf`, saved where the user chooses by `write` (a core function that
/// returns the bytes written) and opened with the system's PDF viewer. `None` when she cancels the dialog.
fn save_pdf(
    app: &AppHandle,
    case: CaseId,
    prefix: &str,
    write: impl FnOnce(&mut weiquan_core::store::Store, &std::path::Path) -> weiquan_core::Result<u64>,
) -> weiquan_core::Result<Option<Exported>> {
    let name = format!("{prefix}-{}.pdf", file_title(app, case)?);
    let Some(path) = save_target(app, &name, ("PDF", &["pdf"])) else {
        return Ok(None);
    };
    let bytes = write(&mut lock(&state(app)), &path)?;
    if !saving_for_tests() {
        let _ = open::that_detached(&path);
    }
    Ok(Some(Exported {
        path: path.display().to_string(),
        bytes,
    }))
}

/// Renders the dossier, saves it where the user chooses, and opens it with the system's PDF viewer.
#[tauri::command]
pub async fn export_dossier(app: AppHandle, case: CaseId) -> Res<Option<Exported>> {
    blocking(app, move |app| {
        save_pdf(app, case, "投诉材料", |store, path| {
            weiquan_core::dossier::write(store, case, clock::now(), path)
        })
    })
    .await
}

/// Builds the evidence package (ZIP) where the user chooses; the core checks `max_image_kb`.
#[tauri::command]
pub async fn export_package(app: AppHandle, case: CaseId, max_image_kb: Option<u64>) -> Res<Option<Exported>> {
    blocking(app, move |app| {
        let name = format!("证据包-{}.zip", file_title(app, case)?);
        let Some(path) = save_target(app, &name, ("ZIP", &["zip"])) else {
            return Ok(None);
        };
        let report = weiquan_core::dossier::package(&mut lock(&state(app)), case, clock::now(), &path, max_image_kb)?;
        Ok(Some(Exported {
            path: path.display().to_string(),
            bytes: report.bytes,
        }))
    })
    .await
}

/// Writes the case as a `.wqcase` hand-off bundle where the user chooses; the result carries the verification code
/// to read to the other side.
#[tauri::command]
pub async fn export_bundle(app: AppHandle, case: CaseId, with_notes: bool) -> Res<Option<BundleReport>> {
    blocking(app, move |app| {
        let name = format!("{}.wqcase", file_title(app, case)?);
        let Some(path) = save_target(app, &name, ("维权卷宗", &["wqcase"])) else {
            return Ok(None);
        };
        Ok(Some(lock(&state(app)).write_bundle(case, &path, with_notes)?))
    })
    .await
}

/// The 12315 form blocks, with the user's length limits: the ones she just set (remembered by the library for next
/// time, in the CLI too), or with `null` the ones remembered. Read under the lock, cut to size off the main thread.
#[tauri::command]
pub async fn filing_text(
    app: AppHandle,
    case: CaseId,
    limits: Option<BTreeMap<BlockKind, usize>>,
) -> Res<Vec<FilingBlock>> {
    let (data, limits) = with_store(&state(&app), |s| {
        let limits = match limits {
            Some(l) => {
                weiquan_core::dossier::remember_limits(s, &l)?;
                l
            }
            None => weiquan_core::dossier::remembered_limits(s)?,
        };
        Ok((s.get_case(case)?.data, limits))
    })?;
    blocking(app, move |_| {
        Ok(weiquan_core::dossier::filing_text(&data, &limits, clock::today()))
    })
    .await
}

/// Opens an exported file again with the system viewer.
#[tauri::command]
pub fn open_export(state: State<'_, AppState>, path: String) -> Res<()> {
    with_store(&state, |_| {
        let p = PathBuf::from(&path);
        let ok = p.extension().is_some_and(|e| e == "pdf" || e == "zip") && p.is_file();
        if !ok {
            return Err(Error::invalid("path", "only an exported PDF or ZIP can be opened"));
        }
        open::that_detached(&p).map_err(|e| Error::io("open", &p, e))
    })
}

/// The 授权委托书 of a case with an agent, saved where the user chooses and opened for printing.
#[tauri::command]
pub async fn export_authorisation(app: AppHandle, case: CaseId) -> Res<Option<Exported>> {
    blocking(app, move |app| {
        save_pdf(app, case, "授权委托书", |store, path| {
            weiquan_core::dossier::authorisation::write(store, case, clock::now(), path)
        })
    })
    .await
}

/// What the 公开版 will mask and say under these options; nothing is written.
#[tauri::command]
pub fn public_preview(state: State<'_, AppState>, case: CaseId, options: PublicOptions) -> Res<PublicPreview> {
    with_store(&state, |s| {
        weiquan_core::dossier::public::preview(s, case, &options, clock::today())
    })
}

/// Writes the 公开版 where the user chooses: the PDF, and the plain text beside it (same name, `.txt`).
#[tauri::command]
pub async fn export_public(app: AppHandle, case: CaseId, options: PublicOptions) -> Res<Option<Exported>> {
    blocking(app, move |app| {
        let name = format!("公开版-{}.pdf", file_title(app, case)?);
        let Some(path) = save_target(app, &name, ("PDF", &["pdf"])) else {
            return Ok(None);
        };
        let text = path.with_extension("txt");
        weiquan_core::dossier::public::write(&mut lock(&state(app)), case, &options, clock::now(), &path, Some(&text))?;
        let bytes = std::fs::metadata(&path).map_err(|e| Error::io("read", &path, e))?.len();
        Ok(Some(Exported {
            path: path.display().to_string(),
            bytes,
        }))
    })
    .await
}

/// The library's figures for the statistics screen.
#[tauri::command]
pub fn library_stats(state: State<'_, AppState>) -> Res<Stats> {
    with_store(&state, |s| s.stats())
}

/// The figures as CSV where the user chooses.
#[tauri::command]
pub async fn export_stats(app: AppHandle) -> Res<Option<Exported>> {
    blocking(app, move |app| {
        let Some(path) = save_target(app, "维权统计.csv", ("CSV", &["csv"])) else {
            return Ok(None);
        };
        let state = state(app);
        let store = lock(&state);
        store.check_export_target(&path)?;
        let bytes = weiquan_core::store::stats_csv(&store.stats()?)?;
        weiquan_core::fsutil::write_atomically(&path, &bytes)?;
        Ok(Some(Exported {
            path: path.display().to_string(),
            bytes: bytes.len() as u64,
        }))
    })
    .await
}
