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
