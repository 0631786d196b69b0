//! What the legal bases let the consumer ask for, in fen, with the working shown so that a reader can check it:
//! refund of the price, the fraud increase of 消法第五十五条第一款 (three times the price, at least 500 yuan), the
//! losses recorded in the interactions, and the 15-day rule of 处罚办法第八条 as a dated fact.

use chrono::{Duration, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use crate::model::{CaseData, DemandKind, Money, ProblemKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RemedyKind {
    RefundOfPrice,
    FraudDamages,
    Losses,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RemedyLine {
    pub kind: RemedyKind,
    pub amount: Money,
    /// 《消费者权益保护法》第五十五条第一款
    pub basis: String,
    /// The arithmetic, in Chinese, e.g. 价款 1299.00 元 × 3 = 3897.00 元；不低于 500.00 元 → 3897.00 元
    pub working: String,
    /// What must hold for this line to be claimed.
    pub condition: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DelayFact {
    #[ts(type = "string")]
    pub first_raised: NaiveDate,
    /// The fifteenth day after the matter was first raised; from the day after it, the delay counts as deliberate.
    #[ts(type = "string")]
    pub fifteenth_day: NaiveDate,
    pub exceeded: bool,
    pub basis: String,
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Remedies {
    pub lines: Vec<RemedyLine>,
    pub delay: Option<DelayFact>,
    /// Facts the calculator needs but the case lacks (e.g. the price).
    pub missing: Vec<String>,
}

/// Fraud increase: three times the price, and at least 500 yuan (消法第五十五条第一款).
pub fn fraud_damages(price: Money) -> Option<(Money, String)> {
    let triple = Money::from_fen(price.fen().checked_mul(3)?)?;
    let floor = Money::from_fen(50_000)?;
    let amount = triple.max(floor);
    Some((
        amount,
        format!("价款 {price} 元 × 3 = {triple} 元；不足 {floor} 元的按 {floor} 元计 → {amount} 元"),
    ))
}

pub fn compute(case: &CaseData, today: NaiveDate) -> Remedies {
    let mut lines = Vec::new();
    let mut missing = Vec::new();
    let price = case.purchase.amount;
    let wants_refund = case.demands.iter().any(|d| d.kind == DemandKind::Refund);
    let fraud_alleged = case.interactions.iter().any(|i| {
        i.problems
            .iter()
            .any(|p| matches!(p, ProblemKind::FalseInformation | ProblemKind::Concealment))
    });

    match price {
        Some(p) if wants_refund => lines.push(RemedyLine {
            kind: RemedyKind::RefundOfPrice,
            amount: p,
            basis: "《消费者权益保护法》第五十二条".into(),
            working: format!("退还所付价款 {p} 元"),
            condition: None,
        }),
        None if wants_refund || fraud_alleged => missing.push("付款金额（购买信息 → 付款金额）".into()),
        _ => {}
    }
    if let (Some(p), true) = (price, fraud_alleged) {
        if let Some((amount, working)) = fraud_damages(p) {
            lines.push(RemedyLine {
                kind: RemedyKind::FraudDamages,
                amount,
                basis: "《消费者权益保护法》第五十五条第一款".into(),
                working,
                condition: Some(
                    "须能认定经营者欺诈：故意告知虚假情况或隐瞒真实情况，使您因此作出购买决定；不影响质量、也不会造成误导的标签说明瑕疵除外（实施条例第四十九条第一款）。"
                        .into(),
                ),
            });
        }
    }
    let losses: Vec<(usize, Money)> = case
        .interactions
        .iter()
        .enumerate()
        .filter_map(|(i, it)| it.loss.filter(|l| l.fen() > 0).map(|l| (i, l)))
        .collect();
    if !losses.is_empty() {
        let total: i64 = losses.iter().map(|(_, l)| l.fen()).sum();
        if let Some(total) = Money::from_fen(total) {
            let parts: Vec<String> = losses
                .iter()
                .map(|(i, l)| format!("第{}次沟通 {l} 元", i + 1))
                .collect();
            lines.push(RemedyLine {
                kind: RemedyKind::Losses,
                amount: total,
                basis: "《消费者权益保护法》第五十二条；《民法典》第五百八十四条".into(),
                working: if parts.len() == 1 {
                    format!("{} = {total} 元", parts[0])
                } else {
                    format!("{} = {total} 元", parts.join(" + "))
                },
                condition: Some("损失须有证据证明（转账记录、扣款短信、发票等）。".into()),
            });
        }
    }

    let delay = case.interactions.iter().map(|i| i.occurred_at.date_naive()).min().and_then(|first| {
        let relevant = !case.demands.is_empty()
            || case.interactions.iter().any(|i| i.problems.contains(&ProblemKind::DelayedHandling));
        relevant.then(|| {
            let fifteenth = first + Duration::days(15);
            let exceeded = today > fifteenth;
            let state = if exceeded {
                format!("到 {today} 已超过 {} 日", (today - fifteenth).num_days())
            } else {
                format!("到 {today} 还有 {} 日", (fifteenth - today).num_days())
            };
            DelayFact {
                first_raised: first,
                fifteenth_day: fifteenth,
                exceeded,
                basis: "《侵害消费者权益行为处罚办法》第八条".into(),
                explanation: format!(
                    "您最早于 {first} 向经营者提出问题（以第一次沟通记录的日期计）。自该日起算（当日不计入），第十五日为 \
                     {fifteenth}；此后经营者仍无正当理由不履行退款、维修等义务的，视为故意拖延或者无理拒绝。{state}。"
                ),
            }
        })
    });
    Remedies { lines, delay, missing }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fraud_damages_is_triple_with_a_500_yuan_floor() {
        let m = |y: i64| Money::from_fen(y * 100).expect("valid");
        assert_eq!(fraud_damages(m(1299)).map(|x| x.0), Some(m(3897)));
        assert_eq!(fraud_damages(m(100)).map(|x| x.0), Some(m(500)));
        assert_eq!(fraud_damages(m(0)).map(|x| x.0), Some(m(500)));
        let (_, working) = fraud_damages(m(100)).expect("computed");
        assert_eq!(
            working,
            "价款 100.00 元 × 3 = 300.00 元；不足 500.00 元的按 500.00 元计 → 500.00 元"
        );
    }
}
