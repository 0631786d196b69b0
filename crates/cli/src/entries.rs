//! `weiquan interaction …` and `weiquan demand …`: one contact or demand at a time, by the stable id `case show`
//! prints (`#57`), so a correction never needs an export and a re-import.

use clap::Subcommand;
use serde_json::json;
use weiquan_core::model::{CaseId, DemandId, InteractionId};
use weiquan_core::Error;

use super::{open, print_warnings, Cli, Failure};
use crate::term::say;

const INTERACTION_FIELDS: &str = "occurred_at (2026-09-05 10:30, Beijing time unless an offset is given), channel \
(phone, online_chat, app, email, sms, in_person, social_media, other), agent, agent_id, ticket_no, question, answer, \
problems (comma-separated: irrelevant_answer, false_information, concealment, privacy_violation, induced_harm, \
delayed_handling, no_human_agent, unfair_terms), loss (199.00), note, link_sender (official, impostor, unknown), \
before_purchase (true/false)";

const DEMAND_FIELDS: &str = "kind (refund, return, replacement, repair, compensation, punitive_damages, apology, \
correction, delete_personal_data, other), amount (199.00), text, made_on (2026-09-05), made_in (the time of the \
contact it was made in), due_by (the day the company promised or the law set), unperformed_confirmed_on (the day you \
confirmed it is still not done)";

#[derive(Debug, Subcommand)]
pub(crate) enum InteractionCommand {
    /// Record a contact: `interaction add 3 --set "occurred_at=2026-09-05 10:30" --set channel=phone --set
    /// answer=…`. It takes its place in time order; prints its id.
    Add {
        /// The case id.
        case: i64,
        /// FIELD=VALUE (repeatable). Fields: occurred_at and channel (both needed), agent, agent_id, ticket_no,
        /// question, answer, problems, loss, note, link_sender, before_purchase.
        #[arg(long = "set", value_name = "FIELD=VALUE", required = true, long_help = INTERACTION_FIELDS)]
        sets: Vec<String>,
    },
    /// Correct a contact: `interaction edit 3 57 --set answer=… --set problems=false_information`. An empty VALUE
    /// clears a field.
    Edit {
        /// The case id.
        case: i64,
        /// The contact's id as `case show` prints it (#57 or 57).
        interaction: String,
        /// FIELD=VALUE (repeatable); the fields are those of `interaction add`.
        #[arg(long = "set", value_name = "FIELD=VALUE", required = true, long_help = INTERACTION_FIELDS)]
        sets: Vec<String>,
    },
    /// Remove a contact recorded by mistake. Evidence linked to it stays in the case; a demand made in it keeps
    /// its date.
    Remove {
        /// The case id.
        case: i64,
        /// The contact's id as `case show` prints it (#57 or 57).
        interaction: String,
    },
}

#[derive(Debug, Subcommand)]
pub(crate) enum DemandCommand {
    /// Add a demand: `demand add 3 --set kind=refund --set amount=199.00 --set made_on=2026-09-05`; prints its id.
    Add {
        /// The case id.
        case: i64,
        /// FIELD=VALUE (repeatable). Fields: kind (needed), amount, text, made_on, made_in, due_by,
        /// unperformed_confirmed_on.
        #[arg(long = "set", value_name = "FIELD=VALUE", required = true, long_help = DEMAND_FIELDS)]
        sets: Vec<String>,
    },
    /// Change a demand: `demand set 3 12 --set due_by=2026-09-08` (a promised date), `--set
    /// unperformed_confirmed_on=2026-09-30` (you checked: still not done). An empty VALUE clears a field.
    Set {
        /// The case id.
        case: i64,
        /// The demand's id as `case show` prints it (#12 or 12).
        demand: String,
        /// FIELD=VALUE (repeatable); the fields are those of `demand add`.
        #[arg(long = "set", value_name = "FIELD=VALUE", required = true, long_help = DEMAND_FIELDS)]
        sets: Vec<String>,
    },
    /// Remove a demand.
    Remove {
        /// The case id.
        case: i64,
        /// The demand's id as `case show` prints it (#12 or 12).
        demand: String,
    },
}

/// `FIELD=VALUE` arguments as pairs; one without `=` is refused before anything is opened.
pub(super) fn pairs(sets: &[String]) -> Result<Vec<(String, String)>, Failure> {
    sets.iter()
        .map(|s| {
            s.split_once('=')
                .map(|(k, v)| (k.trim().to_owned(), v.to_owned()))
                .ok_or_else(|| Error::invalid("--set", format!("{s:?} is not FIELD=VALUE")).into())
        })
        .collect()
}

