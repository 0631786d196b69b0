// Pure logic behind the case and interaction forms: what the user typed <-> the core's CaseData. No DOM here, so
// it is unit-tested directly. The core validates again on save; these checks exist to answer in the user's
// language, next to the field, before a round trip.
import type {
  CaseData,
  CaseDetails,
  CaseFacts,
  CaseStatus,
  Channel,
  Demand,
  DemandId,
  DemandKind,
  Industry,
  Interaction,
  LinkSender,
  ParallelProceeding,
  ProblemKind,
  SupplyKind,
} from "./ipc/bindings";
import { normaliseDate, normaliseDateTime } from "./dates";

export interface FieldError {
  path: string;
  key: string;
}

export interface DemandValues {
  /** The stored demand this row edits (kept so its id stays the same across saves), or null for a new one. */
  id: DemandId | null;
  kind: DemandKind;
  amount: string;
  text: string;
  /** The day she made the demand to the company (`2026-09-05`), or "". */
  made_on: string;
  /** The contact she made it in, by that contact's `occurred_at`, or "". */
  made_in: string;
  /** The end of an agreed or statutory period (a promised refund date), or "". */
  due_by: string;
  /** The day she confirmed the company has still not performed it, or "" (then no text says so). */
  unperformed_confirmed_on: string;
}

/** A demand row with nothing filled in but its kind. */
export function newDemandValues(kind: DemandKind = "refund"): DemandValues {
  return { id: null, kind, amount: "", text: "", made_on: "", made_in: "", due_by: "", unperformed_confirmed_on: "" };
}

/** The facts only the consumer can state, as form values ("" = not said). */
export interface FactValues {
  supply: SupplyKind | "";
  respondent_is_platform: "" | "platform" | "merchant";
  quality_defect: boolean;
  food_unsafe: boolean;
  leak_suspected: boolean;
  deposit: boolean;
  marketing_contact: boolean;
  /** 问题出现日期, the day the goods arrived, the day she asked to return them: `2026-09-05` or "". */
  problem_noticed_on: string;
  goods_received_on: string;
  return_requested_on: string;
}

/** The fact dates, each with its form path. */
export const FACT_DATES = ["problem_noticed_on", "goods_received_on", "return_requested_on"] as const;

export function emptyFacts(): FactValues {
  return {
    supply: "",
    respondent_is_platform: "",
    quality_defect: false,
    food_unsafe: false,
    leak_suspected: false,
    deposit: false,
    marketing_contact: false,
    problem_noticed_on: "",
    goods_received_on: "",
    return_requested_on: "",
  };
}

export function factValuesFrom(f: CaseFacts): FactValues {
  return {
    supply: f.supply ?? "",
    respondent_is_platform: f.respondent_is_platform === null ? "" : f.respondent_is_platform ? "platform" : "merchant",
    quality_defect: f.quality_defect,
    food_unsafe: f.food_unsafe,
    leak_suspected: f.leak_suspected,
    deposit: f.deposit,
    marketing_contact: f.marketing_contact,
    problem_noticed_on: f.problem_noticed_on ?? "",
    goods_received_on: f.goods_received_on ?? "",
    return_requested_on: f.return_requested_on ?? "",
  };
}

export function factsFromValues(v: FactValues): CaseFacts {
  const facts: CaseFacts = {
    supply: v.supply === "" ? null : v.supply,
    respondent_is_platform: v.respondent_is_platform === "" ? null : v.respondent_is_platform === "platform",
    quality_defect: v.quality_defect,
    food_unsafe: v.food_unsafe,
    leak_suspected: v.leak_suspected,
    deposit: v.deposit,
    marketing_contact: v.marketing_contact,
  };
  for (const key of FACT_DATES) {
    const value = v[key].trim();
    if (value !== "") facts[key] = value;
  }
  return facts;
}

export interface CaseFormValues {
  title: string;
  industry: Industry;
  status: CaseStatus;
  complainant: { name: string; phone: string; address: string; id_number: string };
  respondent: {
    name: string;
    credit_code: string;
    address: string;
    platform: string;
    shop: string;
    url: string;
    odr: boolean;
  };
  purchase: { item: string; amount: string; date: string; order_no: string; personal_use: boolean };
  demands: DemandValues[];
  parallel_proceeding: ParallelProceeding | "";
  facts: FactValues;
}

