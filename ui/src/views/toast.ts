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
  // A failed delete is said until she closes it (or for half a minute), then it gets out of the way.
  onCommitError((e) => {
    const toast = h(
      "div",
      { class: "toast error", role: "alert" },
      h("span", {}, t("undo.failed", { why: fromIpcError(e).banner })),
      h(
        "button",
        { type: "button", class: "link", name: "close-toast", onclick: () => toast.remove() },
        t("action.close"),
      ),
    );
    region.append(toast);
    setTimeout(() => toast.remove(), 30_000);
  });
  return region;
}
