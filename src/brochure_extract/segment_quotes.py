"""Quotes: a paragraph opened by a dash ("– ", "- ", "— ") or a quotation mark and closed by an attribution line.

Swedish brochures print quotes as "– Text ..." followed by "Name (Party), role" or
"Name, role, organisation". The attribution is what makes a dash paragraph a quote
rather than a bullet, so we look for it before accepting the quote.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .models import Quote
from .segment_common import Line, ends_on, ends_sentence, fold, is_dash_start, join_wrapped, starts_lower, strip_bullet

_NAME_WORD = r"[A-ZÅÄÖÉÜ][\w'’.\-]*"
ATTRIBUTION_RE = re.compile(
    rf"^(?P<name>{_NAME_WORD}(?:\s+(?:af\s+|von\s+|de\s+)?{_NAME_WORD}){{1,3}})\s*"
    r"(?:\((?P<party>[^()]{1,12})\))?\s*,\s*(?P<role>[^.!?]{2,120})$"
)
_LEAD_DASH = re.compile(r"^\s*[–—~-]\s+")  # "~": OCR's reading of a dash before a name
_QUOTE_MARKS = "”“\"«»„’‘"


#: "…, om projektet" after a role says what the quote is about, not who speaks.
_ABOUT_RE = re.compile(r",?\s*(?:(?:om|kring|apropå)\s+(?:projektet|samarbetet|arbetet|partnerskapet)"
                       r"|berättar|säger|menar|konstaterar|förklarar|tycker|minns)$"
                       r"|,\s*(?:om|kring|apropå)\s+(?-i:[a-zåäö])[^,]{2,80}$", re.I)  # "…, om natten då skredet gick"


_BARE_NAME_RE = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}(?:\s*\([^()]{{1,12}}\))?$")


#: "Ana Mussa (diakon i Santa Luzia)": the role in brackets where others put the party.
_ROLE_IN_BRACKETS_RE = re.compile(rf"^(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})\s*\((?P<role>[a-zåäö][^()]{{2,80}})\)$")


#: Sweden's parliamentary parties by name ("Anna Ek, Centerpartiet, kommunalråd").
#: The parties' letters, as a signature writes them: "(S)", "KD,".
_PARTY_LETTERS = r"S|M|C|V|L|KD|MP|SD"
_PARTY_NAMES = (r"Socialdemokraterna|Moderaterna|Centerpartiet|Liberalerna|Kristdemokraterna|Vänsterpartiet|"
                r"Miljöpartiet|Sverigedemokraterna")


def parse_attribution(text: str) -> tuple[str, str | None, str | None] | None:
    """"Name (Party), role" → (name, party, role); None when the line is not an attribution."""
    text = re.sub(r"^Det\s+(?:säger|menar|berättar|tycker|konstaterar)\s+", "", text.strip()).rstrip(".")
    text = text.replace(" | ", ", ")  # "Name (C) | role"
    m = ATTRIBUTION_RE.match(text)
    if not m:
        is_role = re.match(rf"^(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})\s+är\s+(?P<role>[a-zåäö][^.!?]{{2,100}})$", text)
        if is_role:  # "Gulnara Osmonova är rektor för skolan."
            return is_role.group("name"), None, is_role.group("role").strip()
        r = _ROLE_IN_BRACKETS_RE.match(text.strip())
        return (r.group("name"), None, r.group("role").strip()) if r else None
    role = _ABOUT_RE.sub("", m.group("role").strip()).rstrip(",")
    party = m.group("party").strip() if m.group("party") else None
    early = re.match(r"^(?P<p>" + _PARTY_LETTERS + "|" + _PARTY_NAMES + r")\s*,\s*", role)
    if party is None and early:  # "Karin Lövgren, S, ordförande": the party without brackets
        party, role = early.group("p"), role[early.end():]
    late = re.search(r"\s*\((?P<p>[A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,5})\)$", role)
    if party is None and late:  # "regionråd (S)": the party after the role
        party, role = late.group("p"), role[: late.start()].strip()
    return m.group("name").strip(), party, role or None


def find_quote(lines: list[Line], i: int, stop: int, max_lines: int = 30) -> tuple[Quote, int] | None:
    """If ``lines[i]`` opens a quote, return it and the index after its attribution."""
    found = _find_quote(lines, i, stop, max_lines)
    if found is None:
        return None
    quote, after = found
    text = continued_paragraphs(quote.text)
    return (quote if text == quote.text else replace(quote, text=text)), after


#: A quotation mark opening a sentence inside a quote: "… sortering. ”Men det var …".
_REOPENED_RE = re.compile(r"(?<=[.!?…]) [”“\"»„](?=[A-ZÅÄÖ])")
_CLOSING_RE = re.compile(r"[”\"«»](?=\W|$)")


def continued_paragraphs(text: str) -> str:
    """A quote of several paragraphs opens each with a quotation mark and closes only the last
    (Swedish and English typography alike): the marks inside are no part of the words."""
    if _REOPENED_RE.search(text) is None:
        return text
    # (a mark closed later in the text opens a quotation inside the quote: it stays)
    return _REOPENED_RE.sub(lambda m: " " if not _CLOSING_RE.search(text, m.end()) else m.group(), text)


def _find_quote(lines: list[Line], i: int, stop: int, max_lines: int = 30) -> tuple[Quote, int] | None:
    said = _said_after(lines, i, stop)
    if said:
        return said
    opener = lines[i].text.lstrip()[:1]
    if not is_dash_start(lines[i].text) and opener not in _QUOTE_MARKS:
        return (_speaker_first(lines, i, stop) or _labelled_quote(lines, i, stop) or _signed_below(lines, i, stop)
                or _name_over_quote(lines, i, stop))
    if opener in "«»" and lines[i].bullet:  # "« text": OCR's reading of a bullet, not a guillemet
        return None
    end = min(stop, i + max_lines)
    inline = _inline_quote(lines, i, end) or _closing_attribution(lines, i, end) or _bracketed_signature(lines, i, end)
    if inline:
        return inline
    for j in range(i + 1, end):
        line = lines[j]
        dashed = line.text.lstrip()[:1] in "–—~-" and ends_sentence(lines[j - 1].text)
        signed = parse_attribution(_unwrapped_attribution(line.text)) if dashed else None
        after = j + 1
        while dashed and signed is None and line.text.rstrip().endswith(",") and after < min(end, j + 3) \
                and len(lines[after].text) <= 40:
            # "– Birgitta Ek (KD)," / "kommunalråd, om" / "FLODVAKT": the signature wraps, blank lines and all
            after += 1
            signed = parse_attribution(_unwrapped_attribution(" ".join(ln.text.strip() for ln in lines[j:after])))
            if signed is not None and signed[2] and ends_on(signed[2], _OPEN_ENDS | {"om"}) and after < end \
                    and len(lines[after].text) <= 40:
                after += 1  # "…, om" / "FLODVAKT": the role goes on
                signed = parse_attribution(_unwrapped_attribution(" ".join(ln.text.strip() for ln in lines[j:after])))
        if signed is not None and (line.gap_before or opener in _QUOTE_MARKS or signed[1] and signed[2]):
            # (straight under the quotation only with party and role: "– Birger Ek (KD), ordförande")
            name, party, role = signed  # "– Sarah Nakato, rektor": the speaker signs with a dash too
            return Quote(speaker=name, party=party, role=role, text=_quoted(lines, i, j)), after
        if j > i + 1 and is_dash_start(line.text) and not (
                opener in _QUOTE_MARKS and parse_attribution(_unwrapped_attribution(line.text))):
            return None  # another dash paragraph first: these are bullets, not a quote
        if line.gap_before and line.text.lstrip()[:1] in _QUOTE_MARKS:
            return None  # a new quotation opens first: the dash line was not a quote
        attrib = parse_attribution(line.text)
        two = _two_line_signature(lines, j, end) if attrib is None and opener in _QUOTE_MARKS else None
        if two and (lines[j - 1].text.rstrip().endswith(tuple(_QUOTE_MARKS))
                    or line.gap_before and ends_sentence(lines[j - 1].text)):  # (a big opening mark only)
            name, party, role = two
            return Quote(speaker=name, party=party, role=role, text=_quoted(lines, i, j)), j + 2
        if attrib is None and opener in _QUOTE_MARKS:
            attrib = parse_attribution(_unwrapped_attribution(line.text))  # ”Text.” then "– Name" or "(Name)"
        wrapped = (_two_line_signature(lines, j, end) if attrib is None and line.gap_before
                   and line.text.rstrip().endswith(",") and ends_sentence(lines[j - 1].text) else None)
        if wrapped:  # "Name (S)," / "role" under a dash quote
            name, party, role = wrapped
            return Quote(speaker=name, party=party, role=role, text=_quoted(lines, i, j)), j + 2
        if attrib and (line.gap_before or lines[j - 1].text.rstrip().endswith((".", "!", "?", "”", "\"", "»", "«", "’"))):
            name, party, role = attrib
            text = _quoted(lines, i, j)
            after = j + 1
            while (after < stop and role and len(lines[after].text) <= 30
                   and not role.endswith((".", ",")) and not lines[after].bullet and (
                       not lines[after].gap_before and lines[after].src.size == line.src.size and line.src.size
                       or ends_on(role, _OPEN_ENDS) and not ends_sentence(lines[after].text))):
                role = f"{role} {lines[after].text.strip()}"  # the attribution wraps: "…, Vatten och" / "Avfall AB"
                after += 1
            return Quote(speaker=name, party=party, role=role, text=text), after
    return None


_SAID_RE = re.compile(r"^(?:säger|sa|berättar|menar|konstaterar|förklarar|tycker)\s+[A-ZÅÄÖÉ]")


def _said_after(lines: list[Line], i: int, stop: int) -> tuple[Quote, int] | None:
    """A paragraph that closes a quotation (”…”), then "säger Name (Party), role." as its own
    paragraph: the journalist's attribution. The opening mark may be lost or read as a bullet."""
    if not lines[i].gap_before:
        return None
    j = i + 1
    while j < stop and not lines[j].gap_before:
        j += 1
    if j >= stop or not lines[j - 1].text.rstrip().endswith(("”", '"', "»", "“")) or not _SAID_RE.match(lines[j].text.strip()):
        return None
    k = j + 1
    while k < stop and not lines[k].gap_before and k < j + 3:
        k += 1  # the attribution may wrap
    attrib = parse_attribution(_unwrapped_attribution(join_wrapped([ln.text for ln in lines[j:k]])))
    if attrib is None:
        return None
    name, party, role = attrib
    first = strip_bullet(lines[i].text)[0]
    text = join_wrapped([first] + [ln.text for ln in lines[i + 1:j]])
    return Quote(speaker=name, party=party, role=role, text=_LEAD_DASH.sub("", text).strip().strip(_QUOTE_MARKS + "*").strip()), k


