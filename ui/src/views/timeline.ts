// The 时间线 tab: the next step and its clocks, the case's facts, and everything that happened on one visual time
// line — interactions with customer service, the evidence (at the time the file states for itself, else when it
// was added) and what happened after filing.
import { h } from "../dom";
import { t } from "../i18n";
import { api, type Case, type CaseEvent, type EvidenceView, type Interaction } from "../ipc";
import { navigate } from "../router";
import { timePromise } from "../promises";
import { deferDelete, isPending } from "../stores/undo";
import { eventsSection, nextStepCard } from "./progress";
import { banner, fromIpcError } from "./errors";
import { questionsCard } from "./questions";

const dash = (v: string | null | undefined) => (v && v.trim() !== "" ? v : t("common.none"));

type Entry =
  | { kind: "interaction"; at: string; it: Interaction }
  | { kind: "evidence"; at: string; ev: EvidenceView }
  | { kind: "event"; at: string; event: CaseEvent };

function facts(c: Case): HTMLElement {
  const d = c.data;
  const dl = (rows: [string, string][]) =>
    h(
      "dl",
      { class: "facts" },
      rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
    );
  return h(
    "details",
    { class: "card case-facts" },
    h(
      "summary",
      {},
      h("h2", { class: "inline" }, t("case.facts")),
      " ",
      h(
        "span",
        { class: "muted small" },
        [d.respondent.name ?? d.respondent.shop, d.purchase.item].filter(Boolean).join(" · "),
      ),
    ),
    h(
      "div",
      { class: "fact-grid" },
      h(
        "section",
        {},
        h("h3", {}, t("form.section.respondent")),
        dl([
          [t("field.respondent.name"), dash(d.respondent.name)],
          [t("field.respondent.credit_code"), dash(d.respondent.credit_code)],
          [
            t("field.respondent.shop"),
            [d.respondent.platform, d.respondent.shop].filter(Boolean).join(" · ") || t("common.none"),
          ],
          [t("field.respondent.odr_short"), d.respondent.odr ? t("common.yes") : t("common.no")],
        ]),
      ),
      h(
        "section",
        {},
        h("h3", {}, t("form.section.purchase")),
        dl([
          [t("field.purchase.item"), dash(d.purchase.item)],
          [
            t("field.purchase.amount"),
            d.purchase.amount ? t("common.yuan", { amount: d.purchase.amount }) : t("common.none"),
          ],
          [t("field.purchase.date"), dash(d.purchase.date)],
          [t("field.purchase.order_no"), dash(d.purchase.order_no)],
        ]),
      ),
      h(
        "section",
        {},
        h("h3", {}, t("form.section.complainant")),
        dl([
          [t("field.complainant.name"), dash(d.complainant.name)],
          [t("field.complainant.phone"), dash(d.complainant.phone)],
          [t("field.complainant.address"), dash(d.complainant.address)],
        ]),
      ),
    ),
    h(
      "button",
      {
        type: "button",
        class: "secondary small",
        name: "edit-case",
        onclick: () => navigate({ view: "edit", id: c.id }),
      },
      t("case.edit_facts"),
    ),
  );
}

const shortTime = (iso: string) => iso.replace("T", " ").slice(0, 16);

/**
 * An untagged contact whose answer promises a time (24小时内, 三个工作日内): the time line says so, with the end of it
 * when it can be counted, and offers to tag the contact 拖延或不处理 — her click, never the app's.
 */
function promiseSuggestion(c: Case, it: Interaction, reload: () => void): HTMLElement | null {
  if (it.id === undefined || it.problems.length > 0 || !it.answer) return null;
  const promise = timePromise(it.answer, it.occurred_at);
  if (promise === null) return null;
  const id = it.id;
  const status = h("span", { "aria-live": "polite" });
  const mark = async () => {
    try {
      const fresh = await api.getCase(c.id);
      const interactions = fresh.data.interactions.map((x) =>
        x.id === id && !x.problems.includes("delayed_handling")
          ? { ...x, problems: [...x.problems, "delayed_handling" as const] }
          : x,
      );
      await api.updateCase(c.id, { ...fresh.data, interactions });
      reload();
    } catch (e) {
      status.replaceChildren(banner(fromIpcError(e).banner));
    }
  };
  return h(
    "div",
    { class: "suggestion", "data-promise": promise.words },
    h(
      "p",
      { class: "small" },
      promise.due === null
        ? t("suggest.promise_working_days", { words: promise.words })
        : t("suggest.promise", { words: promise.words, due: promise.due }),
    ),
    h(
      "button",
      { type: "button", class: "secondary small", name: "mark-delayed", onclick: () => void mark() },
      t("suggest.mark_delayed"),
    ),
    status,
  );
}

