"""Fact lines of the genre: partner fact boxes, project fact lists, the contact footer.

Everything is matched on folded text (no diacritics, lower case) so OCR that reads
"invånare" as "invanare" or "Projektägare" as "Projektdgare" still matches.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .models import Contact, Partnership
from .segment_common import SECTION_NUMBER_RE, fold, squash, strip_bullet

AREA_RE = re.compile(r"^\s*(?:(?:y[tli]a|areal?|storlek)\s*:?\s*)?(?:ca\.?\s*|cirka\s*)?(?P<num>\d[\d\s.,]*)\s*"
                     r"(?P<unit>km\s?(?:2|²|\?|\^2)?|kvadratkilometer|kvkm|hektar|ha)\s*$", re.I)
POP_RE = re.compile(r"^\s*(?:(?:ca\.?\s*|cirka\s*)?(?P<num>\d[\d\s.,]*)\s*inv\S{1,2}nare\b"
                    r"|(?:antal\s+)?(?:inv\S{1,2}nare|befolkning|folkm\S{1,2}ngd|inv\S{1,2}narantal)(?:\s+i\s+[\w\-]+)?(?:\s*\([^()]{1,12}\))?\s*:?\s*"
                    r"(?:ca\.?\s*|cirka\s*|drygt\s*|knappt\s*|omkring\s*|ungef\S{1,2}r\s*|runt\s*|över\s*)?(?P<num2>\d[\d\s.,]*\d|\d))"
                    r"|^\s*(?:ca\.?\s*|cirka\s*|drygt\s*|knappt\s*|omkring\s*)?(?P<num3>\d[\d\s.,]*)\s*inv\.", re.I)
WEB_RE = re.compile(r"(?<![@\w.])((?:https?://)?(?:www\.)?[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:se|com|net|org|eu|nu|za|info|gov|[a-z]{2})(?:/[\w\-./]*)?)(?![\w@])", re.I)
EMAIL_RE = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
PHONE_RE = re.compile(r"(?:\btel(?:efon)?(?:/sms)?\.?|\bphone|\btfn\.?|\bv\S{1,2}xel|\bmobil|\bmobiltelefon|\bexpedition|\bringa\b[^0-9]{0,40}p\S{1,2}|^t|☎|📞)(?:\s*\([^()]{1,15}\))?\s*:?\s*(\+?\d[\d\s\-()]{4,}\d)", re.I)
PROJECT_COUNT_RE = re.compile(r"^(?:(?:antal\s+)?(?:[^\W\d_]+\s+)?projekt(?:\s+hittills)?\s*:\s*(\d{1,4}|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|tolv)\b|antal\s+projekt\s+(\d{1,4})\b"
                              r"|(\d{1,4})\s+(?:[^\W\d]+\s+)?projekt(?!en\b|et\b)"  # (not "2 Projekten", a heading)
                              r"|(?:antal\s+|[^\W\d_]+\s+)?(?:insatser|etapper|delprojekt)\s*:\s*(\d{1,4})\b)", re.I)
THEMES_RE = re.compile(r"^(?:exempel\s+p\S{1,2}\s+)?(?:(?:projekt|samarbets)?teman?|tematiska\s+omr\S{1,2}den|fokusomr\S{1,2}den|samarbetsomr\S{1,2}den|"
                       r"omr\S{1,2}den|tematiska omr\S{1,2}den|arbetsomr\S{1,2}den|inriktning)\s*:\s*(.*)$", re.I)
FUNDING_RE = re.compile(r"^finansier", re.I)
#: A box row or fact saying when the partnership began ("Start: 2017", "Startår 2017", "Sedan 2017",
#: "Partnerskapet inleddes 2017", "Partnerskap sedan: 2014"), on folded text.
START_LABEL_RE = re.compile(r"^(?:start(?:ar|ade)?|sedan|(?:partnerskap(?:et)?|partner|samarbete[t]?)\s*(?:inleddes|startade|sedan)|inlett)"
                            r"\s*:?\s*(?:ar\s*)?((?:19|20)\d\d)\b", re.I)
YEARS_RE = re.compile(r"\b(19\d\d|20\d\d)(?:-\d\d-\d\d)?\s*[-–—]\s*(19\d\d|20\d\d|\d\d)\b(?![-/]\d)")
#: Between a label and its value: a colon, or a spaced en/em dash ("Projektägare – Kliniken").
SEP = r"(?:\s*:|\s+[–—])"
#: A fact that names the project ("Projektnamn: Levande sjöar"): the card's title when its heading has none.
NAME_LABEL_RE = re.compile(r"^(?:projektnamn|projekttitel|projektets namn|namn|titel)" + SEP + r"\s*(?P<value>\S.*)$", re.I)
#: Any "Label: value" line with a short label (one to four words): the shape of a fact row
#: whatever the label, so brochures with labels of their own still get their fact lists.
LABEL_RE = re.compile(r"^(?P<label>[A-ZÅÄÖ0-9][\w\-/]*(?::s)?(?:[ \-][\w\-/:]+){0,3}(?:\s/(?:\s[\w\-]+){1,3})?)(?:\s*:|\s+[–—])\s+(?P<value>\S.*)$")
#: Labels of a period row ("Tid: 2019/2020", "Tidsperiod: 2016 till 2018"), on folded text.
PERIOD_LABEL_RE = re.compile(r"^(?:(?:projekt|tids?)?period|tid|tidsram|tidsplan|projekttid|l\S{1,2}ptid|genomf\S{1,2}rande|"
                             r"varaktighet|\S{1,2}r|projekt\S{1,2}r|p\S{1,2}gick|p\S{1,2}g\S{1,2}r|pågående)(?:\s*:|\s+[–—]|\s+(?=\d))",
                             re.I)
SDG_RE = re.compile(r"\bm\S{1,2}l(?:en|et)?\s*:?\s+(\d{1,2}(?:\s*(?:,|och|&|samt)\s*\d{1,2})*)", re.I)
START_VERBS_RE = re.compile(r"(inledde[s]?|startade[s]?|p\S{1,2}b\S{1,2}rjade[s]?|etablerade[s]?|ingick[s]?|grundade[s]?|"
                            r"sedan|since|began|started)", re.I)
#: Labels of a project fact line ("Ansvarig: ...", "Tidsperiod: ...", "Period 2018–2020"), on folded text.
FACT_KEY_RE = re.compile(r"^(?:projekt\S{0,2}gare|projektansvarig|huvudansvarig|ansvarig(?:\s+\w+)?|huvudman|projektledare|"
                         r"projektnamn|tid|tidsram|tidsplan|projekttid|l\S{1,2}ptid|p\S{1,2}gick|p\S{1,2}g\S{1,2}r|start|slut|fokus|"
                         r"huvuds\S{1,2}kande|uppn\S{1,2}tt|lokala?\s+partners?|"
                         r"(?:projekt|tids)?period|genomf\S{1,2}rande|budget|kostnad|finansiering|"
                         r"(?:samarbets)?partners?|parter|resultat|m\S{1,2}lgrupp|deltagare)(?:\s*:|\s+[–—]\s|,?\s+(?=\d))", re.I)
#: A goal line: "Globalt mål 6", "Mål 4 och 11", "Agenda 2030-mål 7", "Globala mål: 4, 5".
GOAL_LINE_RE = re.compile(r"^(?:global[at]?\s+|agenda\s+2030-?\s*:?\s*)?(?:del)?m\S{1,2}l(?:en)?(?:\s+i\s+agenda\s+2030)?\s*:?\s*\d{1,2}\b",
                          re.I)
PARTNERS_KEY_RE = re.compile(r"^(?:(?:samarbets|lokala?\s+)?partners?|(?:samarbets)?parter)(?:\s*:|\s+[–—]\s)", re.I)
#: A phone number without a "tel." label, as printed in Swedish footers: "0123-456 78", "08-123 45 67".
BARE_PHONE_RE = re.compile(r"(?<![\d\-])(0\d{1,3}\s?[-–]\s?\d{2,4}(?:\s\d{2,4}){0,3})(?![\d\-])")
#: A footer's leading label ("Kontakt:", "Kontakta oss") that is not the organisation.
CONTACT_LABEL_RE = re.compile(r"^(?:utgivare|ansvarig utgivare|frågor om [\w\s]+? besvaras av|kontakta(?:\s+(?:oss|regionen|kommunen|förbundet|föreningen|bolaget|gärna))?|kontakt(?:uppgifter|information|person)?|mer information|"
                              r"frågor|vill du (?:veta|läsa) mer\??|läs mer)(?=\W|$)\s*[:?]?\s*", re.I)
#: The country closing a partner line: "(Land)" (with lower-case letters: "(UNGA)" is an acronym) or
#: ", Land" / "; Land" (a word or two: "Bosnien och Hercegovina").
_COUNTRY_TAIL = (r"\s*(?:\((?P<country>(?=[^()]*[a-zåäö])[^()]+)\)|"
                 r"[,;]\s*(?P<country2>[A-ZÅÄÖ][a-zåäöé]+(?:\s(?:och\s)?[A-ZÅÄÖ][a-zåäöé]+)?))\s*$")
#: "A & B (Land)", "A och B, Land", "A – B, Bosnien och Hercegovina"; not "Ung och aktiv (UNGA)".
PARTNERS_LINE_RE = re.compile(r"^(?P<names>.+?(?:\s&\s|\soch\s|\s[–—-]\s).+?)" + _COUNTRY_TAIL)


_COUNT_WORDS = {"en": 1, "ett": 1, "två": 2, "tva": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
                "åtta": 8, "atta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12}


def count_value(token: str) -> int:
    """"7" or a number word "tre" → int."""
    return int(token) if token.isdigit() else _COUNT_WORDS[token.lower()]


def parse_number(text: str) -> int | None:
    """'6,398' and '250 000' → ints; a comma before exactly three digits is a thousands mark."""
    t = text.strip().replace("\u00a0", " ")
    million = re.match(r"^\D{0,12}?(\d+(?:[,.]\d+)?)\s*milj(?:on|oner|\.)", t)
    if million:  # "ca 1,2 miljoner"
        return round(float(million.group(1).replace(",", ".")) * 1_000_000)
    t = re.sub(r"(?<=\d)[ ,.](?=\d{3}\b)", "", t)
    t = re.sub(r"\s+", "", t)
    m = re.match(r"\d+", t)
    return int(m.group()) if m else None


def _population(m: re.Match[str]) -> int | None:
    """The number a POP_RE match found, read with what follows it ("1,2 miljoner")."""
    group = next(g for g in ("num", "num2", "num3") if m.group(g))
    return parse_number(m.string[m.start(group):])


def parse_area(text: str) -> int | None:
    """"3 150 km²", "Yta: 1 240 kvadratkilometer", "41 200 hektar" → square kilometres."""
    m = AREA_RE.match(text)
    if not m:
        return None
    n = parse_number(m.group("num"))
    if n is not None and fold(m.group("unit")).startswith(("hektar", "ha")):
        n = round(n / 100)
    return n


#: A box row saying when the partnership began, in any words: "Partner sedan: 2013",
#: "I samarbete sedan 2017", "Samarbetet startade: 2014" (folded text).
_BOX_START_RE = re.compile(r"\b(?:\w*avtal|partnerskap sedan|sedan|start\w*|inledd\w*|inlett|borjade|etablerad\w*|undertecknat|tecknades|ingicks)\b\D{0,12}((?:19|20)\d\d)\b")
#: A heading over partner boxes ("Vår partnerkommun", "Om vår partner", "Våra partnerkommuner").
BOX_HEAD_RE = re.compile(r"^partner(?:kommun|region|organisation)?\s+i\s+\w+$|^det har ar \w+$"
                         r"|^(?:om\s+|fakta\s+om\s+)?(?:var|vara|vart)\s+(?:partner|vanort)\w*(?:\s+i\s+[\w\s]+)?$"
                         r"|^(?:om|fakta om)\s+(?:partner|vanort|samarbete)\w*$"  # ("Fakta om partnerskapet")
                         r"|^[\w\s\-]+\s+i\s+korthet$|^[\w\s\-]+\s+i\s+siffror$|^nyckeltal$"
                         r"|^(?:partnerkommuner|partnerorganisationer|partnerna|v\S{1,2}norter(?:na)?)$")


#: A box's title over the partner's name: "Vår vänförsamling", "Om partnern", "Fakta om X" (folded).
BOX_TITLE_RE = re.compile(r"(?:var|vart|vara|om|fakta|partner\w*|van\w*)\b")


def parse_box_block(texts: list[str]) -> Partnership | None:
    """A partner fact box in any row order: a name line (or "Name, Country"), then labelled rows
    ("Land:", "Invånare:"/"Befolkning:", "Yta:"/"Areal:" in km² or hektar, "Webb:"/"Hemsida:",
    "Partner sedan:", "Teman:", "Gemensamma projekt:", "Finansieras ..."). None unless at least
    two rows are such facts (area, population, website, start, project count)."""
    rows = _paired_labels([_colon_label(_one_language(_leaders(strip_bullet(t)[0]))) for t in texts])
    rows = [r for row in rows for r in re.split(r"(?<=invånare)\s+på\s+|(?<=inv\.)\s+på\s+", row)]  # "… på 1 150 km²"
    rows = [r for row in rows for r in _split_value_facts(row)]
    rows = [squash(p) for row in rows for p in (row.split("; ") if row.count("; ") >= 2 else [row])]
    joined: list[str] = []
    for r in rows:  # a wrapped row goes on lower case: "Samarbetsområden: vatten, skola," / "lokal demokrati"
        if joined and r[:1].islower() and joined[-1].rstrip().endswith((",", "-", "och")):
            joined[-1] = f"{joined[-1]} {r}"
        else:
            joined.append(r)
    rows = joined
    if rows and BOX_HEAD_RE.match(fold(SECTION_NUMBER_RE.sub("", rows[0])).strip(" :")):
        rows = rows[1:]
    rows = [r for row in rows for r in _described(row)]
    if len(rows) < 3:
        return None
    p = Partnership(partner="")
    facts = 0
    name_rows: list[str] = []
    for t in rows:
        ft = fold(t)
        area = parse_area(t)
        pop = POP_RE.match(t)
        web = WEB_RE.fullmatch(_unlabel(t, _WEB_LABEL_RE))
        count = PROJECT_COUNT_RE.match(ft)
        start = _BOX_START_RE.search(ft) if len(t) <= 60 else None
        if area is not None and p.area_km2 is None:
            p.area_km2, facts = area, facts + 1
        elif pop and p.population is None:
            p.population, facts = _population(pop), facts + 1
        elif web and p.website is None:
            p.website, facts = web.group(1), facts + 1
        elif count and p.project_count is None:
            p.project_count, facts = count_value(next(g for g in count.groups() if g)), facts + 1
        elif THEMES_RE.match(ft):
            p.themes = _themes(t[t.index(":") + 1:])
        elif FUNDING_RE.match(t):
            p.funding = label_value(t) if re.match(r"^finansiering\s*:", t, re.I) else squash(t)
        elif start and p.start_year is None:
            p.start_year, facts = int(start.group(1)), facts + 1
        elif _COUNTRY_RE.match(t):
            p.country = _unlabel(t, _COUNTRY_RE)
        elif not any(c.isdigit() for c in t) and len(t) <= 80 and ":" not in _unlabel(t, _BOX_NAME_RE):
            name_rows.append(t)
        elif LABEL_RE.match(t) and len(t) <= 80:
            continue  # a labelled row we have no field for ("Säte: San Mateo")
        else:
            return None  # a row that is no box fact: prose, not a box
    labelled = [r for r in name_rows if re.match(r"^(?:namn|officiellt namn|kommun|partner\w*)\s*:", r, re.I)]
    if labelled:
        name_rows = labelled  # "Namn: X" names the partner; a line above it is the box's heading
    elif p.country is not None and len(name_rows) == 2:
        if len(name_rows[0].split()) == 1 or BOX_TITLE_RE.match(fold(name_rows[0])):
            # "Partnerkommunen" or "Vår vänförsamling" over "Opština Ravna Reka", with a "Land:" row
            name_rows = name_rows[1:]
        else:  # a long name wrapped in a narrow box: "Asankrom Municipal" over "Assembly"
            name_rows = [f"{name_rows[0]} {name_rows[1]}"]
    if len(name_rows) == 1 and p.country is None:
        inner = re.match(r"^(?P<n>.+?)\s*\((?P<c>[A-ZÅÄÖ][\w\s\-]{1,30})\)$", name_rows[0])
        if inner:  # "Alcaldía de Santa Rosa del Monte (Colombia)"
            name_rows, p.country = [inner.group("n")], inner.group("c")
    if facts < 2 or not name_rows or len(name_rows) > 2:
        return None
    name = _unlabel(name_rows[0], _BOX_NAME_RE)
    if p.country is None and len(name_rows) == 2:
        p.country = name_rows[1]
    elif p.country is None and "," in name:
        head, _, tail = name.rpartition(",")
        if 1 <= len(tail.split()) <= 2 and tail.strip()[:1].isupper():
            name, p.country = head, tail.strip()
    p.partner = squash(name)
    p.country = squash(p.country) if p.country else None
    return p if p.partner else None


def _colon_label(row: str) -> str:
    """"Invånare – ca 95 000" or "INVÅNARE ca 95 000" → "Invånare: ca 95 000"."""
    m = re.match(r"^([A-ZÅÄÖ][\w\-]*(?:\s[\w\-]+){0,2})\s+[–—]\s+(\S.*)$", row) or _CAPS_LABEL_RE.match(row)
    return f"{m.group(1)}: {m.group(2)}" if m and len(m.group(1)) <= 30 else row


#: Box labels that may stand alone on a line with the value on the next (folded).
_BOX_LABEL_WORDS = re.compile(r"^(?:namn|land|invanare|invanarantal|antal invanare|befolkning|folkmangd|yta|areal|"
                              r"webb|webbplats|hemsida|internet|partner sedan|samarbete sedan|vanort sedan|"
                              r"antal projekt|gemensamma projekt|teman|samarbetsomraden|omraden)$")


def _paired_labels(rows: list[str]) -> list[str]:
    """"Invånare" on one line and "ca 72 000" on the next → "Invånare: ca 72 000"."""
    out: list[str] = []
    k = 0
    while k < len(rows):
        if k + 1 < len(rows) and _BOX_LABEL_WORDS.match(fold(rows[k]).strip(" :")):
            out.append(f"{rows[k].strip(' :')}: {rows[k + 1]}")
            k += 2
        else:
            out.append(rows[k])
            k += 1
    return out


def _themes(value: str) -> list[str]:
    """"vatten och sanitet, skola, turism och jämställdhet" → items; "och" joins the last two only."""
    items = [squash(x).rstrip(".") for x in re.split(r",|;", value) if squash(x)]
    if items:
        items[-1:] = [squash(x) for x in re.split(r"(?<!-)\s+och\s+", items[-1]) if squash(x)]
    return items


def _leaders(row: str) -> str:
    """"Invånare ........ 128 000" → "Invånare: 128 000" (a dotted leader between label and value)."""
    return re.sub(r"\s*\.{3,}\s*", ": ", row, count=1)


def _one_language(row: str) -> str:
    """"Land / Country: Ukraina" → "Land: Ukraina" (a bilingual label keeps its Swedish half)."""
    return re.sub(r"^([^:/]{1,30}?)\s*/\s*[^:/]{1,30}:", r"\1:", row)


def _split_value_facts(row: str) -> list[str]:
    """"Yta och befolkning: 21 400 km², cirka 720 000 invånare" → one row per fact."""
    m = re.match(r"^[^:]{1,40}:\s*(.+)$", row)
    if not m or "," not in m.group(1):
        return [row]
    pieces = [squash(p) for p in re.split(r",\s(?!\d{3}\b)", m.group(1))]
    if len(pieces) >= 2 and all(parse_area(p) is not None or POP_RE.match(p) for p in pieces):
        return pieces
    return [row]


def _described(row: str) -> list[str]:
    """"Kaldavere vald, Estland – 11 400 invånare, 1 032 km²": a name and its facts on one line
    become a name row and one row per fact."""
    sentences = [p.strip().rstrip(".") for p in re.split(r"(?<=[^\d\s]\.)\s+|(?<=²\.)\s+", row)]
    if len(sentences) >= 3 and all(
            parse_area(p) is not None or POP_RE.match(p) or WEB_RE.fullmatch(p) or _BOX_START_RE.search(fold(p))
            for p in sentences[1:]):
        return sentences  # "Saarlaiu vald, Estland. 7 900 invånare. 512 km². saarlaiu.ee. Vänortsavtal 1991."
    m = re.search(r"\s[–—-]\s", row)
    if m is None:
        return [row]
    facts = [squash(p) for p in re.split(r",\s(?!\d{3}\b)|;\s", row[m.end():]) if squash(p)]
    if facts and all(parse_area(f) is not None or POP_RE.match(f) or WEB_RE.fullmatch(f) for f in facts):
        return [row[: m.start()].strip(), *facts]
    return [row]


def parse_partner_box(texts: list[str], area_idx: int) -> tuple[Partnership, set[int]] | None:
    """A fact box is: name, country, "N km2", "N invånare", website (in that order)."""
    if area_idx < 2:
        return None
    name, country = _unlabel(texts[area_idx - 2], _BOX_NAME_RE), _unlabel(texts[area_idx - 1], _COUNTRY_RE)
    wrapped = area_idx >= 3 and _WRAPPED_ORG_RE.fullmatch(country.strip()) is not None
    if wrapped:  # "Uganda" (a caption) over "Mbarara City" / "Council": the name wrapped, the country above it
        name, country = f"{name.strip()} {country.strip()}", _unlabel(texts[area_idx - 3], _COUNTRY_RE)
    if any(c.isdigit() for c in country + name) or len(country) > 40 or len(name) > 80:
        return None
    if BOX_HEAD_RE.match(fold(name).strip(" :")) or BOX_HEAD_RE.match(fold(texts[area_idx - 2]).strip(" :")):
        return None  # "Vår partner", "Fakta om partnerskapet" over a box in another order (see parse_box_block)
    used = {area_idx - 2, area_idx - 1, area_idx} | ({area_idx - 3} if wrapped else set())
    p = Partnership(partner=name.strip(), country=country.strip(),
                    area_km2=parse_area(texts[area_idx]))
    for k in range(area_idx + 1, min(len(texts), area_idx + 4)):
        t = texts[k]
        m = POP_RE.match(t)
        if m and p.population is None:
            p.population = _population(m)
            used.add(k)
            continue
        w = WEB_RE.fullmatch(_unlabel(t, _WEB_LABEL_RE))
        if w and p.website is None:
            p.website = w.group(1)
            used.add(k)
            continue
        m = START_LABEL_RE.match(fold(t)) or (_BOX_START_RE.search(fold(t)) if len(t) <= 60 else None)
        if m and p.start_year is None:
            p.start_year = int(m.group(1))
            used.add(k)
            continue
        break
    return p, used


#: The last word of a partner's name wrapped onto a line of its own ("Council", "District Council").
_WRAPPED_ORG_RE = re.compile(r"(?:(?:City|Town|District|Municipal|Rural|County)\s)?(?:Council|Municipality|Assembly|"
                             r"District|County|Committee|Commune|Comuna|Opština|Općina|Rajonas)")
_BOX_NAME_RE = re.compile(r"^(?:officiellt namn\s*:\s*|kommun\s*:\s*|fakta\s+om\s+|fakta\s*:\s*|partner(?:kommun|region|organisation)?\s*:\s*|namn\s*:\s*)",
                          re.I)
_COUNTRY_RE = re.compile(r"^land\s*:\s*", re.I)
_WEB_LABEL_RE = re.compile(r"^(?:webbplats|webb|hemsida|internet|webb?adress)\s*:\s*", re.I)


def _unlabel(text: str, label: re.Pattern[str]) -> str:
    """A fact box may label its rows ("Land: Lettland", "Fakta om X"); the value is what counts."""
    return label.sub("", text.strip(), count=1).strip()


def apply_partner_facts(p: Partnership, items: list[str]) -> None:
    """Bullet facts next to a box: "9 projekt", "Exempel på projektteman: ...", "Finansiering ..."."""
    for item in items:
        m = PROJECT_COUNT_RE.match(item)
        if m and p.project_count is None:
            p.project_count = count_value(next(g for g in m.groups() if g))
            continue
        m = THEMES_RE.match(fold(item))
        if m:
            rest = item[item.index(":") + 1:]
            p.themes = [squash(t).rstrip(".") for t in re.split(r",|;", rest) if squash(t)]
            continue
        if FUNDING_RE.match(item):
            p.funding = label_value(item) if re.match(r"^finansiering\s*:", item, re.I) else squash(item)
            continue
        m = START_LABEL_RE.match(fold(item))
        if m and p.start_year is None:
            p.start_year = int(m.group(1))


def is_partner_fact(item: str) -> bool:
    return bool(PROJECT_COUNT_RE.match(item) or THEMES_RE.match(fold(item)) or FUNDING_RE.match(item)
                or START_LABEL_RE.match(fold(item)))


def start_years(paragraphs: list[str], partners: list[Partnership]) -> None:
    """"... med A och B ... inleddes 2005 respektive 2013" → years to partners in order of mention."""
    for para in paragraphs:
        for sent in re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])", para):
            if not START_VERBS_RE.search(sent):
                continue
            after = sent[START_VERBS_RE.search(sent).start():]
            years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", after)]
            if not years:
                continue
            order = _mention_order(sent, partners) or list(range(len(partners)))
            if len(years) == 1 and len(order) > 1 and "respektive" not in fold(sent):
                years = years * len(order)
            for idx, year in zip(order, years):
                if partners[idx].start_year is None:
                    partners[idx].start_year = year
            return


def _mention_order(sent: str, partners: list[Partnership]) -> list[int]:
    fs = fold(sent)
    pos = []
    for i, p in enumerate(partners):
        name = fold(p.partner)
        at = fs.find(name)
        if at < 0:  # OCR or wrapping may damage the tail: try the first two words
            at = fs.find(" ".join(name.split()[:2]))
        if at >= 0:
            pos.append((at, i))
    return [i for _, i in sorted(pos)]


@dataclass
class CardFacts:
    """What a project's fact list says about owner, period, SDG goals and result."""

    owner: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    sdg_goals: list[int] = field(default_factory=list)
    result: str | None = None
    partners: list[str] = field(default_factory=list)
    country: str | None = None
    acronym: str | None = None


