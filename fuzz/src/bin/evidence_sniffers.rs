//! An evidence file from a stranger: its type from its first bytes, the EXIF time of a photo, the creation time in
//! an MP4/MOV/M4A movie header.
use std::io::Cursor;

fn main() {
    afl::fuzz!(|data: &[u8]| {
        let _ = weiquan_core::evidence::content_type(&data[..data.len().min(8192)]);
        let _ = weiquan_core::evidence::photo_time(&mut Cursor::new(data));
        let _ = weiquan_core::evidence::mvhd_creation_time(&mut Cursor::new(data), data.len() as u64);
    });
}
