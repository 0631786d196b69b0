import { describe, expect, it } from "vitest";
import { herVerbKey } from "../src/views/timeline";

describe("her words on the time line", () => {
  it("are 我问 only when they ask something, as the dossier says them", () => {
    expect(herVerbKey("为什么还没有到账？")).toBe("case.asked");
    expect(herVerbKey("what now?")).toBe("case.asked");
    expect(herVerbKey("好的，我等你们消息。")).toBe("case.said");
  });
});
