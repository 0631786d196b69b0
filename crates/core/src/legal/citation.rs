//! A pointer into the statutes: law, article, and optionally paragraph (款) and item (项).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::numerals::{parse, to_chinese};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub law: String,
    pub article: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<u32>,
}

impl Citation {
    /// 第五十六条第一款第（八）项
    pub fn label(&self) -> String {
        let mut s = format!("第{}条", to_chinese(self.article));
        if let Some(p) = self.paragraph {
            s += &format!("第{}款", to_chinese(p));
        }
        if let Some(i) = self.item {
            s += &format!("第（{}）项", to_chinese(i));
        }
        s
    }

    /// 《消费者权益保护法》第二十条第二款
    pub fn full_label(&self) -> String {
        format!("《{}》{}", self.law, self.label())
    }

    /// Parses `20`, `第二十条`, `第二十条第二款`, `56-1-8` or `第五十六条第一款第（八）项` for a given law.
    pub fn parse(law: &str, spec: &str) -> Option<Citation> {
        let spec = spec.trim();
        let parts: Vec<&str> = if spec.contains('条') {
            let rest = spec.strip_prefix('第').unwrap_or(spec);
            let (a, rest) = rest.split_once('条')?;
            let mut v = vec![a];
            let mut rest = rest;
            if let Some(r) = rest.strip_prefix('第') {
                if let Some((p, r2)) = r.split_once('款') {
                    v.push(p);
                    rest = r2;
                }
            }
            if let Some(r) = rest.strip_prefix("第（").or_else(|| rest.strip_prefix("第(")) {
                let (i, tail) = r.split_once(['）', ')'])?;
                if tail != "项" {
                    return None;
                }
                v.push(i);
                rest = "";
            }
            if !rest.is_empty() {
                return None;
            }
            v
        } else {
            spec.split(['-', '.', ' ']).filter(|s| !s.is_empty()).collect()
        };
        let nums: Option<Vec<u32>> = parts.iter().map(|p| parse(p)).collect();
        let nums = nums?;
        match nums.as_slice() {
            [a] => Some(Citation {
                law: law.into(),
                article: *a,
                paragraph: None,
                item: None,
            }),
            [a, p] => Some(Citation {
                law: law.into(),
                article: *a,
                paragraph: Some(*p),
                item: None,
            }),
            [a, p, i] => Some(Citation {
                law: law.into(),
                article: *a,
                paragraph: Some(*p),
                item: Some(*i),
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_parses_all_forms() {
        let c = Citation {
            law: "消费者权益保护法".into(),
            article: 56,
            paragraph: Some(1),
            item: Some(8),
        };
        assert_eq!(c.label(), "第五十六条第一款第（八）项");
        assert_eq!(c.full_label(), "《消费者权益保护法》第五十六条第一款第（八）项");
        assert_eq!(
            Citation::parse("消费者权益保护法", "第五十六条第一款第（八）项"),
            Some(c.clone())
        );
        assert_eq!(Citation::parse("消费者权益保护法", "56-1-8"), Some(c));
        let c20 = Citation::parse("消费者权益保护法", "第二十条第二款").expect("parses");
        assert_eq!((c20.article, c20.paragraph, c20.item), (20, Some(2), None));
        assert_eq!(Citation::parse("x", "20").map(|c| c.article), Some(20));
        assert_eq!(Citation::parse("x", "第二十条款"), None);
        assert_eq!(Citation::parse("x", "abc"), None);
    }
}
