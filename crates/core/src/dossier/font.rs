//! The CJK font of the dossier: Noto Sans CJK SC (face 2 of Debian's NotoSansCJK-Regular.ttc; face 0 is the Japanese
//! one) or WenQuanYi Micro Hei, both with Latin glyphs. Only the glyphs used are embedded (printpdf subsets on save),
//! so a dossier stays small. `WEIQUAN_CJK_FONT=path[:face]` picks another font.

use std::path::PathBuf;
use std::sync::OnceLock;

use printpdf::{FontId, ParsedFont};

use crate::{Error, Result};

/// Where the fonts are looked for, in order, with the face index inside the collection.
const CANDIDATES: &[(&str, usize)] = &[
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
];

#[derive(Debug)]
pub struct CjkFont {
    pub parsed: ParsedFont,
    pub id: FontId,
    pub path: PathBuf,
}

impl CjkFont {
    /// Width of `text` at `size` points, from the font's advance widths.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let upem = f32::from(self.parsed.font_metrics.units_per_em.max(1));
        let units: u32 = text
            .chars()
            .map(|c| {
                self.parsed
                    .lookup_glyph_index(c as u32)
                    .map_or(upem as u32 / 2, |g| u32::from(self.parsed.get_horizontal_advance(g)))
            })
            .sum();
        units as f32 / upem * size
    }
}

fn load() -> Result<CjkFont> {
    let choice: Vec<(PathBuf, usize)> = match std::env::var("WEIQUAN_CJK_FONT") {
        Ok(v) if !v.is_empty() => {
            let (p, face) = match v.rsplit_once(':') {
                Some((p, f)) if f.bytes().all(|b| b.is_ascii_digit()) => (p.to_owned(), f.parse().unwrap_or(0)),
                _ => (v.clone(), 0),
            };
            vec![(PathBuf::from(p), face)]
        }
        _ => CANDIDATES.iter().map(|(p, f)| (PathBuf::from(p), *f)).collect(),
    };
    for (path, face) in &choice {
        let Ok(bytes) = std::fs::read(path) else { continue };
        let mut warnings = Vec::new();
        if let Some(parsed) = ParsedFont::from_bytes(&bytes, *face, &mut warnings) {
            if parsed.lookup_glyph_index('投' as u32).is_some() && parsed.lookup_glyph_index('A' as u32).is_some() {
                return Ok(CjkFont {
                    parsed,
                    id: super::layout::font_id(),
                    path: path.clone(),
                });
            }
        }
    }
    let tried: Vec<String> = choice.iter().map(|(p, _)| p.display().to_string()).collect();
    Err(Error::FontMissing(format!(
        "none of {} is a readable CJK font with Latin glyphs",
        tried.join(", ")
    )))
}

/// The font, parsed once per process.
pub fn cjk_font() -> Result<&'static CjkFont> {
    static FONT: OnceLock<std::result::Result<CjkFont, String>> = OnceLock::new();
    FONT.get_or_init(|| {
        load().map_err(|e| match e {
            Error::FontMissing(what) => what,
            other => other.to_string(),
        })
    })
    .as_ref()
    .map_err(|what| Error::FontMissing(what.clone()))
}
