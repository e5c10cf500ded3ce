"""Partnership fact boxes: the fixed order "name, country, N km², N invånare, website", labelled
rows in any order, tables (as two columns, label rows over value rows, side by side), and the
bullet facts (project count, themes, funding) set next to a box."""
from __future__ import annotations

import re

from .models import Partnership
from .segment_common import (
    Line,
    ends_sentence,
    fold,
    join_wrapped,
    starts_lower,
    strip_bullet,
)
from .segment_facts import (
    AREA_RE,
    BOX_HEAD_RE,
    BOX_TITLE_RE,
    THEMES_RE,
    label_value,
    PROJECT_COUNT_RE,
    apply_partner_facts,
    is_labelled,
    is_partner_fact,
    parse_box_block,
    parse_partner_box,
)

PARTNER_HEAD_RE = re.compile(r"^(samarbete[t]?|partnerskap(et)?|v\S{1,2}nort(en)?)\s+med\b", re.I)


_DASHED_LABEL_RE = re.compile(r"^([A-ZÅÄÖ][\wåäöÅÄÖ]*(?: [\wåäö]+){0,2}) [—–] (?=\S)")


def partnerships_in(ls: list[Line], end: int, used: set[int]) -> list[Partnership]:
    """The partner boxes among ``ls[:end]``, in order; the lines they take are added to ``used``."""
    # (a box may set a dash between label and value: "Yta — 7 881 km²" reads as "Yta: 7 881 km²")
    texts = [_DASHED_LABEL_RE.sub(r"\1: ", strip_bullet(ln.text)[0]) for ln in ls[:end]]
    partners: list[Partnership] = []
    for i in range(end):  # "• Name, Land: 96 000 invånare, 3 100 km², partner sedan 2015, site": a box on one line
        got = _one_line_box(texts[i])
        if got is not None and i not in used:
            partners.append(got)
            used.add(i)
    partners.extend(_label_column_boxes(ls, texts, end, used))
    partners.extend(_introduced_boxes(ls, texts, end, used))
    partners.extend(_partner_row_table(ls, texts, end, used))
    for i in range(end):
        if AREA_RE.match(texts[i]) and i not in used:
            got = parse_partner_box(texts, i)
            if got and not (got[1] & used):
                top = min(got[1])
                if _wrapped_name_above(ls, texts, top, used):  # "Asankrom Municipal" over "Assembly"
                    got[0].partner = f"{texts[top - 1].strip()} {got[0].partner}"
                    got[1].add(top - 1)
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
                and texts[i][:1].isupper()  # not "partnerskap med Tanzania och", a title's wrapped line
                and len(texts[i]) <= 70 and not ends_sentence(texts[i])):
            used.add(i)
            j = i + 1
            while j < end and j not in used and not ls[j].gap_before and len(texts[j]) <= 40 \
                    and not ls[j].bullet:
                used.add(j)
                j += 1
    return partners


def _wrapped_name_above(ls: list[Line], texts: list[str], top: int, used: set[int]) -> bool:
    """Is the line above a box's name line (``top``) the first half of a name wrapped in a narrow
    box: right above it, short, no figures, no sentence, no box title ("Vår partner")?"""
    if top < 1 or ls[top].gap_before or top - 1 in used or ls[top - 1].bullet:
        return False
    above = texts[top - 1].strip()
    return (0 < len(above) <= 40 and not any(c.isdigit() for c in above) and ":" not in above
            and not ends_sentence(above) and not BOX_HEAD_RE.match(fold(above).strip(" :"))
            and not BOX_TITLE_RE.match(fold(above)))


#: "Vår partner i Kenya: Nyandoro County": a heading that names the partner and its country.
_PARTNER_INTRO_RE = re.compile(r"^(?:[Vv]år|[Vv]årt|[Vv]åra)\s+(?:partner\w*|vänort)\s+i\s+(?P<country>[A-ZÅÄÖ][\wåäö]*(?:\s(?:och\s)?[A-ZÅÄÖ][\wåäö]*)*)"
                               r"\s*:\s*(?P<name>[A-ZÅÄÖ].{2,70})$")
