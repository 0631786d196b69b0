// Release-build start-up and idle memory, each next to its anchor in the same run: an empty Tauri 2 window built the
// same way (release, custom-protocol). `make bench-app` builds both and runs this under Xvfb:
//   node tests/bench/startup.mjs
// Start-up is the time from asking WebDriver for a session to the first interactive screen (the app: the start
// screen's 新建投诉 button; the empty window: its #ready element), the first launch after the page cache was dropped
// when running as root (cold) and then the median of five (warm). Idle memory is PSS (and RSS) summed over the
// process tree (the app, WebKit's web and network processes) five seconds after the screen is ready.
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
  const cold = dropCaches();
  const first = await once(binary, args, ready);
  await first.driver.quit();
  const warm = [];
  let memory;
  for (let i = 0; i < 5; i++) {
    const run = await once(binary, args, ready);
    warm.push(run.ms);
    if (i === 4) {
      await new Promise((r) => setTimeout(r, 5000));
      memory = memoryOf(binary);
    }
    await run.driver.quit();
  }
  warm.sort((a, b) => a - b);
  return { label, first: first.ms, cold, warm: warm[2], memory };
}

await startDriver();
try {
  const a = await measure("Weiquan (start screen)", app, ["--db", lib.db], 'button[name="new-case"]');
  const e = await measure("empty Tauri 2 window", empty, [], "#ready");
  const line = (r) =>
    `${r.label.padEnd(24)} first ${String(r.first).padStart(5)} ms${r.cold ? " (cold)" : ""}  warm median ${String(r.warm).padStart(5)} ms  PSS ${r.memory.pssMiB} MiB  RSS ${r.memory.rssMiB} MiB (${r.memory.processes} processes)`;
  console.log("\nrelease build, under Xvfb:");
  console.log(line(a));
  console.log(line(e));
  console.log(
    `ratio                    first ${(a.first / e.first).toFixed(2)}x  warm ${(a.warm / e.warm).toFixed(2)}x  PSS ${(a.memory.pssMiB / e.memory.pssMiB).toFixed(2)}x  RSS ${(a.memory.rssMiB / e.memory.rssMiB).toFixed(2)}x\n`,
  );
} finally {
  stopDriver();
}
