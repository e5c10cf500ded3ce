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
import ftfy.bad_codecs  # noqa: F401  (registers 'sloppy-windows-1252')

from .edits import Edit, RepairResult, apply_edits, compose  # noqa: F401  (compose re-exported)

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
