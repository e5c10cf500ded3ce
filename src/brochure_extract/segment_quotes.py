"""Quotes: a paragraph opened by a dash ("– ", "- ", "— ") and closed by an attribution line.

Swedish brochures print quotes as "– Text ..." followed by "Name (Party), role" or
"Name, role, organisation". The attribution is what makes a dash paragraph a quote
rather than a bullet, so we look for it before accepting the quote.
"""
from __future__ import annotations

import re

from .models import Quote
from .segment_common import Line, is_dash_start, join_wrapped

_NAME_WORD = r"[A-ZÅÄÖÉÜ][\w'’.\-]*"
ATTRIBUTION_RE = re.compile(
    rf"^(?P<name>{_NAME_WORD}(?:\s+(?:af\s+|von\s+|de\s+)?{_NAME_WORD}){{1,3}})\s*"
    r"(?:\((?P<party>[^()]{1,12})\))?\s*,\s*(?P<role>[^.!?]{2,120})$"
)
_LEAD_DASH = re.compile(r"^\s*[–—-]\s+")


def parse_attribution(text: str) -> tuple[str, str | None, str | None] | None:
    """"Name (Party), role" → (name, party, role); None when the line is not an attribution."""
    m = ATTRIBUTION_RE.match(text.strip())
    if not m:
        return None
    role = m.group("role").strip().rstrip(",")
    party = m.group("party").strip() if m.group("party") else None
    return m.group("name").strip(), party, role or None


def find_quote(lines: list[Line], i: int, stop: int, max_lines: int = 30) -> tuple[Quote, int] | None:
    """If ``lines[i]`` opens a quote, return it and the index after its attribution."""
    if not is_dash_start(lines[i].text):
        return None
    end = min(stop, i + max_lines)
    for j in range(i + 1, end):
        line = lines[j]
        if j > i + 1 and is_dash_start(line.text):
            return None  # another dash paragraph first: these are bullets, not a quote
        attrib = parse_attribution(line.text)
        if attrib and (line.gap_before or lines[j - 1].text.rstrip().endswith((".", "!", "?", "”", "\""))):
            name, party, role = attrib
            parts = [_LEAD_DASH.sub("", lines[i].text)] + [ln.text for ln in lines[i + 1:j]]
            text = join_wrapped(parts).strip().strip("”\"").strip()
            return Quote(speaker=name, party=party, role=role, text=text), j + 1
    return None
