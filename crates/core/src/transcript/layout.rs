//! Where the turns are on a chat screenshot, from colour alone: the background is the commonest colour; every
//! region that differs from it is found (connected runs); filled regions at the sides are bubbles (the side gives
//! the speaker), squares at the very edge are avatars, full-width bands are the phone's status and input bars, and
//! text standing on the background in the middle is a time separator. Inside a bubble the text is whatever differs
//! from the bubble's own fill, so light, dark and coloured bubbles are all read as dark text on white.

use image::{GrayImage, Luma, RgbImage};

use super::recognise::LINE_HEIGHT;

/// Which side of the picture a block stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Left,
    Right,
    Centre,
}

/// One block of text: a bubble or a separator, with its lines ready for the recogniser.
#[derive(Debug, Clone)]
pub struct Block {
    pub place: Place,
    /// x, y, w, h in the picture.
    pub rect: [u32; 4],
    /// The bubble's fill (the background for text standing on it).
    pub fill: [u8; 3],
    pub lines: Vec<GrayImage>,
}

/// Largest picture read (a long capture of 1080 × 40,000 is 130 MB of pixels): more is refused, not a hang.
pub const MAX_PIXELS: u64 = 50_000_000;

fn dist(a: [u8; 3], b: [u8; 3]) -> u8 {
    (0..3).map(|i| a[i].abs_diff(b[i])).max().unwrap_or(0)
}

/// The commonest colour, from a sample of pixels (colours binned to 5 bits a channel against JPEG noise).
fn background(img: &RgbImage) -> [u8; 3] {
    let mut counts = std::collections::HashMap::<u32, (u32, [u64; 3])>::new();
    for (i, p) in img.pixels().enumerate() {
        if i % 7 != 0 {
            continue;
        }
        let key = (u32::from(p[0] >> 3) << 10) | (u32::from(p[1] >> 3) << 5) | u32::from(p[2] >> 3);
        let e = counts.entry(key).or_insert((0, [0; 3]));
        e.0 += 1;
        for c in 0..3 {
            e.1[c] += u64::from(p[c]);
        }
    }
    // Ties go to the smaller bin, so the same picture is always read the same way (a HashMap's order is random).
    counts
        .iter()
        .max_by_key(|(key, (n, _))| (*n, std::cmp::Reverse(**key)))
        .map(|(_, (n, sum))| {
            let n = u64::from(*n).max(1);
            [(sum[0] / n) as u8, (sum[1] / n) as u8, (sum[2] / n) as u8]
        })
        .unwrap_or([255; 3])
}

/// A connected region of pixels that differ from the background: its box, pixel count, and each row's extent.
#[derive(Debug, Clone)]
struct Region {
    x0: u32,
    y0: u32,
    x1: u32,
    y1: u32,
    pixels: u64,
    /// For each row from y0: the leftmost and rightmost pixel of the region.
    rows: Vec<(u32, u32)>,
}

