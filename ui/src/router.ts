// Which screen is showing. Views call navigate(); main.ts decides how to draw a route.
import type { CaseId } from "./ipc";

export type CaseTab = "overview" | "legal";

export type Route =
  | { view: "list" }
  | { view: "new" }
  | { view: "case"; id: CaseId; tab?: CaseTab }
  | { view: "edit"; id: CaseId; focus?: string };

let listener: (route: Route) => void = () => undefined;

export function onNavigate(f: (route: Route) => void) {
  listener = f;
}

export function navigate(route: Route) {
  listener(route);
}
