// The 记录 tab: a fast form for the next interaction (defaults: now, the last channel and agent) and a paste box
// that splits a copied chat transcript into question/answer turns she can correct before saving. What she types
// is kept as a draft in the core until it is saved.
import { h, clear } from "../dom";
import { t } from "../i18n";
import {
  api,
  CHANNELS,
  LINK_SENDERS,
  PROBLEM_KINDS,
  type Case,
  type Channel,
  type Interaction,
  type InteractionId,
  type LinkSender,
  type ProblemKind,
} from "../ipc";
import {
  interactionFromForm,
  interactionValuesFrom,
  newInteractionValues,
  sameContact,
  shanghaiToday,
  type InteractionValues,
} from "../caseForm";
import { agentNameOf, pairTurns, splitTranscript, type Speaker, type Turn } from "../transcript";
import { discardDraft, loadDraft, saveDraft } from "../stores/drafts";
import { screenshotCard } from "./screenshotCard";
import { banner, clearErrorOnEdit, clearFieldErrors, fromIpcError, showFieldErrors } from "./errors";
import { normaliseDate } from "../dates";
import { beforePurchaseField, dateField, dateTimeField, dateTimeOf, selectField, textField, valueOf } from "./fields";

const logDraft = (c: Case) => `log.${c.id}`;
const pasteDraft = (c: Case) => `paste.${c.id}`;

function readForm(form: HTMLElement): InteractionValues {
  return {
    occurred_at: dateTimeOf(form, "occurred_at"),
    channel: valueOf(form, "channel") as Channel,
    agent: valueOf(form, "agent"),
    agent_id: valueOf(form, "agent_id"),
    ticket_no: valueOf(form, "ticket_no"),
    question: valueOf(form, "question"),
    answer: valueOf(form, "answer"),
    problems: [...form.querySelectorAll<HTMLInputElement>('input[name="problem"]:checked')].map(
      (i) => i.value as ProblemKind,
    ),
    loss: valueOf(form, "loss"),
    note: valueOf(form, "note"),
    link_sender: valueOf(form, "link_sender") as LinkSender | "",
    before_purchase: valueOf(form, "before_purchase") as InteractionValues["before_purchase"],
  };
}

function interactionForm(c: Case, v: InteractionValues, onSaved: () => void, editing: Interaction | null): HTMLElement {
  const draftKey = editing?.id !== undefined ? `${logDraft(c)}.${editing.id}` : logDraft(c);
  const status = h("div", { class: "form-status", "aria-live": "polite" });
  const problems = h(
    "fieldset",
    { class: "problems", "data-path": "problems" },
    h("legend", {}, t("interaction.problems")),
    PROBLEM_KINDS.map((p) =>
      h(
        "label",
        { class: "check-chip" },
        h("input", { type: "checkbox", name: "problem", value: p, checked: v.problems.includes(p) }),
        h("span", {}, t(`problem.${p}`)),
      ),
    ),
  );
  const linkSender = h(
    "div",
    { class: "link-sender", hidden: !v.problems.includes("induced_harm") },
    selectField(
      "link_sender",
      t("interaction.link_sender"),
      LINK_SENDERS,
      (x) => `link_sender.${x}`,
      v.link_sender,
      t("common.choose"),
    ),
  );
  problems.addEventListener("change", () => {
    linkSender.hidden = !(problems.querySelector<HTMLInputElement>('input[value="induced_harm"]')?.checked ?? false);
  });
  const form = h(
    "form",
    { class: "interaction-form card", novalidate: true, "aria-labelledby": "log-title" },
    h("h2", { id: "log-title" }, editing ? t("interaction.edit_title") : t("interaction.log_title")),
    dateTimeField("occurred_at", v.occurred_at, t("hint.when_time")),
    h(
      "div",
      { class: "row" },
      selectField("channel", t("interaction.channel"), CHANNELS, (x) => `channel.${x}`, v.channel),
    ),
    h(
      "div",
      { class: "row" },
      textField("agent", t("interaction.agent"), v.agent),
      textField("agent_id", t("interaction.agent_id"), v.agent_id),
      textField("ticket_no", t("interaction.ticket_no"), v.ticket_no),
    ),
    textField("question", t("interaction.question"), v.question, { multiline: true, hint: t("hint.verbatim") }),
    textField("answer", t("interaction.answer"), v.answer, { multiline: true, hint: t("hint.verbatim") }),
    problems,
    linkSender,
    beforePurchaseField("before_purchase", v.before_purchase ?? "", v.problems),
    h(
      "div",
      { class: "row" },
      textField("loss", t("interaction.loss"), v.loss, { inputmode: "decimal", hint: t("hint.amount") }),
      textField("note", t("interaction.note"), v.note),
    ),
    status,
    h(
      "div",
      { class: "actions" },
      editing
        ? h(
            "button",
            {
              type: "button",
              class: "secondary",
              name: "cancel-edit",
              onclick: () => void discardDraft(draftKey).then(onSaved),
            },
            t("action.cancel"),
          )
        : null,
      h(
        "button",
        { type: "submit", class: "primary", name: "save-interaction" },
        editing ? t("interaction.save_edit") : t("interaction.save"),
      ),
    ),
  );
  clearErrorOnEdit(form);
  const keep = () => saveDraft(draftKey, readForm(form));
  form.addEventListener("input", keep);
  form.addEventListener("change", keep);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void (async () => {
      clearFieldErrors(form);
      clear(status);
      const built = interactionFromForm(readForm(form));
      if (built.value === null) {
        showFieldErrors(form, built.errors);
        return;
      }
      try {
        const fresh = await api.getCase(c.id);
        const value = built.value;
        const interactions =
          editing?.id !== undefined
            ? fresh.data.interactions.map((x) => (x.id === editing.id ? { ...value, id: editing.id } : x))
            : [...fresh.data.interactions, value];
        await api.updateCase(c.id, { ...fresh.data, interactions });
        await discardDraft(draftKey);
        onSaved();
      } catch (err) {
        status.append(banner(fromIpcError(err).banner));
      }
    })();
  });
  return form;
}

