// One demand as a row of fields, shared by the 诉求 tab and the case form: what she asks for, how much, when she
// asked, the end of a period the company agreed to (a promised refund date), and — only if she ticks it — that the
// company has still not performed it, dated the day she confirmed it.
import { h } from "../dom";
import { t } from "../i18n";
import { DEMAND_KINDS, type DemandKind, type Interaction } from "../ipc";
import { shanghaiToday, type DemandValues } from "../caseForm";
import { dateField, selectField, textField } from "./fields";

/** The contact a demand was made in: one of the case's contacts, by its time. Choosing one fills in its day. */
function madeInField(i: number, d: DemandValues, contacts: readonly Interaction[]): HTMLElement | null {
  if (contacts.length === 0) return null;
  const id = `demand-${i}-made-in-${Math.random().toString(36).slice(2, 8)}`;
  const select = h(
    "select",
    { id, name: `demands[${i}].made_in`, "data-path": `demands[${i}].made_in` },
    h("option", { value: "", selected: d.made_in === "" }, t("common.not_sure")),
    contacts.map((c, n) =>
      h(
        "option",
        { value: c.occurred_at, selected: c.occurred_at === d.made_in },
        t("demand.made_in_option", { n: n + 1, time: c.occurred_at.replace("T", " ").slice(0, 16) }),
      ),
    ),
  );
  select.addEventListener("change", () => {
    const day = select.closest(".demand-row")?.querySelector<HTMLInputElement>('[data-path$="].made_on"]');
    if (day && select.value !== "") day.value = select.value.slice(0, 10);
  });
  return h("div", { class: "field" }, h("label", { for: id }, t("demand.made_in")), select);
}

export function demandRow(
  i: number,
  d: DemandValues,
  remove: HTMLElement,
  contacts: readonly Interaction[] = [],
): HTMLElement {
  const confirmId = `demand-${i}-unperformed-${Math.random().toString(36).slice(2, 8)}`;
  return h(
    "div",
    { class: "demand-row", "data-demand": i, "data-demand-id": d.id === null ? "" : String(d.id) },
    h(
      "div",
      { class: "row" },
      selectField(`demands[${i}].kind`, t("demand.kind"), DEMAND_KINDS, (k) => `demand.${k}`, d.kind),
      textField(`demands[${i}].amount`, t("demand.amount"), d.amount, { inputmode: "decimal" }),
      textField(`demands[${i}].text`, t("demand.text"), d.text),
    ),
    h(
      "div",
      { class: "row" },
      madeInField(i, d, contacts),
      dateField(`demands[${i}].made_on`, t("demand.made_on"), d.made_on, { hint: t("demand.made_on_hint") }),
      dateField(`demands[${i}].due_by`, t("demand.due_by"), d.due_by, { hint: t("demand.due_by_hint"), future: true }),
    ),
    h(
      "div",
      { class: "field check" },
      h("input", {
        id: confirmId,
        type: "checkbox",
        name: `demands[${i}].unperformed`,
        "data-path": `demands[${i}].unperformed_confirmed_on`,
        "data-confirmed-on": d.unperformed_confirmed_on,
        checked: d.unperformed_confirmed_on !== "",
      }),
      h(
        "label",
        { for: confirmId },
        d.unperformed_confirmed_on !== ""
          ? t("demand.unperformed_on", { date: d.unperformed_confirmed_on })
          : t("demand.unperformed"),
      ),
    ),
    remove,
  );
}

/** Reads the rows in screen order (their data-path indexes may be stale after a removal). */
export function readDemandRows(root: HTMLElement): DemandValues[] {
  return [...root.querySelectorAll<HTMLElement>(".demand-row")].map((row) => {
    const get = (suffix: string) =>
      row.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-path$="${suffix}"]`)?.value ?? "";
    const confirm = row.querySelector<HTMLInputElement>('[data-path$="].unperformed_confirmed_on"]');
    const confirmed = confirm?.checked ? confirm.dataset["confirmedOn"] || shanghaiToday() : "";
    const id = Number(row.dataset["demandId"] || "NaN");
    return {
      id: Number.isInteger(id) ? id : null,
      kind: get("].kind") as DemandKind,
      amount: get("].amount"),
      text: get("].text"),
      made_on: get("].made_on"),
      made_in: get("].made_in"),
      due_by: get("].due_by"),
      unperformed_confirmed_on: confirmed,
    };
  });
}
