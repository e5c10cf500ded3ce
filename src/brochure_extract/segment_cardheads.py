"""Where project cards begin: the many ways brochures head a card.

"Projekt 1: Titel", "PROJEKTEXEMPEL 1", "Delprojekt 3 –", "Insats 1 · Titel", "Projekt #2", "PROJEKT 2/4",
Roman, lettered, ordinal-word and number-word cards, "01" on its own line, "1. Titel" and "1 Titel"
series over fact lists, a title over a "Projektfakta" box, and, when nothing names them, cards
found by their shape: a short heading over two or more labelled facts.
"""
from __future__ import annotations

import re
from collections import Counter

from .segment_common import LABEL_OPENS_RE, Line, ends_sentence, fold, starts_lower, strip_bullet
from .segment_facts import (
    AREA_RE,
    PARTNERS_KEY_RE,
    parse_partners_line,
    BOX_HEAD_RE,
    POP_RE,
    count_value,
    is_fact_line,
    parse_area,
)
from .segment_flow import Style
from .segment_quotes import parse_attribution

CARD_RE = re.compile(
    r"^(?:[A-ZÅÄÖ]{2,}(?:\s[A-ZÅÄÖ]{2,})?\s+[–—-]\s+)?(?:projektexempel|samarbetsprojekt|delprojekt|projekt|exempel|case|insats|uppdrag|satsning|etapp|nr|p|#)"
    r"(?![a-zåäöA-ZÅÄÖ])\s*"  # (not "Projekten": a heading, not "Projekt en")
    r"(?:nr\.?\s*|#\s*)?(\d{1,2}|(?-i:[IVX]{1,4}|[A-H])(?=\s*[:.–—·-])|ett|en|tv[åa]|tre|fyra|fem|sex|sju|[åa]tta|nio|tio)"
    r"(?:\s+av\s+\d{1,2}|\s*/\s*\d{1,2})?(?:\s*\((?:19|20)\d\d[^()]{0,12}\))?\s*(?:[:.–—·•«»-]\s*(.*)"
    r"|\s+(?P<land>(?-i:[A-ZÅÄÖ]{3,}(?:\s[A-ZÅÄÖ]{2,})?)))?$", re.I)  # "PROJEKT 1 GHANA": the card's country


#: "PROJEKTEXEMPEL å": the label in capitals with a mangled digit (a repair or OCR slip).
#: "Första projektet: Titel": a card numbered by an ordinal word (on folded text).
ORDINAL_CARD_RE = re.compile(r"^(?P<ord>forsta|andra|tredje|fjarde|femte|sjatte|sjunde|attonde|nionde|tionde)\s+"
                             r"(?:projekt(?:et)?|exempl(?:et)?|insats(?:en)?|uppdrag(?:et)?|delprojekt(?:et)?)\s*"
                             r"[:.–—-]\s*(?P<title>\S.*)$")


_ORDINALS = {w: k for k, w in enumerate(
    "forsta andra tredje fjarde femte sjatte sjunde attonde nionde tionde".split(), 1)}


#: "Projektet ”Titel”": an unnumbered card named in quotation marks.
QUOTED_CARD_RE = re.compile(r"^projektet\s+[”\"«»“](?P<title>[^”\"«»“]{3,80})[”\"«»“]$", re.I)


#: "#1 Varning innan skredet": a hash-numbered card heading.
HASH_CARD_RE = re.compile(r"^#\s?(\d{1,2})\s+([A-ZÅÄÖ].{2,80})$")
#: "01" alone on a line: a zero-padded card number (page numbers are never padded).
PADDED_NUMBER_RE = re.compile(r"^0\d$")


LOST_NUMBER_RE = re.compile(r"^(?:PROJEKTEXEMPEL|PROJEKT|EXEMPEL)\s+\S{1,2}$")


#: "1. Titel" / "2) Titel": a card heading only as a series whose items open fact lists.
NUMBERED_RE = re.compile(r"^(\d{1,2})(?:[.)]|\s+\|)\s+([A-ZÅÄÖ].{2,70})$")


#: "1 Varje droppe räknas" set as a heading (bold or large): a card number without punctuation.
BARE_NUMBERED_RE = re.compile(r"^(\d{1,2})\s+([A-ZÅÄÖ].{2,70})$")


#: "MALTID", "VATTEN 2": a card's acronym on a line of its own (one word in capitals, perhaps a number).
ACRONYM_LINE_RE = re.compile(r"^[A-ZÅÄÖ][A-ZÅÄÖ0-9\-]{2,14}(?:\s\d{1,2})?$")


