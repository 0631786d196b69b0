// The 证据 tab: drop or choose files, see what is kept (thumbnail, hashes, both times, the contacts it supports),
// and re-check that nothing changed since import. The wording is honest about what a hash proves.
import { h, clear } from "../dom";
import { t } from "../i18n";
import {
  api,
  onFileDrop,
  type Case,
  type EvidenceMeta,
  type EvidenceView,
  type ImportResult,
  type Interaction,
  type InteractionId,
  type Progress,
} from "../ipc";
import { navigate, onLeave } from "../router";
import { banner, fromIpcError } from "./errors";

function humanSize(n: number): string {
  if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(1)} GiB`;
  if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(1)} MiB`;
  if (n >= 1 << 10) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

function kindIcon(type: string): string {
  if (type.startsWith("image/")) return t("evidence.kind.image");
  if (type.startsWith("audio/")) return t("evidence.kind.audio");
  if (type.startsWith("video/")) return t("evidence.kind.video");
  if (type === "application/pdf") return t("evidence.kind.pdf");
  if (type.startsWith("text/") || type === "message/rfc822") return t("evidence.kind.text");
  return t("evidence.kind.other");
}

/**
 * Which contacts a file supports, changeable on its card: each link can be taken off, and any other contact of the
 * case added (a file picked with others at once was linked to the contact chosen for all of them).
 */
function linkEditor(c: Case, v: EvidenceView, reload: () => Promise<void>): HTMLElement {
  const it = v.item;
  const status = h("span", { class: "link-status", "aria-live": "polite" });
  const change = (interaction: InteractionId, linked: boolean) =>
    void api
      .setEvidenceLink(it.id, interaction, linked)
      .then(reload)
      .catch((e: unknown) => status.replaceChildren(banner(fromIpcError(e).banner)));
  const ordered = inTimeOrder(c);
  const contactLabel = (id: InteractionId) => {
    const n = ordered.findIndex((x) => x.id === id);
    const x = ordered[n];
    return x ? t("evidence.interaction_option", contactParams(n, x)) : String(id);
  };
  const unlinked = ordered.filter((x) => x.id !== undefined && !it.interactions.includes(x.id));
  const add = h(
    "select",
    {
      name: `evidence-${it.id}-link`,
      "aria-label": t("evidence.link_add_label", { name: it.description ?? it.original_name }),
      onchange: (e: Event) => {
        const value = (e.target as HTMLSelectElement).value;
        if (value !== "") change(Number(value), true);
      },
    },
    h("option", { value: "" }, t("evidence.link_add")),
    unlinked.map((x) => h("option", { value: String(x.id) }, contactLabel(x.id!))),
  );
  return h(
    "div",
    { class: "links" },
    h("p", { class: "small" }, it.interactions.length > 0 ? t("evidence.supports_title") : t("evidence.supports_none")),
    h(
      "ul",
      { class: "chips" },
      [...it.interactions]
        .sort((a, b) => ordered.findIndex((x) => x.id === a) - ordered.findIndex((x) => x.id === b))
        .map((id) =>
          h(
            "li",
            { class: "chip link-chip", "data-link": id },
            h(
              "button",
              { type: "button", class: "link", onclick: () => navigate({ view: "case", id: c.id, tab: "timeline" }) },
              contactLabel(id),
            ),
            h(
              "button",
              {
                type: "button",
                class: "link unlink",
                name: "unlink-evidence",
                "aria-label": t("evidence.unlink_label", { contact: contactLabel(id) }),
                onclick: () => change(id, false),
              },
              "×",
            ),
          ),
        ),
    ),
    unlinked.length > 0 ? add : null,
    status,
  );
}

/** The case's contacts in time order, as the time line and the dossier number them (第 n 次沟通). */
const inTimeOrder = (c: Case) =>
  [...c.data.interactions].sort((a, b) => Date.parse(a.occurred_at) - Date.parse(b.occurred_at));

const contactParams = (n: number, it: Interaction) => ({
  n: n + 1,
  date: it.occurred_at.slice(0, 16).replace("T", " "),
  channel: t(`channel.${it.channel}`),
});