#: Words a role cannot end on ("…, Hjortvikens Vatten och" goes on in the next line).
_OPEN_ENDS = frozenset("och i för av på till med vid & – - de do da del".split())


_CLOSED_RE = re.compile(r"^(?P<text>.+[”\"»“])\s*[/–—-]\s*(?P<attr>[A-ZÅÄÖÉÜ][^/]+)$")


def _closing_attribution(lines: list[Line], i: int, end: int) -> tuple[Quote, int] | None:
    """"”Text.” /Name, role" or "”Text.” — Name (Party), role": the attribution after the closing
    quotation mark, on the quote's last line."""
    if lines[i].text.lstrip()[:1] not in _QUOTE_MARKS:
        return None
    j = i + 1
    while j < end and not lines[j].gap_before:
        j += 1
    joined = join_wrapped([ln.text for ln in lines[i:j]])
    m = _CLOSED_RE.match(joined)
    attrib = parse_attribution(m.group("attr").strip()) if m else None
    if attrib is None:
        return None
    name, party, role = attrib
    text = m.group("text").strip().strip(_QUOTE_MARKS).strip()
    return Quote(speaker=name, party=party, role=role, text=text), j


_CITAT_RE = re.compile(r"^(?:citat|citerat|r\S{1,2}st(?:en)?)\s*:\s*(?P<rest>.*)$", re.I)


