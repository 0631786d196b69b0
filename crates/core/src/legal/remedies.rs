//! What the legal bases let the consumer ask for, in fen, with the working shown so that a reader can check it —
//! and only when the recorded facts meet the basis's conditions:
//! - the refund of what she demanded, cited to the basis that fits (消法第二十四条 for a quality defect, 第二十五条 for
//!   the seven-day return of goods bought at a distance, 民法典第五百七十七条 otherwise);
//! - the fraud increase of 消法第五十五条第一款 (three times the price, at least 500 yuan) only for a false statement
//!   or concealment made before the purchase; for unsafe food 食品安全法第一百四十八条第二款 instead;
//! - losses, each under the basis of how it arose (never a scammer's loss against the operator without a leak);
//! - the fifteen days of 处罚办法第八条 per demand, from the end of an agreed or statutory period or, for a quality
//!   defect, from the day the demand was made — a presumption the operator can rebut, never a finding.

use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::rules::{is_deception, statement_timing, Timing};
use crate::calendar::Calendar;
use crate::model::{CaseData, DemandKind, Industry, Money, ProblemKind, Speaker, SupplyKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RemedyKind {
    RefundOfPrice,
    FraudDamages,
    FoodDamages,
    Losses,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RemedyLine {
    pub kind: RemedyKind,
    pub amount: Money,
    /// 《消费者权益保护法》第五十五条第一款
    pub basis: String,
    /// The provisions `basis` names: the dossier quotes each of them in 五、法律依据.
    #[serde(skip)]
    #[ts(skip)]
    pub cites: Vec<super::Citation>,
    /// The arithmetic, in Chinese, e.g. 价款 1299.00 元 × 3 = 3897.00 元；不低于 500.00 元 → 3897.00 元
    pub working: String,
    /// What must hold for this line to be claimed.
    pub condition: Option<String>,
    /// The demand this line computes, if it belongs to one (index into the case's demands).
    pub demand: Option<usize>,
}

/// Where the fifteen days of 处罚办法第八条 start for one demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DelayStart {
    /// 自国家规定、当事人约定期满之日起 (e.g. a promised refund date)
    PeriodEnd,
    /// 不符合质量要求的自消费者提出要求之日起
    QualityDemand,
}

impl DelayStart {
    pub fn as_str(self) -> &'static str {
        match self {
            DelayStart::PeriodEnd => "period_end",
            DelayStart::QualityDemand => "quality_demand",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DelayFact {
    /// Index into the case's demands.
    pub demand: usize,
    pub demand_kind: DemandKind,
    pub start_rule: DelayStart,
    #[ts(type = "string")]
    pub start: NaiveDate,
    /// The last of the fifteen days (the start day not counted, a last day on a rest day moved on); from the day
    /// after it, the operator's non-performance may be presumed deliberate.
    #[ts(type = "string")]
    pub fifteenth_day: NaiveDate,
    pub exceeded: bool,
    /// When the consumer confirmed the demand is still not performed; until then no text says it is.
    #[ts(type = "string | null")]
    pub unperformed_confirmed_on: Option<NaiveDate>,
    pub basis: String,
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Remedies {
    pub lines: Vec<RemedyLine>,
    /// One per demand whose fifteen days can be dated.
    pub delays: Vec<DelayFact>,
    /// Facts the calculator needs but the case lacks (e.g. the price).
    pub missing: Vec<String>,
    /// Claims the facts do not support, said plainly (e.g. 惩罚性赔偿 for a statement made after the purchase).
    pub warnings: Vec<String>,
}

/// Losses that share a basis: (provisions, condition, (interaction index, amount)…).
type LossGroup = (Vec<super::Citation>, Option<String>, Vec<(usize, Money)>);

fn cite(law: &str, article: u32, paragraph: Option<u32>) -> super::Citation {
    super::Citation {
        law: law.to_owned(),
        article,
        paragraph,
        item: None,
    }
}

/// 《民法典》第五百七十七条、第五百八十四条；《个人信息保护法》第六十九条 — the provisions in order, one law's run joined.
pub fn basis_label(cites: &[super::Citation]) -> String {
    let kb = super::kb();
    let mut out = String::new();
    let mut last: Option<&str> = None;
    for c in cites {
        if last == Some(c.law.as_str()) {
            out += "、";
            out += &kb.label(c);
        } else {
            if last.is_some() {
                out += "；";
            }
            out += &kb.full_label(c);
        }
        last = Some(&c.law);
    }
    out
}

pub const DELAY_BASIS: &str = "《侵害消费者权益行为处罚办法》第八条";
const PERIOD_RULE: &str = "《民法典》第二百零一条、第二百零三条";

fn calendar() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(Calendar::built_in)
}

fn yuan(y: i64) -> Money {
    Money::from_fen(y * 100).unwrap_or(Money::ZERO)
}

/// The seven days of 消法第二十五条 for goods bought at a distance: from the day they arrived (or, said to be an
/// estimate, the purchase day), and whether she asked to return them inside the window — the date she gave, else the
/// day she made a return demand. The clocks, the remedies and the rules read this one count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SevenDays {
    pub from: NaiveDate,
    /// True when `from` is the day the goods arrived, false when it is the purchase day.
    pub received: bool,
    pub end: crate::calendar::Counted,
    pub requested: Option<NaiveDate>,
}

impl SevenDays {
    /// Some(true) when the request came by the window's last day (a request before the goods arrived is in time
    /// too), Some(false) after it, None when no request is dated.
    pub fn in_time(&self) -> Option<bool> {
        self.requested.map(|q| q <= self.end.date)
    }
}

pub fn seven_days(case: &CaseData, cal: &Calendar) -> Option<SevenDays> {
    if case.industry != Industry::Ecommerce || case.facts.supply != Some(SupplyKind::Goods) {
        return None;
    }
    let (from, received) = match (case.facts.goods_received_on, case.purchase.date) {
        (Some(r), _) => (r, true),
        (None, Some(p)) => (p, false),
        (None, None) => return None,
    };
    let requested = case.facts.return_requested_on.or_else(|| {
        case.demands
            .iter()
            .filter(|d| d.kind == DemandKind::Return)
            .filter_map(|d| d.made_day())
            .min()
    });
    Some(SevenDays {
        from,
        received,
        end: cal.period_end(from, 7),
        requested,
    })
}

/// Whether a law's text in the data applies to facts on `date`: in force then, or (where the data says so) the
/// cited article reads the same since an earlier day.
fn applies(law: &str, article: u32, date: NaiveDate) -> bool {
    super::kb().applies_on(law, article, date)
}

/// Fraud increase: three times the price, and at least 500 yuan (消法第五十五条第一款).
pub fn fraud_damages(price: Money) -> Option<(Money, String)> {
    let triple = Money::from_fen(price.fen().checked_mul(3)?)?;
    let floor = yuan(500);
    let amount = triple.max(floor);
    Some((
        amount,
        format!("价款 {price} 元 × 3 = {triple} 元；不足 {floor} 元的按 {floor} 元计 → {amount} 元"),
    ))
}

/// Food-safety increase: ten times the price or three times the loss, at least 1000 yuan (食品安全法第一百四十八条第二款).
pub fn food_damages(price: Money, loss: Money) -> Option<(Money, String)> {
    let ten = Money::from_fen(price.fen().checked_mul(10)?)?;
    let three = Money::from_fen(loss.fen().checked_mul(3)?)?;
    let floor = yuan(1000);
    let amount = ten.max(three).max(floor);
    Some((
        amount,
        format!(
            "价款 {price} 元 × 10 = {ten} 元；损失 {loss} 元 × 3 = {three} 元；二者择一（此处取较高者），不足 {floor} 元的按 {floor} 元计 → {amount} 元"
        ),
    ))
}

/// The fifteen days of 处罚办法第八条 for each demand the facts let us date.
pub fn delays(case: &CaseData, today: NaiveDate) -> Vec<DelayFact> {
    let mut out = Vec::new();
    for (i, d) in case.demands.iter().enumerate() {
        if !d.kind.is_performance() {
            continue;
        }
        let (start_rule, start, from) = match (d.due_by, d.made_day()) {
            (Some(due), _) => (DelayStart::PeriodEnd, due, format!("约定或者法定的期限届满之日 {due}")),
            (None, Some(made)) if case.facts.quality_defect => (
                DelayStart::QualityDemand,
                made,
                format!("商品或者服务不符合质量要求，自您提出要求之日 {made}"),
            ),
            _ => continue,
        };
        let fifteenth = calendar().period_end(start, 15).date;
        let exceeded = today > fifteenth;
        let state = if exceeded {
            format!("到 {today}，十五日已经届满")
        } else {
            format!("到 {today}，还有 {} 日届满", (fifteenth - today).num_days())
        };
        let confirmed = match d.unperformed_confirmed_on {
            Some(c) => format!("您于 {c} 确认经营者仍未履行。"),
            None => "经营者是否已经履行，只有您能确认：确认后，投诉材料才会写明“仍未履行”。".into(),
        };
        out.push(DelayFact {
            demand: i,
            demand_kind: d.kind,
            start_rule,
            start,
            fifteenth_day: fifteenth,
            exceeded,
            unperformed_confirmed_on: d.unperformed_confirmed_on,
            basis: DELAY_BASIS.into(),
            explanation: format!(
                "“{}”这项要求：自{from} 起算，当日不计入，第十五日为 {fifteenth}（期间的计算见{PERIOD_RULE}）。\
                 此后经营者无正当理由仍不履行的，可以主张视为故意拖延或者无理拒绝；经营者有正当理由的除外。{state}。{confirmed}",
                d.kind.label_zh()
            ),
        });
    }
    out
}

pub fn compute(case: &CaseData, today: NaiveDate) -> Remedies {
    let mut lines = Vec::new();
    let mut missing = Vec::new();
    let mut warnings = Vec::new();
    let price = case.purchase.amount;
    let facts = &case.facts;
    let goods = facts.supply == Some(SupplyKind::Goods);
    let remote = matches!(case.industry, Industry::Ecommerce | Industry::Telecom);

    // The day the purchase's facts happened: what decides which law's text applies to the refund.
    let bought = case
        .purchase
        .date
        .or_else(|| case.interactions.iter().map(|i| i.occurred_at.date_naive()).min())
        .unwrap_or(today);
    let window = seven_days(case, calendar());
    for (i, d) in case.demands.iter().enumerate() {
        if !matches!(d.kind, DemandKind::Refund | DemandKind::Return) {
            continue;
        }
        let (amount, working) = match (d.amount, price) {
            (Some(a), _) => (a, format!("您要求退还 {a} 元")),
            (None, Some(p)) => (p, format!("未填写金额，按所付价款 {p} 元计")),
            (None, None) => {
                missing.push(format!("第{}项诉求（{}）的金额或付款金额", i + 1, d.kind.label_zh()));
                continue;
            }
        };
        // 第二十五条 only for a return asked for inside the seven days; one asked for after them rests on quality
        // (第二十四条) or the contract, never on the no-reason return.
        let late = window.as_ref().and_then(SevenDays::in_time) == Some(false);
        let (basis, condition) = if facts.quality_defect {
            (
                cite("消费者权益保护法", 24, None),
                Some("商品或者服务不符合质量要求；退货的条件和期限以第二十四条为准。".to_owned()),
            )
        } else if d.kind == DemandKind::Return && goods && remote && !late {
            (
                cite("消费者权益保护法", 25, None),
                Some(
                    "网络、电话等方式购买的商品，自收到之日起七日内退货，商品应当完好；第二十五条所列商品除外。"
                        .to_owned(),
                ),
            )
        } else if applies("民法典", 577, bought) {
            let mut condition = "以经营者未按约定履行为前提。".to_owned();
            if d.kind == DemandKind::Return && late {
                if let Some(w) = &window {
                    condition = format!(
                        "七日无理由退货的期限已于 {} 届满，之后提出的退货不能依消法第二十五条主张，只能依合同约定或者质量问题主张；{condition}",
                        w.end.date
                    );
                }
            }
            (cite("民法典", 577, None), Some(condition))
        } else {
            warnings.push(format!(
                "第{}项诉求（{}）：购买发生在 {bought}，民法典自 2021-01-01 起施行，本软件核验的法律数据中没有可以据以计算这项退款的依据。",
                i + 1,
                d.kind.label_zh()
            ));
            continue;
        };
        lines.push(RemedyLine {
            kind: RemedyKind::RefundOfPrice,
            amount,
            basis: basis_label(std::slice::from_ref(&basis)),
            cites: vec![basis],
            working,
            condition,
            demand: Some(i),
        });
    }

    let deceptive: Vec<(usize, Timing)> = case
        .interactions
        .iter()
        .enumerate()
        .filter(|(_, it)| it.problems.iter().any(|p| is_deception(*p)) && it.speaker() == Speaker::Company)
        .map(|(i, it)| (i, statement_timing(it, &case.purchase)))
        .collect();
    let before = deceptive.iter().any(|(_, t)| *t == Timing::BeforePurchase);
    let unsettled: Vec<usize> = deceptive
        .iter()
        .filter(|(_, t)| *t == Timing::Unsettled)
        .map(|(i, _)| i + 1)
        .collect();
    let punitive = case.demands.iter().position(|d| d.kind == DemandKind::PunitiveDamages);
    let recorded_loss: i64 = case.interactions.iter().filter_map(|i| i.loss).map(Money::fen).sum();

    // 食品安全法第一百四十八条 applies as the data says (in force, or unchanged since 2021-04-29), judged on the day the
    // food was bought (else the earliest record): a booking call before it does not decide.
    let food_applies = applies("食品安全法", 148, bought);
    if facts.food_unsafe && !food_applies {
        warnings.push(format!(
            "食品安全法第一百四十八条：本软件核验的文本自 2021-04-29 起适用，{bought} 购买时适用的文本未经核验，这里不计算赔偿金。"
        ));
    } else if facts.food_unsafe {
        match price {
            Some(p) => {
                if let Some((amount, working)) = food_damages(p, Money::from_fen(recorded_loss).unwrap_or(Money::ZERO))
                {
                    lines.push(RemedyLine {
                        kind: RemedyKind::FoodDamages,
                        amount,
                        basis: "《食品安全法》第一百四十八条第二款".into(),
                        cites: vec![cite("食品安全法", 148, Some(2))],
                        working,
                        condition: Some(
                            "须是不符合食品安全标准的食品：向生产者主张，或者向明知的经营者主张；食品的标签、说明书存在不影响食品安全且不会对消费者造成误导的瑕疵的除外。"
                                .into(),
                        ),
                        demand: punitive,
                    });
                }
            }
            None => missing.push("付款金额（购买信息 → 付款金额）".into()),
        }
    } else if before {
        match price {
            Some(p) if p.fen() == 0 => warnings.push(
                "记录的价款为 0 元：三倍赔偿以价款为基数，不能据此主张 500 元的最低赔偿。请先核实付款金额。".into(),
            ),
            Some(p) => {
                if let Some((amount, working)) = fraud_damages(p) {
                    lines.push(RemedyLine {
                        kind: RemedyKind::FraudDamages,
                        amount,
                        basis: "《消费者权益保护法》第五十五条第一款".into(),
                        cites: vec![cite("消费者权益保护法", 55, Some(1))],
                        working,
                        condition: Some(
                            "须能证明经营者在您购买前或者购买时故意告知虚假情况或者隐瞒真实情况，并使您因此作出购买决定；不影响质量、也不会造成误导的标签说明瑕疵除外（实施条例第四十九条第一款）。是否构成欺诈，由市场监管部门或者法院认定。"
                                .into(),
                        ),
                        demand: punitive,
                    });
                }
            }
            None => missing.push("付款金额（购买信息 → 付款金额）".into()),
        }
    }
    if punitive.is_some() && !facts.food_unsafe && !before {
        let mut w = String::from(
            "您提出了惩罚性赔偿，但记录中没有在购买前或者购买时作出的虚假说明或者隐瞒：消法第五十五条第一款的三倍赔偿只适用于使您作出购买决定的欺诈，这里不计算金额。购买后作出的承诺没有兑现的，可以依实施条例第十二条要求兑现。",
        );
        if !unsettled.is_empty() {
            let n: Vec<String> = unsettled.iter().map(|n| format!("第{n}次沟通")).collect();
            w += &format!("请先回答：{}中的说法是在您下单前说的吗？", n.join("、"));
        }
        warnings.push(w);
    }

    // Losses, grouped by the basis of how each arose; each basis only where its laws applied on the day of the loss.
    let refunded: Vec<Money> = lines
        .iter()
        .filter(|l| l.kind == RemedyKind::RefundOfPrice)
        .map(|l| l.amount)
        .collect();
    let mut scam_only = false;
    let mut groups: Vec<LossGroup> = Vec::new();
    for (i, it) in case.interactions.iter().enumerate() {
        let Some(loss) = it.loss.filter(|l| l.fen() > 0) else {
            continue;
        };
        let on = it.occurred_at.date_naive();
        let speaker = it.speaker();
        let (basis, condition): (Vec<super::Citation>, &str) = if speaker != Speaker::Company {
            if !facts.leak_suspected {
                scam_only = true;
                warnings.push(if speaker == Speaker::Impostor {
                    format!(
                        "第{}次沟通记录的损失 {loss} 元是冒充客服的人骗走的，不是经营者造成的：请向公安机关报案追赃；只有在您有理由怀疑信息从经营者处泄露时，才可以向经营者主张。",
                        i + 1
                    )
                } else {
                    format!(
                        "第{}次沟通记录的损失 {loss} 元：链接来源未确认。请先确认链接是不是经营者官方客服渠道发来的；如果不是，这笔钱请向公安机关报案追回，不能向经营者主张。",
                        i + 1
                    )
                });
                continue;
            }
            (
                vec![cite("个人信息保护法", 69, None)],
                "须有证据表明订单等个人信息从经营者处泄露，且损失与泄露有关；经营者不能证明自己没有过错的，应当承担赔偿责任。",
            )
        } else if it.problems.contains(&ProblemKind::InducedHarm) {
            (
                vec![cite("民法典", 1165, Some(1)), cite("民法典", 1184, None)],
                "链接须来自经营者官方客服渠道；损失按损失发生时的市场价格或者其他合理方式计算。",
            )
        } else if it.problems.contains(&ProblemKind::PrivacyViolation) {
            (
                vec![cite("个人信息保护法", 69, None), cite("民法典", 1182, None)],
                "损失须与个人信息被泄露或者违规使用有关。",
            )
        } else {
            if refunded.contains(&loss) {
                warnings.push(format!(
                    "第{}次沟通记录的损失 {loss} 元与退款请求是同一笔钱，不在赔偿损失中重复计算。",
                    i + 1
                ));
                continue;
            }
            (
                vec![cite("民法典", 577, None), cite("民法典", 584, None)],
                "以经营者违约造成损失为前提。",
            )
        };
        if let Some(c) = basis.iter().find(|c| !applies(&c.law, c.article, on)) {
            warnings.push(format!(
                "第{}次沟通记录的损失 {loss} 元发生在 {on}，当时《{}》尚未施行：本软件核验的法律数据中没有可以据以计算的依据。",
                i + 1,
                c.law
            ));
            continue;
        }
        match groups.iter_mut().find(|g| g.0 == basis) {
            Some(g) => g.2.push((i, loss)),
            None => groups.push((basis, Some(condition.to_owned()), vec![(i, loss)])),
        }
    }
    let compensation = case.demands.iter().position(|d| d.kind == DemandKind::Compensation);
    if compensation.is_some() && groups.is_empty() && scam_only {
        warnings.push(
            "您提出了赔偿损失，但记录的损失都是冒充客服或者来源未确认的链接骗走的钱款：按已记录的事实，这笔钱不能向经营者主张，这里不计算金额。请先报警，由公安机关追赃；如果有证据表明订单等信息从经营者处泄露，请在案件事实中说明。".into(),
        );
    }
    for (basis, condition, items) in groups {
        let total: i64 = items.iter().map(|(_, l)| l.fen()).sum();
        let Some(total) = Money::from_fen(total) else { continue };
        let parts: Vec<String> = items.iter().map(|(i, l)| format!("第{}次沟通 {l} 元", i + 1)).collect();
        lines.push(RemedyLine {
            kind: RemedyKind::Losses,
            amount: total,
            basis: basis_label(&basis),
            cites: basis,
            working: format!("{} = {total} 元", parts.join(" + ")),
            condition: Some(format!(
                "{}损失须有证据证明（转账记录、扣款短信、发票等）。",
                condition.unwrap_or_default()
            )),
            demand: compensation,
        });
    }

    let delays = delays(case, today);
    for (i, d) in case.demands.iter().enumerate() {
        if d.kind.is_performance() && d.due_by.is_none() && !delays.iter().any(|x| x.demand == i) {
            missing.push(if d.made_day().is_none() {
                format!(
                    "第{}项诉求（{}）：提出要求的日期；十五日规则（{DELAY_BASIS}）需要它",
                    i + 1,
                    d.kind.label_zh()
                )
            } else {
                format!(
                    "第{}项诉求（{}）：十五日自约定或者法定的期限届满起算（如客服承诺的退款日期），商品或者服务不符合质量要求的自提出要求之日起算；请填写承诺的期限，或者在案件事实中确认质量问题",
                    i + 1,
                    d.kind.label_zh()
                )
            });
        }
    }
    Remedies {
        lines,
        delays,
        missing,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fraud_damages_is_triple_with_a_500_yuan_floor() {
        assert_eq!(fraud_damages(yuan(1299)).map(|x| x.0), Some(yuan(3897)));
        assert_eq!(fraud_damages(yuan(100)).map(|x| x.0), Some(yuan(500)));
        let (_, working) = fraud_damages(yuan(100)).expect("computed");
        assert_eq!(
            working,
            "价款 100.00 元 × 3 = 300.00 元；不足 500.00 元的按 500.00 元计 → 500.00 元"
        );
    }

    #[test]
    fn food_damages_is_ten_times_the_price_or_three_times_the_loss_with_a_1000_yuan_floor() {
        assert_eq!(food_damages(yuan(300), yuan(0)).map(|x| x.0), Some(yuan(3000)));
        assert_eq!(food_damages(yuan(30), yuan(2000)).map(|x| x.0), Some(yuan(6000)));
        assert_eq!(food_damages(yuan(20), yuan(10)).map(|x| x.0), Some(yuan(1000)));
    }
}