FACT_HEAD_RE = re.compile(r"^((?:projektet |fakta )?i korthet|kort om projektet|fakta om projektet|projektfakta|snabbfakta"
                          r"|fakta|nyckeltal|projektet i siffror)\b\s*:?\s*(.*)$", re.I)


def card_number(ln: Line) -> int | None:
    """The card number of a card heading line; 0 for an all-caps label whose number OCR lost."""
    text = ln.text.strip()
    if PADDED_NUMBER_RE.match(text) and ln.gap_before:
        return int(text)
    h = HASH_CARD_RE.match(text)
    if h and not ends_sentence(text):
        return int(h.group(1))
    o = ORDINAL_CARD_RE.match(fold(text))
    if o and len(text) <= 90:
        return _ORDINALS[o.group("ord")]
    if QUOTED_CARD_RE.match(text):
        return 0
    m = CARD_RE.match(text)
    if not m or len(text) > 90:
        lost = LOST_NUMBER_RE.match(text)
        return 0 if lost else None
    head = text.split()[0]
    if not m.group(2) and not (head.isupper() or ln.gap_before or len(text) <= 16):
        return None
    return _number(m.group(1))


def _number(token: str) -> int:
    """"3", a Roman "III", a letter "C" or a word "tre" → 3."""
    if token.isdigit():
        return int(token)
    if len(token) == 1 and token in "ABCDEFGH":
        return ord(token) - 64
    if not set(token) <= set("IVX"):
        return count_value(token)  # "tre", "TVÅ"
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for k, ch in enumerate(token):
        v = values[ch]
        total += -v if k + 1 < len(token) and values[token[k + 1]] > v else v
    return total


def _emphasised_series(ls: list[Line], end: int, style: Style) -> list[int]:
    """"1 Torka och översvämning", "2 Marknaden som mötesplats" set as headings, each card's labelled
    facts further down (in a sidebar read after the body): a series whose every member has two or
    more labelled rows before the next. (Chapters "1 Inledning", "2 Våra partnerskap" have none.)"""
    heads = [i for i in range(end) if style.emphasised(ls[i]) and not ls[i].bullet
             and BARE_NUMBERED_RE.match(ls[i].text) and not ends_sentence(ls[i].text)]
    if len(heads) < 2:
        return []
    for a, b in zip(heads, heads[1:] + [end]):
        if sum(is_fact_line(strip_bullet(ls[k].text)[0]) for k in range(a + 1, b)) < 2:
            return []
    return heads


def _numbered_starts(ls: list[Line], end: int, style: Style | None = None) -> list[int]:
    """Plain "1. Titel" headings: cards only when numbered 1, 2, ... and each opens a fact list.

    Without the fact lists a numbered series is an ordinary list in the prose.
    """
    found = [i for i in range(end) if _opens_numbered_card(ls, i, end) or _numbered_over_fact_box(ls, i, end) or (
        style is not None and style.emphasised(ls[i]) and not ls[i].bullet and (
            NUMBERED_RE.match(ls[i].text) or BARE_NUMBERED_RE.match(ls[i].text)
            and any(is_fact_line(ls[k].text) for k in range(i + 1, min(end, i + 6))))) or (
        # "1 Varje droppe räknas" (no punctuation): only with labelled facts right below
        not ls[i].bullet and BARE_NUMBERED_RE.match(ls[i].text) and not ends_sentence(ls[i].text)
        and sum(_opens_fact_row(ls[k].text) for k in range(i + 1, min(end, i + 6))) >= 2)]
    if not found and style is not None:
        found = _emphasised_series(ls, end, style)
    numbers = [int((NUMBERED_RE.match(ls[i].text) or BARE_NUMBERED_RE.match(ls[i].text)).group(1)) for i in found]
    # A series 1, 2, 3 ... (OCR may lose a number on the way, but it never invents one).
    ordered = bool(numbers) and numbers[0] == 1 and all(b > a for a, b in zip(numbers, numbers[1:]))
    return found if ordered and (len(found) >= 2 or numbers == [1]) else []


def _opens_fact_row(text: str) -> bool:
    """A fact row, or a row opening with a label (OCR may have merged the body beside it onto it)."""
    t = strip_bullet(text)[0]
    return is_fact_line(t) or bool(LABEL_OPENS_RE.match(t))


