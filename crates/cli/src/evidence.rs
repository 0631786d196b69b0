//! `weiquan evidence …` and `weiquan audit verify`.

use std::io::{IsTerminal, Write};
use std::sync::atomic::AtomicBool;

use serde_json::json;
use weiquan_core::evidence::INTEGRITY_WORDING;
use weiquan_core::model::{CaseId, InteractionId};
use weiquan_core::store::{AuditHead, EvidenceMeta, Store};
use weiquan_core::Error;

use super::{open, AuditCommand, Cli, EvidenceCommand, Failure};

/// Contact ids as `case show` lists them (`#57` or `57`), checked to be the case's own.
pub(super) fn interaction_ids(store: &Store, case: CaseId, ids: &[String]) -> Result<Vec<InteractionId>, Failure> {
    let data = store.get_case(case)?.data;
    let known: Vec<InteractionId> = data.interactions.iter().filter_map(|i| i.id).collect();
    ids.iter()
        .map(|raw| {
            let n = raw.trim().trim_start_matches('#').parse::<i64>().ok();
            n.map(InteractionId).filter(|i| known.contains(i)).ok_or_else(|| {
                let list: Vec<String> = known.iter().map(|i| format!("#{}", i.0)).collect();
                Error::invalid(
                    "--interaction",
                    format!(
                        "case {case} has no contact {raw}; its contacts are {} (see `weiquan case show {case}`)",
                        if list.is_empty() {
                            "none".to_owned()
                        } else {
                            list.join(", ")
                        }
                    ),
                )
                .into()
            })
        })
        .collect()
}

