// The case's way forward: the next step (where to complain, why, from when), its clocks, and the log of what
// happened after filing, with a form to record the next event.
import { shanghaiToday, type FieldError } from "../caseForm";
import { h, clear } from "../dom";
import { t } from "../i18n";
import { eventRefusal, NEEDS_FILING } from "../events";
import {
  api,
  EVENT_KINDS,
  type Case,
  type CaseEvent,
  type Clock,
  type EventKind,
  type EvidenceView,
  type Outlook,
} from "../ipc";
import { banner, clearErrorOnEdit, fromIpcError, showFieldErrors } from "./errors";
import { dateField, selectField, textField, valueOf } from "./fields";
import { normaliseDate } from "../dates";
import {
  channelContact,
  channelFact,
  channelName,
  clockExplanation,
  clockLabel,
  clockOwner,
  clockStateText,
  routeJurisdiction,
  routeReason,
} from "./outlookText";

function clockLine(c: Clock): HTMLElement {
  return h(
    "li",
    { class: `clock clock-${c.state} owner-${clockOwner(c)}`, "data-clock": c.id, "data-owner": clockOwner(c) },
    h("span", { class: "clock-date" }, c.due),
    h("span", { class: "clock-label" }, clockLabel(c)),
    h("span", { class: `badge clock-state ${c.state} owner-${clockOwner(c)}` }, clockStateText(c)),
    h("p", { class: "muted small" }, clockExplanation(c), " ", h("span", {}, t("next.rule", { rule: c.rule }))),
    c.assumed_years.length > 0
      ? h("p", { class: "banner warning small" }, t("next.assumed", { years: c.assumed_years.join("、") }))
      : null,
  );
}

export function nextStepCard(outlook: Outlook): HTMLElement {
  const today = shanghaiToday();
  const next = outlook.route.find((s) => !s.done) ?? outlook.route[0];
  const waiting = outlook.waiting;
  const soonest = outlook.clocks.find((k) => k.state !== "passed");
  return h(
    "section",
    { class: "card next-step" },
    h("h2", {}, t("next.title")),
    waiting
      ? h(
          "div",
          { class: "next-main waiting", "data-waiting": "" },
          h("p", {}, h("strong", { class: "next-channel" }, t("next.waiting", { name: channelName(waiting.channel) }))),
          h("p", {}, t("next.waiting_since", { date: waiting.filed_on, ref: waiting.reference ?? t("common.none") })),
          // Who handles it (a 12315 complaint filed from 2026-04-15): the filed step's jurisdiction.
          ((j) => (j === null ? null : h("p", { class: "jurisdiction" }, j)))(
            routeJurisdiction(outlook.route.find((s) => s.channel.id === waiting.channel.id) ?? { jurisdiction: null }),
          ),
          soonest ? h("p", {}, t("next.waiting_clock", { date: soonest.due, label: clockLabel(soonest) })) : null,
          next ? h("p", { class: "muted" }, t("next.if_unresolved", { name: channelName(next.channel) })) : null,
        )
      : next
        ? h(
            "div",
            { class: "next-main", "data-channel": next.channel.id },
            h(
              "p",
              {},
              h("strong", { class: "next-channel" }, channelName(next.channel)),
              h("span", { class: "muted" }, ` · ${channelContact(next.channel)}`),
            ),
            h("p", {}, routeReason(next, today)),
            routeJurisdiction(next) === null ? null : h("p", { class: "jurisdiction" }, routeJurisdiction(next)),
            h(
              "ul",
              { class: "small" },
              next.channel.facts.map((f) =>
                h(
                  "li",
                  {},
                  channelFact(next.channel, f.index),
                  f.confidence === "L" ? h("span", { class: "muted" }, t("next.check_official")) : null,
                ),
              ),
            ),
          )
        : null,
    h(
      "details",
      {},
      h("summary", {}, t("next.all_steps")),
      h(
        "ol",
        { class: "route" },
        outlook.route.map((s) =>
          h(
            "li",
            { class: s.done ? "done" : "" },
            h("strong", {}, channelName(s.channel)),
            s.done ? ` ${t("next.done")}` : "",
            h("p", { class: "muted small" }, routeReason(s, today)),
          ),
        ),
      ),
    ),
    h("h3", {}, t("next.clocks")),
    outlook.clocks.length === 0
      ? h("p", { class: "muted" }, t("next.no_clocks"))
      : h("ul", { class: "clocks" }, outlook.clocks.map(clockLine)),
  );
}

