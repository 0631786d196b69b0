// The 记录 tab's 从截图识别: the case's pictures as the background reader read them (on this computer; nothing is
// uploaded). One opens beside its turns, each turn's box highlighted on the picture and the characters the reader
// was unsure of marked; she corrects, merges, splits, flips the speaker, and saves: the 我 → 客服 pairs become
// contacts linked to the screenshot. Nothing is saved until she does.
import { h, clear } from "../dom";
import { t } from "../i18n";
import { api, type Case, type ConfirmedTurn, type EvidenceView, type ReadTurn, type ScreenshotText } from "../ipc";
import { banner, fromIpcError } from "./errors";

type Speaker = ConfirmedTurn["speaker"];

/** A turn being corrected: the reader's marks hold only while her text is the reader's. */
export interface EditTurn {
  speaker: Speaker;
  text: string;
  time: string | null;
  rect: [number, number, number, number] | null;
  read: string;
  low: number[];
  /** The date was counted from the file's time, not read from the chat. */
  counted: boolean;
}

/** The turns to check: those another confirmed screenshot of the case already holds (`repeated`) are left out. */
export function editTurns(read: ReadTurn[], repeated: number[] = []): EditTurn[] {
  return read
    .filter((_, i) => !repeated.includes(i))
    .map((r) => ({
      speaker: r.speaker,
      text: r.text,
      time: r.time,
      rect: r.rect[2] > 0 ? r.rect : null,
      read: r.text,
      low: r.low_confidence,
      counted: r.time_basis !== null && r.time_basis !== "stated",
    }));
}

function union(a: EditTurn["rect"], b: EditTurn["rect"]): EditTurn["rect"] {
  if (!a) return b;
  if (!b) return a;
  const x = Math.min(a[0], b[0]);
  const y = Math.min(a[1], b[1]);
  return [x, y, Math.max(a[0] + a[2], b[0] + b[2]) - x, Math.max(a[1] + a[3], b[1] + b[3]) - y];
}

/** Turn `i` joined to the one before it (its words after a line break, the boxes united). */
export function mergeUp(turns: EditTurn[], i: number): EditTurn[] {
  const prev = turns[i - 1];
  const cur = turns[i];
  if (i <= 0 || !prev || !cur) return turns;
  const merged: EditTurn = {
    ...prev,
    text: `${prev.text}\n${cur.text}`,
    time: prev.time ?? cur.time,
    counted: prev.time ? prev.counted : cur.counted,
    rect: union(prev.rect, cur.rect),
    read: "",
    low: [],
  };
  return [...turns.slice(0, i - 1), merged, ...turns.slice(i + 1)];
}

/** Turn `i` cut in two at character `at` (both halves keep the speaker, the time and the box). */
export function splitAt(turns: EditTurn[], i: number, at: number): EditTurn[] {
  const cur = turns[i];
  if (!cur) return turns;
  const chars = [...cur.text];
  if (at <= 0 || at >= chars.length) return turns;
  const first: EditTurn = { ...cur, text: chars.slice(0, at).join("").trimEnd(), read: "", low: [] };
  const second: EditTurn = { ...cur, text: chars.slice(at).join("").trimStart(), read: "", low: [] };
  return [...turns.slice(0, i), first, second, ...turns.slice(i + 1)];
}

/** What is saved: every turn with words in it. */
export function confirmed(turns: EditTurn[]): ConfirmedTurn[] {
  return turns
    .filter((x) => x.text.trim() !== "")
    .map((x) => ({ speaker: x.speaker, text: x.text, time: x.time, rect: x.rect }));
}

/** The text with the reader's unsure characters marked, while the text is still the reader's. */
function marked(x: EditTurn): HTMLElement {
  const p = h("p", { class: "turn-read", "aria-label": t("ocr.unsure_label") });
  if (x.text !== x.read || x.low.length === 0) return p;
  const low = new Set(x.low);
  [...x.text].forEach((ch, i) => p.append(low.has(i) ? h("mark", {}, ch) : ch));
  return p;
}

function stateLabel(s: ScreenshotText): string {
  if (s.confirmed) return t("ocr.state.confirmed");
  return t(`ocr.state.${s.state}`);
}

