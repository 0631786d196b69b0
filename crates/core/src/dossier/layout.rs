//! A small page-layout engine over printpdf's low-level operations, which draw but do not lay out: it measures text
//! with the font's own glyph widths, breaks lines where Unicode line breaking (UAX #14) allows — between ideographs,
//! never before closing punctuation or after opening punctuation — and flows paragraphs, headings, tables (whose
//! header row repeats on every page) and images down A4 pages. Page headers and footers (第 X 页 / 共 Y 页) are added
//! in a second pass, once the page count is known.

use printpdf::{
    Codepoint, Color, FontId, Line, LinePoint, Mm, Op, PdfFontHandle, PdfPage, Point, Pt, Rgb, TextItem, XObjectId,
    XObjectTransform,
};
use unicode_linebreak::{linebreaks, BreakOpportunity};

use super::font::CjkFont;

pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN_X: f32 = 62.0;
const TOP: f32 = PAGE_H - 72.0;
const BOTTOM: f32 = 64.0;
pub const TEXT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

fn black() -> Color {
    Color::Rgb(Rgb {
        r: 0.0,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    })
}

fn grey() -> Color {
    Color::Rgb(Rgb {
        r: 0.4,
        g: 0.4,
        b: 0.4,
        icc_profile: None,
    })
}

/// Breaks `text` into lines no wider than `width` points at `size`. Hard line breaks in the text are kept.
pub fn wrap(font: &CjkFont, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.split('\n') {
        let para = para.trim_end_matches('\r');
        if para.is_empty() {
            out.push(String::new());
            continue;
        }
        // Segments between allowed break points; a mandatory break only occurs at the end here.
        let mut segments = Vec::new();
        let mut start = 0;
        for (at, kind) in linebreaks(para) {
            if at > start {
                segments.push(&para[start..at]);
            }
            start = at;
            if kind == BreakOpportunity::Mandatory {
                break;
            }
        }
        let mut line = String::new();
        for seg in segments {
            let candidate = format!("{line}{seg}");
            if font.width(candidate.trim_end(), size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                out.push(line.trim_end().to_owned());
                line = String::new();
            }
            // A single segment wider than the line (a long hash or URL): cut it by characters.
            if font.width(seg.trim_end(), size) > width {
                for ch in seg.chars() {
                    let mut next = line.clone();
                    next.push(ch);
                    if font.width(next.trim_end(), size) > width && !line.is_empty() {
                        out.push(line.trim_end().to_owned());
                        line = ch.to_string();
                    } else {
                        line = next;
                    }
                }
            } else {
                line = seg.to_owned();
            }
        }
        if !line.trim().is_empty() {
            out.push(line.trim_end().to_owned());
        }
    }
    out
}

/// One table column: its header and its share of the text width.
#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub width: f32,
}

#[derive(Debug)]
pub struct Layout<'f> {
    font: &'f CjkFont,
    pages: Vec<Vec<Op>>,
    y: f32,
    /// (title, page index) for the PDF outline.
    pub bookmarks: Vec<(String, usize)>,
    /// Every line drawn, in order (unit tests read a section's text from it).
    #[cfg(test)]
    pub lines: Vec<String>,
}

impl<'f> Layout<'f> {
    pub fn new(font: &'f CjkFont) -> Self {
        Layout {
            font,
            pages: vec![Vec::new()],
            y: TOP,
            bookmarks: Vec::new(),
            #[cfg(test)]
            lines: Vec::new(),
        }
    }

