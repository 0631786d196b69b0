import { describe, expect, it } from "vitest";
import {
  interactionValuesFrom,
  caseFormFrom,
  caseFromForm,
  emptyCaseForm,
  interactionFromForm,
  newDemandValues,
  newInteractionValues,
  normaliseAmount,
  shanghaiLocalInput,
  shanghaiToday,
  sameContact,
} from "../src/caseForm";
import type { Interaction } from "../src/ipc/bindings";

describe("amounts", () => {
  it("accepts what people type and rejects what is not money", () => {
    expect(normaliseAmount("1299")).toBe("1299.00");
    expect(normaliseAmount("¥1,299.5")).toBe("1299.50");
    expect(normaliseAmount("１２９９元")).toBe("1299.00");
    expect(normaliseAmount(" 0.05 ")).toBe("0.05");
    expect(normaliseAmount("")).toBeNull();
    for (const bad of ["-5", "12.345", "abc", "1e3", "一千"]) expect(normaliseAmount(bad), bad).toBeUndefined();
  });
});

describe("case form", () => {
  it("builds CaseData, dropping blanks to null", () => {
    const v = emptyCaseForm();
    v.title = "  客服答非所问  ";
    v.complainant.phone = "138 0013 8000";
    v.respondent.credit_code = "91110000802100433b";
    v.purchase.amount = "¥1,299";
    v.demands = [
      {
        ...newDemandValues("refund"),
        amount: "1299",
        made_on: "2026-09-05",
        made_in: "2026-09-05T10:12:00+08:00",
        unperformed_confirmed_on: "2026-09-25",
      },
      newDemandValues("apology"),
    ];
    v.facts.supply = "goods";
    v.facts.respondent_is_platform = "merchant";
    const r = caseFromForm(v, null, "2026-11-28");
    expect(r.errors).toEqual([]);
    expect(r.data).toMatchObject({
      title: "客服答非所问",
      status: "draft",
      status_history: [],
      complainant: { name: null, phone: "138 0013 8000" },
      respondent: { credit_code: "91110000802100433B" },
      purchase: { amount: "1299.00", date: null, personal_use: true },
      demands: [
        {
          kind: "refund",
          amount: "1299.00",
          made_on: "2026-09-05",
          made_in: "2026-09-05T10:12:00+08:00",
          unperformed_confirmed_on: "2026-09-25",
        },
        { kind: "apology" },
      ],
      facts: { supply: "goods", respondent_is_platform: false, quality_defect: false },
      included_bases: [],
    });
  });

  it("refuses a confirmation of non-performance dated before the demand", () => {
    const v = { ...emptyCaseForm(), title: "t" };
    v.demands = [{ ...newDemandValues("refund"), made_on: "2026-09-05", unperformed_confirmed_on: "2026-09-01" }];
    const r = caseFromForm(v, null, "2026-11-28");
    expect(r.errors).toEqual([{ path: "demands[0].unperformed_confirmed_on", key: "error.confirmed_before_demand" }]);
  });

  it("asks when a false statement was made only for false statements", () => {
    const v = {
      ...{ ...newInteractionValues(undefined), occurred_at: "2026-11-20T10:00" },
      answer: "24小时内退款",
      before_purchase: "no" as const,
    };
    expect(interactionFromForm({ ...v, problems: ["false_information"] }).value?.before_purchase).toBe(false);
    expect(interactionFromForm({ ...v, problems: ["irrelevant_answer"] }).value).not.toHaveProperty("before_purchase");
    expect(interactionFromForm({ ...v, problems: ["concealment"], before_purchase: "" }).value).not.toHaveProperty(
      "before_purchase",
    );
    const stored = interactionFromForm({ ...v, problems: ["concealment"], before_purchase: "yes" }).value!;
    expect(interactionValuesFrom(stored).before_purchase).toBe("yes");
  });

  it("reports every bad field by its path", () => {
    const v = emptyCaseForm();
    v.complainant.phone = "call me";
    v.complainant.id_number = "123";
    v.purchase.amount = "一千";
    v.demands = [{ ...newDemandValues("other"), amount: "x", text: " " }];
    const r = caseFromForm(v, null, "2026-11-28");
    expect(r.data).toBeNull();
    expect(r.errors.map((e) => e.path).sort()).toEqual(
      [
        "complainant.id_number",
        "complainant.phone",
        "demands[0].amount",
        "demands[0].text",
        "purchase.amount",
        "title",
      ].sort(),
    );
  });

  it("dates a status change and keeps what the form does not edit", () => {
    const first = caseFromForm({ ...emptyCaseForm(), title: "t" }, null, "2026-11-01");
    const base = { ...first.data!, interactions: [{ occurred_at: "2026-10-01T09:00:00+08:00" } as Interaction] };
    const v = caseFormFrom(base);
    v.status = "filed";
    const r = caseFromForm(v, base, "2026-11-28");
    expect(r.data?.status_history).toEqual([{ status: "filed", date: "2026-11-28" }]);
    expect(r.data?.interactions).toBe(base.interactions);
    const again = caseFromForm(caseFormFrom(r.data!), r.data, "2026-11-29");
    expect(again.data?.status_history).toHaveLength(1);
  });

  it("keeps each stored demand's id, so `demand set CASE ID` still names it after an edit in the window", () => {
    const first = caseFromForm({ ...emptyCaseForm(), title: "t" }, null, "2026-11-01");
    const base = {
      ...first.data!,
      demands: [
        { id: 12, kind: "refund" as const, amount: "199.00" },
        { id: 14, kind: "apology" as const },
      ],
    };
    const v = caseFormFrom(base);
    v.demands[0]!.amount = "99.00";
    v.demands.push(newDemandValues("repair"));
    const r = caseFromForm(v, base, "2026-11-28");
    expect(r.data?.demands.map((d) => d.id)).toEqual([12, 14, undefined]);
    expect(r.data?.demands[0]?.amount).toBe("99.00");
  });
});

