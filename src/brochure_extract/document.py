"""Document-level evidence for repair: how folded the text is, and which spans to leave alone."""
from __future__ import annotations

import re
import string
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from .lexicon import fold
from .resources import corpus_path
from .tokens import WORD_RE

DIACRITICS = frozenset("åäöÅÄÖ")
#: Expected share of å/ä/ö among the letters of Swedish prose (about 4 %).
EXPECTED_DIACRITIC_RATE = 0.04
SENTENCE_END = frozenset(".!?:;")
_LETTER_RE = re.compile(r"[^\W\d_]")
_COMBINING_RE = re.compile("[\u0300-\u036f]")
#: A word with å/ä/ö in it (the same word characters as :data:`.tokens.WORD_RE`). The lookbehind
#: only spares the engine from trying every position inside a word; the matches are the same.
_DIACRITIC_WORD_RE = re.compile(r"(?<![\w&@|])[\w&@|]*[åäöÅÄÖ][\w&@|]*")
#: A dot or @ followed by a letter or digit: the whitespace-delimited stretches around these are
#: where URLs and e-mails live (a sentence's final dot is not followed by one).
_DOT_BEFORE_LETTER_RE = re.compile(r"[.@](?=[^\W_])")
_SPACE_RE = re.compile(r"\s")
#: A letter or digit (exactly what ``str.isalnum`` accepts).
_ALNUM_RE = re.compile(r"[^\W_]")
_ASCII = bytes(range(128))
_ASCII_LETTERS = string.ascii_letters.encode()
_DIACRITIC_RE = re.compile("[åäöÅÄÖ]")
#: The tokens of :mod:`.tokens`, compiled with the faster stdlib ``re``.
_WORDS_RE = re.compile(WORD_RE.pattern)

#: The inflection an abbreviation takes after a colon: 'FN:s', 'SMHI:s', 'SMS:et', 'EU:n'.
#: (It starts with the literal colon, which the engine finds fast; the ending is group 1.)
_COLON_ENDING_RE = re.compile(r":(?<=[^\W_]:)([^\W\d_]{1,3})\b")
_PROTECTED_RE = re.compile(
    r"(?:https?://|www\.)\S+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:se|com|org|net|nu|eu|fi|no|dk|de|info|gov|edu|int|io)\b(?:/\S*)?"  # bare domains
    r"|\b[\w-]+\.(?:gov|go|co|org|com|net|ac|edu|or|gouv)\.[a-z]{2}\b(?:/\S*)?"  # partners' "kabiranga.go.ug"
    r"|(?<![\w.])(?:[^\W\d_]{1,3}\.){2,}(?![\w])",  # dotted abbreviations: fr.o.m., t.o.m., bl.a., o.s.v.
    re.IGNORECASE,
)


def estimate_survival(text: str) -> float:
    """Share of å/ä/ö that survived the OCR: ~0 for English-model OCR, ~1 for clean text.

    Measured against the ~4 % of letters that å/ä/ö make up in Swedish prose, on the
    first 200,000 characters (enough for a stable estimate, cheap for huge inputs).
    """
    sample = text[:200_000]
    if _COMBINING_RE.search(sample):
        sample = unicodedata.normalize("NFC", sample)  # decomposed å/ä/ö count as survivors too
    # ASCII letters are counted on the bytes; the regexes see only the few other characters.
    raw = sample.encode("utf-8", "surrogatepass")
    wide = raw.translate(None, _ASCII).decode("utf-8", "surrogatepass")
    letters = len(raw) - len(raw.translate(None, _ASCII_LETTERS)) + len(_LETTER_RE.findall(wide))
    if letters == 0:
        return 0.0
    found = len(_DIACRITIC_RE.findall(wide))
    return min(found / max(letters * EXPECTED_DIACRITIC_RATE, 1.0), 1.0)


