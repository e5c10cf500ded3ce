"""Names no lexicon knows, read from all their spellings in one document.

Why: a place or person name recurs through a document, and the English model damages
each copy in its own way. ``Bjérkasa``, ``Bjorkdsa`` and ``Bjorkasa`` are one name:
each copy alone shows at most one of its two lost letters, together they say
``Björkåsa``. Every diacritic reading of the copies' shared folded key is scored by how
well it explains every copy (the confusion model, a copy it cannot explain costing
:data:`UNEXPLAINED`) and by how Swedish it looks (the letter model), the way a
multiple-OCR consensus votes per letter. The walk spells every copy, plain ones too,
the winner's way (edits with reason ``name``), and the winner joins the document's
vocabulary so that its inflections follow.
"""
from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .charmodel import CharModel
from .confusion import ConfusionModel
from .lexicon import fold

#: The letters a folded key's vowel may have been: its plain self or one with a diacritic.
_READINGS = {"a": "aåä", "o": "oö"}
#: A key with more readings than this is not tried (six or more a/o: not a name's length).
MAX_READINGS = 243
#: Log-likelihood charged for a copy a reading cannot explain at all (an OCR slip of another
#: kind): about as unlikely as a rare glyph, so one odd copy cannot veto the others.
UNEXPLAINED = -8.0
#: Log-odds added to a reading that is a compound of known words (``Björkängsgatan``): the
#: lexicon's word for it, weighed against the letters; only the best few readings are asked.
COMPOUND_BONUS = 2.0
_COMPOUND_CHECKS = 8
#: How many folded keys of each copy are tried when grouping copies.
_KEYS_PER_COPY = 6
_MIN_KEY_LOGP = -12.0
#: How many of each copy's keys give readings to its group's vote.
_KEYS_PER_READING = 3
#: A title-case word: a capital, then lower-case letters and the glyphs that stand in for å/ä/ö.
NAME_TOKEN_RE = re.compile(r"\b[A-Z][a-zéè&@0-9]{3,}(?![\w&@|])")


@dataclass(frozen=True)
class NameReading:
    """How one name was read: its spelling, the copies read together, and how sure."""

    form: str
    copies: tuple[str, ...]
    confidence: float

    def explain(self, tok: str) -> str:
        others = ", ".join(repr(c) for c in self.copies if c != tok)
        return (f"{tok!r} is one of {len(self.copies)} spellings of a name no lexicon knows ({others}); "
                f"read together they say {self.form!r}")


def name_readings(
    counts: Mapping[str, int], model: ConfusionModel, chars: CharModel | None,
    is_compound: Callable[[str], bool] | None = None, proposals: Mapping[str, str] | None = None,
) -> dict[str, NameReading]:
    """The consensus spelling of each name copy in ``counts`` (copy -> times seen).

    Only a group of copies with at least two different spellings is read together, and
    only a reading whose every å/ä/ö some copy's glyph witnesses wins. The result maps
    every copy the winning reading explains to it (cased like the copy). ``is_compound``
    tells whether a (capitalised) reading is a compound of known words; ``proposals`` are
    readings of single copies found otherwise (a compound of known words: ``Österfjäll``),
    which compete too.
    """
    proposals = proposals or {}
    # Every copy joins the group of each key it could stand for ('Bjorkdsa': bjorkdsa, bjorkasa ...);
    # the best-supported groups are read first and keep their copies.
    groups: dict[str, set[str]] = {}
    keys_of: dict[str, list[str]] = {}
    for tok in counts:
        keys = [(fold(tok), 0.0)] + model.folded_keys(tok)[:_KEYS_PER_COPY]
        keys_of[tok] = [key for key, lp in keys if lp >= _MIN_KEY_LOGP and key.isalpha()]
        for key in keys_of[tok]:
            groups.setdefault(key, set()).add(tok)
    out: dict[str, NameReading] = {}
    support = Counter({key: sum(counts[t] for t in members) for key, members in groups.items()})
    for key, _n in support.most_common():
        members = sorted(t for t in groups[key] if t not in out)
        if len(members) < 2:
            continue
        # The readings of every key a copy could stand for compete, so a letter all copies
        # show ('d' in 'Tallhed') is read as itself, not as the ö a lone 'd' may be.
        keys = dict.fromkeys([key] + [k for t in members for k in keys_of[t][:_KEYS_PER_READING]])
        readings = [r for k in keys for r in _readings(k)]
        readings += [proposals[t].lower() for t in members if t in proposals]
        found = _best_reading(list(dict.fromkeys(readings)), members, counts, model, chars, is_compound)
        if found is None:
            continue
        best, margin = found
        # The copies vouch only for the letters they witness; where all show a plain 'a', a
        # single copy's compound of known words ('Kröhärads') knows better than the letters.
        for tok in sorted((t for t in members if t in proposals), key=lambda t: -counts[t]):
            proposal = proposals[tok].lower()
            if fold(proposal) == fold(best) and all(
                    proposal[i] == c for i, c in enumerate(best) if c in "åäö"):
                best = proposal
                break
        reading = _titled(best)
        copies = tuple(t for t in members if model.log_likelihood(t, reading) is not None)
        confidence = round(1.0 / (1.0 + math.exp(-margin)), 3)
        for tok in copies:
            out[tok] = NameReading(reading, copies, confidence)
    return out


