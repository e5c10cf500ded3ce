"""Swedish word lexicon: which forms exist, how frequent they are, and which
forms share a diacritic-free spelling.

Why: an English OCR model writes ``har`` for both *har* and *här*; the repair
engine folds a token with :func:`fold` and asks :meth:`Lexicon.candidates` for
every real word with that folded spelling, ranked by frequency.

The data (built by ``tools/build_lexicon.py`` from wordfreq and hunspell-sv) is
two files: ``groups.tsv.gz`` lists *complete* groups for every fold key that has
a form with å/ä/ö/é/ü..., and ``forms.bin`` holds all other forms as hashes.
"""
from __future__ import annotations

import bisect
import gzip
import hashlib
import os
import sys
import threading
from array import array
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Union

from .resources import corpus_dir

FORMAT_VERSION = 1
#: Zipf given to forms hunspell knows but wordfreq never saw.
HUNSPELL_FLOOR = 1.0

# Flag bits stored per form.
WORD = 1  # a standalone word (wordfreq or hunspell)
HUNSPELL = 2  # hunspell accepts it standalone (not just wordfreq noise)
PROPER = 4  # hunspell lists it capitalised (a name)
COMMON = 8  # hunspell lists it in lower case
C_FIRST = 16  # may begin a compound (hunspell COMPOUNDBEGIN, incl. joint forms "hållbarhets")
C_MIDDLE = 32  # may be a middle compound part
C_LAST = 64  # may end a compound (hunspell COMPOUNDEND, with its inflections)
FOREIGN = 128  # wordfreq-only form with letters outside a-z å ä ö é (web noise: "pá", "ár")

_FOLD = str.maketrans({
    "å": "a", "ä": "a", "à": "a", "á": "a", "â": "a",
    "ö": "o", "ø": "o", "ô": "o", "ó": "o", "ò": "o",
    "é": "e", "è": "e", "ê": "e", "ë": "e",
    "ü": "u",
    "ç": "c",  # Moçambique, Graça: printed 'Mocambique', 'Mogambique', 'Graga'
})

PathLike = Union[str, "os.PathLike[str]"]


def fold(word: str) -> str:
    """Lowercase and strip the diacritics an English OCR model cannot emit."""
    return word.lower().translate(_FOLD)


def form_hash(word: str) -> int:
    """Stable 48-bit hash of a lowercase form (same at build and run time)."""
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=6).digest(), "big")


def data_dir() -> Path:
    """The shipped ``lexicon`` directory, installed or in a source checkout."""
    return corpus_dir() / "lexicon"


class _FormTable:
    """Sorted 48-bit hashes bucketed by their top 16 bits; info word per hash."""

    def __init__(self, raw: bytes) -> None:
        if raw[:6] != b"BXLEX1":
            raise ValueError("forms.bin: not a brochure_extract lexicon table")
        n = int.from_bytes(raw[8:16], "little")
        pos = 16
        self.offsets = array("I")
        self.offsets.frombytes(raw[pos: pos + 65537 * 4])
        pos += 65537 * 4
        self.lows = array("I")
        self.lows.frombytes(raw[pos: pos + n * 4])
        pos += n * 4
        self.infos = array("H")
        self.infos.frombytes(raw[pos: pos + n * 2])
        if sys.byteorder != "little":
            for a in (self.offsets, self.lows, self.infos):
                a.byteswap()

    def __len__(self) -> int:
        return len(self.lows)

    def info(self, word: str) -> int:
        """Info word (zipf*20 << 8 | flags) of ``word``, 0 if absent."""
        h = form_hash(word)
        bucket, low = h >> 32, h & 0xFFFFFFFF
        lo, hi = self.offsets[bucket], self.offsets[bucket + 1]
        i = bisect.bisect_left(self.lows, low, lo, hi)
        if i < hi and self.lows[i] == low:
            return self.infos[i]
        return 0


