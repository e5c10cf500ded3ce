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
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from .layout import TextLine, lines_from_text
from .models import Brochure, Partnership, ProjectCard, Quote, Section
from .segment_boxes import partnerships_in
from .segment_cardheads import ACRONYM_LINE_RE, CARD_RE, FACT_HEAD_RE, LOST_NUMBER_RE, band_countries, card_head, card_starts
from .segment_columns import split_columns, text_width, word_pairs
from .segment_common import (
    JOINING_ENDS,
    LABEL_OPENS_RE,
    RESULT_HEAD_RE,
    Line,
    ends_on,
    ends_sentence,
    fold,
    is_dash_start,
    join_wrapped,
    starts_lower,
    strip_bullet,
)
from .segment_contact import contact_block, find_contact
from .segment_facts import (
    BOX_HEAD_RE,
    NAME_LABEL_RE,
    PARTNERS_KEY_RE,
    is_card_fact,
    is_fact_line,
    split_label,
    parse_card_facts,
    parse_partners_line,
    start_years,
)
from .segment_flow import Style, build_sections, group_items, group_paragraphs
from .segment_prepare import prepare
from .segment_quotes import find_quote, parse_attribution, signed_foreword
from .segment_reorder import lower_early_heads, return_fact_boxes, return_side_columns

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
    ls, goal_marks = prepare(lines)
    style = Style.of(ls)
    brochure = Brochure()
    end = len(ls)
    found = find_contact(ls)
    if found is not None:
        end, brochure.contact = found
    else:
        inner = contact_block(ls)
        if inner is not None:  # a contact box printed mid-brochure, before the cards
            (a, b), brochure.contact = inner
            ls = ls[:a] + ls[b:]
            goal_marks = {(k if k < a else k - (b - a)): g for k, g in goal_marks.items()}
            end = len(ls)
    starts = card_starts(ls, end, style)
    if len(starts) >= 2:
        ls, starts = return_fact_boxes(ls, starts, end)
        ls, starts = return_side_columns(ls, starts, end)
        ls = lower_early_heads(ls, starts, end)
    pre_end = starts[0] if starts else end
    used: set[int] = set()
    partners = partnerships_in(ls, pre_end, used)
    quotes = _standalone_quotes(ls, 0, pre_end, used)
    rest = [ln for i, ln in enumerate(ls[:pre_end]) if i not in used]
    brochure.title, brochure.subtitle, brochure.sections = build_sections(rest, style)
    start_years([p for s in brochure.sections for p in s.paragraphs], partners)
    cut = _trailing_cut(ls, starts[-1], end, style) if starts else None
    if cut is not None:  # sections (and a partner box) after the last card: "Vad händer nu?"
        brochure.sections.extend(_loose_sections(ls[cut:end], style, partners, quotes))
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
            brochure.sections.extend(_loose_sections(section, style, partners))
    for k, s in enumerate(starts):  # cards grouped under "MÅL 4 · GOD UTBILDNING" take that goal
        group = max((at for at in goal_marks if at <= s), default=None)
        if group is not None and not cards[k].sdg_goals:
            cards[k].sdg_goals = [goal_marks[group]]
    for k, s in enumerate(starts):  # the cards under one line of bands take its countries in turn
        for m, land in enumerate(band_countries(ls[s].text)):
            if k + m < len(cards) and cards[k + m].country is None:
                cards[k + m].country = land
    for k, card in enumerate(cards):  # a lost number follows its predecessor
        if card.number == 0:
            card.number = (cards[k - 1].number or 0) + 1 if k else 1
    _assign_quotes(cards, span_quotes, quotes)
    brochure.projects = cards
    brochure.quotes = quotes + [c.quote for c in cards if c.quote]
    brochure.quotes.sort(key=lambda q: (q.project is not None, q.project or 0))
    return brochure


