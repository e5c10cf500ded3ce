"""Word alignment between OCR text and a reference text of the same document.

The reference (e.g. a PDF text layer) comes in another reading order: boxes are
moved, two columns may be interleaved line by line in the OCR, passages are
missing on either side and words are hyphenated at different line breaks. A
single monotone alignment (difflib, one DP) drops everything that moved, and a
full DP is quadratic, so we align like a read mapper:

1. every word gets a *skeleton* key that survives the OCR's diacritic damage
   (``Malmé`` and ``Malmö`` both become ``mlm``);
2. word n-grams whose skeleton is unique on both sides are seeds;
3. each seed is extended in both directions while the words stay similar,
   skipping a few interjected words (the other column of an interleaved line);
   runs may come in any order, so moved blocks are found;
4. passes repeat over the words still unpaired, compacted, so what was
   interleaved with an aligned column becomes contiguous;
5. short gaps left between aligned words are filled by a small weighted-LCS DP.

Line-break hyphenation (``inter-\\nnationella``) is handled by treating the two
halves as one :class:`Word` on either side.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex
from rapidfuzz.distance import Levenshtein

from .tokens import WORD_RE

__all__ = ["Word", "Pair", "Alignment", "words", "fold", "skeleton", "similarity", "align", "align_words"]

#: A hyphen at a line end followed by the continuation of the word on the next line.
_HYPHEN_BREAK = regex.compile(r"-[ \t]*\r?\n[ \t]*\Z")

#: Similarity at or above which two words are considered the same word (damaged or not).
MATCH = 0.6
#: Stricter threshold used to confirm a skip during extension.
CONFIRM = 0.74
#: Least similarity for pairing differing words sandwiched between agreeing ones (a single
#: word between agreeing neighbours is always paired: an edited or garbled word).
SUBSTITUTE = 0.4
#: How many words an extension may jump over (interjected column text, dropped words).
MAX_SKIP_OCR = 8
MAX_SKIP_REF = 4
#: Most copies of a repeated passage that are paired in order (see ``_seeds``).
MAX_REPEAT = 16
#: Fewest words in a run grown from a seed (a lone long word that folds equal also counts).
MIN_RUN = 3
#: Share of a gap's OCR words that its DP must pair for the pairs to be kept.
GAP_DENSITY = 0.4
#: Texts with at most this many word x word cells are first aligned by one DP.
SMALL = 400
#: Largest gap (words x words) filled by DP after the seed passes.
MAX_GAP_CELLS = 4000


@dataclass(frozen=True, slots=True)
class Word:
    """One alignment unit: a token, or two tokens joined across a hyphenated line break."""

    text: str  # the joined letters, e.g. "behsver" for "behs-\\nver"
    tok_start: int  # token index range [tok_start, tok_end) in WORD_RE tokens
    tok_end: int
    spans: tuple[tuple[int, int], ...]  # character span of each part in the source text

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]


@dataclass(frozen=True, slots=True)
class Pair:
    """OCR word ``ocr`` aligned to reference word ``ref`` (indices into the word lists)."""

    ocr: int
    ref: int
    similarity: float


@dataclass
class Alignment:
    """The result of :func:`align`: both word lists and the 1:1 pairs, sorted by OCR position."""

    ocr_words: list[Word]
    ref_words: list[Word]
    pairs: list[Pair]

    def token_pairs(self) -> list[tuple[tuple[int, int], tuple[int, int], float]]:
        """Pairs as ((ocr token span), (ref token span), similarity), token indices half-open."""
        return [
            (
                (self.ocr_words[p.ocr].tok_start, self.ocr_words[p.ocr].tok_end),
                (self.ref_words[p.ref].tok_start, self.ref_words[p.ref].tok_end),
                p.similarity,
            )
            for p in self.pairs
        ]

    def coverage(self, min_run: int = 3) -> float:
        """Share of the shorter side covered by pairs that sit in runs of >= ``min_run``.

        Runs are consecutive OCR words whose reference words are consecutive too. A
        reference from another document only yields scattered single-word pairs, so
        this stays near 0 for it and near 1 for the same document (even a partial one).
        """
        denom = min(len(self.ocr_words), len(self.ref_words))
        if not denom or not self.pairs:
            return 0.0
        min_run = min(min_run, denom)
        covered = 0
        run = 1
        for a, b in zip(self.pairs, self.pairs[1:]):
            if b.ocr == a.ocr + 1 and b.ref == a.ref + 1:
                run += 1
            else:
                covered += run if run >= min_run else 0
                run = 1
        covered += run if run >= min_run else 0
        return covered / denom


def words(text: str) -> list[Word]:
    """WORD_RE tokens of ``text``, with a word hyphenated across a line break joined into one."""
    toks = [(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]
    out: list[Word] = []
    k = 0
    while k < len(toks):
        s, e, t = toks[k]
        if k + 1 < len(toks):
            s2, e2, t2 = toks[k + 1]
            between = text[e:s2]
            if (
                len(between) < 16
                and _HYPHEN_BREAK.search(between) is not None
                and between.startswith("-")
                and t[-1:].isalpha()
                and (t2[:1].islower() or t2[:1] in "&@|" or (t[-1].isupper() and t2.isupper()))
            ):
                out.append(Word(t + t2, k, k + 2, ((s, e), (s2, e2))))
                k += 2
                continue
        out.append(Word(t, k, k + 1, ((s, e),)))
        k += 1
    return out


# --------------------------------------------------------------------------- keys

_FOLD_MAP = str.maketrans({"&": "a", "@": "a", "4": "a", "0": "o", "6": "o", "|": "l", "1": "l", "i": "l", "j": "l"})
_SKEL_DROP = str.maketrans("", "", "aeodl")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower-case, strip diacritics and map OCR stand-ins, so ``I&ng`` and ``lång`` both give ``lang``.

    ``i``/``j``/``l`` share one class because the OCR prints ``l`` as ``I`` and ``i``.
    """
    s = unicodedata.normalize("NFD", word.lower())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.translate(_FOLD_MAP)


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """The folded word without the letters å/ä/ö are misread as (a, e, o, d) or l-class letters.

    Coarse on purpose: ``Malmé``, ``Malmdé`` and ``Malmö`` all give ``mlm``; n-grams of
    skeletons are what the seeds are made of.
    """
    return fold(word).translate(_SKEL_DROP)