function itemCard(c: Case, v: EvidenceView, number: number, reload: () => Promise<void>): HTMLElement {
  const it = v.item;
  return h(
    "li",
    { class: "evidence-item", "data-evidence": it.id },
    h(
      "div",
      { class: "thumb" },
      v.thumbnail
        ? h("img", { src: v.thumbnail, alt: t("evidence.thumb_alt", { name: it.original_name }) })
        : h("span", { class: "kind" }, kindIcon(it.content_type)),
    ),
    h(
      "div",
      { class: "evidence-body" },
      h(
        "p",
        { class: "evidence-title" },
        h("strong", {}, t("evidence.number", { n: number })),
        " ",
        it.description ?? it.original_name,
      ),
      h("p", { class: "muted small" }, `${it.original_name} · ${it.content_type} · ${humanSize(it.size)}`),
      h(
        "dl",
        { class: "facts small" },
        h("dt", {}, t("evidence.imported_at")),
        h("dd", {}, it.imported_at.replace("T", " ").slice(0, 19)),
        h("dt", {}, t("evidence.reported_at")),
        h(
          "dd",
          {},
          it.reported_at
            ? `${it.reported_at.replace("T", " ")}（${it.reported_by ?? ""}）`
            : t("evidence.no_reported_time"),
        ),
        h("dt", {}, "SHA-256"),
        h("dd", { class: "hash" }, it.sha256),
        h("dt", {}, "SM3"),
        h("dd", { class: "hash" }, it.sm3),
      ),
      h("p", { class: "integrity" }, t("evidence.integrity")),
      linkEditor(c, v, reload),
    ),
  );
}

