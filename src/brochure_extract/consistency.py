"""Document consistency: an acronym the OCR misread in a few places, quote pairs it half
straightened, a sentence-opening 'I' it printed as '|', and a few glyphs of its own (an
underscore for a wide space, 'km?' for km², '—' for the Swedish '–', specks read as full stops).

An English-model OCR confuses a handful of capital glyphs (``I``/``J``, ``0``/``O``,
``1``/``I``, ``5``/``S``, ``8``/``B``). No lexicon knows acronyms and names like ``JB``,
but the document does: when ``KB Hansa`` appears eight times and ``IB Hansa`` twice,
the two are one name and the rare spelling is the misreading. The evidence required
is deliberately strong: the common spelling must be at least three times as frequent,
seen at least three times, and the two must share a neighbouring word.

Swedish typography opens and closes a quotation with the same mark (’ord’, ”ord”).
An OCR that prints the opening one as a straight ``'`` or ``"`` leaves a pair that
no writer made (``'Läsklubben’``); the closing mark says which one it was.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable

from .edits import Edit, RepairResult, apply_edits

#: Capital glyphs an English-model OCR swaps for one another.
CONFUSABLE: dict[str, str] = {"I": "J1", "J": "I", "0": "O", "O": "0", "1": "I", "5": "S", "S": "5", "8": "B", "B": "8"}
#: An all-capitals token (digits allowed inside), with its neighbouring words.
#: (Each pattern here opens with a glyph and looks behind only after it: a pattern that opens
#: with a look-behind is tried at every offset, forty times slower on a long document.)
_CAPS_RE = re.compile(r"[A-ZÅÄÖ0-9](?<![\w&@|][A-ZÅÄÖ0-9])[A-ZÅÄÖ0-9]{1,7}(?![\w&@|])")
_WORD_RE = re.compile(r"[^\W_]+")
#: A straight quote opening a word whose closing mark, later on the same line, is curly.
_HALF_STRAIGHT_RE = re.compile(r"""(['"])(?<![\w'"’”]['"])(?=[^\W_][^'"’”\n]{0,200}?[^\s'"’”][’”](?![\w]))""")
#: A lone '|' opening a line or a sentence, before a word (perhaps on the next line): the OCR's
#: reading of the preposition 'I' ("| Lunhangas hamnkvarter hämtade", "motsatta. | stället").
_BAR_OPENING_RE = re.compile(r"\|(?=(?: |[ ]?\n)[A-ZÅÄÖa-zåäö][a-zåäö])")  # (and see _opens_sentence)
MIN_RATIO = 3
MIN_COUNT = 3


def _neighbours(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    before = _WORD_RE.findall(text[max(0, start - 40) : start])
    after = _WORD_RE.search(text, end, end + 40)
    return (before[-1].lower() if before else None, after.group().lower() if after else None)


def misread_capitals(text: str) -> dict[str, str]:
    """Rare all-capitals spellings -> the document's common spelling of the same name."""
    counts = Counter(t for t in _CAPS_RE.findall(text) if not t.isdigit())  # names, not numbers
    if sum(counts.values()) < MIN_COUNT + 1:
        return {}
    pairs: dict[str, str] = {}  # rare spelling -> its common variant, before the neighbours are checked
    for tok, n in counts.items():
        best: tuple[int, str] | None = None
        for i, ch in enumerate(tok):
            for alt in CONFUSABLE.get(ch, ""):
                variant = tok[:i] + alt + tok[i + 1 :]
                m = counts.get(variant, 0)
                if m >= MIN_COUNT and m >= MIN_RATIO * n and (best is None or m > best[0]):
                    best = (m, variant)
        if best is not None:
            pairs[tok] = best[1]
    if not pairs:
        return {}
    wanted = set(pairs) | set(pairs.values())
    context: dict[str, set[str]] = defaultdict(set)
    for m in _CAPS_RE.finditer(text):
        if m.group() in wanted:
            left, right = _neighbours(text, m.start(), m.end())
            if left:
                context[m.group()].add("<" + left)
            if right:
                context[m.group()].add(">" + right)
    return {tok: common for tok, common in pairs.items() if context[tok] & context[common]}


def half_straight_quotes(text: str) -> list[tuple[int, str]]:
    """Offsets of straight quotes that open a pair closed by a curly mark, with that mark."""
    out: list[tuple[int, str]] = []
    if ("'" not in text and '"' not in text) or ("’" not in text and "”" not in text):
        return out
    for m in _HALF_STRAIGHT_RE.finditer(text):
        want = "’" if m.group(1) == "'" else "”"
        close = text.find(want, m.end(), m.end() + 202)
        other = "'" if want == "’" else '"'
        if close != -1 and other not in text[m.end() : close]:
            out.append((m.start(), want))
    return out


#: A lone '|' between a lower-case word and a capitalised one, once on its line: the
#: preposition 'i' when a place name follows ("partnerskap | Tanzania och").
_BAR_BEFORE_PLACE_RE = re.compile(r"(?<=[a-zåäö,] )\|(?= (?P<next>[A-ZÅÄÖ][a-zåäö]+))")


#: "Rent vatten 1 Ungheni": a lone '1' after a lower-case word, before a capitalised one.
#: Words a number follows ("Projekt 1", "mål 1"): a '1' after them is the number.
_COUNTED = frozenset("projekt delprojekt insats etapp case del steg fas mål målet nr nummer sida sidan kapitel bild "
                     "figur tabell bilaga punkt nivå vecka dag år klass grupp version artikel rum".split())
_ONE_BEFORE_DEFINITE_RE = re.compile(r"1(?<=[A-Za-zÅÄÖåäö]{2} 1)(?= (?P<next>[a-zåäö]{3,}(?:en|et|na))\b)")
_ONE_BEFORE_NAME_RE = re.compile(r"1(?<=[a-zåäö]{2} 1)(?= (?P<next>[A-ZÅÄÖ][a-zåäö]{2,})\b)")


#: A spaced em dash, or one opening a line before a word: where Swedish sets its dash, the en dash.
_SPACED_EM_DASH_RE = re.compile(r"—(?= )")  # (and after a space or a line break, or first)


#: An underscore OCR set in a justified line's wide space, stuck to a word ("en_ projektgrupp").
_SPACE_UNDERSCORE_RE = re.compile(r"(?<=[^\W\d_])_+(?=[ \n])|(?<= )_+(?=[^\W\d_])")
#: "1 842 km?": the superscript two of km² read as a question mark.
_KM2_RE = re.compile(r"(?<=\d )km\?(?=[\s,.;)]|$)")


#: A speck read as a full stop between two words ("fortsatt.att", "projekt.i"); not in a web
#: address or an e-mail ("kabiranga.go.ug", "a.b@x.se"), whose token has no spaces.
_SPECK_JOIN_RE = re.compile(r"\.(?<=[a-zåäö]{2}\.)(?P<b>[a-zåäö]+)(?![\w.@/-])")  # (a: see _word_before)
#: A speck read as a full stop before a lower-case word ("Vi gick. hem"): a sentence never goes on so.
_SPECK_STOP_RE = re.compile(r"\.(?<=[A-Za-zÅÄÖåäö]{2}\.)(?= [a-zåäö]{2,})")  # (a: see _word_before)
#: Top-level domains seen in brochures' addresses: "x.se" is an address, "och.en" a speck.
#: (Not those that are Swedish words: "skriver.de" is a speck, "de" the pronoun.)
_TLDS = frozenset("se nu com org net eu gov info io int edu mz tz ug am ge lv lt ee md tn kh rw zm ke na mw ua ba rs "
                  "vn pe gh co uk fi dk pl xk lk bo np kg".split())
#: Abbreviations that end with a full stop inside a sentence ("ca. 300", "bl.a. genom", "tel. till").
_ABBREVIATIONS = frozenset("ca cirka kl resp tel tfn nr st bl ex tex osv dvs etc jfr inkl exkl ang enl ev fr kap fig "
                           "tab avd adr prof dr fil mag kand mm mfl pga obs sid vol uppl red org forts www".split())


def specks(text: str, is_word: Callable[[str], bool] | None = None) -> list[tuple[int, int, str, str]]:
    """(start, end, before, after) for full stops a scan's specks put where no writer would: between
    two words with no space ("fortsatt.att"; the second a Swedish word when ``is_word`` is given,
    so "koumbadiala.sn" stays an address), or before a lower-case word after an ordinary word."""
    out: list[tuple[int, int, str, str]] = []
    for m in _SPECK_JOIN_RE.finditer(text):
        b = m.group("b")
        if (_word_before(text, m.start(), _LOWER, _NOT_BEFORE_JOIN) is not None
                and b not in _TLDS and (is_word is None or is_word(b))):
            out.append((m.start(), m.start() + 1, ".", " "))
    for m in _SPECK_STOP_RE.finditer(text):
        a = _word_before(text, m.start(), _LETTERS, _NOT_BEFORE_STOP)
        if a is not None and a.lower() not in _ABBREVIATIONS:
            out.append((m.start(), m.start() + 1, ".", ""))
    return out


_LOWER = frozenset("abcdefghijklmnopqrstuvwxyzåäö")
_LETTERS = _LOWER | frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ")
_NOT_BEFORE_JOIN = re.compile(r"[\w.@/]")
_NOT_BEFORE_STOP = re.compile(r"[\w.]")


def _word_before(text: str, end: int, letters: frozenset[str], not_before: re.Pattern[str]) -> str | None:
    """The run of ``letters`` that ends at ``end``, if what comes before it is not ``not_before``
    (the look-behind of the speck patterns, done after the cheap scan for the full stop)."""
    start = end
    while start and text[start - 1] in letters:
        start -= 1
    if start and not_before.match(text, start - 1):
        return None
    return text[start:end]


def em_dashes_for_en(text: str) -> list[int]:
    """Offsets of em dashes an English-model OCR printed for Swedish en dashes.

    Swedish sets a spaced en dash ('2018 – 2024', 'Lärande – resultat', '– Det var roligt'); an
    engine that knows only English prints it as '—'. Only in a text with no en dash at all, where
    no engine told the two apart."""
    if "—" not in text or "–" in text:
        return []
    return [m.start() for m in _SPACED_EM_DASH_RE.finditer(text) if m.start() == 0 or text[m.start() - 1] in " \n"]


_TABLE_RULE_RE = re.compile(r"\w \| \w")


def _line_of(text: str, pos: int) -> str:
    """The line of ``text`` that holds offset ``pos``."""
    return text[text.rfind("\n", 0, pos) + 1 : (text.find("\n", pos) + 1 or len(text) + 1) - 1]


def _opens_sentence(text: str, pos: int) -> bool:
    """Does ``pos`` open the text, a line, or a sentence ('. ', '! ', '? ' before it)?"""
    return pos == 0 or text[pos - 1] == "\n" or (pos >= 2 and text[pos - 1] == " " and text[pos - 2] in ".!?")


def wide_space_underscores(text: str) -> RepairResult:
    """Underscores stuck to a word ("en_ projektgrupp"): OCR's reading of a justified line's wide
    space. Removed before the words are judged, so that "pa_" is read as the word "pa" (på)."""
    if "_" not in text:
        return RepairResult(original=text, text=text)
    note = "an underscore stuck to a word is how OCR reads a justified line's wide space"
    edits = [Edit(m.start(), m.end(), m.group(), "", 0.9, "glyph", note) for m in _SPACE_UNDERSCORE_RE.finditer(text)]
    if not edits:
        return RepairResult(original=text, text=text)
    out, applied = apply_edits(text, edits)
    return RepairResult(original=text, text=out, edits=applied)


def repair_consistency(text: str, is_name: Callable[[str], bool] | None = None, *,
                       folded: bool = False, is_word: Callable[[str], bool] | None = None) -> RepairResult:
    """Misread capitals, half-straightened quote pairs, a '|' printed for 'I'/'i', 'km?' for km² and,
    in ``folded`` text (English-model OCR), specks read as full stops and em dashes printed for en
    dashes, each an :class:`Edit`. ``is_name`` (lower-case word → can it be a name?) allows the 'i'
    inside a line; ``is_word`` tells a speck's next word from an address's ending (see ``specks``)."""
    changes: list[tuple[int, int, str, str, float, str, str]] = []
    for m in _KM2_RE.finditer(text) if "km?" in text else ():
        note = "after a number, 'km?' is km² whose superscript two the OCR read as '?'"
        changes.append((m.start(), m.end(), "km?", "km²", 0.9, "glyph", note))
    for a, b, before, after in specks(text, is_word) if folded and "." in text else ():
        note = "a full stop where no sentence ends (between two words, or before a lower-case one) is a speck on the scan"
        changes.append((a, b, before, after, 0.8, "glyph", note))
    for pos in em_dashes_for_en(text) if folded else ():
        note = "Swedish sets a spaced en dash; this text has none, so the OCR printed '–' as '—'"
        changes.append((pos, pos + 1, "—", "–", 0.8, "typography", note))
    fixes = misread_capitals(text)
    if fixes:
        counts = Counter(m.group() for m in _CAPS_RE.finditer(text))
        for m in _CAPS_RE.finditer(text):
            tok = m.group()
            after = fixes.get(tok)
            if after is None:
                continue
            a, b = counts[after], counts[tok]
            glyphs = ", ".join(f"{x!r} as {y!r}" for x, y in zip(after, tok) if x != y)
            note = (f"{after!r} appears {a} times in this document, {tok!r} {b}, in the same company of "
                    f"words; the OCR printed {glyphs}")
            changes.append((m.start(), m.end(), tok, after, round(a / (a + b), 3), "document", note))
    for m in _BAR_OPENING_RE.finditer(text) if "|" in text else ():
        if not _opens_sentence(text, m.start()):
            continue
        at_line_start = m.start() == 0 or text[m.start() - 1] == "\n"
        if _line_of(text, m.start()).count("|") > 1 or (
                at_line_start and m.start() and _TABLE_RULE_RE.search(_line_of(text, m.start() - 1))):
            continue  # a table's rule, not a letter (the line above sets one between two words)
        note = "a lone '|' opening a sentence is the preposition 'I'; the OCR printed 'I' as '|'"
        changes.append((m.start(), m.end(), "|", "I", 0.9, "glyph", note))
    if is_name is not None and "|" in text:
        for m in _BAR_BEFORE_PLACE_RE.finditer(text):
            if _line_of(text, m.start()).count("|") == 1 and is_name(m.group("next").lower()):
                note = "a lone '|' before a place name inside a sentence is the preposition 'i'; the OCR printed 'i' as '|'"
                changes.append((m.start(), m.end(), "|", "i", 0.8, "glyph", note))
    for m in _ONE_BEFORE_NAME_RE.finditer(text) if folded and " 1 " in text else ():
        name = m.group("next")
        before = _word_before(text, m.start() - 1, _LETTERS, _NOT_BEFORE_STOP)
        if f" i {name}" in text and before is not None and before.lower() not in _COUNTED:
            note = (f"a lone '1' between a word and {name!r} is the preposition 'i', as the document writes "
                    f"'i {name}' elsewhere; the OCR printed 'i' as '1'")
            changes.append((m.start(), m.end(), "1", "i", 0.8, "glyph", note))
    for m in _ONE_BEFORE_DEFINITE_RE.finditer(text) if folded and is_word is not None and " 1 " in text else ():
        noun = m.group("next")
        before = _word_before(text, m.start() - 1, _LETTERS, _NOT_BEFORE_STOP)
        if (before is not None and before.lower() not in _COUNTED and is_word(noun)
                and (is_word(noun[:-2]) or is_word(noun[:-1]))):
            note = (f"no number counts a noun in its definite form ({noun!r}): the lone '1' before it is the "
                    f"preposition 'i'; the OCR printed 'i' as '1'")
            changes.append((m.start(), m.end(), "1", "i", 0.8, "glyph", note))
    for pos, mark in half_straight_quotes(text):
        note = f"the quotation closes with {mark!r}, and Swedish opens it with the same mark"
        changes.append((pos, pos + 1, text[pos], mark, 0.9, "typography", note))
    if not changes:
        return RepairResult(original=text, text=text)
    out, edits = apply_edits(text, [Edit(*c) for c in changes])
    return RepairResult(original=text, text=out, edits=edits)
