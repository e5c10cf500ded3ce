"""How well interleaved OCR rows are split back into a card's fact column and body column.

English-model OCR of a card whose fact list sits beside the body writes each visual row as one
line: "• Projektägare: X  Projektet har …". We simulate that: facts from the gold files of
our test brochures, body paragraphs from our own prose corpus, both wrapped greedily with
real font metrics (Helvetica, Times, DejaVu Sans/Serif, Liberation Sans; reportlab) at random
column widths, sizes and leadings, then merged by baseline as an OCR engine does. Reported:
the share of rows whose left part is recovered exactly, and of cards recovered entirely.

Usage: ``python bench/bench_columns.py [--cards 400] [--seed 7]``
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import registerFont, stringWidth
from reportlab.pdfbase.ttfonts import TTFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from brochure_extract.layout import TextLine  # noqa: E402
from brochure_extract.segment_columns import split_columns  # noqa: E402
from brochure_extract.segment_common import clean_lines, strip_bullet  # noqa: E402

FONTS = {"DV": "dejavu/DejaVuSans.ttf", "DVS": "dejavu/DejaVuSerif.ttf", "LS": "liberation2/LiberationSans-Regular.ttf"}
BULLETS = ["«", "¢", "*", "+", "•", "-", "«", "¢", "«"]  # what English-model OCR makes of a bullet


def fonts() -> list[str]:
    names = ["Helvetica", "Times-Roman"]
    for name, rel in FONTS.items():
        path = Path("/usr/share/fonts/truetype") / rel
        if path.exists():
            registerFont(TTFont(name, str(path)))
            names.append(name)
    return names


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    out, cur = [], ""
    for w in text.split():
        t = f"{cur} {w}".strip()
        if cur and stringWidth(t, font, size) > width:
            out.append(cur)
            cur = w
        else:
            cur = t
    return out + [cur] if cur else out


def simulate(n: int, seed: int) -> list[dict]:
    rnd = random.Random(seed)
    facts = []
    for gold in sorted((ROOT / "tests" / "data").glob("*/*.gold.json")):
        facts += [p["facts"] for p in json.loads(gold.read_text(encoding="utf-8")).get("projects", []) if p.get("facts")]
    paras = []
    for f in sorted((ROOT / "corpus" / "prose").glob("*.txt")):
        for p in f.read_text(encoding="utf-8").split("\n\n"):
            p = " ".join(p.split())
            if 25 <= len(p.split()) <= 90 and p[-1] in ".!?" and not p.startswith("#"):
                paras.append(p)
    names = fonts()
    cases = []
    for _ in range(n):
        fl, body, font = rnd.choice(facts), rnd.sample(paras, rnd.choice([1, 2, 2, 3])), rnd.choice(names)
        bw = rnd.uniform(250, 380)
        lw = rnd.uniform(0.32, 0.55) * bw
        fs, bs = rnd.choice([(9, 10), (9.5, 10), (10, 10), (8.5, 10)])
        f_lead, b_lead = fs * rnd.uniform(1.2, 1.35), bs * rnd.uniform(1.25, 1.4)
        bullet = rnd.choice(BULLETS) if rnd.random() < 0.8 else ""
        items, y, gap = [], 0.0, rnd.choice([0, 0, 2, 4, 6])
        for fact in fl:
            for i, r in enumerate(wrap(fact, font, fs, lw - (10 if bullet else 0))):
                items.append((y, 0, (f"{bullet} " if bullet and i == 0 else "") + r))
                y += f_lead
            y += gap
        y = rnd.choice([0, 0, 0, 1.5])
        for p in body:
            for r in wrap(p, font, bs, bw):
                items.append((y, 1, r))
                y += b_lead
            y += b_lead * rnd.choice([0.5, 1.0])
        rows: list[dict] = []
        for yy, col, t in sorted(items):  # rows whose baselines (nearly) meet become one line
            if rows and abs(rows[-1]["y"] - yy) < 0.45 * b_lead and col not in rows[-1]:
                rows[-1][col] = t
            else:
                rows.append({"y": yy, col: t})
        cases.append({"lines": [" ".join(x for x in (r.get(0), r.get(1)) if x) for r in rows],
                      "left": [strip_bullet(r.get(0, ""))[0].strip() for r in rows]})
    return cases


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cards", type=int, default=400)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    rows_ok = rows = cards_ok = 0
    for case in simulate(args.cards, args.seed):
        lines = clean_lines([TextLine(t) for t in case["lines"]])
        left, _ = split_columns(lines, None)
        got = [strip_bullet(ln.text)[0].strip() for ln in left]
        hits = [g == w for g, w in zip(got, case["left"])]
        rows_ok += sum(hits)
        rows += len(hits)
        cards_ok += all(hits)
    print(f"| simulated interleaved cards | {args.cards} | rows split exactly {rows_ok / rows:.3f} "
          f"| cards split exactly {cards_ok / args.cards:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