def is_fact_line(text: str) -> bool:
    """A labelled project fact ("Projektägare: ...", "Globalt mål 6"): it never belongs to a title."""
    t = fold(text.strip())
    return bool(FACT_KEY_RE.match(t) or GOAL_LINE_RE.match(t) or is_labelled(text))


def is_labelled(text: str) -> bool:
    """"Label: value" with a short label: a fact row whatever the label says."""
    t = text.strip()
    m = LABEL_RE.match(t)
    if m and re.search(r"\s[–—]\s", t[: m.start("value")]) and not re.search(r"[a-zåäö0-9]", m.group("value")):
        m = None  # "Varmare trapphus – VARMA": a title and its acronym, not a label and its value
    if m and len(m.group("label")) <= 32 and not m.group("label")[-1:].isdigit():
        return True
    return bool(m and GOAL_LINE_RE.match(fold(t))) or _CAPS_LABEL_RE.match(t) is not None or bool(
        _GOAL_PHRASE_RE.match(fold(t))) or bool(YEARS_ONLY_RE.match(t)) or any(
        r.match(fold(t)) for _f, r in VERB_FACT_RES)


#: A period alone on a line: "2017–2019", "2023–".
YEARS_ONLY_RE = re.compile(r"^\s*(?:19|20)\d\d\s*[–—-]\s*(?:(?:19|20)?\d\d)?\s*$")


