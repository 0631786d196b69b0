// Unsaved input, kept in the Rust core's database as the user types (a short debounce), so that closing the window
// mid-edit loses nothing. Screens ask for their draft when they open and discard it once the real save succeeded.
import { api } from "../ipc";

export const DRAFT_DELAY_MS = 300;

const timers = new Map<string, ReturnType<typeof setTimeout>>();
const waiting = new Map<string, string>();

async function write(key: string) {
  const body = waiting.get(key);
  timers.delete(key);
  if (body === undefined) return;
  waiting.delete(key);
  await api.saveDraft(key, body);
}

/** Remembers `value` under `key` shortly (a burst of keystrokes makes one write). */
export function saveDraft(key: string, value: unknown, ms = DRAFT_DELAY_MS) {
  waiting.set(key, JSON.stringify(value));
  const old = timers.get(key);
  if (old !== undefined) clearTimeout(old);
  timers.set(
    key,
    setTimeout(() => void write(key).catch(() => undefined), ms),
  );
}

/** Writes every waiting draft now. */
export async function flushDrafts(): Promise<void> {
  for (const t of timers.values()) clearTimeout(t);
  await Promise.all([...waiting.keys()].map((k) => write(k)));
}

export async function loadDraft(key: string): Promise<string | null> {
  if (waiting.has(key)) return waiting.get(key) ?? null;
  return api.loadDraft(key).catch(() => null);
}

/** Forgets a draft (after the real save), including a write that was still waiting. */
export async function discardDraft(key: string): Promise<void> {
  const t = timers.get(key);
  if (t !== undefined) clearTimeout(t);
  timers.delete(key);
  waiting.delete(key);
  await api.deleteDraft(key).catch(() => undefined);
}
