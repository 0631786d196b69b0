// Saving as the user types, for every form that has no save button to forget: wait until typing pauses, skip a
// save when nothing changed since the last one, say so in a status line, and save at once when the user leaves the
// view with a save still waiting. One helper, so that every form behaves (and is tested) the same.
import { t } from "./i18n";

export const AUTOSAVE_MS = 600;

export interface AutosaveOptions<T> {
  /** The form's values now. */
  read: () => T;
  /** Saves the values; resolves false when they were not saved (the form shows why), so they stay unsaved. */
  save: (values: T) => Promise<boolean>;
  /** Where "保存中…" / "已保存" is shown. */
  status: HTMLElement;
  /** Registers a callback for leaving the view (the router's `onLeave`). */
  onLeave?: (f: () => void) => void;
  delayMs?: number;
}

export interface Autosave {
  /** A change happened: save after the pause (or after `ms`). */
  schedule(ms?: number): void;
  /** Save now if a save is waiting or the values changed. */
  flush(): Promise<void>;
  /** Forget a waiting save (the caller saves another way, e.g. a submit). */
  cancel(): void;
  /** The values as last saved changed elsewhere (e.g. after a submit): take them as the saved state. */
  markSaved(): void;
}

export function autosave<T>(o: AutosaveOptions<T>): Autosave {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastSaved = JSON.stringify(o.read());
  let running: Promise<void> = Promise.resolve();

  const run = async () => {
    timer = undefined;
    const values = o.read();
    const key = JSON.stringify(values);
    if (key === lastSaved) {
      o.status.textContent = "";
      return;
    }
    if (await o.save(values)) {
      lastSaved = key;
      o.status.textContent = t("autosave.saved", { time: new Date().toTimeString().slice(0, 5) });
    }
  };
  // One save at a time: a save scheduled while another runs waits for it.
  const queue = () => (running = running.then(run, run));

  const self: Autosave = {
    schedule(ms = o.delayMs ?? AUTOSAVE_MS) {
      clearTimeout(timer);
      o.status.textContent = t("autosave.pending");
      timer = setTimeout(() => void queue(), ms);
    },
    flush() {
      clearTimeout(timer);
      return queue();
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
    markSaved() {
      lastSaved = JSON.stringify(o.read());
    },
  };
  o.onLeave?.(() => {
    if (timer === undefined) return;
    void self.flush();
  });
  return self;
}
