"""Tokenising OCR text into words, keeping the glyphs an English OCR model uses for å/ä/ö.

A word may contain ``&``, ``@`` and ``|`` (stand-ins for å, å and l) and digits
(``6kat`` is ``ökat``), so the repair sees ``pd&`` and ``|arare`` as one token each.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import regex

#: Same definition as the evaluator's: a run of word characters plus OCR stand-ins
#: that contains at least one real word character, or a bare run of ``&``. Combining
#: marks belong to the word too, so decomposed text (``a`` + U+0308 for ``ä``, common in
#: PDF text layers) is not cut in the middle of a letter.
WORD_RE = regex.compile(r"[\w&@|\u0300-\u036f]*\w[\w&@|\u0300-\u036f]*|&+")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


def iter_tokens(text: str) -> Iterator[Token]:
    for m in WORD_RE.finditer(text):
        yield Token(m.start(), m.end(), m.group())



_WORD_TAIL = regex.compile(r"[\w&@|\u0300-\u036f]+\Z")


def tokens_containing(seed: re.Pattern[str] | regex.Pattern[str], text: str) -> list[str]:
    """The distinct tokens of ``text`` that contain a match of ``seed``.

    Fast for rare seeds (stand-in glyphs, digits inside words): only the matches are
    visited, each widened to its token, instead of testing every token of the text.
    """
    found: dict[str, None] = {}
    last_end = -1
    for m in seed.finditer(text):
        pos = m.start()
        if pos < last_end:
            continue
        lead = _WORD_TAIL.search(text, max(0, pos - 64), pos)  # the word characters just before
        begin = lead.start() if lead is not None else pos
        tok = WORD_RE.match(text, begin)
        if tok is None or tok.end() <= pos:
            continue
        found[tok.group()] = None
        last_end = tok.end()
    return list(found)
