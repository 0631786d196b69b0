// The facts only the consumer can state, asked where she already is (the time line): the core lists what it still
// needs (`OpenQuestion`), and this applies her answer to the case. Pure logic, unit-tested; the view saves the result.
import type { CaseData, OpenQuestion } from "./ipc/bindings";

/** The answers a question offers, in the order shown; `date` questions take a date instead. */
export const ANSWERS: Record<OpenQuestion["kind"], readonly string[]> = {
  before_purchase: ["yes", "no"],
  link_sender: ["official", "impostor"],
  leak_suspected: ["yes"],
  supply: ["goods", "service"],
  platform_or_merchant: ["platform", "merchant"],
  demand_date: ["date"],
};

/**
 * The case with her answer applied. `answer` is one of `ANSWERS[q.kind]`, or a `2026-09-05` date for
 * `demand_date`. Returns null for an answer the question does not offer (nothing is changed then).
 */
export function applyAnswer(data: CaseData, q: OpenQuestion, answer: string): CaseData | null {
  const next: CaseData = structuredClone(data);
  const it = q.interaction === null ? undefined : next.interactions[q.interaction];
  switch (q.kind) {
    case "before_purchase":
      if (!it || (answer !== "yes" && answer !== "no")) return null;
      it.before_purchase = answer === "yes";
      return next;
    case "link_sender":
      if (!it || (answer !== "official" && answer !== "impostor")) return null;
      it.link_sender = answer;
      return next;
    case "leak_suspected":
      if (answer !== "yes") return null;
      next.facts.leak_suspected = true;
      return next;
    case "supply":
      if (answer !== "goods" && answer !== "service") return null;
      next.facts.supply = answer;
      return next;
    case "platform_or_merchant":
      if (answer !== "platform" && answer !== "merchant") return null;
      next.facts.respondent_is_platform = answer === "platform";
      return next;
    case "demand_date": {
      const d = q.demand === null ? undefined : next.demands[q.demand];
      if (!d || !/^\d{4}-\d{2}-\d{2}$/.test(answer)) return null;
      d.made_on = answer;
      return next;
    }
  }
}
