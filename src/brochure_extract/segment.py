"""Segment a brochure's lines into a typed ``Brochure``.

Genre: Swedish municipal / project brochures. A title page, headed sections,
partnership fact boxes ("N km2", "N invånare", website) with bullet facts, numbered
project cards ("PROJEKTEXEMPEL 1" / "Projekt 1: Titel" / a "1. Titel" series) with a fact
list (under "Kort om projektet"/"Fakta", bulleted, or labelled "Ansvarig: ..." lines),
body paragraphs and a quote, standalone quotes, and a contact footer. Each rule keys
on these genre cues, never on one brochure's names, and anything unrecognised falls
back to plain sections so any text gives a result instead of an exception.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .layout import TextLine, lines_from_text
from .models import Brochure, Contact, Partnership, ProjectCard, Quote
from .segment_columns import split_columns, text_width
from .segment_common import (
    Line,
    clean_lines,
    ends_sentence,
    fold,
    is_dash_start,
    join_wrapped,
    starts_lower,
    strip_bullet,
)
from .segment_facts import (
    AREA_RE,
    BOX_HEAD_RE,
    CONTACT_LABEL_RE,
    POP_RE,
    NAME_LABEL_RE,
    PARTNERS_KEY_RE,
    PROJECT_COUNT_RE,
    apply_partner_facts,
    is_fact_line,
    is_labelled,
    is_partner_fact,
    parse_area,
    parse_box_block,
    parse_card_facts,
    parse_contact,
    parse_partner_box,
    parse_partners_line,
    start_years,
)
from .segment_flow import Style, build_sections, group_items, group_paragraphs
from .segment_quotes import find_quote, parse_attribution

CARD_RE = re.compile(
    r"^(?:[A-ZÅÄÖ]{2,}(?:\s[A-ZÅÄÖ]{2,})?\s+[–—-]\s+)?(?:projektexempel|samarbetsprojekt|delprojekt|projekt|exempel|case|insats|uppdrag|satsning|etapp|nr)\s*"
    r"(?:nr\.?\s*|#\s*)?(\d{1,2}|(?-i:[IVX]{1,4}|[A-H])(?=\s*[:.–—·-])|ett|en|tv[åa]|tre|fyra|fem|sex|sju|[åa]tta|nio|tio)"
    r"(?:\s+av\s+\d{1,2}|\s*/\s*\d{1,2})?(?:\s*\((?:19|20)\d\d[^()]{0,12}\))?\s*(?:[:.–—·-]\s*(.*))?$", re.I)
#: "PROJEKTEXEMPEL å": the label in capitals with a mangled digit (a repair or OCR slip).
#: "Första projektet: Titel": a card numbered by an ordinal word (on folded text).
ORDINAL_CARD_RE = re.compile(r"^(?P<ord>forsta|andra|tredje|fjarde|femte|sjatte|sjunde|attonde|nionde|tionde)\s+"
                             r"(?:projekt(?:et)?|exempl(?:et)?|insats(?:en)?|uppdrag(?:et)?|delprojekt(?:et)?)\s*"
                             r"[:.–—-]\s*(?P<title>\S.*)$")
_ORDINALS = {w: k for k, w in enumerate(
    "forsta andra tredje fjarde femte sjatte sjunde attonde nionde tionde".split(), 1)}
#: "Projektet ”Titel”": an unnumbered card named in quotation marks.
QUOTED_CARD_RE = re.compile(r"^projektet\s+[”\"«»“](?P<title>[^”\"«»“]{3,80})[”\"«»“]$", re.I)
#: "01" alone on a line: a zero-padded card number (page numbers are never padded).
PADDED_NUMBER_RE = re.compile(r"^0\d$")
_LOST_NUMBER_RE = re.compile(r"^(?:PROJEKTEXEMPEL|PROJEKT|EXEMPEL)\s+\S{1,2}$")
#: "1. Titel" / "2) Titel": a card heading only as a series whose items open fact lists.
NUMBERED_RE = re.compile(r"^(\d{1,2})(?:[.)]|\s+\|)\s+([A-ZÅÄÖ].{2,70})$")
#: "1 Varje droppe räknas" set as a heading (bold or large): a card number without punctuation.
BARE_NUMBERED_RE = re.compile(r"^(\d{1,2})\s+([A-ZÅÄÖ].{2,70})$")
FACT_HEAD_RE = re.compile(r"^(kort om projektet|fakta om projektet|projektfakta|fakta|i korthet)\b\s*:?\s*(.*)$", re.I)
PARTNER_HEAD_RE = re.compile(r"^(samarbete[t]?|partnerskap(et)?|v\S{1,2}nort(en)?)\s+med\b", re.I)
_ACRONYM_RE = re.compile(r"^(?P<title>.+?)\s*\((?P<acr>[^()]{2,20})\)$")
#: "BALTREED – Vassen som resurs": the acronym first, then a dash and the title.
_ACRONYM_FIRST_RE = re.compile(r"^(?P<acr>[A-ZÅÄÖ][A-ZÅÄÖ0-9\-]{1,14}(?:\s\d)?)\s+[–—-]\s+(?P<title>\S.*[a-zåäö].*)$")
#: "Varmare trapphus – VARMA": the acronym after a dash.
_ACRONYM_LAST_RE = re.compile(r"^(?P<title>\S.*[a-zåäö].*?)\s+[–—-]\s+(?P<acr>[A-ZÅÄÖ][A-ZÅÄÖ0-9\-]{1,14})$")
_OCR_ACRONYM_RE = re.compile(r"^(?P<title>.+\S)\s+(?P<acr>[a-z]{1,6}\s?\d)$")


def segment_text(text: str) -> Brochure:
    """Plain text (PDF text layer, OCR output) → Brochure."""
    return segment_lines(lines_from_text(text))


def segment_lines(lines: list[TextLine]) -> Brochure:
    """Lines in reading order (with layout when known) → Brochure."""
    ls, goal_marks = _goal_groups(_drop_subheads(_split_fact_rows(clean_lines(_drop_running_heads(lines)))))
    style = Style.of(ls)
    brochure = Brochure()
    end = len(ls)
    found = _find_contact(ls)
    if found is not None:
        end, brochure.contact = found
    else:
        inner = _contact_block(ls)
        if inner is not None:  # a contact box printed mid-brochure, before the cards
            (a, b), brochure.contact = inner
            ls = ls[:a] + ls[b:]
            goal_marks = {(k if k < a else k - (b - a)): g for k, g in goal_marks.items()}
            end = len(ls)
    starts = ([i for i in range(end) if _card_number(ls[i]) is not None] or _numbered_starts(ls, end, style)
              or _fact_headed_starts(ls, end) or _structural_starts(ls, end))
    pre_end = starts[0] if starts else end
    used: set[int] = set()
    partners = _partnerships(ls, pre_end, used)
    quotes = _standalone_quotes(ls, 0, pre_end, used)
    rest = [ln for i, ln in enumerate(ls[:pre_end]) if i not in used]
    brochure.title, brochure.subtitle, brochure.sections = build_sections(rest, style)
    start_years([p for s in brochure.sections for p in s.paragraphs], partners)
    cut = _trailing_cut(ls, starts[-1], end, style) if starts else None
    if cut is not None:  # sections (and a partner box) after the last card: "Vad händer nu?"
        tail_lines = ls[cut:end]
        tail_used: set[int] = set()
        partners.extend(_partnerships(tail_lines, len(tail_lines), tail_used))
        quotes.extend(_standalone_quotes(tail_lines, 0, len(tail_lines), tail_used))
        rest_tail = [ln for i, ln in enumerate(tail_lines) if i not in tail_used]
        brochure.sections.extend(build_sections(rest_tail, style, front_matter=False)[2])
        end = cut
    brochure.partnerships = partners
    cards: list[ProjectCard] = []
    span_quotes: list[list[Quote]] = []
    for k, s in enumerate(starts):
        stop = starts[k + 1] if k + 1 < len(starts) else end
        card, qs, tail, section = _card(ls, s, stop, style, last=k + 1 == len(starts),
                                        partner_names=[p.partner for p in partners])
        countries = {p.country for p in partners if p.country}
        if card.country is None and len(card.partners) >= 2 and card.partners[-1] in countries:
            card.country = card.partners.pop()  # "Partner: Municipalidad de Pucará Alto, Peru"
        cards.append(card)
        span_quotes.append(qs)
        brochure.notes.extend(tail)
        if section:  # a section (and maybe a partner box) printed between two cards
            sec_used: set[int] = set()
            partners.extend(_partnerships(section, len(section), sec_used))
            rest_sec = [ln for k2, ln in enumerate(section) if k2 not in sec_used]
            brochure.sections.extend(build_sections(rest_sec, style, front_matter=False)[2])
    for k, s in enumerate(starts):  # cards grouped under "MÅL 4 · GOD UTBILDNING" take that goal
        group = max((at for at in goal_marks if at <= s), default=None)
        if group is not None and not cards[k].sdg_goals:
            cards[k].sdg_goals = [goal_marks[group]]
    for k, card in enumerate(cards):  # a lost number follows its predecessor
        if card.number == 0:
            card.number = (cards[k - 1].number or 0) + 1 if k else 1
    _assign_quotes(cards, span_quotes, quotes)
    brochure.projects = cards
    brochure.quotes = quotes + [c.quote for c in cards if c.quote]
    brochure.quotes.sort(key=lambda q: (q.project is not None, q.project or 0))
    return brochure


#: A heading that groups the cards after it under one global goal: "MÅL 4 · GOD UTBILDNING FÖR ALLA".
_GOAL_GROUP_RE = re.compile(r"^(?:globalt\s+)?m\S{1,2}l\s+(\d{1,2})\b(?:\s*[·:–—-]\s*\S.*)?$")


_CITAT_HEAD_RE = re.compile(r"^(?:citat|röster|kontakt)\b", re.I)


def _drop_subheads(ls: list[Line]) -> list[Line]:
    """Sub-headings every card repeats ("Utmaningen", "Så gjorde vi"): short lines alone after a blank
    line, over prose, printed two or more times. They order a card's body; they are no sections."""
    def subhead(k: int) -> bool:
        ln = ls[k]
        return (ln.gap_before and not ln.bullet and len(ln.text) <= 40 and not ends_sentence(ln.text)
                and k + 1 < len(ls) and not ls[k + 1].gap_before and len(ls[k + 1].text) > 48
                and not is_fact_line(ln.text) and not is_fact_line(ls[k + 1].text) and not FACT_HEAD_RE.match(ln.text)
                and not ls[k + 1].bullet and _CITAT_HEAD_RE.match(ln.text) is None
                and _card_number(ln) is None)
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


