"""Undo encoding damage (mojibake, PDF ligatures) with ftfy, span by span, as :class:`~.edits.Edit` s.

ftfy is run only on the stretches of text that contain a suspicious character — a
mojibake lead (``Ã``, ``Â``, ``â€``, ...) followed by what a UTF-8 continuation byte
looks like in Windows-1252/Latin-1, a C1 control character, or a Latin ligature code
point (``ﬁ``, ``ﬂ``) — so clean text (``å``/``ä``/``ö``, ``é``, “quotes”, – dashes)
is never touched and costs one regular-expression search.

ftfy is configured for plain text: no HTML unescaping (``&`` is an OCR stand-in for
``å`` here), no quote uncurling, no line-break or Unicode normalisation, so only the
damaged characters change.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import replace

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers 'sloppy-windows-1252')

from .edits import Disagreement, Edit, RepairResult, apply_edits

#: What a UTF-8 continuation byte (0x80-0xBF) looks like after decoding as
#: Windows-1252 (``€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ``), Latin-1 (C1 controls) or itself (0xA0-0xBF).
_CONT = "\x80-\xbf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d" \
        "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
#: Mojibake: a two-byte lead (0xC2-0xDF as Latin-1) + one continuation, a three-byte lead
#: (0xE0-0xEF) + two, ``Ã``/``Â`` anywhere (never Swedish; ``Ã`` + a lost no-break space),
#: C1 controls, and Latin ligatures from PDF text layers.
_SUSPICIOUS_RE = re.compile(
    rf"[\u00c2-\u00df][{_CONT}]|[\u00e0-\u00ef][{_CONT}]{{2}}|[\u00c2\u00c3]|[\x80-\x9f]|[\ufb00-\ufb06]"
)
#: A span handed to ftfy: the run of non-blank characters around a suspicious one
#: (no-break spaces belong to the run: ``Ã\xa0`` is ``à``).
_BLANK = " \t\r\n\f\v"
_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    fix_character_width=False,
    normalization=None,
    explain=True,
)
#: Two-byte UTF-8 of U+00A0-U+00FF read as Windows-1252/Latin-1: ``Ã¥`` is ``å``. ftfy leaves
#: a lone ``Ã¥``/``Ã…`` alone (it could be ``Ã`` + ``¥``), but in Swedish text it is ``å``/``Å``.
_LATIN1_PAIRS_RE = re.compile(rf"(?:[\u00c2\u00c3][{_CONT}])+")
#: How sure an ftfy fix is: encoding repairs are decided by ftfy's own badness heuristic.
_CONFIDENCE = 0.99


def needs_fixing(text: str) -> bool:
    """Cheap check: does ``text`` contain anything :func:`fix_mojibake` might change?"""
    return _SUSPICIOUS_RE.search(text) is not None


def _spans(text: str) -> list[tuple[int, int]]:
    """Non-overlapping runs of non-blank characters that hold a suspicious character.

    A run ending in a lead byte followed by one space takes the next run too
    (``Ã `` + ``la`` is ``à la`` whose no-break space became a space).
    """
    spans: list[tuple[int, int]] = []
    n = len(text)
    for m in _SUSPICIOUS_RE.finditer(text):
        if spans and m.start() < spans[-1][1]:
            continue
        a = m.start()
        while a > 0 and text[a - 1] not in _BLANK:
            a -= 1
        b = m.end()
        while b < n and text[b] not in _BLANK:
            b += 1
        if b + 1 < n and text[b] == " " and text[b - 1] in "\u00c2\u00c3" and text[b + 1] not in _BLANK:
            b += 1
            while b < n and text[b] not in _BLANK:
                b += 1
        if spans and a <= spans[-1][1]:
            a = spans.pop()[0]
        spans.append((a, b))
    return spans


def _decode_pairs(text: str) -> tuple[str, bool]:
    """Decode the ``Ã``/``Â`` + continuation pairs ftfy judged too ambiguous on their own."""
    changed = False

    def sub(m: re.Match[str]) -> str:
        nonlocal changed
        try:
            decoded = m.group().encode("sloppy-windows-1252").decode("utf-8")
        except UnicodeError:
            return m.group()
        if any("\x80" <= c <= "\x9f" for c in decoded):
            return m.group()
        changed = True
        return decoded

    if "\u00c2" not in text and "\u00c3" not in text:
        return text, False
    return _LATIN1_PAIRS_RE.sub(sub, text), changed


def _describe(steps) -> str:
    return ", ".join(f"({kind!r}, {what!r})" for kind, what in steps or ())


def fix_mojibake(text: str) -> RepairResult:
    """Fix encoding damage in ``text``; one ``Edit`` (reason ``"mojibake"``) per damaged span.

    Text outside the edits is unchanged; each edit is trimmed to the characters that changed.
    """
    if not isinstance(text, str):
        raise TypeError(f"fix_mojibake() needs str, not {type(text).__name__}")
    if not needs_fixing(text):
        return RepairResult(original=text, text=text)
    edits: list[Edit] = []
    for a, b in _spans(text):
        span = text[a:b]
        fixed, steps = ftfy.fix_and_explain(span, config=_CONFIG)
        fixed, more = _decode_pairs(fixed)
        if more:
            steps = [*(steps or ()), ("encode", "sloppy-windows-1252"), ("decode", "utf-8")]
        if fixed == span:
            continue
        # Trim what ftfy left alone on either side, so the edit covers only the damage.
        p = 0
        while p < len(span) and p < len(fixed) and span[p] == fixed[p]:
            p += 1
        s = 0
        while s < len(span) - p and s < len(fixed) - p and span[-1 - s] == fixed[-1 - s]:
            s += 1
        before, after = span[p:len(span) - s], fixed[p:len(fixed) - s]
        edits.append(Edit(
            a + p, b - s, before, after, _CONFIDENCE, "mojibake",
            f"ftfy: {_describe(steps)}",
        ))
    out, placed = apply_edits(text, edits)
    return RepairResult(original=text, text=out, edits=placed)


# -- composing two stages ------------------------------------------------------------------


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
    e1 = sorted(first.edits, key=lambda e: (e.out_start, e.out_end))
    e2 = sorted(second.edits, key=lambda e: (e.start, e.end))
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

    e1_ends = [e.out_end for e in e1]
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
            (e,) = ones
            edits.append(replace(e, out_start=fwd(e.out_start, low=True), out_end=fwd(e.out_end, low=False)))
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
            min(x.ref_start for x in refs) if refs else None,
            max(x.ref_end for x in refs) if refs else None,
        ))
    edits.sort(key=lambda e: (e.start, e.end))
    return RepairResult(
        original=original,
        text=final,
        edits=edits,
        warnings=list(first.warnings) + list(second.warnings),
        disagreements=[*first.disagreements, *_shift_disagreements(second.disagreements, back, original)],
    )


def _shift_disagreements(ds: list[Disagreement], back, original: str) -> list[Disagreement]:
    """Second-stage disagreements point into the middle text: move them to the original."""
    out = []
    for d in ds:
        a, b = back(d.start, low=True), back(d.end, low=False)
        out.append(replace(d, start=a, end=b, ocr=original[a:b]))
    return out