_BARE_THEMES_RE = re.compile(r"^(?:teman|tema|samarbetsomraden|omraden)\s*:?$")


def _introduced_boxes(ls: list[Line], texts: list[str], end: int, used: set[int]) -> list[Partnership]:
    """A partner presented under "Vår partner i Land: Namn", a paragraph about it, then its facts as
    labelled rows and perhaps "Teman" over a paragraph listing them."""
    out: list[Partnership] = []
    for i in range(end):
        m = _PARTNER_INTRO_RE.match(texts[i].strip())
        if m is None or i in used:
            continue
        j = i + 1
        while j < min(end, i + 15) and j not in used and not is_labelled(texts[j]):
            j += 1  # the paragraph about the partner
        k = j
        while k < end and k not in used and is_labelled(texts[k]):
            k += 1
        rows = texts[j:k]
        if k + 1 < end and _BARE_THEMES_RE.match(fold(texts[k])) and k + 1 not in used:
            stop = k + 2
            while stop < end and not ls[stop].gap_before:
                stop += 1
            rows.append(f"{texts[k].strip(' :')}: {join_wrapped(texts[k + 1:stop])}")
            k = stop
        got = parse_box_block([m.group("name"), f"Land: {m.group('country')}", *rows]) if len(rows) >= 2 else None
        if got is not None:
            out.append(got)
            used.update(range(i, k))
    return out


#: A table with one row per partner: its header names "Partner" and a column of numbers.
_ROW_TABLE_HEAD_RE = re.compile(r"^partner(?:kommun)?\s+(?:land\s+)?(?:invanare|befolkning|folkmangd|yta)\b", re.I)
#: "Kalundu Town Council Zambia 92 000": a partner, its country and a number (thousands spaced).
_PARTNER_ROW_RE = re.compile(r"^(?P<name>[A-ZÅÄÖ].*?)\s+(?P<land>[A-ZÅÄÖ][a-zåäöé]+)\s+(?P<num>\d{1,3}(?:[ .]\d{3})*)$")
#: The table's right-hand columns read as a block of their own: "Sedan Projekt" over "1540 2014 2".
_NUMBER_ROW_RE = re.compile(r"^\d[\d ]*\d$")


def _partner_row_table(ls: list[Line], texts: list[str], end: int, used: set[int]) -> list[Partnership]:
    """A table of partners, one row each ("Partner | Land | Invånare | Yta km² | Sedan | Projekt"),
    as plain-text OCR gives it: the header, rows "Name Country 92 000", and perhaps the right-hand
    columns as a block of number rows after them, taken in order (a year is the start, a small
    number the project count, the other the area)."""
    out: list[Partnership] = []
    for i in range(end):
        if i in used or not _ROW_TABLE_HEAD_RE.match(fold(texts[i])):
            continue
        pop_col = not re.match(r"^partner\w*\s+(?:land\s+)?yta\b", fold(texts[i]))  # the number column's label
        rows = []
        j = i + 1
        while j < end and j not in used and (m := _PARTNER_ROW_RE.match(texts[j].strip())):
            rows.append(m)
            j += 1
        if len(rows) < 2:
            continue
        parts = [Partnership(partner=m.group("name"), country=m.group("land")) for m in rows]
        for p, m in zip(parts, rows):
            value = int(re.sub(r"\D", "", m.group("num")))
            if pop_col:
                p.population = value
            else:
                p.area_km2 = value
        k = j
        if k + len(rows) < end and not _NUMBER_ROW_RE.match(texts[k]) and len(texts[k]) <= 40 and all(
                _NUMBER_ROW_RE.match(texts[k + 1 + n].strip()) for n in range(len(rows))):
            for p, line in zip(parts, texts[k + 1:k + 1 + len(rows)]):
                nums = [int(x) for x in line.split()]
                years = [x for x in nums if 1900 <= x <= 2099]
                if years and p.start_year is None:
                    p.start_year = years[0]
                    nums.remove(years[0])
                if nums and nums[-1] < 100 and p.project_count is None:
                    p.project_count = nums.pop()
                if nums and p.area_km2 is None:
                    p.area_km2 = nums[0]
            j = k + 1 + len(rows)
        out.extend(parts)
        used.update(range(i, j))
    return out


