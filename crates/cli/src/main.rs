//! `weiquan` — the command-line front end over weiquan-core, for scripting, batch work and black-box tests.
//! It opens the same database as the desktop app unless `--db` names another. Every subcommand has `--json`
//! for machine output; failures exit non-zero with a message that says what, where and why.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[macro_use]
mod term;
mod entries;
mod evidence;
mod legal;
mod volunteer;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use serde_json::json;
use weiquan_core::model::{Case, CaseId};
use weiquan_core::store::Store;
use weiquan_core::{exchange, Error, Problem};

#[derive(Debug, Parser)]
#[command(
    name = "weiquan",
    version,
    about = "维权卷宗 — log customer-service failures and build a complaint"
)]
struct Cli {
    /// The case library (SQLite file). Default: $WEIQUAN_DB, else the OS data folder (shared with the app).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print machine-readable JSON on standard output.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Work with cases.
    #[command(subcommand)]
    Case(CaseCommand),
    /// Evidence files: add, list, verify.
    #[command(subcommand)]
    Evidence(EvidenceCommand),
    /// A case's contacts with customer service, one at a time, by the id `case show` prints.
    #[command(subcommand)]
    Interaction(entries::InteractionCommand),
    /// A case's demands (退款, 赔偿…), one at a time, by the id `case show` prints.
    #[command(subcommand)]
    Demand(entries::DemandCommand),
    /// The 授权委托书 (power of attorney) of a case with an agent, as a PDF for the consumer to sign.
    Authorisation(volunteer::AuthorisationArgs),
    /// The 公开版 for public platforms (黑猫投诉, social media): personal data masked, images left out. `--preview`
    /// prints every mask (original → masked) and the text without writing anything.
    Public(volunteer::PublicArgs),
    /// Export the complaint dossier as a PDF.
    Dossier {
        /// The case id (as `case list` prints it).
        case: i64,
        /// The PDF to write.
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// The export time printed in the dossier (RFC 3339; default: now). Equal input and time give equal bytes.
        #[arg(long, value_name = "TIME")]
        at: Option<chrono::DateTime<chrono::FixedOffset>>,
    },
    /// The case as copy-ready blocks for the 12315 complaint form, each with its character count.
    FilingText {
        /// The case id (as `case list` prints it).
        case: i64,
        /// A length limit for a block, e.g. `--limit content=500` (repeatable; blocks: respondent, consumer,
        /// purchase, content, demands, report; 0 removes a block's limit). The library remembers the limits for
        /// next time, in the app too; none are set until you set them.
        #[arg(long = "limit", value_name = "BLOCK=N")]
        limits: Vec<String>,
    },
    /// The evidence package: the dossier, every original named by exhibit, and a manifest with hashes (ZIP).
    Package {
        /// The case id (as `case list` prints it).
        case: i64,
        /// The ZIP to write.
        #[arg(long, value_name = "FILE.zip")]
        out: PathBuf,
        /// Also add reduced copies of images larger than this many KB (for upload forms), next to the originals.
        #[arg(long, value_name = "N")]
        max_image_kb: Option<u64>,
        /// The export time (RFC 3339; default: now).
        #[arg(long, value_name = "TIME")]
        at: Option<chrono::DateTime<chrono::FixedOffset>>,
    },
    /// Build a sample case with image evidence from nothing and export its dossier, 12315 text and package.
    Demo {
        /// The folder to write the sample library and its outputs into.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// The time printed in the outputs (RFC 3339; default: now).
        #[arg(long, value_name = "TIME")]
        at: Option<chrono::DateTime<chrono::FixedOffset>>,
    },
    /// Where to complain next, in order, with the reason for each step.
    Route {
        /// The case id (as `case list` prints it).
        case: i64,
        /// The day to plan from (default: today in Beijing time).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<NaiveDate>,
    },
    /// The case's clocks (time limits), soonest first, each with its rule.
    Deadlines {
        /// The case id (as `case list` prints it).
        case: i64,
        /// The day to count from (default: today in Beijing time).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<NaiveDate>,
    },
    /// The audit log of every change.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Legal bases, the law library, the filing pre-check.
    #[command(subcommand)]
    Legal(LegalCommand),
    /// Where the library is and what it holds.
    Info,
    /// Read chat screenshots back into turns (我 / 客服 / time separators), offline, for checking against the
    /// pictures: machine-read text, never evidence by itself. Reads the files and writes nothing.
    Transcript {
        /// Screenshots of one conversation, in order (turns repeated at the top of the next one are left out).
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Left-hand bubbles are 我 and right-hand ones 客服 (for an app that does it the other way round).
        #[arg(long)]
        flip: bool,
    },
    /// Figures for an organisation's report: cases by industry, status, problem, channel and outcome, and the days
    /// from the first contact to filing and to a result.
    Stats {
        /// As CSV for a spreadsheet (`dimension,key,label,cases`, then the spans).
        #[arg(long, conflicts_with = "json")]
        csv: bool,
    },
    /// Back up the whole library (database and evidence files) into one ZIP.
    Backup {
        /// The ZIP to write.
        out: PathBuf,
    },
    /// Replace the library with a backup; what is there now is saved first as <db>.before-restore-<time>.zip.
    Restore {
        /// The backup ZIP (as `weiquan backup` or the app wrote it).
        file: PathBuf,
        /// Do not ask first.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Subcommand)]
enum EvidenceCommand {
    /// Import files into a case's evidence (originals are kept byte for byte).
    Add {
        /// The case id.
        case: i64,
        /// The files (screenshots, chat exports, recordings, receipts).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Which contact the files support: its id as `case show` prints it (#57 or 57); repeatable.
        #[arg(long = "interaction", value_name = "ID")]
        interactions: Vec<String>,
        /// What the files show, in your words (e.g. 客服承诺24小时退款).
        #[arg(long)]
        description: Option<String>,
        /// Which app or device, which account.
        #[arg(long)]
        source: Option<String>,
    },
    /// List a case's evidence with hashes and times.
    List {
        /// The case id.
        case: i64,
    },
    /// Say which contact a file supports: `evidence link 3 1a2b3c4d --interaction 57` (SHA-256 or 8+ digits of it).
    Link {
        /// The case id.
        case: i64,
        /// The file's SHA-256, or its first 8 or more hex digits (as `evidence list` prints it).
        sha256: String,
        /// The contact's id as `case show` prints it (#57 or 57).
        #[arg(long = "interaction", value_name = "ID", required = true)]
        interaction: String,
    },
    /// Take a file off a contact it was linked to by mistake.
    Unlink {
        /// The case id.
        case: i64,
        /// The file's SHA-256, or its first 8 or more hex digits.
        sha256: String,
        /// The contact's id as `case show` prints it (#57 or 57).
        #[arg(long = "interaction", value_name = "ID", required = true)]
        interaction: String,
    },
    /// Change what a file is described as (an empty text removes the description).
    Describe {
        /// The case id.
        case: i64,
        /// The file's SHA-256, or its first 8 or more hex digits.
        sha256: String,
        /// The new description.
        text: String,
    },
    /// Re-hash the vault (one case, or everything) and report missing, altered and stray files.
    Verify {
        /// Only this case's files (default: the whole library).
        case: Option<i64>,
    },
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Check the hash chain of the audit log against its anchors (the file beside the library, and any --anchor);
    /// with a case, also list that case's records.
    Verify {
        /// Only this case (default: the whole log).
        case: Option<i64>,
        /// An anchor from elsewhere, `N:SHA256` as printed on a dossier's cover (操作记录锚点) or in a backup's
        /// manifest; may be repeated. The log must still hold that record, unchanged.
        #[arg(long = "anchor", value_name = "N:SHA256")]
        anchors: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
enum LegalCommand {
    /// The legal bases for each logged problem, with verbatim texts, and what they let you claim.
    Suggest {
        /// The case id (as `case list` prints it).
        id: i64,
        /// The reference date for day counts (default: today in Beijing time).
        #[arg(long, value_name = "YYYY-MM-DD")]
        today: Option<NaiveDate>,
    },
    /// Full-text search of the statutes (Chinese phrases work).
    Search {
        /// The words to look for.
        text: String,
        /// At most this many results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// One article, verbatim: `legal show 消法 20`, `legal show 消法 第二十条第二款`, `legal show 消法 56-1-8`.
    Show {
        /// The law: its short name (消法, 处罚办法…) or full title.
        law: String,
        /// The article: 20, 第二十条第二款, 56-1-8.
        article: String,
    },
    /// The filing pre-check: what would get a 12315 complaint refused, and what to fix.
    Check {
        /// The case id (as `case list` prints it).
        id: i64,
        /// The filing date that decides which procedure rule applies (default: the case's filing date, else today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        filing_date: Option<NaiveDate>,
    },
    /// The source article's citations with their verdicts and corrections.
    ArticleCitations,
    /// Put a suggested basis into the dossier (e.g. a supporting one): `legal include 3 false-info/xf20-1`.
    Include {
        /// The case id (as `case list` prints it).
        id: i64,
        /// The rule id, as `legal suggest --json` lists it.
        rule: String,
    },
    /// Leave a suggested basis out of the dossier and the 12315 text.
    Exclude {
        /// The case id (as `case list` prints it).
        id: i64,
        /// The rule id, as `legal suggest --json` lists it.
        rule: String,
    },
}

#[derive(Debug, Subcommand)]
enum CaseCommand {
    /// Import a weiquan.case/1 JSON document as a new case; prints its id.
    Import {
        /// The weiquan.case/1 document (its evidence files beside it, named by relative paths).
        file: PathBuf,
    },
    /// List cases, most recently changed first (or by next deadline), with filters for a caseload.
    List(volunteer::ListArgs),
    /// The library's own notes on a case — tags, 经办人, private notes, money recovered — changed and printed.
    Workspace(volunteer::WorkspaceArgs),
    /// Who files for the consumer under her 授权委托书 (委托代理人), or `--remove`.
    Agent(volunteer::AgentArgs),
    /// Show one case: its facts, every contact (#id) and demand (#id) with the evidence linked to it, and events.
    Show {
        /// The case id.
        id: i64,
    },
    /// The warnings of a case: those its facts raise now and those its import gave; `--clear` marks the import's
    /// as read.
    Warnings {
        /// The case id.
        id: i64,
        /// Remove the import's warnings once you have read them (the facts' own stay until the facts are fixed).
        #[arg(long)]
        clear: bool,
    },
    /// Write a case as a weiquan.case/1 document ("-" for standard output).
    Export {
        /// The case id (as `case list` prints it).
        id: i64,
        /// The document to write ("-" for standard output when the case has no evidence files).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Write the case as one `.wqcase` file to hand to a volunteer (or back): the case, every original, the audit
    /// records and a manifest with hashes. Prints the verification code both sides can compare.
    Bundle {
        /// The case id (as `case list` prints it).
        id: i64,
        /// The bundle to write (F.wqcase).
        #[arg(long, value_name = "FILE.wqcase")]
        out: PathBuf,
        /// Include the case's private notes (`case workspace --notes`); left out unless given.
        #[arg(long)]
        with_notes: bool,
    },
    /// Open a `.wqcase` bundle as a new case after checking every file, hash and audit record in it; prints the new
    /// case's id and the verification code to compare with the sender's.
    Open {
        /// The bundle received.
        file: PathBuf,
        /// When the library already holds this case: make that case what the bundle says (its id, as printed).
        #[arg(long, value_name = "ID", conflicts_with = "keep_both")]
        update: Option<i64>,
        /// When the library already holds this case: keep it and add the bundle's as another case.
        #[arg(long)]
        keep_both: bool,
    },
    /// Record what happened: filed, accepted, refused, mediation_started, company_reply, resolved, mediation_ended,
    /// withdrawn, or police_report (报警回执: not a complaint, the status stays). The case's status follows. An
    /// acceptance, refusal, mediation, result or withdrawal needs a `filed` before it (same channel, not later).
    Event {
        /// The case id (as `case list` prints it).
        id: i64,
        /// What happened (filed, accepted, refused, mediation_started, company_reply, resolved, mediation_ended, withdrawn, police_report).
        kind: String,
        /// The day it happened.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: NaiveDate,
        /// The channel (default for `filed`: 12315), e.g. miit_telecom, 12378, consumer_association.
        #[arg(long)]
        channel: Option<String>,
        /// 登记编号 or the notice's reference.
        #[arg(long = "ref")]
        reference: Option<String>,
        /// Anything else worth recording.
        #[arg(long)]
        note: Option<String>,
        /// SHA-256 of one of the case's evidence files this event rests on (the notice screenshot).
        #[arg(long, value_name = "SHA256")]
        evidence: Option<String>,
    },
    /// Correct fields of a case: `case edit 3 --set respondent.name=某公司 --set purchase.amount=199.00
    /// --set facts.quality_defect=true`. `true`/`false` are yes/no, an empty VALUE clears an optional field, anything
    /// else is text (money as 199.00, dates as 2026-09-05). Nothing is written unless every change is valid.
    Edit {
        /// The case id (as `case list` prints it).
        id: i64,
        /// FIELD=VALUE; FIELD is a dotted path of the case form (an unknown one is refused with the list).
        #[arg(long = "set", value_name = "FIELD=VALUE", required = true)]
        sets: Vec<String>,
    },
    /// Delete a case (asks first unless --yes).
    Delete {
        /// The case id (as `case list` prints it).
        id: i64,
        /// Do not ask first.
        #[arg(long)]
        yes: bool,
    },
}

/// A failure with its exit code.
struct Failure {
    code: u8,
    error: Error,
    /// The JSON output already says what failed (a check's findings, a verification's report): no second JSON
    /// document for the error.
    reported: bool,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        let code = match &error {
            Error::Invalid(_) => 3,
            Error::CaseNotFound(_) | Error::NotFound(_) => 4,
            Error::DatabaseTooNew { .. } => 5,
            _ => 1,
        };
        Failure {
            code,
            error,
            reported: false,
        }
    }
}

fn main() -> ExitCode {
    // `weiquan case list | head`: a reader that stops early closes the pipe; printing then fails, and Rust's print
    // macros panic on that. That is the reader's choice, not an error: end quietly, as other command-line tools do.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default_hook(info);
    }));
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            if cli.json && !f.reported {
                outln!("{}", json!({ "error": f.error.payload() }));
            }
            errln!("weiquan: {}", f.error);
            ExitCode::from(f.code)
        }
    }
}

