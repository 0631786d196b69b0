// The 法律依据 tab: what the law says about each logged problem (verbatim, with its strength), what the consumer
// can claim, what would get the complaint refused, a searchable law library and the source article's verdicts.
import { h, clear } from "../dom";
import { t } from "../i18n";
import { api, type Case, type Finding, type LawHit, type SuggestedBasis } from "../ipc";
import { navigate } from "../router";
import { banner, fromIpcError } from "./errors";
import { questionsCard } from "./questions";

const unverifiedBadge = (verified: boolean) =>
  verified ? null : h("span", { class: "badge unverified", title: t("legal.unverified_hint") }, t("legal.unverified"));

function findingItem(c: Case, f: Finding): HTMLElement {
  const params = { known: f.known_on ?? "", limit: f.limit_on ?? "" };
  const goTo = () => {
    if (f.field === "interactions") navigate({ view: "case", id: c.id, tab: "log" });
    else if (f.field === "demands") navigate({ view: "case", id: c.id, tab: "demands" });
    else if (f.field) navigate({ view: "edit", id: c.id, focus: f.field });
  };
  return h(
    "li",
    { class: f.blocking ? "finding blocking" : "finding", "data-finding": f.code },
    h(
      "p",
      { class: "finding-msg" },
      h("span", { "aria-hidden": "true" }, f.blocking ? "✗ " : "! "),
      t(`finding.${f.code}`, params),
    ),
    h("p", { class: "muted" }, t(`finding.${f.code}.fix`)),
    h(
      "details",
      {},
      h("summary", {}, t("legal.rule_basis")),
      f.rules.map((r) =>
        h(
          "div",
          { class: "rule-ref" },
          h("strong", {}, r.label),
          unverifiedBadge(r.verified),
          r.text ? h("blockquote", { class: "law" }, r.text) : null,
        ),
      ),
    ),
    f.field ? h("button", { type: "button", class: "secondary small", onclick: goTo }, t("legal.fix_now")) : null,
  );
}

function basisCard(b: SuggestedBasis, onToggle: (rule: string, included: boolean) => void): HTMLElement {
  const box = h("input", {
    type: "checkbox",
    name: "include-basis",
    value: b.rule,
    checked: b.included,
    onchange: (e: Event) => onToggle(b.rule, (e.target as HTMLInputElement).checked),
  });
  return h(
    "li",
    { class: `basis strength-${b.strength}${b.included ? "" : " excluded"}`, "data-rule": b.rule },
    h(
      "div",
      { class: "basis-head" },
      h("span", { class: `badge strength ${b.strength}` }, t(`strength.${b.strength}`)),
      h("strong", { class: "basis-label" }, `《${b.law}》${b.label}`),
      unverifiedBadge(b.text_verified),
      h("span", { class: "spacer" }),
      h("label", { class: "include" }, box, h("span", {}, t("legal.include"))),
    ),
    h("p", { class: "why" }, b.why),
    h(
      "details",
      {},
      h("summary", {}, t("legal.show_text")),
      h("blockquote", { class: "law verbatim" }, b.text),
      h("p", { class: "muted small" }, t("legal.version", { law: b.law_full, version: b.version })),
      b.verification_note ? h("p", { class: "muted small" }, b.verification_note) : null,
      h("p", {}, h("strong", {}, t("legal.allows")), " ", b.allows),
    ),
  );
}

export function remediesCard(r: Awaited<ReturnType<typeof api.legalReview>>["remedies"]): HTMLElement {
  return h(
    "section",
    { class: "card remedies" },
    h("h2", {}, t("legal.remedies")),
    r.lines.length === 0 && r.missing.length === 0 ? h("p", { class: "muted" }, t("legal.no_remedies")) : null,
    r.lines.map((l) =>
      h(
        "div",
        { class: "remedy", "data-remedy": l.kind },
        h(
          "p",
          {},
          h("strong", { class: "amount" }, t("common.yuan", { amount: l.amount })),
          " ",
          t(`remedy.${l.kind}`),
          h("span", { class: "muted" }, ` · ${l.basis}`),
        ),
        h("p", { class: "working" }, l.working),
        l.condition ? h("p", { class: "muted small" }, l.condition) : null,
      ),
    ),
    r.missing.map((m) => h("p", { class: "banner warning" }, t("legal.missing", { what: m }))),
    r.warnings.map((w) => h("p", { class: "banner warning", "data-remedy-warning": "" }, w)),
    r.delays.map((d) =>
      h(
        "div",
        { class: d.exceeded ? "delay exceeded" : "delay", "data-delay": d.demand },
        h(
          "h3",
          {},
          t(d.exceeded ? "legal.delay_exceeded" : "legal.delay_running", {
            date: d.fifteenth_day,
            demand: t(`demand.${d.demand_kind}`),
          }),
        ),
        h("p", {}, d.explanation),
        h("p", { class: "muted small" }, d.basis),
      ),
    ),
  );
}

