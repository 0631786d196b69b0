// Properties of the transcript splitter over generated input (fast-check). In `make test` each property runs a
// few thousand cases; the fuzzing campaign runs ten million each (see fuzz/README.md):
//   FC_RUNS=10000000 npx vitest run tests/transcript.property.test.ts
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pairTurns, splitTranscript } from "../src/transcript";

const RUNS = Number(process.env.FC_RUNS ?? 3000);
const TIMEOUT = RUNS > 10_000 ? 0 : 30_000;
const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() % 2 ** 31;

/** Runs a property `RUNS` times in batches of 10,000 (each with its own seed, logged on failure), yielding between
 * batches so that a ten-million-run campaign does not starve the test worker. */
async function check<T>(property: fc.IProperty<T>): Promise<void> {
  const batch = 10_000;
  for (let done = 0; done < RUNS; done += batch) {
    fc.assert(property, { numRuns: Math.min(batch, RUNS - done), seed: SEED + done });
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (RUNS > 1_000_000 && (done + batch) % 1_000_000 === 0) console.log(`${done + batch} runs passed`);
  }
}

// Text that looks like chat: Chinese and Latin words, digits, colons, brackets, times and white space, in lines.
const piece = fc.constantFrom(
  "客服",
  "小美",
  "我",
  "王秀兰",
  "：",
  ":",
  " ",
  "\t",
  "【",
  "】",
  "[",
  "]",
  "(",
  "）",
  "2026-09-05",
  "10:12",
  "10:12:03",
  "2026年9月5日",
  "退款",
  "亲",
  "~",
  "\r\n",
  "\n",
  "\r",
  "",
  "售后专员",
  "a",
  "0",
  "99:99",
  "\u202e",
);
const chatLike = fc.array(fc.oneof(piece, fc.string({ maxLength: 6 })), { maxLength: 60 }).map((a) => a.join(""));
const anyText = fc.oneof(
  chatLike,
  fc.string({ maxLength: 200, unit: "grapheme" }),
  fc.string({ maxLength: 200, unit: "binary" }),
);

describe("the transcript splitter, on any input", () => {
  it(
    "never throws, and every turn is words from the input, verbatim",
    async () => {
      await check(
        fc.property(anyText, (text) => {
          const turns = splitTranscript(text, "2026-09-05");
          const normalised = text.replace(/\r\n?/g, "\n");
          for (const t of turns) {
            expect(t.text.trim()).not.toBe("");
            for (const line of t.text.split("\n")) expect(normalised).toContain(line.trim());
            expect(["me", "agent"]).toContain(t.speaker);
            if (t.time !== null) expect(t.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
          }
          const pairs = pairTurns(turns, "2026-09-05T00:00");
          expect(pairs.length).toBeLessThanOrEqual(turns.length);
          const said = (s: "me" | "agent") =>
            turns
              .filter((t) => t.speaker === s)
              .map((t) => t.text)
              .join("\n");
          expect(
            pairs
              .map((p) => p.question)
              .filter((q) => q !== "")
              .join("\n"),
          ).toBe(said("me"));
          expect(
            pairs
              .map((p) => p.answer)
              .filter((a) => a !== "")
              .join("\n"),
          ).toBe(said("agent"));
        }),
      );
    },
    TIMEOUT,
  );
});

// A transcript written from known turns reads back as those turns.
const message = fc
  .array(
    fc.constantFrom(
      "机器",
      "不能",
      "充电",
      "请问",
      "退款",
      "亲",
      "已经",
      "重启",
      "三次",
      "，",
      "。",
      "？",
      "hello",
      "123",
    ),
    {
      minLength: 1,
      maxLength: 12,
    },
  )
  .map((w) => w.join(""));
const turnSpec = fc.record({
  me: fc.boolean(),
  minute: fc.integer({ min: 0, max: 59 }),
  hour: fc.integer({ min: 0, max: 23 }),
  lines: fc.array(message, { minLength: 1, maxLength: 3 }),
});

describe("the transcript splitter, on transcripts it can read", () => {
  it(
    "gives back the speakers, names, times and words a transcript was written from",
    async () => {
      await check(
        fc.property(fc.array(turnSpec, { minLength: 1, maxLength: 12 }), (specs) => {
          const pad = (n: number) => String(n).padStart(2, "0");
          const text = specs
            .map(
              (s) =>
                `${s.me ? "王秀兰" : "客服小美"} 2026-09-05 ${pad(s.hour)}:${pad(s.minute)}:00\n${s.lines.join("\n")}`,
            )
            .join("\n");
          const turns = splitTranscript(text, "2026-01-01", ["王秀兰"]);
          expect(turns).toEqual(
            specs.map((s) => ({
              speaker: s.me ? "me" : "agent",
              name: s.me ? "王秀兰" : "客服小美",
              time: `2026-09-05T${pad(s.hour)}:${pad(s.minute)}`,
              text: s.lines.join("\n"),
            })),
          );
        }),
      );
    },
    TIMEOUT,
  );
});
