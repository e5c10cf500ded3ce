"""Repair OCR text with a reference text of the same document (e.g. the PDF's text layer).

The reference gives the true spelling, but not the layout: it is in another
reading order and may be another edition. So we align words (:mod:`.align`),
keep the OCR's order and line breaks, and change a word only when the OCR word
is a plausible *misreading* of the reference word (``Malmé`` of ``Malmö``), never
when the reference simply says something else: that is reported as a
:class:`~brochure_extract.edits.Disagreement`. OCR passages the reference does
not cover go to a ``fallback`` repair (the lexicon repair), and a reference that
belongs to another document is not used at all.
"""
from __future__ import annotations

import bisect
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from rapidfuzz.distance import Levenshtein

from .align import Alignment, Word, align
from .edits import Disagreement, Edit, RepairResult, apply_edits
from .tokens import WORD_RE

__all__ = [
    "plausible",
    "repair_with_reference",
    "analyse_with_reference",
    "learn_pairs",
    "ReferenceRepair",
    "MIN_COVERAGE",
]

#: Below this share of words in aligned runs, the reference is taken to be another document.
MIN_COVERAGE = 0.2


class _Confusion(Protocol):
    def log_likelihood(self, ocr: str, true: str) -> float | None: ...


Fallback = Callable[[str], RepairResult]

# --------------------------------------------------------------------------- glyph table
# Why not the confusion model's weights: with a reference the true word is known, so the
# only question is whether the OCR *could* have printed it this way (a yes/no with a small
# cost), not which word is likeliest. A permissive class table answers that, and it keeps
# reference repair exact on renderings the weighted model has not learned yet.

#: true letter -> OCR glyphs it may be printed as (single glyphs and listed two-glyph runs).
_SOURCES: dict[str, tuple[str, ...]] = {
    "ä": ("a", "A", "d", "i", "ii", "4", "&", "@", "e", "é", "dd", "ai"),
    "å": ("a", "A", "&", "@", "d", "4", "i", "é", "e", "ao", "Ao"),
    "ö": ("é", "o", "O", "d", "6", "0", "dé", "e", "s"),
    "l": ("I", "|", "1", "i"),
    "i": ("I",),
    "j": ("I",),
    "e": ("é",),
}
#: Cost (negative log weight) of each kind of substitution; identity costs 0.
_COST_DROPPED = 0.05  # a->ä/å, o->ö: the diacritic simply dropped
_COST_GLYPH = 0.12  # any other single-glyph stand-in
_COST_TWO = 0.25  # two glyphs for one letter (dd, dé, d&, ié ...)
_COST_CASE = 0.2  # I for i/j: a case-looking confusion


def _build_rules() -> tuple[dict[str, dict[str, float]], dict[str, set[str]]]:
    rules: dict[str, dict[str, float]] = {}
    singles: dict[str, set[str]] = {}

    def add(glyphs: str, true: str, cost: float) -> None:
        slot = rules.setdefault(glyphs, {})
        slot[true] = min(cost, slot.get(true, math.inf))

    for true, glyphs in _SOURCES.items():
        variants = [(true, glyphs)]
        if true in "äåö":  # capitals: the same glyphs in upper case (symbols unchanged), Ao for Å
            caps = {g.upper() for g in glyphs} | {g[0].upper() + g[1:] for g in glyphs if len(g) > 1}
            variants.append((true.upper(), tuple(sorted(caps))))
        elif true in "lij":
            variants.append((true.upper(), glyphs))  # I for L and J (IB -> JB)
        for t, gs in variants:
            for g in gs:
                if len(g) == 1:
                    singles.setdefault(t, set()).add(g)
                if g in ("a", "A", "o", "O") and t.lower() in "äåö":
                    cost = _COST_DROPPED
                elif len(g) > 1:
                    cost = _COST_TWO
                elif t.lower() in "ij":
                    cost = _COST_CASE
                else:
                    cost = _COST_GLYPH
                add(g, t, cost)
    # any two single stand-ins of a diacritic letter may print it together (Sjiéholm, kartlédggning)
    for t, ss in singles.items():
        if t.lower() in "äåö":
            for g1 in ss:
                for g2 in ss:
                    add(g1 + g2, t, _COST_TWO)
    return rules, singles


