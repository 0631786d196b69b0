//! The dossier's sections, one function each, in the order they are printed: 封面, 一 投诉人, 二 被投诉人, 三 投诉请求
//! (with what the recorded facts let the app compute), 四 事实与理由 (the contacts in time order, in the agent's own
//! words), 五 法律依据 (verbatim), 六 证据清单 (with hashes), 附件 (the images), 结尾. Each reads only [`Sources`], so
//! each can be rendered and checked on its own.

use chrono::{DateTime, Datelike, FixedOffset};
use printpdf::{PdfDocument, XObjectId};

use super::layout::{Column, Layout, TEXT_W};
use super::{
    addressee, chinese_date, chinese_date_naive, cited_provisions_with, filing_text, prepare_images, size_text,
    ManifestEntry,
};
use crate::evidence::{Vault, INTEGRITY_WORDING};
use crate::legal::{self, LegalReview};
use crate::model::{CaseData, DemandKind, Interaction};
use crate::store::{AuditHead, EvidenceItem};
use crate::{Error, Result};

/// Everything a section may print: the case, its evidence and manifest, the legal review, the export's time and
/// number, the manifest's hash and the audit anchor.
#[derive(Debug)]
pub(super) struct Sources<'a> {
    pub case: &'a CaseData,
    pub items: &'a [EvidenceItem],
    /// The public version: personal data masked before it got here, no images, no signature.
    pub public: bool,
    /// In the public version, the kinds of data that were masked (the closing line names only these).
    pub masked_kinds: Vec<&'static str>,
    pub entries: &'a [ManifestEntry],
    pub review: &'a LegalReview,
    pub at: DateTime<FixedOffset>,
    pub number: String,
    pub manifest_hash: String,
    pub audit_head: Option<AuditHead>,
    /// The contacts in time order: the numbering of 事实与理由 and of the evidence list's 证明的事实.
    pub ordered: Vec<&'a Interaction>,
}

fn or_none(v: &Option<String>) -> String {
    v.as_deref()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or("（未填写）")
        .to_owned()
}

/// 封面: title, parties, date and number — what a lay reader and a regulator look for first. The integrity values
/// (the manifest hash, the audit anchor) are at the end of the evidence list, where they are explained.
pub(super) fn cover(l: &mut Layout<'_>, s: &Sources<'_>) {
    let d = s.case;
    l.space(120.0);
    l.centered(
        if s.public {
            "消费者投诉材料（公开版）"
        } else {
            "消费者投诉材料"
        },
        26.0,
        false,
    );
    l.space(14.0);
    l.centered(&d.title, 15.0, false);
    l.space(40.0);
    l.field("投诉人：", &or_none(&d.complainant.name), 12.0);
    l.field("被投诉人：", &or_none(&d.respondent.name), 12.0);
    l.field("日期：", &chinese_date(s.at), 12.0);
    l.field("卷宗编号：", &s.number, 12.0);
    l.bookmarks.push(("封面".into(), 0));
    l.new_page();
}

/// The end of the evidence list: what the hashes do and do not show, in one plain sentence, then the two values a
/// technical reader can check (the manifest's hash, and the audit log's head when the library has one).
fn integrity(l: &mut Layout<'_>, s: &Sources<'_>) {
    l.space(6.0);
    // Says only what is there: one value or two, and the table above only when there is one.
    let like_the_table = if s.entries.is_empty() {
        ""
    } else {
        "与上表的 SHA-256 值一样，"
    };
    let sentence = if s.audit_head.is_some() {
        format!(
            "以下两个值供日后核对本清单和本软件的操作记录在本材料生成后未被改动；\
             它们{like_the_table}只能说明文件和记录未被改动，不能证明证据形成时的真实性。"
        )
    } else {
        format!(
            "以下的值供日后核对本清单在本材料生成后未被改动；\
             它{like_the_table}只能说明清单未被改动，不能证明证据形成时的真实性。"
        )
    };
    l.paragraph(&sentence, 9.0, 0.0);
    l.field("证据清单 SHA-256：", &s.manifest_hash, 8.5);
    if let Some(head) = &s.audit_head {
        l.field("操作记录锚点：", &head.to_string(), 8.0);
    }
}