#: What a box label's value looks like, by folded label: a word, a number, a count (not a year),
#: a year, a web address, or free text (which runs to the next blank line).
_LABEL_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"land"), "word"),
    (re.compile(r"y[tli]a|areal"), "number"),  # ("Yia": OCR's reading of "Yta")
    (re.compile(r"invanare|invanarantal|antal invanare|befolkning|folkmangd"), "number"),
    (re.compile(r"antal projekt|gemensamma projekt"), "count"),
    (re.compile(r"webb|webbplats|hemsida|internet"), "web"),
    (re.compile(r"\w+ sedan"), "year"),
    (re.compile(r"teman|samarbetsomraden|omraden|finansiering"), "text"),
)


def _label_kind(text: str) -> str | None:
    folded = fold(text).strip(" :")
    return next((kind for rx, kind in _LABEL_KINDS if rx.fullmatch(folded)), None)


def _label_column_boxes(ls: list[Line], texts: list[str], end: int, used: set[int]) -> list[Partnership]:
    """A two-column table that OCR read column by column: the labels one per line ("Land", "Yta",
    "Invånare", a wrapped "Samarbete" / "sedan"), then the values in the same order. Each value is
    read by its label's kind; free text (themes, funding) runs to the next blank line."""
    out: list[Partnership] = []
    i = 0
    while i < end:
        labels: list[tuple[str, str]] = []
        k = i
        while k < end and k not in used:
            kind = _label_kind(texts[k])
            if kind is None and k + 1 < end and not ls[k + 1].bullet:
                kind = _label_kind(f"{texts[k]} {texts[k + 1]}")
                if kind is not None:
                    labels.append((f"{texts[k]} {texts[k + 1]}", kind))
                    k += 2
                    continue
            if kind is None or ls[k].bullet:
                break
            labels.append((texts[k], kind))
            k += 1
        if len(labels) < 4:
            i += 1
            continue
        rows, k = _column_values(ls, texts, labels, k, end)
        name = [j for j in (i - 2, i - 1) if 0 <= j and j not in used and len(texts[j]) <= 40
                and not ends_sentence(texts[j]) and not any(c.isdigit() for c in texts[j])]
        if name and name[0] == i - 2 and ends_sentence(texts[i - 2]):
            name = name[1:]
        got = parse_box_block([join_wrapped([texts[j] for j in name]), *rows]) if rows and name else None
        if got is None:
            i += 1
            continue
        out.append(got)
        used.update(name)
        used.update(range(i, k))
        i = k
    return out


def _column_values(ls: list[Line], texts: list[str], labels: list[tuple[str, str]], k: int,
                   end: int) -> tuple[list[str], int]:
    """``labels`` paired with the value lines from ``k`` as "Label: value" rows, and where the
    values end; no rows when the first value does not look like its label's kind (a later one
    that does not was lost: the label is skipped)."""
    rows: list[str] = []
    for label, kind in labels:
        if k >= end:
            return [], k
        t = texts[k]
        if kind == "text":
            j = k + 1
            while j < end and not ls[j].gap_before and not ls[j].bullet:
                j += 1
            value = join_wrapped(texts[k:j])
        else:
            ok = {"word": not any(c.isdigit() for c in t) and len(t) <= 40,
                  "number": bool(re.search(r"\d", t)) and len(t) <= 30,
                  "count": bool(re.fullmatch(r"\d{1,3}", t.strip())),
                  "year": bool(re.fullmatch(r"(?:19|20)\d\d", t.strip())),
                  "web": "." in t and " " not in t.strip()}[kind]
            if not ok:
                if rows:
                    continue  # a lone number ("11") the cleaning took for a page number: that value is lost
                return [], k
            j = k + 1
            while kind == "web" and j < end and re.fullmatch(r"\.?[\w\-./]{1,20}", texts[j]) and texts[j][:1] in "./":
                j += 1  # "www.mkombezidc.go" / ".tz": an address wrapped in its cell
            value = texts[k] + "".join(texts[k + 1:j]).lower() if kind == "web" else t
        rows.append(f"{label}: {value}")
        k = j
    return rows, k


