// The 2026 complaint rule where the user already looks, through the real window: for a shop on a platform, which
// regulator handles the complaint (办法第十三条); testing or appraisal recorded as events, and the mediation clock
// that leaves its time out (第二十二条) and then names the notice of an ended mediation (第二十三条) — in Chinese
// and in English.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  By,
  choose,
  cli,
  click,
  launch,
  root,
  startDriver,
  stopDriver,
  tempLibrary,
  textOf,
  until,
} from "./harness.mjs";

// Conditions, not times: each wait ends as soon as the window shows what it needs; the limit only bounds a failure
// (generous, as a loaded machine draws slowly).
const WAIT = 30000;
const lib = tempLibrary();
let driver;
let id;

after(async () => {
  await driver?.quit().catch(() => undefined);
  stopDriver();
});

before(async () => {
  await startDriver();
  // The demo case (a shop on a platform, its address recorded), filed with 12315, accepted, sent for testing.
  const data = JSON.parse(readFileSync(join(root, "crates/core/data/demo-case.json"), "utf8"));
  delete data.case_uid;
  data.title = "扫地机器人送检后仍未调解";
  data.status = "accepted";
  data.status_history = [
    { status: "filed", date: "2026-11-20" },
    { status: "accepted", date: "2026-11-25" },
  ];
  const event = (kind, date) => ({
    kind,
    date,
    channel: "12315",
    reference: null,
    note: null,
    evidence: null,
  });
  data.events = [event("filed", "2026-11-20"), event("accepted", "2026-11-25"), event("testing_started", "2026-11-30")];
  const file = join(lib.dir, "case.json");
  writeFileSync(file, JSON.stringify(data));
  id = JSON.parse(cli(lib.db, "case", "import", file, "--json")).id;
});

async function clockText(kind) {
  const el = await driver.wait(until.elementLocated(By.css(`.next-step [data-clock="${kind}"]`)), WAIT);
  return el.getText();
}

/** Opens the case from the start screen; the list may redraw while it loads its deadlines, so the click is retried
 * until the case's title is on screen. */
async function openCase() {
  const shown = async () => (await driver.findElements(By.css("h1.case-title"))).length === 1;
  await driver.wait(async () => {
    // A click that the redraw interrupted may still have opened the case: look before clicking again.
    if (await shown()) return true;
    try {
      const rows = await driver.findElements(By.css(`.case-row[data-case-id="${id}"]`));
      if (rows.length === 1) await rows[0].click();
    } catch {
      /* the list was redrawn under the click: try again */
    }
    return shown();
  }, WAIT);
}

async function record(kind) {
  await choose(driver, "event.kind", kind);
  await click(driver, 'button[name="event.date-today"]');
  // Choosing a step that follows the complaint puts it where the complaint was filed.
  assert.equal(await driver.findElement(By.css('select[name="event.channel"]')).getAttribute("value"), "12315");
  await click(driver, 'button[name="save-event"]');
  try {
    await driver.wait(until.elementLocated(By.css(`.tl-event[data-event="${kind}"]`)), WAIT);
  } catch (e) {
    throw new Error(`${kind} was not recorded: ${await textOf(driver, ".event-form .form-status")}`, { cause: e });
  }
}

test("who handles the complaint, and testing left out of the mediation period", async () => {
  ({ driver } = await launch(lib.db));
  await openCase();
  const where = await driver.wait(until.elementLocated(By.css(".next-step .jurisdiction")), WAIT);
  assert.match(await where.getText(), /店铺在平台公示的地址所在地，或者平台住所地的县级市场监管部门/);

  // Testing under way since 2026-11-30: the end of the sixty days moves with every day, and no notice is due.
  assert.match(await clockText("mediation_60_days"), /鉴定、检测自 2026-11-30 起进行中/);
  assert.equal((await driver.findElements(By.css('[data-clock="termination_notice_7_working_days"]'))).length, 0);

  // She records in the window that testing ended (today): its days are not counted, and the notice of an ended
  // mediation has its date.
  await record("testing_ended");
  await driver.wait(async () => /鉴定、检测用去的 \d+ 日不计入/.test(await clockText("mediation_60_days")), WAIT);
  assert.match(await clockText("termination_notice_7_working_days"), /终止调解告知（七个工作日）/);
  const shown = JSON.parse(cli(lib.db, "case", "show", String(id), "--json"));
  assert.deepEqual(
    shown.data.events.map((e) => [e.kind, e.channel]),
    [
      ["filed", "12315"],
      ["accepted", "12315"],
      ["testing_started", "12315"],
      ["testing_ended", "12315"],
    ],
  );

  // The same in English.
  await click(driver, "button.brand");
  await click(driver, 'select[name="locale"] option[value="en"]');
  await driver.wait(async () => {
    try {
      return (await driver.findElement(By.css("main h1")).getText()) === "My complaints";
    } catch {
      return false;
    }
  }, WAIT);
  await openCase();
  // The next step is drawn after the case's outlook arrives: wait for it to be there, then for its words.
  await driver.wait(async () => {
    const shown = await driver.findElements(By.css(".next-step .jurisdiction"));
    return shown.length === 1 && /where the platform is registered/.test(await shown[0].getText());
  }, WAIT);
  await driver.wait(
    async () => /days of testing or appraisal are not counted/.test(await clockText("mediation_60_days")),
    WAIT,
  );
  assert.match(await clockText("termination_notice_7_working_days"), /Notice that mediation ended/);
  await click(driver, "button.brand");
  await click(driver, 'select[name="locale"] option[value="zh-CN"]');
});