export function eventsSection(
  c: Case,
  evidence: EvidenceView[],
  outlook: Outlook | null,
  onSaved: () => void,
): HTMLElement {
  const status = h("div", { class: "form-status", "aria-live": "polite" });
  const today = shanghaiToday();
  const evidenceSelect = h(
    "select",
    { id: "event-evidence", name: "event.evidence", "data-path": "event.evidence" },
    h("option", { value: "" }, t("events.no_evidence")),
    evidence.map((ev, i) =>
      h(
        "option",
        { value: ev.item.sha256 },
        t("events.evidence_option", { n: i + 1, name: ev.item.description ?? ev.item.original_name }),
      ),
    ),
  );
  const addShot = h(
    "button",
    {
      type: "button",
      class: "secondary small",
      name: "event-add-evidence",
      onclick: () =>
        void (async () => {
          clear(status);
          try {
            const results = await api.pickAndImportEvidence(
              c.id,
              { description: t("events.notice"), source: null, interactions: [] },
              () => undefined,
            );
            const item = results.find((r) => r.outcome)?.outcome?.item;
            if (!item) return;
            evidenceSelect.append(
              h(
                "option",
                { value: item.sha256 },
                t("events.evidence_option", {
                  n: evidenceSelect.options.length,
                  name: item.description ?? item.original_name,
                }),
              ),
            );
            evidenceSelect.value = item.sha256;
          } catch (err) {
            status.append(banner(fromIpcError(err).banner));
          }
        })(),
    },
    t("events.add_evidence"),
  );
  // Where it happened: the channels of this case's route (the next step first chosen), 12315 if there is none.
  const route = (outlook?.route ?? []).filter((s) => s.channel.id !== "company" && s.channel.id !== "police");
  const nextChannel = route.find((s) => !s.done)?.channel.id ?? "12315";
  const channelSelect = h(
    "select",
    { id: "event-channel", name: "event.channel", "data-path": "event.channel" },
    route.length === 0 ? h("option", { value: "12315" }, "12315") : null,
    route.map((s) =>
      h("option", { value: s.channel.id, selected: s.channel.id === nextChannel }, channelName(s.channel)),
    ),
  );
  const form = h(
    "form",
    { class: "event-form", novalidate: true, "aria-labelledby": "events-title" },
    h(
      "div",
      { class: "row" },
      // Nothing chosen for her: one click must not record a filing she has not made.
      selectField("event.kind", t("events.kind"), EVENT_KINDS, (k) => `event.${k}`, "", t("common.choose")),
      h("div", { class: "field wide" }, h("label", { for: "event-channel" }, t("events.channel")), channelSelect),
      dateField("event.date", t("events.date"), "", { required: true }),
      textField("event.reference", t("events.reference"), "", { hint: t("events.reference_hint") }),
    ),
    textField("event.note", t("events.note"), ""),
    h(
      "div",
      { class: "field" },
      h("label", { for: "event-evidence" }, t("events.evidence")),
      h("div", { class: "row tight" }, evidenceSelect, addShot),
    ),
    status,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "secondary", name: "save-event" }, t("events.save")),
    ),
  );
  clearErrorOnEdit(form);
  // A step that follows a complaint (accepted, testing, mediation…) happens where it was filed: choosing one sets
  // the channel to the last filing's.
  const lastFiled = [...c.data.events].reverse().find((e) => e.kind === "filed")?.channel ?? null;
  form.querySelector<HTMLSelectElement>('select[name="event.kind"]')?.addEventListener("change", (e) => {
    const kind = (e.target as HTMLSelectElement).value as EventKind;
    if (
      lastFiled !== null &&
      NEEDS_FILING.includes(kind) &&
      [...channelSelect.options].some((o) => o.value === lastFiled)
    )
      channelSelect.value = lastFiled;
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void (async () => {
      clear(status);
      const kindValue = valueOf(form, "event.kind");
      const date = normaliseDate(valueOf(form, "event.date"), today);
      const problems: FieldError[] = [];
      if (kindValue === "") problems.push({ path: "event.kind", key: "error.event_kind" });
      if (typeof date !== "string") {
        problems.push({ path: "event.date", key: date === null ? "error.event_date" : date.problem });
      }
      if (problems.length > 0 || typeof date !== "string") {
        showFieldErrors(form, problems);
        return;
      }
      const opt = (v: string) => (v.trim() === "" ? null : v.trim());
      const kind = kindValue as EventKind;
      const event: CaseEvent = {
        kind,
        date,
        // A police report is not a step of a complaint: its channel is the police.
        channel: kind === "police_report" ? "police" : channelSelect.value || null,
        reference: opt(valueOf(form, "event.reference")),
        note: opt(valueOf(form, "event.note")),
        evidence: opt(evidenceSelect.value),
      };
      const refusal = eventRefusal(c.data.events, event, today);
      if (refusal !== null) {
        status.append(banner(t(refusal.key, refusal.values)));
        return;
      }
      try {
        await api.addEvent(c.id, event);
        onSaved();
      } catch (err) {
        status.append(banner(fromIpcError(err).banner));
      }
    })();
  });
  return h(
    "section",
    { class: "card events" },
    h("h2", { id: "events-title" }, t("events.title")),
    h(
      "p",
      { class: "muted" },
      c.data.events.length === 0 ? t("events.empty") : t("events.on_timeline", { n: c.data.events.length }),
    ),
    form,
  );
}
