//! Personal data a person writes into free text, in the forms people write it: mobile and landline numbers with
//! spaces, dashes, +86 or an area code in brackets, full-width digits; ID numbers in groups or ending in a lower-case
//! x; bank-card numbers (16–19 digits that pass the Luhn check); e-mail addresses; police receipt numbers after the
//! words that name them; licence plates. Each find is the text exactly as written, so the public version can mask
//! that very text. The scanner is linear in the text and allocates per find only.

/// What a find is: its label in the public version's preview and what replaces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Mobile,
    Landline,
    IdNumber,
    BankCard,
    Email,
    PoliceReceipt,
    Plate,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Mobile => "文中的手机号",
            Kind::Landline => "文中的固定电话",
            Kind::IdNumber => "文中的身份证号",
            Kind::BankCard => "文中的银行卡号",
            Kind::Email => "文中的电子邮箱",
            Kind::PoliceReceipt => "文中的报警回执编号",
            Kind::Plate => "文中的车牌号",
        }
    }

    pub fn replacement(self) -> &'static str {
        match self {
            Kind::Mobile | Kind::Landline => "[电话已隐去]",
            Kind::IdNumber => "[身份证号已隐去]",
            Kind::BankCard => "[银行卡号已隐去]",
            Kind::Email => "[邮箱已隐去]",
            Kind::PoliceReceipt => "[回执编号已隐去]",
            Kind::Plate => "[车牌号已隐去]",
        }
    }
}

/// A full-width digit as its ASCII digit; any other character unchanged.
fn half(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c),
        _ => c,
    }
}

fn is_digit(c: char) -> bool {
    half(c).is_ascii_digit()
}

/// Characters people put between the groups of a number.
fn is_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '-' | '－' | '‐' | '–' | '—' | '.' | '·')
}

/// The Luhn check of a card number.
fn luhn(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, d) in digits.iter().rev().enumerate() {
        let mut v = u32::from(*d);
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum.is_multiple_of(10)
}

/// The check character of an 18-character ID number (GB 11643).
fn id_checks(digits: &[u8], last: char) -> bool {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const C: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    if digits.len() < 17 {
        return false;
    }
    let s: u32 = digits[..17].iter().zip(W).map(|(d, w)| u32::from(*d) * w).sum();
    C[(s % 11) as usize] == last.to_ascii_uppercase()
}

/// What a run of digits is, if it is personal data. `plus` is whether it was written with a leading +; a landline
/// is 0, a two- or three-digit area code and seven or eight digits.
fn classify(d: &[u8], x: bool, plus: bool) -> Option<Kind> {
    let n = d.len();
    let mobile = |d: &[u8]| d.len() == 11 && d[0] == 1 && (3..=9).contains(&d[1]);
    if x {
        return (n == 17).then_some(Kind::IdNumber);
    }
    if n == 13 && d[0] == 8 && d[1] == 6 && mobile(&d[2..]) {
        return Some(Kind::Mobile);
    }
    if plus {
        return None;
    }
    if mobile(d) {
        return Some(Kind::Mobile);
    }
    if n == 18 {
        let last = char::from(b'0' + d[17]);
        if id_checks(d, last) {
            return Some(Kind::IdNumber);
        }
    }
    if (16..=19).contains(&n) && luhn(d) {
        return Some(Kind::BankCard);
    }
    if n == 18 {
        return Some(Kind::IdNumber);
    }
    if d[0] == 0 && (10..=12).contains(&n) && d[1] != 0 {
        return Some(Kind::Landline);
    }
    None
}

/// One find: the byte range in the text and its kind.
pub type Find = (std::ops::Range<usize>, Kind);

