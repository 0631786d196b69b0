// The start screen: the user's cases, newest activity first, with a search box and a clear way to start.
import { shanghaiToday } from "../caseForm";
import { h, clear } from "../dom";
import { t } from "../i18n";
import { api, type CaseSummary, type SameCase, type SameCaseChoice, type Upcoming } from "../ipc";
import { navigate } from "../router";
import { isPending } from "../stores/undo";
import { banner, fromIpcError } from "./errors";
import { clockLabel } from "./outlookText";

function formatDate(iso: string): string {
  return iso.slice(0, 10);
}

function row(c: CaseSummary): HTMLElement {
  return h(
    "li",
    {},
    h(
      "button",
      { type: "button", class: "case-row", "data-case-id": c.id, onclick: () => navigate({ view: "case", id: c.id }) },
      h("span", { class: `status status-${c.status}` }, t(`status.${c.status}`)),
      h(
        "span",
        { class: "case-main" },
        h("strong", { class: "case-title" }, c.title),
        h("span", { class: "muted" }, c.respondent ?? t("list.no_respondent")),
      ),
      h(
        "span",
        { class: "case-meta muted" },
        h("span", {}, t(`industry.${c.industry}`)),
        h("span", {}, t("list.interactions", { n: c.interaction_count })),
        h("span", {}, t("list.updated", { date: formatDate(c.updated_at) })),
      ),
    ),
  );
}

function upcomingCard(list: Upcoming[]): HTMLElement | null {
  if (list.length === 0) return null;
  const today = shanghaiToday();
  const days = (d: string) => Math.round((Date.parse(d) - Date.parse(today)) / 86400000);
  return h(
    "section",
    { class: "card upcoming", "aria-label": t("upcoming.title") },
    h("h2", {}, t("upcoming.title")),
    h(
      "ul",
      {},
      list.map((u) =>
        h(
          "li",
          { class: `clock clock-${u.clock.state}`, "data-clock": u.clock.id },
          h(
            "button",
            { type: "button", class: "link", onclick: () => navigate({ view: "case", id: u.case_id }) },
            h("strong", {}, u.clock.due),
            " ",
            days(u.clock.due) < 0
              ? t("upcoming.passed", { n: -days(u.clock.due) })
              : days(u.clock.due) === 0
                ? t("upcoming.today")
                : t("upcoming.left", { n: days(u.clock.due) }),
            " · ",
            clockLabel(u.clock),
            " · ",
            u.title,
          ),
        ),
      ),
    ),
  );
}

