"""Shared helpers for segmentation: cleaned lines, bullets, joining wrapped text.

Brochure text arrives with tabs, layout spaces, bullets in many shapes (PDF "•",
OCR "«", "+", "-") and words hyphenated at line ends. These helpers normalise that
once so the genre rules in ``segment*.py`` can stay short.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from .layout import TextLine

#: Characters that start a bullet item when followed by white space. OCR turns "•"
#: into "«", "+", "*" or "-", and en/em dashes are used as bullets too.
BULLET_CHARS = "•◦▪●·‣∙«»+*-–—~✓✔☑➢►▶■□◆❖→›○¢®©>"  # ¢ ® © > ~: how OCR prints bullets (">" for "➢", "~" for "–")
_BULLET_RE = re.compile(rf"^\s*([{re.escape(BULLET_CHARS)}])\s+(?=\S)")
#: A table row "Label<TAB>value" (a fact box set as a two-column table).
#: A table cell that is a whole fact: "Budget: 1,2 miljoner kronor".
_LABELLED_CELL_RE = re.compile(r"^[A-ZÅÄÖ][\w ]{1,30}: \S")
_TAB_ROW_RE = re.compile(r"^([A-ZÅÄÖ][^\t:]{0,28}?)\t+(\S.*)$")
#: A numbered list item: "1. Text" or "2) Text" (a list only as a run 1, 2, 3 ...).
NUMBERED_ITEM_RE = re.compile(r"^\s*(\d{1,2}|[a-h])[.)]\s+(?=\S)")
#: "2013 – Första studieresan": a timeline row, a list item when several follow in a row.
TIMELINE_RE = re.compile(r"^\s*(?:19|20)\d\d(?:[–-]\d{2,4})?\s+[–—-]\s+\S")
_DASH_RE = re.compile(r"^\s*[–—~-]\s+(?=\S)")  # "~": how a scan's dash may come out
_PAGE_NUMBER_RE = re.compile(r"(?:(?:sidan|sida|sid|s|page|p)\.?\s*)?(?!0\d\b)\d{1,3}(?:\s*(?:/|av|of)\s*\d{1,3})?", re.I)
#: A bullet the OCR misread as one or two junk glyphs before a labelled fact row
#: ("HM Ansvarig: ...", "@ Ansvarig: ...", "Må Mål 2 och 12").
_MISREAD_BULLET_RE = re.compile(r"^(?:[^\w\s]|[A-Za-zÅÄÖåäö]{1,2})[ \t]+(?=[A-ZÅÄÖ][\w\-]*(?: [\w\-]+){0,3}:(?: \S|$)|M[åa]l \d)")
#: A square bullet the OCR read as a letter or a sign ("m Ett nytt sätt", "= Digital tillsyn",
#: "m= Sommarjobb", "e Projektägare"; a check mark as "Y" or "/’"): no Swedish line opens with
#: these before a capitalised word.
_MISREAD_ITEM_RE = re.compile(r"^(?:m=?|=|e|a|o|Y|/[’'])[ \t]+(?=[A-ZÅÄÖ][a-zåäö])")
#: A photo or illustration credit ("Foto: Linnea Åkerblom"): no text of the brochure's own.
_CREDIT_RE = re.compile(r"^(?:foto|fotograf|bild|illustration|omslagsbild|omslagsfoto)\s*:\s*\S.{0,60}$", re.I)
#: A section number before a heading: "2 Våra projekt", "3.1 Bakgrund".
SECTION_NUMBER_RE = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+(?=[A-ZÅÄÖ])")
_SENT_END = (".", "!", "?", "…", ".”", ".’", '."', "!”", "?”")
#: Words after which a line-end hyphen is a real one: "Miljö- och avfallshantering".
_KEEP_HYPHEN_BEFORE = {"och", "eller", "samt", "till", "som", "resp", "respektive", "and", "or"}


@dataclass(frozen=True)
class Line:
    """A cleaned, non-blank line; ``gap_before`` is True when blank lines preceded it."""

    text: str
    raw: str
    bullet: bool
    gap_before: bool
    indented: bool
    src: TextLine


def fold(text: str) -> str:
    """Lower-case and strip diacritics so rules match OCR that lost å/ä/ö."""
    norm = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in norm if not unicodedata.combining(c))


def squash(text: str) -> str:
    """Collapse tabs and runs of spaces into single spaces."""
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


def strip_bullet(text: str) -> tuple[str, bool]:
    """Remove a leading bullet marker; report whether there was one."""
    m = _BULLET_RE.match(text)
    if m:
        return text[m.end():].strip(), True
    if text[:1] in "•◦▪●✓✔☑➢►▶›" and len(text) > 1:  # "•Text" without a space is still a bullet
        return text[1:].strip(), True
    return text, False


def is_dash_start(text: str) -> bool:
    """A dash followed by a space: quotes start like this in Swedish typography."""
    return bool(_DASH_RE.match(text))


#: A fact box's label alone on its line, its value under it: "LAND" over "Ghana", "PROJEKT"
#: over "3" (folded; see ``segment_ocrboxes.stacked_label_rows``).
STACKED_LABEL_RE = re.compile(r"(?:land|invanare|invanarantal|antal invanare|befolkning|folkmangd|yta|areal|"
                              r"webb|webbplats|hemsida|partner sedan|samarbete sedan|partnerskap sedan|"
                              r"antal projekt|projekt|teman|tema|samarbetsomraden|finansiering|"
                              r"partner|partners|samarbetspartners?|samarbetsparter|ansvarig forvaltning|ansvarig|"
                              r"projektagare|projektar|period|tid|globala mal|budget|projekttid|projekt hittills|"
                              r"samarbetet inleddes|partnerskapet inleddes|samarbetet startade|tematiska omraden|"
                              r"parter|startar|globala malen|malen)\s*:?")


#: A card's result heading over its paragraph ("Så gick det", "Vad blev resultatet?"; folded).
RESULT_HEAD_RE = re.compile(r"^(?:s[ad] gick det|resultatet|resultat|det har blev resultatet|vad blev resultatet\??|"
                            r"detta har projektet lett till|det har har projektet lett till)\s*:?$")


def has_letters(text: str) -> bool:
    return any(c.isalnum() for c in text)


def next_text_line(lines: list[TextLine], k: int, reach: int = 2) -> int | None:
    """Index of the first non-blank line among the `reach` lines after line k: a PDF line's
    neighbour, with an empty spacer line between them or not."""
    return next((j for j in range(k + 1, min(k + 1 + reach, len(lines))) if lines[j].text.strip()), None)


def _header_rows(lines: list[TextLine]) -> list[TextLine]:
    """A table whose labels head its columns ("Partner<TAB>Land" over "Kilolo District Council<TAB>Tanzania"):
    one "Label<TAB>value" row per column, as a table with its labels at the left would have given."""
    out: list[TextLine] = []
    k = 0
    while k < len(lines):
        tl = lines[k]
        cells = [c.strip() for c in tl.text.split("\t")]
        j = next_text_line(lines, k)
        nxt = lines[j] if j is not None else None
        values = [c.strip() for c in nxt.text.split("\t")] if nxt is not None else []
        a = next_text_line(lines, j) if j is not None else None
        after = lines[a] if a is not None else None
        if (len(cells) >= 2 and len(values) == len(cells) and all(cells) and all(values)
                and (after is None or after.text.count("\t") != tl.text.count("\t"))  # (a table of many rows is no card's)
                and all(STACKED_LABEL_RE.fullmatch(fold(c)) for c in cells)
                and not any(STACKED_LABEL_RE.fullmatch(fold(v)) for v in values)):
            out.extend(replace(tl, text=f"{c}\t{v}") for c, v in zip(cells, values))
            k = j + 1
            continue
        out.append(tl)
        k += 1
    return out


def clean_lines(lines: list[TextLine]) -> list[Line]:
    """Drop blanks and junk lines ("=", stray marks), remembering where gaps were."""
    out: list[Line] = []
    gap = True  # the start of the text opens a paragraph like a blank line does
    bullet_x0: float | None = None  # hanging indent: wrapped bullet lines sit right of the marker
    bullet_col = 0
    prev_row = False  # the previous line was a table row: a ruled table spaces its rows apart
    lead_x0: float | None = None  # a PDF line ending in ':' at this x: indented lines under it are items
    lead_col = 0
    for tl in _header_rows(lines):
        raw = tl.text.replace("\u00a0", " ")
        text = squash(raw)
        cells = [squash(c) for c in raw.split("\t") if c.strip()]
        if (len(cells) >= 2 and all(_LABELLED_CELL_RE.match(c) for c in cells)
                and len({c.split(":")[0] for c in cells}) == len(cells)):  # (twin boxes repeat their labels)
            # "Budget: 1,2 miljoner kronor<TAB>Deltagare: 14": boxes side by side, a fact in each
            out.extend(Line(text=c, raw=c, bullet=False, gap_before=gap and k == 0, indented=False, src=tl)
                       for k, c in enumerate(cells))
            gap = False
            continue
        row = _TAB_ROW_RE.match(raw.strip(" "))
        if row and "\t" not in row.group(2):
            text = f"{squash(row.group(1))}: {squash(row.group(2))}"  # "Invånare<TAB>212 000"
            if prev_row:
                gap = False
        page_number = _PAGE_NUMBER_RE.fullmatch(text) is not None and not (
            out and STACKED_LABEL_RE.fullmatch(fold(out[-1].text.strip())))  # "PROJEKT" over "3": a value
        if not text or not has_letters(text) or page_number or _CREDIT_RE.match(text):
            gap = True
            continue
        prev_row = bool(row and "\t" not in row.group(2))
        body, bullet = strip_bullet(text)
        misread = (_MISREAD_BULLET_RE.match(text) or _MISREAD_ITEM_RE.match(text)) if not bullet else None
        if misread:  # OCR read the list's bullet as "@", "HM", "¢": the fact row after it is what counts
            text, body, bullet = "• " + text[misread.end():], text[misread.end():], True
        if not body or not has_letters(body):
            gap = True
            continue
        indented = raw[:1] in ("\t",) or raw.startswith("  ")
        if tl.x0 is not None:
            if not bullet and lead_x0 is not None and tl.column == lead_col and lead_x0 + 6 < tl.x0 < lead_x0 + 40:
                bullet = True  # a list under "… är att:" whose bullets were drawn, not printed
            else:
                lead_x0 = None  # (a list with bullets of its own: its wrapped lines are indented too)
            if not bullet and text.endswith(":"):
                lead_x0, lead_col = tl.x0, tl.column
            if bullet:
                bullet_x0, bullet_col = tl.x0, tl.column
            elif bullet_x0 is not None:
                indented = bullet_x0 + 2 < tl.x0 < bullet_x0 + 40 and tl.column == bullet_col
                if not indented:
                    bullet_x0 = None
        if gap and out and tl.x0 is None and not bullet and _runs_on(out[-1].text, body):
            gap = False  # plain-text OCR set a blank line inside a paragraph ("Några exem-" / "" / "pel:")
        out.append(Line(text=text, raw=raw, bullet=bullet, gap_before=gap, indented=indented, src=tl))
        gap = False
    return _timelines(_numbered_lists(out))


def _runs_on(prev: str, text: str) -> bool:
    """Does ``text`` go on with the sentence ``prev`` broke off: a word hyphenated across the
    lines, or a lower-case start after a line that ends on a word or a comma?"""
    if not text[:1].islower():
        return False
    end = prev.rstrip()[-2:]
    return len(end) == 2 and (end[1] == "-" and end[0].isalpha() or end[1].isalpha() or end[1] == ",")


def _timelines(lines: list[Line]) -> list[Line]:
    """Three or more year-first rows in a row ("2013 – Första studieresan") are list items."""
    out = list(lines)
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and TIMELINE_RE.match(out[j].text) and (j == i or not out[j].gap_before):
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                out[k] = Line(text=out[k].text, raw=out[k].raw, bullet=True, gap_before=out[k].gap_before,
                              indented=out[k].indented, src=out[k].src)
        i = max(j, i + 1)
    return out


def _ordinal(mark: str) -> int:
    """"3" → 3, "c" → 3."""
    return int(mark) if mark.isdigit() else ord(mark) - 96


def _numbered_lists(lines: list[Line]) -> list[Line]:
    """"1. Text", "2. Text", ... set as consecutive lines (no blank line between, wrapped lines
    allowed) are list items: they become bullet lines without their numbers. Numbered lines
    apart from each other are left alone (they may be card headings, "1. Titel")."""
    out = list(lines)
    i = 0
    while i < len(out):
        m = NUMBERED_ITEM_RE.match(out[i].text)
        if not m or out[i].bullet:
            i += 1
            continue
        run, expect, j = [i], _ordinal(m.group(1)) + 1, i + 1
        while j < len(out) and not out[j].gap_before:
            mj = NUMBERED_ITEM_RE.match(out[j].text)
            if mj and _ordinal(mj.group(1)) == expect:
                run.append(j)
                expect += 1
            elif not (starts_lower(out[j].text) or out[j].indented):
                break
            j += 1
        if len(run) >= 2:
            for k in run:
                ln = out[k]
                body = ln.text[NUMBERED_ITEM_RE.match(ln.text).end():]
                out[k] = Line(text=body, raw=ln.raw, bullet=True, gap_before=ln.gap_before,
                              indented=ln.indented, src=ln.src)
            i = j
        else:
            i += 1
    return out


#: A row that opens with a fact's label and its value: "Projektägare: …", "Tid: 2019–2022".
LABEL_OPENS_RE = re.compile(r"^[A-ZÅÄÖ][\wåäöÅÄÖ\- ]{1,28}:\s+\S")


#: Words a wrapped item or fact value cannot end on: "Parter: Ekby kommun och" goes on in the
#: next line, "Lumbo novads (Lettland)".
JOINING_ENDS = frozenset("och & samt med i för".split())


def ends_on(text: str, words: frozenset[str]) -> bool:
    """Does ``text`` end on one of ``words`` (lower case), a word a phrase cannot stop at?"""
    last = text.split()[-1:]
    return bool(last) and last[0].lower() in words


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(_SENT_END)


def starts_lower(text: str) -> bool:
    """True when the first letter is lower case (a continuation of the previous line)."""
    for c in text:
        if c.isalpha():
            return c.islower()
        if c.isdigit():
            return False
        if c in "(’'\"”“":
            continue
        return False
    return False


def join_wrapped(parts: list[str]) -> str:
    """Join wrapped lines: "inter-" + "nationella" → "internationella", keep "Miljö- och"."""
    out = ""
    for part in parts:
        part = squash(part)
        if not part:
            continue
        if not out:
            out = part
            continue
        first = part.split(" ", 1)[0]
        if (len(out) > 1 and out.endswith("-") and out[-2].isalpha() and starts_lower(part)
                and fold(first).strip(".,;:") not in _KEEP_HYPHEN_BEFORE):
            out = out[:-1] + part
        else:
            out = out + " " + part
    return out