def _goal_groups(ls: list[Line]) -> tuple[list[Line], dict[int, int]]:
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


_PIPE_RE = re.compile(r"\s[|·]\s|;\s(?=[A-ZÅÄÖa-zåäö][\w\s]{1,25}:)|(?<=\S\.)\s(?=[A-ZÅÄÖ][\w\s]{1,25}:\s)")


def _split_fact_rows(ls: list[Line]) -> list[Line]:
    """"Ansvarig: X | Period: 2018–2020 | Mål: 4" is three fact rows set on one line. A contact
    line ("www.x.se | info@x.se | tel. ...") stays whole: the footer rules read it as one."""
    out: list[Line] = []
    for ln in ls:
        pieces = [p.strip() for p in _PIPE_RE.split(ln.text)] if (" | " in ln.text or " · " in ln.text
                                                                   or is_fact_line(ln.text) and ("; " in ln.text or ". " in ln.text)) else []
        if ". " in ln.text and pieces and " | " not in ln.text and " · " not in ln.text and "; " not in ln.text:
            pieces = [p.rstrip(".") for p in pieces]  # "Ansvarig: X. Period: 2018–2020. Resultat: …"
        if pieces and parse_attribution(ln.text.replace(" | ", ", ")):
            pieces = []  # "Name (C) | role": an attribution
        if pieces and (pieces[0].isdigit() or ln.text.upper() == ln.text or "\t" in ln.raw):
            pieces = []  # "1 | Brunnar i byarna" is a card heading, "MÅL 4 · GOD UTBILDNING" a heading
        if pieces and " | " not in ln.text and not any(is_fact_line(p) for p in pieces):
            pieces = []  # "·" joins many things; only rows of facts are split
        if len(pieces) < 2 or any(not p or len(p) > 90 for p in pieces) or parse_contact(ln.text):
            out.append(ln)
            continue
        for k, piece in enumerate(pieces):
            # An unlabelled piece ("Kostenheten, Vargsunda kommun") counts as a list item so the fact list
            # takes it; labelled pieces are facts by their labels.
            out.append(replace(ln, text=piece, gap_before=ln.gap_before and k == 0, bullet=True))
    return out


