// One case: its title and status, and six tabs — 时间线 (what happened, on one line), 记录 (log the next
// interaction or paste a transcript), 证据, 法律依据, 诉求 and 导出. Each tab asks the core for what it shows.
import { h, confirmDialog } from "../dom";
import { t } from "../i18n";
import { api, type Case, type CaseId, type InteractionId, type Problem } from "../ipc";
import { CASE_TABS, navigate, type CaseTab } from "../router";
import { deferDelete } from "../stores/undo";
import { renderLegalPanel } from "./legalPanel";
import { renderEvidencePanel } from "./evidencePanel";
import { renderExportPanel } from "./exportPanel";
import { workspaceCard } from "./workspaceCard";
import { renderTimeline } from "./timeline";
import { renderLogPanel } from "./logPanel";
import { renderDemandsPanel } from "./demandsPanel";
import { banner, fromIpcError } from "./errors";

function warningText(w: Problem): string {
  if (w.path === "respondent.credit_code") return t("warning.credit_code");
  if (w.path.endsWith("occurred_at") || w.path === "purchase.date") return t("warning.future_date");
  return t("warning.generic");
}

function tabs(id: CaseId, active: CaseTab): HTMLElement {
  const list = h("div", { class: "tabs", role: "tablist", "aria-label": t("tab.label") });
  for (const name of CASE_TABS) {
    list.append(
      h(
        "button",
        {
          type: "button",
          role: "tab",
          id: `tab-${name}`,
          name: `tab-${name}`,
          "aria-selected": name === active ? "true" : "false",
          "aria-controls": "tab-panel",
          tabindex: name === active ? "0" : "-1",
          class: name === active ? "tab active" : "tab",
          onclick: () => navigate({ view: "case", id, tab: name }),
        },
        t(`tab.${name}`),
      ),
    );
  }
  // Arrow keys move between tabs, as screen-reader users expect of a tab list.
  list.addEventListener("keydown", (e) => {
    const i = CASE_TABS.indexOf(active);
    const step = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = CASE_TABS[(i + step + CASE_TABS.length) % CASE_TABS.length] ?? active;
    navigate({ view: "case", id, tab: next });
    document.getElementById(`tab-${next}`)?.focus();
  });
  return list;
}

export async function renderCaseView(main: HTMLElement, id: CaseId, tab: CaseTab = "timeline", edit?: InteractionId) {
  let c: Case;
  try {
    c = await api.getCase(id);
  } catch (e) {
    main.append(banner(fromIpcError(e).banner));
    return;
  }
  const reload = () => navigate({ view: "case", id, tab });
  const deleteCase = async () => {
    if (
      !(await confirmDialog(t("case.confirm_delete", { title: c.data.title }), t("action.delete"), t("action.cancel")))
    )
      return;
    deferDelete(
      `case:${c.id}`,
      t("undo.case", { title: c.data.title }),
      () => api.deleteCase(c.id).then(() => undefined),
      () => navigate({ view: "list" }),
    );
    navigate({ view: "list" });
  };
  main.append(
    h(
      "section",
      { class: "case-head" },
      h(
        "div",
        {},
        h(
          "p",
          { class: "muted" },
          h("span", { class: `status status-${c.data.status}` }, t(`status.${c.data.status}`)),
          " ",
          t(`industry.${c.data.industry}`),
        ),
        h("h1", { class: "case-title" }, c.data.title),
      ),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", class: "secondary", onclick: () => navigate({ view: "list" }) }, t("nav.back")),
        h(
          "button",
          { type: "button", class: "danger", name: "delete-case", onclick: () => void deleteCase() },
          t("action.delete_case"),
        ),
      ),
    ),
    ...c.warnings.map((w) => banner(warningText(w), "warning")),
    await workspaceCard(c.id),
    tabs(c.id, tab),
  );
  const panel = h("div", { class: "tab-panel", role: "tabpanel", id: "tab-panel", "aria-labelledby": `tab-${tab}` });
  main.append(panel);
  switch (tab) {
    case "timeline":
      return renderTimeline(panel, c, reload);
    case "log":
      return renderLogPanel(panel, c, () => navigate({ view: "case", id, tab: "timeline" }), edit);
    case "evidence":
      return renderEvidencePanel(panel, c);
    case "legal":
      return renderLegalPanel(panel, c);
    case "demands":
      return renderDemandsPanel(panel, c);
    case "export":
      return renderExportPanel(panel, c, reload);
  }
}