fn id(raw: &str, what: &str) -> Result<i64, Failure> {
    raw.trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .map_err(|_| Error::invalid(what, format!("{raw:?} is not an id as `case show` prints it (#57)")).into())
}

pub(super) fn interaction(cli: &Cli, cmd: &InteractionCommand) -> Result<(), Failure> {
    match cmd {
        InteractionCommand::Add { case, sets } => {
            let pairs = pairs(sets)?;
            let mut store = open(cli)?;
            let (iid, warnings) = store.add_interaction(CaseId(*case), &pairs)?;
            print_warnings(&warnings);
            if cli.json {
                outln!("{}", json!({ "case": case, "interaction": iid.0 }));
            } else {
                outln!("#{}", iid.0);
                errln!(
                    "{}",
                    say(
                        format!("已在案件 {case} 中记录沟通 #{}", iid.0),
                        format!("recorded contact #{} in case {case}", iid.0)
                    )
                );
            }
        }
        InteractionCommand::Edit {
            case,
            interaction,
            sets,
        } => {
            let pairs = pairs(sets)?;
            let iid = InteractionId(id(interaction, "INTERACTION")?);
            let mut store = open(cli)?;
            print_warnings(&store.edit_interaction(CaseId(*case), iid, &pairs)?);
            if cli.json {
                outln!(
                    "{}",
                    json!({ "case": case, "interaction": iid.0, "changed": pairs.iter().map(|(k, _)| k).collect::<Vec<_>>() })
                );
            } else {
                errln!(
                    "{}",
                    say(
                        format!("已修改沟通 #{} 的 {} 项", iid.0, pairs.len()),
                        format!("changed {} field(s) of contact #{}", pairs.len(), iid.0)
                    )
                );
            }
        }
        InteractionCommand::Remove { case, interaction } => {
            let iid = InteractionId(id(interaction, "INTERACTION")?);
            let mut store = open(cli)?;
            let removed = store.remove_interaction(CaseId(*case), iid)?;
            print_warnings(&removed.warnings);
            if cli.json {
                outln!("{}", json!({ "case": case, "removed": iid.0, "details": removed }));
            } else {
                errln!(
                    "{}",
                    say(format!("已删除沟通 #{}", iid.0), format!("removed contact #{}", iid.0))
                );
                for name in &removed.unlinked_evidence {
                    errln!(
                        "{}",
                        say(
                            format!("  证据 {name} 仍在案件中，已不再关联这次沟通"),
                            format!("  the evidence {name} stays in the case, no longer linked to it")
                        )
                    );
                }
                for d in &removed.demands_kept_date {
                    errln!(
                        "{}",
                        say(
                            format!("  诉求 #{} 是在这次沟通中提出的：保留了提出日期", d.0),
                            format!("  demand #{} was made in it: its date is kept", d.0)
                        )
                    );
                }
            }
        }
    }
    Ok(())
}

pub(super) fn demand(cli: &Cli, cmd: &DemandCommand) -> Result<(), Failure> {
    match cmd {
        DemandCommand::Add { case, sets } => {
            let pairs = pairs(sets)?;
            let mut store = open(cli)?;
            let (did, warnings) = store.add_demand(CaseId(*case), &pairs)?;
            print_warnings(&warnings);
            if cli.json {
                outln!("{}", json!({ "case": case, "demand": did.0 }));
            } else {
                outln!("#{}", did.0);
            }
        }
        DemandCommand::Set { case, demand, sets } => {
            let pairs = pairs(sets)?;
            let did = DemandId(id(demand, "DEMAND")?);
            let mut store = open(cli)?;
            print_warnings(&store.edit_demand(CaseId(*case), did, &pairs)?);
            if cli.json {
                outln!(
                    "{}",
                    json!({ "case": case, "demand": did.0, "changed": pairs.iter().map(|(k, _)| k).collect::<Vec<_>>() })
                );
            } else {
                errln!(
                    "{}",
                    say(
                        format!("已修改诉求 #{} 的 {} 项", did.0, pairs.len()),
                        format!("changed {} field(s) of demand #{}", pairs.len(), did.0)
                    )
                );
            }
        }
        DemandCommand::Remove { case, demand } => {
            let did = DemandId(id(demand, "DEMAND")?);
            let mut store = open(cli)?;
            print_warnings(&store.remove_demand(CaseId(*case), did)?);
            if cli.json {
                outln!("{}", json!({ "case": case, "removed": did.0 }));
            } else {
                errln!(
                    "{}",
                    say(format!("已删除诉求 #{}", did.0), format!("removed demand #{}", did.0))
                );
            }
        }
    }
    Ok(())
}
