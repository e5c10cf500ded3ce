#!/usr/bin/env python3
"""Build the Swedish OCR evaluation set.

Sources: texts/NAME.txt (light markup, see parse()).
Outputs per document, in this folder:
  NAME.pdf               rendered with reportlab
  NAME.ref.txt           exact rendered text (UTF-8)
  NAME.ocr.txt           tesseract -l eng on a clean 300 dpi greyscale raster
  NAME.degraded.ocr.txt  tesseract -l eng on a degraded 200 dpi raster
and manifest.json.

Usage: python3 make_docset.py [--no-ocr] [--only NAME ...]
Requires: reportlab, pyphen (hyphenation), Pillow, numpy, poppler-utils
(pdftoppm), tesseract with the 'eng' model.
"""
import argparse
import concurrent.futures as cf
import difflib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import unicodedata
import zlib
from xml.sax.saxutils import escape

import numpy as np
from PIL import Image, ImageEnhance, ImageFilter
from reportlab import rl_config
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (BaseDocTemplate, Frame, FrameBreak,
                                NextPageTemplate, PageTemplate, Paragraph)

rl_config.invariant = 1  # byte-reproducible PDFs (fixed dates/ids)

HERE = os.path.dirname(os.path.abspath(__file__))
TEXTS = os.path.join(HERE, "texts")
WORK = os.path.join(HERE, "_work")

TT = "/usr/share/fonts/truetype"
T1_AFM = "/usr/share/fonts/type1/urw-base35"
T1_PFB = "/usr/share/fonts/X11/Type1"

# font label -> (kind, regular, bold)
FONTS = {
    "Liberation Sans": ("ttf", f"{TT}/liberation/LiberationSans-Regular.ttf", f"{TT}/liberation/LiberationSans-Bold.ttf"),
    "Liberation Serif": ("ttf", f"{TT}/liberation/LiberationSerif-Regular.ttf", f"{TT}/liberation/LiberationSerif-Bold.ttf"),
    "Liberation Mono": ("ttf", f"{TT}/liberation/LiberationMono-Regular.ttf", f"{TT}/liberation/LiberationMono-Bold.ttf"),
    "Liberation Sans Narrow": ("ttf", f"{TT}/liberation/LiberationSansNarrow-Regular.ttf", f"{TT}/liberation/LiberationSansNarrow-Bold.ttf"),
    "DejaVu Sans": ("ttf", f"{TT}/dejavu/DejaVuSans.ttf", f"{TT}/dejavu/DejaVuSans-Bold.ttf"),
    "DejaVu Sans Condensed": ("ttf", f"{TT}/dejavu/DejaVuSansCondensed.ttf", f"{TT}/dejavu/DejaVuSansCondensed-Bold.ttf"),
    "DejaVu Serif": ("ttf", f"{TT}/dejavu/DejaVuSerif.ttf", f"{TT}/dejavu/DejaVuSerif-Bold.ttf"),
    "DejaVu Serif Condensed": ("ttf", f"{TT}/dejavu/DejaVuSerifCondensed.ttf", f"{TT}/dejavu/DejaVuSerifCondensed-Bold.ttf"),
    "FreeSans": ("ttf", f"{TT}/freefont/FreeSans.ttf", f"{TT}/freefont/FreeSansBold.ttf"),
    "FreeSerif": ("ttf", f"{TT}/freefont/FreeSerif.ttf", f"{TT}/freefont/FreeSerifBold.ttf"),
    "Nimbus Roman": ("t1", "NimbusRoman-Regular", "NimbusRoman-Bold"),
    "Nimbus Sans": ("t1", "NimbusSans-Regular", "NimbusSans-Bold"),
    "P052": ("t1", "P052-Roman", "P052-Bold"),
    "C059": ("t1", "C059-Roman", "C059-Bold"),
    "URW Bookman": ("t1", "URWBookman-Light", "URWBookman-Demi"),
    "URW Gothic": ("t1", "URWGothic-Book", "URWGothic-Demi"),
}

