"""One pass of the repair over one document: token by token, left to right.

:class:`Walk` asks :mod:`.candidates` for each token's readings, adds what the
document's own vocabulary offers, decides with the neighbours where they matter,
and emits an :class:`~.edits.Edit` per change. Decisions that do not depend on the
document are cached on the :class:`~.repair.Repairer` and reused across documents.
"""
from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .candidates import Analysis, Candidate, WordAnalyser
from .confusion import ConfusionModel
from .context import BOS
from .document import (
    DocumentVocabulary,
    at_line_start,
    english_line,
    english_words,
    is_boundary,
    protected_spans,
)
from .edits import Edit, RepairResult
from .lexicon import fold
from .tokens import WORD_RE, tokens_containing
from .wordshape import worth_looking

if TYPE_CHECKING:  # pragma: no cover
    from .repair import Repairer

#: The tokens of :mod:`.tokens`, compiled with the faster stdlib ``re`` (the pattern needs no more).
TOKEN_RE = re.compile(WORD_RE.pattern)
#: Tokens with glyphs that only ever stand for å/ä/ö: ``&``, ``@``, ``é``, a digit inside letters.
_STAND_IN_RE = re.compile(r"[&@é]|[^\W\d_][0-9]|[0-9][^\W\d_]")
_COMBINING_RE = re.compile("[\u0300-\u036f]")
#: A word the document uses counts as at least this common (zipf).
_DOCUMENT_WORD_ZIPF = 3.0
#: A word broken across lines with a hyphen: ``inter-\nnationella``.
_HYPHEN_BREAK_RE = re.compile(r"(?<=[\w&@|])-[ \t]*\r?\n[ \t]*(?=[^\W\dA-ZÅÄÖ_]|[&@|])")