_ONE_LINE_BOX_RE = re.compile(r"^(?P<name>[^:]{3,80}?),\s*(?P<country>[A-ZÅÄÖ][\w\s\-]{1,30}?):\s*(?P<facts>\S.*)$")


def _one_line_box(text: str) -> Partnership | None:
    """"Nyamandu Rural District Council, Zimbabwe: 96 000 invånare, 3 100 km², partner sedan 2015, …"."""
    m = _ONE_LINE_BOX_RE.match(text.strip())
    if m is None:
        return None
    facts = [p.strip() for p in re.split(r",\s(?!\d{3}\b)", m.group("facts")) if p.strip()]
    got = parse_box_block([m.group("name"), *facts])
    if got is None:
        return None
    got.country = got.country or m.group("country").strip()
    return got


#: The first row of the next box: "Fakta: Comuna Valea Rădeni", "Fakta om Lusiwe" (folded).
_NEXT_BOX_RE = re.compile(r"^fakta(?:\s*:|\s+om\s)\s*\S")


def _box_blocks(ls: list[Line], texts: list[str], end: int, used: set[int]) -> list[Partnership]:
    """Partner boxes as blocks of labelled rows in any order (see ``parse_box_block``); a block
    runs from a blank line to the next, and a "Vår partner" heading above it goes with it."""
    out: list[Partnership] = []
    last_end = -1  # where the last box's block ended
    i = 0
    while i < end:
        j = i + 1
        while j < end and (not ls[j].gap_before or is_labelled(ls[j].text) and is_labelled(ls[j - 1].text)
                           or _cells(ls[j].raw) >= 3 and _cells(ls[j - 1].raw) >= 3) and (  # (a comparison table's rows)
                not _NEXT_BOX_RE.match(fold(ls[j].text))):
            j += 1  # rows of a box stay together even when their weights (or OCR's blank lines) split them
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
            columns = _table_columns([ls[k] for k in block])
            boxes = [parse_box_block(rows) for rows in columns] if columns else [parse_box_block([texts[k] for k in block])]
            got = next((b for b in boxes if b is not None), None)
            if got is None and out and 0 <= i - last_end <= 1 and len(block) >= 2 and all(is_labelled(texts[k]) for k in block):
                # the right half of a box set in two column pairs ("Land: Moldavien", "Befolkning: …"), read
                # after its left half: the rows go on the box above
                more = parse_box_block([out[-1].partner, *(texts[k] for k in block)])
                if more is not None:
                    _fill_in(out[-1], more)
                    used.update(block)
                    i = last_end = j
                    continue
            if got is not None:
                last_end = j
                out.extend(b for b in boxes if b is not None)
                used.update(block)
                if i > 0 and BOX_HEAD_RE.match(fold(texts[i - 1]).strip(" :")) and ls[i].gap_before:
                    used.add(i - 1)  # "Våra partnerkommuner" standing alone above the boxes
        i = j
    return out


def _fill_in(box: Partnership, more: Partnership) -> None:
    """Give ``box`` the fields ``more`` has and it lacks."""
    for name in ("country", "area_km2", "population", "website", "project_count", "start_year", "funding"):
        if getattr(box, name) is None and getattr(more, name) is not None:
            setattr(box, name, getattr(more, name))
    if not box.themes and more.themes:
        box.themes = list(more.themes)


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


def _cells(raw: str) -> int:
    """How many cells a table row has (cells apart by tabs or wide spaces)."""
    return len([c for c in _COLUMNS_RE.split(raw.strip()) if c])


