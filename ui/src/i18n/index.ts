// Every string the user sees comes from a catalog here. zh-CN is the default; the choice is remembered.
import en from "./en.json";
import zhCN from "./zh-CN.json";

export type Locale = "zh-CN" | "en";
export const LOCALES: readonly Locale[] = ["zh-CN", "en"];
export const catalogs: Record<Locale, Record<string, string>> = { "zh-CN": zhCN, en };

const STORAGE_KEY = "weiquan.locale";
let current: Locale = "zh-CN";

export function initLocale(storage: Pick<Storage, "getItem"> | null = globalThis.localStorage ?? null): Locale {
  const saved = storage?.getItem(STORAGE_KEY);
  current = saved === "en" || saved === "zh-CN" ? saved : "zh-CN";
  return current;
}

export function setLocale(locale: Locale, storage: Pick<Storage, "setItem"> | null = globalThis.localStorage ?? null) {
  current = locale;
  storage?.setItem(STORAGE_KEY, locale);
}

export function locale(): Locale {
  return current;
}

/**
 * Looks a key up in the current catalog and fills `{name}` placeholders. A missing key shows as itself. For a count
 * of one (`n` = 1) a catalog may hold a singular under `key.one` ("1 contact", not "1 contacts").
 */
export function t(key: string, params: Record<string, string | number> = {}): string {
  const singular = params["n"] === 1 || params["n"] === "1" ? catalogs[current][`${key}.one`] : undefined;
  const text = singular ?? catalogs[current][key] ?? catalogs["zh-CN"][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
