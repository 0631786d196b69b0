import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it } from "vitest";
import { api, IpcError } from "../src/ipc";

afterEach(() => clearMocks());

describe("ipc", () => {
  it("calls the command by name with its typed arguments", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return [];
    });
    await api.listCases("答非所问");
    await api.getCase(7).catch(() => undefined);
    expect(calls[0]).toEqual(["list_cases", { search: "答非所问" }]);
    expect(calls[1]).toEqual(["get_case", { id: 7 }]);
  });

  it("turns a {code, message, problems} rejection into an IpcError", async () => {
    mockIPC(() => {
      throw { code: "invalid_input", message: "the case is invalid", problems: [{ path: "title", reason: "blank" }] };
    });
    const err = await api.createCase({} as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IpcError);
    expect((err as IpcError).code).toBe("invalid_input");
    expect((err as IpcError).problems[0]?.path).toBe("title");
  });

  it("wraps anything else as an internal error", async () => {
    mockIPC(() => {
      throw "boom";
    });
    const err = (await api.libraryInfo().catch((e: unknown) => e)) as IpcError;
    expect(err.code).toBe("internal");
  });
});

describe("the command list", () => {
  // src-tauri/commands.txt is the one list: build.rs makes the handler from it and fails the build when
  // capabilities/main.json allows anything else. This checks the fourth place, the typed IPC module.
  const read = (p: string) => readFileSync(fileURLToPath(new URL(p, import.meta.url)), "utf8");
  const listed = read("../../src-tauri/commands.txt")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => l.split("::")[1]);
  const called = [...read("../src/ipc/index.ts").matchAll(/call<[^>]*>\(\s*"([a-z_]+)"/g)].map((m) => m[1]);
  const allowed = [...read("../../src-tauri/capabilities/main.json").matchAll(/"allow-([a-z-]+)"/g)].map((m) =>
    m[1]!.replaceAll("-", "_"),
  );

  it("is called exactly by the IPC module and allowed exactly by the capabilities", () => {
    expect(listed.length).toBeGreaterThan(20);
    expect([...called].sort()).toEqual([...listed].sort());
    expect([...allowed].sort()).toEqual([...listed].sort());
  });
});
