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



#: The word characters just before a position, searched backwards (``(?r)``): found at once
#: instead of by trying every start in the window.
_WORD_TAIL = regex.compile(r"(?r)[\w&@|\u0300-\u036f]+\Z")


@dataclass(frozen=True)
class Seed:
    """A pattern with a cheap pattern of the glyphs its matches need: every match of ``pattern``
    starts at most ``back`` characters before a match of ``glyphs``. Scanning a text for one
    class of rare glyphs is far faster than trying an alternation of Unicode classes everywhere.
    """

    pattern: re.Pattern[str]
    glyphs: re.Pattern[str]
    back: int

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of ``pattern.finditer(text)``: tried only where a match can start."""
        match = self.pattern.match
        back = self.back
        end = 0  # matches do not overlap: the next one starts here or later
        tried = -1  # every position up to here has been tried
        for g in self.glyphs.finditer(text):
            h = g.start()
            for pos in range(max(h - back, tried + 1), h + 1):
                if pos >= end:
                    m = match(text, pos)
                    if m is not None:
                        yield m
                        end = m.end()
            tried = h

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)


def tokens_containing(seed: re.Pattern[str] | regex.Pattern[str] | Seed, text: str) -> list[str]:
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