interface PasteState {
  text: string;
  date: string;
  turns: Turn[];
}

function pasteBox(c: Case, last: Interaction | undefined, onSaved: () => void, saved: PasteState | null): HTMLElement {
  const state: PasteState = saved ?? { text: "", date: shanghaiToday(), turns: [] };
  const status = h("div", { class: "form-status", "aria-live": "polite" });
  const turnsBox = h("div", { class: "turns" });
  const keep = () => saveDraft(pasteDraft(c), state);
  const drawTurns = () => {
    clear(turnsBox);
    if (state.turns.length === 0) return;
    const pairs = pairTurns(state.turns, `${state.date}T00:00`);
    turnsBox.append(
      h("p", { class: "muted" }, t("paste.found", { turns: state.turns.length, pairs: pairs.length })),
      h(
        "ol",
        { class: "turn-list" },
        state.turns.map((turn, i) =>
          h(
            "li",
            { class: `turn turn-${turn.speaker}`, "data-turn": i },
            h(
              "div",
              { class: "turn-head" },
              h(
                "label",
                {},
                h("span", { class: "visually-hidden" }, t("paste.speaker_label", { n: i + 1 })),
                h(
                  "select",
                  {
                    name: `turn-${i}-speaker`,
                    onchange: (e: Event) => {
                      turn.speaker = (e.target as HTMLSelectElement).value as Speaker;
                      keep();
                      drawTurns();
                    },
                  },
                  (["me", "agent"] as const).map((s) =>
                    h("option", { value: s, selected: turn.speaker === s }, t(`paste.speaker.${s}`)),
                  ),
                ),
              ),
              turn.name ? h("span", { class: "muted" }, turn.name) : null,
              turn.time ? h("time", { class: "muted" }, turn.time.replace("T", " ")) : null,
            ),
            h(
              "textarea",
              {
                name: `turn-${i}-text`,
                rows: Math.min(6, turn.text.split("\n").length + 1),
                "aria-label": t("paste.text_label", { n: i + 1 }),
                oninput: (e: Event) => {
                  turn.text = (e.target as HTMLTextAreaElement).value;
                  keep();
                },
              },
              turn.text,
            ),
          ),
        ),
      ),
      h(
        "button",
        { type: "button", class: "primary", name: "save-turns", onclick: () => void saveTurns() },
        t("paste.save", { n: pairs.length }),
      ),
    );
  };
  let dupesShown = false;
  const saveTurns = async () => {
    clear(status);
    const pairs = pairTurns(
      state.turns.filter((x) => x.text.trim() !== ""),
      `${state.date}T00:00`,
    );
    const base = newInteractionValues(last);
    const company = [c.data.respondent.name, c.data.respondent.shop, c.data.respondent.platform];
    const built = pairs.map((p) =>
      interactionFromForm({
        ...base,
        occurred_at: p.occurred_at,
        // The name the transcript shows, if it names a person; never the last contact's agent.
        agent: agentNameOf(p.agent, company),
        agent_id: "",
        ticket_no: "",
        question: p.question,
        answer: p.answer,
      }),
    );
    if (built.some((b) => b.value === null) || built.length === 0) {
      status.append(banner(t("paste.invalid")));
      return;
    }
    try {
      const fresh = await api.getCase(c.id);
      const all = built.flatMap((b) => (b.value ? [b.value] : []));
      // A chat already logged (same words, same day) is not saved a second time: she is told, once, first.
      const added = all.filter((it) => !fresh.data.interactions.some((x) => sameContact(x, it)));
      const dupes = all.length - added.length;
      if (added.length === 0) {
        status.append(banner(t("paste.all_recorded", { n: dupes }), "warning"));
        return;
      }
      if (dupes > 0 && !dupesShown) {
        dupesShown = true;
        status.append(banner(t("paste.some_recorded", { n: dupes, m: added.length }), "warning"));
        return;
      }
      await api.updateCase(c.id, { ...fresh.data, interactions: [...fresh.data.interactions, ...added] });
      await discardDraft(pasteDraft(c));
      onSaved();
    } catch (err) {
      status.append(banner(fromIpcError(err).banner));
    }
  };
  const area = h(
    "textarea",
    { name: "transcript", rows: 8, id: "paste-text", "aria-describedby": "paste-hint" },
    state.text,
  );
  const date = dateField("transcript-date", t("paste.date"), state.date);
  const split = () => {
    state.text = area.value;
    const typed = normaliseDate(valueOf(date, "transcript-date"), shanghaiToday());
    if (typeof typed === "string") state.date = typed;
    state.turns = splitTranscript(state.text, state.date, []);
    keep();
    drawTurns();
    if (state.turns.length === 0) status.append(banner(t("paste.nothing"), "warning"));
  };
  area.addEventListener("input", () => {
    state.text = area.value;
    keep();
  });
  const box = h(
    "section",
    { class: "card paste", "aria-labelledby": "paste-title" },
    h("h2", { id: "paste-title" }, t("paste.title")),
    h("p", { class: "hint", id: "paste-hint" }, t("paste.hint")),
    h("div", { class: "field" }, h("label", { for: "paste-text" }, t("paste.label")), area),
    h(
      "div",
      { class: "row" },
      date,
      h(
        "div",
        { class: "actions" },
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            name: "split-transcript",
            onclick: () => {
              clear(status);
              split();
            },
          },
          t("paste.split"),
        ),
      ),
    ),
    status,
    turnsBox,
  );
  drawTurns();
  return box;
}

