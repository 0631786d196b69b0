// One demand as a row of fields, shared by the 诉求 tab and the case form: what she asks for, how much, when she
// asked, the end of a period the company agreed to (a promised refund date), and — only if she ticks it — that the
// company has still not performed it, dated the day she confirmed it.
import { h } from "../dom";
import { t } from "../i18n";
import { DEMAND_KINDS, type DemandKind } from "../ipc";
import { shanghaiToday, type DemandValues } from "../caseForm";
import { selectField, textField } from "./fields";

export function demandRow(i: number, d: DemandValues, remove: HTMLElement): HTMLElement {
  const confirmId = `demand-${i}-unperformed-${Math.random().toString(36).slice(2, 8)}`;
  return h(
    "div",
    { class: "demand-row", "data-demand": i },
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
      textField(`demands[${i}].made_on`, t("demand.made_on"), d.made_on, { type: "date", hint: t("demand.made_on_hint") }),
      textField(`demands[${i}].due_by`, t("demand.due_by"), d.due_by, { type: "date", hint: t("demand.due_by_hint") }),
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
    return {
      kind: get("].kind") as DemandKind,
      amount: get("].amount"),
      text: get("].text"),
      made_on: get("].made_on"),
      due_by: get("].due_by"),
      unperformed_confirmed_on: confirmed,
    };
  });
}
