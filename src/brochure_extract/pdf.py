"""Reading PDFs into lines with layout: font size, weight, position, column and block.

Brochures are laid out in columns, fact boxes and headings; the text string alone
loses which line is a heading and interleaves columns.  So we keep pdfplumber's
words with their font and position, find the column gutters (x-gaps shared by many
lines), and read column by column, top to bottom, in bands separated by full-width
lines or wide vertical gaps.  Works the same for born-digital PDFs and for scans
with an invisible OCR text layer (tesseract/ocrmypdf), whose font sizes are only
estimates.  Every failure is an ``InputError`` naming the file and the problem.
"""
from __future__ import annotations

import os
import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from .errors import InputError
from .layout import TextLine

#: Font names that mark bold type (pdfplumber reports the PostScript name).
_BOLD_RE = re.compile(r"bold|black|heavy|semibold|demibold|extrabold|ultrabold", re.IGNORECASE)
#: Subset prefix of embedded fonts: ``ABCDEF+Helvetica``.
_SUBSET_RE = re.compile(r"^[A-Z]{6}\+")
#: Glyph-less font of tesseract's and ocrmypdf's invisible text layers.
_OCR_FONT = "GlyphLessFont"
#: Characters that start a bullet item; a bullet may be followed by a wide tab.
BULLETS = frozenset("•◦▪▫■□●○‣⁃–-*·✓✔☑➢►▶◆❖→›")

#: How far from the end the ``%%EOF`` marker may sit (writers append a little junk).
_EOF_WINDOW = 4096
_OCR_HINT = "run OCR first, e.g. `ocrmypdf in.pdf out.pdf`"