class Walk:
    """One pass over one document: token by token, left to right, collecting edits."""

    def __init__(
        self, r: Repairer, text: str, analyses: dict[str, Analysis | None], analyser: WordAnalyser,
        evidence: DocumentVocabulary, static: dict[str, tuple | None],
        in_context: dict[tuple[str, str | None, str | None], tuple],
    ) -> None:
        self.r = r
        self.s = r.settings
        self.text = text
        self.analyses = analyses
        self.analyser = analyser
        self.evidence = evidence.copy()  # stand-in words learned here must not leak into the caller's
        self._with_doc: dict[str, Analysis | None] = {}
        self._doc_touched: set[str] = set()
        self.static = static
        self.in_context = in_context
        self.edits: list[Edit] = []
        self.pieces: list[str] = []
        self.pos = 0  # input offset up to which pieces are emitted
        self.shift = 0  # output offset minus input offset

    def analysis(self, tok: str) -> Analysis | None:
        try:
            a = self.analyses[tok]
        except KeyError:
            a = self.analyses[tok] = self.analyser.analyse(tok)
        if self.evidence:
            return self._with_document_words(tok, a)
        return a

    def _with_document_words(self, tok: str, a: Analysis | None) -> Analysis | None:
        """Add the readings the document's own vocabulary offers for ``tok`` (cached per document)."""
        if tok in self._with_doc:
            return self._with_doc[tok]
        evidence = self.evidence
        forms: set[str] | None = evidence.by_key.get(fold(tok))
        if not forms and tok[:1].isupper() and (a is None or a.best.source == "unknown"):
            # Names are what the document's vocabulary mostly adds: look past odd glyphs too.
            if worth_looking(tok) and not self.analyser.settled_clean(tok):
                forms = set()
                for key, _lp in self.analyser.model.folded_keys(tok)[:8]:
                    forms |= evidence.forms(key)
        extra = []
        if forms and worth_looking(tok) and not (a is None and self.analyser.settled_clean(tok)):
            have = {c.key for c in a.candidates} if a is not None else set()
            for form in forms - have:
                zipf = max(self.r.lexicon.zipf(form), _DOCUMENT_WORD_ZIPF)
                c = self.analyser.known_form(tok, form, zipf, "document")
                if c is not None:
                    extra.append(c)
        if extra:
            a = self.analyser.rank(tok, [c for c in (a.candidates if a else ()) if c.form != tok] + extra)
        if extra or (a is not None and any(c.key in evidence for c in a.candidates)):
            self._doc_touched.add(tok)  # the document's words bear on this token: no cached decision
        self._with_doc[tok] = a
        return a

    def _learn_stand_ins(self) -> None:
        """Tokens whose glyphs say å/ä/ö was there (``&``, ``é``, ``6`` inside a word) are the
        document's surest evidence: their confident readings join its vocabulary, so plain
        spellings of the same words elsewhere follow (``Lévsj6`` -> ``Lövsjö``, then ``Lovsjo``).
        A capitalised one no lexicon knows is read glyph by glyph."""
        model = self.analyser.model
        for tok in tokens_containing(_STAND_IN_RE, self.text):
            if not worth_looking(tok) or self.r.lexicon.is_word(tok.lower()):
                continue
            a = self.analyses[tok] if tok in self.analyses else self.analyser.analyse(tok)
            self.analyses[tok] = a
            if a is not None and a.best.source != "unknown":
                if _softmax_top([(c.score, c) for c in a.candidates]) >= 0.9:
                    self.evidence.add(a.best.key)
                continue
            if a is None and tok[:1].isupper() and not tok.isupper():
                restored = model.restore_stand_ins(tok)
                if restored is not None and restored.isalpha():
                    self.evidence.add(restored)

    def run(self) -> RepairResult:
        text = self.text
        if _STAND_IN_RE.search(text):
            self._learn_stand_ins()
        spans = protected_spans(text)
        span_starts = [a for a, _ in spans]
        halves = self._hyphen_halves() if "-" in text else {}
        evidence = self.evidence
        has_evidence = bool(evidence)
        static = self.static
        in_context = self.in_context
        local: dict[tuple, tuple] = {}
        analyses = self.analyses
        with_doc = self._with_doc
        english = english_words()
        combining = _COMBINING_RE.search(text) is not None
        prev_end = 0
        prev_out: str | None = None
        matches = TOKEN_RE.finditer(text)
        for m in matches:
            tok = orig = m.group()
            if combining and _COMBINING_RE.search(tok):
                tok = unicodedata.normalize("NFC", tok)  # judge 'a'+U+0308 as 'ä'; replace the original
            start, end = m.span()
            if tok in analyses:  # self.analysis(tok), inlined: this loop is the hot path
                a = analyses[tok]
            else:
                a = analyses[tok] = self.analyser.analyse(tok)
            if has_evidence:
                a = with_doc[tok] if tok in with_doc else self._with_document_words(tok, a)
            if spans and _inside(spans, span_starts, start):
                a = None
            if start in halves:
                prev_out = self._hyphenated(m, halves[start])
                prev_end = halves[start].end()
                next(matches, None)  # the second half is done too
                continue
            if tok == "I" and prev_out is not None and self._lone_capital_i(prev_end, start, prev_out):
                self._emit(start, end, "I", "i", 0.8, "context",
                           "a lone capital I inside a Swedish sentence is the preposition 'i'")
                prev_out, prev_end = "i", end
                continue
            if a is None:
                prev_out, prev_end = tok, end
                continue
            if tok[:1].islower() and (not has_evidence or tok not in self._doc_touched):
                # Most decisions do not depend on the neighbours: decide those once per token,
                # the rest once per (token, left word, right word); both caches outlive the document.
                if tok in static:
                    st = static[tok]
                else:
                    st = static[tok] = self._static_decision(a, tok)
                if st is None:
                    left = prev_out if prev_out is not None and not is_boundary(text, prev_end, start) else None
                    key3 = (tok, left, self._right_neighbour(end))
                    st = in_context.get(key3)
                    if st is None:
                        st = in_context[key3] = self._decision(a, tok, start, end, left, key3[2])
            else:
                # Capitalised (a name?) or bearing on the document's own words: cache per document.
                left = prev_out if prev_out is not None and not is_boundary(text, prev_end, start) else None
                key4 = (tok, left, self._right_neighbour(end), left is not None and at_line_start(text, start))
                st = local.get(key4)
                if st is None:
                    st = local[key4] = self._decision(a, tok, start, end, left, key4[2])
            prev_end = end
            if st[0] is None:
                prev_out = st[4]
            elif english and tok.lower() in english and english_line(text, start, english):
                prev_out = tok  # an English word in an English line: 'planning for public buildings'
            else:
                form, conf, why, note, prev_out = st
                self._emit(start, end, orig, form, conf, why, note)
        self.pieces.append(text[self.pos:])
        return RepairResult(original=text, text="".join(self.pieces), edits=self.edits)

    # -- decisions ----------------------------------------------------------------------
    def _static_decision(self, a: Analysis, tok: str) -> tuple | None:
        """(form or None to keep, confidence, reason, explanation, word for the next token's context),
        or None when the neighbours could change the decision."""
        s = self.s
        cands = a.candidates
        if (
            self.r.context is not None
            and len(cands) > 1
            and cands[1].score > cands[0].score - s.context_window
            and _two_words(cands)
        ):
            return None
        scored = [(c.score, c) for c in cands]
        best = cands[0]
        conf = _softmax_top(scored)
        if best.form == tok:
            return (None, conf, "", "", best.key)
        if conf < self._needed(cands) and not self._surely_damaged(scored, tok):
            return (None, conf, "", "", tok)
        return (best.form, round(conf, 3), best.source, _explain(tok, best, best.source, scored, self.r.confusion), best.key)

    def _needed(self, cands: tuple[Candidate, ...] | list[Candidate]) -> float:
        """Confidence a change needs: more when it replaces one real word by another."""
        s = self.s
        if any(c.source == "identity" for c in cands):
            return max(s.min_confidence, s.min_confidence_real_word)
        return s.min_confidence

    def _surely_damaged(self, scored: list[tuple[float, Candidate]], tok: str) -> bool:
        """Is the token as printed so unlikely that the best reading beats keeping it, even if
        that reading is no sure winner ('na' is 'nå' or 'nä', but hardly 'na')?"""
        share = self.s.max_keep_share
        if share <= 0.0:
            return False
        top = max(sc for sc, _ in scored)
        total = sum(math.exp(sc - top) for sc, _ in scored)
        keep = sum(math.exp(sc - top) for sc, c in scored if c.form == tok)
        return keep / total < share

    def _decision(self, a: Analysis, tok: str, start: int, end: int, left: str | None, right: str | None) -> tuple:
        """:meth:`_static_decision`'s tuple for a token the neighbours decide."""
        best, conf, why, scored = self._decide(a, tok, start, end, left, self.evidence, right)
        form = best.form
        if left is None and tok[:1].isupper() and form[:1].islower():
            form = form[:1].upper() + form[1:]  # a sentence starts here: 'Gr det' -> 'Är det'
        elif (
            left is not None and form[:1] in "ÅÄÖ" and tok[:1] in "AO" and tok[1:2].islower()
            and not self.r.is_proper(best.key) and not at_line_start(self.text, start)
        ):
            form = form[:1].lower() + form[1:]  # 'A'/'O' is how the OCR prints a lowercase å/ä/ö
        if form == tok:
            return (None, conf, "", "", best.key)
        if conf < self._needed(a.candidates) and not self._surely_damaged(scored, tok):
            return (None, conf, "", "", tok)
        return (form, round(conf, 3), why, _explain(tok, best, why, scored, self.r.confusion), best.key)

    def _decide(
        self, a: Analysis, tok: str, start: int, end: int, left: str | None, evidence: DocumentVocabulary,
        right: str | None,
    ) -> tuple[Candidate, float, str, list[tuple[float, Candidate]]]:
        s = self.s
        cands = a.candidates
        scored = [(c.score, c) for c in cands]
        why = ""
        if evidence:
            bonus = [(sc + (s.doc_bonus if c.key in evidence else 0.0), c) for sc, c in scored]
            if max(bonus, key=lambda x: x[0])[1] is not cands[0]:
                why = "document"
            scored = bonus
        if (
            tok[:1].isupper() and left is not None and not at_line_start(self.text, start)
            and not _capital_stands_in(tok, cands[0])
        ):
            spelled = any(
                c.source != "identity" and (c.key in evidence or self.r.is_proper(c.key)) for c in cands
            )
            scored = [(sc + self._name_adjust(c, spelled), c) for sc, c in scored]
        scored.sort(key=lambda x: -x[0])
        if (
            self.r.context is not None
            and len(scored) > 1
            and scored[1][0] > scored[0][0] - s.context_window
            and _two_words(c for _, c in scored)
        ):
            before = scored[0][1]
            # A sentence start is context too: 'Här är' opens sentences, 'har är' never does.
            gains = self.r.context_gains(BOS if left is None else left, [c.key for _, c in scored], right)
            scored = [(sc + s.context_weight * g, c) for (sc, c), g in zip(scored, gains)]
            scored.sort(key=lambda x: -x[0])
            if scored[0][1] is not before:
                why = "context"
        best = scored[0][1]
        return best, _softmax_top(scored), why or best.source, scored

    def _name_adjust(self, c: Candidate, spelled: bool) -> float:
        """A capitalised word inside a sentence is probably a name: favour names and the token as is,
        unless a reading is itself a name the lexicon or the document spells with diacritics
        (``spelled``: 'Agren' -> 'Ågren')."""
        if c.source == "unknown":
            return 0.0 if spelled else self.s.name_bonus
        if c.source == "identity" or c.key in self.evidence or self.r.is_proper(c.key):
            return 0.0  # the token as it is, a name the document uses, or a name the lexicon knows
        return -self.s.name_penalty

    def _right_neighbour(self, end: int) -> str | None:
        m = TOKEN_RE.search(self.text, end, end + 80)
        if m is None or is_boundary(self.text, end, m.start()):
            return None
        a = self.analysis(m.group())
        return a.best.key if a is not None else m.group()

    def _lone_capital_i(self, prev_end: int, start: int, prev_out: str) -> bool:
        """``I`` inside a sentence (after a lowercase word, no sentence end between) is ``i``."""
        return prev_out[:1].islower() and not is_boundary(self.text, prev_end, start)

    # -- words broken across lines ---------------------------------------------------------
    def _hyphen_halves(self) -> dict[int, re.Match[str]]:
        """Start offset of each first half -> the second half's match."""
        halves: dict[int, re.Match[str]] = {}
        text = self.text
        for br in _HYPHEN_BREAK_RE.finditer(text):
            head_start = br.start()
            while head_start > 0 and (text[head_start - 1].isalnum() or text[head_start - 1] in "&@|_"):
                head_start -= 1
            tail = TOKEN_RE.match(text, br.end())
            if tail is not None and head_start < br.start():
                halves[head_start] = tail
        return halves

    def _hyphenated(self, head: re.Match[str], tail: re.Match[str]) -> str:
        """Judge ``behs-`` + ``ver`` as ``behsver``; split a repair back over the two lines."""
        a, b = head.group(), tail.group()
        joined = a + b
        analysis = self.analysis(joined)
        if analysis is None or analysis.best.form == joined:
            return b
        scored = [(c.score, c) for c in analysis.candidates]
        conf = round(_softmax_top(scored), 3)
        best = analysis.best
        split = _split_form(self.r.confusion, joined, best.form, len(a))
        if split is None or conf < self.s.min_confidence:
            return b
        note = f"the word broken across lines reads {best.form!r} when joined"
        if split[0] != a:
            self._emit(head.start(), head.end(), a, split[0], conf, "hyphenation", note)
        if split[1] != b:
            self._emit(tail.start(), tail.end(), b, split[1], conf, "hyphenation", note)
        return best.key

    # -- output ---------------------------------------------------------------------------
    def _emit(self, start: int, end: int, before: str, after: str, conf: float, reason: str, note: str) -> None:
        self.pieces.append(self.text[self.pos:start])
        self.pieces.append(after)
        out_start = start + self.shift
        self.edits.append(Edit(start, end, before, after, conf, reason, note, out_start, out_start + len(after)))
        self.shift += len(after) - (end - start)
        self.pos = end