/// Numbers: groups of digits joined by single separators, optionally after + or an area code in brackets; the
/// longest run of whole groups that is personal data wins.
fn numbers(text: &str, out: &mut Vec<Find>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |(b, _)| *b);
    let word = |c: char| c.is_ascii_alphanumeric() || is_digit(c);
    let mut i = 0;
    while i < chars.len() {
        let (start_byte, c) = chars[i];
        let prev_word = i > 0 && word(chars[i - 1].1);
        let plus = matches!(c, '+' | '＋');
        let bracket = matches!(c, '(' | '（');
        if prev_word || !(is_digit(c) || ((plus || bracket) && chars.get(i + 1).is_some_and(|n| is_digit(n.1)))) {
            i += 1;
            continue;
        }
        let mut k = if plus || bracket { i + 1 } else { i };
        let mut digits: Vec<u8> = Vec::new();
        // (end index in chars after the group, digits so far)
        let mut best: Option<(usize, Kind)> = None;
        let mut closed_bracket = !bracket;
        loop {
            let group_start = k;
            while k < chars.len() && is_digit(chars[k].1) {
                digits.push(half(chars[k].1) as u8 - b'0');
                k += 1;
            }
            if k == group_start || digits.len() > 24 {
                break;
            }
            let next = chars.get(k).map(|c| c.1);
            let x = digits.len() == 17 && matches!(next, Some('X' | 'x' | 'Ｘ' | 'ｘ'));
            let after = if x { k + 1 } else { k };
            let glued = chars.get(after).is_some_and(|c| word(c.1));
            if !glued && closed_bracket {
                if let Some(kind) = classify(&digits, x, plus) {
                    best = Some((after, kind));
                }
            }
            if x {
                break;
            }
            match next {
                Some(')' | '）') if !closed_bracket => {
                    closed_bracket = true;
                    k += 1;
                    if chars.get(k).is_some_and(|c| is_separator(c.1)) {
                        k += 1;
                    }
                }
                Some(s) if is_separator(s) && chars.get(k + 1).is_some_and(|c| is_digit(c.1)) => k += 1,
                _ => break,
            }
        }
        match best {
            Some((end, kind)) => {
                out.push((start_byte..end_of(end), kind));
                i = end;
            }
            None => i += 1,
        }
    }
}

fn emails(text: &str, out: &mut Vec<Find>) {
    let local = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
    let domain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-');
    for (at, c) in text.char_indices().filter(|(_, c)| matches!(c, '@' | '＠')) {
        let start = text[..at]
            .char_indices()
            .rev()
            .take_while(|(_, c)| local(*c))
            .last()
            .map(|(b, _)| b);
        let after = at + c.len_utf8();
        let end = after
            + text[after..]
                .char_indices()
                .take_while(|(_, c)| domain(*c))
                .last()
                .map_or(0, |(b, c)| b + c.len_utf8());
        let d = text[after..end].trim_end_matches('.');
        if let Some(start) = start {
            if d.contains('.') && !d.starts_with('.') {
                out.push((start..after + d.len(), Kind::Email));
            }
        }
    }
}

/// A police receipt number: an alphanumeric token of at least six characters after 回执、警情、接警 or 报警 with
/// 编号/号/单号 and a colon, or directly after 回执号.
fn receipts(text: &str, out: &mut Vec<Find>) {
    for cue in ["回执", "警情", "接警", "报警", "受案"] {
        let mut from = 0;
        while let Some(p) = text[from..].find(cue) {
            let mut rest = from + p + cue.len();
            from = rest;
            for filler in ["回执", "单", "编号", "号码", "号"] {
                if text[rest..].starts_with(filler) {
                    rest += filler.len();
                }
            }
            for sep in ["：", ":", " ", "为", "是"] {
                if text[rest..].starts_with(sep) {
                    rest += sep.len();
                    break;
                }
            }
            let token_len = text[rest..]
                .char_indices()
                .take_while(|(_, c)| c.is_ascii_alphanumeric() || is_digit(*c) || *c == '-')
                .last()
                .map_or(0, |(b, c)| b + c.len_utf8());
            let token = &text[rest..rest + token_len];
            if token.chars().filter(|c| is_digit(*c)).count() >= 6 {
                out.push((rest..rest + token_len, Kind::PoliceReceipt));
            }
        }
    }
}

const PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

fn plates(text: &str, out: &mut Vec<Find>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for i in 0..chars.len() {
        if !PROVINCES.contains(chars[i].1) {
            continue;
        }
        let Some(&(_, letter)) = chars.get(i + 1) else { continue };
        if !letter.is_ascii_uppercase() {
            continue;
        }
        let mut k = i + 2;
        if chars.get(k).is_some_and(|c| matches!(c.1, '·' | ' ' | '•')) {
            k += 1;
        }
        let body = k;
        while k < chars.len() && (chars[k].1.is_ascii_uppercase() || chars[k].1.is_ascii_digit()) {
            k += 1;
        }
        let len = k - body;
        let has_digit = chars[body..k].iter().any(|c| c.1.is_ascii_digit());
        let glued = chars.get(k).is_some_and(|c| c.1.is_ascii_alphanumeric());
        if (5..=6).contains(&len) && has_digit && !glued {
            let end = chars.get(k).map_or(text.len(), |c| c.0);
            out.push((chars[i].0..end, Kind::Plate));
        }
    }
}

/// Every piece of personal data found in `text`, in order, none overlapping (the first found wins).
pub fn find(text: &str) -> Vec<Find> {
    let mut all = Vec::new();
    receipts(text, &mut all);
    emails(text, &mut all);
    plates(text, &mut all);
    numbers(text, &mut all);
    all.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<Find> = Vec::new();
    for f in all {
        if out.last().is_none_or(|(r, _)| f.0.start >= r.end) {
            out.push(f);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, Kind)> {
        find(text).into_iter().map(|(r, k)| (&text[r], k)).collect()
    }

    #[test]
    fn phones_in_the_forms_people_write_them() {
        for (text, want) in [
            ("打138-0013-8000找我", "138-0013-8000"),
            ("电话+8613800138000。", "+8613800138000"),
            ("+86 138 0013 8000", "+86 138 0013 8000"),
            ("手机１３８００１３８０００", "１３８００１３８０００"),
            ("13800138000 2026年", "13800138000"),
        ] {
            assert_eq!(found(text), [(want, Kind::Mobile)], "{text}");
        }
        assert_eq!(found("座机010-12345678"), [("010-12345678", Kind::Landline)]);
        assert_eq!(found("（0571）8888 8888"), [("（0571）8888 8888", Kind::Landline)]);
    }

    #[test]
    fn ids_cards_mail_receipts_and_plates() {
        assert_eq!(
            found("身份证11010119900307123x"),
            [("11010119900307123x", Kind::IdNumber)]
        );
        assert_eq!(
            found("证件 110101 19900307 1233"),
            [("110101 19900307 1233", Kind::IdNumber)]
        );
        // 6222021234567890128 passes the Luhn check; with its last digit changed it does not.
        assert_eq!(
            found("卡号6222 0212 3456 7890 128"),
            [("6222 0212 3456 7890 128", Kind::BankCard)]
        );
        assert!(found("订单6222021234567890124号").is_empty());
        assert_eq!(
            found("邮箱 wang.xl@example.com。"),
            [("wang.xl@example.com", Kind::Email)]
        );
        assert_eq!(
            found("报警回执编号：J3301060220260905000123"),
            [("J3301060220260905000123", Kind::PoliceReceipt)]
        );
        assert_eq!(found("车牌浙A·12345停在门口"), [("浙A·12345", Kind::Plate)]);
        assert_eq!(found("新能源车粤B D12345"), [("粤B D12345", Kind::Plate)]);
    }

    #[test]
    fn what_is_not_personal_data_stays() {
        for text in [
            "2026-09-05 10:00 付款 1,899.00 元",
            "订单号DD20260901123456",
            "型号ABC-1234",
            "第3次沟通，48小时内处理",
            "价款 1299 元 × 3",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }
}