@dataclass(frozen=True)
class Word:
    """One word as pdfplumber groups it, with its font."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    fontname: str

    @property
    def bold(self) -> bool:
        return bool(_BOLD_RE.search(self.fontname))

    @property
    def font_family(self) -> str:
        return _SUBSET_RE.sub("", self.fontname)


@dataclass
class _Run:
    """Words on one baseline with no wide gap between them (part of one column)."""

    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)


class PdfPage:
    """One page: its size, words, column boundaries and lines in reading order.

    Words are read while the file is open; columns and lines are computed on first
    use (``cached_property``), like pdfplumber's own page attributes.  ``number``
    is 1-based.  Font sizes on OCR text layers (``is_ocr``) are estimates.
    """

    def __init__(self, number: int, width: float, height: float, words: Sequence[Word], image_count: int) -> None:
        self.number = number
        self.width = width
        self.height = height
        self.words = list(words)
        self.image_count = image_count

    def __repr__(self) -> str:
        return f"<PdfPage {self.number} {self.width:.0f}x{self.height:.0f} words={len(self.words)}>"

    @property
    def has_text(self) -> bool:
        return bool(self.words)

    @cached_property
    def is_ocr(self) -> bool:
        """True for an invisible OCR text layer (tesseract/ocrmypdf's glyph-less font)."""
        return bool(self.words) and sum(_OCR_FONT in w.fontname for w in self.words) * 2 > len(self.words)

    @cached_property
    def _runs(self) -> list[_Run]:
        return _group_runs(self.words)

    @cached_property
    def column_bounds(self) -> list[float]:
        """x of each column gutter (empty for a one-column page)."""
        return _find_gutters(self._runs, self.width) or _panel_gutter(self._runs, self.width)

    @property
    def columns(self) -> list[tuple[float, float]]:
        """Column extents ``(x0, x1)`` from the left page edge to the right one."""
        edges = [0.0, *self.column_bounds, self.width]
        return list(zip(edges, edges[1:]))

    @cached_property
    def lines(self) -> list[TextLine]:
        """Text lines in reading order; ``block`` numbers are local to the page."""
        return _read_order(self._runs, self.column_bounds, self.number, self.is_ocr)

    @property
    def text(self) -> str:
        return _join_lines(self.lines)


class PdfDocument:
    """A read PDF: ``pages`` plus the whole document as ``lines`` and ``text``.

    ``lines`` follows :func:`brochure_extract.layout.lines_from_text`: an empty line
    separates blocks (and pages) and carries the new block number, which is unique
    across the document, so segmentation sees the same stream either way.
    """

    def __init__(self, path: str, pages: list[PdfPage]) -> None:
        self.path = path
        self.pages = pages

    def __repr__(self) -> str:
        return f"<PdfDocument {self.path!r} pages={self.page_count}>"

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def is_ocr(self) -> bool:
        """True when most text comes from an OCR layer, so it needs OCR repair."""
        ocr = sum(len(p.words) for p in self.pages if p.is_ocr)
        return ocr * 2 > sum(len(p.words) for p in self.pages)

    @cached_property
    def lines(self) -> list[TextLine]:
        out: list[TextLine] = []
        block = -1
        for page in self.pages:
            prev = None
            for line in page.lines:
                if line.block != prev:
                    block += 1
                    if out:
                        out.append(TextLine("", page=line.page, block=block))
                    prev = line.block
                out.append(_replace_block(line, block))
        return out

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def read_pdf(path: str | os.PathLike[str]) -> PdfDocument:
    """Read ``path`` into a :class:`PdfDocument`; raise ``InputError`` for any unusable file."""
    name = str(path)
    _check_file(Path(path), name)
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - declared dependency
        raise InputError(name, "reading PDFs needs pdfplumber: pip install pdfplumber") from None
    pages: list[PdfPage] = []
    try:
        with pdfplumber.open(name) as pdf:
            for page in pdf.pages:
                pages.append(_read_page(page))
    except InputError:
        raise
    except Exception as err:  # pdfminer raises many types; none may escape as a traceback
        raise InputError(name, _explain(err)) from None
    if not pages:
        raise InputError(name, "PDF has no pages")
    if not any(p.has_text for p in pages):
        if any(p.image_count for p in pages):
            raise InputError(name, f"image-only PDF, has no text layer: {_OCR_HINT}")
        raise InputError(name, "PDF has no text (blank pages, or text drawn as outlines): " + _OCR_HINT)
    return PdfDocument(name, pages)


# --------------------------------------------------------------------------- errors


def _check_file(p: Path, name: str) -> None:
    """Cheap checks before pdfminer: missing, empty, not a PDF, cut off."""
    if not p.exists():
        raise InputError(name, "no such file")
    if p.is_dir():
        raise InputError(name, "is a directory, not a PDF file")
    try:
        size = p.stat().st_size
        with p.open("rb") as fh:
            head = fh.read(1024)
            fh.seek(max(0, size - _EOF_WINDOW))
            tail = fh.read()
    except OSError as err:
        raise InputError(name, f"cannot read file: {err.strerror or err}") from None
    if size == 0:
        raise InputError(name, "empty file (0 bytes), not a PDF")
    if b"%PDF-" not in head:
        raise InputError(name, f"not a PDF (no %PDF- header; starts with {head[:16]!r})")
    if b"%%EOF" not in tail:
        raise InputError(name, "truncated PDF: no %%EOF end marker, the file was cut off; copy or download it again")


def _explain(err: BaseException) -> str:
    """A one-line problem for a pdfminer/pdfplumber exception (they wrap each other)."""
    seen: list[BaseException] = []
    todo: list[BaseException] = [err]
    while todo:
        e = todo.pop()
        if e in seen:
            continue
        seen.append(e)
        todo += [a for a in e.args if isinstance(a, BaseException)]
        todo += [c for c in (e.__cause__, e.__context__) if c is not None]
    names = {type(e).__name__ for e in seen}
    if "PDFPasswordIncorrect" in names:
        return ("encrypted PDF: it needs a password to open; decrypt it first, "
                "e.g. `qpdf --decrypt --password=PASSWORD in.pdf out.pdf`")
    if "PDFEncryptionError" in names or "PDFEncryptionWarning" in names:
        return "encrypted PDF with an unsupported encryption method; decrypt it first, e.g. with `qpdf --decrypt`"
    if names & {"PSEOF", "EOFError"}:
        return "truncated or corrupt PDF: unexpected end of data; copy or download it again"
    inner = seen[-1]
    detail = str(inner).strip().splitlines()[0][:120] if str(inner).strip() else type(inner).__name__
    return f"corrupt PDF, cannot be parsed ({type(inner).__name__}: {detail})"


# --------------------------------------------------------------------------- words


def _read_page(page: Any) -> PdfPage:
    """Words (with font name and size) and image count of one pdfplumber page."""
    clean = page.dedupe_chars() if _has_doubled_glyphs(page.chars) else page  # fake bold prints glyphs twice
    raw = clean.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, x_tolerance=2.0)
    words = [
        Word(_glyph_text(w["text"], str(w["fontname"])), float(w["x0"]), float(w["x1"]), float(w["top"]),
             float(w["bottom"]), float(w["size"]), str(w["fontname"]))
        for w in raw
        if w.get("upright", True) and w["text"].strip()
    ]
    return PdfPage(page.page_number, float(page.width), float(page.height), _join_touching(words), len(page.images))


