"""Boxes as plain-text OCR reads them: two boxes set side by side come out one row per line,
a box beside its bulleted facts interleaves with them, and a label/value table loses the gap
between its columns. Each function puts such lines back the way the page printed them, so
the box rules (``segment_boxes``) see one box after the other.

``colon_table_rows``: "Land Zambia" → "Land: Zambia".
``split_label_pairs``: "Land: Malawi Partnerskap sedan: 2015" → two rows of one box.
``unfuse_twin_boxes``: "Land: Kenya Land: Moldavien" → the left box's rows, then the right's.
``unfuse_unlabelled_twins``: "Huye District Opština Plav", "1 530 km² 486 km²" → two boxes.
``unfuse_box_bullets``: "Asokwa Municipal Assembly * 8 projekt" → the box, then its bullets.
``stacked_label_rows``: "LAND" over "Ghana", "YTA" over "1 120 km²" → "Land: Ghana", "Yta: 1 120 km²".
"""
from __future__ import annotations

import re
from dataclasses import replace

from .segment_columns import text_width
from .segment_common import STACKED_LABEL_RE, Line, ends_sentence, fold, strip_bullet
from .segment_facts import AREA_RE, POP_RE, WEB_RE, is_fact_line, is_partner_fact
from .segment_quotes import parse_attribution


#: A box label set in a table's left column, which plain-text OCR joins to its value with a
#: space: "Land Zambia", "Yta 1 860 km²", "Partner sedan 2016" (folded).
_TABLE_LABEL_RE = re.compile(r"^(namn|partnerkommun|partnerregion|partnerorganisation|vanort|land|invanare|invanarantal|antal invanare|befolkning|folkmangd|y[tli]a|areal|"
                             r"webb|webbplats|hemsida|partner sedan|samarbete sedan|partnerskap sedan|"
                             r"antal projekt|projekt|gemensamma projekt|teman|tema|samarbetsomraden|finansiering|"
                             r"projektagare|agare|ansvarig|period|tid|mal|globala mal|resultat|budget|partner|parter)\s+"
                             r"(?:\|\s+)?(?=\S)(?![:–—/|.…-])")  # ("Resultat | Två nya": the table's rule read as a bar)


def colon_table_rows(ls: list[Line]) -> list[Line]:
    """"Land Zambia" / "Yta 1 860 km²" / "Invånare ca 94 000": a label/value table read without
    its column gap. Three or more such rows in a row (wrapped values between them allowed) get
    the colon their labels stand for; a single one may be prose ("Land och stad möts …")."""
    def hit(text: str) -> bool:
        m = _TABLE_LABEL_RE.match(fold(text))
        # "LAND Chile" is read by the capitals rules; "Land / Country: Ukraina" has its colon
        return bool(m) and not text[: m.end()].strip().isupper() and ": " not in text[:40]
    hits = [hit(ln.text) for ln in ls]
    out = list(ls)
    k = 0
    while k < len(ls):
        if not hits[k]:
            k += 1
            continue
        run, j = [k], k + 1
        while j < len(ls) and (hits[j] or not ls[j].bullet and (
                ls[j].text[:1].islower() or len(ls[j].text) <= 40 and j + 1 < len(ls) and hits[j + 1])):
            # (a wrapped value, "Alsjöbo kommun" under "Ägare Arbetsmarknadsförvaltningen,", before the next row)
            if hits[j]:
                run.append(j)
            j += 1
        if len(run) >= 3:
            for r in run:
                m = _TABLE_LABEL_RE.match(fold(ls[r].text))
                assert m is not None
                cut = m.end()
                out[r] = replace(ls[r], text=f"{ls[r].text[:cut].rstrip(' |')}: {ls[r].text[cut:]}")
        k = j
    return out


def stacked_label_rows(ls: list[Line]) -> list[Line]:
    """A fact box printed as labels over values ("LAND" over "Ghana", "YTA" over "1 120 km²"),
    which plain-text OCR reads one line each, blank lines between. Three or more such labels in
    a row become "Land: Ghana" rows; a value wrapped over lines is joined (its line ends in a
    comma, or the next starts lower-case)."""
    def is_label(ln: Line) -> bool:
        text = ln.text.strip()
        return (not ln.bullet and len(text) <= 25 and (text.isupper() or text[:1].isupper())
                and STACKED_LABEL_RE.fullmatch(fold(text)) is not None)

    labels = [is_label(ln) for ln in ls]
    out: list[Line] = []
    k = 0
    while k < len(ls):
        rows, j = _stacked_rows(ls, labels, k)
        # (two go on a box whose rows above are "Label: value": "Teman" over its list, then "Finansiering")
        if len(rows) >= 3 or len(rows) == 2 and k and is_fact_line(ls[k - 1].text):
            out.extend(rows)
            k = j
        else:
            out.append(ls[k])
            k += 1
    return out