def _drop_running_heads(lines: list[TextLine]) -> list[TextLine]:
    """Remove running headers/footers: the same text first or last on three or more pages."""
    pages: dict[int, list[str]] = {}
    for tl in lines:
        if tl.text.strip():
            pages.setdefault(tl.page, []).append(_page_free(tl.text))
    if len(pages) < 2:
        return lines
    seen: dict[str, int] = {}
    for texts in pages.values():
        for t in {*texts[:2], *texts[-2:]}:
            seen[t] = seen.get(t, 0) + 1
    need = 2 if len(pages) <= 4 else 3
    running = {t for t, n in seen.items() if n >= need and 0 < len(t) <= 80 and not CARD_RE.match(t)}
    if not running:
        return lines
    return [tl for tl in lines if _page_free(tl.text) not in running]


def _page_free(text: str) -> str:
    """A header or footer line without its page number ("Sida 2", "3 / 8"), for comparison."""
    t = re.sub(r"\b(?:sida|sidan|page|s\.)\s*\d+(?:\s*(?:av|of|/)\s*\d+)?\b|\b\d+\s*(?:/|av)\s*\d+\b|\t\s*\d{1,3}\s*$|^\s*\d{1,3}\s*\t",
               "", text, flags=re.I)
    return " ".join(t.split())


def _find_contact(ls: list[Line]) -> tuple[int, Contact] | None:
    """The footer: one line with two of web/e-mail/phone, or the last few lines together."""
    for i in range(len(ls) - 1, max(-1, len(ls) - 8), -1):
        c = parse_contact(ls[i].text)
        if c:
            return _with_footer_head(ls, i, c)
    for k in (9, 8, 7, 6, 5, 4, 3, 2):  # a footer set as a stack of short lines, in a block of its own
        if len(ls) <= k:
            continue
        tail = ls[-k:]
        headed = tail[0].text.rstrip().endswith("?") or CONTACT_LABEL_RE.fullmatch(fold(tail[0].text).strip())
        if (len(ls) > k and all(len(ln.text) <= 60 for ln in tail) and tail[0].gap_before
                and (not ends_sentence(tail[0].text) or tail[0].text.rstrip().endswith("?"))
                and not any(ln.gap_before for ln in tail[2 if headed else 1:])):
            c = parse_contact(" • ".join(ln.text for ln in ls[-k:]))
            if c:
                return len(ls) - k, c
    return None


_CONTACT_HEAD_RE = re.compile(r"^(?:kontakt|kontakta oss|kontaktuppgifter|kontaktinformation|mer information)\s*:?$")


