//! The start screen's deadlines: every open case read from the store, one at a time, through the clocks of
//! [`crate::deadlines::clocks`].

use chrono::NaiveDate;

use super::Store;
use crate::calendar::Calendar;
use crate::deadlines::clocks::{LibraryDeadlines, LibraryScan};
use crate::model::CaseStatus;
use crate::Result;

impl Store {
    /// Clocks of open cases that end soon or ended lately, and each open case's next one.
    pub fn library_deadlines(&self, cal: &Calendar, today: NaiveDate) -> Result<LibraryDeadlines> {
        let mut scan = LibraryScan::default();
        for summary in self.list_cases(None)? {
            if summary.status == CaseStatus::Closed {
                continue;
            }
            let case = self.get_case(summary.id)?;
            scan.add(summary.id, &summary.title, &case.data, cal, today);
        }
        Ok(scan.finish())
    }
}
