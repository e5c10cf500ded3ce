#!/usr/bin/env python3
"""Emit ``corpus/confusion_pairs.tsv`` (ocr_word, true_word, count) from the dev split.

Why: the confusion model should learn how the English OCR model renders å/ä/ö
from real OCR output, not from guessed rules.  Each OCR word is paired with its
truth word by the *same* alignment the official evaluator uses
(``bench/eval_repair.py``: ``tokenize`` + ``align_pairs``, 1:1 pairs only), so
what is learnt and what is scored agree.  Only the ``dev`` split of
``devset/manifest.json`` is read; the ``test`` split stays held out.

Kept: every aligned pair whose truth contains å/ä/ö (also the ones read
"correctly" or plain, e.g. ``ar``->``är``), and every pair where ocr != truth.
Rows are sorted by count (desc), then ocr, then truth, so the file is stable.

Usage:  python tools/train_confusion.py [--devset devset] [--out corpus/confusion_pairs.tsv]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
DIACRITICS = set("åäöÅÄÖ")


def load_eval() -> ModuleType:
    """bench/eval_repair.py as a module, so the alignment is the evaluator's own."""
    spec = importlib.util.spec_from_file_location("eval_repair", ROOT / "bench" / "eval_repair.py")
    if spec is None or spec.loader is None:
        sys.exit("bench/eval_repair.py not found")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def count_pairs(devset: Path, split: str = "dev") -> Counter[tuple[str, str]]:
    """(ocr_word, true_word) -> count over the pairs of one split."""
    ev = load_eval()
    man = json.loads((devset / "manifest.json").read_text(encoding="utf-8"))
    counts: Counter[tuple[str, str]] = Counter()
    for p in man["pairs"]:
        if p["split"] != split:
            continue
        ocr = (devset / "pairs" / f"{p['id']}.ocr.txt").read_text(encoding="utf-8")
        ref = (devset / "pairs" / f"{p['id']}.ref.txt").read_text(encoding="utf-8")
        ot, rt = ev.tokenize(ocr), ev.tokenize(ref)
        pairs, _, _ = ev.align_pairs(ot, rt)
        for i, j in pairs:
            o, g = ot[i], rt[j]
            if o != g or DIACRITICS & set(g):
                counts[(o, g)] += 1
    return counts


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--devset", type=Path, default=ROOT / "devset")
    ap.add_argument("--split", default="dev", help="never 'test' for training")
    ap.add_argument("--out", type=Path, default=ROOT / "corpus" / "confusion_pairs.tsv")
    a = ap.parse_args(argv)
    counts = count_pairs(a.devset, a.split)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1]))
    with a.out.open("w", encoding="utf-8", newline="\n") as f:
        f.write("ocr_word\ttrue_word\tcount\n")
        for (o, g), n in rows:
            f.write(f"{o}\t{g}\t{n}\n")
    print(f"{a.out}: {len(rows)} distinct pairs, {sum(counts.values())} tokens "
          f"(split {a.split})")


if __name__ == "__main__":
    main()