#: The heading of a boxed result paragraph in a card (folded): "Så gick det", "Resultatet", "Det här blev resultatet".
#: "Globala mål" alone over the goals listed under it (folded).
_GOALS_HEAD_RE = re.compile(r"^(?:(?:de )?globala m\S{1,2}l(?:en)?|m\S{1,2}l i agenda 2030|agenda 2030)\s*:?$")
#: A body paragraph led by the result's label ("Resultat: …").
_RESULT_LEAD_RE = re.compile(r"^(?:Resultat(?:et)?|Utfall|Så gick det)\s*:\s*(\S.*)$", re.S)
_LONE_YEAR_RE = re.compile(r"(?:19|20)\d\d")
_SPECKS_RE = re.compile(r"(?<=\w)(?:\s[.·,'`]){2,}\s*$")


def _loose_sections(lines: list[Line], style: Style, partners: list[Partnership],
                    quotes: list[Quote] | None = None) -> list[Section]:
    """Sections printed away from the front matter (between or after the cards): their partner
    boxes join ``partners`` (and their quotes ``quotes``, when given); the rest are sections."""
    used: set[int] = set()
    partners.extend(partnerships_in(lines, len(lines), used))
    if quotes is not None:
        quotes.extend(_standalone_quotes(lines, 0, len(lines), used))
    rest = [ln for k, ln in enumerate(lines) if k not in used]
    return build_sections(rest, style, front_matter=False)[2]


# ----------------------------------------------------------------------------- quotes


def _standalone_quotes(ls: list[Line], start: int, end: int, used: set[int]) -> list[Quote]:
    out = []
    i = start
    while i < end:
        if i not in used:
            got = find_quote(ls, i, end) or signed_foreword(ls, i, end)
            if got:
                out.append(got[0])
                used.update(range(i, got[1]))
                i = got[1]
                continue
        i += 1
    return out


# ----------------------------------------------------------------------------- cards

def _lone_acronym(text: str) -> bool:
    """"MAWAC" / "VATTEN": a line that is one word of capitals, a card's acronym and not its title."""
    t = text.strip()
    return bool(ACRONYM_LINE_RE.match(t)) and " " not in t


