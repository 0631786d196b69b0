// Settings: the language, where the library lives (and moving it), backing it up now and restoring from a backup.
// File choices happen in native dialogs opened by the core; the page never touches the file system.
import { h, clear, confirmDialog } from "../dom";
import { LOCALES, locale, setLocale, t, type Locale } from "../i18n";
import { api, type LibraryInfo } from "../ipc";
import { navigate } from "../router";
import { banner, fromIpcError } from "./errors";

export async function renderSettings(main: HTMLElement, rerender: () => void) {
  const status = h("div", { class: "form-status", "aria-live": "polite" });
  const where = h("dl", { class: "facts" });
  const show = (info: LibraryInfo) => {
    clear(where);
    where.append(
      h("dt", {}, t("settings.location")),
      h("dd", {}, h("code", { class: "path", "data-library-path": "" }, info.db_path)),
      h("dt", {}, t("settings.cases")),
      h("dd", {}, String(info.case_count)),
    );
  };
  try {
    show(await api.libraryInfo());
  } catch (e) {
    status.append(banner(fromIpcError(e).banner));
  }
  const aboutCard = h(
    "section",
    { class: "card about", "aria-label": t("about.title") },
    h("h2", {}, t("about.title")),
  );
  const busy = h("p", { class: "muted", hidden: true }, t("settings.working"));
  const run = async (job: () => Promise<void>) => {
    clear(status);
    busy.hidden = false;
    main.querySelectorAll<HTMLButtonElement>(".settings button").forEach((b) => (b.disabled = true));
    try {
      await job();
    } catch (e) {
      status.append(banner(fromIpcError(e).banner));
    } finally {
      busy.hidden = true;
      main.querySelectorAll<HTMLButtonElement>(".settings button").forEach((b) => (b.disabled = false));
    }
  };
  const language = h(
    "select",
    {
      id: "settings-language",
      name: "settings-language",
      onchange: (e: Event) => {
        setLocale((e.target as HTMLSelectElement).value as Locale);
        rerender();
      },
    },
    LOCALES.map((l) => h("option", { value: l, selected: l === locale() }, t(`locale.${l}`))),
  );
  main.append(
    h("h1", {}, t("settings.title")),
    h(
      "div",
      { class: "settings" },
      h(
        "section",
        { class: "card" },
        h("h2", {}, h("label", { for: "settings-language" }, t("settings.language"))),
        language,
      ),
      h(
        "section",
        { class: "card" },
        h("h2", {}, t("settings.library")),
        where,
        h("p", { class: "hint" }, t("settings.location_hint")),
        h(
          "button",
          {
            type: "button",
            class: "secondary",
            name: "move-library",
            onclick: () =>
              void run(async () => {
                const info = await api.moveLibrary();
                if (info) {
                  show(info);
                  status.append(banner(t("settings.moved", { path: info.db_path }), "info"));
                }
              }),
          },
          t("settings.move"),
        ),
      ),
      h(
        "section",
        { class: "card" },
        h("h2", {}, t("settings.backup")),
        h("p", { class: "hint" }, t("settings.backup_hint")),
        h(
          "div",
          { class: "actions left" },
          h(
            "button",
            {
              type: "button",
              class: "primary",
              name: "backup-now",
              onclick: () =>
                void run(async () => {
                  const b = await api.backupLibrary();
                  if (b)
                    status.append(
                      banner(
                        t("settings.backed_up", { cases: b.case_count, files: b.evidence_files, path: b.path }),
                        "info",
                      ),
                    );
                }),
            },
            t("settings.backup_now"),
          ),
          h(
            "button",
            {
              type: "button",
              class: "secondary",
              name: "restore-backup",
              onclick: () =>
                void (async () => {
                  if (!(await confirmDialog(t("settings.restore_confirm"), t("settings.restore"), t("action.cancel"))))
                    return;
                  await run(async () => {
                    const safety = await api.restoreLibrary();
                    if (!safety) return;
                    const info = await api.libraryInfo();
                    show(info);
                    status.append(
                      banner(t("settings.restored", { cases: info.case_count, path: safety.path }), "info"),
                    );
                  });
                })(),
            },
            t("settings.restore"),
          ),
        ),
      ),
      busy,
      status,
      aboutCard,
      h("button", { type: "button", class: "secondary", onclick: () => navigate({ view: "list" }) }, t("nav.back")),
    ),
  );
  void fillAbout(aboutCard);
}

/** 关于: the version, the plain statement that nothing leaves the computer, the dossier's font and every bundled
 * part with its licence (the list is generated from the build's dependencies). */
async function fillAbout(card: HTMLElement) {
  try {
    const a = await api.about();
    card.append(
      h("p", { class: "offline-statement" }, t("about.offline")),
      h(
        "dl",
        { class: "facts" },
        h("dt", {}, t("about.version")),
        h("dd", { "data-version": a.version }, a.version),
        h("dt", {}, t("settings.location")),
        h("dd", {}, h("code", { class: "path" }, a.library.db_path)),
        h("dt", {}, t("about.font")),
        h(
          "dd",
          { "data-font-found": String(a.font_found) },
          a.font_found ? a.font : t("about.font_missing", { why: a.font }),
        ),
        a.font_licence ? h("dt", {}, t("about.font_licence")) : "",
        a.font_licence ? h("dd", { class: "small" }, a.font_licence) : "",
      ),
      h(
        "details",
        { class: "licences" },
        h("summary", {}, t("about.parts", { n: a.parts.length })),
        h(
          "table",
          { class: "masks" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", {}, t("about.part")),
              h("th", {}, t("about.part_version")),
              h("th", {}, t("about.licence")),
            ),
          ),
          h(
            "tbody",
            {},
            a.parts.map((p) =>
              h("tr", { "data-part": p.name }, h("td", {}, p.name), h("td", {}, p.version), h("td", {}, p.license)),
            ),
          ),
        ),
      ),
    );
  } catch (e) {
    card.append(banner(fromIpcError(e).banner));
  }
}
