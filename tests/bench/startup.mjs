// Release-build start-up and idle memory, each next to its anchor in the same run: an empty Tauri 2 window built the
// same way (release, custom-protocol). `make bench-app` builds both and runs this under Xvfb:
//   node tests/bench/startup.mjs
// Start-up is the time from asking WebDriver for a session to the first interactive screen (the app: the start
// screen's 新建投诉 button; the empty window: its #ready element): the median of three launches each after the page
// cache was dropped when running as root (cold), then the median of five (warm). Idle memory is PSS (and RSS) summed over the
// process tree (the app, WebKit's web and network processes) five seconds after the screen is ready, the median of
// the five warm launches.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { By, memoryOf, root, session, startDriver, stopDriver, tempLibrary, until } from "../e2e/harness.mjs";

const app = process.env.WEIQUAN_APP ?? join(root, "target/release/weiquan-app");
const empty = process.env.WEIQUAN_EMPTY_WINDOW ?? join(root, "target/release/weiquan-empty-window");
const lib = tempLibrary();
execFileSync(process.env.WEIQUAN_CLI ?? join(root, "target/release/weiquan"), [
  "--db",
  lib.db,
  "case",
  "import",
  join(root, "crates/core/data/demo-case.json"),
]);

function dropCaches() {
  if (process.getuid() !== 0) return false;
  execFileSync("sync");
  try {
    execFileSync("sh", ["-c", "echo 3 > /proc/sys/vm/drop_caches"]);
    return true;
  } catch {
    return false;
  }
}

async function once(binary, args, ready) {
  const t = performance.now();
  const driver = await session(binary, args);
  await driver.wait(until.elementLocated(By.css(ready)), 30000);
  return { driver, ms: Math.round(performance.now() - t) };
}

async function measure(label, binary, args, ready) {
  // Three first launches, each after the page cache was dropped (as root): one cold launch varies by a hundred ms.
  const firsts = [];
  let cold = false;
  for (let i = 0; i < 3; i++) {
    cold = dropCaches();
    const run = await once(binary, args, ready);
    firsts.push(run.ms);
    await run.driver.quit();
  }
  firsts.sort((a, b) => a - b);
  const first = { ms: firsts[1] };
  const warm = [];
  const memories = [];
  for (let i = 0; i < 5; i++) {
    const run = await once(binary, args, ready);
    warm.push(run.ms);
    await new Promise((r) => setTimeout(r, 5000));
    memories.push(memoryOf(binary));
    await run.driver.quit();
  }
  warm.sort((a, b) => a - b);
  // WebKit's web process varies by tens of MiB from one launch to the next (its compositing buffers and heap are
  // allocated as painting and collection happen), so one reading decides nothing: the median of five.
  memories.sort((a, b) => a.pssMiB - b.pssMiB);
  const spread = `${memories[0].pssMiB}–${memories[4].pssMiB}`;
  return { label, first: first.ms, cold, warm: warm[2], memory: { ...memories[2], spread } };
}

await startDriver({}, { rendering: "as-shipped" });
try {
  const a = await measure("Weiquan (start screen)", app, ["--db", lib.db], 'button[name="new-case"]');
  const e = await measure("empty Tauri 2 window", empty, [], "#ready");
  // The app renders without WebKit's accelerated compositing (src-tauri/src/main.rs); the same empty window given
  // the same switch shows what that choice alone is worth, so the first ratio is not read as the page's doing.
  stopDriver();
  await startDriver({ WEBKIT_DISABLE_COMPOSITING_MODE: "1" }, { rendering: "as-shipped" });
  const d = await measure("empty, same rendering", empty, [], "#ready");
  const line = (r) =>
    `${r.label.padEnd(24)} first ${String(r.first).padStart(5)} ms${r.cold ? " (cold)" : ""}  warm median ${String(r.warm).padStart(5)} ms  PSS ${r.memory.pssMiB} MiB (${r.memory.spread})  RSS ${r.memory.rssMiB} MiB (${r.memory.processes} processes)`;
  console.log("\nrelease build, under Xvfb:");
  console.log(line(a));
  console.log(line(e));
  console.log(line(d));
  const ratio = (label, x) =>
    `${label.padEnd(24)} first ${(a.first / x.first).toFixed(2)}x  warm ${(a.warm / x.warm).toFixed(2)}x  PSS ${(a.memory.pssMiB / x.memory.pssMiB).toFixed(2)}x  RSS ${(a.memory.rssMiB / x.memory.rssMiB).toFixed(2)}x`;
  console.log(ratio("ratio", e));
  console.log(ratio("ratio, same rendering", d) + "\n");
} finally {
  stopDriver();
}
