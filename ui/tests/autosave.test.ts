import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { autosave, AUTOSAVE_MS } from "../src/autosave";

describe("autosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once typing pauses, only what changed, and again after a failed save", async () => {
    let value = "a";
    const saved: string[] = [];
    let ok = true;
    const status = document.createElement("p");
    const s = autosave({
      read: () => value,
      status,
      save: async (v) => {
        saved.push(v);
        return ok;
      },
    });
    s.schedule();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS);
    expect(saved).toEqual([]); // nothing changed since the form was drawn
    value = "ab";
    s.schedule();
    value = "abc";
    s.schedule();
    expect(status.textContent).not.toBe("");
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS - 1);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toEqual(["abc"]); // one save for the burst, with the latest values
    ok = false;
    value = "abcd";
    s.schedule();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS);
    ok = true;
    s.schedule();
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS);
    expect(saved).toEqual(["abc", "abcd", "abcd"]); // not saved, so still unsaved
  });

  it("saves at once when the view is left with a save waiting", async () => {
    let leave: () => void = () => undefined;
    let value = 1;
    const saved: number[] = [];
    const s = autosave({
      read: () => value,
      status: document.createElement("p"),
      onLeave: (f) => (leave = f),
      save: async (v) => {
        saved.push(v);
        return true;
      },
    });
    value = 2;
    s.schedule();
    leave();
    await vi.advanceTimersByTimeAsync(0);
    expect(saved).toEqual([2]);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_MS);
    expect(saved).toEqual([2]);
  });
});