def _fact_headed_starts(ls: list[Line], end: int) -> list[int]:
    """Cards headed by their title alone ("BARNMORSKOR I NÄTVERK") over a "Projektfakta" box:
    each short title line directly above a fact header opens a card (numbered in order). An
    acronym line ("MALTID") may stand apart from the header: plain-text OCR sets blank lines
    between the rows of a card's heading band."""
    out = []
    seen = Counter(_line_key(ln.text) for ln in ls[:end])
    for i in range(end - 1):
        ln, nxt = ls[i], ls[i + 1]
        head = FACT_HEAD_RE.match(nxt.text)
        acronym = ACRONYM_LINE_RE.match(ln.text.strip())
        if (head and not head.group(2) and (not nxt.gap_before or acronym)
                and ln.gap_before and not ln.bullet
                and len(ln.text) <= 90 and not ends_sentence(ln.text) and (acronym or not is_fact_line(ln.text))):
            up = ls[i - 1] if i else None
            # "Skolmåltider som lyfter" over "MÅLTID": the title opens the card (not a running head,
            # printed on every page, nor the previous card's "Name, role" line)
            above = (acronym and up is not None and _title_like(up) and not ACRONYM_LINE_RE.match(up.text.strip())
                     and not parse_attribution(up.text) and seen[_line_key(up.text)] == 1)
            out.append(i - 1 if above else i)
    return out if len(out) >= 2 else []


def _line_key(text: str) -> str:
    return re.sub(r"[^a-z]", "", fold(text))


def _structural_starts(ls: list[Line], end: int) -> list[int]:
    """Cards whose heading no rule names: a short line after a blank line, with a list of two or
    more labelled facts a few lines below it (title, partner line or a quote may come between).
    Only a series of two or more counts; partner boxes (area, population) are not cards."""
    out: list[int] = []
    i = 0
    while i < end:
        ln = ls[i]
        if not (ln.gap_before and not ln.bullet and len(ln.text) <= 90 and not ends_sentence(ln.text)
                and not is_fact_line(ln.text) and not FACT_HEAD_RE.match(ln.text)
                and not parse_attribution(ln.text)  # the previous card's "Name, role" line
                and not (i + 1 < end and ls[i + 1].bullet)):  # a heading over bullets heads a section
            i += 1
            continue
        j = i + 1
        while j < min(end, i + 4) and not _fact_run(ls, j, end):
            j += 1
        if j < min(end, i + 4) and not BOX_HEAD_RE.match(fold(ln.text).strip(" :")) and not any(
                _is_box_row(ls[k].text) for k in _fact_rows(ls, j, min(end, j + 6))):
            out.append(i)
            i = j + 1
            continue
        i += 1
    return out if len(out) >= 2 else []


def _fact_rows(ls: list[Line], j: int, end: int) -> list[int]:
    """The labelled rows from ``j`` on, up to the first line of prose (blank lines do not end them:
    plain-text OCR sets one between the rows of a table)."""
    out = []
    for k in range(j, end):
        if not is_fact_line(strip_bullet(ls[k].text)[0]):
            break
        out.append(k)
    return out


def _fact_run(ls: list[Line], j: int, end: int) -> bool:
    """Two labelled fact lines from ``j``, the first one's value perhaps wrapped onto a line or two
    ("Ansvarig:" / "Arbetsmarknadsenheten, Furuhälla" / "kommun" / "Period: 2020–2023")."""
    if not (j + 1 < end and not ls[j].bullet and is_fact_line(ls[j].text)):
        return False
    for k in range(j + 1, min(end, j + 4)):
        if is_fact_line(ls[k].text):
            return True
        wraps = ls[k - 1].text.rstrip().endswith((":", ",", "-")) or starts_lower(ls[k].text)
        if ls[k].bullet or ends_sentence(ls[k].text) or len(ls[k].text) > 50 or not wraps:
            return False  # prose, not a wrapped value
    return False


def _is_box_row(text: str) -> bool:
    """An area or population row: a partner box, not a card's facts."""
    t = strip_bullet(text)[0]
    return bool(AREA_RE.match(t) or POP_RE.match(t) or parse_area(t) is not None
                or re.search(r"\d\s*(?:km²|km2|kvkm|invånare|inv\.)", t))


