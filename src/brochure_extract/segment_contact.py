"""The contact footer: one line with two contact cues, a stack of short lines at the end, or a
box headed "Kontakt" anywhere."""
from __future__ import annotations

import re

from .models import Contact
from .segment_common import Line, ends_sentence, fold
from .segment_facts import (
    CONTACT_LABEL_RE,
    parse_contact,
)


def find_contact(ls: list[Line]) -> tuple[int, Contact] | None:
    """The footer: one line with two of web/e-mail/phone, or the last few lines together."""
    for i in range(len(ls) - 1, max(-1, len(ls) - 8), -1):
        c = parse_contact(ls[i].text)
        if c:
            return _with_footer_head(ls, i, c)
    for k in (9, 8, 7, 6, 5, 4, 3, 2):  # a footer set as a stack of short lines, in a block of its own
        if len(ls) <= k:
            continue
        tail = ls[-k:]
        # (a head may call out: "Vill du veta mer?", "Bli medlem!")
        called = tail[0].text.rstrip().endswith(("?", "!")) and len(tail[0].text) <= 40
        headed = called or CONTACT_LABEL_RE.fullmatch(fold(tail[0].text).strip())
        if (len(ls) > k and all(len(ln.text) <= 60 for ln in tail) and tail[0].gap_before
                and (not ends_sentence(tail[0].text) or called)
                and (not any(ln.gap_before for ln in tail[2 if headed else 1:])
                     or all(_reach(ln.text) for ln in tail[2 if headed else 1:]))):
            # (OCR sets blank lines inside a footer block: then every line after the head and the
            # organisation must be a way to reach it or an address)
            c = parse_contact(" • ".join(ln.text for ln in ls[-k:]))
            if c:
                return len(ls) - k, c
    for k in (2, 3, 4):  # a footer paragraph wrapped over a few lines ("… tel. 012-34 56, e-post" / "a@b.se")
        tail = ls[-k:]
        if len(ls) > k and tail[0].gap_before and not any(ln.gap_before for ln in tail[1:]):
            c = parse_contact(" ".join(ln.text for ln in tail))
            if c and sum(x is not None for x in (c.website, c.email, c.phone)) >= 3:
                return len(ls) - k, c
    return None


def _reach(text: str) -> bool:
    """A contact line: web, e-mail or phone, or a street address with a postcode."""
    return parse_contact(text) is not None or bool(
        re.search(r"@|www\.|\b\d{3}\s?\d{2}\b|^(?:tel|telefon|tfn|e-?post|mejl|webb|webbplats|hemsida)\b", text.strip(), re.I))


_CONTACT_HEAD_RE = re.compile(r"^(?:kontakt|kontakta oss|kontaktuppgifter|kontaktinformation|mer information)\s*:?$")


def contact_block(ls: list[Line]) -> tuple[tuple[int, int], Contact] | None:
    """A block headed "Kontakt" anywhere in the brochure, whose lines give two contact cues."""
    for i, ln in enumerate(ls):
        if not (ln.gap_before and _CONTACT_HEAD_RE.match(fold(ln.text))):
            continue
        j = i + 2  # (the line under the heading may stand apart: a PDF's change of type)
        while j < len(ls) and not ls[j].gap_before and j - i <= 8:
            j += 1
        j = min(j, len(ls))
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
