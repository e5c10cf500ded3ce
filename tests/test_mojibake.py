"""Encoding damage fixed with ftfy, span by span, and composed with the OCR repair."""
from __future__ import annotations

import time

import pytest

from brochure_extract.edits import Edit, RepairResult, apply_edits
from brochure_extract.mojibake import compose, fix_mojibake, needs_fixing
from brochure_extract.repair import repair


def assert_consistent(original: str, result: RepairResult) -> None:
    """The repair contract: edits slice both texts, rebuild the output, and nothing else changed."""
    assert result.original == original
    rebuilt, placed = apply_edits(original, result.edits)
    assert rebuilt == result.text
    assert [(e.out_start, e.out_end) for e in placed] == [(e.out_start, e.out_end) for e in result.edits]
    for e in result.edits:
        assert original[e.start:e.end] == e.before, e
        assert result.text[e.out_start:e.out_end] == e.after, e
        assert e.before != e.after, e
    # Text outside the edits is unchanged, char for char.
    pos = out = 0
    for e in sorted(result.edits, key=lambda e: e.start):
        assert original[pos:e.start] == result.text[out:e.out_start]
        pos, out = e.end, e.out_end
    assert original[pos:] == result.text[out:]


MOJIBAKE = [
    ("VÃ¤xjÃ¶", "Växjö"),
    ("fÃ¶r att", "för att"),
    ("Ã–land och Ã…re", "Öland och Åre"),
    ("Ã¥r 2024 pÃ¥ GÃ¶teborg.", "år 2024 på Göteborg."),
    ("Vi â€“ alla â€“ Ã¤r hÃ¤r", "Vi – alla – är här"),
    ("Hon sa â€œhejâ€\x9d och gick", "Hon sa “hej” och gick"),
    ("ﬁnns ﬂyg", "finns flyg"),
    ("ÃƒÂ¤", "ä"),
    ("idÃ©", "idé"),
]


@pytest.mark.parametrize("text, fixed", MOJIBAKE)
def test_mojibake_fixed_with_edits(text: str, fixed: str) -> None:
    assert needs_fixing(text)
    r = fix_mojibake(text)
    assert r.text == fixed
    assert r.edits and all(e.reason == "mojibake" for e in r.edits)
    assert all(e.explanation.startswith("ftfy: (") for e in r.edits)
    assert_consistent(text, r)
    assert fix_mojibake(r.text).edits == []


def test_edit_quotes_ftfy_explanation_and_is_tight() -> None:
    r = fix_mojibake("Det ar VÃ¤xjÃ¶, sa hon")
    (e,) = r.edits
    assert (e.before, e.after) == ("Ã¤xjÃ¶", "äxjö")
    assert e.explanation == "ftfy: ('encode', 'latin-1'), ('decode', 'utf-8')"


