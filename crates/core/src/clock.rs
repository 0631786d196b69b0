//! The one clock. Every "now" and "today" of the core and both front ends comes from here, in Beijing time, so that
//! a test (and the end-to-end suite) can fix it with `WEIQUAN_NOW=<RFC 3339>` in debug builds; a release build
//! always reads the system clock.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// China Standard Time, the default offset for times the user enters without one.
pub fn shanghai_offset() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("+08:00 is a valid offset")
}

/// Now, in Beijing time.
pub fn now() -> DateTime<FixedOffset> {
    #[cfg(debug_assertions)]
    if let Some(fixed) = std::env::var("WEIQUAN_NOW")
        .ok()
        .and_then(|v| DateTime::parse_from_rfc3339(&v).ok())
    {
        return fixed.with_timezone(&shanghai_offset());
    }
    Utc::now().with_timezone(&shanghai_offset())
}

/// Today's date in Beijing time: the reference date for day counts.
pub fn today() -> NaiveDate {
    now().date_naive()
}

#[cfg(test)]
mod tests {
    #[test]
    fn now_is_in_beijing_time() {
        assert_eq!(super::now().offset().local_minus_utc(), 8 * 3600);
        assert_eq!(super::today(), super::now().date_naive());
    }
}
