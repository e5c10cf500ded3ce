"""Lines made ready for the genre rules: running heads and page footers dropped (in plain text
too, by their page numbers), boxes that OCR read side by side put back (``segment_ocrboxes``),
fact rows set on one line split ("Ansvarig: X | Period: 2018–2020"), sub-headings every card
repeats dropped, and goal-group headings ("MÅL 4 · GOD UTBILDNING") taken out with the goal they
give the cards."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from .layout import TextLine
from .segment_cardheads import ACRONYM_LINE_RE, CARD_RE, FACT_HEAD_RE, card_number
from .segment_common import (
    RESULT_HEAD_RE,
    STACKED_LABEL_RE,
    Line,
    clean_lines,
    ends_sentence,
    fold,
    next_text_line,
)
from .segment_facts import (
    is_fact_line,
    parse_contact,
)
from .segment_ocrboxes import (
    colon_table_rows,
    split_grid_rows,
    split_label_pairs,
    stacked_label_rows,
    unfuse_box_bullets,
    unfuse_twin_boxes,
    unfuse_unlabelled_twins,
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
        return (ln.gap_before and not ln.bullet and len(ln.text) <= 40
                and (not ends_sentence(ln.text) or ln.text.rstrip().endswith("?"))  # "Hur gick det till?"
                and k + 1 < len(ls) and (not ls[k + 1].gap_before or ln.src.bold and not ls[k + 1].src.bold)
                and len(ls[k + 1].text) > 48  # (a PDF's bold sub-heading is a block of its own)
                and not is_fact_line(ln.text) and not is_fact_line(ls[k + 1].text) and not FACT_HEAD_RE.match(ln.text)
                and not ls[k + 1].bullet and _CITAT_HEAD_RE.match(ln.text) is None
                and card_number(ln) is None and not RESULT_HEAD_RE.match(fold(ln.text)))  # (the result stays)
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


def _dotted_meta_line(pieces: list[str]) -> bool:
    """"Ungheni, Moldavien - Förvaltningen - 2018-2020 - Globala mål 6, 11": the pieces of a card's
    line of facts (a period or the goals among them, and an organisation), not prose with dashes."""
    folded = [fold(p.strip()) for p in pieces]
    timed = any(re.fullmatch(r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d", p) or re.match(r"(?:globala?\s+)?m\S{1,2}l\s+\d", p)
                for p in folded)
    return timed and all(len(p) <= 60 and not ends_sentence(p) for p in pieces) and len(pieces) >= 3


def split_fact_rows(ls: list[Line]) -> list[Line]:
    """"Ansvarig: X | Period: 2018–2020 | Mål: 4" is three fact rows set on one line. A contact
    line ("www.x.se | info@x.se | tel. ...") stays whole: the footer rules read it as one."""
    out: list[Line] = []
    for ln in ls:
        if ln.text.count(" - ") >= 2 and _dotted_meta_line(ln.text.split(" - ")):
            ln = replace(ln, text=ln.text.replace(" - ", " · "))  # OCR's '-' for the middle dots of a card's line
        pieces = [p.strip() for p in _PIPE_RE.split(ln.text)] if (" | " in ln.text or " · " in ln.text or " / " in ln.text
                                                                   or is_fact_line(ln.text) and ("; " in ln.text or ". " in ln.text)) else []
        if ". " in ln.text and pieces and " | " not in ln.text and " · " not in ln.text and "; " not in ln.text:
            pieces = [p.rstrip(".") for p in pieces]  # "Ansvarig: X. Period: 2018–2020. Resultat: …"
        if pieces and " / " in ln.text and " | " not in ln.text and " · " not in ln.text and not all(":" in p for p in pieces):
            pieces = []  # "Projektägare / Project owner: X" is one bilingual label, not two facts
        if pieces and " · " in ln.text and " | " not in ln.text and is_fact_line(pieces[0]) and not any(
                is_fact_line(p) for p in pieces[1:]):
            pieces = []  # "Parter: A · B · C": one fact whose value is a list, not three rows
        if pieces and parse_attribution(ln.text.replace(" | ", ", ")):
            pieces = []  # "Name (C) | role": an attribution
        if pieces and re.match(r"(?:globala?\s+)?m\S{1,2}l(?:en)?\b", fold(pieces[0])) and all(
                re.fullmatch(r"[\d\s|]*", p) for p in pieces[1:]):
            pieces = []  # "Globala mål 4 | 12 |": the goals' squares, their borders read as bars
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
    running = {t for t, n in seen.items()
               if n >= need and 0 < len(t) <= 80 and not CARD_RE.match(t) and not _CARD_KICKER_RE.match(t)}
    if not running:
        return lines
    # The cover may set the running head's words as its title: in a size the head never has.
    keys = [_page_free(tl.text) for tl in lines]
    smallest: dict[str, float] = {}
    for tl, key in zip(lines, keys):
        if key in running and tl.size:
            smallest[key] = min(smallest.get(key, tl.size), tl.size)
    return [tl for tl, key in zip(lines, keys) if key not in running
            or tl.size and tl.size >= 2.0 * smallest.get(key, tl.size)]


_PAGE_MARK_RE = re.compile(r"\b(?:sida|sidan|page|s\.)\s*\d+(?:\s*(?:av|of|/)\s*\d+)?\s*$|^\s*\d+\s*(?:/|av)\s*\d+\s*$"
                           r"|\s[|·-]\s[^|·]+\s\d{1,3}\s*$", re.I)  # "Hjortvikens kommun | Partnerskap Lunhanga 3"


#: A footer that dates the issue instead of numbering the page: "Nyhetsbrev nr 2 - 2022 - Ekby
#: kommun", "Ekby i världen 2023" (one year, no label, no period: not a fact row).
_DATED_FOOTER_RE = re.compile(r"^(?=[^:]{6,60}$)(?!.*(?:19|20)\d\d\s*[-–—/]\s*(?:19|20)?\d\d)(?=.*\b(?:19|20)\d\d\b)(?!.*[.!?]$).*$")


#: "Ekby kommun | Internationella partnerskap": a footer's rule between publisher and title.
_FOOTER_RULE_RE = re.compile(r"\w \| \w")


def _drop_repeated_heads(lines: list[TextLine]) -> list[TextLine]:
    """Plain text has no pages, but its running heads still repeat: a line printed two or more
    times, once at least with a page number ("Säversta kommun - Partnerskap Hoa Lam Sida 1") or a
    year ("Ekby i världen 2023"), or three times with a rule ("Ekby kommun | Partnerskap"), goes;
    so does a page number alone ("Sida 2")."""
    counts: dict[str, int] = {}
    marked: set[str] = set()
    keys = [_page_free(tl.text.strip()) for tl in lines]
    for tl, key in zip(lines, keys):
        t = tl.text.strip()
        if not t:
            continue
        counts[key] = counts.get(key, 0) + 1
        if _PAGE_MARK_RE.search(t) or _DATED_FOOTER_RE.match(t):
            marked.add(key)
    # (Never on repetition alone: a wrapped fact such as "förvaltningen, X kommun" repeats too.)
    heads = {k for k, n in counts.items() if 0 < len(k) <= 80 and not CARD_RE.match(k) and not FACT_HEAD_RE.match(k)
             and (n >= 2 and k in marked or n >= 3 and _FOOTER_RULE_RE.search(k))}
    out = []
    for tl, key in zip(lines, keys):
        t = tl.text.strip()
        if t and (key in heads or (_PAGE_MARK_RE.fullmatch(t) is not None and len(t) <= 12)):
            continue
        out.append(tl)
    return out


def _page_free(text: str) -> str:
    """A header or footer line without its page number ("Sida 2", "3 / 8"), for comparison."""
    t = re.sub(r"\b(?:sida|sidan|page|s\.)\s*\d+(?:\s*(?:av|of|/)\s*\d+)?\b|\b\d+\s*(?:/|av)\s*\d+\b|\t\s*\d{1,3}\s*$|^\s*\d{1,3}\s*\t",
               "", text, flags=re.I)
    if re.search(r"\s[|·-]\s", t):
        t = re.sub(r"\s\d{1,3}\s*$", "", t)  # "X | Y 3": a footer with its page number ("-": OCR's "·")
    return " ".join(t.split())


#: A card's kicker alone on its line over its number ("PROJEKT" over "II Medborgarbudget i Mbale").
_CARD_KICKER_RE = re.compile(r"^(?:projektexempel|projekt|insats|delprojekt|exempel)$", re.I)
#: The number under the kicker: digits or a Roman numeral, alone or before the title.
_UNDER_KICKER_RE = re.compile(r"^(?P<n>\d{1,2}|[IVX]{1,4})(?:\s+(?P<title>[A-ZÅÄÖ].{2,90}))?$")


#: Junk or a margin's year before a card heading on its line ("2019 Projekt 2: …", "CUE Me Projekt 1: …":
#: OCR's reading of a timeline's year or of a number square), or a chapter's number ("3.1 Projekt 1: …").
_CARD_PREFIX_RE = re.compile(r"^(?:(?:19|20)\d\d|\d{1,2}(?:\.\d{1,2})+|[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,3})(?:\s+[A-Za-zÅÄÖåäö]{1,3})?\s+(?=(?:projekt|insats)\s*\d{1,2}\s*[:.–—-]\s*\S)",
                             re.I)


#: A table of contents' heading ("Innehåll", "I den här broschyren", "I detta nummer"; folded).
_CONTENTS_HEAD_RE = re.compile(r"^(?:innehall(?:sforteckning)?|[i|l1] den har (?:broschyren|skriften|rapporten)|[i|l1] detta nummer|"
                               r"[i|l1] det har numret|[i|l1] broschyren)\s*:?$")  # ('|': OCR's capital I)


_PAGED_ENTRY_RE = re.compile(r"^\d{1,3}\s+\S|\S\s+\d{1,3}$")


def _entry_key(text: str) -> str:
    """A contents entry or heading without its page number, for comparison."""
    return fold(re.sub(r"\s+\d{1,3}$", "", text.strip()))


def drop_contents(ls: list[Line]) -> list[Line]:
    """A table of contents: its heading and the short entries under it (titles, perhaps with page
    numbers) up to the next blank line after them. They repeat what the brochure's headings say."""
    out: list[Line] = []
    seen = Counter(_entry_key(ln.text) for ln in ls)  # an entry names a heading that comes again further on
    k = 0
    while k < len(ls):
        wrapped = k + 1 < len(ls) and not ls[k + 1].gap_before and _CONTENTS_HEAD_RE.match(
            fold(f"{ls[k].text.strip()} {ls[k + 1].text.strip()}"))  # ("I DEN HÄR" / "BROSCHYREN")
        if _CONTENTS_HEAD_RE.match(fold(ls[k].text.strip())) or wrapped:
            h = k + 1 if wrapped else k  # the heading's last line
            j = h + 1
            entries: set[str] = set()
            while j < len(ls) and len(ls[j].text) <= 45 and not ends_sentence(ls[j].text.rstrip("?")) and (
                    j == h + 1 or not ls[j].gap_before or j == h + 2 and ls[h + 1].gap_before
                    or _PAGED_ENTRY_RE.search(ls[j].text.strip())  # (entries spaced apart, each with its page,
                    or seen[_entry_key(ls[j].text)] >= 2) and (  # or each a heading further on)
                    _entry_key(ls[j].text) not in entries):  # (the first heading the contents named ends them)
                entries.add(_entry_key(ls[j].text))
                j += 1
            if j - h >= 3:
                k = j
                continue
        out.append(ls[k])
        k += 1
    return out


