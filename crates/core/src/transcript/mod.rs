//! Chat screenshots read back into turns (我 / 客服 / time separators), offline: [`layout`] finds the bubbles and
//! separators from colour and position, [`recognise`] reads each line with PaddleOCR's recognition model, and
//! [`times`] turns the separators into the date-time of the turns after them. Several screenshots of one
//! conversation are joined in order with the turns they share removed. Everything here is machine-read: the
//! result is a proposal for the user to correct and confirm, never evidence by itself.

pub mod layout;
pub mod recognise;
pub mod times;

use std::path::Path;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use crate::{Error, Result};
use layout::Place;
use times::DateBasis;

/// Who wrote a turn, from the side of the picture its bubble stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    /// Right-hand bubbles: the consumer (every mainstream chat app puts the phone's owner on the right).
    Me,
    /// Left-hand bubbles: customer service.
    Agent,
    /// Centred text: time separators and notices.
    System,
}

/// Where a turn was read: the file and the box (x, y, w, h) on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub file: String,
    #[serde(rename = "box")]
    pub rect: [u32; 4],
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Turn {
    pub speaker: Speaker,
    pub text: String,
    /// From the last time separator above the turn (on this screenshot or an earlier one of the same
    /// conversation); for a separator, its own time. `None` before the first separator.
    pub time: Option<DateTime<FixedOffset>>,
    /// How that time's date was known (stated in full, or counted from the reference time).
    pub time_basis: Option<DateBasis>,
    /// The mean of the model's confidence in each character, 0 to 1.
    pub confidence: f32,
    /// Positions (in characters) the model was less sure of than [`recognise::LOW_CONFIDENCE`]: to be checked.
    pub low_confidence: Vec<usize>,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transcript {
    pub turns: Vec<Turn>,
    /// Turns found again at the top of a later screenshot (the overlap of consecutive captures), left out.
    pub overlaps_removed: usize,
}

/// One screenshot to read: its name (for [`Source`]), its pixels, and the time relative dates count from.
#[derive(Debug, Clone)]
pub struct Screenshot {
    pub name: String,
    pub image: image::RgbImage,
    /// The file's own time when it has one, else the moment of reading.
    pub reference: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Left is 我 and right is 客服 (for the rare app that does it the other way round).
    pub flip_sides: bool,
}

/// Largest file read as a screenshot.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// Reads a picture file as a screenshot, refusing what is not a picture, too large, or too many pixels, with the
/// reason. The file's modification time (in the offset of `now`) is the reference for relative dates.
pub fn read_file(path: &Path, now: DateTime<FixedOffset>) -> Result<Screenshot> {
    let name = path
        .file_name()
        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    // The shared reader of files from strangers: a regular file only, and never more than the cap is read.
    let (bytes, meta) = crate::fsutil::read_bytes(path, MAX_FILE_BYTES)?;
    let reference = meta
        .modified()
        .ok()
        .map(|t| DateTime::<chrono::Utc>::from(t).with_timezone(now.offset()))
        .unwrap_or(now);
    Ok(Screenshot {
        image: decode(&bytes).map_err(|why| Error::invalid(&name, why))?,
        name,
        reference,
    })
}

/// Decodes a picture with limits on its size, so a hostile file is refused rather than exhausting memory.
pub fn decode(bytes: &[u8]) -> std::result::Result<image::RgbImage, String> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format!("not readable: {e}"))?;
    if reader.format().is_none() {
        return Err("not a picture (PNG, JPEG, WebP, GIF or BMP)".into());
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(20_000);
    limits.max_image_height = Some(60_000);
    limits.max_alloc = Some(layout::MAX_PIXELS * 4);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| format!("not a readable picture: {e}"))?;
    let (w, h) = (img.width(), img.height());
    layout::to_rgb(img).ok_or_else(|| format!("{w} × {h} pixels is more than a screenshot can be"))
}

/// Reads the turns of `shots`, one conversation in order.
pub fn transcribe(shots: &[Screenshot], options: Options) -> Result<Transcript> {
    let mut reading = Reading::new(options)?;
    for shot in shots {
        reading.add(shot)?;
    }
    Ok(reading.finish())
}

/// One conversation read screenshot by screenshot, so only the picture being read is in memory (twelve long
/// captures decoded before any was read took gigabytes).
#[derive(Debug)]
pub struct Reading {
    model: &'static recognise::Recogniser,
    options: Options,
    turns: Vec<Turn>,
    overlaps_removed: usize,
    clock: Option<(DateTime<FixedOffset>, DateBasis)>,
}

impl Reading {
    pub fn new(options: Options) -> Result<Self> {
        Ok(Reading {
            model: recognise::recogniser()?,
            options,
            turns: Vec::new(),
            overlaps_removed: 0,
            clock: None,
        })
    }