def _card(ls: list[Line], start: int, stop: int, style: Style, *,
          last: bool, partner_names: list[str] | None = None
          ) -> tuple[ProjectCard, list[Quote], list[str], list[Line]]:
    """One project card between its heading line and the next card (or the footer): the card, its
    quotes, closing notes (last card) and the lines of a brochure section printed after it."""
    number, head_title = card_head(ls[start].text.strip())
    if number == 0 and not head_title and not LOST_NUMBER_RE.match(ls[start].text.strip()):
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
        if title_parts and _lone_acronym(t):
            break  # "MAWAC" under the title: the card's acronym (read below), not the title's last word
        if (not title_parts and card.acronym is None and _lone_acronym(t)
                and i + 1 < stop and not is_fact_line(ls[i + 1].text) and not ACRONYM_LINE_RE.match(ls[i + 1].text.strip())
                and len(ls[i + 1].text) <= 90 and not ls[i + 1].bullet):
            card.acronym = t.strip()  # "01" / "VATTEN" / "Rent vatten i Kayamandi": the acronym over the title
            i += 1
            continue
        if FACT_HEAD_RE.match(t) or ls[i].bullet or is_fact_line(t) or (title_parts and len(t) > 90) or (
                head_title and ls[i].gap_before and ends_sentence(t)) or (
                title_parts and ls[i].gap_before and not starts_lower(t)):
            break
        title_parts.append(t)
        i += 1
    if i + 1 < stop and ACRONYM_LINE_RE.match(ls[i].text.strip()) and (
            FACT_HEAD_RE.match(ls[i + 1].text) or ls[i + 1].bullet or is_card_fact(ls[i + 1].text)
            or title_parts and ls[i].gap_before and len(ls[i + 1].text) > 48 and not is_fact_line(ls[i + 1].text)):
        card.acronym = ls[i].text.strip()  # "MARKNAD 2" on its own line over the card's facts or its body
        i += 1
    if (len(title_parts) >= 2 and card.acronym is None and _lone_acronym(title_parts[0])
            and not title_parts[1][:1].islower()):
        card.acronym, title_parts = title_parts[0].strip(), title_parts[1:]  # "VATTEN" over "Rent vatten i …"
    title = join_wrapped(title_parts)
    am = (_ACRONYM_RE.match(title) or _ACRONYM_FIRST_RE.match(title) or _ACRONYM_LAST_RE.match(title)
          or _OCR_ACRONYM_RE.match(title))
    if am:
        title, card.acronym = am.group("title").strip(), am.group("acr").strip()
    card.title = title
    fact_lines, body_lines, i = _facts_and_body_start(ls, i, stop, style)
    skipped = ls[i - 1] if fact_lines and not body_lines and ls[i - 1] is not fact_lines[-1] else None
    if number == 0 and not card.acronym and skipped is not None and ACRONYM_LINE_RE.match(card.title):
        # "MALTID" over the facts and the heading "Skolmåltider som lyfter" under them: OCR read the
        # card's heading band out of order, so the capitals are its acronym and the heading its title
        card.acronym, card.title = card.title, skipped.text.strip()
    quotes: list[Quote] = []
    after: list[Line] = []
    while i < stop:
        got = find_quote(ls, i, stop)
        if got:
            quotes.append(got[0])
            i = got[1]
            continue
        if ls[i].gap_before and (_partner_rows_only(fact_lines) or _unlabelled_only(fact_lines)):
            late = _late_facts(ls, i, stop)
            if late:  # "Fakta om projektet" after the body (under, perhaps, a partner row): the card's facts all the same
                fact_lines, i = fact_lines + late[0], late[1]
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
    # (a year alone is a timeline's marker in the margin, not a paragraph of the card)
    card.body = [p for p in group_paragraphs(body_lines) if not _LONE_YEAR_RE.fullmatch(p)]
    boxed_result = None
    for k, para in enumerate(card.body[:-1]):
        if RESULT_HEAD_RE.match(fold(para)):  # "Så gick det" over a boxed paragraph: the card's result
            boxed_result = card.body[k + 1]
            del card.body[k:k + 2]
            break
    # "… rättigheter . . . .": specks beside a fact that OCR read as dots
    card.facts = [_SPECKS_RE.sub("", f) for f in group_items(fact_lines)] if fact_lines else []
    info = parse_card_facts(card.facts)
    if boxed_result is None and not info.result:
        for k, para in enumerate(card.body):
            led = _RESULT_LEAD_RE.match(para)
            if led:  # "Resultat: Samtliga nio skolor …" as a paragraph of the body: the card's result
                boxed_result = led.group(1)
                del card.body[k]
                break
    card.owner, card.result, card.sdg_goals = info.owner, info.result or boxed_result, info.sdg_goals
    if not card.partners and info.partners:
        card.partners, card.country = info.partners, info.country
    if card.country is None and info.country:
        card.country = info.country  # "Land: Moldavien"
    if not card.partners:  # "Ungheni, Moldavien · Samhällsbyggnadsförvaltningen · 2018–2020": a partner the boxes name
        got = next((g for g in (_known_partner_line(f, partner_names or []) for f in card.facts) if g), None)
        if got:
            card.partners, card.country = got[0], card.country or got[1]
    card.start_year, card.end_year = info.start_year, info.end_year
    if not card.acronym and info.acronym:
        card.acronym = info.acronym
    head_years = re.search(r"\(((?:19|20)\d\d)\s*[–—-]\s*((?:19|20)\d\d)?\)", ls[start].text)
    if head_years and card.start_year is None:  # "Etapp 1 (2016–2018): Renare kanaler"
        card.start_year = int(head_years.group(1))
        card.end_year = int(head_years.group(2)) if head_years.group(2) else card.end_year
    band = CARD_RE.match(ls[start].text.strip())
    if band and band.group("land") and card.country is None:
        card.country = band.group("land").title()  # "PROJEKT 1 GHANA"
    kicker = re.match(r"^(?P<k>[A-ZÅÄÖ]{2,}(?:\s[A-ZÅÄÖ]{2,})?)\s+[–—-]\s+(?:projekt|insats|uppdrag)\b", ls[start].text.strip(), re.I)
    if kicker and card.country is None:
        card.country = kicker.group("k").title()  # "UKRAINA – PROJEKT 1": the card's country
    return card, quotes, tail, section


