import { describe, expect, it } from "vitest";
import { timePromise } from "../src/promises";

const at = "2026-11-20T09:15:00+08:00";

describe("a time promise in the agent's words", () => {
  it("is found in digits or Chinese numerals, with its end when it counts in hours or days", () => {
    expect(timePromise("已经给您加急了，24小时内一定提速到千兆。", at)).toEqual({
      words: "24小时内",
      due: "2026-11-21 09:15",
    });
    expect(timePromise("我们会在四十八小时之内处理", at)).toEqual({ words: "四十八小时之内", due: "2026-11-22 09:15" });
    expect(timePromise("退款7天内到账", at)?.due).toBe("2026-11-27 09:15");
    expect(timePromise("两日以内回复您", at)?.due).toBe("2026-11-22 09:15");
  });

  it("leaves working days to be counted with the holiday calendar", () => {
    expect(timePromise("三个工作日内退款", at)).toEqual({ words: "三个工作日内", due: null });
  });

  it("finds nothing where nothing was promised", () => {
    expect(timePromise("亲，您的问题已经记录，请耐心等待哦。", at)).toBeNull();
    expect(timePromise("0天内", at)).toBeNull();
  });
});
