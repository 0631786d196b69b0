import { describe, expect, it } from "vitest";
import { normaliseDate, normaliseDateTime, normaliseTime, splitDateTime } from "../src/dates";

const today = "2026-12-08";

describe("dates as people type them", () => {
  it("reads every year-first form as the same day", () => {
    for (const typed of [
      "2026-11-02",
      "2026-11-2",
      "2026/11/02",
      "2026.11.2",
      "2026年11月2日",
      "20261102",
      "２０２６-１１-０２",
      " 2026 年 11 月 2 日 ",
    ]) {
      expect(normaliseDate(typed, today), typed).toBe("2026-11-02");
    }
    expect(normaliseDate("  ", today)).toBeNull();
  });

  it("refuses month-first, impossible, pre-2000 and future days", () => {
    expect(normaliseDate("11/02/2026", today)).toEqual({ problem: "error.date" });
    expect(normaliseDate("02.11.2026", today)).toEqual({ problem: "error.date" });
    expect(normaliseDate("2026-02-29", today)).toEqual({ problem: "error.date" });
    expect(normaliseDate("2024-02-29", today)).toBe("2024-02-29");
    expect(normaliseDate("2026-13-01", today)).toEqual({ problem: "error.date" });
    expect(normaliseDate("0002-12-11", today)).toEqual({ problem: "error.date_too_early" });
    expect(normaliseDate("1999-12-31", today)).toEqual({ problem: "error.date_too_early" });
    expect(normaliseDate("2026-12-09", today)).toEqual({ problem: "error.date_future" });
    expect(normaliseDate("2026-12-09", today, { future: true })).toBe("2026-12-09");
  });

  it("reads times with a colon, 点 and 分, or four digits", () => {
    expect(normaliseTime("10:12")).toBe("10:12");
    expect(normaliseTime("9:05")).toBe("09:05");
    expect(normaliseTime("10点12分")).toBe("10:12");
    expect(normaliseTime("10点")).toBe("10:00");
    expect(normaliseTime("１０：１２")).toBe("10:12");
    expect(normaliseTime("1012")).toBe("10:12");
    expect(normaliseTime("10:12:59")).toBe("10:12");
    expect(normaliseTime("24:00")).toEqual({ problem: "error.time" });
    expect(normaliseTime("下午三点")).toEqual({ problem: "error.time" });
    expect(normaliseTime("")).toBeNull();
  });

  it("needs both the day and the time of a contact, and neither in the future", () => {
    const now = { date: today, time: "10:30" };
    expect(normaliseDateTime("2026/12/8T9:05", now)).toBe("2026-12-08T09:05");
    expect(normaliseDateTime("2026-12-08T10:31", now)).toEqual({
      problems: [{ part: ".time", problem: "error.date_future" }],
    });
    expect(normaliseDateTime("T", now)).toEqual({
      problems: [
        { part: "", problem: "error.date" },
        { part: ".time", problem: "error.time" },
      ],
    });
    expect(splitDateTime("2026-09-05T10:12")).toEqual({ date: "2026-09-05", time: "10:12" });
  });
});