/// 一、投诉人.
pub(super) fn complainant(l: &mut Layout<'_>, s: &Sources<'_>) {
    let d = s.case;
    l.heading("一、投诉人", 15.0, true);
    let c = &d.complainant;
    l.field("姓名：", &or_none(&c.name), 11.0);
    l.field("联系电话：", &or_none(&c.phone), 11.0);
    l.field("通讯地址：", &or_none(&c.address), 11.0);
    if let Some(idn) = c.id_number.as_deref().filter(|s| !s.is_empty()) {
        l.field("身份证号：", idn, 11.0);
    }
    if let Some(a) = &d.agent {
        l.field("委托代理人：", &a.name, 11.0);
        if let Some(o) = a.organisation.as_deref().filter(|s| !s.trim().is_empty()) {
            l.field("代理人单位：", o, 11.0);
        }
        l.field("代理人电话：", &or_none(&a.phone), 11.0);
        let powers: Vec<&str> = a.powers.iter().map(|p| p.label_zh()).collect();
        l.field("代理权限：", &powers.join("、"), 11.0);
    }
}

/// 二、被投诉人.
pub(super) fn respondent(l: &mut Layout<'_>, s: &Sources<'_>) {
    let d = s.case;
    l.heading("二、被投诉人", 15.0, true);
    let r = &d.respondent;
    l.field("名称：", &or_none(&r.name), 11.0);
    l.field("统一社会信用代码：", &or_none(&r.credit_code), 11.0);
    l.field("地址：", &or_none(&r.address), 11.0);
    let shop = [&r.platform, &r.shop]
        .iter()
        .filter_map(|v| v.as_deref())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>();
    if !shop.is_empty() {
        l.field("平台及店铺：", &shop.join(" · "), 11.0);
    }
    if let Some(url) = r.url.as_deref().filter(|s| !s.is_empty()) {
        l.field("网址：", url, 11.0);
    }
}

/// 三、投诉请求, each with the computation the recorded facts support (or the note that none does).
pub(super) fn demands(l: &mut Layout<'_>, s: &Sources<'_>) {
    let d = s.case;
    l.heading("三、投诉请求", 15.0, true);
    if d.demands.is_empty() {
        l.paragraph("（投诉人尚未填写具体请求。）", 11.0, 0.0);
    }
    for (i, dm) in d.demands.iter().enumerate() {
        let amount = dm.amount.map_or(String::new(), |m| format!(" {m} 元"));
        let text = dm.text.as_deref().map_or(String::new(), |t| format!("（{t}）"));
        l.paragraph(&format!("{}. {}{amount}{text}", i + 1, dm.kind.label_zh()), 11.0, 0.0);
        for w in s.review.remedies.lines.iter().filter(|line| line.demand == Some(i)) {
            l.paragraph(&format!("计算：{}（依据{}）", w.working, w.basis), 9.5, 16.0);
        }
        // A figure the recorded facts do not support is not computed; the document for the regulator says only that
        // (what to do about it is the app's advice to her, never a note in what she files).
        let computed = s.review.remedies.lines.iter().any(|line| line.demand == Some(i));
        if matches!(dm.kind, DemandKind::PunitiveDamages | DemandKind::Compensation) && !computed {
            l.paragraph("（本项请求未列计算依据。）", 9.5, 16.0);
        }
    }
}

