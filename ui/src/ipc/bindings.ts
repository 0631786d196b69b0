// Generated from the Rust types in crates/core by `make bindings` (weiquan_core::bindings).
// Do not edit by hand: a test fails when this file differs from what the Rust types generate.

export type CaseId = number;

export type InteractionId = number;

export type DemandId = number;

export type Money = string;

export type CaseStatus = "draft" | "filed" | "accepted" | "mediating" | "closed";

export type Industry = "ecommerce" | "telecom" | "banking_insurance" | "payment" | "aviation" | "postal_express" | "transport" | "food" | "other";

export type Channel = "phone" | "online_chat" | "app" | "email" | "sms" | "in_person" | "social_media" | "other";

export type ProblemKind = "irrelevant_answer" | "false_information" | "concealment" | "privacy_violation" | "induced_harm" | "delayed_handling" | "no_human_agent" | "unfair_terms";

export type DemandKind = "refund" | "return" | "replacement" | "repair" | "compensation" | "punitive_damages" | "apology" | "correction" | "delete_personal_data" | "other";

export type LinkSender = "official" | "impostor" | "unknown";

export type ParallelProceeding = "court" | "arbitration" | "regulator" | "consumer_association" | "mediation";

export type SupplyKind = "goods" | "service";

export type CaseFacts = { 
/**
 * What was bought: goods or a service (unset: not said).
 */
supply: SupplyKind | null, 
/**
 * The respondent is the e-commerce platform itself (true), or a merchant selling on it (false); unset: not said.
 */
respondent_is_platform: boolean | null, 
/**
 * The goods or service do not work, or do not match their description (a quality problem).
 */
quality_defect: boolean, 
/**
 * The food does not meet food-safety standards.
 */
food_unsafe: boolean, 
/**
 * For a scammer posing as customer service: the consumer suspects her data leaked from the company.
 */
leak_suspected: boolean, 
/**
 * The dispute is about a deposit (押金) not returned.
 */
deposit: boolean, 
/**
 * Marketing messages or calls sent without consent.
 */
marketing_contact: boolean, 
/**
 * 问题出现日期: when she learned of the harm. The three-year limit runs from it; unset, from the first record.
 */
problem_noticed_on?: string, 
/**
 * The day the goods arrived: the seven-day no-reason return counts from it (unset: estimated from the purchase).
 */
goods_received_on?: string, 
/**
 * The day she asked the seller to take the goods back: inside the seven days, the window was kept.
 */
return_requested_on?: string, };

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
credit_code: string | null, address: string | null, platform: string | null, shop: string | null, url: string | null, 
/**
 * The trader is a 12315 ODR (绿色通道) company: it negotiates inside 12315 for ten working days first.
 */
odr: boolean, };

export type Purchase = { item: string | null, amount: Money | null, date: string | null, order_no: string | null, 
/**
 * Bought for personal or household use (生活消费): the consumer-law protections depend on it.
 */
personal_use: boolean, };

export type Interaction = { 
/**
 * Set by the store; absent for a new interaction and never written to an exchange document.
 */
id?: InteractionId, occurred_at: string, channel: Channel, agent: string | null, 
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
link_sender: LinkSender | null, 
/**
 * The user's answer to 这句话是在您下单前说的吗？它影响了您的购买决定吗？ for a false or concealing statement:
 * fraud damages need deception before the purchase that led to it. Unset: decided from the dates, if they can.
 */
before_purchase?: boolean, };

export type Demand = { 
/**
 * Set by the store; absent for a new demand and never written to an exchange document.
 */
id?: DemandId, kind: DemandKind, amount?: Money, 
/**
 * Required for `other`; a free wording for any other kind.
 */
text?: string, 
/**
 * The day the consumer made this demand to the company.
 */
made_on?: string, 
/**
 * The contact in which she made it, by that contact's time (`occurred_at`): stable however contacts are
 * added, removed or reordered, and the same in the store and in an exchange document.
 */
made_in?: string, 
/**
 * The end of the period agreed with the company (a promised refund date) or set by law, if there is one: the
 * fifteen days of 处罚办法第八条 then run from it.
 */
due_by?: string, 
/**
 * The day the consumer confirmed that the company has still not performed this demand. Only then does any
 * text say so.
 */
unperformed_confirmed_on?: string, };