export async function renderLogPanel(panel: HTMLElement, c: Case, onSaved: () => void, edit?: InteractionId) {
  const editing = edit === undefined ? null : (c.data.interactions.find((x) => x.id === edit) ?? null);
  const last = [...c.data.interactions].sort((a, b) => a.occurred_at.localeCompare(b.occurred_at)).at(-1);
  const key = editing?.id !== undefined ? `${logDraft(c)}.${editing.id}` : logDraft(c);
  const [logJson, pasteJson] = await Promise.all([
    loadDraft(key),
    editing ? Promise.resolve(null) : loadDraft(pasteDraft(c)),
  ]);
  let values = editing ? interactionValuesFrom(editing) : newInteractionValues(last);
  let restored = false;
  if (logJson) {
    try {
      values = { ...values, ...(JSON.parse(logJson) as Partial<InteractionValues>) };
      restored = true;
    } catch {
      /* an unreadable draft is ignored; the form starts fresh */
    }
  }
  let paste: PasteState | null = null;
  if (pasteJson) {
    try {
      paste = JSON.parse(pasteJson) as PasteState;
    } catch {
      paste = null;
    }
  }
  panel.append(
    restored ? banner(t("log.restored"), "info") : h("span", {}),
    interactionForm(c, values, onSaved, editing),
    editing ? h("span", {}) : pasteBox(c, last, onSaved, paste),
    editing ? h("span", {}) : await screenshotCard(c, onSaved),
  );
  panel.querySelector<HTMLElement>('[data-path="question"]')?.focus();
}
