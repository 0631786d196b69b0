import { describe, expect, it } from "vitest";
import { agentNameOf, pairTurns, splitTranscript } from "../src/transcript";

describe("splitting a pasted transcript", () => {
  it("reads a shop chat with name-and-time headers over the message", () => {
    const text = [
      "王秀兰 2026-09-05 10:12:03",
      "机器第三天就无法充电，我要求退货退款。",
      "请问怎么办理？",
      "客服小美 2026-09-05 10:12:40",
      "亲，建议您重启一下机器哦，祝您生活愉快~",
      "王秀兰 2026-09-05 10:13:02",
      "我已经重启过三次了",
      "客服小美 2026-09-05 10:13:30",
      "亲，建议您重启一下机器哦",
    ].join("\n");
    const turns = splitTranscript(text, "2026-01-01");
    expect(turns.map((t) => t.speaker)).toEqual(["me", "agent", "me", "agent"]);
    expect(turns[0]).toEqual({
      speaker: "me",
      name: "王秀兰",
      time: "2026-09-05T10:12",
      text: "机器第三天就无法充电，我要求退货退款。\n请问怎么办理？",
    });
    const pairs = pairTurns(turns, "2026-01-01T00:00");
    expect(pairs).toHaveLength(2);
    expect(pairs[0]).toEqual({
      occurred_at: "2026-09-05T10:12",
      agent: "客服小美",
      question: "机器第三天就无法充电，我要求退货退款。\n请问怎么办理？",
      answer: "亲，建议您重启一下机器哦，祝您生活愉快~",
    });
    expect(pairs[1]?.question).toBe("我已经重启过三次了");
  });

  it("reads 'name: text' lines and bracketed times, dating bare times with the day given", () => {
    const text =
      "[10:12] 我：合同写的是千兆，为什么只有一百兆？\n[10:13] 客服：您好，建议您重启光猫试试哦。\n客服: 还有什么可以帮您？";
    const turns = splitTranscript(text, "2026-11-20");
    expect(turns.map((t) => [t.speaker, t.time, t.text])).toEqual([
      ["me", "2026-11-20T10:12", "合同写的是千兆，为什么只有一百兆？"],
      ["agent", "2026-11-20T10:13", "您好，建议您重启光猫试试哦。"],
      ["agent", null, "还有什么可以帮您？"],
    ]);
    const pairs = pairTurns(turns, "2026-11-20T09:00");
    expect(pairs).toHaveLength(1);
    expect(pairs[0]?.answer).toBe("您好，建议您重启光猫试试哦。\n还有什么可以帮您？");
  });

  it("keeps a sentence with a colon as words, not as a speaker", () => {
    const turns = splitTranscript("我：你们说的是：三天内退款\n客服：是的：已登记", "2026-11-20");
    expect(turns).toHaveLength(2);
    expect(turns[0]?.text).toBe("你们说的是：三天内退款");
  });

  it("a greeting before any question becomes an answer without a question", () => {
    const turns = splitTranscript("客服：您好，很高兴为您服务\n我：我要退款", "2026-11-20");
    const pairs = pairTurns(turns, "2026-11-20T09:00");
    expect(pairs.map((p) => [p.question, p.answer])).toEqual([
      ["", "您好，很高兴为您服务"],
      ["我要退款", ""],
    ]);
    expect(pairs[0]?.occurred_at).toBe("2026-11-20T09:00");
  });

  it("two unknown names alternate, starting with the consumer; known names win", () => {
    const text = "老李 2026-09-05 10:00\n东西坏了\n阿强 2026-09-05 10:01\n知道了";
    expect(splitTranscript(text, "2026-01-01").map((t) => t.speaker)).toEqual(["me", "agent"]);
    expect(splitTranscript(text, "2026-01-01", ["阿强"]).map((t) => t.speaker)).toEqual(["agent", "me"]);
  });

  it("text without any header is one turn of the consumer", () => {
    const turns = splitTranscript("  我买的东西坏了  \n\n", "2026-11-20");
    expect(turns).toEqual([{ speaker: "me", name: "", time: null, text: "  我买的东西坏了" }]);
    expect(splitTranscript("", "2026-11-20")).toEqual([]);
  });
});

describe("the agent's name from a speaker label", () => {
  const company = ["杭州净洁电器有限公司", "净洁电器旗舰店", "某宝"];
  it("names a person only when the label does", () => {
    expect(agentNameOf("客服小美", company)).toBe("客服小美");
    expect(agentNameOf("小王", company)).toBe("小王");
  });
  it("files no name for the company's own account", () => {
    expect(agentNameOf("净洁电器旗舰店", company)).toBe("");
    expect(agentNameOf("净洁 电器", company)).toBe("");
    expect(agentNameOf("在线客服", company)).toBe("");
    expect(agentNameOf("Customer Service", company)).toBe("");
    expect(agentNameOf("某某家电专营店", [])).toBe("");
    expect(agentNameOf("", company)).toBe("");
  });
});