impl Region {
    fn w(&self) -> u32 {
        self.x1 - self.x0 + 1
    }
    fn h(&self) -> u32 {
        self.y1 - self.y0 + 1
    }
    fn fill_ratio(&self) -> f64 {
        self.pixels as f64 / (f64::from(self.w()) * f64::from(self.h()))
    }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Most runs a picture may break into: a chat screenshot has some tens of thousands; noise, or a photo of gravel,
/// has millions, and is not read (rather than taking memory and time).
pub const MAX_RUNS: usize = 1_000_000;

/// Connected regions (8-connected) of pixels farther than `tol` from `bg`, labelled run by run; `None` past
/// [`MAX_RUNS`].
fn regions(img: &RgbImage, bg: [u8; 3], tol: u8) -> Option<Vec<Region>> {
    struct Run {
        y: u32,
        x0: u32,
        x1: u32,
    }
    let (w, h) = img.dimensions();
    let mut runs: Vec<Run> = Vec::new();
    let mut parent: Vec<usize> = Vec::new();
    let mut prev: (usize, usize) = (0, 0);
    for y in 0..h {
        let start = runs.len();
        let mut above = prev.0;
        let mut x = 0;
        while x < w {
            if dist(img.get_pixel(x, y).0, bg) > tol {
                let x0 = x;
                while x < w && dist(img.get_pixel(x, y).0, bg) > tol {
                    x += 1;
                }
                let id = runs.len();
                if id >= MAX_RUNS {
                    return None;
                }
                runs.push(Run { y, x0, x1: x - 1 });
                parent.push(id);
                // Runs of the row above that touch this one (diagonals included) join its region. Both rows are
                // ordered by x, so the runs left of this one are passed once per row, not once per run (a row of
                // noise has thousands of runs; comparing each with each was quadratic).
                while above < prev.1 && runs[above].x1 + 1 < x0 {
                    above += 1;
                }
                let mut j = above;
                while j < prev.1 && runs[j].x0 <= x {
                    let (ra, rb) = (find(&mut parent, j), find(&mut parent, id));
                    if ra != rb {
                        parent[ra.max(rb)] = ra.min(rb);
                    }
                    j += 1;
                }
            } else {
                x += 1;
            }
        }
        prev = (start, runs.len());
    }
    let mut by_root = std::collections::BTreeMap::<usize, Region>::new();
    for (i, r) in runs.iter().enumerate() {
        let root = find(&mut parent, i);
        let e = by_root.entry(root).or_insert(Region {
            x0: r.x0,
            y0: r.y,
            x1: r.x1,
            y1: r.y,
            pixels: 0,
            rows: Vec::new(),
        });
        e.x0 = e.x0.min(r.x0);
        e.x1 = e.x1.max(r.x1);
        e.y1 = e.y1.max(r.y);
        e.pixels += u64::from(r.x1 - r.x0 + 1);
        let row = (r.y - e.y0) as usize;
        if e.rows.len() <= row {
            e.rows.resize(row + 1, (u32::MAX, 0));
        }
        let slot = &mut e.rows[row];
        *slot = (slot.0.min(r.x0), slot.1.max(r.x1));
    }
    Some(by_root.into_values().collect())
}

/// The commonest colour inside a region's rows (the bubble's fill).
fn fill_of(img: &RgbImage, r: &Region) -> [u8; 3] {
    let mut counts = std::collections::HashMap::<[u8; 3], u32>::new();
    for (i, &(a, b)) in r.rows.iter().enumerate().step_by(2) {
        if a > b {
            continue;
        }
        for x in (a..=b).step_by(2) {
            let p = img.get_pixel(x, r.y0 + i as u32).0;
            *counts.entry([p[0] & !3, p[1] & !3, p[2] & !3]).or_default() += 1;
        }
    }
    let key = counts
        .into_iter()
        .max_by_key(|(k, n)| (*n, std::cmp::Reverse(*k)))
        .map_or([255; 3], |(k, _)| k);
    // The bin's centre.
    [key[0] | 1, key[1] | 1, key[2] | 1]
}

/// Text lines inside `area` (x0, y0, x1, y1, with each row's extent in `rows` when it is a bubble): the bands of
/// rows holding pixels far from `fill`, each cut out and turned into dark-on-light grey at the model's height.
fn lines_in(
    img: &RgbImage,
    area: [u32; 4],
    rows: Option<&[(u32, u32)]>,
    fill: [u8; 3],
    inset: u32,
    budget: &mut Budget,
) -> Result<Vec<GrayImage>, Unreadable> {
    let [x0, y0, x1, y1] = area;
    const INK: u8 = 40;
    let extent = |y: u32| -> (u32, u32) {
        match rows.and_then(|r| r.get((y - y0) as usize)) {
            Some(&(a, b)) if a <= b => (a + inset, b.saturating_sub(inset)),
            Some(_) => (1, 0),
            None => (x0, x1),
        }
    };
    // Rows with ink, and the ink's horizontal extent per band.
    let mut bands: Vec<(u32, u32, u32, u32)> = Vec::new(); // y_start, y_end, x_min, x_max
    let mut strongest = 0u8;
    for y in y0 + inset..=y1.saturating_sub(inset) {
        let (a, b) = extent(y);
        budget.scan(u64::from(b.saturating_sub(a)) + 1)?;
        let mut row_min = u32::MAX;
        let mut row_max = 0;
        let mut x = a;
        while x <= b && x < img.width() {
            let d = dist(img.get_pixel(x, y).0, fill);
            if d > INK {
                row_min = row_min.min(x);
                row_max = row_max.max(x);
                strongest = strongest.max(d);
            }
            x += 1;
        }
        if row_min == u32::MAX {
            continue;
        }
        match bands.last_mut() {
            Some(band) if y <= band.1 + 1 => {
                band.1 = y;
                band.2 = band.2.min(row_min);
                band.3 = band.3.max(row_max);
            }
            _ => bands.push((y, y, row_min, row_max)),
        }
    }
    // Bands split by a gap thinner than a stroke's spacing belong together (二, 三, 〓); specks go.
    let tallest = bands.iter().map(|b| b.1 - b.0 + 1).max().unwrap_or(0);
    let mut merged: Vec<(u32, u32, u32, u32)> = Vec::new();
    for b in bands {
        match merged.last_mut() {
            Some(m) if b.0 - m.1 <= (tallest / 6).max(1) => {
                m.1 = b.1;
                m.2 = m.2.min(b.2);
                m.3 = m.3.max(b.3);
            }
            _ => merged.push(b),
        }
    }
    let full = f32::from(strongest.max(INK + 1));
    merged
        .into_iter()
        .filter(|b| b.1 - b.0 + 1 >= (tallest / 3).max(3))
        .map(|(ya, yb, xa, xb)| {
            let h = yb - ya + 1;
            let pad = (h / 4).max(2);
            let (cx0, cx1) = (xa.saturating_sub(pad), (xb + pad).min(img.width() - 1));
            let (cy0, cy1) = (ya.saturating_sub(pad), (yb + pad).min(img.height() - 1));
            let (cw, ch) = (cx1 - cx0 + 1, cy1 - cy0 + 1);
            let width = ((u64::from(cw) * u64::from(LINE_HEIGHT) + u64::from(ch) / 2) / u64::from(ch)).max(8);
            budget.take_line(width)?;
            let crop = GrayImage::from_fn(cw, ch, |x, y| {
                let (px, py) = (cx0 + x, cy0 + y);
                let (a, b) = extent(py.clamp(y0, y1));
                if px < a || px > b || py < y0 || py > y1 {
                    return Luma([255]);
                }
                let d = f32::from(dist(img.get_pixel(px, py).0, fill));
                Luma([(255.0 - (d / full).min(1.0) * 255.0) as u8])
            });
            // The recogniser narrows a wider line to its widest input anyway: resizing to more is memory for nothing.
            let width = width.min(u64::from(MAX_LINE_WIDTH)) as u32;
            Ok(image::imageops::resize(
                &crop,
                width,
                LINE_HEIGHT,
                image::imageops::FilterType::Triangle,
            ))
        })
        .collect()
}

/// Why a picture is not read as a chat: each stage of the reading is bounded, and a picture past a bound is
/// refused with the bound it passed (noise, a photo, or a crafted file — never a chat anyone sends).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unreadable {
    /// More than [`MAX_RUNS`] separate marks.
    TooManyMarks,
    /// Shapes nested so that looking for lines in them would go over the picture many times.
    Tangled,
    /// More than [`MAX_LINES`] lines of text.
    TooManyLines,
    /// More text than [`MAX_TEXT_WIDTH`] pixels of lines to read.
    TooMuchText,
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::TooManyMarks => write!(
                f,
                "this picture cannot be read as a chat screenshot: it breaks into more than {MAX_RUNS} separate \
                 marks (noise or a photo, not a chat)"
            ),
            Unreadable::Tangled => write!(
                f,
                "this picture cannot be read as a chat screenshot: its shapes lie inside one another too often to be \
                 bubbles (a crafted file, not a chat)"
            ),
            Unreadable::TooManyLines => write!(
                f,
                "this picture cannot be read as a chat screenshot: it holds more than {MAX_LINES} lines of text \
                 (split a long capture into several screenshots)"
            ),
            Unreadable::TooMuchText => write!(
                f,
                "this picture cannot be read as a chat screenshot: it holds more text than one picture is read for \
                 (split a long capture into several screenshots)"
            ),
        }
    }
}

