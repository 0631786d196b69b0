import { describe, expect, it } from "vitest";
import { confirmed, editTurns, mergeUp, splitAt } from "../src/views/screenshotCard";
import type { ReadTurn } from "../src/ipc";

const read: ReadTurn[] = [
  {
    speaker: "system",
    text: "昨天 21:03",
    time: "2026-09-09T21:03:00+08:00",
    time_basis: "relative_to_reference",
    confidence: 0.99,
    low_confidence: [],
    rect: [400, 10, 200, 40],
  },
  {
    speaker: "me",
    text: "退款什么时候到？",
    time: "2026-09-09T21:03:00+08:00",
    time_basis: "relative_to_reference",
    confidence: 0.97,
    low_confidence: [2],
    rect: [600, 80, 300, 60],
  },
  {
    speaker: "agent",
    text: "请耐心等待",
    time: "2026-09-09T21:03:00+08:00",
    time_basis: "relative_to_reference",
    confidence: 0.95,
    low_confidence: [],
    rect: [100, 160, 250, 60],
  },
  {
    speaker: "agent",
    text: "祝您生活愉快",
    time: null,
    time_basis: null,
    confidence: 0.9,
    low_confidence: [],
    rect: [100, 240, 280, 60],
  },
];

describe("correcting read turns", () => {
  it("merges a turn into the one above, uniting the boxes and dropping the reader's marks", () => {
    const turns = mergeUp(editTurns(read), 3);
    expect(turns).toHaveLength(3);
    expect(turns[2]?.text).toBe("请耐心等待\n祝您生活愉快");
    expect(turns[2]?.rect).toEqual([100, 160, 280, 140]);
    expect(turns[2]?.low).toEqual([]);
    expect(mergeUp(editTurns(read), 0)).toHaveLength(4);
  });

  it("splits a turn at a character, both halves keeping speaker and time", () => {
    const turns = splitAt(editTurns(read), 1, 4);
    expect(turns.map((t) => t.text)).toEqual(["昨天 21:03", "退款什么", "时候到？", "请耐心等待", "祝您生活愉快"]);
    expect(turns[2]?.speaker).toBe("me");
    expect(turns[2]?.time).toBe("2026-09-09T21:03:00+08:00");
    expect(splitAt(editTurns(read), 1, 0)).toHaveLength(4);
  });

  it("leaves out the turns another saved screenshot holds, and marks dates counted from the file", () => {
    const turns = editTurns(read, [2]);
    expect(turns.map((t) => t.text)).toEqual(["昨天 21:03", "退款什么时候到？", "祝您生活愉快"]);
    expect(turns[1]?.counted).toBe(true);
    expect(turns[2]?.counted).toBe(false);
  });

  it("saves every turn with words, with the speaker she chose", () => {
    const turns = editTurns(read);
    turns[3] = { ...turns[3]!, speaker: "me", text: "  " };
    const out = confirmed(turns);
    expect(out).toHaveLength(3);
    expect(out[1]).toEqual({
      speaker: "me",
      text: "退款什么时候到？",
      time: "2026-09-09T21:03:00+08:00",
      rect: [600, 80, 300, 60],
    });
  });
});