/// 四、事实与理由: the purchase, every contact in time order with the words as recorded, the events after filing and the history of each demand.
pub(super) fn facts(l: &mut Layout<'_>, s: &Sources<'_>) {
    let d = s.case;
    l.heading("四、事实与理由", 15.0, true);
    let p = &d.purchase;
    let mut bought = String::from("投诉人");
    if let Some(date) = p.date {
        bought += &format!("于{}年{}月{}日", date.year(), date.month(), date.day());
    }
    bought += &format!("向被投诉人购买{}", p.item.as_deref().unwrap_or("商品或服务"));
    if let Some(a) = p.amount {
        bought += &format!("，支付 {a} 元");
    }
    if let Some(o) = p.order_no.as_deref().filter(|s| !s.is_empty()) {
        bought += &format!("，订单号 {o}");
    }
    bought += if p.personal_use {
        "，系为生活消费需要购买。"
    } else {
        "。"
    };
    l.paragraph(&bought, 11.0, 0.0);
    for (n, it) in s.ordered.iter().enumerate() {
        let mut head = format!(
            "（{}）{} {}，{}",
            legal::numerals::to_chinese(n as u32 + 1),
            chinese_date(it.occurred_at),
            it.occurred_at.format("%H:%M"),
            it.channel.label_zh()
        );
        let who = it.speaker().label_zh();
        if let Some(a) = it.agent.as_deref().filter(|s| !s.is_empty()) {
            head += &format!("，{who}“{a}”");
        }
        if let Some(a) = it.agent_id.as_deref().filter(|s| !s.is_empty()) {
            head += &format!("（工号 {a}）");
        }
        if let Some(t) = it.ticket_no.as_deref().filter(|s| !s.is_empty()) {
            head += &format!("，工单号 {t}");
        }
        l.ensure(60.0);
        l.paragraph(&head, 11.0, 0.0);
        if let Some(q) = it.question.as_deref().filter(|s| !s.is_empty()) {
            l.paragraph(&format!("投诉人{}：“{q}”", super::her_verb(q)), 10.5, 16.0);
        }
        if let Some(a) = it.answer.as_deref().filter(|s| !s.is_empty()) {
            l.paragraph(&format!("{who}答：“{a}”"), 10.5, 16.0);
        }
        if !it.problems.is_empty() {
            let ps: Vec<_> = it.problems.iter().map(|p| p.label_zh()).collect();
            l.paragraph(&format!("存在的问题：{}", ps.join("；")), 10.5, 16.0);
        }
        if let Some(loss) = it.loss.filter(|m| m.fen() > 0) {
            l.paragraph(&format!("造成损失：{loss} 元"), 10.5, 16.0);
        }
        if let Some(note) = it.note.as_deref().filter(|s| !s.is_empty()) {
            l.paragraph(&format!("补充说明：{note}"), 10.5, 16.0);
        }
        let exhibits: Vec<String> = s
            .items
            .iter()
            .enumerate()
            .filter(|(_, e)| it.id.is_some_and(|iid| e.interactions.contains(&iid)))
            .map(|(k, _)| format!("证据{}", k + 1))
            .collect();
        if !exhibits.is_empty() {
            l.paragraph(&format!("证据：{}", exhibits.join("、")), 10.5, 16.0);
        }
    }
    if !d.events.is_empty() {
        l.ensure(40.0);
        l.paragraph("投诉处理经过：", 11.0, 0.0);
        for e in &d.events {
            let mut line = format!("{}，{}", chinese_date_naive(e.date), e.kind.label_zh());
            if let Some(c) = e.channel.as_deref().and_then(crate::deadlines::route::channel) {
                line += &format!("，渠道：{}", c.name);
            }
            if let Some(r) = e.reference.as_deref().filter(|s| !s.is_empty()) {
                line += &format!("，登记编号 {r}");
            }
            if let Some(note) = e.note.as_deref().filter(|s| !s.is_empty()) {
                line += &format!("：{note}");
            }
            if let Some(k) = e
                .evidence
                .as_deref()
                .and_then(|sha| s.items.iter().position(|i| i.sha256 == sha))
            {
                line += &format!("（证据{}）", k + 1);
            }
            line.push('。');
            l.paragraph(&line, 10.5, 16.0);
        }
    }
    for line in filing_text::demand_history(d, false) {
        l.paragraph(&line, 11.0, 0.0);
    }
}

/// 五、法律依据: grouped by law, the version once per law, each article once, its cited parts verbatim.
pub(super) fn legal_bases(l: &mut Layout<'_>, s: &Sources<'_>) {
    l.heading("五、法律依据", 15.0, true);
    let extra: Vec<legal::Citation> = s
        .review
        .remedies
        .lines
        .iter()
        .flat_map(|l| l.cites.iter().cloned())
        .collect();
    let groups = cited_provisions_with(&s.review.suggestions.bases, &extra);
    if groups.is_empty() {
        l.paragraph("（未选择法律依据。）", 11.0, 0.0);
    }
    // Grouped by law, the version stated once per law; each article once, its cited parts quoted verbatim.
    let mut n = 0;
    for g in &groups {
        l.ensure(70.0);
        l.paragraph(&format!("《{}》（{}）", g.law_full, g.version), 11.0, 0.0);
        if !g.text_verified {
            l.paragraph("［以官方公布的文本为准］", 9.0, 16.0);
        }
        for (label, text) in &g.provisions {
            n += 1;
            l.ensure(40.0);
            l.paragraph(&format!("{n}. {label}"), 10.5, 16.0);
            l.paragraph(text, 10.5, 32.0);
        }
    }
    l.space(4.0);
}

