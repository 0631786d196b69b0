//! The complaint dossier: the case as a PDF a regulator or judge can read — who complains against whom, what they
//! demand, what happened in order with the agent's own words, the legal bases quoted verbatim, and the evidence
//! with its hashes and the images themselves.
//!
//! The same case and the same export time give the same bytes: resource names are fixed, the PDF's /ID is derived
//! from the content, and nothing reads the clock. The file is written beside its target and renamed into place.

mod demo;
mod filing_text;
mod font;
mod layout;
mod package;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Datelike, FixedOffset};
use printpdf::{
    DictItem, ExternalStream, ExternalXObject, OffsetDateTime, PageAnnotId, PageAnnotation, PdfDocument,
    PdfSaveOptions, Px, RawImage, XObject, XObjectId,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::fsutil::write_atomically;
pub use demo::{demo, DemoReport, DEMO_CASE};
pub use filing_text::{filing_text, BlockKind, FilingBlock};
pub use font::cjk_font;
pub use layout::wrap;
use layout::{Column, Layout, TEXT_W};
pub use package::{package, PackageReport};

use crate::evidence::INTEGRITY_WORDING;
use crate::fsutil::hex;
use crate::legal;
use crate::model::{CaseId, DemandKind};
use crate::store::{EvidenceItem, Store};
use crate::{Error, Result};

/// A file the app exported, for the UI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Exported {
    pub path: String,
    pub bytes: u64,
}

/// One exhibit in the evidence manifest (the same list the PDF and the evidence package show).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ManifestEntry {
    pub number: usize,
    /// `证据01-下单前聊天截图.png`
    pub file_name: String,
    pub description: String,
    pub original_name: String,
    pub content_type: String,
    pub size: u64,
    pub sha256: String,
    pub sm3: String,
}

fn extension(item: &EvidenceItem) -> String {
    let from_name = Path::new(&item.original_name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .filter(|e| e.len() <= 5 && e.chars().all(|c| c.is_ascii_alphanumeric()));
    let from_type = match item.content_type.as_str() {
        "image/png" => Some("png"),
        "image/jpeg" => Some("jpg"),
        "application/pdf" => Some("pdf"),
        "text/plain" => Some("txt"),
        "text/html" => Some("html"),
        _ => None,
    };
    from_name
        .or(from_type.map(str::to_owned))
        .unwrap_or_else(|| "bin".into())
}

/// The exhibits of a case, numbered in import order, with file names that say what each is.
pub fn manifest(items: &[EvidenceItem]) -> Vec<ManifestEntry> {
    items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let description = it.description.clone().unwrap_or_else(|| {
                Path::new(&it.original_name)
                    .file_stem()
                    .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
            });
            let safe = crate::fsutil::safe_file_name(&description, 120);
            ManifestEntry {
                number: i + 1,
                file_name: crate::fsutil::safe_file_name(&format!("证据{:02}-{safe}.{}", i + 1, extension(it)), 200),
                description,
                original_name: it.original_name.clone(),
                content_type: it.content_type.clone(),
                size: it.size,
                sha256: it.sha256.clone(),
                sm3: it.sm3.clone(),
            }
        })
        .collect()
}

/// The SHA-256 of the manifest's canonical JSON: one value on the cover that pins every exhibit.
pub fn manifest_sha256(entries: &[ManifestEntry]) -> String {
    let json = serde_json::to_string(entries).unwrap_or_default();
    hex(&Sha256::digest(json.as_bytes()))
}

/// `WQ-20261128-0007`
pub fn dossier_number(case: CaseId, at: DateTime<FixedOffset>) -> String {
    format!("WQ-{}-{:04}", at.format("%Y%m%d"), case.0)
}

fn chinese_date(at: DateTime<FixedOffset>) -> String {
    chinese_date_naive(at.date_naive())
}

