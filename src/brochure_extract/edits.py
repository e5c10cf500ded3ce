"""What a repair did: the repaired text plus one ``Edit`` per change.

Modelled on ftfy's explanations: every change says where it happened, what was
there, what replaced it, how sure we are and why, so a person can audit or undo it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Edit:
    """One replacement of ``before`` by ``after``.

    ``start``/``end`` index the *input* text; ``out_start``/``out_end`` the output.
    ``reason`` is a short machine tag (``"lexicon"``, ``"context"``, ``"document"``,
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
        """One line per edit, ftfy style: ``12:17 'Vaxjé' -> 'Växjö' (0.97, lexicon: ...)``."""
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