export type StatusChange = { status: CaseStatus, date: string, };

export type CaseData = { title: string, industry: Industry, status: CaseStatus, 
/**
 * When the case entered each status, oldest first; the last entry, if any, matches `status`.
 */
status_history: Array<StatusChange>, complainant: Complainant, respondent: Respondent, purchase: Purchase, interactions: Array<Interaction>, demands: Array<Demand>, 
/**
 * Whether a court, arbitration body or other body has already taken up the same dispute.
 */
parallel_proceeding: ParallelProceeding | null, 
/**
 * Facts only the consumer can state (goods or service, platform or merchant, quality, food safety, leak).
 */
facts: CaseFacts, 
/**
 * Suggested legal bases (rule ids such as `evasion/xf17`) the user chose to leave out of the dossier.
 */
excluded_bases: Array<string>, 
/**
 * Supporting or use-with-care bases the user chose to put into the dossier (core ones are in by default).
 */
included_bases: Array<string>, 
/**
 * What happened after filing, oldest first.
 */
events: Array<CaseEvent>, 
/**
 * Who files for her, if someone does (委托代理人).
 */
agent?: Agent, };

export type CaseDetails = { title: string, industry: Industry, status: CaseStatus, complainant: Complainant, respondent: Respondent, purchase: Purchase, demands: Array<Demand>, parallel_proceeding: ParallelProceeding | null, facts: CaseFacts, };

export type Case = { id: CaseId, 
/**
 * The case's own id (32 hex digits), the same in every library it is exported to or imported into; the
 * 卷宗编号 comes from it. Absent only for a row written by hand without one.
 */
uid: string | null, created_at: string, updated_at: string, data: CaseData, 
/**
 * Things worth a second look that do not block saving (e.g. a credit code whose check character is off).
 */
warnings: Array<Problem>, };

export type CaseSummary = { id: CaseId, title: string, status: CaseStatus, industry: Industry, respondent: string | null, interaction_count: number, updated_at: string, };

export type Saved = { id: CaseId, warnings: Array<Problem>, };

export type LibraryInfo = { db_path: string, schema_level: number, case_count: number, };

export type BackupSummary = { path: string, created_at: string, schema_level: number, case_count: number, evidence_files: number, bytes: number, };

export type BundleReport = { path: string, bytes: number, 
/**
 * 25 digits in five groups, from the manifest: the same on both sides.
 */
code: string, files: Array<string>, };

export type Differences = { interactions_added: Array<string>, interactions_removed: Array<string>, interactions_changed: Array<string>, demands_added: Array<string>, demands_removed: Array<string>, evidence_added: Array<string>, evidence_removed: Array<string>, 
/**
 * The title, parties, purchase, facts, events or chosen bases differ.
 */
details_changed: boolean, };

export type CaseFace = { title: string, complainant: string | null, respondent: string | null, };

export type SameCase = { case: CaseId, 
/**
 * The case here and the bundle's, side by side: whose and against whom, so nobody updates the wrong case.
 */
here: CaseFace, bundle: CaseFace, differences: Differences, };

export type SameCaseChoice = { "kind": "ask" } | { "kind": "keep_both" } | { "kind": "update", "case": CaseId };

export type OpenedBundle = { 
/**
 * The bundle file, as given (to open it again with the user's choice).
 */
bundle: string, 
/**
 * The case it went into: a new one, or the one it updated (0 when nothing was written: see `same_case`).
 */
case: CaseId, code: string, 
/**
 * Whether an existing case was updated (rather than a new one made).
 */
updated: boolean, 
/**
 * Other cases of this library that are the same case (same `case_uid`), with how the bundle differs from each.
 */
same_case: Array<SameCase>, warnings: Array<Problem>, };

export type EvidenceRef = { path: string, description: string | null, 
/**
 * Indexes into the document's `interactions` that this file supports.
 */
interactions: Array<number>, };

export type Problem = { path: string, reason: string, };

export type ErrorPayload = { code: ErrorCode, message: string, problems: Array<Problem>, };

