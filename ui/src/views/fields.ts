// Labelled form fields. Each input carries data-path (the CaseData path it edits) so errors find their field.
import { h } from "../dom";
import { t } from "../i18n";

let counter = 0;
const nextId = (path: string) => `f-${path.replace(/[^a-z0-9]/gi, "-")}-${++counter}`;

export interface TextOpts {
  type?: string;
  hint?: string;
  multiline?: boolean;
  required?: boolean;
  inputmode?: string;
  autocomplete?: string;
}

export function textField(path: string, label: string, value: string, o: TextOpts = {}): HTMLElement {
  const id = nextId(path);
  const hintId = o.hint ? `${id}-hint` : undefined;
  const common = {
    id,
    name: path,
    "data-path": path,
    "aria-describedby": hintId,
    required: o.required,
    autocomplete: o.autocomplete ?? "off",
  };
  const input = o.multiline
    ? h("textarea", { ...common, rows: 4 }, value)
    : h("input", { ...common, type: o.type ?? "text", value, inputmode: o.inputmode });
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label, o.required ? h("span", { class: "req", "aria-hidden": "true" }, " *") : null),
    input,
    o.hint ? h("p", { class: "hint", id: hintId }, o.hint) : null,
  );
}

export function selectField<T extends string>(
  path: string,
  label: string,
  values: readonly T[],
  labelKey: (v: T) => string,
  value: T | "",
  empty?: string,
): HTMLElement {
  const id = nextId(path);
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    h(
      "select",
      { id, name: path, "data-path": path },
      empty !== undefined ? h("option", { value: "", selected: value === "" }, empty) : null,
      values.map((v) => h("option", { value: v, selected: v === value }, t(labelKey(v)))),
    ),
  );
}

export function checkboxField(path: string, label: string, checked: boolean): HTMLElement {
  const id = nextId(path);
  return h(
    "div",
    { class: "field check" },
    h("input", { id, type: "checkbox", name: path, "data-path": path, checked }),
    h("label", { for: id }, label),
  );
}

export function valueOf(root: HTMLElement, path: string): string {
  const el = root.querySelector<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
    `[data-path="${CSS.escape(path)}"]`,
  );
  return el ? el.value : "";
}

export function checkedOf(root: HTMLElement, path: string): boolean {
  return root.querySelector<HTMLInputElement>(`[data-path="${CSS.escape(path)}"]`)?.checked ?? false;
}

const YES_NO = ["yes", "no"] as const;

/**
 * 这句话是在您下单前说的吗？它影响了您的购买决定吗？ — asked for a false or concealing statement (fraud damages need
 * deception before the purchase). Shown only while one of those problems is ticked in the same form.
 */
export function beforePurchaseField(path: string, value: "" | "yes" | "no", problems: readonly string[]): HTMLElement {
  const wrap = h(
    "div",
    { class: "before-purchase", hidden: !problems.some((p) => p === "false_information" || p === "concealment") },
    selectField(
      path,
      t("interaction.before_purchase"),
      YES_NO,
      (x) => `interaction.before_purchase.${x}`,
      value,
      t("common.not_sure"),
    ),
    h("p", { class: "hint" }, t("hint.before_purchase")),
  );
  // Follows the problem boxes of the form it ends up in.
  queueMicrotask(() => {
    const form = wrap.closest("form");
    form?.addEventListener("change", () => {
      const ticked = [...form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]:checked')].map((i) => i.value);
      wrap.hidden = !ticked.some((p) => p === "false_information" || p === "concealment");
    });
  });
  return wrap;
}