def _labelled_quote(lines: list[Line], i: int, stop: int) -> tuple[Quote, int] | None:
    """"Citat:" then the words (no quotation marks) and the speaker's line below them."""
    m = _CITAT_RE.match(lines[i].text.strip())
    if m is None:
        return None
    parts = [m.group("rest")] if m.group("rest") else []
    for j in range(i + 1, min(stop, i + 10)):
        if lines[j].gap_before and j > i + 1:
            return None
        attrib = parse_attribution(_unwrapped_attribution(lines[j].text))
        if attrib and parts:
            name, party, role = attrib
            text = join_wrapped(parts).strip().strip(_QUOTE_MARKS).strip()
            return Quote(speaker=name, party=party, role=role, text=text), j + 1
        parts.append(lines[j].text)
    return None


#: "Peter Lindqvist, Socialdemokraterna": a name and the party written out, alone on its line.
_NAME_AND_PARTY_RE = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}},\s*(?:" + _PARTY_NAMES + r")$")
#: "Karin Sundberg (C)": a name with a party's letters in brackets, alone on its line.
_PARTY_SIGNED_RE = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}\s*\((?:{_PARTY_LETTERS})\)$")


def _signed_below(lines: list[Line], i: int, stop: int) -> tuple[Quote, int] | None:
    """A paragraph with no quotation marks (a pull quote set in italics) and, under it after a blank
    line, a dashed signature "— Name (Party), role" (perhaps wrapped): the words are the signer's."""
    if i > 0 and not lines[i].gap_before:
        return None
    j = i + 1
    while j < stop and not lines[j].gap_before and j - i <= 8:
        j += 1
    if j >= stop or j - i > 8 or not ends_sentence(lines[j - 1].text):
        return None
    if not is_dash_start(lines[j].text):
        # "Karin Sundberg (C)" over "kommunstyrelsens ordförande": a signature in two lines, no dash
        party_name = _PARTY_SIGNED_RE.match(lines[j].text.strip()) or _NAME_AND_PARTY_RE.match(lines[j].text.strip())
        two = _two_line_signature(lines, j, stop) if party_name else None
        if two is None or len(lines[j + 1].text) > 60:
            return None
        name, party, role = two
        return Quote(speaker=name, party=party, role=role, text=join_wrapped([ln.text for ln in lines[i:j]]).strip()), j + 2
    sign = _LEAD_DASH.sub("", lines[j].text).strip()
    after = j + 1
    if after < stop and not lines[after].gap_before and starts_lower(lines[after].text):
        sign, after = f"{sign} {lines[after].text.strip()}", after + 1  # "… i tekniska" / "nämnden"
    attrib = parse_attribution(sign)
    if attrib is None or "(" not in sign and "," not in sign:
        return None  # a bare dash line is a list item or a dash quote, not a signature
    name, party, role = attrib
    text = join_wrapped([ln.text for ln in lines[i:j]]).strip()
    return Quote(speaker=name, party=party, role=role, text=text), after