fn open(cli: &Cli) -> Result<Store, Failure> {
    let path = cli.db.clone().unwrap_or_else(weiquan_core::paths::default_db_path);
    let store = Store::open(&path)?;
    if let Some(b) = store.migration_backup() {
        errln!(
            "weiquan: the library was upgraded; the previous version is kept at {}",
            b.display()
        );
    }
    Ok(store)
}

/// The working-day calendar: the built-in data, replaced by `holidays.json` beside the library if one was dropped in.
fn calendar(store: &Store) -> Result<weiquan_core::calendar::Calendar, Failure> {
    Ok(weiquan_core::calendar::Calendar::for_library(store.path())?)
}

fn print_warnings(warnings: &[Problem]) {
    for w in warnings {
        errln!("weiquan: warning: {w}");
    }
}

fn run(cli: &Cli) -> Result<(), Failure> {
    match &cli.command {
        Command::Transcript { files, flip } => {
            let now = weiquan_core::clock::now();
            let options = weiquan_core::transcript::Options { flip_sides: *flip };
            // One picture decoded at a time: each is read and let go before the next is opened.
            let mut reading = weiquan_core::transcript::Reading::new(options)?;
            for f in files {
                reading.add(&weiquan_core::transcript::read_file(f, now)?)?;
            }
            let t = reading.finish();
            if cli.json {
                outln!("{}", json!(t));
            } else {
                for turn in &t.turns {
                    let who = match turn.speaker {
                        weiquan_core::transcript::Speaker::Me => term::say("我".into(), "me".into()),
                        weiquan_core::transcript::Speaker::Agent => term::say("客服".into(), "agent".into()),
                        weiquan_core::transcript::Speaker::System => {
                            outln!("\n—— {} ——", turn.text);
                            continue;
                        }
                    };
                    let marks = if turn.low_confidence.is_empty() {
                        String::new()
                    } else {
                        term::say(
                            format!("  （{} 处待核对）", turn.low_confidence.len()),
                            format!("  ({} to check)", turn.low_confidence.len()),
                        )
                    };
                    outln!("{who}：{}{marks}", turn.text);
                }
                if t.overlaps_removed > 0 {
                    errln!(
                        "{}",
                        term::say(
                            format!("（相邻截图重叠的 {} 条已略去）", t.overlaps_removed),
                            format!("({} turns repeated across screenshots left out)", t.overlaps_removed)
                        )
                    );
                }
            }
        }
        Command::Info => {
            let info = open(cli)?.info()?;
            if cli.json {
                outln!("{}", json!(info));
            } else {
                outln!(
                    "library: {}\nschema level: {}\ncases: {}\ndossier font: {}",
                    info.db_path,
                    info.schema_level,
                    info.case_count,
                    match weiquan_core::dossier::cjk_font() {
                        Ok(f) => f.describe(),
                        Err(e) => e.to_string(),
                    }
                );
            }
        }
        Command::Stats { csv } => {
            let stats = open(cli)?.stats()?;
            if *csv {
                let bytes = weiquan_core::store::stats_csv(&stats)?;
                out!("{}", String::from_utf8_lossy(&bytes));
            } else if cli.json {
                outln!("{}", json!(stats));
            } else {
                outln!(
                    "{}",
                    term::say(format!("案件共 {} 件", stats.cases), format!("{} cases", stats.cases))
                );
                for (zh, en, list) in [
                    ("行业", "industry", &stats.by_industry),
                    ("状态", "status", &stats.by_status),
                    ("问题类型", "problem", &stats.by_problem),
                    ("投诉渠道", "channel filed with", &stats.by_channel),
                    ("结果", "outcome", &stats.by_outcome),
                ] {
                    outln!("\n{}", term::say(zh.into(), en.into()));
                    for c in list {
                        outln!("  {:>6}  {}", c.cases, c.label);
                    }
                }
                for (zh, en, sp) in [
                    (
                        "首次沟通到投诉",
                        "first contact to filing",
                        &stats.first_contact_to_filing,
                    ),
                    (
                        "首次沟通到结果",
                        "first contact to a result",
                        &stats.first_contact_to_result,
                    ),
                ] {
                    outln!(
                        "\n{}：{}",
                        term::say(zh.into(), en.into()),
                        match (sp.average_days, sp.longest_days) {
                            (Some(a), Some(l)) => term::say(
                                format!("{} 件，平均 {a:.1} 日，最长 {l} 日", sp.cases),
                                format!("{} cases, {a:.1} days on average, {l} at most", sp.cases)
                            ),
                            _ => term::say("没有这样的案件".into(), "no such cases".into()),
                        }
                    );
                }
            }
        }
        Command::Backup { out } => {
            let summary = open(cli)?.write_backup(out)?;
            if cli.json {
                outln!("{}", json!(summary));
            } else {
                errln!(
                    "backed up {} cases and {} evidence files to {} ({} bytes)",
                    summary.case_count,
                    summary.evidence_files,
                    summary.path,
                    summary.bytes
                );
            }
        }
        Command::Restore { file, yes } => {
            let mut store = open(cli)?;
            if !yes
                && !confirm(&term::say(
                    format!(
                        "用备份 {} 替换 {} 处的案件库吗？（现有的会先另存一份）[y/N] ",
                        file.display(),
                        store.path().display()
                    ),
                    format!(
                        "Replace the library at {} with the backup {}? (the current one is saved first) [y/N] ",
                        store.path().display(),
                        file.display()
                    ),
                ))?
            {
                return Err(Failure {
                    code: 6,
                    error: Error::invalid(
                        "",
                        term::say(
                            "没有恢复：请回答 y 确认，或加上 --yes".into(),
                            "not restored: confirm with y, or pass --yes".into(),
                        ),
                    ),
                    reported: false,
                });
            }
            let safety = store.restore_backup(file)?;
            let info = store.info()?;
            if cli.json {
                outln!("{}", json!({ "restored": info, "previous_saved_to": safety.path }));
            } else {
                errln!(
                    "restored {} cases; the library as it was is saved in {}",
                    info.case_count,
                    safety.path
                );
            }
        }
        Command::Case(cmd) => case(cli, cmd)?,
        Command::Legal(cmd) => legal::run(cli, cmd)?,
        Command::Evidence(cmd) => evidence::run(cli, cmd)?,
        Command::Audit(cmd) => evidence::audit(cli, cmd)?,
        Command::Interaction(cmd) => entries::interaction(cli, cmd)?,
        Command::Demand(cmd) => entries::demand(cli, cmd)?,
        Command::FilingText { case, limits } => {
            let mut store = open(cli)?;
            let mut map = weiquan_core::dossier::remembered_limits(&store)?;
            for l in limits {
                let parsed = l
                    .split_once('=')
                    .and_then(|(k, n)| Some((weiquan_core::dossier::BlockKind::parse(k)?, n.parse::<usize>().ok()?)));
                let (k, n) = parsed.ok_or_else(|| {
                    Error::invalid(
                        "--limit",
                        format!(
                            "{l:?} is not BLOCK=N (blocks: respondent, consumer, purchase, content, demands, report)"
                        ),
                    )
                })?;
                if n == 0 {
                    map.remove(&k);
                } else {
                    map.insert(k, n);
                }
            }
            let data = store.get_case(CaseId(*case))?.data;
            if !limits.is_empty() {
                weiquan_core::dossier::remember_limits(&mut store, &map)?;
                let list: Vec<String> = map.iter().map(|(k, n)| format!("{}={n}", k.as_str())).collect();
                errln!(
                    "{}",
                    term::say(
                        format!(
                            "已记住字数限制：{}（下次不必再给 --limit；BLOCK=0 取消）",
                            if list.is_empty() {
                                "无".to_owned()
                            } else {
                                list.join(", ")
                            }
                        ),
                        format!(
                            "limits remembered: {} (no --limit needed next time; BLOCK=0 removes one)",
                            if list.is_empty() {
                                "none".to_owned()
                            } else {
                                list.join(", ")
                            }
                        )
                    )
                );
            }
            let blocks = weiquan_core::dossier::filing_text(&data, &map, weiquan_core::clock::today());
            if cli.json {
                outln!("{}", json!(blocks));
            } else {
                for b in blocks {
                    let limit = b.limit.map_or(String::new(), |l| format!(" / 限 {l} 字"));
                    let note = if b.over_limit {
                        "，仍超出限制，请手动删减"
                    } else if b.shortened {
                        "，已按限制精简"
                    } else {
                        ""
                    };
                    outln!("【{}】（{} 字{limit}{note}）\n{}\n", b.title, b.chars, b.text);
                }
            }
        }
        Command::Package {
            case,
            out,
            max_image_kb,
            at,
        } => {
            let mut store = open(cli)?;
            let at = at.unwrap_or_else(weiquan_core::clock::now);
            let report = weiquan_core::dossier::package(&mut store, CaseId(*case), at, out, *max_image_kb)?;
            if cli.json {
                outln!("{}", json!(report));
            } else {
                for f in &report.files {
                    outln!("{f}");
                }
                for f in &report.not_reduced {
                    errln!(
                        "weiquan: warning: no copy of {f} fits in {} KB; only the original is included",
                        max_image_kb.unwrap_or(0)
                    );
                }
                errln!(
                    "wrote {} ({} bytes; manifest SHA-256 {})",
                    out.display(),
                    report.bytes,
                    report.manifest_sha256
                );
            }
        }
        Command::Demo { out, at } => {
            if cli.db.is_some() {
                return Err(Error::invalid(
                    "--db",
                    "demo makes its own library in --out; it does not use --db (nothing was written)",
                )
                .into());
            }
            let at = at.unwrap_or_else(weiquan_core::clock::now);
            let report = weiquan_core::dossier::demo(out, at)?;
            if cli.json {
                outln!("{}", json!(report));
            } else {
                outln!(
                    "{}\n{}\n{}\n{}",
                    report.dossier,
                    report.filing_text,
                    report.package,
                    report.db
                );
            }
        }
        Command::Route { case, today } => {
            let store = open(cli)?;
            let data = store.get_case(CaseId(*case))?.data;
            let cal = calendar(&store)?;
            let outlook =
                weiquan_core::deadlines::outlook(&data, &cal, today.unwrap_or_else(weiquan_core::clock::today));
            let steps = outlook.route;
            if cli.json {
                outln!("{}", json!(steps));
            } else {
                if let Some(w) = &outlook.waiting {
                    outln!(
                        "正在等待：{}（{} 提交，登记编号 {}）\n",
                        w.channel.name,
                        w.filed_on,
                        w.reference.as_deref().unwrap_or("无")
                    );
                }
                for (i, s) in steps.iter().enumerate() {
                    outln!(
                        "{}. {}{}（{}）\n   {}",
                        i + 1,
                        s.channel.name,
                        if s.done { " ✓" } else { "" },
                        s.channel.contact,
                        s.reason
                    );
                    for f in &s.channel.facts {
                        let caution = if f.confidence == "L" {
                            "（以官方说明为准）"
                        } else {
                            ""
                        };
                        outln!("   · {}{caution}", f.text);
                    }
                }
            }
        }
        Command::Deadlines { case, today } => {
            let store = open(cli)?;
            let data = store.get_case(CaseId(*case))?.data;
            let cal = calendar(&store)?;
            let clocks =
                weiquan_core::deadlines::clocks::clocks(&data, &cal, today.unwrap_or_else(weiquan_core::clock::today));
            if cli.json {
                outln!("{}", json!(clocks));
            } else {
                for c in clocks {
                    let state = match c.state {
                        weiquan_core::deadlines::clocks::ClockState::Passed => "已过",
                        weiquan_core::deadlines::clocks::ClockState::DueSoon => "即将到期",
                        weiquan_core::deadlines::clocks::ClockState::Running => "进行中",
                        weiquan_core::deadlines::clocks::ClockState::Met => "已按时办理",
                    };
                    outln!(
                        "{}  {}  [{}]\n   {}\n   依据：{}",
                        c.due,
                        c.label,
                        state,
                        c.explanation,
                        c.rule
                    );
                    if !c.assumed_years.is_empty() {
                        outln!(
                            "   注意：{:?} 年的节假日安排尚未公布，按周一至周五计算，请以官方通知为准",
                            c.assumed_years
                        );
                    }
                }
            }
        }
        Command::Authorisation(args) => volunteer::authorisation(cli, args)?,
        Command::Public(args) => volunteer::public(cli, args)?,
        Command::Dossier { case, out, at } => {
            let mut store = open(cli)?;
            let at = at.unwrap_or_else(weiquan_core::clock::now);
            let size = weiquan_core::dossier::write(&mut store, CaseId(*case), at, out)?;
            if cli.json {
                outln!(
                    "{}",
                    json!({ "case": case, "out": out.to_string_lossy(), "bytes": size })
                );
            } else {
                errln!(
                    "{}",
                    term::say(
                        format!("已将案件 {case} 的投诉卷宗写入 {}（{size} 字节）", out.display()),
                        format!("wrote the dossier of case {case} to {} ({size} bytes)", out.display())
                    )
                );
            }
        }
    }
    Ok(())
}

