//! The working-day calendar of the PRC: Monday to Friday, minus the official holidays, plus the weekend days declared
//! working days (调休上班), from the 国务院办公厅 notices for 2020–2026 (`data/calendar/holidays.json`). For a year without
//! data the calendar says so and falls back to Monday–Friday, never silently. A newer file (the next year's notice)
//! can be dropped in without a rebuild; it is checked on load.
//!
//! Periods: the day the period starts is not counted, and a period whose last day is a rest day (a weekend or a
//! holiday) ends on the first working day after it — the civil-law rule for counting periods.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Problem, Result};

const BUILT_IN: &str = include_str!("../data/calendar/holidays.json");

#[derive(Deserialize)]
struct File {
    years: BTreeMap<String, Year>,
}

#[derive(Deserialize)]
struct Year {
    off: Vec<Day>,
    workdays: Vec<Day>,
}

#[derive(Deserialize)]
struct Day {
    date: String,
    name: String,
}

#[derive(Debug, Clone, Default)]
pub struct Calendar {
    off: BTreeMap<NaiveDate, String>,
    work: BTreeMap<NaiveDate, String>,
    years: BTreeSet<i32>,
}

/// A date computed from the calendar, and whether every day it counted was covered by official data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Counted {
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Years the count passed through that the calendar has no official data for (Monday–Friday was assumed).
    pub assumed_years: Vec<i32>,
}

impl Calendar {
    /// The calendar compiled into this build.
    pub fn built_in() -> Calendar {
        Calendar::parse(BUILT_IN).expect("the built-in holiday data is valid")
    }

    /// The calendar for a library: the built-in data, replaced by a `holidays.json` dropped beside the database.
    pub fn for_library(db: &Path) -> Result<Calendar> {
        Calendar::with_override(&db.with_file_name("holidays.json"))
    }

    /// The built-in calendar, with the years of `path` (same format) replacing or adding to it, if the file exists.
    pub fn with_override(path: &Path) -> Result<Calendar> {
        let mut cal = Calendar::built_in();
        if !path.exists() {
            return Ok(cal);
        }
        // A file beside the library is a stranger's: a regular file of sane size, read with a cap (a pipe named
        // holidays.json must not hang the app's start).
        match crate::fsutil::read_text(path, 1 << 20) {
            Ok(text) => {
                let extra = Calendar::parse(&text).map_err(|mut e| {
                    if let Error::Invalid(ps) = &mut e {
                        for p in ps.iter_mut() {
                            p.path = format!("{}: {}", path.display(), p.path);
                        }
                    }
                    e
                })?;
                cal.off.retain(|d, _| !extra.years.contains(&d.year()));
                cal.work.retain(|d, _| !extra.years.contains(&d.year()));
                cal.off.extend(extra.off);
                cal.work.extend(extra.work);
                cal.years.extend(extra.years);
                Ok(cal)
            }
            Err(e) => Err(e),
        }
    }

    /// Parses and checks a holiday file: dates must be real, declared working days must fall on weekends, and no
    /// date may be both a holiday and a working day.
    pub fn parse(text: &str) -> Result<Calendar> {
        let f: File = serde_json::from_str(text).map_err(|e| Error::invalid("", format!("not a holiday file: {e}")))?;
        let mut cal = Calendar::default();
        let mut problems = Vec::new();
        for (year, y) in &f.years {
            let Ok(n) = year.parse::<i32>() else {
                problems.push(Problem {
                    path: format!("years.{year}"),
                    reason: "not a year".into(),
                });
                continue;
            };
            cal.years.insert(n);
            for (kind, list) in [("off", &y.off), ("workdays", &y.workdays)] {
                for (i, d) in list.iter().enumerate() {
                    let path = format!("years.{year}.{kind}[{i}]");
                    let Ok(date) = d.date.parse::<NaiveDate>() else {
                        problems.push(Problem {
                            path,
                            reason: format!("{:?} is not a date", d.date),
                        });
                        continue;
                    };
                    if kind == "workdays" {
                        if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                            problems.push(Problem {
                                path,
                                reason: format!("{date} is not a weekend day"),
                            });
                        }
                        cal.work.insert(date, d.name.clone());
                    } else {
                        cal.off.insert(date, d.name.clone());
                    }
                }
            }
        }
        for d in cal.work.keys() {
            if cal.off.contains_key(d) {
                problems.push(Problem {
                    path: d.to_string(),
                    reason: "is both a holiday and a working day".into(),
                });
            }
        }
        if problems.is_empty() {
            Ok(cal)
        } else {
            Err(Error::Invalid(problems))
        }
    }

    /// Whether official data covers the year of `d`.
    pub fn covers(&self, d: NaiveDate) -> bool {
        self.years.contains(&d.year())
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        if self.work.contains_key(&d) {
            return true;
        }
        !self.off.contains_key(&d) && !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// The name of the holiday on `d`, if it is one.
    pub fn holiday(&self, d: NaiveDate) -> Option<&str> {
        self.off.get(&d).map(String::as_str)
    }

    fn note(&self, d: NaiveDate, assumed: &mut Vec<i32>) {
        if !self.covers(d) && !assumed.contains(&d.year()) {
            assumed.push(d.year());
        }
    }

    /// The `n`th working day after `start` (the start day itself is not counted).
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Counted {
        let mut d = start;
        let mut left = n;
        let mut assumed = Vec::new();
        while left > 0 {
            d += Duration::days(1);
            self.note(d, &mut assumed);
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        Counted {
            date: d,
            assumed_years: assumed,
        }
    }

    /// The last day of a period of `months` months from `start` (民法典第二百零二条: the corresponding day of the last
    /// month, or its last day when it has none), moved past rest days like [`Calendar::period_end`]. None past the
    /// end of the calendar's range.
    pub fn months_end(&self, start: NaiveDate, months: u32) -> Option<Counted> {
        let d = start.checked_add_months(chrono::Months::new(months))?;
        Some(self.roll_to_working_day(d))
    }

    /// The last day of a period of `n` calendar days from `start`: the start day is not counted, and a last day
    /// that is a rest day moves to the next working day.
    pub fn period_end(&self, start: NaiveDate, n: u32) -> Counted {
        self.roll_to_working_day(start + Duration::days(i64::from(n)))
    }

    fn roll_to_working_day(&self, last: NaiveDate) -> Counted {
        let mut d = last;
        let mut assumed = Vec::new();
        self.note(d, &mut assumed);
        while !self.is_working_day(d) {
            d += Duration::days(1);
            self.note(d, &mut assumed);
        }
        Counted {
            date: d,
            assumed_years: assumed,
        }
    }
}
