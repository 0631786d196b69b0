// A volunteer's day through the real window, across two libraries: the consumer's app hands the case over as a
// .wqcase and shows its verification code, records the volunteer as her agent and prints the 授权委托书, and previews
// the 公开版 with every mask beside its original before writing it; the volunteer's app is started with the bundle
// (as a double-click starts it), shows the same code, and works through a caseload with filters, a workspace, and
// the statistics screen. The PDFs are read back with poppler.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { join } from "node:path";
import { By, cli, click, launch, root, screenshot, startDriver, stopDriver, tempLibrary, until } from "./harness.mjs";

const consumer = tempLibrary();
const volunteer = tempLibrary();
const saveDir = join(consumer.dir, "exports");
mkdirSync(saveDir);
const shot = join(consumer.dir, "聊天截图.png");
copyFileSync(join(root, "icons/128x128.png"), shot);

let driver;
let code;
let bundle;

after(async () => {
  await driver?.quit().catch(() => undefined);
  stopDriver();
});

before(async () => {
  await startDriver({ WEIQUAN_TEST_SAVE_DIR: saveDir });
  const id = JSON.parse(cli(consumer.db, "case", "import", join(root, "crates/core/data/demo-case.json"), "--json")).id;
  cli(consumer.db, "evidence", "add", String(id), shot);
  cli(consumer.db, "case", "workspace", String(id), "--notes", "只给自己看的备注");
});

const pdfText = (file) => execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).replace(/[\s]/g, "");

async function type(css, text) {
  const el = await driver.wait(until.elementLocated(By.css(css)), 10000);
  await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", el);
  await el.clear();
  await el.sendKeys(text);
}

/** Chooses an option of one of the start screen's filters, as a click on it would. */
async function pick(name, value) {
  const select = await driver.wait(until.elementLocated(By.css(`select[name="${name}"]`)), 10000);
  await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", select);
  await select.click();
  await select.findElement(By.css(`option[value="${value}"]`)).click();
}

async function rows() {
  return driver.executeScript("return [...document.querySelectorAll('.case-row')].map((r) => r.dataset.caseId)");
}

test("the consumer hands the case over, names her agent and previews the public version", async () => {
  ({ driver } = await launch(consumer.db));
  await click(driver, ".case-row");
  await click(driver, 'button[name="tab-export"]');

  await click(driver, 'button[name="export-bundle"]');
  const shown = await driver.wait(until.elementLocated(By.css(".verification [data-code]")), 30000);
  code = await shown.getAttribute("data-code");
  assert.match(code, /^\d{5} \d{5} \d{5} \d{5} \d{5}$/);
  bundle = join(
    saveDir,
    readdirSync(saveDir).find((f) => f.endsWith(".wqcase")),
  );

  // The agent: saved with the case, then the 授权委托书 from it.
  await type('input[name="agent-name"]', "李志愿");
  await type('input[name="agent-id-number"]', "110101199003071234");
  await click(driver, 'input[name="agent-power-mediate"]');
  await click(driver, 'button[name="save-agent"]');
  await click(driver, 'button[name="export-authorisation"]');
  await driver.wait(until.elementLocated(By.css(".agent-card .banner.info")), 30000);
  const poa = pdfText(
    join(
      saveDir,
      readdirSync(saveDir).find((f) => f.startsWith("授权委托书")),
    ),
  );
  assert.match(poa, /受托人：李志愿/);
  assert.match(poa, /1\.代为投诉；2\.参加调解。/);
  assert.match(poa, /委托人（签名）/);

  // The public version: every mask beside its original; she shows her surname as 女士, leaves her phone and masks more.
  await click(driver, 'button[name="public-preview"]');
  const name = await driver.wait(until.elementLocated(By.css('tr[data-mask="name"] td.masked')), 10000);
  assert.equal(await name.getText(), "王某");
  await click(driver, 'select[name="public-honorific"] option[value="ms"]');
  await driver.wait(
    async () => (await driver.findElement(By.css('tr[data-mask="name"] td.masked')).getText()) === "王女士",
    10000,
  );
  assert.equal(
    await driver.findElement(By.css('tr[data-mask="address"] td.original')).getText(),
    "上海市浦东新区世纪大道100号2单元501室",
  );
  await click(driver, 'input[name="mask-phone"]');
  await driver.wait(until.elementLocated(By.css('tr[data-mask="phone"].unmasked')), 10000);
  await type('input[name="public-extra"]', "小美");
  await click(driver, 'button[name="public-add-mask"]');
  await driver.wait(until.elementLocated(By.css('tr[data-mask="extra:0"]')), 10000);
  const post = await driver.findElement(By.css(".public-text")).getText();
  assert.doesNotMatch(post, /小美|王秀兰|世纪大道/);
  await driver.wait(until.elementLocated(By.css(".public-card .banner.warning")), 5000);
  await driver.executeScript("document.querySelector('.public-card').scrollIntoView({ block: 'start' })");
  await screenshot(driver, "13-public-preview");
  await click(driver, 'button[name="export-public"]');
  await driver.wait(until.elementLocated(By.css(".public-card .export-status .banner.info")), 30000);
  const pub = pdfText(
    join(
      saveDir,
      readdirSync(saveDir).find((f) => f.startsWith("公开版") && f.endsWith(".pdf")),
    ),
  );
  assert.match(pub, /王女士/);
  assert.doesNotMatch(pub, /王秀兰|世纪大道|DD20260901123456|小美|只给自己看的备注|李志愿/);
  assert.match(pub, /13800138000/, "the phone she chose to leave unmasked");
  await driver.quit();
  driver = undefined;
});