def _unwrapped_attribution(text: str) -> str:
    """"(Name, role)" or "– Name, role": the attribution without its wrapping."""
    t = _LEAD_DASH.sub("", text.strip())
    t = re.sub(r"^(?:säger|berättar|menar|konstaterar|förklarar)\s+", "", t)  # "säger Name, role."
    return t[1:-1] if t.startswith("(") and t.endswith(")") else t


_SPEAKER_INLINE_RE = re.compile(r"^(?P<attr>[^:”\"«»„“]{3,140}):\s*(?P<text>[”\"«»„“].+)$")


def _quoted(lines: list[Line], i: int, j: int) -> str:
    """The words of a quotation on ``lines[i:j]``, without its opening dash and quotation marks."""
    first = _LEAD_DASH.sub("", lines[i].text).lstrip().lstrip(_QUOTE_MARKS)
    return join_wrapped([first] + [ln.text for ln in lines[i + 1:j]]).strip().strip(_QUOTE_MARKS).strip()


def _speaker_first(lines: list[Line], i: int, stop: int) -> tuple[Quote, int] | None:
    """"Name (Party), role:" on its own line, then the quotation: the speaker introduced first;
    or both on one line ("Name, role: ”Text.”")."""
    head = lines[i].text.rstrip()
    if not head.endswith(":") and i + 1 < stop and not lines[i + 1].gap_before and (
            lines[i + 1].text.lstrip()[:1] in "”\"«»„“") and parse_attribution(head):
        head += ":"  # "Name, role" on its own line, the quotation below it
    same = _SPEAKER_INLINE_RE.match(head)
    if same and parse_attribution(same.group("attr")):
        j = i + 1
        while j < stop and not lines[j].gap_before:
            j += 1
        name, party, role = parse_attribution(same.group("attr"))
        text = join_wrapped([same.group("text")] + [ln.text for ln in lines[i + 1:j]])
        return Quote(speaker=name, party=party, role=role, text=text.strip().strip(_QUOTE_MARKS).strip()), j
    if not head.endswith(":") or i + 1 >= stop:
        return None
    attrib = parse_attribution(head[:-1])
    nxt = lines[i + 1].text.lstrip()
    if attrib is None or not (nxt[:1] in _QUOTE_MARKS or is_dash_start(nxt)):
        return None
    j = i + 2
    while j < stop and not lines[j].gap_before and not lines[j - 1].text.rstrip().endswith(tuple(_QUOTE_MARKS)):
        j += 1
    text = _quoted(lines, i + 1, j)
    name, party, role = attrib
    return Quote(speaker=name, party=party, role=role, text=text), j