def _stacked_rows(ls: list[Line], labels: list[bool], k: int) -> tuple[list[Line], int]:
    """The "Label: value" rows of the stacked labels from ``ls[k]`` on, and the index after them."""
    rows: list[Line] = []
    while k < len(ls) and labels[k]:
        j = k + 1
        value: list[str] = []
        while j < len(ls) and not labels[j] and not ls[j].bullet:
            text = ls[j].text.strip()
            if value and not (value[-1].endswith((",", ";", "·", " -")) or text[:1].islower()
                              or not ls[j].gap_before and ls[j].src.size is not None):  # (a PDF's wrapped value)
                break
            if not value and len(text) > 60:
                break  # prose, not a value
            value.append(text)
            j += 1
        if not value:
            break
        label = ls[k].text.strip().rstrip(":").strip()
        # (one block with the name lines above it: the blank lines between were the box's spacing;
        # but after a paragraph's last sentence the box starts anew)
        gap = not rows and ls[k].gap_before and k > 0 and (
            ends_sentence(ls[k - 1].text) or parse_attribution(ls[k - 1].text) is not None)  # (or a quote's signature)
        rows.append(replace(ls[k], text=f"{label[:1].upper()}{label[1:].lower()}: {' '.join(value)}",
                            bullet=False, gap_before=gap))
        k = j
    return rows, k


#: A box row with a bullet from the column beside it: "Asokwa Municipal Assembly * 8 projekt".
_INNER_BULLET_RE = re.compile(r"^(?P<left>[^•«»¢*+]{2,60}?)\s+[•«»¢*+]\s+(?P<right>\S.*)$")
_JUNK_BULLET_RE = re.compile(r"^\S{1,2}\s+[•«»¢*+]\s+(\S.*)$")
#: An area or population figure with the next column's words after it: "36 km2 sysselsättning, trygghet".
_FIGURE_THEN_TEXT_RE = re.compile(r"^(?P<left>(?:ca\.?\s*|cirka\s*)?\d[\d\s.,]*\s*(?:km\s?(?:2|²|\?)|invånare|inv\.))\s+"
                                  r"(?P<right>[a-zåäö].*)$", re.I)


def unfuse_box_bullets(ls: list[Line]) -> list[Line]:
    """A partner box (name, country, km², inhabitants, website) set beside a bulleted list of the
    partnership's facts (projects, themes, funding) comes out of OCR row by row. Put the box's
    rows first and the bullets after them, each wrapped bullet joined up again.

    A run opens with a row whose right part, after an inner bullet, is a partnership fact."""
    out: list[Line] = []
    k = 0
    while k < len(ls):
        m = _INNER_BULLET_RE.match(ls[k].text)
        if not (m and not ls[k].bullet and is_partner_fact(m.group("right"))):
            out.append(ls[k])
            k += 1
            continue
        left: list[Line] = []
        right: list[Line] = []
        j = k
        while j < len(ls) and j < k + 14:
            ln, t = ls[j], ls[j].text
            m = _INNER_BULLET_RE.match(t) if not ln.bullet else None
            f = _FIGURE_THEN_TEXT_RE.match(t)
            junk = _JUNK_BULLET_RE.match(t) if not ln.bullet else None  # "a ¢ Finansiering …"
            if m and (is_partner_fact(m.group("right")) or j > k):
                left.append(replace(ln, text=m.group("left"), bullet=False))
                right.append(replace(ln, text=m.group("right"), bullet=True, gap_before=False))
            elif f:
                left.append(replace(ln, text=f.group("left"), bullet=False))
                _continue_item(right, ln, f.group("right"))
            elif (ln.bullet or junk) and is_partner_fact(item := junk.group(1) if junk else strip_bullet(t)[0]):
                right.append(replace(ln, text=item, bullet=True, gap_before=False))
            elif (AREA_RE.match(t) or POP_RE.match(t) or WEB_RE.fullmatch(t.strip())) and len(t) <= 60:
                left.append(replace(ln, gap_before=False))
            elif t[:1].islower() and right:
                _continue_item(right, ln, t)
            else:
                break
            j += 1
        if len(left) < 2:
            out.extend(ls[k:j] if j > k else ls[k:k + 1])
            k = max(j, k + 1)
            continue
        out.extend(replace(ln, gap_before=(n == 0 and ls[k].gap_before)) for n, ln in enumerate(left))
        out.extend(replace(ln, gap_before=False) for ln in right)
        k = j
    return out


