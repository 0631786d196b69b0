//! Declares the app's own commands so that capabilities must allow each one by name (nothing is allowed implicitly).

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&[
            "library_info",
            "list_cases",
            "get_case",
            "create_case",
            "update_case",
            "delete_case",
            "legal_review",
            "set_basis_included",
            "legal_search",
            "legal_article",
            "source_citations",
            "list_evidence",
            "import_evidence",
            "pick_and_import_evidence",
            "verify_evidence",
            "export_dossier",
            "export_package",
            "filing_text",
            "open_export",
            "case_outlook",
            "upcoming_deadlines",
            "add_event",
            "save_draft",
            "load_draft",
            "delete_draft",
            "backup_library",
            "restore_library",
            "move_library",
            "cancel_task",
            "remove_last_event",
        ])),
    )
    .expect("tauri build script");
}
