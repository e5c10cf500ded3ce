"""Restore å/ä/ö in Swedish text that went through an English-only OCR model.

How a token is repaired:

1. :mod:`.candidates` lists the Swedish words the token could have been, scored by
   log P(OCR glyphs | word) from the confusion model plus log P(word) from Swedish
   word frequencies (``Malmé`` -> ``Malmö``; ``héllbarhetsmal`` -> ``hållbarhetsmål``).
2. Tokens that are real words themselves (``har``/``här``, ``vara``/``våra``) are
   decided in context, with word-bigram statistics of the neighbours.
3. Document evidence adjusts both: how many å/ä/ö survived in the whole text (clean
   text keeps its ``har`` and ``for``; a folded document gets them repaired), words
   spelled with diacritics elsewhere in the same text, capitalised words inside a
   sentence (names), and words broken across lines (``behs-`` / ``ver``).

URLs, e-mail addresses, numbers and codes are left alone. Every change is an
:class:`~.edits.Edit` with a reason a person can read.
"""
from __future__ import annotations

import gc
import math
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Protocol

from .candidates import LN10, LexiconLike, Scoring, WordAnalyser
from .confusion import ConfusionModel
from .consistency import repair_consistency, wide_space_underscores
from .document import (
    DocumentVocabulary,
    diacritic_vocabulary,
    estimate_survival,
)
from .edits import RepairResult, compose
from .tokens import Seed, tokens_containing
from .walk import TOKEN_RE, Caches, Walk
from .wordshape import MAY_CHANGE_IN_CLEAN_TEXT_RE, worth_looking

#: A lone 'I' (the lookbehind follows the I so the pattern starts with a literal, found fast).
_LONE_I_RE = re.compile(r"I(?<![\w&@|]I)(?![\w&@|])")
#: One walk at a time per process: a walk relies on its caches' tables agreeing with each other
#: while it runs (the interpreter runs one thread at a time anyway).
_WALK_LOCK = threading.RLock()
#: Each of its matches starts at, or one character before, one of these glyphs.
_MAY_CHANGE_IN_CLEAN_TEXT = Seed(MAY_CHANGE_IN_CLEAN_TEXT_RE, re.compile("[&@|é0-9A-ZÅÄÖ]"), 1)


class ContextLike(Protocol):
    def logprob(self, left: str | None, word: str, right: str | None) -> float: ...


@dataclass(frozen=True)
class Settings:
    """Decision weights (nats). ``context_window``: how close two readings must be
    before their neighbours are consulted; a change needs ``min_confidence`` (more,
    ``min_confidence_real_word``, when the token is itself a word)..."""

    scoring: Scoring = Scoring()
    doc_bonus: float = 3.0
    #: ...times this share when the token is itself a word this common (zipf)
    common_word_zipf: float = 5.0
    common_doc_share: float = 0.5
    context_weight: float = 1.2
    context_window: float = 6.0
    name_bonus: float = 2.0 * LN10
    name_penalty: float = 3.0
    #: A name's reading whose glyphs the OCR seldom prints so (channel log-likelihood below this,
    #: about one in 200) costs this much more: foreign names are common in these brochures.
    rare_glyph_loglik: float = -5.3
    rare_glyph_penalty: float = 4.0
    min_confidence: float = 0.5
    min_confidence_real_word: float = 0.65
    #: ...unless keeping the token has less than this share: then the best reading is taken
    #: even without a clear winner ('na' is 'nå' or 'nä', hardly 'na'; tuned on the dev split).
    max_keep_share: float = 0.1
    #: A reading that would repeat the word before it ('det här här') when the print does not
    #: ('det har har') costs this much: Swedish rarely doubles a word, OCR never invents one.
    repeat_penalty: float = 4.0
    #: Weight of the corpus's counts of a reading between its two neighbours ('den här gröna'),
    #: where the corpus saw that context twice or more (log-odds, added to the bigram evidence).
    trigram_weight: float = 1.0


#: Share of folded å/ä/ö words that are no word at all ('fran'; 'har' is one), which is what a
#: lexicon can see of the damage (the issue's count: 38 % of plain folds are words).
_VISIBLE_DAMAGE = 0.6
_WORD_RE = re.compile(r"[^\W\d_]+")
_SWEDISH_LETTERS = frozenset("åäöÅÄÖ")


