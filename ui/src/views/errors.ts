// Shows errors where they belong: next to the field they concern, or in a banner, always in the user's language.
import { h } from "../dom";
import { t } from "../i18n";
import { IpcError } from "../ipc";
import type { FieldError } from "../caseForm";

export function clearFieldErrors(form: HTMLElement) {
  form.querySelectorAll(".field-error, .field-question").forEach((e) => e.remove());
  form.querySelectorAll("[aria-invalid]").forEach((e) => e.removeAttribute("aria-invalid"));
}

/** Removes a field's error as soon as the user changes that field. */
export function clearErrorOnEdit(form: HTMLElement) {
  form.addEventListener("input", (e) => {
    const field = e.target as HTMLElement;
    if (field.getAttribute("aria-invalid") !== "true") return;
    field.removeAttribute("aria-invalid");
    field.closest(".field")?.querySelector(".field-error")?.remove();
  });
}

/** Marks each field named by `path` (its data-path attribute) and returns the errors that found no field. */
export function showFieldErrors(form: HTMLElement, errors: FieldError[], moveFocus = true): FieldError[] {
  const unplaced: FieldError[] = [];
  let first: HTMLElement | null = null;
  for (const e of errors) {
    const field = form.querySelector<HTMLElement>(`[data-path="${CSS.escape(e.path)}"]`);
    if (!field) {
      unplaced.push(e);
      continue;
    }
    const id = `err-${e.path.replace(/[^a-z0-9]/gi, "-")}`;
    field.setAttribute("aria-invalid", "true");
    field.setAttribute("aria-describedby", id);
    field.closest(".field")?.append(h("p", { class: "field-error", id, role: "alert" }, t(e.key)));
    first ??= field;
  }
  if (moveFocus) first?.focus();
  return unplaced;
}

/** Puts a question next to each field it concerns (a doubt, not an error: going on again answers it). */
export function showFieldQuestions(form: HTMLElement, questions: FieldError[]) {
  let first: HTMLElement | null = null;
  for (const q of questions) {
    const field = form.querySelector<HTMLElement>(`[data-path="${CSS.escape(q.path)}"]`);
    const box = field?.closest(".field");
    if (!field || !box) continue;
    box.append(h("p", { class: "field-question", role: "status" }, t(q.key)));
    first ??= field;
  }
  first?.focus();
}

/** Turns a failed command into field errors (for located problems) and a banner message (for the rest). */
export function fromIpcError(e: unknown): { fields: FieldError[]; banner: string } {
  if (e instanceof IpcError) {
    const fields = e.problems.map((p) => ({ path: p.path, key: "error.field_invalid" }));
    const key = `error.code.${e.code}`;
    const banner = t(key) === key ? t("error.code.unknown") : t(key);
    return { fields, banner };
  }
  return { fields: [], banner: t("error.code.unknown") };
}

export function banner(message: string, kind: "error" | "warning" | "info" = "error"): HTMLElement {
  return h("div", { class: `banner ${kind}`, role: kind === "error" ? "alert" : "status" }, message);
}