fn case(cli: &Cli, cmd: &CaseCommand) -> Result<(), Failure> {
    match cmd {
        CaseCommand::Import { file } => {
            let text = exchange::read_document(file)?;
            let doc = exchange::parse(&text)?;
            let mut store = open(cli)?;
            let base = file
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let (id, warnings) = store.import_document(&doc, base)?;
            print_warnings(&warnings);
            if cli.json {
                outln!("{}", json!({ "id": id, "warnings": warnings }));
            } else {
                outln!("{id}");
            }
        }
        CaseCommand::List(args) => volunteer::list(cli, args)?,
        CaseCommand::Workspace(args) => volunteer::workspace(cli, args)?,
        CaseCommand::Agent(args) => volunteer::agent(cli, args)?,
        CaseCommand::Bundle { id, out, with_notes } => {
            let report = open(cli)?.write_bundle(CaseId(*id), out, *with_notes)?;
            if cli.json {
                outln!("{}", json!(report));
            } else {
                outln!("{}", report.code);
                errln!(
                    "{}",
                    term::say(
                        format!(
                            "已写入 {}（{} 个文件，{} 字节）。校验码：{}——请对方打开后核对这组数字",
                            out.display(),
                            report.files.len(),
                            report.bytes,
                            report.code
                        ),
                        format!(
                            "wrote {} ({} files, {} bytes). Verification code: {} — have the other side compare it",
                            out.display(),
                            report.files.len(),
                            report.bytes,
                            report.code
                        )
                    )
                );
            }
        }
        CaseCommand::Open {
            file,
            update,
            keep_both,
        } => {
            use weiquan_core::store::SameCaseChoice;
            let choice = match (update, keep_both) {
                (Some(id), _) => SameCaseChoice::Update(CaseId(*id)),
                (None, true) => SameCaseChoice::KeepBoth,
                (None, false) => SameCaseChoice::Ask,
            };
            let mut store = open(cli)?;
            let opened = store.open_bundle(file, choice)?;
            if opened.case.0 == 0 {
                // The case is already here: say what differs and let the user choose; nothing was written.
                if cli.json {
                    outln!("{}", json!(opened));
                }
                for same in &opened.same_case {
                    errln!("{}", describe_differences(same));
                }
                let here = opened.same_case.first().map_or(0, |s| s.case.0);
                return Err(Failure {
                    code: 6,
                    error: Error::invalid(
                        "",
                        term::say(
                            format!(
                                "这个案件已在案件库中（案件 {here}），没有写入任何内容：用 --update {here} 以文件内容更新它，或用 --keep-both 两份都保留"
                            ),
                            format!(
                                "this case is already in the library (case {here}); nothing was written: --update {here} \
                                 makes it what the bundle says, --keep-both keeps both"
                            ),
                        ),
                    ),
                    reported: cli.json,
                });
            }
            print_warnings(&opened.warnings);
            if cli.json {
                outln!("{}", json!(opened));
            } else {
                outln!("{}", opened.case);
                for same in &opened.same_case {
                    errln!("{}", describe_differences(same));
                }
                errln!(
                    "{}",
                    term::say(
                        format!(
                            "已{}案件 {}。校验码：{}（应与发送方的一致）",
                            if opened.updated { "更新" } else { "打开为" },
                            opened.case,
                            opened.code
                        ),
                        format!(
                            "{} case {}. Verification code: {} (it must match the sender's)",
                            if opened.updated { "updated" } else { "opened as" },
                            opened.case,
                            opened.code
                        )
                    )
                );
            }
        }
        CaseCommand::Warnings { id, clear } => {
            let mut store = open(cli)?;
            let case = store.get_case(CaseId(*id))?;
            let imported = store.import_warnings(case.id)?;
            let cleared = if *clear {
                store.clear_import_warnings(case.id)?
            } else {
                0
            };
            if cli.json {
                outln!(
                    "{}",
                    json!({ "id": case.id, "facts": case.warnings, "import": imported, "cleared": cleared })
                );
            } else {
                if case.warnings.is_empty() && imported.is_empty() {
                    errln!("{}", term::say("（没有警告）".into(), "(no warnings)".into()));
                }
                for w in &case.warnings {
                    outln!("{w}");
                }
                for w in &imported {
                    outln!("{}{w}", term::say("导入时：".into(), "at import: ".into()));
                }
                if cleared > 0 {
                    errln!(
                        "{}",
                        term::say(
                            format!("已将导入时的 {cleared} 条警告标为已读"),
                            format!("marked the import's {cleared} warning(s) as read")
                        )
                    );
                }
            }
        }
        CaseCommand::Show { id } => {
            let store = open(cli)?;
            let c = store.get_case(CaseId(*id))?;
            if cli.json {
                outln!("{}", json!(c));
            } else {
                out!("{}", describe(&c, &store.list_evidence(c.id)?));
                print_warnings(&c.warnings);
            }
        }
        CaseCommand::Export { id, out } => {
            let mut store = open(cli)?;
            let case = CaseId(*id);
            if out == Path::new("-") {
                let c = store.get_case(case)?;
                if !store.list_evidence(case)?.is_empty() {
                    return Err(Error::invalid(
                        "--out",
                        "this case has evidence files; export it to a file so they can be copied beside it",
                    )
                    .into());
                }
                out!("{}", exchange::to_string_with_uid(&c.data, &[], c.uid.as_deref())?);
            } else {
                store.export_document(case, out)?;
                store.record_export(case, &format!("weiquan.case/1 {}", out.display()))?;
                if cli.json {
                    outln!("{}", json!({ "id": case, "out": out.to_string_lossy() }));
                } else {
                    errln!(
                        "{}",
                        term::say(
                            format!("已将案件 {case} 导出到 {}", out.display()),
                            format!("exported case {case} to {}", out.display())
                        )
                    );
                }
            }
        }
        CaseCommand::Event {
            id,
            kind,
            date,
            channel,
            reference,
            note,
            evidence,
        } => {
            let kind = weiquan_core::model::EventKind::parse(kind).ok_or_else(|| {
                let all: Vec<_> = weiquan_core::model::EventKind::ALL.iter().map(|k| k.as_str()).collect();
                Error::invalid("KIND", format!("{kind:?} is not one of {}", all.join(", ")))
            })?;
            let mut store = open(cli)?;
            let event = weiquan_core::model::CaseEvent {
                kind,
                date: *date,
                channel: channel.clone(),
                reference: reference.clone(),
                note: note.clone(),
                evidence: evidence.clone(),
            };
            print_warnings(&store.add_event(CaseId(*id), event)?);
            let c = store.get_case(CaseId(*id))?;
            if cli.json {
                outln!(
                    "{}",
                    json!({ "id": c.id, "status": c.data.status, "events": c.data.events })
                );
            } else {
                errln!(
                    "{}",
                    term::say(
                        format!(
                            "已记录：{date} {}；案件状态：{}",
                            kind.label_zh(),
                            c.data.status.label_zh()
                        ),
                        format!(
                            "recorded {} on {date}; the case is now {}",
                            kind.label_zh(),
                            c.data.status.label_zh()
                        )
                    )
                );
            }
        }
        CaseCommand::Edit { id, sets } => {
            let pairs = entries::pairs(sets)?;
            let mut store = open(cli)?;
            print_warnings(&store.edit_details(CaseId(*id), &pairs)?);
            let c = store.get_case(CaseId(*id))?;
            if cli.json {
                outln!(
                    "{}",
                    json!({ "id": c.id, "changed": pairs.iter().map(|(k, _)| k).collect::<Vec<_>>() })
                );
            } else {
                errln!(
                    "{}",
                    term::say(
                        format!("已修改案件 {} 的 {} 项", c.id, pairs.len()),
                        format!("changed {} field(s) of case {}", pairs.len(), c.id)
                    )
                );
            }
        }
        CaseCommand::Delete { id, yes } => {
            let mut store = open(cli)?;
            let c = store.get_case(CaseId(*id))?;
            if !yes
                && !confirm(&term::say(
                    format!("删除案件 {} «{}» 及其全部内容吗？[y/N] ", c.id, c.data.title),
                    format!("Delete case {} «{}» and everything in it? [y/N] ", c.id, c.data.title),
                ))?
            {
                return Err(Failure {
                    code: 6,
                    error: Error::invalid(
                        "",
                        term::say(
                            "没有删除：请回答 y 确认，或加上 --yes".into(),
                            "not deleted: confirm with y, or pass --yes".into(),
                        ),
                    ),
                    reported: false,
                });
            }
            store.delete_case(c.id)?;
            if cli.json {
                outln!("{}", json!({ "deleted": c.id }));
            } else {
                errln!(
                    "{}",
                    term::say(format!("已删除案件 {}", c.id), format!("deleted case {}", c.id))
                );
            }
        }
    }
    Ok(())
}