/** The splitter: the picture with the boxes, and the turns to correct. */
function splitter(c: Case, v: EvidenceView, read: ScreenshotText, image: string, onSaved: () => void): HTMLElement {
  let turns = editTurns(read.turns, read.repeated);
  const img = h("img", { src: image, alt: v.item.original_name, class: "ocr-image" });
  const boxes = h("div", { class: "ocr-boxes" });
  const figure = h("div", { class: "ocr-figure" }, h("div", { class: "ocr-frame" }, img, boxes));
  const list = h("ol", { class: "ocr-turns" });
  const status = h("div", { class: "form-status", "aria-live": "polite" });
  const scale = () => (img.naturalWidth > 0 ? img.clientWidth / img.naturalWidth : 0);
  const drawBoxes = (active: number) => {
    clear(boxes);
    const k = scale();
    turns.forEach((x, i) => {
      if (!x.rect || k === 0) return;
      const b = h("div", { class: i === active ? "ocr-box active" : "ocr-box", "data-turn": i });
      b.style.left = `${x.rect[0] * k}px`;
      b.style.top = `${x.rect[1] * k}px`;
      b.style.width = `${x.rect[2] * k}px`;
      b.style.height = `${x.rect[3] * k}px`;
      boxes.append(b);
      // The turn being checked is brought into view on the picture.
      if (i === active) figure.scrollTop = Math.max(0, x.rect[1] * k - figure.clientHeight / 3);
    });
  };
  img.addEventListener("load", () => drawBoxes(-1));
  const draw = () => {
    clear(list);
    turns.forEach((x, i) => {
      const speaker = h(
        "select",
        { name: "turn-speaker", "aria-label": t("ocr.speaker_label", { n: i + 1 }) },
        (["me", "agent", "system"] as const).map((s) =>
          h("option", { value: s, selected: s === x.speaker }, t(`ocr.speaker.${s}`)),
        ),
      );
      speaker.addEventListener("change", () => {
        turns[i] = { ...x, text: turns[i]?.text ?? x.text, speaker: speaker.value as Speaker };
      });
      const text = h(
        "textarea",
        {
          name: "turn-text",
          rows: Math.min(6, Math.max(1, Math.ceil([...x.text].length / 24))),
          "aria-label": t("ocr.text_label", { n: i + 1 }),
        },
        x.text,
      );
      text.addEventListener("input", () => {
        turns[i] = { ...x, speaker: turns[i]?.speaker ?? x.speaker, text: text.value };
      });
      text.addEventListener("focus", () => drawBoxes(i));
      const row = h(
        "li",
        { class: `ocr-turn ${x.speaker}`, "data-turn": i },
        h(
          "div",
          { class: "row" },
          speaker,
          x.time
            ? h(
                "span",
                { class: "hint" },
                x.time.slice(0, 16).replace("T", " "),
                x.counted ? t("ocr.counted_date") : "",
              )
            : null,
          h(
            "button",
            {
              type: "button",
              class: "link",
              name: "merge-up",
              disabled: i === 0,
              onclick: () => {
                turns = mergeUp(turns, i);
                draw();
              },
            },
            t("ocr.merge"),
          ),
          h(
            "button",
            {
              type: "button",
              class: "link",
              name: "split",
              onclick: () => {
                turns = splitAt(turns, i, [...text.value.slice(0, text.selectionStart)].length);
                draw();
              },
            },
            t("ocr.split"),
          ),
          h(
            "button",
            {
              type: "button",
              class: "link",
              name: "remove-turn",
              onclick: () => {
                turns = turns.filter((_, j) => j !== i);
                draw();
              },
            },
            t("ocr.remove"),
          ),
        ),
        marked(x),
        text,
      );
      row.addEventListener("mouseenter", () => drawBoxes(i));
      list.append(row);
    });
    drawBoxes(-1);
  };
  draw();
  const save = h(
    "button",
    {
      type: "button",
      name: "save-screenshot-turns",
      onclick: async () => {
        clear(status);
        try {
          const saved = await api.confirmScreenshot(c.id, v.item.id, confirmed(turns));
          status.append(banner(t("ocr.saved", { n: saved.added.length }), "info"));
          if (saved.matched.length > 0) status.append(banner(t("ocr.matched", { n: saved.matched.length }), "info"));
          onSaved();
        } catch (err) {
          status.append(banner(fromIpcError(err).banner));
        }
      },
    },
    t("ocr.save"),
  );
  return h(
    "div",
    { class: "ocr-splitter", "data-splitter": v.item.id },
    h("p", { class: "hint" }, t("ocr.check_hint")),
    read.repeated.length > 0 ? banner(t("ocr.repeated", { n: read.repeated.length }), "info") : null,
    h("div", { class: "ocr-columns" }, figure, h("div", {}, list, h("div", { class: "actions" }, save), status)),
  );
}

