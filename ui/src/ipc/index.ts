// The one door to the Rust core. Every command is typed with the generated bindings; failures arrive as
// IpcError with the core's stable code and the located problems.
import { Channel, invoke } from "@tauri-apps/api/core";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import type {
  About,
  Agent,
  Caseload,
  CaseloadFilter,
  PublicOptions,
  PublicPreview,
  Stats,
  Workspace,
  ArticleView,
  BackupSummary,
  BundleReport,
  OpenedBundle,
  SameCaseChoice,
  CaseEvent,
  Outlook,
  LibraryDeadlines,
  BlockKind,
  Exported,
  FilingBlock,
  Case,
  CaseData,
  CaseDetails,
  Demand,
  CaseId,
  CaseSummary,
  ErrorCode,
  ErrorPayload,
  EvidenceMeta,
  EvidenceView,
  ImportResult,
  LawHit,
  LegalReview,
  LibraryInfo,
  Problem,
  Progress,
  Saved,
  SourceCitationView,
  VerifyReport,
  ReadingStatus,
  ScreenshotText,
  ConfirmedTurn,
  EvidenceId,
  SavedTurns,
  InteractionId,
} from "./bindings";

export * from "./bindings";

export class IpcError extends Error {
  readonly code: ErrorCode;
  readonly problems: Problem[];

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.code = payload.code;
    this.problems = payload.problems;
  }
}

function isPayload(e: unknown): e is ErrorPayload {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (isPayload(e)) throw new IpcError({ ...e, problems: e.problems ?? [] });
    throw new IpcError({ code: "internal", message: String(e), problems: [] });
  }
}