export interface InteractionValues {
  /** The day and the time as typed, joined by "T" (`dateTimeField`): checked by `normaliseDateTime`. */
  occurred_at: string;
  channel: Channel;
  agent: string;
  agent_id: string;
  ticket_no: string;
  question: string;
  answer: string;
  problems: ProblemKind[];
  loss: string;
  note: string;
  link_sender: LinkSender | "";
  /** For a false or concealing statement: was it said before she ordered, and did it lead her to buy? */
  before_purchase: "" | "yes" | "no";
}

/** The offset stored with times the user enters: China Standard Time (Asia/Shanghai has no DST). */
export const DEFAULT_OFFSET = "+08:00";

export function emptyCaseForm(): CaseFormValues {
  return {
    title: "",
    industry: "ecommerce",
    status: "draft",
    complainant: { name: "", phone: "", address: "", id_number: "" },
    respondent: { name: "", credit_code: "", address: "", platform: "", shop: "", url: "", odr: false },
    purchase: { item: "", amount: "", date: "", order_no: "", personal_use: true },
    demands: [],
    parallel_proceeding: "",
    facts: emptyFacts(),
  };
}

const s = (v: string | null | undefined) => v ?? "";

export function caseFormFrom(d: CaseData): CaseFormValues {
  return {
    title: d.title,
    industry: d.industry,
    status: d.status,
    complainant: {
      name: s(d.complainant.name),
      phone: s(d.complainant.phone),
      address: s(d.complainant.address),
      id_number: s(d.complainant.id_number),
    },
    respondent: {
      name: s(d.respondent.name),
      credit_code: s(d.respondent.credit_code),
      address: s(d.respondent.address),
      platform: s(d.respondent.platform),
      shop: s(d.respondent.shop),
      url: s(d.respondent.url),
      odr: d.respondent.odr,
    },
    purchase: {
      item: s(d.purchase.item),
      amount: s(d.purchase.amount),
      date: s(d.purchase.date),
      order_no: s(d.purchase.order_no),
      personal_use: d.purchase.personal_use,
    },
    demands: d.demands.map((m) => ({
      id: m.id ?? null,
      kind: m.kind,
      amount: s(m.amount),
      text: s(m.text),
      made_on: s(m.made_on),
      made_in: s(m.made_in),
      due_by: s(m.due_by),
      unperformed_confirmed_on: s(m.unperformed_confirmed_on),
    })),
    parallel_proceeding: d.parallel_proceeding ?? "",
    facts: factValuesFrom(d.facts),
  };
}

const opt = (v: string): string | null => (v.trim() === "" ? null : v.trim());

/**
 * Normalises what people type for money: "¥1,299", "１２９９.5", "1299元" -> "1299.00"-style strings the core
 * accepts. Returns null for an empty field and undefined for something that is not an amount.
 */
export function normaliseAmount(input: string): string | null | undefined {
  const v = input
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/．/g, ".")
    .replace(/[¥￥,，\s]|\u5143$/g, "");
  if (v === "") return null;
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(v)) return undefined;
  const [int, frac = ""] = v.split(".");
  return `${String(Number(int))}.${frac.padEnd(2, "0")}`;
}

const PHONE = /^[0-9+() -]{3,30}$/;
const ID_NUMBER = /^[0-9]{17}[0-9Xx]$/;

/** A date field's value as `YYYY-MM-DD` (null when empty), or its problem recorded in `errors` under `path`. */
function dateOf(
  input: string,
  path: string,
  today: string,
  errors: FieldError[],
  future = false,
): string | null | undefined {
  const r = normaliseDate(input, today, { future });
  if (r !== null && typeof r === "object") {
    errors.push({ path, key: r.problem });
    return undefined;
  }
  return r;
}

