// One case: its facts, its interactions on a time line, and a quick form to log the next interaction.
import { h, clear, confirmDialog } from "../dom";
import { t } from "../i18n";
import { api, CHANNELS, LINK_SENDERS, PROBLEM_KINDS, type Case, type CaseId, type Channel, type Interaction, type LinkSender, type Problem, type ProblemKind } from "../ipc";
import { interactionFromForm, newInteractionValues, type InteractionValues } from "../caseForm";
import { navigate, type CaseTab } from "../router";
import { renderLegalPanel } from "./legalPanel";
import { renderEvidencePanel } from "./evidencePanel";
import { renderExportPanel } from "./exportPanel";
import { eventsSection, nextStepCard } from "./progress";
import { banner, clearErrorOnEdit, clearFieldErrors, fromIpcError, showFieldErrors } from "./errors";
import { selectField, textField, valueOf } from "./fields";

const dash = (v: string | null | undefined) => (v && v.trim() !== "" ? v : t("common.none"));

function warningText(w: Problem): string {
  if (w.path === "respondent.credit_code") return t("warning.credit_code");
  if (w.path.endsWith("occurred_at") || w.path === "purchase.date") return t("warning.future_date");
  return t("warning.generic");
}

function facts(c: Case): HTMLElement {
  const d = c.data;
  const dl = (rows: [string, string][]) =>
    h("dl", { class: "facts" }, rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]));
  return h(
    "div",
    { class: "fact-grid" },
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("form.section.complainant")),
      dl([
        [t("field.complainant.name"), dash(d.complainant.name)],
        [t("field.complainant.phone"), dash(d.complainant.phone)],
        [t("field.complainant.address"), dash(d.complainant.address)],
      ]),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("form.section.respondent")),
      dl([
        [t("field.respondent.name"), dash(d.respondent.name)],
        [t("field.respondent.credit_code"), dash(d.respondent.credit_code)],
        [t("field.respondent.address"), dash(d.respondent.address)],
        [t("field.respondent.shop"), [d.respondent.platform, d.respondent.shop].filter(Boolean).join(" · ") || t("common.none")],
      ]),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("form.section.purchase")),
      dl([
        [t("field.purchase.item"), dash(d.purchase.item)],
        [t("field.purchase.amount"), d.purchase.amount ? t("common.yuan", { amount: d.purchase.amount }) : t("common.none")],
        [t("field.purchase.date"), dash(d.purchase.date)],
        [t("field.purchase.order_no"), dash(d.purchase.order_no)],
        [t("field.purchase.personal_use_short"), d.purchase.personal_use ? t("common.yes") : t("common.no")],
      ]),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, t("form.section.demands")),
      d.demands.length === 0
        ? h("p", { class: "muted" }, t("case.no_demands"))
        : h(
            "ul",
            { class: "demand-list" },
            d.demands.map((m) =>
              h(
                "li",
                {},
                t(`demand.${m.kind}`),
                m.amount ? ` ${t("common.yuan", { amount: m.amount })}` : "",
                m.text ? ` — ${m.text}` : "",
              ),
            ),
          ),
    ),
  );
}

function interactionItem(it: Interaction, index: number, onDelete: () => void, evidence = 0, onEvidence?: () => void): HTMLElement {
  const time = it.occurred_at.replace("T", " ").slice(0, 16);
  return h(
    "li",
    { class: "tl-item", "data-interaction": index },
    h(
      "div",
      { class: "tl-head" },
      h("time", { datetime: it.occurred_at }, time),
      h("span", { class: "chip" }, t(`channel.${it.channel}`)),
      it.agent || it.agent_id
        ? h("span", { class: "muted" }, t("case.agent_line", { agent: dash(it.agent), id: dash(it.agent_id) }))
        : null,
      it.ticket_no ? h("span", { class: "muted" }, t("case.ticket_line", { ticket: it.ticket_no })) : null,
      h("span", { class: "spacer" }),
      h("button", { type: "button", class: "link danger-text", onclick: onDelete }, t("action.delete")),
    ),
    it.question ? h("blockquote", { class: "q" }, h("span", { class: "who" }, t("case.asked")), it.question) : null,
    it.answer ? h("blockquote", { class: "a" }, h("span", { class: "who" }, t("case.answered")), it.answer) : null,
    it.problems.length > 0
      ? h("div", { class: "chips" }, it.problems.map((p) => h("span", { class: "chip problem" }, t(`problem.${p}`))))
      : null,
    it.link_sender ? h("p", { class: "muted" }, t(`link_sender.${it.link_sender}`)) : null,
    it.loss && it.loss !== "0.00" ? h("p", {}, t("case.loss_line", { amount: it.loss })) : null,
    it.note ? h("p", { class: "note" }, it.note) : null,
    evidence > 0 && onEvidence
      ? h("button", { type: "button", class: "link evidence-link", onclick: onEvidence }, t("evidence.count", { n: evidence }))
      : null,
  );
}

