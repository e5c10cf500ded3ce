"""Tokenising OCR text into words, keeping the glyphs an English OCR model uses for å/ä/ö.

A word may contain ``&``, ``@`` and ``|`` (stand-ins for å, å and l) and digits
(``6kat`` is ``ökat``), so the repair sees ``pd&`` and ``|arare`` as one token each.
"""
from __future__ import annotations

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


def tokenize(text: str) -> list[str]:
    return WORD_RE.findall(text)
