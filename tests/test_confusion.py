"""The confusion model: what English-model OCR makes of Swedish letters."""
from __future__ import annotations

import pytest

from brochure_extract.confusion import DEFAULT_TABLE, ConfusionModel


@pytest.fixture(scope="module")
def model() -> ConfusionModel:
    return ConfusionModel(survival=0.0)


@pytest.mark.parametrize(
    ("ocr", "true"),
    [("Vaxjé", "Växjö"), ("I&ng", "lång"), ("pd&", "på"), ("ddar", "där"), ("for", "för"),
     ("|arare", "lärare"), ("6kat", "ökat"), ("mdélen", "målen"), ("Viéxjé", "Växjö")],
)
def test_known_damage_is_explained(model: ConfusionModel, ocr: str, true: str) -> None:
    assert model.log_likelihood(ocr, true) is not None
    assert model.plausible(ocr, true)


@pytest.mark.parametrize(("ocr", "true"), [("katt", "hund"), ("for", "fort"), ("Marks", "Malmö")])
def test_other_words_are_not_confusions(model: ConfusionModel, ocr: str, true: str) -> None:
    assert model.log_likelihood(ocr, true) is None


def test_dropping_a_diacritic_is_likelier_than_odd_glyphs(model: ConfusionModel) -> None:
    plain = model.log_likelihood("for", "för")
    odd = model.log_likelihood("fdr", "för")
    assert plain is not None and odd is not None and plain > odd


def test_survival_rate_decides_whether_diacritics_are_expected() -> None:
    folded = ConfusionModel(survival=0.0)
    clean = ConfusionModel(survival=1.0)
    # In clean text 'har' is rarely a damaged 'här'; in folded text it often is.
    assert folded.log_likelihood("har", "här") > clean.log_likelihood("har", "här")
    assert clean.log_likelihood("här", "här") > folded.log_likelihood("här", "här")


def test_folded_keys_lead_to_the_lexicon_key(model: ConfusionModel) -> None:
    keys = dict(model.folded_keys("Vaxjé"))
    assert "vaxjo" in keys
    assert dict(model.folded_keys("pd&")).keys() >= {"pa"}


def test_from_pairs_learns_a_new_rendering() -> None:
    base = ConfusionModel(survival=0.0)
    assert base.log_likelihood("Xr", "är") is None
    learned = ConfusionModel.from_pairs([("Xr", "är", 40), ("Xndra", "ändra", 30), ("hXr", "här", 30)], base=base)
    assert learned.log_likelihood("Xr", "är") is not None
    # what it knew stays known
    assert learned.log_likelihood("for", "för") is not None


def test_from_pairs_ignores_noise_seen_once() -> None:
    learned = ConfusionModel.from_pairs([("Qr", "är", 1)], base=ConfusionModel(survival=0.0))
    assert learned.log_likelihood("Qr", "är") is None


def test_json_round_trip(tmp_path) -> None:
    m = ConfusionModel()
    path = tmp_path / "c.json"
    path.write_text(m.to_json(), encoding="utf-8")
    again = ConfusionModel.from_json(path)
    assert again.table == m.table


def test_align_gives_the_glyphs_of_each_letter(model: ConfusionModel) -> None:
    assert model.align("pd&", "på") == [("p", "p"), ("å", "d&")]
    assert DEFAULT_TABLE["ö"]["é"] > 0.3