export type ErrorCode = "database" | "io" | "database_too_new" | "migration_failed" | "case_not_found" | "invalid_input" | "corrupt_data" | "not_found" | "font_missing" | "internal";

export type Strength = "core" | "supporting" | "caution";

export type Verdict = "correct" | "misattributed" | "nonexistent" | "not_a_consumer_remedy";

export type Law = { 
/**
 * The name used throughout the data, e.g. 消费者权益保护法.
 */
short: string, full: string, version: string, effective_date: string, in_force_until: string | null, 
/**
 * False where the text itself has not been checked against a second source: shown as 未核验.
 */
text_verified: boolean, 
/**
 * What is not verified about this law's text or version, in Chinese, if anything.
 */
verification_note: string | null, };

export type Article = { law: string, number: number, 
/**
 * 第二十条
 */
label: string, text: string, source: string, };

export type LawHit = { law: string, article: number, label: string, 
/**
 * A stretch of the article around the match, with the match in 【】.
 */
snippet: string, text_verified: boolean, };

export type SuggestedBasis = { rule: string, 
/**
 * Index into the case's interactions; none for a basis that rests on the case's facts.
 */
interaction: number | null, problem: ProblemKind | null, 
/**
 * Short law name as in the data, e.g. 消费者权益保护法.
 */
law: string, law_full: string, article: number, paragraph: number | null, item: number | null, 
/**
 * 第二十条第二款
 */
label: string, strength: Strength, 
/**
 * The cited provision, verbatim.
 */
text: string, version: string, text_verified: boolean, verification_note: string | null, why: string, allows: string, 
/**
 * Whether it goes into the dossier: core bases unless the user left them out (`CaseData::excluded_bases`),
 * others only when she put them in (`CaseData::included_bases`).
 */
included: boolean, };

export type AdviceItem = { id: string, interaction: number | null, problem: ProblemKind | null, priority: number, text: string, };

export type QuestionKind = "before_purchase" | "link_sender" | "leak_suspected" | "supply" | "platform_or_merchant" | "demand_date";

export type OpenQuestion = { kind: QuestionKind, interaction: number | null, demand: number | null, 
/**
 * The question in plain Chinese (the app renders its own wording from `kind`).
 */
text: string, };

export type Suggestions = { bases: Array<SuggestedBasis>, 
/**
 * What to do first (e.g. report an impostor to the police), most urgent first.
 */
advice: Array<AdviceItem>, 
/**
 * Bases left out because their law was not in force on the date of the interaction.
 */
not_in_force: Array<string>, 
/**
 * What the user should answer so that the bases fit the facts.
 */
questions: Array<OpenQuestion>, };

export type RemedyKind = "refund_of_price" | "fraud_damages" | "food_damages" | "losses";

export type RemedyLine = { kind: RemedyKind, amount: Money, 
/**
 * 《消费者权益保护法》第五十五条第一款
 */
basis: string, 
/**
 * The arithmetic, in Chinese, e.g. 价款 1299.00 元 × 3 = 3897.00 元；不低于 500.00 元 → 3897.00 元
 */
working: string, 
/**
 * What must hold for this line to be claimed.
 */
condition: string | null, 
/**
 * The demand this line computes, if it belongs to one (index into the case's demands).
 */
demand: number | null, };

export type DelayStart = "period_end" | "quality_demand";

export type DelayFact = { 
/**
 * Index into the case's demands.
 */
demand: number, demand_kind: DemandKind, start_rule: DelayStart, start: string, 
/**
 * The last of the fifteen days (the start day not counted, a last day on a rest day moved on); from the day
 * after it, the operator's non-performance may be presumed deliberate.
 */
fifteenth_day: string, exceeded: boolean, 
/**
 * When the consumer confirmed the demand is still not performed; until then no text says it is.
 */
unperformed_confirmed_on: string | null, basis: string, explanation: string, };

export type Remedies = { lines: Array<RemedyLine>, 
/**
 * One per demand whose fifteen days can be dated.
 */
delays: Array<DelayFact>, 
/**
 * Facts the calculator needs but the case lacks (e.g. the price).
 */
missing: Array<string>, 
/**
 * Claims the facts do not support, said plainly (e.g. 惩罚性赔偿 for a statement made after the purchase).
 */
warnings: Array<string>, };

