"""Snap extracted text fields to a clean reference text of the same brochure.

When the caller has a clean text (a PDF text layer, an earlier edition), the OCR
repair fixes most letters but not all, and not text the OCR mangled beyond
diacritics (an acronym read as lowercase junk). Segmentation already found *where*
each field is; here every text field is replaced by the passage of the reference
that matches it best, if that passage is close enough (folded fuzzy ratio). Numbers
are left alone; fields with no close passage stay as extracted.
"""
from __future__ import annotations

import unicodedata
from dataclasses import replace

from rapidfuzz import fuzz

from .models import Brochure, Partnership, ProjectCard, Quote, Section
from .segment_common import join_wrapped, squash, strip_bullet


def _fold_char(c: str) -> str:
    base = unicodedata.normalize("NFKD", c)[:1]
    return base if len(base) == 1 else c


def _lower(text: str) -> str:
    """Per-character lower case, keeping the length (alignment indexes must not shift)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def fold_same_length(text: str) -> str:
    """Diacritic-folded text (case kept) of the same length, so indexes carry over."""
    return "".join(_fold_char(c) for c in text)


class Snapper:
    """Finds, for a string, the reference passage it was OCR'd from."""

    def __init__(self, reference: str, min_ratio: float = 88.0) -> None:
        parts = [strip_bullet(squash(line))[0] for line in reference.splitlines() if squash(line)]
        self.ref = join_wrapped(parts)
        self.items = _bullet_items(reference)
        self.folded_items = [_lower(fold_same_length(t)) for t in self.items]
        self.folded = fold_same_length(self.ref)
        self.min_ratio = min_ratio

    def snap(self, text: str | None) -> str | None:
        """The matching reference passage, or ``text`` unchanged when none is close enough."""
        if not text or len(text) < 5:
            return text
        needle = fold_same_length(squash(text))
        start = self.folded.find(needle)
        while start >= 0:
            end = start + len(needle)
            if self._word_bounds(start, end) == (start, end):
                return self.ref[start:end]
            start = self.folded.find(needle, start + 1)
        res = fuzz.partial_ratio_alignment(needle, self.folded, score_cutoff=self.min_ratio)
        if res is None:  # OCR also confuses case in mangled acronyms: try case-blind
            res = fuzz.partial_ratio_alignment(needle, self.folded, score_cutoff=self.min_ratio,
                                               processor=_lower)
        if res is None:
            return text
        ds, de = self._word_bounds(res.dest_start, res.dest_end)
        if needle[-1:] in ".!?)" and self.ref[de:de + 1] == needle[-1]:
            de += 1
        cand = _trim_to(self.ref[ds:de].strip(" ,;"), needle)
        if abs(len(cand) - len(needle)) > max(3, 0.12 * len(needle)):
            return text
        if fuzz.ratio(fold_same_length(cand), needle, processor=_lower) < self.min_ratio:
            return text
        return cand

    def snap_item(self, text: str) -> str:
        """A list item (a card's fact) as the reference prints it: the whole bulleted item.

        OCR of merged columns can cut an item short or lose a word of it; the reference's
        item is taken when it starts the same way and is otherwise close."""
        snapped = self.snap(text) or text
        needle = _lower(fold_same_length(squash(snapped)))
        best, best_score = snapped, 0.0
        for item, folded in zip(self.items, self.folded_items):
            if len(folded) < len(needle) or len(folded) > 1.8 * len(needle) + 10:
                continue
            if folded.split(" ")[:2] != needle.split(" ")[:2]:
                continue
            score = max(fuzz.partial_ratio(needle, folded), fuzz.ratio(needle, folded))
            if score >= self.min_ratio and score > best_score:
                best, best_score = item, score
        return best

    def _word_bounds(self, ds: int, de: int) -> tuple[int, int]:
        ref = self.ref
        while 0 < ds < len(ref) and ref[ds - 1].isalnum() and ref[ds].isalnum():
            ds -= 1
        while 0 < de < len(ref) and ref[de - 1].isalnum() and ref[de].isalnum():
            de += 1
        return ds, de

    def many(self, texts: list[str]) -> list[str]:
        return [self.snap(t) or t for t in texts]


