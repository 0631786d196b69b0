// 统计: the library's figures for an organisation's report, as simple bar charts (counts by industry, status,
// problem, channel filed with and outcome; days to filing and to a result; money recovered), and as CSV.
import { h } from "../dom";
import { t } from "../i18n";
import { api, type Count, type Span, type Stats } from "../ipc";
import { navigate } from "../router";
import { banner, fromIpcError } from "./errors";

/** A bar of `share` (0..1) of the track: its width set through the CSSOM, which the CSP allows (a style attribute
 * it would not). */
function bar(share: number): HTMLElement {
  const el = h("span", { class: "bar" });
  el.style.width = `${Math.round(share * 100)}%`;
  return el;
}

function chart(name: string, title: string, counts: Count[], total: number): HTMLElement {
  const max = Math.max(1, ...counts.map((c) => c.cases));
  return h(
    "section",
    { class: "card chart", "data-chart": name },
    h("h2", {}, title),
    counts.length === 0
      ? h("p", { class: "muted" }, t("stats.none"))
      : h(
          "ul",
          { class: "bars" },
          counts.map((c) =>
            h(
              "li",
              { "data-key": c.key, "data-cases": c.cases },
              h("span", { class: "bar-label" }, c.label),
              h(
                "span",
                { class: "bar-track", role: "img", "aria-label": t("stats.bar", { label: c.label, n: c.cases }) },
                bar(c.cases / max),
              ),
              h(
                "span",
                { class: "bar-value" },
                t("stats.cases", { n: c.cases, pct: total === 0 ? 0 : Math.round((c.cases / total) * 100) }),
              ),
            ),
          ),
        ),
  );
}

function span(name: string, title: string, s: Span): HTMLElement {
  return h(
    "div",
    { class: "figure", "data-span": name },
    h("strong", {}, title),
    s.cases === 0
      ? h("span", { class: "muted" }, t("stats.none"))
      : h("span", {}, t("stats.span", { n: s.cases, avg: (s.average_days ?? 0).toFixed(1), max: s.longest_days ?? 0 })),
  );
}

export async function renderStats(main: HTMLElement) {
  let s: Stats;
  try {
    s = await api.libraryStats();
  } catch (e) {
    main.append(banner(fromIpcError(e).banner));
    return;
  }
  const status = h("div", { class: "export-status", "aria-live": "polite" });
  const exportCsv = async () => {
    status.replaceChildren();
    try {
      const r = await api.exportStats();
      if (r) status.append(banner(t("export.saved", { path: r.path, kb: Math.ceil(r.bytes / 1024) }), "info"));
    } catch (e) {
      status.append(banner(fromIpcError(e).banner));
    }
  };
  main.append(
    h(
      "section",
      { class: "list-head" },
      h("h1", {}, t("stats.title")),
      h("button", { type: "button", class: "secondary", onclick: () => navigate({ view: "list" }) }, t("nav.back")),
      h(
        "button",
        { type: "button", class: "primary", name: "export-stats", onclick: () => void exportCsv() },
        t("stats.csv"),
      ),
    ),
    status,
    h(
      "section",
      { class: "card figures" },
      h(
        "div",
        { class: "figure", "data-figure": "cases" },
        h("strong", {}, t("stats.all")),
        h("span", {}, String(s.cases)),
      ),
      h(
        "div",
        { class: "figure", "data-figure": "recovered" },
        h("strong", {}, t("stats.recovered")),
        h("span", {}, t("stats.recovered_value", { yuan: s.recovered_total, n: s.recovered_cases })),
      ),
      span("filing", t("stats.to_filing"), s.first_contact_to_filing),
      span("result", t("stats.to_result"), s.first_contact_to_result),
    ),
    h(
      "div",
      { class: "charts" },
      chart("industry", t("stats.by_industry"), s.by_industry, s.cases),
      chart("status", t("stats.by_status"), s.by_status, s.cases),
      chart("problem", t("stats.by_problem"), s.by_problem, s.cases),
      chart("channel", t("stats.by_channel"), s.by_channel, s.cases),
      chart("outcome", t("stats.by_outcome"), s.by_outcome, s.cases),
    ),
  );
}