export type FindingCode = "missing_complainant_name" | "missing_complainant_phone" | "missing_complainant_address" | "missing_respondent_name" | "missing_respondent_address" | "no_demand" | "no_facts" | "over_three_years" | "near_three_years" | "not_personal_use" | "parallel_proceeding" | "agent_materials" | "agent_id_missing" | "agent_cannot_complain" | "agent_outside_term" | "identity_check" | "review_factors";

export type RuleRef = { label: string, text: string | null, verified: boolean, };

export type Finding = { code: FindingCode, 
/**
 * True when the complaint would be refused as it stands.
 */
blocking: boolean, rules: Array<RuleRef>, message: string, fix: string, 
/**
 * The case field to fix, as a path (`complainant.phone`), if there is one.
 */
field: string | null, 
/**
 * For the three-year findings: when the consumer knew of the harm, and when three years are up.
 */
known_on: string | null, limit_on: string | null, };

export type LegalReview = { suggestions: Suggestions, remedies: Remedies, filing_date: string, findings: Array<Finding>, };

export type CorrectionView = { label: string, text: string | null, text_verified: boolean, };

export type SourceCitationView = { cited: string, claim: string, verdict: Verdict, explanation: string, corrections: Array<CorrectionView>, };

export type ArticleView = { law: Law, article: Article, };

export type EvidenceId = number;

export type EvidenceItem = { id: EvidenceId, case_id: CaseId, sha256: string, sm3: string, size: number, 
/**
 * Sniffed from the bytes.
 */
content_type: string, original_name: string, description: string | null, 
/**
 * Which app or device, which account.
 */
source: string | null, 
/**
 * When Weiquan imported it (RFC 3339, Beijing time).
 */
imported_at: string, 
/**
 * The time the file states for itself, if any, and which field it came from.
 */
reported_at: string | null, reported_by: string | null, 
/**
 * The interactions it supports.
 */
interactions: Array<InteractionId>, };

export type EvidenceMeta = { description: string | null, source: string | null, interactions: Array<InteractionId>, };

export type EvidenceView = { item: EvidenceItem, thumbnail: string | null, };

export type ImportOutcome = { item: EvidenceItem, 
/**
 * The case already had this exact content; no new item was made (the links were added to it).
 */
duplicate: boolean, warnings: Array<Problem>, };

export type ImportResult = { file: string, outcome: ImportOutcome | null, error: ErrorPayload | null, };

export type Progress = { done: number, total: number, name: string, };

export type VaultProblemKind = "missing" | "altered" | "unreferenced" | "unexpected" | "leftover";

export type VaultProblem = { kind: VaultProblemKind, path: string, sha256: string | null, 
/**
 * The evidence items (by original name) that use this file.
 */
items: Array<string>, detail: string, };

export type VerifyReport = { checked: number, intact: number, problems: Array<VaultProblem>, 
/**
 * Stopped by the user before every file was checked.
 */
cancelled: boolean, };

export type AuditRecord = { seq: number, at: string, case_id: CaseId | null, action: string, detail: string, hash: string, };

export type AuditBreak = { seq: number, reason: string, };

export type AuditReport = { records: number, 
/**
 * The anchors the chain was checked against (the file beside the library, and any given).
 */
anchors_checked: number, 
/**
 * The first record where the chain breaks, and why; None when the whole chain holds.
 */
first_break: AuditBreak | null, };

export type AuditHead = { seq: number, hash: string, };

export type BlockKind = "respondent" | "consumer" | "purchase" | "content" | "demands" | "report";

export type FilingBlock = { kind: BlockKind, title: string, text: string, 
/**
 * Characters (not bytes): what a web form counts.
 */
chars: number, limit: number | null, 
/**
 * The text was shortened to fit the limit.
 */
shortened: boolean, 
/**
 * Still over the limit after every shortening step (the user must cut by hand).
 */
over_limit: boolean, };

export type ManifestEntry = { number: number, 
/**
 * `证据01-下单前聊天截图.png`
 */
file_name: string, description: string, original_name: string, content_type: string, size: number, sha256: string, sm3: string, };