fn human_size(n: u64) -> String {
    match n {
        n if n >= 1 << 30 => format!("{:.1} GiB", n as f64 / (1u64 << 30) as f64),
        n if n >= 1 << 20 => format!("{:.1} MiB", n as f64 / (1u64 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.1} KiB", n as f64 / 1024.0),
        n => format!("{n} B"),
    }
}

pub(super) fn run(cli: &Cli, cmd: &EvidenceCommand) -> Result<(), Failure> {
    match cmd {
        EvidenceCommand::Add {
            case,
            files,
            interactions,
            description,
            source,
        } => {
            let mut store = open(cli)?;
            let case = CaseId(*case);
            let meta = EvidenceMeta {
                description: description.clone(),
                source: source.clone(),
                interactions: interaction_ids(&store, case, interactions)?,
            };
            let mut failed = 0;
            let mut rows = Vec::new();
            let results =
                store.import_evidence_batch_until(case, files, &meta, &mut |_, _, _| {}, &AtomicBool::new(false))?;
            for (path, result) in results {
                match result {
                    Ok(out) => {
                        for w in &out.warnings {
                            errln!("weiquan: warning: {}: {}", path.display(), w.reason);
                        }
                        if !cli.json {
                            outln!(
                                "{}{}  {}  {}  sha256:{}",
                                out.item.id,
                                if out.duplicate { " (already in this case)" } else { "" },
                                out.item.original_name,
                                out.item.content_type,
                                out.item.sha256
                            );
                        }
                        if out.duplicate && !meta.interactions.is_empty() {
                            let short = out.item.sha256.get(..12).unwrap_or("");
                            for n in &meta.interactions {
                                errln!(
                                    "weiquan: {}",
                                    crate::term::say(
                                        format!(
                                            "{} 已在案件 {case} 中：现在它也关联沟通 #{n}；撤销：weiquan evidence unlink {case} {short} --interaction {n}",
                                            out.item.original_name,
                                            n = n.0
                                        ),
                                        format!(
                                            "{} was already in case {case}: it now also supports contact #{n}; to undo: \
                                             weiquan evidence unlink {case} {short} --interaction {n}",
                                            out.item.original_name,
                                            n = n.0
                                        )
                                    )
                                );
                            }
                        }
                        rows.push(json!({ "file": path.to_string_lossy(), "ok": true, "duplicate": out.duplicate, "item": out.item }));
                    }
                    Err(e) => {
                        failed += 1;
                        errln!("weiquan: {}: not imported: {e}", path.display());
                        rows.push(json!({ "file": path.to_string_lossy(), "ok": false, "error": e.payload() }));
                    }
                }
            }
            if cli.json {
                outln!("{}", json!(rows));
            }
            if failed > 0 {
                return Err(Failure {
                    code: 3,
                    error: Error::invalid("files", format!("{failed} of {} files were not imported", files.len())),
                    reported: false,
                });
            }
        }
        EvidenceCommand::List { case } => {
            let items = open(cli)?.list_evidence(CaseId(*case))?;
            if cli.json {
                outln!("{}", json!(items));
            } else if items.is_empty() {
                errln!("(no evidence in case {case})");
            } else {
                for it in items {
                    outln!(
                        "证据 {}  {}  {}  {}",
                        it.id,
                        it.original_name,
                        it.content_type,
                        human_size(it.size)
                    );
                    if let Some(d) = &it.description {
                        outln!("    说明：{d}");
                    }
                    outln!("    SHA-256：{}\n    SM3：{}", it.sha256, it.sm3);
                    outln!("    导入时间：{}", it.imported_at);
                    if let (Some(at), Some(by)) = (&it.reported_at, &it.reported_by) {
                        outln!("    文件自述时间：{at}（{by}）");
                    }
                    outln!("    {INTEGRITY_WORDING}");
                }
            }
        }
        EvidenceCommand::Link {
            case,
            sha256,
            interaction,
        }
        | EvidenceCommand::Unlink {
            case,
            sha256,
            interaction,
        } => {
            let linked = matches!(cmd, EvidenceCommand::Link { .. });
            let mut store = open(cli)?;
            let case = CaseId(*case);
            let item = store.find_evidence(case, sha256)?;
            let iid = interaction_ids(&store, case, std::slice::from_ref(interaction))?[0];
            store.set_evidence_link(item.id, iid, linked)?;
            if cli.json {
                outln!("{}", json!({ "item": item.id, "interaction": iid.0, "linked": linked }));
            } else {
                errln!(
                    "{}",
                    crate::term::say(
                        format!(
                            "{} {}沟通 #{}",
                            item.original_name,
                            if linked { "现在关联" } else { "不再关联" },
                            iid.0
                        ),
                        format!(
                            "{} {} contact #{}",
                            item.original_name,
                            if linked { "now supports" } else { "no longer supports" },
                            iid.0
                        )
                    )
                );
            }
        }
        EvidenceCommand::Describe { case, sha256, text } => {
            let mut store = open(cli)?;
            let item = store.find_evidence(CaseId(*case), sha256)?;
            store.describe_evidence(item.id, Some(text))?;
            if cli.json {
                outln!("{}", json!({ "item": item.id, "description": text.trim() }));
            } else {
                errln!("{}: description saved", item.original_name);
            }
        }
        EvidenceCommand::Verify { case } => {
            let store = open(cli)?;
            // A progress line rewrites itself (\r, erase to the end): only on a terminal, never into a file or pipe.
            let show_progress = !cli.json && std::io::stderr().is_terminal();
            let report = store.verify_vault(case.map(CaseId), &mut |done, total, name| {
                if show_progress {
                    eprint!("\rverifying {done}/{total} {}\x1b[K", crate::term::clean(name));
                    let _ = std::io::stderr().flush();
                }
            })?;
            if show_progress && report.checked > 0 {
                errln!();
            }
            if cli.json {
                outln!("{}", json!(report));
            } else {
                outln!("checked {} files: {} intact", report.checked, report.intact);
                for p in &report.problems {
                    let who = if p.items.is_empty() {
                        String::new()
                    } else {
                        format!(" [{}]", p.items.join(", "))
                    };
                    outln!("{:?}: {}{} — {}", p.kind, p.path, who, p.detail);
                }
            }
            let serious = report.problems.iter().any(|p| {
                !matches!(
                    p.kind,
                    weiquan_core::store::VaultProblemKind::Leftover
                        | weiquan_core::store::VaultProblemKind::Unreferenced
                )
            });
            if serious {
                return Err(Failure {
                    code: 7,
                    error: Error::invalid(
                        "vault",
                        format!("{} problem(s) found in the vault", report.problems.len()),
                    ),
                    reported: false,
                });
            }
        }
    }
    Ok(())
}

pub(super) fn audit(cli: &Cli, cmd: &AuditCommand) -> Result<(), Failure> {
    let AuditCommand::Verify { case, anchors } = cmd;
    let anchors = anchors
        .iter()
        .map(|a| a.parse::<AuditHead>())
        .collect::<weiquan_core::Result<Vec<_>>>()?;
    let store = open(cli)?;
    let report = store.verify_audit_against(&anchors)?;
    let records = match case {
        Some(c) => {
            store.get_case(CaseId(*c))?;
            store.audit_log(Some(CaseId(*c)))?
        }
        None => Vec::new(),
    };
    if cli.json {
        outln!("{}", json!({ "report": report, "records": records }));
    } else {
        for r in &records {
            outln!("{:>5}  {}  {}  {}", r.seq, r.at, r.action, r.detail);
        }
        match &report.first_break {
            None => outln!(
                "audit log intact: {} records, hash chain unbroken, {} anchor(s) checked",
                report.records,
                report.anchors_checked
            ),
            Some(b) => outln!("audit log broken at record {}: {}", b.seq, b.reason),
        }
    }
    if let Some(b) = report.first_break {
        return Err(Failure {
            code: 7,
            error: Error::invalid(
                "audit_log",
                format!("the chain breaks at record {}: {}", b.seq, b.reason),
            ),
            reported: false,
        });
    }
    Ok(())
}
