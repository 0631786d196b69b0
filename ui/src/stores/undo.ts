// Deletes that can be taken back. A delete is shown at once but carried out only when its undo window closes (or
// the app is leaving), so "撤销" simply cancels it: nothing has to be rebuilt, and closing the window during the
// window loses nothing — the thing is still there.

export interface PendingDelete {
  id: number;
  label: string;
  /** What is being deleted (`case:3`, `interaction:17`), so screens can leave it out while it is pending. */
  key: string;
}

interface Entry extends PendingDelete {
  commit: () => Promise<void>;
  restore: () => void;
  timer: ReturnType<typeof setTimeout>;
}

export const UNDO_MS = 8000;

let nextId = 1;
const entries = new Map<number, Entry>();
const listeners = new Set<(pending: PendingDelete[]) => void>();
let onError: (e: unknown) => void = () => undefined;

function notify() {
  const list = pending();
  listeners.forEach((f) => f(list));
}

export function pending(): PendingDelete[] {
  return [...entries.values()].map(({ id, label, key }) => ({ id, label, key }));
}

/** Whether `key` is waiting to be deleted (the screen shows it as gone). */
export function isPending(key: string): boolean {
  return [...entries.values()].some((e) => e.key === key);
}

export function subscribe(f: (pending: PendingDelete[]) => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

/** Where a commit that failed is reported (the toast shows it in place). */
export function onCommitError(f: (e: unknown) => void) {
  onError = f;
}

/**
 * Schedules `commit` after `ms`. `restore` puts the thing back on screen if the user undoes. Returns the id.
 */
export function deferDelete(
  key: string,
  label: string,
  commit: () => Promise<void>,
  restore: () => void,
  ms = UNDO_MS,
): number {
  const id = nextId++;
  const timer = setTimeout(() => void run(id), ms);
  entries.set(id, { id, label, key, commit, restore, timer });
  notify();
  return id;
}

async function run(id: number) {
  const e = entries.get(id);
  if (!e) return;
  entries.delete(id);
  clearTimeout(e.timer);
  notify();
  try {
    await e.commit();
  } catch (err) {
    e.restore();
    onError(err);
  }
}

/** Takes a delete back: it never happens. */
export function undo(id: number): boolean {
  const e = entries.get(id);
  if (!e) return false;
  clearTimeout(e.timer);
  entries.delete(id);
  e.restore();
  notify();
  return true;
}

/** Carries out every pending delete now (before a reload of the same data, or when the app is leaving). */
export async function flushDeletes(): Promise<void> {
  await Promise.all([...entries.keys()].map((id) => run(id)));
}
