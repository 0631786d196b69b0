//! A volunteer's commands: the caseload's filters (`case list --status … --due-within 7 --sort deadline`), a case's
//! workspace (tags, 经办人, private notes, money recovered), the agent filing for the consumer and their 授权委托书,
//! and the 公开版 for public platforms with every mask listed before it is written.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;
use serde_json::json;
use weiquan_core::calendar::Calendar;
use weiquan_core::dossier::public::{Honorific, PublicOptions};
use weiquan_core::model::{Agent, AgentPower, CaseId, CaseStatus, Industry, Money, ProblemKind};
use weiquan_core::store::{CaseloadFilter, CaseloadSort};
use weiquan_core::Error;

use super::{open, Cli, Failure};
use crate::term::say;

fn closed<T>(what: &str, s: &str, parse: fn(&str) -> Option<T>, all: &[&str]) -> Result<T, String> {
    parse(s).ok_or_else(|| format!("unknown {what} {s:?}; one of: {}", all.join(", ")))
}

fn status(s: &str) -> Result<CaseStatus, String> {
    let all: Vec<&str> = CaseStatus::ALL.iter().map(|v| v.as_str()).collect();
    closed("status", s, CaseStatus::parse, &all)
}

fn industry(s: &str) -> Result<Industry, String> {
    let all: Vec<&str> = Industry::ALL.iter().map(|v| v.as_str()).collect();
    closed("industry", s, Industry::parse, &all)
}

fn problem(s: &str) -> Result<ProblemKind, String> {
    let all: Vec<&str> = ProblemKind::ALL.iter().map(|v| v.as_str()).collect();
    closed("problem kind", s, ProblemKind::parse, &all)
}

fn power(s: &str) -> Result<AgentPower, String> {
    let all: Vec<&str> = AgentPower::ALL.iter().map(|v| v.as_str()).collect();
    closed("power", s, AgentPower::parse, &all)
}

fn honorific(s: &str) -> Result<Honorific, String> {
    match s {
        "ms" | "女士" => Ok(Honorific::Ms),
        "mr" | "先生" => Ok(Honorific::Mr),
        "none" | "某" => Ok(Honorific::Unstated),
        _ => Err(format!("{s:?}: one of ms (女士), mr (先生), none (某)")),
    }
}

fn yuan(s: &str) -> Result<Money, String> {
    Money::parse_yuan(s)
}

/// `case list`'s filters: every one given must hold.
#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// Only cases whose words contain this text (title, respondent, questions, answers, notes, and the words read
    /// on the case's screenshots).
    #[arg(long)]
    search: Option<String>,
    /// Only cases in this status (draft, filed, accepted, mediating, closed…).
    #[arg(long, value_parser = status)]
    status: Option<CaseStatus>,
    /// Only cases of this industry (ecommerce, telecom, banking, airline, post…).
    #[arg(long, value_parser = industry)]
    industry: Option<Industry>,
    /// Only cases with a contact of this problem kind (irrelevant_answer, false_information…).
    #[arg(long, value_parser = problem)]
    problem: Option<ProblemKind>,
    /// Only open cases whose next running deadline ends within N days.
    #[arg(long, value_name = "N")]
    due_within: Option<u32>,
    /// Only cases with this tag.
    #[arg(long)]
    tag: Option<String>,
    /// Only cases handled by this person (经办人).
    #[arg(long, value_name = "NAME")]
    handled_by: Option<String>,
    /// Order: `updated` (most recently changed first, the default) or `deadline` (next deadline first).
    #[arg(long, value_parser = ["updated", "deadline"], default_value = "updated")]
    sort: String,
    /// The day deadlines count from (default: today in Beijing time).
    #[arg(long, value_name = "YYYY-MM-DD")]
    today: Option<NaiveDate>,
}

pub(crate) fn list(cli: &Cli, args: &ListArgs) -> Result<(), Failure> {
    let filter = CaseloadFilter {
        search: args.search.clone(),
        status: args.status,
        industry: args.industry,
        problem: args.problem,
        due_within_days: args.due_within,
        tag: args.tag.clone(),
        handled_by: args.handled_by.clone(),
        sort: if args.sort == "deadline" {
            CaseloadSort::NextDeadline
        } else {
            CaseloadSort::Updated
        },
    };
    let today = args.today.unwrap_or_else(weiquan_core::clock::today);
    let load = open(cli)?.caseload(&filter, &Calendar::built_in(), today)?;
    if cli.json {
        // One object per case: the summary's fields as before, with its tags, 经办人 and next deadline beside them.
        let rows: Vec<serde_json::Value> = load
            .rows
            .iter()
            .map(|r| {
                let mut v = json!(r.case);
                if let Some(o) = v.as_object_mut() {
                    o.insert("tags".into(), json!(r.tags));
                    o.insert("handled_by".into(), json!(r.handled_by));
                    o.insert("next_deadline".into(), json!(r.next));
                }
                v
            })
            .collect();
        outln!("{}", json!(rows));
        return Ok(());
    }
    if load.rows.is_empty() {
        errln!("{}", say("（没有符合条件的案件）".into(), "(no cases)".into()));
    }
    for r in &load.rows {
        let c = &r.case;
        let mut extra = Vec::new();
        if let Some(next) = &r.next {
            extra.push(format!("{} {}", next.due, next.label));
        }
        if let Some(h) = &r.handled_by {
            extra.push(format!("经办人 {h}"));
        }
        if !r.tags.is_empty() {
            extra.push(r.tags.iter().map(|t| format!("#{t}")).collect::<Vec<_>>().join(" "));
        }
        outln!(
            "{:>5}  {:<6}  {}  {}  [{} 次沟通]{}",
            c.id,
            c.status.label_zh(),
            c.title,
            c.respondent.as_deref().unwrap_or("—"),
            c.interaction_count,
            if extra.is_empty() {
                String::new()
            } else {
                format!("  {}", extra.join(" · "))
            }
        );
    }
    Ok(())
}

