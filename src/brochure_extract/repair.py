"""Restore å/ä/ö in Swedish text that went through an English-only OCR model.

How a token is repaired (see :class:`Repairer`):

1. The confusion model lists the diacritic-folded keys the OCR token could stand
   for (``Vaxjé`` -> ``vaxjo``); the lexicon returns the Swedish words with those
   keys (``växjö``).
2. Each candidate is scored by Bayes' rule: log P(OCR glyphs | word) from the
   confusion model plus log P(word) from Swedish word frequencies, plus a bonus
   when the same document spells the word with its diacritics elsewhere.
3. Tokens that are real words themselves (``har``/``här``, ``vara``/``våra``) are
   decided in context with word-bigram statistics of the neighbours.
4. Unknown compounds are split into known parts (``héllbarhetsmal`` ->
   ``hållbarhets`` + ``mål``).

A document-level estimate of how many å/ä/ö survived scales all of this: clean
text keeps its ``har`` and ``for``; a fully folded document gets them repaired.
Names, acronyms, URLs, e-mail addresses and numbers are left alone unless the
lexicon knows the repaired form. Every change is an :class:`~.edits.Edit`.
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from .confusion import ConfusionModel
from .edits import Edit, RepairResult, apply_edits

if TYPE_CHECKING:  # pragma: no cover
    pass

#: Token pattern, identical to the evaluator's (OCR stand-ins & @ | count as word characters).
_TOKEN_RE = re.compile(r"[\w&@|]*\w[\w&@|]*|&+")
_URL_EMAIL_RE = re.compile(
    r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:se|com|org|net|nu|eu|fi|no|dk|de|info|gov|edu|za)\b(?:/\S*)?",
    re.IGNORECASE,
)
_DIACRITICS = frozenset("åäöÅÄÖ")
#: Glyphs that English-model OCR prints for å/ä/ö and that rarely occur in clean Swedish words.
_SUSPICIOUS = frozenset("&@|é")
_SENTENCE_END = frozenset(".!?:;")
#: Expected share of å/ä/ö among letters of Swedish prose (about 4 %).
_EXPECTED_DIACRITIC_RATE = 0.04
_LN10 = math.log(10)


class LexiconLike(Protocol):
    def candidates(self, key: str) -> tuple[tuple[str, float], ...]: ...
    def zipf(self, word: str) -> float: ...
    def is_word(self, word: str) -> bool: ...


class ContextLike(Protocol):
    def logprob(self, left: str | None, word: str, right: str | None) -> float: ...


@dataclass(frozen=True)
class Settings:
    """Weights of the scoring, in natural-log units (nats).

    ``keep_prior`` is the zipf frequency we pretend an unknown token has (names,
    rare compounds): a candidate must beat it by ``change_margin`` to replace it.
    """

    keep_prior: float = 0.0
    name_bonus: float = 2.0 * _LN10
    name_penalty: float = 3.0
    suspicious_penalty: float = 3.0
    change_margin: float = 1.0
    doc_bonus: float = 3.0
    context_weight: float = 1.0
    min_confidence: float = 0.5
    min_loglik: float = -16.0
    context_window: float = 6.0


@dataclass(frozen=True)
class _Cand:
    form: str  # output form, case applied
    score: float  # log P(ocr|form) + log P(form) (+ doc bonus)
    loglik: float
    key: str  # lowercase form for context lookup
    reason: str


#: Sentinel for "leave this token alone".
_KEEP: tuple[_Cand, ...] = ()


class Repairer:
    """A lexicon + confusion model + context model, with per-token caches.

    One instance per process is enough (:func:`default_repairer`); it is safe to
    reuse across documents because document-specific evidence is passed per call.
    """

    def __init__(
        self,
        lexicon: LexiconLike | None = None,
        confusion: ConfusionModel | None = None,
        context: ContextLike | None = None,
        settings: Settings | None = None,
    ) -> None:
        if lexicon is None:
            from .lexicon import Lexicon

            lexicon = Lexicon.default()
        if context is None:
            context = _load_default_context()
        self.lexicon = lexicon
        self.confusion = confusion or ConfusionModel.default()
        self.context = context
        self.settings = settings or Settings()

    # -- public -------------------------------------------------------------------
    def repair(self, text: str, *, doc_words: Counter[str] | None = None) -> RepairResult:
        """Repair ``text`` using only the lexicon and the text itself."""
        if not text:
            return RepairResult(original=text, text=text)
        survival = estimate_survival(text)
        model = self.confusion.with_survival(survival)
        evidence = doc_words if doc_words is not None else diacritic_vocabulary(text)
        analyse = _Analyser(self, model, evidence)
        tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]
        protected = _protected_spans(text)
        decisions: list[tuple[_Cand, ...] | None] = []
        for start, _end, tok in tokens:
            if protected and _inside(protected, start):
                decisions.append(None)
                continue
            decisions.append(analyse(tok))
        edits = self._hyphenated(text, tokens, decisions, analyse)
        edits.extend(self._decide(text, tokens, decisions))
        edits.sort(key=lambda e: e.start)
        out, placed = apply_edits(text, _drop_overlaps(edits))
        return RepairResult(original=text, text=out, edits=placed)

    # -- decisions ------------------------------------------------------------------
    def _decide(
        self, text: str, tokens: list[tuple[int, int, str]], decisions: list[tuple[_Cand, ...] | None]
    ) -> list[Edit]:
        s = self.settings
        edits: list[Edit] = []
        prev_out: str | None = None
        n = len(tokens)
        for i, (start, end, tok) in enumerate(tokens):
            cands = decisions[i]
            left = prev_out if i > 0 and not _boundary(text, tokens[i - 1][1], start) else None
            if tok == "I" and left is not None and _lowercase_context(tokens, i):
                edits.append(Edit(start, end, "I", "i", 0.8, "context",
                                  "a lone capital I inside a Swedish sentence is the preposition 'i'"))
                prev_out = "i"
                continue
            if not cands:
                prev_out = tok.lower()
                continue
            if len(cands) > 1 and self.context is not None and cands[1].score > cands[0].score - s.context_window:
                right = None
                if i + 1 < n and not _boundary(text, end, tokens[i + 1][0]):
                    nxt = decisions[i + 1]
                    right = nxt[0].key if nxt else tokens[i + 1][2].lower()
                scored = [(c.score + s.context_weight * self._context_gain(left, c.key, right), c) for c in cands]
                reason = "context"
            else:
                scored = [(c.score, c) for c in cands]
                reason = ""
            if tok[:1].isupper() and left is not None and not _line_start(text, start):
                # Capitalised inside a sentence: probably a name, so prefer names and the token itself.
                scored = [(sc + self._name_adjust(c), c) for sc, c in scored]
                scored.sort(key=lambda x: -x[0])
            scored.sort(key=lambda x: -x[0])
            best_score, best = scored[0]
            if reason == "context" and (best is cands[0] or cands[-1].reason == "unknown" or
                                        not any(c.reason == "identity" for c in cands)):
                reason = ""  # context only confirmed the lexicon's choice
            conf = _softmax_top(scored)
            prev_out = best.key
            if best.form == tok or conf < s.min_confidence:
                if best.form != tok:
                    prev_out = tok.lower()
                continue
            why = reason or best.reason
            edits.append(Edit(start, end, tok, best.form, round(conf, 3), why, _explain(tok, best, why, scored)))
        return edits

    def _context_gain(self, left: str | None, word: str, right: str | None) -> float:
        """How much the neighbours raise ``word`` over its plain frequency (already in the score)."""
        assert self.context is not None
        return self.context.logprob(left, word, right) - self.context.logprob(None, word, None)

    def _name_adjust(self, c: _Cand) -> float:
        """Score change for a candidate of a capitalised mid-sentence token (likely a name)."""
        s = self.settings
        if c.reason == "unknown":
            return s.name_bonus
        if c.reason == "identity":
            return 0.0
        is_proper = getattr(self.lexicon, "is_proper", None)
        return 0.0 if is_proper is not None and is_proper(c.key) else -s.name_penalty

    def _hyphenated(
        self, text: str, tokens: list[tuple[int, int, str]], decisions: list[tuple[_Cand, ...] | None],
        analyse: _Analyser,
    ) -> list[Edit]:
        """Words broken across lines (``behs-\\nver``): judge the joined word, split the fix back.

        The halves alone are fragments (``tande`` of ``omfat-tande``) and are never
        repaired on their own, so ``decisions`` for both halves is cleared here.
        """
        edits: list[Edit] = []
        for i in range(len(tokens) - 1):
            s1, e1, a = tokens[i]
            s2, e2, b = tokens[i + 1]
            gap = text[e1:s2]
            if not (gap.startswith("-") and "\n" in gap and gap.strip() == "-" and b[:1].islower()):
                continue
            decisions[i] = decisions[i + 1] = None
            joined = a + b
            if self.lexicon.is_word(joined.lower()):
                continue
            cands = analyse(joined)
            if not cands or cands[0].form == joined:
                continue
            best = cands[0]
            split = _split_form(self.confusion, joined, best.form, len(a))
            if split is None:
                continue
            fa, fb = split
            conf = round(_softmax_top([(c.score, c) for c in cands]), 3)
            if conf < self.settings.min_confidence:
                continue
            note = f"the word broken across lines reads {best.form!r} when joined"
            if fa != a:
                edits.append(Edit(s1, e1, a, fa, conf, "hyphenation", note))
            if fb != b:
                edits.append(Edit(s2, e2, b, fb, conf, "hyphenation", note))
        return edits


class _Analyser:
    """Scores the candidate words for one token type in one document (cached per token)."""

    def __init__(self, repairer: Repairer, model: ConfusionModel, evidence: Counter[str]) -> None:
        self.r = repairer
        self.model = model
        self.evidence = evidence
        self.cache: dict[str, tuple[_Cand, ...] | None] = {}
        self.parts: dict[tuple[str, bool, int, bool, bool], _Cand | None] = {}

    def __call__(self, tok: str) -> tuple[_Cand, ...] | None:
        got = self.cache.get(tok, _MISSING)
        if got is _MISSING:
            got = self._analyse(tok)
            self.cache[tok] = got
        return got  # type: ignore[return-value]

    def _analyse(self, tok: str) -> tuple[_Cand, ...] | None:
        """None: leave alone. Otherwise candidates, best first (the token itself is one of them)."""
        if not _worth_looking(tok):
            return None
        s = self.r.settings
        lex = self.r.lexicon
        low = tok.lower()
        cands = self._candidates(tok)
        if lex.is_word(low):
            ident = _Cand(tok, self._keep_loglik(tok) + lex.zipf(low) * _LN10 + self._bonus(low), 0.0, low, "identity")
        else:
            direct = any(c.loglik > -8.0 for c in cands)
            compound = None if direct else self._compound(tok)
            if compound is not None and compound.form != tok:
                cands.append(compound)
            prior = s.keep_prior * _LN10 - s.suspicious_penalty * _suspicion(tok)
            as_is = self._compound(tok, identity_only=True)
            if as_is is not None:
                # The token is itself a compound of known words: as plausible as that reading.
                prior = max(prior, as_is.score)
            ident = _Cand(tok, prior + s.change_margin, 0.0, low, "unknown")
        pool = {c.form: c for c in cands if c.form != tok}
        if not pool:
            return None
        ranked = sorted([ident, *pool.values()], key=lambda c: -c.score)
        ranked = [c for c in ranked if c.score > ranked[0].score - 12.0][:6]
        if len(ranked) == 1 and ranked[0] is ident:
            return None
        return tuple(ranked)

    def _keep_loglik(self, tok: str) -> float:
        ll = self.model.log_likelihood(tok, tok)
        return ll if ll is not None else 0.0

    def _bonus(self, low: str) -> float:
        return self.r.settings.doc_bonus if low in self.evidence else 0.0

    def _candidates(self, tok: str) -> list[_Cand]:
        """Lexicon words the OCR could have printed as ``tok`` (the confusion model's folded keys)."""
        s = self.r.settings
        lex = self.r.lexicon
        out: list[_Cand] = []
        seen: set[str] = set()
        lowercase = tok[:1].islower()
        is_proper = getattr(lex, "is_proper", None)
        for key, _klp in self.model.folded_keys(tok):
            for form, zipf in lex.candidates(key):
                if form in seen:
                    continue
                seen.add(form)
                if lowercase and is_proper is not None and is_proper(form):
                    continue  # 'hakan' (chin) is not the name 'Håkan'
                cased = _apply_case(tok, form)
                ll = self.model.log_likelihood(tok, cased)
                if ll is None or ll < s.min_loglik:
                    continue
                out.append(_Cand(_output_case(tok, cased), ll + zipf * _LN10 + self._bonus(form), ll, form, "lexicon"))
        return out

    def _compound(self, tok: str, identity_only: bool = False) -> _Cand | None:
        """The best reading of an unknown ``tok`` as a compound of known words (Swedish writes them as one).

        May return ``tok`` unchanged (it is a valid compound) or a repaired form
        (``héllbarhetsmal`` -> ``hållbarhetsmål``). None when no split works.
        """
        if len(tok) < 6 or not _compoundable(tok):
            return None
        return self._part(tok, first=False, depth=0, whole=True, ident=identity_only)

    def _part(self, part: str, first: bool, depth: int, whole: bool = False, ident: bool = False) -> _Cand | None:
        key = (part, first, depth, whole, ident)
        if key not in self.parts:
            self.parts[key] = self._resolve_part(part, first, depth, whole, ident)
        return self.parts[key]

    def _resolve_part(self, part: str, first: bool, depth: int, whole: bool, ident: bool) -> _Cand | None:
        """Best known word (or, up to depth 2, compound) for one piece of a compound."""
        lex = self.r.lexicon
        options: list[_Cand] = []
        if not whole:
            low = part.lower()
            floor = _MIN_PART_ZIPF * _LN10
            if lex.zipf(low) >= _MIN_PART_ZIPF and not any(c in _SUSPICIOUS for c in part):
                options.append(_Cand(part, self._keep_loglik(part) + lex.zipf(low) * _LN10, self._keep_loglik(part), low, "identity"))
            if not ident:
                options.extend(c for c in self._candidates(part) if c.loglik > -10.0 and c.score - c.loglik >= floor)
            if first and len(part) > 4 and part[-1] in "s":
                # Linking -s (hållbarhet|s|mål): the head is a word plus s.
                stem = self._part(part[:-1], first=True, depth=depth, ident=ident)
                if stem is not None:
                    options.append(_Cand(stem.form + part[-1], stem.score, stem.loglik, stem.key + part[-1], stem.reason))
        if depth < 2 and len(part) >= 6:
            for cut in range(3, len(part) - 2):
                h = self._part(part[:cut], first=True, depth=depth + 1, ident=ident)
                if h is None:
                    continue
                t = self._part(part[cut:], first=first, depth=depth + 1, ident=ident)
                if t is None:
                    continue
                form = h.form + (t.form.lower() if h.form[:1] else t.form)
                # A compound is rarer than its parts: charge the rarer part's frequency plus a cost.
                freq = min(h.score - h.loglik, t.score - t.loglik) - _COMPOUND_COST * _LN10
                options.append(_Cand(form, h.loglik + t.loglik + freq, h.loglik + t.loglik, form.lower(), "compound"))
        if not options:
            return None
        return max(options, key=lambda c: c.score)


#: A compound part must be at least this common (zipf), so junk abbreviations don't make compounds.
_MIN_PART_ZIPF = 2.0
#: How much rarer (zipf) a compound is than its rarer part.
_COMPOUND_COST = 3.0


def _compoundable(tok: str) -> bool:
    return all(c.isalpha() or c in "&@|" or c.isdigit() for c in tok) and not tok.isupper()


_MISSING = object()


def _worth_looking(tok: str) -> bool:
    """Skip tokens that cannot be damaged Swedish words: numbers, long all-caps codes."""
    if tok.isdigit() or len(tok) > 40 or tok.strip("&") == "":
        return False  # numbers, runs of letters too long for a word, a lone ampersand
    if not any(c.isalpha() for c in tok) and "&" not in tok:
        return False
    letters = sum(c.isalpha() for c in tok)
    if letters < len(tok) / 2 and not any(c in "&@|" for c in tok):
        return False  # codes like A4, 2030a, 17b
    return True


def _suspicion(tok: str) -> float:
    """How strongly ``tok`` looks like OCR damage rather than a real (unknown) word or name.

    ``&``, ``@`` and ``|`` never occur inside Swedish words; a digit inside letters
    or a capital I before a lowercase letter rarely does; ``é`` occurs in names and
    loanwords (Linné, idé), so it counts less.
    """
    n = 0.0
    for i, c in enumerate(tok):
        if c in "&@|":
            n += 2.0
        elif c == "é":
            n += 1.0
        elif c.isdigit() and any(x.isalpha() for x in tok):
            n += 2.0
    if len(tok) > 1 and tok[0] == "I" and (tok[1].islower() or tok[1] in "&@|é"):
        n += 1.0  # 'Iara': a capital I before a lowercase letter is usually an l
    if len(tok) > 2 and any(c.isupper() for c in tok[1:]) and any(c.islower() for c in tok[1:]):
        n += 1.0  # 'VAxjé': a capital inside a lowercase word
    return n


def _apply_case(tok: str, form: str) -> str:
    """Give ``form`` the case pattern of ``tok`` (UPPER, Capitalised or lower)."""
    letters = [c for c in tok if c.isalpha() and c not in "I"]
    if len(tok) > 1 and letters and all(c.isupper() for c in letters) and sum(c.isupper() for c in tok) > 1:
        return form.upper()
    if tok[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def _output_case(tok: str, cased: str) -> str:
    """An initial ``I``/``|`` read for ``l`` was the OCR's mistake, not a capital."""
    if tok[:1] in ("I", "|", "1") and cased[:1] in ("L", "l") and not tok.isupper():
        return "l" + cased[1:]
    return cased


def _split_form(model: ConfusionModel, joined: str, form: str, cut: int) -> tuple[str, str] | None:
    """Where does the repaired ``form`` divide, given the OCR halves ``joined[:cut]`` + ``joined[cut:]``?"""
    path = model.align(joined, form)
    if path is None:
        return None
    consumed = 0
    out_a: list[str] = []
    out_b: list[str] = []
    for true, glyphs in path:
        if consumed + len(glyphs) <= cut:
            out_a.append(true)
        elif consumed >= cut:
            out_b.append(true)
        else:
            return None  # a multi-glyph rendering straddles the line break
        consumed += len(glyphs)
    return "".join(out_a), "".join(out_b)


def _softmax_top(scored: Sequence[tuple[float, _Cand]]) -> float:
    top = scored[0][0]
    z = sum(math.exp(sc - top) for sc, _ in scored)
    return 1.0 / z


def _explain(tok: str, best: _Cand, why: str, scored: Sequence[tuple[float, _Cand]]) -> str:
    others = ", ".join(repr(c.form) for _, c in scored[1:3])
    if why == "context":
        return f"{tok!r} is a word too, but {best.form!r} fits the neighbouring words better (vs {others})"
    if why == "compound":
        return f"{tok!r} is not a Swedish word; read as the compound {best.form!r} of two known words"
    if why == "document":
        return f"{best.form!r} is spelled with its diacritics elsewhere in this document"
    base = f"{tok!r} is not a Swedish word; {best.form!r} is, and the OCR often prints its letters that way"
    return base if not others else f"{base} (also considered {others})"


def _boundary(text: str, a: int, b: int) -> bool:
    """Is there a sentence end or a paragraph break between two tokens?"""
    gap = text[a:b]
    return any(c in _SENTENCE_END for c in gap) or "\n\n" in gap or "\n \n" in gap


def _line_start(text: str, pos: int) -> bool:
    """Only spaces or a bullet between the previous line break and ``pos``."""
    line_begin = text.rfind("\n", 0, pos) + 1
    return not any(c.isalnum() for c in text[line_begin:pos])


def _lowercase_context(tokens: list[tuple[int, int, str]], i: int) -> bool:
    prev = tokens[i - 1][2]
    nxt = tokens[i + 1][2] if i + 1 < len(tokens) else ""
    return prev[:1].islower() and (not nxt or nxt[:1].isupper() or nxt[:1].islower())


def _protected_spans(text: str) -> list[tuple[int, int]]:
    if "." not in text and "@" not in text:
        return []
    return [(m.start(), m.end()) for m in _URL_EMAIL_RE.finditer(text)]


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _drop_overlaps(edits: list[Edit]) -> list[Edit]:
    out: list[Edit] = []
    end = -1
    for e in edits:
        if e.start >= end:
            out.append(e)
            end = e.end
    return out


def estimate_survival(text: str) -> float:
    """Share of å/ä/ö that survived the OCR: ~0 for English-model OCR, ~1 for clean text.

    Measured against the ~4 % of letters that å/ä/ö make up in Swedish prose.
    """
    sample = text if len(text) < 200_000 else text[:200_000]
    letters = sum(1 for c in sample if c.isalpha())
    if letters == 0:
        return 0.0
    found = sum(sample.count(c) for c in _DIACRITICS)
    expected = max(letters * _EXPECTED_DIACRITIC_RATE, 1.0)
    return min(found / expected, 1.0)


def diacritic_vocabulary(text: str) -> Counter[str]:
    """Lowercase words of ``text`` written with å/ä/ö: evidence for the same words elsewhere."""
    if not any(c in text for c in _DIACRITICS):
        return Counter()
    return Counter(w.lower() for w in _TOKEN_RE.findall(text) if any(c in _DIACRITICS for c in w))


def _load_default_context() -> ContextLike | None:
    try:
        from .context import ContextModel
    except ImportError:
        return None
    try:
        return ContextModel.default()
    except (OSError, ValueError):
        return None


@lru_cache(maxsize=1)
def default_repairer() -> Repairer:
    """The process-wide repairer with the shipped lexicon, confusion and context models."""
    return Repairer()


def warm_up() -> None:
    """Load the lexicon and models now (batch workers call this once at start-up)."""
    default_repairer().repair("för")


def repair(
    text: str,
    *,
    reference: str | None = None,
    repairer: Repairer | None = None,
    min_confidence: float | None = None,
) -> RepairResult:
    """Repair English-model OCR damage in Swedish ``text``.

    With ``reference`` (a clean text of the same document, in any reading order),
    tokens aligned to it are repaired from it and the rest with the lexicon.
    Text outside the returned edits is unchanged, line breaks included, and
    ``repair(repair(t).text).text == repair(t).text``.
    """
    if not isinstance(text, str):
        raise TypeError(f"repair() needs str, not {type(text).__name__}")
    r = repairer or default_repairer()
    if min_confidence is not None:
        r = Repairer(r.lexicon, r.confusion, r.context, _with_min_conf(r.settings, min_confidence))
    if reference is not None and reference.strip():
        from .reference import repair_with_reference

        return repair_with_reference(text, reference, confusion=r.confusion, fallback=r.repair)
    return r.repair(text)


def _with_min_conf(s: Settings, value: float) -> Settings:
    from dataclasses import replace

    return replace(s, min_confidence=value)
