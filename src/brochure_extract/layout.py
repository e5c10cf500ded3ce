"""Lines of text with whatever layout is known about them.

PDF reading fills in font size, weight and position; plain text leaves them unset.
Segmentation works on these lines either way, so the rules are written once.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TextLine:
    """One line in reading order.

    ``size`` is the dominant font size in points, ``bold`` whether most glyphs are
    bold; ``x0``/``top`` are the position on ``page`` (PDF points, origin top-left);
    ``column`` and ``block`` number the column and the text block the line belongs
    to, so segmentation can tell a fact box from the body beside it.
    """

    text: str
    size: float | None = None
    bold: bool = False
    x0: float | None = None
    top: float | None = None
    page: int = 0
    column: int = 0
    block: int = 0


def lines_from_text(text: str) -> list[TextLine]:
    """Plain text → lines with no layout; a blank line starts a new block."""
    out: list[TextLine] = []
    block = 0
    for raw in text.splitlines():
        if not raw.strip():
            block += 1
            out.append(TextLine("", block=block))
            continue
        out.append(TextLine(raw.rstrip(), block=block))
    return out
