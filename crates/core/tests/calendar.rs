//! Working-day arithmetic across 春节 and 国庆 with their 调休 Saturdays, a year without data, and replacement files.
//! Expected dates were worked out by hand from the 国务院办公厅 notices (and cross-checked with a separate script).
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use weiquan_core::calendar::Calendar;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn the_built_in_calendar_is_the_verified_data() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/domain/holidays.json");
    let built_in =
        std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/calendar/holidays.json")).unwrap();
    // The verified calendar lives beside the checkout (../shared, as CI lays it out): without it this test cannot
    // say whether the built-in copy drifted, so it fails rather than passing unchecked.
    let verified = std::fs::read(&shared).unwrap_or_else(|e| {
        panic!(
            "{} is needed to compare the built-in calendar with the verified data: {e}",
            shared.display()
        )
    });
    assert!(
        verified == built_in,
        "crates/core/data/calendar/holidays.json differs from shared/domain/holidays.json"
    );
    let cal = Calendar::built_in();
    for y in 2020..=2026 {
        assert!(cal.covers(d(&format!("{y}-06-01"))));
    }
    assert!(!cal.covers(d("2027-01-04")));
    assert_eq!(cal.holiday(d("2026-10-01")), Some("国庆节"));
}

#[test]
fn working_days_across_spring_festival_and_national_day() {
    let cal = Calendar::built_in();
    // 2026-02-12 is a Thursday: 13 (Fri), 14 (Sat, 调休 working day), 15–23 春节 off, 24–27, 28 (Sat, 调休).
    let c = cal.add_working_days(d("2026-02-12"), 7);
    assert_eq!(c.date, d("2026-02-28"));
    assert!(c.assumed_years.is_empty());
    // 2026-09-28 (Mon): 29, 30, then 国庆 1–7 off, 8, 9, 10 (Sat, 调休), 12, 13.
    assert_eq!(cal.add_working_days(d("2026-09-28"), 7).date, d("2026-10-13"));
    assert!(cal.is_working_day(d("2026-10-10")), "a 调休 Saturday is a working day");
    assert!(!cal.is_working_day(d("2026-10-05")), "a holiday Monday is not");
    assert_eq!(
        cal.add_working_days(d("2025-01-20"), 7).date,
        d("2025-02-05"),
        "春节 2025 with its 调休 Sunday"
    );
}

#[test]
fn a_period_ending_on_a_rest_day_moves_to_the_next_working_day() {
    let cal = Calendar::built_in();
    // 15 days from 2026-09-20 end on 10-05, inside 国庆: the period ends on 10-08.
    assert_eq!(cal.period_end(d("2026-09-20"), 15).date, d("2026-10-08"));
    // 15 days from 2026-09-05 end on Sunday 09-20, a 调休 working day: it stays.
    assert_eq!(cal.period_end(d("2026-09-05"), 15).date, d("2026-09-20"));
    // A plain Saturday moves to Monday.
    assert_eq!(cal.period_end(d("2026-11-13"), 15).date, d("2026-11-30"));
}

#[test]
fn a_year_without_data_is_reported_not_guessed() {
    let cal = Calendar::built_in();
    let c = cal.add_working_days(d("2026-12-28"), 5);
    assert_eq!(c.date, d("2027-01-04"), "Monday–Friday assumed for 2027");
    assert_eq!(c.assumed_years, vec![2027]);
    assert_eq!(cal.period_end(d("2027-03-01"), 10).assumed_years, vec![2027]);
}

#[test]
fn a_dropped_in_file_is_checked_and_then_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("holidays.json");
    assert!(
        Calendar::with_override(&path).unwrap().covers(d("2026-01-01")),
        "no file: the built-in data"
    );
    std::fs::write(&path, r#"{"years": {"2027": {"off": [{"date": "2027-01-01", "name": "元旦"}], "workdays": [{"date": "2027-01-05", "name": "元旦"}]}}}"#).unwrap();
    let err = Calendar::with_override(&path).unwrap_err().to_string();
    assert!(
        err.contains("years.2027.workdays[0]") && err.contains("not a weekend day"),
        "{err}"
    );
    std::fs::write(
        &path,
        r#"{"years": {"2027": {"off": [{"date": "2027-01-01", "name": "元旦"}], "workdays": []}}}"#,
    )
    .unwrap();
    let cal = Calendar::with_override(&path).unwrap();
    assert!(cal.covers(d("2027-01-01")) && !cal.is_working_day(d("2027-01-01")));
    assert!(cal.add_working_days(d("2026-12-30"), 2).assumed_years.is_empty());
    assert_eq!(cal.add_working_days(d("2026-12-30"), 2).date, d("2027-01-04"));
    std::fs::write(&path, "not json").unwrap();
    assert!(Calendar::with_override(&path)
        .unwrap_err()
        .to_string()
        .contains("not a holiday file"));
}