/// 六、证据清单: one row per exhibit with its hash, the times it reports and was imported, and what it proves.
pub(super) fn evidence_list(l: &mut Layout<'_>, s: &Sources<'_>) {
    l.heading("六、证据清单", 15.0, true);
    if s.entries.is_empty() {
        l.paragraph("（尚未添加证据。）", 11.0, 0.0);
    } else {
        let cols = [
            ("编号", 0.07),
            ("说明 / 类型 / 大小", 0.22),
            ("SHA-256", 0.25),
            ("文件自述时间", 0.13),
            ("导入时间", 0.13),
            ("证明的事实", 0.20),
        ];
        let columns: Vec<Column> = cols
            .iter()
            .map(|(h, f)| Column {
                header: (*h).into(),
                width: TEXT_W * f,
            })
            .collect();
        let rows: Vec<Vec<String>> = s
            .entries
            .iter()
            .zip(s.items)
            .map(|(e, it)| {
                let facts: Vec<String> = it
                    .interactions
                    .iter()
                    .filter_map(|iid| s.ordered.iter().position(|x| x.id == Some(*iid)))
                    .map(|k| format!("第{}次沟通", k + 1))
                    .collect();
                vec![
                    format!("证据{}", e.number),
                    format!("{}\n{}\n{}", e.description, e.content_type, size_text(e.size)),
                    // In groups of 16, so a wrapped hash breaks between groups and stays easy to compare.
                    e.sha256
                        .as_bytes()
                        .chunks(16)
                        .map(|c| String::from_utf8_lossy(c).into_owned())
                        .collect::<Vec<_>>()
                        .join(" "),
                    it.reported_at.clone().map_or("无".into(), |t| t.replace('T', " ")),
                    it.imported_at.replace('T', " ").chars().take(19).collect(),
                    if facts.is_empty() {
                        "整体案情".into()
                    } else {
                        facts.join("、")
                    },
                ]
            })
            .collect();
        l.table(&columns, &rows, 8.0);
        l.space(6.0);
        l.paragraph(
            &format!("以上证据文件{INTEGRITY_WORDING}：各文件的 SHA-256 值在导入时计算，可用任何 SHA-256 工具复核。该校验不能证明文件形成时的真实性，原始设备与账号由投诉人保存备查。"),
            9.0,
            0.0,
        );
    }
    integrity(l, s);
}

/// 附件: every image exhibit, embedded (a picture that cannot be embedded is named instead).
pub(super) fn image_annex(l: &mut Layout<'_>, doc: &mut PdfDocument, s: &Sources<'_>, vault: &Vault) -> Result<()> {
    let images: Vec<(usize, &EvidenceItem)> = s
        .items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.content_type.starts_with("image/"))
        .collect();
    if !images.is_empty() {
        l.new_page();
        l.heading("附件：图片证据", 15.0, true);
        // Decoding and downscaling photos is the slow part: done on every core, laid out in order afterwards.
        let prepared = prepare_images(&images, |(_, it)| {
            let path = vault.object_path(&it.sha256)?;
            let bytes = std::fs::read(&path).map_err(|e| Error::io("read", &path, e))?;
            Ok((bytes, it.content_type.clone()))
        })?;
        for ((k, it), image) in images.into_iter().zip(prepared) {
            let id = XObjectId(format!("Im{:03}", k + 1));
            let caption = format!("证据{}：{}（{}）", k + 1, s.entries[k].description, it.original_name);
            match image {
                Some((x, w, h)) => {
                    doc.resources.xobjects.map.insert(id.clone(), x);
                    l.image(&caption, id, w as f32, h as f32, TEXT_W, 560.0);
                }
                None => {
                    l.paragraph(&format!("{caption}：图片无法在此显示，请查看原始文件。"), 10.0, 0.0);
                }
            }
        }
    }
    Ok(())
}

