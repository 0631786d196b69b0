// Starts the real app under tauri-driver (which drives WebKitWebDriver) on a temp library, and gives tests a
// WebDriver session plus the CLI on the same database. Run under Xvfb (see `make e2e`).
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Builder, By, until } from "selenium-webdriver";

export const root = resolve(import.meta.dirname, "../..");
export const appBinary = process.env.WEIQUAN_APP ?? join(root, "target/debug/weiquan-app");
export const cliBinary = process.env.WEIQUAN_CLI ?? join(root, "target/debug/weiquan");
export const outDir = join(root, "tests/e2e/out");
mkdirSync(outDir, { recursive: true });

export function tempLibrary() {
  const dir = mkdtempSync(join(tmpdir(), "weiquan-e2e-"));
  return { dir, db: join(dir, "weiquan.db") };
}

export function cli(db, ...args) {
  return execFileSync(cliBinary, ["--db", db, ...args], { encoding: "utf8", env: { ...process.env, WEIQUAN_DB: "" } });
}

let driverProcess = null;
let driverUrl = null;

/** A free TCP port on the loopback interface (so parallel runs never collide). */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Starts tauri-driver; the apps it launches get `env` on top of ours. How the window draws: the app ships drawing
 * without WebKit's accelerated compositing (src-tauri/src/main.rs), and WebKitWebDriver's screenshots never return in
 * that mode. So the journeys, which take the docs' screenshots, turn compositing back on the way a user can
 * (WEBKIT_DISABLE_COMPOSITING_MODE=0, which the app leaves alone); the package test and the start-up bench pass
 * `{ rendering: "as-shipped" }` and run the app exactly as it ships. */
export async function startDriver(env = {}, { rendering = "composited" } = {}) {
  if (driverProcess) return;
  const base = { ...process.env };
  if (rendering === "as-shipped") delete base.WEBKIT_DISABLE_COMPOSITING_MODE;
  else base.WEBKIT_DISABLE_COMPOSITING_MODE = "0";
  const bin = process.env.TAURI_DRIVER ?? join(process.env.HOME ?? "/root", ".cargo/bin/tauri-driver");
  // A fresh XDG data folder: the webview's storage (e.g. the chosen language) never leaks between runs.
  const xdg = mkdtempSync(join(tmpdir(), "weiquan-e2e-xdg-"));
  const port = await freePort();
  const nativePort = await freePort();
  driverUrl = `http://127.0.0.1:${port}/`;
  // Likewise a fresh config folder: moving the library in the settings remembers the place there.
  const config = mkdtempSync(join(tmpdir(), "weiquan-e2e-config-"));
  // Its own process group: WebKitWebDriver and every app it starts are in it, so stopping the driver ends them too —
  // a failed test never leaves an app running for the next one (or for CI's timeout) to wait on.
  driverProcess = spawn(bin, ["--port", String(port), "--native-port", String(nativePort)], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...base, XDG_DATA_HOME: xdg, XDG_CONFIG_HOME: config, ...env },
    detached: true,
  });
  process.once("exit", stopDriver);
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${driverUrl}status`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver did not answer on ${driverUrl} within 10 s`);
}

export function stopDriver() {
  if (driverProcess?.pid !== undefined) {
    try {
      process.kill(-driverProcess.pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
  driverProcess = null;
}

/** Launches the app on `db` (with `extra` arguments, e.g. a .wqcase as a double-click passes it); returns the session
 * and the milliseconds until the start screen was interactive. */
export async function launch(db, extra = []) {
  const started = performance.now();
  const driver = await new Builder()
    .usingServer(driverUrl)
    .withCapabilities({
      browserName: "wry",
      "tauri:options": { application: appBinary, args: ["--db", db, ...extra] },
    })
    .build();
  await driver.wait(until.elementLocated(By.css('button[name="new-case"]')), 20000);
  return { driver, readyMs: Math.round(performance.now() - started) };
}

/** A WebDriver session on any Tauri binary with these arguments, nothing awaited (for measurements). */
export function session(binary, args = []) {
  return new Builder()
    .usingServer(driverUrl)
    .withCapabilities({ browserName: "wry", "tauri:options": { application: binary, args } })
    .build();
}

/** Launches any Tauri binary (e.g. the empty baseline window) and waits until its page has loaded. */
export async function launchBinary(binary) {
  const driver = await new Builder()
    .usingServer(driverUrl)
    .withCapabilities({ browserName: "wry", "tauri:options": { application: binary, args: [] } })
    .build();
  await driver.wait(async () => (await driver.executeScript("return document.readyState")) === "complete", 20000);
  return driver;
}

/** Memory of the running instance of `binary` and every process below it (WebKit's web and network processes):
 * the sum of RSS and of PSS (shared pages divided among their users), in MiB, from /proc. */
export function memoryOf(binary) {
  const procs = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  const info = new Map();
  for (const pid of procs) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0")[0];
      info.set(Number(pid), { ppid, cmd });
    } catch {
      /* the process ended meanwhile */
    }
  }
  const roots = [...info].filter(([, p]) => p.cmd === binary).map(([pid]) => pid);
  if (roots.length !== 1) throw new Error(`expected one running ${binary}, found ${roots.length}`);
  const tree = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of info) {
      if (!tree.has(pid) && tree.has(p.ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  let rss = 0;
  let pss = 0;
  for (const pid of tree) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      /* the process ended meanwhile */
    }
  }
  return { processes: tree.size, rssMiB: Math.round(rss / 102.4) / 10, pssMiB: Math.round(pss / 102.4) / 10 };
}

export async function screenshot(driver, name) {
  writeFileSync(join(outDir, `${name}.png`), await driver.takeScreenshot(), "base64");
}

/**
 * Finds the element for `css` and acts on it; if the screen is drawn again between finding and acting (a save or
 * a delete redraws it), the element found is gone: find it again, until `timeout`. Any other error is the test's.
 */
async function onElement(driver, css, act, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      const el = await driver.wait(until.elementLocated(By.css(css)), Math.max(deadline - Date.now(), 1));
      await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", el);
      await act(el);
      return el;
    } catch (e) {
      const redrawn = e.name === "StaleElementReferenceError" || e.name === "NoSuchElementError";
      if (!redrawn || Date.now() > deadline) throw e;
    }
  }
}

/** Waits for an element (a screen may still be drawing on a loaded machine), scrolls it to the middle of the
 * window (clear of the sticky bars) and clicks it. */
export async function click(driver, css) {
  return onElement(driver, css, (el) => el.click());
}

export async function fill(driver, path, text) {
  await onElement(driver, `[data-path="${path}"]`, async (el) => {
    await el.clear();
    await el.sendKeys(text);
  });
}

export async function choose(driver, path, value) {
  await click(driver, `select[data-path="${path}"] option[value="${value}"]`);
}

/**
 * The text of the element for `css`, or "" while it is not on screen (a screen being drawn again has none for a
 * moment): a wait on it goes on waiting, an assertion on it fails with what was shown instead of an exception.
 */
export async function textOf(driver, css) {
  for (let tries = 0; ; tries++) {
    const found = await driver.findElements(By.css(css));
    if (found.length === 0) return "";
    try {
      return await found[0].getText();
    } catch (e) {
      if (e.name !== "StaleElementReferenceError" || tries > 20) throw e;
    }
  }
}

export { By, until };
