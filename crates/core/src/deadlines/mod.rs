//! Deadlines. So far the working-day calendar (`calendar`), on which the complaint clocks will be built.

pub mod calendar;
