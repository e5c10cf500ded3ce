"""Lines made ready for the genre rules: running heads and page footers dropped, fact rows set
on one line split ("Ansvarig: X | Period: 2018–2020"), sub-headings every card repeats dropped,
and goal-group headings ("MÅL 4 · GOD UTBILDNING") taken out with the goal they give the cards."""
from __future__ import annotations

import re
from dataclasses import replace

from .layout import TextLine
from .segment_cardheads import CARD_RE, FACT_HEAD_RE, card_number
from .segment_columns import text_width
from .segment_common import Line, clean_lines, ends_sentence, fold, strip_bullet
from .segment_facts import (
    AREA_RE,
    POP_RE,
    WEB_RE,
    is_fact_line,
    is_partner_fact,
    parse_contact,
)
from .segment_quotes import parse_attribution

#: A heading that groups the cards after it under one global goal: "MÅL 4 · GOD UTBILDNING FÖR ALLA".
_GOAL_GROUP_RE = re.compile(r"^(?:globalt\s+)?m\S{1,2}l\s+(\d{1,2})\b(?:\s*[·:–—-]\s*\S.*)?$")


_CITAT_HEAD_RE = re.compile(r"^(?:citat|röster|kontakt)\b", re.I)


def drop_subheads(ls: list[Line]) -> list[Line]:
    """Sub-headings every card repeats ("Utmaningen", "Så gjorde vi"): short lines alone after a blank
    line, over prose, printed two or more times. They order a card's body; they are no sections."""
    def subhead(k: int) -> bool:
        ln = ls[k]
        return (ln.gap_before and not ln.bullet and len(ln.text) <= 40 and not ends_sentence(ln.text)
                and k + 1 < len(ls) and not ls[k + 1].gap_before and len(ls[k + 1].text) > 48
                and not is_fact_line(ln.text) and not is_fact_line(ls[k + 1].text) and not FACT_HEAD_RE.match(ln.text)
                and not ls[k + 1].bullet and _CITAT_HEAD_RE.match(ln.text) is None
                and card_number(ln) is None)
    counts: dict[str, int] = {}
    for k in range(len(ls)):
        if subhead(k):
            counts[fold(ls[k].text)] = counts.get(fold(ls[k].text), 0) + 1
    repeated = {t for t, n in counts.items() if n >= 2}
    if not repeated:
        return ls
    out: list[Line] = []
    dropped = False
    for k, ln in enumerate(ls):
        if subhead(k) and fold(ln.text) in repeated:
            dropped = True
            continue
        out.append(replace(ln, gap_before=True) if dropped else ln)  # the prose under it starts a paragraph
        dropped = False
    return out


def goal_groups(ls: list[Line]) -> tuple[list[Line], dict[int, int]]:
    """Take out goal-group headings (a line of capitals standing alone); return the other lines
    and, for each heading, the index of the line after it and its goal number."""
    kept: list[Line] = []
    marks: dict[int, int] = {}
    for k, ln in enumerate(ls):
        m = _GOAL_GROUP_RE.match(fold(ln.text))
        alone = ln.gap_before and (k + 1 == len(ls) or ls[k + 1].gap_before)
        if m and alone and ln.text.upper() == ln.text and 1 <= int(m.group(1)) <= 17:
            marks[len(kept)] = int(m.group(1))
            if k + 1 < len(ls):
                ls[k + 1] = replace(ls[k + 1], gap_before=True)
            continue
        kept.append(ln)
    return kept, marks


_PIPE_RE = re.compile(r"\s[|·]\s|\s/\s(?=[A-ZÅÄÖ][\w\s]{1,25}:\s)|;\s(?=[A-ZÅÄÖa-zåäö][\w\s]{1,25}:)|(?<=\S\.)\s(?=[A-ZÅÄÖ][\w\s]{1,25}:\s)")


