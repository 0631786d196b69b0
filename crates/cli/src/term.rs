//! Everything the CLI prints goes through these macros, because much of it is text a stranger wrote (a case title,
//! an evidence file's name, an agent's words). A terminal obeys control characters: `\x1b]…` can retitle the
//! window or rewrite what was printed before, `\r` can hide a line, and a bidi override (`\u{202e}`) shows
//! `证据-gpj.exe` as `证据-exe.jpg`. They are printed as `\uXXXX` instead — visible to a reader, and inside a JSON
//! string (`--json`) the same escape JSON itself uses, so the value a program reads is unchanged.

use std::borrow::Cow;
use std::fmt::Write as _;

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{061c}' | '\u{feff}')
}

/// `s` with every control and invisible formatting character except newline and tab written as `\uXXXX`.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if needs_escape(c) {
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

macro_rules! outln {
    () => { println!() };
    ($($arg:tt)*) => { println!("{}", $crate::term::clean(&format!($($arg)*))) };
}

macro_rules! out {
    ($($arg:tt)*) => { print!("{}", $crate::term::clean(&format!($($arg)*))) };
}

macro_rules! errln {
    () => { eprintln!() };
    ($($arg:tt)*) => { eprintln!("{}", $crate::term::clean(&format!($($arg)*))) };
}

/// Whether the user reads Chinese: the default, unless the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`, first one set)
/// is English. Prompts, refusals and confirmations follow it; data and law texts are Chinese either way.
pub fn chinese() -> bool {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .unwrap_or_default();
    !locale.to_ascii_lowercase().starts_with("en")
}

/// The Chinese or the English text, by [`chinese`].
pub fn say(zh: String, en: String) -> String {
    if chinese() {
        zh
    } else {
        en
    }
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn control_and_bidi_characters_become_visible_escapes() {
        assert_eq!(clean("标题\x1b]0;pwned\x07"), "标题\\u001b]0;pwned\\u0007");
        assert_eq!(clean("a\rb"), "a\\u000db");
        assert_eq!(clean("证据-\u{202e}gpj.exe"), "证据-\\u202egpj.exe");
        assert_eq!(clean("两行\n\t缩进"), "两行\n\t缩进");
        let json = serde_json::json!({ "title": "x\u{202e}y" }).to_string();
        let back: serde_json::Value = serde_json::from_str(&clean(&json)).unwrap_or_default();
        assert_eq!(back["title"], "x\u{202e}y", "JSON output reads back the same");
    }
}
