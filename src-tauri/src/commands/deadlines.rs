//! Deadlines: a case's next step and clocks, the library-wide list on the start screen, and the caseload filtered
//! and sorted by next deadline.

use tauri::{AppHandle, State};
use weiquan_core::calendar::Calendar;
use weiquan_core::clock;
use weiquan_core::deadlines::clocks::LibraryDeadlines;
use weiquan_core::deadlines::Outlook;
use weiquan_core::model::CaseId;
use weiquan_core::store::{Caseload, CaseloadFilter, Store};

use super::{blocking, lock, state, with_store, AppState, Res};

/// The case's next step and clocks.
#[tauri::command]
pub fn case_outlook(state: State<'_, AppState>, id: CaseId) -> Res<Outlook> {
    with_store(&state, |s| {
        let data = s.get_case(id)?.data;
        Ok(weiquan_core::deadlines::outlook(
            &data,
            &Calendar::for_library(s.path())?,
            clock::today(),
        ))
    })
}

/// Clocks across the library that need attention, and each open case's next one (start screen). This reads every
/// open case (about 1.5 s for 10,000), so it runs off the main thread on a connection of its own (WAL lets it read
/// while the app's connection stays free for what the user does meanwhile).
#[tauri::command]
pub async fn upcoming_deadlines(app: AppHandle) -> Res<LibraryDeadlines> {
    blocking(app, |app| {
        let path = lock(&state(app)).path().to_path_buf();
        let reader = Store::open(&path)?;
        let cal = Calendar::for_library(reader.path())?;
        reader.library_deadlines(&cal, clock::today())
    })
    .await
}

/// The start screen's caseload: the cases that pass the filters, with tags, 经办人 and next deadline. Like
/// [`upcoming_deadlines`] it reads every matching open case, so it runs off the main thread on its own connection.
#[tauri::command]
pub async fn caseload(app: AppHandle, filter: CaseloadFilter) -> Res<Caseload> {
    blocking(app, move |app| {
        let path = lock(&state(app)).path().to_path_buf();
        let reader = Store::open(&path)?;
        let cal = Calendar::for_library(reader.path())?;
        reader.caseload(&filter, &cal, clock::today())
    })
    .await
}
