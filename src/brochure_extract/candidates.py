"""The Swedish words an OCR token could have been, each scored by Bayes' rule.

For a token like ``Malmé`` the confusion model proposes diacritic-folded keys
(``malmo``); the lexicon returns the words with those keys (``malmö``); each gets
``log P(OCR glyphs | word) + log P(word)``. The token itself competes too: with its
frequency when it is a word (``har``), as a compound of known words when it is one
(``resultatorienterade``), or with a small prior for unknown names otherwise.
Unknown words may also be repaired part by part as compounds
(``héllbarhetsmal`` -> ``hållbarhets`` + ``mål``).

The result depends only on the token and the document's survival rate, so it is
cached across documents; context and document evidence are applied later.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from .charmodel import CharModel
from .confusion import ConfusionModel
from .lexicon import fold
from .wordshape import (
    CLEAN_TEXT_SUSPECT_RE,
    STAND_INS,
    WEAK_STAND_INS,
    apply_case,
    compoundable,
    odd_case,
    suspicion,
    worth_looking,
)

LN10 = math.log(10)
#: log P(the OCR dropped an å/ä/ö altogether); seen in the development set ('fr' for 'för').
_LOG_DROPPED = math.log(0.003)
#: log P(the dots of an ä came out as an 'i' after the next letter or two); seen in brochure OCR.
_LOG_STRAY_I = math.log(0.002)
#: log P(the OCR printed 'g' | ç): the cedilla read as a descender ('Mogambique', 'Graga').
_LOG_G_FOR_CEDILLA = math.log(0.05)
_SUSPICIOUS = STAND_INS | WEAK_STAND_INS
_HAS_DIACRITIC = re.compile("[åäö]").search


class LexiconLike(Protocol):
    def candidates(self, key: str) -> tuple[tuple[str, float], ...]: ...
    def zipf(self, word: str) -> float: ...
    def is_word(self, word: str) -> bool: ...


@dataclass(frozen=True)
class Scoring:
    """Weights, in natural-log units (nats) unless named zipf.

    An unknown token keeps a prior of ``keep_prior`` zipf (a word seen once per
    billion), lowered by ``suspicious_penalty`` per stand-in glyph; a candidate must
    beat it by ``change_margin``. Compounds cost ``compound_cost`` zipf below their
    rarer part, and parts must be at least ``min_part_zipf`` common; a part hunspell's
    compound flags do not allow in its place costs ``part_role_penalty`` zipf more. A joint
    form that exists only inside compounds (``gråskale``) counts as ``joint_part_zipf``. An
    unknown token longer than ``long_unknown_from`` letters loses ``long_unknown_penalty`` nats
    of its prior per extra letter (``samhallsbyggnadsforvaltningen`` is damage, not a word).
    """

    keep_prior: float = -3.0
    suspicious_penalty: float = 3.0
    shape_weight: float = 3.0
    name_as_word_penalty: float = 2.0 * LN10
    web_only_penalty: float = 1.0 * LN10
    #: A form only web counts know and rarer than this (zipf) is not taken as a word as it stands.
    web_only_min_zipf: float = 2.0
    shape_floor: float = -4.0
    change_margin: float = 1.0
    min_loglik: float = -16.0
    min_part_zipf: float = 2.0
    compound_cost: float = 4.0
    long_unknown_from: int = 14
    long_unknown_penalty: float = 0.3
    part_role_penalty: float = 1.0
    joint_part_zipf: float = 2.0
    keep_within: float = 12.0
    max_candidates: int = 6


@dataclass(frozen=True, slots=True)
class Candidate:
    """A reading of the token: ``form`` (case applied), its lowercase ``key`` and score."""

    form: str
    key: str
    score: float
    loglik: float
    source: str  # "identity" (a known word), "unknown" (kept as is), "lexicon", "compound"


@dataclass(frozen=True, slots=True)
class Analysis:
    """All plausible readings of one token, best first; the token itself is among them."""

    token: str
    candidates: tuple[Candidate, ...]

    @property
    def best(self) -> Candidate:
        return self.candidates[0]

    @property
    def identity(self) -> Candidate:
        return next(c for c in self.candidates if c.form == self.token)


class WordAnalyser:
    """Scores readings of tokens for one confusion model (one document survival rate)."""

    def __init__(
        self, lexicon: LexiconLike, model: ConfusionModel, scoring: Scoring | None = None, chars: CharModel | None = None
    ) -> None:
        self.lexicon = lexicon
        self.model = model
        self.s = scoring or Scoring()
        self._is_proper = getattr(lexicon, "is_proper", None)
        self._in_dictionary = getattr(lexicon, "in_hunspell", None)
        self.chars = chars if chars is not None else CharModel.default()
        self._parts: dict[tuple[str, bool, int, bool], Candidate | None] = {}
        self._groups: dict[str, tuple[tuple[str, float], ...]] = {}
        self._wide: ConfusionModel | None = None
        self._begins = getattr(lexicon, "is_compound_part", None)  # may begin or continue a compound
        self._ends = getattr(lexicon, "is_compound_last", None)

    def analyse(self, tok: str) -> Analysis | None:
        """None when the token should be left alone whatever its context."""
        if not worth_looking(tok):
            return None
        if self.settled_clean(tok):
            return None  # clean text: only stand-in glyphs can still be damage, and this has none
        cands = self.lexicon_candidates(tok)
        known = self._known(tok.lower())
        if not known and not any(c.loglik > -8.0 for c in cands):
            repaired = self.compound(tok)
            if repaired is not None and repaired.form != tok:
                cands.append(repaired)
            if all(c.source == "compound" for c in cands):
                # Nothing measured reads it as one word: try the rare renderings too, and let the
                # scores choose ('behdover' is behöver, not the compound 'behåöver').
                cands.extend(self._cedilla_readings(tok))
                cands.extend(self.rare_renderings(tok))
        if tok.isalpha() and (not tok.isupper() or len(tok) == 1) and (
            len(tok) <= 5 and not known or len(tok) <= 3 and self.lexicon.zipf(tok.lower()) < 5.0
            or len(tok) == 1  # a lone 'r' or 'f' is an abbreviation at best: let the neighbours say
        ):
            cands.extend(self._dropped_letter(tok))  # 'fr' is an abbreviation, but mostly a damaged 'för'
        return self.rank(tok, cands)

    def _known(self, low: str) -> bool:
        """Is ``low`` a word as it stands? Not a rare form only web counts know ('hller', 'samhlls'):
        those are mostly OCR damage in the web text itself, so its repairs are tried too."""
        if not self.lexicon.is_word(low):
            return False
        return (self._in_dictionary is None or self._in_dictionary(low)
                or self.lexicon.zipf(low) >= self.s.web_only_min_zipf)

    def rare_renderings(self, tok: str) -> list[Candidate]:
        """Readings of a token nothing measured explains: å/ä/ö printed as a rare glyph run
        (``fuirghantering`` -> ``färghantering``), or dropped (``tillgngligt`` -> ``tillgängligt``).

        Only for lowercase-led words of five letters or more with a letter to spare: names and
        acronyms the lexicon lacks must not be bent into words."""
        if len(tok) < 5 or not tok[:1].islower() or self.model.survival > 0.5:
            return []
        wide = self._wide
        if wide is None:
            wide = self._wide = self.model.widened()
        lex = self.lexicon
        low = tok.lower()
        out: dict[str, Candidate] = {}
        min_ll = self.s.min_loglik  # room for one rare rendering (BACKOFF_P), not two
        self._wide_readings(wide, tok, 64, 3, 0.0, lambda form: form != low and bool(_HAS_DIACRITIC(form)), out)
        # (the back-off is for lost å/ä/ö only: 'raion' stays, not 'rajon')
        if not out and "i" in low[1:]:
            # The dots of an 'ä' read as an 'i' a letter further on: 'varilden' for 'världen',
            # 'sjdliva' for 'själva'. Without that 'i' the token reads as a word with an ä, which
            # sits just before where the stray 'i' was.
            for k in range(1, len(low)):
                if low[k] == "i":
                    self._wide_readings(wide, tok[:k] + tok[k + 1:], 16, 2, _LOG_STRAY_I,
                                        lambda form, k=k: "ä" in form[max(0, k - 3):k + 1], out)
        if not out and tok.isalpha():
            dropped = _LOG_DROPPED + math.log(max(1.0 - self.model.survival, 1e-4))
            folded = fold(low)
            for i in range(1, len(low)):
                for base in "ao":
                    for form, zipf in lex.candidates(folded[:i] + base + folded[i:]):
                        if form[i] not in "åäö" or form in out:
                            continue
                        rest = self.model.log_likelihood(tok, form[:i] + form[i + 1 :])
                        if rest is not None and dropped + rest >= min_ll:
                            out[form] = Candidate(form, form, dropped + rest + zipf * LN10, dropped + rest, "lexicon")
        return list(out.values())

    def _wide_readings(self, wide: ConfusionModel, text: str, limit: int, max_subs: int, prior: float,
                       fits: Callable[[str], bool], out: dict[str, Candidate]) -> None:
        """Add to ``out`` the lexicon forms (no names) the widened model reads ``text`` as, that
        ``fits`` accepts; ``prior`` is the log probability of how the print came to differ."""
        min_ll = self.s.min_loglik
        lex = self.lexicon
        for key, _lp in wide.folded_keys(text, limit=limit, min_logp=min_ll, max_substitutions=max_subs):
            for form, zipf in self._groups.get(key) or lex.candidates(key):
                if form in out or not fits(form) or (self._is_proper is not None and self._is_proper(form)):
                    continue
                ll = wide.log_likelihood(text, form)
                if ll is not None and ll + prior >= min_ll:
                    out[form] = Candidate(form, form, ll + prior + zipf * LN10, ll + prior, "lexicon")

    def _cedilla_readings(self, tok: str) -> list[Candidate]:
        """Words with a ç the OCR printed as ``g`` (``Mogambique`` -> ``Moçambique``).

        Looked up directly, one ``g`` at a time, for tokens nothing else explains: as a rule of
        the confusion table it would crowd the key search of every word with a g in it."""
        if "g" not in tok.lower() or self.model.survival > 0.5:
            return []
        out: list[Candidate] = []
        for i, ch in enumerate(tok):
            if ch not in "gG":
                continue
            guess = tok[:i] + ("C" if ch == "G" else "c") + tok[i + 1:]
            for c in self.lexicon_candidates(guess):
                if c.key[i:i + 1] == "ç":
                    ll = c.loglik + _LOG_G_FOR_CEDILLA
                    out.append(Candidate(c.form, c.key, c.score + _LOG_G_FOR_CEDILLA, ll, c.source))
        return out

    def _dropped_letter(self, tok: str) -> list[Candidate]:
        """Short non-words whose å/ä/ö the OCR dropped altogether: ``fr`` -> ``för``, ``r`` -> ``är``."""
        lex = self.lexicon
        out = []
        low = tok.lower()
        for i in range(len(low) + 1):
            for letter in "äåö":
                form = low[:i] + letter + low[i:]
                z = lex.zipf(form)
                if z >= 3.0:
                    # Only a document that lost its å/ä/ö drops them altogether.
                    ll = _LOG_DROPPED + math.log(max(1.0 - self.model.survival, 1e-4)) + self._keep_loglik(tok)
                    cased = form if tok[:1].islower() or i == 0 else form[:1].upper() + form[1:]
                    out.append(Candidate(cased, form, ll + z * LN10, ll, "lexicon"))
        return out

    @property
    def cache_size(self) -> int:
        """Entries held by this analyser's caches (its owner replaces it when they grow too big)."""
        return len(self._parts) + len(self._groups)

    def settled_clean(self, tok: str) -> bool:
        """In text whose å/ä/ö survived, a token without stand-in glyphs cannot be damage."""
        if self.model.survival < 0.95 or odd_case(tok):
            return False
        m = CLEAN_TEXT_SUSPECT_RE.search(tok)
        if m is None:
            return True
        # 'Inom', 'Ibland': a leading capital I of a known word is just a capital I.
        return m.start() == 0 and tok[0] == "I" and not CLEAN_TEXT_SUSPECT_RE.search(tok, 1) and (
            self.lexicon.is_word(tok.lower())
        )

    def identity(self, tok: str) -> Candidate:
        """The token as it stands: a known word with its frequency, or an unknown one with a prior
        (higher when it is a compound of known words, lower for each stand-in glyph in it)."""
        s = self.s
        lex = self.lexicon
        low = tok.lower()
        if lex.is_word(low):
            penalty = s.suspicious_penalty if odd_case(tok) else 0.0  # 'sA', 'ocksA': a capital inside
            if tok[:1].islower() and self._is_proper is not None and self._is_proper(low):
                penalty += s.name_as_word_penalty  # 'sd', 'dn' are names (SD, DN), rarely lowercase words
            elif self._in_dictionary is not None and not self._in_dictionary(low):
                penalty += s.web_only_penalty  # only web counts know it ('pa', 'ga'): often foreign or noise
            return Candidate(tok, low, self._keep_loglik(tok) + lex.zipf(low) * LN10 - penalty, 0.0, "identity")
        prior = s.keep_prior * LN10 - s.suspicious_penalty * suspicion(tok)
        # A long word no lexicon knows is a compound or damage far more often than a word of its own.
        prior -= s.long_unknown_penalty * max(0, len(tok) - s.long_unknown_from)
        if self.chars is not None:
            # How Swedish the letters look: 'Sandberg' keeps its prior, 'hdllbar' loses it.
            prior += s.shape_weight * max(self.chars.shape(tok), s.shape_floor)
        as_is = self.compound(tok, identity_only=True)
        if as_is is not None:
            prior = max(prior, as_is.score)  # itself a compound of known words
        return Candidate(tok, low, prior + s.change_margin, 0.0, "unknown")

    def known_form(self, tok: str, form: str, zipf: float, source: str) -> Candidate | None:
        """``form`` (lowercase, from outside the lexicon, e.g. the document) as a reading of ``tok``."""
        cased, ll = self._cased(tok, form)
        if ll is None or ll < self.s.min_loglik:
            return None
        return Candidate(cased, form, ll + zipf * LN10, ll, source)

    def rank(self, tok: str, cands: list[Candidate]) -> Analysis | None:
        """Rank readings against the token itself; None when nothing beats keeping it by far."""
        s = self.s
        others = {c.form: c for c in cands if c.form != tok}
        if not others:
            return None
        ident = self.identity(tok)
        ranked = sorted(others.values(), key=lambda c: -c.score)
        top = max(ranked[0].score, ident.score)
        ranked = [c for c in ranked if c.score > top - s.keep_within][: s.max_candidates - 1]
        if not ranked:
            return None
        # The token itself always stays among the readings, so every decision weighs keeping it.
        return Analysis(tok, tuple(sorted([ident, *ranked], key=lambda c: -c.score)))

    # -- readings ---------------------------------------------------------------------
    def lexicon_candidates(self, tok: str) -> list[Candidate]:
        """Lexicon words the OCR could have printed as ``tok``."""
        lex = self.lexicon
        model = self.model
        min_ll = self.s.min_loglik
        lowercase = tok[:1].islower()
        low = tok.lower()
        out: list[Candidate] = []
        seen: set[str] = set()
        # A common word is rarely two misreadings away from another word: look one step only.
        subs = 1 if lex.zipf(tok.lower()) >= 3.0 else 3
        groups = self._groups
        for key, _lp in model.folded_keys(tok, max_substitutions=subs):
            group = groups.get(key)
            if group is None:
                group = groups[key] = lex.candidates(key)
            for form, zipf in group:
                if form in seen or form == low:
                    continue  # the token itself is weighed as the identity, never re-cased
                seen.add(form)
                if lowercase and self._is_proper is not None and self._is_proper(form):
                    continue  # 'hakan' (chin) is not the name 'Håkan'
                cased, ll = self._cased(tok, form)
                if ll is None or ll < min_ll:
                    continue
                out.append(Candidate(cased, form, ll + zipf * LN10, ll, "lexicon"))
        return out

    def _cased(self, tok: str, form: str) -> tuple[str, float | None]:
        """``form`` in the token's case and log P(tok | form).

        A capital first glyph that is a stand-in (``I`` for l, ``G`` for ä) says nothing
        about case, so the lowercase reading is tried too and kept when it explains the
        token as well.
        """
        cased = apply_case(tok, form)
        ll = self.model.log_likelihood(tok, cased)
        if cased != form and cased[:1] != form[:1] and tok[:1].lower() != form[:1]:
            low_ll = self.model.log_likelihood(tok, form)
            if low_ll is not None and (ll is None or low_ll >= ll - 0.01):
                return form, low_ll
        return cased, ll

    def compound(self, tok: str, identity_only: bool = False) -> Candidate | None:
        """The best reading of ``tok`` as a compound of known words (Swedish writes them as one).

        With ``identity_only`` the parts must be words as they stand, which tells how
        plausible the token is unrepaired.
        """
        if len(tok) < (6 if identity_only else 8) or not compoundable(tok):
            return None
        return self._part(tok, False, 0, identity_only, whole=True)

    def _part(self, part: str, first: bool, depth: int, ident: bool, whole: bool = False) -> Candidate | None:
        key = (part, first, depth * 2 + whole, ident)
        if key not in self._parts:
            self._parts[key] = self._resolve_part(part, first, depth, ident, whole)
        return self._parts[key]

    def _resolve_part(self, part: str, first: bool, depth: int, ident: bool, whole: bool) -> Candidate | None:
        """Best known word (or, two levels deep, compound) for one piece of a compound."""
        lex = self.lexicon
        s = self.s
        options: list[Candidate] = []
        if not whole:
            low = part.lower()
            if self._good_part(low) and not any(c in _SUSPICIOUS for c in part):
                keep = self._keep_loglik(part)
                options.append(Candidate(part, low, keep + lex.zipf(low) * LN10, keep, "identity"))
            if not ident:
                options.extend(c for c in self.lexicon_candidates(part) if c.loglik > -10.0 and self._good_part(c.key))
            if first:
                options.extend(self._joint_forms(part, ident))
            if first and len(part) > 4 and part[-1] == "s":
                stem = self._part(part[:-1], True, depth, ident)  # linking -s: hållbarhet|s|mål
                if stem is not None:
                    options.append(Candidate(stem.form + "s", stem.key + "s", stem.score, stem.loglik, stem.source))
        if depth < (2 if len(part) >= 14 else 1) and len(part) >= 6:
            for cut in range(3, len(part) - 2):
                head = self._part(part[:cut], True, depth + 1, ident)
                if head is None:
                    continue
                tail = self._part(part[cut:], first, depth + 1, ident)
                if tail is None:
                    continue
                form = head.form + tail.form.lower()
                # Geometric mean of the parts' frequencies (Koehn & Knight), less a cost for compounding.
                freq = (head.score - head.loglik + tail.score - tail.loglik) / 2 - s.compound_cost * LN10
                ends = whole or not first
                freq -= (head.score - self._misplaced(head, True)) + (tail.score - self._misplaced(tail, False)) * ends
                ll = head.loglik + tail.loglik
                options.append(Candidate(form, form.lower(), ll + freq, ll, "compound"))
        if not options:
            return None
        if whole:
            return max(options, key=lambda c: c.score)
        return max(options, key=lambda c: self._misplaced(c, first))

    def _joint_forms(self, part: str, ident: bool) -> list[Candidate]:
        """Readings of a non-final piece as a joint form that only occurs inside compounds
        (``graskale`` -> ``gråskale`` in ``graskalekanal``); wordfreq has no frequency for them."""
        joints = getattr(self.lexicon, "joint_forms", None)
        if joints is None or len(part) < 3:
            return []
        out = []
        prior = self.s.joint_part_zipf * LN10
        for form in joints(part):
            if ident and form != part.lower():
                continue
            cased, ll = self._cased(part, form)
            if ll is not None and ll > -10.0:
                out.append(Candidate(cased, form, ll + prior, ll, "identity" if form == part.lower() else "lexicon"))
        return out

    def _misplaced(self, c: Candidate, first: bool) -> float:
        """A reading of a compound part hunspell's compound flags do not allow in its place
        ('känt' never begins a compound, 'kant' does) costs ``part_role_penalty`` zipf."""
        allowed = self._begins if first else self._ends
        if allowed is None or c.source == "compound" or allowed(c.key):
            return c.score
        return c.score - self.s.part_role_penalty * LN10

    def _good_part(self, low: str) -> bool:
        """A compound part must be a real word: common enough, or in the spelling dictionary
        (wordfreq's rare tail holds abbreviations and foreign junk)."""
        if len(low) < 2:
            return False
        z = self.lexicon.zipf(low)
        if z >= self.s.min_part_zipf:
            return True
        return z > 0 and len(low) >= 4 and self._in_dictionary is not None and self._in_dictionary(low)

    def _keep_loglik(self, tok: str) -> float:
        ll = self.model.log_likelihood(tok, tok)
        return ll if ll is not None else 0.0
