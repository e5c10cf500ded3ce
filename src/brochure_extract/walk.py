"""One pass of the repair over one document: token by token, left to right.

:class:`Walk` asks :mod:`.candidates` for each token's readings, adds what the
document's own vocabulary offers, decides with the neighbours where they matter,
and emits an :class:`~.edits.Edit` per change. Decisions are cached in :class:`Caches`
and reused across documents, keyed by all they depend on (the token, its neighbours,
what the document's words offer it). Most tokens of a text are kept whatever their
neighbours and whatever the document: the walk does not visit those at all.
"""
from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate, compress, count
from typing import TYPE_CHECKING

from .candidates import Analysis, Candidate, WordAnalyser
from .charmodel import CharModel
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
from .explain import explain, glyph_story
from .lexicon import fold
from .names import NAME_TOKEN_RE, NameReading, name_readings
from .tokens import WORD_RE, Seed, tokens_containing
from .wordshape import worth_looking

if TYPE_CHECKING:  # pragma: no cover
    from .repair import Repairer

#: The tokens of :mod:`.tokens`, compiled with the faster stdlib ``re`` (the pattern needs no more).
TOKEN_RE = re.compile(WORD_RE.pattern)
#: Splits a text into separators and tokens in one pass (C speed), so their offsets are sums of lengths.
_TOKEN_SPLIT_RE = re.compile(f"({WORD_RE.pattern})")
#: Tokens with glyphs that only ever stand for å/ä/ö: ``&``, ``@``, ``é``, a digit inside letters.
_STAND_IN_RE = re.compile(r"[&@é]|[^\W\d_][0-9]|[0-9][^\W\d_]")
_STAND_INS = Seed(_STAND_IN_RE, re.compile(r"[&@é0-9]"), 1)  # a match starts at, or just before, one of these
_COMBINING_RE = re.compile("[\u0300-\u036f]")
#: Names are read from all their copies only in text whose å/ä/ö mostly did not survive.
_NAMES_MAX_SURVIVAL = 0.5
#: A word the document uses counts as at least this common (zipf).
_DOCUMENT_WORD_ZIPF = 3.0
#: A word broken across lines with a hyphen: ``inter-\nnationella``.
#: (The lookbehind follows the hyphen so the pattern starts with a literal, which the engine finds fast.)
_HYPHEN_BREAK_RE = re.compile(r"-(?<=[\w&@|]-)[ \t]*\r?\n[ \t]*(?=[^\W\dA-ZÅÄÖ_]|[&@|])")


@dataclass
class Caches:
    """What one survival bucket remembers across documents.

    Every entry depends only on what its key names: the token, and where the key says so its
    neighbours or what a document's own words offer it. So entries hold for every document.
    """

    analyses: dict[str, Analysis | None] = field(default_factory=dict)
    #: lowercase token -> its decision, or None when the neighbours decide
    static: dict[str, tuple | None] = field(default_factory=dict)
    #: (lowercase token, left, right) -> decision
    in_context: dict[tuple[str, str | None, str | None], tuple] = field(default_factory=dict)
    #: (capitalised token, left, right, at line start, in a heading) -> decision
    capitalised: dict[tuple[str, str | None, str | None, bool, bool], tuple] = field(default_factory=dict)
    #: (token, document forms, which readings the document spells) -> (analysis, does the document bear on it)
    with_document: dict[tuple, tuple[Analysis | None, bool]] = field(default_factory=dict)
    #: that key -> decision, or None when the neighbours decide, for a lowercase token the document bears on
    touched_static: dict[tuple, tuple | None] = field(default_factory=dict)
    #: (that key, left, right) for lowercase, (that key, left, right, at line start, in a heading) for capitalised
    #: tokens the document bears on -> decision
    touched: dict[tuple, tuple] = field(default_factory=dict)
    #: tokens whose keys are in ``bearing``: the document's words meet one of them, or leave the token as it is
    keyed: set[str] = field(default_factory=set)
    #: folded key -> the tokens a document word with that key could bear on
    bearing: dict[str, list[str]] = field(default_factory=dict)
    #: token -> its decision whatever its neighbours, valid while no document word meets its keys
    fast: dict[str, tuple] = field(default_factory=dict)
    #: the fast tokens whose decision is to keep them
    inert: set[str] = field(default_factory=set)
    #: token with a stand-in glyph -> the word it adds to the document's vocabulary, if any
    taught: dict[str, str | None] = field(default_factory=dict)
    #: title-case token -> is it a word no lexicon knows (a name to read with its copies)?
    unknown: dict[str, bool] = field(default_factory=dict)

    def trim(self, limit: int) -> None:
        """Forget what outgrew ``limit``; the keyed tokens, their keys and the fast tables only together."""
        tables = (self.analyses, self.static, self.in_context, self.capitalised, self.with_document,
                  self.touched_static, self.touched, self.taught, self.unknown)
        for table in tables:
            if len(table) > limit:
                table.clear()
        if len(self.keyed) > limit:
            for keyed_table in (self.keyed, self.bearing, self.fast, self.inert):
                keyed_table.clear()


