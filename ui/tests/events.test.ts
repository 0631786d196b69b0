// @vitest-environment node
import { describe, expect, it } from "vitest";
import { eventRefusal } from "../src/events";
import type { CaseEvent, EventKind } from "../src/ipc";

const ev = (kind: EventKind, date: string, channel: string | null = "12315"): CaseEvent => ({
  kind,
  date,
  channel,
  reference: null,
  note: null,
  evidence: null,
});

describe("an event the window explains before sending", () => {
  const today = "2026-11-10";
  it("needs a filing on its channel, not before it, and never in the future", () => {
    expect(eventRefusal([], ev("accepted", "2026-11-01"), today)?.key).toBe("events.refused.not_filed");
    const filed = [ev("filed", "2026-11-03")];
    expect(eventRefusal(filed, ev("accepted", "2026-11-02"), today)).toEqual({
      key: "events.refused.before_filing",
      values: { date: "2026-11-03" },
    });
    expect(eventRefusal(filed, ev("accepted", "2026-11-04", "miit_telecom"), today)?.key).toBe(
      "events.refused.other_channel",
    );
    expect(eventRefusal(filed, ev("accepted", "2026-11-11"), today)?.key).toBe("events.refused.future");
    expect(eventRefusal(filed, ev("accepted", "2026-11-06"), today)).toBeNull();
    const mediating = [...filed, ev("mediation_started", "2026-11-08")];
    expect(eventRefusal(mediating, ev("company_reply", "2026-11-07"), today)?.key).toBe("events.refused.backwards");
  });

  it("lets a police report be recorded late, before any complaint", () => {
    const filed = [ev("filed", "2026-11-03")];
    expect(eventRefusal(filed, ev("police_report", "2026-10-10", "police"), today)).toBeNull();
    expect(eventRefusal([], ev("police_report", "2026-10-10", "police"), today)).toBeNull();
  });

  it("records testing or appraisal as a span: begun once, ended only after it began", () => {
    const accepted = [ev("filed", "2026-11-03"), ev("accepted", "2026-11-05")];
    expect(eventRefusal(accepted, ev("testing_ended", "2026-11-06"), today)?.key).toBe(
      "events.refused.testing_not_started",
    );
    expect(eventRefusal(accepted, ev("testing_started", "2026-11-06"), today)).toBeNull();
    const testing = [...accepted, ev("testing_started", "2026-11-06")];
    expect(eventRefusal(testing, ev("testing_started", "2026-11-07"), today)?.key).toBe("events.refused.testing_open");
    expect(eventRefusal(testing, ev("testing_ended", "2026-11-08"), today)).toBeNull();
    expect(eventRefusal([], ev("testing_started", "2026-11-06"), today)?.key).toBe("events.refused.not_filed");
  });
});
