#!/usr/bin/env python3
"""Build the repair development set: clean Swedish text + English-model OCR of it.

Why: the OCR repair must be measured on text it was not tuned on, damaged the
way the real damage is made (Swedish printed text read by Tesseract's *English*
model, which has no å/ä/ö).  So we render clean text to page images and OCR
them with ``tesseract IMG - -l eng``; the truth keeps the rendered line breaks.

Text sources
  * ``devset/source/*.txt``: brochure-genre prose written for this project
    (fictitious municipalities and partners; licence MIT, same as the project).
  * Debian ``gimp-help-sv`` (GFDL-1.2+, no invariant sections): the Swedish
    prose paragraphs of its HTML manual; menus, code, tables, navigation and
    untranslated (English) paragraphs are dropped.  Found via ``dpkg -L``.

Needs (Debian): tesseract-ocr, tesseract-ocr-eng, gimp-help-sv, fontconfig
(``fc-match``) and fonts-dejavu, fonts-liberation, fonts-freefont-ttf; optionally
fonts-urw-base35 (three more families; missing fonts are skipped, which changes the set).
Python: Pillow, rapidfuzz (for the damage statistics printed at the end /
``--stats-only``).  Tesseract runs with OMP_THREAD_LIMIT=1, one process at a time.

Output: ``devset/pairs/NNN.ocr.txt`` + ``NNN.ref.txt``, ``devset/manifest.json``
(source, font, dpi, degradation, licence, split per pair).  Everything is
derived from fixed seeds, so re-running regenerates the same set (given the
same Tesseract/font/package versions, which the manifest records).

Usage:  python tools/make_devset.py [--out devset] [--seed 20261125]
        python tools/make_devset.py --stats-only   # only recompute README stats
"""
from __future__ import annotations

import argparse
import html.parser
import io
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
GIMP_PKG = "gimp-help-sv"
GIMP_LICENCE = "GFDL-1.2+ (no invariant sections), GIMP Documentation Team, Debian package gimp-help-sv"
OWN_LICENCE = "MIT (written for brochure_extract)"

# (label, fontconfig pattern, expected family, kind)
FONTS: list[tuple[str, str, str, str]] = [
    ("dejavu-serif", "DejaVu Serif:style=Book", "DejaVu Serif", "serif"),
    ("dejavu-sans", "DejaVu Sans:style=Book", "DejaVu Sans", "sans"),
    ("liberation-serif", "Liberation Serif:style=Regular", "Liberation Serif", "serif"),
    ("liberation-sans", "Liberation Sans:style=Regular", "Liberation Sans", "sans"),
    ("freeserif", "FreeSerif:style=Regular", "FreeSerif", "serif"),
    ("freesans", "FreeSans:style=Regular", "FreeSans", "sans"),
    # optional (fonts-urw-base35): URW Gothic's geometric å/ä come out as 'd' like the seed's
    ("urw-gothic", "URW Gothic:style=Book", "URW Gothic", "sans"),
    ("c059", "C059:style=Roman", "C059", "serif"),
    ("urw-bookman", "URW Bookman:style=Light", "URW Bookman", "serif"),
]
DPIS = [150, 200, 300]

# Small function-word lists to tell Swedish paragraphs from untranslated English ones.
SV_WORDS = set("och att det som en är på för med av till den har inte om ett kan du "
               "eller när så vid de också från detta eller alla man här där hur".split())
EN_WORDS = set("the and of to is in that it for you with this are can be on by as "
               "or an which from will image layer".split())


# --------------------------------------------------------------------------
# text extraction
# --------------------------------------------------------------------------