def _keep(tok: str) -> tuple:
    """The decision for a token left alone: no form, and the token itself as the next one's context."""
    return (None, 1.0, "", "", tok)


class Walk:
    """One pass over one document: token by token, left to right, collecting edits."""

    def __init__(
        self, r: Repairer, text: str, caches: Caches, analyser: WordAnalyser, evidence: DocumentVocabulary,
    ) -> None:
        self.r = r
        self.s = r.settings
        self.text = text
        self.caches = caches
        self.analyses = caches.analyses
        self.analyser = analyser
        self.evidence = evidence.copy()  # stand-in words learned here must not leak into the caller's
        self._has_evidence = bool(self.evidence)  # (set again once the stand-ins are learned)
        self._with_doc: dict[str, Analysis | None] = {}
        self._doc_touched: dict[str, tuple] = {}  # token the document bears on -> what it offers
        self._disturbed: set[str] = set()  # keyed tokens this document's words meet
        self._tokens: list[str] = []  # the text's tokens, and their offsets (see run())
        self._bounds: list[int] = []
        self.static = caches.static
        self.in_context = caches.in_context
        self._edits: list[Edit] = []  # left to right
        self._shift = 0  # output offset minus input offset after the edits so far
        self._english_lines: dict[int, bool] = {}  # line start -> is the line English
        self._names: dict[str, NameReading] = {}  # copy of a name -> how all its copies read
        self._guarded: set[int] = set()  # tokens in a URL or e-mail, or starting a word broken over lines

    def analysis(self, tok: str) -> Analysis | None:
        try:
            a = self.analyses[tok]
        except KeyError:
            a = self.analyses[tok] = self.analyser.analyse(tok)
        if self._has_evidence and (tok in self._disturbed or tok not in self.caches.keyed):
            return self._with_document_words(tok, a)
        return a  # the document's words do not meet its keys: its analysis stands

    def _with_document_words(self, tok: str, a: Analysis | None) -> Analysis | None:
        """Add the readings the document's own vocabulary offers for ``tok`` (``a``: its analysis
        before evidence). Cached per document, and across documents by what the document offers."""
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
        if forms and not (worth_looking(tok) and not (a is None and self.analyser.settled_clean(tok))):
            forms = None
        # All the document adds: its forms in the order they are tried, and which readings it spells.
        spelled = tuple(c.key in evidence for c in a.candidates) if a is not None else ()
        signature = (tok, tuple(forms) if forms else (), spelled)
        known = self.caches.with_document.get(signature)
        if known is None:
            known = self.caches.with_document[signature] = self._add_document_words(tok, a, forms, spelled)
        a, touched = known
        if touched:
            self._doc_touched[tok] = signature  # the document's words bear on this token
        self._with_doc[tok] = a
        return a

    def _add_document_words(
        self, tok: str, a: Analysis | None, forms: set[str] | None, spelled: tuple[bool, ...],
    ) -> tuple[Analysis | None, bool]:
        """``tok``'s analysis with the document's ``forms`` as readings too, and whether the
        document bears on it (a reading added, or one of its readings spelled in the document)."""
        extra = []
        if forms:
            have = {c.key for c in a.candidates} if a is not None else set()
            for form in forms - have:
                zipf = max(self.r.lexicon.zipf(form), _DOCUMENT_WORD_ZIPF)
                c = self.analyser.known_form(tok, form, zipf, "document")
                if c is not None:
                    extra.append(c)
        if extra:
            a = self.analyser.rank(tok, [c for c in (a.candidates if a else ()) if c.form != tok] + extra)
        return a, bool(extra) or any(spelled)

    def _learn_stand_ins(self) -> None:
        """Tokens whose glyphs say å/ä/ö was there (``&``, ``é``, ``6`` inside a word) are the
        document's surest evidence: their confident readings join its vocabulary, so plain
        spellings of the same words elsewhere follow (``Lévsj6`` -> ``Lövsjö``, then ``Lovsjo``)."""
        taught = self.caches.taught
        names = self._names
        for tok in tokens_containing(_STAND_INS, self.text):
            if tok in names:
                continue
            if tok in taught:
                word = taught[tok]
            else:
                word = taught[tok] = self._teaches(tok)
            if word is not None:
                self.evidence.add(word)

    def _learn_names(self) -> None:
        """Read each name no lexicon knows from all its copies in the document (:mod:`.names`):
        the walk spells every copy so, and the reading joins the document's vocabulary."""
        unknown = self.caches.unknown
        counts = Counter(NAME_TOKEN_RE.findall(self.text))
        for tok in counts:
            if tok not in unknown:
                unknown[tok] = self._unknown(tok)
        counts = Counter({tok: n for tok, n in counts.items() if unknown[tok]})
        if len(counts) < 2:
            return
        analyser = self.analyser
        proposals = {}
        for tok in counts:
            a = self._analysed(tok)  # (the analyses cache may have been trimmed since ``unknown`` was filled)
            if a is not None and a.best.source == "compound" and a.best.form != fold(a.best.form):
                proposals[tok] = a.best.form
        names = self._names = name_readings(
            counts, analyser.model, analyser.chars,
            lambda form: analyser.compound(form, identity_only=True) is not None, proposals)
        for reading in names.values():
            self.evidence.add(reading.form)  # (once per copy: the name's other inflections follow)

    def _analysed(self, tok: str) -> Analysis | None:
        """``tok``'s analysis before document evidence, from the cache or made now."""
        if tok in self.analyses:
            return self.analyses[tok]
        a = self.analyses[tok] = self.analyser.analyse(tok)
        return a

    def _unknown(self, tok: str) -> bool:
        """Is ``tok`` no word the lexicon knows, read at best as a compound (names often are
        compounds of words: ``Björkåsa``, ``Kvarnbäcken``)?"""
        if self.r.lexicon.is_word(tok.lower()):
            return False
        a = self._analysed(tok)
        return a is None or a.best.source in ("unknown", "compound")

    def _teaches(self, tok: str) -> str | None:
        """The word a stand-in token adds to the document's vocabulary: its confident reading,
        or, for a capitalised one no lexicon knows, its glyphs read one by one."""
        if not worth_looking(tok) or self.r.lexicon.is_word(tok.lower()):
            return None
        a = self._analysed(tok)
        if a is not None and a.best.source != "unknown":
            return a.best.key if _softmax_top([(c.score, c) for c in a.candidates]) >= 0.9 else None
        if a is None and tok[:1].isupper() and not tok.isupper():
            restored = self.analyser.model.restore_stand_ins(tok)
            chars = self.analyser.chars
            # ... when the reading looks more Swedish than the print: 'Lévsj6' -> 'Lövsjö', but
            # 'Municipalité' and 'René' keep the é a French or Spanish name has.
            if restored is not None and restored.isalpha() and (
                    chars is None or chars.shape(restored) - chars.shape(tok) >= _RESTORE_SHAPE_GAIN):
                return restored
        return None

    # -- tokens decided once for all documents -----------------------------------------------
    def _register(self, tok: str, a: Analysis | None) -> None:
        """Key ``tok`` (with its analysis ``a`` before document evidence): note which document
        words could bear on it. If its decision needs no neighbours either (no analysis at all,
        or a lowercase token's static decision), make it a fast token."""
        caches = self.caches
        by_key = self.evidence.by_key
        for key in self._bearing_keys(tok, a):
            caches.bearing.setdefault(key, []).append(tok)
            if key in by_key:
                self._disturbed.add(tok)
        caches.keyed.add(tok)
        if tok == "I":
            return  # a lone 'I' depends on the word before it
        entry: tuple | None
        if a is None:
            entry = _keep(tok)
        elif tok[:1].islower():
            static = caches.static
            if tok not in static:
                static[tok] = self._static_decision(a, tok)
            entry = static[tok]
            if entry is None:
                return
        else:
            return
        caches.fast[tok] = entry
        if entry[0] is None:
            caches.inert.add(tok)

    def _bearing_keys(self, tok: str, a: Analysis | None) -> set[str]:
        """Keys of the document words :meth:`_with_document_words` could add to ``tok`` or find
        among its readings; a document with none of them leaves ``tok``'s analysis as it is."""
        worth = worth_looking(tok) and not self.analyser.settled_clean(tok)
        if a is None and not worth:
            return set()  # never given readings
        keys = {fold(tok)}
        if a is not None:
            keys.update(fold(c.key) for c in a.candidates)
        if worth and tok[:1].isupper() and (a is None or a.best.source == "unknown"):
            keys.update(key for key, _lp in self.analyser.model.folded_keys(tok)[:8])
        return keys

    def _disturbed_tokens(self) -> set[str]:
        """The keyed tokens this document's words could bear on: in this document, they are
        judged with its words (and fast ones lose their shortcut)."""
        bearing = self.caches.bearing
        out: set[str] = set()
        for key in self.evidence.by_key:
            toks = bearing.get(key)
            if toks:
                out.update(toks)
        return out

    def _to_visit(
        self, spans: list[tuple[int, int]], halves: dict[int, re.Match[str]], combining: bool,
    ) -> Iterable[int]:
        """Indices of the tokens the walk must look at. The others are kept whatever their neighbours
        and this document (and are not in a URL or a broken word): each is only the next one's context."""
        tokens = self._tokens
        if combining:
            return range(len(tokens))  # normalising to NFC changes tokens: judge every one the long way
        distinct = set(tokens)
        interesting = (distinct - self.caches.inert) | (distinct & self._disturbed)
        visit = list(compress(count(), map(interesting.__contains__, tokens)))  # (set operations: C speed)
        if spans or halves:
            starts = self._bounds[1:-1:2]
            guarded = {i for i in (bisect.bisect_left(starts, pos) for pos in halves) if i < len(starts)}
            for a, b in spans:
                guarded.update(range(bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)))
            self._guarded = guarded
            visit = sorted(guarded.union(visit))
        return visit

    def run(self) -> RepairResult:
        text = self.text
        if self.analyser.model.survival < _NAMES_MAX_SURVIVAL:
            self._learn_names()
        if _STAND_INS.search(text):
            self._learn_stand_ins()
        halves = self._hyphen_halves() if "-" in text else {}
        has_evidence = self._has_evidence = bool(self.evidence)
        disturbed = self._disturbed = self._disturbed_tokens() if has_evidence else set()
        names = self._names
        if names:
            disturbed.update(names)  # visited the long way, where the reading is applied
        combining = _COMBINING_RE.search(text) is not None
        parts = _TOKEN_SPLIT_RE.split(text)  # separator, token, separator, ..., token, separator
        tokens = self._tokens = parts[1::2]
        bounds = self._bounds = list(accumulate(map(len, parts), initial=0))  # token k: bounds[2k+1]:bounds[2k+2]
        if (
            self.analyser.model.survival >= 0.95 and not halves and not combining
            and self.caches.inert.issuperset(tokens) and disturbed.isdisjoint(tokens)
        ):
            return RepairResult(original=text, text=text)  # common in clean text; rare enough elsewhere not to look
        spans = protected_spans(text)
        span_starts = [a for a, _ in spans]
        caches = self.caches
        static = self.static
        in_context = self.in_context
        capitalised = caches.capitalised
        touched_cache = caches.touched
        touched_static = caches.touched_static
        keyed = caches.keyed
        fast = {} if combining else caches.fast  # (see _to_visit)
        kept = caches.fast  # the decisions of the tokens not visited
        guarded = bool(spans or halves)
        analyses = self.analyses
        with_doc = self._with_doc
        english = english_words()
        emit = self._emit
        done = -1  # the tokens up to here are walked
        prev_end = 0
        prev_out: str | None = None
        visit = self._to_visit(spans, halves, combining)
        guarded_tokens = self._guarded  # (the tokens in a URL or starting a broken word: see _to_visit)
        for k in visit:
            if k <= done:
                continue  # the second half of a word broken across lines, walked with the first
            if k > done + 1:  # the token before was not visited: kept, it is only this one's context
                prev_out, prev_end = kept[tokens[k - 1]][4], bounds[2 * k]
            done = k
            tok = orig = tokens[k]
            start, end = bounds[2 * k + 1], bounds[2 * k + 2]
            st = fast.get(tok)
            if st is not None and tok not in disturbed and not (guarded and k in guarded_tokens):
                # A token decided once for all documents, as the long way below would decide it.
                prev_end = end
                if st[0] is None:
                    prev_out = st[4]
                elif english and tok.lower() in english and self._english_line(start):
                    prev_out = tok
                else:
                    form, conf, why, note, prev_out = st
                    emit(start, end, orig, form, conf, why, note)
                continue
            if names and tok in names and names[tok].form != tok and not (spans and _inside(spans, span_starts, start)):
                reading = names[tok]
                note = reading.explain(tok)
                story = glyph_story(self.r.confusion, tok, reading.form)
                emit(start, end, orig, reading.form, reading.confidence, "name", f"{note}; {story}" if story else note)
                prev_out, prev_end = reading.form, end
                continue
            if combining and _COMBINING_RE.search(tok):
                tok = unicodedata.normalize("NFC", tok)  # judge 'a'+U+0308 as 'ä'; replace the original
            if tok in analyses:  # self.analysis(tok), inlined: this loop is the hot path
                a = analyses[tok]
            else:
                a = analyses[tok] = self.analyser.analyse(tok)
            if tok not in keyed:
                self._register(tok, a)
            touched = False
            if has_evidence and tok in disturbed:  # else the document's words leave it as it is
                a = with_doc[tok] if tok in with_doc else self._with_document_words(tok, a)
                touched = tok in self._doc_touched
            if spans and _inside(spans, span_starts, start):
                a = None
            if start in halves:
                prev_out = self._hyphenated(start, end, halves[start])
                prev_end = halves[start].end()
                done = k + 1  # the second half is done too
                continue
            if tok == "I" and prev_out is not None and self._lone_capital_i(prev_end, start, prev_out):
                self._emit(start, end, "I", "i", 0.8, "context",
                           "a lone capital I inside a Swedish sentence is the preposition 'i'")
                prev_out, prev_end = "i", end
                continue
            if a is None:
                prev_out, prev_end = tok, end
                continue
            if tok[:1].islower():
                # Most decisions do not depend on the neighbours: decide those once per token (or, when
                # the document's words bear on it, per what they offer), the rest once per (that, left
                # word, right word). The caches outlive the document.
                key: str | tuple
                if touched:
                    key = self._doc_touched[tok]
                    if key in touched_static:
                        st = touched_static[key]
                    else:
                        st = touched_static[key] = self._static_touched_decision(a, tok, start, end)
                    in_context_here = touched_cache
                else:
                    key = tok
                    if tok in static:
                        st = static[tok]
                    else:
                        st = static[tok] = self._static_decision(a, tok)
                    in_context_here = in_context
                if st is None:
                    left = prev_out if prev_out is not None and not is_boundary(text, prev_end, start) else None
                    key3 = (key, left, self._right_neighbour(k))
                    st = in_context_here.get(key3)
                    if st is None:
                        st = in_context_here[key3] = self._decision(a, tok, start, end, left, key3[2])
            else:
                # Capitalised (a name?): decided per token (or per what the document offers it),
                # neighbours and line start.
                left = prev_out if prev_out is not None and not is_boundary(text, prev_end, start) else None
                right = self._right_neighbour(k)
                line_start = left is not None and at_line_start(text, start)
                # An 'A'/'O' keeps its capital in a heading (see _decision): part of the key.
                heading = left is not None and tok[:1] in "AO" and self._heading_line(start)
                key4: tuple
                if touched:
                    cache, key4 = touched_cache, (self._doc_touched[tok], left, right, line_start, heading)
                else:
                    cache, key4 = capitalised, (tok, left, right, line_start, heading)
                st = cache.get(key4)
                if st is None:
                    st = cache[key4] = self._decision(a, tok, start, end, left, right)
            prev_end = end
            if st[0] is None:
                prev_out = st[4]
            elif english and tok.lower() in english and self._english_line(start):
                prev_out = tok  # an English word in an English line: 'planning for public buildings'
            else:
                form, conf, why, note, prev_out = st
                emit(start, end, orig, form, conf, why, note)
        return self._result()

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
        return (best.form, round(conf, 3), best.source, explain(tok, best, best.source, scored, self.r.confusion), best.key)

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
            and not self._heading_line(start) and not _PLACE_NAME_RE.search(best.key)
        ):
            form = form[:1].lower() + form[1:]  # 'A'/'O' is how the OCR prints a lowercase å/ä/ö
        if form == tok:
            return (None, conf, "", "", best.key)
        if conf < self._needed(a.candidates) and not self._surely_damaged(scored, tok):
            return (None, conf, "", "", tok)
        return (form, round(conf, 3), why, explain(tok, best, why, scored, self.r.confusion), best.key)

    def _decide(
        self, a: Analysis, tok: str, start: int, end: int, left: str | None, evidence: DocumentVocabulary,
        right: str | None,
    ) -> tuple[Candidate, float, str, list[tuple[float, Candidate]]]:
        s = self.s
        scored, why = self._scored(a, tok, start, left, evidence)
        if self._neighbours_matter(scored):
            before = scored[0][1]
            # A sentence start is context too: 'Här är' opens sentences, 'har är' never does.
            gains = self.r.context_gains(BOS if left is None else left, [c.key for _, c in scored], right)
            scored = [(sc + s.context_weight * g, c) for (sc, c), g in zip(scored, gains)]
            if left is not None and s.repeat_penalty:
                low = tok.lower()
                scored = [(sc - s.repeat_penalty if c.key == left and low != left else sc, c) for sc, c in scored]
            scored.sort(key=lambda x: -x[0])
            if scored[0][1] is not before:
                why = "context"
        best = scored[0][1]
        return best, _softmax_top(scored), why or best.source, scored

    def _scored(
        self, a: Analysis, tok: str, start: int, left: str | None, evidence: DocumentVocabulary,
    ) -> tuple[list[tuple[float, Candidate]], str]:
        """The readings scored with the document's evidence (and as a name, for a capitalised word
        inside a sentence), best first; and "document" when the evidence changed the best."""
        s = self.s
        cands = a.candidates
        scored = [(c.score, c) for c in cands]
        why = ""
        if evidence:
            # A common word as printed ('var', 'har') is no less likely for the document also
            # spelling its look-alike with diacritics ('vår' in another sentence): less weight then.
            common = self.r.lexicon.zipf(tok.lower()) >= s.common_word_zipf
            weight = s.doc_bonus * (s.common_doc_share if common else 1.0)
            bonus = [(sc + (weight if c.key in evidence else 0.0), c) for sc, c in scored]
            if max(bonus, key=lambda x: x[0])[1] is not cands[0]:
                why = "document"
            scored = bonus
        if (
            tok[:1].isupper()
            and left is not None and not at_line_start(self.text, start)
            and not _capital_stands_in(tok, cands[0])
            and not _glyphs_tell(self.r.confusion, self.analyser.chars, tok, cands[0])
            and not _definite_noun(cands)
        ):
            spelled = any(
                c.source != "identity" and (c.key in evidence or self.r.is_proper(c.key)) for c in cands
            )
            scored = [(sc + self._name_adjust(c, spelled, tok), c) for sc, c in scored]
        scored.sort(key=lambda x: -x[0])
        return scored, why

    def _neighbours_matter(self, scored: list[tuple[float, Candidate]]) -> bool:
        """Only two real words scoring close enough are told apart by their neighbours."""
        return (
            self.r.context is not None
            and len(scored) > 1
            and scored[1][0] > scored[0][0] - self.s.context_window
            and _two_words(c for _, c in scored)
        )

    def _static_touched_decision(self, a: Analysis, tok: str, start: int, end: int) -> tuple | None:
        """:meth:`_static_decision` for a lowercase token the document's words bear on (``a`` with
        them): its decision when the neighbours cannot change it, else None."""
        if self._neighbours_matter(self._scored(a, tok, start, None, self.evidence)[0]):
            return None
        return self._decision(a, tok, start, end, None, None)  # no neighbours: a lowercase word needs none here

    def _name_adjust(self, c: Candidate, spelled: bool, tok: str) -> float:
        """A capitalised word inside a sentence is probably a name: favour names and the token as is,
        unless a reading is itself a name the lexicon or the document spells with diacritics
        (``spelled``: 'Agren' -> 'Ågren')."""
        if c.source == "unknown":
            return 0.0 if spelled else self.s.name_bonus
        if c.source == "identity" or c.key in self.evidence or self.r.is_proper(c.key):
            return 0.0  # the token as it is, a name the document uses, or a name the lexicon knows
        # A name read through a glyph the OCR seldom makes ('Ksar' -> 'Köar': s for ö) is more
        # likely a foreign name than a damaged Swedish word.
        # (Not when the capital itself stands in for a letter: 'Idrandet' is 'lärandet'.)
        rare = c.loglik < self.s.rare_glyph_loglik and c.key[:1] == tok[:1].lower()
        return -self.s.name_penalty - (self.s.rare_glyph_penalty if rare else 0.0)

    def _right_neighbour(self, k: int) -> str | None:
        """The word after token ``k`` (its best reading), looked for in the next 80 characters;
        None past a sentence end or a paragraph break."""
        tokens, bounds = self._tokens, self._bounds
        end = bounds[2 * k + 2]
        if k + 1 < len(tokens) and bounds[2 * k + 4] <= end + 80:
            word, start = tokens[k + 1], bounds[2 * k + 3]  # what the search below would find
        else:
            m = TOKEN_RE.search(self.text, end, end + 80)
            if m is None:
                return None
            word, start = m.group(), m.start()
        if is_boundary(self.text, end, start):
            return None
        a = self.analysis(word)
        return a.best.key if a is not None else word

    def _heading_line(self, pos: int) -> bool:
        """Is ``pos`` on a line of its own that reads as a heading (short, after a blank line or the
        start, not ending a sentence)? There capitals are meant ('Projekt 2 – Öppna data')."""
        text = self.text
        begin = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        line = text[begin : end if end >= 0 else len(text)].strip()
        if len(line) > 70 or line.endswith((".", "!", "?", ",", "-")) or line[:1].islower() or _SENTENCE_END_INSIDE.search(line):
            return False  # prose: a sentence, or a paragraph's line (lower-case start, a word broken off)
        before = text[max(0, begin - 2) : begin]
        return begin == 0 or before == "\n\n" or not text[:begin].strip()

    def _lone_capital_i(self, prev_end: int, start: int, prev_out: str) -> bool:
        """``I`` inside a sentence (after a lowercase word, no sentence end between) is ``i``;
        not after a bullet, which opens an item ('• I samarbete sedan 2017'), nor in a line set
        in capitals."""
        text = self.text
        line_begin = text.rfind("\n", 0, start) + 1
        prefix = text[line_begin:start].strip()
        if prefix and prefix[-1] in _ITEM_MARKS:
            return False
        line_end = text.find("\n", start)
        line = text[line_begin : line_end if line_end >= 0 else len(text)]
        if sum(c.isupper() for c in line) > 2 * sum(c.islower() for c in line):
            return False  # a line in capitals ('TANDHÄLSA I SKOLAN'): its I is a capital i
        return prev_out[:1].islower() and not is_boundary(text, prev_end, start)

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

    def _hyphenated(self, start: int, end: int, tail: re.Match[str]) -> str:
        """Judge ``behs-`` + ``ver`` (the token at ``start:end`` and ``tail``) as ``behsver``;
        split a repair back over the two lines."""
        a, b = self.text[start:end], tail.group()
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
            self._emit(start, end, a, split[0], conf, "hyphenation", note)
        if split[1] != b:
            self._emit(tail.start(), tail.end(), b, split[1], conf, "hyphenation", note)
        return best.key

    def _english_line(self, pos: int) -> bool:
        """:func:`.document.english_line` for the line around ``pos``, once per line."""
        begin = self.text.rfind("\n", 0, pos) + 1
        if begin not in self._english_lines:
            self._english_lines[begin] = english_line(self.text, begin, english_words())
        return self._english_lines[begin]

    # -- output ---------------------------------------------------------------------------
    def _emit(self, start: int, end: int, before: str, after: str, conf: float, reason: str, note: str) -> None:
        """Replace ``text[start:end]`` (which is ``before``) by ``after``; edits come left to right."""
        out_start = start + self._shift
        self._edits.append(Edit(start, end, before, after, conf, reason, note, out_start, out_start + len(after)))
        self._shift += len(after) - (end - start)

    def _result(self) -> RepairResult:
        """The repaired text: the text between the edits, and what they put in."""
        text = self.text
        pieces: list[str] = []
        pos = 0
        for e in self._edits:
            pieces.append(text[pos:e.start])
            pieces.append(e.after)
            pos = e.end
        pieces.append(text[pos:])
        return RepairResult(original=text, text="".join(pieces), edits=self._edits)


