#!/usr/bin/env python3
"""Generate the fixture PDFs for `kehoach extract` from plain-text plans.

Requirements (see scripts/requirements-fixtures.txt):
    pip install reportlab pikepdf pillow numpy fonttools
    fonts-liberation2 (Liberation Serif, Times-compatible; Debian/Ubuntu),
    else fonts-dejavu-core (DejaVu Serif)
    poppler-utils (pdftoppm) to render pages for the scanned variants

Two modes:

    python3 scripts/make_fixture_pdfs.py [--out fixtures/pdf] PLAN.txt...
        Writes every variant of every plan (clean, bold, ohorn, dropped,
        tcvn3, scan, mixed) plus the bad inputs, and prints a table.

    python3 scripts/make_fixture_pdfs.py --bulk IN_DIR OUT_DIR [--jobs N]
        Turns every *.txt in IN_DIR into a clean text-layer PDF of the same
        stem in OUT_DIR (for benchmarks over many files).

Layout of a plan text (as the fixture plans are written): the lines before
the kind line ("KẾ HOẠCH", "BÁO CÁO" ...) form the two-column header (the
party/state motto and the place-date line go to the right column, the rest
to the left); the lines after the kind line up to "-----" are the subject;
"Nơi nhận:" and its "- ..." lines go to the left of the signature block,
which is everything after them. A text without a kind line is set as body.
"""

import argparse
import io
import multiprocessing
import os
import random
import re
import subprocess
import sys
import tempfile

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

# Binary streams as they are (no ASCII85 wrapping): smaller files.
rl_config.useA85 = 0

FONT_DIRS = [
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
]
# Liberation Serif has the metrics of Times New Roman, the usual font of
# these documents; DejaVu Serif is the fallback.
REGULAR = ["LiberationSerif-Regular.ttf", "DejaVuSerif.ttf"]
BOLD = ["LiberationSerif-Bold.ttf", "DejaVuSerif-Bold.ttf"]
KINDS = {
    "KẾ HOẠCH", "BÁO CÁO", "HƯỚNG DẪN", "NGHỊ QUYẾT", "CÔNG VĂN", "CHƯƠNG TRÌNH",
    "QUYẾT ĐỊNH", "THÔNG BÁO", "CHỈ THỊ", "KẾT LUẬN", "TỜ TRÌNH", "ĐỀ ÁN", "QUY ĐỊNH",
}
RIGHT_COLUMN = re.compile(
    r"^(ĐẢNG CỘNG SẢN VIỆT NAM|CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    r"|Độc lập - Tự do - Hạnh phúc|.*, ngày .* tháng .* năm \d{4})$"
)
HEADING = re.compile(r"^([IVX]+[.-] |\d+(\.\d+)*\. |[a-zđ]\) )")

PAGE_W, PAGE_H = A4
LEFT, RIGHT, TOP, BOTTOM = 85.0, 57.0, 57.0, 57.0
SIZE, LEADING = 13.0, 18.0

# TCVN3 (ABC) byte codes of the lowercase letters; the capitals font
# (.VnTimeH) draws these same codes as capitals, so capitals are encoded as
# their lowercase letters (case is lost, as in real files).
TCVN3 = {
    "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
    "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9,
    "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD, "ắ": 0xBE, "ặ": 0xC6,
    "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB,
    "è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF, "é": 0xD0, "ẹ": 0xD1,
    "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4, "ế": 0xD5, "ệ": 0xD6,
    "ì": 0xD7, "ỉ": 0xD8, "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE,
    "ò": 0xDF, "ỏ": 0xE1, "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4,
    "ồ": 0xE5, "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9,
    "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE,
    "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2, "ú": 0xF3, "ụ": 0xF4,
    "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8, "ự": 0xF9,
    "ỳ": 0xFA, "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
}

# Letters whose ToUnicode entries the "dropped" variant removes, as broken
# fonts do: "công" comes out "c ng", "rõ" as "r ", "hình" as "h nh".
DROPPED = "ôõìỏ"


def find_font(names):
    for name in names:
        for d in FONT_DIRS:
            p = os.path.join(d, name)
            if os.path.exists(p):
                return p
    sys.exit(f"none of {names} found; install fonts-liberation2 or fonts-dejavu-core")


# Characters each registered font has a glyph for; others are drawn with
# the DejaVu fallback (Liberation lacks e.g. the superscript parentheses of
# footnote marks "⁽¹⁾").
COVERAGE = {}


