// The new-case interview on screen: one question per screen, a progress bar, back and forward that keep every
// answer, and a draft saved in the core as she types, so closing the window mid-way loses nothing.
import { h, clear } from "../dom";
import { t } from "../i18n";
import {
  api,
  CHANNELS,
  DEMAND_KINDS,
  INDUSTRIES,
  PROBLEM_KINDS,
  SUPPLY_KINDS,
  type Channel,
  type DemandKind,
  type Industry,
  type ProblemKind,
  type SupplyKind,
} from "../ipc";
import {
  firstIncomplete,
  goBack,
  goNext,
  goTo,
  interviewToCase,
  progressOf,
  restoreInterview,
  startInterview,
  stepId,
  STEPS,
  type InterviewState,
  type InterviewValues,
  type StepId,
} from "../interview";
import { normaliseAmount } from "../caseForm";
import { normaliseDate } from "../dates";
import { navigate } from "../router";
import { discardDraft, loadDraft, saveDraft } from "../stores/drafts";
import {
  banner,
  clearErrorOnEdit,
  clearFieldErrors,
  fromIpcError,
  showFieldErrors,
  showFieldQuestions,
} from "./errors";
import {
  beforePurchaseField,
  checkboxField,
  checkedOf,
  dateField,
  dateTimeField,
  dateTimeOf,
  selectField,
  textField,
  valueOf,
} from "./fields";

export const INTERVIEW_DRAFT = "interview.new";

const PLATFORM_ANSWERS = ["platform", "merchant"] as const;

function chips<T extends string>(
  name: string,
  legend: string,
  values: readonly T[],
  label: (v: T) => string,
  chosen: readonly T[],
) {
  return h(
    "fieldset",
    { class: "problems", "data-path": name },
    h("legend", {}, legend),
    values.map((v) =>
      h(
        "label",
        { class: "check-chip" },
        h("input", { type: "checkbox", name, value: v, checked: chosen.includes(v) }),
        h("span", {}, t(label(v))),
      ),
    ),
  );
}

function checked<T extends string>(form: HTMLElement, name: string): T[] {
  return [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value as T);
}

function question(step: StepId): HTMLElement {
  return h(
    "div",
    {},
    h("h1", { id: "interview-question", class: "question" }, t(`interview.${step}.question`)),
    h("p", { class: "muted lead" }, t(`interview.${step}.lead`)),
  );
}