#: Facts written as verb phrases ("Leddes av X", "Tillsammans med X, Land", "Pågick 2019–2021",
#: "Pågår sedan 2023", "Resulterade i X"), on folded text: (field, pattern).
VERB_FACT_RES = (
    ("owner", re.compile(r"^(?:leddes|leds|drevs|drivs|genomfordes|genomfors|agdes|ags)\s+av\s+(?P<v>\S.*)$")),
    ("partners", re.compile(r"^(?:tillsammans|i samarbete|i samverkan)\s+med\s+(?P<v>\S.*)$")),
    ("period", re.compile(r"^(?:pagick|pagar|pagatt|genomfordes|genomfors|lopte|loper|startade|paborjades|inleddes)\s+"
                          r"(?P<v>(?:sedan\s+|fran\s+|ar\s+)?(?:19|20)\d\d.*)$")),
    ("result", re.compile(r"^(?:resulterade i|ledde till|gav|har gett)\s+(?P<v>\S.*)$")),
)
#: "Bidrar till mål 14 och 15", "Kopplar till mål 3 i Agenda 2030": a goal row without a label.
_GOAL_PHRASE_RE = re.compile(r"^(?:bidrar till|kopplar till|kopplat till|ber\S{1,2}r|st\S{1,2}djer)\s+(?:de\s+globala\s+|"
                             r"globala\s+)?m\S{1,2}l(?:en|et)?\s+(?:nr\.?\s*)?\d")


