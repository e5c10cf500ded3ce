"""How Swedish a letter sequence looks: a letter-trigram model of word shapes.

A token no lexicon knows is either a real word or name to keep (``Tamale``,
``resultatorienterade``) or OCR damage (``hdllbar``, ``Gndrar``). Real words and names
follow Swedish spelling; damage breaks it (``hdl``, ``^gn``, ``jdb``), and the OCR's
stand-in glyphs (``&``, ``6``, ``é``) hardly occur at all. :meth:`CharModel.shape`
turns that into a number the repair can weigh against the candidates.

Data: ``corpus/lexicon/chars.tsv.gz``, built by ``tools/build_charmodel.py``.
"""
from __future__ import annotations

import gzip
import math
import threading
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from .resources import corpus_path

_B, _E = "^", "$"


class CharModel:
    """Interpolated letter-trigram probabilities over distinct Swedish word forms."""

    _default: CharModel | None = None
    _lock = threading.Lock()

    def __init__(self, trigrams: dict[str, int]) -> None:
        self.tri = trigrams
        self.bi: dict[str, int] = defaultdict(int)  # context (2 letters) -> total
        self.pair: dict[str, int] = defaultdict(int)  # last 2 letters of trigram -> count
        self.ctx1: dict[str, int] = defaultdict(int)
        self.uni: dict[str, int] = defaultdict(int)
        for t, n in trigrams.items():
            self.bi[t[:2]] += n
            self.pair[t[1:]] += n
            self.ctx1[t[1]] += n
            self.uni[t[2]] += n
        self.total = sum(self.uni.values()) or 1
        self.vocab = len(self.uni) + 1
        self.reference = self._typical()

    @classmethod
    def default(cls) -> CharModel | None:
        """The shipped model, or None when its data file is missing."""
        with cls._lock:
            if cls._default is None:
                path = corpus_path("lexicon/chars.tsv.gz")
                if path is None:
                    return None
                cls._default = cls.load(path)
            return cls._default

    @classmethod
    def load(cls, path: str | Path) -> CharModel:
        tri: dict[str, int] = {}
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                key, _, n = line.rstrip("\n").rpartition("\t")
                if len(key) == 3:
                    tri[key] = int(n)
        return cls(tri)

    def _prob(self, a: str, b: str, c: str) -> float:
        p1 = (self.uni.get(c, 0) + 0.5) / (self.total + 0.5 * self.vocab)
        n_b = self.ctx1.get(b, 0)
        p2 = (self.pair.get(b + c, 0) + 2.0 * p1) / (n_b + 2.0)
        n_ab = self.bi.get(a + b, 0)
        return (self.tri.get(a + b + c, 0) + 2.0 * p2) / (n_ab + 2.0)

    def mean_logprob(self, word: str) -> float:
        """Average natural-log probability per letter transition of ``word`` (lowercased)."""
        return _mean_logprob(self, word.lower())

    def shape(self, word: str) -> float:
        """``mean_logprob`` relative to a typical Swedish word: ~0 looks Swedish, very negative does not."""
        return self.mean_logprob(word) - self.reference

    def _typical(self) -> float:
        words = ["kommun", "samarbete", "internationella", "projektet", "utveckling", "partnerskap",
                 "verksamhet", "kunskaper", "metoder", "finansiering", "eleverna", "hållbarhet"]
        vals = sorted(_mean_logprob(self, w) for w in words)
        return vals[len(vals) // 2]

    def __hash__(self) -> int:
        return id(self)


@lru_cache(maxsize=50_000)
def _mean_logprob(model: CharModel, word: str) -> float:
    s = _B * 2 + word + _E
    total = 0.0
    for i in range(2, len(s)):
        total += math.log(model._prob(s[i - 2], s[i - 1], s[i]))
    return total / (len(s) - 2)