def _contact_block(ls: list[Line]) -> tuple[tuple[int, int], Contact] | None:
    """A block headed "Kontakt" anywhere in the brochure, whose lines give two contact cues."""
    for i, ln in enumerate(ls):
        if not (ln.gap_before and _CONTACT_HEAD_RE.match(fold(ln.text))):
            continue
        j = i + 1
        while j < len(ls) and not ls[j].gap_before and j - i <= 8:
            j += 1
        c = parse_contact(" • ".join(x.text for x in ls[i:j]))
        if c is not None and j > i + 1:
            return (i, j), c
    return None


def _with_footer_head(ls: list[Line], i: int, c: Contact) -> tuple[int, Contact]:
    """The contact line ``i`` and the short lines above it in its own block ("Mer information",
    "Österå kommun, internationella enheten"): they belong to the footer, and name its organisation."""
    last = i
    while last + 1 < len(ls) and not ls[last + 1].gap_before and len(ls[last + 1].text) <= 70:
        last += 1  # lines below it in the same block ("ekhamn.se/eu")
    start = i
    while (start > 0 and i - start < 3 and not ls[start].gap_before and len(ls[start - 1].text) <= 70
           and not ends_sentence(ls[start - 1].text)):
        start -= 1
    if start == i and last > i:
        whole = parse_contact(" • ".join(ln.text for ln in ls[i : last + 1]))
        return i, whole if whole and (whole.organisation or not c.organisation) else c
    if start == i or not ls[start].gap_before:
        return i, c
    whole = parse_contact(" • ".join(ln.text for ln in ls[start : last + 1]))
    if whole is None or (c.organisation and not whole.organisation):
        return i, c
    return start, whole


def _card_number(ln: Line) -> int | None:
    """The card number of a card heading line; 0 for an all-caps label whose number OCR lost."""
    text = ln.text.strip()
    if PADDED_NUMBER_RE.match(text) and ln.gap_before:
        return int(text)
    o = ORDINAL_CARD_RE.match(fold(text))
    if o and len(text) <= 90:
        return _ORDINALS[o.group("ord")]
    if QUOTED_CARD_RE.match(text):
        return 0
    m = CARD_RE.match(text)
    if not m or len(text) > 90:
        lost = _LOST_NUMBER_RE.match(text)
        return 0 if lost else None
    head = text.split()[0]
    if not m.group(2) and not (head.isupper() or ln.gap_before or len(text) <= 16):
        return None
    return _number(m.group(1))


def _number(token: str) -> int:
    """"3", a Roman "III", a letter "C" or a word "tre" → 3."""
    if token.isdigit():
        return int(token)
    words = {"ett": 1, "en": 1, "två": 2, "tva": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
             "åtta": 8, "atta": 8, "nio": 9, "tio": 10}
    if token.lower() in words:
        return words[token.lower()]
    if len(token) == 1 and token in "ABCDEFGH":
        return ord(token) - 64
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for k, ch in enumerate(token):
        v = values[ch]
        total += -v if k + 1 < len(token) and values[token[k + 1]] > v else v
    return total


def _numbered_starts(ls: list[Line], end: int, style: Style | None = None) -> list[int]:
    """Plain "1. Titel" headings: cards only when numbered 1, 2, ... and each opens a fact list.

    Without the fact lists a numbered series is an ordinary list in the prose.
    """
    found = [i for i in range(end) if _opens_numbered_card(ls, i, end) or (
        style is not None and style.emphasised(ls[i]) and not ls[i].bullet and (
            NUMBERED_RE.match(ls[i].text) or BARE_NUMBERED_RE.match(ls[i].text)
            and any(is_fact_line(ls[k].text) for k in range(i + 1, min(end, i + 6))))) or (
        # "1 Varje droppe räknas" (no punctuation): only with labelled facts right below
        not ls[i].bullet and BARE_NUMBERED_RE.match(ls[i].text) and not ends_sentence(ls[i].text)
        and sum(is_fact_line(ls[k].text) for k in range(i + 1, min(end, i + 5))) >= 2)]
    numbers = [int((NUMBERED_RE.match(ls[i].text) or BARE_NUMBERED_RE.match(ls[i].text)).group(1)) for i in found]
    # A series 1, 2, 3 ... (OCR may lose a number on the way, but it never invents one).
    ordered = bool(numbers) and numbers[0] == 1 and all(b > a for a, b in zip(numbers, numbers[1:]))
    return found if ordered and (len(found) >= 2 or numbers == [1]) else []


def _fact_headed_starts(ls: list[Line], end: int) -> list[int]:
    """Cards headed by their title alone ("BARNMORSKOR I NÄTVERK") over a "Projektfakta" box:
    each short title line directly above a fact header opens a card (numbered in order)."""
    out = []
    for i in range(end - 1):
        ln, nxt = ls[i], ls[i + 1]
        head = FACT_HEAD_RE.match(nxt.text)
        if (head and not head.group(2) and not nxt.gap_before and ln.gap_before and not ln.bullet
                and len(ln.text) <= 90 and not ends_sentence(ln.text) and not is_fact_line(ln.text)):
            out.append(i)
    return out if len(out) >= 2 else []


