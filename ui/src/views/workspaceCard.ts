// The library's own notes on a case — tags, 经办人, money recovered, private notes — for a volunteer with many cases.
// They are not part of the case: no dossier, 12315 text or bundle carries them unless she says so.
import { h } from "../dom";
import { t } from "../i18n";
import { api, type CaseId, type Workspace } from "../ipc";
import { banner, fromIpcError } from "./errors";

/** Tags as typed: separated by commas (either width), 、 or spaces. */
export function parseTags(text: string): string[] {
  return text
    .split(/[,，、\s]+/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

export async function workspaceCard(id: CaseId): Promise<HTMLElement> {
  const status = h("div", { class: "form-status", "aria-live": "polite" });
  let ws: Workspace;
  try {
    ws = await api.getWorkspace(id);
  } catch (e) {
    return banner(fromIpcError(e).banner);
  }
  const tags = h("input", { type: "text", name: "ws-tags", value: ws.tags.join("，") });
  const handler = h("input", { type: "text", name: "ws-handled-by", value: ws.handled_by ?? "" });
  const recovered = h("input", {
    type: "text",
    inputmode: "decimal",
    name: "ws-recovered",
    value: ws.recovered ?? "",
    placeholder: "0.00",
  });
  const notes = h("textarea", { name: "ws-notes", rows: 3 }, ws.private_notes ?? "");
  const field = (label: string, el: HTMLElement) => h("label", { class: "field" }, h("span", {}, label), el);
  const save = async () => {
    status.replaceChildren();
    try {
      const next: Workspace = {
        tags: parseTags(tags.value),
        handled_by: handler.value.trim() === "" ? null : handler.value.trim(),
        private_notes: notes.value.trim() === "" ? null : notes.value,
        recovered: recovered.value.trim() === "" ? null : recovered.value.trim(),
      };
      ws = await api.setWorkspace(id, next);
      tags.value = ws.tags.join("，");
      status.append(banner(t("workspace.saved"), "info"));
    } catch (e) {
      status.append(banner(fromIpcError(e).banner));
    }
  };
  const open = ws.tags.length > 0 || ws.handled_by !== null || ws.private_notes !== null || ws.recovered !== null;
  return h(
    "details",
    { class: "card workspace", open },
    h("summary", {}, t("workspace.title")),
    h("p", { class: "muted small" }, t("workspace.lead")),
    h(
      "div",
      { class: "grid-2" },
      field(t("workspace.tags"), tags),
      field(t("workspace.handled_by"), handler),
      field(t("workspace.recovered"), recovered),
    ),
    field(t("workspace.notes"), notes),
    h(
      "div",
      { class: "actions left" },
      h(
        "button",
        { type: "button", class: "secondary", name: "save-workspace", onclick: () => void save() },
        t("workspace.save"),
      ),
    ),
    status,
  );
}