/// Most lines one picture is read for (a phone screen holds some twenty-five).
pub const MAX_LINES: usize = 300;

/// The widest line handed to the recogniser, in pixels at [`LINE_HEIGHT`]: it reads at most this width.
pub const MAX_LINE_WIDTH: u32 = 1920;

/// Most line width, summed at [`LINE_HEIGHT`] (each line counted as at least 160, the narrowest width the
/// recogniser runs at), one picture is read for: the time the recogniser takes follows it (some 5,000 px a second
/// on each core, measured by the hostile-picture benchmark), so this bounds the time a picture takes, whatever is
/// drawn on it, to under ten seconds on two cores. A 1080 × 2400 screenshot has some 8,000; a long capture of more
/// than about seven screens of text is refused with the advice to split it.
pub const MAX_TEXT_WIDTH: u64 = 60_000;

/// What is left of one picture's bounds while its lines are cut out.
#[derive(Debug)]
struct Budget {
    lines: usize,
    width: u64,
    /// Pixels the search for lines may still look at: a few times the picture, however its shapes nest.
    scan: u64,
}

impl Budget {
    fn new(pixels: u64) -> Self {
        Budget {
            lines: MAX_LINES,
            width: MAX_TEXT_WIDTH,
            scan: 4 * pixels,
        }
    }