#[derive(Debug, Args)]
pub(crate) struct WorkspaceArgs {
    /// The case id.
    id: i64,
    /// Add a tag (repeatable; at most 20 characters, no commas).
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// Remove a tag (repeatable).
    #[arg(long = "untag", value_name = "TAG")]
    untags: Vec<String>,
    /// Who handles the case (经办人); an empty NAME clears it.
    #[arg(long, value_name = "NAME")]
    handled_by: Option<String>,
    /// Private notes (replace the ones there; empty clears them). Never in a dossier or a 12315 text; in a bundle only
    /// with `case bundle --with-notes`.
    #[arg(long, value_name = "TEXT")]
    notes: Option<String>,
    /// Money the consumer got back in the end, in yuan (199.00); empty clears it.
    #[arg(long, value_name = "YUAN")]
    recovered: Option<String>,
}

/// `case workspace`: changes what is given, then prints the whole workspace.
pub(crate) fn workspace(cli: &Cli, a: &WorkspaceArgs) -> Result<(), Failure> {
    let mut store = open(cli)?;
    let id = CaseId(a.id);
    let mut ws = store.workspace(id)?;
    let changing = !a.tags.is_empty()
        || !a.untags.is_empty()
        || a.handled_by.is_some()
        || a.notes.is_some()
        || a.recovered.is_some();
    if changing {
        ws.tags.extend(a.tags.iter().cloned());
        ws.tags.retain(|t| !a.untags.contains(t));
        if let Some(h) = &a.handled_by {
            ws.handled_by = Some(h.clone());
        }
        if let Some(n) = &a.notes {
            ws.private_notes = Some(n.clone());
        }
        if let Some(r) = &a.recovered {
            ws.recovered = if r.trim().is_empty() {
                None
            } else {
                Some(yuan(r.trim()).map_err(|e| Error::invalid("--recovered", e))?)
            };
        }
        ws = store.set_workspace(id, ws)?;
    }
    if cli.json {
        outln!("{}", json!(ws));
    } else {
        outln!(
            "标签：{}",
            if ws.tags.is_empty() {
                "—".into()
            } else {
                ws.tags.join("、")
            }
        );
        outln!("经办人：{}", ws.handled_by.as_deref().unwrap_or("—"));
        outln!(
            "挽回金额：{}",
            ws.recovered.map_or_else(|| "—".into(), |m| format!("{m}元"))
        );
        outln!("私人备注：{}", ws.private_notes.as_deref().unwrap_or("—"));
    }
    Ok(())
}

#[derive(Debug, Args)]
pub(crate) struct AgentArgs {
    /// The case id.
    id: i64,
    /// The agent's name (受托人).
    #[arg(long, required_unless_present = "remove")]
    name: Option<String>,
    /// The agent's 身份证号 (the filing needs the agent's proof of identity).
    #[arg(long, value_name = "ID")]
    id_number: Option<String>,
    /// The agent's phone.
    #[arg(long)]
    phone: Option<String>,
    /// The organisation the agent works with (a legal-aid centre…).
    #[arg(long)]
    organisation: Option<String>,
    /// What the agent may do (repeatable): complain (代为投诉), mediate (参加调解), receive_documents (签收文书).
    #[arg(long = "power", value_parser = power, required_unless_present = "remove")]
    powers: Vec<AgentPower>,
    /// The first day of the authorisation.
    #[arg(long, value_name = "YYYY-MM-DD")]
    from: Option<NaiveDate>,
    /// The last day of the authorisation.
    #[arg(long, value_name = "YYYY-MM-DD")]
    until: Option<NaiveDate>,
    /// Remove the agent: she files herself.
    #[arg(long, conflicts_with_all = ["name", "powers"])]
    remove: bool,
}