#: "ÄGARE Ambulanssjukvården", "TID 2017–2019", "SAMARBETE SEDAN 2017": a label in capitals needs
#: no colon; its value is not in capitals ("PARTNER I GEORGIEN" is a heading).
_CAPS_LABEL_RE = re.compile(r"^(?P<label>[A-ZÅÄÖ]{2,}(?:\s[A-ZÅÄÖ]{2,}){0,2})\s+(?P<value>(?=[^\n]*[a-zåäö0-9])\S.*)$")


def split_label(text: str) -> tuple[str, str] | None:
    """(folded label, value) of a fact row "Label: value", "Label – value" or "LABEL value"."""
    t = text.strip()
    m = LABEL_RE.match(t[:1].upper() + t[1:]) or _CAPS_LABEL_RE.match(t)  # "period: 2018–2020" too
    if m is None or len(m.group("label")) > 40:
        return None
    label = fold(m.group("label")).split(" / ")[0].strip()  # "Projektägare / Project owner"
    return label, squash(m.group("value"))


#: Fact labels by field, on folded text (the whole label must match).
_OWNER_LABEL = re.compile(r"drivs av|genomfort av|ledning|svensk(?:a)? projekt\S{0,2}gare|huvudman(?: i \w+)?|projektledande (?:forvaltning|enhet|organisation)|ansvariga(?:\s+\w+)*|(?:projekt)?\S{0,2}gare|ansvarig verksamhet|projektansvarig(?:\s+\w+)*|huvudansvarig|ansvarig(?:\s+\w+)*|huvudman|"
                          r"genomf\S{1,2}rare|huvuds\S{1,2}kande|s\S{1,2}kande(?:\s+\w+)?|vem|uppdragsgivare|"
                          r"projektledning|projektledare|ansvar")