@lru_cache(maxsize=262144)
def similarity(ocr: str, ref: str) -> float:
    """Confusion-aware word similarity in [0, 1]: 1 for identical, >= 0.75 for equal skeletons."""
    if ocr == ref:
        return 1.0
    fo, fr = fold(ocr), fold(ref)
    if fo == fr:
        return 0.95
    s = Levenshtein.normalized_similarity(fo, fr)
    if skeleton(ocr) == skeleton(ref):
        s = max(s, 0.75)
    return s


# --------------------------------------------------------------------------- alignment


def align(ocr: str, reference: str) -> Alignment:
    """Align the words of ``ocr`` to the words of ``reference`` (see module docstring)."""
    ow, rw = words(ocr), words(reference)
    pairs = align_words([w.text for w in ow], [w.text for w in rw])
    # A compound hyphenated at a line end ("Miljö-\noch") was joined like a broken word;
    # if a joined word found no partner, split it and align once more.
    po, pr = {p.ocr for p in pairs}, {p.ref for p in pairs}
    ow2, onew = _split_unpaired(ow, po)
    rw2, rnew = _split_unpaired(rw, pr)
    if len(ow2) != len(ow) or len(rw2) != len(rw):
        kept = [Pair(onew[p.ocr], rnew[p.ref], p.similarity) for p in pairs]
        ow, rw = ow2, rw2
        pairs = align_words([w.text for w in ow], [w.text for w in rw], fixed=kept)
    return Alignment(ow, rw, pairs)