function interactionForm(c: Case, onSaved: () => void): HTMLElement {
  const last = [...c.data.interactions].sort((a, b) => a.occurred_at.localeCompare(b.occurred_at)).at(-1);
  const v: InteractionValues = newInteractionValues(last, new Date());
  const status = h("div", { class: "form-status" });
  const problems = h(
    "fieldset",
    { class: "problems", "data-path": "problems" },
    h("legend", {}, t("interaction.problems")),
    PROBLEM_KINDS.map((p) =>
      h(
        "label",
        { class: "check-chip" },
        h("input", { type: "checkbox", name: "problem", value: p }),
        h("span", {}, t(`problem.${p}`)),
      ),
    ),
  );
  const linkSender = h(
    "div",
    { class: "link-sender", hidden: true },
    selectField("link_sender", t("interaction.link_sender"), LINK_SENDERS, (x) => `link_sender.${x}`, "", t("common.choose")),
  );
  problems.addEventListener("change", () => {
    const induced = problems.querySelector<HTMLInputElement>('input[value="induced_harm"]')?.checked ?? false;
    linkSender.hidden = !induced;
  });
  const form = h(
    "form",
    { class: "interaction-form card", novalidate: true, "aria-labelledby": "log-title" },
    h("h2", { id: "log-title" }, t("interaction.log_title")),
    h(
      "div",
      { class: "row" },
      textField("occurred_at", t("interaction.when"), v.occurred_at, { type: "datetime-local", hint: t("hint.timezone") }),
      selectField("channel", t("interaction.channel"), CHANNELS, (x) => `channel.${x}`, v.channel),
    ),
    h(
      "div",
      { class: "row" },
      textField("agent", t("interaction.agent"), v.agent),
      textField("agent_id", t("interaction.agent_id"), v.agent_id),
      textField("ticket_no", t("interaction.ticket_no"), v.ticket_no),
    ),
    textField("question", t("interaction.question"), "", { multiline: true, hint: t("hint.verbatim") }),
    textField("answer", t("interaction.answer"), "", { multiline: true, hint: t("hint.verbatim") }),
    problems,
    linkSender,
    h(
      "div",
      { class: "row" },
      textField("loss", t("interaction.loss"), "", { inputmode: "decimal", hint: t("hint.amount") }),
      textField("note", t("interaction.note"), ""),
    ),
    status,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", name: "save-interaction" }, t("interaction.save"))),
  );
  clearErrorOnEdit(form);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void (async () => {
      clearFieldErrors(form);
      clear(status);
      const values: InteractionValues = {
        occurred_at: valueOf(form, "occurred_at"),
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
      };
      const built = interactionFromForm(values);
      if (built.value === null) {
        showFieldErrors(form, built.errors);
        return;
      }
      try {
        await api.updateCase(c.id, { ...c.data, interactions: [...c.data.interactions, built.value] });
        onSaved();
      } catch (err) {
        status.append(banner(fromIpcError(err).banner));
      }
    })();
  });
  return form;
}

