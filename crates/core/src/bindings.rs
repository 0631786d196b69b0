//! TypeScript declarations of every type that crosses IPC, generated from the Rust types with ts-rs. The desktop UI
//! imports them from `ui/src/ipc/bindings.ts`, which is committed; a test regenerates the file and fails when the
//! committed one is stale (`make bindings` rewrites it).

use ts_rs::{Config, TS};

use crate::about::{About, Part};
use crate::deadlines::clocks::{Clock, ClockKind, ClockState, LibraryDeadlines, Upcoming};
use crate::deadlines::route::{ChannelFact, ComplaintChannel, Jurisdiction, RouteReason, RouteStep};
use crate::deadlines::{Outlook, Waiting};
use crate::dossier::public::{Honorific, Mask, PublicOptions, PublicPreview};
use crate::dossier::{BlockKind, Exported, FilingBlock, ManifestEntry, PackageReport};
use crate::evidence::EvidenceId;
use crate::exchange::EvidenceRef;
use crate::legal::precheck::{Finding, FindingCode, RuleRef};
use crate::legal::remedies::{DelayFact, DelayStart, Remedies, RemedyKind, RemedyLine};
use crate::legal::{
    AdviceItem, Article, ArticleView, CorrectionView, Law, LegalReview, OpenQuestion, QuestionKind, SourceCitationView,
    Strength, SuggestedBasis, Suggestions, Verdict,
};
use crate::model::{
    Agent, AgentPower, Case, CaseData, CaseDetails, CaseEvent, CaseFacts, CaseId, CaseStatus, CaseSummary, Channel,
    Complainant, Demand, DemandId, DemandKind, EventKind, Industry, Interaction, InteractionId, LinkSender, Money,
    ParallelProceeding, ProblemKind, Purchase, Respondent, Saved, StatusChange, SupplyKind,
};
use crate::store::{
    AuditBreak, AuditHead, AuditRecord, AuditReport, BackupSummary, BundleReport, CaseFace, Caseload, CaseloadFilter,
    CaseloadRow, CaseloadSort, Count, Differences, EvidenceItem, EvidenceMeta, EvidenceView, ImportOutcome,
    ImportResult, LawHit, LibraryInfo, OpenedBundle, Progress, SameCase, SameCaseChoice, Span, Stats, VaultProblem,
    VaultProblemKind, VerifyReport, Workspace,
};
use crate::store::{ConfirmedTurn, ReadState, ReadTurn, ReadingStatus, SavedTurns, ScreenshotText};
use crate::{ErrorCode, ErrorPayload, Problem};

/// Path of the generated file, relative to the workspace root.
pub const BINDINGS_PATH: &str = "ui/src/ipc/bindings.ts";

macro_rules! decls {
    ($cfg:expr; $($t:ty),+ $(,)?) => {
        vec![$(format!("export {}", <$t as TS>::decl($cfg))),+]
    };
}

/// The whole generated file.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls: Vec<String> = decls![&cfg;
        CaseId, InteractionId, DemandId, Money, CaseStatus, Industry, Channel, ProblemKind, DemandKind, LinkSender, ParallelProceeding,
        SupplyKind, CaseFacts, Complainant, Respondent, Purchase, Interaction, Demand, StatusChange, CaseData, CaseDetails, Case, CaseSummary,
        Saved, LibraryInfo, BackupSummary, BundleReport, Differences, CaseFace, SameCase, SameCaseChoice, OpenedBundle, EvidenceRef, Problem, ErrorPayload, ErrorCode,
        Strength, Verdict, Law, Article, LawHit, SuggestedBasis, AdviceItem, QuestionKind, OpenQuestion, Suggestions,
        RemedyKind, RemedyLine, DelayStart, DelayFact, Remedies, FindingCode, RuleRef, Finding, LegalReview, CorrectionView, SourceCitationView, ArticleView,
        EvidenceId, EvidenceItem, EvidenceMeta, EvidenceView, ImportOutcome, ImportResult, Progress, VaultProblemKind,
        VaultProblem, VerifyReport, AuditRecord, AuditBreak, AuditReport, AuditHead,
        BlockKind, FilingBlock, ManifestEntry, PackageReport, Exported,
        ChannelFact, ComplaintChannel, Jurisdiction, RouteReason, RouteStep, ClockKind, ClockState, Clock, Upcoming, LibraryDeadlines, EventKind, CaseEvent, Outlook, Waiting,
        AgentPower, Agent, Workspace, ReadTurn, ReadState, ScreenshotText, ReadingStatus, ConfirmedTurn, SavedTurns, CaseloadSort, CaseloadFilter, CaseloadRow, Caseload, Count, Span, Stats,
        Honorific, PublicOptions, Mask, PublicPreview, Part, About,
    ];
    let mut out = String::from(
        "// Generated from the Rust types in crates/core by `make bindings` (weiquan_core::bindings).\n\
         // Do not edit by hand: a test fails when this file differs from what the Rust types generate.\n\n",
    );
    for d in decls {
        out.push_str(&d);
        out.push_str("\n\n");
    }
    // Runtime lists of each closed set, in Rust's order, for selects and for the i18n completeness test.
    macro_rules! values {
        ($name:literal, $ty:ident) => {
            (
                $name,
                stringify!($ty),
                $ty::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>(),
            )
        };
    }
    let sets = [
        values!("CASE_STATUSES", CaseStatus),
        values!("INDUSTRIES", Industry),
        values!("CHANNELS", Channel),
        values!("PROBLEM_KINDS", ProblemKind),
        values!("DEMAND_KINDS", DemandKind),
        values!("LINK_SENDERS", LinkSender),
        values!("SUPPLY_KINDS", SupplyKind),
        values!("PARALLEL_PROCEEDINGS", ParallelProceeding),
        values!("EVENT_KINDS", EventKind),
        values!("ERROR_CODES", ErrorCode),
        values!("CLOCK_KINDS", ClockKind),
        values!("ROUTE_REASONS", RouteReason),
        values!("JURISDICTIONS", Jurisdiction),
        values!("AGENT_POWERS", AgentPower),
    ];
    for (name, ty, values) in &sets {
        let quoted: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
        out.push_str(&format!(
            "export const {name}: readonly {ty}[] = [{}];\n\n",
            quoted.join(", ")
        ));
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