def strip_card_prefixes(ls: list[Line]) -> list[Line]:
    """"2019 Projekt 2: Öppna möten": the card heading without what stands before it on the line."""
    out = []
    for ln in ls:
        m = _CARD_PREFIX_RE.match(ln.text) if not CARD_RE.match(ln.text.strip()) else None
        rest = ln.text[m.end():] if m else ""
        out.append(replace(ln, text=rest) if m and CARD_RE.match(rest.strip()) else ln)
    return out


def acronyms_over_cards(ls: list[Line]) -> list[Line]:
    """"TRYGG" alone over "Case 3: Trygga skolvägar för flickor": the card's acronym, set above its
    heading; written after the title in brackets, as the card rules read it."""
    out: list[Line] = []
    k = 0
    while k < len(ls):
        ln, t = ls[k], ls[k].text.strip()
        nxt = ls[k + 1] if k + 1 < len(ls) else None
        if (nxt is not None and ACRONYM_LINE_RE.match(t) and not any(c.isdigit() for c in t)
                and not _CARD_KICKER_RE.match(t) and not STACKED_LABEL_RE.fullmatch(fold(t))
                and card_number(nxt) and "(" not in nxt.text and ":" in nxt.text):
            out.append(replace(nxt, text=f"{nxt.text.rstrip()} ({t})", gap_before=ln.gap_before))
            k += 2
            continue
        out.append(ln)
        k += 1
    return out


