// The undo bar: one line per pending delete with a 撤销 button, at the bottom of the window, announced politely.
import { h, clear } from "../dom";
import { t } from "../i18n";
import { onCommitError, subscribe, undo } from "../stores/undo";
import { fromIpcError } from "./errors";

export function mountToasts(): HTMLElement {
  const region = h("div", { class: "toasts", role: "status", "aria-live": "polite" });
  const draw = (list: { id: number; label: string }[]) => {
    clear(region);
    for (const p of list) {
      region.append(
        h(
          "div",
          { class: "toast", "data-toast": p.id },
          h("span", {}, t("undo.deleted", { what: p.label })),
          h("button", { type: "button", class: "link", name: "undo", onclick: () => undo(p.id) }, t("undo.undo")),
        ),
      );
    }
  };
  subscribe(draw);
  onCommitError((e) => {
    region.append(h("div", { class: "toast error", role: "alert" }, t("undo.failed", { why: fromIpcError(e).banner })));
  });
  return region;
}