export async function renderEvidencePanel(panel: HTMLElement, c: Case) {
  const status = h("div", { class: "evidence-status", "aria-live": "polite" });
  const meter = h("progress", { class: "progress", max: 1, value: 0, "aria-labelledby": "busy-text" });
  const busyText = h("span", { id: "busy-text", class: "muted small" });
  const bar = h(
    "div",
    { class: "busy", hidden: true },
    meter,
    busyText,
    h(
      "button",
      {
        type: "button",
        class: "secondary small",
        name: "cancel-task",
        onclick: () => void api.cancelTask().catch(() => undefined),
      },
      t("action.stop"),
    ),
  );
  const list = h("ol", { class: "evidence-list" });
  const load = async () => {
    clear(list);
    try {
      const items = await api.listEvidence(c.id);
      if (items.length === 0) list.append(h("li", { class: "empty" }, t("evidence.empty")));
      items.forEach((v, i) => list.append(itemCard(c, v, i + 1, load)));
    } catch (e) {
      list.append(banner(fromIpcError(e).banner));
    }
  };
  const onProgress = (p: Progress) => {
    bar.hidden = p.done >= p.total;
    meter.max = Math.max(p.total, 1);
    meter.value = p.done;
    busyText.textContent = t("evidence.busy", {
      done: p.done,
      total: p.total,
      name: p.name.split(/[\\/]/).pop() ?? "",
    });
  };

  const interactionSelect = h(
    "select",
    { name: "evidence-interaction", id: "evidence-interaction" },
    h("option", { value: "" }, t("evidence.no_interaction")),
    inTimeOrder(c).map((it, i) =>
      it.id === undefined
        ? null
        : h("option", { value: String(it.id) }, t("evidence.interaction_option", contactParams(i, it))),
    ),
  );
  const description = h("input", {
    type: "text",
    name: "evidence-description",
    id: "evidence-description",
    placeholder: t("evidence.description_placeholder"),
  });
  const source = h("input", {
    type: "text",
    name: "evidence-source",
    id: "evidence-source",
    placeholder: t("evidence.source_placeholder"),
  });
  const meta = (): EvidenceMeta => ({
    description: description.value.trim() || null,
    source: source.value.trim() || null,
    interactions: interactionSelect.value === "" ? [] : [Number(interactionSelect.value)],
  });
  const report = (results: ImportResult[]) => {
    clear(status);
    const ok = results.filter((r) => r.outcome);
    const dup = ok.filter((r) => r.outcome?.duplicate).length;
    if (ok.length > 0)
      status.append(
        banner(
          t("evidence.imported", { n: ok.length - dup }) + (dup > 0 ? ` ${t("evidence.duplicates", { n: dup })}` : ""),
          "info",
        ),
      );
    for (const r of results.filter((x) => x.error)) {
      const name = r.file.split(/[\\/]/).pop() ?? r.file;
      const key = `error.code.${r.error!.code}`;
      status.append(
        banner(
          t("evidence.failed", {
            name,
            why: r.error!.code === "invalid_input" ? t("evidence.failed_invalid") : t(key),
          }),
        ),
      );
    }
  };
  const run = async (job: () => Promise<ImportResult[]>) => {
    bar.hidden = false;
    try {
      const results = await job();
      if (results.length > 0) {
        report(results);
        description.value = "";
        await load();
      }
    } catch (e) {
      status.append(banner(fromIpcError(e).banner));
    } finally {
      bar.hidden = true;
    }
  };

  const drop = h(
    "div",
    { class: "dropzone", role: "region", "aria-label": t("evidence.drop") },
    h("p", {}, h("strong", {}, t("evidence.drop"))),
    h("p", { class: "muted small" }, t("evidence.drop_hint")),
    h(
      "button",
      {
        type: "button",
        class: "primary",
        name: "pick-evidence",
        onclick: () => void run(() => api.pickAndImportEvidence(c.id, meta(), onProgress)),
      },
      t("evidence.pick"),
    ),
  );
  const unlisten = await onFileDrop((event) => {
    if (event.kind === "over") drop.classList.add("over");
    else if (event.kind === "leave") drop.classList.remove("over");
    else {
      drop.classList.remove("over");
      const paths = event.paths;
      if (paths.length > 0) void run(() => api.importEvidence(c.id, paths, meta(), onProgress));
    }
  });
  if (unlisten) onLeave(unlisten);

  const verifyResult = h("div", { class: "verify-result", "aria-live": "polite" });
  const verify = h(
    "button",
    {
      type: "button",
      class: "secondary",
      name: "verify-evidence",
      onclick: () =>
        void (async () => {
          clear(verifyResult);
          bar.hidden = false;
          try {
            const r = await api.verifyEvidence(c.id, onProgress);
            if (r.cancelled) verifyResult.append(banner(t("evidence.verify_stopped", { n: r.checked }), "warning"));
            if (r.problems.length === 0 && !r.cancelled)
              verifyResult.append(banner(t("evidence.verify_ok", { n: r.checked }), "info"));
            else if (r.problems.length > 0)
              verifyResult.append(
                banner(t("evidence.verify_bad", { n: r.problems.length }), "error"),
                h(
                  "ul",
                  {},
                  r.problems.map((p) => h("li", {}, `${t(`vault.${p.kind}`)}：${p.items.join("、") || p.path}`)),
                ),
              );
          } catch (e) {
            verifyResult.append(banner(fromIpcError(e).banner));
          } finally {
            bar.hidden = true;
          }
        })(),
    },
    t("evidence.verify"),
  );

  panel.append(
    h(
      "section",
      { class: "card evidence-add" },
      h("h2", {}, t("evidence.add_title")),
      h(
        "div",
        { class: "row" },
        h(
          "div",
          { class: "field" },
          h("label", { for: "evidence-interaction" }, t("evidence.for_interaction")),
          interactionSelect,
        ),
        h(
          "div",
          { class: "field" },
          h("label", { for: "evidence-description" }, t("evidence.description")),
          description,
        ),
        h("div", { class: "field" }, h("label", { for: "evidence-source" }, t("evidence.source")), source),
      ),
      drop,
      bar,
      status,
    ),
    h(
      "section",
      { class: "evidence-kept" },
      h("div", { class: "list-head" }, h("h2", {}, t("evidence.kept")), verify),
      verifyResult,
      list,
    ),
    h(
      "section",
      { class: "card advice-card" },
      h("h3", {}, t("evidence.honesty_title")),
      h("p", {}, t("evidence.honesty")),
      h("p", {}, t("evidence.volatile")),
    ),
  );
  await load();
}