/// 结尾: 以上情况属实, the addressee, the signature and date lines — before the attached pictures, so the signature
/// closes the text she signs rather than standing alone after the images.
pub(super) fn closing(l: &mut Layout<'_>, s: &Sources<'_>) {
    let d = s.case;
    l.ensure(150.0);
    l.space(20.0);
    if s.public {
        let images = s
            .items
            .iter()
            .filter(|it| it.content_type.starts_with("image/"))
            .count();
        let masked = if s.masked_kinds.is_empty() {
            "没有隐去任何内容".to_owned()
        } else {
            format!("{}已隐去", s.masked_kinds.join("、"))
        };
        l.paragraph(
            &format!(
                "本文为投诉材料的公开版：内容依投诉人的记录整理，{masked}；\
                 图片证据（{images}份）未附，原件由投诉人保存。公开版不是提交给受理部门的正式材料。"
            ),
            10.0,
            0.0,
        );
        return;
    }
    l.paragraph("以上情况属实。恳请贵部门依法受理，并支持投诉人的上述请求。", 11.0, 0.0);
    l.space(10.0);
    l.paragraph("此致", 11.0, 24.0);
    l.paragraph(&addressee(d, s.at.date_naive()), 11.0, 0.0);
    l.space(24.0);
    l.paragraph("投诉人（签名）：________________", 11.0, 220.0);
    l.paragraph(&format!("日期：{}", chinese_date(s.at)), 11.0, 220.0);
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::model::{Demand, Money};

    fn case() -> CaseData {
        let text = include_str!("../../data/demo-case.json");
        crate::exchange::parse(text).unwrap().case
    }

    /// Renders one section of `d` and returns its text, lines joined.
    fn text_of(d: &CaseData, section: fn(&mut Layout<'_>, &Sources<'_>)) -> String {
        let at = DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap();
        let review = legal::review(d, at.date_naive());
        let s = Sources {
            case: d,
            items: &[],
            public: false,
            masked_kinds: Vec::new(),
            entries: &[],
            review: &review,
            at,
            number: "WQ-20261128-0001".into(),
            manifest_hash: "0".repeat(64),
            audit_head: None,
            ordered: d.interactions.iter().collect(),
        };
        let mut l = Layout::new(super::super::cjk_font().unwrap());
        section(&mut l, &s);
        l.lines.concat()
    }

    #[test]
    fn the_cover_names_the_parties_and_leaves_out_an_anchor_it_does_not_have() {
        let d = case();
        let t = text_of(&d, cover);
        assert!(t.contains("消费者投诉材料") && t.contains("WQ-20261128-0001"));
        assert!(t.contains(d.respondent.name.as_deref().unwrap()));
        assert!(!t.contains("操作记录锚点："));
        assert!(
            !t.contains("SHA-256"),
            "integrity details are in the evidence list, not on the cover"
        );
    }

    #[test]
    fn the_complainant_shows_an_id_number_only_when_given() {
        let mut d = case();
        d.complainant.id_number = None;
        assert!(!text_of(&d, complainant).contains("身份证号"));
        d.complainant.name = None;
        assert!(text_of(&d, complainant).contains("（未填写）"));
    }

    #[test]
    fn demands_say_when_there_are_none_and_when_the_facts_support_no_figure() {
        let mut d = case();
        d.demands.clear();
        assert!(text_of(&d, demands).contains("（投诉人尚未填写具体请求。）"));
        let mut punitive = Demand::new(DemandKind::PunitiveDamages);
        punitive.amount = Money::from_fen(50_000);
        d.demands = vec![punitive];
        for it in &mut d.interactions {
            it.before_purchase = Some(false);
        }
        let t = text_of(&d, demands);
        assert!(t.contains("（本项请求未列计算依据。）"), "{t}");
        assert!(
            !t.contains("请投诉人"),
            "no note to the consumer in what she files: {t}"
        );
    }

    #[test]
    fn facts_quote_the_agent_verbatim_in_time_order() {
        let d = case();
        let t = text_of(&d, facts);
        for it in &d.interactions {
            if let Some(a) = it.answer.as_deref().filter(|a| !a.is_empty()) {
                let first = a.chars().take(8).collect::<String>();
                assert!(t.contains(&first), "{first}");
            }
        }
        assert!(t.contains("（一）"));
    }

    #[test]
    fn an_empty_evidence_list_says_so() {
        let t = text_of(&case(), evidence_list);
        assert!(t.contains("（尚未添加证据。）"));
        // No table and no audit anchor here: the closing sentence speaks of one value and no table.
        assert!(
            t.contains("以下的值") && !t.contains("两个值") && !t.contains("上表"),
            "{t}"
        );
    }

    #[test]
    fn the_closing_is_signed_as_true_and_addressed() {
        let t = text_of(&case(), closing);
        assert!(t.contains("以上情况属实") && t.contains("此致") && t.contains("投诉人（签名）"));
    }
}