class _ParaParser(html.parser.HTMLParser):
    """Collect the text of <p> elements that are plain prose (no code/menus)."""

    SKIP_BLOCK = {"pre", "table", "script", "style"}
    TAINT = {"code", "kbd", "tt", "samp"}
    TAINT_CLASS = {"guimenu", "guimenuitem", "guisubmenu", "menuchoice", "keycap",
                   "keycombo", "filename", "command", "literal", "userinput",
                   "computeroutput", "varname", "option", "parameter", "function"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paras: list[str] = []
        self._skip = 0
        self._in_p = 0
        self._buf: list[str] = []
        self._tainted = False
        self._nav = 0
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cls = set((dict(attrs).get("class") or "").split())
        if tag == "div":
            nav = bool(cls & {"navheader", "navfooter", "toc", "titlepage", "figure",
                              "informalfigure", "mediaobject", "informaltable",
                              "table", "screenshot", "literallayout"})
            self._stack.append("nav" if nav else "div")
            self._nav += nav
        if tag in self.SKIP_BLOCK:
            self._skip += 1
        if tag == "p" and not self._skip and not self._nav:
            self._in_p += 1
            if self._in_p == 1:
                self._buf, self._tainted = [], False
        if self._in_p and (tag in self.TAINT or cls & self.TAINT_CLASS):
            self._tainted = True
        if tag == "br" and self._in_p:
            self._buf.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._stack:
            if self._stack.pop() == "nav":
                self._nav -= 1
        if tag in self.SKIP_BLOCK and self._skip:
            self._skip -= 1
        if tag == "p" and self._in_p:
            self._in_p -= 1
            if self._in_p == 0 and not self._tainted:
                txt = " ".join("".join(self._buf).split())
                if txt:
                    self.paras.append(txt)

    def handle_data(self, data: str) -> None:
        if self._in_p:
            self._buf.append(data)


def _is_swedish_prose(p: str) -> bool:
    words = re.findall(r"\w+", p.lower())
    if len(words) < 20:
        return False
    sv = sum(w in SV_WORDS for w in words)
    en = sum(w in EN_WORDS for w in words)
    if sv < 4 or en * 4 > sv:
        return False
    # no URLs, option strings, file names or leftover markup
    return not re.search(r"https?:|www\.|\.html|[<>{}\\=_]|--|\.(png|jpg|xcf)\b", p)


def gimp_paragraphs() -> list[str]:
    """Swedish prose paragraphs of gimp-help-sv, in a stable order, deduplicated."""
    try:
        out = subprocess.run(["dpkg", "-L", GIMP_PKG], capture_output=True, text=True,
                             check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        sys.exit(f"package {GIMP_PKG} is not installed (apt-get install {GIMP_PKG})")
    files = sorted(f for f in out.splitlines() if f.endswith(".html")
                   and "/gfdl" not in f and os.path.isfile(f))
    seen: set[str] = set()
    paras: list[str] = []
    for f in files:
        p = _ParaParser()
        p.feed(Path(f).read_text(encoding="utf-8", errors="replace"))
        for t in p.paras:
            t = t.replace("”", '"').replace("“", '"')
            if t not in seen and _is_swedish_prose(t):
                seen.add(t)
                paras.append(t)
    return paras


def own_documents(src_dir: Path) -> list[tuple[str, list[str]]]:
    """(file name, paragraphs) for our own prose; the first line is a heading."""
    docs = []
    for f in sorted(src_dir.glob("*.txt")):
        paras = [" ".join(b.split()) for b in f.read_text(encoding="utf-8").split("\n\n")]
        docs.append((f.name, [p for p in paras if p]))
    return docs


@dataclass
class Chunk:
    """A unit of text rendered as one pair (one or more pages)."""
    source: str
    licence: str
    paras: list[str]
    heading: bool = False
    meta: dict = field(default_factory=dict)

    @property
    def words(self) -> int:
        return sum(len(p.split()) for p in self.paras)


def chunk_paragraphs(paras: list[str], target: int) -> list[list[str]]:
    out: list[list[str]] = []
    cur: list[str] = []
    n = 0
    for p in paras:
        cur.append(p)
        n += len(p.split())
        if n >= target:
            out.append(cur)
            cur, n = [], 0
    if cur and n >= target // 3:
        out.append(cur)
    return out


# --------------------------------------------------------------------------
# rendering
# --------------------------------------------------------------------------

def find_font(pattern: str, family: str) -> str | None:
    """Font file for a fontconfig pattern, or None if fontconfig substituted another family."""
    try:
        res = subprocess.run(["fc-match", "-f", "%{family}|%{file}", pattern],
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    fams, _, path = res.partition("|")
    if family.lower() not in [f.strip().lower() for f in fams.split(",")]:
        return None
    return path if os.path.isfile(path) else None


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines: list[str] = []
    cur = ""
    for w in text.split():
        cand = f"{cur} {w}" if cur else w
        if cur and font.getlength(cand) > width:
            lines.append(cur)
            cur = w
        else:
            cur = cand
    if cur:
        lines.append(cur)
    return lines


@dataclass
class Render:
    font_label: str
    font_file: str
    dpi: int
    pt: float
    blur: float
    noise: float
    rotate: float
    downscale: float = 1.0
    jpeg: int = 0


def render_pages(chunk: Chunk, r: Render, bold_file: str | None) -> tuple[list[Image.Image], str]:
    """Render paragraphs onto A4 pages; return images and the truth text (same line breaks)."""
    W, H = int(8.27 * r.dpi), int(11.69 * r.dpi)
    margin = int(0.9 * r.dpi)
    size = max(8, round(r.pt * r.dpi / 72))
    font = ImageFont.truetype(r.font_file, size)
    hfont = ImageFont.truetype(bold_file or r.font_file, round(size * 1.35))
    lh = int(size * 1.35)
    blocks: list[tuple[ImageFont.FreeTypeFont, list[str], int]] = []
    for i, p in enumerate(chunk.paras):
        f = hfont if (chunk.heading and i == 0) else font
        blocks.append((f, wrap(p, f, W - 2 * margin), int(f.size * 1.35)))
    pages: list[Image.Image] = []
    truth_pages: list[list[str]] = []
    img = draw = None
    y = H
    cur: list[str] = []
    for f, lines, blh in blocks:
        if img is not None and y + blh * 2 > H - margin:
            y = H  # start paragraph on next page if barely any room
        for ln in lines:
            if y + blh > H - margin:
                if img is not None:
                    pages.append(img)
                    truth_pages.append(cur)
                img = Image.new("L", (W, H), 255)
                draw = ImageDraw.Draw(img)
                y, cur = margin, []
            elif cur and cur[-1] != "" and ln is lines[0]:
                cur.append("")
            draw.text((margin, y), ln, font=f, fill=0)
            cur.append(ln)
            y += blh
        y += lh // 2
    if img is not None:
        pages.append(img)
        truth_pages.append(cur)
    out = []
    for im in pages:
        if r.rotate:
            im = im.rotate(r.rotate, resample=Image.BICUBIC, fillcolor=255, expand=False)
        if r.blur:
            im = im.filter(ImageFilter.GaussianBlur(r.blur))
        if r.noise:
            noise = Image.effect_noise(im.size, r.noise)
            im = ImageChops.add(im, noise, 1.0, -128)
        if r.downscale != 1.0:  # a low-resolution scan: fewer pixels per glyph
            im = im.resize((int(im.width * r.downscale), int(im.height * r.downscale)),
                           Image.LANCZOS)
        if r.jpeg:
            buf = io.BytesIO()
            im.save(buf, "JPEG", quality=r.jpeg)
            im = Image.open(io.BytesIO(buf.getvalue()))
        out.append(im)
    truth = "\n\n".join("\n".join(t).strip("\n") for t in truth_pages) + "\n"
    return out, truth


def ocr(img: Image.Image, tmp: Path) -> str:
    """English-model Tesseract on one page, single-threaded."""
    p = tmp / "page.png"
    img.save(p)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    res = subprocess.run(["tesseract", str(p), "-", "-l", "eng"], capture_output=True,
                         text=True, env=env, check=True)
    return res.stdout.replace("\f", "").strip("\n") + "\n"


def package_versions(pkgs: list[str]) -> dict[str, str]:
    """Debian versions of the packages whose content shapes the set (for the manifest)."""
    out = {}
    for pkg in pkgs:
        try:
            out[pkg] = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", pkg],
                                      capture_output=True, text=True).stdout or "absent"
        except OSError:
            out[pkg] = "unknown"
    return out


def tesseract_version() -> str:
    try:
        return subprocess.run(["tesseract", "--version"], capture_output=True,
                              text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        return "unknown"


# --------------------------------------------------------------------------
# plan + build
# --------------------------------------------------------------------------

def plan(seed: int, gimp_words: int, own_copies: int) -> list[Chunk]:
    """Own prose (each chunk rendered own_copies times) + a seeded gimp sample."""
    rng = random.Random(seed)
    chunks: list[Chunk] = []
    for name, paras in own_documents(ROOT / "devset" / "source"):
        head, body = paras[0], paras[1:]
        parts = chunk_paragraphs(body, 230)
        for k, part in enumerate(parts):
            src = f"devset/source/{name}#{k}"
            with_head = [head] + part if k == 0 else part
            for c in range(own_copies):
                chunks.append(Chunk(src, OWN_LICENCE, with_head, heading=(k == 0),
                                    meta={"copy": c}))
    gparas = gimp_paragraphs()
    gchunks = chunk_paragraphs(gparas, 260)
    rng.shuffle(gchunks)
    total = 0
    for k, part in enumerate(gchunks):
        if total >= gimp_words:
            break
        c = Chunk(f"{GIMP_PKG}#{k}", GIMP_LICENCE, part)
        total += c.words
        chunks.append(c)
    return chunks


def split_of(source: str, seed: int) -> str:
    """All renderings of one text chunk go to the same split (no leakage dev->test)."""
    return "test" if random.Random(f"{seed}:{source}").random() < 0.4 else "dev"


def build(out: Path, seed: int, gimp_words: int, own_copies: int) -> None:
    fonts = []
    for label, pat, fam, kind in FONTS:
        f = find_font(pat, fam)
        if f:
            b = find_font(pat.split(":")[0] + ":bold", fam)
            fonts.append((label, f, b, kind))
    if len({k for *_, k in fonts}) < 2 or len(fonts) < 3:
        sys.exit("need >= 3 font families incl. serif and sans (fonts-dejavu, "
                 "fonts-liberation, fonts-freefont-ttf)")
    chunks = plan(seed, gimp_words, own_copies)
    pairs_dir = out / "pairs"
    pairs_dir.mkdir(parents=True, exist_ok=True)
    for old in pairs_dir.glob("*.txt"):
        old.unlink()
    manifest = {"seed": seed, "tesseract": tesseract_version(),
                "packages": package_versions([GIMP_PKG, "tesseract-ocr-eng", "fonts-dejavu-core",
                                              "fonts-liberation2", "fonts-freefont-ttf",
                                              "fonts-urw-base35"]),
                "command": "tesseract IMG - -l eng (OMP_THREAD_LIMIT=1)",
                "split_rule": "per source chunk, seeded; all renderings of a chunk share a split",
                "pairs": []}
    with tempfile.TemporaryDirectory() as td:
        tmp = Path(td)
        for pid, ch in enumerate(chunks, start=1):
            rng = random.Random(f"{seed}:{pid}")
            # URW Gothic (if present) weighted up: its damage (å/ä -> d, é) is closest to real scans
            weights = [3 if f[0] == "urw-gothic" else 1 for f in fonts]
            label, ffile, bfile, kind = rng.choices(fonts, weights)[0]
            dpi = DPIS[rng.randrange(len(DPIS))]
            degr = rng.random()
            blur = round(rng.uniform(0.4, 0.9) * dpi / 200, 2) if degr < 0.3 else 0.0
            noise = round(rng.uniform(8, 25), 1) if 0.2 < degr < 0.5 else 0.0
            rotate = round(rng.uniform(-0.4, 0.4), 2) if rng.random() < 0.25 else 0.0
            down = round(rng.uniform(0.55, 0.8), 2) if rng.random() < 0.3 and dpi >= 200 else 1.0
            jpeg = rng.choice([30, 50, 70]) if rng.random() < 0.2 else 0
            r = Render(label, ffile, dpi, rng.choice([8, 9, 10, 10.5, 11, 12]), blur, noise,
                       rotate, down, jpeg)
            pages, truth = render_pages(ch, r, bfile)
            text = "\n".join(ocr(p, tmp) for p in pages)
            name = f"{pid:03d}"
            (pairs_dir / f"{name}.ref.txt").write_text(truth, encoding="utf-8")
            (pairs_dir / f"{name}.ocr.txt").write_text(text, encoding="utf-8")
            manifest["pairs"].append({
                "id": name, "split": split_of(ch.source, seed), "source": ch.source,
                "licence": ch.licence, "font": label, "font_kind": kind,
                "font_file": os.path.basename(ffile), "dpi": dpi, "pt": r.pt,
                "blur": blur, "noise_sigma": noise, "rotate_deg": rotate,
                "downscale": down, "effective_dpi": round(dpi * down), "jpeg_quality": jpeg,
                "pages": len(pages), "words": len(truth.split()),
            })
            print(f"{name} {ch.source:40s} {label:17s} {dpi}dpi blur={blur} "
                  f"noise={noise} rot={rotate} down={down} jpeg={jpeg} words={len(truth.split())}", flush=True)
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                       encoding="utf-8")


# --------------------------------------------------------------------------
# damage statistics (for devset/README.md)
# --------------------------------------------------------------------------

def load_eval():
    """bench/eval_repair.py as a module (the official alignment)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("eval_repair", ROOT / "bench" / "eval_repair.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader
    spec.loader.exec_module(mod)
    return mod


def aligned_words(out: Path, split: str | None, ids: set[str] | None = None):
    """Yield (ocr_word, true_word) 1:1 pairs of the chosen split (and pair ids)."""
    ev = load_eval()
    man = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for p in man["pairs"]:
        if (split and p["split"] != split) or (ids is not None and p["id"] not in ids):
            continue
        o = (out / "pairs" / f"{p['id']}.ocr.txt").read_text(encoding="utf-8")
        g = (out / "pairs" / f"{p['id']}.ref.txt").read_text(encoding="utf-8")
        ot, gt = ev.tokenize(o), ev.tokenize(g)
        pairs, _, _ = ev.align_pairs(ot, gt)
        for i, j in pairs:
            yield ot[i], gt[j]


def char_renderings(pairs) -> dict[str, Counter]:
    """How each å/ä/ö (case-folded) of the truth came out in the OCR word."""
    from rapidfuzz.distance import Levenshtein
    res: dict[str, Counter] = {c: Counter() for c in "åäö"}
    for o, g in pairs:
        if not any(c in g.lower() for c in "åäö"):
            continue
        for op in Levenshtein.opcodes(g, o):
            seg_g = g[op.src_start:op.src_end]
            seg_o = o[op.dest_start:op.dest_end]
            for k, c in enumerate(seg_g):
                lc = c.lower()
                if lc not in res:
                    continue
                if op.tag == "equal":
                    res[lc][c] += 1
                elif op.tag == "replace" and len(seg_g) == len(seg_o):
                    res[lc][seg_o[k]] += 1
                elif op.tag == "replace":
                    res[lc][seg_o] += 1
                else:
                    res[lc]["(deleted)"] += 1
    return res


def stats(out: Path) -> str:
    """Markdown section describing the damage in the dev split."""
    pairs = list(aligned_words(out, "dev"))
    man = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    n_words = {s: sum(p["words"] for p in man["pairs"] if p["split"] == s) for s in ("dev", "test")}
    diac = [(o, g) for o, g in pairs if any(c in g.lower() for c in "åäö")]
    plain = [(o, g) for o, g in pairs if not any(c in g.lower() for c in "åäö")]
    ok_d = sum(o == g for o, g in diac)
    ok_p = sum(o == g for o, g in plain)
    lines = [
        f"Pairs: {len(man['pairs'])} ({sum(p['split']=='dev' for p in man['pairs'])} dev, "
        f"{sum(p['split']=='test' for p in man['pairs'])} test); reference words: "
        f"dev {n_words['dev']}, test {n_words['test']}.",
        "",
        f"Dev split, 1:1 aligned words (bench/eval_repair.py alignment): {len(pairs)}.",
        f"* words with å/ä/ö in the truth: {len(diac)}, read exactly right: {ok_d} "
        f"({100*ok_d/max(1,len(diac)):.1f} %)",
        f"* words without å/ä/ö: {len(plain)}, read exactly right: {ok_p} "
        f"({100*ok_p/max(1,len(plain)):.1f} %)",
        "",
        "How each letter was rendered (top renderings, share of that letter):",
        "",
        "| letter | n | survived | top renderings |",
        "|---|---|---|---|",
    ]
    for c, cnt in char_renderings(pairs).items():
        n = sum(cnt.values())
        surv = cnt[c] + cnt[c.upper()]
        top = ", ".join(f"`{k}` {100*v/n:.1f}%" for k, v in cnt.most_common(9))
        lines.append(f"| {c} | {n} | {100*surv/max(1,n):.1f} % | {top} |")
    lines += ["", "Per font (dev split; share of å/ä/ö letters rendered as the plain letter a/a/o, "
              "as another glyph, or dropped):", "",
              "| font | pairs | å/ä/ö letters | plain a/o | other glyph | dropped |",
              "|---|---|---|---|---|---|"]
    for font in sorted({p["font"] for p in man["pairs"]}):
        ids = [p["id"] for p in man["pairs"] if p["split"] == "dev" and p["font"] == font]
        if not ids:
            continue
        cr = char_renderings(aligned_words(out, "dev", set(ids)))
        n = sum(sum(v.values()) for v in cr.values())
        plain = sum(v["a"] + v["A"] for c, v in cr.items() if c in "åä") + cr["ö"]["o"] + cr["ö"]["O"]
        dropped = sum(v["(deleted)"] for v in cr.values())
        lines.append(f"| {font} | {len(ids)} | {n} | {100*plain/max(1,n):.1f} % | "
                     f"{100*(n-plain-dropped)/max(1,n):.1f} % | {100*dropped/max(1,n):.1f} % |")
    wc = Counter((o, g) for o, g in diac if o != g)
    lines += ["", "Most frequent damaged å/ä/ö words (ocr → truth, count):", ""]
    lines.append(", ".join(f"`{o}`→{g} {k}" for (o, g), k in wc.most_common(30)))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "devset")
    ap.add_argument("--seed", type=int, default=20261125)
    ap.add_argument("--gimp-words", type=int, default=14000,
                    help="words of gimp-help-sv prose to include")
    ap.add_argument("--own-copies", type=int, default=2,
                    help="renderings (font/dpi) of each own-prose chunk")
    ap.add_argument("--stats-only", action="store_true",
                    help="only print the damage statistics of an existing set")
    a = ap.parse_args(argv)
    if not a.stats_only:
        build(a.out, a.seed, a.gimp_words, a.own_copies)
    print(stats(a.out))


if __name__ == "__main__":
    main()
