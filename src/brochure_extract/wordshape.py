"""What a token looks like: case pattern, OCR stand-in glyphs, whether it can be a damaged word.

Kept apart from the scoring so the rules about *shape* (not about Swedish) are in one place.
"""
from __future__ import annotations

import re

#: Glyphs that English-model OCR prints for å/ä/ö and that never occur inside Swedish words.
STAND_INS = frozenset("&@|")
#: Glyphs that are stand-ins in OCR but also occur in real names and loanwords (Linné, idé).
WEAK_STAND_INS = frozenset("é")


def worth_looking(tok: str) -> bool:
    """Can ``tok`` be a damaged Swedish word? Numbers, codes and lone ``&`` cannot."""
    if len(tok) > 40 or tok.isdigit() or not tok.strip("&"):
        return False
    letters = sum(c.isalpha() for c in tok)
    if letters == 0:
        return False
    if letters < len(tok) / 2 and not any(c in STAND_INS for c in tok):
        return False  # codes like A4, 2030a, 17b
    if tok[:1].isupper() and tok[-1:].isdigit() and tok.rstrip("0123456789").isupper():
        return False  # codes like P1, E4, SDG3: capitals then digits
    return True


def suspicion(tok: str) -> float:
    """How strongly ``tok`` looks like OCR damage rather than a real but unknown word or name.

    ``&``, ``@`` and ``|`` never occur inside Swedish words; a digit inside letters or a
    capital I before a lowercase letter rarely does; ``é`` occurs in names and loanwords
    (Linné, idé), so it counts less.
    """
    n = 0.0
    has_alpha = any(c.isalpha() for c in tok)
    for c in tok:
        if c in STAND_INS:
            n += 2.0
        elif c in WEAK_STAND_INS:
            n += 1.0
        elif c.isdigit() and has_alpha:
            n += 2.0
    if len(tok) > 1 and tok[0] == "I" and (tok[1].islower() or tok[1] in STAND_INS or tok[1] in WEAK_STAND_INS):
        n += 1.0  # 'Iara': a capital I before a lowercase letter is usually an l
    if len(tok) > 2 and any(c.isupper() for c in tok[1:]) and any(c.islower() for c in tok[1:]):
        n += 1.0  # 'MAlmé': a capital inside a lowercase word
    return n


def apply_case(tok: str, form: str) -> str:
    """Give the lowercase ``form`` the case pattern of ``tok`` (UPPER, Capitalised or lower)."""
    upper = [c for c in tok if c.isupper()]
    if len(upper) > 1 and not any(c.islower() for c in tok):
        return form.upper()
    if tok[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


#: In text whose å/ä/ö survived, a token can only be damaged through glyphs like these
#: (a capital I counts only before a lowercase letter: 'Iara' for 'lära').
CLEAN_TEXT_SUSPECT_RE = re.compile(r"[&@|é0-9]|I(?=[^\W\dA-ZÅÄÖ_]|[&@|é])")
#: The same, or a capital right after a lowercase letter ('sA', 'ocksA'): where to look for tokens
#: that a confirming pass over clean text could still change.
MAY_CHANGE_IN_CLEAN_TEXT_RE = re.compile(CLEAN_TEXT_SUSPECT_RE.pattern + r"|[^\W\dA-ZÅÄÖ_][A-ZÅÄÖ]")


def odd_case(tok: str) -> bool:
    """A capital letter after a lowercase one (``sA``, ``mAaste``): no Swedish word is written so."""
    return any(a.islower() and b.isupper() for a, b in zip(tok, tok[1:]))


def compoundable(tok: str) -> bool:
    """Could ``tok`` be a Swedish compound written as one word (letters and stand-ins, not all caps)?"""
    return all(c.isalpha() or c in STAND_INS or c.isdigit() for c in tok) and not tok.isupper()
