// Edit a case's own facts: parties, purchase, demands. Every change is saved as soon as it is valid (there is no
// save button to forget); a field that is not yet valid is marked and saving waits for it. New cases come from
// the interview.
import { h, clear } from "../dom";
import { t } from "../i18n";
import {
  api,
  CASE_STATUSES,
  DEMAND_KINDS,
  INDUSTRIES,
  PARALLEL_PROCEEDINGS,
  type CaseData,
  type CaseId,
  type CaseStatus,
  type DemandKind,
  type Industry,
  type ParallelProceeding,
} from "../ipc";
import { caseFormFrom, caseFromForm, shanghaiToday, type CaseFormValues, type DemandValues } from "../caseForm";
import { navigate, onLeave } from "../router";
import { banner, clearErrorOnEdit, clearFieldErrors, fromIpcError, showFieldErrors } from "./errors";
import { checkboxField, checkedOf, selectField, textField, valueOf } from "./fields";

function demandRow(list: HTMLElement, i: number, d: DemandValues): HTMLElement {
  const row = h(
    "div",
    { class: "demand-row", "data-demand": i },
    selectField(`demands[${i}].kind`, t("demand.kind"), DEMAND_KINDS, (k) => `demand.${k}`, d.kind),
    textField(`demands[${i}].amount`, t("demand.amount"), d.amount, { inputmode: "decimal" }),
    textField(`demands[${i}].text`, t("demand.text"), d.text),
    h(
      "button",
      {
        type: "button",
        class: "secondary small",
        onclick: () => {
          row.remove();
          renumber(list);
        },
      },
      t("demand.remove"),
    ),
  );
  return row;
}

