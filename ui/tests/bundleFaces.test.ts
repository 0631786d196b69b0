import { describe, expect, it } from "vitest";
import { facesOf } from "../src/views/caseList";
import { setLocale } from "../src/i18n";
import type { SameCase } from "../src/ipc";

const same = (bundleTitle: string, company: string | null): SameCase => ({
  case: 3,
  here: { title: "扫地机器人不退款", complainant: "王小红", respondent: "净洁电器有限公司" },
  bundle: { title: bundleTitle, complainant: "王小红", respondent: company },
  differences: {
    interactions_added: [],
    interactions_removed: [],
    interactions_changed: [],
    demands_added: [],
    demands_removed: [],
    evidence_added: [],
    evidence_removed: [],
    details_changed: false,
  },
});

describe("a bundle of a case already here", () => {
  it("shows both versions' title, consumer and company side by side, and warns when they differ", () => {
    setLocale("zh-CN", null);
    const el = facesOf(same("洗衣机漏水", null));
    const cells = [...el.querySelectorAll("tbody tr")].map((tr) =>
      [...tr.querySelectorAll("td")].map((td) => td.textContent),
    );
    expect(cells).toEqual([
      ["扫地机器人不退款", "洗衣机漏水"],
      ["王小红", "王小红"],
      ["净洁电器有限公司", "（未填写）"],
    ]);
    expect(el.querySelectorAll("tr.differs")).toHaveLength(2);
    expect(el.querySelector("[data-faces-differ]")?.textContent).toContain("确认是同一件事");
    expect(el.querySelector("thead")?.textContent).toContain("此处的案件 3");
  });

  it("says nothing more when the two are the same case", () => {
    setLocale("en", null);
    const el = facesOf(same("扫地机器人不退款", "净洁电器有限公司"));
    expect(el.querySelector("[data-faces-differ]")).toBeNull();
    expect(el.querySelector("thead")?.textContent).toContain("Case 3 here");
  });
});
