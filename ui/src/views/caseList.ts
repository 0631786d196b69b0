// The start screen: the user's cases, newest activity first or by next deadline, with a search box, filters for a
// volunteer's caseload (status, industry, problem, deadline, tag, 经办人) and a clear way to start. A .wqcase dropped
// on the window, or the one the app was started with (a double-click), is opened like a picked one.
import { shanghaiToday } from "../caseForm";
import { h, clear } from "../dom";
import { t } from "../i18n";
import {
  api,
  CASE_STATUSES,
  INDUSTRIES,
  onFileDrop,
  PROBLEM_KINDS,
  type CaseloadFilter,
  type CaseloadRow,
  type SameCase,
  type SameCaseChoice,
  type Upcoming,
} from "../ipc";
import { navigate, onLeave } from "../router";
import { isPending } from "../stores/undo";
import { banner, fromIpcError } from "./errors";
import { clockLabel, clockOwner, clockStateText } from "./outlookText";

function formatDate(iso: string): string {
  return iso.slice(0, 10);
}

function row(r: CaseloadRow): HTMLElement {
  const c = r.case;
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
        r.next
          ? h(
              "span",
              { class: `next-deadline clock-${r.next.state}`, "data-next-clock": r.next.id, "data-due": r.next.due },
              t("list.next_deadline", { date: r.next.due, label: clockLabel(r.next) }),
            )
          : null,
        r.handled_by
          ? h("span", { class: "handler", "data-handler": r.handled_by }, t("list.handled_by", { name: r.handled_by }))
          : null,
        r.tags.map((tag) => h("span", { class: "tag", "data-tag": tag }, tag)),
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
          {
            class: `clock clock-${u.clock.state} owner-${clockOwner(u.clock)}`,
            "data-clock": u.clock.id,
            "data-owner": clockOwner(u.clock),
          },
          h(
            "button",
            { type: "button", class: "link", onclick: () => navigate({ view: "case", id: u.case_id }) },
            h("strong", {}, u.clock.due),
            " ",
            clockStateText(u.clock),
            " · ",
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
  void api
    .upcomingDeadlines()
    .then((d) => {
      const card = upcomingCard(d.soon);
      if (card) upcoming.append(card);
    })
    .catch(() => undefined);
  const results = h("div", { class: "results" });
  const filter: CaseloadFilter = {
    search: null,
    status: null,
    industry: null,
    problem: null,
    due_within_days: null,
    tag: null,
    handled_by: null,
    sort: "updated",
  };
  const filters = h("div", { class: "filters", role: "group", "aria-label": t("filter.label") });
  const filtering = () =>
    filter.status !== null ||
    filter.industry !== null ||
    filter.problem !== null ||
    filter.due_within_days !== null ||
    filter.tag !== null ||
    filter.handled_by !== null;
  let seq = 0;
  const load = async () => {
    const mine = ++seq;
    try {
      const load = await api.caseload(filter);
      const rows = load.rows.filter((r) => !isPending(`case:${r.case.id}`));
      if (mine !== seq) return;
      renderFilters(load.all_tags, load.all_handlers);
      clear(results);
      const search = filter.search?.trim() ?? "";
      // Nothing to narrow on a caseload of one case or none: the seven boxes wait until there is.
      filters.hidden = rows.length < 2 && !filtering() && search === "";
      if (rows.length === 0) {
        results.append(
          h(
            "div",
            { class: "empty" },
            h(
              "p",
              {},
              search !== "" ? t("list.no_match", { q: search }) : filtering() ? t("filter.no_match") : t("list.empty"),
            ),
          ),
        );
      } else {
        results.append(
          h("p", { class: "muted small", "data-count": rows.length }, t("filter.count", { n: rows.length })),
          h("ul", { class: "case-list", "aria-label": t("list.title") }, rows.map(row)),
        );
      }
    } catch (e) {
      clear(results);
      results.append(banner(fromIpcError(e).banner));
    }
  };
  const select = <T extends string>(
    name: string,
    label: string,
    values: readonly T[],
    current: T | null,
    text: (v: T) => string,
    set: (v: T | null) => void,
  ) =>
    h(
      "label",
      { class: "filter" },
      h("span", {}, label),
      h(
        "select",
        {
          name: `filter-${name}`,
          onchange: (e: Event) => {
            const v = (e.target as HTMLSelectElement).value;
            set(v === "" ? null : (v as T));
            void load();
          },
        },
        h("option", { value: "" }, t("filter.any")),
        values.map((v) => h("option", { value: v, selected: v === current }, text(v))),
      ),
    );
  // Drawn again only when the tags or 经办人 to choose from change, so a select keeps its focus while she filters.
  let drawnFor: string | null = null;
  const renderFilters = (tags: string[], handlers: string[]) => {
    const key = JSON.stringify([tags, handlers]);
    if (key === drawnFor) return;
    drawnFor = key;
    clear(filters);
    filters.append(
      select(
        "status",
        t("filter.status"),
        CASE_STATUSES,
        filter.status,
        (v) => t(`status.${v}`),
        (v) => (filter.status = v),
      ),
      select(
        "industry",
        t("filter.industry"),
        INDUSTRIES,
        filter.industry,
        (v) => t(`industry.${v}`),
        (v) => (filter.industry = v),
      ),
      select(
        "problem",
        t("filter.problem"),
        PROBLEM_KINDS,
        filter.problem,
        (v) => t(`problem.${v}`),
        (v) => (filter.problem = v),
      ),
      select(
        "due",
        t("filter.due"),
        ["3", "7", "14", "30"] as const,
        filter.due_within_days === null ? null : (String(filter.due_within_days) as "3" | "7" | "14" | "30"),
        (v) => t("filter.due_days", { n: Number(v) }),
        (v) => (filter.due_within_days = v === null ? null : Number(v)),
      ),
      select(
        "tag",
        t("filter.tag"),
        tags,
        filter.tag,
        (v) => v,
        (v) => (filter.tag = v),
      ),
      select(
        "handled-by",
        t("filter.handled_by"),
        handlers,
        filter.handled_by,
        (v) => v,
        (v) => (filter.handled_by = v),
      ),
      h(
        "label",
        { class: "filter" },
        h("span", {}, t("filter.sort")),
        h(
          "select",
          {
            name: "filter-sort",
            onchange: (e: Event) => {
              filter.sort = (e.target as HTMLSelectElement).value === "next_deadline" ? "next_deadline" : "updated";
              void load();
            },
          },
          h("option", { value: "updated", selected: filter.sort === "updated" }, t("filter.sort_updated")),
          h("option", { value: "next_deadline", selected: filter.sort === "next_deadline" }, t("filter.sort_deadline")),
        ),
      ),
    );
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
      await load();
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
      timer = setTimeout(() => {
        filter.search = q.trim() === "" ? null : q;
        void load();
      }, 200);
    },
  });
  main.append(
    h(
      "section",
      { class: "list-head" },
      h("h1", {}, t("list.title")),
      // One group at the right: the main action first, the others beside it (not spread across the row).
      h(
        "div",
        { class: "head-actions" },
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
        h(
          "button",
          { type: "button", class: "secondary", name: "open-stats", onclick: () => navigate({ view: "stats" }) },
          t("stats.button"),
        ),
        h(
          "button",
          { type: "button", class: "primary big", name: "new-case", onclick: () => navigate({ view: "new" }) },
          t("list.new_case"),
        ),
      ),
    ),
    opened,
    h("p", { class: "muted lead" }, t("list.lead")),
    upcoming,
    search,
    filters,
    results,
  );
  // A .wqcase dropped on the start screen opens like a picked one; other files are not for this screen.
  void onFileDrop((e) => {
    if (e.kind !== "drop") return;
    const bundle = e.paths.find((p) => p.toLowerCase().endsWith(".wqcase"));
    if (bundle !== undefined) void openBundle(bundle, { kind: "ask" });
    else if (e.paths.length > 0) {
      clear(opened);
      opened.append(banner(t("bundle.drop_not_bundle"), "warning"));
    }
  }).then((off) => {
    if (off) onLeave(off);
  });
  const started = await api.pendingOpen().catch(() => null);
  if (started !== null) void openBundle(started, { kind: "ask" });
  await load();
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
    facesOf(same),
    h("p", {}, t(items.length === 0 ? "bundle.same_content" : "bundle.differs", { id: same.case })),
    items.length === 0 ? h("span", {}) : h("ul", {}, items),
  );
}

