// A chat screenshot read back into turns through the real window: the CLI imports the screenshot as evidence, the
// app's background reader reads it (offline, in the app's own process), the 记录 tab's 从截图识别 opens the turns
// beside the picture, she corrects one character and saves; the CLI then finds the contacts with her words, channel
// 在线客服, linked to the screenshot, and the case search finds the case by the screenshot's words.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { join } from "node:path";
import { By, cli, click, launch, root, screenshot, startDriver, stopDriver, tempLibrary, until } from "./harness.mjs";

const lib = tempLibrary();
const png = join(root, "tests/e2e/fixtures/chat-screenshot.png");
let driver;
let caseId;

after(async () => {
  await driver?.quit().catch(() => undefined);
  stopDriver();
});

before(async () => {
  await startDriver();
  caseId = JSON.parse(cli(lib.db, "case", "import", join(root, "crates/core/data/demo-case.json"), "--json")).id;
  cli(lib.db, "evidence", "add", String(caseId), png);
});

test("a screenshot is read in the background, corrected, and saved as contacts linked to it", async () => {
  ({ driver } = await launch(lib.db));
  await click(driver, ".case-row");
  await click(driver, 'button[name="tab-log"]');
  // The reader works in the background; the card polls until the picture is read.
  await click(driver, 'button[name="check-turns"]').catch(async () => {
    await driver.wait(until.elementLocated(By.css('button[name="check-turns"]')), 120000);
    await click(driver, 'button[name="check-turns"]');
  });
  await driver.wait(until.elementLocated(By.css(".ocr-splitter textarea")), 20000);
  const texts = await driver.executeScript(
    "return [...document.querySelectorAll('.ocr-splitter textarea[name=\"turn-text\"]')].map((t) => t.value)",
  );
  assert.deepEqual(texts, [
    "2026年9月5日10:12",
    "你好，我的订单4928371056退款申请已经提交7天了，为什么还没有到账？",
    "亲亲，您的问题我们已经记录，请耐心等待哦~",
    "具体什么时候能退？",
    "这边没有办法查询具体时间呢，建议您关注APP消息通知。",
  ]);
  const speakers = await driver.executeScript(
    "return [...document.querySelectorAll('.ocr-splitter select[name=\"turn-speaker\"]')].map((s) => s.value)",
  );
  assert.deepEqual(speakers, ["system", "me", "agent", "me", "agent"]);
  // Focusing a turn highlights its box on the picture.
  const fifth = await driver.findElement(By.css('.ocr-turn[data-turn="4"] textarea'));
  await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", fifth);
  await fifth.click();
  const active = await driver.findElements(By.css('.ocr-box.active[data-turn="4"]'));
  assert.equal(active.length, 1);
  await screenshot(driver, "17-screenshot-reader");
  // She corrects one character and saves.
  await fifth.clear();
  await fifth.sendKeys("这边没有办法查询具体时间呢，建议您关注App消息通知。");
  await click(driver, 'button[name="save-screenshot-turns"]');
  await driver.wait(until.elementLocated(By.css(".tl-item")), 20000);

  const data = JSON.parse(cli(lib.db, "case", "show", String(caseId), "--json")).data;
  const answer = data.interactions.find((i) => (i.answer ?? "").includes("关注App消息通知"));
  assert.ok(answer, "the corrected answer was saved");
  assert.equal(answer.question, "具体什么时候能退？");
  assert.equal(answer.channel, "online_chat");
  assert.equal(answer.occurred_at, "2026-09-05T10:12:00+08:00");
  const evidence = JSON.parse(cli(lib.db, "evidence", "list", String(caseId), "--json"));
  const item = evidence.find((e) => e.original_name === "chat-screenshot.png");
  assert.ok(item.interactions.includes(answer.id), "linked to the screenshot");
  const found = JSON.parse(cli(lib.db, "case", "list", "--search", "耐心等待", "--json"));
  assert.ok(
    found.some((c) => c.id === caseId),
    "the case search finds the screenshot's words",
  );
});