_RESULT_LABEL = re.compile(r"det har blev (?:resultatet|kvar)|resultatet blev|detta har uppnatts|resultat(?:\s+i\s+korthet|et)?|uppn\S{1,2}tt|uppn\S{1,2}dda resultat|effekt(?:er)?|"
                           r"sa blev det|viktigaste resultat(?:et)?|utfall")
_PARTNER_LABEL = re.compile(r"(?:samarbets|lokala?\s+)?partners?|(?:samarbets)?parter|samarbetspart|motpart|i samarbete med")
_ONE_PARTNER_LABEL = re.compile(r"(?:samarbets|lokal\s+)?partner|samarbetspart|motpart")
_PERIOD_LABEL = re.compile(r"(?:projekt|tids?)?period|tid|tidsram|tidsplan|projekttid|l\S{1,2}ptid|genomf\S{1,2}rande|"
                           r"genomf\S{1,2}rdes|genomf\S{1,2}rs|varaktighet|\S{1,2}r|projekt\S{1,2}r|p\S{1,2}gick|"
                           r"p\S{1,2}g\S{1,2}r|nar|datum|etapp|tidsspann")
_START_LABEL = re.compile(r"start(?:\S{1,2}r)?|projektstart|startade|b\S{1,2}rjan|fr\S{1,2}n")
_END_LABEL = re.compile(r"slut(?:\S{1,2}r)?|projektslut|avslut(?:at|ades)?|klart|avslutning|till")