export type PackageReport = { 
/**
 * Every file in the ZIP, in order.
 */
files: Array<string>, manifest_sha256: string, bytes: number, 
/**
 * Images for which a copy under the size limit could not be made (the original is still included).
 */
not_reduced: Array<string>, };

export type Exported = { path: string, bytes: number, };

export type ChannelFact = { 
/**
 * Its place in the channel's facts in the data: the UI's catalog key (`route.channel.<id>.fact.<index>`) stays
 * the same when facts that do not apply to a filing date are left out.
 */
index: number, text: string, 
/**
 * H, M or L, as in the research notes; L facts are shown with 以官方说明为准.
 */
confidence: string, 
/**
 * The filings the fact applies to, by filing date (a procedure rule's dates); none: always.
 */
from?: string | null, until?: string | null, };

export type ComplaintChannel = { id: string, 
/**
 * Whom a written complaint to this channel is addressed to (此致 …); none for the company itself.
 */
addressee: string | null, name: string, contact: string, scope: string, facts: Array<ChannelFact>, };

export type Jurisdiction = "place_of_business" | "ecommerce_domicile" | "shop_address_or_platform" | "platform_domicile";

export type RouteReason = "police_fraud" | "police_reported" | "company_contacted" | "company_first" | "telecom" | "banking_insurance" | "payment" | "aviation" | "postal" | "general" | "general_odr" | "privacy_report" | "consumer_association" | "court" | "court_after_mediation" | "hotline12345";

export type RouteStep = { channel: ComplaintChannel, why: RouteReason, 
/**
 * The values `why`'s catalog text names (`date`: when the company was first contacted).
 */
params: { [key in string]: string }, 
/**
 * Why this step, in this place, for this case (Chinese, for the CLI).
 */
reason: string, 
/**
 * The earliest date this step can be taken (e.g. after the company's time to answer).
 */
from: string | null, 
/**
 * Already done, as far as the case shows.
 */
done: boolean, 
/**
 * For a 12315 complaint filed (or to be filed) from 2026-04-15: which county regulator handles it.
 */
jurisdiction: Jurisdiction | null, };

export type ClockKind = "limitation" | "demand_15_days" | "performance_due" | "return_7_days" | "operator_15_days" | "institution_15_days" | "airline_10_working_days" | "acceptance_7_working_days" | "odr_10_working_days" | "miit_acceptance_5_working_days" | "postal_reply_30_days" | "mediation_60_days" | "mediation_45_working_days" | "termination_notice_7_working_days";

export type ClockState = "running" | "due_soon" | "passed" | "met";

export type Clock = { id: ClockKind, 
/**
 * The values the UI's catalog text for this clock names (dates as `YYYY-MM-DD`, a demand as its kind).
 */
params: { [key in string]: string }, label: string, due: string, state: ClockState, 
/**
 * The rule the date comes from.
 */
rule: string, explanation: string, 
/**
 * Years without official holiday data that the count passed through (Monday–Friday assumed).
 */
assumed_years: Array<number>, };

export type Upcoming = { case_id: CaseId, title: string, clock: Clock, };

export type LibraryDeadlines = { 
/**
 * Clocks of open cases that end within two weeks or ended in the last week, soonest first.
 */
soon: Array<Upcoming>, 
/**
 * Each open case's next clock still running (or due soon), for its row in the case list.
 */
next: Array<Upcoming>, };

export type EventKind = "filed" | "accepted" | "refused" | "mediation_started" | "company_reply" | "resolved" | "mediation_ended" | "withdrawn" | "police_report" | "testing_started" | "testing_ended";

export type CaseEvent = { kind: EventKind, date: string, 
/**
 * The channel it happened in (an id of the channel table, e.g. `12315`, `miit_telecom`).
 */
channel: string | null, 
/**
 * 登记编号 or the notice's reference.
 */
reference: string | null, note: string | null, 
/**
 * SHA-256 of the case's evidence item this event rests on (e.g. the notice screenshot).
 */
evidence: string | null, };

export type Outlook = { waiting: Waiting | null, route: Array<RouteStep>, clocks: Array<Clock>, };