class Lexicon:
    """Lookup of Swedish forms: membership, zipf frequency, fold-key groups."""

    _default: "Lexicon | None" = None
    _lock = threading.Lock()

    def __init__(self, lines: list[str], table: _FormTable, source: Path | None = None) -> None:
        self._lines = lines  # sorted "key\tform zipf flags\t..." lines
        self._table = table
        self._source = source
        self._group = lru_cache(maxsize=32768)(self._parse_group)
        self._record = lru_cache(maxsize=32768)(self._lookup)  # type: ignore[method-assign]

    @classmethod
    def default(cls) -> "Lexicon":
        """The shipped lexicon, loaded once per process."""
        with cls._lock:
            if cls._default is None:
                cls._default = cls.load(data_dir())
            return cls._default

    @classmethod
    def load(cls, directory: PathLike) -> "Lexicon":
        """Load the files ``tools/build_lexicon.py`` wrote into ``directory``."""
        directory = Path(directory)
        groups, forms = directory / "groups.tsv.gz", directory / "forms.bin"
        for path in (groups, forms):
            if not path.is_file():
                raise FileNotFoundError(f"{path}: lexicon data missing "
                                        "(build it with: python tools/build_lexicon.py)")
        with gzip.open(groups, "rt", encoding="utf-8") as fh:
            lines = fh.read().splitlines()
        return cls(lines, _FormTable(forms.read_bytes()), directory)

    def __reduce__(self) -> tuple:
        """Pickle as a reference (workers reload the files) instead of ~80 MB of data."""
        if self._source is None:
            raise TypeError("only a Lexicon loaded from a directory can be pickled")
        if self is Lexicon._default:
            return (Lexicon.default, ())
        return (Lexicon.load, (str(self._source),))

    # -- groups -----------------------------------------------------------------
    def _parse_group(self, key: str) -> tuple[tuple[str, float, int], ...]:
        probe = key + "\t"
        i = bisect.bisect_left(self._lines, probe)
        if i == len(self._lines) or not self._lines[i].startswith(probe):
            return ()
        return tuple(_parse_field(f) for f in self._lines[i].split("\t")[1:])

    def _lookup(self, word: str) -> tuple[float, int]:
        """(zipf, flags) of a lowercase form; (0.0, 0) if unknown. Cached per instance as ``_record``."""
        group = self._group(fold(word))
        if group:
            for form, z, f in group:
                if form == word:
                    return z, f
            return 0.0, 0
        info = self._table.info(word)
        return (info >> 8) / 20, info & 0xFF

    def iter_groups(self) -> Iterator[tuple[str, tuple[tuple[str, float, int], ...]]]:
        """Every (key, ((form, zipf, flags), ...)) diacritic group, in key order."""
        for line in self._lines:
            key, *fields = line.split("\t")
            yield key, tuple(_parse_field(f) for f in fields)

    def has_group(self, key: str) -> bool:
        """True if ``key`` has a form with a diacritic (its group is complete)."""
        return bool(self._group(key))

    def candidates(self, key: str, foreign: bool = False) -> tuple[tuple[str, float], ...]:
        """All standalone forms ``w`` with ``fold(w) == key``, best (highest zipf) first.

        Complete for keys that have a diacritic form; for other keys it is the
        key itself if it is a word, else empty.  Forms only wordfreq knows that
        use letters outside the Swedish alphabet (``pá``, ``âr``: foreign web
        noise) are left out unless ``foreign`` is true.
        """
        key = fold(key)
        group = self._group(key)
        if group:
            skip = 0 if foreign else FOREIGN
            return tuple((w, z) for w, z, f in group if f & WORD and not f & skip)
        z, f = self._record(key)
        return ((key, z),) if f & WORD else ()

    def joint_forms(self, key: str) -> tuple[str, ...]:
        """Forms with ``fold(w) == key`` that exist only inside compounds, before another part
        (hunspell's joint forms: ``gråskale`` in ``gråskalebild``, ``skol`` in ``skolgård``)."""
        key = fold(key)
        group = self._group(key)
        if group:
            return tuple(w for w, _z, f in group if f & (C_FIRST | C_MIDDLE) and not f & WORD)
        f = self._record(key)[1]
        return (key,) if f & (C_FIRST | C_MIDDLE) and not f & WORD else ()

    # -- single forms --------------------------------------------------------------
    def zipf(self, word: str) -> float:
        """Zipf frequency (0-8) of a form; 0.0 if unknown or compound-only."""
        z, f = self._record(word.lower())
        return z if f & WORD else 0.0

    def is_word(self, word: str) -> bool:
        """Case-insensitive: is this a standalone form (wordfreq or hunspell)?"""
        return bool(self._record(word.lower())[1] & WORD)

    def in_hunspell(self, word: str) -> bool:
        """Stricter than :meth:`is_word`: hunspell accepts it (filters English noise)."""
        return bool(self._record(word.lower())[1] & HUNSPELL)

    def is_proper(self, word: str) -> bool:
        """A name: hunspell lists it capitalised and never in lower case
        (``Stockholm``, ``Håkan``; not ``inga``/``om``, which are also common words)."""
        return self._record(word.lower())[1] & (PROPER | COMMON) == PROPER

    def has_proper_reading(self, word: str) -> bool:
        """Hunspell lists a capitalised form (it may also be a common word: ``Inga``)."""
        return bool(self._record(word.lower())[1] & PROPER)

    def is_common(self, word: str) -> bool:
        """Hunspell lists it in lower case."""
        return bool(self._record(word.lower())[1] & COMMON)

    def is_compound_first(self, word: str) -> bool:
        """May begin a compound: ``hållbarhets`` in ``hållbarhetsmål``."""
        return bool(self._record(word.lower())[1] & C_FIRST)

    def is_compound_part(self, word: str) -> bool:
        """May stand before another part of a compound (first or middle)."""
        return bool(self._record(word.lower())[1] & (C_FIRST | C_MIDDLE))

    def is_compound_middle(self, word: str) -> bool:
        return bool(self._record(word.lower())[1] & C_MIDDLE)

    def is_compound_last(self, word: str) -> bool:
        """May end a compound (hunspell COMPOUNDEND, any inflection)."""
        return bool(self._record(word.lower())[1] & C_LAST)

    def compound_parts(self, word: str, max_parts: int = 4, min_len: int = 2) -> list[str] | None:
        """Split ``word`` into hunspell compound parts (first [middle...] last), or None.

        Prefers the split with the fewest parts, then the longest first part.
        Lowercase parts are returned; the caller re-applies case.
        """
        w = word.lower()
        for n in range(2, max_parts + 1):
            parts = _split(self, w, 0, n, min_len, first=True)
            if parts:
                return parts
        return None


def _parse_field(field: str) -> tuple[str, float, int]:
    form, z, f = field.split(" ")
    return form, float(z), int(f)


def _split(lex: Lexicon, w: str, start: int, parts_left: int, min_len: int,
           first: bool) -> list[str] | None:
    """Depth-first split of ``w[start:]``; tries the longest head first."""
    if parts_left < 2:
        return None
    n = len(w)
    for cut in range(n - min_len, start + min_len - 1, -1):
        head, tail = w[start:cut], w[cut:]
        flag = C_FIRST if first else C_MIDDLE
        if not lex._record(head)[1] & flag:
            continue
        if lex._record(tail)[1] & C_LAST:
            return [head, tail]
        rest = _split(lex, w, cut, parts_left - 1, min_len, first=False)
        if rest:
            return [head, *rest]
    return None