def _bullet_items(reference: str) -> list[str]:
    """The reference's bulleted items, each with the lines it wraps onto joined."""
    items: list[list[str]] = []
    open_item = False
    for line in reference.splitlines():
        text, bullet = strip_bullet(squash(line))
        if bullet:
            items.append([text])
            open_item = True
        elif open_item and text and not items[-1][-1].endswith((".", "!", "?")):
            items[-1].append(text)
        else:
            open_item = False
    return [join_wrapped(lines) for lines in items]


def _trim_to(cand: str, needle: str) -> str:
    """Drop a word the alignment took in before the needle's first word or after its last one.

    A window as long as the needle slides past its start when the needle holds a word the
    reference lacks ("… som socialt ska …"), taking in the word before the passage."""
    words, want = cand.split(" "), needle.split(" ")
    if len(words) < 3 or len(want) < 3:
        return cand
    def key(w: str) -> str:
        return _lower(fold_same_length(w)).strip(".,;:!?()\"'’”")
    if key(words[0]) != key(want[0]) and key(words[1]) == key(want[0]):
        words = words[1:]
    if key(words[-1]) != key(want[-1]) and key(words[-2]) == key(want[-1]):
        words = words[:-1]
    return " ".join(words)


def snap_to_reference(b: Brochure, reference: str) -> Brochure:
    """A copy of ``b`` whose text fields are taken from ``reference`` where they match."""
    s = Snapper(reference)
    quotes = {id(q): _quote(s, q) for q in b.quotes}
    projects = [_card(s, c, quotes) for c in b.projects]
    return replace(
        b,
        title=s.snap(b.title), subtitle=s.snap(b.subtitle),
        sections=[Section(s.snap(x.heading), s.many(x.paragraphs), s.many(x.items)) for x in b.sections],
        partnerships=[_partner(s, p) for p in b.partnerships],
        projects=projects,
        quotes=[quotes[id(q)] for q in b.quotes],
        contact=(replace(b.contact, organisation=s.snap(b.contact.organisation), website=s.snap(b.contact.website))
                 if b.contact else None),
        notes=s.many(b.notes),
    )


def _quote(s: Snapper, q: Quote) -> Quote:
    return replace(q, speaker=s.snap(q.speaker) or q.speaker, role=s.snap(q.role), text=s.snap(q.text) or q.text)


def _partner(s: Snapper, p: Partnership) -> Partnership:
    return replace(p, partner=s.snap(p.partner) or p.partner, country=s.snap(p.country),
                   website=s.snap(p.website), themes=s.many(p.themes), funding=s.snap(p.funding))


def _card(s: Snapper, c: ProjectCard, quotes: dict[int, Quote]) -> ProjectCard:
    title, acronym = c.title, c.acronym
    if acronym:  # snap "title (acronym)" as printed, then split again
        joined = s.snap(f"{title} ({acronym})") or ""
        if joined.endswith(")") and " (" in joined:
            title, acronym = joined[:-1].rsplit(" (", 1)
        else:
            title = s.snap(title) or title
    else:
        title = s.snap(title) or title
    quote = quotes.get(id(c.quote), c.quote) if c.quote else None
    facts = [s.snap_item(f) for f in c.facts]
    result = s.snap(c.result)
    for old, new in zip(c.facts, facts):  # the result is the tail of its fact: take it from the snapped fact
        if c.result and old.endswith(c.result) and ":" in new and new != old:
            result = new.split(":", 1)[1].strip()
    return replace(c, title=title, acronym=acronym, partners=s.many(c.partners), country=s.snap(c.country),
                   owner=s.snap(c.owner), facts=facts, result=result, body=s.many(c.body), quote=quote)


__all__ = ["Snapper", "snap_to_reference", "fold_same_length"]
