// Labelled form fields. Each input carries data-path (the CaseData path it edits) so errors find their field.
import { shanghaiToday } from "../caseForm";
import { joinDateTime, normaliseDate, normaliseTime, splitDateTime } from "../dates";
import { clear, h } from "../dom";
import { t } from "../i18n";
import { showFieldErrors } from "./errors";

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

export interface DateOpts {
  hint?: string;
  required?: boolean;
  /** A deadline: a day after today is taken (every other date records something that happened). */
  future?: boolean;
}

/** Sets a field as if she had typed it, so drafts, autosave and error clearing all see the change. */
function setTyped(input: HTMLInputElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new Event("change", { bubbles: true }));
}

/** Replaces a field's own error (if any) with `key`'s message, or just removes it when `key` is null. */
function markField(input: HTMLInputElement, key: string | null) {
  const field = input.closest<HTMLElement>(".field");
  if (!field) return;
  const path = input.dataset.path ?? "";
  field.querySelector(`#err-${path.replace(/[^a-z0-9]/gi, "-")}`)?.remove();
  input.removeAttribute("aria-invalid");
  if (key !== null) showFieldErrors(field, [{ path, key }], false);
}

/** On leaving a date field: what she typed, written back year-first, or the reason it cannot be taken, in place. */
function tidyDate(input: HTMLInputElement, future: boolean) {
  const r = normaliseDate(input.value, shanghaiToday(), { future });
  if (typeof r === "string" && r !== input.value) setTyped(input, r);
  markField(input, r !== null && typeof r === "object" ? r.problem : null);
}