def _years(m: re.Match[str]) -> tuple[int, int]:
    """"2019–21" abbreviates the end year: it takes the start year's century."""
    start, end = int(m.group(1)), int(m.group(2))
    if end < 100:
        end += start // 100 * 100 + (100 if end < start % 100 else 0)
    return start, end


def _fact_partners(value: str, *, one: bool = False) -> tuple[list[str], str | None]:
    """"A och B (Land)" or "A, B" from a "Partner:" fact → names and the country if given.

    Under a singular label (``one``: "Partner:"), "Municipio de Lumbo, Moçambique" is one partner
    and its country: the last part is one or two capitalised words, no organisation word."""
    got = parse_partners_line(value)
    if got:
        return got[0], got[1]
    country = None
    m = re.search(r"\s*\((?P<country>[^()]{2,40})\)\s*$", value)
    head, _, tail = value.rpartition(",")
    if m:
        value, country = value[: m.start()], squash(m.group("country"))
    elif (one and head and "," not in head and len(head.split()) >= 2 and 1 <= len(tail.split()) <= 2
          and all(w[:1].isupper() for w in tail.split()) and not _ORG_WORD_RE.search(tail)):
        return [squash(head)], squash(tail)
    dashes = r"|\s-\s" if value.count(" - ") >= 2 else ""  # (OCR's '-' for the dots of "A · B · C")
    names = [squash(n) for n in re.split(r",\s|\s&\s|\soch\s|\s·\s|;\s" + dashes, value) if squash(n)]
    return names, country


def is_card_fact(text: str) -> bool:
    """A fact row whose label is one a project card uses (owner, period, result, partner)."""
    got = split_label(text)
    if got is None:
        return False
    label = fold(got[0]).strip()
    return any(r.fullmatch(label) for r in (_OWNER_LABEL, _RESULT_LABEL, _PERIOD_LABEL, _PARTNER_LABEL)) or (
        _is_goal_line(fold(text)))


def label_value(fact: str) -> str:
    """The value of a "Label: value" or "Label – value" row."""
    m = re.search(r":|\s[–—]\s", fact)
    return squash(fact[m.end():]) if m else squash(fact)