def _join_touching(words: list[Word]) -> list[Word]:
    """One word where pdfplumber made two because the size changed inside it: small capitals set as a
    larger first letter ("V" + "ARFÖR"), a question mark in the heading's larger size. The parts touch
    on one baseline; the word takes the size and font of its longer part."""
    out: list[Word] = []
    for w in words:
        k = next((k for k in range(len(out) - 1, max(-1, len(out) - 12), -1)
                  if out[k].size != w.size and abs(w.bottom - out[k].bottom) < 0.25 * max(w.size, out[k].size)
                  and (abs(w.x0 - out[k].x1) < 0.3 or abs(out[k].x0 - w.x1) < 0.3)), None)
        if k is not None:
            a, b = (out[k], w) if out[k].x0 < w.x0 else (w, out[k])  # (the larger glyphs may come first)
            main = a if len(a.text) > len(b.text) else b
            out[k] = Word(a.text + b.text, a.x0, b.x1, min(a.top, b.top), max(a.bottom, b.bottom), main.size, main.fontname)
            continue
        out.append(w)
    return out


def _has_doubled_glyphs(chars: list[dict[str, Any]]) -> bool:
    """Does the page print some glyphs twice at (almost) the same spot? ``dedupe_chars`` is costly,
    so it runs only on the pages that need it."""
    seen: set[tuple[str, int, int]] = set()
    for c in chars:
        key = (c.get("text", ""), round(float(c["x0"])), round(float(c["top"])))
        if key in seen:
            return True
        seen.add(key)
    return False


def _glyph_text(text: str, fontname: str) -> str:
    """A one-glyph word in a symbol font is a bullet: ZapfDingbats' ■ comes out as 'n', ● as 'l'."""
    if len(text) <= 2 and _SYMBOL_FONT_RE.search(fontname):
        return "•"
    return _fix_text(text)


_SYMBOL_FONT_RE = re.compile(r"Dingbat|Wingding|Webding|Symbol", re.I)


def _fix_text(text: str) -> str:
    """Undo pdfminer's one common gap: WinAnsi code 0x7F is a bullet (PDF 1.7, annex D)."""
    return text.replace("(cid:127)", "•")


def _is_bullet(run: _Run) -> bool:
    return len(run.words) == 1 and run.words[0].text in BULLETS


