// @vitest-environment node
// The window's Content Security Policy: nothing the page loads or talks to may come from another computer. A
// remote origin in any directive (a CDN, an analytics host, a font service) would let the page reach the network.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const conf = JSON.parse(
  readFileSync(fileURLToPath(new URL("../../src-tauri/tauri.conf.json", import.meta.url)), "utf8"),
) as {
  app: { withGlobalTauri: boolean; security: { csp: string } };
};

/** Sources that stay on this machine: the app's own bundle, inline data, and Tauri's IPC bridge. */
const LOCAL = new Set(["'self'", "'none'", "data:", "ipc:", "http://ipc.localhost"]);

export function remoteSources(csp: string): string[] {
  return csp
    .split(";")
    .map((d) => d.trim().split(/\s+/))
    .filter((parts) => parts[0] !== "")
    .flatMap(([name, ...sources]) => sources.filter((s) => !LOCAL.has(s)).map((s) => `${name} ${s}`));
}

describe("the window's security settings", () => {
  it("allow no remote origin in any CSP directive", () => {
    expect(remoteSources(conf.app.security.csp)).toEqual([]);
    for (const d of [
      "default-src",
      "script-src",
      "connect-src",
      "object-src",
      "base-uri",
      "form-action",
      "frame-ancestors",
    ]) {
      expect(conf.app.security.csp, d).toContain(`${d} `);
    }
  });

  it("would notice a remote origin, a wildcard or inline script", () => {
    expect(remoteSources("default-src 'self'; connect-src ipc: https://api.example.com")).toEqual([
      "connect-src https://api.example.com",
    ]);
    expect(remoteSources("img-src *")).toEqual(["img-src *"]);
    expect(remoteSources("script-src 'self' 'unsafe-inline'")).toEqual(["script-src 'unsafe-inline'"]);
  });

  it("keeps the Tauri API off the page's global object", () => {
    expect(conf.app.withGlobalTauri).toBe(false);
  });
});
