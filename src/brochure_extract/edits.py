"""What a repair did: the repaired text plus one ``Edit`` per change.

Modelled on ftfy's explanations: every change says where it happened, what was
there, what replaced it, how sure we are and why, so a person can audit or undo it.
"""
from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field, replace
from itertools import accumulate
from operator import attrgetter
from typing import Any


@dataclass(frozen=True)
class Edit:
    """One replacement of ``before`` by ``after``.

    ``start``/``end`` index the *input* text; ``out_start``/``out_end`` the output.
    ``reason`` is a short machine tag (``"lexicon"``, ``"context"``, ``"document"``, ``"name"``,
    ``"reference"``, ...) and ``explanation`` a sentence for people.
    ``ref_start``/``ref_end`` point into the reference text when one was used.
    """

    start: int
    end: int
    before: str
    after: str
    confidence: float
    reason: str
    explanation: str = ""
    out_start: int = -1
    out_end: int = -1
    ref_start: int | None = None
    ref_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Disagreement:
    """A place where the reference says something the OCR cannot have misread.

    Reported, never applied: the OCR is kept so no content is invented.
    """

    start: int
    end: int
    ocr: str
    reference: str
    ref_start: int
    ref_end: int
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class RepairResult:
    """The repaired ``text`` and the ``edits`` that produced it from ``original``."""

    original: str
    text: str
    edits: list[Edit] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "edits": [e.to_dict() for e in self.edits],
            "warnings": list(self.warnings),
            "disagreements": [d.to_dict() for d in self.disagreements],
        }

    def explain(self) -> str:
        """One line per edit, ftfy style: ``12:17 'Malmé' -> 'Malmö' (0.97, lexicon: ...)``."""
        return "\n".join(
            f"{e.start}:{e.end} {e.before!r} -> {e.after!r} ({e.confidence:.2f}, {e.reason}: {e.explanation})"
            for e in self.edits
        )


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, list[Edit]]:
    """Apply non-overlapping edits (input offsets) and fill in output offsets."""
    out: list[str] = []
    placed: list[Edit] = []
    pos = 0
    shift = 0
    for e in sorted(edits, key=lambda e: e.start):
        if e.start < pos:
            raise ValueError(f"overlapping edits at {e.start}")
        out.append(text[pos:e.start])
        out_start = e.start + shift
        out.append(e.after)
        shift += len(e.after) - (e.end - e.start)
        placed.append(_with_out(e, out_start, out_start + len(e.after)))
        pos = e.end
    out.append(text[pos:])
    return "".join(out), placed


def _with_out(e: Edit, out_start: int, out_end: int) -> Edit:
    return replace(e, out_start=out_start, out_end=out_end)


# ---------------------------------------------------------------- composing two passes

def _mapper(edits: list[Edit], *, forward: bool):
    """A function from positions of one text to the other across ``edits``.

    ``forward``: from input (start/end) to output (out_start/out_end) coordinates; else back.
    Exact for positions outside edits and at their edges; ``low`` picks the left side of an
    insertion/deletion sitting at the position (an interior position maps to an edge).
    """
    if forward:
        src = sorted((e.start, e.end, e.out_start, e.out_end) for e in edits)
    else:
        src = sorted((e.out_start, e.out_end, e.start, e.end) for e in edits)
    ends = [s1 for _, s1, _, _ in src]

    def to(pos: int, *, low: bool) -> int:
        i = bisect.bisect_left(ends, pos)  # edits before i end strictly before pos
        shift = src[i - 1][3] - src[i - 1][1] if i else 0
        while i < len(src) and src[i][0] <= pos:
            s0, s1, d0, d1 = src[i]
            if pos == s0 and (low or s1 > pos):
                return d0
            if pos < s1:
                return d0 if low else d1  # inside an edit
            shift = d1 - s1  # an edit ending at pos (or an insertion there, taken on its right)
            i += 1
        return pos + shift

    return to


