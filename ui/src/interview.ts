// The new-case interview: one question per screen, in the order a stressed person can answer them. Pure logic (no
// DOM): which steps there are, what each needs before moving on, and how the answers become a case. Moving back
// and forth never drops an answer: every step reads and writes the same values object.
import {
  caseFromForm,
  emptyCaseForm,
  emptyFacts,
  newDemandValues,
  beijingNow,
  interactionFromForm,
  newInteractionValues,
  normaliseAmount,
  shanghaiToday,
  type FieldError,
} from "./caseForm";
import { normaliseDate, normaliseDateTime, splitDateTime } from "./dates";
import type { CaseData, Channel, DemandKind, Industry, ProblemKind, SupplyKind } from "./ipc/bindings";

export const STEPS = ["company", "industry", "purchase", "story", "contact", "demands", "you", "review"] as const;
export type StepId = (typeof STEPS)[number];

export interface InterviewValues {
  respondent: {
    name: string;
    shop: string;
    platform: string;
    credit_code: string;
    /** The company's registered address (营业执照上的住所): the 12315 pre-check needs it before filing. */
    address: string;
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
    /** 生活消费: bought for herself or her household? Asked, never assumed ("" = not yet answered). */
    personal_use: "" | "yes" | "no";
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
  /** The questions (`stepQuestions`) already put to her: pressing 下一步 again after one means "yes, go on". */
  asked?: string[];
}

export function startInterview(): InterviewState {
  const contact = newInteractionValues(undefined);
  return {
    step: 0,
    values: {
      respondent: {
        name: "",
        shop: "",
        platform: "",
        credit_code: "",
        address: "",
        odr: false,
        is_platform: "",
      },
      industry: "ecommerce",
      purchase: {
        item: "",
        amount: "",
        date: "",
        order_no: "",
        supply: "",
        personal_use: "",
        quality_defect: false,
        food_unsafe: false,
      },
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

function hasContact(v: InterviewValues): boolean {
  const c = v.contact;
  return c.question.trim() !== "" || c.answer.trim() !== "" || c.problems.length > 0;
}

/** A date answer's problem (an impossible day, before 2000, after today), filed under `path`. */
function checkDate(value: string, path: string, today: string, errors: FieldError[]) {
  const r = normaliseDate(value, today);
  if (r !== null && typeof r === "object") errors.push({ path, key: r.problem });
}

/** What keeps the user on this step (none: she may go on). Optional questions never block. */
export function stepErrors(step: StepId, v: InterviewValues, now: Date = new Date()): FieldError[] {
  const errors: FieldError[] = [];
  const today = shanghaiToday(now);
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
      checkDate(v.purchase.date, "purchase.date", today, errors);
      if (v.purchase.personal_use === "") {
        errors.push({ path: "purchase.personal_use", key: "interview.error.personal_use" });
      }
      break;
    case "story":
      if (v.title.trim() === "") errors.push({ path: "title", key: "interview.error.title" });
      break;
    case "contact":
      if (hasContact(v)) {
        const when = normaliseDateTime(v.contact.occurred_at, beijingNow(now));
        if (typeof when !== "string") {
          for (const p of when.problems) errors.push({ path: `contact.occurred_at${p.part}`, key: p.problem });
        }
        if (v.contact.question.trim() === "" && v.contact.answer.trim() === "") {
          errors.push({ path: "contact.answer", key: "interview.error.contact_words" });
        }
      }
      break;
    case "demands":
      if (normaliseAmount(v.demand_amount) === undefined) errors.push({ path: "demand_amount", key: "error.amount" });
      checkDate(v.demand_made_on, "demand_made_on", today, errors);
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

/**
 * What this step's answers make doubtful without making them wrong, asked once in place: a contact dated before the
 * purchase is either a question asked before buying (then she says so) or a date typed wrong.
 */
export function stepQuestions(step: StepId, v: InterviewValues): FieldError[] {
  if (step !== "contact" || !hasContact(v)) return [];
  const bought = normaliseDate(v.purchase.date, "9999-12-31");
  const { date } = splitDateTime(v.contact.occurred_at);
  const contacted = normaliseDate(date, "9999-12-31");
  if (typeof bought !== "string" || typeof contacted !== "string" || contacted >= bought) return [];
  if (v.contact.before_purchase === "yes") return [];
  return [{ path: "contact.occurred_at", key: "interview.question.contact_before_purchase" }];
}

/**
 * Goes on to the next step if this one is answered well enough; otherwise stays and says why. A doubt
 * (`stepQuestions`) keeps her here once, with the question shown; pressing 下一步 again answers it.
 */
export function goNext(
  state: InterviewState,
  now: Date = new Date(),
): { state: InterviewState; errors: FieldError[]; questions: FieldError[] } {
  const errors = stepErrors(stepId(state), state.values, now);
  if (errors.length > 0) return { state, errors, questions: [] };
  const asked = state.asked ?? [];
  const doubts = stepQuestions(stepId(state), state.values);
  const unasked = doubts.filter((q) => !asked.includes(`${q.key}@${state.values.purchase.date}`));
  if (unasked.length > 0) {
    const shown = [...asked, ...unasked.map((q) => `${q.key}@${state.values.purchase.date}`)];
    return { state: { ...state, asked: shown }, errors: [], questions: unasked };
  }
  const step = Math.min(state.step + 1, STEPS.length - 1);
  const values = { ...state.values };
  // Asked for a refund without saying how much: what was paid is the natural default.
  if (STEPS[step] === "demands" && values.demand_amount === "" && values.purchase.amount !== "") {
    values.demand_amount = normaliseAmount(values.purchase.amount) ?? "";
  }
  return { state: { ...state, step, values }, errors: [], questions: [] };
}

export function goBack(state: InterviewState): InterviewState {
  return { ...state, step: Math.max(state.step - 1, 0) };
}

export function goTo(state: InterviewState, step: StepId): InterviewState {
  return { ...state, step: STEPS.indexOf(step) };
}

/** The first step that still has a problem, for the review screen's "create" button. */
export function firstIncomplete(
  v: InterviewValues,
  now: Date = new Date(),
): { step: StepId; errors: FieldError[] } | null {
  for (const step of STEPS) {
    const errors = stepErrors(step, v, now);
    if (errors.length > 0) return { step, errors };
  }
  return null;
}

const AMOUNT_DEMANDS: readonly DemandKind[] = ["refund", "compensation"];

/** The case the answers describe: parties, purchase, demands and (if she described it) the first contact. */
export function interviewToCase(
  v: InterviewValues,
  now: Date = new Date(),
): { data: CaseData | null; errors: FieldError[] } {
  const today = shanghaiToday(now);
  const missing = firstIncomplete(v, now);
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
    address: v.respondent.address,
    odr: v.respondent.odr,
  };
  form.purchase = {
    ...form.purchase,
    item: v.purchase.item,
    amount: v.purchase.amount,
    date: v.purchase.date,
    order_no: v.purchase.order_no,
    personal_use: v.purchase.personal_use === "yes",
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
    const it = interactionFromForm(
      {
        ...newInteractionValues(undefined),
        occurred_at: v.contact.occurred_at,
        channel: v.contact.channel,
        agent: v.contact.agent,
        question: v.contact.question,
        answer: v.contact.answer,
        problems: v.contact.problems,
        before_purchase: v.contact.before_purchase,
      },
      now,
    );
    if (it.value === null) return { data: null, errors: it.errors.map((e) => ({ ...e, path: `contact.${e.path}` })) };
    data.interactions = [it.value];
  }
  return { data, errors: [] };
}

/** Reads a saved draft back, tolerating drafts from an older version (missing fields take their defaults). */
export function restoreInterview(json: string | null): InterviewState | null {
  if (json === null) return null;
  try {
    const saved = JSON.parse(json) as Partial<InterviewState>;
    const fresh = startInterview();
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