/** The case here and the bundle's side by side (title, consumer, company), before anything can be overwritten. */
export function facesOf(same: SameCase): HTMLElement {
  const value = (v: string | null) => v ?? t("bundle.face.none");
  const rows: [string, string, string][] = [
    ["bundle.face.title", same.here.title, same.bundle.title],
    ["bundle.face.complainant", value(same.here.complainant), value(same.bundle.complainant)],
    ["bundle.face.respondent", value(same.here.respondent), value(same.bundle.respondent)],
  ];
  const differ = rows.some(([, a, b]) => a !== b);
  return h(
    "div",
    { class: "bundle-faces" },
    h(
      "table",
      { class: "faces" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", {}, ""),
          h("th", { scope: "col" }, t("bundle.face.here", { id: same.case })),
          h("th", { scope: "col" }, t("bundle.face.bundle")),
        ),
      ),
      h(
        "tbody",
        {},
        ...rows.map(([key, a, b]) =>
          h(
            "tr",
            { class: a === b ? "" : "differs", "data-face": key },
            h("th", { scope: "row" }, t(key)),
            h("td", {}, a),
            h("td", {}, b),
          ),
        ),
      ),
    ),
    differ ? h("p", { class: "warn", "data-faces-differ": "" }, t("bundle.face.not_same")) : h("span", {}),
  );
}