_RULES, _ = _build_rules()


def plausible(ocr_tok: str, ref_tok: str) -> float:
    """How plausible it is that the OCR printed ``ref_tok`` as ``ocr_tok``: 0 = impossible, 1 = identical.

    The two must be equal after mapping every OCR glyph (or glyph pair) to a letter
    it can stand for in English-model OCR of Swedish (the module's glyph table);
    case is kept except where the table says so (``I`` for ``l``). Returns
    ``exp(-cost)`` of the cheapest mapping, found by a small DP over both strings.
    """
    return _plausible(ocr_tok, ref_tok, False)


#: Glyphs any å/ä/ö may come out as when the context vouches for the pair (document learning).
_GENEROUS = frozenset("adie&@6o04AOsé")
_COST_GENEROUS = 0.7


@lru_cache(maxsize=131072)
def _plausible(ocr_tok: str, ref_tok: str, generous: bool) -> float:
    if ocr_tok == ref_tok:
        return 1.0
    n, m = len(ocr_tok), len(ref_tok)
    if not n or not m or m > n + 1 or n > 2 * m + 1:
        return 0.0
    inf = math.inf
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n + 1):
        row = best[i]
        for j in range(m):
            c = row[j]
            if c == inf:
                continue
            t = ref_tok[j]
            if i < n and ocr_tok[i] == t and c < best[i + 1][j + 1]:
                best[i + 1][j + 1] = c
            for k in (1, 2):
                if i + k > n:
                    break
                g = ocr_tok[i : i + k]
                cost = _RULES.get(g, {}).get(t)
                if cost is None and generous and t in "åäöÅÄÖ" and all(x in _GENEROUS for x in g):
                    cost = _COST_GENEROUS
                if cost is not None and c + cost < best[i + k][j + 1]:
                    best[i + k][j + 1] = c + cost
    total = best[n][m]
    return 0.0 if total == inf else math.exp(-total)


def _score(ocr_tok: str, ref_tok: str, confusion: _Confusion | None, vouched: bool = False) -> float:
    """Plausibility in [0, 1]: the lead's ConfusionModel when given, else the glyph table.

    Without a model, ``vouched`` pairs (aligned inside a run of agreeing neighbours) may
    also use any 1-2 glyph rendering of å/ä/ö (``&ver`` for ``över``), at a lower score:
    the document teaches confusions the table does not know.
    """
    if ocr_tok == ref_tok:
        return 1.0
    if confusion is None:
        score = _plausible(ocr_tok, ref_tok, False)
        return _plausible(ocr_tok, ref_tok, True) if score <= 0.0 and vouched else score
    # A model has the last word (it learns new renderings itself, from learn_pairs()).
    ll = confusion.log_likelihood(ocr_tok, ref_tok)
    # per-letter geometric mean of the likelihood, so long words are not penalised
    return 0.0 if ll is None else max(0.05, min(1.0, math.exp(ll / max(1, len(ref_tok)) * 4)))


# --------------------------------------------------------------------------- repair


@dataclass
class ReferenceRepair:
    """Everything :func:`analyse_with_reference` found: the repair, the pairs it learned, the alignment."""

    result: RepairResult
    #: (OCR word, reference word, count) for every aligned word the OCR can have printed
    #: that way, identical ones included: ``ConfusionModel.from_pairs`` takes this list.
    pairs: list[tuple[str, str, int]] = field(default_factory=list)
    alignment: Alignment | None = None
    coverage: float = 0.0


