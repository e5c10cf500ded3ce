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

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from .segment_common import Line, ends_sentence, starts_lower, strip_bullet

#: Words that follow a name as part of it: "Ekdala kommun", "Hjortvikens Vatten AB".
_BOUND_TO_NAME = frozenset({"kommun", "kommuns", "stad", "stads", "region", "regions", "län", "AB", "kommunförbund"})
_LABEL_START = re.compile(r"^[A-ZÅÄÖ][\wåäöÅÄÖ\- ]{1,30}:")

#: Advance widths of Helvetica (Adobe's core-font metrics, per mille of the em), the proportions
#: of most sans-serif brochure type. Characters not listed count as a lower-case letter.
_WIDTHS: dict[str, float] = {
    c: w / 1000
    for w, chars in (
        (191, "'"), (222, "ijl’‘"), (260, "|"), (278, " !,./:;I[\\]ft"), (333, "()-`r“”²"), (350, "•"),
        (355, '"'), (389, "*"), (500, "Jcksvxyz"), (584, "+<=>~"), (611, "FTZ"), (667, "ABEKPSVXYÅÄ&@"),
        (722, "CDHNRUwÜ"), (778, "GOQÖ"), (833, "Mm"), (889, "%"), (1000, "—"),
    )
    for c in chars
}
_DEFAULT_WIDTH = 0.556  # a, b, d, e, g, h, n, o, p, q, u, å, ä, ö, digits


def text_width(text: str) -> float:
    """Rendered width in em units, with Helvetica's proportions."""
    get = _WIDTHS.get
    return sum(get(c, _DEFAULT_WIDTH) for c in text)


@dataclass(frozen=True)
class Weights:
    """Costs of the split model, fitted on simulated interleavings (bench/bench_columns.py)."""
    slack: float = 0.0         # overflow allowed for free: the fonts are not Helvetica
    overflow: float = 8.0      # per unit of right-column overflow
    short: float = 2.0         # per unit of an unfilled right row that does not end a sentence
    short_end: float = 0.3     # most a paragraph's last row can cost for being short
    hyphen: float = 0.7        # bonus: the left part ends in a word hyphen
    capital: float = 0.84       # bonus: a capital follows a lower-case word at the split
    orphan: float = 1.5        # a left part that continues nothing
    fits_left: float = 1.0     # the next left word would have fitted on this row
    fits_right: float = 1.0    # the next right word would have fitted on this row
    broken_body: float = 1.5   # a body row ending mid-sentence with no body row after it
    flow: float = 1.0          # body rows must read on: a capital mid-sentence, lower case after a full stop
    bond: float = 1.0          # splitting a name from "kommun", "stad", "AB" … that follows it
    margin: float = 1.0        # share of a column's guessed width a word must fit in to count as "would have fitted"
    grade: float = 0.1         # width band (share of the column) over which "would have fitted" fades in
    offset: float = 0.5        # how surely a word fits that needs exactly the guessed width
    offset_right: float = 0.5  # the same in the body column
    prior: float = 4.9         # per fact-column width (in widest-row units): prefer narrow
    echo: float = 0.5          # bonus: a row joins its column's previous row in a word pair the document uses elsewhere


WEIGHTS = Weights()


@dataclass(frozen=True)
class _Cand:
    k: int
    left: str
    right: str
    unary: float
    left_w: float
    right_w: float
    first_left_w: float   # width of the left part's first word (0 if none)
    first_right_w: float
    opens_fact: bool      # the left part starts a fact of its own (bullet or "Label:")
    right_lower: bool
    right_ends: bool
    left_keys: tuple[str, str]   # the left part's first and last word, as pair keys ("" if none)
    right_keys: tuple[str, str]


class _Row:
    """One OCR line as words with running widths, so a split's widths cost nothing."""

    def __init__(self, words: list[str], bullet: bool) -> None:
        self.words = words
        self.bullet = bullet
        self.widths = [text_width(w) for w in words]
        self.keys = [pair_key(w) for w in words]
        self.cum = [0.0]
        for i, w in enumerate(self.widths):
            self.cum.append(self.cum[-1] + w + (_SPACE if i else 0.0))

    def span_width(self, a: int, b: int) -> float:
        """Width of words[a:b] joined by spaces."""
        if b <= a:
            return 0.0
        return self.cum[b] - self.cum[a] - (_SPACE if a else 0.0)


_SPACE = text_width(" ")
_KEY_STRIP = "\"'’‘”“()[],.;:!?«»"


