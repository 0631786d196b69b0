//! The 统一社会信用代码 (unified social credit code) check of GB 32100-2015: 18 characters from a 31-character
//! alphabet (no I, O, S, V, Z), the last one a check character over the first 17. A wrong check character is a
//! warning the user may override (a typo on a licence photo should not block a complaint), never a hard error.

/// The code's alphabet, in value order (GB 32100-2015, table 1).
const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weight of position i is 3^i mod 31.
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// Why a credit code does not pass the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CreditCodeIssue {
    Length(usize),
    Character { position: usize, ch: char },
    CheckCharacter { expected: char, found: char },
}

impl std::fmt::Display for CreditCodeIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CreditCodeIssue::Length(n) => write!(f, "a 统一社会信用代码 has 18 characters, this one has {n}"),
            CreditCodeIssue::Character { position, ch } => write!(
                f,
                "character {position} ({ch:?}) is not allowed in a 统一社会信用代码 (digits and capital letters \
                 except I, O, S, V, Z)"
            ),
            CreditCodeIssue::CheckCharacter { expected, found } => write!(
                f,
                "the check character (18th) is {found:?} but GB 32100-2015 gives {expected:?} for the first 17; \
                 please compare with the business licence"
            ),
        }
    }
}

fn value(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// Checks a code. Surrounding spaces are ignored; lower-case letters are accepted as their capitals.
pub fn check(code: &str) -> Result<(), CreditCodeIssue> {
    let code = code.trim().to_ascii_uppercase();
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return Err(CreditCodeIssue::Length(chars.len()));
    }
    let bytes = code.as_bytes();
    let mut sum = 0u32;
    for (i, &b) in bytes.iter().enumerate().take(17) {
        let v = value(b).ok_or(CreditCodeIssue::Character {
            position: i + 1,
            ch: chars[i],
        })?;
        sum += v * WEIGHTS[i];
    }
    let expected = ALPHABET[((31 - sum % 31) % 31) as usize] as char;
    let found = chars[17];
    if value(bytes[17]).is_none() {
        return Err(CreditCodeIssue::Character {
            position: 18,
            ch: found,
        });
    }
    if expected != found {
        return Err(CreditCodeIssue::CheckCharacter { expected, found });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_codes() {
        // Codes published on the licences of large companies (e.g. 深圳市腾讯计算机系统有限公司, 华为技术有限公司).
        for code in [
            "91110000802100433B",
            "91440300708461136T",
            "9144030071526726XG",
            "914403001922038216",
        ] {
            assert_eq!(check(code), Ok(()), "{code}");
        }
        assert_eq!(check(" 91110000802100433b "), Ok(()));
    }

    #[test]
    fn reports_each_kind_of_mistake() {
        assert_eq!(check("9111000080210043"), Err(CreditCodeIssue::Length(16)));
        assert_eq!(
            check("91110000802100433C"),
            Err(CreditCodeIssue::CheckCharacter {
                expected: 'B',
                found: 'C'
            })
        );
        assert!(matches!(
            check("9111000080210O433B"),
            Err(CreditCodeIssue::Character { position: 14, ch: 'O' })
        ));
    }
}