export type Waiting = { channel: ComplaintChannel, filed_on: string, reference: string | null, };

export type AgentPower = "complain" | "mediate" | "receive_documents";

export type Agent = { name: string, 
/**
 * 身份证号 of the agent: the 受托人身份证明 the filing needs.
 */
id_number: string | null, phone: string | null, 
/**
 * The organisation the agent works with (a legal-aid centre, a consumer association), if any.
 */
organisation: string | null, 
/**
 * What the agent may do, in this order on the 授权委托书.
 */
powers: Array<AgentPower>, 
/**
 * The term of the authorisation (期限): from, and until (inclusive).
 */
term_from: string | null, term_until: string | null, };

export type Workspace = { 
/**
 * Sorted, each once.
 */
tags: Array<string>, 
/**
 * 经办人: the volunteer handling the case.
 */
handled_by: string | null, 
/**
 * Notes for the library only: never in a dossier or a 12315 text; in a bundle only when asked for.
 */
private_notes: string | null, 
/**
 * What the consumer got back in the end (refund, compensation), for the organisation's figures.
 */
recovered: Money | null, };

export type ReadTurn = { speaker: "me" | "agent" | "system", text: string, 
/**
 * RFC 3339, from the time separator above the turn; `None` before the first one.
 */
time: string | null, 
/**
 * `stated`, `year_from_reference` or `relative_to_reference` (the date was counted from the file's time).
 */
time_basis: string | null, confidence: number, 
/**
 * Characters (by position) the reader was unsure of.
 */
low_confidence: Array<number>, 
/**
 * x, y, w, h on the picture.
 */
rect: [number, number, number, number], };

export type ReadState = "pending" | "done" | "failed";

export type ScreenshotText = { item: EvidenceId, state: ReadState, turns: Array<ReadTurn>, 
/**
 * The user corrected and saved the turns; until then they are machine-read.
 */
confirmed: boolean, read_at: string | null, 
/**
 * Why the image could not be read.
 */
error: string | null, 
/**
 * Turns (by position) at the start or end that repeat the end or start of a screenshot of the same case already
 * confirmed: the overlap of two captures of one conversation, which must not become contacts twice.
 */
repeated: Array<number>, };

export type ReadingStatus = { pending: number, done: number, failed: number, };

export type ConfirmedTurn = { speaker: "me" | "agent" | "system", text: string, time: string | null, 
/**
 * The box on the picture of the turn(s) it was made from, if any.
 */
rect: [number, number, number, number] | null, };

export type SavedTurns = { added: Array<InteractionId>, matched: Array<InteractionId>, };

export type CaseloadSort = "updated" | "next_deadline";

export type CaseloadFilter = { search: string | null, status: CaseStatus | null, industry: Industry | null, 
/**
 * At least one contact with this problem.
 */
problem: ProblemKind | null, 
/**
 * The next deadline still running ends within this many days (0: today).
 */
due_within_days: number | null, tag: string | null, handled_by: string | null, sort: CaseloadSort, };

export type CaseloadRow = { case: CaseSummary, tags: Array<string>, handled_by: string | null, 
/**
 * The open case's next deadline still running, if any.
 */
next: Clock | null, };

export type Caseload = { rows: Array<CaseloadRow>, 
/**
 * Every tag in the library, sorted.
 */
all_tags: Array<string>, 
/**
 * Every 经办人 in the library, sorted.
 */
all_handlers: Array<string>, };

export type Count = { key: string, label: string, cases: number, };

export type Span = { 
/**
 * How many cases have both moments.
 */
cases: number, average_days: number | null, longest_days: number | null, };

export type Stats = { cases: number, by_industry: Array<Count>, by_status: Array<Count>, 
/**
 * Cases with at least one contact of each problem kind.
 */
by_problem: Array<Count>, 
/**
 * Cases filed with each channel (a case filed twice counts once per channel).
 */
by_channel: Array<Count>, 
/**
 * Cases with each outcome event (resolved, mediation ended, refused, withdrawn).
 */
by_outcome: Array<Count>, first_contact_to_filing: Span, first_contact_to_result: Span, 
/**
 * Cases with a recovered amount in their workspace, and the sum of those amounts.
 */
recovered_cases: number, recovered_total: Money, };

