// @vitest-environment node
import { afterEach, describe, expect, it } from "vitest";
import { setLocale } from "../src/i18n";
import type { Clock, RouteStep } from "../src/ipc";
import {
  channelName,
  clockExplanation,
  clockLabel,
  clockStateText,
  routeJurisdiction,
  routeReason,
} from "../src/views/outlookText";
import { t } from "../src/i18n";

const clock: Clock = {
  id: "demand_15_days",
  params: { demand: "refund", start: "2026-10-01", start_rule: "quality_demand", confirmed: "" },
  label: "“退款”要求后十五日",
  due: "2026-10-16",
  state: "running",
  rule: "《侵害消费者权益行为处罚办法》第八条",
  explanation: "…",
  assumed_years: [],
};

const step: RouteStep = {
  channel: {
    id: "miit_telecom",
    addressee: null,
    name: "工业和信息化部电信用户申诉受理中心",
    contact: "",
    scope: "",
    facts: [],
  },
  why: "company_contacted",
  params: { date: "2026-09-05" },
  reason: "…",
  from: "2026-09-21",
  done: false,
  jurisdiction: null,
};

afterEach(() => setLocale("zh-CN", null));

describe("clocks and route steps in the user's language", () => {
  it("are English in the English UI, with their values filled in", () => {
    setLocale("en", null);
    expect(clockLabel(clock)).toBe("15 days after the demand “Refund”");
    const text = clockExplanation(clock);
    expect(text).toContain("from 2026-10-01");
    expect(text).toContain("day 15 is 2026-10-16");
    expect(text).toContain("Only you can confirm");
    expect(text).not.toMatch(/[\u4e00-\u9fff]/);
    expect(routeReason(step, "2026-09-10")).toBe(
      "You raised it with the trader on 2026-09-05 (see the contacts) (possible from 2026-09-21)",
    );
    expect(routeReason(step, "2026-09-30")).toContain("(possible now)");
    expect(channelName(step.channel)).toBe("MIIT telecom user appeal centre");
  });

  it("are the data's Chinese in the Chinese UI", () => {
    expect(clockLabel(clock)).toBe("“退款”要求后十五日");
    expect(channelName(step.channel)).toBe("工信部电信用户申诉受理中心");
    expect(clockExplanation({ ...clock, params: { ...clock.params, confirmed: "2026-10-20" } })).toContain(
      "您于 2026-10-20 确认经营者仍未履行",
    );
  });

  it("say where the seven days and the three years start, and that a return asked in time kept the window", () => {
    const ret: Clock = {
      ...clock,
      id: "return_7_days",
      params: { from: "2026-09-04", from_rule: "received", requested: "2026-09-10" },
      label: "七日无理由退货",
      due: "2026-09-11",
      state: "met",
    };
    expect(clockExplanation(ret)).toBe(
      "网购商品自收到之日起七日内可以无理由退货（自收到商品之日 2026-09-04 起算；第二十五条所列商品除外）。您于 2026-09-10 提出退货，在七日之内。",
    );
    const estimate = { ...ret, params: { from: "2026-09-01", from_rule: "purchase_estimate" } };
    expect(clockExplanation(estimate)).toContain("按购买日 2026-09-01 估算");
    const limit: Clock = { ...clock, id: "limitation", params: { from: "2026-09-10", from_rule: "noticed" } };
    expect(clockExplanation(limit)).toContain("您记录的问题出现日期");
    setLocale("en", null);
    expect(clockExplanation(ret)).toContain("(counted from 2026-09-04, the day they arrived;");
    expect(clockExplanation(ret)).toContain(". You asked to return them on 2026-09-10, inside the seven days.");
    const due: Clock = { ...clock, id: "performance_due", params: { demand: "refund", due: "2026-09-11" } };
    expect(clockLabel(due)).toBe("Deadline for “Refund”");
    expect(clockExplanation(due)).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("say what the 2026 rule changes: testing not counted, the notice of an ended mediation, who handles it", () => {
    const mediation: Clock = {
      ...clock,
      id: "mediation_60_days",
      params: { accepted: "2026-05-11", paused_days: "12" },
      due: "2026-07-22",
    };
    expect(clockExplanation(mediation)).toContain("鉴定、检测用去的 12 日不计入。");
    const open = { ...mediation, params: { accepted: "2026-05-11", paused_days: "21", testing_since: "2026-05-20" } };
    expect(clockExplanation(open)).toContain("鉴定、检测自 2026-05-20 起进行中");
    const notice: Clock = {
      ...clock,
      id: "termination_notice_7_working_days",
      params: { mediation_end: "2026-07-22" },
      due: "2026-07-31",
    };
    expect(clockExplanation(notice)).toContain("六十日届满（2026-07-22）");
    const shop: RouteStep = { ...step, why: "general", jurisdiction: "platform_domicile" };
    expect(routeJurisdiction(shop)).toContain("平台住所地");
    expect(routeJurisdiction(step)).toBeNull();
    setLocale("en", null);
    expect(clockExplanation(open)).toContain("under way since 2026-05-20");
    expect(clockLabel(notice)).toBe("Notice that mediation ended (7 working days)");
    expect(clockExplanation(notice)).not.toMatch(/[\u4e00-\u9fff]/);
    expect(routeJurisdiction(shop)).toContain("where the platform is registered");
  });
});

describe("whose deadline", () => {
  afterEach(() => setLocale("zh-CN", null));
  it("a right of hers that passed is not a deadline the company missed", () => {
    const passed = { ...clock, state: "passed" as const };
    expect(clockStateText({ ...passed, id: "return_7_days" })).toBe("您的期限已过");
    expect(clockStateText({ ...passed, id: "limitation" })).toBe("您的期限已过");
    expect(clockStateText(passed)).toBe("商家已超期");
    expect(clockStateText({ ...passed, id: "acceptance_7_working_days" })).toBe("部门已超期");
    setLocale("en", null);
    expect(clockStateText(passed)).toBe("The company is overdue");
  });

  it("counts of one are singular in English", () => {
    setLocale("en", null);
    expect(t("list.interactions", { n: 1 })).toBe("1 contact");
    expect(t("list.interactions", { n: 2 })).toBe("2 contacts");
    expect(t("evidence.count", { n: 2 })).toBe("2 files of evidence");
    expect(t("upcoming.passed", { n: 1 })).toBe("passed 1 day ago");
  });
});
