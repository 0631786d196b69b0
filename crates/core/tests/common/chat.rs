//! Renders chat screenshots from known transcripts, for the transcript tests and benchmark: several apps' looks
//! (light, dark, a shop chat with coloured "my" bubbles), any scale, long captures, time separators, status and
//! input bars. The font is the dossier's CJK font, found the same way.
#![allow(dead_code, clippy::unwrap_used)]

use ab_glyph::{Font, FontVec, PxScale, ScaleFont};
use image::{Rgb, RgbImage};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Me,
    Agent,
    /// A centred time separator.
    Time,
}

#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub name: &'static str,
    pub bg: [u8; 3],
    pub me_fill: [u8; 3],
    pub me_text: [u8; 3],
    pub agent_fill: [u8; 3],
    pub agent_text: [u8; 3],
    pub time_text: [u8; 3],
    /// A pill behind the time separator (some apps draw one).
    pub time_fill: Option<[u8; 3]>,
    pub avatars: Option<([u8; 3], [u8; 3])>,
}

pub const WECHAT_LIGHT: Style = Style {
    name: "wechat-light",
    bg: [237, 237, 237],
    me_fill: [149, 236, 105],
    me_text: [25, 25, 25],
    agent_fill: [255, 255, 255],
    agent_text: [25, 25, 25],
    time_text: [166, 166, 166],
    time_fill: None,
    avatars: Some(([92, 133, 214], [230, 120, 60])),
};

pub const WECHAT_DARK: Style = Style {
    name: "wechat-dark",
    bg: [17, 17, 17],
    me_fill: [89, 178, 105],
    me_text: [18, 18, 18],
    agent_fill: [44, 44, 44],
    agent_text: [214, 214, 214],
    time_text: [110, 110, 110],
    time_fill: None,
    avatars: Some(([60, 90, 150], [150, 80, 40])),
};

/// A second messaging app: blue "my" bubbles with white text, grey pill behind the time.
pub const QQ_LIGHT: Style = Style {
    name: "qq-light",
    bg: [242, 242, 247],
    me_fill: [18, 150, 219],
    me_text: [255, 255, 255],
    agent_fill: [255, 255, 255],
    agent_text: [20, 20, 20],
    time_text: [255, 255, 255],
    time_fill: Some([200, 200, 205]),
    avatars: Some(([240, 180, 60], [120, 200, 140])),
};

/// A shop's customer-service chat: orange "my" bubbles, no avatars.
pub const SHOP: Style = Style {
    name: "shop",
    bg: [245, 245, 245],
    me_fill: [255, 98, 0],
    me_text: [255, 255, 255],
    agent_fill: [255, 255, 255],
    agent_text: [51, 51, 51],
    time_text: [153, 153, 153],
    time_fill: None,
    avatars: None,
};

pub const STYLES: [Style; 4] = [WECHAT_LIGHT, QQ_LIGHT, WECHAT_DARK, SHOP];

/// What was drawn for one turn: where, so a test can compare boxes.
#[derive(Debug, Clone)]
pub struct Drawn {
    pub who: Who,
    pub text: String,
    /// x, y, w, h of the bubble (or the separator's text).
    pub rect: [u32; 4],
}

pub struct Canvas {
    pub font: FontVec,
}

pub fn font() -> FontVec {
    let f = weiquan_core::dossier::cjk_font().unwrap();
    let bytes = std::fs::read(&f.path).unwrap();
    FontVec::try_from_vec_and_index(bytes, f.face as u32).unwrap()
}

/// Options of one rendering.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    /// Device pixels per logical pixel (1 to 3; phones are 2–3).
    pub scale: f32,
    /// Logical width (360 ⇒ 1080 px at 3×).
    pub width: u32,
    /// Logical height at least this (a screen); more when the content is longer (a long capture).
    pub min_height: u32,
    /// A phone status bar on top and an input bar at the bottom.
    pub chrome: bool,
}

impl Frame {
    pub const PHONE: Frame = Frame {
        scale: 3.0,
        width: 360,
        min_height: 800,
        chrome: false,
    };
}

fn fill(img: &mut RgbImage, x: i32, y: i32, w: i32, h: i32, c: [u8; 3], radius: i32) {
    for yy in y.max(0)..(y + h).min(img.height() as i32) {
        for xx in x.max(0)..(x + w).min(img.width() as i32) {
            // Rounded corners: leave the corner outside the radius.
            let dx = if xx < x + radius {
                x + radius - xx
            } else if xx >= x + w - radius {
                xx - (x + w - radius - 1)
            } else {
                0
            };
            let dy = if yy < y + radius {
                y + radius - yy
            } else if yy >= y + h - radius {
                yy - (y + h - radius - 1)
            } else {
                0
            };
            if dx * dx + dy * dy <= radius * radius {
                img.put_pixel(xx as u32, yy as u32, Rgb(c));
            }
        }
    }
}

