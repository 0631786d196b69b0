//! The time separators chat apps put between turns ("2026年9月5日 10:12", "9月8日 15:40", "昨天 21:03",
//! "星期三 09:15", "10:12", with 上午/下午/晚上), read into a date-time. A separator without the year or the day is
//! resolved against a reference time (the screenshot file's own time, or the moment of reading), and the result
//! says so: a relative date is never presented as if the picture had stated it.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone};

/// How a separator's date was known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// The separator gave the full date.
    Stated,
    /// Month and day were given; the year is the reference's (or the year before, if that would be in the future).
    YearFromReference,
    /// 今天/昨天/前天/a weekday/a bare time: the day was counted back from the reference.
    RelativeToReference,
}

/// A separator read: the time and how its date was known; `None` when the text is not a time.
pub fn parse(text: &str, reference: DateTime<FixedOffset>) -> Option<(DateTime<FixedOffset>, DateBasis)> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.replace('：', ":");
    let (date_part, time_part) = split_time(&t)?;
    let time = parse_clock(time_part)?;
    let today = reference.date_naive();
    let (date, basis) = if date_part.is_empty() || date_part == "今天" {
        (today, DateBasis::RelativeToReference)
    } else if date_part == "昨天" {
        (today - Duration::days(1), DateBasis::RelativeToReference)
    } else if date_part == "前天" {
        (today - Duration::days(2), DateBasis::RelativeToReference)
    } else if let Some(wd) = weekday(date_part) {
        // The most recent such weekday before the reference day (chat apps use weekdays for the last week).
        let back = (today.weekday().num_days_from_monday() + 7 - wd) % 7;
        let back = if back == 0 { 7 } else { back };
        (today - Duration::days(i64::from(back)), DateBasis::RelativeToReference)
    } else {
        let (y, rest) = match date_part.split_once('年') {
            Some((y, rest)) => (Some(y.parse::<i32>().ok()?), rest),
            None => (None, date_part),
        };
        let (m, rest) = rest.split_once('月')?;
        let d = rest.strip_suffix('日').unwrap_or(rest);
        let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
        match y {
            Some(y) => (NaiveDate::from_ymd_opt(y, m, d)?, DateBasis::Stated),
            None => {
                let this_year = NaiveDate::from_ymd_opt(today.year(), m, d)?;
                let date = if this_year > today {
                    NaiveDate::from_ymd_opt(today.year() - 1, m, d)?
                } else {
                    this_year
                };
                (date, DateBasis::YearFromReference)
            }
        }
    };
    let at = reference.offset().from_local_datetime(&date.and_time(time)).single()?;
    Some((at, basis))
}

/// Splits "昨天21:03" into ("昨天", "21:03"), keeping 上午/下午 with the clock.
fn split_time(t: &str) -> Option<(&str, &str)> {
    let colon = t.rfind(':')?;
    let mut start = colon;
    while start > 0 && t.as_bytes()[start - 1].is_ascii_digit() {
        start -= 1;
    }
    for marker in ["上午", "下午", "晚上", "中午", "凌晨", "早上"] {
        if t[..start].ends_with(marker) {
            start -= marker.len();
            break;
        }
    }
    Some((&t[..start], &t[start..]))
}

fn parse_clock(t: &str) -> Option<NaiveTime> {
    let (pm, am, clock) = if let Some(c) = t.strip_prefix("下午").or_else(|| t.strip_prefix("晚上")) {
        (true, false, c)
    } else if let Some(c) = t.strip_prefix("中午") {
        (false, false, c)
    } else if let Some(c) = t
        .strip_prefix("上午")
        .or_else(|| t.strip_prefix("凌晨"))
        .or_else(|| t.strip_prefix("早上"))
    {
        (false, true, c)
    } else {
        (false, false, t)
    };
    let (h, m) = clock.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let (mut h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    if pm && h < 12 {
        h += 12;
    }
    if am && h == 12 {
        h = 0;
    }
    NaiveTime::from_hms_opt(h, m, 0)
}

fn weekday(s: &str) -> Option<u32> {
    let day = s.strip_prefix("星期").or_else(|| s.strip_prefix("周"))?;
    ["一", "二", "三", "四", "五", "六", "日"]
        .iter()
        .position(|d| *d == day || (*d == "日" && day == "天"))
        .map(|i| i as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2026-09-10T12:00:00+08:00").unwrap_or_else(|e| panic!("{e}"))
    }

    fn at(s: &str) -> Option<(String, DateBasis)> {
        parse(s, reference()).map(|(t, b)| (t.to_rfc3339(), b))
    }

    #[test]
    fn separators_of_every_kind() {
        use DateBasis::*;
        assert_eq!(
            at("2026年9月5日 10:12"),
            Some(("2026-09-05T10:12:00+08:00".into(), Stated))
        );
        assert_eq!(
            at("9月8日 15:40"),
            Some(("2026-09-08T15:40:00+08:00".into(), YearFromReference))
        );
        assert_eq!(
            at("12月30日 08:00"),
            Some(("2025-12-30T08:00:00+08:00".into(), YearFromReference))
        );
        assert_eq!(
            at("昨天 21:03"),
            Some(("2026-09-09T21:03:00+08:00".into(), RelativeToReference))
        );
        assert_eq!(
            at("前天 下午3:05"),
            Some(("2026-09-08T15:05:00+08:00".into(), RelativeToReference))
        );
        // 2026-09-10 is a Thursday: 星期一 is the 7th, 星期四 a week before.
        assert_eq!(
            at("星期一 09:15"),
            Some(("2026-09-07T09:15:00+08:00".into(), RelativeToReference))
        );
        assert_eq!(
            at("星期四 09:15"),
            Some(("2026-09-03T09:15:00+08:00".into(), RelativeToReference))
        );
        assert_eq!(
            at("10:12"),
            Some(("2026-09-10T10:12:00+08:00".into(), RelativeToReference))
        );
        assert_eq!(
            at("上午12:30"),
            Some(("2026-09-10T00:30:00+08:00".into(), RelativeToReference))
        );
        assert_eq!(at("以上是历史消息"), None);
        assert_eq!(at("2月30日 10:00"), None);
        assert_eq!(at("25:00"), None);
        assert_eq!(at("订单 1:2"), None);
    }
}