fn chinese_date_naive(d: chrono::NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn size_text(n: u64) -> String {
    match n {
        n if n >= 1 << 20 => format!("{:.1} MB", n as f64 / (1u64 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.1} KB", n as f64 / 1024.0),
        n => format!("{n} B"),
    }
}

/// The longest side an embedded image keeps; larger photos are downscaled for print (the original is untouched).
const PRINT_MAX_PX: u32 = 2400;

/// A JPEG as an image XObject, embedded as it is (DCTDecode): no decoding, no re-encoding.
fn dct_xobject(jpeg: Vec<u8>, w: u32, h: u32, channels: u8) -> Option<XObject> {
    let space = match channels {
        1 => "DeviceGray",
        3 => "DeviceRGB",
        _ => return None,
    };
    let dict = BTreeMap::from([
        ("Type".to_owned(), DictItem::Name(b"XObject".to_vec())),
        ("Subtype".to_owned(), DictItem::Name(b"Image".to_vec())),
        ("Width".to_owned(), DictItem::Int(i64::from(w))),
        ("Height".to_owned(), DictItem::Int(i64::from(h))),
        ("ColorSpace".to_owned(), DictItem::Name(space.as_bytes().to_vec())),
        ("BitsPerComponent".to_owned(), DictItem::Int(8)),
        ("Filter".to_owned(), DictItem::Name(b"DCTDecode".to_vec())),
    ]);
    let stream = ExternalStream {
        dict,
        content: jpeg,
        compress: false,
    };
    Some(XObject::External(ExternalXObject {
        stream,
        width: Some(Px(w as usize)),
        height: Some(Px(h as usize)),
        dpi: Some(72.0),
    }))
}

/// Registers an image exhibit as an XObject. A JPEG that fits the print size is passed through untouched; a larger
/// photo is downscaled for print and stored as JPEG; other images (screenshots) are stored losslessly, downscaled
/// only if huge. The original in the vault is never changed. Returns (width, height) in pixels.
fn add_image(doc: &mut PdfDocument, id: &XObjectId, bytes: &[u8], content_type: &str) -> Option<(u32, u32)> {
    let reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    let (w, h) = reader.into_dimensions().ok()?;
    let is_jpeg = content_type == "image/jpeg";
    if is_jpeg && w.max(h) <= PRINT_MAX_PX {
        let channels = jpeg_channels(bytes)?;
        if let Some(x) = dct_xobject(bytes.to_vec(), w, h, channels) {
            doc.resources.xobjects.map.insert(id.clone(), x);
            return Some((w, h));
        }
    }
    let mut img = image::load_from_memory(bytes).ok()?;
    if img.width().max(img.height()) > PRINT_MAX_PX {
        img = img.thumbnail(PRINT_MAX_PX, PRINT_MAX_PX);
    }
    let img = image::DynamicImage::ImageRgb8(img.to_rgb8());
    let (w, h) = (img.width(), img.height());
    if is_jpeg {
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85))
            .ok()?;
        let x = dct_xobject(out.into_inner(), w, h, 3)?;
        doc.resources.xobjects.map.insert(id.clone(), x);
        return Some((w, h));
    }
    let raw = RawImage::from_dynamic_image(img).ok()?;
    doc.resources.xobjects.map.insert(id.clone(), XObject::Image(raw));
    Some((w, h))
}

/// The number of colour components of an image, read from its header by the decoder (no pixel decoding).
fn jpeg_channels(bytes: &[u8]) -> Option<u8> {
    use image::ImageDecoder;
    let decoder = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?
        .into_decoder()
        .ok()?;
    Some(decoder.color_type().channel_count())
}

/// The laws a dossier quotes: the bases the user kept, each article once even where several rules cite it, grouped
/// by law in the order they first appear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LawGroup {
    pub law: String,
    pub law_full: String,
    pub version: String,
    pub text_verified: bool,
    /// (label, verbatim text) per article: the whole article, or its cited paragraphs and items in order.
    pub provisions: Vec<(String, String)>,
}

