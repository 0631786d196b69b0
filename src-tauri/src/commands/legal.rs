//! The legal knowledge base: the bases for a case, the user's choice of them, statute search and text.

use tauri::State;
use weiquan_core::legal::{self, ArticleView, LegalReview, SourceCitationView};
use weiquan_core::model::{CaseId, Saved};
use weiquan_core::store::LawHit;
use weiquan_core::Error;

use super::{with_store, AppState, Res};

#[tauri::command]
pub fn legal_review(state: State<'_, AppState>, id: CaseId) -> Res<LegalReview> {
    with_store(&state, |s| s.legal_review(id, weiquan_core::clock::today()))
}

#[tauri::command]
pub fn set_basis_included(state: State<'_, AppState>, id: CaseId, rule: String, included: bool) -> Res<Saved> {
    with_store(&state, |s| {
        Ok(Saved {
            id,
            warnings: s.set_basis_included(id, &rule, included)?,
        })
    })
}

#[tauri::command]
pub fn legal_search(state: State<'_, AppState>, query: String) -> Res<Vec<LawHit>> {
    with_store(&state, |s| s.search_law(&query, 30))
}

#[tauri::command]
pub fn legal_article(state: State<'_, AppState>, law: String, article: u32) -> Res<ArticleView> {
    with_store(&state, |s| {
        let not_found = || Error::NotFound(format!("{law} {article} is not in the verified data"));
        let l = legal::kb().law(&law).ok_or_else(not_found)?.clone();
        let a = s.law_article(&law, article)?.ok_or_else(not_found)?;
        Ok(ArticleView { law: l, article: a })
    })
}

#[tauri::command]
pub fn source_citations() -> Res<Vec<SourceCitationView>> {
    Ok(weiquan_core::contain_panics(|| Ok(legal::source_citations()))?)
}
