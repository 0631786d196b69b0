//! What the one-shot benchmark reports share: incompressible test files and the process's peak memory.
#![allow(dead_code, clippy::unwrap_used)]

use std::io::Write;
use std::path::Path;

/// `header`, then `mib` MiB of pseudo-random bytes (incompressible, like real recordings), different per `seed`.
pub fn random_file(path: &Path, header: &[u8], mib: usize, seed: u64) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    f.write_all(header).unwrap();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15 ^ seed;
    let mut block = vec![0u8; 1 << 20];
    for _ in 0..mib {
        for chunk in block.chunks_mut(8) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            chunk.copy_from_slice(&x.to_le_bytes());
        }
        f.write_all(&block).unwrap();
    }
    f.flush().unwrap();
}

/// The process's peak resident memory so far (VmHWM), in KiB.
pub fn vm_hwm_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_owned))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}
