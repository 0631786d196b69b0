// The whole foundation through the real window: a CLI-imported case shows in the UI; a case created in the UI
// is listed by the CLI; an interaction logged in the UI is stored; everything is there after a restart.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { join } from "node:path";
import {
  By, choose, cli, click, fill, launch, root, screenshot, startDriver, stopDriver, tempLibrary, textOf, until,
} from "./harness.mjs";

const lib = tempLibrary();
// The file the native "choose files" dialog returns in this run (WebDriver cannot operate a native dialog).
const screenshotPng = join(lib.dir, "聊天截图.png");
copyFileSync(join(root, "icons/128x128.png"), screenshotPng);

// Where the native "save" dialog puts exports in this run.
const saveDir = join(lib.dir, "exports");
mkdirSync(saveDir);

before(() => startDriver({ WEIQUAN_TEST_PICK_FILES: screenshotPng, WEIQUAN_TEST_SAVE_DIR: saveDir }));
after(stopDriver);

test("create, log and find again in the real app", async () => {
  const imported = JSON.parse(cli(lib.db, "case", "import", join(root, "crates/core/data/demo-case.json"), "--json"));
  assert.ok(imported.id > 0);

  let { driver, readyMs } = await launch(lib.db);
  console.log(`launch to first interactive screen: ${readyMs} ms`);
  try {
    await driver.wait(until.elementLocated(By.css(".case-row")), 5000);
    const rows = await driver.findElements(By.css(".case-row"));
    assert.equal(rows.length, 1, "the CLI-imported case is listed");
    assert.match(await rows[0].getText(), /扫地机器人退款被客服反复推诿/);
    await screenshot(driver, "01-case-list");

    // Search narrows the list by what the agent said.
    await driver.findElement(By.css('input[name="search"]')).sendKeys("不存在的话");
    await driver.wait(until.elementLocated(By.css(".empty")), 5000);
    await driver.findElement(By.css('input[name="search"]')).clear();

    await click(driver, 'button[name="new-case"]');
    await driver.wait(until.elementLocated(By.css('[data-path="title"]')), 5000);

    // Saving without a title is refused in place, in Chinese.
    await click(driver, 'button[name="save-case"]');
    const err = await driver.wait(until.elementLocated(By.css(".field-error")), 5000);
    assert.equal(await err.getText(), "这一项必须填写。");

    await fill(driver, "title", "宽带提速承诺未兑现，客服答非所问");
    await choose(driver, "industry", "telecom");
    await fill(driver, "complainant.name", "张建国");
    await fill(driver, "complainant.phone", "139 1234 5678");
    await fill(driver, "complainant.address", "北京市朝阳区建国路 1 号");
    await fill(driver, "respondent.name", "某通信有限公司北京分公司");
    await fill(driver, "purchase.item", "千兆宽带套餐");
    await fill(driver, "purchase.amount", "¥1,200");
    await click(driver, 'button[name="add-demand"]');
    await fill(driver, "demands[0].amount", "600");
    await screenshot(driver, "02-new-case");
    await click(driver, 'button[name="save-case"]');

    await driver.wait(until.elementLocated(By.css('button[name="save-interaction"]')), 5000);
    assert.equal(await textOf(driver, "h1.case-title"), "宽带提速承诺未兑现，客服答非所问");

    await fill(driver, "agent", "小王");
    await fill(driver, "agent_id", "10086-007");
    await fill(driver, "question", "合同写的是千兆，为什么测速只有一百兆？");
    await fill(driver, "answer", "您好，建议您重启光猫试试哦。");
    await click(driver, 'input[name="problem"][value="irrelevant_answer"]');
    await click(driver, 'button[name="save-interaction"]');
    await driver.wait(until.elementLocated(By.css(".tl-item")), 5000);
    assert.match(await textOf(driver, ".tl-item blockquote.a"), /建议您重启光猫试试哦/);
    await screenshot(driver, "03-case-page");

    // The next step for a telecom case whose operator was contacted: the MIIT appeal; then record the filing.
    const next = await driver.findElement(By.css(".next-step [data-channel]"));
    assert.equal(await next.getAttribute("data-channel"), "miit_telecom");
    await fill(driver, "event.reference", "20261128001");
    await click(driver, 'button[name="save-event"]');
    await driver.wait(until.elementLocated(By.css('.event-log [data-event="filed"]')), 5000);
    await driver.executeScript("window.scrollTo(0, 0)");
    await screenshot(driver, "08-next-step");

    // Evidence: attach a screenshot to this contact, see it kept with its hash, and check it.
    await click(driver, 'button[name="tab-evidence"]');
    await driver.wait(until.elementLocated(By.css('button[name="pick-evidence"]')), 5000);
    const option = await driver.findElement(By.css('select[name="evidence-interaction"] option:nth-child(2)'));
    await option.click();
    await driver.findElement(By.css('input[name="evidence-description"]')).sendKeys("客服答非所问的聊天截图");
    await click(driver, 'button[name="pick-evidence"]');
    const item = await driver.wait(until.elementLocated(By.css("li.evidence-item")), 10000);
    const itemText = await item.getText();
    const sha = createHash("sha256").update(readFileSync(screenshotPng)).digest("hex");
    assert.match(itemText, /客服答非所问的聊天截图/);
    assert.match(itemText, /自导入起未被改动（SHA-256 校验）/);
    assert.ok(itemText.includes(sha), "the SHA-256 shown is the file's");
    assert.match(itemText, /证明第 1 次沟通/);
    assert.ok((await item.findElements(By.css(".thumb img"))).length === 1, "an image has a thumbnail");
    await click(driver, 'button[name="verify-evidence"]');
    await driver.wait(until.elementLocated(By.css(".verify-result .banner.info")), 10000);
    assert.match(await textOf(driver, ".verify-result"), /全部 1 个文件自导入起未被改动/);
    await screenshot(driver, "05-evidence");

    // The legal panel: the answer duty of 消法第二十条第二款 is suggested, verbatim, for the irrelevant answer.
    await click(driver, 'button[name="tab-legal"]');
    const basis = await driver.wait(until.elementLocated(By.css('li.basis[data-rule="evasion/xf20-2"]')), 5000);
    assert.match(await basis.getText(), /《消费者权益保护法》第二十条第二款/);
    assert.match(await basis.getText(), /核心/);
    await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", basis);
    await basis.findElement(By.css("summary")).click();
    assert.equal(
      await basis.findElement(By.css("blockquote.law")).getText(),
      "经营者对消费者就其提供的商品或者服务的质量和使用方法等问题提出的询问，应当作出真实、明确的答复。",
    );
    assert.equal((await driver.findElements(By.css('li.basis[data-rule^="false-info/"]'))).length, 0);
    await screenshot(driver, "04-legal-panel");

    // Leaving a supporting basis out of the dossier is stored with the case.
    await click(driver, 'li.basis[data-rule="evasion/xf17"] input[name="include-basis"]');
    await driver.wait(until.elementLocated(By.css('li.basis.excluded[data-rule="evasion/xf17"]')), 5000);

    // The law library finds a Chinese phrase and shows the article.
    const q = await driver.findElement(By.css('input[name="law-search"]'));
    await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", q);
    await q.sendKeys("明确的答复");
    await click(driver, 'button[name="law-search-go"]');
    const hit = await driver.wait(until.elementLocated(By.css(".hits .hit")), 5000);
    assert.match(await hit.getText(), /《消费者权益保护法》第二十条/);
    await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", hit);
    await hit.click();
    await driver.wait(until.elementLocated(By.css(".law-article blockquote.law")), 5000);

    // A pre-check finding leads to the field to fix: this case has no respondent address.
    const finding = await driver.findElement(By.css('li.finding[data-finding="missing_respondent_address"]'));
    await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", finding);
    await finding.findElement(By.css("button")).click();
    await driver.wait(async () => (await driver.executeScript("return document.activeElement?.dataset?.path")) === "respondent.address", 5000);
    await click(driver, 'button[name="cancel"]');

    // Export: the 12315 blocks, and the dossier PDF written where the save dialog points.
    await driver.wait(until.elementLocated(By.css('button[name="tab-export"]')), 5000);
    await click(driver, 'button[name="tab-export"]');
    const content = await driver.wait(until.elementLocated(By.css('[data-block="content"] .filing-text')), 5000);
    assert.match(await content.getText(), /客服答：“您好，建议您重启光猫试试哦。”/);
    await click(driver, 'button[name="export-dossier"]');
    await driver.wait(until.elementLocated(By.css(".export-status .banner.info")), 30000);
    const pdfs = readdirSync(saveDir).filter((f) => f.endsWith(".pdf"));
    assert.equal(pdfs.length, 1);
    const pdfText = execFileSync("pdftotext", [join(saveDir, pdfs[0]), "-"], { encoding: "utf8" });
    assert.match(pdfText, /一、投诉人/);
    assert.match(pdfText, /建议您重启光猫试试哦/);
    assert.match(pdfText, /第二十条/);
    await screenshot(driver, "07-export");
  } finally {
    await driver.quit();
  }

  const listed = JSON.parse(cli(lib.db, "case", "list", "--json"));
  const created = listed.find((c) => c.title === "宽带提速承诺未兑现，客服答非所问");
  assert.ok(created, "the CLI lists the case created in the UI");
  assert.equal(created.industry, "telecom");
  assert.equal(created.interaction_count, 1);
  const shown = JSON.parse(cli(lib.db, "case", "show", String(created.id), "--json"));
  assert.equal(shown.data.purchase.amount, "1200.00");
  assert.deepEqual(shown.data.demands, [{ kind: "refund", amount: "600.00" }]);
  assert.equal(shown.data.interactions[0].answer, "您好，建议您重启光猫试试哦。");
  assert.deepEqual(shown.data.interactions[0].problems, ["irrelevant_answer"]);
  assert.match(shown.data.interactions[0].occurred_at, /\+08:00$/);
  assert.deepEqual(shown.data.excluded_bases, ["evasion/xf17"]);
  assert.equal(shown.data.status, "filed");
  assert.equal(shown.data.events[0].reference, "20261128001");
  assert.equal(shown.data.events[0].channel, "12315");
  const evidence = JSON.parse(cli(lib.db, "evidence", "list", String(created.id), "--json"));
  assert.equal(evidence.length, 1);
  assert.deepEqual(evidence[0].interactions, [shown.data.interactions[0].id]);
  assert.equal(evidence[0].original_name, "聊天截图.png");

  ({ driver } = await launch(lib.db));
  try {
    await driver.wait(until.elementLocated(By.css('.upcoming [data-clock="acceptance_7_working_days"]')), 5000);
    await driver.wait(async () => (await driver.findElements(By.css(".case-title"))).length === 2, 5000);
    const titles = await Promise.all((await driver.findElements(By.css(".case-title"))).map((e) => e.getText()));
    assert.deepEqual(titles.sort(), ["宽带提速承诺未兑现，客服答非所问", "扫地机器人退款被客服反复推诿"].sort());
    await click(driver, 'select[name="locale"] option[value="en"]');
    // Wait on the locator, not on an element: switching language redraws the page.
    await driver.wait(async () => {
      try {
        return (await driver.findElement(By.css("main h1")).getText()) === "My complaints";
      } catch {
        return false;
      }
    }, 5000);
    await screenshot(driver, "06-case-list-en");
    await click(driver, 'select[name="locale"] option[value="zh-CN"]');
  } finally {
    await driver.quit();
  }
});