def _structural_starts(ls: list[Line], end: int) -> list[int]:
    """Cards whose heading no rule names: a short line after a blank line, with a list of two or
    more labelled facts a few lines below it (title, partner line or a quote may come between).
    Only a series of two or more counts; partner boxes (area, population) are not cards."""
    out: list[int] = []
    i = 0
    while i < end:
        ln = ls[i]
        if not (ln.gap_before and not ln.bullet and len(ln.text) <= 90 and not ends_sentence(ln.text)
                and not is_fact_line(ln.text) and not FACT_HEAD_RE.match(ln.text)):
            i += 1
            continue
        j = i + 1
        while j < min(end, i + 4) and not _fact_run(ls, j, end):
            j += 1
        if j < min(end, i + 4) and not BOX_HEAD_RE.match(fold(ln.text).strip(" :")) and not any(
                _is_box_row(ls[k].text) for k in range(j, min(end, j + 6)) if not ls[k].gap_before or k == j):
            out.append(i)
            i = j + 1
            continue
        i += 1
    return out if len(out) >= 2 else []


def _fact_run(ls: list[Line], j: int, end: int) -> bool:
    """Two labelled fact lines in a row from ``j``."""
    return (j + 1 < end and not ls[j].bullet and is_fact_line(ls[j].text)
            and is_fact_line(ls[j + 1].text) and not ls[j + 1].gap_before)


def _is_box_row(text: str) -> bool:
    t = strip_bullet(text)[0]
    return bool(AREA_RE.match(t) or POP_RE.match(t) or parse_area(t) is not None
                or re.search(r"\d\s*(?:km²|km2|kvkm|invånare|inv\.)", t))


def _opens_numbered_card(ls: list[Line], i: int, end: int) -> bool:
    ln = ls[i]
    if ln.bullet or ends_sentence(ln.text) or not (ln.gap_before or i == 0) or not NUMBERED_RE.match(ln.text):
        return False
    nxt = [ls[k].text for k in range(i + 1, min(end, i + 3))]
    return any(FACT_HEAD_RE.match(t) or is_fact_line(strip_bullet(t)[0]) for t in nxt)


def _card_head(text: str) -> tuple[int, str | None]:
    """(number, title on the heading line) of a card heading; number 0 when OCR lost it."""
    if PADDED_NUMBER_RE.match(text):
        return int(text), None
    o = ORDINAL_CARD_RE.match(fold(text))
    if o:
        return _ORDINALS[o.group("ord")], text[len(text) - len(o.group("title")):].strip()
    q = QUOTED_CARD_RE.match(text)
    if q:
        return 0, q.group("title").strip()
    m = CARD_RE.match(text) or NUMBERED_RE.match(text) or BARE_NUMBERED_RE.match(text)
    return (_number(m.group(1)), m.group(2) or None) if m else (0, None)


# ----------------------------------------------------------------------------- partnerships

def _partnerships(ls: list[Line], end: int, used: set[int]) -> list[Partnership]:
    texts = [strip_bullet(ln.text)[0] for ln in ls[:end]]
    partners: list[Partnership] = []
    for i in range(end):
        if AREA_RE.match(texts[i]) and i not in used:
            got = parse_partner_box(texts, i)
            if got and not (got[1] & used):
                partners.append(got[0])
                used.update(got[1])
    if not partners:
        return _box_blocks(ls, texts, end, used)
    partners.extend(_box_blocks(ls, texts, end, used))
    groups: list[list[str]] = []
    i = 0
    while i < end:
        if i not in used and PROJECT_COUNT_RE.match(texts[i]):
            items, i = _fact_group(ls, texts, i, end, used)
            groups.append(items)
            continue
        i += 1
    for p, items in zip(partners, groups):
        apply_partner_facts(p, items)
    for i in range(end):
        if (i not in used and PARTNER_HEAD_RE.match(fold(texts[i])) and not ls[i].bullet
                and len(texts[i]) <= 70 and not ends_sentence(texts[i])):
            used.add(i)
            j = i + 1
            while j < end and j not in used and not ls[j].gap_before and len(texts[j]) <= 40 \
                    and not ls[j].bullet:
                used.add(j)
                j += 1
    return partners


def _box_blocks(ls: list[Line], texts: list[str], end: int, used: set[int]) -> list[Partnership]:
    """Partner boxes as blocks of labelled rows in any order (see ``parse_box_block``); a block
    runs from a blank line to the next, and a "Vår partner" heading above it goes with it."""
    out: list[Partnership] = []
    i = 0
    while i < end:
        j = i + 1
        while j < end and (not ls[j].gap_before or is_labelled(ls[j].text) and is_labelled(ls[j - 1].text)):
            j += 1  # rows of a box stay together even when their weights split them into blocks
        block = [k for k in range(i, j) if k not in used]
        if len(block) == j - i:
            pair = _box_pair(ls, block, end)
            if pair is not None:  # two partner boxes side by side, one per cell
                boxes, extra = pair
                out.extend(boxes)
                used.update(block)
                used.update(extra)
                i = j
                continue
            got = parse_box_block(_table_column([ls[k] for k in block]) or [texts[k] for k in block])
            if got is not None:
                out.append(got)
                used.update(block)
                if i > 0 and BOX_HEAD_RE.match(fold(texts[i - 1]).strip(" :")) and ls[i].gap_before:
                    used.add(i - 1)  # "Våra partnerkommuner" standing alone above the boxes
        i = j
    return out


