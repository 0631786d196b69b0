// Splits a chat transcript the user copied out of a shop's chat, an app or WeChat into turns (who said what, and
// when), then pairs them into question/answer interactions she can correct before saving. Pure functions, no DOM.
// The words are kept verbatim: only line breaks at the ends and the speaker headers are removed.
import words from "./transcript-words.json";

export type Speaker = "me" | "agent";

export interface Turn {
  speaker: Speaker;
  /** The name in the header as copied ("客服小美", "王秀兰"), or "" when the transcript had none. */
  name: string;
  /** `2026-09-05T10:12` (Beijing wall time) when the header carried a time. */
  time: string | null;
  text: string;
}

export interface PairedTurns {
  occurred_at: string;
  agent: string;
  question: string;
  answer: string;
}

const AGENT = new RegExp(words.agent.join("|"), "i");
const ACCOUNT = new Set(words.account.map((w) => w.replace(/\s/g, "").toLowerCase()));
const SHOP = new RegExp(`(${words.shop_suffix.join("|")})$`);
const ME = new RegExp(`^(${words.me.join("|")})$`, "i");

// 2026-09-05 10:12[:03], 2026/9/5 10:12, 2026\u5e749\u67085\u65e5 10:12 (year, month, day characters), or a bare 10:12[:03].
const DATE_TIME = String.raw`(\d{4})[-/.\u5e74](\d{1,2})[-/.\u6708](\d{1,2})\u65e5?\s+(\d{1,2}):(\d{2})(?::\d{2})?`;
const TIME_ONLY = String.raw`(\d{1,2}):(\d{2})(?::\d{2})?`;
const STAMP = `(?:${DATE_TIME}|${TIME_ONLY})`;
const NAME = String.raw`([^\s:：\[\]【】()（）]{1,24})`;

// "客服小美 2026-09-05 10:12:03" or "王秀兰 10:12" on its own line (the message follows on the next lines).
const NAME_THEN_STAMP = new RegExp(`^${NAME}\\s+${STAMP}$`);
// "2026-09-05 10:12:03 客服小美" on its own line.
const STAMP_THEN_NAME = new RegExp(`^${STAMP}\\s+${NAME}$`);
// "[2026-09-05 10:12] 客服：您好" or "10:12 我: 你好".
const STAMP_NAME_TEXT = new RegExp(`^[\\[【]?${STAMP}[\\]】]?\\s*${NAME}\\s*[:：]\\s*(.*)$`);
// "客服：您好" (a name of at most 12 characters, so that ordinary sentences with a colon are not taken as names).
const NAME_TEXT = /^([^\s:：]{1,12})\s*[:：]\s*(.*)$/;

const pad = (n: string | number) => String(n).padStart(2, "0");

interface Stamp {
  date: string | null;
  time: string;
}

/** Reads the date and time out of the captured groups of STAMP (7 groups: y, m, d, H, M, then H, M). */
function stampOf(g: (string | undefined)[]): Stamp {
  const [y, mo, d, hh, mm, th, tm] = g;
  if (y && mo && d && hh && mm) return { date: `${y}-${pad(mo)}-${pad(d)}`, time: `${pad(hh)}:${mm}` };
  return { date: null, time: `${pad(th ?? "0")}:${tm ?? "00"}` };
}

function speakerOf(name: string, myNames: readonly string[]): Speaker | null {
  if (name === "") return null;
  if (myNames.includes(name) || ME.test(name)) return "me";
  if (AGENT.test(name)) return "agent";
  return null;
}

/**
 * Splits `text` into turns. `fallbackDate` (`2026-09-05`) dates turns whose header has only a time; `myNames` are
 * names known to be the consumer. A name that is neither clearly the consumer nor clearly customer service is
 * guessed (see below); she corrects it on screen.
 */
