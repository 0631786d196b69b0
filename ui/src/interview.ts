// The new-case interview: one question per screen, in the order a stressed person can answer them. Pure logic (no
// DOM): which steps there are, what each needs before moving on, and how the answers become a case. Moving back
// and forth never drops an answer: every step reads and writes the same values object.
import {
  caseFromForm,
  emptyCaseForm,
  emptyFacts,
  newDemandValues,
  interactionFromForm,
  newInteractionValues,
  normaliseAmount,
  type FieldError,
} from "./caseForm";
import type { CaseData, Channel, DemandKind, Industry, ProblemKind, SupplyKind } from "./ipc/bindings";

export const STEPS = ["company", "industry", "purchase", "story", "contact", "demands", "you", "review"] as const;
export type StepId = (typeof STEPS)[number];

export interface InterviewValues {
  respondent: {
    name: string;
    shop: string;
    platform: string;
    credit_code: string;
    odr: boolean;
    /** Is the company complained about the platform itself, or a shop selling on it? "" = not said. */
    is_platform: "" | "platform" | "merchant";
  };
  industry: Industry;
  purchase: {
    item: string;
    amount: string;
    date: string;
    order_no: string;
    supply: SupplyKind | "";
    quality_defect: boolean;
    food_unsafe: boolean;
  };
  title: string;
  contact: {
    occurred_at: string;
    channel: Channel;
    agent: string;
    question: string;
    answer: string;
    problems: ProblemKind[];
    /** For a false statement: said before she ordered, and it made her buy? "" = not sure. */
    before_purchase: "" | "yes" | "no";
  };
  demands: DemandKind[];
  /** The amount asked for a refund or compensation; defaults to what was paid. */
  demand_amount: string;
  /** The day she first made these demands to the company, "" if she does not remember. */
  demand_made_on: string;
  complainant: { name: string; phone: string; address: string };
}

export interface InterviewState {
  step: number;
  values: InterviewValues;
}

export function startInterview(now: Date): InterviewState {
  const contact = newInteractionValues(undefined, now);
  return {
    step: 0,
    values: {
      respondent: { name: "", shop: "", platform: "", credit_code: "", odr: false, is_platform: "" },
      industry: "ecommerce",
      purchase: { item: "", amount: "", date: "", order_no: "", supply: "", quality_defect: false, food_unsafe: false },
      title: "",
      contact: {
        occurred_at: contact.occurred_at,
        channel: contact.channel,
        agent: "",
        question: "",
        answer: "",
        problems: [],
        before_purchase: "",
      },
      demands: ["refund"],
      demand_amount: "",
      demand_made_on: "",
      complainant: { name: "", phone: "", address: "" },
    },
  };
}

export function stepId(state: InterviewState): StepId {
  return STEPS[Math.min(Math.max(state.step, 0), STEPS.length - 1)] ?? "company";
}

/** "Step 3 of 8", counting from one. */
export function progressOf(state: InterviewState): { current: number; total: number } {
  return { current: Math.min(state.step, STEPS.length - 1) + 1, total: STEPS.length };
}

const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const PHONE = /^[0-9+() -]{3,30}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function hasContact(v: InterviewValues): boolean {
  const c = v.contact;
  return c.question.trim() !== "" || c.answer.trim() !== "" || c.problems.length > 0;
}

/** What keeps the user on this step (none: she may go on). Optional questions never block. */
export function stepErrors(step: StepId, v: InterviewValues): FieldError[] {
  const errors: FieldError[] = [];
  switch (step) {
    case "company":
      if (v.respondent.name.trim() === "" && v.respondent.shop.trim() === "") {
        errors.push({ path: "respondent.name", key: "interview.error.company" });
      }
      if (v.respondent.credit_code.trim() !== "" && !CREDIT_CODE.test(v.respondent.credit_code.trim().toUpperCase())) {
        errors.push({ path: "respondent.credit_code", key: "error.credit_code_shape" });
      }
      break;
    case "purchase":
      if (normaliseAmount(v.purchase.amount) === undefined)
        errors.push({ path: "purchase.amount", key: "error.amount" });
      if (v.purchase.date !== "" && !DATE.test(v.purchase.date))
        errors.push({ path: "purchase.date", key: "error.date" });
      break;
    case "story":
      if (v.title.trim() === "") errors.push({ path: "title", key: "interview.error.title" });
      break;
    case "contact":
      if (hasContact(v)) {
        if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(v.contact.occurred_at)) {
          errors.push({ path: "contact.occurred_at", key: "error.datetime" });
        }
        if (v.contact.question.trim() === "" && v.contact.answer.trim() === "") {
          errors.push({ path: "contact.answer", key: "interview.error.contact_words" });
        }
      }
      break;
    case "demands":
      if (normaliseAmount(v.demand_amount) === undefined) errors.push({ path: "demand_amount", key: "error.amount" });
      if (v.demand_made_on !== "" && !DATE.test(v.demand_made_on))
        errors.push({ path: "demand_made_on", key: "error.date" });
      break;
    case "you":
      if (v.complainant.phone.trim() !== "" && !PHONE.test(v.complainant.phone.trim())) {
        errors.push({ path: "complainant.phone", key: "error.phone" });
      }
      break;
    case "industry":
    case "review":
      break;
  }
  return errors;
}

