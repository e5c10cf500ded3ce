"""Undo OCR column interleaving: "left fact text  right body text" on one line.

An OCR engine reading a two-column card often emits each visual row as one line:
the narrow fact column on the left, the body column on the right. Character
positions are gone, so we pick, per line, the word where the right column starts.
Both columns were wrapped greedily at a fixed width, which gives the constraints a
dynamic programme scores: a left part never exceeds the left width; a line that is
continued on the next row was "full" (the next word would not have fitted); a
hyphen at a word end or a capital after a non-sentence end hints at a column edge.
Widths are estimated with a proportional-font table, not character counts.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .segment_common import Line, ends_sentence, starts_lower, strip_bullet

_NARROW = set("iljI.,;:!|'’`ı")
_SEMI = set("frt -()[]/\"”“")
_WIDE = set("mwMW%")
_OCR_JUNK = set("&@")  # stand-ins for å/ä/ö: as wide as the letter they replace


def text_width(text: str) -> float:
    """Approximate rendered width in em units (Helvetica-like proportions)."""
    total = 0.0
    for c in text:
        if c in _NARROW:
            total += 0.25
        elif c in _SEMI:
            total += 0.33
        elif c in _WIDE:
            total += 0.85
        elif c in _OCR_JUNK:
            total += 0.45
        elif c.isupper():
            total += 0.67
        elif c.isdigit():
            total += 0.56
        else:
            total += 0.53
    return total


@dataclass(frozen=True)
class _Cand:
    k: int
    left: str
    right: str
    unary: float


def _candidates(words: list[str], w_left: float, w_right: float) -> list[_Cand]:
    """Feasible splits of one row with their cost.

    Right-column rows are nearly full unless a paragraph ends there, so a short
    right part costs; a capital after a lower-case word or a hyphenated word end
    marks a likely column edge.
    """
    out = []
    for k in range(1, len(words) + 1):
        left = " ".join(words[:k])
        if text_width(left) > w_left * 1.05:
            break
        right = " ".join(words[k:])
        cost = 0.0
        if right:
            rw = text_width(right)
            if rw > w_right * 1.2:
                continue
            if rw > w_right:  # overflow: soft, the width table is only approximate
                cost += 4 * (rw - w_right) / w_right
            short = max(0.0, (w_right - rw) / w_right)
            if ends_sentence(right):  # may be a paragraph's last row: short is fine
                cost += 2 * min(short, 0.15) + 0.05 * (len(words) - k)
            else:
                cost += 2 * short
            last = words[k - 1]
            if last.endswith("-") and len(last) > 2 and last[-2].isalpha():
                cost -= 1.0
            if right[:1].isupper() and not last.endswith((".", ":", ",", ";")):
                cost -= 0.6 if (last[:1].islower() or last[:1].isdigit()) else 0.3
        out.append(_Cand(k, left, right, cost))
    if not out:  # nothing fits the guessed widths: keep the line whole on the left
        out.append(_Cand(len(words), " ".join(words), "", 3.0))
    return out


def _pair_cost(a: _Cand, b: _Cand, b_bullet: bool, w_left: float, w_right: float) -> float:
    cost = 0.0
    b_words = b.left.split()
    if not b_bullet and b_words and text_width(a.left + " " + b_words[0]) <= w_left * 0.92:
        cost += 1.0  # the next left word would have fitted on this row
    if a.right and b.right:
        nxt = b.right.split()[0]
        if starts_lower(b.right) and text_width(a.right + " " + nxt) <= w_right * 0.92:
            cost += 1.0
        if starts_lower(b.right) and ends_sentence(a.right) and text_width(a.right) < 0.7 * w_right:
            cost += 0.5
    return cost


def _solve(rows: list[list[str]], bullets: list[bool], w_left: float, w_right: float) -> tuple[float, list[_Cand]]:
    cands = [_candidates(words, w_left, w_right) for words in rows]
    best: list[list[tuple[float, int]]] = [[(c.unary, -1) for c in cands[0]]]
    for i in range(1, len(rows)):
        layer = []
        for c in cands[i]:
            options = [(best[i - 1][j][0] + _pair_cost(p, c, bullets[i], w_left, w_right), j)
                       for j, p in enumerate(cands[i - 1])]
            cost, j = min(options)
            layer.append((cost + c.unary, j))
        best.append(layer)
    total, j = min((c, idx) for idx, (c, _) in enumerate(best[-1]))
    path = []
    for i in range(len(rows) - 1, -1, -1):
        path.append(cands[i][j])
        j = best[i][j][1]
    return total, path[::-1]


def split_columns(region: list[Line], w_right: float) -> tuple[list[Line], list[Line]]:
    """Split interleaved lines into (left column lines, right column lines).

    Right lines get ``gap_before`` only where a paragraph really ends (a short line
    ending a sentence): blank lines in the region belong to either column.
    """
    if not region:
        return [], []
    rows, bullets = [], []
    for ln in region:
        body, bullet = strip_bullet(ln.text)
        rows.append(body.split())
        bullets.append(bullet)
    best: tuple[float, float, list[_Cand]] | None = None
    step = 0.02 * w_right
    w = 0.3 * w_right
    while w <= 0.62 * w_right:
        cost, path = _solve(rows, bullets, w, w_right)
        cost += 5 * w / w_right  # prior: the fact column is narrow; a wide guess explains any row
        # Prefer narrower widths on ties: a wide guess makes every split look feasible.
        if best is None or cost < best[0] - 1e-9:
            best = (cost, w, path)
        w += step
    assert best is not None
    path = best[2]
    left: list[Line] = []
    right: list[Line] = []
    prev_right: str | None = None
    for ln, cand, bullet in zip(region, path, bullets):
        text = ("• " if bullet else "") + cand.left
        left.append(replace(ln, text=text, bullet=bullet))
        if cand.right:
            brk = prev_right is None or (ends_sentence(prev_right) and text_width(prev_right) < 0.75 * w_right
                                         and not starts_lower(cand.right))
            right.append(replace(ln, text=cand.right, bullet=False, gap_before=brk))
            prev_right = cand.right
    return left, right