class Repairer:
    """A lexicon, a confusion model and a context model, with caches shared across documents.

    One instance per process is enough (:func:`default_repairer`): token analyses
    depend only on the token and the document's survival rate, so they are cached;
    everything document-specific is passed per call.
    """

    _CACHE_LIMIT = 16_000

    def __init__(
        self,
        lexicon: LexiconLike | None = None,
        confusion: ConfusionModel | None = None,
        context: ContextLike | None = None,
        settings: Settings | None = None,
        *,
        use_context: bool = True,
    ) -> None:
        if lexicon is None:
            from .lexicon import Lexicon

            lexicon = Lexicon.default()
        if context is None and use_context:
            context = _load_default_context()
        self.lexicon = lexicon
        self.confusion = confusion or ConfusionModel.default()
        self.context = context
        self.settings = settings or Settings()
        self._analysers: dict[int, WordAnalyser] = {}
        self._caches: dict[int, Caches] = {}  # per survival bucket
        # A name reading: hunspell lists the form capitalised (Göteborg), even if also in lowercase.
        self._is_proper = getattr(lexicon, "has_proper_reading", None) or getattr(lexicon, "is_proper", None)

    def with_confusion(self, confusion: ConfusionModel) -> Repairer:
        """The same lexicon and context with another confusion model (e.g. one learned from a reference)."""
        return Repairer(self.lexicon, confusion, self.context, self.settings, use_context=self.context is not None)

    # -- public -------------------------------------------------------------------
    def repair(self, text: str, *, evidence: DocumentVocabulary | None = None) -> RepairResult:
        """Repair ``text`` with the lexicon and the document's own evidence.

        ``evidence`` is the vocabulary of a clean text of the same document (a
        reference); without it, the words ``text`` itself spells with å/ä/ö are used.
        """
        if not text:
            return RepairResult(original=text, text=text)
        with _collector_paused(len(text) >= _PAUSE_GC_CHARS):
            return self._repair(text, evidence)

    def _repair(self, text: str, evidence: DocumentVocabulary | None) -> RepairResult:
        spaced = wide_space_underscores(text)
        if spaced.edits:  # "pa_ landet": the word is "pa" (på) once OCR's wide space is a space again
            rest = self._repair(spaced.text, evidence)
            return compose(spaced, rest) if rest.edits else spaced
        survival = self.survival(text)
        folded = survival < 0.5  # English-model OCR: no engine that knew å/ä/ö made this text
        result = self._pass(text, evidence, survival)
        for _ in range(3):
            # Restoring å/ä/ö changes how folded the text looks; repeat until a pass changes
            # nothing, so that repairing the output again is a no-op (idempotence).
            if not result.edits:
                break
            survival = self.survival(result.text)
            if self._settled(result.text, survival):
                break
            again = self._pass(result.text, evidence, survival)
            if not again.edits:
                break
            result = compose(result, again)
        consistent = repair_consistency(result.text, self.is_proper, folded=folded, is_word=self._plain_word)
        if consistent.edits:
            result = compose(result, consistent) if result.edits else consistent
        return result

    def _plain_word(self, word: str) -> bool:
        """A Swedish word, and a common one if short: 'att' after a speck, not 'sn' of an address."""
        lex = self.lexicon
        return lex.is_word(word) and (len(word) > 3 or lex.zipf(word) >= 4.5)

    def survival(self, text: str) -> float:
        """How much of the text's å/ä/ö survived (see :func:`estimate_survival`), sharpened for
        text that looks mostly clean: a short clean brochure may have few å/ä/ö by chance
        (0.7 of the expected rate), but then it also lacks damage, the words no lexicon knows
        whose å/ä/ö reading is common ('mojlighet', 'fran'). Found å/ä/ö words against such
        damage (about 60 % of folds are not words) is the sharper estimate there."""
        rough = estimate_survival(text)
        if rough < 0.5:
            return rough
        found = damaged = 0
        lex = self.lexicon
        for word in _WORD_RE.findall(text[:200_000]):
            if not _SWEDISH_LETTERS.isdisjoint(word):
                found += 1
                continue
            low = word.lower()
            if word[:1].isupper() or len(low) < 2 or lex.is_word(low):
                continue
            if any(form != low and zipf >= 3.0 for form, zipf in lex.candidates(low)):
                damaged += 1
        if found + damaged < 20:
            return rough
        return max(rough, found / (found + damaged / _VISIBLE_DAMAGE))

    def _settled(self, text: str, survival: float) -> bool:
        """Would another pass surely change nothing? True for clean text whose every token is
        settled (no stand-in glyph, no odd case): the common result of repairing folded OCR."""
        if survival < 0.95:
            return False
        analyser = self._analyser(10)
        for tok in tokens_containing(_MAY_CHANGE_IN_CLEAN_TEXT, text):
            if worth_looking(tok) and not analyser.settled_clean(tok):
                return False
        return not _LONE_I_RE.search(text)  # a lone 'I' may still become 'i' in context

    def _pass(self, text: str, evidence: DocumentVocabulary | None, survival: float) -> RepairResult:
        """One walk over ``text`` (whose å/ä/ö survive at rate ``survival``) with this document's evidence."""
        bucket = round(survival * 10)
        if evidence is None:
            evidence = diacritic_vocabulary(text) if bucket > 0 else DocumentVocabulary()
        with _WALK_LOCK:
            caches = self._caches.get(bucket)
            if caches is None:
                caches = self._caches[bucket] = Caches()
            caches.trim(self._CACHE_LIMIT)
            return Walk(self, text, caches, self._analyser(bucket), evidence).run()

    # -- internals ------------------------------------------------------------------
    def _analyser(self, bucket: int) -> WordAnalyser:
        a = self._analysers.get(bucket)
        if a is None or a.cache_size > self._CACHE_LIMIT:
            a = WordAnalyser(self.lexicon, self.confusion.with_survival(bucket / 10), self.settings.scoring)
            self._analysers[bucket] = a
        return a

    def context_gain(self, left: str | None, word: str, right: str | None) -> float:
        """How much the neighbours raise ``word`` above its plain frequency (which the score has),
        and the corpus's correction of that frequency, where the model offers one."""
        if self.context is None:
            return 0.0
        gain = self.context.logprob(left, word, right) - self.context.logprob(None, word, None)
        shift = getattr(self.context, "prior_shift", None)
        return gain + shift(word) if shift is not None else gain

    def context_gains(self, left: str | None, words: list[str], right: str | None) -> list[float]:
        """:meth:`context_gain` for each reading; a reading the corpus knows nothing about gets the
        mean of the others, so lack of data neither helps nor hurts it."""
        knows = getattr(self.context, "knows", None)
        gains = [self.context_gain(left, w, right) for w in words]
        gains = self._with_trigrams(left, words, right, gains)
        if knows is None:
            return gains
        known = [g for w, g in zip(words, gains) if knows(w)]
        if not known:
            return [0.0] * len(words)
        mean = sum(known) / len(known)
        return [g if knows(w) else mean for w, g in zip(words, gains)]

    def _with_trigrams(self, left: str | None, words: list[str], right: str | None,
                       gains: list[float]) -> list[float]:
        """``gains`` moved toward how often the corpus has each reading between these very
        neighbours, where it has the context often enough (``Settings.trigram_weight``)."""
        counts_of = getattr(self.context, "trigram_counts", None)
        weight = self.settings.trigram_weight
        if counts_of is None or left is None or right is None or not weight or len(words) < 2:
            return gains
        counts = counts_of(left, words, right)
        total = sum(counts)
        if total < 2:
            return gains
        k = len(words)
        return [g + weight * math.log((c + 0.5) / (total + 0.5 * k)) for g, c in zip(gains, counts)]

    def is_proper(self, word: str) -> bool:
        """Can ``word`` (lowercase) be a name?"""
        return bool(self._is_proper and self._is_proper(word))


