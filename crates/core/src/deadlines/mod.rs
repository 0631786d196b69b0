//! Where to complain and by when: the working-day calendar (`calendar`), the channel table and the route through it
//! (`route`), and the dated clocks of a case (`clocks`), each explained with its rule.

pub mod calendar;
pub mod clocks;
pub mod route;