export const api = {
  libraryInfo: () => call<LibraryInfo>("library_info"),
  about: () => call<About>("about"),
  listCases: (search: string | null) => call<CaseSummary[]>("list_cases", { search }),
  getCase: (id: CaseId) => call<Case>("get_case", { id }),
  createCase: (data: CaseData) => call<Saved>("create_case", { data }),
  updateCase: (id: CaseId, data: CaseData) => call<Saved>("update_case", { id, data }),
  updateDetails: (id: CaseId, details: CaseDetails) => call<Saved>("update_details", { id, details }),
  setDemands: (id: CaseId, demands: Demand[]) => call<Saved>("set_demands", { id, demands }),
  deleteCase: (id: CaseId) => call<null>("delete_case", { id }),
  legalReview: (id: CaseId) => call<LegalReview>("legal_review", { id }),
  setBasisIncluded: (id: CaseId, rule: string, included: boolean) =>
    call<Saved>("set_basis_included", { id, rule, included }),
  legalSearch: (query: string) => call<LawHit[]>("legal_search", { query }),
  legalArticle: (law: string, article: number) => call<ArticleView>("legal_article", { law, article }),
  sourceCitations: () => call<SourceCitationView[]>("source_citations"),
  listEvidence: (case_: CaseId) => call<EvidenceView[]>("list_evidence", { case: case_ }),
  importEvidence: (case_: CaseId, paths: string[], meta: EvidenceMeta, onProgress: (p: Progress) => void) =>
    call<ImportResult[]>("import_evidence", { case: case_, paths, meta, progress: channel(onProgress) }),
  pickAndImportEvidence: (case_: CaseId, meta: EvidenceMeta, onProgress: (p: Progress) => void) =>
    call<ImportResult[]>("pick_and_import_evidence", { case: case_, meta, progress: channel(onProgress) }),
  verifyEvidence: (case_: CaseId, onProgress: (p: Progress) => void) =>
    call<VerifyReport>("verify_evidence", { case: case_, progress: channel(onProgress) }),
  exportDossier: (case_: CaseId) => call<Exported | null>("export_dossier", { case: case_ }),
  exportPackage: (case_: CaseId, maxImageKb: number | null) =>
    call<Exported | null>("export_package", { case: case_, maxImageKb }),
  /** With `limits`, those (and the library remembers them); with null, the ones it remembers. */
  filingText: (case_: CaseId, limits: Partial<Record<BlockKind, number>> | null) =>
    call<FilingBlock[]>("filing_text", { case: case_, limits }),
  openExport: (path: string) => call<null>("open_export", { path }),
  /** With `withNotes`, the case's private notes go into the bundle too. */
  exportBundle: (case_: CaseId, withNotes: boolean) =>
    call<BundleReport | null>("export_bundle", { case: case_, withNotes }),
  caseload: (filter: CaseloadFilter) => call<Caseload>("caseload", { filter }),
  getWorkspace: (id: CaseId) => call<Workspace>("get_workspace", { id }),
  setWorkspace: (id: CaseId, workspace: Workspace) => call<Workspace>("set_workspace", { id, workspace }),
  setAgent: (id: CaseId, agent: Agent | null) => call<Saved>("set_agent", { id, agent }),
  exportAuthorisation: (case_: CaseId) => call<Exported | null>("export_authorisation", { case: case_ }),
  publicPreview: (case_: CaseId, options: PublicOptions) =>
    call<PublicPreview>("public_preview", { case: case_, options }),
  exportPublic: (case_: CaseId, options: PublicOptions) =>
    call<Exported | null>("export_public", { case: case_, options }),
  libraryStats: () => call<Stats>("library_stats"),
  exportStats: () => call<Exported | null>("export_stats"),
  /** The .wqcase the app was started with (a double-click), once. */
  pendingOpen: () => call<string | null>("pending_open"),
  /** With no path, the user picks the file; `ask` writes nothing when the case is already here. */
  openBundle: (path: string | null, choice: SameCaseChoice) =>
    call<OpenedBundle | null>("open_bundle", { path, choice }),
  caseOutlook: (id: CaseId) => call<Outlook>("case_outlook", { id }),
  upcomingDeadlines: () => call<LibraryDeadlines>("upcoming_deadlines"),
  addEvent: (id: CaseId, event: CaseEvent) => call<Saved>("add_event", { id, event }),
  saveDraft: (key: string, body: string) => call<null>("save_draft", { key, body }),
  loadDraft: (key: string) => call<string | null>("load_draft", { key }),
  deleteDraft: (key: string) => call<null>("delete_draft", { key }),
  backupLibrary: () => call<BackupSummary | null>("backup_library"),
  restoreLibrary: () => call<BackupSummary | null>("restore_library"),
  moveLibrary: () => call<LibraryInfo | null>("move_library"),
  cancelTask: () => call<null>("cancel_task"),
  readingStatus: (case_: CaseId | null) => call<ReadingStatus>("reading_status", { case: case_ }),
  screenshotText: (case_: CaseId, item: EvidenceId) => call<ScreenshotText>("screenshot_text", { case: case_, item }),
  /** The picture whole, as a data URL. */
  evidenceImage: (case_: CaseId, item: EvidenceId) => call<string>("evidence_image", { case: case_, item }),
  confirmScreenshot: (case_: CaseId, item: EvidenceId, turns: ConfirmedTurn[]) =>
    call<SavedTurns>("confirm_screenshot", { case: case_, item, turns }),
  setEvidenceLink: (item: EvidenceId, interaction: InteractionId, linked: boolean) =>
    call<null>("set_evidence_link", { item, interaction, linked }),
  rereadScreenshot: (case_: CaseId, item: EvidenceId) => call<null>("reread_screenshot", { case: case_, item }),
  pauseReading: (paused: boolean) => call<null>("pause_reading", { paused }),
  chatSidesFlipped: () => call<boolean>("chat_sides_flipped"),
  setChatSidesFlipped: (flipped: boolean) => call<null>("set_chat_sides_flipped", { flipped }),
  removeLastEvent: (id: CaseId) => call<Saved>("remove_last_event", { id }),
};

function channel(onProgress: (p: Progress) => void): Channel<Progress> {
  const c = new Channel<Progress>();
  c.onmessage = onProgress;
  return c;
}

/** Files dragged over and dropped on the window (paths, as the system gives them). Returns the unsubscribe. */
export type DropEvent = { kind: "over" } | { kind: "leave" } | { kind: "drop"; paths: string[] };

export async function onFileDrop(handler: (e: DropEvent) => void): Promise<(() => void) | null> {
  return getCurrentWebview()
    .onDragDropEvent((event) => {
      const p = event.payload;
      if (p.type === "over") handler({ kind: "over" });
      else if (p.type === "leave") handler({ kind: "leave" });
      else if (p.type === "drop") handler({ kind: "drop", paths: p.paths });
    })
    .catch(() => null);
}