def pair_key(word: str) -> str:
    """A word as it counts in a word pair: lower case, without the punctuation around it."""
    return word.strip(_KEY_STRIP).lower()


def word_pairs(texts: list[str]) -> Counter[tuple[str, str]]:
    """Counts of adjacent word pairs in running text, across line ends too, for pairs that carry
    content: one word of six letters or more. A fact box repeats the body's phrases ("socialt
    entreprenörskap"), so a split that joins rows into such a pair is likely right."""
    keys = [pair_key(w) for t in texts for w in strip_bullet(t)[0].split()]
    return Counter((a, b) for a, b in zip(keys, keys[1:]) if a and b and max(len(a), len(b)) >= 6)


def _candidates(row: _Row, w_left: float, w_right: float, wt: Weights,
                known: Mapping[tuple[str, str], int] | None = None) -> list[_Cand]:
    """Feasible splits of one row with their cost.

    Right-column rows are nearly full unless a paragraph ends there, so a short
    right part costs; a capital after a lower-case word or a hyphenated word end
    marks a likely column edge. A row without a bullet may belong to the body
    alone (k = 0): the fact column is usually shorter than the body beside it. A split
    between two words the document also writes side by side elsewhere ("permanent |
    efter projektslut") costs what joining rows into such a pair earns.
    """
    words, n = row.words, len(row.words)
    out = []
    for k in range(0 if not row.bullet else 1, n + 1):
        lw = row.span_width(0, k)
        if lw > w_left * 1.05:
            break
        left = " ".join(words[:k])
        right = " ".join(words[k:])
        rw = row.span_width(k, n)
        cost = 0.0
        ends = bool(right) and ends_sentence(right)
        if right:
            if rw > w_right * 1.2:
                continue
            if rw > w_right * (1 + wt.slack):  # overflow: soft, the width table is only approximate
                cost += wt.overflow * (rw - w_right * (1 + wt.slack)) / w_right
            short = max(0.0, (w_right - rw) / w_right)
            cost += min(wt.short * short, wt.short_end) if ends else wt.short * short
            last = words[k - 1] if k else ""
            if last.endswith("-") and len(last) > 2 and last[-2].isalpha():
                cost -= wt.hyphen
            if k and last[:1].isupper() and words[k].rstrip(",.") in _BOUND_TO_NAME:
                cost += wt.bond  # "Ekdala | kommun": a name and the word it always takes stay together
            elif k and last[:1].isupper() and words[k][:1].isupper() and k + 1 < n and words[k + 1] in _BOUND_TO_NAME:
                cost += wt.bond  # "Taberga | Vatten AB": inside a name that goes on to its "AB"
            if k and right[:1].isupper() and not last.endswith((".", ":", ",", ";")):
                cost -= wt.capital if (last[:1].islower() or last[:1].isdigit()) else wt.capital / 2
            if k and known and known.get((row.keys[k - 1], row.keys[k]), 0) > 1:
                cost += wt.echo  # (this row's own pair counts once: it must be written elsewhere too)
        out.append(_Cand(k, left, right, cost, lw, rw, row.widths[0] if k else 0.0,
                         row.widths[k] if k < n else 0.0,
                         row.bullet or bool(_LABEL_START.match(left)), starts_lower(right), ends,
                         (row.keys[0], row.keys[k - 1]) if k else ("", ""),
                         (row.keys[k], row.keys[-1]) if k < n else ("", "")))
    if not out:  # nothing fits the guessed widths: keep the line whole on the left
        out.append(_Cand(n, " ".join(words), "", 3.0, row.span_width(0, n), 0.0,
                         row.widths[0] if n else 0.0, 0.0, True, False, False,
                         (row.keys[0], row.keys[-1]) if n else ("", ""), ("", "")))
    return out


def _room(needed: float, width: float, wt: Weights, offset: float) -> float:
    """How surely ``needed`` fits in ``width``: 0 when it does not, 1 when it clearly does, graded
    in between because widths are only estimated."""
    if wt.grade <= 0:
        return 1.0 if needed <= width else 0.0
    return min(1.0, max(0.0, (width - needed) / (wt.grade * width) + offset))


