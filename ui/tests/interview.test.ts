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
  let s = startInterview();
  s.values.respondent.name = "杭州某某电器有限公司";
  s.values.respondent.odr = true;
  s = goNext(s, now).state; // company -> industry
  s = goNext(s, now).state; // industry -> purchase
  s.values.purchase.item = "扫地机器人";
  s.values.purchase.amount = "¥1,299";
  s.values.purchase.personal_use = "yes";
  s = goNext(s, now).state; // -> story
  s.values.title = "退款被客服反复推诿";
  s = goNext(s, now).state; // -> contact
  s.values.contact.occurred_at = "2026-11-28T10:30";
  s.values.contact.question = "什么时候退款？";
  s.values.contact.answer = "亲，建议您重启一下哦";
  s.values.contact.problems = ["irrelevant_answer"];
  s = goNext(s, now).state; // -> demands
  return s;
}

describe("the interview", () => {
  it("asks one question per step and counts the steps", () => {
    const s = startInterview();
    expect(stepId(s)).toBe("company");
    expect(progressOf(s)).toEqual({ current: 1, total: STEPS.length });
    expect(STEPS.at(-1)).toBe("review");
  });

  it("does not move on without the company, and says where", () => {
    const s = startInterview();
    const r = goNext(s, now);
    expect(r.state.step).toBe(0);
    expect(r.errors).toEqual([{ path: "respondent.name", key: "interview.error.company" }]);
    s.values.respondent.shop = "某某旗舰店";
    expect(goNext(s, now).state.step).toBe(1);
  });

  it("refuses a credit code of the wrong shape but never requires one", () => {
    const s = startInterview();
    s.values.respondent.name = "某公司";
    s.values.respondent.credit_code = "12345";
    expect(goNext(s, now).errors[0]?.key).toBe("error.credit_code_shape");
    s.values.respondent.credit_code = "91330106MA2CFXXX1R";
    expect(goNext(s, now).errors).toEqual([]);
  });

  it("keeps every answer when going back and forth", () => {
    let s = answered();
    const before = JSON.stringify(s.values);
    s = goBack(goBack(goBack(s)));
    expect(stepId(s)).toBe("purchase");
    s = goNext(s, now).state;
    s = goNext(s, now).state;
    s = goNext(s, now).state;
    expect(JSON.stringify(s.values)).toBe(before);
    expect(stepId(s)).toBe("demands");
  });

  it("offers what was paid as the refund amount", () => {
    const s = answered();
    expect(s.values.demand_amount).toBe("1299.00");
  });

  it("a described first contact needs the words, not just ticks", () => {
    let s = goTo(startInterview(), "contact");
    s.values.contact.problems = ["false_information"];
    expect(goNext(s, now).errors.map((e) => e.key)).toEqual([
      "error.date",
      "error.time",
      "interview.error.contact_words",
    ]);
    s.values.contact.problems = [];
    s = goNext(s, now).state;
    expect(stepId(s)).toBe("demands");
  });

  it("turns the answers into a case with its first interaction", () => {
    const s = answered();
    const { data, errors } = interviewToCase(s.values, now);
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
    const { data, errors } = interviewToCase(s.values, now);
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
    expect(goNext(goTo(s, "demands"), now).errors.map((e) => e.path)).toEqual(["demand_made_on"]);
  });

  it("will not create a case with a missing answer, and names the step", () => {
    const s = answered();
    s.values.title = " ";
    expect(firstIncomplete(s.values, now)?.step).toBe("story");
    expect(interviewToCase(s.values, now).data).toBeNull();
  });

  it("asks which day a contact was, never assumes it, and refuses a day that has not come", () => {
    let s = goTo(startInterview(), "contact");
    expect(s.values.contact.occurred_at).toBe("");
    s.values.contact.answer = "亲，已经为您加急处理";
    s.values.contact.occurred_at = "2026年11月2日T10点12";
    expect(goNext(s, now).errors).toEqual([]);
    s.values.contact.occurred_at = "2026-11-28T11:00"; // later today than 10:30 in Beijing
    expect(goNext(s, now).errors).toEqual([{ path: "contact.occurred_at.time", key: "error.date_future" }]);
    s.values.contact.occurred_at = "0002-12-11T10:00";
    expect(goNext(s, now).errors).toEqual([{ path: "contact.occurred_at", key: "error.date_too_early" }]);
    s.values.contact.occurred_at = "11/02/2026T10:00";
    expect(goNext(s, now).errors).toEqual([{ path: "contact.occurred_at", key: "error.date" }]);
    s.values.contact.occurred_at = "2026-11-02T10:12";
    s = goNext(s, now).state;
    expect(stepId(s)).toBe("demands");
  });

  it("stores a purchase date typed the Chinese way right, and refuses an absurd one in place", () => {
    const s = answered();
    s.values.purchase.date = "2026年11月2日";
    expect(interviewToCase(s.values, now).data?.purchase.date).toBe("2026-11-02");
    for (const [typed, key] of [
      ["1999-12-31", "error.date_too_early"],
      ["2026-12-01", "error.date_future"],
      ["2026-02-30", "error.date"],
      ["11/02/2026", "error.date"],
    ] as const) {
      s.values.purchase.date = typed;
      expect(goNext(goTo(s, "purchase"), now).errors, typed).toEqual([{ path: "purchase.date", key }]);
      expect(interviewToCase(s.values, now).data).toBeNull();
    }
  });

  it("takes the company's address in the interview, as the 12315 pre-check needs it", () => {
    const s = answered();
    s.values.respondent.address = "浙江省杭州市余杭区某某路 1 号";
    expect(interviewToCase(s.values, now).data?.respondent.address).toBe("浙江省杭州市余杭区某某路 1 号");
  });

  it("asks whether she bought for her own use, and prints nothing she did not answer", () => {
    const s = answered();
    expect(interviewToCase(s.values, now).data?.purchase.personal_use).toBe(true);
    s.values.purchase.personal_use = "";
    expect(goNext(goTo(s, "purchase"), now).errors).toEqual([
      { path: "purchase.personal_use", key: "interview.error.personal_use" },
    ]);
    expect(interviewToCase(s.values, now).data).toBeNull();
    s.values.purchase.personal_use = "no";
    expect(interviewToCase(s.values, now).data?.purchase.personal_use).toBe(false);
  });

  it("questions once, in place, a contact dated before the purchase", () => {
    let s = answered();
    s.values.purchase.date = "2026-11-20";
    s.values.contact.occurred_at = "2026-11-10T09:00";
    s = goTo(s, "contact");
    const first = goNext(s, now);
    expect(first.errors).toEqual([]);
    expect(first.questions).toEqual([
      { path: "contact.occurred_at", key: "interview.question.contact_before_purchase" },
    ]);
    expect(stepId(first.state)).toBe("contact");
    const second = goNext(first.state, now);
    expect(second.questions).toEqual([]);
    expect(stepId(second.state)).toBe("demands");
    // Said before she ordered: nothing to question.
    s.values.contact.problems = ["false_information"];
    s.values.contact.before_purchase = "yes";
    expect(goNext(s, now).questions).toEqual([]);
  });

  it("restores a saved draft, and ignores one that is not a draft", () => {
    const s = answered();
    const back = restoreInterview(JSON.stringify(s));
    expect(back).toEqual(s);
    expect(restoreInterview("{broken")).toBeNull();
    expect(restoreInterview(JSON.stringify({ step: "x" }))).toBeNull();
    const old = restoreInterview(JSON.stringify({ step: 99, values: { title: "旧草稿" } }));
    expect(old?.step).toBe(STEPS.length - 1);
    expect(old?.values.title).toBe("旧草稿");
    expect(old?.values.respondent.odr).toBe(false);
  });
});