export function splitTranscript(text: string, fallbackDate: string, myNames: readonly string[] = []): Turn[] {
  const raw: { name: string; stamp: Stamp | null; lines: string[] }[] = [];
  let current: (typeof raw)[number] | null = null;
  const start = (name: string, stamp: Stamp | null, first?: string) => {
    current = { name, stamp, lines: first !== undefined && first !== "" ? [first] : [] };
    raw.push(current);
  };
  for (const line of text.replace(/\r\n?/g, "\n").split("\n")) {
    const trimmed = line.trim();
    let m: RegExpExecArray | null;
    if ((m = STAMP_NAME_TEXT.exec(trimmed))) {
      start(m[8] ?? "", stampOf(m.slice(1, 8)), m[9] ?? "");
    } else if ((m = NAME_THEN_STAMP.exec(trimmed))) {
      start(m[1] ?? "", stampOf(m.slice(2, 9)));
    } else if ((m = STAMP_THEN_NAME.exec(trimmed))) {
      start(m[8] ?? "", stampOf(m.slice(1, 8)));
    } else if ((m = NAME_TEXT.exec(trimmed)) && speakerOf(m[1] ?? "", myNames) !== null) {
      start(m[1] ?? "", null, m[2] ?? "");
    } else if (current !== null) {
      (current as (typeof raw)[number]).lines.push(line.replace(/\s+$/, ""));
    } else if (trimmed !== "") {
      start("", null, line.replace(/\s+$/, ""));
    }
  }
  // Unknown names: once the consumer is known by name, the others are customer service; otherwise one such name
  // is the consumer, and several alternate, starting with the consumer.
  const unknown = [...new Set(raw.map((r) => r.name).filter((n) => speakerOf(n, myNames) === null && n !== ""))];
  const meKnown = raw.some((r) => speakerOf(r.name, myNames) === "me");
  let date = fallbackDate;
  let previous: Speaker = "agent";
  const turns: Turn[] = [];
  for (const r of raw) {
    const body = r.lines.join("\n").replace(/^\n+|\n+$/g, "");
    if (body.trim() === "") continue;
    let speaker = speakerOf(r.name, myNames);
    if (speaker === null) {
      if (r.name === "") speaker = previous === "me" ? "agent" : "me";
      else if (meKnown) speaker = "agent";
      else speaker = unknown.length === 1 || unknown.indexOf(r.name) % 2 === 0 ? "me" : "agent";
    }
    if (r.stamp?.date) date = r.stamp.date;
    turns.push({ speaker, name: r.name, time: r.stamp ? `${date}T${r.stamp.time}` : null, text: body });
    previous = speaker;
  }
  return turns;
}

/**
 * Pairs turns into interactions: what she said (one or more turns) and what customer service answered. A reply
 * with no question before it (a greeting) gets an empty question. `fallback` (`2026-09-05T10:12`) times pairs whose
 * turns had no time.
 */
export function pairTurns(turns: readonly Turn[], fallback: string): PairedTurns[] {
  const out: PairedTurns[] = [];
  let q: Turn[] = [];
  let a: Turn[] = [];
  const flush = () => {
    if (q.length === 0 && a.length === 0) return;
    const first = q[0] ?? a[0];
    out.push({
      occurred_at: first?.time ?? out.at(-1)?.occurred_at ?? fallback,
      agent: a.find((t) => t.name !== "")?.name ?? "",
      question: q.map((t) => t.text).join("\n"),
      answer: a.map((t) => t.text).join("\n"),
    });
    q = [];
    a = [];
  };
  for (const t of turns) {
    if (t.speaker === "me") {
      if (a.length > 0) flush();
      q.push(t);
    } else {
      a.push(t);
    }
  }
  flush();
  return out;
}

const folded = (s: string) => s.replace(/[\s\u3000·・]/g, "").toLowerCase();

/**
 * The agent's name a speaker label gives, or "": a label that is the company's own account — its shop or company
 * name, a shop's name ("…旗舰店"), or a word such as 在线客服 alone — names no person, and is not filed as one.
 */
export function agentNameOf(label: string, company: readonly (string | null)[]): string {
  const l = folded(label);
  if (l === "" || ACCOUNT.has(l) || SHOP.test(l)) return "";
  const names = company.map((c) => folded(c ?? "")).filter((c) => c.length >= 2);
  if (names.some((c) => c.includes(l) || l.includes(c))) return "";
  return label.trim();
}