/// What a bundle has that the case here has not, and the other way round, one line per kind of item.
fn describe_differences(same: &weiquan_core::store::SameCase) -> String {
    let d = &same.differences;
    let face = |f: &weiquan_core::store::CaseFace| {
        format!(
            "{} / {} / {}",
            f.title,
            f.complainant.as_deref().unwrap_or("—"),
            f.respondent.as_deref().unwrap_or("—")
        )
    };
    let faces = term::say(
        format!(
            "  此处的案件 {}：{}\n  文件中的案件：{}\n",
            same.case,
            face(&same.here),
            face(&same.bundle)
        ),
        format!(
            "  case {} here: {}\n  the bundle's case: {}\n",
            same.case,
            face(&same.here),
            face(&same.bundle)
        ),
    );
    faces + &describe_changes(same, d)
}

fn describe_changes(same: &weiquan_core::store::SameCase, d: &weiquan_core::store::Differences) -> String {
    if d.is_empty() {
        return term::say(
            format!("案件 {} 与文件中的内容相同", same.case),
            format!("case {} is the same as the bundle", same.case),
        );
    }
    let mut s = term::say(
        format!("文件与案件 {} 的不同：", same.case),
        format!("how the bundle differs from case {}:", same.case),
    );
    for (zh, en, items) in [
        ("新增沟通", "contacts added", &d.interactions_added),
        ("改动的沟通", "contacts changed", &d.interactions_changed),
        ("删去的沟通", "contacts removed", &d.interactions_removed),
        ("新增诉求", "demands added", &d.demands_added),
        ("删去的诉求", "demands removed", &d.demands_removed),
        ("新增证据", "evidence added", &d.evidence_added),
        ("没有的证据", "evidence not in the bundle", &d.evidence_removed),
    ] {
        if !items.is_empty() {
            s += &term::say(
                format!("\n  {zh}：{}", items.join("、")),
                format!("\n  {en}: {}", items.join(", ")),
            );
        }
    }
    if d.details_changed {
        s += &term::say(
            "\n  案件信息（当事人、购买、事实、进展或法律依据的选择）也有不同".into(),
            "\n  the case's details (parties, purchase, facts, events or chosen bases) differ too".into(),
        );
    }
    s
}

