//! What the About screen and `weiquan about` say: the version, where the data is, the dossier's font (found on the
//! system, not shipped) with its licence, and the licences of every part compiled into the app and the CLI. That list
//! is generated from `cargo metadata` and the UI's npm packages into `data/licences.json` (`make licences`; a test
//! fails when it is stale), never written by hand.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::store::{LibraryInfo, Store};
use crate::Result;

/// The generated list of bundled parts.
pub const LICENCES_JSON: &str = include_str!("../data/licences.json");

/// One part the app is built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// `crate` (Rust, compiled in), `library` (C, compiled in from a crate's copy of its source), `npm` (in the window's
    /// script) or `model` (the screenshot reader's, built in).
    pub kind: String,
    pub name: String,
    pub version: String,
    /// The SPDX expression the part declares.
    pub license: String,
    pub repository: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct About {
    pub version: String,
    pub library: LibraryInfo,
    /// `Noto Sans CJK SC (/usr/share/fonts/…, face 2)`, or why there is none.
    pub font: String,
    pub font_found: bool,
    /// The licence the font file states for itself, if it states one.
    pub font_licence: Option<String>,
    pub parts: Vec<Part>,
}

/// The parts list as generated (empty if the embedded file were unreadable, which the licences test rules out).
pub fn parts() -> Vec<Part> {
    serde_json::from_str(LICENCES_JSON).unwrap_or_default()
}

/// Everything the About screen shows.
pub fn about(store: &Store) -> Result<About> {
    let (font, font_found, font_licence) = match crate::dossier::cjk_font() {
        Ok(f) => (f.describe(), true, f.licence.clone()),
        Err(e) => (e.to_string(), false, None),
    };
    Ok(About {
        version: env!("CARGO_PKG_VERSION").to_owned(),
        library: store.info()?,
        font,
        font_found,
        font_licence,
        parts: parts(),
    })
}
