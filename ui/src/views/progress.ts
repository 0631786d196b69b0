// The case's way forward: the next step (where to complain, why, from when), its clocks, and the log of what
// happened after filing, with a form to record the next event.
import { shanghaiToday } from "../caseForm";
import { h, clear } from "../dom";
import { t } from "../i18n";
import { api, EVENT_KINDS, type Case, type Clock, type EventKind, type Outlook } from "../ipc";
import { banner, clearErrorOnEdit, fromIpcError, showFieldErrors } from "./errors";
import { selectField, textField, valueOf } from "./fields";

function clockLine(c: Clock): HTMLElement {
  return h(
    "li",
    { class: `clock clock-${c.state}`, "data-clock": c.id },
    h("span", { class: "clock-date" }, c.due),
    h("span", { class: "clock-label" }, c.label),
    h("span", { class: `badge clock-state ${c.state}` }, t(`clock.${c.state}`)),
    h("p", { class: "muted small" }, c.explanation, " ", h("span", {}, t("next.rule", { rule: c.rule }))),
    c.assumed_years.length > 0 ? h("p", { class: "banner warning small" }, t("next.assumed", { years: c.assumed_years.join("、") })) : null,
  );
}

export function nextStepCard(outlook: Outlook): HTMLElement {
  const next = outlook.route.find((s) => !s.done) ?? outlook.route[0];
  return h(
    "section",
    { class: "card next-step" },
    h("h2", {}, t("next.title")),
    next
      ? h(
          "div",
          { class: "next-main", "data-channel": next.channel.id },
          h("p", {}, h("strong", { class: "next-channel" }, next.channel.name), h("span", { class: "muted" }, ` · ${next.channel.contact}`)),
          h("p", {}, next.reason),
          h(
            "ul",
            { class: "small" },
            next.channel.facts.map((f) => h("li", {}, f.text, f.confidence === "L" ? h("span", { class: "muted" }, t("next.check_official")) : null)),
          ),
        )
      : null,
    h(
      "details",
      {},
      h("summary", {}, t("next.all_steps")),
      h("ol", { class: "route" }, outlook.route.map((s) => h("li", { class: s.done ? "done" : "" }, h("strong", {}, s.channel.name), s.done ? ` ${t("next.done")}` : "", h("p", { class: "muted small" }, s.reason)))),
    ),
    h("h3", {}, t("next.clocks")),
    outlook.clocks.length === 0 ? h("p", { class: "muted" }, t("next.no_clocks")) : h("ul", { class: "clocks" }, outlook.clocks.map(clockLine)),
  );
}

export function eventsSection(c: Case, onSaved: () => void): HTMLElement {
  const status = h("div", { class: "form-status" });
  const today = shanghaiToday();
  const form = h(
    "form",
    { class: "event-form", novalidate: true },
    h(
      "div",
      { class: "row" },
      selectField("event.kind", t("events.kind"), EVENT_KINDS, (k) => `event.${k}`, "filed"),
      textField("event.date", t("events.date"), today, { type: "date" }),
      textField("event.reference", t("events.reference"), "", { hint: t("events.reference_hint") }),
    ),
    textField("event.note", t("events.note"), ""),
    status,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "secondary", name: "save-event" }, t("events.save"))),
  );
  clearErrorOnEdit(form);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void (async () => {
      clear(status);
      const date = valueOf(form, "event.date");
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
        showFieldErrors(form, [{ path: "event.date", key: "error.date" }]);
        return;
      }
      const opt = (v: string) => (v.trim() === "" ? null : v.trim());
      try {
        await api.addEvent(c.id, {
          kind: valueOf(form, "event.kind") as EventKind,
          date,
          channel: null,
          reference: opt(valueOf(form, "event.reference")),
          note: opt(valueOf(form, "event.note")),
        });
        onSaved();
      } catch (err) {
        status.append(banner(fromIpcError(err).banner));
      }
    })();
  });
  return h(
    "section",
    { class: "card events" },
    h("h2", {}, t("events.title")),
    c.data.events.length === 0
      ? h("p", { class: "muted" }, t("events.empty"))
      : h(
          "ol",
          { class: "event-log" },
          c.data.events.map((ev) =>
            h(
              "li",
              { "data-event": ev.kind },
              h("strong", {}, ev.date), " ", t(`event.${ev.kind}`),
              ev.reference ? h("span", { class: "muted" }, ` · ${t("events.reference_short", { ref: ev.reference })}`) : null,
              ev.note ? h("p", { class: "note" }, ev.note) : null,
            ),
          ),
        ),
    form,
  );
}
