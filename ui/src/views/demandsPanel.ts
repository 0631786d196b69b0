// The 诉求 tab: what she asks for and when she asked, saved as she edits (no save button to forget), next to the
// calculator that works out what the recorded facts support: the refund, the threefold amount only for deception
// before the purchase, and the fifteen days of 处罚办法第八条 per demand.
import { h, clear } from "../dom";
import { t } from "../i18n";
import { api, type Case } from "../ipc";
import { caseFormFrom, caseFromForm, newDemandValues, shanghaiToday, type DemandValues } from "../caseForm";
import { demandRow, readDemandRows } from "./demandRow";
import { banner, clearFieldErrors, fromIpcError, showFieldErrors } from "./errors";
import { remediesCard } from "./legalPanel";
import { onLeave } from "../router";
import { deferDelete } from "../stores/undo";
import { autosave } from "../autosave";

export async function renderDemandsPanel(panel: HTMLElement, c: Case) {
  let base = c.data;
  const status = h("p", { class: "form-status muted", "aria-live": "polite" });
  const rows = h("div", { class: "demands" });
  const calculator = h("div", {});
  const form = h("form", { class: "card demands-form", novalidate: true, "aria-labelledby": "demands-title" });

  const read = (): DemandValues[] => readDemandRows(rows);

  const draw = (values: DemandValues[]) => {
    clear(rows);
    if (values.length === 0) rows.append(h("p", { class: "muted" }, t("case.no_demands")));
    values.forEach((d, i) =>
      rows.append(
        demandRow(
          i,
          d,
          h(
            "button",
            {
              type: "button",
              class: "secondary small",
              name: `remove-demand-${i}`,
              "aria-label": t("demand.remove_label", { kind: t(`demand.${d.kind}`) }),
              onclick: () => {
                const removed = read()[i];
                draw(read().filter((_, j) => j !== i));
                schedule(0);
                if (!removed) return;
                // Saved at once; 撤销 puts the demand back where it was and saves again.
                deferDelete(
                  `demand:${c.id}:${i}`,
                  t("undo.demand", { kind: t(`demand.${removed.kind}`) }),
                  () => Promise.resolve(),
                  () => {
                    const now = read();
                    now.splice(Math.min(i, now.length), 0, removed);
                    draw(now);
                    schedule(0);
                  },
                );
              },
            },
            t("demand.remove"),
          ),
          base.interactions,
        ),
      ),
    );
  };

  const refreshCalculator = async () => {
    try {
      const review = await api.legalReview(c.id);
      clear(calculator);
      calculator.append(remediesCard(review.remedies));
    } catch (e) {
      clear(calculator);
      calculator.append(banner(fromIpcError(e).banner));
    }
  };

  // Saves only what this tab owns (the demands) onto the case as it is now in the store, so an autosave can never
  // undo something saved elsewhere meanwhile (an event, an interaction).
  const saver = autosave({
    read,
    status,
    onLeave,
    save: async (demands) => {
      clearFieldErrors(form);
      const built = caseFromForm({ ...caseFormFrom(base), demands }, base, shanghaiToday());
      if (built.data === null) {
        showFieldErrors(form, built.errors, false);
        status.textContent = t("autosave.fix", { n: built.errors.length });
        return false;
      }
      try {
        await api.setDemands(c.id, built.data.demands);
        base = { ...base, demands: built.data.demands };
        await refreshCalculator();
        return true;
      } catch (e) {
        status.textContent = "";
        status.append(banner(fromIpcError(e).banner));
        return false;
      }
    },
  });
  const schedule = (ms?: number) => saver.schedule(ms);

  form.append(
    h("h2", { id: "demands-title" }, t("form.section.demands")),
    h("p", { class: "hint" }, t("hint.demands")),
    rows,
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          name: "add-demand",
          onclick: () => {
            draw([...read(), newDemandValues()]);
            schedule();
            rows.querySelector<HTMLElement>(".demand-row:last-child select")?.focus();
          },
        },
        t("demand.add"),
      ),
      status,
    ),
  );
  form.addEventListener("input", () => schedule());
  form.addEventListener("change", () => schedule());
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    schedule(0);
  });
  draw(caseFormFrom(base).demands);
  panel.append(form, calculator);
  await refreshCalculator();
}