#: Definite and plural endings of Swedish nouns, which names do not take.
_DEFINITE_ENDS = ("erna", "arna", "orna", "ningen", "heten", "andet", "endet", "ningar")


#: A street or place name's head in its definite form ('Åkervägen', 'Ängsbacken', 'Östersjön'): there
#: the capital is meant, not the OCR's way of printing a lower-case å/ä/ö.
_PLACE_NAME_RE = re.compile(r"\w{3}(?:vägen|gatan|gränd|backen|torget|platsen|parken|gården|sjön|viken|holmen|"
                            r"udden|skogen|dalen|berget|ängen|hagen|stranden|bron|leden|allén)$")
_SENTENCE_END_INSIDE = re.compile(r"\w[.!?] +[A-ZÅÄÖ]")


def _definite_noun(cands: Iterable[Candidate]) -> bool:
    """Is a reading a long noun in its definite or plural form ('Hälsostationerna')? A capital on
    such a word, inside a line OCR merged from two columns, opens the other column; it is no name."""
    return any(c.source in ("lexicon", "compound") and len(c.key) >= 10 and c.key.endswith(_DEFINITE_ENDS)
               for c in cands)


def _two_words(cands: Iterable[Candidate]) -> bool:
    """Do at least two readings name real words (the token itself or candidates)? Only then can
    the neighbours choose: 'hér' may be 'hör' or 'här', 'har' may be 'har' or 'här'."""
    return sum(1 for c in cands if c.source != "unknown") >= 2