describe("interaction form", () => {
  const prev: Interaction = {
    occurred_at: "2026-09-05T10:12:00+08:00",
    channel: "phone",
    agent: "小美",
    agent_id: "KF1024",
    ticket_no: "T-1",
    question: null,
    answer: null,
    problems: [],
    loss: null,
    note: null,
    link_sender: null,
  };

  it("asks when a new contact happened (no default time) and defaults to the last channel and agent", () => {
    const v = newInteractionValues(prev);
    expect(v.occurred_at).toBe("");
    expect([v.channel, v.agent, v.agent_id, v.ticket_no]).toEqual(["phone", "小美", "KF1024", "T-1"]);
    expect(newInteractionValues(undefined).channel).toBe("online_chat");
    expect(shanghaiLocalInput(new Date("2026-12-31T20:00:00Z"))).toBe("2027-01-01T04:00");
    expect(shanghaiToday(new Date("2026-11-27T16:30:00Z"))).toBe("2026-11-28");
  });

  it("keeps the words verbatim, adds the +08:00 offset and only keeps a link sender for induced harm", () => {
    const v = { ...newInteractionValues(prev), occurred_at: "2026-11-28T09:30" };
    v.question = "  我要退款  ";
    v.answer = "亲，祝您生活愉快~";
    v.problems = ["irrelevant_answer"];
    v.link_sender = "impostor";
    const r = interactionFromForm(v);
    expect(r.value).toMatchObject({
      occurred_at: "2026-11-28T09:30:00+08:00",
      question: "  我要退款  ",
      answer: "亲，祝您生活愉快~",
      link_sender: null,
    });
    v.problems = ["induced_harm"];
    expect(interactionFromForm(v).value?.link_sender).toBe("impostor");
  });

  it("refuses an empty contact and a bad loss", () => {
    const v = newInteractionValues(prev);
    v.loss = "很多";
    expect(
      interactionFromForm(v)
        .errors.map((e) => e.path)
        .sort(),
    ).toEqual(["answer", "loss", "occurred_at", "occurred_at.time"]);
  });

  it("edits a stored contact: its values round-trip, shown in Beijing time", () => {
    const stored: Interaction = {
      id: 7,
      occurred_at: "2026-09-05T02:12:00+00:00",
      channel: "phone",
      agent: "李经理",
      agent_id: "8872",
      ticket_no: null,
      question: "什么时候退款？",
      answer: "24小时内一定退款。",
      problems: ["false_information"],
      loss: "12.50",
      note: null,
      link_sender: null,
    };
    const v = interactionValuesFrom(stored);
    expect(v.occurred_at).toBe("2026-09-05T10:12");
    const want: Interaction = { ...stored, occurred_at: "2026-09-05T10:12:00+08:00" };
    delete want.id;
    expect(interactionFromForm(v).value).toEqual(want);
  });
});

describe("the same contact twice", () => {
  const it0: Interaction = {
    occurred_at: "2026-11-20T09:15:00+08:00",
    channel: "online_chat",
    agent: null,
    agent_id: null,
    ticket_no: null,
    question: "到底什么时候提速？",
    answer: "亲，您的问题已经记录",
    problems: [],
    loss: null,
    note: null,
    link_sender: null,
  };
  it("is the same words (spaces at the ends aside) on the same Beijing day", () => {
    expect(
      sameContact(it0, { ...it0, occurred_at: "2026-11-20T23:59:00+08:00", answer: " 亲，您的问题 已经记录 " }),
    ).toBe(false);
    expect(
      sameContact(it0, { ...it0, occurred_at: "2026-11-20T23:59:00+08:00", question: "到底什么时候提速？ " }),
    ).toBe(true);
    expect(sameContact(it0, { ...it0, occurred_at: "2026-11-20T16:30:00+00:00" })).toBe(false);
    expect(sameContact(it0, { ...it0, occurred_at: "2026-11-19T16:30:00+00:00" })).toBe(true);
  });
});