function tabs(id: CaseId, active: CaseTab): HTMLElement {
  const tab = (name: CaseTab, label: string) =>
    h(
      "button",
      {
        type: "button",
        role: "tab",
        name: `tab-${name}`,
        "aria-selected": name === active ? "true" : "false",
        class: name === active ? "tab active" : "tab",
        onclick: () => navigate({ view: "case", id, tab: name }),
      },
      label,
    );
  return h(
    "div",
    { class: "tabs", role: "tablist" },
    tab("overview", t("tab.overview")),
    tab("evidence", t("tab.evidence")),
    tab("legal", t("tab.legal")),
    tab("export", t("tab.export")),
  );
}

export async function renderCaseView(main: HTMLElement, id: CaseId, tab: CaseTab = "overview") {
  let c: Case;
  try {
    c = await api.getCase(id);
  } catch (e) {
    main.append(banner(fromIpcError(e).banner));
    return;
  }
  const reload = () => navigate({ view: "case", id });
  const evidence = tab === "overview" ? await api.listEvidence(id).catch(() => []) : [];
  const evidenceFor = (it: Interaction) => evidence.filter((e) => it.id !== undefined && e.item.interactions.includes(it.id)).length;
  const ordered = c.data.interactions
    .map((it, i) => ({ it, i }))
    .sort((a, b) => Date.parse(a.it.occurred_at) - Date.parse(b.it.occurred_at));
  const removeInteraction = async (index: number) => {
    if (!(await confirmDialog(t("interaction.confirm_delete"), t("action.delete"), t("action.cancel")))) return;
    try {
      await api.updateCase(c.id, { ...c.data, interactions: c.data.interactions.filter((_, i) => i !== index) });
      reload();
    } catch (e) {
      main.prepend(banner(fromIpcError(e).banner));
    }
  };
  main.append(
    h(
      "section",
      { class: "case-head" },
      h(
        "div",
        {},
        h("p", { class: "muted" }, h("span", { class: `status status-${c.data.status}` }, t(`status.${c.data.status}`)), " ", t(`industry.${c.data.industry}`)),
        h("h1", { class: "case-title" }, c.data.title),
      ),
      h(
        "div",
        { class: "actions" },
        h("button", { type: "button", class: "secondary", onclick: () => navigate({ view: "list" }) }, t("nav.back")),
        h("button", { type: "button", class: "secondary", name: "edit-case", onclick: () => navigate({ view: "edit", id }) }, t("action.edit")),
        h(
          "button",
          {
            type: "button",
            class: "danger",
            name: "delete-case",
            onclick: () =>
              void (async () => {
                if (!(await confirmDialog(t("case.confirm_delete", { title: c.data.title }), t("action.delete"), t("action.cancel")))) return;
                try {
                  await api.deleteCase(c.id);
                  navigate({ view: "list" });
                } catch (e) {
                  main.prepend(banner(fromIpcError(e).banner));
                }
              })(),
          },
          t("action.delete_case"),
        ),
      ),
    ),
    ...c.warnings.map((w) => banner(warningText(w), "warning")),
    tabs(c.id, tab),
  );
  if (tab === "export") {
    const panel = h("div", { class: "tab-panel", role: "tabpanel" });
    main.append(panel);
    await renderExportPanel(panel, c);
    return;
  }
  if (tab === "evidence") {
    const panel = h("div", { class: "tab-panel", role: "tabpanel" });
    main.append(panel);
    await renderEvidencePanel(panel, c);
    return;
  }
  if (tab === "legal") {
    const panel = h("div", { class: "tab-panel", role: "tabpanel" });
    main.append(panel);
    await renderLegalPanel(panel, c);
    return;
  }
  const outlook = await api.caseOutlook(id).catch(() => null);
  main.append(
    outlook ? nextStepCard(outlook) : h("span", {}),
    facts(c),
    h(
      "section",
      { class: "timeline" },
      h("h2", {}, t("case.timeline", { n: c.data.interactions.length })),
      ordered.length === 0
        ? h("p", { class: "muted" }, t("case.no_interactions"))
        : h("ol", { class: "tl" }, ordered.map(({ it, i }) =>
              interactionItem(it, i, () => void removeInteraction(i), evidenceFor(it), () => navigate({ view: "case", id, tab: "evidence" })),
            )),
    ),
    interactionForm(c, reload),
    eventsSection(c, reload),
  );
}