def _continue_item(items: list[Line], ln: Line, text: str) -> None:
    """Join a wrapped bullet's next row to it."""
    if items:
        items[-1] = replace(items[-1], text=f"{items[-1].text} {text}")


#: Two boxes set side by side, fused by OCR into one line per row: "Land: Rwanda Land: Kambodja".
_TWIN_ROW_RE = re.compile(r"^(?P<label>[A-ZÅÄÖ][\wåäöÅÄÖ\- ]{1,25}):\s*(?P<a>\S.*?)\s+(?P=label):\s*(?P<b>\S.*)$")
#: The same without colons, for a box's own labels: "Land Uganda Land Georgien".
_BARE_TWIN_ROW_RE = re.compile(r"^(?P<label>Land|Yta|Yia|Areal|Invånare|Invanare|Befolkning|Folkmängd|Webbplats|Webb|Hemsida|"
                               r"Antal projekt|Partner sedan|Partnerskap sedan|Samarbete sedan|Teman|Finansiering)"
                               r"\s+(?P<a>\S.*?)\s+(?P=label)\s+(?P<b>\S.*)$")


#: The two boxes' headings fused the same way: "Nyaweru i korthet Stejareni i korthet".
_TWIN_HEAD_RE = re.compile(r"^(?P<a>\S.*?\s(?P<s>i korthet|i siffror|i korta drag))\s+(?P<b>\S.*?\s(?P=s))$"
                           r"|^(?P<p>fakta om|om)\s+(?P<c>\S.*?)\s+(?P=p)\s+(?P<d>\S.*)$"
                           r"|^(?P<g>[O0o•●]|partnerkommun|vänort)\s+(?P<e>[A-ZÅÄÖ]\S*(?:\s[A-ZÅÄÖ]\S*)?)\s+(?P=g)\s+"
                           r"(?P<f>[A-ZÅÄÖ]\S*(?:\s[A-ZÅÄÖ]\S*)?)$",
                           re.I)  # ("O Mbale O Telavi": the boxes' round markers read as O; "Partnerkommun X Partnerkommun Y")


_FIGURE = r"(?:ca\.?\s*|cirka\s*)?\d[\d\s.,]*?\s*"
#: Two unlabelled boxes side by side, one figure from each on a row: "1 530 km² 486 km²".
_TWIN_FIGURES_RE = re.compile(rf"^(?P<a>{_FIGURE}(?:km\s?(?:2|²|\?)|kvkm|hektar|inv\S{{1,2}}nare))\s+"
                              rf"(?P<b>{_FIGURE}(?:km\s?(?:2|²|\?)|kvkm|hektar|inv\S{{1,2}}nare))$", re.I)


def unfuse_unlabelled_twins(ls: list[Line]) -> list[Line]:
    """Two partner boxes without labels (name, country, km², inhabitants, website) set side by
    side come out of OCR one row per line: "Huye District Opština Plav",
    "Rwanda Montenegro", "1 530 km² 486 km²". The figure rows split at their units and the
    websites at the space; a name or country row splits where both halves are names the
    brochure prints elsewhere (its introduction names its partners), or, with two words, in two."""
    out = list(ls)
    k = 0
    while k < len(out):
        if not _twin_row(out[k].text):
            k += 1
            continue
        j = k
        while j < len(out) and j - k < 6 and _twin_row(out[j].text):
            j += 1
        if j - k < 2:
            k = j
            continue
        halves: dict[int, tuple[str, str]] = {}
        while j < len(out) and j - k < 12:
            got = _twin_row(out[j].text, loose=True)  # the boxes' further rows: "5 projekt 2 projekt", …
            if got is None and out[j].text[:1].islower():  # both boxes' bullets wrap on this row
                got = _wrapped_pair(out[j].text, [halves.get(i) or _twin_row(out[i].text, loose=True) for i in range(k, j)])
            if got is None:
                break
            halves[j] = got
            j += 1
        above = [i for i in range(max(0, k - 3), k) if len(out[i].text) <= 70 and not ends_sentence(out[i].text)]
        above = above[-2:] if len(above) >= 2 else above
        elsewhere = " ".join(ln.text for n, ln in enumerate(out) if n not in above and not k <= n < j)
        split_above = [_split_pair(out[i].text, elsewhere) for i in above]
        if any(p is None for p in split_above):
            k = j
            continue
        left = [replace(out[i], text=a) for i, (a, _) in zip(above, split_above)]
        right = [replace(out[i], text=b, gap_before=(n == 0)) for n, (i, (_, b)) in enumerate(zip(above, split_above))]
        for i in range(k, j):
            a, b = halves.get(i) or _twin_row(out[i].text, loose=True)  # type: ignore[misc]
            left.append(replace(out[i], text=a, gap_before=False))
            right.append(replace(out[i], text=b, gap_before=not right))
        first = above[0] if above else k
        out[first:j] = left + right
        k = first + len(left) + len(right)
    return out