def _two_words(cands: Iterable[Candidate]) -> bool:
    """Do at least two readings name real words (the token itself or candidates)? Only then can
    the neighbours choose: 'hér' may be 'hör' or 'här', 'har' may be 'har' or 'här'."""
    return sum(1 for c in cands if c.source != "unknown") >= 2


def _capital_stands_in(tok: str, best: Candidate) -> bool:
    """Is the capital that opens ``tok`` a glyph the OCR printed for another letter (``S`` for
    ö in 'Sppnar', ``G`` for ä in 'Grenden')? Then it says nothing about a name."""
    return best.source in ("lexicon", "compound") and fold(best.key[:1]) != fold(tok[:1].lower())


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _split_form(model: ConfusionModel, joined: str, form: str, cut: int) -> tuple[str, str] | None:
    """Where the repaired ``form`` divides, given the OCR halves ``joined[:cut]`` + ``joined[cut:]``."""
    path = model.align(joined, form)
    if path is None:
        return None
    consumed = 0
    head: list[str] = []
    tail: list[str] = []
    for true, glyphs in path:
        if consumed + len(glyphs) <= cut:
            head.append(true)
        elif consumed >= cut:
            tail.append(true)
        else:
            return None  # a multi-glyph rendering straddles the line break
        consumed += len(glyphs)
    return "".join(head), "".join(tail)