def compose(first: RepairResult, second: RepairResult) -> RepairResult:
    """One result from ``first.original`` to ``second.text`` (``second`` was computed on ``first.text``).

    Edits are in original coordinates, out offsets in final ones. A second-stage edit that
    overlaps or touches a first-stage edit is merged with it into one edit covering both
    (``before``/``after`` the original/final slices, reason ``first+second``, least confidence).
    """
    if second.original != first.text:
        raise ValueError("compose(): the second result was not computed on the first one's text")
    original, final = first.original, second.text
    e1 = sorted(first.edits, key=attrgetter("out_start", "out_end"))
    e2 = sorted(second.edits, key=attrgetter("start", "end"))
    e1_ends = [e.out_end for e in e1]
    forward = _growth_before(e2, [e.end for e in e2])  # middle -> final, outside second-stage edits

    def carried(e: Edit) -> Edit:
        """A first-stage edit no second-stage edit touches: only shifted (mostly not at all)."""
        shift = forward(e.out_start)
        return e if not shift else replace(e, out_start=e.out_start + shift, out_end=e.out_end + shift)

    if len(e2) * 8 < len(e1) and not any(_touches(e1, e1_ends, b) for b in e2):
        # A few second-stage edits away from the many first-stage ones (a consistency pass after
        # a long document): carry the first stage's edits over, map theirs back; no merging.
        out = [carried(e) for e in e1]
        backward = _growth_before(e1, e1_ends)  # middle -> original, outside first-stage edits
        starts = [e.start for e in out]  # already in order: the first stage's edits do not overlap
        for e in reversed(e2):
            shift = backward(e.start)
            moved = replace(e, start=e.start - shift, end=e.end - shift)
            out.insert(bisect.bisect_right(starts, moved.start), moved)
        return RepairResult(
            original=original, text=final, edits=out,
            warnings=list(first.warnings) + list(second.warnings),
            disagreements=[*first.disagreements, *(_shift_disagreements(
                second.disagreements, _mapper(e1, forward=False), original) if second.disagreements else [])],
        )

    back = _mapper(e1, forward=False)  # middle -> original
    fwd = _mapper(e2, forward=True)  # middle -> final

    # Connected components of "a second-stage edit overlaps or touches a first-stage edit"
    # (closed intervals in the middle text). Edits of one stage are joined only through the other.
    parent = list(range(len(e1) + len(e2)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for j, b in enumerate(e2):
        i = bisect.bisect_left(e1_ends, b.start)
        while i < len(e1) and e1[i].out_start <= b.end:
            if e1[i].out_end >= b.start:
                parent[find(i)] = find(len(e1) + j)
            i += 1
    groups: dict[int, tuple[list[Edit], list[Edit]]] = {}
    for i, e in enumerate(e1):
        groups.setdefault(find(i), ([], []))[0].append(e)
    for j, e in enumerate(e2):
        groups.setdefault(find(len(e1) + j), ([], []))[1].append(e)

    edits: list[Edit] = []
    for ones, twos in groups.values():
        if not twos:
            edits.append(carried(ones[0]))
            continue
        if not ones:
            (e,) = twos
            edits.append(replace(e, start=back(e.start, low=True), end=back(e.end, low=False)))
            continue
        lo = min(min(x.out_start for x in ones), min(x.start for x in twos))
        hi = max(max(x.out_end for x in ones), max(x.end for x in twos))
        # At the cluster's edges use its own edits' offsets: an edit of the same stage outside
        # the cluster may share the edge (an insertion next to it); the other stage cannot.
        o_lo = min([x.start for x in ones if x.out_start == lo] or [back(lo, low=True)])
        o_hi = max([x.end for x in ones if x.out_end == hi] or [back(hi, low=False)])
        f_lo = min([x.out_start for x in twos if x.start == lo] or [fwd(lo, low=True)])
        f_hi = max([x.out_end for x in twos if x.end == hi] or [fwd(hi, low=False)])
        before, after = original[o_lo:o_hi], final[f_lo:f_hi]
        if before == after:
            continue  # the second stage undid the first
        refs = [x for x in twos if x.ref_start is not None and x.ref_end is not None]
        reasons1 = list(dict.fromkeys(x.reason for x in ones))
        reasons2 = list(dict.fromkeys(x.reason for x in twos))
        edits.append(Edit(
            o_lo, o_hi, before, after,
            min(x.confidence for x in ones + twos),
            "+".join(reasons1) + "+" + "+".join(reasons2),
            "; ".join(x.explanation for x in ones + twos if x.explanation),
            f_lo, f_hi,
            min((x.ref_start for x in refs if x.ref_start is not None), default=None),
            max((x.ref_end for x in refs if x.ref_end is not None), default=None),
        ))
    edits.sort(key=lambda e: (e.start, e.end))
    return RepairResult(
        original=original,
        text=final,
        edits=edits,
        warnings=list(first.warnings) + list(second.warnings),
        disagreements=[*first.disagreements, *_shift_disagreements(second.disagreements, back, original)],
    )


def _growth_before(edits: list[Edit], ends: list[int]):
    """For a position outside ``edits`` (sorted; ``ends`` their ends in the position's text): how
    much longer the edits before it made the text."""
    grown = list(accumulate((e.out_end - e.out_start) - (e.end - e.start) for e in edits))

    def growth(pos: int) -> int:
        k = bisect.bisect_right(ends, pos)
        return grown[k - 1] if k else 0

    return growth


def _touches(e1: list[Edit], e1_ends: list[int], b: Edit) -> bool:
    """Does second-stage edit ``b`` overlap or touch a first-stage edit (middle-text offsets)?"""
    i = bisect.bisect_left(e1_ends, b.start)
    return i < len(e1) and e1[i].out_start <= b.end


def _shift_disagreements(ds: list[Disagreement], back, original: str) -> list[Disagreement]:
    """Second-stage disagreements point into the middle text: move them to the original."""
    out = []
    for d in ds:
        a, b = back(d.start, low=True), back(d.end, low=False)
        out.append(replace(d, start=a, end=b, ocr=original[a:b]))
    return out