def _titled(reading: str) -> str:
    """A (lower-case) reading spelled as a name: 'björkåsa' -> 'Björkåsa'."""
    return reading[:1].upper() + reading[1:]


def _readings(key: str) -> list[str]:
    """Every way to put å/ä/ö back into the folded ``key`` (itself included); none if too many."""
    slots = [i for i, c in enumerate(key) if c in _READINGS]
    n_readings = 1
    for i in slots:
        n_readings *= len(_READINGS[key[i]])
    if n_readings > MAX_READINGS:
        return []
    out = []
    for letters in itertools.product(*(_READINGS[key[i]] for i in slots)):
        chars_of = list(key)
        for i, c in zip(slots, letters):
            chars_of[i] = c
        out.append("".join(chars_of))
    return out


def _best_reading(
    readings: list[str], members: list[str], counts: Mapping[str, int], model: ConfusionModel,
    chars: CharModel | None, is_compound: Callable[[str], bool] | None,
) -> tuple[str, float] | None:
    """The one of ``readings`` that best explains ``members`` and its lead over the next one,
    if it has a diacritic the copies themselves witness; else None.

    A spelling seen n times weighs 1 + log n, not n: its copies share one font and one engine,
    so the hundredth 'a' for an 'ä' says little the first did not."""
    weight = {tok: 1.0 + math.log(counts[tok]) for tok in members}
    scored: list[tuple[float, str]] = []
    for reading in readings:
        cased = _titled(reading)
        score = 0.0
        for tok in members:
            ll = model.log_likelihood(tok, cased)
            score += weight[tok] * (UNEXPLAINED if ll is None else max(ll, UNEXPLAINED))
        if chars is not None:
            score += chars.mean_logprob(reading) * (len(reading) + 1)
        scored.append((score, reading))
    if len(scored) < 2:
        return None
    scored.sort(reverse=True)
    if is_compound is not None:
        top = [(score + (COMPOUND_BONUS if is_compound(_titled(r)) else 0.0), r)
               for score, r in scored[:_COMPOUND_CHECKS]]
        scored = sorted(top, reverse=True) + scored[_COMPOUND_CHECKS:]
    best = scored[0][1]
    if best == fold(best) or not _witnessed(best, members, counts, model):
        return None
    return best, scored[0][0] - scored[1][0]


def _witnessed(reading: str, members: list[str], counts: Mapping[str, int], model: ConfusionModel) -> bool:
    """Does every å/ä/ö of ``reading`` have copies whose glyph there speaks for it (``d``, ``é``,
    ``6`` ...) outnumbering those whose glyph speaks against it (another consonant, as a
    foreign name's ``š`` read as ``s`` would)? The plain vowel speaks for neither."""
    cased = _titled(reading)
    tally: dict[int, list[int]] = {i: [0, 0] for i, c in enumerate(reading) if c in "åäö"}
    for tok in members:
        path = model.align(tok, cased)
        if path is None or len(path) != len(reading):
            continue
        for i, (_letter, glyphs) in enumerate(path):
            if i not in tally:
                continue
            plain = fold(reading[i])
            if glyphs.lower() == plain:
                continue
            for_it = model.log_likelihood(glyphs, reading[i])
            for_plain = model.log_likelihood(glyphs, plain)
            if for_it is not None and (for_plain is None or for_it > for_plain):
                tally[i][0] += counts[tok]
            else:
                tally[i][1] += counts[tok]
    return all(w > against for w, against in tally.values())