def _box_pair(ls: list[Line], block: list[int], end: int) -> tuple[list[Partnership], list[int]] | None:
    """Rows "Namibia<TAB>Litauen", "32 500 invånare<TAB>41 000 invånare": two boxes set side by side.
    The labelled rows that follow in each column (themes, funding) join their box."""
    cells = [ls[k].raw.strip().split("\t") for k in block]
    if len(cells) < 3 or not all(len(c) == 2 for c in cells):
        return None
    left, right = [c[0].strip() for c in cells], [c[1].strip() for c in cells]
    extra: list[int] = []
    k = block[-1] + 1
    while k < min(end, block[-1] + 6) and is_partner_fact(strip_bullet(ls[k].text)[0]):
        (left if ls[k].src.column == 0 else right).append(strip_bullet(ls[k].text)[0])
        extra.append(k)
        k += 1
    boxes = [parse_box_block(left), parse_box_block(right)]
    if None in boxes:
        return None
    return [b for b in boxes if b is not None], extra


_COLUMNS_RE = re.compile(r"\s{2,}|\t+")


def _table_column(block: list[Line]) -> list[str] | None:
    """A comparison table ("Land   Sverige   Malawi" under a row of names): the partner's column,
    the last one (the brochure's own municipality comes first), as rows of a box."""
    rows = [[c for c in _COLUMNS_RE.split(ln.raw.strip()) if c] for ln in block]
    wide = [k for k, r in enumerate(rows) if len(r) >= 3]
    if len(wide) == 2 and wide[1] == wide[0] + 1 and len(rows[wide[0]]) == len(rows[wide[1]]) and all(
            not any(ch.isdigit() for ch in c) for c in rows[wide[0]]):
        labels, values = rows[wide[0]], rows[wide[1]]  # a row of labels over a row of values
        return [*(" ".join(r) for r in rows[:wide[0]]), *(f"{a}: {b}" for a, b in zip(labels, values))]
    head_at = next((k for k, r in enumerate(rows) if len(r) >= 2), None)
    if head_at is None or head_at + 2 >= len(rows):
        return None
    names = rows[head_at]
    body = rows[head_at + 1:]
    if not all(len(r) == len(names) + 1 for r in body):
        return None
    return [*(" ".join(r) for r in rows[:head_at]), names[-1], *(f"{r[0]}: {r[-1]}" for r in body)]


def _fact_group(ls: list[Line], texts: list[str], i: int, end: int, used: set[int]) -> tuple[list[str], int]:
    """Consume "N projekt" and the partner facts (themes, funding) that follow it."""
    items: list[list[str]] = [[texts[i]]]
    used.add(i)
    i += 1
    while i < end and i not in used:
        t = texts[i]
        if is_partner_fact(t) and not PROJECT_COUNT_RE.match(t):
            items.append([t])
        elif not ls[i].bullet and (starts_lower(t) or items[-1][-1].rstrip().endswith((",", "-"))):
            items[-1].append(t)
        else:
            break
        used.add(i)
        i += 1
    return [join_wrapped(p) for p in items], i


def _standalone_quotes(ls: list[Line], start: int, end: int, used: set[int]) -> list[Quote]:
    out = []
    i = start
    while i < end:
        if i not in used:
            got = find_quote(ls, i, end)
            if got:
                out.append(got[0])
                used.update(range(i, got[1]))
                i = got[1]
                continue
        i += 1
    return out


# ----------------------------------------------------------------------------- cards