#: Marks that open a list item: a capital after one opens the item, whatever came before.
_ITEM_MARKS = frozenset("•◦▪●‣∙✓✔☑➢►▶■□◆❖→›-–—*+«»·")


def _glyphs_tell(model: ConfusionModel, chars: CharModel | None, tok: str, best: Candidate) -> bool:
    """Does a name's compound reading put å/ä/ö where the OCR printed a glyph that is no plain
    fold, and read as markedly more Swedish than the print ('Sjdholm' -> Sjöholm: 'd' for
    'ö')? Then the name was damaged, whatever its capital. (A reading that looks
    no more Swedish than the print stays unapplied.)"""
    if best.source != "compound" or chars is None:
        return False
    if chars.shape(best.form) - chars.shape(tok) < _NAME_SHAPE_GAIN:
        return False
    path = model.align(tok, best.form)
    return bool(path) and any(t.lower() in "åäö" and g.lower() not in ("a", "o") for t, g in path)


#: How much more Swedish (letter-trigram shape, nats per letter) a repaired name must read.
_NAME_SHAPE_GAIN = 0.5
#: How much more Swedish (letter model) a name read glyph by glyph must look than its print.
_RESTORE_SHAPE_GAIN = 0.4


def _capital_stands_in(tok: str, best: Candidate) -> bool:
    """Is the capital that opens ``tok`` a glyph the OCR printed for another letter (``S`` for
    ö in 'Sppnar', ``G`` for ä in 'Grenden')? Then it says nothing about a name. Not ``I``:
    it opens too many names ('Ion', 'Ida') to be taken for an 'l'."""
    return (
        best.source in ("lexicon", "compound") and tok[:1] != "I" and fold(best.key[:1]) != fold(tok[:1].lower())
    )


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