def _split_unpaired(ws: list[Word], paired: set[int]) -> tuple[list[Word], list[int]]:
    """Split joined words that found no partner; also return old index -> new index."""
    out: list[Word] = []
    new_index: list[int] = []
    for k, w in enumerate(ws):
        new_index.append(len(out))
        if len(w.spans) == 1 or k in paired:
            out.append(w)
            continue
        cut = w.spans[0][1] - w.spans[0][0]
        out.append(Word(w.text[:cut], w.tok_start, w.tok_start + 1, w.spans[:1]))
        out.append(Word(w.text[cut:], w.tok_start + 1, w.tok_end, w.spans[1:]))
    return out, new_index


def align_words(
    ocr: Sequence[str], ref: Sequence[str], passes: int = 4, fixed: Sequence[Pair] = ()
) -> list[Pair]:
    """1:1 pairs between two word sequences, tolerant of reordering; about linear time.

    ``fixed`` pairs are kept as they are; only the remaining words are aligned.
    """
    al = _Aligner(ocr, ref)
    for p in fixed:
        al._link(p.ocr, p.ref, p.similarity)
    return al.run(passes)


class _Aligner:
    def __init__(self, ocr: Sequence[str], ref: Sequence[str]) -> None:
        self.o = list(ocr)
        self.r = list(ref)
        self.os = [skeleton(w) for w in self.o]
        self.rs = [skeleton(w) for w in self.r]
        self.o2r = [-1] * len(self.o)
        self.r2o = [-1] * len(self.r)
        self.sim = [0.0] * len(self.o)

    # -- helpers
    def _s(self, i: int, j: int) -> float:
        return similarity(self.o[i], self.r[j])

    def _link(self, i: int, j: int, s: float) -> None:
        self.o2r[i], self.r2o[j], self.sim[i] = j, i, s

    def run(self, passes: int) -> list[Pair]:
        if len(self.o) * len(self.r) <= SMALL and not any(j >= 0 for j in self.o2r):
            # a few words on each side: too short for n-gram seeds, small enough for one DP
            self._lcs(list(range(len(self.o))), list(range(len(self.r))))
        for _ in range(max(1, passes)):
            ox = [i for i, j in enumerate(self.o2r) if j < 0]
            rx = [j for j, i in enumerate(self.r2o) if i < 0]
            if not ox or not rx or not self._pass(ox, rx):
                break
        self._fill_gaps()
        self._drop_strays()
        return [Pair(i, j, self.sim[i]) for i, j in enumerate(self.o2r) if j >= 0]

    # -- seeds and extension (in the compacted index space of one pass)
    def _seeds(self, ox: list[int], rx: list[int]) -> list[tuple[int, int]]:
        seeds: list[tuple[int, int]] = []
        taken: set[int] = set()
        for k in (1, 2, 3):
            og = self._grams(ox, self.os, k)
            rg = self._grams(rx, self.rs, k)
            oc = Counter(og)
            rc = Counter(rg)
            rpos = {g: q for q, g in enumerate(rg) if rc[g] == 1}
            for p, g in enumerate(og):
                if oc[g] != 1 or p in taken:
                    continue
                q = rpos.get(g)
                if q is None or sum(len(x) for x in g) < (4 if k == 1 else 3):
                    continue
                if all(self._s(ox[p + t], rx[q + t]) >= MATCH for t in range(k)):
                    seeds.append((p, q))
                    taken.add(p)
        # Repeated passages (boilerplate, a document that repeats itself) have no unique
        # n-gram: pair the occurrences of an n-gram seen equally often on both sides in
        # order. If that mixes up two copies, both copies say the same thing anyway.
        k = 4
        og, rg = self._grams(ox, self.os, k), self._grams(rx, self.rs, k)
        oc, rc = Counter(og), Counter(rg)
        rocc: dict[tuple[str, ...], list[int]] = {}
        for q, g in enumerate(rg):
            if 1 < rc[g] <= MAX_REPEAT and oc[g] == rc[g]:
                rocc.setdefault(g, []).append(q)
        seen: Counter[tuple[str, ...]] = Counter()
        for p, g in enumerate(og):
            qs = rocc.get(g)
            if qs is None or sum(len(x) for x in g) < 6:
                continue
            q = qs[seen[g]]
            seen[g] += 1
            if p not in taken and all(self._s(ox[p + t], rx[q + t]) >= MATCH for t in range(k)):
                seeds.append((p, q))
                taken.add(p)
        return seeds

    @staticmethod
    def _grams(idx: list[int], keys: list[str], k: int) -> list[tuple[str, ...]]:
        ks = [keys[i] for i in idx]
        return list(zip(*(ks[t:] for t in range(k))))

    def _pass(self, ox: list[int], rx: list[int]) -> bool:
        added = False
        for p, q in self._seeds(ox, rx):
            i, j = ox[p], rx[q]
            if self.o2r[i] >= 0 or self.r2o[j] >= 0:
                continue
            run = [(p, q, self._s(i, j))]
            run += self._extend(ox, rx, p, q, 1)
            run = self._extend(ox, rx, p, q, -1)[::-1] + run
            strong = fold(self.o[i]) == fold(self.r[j]) and len(self.os[i]) >= 5
            if len(run) < MIN_RUN and not strong:
                continue
            for pp, qq, s in run:
                self._link(ox[pp], rx[qq], s)
            added = True
        return added

    def _free(self, ox: list[int], rx: list[int], p: int, q: int) -> bool:
        return (
            0 <= p < len(ox) and 0 <= q < len(rx) and self.o2r[ox[p]] < 0 and self.r2o[rx[q]] < 0
        )

    def _ok(self, ox: list[int], rx: list[int], p: int, q: int, thr: float) -> bool:
        return self._free(ox, rx, p, q) and self._s(ox[p], rx[q]) >= thr

    def _extend(self, ox: list[int], rx: list[int], p: int, q: int, d: int) -> list[tuple[int, int, float]]:
        """Walk from seed (p, q) in direction d; returns the pairs found (seed excluded)."""
        out: list[tuple[int, int, float]] = []
        used_o: set[int] = {p}
        used_r: set[int] = {q}

        def ok(a: int, b: int, thr: float) -> bool:
            return a not in used_o and b not in used_r and self._ok(ox, rx, a, b, thr)

        while True:
            a, b = p + d, q + d
            if ok(a, b, MATCH):
                out.append((a, b, self._s(ox[a], rx[b])))
                used_o.add(a)
                used_r.add(b)
                p, q = a, b
                continue
            step = self._recover(ok, p, q, d)
            if step is None:
                return out
            so, sr = step
            if so == sr:
                # words differ but their neighbours agree: garbled or edited words, 1:1
                for t in range(1, so):
                    a, b = p + d * t, q + d * t
                    if self._free(ox, rx, a, b) and (so == 2 or self._s(ox[a], rx[b]) >= SUBSTITUTE):
                        out.append((a, b, self._s(ox[a], rx[b])))
                        used_o.add(a)
                        used_r.add(b)
            p, q = p + d * (so - 1), q + d * (sr - 1)

    @staticmethod
    def _recover(ok, p: int, q: int, d: int) -> tuple[int, int] | None:  # type: ignore[no-untyped-def]
        """Nearest (so, sr) such that pairs (p+d*so, q+d*sr) and the next ones agree firmly.

        ``so - 1`` OCR words and ``sr - 1`` reference words are jumped over; the more
        are skipped, the more agreeing pairs are required after the jump.
        """
        for skipped in range(1, MAX_SKIP_OCR + MAX_SKIP_REF + 1):
            need = 2 if skipped <= 2 else 3
            for so in range(1, skipped + 2):
                sr = skipped + 2 - so
                if so - 1 > MAX_SKIP_OCR or sr - 1 > MAX_SKIP_REF or sr < 1:
                    continue
                a, b = p + d * so, q + d * sr
                if all(ok(a + d * t, b + d * t, CONFIRM) for t in range(need)):
                    return so, sr
        return None

    def _drop_strays(self) -> None:
        """Unpair lone words amid unpaired ones: a long word that happens to occur once in a
        passage only the OCR has and once in a passage only the reference has."""
        n = len(self.o)
        if n * len(self.r) <= SMALL:
            return  # nothing to be a stray among
        for i in range(n):
            j = self.o2r[i]
            if j < 0:
                continue
            if any(0 <= i + d < n and self.o2r[i + d] >= 0 for d in (-1, 1)):
                continue
            self.o2r[i], self.r2o[j], self.sim[i] = -1, -1, 0.0

    # -- gap filling in the original index space
    def _fill_gaps(self) -> None:
        """Pair the words of each OCR gap with free reference words next to a nearby pair.

        The anchors are the closest pairs on either side, not only the adjacent ones: in
        an interleaved line the word before the gap may belong to the other column.
        """
        n = len(self.o)
        i = 0
        while i < n:
            if self.o2r[i] >= 0:
                i += 1
                continue
            a = i
            while i < n and self.o2r[i] < 0:
                i += 1
            b = i  # OCR gap [a, b)
            anchors = [k for k in range(a - 1, max(-1, a - 1 - MAX_SKIP_OCR), -1) if self.o2r[k] >= 0][:3]
            anchors += [k for k in range(b, min(n, b + MAX_SKIP_OCR)) if self.o2r[k] >= 0][:3]
            for anchor in anchors:
                gap = [k for k in range(a, b) if self.o2r[k] < 0]
                if not gap:
                    break
                step = 1 if anchor < a else -1
                win: list[int] = []
                j = self.o2r[anchor] + step
                while 0 <= j < len(self.r) and self.r2o[j] < 0 and len(win) < len(gap) + 8:
                    win.append(j)
                    j += step
                if step < 0:
                    win.reverse()
                if win and len(gap) * len(win) <= MAX_GAP_CELLS:
                    self._lcs(gap, win)

    def _lcs(self, gi: list[int], gj: list[int]) -> None:
        """Weighted LCS: pair words with similarity >= CONFIRM, monotone, maximising total excess.

        Stricter than extension (MATCH): a gap has no neighbouring agreement to vouch for it.
        """
        n, m = len(gi), len(gj)
        score = [[0.0] * (m + 1) for _ in range(n + 1)]
        for x in range(n - 1, -1, -1):
            row, nxt = score[x], score[x + 1]
            for y in range(m - 1, -1, -1):
                best = nxt[y] if nxt[y] > row[y + 1] else row[y + 1]
                s = self._s(gi[x], gj[y])
                if s >= CONFIRM and nxt[y + 1] + s - 0.5 > best:
                    best = nxt[y + 1] + s - 0.5
                row[y] = best
        found: list[tuple[int, int, float]] = []
        x = y = 0
        while x < n and y < m:
            s = self._s(gi[x], gj[y])
            if s >= CONFIRM and abs(score[x][y] - (score[x + 1][y + 1] + s - 0.5)) < 1e-9:
                found.append((gi[x], gj[y], s))
                x += 1
                y += 1
            elif score[x][y] == score[x + 1][y]:
                x += 1
            else:
                y += 1
        # a passage only one side has still shares "och", "att" ... with its neighbour:
        # keep the gap's pairs only if they cover a good part of it
        if len(found) >= GAP_DENSITY * min(n, m):
            for i, j, s in found:
                self._link(i, j, s)