def _pair_cost(a: _Cand, b: _Cand, w_left: float, w_right: float, wt: Weights,
               known: Mapping[tuple[str, str], int], seam: tuple[str, str]) -> float:
    cost = 0.0
    if known:  # ``seam`` (the two OCR lines' own last and first word) is no evidence for itself
        if a.left and b.left and known.get(pair := (a.left_keys[1], b.left_keys[0]), 0) > (pair == seam):
            cost -= wt.echo
        if a.right and b.right and known.get(pair := (a.right_keys[1], b.right_keys[0]), 0) > (pair == seam):
            cost -= wt.echo
    if b.left and not b.opens_fact:
        if not a.left:
            cost += wt.orphan  # a left part that continues nothing: the fact column had ended
        else:  # the next left word would have fitted on this row
            cost += wt.fits_left * _room(a.left_w + _SPACE + b.first_left_w, w_left * wt.margin, wt, wt.offset)
    if a.right and b.right and b.right_lower:
        cost += wt.fits_right * _room(a.right_w + _SPACE + b.first_right_w, w_right * wt.margin, wt, wt.offset_right)
    if a.right and b.right and (b.right_lower == a.right_ends):
        cost += wt.flow
    if a.right and not b.right and not a.right_ends:
        cost += wt.broken_body  # a body row broken off mid-sentence must go on in the next row
    return cost


def _solve(rows: list[_Row], w_left: float, w_right: float, wt: Weights,
           known: Mapping[tuple[str, str], int]) -> tuple[float, list[_Cand]]:
    cands = [_candidates(r, w_left, w_right, wt, known) for r in rows]
    best: list[list[tuple[float, int]]] = [[(c.unary, -1) for c in cands[0]]]
    for i in range(1, len(rows)):
        prev, prev_best = cands[i - 1], best[i - 1]
        seam = (rows[i - 1].keys[-1] if rows[i - 1].keys else "", rows[i].keys[0] if rows[i].keys else "")
        layer = []
        for c in cands[i]:
            cost, j = min((prev_best[j][0] + _pair_cost(p, c, w_left, w_right, wt, known, seam), j) for j, p in enumerate(prev))
            layer.append((cost + c.unary, j))
        best.append(layer)
    total, j = min((c, idx) for idx, (c, _) in enumerate(best[-1]))
    path = []
    for i in range(len(rows) - 1, -1, -1):
        path.append(cands[i][j])
        j = best[i][j][1]
    return total, path[::-1]


def _fit(rows: list[_Row], widest: float, free_right: bool, wt: Weights,
         known: Mapping[tuple[str, str], int] | None = None) -> tuple[float, float, list[_Cand]]:
    """The (cost, body width, split per row) of the widths that explain the rows best.

    A coarse grid over both column widths, then a finer one around the best pair;
    the body width is fixed when the caller measured it.
    """
    def score(wl: float, wr: float) -> tuple[float, float, float, list[_Cand]]:
        cost, path = _solve(rows, wl, wr, wt, known or {})
        # the fact column is narrow: a wide guess makes every split look feasible
        return cost + wt.prior * wl / widest, wl, wr, path

    right_grid = [widest * f for f in (0.5, 0.6, 0.7, 0.8, 0.9)] if free_right else [widest]
    best = min((score(wr * f, wr) for wr in right_grid for f in (0.3, 0.36, 0.42, 0.48, 0.54, 0.6)),
               key=lambda t: t[0])
    _, wl0, wr0, _ = best
    fine_right = [wr0 * (1 + d) for d in (-0.06, -0.03, 0.0, 0.03, 0.06)] if free_right else [wr0]
    for wr in fine_right:
        for d in (-0.04, -0.02, 0.0, 0.02, 0.04):
            cand = score(max(0.25 * wr, wl0 + d * wr), wr)
            if cand[0] < best[0] - 1e-9:
                best = cand
    return best[0], best[2], best[3]


def _words(text: str) -> tuple[list[str], bool]:
    body, bullet = strip_bullet(text)
    return body.split(), bullet


def split_columns(region: list[Line], w_right: float | None, wt: Weights | None = None,
                  known: Mapping[tuple[str, str], int] | None = None) -> tuple[list[Line], list[Line]]:
    """Split interleaved lines into (left column lines, right column lines).

    ``w_right`` is the body column's width in em; when unknown it is chosen with the
    fact column's width, as the pair of widths that explains the rows best. Right
    lines get ``gap_before`` only where a paragraph really ends (a short line ending
    a sentence): blank lines in the region belong to either column. ``known`` holds the
    counts of word pairs in the whole document (``word_pairs``).
    """
    if not region:
        return [], []
    wt = wt or WEIGHTS
    rows = [_Row(*_words(ln.text)) for ln in region]
    bullets = [r.bullet for r in rows]
    widest = max(r.span_width(0, len(r.words)) for r in rows) if w_right is None else w_right
    best = _fit(rows, widest, w_right is None, wt, known)
    _, w_right, path = best
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