def _table_columns(block: list[Line]) -> list[list[str]] | None:
    """A comparison table ("Land   Sverige   Malawi" under a row of names): each partner's column as
    the rows of a box. The brochure's own municipality is the column whose country is Sweden (or,
    with no country row, the first of several); a row of labels over a row of values is one box."""
    rows = [[c for c in _COLUMNS_RE.split(ln.raw.strip()) if c] for ln in block]
    wide = [k for k, r in enumerate(rows) if len(r) >= 3]
    if len(wide) == 2 and wide[1] == wide[0] + 1 and len(rows[wide[0]]) == len(rows[wide[1]]) and all(
            not any(ch.isdigit() for ch in c) for c in rows[wide[0]]):
        labels, values = rows[wide[0]], rows[wide[1]]  # a row of labels over a row of values
        return [[*(" ".join(r) for r in rows[:wide[0]]), *(f"{a}: {b}" for a, b in zip(labels, values))]]
    head_at = next((k for k, r in enumerate(rows) if len(r) >= 2), None)
    if head_at is None or head_at + 2 >= len(rows):
        return None
    names = rows[head_at]
    width = len(names) + 1
    body: list[list[str]] = []
    for r in rows[head_at + 1:]:
        if len(r) == width:
            body.append(list(r))
        elif body and len(r) < width and not any(c[:1].isupper() for c in r):
            for k, cell in enumerate(r, start=width - len(r)):  # a value wrapped in its cell: the columns on the right
                body[-1][k] = f"{body[-1][k]} {cell}"
        else:
            return None
    if len(body) < 2:
        return None
    country = next((r for r in body if fold(r[0]).strip(" :") == "land"), None)
    own = [k for k in range(len(names)) if country is not None and fold(country[k + 1]) == "sverige"]
    keep = [k for k in range(len(names)) if k not in own] if own else list(range(len(names)))[1 if len(names) > 1 else 0:]
    above = [" ".join(r) for r in rows[:head_at]]
    return [[*above, names[k], *(_table_cell(r[0], r[k + 1]) for r in body if r[k + 1] not in ("–", "-", "—"))]
            for k in keep]


def _table_cell(label: str, value: str) -> str:
    """A table's row label and one column's value as a box row; a unit in the label goes to the
    value ("Yta (km²)", "25" -> "Yta: 25 km²")."""
    unit = re.search(r"\s*\((km²|km2|kvadratkilometer|hektar|ha)\)\s*$", label)
    if unit:
        return f"{label[:unit.start()].strip(' :')}: {value} {unit.group(1)}"
    return f"{label.strip(' :')}: {value}"


def _fact_group(ls: list[Line], texts: list[str], i: int, end: int, used: set[int]) -> tuple[list[str], int]:
    """Consume "N projekt" and the partner facts (themes, funding) that follow it; a bare "Teman:"
    takes the bullets under it, one theme each."""
    items: list[list[str]] = [[texts[i]]]
    used.add(i)
    i += 1
    listing = False  # under a bare "Teman:" row
    while i < end and i not in used:
        t = texts[i]
        if ls[i].bullet and (listing or len(items[-1]) == 1 and THEMES_RE.match(fold(items[-1][0]))
                             and not label_value(items[-1][0])):
            items[-1][0] += ("," if listing else "") + " " + t
            listing = True
        elif is_partner_fact(t) and not PROJECT_COUNT_RE.match(t):
            head, _, first = t.partition(":")
            theme, bulleted = strip_bullet(first.strip())
            listing = bool(THEMES_RE.match(fold(t)) and bulleted)
            items.append([f"{head}: {theme}" if listing else t])  # "Teman: • Vatten" over more
        elif not ls[i].bullet and (starts_lower(t) or items[-1][-1].rstrip().endswith((",", "-"))):
            items[-1].append(t)
        else:
            break
        used.add(i)
        i += 1
    return [join_wrapped(p) for p in items], i
