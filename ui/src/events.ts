// Whether an event can follow the ones a case has: the same rules the core applies when it saves (store/cases.rs,
// `check_event`), here so the window can say why in the user's language before anything is sent. The core still
// decides; this only explains.
import type { CaseEvent, EventKind } from "./ipc";

export const NEEDS_FILING: readonly EventKind[] = [
  "accepted",
  "refused",
  "mediation_started",
  "mediation_ended",
  "resolved",
  "withdrawn",
  "testing_started",
  "testing_ended",
];

/** Why the event cannot be recorded (a catalog key and its values), or null if it can. */
export function eventRefusal(
  events: readonly CaseEvent[],
  e: CaseEvent,
  today: string,
): { key: string; values: Record<string, string> } | null {
  if (e.date > today) return { key: "events.refused.future", values: { date: e.date } };
  if (e.kind === "police_report") return null;
  const filings = events.filter((x) => x.kind === "filed");
  if (NEEDS_FILING.includes(e.kind)) {
    if (filings.length === 0) return { key: "events.refused.not_filed", values: {} };
    const filed = filings.filter((f) => f.channel === e.channel);
    if (filed.length === 0) return { key: "events.refused.other_channel", values: {} };
    const last = filed.map((f) => f.date).sort()[filed.length - 1]!;
    if (e.date < last) return { key: "events.refused.before_filing", values: { date: last } };
  }
  // Testing or appraisal is a span: it ends only once it began, and does not begin twice at once.
  if (e.kind === "testing_started" || e.kind === "testing_ended") {
    let open = false;
    for (const x of events.filter((x) => x.channel === e.channel)) {
      if (x.kind === "testing_started") open = true;
      if (x.kind === "testing_ended") open = false;
    }
    if (e.kind === "testing_ended" && !open) return { key: "events.refused.testing_not_started", values: {} };
    if (e.kind === "testing_started" && open) return { key: "events.refused.testing_open", values: {} };
  }
  const same = events.filter((x) => x.kind !== "police_report" && x.channel === e.channel).map((x) => x.date);
  const latest = same.sort()[same.length - 1];
  if (latest !== undefined && e.date < latest) return { key: "events.refused.backwards", values: { date: latest } };
  return null;
}
