"""The other engine on the same screenshots: Tesseract 5 with chi_sim (Debian's tesseract-ocr, tesseract-ocr-chi-sim),
whole page, as it is and binarised. Run the screenshot benchmark with WEIQUAN_BENCH_DUMP=DIR first, then
`python3 tests/bench/tesseract.py DIR`. Prints the character error rate (page text, white space and full/half width
ignored; no speakers: Tesseract has no notion of bubbles) and seconds per screenshot. Needs Pillow for the
binarised run. Not part of `make test`: it measured the choice written down in docs/ARCHITECTURE.md."""
import glob, os, subprocess, sys, tempfile, time


def norm(s):
    out = []
    for c in s:
        if c.isspace():
            continue
        if "\uff01" <= c <= "\uff5e":
            c = chr(ord(c) - 0xFEE0)
        out.append(c)
    return "".join(out)


def distance(a, b):
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        prev, row[0] = row[0], i
        for j in range(1, len(b) + 1):
            cur = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] != b[j - 1]))
            prev = cur
    return row[len(b)]


def run(png):
    t = time.time()
    out = subprocess.run(["tesseract", png, "-", "-l", "chi_sim", "--psm", "4"], capture_output=True, text=True)
    return out.stdout, time.time() - t


def binarised(png, tmp):
    from PIL import Image

    img = Image.open(png).convert("L")
    hist = img.histogram()
    total = sum(hist)
    # Otsu's threshold.
    sum_all = sum(i * h for i, h in enumerate(hist))
    best, threshold, w0, s0 = 0, 128, 0, 0
    for t in range(256):
        w0 += hist[t]
        if w0 == 0 or w0 == total:
            continue
        s0 += t * hist[t]
        m0, m1 = s0 / w0, (sum_all - s0) / (total - w0)
        between = w0 * (total - w0) * (m0 - m1) ** 2
        if between > best:
            best, threshold = between, t
    out = os.path.join(tmp, "bin.png")
    img.point(lambda v: 255 if v > threshold else 0).save(out)
    return out


def main(folder):
    pngs = sorted(glob.glob(os.path.join(folder, "*.png")))
    with tempfile.TemporaryDirectory() as tmp:
        for label, prepare in [("as is", lambda p: p), ("binarised (Otsu)", lambda p: binarised(p, tmp))]:
            errors = chars = 0
            seconds = 0.0
            for png in pngs:
                want = norm(open(png[:-4] + ".txt", encoding="utf8").read())
                got, secs = run(prepare(png))
                errors += distance(want, norm(got))
                chars += len(want)
                seconds += secs
            print(f"tesseract chi_sim, {label:<17} CER {100 * errors / chars:6.2f} %  "
                  f"{seconds / len(pngs):5.2f} s/screenshot  ({len(pngs)} screenshots, {chars} characters)")


if __name__ == "__main__":
    main(sys.argv[1])
