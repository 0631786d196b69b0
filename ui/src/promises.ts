// A time promise in customer service's words ("48小时内给您处理", "三个工作日内退款"): what the time line offers to tag
// as 拖延或不处理 once the promise is not kept. Pure, no DOM. It only suggests: she confirms with a click, and nothing
// is tagged or dated for her.

export interface TimePromise {
  /** The words as the agent wrote them ("48小时内"). */
  words: string;
  /** The end of the promised time when it can be counted in hours or calendar days from the contact; null for
   * working days (they need the holiday calendar, and the core counts those). */
  due: string | null;
}

const DIGITS: Record<string, number> = {
  "\u96f6": 0,
  "\u4e00": 1,
  "\u4e8c": 2,
  "\u4e24": 2,
  "\u4e09": 3,
  "\u56db": 4,
  "\u4e94": 5,
  "\u516d": 6,
  "\u4e03": 7,
  "\u516b": 8,
  "\u4e5d": 9,
};
const TEN = "\u5341";

/** 48, 四十八, 两, 十五 → a number (up to 99); null for anything else. */
function numberOf(s: string): number | null {
  if (/^\d{1,3}$/.test(s)) return Number(s);
  if (s.includes(TEN)) {
    const [a = "", b = ""] = s.split(TEN);
    const tens = a === "" ? 1 : DIGITS[a];
    const ones = b === "" ? 0 : DIGITS[b];
    return tens === undefined || ones === undefined ? null : tens * 10 + ones;
  }
  return s.length === 1 ? (DIGITS[s] ?? null) : null;
}

// A count, then hours / (working) days, then 内 / 之内 / 以内: 48小时内, 三个工作日内, 7天之内, 两日以内.
const PROMISE = new RegExp(
  "(\\d{1,3}|[\u96f6\u4e00\u4e8c\u4e24\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341]{1,3})\\s*\u4e2a?\\s*" +
    "(\u5c0f\u65f6|\u949f\u5934|\u5de5\u4f5c\u65e5|\u5929|\u65e5)\\s*[\u4e4b\u4ee5]?\u5185",
);

const pad = (n: number) => String(n).padStart(2, "0");

/** `2026-11-20T09:15` in Beijing wall time, `hours` after a stored instant. */
function beijingAfter(occurredAt: string, hours: number): string {
  const t = new Date(Date.parse(occurredAt) + (hours + 8) * 3600 * 1000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

/** The first time promise in an answer, with its end when it can be counted; null when there is none. */
export function timePromise(answer: string, occurredAt: string): TimePromise | null {
  const m = PROMISE.exec(answer);
  if (!m) return null;
  const n = numberOf(m[1] ?? "");
  if (n === null || n === 0) return null;
  const unit = m[2] ?? "";
  const hours = unit === "\u5c0f\u65f6" || unit === "\u949f\u5934" ? n : unit === "\u5de5\u4f5c\u65e5" ? null : n * 24;
  return { words: m[0], due: hours === null ? null : beijingAfter(occurredAt, hours) };
}