    fn scan(&mut self, pixels: u64) -> Result<(), Unreadable> {
        self.scan = self.scan.checked_sub(pixels).ok_or(Unreadable::Tangled)?;
        Ok(())
    }

    /// Counts one line `width` pixels wide at [`LINE_HEIGHT`], or refuses the picture.
    fn take_line(&mut self, width: u64) -> Result<(), Unreadable> {
        self.lines = self.lines.checked_sub(1).ok_or(Unreadable::TooManyLines)?;
        let read = width.clamp(160, u64::from(MAX_LINE_WIDTH));
        self.width = self.width.checked_sub(read).ok_or(Unreadable::TooMuchText)?;
        Ok(())
    }
}

/// The text blocks of a screenshot, top to bottom; a picture past one of the bounds (see [`Unreadable`]) is
/// refused. Every stage takes time and memory in proportion to the picture's pixels, and the lines handed on are
/// bounded by [`MAX_LINES`] and [`MAX_TEXT_WIDTH`].
pub fn blocks(img: &RgbImage) -> Result<Vec<Block>, Unreadable> {
    let (w, h) = img.dimensions();
    if w < 32 || h < 32 {
        return Ok(Vec::new());
    }
    let bg = background(img);
    let mut found = regions(img, bg, 10).ok_or(Unreadable::TooManyMarks)?;
    let mut budget = Budget::new(u64::from(w) * u64::from(h));
    found.retain(|r| r.pixels >= 4);
    // Phone chrome: full-width bands near the top (status and title bar) and bottom (input bar); everything
    // above the lowest top band and below the highest bottom band goes with it.
    let full: Vec<&Region> = found.iter().filter(|r| r.w() as f64 >= 0.9 * f64::from(w)).collect();
    let top = full
        .iter()
        .filter(|r| f64::from(r.y1) < 0.15 * f64::from(h.min(2400)))
        .map(|r| r.y1 + 1)
        .max()
        .unwrap_or(0);
    let bottom = full
        .iter()
        .filter(|r| f64::from(r.y0) > f64::from(h) - 0.15 * f64::from(h.min(2400)))
        .map(|r| r.y0)
        .min()
        .unwrap_or(h);
    let unit = f64::from(w) / 360.0; // one logical pixel of a phone screen
    let mut out: Vec<Block> = Vec::new();
    let mut loose: Vec<&Region> = Vec::new();
    // Boxes of filled shapes (bubbles, avatars): what lies inside one is part of it (the inside of a glyph whose
    // strokes have the background's colour, as with dark text on a dark-mode bubble).
    let mut shapes: Vec<[u32; 4]> = Vec::new();
    for r in &found {
        if r.y0 < top || r.y1 >= bottom || r.w() as f64 >= 0.9 * f64::from(w) {
            continue;
        }
        // Cut by the picture's edge: the rest is on the neighbouring screenshot.
        if r.y0 == 0 || r.y1 + 1 == h {
            continue;
        }
        let filled = r.fill_ratio() >= 0.6 && f64::from(r.h()) >= 14.0 * unit && f64::from(r.w()) >= 14.0 * unit;
        if !filled {
            loose.push(r);
            continue;
        }
        shapes.push([r.x0, r.y0, r.x1, r.y1]);
        let aspect = f64::from(r.w()) / f64::from(r.h());
        let at_edge = f64::from(r.x1) < 0.16 * f64::from(w) || f64::from(r.x0) > 0.84 * f64::from(w);
        if at_edge && (0.75..=1.33).contains(&aspect) {
            continue; // an avatar
        }
        let (left, right) = (f64::from(r.x0), f64::from(w - 1 - r.x1));
        let centre = (left - right).abs() < 0.04 * f64::from(w) && left > 0.2 * f64::from(w);
        let place = if centre {
            Place::Centre
        } else if left < right {
            Place::Left
        } else {
            Place::Right
        };
        let fill = fill_of(img, r);
        let inset = (2.0 * unit).round() as u32;
        let lines = lines_in(img, [r.x0, r.y0, r.x1, r.y1], Some(&r.rows), fill, inset, &mut budget)?;
        if lines.is_empty() {
            continue; // a filled shape with no text: a picture, a sticker
        }
        out.push(Block {
            place,
            rect: [r.x0, r.y0, r.w(), r.h()],
            fill,
            lines,
        });
    }
    // Text standing on the background: glyphs grouped into lines by their rows; a centred line is a separator.
    // Shapes by the bands of 64 rows they cross, so a glyph is compared only with the shapes around its top (the
    // shapes crossing one band are few: each is mostly filled and at least 14 logical pixels on a side).
    let mut bands: Vec<Vec<usize>> = vec![Vec::new(); (h / 64 + 1) as usize];
    for (i, s) in shapes.iter().enumerate() {
        for band in &mut bands[(s[1] / 64) as usize..=(s[3] / 64) as usize] {
            band.push(i);
        }
    }
    loose.retain(|r| {
        !bands[(r.y0 / 64) as usize]
            .iter()
            .map(|&i| shapes[i])
            .any(|s| r.x0 >= s[0] && r.x1 <= s[2] && r.y0 >= s[1] && r.y1 <= s[3])
    });
    loose.sort_by_key(|r| r.y0);
    let gap = (12.0 * unit) as u32;
    let near = |g: &[u32; 4], r: &[u32; 4]| r[1] <= g[3] && r[3] >= g[1] && r[0] <= g[2] + gap && g[0] <= r[2] + gap;
    // Groups still open (reaching down to the glyph being placed) and closed ones. Glyphs arrive by their top, so a
    // group ending above one can take no later glyph: it is closed, and a glyph is compared only with the open
    // groups — those cross one row and are more than `gap` apart, so there are at most some thirty of them, however
    // many glyphs the picture has (comparing with every group was quadratic on a picture of specks).
    let mut open: Vec<[u32; 4]> = Vec::new(); // x0, y0, x1, y1
    let mut groups: Vec<[u32; 4]> = Vec::new();
    for r in loose {
        let mut i = 0;
        while i < open.len() {
            if open[i][3] < r.y0 {
                groups.push(open.swap_remove(i));
            } else {
                i += 1;
            }
        }
        let mut g = [r.x0, r.y0, r.x1, r.y1];
        // Join every group this glyph touches (glyphs arrive by height, not from left to right).
        while let Some(i) = open.iter().position(|o| near(o, &g)) {
            let o = open.swap_remove(i);
            g = [g[0].min(o[0]), g[1].min(o[1]), g[2].max(o[2]), g[3].max(o[3])];
        }
        open.push(g);
    }
    groups.append(&mut open);
    groups.sort_by_key(|g| g[1]);
    for g in groups {
        let (left, right) = (f64::from(g[0]), f64::from(w - 1 - g[2]));
        let tall = f64::from(g[3] - g[1] + 1) >= 6.0 * unit;
        if !tall || (left - right).abs() >= 0.05 * f64::from(w) || left < 0.15 * f64::from(w) {
            continue;
        }
        let lines = lines_in(img, [g[0], g[1], g[2], g[3]], None, bg, 0, &mut budget)?;
        if lines.is_empty() {
            continue;
        }
        out.push(Block {
            place: Place::Centre,
            rect: [g[0], g[1], g[2] - g[0] + 1, g[3] - g[1] + 1],
            fill: bg,
            lines,
        });
    }
    out.sort_by_key(|b| b.rect[1]);
    Ok(out)
}

