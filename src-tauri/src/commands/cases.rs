//! Cases: list, read, create, update, delete; events after filing; drafts of unsaved input; the agent filing for
//! the consumer; the library's own workspace of a case (tags, 经办人, private notes, money recovered).

use tauri::State;
use weiquan_core::model::{Agent, Case, CaseData, CaseDetails, CaseEvent, CaseId, CaseSummary, Demand, Saved};
use weiquan_core::store::Workspace;

use super::{with_store, AppState, Res};

#[tauri::command]
pub fn list_cases(state: State<'_, AppState>, search: Option<String>) -> Res<Vec<CaseSummary>> {
    with_store(&state, |s| s.list_cases(search.as_deref()))
}

#[tauri::command]
pub fn get_case(state: State<'_, AppState>, id: CaseId) -> Res<Case> {
    with_store(&state, |s| s.get_case(id))
}

#[tauri::command]
pub fn create_case(state: State<'_, AppState>, data: CaseData) -> Res<Saved> {
    with_store(&state, |s| {
        let (id, warnings) = s.create_case(&data)?;
        Ok(Saved { id, warnings })
    })
}

#[tauri::command]
pub fn update_case(state: State<'_, AppState>, id: CaseId, data: CaseData) -> Res<Saved> {
    with_store(&state, |s| {
        Ok(Saved {
            id,
            warnings: s.update_case(id, &data)?,
        })
    })
}

#[tauri::command]
pub fn delete_case(state: State<'_, AppState>, id: CaseId) -> Res<()> {
    with_store(&state, |s| s.delete_case(id))
}

/// Records what happened after filing; the status follows.
#[tauri::command]
pub fn add_event(state: State<'_, AppState>, id: CaseId, event: CaseEvent) -> Res<Saved> {
    with_store(&state, |s| {
        Ok(Saved {
            id,
            warnings: s.add_event(id, event)?,
        })
    })
}

/// Takes back the most recent event after filing (recorded by mistake) and the status change it made.
#[tauri::command]
pub fn remove_last_event(state: State<'_, AppState>, id: CaseId) -> Res<Saved> {
    with_store(&state, |s| {
        Ok(Saved {
            id,
            warnings: s.remove_last_event(id)?,
        })
    })
}

/// Unsaved input the UI keeps while the user types (see `weiquan_core::store::drafts`).
#[tauri::command]
pub fn save_draft(state: State<'_, AppState>, key: String, body: String) -> Res<()> {
    with_store(&state, |s| s.save_draft(&key, &body))
}

#[tauri::command]
pub fn load_draft(state: State<'_, AppState>, key: String) -> Res<Option<String>> {
    with_store(&state, |s| s.load_draft(&key))
}

#[tauri::command]
pub fn delete_draft(state: State<'_, AppState>, key: String) -> Res<()> {
    with_store(&state, |s| s.delete_draft(&key))
}

/// The case form's fields, applied to the case as it is now (nothing saved elsewhere meanwhile is undone).
#[tauri::command]
pub fn update_details(state: State<'_, AppState>, id: CaseId, details: CaseDetails) -> Res<Saved> {
    with_store(&state, |s| {
        Ok(Saved {
            id,
            warnings: s.update_details(id, details)?,
        })
    })
}

/// The 诉求 tab's demands, applied to the case as it is now.
#[tauri::command]
pub fn set_demands(state: State<'_, AppState>, id: CaseId, demands: Vec<Demand>) -> Res<Saved> {
    with_store(&state, |s| {
        Ok(Saved {
            id,
            warnings: s.set_demands(id, demands)?,
        })
    })
}

/// Who files for the consumer (委托代理人), or `null` when she files herself; the case is validated as a whole.
#[tauri::command]
pub fn set_agent(state: State<'_, AppState>, id: CaseId, agent: Option<Agent>) -> Res<Saved> {
    with_store(&state, |s| {
        Ok(Saved {
            id,
            warnings: s.set_agent(id, agent)?,
        })
    })
}

#[tauri::command]
pub fn get_workspace(state: State<'_, AppState>, id: CaseId) -> Res<Workspace> {
    with_store(&state, |s| s.workspace(id))
}

/// Replaces the case's workspace after the core checked it; returns it as stored (trimmed, tags sorted).
#[tauri::command]
pub fn set_workspace(state: State<'_, AppState>, id: CaseId, workspace: Workspace) -> Res<Workspace> {
    with_store(&state, |s| s.set_workspace(id, workspace))
}