/** Builds the CaseData to save. `base` keeps what this form does not edit (interactions, status history). */
export function caseFromForm(
  v: CaseFormValues,
  base: CaseData | null,
  today: string,
): { data: CaseData; errors: [] } | { data: null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  if (v.title.trim() === "") errors.push({ path: "title", key: "error.required" });
  const phone = opt(v.complainant.phone);
  if (phone !== null && !PHONE.test(phone)) errors.push({ path: "complainant.phone", key: "error.phone" });
  const idNumber = opt(v.complainant.id_number);
  if (idNumber !== null && !ID_NUMBER.test(idNumber)) {
    errors.push({ path: "complainant.id_number", key: "error.id_number" });
  }
  const amount = normaliseAmount(v.purchase.amount);
  if (amount === undefined) errors.push({ path: "purchase.amount", key: "error.amount" });
  const date = dateOf(v.purchase.date, "purchase.date", today, errors) ?? null;
  const facts = { ...v.facts };
  for (const key of FACT_DATES) facts[key] = dateOf(v.facts[key], `facts.${key}`, today, errors) ?? "";
  const demands: Demand[] = [];
  v.demands.forEach((d, i) => {
    const a = normaliseAmount(d.amount);
    if (a === undefined) errors.push({ path: `demands[${i}].amount`, key: "error.amount" });
    const text = opt(d.text);
    if (d.kind === "other" && text === null) errors.push({ path: `demands[${i}].text`, key: "error.demand_text" });
    const demand: Demand = { kind: d.kind };
    if (d.id !== null) demand.id = d.id;
    if (a) demand.amount = a;
    if (text !== null) demand.text = text;
    for (const key of ["made_on", "due_by", "unperformed_confirmed_on"] as const) {
      const value = dateOf(d[key], `demands[${i}].${key}`, today, errors, key === "due_by");
      if (value) demand[key] = value;
    }
    const madeIn = opt(d.made_in);
    if (madeIn !== null) demand.made_in = madeIn;
    if (demand.made_on && demand.unperformed_confirmed_on && demand.unperformed_confirmed_on < demand.made_on) {
      errors.push({ path: `demands[${i}].unperformed_confirmed_on`, key: "error.confirmed_before_demand" });
    }
    demands.push(demand);
  });
  if (errors.length > 0) return { data: null, errors };

  const history = base ? [...base.status_history] : [];
  const previous = base ? base.status : null;
  if (previous !== v.status && !(previous === null && v.status === "draft")) {
    history.push({ status: v.status, date: today });
  }
  return {
    errors: [],
    data: {
      title: v.title.trim(),
      industry: v.industry,
      status: v.status,
      status_history: history,
      complainant: {
        name: opt(v.complainant.name),
        phone,
        address: opt(v.complainant.address),
        id_number: idNumber === null ? null : idNumber.toUpperCase(),
      },
      respondent: {
        name: opt(v.respondent.name),
        credit_code: opt(v.respondent.credit_code)?.toUpperCase() ?? null,
        address: opt(v.respondent.address),
        platform: opt(v.respondent.platform),
        shop: opt(v.respondent.shop),
        url: opt(v.respondent.url),
        odr: v.respondent.odr,
      },
      purchase: {
        item: opt(v.purchase.item),
        amount: amount ?? null,
        date,
        order_no: opt(v.purchase.order_no),
        personal_use: v.purchase.personal_use,
      },
      interactions: base ? base.interactions : [],
      demands,
      parallel_proceeding: v.parallel_proceeding === "" ? null : v.parallel_proceeding,
      facts: factsFromValues(facts),
      excluded_bases: base ? base.excluded_bases : [],
      included_bases: base ? base.included_bases : [],
      events: base ? base.events : [],
    },
  };
}

/** The part of a case the case form edits (saved with `update_details`, onto the case as it is in the store). */
export function detailsOf(d: CaseData): CaseDetails {
  return {
    title: d.title,
    industry: d.industry,
    status: d.status,
    complainant: d.complainant,
    respondent: d.respondent,
    purchase: d.purchase,
    demands: d.demands,
    parallel_proceeding: d.parallel_proceeding,
    facts: d.facts,
  };
}

/** `2026-09-05T10:12` in Shanghai wall time for a given instant (for the "now" default). */
export function shanghaiLocalInput(now: Date): string {
  const shifted = new Date(now.getTime() + 8 * 3600 * 1000);
  return shifted.toISOString().slice(0, 16);
}