pub fn cited_provisions(bases: &[legal::SuggestedBasis]) -> Vec<LawGroup> {
    let kb = legal::kb();
    let kept: Vec<&legal::SuggestedBasis> = bases.iter().filter(|b| b.included).collect();
    let mut groups: Vec<LawGroup> = Vec::new();
    let mut articles: Vec<(String, u32)> = Vec::new();
    for b in &kept {
        if !articles.contains(&(b.law.clone(), b.article)) {
            articles.push((b.law.clone(), b.article));
        }
    }
    for (law, article) in articles {
        let Some(first) = kept.iter().find(|b| b.law == law && b.article == article) else {
            continue;
        };
        let mut cites: Vec<legal::Citation> = kept
            .iter()
            .filter(|b| b.law == law && b.article == article)
            .map(|b| legal::Citation {
                law: law.clone(),
                article,
                paragraph: b.paragraph,
                item: b.item,
            })
            .collect();
        cites.sort();
        cites.dedup();
        // A whole-article citation covers its parts; a paragraph covers its items.
        if cites.iter().any(|c| c.paragraph.is_none()) {
            cites.retain(|c| c.paragraph.is_none());
        }
        let paragraphs: Vec<Option<u32>> = cites.iter().filter(|c| c.item.is_none()).map(|c| c.paragraph).collect();
        cites.retain(|c| c.item.is_none() || !paragraphs.contains(&c.paragraph));
        let provisions = cites
            .iter()
            .filter_map(|c| kb.cited_text(c).ok().map(|t| (kb.label(c), t)))
            .collect::<Vec<_>>();
        match groups.iter_mut().find(|g| g.law == law) {
            Some(g) => g.provisions.extend(provisions),
            None => groups.push(LawGroup {
                law: law.clone(),
                law_full: first.law_full.clone(),
                version: first.version.clone(),
                text_verified: first.text_verified,
                provisions,
            }),
        }
    }
    groups
}

/// Whom the dossier is addressed to: the body the case was filed with, else the industry's channel on its route.
pub fn addressee(case: &crate::model::CaseData, today: chrono::NaiveDate) -> String {
    use crate::deadlines::route;
    let filed = case
        .events
        .iter()
        .rev()
        .find(|e| e.kind == crate::model::EventKind::Filed)
        .and_then(|e| route::channel(e.channel.as_deref().unwrap_or("12315")));
    let next = || {
        route::route(case, &crate::calendar::Calendar::built_in(), today)
            .into_iter()
            .map(|s| s.channel)
            .find(|c| !matches!(c.id.as_str(), "police" | "company" | "12321"))
    };
    filed
        .cloned()
        .or_else(next)
        .and_then(|c| c.addressee)
        .unwrap_or_else(|| "市场监督管理部门".to_owned())
}

