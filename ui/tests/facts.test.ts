import { describe, expect, it } from "vitest";
import { ANSWERS, applyAnswer } from "../src/facts";
import type { CaseData, OpenQuestion } from "../src/ipc/bindings";

function sample(): CaseData {
  return {
    title: "t",
    industry: "ecommerce",
    status: "draft",
    status_history: [],
    complainant: { name: null, phone: null, address: null, id_number: null },
    respondent: { name: null, credit_code: null, address: null, platform: null, shop: null, url: null, odr: false },
    purchase: { item: null, amount: "300.00", date: "2026-09-01", order_no: null, personal_use: true },
    interactions: [
      {
        occurred_at: "2026-09-01T10:00:00+08:00",
        channel: "online_chat",
        agent: null,
        agent_id: null,
        ticket_no: null,
        question: null,
        answer: "正品保证",
        problems: ["false_information"],
        loss: null,
        note: null,
        link_sender: null,
      },
    ],
    demands: [{ kind: "refund" }],
    parallel_proceeding: null,
    facts: {
      supply: null,
      respondent_is_platform: null,
      quality_defect: false,
      food_unsafe: false,
      leak_suspected: false,
      deposit: false,
      marketing_contact: false,
    },
    excluded_bases: [],
    included_bases: [],
    events: [],
  };
}

const q = (
  kind: OpenQuestion["kind"],
  interaction: number | null = null,
  demand: number | null = null,
): OpenQuestion => ({
  kind,
  interaction,
  demand,
  text: "",
});

describe("answering the open questions", () => {
  it("records when a statement was made, on that contact only", () => {
    const c = sample();
    const yes = applyAnswer(c, q("before_purchase", 0), "yes")!;
    expect(yes.interactions[0]?.before_purchase).toBe(true);
    expect(applyAnswer(c, q("before_purchase", 0), "no")!.interactions[0]?.before_purchase).toBe(false);
    expect(c.interactions[0]?.before_purchase, "the case passed in is not changed").toBeUndefined();
    expect(applyAnswer(c, q("before_purchase", 3), "yes"), "no such contact").toBeNull();
  });

  it("records the case facts", () => {
    const c = sample();
    expect(applyAnswer(c, q("supply"), "service")!.facts.supply).toBe("service");
    expect(applyAnswer(c, q("platform_or_merchant"), "merchant")!.facts.respondent_is_platform).toBe(false);
    expect(applyAnswer(c, q("platform_or_merchant"), "platform")!.facts.respondent_is_platform).toBe(true);
    expect(applyAnswer(c, q("leak_suspected"), "yes")!.facts.leak_suspected).toBe(true);
    expect(applyAnswer(c, q("link_sender", 0), "impostor")!.interactions[0]?.link_sender).toBe("impostor");
  });

  it("dates a demand and refuses what the question does not offer", () => {
    const c = sample();
    expect(applyAnswer(c, q("demand_date", null, 0), "2026-09-05")!.demands[0]?.made_on).toBe("2026-09-05");
    expect(applyAnswer(c, q("demand_date", null, 0), "yesterday")).toBeNull();
    expect(applyAnswer(c, q("supply"), "both")).toBeNull();
    expect(applyAnswer(c, q("leak_suspected"), "no")).toBeNull();
    for (const [kind, answers] of Object.entries(ANSWERS)) expect(answers.length, kind).toBeGreaterThan(0);
  });
});
