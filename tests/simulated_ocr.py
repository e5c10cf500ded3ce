"""A deterministic stand-in for an English-only OCR model's damage, for tests and the bench.

Real damage comes from rendering and OCR'ing (``devset/``, the scanned test brochures);
this folds a clean text the way such a model mostly does, so any clean text can be
turned into a repair-and-extract test case.
"""
from __future__ import annotations


def english_model_ocr(text: str) -> str:
    """å/ä -> a, ö -> o or é (alternating by position), capitals likewise."""
    out = []
    for i, ch in enumerate(text):
        if ch in "åä":
            out.append("a")
        elif ch in "ÅÄ":
            out.append("A")
        elif ch == "ö":
            out.append("é" if i % 2 else "o")
        elif ch == "Ö":
            out.append("O")
        else:
            out.append(ch)
    return "".join(out)
