//! Chinese numerals as statutes write them (第一千一百六十五条, 第二款, 第（八）项), both ways.

const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// 1 → 一, 10 → 十, 20 → 二十, 101 → 一百零一, 1165 → 一千一百六十五, 10000 → 一万, 10010 → 一万零一十; any u32.
pub fn to_chinese(n: u32) -> String {
    for (value, unit) in [(100_000_000, '亿'), (10_000, '万')] {
        if n >= value {
            let (high, low) = (n / value, n % value);
            let mut s = to_chinese(high);
            s.push(unit);
            if low > 0 {
                if low < value / 10 {
                    s.push('零');
                }
                let rest = to_chinese(low);
                // 一万零一十, not 一万零十: a leading 十 after a higher unit keeps its 一.
                if rest.starts_with('十') {
                    s.push('一');
                }
                s += &rest;
            }
            return s;
        }
    }
    below_ten_thousand(n)
}

fn below_ten_thousand(n: u32) -> String {
    if n == 0 {
        return "零".into();
    }
    let units = [(1000, '千'), (100, '百'), (10, '十')];
    let mut out = String::new();
    let mut rest = n;
    let mut pending_zero = false;
    for (value, unit) in units {
        let d = rest / value;
        rest %= value;
        if d > 0 {
            if pending_zero {
                out.push('零');
                pending_zero = false;
            }
            // 十一 rather than 一十一 when ten is the leading unit.
            if !(unit == '十' && d == 1 && out.is_empty()) {
                out.push(DIGITS[d as usize]);
            }
            out.push(unit);
        } else if !out.is_empty() {
            pending_zero = true;
        }
    }
    if rest > 0 {
        if pending_zero {
            out.push('零');
        }
        out.push(DIGITS[rest as usize]);
    }
    out
}

/// Parses 二十, 一百零一, 一千一百六十五 or ASCII digits. None for anything else.
pub fn parse(s: &str) -> Option<u32> {
    let s = s.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let mut total = 0u32;
    let mut current = 0u32;
    let mut seen = false;
    for c in s.chars() {
        seen = true;
        if let Some(d) = DIGITS.iter().position(|&x| x == c) {
            current = d as u32;
        } else {
            let unit = match c {
                '十' => 10,
                '百' => 100,
                '千' => 1000,
                _ => return None,
            };
            let digit = if current == 0 && unit == 10 { 1 } else { current };
            total = total.checked_add(digit.checked_mul(unit)?)?;
            current = 0;
        }
    }
    seen.then_some(total.checked_add(current)?).filter(|&n| n > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_number_is_written_and_nothing_panics() {
        assert_eq!(to_chinese(9_999), "九千九百九十九");
        assert_eq!(to_chinese(10_000), "一万");
        assert_eq!(to_chinese(10_010), "一万零一十");
        assert_eq!(to_chinese(12_345), "一万二千三百四十五");
        assert_eq!(to_chinese(100_000), "十万");
        assert_eq!(to_chinese(u32::MAX), "四十二亿九千四百九十六万七千二百九十五");
        assert_eq!(
            parse(&"九千".repeat(500_000)),
            None,
            "an overflowing numeral is refused, not a panic"
        );
        assert_eq!(parse("99999999999"), None);
    }

    #[test]
    fn round_trips_every_article_number_in_use() {
        for (n, s) in [
            (1, "一"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (56, "五十六"),
            (101, "一百零一"),
            (110, "一百一十"),
            (119, "一百一十九"),
            (1005, "一千零五"),
            (1165, "一千一百六十五"),
            (1260, "一千二百六十"),
        ] {
            assert_eq!(to_chinese(n), s);
            assert_eq!(parse(s), Some(n));
        }
        for n in 1..=1300 {
            assert_eq!(parse(&to_chinese(n)), Some(n), "{n}");
        }
        assert_eq!(parse("20"), Some(20));
        assert_eq!(parse("二十a"), None);
        assert_eq!(parse(""), None);
    }
}
