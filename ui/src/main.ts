// The desktop UI: the case list, the new-case interview, the case page and its tabs, the settings. State lives in
// the Rust core; each screen asks for what it shows, so what is on screen is what is stored.
import { h, clear } from "./dom";
import { initLocale, LOCALES, locale, setLocale, t, type Locale } from "./i18n";
import { renderCaseEdit } from "./views/caseEdit";
import { renderCaseView } from "./views/caseView";
import { renderCaseList } from "./views/caseList";
import { renderInterview } from "./views/interview";
import { renderSettings } from "./views/settings";
import { renderStats } from "./views/statsView";
import { mountToasts } from "./views/toast";
import { flushDrafts } from "./stores/drafts";
import { flushDeletes } from "./stores/undo";
import { navigate, onNavigate, type Route } from "./router";

let route: Route = { view: "list" };

/**
 * A screen drawn again in place (a delete, a save) goes back to where she was scrolled; another screen is left to
 * the browser (moving the page once it is drawn would move what she, or a click under way, is pointing at).
 */
export function keepsScroll(before: Route, after: Route): boolean {
  return JSON.stringify(before) === JSON.stringify(after);
}

onNavigate((next) => {
  const same = keepsScroll(route, next);
  const y = window.scrollY;
  route = next;
  void render().then(() => {
    if (same) window.scrollTo(0, y);
  });
});

function header(): HTMLElement {
  const select = h(
    "select",
    {
      name: "locale",
      "aria-label": t("settings.language"),
      onchange: (e: Event) => {
        setLocale((e.target as HTMLSelectElement).value as Locale);
        void render();
      },
    },
    LOCALES.map((l) => h("option", { value: l, selected: l === locale() }, t(`locale.${l}`))),
  );
  return h(
    "header",
    { class: "topbar" },
    h(
      "button",
      { type: "button", class: "brand", onclick: () => navigate({ view: "list" }), "aria-label": t("nav.home") },
      h("span", { class: "logo", "aria-hidden": "true" }, t("app.logo")),
      h("span", {}, t("app.name")),
    ),
    h("div", { class: "spacer" }),
    h("label", { class: "locale" }, h("span", { class: "visually-hidden" }, t("settings.language")), select),
    h(
      "button",
      {
        type: "button",
        class: "secondary small",
        name: "open-settings",
        onclick: () => navigate({ view: "settings" }),
      },
      t("settings.title"),
    ),
  );
}

async function render() {
  const root = document.getElementById("app")!;
  document.documentElement.lang = locale();
  document.title = t("app.title");
  clear(root);
  const main = h("main", { id: "main", tabindex: "-1" });
  root.append(h("a", { class: "skip-link", href: "#main" }, t("nav.skip")), header(), main, toasts);
  switch (route.view) {
    case "list":
      await renderCaseList(main);
      break;
    case "new":
      await renderInterview(main);
      break;
    case "settings":
      await renderSettings(main, () => void render());
      break;
    case "stats":
      await renderStats(main);
      break;
    case "edit":
      await renderCaseEdit(main, route.id, route.focus);
      break;
    case "case":
      await renderCaseView(main, route.id, route.tab ?? "timeline", route.edit);
      break;
  }
}

const toasts = mountToasts();
// Leaving (window closed or reloaded): write what is still waiting. A delete not yet carried out simply stays
// undone, which loses nothing.
window.addEventListener("pagehide", () => {
  void flushDrafts();
  void flushDeletes();
});
initLocale();
void render();