#: ”Text.” (Name, party, role): the signature in brackets after the closing mark.
_BRACKETED_SIGNATURE_RE = re.compile(r"^[”“\"»«„](?P<text>.+?)[”“\"»«]\s*\((?P<attr>[^()]{4,120})\)\s*$")


def _bracketed_signature(lines: list[Line], i: int, end: int) -> tuple[Quote, int] | None:
    """A one-line quotation signed in brackets after its closing mark, perhaps wrapped over a few
    lines: "”Nu vågar flickorna ta ordet i rådet.” (Grace Atuhaire, mentor i Mbarara)"."""
    j = i + 1
    while j < end and not lines[j].gap_before and j < i + 6:
        j += 1
    m = _BRACKETED_SIGNATURE_RE.match(" ".join(ln.text.strip() for ln in lines[i:j]))
    signed = parse_attribution(m.group("attr")) if m else None
    if signed is None:
        return None
    name, party, role = signed
    return Quote(speaker=name, party=party, role=role, text=m.group("text").strip()), j


def _name_over_quote(lines: list[Line], i: int, stop: int) -> tuple[Quote, int] | None:
    """"Karin Öberg" over ”Text.” over "Centerpartiet, kommunstyrelsens ordförande": a panel of
    quotes with the speaker's name on top and the party and role in small type under the words."""
    name = lines[i].text.strip()
    if not _BARE_NAME_RE.match(name) or "(" in name or i + 2 >= stop or lines[i + 1].text.lstrip()[:1] not in _QUOTE_MARKS:
        return None
    j = i + 1
    while j < min(stop, i + 15) and not lines[j].text.rstrip().endswith(tuple(_QUOTE_MARKS)):
        j += 1
    if j + 1 >= stop or j >= i + 15:
        return None
    role_lines = [lines[j + 1].text.strip()]
    if j + 2 < stop and not lines[j + 2].gap_before and len(lines[j + 2].text) <= 40 and starts_lower(lines[j + 2].text):
        role_lines.append(lines[j + 2].text.strip())
    role = " ".join(role_lines)
    if len(role) > 90 or ends_sentence(role) or not (starts_lower(role) or re.match(_PARTY_NAMES, role)):
        return None
    signed = parse_attribution(f"{name}, {role}")
    if signed is None:
        return None
    speaker, party, role = signed
    return Quote(speaker=speaker, party=party, role=role, text=_quoted(lines, i + 1, j + 1)), j + 1 + len(role_lines)


#: "»Text», säger kommunstyrelsens ordförande Ingrid Svahn (S).": the role before the name.
_ROLE_FIRST_RE = re.compile(
    rf"^(?P<text>.+?),?\s+(?:säger|sa|berättar|menar|konstaterar)\s+(?P<role>(?:[A-ZÅÄÖ]\w*s\s+)?[a-zåäö][^.!?]*?)\s+"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})\s*(?:\((?P<party>[^()]{{1,12}})\))?\.\s*$"
)
_INLINE_RE = re.compile(
    rf"^(?P<text>.+?),?\s+(?:säger|sa|berättar|menar|konstaterar|tycker|förklarar|betonar|understryker)\s+"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}})\s*(?:\((?P<party>[^()]{{1,12}})\))?"
    r"(?:,\s*(?P<role>[^.!?]{2,120}))?\.(?:\s+(?P<more>[”\"»«]?[A-ZÅÄÖ].*))?\s*$"
)


