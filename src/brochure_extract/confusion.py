"""What an English-only OCR model makes of Swedish letters, as weighted glyph substitutions.

The model is a table ``true letter -> {OCR glyphs: probability}``: ``ä`` mostly
becomes ``a`` but also ``d``, ``i``, ``ii``, ``4``, ``é``; ``ö`` becomes ``é``,
``o``, ``d``, ``6``; ``l`` sometimes ``I`` or ``|``. Substitutions may be one-to-one
or one-to-many (``å`` -> ``d&``), so an OCR token is scored against a candidate word
by a small dynamic programme, and the candidates themselves are found by
generating the diacritic-folded keys the token could stand for.

Default weights come from measurements of Tesseract's English model on Swedish
text (see ``corpus/README.md``); :meth:`ConfusionModel.from_pairs` re-estimates
them from aligned (OCR word, true word) pairs, which is what reference-guided
repair feeds back for the rest of a document.
"""
from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .lexicon import fold

#: Letters an English-only OCR model cannot emit, and their folded base letter.
DIACRITIC_FOLD: dict[str, str] = {"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "ç": "c"}

#: Default P(OCR glyphs | true letter) for the letters the OCR cannot produce, from the
#: measured damage (ä → a 83 %, d 4 %, i 4 %, ii 2.5 % ...; å → a 85 % ...; ö → é 52 %,
#: o 30 %, d 7 %, 6 6 % ...), plus the rarer two-glyph renderings seen in real scans
#: (``o6`` for ö: the ring and the dots read as a second glyph beside the base letter).
DEFAULT_TABLE: dict[str, dict[str, float]] = {
    "ä": {
        "a": 0.80, "d": 0.04, "i": 0.04, "ii": 0.025, "4": 0.008, "A": 0.01, "ai": 0.008,
        "é": 0.03, "e": 0.004, "da": 0.006, "di": 0.006, "ié": 0.003, "éi": 0.003, "éd": 0.002,
        "&": 0.004, "dd": 0.002, "@": 0.001,
    },
    "å": {
        "a": 0.83, "A": 0.03, "&": 0.024, "d": 0.02, "4": 0.02, "i": 0.02, "é": 0.03,
        "d&": 0.006, "é&": 0.006, "@": 0.004, "dé": 0.003, "e": 0.002,
    },
    "ö": {
        "é": 0.52, "o": 0.30, "d": 0.07, "6": 0.06, "dé": 0.01, "oé": 0.006, "o6": 0.008, "0": 0.004,
        "O": 0.004, "s": 0.001, "e": 0.002, "&": 0.003,
    },
    "Ä": {"A": 0.85, "4": 0.02, "a": 0.02},
    "Å": {"A": 0.85, "Ao": 0.01, "&": 0.02, "a": 0.02},
    "Ö": {"O": 0.85, "0": 0.03, "6": 0.03, "é": 0.02, "o": 0.02, "O6": 0.01},
    "é": {"é": 0.8, "e": 0.15},
    # Moçambique in our brochures' OCR: 'Mocambique' (also 'Mogambique', but a g read as ç would crowd
    # the search for every word with a g in it).
    "ç": {"c": 0.9},
    "Ç": {"C": 0.9},
    "l": {"I": 0.02, "|": 0.01, "1": 0.003},
    "i": {"I": 0.0005},
    "j": {"I": 0.0002},
}

#: Glyphs an OCR model may print for å/ä/ö beyond what the table has measured (the long
#: tail: ``ui``, ``ia``, ``4G``, ``8``): any run of one or two of them, at a low price.
BACKOFF_GLYPHS = "adeéiou0245689&@AOGS"
#: P(glyph run | å/ä/ö) for a rendering the table has not seen, and for the plain-letter
#: slips seen beside them (``j`` and ``l`` printed as ``i``).
BACKOFF_P = 2e-4
BACKOFF_PLAIN = {"j": {"i": 2e-3}, "l": {"i": 2e-3}}

#: Glyphs that stand for å/ä/ö and hardly ever for themselves inside a Swedish word.
_STRONG_STAND_INS = frozenset("&@é")


def _inside_word(s: str, i: int, k: int) -> bool:
    """Is the run ``s[i:i+k]`` part of a word (so a digit there is a misread letter, not a code like A4)?"""
    head, tail = s[:i], s[i + k :]
    if head[-1:].isalpha() and tail[:1].isalpha():
        return True
    return (not head and len(tail) >= 2 and tail[:2].isalpha()) or (not tail and len(head) >= 3 and head[-3:].isalpha())


#: Probability that a letter without an entry above comes through unchanged.
P_KEEP_PLAIN = 0.998


@dataclass(frozen=True)
class GlyphRule:
    """``true`` (one letter) was printed by the OCR as ``glyphs`` with ``logp``."""

    true: str
    glyphs: str
    logp: float


@dataclass
class ConfusionModel:
    """Weighted glyph substitutions with a document-level survival rate for å/ä/ö.

    ``survival`` is the probability that a true å/ä/ö comes out of the OCR intact:
    ~0 for English-model OCR (the whole document is folded), ~1 for clean text. The
    repair estimates it per document, so clean text is left alone.
    """

    table: dict[str, dict[str, float]] = field(default_factory=lambda: {k: dict(v) for k, v in DEFAULT_TABLE.items()})
    survival: float = 0.02

    # -- construction -------------------------------------------------------------
    @classmethod
    def default(cls) -> ConfusionModel:
        """The shipped model: learned weights if ``corpus/confusion.json`` exists, else the defaults."""
        return _default_model()

    @classmethod
    def from_json(cls, path: str | Path) -> ConfusionModel:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(table={k: dict(v) for k, v in data["table"].items()})

    def to_json(self) -> str:
        return json.dumps({"table": self.table}, ensure_ascii=False, indent=1, sort_keys=True)

    def widened(self) -> ConfusionModel:
        """This model plus every short run of :data:`BACKOFF_GLYPHS` as a rare rendering of
        å/ä/ö: for tokens no measured rendering explains (``fuirghantering`` -> färghantering).
        Much slower to search, so the repair asks it only about tokens it cannot read otherwise."""
        cached = self.__dict__.get("_widened")
        if cached is not None:
            return cached
        wide = {k: dict(v) for k, v in self.table.items()}
        runs = [a for a in BACKOFF_GLYPHS] + [a + b for a in BACKOFF_GLYPHS for b in BACKOFF_GLYPHS]
        for letter in ("å", "ä", "ö"):
            row = wide.setdefault(letter, {})
            for g in runs:
                row.setdefault(g, BACKOFF_P)
        for letter, extra in BACKOFF_PLAIN.items():
            row = wide.setdefault(letter, {})
            for g, p in extra.items():
                row[g] = max(row.get(g, 0.0), p)
        model = self.__dict__["_widened"] = ConfusionModel(table=wide, survival=self.survival)
        return model

    def with_survival(self, survival: float) -> ConfusionModel:
        """A copy for a document whose å/ä/ö survive at rate ``survival``."""
        return ConfusionModel(table=self.table, survival=min(max(survival, 0.0), 1.0))

    @classmethod
    def from_pairs(
        cls, pairs: Iterable[tuple[str, str] | tuple[str, str, int]], base: ConfusionModel | None = None,
        prior_weight: float = 1000.0, min_count: int = 2, min_prob: float = 0.001,
    ) -> ConfusionModel:
        """Re-estimate the table from aligned ``(ocr_word, true_word[, count])`` pairs.

        Each pair is aligned by a permissive dynamic programme in which a true
        å/ä/ö may have become any run of 0–3 glyphs (so new renderings such as
        ``ai`` or ``G`` are discovered, not just counted), then the glyph runs each
        true letter was printed as are counted and mixed with the base weights
        (``prior_weight`` pseudo-counts per letter). Renderings seen fewer than
        ``min_count`` times or below ``min_prob`` are dropped as noise.
        """
        base = base or cls.default()
        rules = base._rules_key()
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for item in pairs:
            ocr, true = item[0], item[1]
            n = int(item[2]) if len(item) > 2 else 1  # type: ignore[misc]
            if not ocr or not true or len(ocr) > 40 or len(true) > 40:
                continue
            path = _learning_path(rules, ocr, true)
            if path is None:
                continue
            for t, g in path:
                if t in base.table or t.lower() in DIACRITIC_FOLD:
                    counts[t][g] += n
        table: dict[str, dict[str, float]] = {}
        for letter in set(base.table) | set(counts):
            prior = base.table.get(letter, {})
            obs = counts.get(letter, Counter())
            total = sum(obs.values())
            # New renderings of plain letters need more evidence than those of å/ä/ö.
            need = min_count if letter.lower() in DIACRITIC_FOLD else 3 * min_count
            glyphs = set(prior) | {g for g, c in obs.items() if c >= need}
            mixed = {g: (prior_weight * prior.get(g, 0.0) + obs.get(g, 0)) / (prior_weight + total) for g in glyphs}
            keep = {
                g: round(p, 5)
                for g, p in mixed.items()
                if g and (p >= min_prob or g in prior) and (g != letter or letter in prior)
            }
            if keep:
                table[letter] = keep
        return cls(table=table, survival=base.survival)

    # -- scoring ------------------------------------------------------------------
    def log_likelihood(self, ocr: str, true: str) -> float | None:
        """log P(OCR printed ``ocr`` | the word was ``true``), or None if no known confusion explains it.

        Case of the OCR token is kept (``I`` for ``l`` differs from ``i``); ``true`` is
        compared case-insensitively for plain letters.
        """
        return _loglik(self._rules_key(), ocr, true.lower() if true.islower() else true)

    def plausible(self, ocr: str, true: str, min_logp: float = -14.0) -> bool:
        ll = self.log_likelihood(ocr, true)
        return ll is not None and ll >= min_logp

    def align(self, ocr: str, true: str) -> list[tuple[str, str]] | None:
        """The most likely (true letter, OCR glyphs) path, or None."""
        return _viterbi(self._rules_key(), ocr, true)

    def folded_keys(
        self, ocr: str, limit: int = 24, min_logp: float = -16.0, max_substitutions: int = 3
    ) -> list[tuple[str, float]]:
        """The diacritic-folded keys ``ocr`` could stand for, best first, with log prob.

        ``Malmé`` yields ``malmo`` (é read as ö) and ``malme``; ``pd&`` yields
        ``pa``. Lookup in the lexicon by these keys finds the candidate words.
        """
        return _folded_keys(self._rules_key(), ocr, limit, min_logp, max_substitutions)

    def restore_stand_ins(self, ocr: str, min_prob: float = 0.003) -> str | None:
        """Read the glyphs that are *only* stand-ins (``&``, ``@``, a digit inside a word,
        ``é``, and runs like ``d&``) as their likeliest å/ä/ö; keep every other letter.

        For words no lexicon knows (``Lévsj6`` -> ``Lövsjö``): the glyphs themselves
        say a diacritic was there. None when nothing in ``ocr`` is such a stand-in.
        """
        rules = self._rules_key()
        out: list[str] = []
        i, n, changed = 0, len(ocr), False
        while i < n:
            best: tuple[float, int, str] | None = None
            for k in range(min(rules.max_glyphs, n - i), 0, -1):
                g = ocr[i : i + k]
                if not any(c in _STRONG_STAND_INS or (c.isdigit() and _inside_word(ocr, i, k)) for c in g):
                    continue
                for letter, lp in rules.by_glyph.get(g, ()):
                    if letter.lower() in ("å", "ä", "ö") and lp >= math.log(min_prob):
                        if best is None or lp > best[0]:
                            best = (lp, k, letter)
            if best is None:
                out.append(ocr[i])
                i += 1
                continue
            _, k, letter = best
            upper = ocr[i].isupper() and (i == 0 or ocr[: i].isupper())
            out.append(letter.upper() if upper else letter.lower())
            changed = True
            i += k
        return "".join(out) if changed else None

    # -- internals ---------------------------------------------------------------
    def _rules_key(self) -> _Rules:
        """The compiled rules, built once per model (the table is not changed after construction)."""
        rules = self.__dict__.get("_compiled")
        if rules is None:
            items = tuple(sorted((t, tuple(sorted(g.items()))) for t, g in self.table.items()))
            rules = _compile(items, round(self.survival, 4))
            self.__dict__["_compiled"] = rules
        return rules


@dataclass(frozen=True)
class _Rules:
    """Compiled, hashable form of a model: reverse index from OCR glyph runs to true letters."""

    by_glyph: Mapping[str, tuple[tuple[str, float], ...]]  # glyphs -> ((true letter, logp), ...)
    keep: Mapping[str, float]  # letter -> log P(printed as itself)
    max_glyphs: int

    def __hash__(self) -> int:  # identity hash: instances are cached and shared
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other


@lru_cache(maxsize=32)
def _compile(table_items: tuple, survival: float) -> _Rules:
    table = {t: dict(g) for t, g in table_items}
    by_glyph: dict[str, list[tuple[str, float]]] = defaultdict(list)
    keep: dict[str, float] = {}
    for letter, glyphs in table.items():
        folded_letter = letter.lower() in DIACRITIC_FOLD and letter.lower() != "é"
        scale = (1.0 - survival) if folded_letter else 1.0
        total_sub = sum(p for g, p in glyphs.items() if g != letter)
        for g, p in glyphs.items():
            if g == letter:
                continue
            by_glyph[g].append((letter, math.log(max(p * scale, 1e-12))))
        if folded_letter:
            keep[letter] = math.log(max(survival, 1e-4))
        elif letter in glyphs:
            keep[letter] = math.log(max(glyphs[letter], 1e-6))
        else:
            keep[letter] = math.log(max(1.0 - total_sub, 0.5))
    frozen = {g: tuple(sorted(v, key=lambda x: -x[1])) for g, v in by_glyph.items()}
    return _Rules(frozen, keep, max((len(g) for g in frozen), default=1))


_LOG_KEEP_PLAIN = math.log(P_KEEP_PLAIN)


def _keep_logp(rules: _Rules, ch: str) -> float:
    lp = rules.keep.get(ch)
    if lp is None:
        lp = rules.keep.get(ch.lower(), _LOG_KEEP_PLAIN)
    return lp


def _same(o: str, t: str) -> bool:
    return o == t or o.lower() == t.lower()


@lru_cache(maxsize=20_000)
def _loglik(rules: _Rules, ocr: str, true: str) -> float | None:
    return _viterbi_dp(ocr, true, lambda i, t: _known_steps(rules, ocr, i, t), with_path=False)[0]


def _viterbi(rules: _Rules, ocr: str, true: str) -> list[tuple[str, str]] | None:
    return _viterbi_dp(ocr, true, lambda i, t: _known_steps(rules, ocr, i, t), with_path=True)[1]


def _known_steps(rules: _Rules, ocr: str, i: int, t: str) -> list[tuple[int, float]]:
    """Ways the true letter ``t`` can have been printed starting at ``ocr[i]``: (glyphs, log prob)."""
    steps: list[tuple[int, float]] = []
    n = len(ocr)
    if i < n and _same(ocr[i], t):
        steps.append((1, _keep_logp(rules, t)))
    for k in range(1, rules.max_glyphs + 1):
        if i + k > n:
            break
        for letter, lp in rules.by_glyph.get(ocr[i : i + k], ()):
            if letter == t or (letter.lower() == t.lower() and letter.lower() not in DIACRITIC_FOLD):
                steps.append((k, lp))
    return steps


_LOG_ANY_DIACRITIC = math.log(1e-4)
_LOG_ANY_OTHER = math.log(1e-7)


def _learning_path(rules: _Rules, ocr: str, true: str) -> list[tuple[str, str]] | None:
    """Viterbi path where unknown renderings are allowed at a low price (for learning)."""

    def steps(i: int, t: str) -> list[tuple[int, float]]:
        out: list[tuple[int, float]] = []
        diacritic = t.lower() in ("å", "ä", "ö")
        if i < len(ocr) and _same(ocr[i], t) and not diacritic:
            out.append((1, _keep_logp(rules, t)))
        for k in range(0 if diacritic else 1, 4 if diacritic else 3):
            if i + k > len(ocr):
                break
            g = ocr[i : i + k]
            known = [lp for letter, lp in rules.by_glyph.get(g, ()) if letter == t]
            if known:
                out.append((k, max(known)))
            elif g == t:
                out.append((k, _keep_logp(rules, t)))
            elif diacritic:
                out.append((k, _LOG_ANY_DIACRITIC - (1.5 if k == 0 else 0.0)))
            else:
                out.append((k, _LOG_ANY_OTHER))
        return out

    return _viterbi_dp(ocr, true, steps, with_path=True)[1]


def _viterbi_dp(
    ocr: str, true: str, steps: Callable[[int, str], list[tuple[int, float]]], with_path: bool
) -> tuple[float | None, list[tuple[str, str]] | None]:
    """Best alignment of ``true`` (letter by letter) to ``ocr`` (glyph runs) under ``steps``.

    Returns the log probability and, with ``with_path``, the (true letter, glyphs) path.
    """
    n, m = len(ocr), len(true)
    neg = -math.inf
    dp = [[neg] * (m + 1) for _ in range(n + 1)]
    back: dict[tuple[int, int], tuple[int, int]] = {}
    dp[0][0] = 0.0
    for i in range(n + 1):
        row = dp[i]
        for j in range(m):
            cur = row[j]
            if cur == neg:
                continue
            for k, lp in steps(i, true[j]):
                v = cur + lp
                if v > dp[i + k][j + 1]:
                    dp[i + k][j + 1] = v
                    if with_path:
                        back[(i + k, j + 1)] = (i, j)
    if dp[n][m] == neg:
        return None, None
    if not with_path:
        return dp[n][m], None
    path: list[tuple[str, str]] = []
    i, j = n, m
    while (i, j) != (0, 0):
        pi, pj = back[(i, j)]
        path.append((true[pj], ocr[pi:i]))
        i, j = pi, pj
    path.reverse()
    return dp[n][m], path


def _fold_char(ch: str) -> str:
    """A letter as the lexicon keys it (so generated keys always match lexicon keys)."""
    return fold(ch)


@lru_cache(maxsize=64)
def _fold_options(rules: _Rules) -> dict[str, tuple[tuple[str, float], ...]]:
    """For each glyph run: the folded letters it can stand for, with log prob, merged per fold."""
    out: dict[str, dict[str, float]] = defaultdict(dict)
    for glyphs, opts in rules.by_glyph.items():
        for letter, lp in opts:
            folded = _fold_char(letter)
            if lp > out[glyphs].get(folded, -math.inf):
                out[glyphs][folded] = lp
    return {g: tuple(sorted(d.items(), key=lambda kv: -kv[1])) for g, d in out.items()}


@lru_cache(maxsize=4096)
def _folded_keys(rules: _Rules, ocr: str, limit: int, min_logp: float, max_subs: int) -> list[tuple[str, float]]:
    """Beam search left to right; a state is (folded key so far, log prob, substitutions used)."""
    options = _fold_options(rules)
    maxg = rules.max_glyphs
    n = len(ocr)
    beams: list[dict[str, tuple[float, int]]] = [dict() for _ in range(n + 1)]
    beams[0][""] = (0.0, 0)
    for i in range(n):
        states = beams[i]
        if not states:
            continue
        if len(states) > limit:
            states = dict(sorted(states.items(), key=lambda kv: -kv[1][0])[:limit])
        ch = ocr[i]
        plain = _fold_char(ch) if (ch.isalpha() or ch.isdigit()) else None
        keep = _keep_logp(rules, ch) if plain is not None else 0.0
        subs = [(k, options[ocr[i : i + k]]) for k in range(1, maxg + 1) if i + k <= n and ocr[i : i + k] in options]
        nxt = beams[i + 1]
        for key, (lp, used) in states.items():
            if plain is not None:
                v = lp + keep
                kk = key + plain
                old = nxt.get(kk)
                if old is None or v > old[0]:
                    nxt[kk] = (v, used)
            if used >= max_subs:
                continue
            for k, opts in subs:
                slot = beams[i + k]
                for folded, glp in opts:
                    v = lp + glp
                    if v < min_logp:
                        break
                    kk = key + folded
                    old = slot.get(kk)
                    if old is None or v > old[0]:
                        slot[kk] = (v, used + 1)
    final = sorted(((k, v[0]) for k, v in beams[n].items()), key=lambda kv: -kv[1])
    return final[:limit]


@lru_cache(maxsize=1)
def _default_model() -> ConfusionModel:
    from .resources import corpus_path

    learned = corpus_path("confusion.json")
    if learned is not None and learned.is_file():
        try:
            return ConfusionModel.from_json(learned)
        except (OSError, ValueError, KeyError):
            pass
    return ConfusionModel()
