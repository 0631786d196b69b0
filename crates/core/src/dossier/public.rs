//! 公开版: the case as a consumer may post it on 黑猫投诉 or social media. What must not be public is masked wherever
//! it appears — her full name (surname + 女士/先生), ID number, phone, address, the agent's identity, order and ticket
//! numbers (last four kept), and any mobile or ID number found in the free text — and image evidence is left out
//! (faces and QR codes cannot be checked here). Every mask is listed with its original for the user's side-by-side
//! check; she can leave any of them unmasked and add her own before anything is written.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{CaseData, CaseId};
use crate::store::{EvidenceItem, Store};
use crate::{Error, Result};

/// How her name is shown: 王女士, 王先生, or 王某 when she has not said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Honorific {
    Ms,
    Mr,
    #[default]
    Unstated,
}

/// The user's choices for the public version.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PublicOptions {
    #[serde(default)]
    pub honorific: Honorific,
    /// Keys of masks to leave unmasked.
    #[serde(default)]
    pub unmask: Vec<String>,
    /// More text to mask (a colleague's name, a street…), each replaced by ＊＊＊.
    #[serde(default)]
    pub extra: Vec<String>,
}

/// At most this many masks of her own, each at most [`MAX_EXTRA_CHARS`] characters.
pub const MAX_EXTRA: usize = 50;
pub const MAX_EXTRA_CHARS: usize = 200;

impl PublicOptions {
    /// Refuses more masks of her own, or longer ones, than a person types (a hostile caller could otherwise make every
    /// text of the case be scanned millions of times), and keys that are not keys.
    fn check(&self) -> Result<()> {
        if self.extra.len() > MAX_EXTRA {
            return Err(Error::invalid(
                "extra",
                format!("{} texts to mask; at most {MAX_EXTRA}", self.extra.len()),
            ));
        }
        if let Some((i, _)) = self
            .extra
            .iter()
            .enumerate()
            .find(|(_, e)| e.chars().count() > MAX_EXTRA_CHARS)
        {
            return Err(Error::invalid(
                format!("extra[{i}]"),
                format!("longer than {MAX_EXTRA_CHARS} characters"),
            ));
        }
        if self.unmask.len() > 1000 || self.unmask.iter().any(|k| k.len() > 64) {
            return Err(Error::invalid(
                "unmask",
                "not a list of mask keys as the preview gives them",
            ));
        }
        Ok(())
    }
}

/// One masked value: what it is, the original, what replaces it, and whether it is applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Mask {
    /// `name`, `phone`, `id_number`, `address`, `order_no`, `ticket:3`, `agent_name`, `found:1`, `extra:0`…
    pub key: String,
    pub label: String,
    pub original: String,
    pub masked: String,
    pub applied: bool,
}

/// What the public version will be: every mask, the plain text, and what is left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PublicPreview {
    pub masks: Vec<Mask>,
    /// The plain text for a post, masked.
    pub text: String,
    /// Image evidence left out.
    pub images_left_out: usize,
}

/// The masked case and evidence list the public PDF is rendered from.
#[derive(Debug)]
pub(crate) struct Masked {
    pub case: CaseData,
    pub items: Vec<EvidenceItem>,
    /// What was actually masked, by kind, for the closing line (e.g. 姓名、电话).
    pub kinds: Vec<&'static str>,
}

/// The kind of data a mask hides, as the closing line names it.
fn kind_of(m: &Mask) -> &'static str {
    match m.label.as_str() {
        "投诉人姓名" | "投诉人名字" => "投诉人姓名",
        "委托代理人姓名" => "代理人姓名",
        "身份证号" | "代理人身份证号" | "文中的身份证号" => "身份证号",
        "联系电话" | "代理人电话" | "文中的手机号" | "文中的固定电话" => "电话",
        "通讯地址" | "通讯地址的一部分" => "地址",
        "订单号" => "订单号",
        "工单号" => "工单号",
        "文中的银行卡号" => "银行卡号",
        "文中的电子邮箱" => "电子邮箱",
        "报警回执编号" | "文中的报警回执编号" => "报警回执编号",
        "文中的车牌号" => "车牌号",
        _ => "投诉人指定的其他内容",
    }
}

