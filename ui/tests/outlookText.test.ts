// @vitest-environment node
import { afterEach, describe, expect, it } from "vitest";
import { setLocale } from "../src/i18n";
import type { Clock, RouteStep } from "../src/ipc";
import { channelName, clockExplanation, clockLabel, routeReason } from "../src/views/outlookText";

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
});
