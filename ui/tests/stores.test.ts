import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { discardDraft, flushDrafts, loadDraft, saveDraft } from "../src/stores/drafts";
import { deferDelete, flushDeletes, isPending, onCommitError, pending, undo } from "../src/stores/undo";

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  clearMocks();
});

function recordIpc(reply: (cmd: string, args: Record<string, unknown>) => unknown = () => null) {
  const calls: [string, Record<string, unknown>][] = [];
  mockIPC((cmd, args) => {
    calls.push([cmd, args as Record<string, unknown>]);
    return reply(cmd, args as Record<string, unknown>);
  });
  return calls;
}

describe("drafts", () => {
  it("writes a burst of keystrokes once, after the pause", async () => {
    const calls = recordIpc();
    saveDraft("interview.new", { title: "退" });
    saveDraft("interview.new", { title: "退款" });
    saveDraft("interview.new", { title: "退款被拒" });
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(400);
    expect(calls).toEqual([["save_draft", { key: "interview.new", body: '{"title":"退款被拒"}' }]]);
  });

  it("flushes what is waiting at once, and reads it back before it is written", async () => {
    const calls = recordIpc();
    saveDraft("log.7", { answer: "亲" });
    expect(await loadDraft("log.7")).toBe('{"answer":"亲"}');
    await flushDrafts();
    expect(calls.map((c) => c[0])).toEqual(["save_draft"]);
  });

  it("loads from the core, and a discarded draft is never written", async () => {
    const calls = recordIpc((cmd) => (cmd === "load_draft" ? '{"step":3}' : null));
    expect(await loadDraft("interview.new")).toBe('{"step":3}');
    saveDraft("interview.new", { step: 4 });
    await discardDraft("interview.new");
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.map((c) => c[0])).toEqual(["load_draft", "delete_draft"]);
  });
});

describe("undoable deletes", () => {
  it("carries the delete out only when the undo window closes", async () => {
    const commit = vi.fn(() => Promise.resolve());
    const restore = vi.fn();
    deferDelete("interaction:4", "记录", commit, restore, 8000);
    expect(pending()).toHaveLength(1);
    expect(isPending("interaction:4")).toBe(true);
    expect(isPending("interaction:5")).toBe(false);
    await vi.advanceTimersByTimeAsync(7000);
    expect(commit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1500);
    expect(commit).toHaveBeenCalledOnce();
    expect(restore).not.toHaveBeenCalled();
    expect(pending()).toHaveLength(0);
  });

  it("undo means it never happens", async () => {
    const commit = vi.fn(() => Promise.resolve());
    const restore = vi.fn();
    const id = deferDelete("case:1", "案件", commit, restore);
    expect(undo(id)).toBe(true);
    await vi.advanceTimersByTimeAsync(20000);
    expect(commit).not.toHaveBeenCalled();
    expect(restore).toHaveBeenCalledOnce();
    expect(undo(id)).toBe(false);
  });

  it("flushing carries out every pending delete now; a failed one is put back and reported", async () => {
    const errors: unknown[] = [];
    onCommitError((e) => errors.push(e));
    const ok = vi.fn(() => Promise.resolve());
    const restore = vi.fn();
    deferDelete("case:1", "a", ok, vi.fn());
    deferDelete("case:2", "b", () => Promise.reject(new Error("locked")), restore);
    await flushDeletes();
    expect(ok).toHaveBeenCalledOnce();
    expect(restore).toHaveBeenCalledOnce();
    expect(errors).toHaveLength(1);
    expect(pending()).toEqual([]);
  });
});
