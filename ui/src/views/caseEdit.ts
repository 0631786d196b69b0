// Edit a case's own facts: parties, purchase, demands. Every change is saved as soon as it is valid (there is no
// save button to forget); a field that is not yet valid is marked and saving waits for it. New cases come from
// the interview.
import { h, clear } from "../dom";
import { t } from "../i18n";
import {
  api,
  CASE_STATUSES,
  INDUSTRIES,
  PARALLEL_PROCEEDINGS,
  SUPPLY_KINDS,
  type CaseData,
  type CaseId,
  type CaseStatus,
  type Industry,
  type Interaction,
  type ParallelProceeding,
  type SupplyKind,
} from "../ipc";
import {
  caseFormFrom,
  FACT_DATES,
  caseFromForm,
  detailsOf,
  newDemandValues,
  shanghaiToday,
  type CaseFormValues,
  type DemandValues,
  type FactValues,
} from "../caseForm";
import { demandRow, readDemandRows } from "./demandRow";
import { navigate, onLeave } from "../router";
import { autosave } from "../autosave";
import { banner, clearErrorOnEdit, clearFieldErrors, fromIpcError, showFieldErrors } from "./errors";
import { checkboxField, checkedOf, dateField, selectField, textField, valueOf } from "./fields";

const PLATFORM_ANSWERS = ["platform", "merchant"] as const;

function row(list: HTMLElement, i: number, d: DemandValues, contacts: readonly Interaction[]): HTMLElement {
  const remove = h(
    "button",
    {
      type: "button",
      class: "secondary small",
      onclick: () => {
        remove.closest(".demand-row")?.remove();
        renumber(list, contacts);
      },
    },
    t("demand.remove"),
  );
  return demandRow(i, d, remove, contacts);
}

function renumber(list: HTMLElement, contacts: readonly Interaction[]) {
  const values = readDemandRows(list);
  clear(list);
  values.forEach((d, i) => list.append(row(list, i, d, contacts)));
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
    demands: readDemandRows(demands),
    parallel_proceeding: v("parallel_proceeding") as ParallelProceeding | "",
    facts: {
      supply: v("facts.supply") as SupplyKind | "",
      respondent_is_platform: v("facts.respondent_is_platform") as FactValues["respondent_is_platform"],
      quality_defect: checkedOf(form, "facts.quality_defect"),
      food_unsafe: checkedOf(form, "facts.food_unsafe"),
      leak_suspected: checkedOf(form, "facts.leak_suspected"),
      deposit: checkedOf(form, "facts.deposit"),
      marketing_contact: checkedOf(form, "facts.marketing_contact"),
      problem_noticed_on: v("facts.problem_noticed_on"),
      goods_received_on: v("facts.goods_received_on"),
      return_requested_on: v("facts.return_requested_on"),
    },
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
  v.demands.forEach((d, i) => demands.append(row(demands, i, d, base.interactions)));

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
        dateField("purchase.date", t("field.purchase.date"), v.purchase.date),
        textField("purchase.order_no", t("field.purchase.order_no"), v.purchase.order_no),
      ),
      checkboxField("purchase.personal_use", t("field.purchase.personal_use"), v.purchase.personal_use),
    ),
    h(
      "fieldset",
      { "data-section": "facts" },
      h("legend", {}, t("form.section.facts")),
      h("p", { class: "hint" }, t("hint.facts")),
      h(
        "div",
        { class: "row" },
        selectField(
          "facts.supply",
          t("facts.supply"),
          SUPPLY_KINDS,
          (x) => `supply.${x}`,
          v.facts.supply,
          t("common.not_sure"),
        ),
        selectField(
          "facts.respondent_is_platform",
          t("facts.platform"),
          PLATFORM_ANSWERS,
          (x) => `facts.platform.${x}`,
          v.facts.respondent_is_platform,
          t("common.not_sure"),
        ),
      ),
      checkboxField("facts.quality_defect", t("facts.quality_defect"), v.facts.quality_defect),
      checkboxField("facts.food_unsafe", t("facts.food_unsafe"), v.facts.food_unsafe),
      checkboxField("facts.leak_suspected", t("facts.leak_suspected"), v.facts.leak_suspected),
      checkboxField("facts.deposit", t("facts.deposit"), v.facts.deposit),
      checkboxField("facts.marketing_contact", t("facts.marketing_contact"), v.facts.marketing_contact),
      h(
        "div",
        { class: "row" },
        FACT_DATES.map((key) =>
          dateField(`facts.${key}`, t(`facts.${key}`), v.facts[key], { hint: t(`facts.${key}.hint`) }),
        ),
      ),
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
            demands.append(row(demands, i, newDemandValues(), base.interactions));
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
  // Applies the form's fields to the case as it is now in the store (interactions, events and evidence links
  // saved elsewhere meanwhile are kept).
  const saver = autosave({
    read: () => read(form, demands),
    status: autosaved,
    onLeave,
    save: async (values) => {
      clearFieldErrors(form);
      clear(status);
      try {
        const built = caseFromForm(values, base, shanghaiToday());
        if (built.data === null) {
          showFieldErrors(form, built.errors, false).forEach((r) => status.append(banner(t(r.key))));
          autosaved.textContent = t("autosave.fix", { n: built.errors.length });
          return false;
        }
        // Only the form's fields, applied in the core onto the case as it is now.
        await api.updateDetails(id, detailsOf(built.data));
        base = built.data;
        return true;
      } catch (err) {
        const { fields, banner: message } = fromIpcError(err);
        showFieldErrors(form, fields, false);
        status.append(banner(message));
        autosaved.textContent = "";
        return false;
      }
    },
  });
  const schedule = () => saver.schedule();
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    saver.cancel();
    void (async () => {
      clearFieldErrors(form);
      clear(status);
      const built = caseFromForm(read(form, demands), base, shanghaiToday());
      if (built.data === null) {
        const rest = showFieldErrors(form, built.errors);
        status.append(banner(t("error.fix_fields", { n: built.errors.length })));
        if (rest.length > 0) status.append(banner(rest.map((r) => t(r.key)).join(" ")));
        return;
      }
      try {
        await api.updateDetails(id, detailsOf(built.data));
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
