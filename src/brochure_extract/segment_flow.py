"""Prose flow: paragraphs, bullet items, headings, title page.

Works on cleaned lines with or without layout. With layout (font size/bold from a
PDF) a heading is a line set larger or bold than the body; in plain text it is a
short line (or two) without a sentence end, followed by prose.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .models import Section
from .segment_common import (
    JOINING_ENDS,
    SECTION_NUMBER_RE,
    Line,
    ends_on,
    ends_sentence,
    fold,
    join_wrapped,
    starts_lower,
    strip_bullet,
)

#: Plain-text cue: a heading line is at most this many characters.
HEADING_MAX = 48


@dataclass
class Style:
    """Body font size of the document (the size most characters have), when lines carry one."""

    body_size: float | None = None

    @classmethod
    def of(cls, lines: list[Line]) -> Style:
        weight: dict[float, int] = {}
        for ln in lines:
            if ln.src.size:
                key = round(ln.src.size * 2) / 2
                weight[key] = weight.get(key, 0) + len(ln.text)
        if len(weight) < 2 and sum(weight.values()) < 200:
            return cls(None)
        return cls(max(weight, key=lambda k: weight[k]))  # the size most text is set in

    def emphasised(self, ln: Line) -> bool | None:
        """True/False from layout, None when the line has no font information.

        The size step is generous (25 %) because sizes estimated from OCR boxes jitter.
        """
        if self.body_size is None or not ln.src.size:
            return None
        return ln.src.size >= self.body_size * 1.25 or (ln.src.bold and len(ln.text) <= 80)

    def looks_heading(self, ln: Line) -> bool:
        if ln.text.lstrip()[:1] in "”\"«»„“":
            return False  # a pull quote set large is a quote, not a heading
        emph = self.emphasised(ln)
        if emph is not None:
            return emph and not ln.bullet and (not ends_sentence(ln.text) or _question_heading(ln))
        return not ln.bullet and (len(ln.text) <= HEADING_MAX and not ends_sentence(ln.text)
                                  and not ln.text.rstrip().endswith("-")  # a word broken across lines
                                  or _question_heading(ln))


def _question_heading(ln: Line) -> bool:
    """"Varför arbetar vi internationellt?": a short question alone after a blank line is a heading
    (brochures ask the question their section answers)."""
    t = SECTION_NUMBER_RE.sub("", ln.text.rstrip())
    return t.endswith("?") and ln.gap_before and len(t) <= 60 and t[:1].isupper() and t.count("?") == 1


def group_items(lines: list[Line]) -> list[str]:
    """Bullet list → items; wrapped lines join their item.

    A marker starts an item, and so does an unindented line that starts with a capital (a
    labelled fact after the bullets, or an item whose marker OCR lost)."""
    items: list[list[str]] = []
    for ln in lines:
        body, bullet = strip_bullet(ln.text)
        bullet = bullet or ln.bullet  # a marker the cleaning already took off ("1.", a split "|" row)
        new = bullet or not items
        if not new and not ln.indented:  # a capital opens a new (unmarked) item: "Resultat: ..." after bullets
            prev = items[-1][-1]
            new = body[:1].isupper() and not prev.endswith(("-", ",", ":")) and not ends_on(prev, JOINING_ENDS)
        if new:
            items.append([body])
        else:
            items[-1].append(body)
    return [join_wrapped(parts) for parts in items]


def group_paragraphs(lines: list[Line]) -> list[str]:
    """Lines → paragraphs. A blank line ends a paragraph unless the text clearly runs on."""
    paras: list[list[str]] = []
    for ln in lines:
        if paras and (not ln.gap_before or _runs_on(paras[-1][-1], ln.text)):
            paras[-1].append(ln.text)
        else:
            paras.append([ln.text])
    return [join_wrapped(p) for p in paras]


def _runs_on(prev: str, cur: str) -> bool:
    return starts_lower(cur) or prev.rstrip().endswith((",", "-")) and not ends_sentence(prev)


@dataclass
class _Unit:
    kind: str  # "head" | "para" | "item"
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_wrapped([ln.text for ln in self.lines])


def _units(lines: list[Line], style: Style) -> list[_Unit]:
    """Split lines into heading candidates, paragraph chunks and bullet items."""
    units: list[_Unit] = []
    for ln in lines:
        cur = units[-1] if units else None
        if ln.bullet:
            units.append(_Unit("item", [ln]))
        elif cur and cur.kind == "item" and not ln.gap_before and (
                starts_lower(ln.text) or ln.indented
                or ln.text[:1].isdigit() and not ends_sentence(cur.lines[-1].text)):  # "… till Agenda" / "2030"
            cur.lines.append(ln)
        elif (cur and cur.kind == "head" and not ln.gap_before and _GOES_ON_RE.match(ln.text) and len(ln.text) <= 40
              and ln.text.rstrip().endswith("?")):
            cur.lines.append(ln)  # "Varför internationellt" / "samarbete?": a question heading wraps
        elif style.looks_heading(ln):
            if cur and cur.kind == "head" and (not ln.gap_before or starts_lower(ln.text)
                                              or _continues_head(cur, ln)):
                cur.lines.append(ln)
            elif cur and cur.kind == "para" and not ln.gap_before and not ends_sentence(cur.lines[-1].text):
                cur.lines.append(ln)  # short last line of a paragraph
            else:
                units.append(_Unit("head", [ln]))
        else:
            if cur and cur.kind == "para" and (not ln.gap_before or _runs_on(cur.lines[-1].text, ln.text)):
                cur.lines.append(ln)
            else:
                units.append(_Unit("para", [ln]))
    for k, u in enumerate(units[:-1]):
        nxt = units[k + 1]
        if u.kind == "head" and u.text.rstrip().endswith(":") and nxt.kind == "item" and starts_lower(
                strip_bullet(nxt.lines[0].text)[0]):
            u.kind = "para"  # "Varje projekt ska ha:" over "- en tydlig projektägare": one sentence
    return units


def _prose_not_heads(units: list[_Unit]) -> list[_Unit]:
    """Short lines are heading candidates in plain text, but a narrow column makes every line
    short. A candidate of three lines or more that runs on, with no blank line, into the paragraph
    after it is that paragraph's beginning, and so is one whose next line goes on in lower case
    (and, with no blank line above it, the end of the paragraph before); so is one of three or
    more lines with a full stop at a line's end (a title wraps, but takes no full stop), or a line
    run on in lower case to a sentence that ends inside a line. Layout sizes, when known, decide."""
    out: list[_Unit] = []
    for u in units:
        sized = any(ln.src.size for ln in u.lines)
        prev = out[-1] if out else None
        if (u.kind == "para" and prev is not None and prev.kind == "head" and not u.lines[0].gap_before
                and not sized and not any(ln.src.size for ln in prev.lines)
                and (len(prev.lines) >= 3 or _GOES_ON_RE.match(u.lines[0].text)
                     and not (len(u.lines) == 1 and u.lines[0].text.rstrip().endswith("?")))):  # "samarbete?" ends a question heading
            out[-1] = _Unit("para", prev.lines + u.lines)
            before = out[-2] if len(out) >= 2 else None
            if before is not None and before.kind == "para" and not prev.lines[0].gap_before:
                out[-2:] = [_Unit("para", before.lines + out[-1].lines)]  # and it went on from the paragraph above
            continue
        if (u.kind == "para" and prev is not None and prev.kind == "head" and not u.lines[0].gap_before and sized
                and prev.lines[-1].src.size == u.lines[0].src.size and starts_lower(u.lines[0].text)
                and (not prev.lines[-1].src.bold or len(prev.lines) >= 3)  # (a bold lead runs on for lines)
                and (_SENTENCE_INSIDE_RE.search(prev.text + " " + u.lines[0].text)
                     or len(prev.lines) >= 4 and u.lines[-1].text.rstrip().endswith("."))):
            out[-1] = _Unit("para", prev.lines + u.lines)  # a lead paragraph's first line, in its own size
            continue
        if u.kind == "para" and prev is not None and prev.kind == "para" and not u.lines[0].gap_before and not sized:
            out[-1] = _Unit("para", prev.lines + u.lines)  # the rest of a candidate found to be prose
            continue
        if u.kind == "head" and not sized and (
                len(u.lines) >= 3 and any(ln.text.rstrip().endswith(".") for ln in u.lines)
                or len(u.lines) >= 2 and starts_lower(u.lines[1].text) and _SENTENCE_INSIDE_RE.search(u.text)):
            u = _Unit("para", u.lines)
            if prev is not None and prev.kind == "para" and not u.lines[0].gap_before:
                out[-1] = _Unit("para", prev.lines + u.lines)
                continue
        if (u.kind == "head" and sized and len(u.lines) >= 2 and u.text.rstrip().endswith(".")
                and len(u.text.split()) >= 15 and not any(ln.src.bold for ln in u.lines)):
            u = _Unit("para", u.lines)  # a lead paragraph set large under the title: sentences, not a heading
        out.append(u)
    return out


#: A line that goes on with a sentence: a lower-case word (not a lone letter, OCR's bullet "m").
_GOES_ON_RE = re.compile(r"[a-zåäö]{2,}\b")
#: A sentence ending inside a line, more text after it ("grundprinciper. I praktiken").
_SENTENCE_INSIDE_RE = re.compile(r"[a-zåäö)]{2}[.!?] +\S")


def _continues_head(cur: _Unit, ln: Line) -> bool:
    # OCR reads a line-initial "i" as "I": "I Rwanda och Montenegro" continues a title ("I maj reste
    # sju medarbetare" after one opens the paragraph under it: a title's "i" goes on with a place,
    # or in a few words).
    return (ln.text.startswith("I ") and (ln.text[2:3].isupper() or len(ln.text) <= 20)  # "I korthet"
            and not ends_sentence(cur.lines[-1].text) and len(cur.lines) < 3)


#: Words a heading cannot end on: a line ending so goes on in the next ("… och Asokwa" / "Municipal …").
_OPEN_ENDS = frozenset("och i med för av på till om från mot vid under samt eller en ett den det de som & – -".split())


def _split_head_phrases(unit: _Unit) -> list[_Unit]:
    """A heading unit may hold several phrases (subtitle + heading): split at capitals."""
    out: list[_Unit] = []
    for ln in unit.lines:
        if out and ln.src.size and out[-1].lines[-1].src.size:  # layout: same font = same phrase
            a, b = sorted((ln.src.size, out[-1].lines[-1].src.size))
            if b <= a * 1.2 and ln.src.bold == out[-1].lines[-1].src.bold:  # OCR sizes are noisy
                out[-1].lines.append(ln)
            else:
                out.append(_Unit("head", [ln]))
            continue
        if out and (starts_lower(ln.text) or _continues_head(out[-1], ln) or not ln.text[:1].isupper()
                    or ends_on(out[-1].lines[-1].text, _OPEN_ENDS) or _name_goes_on(out[-1].lines[-1].text, ln.text)):
            out[-1].lines.append(ln)
        else:
            out.append(_Unit("head", [ln]))
    return out


def _name_goes_on(prev: str, text: str) -> bool:
    """"Studieresa till Sidi Bou" / "Rhal": a heading broken inside a name, a few capitalised
    words going on from the capitalised word the line above ended on (not an all-capitals kicker)."""
    words, last = text.split(), prev.split()
    return (len(last) >= 2 and last[-1][:1].isupper() and not last[-1].isupper() and not prev.isupper()
            and 1 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and not text.isupper()
            and not ends_sentence(text))


def _item_like(u: _Unit) -> bool:
    return (u.kind in ("para", "head") and len(u.lines) <= 2 and not ends_sentence(u.lines[-1].text)
            and len(u.text) <= 120)


def _mark_lost_bullets(units: list[_Unit]) -> None:
    """OCR may drop bullets: ≥3 short, unpunctuated chunks in a row after prose are items.

    A heading-like chunk inside such a run is an item too, unless real prose follows it.
    """
    i = 1
    while i < len(units):
        if units[i].kind == "head":  # a heading, then a lead-in paragraph, then maybe items
            start = i + 2
        elif units[i - 1].kind in ("para", "item"):
            start = i
        else:
            i += 1
            continue
        j = start
        while j < len(units) and _item_like(units[j]):
            j += 1
        if j < len(units) and j > start and units[j - 1].kind == "head" and units[j].kind == "para":
            j -= 1  # the run ends with a real heading of the prose after it
        if j - start >= 3 and (start == i or _item_like(units[i + 1]) or units[i + 1].kind == "para"):
            for u in units[start:j]:
                u.kind = "item"
            i = j
        else:
            i += 1


def _long_subtitle(units: list[_Unit]) -> None:
    """A title's second line may be too long for a heading ("Tre projekt tillsammans med ... i
    Estland"): one unpunctuated line right under the title, alone before a blank line, is its
    subtitle, not a paragraph."""
    if len(units) >= 2 and units[0].kind == "para" and len(units[0].lines) == 2 and units[1].lines[0].gap_before and all(
            len(ln.text) <= 100 and not ends_sentence(ln.text) for ln in units[0].lines):
        first, second = units[0].lines  # two long cover lines: the title and its subtitle (or translation)
        units[0:1] = [_Unit("head", [first]), _Unit("head", [second])]
        return
    if len(units) < 3 or units[0].kind != "head" or units[1].kind != "para":
        return
    sub = units[1].lines
    # after a blank line only when a heading follows: title, subtitle, first section (a subtitle
    # may wrap once: "Tio år av partnerskap mellan Hjortviken och Lunhanga i" / "Moçambique")
    if ((len(sub) == 1 or len(sub) == 2 and units[2].kind == "head" and not ends_sentence(sub[0].text))
            and (not sub[0].gap_before or units[2].kind in ("head", "item")) and not ends_sentence(sub[-1].text)
            and len(units[1].text) <= 100 and units[2].lines[0].gap_before):
        units[1].kind = "head"


#: A cover line that only names the publisher as a logo does: in capitals ("ÖDMARSBY KOMMUN") or
#: after a logo glyph the OCR read as a letter or a sign ("A Furuhalla kommun"). A plain
#: "Lindås kommun" first line is the title itself.
_KICKER_RE = re.compile(r"^(?:(?:[^\w\s]+\s*|[a-zA-Z]\s)[A-ZÅÄÖa-zåäö][\w\-]*(?:\s[\w\-]+){0,2}\s(?:kommun|region|stad|län|landsting)"
                        r"|[A-ZÅÄÖ][A-ZÅÄÖ\-]*(?:\s[A-ZÅÄÖ\-]+){0,2}\s(?:KOMMUN|REGION|STAD|LÄN|LANDSTING))$")


#: A cover's kicker in capitals that dates or files the issue: "INTERNATIONELLT ARBETE - RAPPORT 2023",
#: "ÅRSRAPPORT · 2022". A title in capitals carries neither a year nor such a separator.
_DATED_KICKER_RE = re.compile(r"^(?=[^a-zåäö]*$)(?=.*[A-ZÅÄÖ]{3})(?=.*(?:\s[-–—|·•]\s|\b(?:19|20)\d\d\b)).{4,60}$")


#: "Internationella enheten - Ekby kommun : 2023": a cover line naming the publisher and the year.
_ISSUE_LINE_RE = re.compile(r"^(?=.*\b(?:19|20)\d\d\b)(?=.*\s[-–—|·:•]\s)(?=.*\b(?:kommun|region|stad|enheten|förvaltningen)\b).{8,90}$",
                            re.I)


#: A masthead ("Nyhetsbrev nr 2 - 2022") or a publisher with its office ("Ekby kommun : Internationella
#: kontoret") over a cover's title.
_MASTHEAD_RE = re.compile(r"^(?i:nyhetsbrev|informationsblad|årsrapport|rapport|verksamhetsberättelse|bulletin|magasinet?)"
                          r"\b.{0,30}\d.{0,20}$|^[A-ZÅÄÖ][\w\-]+\s(?:kommun|region|stad)\s[:|·•–—-]\s[A-ZÅÄÖ][\w\s]{0,30}"
                          r"(?:kontoret|enheten|avdelningen|förvaltningen|staben|sekretariatet|byrån)$")


def _publisher_over_title(text: str, next_text: str) -> bool:
    """"Alingsås kommun" over "Alingsås i världen": the publisher over a title that names the same
    place. ("Lövhamra kommun" over "Internationell verksamhet – lägesrapport 2023" is the title.)"""
    m = re.fullmatch(r"(?P<place>[A-ZÅÄÖ][\wåäö\-]+?)s?\s(?:kommun|region|stad)", text.strip())
    return m is not None and fold(m.group("place")) in fold(next_text)


#: The genre's own words, which a kicker over the title is made of (folded).
_KICKER_WORDS = frozenset("internationellt internationella internationell partnerskap kommunala kommunalt kommunal "
                          "arbete arbetet samarbete samarbeten icld rapport nyhetsbrev verksamhet och for".split())


def _caps_kicker(text: str, next_text: str) -> bool:
    """"INTERNATIONELLA PARTNERSKAP" over "Sävsjö och Soroca – ett partnerskap …": a short line in
    capitals over a cover line in ordinary case is the cover's kicker, not its title."""
    words = text.split()
    if words and all(fold(w.strip(".,:-–·|")) in _KICKER_WORDS for w in words) and sum(c.islower() for c in next_text) >= 5:
        return True  # "INTERNATIONELLT PARTNERSKAP": only the genre's words, no place: the kicker
    return (1 <= len(words) <= 6 and any(c.isalpha() for c in text) and not any(c.islower() for c in text)
            and sum(c.islower() for c in next_text) >= 5
            # ("ÖSTERÅ KOMMUN I VÄRLDEN" over a shorter subtitle is the title; a kicker is shorter than
            # the title, or files it under a heading with a separator: "KOMMUNALA PARTNERSKAP · ICLD")
            and (len(next_text.split()) > len(words) + 1 or re.search(r"\s[·|•–—-]|\s\.-\s", text) is not None))