    /// Reads the next screenshot of the conversation; a picture past the reader's bounds is refused by its name
    /// and nothing of it is kept.
    pub fn add(&mut self, shot: &Screenshot) -> Result<()> {
        let blocks = layout::blocks(&shot.image).map_err(|why| Error::invalid(&shot.name, why.to_string()))?;
        let lines: Vec<&image::GrayImage> = blocks.iter().flat_map(|b| &b.lines).collect();
        let read = read_lines(self.model, &lines)?;
        let mut next = read.into_iter();
        let mut these = Vec::new();
        for b in &blocks {
            let mut chars: Vec<(char, f32)> = Vec::new();
            for _ in &b.lines {
                if let Some(line) = next.next() {
                    let mut line = line.chars;
                    // 。 at the end of a line, or alone on one, is read as a Latin o.
                    let before = line
                        .len()
                        .checked_sub(2)
                        .and_then(|i| line.get(i))
                        .or(chars.last())
                        .map(|c| c.0);
                    if let Some(last) = line.last_mut() {
                        if matches!(last.0, 'o' | 'O') && before.is_some_and(is_cjk) {
                            last.0 = '。';
                        }
                    }
                    chars.extend(line);
                }
            }
            let chars = tidy(chars);
            if chars.is_empty() {
                continue;
            }
            let text: String = chars.iter().map(|(c, _)| *c).collect();
            let speaker = match (b.place, self.options.flip_sides) {
                (Place::Centre, _) => Speaker::System,
                (Place::Right, false) | (Place::Left, true) => Speaker::Me,
                (Place::Left, false) | (Place::Right, true) => Speaker::Agent,
            };
            if speaker == Speaker::System {
                if let Some(t) = times::parse(&text, shot.reference) {
                    self.clock = Some(t);
                }
            }
            these.push(Turn {
                speaker,
                time: self.clock.map(|c| c.0),
                time_basis: self.clock.map(|c| c.1),
                confidence: chars.iter().map(|c| c.1).sum::<f32>() / chars.len() as f32,
                low_confidence: chars
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.1 < recognise::LOW_CONFIDENCE)
                    .map(|(i, _)| i)
                    .collect(),
                text,
                source: Source {
                    file: shot.name.clone(),
                    rect: b.rect,
                },
            });
        }
        let shared = overlap(&self.turns, &these);
        self.overlaps_removed += shared;
        self.turns.extend(these.into_iter().skip(shared));
        Ok(())
    }

    pub fn finish(self) -> Transcript {
        Transcript {
            turns: self.turns,
            overlaps_removed: self.overlaps_removed,
        }
    }
}

/// Spaces the model reads at a line's ends, and doubled spaces, go; punctuation next to Chinese is given its
/// full-width form (the model reads ？ and ? alike; Chinese input methods type the full-width one).
fn tidy(chars: Vec<(char, f32)>) -> Vec<(char, f32)> {
    let mut out: Vec<(char, f32)> = Vec::with_capacity(chars.len());
    for c in chars {
        if c.0 == ' ' && out.last().is_none_or(|l| l.0 == ' ') {
            continue;
        }
        out.push(c);
    }
    while out.last().is_some_and(|c| c.0 == ' ') {
        out.pop();
    }
    let cjk = |c: Option<&(char, f32)>| c.is_some_and(|c| is_cjk(c.0));
    for i in 1..out.len() {
        // 星期一 / 周一: the 一 is read as a dash.
        if matches!(out[i].0, '—' | '-' | '－' | '一') && (out[i - 1].0 == '期' || out[i - 1].0 == '周') {
            out[i].0 = '一';
        }
    }
    for i in 0..out.len() {
        let wide = match out[i].0 {
            ',' => '，',
            '?' => '？',
            '!' => '！',
            ':' => '：',
            ';' => '；',
            '(' => '（',
            ')' => '）',
            _ => continue,
        };
        if cjk(i.checked_sub(1).and_then(|j| out.get(j))) || cjk(out.get(i + 1)) {
            out[i].0 = wide;
        }
    }
    out
}

fn is_cjk(c: char) -> bool {
    ('\u{3400}'..='\u{9FFF}').contains(&c)
}

/// How many turns at the start of `next` repeat the end of `before` (a later capture that scrolled less than a
/// screen): the longest such run, compared by speaker and text.
fn overlap(before: &[Turn], next: &[Turn]) -> usize {
    let same = |a: &Turn, b: &Turn| a.speaker == b.speaker && a.text == b.text;
    (1..=next.len().min(before.len()))
        .rev()
        .find(|&k| {
            before[before.len() - k..]
                .iter()
                .zip(&next[..k])
                .all(|(a, b)| same(a, b))
        })
        .unwrap_or(0)
}

/// Reads lines on every core (rayon's pool), in order. A panic inside the model on some line is an error for this
/// screenshot, never a crash of the app.
fn read_lines(model: &recognise::Recogniser, lines: &[&image::GrayImage]) -> Result<Vec<recognise::Line>> {
    use rayon::prelude::*;
    lines
        .par_iter()
        .map(|line| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| model.read(line)))
                .unwrap_or_else(|_| Err(Error::Internal("text recognition stopped on a line".into())))
        })
        .collect()
}