def split_fact_rows(ls: list[Line]) -> list[Line]:
    """"Ansvarig: X | Period: 2018–2020 | Mål: 4" is three fact rows set on one line. A contact
    line ("www.x.se | info@x.se | tel. ...") stays whole: the footer rules read it as one."""
    out: list[Line] = []
    for ln in ls:
        pieces = [p.strip() for p in _PIPE_RE.split(ln.text)] if (" | " in ln.text or " · " in ln.text or " / " in ln.text
                                                                   or is_fact_line(ln.text) and ("; " in ln.text or ". " in ln.text)) else []
        if ". " in ln.text and pieces and " | " not in ln.text and " · " not in ln.text and "; " not in ln.text:
            pieces = [p.rstrip(".") for p in pieces]  # "Ansvarig: X. Period: 2018–2020. Resultat: …"
        if pieces and " / " in ln.text and " | " not in ln.text and " · " not in ln.text and not all(":" in p for p in pieces):
            pieces = []  # "Projektägare / Project owner: X" is one bilingual label, not two facts
        if pieces and parse_attribution(ln.text.replace(" | ", ", ")):
            pieces = []  # "Name (C) | role": an attribution
        if pieces and (pieces[0].isdigit() or ln.text.upper() == ln.text or "\t" in ln.raw):
            pieces = []  # "1 | Brunnar i byarna" is a card heading, "MÅL 4 · GOD UTBILDNING" a heading
        if pieces and " | " not in ln.text and not any(is_fact_line(p) for p in pieces):
            pieces = []  # "·" joins many things; only rows of facts are split
        if pieces and sum(is_fact_line(p) for p in pieces) < 2 and any(p.endswith(".") for p in pieces[:-1]):
            pieces = []  # "Period: 2021–2024 prose. | Kambodja …": OCR's "|" for a capital I in merged columns
        if len(pieces) < 2 or any(not p or len(p) > 90 for p in pieces) or parse_contact(ln.text):
            out.append(ln)
            continue
        for k, piece in enumerate(pieces):
            # An unlabelled piece ("Kostenheten, Vargsunda kommun") counts as a list item so the fact list
            # takes it; labelled pieces are facts by their labels.
            out.append(replace(ln, text=piece, gap_before=ln.gap_before and k == 0, bullet=True))
    return out


#: A box label set in a table's left column, which plain-text OCR joins to its value with a
#: space: "Land Zambia", "Yta 1 860 km²", "Partner sedan 2016" (folded).
_TABLE_LABEL_RE = re.compile(r"^(namn|land|invanare|invanarantal|antal invanare|befolkning|folkmangd|yta|areal|"
                             r"webb|webbplats|hemsida|partner sedan|samarbete sedan|partnerskap sedan|"
                             r"antal projekt|projekt|gemensamma projekt|teman|tema|samarbetsomraden|finansiering|"
                             r"projektagare|ansvarig|period|tid|mal|globala mal|resultat|budget|partner)\s+(?=\S)(?![:–—/|.…-])")


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
        while j < len(ls) and (hits[j] or (ls[j].text[:1].islower() and not ls[j].bullet)):
            if hits[j]:
                run.append(j)
            j += 1
        if len(run) >= 3:
            for r in run:
                m = _TABLE_LABEL_RE.match(fold(ls[r].text))
                assert m is not None
                cut = m.end()
                out[r] = replace(ls[r], text=f"{ls[r].text[:cut].rstrip()}: {ls[r].text[cut:]}")
        k = j
    return out


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


#: The two boxes' headings fused the same way: "Nyaweru i korthet Stejareni i korthet".
_TWIN_HEAD_RE = re.compile(r"^(?P<a>\S.*?\s(?P<s>i korthet|i siffror|i korta drag))\s+(?P<b>\S.*?\s(?P=s))$"
                           r"|^(?P<p>fakta om|om)\s+(?P<c>\S.*?)\s+(?P=p)\s+(?P<d>\S.*)$", re.I)


_FIGURE = r"(?:ca\.?\s*|cirka\s*)?\d[\d\s.,]*?\s*"
#: Two unlabelled boxes side by side, one figure from each on a row: "6 398 km² 345 km²".
_TWIN_FIGURES_RE = re.compile(rf"^(?P<a>{_FIGURE}(?:km\s?(?:2|²|\?)|kvkm|hektar|inv\S{{1,2}}nare))\s+"
                              rf"(?P<b>{_FIGURE}(?:km\s?(?:2|²|\?)|kvkm|hektar|inv\S{{1,2}}nare))$", re.I)