/** Today's date in Beijing time, `2026-11-28`. */
export function shanghaiToday(now: Date = new Date()): string {
  return shanghaiLocalInput(now).slice(0, 10);
}

/**
 * Defaults for logging the next interaction: the channel and agent of the last one. Not its time: she is asked which
 * day it was (today is one of the choices), because a contact logged a day later is not "now".
 */
export function newInteractionValues(previous: Interaction | undefined): InteractionValues {
  return {
    occurred_at: "",
    channel: previous?.channel ?? "online_chat",
    agent: previous?.agent ?? "",
    agent_id: previous?.agent_id ?? "",
    ticket_no: previous?.ticket_no ?? "",
    question: "",
    answer: "",
    problems: [],
    loss: "",
    note: "",
    link_sender: "",
    before_purchase: "",
  };
}

/** The form values of a stored interaction, for editing it (its time shown in Beijing wall time). */
export function interactionValuesFrom(it: Interaction): InteractionValues {
  return {
    occurred_at: shanghaiLocalInput(new Date(Date.parse(it.occurred_at))),
    channel: it.channel,
    agent: it.agent ?? "",
    agent_id: it.agent_id ?? "",
    ticket_no: it.ticket_no ?? "",
    question: it.question ?? "",
    answer: it.answer ?? "",
    problems: [...it.problems],
    loss: it.loss ?? "",
    note: it.note ?? "",
    link_sender: it.link_sender ?? "",
    before_purchase: it.before_purchase === undefined ? "" : it.before_purchase ? "yes" : "no",
  };
}

/** A false statement or a concealment: the only problems whose timing against the purchase matters. */
export function isDeception(problems: readonly ProblemKind[]): boolean {
  return problems.includes("false_information") || problems.includes("concealment");
}

/** `now` in Beijing as a date and a time: the bound for when a contact happened. */
export function beijingNow(now: Date = new Date()): { date: string; time: string } {
  const local = shanghaiLocalInput(now);
  return { date: local.slice(0, 10), time: local.slice(11, 16) };
}

export function interactionFromForm(
  v: InteractionValues,
  now: Date = new Date(),
): { value: Interaction; errors: [] } | { value: null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const when = normaliseDateTime(v.occurred_at, beijingNow(now));
  if (typeof when !== "string") {
    for (const p of when.problems) errors.push({ path: `occurred_at${p.part}`, key: p.problem });
  }
  const loss = normaliseAmount(v.loss);
  if (loss === undefined) errors.push({ path: "loss", key: "error.amount" });
  if (v.question.trim() === "" && v.answer.trim() === "" && v.note.trim() === "") {
    errors.push({ path: "answer", key: "error.interaction_empty" });
  }
  if (errors.length > 0 || typeof when !== "string") return { value: null, errors };
  return {
    errors: [],
    value: {
      occurred_at: `${when}:00${DEFAULT_OFFSET}`,
      channel: v.channel,
      agent: opt(v.agent),
      agent_id: opt(v.agent_id),
      ticket_no: opt(v.ticket_no),
      // Verbatim: what was said is kept exactly, including its spacing.
      question: v.question === "" ? null : v.question,
      answer: v.answer === "" ? null : v.answer,
      problems: [...v.problems],
      loss: loss ?? null,
      note: opt(v.note),
      link_sender: v.problems.includes("induced_harm") && v.link_sender !== "" ? v.link_sender : null,
      ...(isDeception(v.problems) && v.before_purchase !== "" ? { before_purchase: v.before_purchase === "yes" } : {}),
    },
  };
}

/** The words of a question or answer as compared for a duplicate: whitespace runs are one space, ends trimmed. */
const wordsOf = (text: string | null | undefined) => (text ?? "").split(/\s+/).filter(Boolean).join(" ");

/** The same contact: the same words asked and answered on the same Beijing day (as the core matches a screenshot). */
export function sameContact(a: Interaction, b: Interaction): boolean {
  const day = (x: Interaction) => shanghaiLocalInput(new Date(Date.parse(x.occurred_at))).slice(0, 10);
  return day(a) === day(b) && wordsOf(a.question) === wordsOf(b.question) && wordsOf(a.answer) === wordsOf(b.answer);
}