#: Texts at least this long are repaired with the cyclic garbage collector paused (see below).
_PAUSE_GC_CHARS = 50_000


@contextmanager
def _collector_paused(pause: bool) -> Iterator[None]:
    """Pause CPython's cyclic garbage collector for a long document.

    Its walk makes tens of thousands of edits and readings that all live on and form no cycles;
    the collector would scan them again and again (a fifth of the time on a book-length text).
    It is switched back on afterwards, unless the caller had it off already."""
    if not pause or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


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
        r = Repairer(r.lexicon, r.confusion, r.context, replace(r.settings, min_confidence=min_confidence),
                     use_context=r.context is not None)
    with _collector_paused(len(text) >= _PAUSE_GC_CHARS):
        return _repair_text(text, reference, r)


def _repair_text(text: str, reference: str | None, r: Repairer) -> RepairResult:
    """:func:`repair` once its arguments are checked."""
    from . import mojibake

    # Encoding damage first (ftfy, only where the cheap check finds some), then the OCR repair.
    def ocr_repair(t: str) -> RepairResult:
        if reference is not None and reference.strip():
            return _repair_with_reference(t, reference, r)
        return r.repair(t)

    suspicious = mojibake.needs_fixing(text)
    first = mojibake.fix_mojibake(text) if suspicious else None
    middle = first.text if first is not None and first.edits else text
    second = ocr_repair(middle)
    result = mojibake.compose(first, second) if first is not None and first.edits else second
    if suspicious and result.edits and mojibake.needs_fixing(result.text):
        # A restored letter can complete a mis-decoded sequence ('Ä¡' -> 'ä¡'): fix it now, so that
        # repairing the output again changes nothing.
        late = mojibake.fix_mojibake(result.text)
        if late.edits:
            result = mojibake.compose(result, late)
            # ...and the letters it brings back change how folded the text looks: repair once more
            again = ocr_repair(result.text)
            if again.edits:
                result = mojibake.compose(result, again)
    return result


def _repair_with_reference(text: str, reference: str, r: Repairer) -> RepairResult:
    """Reference where it aligns; elsewhere the lexicon, with the confusions this document
    showed and the reference's own spellings as evidence."""
    from .reference import analyse_with_reference

    # Every word of the reference, plain ones too: 'har' there weighs against 'här' as much as for.
    evidence = DocumentVocabulary(TOKEN_RE.findall(reference))

    def learn(pairs: list[tuple[str, str, int]]):
        tuned = r.with_confusion(ConfusionModel.from_pairs(pairs, base=r.confusion)) if pairs else r
        return lambda passage: tuned.repair(passage, evidence=evidence)

    return analyse_with_reference(text, reference, learn=learn, fallback=lambda t: r.repair(t, evidence=evidence)).result
