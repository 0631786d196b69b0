//! `weiquan legal …`: the legal knowledge base from the command line.

use chrono::NaiveDate;
use serde_json::json;
use weiquan_core::legal::remedies::compute;
use weiquan_core::legal::{kb, suggest, Citation};
use weiquan_core::model::CaseId;
use weiquan_core::Error;

use super::{open, Cli, Failure, LegalCommand};

fn today() -> NaiveDate {
    weiquan_core::clock::today()
}

fn mark(verified: bool) -> &'static str {
    if verified {
        ""
    } else {
        "【未核验】"
    }
}

pub(super) fn run(cli: &Cli, cmd: &LegalCommand) -> Result<(), Failure> {
    match cmd {
        LegalCommand::Suggest { id, today: at } => {
            let case = open(cli)?.get_case(CaseId(*id))?;
            let at = at.unwrap_or_else(today);
            let s = suggest(&case.data, at);
            let r = compute(&case.data, at);
            if cli.json {
                outln!(
                    "{}",
                    json!({ "case": case.id, "today": at, "bases": s.bases, "advice": s.advice,
                    "not_in_force": s.not_in_force, "questions": s.questions, "remedies": r })
                );
                return Ok(());
            }
            for a in &s.advice {
                outln!("⚠ {}\n", a.text);
            }
            let mut last = None;
            for b in &s.bases {
                if last != Some((b.interaction, b.problem)) {
                    match (
                        b.interaction
                            .and_then(|i| case.data.interactions.get(i).map(|it| (i, it))),
                        b.problem,
                    ) {
                        (Some((i, it)), Some(p)) => outln!(
                            "第{}次沟通（{} {}）—— {}",
                            i + 1,
                            it.occurred_at.format("%Y-%m-%d %H:%M"),
                            it.channel.label_zh(),
                            p.label_zh()
                        ),
                        _ => outln!("案件事实"),
                    }
                    last = Some((b.interaction, b.problem));
                }
                outln!(
                    "  [{}] 《{}》{}{}",
                    b.strength.label_zh(),
                    b.law,
                    b.label,
                    mark(b.text_verified)
                );
                for line in b.text.lines() {
                    outln!("      {line}");
                }
                outln!("      为什么适用：{}\n      可以主张：{}", b.why, b.allows);
            }
            if s.bases.is_empty() {
                outln!("（没有匹配的法律依据：请在沟通记录中标出出了什么问题）");
            }
            for n in &s.not_in_force {
                outln!("未引用（不在施行期内）：{n}");
            }
            if !r.lines.is_empty() {
                outln!("\n可以主张的金额：");
                for l in &r.lines {
                    outln!("  ¥{}  {}：{}", l.amount, l.basis, l.working);
                    if let Some(c) = &l.condition {
                        outln!("        条件：{c}");
                    }
                }
            }
            for m in &r.missing {
                outln!("  缺少：{m}");
            }
            for w in &r.warnings {
                outln!("  注意：{w}");
            }
            for d in &r.delays {
                outln!("\n十五日规则（{}）：{}", d.basis, d.explanation);
            }
            if !s.questions.is_empty() {
                outln!("\n请确认以下事实（影响适用的法律依据）：");
                for q in &s.questions {
                    outln!("  · {}", q.text);
                }
            }
        }
        LegalCommand::Search { text, limit } => {
            let hits = open(cli)?.search_law(text, *limit)?;
            if cli.json {
                outln!("{}", json!(hits));
            } else if hits.is_empty() {
                errln!("（没有找到包含“{text}”的条文）");
            } else {
                for h in hits {
                    outln!(
                        "《{}》{}{}\n    {}",
                        h.law,
                        h.label,
                        mark(h.text_verified),
                        h.snippet.replace('\n', " ")
                    );
                }
            }
        }
        LegalCommand::Show { law, article } => {
            let l = kb().resolve_law(law).ok_or_else(|| {
                let known: Vec<_> = kb().laws().map(|l| l.short.as_str()).collect();
                Error::invalid(
                    "law",
                    format!(
                        "unknown law {law:?}; known: {}, or 消法, 条例, 个保法, 电商法, 办法, 处罚办法",
                        known.join("、")
                    ),
                )
            })?;
            let c = Citation::parse(&l.short, article).ok_or_else(|| {
                Error::invalid(
                    "article",
                    format!("{article:?} is not an article reference such as 20, 第二十条第二款 or 56-1-8"),
                )
            })?;
            let store = open(cli)?;
            let a = store.law_article(&l.short, c.article)?.ok_or_else(|| {
                let cited = kb()
                    .source_citations
                    .iter()
                    .find(|s| s.law == l.short && s.article == c.article);
                let why = cited.map_or(String::new(), |s| {
                    format!(" — the source article cites it: {}", s.verdict.label_zh())
                });
                Error::invalid(
                    "article",
                    format!("{}{} is not in the verified data{why}", l.short, c.label()),
                )
            })?;
            let part = kb().cited_text(&c).map_err(|e| Error::invalid("article", e))?;
            if cli.json {
                outln!(
                    "{}",
                    json!({ "law": l.short, "law_full": l.full, "version": l.version, "article": a.number,
                    "paragraph": c.paragraph, "item": c.item, "label": kb().label(&c), "text": part, "article_text": a.text,
                    "text_verified": l.text_verified, "verification_note": l.verification_note, "source": a.source })
                );
            } else {
                outln!(
                    "《{}》{}{}\n版本：{}（{} 起施行）",
                    l.full,
                    kb().label(&c),
                    mark(l.text_verified),
                    l.version,
                    l.effective_date
                );
                if let Some(n) = &l.verification_note {
                    outln!("说明：{n}");
                }
                outln!();
                if c.paragraph.is_some() {
                    outln!("{part}\n\n全文（{}）：", a.label);
                }
                outln!("{}", a.text);
            }
        }
        LegalCommand::Check { id, filing_date } => {
            let store = open(cli)?;
            let case = store.get_case(CaseId(*id))?;
            let (date, findings) = store.precheck(case.id, *filing_date, today())?;
            let blocking = findings.iter().filter(|f| f.blocking).count();
            if cli.json {
                outln!(
                    "{}",
                    json!({ "case": case.id, "filing_date": date, "findings": findings })
                );
            } else if findings.is_empty() {
                outln!("预检通过：按 {date} 适用的规则，没有发现会导致不予受理的问题。");
            } else {
                outln!("按 {date} 适用的规则预检：");
                for f in findings {
                    outln!("{} {}", if f.blocking { "✗" } else { "!" }, f.message);
                    outln!("    怎么改：{}", f.fix);
                    for r in f.rules {
                        outln!("    依据：{}{}", r.label, mark(r.verified));
                        if let Some(t) = r.text {
                            outln!("          {}", t.replace('\n', " "));
                        }
                    }
                }
            }
            if blocking > 0 {
                return Err(Failure {
                    code: 7,
                    error: Error::invalid(
                        "case",
                        format!("{blocking} finding(s) would get the complaint refused; fix them first"),
                    ),
                    reported: true,
                });
            }
        }
        LegalCommand::Include { id, rule } | LegalCommand::Exclude { id, rule } => {
            let include = matches!(cmd, LegalCommand::Include { .. });
            let mut store = open(cli)?;
            let warnings = store.set_basis_included(CaseId(*id), rule, include)?;
            for w in &warnings {
                errln!("weiquan: warning: {w}");
            }
            if cli.json {
                outln!("{}", json!({ "id": id, "rule": rule, "included": include }));
            } else {
                errln!(
                    "{rule}: {}",
                    crate::term::say(
                        if include {
                            "将写入投诉卷宗"
                        } else {
                            "不写入投诉卷宗和 12315 文本"
                        }
                        .into(),
                        if include {
                            "put into the dossier"
                        } else {
                            "left out of the dossier and the 12315 text"
                        }
                        .into()
                    )
                );
            }
        }
        LegalCommand::ArticleCitations => {
            let kb = kb();
            let rows: Vec<_> = kb
                .source_citations
                .iter()
                .map(|s| {
                    let corrections: Vec<_> = s
                        .corrections
                        .iter()
                        .map(|c| json!({ "label": kb.full_label(c), "text": kb.cited_text(c).ok() }))
                        .collect();
                    json!({ "cited": s.cited, "claim": s.claim, "verdict": s.verdict, "verdict_zh": s.verdict.label_zh(),
                        "explanation": s.explanation, "corrections": corrections })
                })
                .collect();
            if cli.json {
                outln!("{}", json!(rows));
            } else {
                for s in &kb.source_citations {
                    outln!(
                        "{}（原文所称：{}）\n  结论：{}\n  {}",
                        s.cited,
                        s.claim,
                        s.verdict.label_zh(),
                        s.explanation
                    );
                    for c in &s.corrections {
                        outln!("  → 应引用 {}", kb.full_label(c));
                    }
                    outln!();
                }
            }
        }
    }
    Ok(())
}