/** The inputs of one step, filled with the current answers. */
function stepBody(step: StepId, v: InterviewValues, jump: (s: StepId) => void): HTMLElement[] {
  switch (step) {
    case "company":
      return [
        textField("respondent.name", t("field.respondent.name"), v.respondent.name, {
          hint: t("interview.company.name_hint"),
        }),
        h(
          "div",
          { class: "row" },
          textField("respondent.platform", t("field.respondent.platform"), v.respondent.platform),
          textField("respondent.shop", t("field.respondent.shop"), v.respondent.shop),
        ),
        textField("respondent.address", t("field.respondent.address"), v.respondent.address, {
          hint: t("interview.company.address_hint"),
        }),
        textField("respondent.credit_code", t("field.respondent.credit_code"), v.respondent.credit_code, {
          hint: t("interview.company.credit_code_hint"),
        }),
        checkboxField("respondent.odr", t("field.respondent.odr"), v.respondent.odr),
        h("p", { class: "hint" }, t("hint.odr")),
        selectField(
          "respondent.is_platform",
          t("facts.platform"),
          PLATFORM_ANSWERS,
          (x) => `facts.platform.${x}`,
          v.respondent.is_platform,
          t("common.not_sure"),
        ),
        h("p", { class: "hint" }, t("hint.platform")),
      ];
    case "industry":
      return [
        h(
          "fieldset",
          { class: "choice-list", "data-path": "industry" },
          h("legend", { class: "visually-hidden" }, t("field.industry")),
          INDUSTRIES.map((i) =>
            h(
              "label",
              { class: "choice" },
              h("input", { type: "radio", name: "industry", value: i, checked: v.industry === i }),
              h(
                "span",
                {},
                h("strong", {}, t(`industry.${i}`)),
                h("span", { class: "muted small" }, t(`interview.industry.${i}`)),
              ),
            ),
          ),
        ),
      ];
    case "purchase":
      return [
        textField("purchase.item", t("field.purchase.item"), v.purchase.item),
        h(
          "div",
          { class: "row" },
          textField("purchase.amount", t("field.purchase.amount"), v.purchase.amount, {
            inputmode: "decimal",
            hint: t("hint.amount"),
          }),
          dateField("purchase.date", t("field.purchase.date"), v.purchase.date),
        ),
        textField("purchase.order_no", t("field.purchase.order_no"), v.purchase.order_no, {
          hint: t("interview.purchase.order_hint"),
        }),
        h(
          "fieldset",
          { class: "field choice-row", "data-path": "purchase.personal_use", tabindex: "-1" },
          h(
            "legend",
            {},
            t("interview.purchase.personal_use"),
            h("span", { class: "req", "aria-hidden": "true" }, " *"),
          ),
          (["yes", "no"] as const).map((x) =>
            h(
              "label",
              { class: "choice-inline" },
              h("input", {
                type: "radio",
                name: "purchase.personal_use",
                value: x,
                checked: v.purchase.personal_use === x,
              }),
              t(`interview.purchase.personal_use.${x}`),
            ),
          ),
        ),
        selectField(
          "purchase.supply",
          t("facts.supply"),
          SUPPLY_KINDS,
          (x) => `supply.${x}`,
          v.purchase.supply,
          t("common.not_sure"),
        ),
        checkboxField("purchase.quality_defect", t("facts.quality_defect"), v.purchase.quality_defect),
        checkboxField("purchase.food_unsafe", t("facts.food_unsafe"), v.purchase.food_unsafe),
      ];
    case "story":
      return [textField("title", t("interview.story.title"), v.title, { hint: t("hint.title"), required: true })];
    case "contact":
      return [
        dateTimeField("contact.occurred_at", v.contact.occurred_at, t("hint.when_time")),
        h(
          "div",
          { class: "row" },
          selectField("contact.channel", t("interaction.channel"), CHANNELS, (x) => `channel.${x}`, v.contact.channel),
          textField("contact.agent", t("interaction.agent"), v.contact.agent),
        ),
        textField("contact.question", t("interaction.question"), v.contact.question, {
          multiline: true,
          hint: t("hint.verbatim"),
        }),
        textField("contact.answer", t("interaction.answer"), v.contact.answer, {
          multiline: true,
          hint: t("hint.verbatim"),
        }),
        chips("contact.problems", t("interaction.problems"), PROBLEM_KINDS, (p) => `problem.${p}`, v.contact.problems),
        beforePurchaseField("contact.before_purchase", v.contact.before_purchase, v.contact.problems),
      ];
    case "demands":
      return [
        chips("demands", t("interview.demands.kinds"), DEMAND_KINDS, (d) => `demand.${d}`, v.demands),
        textField("demand_amount", t("interview.demands.amount"), v.demand_amount, {
          inputmode: "decimal",
          hint: t("interview.demands.amount_hint"),
        }),
        dateField("demand_made_on", t("interview.demands.made_on"), v.demand_made_on, {
          hint: t("demand.made_on_hint"),
        }),
      ];
    case "you":
      return [
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
      ];
    case "review":
      return [review(v, jump)];
  }
}