/** The card: the case's pictures with where each stands, the reader's queue, and the splitter for one. */
export async function screenshotCard(c: Case, onSaved: () => void): Promise<HTMLElement> {
  const card = h("section", { class: "card ocr", "aria-labelledby": "ocr-title" });
  const queue = h("div", { class: "ocr-queue", "aria-live": "polite" });
  const list = h("ul", { class: "ocr-list" });
  const view = h("div", {});
  const flipped = h("input", { type: "checkbox", name: "chat-sides-flipped", id: "chat-sides-flipped" });
  flipped.addEventListener("change", async () => {
    clear(view);
    try {
      await api.setChatSidesFlipped(flipped.checked);
    } catch (err) {
      view.append(banner(fromIpcError(err).banner));
    }
    void poll();
  });
  card.append(
    h("h2", { id: "ocr-title" }, t("ocr.title")),
    h("p", { class: "hint" }, t("ocr.hint")),
    h("div", { class: "field checkbox" }, flipped, h("label", { for: "chat-sides-flipped" }, t("ocr.flipped"))),
    queue,
    list,
    view,
  );
  let pictures: EvidenceView[] = [];
  try {
    flipped.checked = await api.chatSidesFlipped();
    pictures = (await api.listEvidence(c.id)).filter((v) => v.item.content_type.startsWith("image/"));
  } catch (err) {
    card.append(banner(fromIpcError(err).banner));
    return card;
  }
  if (pictures.length === 0) {
    list.append(h("li", { class: "hint" }, t("ocr.none")));
    return card;
  }
  const open = async (v: EvidenceView) => {
    clear(view);
    try {
      const [read, image] = await Promise.all([
        api.screenshotText(c.id, v.item.id),
        api.evidenceImage(c.id, v.item.id),
      ]);
      view.append(splitter(c, v, read, image, onSaved));
    } catch (err) {
      view.append(banner(fromIpcError(err).banner));
    }
  };
  const refresh = async () => {
    const states = await Promise.all(pictures.map((v) => api.screenshotText(c.id, v.item.id).catch(() => null)));
    clear(list);
    pictures.forEach((v, k) => {
      const s = states[k];
      list.append(
        h(
          "li",
          {
            class: "ocr-item",
            "data-evidence": v.item.id,
            "data-state": s ? (s.confirmed ? "confirmed" : s.state) : "none",
          },
          v.thumbnail ? h("img", { src: v.thumbnail, alt: "", class: "thumb" }) : null,
          h("span", {}, v.item.original_name),
          s ? h("span", { class: "chip" }, stateLabel(s)) : null,
          s?.error ? h("span", { class: "hint" }, s.error) : null,
          s && s.state === "done" && !s.confirmed
            ? h(
                "button",
                { type: "button", name: "check-turns", onclick: () => void open(v) },
                t("ocr.check", { n: s.turns.length }),
              )
            : null,
          s && s.state === "failed"
            ? h(
                "button",
                {
                  type: "button",
                  class: "secondary",
                  name: "reread",
                  onclick: async () => {
                    await api.rereadScreenshot(c.id, v.item.id);
                    void poll();
                  },
                },
                t("ocr.reread"),
              )
            : null,
        ),
      );
    });
  };
  let paused = false;
  const poll = async () => {
    if (!card.isConnected && list.childElementCount > 0) return;
    let pending = 0;
    try {
      pending = (await api.readingStatus(c.id)).pending;
    } catch {
      pending = 0;
    }
    clear(queue);
    if (pending > 0) {
      queue.append(
        h("span", {}, paused ? t("ocr.paused", { n: pending }) : t("ocr.reading", { n: pending })),
        h(
          "button",
          {
            type: "button",
            class: "link",
            name: "pause-reading",
            onclick: async () => {
              paused = !paused;
              await api.pauseReading(paused);
              void poll();
            },
          },
          paused ? t("ocr.resume") : t("ocr.pause"),
        ),
      );
    }
    await refresh();
    if (pending > 0 && !paused) window.setTimeout(() => void poll(), 1500);
  };
  await poll();
  return card;
}