fn confirm(question: &str) -> Result<bool, Failure> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(Failure {
            code: 6,
            error: Error::invalid(
                "",
                term::say(
                    "没有人能回答确认问题：请加上 --yes".into(),
                    "no one can answer the question here: pass --yes to go ahead".into(),
                ),
            ),
            reported: false,
        });
    }
    eprint!("{}", term::clean(question));
    std::io::stderr().flush().ok();
    let mut line = String::new();
    stdin
        .read_line(&mut line)
        .map_err(|e| Error::io("read the answer from", "standard input", e))?;
    Ok(matches!(line.trim(), "y" | "Y" | "yes" | "是" | "是的"))
}

fn opt(v: &Option<String>) -> &str {
    v.as_deref().filter(|s| !s.is_empty()).unwrap_or("—")
}

fn describe(c: &Case, evidence: &[weiquan_core::store::EvidenceItem]) -> String {
    let d = &c.data;
    let mut s = format!(
        "案件 #{}  {}\n状态：{}  行业：{}  更新于 {}\n",
        c.id,
        d.title,
        d.status.label_zh(),
        d.industry.label_zh(),
        c.updated_at.format("%Y-%m-%d %H:%M")
    );
    for h in &d.status_history {
        s += &format!("  {} {}\n", h.date, h.status.label_zh());
    }
    let cp = &d.complainant;
    s += &format!(
        "投诉人：{}  电话：{}  地址：{}\n",
        opt(&cp.name),
        opt(&cp.phone),
        opt(&cp.address)
    );
    let r = &d.respondent;
    s += &format!(
        "被投诉人：{}  统一社会信用代码：{}  地址：{}\n  平台：{}  店铺：{}  网址：{}\n",
        opt(&r.name),
        opt(&r.credit_code),
        opt(&r.address),
        opt(&r.platform),
        opt(&r.shop),
        opt(&r.url)
    );
    let p = &d.purchase;
    s += &format!(
        "购买：{}  金额：{}  日期：{}  订单号：{}  生活消费：{}\n",
        opt(&p.item),
        p.amount.map_or("—".into(), |m| format!("¥{m}")),
        p.date.map_or("—".into(), |d| d.to_string()),
        opt(&p.order_no),
        if p.personal_use { "是" } else { "否" }
    );
    s += &format!(
        "沟通记录（{} 次；#编号用于 interaction edit、evidence link）：\n",
        d.interactions.len()
    );
    for (i, it) in d.interactions.iter().enumerate() {
        s += &format!(
            "  [{}] #{} {} {} {}：{} 工号：{} 工单：{}\n",
            i + 1,
            it.id.map_or_else(|| "?".into(), |i| i.0.to_string()),
            it.occurred_at.format("%Y-%m-%d %H:%M %:z"),
            it.channel.label_zh(),
            it.speaker().label_zh(),
            opt(&it.agent),
            opt(&it.agent_id),
            opt(&it.ticket_no)
        );
        s += &format!("      问：{}\n      答：{}\n", opt(&it.question), opt(&it.answer));
        if !it.problems.is_empty() {
            let ps: Vec<_> = it.problems.iter().map(|p| p.label_zh()).collect();
            s += &format!("      问题：{}\n", ps.join("、"));
        }
        if let Some(l) = it.loss {
            s += &format!("      损失：¥{l}\n");
        }
        if let Some(sender) = it.link_sender {
            s += &format!("      链接发送方：{}\n", sender.label_zh());
        }
        if let Some(before) = it.before_purchase {
            s += &format!("      说在下单前：{}\n", if before { "是" } else { "否" });
        }
        if let Some(note) = it.note.as_deref().filter(|n| !n.is_empty()) {
            s += &format!("      备注：{note}\n");
        }
        let exhibits: Vec<String> = evidence
            .iter()
            .filter(|e| it.id.is_some_and(|iid| e.interactions.contains(&iid)))
            .map(|e| format!("{}（sha256:{}…）", e.original_name, e.sha256.get(..12).unwrap_or("")))
            .collect();
        if !exhibits.is_empty() {
            s += &format!("      证据：{}\n", exhibits.join("、"));
        }
    }
    s += "诉求（#编号用于 demand set）：\n";
    for dm in &d.demands {
        s += &format!(
            "  #{} {}{}{}\n",
            dm.id.map_or_else(|| "?".into(), |i| i.0.to_string()),
            dm.kind.label_zh(),
            dm.amount.map_or(String::new(), |m| format!(" ¥{m}")),
            dm.text.as_deref().map_or(String::new(), |t| format!("（{t}）"))
        );
        let mut when = Vec::new();
        if let Some(m) = dm.made_day() {
            when.push(format!("提出于 {m}"));
        }
        if let Some(due) = dm.due_by {
            when.push(format!("期限至 {due}"));
        }
        if let Some(c) = dm.unperformed_confirmed_on {
            when.push(format!("{c} 确认仍未履行"));
        }
        if !when.is_empty() {
            s += &format!("      {}\n", when.join("，"));
        }
    }
    if !d.events.is_empty() {
        s += "投诉处理经过：\n";
        for e in &d.events {
            s += &format!(
                "  {} {}{}{}\n",
                e.date,
                e.kind.label_zh(),
                e.channel.as_deref().map_or(String::new(), |c| format!(" 渠道：{c}")),
                e.reference.as_deref().map_or(String::new(), |r| format!(" 编号：{r}"))
            );
        }
    }
    if !d.excluded_bases.is_empty() {
        s += &format!("不引用的法律依据：{}\n", d.excluded_bases.join("、"));
    }
    s
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// Every argument and option of every subcommand says what it is in `--help`.
    #[test]
    fn every_argument_has_help_text() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for a in cmd.get_arguments() {
                let builtin = matches!(a.get_id().as_str(), "help" | "version");
                if !builtin && a.get_help().is_none() && a.get_long_help().is_none() {
                    missing.push(format!("{path} {}", a.get_id()));
                }
            }
            for sub in cmd.get_subcommands() {
                if sub.get_about().is_none() {
                    missing.push(format!("{path} {} (no about)", sub.get_name()));
                }
                walk(sub, &format!("{path} {}", sub.get_name()), missing);
            }
        }
        let mut missing = Vec::new();
        walk(&super::Cli::command(), "weiquan", &mut missing);
        assert!(missing.is_empty(), "no help text: {missing:#?}");
    }
}
