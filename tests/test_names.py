"""Names no lexicon knows, read from all their copies in one document (brochure_extract.names)."""
from __future__ import annotations

import pytest

from brochure_extract import repair
from brochure_extract.charmodel import CharModel
from brochure_extract.confusion import ConfusionModel
from brochure_extract.names import name_readings


@pytest.fixture(scope="module")
def model() -> ConfusionModel:
    return ConfusionModel.default().with_survival(0.0)


@pytest.fixture(scope="module")
def chars() -> CharModel | None:
    return CharModel.default()


def test_copies_damaged_in_different_places_give_one_spelling(model, chars):
    # No copy shows both lost letters; together they do.
    counts = {"Rosmala": 6, "Rosm&la": 2, "R6smala": 3}
    readings = name_readings(counts, model, chars)
    assert {tok: r.form for tok, r in readings.items()} == dict.fromkeys(counts, "Rösmåla")
    r = readings["Rosmala"]
    assert set(r.copies) == set(counts) and 0.5 < r.confidence <= 1.0
    assert "Rosm&la" in r.explain("Rosmala") and "Rösmåla" in r.explain("Rosmala")


def test_a_letter_every_copy_shows_is_read_as_itself(model, chars):
    # 'd' may stand for ö, but not when every copy prints it: 'Tallhed', not 'Tallheö'.
    readings = name_readings({"Tallhed": 4, "Tallhéd": 1, "Tallh6d": 2}, model, chars)
    assert {r.form for r in readings.values()} == {"Tallhöd"}
    readings = name_readings({"Sjoborad": 3, "Sj6borad": 3}, model, chars)
    assert {r.form for r in readings.values()} == {"Sjöborad"}


def test_one_spelling_is_not_a_group(model, chars):
    assert name_readings({"Municipalité": 3}, model, chars) == {}


def test_a_glyph_that_is_another_consonant_vetoes_the_vowel(model, chars):
    # A foreign name's 'š' read as 's' twice and as '&' once is no ö.
    readings = name_readings({"Opstina": 1, "OpStina": 1, "Op&tina": 1}, model, chars)
    assert all("ö" not in r.form for r in readings.values())


def test_plain_copies_need_a_witness(model, chars):
    # Nothing in these copies says a letter was lost: no reading.
    assert name_readings({"Tallberga": 5, "Tallbergas": 2}, model, chars) == {}


def test_a_compound_reading_fills_letters_no_copy_witnesses(model, chars):
    # The copies witness the ö; the compound of known words brings the ä no copy shows.
    counts = {"Kroharads": 4, "Kr6harads": 7}
    plain = name_readings(counts, model, chars)
    assert {r.form for r in plain.values()} == {"Kröharads"}
    proposed = name_readings(counts, model, chars, proposals={"Kroharads": "Kröhärads"})
    assert {r.form for r in proposed.values()} == {"Kröhärads"}
    # ... but not against a letter the copies witness.
    counts = {"Rosmala": 6, "Rosm&la": 2, "R6smala": 3}
    proposed = name_readings(counts, model, chars, proposals={"Rosmala": "Rösmäla"})
    assert {r.form for r in proposed.values()} == {"Rösmåla"}


def test_repair_spells_every_copy_alike_and_says_why():
    text = ("Rosmala kommun har tre partnerskap. I Rosm&la bor 20 000 invanare.\n"
            "R6smala kommun ar medlem i natverket. Kontakt: Rosmala kommun, Storgatan 1.\n")
    result = repair(text)
    assert result.text.count("Rösmåla") == 4
    names = [e for e in result.edits if e.reason == "name"]
    assert len(names) == 4
    assert all(e.after == "Rösmåla" and "read together" in e.explanation for e in names)
    assert repair(result.text).text == result.text


def test_a_name_the_lexicon_knows_is_left_to_the_lexicon():
    result = repair("Vaxjé kommun och Vaxjo kommun samarbetar.")
    assert result.text == "Växjö kommun och Växjö kommun samarbetar."
    assert not [e for e in result.edits if e.reason == "name"]


def test_names_survive_the_caches_being_trimmed_between_documents():
    # The analyses cache and the name cache are trimmed separately: a name known as unknown from
    # an earlier document must be analysed again, not looked up (this raised KeyError once).
    from brochure_extract.repair import Repairer

    r = Repairer()
    r._CACHE_LIMIT = 40
    for k in range(60):
        text = " ".join([f"Ortnamn{k}", f"Byn{k}a", "Rosmala", "Rosm&la", "kommun", "ar", "vara", f"Ekby{k}"] * 3)
        assert "Rosmåla" in r.repair(text).text  # (the copies witness the å only)