def _inline_quote(lines: list[Line], i: int, end: int) -> tuple[Quote, int] | None:
    """"– Text, säger Name, role." : the attribution inside the quoted paragraph."""
    j = i + 1
    while j < end and not lines[j].gap_before:
        j += 1
    first = _LEAD_DASH.sub("", lines[i].text).lstrip().lstrip(_QUOTE_MARKS)
    joined = join_wrapped([first] + [ln.text for ln in lines[i + 1:j]])
    said = re.match(r"^(?P<text>.+?[.!?…][”\"»’])\s+(?P<attr>Det\s+(?:säger|menar|berättar|tycker|konstaterar)\s+.+)$", joined)
    if said and parse_attribution(said.group("attr")):  # "”…” Det säger Name, role."
        name, party, role = parse_attribution(said.group("attr"))
        return Quote(speaker=name, party=party, role=role, text=said.group("text").strip().strip(_QUOTE_MARKS).strip()), j
    m = _INLINE_RE.match(joined)
    if not m:
        r = _ROLE_FIRST_RE.match(joined)
        if not r:
            return None
        text = r.group("text").strip().strip(_QUOTE_MARKS).rstrip(",").strip().strip(_QUOTE_MARKS).strip()
        return Quote(speaker=r.group("name"), party=r.group("party"), role=r.group("role").strip(), text=text), j
    text = m.group("text").strip().strip(_QUOTE_MARKS).rstrip(",").strip()
    if m.group("more"):  # "– A, säger X, roll. B": the quote goes on after its attribution
        more = m.group("more").strip().strip(_QUOTE_MARKS).strip()
        text = f"{text}. {more}" if not text.endswith((".", "!", "?")) else f"{text} {more}"
    return Quote(speaker=m.group("name"), party=m.group("party"), role=m.group("role"), text=text), j


def _two_line_signature(lines: list[Line], j: int, end: int) -> tuple[str, str | None, str | None] | None:
    """"Name (Party)" (perhaps with a comma) on line ``j`` and the role on the next: the signature
    as ``parse_attribution`` gives it, or None."""
    name = lines[j].text.strip().rstrip(",")
    if j + 1 >= end or not (_BARE_NAME_RE.match(name) or _NAME_AND_PARTY_RE.match(name)):
        return None
    role = lines[j + 1].text.strip()
    if lines[j + 1].gap_before and not (starts_lower(role) and len(role) <= 80 and not ends_sentence(role)):
        return None  # (a role in lower case may stand apart: a PDF sets the name in bold, the role not)
    return parse_attribution(f"{name}, {lines[j + 1].text.strip()}")


#: A foreword's heading (folded): its text is the signer's words.
_FOREWORD_RE = re.compile(r"^(?:ett\s+)?(?:forord|halsning|hälsning)\s*:?$")


def signed_foreword(lines: list[Line], i: int, stop: int) -> tuple[Quote, int] | None:
    """"Förord", its paragraphs, then the signature "Name (Party)" / "role" (or on one line):
    a quote of the whole text, as a signed foreword is the signer speaking."""
    if not _FOREWORD_RE.match(fold(lines[i].text).strip()):
        return None
    for j in range(i + 2, min(stop, i + 80)):
        ln = lines[j]
        if not (ln.gap_before and ends_sentence(lines[j - 1].text)):
            continue
        attrib, end = parse_attribution(ln.text), j + 1
        if attrib is None:
            attrib, end = _two_line_signature(lines, j, stop), j + 2
        if attrib:
            name, party, role = attrib
            return Quote(speaker=name, party=party, role=role, text=join_wrapped([x.text for x in lines[i + 1:j]])), end
        k = j + 1
        while k < stop and not lines[k].gap_before:
            k += 1
        if k - j <= 2 and len(ln.text) <= 60 and not lines[k - 1].text.rstrip().endswith("."):
            return None  # a heading (a line or two alone) before any signature: an unsigned foreword
    return None