function library(): HTMLElement {
  const results = h("div", { class: "law-results" });
  const article = h("div", { class: "law-article" });
  const show = async (hit: LawHit) => {
    clear(article);
    try {
      const v = await api.legalArticle(hit.law, hit.article);
      article.append(
        h("h3", {}, `《${v.law.full}》${v.article.label}`, unverifiedBadge(v.law.text_verified)),
        h("blockquote", { class: "law verbatim" }, v.article.text),
        h("p", { class: "muted small" }, t("legal.version", { law: v.law.full, version: v.law.version })),
      );
    } catch (e) {
      article.append(banner(fromIpcError(e).banner));
    }
  };
  const search = async (q: string) => {
    clear(results);
    clear(article);
    if (q.trim() === "") return;
    try {
      const hits = await api.legalSearch(q);
      if (hits.length === 0) results.append(h("p", { class: "muted" }, t("legal.no_hits", { q })));
      results.append(
        h(
          "ul",
          { class: "hits" },
          hits.map((hit) =>
            h(
              "li",
              {},
              h(
                "button",
                { type: "button", class: "hit", onclick: () => void show(hit) },
                h("strong", {}, `《${hit.law}》${hit.label}`),
                unverifiedBadge(hit.text_verified),
                h("span", { class: "snippet" }, hit.snippet.replace(/\n/g, " ")),
              ),
            ),
          ),
        ),
      );
    } catch (e) {
      results.append(banner(fromIpcError(e).banner));
    }
  };
  const input = h("input", {
    type: "search",
    name: "law-search",
    placeholder: t("legal.search_placeholder"),
    "aria-label": t("legal.search_label"),
  });
  const form = h(
    "form",
    {
      class: "law-search",
      onsubmit: (e: Event) => {
        e.preventDefault();
        void search(input.value);
      },
    },
    input,
    h("button", { type: "submit", class: "secondary", name: "law-search-go" }, t("legal.search")),
  );
  return h("section", { class: "card" }, h("h2", {}, t("legal.library")), form, results, article);
}

async function sourceCitations(): Promise<HTMLElement> {
  const list = await api.sourceCitations();
  return h(
    "details",
    { class: "card source-citations" },
    h("summary", {}, h("strong", {}, t("legal.source_citations"))),
    h("p", { class: "muted" }, t("legal.source_citations_lead")),
    h(
      "ul",
      {},
      list.map((s) =>
        h(
          "li",
          { class: `citation verdict-${s.verdict}` },
          h(
            "p",
            {},
            h("strong", {}, s.cited),
            " ",
            h("span", { class: `badge verdict ${s.verdict}` }, t(`verdict.${s.verdict}`)),
          ),
          h("p", {}, s.explanation),
          s.corrections.length > 0
            ? h("p", { class: "muted" }, t("legal.corrected_to"), " ", s.corrections.map((c) => c.label).join("、"))
            : null,
        ),
      ),
    ),
  );
}

export async function renderLegalPanel(panel: HTMLElement, c: Case) {
  let review;
  try {
    review = await api.legalReview(c.id);
  } catch (e) {
    panel.append(banner(fromIpcError(e).banner));
    return;
  }
  const rerender = async () => {
    clear(panel);
    await renderLegalPanel(panel, { ...c, data: (await api.getCase(c.id)).data });
  };
  const toggle = (rule: string, included: boolean) => {
    void api
      .setBasisIncluded(c.id, rule, included)
      .then(rerender)
      .catch((e: unknown) => panel.prepend(banner(fromIpcError(e).banner)));
  };

  const s = review.suggestions;
  const groups = new Map<string, SuggestedBasis[]>();
  for (const b of s.bases) {
    const k = `${b.interaction}|${b.problem}`;
    groups.set(k, [...(groups.get(k) ?? []), b]);
  }
  const blocking = review.findings.filter((f) => f.blocking).length;

  panel.append(
    ...s.advice.map((a) =>
      h("div", { class: "banner warning advice", role: "alert", "data-advice": a.id }, t(`advice.${a.id}`)),
    ),
    h(
      "section",
      { class: "card precheck" },
      h("h2", {}, t("legal.precheck", { date: review.filing_date })),
      review.findings.length === 0
        ? h("p", { class: "ok" }, t("legal.precheck_ok"))
        : h("p", {}, t("legal.precheck_summary", { n: blocking })),
      h(
        "ul",
        { class: "findings" },
        review.findings.map((f) => findingItem(c, f)),
      ),
    ),
    h(
      "section",
      { class: "bases" },
      h("h2", {}, t("legal.bases")),
      h("p", { class: "muted" }, t("legal.bases_lead")),
      s.questions.length > 0 ? questionsCard(c, s.questions, () => void rerender()) : null,
      s.bases.length === 0 ? h("p", { class: "empty" }, t("legal.no_bases")) : null,
      [...groups.entries()].map(([, list]) => {
        const first = list[0]!;
        const it = first.interaction === null ? undefined : c.data.interactions[first.interaction];
        return h(
          "div",
          { class: "basis-group" },
          h(
            "h3",
            {},
            first.interaction === null || first.problem === null
              ? t("legal.group_facts")
              : t("legal.group", {
                  n: first.interaction + 1,
                  date: it ? it.occurred_at.slice(0, 10) : "",
                  problem: t(`problem.${first.problem}`),
                }),
          ),
          h(
            "ol",
            { class: "basis-list" },
            list.map((b) => basisCard(b, toggle)),
          ),
        );
      }),
      s.not_in_force.length > 0
        ? h(
            "details",
            { class: "muted" },
            h("summary", {}, t("legal.not_in_force")),
            h(
              "ul",
              {},
              s.not_in_force.map((n) => h("li", {}, n)),
            ),
          )
        : null,
    ),
    remediesCard(review.remedies),
    library(),
    await sourceCitations(),
    h("p", { class: "muted small" }, t("legal.disclaimer")),
  );
}