def _card(ls: list[Line], start: int, stop: int, style: Style, *,
          last: bool, partner_names: list[str] | None = None
          ) -> tuple[ProjectCard, list[Quote], list[str], list[Line]]:
    """One project card between its heading line and the next card (or the footer): the card, its
    quotes, closing notes (last card) and the lines of a brochure section printed after it."""
    number, head_title = _card_head(ls[start].text.strip())
    if number == 0 and not head_title and not _LOST_NUMBER_RE.match(ls[start].text.strip()):
        head_title = ls[start].text.strip()  # a card headed by its title alone
    card = ProjectCard(number=number, title="")
    title_parts = [head_title] if head_title else []
    i = start + 1
    while i < stop and len(title_parts) < 4:
        t = ls[i].text
        named = NAME_LABEL_RE.match(t)
        if named and not title_parts:
            title_parts.append(named.group("value"))  # "Projektnamn: X" names the card and stays a fact
            break
        if PARTNERS_KEY_RE.match(fold(t)):
            break  # "Parter: A och B (Land)" is a fact row
        got = parse_partners_line(t) or _known_partner_line(t, partner_names or [])
        if got:
            card.partners, card.country = got
            i += 1
            break
        if FACT_HEAD_RE.match(t) or ls[i].bullet or is_fact_line(t) or (title_parts and len(t) > 90) or (
                head_title and ls[i].gap_before and ends_sentence(t)) or (
                title_parts and ls[i].gap_before and not starts_lower(t)):
            break
        title_parts.append(t)
        i += 1
    title = join_wrapped(title_parts)
    am = (_ACRONYM_RE.match(title) or _ACRONYM_FIRST_RE.match(title) or _ACRONYM_LAST_RE.match(title)
          or _OCR_ACRONYM_RE.match(title))
    if am:
        title, card.acronym = am.group("title").strip(), am.group("acr").strip()
    card.title = title
    fact_lines, body_lines, i = _facts_and_body_start(ls, i, stop, style)
    quotes: list[Quote] = []
    after: list[Line] = []
    while i < stop:
        got = find_quote(ls, i, stop)
        if got:
            quotes.append(got[0])
            i = got[1]
            continue
        if not fact_lines and ls[i].gap_before:
            late = _late_facts(ls, i, stop)
            if late:  # "Fakta om projektet" after the body: the card's facts all the same
                fact_lines, i = late
                continue
        (after if quotes else body_lines).append(ls[i])
        i += 1
    tail: list[str] = []
    section: list[Line] = []
    if after and after[0].gap_before and len(after) >= 2 and style.looks_heading(after[0]) and not after[1].gap_before:
        section = after  # "Vad är ICLD?": a section of the brochure set after the card's quote
    elif after and last:
        tail = group_paragraphs(after)
    else:
        body_lines.extend(after)
    card.body = group_paragraphs(body_lines)
    card.facts = group_items(fact_lines) if fact_lines else []
    info = parse_card_facts(card.facts)
    card.owner, card.result, card.sdg_goals = info.owner, info.result, info.sdg_goals
    if not card.partners and info.partners:
        card.partners, card.country = info.partners, info.country
    card.start_year, card.end_year = info.start_year, info.end_year
    if not card.acronym and info.acronym:
        card.acronym = info.acronym
    head_years = re.search(r"\(((?:19|20)\d\d)\s*[–—-]\s*((?:19|20)\d\d)?\)", ls[start].text)
    if head_years and card.start_year is None:  # "Etapp 1 (2016–2018): Renare kanaler"
        card.start_year = int(head_years.group(1))
        card.end_year = int(head_years.group(2)) if head_years.group(2) else card.end_year
    kicker = re.match(r"^(?P<k>[A-ZÅÄÖ]{2,}(?:\s[A-ZÅÄÖ]{2,})?)\s+[–—-]\s+(?:projekt|insats|uppdrag)\b", ls[start].text.strip(), re.I)
    if kicker and card.country is None:
        card.country = kicker.group("k").title()  # "UKRAINA – PROJEKT 1": the card's country
    return card, quotes, tail, section


def _trailing_cut(ls: list[Line], start: int, end: int, style: Style) -> int | None:
    """Where the last card ends before the brochure's closing sections: a heading after a blank
    line, once the card's body has begun, followed by prose, a partner box or quotes."""
    seen_prose = False
    for k in range(start + 1, end):
        ln = ls[k]
        if len(ln.text) > 48 and not is_fact_line(ln.text):
            seen_prose = True
        if not (seen_prose and ln.gap_before) or k + 1 >= end:
            continue
        t = ln.text.strip()
        if (ln.bullet or len(t) > 60 or is_fact_line(t) or FACT_HEAD_RE.match(t) or find_quote(ls, k, end)
                or parse_attribution(t) or not style.looks_heading(ln)):
            continue
        nxt = ls[k + 1]
        if nxt.gap_before:
            continue
        if len(nxt.text) > 48 or ends_sentence(nxt.text) or find_quote(ls, k + 1, end) or (
                BOX_HEAD_RE.match(fold(t).strip(" :"))):
            return k
    return None


def _known_partner_line(text: str, names: list[str]) -> tuple[list[str], str] | None:
    """"Tskhenisi Municipality, Georgien" under a card title: a partner the brochure's boxes name,
    and its country."""
    for name in names:
        m = re.match(re.escape(name) + r"\s*(?:,\s*|\()(?P<country>[A-ZÅÄÖ][\w\s\-]{1,30}?)\)?\s*$", text.strip())
        if m and name:
            return [name], m.group("country").strip()
    return None


def _late_facts(ls: list[Line], i: int, stop: int) -> tuple[list[Line], int] | None:
    """A fact list set after the body: a "Fakta om projektet" header, or two or more labelled
    rows, standing after a blank line. Returns its lines and where the card goes on."""
    head = FACT_HEAD_RE.match(ls[i].text)
    first = j = i + 1 if head and not head.group(2) else i
    facts: list[Line] = []
    while j < stop and (j == first or not ls[j].gap_before):
        t = strip_bullet(ls[j].text)[0]
        if is_fact_line(t) or ls[j].bullet:
            facts.append(ls[j])
        elif facts and (starts_lower(t) or facts[-1].text.rstrip().endswith((",", "-", ":"))):
            facts.append(ls[j])  # a wrapped fact
        else:
            break
        j += 1
    if len(facts) >= (1 if first > i else 2):
        return facts, j
    return None


