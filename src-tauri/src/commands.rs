//! The IPC commands. Errors cross as [`IpcError`], which serializes to the core's `ErrorPayload`.

use std::sync::{Mutex, MutexGuard};

use serde::Serialize;
use tauri::State;
use weiquan_core::legal::{self, ArticleView, LegalReview, SourceCitationView};
use weiquan_core::model::{today_shanghai, Case, CaseData, CaseId, CaseSummary, Saved};
use weiquan_core::store::{LawHit, LibraryInfo, Store};
use weiquan_core::{Error, ErrorPayload};

#[derive(Debug)]
pub struct AppState {
    pub store: Mutex<Store>,
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

fn store<'a>(state: &'a State<'_, AppState>) -> Res<MutexGuard<'a, Store>> {
    state.store.lock().map_err(|_| {
        IpcError(ErrorPayload {
            code: "internal".into(),
            message: "the case library lock was poisoned by an earlier failure; restart the app".into(),
            problems: Vec::new(),
        })
    })
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
