"""Fit the shipped confusion model (``corpus/confusion.json``) from aligned OCR/truth word pairs.

Input: ``corpus/confusion_pairs.tsv`` (``ocr_word<TAB>true_word<TAB>count``), made from
the *dev* split of our development set by ``tools/train_confusion.py``. The fit starts
from the measured defaults in ``brochure_extract.confusion.DEFAULT_TABLE`` and adds
what the pairs show (see ``ConfusionModel.from_pairs``).

Usage: ``python tools/build_confusion.py [--pairs FILE] [--out FILE]``
"""
from __future__ import annotations

import argparse
from pathlib import Path

from brochure_extract.confusion import ConfusionModel

ROOT = Path(__file__).resolve().parents[1]


def read_pairs(path: Path) -> list[tuple[str, str, int]]:
    rows: list[tuple[str, str, int]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[2].isdigit():
            rows.append((parts[0], parts[1], int(parts[2])))
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=Path, default=ROOT / "corpus" / "confusion_pairs.tsv")
    ap.add_argument("--out", type=Path, default=ROOT / "corpus" / "confusion.json")
    args = ap.parse_args(argv)
    pairs = read_pairs(args.pairs)
    model = ConfusionModel.from_pairs(pairs, base=ConfusionModel())
    args.out.write_text(model.to_json() + "\n", encoding="utf-8")
    print(f"{args.out.name}: {sum(len(v) for v in model.table.values())} renderings of "
          f"{len(model.table)} letters from {len(pairs)} distinct pairs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
