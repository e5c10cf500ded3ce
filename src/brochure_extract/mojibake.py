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

import re

import ftfy

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
            f"encoding damage repaired by ftfy: {_describe(steps)}",
        ))
    out, placed = apply_edits(text, edits)
    return RepairResult(original=text, text=out, edits=placed)


# -- composing two stages ------------------------------------------------------------------


def _mapper(edits: list[Edit], *, forward: bool):
    """A function from positions of one text to the other across ``edits`` (sorted).

    ``forward``: from input (start/end) to output (out_start/out_end) coordinates; else back.
    Only meaningful for positions not strictly inside an edit.
    """
    if forward:
        src = [(e.start, e.end, e.out_start, e.out_end) for e in edits]
    else:
        src = [(e.out_start, e.out_end, e.start, e.end) for e in edits]

    def to(pos: int, *, low: bool) -> int:
        shift = 0
        for s0, s1, d0, d1 in src:
            if s1 < pos or (s1 == pos and not (low and s0 == pos)):
                shift = d1 - s1
                continue
            if s0 == pos and low:
                return d0
            if s0 <= pos <= s1:
                return d1 if pos == s1 else d0  # at an edit's edge
            break
        return pos + shift

    return to


def compose(first: RepairResult, second: RepairResult) -> RepairResult:
    """One result from ``first.original`` to ``second.text`` (``second`` was computed on ``first.text``).

    Edits are in original coordinates, out offsets in final ones. A second-stage edit that
    overlaps or touches a first-stage edit is merged with it into one edit covering both.
    """
    if second.original != first.text:
        raise ValueError("compose(): the second result was not computed on the first one's text")
    original, final = first.original, second.text
    e1 = sorted(first.edits, key=lambda e: (e.out_start, e.out_end))
    e2 = sorted(second.edits, key=lambda e: (e.start, e.end))
    if not e1 or not e2:
        pass  # still recomputed below so offsets are in the right coordinates
    back = _mapper(e1, forward=False)  # middle -> original
    fwd = _mapper(e2, forward=True)  # middle -> final

    # Clusters in middle coordinates: first-stage out intervals joined with the
    # second-stage in intervals they overlap or touch.
    items = [(e.out_start, e.out_end, 1, e) for e in e1] + [(e.start, e.end, 2, e) for e in e2]
    items.sort(key=lambda t: (t[0], t[1], t[2]))
    clusters: list[list] = []  # [lo, hi, [first edits], [second edits]]
    for lo, hi, stage, e in items:
        if clusters:
            c = clusters[-1]
            touching = lo <= c[1]
            # Merge only across stages: two edits of one stage stay apart unless bridged.
            if touching and ((stage == 1 and c[3] and lo <= max(x.end for x in c[3]))
                             or (stage == 2 and c[2] and lo <= max(x.out_end for x in c[2]))):
                c[1] = max(c[1], hi)
                c[1 + stage].append(e)
                continue
        clusters.append([lo, hi, [e] if stage == 1 else [], [e] if stage == 2 else []])

    edits: list[Edit] = []
    for lo, hi, ones, twos in clusters:
        o_lo = min([x.start for x in ones if x.out_start == lo] or [back(lo, low=True)])
        o_hi = max([x.end for x in ones if x.out_end == hi] or [back(hi, low=False)])
        f_lo = min([x.out_start for x in twos if x.start == lo] or [fwd(lo, low=True)])
        f_hi = max([x.out_end for x in twos if x.end == hi] or [fwd(hi, low=False)])
        if not twos:
            (e,) = ones
            edits.append(Edit(e.start, e.end, e.before, e.after, e.confidence, e.reason, e.explanation,
                              f_lo, f_hi, e.ref_start, e.ref_end))
            continue
        if not ones:
            (e,) = twos
            edits.append(Edit(o_lo, o_hi, e.before, e.after, e.confidence, e.reason, e.explanation,
                              e.out_start, e.out_end, e.ref_start, e.ref_end))
            continue
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
        disagreements=[*first.disagreements, *_shift_disagreements(second.disagreements, back)],
    )


def _shift_disagreements(ds: list[Disagreement], back) -> list[Disagreement]:
    """Second-stage disagreements point into the middle text: move them to the original."""
    from dataclasses import replace

    return [replace(d, start=back(d.start, low=True), end=back(d.end, low=False)) for d in ds]