def _issue_line(text: str) -> bool:
    """A cover line that files the issue (publisher, year, number), not a title or subtitle."""
    return bool(_KICKER_RE.match(text) or _DATED_KICKER_RE.match(text) or _ISSUE_LINE_RE.match(text)
                or _MASTHEAD_RE.match(text))


def _join_open_heads(units: list[_Unit]) -> list[_Unit]:
    """A heading candidate that ends on a word like 'och' goes on in the next one, which OCR set
    apart with a blank line ("partnerskap med Tanzania och" / "Georgien")."""
    out: list[_Unit] = []
    for u in units:
        prev = out[-1] if out else None
        if (u.kind == "head" and prev is not None and prev.kind == "head" and ends_on(prev.lines[-1].text, _OPEN_ENDS)
                and not any(ln.src.size for ln in prev.lines + u.lines)):
            out[-1] = _Unit("head", prev.lines + u.lines)
        else:
            out.append(u)
    return out


def _cover_phrases(front: list[_Unit]) -> list[_Unit]:
    """The title page's heading units, with a wrapped line that OCR set apart by a blank line
    ("Våra internationella" / "partnerskap") joined back to the phrase it continues."""
    out: list[_Unit] = []
    for u in front:
        if out and starts_lower(u.text) and not any(ln.src.size for ln in u.lines):
            out[-1] = _Unit("head", out[-1].lines + u.lines)
        else:
            out.append(u)
    return out