def _group_runs(words: Iterable[Word]) -> list[_Run]:
    """Join words left to right into runs on one baseline, breaking at wide gaps.

    A gap wider than ~1.2 em ends a run (word spaces are ~0.3 em, gutters wider);
    after a lone bullet a tab of up to 3 em is allowed so the bullet stays with its item.
    """
    runs: list[_Run] = []
    open_runs: list[_Run] = []
    for w in sorted(words, key=lambda w: (w.x0, w.top)):
        best: _Run | None = None
        best_gap = 0.0
        for run in open_runs:
            last = run.words[-1]
            height = max(last.bottom - last.top, w.bottom - w.top, 1.0)
            if abs((last.top + last.bottom) - (w.top + w.bottom)) / 2 > 0.35 * height:
                continue
            gap = w.x0 - last.x1
            em = min(last.size, w.size) or height
            limit = 3.0 * em if _is_bullet(run) else max(1.2 * em, 4.0)
            if -0.5 * em <= gap <= limit and (best is None or gap < best_gap):
                best, best_gap = run, gap
        if best is None:
            best = _Run([w])
            runs.append(best)
            open_runs.append(best)
        else:
            best.words.append(w)
        # runs that ended well left of this word cannot grow any more
        open_runs = [r for r in open_runs if r.words[-1].x1 > w.x0 - 4.0 * max(w.size, 1.0)]
    return runs


# --------------------------------------------------------------------------- columns


def _find_gutters(runs: Sequence[_Run], width: float, min_support: int = 3) -> list[float]:
    """x positions of column gutters: gaps between side-by-side runs shared by many lines.

    Each run and the nearest run to its right that overlaps it vertically give a gap
    interval; an x covered by at least ``min_support`` such gaps, with at least 15 %
    of the page width of text on either side, is a gutter.  Bullets and label/value
    tables are too narrow to pass.
    """
    gaps: list[tuple[float, float, _Run, _Run]] = []
    for a in runs:
        right = [b for b in runs if b.x0 >= a.x1 and b.top < a.bottom and b.bottom > a.top]
        if right:
            b = min(right, key=lambda r: r.x0)
            em = max(min(a.words[-1].size, b.words[0].size), 1.0)
            if b.x0 - a.x1 >= 1.2 * em:
                gaps.append((a.x1, b.x0, a, b))
    if len(gaps) < min_support:
        return []
    n = int(width) + 2
    cover = [0] * n
    for g0, g1, _a, _b in gaps:
        for x in range(max(0, int(g0) + 1), min(n, int(g1) + 1)):
            cover[x] += 1
    # Every peak of the gap cover is a candidate, best supported first. One covered stretch may
    # hold two gutters (a run's nearest neighbour may sit two columns away), and beside a gutter
    # lies the gap of a label/value table in the next column ("Ägare   Tekniska förvaltningen"):
    # a candidate needs a column's width of text on both sides and room from the gutters taken.
    peaks: list[tuple[int, float]] = []
    x = 0
    while x < n:
        if cover[x] < min_support:
            x += 1
            continue
        start = x
        while x < n and cover[x] >= min_support:
            x += 1
        peaks.extend(_peaks(cover, start, x))
    bounds: list[float] = []
    for _c, _w, bound in sorted(peaks, key=lambda p: (-p[0], -p[1], p[2])):  # widest of equal ones first
        if any(abs(bound - b) < 0.15 * width for b in bounds):
            continue
        support = [(a, b) for g0, g1, a, b in gaps if g0 < bound < g1]
        left_extent = bound - min(a.x0 for a, _ in support)
        right_extent = max(b.x1 for _, b in support) - bound
        if left_extent < 0.15 * width or right_extent < 0.15 * width:
            continue
        edges = sorted([0.0, width, *bounds])
        lo = max(e for e in edges if e < bound)
        hi = min(e for e in edges if e > bound)
        if bounds and not (_holds_column(runs, lo, bound, width) and _holds_column(runs, bound, hi, width)):
            continue  # a table's cells between two gutters are no column of text
        bounds.append(bound)
    return sorted(bounds)