# id, genre, font, size (pt), columns, align, hyphenate, bullet, margin (cm), full-width head blocks, split
DOCS = [
    ("01_vagarbete", "kommunalt brev till boende om vägarbeten", "Liberation Sans", 11, 1, "left", False, "•", 2.2, 1, "dev"),
    ("02_protokoll", "protokoll från barn- och utbildningsnämnd", "Liberation Mono", 10, 1, "left", False, "•", 2.0, 1, "test"),
    ("03_bibliotek", "lokal nyhetsartikel om bibliotek", "Nimbus Roman", 10, 2, "justify", True, "•", 1.8, 1, "dev"),
    ("04_vatten", "sammanfattning av projektrapport, VA-bolag", "DejaVu Sans", 10, 1, "justify", False, "–", 2.5, 1, "test"),
    ("05_forsamling", "församlingsblad", "P052", 11, 2, "left", False, "•", 1.8, 2, "dev"),
    ("06_turism", "turistbroschyr om sjöbygd", "URW Gothic", 10, 2, "left", False, "•", 1.6, 1, "test"),
    ("07_platsannons", "platsannons", "FreeSans", 10.5, 1, "left", False, "•", 2.4, 1, "test"),
    ("08_debatt", "debattartikel", "C059", 11, 1, "justify", False, "•", 2.5, 1, "dev"),
    ("09_aldreomsorg", "informationsblad om hemtjänst (äldreomsorg)", "DejaVu Serif", 12, 1, "left", False, "–", 2.2, 1, "test"),
    ("10_museum", "utställningstext, museum", "URW Bookman", 10, 1, "justify", False, "•", 2.3, 1, "dev"),
    ("11_idrott", "verksamhetsberättelse, idrottsförening", "Liberation Sans Narrow", 9.5, 2, "justify", True, "•", 1.8, 2, "test"),
    ("12_recept", "matkrönika med recept", "FreeSerif", 12, 1, "left", False, "•", 2.4, 1, "dev"),
    ("13_elrakning", "konsumentråd om elräkningen", "Nimbus Sans", 9, 2, "justify", False, "•", 1.7, 1, "dev"),
    ("14_historia", "historisk text om bruksort", "Liberation Serif", 10, 2, "justify", True, "•", 2.0, 1, "test"),
    ("15_pressmeddelande", "pressmeddelande från region", "DejaVu Sans Condensed", 11, 1, "left", False, "•", 2.2, 2, "dev"),
    ("16_foraldrabrev", "skolans brev till vårdnadshavare", "DejaVu Serif Condensed", 11, 1, "left", False, "–", 2.3, 1, "test"),
]

_registered = set()


def register_font(label):
    kind, reg, bold = FONTS[label]
    names = (label.replace(" ", "") + "-R", label.replace(" ", "") + "-B")
    if label in _registered:
        return names
    for name, src in zip(names, (reg, bold)):
        if kind == "ttf":
            pdfmetrics.registerFont(TTFont(name, src))
        else:
            face = pdfmetrics.EmbeddedType1Face(f"{T1_AFM}/{src}.afm", f"{T1_PFB}/{src}.pfb")
            pdfmetrics.registerTypeFace(face)
            pdfmetrics.registerFont(pdfmetrics.Font(name, face.name, "WinAnsiEncoding"))
    from reportlab.lib.fonts import addMapping
    fam = label.replace(" ", "")
    for b, i, n in ((0, 0, names[0]), (1, 0, names[1]), (0, 1, names[0]), (1, 1, names[1])):
        addMapping(fam, b, i, n)
    for n, b in ((names[0], 0), (names[1], 1)):
        addMapping(n, b, 0, n)
        addMapping(n, b, 1, n)
        addMapping(n, 1 - b, 0, names[1 - b])
        addMapping(n, 1 - b, 1, names[1 - b])
    _registered.add(label)
    return names