/** Reads demand rows in screen order (their data-path indexes may be stale after a removal). */
function readDemands(list: HTMLElement): DemandValues[] {
  return [...list.querySelectorAll<HTMLElement>(".demand-row")].map((row) => {
    const get = (suffix: string) =>
      row.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-path$="${suffix}"]`)?.value ?? "";
    return { kind: get("].kind") as DemandKind, amount: get("].amount"), text: get("].text") };
  });
}

function renumber(list: HTMLElement) {
  const values = readDemands(list);
  clear(list);
  values.forEach((d, i) => list.append(demandRow(list, i, d)));
}

function read(form: HTMLElement, demands: HTMLElement): CaseFormValues {
  const v = (p: string) => valueOf(form, p);
  return {
    title: v("title"),
    industry: v("industry") as Industry,
    status: v("status") as CaseStatus,
    complainant: {
      name: v("complainant.name"),
      phone: v("complainant.phone"),
      address: v("complainant.address"),
      id_number: v("complainant.id_number"),
    },
    respondent: {
      name: v("respondent.name"),
      credit_code: v("respondent.credit_code"),
      address: v("respondent.address"),
      platform: v("respondent.platform"),
      shop: v("respondent.shop"),
      url: v("respondent.url"),
      odr: checkedOf(form, "respondent.odr"),
    },
    purchase: {
      item: v("purchase.item"),
      amount: v("purchase.amount"),
      date: v("purchase.date"),
      order_no: v("purchase.order_no"),
      personal_use: checkedOf(form, "purchase.personal_use"),
    },
    demands: readDemands(demands),
    parallel_proceeding: v("parallel_proceeding") as ParallelProceeding | "",
  };
}

export async function renderCaseEdit(main: HTMLElement, id: CaseId, focus?: string) {
  let base: CaseData;
  try {
    base = (await api.getCase(id)).data;
  } catch (e) {
    main.append(banner(fromIpcError(e).banner));
    return;
  }
  const v = caseFormFrom(base);
  const status = h("div", { class: "form-status" });
  const autosaved = h("p", { class: "muted autosave", "aria-live": "polite" });
  const demands = h("div", { class: "demands" });
  v.demands.forEach((d, i) => demands.append(demandRow(demands, i, d)));

  const form = h(
    "form",
    { class: "case-form", novalidate: true, "aria-labelledby": "form-title" },
    h(
      "fieldset",
      {},
      h("legend", {}, t("form.section.case")),
      textField("title", t("field.title"), v.title, { required: true, hint: t("hint.title") }),
      h(
        "div",
        { class: "row" },
        selectField("industry", t("field.industry"), INDUSTRIES, (x) => `industry.${x}`, v.industry),
        selectField("status", t("field.status"), CASE_STATUSES, (x) => `status.${x}`, v.status),
      ),
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, t("form.section.complainant")),
      h("p", { class: "hint" }, t("hint.complainant")),
      h(
        "div",
        { class: "row" },
        textField("complainant.name", t("field.complainant.name"), v.complainant.name, { autocomplete: "name" }),
        textField("complainant.phone", t("field.complainant.phone"), v.complainant.phone, {
          type: "tel",
          autocomplete: "tel",
        }),
      ),
      textField("complainant.address", t("field.complainant.address"), v.complainant.address, {
        autocomplete: "street-address",
      }),
      textField("complainant.id_number", t("field.complainant.id_number"), v.complainant.id_number, {
        hint: t("hint.id_number"),
      }),
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, t("form.section.respondent")),
      textField("respondent.name", t("field.respondent.name"), v.respondent.name, { hint: t("hint.respondent") }),
      textField("respondent.credit_code", t("field.respondent.credit_code"), v.respondent.credit_code, {
        hint: t("hint.credit_code"),
      }),
      textField("respondent.address", t("field.respondent.address"), v.respondent.address),
      h(
        "div",
        { class: "row" },
        textField("respondent.platform", t("field.respondent.platform"), v.respondent.platform),
        textField("respondent.shop", t("field.respondent.shop"), v.respondent.shop),
      ),
      textField("respondent.url", t("field.respondent.url"), v.respondent.url, { type: "url" }),
      checkboxField("respondent.odr", t("field.respondent.odr"), v.respondent.odr),
      h("p", { class: "hint" }, t("hint.odr")),
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, t("form.section.purchase")),
      textField("purchase.item", t("field.purchase.item"), v.purchase.item),
      h(
        "div",
        { class: "row" },
        textField("purchase.amount", t("field.purchase.amount"), v.purchase.amount, {
          inputmode: "decimal",
          hint: t("hint.amount"),
        }),
        textField("purchase.date", t("field.purchase.date"), v.purchase.date, { type: "date" }),
        textField("purchase.order_no", t("field.purchase.order_no"), v.purchase.order_no),
      ),
      checkboxField("purchase.personal_use", t("field.purchase.personal_use"), v.purchase.personal_use),
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, t("form.section.demands")),
      h("p", { class: "hint" }, t("hint.demands")),
      demands,
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          name: "add-demand",
          onclick: () => {
            const i = demands.querySelectorAll(".demand-row").length;
            demands.append(demandRow(demands, i, { kind: "refund", amount: "", text: "" }));
          },
        },
        t("demand.add"),
      ),
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, t("form.section.other")),
      selectField(
        "parallel_proceeding",
        t("field.parallel_proceeding"),
        PARALLEL_PROCEEDINGS,
        (x) => `proceeding.${x}`,
        v.parallel_proceeding,
        t("proceeding.none"),
      ),
      h("p", { class: "hint" }, t("hint.parallel_proceeding")),
    ),
    status,
    h(
      "div",
      { class: "actions sticky" },
      autosaved,
      h("button", { type: "submit", class: "primary", name: "save-case" }, t("action.done")),
    ),
  );

  clearErrorOnEdit(form);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastSaved = JSON.stringify(read(form, demands));
  // Applies the form's fields to the case as it is now in the store (interactions, events and evidence links
  // saved elsewhere meanwhile are kept).
  const autosave = async () => {
    timer = undefined;
    const values = read(form, demands);
    if (JSON.stringify(values) === lastSaved) {
      autosaved.textContent = "";
      return;
    }
    clearFieldErrors(form);
    clear(status);
    try {
      const fresh = (await api.getCase(id)).data;
      const built = caseFromForm(values, fresh, shanghaiToday());
      if (built.data === null) {
        showFieldErrors(form, built.errors, false).forEach((r) => status.append(banner(t(r.key))));
        autosaved.textContent = t("autosave.fix", { n: built.errors.length });
        return;
      }
      await api.updateCase(id, built.data);
      base = built.data;
      lastSaved = JSON.stringify(values);
      autosaved.textContent = t("autosave.saved", { time: new Date().toTimeString().slice(0, 5) });
    } catch (err) {
      const { fields, banner: message } = fromIpcError(err);
      showFieldErrors(form, fields, false);
      status.append(banner(message));
      autosaved.textContent = "";
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    autosaved.textContent = t("autosave.pending");
    timer = setTimeout(() => void autosave(), 600);
  };
  onLeave(() => {
    if (timer === undefined) return;
    clearTimeout(timer);
    void autosave();
  });
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(timer);
    timer = undefined;
    void (async () => {
      clearFieldErrors(form);
      clear(status);
      let fresh: CaseData;
      try {
        fresh = (await api.getCase(id)).data;
      } catch (err) {
        status.append(banner(fromIpcError(err).banner));
        return;
      }
      const built = caseFromForm(read(form, demands), fresh, shanghaiToday());
      if (built.data === null) {
        const rest = showFieldErrors(form, built.errors);
        status.append(banner(t("error.fix_fields", { n: built.errors.length })));
        if (rest.length > 0) status.append(banner(rest.map((r) => t(r.key)).join(" ")));
        return;
      }
      try {
        await api.updateCase(id, built.data);
        navigate({ view: "case", id });
      } catch (err) {
        const { fields, banner: message } = fromIpcError(err);
        showFieldErrors(form, fields);
        status.append(banner(message));
      }
    })();
  });

  main.append(
    h("h1", { id: "form-title" }, t("form.edit_title")),
    h("p", { class: "muted lead" }, t("form.lead")),
    form,
  );
  // Arriving from a pre-check finding: put the cursor in the field to fix.
  const target =
    focus === "demands"
      ? form.querySelector<HTMLElement>('button[name="add-demand"]')
      : form.querySelector<HTMLElement>(`[data-path="${CSS.escape(focus ?? "title")}"]`);
  target?.scrollIntoView({ block: "center" });
  target?.focus();
}