def register_fonts():
    if "Serif" in pdfmetrics.getRegisteredFontNames():
        return
    from fontTools.ttLib import TTFont as FtFont

    for name, files in [
        ("Serif", REGULAR),
        ("SerifBold", BOLD),
        ("Fallback", ["DejaVuSerif.ttf"]),
        ("FallbackBold", ["DejaVuSerif-Bold.ttf"]),
    ]:
        path = find_font(files)
        pdfmetrics.registerFont(TTFont(name, path))
        COVERAGE[name] = set(FtFont(path).getBestCmap())


def font_segments(text, font):
    """Split `text` into (segment, font) pieces, using the fallback font for
    characters `font` has no glyph for."""
    fallback = "FallbackBold" if font == "SerifBold" else "Fallback"
    out = []
    for ch in text:
        f = font if ord(ch) in COVERAGE[font] or ch == " " else fallback
        if out and out[-1][1] == f:
            out[-1] = (out[-1][0] + ch, f)
        else:
            out.append((ch, f))
    return out


def to_tcvn3(text):
    """Unicode -> TCVN3 bytes shown as Latin-1 characters."""
    out = []
    for ch in text:
        if ch in TCVN3:
            out.append(chr(TCVN3[ch]))
        elif ch.lower() in TCVN3:
            out.append(chr(TCVN3[ch.lower()]))
        else:
            out.append(ch)
    return "".join(out)


# ---------------------------------------------------------------- structure

def split_plan(text):
    """(left, right, kind, subject, body, recipients, signature) line lists."""
    lines = [l.rstrip() for l in text.splitlines()]
    kind_at = next((i for i, l in enumerate(lines) if l.strip() in KINDS), None)
    if kind_at is None:
        return [], [], None, [], lines, [], []
    head = [l.strip() for l in lines[:kind_at] if l.strip()]
    left = [l for l in head if not RIGHT_COLUMN.match(l)]
    right = [l for l in head if RIGHT_COLUMN.match(l)]
    rest = lines[kind_at + 1:]
    subject = []
    while rest and rest[0].strip() != "-----":
        if rest[0].strip():
            subject.append(rest[0].strip())
        rest = rest[1:]
    if rest:
        subject.append("-----")
        rest = rest[1:]
    nn = next((i for i, l in enumerate(rest) if l.strip().startswith("Nơi nhận")), None)
    if nn is None:
        return left, right, lines[kind_at].strip(), subject, rest, [], []
    body = rest[:nn]
    recip = [rest[nn].strip()]
    j = nn + 1
    while j < len(rest) and rest[j].strip().startswith("-"):
        recip.append(rest[j].strip())
        j += 1
    sig = [l.strip() for l in rest[j:] if l.strip()]
    return left, right, lines[kind_at].strip(), subject, body, recip, sig


# ---------------------------------------------------------------- drawing

class Writer:
    """Sets text on A4 pages with reportlab; each line is a list of
    (text, bold) runs so that bold runs can sit inside a line."""

    def __init__(self, out, encode=lambda s: s, page_numbers=True):
        # invariant: no dates or random ids, so a rerun gives the same bytes.
        self.c = canvas.Canvas(out, pagesize=A4, pageCompression=1, invariant=1)
        self.c.setTitle("")
        self.c.setAuthor("")
        self.c.setProducer("")
        self.c.setCreator("")
        self.encode = encode
        self.y = PAGE_H - TOP
        self.page = 1
        self.page_numbers = page_numbers

    def width(self, s, bold=False, size=SIZE):
        font = "SerifBold" if bold else "Serif"
        return sum(pdfmetrics.stringWidth(t, f, size) for t, f in font_segments(self.encode(s), font))

    def new_page(self):
        self.c.showPage()
        self.page += 1
        self.y = PAGE_H - TOP
        if self.page_numbers:
            self.c.setFont("Serif", 11)
            self.c.drawCentredString(PAGE_W / 2, PAGE_H - 35, str(self.page))

    def need(self, h):
        if self.y - h < BOTTOM:
            self.new_page()

    def runs(self, x, y, runs, size=SIZE):
        for text, bold in runs:
            for t, font in font_segments(self.encode(text), "SerifBold" if bold else "Serif"):
                self.c.setFont(font, size)
                self.c.drawString(x, y, t)
                x += pdfmetrics.stringWidth(t, font, size)

    def centred(self, cx, y, text, bold=False, size=SIZE):
        w = self.width(text, bold, size)
        self.runs(cx - w / 2, y, [(text, bold)], size)

    def wrap(self, words, avail, size=SIZE):
        """Greedy wrap of (word, bold) pairs into lines of runs."""
        lines, cur, curw = [], [], 0.0
        space = self.width(" ", False, size)
        for w, b in words:
            ww = self.width(w, b, size)
            if cur and curw + space + ww > avail:
                lines.append(cur)
                cur, curw = [], 0.0
            cur.append((w, b))
            curw += (space if len(cur) > 1 else 0) + ww
        if cur:
            lines.append(cur)
        out = []
        for line in lines:
            runs = []
            for i, (w, b) in enumerate(line):
                piece = (" " if i else "") + w
                if runs and runs[-1][1] == b:
                    runs[-1] = (runs[-1][0] + piece, b)
                else:
                    runs.append((piece, b))
            out.append(runs)
        return out

    def paragraph(self, words, indent=28.0, size=SIZE):
        avail = PAGE_W - LEFT - RIGHT
        for i, runs in enumerate(self.wrap(words, avail - indent, size) if words else []):
            self.need(LEADING)
            self.y -= LEADING
            self.runs(LEFT + (indent if i == 0 else 0), self.y, runs, size)

    def column(self, cx, y, lines, bold_first=False, size=10.5):
        for i, l in enumerate(lines):
            self.centred(cx, y, l, bold_first and i == 0, size)
            y -= LEADING - 2
        return y

    def save(self):
        self.c.showPage()
        self.c.save()