def _twin_row(text: str, *, loose: bool = False) -> tuple[str, str] | None:
    """The two halves of a row of two boxes set side by side: figures, websites, and (``loose``)
    any two halves that open alike ("5 projekt 2 projekt", "Teman: … Teman: …", "Finansieras via …
    Finansieras via …")."""
    text = text.strip().lstrip("|").strip()
    m = _TWIN_FIGURES_RE.match(text)
    if m:
        return m.group("a").strip(), m.group("b").strip()
    parts = text.split()
    if len(parts) == 2 and all(WEB_RE.fullmatch(p) for p in parts):
        return parts[0], parts[1]
    if not loose:
        return None
    marks = [n for n, p in enumerate(parts) if n and p in _INNER_MARKS]
    if len(marks) == 1:  # "jämställdhet * Finansiering via …": the right box's next bullet
        n = marks[0]
        return " ".join(parts[:n]), " ".join(parts[n + 1:])
    best: tuple[str, str] | None = None
    for cut in range(1, len(parts)):
        a, b = parts[:cut], parts[cut:]
        same = a[0] == b[0] and (len(a[0]) >= 4 or a[0].endswith(":"))
        counts = a[0].isdigit() and b[0].isdigit() and len(a) > 1 and len(b) > 1 and a[1] == b[1]
        if same or counts:
            if best is not None:
                return None  # more than one way to read it
            best = (" ".join(a).rstrip(" |"), " ".join(b).lstrip("| "))
    return best


def _wrapped_pair(text: str, rows: list[tuple[str, str] | None]) -> tuple[str, str] | None:
    """A row where both boxes' bullets wrap ("förnybar energi, hälsa, … krisberedskap, elevhälsa"):
    the left box's words fill its column, as wide as its widest row so far; the rest is the right's."""
    widths = [text_width(r[0]) for r in rows if r]
    words = text.split()
    if not widths or len(words) < 2:
        return None
    limit = max(widths) * 1.02
    cut = 0
    while cut < len(words) and text_width(" ".join(words[: cut + 1])) <= limit:
        cut += 1
    if cut == 0 or cut == len(words):
        return None
    return " ".join(words[:cut]), " ".join(words[cut:])


#: Bullet glyphs (as OCR prints them) standing alone inside a row.
_INNER_MARKS = frozenset("•«»¢*+")


def _split_pair(text: str, elsewhere: str) -> tuple[str, str] | None:
    """A line holding two boxes' names (or countries): where to cut it."""
    words = text.split()
    if len(words) < 2:
        return None
    best = None
    for cut in range(1, len(words)):
        a, b = " ".join(words[:cut]), " ".join(words[cut:])
        if a in elsewhere and b in elsewhere:
            if best is not None:
                return None  # two readings: do not guess
            best = (a, b)
    if best is None and len(words) == 2:
        best = (words[0], words[1])
    return best


#: Two label/value pairs of one box on a row, the table's two columns: "Land: Malawi Partnerskap sedan: 2015".
_TWO_LABELS_RE = re.compile(r"^(?P<a>[A-ZÅÄÖ][\wåäöÅÄÖ\- ]{1,25}:\s*\S.*?)\s+(?P<b>[A-ZÅÄÖ][\wåäöÅÄÖ\- ]{1,25}:\s*\S.*)$")


def split_label_pairs(ls: list[Line]) -> list[Line]:
    """A box set as a table of two label columns comes out of OCR with two "Label: value" pairs on a
    row. Where both labels are box labels, the row becomes two rows (the box parser takes any order)."""
    out: list[Line] = []
    for ln in ls:
        m = _TWO_LABELS_RE.match(ln.text) if not re.search(r"\s[|·/]\s|;|\.\s", ln.text) else None
        if m and all(_TABLE_LABEL_RE.match(fold(x) + " x") for x in (m.group("a").split(":")[0], m.group("b").split(":")[0])):
            out.append(replace(ln, text=m.group("a")))
            out.append(replace(ln, text=m.group("b"), gap_before=False))
        else:
            out.append(ln)
    return out


#: A fact grid's labels as OCR prints them without colons (folded), one or two words.
_GRID_LABELS = frozenset("partnerkommun land area areal yta invanare befolkning webbplats webb hemsida startar "
                         "finansiering teman".split()) | frozenset({"antal projekt", "partner sedan", "partnerskap sedan"})


