//! Money is integer fen inside; at every edge (exchange format, IPC, CLI) it is a decimal string in yuan such as
//! `"299.00"`, parsed strictly so that no float ever touches an amount.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

/// An amount of money in fen (1 yuan = 100 fen). Never negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, TS)]
#[ts(type = "string")]
pub struct Money(i64);

/// The largest amount accepted: 100 billion yuan, far above any consumer case, far below i64 overflow.
pub const MAX_FEN: i64 = 10_000_000_000_000;

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn from_fen(fen: i64) -> Option<Money> {
        (0..=MAX_FEN).contains(&fen).then_some(Money(fen))
    }

    pub fn fen(self) -> i64 {
        self.0
    }

    /// Parses `"299"`, `"299.5"` or `"299.00"`. Rejects signs, exponents, separators and more than two decimals.
    pub fn parse_yuan(s: &str) -> Result<Money, String> {
        let bad = || format!("not an amount in yuan like \"299.00\": {s:?}");
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i, f),
            None => (s, ""),
        };
        if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || int.len() > 12 {
            return Err(bad());
        }
        if s.contains('.') && (frac.is_empty() || frac.len() > 2 || !frac.bytes().all(|b| b.is_ascii_digit())) {
            return Err(bad());
        }
        let yuan: i64 = int.parse().map_err(|_| bad())?;
        let mut fen_part: i64 = if frac.is_empty() {
            0
        } else {
            frac.parse().map_err(|_| bad())?
        };
        if frac.len() == 1 {
            fen_part *= 10;
        }
        let total = yuan
            .checked_mul(100)
            .and_then(|v| v.checked_add(fen_part))
            .ok_or_else(bad)?;
        Money::from_fen(total).ok_or_else(|| format!("amount too large: {s:?}"))
    }

    /// `¥1,234.50`-style display for people, without the currency sign: `1234.50`.
    pub fn to_yuan_string(self) -> String {
        format!("{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_yuan_string())
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_yuan_string())
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Money::parse_yuan(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_yuan() {
        assert_eq!(Money::parse_yuan("299.00").map(Money::fen), Ok(29900));
        assert_eq!(Money::parse_yuan("299").map(Money::fen), Ok(29900));
        assert_eq!(Money::parse_yuan("0.5").map(Money::fen), Ok(50));
        assert_eq!(Money::parse_yuan("0.05").map(Money::fen), Ok(5));
        assert_eq!(Money::from_fen(123_456).map(|m| m.to_string()), Some("1234.56".into()));
        assert_eq!(Money::ZERO.to_string(), "0.00");
    }

    #[test]
    fn rejects_malformed_amounts() {
        for bad in [
            "",
            "-1",
            "+1",
            "1.",
            ".5",
            "1.234",
            "1e3",
            "1,000",
            "１００",
            " 1",
            "abc",
            "9999999999999",
        ] {
            assert!(Money::parse_yuan(bad).is_err(), "{bad:?} should be rejected");
        }
    }
}