def _panel_gutter(runs: Sequence[_Run], width: float) -> list[float]:
    """The gutter beside a side panel whose lines all start at one x, where too few lines of the
    text beside it share a baseline with a panel line for the gap count of ``_find_gutters``
    (a photo fills the rest of that column). No line may cross it within the panel's height, and
    the text on each side must be a column's width (a table's short labels are not)."""
    starts: dict[int, list[_Run]] = {}
    for r in runs:
        starts.setdefault(round(r.x0 / 2), []).append(r)
    for _key, aligned in sorted(starts.items(), key=lambda kv: -len(kv[1])):
        x = min(r.x0 for r in aligned)
        if len(aligned) < 6 or not 0.25 * width < x < 0.85 * width:
            continue
        in_panel = [x - 1 <= r.x0 <= x + 15 for r in runs]  # (its bullets indented a little)
        panel = [r for r, inside in zip(runs, in_panel) if inside]
        top, bottom = min(r.top for r in panel), max(r.bottom for r in panel)
        beside = [r for r, inside in zip(runs, in_panel) if not inside and r.bottom > top and r.top < bottom]
        if any(r.x0 < x - 2 < r.x1 for r in beside):
            continue
        left = [r for r in beside if r.x1 < x - 2]
        panel_width = max(r.x1 for r in panel) - x
        if len(left) < 2 or panel_width < 0.15 * width:
            continue
        # (a narrow margin column, the contents or a fact box, stands beside a main column of long lines;
        # a table's short labels stand beside short values)
        longest_left = max(r.x1 - r.x0 for r in left)
        if longest_left < 0.15 * width and not (panel_width >= 0.4 * width and longest_left >= 0.08 * width):
            continue
        return [(max(r.x1 for r in left) + x) / 2]
    return []


def _holds_column(runs: Sequence[_Run], lo: float, hi: float, width: float) -> bool:
    """Do three or more lines of a column's width (an eighth of the page) sit between ``lo`` and ``hi``?"""
    return sum(1 for r in runs if r.x0 >= lo and r.x1 <= hi and r.x1 - r.x0 >= width / 8) >= 3


def _peaks(cover: list[int], start: int, end: int) -> list[tuple[int, int, float]]:
    """The plateaus of ``cover[start:end]`` higher than both neighbours: (height, width, centre)."""
    peaks: list[tuple[int, int, float]] = []
    i = start
    while i < end:
        j = i
        while j < end and cover[j] == cover[i]:
            j += 1
        if (i == start or cover[i - 1] < cover[i]) and (j == end or cover[j] < cover[i]):
            peaks.append((cover[i], j - i, (i + j - 1) / 2))
        i = j
    return peaks


def _column_of(run: _Run, bounds: Sequence[float]) -> int | None:
    """Column index of a run, or None when it spans a gutter (a full-width line)."""
    for b in bounds:
        if run.x0 < b - 1.0 and run.x1 > b + 1.0:
            return None
    centre = (run.x0 + run.x1) / 2
    return sum(1 for b in bounds if b < centre)


