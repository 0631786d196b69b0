//! Where to complain and by when: the working-day calendar (`calendar`), the channel table and the route through it
//! (`route`), and the dated clocks of a case (`clocks`), each explained with its rule.

pub mod clocks;
pub mod route;

use chrono::NaiveDate;

use crate::model::{CaseData, CaseStatus, EventKind};
use serde::Serialize;
use ts_rs::TS;

/// The 下一步 card of a case: the filing it is waiting on, if any, the route and the clocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Outlook {
    pub waiting: Option<Waiting>,
    pub route: Vec<route::RouteStep>,
    pub clocks: Vec<clocks::Clock>,
}

/// A filing still open (filed, accepted or in mediation): the next step is to wait for that body's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Waiting {
    pub channel: route::ComplaintChannel,
    #[ts(type = "string")]
    pub filed_on: NaiveDate,
    pub reference: Option<String>,
}

fn waiting(case: &CaseData) -> Option<Waiting> {
    if !matches!(
        case.status,
        CaseStatus::Filed | CaseStatus::Accepted | CaseStatus::Mediating
    ) {
        return None;
    }
    let filed = case.events.iter().rev().find(|e| e.kind == EventKind::Filed)?;
    Some(Waiting {
        channel: route::channel(filed.channel.as_deref().unwrap_or("12315"))?.clone(),
        filed_on: filed.date,
        reference: filed.reference.clone(),
    })
}

pub fn outlook(case: &CaseData, cal: &crate::calendar::Calendar, today: NaiveDate) -> Outlook {
    Outlook {
        waiting: waiting(case),
        route: route::route(case, cal, today),
        clocks: clocks::clocks(case, cal, today),
    }
}
