//! The CJK font of the dossier, found through the platform's font lookup (rust-fontconfig: the fontconfig directories
//! on Linux, the Fonts folders on Windows and macOS — the same crate printpdf already depends on), preferring a
//! Simplified Chinese sans face with Latin glyphs: Noto Sans CJK SC / Source Han Sans SC, WenQuanYi Micro Hei,
//! Microsoft YaHei, PingFang SC… Only the glyphs used are embedded (printpdf subsets on save), so a dossier stays
//! small. `WEIQUAN_CJK_FONT=path[:face]` picks another font. What was used is reported ([`CjkFont::describe`]).

use std::path::PathBuf;
use std::sync::OnceLock;

use printpdf::{FontId, ParsedFont};
use rust_fontconfig::{FcFontCache, OwnedFontSource};

use crate::{Error, Result};

/// Families looked for, best first: each is a Simplified Chinese sans face that also has Latin glyphs.
const FAMILIES: &[&str] = &[
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "SimHei",
    "SimSun",
];

/// What to install when there is no font, per platform.
fn install_hint() -> &'static str {
    if cfg!(target_os = "windows") {
        "Windows normally has Microsoft YaHei; install the Chinese language pack's fonts"
    } else if cfg!(target_os = "macos") {
        "macOS normally has PingFang SC; reinstall the system fonts"
    } else {
        "install a CJK font (Debian/Ubuntu: apt install fonts-noto-cjk; Fedora: dnf install \
         google-noto-sans-cjk-ttc-fonts)"
    }
}

#[derive(Debug)]
pub struct CjkFont {
    pub parsed: ParsedFont,
    pub id: FontId,
    pub path: PathBuf,
    /// The face inside a collection (.ttc).
    pub face: usize,
    /// The family name the lookup gave, or the file name for an explicit `WEIQUAN_CJK_FONT`.
    pub family: String,
    /// The licence the font states in its name table (Noto: the SIL Open Font License), when the lookup read it.
    pub licence: Option<String>,
    /// Glyphs and advance widths already looked up, by character: the font's character map is searched linearly,
    /// which was nine tenths of a 200-contact dossier's time before this cache.
    glyphs: std::sync::Mutex<std::collections::HashMap<char, (Option<u16>, u16)>>,
}

impl CjkFont {
    /// Width of `text` at `size` points, from the font's advance widths.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let upem = f32::from(self.parsed.font_metrics.units_per_em.max(1));
        let units: u32 = self.glyphs(text).iter().map(|g| u32::from(g.1)).sum();
        units as f32 / upem * size
    }

    /// Each character's glyph (None: not in the font) and advance width in font units, through the cache.
    pub fn glyphs(&self, text: &str) -> Vec<(Option<u16>, u16)> {
        let half_em = self.parsed.font_metrics.units_per_em.max(1) / 2;
        let mut known = self.glyphs.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        text.chars()
            .map(|c| {
                *known.entry(c).or_insert_with(|| {
                    let g = self.parsed.lookup_glyph_index(c as u32);
                    (g, g.map_or(half_em, |g| self.parsed.get_horizontal_advance(g)))
                })
            })
            .collect()
    }

    /// `Noto Sans CJK SC (/usr/share/fonts/…/NotoSansCJK-Regular.ttc, face 2)`: what the CLI and the About screen say.
    pub fn describe(&self) -> String {
        format!("{} ({}, face {})", self.family, self.path.display(), self.face)
    }
}

/// A font file that is a readable CJK face with Latin glyphs, or why not.
fn parse(path: &PathBuf, face: usize, family: &str, licence: Option<String>) -> Option<CjkFont> {
    let bytes = std::fs::read(path).ok()?;
    let mut warnings = Vec::new();
    let parsed = ParsedFont::from_bytes(&bytes, face, &mut warnings)?;
    (parsed.lookup_glyph_index('投' as u32).is_some() && parsed.lookup_glyph_index('A' as u32).is_some()).then(|| {
        CjkFont {
            parsed,
            id: super::layout::font_id(),
            path: path.clone(),
            face,
            family: family.to_owned(),
            licence,
            glyphs: Default::default(),
        }
    })
}

/// The regular (not bold, not italic) faces of the preferred families the lookup knows, best first.
fn looked_up() -> Vec<(PathBuf, usize, String, Option<String>)> {
    let cache = FcFontCache::build_with_families(FAMILIES);
    let mut found: Vec<(usize, bool, PathBuf, usize, String, Option<String>)> = Vec::new();
    for (pattern, id) in cache.list() {
        let names = [pattern.family.as_deref(), pattern.name.as_deref()];
        let Some(rank) = FAMILIES
            .iter()
            .position(|f| names.iter().flatten().any(|n| n.eq_ignore_ascii_case(f)))
        else {
            continue;
        };
        let Some(OwnedFontSource::Disk(file)) = cache.get_font_by_id(&id) else {
            continue;
        };
        let plain = pattern.bold != rust_fontconfig::PatternMatch::True
            && pattern.italic != rust_fontconfig::PatternMatch::True
            && pattern
                .name
                .as_deref()
                .is_none_or(|n| !n.contains("Bold") && !n.contains("Light") && !n.contains("Medium"));
        let licence = pattern
            .metadata
            .license
            .clone()
            .or_else(|| pattern.metadata.license_url.clone())
            .map(|l| l.trim().to_owned())
            .filter(|l| !l.is_empty());
        found.push((
            rank,
            !plain,
            PathBuf::from(file.path),
            file.font_index,
            FAMILIES[rank].to_owned(),
            licence,
        ));
    }
    found.sort_by(|a, b| (a.0, a.1, &a.2, a.3).cmp(&(b.0, b.1, &b.2, b.3)));
    found
        .into_iter()
        .map(|(_, _, p, f, name, licence)| (p, f, name, licence))
        .collect()
}

fn load() -> Result<CjkFont> {
    if let Ok(v) = std::env::var("WEIQUAN_CJK_FONT") {
        if !v.is_empty() {
            let (p, face) = match v.rsplit_once(':') {
                Some((p, f)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => {
                    (p.to_owned(), f.parse().unwrap_or(0))
                }
                _ => (v.clone(), 0),
            };
            let path = PathBuf::from(&p);
            let name = path
                .file_name()
                .map_or_else(|| p.clone(), |n| n.to_string_lossy().into_owned());
            return parse(&path, face, &name, None).ok_or_else(|| {
                Error::FontMissing(format!(
                    "WEIQUAN_CJK_FONT={v} is not a readable CJK font with Latin glyphs; {}",
                    install_hint()
                ))
            });
        }
    }
    let candidates = looked_up();
    for (path, face, family, licence) in &candidates {
        if let Some(font) = parse(path, *face, family, licence.clone()) {
            return Ok(font);
        }
    }
    Err(Error::FontMissing(if candidates.is_empty() {
        format!("the system has none of {}; {}", FAMILIES.join(", "), install_hint())
    } else {
        format!(
            "none of {} found on the system could be read; {}",
            candidates.len(),
            install_hint()
        )
    }))
}

/// The font, looked up and parsed once per process.
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
