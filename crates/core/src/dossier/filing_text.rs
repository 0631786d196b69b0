//! The dossier's content cut into the blocks of the 12315 complaint form (被投诉方, 消费者信息, 购买信息, 投诉内容,
//! 诉求) plus a separate 举报 block when the facts show a violation to report, each with its character count.
//! A block over its limit is shortened in steps that keep the facts in order and never cut a sentence: notes go
//! first, then ids, then long quotes are shortened at punctuation, and last whole facts are left for the dossier.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::legal;
use crate::model::{CaseData, Interaction, ProblemKind, Speaker};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Respondent,
    Consumer,
    Purchase,
    Content,
    Demands,
    Report,
}

impl BlockKind {
    pub const ALL: [BlockKind; 6] = [
        BlockKind::Respondent,
        BlockKind::Consumer,
        BlockKind::Purchase,
        BlockKind::Content,
        BlockKind::Demands,
        BlockKind::Report,
    ];

    pub fn title_zh(self) -> &'static str {
        match self {
            BlockKind::Respondent => "被投诉方",
            BlockKind::Consumer => "消费者信息",
            BlockKind::Purchase => "购买信息",
            BlockKind::Content => "投诉内容",
            BlockKind::Demands => "诉求",
            BlockKind::Report => "举报内容（单独提交）",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Respondent => "respondent",
            BlockKind::Consumer => "consumer",
            BlockKind::Purchase => "purchase",
            BlockKind::Content => "content",
            BlockKind::Demands => "demands",
            BlockKind::Report => "report",
        }
    }

    pub fn parse(s: &str) -> Option<BlockKind> {
        match s {
            "respondent" => Some(BlockKind::Respondent),
            "consumer" => Some(BlockKind::Consumer),
            "purchase" => Some(BlockKind::Purchase),
            "content" => Some(BlockKind::Content),
            "demands" => Some(BlockKind::Demands),
            "report" => Some(BlockKind::Report),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FilingBlock {
    pub kind: BlockKind,
    pub title: String,
    pub text: String,
    /// Characters (not bytes): what a web form counts.
    pub chars: usize,
    pub limit: Option<usize>,
    /// The text was shortened to fit the limit.
    pub shortened: bool,
    /// Still over the limit after every shortening step (the user must cut by hand).
    pub over_limit: bool,
}

fn count(s: &str) -> usize {
    s.chars().count()
}

fn date_zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn nonempty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// How much detail one fact keeps.
#[derive(Clone, Copy)]
struct Detail {
    notes: bool,
    ids: bool,
    quote_max: Option<usize>,
}

/// Shortens a quote at the last sentence or clause break within `max` characters, marking the cut with ……
fn shorten_quote(q: &str, max: usize) -> String {
    if count(q) <= max {
        return q.to_owned();
    }
    let chars: Vec<char> = q.chars().collect();
    let cut = chars[..max]
        .iter()
        .rposition(|c| "。！？；，,.!?;".contains(*c))
        .map_or(max, |p| p + 1);
    let mut s: String = chars[..cut].iter().collect();
    s.push_str("……");
    s
}

/// What the consumer demanded and when, and — only where she confirmed it — that it is still not performed.
pub(crate) fn demand_history(case: &CaseData, first_person: bool) -> Vec<String> {
    let me = if first_person { "我" } else { "投诉人" };
    let mut out = Vec::new();
    for d in &case.demands {
        let Some(made) = d.made_day() else { continue };
        let mut s = match d.made_in {
            Some(t) => format!(
                "{me}于{} {}的沟通中向被投诉人提出{}要求",
                date_zh(made),
                t.format("%H:%M"),
                d.kind.label_zh()
            ),
            None => format!("{me}于{}向被投诉人提出{}要求", date_zh(made), d.kind.label_zh()),
        };
        if let Some(due) = d.due_by {
            s += &format!("，履行期限至{}", date_zh(due));
        }
        match d.unperformed_confirmed_on {
            Some(c) => s += &format!("；截至{}，被投诉人仍未履行。", date_zh(c)),
            None => s.push('。'),
        }
        out.push(s);
    }
    out
}

/// The police reports she recorded (报警回执), one sentence each, in date order.
pub(crate) fn police_reports(case: &CaseData) -> String {
    let mut reports: Vec<_> = case
        .events
        .iter()
        .filter(|e| e.kind == crate::model::EventKind::PoliceReport)
        .collect();
    reports.sort_by_key(|e| e.date);
    let mut s = String::new();
    for e in reports {
        s += &format!("我已于{}向公安机关报警", date_zh(e.date));
        if let Some(no) = nonempty(&e.reference) {
            s += &format!("（回执编号{no}）");
        }
        s.push('。');
    }
    s
}

fn fact(it: &Interaction, d: Detail) -> String {
    let mut s = format!(
        "{} {}，通过{}",
        date_zh(it.occurred_at.date_naive()),
        it.occurred_at.format("%H:%M"),
        it.channel.label_zh()
    );
    let who = it.speaker().label_zh();
    match (nonempty(&it.agent), d.ids.then(|| nonempty(&it.agent_id)).flatten()) {
        (Some(a), Some(id)) => s += &format!("与{who}“{a}”（工号{id}）沟通"),
        (Some(a), None) => s += &format!("与{who}“{a}”沟通"),
        (None, Some(id)) => s += &format!("与{who}（工号{id}）沟通"),
        (None, None) => s += &format!("与{who}沟通"),
    }
    if d.ids {
        if let Some(t) = nonempty(&it.ticket_no) {
            s += &format!("（工单号{t}）");
        }
    }
    let q = |t: &str| d.quote_max.map_or_else(|| t.to_owned(), |m| shorten_quote(t, m));
    if let Some(t) = nonempty(&it.question) {
        s += &format!("，我{}：“{}”", super::her_verb(t), q(t));
    }
    if let Some(t) = nonempty(&it.answer) {
        s += &format!("，{who}答：“{}”", q(t));
    }
    if let Some(l) = it.loss.filter(|l| l.fen() > 0) {
        s += &format!("，造成损失{l}元");
    }
    // A quote that ends its own sentence (“……退款。”) ends this one too: no second full stop after it.
    if !["。”", "！”", "？”", "…”"].iter().any(|end| s.ends_with(end)) {
        s.push('。');
    }
    // What kind of problem it was is her own classification: a sentence of its own, never inside the quote's.
    if !it.problems.is_empty() {
        let ps: Vec<_> = it.problems.iter().map(|p| p.label_zh()).collect();
        s += &format!("存在的问题：{}。", ps.join("、"));
    }
    if d.notes {
        if let Some(n) = nonempty(&it.note) {
            s += &sentence(n);
        }
    }
    s
}

/// `text` ended as one sentence: a full stop added unless it already ends in sentence punctuation (no `。。`).
fn sentence(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(['。', '！', '？', '!', '?', '…', '.']) {
        t.to_owned()
    } else {
        format!("{t}。")
    }
}

fn content(case: &CaseData, limit: Option<usize>) -> (String, bool, bool) {
    let mut ordered: Vec<&Interaction> = case.interactions.iter().collect();
    ordered.sort_by_key(|i| i.occurred_at);
    let p = &case.purchase;
    let mut intro = String::new();
    if let Some(date) = p.date {
        intro += &format!("{}，", date_zh(date));
    }
    intro += &format!("我购买了{}", nonempty(&p.item).unwrap_or("商品或服务"));
    if let Some(a) = p.amount {
        intro += &format!("（{a}元）");
    }
    intro.push('。');
    // What she reported to the police and what she demanded are never shortened away: they are kept whole, after
    // the facts, whatever the limit.
    let outro = police_reports(case) + &demand_history(case, true).concat();
    let levels = [
        Detail {
            notes: true,
            ids: true,
            quote_max: None,
        },
        Detail {
            notes: false,
            ids: true,
            quote_max: None,
        },
        Detail {
            notes: false,
            ids: false,
            quote_max: None,
        },
        Detail {
            notes: false,
            ids: false,
            quote_max: Some(40),
        },
        Detail {
            notes: false,
            ids: false,
            quote_max: Some(20),
        },
    ];
    // Each fact is written once per level, so every length below is a sum, not a rebuild: the whole shortening is
    // linear in the number of interactions (4,000 of them took 28 s when each candidate was rebuilt).
    let more = |n: usize| format!("另有{n}次沟通未在此列出，详见投诉卷宗。");
    // The facts kept (by index, shown in time order), then one line for the rest.
    let join = |facts: &[String], keep: &[bool]| -> String {
        let mut s = intro.clone();
        for (f, _) in facts.iter().zip(keep).filter(|(_, k)| **k) {
            s += f;
        }
        let left = keep.iter().filter(|k| !**k).count();
        if left > 0 {
            s += &more(left);
        }
        s += &outro;
        s
    };
    let all = vec![true; ordered.len()];
    let written = |d: Detail| -> Vec<String> { ordered.iter().map(|it| fact(it, d)).collect() };
    let full = join(&written(levels[0]), &all);
    let Some(limit) = limit else {
        return (full, false, false);
    };
    if count(&full) <= limit {
        return (full, false, false);
    }
    for d in &levels[1..] {
        let facts = written(*d);
        let total = count(&intro) + facts.iter().map(|f| count(f)).sum::<usize>() + count(&outro);
        if total <= limit {
            return (join(&facts, &all), true, false);
        }
    }
    // The shortest level, keeping whole facts in this order of importance while they fit: the police report and the
    // demands are always there (the outro); then the onset of the problem (the first contact), then the promises
    // broken (a false statement, a demand left unhandled), then the rest in time order.
    let facts = written(levels[levels.len() - 1]);
    let promise = |it: &Interaction| {
        it.problems
            .iter()
            .any(|p| matches!(p, ProblemKind::FalseInformation | ProblemKind::DelayedHandling))
    };
    let mut order: Vec<usize> = (0..ordered.len()).collect();
    order.sort_by_key(|&i| (i != 0, !promise(ordered[i]), i));
    let mut keep = vec![false; facts.len()];
    let mut used = count(&intro) + count(&outro);
    let mut left = facts.len();
    for i in order {
        let tail = if left > 1 { count(&more(left - 1)) } else { 0 };
        if used + count(&facts[i]) + tail > limit {
            continue;
        }
        used += count(&facts[i]);
        keep[i] = true;
        left -= 1;
    }
    let t = join(&facts, &keep);
    let over = count(&t) > limit;
    (t, true, over)
}

fn report(case: &CaseData, today: NaiveDate) -> Option<String> {
    let has = |k: ProblemKind| case.interactions.iter().any(|i| i.problems.contains(&k));
    let kept = |rule: &str| !case.excluded_bases.iter().any(|r| r == rule);
    let mut leads = Vec::new();
    // Only a statement made before the purchase is reported as misleading promotion; one made after it is a
    // promise not kept (a matter for the complaint, not a 举报 of 虚假宣传).
    let misleading: Vec<&Interaction> = case
        .interactions
        .iter()
        .filter(|i| i.problems.iter().any(|p| legal::is_deception(*p)))
        .filter(|i| i.speaker() == Speaker::Company)
        .filter(|i| legal::statement_timing(i, &case.purchase) == legal::Timing::BeforePurchase)
        .collect();
    if !misleading.is_empty() && kept("false-info/cf6-8") {
        let unfair_competition = legal::kb()
            .law("反不正当竞争法")
            .is_some_and(|l| misleading.iter().all(|i| l.in_force_on(i.occurred_at.date_naive())))
            // A supporting basis: only when she put it into her case.
            && case.included_bases.iter().any(|r| r == "false-info/fbzd9");
        leads.push(format!(
            "在消费者购买前就商品或者服务作虚假或者引人误解的说明、隐瞒与消费者有重大利害关系的信息（《侵害消费者权益行为处罚办法》第六条第（八）项、《消费者权益保护法》第五十六条第一款第（六）项{}）",
            if unfair_competition { "、《反不正当竞争法》第九条第一款" } else { "" }
        ));
    }
    let delayed = legal::remedies::delays(case, today)
        .into_iter()
        // Only a confirmation made after the fifteen days ran says the demand was still unperformed past them.
        .any(|d| d.exceeded && d.unperformed_confirmed_on.is_some_and(|c| c > d.fifteenth_day));
    if delayed && kept("delay/cf8") {
        leads.push("对消费者退款等要求，自期限届满或者提出要求之日起超过十五日仍未履行（《侵害消费者权益行为处罚办法》第八条、《消费者权益保护法》第五十六条第一款第（八）项）".to_owned());
    }
    if has(ProblemKind::PrivacyViolation) && kept("privacy/xf29-2") {
        leads.push(
            "泄露或者违规使用消费者个人信息（《消费者权益保护法》第二十九条、第五十六条第一款第（九）项）".to_owned(),
        );
    }
    if has(ProblemKind::UnfairTerms) && kept("terms/cf12-6") {
        leads.push("以格式条款作出对消费者不公平、不合理的规定（《消费者权益保护法》第二十六条、《侵害消费者权益行为处罚办法》第十二条）".to_owned());
    }
    if leads.is_empty() {
        return None;
    }
    let name = nonempty(&case.respondent.name).unwrap_or("被投诉人");
    let mut s = format!("举报{name}涉嫌以下违法行为：");
    for (i, l) in leads.iter().enumerate() {
        s += &format!("{}. {l}；", i + 1);
    }
    s.pop();
    s += "。具体事实见投诉内容及所附证据。请依法调查处理。";
    Some(s)
}

/// The largest limit a block may be given (a form field of more than this is no limit at all).
pub const MAX_LIMIT: usize = 100_000;

const LIMITS_KEY: &str = "filing_text_limits";

/// The 12315 block limits the user set and the library remembers (none by default: the form's real limits are not
/// published). A stored value that is not a map of known blocks to 1..=[`MAX_LIMIT`] is ignored, entry by entry.
pub fn remembered_limits(store: &crate::store::Store) -> crate::Result<BTreeMap<BlockKind, usize>> {
    let Some(text) = store.preference(LIMITS_KEY)? else {
        return Ok(BTreeMap::new());
    };
    let raw: BTreeMap<String, serde_json::Value> = serde_json::from_str(&text).unwrap_or_default();
    Ok(raw
        .into_iter()
        .filter_map(|(k, v)| {
            let n = usize::try_from(v.as_u64()?)
                .ok()
                .filter(|n| (1..=MAX_LIMIT).contains(n))?;
            Some((BlockKind::parse(&k)?, n))
        })
        .collect())
}

/// Remembers the limits for next time (an empty map forgets them). A limit of 0 or above [`MAX_LIMIT`] is refused.
pub fn remember_limits(store: &mut crate::store::Store, limits: &BTreeMap<BlockKind, usize>) -> crate::Result<()> {
    for (k, n) in limits {
        if !(1..=MAX_LIMIT).contains(n) {
            return Err(crate::Error::invalid(
                format!("limits.{}", k.as_str()),
                format!("{n} is not a length limit (1 to {MAX_LIMIT} characters)"),
            ));
        }
    }
    if limits.is_empty() {
        return store.set_preference(LIMITS_KEY, None);
    }
    let text = serde_json::to_string(limits).map_err(|e| crate::Error::serialize("the limits", e))?;
    store.set_preference(LIMITS_KEY, Some(&text))
}

/// The blocks for a case. `limits` caps the length of any block; `today` dates the 15-day rule.
/// The agent as the 12315 text states it: who, how to reach them, and the powers she gave (the power of attorney and
/// the agent's proof of identity that must go with the filing are the pre-check's reminder, not a claim of the text).
pub(crate) fn agent_line(a: &crate::model::Agent) -> String {
    let mut who = a.name.clone();
    let mut details = Vec::new();
    if let Some(o) = nonempty(&a.organisation) {
        details.push(o.to_owned());
    }
    if let Some(p) = nonempty(&a.phone) {
        details.push(format!("电话{p}"));
    }
    if !details.is_empty() {
        who += &format!("（{}）", details.join("，"));
    }
    let powers: Vec<&str> = a.powers.iter().map(|p| p.label_zh()).collect();
    // What she recorded, nothing more: whether the signed original and the agent's ID are attached is for the
    // filer to do (the pre-check reminds them), not for the text to claim.
    format!("委托代理人：{who}，受投诉人委托，委托权限为{}。", powers.join("、"))
}

pub fn filing_text(case: &CaseData, limits: &BTreeMap<BlockKind, usize>, today: NaiveDate) -> Vec<FilingBlock> {
    let none = "（未填写）";
    let r = &case.respondent;
    let mut respondent = format!("名称：{}", nonempty(&r.name).unwrap_or(none));
    if let Some(c) = nonempty(&r.credit_code) {
        respondent += &format!("\n统一社会信用代码：{c}");
    }
    respondent += &format!("\n地址：{}", nonempty(&r.address).unwrap_or(none));
    let shop: Vec<&str> = [nonempty(&r.platform), nonempty(&r.shop)]
        .into_iter()
        .flatten()
        .collect();
    if !shop.is_empty() {
        respondent += &format!("\n平台/店铺：{}", shop.join(" "));
    }
    if let Some(u) = nonempty(&r.url) {
        respondent += &format!("\n网址：{u}");
    }
    let c = &case.complainant;
    let mut consumer = format!(
        "姓名：{}\n联系电话：{}\n通讯地址：{}",
        nonempty(&c.name).unwrap_or(none),
        nonempty(&c.phone).unwrap_or(none),
        nonempty(&c.address).unwrap_or(none)
    );
    if let Some(a) = &case.agent {
        consumer += &format!("\n{}", agent_line(a));
    }
    let p = &case.purchase;
    let purchase = format!(
        "商品或服务：{}\n购买时间：{}\n金额：{}\n订单号：{}",
        nonempty(&p.item).unwrap_or(none),
        p.date.map_or_else(|| none.to_owned(), date_zh),
        p.amount.map_or_else(|| none.to_owned(), |a| format!("{a}元")),
        nonempty(&p.order_no).unwrap_or(none)
    );
    let demands = if case.demands.is_empty() {
        none.to_owned()
    } else {
        case.demands
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let amount = d.amount.map_or(String::new(), |a| format!("{a}元"));
                let text = d.text.as_deref().map_or(String::new(), |t| format!("（{t}）"));
                format!("{}. {}{amount}{text}", i + 1, d.kind.label_zh())
            })
            .collect::<Vec<_>>()
            .join("；")
            + "。"
    };
    let mut out = Vec::new();
    let mut push = |kind: BlockKind, text: String, shortened: bool, over: bool| {
        let limit = limits.get(&kind).copied();
        let over_limit = over || limit.is_some_and(|l| count(&text) > l);
        out.push(FilingBlock {
            kind,
            title: kind.title_zh().to_owned(),
            chars: count(&text),
            text,
            limit,
            shortened,
            over_limit,
        });
    };
    push(BlockKind::Respondent, respondent, false, false);
    push(BlockKind::Consumer, consumer, false, false);
    push(BlockKind::Purchase, purchase, false, false);
    let (text, shortened, over) = content(case, limits.get(&BlockKind::Content).copied());
    push(BlockKind::Content, text, shortened, over);
    push(BlockKind::Demands, demands, false, false);
    if let Some(r) = report(case, today) {
        push(BlockKind::Report, r, false, false);
    }
    out
}
