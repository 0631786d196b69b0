// @vitest-environment node
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { catalogs, LOCALES, setLocale, t } from "../src/i18n";
import {
  CASE_STATUSES,
  CHANNELS,
  DEMAND_KINDS,
  CLOCK_KINDS,
  ERROR_CODES,
  ROUTE_REASONS,
  JURISDICTIONS,
  INDUSTRIES,
  LINK_SENDERS,
  PROBLEM_KINDS,
  SUPPLY_KINDS,
} from "../src/ipc/bindings";
import { ANSWERS } from "../src/facts";
import { STEPS } from "../src/interview";
import { CASE_TABS } from "../src/router";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith(".ts") ? [p] : [];
  });
}

const srcDir = fileURLToPath(new URL("../src", import.meta.url));
// The complaint channels as the core ships them: their Chinese words are the catalog's, verbatim.
// The advice the legal rules give, with the Chinese words the data states.
const ADVICE_DATA = (
  JSON.parse(
    readFileSync(fileURLToPath(new URL("../../crates/core/data/legal/rules.json", import.meta.url)), "utf8"),
  ) as {
    advice: { id: string; text: string }[];
  }
).advice;
const CHANNELS_DATA = (
  JSON.parse(readFileSync(fileURLToPath(new URL("../../crates/core/data/channels.json", import.meta.url)), "utf8")) as {
    channels: { id: string; name: string; contact: string; facts: { text: string }[] }[];
  }
).channels;
const files = sources(srcDir).filter((f) => !f.endsWith("bindings.ts"));

describe("i18n catalogs", () => {
  it("zh-CN and en have exactly the same keys (English adds singulars, `key.one`), none empty", () => {
    const zh = Object.keys(catalogs["zh-CN"]).sort();
    const en = Object.keys(catalogs.en).sort();
    expect(en.filter((k) => !k.endsWith(".one"))).toEqual(zh);
    for (const k of en.filter((k) => k.endsWith(".one"))) expect(catalogs.en[k.slice(0, -4)], k).toContain("{n}");
    for (const l of LOCALES) for (const [k, v] of Object.entries(catalogs[l])) expect(v, `${l} ${k}`).not.toBe("");
  });

  it("has a label for every value of every closed set", () => {
    const sets: [string, readonly string[]][] = [
      ["status", CASE_STATUSES],
      ["industry", INDUSTRIES],
      ["channel", CHANNELS],
      ["problem", PROBLEM_KINDS],
      ["demand", DEMAND_KINDS],
      ["link_sender", LINK_SENDERS],
      ["supply", SUPPLY_KINDS],
      ["error.code", ERROR_CODES],
      ["clock", CLOCK_KINDS.map((k) => `${k}.label`)],
      ["clock", CLOCK_KINDS.filter((k) => k !== "demand_15_days").map((k) => `${k}.explanation`)],
      ["clock.demand_15_days", ["explanation.period_end", "explanation.quality_demand", "confirmed", "unconfirmed"]],
      ["route.why", ROUTE_REASONS],
      ["route.jurisdiction", JURISDICTIONS],
      ["advice", ADVICE_DATA.map((a) => a.id)],
      ...CHANNELS_DATA.map((c): [string, readonly string[]] => [
        `route.channel.${c.id}`,
        ["name", "contact", ...c.facts.map((_, n) => `fact.${n}`)],
      ]),
      ["facts.platform", ["platform", "merchant"]],
      ["interaction.before_purchase", ["yes", "no"]],
      ["tab", CASE_TABS],
      ["interview.industry", INDUSTRIES],
      ["paste.speaker", ["me", "agent"]],
      ...(["name", "question", "lead"] as const).map((part): [string, readonly string[]] => [
        "interview",
        STEPS.map((s) => `${s}.${part}`),
      ]),
    ];
    for (const [prefix, values] of sets) {
      for (const v of values) {
        for (const l of LOCALES) expect(catalogs[l], `${l}: ${prefix}.${v}`).toHaveProperty([`${prefix}.${v}`]);
      }
    }
  });

  it("has a label for every value of the legal unions in the generated bindings", () => {
    const bindings = readFileSync(join(srcDir, "ipc/bindings.ts"), "utf8");
    const union = (name: string) => {
      const m = bindings.match(new RegExp(`export type ${name} = ([^;]+);`));
      expect(m, name).not.toBeNull();
      return [...m![1]!.matchAll(/"([a-z_]+)"/g)].map((x) => x[1]!);
    };
    const keys: string[] = [];
    for (const v of union("Strength")) keys.push(`strength.${v}`);
    for (const v of union("Verdict")) keys.push(`verdict.${v}`);
    for (const v of union("RemedyKind")) keys.push(`remedy.${v}`);
    for (const v of union("ParallelProceeding")) keys.push(`proceeding.${v}`);
    for (const v of union("VaultProblemKind")) keys.push(`vault.${v}`);
    for (const v of union("ClockState"))
      for (const o of ["consumer", "company", "office"]) keys.push(`clock.${o}.${v}`);
    for (const v of union("EventKind")) keys.push(`event.${v}`);
    for (const v of union("FindingCode")) keys.push(`finding.${v}`, `finding.${v}.fix`);
    for (const v of union("QuestionKind")) {
      keys.push(`questions.${v}`, `questions.${v}.why`);
      for (const a of ANSWERS[v as keyof typeof ANSWERS].filter((x) => x !== "date")) keys.push(`questions.${v}.${a}`);
    }
    expect(keys.length).toBeGreaterThan(30);
    for (const l of LOCALES)
      expect(
        keys.filter((k) => !(k in catalogs[l])),
        l,
      ).toEqual([]);
  });

  it("has every key the source code asks for", () => {
    const used = new Set<string>();
    for (const f of files) {
      for (const m of readFileSync(f, "utf8").matchAll(/\bt\(\s*"([^"]+)"/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => !(k in catalogs["zh-CN"]) || !(k in catalogs.en));
    expect(missing).toEqual([]);
  });

  it("keeps user-visible Chinese text out of the source files", () => {
    const offenders = files.filter((f) =>
      /[\u4e00-\u9fff]/.test(
        readFileSync(f, "utf8")
          .replace(/\/\*[\s\S]*?\*\//g, "")
          .replace(/\/\/.*$/gm, ""),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it("fills placeholders and switches language", () => {
    setLocale("en", null);
    expect(t("list.interactions", { n: 3 })).toBe("3 contacts");
    setLocale("zh-CN", null);
    expect(t("list.interactions", { n: 3 })).toBe("3 次沟通");
    expect(t("no.such.key")).toBe("no.such.key");
  });
});

describe("the complaint channels and the advice", () => {
  it("read in Chinese exactly as the data states them", () => {
    for (const c of CHANNELS_DATA) {
      expect(catalogs["zh-CN"][`route.channel.${c.id}.name`]).toBe(c.name);
      expect(catalogs["zh-CN"][`route.channel.${c.id}.contact`]).toBe(c.contact);
      c.facts.forEach((f, n) => expect(catalogs["zh-CN"][`route.channel.${c.id}.fact.${n}`]).toBe(f.text));
    }
    for (const a of ADVICE_DATA) expect(catalogs["zh-CN"][`advice.${a.id}`]).toBe(a.text);
  });
});