/// `case agent`: sets (or removes) who files for the consumer; the case is validated as a whole.
pub(crate) fn agent(cli: &Cli, a: &AgentArgs) -> Result<(), Failure> {
    let mut store = open(cli)?;
    let id = CaseId(a.id);
    let agent = if a.remove {
        None
    } else {
        let mut powers = Vec::new();
        for p in &a.powers {
            if !powers.contains(p) {
                powers.push(*p);
            }
        }
        powers.sort();
        Some(Agent {
            name: a.name.clone().unwrap_or_default(),
            id_number: a.id_number.clone(),
            phone: a.phone.clone(),
            organisation: a.organisation.clone(),
            powers,
            term_from: a.from,
            term_until: a.until,
        })
    };
    let warnings = store.set_agent(id, agent.clone())?;
    super::print_warnings(&warnings);
    if cli.json {
        outln!("{}", json!({ "case": a.id, "agent": agent }));
    } else {
        errln!(
            "{}",
            match &agent {
                Some(ag) => say(
                    format!("案件 {} 的委托代理人：{}", a.id, ag.name),
                    format!("case {}: agent {}", a.id, ag.name)
                ),
                None => say(
                    format!("案件 {} 不再有委托代理人", a.id),
                    format!("case {}: no agent", a.id)
                ),
            }
        );
    }
    Ok(())
}

#[derive(Debug, Args)]
pub(crate) struct AuthorisationArgs {
    /// The case id (it must have an agent: `case agent`).
    case: i64,
    /// The PDF to write.
    #[arg(long, value_name = "FILE.pdf")]
    out: PathBuf,
    /// The date printed on it (RFC 3339; default: now).
    #[arg(long, value_name = "TIME")]
    at: Option<chrono::DateTime<chrono::FixedOffset>>,
}

pub(crate) fn authorisation(cli: &Cli, a: &AuthorisationArgs) -> Result<(), Failure> {
    let mut store = open(cli)?;
    let at = a.at.unwrap_or_else(weiquan_core::clock::now);
    let bytes = weiquan_core::dossier::authorisation::write(&mut store, CaseId(a.case), at, &a.out)?;
    if cli.json {
        outln!(
            "{}",
            json!({ "case": a.case, "out": a.out.to_string_lossy(), "bytes": bytes })
        );
    } else {
        errln!(
            "{}",
            say(
                format!("已写入授权委托书 {}（{bytes} 字节）：请委托人签名", a.out.display()),
                format!(
                    "wrote the power of attorney {} ({bytes} bytes): the consumer signs it",
                    a.out.display()
                )
            )
        );
    }
    Ok(())
}

#[derive(Debug, Args)]
pub(crate) struct PublicArgs {
    /// The case id.
    case: i64,
    /// The PDF to write (left out with --preview).
    #[arg(long, value_name = "FILE.pdf", required_unless_present = "preview")]
    out: Option<PathBuf>,
    /// Also write the plain text for a post here.
    #[arg(long, value_name = "FILE.txt")]
    text: Option<PathBuf>,
    /// How her name is shown: ms (王女士), mr (王先生) or none (王某, the default).
    #[arg(long, value_parser = honorific, default_value = "none")]
    honorific: Honorific,
    /// Leave a mask off, by the key --preview prints (repeatable).
    #[arg(long = "unmask", value_name = "KEY")]
    unmask: Vec<String>,
    /// Mask more text, replaced by ＊＊＊ (repeatable; two characters or more).
    #[arg(long = "mask", value_name = "TEXT")]
    mask: Vec<String>,
    /// Print every mask (original → masked) and the text, and write nothing.
    #[arg(long)]
    preview: bool,
    /// The export time (RFC 3339; default: now).
    #[arg(long, value_name = "TIME")]
    at: Option<chrono::DateTime<chrono::FixedOffset>>,
}

/// `public`: the 公开版, previewed or written.
pub(crate) fn public(cli: &Cli, a: &PublicArgs) -> Result<(), Failure> {
    let mut store = open(cli)?;
    let options = PublicOptions {
        honorific: a.honorific,
        unmask: a.unmask.clone(),
        extra: a.mask.clone(),
    };
    let at = a.at.unwrap_or_else(weiquan_core::clock::now);
    let result = match (&a.out, a.preview) {
        (Some(out), false) => {
            weiquan_core::dossier::public::write(&mut store, CaseId(a.case), &options, at, out, a.text.as_deref())?
        }
        _ => weiquan_core::dossier::public::preview(&store, CaseId(a.case), &options, at.date_naive())?,
    };
    if cli.json {
        outln!("{}", json!(result));
        return Ok(());
    }
    for m in &result.masks {
        outln!(
            "{} {:<14} {}：{} → {}",
            if m.applied { "[x]" } else { "[ ]" },
            m.key,
            m.label,
            m.original,
            if m.applied { &m.masked } else { &m.original }
        );
    }
    if result.images_left_out > 0 {
        errln!(
            "{}",
            say(
                format!("注意：{} 份图片证据未放入公开版（图片中的人脸、二维码等无法自动隐去）", result.images_left_out),
                format!(
                    "note: {} image exhibit(s) left out of the public version (faces and QR codes in them cannot be masked here)",
                    result.images_left_out
                )
            )
        );
    }
    if a.preview {
        outln!();
        outln!("{}", result.text);
    } else if let Some(out) = &a.out {
        errln!(
            "{}",
            say(
                format!("已写入公开版 {}", out.display()),
                format!("wrote the public version {}", out.display())
            )
        );
    }
    Ok(())
}