def _facts_and_body_start(ls: list[Line], i: int, stop: int, style: Style) -> tuple[list[Line], list[Line], int]:
    """Fact list lines, body lines already split off (interleaved OCR), and where the body goes on."""
    if i >= stop:
        return [], [], i
    fm = FACT_HEAD_RE.match(ls[i].text)
    if fm and fm.group(2) and len(fm.group(2)) > 3:
        return _interleaved(ls, i + 1, stop)
    if fm:
        i += 1
    facts: list[Line] = []
    while i < stop and _takes_fact(ls, i, stop, facts, style, headed=bool(fm)):
        facts.append(ls[i])
        i += 1
    if i < stop and (_is_body_heading(ls, i, stop) or (style.emphasised(ls[i]) and len(ls[i].text) <= 60)):
        i += 1
    return facts, [], i


def _takes_fact(ls: list[Line], i: int, stop: int, facts: list[Line], style: Style, *, headed: bool) -> bool:
    """Whether line ``i`` continues the card's fact list.

    A list is bulleted, set under a "Kort om projektet"/"Fakta" header, or made of
    labelled lines ("Ansvarig: ..."); a quote, a styled heading, the next column or
    prose after a blank line ends it.
    """
    ln, t = ls[i], ls[i].text
    marked = any(f.bullet for f in facts)
    if is_dash_start(t) and not is_fact_line(strip_bullet(t)[0]) and find_quote(ls, i, stop):
        return False
    if ln.bullet:
        return True
    if facts and ln.src.column == facts[-1].src.column and (
            starts_lower(t) or ln.indented or facts[-1].text.rstrip().endswith(("-", ",", ":"))):
        return True  # a wrapped fact
    if facts and is_fact_line(t) and ln.src.size and facts[-1].src.size and (
            abs(ln.src.size - facts[-1].src.size) < 0.3 and ln.src.column == facts[-1].src.column):
        return True  # a fact set in the list's own small type, split off only by a change of weight
    if facts and (style.emphasised(ln) or ln.src.column != facts[-1].src.column):
        return False  # a styled heading or the next column ends the fact list
    if is_fact_line(t) and not (facts and ln.gap_before and not headed and not marked):
        return True  # "Ansvarig: ...": a fact even without a header or a bullet
    if not headed and (not facts or not marked):
        return False  # no fact list in this card, or unlabelled lines after labelled ones
    if ln.gap_before and not marked and all(is_fact_line(f.text) for f in facts):
        return False  # prose after a blank line ends an unmarked list of labelled facts
    return not (marked or len(t) > 55 or _is_body_heading(ls, i, stop))


def _is_body_heading(ls: list[Line], i: int, stop: int) -> bool:
    """A short line standing alone between blank lines, followed by prose."""
    ln = ls[i]
    nxt = ls[i + 1] if i + 1 < stop else None
    return (len(ln.text) <= 48 and not is_fact_line(ln.text) and not ln.bullet and not starts_lower(ln.text) and nxt is not None
            and nxt.gap_before and len(nxt.text) > 48)


def _interleaved(ls: list[Line], i: int, stop: int) -> tuple[list[Line], list[Line], int]:
    """OCR merged the fact column and the body column row by row; split them apart."""
    if i >= stop:
        return [], [], i
    j = i
    while j < min(stop, i + 40):  # a fact column is short; cap the dynamic programme
        t = ls[j].text
        if j > i and not ls[j].bullet and t[:1].isupper():
            break
        if j > i and is_dash_start(t) and find_quote(ls, j, stop):
            break
        j += 1
    body_after: list[Line] = []
    for ln in ls[j:stop]:  # body rows up to the quote set the right column's width
        if is_dash_start(ln.text):
            break
        body_after.append(ln)
    widths = [text_width(ln.text) for ln in body_after[:12]]
    w_right = max(widths) if widths else max(text_width(ln.text) for ln in ls[i:j]) * 0.7
    left, right = split_columns(ls[i:j], w_right)
    return left, right, j


_ABOUT_CARD_RE = re.compile(r",?\s*om\s+(?P<ref>[A-ZÅÄÖ0-9][\wÅÄÖåäö\-]*(?:\s[\wÅÄÖåäö\-]+){0,5})$")


def _assign_quotes(cards: list[ProjectCard], span_quotes: list[list[Quote]], standalone: list[Quote]) -> None:
    """A card's quote is the one printed in its span; a second one belongs to the next card without one."""
    pending: list[Quote] = []
    for k, card in enumerate(cards):
        own = span_quotes[k]
        if own:
            standalone.extend(pending)
            card.quote, pending = own[0], own[1:]
        elif pending:
            card.quote, pending = pending[0], pending[1:]
    standalone.extend(pending)
    for q in list(standalone):  # "Name, role, om BALTREED": a quote about a card, printed elsewhere
        ref = _ABOUT_CARD_RE.search(q.role or "")
        card = next((c for c in cards if ref and (c.acronym and fold(c.acronym) == fold(ref.group("ref"))
                                                  or c.title and fold(c.title) == fold(ref.group("ref")))), None)
        if card is not None:
            q.role = q.role[: ref.start()].strip() or None
            if card.quote is None:
                card.quote = q
                standalone.remove(q)
            else:
                q.project = card.number
    for card in cards:
        if card.quote:
            card.quote.project = card.number


__all__ = ["segment_lines", "segment_text"]
