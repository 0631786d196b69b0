// The package as a person gets it: the .deb installed with dpkg, the installed app (/usr/bin/weiquan-app) reaching its
// start screen in a real window and showing the case the installed CLI (/usr/bin/weiquan) made, the CLI writing the
// dossier, the desktop entry, the .wqcase type and the icons in place, a double-click on a .wqcase (as GIO resolves it)
// starting the installed app with the file; an upgrade in place keeps the library and the
// settings; then `dpkg -r` leaves nothing of the package behind but the user's data. Run by `make package-test` (part of `make test`) with WEIQUAN_DEB naming the package.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { after, before, test } from "node:test";
import { dirname, join } from "node:path";
import { By, launch, root, startDriver, stopDriver, tempLibrary, until } from "../e2e/harness.mjs";

const deb = process.env.WEIQUAN_DEB;
const installedApp = "/usr/bin/weiquan-app";
const installedCli = "/usr/bin/weiquan";
const asRoot = (cmd, ...args) =>
  process.getuid() === 0
    ? execFileSync(cmd, args, { encoding: "utf8" })
    : execFileSync("sudo", [cmd, ...args], { encoding: "utf8" });
const lib = tempLibrary();
let files = [];

/** The executable of process `pid`, or "" if it is gone or not ours to read. */
function exeOf(pid) {
  try {
    return readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return "";
  }
}

/** The pids of the processes whose parent runs `binary`. */
function childrenOf(binary) {
  const pids = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  const parents = new Set(pids.filter((pid) => exeOf(pid) === binary));
  return pids.filter((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return parents.has(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
      return false;
    }
  });
}

/** The pid of a running `binary` (by its executable: a desktop launch names it as the entry's Exec does) whose
 * arguments include `arg`, or null. */
function runningWith(binary, arg) {
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
      if (exeOf(pid) === binary && argv.includes(arg)) return Number(pid);
    } catch {
      /* the process ended meanwhile */
    }
  }
  return null;
}

before(async () => {
  assert.ok(deb && existsSync(deb), `WEIQUAN_DEB names the package to install (${deb})`);
  assert.equal(process.env.WEIQUAN_APP, installedApp, "the window under test is the installed app");
  asRoot("dpkg", "-i", deb);
  files = execFileSync("dpkg", ["-L", "weiquan"], { encoding: "utf8" })
    .split("\n")
    .filter((f) => f !== "" && existsSync(f) && statSync(f).isFile());
  // The installed app exactly as it ships: drawing without compositing (so no WebDriver screenshot here).
  await startDriver({}, { rendering: "as-shipped" });
});

after(() => {
  stopDriver();
});

test("the package installs the app, the CLI, the desktop entry, the .wqcase type and every icon", () => {
  for (const f of [installedApp, installedCli]) assert.ok(files.includes(f), `${f} is installed`);
  const desktop = readFileSync("/usr/share/applications/Weiquan.desktop", "utf8");
  assert.match(desktop, /^Name\[zh_CN\]=维权卷宗$/m);
  assert.match(desktop, /^Keywords\[zh_CN\]=投诉;维权;12315;/m);
  assert.match(desktop, /^Categories=Office;$/m);
  assert.match(desktop, /^Exec=weiquan-app %f$/m);
  assert.match(desktop, /^MimeType=application\/x-weiquan-case;$/m);
  // The post-install script registered the type with the desktop's MIME database.
  assert.ok(existsSync("/usr/share/mime/application/x-weiquan-case.xml"), "update-mime-database ran");
  for (const size of [16, 22, 24, 32, 48, 64, 128, 256, 512]) {
    assert.ok(existsSync(`/usr/share/icons/hicolor/${size}x${size}/apps/weiquan-app.png`), `icon ${size}`);
  }
  const control = execFileSync("dpkg-query", ["-W", "-f=${Depends}", "weiquan"], { encoding: "utf8" });
  assert.match(control, /libwebkit2gtk-4\.1-0/);
  assert.match(control, /fonts-noto-cjk/);
});

test("a double-click on a .wqcase starts the installed app with that file", async () => {
  // What a file manager does on a double-click, through GIO (GNOME's and most file managers' own lookup): the type
  // from the shared MIME database, the application from the desktop entries, then the launch with the file.
  const bundle = join(lib.dir, "张女士的案件.wqcase");
  writeFileSync(bundle, Buffer.from("PK\x03\x04 not a real bundle: only its name is looked at here", "latin1"));
  const type = execFileSync("gio", ["info", "-a", "standard::content-type", bundle], { encoding: "utf8" });
  assert.match(type, /standard::content-type: application\/x-weiquan-case$/m);
  const handlers = execFileSync("gio", ["mime", "application/x-weiquan-case"], { encoding: "utf8" });
  // Registered by update-desktop-database in the post-install script (desktop-file-utils, on every desktop).
  assert.match(handlers, /Default application for .*: Weiquan\.desktop/, "the desktop entry opens the type");
  const opened = spawn("gio", ["open", bundle], { stdio: "ignore", env: { ...process.env, WEIQUAN_DB: lib.db } });
  let started = null;
  for (let i = 0; i < 100 && !started; i++) {
    await new Promise((r) => setTimeout(r, 100));
    started = runningWith(installedApp, bundle);
  }
  opened.unref();
  assert.ok(started, "the installed app runs with the double-clicked file as its argument");
  process.kill(started, "SIGTERM");
  for (let i = 0; i < 100 && runningWith(installedApp, bundle); i++) await new Promise((r) => setTimeout(r, 100));
});