function review(v: InterviewValues, jump: (s: StepId) => void): HTMLElement {
  const none = t("common.none");
  const rows: [StepId, string, string][] = [
    [
      "company",
      t("form.section.respondent"),
      [v.respondent.name, v.respondent.shop, v.respondent.address, v.respondent.credit_code]
        .filter((x) => x.trim())
        .join(" · ") || none,
    ],
    ["industry", t("field.industry"), t(`industry.${v.industry}`)],
    [
      "purchase",
      t("form.section.purchase"),
      [
        v.purchase.item,
        // As it will be stored ("¥1,899元" typed is 1899.00), so no second currency mark is added to hers.
        v.purchase.amount && t("common.yuan", { amount: normaliseAmount(v.purchase.amount) ?? v.purchase.amount }),
        ((d) => (typeof d === "string" ? d : v.purchase.date))(normaliseDate(v.purchase.date, "9999-12-31")),
      ]
        .filter(Boolean)
        .join(" · ") || none,
    ],
    ["story", t("field.title"), v.title || none],
    [
      "contact",
      t("interview.review.contact"),
      v.contact.answer || v.contact.question || t("interview.review.no_contact"),
    ],
    ["demands", t("form.section.demands"), v.demands.map((d) => t(`demand.${d}`)).join("、") || none],
    [
      "you",
      t("form.section.complainant"),
      [v.complainant.name, v.complainant.phone].filter((x) => x.trim()).join(" · ") || none,
    ],
  ];
  return h(
    "dl",
    { class: "facts review" },
    rows.flatMap(([step, label, value]) => [
      h("dt", {}, label),
      h(
        "dd",
        {},
        h("span", {}, value),
        " ",
        h("button", { type: "button", class: "link", "data-jump": step, onclick: () => jump(step) }, t("action.edit")),
      ),
    ]),
  );
}

/** Reads the inputs of the current step back into the answers. */
function readStep(step: StepId, form: HTMLElement, v: InterviewValues): InterviewValues {
  const val = (p: string) => valueOf(form, p);
  switch (step) {
    case "company":
      return {
        ...v,
        respondent: {
          name: val("respondent.name"),
          platform: val("respondent.platform"),
          shop: val("respondent.shop"),
          credit_code: val("respondent.credit_code"),
          address: val("respondent.address"),
          odr: checkedOf(form, "respondent.odr"),
          is_platform: val("respondent.is_platform") as InterviewValues["respondent"]["is_platform"],
        },
      };
    case "industry":
      return {
        ...v,
        industry: (form.querySelector<HTMLInputElement>('input[name="industry"]:checked')?.value ??
          v.industry) as Industry,
      };
    case "purchase":
      return {
        ...v,
        purchase: {
          item: val("purchase.item"),
          amount: val("purchase.amount"),
          date: val("purchase.date"),
          order_no: val("purchase.order_no"),
          supply: val("purchase.supply") as SupplyKind | "",
          personal_use: (form.querySelector<HTMLInputElement>('input[name="purchase.personal_use"]:checked')?.value ??
            "") as "" | "yes" | "no",
          quality_defect: checkedOf(form, "purchase.quality_defect"),
          food_unsafe: checkedOf(form, "purchase.food_unsafe"),
        },
      };
    case "story":
      return { ...v, title: val("title") };
    case "contact":
      return {
        ...v,
        contact: {
          occurred_at: dateTimeOf(form, "contact.occurred_at"),
          channel: val("contact.channel") as Channel,
          agent: val("contact.agent"),
          question: val("contact.question"),
          answer: val("contact.answer"),
          problems: checked<ProblemKind>(form, "contact.problems"),
          before_purchase: val("contact.before_purchase") as InterviewValues["contact"]["before_purchase"],
        },
      };
    case "demands":
      return {
        ...v,
        demands: checked<DemandKind>(form, "demands"),
        demand_amount: val("demand_amount"),
        demand_made_on: val("demand_made_on"),
      };
    case "you":
      return {
        ...v,
        complainant: {
          name: val("complainant.name"),
          phone: val("complainant.phone"),
          address: val("complainant.address"),
        },
      };
    case "review":
      return v;
  }
}