function interactionEntry(
  c: Case,
  it: Interaction,
  evidence: EvidenceView[],
  onDelete: () => void,
  reload: () => void,
): HTMLElement {
  const linked = evidence.filter((e) => it.id !== undefined && e.item.interactions.includes(it.id));
  return h(
    "li",
    { class: "tl-item tl-interaction", "data-interaction": it.id ?? "" },
    h("span", { class: "tl-dot", "aria-hidden": "true" }),
    h(
      "div",
      { class: "tl-head" },
      h("time", { datetime: it.occurred_at }, shortTime(it.occurred_at)),
      h("span", { class: "chip" }, t(`channel.${it.channel}`)),
      it.agent || it.agent_id
        ? h(
            "span",
            { class: "muted" },
            it.agent_id
              ? t("case.agent_line", { agent: dash(it.agent), id: it.agent_id })
              : t("case.agent_only", { agent: dash(it.agent) }),
          )
        : null,
      it.ticket_no ? h("span", { class: "muted" }, t("case.ticket_line", { ticket: it.ticket_no })) : null,
      h("span", { class: "spacer" }),
      it.id !== undefined
        ? h(
            "button",
            {
              type: "button",
              class: "link",
              name: "edit-interaction",
              "aria-label": t("interaction.edit_label", { time: shortTime(it.occurred_at) }),
              onclick: () => navigate({ view: "case", id: c.id, tab: "log", edit: it.id }),
            },
            t("action.edit"),
          )
        : null,
      h(
        "button",
        {
          type: "button",
          class: "link danger-text",
          name: "delete-interaction",
          "aria-label": t("interaction.delete_label", { time: shortTime(it.occurred_at) }),
          onclick: onDelete,
        },
        t("action.delete"),
      ),
    ),
    it.question
      ? h("blockquote", { class: "q" }, h("span", { class: "who" }, t(herVerbKey(it.question))), it.question)
      : null,
    it.answer ? h("blockquote", { class: "a" }, h("span", { class: "who" }, t("case.answered")), it.answer) : null,
    it.problems.length > 0
      ? h(
          "div",
          { class: "chips" },
          it.problems.map((p) => h("span", { class: "chip problem" }, t(`problem.${p}`))),
        )
      : null,
    promiseSuggestion(c, it, reload),
    it.link_sender ? h("p", { class: "muted" }, t(`link_sender.${it.link_sender}`)) : null,
    it.loss && it.loss !== "0.00" ? h("p", {}, t("case.loss_line", { amount: it.loss })) : null,
    it.note ? h("p", { class: "note" }, it.note) : null,
    linked.length > 0
      ? h(
          "button",
          {
            type: "button",
            class: "link evidence-link",
            onclick: () => navigate({ view: "case", id: c.id, tab: "evidence" }),
          },
          t("evidence.count", { n: linked.length }),
        )
      : null,
  );
}

function evidenceEntry(c: Case, ev: EvidenceView, n: number): HTMLElement {
  const it = ev.item;
  return h(
    "li",
    { class: "tl-item tl-evidence", "data-evidence": it.id },
    h("span", { class: "tl-dot", "aria-hidden": "true" }),
    h(
      "button",
      {
        type: "button",
        class: "tl-evidence-body",
        onclick: () => navigate({ view: "case", id: c.id, tab: "evidence" }),
      },
      ev.thumbnail ? h("img", { src: ev.thumbnail, alt: "", class: "tl-thumb" }) : null,
      h(
        "span",
        {},
        h(
          "span",
          { class: "tl-head" },
          h("time", {}, shortTime(it.reported_at ?? it.imported_at)),
          h("span", { class: "chip evidence" }, t("timeline.evidence", { n })),
        ),
        h("strong", {}, it.description ?? it.original_name),
        h("span", { class: "muted small" }, it.reported_at ? t("timeline.file_time") : t("timeline.import_time")),
      ),
    ),
  );
}

