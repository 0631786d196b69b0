// Filing for someone else: the agent (委托代理人) a consumer authorises, saved with the case, and the 授权委托书 made
// from it for her to sign. The pre-check then asks for the agent's ID and the signed original.
import { h } from "../dom";
import { t } from "../i18n";
import { AGENT_POWERS, api, type Agent, type AgentPower, type Case } from "../ipc";
import { banner, fromIpcError } from "./errors";

export function agentCard(c: Case, reload: () => void): HTMLElement {
  const a: Agent | undefined = c.data.agent ?? undefined;
  const input = (name: string, value: string | null | undefined, type = "text") =>
    h("input", { type, name: `agent-${name}`, value: value ?? "" });
  const name = input("name", a?.name);
  const idNumber = input("id-number", a?.id_number);
  const phone = input("phone", a?.phone, "tel");
  const org = input("organisation", a?.organisation);
  const from = input("from", a?.term_from, "date");
  const until = input("until", a?.term_until, "date");
  const powers = AGENT_POWERS.map((p) =>
    h("input", {
      type: "checkbox",
      name: `agent-power-${p}`,
      value: p,
      checked: a ? a.powers.includes(p) : p === "complain",
    }),
  );
  const status = h("div", { class: "export-status", "aria-live": "polite" });
  const field = (label: string, el: HTMLElement) => h("label", { class: "field" }, h("span", {}, label), el);
  const blank = (el: HTMLInputElement) => (el.value.trim() === "" ? null : el.value.trim());
  const save = async (agent: Agent | null) => {
    status.replaceChildren();
    try {
      await api.setAgent(c.id, agent);
      reload();
    } catch (e) {
      status.append(banner(fromIpcError(e).banner));
    }
  };
  const current = (): Agent => ({
    name: name.value.trim(),
    id_number: blank(idNumber),
    phone: blank(phone),
    organisation: blank(org),
    powers: powers.filter((p) => p.checked).map((p) => p.value as AgentPower),
    term_from: blank(from),
    term_until: blank(until),
  });
  const poa = async () => {
    status.replaceChildren();
    try {
      const r = await api.exportAuthorisation(c.id);
      if (r) status.append(banner(t("export.saved", { path: r.path, kb: Math.ceil(r.bytes / 1024) }), "info"));
    } catch (e) {
      status.append(banner(fromIpcError(e).banner));
    }
  };
  return h(
    "section",
    { class: "card export-card agent-card" },
    h("h2", {}, t("agent.title")),
    h("p", { class: "muted" }, t("agent.lead")),
    h(
      "div",
      { class: "grid-2" },
      field(t("agent.name"), name),
      field(t("agent.id_number"), idNumber),
      field(t("agent.phone"), phone),
      field(t("agent.organisation"), org),
      field(t("agent.from"), from),
      field(t("agent.until"), until),
    ),
    h(
      "fieldset",
      { class: "checks" },
      h("legend", {}, t("agent.powers")),
      powers.map((p) => h("label", {}, p, t(`agent.power.${p.value}`))),
    ),
    h(
      "div",
      { class: "actions left" },
      h(
        "button",
        { type: "button", class: "secondary", name: "save-agent", onclick: () => void save(current()) },
        t("agent.save"),
      ),
      a
        ? h(
            "button",
            { type: "button", class: "primary", name: "export-authorisation", onclick: () => void poa() },
            t("agent.poa"),
          )
        : null,
      a
        ? h(
            "button",
            { type: "button", class: "link", name: "remove-agent", onclick: () => void save(null) },
            t("agent.remove"),
          )
        : null,
    ),
    status,
  );
}