def _read_order(runs: Sequence[_Run], bounds: Sequence[float], page_no: int, ocr: bool) -> list[TextLine]:
    """Lines in reading order: bands top to bottom, in each band column by column.

    A band ends at a line that spans a gutter or at a vertical gap of three lines
    across the whole page (smaller gaps that happen to line up in both columns,
    like paragraph breaks on a baseline grid, must not interleave the columns).
    Within a band each column is read top to bottom.  Blocks break at column/band
    changes, vertical gaps and font changes.
    """
    if not runs:
        return []
    sizes = [w.size for r in runs for w in r.words]
    med = statistics.median(sizes) if sizes else 10.0
    ordered: list[tuple[int, int, list[_Run]]] = []  # (band, column, runs of one line)
    band = -1
    band_bottom = -1e9
    spanning_band = False
    band_runs: list[tuple[int, _Run]] = []
    flow_band = [-1]  # band number of the last one-column band, or -1

    def flush() -> None:
        cols: dict[int, list[_Run]] = {}
        for col, run in band_runs:
            cols.setdefault(col, []).append(run)
        # A band with text in one column only reads like full-width text: keep it in
        # the previous such band so a list or paragraph is not cut into blocks.
        key = band
        if set(cols) <= {0} and ordered and flow_band[0] == ordered[-1][0]:
            key = ordered[-1][0]
        table = _table_rows(cols) or _grid_rows(cols)
        if table is not None:  # a label/value table read as two columns: put its rows back together
            for line in table:
                ordered.append((key, 0, line))
            flow_band[0] = -1
            band_runs.clear()
            return
        for col in sorted(cols):
            merged = _merge_lines(cols[col])
            if ocr:
                merged = _drop_ocr_specks(merged)
            for line in merged:
                ordered.append((key, col, line))
        flow_band[0] = key if set(cols) <= {0} else -1
        band_runs.clear()

    for run in sorted(runs, key=lambda r: (r.top, r.x0)):
        col = _column_of(run, bounds)
        spans = col is None
        new_band = band < 0 or run.top > band_bottom + 3.0 * med or spans != spanning_band
        if new_band:
            carried = _heading_over(band_runs, run, med) if spans and not spanning_band else []
            for item in carried:
                band_runs.remove(item)
            flush()
            band += 1
            spanning_band = spans
            band_bottom = run.bottom
            band_runs.extend((0, r) for _c, r in carried)
        band_runs.append((0 if col is None else col, run))
        band_bottom = max(band_bottom, run.bottom)
    flush()

    lines: list[TextLine] = []
    block = -1
    prev: _Placed | None = None
    for band_no, col, line_runs in ordered:
        line = _make_line(line_runs, page_no, col)
        cur = _Placed(band_no, col, line, max(r.bottom for r in line_runs))
        if prev is None or _breaks_block(prev, cur, med if ocr else None):
            block += 1
        lines.append(_replace_block(line, block))
        prev = cur
    return _smooth_ocr_sizes(lines) if ocr else lines


def _heading_over(band_runs: list[tuple[int, _Run]], run: _Run, med: float) -> list[tuple[int, _Run]]:
    """The last line of a column that stands right over a full-width ``run`` at its left edge, in
    bold (a heading such as "Vill du veta mer?"): it heads that paragraph, not the columns above."""
    out = []
    for col, r in band_runs:
        if (0 < run.top - r.bottom < 1.5 * med and abs(r.x0 - run.x0) < 2.0 and all(w.bold for w in r.words)
                and not any(c == col and o.top > r.bottom for c, o in band_runs)):
            out.append((col, r))
    return out


def _table_rows(cols: dict[int, list[_Run]]) -> list[list[_Run]] | None:
    """Two columns that are really one table: short labels on the left ('Land:', bold or ending
    in a colon), each with its value on the same baseline on the right; a box title above or a
    line below may share the band. Then the band's lines top to bottom, each label with its value."""
    if set(cols) != {0, 1}:
        return None
    left, right = _merge_lines(cols[0]), _merge_lines(cols[1])
    pairs: dict[int, int] = {}  # left line -> the right line on its baseline
    free = list(range(len(right)))
    for i, a in enumerate(left):
        if sum(len(r.words) for r in a) > 4:
            continue
        h = max(a[0].bottom - a[0].top, 1.0)
        for k in free:
            if abs(a[0].top - right[k][0].top) <= 0.5 * h:
                pairs[i] = k
                free.remove(k)
                break
    if len(pairs) < 3 or len(pairs) < 0.6 * len(right):
        return None
    labelled = sum(1 for i in pairs if _looks_like_label(left[i]))
    if not len(pairs) == len(left) == len(right) and labelled < 0.6 * len(pairs):
        return None  # (a table of equal halves needs no labels; else its left cells must look like labels)
    rows = [(a[0].top, a + right[pairs[i]] if i in pairs else a) for i, a in enumerate(left)]
    rows += [(right[k][0].top, right[k]) for k in free]
    rows.sort(key=lambda row: row[0])
    return [line for _top, line in rows]