def _numbered_over_fact_box(ls: list[Line], i: int, end: int) -> bool:
    """"1. Säsongens mat i skolan" over prose that a "Fakta om projektet" box closes, before the
    next numbered heading: a card whose facts come after its body."""
    ln = ls[i]
    if ln.bullet or not ln.gap_before or ends_sentence(ln.text) or not NUMBERED_RE.match(ln.text):
        return False
    for k in range(i + 1, min(end, i + 40)):
        if NUMBERED_RE.match(ls[k].text) and ls[k].gap_before:
            return False
        m = FACT_HEAD_RE.match(ls[k].text)
        if m and not m.group(2) and k > i + 1:
            return True
    return False


def _opens_numbered_card(ls: list[Line], i: int, end: int) -> bool:
    """"1. Titel" after a blank line with a fact list in the next two lines."""
    ln = ls[i]
    if ln.bullet or (ends_sentence(ln.text) and not ln.text.rstrip().endswith("?")) or not (ln.gap_before or i == 0) or (
            not NUMBERED_RE.match(ln.text)):
        return False
    nxt = [ls[k].text for k in range(i + 1, min(end, i + 3))]
    return any(FACT_HEAD_RE.match(t) or is_fact_line(strip_bullet(t)[0]) for t in nxt)


def band_countries(text: str) -> list[str]:
    """The countries on a line of card bands ("PROJEKT 2 GHANA PROJEKT 3 GHANA" → Ghana, Ghana)."""
    if not _BANDS_RE.match(text.strip()):
        return []
    return [m.group().split()[-1].title() for m in _BAND_RE.finditer(text) if not m.group().split()[-1].isdigit()]


def card_head(text: str) -> tuple[int, str | None]:
    """(number, title on the heading line) of a card heading; number 0 when OCR lost it."""
    bands = _BAND_RE.findall(text) if _BANDS_RE.match(text.strip()) else []
    if bands:
        return int(bands[0]), None  # the first of the bands OCR read as one line
    if PADDED_NUMBER_RE.match(text):
        return int(text), None
    o = ORDINAL_CARD_RE.match(fold(text))
    if o:
        return _ORDINALS[o.group("ord")], text[len(text) - len(o.group("title")):].strip()
    q = QUOTED_CARD_RE.match(text)
    if q:
        return 0, q.group("title").strip()
    m = CARD_RE.match(text) or HASH_CARD_RE.match(text) or NUMBERED_RE.match(text) or BARE_NUMBERED_RE.match(text)
    return (_number(m.group(1)), m.group(2) or None) if m else (0, None)


#: "PROJEKT 2 GHANA PROJEKT 3 GHANA": the coloured bands of cards set in columns side by side, read as one line.
_BAND_RE = re.compile(r"PROJEKT\s+(\d{1,2})(?:\s+[A-ZÅÄÖ]{3,})?", re.I)
_BANDS_RE = re.compile(rf"^(?:{_BAND_RE.pattern}\s*){{2,4}}$", re.I)
#: The owner row that opens a card's fact table ("Ägare Tekniska förvaltningen", "Projektägare: …").
OWNER_ROW_RE = re.compile(r"^(?:projekt)?(?:ägare|agare|ansvarig)\b", re.I)


def _banded_column_starts(ls: list[Line], end: int, named: list[int]) -> list[int]:
    """Cards set in columns side by side under one row of bands: OCR reads the bands as one line
    ("PROJEKT 2 GHANA PROJEKT 3 GHANA") and then each column in turn. The first card opens at the
    bands; each further one at the title over its fact table's owner row."""
    out: list[int] = []
    for i in named:
        k = len(_BAND_RE.findall(ls[i].text))
        if k < 2:
            continue
        stop = min([n for n in named if n > i] + [end])
        owners = [j for j in range(i + 1, stop) if OWNER_ROW_RE.match(strip_bullet(ls[j].text)[0])]
        for j in owners[1:k]:
            top = j - 1
            while top > j - 4 and top > i and not ls[top].gap_before:
                top -= 1  # the title over the table, perhaps wrapped
            if top > i and _title_like(ls[top]):
                out.append(top)
    return out


def _title_like(ln: Line) -> bool:
    return (not ln.bullet and len(ln.text) <= 90 and not ends_sentence(ln.text) and not starts_lower(ln.text)
            and not is_fact_line(ln.text))


