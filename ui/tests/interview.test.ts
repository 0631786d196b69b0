import { describe, expect, it } from "vitest";
import {
  STEPS,
  firstIncomplete,
  goBack,
  goNext,
  goTo,
  interviewToCase,
  progressOf,
  restoreInterview,
  startInterview,
  stepId,
  type InterviewState,
} from "../src/interview";

const now = new Date("2026-11-28T02:30:00Z");

function answered(): InterviewState {
  let s = startInterview(now);
  s.values.respondent.name = "杭州某某电器有限公司";
  s.values.respondent.odr = true;
  s = goNext(s).state; // company -> industry
  s = goNext(s).state; // industry -> purchase
  s.values.purchase.item = "扫地机器人";
  s.values.purchase.amount = "¥1,299";
  s = goNext(s).state; // -> story
  s.values.title = "退款被客服反复推诿";
  s = goNext(s).state; // -> contact
  s.values.contact.question = "什么时候退款？";
  s.values.contact.answer = "亲，建议您重启一下哦";
  s.values.contact.problems = ["irrelevant_answer"];
  s = goNext(s).state; // -> demands
  return s;
}

describe("the interview", () => {
  it("asks one question per step and counts the steps", () => {
    const s = startInterview(now);
    expect(stepId(s)).toBe("company");
    expect(progressOf(s)).toEqual({ current: 1, total: STEPS.length });
    expect(STEPS.at(-1)).toBe("review");
  });

  it("does not move on without the company, and says where", () => {
    const s = startInterview(now);
    const r = goNext(s);
    expect(r.state.step).toBe(0);
    expect(r.errors).toEqual([{ path: "respondent.name", key: "interview.error.company" }]);
    s.values.respondent.shop = "某某旗舰店";
    expect(goNext(s).state.step).toBe(1);
  });

  it("refuses a credit code of the wrong shape but never requires one", () => {
    const s = startInterview(now);
    s.values.respondent.name = "某公司";
    s.values.respondent.credit_code = "12345";
    expect(goNext(s).errors[0]?.key).toBe("error.credit_code_shape");
    s.values.respondent.credit_code = "91330106MA2CFXXX1R";
    expect(goNext(s).errors).toEqual([]);
  });

  it("keeps every answer when going back and forth", () => {
    let s = answered();
    const before = JSON.stringify(s.values);
    s = goBack(goBack(goBack(s)));
    expect(stepId(s)).toBe("purchase");
    s = goNext(s).state;
    s = goNext(s).state;
    s = goNext(s).state;
    expect(JSON.stringify(s.values)).toBe(before);
    expect(stepId(s)).toBe("demands");
  });

  it("offers what was paid as the refund amount", () => {
    const s = answered();
    expect(s.values.demand_amount).toBe("1299.00");
  });

  it("a described first contact needs the words, not just ticks", () => {
    let s = goTo(startInterview(now), "contact");
    s.values.contact.problems = ["false_information"];
    expect(goNext(s).errors.map((e) => e.key)).toEqual(["interview.error.contact_words"]);
    s.values.contact.problems = [];
    s = goNext(s).state;
    expect(stepId(s)).toBe("demands");
  });

  it("turns the answers into a case with its first interaction", () => {
    const s = answered();
    const { data, errors } = interviewToCase(s.values, "2026-11-28");
    expect(errors).toEqual([]);
    expect(data?.title).toBe("退款被客服反复推诿");
    expect(data?.respondent.odr).toBe(true);
    expect(data?.purchase.amount).toBe("1299.00");
    expect(data?.demands).toEqual([{ kind: "refund", amount: "1299.00" }]);
    expect(data?.interactions).toHaveLength(1);
    expect(data?.interactions[0]?.occurred_at).toBe("2026-11-28T10:30:00+08:00");
    expect(data?.interactions[0]?.answer).toBe("亲，建议您重启一下哦");
    expect(data?.interactions[0]?.problems).toEqual(["irrelevant_answer"]);
  });

  it("carries the facts only she can state into the case", () => {
    const s = answered();
    s.values.purchase.supply = "goods";
    s.values.purchase.quality_defect = true;
    s.values.respondent.is_platform = "merchant";
    s.values.contact.problems = ["false_information"];
    s.values.contact.before_purchase = "no";
    s.values.demand_made_on = "2026-11-20";
    const { data, errors } = interviewToCase(s.values, "2026-11-28");
    expect(errors).toEqual([]);
    expect(data?.facts).toMatchObject({
      supply: "goods",
      quality_defect: true,
      respondent_is_platform: false,
      food_unsafe: false,
    });
    expect(data?.interactions[0]?.before_purchase).toBe(false);
    expect(data?.demands).toEqual([{ kind: "refund", amount: "1299.00", made_on: "2026-11-20" }]);
    s.values.demand_made_on = "20.11.2026";
    expect(goNext(goTo(s, "demands")).errors.map((e) => e.path)).toEqual(["demand_made_on"]);
  });

  it("will not create a case with a missing answer, and names the step", () => {
    const s = answered();
    s.values.title = " ";
    expect(firstIncomplete(s.values)?.step).toBe("story");
    expect(interviewToCase(s.values, "2026-11-28").data).toBeNull();
  });

  it("restores a saved draft, and ignores one that is not a draft", () => {
    const s = answered();
    const back = restoreInterview(JSON.stringify(s), now);
    expect(back).toEqual(s);
    expect(restoreInterview("{broken", now)).toBeNull();
    expect(restoreInterview(JSON.stringify({ step: "x" }), now)).toBeNull();
    const old = restoreInterview(JSON.stringify({ step: 99, values: { title: "旧草稿" } }), now);
    expect(old?.step).toBe(STEPS.length - 1);
    expect(old?.values.title).toBe("旧草稿");
    expect(old?.values.respondent.odr).toBe(false);
  });
});
