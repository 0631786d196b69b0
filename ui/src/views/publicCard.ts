// 公开版: the case for 黑猫投诉 or social media. Before anything is written she sees every masked value beside its
// original, can leave any of them unmasked or mask more, and reads the text as it will be posted. Image evidence is
// left out (faces and QR codes cannot be masked here), and she is told so.
import { h, clear } from "../dom";
import { t } from "../i18n";
import { api, type Case, type Honorific, type PublicOptions, type PublicPreview } from "../ipc";
import { banner, fromIpcError } from "./errors";

export function publicCard(c: Case): HTMLElement {
  const options: PublicOptions = { honorific: "unstated", unmask: [], extra: [] };
  const preview = h("div", { class: "public-preview", "aria-live": "polite" });
  const status = h("div", { class: "export-status", "aria-live": "polite" });
  const honorific = h(
    "select",
    {
      name: "public-honorific",
      onchange: (e: Event) => {
        options.honorific = (e.target as HTMLSelectElement).value as Honorific;
        void show();
      },
    },
    (["unstated", "ms", "mr"] as const).map((v) => h("option", { value: v }, t(`public.honorific.${v}`))),
  );
  const extra = h("input", { type: "text", name: "public-extra", placeholder: t("public.extra_placeholder") });
  const addExtra = () => {
    const v = extra.value.trim();
    if (v.length >= 2 && !options.extra.includes(v)) options.extra.push(v);
    extra.value = "";
    void show();
  };
  const table = (p: PublicPreview) =>
    h(
      "table",
      { class: "masks" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", {}, t("public.col_mask")),
          h("th", {}, t("public.col_what")),
          h("th", {}, t("public.col_original")),
          h("th", {}, t("public.col_public")),
        ),
      ),
      h(
        "tbody",
        {},
        p.masks.map((m) =>
          h(
            "tr",
            { "data-mask": m.key, class: m.applied ? "applied" : "unmasked" },
            h(
              "td",
              {},
              h("input", {
                type: "checkbox",
                name: `mask-${m.key}`,
                checked: m.applied,
                "aria-label": t("public.mask_label", { what: m.label }),
                onchange: (e: Event) => {
                  const on = (e.target as HTMLInputElement).checked;
                  options.unmask = options.unmask.filter((k) => k !== m.key);
                  if (!on) options.unmask.push(m.key);
                  void show();
                },
              }),
            ),
            h("td", {}, m.label),
            h("td", { class: "original" }, m.original),
            h("td", { class: "masked" }, m.applied ? m.masked : m.original),
          ),
        ),
      ),
    );
  const show = async () => {
    clear(preview);
    try {
      const p = await api.publicPreview(c.id, options);
      preview.append(
        p.masks.length === 0 ? h("p", { class: "muted" }, t("public.nothing_to_mask")) : table(p),
        p.images_left_out > 0 ? banner(t("public.images_left_out", { n: p.images_left_out }), "warning") : "",
        h("h3", {}, t("public.text_title")),
        h("pre", { class: "filing-text public-text" }, p.text),
      );
    } catch (e) {
      preview.append(banner(fromIpcError(e).banner));
    }
  };
  const write = async () => {
    clear(status);
    try {
      const r = await api.exportPublic(c.id, options);
      if (r) status.append(banner(t("public.saved", { path: r.path }), "info"));
    } catch (e) {
      status.append(banner(fromIpcError(e).banner));
    }
  };
  return h(
    "section",
    { class: "card export-card public-card" },
    h("h2", {}, t("public.title")),
    h("p", { class: "muted" }, t("public.lead")),
    h("label", { class: "field" }, h("span", {}, t("public.honorific_label")), honorific),
    h(
      "div",
      { class: "actions left" },
      h(
        "button",
        { type: "button", class: "secondary", name: "public-preview", onclick: () => void show() },
        t("public.preview"),
      ),
    ),
    preview,
    h(
      "div",
      { class: "actions left" },
      extra,
      h(
        "button",
        { type: "button", class: "secondary small", name: "public-add-mask", onclick: addExtra },
        t("public.add_mask"),
      ),
      h(
        "button",
        { type: "button", class: "primary", name: "export-public", onclick: () => void write() },
        t("public.export"),
      ),
    ),
    status,
  );
}