def repair_with_reference(
    ocr: str,
    reference: str,
    *,
    confusion: _Confusion | None = None,
    fallback: Fallback | None = None,
) -> RepairResult:
    """Repair ``ocr`` using ``reference``; see :func:`analyse_with_reference`."""
    return analyse_with_reference(ocr, reference, confusion=confusion, fallback=fallback).result


def learn_pairs(ocr: str, reference: str, *, confusion: _Confusion | None = None) -> list[tuple[str, str, int]]:
    """The document's (OCR word, true word, count) pairs, to re-estimate a confusion model."""
    return analyse_with_reference(ocr, reference, confusion=confusion).pairs


def analyse_with_reference(
    ocr: str,
    reference: str,
    *,
    confusion: _Confusion | None = None,
    fallback: Fallback | None = None,
    min_coverage: float = MIN_COVERAGE,
    learn: Callable[[list[tuple[str, str, int]]], Fallback] | None = None,
) -> ReferenceRepair:
    """Align, repair in place, report disagreements, send uncovered passages to ``fallback``.

    The output keeps the OCR's order and line breaks; only damaged words change, each
    by an ``Edit(reason="reference")`` pointing into the reference. A word hyphenated
    across a line break is repaired half by half (``behs-\\nver`` -> ``behö-\\nver``).
    """
    warnings: list[str] = []
    if not WORD_RE.search(ocr):
        return ReferenceRepair(RepairResult(original=ocr, text=ocr))
    if not reference.strip():
        warnings.append("reference is empty: repaired without it")
        return ReferenceRepair(_whole_fallback(ocr, fallback, warnings))
    al = align(ocr, reference)
    cov = al.coverage()
    if cov < min_coverage:
        warnings.append(
            f"reference does not match this document (only {cov:.0%} of the words align): repaired without it"
        )
        return ReferenceRepair(_whole_fallback(ocr, fallback, warnings), alignment=al, coverage=cov)

    in_run = _run_members(al)
    edits: list[Edit] = []
    disagreements: list[Disagreement] = []
    learned: Counter[tuple[str, str]] = Counter()
    covered = [False] * len(al.ocr_words)
    for p in al.pairs:
        ow, rw = al.ocr_words[p.ocr], al.ref_words[p.ref]
        vouched = in_run[p.ocr] and p.similarity >= 0.7
        plan = _plan(ocr, reference, ow, rw, confusion, vouched)
        if plan is None:
            disagreements.append(
                Disagreement(
                    ow.start, ow.end, ocr[ow.start : ow.end], reference[rw.start : rw.end], rw.start, rw.end,
                    round(p.similarity, 3),
                )
            )
            continue
        covered[p.ocr] = True
        for (s, e), new, score, (rs, re_) in plan:
            old = ocr[s:e]
            learned[(old, new)] += 1
            if old != new:
                conf = min(0.99, 0.55 + 0.45 * score) * (1.0 if in_run[p.ocr] else 0.9)
                edits.append(
                    Edit(
                        s, e, old, new, round(conf, 3), "reference",
                        f"the reference has {reference[rs:re_]!r} here; the OCR can misread it as {old!r}",
                        ref_start=rs, ref_end=re_,
                    )
                )

    pairs = [(o, r, n) for (o, r), n in learned.most_common()]
    if learn is not None:
        fallback = learn(pairs)  # the document's own confusions, for the passages the reference lacks
    if fallback is not None:
        edits.extend(_fallback_edits(ocr, al.ocr_words, covered, fallback, warnings))
    text, placed = apply_edits(ocr, edits)
    result = RepairResult(original=ocr, text=text, edits=placed, warnings=warnings, disagreements=disagreements)
    return ReferenceRepair(result, pairs, al, cov)


def _whole_fallback(ocr: str, fallback: Fallback | None, warnings: list[str]) -> RepairResult:
    if fallback is None:
        return RepairResult(original=ocr, text=ocr, warnings=list(warnings))
    res = fallback(ocr)
    res.warnings[:0] = warnings
    return res