export async function renderInterview(main: HTMLElement) {
  const restored = restoreInterview(await loadDraft(INTERVIEW_DRAFT));
  let state: InterviewState = restored ?? startInterview();
  const screen = h("div", { class: "interview" });
  main.append(screen);
  if (restored) screen.before(banner(t("interview.restored"), "info"));

  const draw = () => {
    clear(screen);
    const step = stepId(state);
    const { current, total } = progressOf(state);
    const status = h("div", { class: "form-status", "aria-live": "polite" });
    const form = h(
      "form",
      { class: "interview-form card", novalidate: true, "aria-labelledby": "interview-question", "data-step": step },
      ...stepBody(step, state.values, (s) => {
        state = goTo(state, s);
        draw();
      }),
      status,
      h(
        "div",
        { class: "actions" },
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            name: "interview-back",
            disabled: state.step === 0,
            onclick: () => {
              state = goBack({ ...state, values: readStep(step, form, state.values) });
              saveDraft(INTERVIEW_DRAFT, state);
              draw();
            },
          },
          t("interview.back"),
        ),
        h("span", { class: "spacer" }),
        h(
          "button",
          {
            type: "button",
            class: "link",
            name: "interview-discard",
            onclick: () =>
              void (async () => {
                await discardDraft(INTERVIEW_DRAFT);
                navigate({ view: "list" });
              })(),
          },
          t("interview.discard"),
        ),
        step === "review"
          ? h("button", { type: "submit", class: "primary", name: "interview-create" }, t("interview.create"))
          : h("button", { type: "submit", class: "primary", name: "interview-next" }, t("interview.next")),
      ),
    );
    const progress = h(
      "div",
      { class: "interview-progress" },
      h(
        "p",
        { class: "muted", id: "interview-step" },
        t("interview.progress", { current, total, name: t(`interview.${step}.name`) }),
      ),
      h("progress", { value: current, max: total, "aria-labelledby": "interview-step" }),
      h(
        "ol",
        { class: "steps", "aria-hidden": "true" },
        STEPS.map((s, i) =>
          h("li", { class: i < state.step ? "done" : i === state.step ? "current" : "" }, t(`interview.${s}.name`)),
        ),
      ),
    );
    screen.append(progress, question(step), form);
    clearErrorOnEdit(form);
    form.addEventListener("input", () => {
      state = { ...state, values: readStep(step, form, state.values) };
      saveDraft(INTERVIEW_DRAFT, state);
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      clearFieldErrors(form);
      clear(status);
      state = { ...state, values: readStep(step, form, state.values) };
      if (step !== "review") {
        const r = goNext(state);
        if (r.errors.length > 0) {
          showFieldErrors(form, r.errors);
          return;
        }
        state = r.state;
        if (r.questions.length > 0) {
          saveDraft(INTERVIEW_DRAFT, state);
          showFieldQuestions(form, r.questions);
          return;
        }
        saveDraft(INTERVIEW_DRAFT, state);
        draw();
        return;
      }
      void create(status);
    });
    const first = form.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea, button[data-jump]");
    first?.focus();
  };

  const create = async (status: HTMLElement) => {
    const missing = firstIncomplete(state.values);
    if (missing) {
      state = goTo(state, missing.step);
      draw();
      const form = screen.querySelector<HTMLElement>("form");
      if (form) showFieldErrors(form, missing.errors);
      return;
    }
    const built = interviewToCase(state.values);
    if (built.data === null) {
      status.append(banner(built.errors.map((e) => t(e.key)).join(" ")));
      return;
    }
    try {
      const saved = await api.createCase(built.data);
      await discardDraft(INTERVIEW_DRAFT);
      navigate({ view: "case", id: saved.id, tab: "timeline" });
    } catch (err) {
      status.append(banner(fromIpcError(err).banner));
    }
  };
  draw();
}