def words_of(line, bold_runs, rng):
    """Split a body line into (word, bold) pairs; with bold_runs, headings are
    bold and a few inline runs of 2-4 words are bold too."""
    words = line.split()
    if not bold_runs:
        return [(w, False) for w in words]
    if HEADING.match(line) and len(line) < 110 or line.isupper():
        return [(w, True) for w in words]
    flags = [False] * len(words)
    if len(words) > 12 and rng.random() < 0.6:
        start = rng.randrange(0, len(words) - 4)
        for k in range(start, start + rng.randint(2, 4)):
            flags[k] = True
    return list(zip(words, flags))


def render(text, out, bold_runs=False, encode=lambda s: s, seed=7):
    register_fonts()
    rng = random.Random(seed)
    left, right, kind, subject, body, recip, sig = split_plan(text)
    w = Writer(out, encode)
    colw = (PAGE_W - LEFT - RIGHT) * 0.47
    if kind:
        # Two-column header: left column drawn first, then the right one, as
        # a table's cells are.
        top = w.y - LEADING
        yl = w.column(LEFT + colw / 2, top, left, bold_first=False)
        yr = w.column(LEFT + colw + (PAGE_W - RIGHT - LEFT - colw) / 2, top, right)
        w.y = min(yl, yr) - 10
        w.y -= LEADING
        w.centred(PAGE_W / 2, w.y, kind, bold=True, size=14)
        for l in subject:
            bold = bold_runs and l != "-----"
            for runs in w.wrap([(x, bold) for x in l.split()], (PAGE_W - LEFT - RIGHT) * 0.85):
                w.y -= LEADING
                w.centred(PAGE_W / 2, w.y, "".join(t for t, _ in runs), bold=bold)
        w.y -= 6
    for line in body:
        line = line.strip()
        if not line:
            continue
        indent = 0.0 if (HEADING.match(line) and line.isupper()) else 28.0
        w.paragraph(words_of(line, bold_runs, rng), indent)
    if recip or sig:
        h = LEADING * (max(len(recip), len(sig) + 3) + 1)
        w.need(h)
        top = w.y - LEADING * 1.5
        y = top
        for l in recip:
            w.runs(LEFT, y, [(l, l.startswith("Nơi nhận") and bold_runs)], 11)
            y -= LEADING - 3
        cx = LEFT + colw + (PAGE_W - RIGHT - LEFT - colw) / 2 + 10
        y2 = top
        for i, l in enumerate(sig):
            if i == len(sig) - 1:
                y2 -= LEADING * 3  # room for the signature and seal
            w.centred(cx, y2, l, bold=True)
            y2 -= LEADING
        w.y = min(y, y2)
    w.save()


# ---------------------------------------------------------------- font damage

def patch_tounicode(pdf_path, out_path, fonts, edit):
    """Rewrite the ToUnicode CMaps of the fonts whose BaseFont contains one of
    `fonts` through `edit(cmap_text) -> cmap_text`."""
    import pikepdf

    pdf = pikepdf.open(pdf_path)
    done = set()
    for page in pdf.pages:
        res = page.obj.get("/Resources")
        if res is None or "/Font" not in res:
            continue
        for _, font in res.Font.items():
            base = str(font.get("/BaseFont", ""))
            if not any(f in base for f in fonts) or "/ToUnicode" not in font:
                continue
            tu = font.ToUnicode
            key = tu.objgen
            if key in done:
                continue
            done.add(key)
            cmap = tu.read_bytes().decode("latin-1")
            tu.write(edit(cmap).encode("latin-1"))
    pdf.save(out_path, deterministic_id=True)