    pub fn page_index(&self) -> usize {
        self.pages.len() - 1
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` still fits on this one.
    pub fn ensure(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.new_page();
        }
    }

    pub fn space(&mut self, h: f32) {
        self.y -= h;
        if self.y < BOTTOM {
            self.new_page();
        }
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        let i = self.pages.len() - 1;
        &mut self.pages[i]
    }

    /// Draws one line of text with its baseline at `y`.
    pub fn text_at(&mut self, x: f32, y: f32, size: f32, text: &str, color: Color) {
        #[cfg(test)]
        self.lines.push(text.to_owned());
        let font = self.font.id.clone();
        // Glyph ids from the font's cache (with each character for the text layer), so printpdf does not search the
        // character map again for every character.
        let glyphs: Vec<Codepoint> = self
            .font
            .glyphs(text)
            .into_iter()
            .zip(text.chars())
            .map(|((g, _), c)| Codepoint {
                gid: g.unwrap_or(0),
                offset: 0.0,
                cid: Some(c.to_string()),
            })
            .collect();
        self.ops().extend([
            Op::StartTextSection,
            Op::SetFillColor { col: color },
            Op::SetFont {
                font: PdfFontHandle::External(font),
                size: Pt(size),
            },
            Op::SetTextCursor {
                pos: Point { x: Pt(x), y: Pt(y) },
            },
            Op::ShowText {
                items: vec![TextItem::GlyphIds(glyphs)],
            },
            Op::EndTextSection,
        ]);
    }

    /// A paragraph, wrapped, starting `indent` points in. Returns the number of lines.
    pub fn paragraph(&mut self, text: &str, size: f32, indent: f32) -> usize {
        let lh = size * 1.6;
        let lines = wrap(self.font, text, size, TEXT_W - indent);
        for line in &lines {
            self.ensure(lh);
            self.y -= lh;
            if !line.is_empty() {
                let y = self.y + size * 0.3;
                self.text_at(MARGIN_X + indent, y, size, line, black());
            }
        }
        lines.len()
    }

    /// A label and a value on one line, the value wrapped under itself.
    pub fn field(&mut self, label: &str, value: &str, size: f32) {
        let label_w = self.font.width(label, size) + 6.0;
        let lh = size * 1.6;
        let lines = wrap(self.font, value, size, TEXT_W - label_w);
        for (i, line) in lines.iter().enumerate() {
            self.ensure(lh);
            self.y -= lh;
            let y = self.y + size * 0.3;
            if i == 0 {
                self.text_at(MARGIN_X, y, size, label, grey());
            }
            self.text_at(MARGIN_X + label_w, y, size, line, black());
        }
    }

    /// A heading that gets an outline entry. Kept with at least a few lines of what follows.
    pub fn heading(&mut self, text: &str, size: f32, bookmark: bool) {
        self.ensure(size * 2.2 + 60.0);
        self.y -= size * 1.2;
        self.y -= size;
        let y = self.y;
        self.text_at(MARGIN_X, y, size, text, black());
        self.y -= size * 0.6;
        if bookmark {
            let page = self.page_index();
            self.bookmarks.push((text.to_owned(), page));
        }
    }

    pub fn centered(&mut self, text: &str, size: f32, color_grey: bool) {
        let lh = size * 1.7;
        for line in wrap(self.font, text, size, TEXT_W) {
            self.ensure(lh);
            self.y -= lh;
            let x = (PAGE_W - self.font.width(&line, size)) / 2.0;
            let y = self.y + size * 0.3;
            self.text_at(x, y, size, &line, if color_grey { grey() } else { black() });
        }
    }

    fn hline(&mut self, x1: f32, x2: f32, y: f32, thickness: f32) {
        self.ops().extend([
            Op::SetOutlineColor { col: black() },
            Op::SetOutlineThickness { pt: Pt(thickness) },
            Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: Point { x: Pt(x1), y: Pt(y) },
                            bezier: false,
                        },
                        LinePoint {
                            p: Point { x: Pt(x2), y: Pt(y) },
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            },
        ]);
    }

    /// A table; a row never splits, and the header row is drawn again at the top of every page it continues on.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>], size: f32) {
        let lh = size * 1.45;
        let pad = 3.0;
        let wrap_row = |cells: &[String]| -> Vec<Vec<String>> {
            cells
                .iter()
                .zip(columns)
                .map(|(c, col)| wrap(self.font, c, size, col.width - 2.0 * pad))
                .collect()
        };
        let header: Vec<String> = columns.iter().map(|c| c.header.clone()).collect();
        let header_lines = wrap_row(&header);
        let height = |lines: &Vec<Vec<String>>| lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * pad;
        let header_h = height(&header_lines);
        let draw_row = |me: &mut Self, lines: &Vec<Vec<String>>, h: f32, bold_rule: bool| {
            let top = me.y;
            let mut x = MARGIN_X;
            for (cell, col) in lines.iter().zip(columns) {
                for (i, l) in cell.iter().enumerate() {
                    let y = top - pad - (i as f32 + 1.0) * lh + size * 0.35;
                    me.text_at(x + pad, y, size, l, black());
                }
                x += col.width;
            }
            me.y -= h;
            me.hline(MARGIN_X, MARGIN_X + TEXT_W, me.y, if bold_rule { 0.8 } else { 0.3 });
        };
        self.ensure(header_h + lh * 3.0);
        self.hline(MARGIN_X, MARGIN_X + TEXT_W, self.y, 0.8);
        draw_row(self, &header_lines, header_h, true);
        for row in rows {
            let lines = wrap_row(row);
            let h = height(&lines);
            if self.y - h < BOTTOM {
                self.new_page();
                self.hline(MARGIN_X, MARGIN_X + TEXT_W, self.y, 0.8);
                draw_row(self, &header_lines, header_h, true);
            }
            draw_row(self, &lines, h, false);
        }
    }

    /// Places an image (registered as an XObject of `w_px` × `h_px`) scaled to fit `max_w` × `max_h` points, with
    /// its caption above it on the same page.
    pub fn image(&mut self, caption: &str, id: XObjectId, w_px: f32, h_px: f32, max_w: f32, max_h: f32) {
        let scale = (max_w / w_px).min(max_h / h_px).min(1.0);
        let (w, h) = (w_px * scale, h_px * scale);
        let caption_h = wrap(self.font, caption, 10.0, TEXT_W).len() as f32 * 16.0;
        self.ensure(caption_h + h + 8.0);
        self.paragraph(caption, 10.0, 0.0);
        self.y -= h;
        let x = MARGIN_X + (TEXT_W - w) / 2.0;
        let y = self.y;
        self.ops().push(Op::UseXobject {
            id,
            transform: XObjectTransform {
                translate_x: Some(Pt(x)),
                translate_y: Some(Pt(y)),
                scale_x: Some(scale),
                scale_y: Some(scale),
                dpi: Some(72.0),
                ..Default::default()
            },
        });
        self.y -= 8.0;
    }

    /// The finished pages, each with its running header and 第 X 页 / 共 Y 页 footer.
    pub fn finish(mut self, header: &str) -> Vec<PdfPage> {
        let total = self.pages.len();
        let pages = std::mem::take(&mut self.pages);
        pages
            .into_iter()
            .enumerate()
            .map(|(i, body)| {
                let mut ops = Vec::new();
                let mut me = Layout::new(self.font);
                if i > 0 {
                    me.text_at(MARGIN_X, PAGE_H - 42.0, 8.0, header, grey());
                    me.hline(MARGIN_X, MARGIN_X + TEXT_W, PAGE_H - 48.0, 0.3);
                }
                let footer = format!("第 {} 页 / 共 {} 页", i + 1, total);
                let x = (PAGE_W - self.font.width(&footer, 9.0)) / 2.0;
                me.text_at(x, 36.0, 9.0, &footer, grey());
                ops.append(&mut me.pages[0]);
                ops.extend(body);
                PdfPage::new(Mm(210.0), Mm(297.0), ops)
            })
            .collect()
    }
}

/// The font id used in the document: fixed so that output is deterministic, and six capitals because PDF readers
/// recognise a subset font by a `ABCDEF+` tag in front of its name.
pub fn font_id() -> FontId {
    FontId("WQFONT".into())
}