def join_big_numbers(lines: list[TextLine]) -> list[TextLine]:
    """A card's number set large on a line of its own, its title next in bold ("1" over "Torka och
    översvämning"): one heading "1 Torka och översvämning", as the card rules read it (alone, the
    number would be taken for a page's)."""
    out: list[TextLine] = []
    k = 0
    while k < len(lines):
        tl = lines[k]
        j = next_text_line(lines, k)
        nxt = lines[j] if j is not None else None
        t = tl.text.strip()
        if (nxt is not None and t.isdigit() and len(t) <= 2 and tl.size and nxt.size and tl.size >= 2.0 * nxt.size
                and nxt.bold and nxt.size >= 12 and nxt.text.strip()[:1].isupper() and "\t" not in nxt.text
                and tl.page == nxt.page and tl.x0 is not None and nxt.x0 is not None and tl.top is not None
                and nxt.top is not None and nxt.x0 > tl.x0 + 10 and nxt.top < tl.top + tl.size):  # (beside it)
            out.append(replace(nxt, text=f"{t} {nxt.text.strip()}"))
            k = j + 1
            continue
        out.append(tl)
        k += 1
    return out


def asterisk_quote_marks(ls: list[Line]) -> list[Line]:
    """"*När flickorna slapp gå …" / "… varje dag.”": OCR's '*' for the opening mark of a quotation
    whose closing mark it read (a bullet '*' stands apart from its word)."""
    out = list(ls)
    for k, ln in enumerate(ls):
        t = ln.text.lstrip()
        if not (t[:1] == "*" and t[1:2].isalpha() and t[1:2].isupper()):
            continue
        j = k
        while j + 1 < len(ls) and j - k < 6 and not ls[j + 1].gap_before:
            j += 1
        if any(x.text.rstrip().endswith(("”", '"', "»")) for x in ls[k:j + 1]):
            out[k] = replace(ln, text="”" + t[1:])
    return out


