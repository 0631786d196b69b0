//! A case document (`weiquan.case/1` JSON) from a stranger: parsed, schema-checked, validated and reviewed.
fn main() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default();
    afl::fuzz!(|data: &[u8]| {
        if let Ok(text) = std::str::from_utf8(data) {
            if let Ok(doc) = weiquan_core::exchange::parse(text) {
                let _ = weiquan_core::validate::validate(&doc.case);
                let _ = weiquan_core::legal::review(&doc.case, today);
            }
        }
    });
}