def _plain_cover_line(units: list[_Unit], k: int) -> bool:
    """Is head ``k``, the first over prose, a cover's subtitle rather than a section heading? It comes
    right under the title (the largest line before it), in plain type smaller than the title, while
    the brochure's headings further on are bold."""
    u = units[k]
    if any(ln.src.bold or not ln.src.size for ln in u.lines) or not all(x.kind == "head" for x in units[:k]):
        return False
    size = max(ln.src.size or 0.0 for ln in u.lines)
    above = [max(ln.src.size or 0.0 for ln in x.lines) for x in units[:k]]
    if max(above) < 1.5 * size or above.index(max(above)) != k - 1:
        return False
    return any(x.kind == "head" and all(ln.src.bold for ln in x.lines) for x in units[k + 2:])


def build_sections(lines: list[Line], style: Style, *,
                   front_matter: bool = True) -> tuple[str | None, str | None, list[Section]]:
    """Title, subtitle and sections from the non-card, non-fact lines of a brochure (without
    ``front_matter``, lines after the cards: no title page there)."""
    raw_units = _prose_not_heads(_units(lines, style))
    units: list[_Unit] = []
    for u in raw_units:
        units.extend(_split_head_phrases(u) if u.kind == "head" else [u])
    units = _join_open_heads(units)
    _mark_lost_bullets(units)
    if (front_matter and len(units) > 2 and units[0].kind == "para" and len(units[0].lines) == 1
            and units[1].kind == "head" and not any(c.islower() for c in units[0].text)
            and any(c.isalpha() for c in units[0].text) and len(units[0].text.split()) <= 8):
        units = units[1:]  # "RAPPORT · INTERNATIONELLT ARBETE" in small capitals over the title: a kicker
    while (front_matter and len(units) > 2 and units[0].kind == "head" and units[1].kind == "head"
            and not any(ln.src.size for ln in units[0].lines)
            and (_issue_line(units[0].text) or _caps_kicker(units[0].text, units[1].text)
                 or _publisher_over_title(units[0].text, units[1].text))):
        units = units[1:]  # "Furuhälla kommun" or "RAPPORT 2023" over the title: the publisher or the issue
    if front_matter:
        _long_subtitle(units)
    # A heading is a head unit followed by prose or items; heads before the first such
    # heading form the title page.
    first_heading = next((k for k, u in enumerate(units)
                          if u.kind == "head" and k + 1 < len(units) and units[k + 1].kind != "head"), None)
    if (front_matter and first_heading == 0 and len(units) > 2 and units[1].kind == "para" and len(units[1].lines) <= 2
            and not ends_sentence(units[1].text) and _plain_cover_line([units[0], _Unit("head", units[1].lines)] + units[2:], 1)):
        units[1] = _Unit("head", units[1].lines)  # the subtitle in plain type under a cover's title
        first_heading = next((k for k, u in enumerate(units)
                              if u.kind == "head" and k + 1 < len(units) and units[k + 1].kind != "head"), None)
    if (front_matter and first_heading is not None and 0 < first_heading and _plain_cover_line(units, first_heading)):
        first_heading += 1  # a subtitle in plain type over a lead paragraph: the cover's, not a section's
    front = units[:first_heading] if first_heading is not None else [u for u in units if u.kind == "head"]
    title = subtitle = None
    if front_matter and front and all(u.kind == "head" for u in front):
        cover = _cover_phrases(front)
        sizes = [max((ln.src.size or 0.0) for ln in u.lines) for u in cover]
        top = max(range(len(cover)), key=lambda k: sizes[k]) if any(sizes) else 0
        if sizes[top] < 1.2 * (sizes[0] or 1.0):
            top = 0  # only a markedly larger line beats the first one: a kicker above the real title
        title = cover[top].text
        subtitle = " ".join(u.text for u in cover[top + 1:] if not _ISSUE_LINE_RE.match(u.text)) or None
        rest = units[len(front):] if first_heading is not None else [u for u in units if u.kind != "head"]
    else:
        rest = units
    sections: list[Section] = []
    for u in rest:
        if u.kind == "head":
            sections.append(Section(heading=u.text))
            continue
        if not sections:
            sections.append(Section(heading=None))
        if u.kind == "item":
            sections[-1].items.append(u.text if len(u.lines) > 1 or not u.lines[0].bullet
                                      else strip_bullet(u.lines[0].text)[0])
        else:
            sections[-1].paragraphs.extend(group_paragraphs(u.lines))
    for s in sections:
        s.items = [strip_bullet(i)[0] for i in s.items]
    return title, subtitle, [s for s in sections if s.paragraphs or s.items]
