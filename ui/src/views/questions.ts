// 需要您确认的事实: what the core still needs to know before the legal bases can fit the facts (was this said
// before you ordered? goods or a service? the platform or a shop? when did you make this demand?). Each question is
// answered in place with one click (or a date) and saved onto the case as it is in the store.
import { h } from "../dom";
import { t } from "../i18n";
import { api, type Case, type OpenQuestion } from "../ipc";
import { ANSWERS, applyAnswer } from "../facts";
import { banner, fromIpcError } from "./errors";
import { dateField, valueOf } from "./fields";
import { normaliseDate } from "../dates";
import { shanghaiToday } from "../caseForm";

function context(c: Case, q: OpenQuestion): string | null {
  if (q.interaction !== null) {
    const it = c.data.interactions[q.interaction];
    if (!it) return null;
    const said = it.answer ?? it.question ?? "";
    return t("questions.about_contact", { n: q.interaction + 1, date: it.occurred_at.slice(0, 10), said });
  }
  if (q.demand !== null) {
    const d = c.data.demands[q.demand];
    return d ? t("questions.about_demand", { kind: t(`demand.${d.kind}`) }) : null;
  }
  return null;
}

export function questionsCard(c: Case, questions: readonly OpenQuestion[], saved: () => void): HTMLElement {
  const status = h("div", { class: "form-status", "aria-live": "polite" });
  const answer = async (q: OpenQuestion, value: string) => {
    status.replaceChildren();
    try {
      const fresh = (await api.getCase(c.id)).data;
      const next = applyAnswer(fresh, q, value);
      if (next === null) return;
      await api.updateCase(c.id, next);
      saved();
    } catch (e) {
      status.append(banner(fromIpcError(e).banner));
    }
  };
  return h(
    "section",
    { class: "card questions", "aria-labelledby": "questions-title" },
    h("h2", { id: "questions-title" }, t("questions.title")),
    h("p", { class: "muted" }, t("questions.lead")),
    h(
      "ul",
      { class: "question-list" },
      questions.map((q, i) => {
        const about = context(c, q);
        const choices = ANSWERS[q.kind];
        const body =
          q.kind === "demand_date"
            ? (() => {
                const path = `question-${i}-date`;
                const field = dateField(path, t("questions.demand_date"), "");
                return h(
                  "form",
                  {
                    class: "inline",
                    novalidate: true,
                    onsubmit: (e: Event) => {
                      e.preventDefault();
                      const day = normaliseDate(valueOf(field, path), shanghaiToday());
                      if (typeof day === "string") void answer(q, day);
                      else field.querySelector<HTMLInputElement>("input")?.focus();
                    },
                  },
                  field,
                  h("button", { type: "submit", class: "secondary small", name: "answer-question" }, t("action.save")),
                );
              })()
            : h(
                "div",
                { class: "actions" },
                choices.map((a) =>
                  h(
                    "button",
                    {
                      type: "button",
                      class: "secondary small",
                      name: "answer-question",
                      "data-answer": a,
                      onclick: () => void answer(q, a),
                    },
                    t(`questions.${q.kind}.${a}`),
                  ),
                ),
              );
        return h(
          "li",
          { class: "question", "data-question": q.kind },
          h("p", {}, h("strong", {}, t(`questions.${q.kind}`))),
          about ? h("p", { class: "muted small" }, about) : null,
          h("p", { class: "hint" }, t(`questions.${q.kind}.why`)),
          body,
        );
      }),
    ),
    status,
  );
}