/// Lines of `text` no wider than `max` px at `size`, broken between characters.
fn wrap(font: &FontVec, text: &str, size: f32, max: f32) -> Vec<String> {
    let sf = font.as_scaled(PxScale::from(size));
    let mut lines = vec![String::new()];
    let mut width = 0.0;
    for ch in text.chars() {
        let adv = sf.h_advance(font.glyph_id(ch));
        // Closing punctuation never starts a line (as in every chat app): it stays at the end of the line.
        let closing = "，。！？；：、）》”~".contains(ch);
        if width + adv > max && !lines.last().unwrap().is_empty() && !closing {
            lines.push(String::new());
            width = 0.0;
        }
        lines.last_mut().unwrap().push(ch);
        width += adv;
    }
    lines
}

fn text_width(font: &FontVec, text: &str, size: f32) -> f32 {
    let sf = font.as_scaled(PxScale::from(size));
    text.chars().map(|c| sf.h_advance(font.glyph_id(c))).sum()
}

fn draw_text(img: &mut RgbImage, font: &FontVec, text: &str, x: f32, y: f32, size: f32, fg: [u8; 3]) {
    let sf = font.as_scaled(PxScale::from(size));
    let mut pen = x;
    for ch in text.chars() {
        let id = font.glyph_id(ch);
        let glyph = id.with_scale_and_position(PxScale::from(size), ab_glyph::point(pen, y + sf.ascent()));
        pen += sf.h_advance(id);
        if let Some(outline) = font.outline_glyph(glyph) {
            let b = outline.px_bounds();
            outline.draw(|gx, gy, cov| {
                let (px, py) = (b.min.x as i32 + gx as i32, b.min.y as i32 + gy as i32);
                if px < 0 || py < 0 || px >= img.width() as i32 || py >= img.height() as i32 {
                    return;
                }
                let p = img.get_pixel_mut(px as u32, py as u32);
                for c in 0..3 {
                    p[c] = (f32::from(p[c]) * (1.0 - cov) + f32::from(fg[c]) * cov).round() as u8;
                }
            });
        }
    }
}

/// Renders `turns` in `style`: the picture and where each turn was drawn.
pub fn render(font: &FontVec, style: &Style, frame: Frame, turns: &[(Who, &str)]) -> (RgbImage, Vec<Drawn>) {
    let s = frame.scale;
    let px = |v: f32| (v * s).round() as i32;
    let w = px(frame.width as f32);
    let size = 16.0 * s;
    let line_h = (22.0 * s).round();
    let avatar = if style.avatars.is_some() { 40.0 } else { 0.0 };
    let side = 12.0 + if avatar > 0.0 { avatar + 8.0 } else { 0.0 };
    let max_text = (frame.width as f32 - 2.0 * side - 60.0 - 24.0) * s;
    let top = if frame.chrome { 44.0 } else { 12.0 };
    // First lay out, to know the height.
    let mut y = px(top);
    let mut plan = Vec::new();
    for &(who, text) in turns {
        match who {
            Who::Time => {
                let h = px(24.0);
                plan.push((who, text, vec![text.to_owned()], y, h));
                y += h + px(12.0);
            }
            _ => {
                let lines = wrap(font, text, size, max_text);
                let h = (lines.len() as f32 * line_h + 20.0 * s).round() as i32;
                let h = h.max(if avatar > 0.0 { px(avatar) } else { 0 });
                plan.push((who, text, lines, y, h));
                y += h + px(14.0);
            }
        }
    }
    let bottom = if frame.chrome { 56.0 } else { 0.0 };
    let height = (y + px(bottom)).max(px(frame.min_height as f32));
    let mut img = RgbImage::from_pixel(w as u32, height as u32, Rgb(style.bg));
    let mut drawn = Vec::new();
    for (who, text, lines, y, h) in plan {
        match who {
            Who::Time => {
                let size = 13.0 * s;
                let tw = text_width(font, text, size);
                let x = (w as f32 - tw) / 2.0;
                if let Some(pill) = style.time_fill {
                    fill(
                        &mut img,
                        (x - 8.0 * s) as i32,
                        y,
                        (tw + 16.0 * s) as i32,
                        h,
                        pill,
                        px(4.0),
                    );
                }
                draw_text(&mut img, font, text, x, y as f32 + 4.0 * s, size, style.time_text);
                drawn.push(Drawn {
                    who,
                    text: text.to_owned(),
                    rect: [x as u32, y as u32, tw as u32, h as u32],
                });
            }
            Who::Me | Who::Agent => {
                let widest = lines.iter().map(|l| text_width(font, l, size)).fold(0.0, f32::max);
                let bw = (widest + 24.0 * s).round() as i32;
                let (fill_c, text_c) = if who == Who::Me {
                    (style.me_fill, style.me_text)
                } else {
                    (style.agent_fill, style.agent_text)
                };
                let x = if who == Who::Me { w - px(side) - bw } else { px(side) };
                if let Some((me_av, agent_av)) = style.avatars {
                    let (ax, c) = if who == Who::Me {
                        (w - px(12.0 + avatar), me_av)
                    } else {
                        (px(12.0), agent_av)
                    };
                    fill(&mut img, ax, y, px(avatar), px(avatar), c, px(4.0));
                }
                fill(&mut img, x, y, bw, h, fill_c, px(5.0));
                for (i, line) in lines.iter().enumerate() {
                    let ly = y as f32 + 10.0 * s + i as f32 * line_h + (line_h - size) / 2.0 - 2.0 * s;
                    draw_text(&mut img, font, line, x as f32 + 12.0 * s, ly, size, text_c);
                }
                drawn.push(Drawn {
                    who,
                    text: text.to_owned(),
                    rect: [x as u32, y as u32, bw as u32, h as u32],
                });
            }
        }
    }
    if frame.chrome {
        // A status bar (clock, signal) and an input bar, full width, as on a phone.
        let bar = [
            style.bg[0].saturating_sub(12),
            style.bg[1].saturating_sub(12),
            style.bg[2].saturating_sub(12),
        ];
        fill(&mut img, 0, 0, w, px(32.0), bar, 0);
        draw_text(&mut img, font, "10:41", 16.0 * s, 7.0 * s, 14.0 * s, style.agent_text);
        draw_text(
            &mut img,
            font,
            "5G 87%",
            w as f32 - 70.0 * s,
            7.0 * s,
            12.0 * s,
            style.agent_text,
        );
        fill(&mut img, 0, height - px(52.0), w, px(52.0), bar, 0);
        fill(
            &mut img,
            px(48.0),
            height - px(44.0),
            w - px(110.0),
            px(36.0),
            style.agent_fill,
            px(5.0),
        );
        draw_text(
            &mut img,
            font,
            "发送",
            w as f32 - 52.0 * s,
            height as f32 - 36.0 * s,
            14.0 * s,
            style.agent_text,
        );
    }
    (img, drawn)
}