def _headless_twins(ls: list[Line], end: int, named: list[int]) -> list[int]:
    """Cards whose "PROJEKT 3" bar OCR lost (white type on colour): when the named cards open with
    a title and then a partner line ("A kommun och B, Land"), another title over a partner line
    opens a card too (its number follows the card before)."""
    def partner_line_after(i: int) -> bool:
        return i + 1 < end and parse_partners_line(ls[i + 1].text) is not None

    shaped = [s for s in named if partner_line_after(s) or s + 1 < end and _title_like(ls[s + 1]) and partner_line_after(s + 1)]
    if len(shaped) < 2 or len(shaped) < len(named) - 1:
        return []
    near = {r for s in named for r in range(s, s + 3)}
    # the card before must have its own title: a bar OCR read early ("PROJEKT 2" over the previous
    # card's body) belongs to the title that follows, which lower_early_heads puts back
    return [i for i in range(end - 1) if i not in near and ls[i].gap_before and _title_like(ls[i]) and partner_line_after(i)
            and not parse_attribution(ls[i].text) and max((s for s in named if s < i), default=-1) in shaped]


def partner_row(ls: list[Line], i: int, end: int) -> bool:
    """A card's partner line: "A och B (Land)", or "Parter: A och B (Land)" (wrapped after "och")."""
    text = strip_bullet(ls[i].text)[0]
    if parse_partners_line(text) is not None:
        return True
    label = PARTNERS_KEY_RE.match(fold(text))
    if label is None:
        return False
    value = text[label.end():].strip()
    if i + 1 < end and not ls[i + 1].gap_before and re.search(r"(?:\boch|,|&)$", value):
        value = f"{value} {ls[i + 1].text.strip()}"
    return parse_partners_line(value) is not None


def _partner_headed_starts(ls: list[Line], end: int) -> list[int]:
    """Cards known by a title (a line or three, "(ACRONYM)" perhaps on its own) over a partner line
    ("Parter: A kommun och B (Land)"), when OCR lost their numbers: two or more such."""
    out = []
    for i in range(1, end):
        if not (ls[i].gap_before and partner_row(ls, i, end)):
            continue
        top = i - 1
        while top > i - 3 and not ls[top].gap_before and top > 0:
            top -= 1  # a title wrapped over two or three lines
        if (ls[top].gap_before and _title_like(ls[top]) and not parse_attribution(ls[top].text)
                and all(len(ls[k].text) <= 60 and not ends_sentence(ls[k].text) and not ls[k].bullet for k in range(top, i))):
            out.append(top)
    return out if len(out) >= 2 else []


def _without_contents(ls: list[Line], named: list[int]) -> list[int]:
    """The card headings less a table of contents' entries ("Case 1: Avfallshantering som" /
    "fungerar 2"): each followed by the next entry within two lines, its number heading a card
    again further on."""
    numbers = {i: card_number(ls[i]) for i in named}
    out = []
    for k, i in enumerate(named):
        n = numbers[i]
        nxt = named[k + 1] if k + 1 < len(named) else None
        again = any(numbers[j] == n for j in named[k + 1:])
        if n and again and nxt is not None and nxt - i <= 2 and not any(ls[j].gap_before for j in range(i + 1, nxt)):
            continue
        wrapped = ls[i + 1].text if i + 1 < len(ls) and not ls[i + 1].gap_before else ""
        if n and again and re.search(r"[a-zåäö]\s+\d{1,3}$", (wrapped or ls[i].text).strip()):
            continue  # the last entry, its page number after the title
        out.append(i)
    return out


def card_starts(ls: list[Line], end: int, style: Style) -> list[int]:
    """Indices of the lines that open project cards, by the first rule that finds any.

    Numbered headings and fact-box heads are taken together: OCR drops a number printed white
    on a coloured square on some cards and not others ("1 Rena marknader" over its facts, then
    "MALTID" over the next card's "Kort om projektet")."""
    named = [i for i in range(end) if card_number(ls[i]) is not None or _BANDS_RE.match(ls[i].text.strip())]
    named = _without_contents(ls, named)
    if named:
        return sorted(set(named + _headless_twins(ls, end, named) + _banded_column_starts(ls, end, named)))
    numbered = _numbered_starts(ls, end, style)
    boxed = _fact_headed_starts(ls, end)
    if numbered and boxed:
        # a fact-box head a few lines under a numbered heading is that card's own
        return sorted(set(numbered) | {i for i in boxed if not any(0 < i - n <= 3 for n in numbered)})
    found = numbered or boxed or _structural_starts(ls, end) or _partner_headed_starts(ls, end)
    return sorted(found + _headless_twins(ls, end, found))
