"""Word-bigram context model for choosing among forms that share a fold key.

Why: ``har``/``här``, ``vara``/``våra``, ``satt``/``sätt`` are all real words, so
only the neighbours can tell which one the OCR lost.  The model scores
``log P(word | left) + log P(right | word)`` with Witten-Bell smoothing that
backs off to the lexicon's unigram frequency (wordfreq zipf), so an unseen
context degrades gracefully to "pick the more frequent form".

The data (``corpus/context/``, built by ``tools/build_context.py``) keeps only
bigrams that touch an *ambiguous* form plus per-word counts for smoothing.
"""
from __future__ import annotations

import gzip
import json
import math
import threading
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable

from .lexicon import Lexicon, PathLike

FORMAT_VERSION = 1
#: Sentence boundary markers used in the counts; pass them as left/right.
BOS, EOS = "<s>", "</s>"
#: Unigram probability floor for words the lexicon does not know.
_FLOOR = 1e-9


def data_dir() -> Path:
    """The shipped ``context`` directory, installed or in a source checkout."""
    try:
        path = Path(str(resources.files("brochure_extract.corpus") / "context"))
        if (path / "bigrams.tsv.gz").exists():
            return path
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent.parent / "corpus" / "context"


def _read_rows(path: Path) -> list[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [line.split("\t") for line in fh.read().splitlines() if line]


class ContextModel:
    """Smoothed bigram scores over lowercase forms."""

    _default: "ContextModel | None" = None
    _lock = threading.Lock()

    def __init__(self, bigrams: dict[tuple[str, str], int],
                 unigrams: dict[str, tuple[int, int, int]],
                 unigram_prob: Callable[[str], float]) -> None:
        self._bi = bigrams
        self._uni = unigrams  # word -> (count, distinct followers, distinct predecessors)
        self._pu = lru_cache(maxsize=131072)(unigram_prob)

    @classmethod
    def default(cls) -> "ContextModel":
        """The shipped model (with the shipped lexicon as unigram prior), loaded once."""
        with cls._lock:
            if cls._default is None:
                cls._default = cls.load(data_dir(), Lexicon.default())
            return cls._default

    @classmethod
    def load(cls, directory: PathLike, lexicon: Lexicon | None = None) -> "ContextModel":
        directory = Path(directory)
        meta = json.loads((directory / "context.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT_VERSION:
            raise ValueError(f"{directory}: context format {meta.get('format')} != {FORMAT_VERSION}")
        bigrams = {(a, b): int(c) for a, b, c in _read_rows(directory / "bigrams.tsv.gz")}
        unigrams = {w: (int(c), int(f), int(p))
                    for w, c, f, p in _read_rows(directory / "unigrams.tsv.gz")}
        total = max(1, int(meta["tokens"]))
        lex = lexicon or Lexicon.default()

        def unigram_prob(word: str) -> float:
            z = lex.zipf(word)
            if z > 0:
                return 10.0 ** (z - 9.0)
            if word in unigrams:
                return unigrams[word][0] / total
            return _FLOOR

        return cls(bigrams, unigrams, unigram_prob)

    def count(self, left: str, right: str) -> int:
        """Raw bigram count (0 if not stored)."""
        return self._bi.get((left, right), 0)

    def cond_prob(self, word: str, given: str) -> float:
        """Witten-Bell P(word | given) backed off to the unigram prior."""
        pu = self._pu(word)
        stats = self._uni.get(given)
        if not stats or not stats[1]:
            return pu
        count, types, _ = stats
        return (self._bi.get((given, word), 0) + types * pu) / (count + types)

    def logprob(self, left: str | None, word: str, right: str | None) -> float:
        """log P(word | left) + log P(right | word); a None side contributes
        log P(word) (left) or nothing (right).  Inputs are lowercased."""
        word = word.lower()
        if left is None:
            lp = math.log(self._pu(word))
        else:
            lp = math.log(self.cond_prob(word, left.lower() if left not in (BOS, EOS) else left))
        if right is not None:
            r = right.lower() if right not in (BOS, EOS) else right
            lp += math.log(self.cond_prob(r, word))
        return lp

    def best(self, left: str | None, forms: list[str] | tuple[str, ...],
             right: str | None) -> str:
        """The form with the highest :meth:`logprob` (first wins ties)."""
        return max(forms, key=lambda w: self.logprob(left, w, right))