/// Two-character surnames common enough to matter; otherwise the first character is the surname.
const DOUBLE_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯", "长孙", "宇文",
    "澹台", "端木", "呼延", "西门", "南宫", "独孤", "轩辕", "百里", "申屠", "闻人", "钟离", "万俟", "赫连", "第五",
];

fn surname(name: &str) -> String {
    let name = name.trim();
    if let Some(d) = DOUBLE_SURNAMES.iter().find(|d| name.starts_with(**d)) {
        return (*d).to_owned();
    }
    name.chars().next().map(String::from).unwrap_or_default()
}

fn keep_last4(s: &str) -> String {
    let chars: Vec<char> = s.trim().chars().collect();
    let keep = chars.len().min(4);
    let hidden = chars.len() - keep;
    if hidden == 0 {
        // Four characters or fewer: nothing would be hidden, so all of it is.
        return "＊".repeat(chars.len().max(1));
    }
    format!(
        "{}{}",
        "＊".repeat(hidden.min(8)),
        chars[hidden..].iter().collect::<String>()
    )
}

fn text_of(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Personal data written into a free text, as written (see [`super::pii`]): (text, label, replacement).
fn numbers_in(text: &str) -> Vec<(String, &'static str, &'static str)> {
    super::pii::find(text)
        .into_iter()
        .map(|(r, k)| (text[r].to_owned(), k.label(), k.replacement()))
        .collect()
}

/// Fields of the case whose values are closed-set names, dates, times, amounts or rule ids: never text to mask (a
/// mask inside `refund` or `299.00` would break the case, and none of them can hold personal data).
const NOT_TEXT: &[&str] = &[
    "industry",
    "status",
    "channel",
    "kind",
    "problems",
    "link_sender",
    "supply",
    "parallel_proceeding",
    "powers",
    "occurred_at",
    "date",
    "made_on",
    "made_in",
    "due_by",
    "unperformed_confirmed_on",
    "amount",
    "loss",
    "term_from",
    "term_until",
    "problem_noticed_on",
    "goods_received_on",
    "return_requested_on",
    "evidence",
    "excluded_bases",
    "included_bases",
    "status_history",
];

/// Every free-text string in a case's JSON value, for scanning and for replacing.
fn strings_mut(v: &mut serde_json::Value, f: &mut dyn FnMut(&mut String)) {
    match v {
        serde_json::Value::String(s) => f(s),
        serde_json::Value::Array(a) => a.iter_mut().for_each(|x| strings_mut(x, f)),
        serde_json::Value::Object(m) => m
            .iter_mut()
            .filter(|(k, _)| !NOT_TEXT.contains(&k.as_str()))
            .for_each(|(_, x)| strings_mut(x, f)),
        _ => {}
    }
}

/// The masks of a case under the user's options, in a fixed order (structured fields, then numbers found in the
/// text, then her own additions).
pub fn masks(case: &CaseData, items: &[EvidenceItem], options: &PublicOptions) -> Vec<Mask> {
    let mut out: Vec<Mask> = Vec::new();
    let mut add = |key: String, label: &str, original: &str, masked: String| {
        if original.trim().is_empty() || out.iter().any(|m| m.original == original) {
            return;
        }
        out.push(Mask {
            applied: !options.unmask.contains(&key),
            key,
            label: label.to_owned(),
            original: original.to_owned(),
            masked,
        });
    };
    let c = &case.complainant;
    if let Some(name) = text_of(&c.name) {
        let suffix = match options.honorific {
            Honorific::Ms => "女士",
            Honorific::Mr => "先生",
            Honorific::Unstated => "某",
        };
        add("name".into(), "投诉人姓名", name, format!("{}{suffix}", surname(name)));
        // Her given name alone ("小红您好"): two characters or more, so a one-character name is not hunted
        // through every sentence.
        let given = name.trim().strip_prefix(surname(name).as_str()).unwrap_or_default();
        if given.chars().count() >= 2 {
            add("given_name".into(), "投诉人名字", given, "某某".into());
        }
    }
    if let Some(v) = text_of(&c.id_number) {
        add("id_number".into(), "身份证号", v, "[身份证号已隐去]".into());
    }
    if let Some(v) = text_of(&c.phone) {
        add("phone".into(), "联系电话", v, "[电话已隐去]".into());
    }
    if let Some(v) = text_of(&c.address) {
        add("address".into(), "通讯地址", v, "[地址已隐去]".into());
        for (n, part) in address_parts(v).into_iter().enumerate() {
            add(
                format!("address:{}", n + 1),
                "通讯地址的一部分",
                &part,
                "[地址已隐去]".into(),
            );
        }
    }
    if let Some(a) = &case.agent {
        if !a.name.trim().is_empty() {
            add(
                "agent_name".into(),
                "委托代理人姓名",
                a.name.trim(),
                format!("{}某", surname(&a.name)),
            );
        }
        if let Some(v) = text_of(&a.id_number) {
            add("agent_id_number".into(), "代理人身份证号", v, "[身份证号已隐去]".into());
        }
        if let Some(v) = text_of(&a.phone) {
            add("agent_phone".into(), "代理人电话", v, "[电话已隐去]".into());
        }
    }
    if let Some(v) = text_of(&case.purchase.order_no) {
        add("order_no".into(), "订单号", v, keep_last4(v));
    }
    for (i, e) in case.events.iter().enumerate() {
        if e.kind == crate::model::EventKind::PoliceReport {
            if let Some(v) = text_of(&e.reference) {
                add(
                    format!("police:{}", i + 1),
                    "报警回执编号",
                    v,
                    "[回执编号已隐去]".into(),
                );
            }
        }
    }
    for (i, it) in case.interactions.iter().enumerate() {
        if let Some(v) = text_of(&it.ticket_no) {
            let key = it
                .id
                .map_or_else(|| format!("ticket:{}", i + 1), |id| format!("ticket:{}", id.0));
            add(key, "工单号", v, keep_last4(v));
        }
    }
    // Numbers the free text holds (her phone in a note, an ID number typed into a question).
    let mut value = serde_json::to_value(case).unwrap_or_default();
    let mut found = Vec::new();
    strings_mut(&mut value, &mut |s| found.extend(numbers_in(s)));
    for it in items {
        for s in [Some(&it.original_name), it.description.as_ref()].into_iter().flatten() {
            found.extend(numbers_in(s));
        }
    }
    for (n, (text, label, replacement)) in found.into_iter().enumerate() {
        add(format!("found:{}", n + 1), label, &text, replacement.to_owned());
    }
    for (i, extra) in options.extra.iter().enumerate() {
        let extra = extra.trim();
        if extra.chars().count() >= 2 {
            add(format!("extra:{i}"), "您添加的", extra, "＊＊＊".into());
        }
    }
    out
}

/// The parts of her address that find her without the rest, as she may write them elsewhere ("快递送到建国路88号"):
/// what follows the province, city and district, the street with its number, and each named place of at least
/// three characters (a road, a compound, a village). Bare numbers ("5号", "1203室") are not parts: alone they
/// find nobody and would mask unrelated text.
fn address_parts(address: &str) -> Vec<String> {
    const ENDS: &[char] = &[
        '省', '市', '区', '县', '州', '旗', '镇', '乡', '路', '街', '道', '巷', '弄', '号', '村', '苑', '园', '城',
        '楼', '栋', '幢', '座', '元', '室', '层',
    ];
    const ADMIN: &[char] = &['省', '市', '区', '县', '州', '旗'];
    const STREET: &[char] = &['路', '街', '道', '巷', '弄'];
    let mut segments: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in address.trim().chars() {
        cur.push(c);
        if ENDS.contains(&c) {
            segments.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        segments.push(cur);
    }
    let admin = segments
        .iter()
        .take_while(|s| s.chars().last().is_some_and(|c| ADMIN.contains(&c)))
        .count();
    let detail = &segments[admin..];
    let mut parts = Vec::new();
    let whole: String = detail.concat();
    if admin > 0 && whole.chars().count() >= 4 {
        parts.push(whole);
    }
    let named = |s: &str| s.chars().filter(|c| !c.is_ascii_digit() && !ENDS.contains(c)).count() >= 2;
    for (i, seg) in detail.iter().enumerate() {
        let ends_street = seg.chars().last().is_some_and(|c| STREET.contains(&c));
        if ends_street {
            if let Some(number) = detail.get(i + 1).filter(|n| n.ends_with('号')) {
                parts.push(format!("{seg}{number}"));
            }
        }
        if seg.chars().count() >= 3 && named(seg) {
            parts.push(seg.clone());
        }
    }
    parts.dedup();
    parts
}

/// A character as masks compare it: full-width forms as their ASCII, letters in lower case, and separators (spaces,
/// dashes) dropped — "138-0013-8000", "１３８ ００１３ ８０００" and "13800138000" are one number.
fn fold(c: char) -> Option<char> {
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    (!matches!(c, ' ' | '\t' | '-' | '_' | '—' | '–' | '\u{2011}' | '\u{00A0}')).then(|| c.to_ascii_lowercase())
}

/// Replaces every occurrence of `original` in `text`, compared folded (see [`fold`]), with `masked`.
fn replace_folded(text: &str, original: &str, masked: &str) -> String {
    let needle: Vec<char> = original.chars().filter_map(fold).collect();
    if needle.is_empty() {
        return text.to_owned();
    }
    // The folded characters of the text with the byte span each came from.
    let kept: Vec<(usize, usize, char)> = text
        .char_indices()
        .filter_map(|(i, c)| fold(c).map(|f| (i, i + c.len_utf8(), f)))
        .collect();
    let mut out = String::with_capacity(text.len());
    let (mut copied, mut k) = (0usize, 0usize);
    while k + needle.len() <= kept.len() {
        if kept[k..k + needle.len()].iter().zip(&needle).all(|(a, b)| a.2 == *b) {
            let (start, end) = (kept[k].0, kept[k + needle.len() - 1].1);
            out.push_str(&text[copied..start]);
            out.push_str(masked);
            copied = end;
            k += needle.len();
        } else {
            k += 1;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// Applies the masks to a text: longer originals first, so a name inside an address goes with the address.
fn apply(text: &str, masks: &[&Mask]) -> String {
    let mut t = text.to_owned();
    for m in masks {
        t = replace_folded(&t, &m.original, &m.masked);
    }
    t
}

fn applied(masks: &[Mask]) -> Vec<&Mask> {
    let mut list: Vec<&Mask> = masks.iter().filter(|m| m.applied).collect();
    list.sort_by_key(|m| std::cmp::Reverse(m.original.chars().count()));
    list
}

fn masked(case: &CaseData, items: &[EvidenceItem], masks: &[Mask]) -> Result<Masked> {
    let list = applied(masks);
    let mut value = serde_json::to_value(case).map_err(|e| Error::serialize("the public version", e))?;
    strings_mut(&mut value, &mut |s| *s = apply(s, &list));
    let case: CaseData = serde_json::from_value(value).map_err(|e| Error::serialize("the public version", e))?;
    let mut kinds: Vec<&'static str> = Vec::new();
    for m in masks.iter().filter(|m| m.applied) {
        let k = kind_of(m);
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    }
    let items = items
        .iter()
        .map(|it| {
            let mut it = it.clone();
            it.original_name = apply(&it.original_name, &list);
            it.description = it.description.as_deref().map(|d| apply(d, &list));
            it
        })
        .collect();
    Ok(Masked { case, items, kinds })
}

/// The plain text of the public version: the title, then what a post needs — whom it is about, the purchase, what
/// happened and what she asks for — from the 12315 text's blocks, masked. Her contact block is left out.
fn plain_text(m: &Masked, today: chrono::NaiveDate) -> String {
    use super::BlockKind;
    let mut out = format!("{}\n", m.case.title);
    for b in super::filing_text(&m.case, &BTreeMap::new(), today) {
        if matches!(b.kind, BlockKind::Consumer | BlockKind::Report) {
            continue;
        }
        out.push_str(&format!("\n【{}】\n{}\n", b.title, b.text));
    }
    let images = m
        .items
        .iter()
        .filter(|it| it.content_type.starts_with("image/"))
        .count();
    if images > 0 {
        out.push_str(&format!("\n（另有图片证据{images}份，公开版未附。）\n"));
    }
    out
}

/// What the public version of a case will be under `options`, for the preview; nothing is written.
pub fn preview(
    store: &Store,
    case: CaseId,
    options: &PublicOptions,
    today: chrono::NaiveDate,
) -> Result<PublicPreview> {
    options.check()?;
    let c = store.get_case(case)?;
    let items = store.list_evidence(case)?;
    let masks = masks(&c.data, &items, options);
    let m = masked(&c.data, &items, &masks)?;
    Ok(PublicPreview {
        text: plain_text(&m, today),
        images_left_out: items.iter().filter(|it| it.content_type.starts_with("image/")).count(),
        masks,
    })
}

/// Writes the public version: the PDF to `pdf` and, if given, the plain text to `text`, atomically, after checking
/// both targets; the export is recorded. Returns the preview it was made from (the masks applied).
pub fn write(
    store: &mut Store,
    case: CaseId,
    options: &PublicOptions,
    at: DateTime<FixedOffset>,
    pdf: &Path,
    text: Option<&Path>,
) -> Result<PublicPreview> {
    options.check()?;
    store.check_export_target(pdf)?;
    if let Some(t) = text {
        store.check_export_target(t)?;
    }
    let c = store.get_case(case)?;
    let items = store.list_evidence(case)?;
    let list = masks(&c.data, &items, options);
    let m = masked(&c.data, &items, &list)?;
    let bytes = super::render_with(store, case, at, Some(&m))?;
    let plain = plain_text(&m, at.date_naive());
    crate::fsutil::write_atomically(pdf, &bytes)?;
    if let Some(t) = text {
        crate::fsutil::write_atomically(t, plain.as_bytes())?;
    }
    store.record_export(case, &format!("public version {}", pdf.display()))?;
    Ok(PublicPreview {
        images_left_out: items.iter().filter(|it| it.content_type.starts_with("image/")).count(),
        masks: list,
        text: plain,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn surnames_and_last_four() {
        assert_eq!(surname("王小红"), "王");
        assert_eq!(surname("欧阳娜娜"), "欧阳");
        assert_eq!(keep_last4("2026090512345678"), "＊＊＊＊＊＊＊＊5678");
        assert_eq!(keep_last4("A1234"), "＊1234");
        assert_eq!(keep_last4("1234"), "＊＊＊＊");
    }

    #[test]
    fn address_parts_are_the_street_and_named_places_not_bare_numbers() {
        assert_eq!(
            address_parts("北京市朝阳区建国路88号SOHO现代城5号楼1203室"),
            ["建国路88号SOHO现代城5号楼1203室", "建国路88号", "建国路", "SOHO现代城"]
        );
        assert_eq!(
            address_parts("浙江省杭州市西湖区文三路478号华星时代广场A座"),
            ["文三路478号华星时代广场A座", "文三路478号", "文三路", "华星时代广场A座"]
        );
        assert!(address_parts("上海市").is_empty());
    }

    #[test]
    fn masks_match_other_spellings_of_the_same_value() {
        let m = |original: &str, masked: &str| Mask {
            key: "k".into(),
            label: "l".into(),
            original: original.into(),
            masked: masked.into(),
            applied: true,
        };
        let (phone, name) = (m("13800138000", "[电话]"), m("小红", "某某"));
        let list = [&phone, &name];
        assert_eq!(
            apply("打138-0013-8000或１３８ ００１３ ８０００，小 红收", &list),
            "打[电话]或[电话]，某某收"
        );
        assert_eq!(apply("没有号码", &list), "没有号码");
    }

    #[test]
    fn numbers_are_found_only_as_whole_runs() {
        let found =
            numbers_in("请打13800138000或者110101199003071234，订单2026090513800138000，身份证11010119900307123X。");
        let numbers: Vec<&str> = found.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(numbers, ["13800138000", "110101199003071234", "11010119900307123X"]);
    }
}
