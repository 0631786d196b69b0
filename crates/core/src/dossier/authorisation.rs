//! 授权委托书: the power of attorney a consumer signs when someone files for her. 暂行办法第十条第二款 (filings up to
//! 2026-04-14) and 办法第十一条 (from 2026-04-15) say what it must state — 委托事项、权限和期限 — and that the principal
//! signs it; which one the note names follows the case's filing date, or the print date while it has none. It is laid out by the dossier's engine and holds only what the case records: a term or an
//! address not recorded is a blank line to fill in by hand, never a guess.

use chrono::{DateTime, FixedOffset};
use printpdf::PdfDocument;

use super::layout::Layout;
use super::{chinese_date_naive, cjk_font, save};
use crate::legal::precheck::{measures, Regime};
use crate::model::CaseId;
use crate::store::Store;
use crate::{Error, Result};

const BLANK_DATE: &str = "______年____月____日";
const BLANK: &str = "________________";

fn or_blank(v: &Option<String>) -> String {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map_or_else(|| BLANK.to_owned(), str::to_owned)
}

/// The 授权委托书 of a case as PDF bytes; `at` is its date line's default and the only time it reads. A case without
/// an agent is refused: there is nobody to authorise.
pub fn render(store: &Store, case_id: CaseId, at: DateTime<FixedOffset>) -> Result<Vec<u8>> {
    let font = cjk_font()?;
    let case = store.get_case(case_id)?;
    let d = &case.data;
    let Some(agent) = &d.agent else {
        return Err(Error::invalid(
            "agent",
            "the case has no agent (委托代理人): add one to the case before making a power of attorney",
        ));
    };
    let number = crate::model::case_number(case.uid.as_deref(), case_id);
    let mut doc = PdfDocument::new("授权委托书");
    doc.resources
        .fonts
        .map
        .insert(font.id.clone(), printpdf::PdfFont::new(font.parsed.clone()));
    let mut l = Layout::new(font);
    l.centered("授权委托书", 22.0, false);
    l.space(16.0);

    let c = &d.complainant;
    l.field("委托人：", &or_blank(&c.name), 12.0);
    l.field("身份证号：", &or_blank(&c.id_number), 12.0);
    l.field("联系电话：", &or_blank(&c.phone), 12.0);
    l.field("通讯地址：", &or_blank(&c.address), 12.0);
    l.space(10.0);
    l.field("受托人：", &agent.name, 12.0);
    l.field("身份证号：", &or_blank(&agent.id_number), 12.0);
    l.field("联系电话：", &or_blank(&agent.phone), 12.0);
    if let Some(o) = agent.organisation.as_deref().filter(|s| !s.trim().is_empty()) {
        l.field("工作单位：", o, 12.0);
    }
    l.space(14.0);

    let respondent = d
        .respondent
        .name
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(BLANK);
    let mut matter = format!("委托人与{respondent}之间");
    if let Some(item) = d.purchase.item.as_deref().filter(|s| !s.trim().is_empty()) {
        matter += &format!("因“{item}”");
    }
    if let Some(order) = d.purchase.order_no.as_deref().filter(|s| !s.trim().is_empty()) {
        matter += &format!("（订单号{order}）");
    }
    matter += "发生的消费者权益争议，委托人委托受托人向市场监督管理部门及其他受理投诉的部门办理投诉事宜。";
    l.heading("一、委托事项", 13.0, false);
    l.paragraph(&matter, 12.0, 24.0);
    l.space(6.0);

    l.heading("二、委托权限", 13.0, false);
    let powers: Vec<String> = agent
        .powers
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{}. {}", i + 1, p.label_zh()))
        .collect();
    l.paragraph(&format!("{}。", powers.join("；")), 12.0, 24.0);
    l.paragraph(
        "受托人在上述权限内所为的行为，委托人予以承认；上述权限以外的事项，受托人无权代理。",
        12.0,
        24.0,
    );
    l.space(6.0);

    l.heading("三、委托期限", 13.0, false);
    let from = agent
        .term_from
        .map_or_else(|| BLANK_DATE.to_owned(), chinese_date_naive);
    let until = agent
        .term_until
        .map_or_else(|| BLANK_DATE.to_owned(), chinese_date_naive);
    l.paragraph(&format!("自{from}起至{until}止。"), 12.0, 24.0);
    l.space(24.0);

    l.field("委托人（签名）：", BLANK, 12.0);
    l.field("日期：", BLANK_DATE, 12.0);
    l.space(12.0);
    l.field("受托人（签名）：", BLANK, 12.0);
    l.field("日期：", BLANK_DATE, 12.0);
    l.space(16.0);

    // The rule that asks for it, by the regime of the filing date (the print date while the case has none); the
    // 办法 with the mark of its single copy. Before 2020 neither rule was in force: no rule is named then.
    let rule = match Regime::on(crate::legal::filing_date(d, at.date_naive())) {
        Regime::Measures => format!("（{}）", measures(11, None).label),
        Regime::Interim => "（《市场监督管理投诉举报处理暂行办法》第十条）".to_owned(),
        Regime::None => String::new(),
    };
    l.paragraph(
        &format!(
            "说明：委托他人代为投诉的，应提供授权委托书原件和受托人身份证明{rule}。本委托书须由委托人签名；\
             未填写的期限等内容请手写补全。卷宗编号 {number}，生成日期 {}。",
            chinese_date_naive(at.date_naive())
        ),
        9.0,
        0.0,
    );

    let pages = l.finish(&format!("授权委托书 · 卷宗编号 {number}"));
    doc.with_pages(pages);
    let when =
        printpdf::OffsetDateTime::from_unix_timestamp(at.timestamp()).unwrap_or(printpdf::OffsetDateTime::epoch());
    let info = &mut doc.metadata.info;
    info.document_title = "授权委托书".into();
    info.author = c.name.clone().unwrap_or_default();
    info.creator = "维权卷宗 Weiquan".into();
    info.producer = "Weiquan (printpdf)".into();
    info.identifier = number;
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
    save(doc)
}

/// Renders and writes the 授权委托书 atomically and records the export. Returns the bytes written.
pub fn write(store: &mut Store, case: CaseId, at: DateTime<FixedOffset>, out: &std::path::Path) -> Result<u64> {
    store.check_export_target(out)?;
    let bytes = render(store, case, at)?;
    crate::fsutil::write_atomically(out, &bytes)?;
    store.record_export(case, &format!("authorisation {}", out.display()))?;
    Ok(bytes.len() as u64)
}