test("the volunteer's app, started with the bundle, shows the same code; the caseload filters and counts", async () => {
  assert.ok(bundle, "the first journey wrote a bundle");
  // Two cases of her own first (not the consumer's case: without its case id each gets a new one), one tagged and
  // handled by a colleague.
  const own = JSON.parse(readFileSync(join(root, "crates/core/data/demo-case.json"), "utf8"));
  delete own.case_uid;
  const ownFile = join(volunteer.dir, "own.json");
  writeFileSync(ownFile, JSON.stringify(own));
  for (const [tag, handler] of [
    ["急", "张律师"],
    ["回访", "李志愿"],
  ]) {
    const id = JSON.parse(cli(volunteer.db, "case", "import", ownFile, "--json")).id;
    cli(volunteer.db, "case", "workspace", String(id), "--tag", tag, "--handled-by", handler);
  }
  // Case 2 is telecom and its problem began earlier: its three years end first.
  cli(volunteer.db, "case", "edit", "2", "--set", "industry=telecom", "--set", "facts.problem_noticed_on=2024-06-10");
  ({ driver } = await launch(volunteer.db, [bundle]));
  const shown = await driver.wait(until.elementLocated(By.css(".opened-bundle [data-code]")), 30000);
  assert.equal(await shown.getAttribute("data-code"), code, "both screens show the same verification code");
  await screenshot(driver, "14-bundle-opened");
  await driver.wait(async () => (await rows()).length === 3, 10000);

  await pick("filter-tag", "急");
  await driver.wait(async () => (await rows()).join() === "1", 10000);
  await pick("filter-tag", "");
  await pick("filter-industry", "telecom");
  await driver.wait(async () => (await rows()).join() === "2", 10000);
  await pick("filter-handled-by", "张律师");
  await driver.wait(until.elementLocated(By.css(".results .empty")), 10000);
  await pick("filter-handled-by", "");
  await pick("filter-industry", "");
  // Each choice reloads the list: wait for the one with no filter left before reading its order.
  await driver.wait(async () => (await rows()).length === 3, 10000);
  assert.equal((await rows())[0], "3", "most recently changed first: the case just opened");
  await pick("filter-sort", "next_deadline");
  await driver.wait(async () => (await rows())[0] === "2", 10000);
  assert.equal(
    await driver.executeScript("return document.querySelector('select[name=\"filter-sort\"]').value"),
    "next_deadline",
  );
  const dues = await driver.executeScript(
    "return [...document.querySelectorAll('.case-row')].map((r) => r.querySelector('[data-due]')?.dataset.due ?? '9999')",
  );
  assert.deepEqual(dues, [...dues].sort(), "soonest next deadline first");
  await screenshot(driver, "15-caseload");

  // A tag set on the case page shows in its row.
  await click(driver, '.case-row[data-case-id="3"]');
  await click(driver, ".workspace summary");
  await type('input[name="ws-tags"]', "志愿者接手");
  await click(driver, 'button[name="save-workspace"]');
  await driver.wait(until.elementLocated(By.css(".workspace .banner.info")), 10000);
  await click(driver, "button.brand");
  await driver.wait(until.elementLocated(By.css('.case-row[data-case-id="3"] [data-tag="志愿者接手"]')), 10000);

  // The figures: three cases, two e-commerce and one telecom.
  await click(driver, 'button[name="open-stats"]');
  const ecommerce = await driver.wait(
    until.elementLocated(By.css('[data-chart="industry"] li[data-key="ecommerce"]')),
    10000,
  );
  assert.equal(await ecommerce.getAttribute("data-cases"), "2");
  await screenshot(driver, "16-stats");
});
