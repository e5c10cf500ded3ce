"""Functional checks of the shipped lexicon (fold keys, completeness, flags)."""
from __future__ import annotations

import pytest

from brochure_extract.lexicon import Lexicon, fold


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return Lexicon.default()


@pytest.mark.parametrize("word, key", [
    ("Här", "har"), ("FÖR", "for"), ("idé", "ide"), ("Müller", "muller"),
    ("ÅÄÖ", "aao"), ("søndag", "sondag"), ("à", "a"), ("kaffe-bröd", "kaffe-brod"),
    ("abc123", "abc123"),
])
def test_fold(word: str, key: str) -> None:
    assert fold(word) == key


def test_default_is_cached(lex: Lexicon) -> None:
    assert Lexicon.default() is lex


@pytest.mark.parametrize("key, forms", [
    ("har", {"har", "här", "hår"}),
    ("for", {"för", "for"}),
    ("ar", {"är", "år", "ar"}),
    ("pa", {"på"}),
    ("dar", {"där"}),
    ("vara", {"vara", "våra"}),
    ("satt", {"sätt", "satt"}),
    ("lang", {"lång"}),
    ("mal", {"mål", "mal"}),
])
def test_candidates_complete(lex: Lexicon, key: str, forms: set[str]) -> None:
    got = lex.candidates(key)
    assert forms <= {w for w, _ in got}
    assert all(fold(w) == key for w, _ in got)
    zipfs = [z for _, z in got]
    assert zipfs == sorted(zipfs, reverse=True)
    assert all(0.0 < z <= 8.0 for z in zipfs)


def test_candidates_ranking(lex: Lexicon) -> None:
    assert lex.candidates("for")[0][0] == "för"
    assert lex.candidates("ar")[0][0] == "är"
    assert [w for w, _ in lex.candidates("har")][:2] == ["har", "här"]


def test_candidates_drop_foreign_noise(lex: Lexicon) -> None:
    plain = {w for w, _ in lex.candidates("pa")}
    assert all(set(w) <= set("abcdefghijklmnopqrstuvwxyzåäöé-") for w in plain)
    assert len(lex.candidates("pa", foreign=True)) >= len(plain)


def test_candidates_plain_key(lex: Lexicon) -> None:
    assert lex.candidates("kommun") == (("kommun", lex.zipf("kommun")),)
    assert lex.candidates("qxzvkj") == ()


def test_is_word_and_zipf(lex: Lexicon) -> None:
    for w in ("Kommunen", "och", "SAMARBETE", "verksamheten", "skolor", "hållbar"):
        assert lex.is_word(w), w
        assert lex.zipf(w.lower()) > 1.0
    for w in ("qxzvkj", "kommunnen", "vaxjé"):
        assert not lex.is_word(w)
        assert lex.zipf(w) == 0.0


def test_hunspell_only_form_gets_floor(lex: Lexicon) -> None:
    # a rare inflection only hunspell generates (wordfreq never saw it)
    assert lex.in_hunspell("samarbetsprojektens")
    assert lex.zipf("samarbetsprojektens") == 1.0
    assert not lex.in_hunspell("the") or lex.is_word("the")


def test_proper_and_common(lex: Lexicon) -> None:
    assert lex.is_proper("Stockholm") and not lex.is_common("stockholm")
    assert lex.is_common("kommun") and not lex.is_proper("kommun")
    # listed both ways: a common word first
    assert lex.has_proper_reading("inga") and not lex.is_proper("inga")
    assert lex.is_proper("Håkan") and not lex.is_proper("hakan")


def test_compound_parts(lex: Lexicon) -> None:
    assert lex.is_compound_first("hållbarhets") and lex.is_compound_part("hållbarhets")
    assert not lex.is_word("hållbarhetsx") and not lex.is_compound_part("qxzv")
    assert lex.is_compound_last("mål")
    assert lex.compound_parts("hållbarhetsmålen") == ["hållbarhets", "målen"]
    assert lex.compound_parts("Projektdeltagarna") == ["projekt", "deltagarna"]
    assert lex.compound_parts("qxzvkjqxzvkj") is None


def test_joint_forms_exist_only_inside_compounds(lex: Lexicon) -> None:
    # 'miljövetar' (miljövetare as a first part) is no word of its own, so candidates() lacks it.
    assert lex.joint_forms("miljovetar") == ("miljövetar",)
    assert not lex.is_word("miljövetar") and lex.candidates("miljovetar") == ()
    assert lex.joint_forms("har") == () and lex.joint_forms("qxzv") == ()


def test_load_from_directory(lex: Lexicon) -> None:
    from brochure_extract.lexicon import data_dir

    other = Lexicon.load(data_dir())
    assert other is not lex
    assert other.candidates("har") == lex.candidates("har")


def test_candidates_folds_its_key(lex: Lexicon) -> None:
    assert lex.candidates("HÄR") == lex.candidates("har")


def test_pickles_as_reference(lex: Lexicon) -> None:
    import pickle

    data = pickle.dumps(lex)
    assert len(data) < 1000
    assert pickle.loads(data) is lex


def test_missing_data_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="build_lexicon"):
        Lexicon.load(tmp_path)
