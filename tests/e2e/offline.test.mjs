// `make e2e` runs the whole story inside a network namespace with nothing but loopback (`unshare -rn`), so the app
// and the CLI are shown to work with no network at all. This checks that the namespace really is one: no interface
// but `lo`, and a connection to the outside fails at once instead of leaving the machine.
import assert from "node:assert/strict";
import { networkInterfaces } from "node:os";
import { connect } from "node:net";
import { test } from "node:test";

const offline = process.env.WEIQUAN_E2E_OFFLINE === "1";

test("the end-to-end story runs with no network", { skip: !offline && "not run inside unshare -n" }, async () => {
  assert.deepEqual(Object.keys(networkInterfaces()), ["lo"]);
  const error = await new Promise((resolve) => {
    const s = connect({ host: "1.1.1.1", port: 443, timeout: 3000 });
    s.on("connect", () => {
      s.destroy();
      resolve(null);
    });
    s.on("timeout", () => {
      s.destroy();
      resolve(new Error("timeout"));
    });
    s.on("error", resolve);
  });
  assert.ok(error, "a connection to 1.1.1.1 must fail");
  assert.match(String(error.code ?? error.message), /ENETUNREACH|EHOSTUNREACH|timeout/);
});