def _grid_rows(cols: dict[int, list[_Run]]) -> list[list[_Run]] | None:
    """A comparison table read as three or more columns: short labels down the left ("Land",
    "Invånare"), a value beside each in every other column, the names heading the columns. Then its
    rows top to bottom, the cells of each in column order (the names' row first)."""
    if len(cols) < 3 or 0 not in cols:
        return None
    lines = {c: _merge_lines(runs) for c, runs in cols.items()}
    labels = lines[0]
    if len(labels) < 4 or any(_word_count(ln) > 4 for ln in labels):
        return None
    h = max(labels[0][0].bottom - labels[0][0].top, 1.0)
    first = labels[0][0].top

    def level(a: list[_Run], b: list[_Run]) -> bool:
        return abs(a[0].top - b[0].top) <= 0.5 * h

    others = [ln for c, lns in lines.items() if c != 0 for ln in lns]
    if any(_word_count(ln) > 6 for ln in others):
        return None  # prose in a column: a page of columns on a baseline grid, not a table's cells
    said = {_line_text(ln).casefold() for ln in labels}
    if sum(_line_text(ln).casefold() in said for ln in others) >= 2:
        return None  # the same labels in every column: boxes side by side, each its own column
    beside = sum(any(level(ln, lab) for lab in labels) for ln in others)
    if beside < 0.6 * len(others) or sum(any(level(o, lab) for o in others) for lab in labels) < 0.8 * len(labels):
        return None
    if any(ln[0].top < first - 3 * h for ln in others):
        return None  # text well above the labels: columns of their own, not the table's names
    rows: list[tuple[float, list[_Run]]] = []
    for c in sorted(lines):
        for ln in lines[c]:
            top = ln[0].top
            row = next((r for t, r in rows if abs(t - top) <= 0.5 * h), None)
            if row is None:
                rows.append((top, list(ln)))
            else:
                row.extend(ln)
    rows.sort(key=lambda r: r[0])
    return [sorted(r, key=lambda run: run.x0) for _t, r in rows]


def _word_count(line: list[_Run]) -> int:
    return sum(len(r.words) for r in line)


def _line_text(line: list[_Run]) -> str:
    return " ".join(w.text for r in line for w in r.words)


def _looks_like_label(line: list[_Run]) -> bool:
    """A table label: it ends in a colon, or is set in bold."""
    words = [w for r in line for w in r.words]
    return words[-1].text.endswith(":") or all(w.bold for w in words)


def _smooth_ocr_sizes(lines: list[TextLine]) -> list[TextLine]:
    """Give every line of an OCR block the block's median size.

    tesseract estimates a size per line, off by a point or two (and more where a
    line has no ascenders); a paragraph set in one size should read as one size so
    that "the largest text is the title" style rules work on scans too.
    """
    sizes: dict[int, list[float]] = {}
    for ln in lines:
        sizes.setdefault(ln.block, []).append(ln.size or 0.0)
    median = {b: float(statistics.median_low(v)) for b, v in sizes.items()}
    return [replace(ln, size=median[ln.block]) for ln in lines]


@dataclass(frozen=True)
class _Placed:
    """A line with the band it was read in and its bottom (the baseline, near enough)."""

    band: int
    column: int
    line: TextLine
    bottom: float