CLEAN = [
    "Välkommen till Växjö – Smålands huvudstad!",
    "Det är ”bra” och “bättre” — å, ä, ö, Å, Ä, Ö, é, ü, 50 % à 20 kr, 5 °C, © 2024",
    "Hallbarhetsmal for kommunen: pa & har (OCR utan diakritiska tecken)",
    "Åre, Öland och Ängelholm. ÅÄÖ–åäö",
    "",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_untouched(text: str) -> None:
    r = fix_mojibake(text)
    assert r.text == text and r.edits == []


@pytest.mark.parametrize("text", CLEAN[:3])
def test_clean_text_not_suspicious(text: str) -> None:
    assert not needs_fixing(text)


def test_pre_check_is_only_a_pre_check() -> None:
    # 'Ö' + '–' looks like a UTF-8 lead + continuation pair; ftfy judges it clean.
    text = "ÅÄÖ–åäö ”VÄXJÖ”"
    assert needs_fixing(text)
    assert fix_mojibake(text).edits == []


def test_clean_text_is_fast() -> None:
    text = " ".join(CLEAN) * 20_000  # ~2.5 MB
    t0 = time.perf_counter()
    r = fix_mojibake(text)
    assert time.perf_counter() - t0 < 0.5
    assert r.edits == [] and r.text is text


# -- compose ----------------------------------------------------------------------------------


def _second(middle: str, edits: list[tuple[int, int, str, str]]) -> RepairResult:
    out, placed = apply_edits(middle, [Edit(a, b, middle[a:b], new, conf, why) for a, b, new, conf, why in edits])
    return RepairResult(middle, out, placed, warnings=["second"])


def test_compose_merges_overlapping_and_touching_edits() -> None:
    original = "Ett ar VÃ¤xjo och Ã¶ ar mal."
    first = fix_mojibake(original)
    middle = first.text
    assert middle == "Ett ar Växjo och ö ar mal."
    first.warnings.append("first")
    second = _second(middle, [
        (4, 6, "är", 0.9, "lexicon"),  # apart from any first-stage edit
        (7, 12, "Växjö", 0.8, "lexicon"),  # overlaps 'Ã¤' -> 'ä'
        (19, 21, "är", 0.7, "context"),  # 'ö' + ' ar': touches nothing ('ö' ends at 18)
        (22, 25, "mål", 0.6, "lexicon"),
    ])
    r = compose(first, second)
    assert r.text == "Ett är Växjö och ö är mål."
    assert_consistent(original, r)
    assert [(e.before, e.after, e.reason, e.confidence) for e in r.edits] == [
        ("ar", "är", "lexicon", 0.9),
        ("VÃ¤xjo", "Växjö", "mojibake+lexicon", 0.8),
        ("Ã¶", "ö", "mojibake", 0.99),
        ("ar", "är", "context", 0.7),
        ("mal", "mål", "lexicon", 0.6),
    ]
    assert r.warnings == ["first", "second"]


def test_compose_touching_edit_at_the_boundary() -> None:
    original = "xÃ¶y"
    first = fix_mojibake(original)
    assert first.text == "xöy"
    # Replaces 'y', which starts exactly where the first-stage 'ö' ends: touching, so merged.
    r = compose(first, _second(first.text, [(2, 3, "Z", 0.5, "lexicon")]))
    assert r.text == "xöZ"
    assert [(e.start, e.end, e.before, e.after, e.reason) for e in r.edits] == [
        (1, 4, "Ã¶y", "öZ", "mojibake+lexicon")
    ]
    assert_consistent(original, r)
    # An insertion right before it touches too.
    r = compose(first, _second(first.text, [(1, 1, "-", 0.5, "lexicon")]))
    assert r.text == "x-öy" and len(r.edits) == 1 and r.edits[0].before == "Ã¶"
    assert_consistent(original, r)


def test_compose_without_edits() -> None:
    text = "Det ar fint"
    first = fix_mojibake(text)
    r = compose(first, _second(text, [(4, 6, "är", 0.9, "lexicon")]))
    assert r.text == "Det är fint" and r.edits[0].start == 4
    assert_consistent(text, r)


# -- through repair() -------------------------------------------------------------------------

END_TO_END = [
    "FÃ¶r att",
    "Det ar VÃ¤xjÃ¶",
    "Vi har â€“ som ofta â€“ ﬁnt ﬂyg till Ã…re.",
    "Det ar manga som bor har i kommunen och for att na dit maste man aka till VÃ¤xjo och Malmo",
    "Hallbarhetsmalen i Vaxjo kommun ar manga.\nLÃ¤s mer pa webben: www.vaxjo.se/hallbarhet",
]


@pytest.mark.parametrize("text", END_TO_END)
def test_repair_contract_with_mojibake(text: str) -> None:
    r = repair(text)
    assert_consistent(text, r)
    assert not any(c in r.text for c in "Ãâﬁﬂ")
    again = repair(r.text)
    assert again.text == r.text  # idempotent
    assert again.edits == []


def test_repair_keeps_correct_word_after_decoding() -> None:
    r = repair("FÃ¶r att")
    assert r.text == "För att"
    assert [(e.before, e.after, e.reason) for e in r.edits] == [("Ã¶", "ö", "mojibake")]


def test_repair_merges_mojibake_and_diacritic_repair() -> None:
    text = "Det ar manga som bor har i kommunen och for att na dit maste man aka till VÃ¤xjo och Malmo"
    r = repair(text)
    assert r.text.startswith("Det är många")
    assert "till Växjö och Malmö" in r.text
    merged = [e for e in r.edits if e.reason.startswith("mojibake+")]
    assert [(e.before, e.after, e.reason) for e in merged] == [("VÃ¤xjo", "Växjö", "mojibake+lexicon")]
    assert "ftfy: (" in merged[0].explanation


def test_repair_short_text_mojibake_then_same_as_clean_text() -> None:
    # Once decoded, 'Växjö' shows that this text keeps its å/ä/ö, so 'ar' is left as it is,
    # exactly as repair('Det ar Växjö') does: the mojibake stage changes only encoding damage.
    assert repair("Det ar VÃ¤xjÃ¶").text == repair("Det ar Växjö").text == "Det ar Växjö"


def test_repair_with_reference_and_mojibake() -> None:
    text = "Det ar manga som bor i VÃ¤xjo"
    r = repair(text, reference="Det är många som bor i Växjö")
    assert r.text == "Det är många som bor i Växjö"
    assert_consistent(text, r)
    assert repair(r.text, reference="Det är många som bor i Växjö").text == r.text


def test_repair_clean_text_unchanged() -> None:
    for text in CLEAN:
        r = repair(text)
        assert_consistent(text, r)
        assert not any(e.reason.startswith("mojibake") for e in r.edits)


# -- properties -------------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_WORDS = ["Växjö", "för", "år", "Åre", "Öland", "här", "på", "idé", "–", "“hej”", "finns", "flyg",
          "Vaxjo", "ar", "manga", "kommun", "och", "att", "Malmo", "www.vaxjo.se", "&", "é", "ÅÄÖ"]


