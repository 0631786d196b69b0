//! Where to complain and by when: the working-day calendar (`calendar`), the channel table and the route through it
//! (`route`), and the dated clocks of a case (`clocks`), each explained with its rule.

pub mod calendar;
pub mod clocks;
pub mod route;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

/// The 下一步 card of a case: the route and the clocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Outlook {
    pub route: Vec<route::RouteStep>,
    pub clocks: Vec<clocks::Clock>,
}

pub fn outlook(case: &crate::model::CaseData, cal: &calendar::Calendar, today: NaiveDate) -> Outlook {
    Outlook {
        route: route::route(case, cal, today),
        clocks: clocks::clocks(case, cal, today),
    }
}