/// A transcript with the things that trip recognition: numbers, Latin letters, punctuation, a long answer over
/// several lines, the three kinds of time separator.
pub fn sample_turns() -> Vec<(Who, &'static str)> {
    vec![
        (Who::Time, "2026年9月5日 10:12"),
        (
            Who::Me,
            "你好，我的订单4928371056退款申请已经提交7天了，为什么还没有到账？",
        ),
        (Who::Agent, "亲亲，您的问题我们已经记录，请耐心等待哦~"),
        (Who::Me, "具体什么时候能退？"),
        (Who::Agent, "这边没有办法查询具体时间呢，建议您关注APP消息通知。"),
        (Who::Time, "9月8日 15:40"),
        (Who::Me, "已经过了承诺的3个工作日，请给我一个明确的处理时限。"),
        (
            Who::Agent,
            "抱歉给您带来不便，已为您加急处理，预计24小时内会有专员联系您。",
        ),
        (Who::Time, "昨天 21:03"),
        (Who::Me, "专员一直没有联系我。"),
        (Who::Agent, "您好，请问还有其他可以帮到您的吗？"),
    ]
}

/// A second conversation, so the figures do not rest on one text: a refund link, an order number, a phone number.
pub fn second_turns() -> Vec<(Who, &'static str)> {
    vec![
        (Who::Time, "星期一 09:15"),
        (Who::Agent, "您好，我是官方客服小林，您的快递丢失了，我们给您理赔58元。"),
        (Who::Me, "怎么理赔？"),
        (Who::Agent, "请点击链接 http://tk-refund.cn/a8 填写银行卡号和验证码。"),
        (Who::Me, "为什么要验证码？我的手机号是13912345678。"),
        (Who::Time, "下午 2:30"),
        (Who::Agent, "系统需要核实身份，请尽快操作，超时将无法理赔。"),
        (Who::Me, "我已经报警了，请提供你的工号。"),
    ]
}

/// What a recogniser may differ in without being wrong: full- and half-width forms, white space.
pub fn norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// Characters in error between what was drawn and what was read (edit distance).
pub fn edit_distance(expected: &str, got: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (expected.chars().collect(), got.chars().collect());
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut prev = row[0];
        row[0] = i;
        for j in 1..=b.len() {
            let cur = row[j];
            row[j] = (row[j] + 1)
                .min(row[j - 1] + 1)
                .min(prev + usize::from(a[i - 1] != b[j - 1]));
            prev = cur;
        }
    }
    row[b.len()]
}