def parse_card_facts(facts: list[str]) -> CardFacts:
    """Owner, years, SDG goals and result from a project's "Kort om projektet" list."""
    out = CardFacts()
    # A "Land:" row names the country, so a partner row's last part is a partner ("A, B"), not it.
    labels = [(split_label(f) or ("", ""))[0] for f in facts]
    has_land = any(label in ("land", "lander") for label in labels)
    # "VEM / VAR / NÄR / ANSVARIG": beside a department that answers for it, "Vem" names the partner
    # and "Var" its country.
    who_is_partner = "vem" in labels and any(_OWNER_LABEL.fullmatch(x) for x in labels if x != "vem")
    for f in facts:
        ff = fold(f)
        split = split_label(f)
        label, value = split if split else ("", "")
        if label and re.fullmatch(r"kortnamn|akronym|acronym|f\S{1,2}rkortning", label) and out.acronym is None:
            out.acronym = value
            continue
        if who_is_partner and label == "vem" and not out.partners:
            out.partners = [squash(n) for n in re.split(r",\s|\s&\s|\soch\s", value) if squash(n)]
            continue
        if who_is_partner and label == "var" and out.country is None and not re.search(r"\d", value):
            out.country = value
            continue
        if label and _OWNER_LABEL.fullmatch(label) and out.owner is None:
            out.owner = value
            continue
        if label and _RESULT_LABEL.fullmatch(label) and out.result is None:
            out.result = value
            continue
        if label and _PARTNER_LABEL.fullmatch(label) and not out.partners:
            one = bool(_ONE_PARTNER_LABEL.fullmatch(label)) and not has_land
            out.partners, out.country = _fact_partners(value, one=one)
            continue
        if label and _START_LABEL.fullmatch(label) and out.start_year is None and re.search(r"\b(?:19|20)\d\d\b", value):
            out.start_year = int(re.search(r"\b(?:19|20)\d\d\b", value).group())
            continue
        if label and _END_LABEL.fullmatch(label) and out.end_year is None and re.search(r"\b(?:19|20)\d\d\b", value):
            out.end_year = int(re.search(r"\b(?:19|20)\d\d\b", value).group())
            continue
        if label in ("land", "lander") and out.country is None and value and not re.search(r"\d", value):
            out.country = value  # "Land: Moldavien" (a "Partner:" row naming its country wins: it comes first)
            continue
        if _is_goal_line(ff):
            for g in goal_numbers(ff):
                if g not in out.sdg_goals:
                    out.sdg_goals.append(g)
            continue
        if re.search(r"\b(?:19|20)\d\d-(?:0[1-9]|1[0-2])\b", f) and out.start_year is None:
            years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", f)]  # "2017-09 – 2019-06"
            out.start_year, out.end_year = years[0], (years[-1] if len(years) > 1 else None)
            continue
        m = YEARS_RE.search(f)
        if m and out.start_year is None:
            out.start_year, out.end_year = _years(m)
            continue
        if YEARS_ONLY_RE.match(f) and out.start_year is None:  # "2023–": begun, not ended
            out.start_year = int(re.search(r"(?:19|20)\d\d", f).group())
            continue
        if (PERIOD_LABEL_RE.match(ff) or label and _PERIOD_LABEL.fullmatch(label)) and out.start_year is None:
            years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", f)]
            if years:  # "2016 till 2018", "2019/2020", "hösten 2020 till våren 2022", "sedan 2019"
                out.start_year = years[0]
                out.end_year = years[-1] if len(years) > 1 else out.end_year
    for f in facts:  # verb phrases: "Leddes av X", "Tillsammans med X, Land", "Resulterade i X"
        ff = fold(f.strip())
        for field_name, rx in VERB_FACT_RES:
            m = rx.match(ff)
            if not m:
                continue
            value = squash(f.strip()[m.start("v"):])
            if field_name == "owner" and out.owner is None:
                out.owner = value
            elif field_name == "result" and out.result is None:
                out.result = value
            elif field_name == "partners" and not out.partners:
                head, _, tail = value.rpartition(",")
                if head and 1 <= len(tail.split()) <= 2:
                    value, out.country = head, tail.strip()
                out.partners = [squash(n) for n in re.split(r",\s|\s&\s|\soch\s", value) if squash(n)]
            elif field_name == "period" and out.start_year is None:
                years = [int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", value)]
                out.start_year = years[0] if years else None
                out.end_year = years[-1] if len(years) > 1 else out.end_year
    if out.owner is None:  # "2019–2022 · Kostenheten, Vargsunda kommun · ...": an unlabelled organisation
        out.owner = next((squash(f) for f in facts if not split_label(f) and not re.search(r"\d", f)
                          and _ORG_WORD_RE.search(f) and len(f) <= 80), None)
    return out


def _is_goal_line(ff: str) -> bool:
    """A row naming global goals (folded): "Globala mål: 6 och 14", "Mål i Agenda 2030: 5",
    "Fokus: Globala målet 7, hållbar energi", "SDG 4"."""
    if re.match(r"^sdgs?\b", ff) or re.search(r"\bsdgs?\s*(?:nr\.?\s*)?\d", ff):
        return True
    if _GOAL_PHRASE_RE.match(ff):
        return True
    if re.match(r"^(?:fn-?mal|globala?\s+mal(?:en)?|agenda\s+2030|delmal)\b", ff) and goal_numbers(ff):
        return True  # "FN-mål: 6", "Globala mål: Hälsa och välbefinnande; Jämställdhet"
    if re.match(r"^(?:globala\s+)?m\S{1,2}l(?:en)?\s*:.*\((?:[1-9]|1[0-7])\)", ff) or re.match(r"^h\S{1,2}llbarhetsm\S{1,2}l\b", ff):
        return True  # "Mål: Rent vatten och sanitet (6), Hav och marina resurser (14)"
    if re.match(r"^m\S{1,2}l\s*:\s*(?:m\S{1,2}l\s+)?(?:[1-9]|1[0-7])(?:\s*(?:,|och)\s*(?:[1-9]|1[0-7]))*\s*$", ff):
        return True  # "Mål: 6 och 11", "Mål: Mål 6 och 11" (a table's label over the printed value)
    if re.search(r"\b(?:global\w*|agenda\s+2030|fn:s)\b", ff) and re.search(r"\bm\S{1,2}l(?:et|en)?\b", ff) and (
            re.search(r"(?<![\d-])(?:[1-9]|1[0-7])\b(?![.,]?\d)", re.sub(r"agenda\s+2030", " ", ff))):
        return True  # "Globala målen som berörs: 3 och 6", "Kopplar till mål 3 och 11 i Agenda 2030"
    return bool(SDG_RE.search(ff) or re.search(r"\bm\S{1,2}l(?:et|en)?\s+i\s+agenda\s+2030\b", ff)) and (
        "agenda" in ff or "global" in ff or ff.startswith("fokus") or "hallbarhetsmal" in ff
        or bool(GOAL_LINE_RE.match(ff)))


#: The 17 global goals by their official Swedish short names (folded), as brochures name them.
SDG_NAMES = (
    r"ingen fattigdom", r"ingen hunger", r"halsa och valbefinnande", r"god utbildning", r"jamstalldhet",
    r"rent vatten", r"hallbar energi", r"anstandiga arbetsvillkor", r"hallbar industri", r"minskad ojamlikhet",
    r"hallbara stader", r"hallbar konsumtion", r"bekampa klimatforandringarna", r"hav och marina",
    r"ekosystem och biologisk", r"fredliga och inkluderande", r"genomforande och globalt partnerskap",
)


def goal_numbers(ff: str) -> list[int]:
    """Goal numbers 1-17 of a goal row (folded text): each item of the list after the label
    that opens with a number ("4 – God utbildning för alla, 5 – Jämställdhet" -> 4, 5;
    "målet 7, hållbar energi för alla" -> 7; "10 och 16" -> 10, 16; "SDG 3, SDG 10" -> 3, 10;
    "Mål 11 (Hållbara städer), Mål 13 (...)" -> 11, 13)."""
    text = re.sub(r"agenda\s+2030-?", " ", ff)
    m = re.search(r":(?![a-zåäö])", text) or re.search(r"\b(?:m\S{1,2}l(?:et|en)?|sdgs?)\b", text)  # not FN:s
    value = text[m.end():] if m else text
    if re.fullmatch(r"\s*\d{1,2}(?:\s+\d{1,2})+\s*", value):
        return [n for n in map(int, value.split()) if 1 <= n <= 17]  # "Globala mål 4 11 12": squares side by side
    bracketed = [int(n) for n in re.findall(r"\((\d{1,2})\)", value) if 1 <= int(n) <= 17]
    if bracketed:
        return bracketed  # goal names with their numbers in brackets
    if not re.search(r"\d", value):
        return [n for n, name in enumerate(SDG_NAMES, 1) if re.search(name, value)]  # goals by name only
    out = []
    for piece in re.split(r",|;|\boch\b|&|\bsamt\b|\+|\||·", value):  # ("4 | 12 |": squares' borders)
        n = re.match(r"\s*(?:(?:globala?\s+)?m\S{1,2}l(?:et|en)?\s*(?:nr\.?\s*)?|sdgs?\s*(?:nr\.?\s*)?|nr\.?\s*)?"
                     r"(\d{1,2})(?:\.\d{1,2}\b|\b(?![.,]\d))", piece)  # "6.3" is a target of goal 6
        if n and 1 <= int(n.group(1)) <= 17:
            out.append(int(n.group(1)))
    return out


#: "Tillsammans med Kabiranga kommun, Uganda", "I samarbete med X (Land)": a card's partner line.
_TOGETHER_LINE_RE = re.compile(r"^(?:tillsammans|i samarbete|i samverkan)\s+med\s+(?P<names>[A-ZÅÄÖ][^()]{2,80}?)"
                               + _COUNTRY_TAIL, re.I)


def parse_partners_line(text: str) -> tuple[list[str], str] | None:
    """"A & B (Country)", "A och B, Country", "A – B (Country)" → (["A", "B"], "Country");
    "Tillsammans med B, Country" → (["B"], "Country")."""
    t = _TOGETHER_LINE_RE.match(squash(text))
    if t and len(text) <= 120:
        names = [squash(n) for n in re.split(r"\s&\s|\soch\s|,\s", t.group("names")) if squash(n)]
        return names, squash(t.group("country") or t.group("country2"))
    m = PARTNERS_LINE_RE.match(squash(text))
    if not m or len(text) > 160:
        return None
    names = [squash(n) for n in re.split(r"\s&\s|\soch\s|,\s|\s[–—-]\s", m.group("names")) if squash(n)]
    if len(names) < 2:
        return None
    return names, squash(m.group("country") or m.group("country2"))


def parse_contact(text: str) -> Contact | None:
    """"Org • www.x.se • info@x.se • tel. 0470-410 00" → Contact; None without two contact cues.

    A bare number ("0123-456 78") counts as the phone only beside a web or e-mail cue.
    """
    text = re.sub(r"\bwww\.\s+(?=[a-z0-9])", "www.", text, flags=re.I)  # OCR's "www. x.se"
    email = EMAIL_RE.search(text)
    no_mail = EMAIL_RE.sub(" ", text)
    web = WEB_RE.search(no_mail)
    phone = PHONE_RE.search(text) or ((email or web) and BARE_PHONE_RE.search(no_mail)) or None
    if sum(x is not None for x in (email, phone, web)) < 2:
        return None
    org = _contact_org(text)
    return Contact(organisation=org, website=web.group(1).rstrip(".") if web else None,
                   email=email.group() if email else None,
                   phone=swedish_phone(squash(phone.group(1))) if phone else None)


def swedish_phone(number: str) -> str:
    """A Swedish number whose subscriber part is grouped but has a run of four digits ("0523-61 4000":
    OCR lost a space) regrouped the Swedish way, in pairs from the right, a triple first if the count
    is odd: "0523-61 40 00". Other numbers, unspaced ones too, stay as printed."""
    m = re.fullmatch(r"(0\d{1,3}\s?[-–]\s?)(\d[\d ]*\d)", number)
    if not m or " " not in m.group(2) or not re.search(r"\d{4}", m.group(2)):
        return number
    digits = m.group(2).replace(" ", "")
    if not 5 <= len(digits) <= 8:
        return number
    head = 3 if len(digits) % 2 else 2
    groups = [digits[:head]] + [digits[i:i + 2] for i in range(head, len(digits), 2)]
    return m.group(1) + " ".join(groups)


def _has_contact_cue(text: str) -> bool:
    return bool(EMAIL_RE.search(text) or PHONE_RE.search(text) or WEB_RE.search(text)
                or BARE_PHONE_RE.search(text) or re.match(r"(?:e-?post|e-?mail|webbplats)\s*:", fold(text)))


#: A postal address part after the organisation: "Box 14", "578 80 Svanholma", "Storgatan 14".
_ADDRESS_PART_RE = re.compile(r"^(?:box\s+\d+|\d{3}\s?\d{2}\s+\S.*|\S+(?:gatan|vägen|torget|gränd|plan|backen)\s+\d+\w?)$",
                              re.I)


#: Footer rows that are not the organisation: addresses, registration and payment numbers.
_ADDRESS_LABEL_RE = re.compile(r"^(?:post|bes\S{1,2}ks|leverans)?adress\b|^box\s+\d|^org(?:anisations)?\.?\s*-?nr|"
                               r"^organisationsnummer|^bankgiro|^plusgiro|^swish|^bg\b|^pg\b", re.I)
#: Words an organisation's name holds ("Tallmo kommun", "Föreningen Källsprång", "Region Sälvdalen").
_ORG_WORD_RE = re.compile(r"\b(?:kommun|region|regionen|landsting|förening(?:en)?|förbund(?:et)?|stiftelse(?:n)?|AB|"
                          r"kontor(?:et)?|förvaltning(?:en)?|enhet(?:en)?|nämnd(?:en)?|myndighet(?:en)?|council|"
                          r"municipality|universitet(?:et)?|högskola(?:n)?|skola(?:n)?|organisation(?:en)?|"
                          r"kansli(?:et)?|avdelning(?:en)?)\b|(?:kommun|förbundet|föreningen|regionen|förvaltningen|kontoret|enheten|"
                          r"nämnden|avdelningen)\b", re.I)  # (and at a compound's end: "Samhällsbyggnadsförvaltningen")


def _without_address(org: str) -> str:
    """"Svanholma kommun, Box 14, 578 80 Svanholma" → "Svanholma kommun"."""
    parts = [p.strip() for p in org.split(",")]
    while len(parts) > 1 and _ADDRESS_PART_RE.match(parts[-1]):
        parts.pop()
    return ", ".join(parts)


#: "Kontakta Brännestads kommun på 0325-180 00": the organisation named in a contact sentence.
_CONTACT_SENTENCE_RE = re.compile(r"\b[Kk]ontakta\s+(?P<org>[A-ZÅÄÖ][\w\-]*(?:\s+[\w\-]+){0,4}?)\s+(?:på|via|genom|per|på telefon)\b")


def _contact_org(text: str) -> str | None:
    """The first footer piece that is neither a label ("Kontakt") nor a contact cue.

    Pieces are split at bullets; a piece that itself holds cues ("Kontakt: Org, 012-3, a@b.se")
    is a comma list whose first item is the organisation.
    """
    said = _CONTACT_SENTENCE_RE.search(text)
    if said:
        return squash(said.group("org"))
    candidates: list[str] = []
    for piece in re.split(r"\s[•«»+*|·–—/-]\s|\s{2,}", text.strip()):
        if _has_contact_cue(piece) and "," in piece and not candidates:
            piece = piece.split(",")[0]
        piece = squash(CONTACT_LABEL_RE.sub("", SECTION_NUMBER_RE.sub("", squash(piece)), count=1))
        if not piece or _ADDRESS_LABEL_RE.match(piece) or piece[:1] in "☎✉🌐📞📧":
            continue
        if _has_contact_cue(piece):
            if candidates:
                break
            continue
        candidates.append(_without_address(piece))
    if not candidates:
        return None
    # A heading ("Stöd vårt arbete") or a contact person may come before the organisation's own line.
    candidates = [c.split(",", 1)[1].strip() if "," in c and c[:1].islower() else c for c in candidates]
    candidates = [c for c in candidates if not re.match(r"^(?:text|foto|layout|tryck|illustration)\s*:", c, re.I)]
    if not candidates:
        return None
    named = [c for c in candidates if _ORG_WORD_RE.search(c)]
    if not named and (org := _NAMED_ORG_RE.search(text)):
        return org.group()  # "Mer information: Anna Ek, samordnare, … Ekby kommun, Torggatan 3": the organisation
    return named[0] if named and not _ORG_WORD_RE.search(candidates[0]) else candidates[0]


#: A municipality, city or region named in a footer: "Ekby kommun", "Region Västerlöv".
_NAMED_ORG_RE = re.compile(r"\b[A-ZÅÄÖ][\wåäö\-]+ (?:kommun|stad)\b|\bRegion [A-ZÅÄÖ][\wåäö\-]+")