export type Honorific = "ms" | "mr" | "unstated";

export type PublicOptions = { honorific: Honorific, 
/**
 * Keys of masks to leave unmasked.
 */
unmask: Array<string>, 
/**
 * More text to mask (a colleague's name, a street…), each replaced by ＊＊＊.
 */
extra: Array<string>, };

export type Mask = { 
/**
 * `name`, `phone`, `id_number`, `address`, `order_no`, `ticket:3`, `agent_name`, `found:1`, `extra:0`…
 */
key: string, label: string, original: string, masked: string, applied: boolean, };

export type PublicPreview = { masks: Array<Mask>, 
/**
 * The plain text for a post, masked.
 */
text: string, 
/**
 * Image evidence left out.
 */
images_left_out: number, };

export type Part = { 
/**
 * `crate` (Rust, compiled in), `library` (C, compiled in from a crate's copy of its source), `npm` (in the window's
 * script) or `model` (the screenshot reader's, built in).
 */
kind: string, name: string, version: string, 
/**
 * The SPDX expression the part declares.
 */
license: string, repository: string | null, };

export type About = { version: string, library: LibraryInfo, 
/**
 * `Noto Sans CJK SC (/usr/share/fonts/…, face 2)`, or why there is none.
 */
font: string, font_found: boolean, 
/**
 * The licence the font file states for itself, if it states one.
 */
font_licence: string | null, parts: Array<Part>, };

export const CASE_STATUSES: readonly CaseStatus[] = ["draft", "filed", "accepted", "mediating", "closed"];

export const INDUSTRIES: readonly Industry[] = ["ecommerce", "telecom", "banking_insurance", "payment", "aviation", "postal_express", "transport", "food", "other"];

export const CHANNELS: readonly Channel[] = ["phone", "online_chat", "app", "email", "sms", "in_person", "social_media", "other"];

export const PROBLEM_KINDS: readonly ProblemKind[] = ["irrelevant_answer", "false_information", "concealment", "privacy_violation", "induced_harm", "delayed_handling", "no_human_agent", "unfair_terms"];

export const DEMAND_KINDS: readonly DemandKind[] = ["refund", "return", "replacement", "repair", "compensation", "punitive_damages", "apology", "correction", "delete_personal_data", "other"];

export const LINK_SENDERS: readonly LinkSender[] = ["official", "impostor", "unknown"];

export const SUPPLY_KINDS: readonly SupplyKind[] = ["goods", "service"];

export const PARALLEL_PROCEEDINGS: readonly ParallelProceeding[] = ["court", "arbitration", "regulator", "consumer_association", "mediation"];

export const EVENT_KINDS: readonly EventKind[] = ["filed", "accepted", "refused", "mediation_started", "company_reply", "resolved", "mediation_ended", "withdrawn", "police_report", "testing_started", "testing_ended"];

export const ERROR_CODES: readonly ErrorCode[] = ["database", "io", "database_too_new", "migration_failed", "case_not_found", "invalid_input", "corrupt_data", "not_found", "font_missing", "internal"];

export const CLOCK_KINDS: readonly ClockKind[] = ["limitation", "demand_15_days", "performance_due", "return_7_days", "operator_15_days", "institution_15_days", "airline_10_working_days", "acceptance_7_working_days", "odr_10_working_days", "miit_acceptance_5_working_days", "postal_reply_30_days", "mediation_60_days", "mediation_45_working_days", "termination_notice_7_working_days"];

export const ROUTE_REASONS: readonly RouteReason[] = ["police_fraud", "police_reported", "company_contacted", "company_first", "telecom", "banking_insurance", "payment", "aviation", "postal", "general", "general_odr", "privacy_report", "consumer_association", "court", "court_after_mediation", "hotline12345"];

export const JURISDICTIONS: readonly Jurisdiction[] = ["place_of_business", "ecommerce_domicile", "shop_address_or_platform", "platform_domicile"];

export const AGENT_POWERS: readonly AgentPower[] = ["complain", "mediate", "receive_documents"];
