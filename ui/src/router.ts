// Which screen is showing. Views call navigate(); main.ts decides how to draw a route.
import type { CaseId, InteractionId } from "./ipc";

export type CaseTab = "timeline" | "log" | "evidence" | "legal" | "demands" | "export";
export const CASE_TABS: readonly CaseTab[] = ["timeline", "log", "evidence", "legal", "demands", "export"];

export type Route =
  | { view: "list" }
  | { view: "new" }
  | { view: "settings" }
  | { view: "stats" }
  | { view: "case"; id: CaseId; tab?: CaseTab; edit?: InteractionId }
  | { view: "edit"; id: CaseId; focus?: string };

let listener: (route: Route) => void = () => undefined;
let cleanups: (() => void)[] = [];

/** Registers something to undo when the screen changes (e.g. a window event listener). */
export function onLeave(f: () => void) {
  cleanups.push(f);
}

export function onNavigate(f: (route: Route) => void) {
  listener = f;
}

export function navigate(route: Route) {
  const pending = cleanups;
  cleanups = [];
  pending.forEach((f) => f());
  listener(route);
}
