//! A picture offered as a chat screenshot: decoded with the reader's limits, then laid out into bubbles,
//! separators and lines — every stage the reader runs before the recognition model, which then only ever sees lines
//! of a fixed height and bounded width and number (see `transcript::layout`'s bounds). The model itself is left
//! out: at a few milliseconds a line it would make the campaign a thousand times slower and it parses no input.
//! Pictures are read up to 1.2 megapixels here (a phone screen's width, a thousand rows): every stage is linear in the
//! pixels (its bounds are what the hostile benchmark measures at 50 MP), and a campaign of ten million executions
//! needs each to take milliseconds; AFL's time limit is for finding hangs, not for timing a large honest picture.
/// The largest picture decoded here, in pixels.
const MAX_PIXELS: u64 = 1_200_000;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let small = image::ImageReader::new(std::io::Cursor::new(data))
            .with_guessed_format()
            .ok()
            .and_then(|r| r.into_dimensions().ok())
            .is_some_and(|(w, h)| u64::from(w) * u64::from(h) <= MAX_PIXELS);
        if !small {
            return;
        }
        if let Ok(img) = weiquan_core::transcript::decode(data) {
            let _ = weiquan_core::transcript::layout::blocks(&img);
        }
    });
}
