// The 导出 tab: the dossier PDF (saved where the user chooses and opened in the system viewer), the evidence
// package for upload forms, the hand-off bundle, the agent and 授权委托书, the 公开版, and the 12315 form text block
// by block, each with its count, a limit and a copy button.
import { h, clear } from "../dom";
import { t } from "../i18n";
import { api, type BlockKind, type Case, type Exported } from "../ipc";
import { agentCard } from "./agentCard";
import { banner, fromIpcError } from "./errors";
import { publicCard } from "./publicCard";

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Some webviews refuse the async clipboard; select the text and use the classic command instead.
    const area = h("textarea", { class: "visually-hidden" }, text);
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

function exportCard(
  title: string,
  lead: string,
  button: string,
  name: string,
  run: () => Promise<(Exported & { code?: string }) | null>,
  extra?: HTMLElement,
): HTMLElement {
  const status = h("div", { class: "export-status", "aria-live": "polite" });
  const bar = h("progress", { class: "progress", hidden: true });
  const go = h(
    "button",
    {
      type: "button",
      class: "primary",
      name,
      onclick: () =>
        void (async () => {
          clear(status);
          bar.hidden = false;
          go.setAttribute("disabled", "");
          try {
            const r = await run();
            if (r) {
              status.append(
                banner(t("export.saved", { path: r.path, kb: Math.ceil(r.bytes / 1024) }), "info"),
                ...(r.code === undefined
                  ? []
                  : [
                      h(
                        "p",
                        { class: "verification" },
                        t("bundle.code_label"),
                        h("strong", { class: "code", "data-code": r.code }, r.code),
                        h("span", { class: "muted small" }, t("bundle.code_hint")),
                      ),
                    ]),
                h(
                  "button",
                  {
                    type: "button",
                    class: "secondary",
                    onclick: () => void api.openExport(r.path).catch(() => undefined),
                  },
                  t("export.open_again"),
                ),
              );
            }
          } catch (e) {
            status.append(banner(fromIpcError(e).banner));
          } finally {
            bar.hidden = true;
            go.removeAttribute("disabled");
          }
        })(),
    },
    button,
  );
  return h(
    "section",
    { class: "card export-card" },
    h("h2", {}, title),
    h("p", { class: "muted" }, lead),
    extra ?? null,
    h("div", { class: "actions left" }, go),
    bar,
    status,
  );
}

export async function renderExportPanel(panel: HTMLElement, c: Case, reload: () => void) {
  // Null until she changes one: then the limits she sets, which the library remembers for next time.
  let limits: Map<BlockKind, number> | null = null;
  const blocksEl = h("div", { class: "filing-blocks" });
  const loadBlocks = async () => {
    clear(blocksEl);
    try {
      const blocks = await api.filingText(c.id, limits === null ? null : Object.fromEntries(limits));
      const current = new Map<BlockKind, number>();
      for (const b of blocks) if (b.limit !== null) current.set(b.kind, b.limit);
      for (const b of blocks) {
        const status = h("span", { class: "muted small copy-status", "aria-live": "polite" });
        const limit = h("input", {
          type: "number",
          min: 50,
          step: 50,
          name: `limit-${b.kind}`,
          value: b.limit ?? "",
          "aria-label": t("filing.limit_label", { block: b.title }),
          placeholder: t("filing.no_limit"),
          onchange: (e: Event) => {
            const v = Number((e.target as HTMLInputElement).value);
            limits = new Map(current);
            if (v > 0) limits.set(b.kind, v);
            else limits.delete(b.kind);
            void loadBlocks();
          },
        });
        blocksEl.append(
          h(
            "div",
            { class: `filing-block${b.over_limit ? " over" : ""}`, "data-block": b.kind },
            h(
              "div",
              { class: "filing-head" },
              h("strong", {}, b.title),
              h("span", { class: "muted" }, t("filing.count", { n: b.chars })),
              b.shortened ? h("span", { class: "badge strength supporting" }, t("filing.shortened")) : null,
              b.over_limit ? h("span", { class: "badge unverified" }, t("filing.over")) : null,
              h("span", { class: "spacer" }),
              h("label", { class: "limit" }, t("filing.limit"), limit),
              h(
                "button",
                {
                  type: "button",
                  class: "secondary small",
                  name: `copy-${b.kind}`,
                  onclick: () =>
                    void copy(b.text).then(
                      (ok) => (status.textContent = ok ? t("filing.copied") : t("filing.copy_failed")),
                    ),
                },
                t("filing.copy"),
              ),
              status,
            ),
            h("pre", { class: "filing-text" }, b.text),
          ),
        );
      }
    } catch (e) {
      blocksEl.append(banner(fromIpcError(e).banner));
    }
  };
  const kb = h("input", {
    type: "number",
    min: 20,
    step: 100,
    name: "max-image-kb",
    placeholder: t("export.no_copies"),
    "aria-label": t("export.max_image_kb"),
  });
  const withNotes = h("input", { type: "checkbox", name: "bundle-with-notes" });
  panel.append(
    exportCard(t("export.dossier_title"), t("export.dossier_lead"), t("export.dossier_button"), "export-dossier", () =>
      api.exportDossier(c.id),
    ),
    exportCard(
      t("export.package_title"),
      t("export.package_lead"),
      t("export.package_button"),
      "export-package",
      () => api.exportPackage(c.id, kb.value === "" ? null : Number(kb.value)),
      h("label", { class: "field" }, h("span", {}, t("export.max_image_kb")), kb),
    ),
    exportCard(
      t("bundle.title"),
      t("bundle.lead"),
      t("bundle.button"),
      "export-bundle",
      () => api.exportBundle(c.id, withNotes.checked),
      h("label", { class: "check" }, withNotes, t("bundle.with_notes")),
    ),
    agentCard(c, reload),
    publicCard(c),
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("filing.title")),
      h("p", { class: "muted" }, t("filing.lead")),
      blocksEl,
    ),
  );
  await loadBlocks();
}