function tidyTime(input: HTMLInputElement) {
  const r = normaliseTime(input.value);
  if (typeof r === "string" && r !== input.value) setTyped(input, r);
  markField(input, r !== null && typeof r === "object" ? r.problem : null);
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A month of days to pick from, Monday first; days after today are not offered unless the field is a deadline. */
function calendar(input: HTMLInputElement, future: boolean, close: () => void): HTMLElement {
  const today = shanghaiToday();
  const start = normaliseDate(input.value, today, { future: true });
  const shown = (typeof start === "string" ? start : today).split("-").map(Number);
  let year = shown[0] ?? 2026;
  let month = shown[1] ?? 1;
  const box = h("div", { class: "calendar", role: "group", "aria-label": t("date.pick") });
  const draw = () => {
    clear(box);
    const first = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const go = (delta: number) => () => {
      month += delta;
      if (month === 0) [year, month] = [year - 1, 12];
      if (month === 13) [year, month] = [year + 1, 1];
      draw();
    };
    box.append(
      h(
        "div",
        { class: "calendar-head" },
        h(
          "button",
          { type: "button", class: "secondary small", "aria-label": t("date.prev_month"), onclick: go(-1) },
          "‹",
        ),
        h("span", { "aria-live": "polite" }, t("date.month", { year, month })),
        h(
          "button",
          { type: "button", class: "secondary small", "aria-label": t("date.next_month"), onclick: go(1) },
          "›",
        ),
      ),
      h(
        "div",
        { class: "calendar-days" },
        t("date.weekdays")
          .split(",")
          .map((d) => h("span", { class: "weekday", "aria-hidden": "true" }, d)),
        Array.from({ length: first }, () => h("span", {})),
        Array.from({ length: days }, (_, i) => {
          const date = `${year}-${pad(month)}-${pad(i + 1)}`;
          return h(
            "button",
            {
              type: "button",
              class: date === input.value ? "day chosen" : "day",
              "data-date": date,
              disabled: (!future && date > today) || year < 2000,
              onclick: () => {
                setTyped(input, date);
                markField(input, null);
                close();
                input.focus();
              },
            },
            String(i + 1),
          );
        }),
      ),
    );
  };
  draw();
  box.addEventListener("keydown", (e) => {
    if (e.key === "Escape") {
      e.stopPropagation();
      close();
      input.focus();
    }
  });
  return box;
}

function dateInput(id: string, path: string, value: string, o: DateOpts, describedBy: string): HTMLInputElement {
  const future = o.future ?? false;
  const input = h("input", {
    id,
    name: path,
    "data-path": path,
    "data-kind": "date",
    type: "text",
    inputmode: "numeric",
    autocomplete: "off",
    placeholder: t("date.placeholder"),
    "aria-describedby": describedBy,
    required: o.required,
    value,
  });
  input.addEventListener("blur", () => tidyDate(input, future));
  return input;
}

/** The buttons beside a date: 今天 (and 昨天 for a contact), and a month to pick from. */
function dateButtons(input: HTMLInputElement, path: string, future: boolean, yesterday: boolean): HTMLElement[] {
  const slot = h("div", { class: "calendar-slot" });
  const pick = h(
    "button",
    { type: "button", class: "secondary small", name: `${path}-pick`, "aria-expanded": "false" },
    t("date.pick"),
  );
  const close = () => {
    clear(slot);
    pick.setAttribute("aria-expanded", "false");
  };
  pick.addEventListener("click", () => {
    if (slot.firstChild) return close();
    slot.append(calendar(input, future, close));
    pick.setAttribute("aria-expanded", "true");
    slot.querySelector<HTMLButtonElement>("button.day.chosen, button.day:not([disabled])")?.focus();
  });
  const day = (name: string, label: string, offsetDays: number) =>
    h(
      "button",
      {
        type: "button",
        class: "secondary small",
        name: `${path}-${name}`,
        onclick: () => {
          const d = new Date(Date.now() - offsetDays * 86_400_000);
          setTyped(input, shanghaiToday(d));
          markField(input, null);
        },
      },
      label,
    );
  return [
    h(
      "div",
      { class: "date-buttons" },
      day("today", t("date.today"), 0),
      yesterday ? day("yesterday", t("date.yesterday"), 1) : null,
      pick,
    ),
    slot,
  ];
}

/**
 * A date, typed year-first (any of the forms `normaliseDate` takes, tidied when she leaves the field) or picked;
 * refused in place when it is not a day, before 2000, or — unless `future` — after today.
 */
export function dateField(path: string, label: string, value: string, o: DateOpts = {}): HTMLElement {
  const id = nextId(path);
  const hintId = `${id}-hint`;
  const input = dateInput(id, path, value, o, hintId);
  return h(
    "div",
    { class: "field date" },
    h("label", { for: id }, label, o.required ? h("span", { class: "req", "aria-hidden": "true" }, " *") : null),
    h("div", { class: "date-line" }, input, dateButtons(input, path, o.future ?? false, false)),
    h("p", { class: "hint", id: hintId }, o.hint ? `${t("date.format")} ${o.hint}` : t("date.format")),
  );
}

/**
 * When a contact happened: the day (asked, never assumed: 今天 and 昨天 are offered as choices) and the time as the
 * chat or call log shows it. Read back with `dateTimeOf`; the time's errors are on `${path}.time`.
 */
export function dateTimeField(path: string, value: string, hint: string): HTMLElement {
  const { date, time } = splitDateTime(value);
  const id = nextId(path);
  const timeId = nextId(`${path}.time`);
  const hintId = `${id}-hint`;
  const input = dateInput(id, path, date, { required: true }, hintId);
  const timeInput = h("input", {
    id: timeId,
    name: `${path}.time`,
    "data-path": `${path}.time`,
    type: "text",
    inputmode: "numeric",
    autocomplete: "off",
    placeholder: t("time.placeholder"),
    "aria-describedby": `${timeId}-hint`,
    required: true,
    value: time,
  });
  timeInput.addEventListener("blur", () => tidyTime(timeInput));
  return h(
    "div",
    { class: "row when" },
    h(
      "div",
      { class: "field date" },
      h("label", { for: id }, t("interaction.when_day"), h("span", { class: "req", "aria-hidden": "true" }, " *")),
      h("div", { class: "date-line" }, input, dateButtons(input, path, false, true)),
      h("p", { class: "hint", id: hintId }, t("date.format")),
    ),
    h(
      "div",
      { class: "field time" },
      h("label", { for: timeId }, t("interaction.when_time"), h("span", { class: "req", "aria-hidden": "true" }, " *")),
      timeInput,
      h("p", { class: "hint", id: `${timeId}-hint` }, hint),
    ),
  );
}

/** What a `dateTimeField` holds, as typed: `date` + "T" + `time` (checked by `normaliseDateTime`). */
export function dateTimeOf(root: HTMLElement, path: string): string {
  return joinDateTime(valueOf(root, path), valueOf(root, `${path}.time`));
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