def hexcode(ch):
    return "%04X" % ord(ch)


def cmap_ohorn(cmap):
    """Map ư/Ư to ƣ/Ƣ, as some real fonts' maps do."""
    cmap = re.sub(r"<01B0>", "<01A3>", cmap, flags=re.I)
    return re.sub(r"<01AF>", "<01A2>", cmap, flags=re.I)


def cmap_drop(cmap):
    """Remove the bfchar entries of the DROPPED letters."""
    out = []
    for line in cmap.split("\n"):
        if any(("<%s>" % hexcode(ch)) in line.upper() for ch in DROPPED):
            continue
        out.append(line)
    text = "\n".join(out)

    # Fix up the "N beginbfchar" counts after the removal.
    def recount(m):
        body = m.group(2)
        n = len(re.findall(r"<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]*>", body))
        return "%d beginbfchar%sendbfchar" % (n, body)

    return re.sub(r"(\d+) beginbfchar(.*?)endbfchar", recount, text, flags=re.S)


# ---------------------------------------------------------------- scans

def scan_pages(pdf_path, dpi=200, seed=11, angle=0.6):
    """Render each page at `dpi`, rotate it a little and add speckle noise;
    returns JPEG bytes per page."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", pdf_path, os.path.join(tmp, "p")], check=True)
        names = sorted(f for f in os.listdir(tmp) if f.endswith(".pgm"))
        out = []
        for i, name in enumerate(names):
            img = Image.open(os.path.join(tmp, name)).convert("L")
            img = img.rotate(angle * (1 if i % 2 == 0 else -1), resample=Image.BICUBIC, fillcolor=255)
            a = np.asarray(img).astype(np.int16)
            # Faint paper grain: a coarse low-amplitude field (cheap in JPEG), then specks.
            grain = np.kron(rng.normal(0, 4, (a.shape[0] // 8 + 1, a.shape[1] // 8 + 1)), np.ones((8, 8)))
            a = a + grain[: a.shape[0], : a.shape[1]].astype(np.int16)
            speck = rng.random(a.shape) < 0.0008
            a[speck] = 40
            a = np.clip(a, 0, 255).astype(np.uint8)
            buf = io.BytesIO()
            Image.fromarray(a).save(buf, "JPEG", quality=45, dpi=(dpi, dpi))
            out.append(buf.getvalue())
        return out


def images_to_pdf(jpegs, out_path):
    from reportlab.lib.utils import ImageReader

    c = canvas.Canvas(out_path, pagesize=A4, invariant=1)
    c.setProducer("")
    for jpg in jpegs:
        c.drawImage(ImageReader(io.BytesIO(jpg)), 0, 0, PAGE_W, PAGE_H)
        c.showPage()
    c.save()


def mixed(text_pdf, scan_pdf, out_path):
    """Odd pages from the text PDF, even pages from the scan."""
    import pikepdf

    a, b = pikepdf.open(text_pdf), pikepdf.open(scan_pdf)
    out = pikepdf.new()
    for i in range(len(a.pages)):
        out.pages.append((a if i % 2 == 0 else b).pages[i])
    out.save(out_path, deterministic_id=True)


# ---------------------------------------------------------------- bad inputs

def bad_inputs(clean_pdf, outdir, baddir):
    """Broken inputs go to `baddir`, apart from the variants, so that importing
    the good fixtures succeeds; the empty-password file opens, so it stays."""
    os.makedirs(baddir, exist_ok=True)
    import pikepdf

    made = {}
    p = os.path.join(baddir, "bad-not-a-pdf.pdf")
    with open(p, "w", encoding="utf-8") as f:
        f.write("Kế hoạch này là văn bản, không phải PDF.\n")
    made[p] = "text file named .pdf"
    data = open(clean_pdf, "rb").read()
    p = os.path.join(baddir, "bad-truncated.pdf")
    open(p, "wb").write(data[: len(data) // 3])
    made[p] = "first third of a clean PDF"
    p = os.path.join(baddir, "bad-zero-pages.pdf")
    pikepdf.new().save(p)
    made[p] = "valid PDF with no pages"
    p = os.path.join(baddir, "bad-password.pdf")
    pikepdf.open(clean_pdf).save(p, encryption=pikepdf.Encryption(owner="chu-so-huu", user="mat-khau", R=4))
    made[p] = "encrypted, user password needed (RC4-128)"
    p = os.path.join(outdir, "empty-password.pdf")
    pikepdf.open(clean_pdf).save(p, encryption=pikepdf.Encryption(owner="chu-so-huu", user="", R=4))
    made[p] = "encrypted with an empty user password (opens)"
    p = os.path.join(baddir, "image-only-blank.pdf")
    from PIL import Image
    import numpy as np

    rng = np.random.default_rng(3)
    a = np.clip(235 + rng.normal(0, 8, (400, 300)), 0, 255).astype(np.uint8)
    buf = io.BytesIO()
    Image.fromarray(a).save(buf, "JPEG", quality=50)
    images_to_pdf([buf.getvalue()], p)
    made[p] = "one image page with no text at all"
    return made


# ---------------------------------------------------------------- main

def variants(src, outdir):
    stem = os.path.splitext(os.path.basename(src))[0]
    text = open(src, encoding="utf-8").read()
    made = {}

    def out(v):
        return os.path.join(outdir, f"{stem}.{v}.pdf")

    render(text, out("clean"))
    made[out("clean")] = "text layer, two-column header table"
    render(text, out("bold"), bold_runs=True)
    made[out("bold")] = "headings and inline runs in bold"
    with tempfile.TemporaryDirectory() as tmp:
        t = os.path.join(tmp, "b.pdf")
        render(text, t, bold_runs=True)
        patch_tounicode(t, out("ohorn"), ["Bold"], cmap_ohorn)
        made[out("ohorn")] = "bold font's ToUnicode gives ƣ/Ƣ for ư/Ư"
        t = os.path.join(tmp, "c.pdf")
        render(text, t)
        patch_tounicode(t, out("dropped"), ["Serif"], cmap_drop)
        made[out("dropped")] = f"ToUnicode lacks {DROPPED} (dropped glyphs)"
    subprocess.run(["pdftocairo", "-pdf", out("clean"), out("cairo")], check=True)
    made[out("cairo")] = "clean rewritten by Cairo: WinAnsi TrueType + Identity-H fonts"
    render(text, out("tcvn3"), encode=to_tcvn3)
    made[out("tcvn3")] = "TCVN3 bytes through a Latin font"
    jpegs = scan_pages(out("clean"))
    images_to_pdf(jpegs, out("scan"))
    made[out("scan")] = "200 dpi grey JPEG scan, rotated ±0.6°, noisy; no text"
    mixed(out("clean"), out("scan"), out("mixed"))
    made[out("mixed")] = "odd pages text layer, even pages scanned"
    return made


def bulk_one(args):
    src, dst = args
    try:
        with open(src, encoding="utf-8") as f:
            render(f.read(), dst)
        return None
    except Exception as e:  # report per file, go on with the rest
        return f"{src}: {e}"


def bulk(indir, outdir, jobs):
    os.makedirs(outdir, exist_ok=True)
    pairs = [
        (os.path.join(indir, n), os.path.join(outdir, os.path.splitext(n)[0] + ".pdf"))
        for n in sorted(os.listdir(indir))
        if n.endswith(".txt")
    ]
    with multiprocessing.Pool(jobs) as pool:
        errors = [e for e in pool.imap_unordered(bulk_one, pairs, chunksize=8) if e]
    for e in errors:
        print(e, file=sys.stderr)
    print(f"{len(pairs) - len(errors)} PDFs written to {outdir}, {len(errors)} failed")
    return 1 if errors else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bulk", nargs=2, metavar=("IN_DIR", "OUT_DIR"), help="clean PDF for every *.txt in IN_DIR")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes for --bulk")
    ap.add_argument("--out", default="fixtures/pdf", help="output directory for the variants")
    ap.add_argument("--bad-out", default="fixtures/bad", help="output directory for the broken inputs")
    ap.add_argument("plans", nargs="*", help="plan texts to turn into every variant")
    a = ap.parse_args()
    if a.bulk:
        return bulk(a.bulk[0], a.bulk[1], a.jobs)
    if not a.plans:
        ap.error("give plan texts or --bulk IN_DIR OUT_DIR")
    os.makedirs(a.out, exist_ok=True)
    made = {}
    for src in a.plans:
        made.update(variants(src, a.out))
    made.update(bad_inputs(list(made)[0], a.out, a.bad_out))
    print("| file | what | bytes |\n| --- | --- | --- |")
    for p, what in made.items():
        print(f"| {os.path.basename(p)} | {what} | {os.path.getsize(p)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
