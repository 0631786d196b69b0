//! weiquan-core — the domain of Weiquan, with no knowledge of any front end.
//!
//! The CLI (`crates/cli`) and the desktop shell (`src-tauri`) are thin adapters over this crate, so every rule
//! lives here once: the case model ([`model`]), the SQLite store ([`store`]) and the `weiquan.case/1` exchange
//! format ([`exchange`]). Errors are one enum ([`Error`]) with a stable code for each kind of failure.

pub mod about;
pub mod bindings;
pub mod calendar;
pub mod clock;
pub mod deadlines;
pub mod dossier;
pub mod error;
pub mod evidence;
pub mod exchange;
pub mod fsutil;
pub mod legal;
pub mod model;
pub mod paths;
pub mod store;
pub mod transcript;
pub mod validate;

pub use error::{contain_panics, Error, ErrorCode, ErrorPayload, Problem, Result};
