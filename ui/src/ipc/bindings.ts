// Generated from the Rust types in crates/core by `make bindings` (weiquan_core::bindings).
// Do not edit by hand: a test fails when this file differs from what the Rust types generate.

export type CaseId = number;

export type Money = string;

export type CaseStatus = "draft" | "filed" | "accepted" | "mediating" | "closed";

export type Industry = "ecommerce" | "telecom" | "banking_insurance" | "payment" | "aviation" | "postal_express" | "transport" | "other";

export type Channel = "phone" | "online_chat" | "app" | "email" | "sms" | "in_person" | "social_media" | "other";

export type ProblemKind = "irrelevant_answer" | "false_information" | "concealment" | "privacy_violation" | "induced_harm" | "delayed_handling" | "no_human_agent";

export type DemandKind = "refund" | "replacement" | "repair" | "compensation" | "punitive_damages" | "apology" | "correction" | "delete_personal_data" | "other";

export type LinkSender = "official" | "impostor" | "unknown";

export type Complainant = { name: string | null, phone: string | null, 
/**
 * Postal address: the regulator sends its notices here.
 */
address: string | null, 
/**
 * 身份证号; optional and never needed for a 12315 filing.
 */
id_number: string | null, };

export type Respondent = { name: string | null, 
/**
 * 统一社会信用代码 (18 characters, GB 32100-2015).
 */
credit_code: string | null, address: string | null, platform: string | null, shop: string | null, url: string | null, };

export type Purchase = { item: string | null, amount: Money | null, date: string | null, order_no: string | null, 
/**
 * Bought for personal or household use (生活消费): the consumer-law protections depend on it.
 */
personal_use: boolean, };

export type Interaction = { occurred_at: string, channel: Channel, agent: string | null, 
/**
 * 工号
 */
agent_id: string | null, ticket_no: string | null, 
/**
 * What the consumer asked, verbatim.
 */
question: string | null, 
/**
 * What the agent answered, verbatim.
 */
answer: string | null, problems: Array<ProblemKind>, loss: Money | null, note: string | null, 
/**
 * For a link the consumer was induced to open: who sent it.
 */
link_sender: LinkSender | null, };

export type Demand = { kind: DemandKind, amount?: Money, 
/**
 * Required for `other`; a free wording for any other kind.
 */
text?: string, };

export type StatusChange = { status: CaseStatus, date: string, };

export type CaseData = { title: string, industry: Industry, status: CaseStatus, 
/**
 * When the case entered each status, oldest first; the last entry, if any, matches `status`.
 */
status_history: Array<StatusChange>, complainant: Complainant, respondent: Respondent, purchase: Purchase, interactions: Array<Interaction>, demands: Array<Demand>, };

export type Case = { id: CaseId, created_at: string, updated_at: string, data: CaseData, 
/**
 * Things worth a second look that do not block saving (e.g. a credit code whose check character is off).
 */
warnings: Array<Problem>, };

export type CaseSummary = { id: CaseId, title: string, status: CaseStatus, industry: Industry, respondent: string | null, interaction_count: number, updated_at: string, };

export type Saved = { id: CaseId, warnings: Array<Problem>, };

export type LibraryInfo = { db_path: string, schema_level: number, case_count: number, };

export type EvidenceRef = { path: string, description: string | null, 
/**
 * Indexes into the document's `interactions` that this file supports.
 */
interactions: Array<number>, };

export type Problem = { path: string, reason: string, };

export type ErrorPayload = { code: string, message: string, problems: Array<Problem>, };

export const CASE_STATUSES: readonly CaseStatus[] = ["draft", "filed", "accepted", "mediating", "closed"];

export const INDUSTRIES: readonly Industry[] = ["ecommerce", "telecom", "banking_insurance", "payment", "aviation", "postal_express", "transport", "other"];

export const CHANNELS: readonly Channel[] = ["phone", "online_chat", "app", "email", "sms", "in_person", "social_media", "other"];

export const PROBLEM_KINDS: readonly ProblemKind[] = ["irrelevant_answer", "false_information", "concealment", "privacy_violation", "induced_harm", "delayed_handling", "no_human_agent"];

export const DEMAND_KINDS: readonly DemandKind[] = ["refund", "replacement", "repair", "compensation", "punitive_damages", "apology", "correction", "delete_personal_data", "other"];

export const LINK_SENDERS: readonly LinkSender[] = ["official", "impostor", "unknown"];
