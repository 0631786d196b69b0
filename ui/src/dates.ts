// Dates and times as people type them, read one way only: year first. A date field is plain text, not the webview's
// date input, whose segments follow the system locale (MM/DD/YYYY on an English system): typing 2026-11-02 into
// one stored 0002-12-11. Here "2026-11-02", "2026/11/2", "2026.11.2", "2026年11月2日", "20261102" and full-width
// digits all mean the same day; "11/02/2026" is refused (month-first or day-first cannot be told apart); a day that
// does not exist (2026-02-30) is refused; a year before 2000 is refused, and so is a day after today wherever the
// field records something that happened (only a deadline lies ahead).

/** Why a typed date or time was not taken: the i18n key of the message shown next to the field. */
export type DateProblem = "error.date" | "error.date_too_early" | "error.date_future" | "error.time";

/** The earliest year a date in a case may have. */
export const EARLIEST_YEAR = 2000;

const toHalfWidth = (s: string) =>
  s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\uff1a/g, ":");

const pad = (n: number) => String(n).padStart(2, "0");

/** True when year-month-day is a day of the Gregorian calendar. */
function exists(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= (days[m - 1] ?? 0);
}

/**
 * A typed date as `YYYY-MM-DD`: null for an empty field, a problem for anything that is not a real day in year-first
 * order. `today` (`YYYY-MM-DD`, Beijing) bounds it from above unless the field is a deadline (`future`).
 */
export function normaliseDate(
  input: string,
  today: string,
  { future = false }: { future?: boolean } = {},
): string | null | { problem: DateProblem } {
  const v = toHalfWidth(input).trim();
  if (v === "") return null;
  const m =
    /^(\d{4})\s*[-/.\u5e74]\s*(\d{1,2})\s*[-/.\u6708]\s*(\d{1,2})\s*\u65e5?$/.exec(v) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) return { problem: "error.date" };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!exists(y, mo, d)) return { problem: "error.date" };
  if (y < EARLIEST_YEAR) return { problem: "error.date_too_early" };
  const date = `${y}-${pad(mo)}-${pad(d)}`;
  if (!future && date > today) return { problem: "error.date_future" };
  return date;
}

/** A typed time of day as `HH:MM`: "10:12", "9:05", "10点12分", "10点", "1012". Null for an empty field. */
export function normaliseTime(input: string): string | null | { problem: DateProblem } {
  const v = toHalfWidth(input).trim();
  if (v === "") return null;
  const m =
    /^(\d{1,2})\s*[:\u70b9\u65f6]\s*(\d{1,2})?\s*\u5206?$/.exec(v) ??
    /^(\d{2})(\d{2})$/.exec(v) ??
    /^(\d{1,2}):(\d{2}):\d{2}$/.exec(v);
  if (!m) return { problem: "error.time" };
  const [hh, mm] = [Number(m[1]), Number(m[2] ?? "0")];
  if (hh > 23 || mm > 59) return { problem: "error.time" };
  return `${pad(hh)}:${pad(mm)}`;
}

/** What a date-and-time field holds as one string: the two parts as typed, joined by "T". */
export function joinDateTime(date: string, time: string): string {
  return `${date}T${time}`;
}

/** The two typed parts of a joined value (a stored `2026-09-05T10:12` splits the same way). */
export function splitDateTime(value: string): { date: string; time: string } {
  const at = value.indexOf("T");
  return at < 0 ? { date: value, time: "" } : { date: value.slice(0, at), time: value.slice(at + 1, at + 6) };
}

/**
 * A contact's date and time as `YYYY-MM-DDTHH:MM`, or the problems of each part by the path suffix it belongs to
 * ("" for the date, ".time" for the time). Both parts are required: no time is guessed for her. A time later than
 * `now` on today's date is a day in the future too.
 */
export function normaliseDateTime(
  value: string,
  now: { date: string; time: string },
): string | { problems: { part: "" | ".time"; problem: DateProblem }[] } {
  const { date, time } = splitDateTime(value);
  const d = normaliseDate(date, now.date);
  const t = normaliseTime(time);
  const problems: { part: "" | ".time"; problem: DateProblem }[] = [];
  if (d === null) problems.push({ part: "", problem: "error.date" });
  else if (typeof d === "object") problems.push({ part: "", problem: d.problem });
  if (t === null || typeof t === "object") problems.push({ part: ".time", problem: "error.time" });
  if (problems.length > 0 || typeof d !== "string" || typeof t !== "string") return { problems };
  if (d === now.date && t > now.time) return { problems: [{ part: ".time", problem: "error.date_future" }] };
  return `${d}T${t}`;
}