/** Goes on to the next step if this one is answered well enough; otherwise stays and says why. */
export function goNext(state: InterviewState): { state: InterviewState; errors: FieldError[] } {
  const errors = stepErrors(stepId(state), state.values);
  if (errors.length > 0) return { state, errors };
  const step = Math.min(state.step + 1, STEPS.length - 1);
  const values = { ...state.values };
  // Asked for a refund without saying how much: what was paid is the natural default.
  if (STEPS[step] === "demands" && values.demand_amount === "" && values.purchase.amount !== "") {
    values.demand_amount = normaliseAmount(values.purchase.amount) ?? "";
  }
  return { state: { step, values }, errors: [] };
}

export function goBack(state: InterviewState): InterviewState {
  return { ...state, step: Math.max(state.step - 1, 0) };
}

export function goTo(state: InterviewState, step: StepId): InterviewState {
  return { ...state, step: STEPS.indexOf(step) };
}

/** The first step that still has a problem, for the review screen's "create" button. */
export function firstIncomplete(v: InterviewValues): { step: StepId; errors: FieldError[] } | null {
  for (const step of STEPS) {
    const errors = stepErrors(step, v);
    if (errors.length > 0) return { step, errors };
  }
  return null;
}

const AMOUNT_DEMANDS: readonly DemandKind[] = ["refund", "compensation"];

/** The case the answers describe: parties, purchase, demands and (if she described it) the first contact. */
export function interviewToCase(v: InterviewValues, today: string): { data: CaseData | null; errors: FieldError[] } {
  const missing = firstIncomplete(v);
  if (missing) return { data: null, errors: missing.errors };
  const form = emptyCaseForm();
  form.title = v.title;
  form.industry = v.industry;
  form.complainant = { ...form.complainant, ...v.complainant };
  form.respondent = {
    ...form.respondent,
    name: v.respondent.name,
    shop: v.respondent.shop,
    platform: v.respondent.platform,
    credit_code: v.respondent.credit_code,
    odr: v.respondent.odr,
  };
  form.purchase = {
    ...form.purchase,
    item: v.purchase.item,
    amount: v.purchase.amount,
    date: v.purchase.date,
    order_no: v.purchase.order_no,
  };
  form.facts = {
    ...emptyFacts(),
    supply: v.purchase.supply,
    respondent_is_platform: v.respondent.is_platform,
    quality_defect: v.purchase.quality_defect,
    food_unsafe: v.purchase.food_unsafe,
  };
  let amountUsed = false;
  form.demands = v.demands.map((kind) => {
    const withAmount = AMOUNT_DEMANDS.includes(kind) && !amountUsed;
    if (withAmount) amountUsed = true;
    return { ...newDemandValues(kind), amount: withAmount ? v.demand_amount : "", made_on: v.demand_made_on };
  });
  const built = caseFromForm(form, null, today);
  if (built.data === null) return { data: null, errors: built.errors };
  const data: CaseData = built.data;
  if (hasContact(v)) {
    const it = interactionFromForm({
      ...newInteractionValues(undefined, new Date(0)),
      occurred_at: v.contact.occurred_at,
      channel: v.contact.channel,
      agent: v.contact.agent,
      question: v.contact.question,
      answer: v.contact.answer,
      problems: v.contact.problems,
      before_purchase: v.contact.before_purchase,
    });
    if (it.value === null) return { data: null, errors: it.errors.map((e) => ({ ...e, path: `contact.${e.path}` })) };
    data.interactions = [it.value];
  }
  return { data, errors: [] };
}

/** Reads a saved draft back, tolerating drafts from an older version (missing fields take their defaults). */
export function restoreInterview(json: string | null, now: Date): InterviewState | null {
  if (json === null) return null;
  try {
    const saved = JSON.parse(json) as Partial<InterviewState>;
    const fresh = startInterview(now);
    if (typeof saved.step !== "number" || typeof saved.values !== "object" || saved.values === null) return null;
    const v = saved.values as Partial<InterviewValues>;
    return {
      step: Math.min(Math.max(0, Math.floor(saved.step)), STEPS.length - 1),
      values: {
        ...fresh.values,
        ...v,
        respondent: { ...fresh.values.respondent, ...v.respondent },
        purchase: { ...fresh.values.purchase, ...v.purchase },
        contact: { ...fresh.values.contact, ...v.contact },
        complainant: { ...fresh.values.complainant, ...v.complainant },
      },
    };
  } catch {
    return null;
  }
}