def parse(src):
    """Markup: '# ' title, '## ' heading, '- ' list item (consecutive lines
    form one list), '| ' lines kept as separate lines; anything else is a
    paragraph. Blocks are separated by blank lines."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", src.strip()):
        lines = [l.rstrip() for l in chunk.strip().split("\n")]
        if lines[0].startswith("# "):
            assert len(lines) == 1, chunk
            blocks.append(("title", lines[0][2:].strip()))
        elif lines[0].startswith("## "):
            assert len(lines) == 1, chunk
            blocks.append(("h2", lines[0][3:].strip()))
        elif lines[0].startswith("- "):
            assert all(l.startswith("- ") for l in lines), chunk
            blocks.append(("list", [l[2:].strip() for l in lines]))
        elif lines[0].startswith("| "):
            assert all(l.startswith("| ") for l in lines), chunk
            blocks.append(("lines", [l[2:].strip() for l in lines]))
        else:
            blocks.append(("para", " ".join(l.strip() for l in lines)))
    return blocks


def ref_text(blocks, bullet):
    out = []
    for kind, val in blocks:
        if kind == "list":
            out.append("\n".join(f"{bullet} {v}" for v in val))
        elif kind == "lines":
            out.append("\n".join(val))
        else:
            out.append(val)
    return "\n\n".join(out) + "\n"


def count_words(text):
    return sum(1 for t in text.split() if re.search(r"\w", t))


def build_pdf(doc, blocks, path):
    did, genre, font, size, cols, align, hyph, bullet, margin, nhead, split = doc
    reg, bold = register_font(font)
    lead = size * 1.28
    common = dict(fontName=reg, fontSize=size, leading=lead)
    if hyph:
        common.update(hyphenationLang="sv_SE", embeddedHyphenation=1, uriWasteReduce=0.3)
    al = TA_JUSTIFY if align == "justify" else TA_LEFT
    body = ParagraphStyle("body", alignment=al, spaceAfter=size * 0.55, **common)
    lines_st = ParagraphStyle("lines", alignment=TA_LEFT, spaceAfter=size * 0.55, fontName=reg,
                              fontSize=size, leading=lead)
    bullet_st = ParagraphStyle("bullet", alignment=TA_LEFT, leftIndent=size * 1.5, bulletIndent=size * 0.4,
                               spaceAfter=size * 0.2, bulletFontName=reg, bulletFontSize=size,
                               fontName=reg, fontSize=size, leading=lead)
    title_st = ParagraphStyle("title", fontName=bold, fontSize=size + 7, leading=(size + 7) * 1.2,
                              spaceAfter=size * 0.9, alignment=TA_LEFT)
    h2_st = ParagraphStyle("h2", fontName=bold, fontSize=size + 1.5, leading=(size + 1.5) * 1.25,
                           spaceBefore=size * 0.6, spaceAfter=size * 0.35, alignment=TA_LEFT, keepWithNext=1)

    flow = []
    for kind, val in blocks:
        if kind == "title":
            flow.append(Paragraph(escape(val), title_st))
        elif kind == "h2":
            flow.append(Paragraph(escape(val), h2_st))
        elif kind == "para":
            flow.append(Paragraph(escape(val), body))
        elif kind == "lines":
            flow.append(Paragraph("<br/>".join(escape(v) for v in val), lines_st))
        elif kind == "list":
            for i, v in enumerate(val):
                st = bullet_st
                if i == len(val) - 1:
                    st = ParagraphStyle("bullet_last", parent=bullet_st, spaceAfter=size * 0.55)
                flow.append(Paragraph(escape(v), st, bulletText=bullet))

    W, H = A4
    m = margin * cm
    fw, fh = W - 2 * m, H - 2 * m
    dt = BaseDocTemplate(path, pagesize=A4, leftMargin=m, rightMargin=m, topMargin=m, bottomMargin=m,
                         title=did, author="docset generator", creator="reportlab")
    if cols == 1:
        dt.addPageTemplates([PageTemplate("one", [Frame(m, m, fw, fh, id="f")])])
        story = flow
    else:
        gap = 0.8 * cm
        cw = (fw - gap) / 2
        head = flow[:nhead]
        hh = sum(f.wrap(fw, fh)[1] + f.getSpaceAfter() for f in head) + 12
        bh = fh - hh
        first = PageTemplate("first", [
            Frame(m, m + bh, fw, hh, id="head", leftPadding=6, rightPadding=6),
            Frame(m, m, cw, bh, id="c1"),
            Frame(m + cw + gap, m, cw, bh, id="c2"),
        ])
        later = PageTemplate("cols", [Frame(m, m, cw, fh, id="c1"), Frame(m + cw + gap, m, cw, fh, id="c2")])
        dt.addPageTemplates([first, later])
        story = [NextPageTemplate("cols")] + head + [FrameBreak()] + flow[nhead:]
    dt.build(story)
    return dt.page


def run(cmd, **kw):
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, **kw)
    if r.returncode != 0:
        raise RuntimeError(f"{cmd}: {r.stderr}")
    return r.stdout


def pages_of(prefix_dir):
    return sorted(os.path.join(prefix_dir, f) for f in os.listdir(prefix_dir))


def tesseract(img):
    return run(["tesseract", img, "-", "-l", "eng"]).replace("\f", "").strip()


def degrade_params(did):
    rng = random.Random(zlib.crc32(did.encode()))
    return {
        "rotate_deg": round(rng.uniform(0.2, 0.7) * rng.choice([-1, 1]), 3),
        "blur_radius": round(rng.uniform(0.4, 0.8), 3),
        "salt_pepper_fraction": 0.0005,
        "contrast": round(rng.uniform(0.7, 0.85), 3),
        "seed": zlib.crc32(did.encode()),
    }


def degrade(src, dst, p, page_no):
    img = Image.open(src).convert("L")
    img = img.rotate(p["rotate_deg"], resample=Image.BICUBIC, expand=False, fillcolor=255)
    img = img.filter(ImageFilter.GaussianBlur(p["blur_radius"]))
    a = np.array(img)
    rng = np.random.default_rng(p["seed"] + page_no)
    n = int(a.size * p["salt_pepper_fraction"])
    idx = rng.choice(a.size, size=n, replace=False)
    vals = rng.integers(0, 2, size=n) * 255
    a.reshape(-1)[idx] = vals
    img = Image.fromarray(a)
    img = ImageEnhance.Contrast(img).enhance(p["contrast"])
    img.save(dst, dpi=(200, 200))


def ocr_doc(did):
    pdf = os.path.join(HERE, f"{did}.pdf")
    d300 = os.path.join(WORK, did, "r300")
    d200 = os.path.join(WORK, did, "r200")
    ddeg = os.path.join(WORK, did, "deg")
    for d in (d300, d200, ddeg):
        os.makedirs(d, exist_ok=True)
    run(["pdftoppm", "-r", "300", "-gray", pdf, os.path.join(d300, "p")])
    clean = [tesseract(p) for p in pages_of(d300)]
    with open(os.path.join(HERE, f"{did}.ocr.txt"), "w", encoding="utf-8") as f:
        f.write("\n\n".join(clean) + "\n")
    run(["pdftoppm", "-r", "200", "-gray", pdf, os.path.join(d200, "p")])
    p = degrade_params(did)
    deg = []
    for i, src in enumerate(pages_of(d200)):
        dst = os.path.join(ddeg, f"p{i + 1}.png")
        degrade(src, dst, p, i)
        deg.append(tesseract(dst))
    with open(os.path.join(HERE, f"{did}.degraded.ocr.txt"), "w", encoding="utf-8") as f:
        f.write("\n\n".join(deg) + "\n")
    shutil.rmtree(os.path.join(WORK, did))
    return did


def fold(s):
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.split())


def similarity(ref, hyp):
    """Character similarity after removing diacritics from the reference."""
    return difflib.SequenceMatcher(None, fold(ref), " ".join(hyp.split()), autojunk=False).ratio()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-ocr", action="store_true")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    docs = [d for d in DOCS if not args.only or d[0] in args.only]

    manifest = []
    for doc in docs:
        did = doc[0]
        with open(os.path.join(TEXTS, f"{did}.txt"), encoding="utf-8") as f:
            blocks = parse(f.read())
        ref = ref_text(blocks, doc[7])
        with open(os.path.join(HERE, f"{did}.ref.txt"), "w", encoding="utf-8") as f:
            f.write(ref)
        npages = build_pdf(doc, blocks, os.path.join(HERE, f"{did}.pdf"))
        assert 1 <= npages <= 3, (did, npages)
        manifest.append({
            "id": did, "genre": doc[1], "font": doc[2], "size": doc[3], "columns": doc[4],
            "words": count_words(ref), "split": doc[10],
            "align": doc[5], "hyphenation": doc[6], "pages": npages,
            "degradation": degrade_params(did),
        })
        print(f"{did}: {npages} page(s), {count_words(ref)} words", flush=True)

    if not args.only:
        with open(os.path.join(HERE, "manifest.json"), "w", encoding="utf-8") as f:
            json.dump(manifest, f, ensure_ascii=False, indent=2)
            f.write("\n")

    if args.no_ocr:
        return
    with cf.ThreadPoolExecutor(args.jobs) as ex:
        for did in ex.map(ocr_doc, [d[0] for d in docs]):
            print("OCR done:", did, flush=True)
    if os.path.isdir(WORK) and not os.listdir(WORK):
        os.rmdir(WORK)

    bad = 0
    print(f"{'id':22s} {'clean':>6s} {'degr':>6s}")
    for doc in docs:
        did = doc[0]
        ref = open(os.path.join(HERE, f"{did}.ref.txt"), encoding="utf-8").read()
        sims = []
        for suf in ("ocr", "degraded.ocr"):
            hyp = open(os.path.join(HERE, f"{did}.{suf}.txt"), encoding="utf-8").read()
            if re.search("[åäöÅÄÖ]", hyp):
                print(f"WARNING: {did}.{suf}.txt contains å/ä/ö", file=sys.stderr)
                bad += 1
            sims.append(similarity(ref, hyp))
        print(f"{did:22s} {sims[0]:6.3f} {sims[1]:6.3f}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
