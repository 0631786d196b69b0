import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { shanghaiToday } from "../src/caseForm";
import { dateField, dateTimeField, dateTimeOf, valueOf } from "../src/views/fields";

// jsdom has no CSS.escape; the webview does.
globalThis.CSS ??= { escape: (s: string) => s.replace(/[^\w-]/g, (c) => `\\${c}`) } as typeof CSS;

function mount(el: HTMLElement): HTMLFormElement {
  const form = document.createElement("form");
  form.append(el);
  document.body.replaceChildren(form);
  return form;
}

function type(input: HTMLInputElement, text: string) {
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.blur();
}

describe("date fields", () => {
  it("no form uses the webview's date input, whose segments follow the system locale", () => {
    const dir = join(import.meta.dirname, "../src/views");
    const offenders = readdirSync(dir).filter((f) =>
      /type:\s*"(date|datetime-local)"/.test(readFileSync(join(dir, f), "utf8")),
    );
    expect(offenders).toEqual([]);
  });

  it("takes a date typed the Chinese way and writes it back year-first", () => {
    const form = mount(dateField("purchase.date", "购买日期", ""));
    const input = form.querySelector<HTMLInputElement>('[data-path="purchase.date"]')!;
    expect(input.type).toBe("text");
    type(input, "2026年11月2日");
    expect(valueOf(form, "purchase.date")).toBe("2026-11-02");
    expect(form.querySelector(".field-error")).toBeNull();
  });

  it("refuses an absurd date in place, and takes the error back once corrected", () => {
    const form = mount(dateField("purchase.date", "购买日期", ""));
    const input = form.querySelector<HTMLInputElement>('[data-path="purchase.date"]')!;
    type(input, "0002-12-11");
    expect(form.querySelector(".field-error")?.textContent).toBe("这个日期早于2000年，请检查年份。");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    type(input, "2026-11-02");
    expect(form.querySelector(".field-error")).toBeNull();
    expect(input.hasAttribute("aria-invalid")).toBe(false);
  });

  it("offers today, and a month to pick from without days that have not come", () => {
    const form = mount(dateField("event.date", "日期", ""));
    form.querySelector<HTMLButtonElement>('button[name="event.date-today"]')!.click();
    expect(valueOf(form, "event.date")).toBe(shanghaiToday());
    form.querySelector<HTMLButtonElement>('button[name="event.date-pick"]')!.click();
    const days = [...form.querySelectorAll<HTMLButtonElement>(".calendar button.day")];
    expect(days.length).toBeGreaterThanOrEqual(28);
    const future = days.filter((d) => (d.dataset["date"] ?? "") > shanghaiToday());
    expect(future.every((d) => d.disabled)).toBe(true);
    const first = days[0]!;
    first.click();
    expect(valueOf(form, "event.date")).toBe(first.dataset["date"]);
    expect(form.querySelector(".calendar")).toBeNull();
  });

  it("a contact's day is asked, not assumed, and its time read as typed", () => {
    const form = mount(dateTimeField("occurred_at", "", "hint"));
    expect(valueOf(form, "occurred_at")).toBe("");
    expect(valueOf(form, "occurred_at.time")).toBe("");
    expect(form.textContent).toContain("这次沟通是哪天？");
    form.querySelector<HTMLButtonElement>('button[name="occurred_at-yesterday"]')!.click();
    type(form.querySelector<HTMLInputElement>('[data-path="occurred_at.time"]')!, "10点12分");
    const yesterday = shanghaiToday(new Date(Date.now() - 86_400_000));
    expect(dateTimeOf(form, "occurred_at")).toBe(`${yesterday}T10:12`);
  });
});