export async function renderCaseList(main: HTMLElement) {
  // The deadline card fills in after the list is on screen: the first paint never waits for it.
  const upcoming = h("div", { class: "upcoming-holder" });
  // Each open case's next deadline goes into its row once both have arrived.
  const deadlines = api.upcomingDeadlines().catch(() => null);
  void deadlines.then((d) => {
    const card = d ? upcomingCard(d.soon) : null;
    if (card) upcoming.append(card);
  });
  const markRows = async () => {
    const d = await deadlines;
    const rows = new Map([...results.querySelectorAll<HTMLElement>(".case-row")].map((r) => [r.dataset.caseId, r]));
    for (const u of d?.next ?? []) {
      const row = rows.get(String(u.case_id))?.querySelector(".case-meta");
      row?.append(
        h(
          "span",
          { class: `next-deadline clock-${u.clock.state}`, "data-next-clock": u.clock.id },
          t("list.next_deadline", { date: u.clock.due, label: clockLabel(u.clock) }),
        ),
      );
    }
  };
  const results = h("div", { class: "results" });
  let seq = 0;
  const load = async (search: string) => {
    const mine = ++seq;
    try {
      const cases = (await api.listCases(search.trim() === "" ? null : search)).filter(
        (c) => !isPending(`case:${c.id}`),
      );
      if (mine !== seq) return;
      clear(results);
      if (cases.length === 0) {
        results.append(
          h(
            "div",
            { class: "empty" },
            h("p", {}, search.trim() === "" ? t("list.empty") : t("list.no_match", { q: search.trim() })),
          ),
        );
      } else {
        results.append(h("ul", { class: "case-list", "aria-label": t("list.title") }, cases.map(row)));
        void markRows();
      }
    } catch (e) {
      clear(results);
      results.append(banner(fromIpcError(e).banner));
    }
  };
  const opened = h("div", { class: "opened-bundle", "aria-live": "polite" });
  // Opening a .wqcase: checked by the core; a case already here is shown with what differs, and she chooses.
  const openBundle = async (path: string | null, choice: SameCaseChoice) => {
    clear(opened);
    try {
      const o = await api.openBundle(path, choice);
      if (o === null) return;
      const code = h(
        "p",
        { class: "verification" },
        t(o.case === 0 ? "bundle.code_label" : "bundle.opened"),
        h("strong", { class: "code", "data-code": o.code }, o.code),
        h("span", { class: "muted small" }, t("bundle.code_hint")),
      );
      opened.append(code);
      if (o.case === 0) {
        for (const same of o.same_case) opened.append(differencesOf(same));
        const here = o.same_case[0]!.case;
        opened.append(
          h(
            "div",
            { class: "actions left" },
            h(
              "button",
              {
                type: "button",
                class: "primary",
                name: "bundle-update",
                onclick: () => void openBundle(o.bundle, { kind: "update", case: here }),
              },
              t("bundle.update", { id: here }),
            ),
            h(
              "button",
              {
                type: "button",
                class: "secondary",
                name: "bundle-keep-both",
                onclick: () => void openBundle(o.bundle, { kind: "keep_both" }),
              },
              t("bundle.keep_both"),
            ),
          ),
        );
        return;
      }
      opened.append(
        h(
          "button",
          {
            type: "button",
            class: "primary",
            name: "go-to-opened",
            onclick: () => navigate({ view: "case", id: o.case }),
          },
          t("list.open_case"),
        ),
      );
      await load("");
    } catch (e) {
      opened.append(banner(fromIpcError(e).banner));
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const search = h("input", {
    type: "search",
    name: "search",
    placeholder: t("list.search_placeholder"),
    "aria-label": t("list.search_label"),
    oninput: (e: Event) => {
      clearTimeout(timer);
      const q = (e.target as HTMLInputElement).value;
      timer = setTimeout(() => void load(q), 200);
    },
  });
  main.append(
    h(
      "section",
      { class: "list-head" },
      h("h1", {}, t("list.title")),
      h(
        "button",
        { type: "button", class: "primary big", name: "new-case", onclick: () => navigate({ view: "new" }) },
        t("list.new_case"),
      ),
      h(
        "button",
        {
          type: "button",
          class: "secondary",
          name: "open-bundle",
          onclick: () => void openBundle(null, { kind: "ask" }),
        },
        t("bundle.open_button"),
      ),
    ),
    opened,
    h("p", { class: "muted lead" }, t("list.lead")),
    upcoming,
    search,
    results,
  );
  await load("");
}

/** What a bundle has that the case here has not, and the other way round. */
function differencesOf(same: SameCase): HTMLElement {
  const d = same.differences;
  const rows: [string, string[]][] = [
    ["bundle.diff.interactions_added", d.interactions_added],
    ["bundle.diff.interactions_changed", d.interactions_changed],
    ["bundle.diff.interactions_removed", d.interactions_removed],
    ["bundle.diff.demands_added", d.demands_added],
    ["bundle.diff.demands_removed", d.demands_removed],
    ["bundle.diff.evidence_added", d.evidence_added],
    ["bundle.diff.evidence_removed", d.evidence_removed],
  ];
  const items = rows
    .filter(([, list]) => list.length > 0)
    .map(([key, list]) => h("li", { "data-diff": key }, `${t(key)}${list.join("、")}`));
  if (d.details_changed) items.push(h("li", { "data-diff": "details" }, t("bundle.diff.details")));
  return h(
    "div",
    { class: "card bundle-diff", "data-case-id": same.case },
    h("p", {}, t(items.length === 0 ? "bundle.same_content" : "bundle.differs", { id: same.case })),
    items.length === 0 ? h("span", {}) : h("ul", {}, items),
  );
}
