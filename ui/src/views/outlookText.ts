// Clocks, route steps and complaint channels in the user's language. The core sends each as a stable kind with
// its values (`Clock.id` + `params`, `RouteStep.why` + `params`, the channel's id); the words come from the
// catalogs, so the English UI is English. Rules and statutes stay in Chinese, as the law is, and say so.
import { t } from "../i18n";
import type { Clock, ClockKind, ComplaintChannel, RouteStep } from "../ipc";

/** Whose deadline a clock is: hers (a right she can lose), the company's, or a complaint office's. */
export type ClockOwner = "consumer" | "company" | "office";

const OWNERS: Record<ClockKind, ClockOwner> = {
  limitation: "consumer",
  return_7_days: "consumer",
  demand_15_days: "company",
  performance_due: "company",
  operator_15_days: "company",
  institution_15_days: "company",
  airline_10_working_days: "company",
  postal_reply_30_days: "company",
  odr_10_working_days: "company",
  acceptance_7_working_days: "office",
  miit_acceptance_5_working_days: "office",
  mediation_60_days: "office",
  mediation_45_working_days: "office",
  termination_notice_7_working_days: "office",
};

export function clockOwner(c: Clock): ClockOwner {
  return OWNERS[c.id];
}

/**
 * The clock's state in words that say whose it is: a right of hers that has passed (您的期限已过) is not the same
 * thing as a deadline the company missed (商家已超期), which helps her.
 */
export function clockStateText(c: Clock): string {
  return t(`clock.${clockOwner(c)}.${c.state}`);
}

function clockParams(c: Clock): Record<string, string> {
  const p: Record<string, string> = { ...c.params, due: c.due };
  if (p.demand !== undefined) p.demand = t(`demand.${p.demand}`);
  return p;
}

export function clockLabel(c: Clock): string {
  return t(`clock.${c.id}.label`, clockParams(c));
}

export function clockExplanation(c: Clock): string {
  const p = clockParams(c);
  if (c.id === "demand_15_days") {
    const confirmed = c.params.confirmed
      ? t("clock.demand_15_days.confirmed", { date: c.params.confirmed })
      : t("clock.demand_15_days.unconfirmed");
    return `${t(`clock.demand_15_days.explanation.${c.params.start_rule ?? "period_end"}`, p)} ${confirmed}`;
  }
  if (c.id === "limitation" && c.params.from_rule === "noticed") return t("clock.limitation.explanation_noticed", p);
  if (c.id === "return_7_days") {
    const base = t(
      c.params.from_rule === "received"
        ? "clock.return_7_days.explanation_received"
        : "clock.return_7_days.explanation",
      p,
    );
    if (p.requested === undefined) return base;
    const inTime = p.requested <= c.due;
    return `${base}${t(inTime ? "clock.return_7_days.requested_in_time" : "clock.return_7_days.requested_late", p)}`;
  }
  const text = t(`clock.${c.id}.explanation`, p);
  // Testing or appraisal is not counted in a mediation period: say how the end moved.
  if (c.params.testing_since !== undefined) return `${text}${t("clock.mediation.testing_open", p)}`;
  if (c.params.paused_days !== undefined) return `${text}${t("clock.mediation.testing_done", p)}`;
  return text;
}

/** Which regulator handles a 12315 complaint filed from 2026-04-15 (办法第十三条), if the step says. */
export function routeJurisdiction(s: Pick<RouteStep, "jurisdiction">): string | null {
  return s.jurisdiction === null ? null : t(`route.jurisdiction.${s.jurisdiction}`);
}

/** Why the step, and from when it can be taken. */
export function routeReason(s: RouteStep, today: string): string {
  const why = t(`route.why.${s.why}`, s.params);
  if (s.from === null) return why;
  return why + (s.from > today ? t("route.opens_on", { date: s.from }) : t("route.open_now"));
}

export function channelName(c: ComplaintChannel): string {
  return t(`route.channel.${c.id}.name`);
}

export function channelContact(c: ComplaintChannel): string {
  return t(`route.channel.${c.id}.contact`);
}

export function channelFact(c: ComplaintChannel, n: number): string {
  return t(`route.channel.${c.id}.fact.${n}`);
}