def _grid_cells(text: str) -> list[str] | None:
    """"Area 62 km² Befolkning 30 018 invånare" → ["Area: 62 km²", "Befolkning: 30 018 invånare"]: two
    label/value cells of a fact grid on one OCR line, or None."""
    words = text.split()
    starts: list[tuple[int, int]] = []  # (index, label length in words)
    for k, w in enumerate(words):
        if not w[:1].isupper():
            continue
        two = fold(" ".join(words[k:k + 2]))
        size = 2 if two in _GRID_LABELS else 1 if fold(w) in _GRID_LABELS else 0
        if size and (not starts or k >= starts[-1][0] + starts[-1][1] + 1):
            starts.append((k, size))
    if len(starts) != 2 or starts[0][0] != 0:
        return None
    cells = []
    for n, (k, size) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(words)
        value = " ".join(words[k + size:end]).lstrip("=:–—- ")
        if not value:
            return None
        cells.append(f"{' '.join(words[k:k + size])}: {value}")
    return cells


def split_grid_rows(ls: list[Line]) -> list[Line]:
    """A fact box set as a grid of two label/value pairs a row, read by OCR a row a line without its
    colons: two or more such lines in a row become a labelled row per cell (the box parser takes any order)."""
    cells = [_grid_cells(ln.text) for ln in ls]
    out: list[Line] = []
    for k, ln in enumerate(ls):
        run = cells[k] is not None and ((k > 0 and cells[k - 1] is not None) or (k + 1 < len(ls) and cells[k + 1] is not None))
        if run:
            out.extend(replace(ln, text=c, gap_before=ln.gap_before and n == 0) for n, c in enumerate(cells[k]))
        else:
            out.append(ln)
    return out


def _labelled_twin_row(text: str) -> re.Match[str] | None:
    """"Land: Kenya Land: Moldavien" (or without the colons, for a box's own labels)."""
    return _TWIN_ROW_RE.match(text) or _BARE_TWIN_ROW_RE.match(text)


def unfuse_twin_boxes(ls: list[Line]) -> list[Line]:
    """Two boxes printed side by side with the same labels come out of OCR as one line per row,
    each holding both boxes' values. Put them back as two boxes, left one first.

    A wrapped row without labels stays with the left box (without positions nothing says where
    its right half began), unless a label of the run starts inside it.
    """
    out: list[Line] = []
    k = 0
    while k < len(ls):
        if not _labelled_twin_row(ls[k].text):
            out.append(ls[k])
            k += 1
            continue
        start = k
        left: list[Line] = []
        right: list[Line] = []
        while k < len(ls):
            ln = ls[k]
            m = _labelled_twin_row(ln.text)
            inner = _inner_label(ln.text) if not m else None
            if m:
                label = m.group("label")
                left.append(replace(ln, text=f"{label}: {m.group('a')}"))
                right.append(replace(ln, text=f"{label}: {m.group('b')}"))
            elif inner is not None:
                left.append(replace(ln, text=ln.text[:inner].rstrip()))
                right.append(replace(ln, text=ln.text[inner:].lstrip()))
            elif ln.text[:1].islower() or left[-1].text.rstrip().endswith((",", "-")):
                left.append(ln)
            else:
                break
            k += 1
        if len(right) < 2:
            out.extend(ls[start:k])  # one such line is a coincidence, not two boxes
            continue
        head = _TWIN_HEAD_RE.match(out[-1].text) if out else None
        if head:
            prev = out.pop()
            a, b = (head.group("a"), head.group("b")) if head.group("a") else (
                (head.group("e"), head.group("f")) if head.group("g") else
                (f"{head.group('p')} {head.group('c')}", f"{head.group('p')} {head.group('d')}"))
            left.insert(0, replace(prev, text=a))
            right.insert(0, replace(prev, text=b, gap_before=True))
        # OCR's blank lines between rows say nothing here: each box is one block
        out.extend(replace(ln, gap_before=(n == 0 and ln.gap_before)) for n, ln in enumerate(left))
        out.extend(replace(ln, gap_before=(n == 0)) for n, ln in enumerate(right))
    return out


_INNER_LABEL_RE = re.compile(r"\s(?=[A-ZÅÄÖ][\wåäöÅÄÖ\- ]{1,25}:\s)")


def _inner_label(text: str) -> int | None:
    """Where the right box's next "Label:" starts inside a wrapped left row ("delaktighet Finansiering: …")."""
    m = _INNER_LABEL_RE.search(text) if text[:1].islower() else None
    return m.end() if m else None