def _run_members(al: Alignment) -> list[bool]:
    """True for OCR words whose pair has an aligned neighbour on the same diagonal."""
    member = [False] * len(al.ocr_words)
    for a, b in zip(al.pairs, al.pairs[1:]):
        if b.ocr == a.ocr + 1 and b.ref == a.ref + 1:
            member[a.ocr] = member[b.ocr] = True
    return member


_Part = tuple[tuple[int, int], str, float, tuple[int, int]]  # (OCR span, new text, score, ref span)


def _plan(
    ocr: str, reference: str, ow: Word, rw: Word, confusion: _Confusion | None, vouched: bool
) -> list[_Part] | None:
    """What each part of OCR word ``ow`` becomes given reference word ``rw``, or None (disagreement).

    Words hyphenated at a line break on one side only were joined by the aligner; if
    the joined forms do not correspond, one half may still match a whole word on the
    other side (``team-\nbaserat`` in the reference against ``baserat`` in the OCR).
    """
    target = rw.text
    score = _score(ow.text, target, confusion, vouched)
    if score <= 0.0:
        # the reference may capitalise differently (a heading, a bullet, another line order)
        target = _case_like(rw.text, ow.text)
        score = _score(ow.text, target, confusion, vouched) if target != rw.text else 0.0
    if score > 0.0:
        if len(ow.spans) == 1:
            return [(ow.spans[0], target, score, (rw.start, rw.end))]
        cut = _project(ow.text, target, ow.spans[0][1] - ow.spans[0][0])
        halves = (target[:cut], target[cut:])
        if all(halves):
            return [(span, h, score, (rw.start, rw.end)) for span, h in zip(ow.spans, halves)]
    best: _Part | None = None
    for os_ in ow.spans:
        for rs in rw.spans:
            if len(ow.spans) == len(rw.spans) == 1:
                continue
            o_txt, r_txt = ocr[os_[0] : os_[1]], reference[rs[0] : rs[1]]
            sc = _score(o_txt, r_txt, confusion, vouched)
            if sc > 0.0 and (best is None or sc > best[2]):
                best = (os_, r_txt, sc, rs)
    return None if best is None else [best]


def _case_like(word: str, model: str) -> str:
    """``word`` in the capitalisation of ``model``: all caps, capitalised or lower case."""
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[:1].isupper() and not word[:1].isupper():
        return word[:1].upper() + word[1:]
    if model[:1].islower() and word[:1].isupper() and word[1:].islower():
        return word[:1].lower() + word[1:]
    return word


def _project(src: str, dst: str, pos: int) -> int:
    """Position in ``dst`` that corresponds to position ``pos`` in ``src`` (edit-script projection)."""
    for op in Levenshtein.opcodes(src, dst):
        if op.tag == "insert":
            if op.src_start == pos:
                return op.dest_start
            continue
        if op.src_start <= pos < op.src_end:
            return min(op.dest_end, op.dest_start + (pos - op.src_start))
    return len(dst)


def _fallback_edits(
    ocr: str, ws: list[Word], covered: list[bool], fallback: Fallback, warnings: list[str]
) -> list[Edit]:
    """Lexicon-repair the whole OCR once (so every word keeps its context), keep the edits
    that fall on words the reference does not cover."""
    if all(covered):
        return []
    res = fallback(ocr)
    starts = [w.start for w in ws]
    out: list[Edit] = []
    for e in res.edits:
        k = bisect.bisect_right(starts, e.start) - 1
        if k < 0 or covered[k] or e.end > ws[k].end:
            continue
        out.append(
            Edit(e.start, e.end, e.before, e.after, e.confidence, e.reason, e.explanation,
                 ref_start=e.ref_start, ref_end=e.ref_end)
        )
    for w in res.warnings:
        if w not in warnings:
            warnings.append(w)
    return out