def _unlabelled_only(fact_lines: list[Line]) -> bool:
    """The card's facts so far are a line of unlabelled pieces ("Ungheni, Moldavien · Förvaltningen ·
    2018–2020"): labelled facts set after the body (a row of boxes at the foot) are its list too."""
    return bool(fact_lines) and not any(split_label(strip_bullet(f.text)[0]) for f in fact_lines)


def _partner_rows_only(fact_lines: list[Line]) -> bool:
    """No facts yet but a partner row ("Parter: A och" / "B (Land)"): a fact box may still follow."""
    return all(PARTNERS_KEY_RE.match(fold(strip_bullet(f.text)[0])) or (k and not f.gap_before)
               for k, f in enumerate(fact_lines))


def _trailing_cut(ls: list[Line], start: int, end: int, style: Style) -> int | None:
    """Where the last card ends before the brochure's closing sections: a heading after a blank
    line, once the card's body has begun, followed by prose, a partner box or quotes."""
    seen_prose = closed = False  # closed: the card's fact box came after its body
    prose_rows = 0
    for k in range(start + 1, end):
        ln = ls[k]
        if len(ln.text) > 48 and not is_fact_line(ln.text) and not ln.bullet:
            seen_prose = True
            prose_rows += 1
        elif prose_rows >= 3 and (FACT_HEAD_RE.match(ln.text) or is_fact_line(strip_bullet(ln.text)[0])):
            closed = True
        if not (seen_prose and ln.gap_before) or k + 1 >= end:
            continue
        t = ln.text.strip()
        if (ln.bullet or len(t) > 60 or is_fact_line(t) or FACT_HEAD_RE.match(t) or find_quote(ls, k, end)
                or parse_attribution(t) or not style.looks_heading(ln) or RESULT_HEAD_RE.match(fold(t))):
            continue  # ("Resultat" over a paragraph is the card's own result, not the brochure's next section)
        nxt = ls[k + 1]
        if nxt.gap_before and not closed or _merged_fact_rows(ls, k + 1, end):
            continue  # (over merged fact rows: the card's own column headings; plain-text OCR sets a
            # blank line under any heading, so one counts only after the card's closing fact box)
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
    while j < stop and (j == first or not ls[j].gap_before or (
            head and (ls[j].bullet or is_fact_line(strip_bullet(ls[j].text)[0]) or _plain_fact(ls, j, stop)))
            or ls[j].bullet and any(f.bullet for f in facts)  # a bulleted list OCR spaced out
            or is_card_fact(strip_bullet(ls[j].text)[0]) and facts and is_card_fact(strip_bullet(facts[0].text)[0])):
        t = strip_bullet(ls[j].text)[0]  # (OCR's blank rows in a box do not end it)
        if is_fact_line(t) or ls[j].bullet or head and _plain_fact(ls, j, stop):
            facts.append(ls[j])
        elif facts and (starts_lower(t) or facts[-1].text.rstrip().endswith((",", "-", ":"))
                        or ends_on(facts[-1].text, _PAIRING_ENDS)):
            facts.append(ls[j])  # a wrapped fact ("Partner: Ekby kommun och" / "Lumbo Municipality")
        else:
            break
        j += 1
    labelled = sum(is_fact_line(strip_bullet(f.text)[0]) for f in facts)
    if labelled < 2 and first == i and facts and _RESULT_LEAD_RE.match(strip_bullet(facts[0].text)[0]):
        return None  # one "Resultat: …" paragraph of the body, wrapped: no fact list
    if len(facts) >= (1 if first > i else 2):
        return facts, j
    return None


#: Words a late fact's wrapped value is taken to go on after ("Partner: Ekby kommun och").
_PAIRING_ENDS = frozenset({"och", "&", "samt"})


