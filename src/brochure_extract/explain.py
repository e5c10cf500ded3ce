"""Why an edit was made, in words a person can read (the way ftfy explains each fix).

Every :class:`~.edits.Edit` of the lexicon repair carries a sentence saying what was
wrong with the token, what it became and why (the lexicon, the neighbouring words,
the document's own spelling, a compound), and which OCR glyphs stood for which
letters: ``'Malmé' is not a Swedish word; 'Malmö' is; the OCR printed 'ö' as 'é'``.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .confusion import ConfusionModel

if TYPE_CHECKING:  # pragma: no cover
    from .candidates import Candidate

#: Glyph stories already told, by (model, OCR token, repaired form); cleared when it grows past this.
_MAX_STORIES = 50_000
_STORIES: dict[tuple[int, str, str], str] = {}


def explain(
    tok: str, best: Candidate, why: str, scored: list[tuple[float, Candidate]], model: ConfusionModel | None = None
) -> str:
    """A sentence for people: what was wrong, what it became, and how the glyphs were read."""
    others = ", ".join(repr(c.form) for _, c in scored[1:3])
    glyphs = glyph_story(model, tok, best.form) if model is not None else ""
    if why == "context":
        text = f"{tok!r} is a word too, but {best.form!r} fits the neighbouring words better (vs {others})"
    elif why == "document":
        text = f"{best.form!r} is spelled with its diacritics elsewhere in this document (vs {others})"
    elif why == "compound":
        text = f"{tok!r} is not a Swedish word; read as the compound {best.form!r} of known words"
    elif any(c.source == "identity" and c.form == tok for _, c in scored):
        text = f"{tok!r} is a rare word; {best.form!r} is far more common (vs {others})"
    else:
        text = f"{tok!r} is not a Swedish word; {best.form!r} is"
    return f"{text}; {glyphs}" if glyphs else text


def glyph_story(model: ConfusionModel, ocr: str, form: str) -> str:
    """``the OCR printed 'ö' as 'é'``: which OCR glyphs stood for which letters (cached)."""
    key = (id(model), ocr, form)
    story = _STORIES.get(key)
    if story is None:
        if len(_STORIES) > _MAX_STORIES:
            _STORIES.clear()
        story = _STORIES[key] = _tell_glyphs(model, ocr, form)
    return story


def _tell_glyphs(model: ConfusionModel, ocr: str, form: str) -> str:
    # A reading found by the back-off (a rendering the table never measured) aligns only there.
    path = model.align(ocr, form) or model.widened().align(ocr, form)
    if not path and len(ocr) == len(form):
        path = list(zip(form, ocr))  # a reading looked up outside the table ('g' for 'ç'): glyph for letter
    if not path:
        return ""
    changes = [(g, t) for t, g in path if g.lower() != t.lower()]
    if not changes:
        return ""
    return "the OCR printed " + ", ".join(f"{t!r} as {g!r}" for g, t in changes[:4])