class DocumentVocabulary:
    """Words this document (or its reference) spells with their diacritics, found by folded key.

    The document's own spellings are the best evidence there is: a name no lexicon
    knows (``Lövsjö``) is repaired everywhere once the document shows it once, and a
    reference's ``har`` weighs against ``här`` as much as its ``här`` weighs for it.
    """

    def __init__(self, words: Iterable[str] = ()) -> None:
        # As if each word were add()ed in turn: same counts, same keys, filled in the same order.
        self.counts: Counter[str] = Counter(map(str.lower, words))
        self.by_key: dict[str, set[str]] = {}
        for low in self.counts:
            self.by_key.setdefault(fold(low), set()).add(low)

    def add(self, word: str, n: int = 1) -> None:
        low = word.lower()
        if low not in self.counts:
            self.by_key.setdefault(fold(low), set()).add(low)
        self.counts[low] += n

    def copy(self) -> DocumentVocabulary:
        new = DocumentVocabulary()
        new.counts = Counter(self.counts)
        new.by_key = {k: set(v) for k, v in self.by_key.items()}
        return new

    def forms(self, key: str) -> set[str]:
        return self.by_key.get(key, set())

    def __contains__(self, word: object) -> bool:
        return word in self.counts

    def __bool__(self) -> bool:
        return bool(self.counts)

    def __len__(self) -> int:
        return len(self.counts)


def diacritic_vocabulary(text: str) -> DocumentVocabulary:
    """The words of ``text`` written with å/ä/ö: evidence for the same words elsewhere in it."""
    if _COMBINING_RE.search(text):
        text = unicodedata.normalize("NFC", text)
    if not any(c in text for c in DIACRITICS):
        return DocumentVocabulary()
    return DocumentVocabulary(_DIACRITIC_WORD_RE.findall(text))


def protected_spans(text: str) -> list[tuple[int, int]]:
    """URLs, e-mail addresses and domain names, dotted abbreviations ('fr.o.m.', 'bl.a.'), and the
    ending after a colon ('FN:s', 'SMHI:s', 'SMS:et'): their letters are not Swedish words."""
    spans: list[tuple[int, int]] = []
    if ":" in text:
        spans.extend(m.span(1) for m in _COLON_ENDING_RE.finditer(text))
    if "." not in text and "@" not in text:
        return spans
    chunk_end = -1
    for hit in _DOT_BEFORE_LETTER_RE.finditer(text):  # only stretches with such a dot or @ can hold one
        pos = hit.start()
        if pos < chunk_end:
            continue  # its stretch is done
        base = pos
        while base > 0 and not text[base - 1].isspace():  # str.isspace() is exactly what \s matches
            base -= 1
        space = _SPACE_RE.search(text, pos)
        chunk_end = space.start() if space is not None else len(text)
        spans.extend((base + m.start(), base + m.end()) for m in _PROTECTED_RE.finditer(text[base:chunk_end]))
    return sorted(spans) if ":" in text else spans


def is_boundary(text: str, a: int, b: int) -> bool:
    """Is there a sentence end or a paragraph break in ``text[a:b]`` (between two tokens)?"""
    gap = text[a:b]
    if not gap.strip(" "):
        return False
    return any(c in SENTENCE_END for c in gap) or "\n\n" in gap or "\n \n" in gap


#: What may stand before a title on its line: "Projekt 02 — ", "Delprojekt 3: ", "2 ", "3.1 ".
_HEADING_NUMBER_RE = re.compile(r"[ \t]*(?:[^\W\d_]+[ \t]+(?:nr\.?[ \t]*|#[ \t]*)?)?\d{1,3}(?:/\d{1,3})?[ \t]*[:.)–—-][ \t]+"
                                r"|[ \t]*\d{1,2}(?:\.\d{1,2})*\.?[ \t]+")


def at_line_start(text: str, pos: int) -> bool:
    """Only spaces, bullets or punctuation between the previous line break and ``pos``, or a
    heading's number ("Projekt 02 — ", "2 ", "3.1 "): a capital there opens a title, not a name."""
    line_begin = text.rfind("\n", 0, pos) + 1
    if _ALNUM_RE.search(text, line_begin, pos) is None:
        return True
    return pos - line_begin <= 24 and _HEADING_NUMBER_RE.fullmatch(text, line_begin, pos) is not None


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Common English words that are not common Swedish (``corpus/lexicon/english.txt``)."""
    path = corpus_path("lexicon/english.txt")
    if path is None:
        return frozenset()
    return frozenset(path.read_text(encoding="utf-8").split())


def english_line(text: str, pos: int, english: frozenset[str]) -> bool:
    """Is the line around ``pos`` English (most of its words on the English list)?

    Brochures mix in English titles and names of programmes; their ``for`` and ``an``
    are English words, not damaged ``för`` and ``än``.
    """
    begin = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    words = [w.lower() for w in _WORDS_RE.findall(text[begin : end if end >= 0 else len(text)]) if w.isalpha()]
    if len(words) < 3:
        return False
    return sum(w in english for w in words) >= 0.6 * len(words)