def _plain_fact(ls: list[Line], j: int, stop: int) -> bool:
    """An unlabelled row under a fact header ("Cirka 900 armaturer bytta", "Förlängt ett år på grund
    av pan-" / "demin"): short, no sentence, and a labelled row or the span's end follows soon."""
    t = ls[j].text
    if len(t) > 60 or ends_sentence(t) or find_quote(ls, j, stop):
        return False
    k = j + 1
    while k < min(stop, j + 3) and not ls[k].gap_before:
        k += 1
    return k >= stop or is_fact_line(strip_bullet(ls[k].text)[0]) or ls[k].bullet or _plain_fact_end(ls, k, stop)


def _plain_fact_end(ls: list[Line], k: int, stop: int) -> bool:
    """The last row of a fact box: short and alone before the span ends."""
    t = ls[k].text
    return len(t) <= 60 and not ends_sentence(t) and all(not ls[m].gap_before for m in range(k + 1, stop)) and (
        stop - k <= 3)


def _facts_and_body_start(ls: list[Line], i: int, stop: int, style: Style) -> tuple[list[Line], list[Line], int]:
    """Fact list lines, body lines already split off (interleaved OCR), and where the body goes on."""
    if i >= stop:
        return [], [], i
    fm = FACT_HEAD_RE.match(ls[i].text)
    if fm and fm.group(2) and len(fm.group(2)) > 3:
        return _interleaved(ls, i + 1, stop)
    if not fm and _merged_fact_rows(ls, i, stop):
        return _interleaved(ls, i, stop)
    if not fm and len(ls[i].text) <= 60 and _merged_fact_rows(ls, i + 1, stop):
        return _interleaved(ls, i + 1, stop)  # over them, column headings the OCR garbled
    if fm:
        i += 1
    facts: list[Line] = []
    while i < stop:
        head = ls[i].text.strip()
        sub = (FACT_HEAD_RE.match(head) or _GOALS_HEAD_RE.match(fold(head))) if facts else None
        if (sub and not (sub.groups() and sub.group(2)) and i + 1 < stop
                and (ls[i + 1].bullet or is_fact_line(strip_bullet(ls[i + 1].text)[0]))):
            fm, i = fm or sub, i + 1  # a second header over more facts ("Globala mål" over its goals, "Nyckeltal")
            continue
        if not _takes_fact(ls, i, stop, facts, style, headed=bool(fm)):
            break
        # (a wrapped value is marked indented: the fact it goes on is one item)
        facts.append(replace(ls[i], indented=True) if _wrapped_value(ls, i, stop, facts) else ls[i])
        i += 1
    if i < stop and (_is_body_heading(ls, i, stop) or (style.emphasised(ls[i]) and len(ls[i].text) <= 60)) and (
            not RESULT_HEAD_RE.match(fold(ls[i].text.strip()))):  # ("RESULTAT" over its paragraph: the card's result)
        i += 1
    return facts, [], i