/// Renders the dossier of a case as PDF bytes. `at` is the export time printed in it (and the only time it uses).
pub fn render(store: &Store, case_id: CaseId, at: DateTime<FixedOffset>) -> Result<Vec<u8>> {
    let font = cjk_font()?;
    let case = store.get_case(case_id)?;
    let d = &case.data;
    let items = store.list_evidence(case_id)?;
    let entries = manifest(&items);
    let manifest_hash = manifest_sha256(&entries);
    let number = dossier_number(case_id, at);
    let today = at.date_naive();
    let review = legal::review(d, today);
    let none = "（未填写）";
    let or_none = |v: &Option<String>| v.as_deref().filter(|s| !s.trim().is_empty()).unwrap_or(none).to_owned();

    let mut doc = PdfDocument::new(&format!("投诉材料：{}", d.title));
    doc.resources
        .fonts
        .map
        .insert(font.id.clone(), printpdf::PdfFont::new(font.parsed.clone()));
    let mut l = Layout::new(font);

    // 封面
    l.space(120.0);
    l.centered("消费者投诉材料", 26.0, false);
    l.space(14.0);
    l.centered(&d.title, 15.0, false);
    l.space(40.0);
    l.field("投诉人：", &or_none(&d.complainant.name), 12.0);
    l.field("被投诉人：", &or_none(&d.respondent.name), 12.0);
    l.field("日期：", &chinese_date(at), 12.0);
    l.field("卷宗编号：", &number, 12.0);
    l.field("证据清单 SHA-256：", &manifest_hash, 10.0);
    if let Some(head) = store.audit_head()? {
        l.field("操作记录锚点：", &head.to_string(), 8.0);
    }
    l.space(24.0);
    l.paragraph(
        "本材料由投诉人使用“维权卷宗”整理。证据清单列出每份证据文件在本材料生成时的 SHA-256 值（文件导入本软件时计算并保存），\
         任何人都可以用通用的 SHA-256 工具核对所附文件是否与这些值一致。这只能说明文件自导入本软件起未被改动，\
         不能证明文件在形成时的真实性。操作记录锚点是本软件操作记录（每次新建、修改、导入、导出各一条，前后以哈希相连）\
         在本材料生成时的最新一条的序号和哈希，日后可用 weiquan audit verify --anchor 核对该记录此后未被删改。",
        9.5,
        0.0,
    );
    l.bookmarks.push(("封面".into(), 0));
    l.new_page();

    // 一、投诉人
    l.heading("一、投诉人", 15.0, true);
    let c = &d.complainant;
    l.field("姓名：", &or_none(&c.name), 11.0);
    l.field("联系电话：", &or_none(&c.phone), 11.0);
    l.field("通讯地址：", &or_none(&c.address), 11.0);
    if let Some(idn) = c.id_number.as_deref().filter(|s| !s.is_empty()) {
        l.field("身份证号：", idn, 11.0);
    }

    // 二、被投诉人
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

    // 三、投诉请求
    l.heading("三、投诉请求", 15.0, true);
    if d.demands.is_empty() {
        l.paragraph("（投诉人尚未填写具体请求。）", 11.0, 0.0);
    }
    for (i, dm) in d.demands.iter().enumerate() {
        let amount = dm.amount.map_or(String::new(), |m| format!(" {m} 元"));
        let text = dm.text.as_deref().map_or(String::new(), |t| format!("（{t}）"));
        l.paragraph(&format!("{}. {}{amount}{text}", i + 1, dm.kind.label_zh()), 11.0, 0.0);
        for w in review.remedies.lines.iter().filter(|line| line.demand == Some(i)) {
            l.paragraph(&format!("计算：{}（依据{}）", w.working, w.basis), 9.5, 16.0);
        }
        if dm.kind == DemandKind::PunitiveDamages && !review.remedies.lines.iter().any(|line| line.demand == Some(i)) {
            l.paragraph(
                "（按已记录的事实，本项请求没有可以计算的法律依据，请投诉人核实后决定是否保留。）",
                9.5,
                16.0,
            );
        }
    }

    // 四、事实与理由
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
    let mut ordered: Vec<_> = d.interactions.iter().enumerate().collect();
    ordered.sort_by_key(|(_, it)| it.occurred_at);
    for (n, (_, it)) in ordered.iter().enumerate() {
        let mut head = format!(
            "（{}）{} {}，{}",
            legal::numerals::to_chinese(n as u32 + 1),
            chinese_date(it.occurred_at),
            it.occurred_at.format("%H:%M"),
            it.channel.label_zh()
        );
        if let Some(a) = it.agent.as_deref().filter(|s| !s.is_empty()) {
            head += &format!("，客服“{a}”");
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
            l.paragraph(&format!("投诉人问：“{q}”"), 10.5, 16.0);
        }
        if let Some(a) = it.answer.as_deref().filter(|s| !s.is_empty()) {
            l.paragraph(&format!("客服答：“{a}”"), 10.5, 16.0);
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
        let exhibits: Vec<String> = items
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
                .and_then(|sha| items.iter().position(|i| i.sha256 == sha))
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

    // 五、法律依据
    l.heading("五、法律依据", 15.0, true);
    let groups = cited_provisions(&review.suggestions.bases);
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

    // 六、证据清单
    l.heading("六、证据清单", 15.0, true);
    if entries.is_empty() {
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
        let rows: Vec<Vec<String>> = entries
            .iter()
            .zip(&items)
            .map(|(e, it)| {
                let facts: Vec<String> = it
                    .interactions
                    .iter()
                    .filter_map(|iid| ordered.iter().position(|(_, x)| x.id == Some(*iid)))
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

    // 附件
    let images: Vec<(usize, &EvidenceItem)> = items
        .iter()
        .enumerate()
        .filter(|(_, it)| it.content_type.starts_with("image/"))
        .collect();
    if !images.is_empty() {
        l.new_page();
        l.heading("附件：图片证据", 15.0, true);
        let vault = store.vault();
        for (k, it) in images {
            let path = vault.object_path(&it.sha256)?;
            let bytes = std::fs::read(&path).map_err(|e| Error::io("read", &path, e))?;
            let id = XObjectId(format!("Im{:03}", k + 1));
            let caption = format!("证据{}：{}（{}）", k + 1, entries[k].description, it.original_name);
            match add_image(&mut doc, &id, &bytes, &it.content_type) {
                Some((w, h)) => l.image(&caption, id, w as f32, h as f32, TEXT_W, 560.0),
                None => {
                    l.paragraph(&format!("{caption}：图片无法在此显示，请查看原始文件。"), 10.0, 0.0);
                }
            }
        }
    }

    // 结尾
    l.ensure(150.0);
    l.space(20.0);
    l.paragraph("以上情况属实。恳请贵部门依法受理，并支持投诉人的上述请求。", 11.0, 0.0);
    l.space(10.0);
    l.paragraph("此致", 11.0, 24.0);
    l.paragraph(&addressee(d, today), 11.0, 0.0);
    l.space(24.0);
    l.paragraph("投诉人（签名）：________________", 11.0, 220.0);
    l.paragraph(&format!("日期：{}", chinese_date(at)), 11.0, 220.0);

    let bookmarks = std::mem::take(&mut l.bookmarks);
    let pages = l.finish(&format!("{} · 卷宗编号 {number}", d.title));
    doc.with_pages(pages);
    for (i, (name, page)) in bookmarks.iter().enumerate() {
        doc.bookmarks.map.insert(
            PageAnnotId(format!("B{i:03}")),
            PageAnnotation {
                name: name.clone(),
                page: page + 1,
            },
        );
    }
    let when = OffsetDateTime::from_unix_timestamp(at.timestamp()).unwrap_or(OffsetDateTime::epoch());
    let info = &mut doc.metadata.info;
    info.document_title = format!("投诉材料：{}", d.title);
    info.author = c.name.clone().unwrap_or_default();
    info.subject = format!("对{}的消费者投诉", r.name.as_deref().unwrap_or("经营者"));
    info.keywords = vec!["消费者投诉".into(), "12315".into(), number.clone()];
    info.creator = "维权卷宗 Weiquan".into();
    info.producer = "Weiquan (printpdf)".into();
    info.identifier = number;
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;

    // Lossless for decoded images (screenshots stay sharp); JPEGs are already passed through untouched.
    let images = printpdf::ImageOptimizationOptions {
        quality: None,
        max_image_size: None,
        dither_greyscale: Some(false),
        convert_to_greyscale: Some(false),
        auto_optimize: Some(false),
        format: Some(printpdf::ImageCompression::Flate),
    };
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: Some(images),
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    lo.compress();
    // A content-derived file identifier instead of printpdf's random one, so equal input gives equal bytes: hash the
    // file with a fixed placeholder identifier, then put the hash in its place.
    let placeholder = lopdf::Object::String(vec![b'0'; 32], lopdf::StringFormat::Literal);
    lo.trailer
        .set("ID", lopdf::Object::Array(vec![placeholder.clone(), placeholder]));
    let mut first = Vec::new();
    lo.save_to(&mut first)
        .map_err(|e| Error::io("render", "dossier", std::io::Error::other(e.to_string())))?;
    let digest = hex(&Sha256::digest(&first));
    let id = lopdf::Object::String(digest.as_bytes()[..32].to_vec(), lopdf::StringFormat::Literal);
    lo.trailer.set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| Error::io("render", "dossier", std::io::Error::other(e.to_string())))?;
    Ok(out)
}

/// Renders and writes the dossier atomically (temp file beside the target, fsync, rename) and records the export.
/// Returns the number of bytes written.
pub fn write(store: &mut Store, case: CaseId, at: DateTime<FixedOffset>, out: &Path) -> Result<u64> {
    store.check_export_target(out)?;
    let bytes = render(store, case, at)?;
    write_atomically(out, &bytes)?;
    store.record_export(case, &format!("dossier {}", out.display()))?;
    Ok(bytes.len() as u64)
}