def _damage(word: str, how: int) -> str:
    if how == 1:
        return word.encode("utf-8").decode("windows-1252", errors="replace")
    if how == 2:
        return word.encode("utf-8").decode("latin-1")
    if how == 3:
        return word.replace("fi", "\ufb01").replace("fl", "\ufb02")
    return word


_mojibake_text = st.lists(
    st.tuples(st.sampled_from(_WORDS), st.integers(0, 3), st.sampled_from([" ", "\n", ", ", ". ", "\xa0"])),
    max_size=30,
).map(lambda items: "".join(_damage(w, how) + sep for w, how, sep in items))
_texts = st.one_of(_mojibake_text, st.lists(st.one_of(_mojibake_text, st.text(max_size=60)), max_size=3).map("".join))
_PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_PROPS
@given(_texts)
def test_fix_mojibake_properties(text: str) -> None:
    r = fix_mojibake(text)
    assert_consistent(text, r)
    assert fix_mojibake(r.text).text == r.text


@_PROPS
@given(_texts)
def test_repair_properties_with_mojibake(text: str) -> None:
    r = repair(text)
    assert_consistent(text, r)
    assert repair(r.text).text == r.text


@_PROPS
@given(_mojibake_text, st.data())
def test_compose_properties(text: str, data: st.DataObject) -> None:
    first = fix_mojibake(text)
    middle = first.text
    cuts = sorted(data.draw(st.lists(st.integers(0, len(middle)), max_size=8)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2])]
    edits = [(a, b, data.draw(st.sampled_from(["", "X", "åä", middle[a:b] + "!"])), 0.5, "lexicon")
             for a, b in spans]
    edits = [e for e in edits if middle[e[0]:e[1]] != e[2]]
    second = _second(middle, edits)
    r = compose(first, second)
    assert r.text == second.text
    assert_consistent(text, r)
    n_merged = sum(e.reason.startswith("mojibake+") for e in r.edits)
    assert len(r.edits) <= len(first.edits) + len(second.edits) - n_merged