def _wrapped_value(ls: list[Line], i: int, stop: int, facts: list[Line]) -> bool:
    """A value wrapped in its table cell ("Parter: Ekby kommun, Lumbo" / "Municipal Assembly"):
    a short line straight under a labelled row, another labelled row after it."""
    t = ls[i].text
    prev = facts[-1].text.rstrip() if facts else ""
    return bool(facts) and not ls[i].gap_before and not ls[i].bullet and len(t.split()) <= 4 and not ends_sentence(t) and (
        i + 1 < stop and is_fact_line(strip_bullet(ls[i + 1].text)[0])
        and (ls[i + 1].gap_before or ls[i].src.size is not None)  # (a PDF's rows share one block)
        and is_fact_line(strip_bullet(prev)[0]) and not facts[-1].bullet and (prev[-1:].isalpha() or prev[-1:] in ",;")
        and not is_fact_line(strip_bullet(t)[0]))


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
    if _wrapped_value(ls, i, stop, facts):
        return True
    if facts and ln.src.column == facts[-1].src.column and (
            starts_lower(t) or ln.indented or facts[-1].text.rstrip().endswith(("-", ",", ":", ";"))
            or ends_on(facts[-1].text, JOINING_ENDS)):  # "Parter: A och" / "B (Land)"
        return True  # a wrapped fact
    if facts and is_fact_line(t) and ln.src.size and facts[-1].src.size and (
            abs(ln.src.size - facts[-1].src.size) < 0.3 and ln.src.column == facts[-1].src.column):
        return True  # a fact set in the list's own small type, split off only by a change of weight
    if (facts and is_fact_line(t) and ln.src.x0 is not None and facts[-1].src.x0 is not None
            and abs(ln.src.x0 - facts[-1].src.x0) < 1.0 and ln.src.column == facts[-1].src.column
            and not facts[-1].text.rstrip().endswith(".")):
        return True  # the next row of a ruled table of facts, whatever its type ("GLOBALA MÅL" in bold)
    if facts and (style.emphasised(ln) or ln.src.column != facts[-1].src.column):
        return False  # a styled heading or the next column ends the fact list
    if is_fact_line(t) and not (facts and ln.gap_before and not headed and not marked):
        return True  # "Ansvarig: ...": a fact even without a header or a bullet
    if facts and ln.gap_before and is_card_fact(t) and is_fact_line(strip_bullet(facts[0].text)[0]):
        return True  # "Resultat: …" after a blank line OCR set inside a list of labelled facts
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


def _merged_fact_rows(ls: list[Line], i: int, stop: int) -> bool:
    """Fact rows OCR merged with the body beside them, with no column headings to say so: the card
    opens with "Label: …" rows as long as prose, two of the first four rows starting with a label."""
    rows = [strip_bullet(ln.text)[0] for ln in ls[i:min(stop, i + 4)]]
    if not rows or not LABEL_OPENS_RE.match(rows[0]) or len(rows[0]) < 70:
        return False
    labelled = [r for r in rows if LABEL_OPENS_RE.match(r)]
    return len(labelled) >= 2 and sum(len(r) >= 60 for r in rows) >= 2


def _interleaved(ls: list[Line], i: int, stop: int) -> tuple[list[Line], list[Line], int]:
    """OCR merged the fact column and the body column row by row; split them apart.

    The region runs to the card's quote (or its end): the body column usually goes
    on below the shorter fact column, and the split allows rows of body alone.
    """
    if i >= stop:
        return [], [], i
    j = i
    while j < min(stop, i + 40):  # a fact column is short; cap the dynamic programme
        if j > i and find_quote(ls, j, stop):
            break
        j += 1
    known = _document_pairs(tuple(ln.text for ln in ls))
    return (*split_columns(ls[i:j], _body_width(ls[i:j]), known=known), j)


@lru_cache(maxsize=1)
def _document_pairs(texts: tuple[str, ...]) -> Counter[tuple[str, str]]:
    """The document's word pairs (``word_pairs``), counted once for all its cards."""
    return word_pairs(list(texts))


def _body_width(region: list[Line]) -> float | None:
    """The body column's width, read off the rows below a shorter fact column (None if too few).

    Those rows hold body text alone, so they are clearly narrower than the merged rows above."""
    widths = [text_width(strip_bullet(ln.text)[0]) for ln in region]
    if not widths:
        return None
    widest = max(widths)
    k = len(region)
    while k > 0 and not region[k - 1].bullet and widths[k - 1] < 0.85 * widest:
        k -= 1
    tail = widths[k:]
    # the widest of them stopped short of the edge by up to a word: allow a little more
    return 1.05 * max(tail) if len(tail) >= 3 else None


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
            ref = _ABOUT_CARD_RE.search(card.quote.role or "")
            if ref and (card.acronym and fold(card.acronym) == fold(ref.group("ref"))
                        or card.title and fold(card.title) == fold(ref.group("ref"))):
                card.quote.role = card.quote.role[: ref.start()].strip() or None  # "kommunalråd, om FLODVAKT"


__all__ = ["segment_lines", "segment_text"]