def _softmax_top(scored: list[tuple[float, Candidate]]) -> float:
    top = scored[0][0]
    return 1.0 / sum(math.exp(sc - top) for sc, _ in scored)


def _explain(
    tok: str, best: Candidate, why: str, scored: list[tuple[float, Candidate]], model: ConfusionModel | None = None
) -> str:
    """A sentence for people, ftfy style: what was wrong, what it became, and how the glyphs were read."""
    others = ", ".join(repr(c.form) for _, c in scored[1:3])
    glyphs = _glyph_story(model, tok, best.form) if model is not None else ""
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


def _glyph_story(model: ConfusionModel, ocr: str, form: str) -> str:
    """``the OCR printed 'ö' as 'é'``: which OCR glyphs stood for which letters (cached)."""
    key = (id(model), ocr, form)
    story = _STORIES.get(key)
    if story is None:
        if len(_STORIES) > 50_000:
            _STORIES.clear()
        story = _STORIES[key] = _tell_glyphs(model, ocr, form)
    return story


_STORIES: dict[tuple[int, str, str], str] = {}


def _tell_glyphs(model: ConfusionModel, ocr: str, form: str) -> str:
    path = model.align(ocr, form)
    if not path:
        return ""
    changes = [(g, t) for t, g in path if g.lower() != t.lower()]
    if not changes:
        return ""
    return "the OCR printed " + ", ".join(f"{t!r} as {g!r}" for g, t in changes[:4])
