// A tiny element builder: enough structure for a few screens without a framework to learn or update.
type Child = Node | string | null | undefined | false;
type Attr = string | boolean | number | EventListener | undefined;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, Attr> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, "");
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

export function clear(el: Element) {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** Asks a yes/no question in the page (native dialogs are not reliable in every webview). */
export function confirmDialog(message: string, yes: string, no: string): Promise<boolean> {
  return new Promise((resolve) => {
    const dialog = h("dialog", { class: "confirm", "aria-modal": "true", role: "alertdialog" });
    const done = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    const noButton = h("button", { type: "button", class: "secondary", onclick: () => done(false) }, no);
    dialog.append(
      h("p", {}, message),
      h(
        "div",
        { class: "actions" },
        noButton,
        h("button", { type: "button", class: "danger", name: "confirm-yes", onclick: () => done(true) }, yes),
      ),
    );
    dialog.addEventListener("cancel", () => done(false));
    document.body.append(dialog);
    dialog.showModal();
    noButton.focus();
  });
}