def unfuse_unlabelled_twins(ls: list[Line]) -> list[Line]:
    """Two partner boxes without labels (name, country, km², inhabitants, website) set side by
    side come out of OCR one row per line: "JB Marks Local Municipality Komuna Vushtrri",
    "Sydafrika Kosovo", "6 398 km² 345 km²". The figure rows split at their units and the
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


def unfuse_twin_boxes(ls: list[Line]) -> list[Line]:
    """Two boxes printed side by side with the same labels come out of OCR as one line per row,
    each holding both boxes' values. Put them back as two boxes, left one first.

    A wrapped row without labels stays with the left box (without positions nothing says where
    its right half began), unless a label of the run starts inside it.
    """
    out: list[Line] = []
    k = 0
    while k < len(ls):
        if not _TWIN_ROW_RE.match(ls[k].text):
            out.append(ls[k])
            k += 1
            continue
        start = k
        left: list[Line] = []
        right: list[Line] = []
        while k < len(ls):
            ln = ls[k]
            m = _TWIN_ROW_RE.match(ln.text)
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
                f"{head.group('p')} {head.group('c')}", f"{head.group('p')} {head.group('d')}")
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


def drop_running_heads(lines: list[TextLine]) -> list[TextLine]:
    """Remove running headers/footers: the same text first or last on three or more pages."""
    pages: dict[int, list[str]] = {}
    for tl in lines:
        if tl.text.strip():
            pages.setdefault(tl.page, []).append(_page_free(tl.text))
    if len(pages) < 2:
        return _drop_repeated_heads(lines)
    seen: dict[str, int] = {}
    for texts in pages.values():
        for t in {*texts[:2], *texts[-2:]}:
            seen[t] = seen.get(t, 0) + 1
    need = 2 if len(pages) <= 4 else 3
    running = {t for t, n in seen.items() if n >= need and 0 < len(t) <= 80 and not CARD_RE.match(t)}
    if not running:
        return lines
    return [tl for tl in lines if _page_free(tl.text) not in running]


_PAGE_MARK_RE = re.compile(r"\b(?:sida|sidan|page|s\.)\s*\d+(?:\s*(?:av|of|/)\s*\d+)?\s*$|^\s*\d+\s*(?:/|av)\s*\d+\s*$"
                           r"|\s[|·]\s[^|·]+\s\d{1,3}\s*$", re.I)  # "Hjortvikens kommun | Partnerskap Lunhanga 3"


def _drop_repeated_heads(lines: list[TextLine]) -> list[TextLine]:
    """Plain text has no pages, but its running heads still repeat: a line printed two or more
    times, once at least with a page number ("Säversta kommun - Partnerskap Hoa Lam Sida 1"),
    goes; so does a page number alone ("Sida 2")."""
    counts: dict[str, int] = {}
    marked: set[str] = set()
    for tl in lines:
        t = tl.text.strip()
        if not t:
            continue
        key = _page_free(t)
        counts[key] = counts.get(key, 0) + 1
        if _PAGE_MARK_RE.search(t):
            marked.add(key)
    # (Only with a page number: a wrapped fact such as "förvaltningen, X kommun" repeats too.)
    heads = {k for k, n in counts.items() if 0 < len(k) <= 80 and not CARD_RE.match(k) and not FACT_HEAD_RE.match(k)
             and n >= 2 and k in marked}
    out = []
    for tl in lines:
        t = tl.text.strip()
        if t and (_page_free(t) in heads or (_PAGE_MARK_RE.fullmatch(t) is not None and len(t) <= 12)):
            continue
        out.append(tl)
    return out


def _page_free(text: str) -> str:
    """A header or footer line without its page number ("Sida 2", "3 / 8"), for comparison."""
    t = re.sub(r"\b(?:sida|sidan|page|s\.)\s*\d+(?:\s*(?:av|of|/)\s*\d+)?\b|\b\d+\s*(?:/|av)\s*\d+\b|\t\s*\d{1,3}\s*$|^\s*\d{1,3}\s*\t",
               "", text, flags=re.I)
    if re.search(r"\s[|·]\s", t):
        t = re.sub(r"\s\d{1,3}\s*$", "", t)  # "X | Y 3": a footer with its page number
    return " ".join(t.split())


def prepare(lines: list[TextLine]) -> tuple[list[Line], dict[int, int]]:
    """Layout lines → cleaned lines for the genre rules, and the goal groups (see ``goal_groups``)."""
    return goal_groups(drop_subheads(split_fact_rows(colon_table_rows(split_label_pairs(unfuse_box_bullets(unfuse_twin_boxes(unfuse_unlabelled_twins(clean_lines(drop_running_heads(lines))))))))))
