#!/usr/bin/env bash
# The fuzzing campaign (see fuzz/README.md): builds the targets with AFL++ instrumentation, makes seed inputs
# from the real CLI, and runs each target for EXECS executions (default 10 million), one after another.
#   fuzz/run.sh [EXECS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
EXECS=${1:-10000000}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(evidence_sniffers case_document backup_reader bundle_reader screenshot_reader)

command -v cargo-afl >/dev/null || cargo install cargo-afl --locked
cargo afl config --build >/dev/null 2>&1 || true   # builds AFL++ once per toolchain; a no-op afterwards
cargo afl build --release
(cd .. && cargo build -p weiquan)

# Seeds: real inputs of each kind, made by this version.
SEEDS=out/seeds
rm -rf "$SEEDS" && mkdir -p "$SEEDS"/{case_document,backup_reader,evidence_sniffers,bundle_reader,screenshot_reader}
CLI=../target/debug/weiquan
LIB=$(mktemp -d)
DB=$("$CLI" demo --out "$LIB/demo" --at 2026-09-25T10:00:00+08:00 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["db"])')
"$CLI" --db "$DB" case export 1 --out "$LIB/demo.json" >/dev/null
cp "$LIB/demo.json" "$SEEDS/case_document/demo.json"
# A bundle as the app writes it: a case with no evidence (small enough for AFL), and the demo's own with a photo.
"$CLI" --db "$LIB/plain.db" case import ../crates/core/data/demo-case.json >/dev/null
"$CLI" --db "$LIB/plain.db" case bundle 1 --out "$SEEDS/bundle_reader/plain.wqcase" >/dev/null
"$CLI" --db "$DB" case bundle 1 --out "$LIB/demo.wqcase" >/dev/null
[ "$(stat -c %s "$LIB/demo.wqcase")" -lt 1000000 ] && cp "$LIB/demo.wqcase" "$SEEDS/bundle_reader/demo.wqcase"
cp ../crates/core/data/demo-case.json "$SEEDS/case_document/fixture.json"
printf '{"format":"weiquan.case/1","title":"t","industry":"other","status":"draft"}' > "$SEEDS/case_document/minimal.json"
# A backup small enough for AFL's input limit: an empty library's database holds the statute texts, so the seed
# is the ZIP's structure with the manifest and a tiny database; AFL mutates its way into the real checks from it.
python3 - "$SEEDS/backup_reader" <<'PY'
import io, json, sqlite3, sys, zipfile, os, tempfile
out = sys.argv[1]
d = tempfile.mkdtemp()
db = os.path.join(d, "weiquan.db")
con = sqlite3.connect(db); con.execute("PRAGMA user_version=9"); con.execute("CREATE TABLE cases(id INTEGER PRIMARY KEY)"); con.commit(); con.close()
manifest = {"format": "weiquan.backup/1", "created_at": "2026-11-28T10:00:00+08:00", "schema_level": 9,
            "case_count": 0, "objects": []}
for name, entries in [("tiny.zip", [("backup.json", json.dumps(manifest)), ("weiquan.db", open(db, "rb").read())]),
                      ("manifest-only.zip", [("backup.json", json.dumps(manifest))])]:
    with zipfile.ZipFile(os.path.join(out, name), "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in entries:
            z.writestr(n, b)
PY
cp ../icons/32x32.png "$SEEDS/evidence_sniffers/icon.png"
# Small chat-like pictures: a grey ground, bubbles at both sides with dark strokes in them, a centred time.
python3 - "$SEEDS/screenshot_reader" <<'PY'
import struct, sys, zlib
def png(path, w, h, pixel):
    raw = b"".join(b"\0" + b"".join(bytes(pixel(x, y)) for x in range(w)) for y in range(h))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))
def chat(x, y):
    if 70 <= y < 76 and 80 <= x < 100 and x % 3:
        return (150, 150, 150)                       # the time, centred
    left = 10 <= x < 90 and 90 <= y < 120
    right = 90 <= x < 170 and 135 <= y < 165
    if left or right:
        ink = (y % 10 < 4) and (x % 4 < 2) and not (x % 80 < 6) and y % 30 > 4
        return (20, 20, 20) if ink else ((255, 255, 255) if left else (149, 236, 105))
    return (237, 237, 237)
png(sys.argv[1] + "/chat.png", 180, 200, chat)
png(sys.argv[1] + "/dark.png", 90, 100, lambda x, y: tuple(255 - c for c in chat(2 * x, 2 * y)))
PY
# The e2e chat screenshot cut to its bubbles (1080 x 1060): under the target's megapixel cap, as fast as AFL needs.
python3 - ../tests/e2e/fixtures/chat-screenshot.png "$SEEDS/screenshot_reader/real.png" 1060 <<'PY'
import struct, sys, zlib
src, dst, rows = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(src, "rb").read()
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, colour = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
bpp = {2: 3, 6: 4}[colour]
assert depth == 8
raw, stride, prev, out = zlib.decompress(idat), w * bpp, bytearray(w * bpp), []
for y in range(min(h, rows)):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        p = a + b - c
        pred = [0, a, b, (a + b) // 2, a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c) else b if abs(p - b) <= abs(p - c) else c][f]
        line[i] = (line[i] + pred) & 0xFF
    out.append(b"\0" + bytes(line))
    prev = line
def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
open(dst, "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, len(out), 8, colour, 0, 0, 0))
                      + chunk(b"IDAT", zlib.compress(b"".join(out), 9)) + chunk(b"IEND", b""))
PY
find "$LIB/demo" -name '*.jpg' -size -200k | head -2 | while read -r f; do cp "$f" "$SEEDS/evidence_sniffers/"; done
printf '\0\0\0\x14ftypM4A \0\0\0\0M4A \0\0\0\x6cmoov\0\0\0\x64mvhd\0\0\0\0\xe0\x00\x00\x00\xe0\x00\x00\x00' \
  > "$SEEDS/evidence_sniffers/m4a.bin"
rm -rf "$LIB"

export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1
for t in "${TARGETS[@]}"; do
  rm -rf "out/$t"
  echo "== $t: $EXECS executions"
  cargo afl fuzz -i "$SEEDS/$t" -o "out/$t" -E "$EXECS" -t 2000 "target/release/$t" >"out/$t.log" 2>&1 || true
  stats="out/$t/default/fuzzer_stats"
  printf '%s: execs_done %s, execs_per_sec %s, corpus %s, saved_crashes %s, saved_hangs %s, run_time %s s\n' "$t" \
    "$(awk -F' *: ' '/^execs_done/{print $2}' "$stats")" "$(awk -F' *: ' '/^execs_per_sec/{print $2}' "$stats")" \
    "$(awk -F' *: ' '/^corpus_count/{print $2}' "$stats")" "$(awk -F' *: ' '/^saved_crashes/{print $2}' "$stats")" \
    "$(awk -F' *: ' '/^saved_hangs/{print $2}' "$stats")" "$(awk -F' *: ' '/^run_time/{print $2}' "$stats")" \
    | tee -a out/summary.txt
done