def join_card_kickers(ls: list[Line]) -> list[Line]:
    """"PROJEKT" over "II Medborgarbudget i Mbale" (or over "I" over the title): one card heading,
    "PROJEKT II: Medborgarbudget i Mbale", as the card rules know it."""
    out: list[Line] = []
    k = 0
    while k < len(ls):
        ln = ls[k]
        m = _UNDER_KICKER_RE.match(ls[k + 1].text.strip()) if k + 1 < len(ls) and _CARD_KICKER_RE.match(ln.text.strip()) else None
        if m and not ls[k + 1].bullet:
            title, used = m.group("title"), 2
            nxt = ls[k + 2].text.strip() if k + 2 < len(ls) else ""
            if (title is None and nxt and not ls[k + 2].bullet and not is_fact_line(nxt)
                    and re.search(r"[a-zåäö]", nxt) and not STACKED_LABEL_RE.fullmatch(fold(nxt))):
                title, used = nxt, 3  # (not "PROJEKT" over "3" over "TEMAN": a box's labels over values)
            if title is not None:
                out.append(replace(ln, text=f"{ln.text.strip()} {m.group('n')}: {title}"))
                k += used
                continue
        out.append(ln)
        k += 1
    return out


def prepare(lines: list[TextLine]) -> tuple[list[Line], dict[int, int]]:
    """Layout lines → cleaned lines for the genre rules, and the goal groups (see ``goal_groups``)."""
    ls = clean_lines(join_big_numbers(drop_running_heads(lines)))
    steps = (
        drop_contents, asterisk_quote_marks,  # what the card rules must not see
        strip_card_prefixes, join_card_kickers, acronyms_over_cards,  # card headings made whole
        stacked_label_rows, unfuse_unlabelled_twins, unfuse_twin_boxes, unfuse_box_bullets,  # boxes put back
        split_grid_rows, split_label_pairs, colon_table_rows, split_fact_rows,  # fact rows one per line
        drop_subheads,
    )
    for step in steps:  # in this order: each reads the last one's rows
        ls = step(ls)
    return goal_groups(ls)