def _drop_ocr_specks(lines: list[list[_Run]]) -> list[list[_Run]]:
    """Drop OCR 'lines' made of diacritic dots and specks: no letter or digit at all,
    or a few short words that overlap the next or previous line of the same column
    (real lines never do)."""
    keep: list[list[_Run]] = []
    for i, line in enumerate(lines):
        words = [w for r in line for w in r.words]
        top, bottom = min(w.top for w in words), max(w.bottom for w in words)
        h = max(bottom - top, 1.0)
        overlap = 0.0
        for j in (i - 1, i + 1):
            if 0 <= j < len(lines):
                o = lines[j]
                otop = min(r.top for r in o)
                obottom = max(r.bottom for r in o)
                overlap = max(overlap, min(bottom, obottom) - max(top, otop))
        alnum = sum(ch.isalnum() for w in words for ch in w.text)
        if alnum == 0 or (len(words) <= 4 and alnum <= 6 and overlap > 0.3 * h):
            continue
        keep.append(line)
    return keep


def _merge_lines(runs: list[_Run]) -> list[list[_Run]]:
    """Runs of one column that share a baseline form one line (e.g. 'label   value')."""
    lines: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: (r.top, r.x0)):
        if lines:
            last = lines[-1][-1]
            h = max(last.bottom - last.top, run.bottom - run.top, 1.0)
            if abs((last.top + last.bottom) - (run.top + run.bottom)) / 2 <= 0.35 * h:
                lines[-1].append(run)
                continue
        lines.append([run])
    return [sorted(line, key=lambda r: r.x0) for line in lines]


def _make_line(runs: list[_Run], page_no: int, col: int) -> TextLine:
    """A TextLine with the dominant size and weight (weighted by characters)."""
    words = [w for r in runs for w in r.words]
    # Runs apart on one baseline are table cells ("Invånare   187 000"): a tab keeps them apart.
    text = "\t".join(" ".join(w.text for w in r.words) for r in runs)
    weight: dict[float, int] = {}
    for w in words:
        weight[round(w.size, 1)] = weight.get(round(w.size, 1), 0) + len(w.text)
    size = max(weight, key=lambda s: (weight[s], s))
    bold_chars = sum(len(w.text) for w in words if w.bold)
    return TextLine(
        text=text,
        size=size,
        bold=bold_chars * 2 > len(text.replace(" ", "").replace("\t", "")),
        x0=round(min(w.x0 for w in words), 2),
        top=round(min(w.top for w in words), 2),
        page=page_no,
        column=col,
        # block is set by the caller
    )


def _breaks_block(prev: _Placed, cur: _Placed, ocr_median: float | None) -> bool:
    """New block at a band/column change, a wide line pitch, or a font change.

    The pitch is measured bottom to bottom (baselines) and compared with the smaller
    font size: body text is set at ~1.2-1.5 em, a paragraph break adds half a line
    or more.  OCR size estimates (``ocr_median`` is the page's median) wobble by a
    point or two between lines of one paragraph, so there text-size lines are
    measured against the median, only a 35 % size change counts, and bold is unknown.
    """
    if prev.band != cur.band or prev.column != cur.column:
        return True
    p, c = prev.line, cur.line
    ps, cs = p.size or 0.0, c.size or 0.0
    pitch = cur.bottom - prev.bottom
    ref = min(ps, cs)
    if ocr_median is not None and 0.7 * ocr_median <= ref <= 1.3 * ocr_median:
        ref = ocr_median  # a text-size line: the page's median beats a noisy estimate
    if pitch > 1.8 * ref or pitch < 0:
        return True
    if p.bold != c.bold:
        return True
    if ocr_median is not None:
        return abs(ps - cs) > 0.4 * max(ps, cs)
    return abs(ps - cs) > 0.5


def _replace_block(line: TextLine, block: int) -> TextLine:
    return TextLine(line.text, line.size, line.bold, line.x0, line.top, line.page, line.column, block)


def _join_lines(lines: Sequence[TextLine]) -> str:
    """Text of lines with a blank line between blocks."""
    out: list[str] = []
    prev = None
    for line in lines:
        if prev is not None and line.block != prev:
            out.append("")
        out.append(line.text)
        prev = line.block
    return "\n".join(out)