/// Converts any picture the `image` crate decodes to RGB, refusing one with too many pixels. An RGB picture is
/// taken as it is and an RGBA one is narrowed in its own buffer, so a large screenshot is never held twice.
pub fn to_rgb(img: image::DynamicImage) -> Option<RgbImage> {
    if u64::from(img.width()) * u64::from(img.height()) > MAX_PIXELS {
        return None;
    }
    match img {
        image::DynamicImage::ImageRgba8(rgba) => {
            let (w, h) = rgba.dimensions();
            let mut px = rgba.into_raw();
            let n = px.len() / 4;
            for i in 0..n {
                px.copy_within(4 * i..4 * i + 3, 3 * i);
            }
            px.truncate(3 * n);
            px.shrink_to_fit();
            RgbImage::from_raw(w, h, px)
        }
        other => Some(other.into_rgb8()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_background_of_a_tie_is_always_the_same() {
        // Sampled every 7th pixel: one black, one white — a tie, which a HashMap's random order decided either way.
        let img = RgbImage::from_fn(14, 1, |x, _| {
            if x < 7 {
                image::Rgb([0, 0, 0])
            } else {
                image::Rgb([255; 3])
            }
        });
        for _ in 0..40 {
            assert_eq!(background(&img), [0, 0, 0]);
        }
        let r = Region {
            x0: 0,
            y0: 0,
            x1: 3,
            y1: 0,
            pixels: 4,
            rows: vec![(0, 3)],
        };
        let two = RgbImage::from_fn(4, 1, |x, _| {
            if x < 2 {
                image::Rgb([200, 0, 0])
            } else {
                image::Rgb([0, 0, 200])
            }
        });
        for _ in 0..40 {
            assert_eq!(fill_of(&two, &r), [1, 1, 201]);
        }
    }
}