function eventEntry(
  event: CaseEvent,
  evidenceNo: (sha: string) => number | null,
  onDelete: (() => void) | null,
): HTMLElement {
  const no = event.evidence ? evidenceNo(event.evidence) : null;
  return h(
    "li",
    { class: "tl-item tl-event", "data-event": event.kind },
    h("span", { class: "tl-dot", "aria-hidden": "true" }),
    h(
      "div",
      { class: "tl-head" },
      h("time", { datetime: event.date }, event.date),
      h("span", { class: "chip event" }, t(`event.${event.kind}`)),
      event.reference ? h("span", { class: "muted" }, t("events.reference_short", { ref: event.reference })) : null,
      onDelete ? h("span", { class: "spacer" }) : null,
      onDelete
        ? h(
            "button",
            { type: "button", class: "link danger-text", name: "delete-event", onclick: onDelete },
            t("events.delete_last"),
          )
        : null,
    ),
    event.note ? h("p", { class: "note" }, event.note) : null,
    event.evidence
      ? h(
          "p",
          { class: "muted small" },
          no !== null ? t("timeline.event_evidence", { n: no }) : t("timeline.event_evidence_gone"),
        )
      : null,
  );
}

/** 我问 only for words that ask something (as the dossier says it); 我说 for a statement with no question in it. */
export function herVerbKey(words: string): "case.asked" | "case.said" {
  return /[？?]/.test(words) ? "case.asked" : "case.said";
}

export async function renderTimeline(panel: HTMLElement, c: Case, reload: () => void) {
  const [evidence, outlook, review] = await Promise.all([
    api.listEvidence(c.id).catch(() => []),
    api.caseOutlook(c.id).catch(() => null),
    api.legalReview(c.id).catch(() => null),
  ]);
  const numbered = evidence.map((ev, i) => ({ ev, n: i + 1 }));
  const evidenceNo = (sha: string) => numbered.find((x) => x.ev.item.sha256 === sha)?.n ?? null;
  const visible = c.data.interactions.filter((it) => it.id === undefined || !isPending(`interaction:${it.id}`));
  const entries: Entry[] = [
    ...visible.map((it) => ({ kind: "interaction" as const, at: it.occurred_at, it })),
    ...evidence.map((ev) => ({ kind: "evidence" as const, at: ev.item.reported_at ?? ev.item.imported_at, ev })),
    ...c.data.events.map((event) => ({ kind: "event" as const, at: `${event.date}T23:59:59+08:00`, event })),
  ].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

  const remove = (it: Interaction) => {
    if (it.id === undefined) return;
    const id = it.id;
    deferDelete(
      `interaction:${id}`,
      t("undo.interaction", { time: shortTime(it.occurred_at) }),
      async () => {
        const fresh = await api.getCase(c.id);
        await api.updateCase(c.id, { ...fresh.data, interactions: fresh.data.interactions.filter((x) => x.id !== id) });
      },
      reload,
    );
    reload();
  };

  // Only the most recent event can be taken back (its status change goes with it); 撤销 records it again.
  const lastEvent = c.data.events.at(-1);
  const removeLastEvent = () =>
    void (async () => {
      if (!lastEvent) return;
      try {
        await api.removeLastEvent(c.id);
      } catch (e) {
        panel.prepend(banner(fromIpcError(e).banner));
        return;
      }
      deferDelete(
        `event:${c.id}`,
        t("undo.event", { kind: t(`event.${lastEvent.kind}`), date: lastEvent.date }),
        () => Promise.resolve(),
        () => {
          void api
            .addEvent(c.id, lastEvent)
            .then(reload, (e: unknown) => panel.prepend(banner(fromIpcError(e).banner)));
        },
      );
      reload();
    })();

  const list = h(
    "ol",
    { class: "tl visual", "aria-label": t("timeline.title") },
    entries.map((e) =>
      e.kind === "interaction"
        ? interactionEntry(c, e.it, evidence, () => remove(e.it), reload)
        : e.kind === "evidence"
          ? evidenceEntry(c, e.ev, numbered.find((x) => x.ev === e.ev)?.n ?? 0)
          : eventEntry(e.event, evidenceNo, e.event === lastEvent ? removeLastEvent : null),
    ),
  );
  const questions = review?.suggestions.questions ?? [];
  panel.append(
    outlook ? nextStepCard(outlook) : banner(t("error.code.unknown")),
    ...(questions.length > 0 ? [questionsCard(c, questions, reload)] : []),
    facts(c),
    h(
      "section",
      { class: "timeline" },
      h(
        "div",
        { class: "section-head" },
        h("h2", {}, t("timeline.title_count", { n: visible.length })),
        h(
          "button",
          {
            type: "button",
            class: "primary",
            name: "go-log",
            onclick: () => navigate({ view: "case", id: c.id, tab: "log" }),
          },
          t("timeline.log_new"),
        ),
      ),
      entries.length === 0 ? h("p", { class: "muted" }, t("case.no_interactions")) : list,
    ),
    eventsSection(c, evidence, outlook, reload),
  );
}