test("the installed CLI makes a case and its dossier; the installed app shows it", async () => {
  const made = JSON.parse(
    execFileSync(
      installedCli,
      ["--db", lib.db, "--json", "case", "import", join(root, "crates/core/data/demo-case.json")],
      {
        encoding: "utf8",
      },
    ),
  );
  const pdf = join(lib.dir, "投诉材料.pdf");
  execFileSync(installedCli, ["--db", lib.db, "dossier", String(made.id), "--out", pdf]);
  const text = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
  assert.match(text, /消费者投诉材料/);
  assert.match(text, /扫地机器人退款被客服反复推诿/);
  const { driver, readyMs } = await launch(lib.db);
  try {
    console.log(`installed app: launch to first interactive screen ${readyMs} ms`);
    const title = await driver.wait(
      until.elementLocated(By.css(`.case-row[data-case-id="${made.id}"] .case-title`)),
      10000,
    );
    assert.equal(await title.getText(), "扫地机器人退款被客服反复推诿");
    // The installed app draws without WebKit's accelerated compositing (src-tauri/src/main.rs; the idle-memory goal
    // rests on it): its web process was started with the switch on, which the harness strips from what it passes.
    const web = childrenOf(installedApp).filter((pid) => exeOf(pid).endsWith("/WebKitWebProcess"));
    assert.ok(web.length >= 1, "the installed app runs a WebKit web process");
    for (const pid of web) {
      const environ = readFileSync(`/proc/${pid}/environ`, "utf8").split("\0");
      assert.ok(environ.includes("WEBKIT_DISABLE_COMPOSITING_MODE=1"), `web process ${pid} draws directly`);
    }
  } finally {
    await driver.quit();
  }
});

test("an upgrade in place keeps the library and the settings", () => {
  const upgrade = process.env.WEIQUAN_DEB_UPGRADE;
  assert.ok(upgrade && existsSync(upgrade), `WEIQUAN_DEB_UPGRADE names the later package (${upgrade})`);
  // Settings that live outside the package: the remembered library folder (the CLI and the app read it).
  const config = mkdtempSync(join(tmpdir(), "weiquan-config-"));
  const settings = join(config, "weiquan", "settings.json");
  mkdirSync(dirname(settings), { recursive: true });
  writeFileSync(settings, JSON.stringify({ library: lib.db }));
  const env = { ...process.env, XDG_CONFIG_HOME: config, WEIQUAN_DB: "" };
  const before = execFileSync(installedCli, ["--json", "case", "list"], { encoding: "utf8", env });
  asRoot("dpkg", "-i", upgrade);
  const version = execFileSync("dpkg-query", ["-W", "-f=${Version}", "weiquan"], { encoding: "utf8" });
  assert.match(version, /^99\.0\.0/, "the later version is installed");
  assert.equal(readFileSync(settings, "utf8"), JSON.stringify({ library: lib.db }), "the settings are untouched");
  const after = execFileSync(installedCli, ["--json", "case", "list"], { encoding: "utf8", env });
  assert.deepEqual(JSON.parse(after), JSON.parse(before), "the remembered library opens with the same cases");
  assert.equal(JSON.parse(before).length, 1);
  files = execFileSync("dpkg", ["-L", "weiquan"], { encoding: "utf8" })
    .split("\n")
    .filter((f) => f !== "" && existsSync(f) && statSync(f).isFile());
});

test("removing the package leaves only the user's data", () => {
  asRoot("dpkg", "-r", "weiquan");
  const left = files.filter((f) => existsSync(f));
  assert.deepEqual(left, [], "every file the package installed is gone");
  assert.ok(!existsSync("/usr/share/mime/application/x-weiquan-case.xml"), "the .wqcase type is unregistered");
  const handlers = execFileSync("gio", ["mime", "application/x-weiquan-case"], { encoding: "utf8" });
  assert.doesNotMatch(handlers, /Weiquan\.desktop/, "no application is left to open a .wqcase");
  assert.ok(existsSync(lib.db), "the user's library stays");
  let status = "not-installed";
  try {
    status = execFileSync("dpkg-query", ["-W", "-f=${db:Status-Status}", "weiquan"], { encoding: "utf8" }).trim();
  } catch {
    // dpkg no longer knows the package at all.
  }
  assert.notEqual(status, "installed");
});
